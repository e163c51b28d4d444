//! The import report: what `jixiao import` found, guessed and could not place, section by
//! section, each with where it was in the source. Printed for people (`messages`) or as JSON.

use crate::messages::{Lang, Text};
use crate::model::Unplaced;
use serde::Serialize;

/// How a section of the outline was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Found under its heading.
    Found,
    /// Placed by a guess the editor should confirm (a heading worded unusually, a pairing by
    /// likeness rather than number).
    Guessed,
    /// Not in the document.
    NotFound,
}

/// One section of the report and how it was recognised.
#[derive(Debug, Clone, Serialize)]
pub struct SectionFinding {
    /// The report field it fills, e.g. `budget` or `targets[].result`.
    pub section: String,
    /// Found, guessed or not found.
    pub status: Status,
    /// Where its heading (or first line) was, e.g. `report.txt:31`.
    pub at: Option<String>,
    /// How many items or figures it gave, where that is meaningful.
    pub count: Option<usize>,
}

/// A guess the editor should confirm: an id reused from an earlier year, a pairing by
/// likeness, a section found by its words rather than its place.
#[derive(Debug, Clone)]
pub struct Guess {
    /// The field it concerns, e.g. `targets[2].id`.
    pub field: String,
    /// What was guessed.
    pub note: Text,
    /// Where in the source.
    pub at: Option<String>,
}

/// The fields of one recognised 自评表 and the cells they came from.
#[derive(Debug, Clone, Serialize)]
pub struct TableFinding {
    /// The table in the report, e.g. `evaluation_tables[0]`.
    pub table: String,
    /// Its first cell, e.g. `table.xlsx:Sheet1!A1`.
    pub at: String,
    /// Fields read from a cell: field path and cell.
    pub found: Vec<(String, Option<String>)>,
    /// Fields inferred (also among the guesses): field path and the cell inferred from.
    pub guessed: Vec<(String, Option<String>)>,
}

/// A file read, with what its reader reported.
#[derive(Debug, Clone)]
pub struct FileRead {
    /// The file as given.
    pub path: String,
    /// What it was read as (`text`, `pdf` …).
    pub format: String,
    /// The reader's notes (encoding converted, page furniture removed …).
    pub notes: Vec<Text>,
}

/// Everything `jixiao import` has to say about one import.
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// The files read.
    pub files: Vec<FileRead>,
    /// Department id of the report.
    pub department: String,
    /// Year of the report.
    pub year: u16,
    /// Each section of the outline.
    pub sections: Vec<SectionFinding>,
    /// The self-evaluation tables' fields, cell by cell.
    pub tables: Vec<TableFinding>,
    /// Guesses to confirm.
    pub guesses: Vec<Guess>,
    /// Passages that could not be placed (also in the report's `unplaced:`).
    pub unplaced: Vec<Unplaced>,
    /// Typed figures imported.
    pub figures: usize,
    /// Files written (none on `--dry-run`).
    pub written: Vec<String>,
}

impl ImportReport {
    /// The import report as a JSON value, its texts in `lang`.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        serde_json::json!({
            "files": self.files.iter().map(|f| serde_json::json!({
                "path": f.path,
                "format": f.format,
                "notes": f.notes.iter().map(|n| n.get(lang)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "department": self.department,
            "year": self.year,
            "sections": self.sections,
            "tables": self.tables.iter().map(|t| serde_json::json!({
                "table": t.table,
                "at": t.at,
                "found": t.found.iter().map(|(field, at)| serde_json::json!({"field": field, "at": at})).collect::<Vec<_>>(),
                "guessed": t.guessed.iter().map(|(field, at)| serde_json::json!({"field": field, "at": at})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "guesses": self.guesses.iter().map(|g| serde_json::json!({
                "field": g.field,
                "note": g.note.get(lang),
                "at": g.at,
            })).collect::<Vec<_>>(),
            "unplaced": self.unplaced,
            "figures": self.figures,
            "written": self.written,
        })
    }
}
