//! A published number, kept exactly as the publisher wrote it.
//!
//! `3634.3` stays `3,634.3` and `0.00` stays `0.00` on the page: a `Figure` keeps the digits as
//! written next to the parsed value, so display never invents or drops decimals and `check` can
//! compare figures at the precision they were published with.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// Most significant digits a figure may have: an `f64` holds 15 decimal digits exactly, so
/// sums and rates of longer figures would show digits that were never written.
pub const MAX_SIGNIFICANT_DIGITS: usize = 15;

/// Name the YAML loader recognises to hand over a number's source text (see `load::de`).
pub(crate) const FIGURE_TOKEN: &str = "$jixiao::Figure";

/// A number as published: its source digits and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    text: Digits,
    value: f64,
}

/// The digits of a figure, in the figure itself when they fit (they nearly always do): a
/// report has a couple of hundred figures, and a site keeps every report in memory.
#[derive(Clone)]
enum Digits {
    Inline { len: u8, bytes: [u8; INLINE_DIGITS] },
    Long(Box<str>),
}

/// Bytes of digits kept inline: what fits beside the length in the size of a `Box<str>` plus 8.
const INLINE_DIGITS: usize = 22;

impl Digits {
    fn as_str(&self) -> &str {
        match self {
            // Only ever filled from a `&str`, cut at its end.
            Digits::Inline { len, bytes } => std::str::from_utf8(&bytes[..*len as usize]).expect("copied from a str"),
            Digits::Long(s) => s,
        }
    }
}

impl From<&str> for Digits {
    fn from(s: &str) -> Digits {
        if s.len() <= INLINE_DIGITS {
            let mut bytes = [0; INLINE_DIGITS];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Digits::Inline { len: s.len() as u8, bytes }
        } else {
            Digits::Long(s.into())
        }
    }
}

impl PartialEq for Digits {
    fn eq(&self, other: &Digits) -> bool {
        self.as_str() == other.as_str()
    }
}

impl fmt::Debug for Digits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Figure {
    /// Parses a plain decimal such as `8334.69`, `-3`, `0.00`. Thousands separators, signs other
    /// than a leading `-`, exponents, non-ASCII digits and leading zeros (`08334.69`; `0` and
    /// `0.5` are fine) are refused: the loader reports them.
    pub fn parse(text: &str) -> Option<Figure> {
        let t = text.trim();
        if !Figure::is_plain(t) {
            return None;
        }
        let value: f64 = t.parse().ok()?;
        Some(Figure { text: t.into(), value })
    }

    /// Whether `t` (already trimmed) is written as [`Figure::parse`] accepts it: an optional
    /// `-`, ASCII digits without a leading zero, an optional `.` and digits. Allocates nothing.
    pub fn is_plain(t: &str) -> bool {
        let digits = t.strip_prefix('-').unwrap_or(t);
        let (int, frac) = match digits.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (digits, None),
        };
        !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && (int == "0" || !int.starts_with('0'))
            && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
    }

    /// Significant digits written, leading zeros not counted (`0.050` → 2, `8334.69` → 6).
    pub fn significant_digits(&self) -> usize {
        let digits: String = self.text.as_str().chars().filter(char::is_ascii_digit).collect();
        digits.trim_start_matches('0').len()
    }

    /// The figure from a value computed by jixiao, shown with `decimals` places.
    pub fn computed(value: f64, decimals: usize) -> Figure {
        let mut text = format!("{value:.decimals$}");
        if text == "-0" || text.starts_with("-0.") && text[3..].bytes().all(|b| b == b'0') {
            text.remove(0);
        }
        Figure { value, text: text.as_str().into() }
    }

    /// The digits as written, e.g. `"0.00"`.
    pub fn as_written(&self) -> &str {
        self.text.as_str()
    }

    /// The numeric value.
    pub fn value(&self) -> f64 {
        self.value
    }

    /// Number of decimals written (`3634.3` → 1).
    pub fn decimals(&self) -> usize {
        self.text.as_str().split_once('.').map_or(0, |(_, f)| f.len())
    }

    /// Half a unit of the last written decimal: the rounding the published figure carries.
    pub fn half_unit(&self) -> f64 {
        0.5 * 10f64.powi(-(self.decimals() as i32))
    }

    /// The figure with thousands separators and its written decimals: `8,334.69`.
    pub fn grouped(&self) -> String {
        group_thousands(self.text.as_str())
    }
}

/// Inserts thousands separators into a plain decimal string, keeping its decimals as they are:
/// the one number formatter of jixiao. Pages (the `num`, `money` and `percent` filters), charts,
/// comparisons, search records and data all show figures through it, by way of
/// [`Figure::grouped`] (a figure as written, or [`Figure::computed`] for a value jixiao computed).
pub fn group_thousands(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text.as_str())
    }
}

/// Serialised as the digits as written (a string), so `0.00` survives into templates and JSON.
impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text.as_str())
    }
}

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FigureVisitor;
        impl<'de> Visitor<'de> for FigureVisitor {
            type Value = Figure;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number such as 8334.69")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Figure, E> {
                Figure::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Figure, E> {
                Ok(Figure { text: v.to_string().as_str().into(), value: v as f64 })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Figure, E> {
                Ok(Figure { text: v.to_string().as_str().into(), value: v as f64 })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Figure, E> {
                Ok(Figure { text: v.to_string().as_str().into(), value: v })
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Figure, D::Error> {
                d.deserialize_any(self)
            }
        }
        // A format without types of its own (the build cache's postcard) holds the digits as
        // the string they were written as.
        if !d.is_human_readable() {
            return d.deserialize_str(FigureVisitor);
        }
        d.deserialize_newtype_struct(FIGURE_TOKEN, FigureVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_written_decimals() {
        assert_eq!(Figure::parse("0.00").unwrap().grouped(), "0.00");
        assert_eq!(Figure::parse("3634.3").unwrap().grouped(), "3,634.3");
        assert_eq!(Figure::parse("8334.69").unwrap().grouped(), "8,334.69");
        assert_eq!(Figure::parse("492653").unwrap().grouped(), "492,653");
        assert_eq!(Figure::parse("-1234567.5").unwrap().grouped(), "-1,234,567.5");
        assert_eq!(Figure::parse("100").unwrap().grouped(), "100");
    }

    #[test]
    fn refuses_non_plain_numbers() {
        for bad in ["七千", "1,234", "1e5", "", ".5", "5.", "+3", "８３３４", "0x10", "1.2.3", "08334.69", "00", "00.5", "-05", "007"] {
            assert!(Figure::parse(bad).is_none(), "{bad} should be refused");
        }
    }

    #[test]
    fn a_lone_zero_before_the_point_is_fine() {
        for good in ["0", "0.5", "0.00", "-0.5", "10", "100.05", "0.050"] {
            assert_eq!(Figure::parse(good).map(|f| f.as_written().to_string()).as_deref(), Some(good));
        }
    }

    #[test]
    fn precision_follows_written_digits() {
        assert_eq!(Figure::parse("94.88").unwrap().half_unit(), 0.005);
        assert_eq!(Figure::parse("3634.3").unwrap().decimals(), 1);
        assert_eq!(Figure::computed(94.8814, 2).as_written(), "94.88");
        assert_eq!(Figure::computed(-0.001, 2).as_written(), "0.00");
    }

    #[test]
    fn digits_are_kept_whole_inline_or_not() {
        for text in ["0", "8334.69", "-1234567.5", "1234567890.123456789012", "12345678901234567890.1234567"] {
            let f = Figure::parse(text).unwrap();
            assert_eq!(f.as_written(), text);
            assert_eq!(f.to_string(), text);
            assert_eq!(f, Figure::parse(text).unwrap());
        }
        assert!(matches!(Figure::parse("1234567890.12345678901").unwrap().text, Digits::Inline { .. }));
        assert!(matches!(Figure::parse("1234567890.123456789012").unwrap().text, Digits::Long(_)));
        assert_ne!(Figure::parse("1.0").unwrap(), Figure::parse("1.00").unwrap());
        // No larger than the `String` it replaced, and `None` costs nothing.
        assert_eq!(std::mem::size_of::<Option<Figure>>(), 32);
    }
}
