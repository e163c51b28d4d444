//! Prints of UI strings written into the templates before Tera compiles them.
//!
//! The UI strings are the same on every page of a build, yet `{{ i18n.common.not_stated }}`
//! costs Tera three map lookups each time it runs, and a report page runs hundreds of them (a
//! tenth of its rendering time). So each `{{ i18n.<key> }}` whose key names a string becomes
//! that string, escaped exactly as Tera would print it. The pages come out byte for byte the
//! same; a key the strings lack is left for Tera (and for the missing-key error).
//!
//! What is left alone: a print with whitespace control (`{{-`), filters or anything beyond the
//! bare name, text inside `{% raw %}`, strings with a line break (line numbers must not move),
//! and every template that uses `i18n` other than as `i18n.<key>` (it could set or shadow it).
//! Tera reports positions in the text it compiled; [`Folded::original_column`] turns them back
//! into columns of the theme's file.

use std::collections::BTreeMap;

/// A template's source with its UI-string prints replaced, and where they were.
#[derive(Debug, Clone, Default)]
pub(super) struct Folded {
    /// What Tera compiles.
    pub source: String,
    /// Each replacement: its line (1-based), its column in `source` (0-based, in chars, as
    /// Tera counts), and the chars it removed minus the chars it wrote.
    shifts: Vec<(usize, usize, isize)>,
}

impl Folded {
    /// The 0-based column in the theme's file of a 0-based column that Tera reported on `line`
    /// of [`Folded::source`].
    pub(super) fn original_column(&self, line: usize, column: usize) -> usize {
        let shift: isize = self.shifts.iter().filter(|(l, at, _)| *l == line && *at < column).map(|s| s.2).sum();
        column.saturating_add_signed(shift)
    }
}

/// Folds the UI-string prints of one template. `escape`: whether Tera autoescapes it (the
/// `.html` and `.xml` templates).
pub(super) fn fold(source: &str, strings: &BTreeMap<String, String>, escape: bool) -> Folded {
    if uses_i18n_otherwise(source) {
        return Folded { source: source.to_string(), shifts: Vec::new() };
    }
    let mut out = String::with_capacity(source.len());
    let mut shifts = Vec::new();
    let (mut line, mut column) = (1usize, 0usize);
    let mut rest = source;
    while let Some(open) = rest.find('{') {
        let (before, from) = rest.split_at(open);
        copy(&mut out, before, &mut line, &mut column);
        let Some(kind) = from.as_bytes().get(1).copied().filter(|b| matches!(b, b'{' | b'%' | b'#')) else {
            copy(&mut out, "{", &mut line, &mut column);
            rest = &from[1..];
            continue;
        };
        let close = match kind {
            b'{' => "}}",
            b'%' => "%}",
            _ => "#}",
        };
        let Some(len) = tag_len(from, close) else {
            // An unclosed tag: Tera reports it.
            copy(&mut out, from, &mut line, &mut column);
            rest = "";
            break;
        };
        let tag = &from[..len];
        if kind == b'%' && is_block(tag, "raw") {
            // Everything up to `{% endraw %}` is printed as written.
            let end = raw_end(&from[len..]).map_or(from.len(), |e| len + e);
            copy(&mut out, &from[..end], &mut line, &mut column);
            rest = &from[end..];
            continue;
        }
        match (kind, print_key(tag).and_then(|key| strings.get(key))) {
            (b'{', Some(text)) if !text.contains('\n') && !text.contains('\r') => {
                let start = out.len();
                if escape {
                    let mut bytes = Vec::with_capacity(text.len());
                    tera::escape_html(text, &mut bytes).expect("writing to a Vec cannot fail");
                    out.push_str(std::str::from_utf8(&bytes).expect("escaping keeps UTF-8"));
                } else {
                    out.push_str(text);
                }
                let written = out[start..].chars().count();
                shifts.push((line, column, tag.chars().count() as isize - written as isize));
                column += written;
            }
            _ => copy(&mut out, tag, &mut line, &mut column),
        }
        rest = &from[len..];
    }
    copy(&mut out, rest, &mut line, &mut column);
    Folded { source: out, shifts }
}

/// Copies `text` to the output, keeping count of lines and columns as Tera does.
fn copy(out: &mut String, text: &str, line: &mut usize, column: &mut usize) {
    out.push_str(text);
    for c in text.chars() {
        if c == '\n' {
            *line += 1;
            *column = 0;
        } else {
            *column += 1;
        }
    }
}

/// Whether `source` names `i18n` other than as `i18n.<key>`: assigns it, passes it on, loops
/// over it or indexes it. Such a template is compiled as written.
fn uses_i18n_otherwise(source: &str) -> bool {
    super::theme::i18n_mentions(source).any(|(_, key)| key.is_empty())
}

/// Length in bytes of the tag at the start of `from` (`{{`, `{%` or `{#`) up to and with
/// `close`, skipping quoted strings inside `{{ }}` and `{% %}`; `None` when it never closes.
fn tag_len(from: &str, close: &str) -> Option<usize> {
    let b = from.as_bytes();
    if close == "#}" {
        return from[2..].find(close).map(|e| e + 4);
    }
    let mut i = 2;
    while i < b.len() {
        match b[i] {
            q @ (b'"' | b'\'' | b'`') => {
                let end = from[i + 1..].find(q as char)?;
                i += end + 2;
            }
            _ if from[i..].starts_with(close) => return Some(i + 2),
            _ => i += 1,
        }
    }
    None
}

/// Whether a `{% … %}` tag is the block `name` (`{% raw %}`, `{%- raw -%}`).
fn is_block(tag: &str, name: &str) -> bool {
    let inner = tag[2..tag.len() - 2].trim_start_matches('-').trim_end_matches('-');
    inner.trim() == name
}

/// Where the `{% endraw %}` tag closing a raw block ends, in `rest` (what follows `{% raw %}`).
fn raw_end(rest: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = rest[from..].find("{%") {
        let start = from + at;
        let len = tag_len(&rest[start..], "%}")?;
        if is_block(&rest[start..start + len], "endraw") {
            return Some(start + len);
        }
        from = start + 2;
    }
    None
}

/// The key of a `{{ i18n.<key> }}` print, with single spaces or none inside the braces and
/// nothing else in it.
fn print_key(tag: &str) -> Option<&str> {
    let inner = tag.strip_prefix("{{")?.strip_suffix("}}")?;
    if inner.starts_with('-') || inner.ends_with('-') {
        return None;
    }
    let key = inner.trim_matches(' ').strip_prefix("i18n.")?;
    let is_key_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
    (!key.is_empty() && key.chars().all(is_key_char) && !key.starts_with('.') && !key.ends_with('.') && !key.contains("..")).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> BTreeMap<String, String> {
        [("nav.home", "首页"), ("a.markup", "<b>&\"x'</b>"), ("a.two", "一\n二"), ("status.met", "已完成")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn prints_of_known_strings_become_the_escaped_text() {
        let f = fold("<a>{{ i18n.nav.home }}</a>{{i18n.a.markup}}", &strings(), true);
        let mut escaped = Vec::new();
        tera::escape_html("<b>&\"x'</b>", &mut escaped).unwrap();
        assert_eq!(f.source, format!("<a>首页</a>{}", String::from_utf8(escaped).unwrap()));
        // Not escaped where Tera would not escape.
        assert_eq!(fold("{{ i18n.a.markup }}", &strings(), false).source, "<b>&\"x'</b>");
    }

    #[test]
    fn everything_else_is_left_for_tera() {
        for src in [
            "{{- i18n.nav.home }}",
            "{{ i18n.nav.home -}}",
            "{{ i18n.nav.home | upper }}",
            "{{ i18n.missing.key }}",
            "{{ i18n.status }}",
            "{{ i18n.a.two }}",
            "{{ i18n.status[s] }}",
            "{% raw %}{{ i18n.nav.home }}{% endraw %}",
            "{%- raw -%} {{ i18n.nav.home }} {%- endraw %}",
            "{# {{ i18n.nav.home }} #}",
            "{{ \"}}\" }}{{ t(key=\"nav.home\") }}",
            "{ {{ x }}",
        ] {
            assert_eq!(fold(src, &strings(), true).source, src, "{src}");
        }
        // A template that sets or passes `i18n` is compiled as written.
        for src in ["{% set i18n = x %}{{ i18n.nav.home }}", "{{ f(s=i18n) }}{{ i18n.nav.home }}", "{% for k in i18n %}{% endfor %}{{ i18n.nav.home }}"] {
            assert_eq!(fold(src, &strings(), true).source, src, "{src}");
        }
        // Text after a raw block is folded again.
        assert_eq!(fold("{% raw %}{{ i18n.nav.home }}{% endraw %}{{ i18n.nav.home }}", &strings(), true).source, "{% raw %}{{ i18n.nav.home }}{% endraw %}首页");
    }

    #[test]
    fn columns_map_back_to_the_theme_file() {
        let src = "x{{ i18n.nav.home }}{{ i18n.status.met }} {{ bad }}\n{{ i18n.nav.home }}{{ y }}";
        let f = fold(src, &strings(), true);
        assert_eq!(f.source, "x首页已完成 {{ bad }}\n首页{{ y }}");
        // `{{ bad }}` is at column 7 of the compiled line, 42 of the file's.
        assert_eq!(&src[42..51], "{{ bad }}");
        assert_eq!(f.original_column(1, 7), 42);
        assert_eq!(f.original_column(1, 0), 0);
        assert_eq!(f.original_column(2, 2), 19);
    }
}
