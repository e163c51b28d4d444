//! A span-aware YAML tree, built from saphyr-parser events.
//!
//! serde_yaml stops at the first error and forgets where values were and how numbers were
//! written; this tree keeps, for every node, its line and column and, for scalars, the exact
//! text and quoting. It also refuses documents built to exhaust memory: alias expansion is
//! bounded in nodes and in bytes ([`copy_budget`]) and nesting is limited, so a hostile file
//! costs at most a few times its own size.

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};
use std::borrow::Cow;
use std::collections::HashMap;

/// Deepest nesting of lists and mappings accepted; real reports use fewer than ten levels.
pub(super) const MAX_DEPTH: usize = 64;
/// Most nodes a document may have after expanding aliases.
pub(super) const MAX_NODES: usize = 1_000_000;
/// Copies made for anchors and aliases may take this many bytes per byte of the file ...
const COPY_BYTES_PER_SOURCE_BYTE: usize = 4;
/// ... plus this many, so that a small file may still repeat a few values.
const COPY_BYTES_FLOOR: usize = 256 * 1024;

/// The most memory the copies made for anchors and aliases of a document of `source_len`
/// bytes may take: a few times the file's own size. A node budget alone is not a memory bound
/// (with it alone, the 390-byte file of ten levels of ten aliases each in
/// `tests/fixtures/errors/alias-bomb.yaml` held 83 MB before it was refused), and one alias of
/// a long text copies the whole text.
pub(super) fn copy_budget(source_len: usize) -> usize {
    source_len.saturating_mul(COPY_BYTES_PER_SOURCE_BYTE).saturating_add(COPY_BYTES_FLOOR)
}

/// Where a node starts: 1-based line, 1-based column in characters, and its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
    /// Length in characters (on the first line).
    pub len: usize,
}

/// A YAML node with its position.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Node<'a> {
    /// What the node holds.
    pub value: Value<'a>,
    /// Where the node starts.
    pub pos: Pos,
}

/// The content of a node.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value<'a> {
    /// A scalar: its text and whether it was plain (unquoted, so it may be a number or null).
    Scalar {
        /// The text after unescaping.
        text: Cow<'a, str>,
        /// Plain (unquoted, non-block) scalars resolve to null, booleans and numbers.
        plain: bool,
        /// `!!str` and friends, if given.
        tag: Option<String>,
    },
    /// A sequence.
    Seq(Vec<Node<'a>>),
    /// A mapping, in document order.
    Map(Vec<(Node<'a>, Node<'a>)>),
}

/// Why a document could not be read as a tree.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TreeError {
    /// Stable error code.
    pub code: &'static str,
    /// Message (see `messages`).
    pub message: crate::messages::Text,
    /// Where.
    pub pos: Pos,
}

impl<'a> Node<'a> {
    /// Whether this is a plain scalar meaning "no value" (`~`, `null`, or nothing).
    pub(super) fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true, tag: None }
            if matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The scalar text, if this is a scalar.
    pub(super) fn scalar(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The child at `key` of a mapping.
    pub(super) fn get(&self, key: &str) -> Option<&Node<'a>> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k.scalar() == Some(key)).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The element at `index` of a sequence.
    pub(super) fn at(&self, index: usize) -> Option<&Node<'a>> {
        match &self.value {
            Value::Seq(items) => items.get(index),
            _ => None,
        }
    }

    /// The node at a field path such as `targets[3].target.value`.
    pub(super) fn lookup(&self, path: &str) -> Option<&Node<'a>> {
        let mut node = self;
        for part in path.split('.') {
            let (key, indices) = match part.find('[') {
                Some(i) => (&part[..i], &part[i..]),
                None => (part, ""),
            };
            if !key.is_empty() {
                node = node.get(key)?;
            }
            for index in indices.split('[').filter(|s| !s.is_empty()) {
                node = node.at(index.trim_end_matches(']').parse().ok()?)?;
            }
        }
        Some(node)
    }

    /// How many nodes this one is made of, and about how many bytes a copy of it allocates:
    /// its nodes, and the text and tags it owns rather than borrows from the source.
    fn size(&self) -> (usize, usize) {
        let node = std::mem::size_of::<Node>();
        let add = |(n, b): (usize, usize), (m, c): (usize, usize)| (n + m, b + c);
        match &self.value {
            Value::Scalar { text, tag, .. } => {
                let owned = if matches!(text, Cow::Owned(_)) { text.len() } else { 0 };
                (1, node + owned + tag.as_ref().map_or(0, String::len))
            }
            Value::Seq(items) => items.iter().map(Node::size).fold((1, node), add),
            Value::Map(entries) => entries.iter().flat_map(|(k, v)| [k, v]).map(Node::size).fold((1, node), add),
        }
    }

    /// A human word for the kind of node, used in "found …" messages.
    pub(super) fn describe(&self) -> crate::messages::Text {
        use crate::messages::{Found, found};
        found(match &self.value {
            _ if self.is_null() => Found::Nothing,
            Value::Scalar { text, .. } => Found::Scalar(text),
            Value::Seq(_) => Found::List,
            Value::Map(_) => Found::Mapping,
        })
    }
}

enum Frame<'a> {
    Seq { anchor: usize, pos: Pos, items: Vec<Node<'a>> },
    Map { anchor: usize, pos: Pos, entries: Vec<(Node<'a>, Node<'a>)>, key: Option<Node<'a>> },
}

/// Parses one YAML document. An empty document gives `Ok(None)`.
pub(super) fn parse(source: &str) -> Result<Option<Node<'_>>, TreeError> {
    let mut parser = Parser::new_from_str(source);
    let mut stack: Vec<Frame> = Vec::new();
    // Each anchored value, with its size (nodes, bytes) for the budgets.
    let mut anchors: HashMap<usize, (Node, (usize, usize))> = HashMap::new();
    let mut root: Option<Node> = None;
    let mut nodes = 0usize;
    // Bytes of the copies made for anchors and aliases so far, and how many there may be.
    let (mut copied, budget) = (0usize, copy_budget(source.len()));
    let mut documents = 0usize;

    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(scan_error)?;
        let pos = Pos {
            line: span.start.line(),
            column: span.start.col() + 1,
            len: if span.end.line() == span.start.line() { span.len().max(1) } else { 1 },
        };
        let finished: Option<(Node<'_>, usize)> = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => None,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(TreeError { code: "E0004", message: crate::messages::MULTIPLE_DOCUMENTS.into(), pos });
                }
                None
            }
            Event::Alias(id) => {
                let (target, (count, bytes)) = anchors.get(&id).ok_or_else(|| TreeError {
                    code: "E0004",
                    message: crate::messages::UNKNOWN_ALIAS.into(),
                    pos,
                })?;
                nodes += count;
                if nodes > MAX_NODES {
                    return Err(TreeError { code: "E0005", message: crate::messages::too_many_nodes(MAX_NODES), pos });
                }
                copied += bytes;
                if copied > budget {
                    return Err(TreeError { code: "E0005", message: too_much_copied(budget), pos });
                }
                let mut copy = target.clone();
                copy.pos = pos;
                Some((copy, 0))
            }
            Event::Scalar(text, style, anchor, tag) => {
                nodes += 1;
                let plain = matches!(style, ScalarStyle::Plain);
                let tag = tag.map(|t| format!("{}{}", t.handle, t.suffix));
                let len = if plain || !matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) { pos.len } else { 1 };
                Some((Node { value: Value::Scalar { text, plain, tag }, pos: Pos { len, ..pos } }, anchor))
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                nodes += 1;
                if stack.len() >= MAX_DEPTH {
                    return Err(TreeError { code: "E0005", message: crate::messages::too_deep(MAX_DEPTH), pos });
                }
                let pos = Pos { len: 1, ..pos };
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq { anchor, pos, items: Vec::new() }
                } else {
                    Frame::Map { anchor, pos, entries: Vec::new(), key: None }
                });
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq { anchor, pos, items }) => Some((Node { value: Value::Seq(items), pos }, anchor)),
                _ => unreachable!("parser emits balanced sequence events"),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map { anchor, pos, entries, .. }) => Some((Node { value: Value::Map(entries), pos }, anchor)),
                _ => unreachable!("parser emits balanced mapping events"),
            },
        };
        if nodes > MAX_NODES {
            return Err(TreeError { code: "E0005", message: crate::messages::too_many_nodes(MAX_NODES), pos });
        }
        let Some((node, anchor)) = finished else { continue };
        if anchor != 0 {
            // The anchored value is kept as a copy, for the aliases to copy again.
            let size = node.size();
            copied += size.1;
            if copied > budget {
                return Err(TreeError { code: "E0005", message: too_much_copied(budget), pos: node.pos });
            }
            anchors.insert(anchor, (node.clone(), size));
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
    Ok(root)
}

/// The refusal of a document whose copies for anchors and aliases exceed `budget` bytes.
fn too_much_copied(budget: usize) -> crate::messages::Text {
    crate::messages::aliases_too_large(budget.div_ceil(1024), COPY_BYTES_PER_SOURCE_BYTE, COPY_BYTES_FLOOR / 1024)
}

fn scan_error(e: ScanError) -> TreeError {
    let m = e.marker();
    // The scanner's own nesting limit is the same refusal as ours.
    let (code, message) = if e.info().contains("recursion limit") {
        ("E0005", crate::messages::too_deep(MAX_DEPTH))
    } else {
        ("E0004", crate::messages::yaml_syntax(e.info()))
    };
    TreeError {
        code,
        message,
        pos: Pos { line: m.line(), column: m.col() + 1, len: 1 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions_and_written_text() {
        let doc = parse("a: 1\nb:\n  c: 0.00\n  d: '七千'\n").unwrap().unwrap();
        let c = doc.get("b").unwrap().get("c").unwrap();
        assert_eq!(c.pos, Pos { line: 3, column: 6, len: 4 });
        assert_eq!(c.value, Value::Scalar { text: Cow::Borrowed("0.00"), plain: true, tag: None });
        let d = doc.get("b").unwrap().get("d").unwrap();
        assert!(matches!(&d.value, Value::Scalar { plain: false, .. }));
        assert_eq!(d.pos.column, 6);
    }

    #[test]
    fn refuses_alias_bombs() {
        let mut doc = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for name in 'b'..='k' {
            doc.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = name;
        }
        let err = parse(&doc).unwrap_err();
        assert_eq!(err.code, "E0005");
    }

    #[test]
    fn refuses_deep_nesting() {
        let doc = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(parse(&doc).unwrap_err().code, "E0005");
    }

    #[test]
    fn small_aliases_still_work() {
        let doc = parse("a: &x {k: 1}\nb: *x\n").unwrap().unwrap();
        assert_eq!(doc.get("b").unwrap().get("k").unwrap().scalar(), Some("1"));
    }

    #[test]
    fn syntax_errors_are_located() {
        let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert_eq!(err.code, "E0004");
        assert!(err.pos.line >= 1);
    }
}
