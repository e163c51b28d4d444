//! 数据一致性提示: the findings of [`crate::check`] shown to readers on each report page, when
//! `site.yaml` says `check: {publish: true}` (off by default).
//!
//! A notice carries only what a reader needs: the rule (whose plain-language sentence comes
//! from the theme's UI strings, `check_notice.rules.<id>`, so it follows the site language),
//! whether the publisher acknowledged it and why, and the figures involved as written. The
//! arithmetic and hints of `jixiao check` are for the web team, not for the public.

use crate::check::{CheckReport, Finding};
use crate::diagnostics::Severity;
use crate::load::Content;
use crate::model::Report;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One finding as a report page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notice {
    /// Rule id, e.g. `J101`: selects the sentence `check_notice.rules.J101`.
    pub rule: &'static str,
    /// Error or warning (in templates: `error`, `warning`).
    pub severity: Severity,
    /// What the finding is about, as the report names it: the target, indicator, task or
    /// self-evaluation table whose field it points at (none for the budget section).
    pub subject: Option<String>,
    /// The publisher's reason, when the report acknowledges the finding.
    pub acknowledged: Option<String>,
    /// The figures involved: what each is, and its digits as written.
    pub figures: Vec<NoticeFigure>,
}

/// A figure a notice is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoticeFigure {
    /// What the figure is, e.g. 全年执行数.
    pub name: String,
    /// The digits as written, e.g. `7907.98`.
    pub value: String,
}

/// Notices by report source file (relative to the site root, e.g.
/// `content/huangpu/2022.yaml`), in the order `jixiao check` lists them.
pub type Notices = BTreeMap<PathBuf, Vec<Notice>>;

/// What report pages show of the checks: the notices of a fresh `jixiao check` when
/// `site.yaml` publishes them (`check: {publish: true}`), else `None`. For a rebuild that has
/// not run the checks; a build that has passes its own report to [`collect`].
pub fn published(content: &Content) -> Option<Notices> {
    content.site.publishes_check_findings().then(|| collect(content, &crate::check::check(content)))
}

/// The notices of every report that has findings.
pub fn collect(content: &Content, report: &CheckReport) -> Notices {
    let reports: BTreeMap<&std::path::Path, &Report> =
        content.departments.iter().flat_map(|d| d.reports.iter().map(|e| (e.path.as_path(), &e.report))).collect();
    let mut out = Notices::new();
    for f in &report.findings {
        let subject = reports.get(f.file.as_path()).and_then(|r| subject(r, &f.field));
        out.entry(f.file.clone()).or_default().push(notice(f, subject));
    }
    out
}

/// The name of the item a field path points into: `targets[3].result.text` → that target's
/// name; `evaluation_tables[0].indicators[10].deviation` → the indicator's name.
fn subject(r: &Report, field: &str) -> Option<String> {
    let index = |path: &str, prefix: &str| -> Option<(usize, usize)> {
        let rest = path.strip_prefix(prefix)?.strip_prefix('[')?;
        let end = rest.find(']')?;
        Some((rest[..end].parse().ok()?, prefix.len() + end + 2))
    };
    if let Some((i, _)) = index(field, "targets") {
        return r.targets.get(i).map(|t| t.name.clone());
    }
    if let Some((i, _)) = index(field, "work.tasks") {
        return r.work.tasks.get(i).map(|t| t.title.clone());
    }
    if let Some((i, _)) = index(field, "task_narratives") {
        let n = r.task_narratives.get(i)?;
        return r.work.tasks.iter().find(|t| t.id == n.task).map(|t| t.title.clone());
    }
    if let Some((t, after)) = index(field, "evaluation_tables") {
        let table = r.evaluation_tables.get(t)?;
        let rest = field[after..].trim_start_matches('.');
        if let Some((i, _)) = index(rest, "indicators") {
            return table.indicators.get(i).map(|ind| format!("{} · {}", table.title, ind.name));
        }
        return Some(table.title.clone());
    }
    None
}

fn notice(f: &Finding, subject: Option<String>) -> Notice {
    Notice {
        subject,
        rule: f.rule,
        severity: f.severity,
        acknowledged: f.acknowledged.clone(),
        figures: f.figures.iter().map(|g| NoticeFigure { name: g.name.clone(), value: g.value.clone() }).collect(),
    }
}
