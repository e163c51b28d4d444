//! What changed in a report since it was published: the pure comparison of the report as its
//! year's snapshot holds it with the report as it is now, field by field, and which of the
//! report's corrections (更正说明) explains each difference.
//!
//! One comparison serves both readers of it: the "changes since publication" page (old and new
//! value of every changed figure, changed sentences marked) and `check`'s rule J701 (a
//! difference that no correction explains). Reading the snapshot is not here (that is
//! [`crate::archive`]); nor is printing (the theme and `check`).
//!
//! Both reports are compared as their data: every value the YAML can hold, by field path as
//! `jixiao check` prints it (`budget.executed`, `targets[2].result.value`). Lists whose items
//! carry an `id` (targets, achievements, key figures, tables, indicators, tasks) are matched by
//! id, so a target inserted in the middle does not make every later one "changed"; the path
//! is the item's place in the live report (in the snapshot's, for an item removed). Figures
//! are compared as written (`7907.98` and `7907.980` differ: the published text changed). The
//! corrections themselves and the acknowledgements of `check` findings are not compared: they
//! explain the report, they are not part of what was published as its figures and text.
//!
//! A correction explains a difference when it names that field or a part holding it
//! (`targets[2]` explains `targets[2].result.value`), or when it names no fields at all: a
//! publisher who writes only a date and a sentence has told the reader that the report was
//! changed, and jixiao cannot tell which sentence the text is about, so it does not second-guess
//! it (the changes page still lists every difference).

use crate::model::{Correction, Figure, Report};
use crate::strings::{self, Strings};
use serde::Serialize;
use serde_json::Value;

/// Top-level fields of a report not compared (see the module docs).
const NOT_COMPARED: &[&str] = &["corrections", "acknowledge"];

/// One field whose value differs between the snapshot and the live report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Field path, e.g. `budget.executed` (in the live report; the snapshot's for a removal).
    pub field: String,
    /// The value in the snapshot, as written; `None` when the field was added.
    pub old: Option<String>,
    /// The value now, as written; `None` when the field was removed.
    pub new: Option<String>,
    /// Whether the value is a figure (a plain decimal on both sides where present), shown as
    /// old and new value; otherwise text, shown with its changed sentences marked.
    pub figure: bool,
}

/// Every difference between `old` (the snapshot's copy) and `new` (the live report), in the
/// order of the fields in the report.
pub fn compare(old: &Report, new: &Report) -> Vec<Change> {
    let mut out = Vec::new();
    let (mut a, mut b) = (serde_json::to_value(old).unwrap_or(Value::Null), serde_json::to_value(new).unwrap_or(Value::Null));
    for v in [&mut a, &mut b] {
        if let Value::Object(m) = v {
            for key in NOT_COMPARED {
                m.remove(*key);
            }
        }
    }
    walk(Some(&a), Some(&b), String::new(), &mut out);
    // JSON objects hold their keys sorted: list the parts in the order the page shows them.
    let rank = |field: &str| {
        let top = field.split(['.', '[']).next().unwrap_or("");
        PAGE_ORDER.iter().position(|k| *k == top).unwrap_or(PAGE_ORDER.len())
    };
    out.sort_by_key(|c| rank(&c.field));
    out
}

/// The parts of a report in the order its page shows them (the sort is stable: within a part,
/// fields keep the comparison's order).
const PAGE_ORDER: &[&str] = &[
    "department", "year", "title", "published", "draft", "cover", "score", "overview", "work", "budget", "performance",
    "targets", "summary", "results_intro", "task_narratives", "achievements", "problems", "improvements", "unplaced",
    "evaluation_tables", "attachments",
];

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

fn walk(a: Option<&Value>, b: Option<&Value>, path: String, out: &mut Vec<Change>) {
    let a = a.filter(|v| !v.is_null());
    let b = b.filter(|v| !v.is_null());
    match (a, b) {
        (None, None) => {}
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            // The live report's order first, then what only the snapshot has.
            for (k, v) in y {
                walk(x.get(k), Some(v), join(&path, k), out);
            }
            for (k, v) in x.iter().filter(|(k, _)| !y.contains_key(*k)) {
                walk(Some(v), None, join(&path, k), out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            let ids = |items: &[Value]| -> Option<Vec<String>> {
                items.iter().map(|i| i.get("id").and_then(Value::as_str).map(str::to_string)).collect()
            };
            match (ids(x), ids(y)) {
                (Some(xi), Some(yi)) => {
                    for (j, item) in y.iter().enumerate() {
                        let before = xi.iter().position(|id| *id == yi[j]).map(|i| &x[i]);
                        walk(before, Some(item), format!("{path}[{j}]"), out);
                    }
                    for (i, item) in x.iter().enumerate().filter(|(i, _)| !yi.contains(&xi[*i])) {
                        walk(Some(item), None, format!("{path}[{i}]"), out);
                    }
                }
                _ => {
                    for i in 0..x.len().max(y.len()) {
                        walk(x.get(i), y.get(i), format!("{path}[{i}]"), out);
                    }
                }
            }
        }
        // A part added or removed whole: each of its values is a change.
        (Some(v @ (Value::Object(_) | Value::Array(_))), None) => each_leaf(v, &path, &mut |p, s| out.push(change(p, Some(s), None))),
        (None, Some(v @ (Value::Object(_) | Value::Array(_)))) => each_leaf(v, &path, &mut |p, s| out.push(change(p, None, Some(s)))),
        (x, y) => {
            let (x, y) = (x.map(leaf_text), y.map(leaf_text));
            if x != y {
                out.push(change(path, x, y));
            }
        }
    }
}

fn change(field: String, old: Option<String>, new: Option<String>) -> Change {
    let figure = [&old, &new].into_iter().flatten().all(|v| Figure::parse(v).is_some());
    Change { field, old, new, figure }
}

fn each_leaf(v: &Value, path: &str, f: &mut dyn FnMut(String, String)) {
    match v {
        Value::Null => {}
        Value::Object(m) => m.iter().for_each(|(k, v)| each_leaf(v, &join(path, k), f)),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| each_leaf(v, &format!("{path}[{i}]"), f)),
        other => f(path.to_string(), leaf_text(other)),
    }
}

fn leaf_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Whether `named` (a path a correction lists) is `field` or a part holding it.
pub fn names(named: &str, field: &str) -> bool {
    field == named || field.strip_prefix(named).is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// The correction that explains a difference at `field` (see the module docs): the latest one
/// naming it, else the latest naming no fields.
pub fn explained_by<'r>(corrections: &'r [Correction], field: &str) -> Option<&'r Correction> {
    let naming = corrections.iter().rev().find(|c| c.fields.iter().any(|n| names(n, field)));
    naming.or_else(|| corrections.iter().rev().find(|c| c.fields.is_empty()))
}

/// The anchor of correction `i` on its report's page, also the fragment of its feed entry's
/// id: `correction-<date>`, with `-2`, `-3` … for a second or third correction of the same day
/// (stable while earlier corrections are not removed or re-dated).
pub fn correction_anchor(corrections: &[Correction], i: usize) -> String {
    let date = &corrections[i].date;
    match corrections[..i].iter().filter(|c| c.date == *date).count() {
        0 => format!("correction-{date}"),
        n => format!("correction-{date}-{}", n + 1),
    }
}

/// A run of text in a changed passage: kept, deleted or inserted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// `same`, `del` or `ins`.
    pub kind: &'static str,
    /// The text (not escaped: the template escapes it).
    pub text: String,
}

/// `old` and `new` as one passage with the sentences that changed marked: deleted sentences
/// (`del`) before the inserted ones (`ins`) that replace them. Sentences end at 。！？；!?; or
/// a line break; the diff (Myers, by the `similar` crate) is over whole sentences, which is how
/// a reader compares two versions of Chinese prose.
pub fn marked(old: &str, new: &str) -> Vec<Segment> {
    let (a, b) = (sentences(old), sentences(new));
    let diff = similar::TextDiff::configure().algorithm(similar::Algorithm::Myers).diff_slices(&a, &b);
    let mut out: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            similar::ChangeTag::Equal => "same",
            similar::ChangeTag::Delete => "del",
            similar::ChangeTag::Insert => "ins",
        };
        match out.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => out.push(Segment { kind, text: change.value().to_string() }),
        }
    }
    out
}

/// `text` cut after each sentence end (。！？；!?; with the closing brackets and quotes right
/// after it, and line breaks), nothing dropped.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut end = i + c.len_utf8();
        if matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';') {
            while let Some(&(j, close)) = chars.peek().filter(|(_, n)| matches!(n, '）' | ')' | '」' | '』' | '”' | '’' | '】' | '》')) {
                end = j + close.len_utf8();
                chars.next();
            }
        } else if c != '\n' {
            continue;
        }
        out.push(&text[start..end]);
        start = end;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// A path cut into its keys and list positions: `targets[2].result` → (`targets`, [2]), (`result`, []).
fn parts(path: &str) -> Vec<(&str, Vec<usize>)> {
    path.split('.')
        .map(|part| {
            let (key, rest) = part.split_at(part.find('[').unwrap_or(part.len()));
            (key, rest.split(['[', ']']).filter_map(|n| n.parse().ok()).collect())
        })
        .collect()
}

/// The field at `path` of `report` in the reader's words, from the theme's `strings` (the
/// page's headings and labels: 全年执行数, 绩效目标 3：…：完成情况); the path itself for a field the
/// labels do not cover.
pub fn field_label(report: &Report, path: &str, strings: &Strings) -> String {
    let s = |key: &str| strings::get(strings, key).trim_end_matches(['：', ':']).to_string();
    let item = |n: usize| strings::fill(strings::get(strings, "changes.item"), &[("n", &(n + 1).to_string())]);
    let join = |a: String, b: String| if b.is_empty() { a } else { format!("{a}：{b}") };
    let p = parts(path);
    let first = p.first().map_or("", |(k, _)| *k);
    let index = p.first().and_then(|(_, i)| i.first().copied());
    let second = p.get(1).map_or("", |(k, _)| *k);
    let second_index = p.get(1).and_then(|(_, i)| i.first().copied());
    let third = p.get(2).map_or("", |(k, _)| *k);
    let outcome = |key: &str| match key {
        "target" => s("target.target"),
        "result" | "actual" => s("table.actual"),
        "" => String::new(),
        other => s(&format!("table.{other}")),
    };
    let label = match (first, index) {
        ("title", _) => s("changes.title_field"),
        ("published", _) => s("cover.published"),
        ("cover", _) => s(&format!("cover.{second}")),
        ("score", _) => s("cover.score"),
        ("overview", _) => s("section.overview"),
        ("work", _) => match second_index {
            Some(n) if second == "tasks" => join(s("section.tasks"), item(n)),
            _ => s("section.tasks"),
        },
        ("budget", _) => match second {
            "execution_rate" => s("rate.reported"),
            "by_source" => {
                let source = second_index.and_then(|n| report.budget.by_source.get(n)).map(|b| b.source.clone());
                join(s("budget.by_source"), source.unwrap_or_default())
            }
            "initial" | "total" | "executed" | "basic" | "project" | "carry_over" => s(&format!("budget.{second}")),
            _ => s("section.budget"),
        },
        ("performance", _) => match second {
            "scope" | "level1_projects" | "level2_projects" | "covered_funds" | "covered_share" => s(&format!("performance.{second}")),
            _ => s("section.performance"),
        },
        ("targets", Some(n)) => {
            let name = report.targets.get(n).map(|t| t.measure.clone().unwrap_or_else(|| t.name.clone())).unwrap_or_default();
            let target = strings::fill(strings::get(strings, "changes.target"), &[("n", &(n + 1).to_string()), ("name", &name)]);
            join(target, outcome(second))
        }
        ("summary", _) => s("section.summary"),
        ("results_intro", _) => s("section.results"),
        ("task_narratives", Some(n)) => {
            let heading = report.task_narratives.get(n).map(|t| {
                let title = report.work.tasks.iter().find(|k| k.id == t.task).map(|k| k.title.clone());
                t.heading.clone().or(title).unwrap_or_else(|| t.task.clone())
            });
            join(s("section.narratives"), heading.unwrap_or_else(|| item(n)))
        }
        ("achievements", Some(n)) => {
            let a = report.achievements.get(n);
            let title = a.and_then(|a| a.title.clone()).unwrap_or_else(|| item(n));
            let mut label = join(s("section.achievements"), title);
            if second == "figures" {
                // Down the parts (其中) to the figure named.
                let mut figures = a.map_or(&[][..], |a| &a.figures[..]);
                for (key, idx) in &p[1..] {
                    if !matches!(*key, "figures" | "parts") {
                        break;
                    }
                    let Some(f) = idx.first().and_then(|&i| figures.get(i)) else { break };
                    label = join(label, f.label.clone());
                    figures = &f.parts;
                }
            }
            label
        }
        ("problems", Some(n)) => join(s("section.problems"), item(n)),
        ("improvements", Some(n)) => join(s("section.improvements"), item(n)),
        ("evaluation_tables", Some(n)) => {
            let t = report.evaluation_tables.get(n);
            let title = t.map_or_else(|| s("section.tables"), |t| t.title.clone());
            match (second, second_index) {
                ("funds", Some(j)) => {
                    let row = t.and_then(|t| t.funds.get(j)).map(|r| r.label.clone()).unwrap_or_else(|| item(j));
                    let column = match third {
                        "initial" | "executed" => s(&format!("budget.{third}")),
                        "budget" => s("budget.total"),
                        "rate" => s("rate.reported"),
                        "" | "label" => String::new(),
                        other => s(&format!("table.{other}")),
                    };
                    join(join(title, row), column)
                }
                ("indicators", Some(j)) => {
                    let name = t.and_then(|t| t.indicators.get(j)).map(|i| i.name.clone()).unwrap_or_else(|| item(j));
                    let column = match third {
                        "" | "name" | "id" => String::new(),
                        "level1" | "level2" => s(&format!("table.{third}")),
                        other => outcome(other),
                    };
                    join(join(title, name), column)
                }
                ("total_weight" | "total_score" | "grade", _) => join(title, s(&format!("table.{second}"))),
                _ => title,
            }
        }
        ("attachments", Some(n)) => join(s("changes.attachment"), item(n)),
        ("unplaced", _) => s("unplaced.title"),
        _ => String::new(),
    };
    if label.is_empty() { path.to_string() } else { label }
}

/// A difference as the changes page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// The difference.
    #[serde(flatten)]
    pub change: Change,
    /// The field in the reader's words ([`field_label`]).
    pub label: String,
    /// For text: the passage with its changed sentences marked ([`marked`]); empty for figures.
    pub segments: Vec<Segment>,
    /// The correction that explains it ([`explained_by`]), if one does.
    pub correction: Option<CorrectionRef>,
}

/// A correction as a difference refers to it.
#[derive(Debug, Clone, Serialize)]
pub struct CorrectionRef {
    /// Its anchor on the report page ([`correction_anchor`]).
    pub id: String,
    /// Its date.
    pub date: String,
}

/// Every difference between a report's snapshot copy `old` and the live report `new`, for the
/// changes page, in the words of `strings`.
pub fn views(old: &Report, new: &Report, strings: &Strings) -> Vec<ChangeView> {
    compare(old, new)
        .into_iter()
        .map(|change| {
            // A field that is gone is named from the report that still has it.
            let label = field_label(if change.new.is_some() { new } else { old }, &change.field, strings);
            let segments = match (&change.old, &change.new, change.figure) {
                (Some(o), Some(n), false) => marked(o, n),
                _ => Vec::new(),
            };
            let correction = explained_by(&new.corrections, &change.field)
                .and_then(|c| new.corrections.iter().position(|x| std::ptr::eq(x, c)))
                .map(|i| CorrectionRef { id: correction_anchor(&new.corrections, i), date: new.corrections[i].date.clone() });
            ChangeView { change, label, segments, correction }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(yaml: &str) -> Report {
        let base = "title: T\noverview: {text: x}\nwork: {}\nbudget: {}\n";
        serde_yaml::from_str(&format!("{base}{yaml}")).unwrap()
    }

    #[test]
    fn figures_and_text_are_compared_by_path() {
        let a = report("summary: 甲。乙。\ntargets:\n  - {id: a, name: A, result: {value: 90}}\n  - {id: b, name: B}\n");
        let b = report("summary: 甲。丙。\ntargets:\n  - {id: n, name: N}\n  - {id: a, name: A, result: {value: 95}}\n  - {id: b, name: B}\n");
        let changes = compare(&a, &b);
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        // The inserted target is new; `a` moved but is compared with itself, by id.
        assert_eq!(fields, ["targets[0].id", "targets[0].name", "targets[1].result.value", "summary"]);
        assert!(compare(&b, &a).iter().any(|c| c.field == "targets[0].id" && c.new.is_none()), "a removed target is named by its place in the snapshot");
        let value = &changes[2];
        assert_eq!((value.old.as_deref(), value.new.as_deref(), value.figure), (Some("90"), Some("95"), true));
        assert!(!changes[3].figure);
        assert!(compare(&a, &a).is_empty());
    }

    #[test]
    fn sentences_keep_their_closing_marks() {
        assert_eq!(sentences("甲（乙。）丙。\n丁"), ["甲（乙。）", "丙。", "\n", "丁"]);
    }

    #[test]
    fn changed_sentences_are_marked() {
        let m = marked("甲。乙。丁", "甲。丙。丁");
        let kinds: Vec<(&str, &str)> = m.iter().map(|s| (s.kind, s.text.as_str())).collect();
        assert_eq!(kinds, [("same", "甲。"), ("del", "乙。"), ("ins", "丙。"), ("same", "丁")]);
    }

    #[test]
    fn a_correction_explains_what_it_names_or_everything() {
        let c = |fields: &[&str]| Correction { date: "2024-01-01".into(), text: "x".into(), fields: fields.iter().map(|s| s.to_string()).collect() };
        assert!(names("targets[2]", "targets[2].result.value"));
        assert!(!names("targets[2]", "targets[20].result"));
        assert!(!names("budget.total", "budget.total_x"));
        let named = [c(&["budget.executed"])];
        assert!(explained_by(&named, "budget.executed").is_some());
        assert!(explained_by(&named, "budget.total").is_none());
        assert!(explained_by(&[c(&[])], "budget.total").is_some());
    }

    #[test]
    fn fields_are_named_in_the_readers_words() {
        let r = report("targets:\n  - {id: a, name: 登记率达到90%, measure: 登记率}\n");
        let s = strings::default_strings();
        assert_eq!(field_label(&r, "budget.executed", s), "全年执行数");
        assert_eq!(field_label(&r, "targets[0].result.value", s), "绩效目标 1（登记率）：实际完成值");
        assert_eq!(field_label(&r, "nothing.known", s), "nothing.known");
    }
}
