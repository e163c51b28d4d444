//! Recognises 绩效自评表 (self-evaluation tables) in the tables a reader found (Excel, CSV,
//! Word) and turns each into the model's [`EvaluationTable`], saying for every field whether it
//! was found or guessed and in which cell, so the import report can list them.
//!
//! A table is found by its header rows, read by their words, not their positions: the funds
//! block's header (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分) and the indicator
//! block's (一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因…), in
//! any column order, merged, or split over two rows. Around them: the header block above (title,
//! 项目名称/部门名称, 主管部门, 实施单位, unit), the total score (总分/合计) and grade (评价等级)
//! below. Several tables may follow one another in one sheet. The words are data
//! ([`FUNDS_HEADERS`], [`INDICATOR_HEADERS`], [`OPERATOR_WORDS`] …): a maintainer extends them
//! without touching the logic.
//!
//! Figures are taken as written (thousands separators and full-width digits aside) and never
//! computed. Ids are placeholders: the department-wide table is `department`, a project table
//! `project-r<row>`, an indicator `r<row>` (its row in the sheet); the import's id maker
//! replaces them (pinyin or gloss, earlier years' ids).

// The error is the one Diagnostic about a file without a table (as in `crate::archive`).
#![allow(clippy::result_large_err)]

use crate::diagnostics::Diagnostic;
use crate::import::read::messages as msg;
use crate::import::source::{Block, Location, Source};
use crate::model::{Direction, EvaluationTable, Figure, FundsRow, Indicator, Operator, Outcome, TableScope, TargetValue};
use std::fmt;

/// A column of a 自评表 that the recogniser reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// 年初预算数.
    Initial,
    /// 全年预算数 / 调整后预算数.
    Budget,
    /// 全年执行数.
    Executed,
    /// 分值.
    Weight,
    /// 执行率.
    Rate,
    /// 得分.
    Score,
    /// 一级指标.
    Level1,
    /// 二级指标.
    Level2,
    /// 三级指标.
    Name,
    /// 年度指标值.
    Target,
    /// 实际完成值.
    Actual,
    /// 偏差原因分析及改进措施.
    Deviation,
    /// 计量单位.
    Unit,
}

/// Header words of the funds block's columns, each column's synonyms (a header cell names a
/// column when it contains one; the longest match wins).
pub const FUNDS_HEADERS: &[(Column, &[&str])] = &[
    (Column::Initial, &["年初预算数", "年初预算", "年初数"]),
    (Column::Budget, &["全年预算数", "调整后预算数", "全年预算", "调整后预算", "预算数"]),
    (Column::Executed, &["全年执行数", "全年执行", "执行数", "实际支出数", "实际支出"]),
    (Column::Weight, &["分值", "权重"]),
    (Column::Rate, &["执行率", "预算执行率"]),
    (Column::Score, &["得分"]),
];

/// Header words of the indicator block's columns.
pub const INDICATOR_HEADERS: &[(Column, &[&str])] = &[
    (Column::Level1, &["一级指标"]),
    (Column::Level2, &["二级指标"]),
    (Column::Name, &["三级指标", "指标名称", "绩效指标名称"]),
    (Column::Target, &["年度指标值", "年度目标值", "指标值", "目标值", "预期目标值"]),
    (Column::Actual, &["实际完成值", "全年实际值", "实际值", "完成值", "实际完成情况"]),
    (Column::Weight, &["分值", "权重"]),
    (Column::Score, &["得分"]),
    (Column::Deviation, &["偏差原因分析及改进措施", "偏差原因分析", "偏差原因", "未完成原因", "原因分析及改进措施"]),
    (Column::Unit, &["计量单位"]),
];

/// Labels of the rows of a funds block (a row with one of them belongs to the block even when
/// its figures are empty).
pub const FUNDS_ROW_LABELS: &[&str] = &["年度资金总额", "资金总额", "财政拨款", "上年结转", "其他资金", "其中"];

/// Labels of the total-score row.
pub const TOTAL_LABELS: &[&str] = &["总分", "合计", "总计", "综合得分", "自评得分"];

/// Labels of the grade cell; the grade is the next cell to the right.
pub const GRADE_LABELS: &[&str] = &["评价等级", "自评等级", "绩效等级", "评定等级", "等级"];

/// Labels of the header block; the value is the next cell to the right.
pub const HEADER_LABELS: &[&str] = &["项目名称", "部门名称", "单位名称", "主管部门", "实施单位", "预算单位"];

/// Starts of a notes row under a table.
pub const NOTE_STARTS: &[&str] = &["注", "说明", "备注", "评分方法", "填表说明"];

/// Words of a table's title.
pub const TITLE_WORDS: &[&str] = &["自评表", "评价表", "绩效自评"];

/// Operator words of a target (年度指标值), before or after the figure, with the operator they
/// state. Symbols are in [`OPERATOR_SYMBOLS`].
pub const OPERATOR_WORDS: &[(&str, Operator)] = &[
    ("大于等于", Operator::AtLeast),
    ("小于等于", Operator::AtMost),
    ("不低于", Operator::AtLeast),
    ("不少于", Operator::AtLeast),
    ("不小于", Operator::AtLeast),
    ("至少", Operator::AtLeast),
    ("达到", Operator::AtLeast),
    ("以上", Operator::AtLeast),
    ("不高于", Operator::AtMost),
    ("不超过", Operator::AtMost),
    ("不多于", Operator::AtMost),
    ("不大于", Operator::AtMost),
    ("以下", Operator::AtMost),
    ("以内", Operator::AtMost),
    ("控制在", Operator::AtMost),
    ("大于", Operator::MoreThan),
    ("高于", Operator::MoreThan),
    ("超过", Operator::MoreThan),
    ("小于", Operator::LessThan),
    ("低于", Operator::LessThan),
    ("少于", Operator::LessThan),
    ("等于", Operator::Equal),
];

/// Operator symbols, with the operator they state.
pub const OPERATOR_SYMBOLS: &[(&str, Operator)] = &[
    (">=", Operator::AtLeast),
    ("<=", Operator::AtMost),
    ("≥", Operator::AtLeast),
    ("≧", Operator::AtLeast),
    ("≤", Operator::AtMost),
    ("≦", Operator::AtMost),
    ("＞", Operator::MoreThan),
    (">", Operator::MoreThan),
    ("＜", Operator::LessThan),
    ("<", Operator::LessThan),
    ("＝", Operator::Equal),
    ("=", Operator::Equal),
];

/// The unit of a funds block when the table states none.
pub const DEFAULT_UNIT: &str = "万元";

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
        let found_text = if seen.is_empty() { msg::nothing() } else { seen.join(", ") };
        let mut diagnostic = Diagnostic::error(msg::E_NOT_A_TABLE, &source.path, msg::not_a_table(&expected.join(", "), &found_text)).hint(msg::not_a_table_hint());
        if let Some(sheet) = misses.first().and_then(|m| m.at.sheet.clone()) {
            diagnostic = diagnostic.field(msg::sheet_row(&sheet, misses[0].at.row.unwrap_or(1)));
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
        Some((Recognised { table: b.table, fields: b.fields, unplaced: b.unplaced, at }, r.max(first + 1)))
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

/// A plain decimal times 100 by moving its point: `0.9717` → `97.17`, `1` → `100`, `0.5` → `50`.
fn percent_digits(written: &str) -> String {
    let (int, frac) = written.split_once('.').unwrap_or((written, ""));
    let moved: String = frac.chars().chain(std::iter::repeat('0')).take(2).collect();
    let rest = frac.get(2..).unwrap_or("");
    let int = format!("{int}{moved}");
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    if rest.is_empty() { int.to_string() } else { format!("{int}.{rest}") }
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

/// A figure in a cell and the words after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// The figure, digits as written (thousands separators removed, full-width digits made
    /// ASCII).
    pub figure: Figure,
    /// What follows the figure, trimmed (a unit, `%`, or words).
    pub rest: String,
}

/// The figure a cell starts with (after optional spaces), and what follows it: `8334.69`,
/// `12,345.67`, `９６．５`, `94.88%` (rest `%`), `108.7万人次` (rest `万人次`). `None` when the cell
/// does not start with a figure.
pub fn parse_number(text: &str) -> Option<Number> {
    let t: String = text.trim().chars().map(ascii_digit).collect();
    let mut end = 0;
    let bytes = t.as_bytes();
    let negative = bytes.first() == Some(&b'-');
    if negative {
        end = 1;
    }
    let digits_start = end;
    while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'.' || bytes[end] == b',') {
        end += 1;
    }
    let raw = &t[digits_start..end];
    let raw = raw.trim_end_matches(['.', ',']);
    if raw.is_empty() || !raw.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let plain: String = if raw.contains(',') {
        // Thousands separators only where they group by three.
        let (int, frac) = raw.split_once('.').map_or((raw, None), |(i, f)| (i, Some(f)));
        let groups: Vec<&str> = int.split(',').collect();
        if groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) || frac.is_some_and(|f| f.contains(',')) {
            return None;
        }
        let mut p = groups.concat();
        if let Some(f) = frac {
            p.push('.');
            p.push_str(f);
        }
        p
    } else {
        raw.to_string()
    };
    let written = if negative { format!("-{plain}") } else { plain };
    let figure = Figure::parse(&written)?;
    let consumed = digits_start + raw.len();
    let rest = t[consumed..].trim().replace('％', "%");
    Some(Number { figure, rest })
}

/// Full-width digits, point and comma as ASCII.
fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - 0xFF10 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '，' => ',',
        '－' => '-',
        _ => c,
    }
}

/// Whether `text` reads as a unit: short, no digits, no sentence punctuation.
fn is_unit(text: &str) -> bool {
    let n = text.chars().count();
    (1..=6).contains(&n) && !text.chars().any(|c| c.is_ascii_digit() || "，。；;,、：:（）() ".contains(c))
}

/// A target (年度指标值) and its unit: `≥120万人次` → (≥, 120, —), 万人次; `不低于95%` → (≥, 95),
/// %; `100%` → (=, 100); `0起` → (=, 0), 起; words without a figure (`持续推进`) → text only.
/// The operator comes from a symbol or from the words (以上, 不低于 … → ≥; 以下, 不超过 … → ≤); a
/// bare figure is `=`. The text is kept when the cell says more than operator, figure and unit.
pub fn parse_target(text: &str) -> Option<(TargetValue, Option<String>)> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let mut rest = t.to_string();
    let mut op = None;
    for (symbol, o) in OPERATOR_SYMBOLS {
        if let Some(r) = rest.strip_prefix(symbol) {
            op = Some(*o);
            rest = r.trim_start().to_string();
            break;
        }
    }
    if op.is_none() {
        for (word, o) in OPERATOR_WORDS {
            if let Some(r) = rest.strip_prefix(word) {
                op = Some(*o);
                rest = r.trim_start().to_string();
                break;
            }
        }
    }
    let Some(number) = parse_number(&rest) else {
        return Some((TargetValue { op: None, value: None, text: Some(t.to_string()) }, None));
    };
    let mut after = number.rest.clone();
    for (word, o) in OPERATOR_WORDS {
        if let Some(r) = after.strip_suffix(word) {
            op = op.or(Some(*o));
            after = r.trim().to_string();
            break;
        }
    }
    let unit = is_unit(&after).then(|| after.clone());
    let fully = after.is_empty() || unit.is_some();
    let op = op.or(Some(Operator::Equal));
    let target = TargetValue { op, value: Some(number.figure), text: (!fully).then(|| t.to_string()) };
    Some((target, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_as_written() {
        let n = parse_number("12,345.67万元").unwrap();
        assert_eq!((n.figure.as_written(), n.rest.as_str()), ("12345.67", "万元"));
        assert_eq!(parse_number("９６．５").unwrap().figure.as_written(), "96.5");
        assert_eq!(parse_number("94.88%").unwrap().rest, "%");
        assert_eq!(parse_number("0.00").unwrap().figure.as_written(), "0.00");
        assert!(parse_number("1,23").is_none());
        assert!(parse_number("优").is_none());
        assert!(parse_number("").is_none());
    }

    #[test]
    fn targets_with_their_operators() {
        let op = |t: &str| parse_target(t).unwrap().0.op;
        assert_eq!(op("≥120万人次"), Some(Operator::AtLeast));
        assert_eq!(op("不低于95%"), Some(Operator::AtLeast));
        assert_eq!(op("95%以上"), Some(Operator::AtLeast));
        assert_eq!(op("不超过3.5万元/场"), Some(Operator::AtMost));
        assert_eq!(op("＜5起"), Some(Operator::LessThan));
        assert_eq!(op("100%"), Some(Operator::Equal));
        assert_eq!(op("持续推进"), None);
        let (t, unit) = parse_target("≥120万人次").unwrap();
        assert_eq!((t.value.unwrap().as_written(), unit.as_deref(), t.text), ("120", Some("万人次"), None));
        let (t, _) = parse_target("≥95%，力争98%").unwrap();
        assert_eq!(t.text.as_deref(), Some("≥95%，力争98%"));
    }

    #[test]
    fn fractions_become_percent_by_moving_the_point() {
        assert_eq!(percent_digits("0.9717"), "97.17");
        assert_eq!(percent_digits("1"), "100");
        assert_eq!(percent_digits("0.5"), "50");
        assert_eq!(percent_digits("0.0004"), "0.04");
        assert_eq!(percent_digits("1.00"), "100");
    }

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
