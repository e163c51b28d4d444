//! Workbooks (`.xlsx`, `.xls`) through calamine: every sheet's used range as one table, merged
//! cells repeated, numbers written as the cell shows them.

use super::{Read, error, mapped_note, messages as msg, unify_counted};
use crate::diagnostics::Diagnostic;
use crate::import::source::{Block, Location};
use calamine::{Data, Dimensions, Range, Reader, StyleRange};
use std::io::Cursor;
use std::path::Path;

/// Excel shows at most this many significant digits of a number in the General format; a
/// float such as 8334.690000000001 (left by a formula) is shown, and read, as 8334.69.
const GENERAL_DIGITS: usize = 15;

/// Reads an `.xlsx` workbook, with the cells' number formats.
pub(super) fn read_xlsx(path: &Path, bytes: &[u8]) -> Result<Read, Diagnostic> {
    let broken = |e: calamine::XlsxError| error(msg::E_WORKBOOK_BROKEN, path, msg::workbook_broken(e.to_string()), msg::broken_hint());
    let mut book = calamine::Xlsx::new(Cursor::new(bytes)).map_err(broken)?;
    let mut read = Read::default();
    let mut mapped = 0;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(broken)?;
        let merged = book.merge_cells_by_sheet_name(&name).map_err(broken)?;
        let styles = book.worksheet_style(&name).map_err(broken)?;
        push_sheet(&name, &range, &merged, Some(&styles), &mut read, &mut mapped);
    }
    mapped_note(mapped, &mut read.notes);
    Ok(read)
}

/// Reads an Excel 97–2003 `.xls` workbook (calamine gives no number formats for it: numbers are
/// written as Excel's General format shows them).
pub(super) fn read_xls(path: &Path, bytes: &[u8]) -> Result<Read, Diagnostic> {
    let broken = |e: calamine::XlsError| error(msg::E_WORKBOOK_BROKEN, path, msg::workbook_broken(e.to_string()), msg::broken_hint());
    let mut book = calamine::Xls::new(Cursor::new(bytes)).map_err(broken)?;
    let mut read = Read::default();
    let mut mapped = 0;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(broken)?;
        let merged = book.merge_cells_by_sheet_name(&name).map_err(broken)?;
        push_sheet(&name, &range, &merged, None, &mut read, &mut mapped);
    }
    mapped_note(mapped, &mut read.notes);
    Ok(read)
}

/// One sheet as a table from column A and the used range's first row, so a cell's place in the
/// table is its place in the sheet (row `at.row + i`, column `j`); an empty sheet as a note.
fn push_sheet(name: &str, range: &Range<Data>, merged: &[Dimensions], styles: Option<&StyleRange>, read: &mut Read, mapped: &mut usize) {
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        read.notes.push(msg::empty_sheet(name));
        return;
    };
    let mut rows: Vec<Vec<String>> = (start.0..=end.0)
        .map(|r| {
            (0..=end.1)
                .map(|c| {
                    let format = styles.and_then(|s| s.get((r, c))).and_then(|s| s.number_format.as_ref()).map(|f| f.format_code.as_str());
                    range.get_value((r, c)).map_or_else(String::new, |v| unify_counted(cell_text(v, format).trim(), mapped))
                })
                .collect()
        })
        .collect();
    // A merged cell keeps its value in its top-left cell only; repeat it over the whole area.
    for m in merged {
        let Some(text) = rows.get((m.start.0.saturating_sub(start.0)) as usize).and_then(|r| r.get(m.start.1 as usize)).cloned() else {
            continue;
        };
        for r in m.start.0.max(start.0)..=m.end.0.min(end.0) {
            for c in m.start.1..=m.end.1.min(end.1) {
                rows[(r - start.0) as usize][c as usize] = text.clone();
            }
        }
    }
    let at = Location { sheet: Some(name.to_string()), row: Some(start.0 + 1), ..Location::default() };
    read.blocks.push(Block::Table { rows, at });
}

/// A cell's text as the cell shows it: strings as they are; numbers with the decimals the
/// number format fixes (`0.00`, `#,##0.0`, `0.00%`), else as Excel's General format shows them.
fn cell_text(value: &Data, format: Option<&str>) -> String {
    match value {
        Data::Float(f) => number_text(*f, format),
        Data::Int(i) => number_text(*i as f64, format),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// `value` written as a cell with number format `format` shows it.
pub(crate) fn number_text(value: f64, format: Option<&str>) -> String {
    let fixed = format.and_then(fixed_decimals);
    match fixed {
        Some((decimals, true)) => format!("{:.decimals$}%", value * 100.0),
        Some((decimals, false)) => format!("{value:.decimals$}"),
        None => general(value),
    }
}

/// The decimals a number format fixes and whether it is a percentage: `0.00` → (2, false),
/// `#,##0` → (0, false), `0.0%` → (1, true); `None` for General and for formats that are not a
/// plain number (dates, text).
fn fixed_decimals(format: &str) -> Option<(usize, bool)> {
    // The first section is the one for positive numbers.
    let section = format.split(';').next()?;
    // Colours and conditions (`[Red]`, `[>100]`) and quoted or escaped literals show no digits.
    let mut section_digits = String::new();
    let (mut in_bracket, mut in_quote) = (false, false);
    for c in section.chars() {
        match c {
            '[' if !in_quote => in_bracket = true,
            ']' if !in_quote => in_bracket = false,
            '"' => in_quote = !in_quote,
            _ if in_bracket || in_quote => {}
            '\\' | '_' | '*' => {}
            c => section_digits.push(c),
        }
    }
    let section = section_digits;
    let digits = section.find(['0', '#'])?;
    if section.contains(['y', 'm', 'd', 'h', 's', '@']) || section.eq_ignore_ascii_case("general") {
        return None;
    }
    let rest = &section[digits..];
    let decimals = rest.split_once('.').map_or(0, |(_, f)| f.chars().take_while(|c| *c == '0' || *c == '#').count());
    Some((decimals, section.contains('%')))
}

/// A number as Excel's General format shows it: at most 15 significant digits, no trailing
/// zeros.
fn general(value: f64) -> String {
    if value == value.trunc() && value.abs() < 1e15 {
        return format!("{value:.0}");
    }
    let magnitude = value.abs().log10().floor() as i32;
    let decimals = (GENERAL_DIGITS as i32 - 1 - magnitude).clamp(0, 30) as usize;
    let text = format!("{value:.decimals$}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_string() } else { text.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_the_cell_shows_them() {
        assert_eq!(number_text(8334.69, None), "8334.69");
        assert_eq!(number_text(8_334.69, None), "8334.69");
        assert_eq!(number_text(0.1 + 0.2, None), "0.3");
        assert_eq!(number_text(100.0, None), "100");
        assert_eq!(number_text(96.5, Some("0.00")), "96.50");
        assert_eq!(number_text(1234.5, Some("#,##0.00_ ")), "1234.50");
        assert_eq!(number_text(0.9488, Some("0.00%")), "94.88%");
        assert_eq!(number_text(3.0, Some("General")), "3");
        assert_eq!(number_text(45000.0, Some("yyyy-mm-dd")), "45000");
    }
}
