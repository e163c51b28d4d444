//! CSV (and tab-separated) files: decoded as text files are (UTF-8, UTF-16, GBK), read as one
//! table.

use super::{Read, error, mapped_note, messages as msg, text, unify_counted};
use crate::diagnostics::Diagnostic;
use crate::import::source::{Block, Location};
use std::path::Path;

/// A CSV file as one [`Block::Table`] (rows of trimmed cells).
pub(super) fn read(path: &Path, bytes: &[u8]) -> Result<Read, Diagnostic> {
    let (content, converted) = text::decode(path, bytes)?;
    let mut read = Read::default();
    if let Some(encoding) = converted {
        read.notes.push(msg::converted_from(encoding));
    }
    let first_line = content.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    // Spreadsheet programs export "text (tab-separated)" as well as CSV; the first line says which.
    let delimiter = if first_line.matches('\t').count() > first_line.matches(',').count() { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(content.as_bytes());
    // Row i of the table is line i + 1 of the file (blank lines kept as empty rows), so a cell's
    // place is where a spreadsheet program opening the file shows it.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut mapped = 0;
    for record in reader.records() {
        let record = record.map_err(|e| error(msg::E_CSV_BROKEN, path, msg::csv_broken(e.to_string()), msg::broken_hint()))?;
        let line = record.position().map_or(rows.len() + 1, |p| p.line() as usize);
        while rows.len() + 1 < line {
            rows.push(Vec::new());
        }
        rows.push(record.iter().map(|cell| unify_counted(cell.trim(), &mut mapped)).collect());
    }
    while rows.last().is_some_and(|r| r.iter().all(String::is_empty)) {
        rows.pop();
    }
    if !rows.is_empty() {
        read.blocks.push(Block::Table { rows, at: Location { line: Some(1), row: Some(1), ..Location::default() } });
    }
    mapped_note(mapped, &mut read.notes);
    Ok(read)
}
