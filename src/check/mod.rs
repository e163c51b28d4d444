//! `jixiao check`: consistency rules that auditors can rely on.
//!
//! Published figures often disagree with each other. Every rule here recomputes what a report
//! states (execution rate, sums, 其中 parts, the same figure stated twice, targets met, the
//! self-evaluation table, across years) and reports a [`Finding`] with the figures and the
//! arithmetic, located at the value in the YAML file.
//!
//! Tolerances follow the precision of the published figures, never a fixed epsilon: a figure
//! written `94.88` stands for anything in 94.875 … 94.885, and arithmetic is done on those
//! intervals ([`Interval`]), so `7907.98 ÷ 8334.69 = 94.8803…` agrees with a reported `94.88`
//! and not with `94.80`. A whole number of countable things (件, 人, 个 …) is exact.
//!
//! Rule families, one file each: [`budget`] (J1xx), [`figures`] (J2xx), [`targets`] (J3xx),
//! [`tables`] (J4xx), [`years`] (J5xx), [`tasks`] (J6xx), [`snapshots`] (J7xx); J0xx are about the check settings
//! themselves. Findings are located only for the files that have one ([`crate::load::locate_fields`]).

mod at;
mod budget;
mod figures;
mod output;
mod restated;
mod snapshots;
mod tables;
mod targets;
mod tasks;
mod units;
mod years;

pub use crate::judge::Interval;
pub use output::{render_human, render_json, render_json_load_errors, render_short, summary_line};

use crate::diagnostics::{Diagnostic, Diagnostics, Location, Severity};
use crate::load::{Content, DepartmentEntry, ReportEntry, locate_fields};
use rayon::prelude::*;
use crate::messages::check as msg;
use crate::messages::{Msg, Text};
use crate::model::{CheckDeny, Figure, Report, RuleLevel};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A consistency rule: stable id, default severity, one-line description, hint.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rule {
    /// Stable id, e.g. `J101`.
    pub id: &'static str,
    /// Severity unless `site.yaml` says otherwise.
    pub severity: Severity,
    /// What the rule checks, in one line.
    #[serde(skip)]
    pub description: Msg,
    /// What to do about a finding.
    #[serde(skip)]
    pub hint: Msg,
}

macro_rules! rules {
    ($($name:ident = $id:literal, $sev:ident;)*) => {
        $(
            #[doc = concat!("Rule ", $id, ".")]
            pub const $name: Rule = Rule { id: $id, severity: Severity::$sev, description: msg::$name.0, hint: msg::$name.1 };
        )*
        /// Every rule, in id order.
        pub const RULES: &[Rule] = &[$($name),*];
    };
}

rules! {
    J001 = "J001", Warning;
    J002 = "J002", Warning;
    J101 = "J101", Error;
    J102 = "J102", Error;
    J103 = "J103", Error;
    J104 = "J104", Warning;
    J105 = "J105", Error;
    J106 = "J106", Error;
    J107 = "J107", Error;
    J108 = "J108", Error;
    J201 = "J201", Error;
    J202 = "J202", Error;
    J203 = "J203", Error;
    J204 = "J204", Error;
    J301 = "J301", Error;
    J302 = "J302", Warning;
    J303 = "J303", Error;
    J401 = "J401", Error;
    J402 = "J402", Error;
    J403 = "J403", Error;
    J404 = "J404", Error;
    J405 = "J405", Warning;
    J501 = "J501", Warning;
    J502 = "J502", Warning;
    J503 = "J503", Error;
    J504 = "J504", Warning;
    J601 = "J601", Warning;
    J602 = "J602", Warning;
    J701 = "J701", Error;
    J702 = "J702", Warning;
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// A figure a finding is about: where it is and how it was written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureRef {
    /// Field path, e.g. `budget.executed`.
    pub field: String,
    /// What the figure is, e.g. 全年执行数 or the label as published.
    pub name: String,
    /// The digits as written, e.g. `7907.98`.
    pub value: String,
    /// Where the figure is written, `file:line:column` (the file alone when the position is
    /// unknown); filled in by [`check`] for a figure with a [`Self::spot`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// Whether [`check`] locates the figure in the finding's file, and how; `None` for figures
    /// it does not (most rules name them by field; a year-on-year rule's figure is in another
    /// file).
    #[serde(skip)]
    pub spot: Option<Spot>,
}

/// How a figure is found in the finding's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    /// The value at the figure's field.
    Value,
    /// In the text at the figure's field (a narrative sentence), this many characters in.
    InText(usize),
}

/// One consistency problem, with the figures, the arithmetic and where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Rule id, e.g. `J101`.
    pub rule: &'static str,
    /// Error or warning (after `site.yaml` overrides).
    pub severity: Severity,
    /// The rule's one-line description (printed in the chosen language; see [`render_json`]).
    #[serde(skip)]
    pub description: Msg,
    /// File relative to the site root.
    pub file: PathBuf,
    /// `file:line:column` (just the file when the position is unknown).
    pub position: String,
    /// Position of the value, when found.
    pub location: Option<Location>,
    /// Field path of the value, e.g. `budget.execution_rate`.
    pub field: String,
    /// What disagrees, with the figures.
    #[serde(skip)]
    pub message: Text,
    /// The figures involved, as written.
    pub figures: Vec<FigureRef>,
    /// The arithmetic done and the tolerance used (empty when there is none).
    #[serde(skip)]
    pub arithmetic: Text,
    /// What to do.
    #[serde(skip)]
    pub hint: Msg,
    /// The publisher's reason, when the report acknowledges the finding.
    pub acknowledged: Option<String>,
    /// The source line the location points into.
    pub source_line: Option<String>,
}

/// Every finding of a run, sorted by file and position.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    /// The findings.
    pub findings: Vec<Finding>,
}

impl CheckReport {
    /// Unacknowledged errors, unacknowledged warnings, acknowledged findings.
    pub fn counts(&self) -> (usize, usize, usize) {
        let open = |s| self.findings.iter().filter(|f| f.acknowledged.is_none() && f.severity == s).count();
        let acked = self.findings.iter().filter(|f| f.acknowledged.is_some()).count();
        (open(Severity::Error), open(Severity::Warning), acked)
    }

    /// Whether the findings fail under `deny` (errors always fail; warnings too with
    /// [`CheckDeny::Warnings`]). Acknowledged findings never fail.
    pub fn fails(&self, deny: CheckDeny) -> bool {
        let (e, w, _) = self.counts();
        e > 0 || (deny == CheckDeny::Warnings && w > 0)
    }

    /// The findings that fail under `deny`, as diagnostics (for a build that stops on them).
    pub fn to_diagnostics(&self, deny: CheckDeny) -> Diagnostics {
        let mut out = Diagnostics::default();
        for f in self.findings.iter().filter(|f| f.acknowledged.is_none()) {
            if f.severity == Severity::Warning && deny == CheckDeny::Errors {
                continue;
            }
            let message = Text::by_lang(|lang| format!("{} ({})", f.message.get(lang), f.arithmetic.get(lang)));
            let mut d = Diagnostic::error(f.rule, &f.file, message).field(f.field.clone()).hint(f.hint);
            d.location = f.location;
            d.source_line = f.source_line.clone();
            out.push(d);
        }
        out.push(Diagnostic::error("J000", "content/site.yaml", msg::BUILD_DENIED).field("check.deny"));
        out
    }
}

/// Runs every rule on the loaded content and locates the findings.
pub fn check(content: &Content) -> CheckReport {
    check_reusing(content, &mut DepartmentFindings::new(), &|_| true)
}

/// The located findings of each department's reports (before `site.yaml`'s rule levels), by
/// department id: what [`check_reusing`] keeps between builds.
pub type DepartmentFindings = std::collections::HashMap<String, Vec<Finding>>;

/// [`check`], reusing the findings `cache` holds for every department `stale` does not name:
/// a department's findings depend only on its own files, the grade bands of `site.yaml` and
/// the yearly snapshots, so after an edit of one report only its department is checked again
/// (the caller names as stale every department when `site.yaml` or `archive/` changed).
/// `cache` is left holding every department's findings. The report equals [`check`]'s.
pub fn check_reusing(content: &Content, cache: &mut DepartmentFindings, stale: &(dyn Fn(&str) -> bool + Sync)) -> CheckReport {
    let config = content.site.check.clone().unwrap_or_default();
    let levels = config.rules.clone().unwrap_or_default();
    let site = site_findings(content);
    // Departments are independent (the cross-year rules look within one), so they are checked
    // in parallel; collecting keeps their order, so the result does not depend on scheduling.
    // The yearly snapshots, to compare each report with the one of its year (J7xx); a
    // snapshot folder that cannot be listed is the build's and `jixiao verify`'s to report.
    let todo: Vec<&DepartmentEntry> = content.departments.iter().filter(|d| stale(&d.id) || !cache.contains_key(&d.id)).collect();
    if !todo.is_empty() {
        let snapshots = crate::archive::scan(&content.root).unwrap_or_default();
        let fresh: Vec<(String, Vec<Finding>)> = todo
            .par_iter()
            .map(|dept| {
                let mut found = department_findings(dept, &config.grades, &snapshots, &content.root);
                locate(&content.root, &mut found);
                (dept.id.clone(), found)
            })
            .collect();
        cache.extend(fresh);
    }
    if cache.len() != content.departments.len() {
        let present: std::collections::HashSet<&str> = content.departments.iter().map(|d| d.id.as_str()).collect();
        cache.retain(|id, _| present.contains(id.as_str()));
    }
    report_of(site, content.departments.iter().map(|d| cache[&d.id].iter().cloned()), &levels)
}

/// The findings about `site.yaml` itself (a rule level naming no rule), located: with each
/// department's findings, what [`report_of`] makes the report of.
pub fn site_findings(content: &Content) -> Vec<Finding> {
    let levels = content.site.check.as_ref().and_then(|c| c.rules.clone()).unwrap_or_default();
    let mut findings = Vec::new();
    let site_file = Path::new("content/site.yaml");
    for id in levels.keys() {
        if rule(id).is_none() {
            let mut c = Ctx::new(site_file);
            c.emit(&J002, format!("check.rules.{id}"), msg::unknown_rule(id), vec![], Text::default());
            findings.extend(c.findings);
        }
    }
    locate(&content.root, &mut findings);
    findings
}

/// The check report of the site's own findings ([`site_findings`]) and each department's (in
/// the order of the departments), with `site.yaml`'s rule levels applied: what
/// [`check_reusing`] returns, made again by the build cache from what it keeps.
pub fn report_of(
    site: Vec<Finding>,
    departments: impl Iterator<Item = impl Iterator<Item = Finding>>,
    levels: &std::collections::BTreeMap<String, RuleLevel>,
) -> CheckReport {
    let mut findings = site;
    for dept in departments {
        findings.extend(dept);
    }
    findings.retain_mut(|f| match levels.get(f.rule) {
        Some(RuleLevel::Off) => false,
        Some(RuleLevel::Error) => {
            f.severity = Severity::Error;
            true
        }
        Some(RuleLevel::Warning) => {
            f.severity = Severity::Warning;
            true
        }
        None => true,
    });
    findings.sort_by(|a, b| (&a.file, a.location, a.rule, &a.field).cmp(&(&b.file, b.location, b.rule, &b.field)));
    CheckReport { findings }
}

/// The findings of one department's reports, year by year (each compared with the one before).
fn department_findings(dept: &DepartmentEntry, grades: &[crate::model::GradeBand], snapshots: &[crate::archive::SnapshotInfo], root: &Path) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut previous: Option<&ReportEntry> = None;
    let mut units = units::LastUnits::default();
    for entry in &dept.reports {
        let mut c = Ctx::new(&entry.path);
        c.grades = grades;
        report_rules(&mut c, &entry.report);
        if let Some(prev) = previous {
            years::check(&mut c, &entry.report, entry.year, &prev.report, prev.year);
        }
        snapshots::check(&mut c, &dept.id, entry, snapshots);
        units.check(&mut c, root, entry);
        acknowledge(&mut c, &entry.report);
        findings.extend(c.findings);
        previous = Some(entry);
    }
    findings
}

/// Runs the rules of one report on its own (without the previous year and without
/// positions): for tools and tests that hold a [`Report`] rather than a site.
pub fn check_report(file: &Path, report: &Report) -> Vec<Finding> {
    let mut c = Ctx::new(file);
    report_rules(&mut c, report);
    acknowledge(&mut c, report);
    c.findings
}

fn report_rules(c: &mut Ctx, r: &Report) {
    budget::check(c, r);
    figures::check(c, r);
    restated::check(c, r);
    targets::check(c, r);
    tables::check(c, r);
    tasks::check(c, r);
}

/// Marks findings the report acknowledges; an acknowledgement that matches nothing is J001.
fn acknowledge(c: &mut Ctx, r: &Report) {
    for (i, ack) in r.acknowledge.iter().enumerate() {
        let mut matched = false;
        for f in c.findings.iter_mut().filter(|f| f.rule == ack.rule && f.rule != J001.id) {
            let field_ok = ack
                .field
                .as_deref()
                .is_none_or(|p| f.field == p || f.field.starts_with(&format!("{p}.")) || f.field.starts_with(&format!("{p}[")));
            if field_ok {
                f.acknowledged = Some(ack.reason.clone());
                matched = true;
            }
        }
        if !matched {
            let what = match &ack.field {
                Some(p) => msg::acknowledged_at(&ack.rule, p),
                None => Text::same(ack.rule.clone()),
            };
            c.emit(&J001, format!("acknowledge[{i}]"), msg::stale_acknowledgement(&what), vec![], Text::default());
        }
    }
}

/// Fills in positions and source lines, reading each file with findings once.
fn locate(root: &Path, findings: &mut [Finding]) {
    // Findings of one file are adjacent (rules run per report); each file is read once, files
    // in parallel.
    findings.sort_by(|a, b| a.file.cmp(&b.file));
    let mut groups: Vec<&mut [Finding]> = Vec::new();
    let mut rest = findings;
    while !rest.is_empty() {
        let n = rest.iter().take_while(|f| f.file == rest[0].file).count();
        let (head, tail) = rest.split_at_mut(n);
        groups.push(head);
        rest = tail;
    }
    groups.par_iter_mut().for_each(|group| {
        let text = std::fs::read_to_string(root.join(&group[0].file)).unwrap_or_default();
        // The findings' fields, then their figures', located in one pass over the file.
        let spotted = group.iter().flat_map(|f| f.figures.iter().filter(|g| g.spot.is_some()).map(|g| g.field.as_str()));
        let fields: Vec<&str> = group.iter().map(|f| f.field.as_str()).chain(spotted).collect();
        let located = locate_fields(&text, &fields);
        let (own, of_figures) = located.split_at(group.len());
        let mut of_figures = of_figures.iter();
        let lines = LineIndex::new(text.strip_prefix('\u{feff}').unwrap_or(&text));
        let file = group[0].file.to_string_lossy().replace('\\', "/");
        let position = |loc: Option<Location>| match loc {
            Some(l) => format!("{file}:{}:{}", l.line, l.column),
            None => file.clone(),
        };
        for (f, loc) in group.iter_mut().zip(own) {
            f.location = *loc;
            for g in f.figures.iter_mut().filter(|g| g.spot.is_some()) {
                let mut at = *of_figures.next().expect("one location per located figure");
                if let (Some(l), Some(Spot::InText(offset))) = (at, g.spot) {
                    at = Some(lines.within(l, offset, &g.value));
                    // A finding about a figure in a text points at the figure, not the text.
                    if g.field == f.field {
                        f.location = at;
                    }
                }
                g.position = Some(position(at));
            }
            f.source_line = f.location.and_then(|l| lines.line(l.line)).map(|l| l.trim_end_matches('\r').to_string());
            f.position = position(f.location);
        }
    });
}

/// Where each line of a text starts, to fetch the few lines that findings point into without
/// splitting the whole file into a list of lines.
struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { text, starts }
    }

    /// Line `n` (from 1) without its line end, as [`str::lines`] would give it.
    fn line(&self, n: usize) -> Option<&'t str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        if start == self.text.len() {
            return None; // after a final line end (or in an empty text) there is no line
        }
        let end = self.starts.get(n).map_or(self.text.len(), |&e| e - 1);
        Some(&self.text[start..end])
    }

    /// Where the character `offset` of a text value that starts at `start` is, when the
    /// `written` digits are found there: the text's lines are the file's lines from `start` on,
    /// each from its column (a literal block `|`, or a one-line plain scalar; one column more
    /// for a quoted one). `start` itself when they are not (a folded or multi-line value).
    fn within(&self, start: Location, offset: usize, written: &str) -> Location {
        let mut rest = offset;
        let mut n = start.line;
        while let Some(line) = self.line(n) {
            let line = line.trim_end_matches('\r');
            let len = line.chars().count().saturating_sub(start.column - 1);
            if rest <= len {
                for column in [start.column + rest, start.column + rest + 1] {
                    if line.chars().skip(column - 1).take(written.chars().count()).eq(written.chars()) {
                        return Location { line: n, column, len: written.chars().count() };
                    }
                }
                return start;
            }
            rest -= len + 1;
            n += 1;
        }
        start
    }
}

/// What rules need while looking at one report.
pub(crate) struct Ctx<'a> {
    file: &'a Path,
    grades: &'a [crate::model::GradeBand],
    findings: Vec<Finding>,
}

impl<'a> Ctx<'a> {
    fn new(file: &'a Path) -> Self {
        Ctx { file, grades: &[], findings: Vec::new() }
    }

    /// Records a finding of `rule` at `field`.
    fn emit(&mut self, rule: &Rule, field: impl Into<String>, message: Text, figures: Vec<FigureRef>, arithmetic: Text) {
        self.findings.push(Finding {
            rule: rule.id,
            severity: rule.severity,
            description: rule.description,
            file: self.file.to_path_buf(),
            position: self.file.to_string_lossy().replace('\\', "/"),
            location: None,
            field: field.into(),
            message,
            figures,
            arithmetic,
            hint: rule.hint,
            acknowledged: None,
            source_line: None,
        });
    }
}

/// A figure reference.
pub(crate) fn fig(field: impl Into<String>, name: impl Into<String>, value: &Figure) -> FigureRef {
    FigureRef { field: field.into(), name: name.into(), value: value.as_written().to_string(), position: None, spot: None }
}

/// Whether a unit counts whole things (件, 人次, 个 …), so that a whole number in it is exact
/// rather than rounded. Percentages, money and units with 万/亿/千/百 are rounded.
pub(crate) fn is_count_unit(unit: Option<&str>) -> bool {
    match unit {
        None => false,
        Some(u) => {
            let u = u.trim();
            !u.is_empty() && !u.contains(['%', '％', '万', '亿', '千', '百', '元', '/', '率', '分'])
        }
    }
}

/// The interval a figure stands for in `unit`: exact for whole counts, else ± half a unit of
/// its last written decimal.
pub(crate) fn iv(f: &Figure, unit: Option<&str>) -> Interval {
    if f.decimals() == 0 && is_count_unit(unit) { Interval::exact(f.value()) } else { Interval::of(f) }
}

/// Formats a computed value with `decimals` places.
pub(crate) fn num(v: f64, decimals: usize) -> String {
    Figure::computed(v, decimals).grouped()
}

/// `a + b + c` from written figures.
pub(crate) fn joined(figures: &[&Figure], op: &str) -> String {
    figures.iter().map(|f| f.as_written()).collect::<Vec<_>>().join(op)
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn line_index_agrees_with_str_lines() {
        for text in ["", "a", "a\n", "a\nb", "a\r\nb\r\n", "\n\nx\n", "一\n二三\n"] {
            let index = LineIndex::new(text);
            let lines: Vec<&str> = text.lines().collect();
            for n in 0..lines.len() + 3 {
                let expected = n.checked_sub(1).and_then(|i| lines.get(i)).copied();
                assert_eq!(index.line(n).map(|l| l.trim_end_matches('\r')), expected, "{text:?} line {n}");
            }
        }
    }
}
