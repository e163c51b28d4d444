//! Writes report YAML meant to be edited by a person next: keys in the order of the report
//! format (README), figures with the digits as written, long text as literal blocks, and
//! comments where the writer has something to say (a guess, a figure to fill in).
//!
//! The one YAML writer of the project: `jixiao new` (next year's draft) and `jixiao import`
//! (a draft from a published document) both write through it. Reading YAML is `load`'s job.

use super::{Direction, Figure, KeyFigure, Outcome, Report, TargetValue};
use std::fmt::Write as _;

/// A YAML scalar for a string: double-quoted (JSON escaping is valid YAML) or, for text over
/// several lines, a literal block indented by `indent`.
pub fn scalar(s: &str, indent: usize) -> String {
    if s.contains('\n') { literal(s, indent).unwrap_or_else(|| quoted(s)) } else { quoted(s) }
}

/// A YAML scalar for narrative text: a literal block whenever the text can be written as one
/// (so a long paragraph reads as it is published), else double-quoted.
pub fn block(s: &str, indent: usize) -> String {
    literal(s, indent).unwrap_or_else(|| quoted(s))
}

/// A YAML scalar for a one-line string, unquoted when YAML reads it back as the same string
/// (Chinese text, ids), else as [`scalar`] writes it. Conservative: no ASCII punctuation that
/// YAML gives a meaning, no leading digit or dash, no word YAML reads as a boolean or null.
pub fn plain(s: &str, indent: usize) -> String {
    let reserved = ["true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"];
    let safe = !s.is_empty()
        && s.trim() == s
        && !s.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '?' | '.' | '+'))
        && !s.chars().any(|c| c.is_control() || ":#'\"{}[],&*!|>%@`\\".contains(c))
        && !reserved.contains(&s.to_ascii_lowercase().as_str());
    if safe { s.to_string() } else { scalar(s, indent) }
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// `|` or `|-` and the lines, when the text survives a literal block unchanged.
fn literal(s: &str, indent: usize) -> Option<String> {
    let ok = !s.is_empty()
        && !s.starts_with([' ', '\t', '\n'])
        && !s.lines().any(|l| l.ends_with([' ', '\t']))
        && !s.contains('\r')
        && !s.ends_with("\n\n")
        && !s.chars().any(|c| c.is_control() && c != '\n');
    if !ok {
        return None;
    }
    let pad = " ".repeat(indent);
    let chomp = if s.ends_with('\n') { "" } else { "-" };
    let mut out = format!("|{chomp}\n");
    for line in s.trim_end_matches('\n').split('\n') {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{pad}{line}");
        }
    }
    out.pop();
    Some(out)
}

/// Builds a YAML document line by line.
#[derive(Debug, Default)]
pub struct YamlWriter {
    out: String,
}

impl YamlWriter {
    /// An empty document with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> YamlWriter {
        YamlWriter { out: String::with_capacity(capacity) }
    }

    /// The text written so far.
    pub fn finish(self) -> String {
        self.out
    }

    /// Writes `{}` after a mapping's `key:` line when nothing was written under it (an import
    /// that found none of a section's fields: `key:` alone would be null, not an empty mapping).
    pub fn empty_mapping(&mut self, key: &str) {
        if self.out.ends_with(&format!("\n{key}:\n")) {
            self.out.truncate(self.out.len() - 1);
            self.out.push_str(" {}\n");
        }
    }

    /// One line at `indent`.
    pub fn line(&mut self, indent: usize, s: &str) {
        let _ = writeln!(self.out, "{}{s}", " ".repeat(indent));
    }

    /// `key: value`, the value already a YAML scalar.
    pub fn kv(&mut self, indent: usize, key: &str, value: &str) {
        self.line(indent, &format!("{key}: {value}"));
    }

    /// `key: "text"` (or a literal block for text over several lines), when there is a value.
    pub fn string(&mut self, indent: usize, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            let t = scalar(v, indent + 2);
            self.kv(indent, key, &t);
        }
    }

    /// `key: value`, unquoted where that reads back the same ([`plain`]), when there is a value.
    pub fn field(&mut self, indent: usize, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            let t = plain(v, indent + 2);
            self.kv(indent, key, &t);
        }
    }

    /// `key: |` and the text as a literal block (narratives), when there is a value.
    pub fn text(&mut self, indent: usize, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            let t = block(v, indent + 2);
            self.kv(indent, key, &t);
        }
    }

    /// An item of a list: `- key: value`.
    pub fn item(&mut self, indent: usize, key: &str, value: &str) {
        self.line(indent, &format!("- {key}: {value}"));
    }

    /// `key: 8334.69` with the digits as written, and a comment when given; nothing when the
    /// figure is absent.
    pub fn figure(&mut self, indent: usize, key: &str, f: Option<&Figure>, comment: Option<&str>) {
        if let Some(f) = f {
            match comment {
                Some(c) => self.line(indent, &format!("{key}: {}  # {c}", f.as_written())),
                None => self.kv(indent, key, f.as_written()),
            }
        }
    }

    /// Comment lines (`# …`), one per line of `text`.
    pub fn comment(&mut self, indent: usize, text: &str) {
        for l in text.lines() {
            self.line(indent, &format!("# {l}"));
        }
    }

    /// A target value (`op`, `value`, `text`) under `key`, the key line carrying `comment`.
    pub fn target_value(&mut self, indent: usize, key: &str, t: Option<&TargetValue>, comment: Option<&str>) {
        let Some(t) = t else { return };
        match comment {
            Some(c) => self.line(indent, &format!("{key}:  # {c}")),
            None => self.line(indent, &format!("{key}:")),
        }
        if let Some(op) = t.op {
            self.kv(indent + 2, "op", &format!("\"{}\"", op.symbol()));
        }
        if let Some(v) = &t.value {
            self.kv(indent + 2, "value", v.as_written());
        }
        self.string(indent + 2, "text", t.text.as_deref());
    }

    fn outcome(&mut self, indent: usize, key: &str, o: Option<&Outcome>) {
        let Some(o) = o else { return };
        self.line(indent, &format!("{key}:"));
        self.figure(indent + 2, "value", o.value.as_ref(), None);
        self.text(indent + 2, "text", o.text.as_deref());
        if let Some(met) = o.met {
            self.kv(indent + 2, "met", if met { "true" } else { "false" });
        }
    }

    fn note(&mut self, indent: usize, notes: &dyn Fn(&str) -> Option<String>, path: &str) {
        if let Some(n) = notes(path) {
            self.comment(indent, &n);
        }
    }

    fn key_figures(&mut self, indent: usize, figures: &[KeyFigure], notes: &dyn Fn(&str) -> Option<String>, path: &str) {
        for (i, f) in figures.iter().enumerate() {
            let p = format!("{path}[{i}]");
            self.note(indent, notes, &p);
            self.item(indent, "id", &plain(&f.id, indent + 4));
            let inner = indent + 2;
            self.field(inner, "label", Some(&f.label));
            self.figure(inner, "value", f.value.as_ref(), None);
            self.field(inner, "unit", f.unit.as_deref());
            if f.parts_sequence {
                self.kv(inner, "parts_sequence", "true");
            }
            if !f.parts.is_empty() {
                self.kv(inner, "parts_complete", if f.parts_complete { "true" } else { "false" });
                self.line(inner, "parts:");
                self.key_figures(inner + 2, &f.parts, notes, &format!("{p}.parts"));
            }
            self.field(inner, "change_of", f.change_of.as_deref());
        }
    }
}

fn op_free_direction(d: Direction) -> &'static str {
    if d == Direction::Higher { "higher" } else { "lower" }
}

/// The whole report as YAML, in the order of the report format. `header` is written first as
/// comment lines; `notes` may give a comment for a path (`budget.total`, `targets[2]`,
/// `achievements[0].figures[1]`), written above that key or item — where the writer marks a
/// guess for the editor to confirm.
pub fn report(r: &Report, header: &str, notes: &dyn Fn(&str) -> Option<String>) -> String {
    let mut w = YamlWriter::with_capacity(16 * 1024);
    w.comment(0, header);
    if !header.is_empty() {
        w.line(0, "");
    }
    w.field(0, "department", r.department.as_deref());
    if let Some(y) = r.year {
        w.kv(0, "year", &y.to_string());
    }
    w.note(0, notes, "title");
    w.field(0, "title", Some(&r.title));
    w.field(0, "published", r.published.as_deref());
    w.kv(0, "draft", if r.draft { "true" } else { "false" });
    if let Some(c) = &r.cover {
        w.line(0, "");
        w.line(0, "cover:");
        for (key, value) in [
            ("index_number", &c.index_number),
            ("issuer", &c.issuer),
            ("budget_code", &c.budget_code),
            ("evaluation_method", &c.evaluation_method),
            ("evaluator", &c.evaluator),
            ("report_date", &c.report_date),
            ("contact", &c.contact),
            ("phone", &c.phone),
            ("staffing", &c.staffing),
        ] {
            w.note(2, notes, &format!("cover.{key}"));
            w.field(2, key, value.as_deref());
        }
    }
    if let Some(s) = &r.score {
        w.note(0, notes, "score");
        w.line(0, "score:");
        w.figure(2, "total", Some(&s.total), None);
        w.field(2, "grade", s.grade.as_deref());
    }

    w.line(0, "");
    w.note(0, notes, "overview");
    w.line(0, "overview:");
    if let Some(wh) = &r.overview.withheld {
        w.line(2, "withheld:");
        w.field(4, "basis", Some(&wh.basis));
        w.field(4, "statement", wh.statement.as_deref());
    }
    w.text(2, "text", r.overview.text.as_deref());
    w.empty_mapping("overview");

    w.line(0, "");
    w.note(0, notes, "work");
    w.line(0, "work:");
    w.field(2, "intro", r.work.intro.as_deref());
    if !r.work.tasks.is_empty() {
        w.line(2, "tasks:");
        for (i, t) in r.work.tasks.iter().enumerate() {
            w.note(4, notes, &format!("work.tasks[{i}]"));
            w.item(4, "id", &plain(&t.id, 8));
            w.field(6, "title", Some(&t.title));
        }
    }
    w.field(2, "outro", r.work.outro.as_deref());
    w.empty_mapping("work");

    let b = &r.budget;
    w.line(0, "");
    w.note(0, notes, "budget");
    w.line(0, "budget:");
    w.field(2, "unit", b.unit.as_deref());
    for (key, f) in [("initial", &b.initial), ("total", &b.total), ("executed", &b.executed), ("execution_rate", &b.execution_rate)] {
        w.figure(2, key, f.as_ref(), notes(&format!("budget.{key}")).as_deref());
    }
    if !b.by_source.is_empty() {
        w.line(2, "by_source:");
        for s in &b.by_source {
            w.item(4, "source", &plain(&s.source, 8));
            w.figure(6, "amount", s.amount.as_ref(), None);
        }
    }
    if let Some(basis) = b.by_source_of {
        w.kv(2, "by_source_of", if basis == super::BudgetBasis::Executed { "executed" } else { "total" });
    }
    for (key, f) in [("basic", &b.basic), ("project", &b.project), ("carry_over", &b.carry_over)] {
        w.figure(2, key, f.as_ref(), notes(&format!("budget.{key}")).as_deref());
    }
    w.text(2, "text", b.text.as_deref());
    w.empty_mapping("budget");

    if let Some(p) = &r.performance {
        w.line(0, "");
        w.note(0, notes, "performance");
        w.line(0, "performance:");
        w.field(2, "scope", p.scope.as_deref());
        w.figure(2, "level1_projects", p.level1_projects.as_ref(), None);
        w.figure(2, "level2_projects", p.level2_projects.as_ref(), None);
        w.figure(2, "covered_funds", p.covered_funds.as_ref(), None);
        w.figure(2, "covered_share", p.covered_share.as_ref(), None);
        w.text(2, "text", p.text.as_deref());
        w.field(2, "targets_intro", p.targets_intro.as_deref());
    }

    if !r.targets.is_empty() {
        w.line(0, "");
        w.line(0, "targets:");
        for (i, t) in r.targets.iter().enumerate() {
            w.note(2, notes, &format!("targets[{i}]"));
            w.item(2, "id", &plain(&t.id, 6));
            w.field(4, "name", Some(&t.name));
            w.field(4, "measure", t.measure.as_deref());
            w.field(4, "unit", t.unit.as_deref());
            if let Some(d) = t.direction {
                w.kv(4, "direction", op_free_direction(d));
            }
            w.target_value(4, "target", t.target.as_ref(), None);
            w.outcome(4, "result", t.result.as_ref());
        }
    }

    w.line(0, "");
    w.note(0, notes, "summary");
    w.text(0, "summary", r.summary.as_deref());
    w.field(0, "results_intro", r.results_intro.as_deref());

    if !r.task_narratives.is_empty() {
        w.line(0, "");
        w.line(0, "task_narratives:");
        for (i, n) in r.task_narratives.iter().enumerate() {
            w.note(2, notes, &format!("task_narratives[{i}]"));
            w.item(2, "task", &plain(&n.task, 6));
            w.field(4, "heading", n.heading.as_deref());
            w.text(4, "text", Some(&n.text));
        }
    }

    if !r.achievements.is_empty() {
        w.line(0, "");
        w.line(0, "achievements:");
        for (i, a) in r.achievements.iter().enumerate() {
            w.note(2, notes, &format!("achievements[{i}]"));
            w.item(2, "id", &plain(&a.id, 6));
            w.field(4, "title", a.title.as_deref());
            w.text(4, "text", Some(&a.text));
            if !a.figures.is_empty() {
                w.line(4, "figures:");
                w.key_figures(6, &a.figures, notes, &format!("achievements[{i}].figures"));
            }
        }
    }

    for (key, items) in [("problems", &r.problems), ("improvements", &r.improvements)] {
        if !items.is_empty() {
            w.line(0, "");
            w.note(0, notes, key);
            w.line(0, &format!("{key}:"));
            for item in items {
                w.line(2, &format!("- {}", block(item, 4)));
            }
        }
    }

    if !r.evaluation_tables.is_empty() {
        w.line(0, "");
        w.line(0, "evaluation_tables:");
        for t in &r.evaluation_tables {
            w.item(2, "id", &plain(&t.id, 6));
            w.field(4, "title", Some(&t.title));
            w.kv(4, "scope", if t.scope == super::TableScope::Department { "department" } else { "project" });
            w.field(4, "unit", t.unit.as_deref());
            if !t.funds.is_empty() {
                w.line(4, "funds:");
                for row in &t.funds {
                    w.item(6, "label", &plain(&row.label, 10));
                    for (key, f) in [("initial", &row.initial), ("budget", &row.budget), ("executed", &row.executed), ("weight", &row.weight), ("rate", &row.rate), ("score", &row.score)] {
                        w.figure(8, key, f.as_ref(), None);
                    }
                }
            }
            if !t.indicators.is_empty() {
                w.line(4, "indicators:");
                for ind in &t.indicators {
                    w.item(6, "id", &plain(&ind.id, 10));
                    w.field(8, "level1", Some(&ind.level1));
                    w.field(8, "level2", ind.level2.as_deref());
                    w.field(8, "name", Some(&ind.name));
                    w.field(8, "unit", ind.unit.as_deref());
                    if let Some(d) = ind.direction {
                        w.kv(8, "direction", op_free_direction(d));
                    }
                    w.target_value(8, "target", ind.target.as_ref(), None);
                    w.outcome(8, "actual", ind.actual.as_ref());
                    w.figure(8, "weight", ind.weight.as_ref(), None);
                    w.figure(8, "score", ind.score.as_ref(), None);
                    w.text(8, "deviation", ind.deviation.as_deref());
                }
            }
            w.figure(4, "total_weight", t.total_weight.as_ref(), None);
            w.figure(4, "total_score", t.total_score.as_ref(), None);
            w.field(4, "grade", t.grade.as_deref());
            w.text(4, "notes", t.notes.as_deref());
        }
    }

    if !r.attachments.is_empty() {
        w.line(0, "");
        w.line(0, "attachments:");
        for a in &r.attachments {
            w.item(2, "file", &plain(&a.file, 6));
            w.field(4, "title", Some(&a.title));
        }
    }
    if !r.acknowledge.is_empty() {
        w.line(0, "");
        w.line(0, "acknowledge:");
        for a in &r.acknowledge {
            w.item(2, "rule", &plain(&a.rule, 6));
            w.field(4, "field", a.field.as_deref());
            w.field(4, "reason", Some(&a.reason));
        }
    }
    if !r.unplaced.is_empty() {
        w.line(0, "");
        w.note(0, notes, "unplaced");
        w.line(0, "unplaced:");
        for u in &r.unplaced {
            w.item(2, "text", &block(&u.text, 6));
            w.field(4, "at", u.at.as_deref());
        }
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_scalars() {
        assert_eq!(scalar("a: b", 2), "\"a: b\"");
        assert_eq!(scalar("第一行\n第二行\n", 4), "|\n    第一行\n    第二行");
        assert_eq!(scalar("x\n\ny", 2), "|-\n  x\n\n  y");
        assert_eq!(scalar(" lead\nx", 2), "\" lead\\nx\"");
        assert_eq!(block("一句话。", 2), "|-\n  一句话。");
        assert_eq!(block(" 前导空格", 2), "\" 前导空格\"");
        assert_eq!(plain("做好“平安黄埔”微信运营。", 2), "做好“平安黄埔”微信运营。");
        assert_eq!(plain("grid-events", 2), "grid-events");
        for quoted in ["a: b", "2022年度", "-x", "yes", "x #y", "", " x", "50%"] {
            assert!(plain(quoted, 2).starts_with('"'), "{quoted}");
        }
    }
}
