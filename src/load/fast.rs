//! A fast reader for the plain subset of YAML that report files are written in.
//!
//! The general YAML scanner reads about 30 MB/s; a year of reports for a whole province is
//! hundreds of megabytes. Report files use a small part of YAML: block mappings and sequences,
//! one-line plain and quoted scalars, literal block scalars (`|`, `|-`), one-line flow
//! collections of scalars, comments. This reader handles exactly that, line by line, and
//! gives up (`None`) at the first thing outside it — anchors, tags, folded or multi-line
//! scalars, tabs, control and other unusual characters, several documents, anything unusual or
//! wrong — so the full parser in [`super::yaml`] reads those files and reports their errors.
//!
//! The two must never differ: on any text this reader declines or builds exactly the full
//! parser's tree, values and positions alike, so that whether a file loads never depends on
//! which reader took it. Where the full parser's behaviour is subtle, this reader declines
//! rather than imitate it. [`super::compare_readers`] compares them; `tests/yaml_readers.rs`
//! runs it on every `cargo test` and `fuzz/` under libFuzzer (docs/fuzzing.md).

use super::yaml::{MAX_DEPTH, MAX_NODES, Node, Pos, Value};
use std::borrow::Cow;

/// Parses `source` if it stays within the subset; `None` means "use the full parser".
pub(super) fn parse(source: &str) -> Option<Option<Node<'_>>> {
    // The full parser refuses a document of more than MAX_NODES nodes. In this subset every
    // node but the root takes at least one byte of its own (a mapping shares its first key's,
    // and that key's `:` is one more), so only a text of that many bytes could have as many:
    // such texts (over 1 MB, where real reports are tens of KB) are left to the full parser.
    if source.len() >= MAX_NODES {
        return None;
    }
    let lines = split_lines(source)?;
    let mut reader = Reader { lines, at: 0, depth: 0 };
    reader.skip_blank();
    if reader.at == reader.lines.len() {
        return Some(None);
    }
    let first = reader.lines[reader.at];
    if first.indent != 0 {
        return None;
    }
    let node = reader.block(0)?;
    reader.skip_blank();
    if reader.at != reader.lines.len() {
        return None;
    }
    Some(Some(node))
}

#[derive(Clone, Copy)]
struct Line<'a> {
    /// 1-based line number.
    number: usize,
    /// Leading spaces.
    indent: usize,
    /// The line without its line end (and without a trailing `\r`).
    text: &'a str,
    /// Whether the line holds nothing but spaces or a comment.
    blank: bool,
}

fn split_lines(source: &str) -> Option<Vec<Line<'_>>> {
    if has_unusual_characters(source) {
        return None;
    }
    // A last line of spaces without a line break: the full parser counts it as one more line
    // break of a literal block scalar ending there ("n\n\n" where "n\n" is meant). Editors end
    // files with a line break; leave the rest to the full parser.
    let last_line = &source[source.rfind('\n').map_or(0, |i| i + 1)..];
    if !last_line.is_empty() && last_line.trim_start_matches(' ').trim_end_matches('\r').is_empty() {
        return None;
    }
    // One vectorised pass for carriage returns; most files have none, and then no line needs
    // checking for them.
    let crlf = memchr::memchr(b'\r', source.as_bytes()).is_some();
    let mut lines = Vec::with_capacity(source.len() / 40 + 1);
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', source.as_bytes()).chain(std::iter::once(source.len()));
    for (i, end) in ends.enumerate() {
        let raw = &source[start..end];
        start = end + 1;
        let text = if crlf { raw.strip_suffix('\r').unwrap_or(raw) } else { raw };
        if crlf && text.contains('\r') {
            return None;
        }
        let indent = text.bytes().take_while(|b| *b == b' ').count();
        let rest = &text[indent..];
        if rest.starts_with('\t') {
            return None;
        }
        let blank = rest.is_empty() || rest.starts_with('#');
        if indent == 0 && (rest.starts_with("---") || rest.starts_with("...") || rest.starts_with('%')) {
            return None;
        }
        lines.push(Line { number: i + 1, indent, text, blank });
    }
    Some(lines)
}

/// Whether `source` holds a character whose treatment this reader leaves to the full parser:
/// a tab (never indentation, sometimes separation); a control character other than the line
/// breaks (the full parser refuses NUL, and Rust's `trim` takes U+0085 for white space where
/// YAML does not); a byte order mark inside the document (refused there; the loader strips
/// the one at the start before parsing); U+FFFE and U+FFFF (not characters); the line and
/// paragraph separators U+2028 and U+2029. Real files have none, and the check is a few
/// vectorised passes over the bytes: cheap on every file.
fn has_unusual_characters(source: &str) -> bool {
    memchr::memchr(b'\t', source.as_bytes()).is_some()
        || super::control_char(source).is_some()
        || ["\u{feff}", "\u{fffe}", "\u{ffff}", "\u{2028}", "\u{2029}"]
            .iter()
            .any(|c| memchr::memmem::find(source.as_bytes(), c.as_bytes()).is_some())
}

/// Deepest nesting of collections read here: half the full parser's limit, so that a document
/// the full parser refuses as too deep is always declined here. Real reports use fewer than ten.
const MAX_NESTING: usize = MAX_DEPTH / 2;

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    at: usize,
    /// Collections open around the current line.
    depth: usize,
}

/// Longest key read here, in bytes. The full parser refuses a key (a "simple key") of more than
/// 1,024 characters; a key of at most this many bytes has fewer characters than that.
const MAX_KEY_BYTES: usize = 1_000;

/// Characters that cannot start a plain scalar in this subset.
fn starts_special(s: &str) -> bool {
    let b = s.as_bytes();
    match b.first() {
        None => false,
        Some(b'-') => b.len() == 1 || b[1] == b' ',
        Some(c) => matches!(c, b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`'),
    }
}

/// Column (1-based, in characters) of byte offset `byte` in `text`.
fn column(text: &str, byte: usize) -> usize {
    let prefix = &text[..byte];
    if prefix.is_ascii() { byte + 1 } else { prefix.chars().count() + 1 }
}

fn chars(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { s.chars().count() }
}

impl<'a> Reader<'a> {
    fn skip_blank(&mut self) {
        while self.at < self.lines.len() && self.lines[self.at].blank {
            self.at += 1;
        }
    }

    /// The next non-blank line, if any.
    fn peek(&mut self) -> Option<Line<'a>> {
        self.skip_blank();
        self.lines.get(self.at).copied()
    }

    /// A block node starting on the current line at exactly `indent`.
    fn block(&mut self, indent: usize) -> Option<Node<'a>> {
        let line = self.peek()?;
        let rest = &line.text[line.indent..];
        if line.indent != indent {
            return None;
        }
        if rest == "-" || rest.starts_with("- ") {
            self.sequence(indent, false)
        } else {
            self.mapping(indent, line.indent)
        }
    }

    /// A block sequence whose dashes are at `indent`; `indentless` when its dashes line up
    /// with the key it belongs to (`key:` then `- item` at the same indentation).
    fn sequence(&mut self, indent: usize, indentless: bool) -> Option<Node<'a>> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return None;
        }
        let first = self.peek()?;
        // Where the first item starts on the first dash's line (see `pos` below).
        let mut first_item = None;
        let mut items: Vec<Node<'a>> = Vec::new();
        while let Some(line) = self.peek() {
            let rest = &line.text[line.indent..];
            if line.indent != indent || !(rest == "-" || rest.starts_with("- ")) {
                break;
            }
            let after = &rest[1..];
            let spaces = after.bytes().take_while(|b| *b == b' ').count();
            let content_at = line.indent + 1 + spaces;
            let content = &line.text[content_at..];
            if items.is_empty() {
                first_item = Some(column(line.text, content_at));
            }
            if content.is_empty() || content.starts_with('#') {
                // The item's value is on the following lines, or it is empty. An indentless
                // sequence starting so is placed by the full parser after its first dash, not
                // where its first item starts: rare, leave it to the full parser.
                if indentless && items.is_empty() {
                    return None;
                }
                self.at += 1;
                match self.peek() {
                    Some(next) if next.indent > indent => items.push(self.block(next.indent)?),
                    _ => return None, // an empty item: rare, leave it to the full parser
                }
            } else if content.starts_with("- ") || content == "-" {
                return None; // a sequence inside a sequence on one line
            } else if key_end(content).is_some() {
                // "- key: value": a mapping whose keys line up with `key`.
                items.push(self.mapping(content_at, content_at)?);
            } else {
                let node = self.inline_value(line, content_at, indent)?;
                items.push(node);
            }
        }
        // Like the full parser: an indented sequence is placed at its first dash, an indentless
        // one where its first item starts on that dash's line (for a block scalar, at its `|`,
        // though the scalar itself is placed at its first line of text).
        let pos = if indentless {
            Pos { line: first.number, column: first_item?, len: 1 }
        } else {
            Pos { line: first.number, column: indent + 1, len: 1 }
        };
        self.depth -= 1;
        Some(Node { value: Value::Seq(items), pos })
    }

    /// A block mapping whose keys are at `indent`; the first key may start mid-line at
    /// `first_at` (after "- ").
    fn mapping(&mut self, indent: usize, first_at: usize) -> Option<Node<'a>> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return None;
        }
        let first = self.peek()?;
        let pos = Pos { line: first.number, column: column(first.text, first_at), len: 1 };
        let mut entries: Vec<(Node<'a>, Node<'a>)> = Vec::new();
        let mut key_at = first_at;
        let mut first_line = true;
        while let Some(line) = self.peek() {
            if !first_line {
                if line.indent != indent {
                    break;
                }
                key_at = line.indent;
            }
            let rest = &line.text[key_at..];
            if !first_line && (rest == "-" || rest.starts_with("- ")) {
                break;
            }
            first_line = false;
            let end = key_end(rest)?;
            let key_text = &rest[..end];
            if key_text.is_empty() || starts_special(key_text) || key_text.ends_with(' ') || key_text.len() > MAX_KEY_BYTES {
                return None;
            }
            let key = Node {
                value: Value::Scalar { text: Cow::Borrowed(key_text), plain: true, tag: None },
                pos: Pos { line: line.number, column: column(line.text, key_at), len: chars(key_text) },
            };
            let after = &rest[end + 1..];
            let spaces = after.bytes().take_while(|b| *b == b' ').count();
            let value_at = key_at + end + 1 + spaces;
            let value_text = &line.text[value_at..];
            let value = if value_text.is_empty() || (spaces > 0 && value_text.starts_with('#')) {
                self.at += 1;
                match self.peek() {
                    Some(next) if next.indent > indent => self.block(next.indent)?,
                    // "key:" followed by "- item" at the key's own indentation.
                    Some(next)
                        if next.indent == indent
                            && (next.text[indent..] == *"-" || next.text[indent..].starts_with("- ")) =>
                    {
                        self.sequence(indent, true)?
                    }
                    _ => null_at(line.number, column(line.text, key_at + end)),
                }
            } else if spaces == 0 {
                return None;
            } else {
                self.inline_value(line, value_at, indent)?
            };
            entries.push((key, value));
        }
        self.depth -= 1;
        Some(Node { value: Value::Map(entries), pos })
    }

    /// A value that starts on `line` at byte `at`: a block scalar, a quoted or plain scalar, or
    /// a one-line flow collection. The node's block is at `indent`.
    fn inline_value(&mut self, line: Line<'a>, at: usize, indent: usize) -> Option<Node<'a>> {
        let text = &line.text[at..];
        if let Some(header) = text.strip_prefix('|') {
            // `|` or `|-`, then nothing but spaces and perhaps a comment after one of them.
            // Only spaces count: `trim` would also take U+0085 and U+3000, which YAML does not.
            let (strip, rest) = match header.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, header),
            };
            if !is_trailing_comment(rest) {
                return None;
            }
            self.at += 1;
            return self.literal(indent, strip);
        }
        let (mut node, used) = match text.as_bytes()[0] {
            b'"' => double_quoted(text, line.number, column(line.text, at))?,
            b'\'' => single_quoted(text, line.number, column(line.text, at))?,
            b'{' | b'[' if self.depth < MAX_NESTING => flow(text, line, at)?,
            b'{' | b'[' => return None,
            _ => plain(text, line.number, column(line.text, at))?,
        };
        if matches!(text.as_bytes()[0], b'"' | b'\'') {
            // The full parser's span of a quoted scalar takes in the spaces after it and, when
            // a comment follows, the comment too: the rest of the line.
            let spaces = text[used..].bytes().take_while(|b| *b == b' ').count();
            node.pos.len += if text[used + spaces..].starts_with('#') { chars(&text[used..]) } else { spaces };
        }
        if !is_trailing_comment(&text[used..]) {
            return None;
        }
        self.at += 1;
        // A more indented line after a one-line value would continue it (a multi-line scalar).
        if self.continues(indent) {
            return None;
        }
        Some(node)
    }

    /// Whether the next non-blank line is more indented than `indent` (and so would belong to
    /// the value just read, which this subset does not allow).
    fn continues(&mut self, indent: usize) -> bool {
        self.peek().is_some_and(|next| next.indent > indent)
    }

    /// The body of a literal block scalar whose parent is at `indent`.
    fn literal(&mut self, indent: usize, strip: bool) -> Option<Node<'a>> {
        // Content indentation: that of the first non-empty line.
        let mut content_indent = None;
        let mut end = self.at;
        while end < self.lines.len() {
            let l = self.lines[end];
            if l.text.len() == l.indent {
                end += 1;
                continue;
            }
            match content_indent {
                None if l.indent > indent => content_indent = Some(l.indent),
                None => break,
                Some(ci) if l.indent >= ci => {}
                Some(_) => break,
            }
            end += 1;
        }
        let Some(ci) = content_indent else {
            // An empty block scalar.
            self.at = end;
            return None;
        };
        // Trailing empty lines belong to the scalar (chomping), not to what follows.
        let mut last = end;
        while last > self.at && self.lines[last - 1].text.len() == self.lines[last - 1].indent {
            last -= 1;
        }
        // Like the full parser, the scalar is placed where its first line of text starts.
        let first = self.lines[self.at..last].iter().find(|l| l.text.len() != l.indent)?;
        let pos = Pos { line: first.number, column: ci + 1, len: 1 };
        let mut out = String::new();
        for l in &self.lines[self.at..last] {
            if l.text.len() == l.indent {
                if l.indent > ci {
                    return None; // spaces beyond the indentation on an empty line: rare, let the full parser decide
                }
                out.push('\n');
            } else {
                out.push_str(&l.text[ci..]);
                out.push('\n');
            }
        }
        for l in &self.lines[last..end] {
            if l.indent > ci {
                return None;
            }
        }
        if strip {
            out.pop();
        }
        self.at = end;
        Some(Node { value: Value::Scalar { text: Cow::Owned(out), plain: false, tag: None }, pos })
    }
}

/// Byte offset of the `:` ending a mapping key on this line (followed by a space or the end).
fn key_end(s: &str) -> Option<usize> {
    if s.starts_with(['"', '\'', '{', '[']) {
        return None;
    }
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b':' if i + 1 == bytes.len() || bytes[i + 1] == b' ' => return Some(i),
            b'#' if i > 0 && bytes[i - 1] == b' ' => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

fn is_trailing_comment(rest: &str) -> bool {
    let t = rest.trim_start_matches(' ');
    t.is_empty() || (t.starts_with('#') && t.len() < rest.len())
}

fn null_at(line: usize, column: usize) -> Node<'static> {
    // The full parser places an empty value where the next token starts; only its emptiness
    // matters to the deserializer, which reports it at the key's mapping.
    Node { value: Value::Scalar { text: Cow::Borrowed(""), plain: true, tag: None }, pos: Pos { line, column, len: 1 } }
}

/// A plain one-line scalar; returns the node and the bytes used.
fn plain(text: &str, line: usize, col: usize) -> Option<(Node<'_>, usize)> {
    if starts_special(text) {
        return None;
    }
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    for i in 0..bytes.len() {
        match bytes[i] {
            b'#' if i > 0 && bytes[i - 1] == b' ' => {
                end = i;
                break;
            }
            b':' if i + 1 == bytes.len() || bytes[i + 1] == b' ' => return None,
            _ => {}
        }
    }
    let value = text[..end].trim_end_matches(' ');
    let node = Node {
        value: Value::Scalar { text: Cow::Borrowed(value), plain: true, tag: None },
        pos: Pos { line, column: col, len: chars(value).max(1) },
    };
    Some((node, value.len()))
}

fn double_quoted(text: &str, line: usize, col: usize) -> Option<(Node<'_>, usize)> {
    let body = &text[1..];
    // One-byte searches: `str::find` of a char compares each candidate through `memcmp`,
    // a visible share of a load (most scalars of a report are double-quoted).
    let close = memchr::memchr(b'"', body.as_bytes())?;
    let raw = &body[..close];
    let value: Cow<str> = if memchr::memchr(b'\\', raw.as_bytes()).is_some() {
        // Escapes: find the real closing quote and decode.
        let mut out = String::with_capacity(raw.len());
        let mut iter = body.char_indices();
        let end = loop {
            let (i, c) = iter.next()?;
            match c {
                '"' => break i,
                '\\' => {
                    let (_, e) = iter.next()?;
                    match e {
                        '\\' => out.push('\\'),
                        '"' => out.push('"'),
                        '/' => out.push('/'),
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        '0' => out.push('\0'),
                        'u' => {
                            let hex: String = (0..4).map(|_| iter.next().map(|(_, h)| h)).collect::<Option<_>>()?;
                            // Four hex digits: `from_str_radix` alone would also take a sign.
                            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                                return None;
                            }
                            let code = u32::from_str_radix(&hex, 16).ok()?;
                            out.push(char::from_u32(code)?);
                        }
                        _ => return None,
                    }
                }
                c => out.push(c),
            }
        };
        let used = 1 + end + 1;
        let node = Node {
            value: Value::Scalar { text: Cow::Owned(out), plain: false, tag: None },
            pos: Pos { line, column: col, len: chars(&text[..used]) },
        };
        return Some((node, used));
    } else {
        Cow::Borrowed(raw)
    };
    let used = close + 2;
    let node = Node { value: Value::Scalar { text: value, plain: false, tag: None }, pos: Pos { line, column: col, len: chars(&text[..used]) } };
    Some((node, used))
}

fn single_quoted(text: &str, line: usize, col: usize) -> Option<(Node<'_>, usize)> {
    let body = &text[1..];
    let bytes = body.as_bytes();
    let mut i = 0;
    let mut escaped = false;
    let end = loop {
        match bytes.get(i)? {
            b'\'' if bytes.get(i + 1) == Some(&b'\'') => {
                escaped = true;
                i += 2;
            }
            b'\'' => break i,
            _ => i += 1,
        }
    };
    let raw = &body[..end];
    let value = if escaped { Cow::Owned(raw.replace("''", "'")) } else { Cow::Borrowed(raw) };
    let used = end + 2;
    Some((Node { value: Value::Scalar { text: value, plain: false, tag: None }, pos: Pos { line, column: col, len: chars(&text[..used]) } }, used))
}

/// A one-line flow mapping `{k: v, ...}` or sequence `[a, b]` of scalars (no nesting).
fn flow<'a>(text: &'a str, line: Line<'a>, at: usize) -> Option<(Node<'a>, usize)> {
    let is_map = text.starts_with('{');
    let close = if is_map { '}' } else { ']' };
    let start_col = column(line.text, at);
    let mut i = 1;
    let mut entries = Vec::new();
    let mut items = Vec::new();
    let skip = |i: &mut usize| {
        while text.as_bytes().get(*i) == Some(&b' ') {
            *i += 1;
        }
    };
    loop {
        skip(&mut i);
        let rest = text.get(i..)?;
        if rest.starts_with(close) {
            i += 1;
            break;
        }
        let (first, used) = flow_scalar(rest, line, at + i)?;
        i += used;
        skip(&mut i);
        if is_map {
            if text.as_bytes().get(i) != Some(&b':') {
                return None;
            }
            i += 1;
            skip(&mut i);
            let rest = text.get(i..)?;
            let (value, used) = flow_scalar(rest, line, at + i)?;
            i += used;
            entries.push((first, value));
        } else {
            items.push(first);
        }
        skip(&mut i);
        match text.as_bytes().get(i)? {
            b',' => i += 1,
            c if *c as char == close => {
                i += 1;
                break;
            }
            _ => return None,
        }
    }
    let value = if is_map { Value::Map(entries) } else { Value::Seq(items) };
    Some((Node { value, pos: Pos { line: line.number, column: start_col, len: 1 } }, i))
}

/// A scalar inside a flow collection: quoted, or plain up to `,` `:` `}` `]`.
fn flow_scalar<'a>(rest: &'a str, line: Line<'a>, at: usize) -> Option<(Node<'a>, usize)> {
    let col = column(line.text, at);
    // The full parser's span of a quoted flow scalar takes in the spaces after it; rather than
    // imitate that, leave such spacing to it.
    let quoted = |r: Option<(Node<'a>, usize)>| r.filter(|(_, used)| rest.as_bytes().get(*used) != Some(&b' '));
    match rest.as_bytes().first()? {
        b'"' => quoted(double_quoted(rest, line.number, col)),
        b'\'' => quoted(single_quoted(rest, line.number, col)),
        b'{' | b'[' | b'&' | b'*' | b'!' | b'|' | b'>' | b'#' | b'?' | b'%' | b'@' | b'`' | b',' | b'}' | b']' => None,
        // A flow scalar may start with `-` only if what follows could go on a plain scalar:
        // `[-]` and `[-, x]` are refused by the full parser. Digits, letters and `.` are safe.
        b'-' if !rest.as_bytes().get(1).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'.') => None,
        _ if starts_special(rest) => None,
        _ => {
            let end = rest.find([',', '}', ']', ':', '#', '{', '['])?;
            if matches!(rest.as_bytes()[end], b'#' | b'{' | b'[') {
                return None;
            }
            if rest.as_bytes()[end] == b':' && rest.as_bytes().get(end + 1) != Some(&b' ') {
                return None;
            }
            let value = rest[..end].trim_end_matches(' ');
            if value.is_empty() {
                return None;
            }
            // The same holds for a `-` after a space inside the scalar: the full parser refuses
            // `[22 -]` (found by the fuzz target), so leave every such word to it.
            let bytes = rest.as_bytes();
            if (1..end).any(|k| bytes[k] == b'-' && bytes[k - 1] == b' ' && !bytes.get(k + 1).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'.')) {
                return None;
            }
            let node = Node {
                value: Value::Scalar { text: Cow::Borrowed(value), plain: true, tag: None },
                pos: Pos { line: line.number, column: col, len: chars(value) },
            };
            Some((node, value.len()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::agreement::first_difference;
    use super::super::yaml;
    use super::*;

    fn assert_same(fast: Option<Node>, full: Result<Option<Node>, yaml::TreeError>, what: &str) {
        match (&fast, &full) {
            (Some(f), Ok(Some(g))) => {
                if let Some(d) = first_difference(f, g, "") {
                    panic!("fast vs full differ in {what}: {d}");
                }
            }
            _ => assert_eq!(Ok(fast), full, "{what}"),
        }
    }

    /// The fast reader either declines or builds exactly the full parser's tree.
    fn same(src: &str) -> bool {
        let full = yaml::parse(src);
        match parse(src) {
            None => false,
            Some(fast) => {
                assert_same(fast, full, src);
                true
            }
        }
    }

    #[test]
    fn agrees_with_the_full_parser() {
        let accepted = [
            "a: 1\nb: 0.00\nc: 文本，含“引号”\n",
            "a:\n  b: x\n  c:\n    - 1\n    - two\n",
            "list:\n- a\n- b\nnext: 1\n",
            "items:\n  - id: x\n    name: 名称 # comment\n  - id: y\n    name: \"引号 # 不是注释\"\n",
            "t: |\n  line one\n\n  line two\n\nnext: 1\n",
            "t: |-\n  kept\n    indented\nu: 2\n",
            "- t: |\n    x\n  u: 1\n",
            "f: {op: \"≥\", value: 90}\ng: [1, 2, 三]\n",
            "q: 'it''s'\nd: \"a\\\"b\\n\\u4e2d\"\n",
            "empty:\nnull: ~\n",
            "empty:   # nothing yet\nnext: 1\n",
            "a:\n  b:\nc: 1\n",
            "# only a comment\n",
            "",
            "a: 1\r\nb: 2\r\n",
            "k: v\n\n\n",
            "seq:\n  -\n    a: 1\n  - b\n",
        ];
        for src in accepted {
            assert!(same(src), "the fast reader should accept:\n{src}");
        }
    }

    #[test]
    fn declines_what_it_does_not_know() {
        for src in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: >\n  folded\n",
            "a: plain\n  continued\n",
            "a: \"open\n  quote\"\n",
            "---\na: 1\n",
            "a:\tb\n",
            "\ta: 1\n",
            "a: {b: {c: 1}}\n",
            "a: [1,\n  2]\n",
            "a: b: c\n",
            "? complex\n: key\n",
            "a: |+\n  keep\n",
            "a: |2\n  x\n",
            "[1, 2]\n",
            "a: [1, 2\n",
            "- - nested\n",
        ] {
            assert!(parse(src).is_none(), "the fast reader should decline:\n{src}");
        }
    }

    #[test]
    fn agrees_on_the_example_content_and_fixtures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for dir in ["content", "tests/fixtures"] {
            for entry in walkdir::WalkDir::new(root.join(dir)) {
                let entry = entry.unwrap();
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "yaml") {
                    let Ok(text) = std::fs::read_to_string(path) else { continue };
                    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                    if let Some(fast) = parse(text) {
                        assert_same(fast, yaml::parse(text), &path.display().to_string());
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked >= 8, "the example reports are read by the fast reader ({checked})");
    }

    // Generated and mutated inputs: the differential run in tests/yaml_readers.rs.
}
