//! The part of a theme's chart stylesheet that a standalone `.svg` file needs.
//!
//! `static/chart.css` styles the pages too (comparison tables, sort buttons, figure captions).
//! A standalone chart carries only the rules that can match inside it: custom properties on
//! `:root` and rules naming a chart class (`jx-…`), inside `@media` blocks too, without comments.
//! Every report and department page has such files, so what is left out is written thousands
//! of times less.

/// The rules of `css` a chart file keeps, one per line.
pub fn chart_rules(css: &str) -> String {
    let css = strip_comments(css);
    let mut out = String::with_capacity(css.len());
    keep_rules(&css, &mut out);
    out
}

/// Whether a rule with this selector can style a chart.
fn applies(selector: &str) -> bool {
    selector.contains(":root") || selector.contains("jx-")
}

/// Appends the kept rules of a list of rules (a stylesheet or an at-rule's body) to `out`.
fn keep_rules(css: &str, out: &mut String) {
    let mut rest = css;
    while let Some(open) = find_outside_strings(rest, b'{') {
        let prelude = rest[..open].trim();
        let Some(len) = block_len(&rest[open..]) else {
            // An unclosed block: keep it whole rather than guess where it ends.
            if applies(prelude) || prelude.starts_with('@') {
                out.push_str(rest.trim());
                out.push('\n');
            }
            return;
        };
        let body = &rest[open + 1..open + len - 1];
        if prelude.starts_with('@') {
            let mut inner = String::new();
            keep_rules(body, &mut inner);
            if !inner.is_empty() {
                out.push_str(prelude);
                out.push_str(" {\n");
                out.push_str(&inner);
                out.push_str("}\n");
            }
        } else if applies(prelude) {
            out.push_str(prelude);
            out.push_str(" {");
            out.push_str(body.trim_end());
            out.push_str(" }\n");
        }
        rest = &rest[open + len..];
    }
}

/// Length of the block that `css` starts with (`{` … its matching `}`), or `None` if unclosed.
fn block_len(css: &str) -> Option<usize> {
    let bytes = css.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' | b'\'' => i = skip_string(bytes, i),
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Index of the first `byte` of `css` that is not inside a quoted string.
fn find_outside_strings(css: &str, byte: u8) -> Option<usize> {
    let bytes = css.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' | b'\'' => i = skip_string(bytes, i),
            b if b == byte => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Index of the quote closing the string that opens at `start` (or the last byte).
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b if b == quote => return i,
            _ => {}
        }
        i += 1;
    }
    bytes.len() - 1
}

/// `css` without `/* … */` comments (outside strings).
fn strip_comments(css: &str) -> String {
    let bytes = css.as_bytes();
    let mut out = String::with_capacity(css.len());
    let mut i = 0;
    let mut from = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' | b'\'' => i = skip_string(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                out.push_str(&css[from..i]);
                i = css[i + 2..].find("*/").map_or(bytes.len(), |e| i + 2 + e + 2);
                from = i;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out.push_str(&css[from.min(css.len())..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_chart_rules_and_custom_properties_only() {
        let css = "/* theme { } */\n:root {\n  --chart-1: #0b3d6e;\n}\n.jx-chart text { fill: var(--chart-1); }\n\
                   .compare td { vertical-align: top; }\n.sortable .b::after { content: \" {↕\"; }\n\
                   @media print { svg.jx-chart { break-inside: avoid; } }\n@media print { .footnotes { x: y; } }\n\
                   @media (prefers-color-scheme: dark) { :root { --chart-1: #9cf; } }";
        let kept = chart_rules(css);
        assert!(kept.contains("--chart-1: #0b3d6e;"), "{kept}");
        assert!(kept.contains(".jx-chart text { fill: var(--chart-1); }"), "{kept}");
        assert!(kept.contains("@media print {\nsvg.jx-chart { break-inside: avoid; }\n}"), "{kept}");
        assert!(kept.contains("@media (prefers-color-scheme: dark) {\n:root { --chart-1: #9cf; }\n}"), "{kept}");
        for gone in ["theme", ".compare", ".sortable", "↕", ".footnotes"] {
            assert!(!kept.contains(gone), "{gone} should be left out: {kept}");
        }
        assert_eq!(kept.matches("@media").count(), 2, "{kept}");
    }

    #[test]
    fn odd_input_does_not_lose_chart_rules() {
        assert_eq!(chart_rules(""), "");
        assert_eq!(chart_rules("/* only a comment"), "");
        assert!(chart_rules(".jx-a { fill: red; ").contains(".jx-a { fill: red;"));
        assert!(chart_rules("a[title='}'] { x: y } .jx-b { z: w }").contains(".jx-b { z: w }"));
    }
}
