//! The description of each page (`page.description`), for `<meta name="description">` and
//! Open Graph's `og:description`: what a search result or a shared link says under the title.
//!
//! A free page's own `description` (front matter) wins; a report, department, year or
//! indicator page gets a summary made from the facts the site already derived for it (the
//! report's figures as published, its judged target counts, the comparison's shown values),
//! never a second computation; the home page, and any page without one, has the site's
//! `description`. The words are the theme's UI strings (`description.*`), so a site in English
//! says it in English. Descriptions are one line of at most [`MAX_CHARS`] characters, cut at a
//! character boundary with `…`; templates escape them where they print them.

use super::Kind;
use crate::site::Site;
use crate::site::compare::DepartmentComparison;
use crate::strings::{Strings, fill, get};

/// The longest description, in characters: about what search engines show.
pub(super) const MAX_CHARS: usize = 160;

/// The description of the page `kind`, or `None` when neither the page nor the site has one.
/// `comparison` is an indicator page's department comparison, whose measures the page lists.
pub(super) fn describe(site: &Site, kind: Kind, strings: &Strings, comparison: Option<&DepartmentComparison>) -> Option<String> {
    let site_description = site.content.site.description.as_deref().map(str::to_string);
    let text = match kind {
        Kind::Report(i) => Some(report(site, i, strings)),
        Kind::Department(i) => Some(department(site, i, strings)),
        Kind::Year(i) => Some(year(site, i, strings)),
        Kind::Indicators(d) => comparison.map(|c| indicators(site, d, c, strings)),
        Kind::Page(i) => {
            let p = site.pages[i];
            p.meta.description.clone().or_else(|| {
                // The page's opening paragraph, as plain text.
                let text = crate::search::records::plain(&p.body);
                text.lines().map(str::trim).find(|l| !l.is_empty()).map(str::to_string)
            })
        }
        Kind::Changes(i) => {
            let s = &site.reports[i].summary;
            let year = s.year.to_string();
            let head = fill(get(strings, "description.report"), &[("department", s.department_name), ("year", &year)]);
            Some(fill(get(strings, "description.changes"), &[("report", &head)]))
        }
        Kind::Search => Some(fill(get(strings, "description.search"), &[("site", &site.content.site.title)])),
        Kind::Archive => Some(fill(get(strings, "description.archive"), &[("site", &site.content.site.title)])),
        Kind::Home | Kind::NotFound | Kind::Sitemap => None,
    };
    text.or(site_description).map(|t| clip(&t, MAX_CHARS)).filter(|t| !t.is_empty())
}

/// `text` on one line (runs of white space made one space) and at most `max` characters: cut
/// at a character boundary, ending in `…`.
pub(super) fn clip(text: &str, max: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        return line;
    }
    let mut cut: String = line.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// "黄埔区委政法委 2022 年部门整体支出绩效自评报告：全年预算 8,334.69 万元，预算执行率 94.88%，
/// 绩效目标 13 项，按数值判定达成 4 项、未达成 0 项": the summary's figures as published, and
/// the targets as judged.
fn report(site: &Site, i: usize, strings: &Strings) -> String {
    let s = &site.reports[i].summary;
    let year = s.year.to_string();
    let head = fill(get(strings, "description.report"), &[("department", s.department_name), ("year", &year)]);
    let mut facts = Vec::new();
    if let Some(total) = s.budget_total {
        let amount = crate::model::group_thousands(total.as_written());
        facts.push(fill(get(strings, "description.budget"), &[("amount", &amount), ("unit", s.unit)]));
    }
    if let Some(rate) = &s.rate.reported {
        facts.push(fill(get(strings, "description.rate"), &[("rate", rate.as_written())]));
    }
    if let Some(score) = s.score {
        let key = if s.grade.is_some() { "description.score_grade" } else { "description.score" };
        facts.push(fill(get(strings, key), &[("score", score.as_written()), ("grade", s.grade.unwrap_or(""))]));
    }
    let counts = &s.target_counts;
    if counts.total > 0 {
        let (met, not_met, total) = (counts.met.to_string(), counts.not_met.to_string(), counts.total.to_string());
        facts.push(fill(get(strings, "description.targets"), &[("met", &met), ("not_met", &not_met), ("total", &total)]));
    }
    with_facts(head, &facts, strings)
}

/// "黄埔区委政法委（中共广州市黄埔区委政法委员会）的部门整体支出绩效自评报告：2022 年度，共 1 份".
fn department(site: &Site, i: usize, strings: &Strings) -> String {
    let d = &site.departments[i];
    let mut years: Vec<u16> = d.reports.iter().map(|&r| site.reports[r].summary.year).collect();
    years.sort_unstable();
    let span = match (years.first(), years.last()) {
        (Some(first), Some(last)) if first != last => {
            fill(get(strings, "description.years_span"), &[("first", &first.to_string()), ("last", &last.to_string())])
        }
        (Some(only), _) => fill(get(strings, "description.years_one"), &[("year", &only.to_string())]),
        _ => String::new(),
    };
    let name = if d.name == d.profile.name {
        d.name.to_string()
    } else {
        fill(get(strings, "description.department_name"), &[("name", d.name), ("full_name", &d.profile.name)])
    };
    let head = fill(get(strings, "description.department"), &[("department", &name)]);
    let count = fill(get(strings, "description.report_count"), &[("count", &years.len().to_string())]);
    with_facts(head, &[span, count].into_iter().filter(|f| !f.is_empty()).collect::<Vec<_>>(), strings)
}

/// "2022 年度部门整体支出绩效自评报告，共 2 个部门：黄埔区委政法委、清水县文旅局".
fn year(site: &Site, i: usize, strings: &Strings) -> String {
    let y = &site.years[i];
    let head = fill(get(strings, "description.year"), &[("year", &y.year.to_string()), ("count", &y.reports.len().to_string())]);
    let names: Vec<&str> = y.reports.iter().map(|&r| site.reports[r].summary.department_name).collect();
    with_facts(head, &[names.join(get(strings, "description.list_separator"))], strings)
}

/// "黄埔区委政法委的绩效指标与目标历年记录（共 12 项）：来穗人员居住信息登记率、…": the
/// measures the indicator page lists, in its order, by the names its headings show.
fn indicators(site: &Site, d: usize, c: &DepartmentComparison, strings: &Strings) -> String {
    let measures = c.measures();
    let head = fill(
        get(strings, "description.indicators"),
        &[("department", site.departments[d].name), ("count", &measures.len().to_string())],
    );
    let names: Vec<&str> = measures.iter().map(|m| m.main().name.as_str()).collect();
    with_facts(head, &[names.join(get(strings, "description.list_separator"))], strings)
}

/// `head` followed by the `facts`, as the theme joins them ("head：a，b"); `head` alone when
/// there are none.
fn with_facts(head: String, facts: &[String], strings: &Strings) -> String {
    if facts.is_empty() {
        return head;
    }
    let facts = facts.join(get(strings, "description.separator"));
    fill(get(strings, "description.facts"), &[("head", &head), ("facts", &facts)])
}

#[cfg(test)]
mod tests {
    use super::clip;

    #[test]
    fn descriptions_are_one_line_cut_at_a_character() {
        assert_eq!(clip("  第一行\n\n第二行  ", 160), "第一行 第二行");
        let long = "预算执行率".repeat(40);
        let cut = clip(&long, 160);
        assert_eq!(cut.chars().count(), 160);
        assert!(cut.ends_with('…') && long.starts_with(cut.trim_end_matches('…')));
        assert_eq!(clip("abc def", 5), "abc…", "no space before the ellipsis");
    }
}
