//! Positions of fields in a content file, for stages after loading.
//!
//! The typed model forgets where each value was written. A later stage that reports a problem
//! at a value (`check`) names it by its field path, e.g. `budget.execution_rate` or
//! `achievements[2].figures[0].parts[1].value`, and asks a [`SourceIndex`] of that file where
//! it is. Building one re-reads and re-parses the file, so a stage should only do it for files
//! it has something to say about.

use super::yaml::{self, Node, Pos, Value};
use crate::diagnostics::Location;
use std::collections::HashMap;
use std::path::Path;

/// Every field path of one YAML file and where its value starts.
#[derive(Debug, Clone, Default)]
pub struct SourceIndex {
    text: String,
    positions: HashMap<String, Pos>,
}

impl SourceIndex {
    /// Reads `root/file` (a path relative to the site root, as in [`super::ReportEntry::path`]).
    pub fn read(root: &Path, file: &Path) -> std::io::Result<SourceIndex> {
        let text = std::fs::read_to_string(root.join(file))?;
        Ok(SourceIndex::from_text(&text))
    }

    /// Indexes YAML text; a text that does not parse gives an index that locates nothing.
    pub fn from_text(text: &str) -> SourceIndex {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text).to_string();
        let mut positions = HashMap::new();
        if let Ok(Some(tree)) = yaml::parse(&text) {
            walk(&tree, &mut String::new(), &mut positions);
        }
        SourceIndex { text, positions }
    }

    /// Where the value at `field` starts (`budget.total`, `targets[3].result.value`); the
    /// nearest enclosing field that exists when it does not (a missing key), `None` when
    /// nothing on the path exists.
    pub fn locate(&self, field: &str) -> Option<Location> {
        let mut p = field;
        loop {
            if let Some(pos) = self.positions.get(p) {
                return Some(Location { line: pos.line, column: pos.column, len: pos.len });
            }
            p = &p[..p.rfind(['.', '['])?];
        }
    }

    /// The file's text (without BOM), e.g. to show the line a location points into.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Line `n` (from 1) of the file.
    pub fn line(&self, n: usize) -> Option<&str> {
        self.text.lines().nth(n.checked_sub(1)?).map(|l| l.trim_end_matches('\r'))
    }
}

/// Where each of `fields` starts in YAML `text` (nearest existing enclosing field when absent),
/// without indexing the whole file: for a few fields of a large file.
pub fn locate_fields(text: &str, fields: &[&str]) -> Vec<Option<Location>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The fast reader builds the same tree with the same positions as the full parser, at a
    // tenth of the cost; files outside its subset go to the full parser, as when loading.
    let parsed = super::fast::parse(text).map(Ok).unwrap_or_else(|| yaml::parse(text));
    let Ok(Some(tree)) = parsed else { return vec![None; fields.len()] };
    fields
        .iter()
        .map(|field| {
            let mut p = *field;
            loop {
                if let Some(n) = tree.lookup(p) {
                    return Some(Location { line: n.pos.line, column: n.pos.column, len: n.pos.len });
                }
                p = &p[..p.rfind(['.', '['])?];
            }
        })
        .collect()
}

fn walk(node: &Node<'_>, path: &mut String, out: &mut HashMap<String, Pos>) {
    if !path.is_empty() {
        out.insert(path.clone(), node.pos);
    }
    let len = path.len();
    match &node.value {
        Value::Scalar { .. } => {}
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push_str(&format!("[{i}]"));
                walk(item, path, out);
                path.truncate(len);
            }
        }
        Value::Map(entries) => {
            for (k, v) in entries {
                let Some(key) = k.scalar() else { continue };
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                walk(v, path, out);
                path.truncate(len);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_values_and_falls_back_to_parents() {
        let idx = SourceIndex::from_text("budget:\n  total: 8334.69\ntargets:\n  - id: a\n    result: {value: 97}\n");
        assert_eq!(idx.locate("budget.total"), Some(Location { line: 2, column: 10, len: 7 }));
        assert_eq!(idx.locate("targets[0].result.value").map(|l| (l.line, l.column)), Some((5, 21)));
        assert_eq!(idx.locate("budget.carry_over"), idx.locate("budget"), "a missing key points at its mapping");
        assert_eq!(idx.locate("nothing.here"), None);
        assert_eq!(idx.line(2), Some("  total: 8334.69"));
        let text = idx.text().to_string();
        let located = locate_fields(&text, &["budget.total", "targets[0].result.value", "budget.carry_over", "nothing"]);
        assert_eq!(located, vec![idx.locate("budget.total"), idx.locate("targets[0].result.value"), idx.locate("budget"), None]);
    }
}
