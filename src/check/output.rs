//! Printing findings: like a compiler for people, as JSON for tools, in the language the
//! caller chose. The JSON carries every field the human output shows.

use super::{CheckReport, Finding, rule};
use crate::diagnostics::{Diagnostics, Severity, escape_controls as esc};
use crate::messages::check as msg;
use crate::messages::{HINT_LABEL, LABEL_SEPARATOR, LIST_SEPARATOR, Lang, Text};
use std::fmt::Write as _;

/// `check: 1 error, 2 warnings, 3 acknowledged`.
pub fn summary_line(report: &CheckReport) -> Text {
    let (e, w, a) = report.counts();
    msg::summary(e, w, a)
}

fn one(out: &mut String, f: &Finding, lang: Lang) {
    let kind = match (f.acknowledged.is_some(), f.severity) {
        (true, Severity::Error) => msg::ERROR_ACKNOWLEDGED,
        (true, Severity::Warning) => msg::WARNING_ACKNOWLEDGED,
        (false, Severity::Error) => crate::messages::ERROR_LABEL,
        (false, Severity::Warning) => crate::messages::WARNING_LABEL,
    }
    .get(lang);
    let sep = LABEL_SEPARATOR.get(lang);
    // The position, field, message, source line, figures and reason quote the content:
    // control characters in them are shown escaped, as in build diagnostics, so a value in a
    // YAML file cannot clear the terminal, set its title or colour the output.
    let _ = writeln!(out, "{kind}[{}]: {}: {}: {}", f.rule, esc(&f.position), esc(&f.field), esc(f.message.get(lang)));
    if let (Some(loc), Some(line)) = (f.location, &f.source_line) {
        let _ = crate::diagnostics::write_excerpt(out, loc, line);
    }
    let _ = writeln!(out, "  = {}{sep}{} {}", msg::RULE_LABEL.get(lang), f.rule, f.description.get(lang));
    if !f.figures.is_empty() {
        let shown: Vec<String> = f
            .figures
            .iter()
            .map(|g| match &g.position {
                Some(p) => format!("{} ({}) = {} [{}]", esc(&g.name), esc(&g.field), esc(&g.value), esc(p)),
                None => format!("{} ({}) = {}", esc(&g.name), esc(&g.field), esc(&g.value)),
            })
            .collect();
        let _ = writeln!(out, "  = {}{sep}{}", msg::FIGURES_LABEL.get(lang), shown.join(LIST_SEPARATOR.get(lang)));
    }
    if !f.arithmetic.is_empty() {
        let _ = writeln!(out, "  = {}{sep}{}", msg::ARITHMETIC_LABEL.get(lang), esc(f.arithmetic.get(lang)));
    }
    let _ = writeln!(out, "  = {}{sep}{}", HINT_LABEL.get(lang), f.hint.get(lang));
    if let Some(reason) = &f.acknowledged {
        let _ = writeln!(out, "  = {}{sep}{}", msg::ACKNOWLEDGED_LABEL.get(lang), esc(reason));
    }
}

/// Every finding for a terminal in `lang`, then the summary line.
pub fn render_human(report: &CheckReport, lang: Lang) -> String {
    let mut out = String::new();
    for f in &report.findings {
        one(&mut out, f, lang);
        out.push('\n');
    }
    let _ = writeln!(out, "{}", summary_line(report).get(lang));
    out
}

/// One line per finding (rule, position, field, message) in `lang`, then the summary line:
/// what `jixiao build` prints.
pub fn render_short(report: &CheckReport, lang: Lang) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let kind = match (f.acknowledged.is_some(), f.severity) {
            (true, _) => msg::ACKNOWLEDGED_LABEL,
            (false, Severity::Error) => crate::messages::ERROR_LABEL,
            (false, Severity::Warning) => crate::messages::WARNING_LABEL,
        };
        let _ = writeln!(out, "{}[{}]: {}: {}: {}", kind.get(lang), f.rule, esc(&f.position), esc(&f.field), esc(f.message.get(lang)));
    }
    let _ = writeln!(out, "{}", summary_line(report).get(lang));
    out
}

/// `{"findings": [...], "summary": {...}}`, pretty-printed, the texts in `lang`.
pub fn render_json(report: &CheckReport, lang: Lang) -> String {
    let (errors, warnings, acknowledged) = report.counts();
    let findings: Vec<serde_json::Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut v = serde_json::to_value(f).expect("findings serialise");
            if let Some(obj) = v.as_object_mut() {
                obj.insert("description".into(), f.description.get(lang).into());
                obj.insert("message".into(), f.message.get(lang).into());
                obj.insert("arithmetic".into(), f.arithmetic.get(lang).into());
                obj.insert("hint".into(), f.hint.get(lang).into());
                obj.insert("line".into(), f.location.map(|l| l.line).into());
                obj.insert("column".into(), f.location.map(|l| l.column).into());
                obj.insert("default_severity".into(), serde_json::to_value(rule(f.rule).map(|r| r.severity)).expect("severity"));
            }
            v
        })
        .collect();
    json_document(findings, errors, warnings, acknowledged, summary_line(report).get(lang))
}

/// The document both JSON outputs print: the findings, then the counts and the summary line.
fn json_document(findings: Vec<serde_json::Value>, errors: usize, warnings: usize, acknowledged: usize, text: &str) -> String {
    let doc = serde_json::json!({
        "findings": findings,
        "summary": {
            "errors": errors,
            "warnings": warnings,
            "acknowledged": acknowledged,
            "text": text,
        },
    });
    serde_json::to_string_pretty(&doc).expect("json") + "\n"
}

/// The `description` of a load error in the JSON output (a rule finding gives its rule's).
const LOAD_ERROR_DESCRIPTION: crate::messages::Msg = crate::messages::Msg::new(
    "the content could not be loaded, so no consistency rule was run",
    "内容无法读取，因此没有运行任何一致性规则",
);

/// The load errors (and any warnings that came with them) as the JSON document `jixiao check
/// --format json` prints: `{"findings": [...], "summary": {...}}`, every diagnostic a finding
/// with the keys of a rule finding. `rule` and `code` both hold the diagnostic's code
/// (`E0004` …); `line`, `column`, `field`, `hint` and `source_line` are null when unknown.
pub fn render_json_load_errors(diags: &Diagnostics, lang: Lang) -> String {
    let findings: Vec<serde_json::Value> = diags
        .0
        .iter()
        .map(|d| {
            serde_json::json!({
                "rule": d.code,
                "code": d.code,
                "severity": d.severity,
                "default_severity": d.severity,
                "description": LOAD_ERROR_DESCRIPTION.get(lang),
                "file": d.file.to_string_lossy().replace('\\', "/"),
                "position": d.position(),
                "location": d.location,
                "line": d.location.map(|l| l.line),
                "column": d.location.map(|l| l.column),
                "field": d.field,
                "message": d.message.get(lang),
                "figures": [],
                "arithmetic": "",
                "hint": d.hint.as_ref().map(|h| h.get(lang)),
                "acknowledged": null,
                "source_line": d.source_line,
            })
        })
        .collect();
    let (errors, warnings) = diags.counts();
    json_document(findings, errors, warnings, 0, crate::messages::summary(errors, warnings).get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::FigureRef;
    use crate::diagnostics::Location;
    use std::path::PathBuf;

    /// A finding whose every content-quoting piece holds control characters.
    fn hostile() -> Finding {
        let value = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[31m94.28";
        Finding {
            rule: "J101",
            severity: Severity::Error,
            description: crate::messages::Msg::new("execution rate", "执行率"),
            file: PathBuf::from("content/a\u{1b}b/2022.yaml"),
            position: "content/a\u{1b}b/2022.yaml:2:9".into(),
            location: Some(Location { line: 2, column: 9, len: value.chars().count() }),
            field: "budget.\u{9b}31mexecution_rate".into(),
            message: Text::same(format!("reported {value} disagrees\r\n")),
            figures: vec![FigureRef { field: "budget.\u{7}x".into(), name: "执行率\u{1b}[0m".into(), value: value.into(), position: None, spot: None }],
            arithmetic: Text::same(format!("1 ÷ 1 ≠ {value}")),
            hint: crate::messages::Msg::new("correct it", "请更正"),
            acknowledged: Some("published\u{1b}[2J so".into()),
            source_line: Some(format!("  rate: {value}")),
        }
    }

    fn control(c: char) -> bool {
        matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}') && c != '\n'
    }

    #[test]
    fn human_output_escapes_control_characters() {
        let report = CheckReport { findings: vec![hostile()] };
        let text = render_human(&report, Lang::En);
        assert!(!text.chars().any(control), "{text:?}");
        assert!(text.contains("content/a\\u{1b}b/2022.yaml:2:9: budget.\\u{9b}31mexecution_rate: reported \\u{1b}]0;pwned\\u{7}"), "{text}");
        assert!(text.contains("disagrees\\u{d}\\u{a}"), "{text}");
        assert!(text.contains("2 |   rate: \\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{1b}[31m94.28"), "{text}");
        assert!(text.contains("执行率\\u{1b}[0m (budget.\\u{7}x) = \\u{1b}]0;pwned"), "{text}");
        assert!(text.contains("published\\u{1b}[2J so"), "{text}");
        // The caret sits under the whole escaped value.
        let lines: Vec<&str> = text.lines().collect();
        let shown = lines.iter().find(|l| l.starts_with("2 | ")).unwrap();
        let caret = lines.iter().find(|l| l.contains('^')).unwrap();
        let start = shown.find("\\u{1b}]0").unwrap();
        assert_eq!(caret.find('^'), Some(start), "{text}");
        assert_eq!(caret.trim_end().len() - start, esc("\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[31m94.28").len());

        let short = render_short(&report, Lang::En);
        assert!(!short.chars().any(control), "{short:?}");
        assert!(short.contains("budget.\\u{9b}31mexecution_rate"), "{short}");
    }

    #[test]
    fn plain_findings_are_printed_unchanged() {
        let mut f = hostile();
        f.position = "content/a/2022.yaml:2:9".into();
        f.field = "budget.execution_rate".into();
        f.message = Text::same("reported 94.28 disagrees");
        f.source_line = Some("  rate: 94.28".into());
        f.location = Some(Location { line: 2, column: 9, len: 5 });
        let text = render_human(&CheckReport { findings: vec![f] }, Lang::En);
        assert!(text.contains("[J101]: content/a/2022.yaml:2:9: budget.execution_rate: reported 94.28 disagrees\n"), "{text}");
        assert!(text.contains("2 |   rate: 94.28\n  |         ^^^^^\n"), "{text}");
    }

    #[test]
    fn json_keeps_the_text_as_written() {
        let json = render_json(&CheckReport { findings: vec![hostile()] }, Lang::En);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["findings"][0]["field"], "budget.\u{9b}31mexecution_rate");
    }
}
