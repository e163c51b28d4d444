//! The characters of a text as a reader should see them: radicals, compatibility ideographs and
//! ligatures that PDF text layers (and some Word files) use in place of ordinary characters are
//! mapped back (⼀ ⽀ ⻔ ⻩ ⼾ → 一 支 门 黄 户, ﬁ → fi), then the text is put in NFC.
//!
//! NFKC alone would not do: it leaves the CJK Radicals Supplement (⻔) alone, turns ⼾ into the
//! traditional 戶, and would also change full-width digits and brackets, which the recognisers
//! read as written. The table is generated data (`unified_table.rs`, from `gen_unified.py`,
//! which names its Unicode sources).

use unicode_normalization::UnicodeNormalization;

include!("unified_table.rs");

/// The ordinary character(s) for `c`, when `c` is one a text layer uses in their place.
pub fn unified(c: char) -> Option<&'static str> {
    UNIFIED.binary_search_by_key(&c, |&(from, _)| from).ok().map(|i| UNIFIED[i].1)
}

/// `text` with every mapped character replaced and in NFC, and how many characters were
/// mapped.
pub fn unify(text: &str) -> (String, usize) {
    let mut mapped = 0;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match unified(c) {
            Some(to) => {
                mapped += 1;
                out.push_str(to);
            }
            None => out.push(c),
        }
    }
    if unicode_normalization::is_nfc_quick(out.chars()) == unicode_normalization::IsNormalized::Yes {
        return (out, mapped);
    }
    (out.nfc().collect(), mapped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        assert!(UNIFIED.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn radicals_and_compatibility_ideographs_map_to_unified_ones() {
        assert_eq!(unify("⼀⽀⻔⻩⼾"), ("一支门黄户".to_string(), 5));
        assert_eq!(unify("\u{F900}\u{2F800}"), ("豈丽".to_string(), 2));
        assert_eq!(unify("ﬁnance ﬂow"), ("finance flow".to_string(), 2));
    }

    #[test]
    fn full_width_digits_and_brackets_stay_as_written() {
        assert_eq!(unify("（１）　８３３４．６９"), ("（１）　８３３４．６９".to_string(), 0));
    }
}
