//! What a reader makes of one input file: its text as blocks (paragraphs and tables) in reading
//! order, each with where it came from, and notes about the reading itself (an encoding
//! converted, page furniture removed). Recognition works on this only, never on the file.

use std::path::PathBuf;

/// The format a file was recognised as (by its content, not only its extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (UTF-8, with or without BOM, or GBK/GB18030 converted).
    Text,
    /// PDF with a text layer.
    Pdf,
    /// Word `.docx` (Office Open XML).
    Docx,
    /// Excel `.xlsx` (Office Open XML).
    Xlsx,
    /// Excel 97–2003 `.xls`.
    Xls,
    /// Comma-separated values.
    Csv,
}

/// Where a block came from, as precisely as the format allows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// 1-based page (PDF).
    pub page: Option<u32>,
    /// 1-based line (text, CSV) or paragraph number (docx).
    pub line: Option<u32>,
    /// Worksheet name (spreadsheets).
    pub sheet: Option<String>,
    /// 1-based row (spreadsheets, tables), of the block's first row.
    pub row: Option<u32>,
}

/// One unit of the document in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A line or paragraph of text as the reader sees it: a PDF line (still hard-wrapped), a
    /// text-file line, a Word paragraph with its automatic list number written in front
    /// (e.g. `（1）`). Page furniture (running headers, page numbers) is already removed.
    Paragraph {
        /// The text, NFC, radicals and compatibility ideographs mapped to unified ideographs.
        text: String,
        /// A Word heading level (1 = 标题 1), when the format says so.
        heading: Option<u8>,
        /// Where it is.
        at: Location,
    },
    /// A table (spreadsheet, Word table, CSV): rows of cell texts; a merged cell's text is
    /// repeated in every cell it covers, so each row can be read on its own.
    Table {
        /// Rows of cells, trimmed; an empty cell is "".
        rows: Vec<Vec<String>>,
        /// Where its first row is.
        at: Location,
    },
}

/// A file as read.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file, as given on the command line.
    pub path: PathBuf,
    /// What it was recognised as.
    pub format: Format,
    /// Its content in reading order.
    pub blocks: Vec<Block>,
    /// What the reader did that the user should know (e.g. "converted from GBK",
    /// "removed 9 page numbers and 9 running headers"), in English and Chinese as the rest of
    /// the import report.
    pub notes: Vec<crate::messages::Text>,
}
