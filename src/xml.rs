//! Escaping text for XML and HTML: element content and attribute values of the Atom feed
//! ([`crate::feed`]), the SVG charts ([`crate::charts`]) and the HTML jixiao writes itself
//! ([`crate::render`]'s Markdown extras). Tera escapes what templates print; this is the rest.

/// Appends `s` to `out` with `&`, `<`, `>`, `"` and `'` escaped, dropping the control characters
/// XML 1.0 does not allow (all below U+0020 except tab, line feed and carriage return).
pub fn escape_into(out: &mut String, s: &str) {
    let mut from = 0;
    // Every byte to replace is ASCII, so a byte scan never splits a character.
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'\t' | b'\n' | b'\r' => continue,
            b if b < 0x20 => "",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(rep);
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

/// [`escape_into`] a new string.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(escape("a&b<c>\"d'\u{1}e\tf\ng"), "a&amp;b&lt;c&gt;&quot;d&#39;e\tf\ng");
        assert_eq!(escape("黄埔区 <政法委>"), "黄埔区 &lt;政法委&gt;");
        assert_eq!(escape(""), "");
    }
}
