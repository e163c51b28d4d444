//! The front matter of a report, before its first heading: the title, a cover sheet (索引号：…,
//! 发布机构：…, several fields may share a line), a publication date, and a leading total score
//! and grade (综合评分为96.5分，评价等级为“优”), also looked for in 二（一）. Whatever else leads
//! the document is handed back, to be kept as unplaced.

use super::figures;
use super::rules;
use super::text::{Para, is_cover_line, is_title};
use crate::model::{Cover, Score};

/// What the front matter gave, each with where it was.
#[derive(Debug, Default)]
pub(super) struct Front<'a> {
    /// The title and its location.
    pub title: Option<(String, String)>,
    /// The cover sheet and the location of its first line.
    pub cover: Option<(Cover, String)>,
    /// 发布日期, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// A total score and grade, and where.
    pub score: Option<(Score, String)>,
    /// Paragraphs that are none of these (the score's sentence among them: it is kept as
    /// published).
    pub unplaced: Vec<&'a Para>,
}

/// Reads the paragraphs before the first heading; the score may also be in `summary`.
pub(super) fn read<'a>(lead: &[&'a Para], summary: &[&Para]) -> Front<'a> {
    let mut f = Front::default();
    let mut cover = Cover {
        index_number: None,
        issuer: None,
        budget_code: None,
        evaluation_method: None,
        evaluator: None,
        report_date: None,
        contact: None,
        phone: None,
        staffing: None,
    };
    let mut cover_at: Option<String> = None;
    for p in lead.iter().copied() {
        if f.title.is_none() && is_title(&p.text) && (p.text.contains("报告") || p.text.contains("自评")) {
            f.title = Some((p.text.clone(), p.at.clone()));
            continue;
        }
        if is_cover_line(&p.text) {
            let mut all_placed = true;
            for (field, value) in cover_pairs(&p.text) {
                let slot = match field {
                    "index_number" => &mut cover.index_number,
                    "issuer" => &mut cover.issuer,
                    "budget_code" => &mut cover.budget_code,
                    "evaluation_method" => &mut cover.evaluation_method,
                    "evaluator" => &mut cover.evaluator,
                    "contact" => &mut cover.contact,
                    "phone" => &mut cover.phone,
                    "staffing" => &mut cover.staffing,
                    "report_date" => &mut cover.report_date,
                    "published" => &mut f.published,
                    _ => continue,
                };
                let value = if matches!(field, "report_date" | "published") { parse_date(&value) } else { Some(value) };
                match value {
                    Some(v) => *slot = Some(v),
                    // A date jixiao cannot read stays visible as published.
                    None => all_placed = false,
                }
            }
            cover_at.get_or_insert(p.at.clone());
            if !all_placed {
                f.unplaced.push(p);
            }
            continue;
        }
        if f.score.is_none()
            && let Some(s) = score_in(&p.text)
        {
            f.score = Some((s, p.at.clone()));
        }
        f.unplaced.push(p);
    }
    if f.score.is_none() {
        f.score = summary.iter().find_map(|p| score_in(&p.text).map(|s| (s, p.at.clone())));
    }
    f.cover = cover_at.map(|at| (cover, at));
    f
}

/// A date as `YYYY-MM-DD` from 2023年5月10日, 2023-5-10, 2023.05.10 or 2023/5/10.
fn parse_date(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).collect();
    let [y, m, d] = parts.as_slice() else { return None };
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1900..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The `label：value` pairs of a cover-sheet line (several may share one line).
fn cover_pairs(text: &str) -> Vec<(&'static str, String)> {
    let mut hits: Vec<(usize, usize, &'static str)> = Vec::new();
    for (label, field) in rules::COVER {
        for (i, _) in text.match_indices(label) {
            let after = &text[i + label.len()..];
            if after.trim_start().starts_with(['：', ':']) && !hits.iter().any(|(s, e, _)| *s <= i && i < *e) {
                let colon = after.find(['：', ':']).expect("checked") ;
                let colon_len = after[colon..].chars().next().map_or(1, char::len_utf8);
                hits.push((i, i + label.len() + colon + colon_len, field));
            }
        }
    }
    hits.sort();
    let mut out = Vec::new();
    for (k, (_, value_start, field)) in hits.iter().enumerate() {
        let value_end = hits.get(k + 1).map_or(text.len(), |h| h.0);
        let value = text[*value_start..value_end].trim().trim_end_matches(['；', ';', '，', ',']).to_string();
        if !value.is_empty() {
            out.push((*field, value));
        }
    }
    out
}

/// A total score (综合评分为96.5分) and grade (评价等级为“优”) stated in `text`.
fn score_in(text: &str) -> Option<Score> {
    let total = figures::after_word(text, rules::SCORE_WORDS)?;
    if !text[total.end..].starts_with('分') && total.unit.as_deref() != Some("分") {
        return None;
    }
    let grade = rules::GRADE_WORDS.iter().find_map(|w| {
        let i = text.find(w)?;
        let rest = text[i + w.len()..].trim_start_matches(['“', '"', '「', '‘', '\'', '《']);
        rules::GRADES.iter().find(|g| rest.starts_with(**g)).map(|g| g.to_string())
    });
    Some(Score { total: total.figure, grade })
}

/// The department's name in a report title: what is left between the year and the words the
/// title ends with (2022年度中共广州市黄埔区委政法委员会部门整体支出绩效自评报告 → 中共…委员会).
pub(super) fn department_name(title: &str) -> Option<String> {
    let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    let end = rules::TITLE_ENDINGS.iter().find_map(|w| t.find(w))?;
    let head = &t[..end];
    let start = head.find("年度").map(|i| i + "年度".len()).or_else(|| head.find('年').map(|i| i + '年'.len_utf8())).unwrap_or(0);
    let name = head[start..].trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// The year a title states (2022年度 …).
pub(super) fn title_year(title: &str) -> Option<u16> {
    let i = title.find('年')?;
    let digits: String = title[..i].chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
    digits.parse().ok().filter(|y| (1990..=2200).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_helpers() {
        assert_eq!(parse_date("2023年5月10日").as_deref(), Some("2023-05-10"));
        assert_eq!(parse_date("2023-5-1").as_deref(), Some("2023-05-01"));
        let pairs = cover_pairs("索引号：MB2C-2023-01发布机构：某某局");
        assert_eq!(pairs, [("index_number", "MB2C-2023-01".to_string()), ("issuer", "某某局".to_string())]);
        let s = score_in("本部门综合评分为96.5分，评价等级为“优”。").unwrap();
        assert_eq!(s.total.as_written(), "96.5");
        assert_eq!(s.grade.as_deref(), Some("优"));
        assert_eq!(department_name("2022年度中共广州市黄埔区委政法委员会部门整体支出绩效自评报告").as_deref(), Some("中共广州市黄埔区委政法委员会"));
        assert_eq!(title_year("2022年度中共广州市黄埔区委政法委员会部门整体支出绩效自评报告"), Some(2022));
    }

}
