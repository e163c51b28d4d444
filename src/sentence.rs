//! Figures written in a sentence: where each number is, its unit, the words before it.
//!
//! `jixiao import` reads a report's narratives with it (key figures, budget amounts, target
//! values), and `jixiao check` finds the figures a narrative states (J203: a measure stated
//! twice with different values). Every figure keeps the digits as written: nothing is computed or
//! rounded here, so each one can be found again in the text. The word lists are data: a
//! maintainer who meets a new phrasing adds a word here.

use crate::model::Figure;

/// Words allowed between a label and its figure (全年预算数为 8334.69).
pub(crate) const FILLERS: &[&str] = &["合计为", "共计", "合计", "总计", "达到", "约为", "为", "是", "达", "共", "：", ":", "约", "计"];

/// Units a figure may carry, longest first; 万 / 亿 and 余 / 多 combine with them (3.2万人,
/// 5万余人). A number with none of these (nor %) is not a key figure.
pub(crate) const UNITS: &[&str] = &[
    "人次", "批次", "场次", "户次", "件次", "元", "件", "人", "个", "套", "台", "次", "场", "张", "份", "条", "宗",
    "名", "家", "项", "户", "所", "篇", "册", "辆", "间", "处", "起", "天", "小时", "公里", "平方米", "亩", "吨",
    "分", "例", "期", "部", "本", "村", "座", "支", "批",
];

/// Magnitude prefixes of a unit.
pub(crate) const MAGNITUDES: &[&str] = &["万", "亿", "千"];

/// Units of amounts in the budget section.
pub(crate) const MONEY_UNITS: &[&str] = &["万元", "亿元", "元"];

/// Units that make a number a date or an ordinal, not a figure (2022年, 3月, 第二).
pub(crate) const NOT_FIGURE_AFTER: &[&str] = &["年", "月", "日", "季度", "号"];

/// Words before a number that make it a position or name, not a figure.
pub(crate) const NOT_FIGURE_BEFORE: &[&str] = &["第"];

/// Range words between two numbers (2至3条, 2-3条): neither is a figure on its own.
pub(crate) const RANGE_WORDS: &[&str] = &["至", "-", "~", "～", "—", "到"];

/// Words stripped from the start of a key figure's label.
pub(crate) const LABEL_LEAD: &[&str] = &["其中", "分别", "共计", "累计", "合计", "共有", "共", "另", "并", "和", "及", "已"];

/// A number found in a text.
#[derive(Debug, Clone)]
pub(crate) struct Num {
    /// Byte offset of its first digit.
    pub start: usize,
    /// Byte offset after its unit (or after its digits when it has none).
    pub end: usize,
    /// The figure, digits as written.
    pub figure: Figure,
    /// Its unit as written (`%`, `万元`, `万余人`), if any.
    pub unit: Option<String>,
}

/// Whether a number is a position, a date or part of a range rather than a figure.
fn is_not_figure(text: &str, start: usize, digits_end: usize) -> bool {
    let before = &text[..start];
    let after = &text[digits_end..];
    NOT_FIGURE_AFTER.iter().any(|w| after.starts_with(w))
        || NOT_FIGURE_BEFORE.iter().any(|w| before.ends_with(w))
        || RANGE_WORDS.iter().any(|w| after.strip_prefix(w).is_some_and(|a| a.starts_with(|c: char| c.is_ascii_digit())))
        || RANGE_WORDS.iter().any(|w| before.strip_suffix(w).is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit())))
        || before.ends_with(|c: char| c.is_ascii_alphabetic())
}

/// The unit at the start of `after`: a magnitude, 余/多, a unit word; `%`.
fn unit_at(after: &str) -> Option<&str> {
    if after.starts_with('%') {
        return Some("%");
    }
    if let Some(u) = MONEY_UNITS.iter().find(|u| after.starts_with(**u)) {
        return Some(u);
    }
    let mut len = 0;
    if let Some(m) = MAGNITUDES.iter().find(|m| after.starts_with(**m)) {
        len += m.len();
    }
    if after[len..].starts_with(['余', '多']) {
        len += '余'.len_utf8();
    }
    match UNITS.iter().filter(|u| after[len..].starts_with(**u)).max_by_key(|u| u.len()) {
        Some(u) => Some(&after[..len + u.len()]),
        None if len > 0 && MAGNITUDES.iter().any(|m| after.starts_with(m)) => {
            // 3万 alone (3万册 has its unit): the magnitude is the unit.
            let m = MAGNITUDES.iter().find(|m| after.starts_with(**m)).expect("checked");
            Some(&after[..m.len()])
        }
        None => None,
    }
}

/// Every number of `text` that is a figure (not a year, a date, an ordinal or a range), in
/// order, with its unit.
pub(crate) fn numbers(text: &str) -> Vec<Num> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && (bytes[i - 1].is_ascii_digit() || bytes[i - 1] == b'.')) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
        }
        let digits_end = i;
        if is_not_figure(text, start, digits_end) {
            continue;
        }
        let Some(figure) = Figure::parse(&text[start..digits_end]) else { continue };
        let unit = unit_at(&text[digits_end..]);
        let end = digits_end + unit.map_or(0, str::len);
        out.push(Num { start, end, figure, unit: unit.map(str::to_string) });
        i = end.max(digits_end);
    }
    out
}

/// The separators that end a label backwards: clause and sentence punctuation.
pub(crate) const LABEL_STOP: &[char] = &['，', '。', '；', '：', '、', ',', ';', ':', '（', '(', '）', ')', '“', '”', '《', '》', '\n'];

/// The words before a figure, back to the previous punctuation or figure, less leading
/// connectives (其中, 共 …) and trailing fillers (为, 达 …).
pub(crate) fn label_before(text: &str, start: usize, floor: usize) -> String {
    let before = &text[floor..start];
    let from = before.rfind(LABEL_STOP).map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let mut label = before[from..].trim();
    loop {
        let stripped = LABEL_LEAD.iter().find_map(|w| label.strip_prefix(w)).unwrap_or(label);
        let stripped = FILLERS.iter().find_map(|w| stripped.strip_suffix(w)).unwrap_or(stripped);
        if stripped == label {
            break;
        }
        label = stripped;
    }
    label.to_string()
}
