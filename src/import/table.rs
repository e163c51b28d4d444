//! Recognises 绩效自评表 (self-evaluation tables) in the tables a reader found (Excel, CSV,
//! Word) and turns each into the model's [`EvaluationTable`], saying for every field whether it
//! was found or guessed and in which cell, so the import report can list them.
//!
//! A table is found by its header rows, read by their words, not their positions: the funds
//! block's header (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分) and the indicator
//! block's (一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因…), in
//! any column order, merged, or split over two rows. Around them: the header block above (title,
//! 项目名称/部门名称, 主管部门, 实施单位, unit), the total score (总分/合计) and grade (评价等级)
//! below. Several tables may follow one another in one sheet. The words are data, in
//! `table/rules.rs` ([`FUNDS_HEADERS`], [`INDICATOR_HEADERS`], [`OPERATOR_WORDS`] …): a
//! maintainer extends them without touching the logic.
//!
//! Figures are taken as written (thousands separators and full-width digits aside; see
//! [`parse_number`], [`parse_target`]) and never computed; the one exception, a 执行率 read as a
//! fraction from an `.xls`, moves the decimal point and is marked as a guess. Ids are placeholders: the department-wide table is `department`, a project table
//! `project-r<row>`, an indicator `r<row>` (its row in the sheet); the import's id maker
//! replaces them (pinyin or gloss, earlier years' ids).

// The error is the one Diagnostic about a file without a table (as in `crate::archive`).
#![allow(clippy::result_large_err)]

use crate::diagnostics::Diagnostic;
use crate::import::read::messages as msg;
use crate::import::source::{Block, Location, Source};
use crate::model::{Direction, EvaluationTable, Figure, FundsRow, Indicator, Operator, Outcome, TableScope};
use std::fmt;

mod figures;
mod rules;

pub use figures::{Number, parse_number, parse_target};
use figures::{is_unit, percent_digits};
pub use rules::*;

/// How a field's value was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Read from a cell.
    Found,
    /// Inferred (a default, a value carried down from the row above, a direction from the
    /// operator).
    Guessed,
}

/// A cell of a table: its sheet (spreadsheets) and 1-based row and column as in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRef {
    /// Worksheet, when the table came from a workbook.
    pub sheet: Option<String>,
    /// 1-based row in the sheet (or in the table, for Word and CSV tables: the row of the
    /// block plus the row's index).
    pub row: u32,
    /// 1-based column.
    pub column: u32,
}

impl fmt::Display for CellRef {
    /// `Sheet1!C5`, or `C5` without a sheet.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(sheet) = &self.sheet {
            write!(f, "{sheet}!")?;
        }
        write!(f, "{}{}", column_letters(self.column), self.row)
    }
}

/// A column's letters as spreadsheets show them: 1 → A, 27 → AA.
fn column_letters(mut n: u32) -> String {
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// How one field of a recognised table was obtained and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Path in the table, e.g. `funds[0].initial`, `indicators[3].target`, `grade`.
    pub path: String,
    /// Found or guessed.
    pub how: How,
    /// The cell it came from (for a guess: the cell it was inferred from, if any).
    pub at: Option<CellRef>,
}

/// A recognised 绩效自评表.
#[derive(Debug, Clone)]
pub struct Recognised {
    /// The table in the model's terms (ids are placeholders, see the module docs).
    pub table: EvaluationTable,
    /// Every field set, found or guessed, with its cell.
    pub fields: Vec<Field>,
    /// Rows of the table's range that were read into no field (e.g. 年度总体目标), with their
    /// first cell: the import report lists them so nothing is dropped unseen.
    pub unplaced: Vec<(CellRef, String)>,
    /// The header block's labelled values the model's table has no field for (部门名称,
    /// 主管部门, 实施单位 …), as (one of [`HEADER_LABELS`], value); also listed in `unplaced`.
    pub header: Vec<(&'static str, String)>,
    /// The table's first row.
    pub at: CellRef,
}

/// A table without the headers of a 自评表: which were expected, which were found.
#[derive(Debug, Clone, PartialEq)]
pub struct NotATable {
    /// Header words that would have made it one.
    pub expected: Vec<&'static str>,
    /// Header-like words the table has (its first non-empty cells).
    pub found: Vec<String>,
    /// Where the table is.
    pub at: Location,
}

/// Every 自评表 in the tables of `source`. A spreadsheet or CSV source without one is an
/// error (E0816) naming the file and listing the expected and the found headers; Word and PDF
/// sources may well have tables that are not 自评表, and no table at all is no error for them.
pub fn recognise_source(source: &Source) -> Result<Vec<Recognised>, Diagnostic> {
    let mut found = Vec::new();
    let mut misses = Vec::new();
    for block in &source.blocks {
        if let Block::Table { rows, at } = block {
            match recognise(rows, at) {
                Ok(mut tables) => found.append(&mut tables),
                Err(miss) => misses.push(miss),
            }
        }
    }
    let is_sheet = matches!(source.format, crate::import::source::Format::Xlsx | crate::import::source::Format::Xls | crate::import::source::Format::Csv);
    if found.is_empty() && is_sheet {
        let expected: Vec<&str> = [FUNDS_HEADERS, INDICATOR_HEADERS].iter().flat_map(|h| h.iter().map(|(_, words)| words[0])).collect();
        let mut seen: Vec<String> = misses.iter().flat_map(|m| m.found.iter().cloned()).collect();
        seen.dedup();
        let found_text = if seen.is_empty() { msg::nothing() } else { seen.join(", ").into() };
        let mut diagnostic = Diagnostic::error(msg::E_NOT_A_TABLE, &source.path, msg::not_a_table(&expected.join(", "), found_text)).hint(msg::not_a_table_hint());
        if let Some(sheet) = misses.first().and_then(|m| m.at.sheet.clone()) {
            // The field names the place the same way in every language: sheet!row.
            diagnostic = diagnostic.field(format!("{sheet}!{}", misses[0].at.row.unwrap_or(1)));
        }
        return Err(diagnostic);
    }
    Ok(found)
}

/// The 自评表 in one table's `rows` (cells as the reader gave them; `at` is where row 0 is).
pub fn recognise(rows: &[Vec<String>], at: &Location) -> Result<Vec<Recognised>, NotATable> {
    let grid = Grid { rows, at };
    let mut tables = Vec::new();
    let mut start = 0;
    while let Some(table) = grid.next_table(start) {
        start = table.1;
        tables.push(table.0);
    }
    if tables.is_empty() {
        let found = rows.iter().flatten().map(|c| normalise(c)).filter(|c| !c.is_empty() && c.chars().count() <= 12 && parse_number(c).is_none()).take(12).collect();
        return Err(NotATable { expected: vec!["年初预算数", "全年预算数", "全年执行数", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"], found, at: at.clone() });
    }
    Ok(tables)
}

/// The rows being read and where they are.
struct Grid<'a> {
    rows: &'a [Vec<String>],
    at: &'a Location,
}

/// A header row's columns: which column of the table holds which field.
#[derive(Debug, Default, Clone)]
struct Header {
    columns: Vec<(Column, usize)>,
    /// Rows the header takes (1 or 2).
    height: usize,
}

impl Header {
    fn get(&self, column: Column) -> Option<usize> {
        self.columns.iter().find(|(c, _)| *c == column).map(|(_, i)| *i)
    }
}

/// A table being built, with its fields' provenance.
struct Builder<'g, 'a> {
    grid: &'g Grid<'a>,
    table: EvaluationTable,
    fields: Vec<Field>,
    unplaced: Vec<(CellRef, String)>,
    header: Vec<(&'static str, String)>,
}

impl<'a> Grid<'a> {
    fn cell(&self, row: usize, column: usize) -> &str {
        self.rows.get(row).and_then(|r| r.get(column)).map_or("", |c| c.trim())
    }

    fn cell_ref(&self, row: usize, column: usize) -> CellRef {
        CellRef { sheet: self.at.sheet.clone(), row: self.at.row.unwrap_or(1) + row as u32, column: column as u32 + 1 }
    }

    /// Whether row `r` has no text.
    fn is_blank(&self, r: usize) -> bool {
        self.rows.get(r).is_none_or(|row| row.iter().all(|c| c.trim().is_empty()))
    }

    /// The header of `rules` at row `r` (alone or with row `r + 1`), when it names at least
    /// `needed` columns including one of `required`.
    fn header(&self, r: usize, rules: &[(Column, &[&str])], needed: usize, required: &[&[Column]]) -> Option<Header> {
        let ok = |h: &Header| h.columns.len() >= needed && required.iter().all(|any| any.iter().any(|c| h.get(*c).is_some()));
        let one = self.match_header(&[r], rules);
        if ok(&one) {
            return Some(Header { height: 1, ..one });
        }
        if r + 1 < self.rows.len() && !one.columns.is_empty() {
            let two = self.match_header(&[r, r + 1], rules);
            if ok(&two) {
                return Some(Header { height: 2, ..two });
            }
        }
        None
    }

    /// The columns the header words of `rows` (one row, or two read together column by column)
    /// name, each column once, leftmost first.
    fn match_header(&self, rows: &[usize], rules: &[(Column, &[&str])]) -> Header {
        let width = rows.iter().map(|r| self.rows.get(*r).map_or(0, Vec::len)).max().unwrap_or(0);
        let mut header = Header::default();
        for c in 0..width {
            let mut text = String::new();
            for r in rows {
                let t = normalise(self.cell(*r, c));
                if !text.contains(&t) {
                    text.push_str(&t);
                }
            }
            let best = rules
                .iter()
                .flat_map(|(column, words)| words.iter().filter(|w| text.contains(**w)).map(move |w| (*column, w.chars().count())))
                .max_by_key(|(_, len)| *len);
            if let Some((column, _)) = best
                && header.get(column).is_none() {
                header.columns.push((column, c));
            }
        }
        header
    }

    fn funds_header(&self, r: usize) -> Option<Header> {
        self.header(r, FUNDS_HEADERS, 3, &[&[Column::Initial, Column::Budget], &[Column::Executed, Column::Budget]])
    }

    fn indicator_header(&self, r: usize) -> Option<Header> {
        self.header(r, INDICATOR_HEADERS, 3, &[&[Column::Name, Column::Level1], &[Column::Target, Column::Actual]])
    }

    /// The next table from row `start`, and the row after it.
    fn next_table(&self, start: usize) -> Option<(Recognised, usize)> {
        // The first header of either block from `start`.
        let (first, funds) = (start..self.rows.len()).find_map(|r| {
            if let Some(h) = self.funds_header(r) {
                Some((r, Some(h)))
            } else {
                self.indicator_header(r).map(|_| (r, None))
            }
        })?;
        let mut b = Builder {
            grid: self,
            table: EvaluationTable {
                id: String::new(),
                title: String::new(),
                scope: TableScope::Department,
                unit: None,
                funds: Vec::new(),
                indicators: Vec::new(),
                total_weight: None,
                total_score: None,
                grade: None,
                notes: None,
            },
            fields: Vec::new(),
            unplaced: Vec::new(),
            header: Vec::new(),
        };
        b.header_block(start, first);
        let mut r = first;
        if let Some(h) = funds {
            r = b.funds_block(r, &h);
        }
        // Between the blocks (年度总体目标 and the like): unplaced, up to the indicator header.
        let next_funds = (r..self.rows.len()).find(|&x| self.funds_header(x).is_some()).unwrap_or(self.rows.len());
        if let Some((ir, ih)) = (r..next_funds).find_map(|x| self.indicator_header(x).map(|h| (x, h))) {
            b.unplaced_rows(r, ir);
            r = b.indicator_block(ir, &ih);
        }
        r = b.tail(r);
        b.finish(start, first);
        let at = self.cell_ref(first, 0);
        Some((Recognised { table: b.table, fields: b.fields, unplaced: b.unplaced, header: b.header, at }, r.max(first + 1)))
    }
}

impl Builder<'_, '_> {
    fn found(&mut self, path: impl Into<String>, row: usize, column: usize) {
        let at = Some(self.grid.cell_ref(row, column));
        self.fields.push(Field { path: path.into(), how: How::Found, at });
    }

    fn guessed(&mut self, path: impl Into<String>, from: Option<(usize, usize)>) {
        let at = from.map(|(r, c)| self.grid.cell_ref(r, c));
        self.fields.push(Field { path: path.into(), how: How::Guessed, at });
    }

    /// The title, the labelled cells (项目名称 …) and the unit, in rows `from..to`.
    fn header_block(&mut self, from: usize, to: usize) {
        let g = self.grid;
        for r in from..to {
            let row = &g.rows[r];
            for (c, cell) in row.iter().enumerate() {
                let text = normalise(cell);
                if text.is_empty() {
                    continue;
                }
                if self.table.title.is_empty() && TITLE_WORDS.iter().any(|w| text.contains(w)) {
                    self.table.title = cell.trim().to_string();
                    self.found("title", r, c);
                } else if let Some(label) = HEADER_LABELS.iter().find(|l| text.starts_with(**l))
                    && let Some((vc, value)) = next_value(row, c) {
                    if *label == "项目名称" {
                        self.table.scope = TableScope::Project;
                        self.found("scope", r, c);
                    }
                    if *label == "项目名称" && self.table.title.is_empty() {
                        self.table.title = value.to_string();
                        self.found("title", r, vc);
                    } else {
                        // 部门名称, 主管部门, 实施单位 …: the model's table has no place for them;
                        // the import report lists them.
                        self.unplaced.push((g.cell_ref(r, c), format!("{} | {value}", cell.trim())));
                        self.header.push((label, value.trim().to_string()));
                    }
                }
                if self.table.unit.is_none()
                    && let Some(unit) = unit_of_note(&text) {
                    self.table.unit = Some(unit);
                    self.found("unit", r, c);
                }
            }
        }
    }

    /// The funds rows under the header at `r`; returns the row after the block.
    fn funds_block(&mut self, r: usize, h: &Header) -> usize {
        let g = self.grid;
        for (column, c) in &h.columns {
            if self.table.unit.is_none() && matches!(column, Column::Initial | Column::Budget | Column::Executed)
                && let Some(unit) = unit_of_note(&normalise(g.cell(r, *c))) {
                self.table.unit = Some(unit);
                self.found("unit", r, *c);
            }
        }
        let first_value = h.columns.iter().map(|(_, c)| *c).min().unwrap_or(0);
        let mut row = r + h.height;
        while row < g.rows.len() {
            if g.is_blank(row) {
                row += 1;
                continue;
            }
            let label = (0..first_value).rev().map(|c| (c, g.cell(row, c))).find(|(_, t)| !t.is_empty());
            let has_figure = h.columns.iter().any(|(_, c)| parse_number(g.cell(row, *c)).is_some());
            let known = label.is_some_and(|(_, t)| FUNDS_ROW_LABELS.iter().any(|l| normalise(t).contains(l)));
            if !(has_figure || known) || g.indicator_header(row).is_some() || g.funds_header(row).is_some() {
                break;
            }
            let i = self.table.funds.len();
            let mut funds = FundsRow { label: String::new(), initial: None, budget: None, executed: None, weight: None, rate: None, score: None };
            if let Some((c, t)) = label {
                funds.label = t.to_string();
                self.found(format!("funds[{i}].label"), row, c);
            }
            for (column, c) in &h.columns {
                let Some(figure) = parse_number(g.cell(row, *c)).map(|n| n.figure) else { continue };
                let (slot, name) = match column {
                    Column::Initial => (&mut funds.initial, "initial"),
                    Column::Budget => (&mut funds.budget, "budget"),
                    Column::Executed => (&mut funds.executed, "executed"),
                    Column::Weight => (&mut funds.weight, "weight"),
                    Column::Rate => (&mut funds.rate, "rate"),
                    Column::Score => (&mut funds.score, "score"),
                    _ => continue,
                };
                *slot = Some(figure);
                self.found(format!("funds[{i}].{name}"), row, *c);
            }
            if let Some(percent) = h.get(Column::Rate).and_then(|c| rate_as_percent(g.cell(row, c), &funds)) {
                funds.rate = Some(percent);
                if let Some(f) = self.fields.iter_mut().rev().find(|f| f.path == format!("funds[{i}].rate")) {
                    f.how = How::Guessed;
                }
            }
            self.table.funds.push(funds);
            row += 1;
        }
        row
    }

    /// The indicator rows under the header at `r`; returns the row after the block.
    fn indicator_block(&mut self, r: usize, h: &Header) -> usize {
        let g = self.grid;
        let mut row = r + h.height;
        let mut level1: Option<(String, usize)> = None;
        let mut level2: Option<(String, usize)> = None;
        while row < g.rows.len() {
            if g.is_blank(row) {
                row += 1;
                continue;
            }
            if is_tail_row(g.rows[row].as_slice()) || g.funds_header(row).is_some() || g.indicator_header(row).is_some() || is_title_row(&g.rows[row]) {
                break;
            }
            let name_col = h.get(Column::Name).or(h.get(Column::Level2)).unwrap_or(0);
            let name = g.cell(row, name_col);
            if name.is_empty() {
                self.unplaced_rows(row, row + 1);
                row += 1;
                continue;
            }
            let i = self.table.indicators.len();
            let path = |f: &str| format!("indicators[{i}].{f}");
            // A level cell left empty (a merged cell exported without its repeats) carries the
            // level above down.
            let level = |column: Option<usize>, carried: &mut Option<(String, usize)>, this: &mut Self, field: &str| -> Option<String> {
                let c = column?;
                let text = g.cell(row, c);
                if !text.is_empty() {
                    *carried = Some((text.to_string(), row));
                    this.found(path(field), row, c);
                    Some(text.to_string())
                } else {
                    let (text, from) = carried.clone()?;
                    this.guessed(path(field), Some((from, c)));
                    Some(text)
                }
            };
            let l1 = level(h.get(Column::Level1), &mut level1, self, "level1").unwrap_or_default();
            let l2 = level(h.get(Column::Level2), &mut level2, self, "level2");
            self.found(path("name"), row, name_col);
            let mut indicator = Indicator {
                id: format!("r{}", g.cell_ref(row, 0).row),
                level1: l1,
                level2: l2,
                name: name.to_string(),
                unit: None,
                direction: None,
                target: None,
                actual: None,
                weight: None,
                score: None,
                deviation: None,
            };
            self.guessed(path("id"), Some((row, name_col)));
            if let Some(c) = h.get(Column::Unit) {
                let unit = g.cell(row, c);
                if !unit.is_empty() {
                    indicator.unit = Some(unit.to_string());
                    self.found(path("unit"), row, c);
                }
            }
            if let Some(c) = h.get(Column::Target)
                && let Some((target, unit)) = parse_target(g.cell(row, c)) {
                if indicator.unit.is_none() && unit.is_some() {
                    indicator.unit = unit;
                    self.found(path("unit"), row, c);
                }
                indicator.direction = match target.op {
                    Some(Operator::AtLeast | Operator::MoreThan) => Some(Direction::Higher),
                    Some(Operator::AtMost | Operator::LessThan) => Some(Direction::Lower),
                    _ => None,
                };
                if indicator.direction.is_some() {
                    self.guessed(path("direction"), Some((row, c)));
                }
                indicator.target = Some(target);
                self.found(path("target"), row, c);
            }
            if let Some(c) = h.get(Column::Actual) {
                let text = g.cell(row, c);
                if !text.is_empty() {
                    let parsed = parse_number(text);
                    let actual = match parsed {
                        Some(n) if n.rest.is_empty() || Some(&n.rest) == indicator.unit.as_ref() => Outcome { value: Some(n.figure), text: None, met: None },
                        _ => Outcome { value: None, text: Some(text.to_string()), met: None },
                    };
                    if indicator.unit.is_none()
                        && let Some(n) = parse_number(text).filter(|n| is_unit(&n.rest)) {
                        indicator.unit = Some(n.rest);
                        self.found(path("unit"), row, c);
                    }
                    indicator.actual = Some(actual);
                    self.found(path("actual"), row, c);
                }
            }
            for (column, field) in [(Column::Weight, "weight"), (Column::Score, "score")] {
                let Some(c) = h.get(column) else { continue };
                let Some(n) = parse_number(g.cell(row, c)) else { continue };
                let slot = if field == "weight" { &mut indicator.weight } else { &mut indicator.score };
                *slot = Some(n.figure);
                self.found(path(field), row, c);
            }
            if let Some(c) = h.get(Column::Deviation) {
                let text = g.cell(row, c);
                if !text.is_empty() && !matches!(text, "/" | "-" | "—" | "无") {
                    indicator.deviation = Some(text.to_string());
                    self.found(path("deviation"), row, c);
                }
            }
            self.table.indicators.push(indicator);
            row += 1;
        }
        row
    }

    /// Total score, grade and notes under the blocks, from row `r`; returns the row after them.
    fn tail(&mut self, mut r: usize) -> usize {
        let g = self.grid;
        while r < g.rows.len() {
            if g.is_blank(r) {
                r += 1;
                continue;
            }
            let row = &g.rows[r];
            if !is_tail_row(row) {
                break;
            }
            for (c, cell) in row.iter().enumerate() {
                let text = normalise(cell);
                if text.is_empty() || row[..c].iter().any(|before| before.trim() == cell.trim()) {
                    continue;
                }
                if TOTAL_LABELS.iter().any(|l| text == *l || text.starts_with(l) && text.chars().count() <= 6) {
                    // The total's figures: in the weight and score columns of the indicator
                    // header when they line up, else the first two figures to the right.
                    let figures: Vec<(usize, Figure)> = row.iter().enumerate().skip(c + 1).filter_map(|(i, t)| parse_number(t).map(|n| (i, n.figure))).collect();
                    let distinct: Vec<&(usize, Figure)> = figures.iter().fold(Vec::new(), |mut acc: Vec<&(usize, Figure)>, f| {
                        if acc.last().is_none_or(|l| l.1.as_written() != f.1.as_written()) {
                            acc.push(f);
                        }
                        acc
                    });
                    match distinct.as_slice() {
                        [(wc, w), (sc, s), ..] => {
                            self.table.total_weight = Some(w.clone());
                            self.found("total_weight", r, *wc);
                            self.table.total_score = Some(s.clone());
                            self.found("total_score", r, *sc);
                        }
                        [(sc, s)] => {
                            self.table.total_score = Some(s.clone());
                            self.found("total_score", r, *sc);
                        }
                        [] => {}
                    }
                } else if GRADE_LABELS.iter().any(|l| text.starts_with(l)) {
                    if let Some((vc, value)) = next_value(row, c) {
                        self.table.grade = Some(value.to_string());
                        self.found("grade", r, vc);
                    }
                } else if NOTE_STARTS.iter().any(|s| text.starts_with(s)) {
                    let note = cell.trim().to_string();
                    self.table.notes = Some(match self.table.notes.take() {
                        Some(before) => format!("{before}\n\n{note}"),
                        None => note,
                    });
                    self.found("notes", r, c);
                }
            }
            r += 1;
        }
        r
    }

    /// Rows `from..to` that no field takes, for the import report.
    fn unplaced_rows(&mut self, from: usize, to: usize) {
        for r in from..to {
            if let Some((c, t)) = self.grid.rows[r].iter().enumerate().find(|(_, t)| !t.trim().is_empty()) {
                let joined: Vec<&str> = self.grid.rows[r].iter().map(|t| t.trim()).filter(|t| !t.is_empty()).fold(Vec::new(), |mut acc, t| {
                    if acc.last() != Some(&t) {
                        acc.push(t);
                    }
                    acc
                });
                let _ = t;
                self.unplaced.push((self.grid.cell_ref(r, c), joined.join(" | ")));
            }
        }
    }

    /// Fills what the table did not state: title, scope, unit, id.
    fn finish(&mut self, start: usize, first: usize) {
        if self.table.title.is_empty() {
            self.table.title = match self.table.scope {
                TableScope::Project => "项目支出绩效自评表".to_string(),
                TableScope::Department => "部门整体支出绩效自评表".to_string(),
            };
            self.guessed("title", None);
        }
        if self.table.scope == TableScope::Department && self.table.title.contains("项目") && !self.table.title.contains("部门整体") {
            self.table.scope = TableScope::Project;
            let title_at = self.fields.iter().find(|f| f.path == "title").and_then(|f| f.at.clone());
            self.fields.push(Field { path: "scope".to_string(), how: How::Found, at: title_at });
        }
        if !self.fields.iter().any(|f| f.path == "scope") {
            self.guessed("scope", None);
        }
        if self.table.unit.is_none() && !self.table.funds.is_empty() {
            self.table.unit = Some(DEFAULT_UNIT.to_string());
            self.guessed("unit", None);
        }
        self.table.id = match self.table.scope {
            TableScope::Department => "department".to_string(),
            TableScope::Project => format!("project-r{}", self.grid.cell_ref(start.min(first), 0).row),
        };
        self.guessed("id", None);
    }
}

/// A 执行率 cell read without its percent format (an `.xls`, whose formats calamine does not
/// give): `0.9717` where 全年执行数 ÷ 全年预算数 is 0.9717 is the cell showing `97.17%`. The
/// digits are the cell's with the decimal point moved two places, nothing computed.
fn rate_as_percent(cell: &str, funds: &FundsRow) -> Option<Figure> {
    let n = parse_number(cell)?;
    let (budget, executed) = (funds.budget.as_ref()?.value(), funds.executed.as_ref()?.value());
    let fraction = n.figure.value();
    let is_fraction = n.rest.is_empty() && fraction <= 1.5 && budget > 0.0 && (executed / budget - fraction).abs() < 0.005 && (executed / budget * 100.0 - fraction).abs() > 0.5;
    is_fraction.then(|| Figure::parse(&percent_digits(n.figure.as_written()))).flatten()
}

/// Whether `row` is a total, grade or notes row.
fn is_tail_row(row: &[String]) -> bool {
    row.iter().map(|c| normalise(c)).filter(|t| !t.is_empty()).take(3).any(|t| {
        TOTAL_LABELS.iter().any(|l| t == *l || t.starts_with(l) && t.chars().count() <= 6)
            || GRADE_LABELS.iter().any(|l| t.starts_with(l) && t.chars().count() <= 8)
            || NOTE_STARTS.iter().any(|s| t.starts_with(s))
    })
}

/// Whether `row` is the title of a (next) table.
fn is_title_row(row: &[String]) -> bool {
    let texts: Vec<String> = row.iter().map(|c| normalise(c)).filter(|t| !t.is_empty()).collect();
    texts.first().is_some_and(|t| TITLE_WORDS.iter().any(|w| t.contains(w)) && texts.iter().all(|x| x == t))
}

/// The first non-empty cell right of column `c` whose text differs from it (a merged label
/// repeats its text over the cells it covers).
fn next_value(row: &[String], c: usize) -> Option<(usize, &str)> {
    let label = row[c].trim();
    row.iter().enumerate().skip(c + 1).map(|(i, t)| (i, t.trim())).find(|(_, t)| !t.is_empty() && *t != label)
}

/// The unit a header note states: `单位：万元`, `（万元）`, `金额单位：元`.
fn unit_of_note(text: &str) -> Option<String> {
    for unit in ["万元", "亿元", "千元", "元"] {
        let stated = text.contains(&format!("单位:{unit}"))
            || text.contains(&format!("单位：{unit}"))
            || text.contains(&format!("（{unit}）"))
            || text.contains(&format!("({unit})"));
        if stated {
            return Some(unit.to_string());
        }
    }
    None
}

/// A cell's text without whitespace (header words are often broken over lines).
fn normalise(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(CellRef { sheet: Some("自评表".into()), row: 5, column: 3 }.to_string(), "自评表!C5");
        assert_eq!(column_letters(27), "AA");
    }

    #[test]
    fn a_table_without_the_headers_says_what_it_found() {
        let rows = vec![vec!["姓名".to_string(), "电话".to_string()], vec!["张三".to_string(), "123".to_string()]];
        let miss = recognise(&rows, &Location::default()).unwrap_err();
        assert_eq!(miss.found, ["姓名", "电话", "张三"]);
    }
}
