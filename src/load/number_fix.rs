//! What a figure that is not read as a number should have been written as: the loader works it
//! out from the text (full-width digits, thousands separators, a decimal comma, a unit …) and
//! the message ([`crate::messages::number_hint`]) only words it.

use crate::messages::NumberFix;
use crate::model::Figure;

/// What to change so that `text` reads as a number (`quoted`: it was written in quotes);
/// `None` when it is a number as it stands and not quoted.
pub(crate) fn number_fix(text: &str, quoted: bool) -> Option<NumberFix> {
    let t = text.trim();
    let is_number = |s: &str| Figure::parse(s).is_some();
    let ascii: String = t
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '，' => ',',
            _ => c,
        })
        .collect();
    if is_number(t) {
        return quoted.then(|| NumberFix::Unquote(t.to_string()));
    }
    Some(if ascii != t && is_number(&ascii) {
        NumberFix::AsciiDigits(ascii)
    } else if let Some(plain) = without_thousands_separators(&ascii) {
        NumberFix::ThousandsSeparators(plain)
    } else if let Some(point) = with_decimal_point(&ascii) {
        NumberFix::DecimalComma(point)
    } else if let Some(plain) = without_leading_zeros(&ascii) {
        NumberFix::LeadingZeros(plain)
    } else if let Some(n) = ascii.strip_suffix('%').map(str::trim).filter(|n| is_number(n)) {
        NumberFix::Percent(n.to_string())
    } else if let Some(n) = ["万元", "亿元", "元", "万", "个", "人", "件", "次"]
        .iter()
        .find_map(|u| ascii.strip_suffix(u).map(str::trim).filter(|n| is_number(n)))
    {
        NumberFix::Unit(n.to_string())
    } else {
        NumberFix::Digits
    })
}

/// `8,334.69` without its thousands separators, if the commas are real ones: one to three digits
/// before the first, exactly three between and after them, all in the integer part.
fn without_thousands_separators(t: &str) -> Option<String> {
    let digits = t.strip_prefix('-').unwrap_or(t);
    let int = digits.split_once('.').map_or(digits, |(i, _)| i);
    let mut groups = int.split(',');
    let first = groups.next()?;
    let grouped = int.contains(',')
        && (1..=3).contains(&first.len())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    let plain = t.replace(',', "");
    (grouped && Figure::parse(&plain).is_some()).then_some(plain)
}

/// `8334,69` with a decimal point for its one comma (a decimal comma), if that is a number.
fn with_decimal_point(t: &str) -> Option<String> {
    if t.matches(',').count() != 1 || t.contains('.') {
        return None;
    }
    let point = t.replace(',', ".");
    Figure::parse(&point).is_some().then_some(point)
}

/// `08334.69` without the zeros before its first digit (`00.5` → `0.5`), if that is a number.
fn without_leading_zeros(t: &str) -> Option<String> {
    let (sign, digits) = t.strip_prefix('-').map_or(("", t), |d| ("-", d));
    if !digits.starts_with('0') {
        return None;
    }
    let rest = digits.trim_start_matches('0');
    let rest = if rest.is_empty() || rest.starts_with('.') { format!("0{rest}") } else { rest.to_string() };
    let plain = format!("{sign}{rest}");
    (plain != t && Figure::parse(&plain).is_some()).then_some(plain)
}

/// The hint for a figure written as `text` (`quoted`: in quotes), as the loader gives it: for
/// tools and tests that want the advice without loading a file.
pub fn figure_hint(text: &str, quoted: bool) -> crate::messages::Text {
    crate::messages::number_hint(&number_fix(text, quoted).unwrap_or(NumberFix::Digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_mistake_gets_its_fix() {
        let fix = |t: &str, q: bool| number_fix(t, q);
        assert_eq!(fix("7907.98", true), Some(NumberFix::Unquote("7907.98".into())));
        assert_eq!(fix("7907.98", false), None);
        assert_eq!(fix("７９０７．９８", false), Some(NumberFix::AsciiDigits("7907.98".into())));
        assert_eq!(fix("8,334.69", false), Some(NumberFix::ThousandsSeparators("8334.69".into())));
        assert_eq!(fix("8334,69", false), Some(NumberFix::DecimalComma("8334.69".into())));
        assert_eq!(fix("-007", false), Some(NumberFix::LeadingZeros("-7".into())));
        assert_eq!(fix("94.88%", false), Some(NumberFix::Percent("94.88".into())));
        assert_eq!(fix("12 万元", false), Some(NumberFix::Unit("12".into())));
        assert_eq!(fix("七千", false), Some(NumberFix::Digits));
    }
}
