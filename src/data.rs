//! Open data: the figures of every report as files anyone can reuse, next to the pages.
//!
//! For every published report (`<dept>/<year>/`):
//! - `report.json`: the whole report as loaded, under `report` with the YAML's own field names,
//!   plus the department, jixiao's computed values and the attachments with size and SHA-256;
//! - `targets.csv` (always) and `indicators.csv` (when the report has self-evaluation tables
//!   with indicators): one row per item;
//! - `datapackage.json`: a Frictionless data package describing those files;
//! - `files/<name>`: the report's attachments (the official PDF, Word or spreadsheet), copied.
//!
//! For the whole site, under `data/`: `budgets.csv` (one row per department-year with the
//! budget figures and the department's name); per year under `data/<year>/` the same and
//! `targets.csv` and `indicators.csv` (every row of that year's reports); and
//! `data/datapackage.json` describing all of them.
//!
//! **Figures are decimal strings, never JSON numbers.** A published figure is kept exactly as
//! written (`"0.00"`, `"3634.3"`): a JSON number would lose the written decimals that auditors
//! compare at, and a binary float may not even hold the value. In CSV a figure is its written
//! digits, without thousands separators; the data packages declare those columns `number`, so
//! a CSV reader parses them as numbers. Money is in the unit of the `unit` column (万元 unless
//! the report states otherwise); percentages are the number before the `%` sign.
//!
//! CSV files are UTF-8 with a byte-order mark (so Excel opens Chinese text correctly), `,`
//! separated, `"`-quoted where needed (RFC 4180), with a header row.
//!
//! Everything here is a pure function of the site, apart from reading attachments: the same
//! content gives the same bytes, so rebuilding rewrites nothing.

// Errors are `Diagnostic`s by value, the pipeline's error type (as in output.rs).
#![allow(clippy::result_large_err)]

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::digest::sha256_hex_parts;
use crate::model::{Figure, MoneyUnit, Report};
use crate::site::{ReportView, Site, Status};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Version of the `report.json` layout; raised when a field is renamed or removed. 2: members
/// that are null or an empty list, and the model's default `false`s, are left out. 3: so are
/// `computed`'s `false` agreements of a computed rate with the published one.
pub const REPORT_JSON_VERSION: u32 = 3;

/// Diagnostic code: an attachment could not be read while building.
pub const E_ATTACHMENT_READ: &str = "E0501";

/// A file offered for download on a page.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Download {
    /// Site-relative path, e.g. `huangpu/2022/report.json`.
    pub path: String,
    /// The same, percent-encoded for use in an `href` (attachments may have Chinese names).
    pub href: String,
    /// File name, e.g. `report.json`.
    pub name: String,
    /// What it holds: `report_json`, `targets_csv`, `indicators_csv`, `budgets_csv`,
    /// `datapackage`, `attachment`.
    pub kind: &'static str,
    /// Title of an attachment; for the other kinds templates use their i18n label.
    pub title: Option<String>,
    /// Year, for per-year bulk files.
    pub year: Option<u16>,
    /// Format shown, e.g. JSON, CSV, PDF.
    pub format: String,
    /// Media type, e.g. `text/csv`.
    pub media_type: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Size for people: `856 B`, `12.3 KB`, `1.4 MB`.
    pub size: String,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
}

// ───────────────────────────── CSV rows ─────────────────────────────

/// One column of a CSV file: name, Frictionless type, description (for `datapackage.json`).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Header name.
    pub name: &'static str,
    /// Frictionless Table Schema type: string, integer, number, boolean, date.
    pub kind: &'static str,
    /// What the column holds.
    pub description: &'static str,
    /// Fixed unit of the column, when it has one.
    pub unit: Option<&'static str>,
}

const fn col(name: &'static str, kind: &'static str, description: &'static str) -> Column {
    Column { name, kind, description, unit: None }
}

const fn col_unit(name: &'static str, kind: &'static str, description: &'static str, unit: &'static str) -> Column {
    Column { name, kind, description, unit: Some(unit) }
}

/// Columns of `targets.csv`, in order (the same in per-report and bulk files).
pub const TARGET_COLUMNS: &[Column] = &[
    col("department", "string", "部门代码 (department id, as in the web address; its name is in budgets.csv)"),
    col("year", "integer", "报告年度 (year of the report)"),
    col("number", "integer", "目标序号 (position of the target in the report, from 1)"),
    col("id", "string", "目标代码: stable id, the same measure every year"),
    col("name", "string", "绩效目标 as published"),
    col("measure", "string", "指标简称 (short name of the measure)"),
    col("unit", "string", "计量单位 of target_value and result_value"),
    col("direction", "string", "higher or lower is better: higher / lower"),
    col("target_op", "string", "比较符 of the target as published: ≥ ≤ = > <"),
    col("target_value", "number", "目标值 as written, in the unit column's unit"),
    col("target_text", "string", "目标 in words (qualitative target or its wording)"),
    col("result_value", "number", "实际完成值 as written, in the unit column's unit"),
    col("result_text", "string", "完成情况 as published (Markdown)"),
    col("result_met", "boolean", "the publisher's own verdict: true = 达成"),
    col("status", "string", "jixiao's status from the figures: met / not_met / qualitative / unknown"),
];

/// Columns of `indicators.csv`, in order.
pub const INDICATOR_COLUMNS: &[Column] = &[
    col("department", "string", "部门代码 (department id; its name is in budgets.csv)"),
    col("year", "integer", "报告年度 (year of the report)"),
    col("table_id", "string", "自评表代码 (id of the self-evaluation table in the report; its title is report.evaluation_tables[].title in the report's report.json)"),
    col("table_scope", "string", "department (部门整体) or project (项目支出)"),
    col("id", "string", "指标代码: stable id, the same measure every year"),
    col("level1", "string", "一级指标"),
    col("level2", "string", "二级指标"),
    col("name", "string", "三级指标 as published"),
    col("unit", "string", "计量单位 of target_value and actual_value"),
    col("direction", "string", "higher or lower is better: higher / lower"),
    col("target_op", "string", "比较符 of the 年度指标值 as published: ≥ ≤ = > <"),
    col("target_value", "number", "年度指标值 as written"),
    col("target_text", "string", "年度指标值 in words"),
    col("actual_value", "number", "实际完成值 as written"),
    col("actual_text", "string", "实际完成值 in words (Markdown)"),
    col("actual_met", "boolean", "the publisher's own verdict: true = 达成"),
    col("weight", "number", "分值"),
    col("score", "number", "得分"),
    col("deviation", "string", "偏差原因分析及改进措施"),
    col("status", "string", "jixiao's status from the figures: met / not_met / qualitative / unknown"),
];

/// Columns of `budgets.csv` (bulk files only: one row per department-year), in order.
pub const BUDGET_COLUMNS: &[Column] = &[
    col("department", "string", "部门代码 (department id)"),
    col("department_name", "string", "部门全称 (department's full name)"),
    col("year", "integer", "报告年度 (year of the report)"),
    col("title", "string", "报告标题 as published"),
    col("published", "date", "发布日期 (YYYY-MM-DD), when stated"),
    col("unit", "string", "金额单位 of every money column of the row (万元 unless stated)"),
    col("initial", "number", "年初预算数, in the unit column's unit"),
    col("total", "number", "全年预算数 (调整后预算数), in the unit column's unit"),
    col("executed", "number", "全年执行数, in the unit column's unit"),
    col_unit("execution_rate", "number", "执行率 as published, in percent", "%"),
    col_unit("execution_rate_computed", "number", "执行率 computed by jixiao: executed ÷ total × 100", "%"),
    col("basic", "number", "基本支出, in the unit column's unit"),
    col("project", "number", "项目支出, in the unit column's unit"),
    col("carry_over", "number", "年末结转和结余, in the unit column's unit"),
    col("score", "number", "自评得分 (total score), when published"),
    col("grade", "string", "自评等级 (grade) as published"),
    col("targets", "integer", "number of 绩效目标"),
    col("targets_met", "integer", "targets jixiao finds met from the figures"),
    col("targets_not_met", "integer", "targets jixiao finds not met from the figures"),
    col("url", "string", "address of the report page"),
    col_unit("initial_wanyuan", "number", "年初预算数 in 万元, converted exactly from the unit column's unit (the decimal point moved, every written digit kept)", "万元"),
    col_unit("total_wanyuan", "number", "全年预算数 in 万元, converted exactly from the unit column's unit", "万元"),
    col_unit("executed_wanyuan", "number", "全年执行数 in 万元, converted exactly from the unit column's unit", "万元"),
    col_unit("basic_wanyuan", "number", "基本支出 in 万元, converted exactly from the unit column's unit", "万元"),
    col_unit("project_wanyuan", "number", "项目支出 in 万元, converted exactly from the unit column's unit", "万元"),
    col_unit("carry_over_wanyuan", "number", "年末结转和结余 in 万元, converted exactly from the unit column's unit", "万元"),
];

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Met => "met",
        Status::NotMet => "not_met",
        Status::Qualitative => "qualitative",
        Status::Unknown => "unknown",
    }
}

fn fig(f: Option<&Figure>) -> &str {
    f.map_or("", Figure::as_written)
}

fn opt(s: Option<&str>) -> &str {
    s.unwrap_or("")
}

fn boolean(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "true",
        Some(false) => "false",
        None => "",
    }
}

fn direction(d: Option<crate::model::Direction>) -> &'static str {
    match d {
        Some(crate::model::Direction::Higher) => "higher",
        Some(crate::model::Direction::Lower) => "lower",
        None => "",
    }
}

/// The target rows of one report.
fn target_rows(r: &ReportView) -> Vec<Vec<String>> {
    let s = &r.summary;
    r.targets
        .iter()
        .map(|tv| {
            let t = tv.target;
            let target = t.target.as_ref();
            let result = t.result.as_ref();
            [
                s.department,
                &s.year.to_string(),
                &tv.number.to_string(),
                &t.id,
                &t.name,
                opt(t.measure.as_deref()),
                opt(t.unit.as_deref()),
                direction(t.direction),
                target.and_then(|v| v.op).map_or("", |o| o.symbol()),
                fig(target.and_then(|v| v.value.as_ref())),
                opt(target.and_then(|v| v.text.as_deref())),
                fig(result.and_then(|v| v.value.as_ref())),
                opt(result.and_then(|v| v.text.as_deref())),
                boolean(result.and_then(|v| v.met)),
                status_name(tv.status),
            ]
            .iter()
            .map(|c| c.to_string())
            .collect()
        })
        .collect()
}

/// The indicator rows of one report, table by table, in published order.
fn indicator_rows(r: &ReportView) -> Vec<Vec<String>> {
    let s = &r.summary;
    let mut rows = Vec::new();
    for tv in &r.sections().tables {
        let table = tv.table;
        let scope = match table.scope {
            crate::model::TableScope::Department => "department",
            crate::model::TableScope::Project => "project",
        };
        // Published order, with jixiao's status from the grouped view.
        for ind in &table.indicators {
            let status = tv
                .groups
                .iter()
                .flat_map(|g| g.rows.iter())
                .find(|row| std::ptr::eq(row.indicator, ind))
                .map_or(Status::Unknown, |row| row.status);
            let target = ind.target.as_ref();
            let actual = ind.actual.as_ref();
            rows.push(
                [
                    s.department,
                    &s.year.to_string(),
                    &table.id,
                    scope,
                    &ind.id,
                    &ind.level1,
                    opt(ind.level2.as_deref()),
                    &ind.name,
                    opt(ind.unit.as_deref()),
                    direction(ind.direction),
                    target.and_then(|v| v.op).map_or("", |o| o.symbol()),
                    fig(target.and_then(|v| v.value.as_ref())),
                    opt(target.and_then(|v| v.text.as_deref())),
                    fig(actual.and_then(|v| v.value.as_ref())),
                    opt(actual.and_then(|v| v.text.as_deref())),
                    boolean(actual.and_then(|v| v.met)),
                    fig(ind.weight.as_ref()),
                    fig(ind.score.as_ref()),
                    opt(ind.deviation.as_deref()),
                    status_name(status),
                ]
                .iter()
                .map(|c| c.to_string())
                .collect(),
            );
        }
    }
    rows
}

/// The budget row of one report.
fn budget_row(r: &ReportView, base_url: &str) -> Vec<String> {
    let s = &r.summary;
    let b = &r.report.budget;
    let unit = b.money_unit();
    // The same amounts in 万元, so that a column compares across departments and years.
    let wanyuan = |f: &Option<Figure>| f.as_ref().map_or_else(String::new, |f| unit.convert(f, MoneyUnit::Wanyuan).as_written().to_string());
    let in_wanyuan = [&b.initial, &b.total, &b.executed, &b.basic, &b.project, &b.carry_over].map(wanyuan);
    [
        s.department,
        s.department_full_name,
        &s.year.to_string(),
        s.title,
        opt(s.published),
        s.unit,
        fig(b.initial.as_ref()),
        fig(b.total.as_ref()),
        fig(b.executed.as_ref()),
        fig(b.execution_rate.as_ref()),
        fig(s.rate.computed.as_ref()),
        fig(b.basic.as_ref()),
        fig(b.project.as_ref()),
        fig(b.carry_over.as_ref()),
        fig(s.score),
        opt(s.grade),
        &s.target_counts.total.to_string(),
        &s.target_counts.met.to_string(),
        &s.target_counts.not_met.to_string(),
        &format!("{base_url}{}", s.url),
    ]
    .iter()
    .map(|c| c.to_string())
    .chain(in_wanyuan)
    .collect()
}

/// A CSV file: BOM, header row, then the rows, RFC 4180 quoting, CRLF line ends (what Excel
/// and the RFC expect).
pub fn csv_bytes<'a>(columns: &[Column], rows: impl IntoIterator<Item = &'a Vec<String>>) -> Vec<u8> {
    let rows: Vec<&Vec<String>> = rows.into_iter().collect();
    debug_assert!(rows.iter().all(|r| r.len() == columns.len()));
    with_header(columns, &[&csv_rows(&rows)])
}

// ───────────────────────────── JSON ─────────────────────────────

/// `report.json`: what it holds is documented in the module docs and the README. Compact, not
/// indented: a third fewer bytes to write (690 → 460 MB at 10,000 reports, the data stage
/// 3.0 → 2.4 s), and readers of the data parse it or let a viewer indent it.
fn report_json(r: &ReportView, site: &Site, attachments: &[Download], base_url: &str) -> Vec<u8> {
    let d = site.department_of(r);
    let s = &r.summary;
    let mut department = serde_json::to_value(d.profile).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut department {
        m.insert("id".into(), json!(d.id));
    }
    let targets: Vec<Value> = r
        .targets
        .iter()
        .map(|t| json!({ "id": t.target.id, "status": status_name(t.status), "publisher_agrees": t.agrees }))
        .collect();
    let tables: Vec<Value> = r
        .sections().tables
        .iter()
        .map(|t| {
            let rows: Vec<Value> = t
                .groups
                .iter()
                .flat_map(|g| g.rows.iter())
                .map(|row| json!({ "id": row.indicator.id, "status": status_name(row.status), "publisher_agrees": row.agrees }))
                .collect();
            let funds: Vec<Value> = t
                .funds
                .iter()
                .map(|f| json!({ "label": f.row.label, "execution_rate": f.rate.computed, "differs_from_published": f.rate.differs }))
                .collect();
            json!({ "id": t.table.id, "funds": funds, "indicators": rows, "weight_sum": t.weight_sum, "score_sum": t.score_sum })
        })
        .collect();
    let files: Vec<Value> = attachments
        .iter()
        .map(|a| {
            json!({
                "title": a.title,
                "name": a.name,
                "url": format!("{base_url}{}", a.href),
                "media_type": a.media_type,
                "bytes": a.bytes,
                "sha256": a.sha256,
            })
        })
        .collect();
    /// The document, its fields in this order.
    #[derive(Serialize)]
    struct ReportJson<'a> {
        jixiao_report_json: u32,
        figures: &'static str,
        url: String,
        department: Value,
        year: u16,
        draft: bool,
        report: &'a Report,
        computed: Value,
        attachments: Vec<Value>,
    }
    let doc = ReportJson {
        jixiao_report_json: REPORT_JSON_VERSION,
        figures: "decimal strings as written (\"0.00\" keeps its decimals); money in report.budget.unit (万元 unless stated), percentages as the number before %",
        url: format!("{base_url}{}", s.url),
        department,
        year: s.year,
        draft: s.draft,
        report: r.report,
        computed: json!({
            "execution_rate": s.rate.computed,
            "execution_rate_differs_from_published": s.rate.differs,
            "targets": targets,
            "evaluation_tables": tables,
        }),
        attachments: files,
    };
    let mut bytes = lean_json::without_defaults(&serde_json::to_vec(&doc).unwrap_or_default());
    bytes.push(b'\n');
    bytes
}

mod lean_json {
    //! `report.json` without what a reader takes as given: an object member whose value is
    //! `null` or `[]`, or `false` under one of [`DEFAULT_FALSE`], is left out (about a fifth of
    //! the bytes at 10,000 reports; `report_from_json` reads such a member back as the model's
    //! default, `None`, an empty list or `false`). The members keep their order.
    //!
    //! The compact document serde_json wrote is copied once, byte for byte, leaving such
    //! members out: reading it into a tree and writing it again cost half of the data stage.
    //! The copy is the same as that round trip's (serde_json writes every value one way, so a
    //! value read and written again is the bytes it was).

    /// Keys of booleans whose `false` says nothing: a key figure's `parts_complete` and
    /// `parts_sequence` (the model's `#[serde(default)]`s), and `computed`'s flags of a computed
    /// execution rate that differs from the published one (since layout 3; `true` is the
    /// news). (`draft` and a result's `met` stay: the first is asked for by name, the second is
    /// the publisher's verdict.) As written in JSON, with their quotes.
    const DEFAULT_FALSE: &[&[u8]] = &[
        b"\"parts_complete\"",
        b"\"parts_sequence\"",
        b"\"differs_from_published\"",
        b"\"execution_rate_differs_from_published\"",
    ];

    /// `compact` (a JSON document as serde_json writes it: no white space) without the
    /// members that say nothing.
    pub(super) fn without_defaults(compact: &[u8]) -> Vec<u8> {
        let mut copy = Copy { src: compact, at: 0, out: Vec::with_capacity(compact.len()) };
        match copy.value() {
            Some(()) if copy.at == compact.len() => copy.out,
            // Not reached: `compact` is serde_json's own output.
            _ => compact.to_vec(),
        }
    }

    /// The document being copied, where the copy is, and what it wrote.
    struct Copy<'a> {
        src: &'a [u8],
        at: usize,
        out: Vec<u8>,
    }

    impl Copy<'_> {
        fn peek(&self) -> Option<u8> {
            self.src.get(self.at).copied()
        }

        /// Copies the value at `at`; `None` when the document is not compact JSON.
        fn value(&mut self) -> Option<()> {
            match self.peek()? {
                b'{' => self.object(),
                b'[' => self.array(),
                b'"' => {
                    let end = self.string_end()?;
                    self.out.extend_from_slice(&self.src[self.at..end]);
                    self.at = end;
                    Some(())
                }
                _ => {
                    // A number, `true`, `false` or `null`: up to the next separator.
                    let len = self.src[self.at..].iter().position(|b| matches!(b, b',' | b']' | b'}')).unwrap_or(self.src.len() - self.at);
                    if len == 0 {
                        return None;
                    }
                    self.out.extend_from_slice(&self.src[self.at..self.at + len]);
                    self.at += len;
                    Some(())
                }
            }
        }

        /// Where the string starting at `at` (its opening quote) ends, after its closing quote.
        /// Skips to the next quote or backslash with memchr: strings are most of a report's
        /// bytes (its text), and a byte-by-byte loop was a third of the copy's time.
        fn string_end(&self) -> Option<usize> {
            let mut i = self.at + 1;
            loop {
                i += memchr::memchr2(b'"', b'\\', self.src.get(i..)?)?;
                match self.src[i] {
                    b'"' => return Some(i + 1),
                    _ => i += 2,
                }
            }
        }

        fn array(&mut self) -> Option<()> {
            self.out.push(b'[');
            self.at += 1;
            if self.peek()? == b']' {
                self.out.push(b']');
                self.at += 1;
                return Some(());
            }
            loop {
                self.value()?;
                match self.peek()? {
                    b',' => self.out.push(b','),
                    b']' => {
                        self.out.push(b']');
                        self.at += 1;
                        return Some(());
                    }
                    _ => return None,
                }
                self.at += 1;
            }
        }

        fn object(&mut self) -> Option<()> {
            self.out.push(b'{');
            self.at += 1;
            if self.peek()? == b'}' {
                self.out.push(b'}');
                self.at += 1;
                return Some(());
            }
            let mut first = true;
            loop {
                if self.peek()? != b'"' {
                    return None;
                }
                let key = (self.at, self.string_end()?);
                self.at = key.1;
                if self.peek()? != b':' {
                    return None;
                }
                self.at += 1;
                let rest = &self.src[self.at..];
                let key_bytes = &self.src[key.0..key.1];
                let nothing = if rest.starts_with(b"null") {
                    Some(4)
                } else if rest.starts_with(b"[]") {
                    Some(2)
                } else if rest.starts_with(b"false") && DEFAULT_FALSE.contains(&key_bytes) {
                    Some(5)
                } else {
                    None
                };
                match nothing {
                    Some(len) => self.at += len,
                    None => {
                        if !first {
                            self.out.push(b',');
                        }
                        first = false;
                        self.out.extend_from_slice(key_bytes);
                        self.out.push(b':');
                        self.value()?;
                    }
                }
                match self.peek()? {
                    b',' => self.at += 1,
                    b'}' => {
                        self.out.push(b'}');
                        self.at += 1;
                        return Some(());
                    }
                    _ => return None,
                }
            }
        }
    }
}

/// How a data package describes `report.corrections` in the `report.json` of a corrected report.
pub const CORRECTIONS_DESCRIPTION: &str = "report.corrections (更正说明): the corrections made after publication, oldest first; each has date (YYYY-MM-DD, the day of the correction), text (what was corrected and why, Markdown) and, when given, fields (the paths of the fields corrected, as jixiao check names them: budget.executed, targets[2].result.value; list positions from 0)";

/// Parses `report` back out of a `report.json` document.
pub fn report_from_json(doc: &Value) -> Result<Report, serde_json::Error> {
    <Report as serde::Deserialize>::deserialize(doc.get("report").unwrap_or(&Value::Null))
}

// ───────────────────────────── data packages ─────────────────────────────

/// SPDX ids of common open-data licences and where their text is.
const LICENCES: &[(&str, &str, &str)] = &[
    ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/", "Creative Commons Attribution 4.0"),
    ("CC-BY-SA-4.0", "https://creativecommons.org/licenses/by-sa/4.0/", "Creative Commons Attribution Share-Alike 4.0"),
    ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0"),
    ("ODC-BY-1.0", "https://opendatacommons.org/licenses/by/1-0/", "Open Data Commons Attribution License 1.0"),
    ("ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/", "Open Data Commons Open Database License 1.0"),
    ("PDDL-1.0", "https://opendatacommons.org/licenses/pddl/1-0/", "Open Data Commons Public Domain Dedication and License 1.0"),
];

/// The `licenses` list of a data package from `site.yaml`'s `licence`.
fn licences(licence: Option<&str>) -> Value {
    let Some(l) = licence.map(str::trim).filter(|l| !l.is_empty()) else { return json!([]) };
    match LICENCES.iter().find(|(id, _, _)| id.eq_ignore_ascii_case(l)) {
        Some((id, path, title)) => json!([{ "name": id, "path": path, "title": title }]),
        None if l.starts_with("https://") || l.starts_with("http://") => json!([{ "path": l, "title": l }]),
        None => json!([{ "title": l }]),
    }
}

/// How much a data package says about its files. `Full` in `data/datapackage.json` (one per
/// site): each resource's title, format and media type. `Lean` in a report's own
/// `datapackage.json` (one per report, so every byte of it is written thousands of times): each
/// file's name, path, size and SHA-256, its CSV files' schemas by URL ([`REPORT_SCHEMAS`]);
/// what Frictionless infers from the path (format, media type) or finds in the site's package
/// (titles) is left out, and so is what the specs give by default (a resource's encoding UTF-8,
/// the profile `data-package`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Detail {
    Full,
    Lean,
}

/// A Frictionless Table Schema for `columns`: each column's name, type and description, a
/// boolean's true and false values (`true`, `false` only), a fixed unit, the key. What the
/// Table Schema spec gives as the default is left out (a number's `decimalChar` `.` and no
/// `groupChar`; `missingValues` `[""]`).
fn table_schema(columns: &[Column], primary_key: &[&str]) -> Value {
    let fields: Vec<Value> = columns
        .iter()
        .map(|c| {
            let mut f = json!({ "name": c.name, "type": c.kind, "description": c.description });
            if c.kind == "boolean" {
                f["trueValues"] = json!(["true"]);
                f["falseValues"] = json!(["false"]);
            }
            if let Some(u) = c.unit {
                f["unit"] = json!(u);
            }
            f
        })
        .collect();
    json!({ "fields": fields, "primaryKey": primary_key })
}

/// A resource entry of a data package, for the file `d` (its size and hash computed once);
/// `title` is left out of a [`Detail::Lean`] package but for an attachment's.
fn resource(name: &str, path: &str, title: String, d: &Download, tabular: Option<Value>, detail: Detail) -> Value {
    let mut r = json!({
        "name": name,
        "path": path,
        "bytes": d.bytes,
        "hash": format!("sha256:{}", d.sha256),
    });
    if detail == Detail::Full || d.kind == "attachment" {
        r["title"] = json!(title);
    }
    if detail == Detail::Full {
        r["format"] = json!(d.format.to_ascii_lowercase());
        r["mediatype"] = json!(d.media_type);
    }
    if let Some(schema) = tabular {
        if detail == Detail::Full {
            r["profile"] = json!("tabular-data-resource");
        }
        if detail == Detail::Full {
            // The Data Resource spec's default; said where the package describes everything.
            r["encoding"] = json!("utf-8");
        }
        // The CSV files are written in the CSV Dialect spec's defaults (`,`, `"` doubled, a
        // header row, CRLF): no `dialect` to state.
        r["schema"] = schema;
    } else {
        if detail == Detail::Full {
            r["profile"] = json!("data-resource");
        }
        if d.kind == "attachment" {
            // The office's own document, offered as published: a 自评表 workbook is a form
            // (merged cells, header rows), not a table for Frictionless to validate as data.
            r["type"] = json!("file");
        } else if d.format.eq_ignore_ascii_case("json") {
            // Frictionless takes any file named `…report.json` for one of its own validation
            // reports unless the resource says what it is (and then fails it as one).
            r["type"] = json!("json");
        }
    }
    r
}

/// The Table Schema of a report's own CSV file, published once for the site at
/// `data/<file>` and named by URL in every report's `datapackage.json` (the Data Resource spec
/// allows a schema as a URL; a path could not reach `data/` from a report's folder, as `..` is
/// forbidden). Inline, the two schemas were two thirds of each report's package.
struct ReportSchema {
    /// File name under `data/`.
    file: &'static str,
    columns: &'static [Column],
    /// The key within one report's file.
    primary_key: &'static [&'static str],
}

impl ReportSchema {
    /// Its URL on the site at `base_url` (which ends in `/`).
    fn url(&self, base_url: &str) -> String {
        format!("{base_url}data/{}", self.file)
    }
}

/// The schemas of a report's `targets.csv` and `indicators.csv`, in that order.
const REPORT_SCHEMAS: [ReportSchema; 2] = [
    ReportSchema { file: "report-targets.schema.json", columns: TARGET_COLUMNS, primary_key: &["id"] },
    ReportSchema { file: "report-indicators.schema.json", columns: INDICATOR_COLUMNS, primary_key: &["table_id", "id"] },
];

/// A package name: lowercase letters, digits, `-`, `_`, `.`.
fn package_name(s: &str) -> String {
    let n: String = s
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else if matches!(c, '-' | '_' | '.') { c } else { '-' })
        .collect();
    let n = n.trim_matches('-').to_string();
    if n.is_empty() { "jixiao".into() } else { n }
}

fn package_json(mut doc: Value) -> Vec<u8> {
    // Frictionless: `licenses`, when present, lists at least one licence.
    if let Value::Object(m) = &mut doc
        && m.get("licenses").and_then(Value::as_array).is_some_and(|l| l.is_empty())
    {
        m.remove("licenses");
    }
    // Compact, like report.json: tools read it, and a viewer indents it for people.
    let mut bytes = serde_json::to_vec(&doc).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

// ───────────────────────────── helpers ─────────────────────────────

/// A size for people: `856 B`, `12.3 KB`, `1.4 MB` (1 KB = 1024 bytes).
pub fn human_size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// Percent-encodes a site-relative path for an `href`, keeping `/` and unreserved characters.
pub fn href(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Media type and format label of an attachment, from its extension.
pub fn media_type(name: &str) -> (&'static str, String) {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let mt = crate::mime::of_name(name);
    let label = if ext.is_empty() { "FILE".to_string() } else { ext.to_ascii_uppercase() };
    (mt, label)
}

/// The published name of an attachment: the last component of its path.
pub fn attachment_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

fn download(path: String, kind: &'static str, bytes: &[u8], media_type: &str, format: &str) -> Download {
    download_parts(path, kind, &[bytes], media_type, format)
}

/// [`download`] of a file whose bytes are `parts` one after another.
fn download_parts(path: String, kind: &'static str, parts: &[&[u8]], media_type: &str, format: &str) -> Download {
    let len: u64 = parts.iter().map(|p| p.len() as u64).sum();
    Download {
        href: href(&path),
        name: path.rsplit('/').next().unwrap_or(&path).to_string(),
        path,
        kind,
        title: None,
        year: None,
        format: format.to_string(),
        media_type: media_type.to_string(),
        bytes: len,
        size: human_size(len),
        sha256: sha256_hex_parts(parts),
    }
}

// ───────────────────────────── generation ─────────────────────────────

/// What one report leaves behind once its own files are staged: the downloads its pages offer
/// and its rows of the bulk CSVs, already encoded (a bulk file is its header and then every
/// report's rows, byte for byte as in the report's own CSV).
struct ReportData {
    downloads: Vec<Download>,
    targets: Vec<u8>,
    indicators: Vec<u8>,
    budget: Vec<u8>,
}

/// Builds the files of one report and hands each to `stage` as soon as it exists, so the open
/// data of the whole site is never in memory at once.
fn report_files(
    site: &Site,
    r: &ReportView,
    base_url: &str,
    stage: &impl Fn(String, &[&[u8]]) -> Result<(), Diagnostic>,
) -> Result<ReportData, Diagnostic> {
    let s = &r.summary;
    let dir = s.url.trim_end_matches('/');
    let mut downloads = Vec::new();

    // Attachments first: report.json lists them.
    let folder = site.content.root.join(r.source.parent().unwrap_or(std::path::Path::new("")));
    let mut attachments = Vec::new();
    for a in &r.report.attachments {
        let src = folder.join(&a.file);
        let bytes = std::fs::read(&src).map_err(|e| {
            Diagnostic::error(E_ATTACHMENT_READ, r.source, crate::messages::attachment_unreadable(&a.file, &e)).field("attachments")
        })?;
        let name = attachment_name(&a.file);
        let (mt, format) = media_type(name);
        let mut d = download(format!("{dir}/files/{name}"), "attachment", &bytes, mt, &format);
        d.title = Some(a.title.clone());
        attachments.push(d);
        stage(format!("{dir}/files/{name}"), &[&bytes])?;
    }

    let json = report_json(r, site, &attachments, base_url);
    let targets = csv_rows(&target_rows(r));
    let indicators = csv_rows(&indicator_rows(r));
    let targets_csv = with_header(TARGET_COLUMNS, &[&targets]);
    let indicators_csv = (!indicators.is_empty()).then(|| with_header(INDICATOR_COLUMNS, &[&indicators]));

    let title = |what: &str| format!("{} {what}", s.title);
    let json_dl = download(format!("{dir}/report.json"), "report_json", &json, "application/json", "JSON");
    let targets_dl = download(format!("{dir}/targets.csv"), "targets_csv", &targets_csv, "text/csv", "CSV");
    let indicators_dl = indicators_csv.as_ref().map(|ic| download(format!("{dir}/indicators.csv"), "indicators_csv", ic, "text/csv", "CSV"));
    let mut report_resource = resource("report", "report.json", title("(JSON)"), &json_dl, None, Detail::Lean);
    if !r.report.corrections.is_empty() {
        // Said only where there are corrections: the other packages stay as they were.
        report_resource["description"] = json!(CORRECTIONS_DESCRIPTION);
    }
    let mut resources = vec![
        report_resource,
        resource("targets", "targets.csv", title("绩效目标"), &targets_dl, Some(json!(REPORT_SCHEMAS[0].url(base_url))), Detail::Lean),
    ];
    if let Some(d) = &indicators_dl {
        let schema = json!(REPORT_SCHEMAS[1].url(base_url));
        resources.push(resource("indicators", "indicators.csv", title("绩效自评表指标"), d, Some(schema), Detail::Lean));
    }
    for (i, (a, spec)) in attachments.iter().zip(&r.report.attachments).enumerate() {
        resources.push(resource(&format!("attachment-{}", i + 1), &format!("files/{}", a.name), spec.title.clone(), a, None, Detail::Lean));
    }
    let cfg = &site.content.site;
    // No `profile`: `data-package` is the spec's default (data/datapackage.json says it).
    let package = package_json(json!({
        "name": package_name(&format!("{}-{}", s.department, s.year)),
        "title": s.title,
        "homepage": format!("{base_url}{}", s.url),
        "licenses": licences(cfg.data_licence()),
        "sources": [{ "title": cfg.publisher }],
        "resources": resources,
    }));

    stage(format!("{dir}/report.json"), &[&json])?;
    stage(format!("{dir}/targets.csv"), &[&targets_csv])?;
    downloads.push(json_dl);
    downloads.push(targets_dl);
    if let (Some(ic), Some(d)) = (indicators_csv, indicators_dl) {
        stage(format!("{dir}/indicators.csv"), &[&ic])?;
        downloads.push(d);
    }
    stage(format!("{dir}/datapackage.json"), &[&package])?;
    downloads.push(download(format!("{dir}/datapackage.json"), "datapackage", &package, "application/json", "JSON"));
    downloads.extend(attachments);
    for d in downloads.iter_mut() {
        d.year = Some(s.year);
    }
    let budget = csv_rows(std::slice::from_ref(&budget_row(r, base_url)));
    Ok(ReportData { downloads, targets, indicators, budget })
}

/// Records encoded as CSV (RFC 4180 quoting, CRLF line ends), without BOM or header. Each
/// field is quoted or not on its own, so encoding rows apart and joining the bytes gives the
/// same file as encoding them together. Every cell goes through [`csv_cell`] first, so no text
/// cell is a live spreadsheet formula.
fn csv_rows<R: AsRef<[u8]>>(rows: &[impl AsRef<[R]>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::with_capacity(1024));
    for row in rows {
        // Writing into a Vec cannot fail.
        w.write_record(row.as_ref().iter().map(|c| csv_cell(c.as_ref()))).expect("in-memory CSV");
    }
    w.into_inner().expect("in-memory CSV")
}

/// A cell as written to CSV, defused against formula injection (OWASP "CSV injection"): a
/// spreadsheet (Excel, LibreOffice, Google Sheets) runs a cell that begins with `=`, `+`, `-`
/// or `@` as a formula, and one beginning with a tab or carriage return may be read as one too,
/// so a target name such as `=HYPERLINK("https://evil.example","x")` would be a live link or
/// worse. **Rule:** a cell that begins with one of `=` `+` `-` `@` `\t` `\r` gets a single
/// quote `'` in front (which spreadsheets show as text and do not evaluate), unless the whole
/// cell is a plain number ([`is_plain_number`]: `-12.5`, `+3`, `-0.5e3`), which stays as it is
/// so a negative figure in a `number` column is still a number. The decision is per cell, not
/// per column. A cell that is that one character alone (the `=` of the `target_op` column, a
/// `-` standing for "none") holds no formula and stays too. Every other cell, including the
/// header, is written unchanged.
fn csv_cell(cell: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    match cell.first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') if cell.len() > 1 && !is_plain_number(cell) => {
            let mut out = Vec::with_capacity(cell.len() + 1);
            out.push(b'\'');
            out.extend_from_slice(cell);
            std::borrow::Cow::Owned(out)
        }
        _ => std::borrow::Cow::Borrowed(cell),
    }
}

/// Whether `cell` is a plain decimal number: an optional sign, digits with an optional
/// fraction (`12`, `12.5`, `.5`, `12.`), an optional exponent (`e-3`); nothing else, no spaces.
fn is_plain_number(cell: &[u8]) -> bool {
    let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut rest = cell.strip_prefix(b"-").or_else(|| cell.strip_prefix(b"+")).unwrap_or(cell);
    let whole = digits(rest);
    rest = &rest[whole..];
    let mut fraction = 0;
    if let Some(r) = rest.strip_prefix(b".") {
        fraction = digits(r);
        rest = &r[fraction..];
    }
    if whole + fraction == 0 {
        return false;
    }
    if let Some(r) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let r = r.strip_prefix(b"-").or_else(|| r.strip_prefix(b"+")).unwrap_or(r);
        let exponent = digits(r);
        if exponent == 0 {
            return false;
        }
        rest = &r[exponent..];
    }
    rest.is_empty()
}

/// A CSV file from encoded rows: BOM, the header row of `columns`, then `chunks` in order.
fn with_header(columns: &[Column], chunks: &[&[u8]]) -> Vec<u8> {
    let header = csv_rows(&[columns.iter().map(|c| c.name).collect::<Vec<_>>()]);
    let bom = "\u{feff}".as_bytes();
    let mut out = Vec::with_capacity(bom.len() + header.len() + chunks.iter().map(|c| c.len()).sum::<usize>());
    out.extend_from_slice(bom);
    out.extend_from_slice(&header);
    for c in chunks {
        out.extend_from_slice(c);
    }
    out
}

/// The bulk files of a set of reports (`ids`, indices into `done`) under `data/<prefix>`:
/// staged, described in `resources` (for `data/datapackage.json`), and returned as downloads.
/// For one `year`: `budgets.csv`, `targets.csv` and `indicators.csv`, the last two with a
/// foreign key (department, year) to the first, which names the department. For the whole
/// site (`year` `None`): `budgets.csv` only; every target and indicator row is in a year's
/// file (an all-years indicators file would pass Excel's 1,048,576 rows at about 50,000
/// reports). With `reuse`, a file made of the same rows as last time is not made again (see
/// [`BulkReuse`]).
fn bulk_files(
    prefix: &str,
    done: &[&ReportData],
    ids: &[usize],
    year: Option<u16>,
    resources: &mut Vec<Value>,
    stage: &impl Fn(String, &[&[u8]]) -> Result<(), Diagnostic>,
    mut reuse: Option<&mut BulkReuse>,
) -> Result<Vec<Download>, Diagnostic> {
    let label = year.map_or_else(String::new, |y| format!("{y}年度"));
    let suffix = year.map_or_else(String::new, |y| format!("-{y}"));
    let mut page = Vec::new();
    // Name, columns, rows of a report, key columns, what the file holds.
    type Part = (&'static str, &'static [Column], fn(&ReportData) -> &[u8], &'static [&'static str], &'static str);
    let parts: [Part; 3] = [
        ("budgets", BUDGET_COLUMNS, |f| &f.budget, &["department", "year"], "部门整体收支情况"),
        ("targets", TARGET_COLUMNS, |f| &f.targets, &["department", "year", "id"], "部门整体绩效目标"),
        ("indicators", INDICATOR_COLUMNS, |f| &f.indicators, &["department", "year", "table_id", "id"], "绩效自评表指标"),
    ];
    let parts = if year.is_some() { &parts[..] } else { &parts[..1] };
    for (part, (name, columns, rows_of, key, what)) in parts.iter().enumerate() {
        let rel = format!("{prefix}{name}.csv");
        let path = format!("data/{rel}");
        let made_of = reuse.as_ref().map(|r| r.made_of(part, ids));
        let d = match (&mut reuse, made_of) {
            (Some(r), Some(made_of)) if r.files.get(&path).is_some_and(|(m, _)| *m == made_of) => {
                (r.keep)(path.clone())?;
                r.files[&path].1.clone()
            }
            _ => {
                // Staged in parts: a year's indicators file is megabytes at 10,000 reports.
                let header = with_header(columns, &[]);
                let parts: Vec<&[u8]> = std::iter::once(&header[..]).chain(ids.iter().map(|&i| rows_of(done[i]))).collect();
                let kind = match *name {
                    "budgets" => "budgets_csv",
                    "targets" => "targets_csv",
                    _ => "indicators_csv",
                };
                let mut d = download_parts(path.clone(), kind, &parts, "text/csv", "CSV");
                d.year = year;
                stage(path.clone(), &parts)?;
                if let (Some(r), Some(made_of)) = (&mut reuse, made_of) {
                    r.files.insert(path, (made_of, d.clone()));
                }
                d
            }
        };
        let mut schema = table_schema(columns, key);
        if *name != "budgets" {
            // The department's name is in the year's budgets.csv, one row per report.
            schema["foreignKeys"] = json!([{ "fields": ["department", "year"], "reference": { "resource": format!("budgets{suffix}"), "fields": ["department", "year"] } }]);
        }
        resources.push(resource(&format!("{name}{suffix}"), &rel, format!("{label}{what}"), &d, Some(schema), Detail::Full));
        page.push(d);
    }
    Ok(page)
}

/// What lets [`bulk_files`] reuse a bulk file of the last publish: a hash of each report's
/// encoded rows per file (budgets, targets, indicators), in site order; the bulk files last
/// made, by path, with a hash of what they were made of and their download entry; how to keep
/// a file that is reused.
struct BulkReuse<'a> {
    rows: Vec<[u64; 3]>,
    files: &'a mut std::collections::HashMap<String, (u64, Download)>,
    keep: &'a dyn Fn(String) -> Result<(), Diagnostic>,
}

impl BulkReuse<'_> {
    /// A hash of the rows the file `part` of the reports `ids` is made of.
    fn made_of(&self, part: usize, ids: &[usize]) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3Default::new();
        h.update(&(ids.len() as u64).to_le_bytes());
        for &i in ids {
            h.update(&self.rows[i][part].to_le_bytes());
        }
        h.digest()
    }
}

/// A hash of bytes, to tell whether encoded rows changed (xxHash3: the same in every build of
/// jixiao, as the build cache keeps it).
fn hash_bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Every data file of the site, handed to `stage` as it is made (from several threads), and
/// the downloads each page offers, by the site-relative URL of the page: `dept/year/` (the
/// report's own files), `dept/` (every report of the department), `years/<year>/` (that
/// year's bulk files), `` (the home page: the whole-site bulk files).
pub fn generate(
    site: &Site,
    stage: &(impl Fn(String, &[&[u8]]) -> Result<(), Diagnostic> + Sync),
) -> Result<BTreeMap<String, Vec<Download>>, Diagnostics> {
    let base_url = site.content.site.base_url();
    let per_report: Vec<Result<ReportData, Diagnostic>> =
        site.reports.par_iter().map(|r| report_files(site, r, &base_url, stage)).collect();
    let done = all_or_errors(per_report)?;
    let done: Vec<&ReportData> = done.iter().collect();
    let site_wide = site_files(site, &done, stage, None)?;
    Ok(page_downloads(site, &done, site_wide))
}

/// Every report's data, or every report's problems.
fn all_or_errors<T>(per_report: Vec<Result<T, Diagnostic>>) -> Result<Vec<T>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut done = Vec::with_capacity(per_report.len());
    for r in per_report {
        match r {
            Ok(f) => done.push(f),
            Err(d) => diags.push(d),
        }
    }
    if !diags.is_empty() {
        diags.sort();
        return Err(diags);
    }
    Ok(done)
}

/// The files made of every report's rows (bulk CSVs per site and per year, the site's
/// datapackage.json), staged, and the downloads of the home page and the year pages, by URL;
/// `done` is in `site.reports` order.
fn site_files(
    site: &Site,
    done: &[&ReportData],
    stage: &(impl Fn(String, &[&[u8]]) -> Result<(), Diagnostic> + Sync),
    mut reuse: Option<&mut BulkReuse>,
) -> Result<Vec<(String, Vec<Download>)>, Diagnostic> {
    let base_url = site.content.site.base_url();
    let cfg = &site.content.site;
    let mut downloads = Vec::new();
    let mut resources = Vec::new();
    let all: Vec<usize> = (0..done.len()).collect();
    let mut home = bulk_files("", done, &all, None, &mut resources, stage, reuse.as_deref_mut())?;
    for y in &site.years {
        let page = bulk_files(&format!("{}/", y.year), done, &y.reports, Some(y.year), &mut resources, stage, reuse.as_deref_mut())?;
        downloads.push((y.url.clone(), page));
    }
    let package = package_json(json!({
        "profile": "tabular-data-package",
        "name": package_name(&format!("{}-data", base_url.split("://").nth(1).unwrap_or("jixiao").trim_end_matches('/'))),
        "title": cfg.title,
        "description": cfg.description,
        "homepage": base_url,
        "licenses": licences(cfg.data_licence()),
        "sources": [{ "title": cfg.publisher }],
        "resources": resources,
    }));
    home.push(download("data/datapackage.json".into(), "datapackage", &package, "application/json", "JSON"));
    stage("data/datapackage.json".into(), &[&package])?;
    for s in &REPORT_SCHEMAS {
        stage(format!("data/{}", s.file), &[&package_json(table_schema(s.columns, s.primary_key))])?;
    }
    downloads.push((String::new(), home));
    Ok(downloads)
}

/// The downloads of every page, by URL: `site_wide` (home and year pages, from
/// [`site_files`]), each report's own files, and the department pages listing their reports'.
fn page_downloads(site: &Site, done: &[&ReportData], site_wide: Vec<(String, Vec<Download>)>) -> BTreeMap<String, Vec<Download>> {
    let mut downloads: BTreeMap<String, Vec<Download>> = site_wide.into_iter().collect();
    for (r, f) in site.reports.iter().zip(done) {
        downloads.insert(r.summary.url.clone(), f.downloads.clone());
    }
    for (i, d) in site.departments.iter().enumerate() {
        if let Some(list) = department_downloads(site, done, i) {
            downloads.insert(d.url.clone(), list);
        }
    }
    downloads
}

/// What department `index`'s page offers: its reports' files but their data packages, newest
/// first as its report table lists them; `None` when it has no report.
fn department_downloads(site: &Site, done: &[&ReportData], index: usize) -> Option<Vec<Download>> {
    let mut reports = site.departments[index].reports.clone();
    if reports.is_empty() {
        return None;
    }
    reports.sort_unstable();
    let mut list: Vec<Download> =
        reports.iter().flat_map(|&i| done[i].downloads.iter().filter(|d| d.kind != "datapackage").cloned()).collect();
    list.sort_by_key(|dl| std::cmp::Reverse(dl.year));
    Some(list)
}

// ───────────────────────────── incremental (jixiao serve) ─────────────────────────────

/// The downloads of every page, by page URL.
pub type PageDownloads = BTreeMap<String, Vec<Download>>;

/// The data stage's work, kept between rebuilds by `jixiao serve` ([`publish_incremental`])
/// so that an edit regenerates the files of the reports it touched and the bulk files made of
/// their rows only. The files' bytes are not kept (they are on disk): per report (by department
/// id and year) its rows of the bulk files with their hashes and the paths of its own files;
/// the bulk files' download entries; the downloads of every page.
#[derive(Default)]
pub struct DataCache {
    reports: std::collections::HashMap<(String, u16), CachedReport>,
    /// The bulk files last made, by path: a hash of what they were made of, their download.
    bulk: std::collections::HashMap<String, (u64, Download)>,
    /// The downloads of every page as last published, by page URL.
    downloads: BTreeMap<String, Vec<Download>>,
    /// The reports (department id, year) `downloads` was made for, in site order.
    order: Vec<(String, u16)>,
}

/// A report's rows of the bulk files, their hashes (budgets, targets, indicators), and the
/// paths of its own files.
struct CachedReport {
    data: ReportData,
    rows: [u64; 3],
    paths: Vec<String>,
}

impl DataCache {
    /// Forgets everything (site settings changed: every file may differ).
    pub fn clear(&mut self) {
        *self = DataCache::default();
    }

    /// The downloads of every page as last published, taken out of the cache (which then has
    /// none, and publishes every page's downloads as changed next time): for a build that
    /// drops the cache once [`stored`](DataCache::store).
    pub fn take_downloads(&mut self) -> PageDownloads {
        std::mem::take(&mut self.downloads)
    }

    /// What the build cache keeps of this: everything but the reports' rows, which are read
    /// back from the year's bulk files they were published in ([`DataCache::restore`]).
    /// `None` when the cache is not one of a complete publish.
    pub fn store(&self) -> Option<StoredData> {
        let headers = BULK_PARTS.map(|(_, columns)| with_header(columns, &[]).len() as u64);
        // Where the next report's rows start in each file of its year (reports are in site
        // order, as in the files).
        let mut ends: BTreeMap<u16, [u64; 3]> = BTreeMap::new();
        let mut reports = Vec::with_capacity(self.order.len());
        for key in &self.order {
            let r = self.reports.get(key)?;
            let ends = ends.entry(key.1).or_insert(headers);
            let mut ranges = [(0u64, 0u64); 3];
            for (part, bytes) in [&r.data.budget, &r.data.targets, &r.data.indicators].into_iter().enumerate() {
                ranges[part] = (ends[part], bytes.len() as u64);
                ends[part] += bytes.len() as u64;
            }
            reports.push(StoredReport {
                key: key.clone(),
                downloads: r.data.downloads.iter().map(StoredDownload::from).collect(),
                rows: r.rows,
                ranges,
                paths: r.paths.clone(),
            });
        }
        let mut bulk: Vec<(String, u64, StoredDownload)> = self.bulk.iter().map(|(p, (h, d))| (p.clone(), *h, StoredDownload::from(d))).collect();
        bulk.sort_by(|a, b| a.0.cmp(&b.0));
        Some(StoredData {
            reports,
            bulk,
            downloads: self.downloads.iter().map(|(u, l)| (u.clone(), l.iter().map(StoredDownload::from).collect())).collect(),
        })
    }

    /// The cache `stored` describes, with each report's rows read back from its year's bulk
    /// files in the output folder `dir` (which holds what the build that stored it wrote);
    /// `None` when a file is missing, a kind unknown, or rows do not match their hash.
    pub fn restore(stored: StoredData, dir: &std::path::Path) -> Option<DataCache> {
        let mut by_year: BTreeMap<u16, Vec<Vec<u8>>> = BTreeMap::new();
        let mut cache = DataCache::default();
        for r in stored.reports {
            let year = r.key.1;
            let files = match by_year.entry(year) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => {
                    let read = |name: &str| std::fs::read(dir.join(format!("data/{year}/{name}.csv")));
                    e.insert(BULK_PARTS.iter().map(|(name, _)| read(name)).collect::<Result<_, _>>().ok()?)
                }
            };
            let mut rows: [Vec<u8>; 3] = Default::default();
            for part in 0..3 {
                let (at, len) = r.ranges[part];
                let bytes = files[part].get(at as usize..(at + len) as usize)?;
                if hash_bytes(bytes) != r.rows[part] {
                    return None;
                }
                rows[part] = bytes.to_vec();
            }
            let [budget, targets, indicators] = rows;
            let downloads = r.downloads.into_iter().map(StoredDownload::restore).collect::<Option<Vec<_>>>()?;
            cache.order.push(r.key.clone());
            cache.reports.insert(r.key, CachedReport { data: ReportData { downloads, targets, indicators, budget }, rows: r.rows, paths: r.paths });
        }
        for (path, hash, d) in stored.bulk {
            cache.bulk.insert(path, (hash, d.restore()?));
        }
        for (url, list) in stored.downloads {
            cache.downloads.insert(url, list.into_iter().map(StoredDownload::restore).collect::<Option<Vec<_>>>()?);
        }
        Some(cache)
    }
}

/// A year's bulk files, in the order of [`ReportData`]'s rows (budgets, targets, indicators),
/// with their columns.
const BULK_PARTS: [(&str, &[Column]); 3] = [("budgets", BUDGET_COLUMNS), ("targets", TARGET_COLUMNS), ("indicators", INDICATOR_COLUMNS)];

/// A [`DataCache`] as the build cache keeps it ([`DataCache::store`]).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct StoredData {
    reports: Vec<StoredReport>,
    bulk: Vec<(String, u64, StoredDownload)>,
    downloads: Vec<(String, Vec<StoredDownload>)>,
}

/// One report of a [`StoredData`]: where its rows are in its year's bulk files (offset,
/// length) instead of the rows.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct StoredReport {
    key: (String, u16),
    downloads: Vec<StoredDownload>,
    rows: [u64; 3],
    ranges: [(u64, u64); 3],
    paths: Vec<String>,
}

/// A [`Download`] as stored: its kind by name.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct StoredDownload {
    path: String,
    href: String,
    name: String,
    kind: String,
    title: Option<String>,
    year: Option<u16>,
    format: String,
    media_type: String,
    bytes: u64,
    size: String,
    sha256: String,
}

/// Every kind of [`Download`].
const DOWNLOAD_KINDS: [&str; 6] = ["report_json", "targets_csv", "indicators_csv", "budgets_csv", "datapackage", "attachment"];

impl StoredDownload {
    fn from(d: &Download) -> StoredDownload {
        StoredDownload {
            path: d.path.clone(),
            href: d.href.clone(),
            name: d.name.clone(),
            kind: d.kind.to_string(),
            title: d.title.clone(),
            year: d.year,
            format: d.format.clone(),
            media_type: d.media_type.clone(),
            bytes: d.bytes,
            size: d.size.clone(),
            sha256: d.sha256.clone(),
        }
    }

    fn restore(self) -> Option<Download> {
        let kind = DOWNLOAD_KINDS.into_iter().find(|k| *k == self.kind)?;
        Some(Download {
            path: self.path,
            href: self.href,
            name: self.name,
            kind,
            title: self.title,
            year: self.year,
            format: self.format,
            media_type: self.media_type,
            bytes: self.bytes,
            size: self.size,
            sha256: self.sha256,
        })
    }
}

/// [`publish`] for a rebuild: the files of the reports `stale(department, year)` names (and of
/// reports not in `cache`) are generated and handed to `staging`; the others stay as they are
/// in the output folder (kept, [`Staging::keep`](crate::output::Staging::keep), unless the
/// staging keeps what it is not given anyway); a bulk file is made again from the cached rows
/// when one of its reports' rows changed. The caller says which reports are stale: those whose
/// file, department or site settings changed since `cache` was filled. Staged bytes equal
/// [`publish`]'s. Returns the downloads of every page and the URLs of the pages whose
/// downloads changed since the last call (with the same `cache`).
pub fn publish_incremental<'c>(
    site: &Site,
    staging: &crate::output::Staging,
    cache: &'c mut DataCache,
    stale: &(dyn Fn(&str, u16) -> bool + Sync),
) -> Result<(&'c PageDownloads, Vec<String>), Diagnostics> {
    let base_url = site.content.site.base_url();
    let key = |r: &ReportView| (r.summary.department.to_string(), r.summary.year);
    let keep = |path: String| if staging.keeps_unlisted() { Ok(()) } else { staging.keep(path) };
    let fresh: Vec<Result<Option<CachedReport>, Diagnostic>> = site
        .reports
        .par_iter()
        .map(|r| {
            if !stale(r.summary.department, r.summary.year) && cache.reports.contains_key(&key(r)) {
                return Ok(None);
            }
            let paths = std::sync::Mutex::new(Vec::new());
            let stage = |path: String, parts: &[&[u8]]| {
                paths.lock().expect("no panic while holding the lock").push(path.clone());
                staging.add_parts(path, parts)
            };
            let data = report_files(site, r, &base_url, &stage)?;
            let rows = [hash_bytes(&data.budget), hash_bytes(&data.targets), hash_bytes(&data.indicators)];
            Ok(Some(CachedReport { data, rows, paths: paths.into_inner().expect("no panic while holding the lock") }))
        })
        .collect();
    let mut diags = Diagnostics::default();
    let mut renewed = Vec::new();
    for (i, (r, f)) in site.reports.iter().zip(fresh).enumerate() {
        match f {
            Ok(Some(f)) => {
                // A file the report no longer has (its indicators.csv, an attachment) goes.
                if let Some(old) = cache.reports.get(&key(r)) {
                    for p in old.paths.iter().filter(|p| !f.paths.contains(p)) {
                        staging.remove(p);
                    }
                }
                cache.reports.insert(key(r), f);
                renewed.push(i);
            }
            Ok(None) if !staging.keeps_unlisted() => {
                for path in &cache.reports[&key(r)].paths {
                    if let Err(d) = staging.keep(path.clone()) {
                        diags.push(d);
                    }
                }
            }
            Ok(None) => {}
            Err(d) => diags.push(d),
        }
    }
    if !diags.is_empty() {
        diags.sort();
        return Err(diags);
    }
    let order: Vec<(String, u16)> = site.reports.iter().map(key).collect();
    let same_reports = order == cache.order;
    if !same_reports {
        let present: std::collections::HashSet<&(String, u16)> = order.iter().collect();
        cache.reports.retain(|k, _| present.contains(k));
    }
    let cached: Vec<&CachedReport> = order.iter().map(|k| &cache.reports[k]).collect();
    let done: Vec<&ReportData> = cached.iter().map(|c| &c.data).collect();
    let mut reuse = BulkReuse { rows: cached.iter().map(|c| c.rows).collect(), files: &mut cache.bulk, keep: &keep };
    let site_wide = site_files(site, &done, &|path, parts: &[&[u8]]| staging.add_parts(path, parts), Some(&mut reuse))?;
    publish_site_wide(site, staging)?;

    // The pages whose downloads may have changed: all of them when reports came or went, else
    // the home and year pages, the renewed reports' pages and their departments'.
    let mut changed = Vec::new();
    let mut update = |downloads: &mut BTreeMap<String, Vec<Download>>, url: String, list: Option<Vec<Download>>| {
        if downloads.get(&url) != list.as_ref() {
            match list {
                Some(l) => downloads.insert(url.clone(), l),
                None => downloads.remove(&url),
            };
            changed.push(url);
        }
    };
    let mut downloads = std::mem::take(&mut cache.downloads);
    if same_reports {
        for (url, list) in site_wide {
            update(&mut downloads, url, Some(list));
        }
        let mut departments = std::collections::BTreeSet::new();
        for &i in &renewed {
            let r = &site.reports[i];
            update(&mut downloads, r.summary.url.clone(), Some(done[i].downloads.clone()));
            departments.insert(r.department_index);
        }
        for d in departments {
            update(&mut downloads, site.departments[d].url.clone(), department_downloads(site, &done, d));
        }
    } else {
        let new = page_downloads(site, &done, site_wide);
        let urls: std::collections::BTreeSet<&String> = downloads.keys().chain(new.keys()).collect();
        changed.extend(urls.into_iter().filter(|u| downloads.get(*u) != new.get(*u)).cloned());
        downloads = new;
    }
    cache.downloads = downloads;
    cache.order = order;
    Ok((&cache.downloads, changed))
}

/// The data stage of a build: generates the open data, the feed, `robots.txt` and the content
/// schemas, hands them to `staging`, and returns the downloads each page offers.
pub fn publish(site: &Site, staging: &crate::output::Staging) -> Result<BTreeMap<String, Vec<Download>>, Diagnostics> {
    let downloads = generate(site, &|path, parts: &[&[u8]]| staging.add_parts(path, parts))?;
    publish_site_wide(site, staging)?;
    Ok(downloads)
}

/// The feed, `robots.txt` and the content schemas.
fn publish_site_wide(site: &Site, staging: &crate::output::Staging) -> Result<(), Diagnostic> {
    staging.add("feed.xml".into(), &crate::feed::atom(site))?;
    staging.add("robots.txt".into(), &crate::feed::robots(site))?;
    for (name, bytes) in crate::schema::files() {
        staging.add(format!("schema/{name}"), &bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_json_leaves_out_what_says_nothing_and_keeps_the_order() {
        let doc = br#"{"z":1,"a":null,"m":{"parts":[],"parts_complete":false,"met":false,"draft":false,"x":[null],"b":"0.00"},"c":[{"k":null}]}"#;
        let lean = lean_json::without_defaults(doc);
        assert_eq!(
            String::from_utf8(lean).unwrap(),
            r#"{"z":1,"m":{"met":false,"draft":false,"x":[null],"b":"0.00"},"c":[{}]}"#
        );
        // Quotes, brackets and `null` inside strings are text; the first member may go.
        let doc = br#"{"n":null,"s":"a\"],\\","t":"null","u":[[],{"v":[],"w":-1.5e3}],"parts_sequence":true,"x":{}}"#;
        assert_eq!(
            String::from_utf8(lean_json::without_defaults(doc)).unwrap(),
            r#"{"s":"a\"],\\","t":"null","u":[[],{"w":-1.5e3}],"parts_sequence":true,"x":{}}"#
        );
    }

    #[test]
    fn sizes_for_people() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1536), "1.5 KB");
        assert_eq!(human_size(3 * 1024 * 1024), "3.0 MB");
    }

    #[test]
    fn hrefs_are_percent_encoded() {
        assert_eq!(href("a/2022/files/报告 v1.pdf"), "a/2022/files/%E6%8A%A5%E5%91%8A%20v1.pdf");
        assert_eq!(href("a-b/2022/report.json"), "a-b/2022/report.json");
    }

    #[test]
    fn csv_quotes_and_bom() {
        let rows = vec![vec!["a,b".to_string(), "say \"hi\"".to_string(), "line\nbreak".to_string()]];
        let cols = [col("x", "string", ""), col("y", "string", ""), col("z", "string", "")];
        let bytes = csv_bytes(&cols, &rows);
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}x,y,z\r\n\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\"\r\n");
    }

    #[test]
    fn csv_text_cells_are_not_formulas() {
        let cells = [
            "=HYPERLINK(\"https://evil.example\",\"x\")",
            "+1+2",
            "-2+3",
            "@SUM(A1)",
            "\tlead",
            "\rlead",
            "-",
            "=",
            "-12.5",
            "+3",
            "-0.5e3",
            "-.5",
            "12.5",
            "名称 = 1",
            "",
        ];
        let rows = vec![cells.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
        let cols: Vec<Column> = cells.iter().map(|_| col("x", "string", "")).collect();
        let text = String::from_utf8(csv_bytes(&cols, &rows)).unwrap();
        let row = text.split("\r\n").nth(1).unwrap();
        assert_eq!(
            row,
            "\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\",'+1+2,'-2+3,'@SUM(A1),'\tlead,\"'\rlead\",-,=,\
             -12.5,+3,-0.5e3,-.5,12.5,名称 = 1,"
        );
        for n in ["-12.5", "+3", "-0.5e3", "-.5", "12.", "0", "-1E+4"] {
            assert!(is_plain_number(n.as_bytes()), "{n}");
        }
        for t in ["-", "+", "-.", "-1e", "-1 ", "- 1", "-1-1", "-1.2.3", "-e5", "-1e5x", ""] {
            assert!(!is_plain_number(t.as_bytes()), "{t}");
        }
    }

    #[test]
    fn licences_link_known_ids() {
        assert_eq!(licences(Some("cc-by-4.0"))[0]["name"], "CC-BY-4.0");
        assert_eq!(licences(Some("政府信息公开，可自由引用"))[0]["title"], "政府信息公开，可自由引用");
        assert_eq!(licences(None), json!([]));
    }

    #[test]
    fn package_names_are_safe() {
        assert_eq!(package_name("jixiao.example.gov.cn/a b"), "jixiao.example.gov.cn-a-b");
    }
}
