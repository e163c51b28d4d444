//! Units of money (元, 千元, 万元, 亿元): recognised in one place, and figures converted between
//! them exactly.
//!
//! A report states its amounts in one unit (`budget.unit`, a table's `unit`, a key figure's or
//! an indicator's `unit`); most use 万元, some 元. Comparisons across years and departments,
//! charts, differences, sort keys and bulk data convert every amount into one unit with
//! [`MoneyUnit::convert`], which moves the decimal point of the written digits (never a binary
//! float multiplication): 71268400 元 is 7126.8400 万元, digit for digit, so the precision the
//! publisher wrote (one 元) is kept. Report pages still show each figure as published.
//!
//! Not here: which unit a comparison uses (the site's comparisons pick the unit most of their
//! reports use, [`MoneyUnit::most_used`]), and units that are not money (件, %, 人次): those are
//! never converted, and a change of one between years breaks a comparison instead.

use super::Figure;
use std::fmt;

/// A unit of money jixiao knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MoneyUnit {
    /// 元.
    Yuan,
    /// 千元 (a thousand 元).
    Qianyuan,
    /// 万元 (ten thousand 元), the usual unit of budget reports.
    Wanyuan,
    /// 亿元 (a hundred million 元).
    Yiyuan,
}

impl MoneyUnit {
    /// Every unit, smallest first.
    pub const ALL: [MoneyUnit; 4] = [MoneyUnit::Yuan, MoneyUnit::Qianyuan, MoneyUnit::Wanyuan, MoneyUnit::Yiyuan];

    /// The unit amounts are in when a report does not say (`budget.unit`, a table's `unit`).
    pub const DEFAULT: MoneyUnit = MoneyUnit::Wanyuan;

    /// The unit as written, e.g. `万元`.
    pub fn as_str(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::Qianyuan => "千元",
            MoneyUnit::Wanyuan => "万元",
            MoneyUnit::Yiyuan => "亿元",
        }
    }

    /// The power of ten of 元 the unit is (万元 → 4).
    pub fn exponent(self) -> i32 {
        match self {
            MoneyUnit::Yuan => 0,
            MoneyUnit::Qianyuan => 3,
            MoneyUnit::Wanyuan => 4,
            MoneyUnit::Yiyuan => 8,
        }
    }

    /// The unit written `text` (surrounding white space ignored), if it is one of [`Self::ALL`].
    pub fn parse(text: &str) -> Option<MoneyUnit> {
        let t = text.trim();
        MoneyUnit::ALL.into_iter().find(|u| u.as_str() == t)
    }

    /// The unit of a field that holds money and may be left out: [`Self::DEFAULT`] when absent,
    /// `None` when written but not a unit jixiao knows (the loader refuses those).
    pub fn of_field(text: Option<&str>) -> Option<MoneyUnit> {
        text.map_or(Some(MoneyUnit::DEFAULT), MoneyUnit::parse)
    }

    /// The known units as a list for messages: `元、千元、万元、亿元`.
    pub fn known_list(sep: &str) -> String {
        MoneyUnit::ALL.map(MoneyUnit::as_str).join(sep)
    }

    /// `figure` (in `self`) in unit `to`, exactly: the written digits with the decimal point
    /// moved, every written digit kept (`71268400` 元 → `7126.8400` 万元; `6214.37` 万元 →
    /// `62143700` 元). A figure already in `to` is returned as it is.
    pub fn convert(self, figure: &Figure, to: MoneyUnit) -> Figure {
        if self == to {
            return figure.clone();
        }
        let text = shift_decimal(figure.as_written(), self.exponent() - to.exponent());
        Figure::parse(&text).expect("moving the decimal point of a plain decimal gives a plain decimal")
    }

    /// The unit most of `units` are, [`Self::DEFAULT`] (万元) among those tied for most, else
    /// the largest of them; 万元 when there are none.
    pub fn most_used(units: impl IntoIterator<Item = MoneyUnit>) -> MoneyUnit {
        let mut counts = [0usize; 4];
        for u in units {
            counts[u as usize] += 1;
        }
        let most = counts.iter().copied().max().unwrap_or(0);
        if most == 0 || counts[MoneyUnit::DEFAULT as usize] == most {
            return MoneyUnit::DEFAULT;
        }
        // The last (largest) unit among the tied ones: deterministic, and whatever it is, a
        // tie has a fixed answer.
        MoneyUnit::ALL.into_iter().rev().find(|u| counts[*u as usize] == most).unwrap_or(MoneyUnit::DEFAULT)
    }
}

impl fmt::Display for MoneyUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl super::Budget {
    /// The unit of the budget's amounts (`unit`, 万元 when absent). The loader refuses a unit
    /// jixiao does not know, so a loaded report always has one; 万元 stands in otherwise.
    pub fn money_unit(&self) -> MoneyUnit {
        MoneyUnit::of_field(self.unit.as_deref()).unwrap_or(MoneyUnit::DEFAULT)
    }
}

impl super::EvaluationTable {
    /// The unit of the table's funds block (`unit`, 万元 when absent), as [`super::Budget::money_unit`].
    pub fn money_unit(&self) -> MoneyUnit {
        MoneyUnit::of_field(self.unit.as_deref()).unwrap_or(MoneyUnit::DEFAULT)
    }
}

/// Whether two written units are the same unit (white space and a full-width `％` aside).
pub fn same_unit(a: &str, b: &str) -> bool {
    // Without allocating: comparisons ask this for every cell of every measure row.
    let half = |c: char| if c == '％' { '%' } else { c };
    a.trim().chars().map(half).eq(b.trim().chars().map(half))
}

/// Whether a measure stated in `a` one year and `b` another cannot be set side by side: the
/// units differ and are not both units of money (which [`MoneyUnit::convert`] converts). `%`
/// and 个, or 人次 and 万人次, break a comparison: jixiao never plots them on one axis or
/// takes their difference.
pub fn unit_break(a: &str, b: &str) -> bool {
    let both_money = MoneyUnit::parse(a).is_some() && MoneyUnit::parse(b).is_some();
    !same_unit(a, b) && !both_money
}

/// A plain decimal (`-`, digits, optional `.` and digits) times 10^`places`, as a plain decimal:
/// the point moved right (`places` > 0) or left, zeros added where digits run out, no leading
/// zeros (but one before the point), no digit dropped.
fn shift_decimal(text: &str, places: i32) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", text),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all: String = format!("{int}{frac}");
    // Position of the point within `all`, counted from its start.
    let mut point = int.len() as i64 + i64::from(places);
    let mut all = all;
    if point > all.len() as i64 {
        all.push_str(&"0".repeat((point - all.len() as i64) as usize));
    }
    if point < 1 {
        all.insert_str(0, &"0".repeat((1 - point) as usize));
        point = 1;
    }
    let (i, f) = all.split_at(point as usize);
    let i = i.trim_start_matches('0');
    let i = if i.is_empty() { "0" } else { i };
    let mut out = String::with_capacity(all.len() + 2);
    if !(i == "0" && f.bytes().all(|b| b == b'0')) {
        out.push_str(sign);
    }
    out.push_str(i);
    if !f.is_empty() {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A converted figure as a comparison shows it: trailing zeros after the point dropped down to
/// `min_decimals` (`7126.8400` → `7126.84` with 2), never a non-zero digit, so the value is the
/// same.
pub fn trimmed(f: &Figure, min_decimals: usize) -> Figure {
    let text = f.as_written();
    let Some((int, frac)) = text.split_once('.') else { return f.clone() };
    let keep = frac.trim_end_matches('0').len().max(min_decimals.min(frac.len()));
    if keep == frac.len() {
        return f.clone();
    }
    let cut = if keep == 0 { int.to_string() } else { format!("{int}.{}", &frac[..keep]) };
    Figure::parse(&cut).expect("a plain decimal cut after its point is one")
}

/// [`trimmed`] with thousands separators: `7,126.84`.
pub fn shown_trimmed(f: &Figure, min_decimals: usize) -> String {
    trimmed(f, min_decimals).grouped()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(s: &str) -> Figure {
        Figure::parse(s).unwrap()
    }

    #[test]
    fn knows_the_four_units_and_nothing_else() {
        assert_eq!(MoneyUnit::parse(" 万元 "), Some(MoneyUnit::Wanyuan));
        assert_eq!(MoneyUnit::parse("元"), Some(MoneyUnit::Yuan));
        for bad in ["万圆", "美元", "", "万", "%", "元/人"] {
            assert_eq!(MoneyUnit::parse(bad), None, "{bad}");
        }
        assert_eq!(MoneyUnit::of_field(None), Some(MoneyUnit::Wanyuan));
        assert_eq!(MoneyUnit::known_list("、"), "元、千元、万元、亿元");
    }

    #[test]
    fn converts_digit_for_digit() {
        let c = |s: &str, from: MoneyUnit, to: MoneyUnit| from.convert(&fig(s), to).as_written().to_string();
        use MoneyUnit::*;
        assert_eq!(c("71268400", Yuan, Wanyuan), "7126.8400");
        assert_eq!(c("71268400.25", Yuan, Wanyuan), "7126.840025");
        assert_eq!(c("6214.37", Wanyuan, Yuan), "62143700");
        assert_eq!(c("0.5", Wanyuan, Yuan), "5000");
        assert_eq!(c("12", Yuan, Yiyuan), "0.00000012");
        assert_eq!(c("-3.5", Qianyuan, Wanyuan), "-0.35");
        assert_eq!(c("0.00", Yuan, Wanyuan), "0.000000");
        assert_eq!(c("1.2", Yiyuan, Wanyuan), "12000");
        assert_eq!(c("8334.69", Wanyuan, Wanyuan), "8334.69");
        // The value is the decimal's, not a float product's: 0.1 + 0.2 style errors cannot occur.
        assert_eq!(Yuan.convert(&fig("30"), Wanyuan).value(), 0.003);
    }

    #[test]
    fn most_used_prefers_wanyuan_on_a_tie() {
        use MoneyUnit::*;
        assert_eq!(MoneyUnit::most_used([Yuan, Yuan, Wanyuan]), Yuan);
        assert_eq!(MoneyUnit::most_used([Yuan, Wanyuan]), Wanyuan);
        assert_eq!(MoneyUnit::most_used([Yuan, Wanyuan, Wanyuan, Yuan]), Wanyuan);
        assert_eq!(MoneyUnit::most_used([]), Wanyuan);
        assert_eq!(MoneyUnit::most_used([Yuan, Yiyuan]), Yiyuan);
    }

    #[test]
    fn money_units_convert_and_other_changes_break() {
        assert!(!unit_break("%", "％"));
        assert!(!unit_break("元", "万元"));
        assert!(unit_break("%", "个"));
        assert!(unit_break("人次", "万人次"));
        assert!(unit_break("万元", "万人次"));
    }

    #[test]
    fn trimmed_display_keeps_every_non_zero_digit() {
        assert_eq!(shown_trimmed(&fig("7126.8400"), 2), "7,126.84");
        assert_eq!(shown_trimmed(&fig("7126.8456"), 2), "7,126.8456");
        assert_eq!(shown_trimmed(&fig("62143700"), 2), "62,143,700");
        assert_eq!(shown_trimmed(&fig("0.000000"), 2), "0.00");
        assert_eq!(shown_trimmed(&fig("1.5"), 2), "1.5");
    }
}
