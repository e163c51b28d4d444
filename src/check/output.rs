//! Printing findings: like a compiler for people, as JSON for tools. The JSON carries every
//! field the human output shows.

use super::{CheckReport, Finding, rule};
use crate::diagnostics::Severity;
use crate::messages::check as msg;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// `check: 1 error, 2 warnings, 3 acknowledged`.
pub fn summary_line(report: &CheckReport) -> String {
    let (e, w, a) = report.counts();
    msg::summary(e, w, a)
}

fn one(out: &mut String, f: &Finding) {
    let kind = match (f.acknowledged.is_some(), f.severity) {
        (true, Severity::Error) => msg::ERROR_ACKNOWLEDGED,
        (true, Severity::Warning) => msg::WARNING_ACKNOWLEDGED,
        (false, Severity::Error) => crate::messages::ERROR_LABEL,
        (false, Severity::Warning) => crate::messages::WARNING_LABEL,
    };
    let _ = writeln!(out, "{kind}[{}]: {}: {}: {}", f.rule, f.position, f.field, f.message);
    if let (Some(loc), Some(line)) = (f.location, &f.source_line) {
        let number = loc.line.to_string();
        let pad = " ".repeat(number.len());
        let before: String = line.chars().take(loc.column.saturating_sub(1)).collect();
        let marked: String = line.chars().skip(loc.column.saturating_sub(1)).take(loc.len.max(1)).collect();
        let caret = format!("{}{}", " ".repeat(before.width()), "^".repeat(marked.width().max(1)));
        let _ = writeln!(out, "{pad} |\n{number} | {line}\n{pad} | {caret}");
    }
    let _ = writeln!(out, "  = {}{}{} {}", msg::RULE_LABEL, crate::messages::LABEL_SEPARATOR, f.rule, f.description);
    if !f.figures.is_empty() {
        let shown: Vec<String> = f.figures.iter().map(|g| format!("{} ({}) = {}", g.name, g.field, g.value)).collect();
        let _ = writeln!(out, "  = {}{}{}", msg::FIGURES_LABEL, crate::messages::LABEL_SEPARATOR, shown.join(crate::messages::LIST_SEPARATOR.as_str()));
    }
    if !f.arithmetic.is_empty() {
        let _ = writeln!(out, "  = {}{}{}", msg::ARITHMETIC_LABEL, crate::messages::LABEL_SEPARATOR, f.arithmetic);
    }
    let _ = writeln!(out, "  = {}{}{}", crate::messages::HINT_LABEL, crate::messages::LABEL_SEPARATOR, f.hint);
    if let Some(reason) = &f.acknowledged {
        let _ = writeln!(out, "  = {}{}{reason}", msg::ACKNOWLEDGED_LABEL, crate::messages::LABEL_SEPARATOR);
    }
}

/// Every finding for a terminal, then the summary line.
pub fn render_human(report: &CheckReport) -> String {
    let mut out = String::new();
    for f in &report.findings {
        one(&mut out, f);
        out.push('\n');
    }
    let _ = writeln!(out, "{}", summary_line(report));
    out
}

/// One line per finding (rule, position, field, message), then the summary line: what
/// `jixiao build` prints.
pub fn render_short(report: &CheckReport) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let kind = match (f.acknowledged.is_some(), f.severity) {
            (true, _) => msg::ACKNOWLEDGED_LABEL,
            (false, Severity::Error) => crate::messages::ERROR_LABEL,
            (false, Severity::Warning) => crate::messages::WARNING_LABEL,
        };
        let _ = writeln!(out, "{kind}[{}]: {}: {}: {}", f.rule, f.position, f.field, f.message);
    }
    let _ = writeln!(out, "{}", summary_line(report));
    out
}

/// `{"findings": [...], "summary": {...}}`, pretty-printed.
pub fn render_json(report: &CheckReport) -> String {
    let (errors, warnings, acknowledged) = report.counts();
    let findings: Vec<serde_json::Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut v = serde_json::to_value(f).expect("findings serialise");
            if let Some(obj) = v.as_object_mut() {
                obj.insert("line".into(), f.location.map(|l| l.line).into());
                obj.insert("column".into(), f.location.map(|l| l.column).into());
                obj.insert("default_severity".into(), serde_json::to_value(rule(f.rule).map(|r| r.severity)).expect("severity"));
            }
            v
        })
        .collect();
    let doc = serde_json::json!({
        "findings": findings,
        "summary": {
            "errors": errors,
            "warnings": warnings,
            "acknowledged": acknowledged,
            "text": summary_line(report),
        },
    });
    serde_json::to_string_pretty(&doc).expect("json") + "\n"
}
