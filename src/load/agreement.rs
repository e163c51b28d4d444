//! The two YAML readers side by side: the fast subset reader ([`super::fast`]) must either
//! decline a text or build exactly the tree of the full reader ([`super::yaml`]), values and
//! positions alike. This is the comparison the differential tests (`tests/yaml_readers.rs`,
//! the unit tests of `fast`) and the fuzz target (`fuzz/`) run; it is not used by a build.

use super::yaml::{self, Node, Value};

/// What the readers made of a text on which they do not differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    /// The fast reader declined: the full reader alone reads the text (`accepted`: whether it
    /// read it without a syntax error).
    Declined {
        /// Whether the full reader accepted the text.
        accepted: bool,
    },
    /// The fast reader read the text and the full reader built the same tree.
    Same,
}

/// Reads `text` with both readers. `Err` describes the first difference when the fast reader
/// accepted a text that the full reader refuses or reads otherwise (value, quoting, tag,
/// line, column or length of any node).
pub fn compare_readers(text: &str) -> Result<Agreement, String> {
    let full = yaml::parse(text);
    let Some(fast) = super::fast::parse(text) else {
        return Ok(Agreement::Declined { accepted: full.is_ok() });
    };
    match (&fast, &full) {
        (_, Err(e)) => Err(format!("the fast reader accepted what the full reader refuses ({}, line {} column {}): {}", e.code, e.pos.line, e.pos.column, e.message.en)),
        (Some(f), Ok(Some(g))) => first_difference(f, g, "").map_or(Ok(Agreement::Same), Err),
        (None, Ok(None)) => Ok(Agreement::Same),
        (f, Ok(g)) => Err(format!("fast reader: {f:?}; full reader: {g:?}")),
    }
}

/// The first place where two trees differ, as "path: what", or `None` when they are equal.
pub(super) fn first_difference(a: &Node, b: &Node, path: &str) -> Option<String> {
    if a.pos != b.pos {
        return Some(format!("{path}: position {:?} (fast) vs {:?} (full)", a.pos, b.pos));
    }
    match (&a.value, &b.value) {
        (Value::Seq(x), Value::Seq(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (p, q))| first_difference(p, q, &format!("{path}[{i}]")))
        }
        (Value::Map(x), Value::Map(y)) if x.len() == y.len() => x.iter().zip(y).find_map(|((k1, v1), (k2, v2))| {
            let key = k1.scalar().unwrap_or("?");
            first_difference(k1, k2, &format!("{path}.{key}(key)")).or_else(|| first_difference(v1, v2, &format!("{path}.{key}")))
        }),
        (x, y) if x == y => None,
        (x, y) => Some(format!("{path}: {x:?} (fast) vs {y:?} (full)")),
    }
}
