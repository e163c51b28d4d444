//! PDF with a text layer: pdf-extract decodes each glyph to characters through the fonts'
//! ToUnicode maps and encodings and reports where it is drawn; glyphs are grouped into lines
//! by their baseline, lines ordered top to bottom on each page, and the page furniture
//! (running headers and footers, page numbers, print headers) removed ([`super::furniture`]).
//!
//! A PDF whose pages draw no text is a scan; one whose text is mostly unmapped or private-use
//! glyphs has no usable character maps; one that needs a password is encrypted: each gets its
//! own error rather than an empty or garbled import.

use crate::messages::Text;
use super::furniture::{self, Line, Page};
use super::{Read, error, mapped_note, messages as msg, unify_counted};
use crate::diagnostics::Diagnostic;
use crate::import::source::{Block, Location};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use std::path::Path;

/// Share of unusable characters (private use, replacement, control) above which the text layer
/// is judged to have no usable character maps.
const UNMAPPED_SHARE: f64 = 0.3;

/// Reads a PDF's text layer, page by page.
pub(super) fn read(path: &Path, bytes: &[u8]) -> Result<Read, Diagnostic> {
    let broken = |detail: Text| error(msg::E_PDF_BROKEN, path, msg::pdf_broken(detail), msg::broken_hint());
    let encrypted = || error(msg::E_PDF_ENCRYPTED, path, msg::pdf_encrypted(), msg::pdf_encrypted_hint());
    // lopdf opens a PDF encrypted with an empty user password (an "owner password" only, which
    // restricts printing or copying) by itself; one that needs a password to open fails here.
    let doc = match lopdf::Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) | lopdf::Error::UnsupportedSecurityHandler(_)) => return Err(encrypted()),
        Err(lopdf::Error::Unimplemented(what)) if what.contains("password") || what.contains("encrypt") => return Err(encrypted()),
        Err(e) => return Err(broken(e.to_string().into())),
    };
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err(encrypted());
    }
    let page_count = doc.get_pages().len();
    if page_count == 0 {
        return Err(broken(msg::no_pages()));
    }
    let mut collector = Collector::default();
    // pdf-extract panics on some malformed content streams (missing MediaBox, bad objects)
    // instead of returning an error: a panic there is a broken file, not a bug of jixiao's.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pdf_extract::output_doc(&doc, &mut collector)));
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(broken(e.to_string().into())),
        Err(_) => return Err(broken(msg::undecodable_content())),
    }
    let pages: Vec<Page> = collector.pages.iter().map(lines_of).collect();
    let (visible, unusable) = pages.iter().flat_map(|p| &p.lines).flat_map(|l| l.text.chars()).filter(|c| !c.is_whitespace()).fold((0usize, 0usize), |(v, u), c| (v + 1, u + usize::from(is_unusable(c))));
    if visible == 0 {
        return Err(error(msg::E_PDF_SCAN, path, msg::pdf_scan(page_count), msg::ocr_hint()));
    }
    if unusable as f64 > UNMAPPED_SHARE * visible as f64 {
        let share = (100.0 * unusable as f64 / visible as f64).round() as u32;
        return Err(error(msg::E_PDF_UNMAPPED, path, msg::pdf_unmapped(share), msg::pdf_unmapped_hint()));
    }
    let (pages, removed) = furniture::remove(pages);
    let mut read = Read::default();
    if let Some(note) = removed.note() {
        read.notes.push(note);
    }
    let mut mapped = 0;
    for page in pages {
        for line in page.lines {
            let text = unify_counted(&line.text, &mut mapped);
            read.blocks.push(Block::Paragraph { text, heading: None, at: Location { page: Some(page.number), ..Location::default() } });
        }
    }
    mapped_note(mapped, &mut read.notes);
    Ok(read)
}

/// A character a report's text layer would not have: one no font map produced (private use,
/// the replacement character, a control character), or one of the Latin-1 and spacing-modifier
/// letters (½ ˇ µ Ž …) that a font without a ToUnicode map yields when its two-byte glyph codes
/// are read as single bytes. Chinese reports are CJK, ASCII, full-width forms and the usual
/// symbols; an English word with an accent is rare enough not to reach [`UNMAPPED_SHARE`].
fn is_unusable(c: char) -> bool {
    let plausible = c.is_ascii_graphic()
        || matches!(c as u32,
            0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF // CJK, full-width
            | 0x2000..=0x27BF // punctuation, letterlike, number forms, arrows, maths, enclosed (①), shapes, dingbats
            | 0xB0 | 0xB1 | 0xB7 | 0xD7 | 0xF7 | 0xA5 | 0xA7 // ° ± · × ÷ ¥ §
            | 0x391..=0x3C9 // Greek letters of formulas
            | 0xFB00..=0xFB06) // ligatures, mapped later
        || c.is_alphabetic() && !matches!(c as u32, 0x80..=0x2FF);
    !plausible
}

/// One glyph as drawn: its text, where its baseline starts (x, and y from the page's top), its
/// advance and its size, in points.
#[derive(Debug, Clone)]
struct Glyph {
    text: String,
    x: f64,
    y: f64,
    width: f64,
    size: f64,
}

/// A page's glyphs in drawing order.
#[derive(Debug, Default)]
struct RawPage {
    number: u32,
    height: f64,
    glyphs: Vec<Glyph>,
}

/// Receives pdf-extract's glyphs, page by page.
#[derive(Default)]
struct Collector {
    pages: Vec<RawPage>,
}

impl OutputDev for Collector {
    fn begin_page(&mut self, page_num: u32, media_box: &MediaBox, _: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        self.pages.push(RawPage { number: page_num, height: media_box.ury - media_box.lly, glyphs: Vec::new() });
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(&mut self, trm: &Transform, width: f64, _spacing: f64, font_size: f64, char: &str) -> Result<(), OutputError> {
        let Some(page) = self.pages.last_mut() else { return Ok(()) };
        // The text rendering matrix maps text space to the page; a unit square of the font's
        // size becomes a parallelogram whose area gives the size on the page.
        let (vx, vy) = (font_size * (trm.m11 + trm.m21), font_size * (trm.m12 + trm.m22));
        let size = (vx * vy).abs().sqrt().max(0.1);
        page.glyphs.push(Glyph { text: char.to_string(), x: trm.m31, y: page.height - trm.m32, width: width * size, size });
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A page's lines, top to bottom: glyphs whose baselines lie within half a glyph's size of each
/// other are one line, read left to right. A space glyph, or a gap wider than a fifth of the
/// size, is a space (CJK text is set without gaps); a gap of several sizes separates the parts
/// of a print header or a table row, kept apart in [`Line::parts`].
fn lines_of(page: &RawPage) -> Page {
    let mut glyphs: Vec<&Glyph> = page.glyphs.iter().collect();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if (g.y - row[0].y).abs() <= 0.5 * row[0].size.max(g.size) => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    let lines = rows
        .into_iter()
        .filter_map(|mut row| {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut parts: Vec<String> = vec![String::new()];
            let mut end: Option<f64> = None;
            let mut space = false;
            for g in &row {
                if g.text.trim().is_empty() {
                    space = true;
                    end = Some(end.map_or(g.x + g.width, |e: f64| e.max(g.x + g.width)));
                    continue;
                }
                let part = parts.last_mut().expect("one part at least");
                if let Some(end) = end {
                    let gap = g.x - end;
                    if gap > 3.0 * g.size {
                        parts.push(String::new());
                    } else if (space || gap > g.size / 5.0) && !part.is_empty() && !part.ends_with(' ') {
                        part.push(' ');
                    }
                }
                parts.last_mut().expect("one part at least").push_str(&g.text);
                end = Some(g.x + g.width);
                space = false;
            }
            let y = row[0].y;
            let parts: Vec<String> = parts.into_iter().map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
            (!parts.is_empty()).then(|| Line { text: parts.join(" "), parts, y })
        })
        .collect();
    Page { number: page.number, height: page.height, lines }
}
