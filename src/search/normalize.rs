//! Normalisation and tokenisation shared by the index (here) and the browser script
//! (`themes/default/static/search.js`, which mirrors these functions line for line).
//!
//! 1. [`fold`]: full-width ASCII (U+FF01–U+FF5E) becomes half-width, the ideographic space
//!    becomes a space, A–Z become a–z. Nothing else changes (no NFKC tables in the browser).
//! 2. [`normalize`]: folds every character and drops thousands separators: a `,` (after folding,
//!    so also `，`) preceded by a digit and followed by exactly three digits and then a non-digit
//!    (`8,334.69` → `8334.69`, `1,234,567` → `1234567`).
//! 3. [`units`]: the normalised text as a sequence of positioned units. A *word* is a maximal run
//!    of `a-z0-9`, where a `.` between two digits belongs to the word (`8334.69`). Every other
//!    character that is not white space is a *char* unit (Chinese characters, punctuation).
//!    Every unit takes one position; white space takes one position and is no unit, so it breaks
//!    adjacency.

/// Folds one character: full-width ASCII to half-width, U+3000 to a space, A–Z to a–z.
pub fn fold(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// White space, the same set as `isSpace` in search.js.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '\u{0B}'
            | '\u{0C}'
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
            | '\u{FEFF}'
    )
}

/// A character that words are made of.
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// The folded text without thousands separators.
///
/// One pass over the chars with a look-ahead only at a `,` after a digit (no `Vec<char>`: the
/// index normalises every record, and a char vector per text was a large share of its time).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev_digit = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        let c = fold(c);
        if c == ',' && prev_digit && is_thousands_group(chars.clone()) {
            continue;
        }
        out.push(c);
        prev_digit = c.is_ascii_digit();
    }
    out
}

/// Whether the chars after a `,` are exactly three digits and then no digit (after folding).
fn is_thousands_group(mut rest: std::str::Chars) -> bool {
    (0..3).all(|_| rest.next().map(fold).is_some_and(|c| c.is_ascii_digit())) && !rest.next().map(fold).is_some_and(|c| c.is_ascii_digit())
}

/// A unit of normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit<'a> {
    /// A character indexed by itself and in bigrams.
    Char(char),
    /// A Latin word or number, matched by prefix.
    Word(&'a str),
}

/// Calls `f(position, unit)` for every unit of the normalised text `norm`, positions counted
/// from `start`. Returns the position after the last unit.
pub fn units<'a>(norm: &'a str, start: u32, mut f: impl FnMut(u32, Unit<'a>)) -> u32 {
    let mut pos = start;
    let bytes = norm.as_bytes();
    let mut iter = norm.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if is_word_char(c) {
            let mut end = i + 1;
            loop {
                match iter.peek() {
                    Some(&(j, d)) if is_word_char(d) => {
                        end = j + 1;
                        iter.next();
                    }
                    Some(&(j, '.'))
                        if bytes[end - 1].is_ascii_digit() && bytes.get(j + 1).is_some_and(u8::is_ascii_digit) =>
                    {
                        end = j + 1;
                        iter.next();
                    }
                    _ => break,
                }
            }
            f(pos, Unit::Word(&norm[i..end]));
        } else if !is_space(c) {
            f(pos, Unit::Char(c));
        }
        pos += 1;
    }
    pos
}

/// The units of a text, normalised first; positions from 0.
pub fn text_units(text: &str) -> (String, Vec<(u32, String, bool)>) {
    let norm = normalize(text);
    let mut out = Vec::new();
    units(&norm, 0, |p, u| match u {
        Unit::Char(c) => out.push((p, c.to_string(), false)),
        Unit::Word(w) => out.push((p, w.to_string(), true)),
    });
    (norm.clone(), out)
}

/// One part of a query word: a run of adjacent chars (matched as a substring) or a word
/// (matched as a prefix of a word of the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Adjacent char units, in order.
    Chars(Vec<char>),
    /// A Latin word or number prefix.
    Word(String),
}

/// A query: its space-separated words, each split into segments; a record matches when it
/// matches every segment of every word.
pub fn query_segments(query: &str) -> Vec<Segment> {
    let norm = normalize(query);
    let mut segs: Vec<Segment> = Vec::new();
    let mut last: Option<u32> = None;
    units(&norm, 0, |p, u| {
        match u {
            Unit::Char(c) => match segs.last_mut() {
                Some(Segment::Chars(run)) if last == Some(p.wrapping_sub(1)) => run.push(c),
                _ => segs.push(Segment::Chars(vec![c])),
            },
            Unit::Word(w) => segs.push(Segment::Word(w.to_string())),
        }
        last = Some(p);
    });
    // The same segment twice adds nothing.
    let mut seen = Vec::new();
    segs.retain(|s| {
        if seen.contains(s) {
            false
        } else {
            seen.push(s.clone());
            true
        }
    });
    segs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text_units(text).1.into_iter().map(|(p, u, w)| format!("{p}:{u}{}", if w { "w" } else { "" })).collect()
    }

    #[test]
    fn folds_full_width_and_case() {
        assert_eq!(normalize("８３３４．６９"), "8334.69");
        assert_eq!(normalize("ＢＵＤＧＥＴ Budget"), "budget budget");
        assert_eq!(normalize("来穗　人员"), "来穗 人员");
        assert_eq!(fold('（'), '(');
        assert_eq!(fold('网'), '网');
    }

    #[test]
    fn drops_thousands_separators_only() {
        assert_eq!(normalize("8,334.69万元"), "8334.69万元");
        assert_eq!(normalize("1,234,567"), "1234567");
        assert_eq!(normalize("８，３３４．６９"), "8334.69");
        // Not a thousands separator: list commas, four digits, no digit before.
        assert_eq!(normalize("1,2,3"), "1,2,3");
        assert_eq!(normalize("12,3456"), "12,3456");
        assert_eq!(normalize("a,123"), "a,123");
        assert_eq!(normalize("共3，网格"), "共3,网格");
    }

    #[test]
    fn units_of_mixed_text() {
        assert_eq!(words("执行率94.88%"), ["0:执", "1:行", "2:率", "3:94.88w", "4:%"]);
        assert_eq!(words("Budget 2022年度"), ["0:budgetw", "2:2022w", "3:年", "4:度"]);
        assert_eq!(words("8,334.69万元。"), ["0:8334.69w", "1:万", "2:元", "3:。"]);
        // A dot not between digits is a char unit; a trailing dot is not part of the number.
        assert_eq!(words("v1.x 3."), ["0:v1w", "1:.", "2:xw", "4:3w", "5:."]);
        assert_eq!(words("a1b2"), ["0:a1b2w"]);
    }

    #[test]
    fn query_segments_split_words_and_runs() {
        use Segment::*;
        assert_eq!(query_segments("网格员"), [Chars(vec!['网', '格', '员'])]);
        assert_eq!(query_segments("８３３４"), [Word("8334".into())]);
        assert_eq!(query_segments("8,334.69"), [Word("8334.69".into())]);
        assert_eq!(query_segments("2022年度 网格"), [Word("2022".into()), Chars(vec!['年', '度']), Chars(vec!['网', '格'])]);
        assert_eq!(query_segments("网格 员"), [Chars(vec!['网', '格']), Chars(vec!['员'])]);
        assert_eq!(query_segments("  "), []);
        assert_eq!(query_segments("网格 网格"), [Chars(vec!['网', '格'])]);
    }
}
