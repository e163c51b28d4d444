//! The readers of `jixiao import`: one file in, one [`Source`] out.
//!
//! [`read`] recognises the format by the file's content ([`detect`]: magic bytes, the parts of a
//! zip or an Office 97–2003 file; the extension only decides between formats the content cannot
//! tell apart, such as text and CSV), then hands it to the reader of that format. Every reader
//! returns its text through [`chars::unify`], so recognisers see ordinary characters whatever the
//! file used. Formats jixiao cannot read (`.doc`, `.wps`, `.et`, OFD, images) get an error naming
//! the format and what to export instead. This module reads; it does not recognise the report's
//! outline or tables (see `crate::import::table`).

// A reader's error is the one Diagnostic about its file, made once per file: boxing it would
// only make the signatures harder to read (as in `crate::archive` and `crate::output`).
#![allow(clippy::result_large_err)]

pub mod chars;
mod csv;
mod detect;
mod docx;
pub mod furniture;
pub mod messages;
mod pdf;
mod sheet;
mod text;

use crate::diagnostics::Diagnostic;
use crate::messages::Text;
use crate::import::source::{Format, Source};
use detect::Detected;
use std::path::Path;

/// Reads `path` into a [`Source`]; an error names the file, has an E08xx code and a hint.
pub fn read(path: &Path) -> Result<Source, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| error(messages::E_IO, path, messages::io(&e), messages::io_hint()))?;
    read_bytes(path, &bytes)
}

/// Reads a file's content already in memory; `path` names it in errors and decides between
/// formats the content cannot tell apart.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<Source, Diagnostic> {
    if bytes.is_empty() {
        return Err(error(messages::E_EMPTY, path, messages::empty(), messages::empty_hint()));
    }
    let (format, read) = match detect::detect(path, bytes)? {
        Detected::Text => (Format::Text, text::read(path, bytes)?),
        Detected::Csv => (Format::Csv, csv::read(path, bytes)?),
        Detected::Pdf => (Format::Pdf, pdf::read(path, bytes)?),
        Detected::Docx => (Format::Docx, docx::read(path, bytes)?),
        Detected::Xlsx => (Format::Xlsx, sheet::read_xlsx(path, bytes)?),
        Detected::Xls => (Format::Xls, sheet::read_xls(path, bytes)?),
    };
    Ok(Source { path: path.to_path_buf(), format, blocks: read.blocks, notes: read.notes })
}

/// What a format's reader returns: the blocks and the notes of a [`Source`].
#[derive(Debug, Default)]
struct Read {
    blocks: Vec<crate::import::source::Block>,
    notes: Vec<Text>,
}

/// An import error about `path` with its code, message and hint.
fn error(code: &'static str, path: &Path, message: Text, hint: Text) -> Diagnostic {
    Diagnostic::error(code, path, message).hint(hint)
}

/// Text of a paragraph or cell as the recognisers should see it (see [`chars::unify`]), adding
/// the characters it mapped to `mapped`.
fn unify_counted(text: &str, mapped: &mut usize) -> String {
    let (out, n) = chars::unify(text);
    *mapped += n;
    out
}

/// The note about mapped characters, when there were any.
fn mapped_note(mapped: usize, notes: &mut Vec<Text>) {
    if mapped > 0 {
        notes.push(messages::mapped_chars(mapped));
    }
}
