//! Figures in a sentence: where each number is, its unit, the words before it; a figure
//! looked up by its label (全年预算数 8334.69); the key figures of a narrative with their 其中
//! parts; a target's operator and value from its wording.
//!
//! Every figure keeps the digits as written in the (normalised) text: nothing is computed or
//! rounded here, so each one can be found again in the source.

use super::rules;
use crate::model::{Figure, KeyFigure, Operator, TargetValue};
pub(super) use crate::sentence::{Num, numbers};
use crate::sentence::label_before;

/// Skips the filler words allowed between a label and its figure.
pub(super) fn skip_fillers(mut s: &str) -> &str {
    loop {
        match rules::FILLERS.iter().find(|f| s.starts_with(**f)) {
            Some(f) => s = &s[f.len()..],
            None => return s,
        }
    }
}

/// A label found in a text: which entry of the table, where.
#[derive(Debug, Clone, Copy)]
struct LabelHit {
    entry: usize,
    start: usize,
    end: usize,
}

/// For each entry of `table` (a key and its words), the first figure written right after one
/// of its words (fillers allowed in between), as `(entry index, figure, unit)`. A word found
/// inside a longer word of another entry is not a hit.
pub(super) fn labelled<K: Copy>(text: &str, table: &[(K, &[&str])]) -> Vec<(K, Num)> {
    let mut hits: Vec<LabelHit> = Vec::new();
    for (entry, (_, words)) in table.iter().enumerate() {
        for w in *words {
            for (start, _) in text.match_indices(w) {
                hits.push(LabelHit { entry, start, end: start + w.len() });
            }
        }
    }
    let inside_other = |h: &LabelHit| hits.iter().any(|o| o.entry != h.entry && o.start <= h.start && o.end >= h.end && (o.end - o.start) > (h.end - h.start));
    let numbers = numbers(text);
    let mut found: Vec<(usize, Num)> = Vec::new();
    let mut ordered: Vec<&LabelHit> = hits.iter().filter(|h| !inside_other(h)).collect();
    ordered.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    for h in ordered {
        if found.iter().any(|(e, _)| *e == h.entry) {
            continue;
        }
        let rest = skip_fillers(&text[h.end..]);
        let at = text.len() - rest.len();
        if let Some(n) = numbers.iter().find(|n| n.start == at) {
            found.push((h.entry, n.clone()));
        }
    }
    found.into_iter().map(|(e, n)| (table[e].0, n)).collect()
}

/// The figure right after one of `words` in `text` (fillers allowed in between).
pub(super) fn after_word(text: &str, words: &[&str]) -> Option<Num> {
    labelled(text, &[((), words)]).into_iter().next().map(|(_, n)| n)
}

/// Whether a number's digits and unit make it a key figure (it has a unit; money, counts and
/// percentages all do).
fn is_key_figure(n: &Num) -> bool {
    n.unit.is_some()
}

/// The key figures of a narrative, in order: each figure with a unit, labelled with the words
/// before it. Figures after 其中 / 分别 with the same unit, up to the end of the sentence, are
/// parts of the figure before (complete when they add up to it); figures whose labels name the
/// stages of a pipeline (预审通过, 审核通过) are its parts as a sequence.
pub(super) fn key_figures(text: &str) -> Vec<KeyFigure> {
    let nums: Vec<Num> = numbers(text).into_iter().filter(is_key_figure).collect();
    let mut labels: Vec<String> = Vec::with_capacity(nums.len());
    let mut floor = 0;
    for n in &nums {
        let mut label = label_before(text, n.start, floor);
        if label.is_empty() {
            // 共8754人次 after 6158批次: the same subject as the figure before.
            label = labels.last().cloned().unwrap_or_else(|| n.unit.clone().unwrap_or_default());
        }
        labels.push(label);
        floor = n.end;
    }
    let is_stage = |k: usize| labels.get(k).is_some_and(|l| rules::SEQUENCE_STAGES.iter().any(|w| l.ends_with(w)));
    let same_sentence = |a: usize, b: usize| !text[a..b].contains(['。', '；', ';']);

    /// What the figures after a whole are.
    enum Group {
        Parts(Option<String>),
        Sequence,
    }
    let mut out: Vec<KeyFigure> = Vec::new();
    let mut group: Option<(usize, Group)> = None;
    let mut previous_end = 0;
    for (k, n) in nums.iter().enumerate() {
        if !same_sentence(previous_end, n.start) {
            group = None;
        }
        previous_end = n.end;
        let figure = KeyFigure {
            id: String::new(),
            label: labels[k].clone(),
            value: Some(n.figure.clone()),
            unit: n.unit.clone(),
            parts: Vec::new(),
            parts_complete: false,
            parts_sequence: false,
            change_of: None,
        };
        match &group {
            Some((w, Group::Parts(unit))) if *unit == n.unit => {
                out[*w].parts.push(figure);
                continue;
            }
            Some((w, Group::Sequence)) if is_stage(k) => {
                out[*w].parts.push(figure);
                out[*w].parts_sequence = true;
                continue;
            }
            _ => {}
        }
        out.push(figure);
        group = None;
        if let Some(next) = nums.get(k + 1) {
            let between = &text[n.end..next.start];
            if same_sentence(n.end, next.start) {
                if rules::PARTS_WORDS.iter().any(|w| between.contains(w)) {
                    group = Some((out.len() - 1, Group::Parts(n.unit.clone())));
                } else if is_stage(k + 1) && !is_stage(k) {
                    group = Some((out.len() - 1, Group::Sequence));
                }
            }
        }
    }
    for f in &mut out {
        f.parts_complete = !f.parts_sequence && parts_add_up(f);
    }
    out
}

/// Whether the parts of a figure add up to it, within the precision they are written with.
fn parts_add_up(f: &KeyFigure) -> bool {
    let Some(whole) = &f.value else { return false };
    if f.parts.len() < 2 {
        return false;
    }
    let decimals = |x: &Figure| x.as_written().split_once('.').map_or(0, |(_, d)| d.len());
    let places = f.parts.iter().filter_map(|p| p.value.as_ref()).map(decimals).chain([decimals(whole)]).max().unwrap_or(0);
    let sum: f64 = f.parts.iter().filter_map(|p| p.value.as_ref()).map(Figure::value).sum();
    (sum - whole.value()).abs() < 0.5 * 10f64.powi(-(places as i32)) + 1e-9
}

/// A target read from its wording: the operator (from the words before or after the figure;
/// `=` for a bare figure), the figure, its unit, the words of the target value as written, and
/// the measure (the words before them).
#[derive(Debug, Clone)]
pub(super) struct ParsedTarget {
    /// The target value.
    pub value: TargetValue,
    /// Its unit, if any.
    pub unit: Option<String>,
    /// The measure's name.
    pub measure: String,
}

/// The first figure of a target's wording with its operator; `None` for a qualitative target.
pub(super) fn target(name: &str) -> Option<ParsedTarget> {
    let n = numbers(name).into_iter().next()?;
    let before = &name[..n.start];
    let after = &name[n.end..];
    let op_before = rules::OPERATOR_BEFORE.iter().find(|(w, _)| before.ends_with(w));
    let op_after = rules::OPERATOR_AFTER.iter().find(|(w, _)| after.starts_with(w));
    let op = op_after.map(|(_, o)| *o).or(op_before.map(|(_, o)| *o)).unwrap_or(Operator::Equal);
    let word_before = op_before.map_or("", |(w, _)| w);
    let word_after = op_after.map_or("", |(w, _)| w);
    let start = n.start - word_before.len();
    let written = format!("{}{}", &name[start..n.end], word_after);
    let measure = name[..start].trim_end_matches(['，', '、', ' ']).to_string();
    Some(ParsedTarget {
        value: TargetValue { op: Some(op), value: Some(n.figure), text: Some(written) },
        unit: n.unit,
        measure,
    })
}

/// The measured value of a target in its result's wording: the figure after the end of the
/// measure's name (…解答率 100%), else the first figure in the target's unit; for a target
/// without a figure, the first rate (…率达到 100%).
pub(super) fn result_value(result: &str, measure: Option<&str>, unit: Option<&str>, has_target_value: bool) -> Option<Num> {
    if let Some(m) = measure {
        let chars: Vec<char> = m.chars().collect();
        for take in [4usize, 3, 2] {
            if chars.len() >= take {
                let tail: String = chars[chars.len() - take..].iter().collect();
                if let Some(n) = after_word(result, &[&tail]) {
                    return Some(n);
                }
            }
        }
    }
    let nums = numbers(result);
    if has_target_value {
        return unit.and_then(|u| nums.into_iter().find(|n| n.unit.as_deref() == Some(u)));
    }
    nums.into_iter().find(|n| n.unit.as_deref() == Some("%") && skip_back_fillers(&result[..n.start]).ends_with('率'))
}

fn skip_back_fillers(mut s: &str) -> &str {
    loop {
        match rules::FILLERS.iter().find(|f| s.ends_with(**f)) {
            Some(f) => s = &s[..s.len() - f.len()],
            None => return s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        numbers(text).iter().map(|n| format!("{}{}", n.figure.as_written(), n.unit.as_deref().unwrap_or(""))).collect()
    }

    #[test]
    fn figures_not_dates_or_ranges() {
        assert_eq!(values("2022年共接来访群众46754人次，每次推送2至3条，第2名，增长15.17%"), ["46754人次", "15.17%"]);
        assert_eq!(values("累计服务来穗人员超20万人次，粉丝数增长5万余人，单行本3万册"), ["20万人次", "5万余人", "3万册"]);
    }

    #[test]
    fn labels_pick_the_right_field() {
        let text = "全年预算数8334.69万元，执行数7907.98万元，完成预算的94.88%。";
        let table: &[(u8, &[&str])] = &[(1, &["全年预算数"]), (2, &["执行数", "全年执行数"]), (3, &["完成预算的"])];
        let found: Vec<(u8, String)> = labelled(text, table).into_iter().map(|(k, n)| (k, n.figure.as_written().to_string())).collect();
        assert_eq!(found, [(1, "8334.69".to_string()), (2, "7907.98".to_string()), (3, "94.88".to_string())]);
    }

    #[test]
    fn parts_follow_qizhong() {
        let f = key_figures("共计拨款发放29.74万元，分别向区法院拨款15万元，区检察院拨款14.74万元。发放2854张。");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].parts.len(), 2);
        assert!(f[0].parts_complete);
        assert_eq!(f[0].label, "拨款发放");
        let s = key_figures("提交入户申请4571人次，预审通过2904人，审核通过2806人，发放入户卡2854张。");
        assert_eq!(s.len(), 2);
        assert!(s[0].parts_sequence && !s[0].parts_complete);
        assert_eq!(s[0].parts.len(), 2);
        let g = key_figures("上报事件492653件，其中，协助类202623件，隐患类107988件，办结率99.9%。");
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].parts.len(), 2);
        assert!(!g[0].parts_complete);
    }

    #[test]
    fn targets_and_operators() {
        let t = target("网格事件办结率98%以上。").unwrap();
        assert_eq!(t.value.op, Some(Operator::AtLeast));
        assert_eq!(t.value.text.as_deref(), Some("98%以上"));
        assert_eq!(t.measure, "网格事件办结率");
        let t = target("投诉率不高于5%").unwrap();
        assert_eq!(t.value.op, Some(Operator::AtMost));
        let t = target("咨询诉求解答率100%。").unwrap();
        assert_eq!(t.value.op, Some(Operator::Equal));
        assert!(target("矛盾纠纷及时受理。").is_none());
        let r = result_value("网格事件办结率达99.98以上。", Some("网格事件办结率"), Some("%"), true).unwrap();
        assert_eq!(r.figure.as_written(), "99.98");
        let r = result_value("协助完成行政执法任务，处置率达到100%。", None, None, false).unwrap();
        assert_eq!(r.figure.as_written(), "100");
    }
}
