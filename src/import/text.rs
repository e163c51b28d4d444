//! From a reader's lines to the paragraphs a person reads: figures written plainly (full-width
//! digits and thousands separators undone, stray spaces around figures removed), lines
//! hard-wrapped inside a word joined again, and each paragraph's list or heading number told
//! apart from its text.
//!
//! Not here: what a paragraph means (that is `outline`).

use super::rules;
use super::source::{Block, Location, Source};

/// A paragraph of the document, as one logical line of text.
#[derive(Debug, Clone)]
pub(super) struct Para {
    /// The text, normalised, its number still in front.
    pub text: String,
    /// Where its first line is, e.g. `report.txt:12` or `report.pdf:p3`.
    pub at: String,
    /// The Word heading level of an unnumbered heading (1 = 标题 1), when the format says so.
    pub heading: Option<u8>,
}

/// The number in front of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marker {
    /// 一、 二、: a chapter heading.
    Chapter(u32),
    /// （一） (一): a section heading.
    Section(u32),
    /// （1） (1) 1. 1、 ①: a list item.
    Item(u32),
    /// 一是 二是: an item written inside a sentence.
    Ordinal(u32),
}

/// Where a block is, for messages: `file:line`, `file:p3`, `file:sheet!row`.
pub(super) fn location(file: &str, at: &Location) -> String {
    match (at.page, at.line, &at.sheet, at.row) {
        (Some(p), Some(l), _, _) => format!("{file}:p{p}:{l}"),
        (Some(p), None, _, _) => format!("{file}:p{p}"),
        (None, Some(l), _, _) => format!("{file}:{l}"),
        (None, None, Some(s), Some(r)) => format!("{file}:{s}!{r}"),
        (None, None, Some(s), None) => format!("{file}:{s}"),
        _ => file.to_string(),
    }
}

/// Full-width digits and signs to ASCII, thousands separators removed, whitespace removed
/// except between two ASCII letters or digits (where it separates words), list bullets
/// (`- `, `• `) removed.
pub(super) fn normalise(line: &str) -> String {
    let mapped: Vec<char> = line
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '％' => '%',
            '\u{3000}' | '\u{a0}' => ' ',
            c => c,
        })
        .collect();
    let mut out = String::with_capacity(line.len());
    let n = mapped.len();
    let mut i = 0;
    while i < n {
        let c = mapped[i];
        if c.is_whitespace() {
            let mut j = i;
            while j < n && mapped[j].is_whitespace() {
                j += 1;
            }
            let before = out.chars().last();
            let after = mapped.get(j).copied();
            if let (Some(b), Some(a)) = (before, after)
                && b.is_ascii_alphanumeric()
                && a.is_ascii_alphanumeric()
                && !(b.is_ascii_digit() && a.is_ascii_digit())
            {
                out.push(' ');
            }
            i = j;
            continue;
        }
        // 12,345.67: a comma between a digit and exactly three digits is a thousands separator.
        if c == ',' && i > 0 && mapped[i - 1].is_ascii_digit() {
            let three = (1..=3).all(|k| mapped.get(i + k).is_some_and(char::is_ascii_digit));
            let fourth = mapped.get(i + 4).is_some_and(char::is_ascii_digit);
            if three && !fourth {
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    let trimmed = out.trim();
    let without_bullet = trimmed.strip_prefix("- ").or_else(|| trimmed.strip_prefix('•')).or_else(|| trimmed.strip_prefix('·')).unwrap_or(trimmed);
    // "- （1）" loses its space with the rest: strip a bullet followed directly by a bracket.
    let without_bullet = match without_bullet.strip_prefix('-') {
        Some(rest) if rest.starts_with(['（', '(']) => rest,
        _ => without_bullet,
    };
    without_bullet.trim().to_string()
}

const CHINESE_DIGITS: &str = "〇一二三四五六七八九十";

/// The value of a Chinese numeral up to 99 (一, 十二, 二十三).
fn chinese_number(s: &str) -> Option<u32> {
    if s.is_empty() || !s.chars().all(|c| CHINESE_DIGITS.contains(c)) {
        return None;
    }
    let digit = |c: char| CHINESE_DIGITS.chars().position(|d| d == c).map(|p| p as u32);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// The number in front of `s` and the text after it.
pub(super) fn marker(s: &str) -> Option<(Marker, &str)> {
    // （一） (1): a bracketed number, full- or half-width brackets in any combination.
    if let Some(rest) = s.strip_prefix(['（', '(']) {
        let end = rest.find(['）', ')'])?;
        let inner = rest[..end].trim();
        let close = rest[end..].chars().next()?.len_utf8();
        let after = rest[end + close..].trim_start();
        if let Ok(n) = inner.parse::<u32>() {
            return Some((Marker::Item(n), after));
        }
        return chinese_number(inner).map(|n| (Marker::Section(n), after));
    }
    // ① … ⑳
    if let Some(c) = s.chars().next()
        && ('①'..='⑳').contains(&c)
    {
        return Some((Marker::Item(c as u32 - '①' as u32 + 1), s[c.len_utf8()..].trim_start()));
    }
    // 1. 1、 1． (not 15.17%: the separator is not followed by a digit)
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 2 {
        let rest = &s[digits..];
        for sep in ["、", ".", "．"] {
            if let Some(after) = rest.strip_prefix(sep)
                && !after.starts_with(|c: char| c.is_ascii_digit())
            {
                return Some((Marker::Item(s[..digits].parse().ok()?), after.trim_start()));
            }
        }
    }
    // 一、 / 一是
    let numeral: String = s.chars().take_while(|c| CHINESE_DIGITS.contains(*c)).collect();
    if !numeral.is_empty() {
        let rest = &s[numeral.len()..];
        if let Some(n) = chinese_number(&numeral) {
            if let Some(after) = rest.strip_prefix('、') {
                return Some((Marker::Chapter(n), after.trim_start()));
            }
            if let Some(after) = rest.strip_prefix('是') {
                return Some((Marker::Ordinal(n), after));
            }
        }
    }
    None
}

/// Whether a paragraph is a heading or a short title: no sentence punctuation, not long.
pub(super) fn is_title(text: &str) -> bool {
    !text.contains(['。', '；', '，', ';', '：']) && text.chars().count() <= 40
}

/// Whether a line ends a sentence, so the next line starts a new paragraph.
fn ends_sentence(text: &str) -> bool {
    text.ends_with(['。', '；', '！', '？', '：', ';', '!', '?', ':', '”', '…']) && !text.ends_with("，”")
}

/// Whether a line starts a cover-sheet field (索引号：…).
pub(super) fn is_cover_line(text: &str) -> bool {
    rules::COVER.iter().any(|(label, _)| text.strip_prefix(label).is_some_and(|r| r.trim_start().starts_with(['：', ':'])))
}

/// The paragraphs of `source`: its lines joined where a line was hard-wrapped inside a
/// sentence (PDF lines, a blank line or none between them), and split where a new numbered
/// item, a heading or a cover field begins. Tables are left out (table recognition reads them).
pub(super) fn paragraphs(source: &Source) -> Vec<Para> {
    let file = source.path.display().to_string();
    let mut out: Vec<Para> = Vec::new();
    let mut open = false;
    for block in &source.blocks {
        let Block::Paragraph { text, heading, at } = block else {
            open = false;
            continue;
        };
        let line = normalise(text);
        if line.is_empty() {
            continue;
        }
        let joins = open
            && heading.is_none()
            && out.last().is_some_and(|last| {
                let finished = ends_sentence(&last.text)
                    || is_cover_line(&last.text)
                    || (marker(&last.text).is_some() && is_title(&last.text))
                    || rules::TITLE_ENDINGS.iter().any(|w| last.text.ends_with(w));
                // A bracketed or circled number always starts an item; `2.` or `二是` at the start
                // of a line may be a wrapped sentence, unless it follows item 1 / 一是.
                let strong = match (marker(&line), marker(&last.text)) {
                    (Some((Marker::Chapter(_) | Marker::Section(_), _)), _) => true,
                    (Some((Marker::Item(n), _)), previous) => {
                        line.starts_with(['（', '(']) || line.starts_with(|c: char| ('①'..='⑳').contains(&c)) || previous.is_some_and(|(m, _)| m == Marker::Item(n.wrapping_sub(1)))
                    }
                    (Some((Marker::Ordinal(n), _)), Some((Marker::Ordinal(p), _))) => p + 1 == n,
                    _ => false,
                };
                !finished && !strong && !is_cover_line(&line)
            });
        if joins {
            let last = out.last_mut().expect("checked above");
            // Joined without a space: the wrap fell inside a word (or between figures and words).
            let glued = if last.text.ends_with(|c: char| c.is_ascii_alphabetic()) && line.starts_with(|c: char| c.is_ascii_alphabetic()) { " " } else { "" };
            last.text.push_str(glued);
            last.text.push_str(&line);
        } else {
            out.push(Para { text: line, at: location(&file, at), heading: *heading });
        }
        open = heading.is_none();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising() {
        assert_eq!(normalise("全年预算数 8334.69 万元"), "全年预算数8334.69万元");
        assert_eq!(normalise("预算数１２,３４５.６７万元"), "预算数12345.67万元");
        assert_eq!(normalise("- （1）做好工作；"), "（1）做好工作；");
        assert_eq!(normalise("“广州政法舆情调度平台” app的应用"), "“广州政法舆情调度平台”app的应用");
        assert_eq!(normalise("1,234,567 件 and 2,5"), "1234567件and 2,5");
    }

    #[test]
    fn markers() {
        assert_eq!(marker("（一）部门概况"), Some((Marker::Section(1), "部门概况")));
        assert_eq!(marker("(三) 部门整体收支情况"), Some((Marker::Section(3), "部门整体收支情况")));
        assert_eq!(marker("（12）做好"), Some((Marker::Item(12), "做好")));
        assert_eq!(marker("二、综合评价分析"), Some((Marker::Chapter(2), "综合评价分析")));
        assert_eq!(marker("十二是x"), Some((Marker::Ordinal(12), "x")));
        assert_eq!(marker("3.做好"), Some((Marker::Item(3), "做好")));
        assert_eq!(marker("3、做好"), Some((Marker::Item(3), "做好")));
        assert_eq!(marker("②做好"), Some((Marker::Item(2), "做好")));
        assert_eq!(marker("15.17%，为"), None);
        assert_eq!(marker("2022年"), None);
    }
}
