//! CSV (and tab-separated) files: decoded as text files are (UTF-8, UTF-16, GBK), read as one
//! table.

use super::{Read, error, mapped_note, messages as msg, text, unify_counted};
use crate::diagnostics::Diagnostic;
use crate::import::source::{Block, Location};
use std::path::Path;

/// A CSV file as one [`Block::Table`] (rows of trimmed cells, blank rows left out).
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
    let mut rows = Vec::new();
    let mut mapped = 0;
    let mut first_row = None;
    for record in reader.records() {
        let record = record.map_err(|e| error(msg::E_CSV_BROKEN, path, msg::csv_broken(&e.to_string()), msg::broken_hint()))?;
        let row: Vec<String> = record.iter().map(|cell| unify_counted(cell.trim(), &mut mapped)).collect();
        if row.iter().all(String::is_empty) {
            continue;
        }
        first_row.get_or_insert_with(|| record.position().map_or(1, |p| p.line() as u32));
        rows.push(row);
    }
    if !rows.is_empty() {
        let row = first_row.unwrap_or(1);
        read.blocks.push(Block::Table { rows, at: Location { line: Some(row), row: Some(row), ..Location::default() } });
    }
    mapped_note(mapped, &mut read.notes);
    Ok(read)
}
