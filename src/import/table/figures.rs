//! Figures and targets as a 自评表's cells write them: `12,345.67`, `９６．５`, `94.88%`,
//! `≥120万人次`, `不低于95%`, `持续推进`. Digits are kept as written (thousands separators
//! removed, full-width digits made ASCII); nothing is computed.

use super::rules::{OPERATOR_SYMBOLS, OPERATOR_WORDS};
use crate::model::{Figure, Operator, TargetValue};

/// A plain decimal times 100 by moving its point: `0.9717` → `97.17`, `1` → `100`, `0.5` → `50`.
pub(super) fn percent_digits(written: &str) -> String {
    let (int, frac) = written.split_once('.').unwrap_or((written, ""));
    let moved: String = frac.chars().chain(std::iter::repeat('0')).take(2).collect();
    let rest = frac.get(2..).unwrap_or("");
    let int = format!("{int}{moved}");
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    if rest.is_empty() { int.to_string() } else { format!("{int}.{rest}") }
}

/// A figure in a cell and the words after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// The figure, digits as written (thousands separators removed, full-width digits made
    /// ASCII).
    pub figure: Figure,
    /// What follows the figure, trimmed (a unit, `%`, or words).
    pub rest: String,
}

/// The figure a cell starts with (after optional spaces), and what follows it: `8334.69`,
/// `12,345.67`, `９６．５`, `94.88%` (rest `%`), `108.7万人次` (rest `万人次`). `None` when the cell
/// does not start with a figure.
pub fn parse_number(text: &str) -> Option<Number> {
    let t: String = text.trim().chars().map(ascii_digit).collect();
    let mut end = 0;
    let bytes = t.as_bytes();
    let negative = bytes.first() == Some(&b'-');
    if negative {
        end = 1;
    }
    let digits_start = end;
    while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'.' || bytes[end] == b',') {
        end += 1;
    }
    let raw = &t[digits_start..end];
    let raw = raw.trim_end_matches(['.', ',']);
    if raw.is_empty() || !raw.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let plain: String = if raw.contains(',') {
        // Thousands separators only where they group by three.
        let (int, frac) = raw.split_once('.').map_or((raw, None), |(i, f)| (i, Some(f)));
        let groups: Vec<&str> = int.split(',').collect();
        if groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) || frac.is_some_and(|f| f.contains(',')) {
            return None;
        }
        let mut p = groups.concat();
        if let Some(f) = frac {
            p.push('.');
            p.push_str(f);
        }
        p
    } else {
        raw.to_string()
    };
    let written = if negative { format!("-{plain}") } else { plain };
    let figure = Figure::parse(&written)?;
    let consumed = digits_start + raw.len();
    let rest = t[consumed..].trim().replace('％', "%");
    Some(Number { figure, rest })
}

/// Full-width digits, point and comma as ASCII.
fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - 0xFF10 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '，' => ',',
        '－' => '-',
        _ => c,
    }
}

/// Whether `text` reads as a unit: short, no digits, no sentence punctuation.
pub(super) fn is_unit(text: &str) -> bool {
    let n = text.chars().count();
    (1..=6).contains(&n) && !text.chars().any(|c| c.is_ascii_digit() || "，。；;,、：:（）() ".contains(c))
}

/// A target (年度指标值) and its unit: `≥120万人次` → (≥, 120, —), 万人次; `不低于95%` → (≥, 95),
/// %; `100%` → (=, 100); `0起` → (=, 0), 起; words without a figure (`持续推进`) → text only.
/// The operator comes from a symbol or from the words (以上, 不低于 … → ≥; 以下, 不超过 … → ≤); a
/// bare figure is `=`. The text is kept when the cell says more than operator, figure and unit.
pub fn parse_target(text: &str) -> Option<(TargetValue, Option<String>)> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let mut rest = t.to_string();
    let mut op = None;
    for (symbol, o) in OPERATOR_SYMBOLS {
        if let Some(r) = rest.strip_prefix(symbol) {
            op = Some(*o);
            rest = r.trim_start().to_string();
            break;
        }
    }
    if op.is_none() {
        for (word, o) in OPERATOR_WORDS {
            if let Some(r) = rest.strip_prefix(word) {
                op = Some(*o);
                rest = r.trim_start().to_string();
                break;
            }
        }
    }
    let Some(number) = parse_number(&rest) else {
        return Some((TargetValue { op: None, value: None, text: Some(t.to_string()) }, None));
    };
    let mut after = number.rest.clone();
    for (word, o) in OPERATOR_WORDS {
        if let Some(r) = after.strip_suffix(word) {
            op = op.or(Some(*o));
            after = r.trim().to_string();
            break;
        }
    }
    let unit = is_unit(&after).then(|| after.clone());
    let fully = after.is_empty() || unit.is_some();
    let op = op.or(Some(Operator::Equal));
    let target = TargetValue { op, value: Some(number.figure), text: (!fully).then(|| t.to_string()) };
    Some((target, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_as_written() {
        let n = parse_number("12,345.67万元").unwrap();
        assert_eq!((n.figure.as_written(), n.rest.as_str()), ("12345.67", "万元"));
        assert_eq!(parse_number("９６．５").unwrap().figure.as_written(), "96.5");
        assert_eq!(parse_number("94.88%").unwrap().rest, "%");
        assert_eq!(parse_number("0.00").unwrap().figure.as_written(), "0.00");
        assert!(parse_number("1,23").is_none());
        assert!(parse_number("优").is_none());
        assert!(parse_number("").is_none());
    }

    #[test]
    fn targets_with_their_operators() {
        let op = |t: &str| parse_target(t).unwrap().0.op;
        assert_eq!(op("≥120万人次"), Some(Operator::AtLeast));
        assert_eq!(op("不低于95%"), Some(Operator::AtLeast));
        assert_eq!(op("95%以上"), Some(Operator::AtLeast));
        assert_eq!(op("不超过3.5万元/场"), Some(Operator::AtMost));
        assert_eq!(op("＜5起"), Some(Operator::LessThan));
        assert_eq!(op("100%"), Some(Operator::Equal));
        assert_eq!(op("持续推进"), None);
        let (t, unit) = parse_target("≥120万人次").unwrap();
        assert_eq!((t.value.unwrap().as_written(), unit.as_deref(), t.text), ("120", Some("万人次"), None));
        let (t, _) = parse_target("≥95%，力争98%").unwrap();
        assert_eq!(t.text.as_deref(), Some("≥95%，力争98%"));
    }

    #[test]
    fn fractions_become_percent_by_moving_the_point() {
        assert_eq!(percent_digits("0.9717"), "97.17");
        assert_eq!(percent_digits("1"), "100");
        assert_eq!(percent_digits("0.5"), "50");
        assert_eq!(percent_digits("0.0004"), "0.04");
        assert_eq!(percent_digits("1.00"), "100");
    }
}
