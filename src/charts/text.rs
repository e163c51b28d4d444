//! A text-width model that does not depend on the reader's fonts.
//!
//! Every character is given a width in em: CJK and other full-width characters (East Asian
//! width W/F, `unicode-width` 2) count 1 em, narrow characters a generous 0.62 em (0.78 em for
//! capitals, `%`, `W`, `M`, `@`), combining marks nothing. The model over-estimates Latin text on
//! purpose: a label laid out with it fits whatever sans-serif font the reader has.

use unicode_width::UnicodeWidthChar;

/// Width of one character, in em.
pub fn char_em(c: char) -> f64 {
    match c.width() {
        None | Some(0) => 0.0,
        Some(2) => 1.0,
        _ if c.is_ascii_uppercase() || matches!(c, '%' | 'W' | 'M' | 'm' | 'w' | '@' | '—') => 0.78,
        _ => 0.62,
    }
}

/// Width of `s` at `font_size` px.
pub fn width(s: &str, font_size: f64) -> f64 {
    s.chars().map(char_em).sum::<f64>() * font_size
}

/// Breaks `s` into lines no wider than `max` px at `font_size`. Lines break between any two
/// full-width characters and at spaces; a run of narrow characters (a number, a Latin word) is
/// kept whole unless it is wider than a line by itself.
pub fn wrap(s: &str, max: f64, font_size: f64) -> Vec<String> {
    // Most labels fit on one line: that line is the text without its outer spaces. (The margin
    // keeps a label whose width is within rounding of `max` on the exact path below.)
    let trimmed = s.trim();
    if !trimmed.is_empty() && width(trimmed, font_size) < max - 1e-6 {
        return vec![trimmed.to_string()];
    }
    // Tokens: one full-width character, or a run of narrow non-space characters, or a space.
    let narrow = |c: char| char_em(c) < 1.0 && !c.is_whitespace();
    let mut tokens: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        if let Some(p) = prev
            && !(narrow(c) && narrow(p))
        {
            tokens.push(&s[start..i]);
            start = i;
        }
        prev = Some(c);
    }
    if start < s.len() {
        tokens.push(&s[start..]);
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_w = 0.0;
    // Spaces after the line's last token: kept only if another token follows on the line.
    let mut spaces_w = 0.0;
    let mut spaces = String::new();
    for tok in tokens {
        let w = width(tok, font_size);
        if tok.chars().all(char::is_whitespace) {
            if !line.is_empty() {
                spaces.push_str(tok);
                spaces_w += w;
            }
            continue;
        }
        if !line.is_empty() && line_w + spaces_w + w <= max {
            line.push_str(&spaces);
            line.push_str(tok);
            line_w += spaces_w + w;
            spaces.clear();
            spaces_w = 0.0;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_w = 0.0;
            spaces.clear();
            spaces_w = 0.0;
        }
        if w <= max {
            line.push_str(tok);
            line_w = w;
        } else {
            // A narrow run longer than a line: cut it character by character.
            for c in tok.chars() {
                let cw = char_em(c) * font_size;
                if !line.is_empty() && line_w + cw > max {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += cw;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_full_width() {
        assert_eq!(width("全年预算数", 10.0), 50.0);
        assert!(width("8,334.69", 10.0) < 50.0);
        assert_eq!(width("（）", 10.0), 20.0);
    }

    #[test]
    fn wraps_cjk_anywhere_and_numbers_whole() {
        let lines = wrap("全市公共图书馆年接待读者人次达到 8,334.69 万", 60.0, 10.0);
        assert!(lines.iter().all(|l| width(l, 10.0) <= 60.0), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("8,334.69")), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), "全市公共图书馆年接待读者人次达到8,334.69万");
    }

    #[test]
    fn a_label_that_fits_is_one_line_without_outer_spaces() {
        assert_eq!(wrap("  执行率 94.88%  ", 200.0, 10.0), vec!["执行率 94.88%"]);
        assert_eq!(wrap("   ", 200.0, 10.0), vec![String::new()]);
        // Exactly as wide as the line: still one line, by the exact path.
        assert_eq!(wrap("全年预算", 40.0, 10.0), vec!["全年预算"]);
        assert_eq!(wrap("全年预算数", 40.0, 10.0).len(), 2);
    }
}
