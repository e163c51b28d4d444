//! Comparisons across years and departments: derived site data, plain and serialisable.
//!
//! - [`DepartmentComparison`]: one department, a column per year (every year from its first to
//!   its last report, so a year without a report shows as such): budget figures, reported and
//!   computed 执行率, 基本/项目支出, coverage of the self-evaluation, score and grade; then every
//!   target and every indicator joined across years by id, with target, actual, status and the
//!   change against the previous year. An empty cell is never blank: it says "—" and points to
//!   a footnote giving the reason ([`Gap`]).
//! - [`YearRow`]: one department's figures in a year, for the year page's side-by-side table.
//! - [`MeasureHistory`]: one indicator (or target) of a department across years, a section
//!   of the department's indicator page `/<dept>/indicators/` ([`indicator_page_url`]) at the
//!   anchor `#<id>` ([`measure_url`]).
//! - [`Comparisons`]: every department's comparison, computed on first use and shared by
//!   whoever holds it at the time (the search records of a batch, the pages of a department);
//!   dropped when nobody does, so that a build holds a few departments' at once, not every one.
//!
//! Units: amounts are converted into one unit of money before they are set side by side
//! ([`MoneyUnit::convert`], exact decimal digits): a department's into the unit most of its reports
//! use, a year page's into the unit most reports of the year use, 万元 on a tie; a target or
//! indicator in money into the unit most of its years use. A measure whose other unit changes
//! (`%` to 个) is marked as a break ([`MeasureCell::unit_break`]) and never differenced.
//!
//! Everything here is owned data derived from [`Site`] and the theme's words alone:
//! deterministic, no I/O. Charts and Tera values are made from it in `render`, not here.

use crate::model::{Direction, Figure, MoneyUnit, shown_trimmed, trimmed, unit_break};
use crate::strings::{Strings, fill};
use crate::site::{ReportView, Site, Status};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, Weak};

/// Why a cell has no value. Serialised as its name; the theme explains each in a footnote
/// (`compare.gap.<name>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gap {
    /// No published report for that year.
    NoReport,
    /// The report has no such target or indicator that year.
    Absent,
    /// The report does not state this figure.
    NotStated,
    /// jixiao cannot compute it (a missing input or a zero budget).
    CannotCompute,
}

/// The change of a number against the previous year.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Change {
    /// `up`, `down` or `same`.
    pub dir: &'static str,
    /// The absolute difference with separators, e.g. `1,024.5`.
    pub delta: String,
    /// Whether the change is an improvement for the measure's direction (none when unknown).
    pub better: Option<bool>,
    /// The change in words (`compare.up`/`down`/`same` with `delta`), e.g. `比上年增加 27.4`.
    pub text: String,
    /// CSS classes saying `dir` and `better`: `change-up change-better`, `change-same`.
    pub class: &'static str,
    /// The arrow of `dir` (`compare.arrow_up`/`arrow_down`/`arrow_same`), for sighted readers.
    pub arrow: String,
}

/// The theme's words for comparison cells, filled in once here rather than by a `t()` call
/// in the template for each cell: a template function call costs about a microsecond, and a
/// department page has hundreds of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    year: String,
    note_ref: String,
    up: String,
    down: String,
    same: String,
    arrow_up: String,
    arrow_down: String,
    arrow_same: String,
    /// `status.<status>`, in [`Status`] order.
    status: [String; 4],
    /// `status_icon.<status>`, in [`Status`] order.
    status_icon: [String; 4],
}

impl Default for Labels {
    /// The default theme's words.
    fn default() -> Labels {
        Labels::from_strings(&BTreeMap::new())
    }
}

impl Labels {
    /// The UI strings these labels are made of. No template names them, so the theme check
    /// that catches a template's missing key cannot see them: rendering checks these itself.
    pub const KEYS: [&'static str; 16] = [
        "common.year",
        "compare.note_ref",
        "compare.up",
        "compare.down",
        "compare.same",
        "compare.arrow_up",
        "compare.arrow_down",
        "compare.arrow_same",
        "status.met",
        "status.not_met",
        "status.qualitative",
        "status.unknown",
        "status_icon.met",
        "status_icon.not_met",
        "status_icon.qualitative",
        "status_icon.unknown",
    ];

    /// From the theme's UI strings ([`Labels::KEYS`]). A render has checked that they are all
    /// there; the embedded default theme's words stand in for any missing when the library is
    /// called directly.
    pub fn from_strings(strings: &Strings) -> Labels {
        let get = |key: &str| crate::strings::get(strings, key).to_string();
        let [year, note_ref, up, down, same, arrow_up, arrow_down, arrow_same, s0, s1, s2, s3, i0, i1, i2, i3] = Self::KEYS.map(get);
        Labels { year, note_ref, up, down, same, arrow_up, arrow_down, arrow_same, status: [s0, s1, s2, s3], status_icon: [i0, i1, i2, i3] }
    }

    /// `2022年度`.
    pub fn year(&self, year: u16) -> String {
        fill(&self.year, &[("year", &year.to_string())])
    }

    /// `注1`.
    pub fn note(&self, n: usize) -> String {
        fill(&self.note_ref, &[("n", &n.to_string())])
    }

    /// `比上年增加 27.4` for `up` (`down`, `same`).
    pub fn change(&self, dir: &str, delta: &str) -> String {
        let text = match dir {
            "up" => &self.up,
            "down" => &self.down,
            _ => &self.same,
        };
        fill(text, &[("delta", delta)])
    }

    /// `status` in words and its icon.
    pub fn status(&self, status: Status) -> (String, String) {
        let i = match status {
            Status::Met => 0,
            Status::NotMet => 1,
            Status::Qualitative => 2,
            Status::Unknown => 3,
        };
        (self.status[i].clone(), self.status_icon[i].clone())
    }

    /// The arrow of `dir` (`up`, `down`, `same`).
    pub fn arrow(&self, dir: &str) -> String {
        match dir {
            "up" => &self.arrow_up,
            "down" => &self.arrow_down,
            _ => &self.arrow_same,
        }
        .clone()
    }
}

/// One cell of a figures row.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The figure as written, e.g. `8334.69` (templates format it with `num`/`money`/`percent`).
    pub value: Option<Figure>,
    /// `value` as the row's `format` shows it, without unit: `8,334.69`, `94.88%`.
    pub shown: Option<String>,
    /// Why there is no value.
    pub gap: Option<Gap>,
    /// Footnote number of `gap` (1-based, in [`DepartmentComparison::gaps`] order).
    pub note: Option<usize>,
    /// The footnote reference in words (`compare.note_ref`), e.g. `注1`.
    pub note_label: Option<String>,
    /// Change against the previous year's column, when both have a value.
    pub change: Option<Change>,
    /// Whether a computed rate differs from the reported one.
    pub differs: bool,
    /// The unit the report published this amount in, when it is not the comparison's: `value`
    /// and `shown` are converted ([`MoneyUnit::convert`]).
    pub converted_from: Option<&'static str>,
}

/// A row of figures: one cell per year column.
#[derive(Debug, Clone, Serialize)]
pub struct FigureRow {
    /// Row key: budget_initial, budget_total, executed, rate_reported, rate_computed, basic,
    /// project, carry_over, covered_funds, covered_share, score. The theme names it
    /// (`compare.row.<key>`).
    pub key: &'static str,
    /// How to show values: `money`, `percent` or `number`.
    pub format: &'static str,
    /// Cells, one per year column.
    pub cells: Vec<Cell>,
}

/// A text row (grade): one cell per year.
#[derive(Debug, Clone, Serialize)]
pub struct TextCell {
    /// The text.
    pub text: Option<String>,
    /// Why there is none.
    pub gap: Option<Gap>,
    /// Footnote number of `gap`.
    pub note: Option<usize>,
    /// The footnote reference in words (`compare.note_ref`).
    pub note_label: Option<String>,
}

/// A year column.
#[derive(Debug, Clone, Serialize)]
pub struct YearColumn {
    /// The year.
    pub year: u16,
    /// The year in words (`common.year`), e.g. `2022年度`.
    pub label: String,
    /// Site-relative URL of that year's report, when there is one.
    pub url: Option<String>,
    /// Unit of amounts that year.
    pub unit: Option<String>,
}

/// A target or indicator in one year.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureCell {
    /// The year.
    pub year: u16,
    /// The year in words (`common.year`).
    pub label: String,
    /// Why the measure is not there that year (no report, or not in the report).
    pub gap: Option<Gap>,
    /// Its name that year.
    pub name: Option<String>,
    /// Operator used (≥ ≤ =), stated or implied by direction.
    pub op: Option<&'static str>,
    /// Target value.
    pub target: Option<Figure>,
    /// Target in words, for qualitative targets.
    pub target_text: Option<String>,
    /// The target as shown: `≥ 1,200` (operator and grouped digits), else `target_text`.
    pub target_shown: Option<String>,
    /// Actual value.
    pub actual: Option<Figure>,
    /// Result in words when there is no value.
    pub actual_text: Option<String>,
    /// The actual value as shown: grouped digits, else `actual_text`.
    pub actual_shown: Option<String>,
    /// Why the actual value is missing when the measure exists (not stated).
    pub actual_gap: Option<Gap>,
    /// Footnote number of `gap`.
    pub note: Option<usize>,
    /// Footnote number of `actual_gap`.
    pub actual_note: Option<usize>,
    /// `note` and `actual_note` in words (`compare.note_ref`).
    pub note_label: Option<String>,
    /// See `note_label`.
    pub actual_note_label: Option<String>,
    /// jixiao's status.
    pub status: Option<Status>,
    /// `status` in words (`status.<status>`).
    pub status_text: Option<String>,
    /// `status`'s icon (`status_icon.<status>`), for sighted readers.
    pub status_icon: Option<String>,
    /// Change of the actual value against the previous year.
    pub change: Option<Change>,
    /// Weight and score (indicators of a self-evaluation table).
    pub weight: Option<Figure>,
    /// Score.
    pub score: Option<Figure>,
    /// `weight` with thousands separators, as written otherwise.
    pub weight_shown: Option<String>,
    /// `score` with thousands separators, as written otherwise.
    pub score_shown: Option<String>,
    /// Site-relative URL of that year's report.
    pub report_url: Option<String>,
    /// The unit `target` and `actual` are in: the row's, or this year's own when that cannot
    /// be compared with the row's (`unit_break`).
    pub unit: Option<String>,
    /// The unit the report stated the values in, when they are amounts of money converted into
    /// the row's unit.
    pub converted_from: Option<String>,
    /// This year states the measure in a unit that cannot be set beside the row's (`%` and
    /// 个, 人次 and 万人次, [`unit_break`]): it has no change against the year before (nor the
    /// next year against it), and charts leave it off the row's axis.
    pub unit_break: bool,
}

/// A target or an indicator across years.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureRow {
    /// Stable id.
    pub id: String,
    /// The distinct names it had, oldest first (more than one when renamed).
    pub names: Vec<String>,
    /// The latest name.
    pub name: String,
    /// Whether it was renamed.
    pub renamed: bool,
    /// Unit: the one most years state when they are all units of money (values converted into
    /// it, 万元 on a tie), else the latest stated.
    pub unit: Option<String>,
    /// Some year states the measure in a unit that cannot be compared with `unit`.
    pub unit_break: bool,
    /// Direction (latest stated).
    pub direction: Option<Direction>,
    /// 一级指标 / 二级指标 (latest stated, indicators only).
    pub level1: Option<String>,
    /// 二级指标.
    pub level2: Option<String>,
    /// Site-relative URL of its section of the department's indicator page
    /// ([`measure_url`]).
    pub url: String,
    /// One cell per year column.
    pub cells: Vec<MeasureCell>,
}

/// Amounts a report published in one unit and a comparison shows in another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conversion {
    /// The report's year.
    pub year: u16,
    /// The unit the report used, e.g. `元`.
    pub from: &'static str,
    /// The unit the comparison shows, e.g. `万元`.
    pub to: &'static str,
}

/// A department across its years.
#[derive(Debug, Clone, Serialize)]
pub struct DepartmentComparison {
    /// Year columns, oldest first.
    pub years: Vec<YearColumn>,
    /// Unit every amount is shown in: the one most of the department's reports use (万元 on a
    /// tie); amounts of other reports are converted ([`MoneyUnit::convert`]).
    pub unit: String,
    /// The years whose amounts were converted into `unit`, oldest first, for the note that says
    /// so ("2021 年报告以元公布，已换算为万元").
    pub conversions: Vec<Conversion>,
    /// Budget, rate, split, coverage and score rows.
    pub figures: Vec<FigureRow>,
    /// Grade per year.
    pub grades: Vec<TextCell>,
    /// 部门整体绩效目标 joined by id, in order of first appearance (latest report first).
    pub targets: Vec<MeasureRow>,
    /// Indicators of the department-wide self-evaluation tables joined by id.
    pub indicators: Vec<MeasureRow>,
    /// The gaps that occur, in footnote order (templates number them 1, 2, …).
    pub gaps: Vec<Gap>,
}

/// The change from `prev` to `cur`. With `converted` (either is an amount converted to another
/// unit, whose digits run longer than written) the difference drops trailing zeros down to two
/// decimals ([`shown_trimmed`]); otherwise it has the decimals of the more precise figure.
fn change(prev: Option<&Figure>, cur: Option<&Figure>, direction: Option<Direction>, labels: &Labels, converted: bool) -> Option<Change> {
    let (p, c) = (prev?, cur?);
    let decimals = p.decimals().max(c.decimals());
    let d = c.value() - p.value();
    let delta = Figure::computed(d.abs(), decimals);
    let delta = if converted { shown_trimmed(&delta, decimals.min(2)) } else { delta.grouped() };
    let zero = delta.bytes().all(|b| b == b'0' || b == b'.' || b == b',');
    let dir = if zero {
        "same"
    } else if d > 0.0 {
        "up"
    } else {
        "down"
    };
    let better = match (dir, direction) {
        ("same", _) | (_, None) => None,
        ("up", Some(Direction::Higher)) | ("down", Some(Direction::Lower)) => Some(true),
        _ => Some(false),
    };
    let text = labels.change(dir, &delta);
    let class = match (dir, better) {
        ("up", Some(true)) => "change-up change-better",
        ("up", Some(false)) => "change-up change-worse",
        ("up", None) => "change-up",
        ("down", Some(true)) => "change-down change-better",
        ("down", Some(false)) => "change-down change-worse",
        ("down", None) => "change-down",
        _ => "change-same",
    };
    Some(Change { dir, delta, better, text, class, arrow: labels.arrow(dir) })
}

/// A row of figures across the year columns. Amounts (`format` `money`) are converted from each
/// report's unit into `unit`, the comparison's; the other rows are shown as written.
fn figure_row(
    key: &'static str,
    format: &'static str,
    reports: &[Option<&ReportView>],
    get: impl Fn(&ReportView) -> Option<Figure>,
    missing: Gap,
    unit: MoneyUnit,
    labels: &Labels,
) -> FigureRow {
    let mut cells: Vec<Cell> = Vec::with_capacity(reports.len());
    let mut prev: Option<(Figure, bool)> = None;
    for r in reports {
        let cell = match r {
            None => Cell { value: None, shown: None, gap: Some(Gap::NoReport), note: None, note_label: None, change: None, differs: false, converted_from: None },
            Some(r) => {
                let from = r.report.budget.money_unit();
                let converted_from = (format == "money" && from != unit).then(|| from.as_str());
                // Converted digits run longer than written (71268400 元 is 7126.8400 万元): the
                // cell, its chart bar and its change show them without the trailing zeros.
                let v = get(r).map(|v| if converted_from.is_some() { trimmed(&from.convert(&v, unit), 2) } else { v });
                let converted = converted_from.is_some() || prev.as_ref().is_some_and(|p| p.1);
                let ch = change(prev.as_ref().map(|p| &p.0), v.as_ref(), None, labels, converted);
                let differs = key == "rate_computed" && r.summary.rate.differs;
                let shown = v.as_ref().map(|v| if format == "percent" { format!("{}%", v.grouped()) } else { v.grouped() });
                Cell { gap: if v.is_none() { Some(missing) } else { None }, note: None, note_label: None, value: v, shown, change: ch, differs, converted_from }
            }
        };
        // Change is against the previous column only: a year without a report breaks the chain.
        prev = cell.value.clone().map(|v| (v, cell.converted_from.is_some()));
        cells.push(cell);
    }
    FigureRow { key, format, cells }
}

/// A measure (target or indicator) of one year, normalised.
struct Seen<'a> {
    name: &'a str,
    unit: Option<&'a str>,
    direction: Option<Direction>,
    level1: Option<&'a str>,
    level2: Option<&'a str>,
    op: Option<&'static str>,
    target: Option<&'a Figure>,
    target_text: Option<&'a str>,
    actual: Option<&'a Figure>,
    actual_text: Option<&'a str>,
    status: Status,
    weight: Option<&'a Figure>,
    score: Option<&'a Figure>,
}

fn targets_of<'a>(r: &'a ReportView) -> Vec<(&'a str, Seen<'a>)> {
    r.targets
        .iter()
        .map(|tv| {
            let t = tv.target;
            (
                t.id.as_str(),
                Seen {
                    name: t.measure.as_deref().unwrap_or(&t.name),
                    unit: t.unit.as_deref(),
                    direction: t.direction,
                    level1: None,
                    level2: None,
                    op: tv.op,
                    target: t.target.as_ref().and_then(|v| v.value.as_ref()),
                    target_text: t.target.as_ref().and_then(|v| v.text.as_deref()),
                    actual: t.result.as_ref().and_then(|o| o.value.as_ref()),
                    actual_text: t.result.as_ref().and_then(|o| o.text.as_deref()),
                    status: tv.status,
                    weight: None,
                    score: None,
                },
            )
        })
        .collect()
}

fn indicators_of<'a>(r: &'a ReportView) -> Vec<(&'a str, Seen<'a>)> {
    r.sections().tables
        .iter()
        .filter(|t| t.table.scope == crate::model::TableScope::Department)
        .flat_map(|t| t.groups.iter().flat_map(|g| g.rows.iter()))
        .map(|row| {
            let i = row.indicator;
            (
                i.id.as_str(),
                Seen {
                    name: &i.name,
                    unit: i.unit.as_deref(),
                    direction: i.direction,
                    level1: Some(&i.level1),
                    level2: i.level2.as_deref(),
                    op: row.op,
                    target: i.target.as_ref().and_then(|v| v.value.as_ref()),
                    target_text: i.target.as_ref().and_then(|v| v.text.as_deref()),
                    actual: i.actual.as_ref().and_then(|o| o.value.as_ref()),
                    actual_text: i.actual.as_ref().and_then(|o| o.text.as_deref()),
                    status: row.status,
                    weight: i.weight.as_ref(),
                    score: i.score.as_ref(),
                },
            )
        })
        .collect()
}

impl MeasureCell {
    /// The cell of a year without this measure; `gap` says why.
    fn missing(col: &YearColumn, gap: Gap, report_url: Option<String>) -> MeasureCell {
        MeasureCell {
            year: col.year,
            label: col.label.clone(),
            gap: Some(gap),
            name: None,
            op: None,
            target: None,
            target_text: None,
            target_shown: None,
            actual: None,
            actual_text: None,
            actual_shown: None,
            actual_gap: None,
            note: None,
            actual_note: None,
            note_label: None,
            actual_note_label: None,
            status: None,
            status_text: None,
            status_icon: None,
            change: None,
            weight: None,
            score: None,
            weight_shown: None,
            score_shown: None,
            report_url,
            unit: None,
            converted_from: None,
            unit_break: false,
        }
    }
}

/// A target or actual value as a cell shows it: `≥ 1,200`, `1,200`, or the words.
fn shown(op: Option<&str>, value: Option<&Figure>, text: Option<&str>) -> Option<String> {
    match (value, op) {
        (Some(v), Some(op)) => Some(format!("{op} {}", v.grouped())),
        (Some(v), None) => Some(v.grouped()),
        (None, _) => text.map(str::to_string),
    }
}

fn join<'a>(
    dept: &str,
    years: &[YearColumn],
    per_year: Vec<Option<Vec<(&'a str, Seen<'a>)>>>,
    labels: &Labels,
) -> Vec<MeasureRow> {
    // Order: first appearance scanning the latest report first, then older ones.
    let mut order: Vec<&str> = Vec::new();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for list in per_year.iter().rev().flatten() {
        for (id, _) in list {
            if !index.contains_key(id) {
                index.insert(id, order.len());
                order.push(id);
            }
        }
    }
    let mut rows: Vec<MeasureRow> = order
        .iter()
        .map(|id| MeasureRow {
            id: id.to_string(),
            names: Vec::new(),
            name: String::new(),
            renamed: false,
            unit: None,
            unit_break: false,
            direction: None,
            level1: None,
            level2: None,
            url: measure_url(dept, id),
            cells: Vec::with_capacity(years.len()),
        })
        .collect();
    // The direction each year states, by row then column: the change of a cell is judged by it.
    let mut directions: Vec<Vec<Option<Direction>>> = vec![Vec::with_capacity(years.len()); rows.len()];
    for (col, list) in years.iter().zip(&per_year) {
        let mut here: Vec<Option<&Seen>> = vec![None; rows.len()];
        if let Some(list) = list {
            for (id, seen) in list {
                // The first occurrence in a year wins (ids are unique per report).
                let i = index[id];
                if here[i].is_none() {
                    here[i] = Some(seen);
                }
            }
        }
        for ((row, seen), dirs) in rows.iter_mut().zip(here).zip(&mut directions) {
            dirs.push(seen.and_then(|s| s.direction));
            let cell = match (list, seen) {
                (None, _) => MeasureCell::missing(col, Gap::NoReport, None),
                (Some(_), None) => MeasureCell::missing(col, Gap::Absent, col.url.clone()),
                (Some(_), Some(s)) => {
                    if !row.names.iter().any(|n| n == s.name) {
                        row.names.push(s.name.to_string());
                    }
                    row.name = s.name.to_string();
                    row.unit = s.unit.map(str::to_string).or(row.unit.take());
                    row.direction = s.direction.or(row.direction);
                    row.level1 = s.level1.map(str::to_string).or(row.level1.take());
                    row.level2 = s.level2.map(str::to_string).or(row.level2.take());
                    let (status_text, status_icon) = labels.status(s.status);
                    MeasureCell {
                        year: col.year,
                        label: col.label.clone(),
                        gap: None,
                        name: Some(s.name.to_string()),
                        op: s.op,
                        target: s.target.cloned(),
                        target_text: s.target_text.map(str::to_string),
                        target_shown: shown(s.op, s.target, s.target_text),
                        actual: s.actual.cloned(),
                        actual_text: s.actual_text.map(str::to_string),
                        actual_shown: shown(None, s.actual, s.actual_text),
                        actual_gap: if s.actual.is_none() && s.actual_text.is_none() { Some(Gap::NotStated) } else { None },
                        note: None,
                        actual_note: None,
                        note_label: None,
                        actual_note_label: None,
                        status: Some(s.status),
                        status_text: Some(status_text),
                        status_icon: Some(status_icon),
                        change: None,
                        weight: s.weight.cloned(),
                        score: s.score.cloned(),
                        weight_shown: s.weight.map(Figure::grouped),
                        score_shown: s.score.map(Figure::grouped),
                        report_url: col.url.clone(),
                        unit: s.unit.map(str::to_string),
                        converted_from: None,
                        unit_break: false,
                    }
                }
            };
            row.cells.push(cell);
        }
    }
    for (row, dirs) in rows.iter_mut().zip(&directions) {
        row.renamed = row.names.len() > 1;
        units_and_changes(row, dirs, labels);
    }
    rows
}

/// Settles a measure row's unit, converts amounts of money into it, marks the years whose unit
/// cannot be compared with it, and computes each year's change against the year before: never
/// across a unit break, nor across a year without the measure.
fn units_and_changes(row: &mut MeasureRow, directions: &[Option<Direction>], labels: &Labels) {
    let stated: Vec<&str> = row.cells.iter().filter_map(|c| c.unit.as_deref()).collect();
    let money: Option<Vec<MoneyUnit>> = stated.iter().map(|u| MoneyUnit::parse(u)).collect();
    let row_money = money.filter(|m| !m.is_empty()).map(MoneyUnit::most_used);
    if let Some(to) = row_money {
        row.unit = Some(to.as_str().to_string());
    }
    let row_unit = row.unit.clone();
    for c in &mut row.cells {
        let (Some(unit), Some(row_unit)) = (c.unit.clone(), row_unit.as_deref()) else { continue };
        match (row_money, MoneyUnit::parse(&unit)) {
            (Some(to), Some(from)) if from != to => {
                // Without the trailing zeros the conversion adds, as for the figures rows.
                c.target = c.target.as_ref().map(|f| trimmed(&from.convert(f, to), 2));
                c.actual = c.actual.as_ref().map(|f| trimmed(&from.convert(f, to), 2));
                if c.target.is_some() {
                    c.target_shown = shown(c.op, c.target.as_ref(), None);
                }
                if c.actual.is_some() {
                    c.actual_shown = shown(None, c.actual.as_ref(), None);
                }
                c.converted_from = Some(unit);
                c.unit = Some(to.as_str().to_string());
            }
            _ => c.unit_break = unit_break(&unit, row_unit),
        }
    }
    row.unit_break = row.cells.iter().any(|c| c.unit_break);
    let mut prev: Option<usize> = None;
    for (i, &direction) in directions.iter().enumerate().take(row.cells.len()) {
        let ch = prev.and_then(|p| {
            let (a, b) = (&row.cells[p], &row.cells[i]);
            let comparable = match (a.unit.as_deref(), b.unit.as_deref()) {
                (Some(x), Some(y)) => !unit_break(x, y),
                _ => true,
            };
            let converted = a.converted_from.is_some() || b.converted_from.is_some();
            comparable.then(|| change(a.actual.as_ref(), b.actual.as_ref(), direction, labels, converted)).flatten()
        });
        row.cells[i].change = ch;
        // As for figures, the change is against the column just before: a gap breaks the chain.
        prev = Some(i).filter(|_| row.cells[i].gap.is_none());
    }
}

impl DepartmentComparison {
    /// The comparison of department `index` of the site.
    pub fn new(site: &Site, index: usize, labels: &Labels) -> DepartmentComparison {
        let d = &site.departments[index];
        let mut by_year: BTreeMap<u16, &ReportView> = BTreeMap::new();
        for &i in &d.reports {
            by_year.insert(site.reports[i].summary.year, &site.reports[i]);
        }
        let (first, last) = match (by_year.keys().next(), by_year.keys().next_back()) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (1, 0),
        };
        let reports: Vec<Option<&ReportView>> = (first..=last).map(|y| by_year.get(&y).copied()).collect();
        let years: Vec<YearColumn> = (first..=last)
            .zip(&reports)
            .map(|(year, r)| YearColumn {
                year,
                label: labels.year(year),
                url: r.map(|r| r.summary.url.clone()),
                unit: r.map(|r| r.summary.unit.to_string()),
            })
            .collect();
        let unit = MoneyUnit::most_used(reports.iter().flatten().map(|r| r.report.budget.money_unit()));
        let conversions: Vec<Conversion> = reports
            .iter()
            .flatten()
            .map(|r| (r.summary.year, r.report.budget.money_unit()))
            .filter(|&(_, from)| from != unit)
            .map(|(year, from)| Conversion { year, from: from.as_str(), to: unit.as_str() })
            .collect();
        fn b<'r>(r: &'r ReportView) -> &'r crate::model::Budget {
            &r.report.budget
        }
        fn perf<'r>(r: &'r ReportView) -> Option<&'r crate::model::PerformanceManagement> {
            r.report.performance.as_ref()
        }
        let figures = vec![
            figure_row("budget_initial", "money", &reports, |r| b(r).initial.clone(), Gap::NotStated, unit, labels),
            figure_row("budget_total", "money", &reports, |r| b(r).total.clone(), Gap::NotStated, unit, labels),
            figure_row("executed", "money", &reports, |r| b(r).executed.clone(), Gap::NotStated, unit, labels),
            figure_row("rate_reported", "percent", &reports, |r| r.summary.rate.reported.clone(), Gap::NotStated, unit, labels),
            figure_row("rate_computed", "percent", &reports, |r| r.summary.rate.computed.clone(), Gap::CannotCompute, unit, labels),
            figure_row("basic", "money", &reports, |r| b(r).basic.clone(), Gap::NotStated, unit, labels),
            figure_row("project", "money", &reports, |r| b(r).project.clone(), Gap::NotStated, unit, labels),
            figure_row("carry_over", "money", &reports, |r| b(r).carry_over.clone(), Gap::NotStated, unit, labels),
            figure_row("covered_funds", "money", &reports, |r| perf(r).and_then(|p| p.covered_funds.clone()), Gap::NotStated, unit, labels),
            figure_row("covered_share", "percent", &reports, |r| perf(r).and_then(|p| p.covered_share.clone()), Gap::NotStated, unit, labels),
            figure_row("score", "number", &reports, |r| r.summary.score.cloned(), Gap::NotStated, unit, labels),
        ];
        let grades = reports
            .iter()
            .map(|r| match r {
                None => TextCell { text: None, gap: Some(Gap::NoReport), note: None, note_label: None },
                Some(r) => match r.summary.grade {
                    Some(g) => TextCell { text: Some(g.to_string()), gap: None, note: None, note_label: None },
                    None => TextCell { text: None, gap: Some(Gap::NotStated), note: None, note_label: None },
                },
            })
            .collect::<Vec<_>>();
        let targets = join(d.id, &years, reports.iter().map(|r| r.map(targets_of)).collect(), labels);
        let indicators = join(d.id, &years, reports.iter().map(|r| r.map(indicators_of)).collect(), labels);
        let mut gaps: Vec<Gap> = figures
            .iter()
            .flat_map(|f| f.cells.iter().filter_map(|c| c.gap))
            .chain(grades.iter().filter_map(|c| c.gap))
            .chain(targets.iter().chain(&indicators).flat_map(|m| m.cells.iter().flat_map(|c| [c.gap, c.actual_gap]).flatten()))
            .collect();
        gaps.sort();
        gaps.dedup();
        let num = |g: Option<Gap>| g.and_then(|g| gaps.iter().position(|x| *x == g)).map(|i| i + 1);
        let note_labels: Vec<String> = (1..=gaps.len()).map(|n| labels.note(n)).collect();
        let label = |n: Option<usize>| n.map(|n| note_labels[n - 1].clone());
        let mut figures = figures;
        for c in figures.iter_mut().flat_map(|f| f.cells.iter_mut()) {
            c.note = num(c.gap);
            c.note_label = label(c.note);
        }
        let mut grades = grades;
        for c in &mut grades {
            c.note = num(c.gap);
            c.note_label = label(c.note);
        }
        let (mut targets, mut indicators) = (targets, indicators);
        for c in targets.iter_mut().chain(indicators.iter_mut()).flat_map(|m| m.cells.iter_mut()) {
            c.note = num(c.gap);
            c.actual_note = num(c.actual_gap);
            c.note_label = label(c.note);
            c.actual_note_label = label(c.actual_note);
        }
        DepartmentComparison { years, unit: unit.as_str().to_string(), conversions, figures, grades, targets, indicators, gaps }
    }

    /// Every target and indicator id with its history, indicators first (ids in both are
    /// merged: the self-evaluation table's row, else the target), in table order.
    pub fn measures(&self) -> Vec<MeasureHistory<'_>> {
        self.measure_indices().into_iter().map(|p| self.history(p)).collect()
    }

    /// [`Self::measures`] as indices into `indicators` and `targets`.
    pub fn measure_indices(&self) -> Vec<(Option<usize>, Option<usize>)> {
        let mut out: Vec<(Option<usize>, Option<usize>)> = Vec::with_capacity(self.indicators.len() + self.targets.len());
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, m) in self.indicators.iter().enumerate() {
            seen.insert(&m.id, out.len());
            out.push((Some(i), None));
        }
        for (t, m) in self.targets.iter().enumerate() {
            match seen.get(m.id.as_str()) {
                Some(&i) => out[i].1 = Some(t),
                None => {
                    seen.insert(&m.id, out.len());
                    out.push((None, Some(t)));
                }
            }
        }
        out
    }

    /// The [`MeasureHistory`] of an entry of [`Self::measure_indices`].
    pub fn history(&self, (indicator, target): (Option<usize>, Option<usize>)) -> MeasureHistory<'_> {
        MeasureHistory { indicator: indicator.map(|i| &self.indicators[i]), target: target.map(|t| &self.targets[t]) }
    }
}

/// One measure's history: its self-evaluation table row and/or its target row.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureHistory<'a> {
    /// As an indicator of the department-wide table.
    pub indicator: Option<&'a MeasureRow>,
    /// As a 部门整体绩效目标.
    pub target: Option<&'a MeasureRow>,
}

impl MeasureHistory<'_> {
    /// Id.
    pub fn id(&self) -> &str {
        self.indicator.or(self.target).map_or("", |m| m.id.as_str())
    }

    /// The row used for the chart: the indicator's, else the target's.
    pub fn main(&self) -> &MeasureRow {
        self.indicator.or(self.target).expect("a measure has a row")
    }
}

/// A department's figures in one year, for the year page.
#[derive(Debug, Clone, Serialize)]
pub struct YearRow<'c> {
    /// Department id.
    pub department: &'c str,
    /// Department name.
    pub name: &'c str,
    /// Department page.
    pub department_url: String,
    /// Report page.
    pub url: String,
    /// Unit of the amounts: the year's (the unit most reports of the year use, 万元 on a tie),
    /// the same in every row, so the amounts and their sort keys compare.
    pub unit: &'static str,
    /// The unit the report published its amounts in, when it is not `unit` (they are converted).
    pub converted_from: Option<&'static str>,
    /// 全年预算数.
    pub budget_total: Option<Figure>,
    /// 执行数.
    pub executed: Option<Figure>,
    /// 执行率 as reported.
    pub rate_reported: Option<&'c Figure>,
    /// 执行率 computed.
    pub rate_computed: Option<Figure>,
    /// Whether they differ.
    pub rate_differs: bool,
    /// 基本支出.
    pub basic: Option<Figure>,
    /// 项目支出.
    pub project: Option<Figure>,
    /// 项目支出 share of 基本 + 项目, in percent (computed).
    pub project_share: Option<Figure>,
    /// Total score.
    pub score: Option<&'c Figure>,
    /// Grade.
    pub grade: Option<&'c str>,
    /// Demo data.
    pub demo: bool,
}

/// The unit a year's cross-department comparison shows amounts in: the one most of the year's
/// reports use, 万元 on a tie.
pub fn year_unit(site: &Site<'_>, index: usize) -> MoneyUnit {
    MoneyUnit::most_used(site.years[index].reports.iter().map(|&i| site.reports[i].report.budget.money_unit()))
}

/// Every department's row for year `index` of the site, in department order, amounts in the
/// year's unit ([`year_unit`]).
pub fn year_rows<'s>(site: &'s Site<'_>, index: usize) -> Vec<YearRow<'s>> {
    let unit = year_unit(site, index);
    site.years[index]
        .reports
        .iter()
        .map(|&i| {
            let r = &site.reports[i];
            let s = &r.summary;
            let b = &r.report.budget;
            let from = b.money_unit();
            // Converted digits run longer than written (71268400 元 is 7126.8400 万元): shown with
            // their trailing zeros dropped, the value unchanged.
            let amount = |f: Option<&Figure>| f.map(|f| if from == unit { f.clone() } else { trimmed(&from.convert(f, unit), 2) });
            let project_share = match (&b.basic, &b.project) {
                (Some(x), Some(p)) if x.value() + p.value() != 0.0 => {
                    Some(Figure::computed(p.value() / (x.value() + p.value()) * 100.0, 1))
                }
                _ => None,
            };
            YearRow {
                department: s.department,
                name: s.department_name,
                department_url: s.department_url.clone(),
                url: s.url.clone(),
                unit: unit.as_str(),
                converted_from: (from != unit).then(|| from.as_str()),
                budget_total: amount(s.budget_total),
                executed: amount(s.executed),
                rate_reported: s.rate.reported.as_ref(),
                rate_computed: s.rate.computed.clone(),
                rate_differs: s.rate.differs,
                basic: amount(b.basic.as_ref()),
                project: amount(b.project.as_ref()),
                project_share,
                score: s.score,
                grade: s.grade,
                demo: s.demo,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(s: &str) -> Figure {
        Figure::parse(s).unwrap()
    }

    #[test]
    fn change_has_direction_and_betterness() {
        let c = change(Some(&fig("80")), Some(&fig("52.6")), Some(Direction::Higher), &Labels::default(), false).unwrap();
        assert_eq!((c.dir, c.delta.as_str(), c.better), ("down", "27.4", Some(false)));
        assert_eq!(c.text, "比上年减少 27.4", "the embedded default theme's words");
        let c = change(Some(&fig("1200")), Some(&fig("2400.5")), None, &Labels::default(), false).unwrap();
        assert_eq!((c.dir, c.delta.as_str(), c.better), ("up", "1,200.5", None));
        let c = change(Some(&fig("3")), Some(&fig("3.00")), Some(Direction::Lower), &Labels::default(), false).unwrap();
        assert_eq!((c.dir, c.better), ("same", None));
        assert!(change(None, Some(&fig("1")), None, &Labels::default(), false).is_none());
    }
}

/// The site-relative URL of department `dept`'s indicator page, which lists every target and
/// indicator of the department across years: `<dept>/indicators/`.
pub fn indicator_page_url(dept: &str) -> String {
    format!("{dept}/indicators/")
}

/// The site-relative URL of measure `id`'s section of its department's indicator page:
/// `<dept>/indicators/#<id>` (ids are lower-case ASCII, see `load::validate::is_valid_id`, so
/// they are fragments as they are).
pub fn measure_url(dept: &str, id: &str) -> String {
    format!("{dept}/indicators/#{id}")
}

/// The ids of department `index`'s targets and indicators, in [`DepartmentComparison::measures`]
/// order: the sections of its indicator page. Cheap: used to plan pages and search slots.
pub fn measure_ids<'s>(site: &'s Site, index: usize) -> Vec<&'s str> {
    let d = &site.departments[index];
    // Latest report first, as `join` orders.
    let mut reports: Vec<&ReportView> = d.reports.iter().map(|&i| &site.reports[i]).collect();
    reports.sort_by_key(|r| std::cmp::Reverse(r.summary.year));
    let mut ids: Vec<&str> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for r in &reports {
        for (id, _) in indicators_of(r) {
            if seen.insert(id) {
                ids.push(id);
            }
        }
    }
    for r in &reports {
        for t in &r.report.targets {
            if seen.insert(t.id.as_str()) {
                ids.push(&t.id);
            }
        }
    }
    ids
}

/// The URL of department `index`'s indicator page ([`indicator_page_url`]), when it has a
/// target or indicator to show.
pub fn indicator_page(site: &Site, index: usize) -> Option<String> {
    (!measure_ids(site, index).is_empty()).then(|| indicator_page_url(site.departments[index].id))
}

/// Every department's [`DepartmentComparison`] in the theme's words, each computed on first use
/// and shared while someone holds it: a comparison is about 40 KB a report (410 MB at 10,000
/// reports), so keeping every department's for the whole build, from the search records to
/// the pages, cost more memory than anything but the content. Computing one again is cheap
/// (about 0.7 ms a department): the search index and the pages each compute it once.
#[derive(Debug)]
pub struct Comparisons {
    labels: Labels,
    /// By department index: the comparison while an [`Arc`] of it is held somewhere.
    departments: Vec<Mutex<Weak<DepartmentComparison>>>,
}

impl Comparisons {
    /// None computed yet, for `departments` departments, worded with `strings` (a theme's UI
    /// strings, [`Labels::KEYS`] used).
    pub fn new(departments: usize, strings: &Strings) -> Comparisons {
        Comparisons { labels: Labels::from_strings(strings), departments: (0..departments).map(|_| Mutex::new(Weak::new())).collect() }
    }

    /// The words the comparisons are made with.
    pub fn labels(&self) -> &Labels {
        &self.labels
    }

    /// The comparison of department `index` of `site` (the site these were made for): the one
    /// already held elsewhere, else a new one. Hold it for as long as it is needed (a
    /// department's pages one after another): once nobody does, it is dropped.
    pub fn department(&self, site: &Site, index: usize) -> Arc<DepartmentComparison> {
        // The lock is per department and held while computing, so two threads asking for the
        // same department compute it once.
        let mut slot = self.departments[index].lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(held) = slot.upgrade() {
            return held;
        }
        let made = Arc::new(DepartmentComparison::new(site, index, &self.labels));
        *slot = Arc::downgrade(&made);
        made
    }
}
