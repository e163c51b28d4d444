//! Word `.docx`: paragraphs in body order with their heading level and their automatic list
//! numbers resolved as Word shows them (see [`numbering`]), tables with merged cells repeated,
//! tracked changes accepted (insertions kept, deletions left out).
//!
//! The parts are XML in a zip; roxmltree reads each part into a tree, which is all a report-sized
//! document needs.

mod numbering;

use crate::messages::Text;
use super::{Read, error, mapped_note, messages as msg, unify_counted};
use crate::diagnostics::Diagnostic;
use crate::import::source::{Block, Location};
use numbering::{Counters, Numbering};
use roxmltree::{Document, Node};
use std::collections::HashMap;
use std::io::{Cursor, Read as _};
use std::path::Path;

/// The WordprocessingML namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Reads a `.docx` file's body.
pub(super) fn read(path: &Path, bytes: &[u8]) -> Result<Read, Diagnostic> {
    let broken = |detail: Text| error(msg::E_DOCX_BROKEN, path, msg::docx_broken(detail.clone()), msg::broken_hint());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| broken(e.to_string().into()))?;
    let mut part = |name: &str| -> Result<Option<String>, Diagnostic> {
        let Ok(mut file) = zip.by_name(name) else { return Ok(None) };
        let mut text = String::new();
        file.read_to_string(&mut text).map_err(|e| broken(format!("{name}: {e}").into()))?;
        Ok(Some(text))
    };
    let document = part("word/document.xml")?.ok_or_else(|| broken(msg::missing_part("word/document.xml")))?;
    let styles = part("word/styles.xml")?;
    let numbering = part("word/numbering.xml")?;
    let styles_doc = match &styles {
        Some(s) => Some(Document::parse(s).map_err(|e| broken(format!("word/styles.xml: {e}").into()))?),
        None => None,
    };
    let numbering_doc = match &numbering {
        Some(n) => Some(Document::parse(n).map_err(|e| broken(format!("word/numbering.xml: {e}").into()))?),
        None => None,
    };
    let doc = Document::parse(&document).map_err(|e| broken(format!("word/document.xml: {e}").into()))?;
    let body = doc.root_element().children().find(|n| is(n, "body")).ok_or_else(|| broken(msg::missing_part("w:body")))?;
    let mut reader = BodyReader {
        styles: styles_doc.as_ref().map(Styles::new).unwrap_or_default(),
        numbering: numbering_doc.as_ref().map(Numbering::new).unwrap_or_default(),
        counters: Counters::default(),
        paragraph: 0,
        mapped: 0,
        inserted: 0,
        deleted: 0,
        read: Read::default(),
    };
    reader.container(body);
    let BodyReader { mut read, mapped, inserted, deleted, .. } = reader;
    if inserted + deleted > 0 {
        read.notes.push(msg::tracked_changes(inserted, deleted));
    }
    mapped_note(mapped, &mut read.notes);
    Ok(read)
}

/// Whether `node` is the WordprocessingML element `name`.
fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

/// The `w:val` attribute of `node`.
fn val<'a>(node: &Node<'a, '_>) -> Option<&'a str> {
    node.attribute((W, "val"))
}

/// The child element `name` of `node`.
fn child<'a, 'i>(node: &Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is(n, name))
}

/// Paragraph styles: each style's heading level, list numbering and parent.
#[derive(Default)]
struct Styles {
    by_id: HashMap<String, Style>,
}

/// What a paragraph style gives a paragraph.
#[derive(Default)]
struct Style {
    based_on: Option<String>,
    heading: Option<u8>,
    num: Option<(String, Option<u8>)>,
}

impl Styles {
    fn new(doc: &Document) -> Styles {
        let mut by_id = HashMap::new();
        for s in doc.root_element().children().filter(|n| is(n, "style")) {
            let Some(id) = s.attribute((W, "styleId")) else { continue };
            let name = child(&s, "name").and_then(|n| val(&n)).unwrap_or("");
            let ppr = child(&s, "pPr");
            let heading = heading_of_name(name).or_else(|| heading_of_name(id)).or_else(|| ppr.as_ref().and_then(outline_level));
            let num = ppr.as_ref().and_then(num_pr);
            let based_on = child(&s, "basedOn").and_then(|n| val(&n)).map(str::to_string);
            by_id.insert(id.to_string(), Style { based_on, heading, num });
        }
        Styles { by_id }
    }

    /// Looks `get` up the style and its parents (at most a few levels; cycles end the walk).
    fn find<T>(&self, id: &str, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut id = id;
        for _ in 0..16 {
            let style = self.by_id.get(id)?;
            if let Some(v) = get(style) {
                return Some(v);
            }
            id = style.based_on.as_deref()?;
        }
        None
    }
}

/// The heading level a style name says: `heading 2`, `Heading2`, `标题 2`.
fn heading_of_name(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    let rest = lower.strip_prefix("heading").or_else(|| lower.strip_prefix("标题"))?;
    let level: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

/// The heading level of a `w:outlineLvl` (0 = level 1; 9 = body text).
fn outline_level(ppr: &Node) -> Option<u8> {
    let level: u8 = child(ppr, "outlineLvl").and_then(|n| val(&n))?.parse().ok()?;
    (level < 9).then_some(level + 1)
}

/// A `w:numPr`'s list (numId) and level (ilvl), when it names one.
fn num_pr(ppr: &Node) -> Option<(String, Option<u8>)> {
    let num_pr = child(ppr, "numPr")?;
    let num_id = child(&num_pr, "numId").and_then(|n| val(&n))?.to_string();
    let level = child(&num_pr, "ilvl").and_then(|n| val(&n)).and_then(|v| v.parse().ok());
    Some((num_id, level))
}

/// Walks the body in order, keeping the list counters and the paragraph count.
struct BodyReader {
    styles: Styles,
    numbering: Numbering,
    counters: Counters,
    /// Body paragraphs seen so far (the location of a block).
    paragraph: u32,
    mapped: usize,
    inserted: usize,
    deleted: usize,
    read: Read,
}

impl BodyReader {
    /// The paragraphs and tables of a body, a content control or a text box, in order.
    fn container(&mut self, node: Node) {
        for n in node.children().filter(Node::is_element) {
            if is(&n, "p") {
                self.paragraph += 1;
                let (text, heading, boxes) = self.paragraph_text(n);
                if !text.is_empty() {
                    let text = unify_counted(&text, &mut self.mapped);
                    let at = Location { line: Some(self.paragraph), ..Location::default() };
                    self.read.blocks.push(Block::Paragraph { text, heading, at });
                }
                for b in boxes {
                    self.container(b);
                }
            } else if is(&n, "tbl") {
                let at = Location { line: Some(self.paragraph + 1), row: Some(1), ..Location::default() };
                let rows = self.table(n);
                if !rows.is_empty() {
                    self.read.blocks.push(Block::Table { rows, at });
                }
            } else if (is(&n, "sdt") || is(&n, "customXml"))
                && let Some(content) = child(&n, "sdtContent").or(Some(n)) {
                self.container(content);
            }
        }
    }

    /// A paragraph's text with its list number in front, its heading level, and the text boxes
    /// anchored in it (read after it).
    fn paragraph_text<'a, 'i>(&mut self, p: Node<'a, 'i>) -> (String, Option<u8>, Vec<Node<'a, 'i>>) {
        let ppr = child(&p, "pPr");
        let style = ppr.as_ref().and_then(|n| child(n, "pStyle")).and_then(|n| val(&n)).map(str::to_string);
        let heading = ppr
            .as_ref()
            .and_then(outline_level)
            .or_else(|| style.as_deref().and_then(|s| self.styles.find(s, |st| st.heading)));
        let mut text = String::new();
        let mut boxes = Vec::new();
        self.runs(p, &mut text, &mut boxes);
        let text = text.trim().to_string();
        // The paragraph's own numPr wins over its style's; numId 0 switches numbering off.
        let num = ppr.as_ref().and_then(num_pr).or_else(|| style.as_deref().and_then(|s| self.styles.find(s, |st| st.num.clone())));
        let number = match num {
            Some((num_id, level)) if num_id != "0" && !text.is_empty() => {
                self.counters.next(&self.numbering, &num_id, level.unwrap_or(0))
            }
            _ => None,
        };
        match number {
            Some(number) => (format!("{number}{text}"), heading, boxes),
            None => (text, heading, boxes),
        }
    }

    /// The text of the runs under `node`: insertions taken, deletions, field codes and the
    /// fallback copies of drawings left out; text boxes set aside.
    fn runs<'a, 'i>(&mut self, node: Node<'a, 'i>, text: &mut String, boxes: &mut Vec<Node<'a, 'i>>) {
        for n in node.children().filter(Node::is_element) {
            let name = n.tag_name().name();
            if n.tag_name().namespace() != Some(W) {
                // mc:AlternateContent holds the same drawing twice: take the first choice only.
                if name == "AlternateContent" {
                    if let Some(choice) = n.children().find(|c| c.is_element() && c.tag_name().name() == "Choice") {
                        self.runs(choice, text, boxes);
                    }
                } else {
                    self.runs(n, text, boxes);
                }
                continue;
            }
            match name {
                "t" => text.push_str(n.text().unwrap_or("")),
                "tab" | "ptab" if n.parent().is_some_and(|p| is(&p, "r")) => text.push(' '),
                "br" | "cr" => text.push(' '),
                "noBreakHyphen" => text.push('-'),
                "del" | "moveFrom" => self.deleted += 1,
                "ins" | "moveTo" => {
                    self.inserted += 1;
                    self.runs(n, text, boxes);
                }
                "delText" | "instrText" | "pPr" | "rPr" | "fldData" => {}
                "txbxContent" => boxes.push(n),
                _ => self.runs(n, text, boxes),
            }
        }
    }

    /// A table's rows of cell texts, with `gridSpan` cells repeated across the columns they span
    /// and `vMerge` continuation cells given the text of the cell that starts the merge.
    fn table(&mut self, tbl: Node) -> Vec<Vec<String>> {
        let mut rows: Vec<Vec<String>> = Vec::new();
        for tr in tbl.children().filter(|n| is(n, "tr")) {
            let mut row: Vec<String> = Vec::new();
            let before = child(&tr, "trPr").and_then(|t| child(&t, "gridBefore")).and_then(|n| val(&n)).and_then(|v| v.parse().ok()).unwrap_or(0usize);
            row.resize(before, String::new());
            for tc in tr.children().filter(|n| is(n, "tc")) {
                let tcpr = child(&tc, "tcPr");
                let span = tcpr.as_ref().and_then(|t| child(t, "gridSpan")).and_then(|n| val(&n)).and_then(|v| v.parse().ok()).unwrap_or(1usize).max(1);
                let vmerge = tcpr.as_ref().and_then(|t| child(t, "vMerge"));
                let continues = vmerge.is_some_and(|v| val(&v).is_none_or(|v| v == "continue"));
                let column = row.len();
                let text = if continues {
                    rows.last().and_then(|above| above.get(column)).cloned().unwrap_or_default()
                } else {
                    self.cell_text(tc)
                };
                for _ in 0..span {
                    row.push(text.clone());
                }
            }
            rows.push(row);
        }
        rows
    }

    /// A cell's paragraphs (numbered as in the body), one per line; nested tables' cells in
    /// reading order.
    fn cell_text(&mut self, tc: Node) -> String {
        let mut lines = Vec::new();
        for n in tc.descendants().filter(|n| is(n, "p")) {
            // Paragraphs of a nested table are reached by `descendants` too; text boxes are not
            // paragraphs of the cell, but their text is kept in place.
            let (text, _, _) = self.paragraph_text(n);
            if !text.is_empty() {
                lines.push(unify_counted(&text, &mut self.mapped));
            }
        }
        lines.join("\n")
    }
}
