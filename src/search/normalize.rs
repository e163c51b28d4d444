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
/// Works on the UTF-8 bytes and copies unchanged runs whole: the index normalises every
/// record, and a char-by-char copy was 70 instructions per char. Equal to folding each char
/// with [`fold`] (the unit tests check it against that definition).
pub fn normalize(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Bytes from `from` to `i` are copied as they are, in one go, when something changes.
    let (mut from, mut i) = (0, 0);
    let mut prev_digit = false;
    while i < b.len() {
        let x = b[i];
        // The char at `i` folded, when folding changes it, and its length in bytes.
        let (folded, len) = match x {
            b'A'..=b'Z' => (Some(x.to_ascii_lowercase()), 1),
            0..=0x7F => (None, 1),
            // U+FF00–U+FF7F: full-width ASCII is U+FF01–U+FF5E.
            0xEF if matches!(b[i + 1], 0xBC | 0xBD) => {
                let cp = 0xFF00 + (((b[i + 1] & 1) as u32) << 6) + (b[i + 2] & 0x3F) as u32;
                ((0xFF01..=0xFF5E).contains(&cp).then(|| ((cp - 0xFEE0) as u8).to_ascii_lowercase()), 3)
            }
            // U+3000, the ideographic space.
            0xE3 if b[i + 1] == 0x80 && b[i + 2] == 0x80 => (Some(b' '), 3),
            0x80..=0xDF => (None, 2),
            0xE0..=0xEF => (None, 3),
            _ => (None, 4),
        };
        // The folded char when it is ASCII (0x80 stands for any other char).
        let c = folded.unwrap_or(if len == 1 { x } else { 0x80 });
        if c == b',' && prev_digit && is_thousands_group(b, i + len) {
            out.push_str(&text[from..i]);
            i += len;
            from = i;
            continue;
        }
        if let Some(f) = folded {
            out.push_str(&text[from..i]);
            out.push(f as char);
            from = i + len;
        }
        prev_digit = c.is_ascii_digit();
        i += len;
    }
    out.push_str(&text[from..]);
    out
}

/// Length in bytes of the char at `j` when it is a digit after folding (ASCII or full-width).
fn digit_len(b: &[u8], j: usize) -> Option<usize> {
    match b.get(j)? {
        b'0'..=b'9' => Some(1),
        0xEF if b.get(j + 1) == Some(&0xBC) && matches!(b.get(j + 2), Some(0x90..=0x99)) => Some(3),
        _ => None,
    }
}

/// Whether the chars from byte `j` are exactly three digits and then no digit (after folding).
fn is_thousands_group(b: &[u8], mut j: usize) -> bool {
    for _ in 0..3 {
        match digit_len(b, j) {
            Some(n) => j += n,
            None => return false,
        }
    }
    digit_len(b, j).is_none()
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

    /// [`normalize`] as the module doc defines it, char by char.
    fn normalize_by_chars(text: &str) -> String {
        let chars: Vec<char> = text.chars().map(fold).collect();
        let mut out = String::new();
        let mut prev_digit = false;
        for (i, &c) in chars.iter().enumerate() {
            let digits = |k: usize| chars.get(i + k).is_some_and(|d| d.is_ascii_digit());
            if c == ',' && prev_digit && digits(1) && digits(2) && digits(3) && !digits(4) {
                continue;
            }
            out.push(c);
            prev_digit = c.is_ascii_digit();
        }
        out
    }

    #[test]
    fn normalize_equals_folding_char_by_char() {
        // Every char the byte-level code treats apart, its neighbours, and others of each
        // UTF-8 length.
        let alphabet: Vec<char> = "aZz09,.，０９５Ａｚ～！\u{FF00}\u{FF5F}\u{FF7F}\u{FF80}\u{FEE0}\u{3000}\u{3001}\u{2FFF}é网格€😀 \n"
            .chars()
            .collect();
        let mut rng = crate::search::testing::Xorshift(0x9e37_79b9_7f4a_7c15);
        for n in 0..20_000 {
            let text = rng.text(&alphabet, n % 12);
            assert_eq!(normalize(&text), normalize_by_chars(&text), "{text:?}");
        }
        for text in ["8,334.69", "１，２３４，５６７", "1,2345", "1,234a", "ＢＵＤＧＥＴ　８，３３４", "末尾,", ",123"] {
            assert_eq!(normalize(text), normalize_by_chars(text), "{text:?}");
        }
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
