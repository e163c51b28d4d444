//! Scoring an imported report against the seed report encoded by hand
//! (content/huangpu-zhengfawei/2022.yaml), the same way for every input format (text, PDF,
//! Word): figures compared by place in the model (the field path, list positions ignored) and
//! numeric value; sentences of the seed text looked up on the built page. The seed's sentence
//! splitter lives here and only here: tests/seed_report.rs and tests/common/documents.rs use it.
//!
//! Used by `tests/import.rs`, `tests/import_read.rs` and `tests/seed_report.rs` as
//! `#[path = "common/import_score.rs"] mod import_score;`.

#![allow(dead_code)]

use jixiao::model::{EvaluationTable, Figure, KeyFigure, Operator, Report};
use scraper::{Html, Selector};
use std::path::Path;

/// The repository root.
pub(crate) fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The seed text as extracted from the published PDF.
pub(crate) fn seed_text() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/seed/huangpu-zhengfawei-2022-self-evaluation.txt")).unwrap()
}

/// The seed report as encoded by hand.
pub(crate) fn seed_report() -> Report {
    let content = jixiao::load::load(repo()).expect("the example site loads");
    let dept = content.departments.iter().find(|d| d.id == "huangpu-zhengfawei").unwrap();
    dept.reports.iter().find(|r| r.year == 2022).unwrap().report.clone()
}

/// Every typed figure of a report as `(field path without list positions, value)`.
pub(crate) fn figures_by_place(r: &Report) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    let mut push = |path: &str, f: Option<&Figure>| {
        if let Some(f) = f {
            out.push((path.to_string(), f.value()));
        }
    };
    let b = &r.budget;
    for (key, f) in [
        ("initial", &b.initial),
        ("total", &b.total),
        ("executed", &b.executed),
        ("execution_rate", &b.execution_rate),
        ("basic", &b.basic),
        ("project", &b.project),
        ("carry_over", &b.carry_over),
    ] {
        push(&format!("budget.{key}"), f.as_ref());
    }
    for s in &b.by_source {
        push("budget.by_source.amount", s.amount.as_ref());
    }
    if let Some(p) = &r.performance {
        push("performance.level1_projects", p.level1_projects.as_ref());
        push("performance.level2_projects", p.level2_projects.as_ref());
        push("performance.covered_funds", p.covered_funds.as_ref());
        push("performance.covered_share", p.covered_share.as_ref());
    }
    for t in &r.targets {
        push("targets.target.value", t.target.as_ref().and_then(|v| v.value.as_ref()));
        push("targets.result.value", t.result.as_ref().and_then(|o| o.value.as_ref()));
    }
    if let Some(s) = &r.score {
        push("score.total", Some(&s.total));
    }
    fn key(out: &mut Vec<(String, f64)>, path: &str, figures: &[KeyFigure]) {
        for f in figures {
            if let Some(v) = &f.value {
                out.push((format!("{path}.value"), v.value()));
            }
            key(out, &format!("{path}.parts"), &f.parts);
        }
    }
    for a in &r.achievements {
        key(&mut out, "achievements.figures", &a.figures);
    }
    out
}

/// How many of `expected`'s figures `actual` has at the same place with the same value (each
/// actual figure counted once), and the ones it has not.
pub(crate) fn match_figures(expected: &[(String, f64)], actual: &[(String, f64)]) -> (usize, Vec<(String, f64)>) {
    let mut pool: Vec<Option<&(String, f64)>> = actual.iter().map(Some).collect();
    let mut missing = Vec::new();
    let mut matched = 0;
    for e in expected {
        match pool.iter_mut().find(|a| a.is_some_and(|a| a.0 == e.0 && (a.1 - e.1).abs() < 1e-9)) {
            Some(slot) => {
                *slot = None;
                matched += 1;
            }
            None => missing.push(e.clone()),
        }
    }
    (matched, missing)
}

/// Asserts the figure thresholds: every budget figure of the seed, and at least 90 % of all.
pub(crate) fn assert_figures(actual: &Report, what: &str) {
    let expected = figures_by_place(&seed_report());
    let (matched, missing) = match_figures(&expected, &figures_by_place(actual));
    let budget_missing: Vec<_> = missing.iter().filter(|(p, _)| p.starts_with("budget.")).collect();
    assert!(budget_missing.is_empty(), "{what}: budget figures not imported: {budget_missing:?}");
    let share = matched as f64 / expected.len() as f64;
    eprintln!("{what}: {matched} of {} seed figures at their place; missing: {missing:?}", expected.len());
    assert!(share >= 0.9, "{what}: {matched} of {} figures imported ({:.1} %); missing: {missing:?}", expected.len(), share * 100.0);
}

/// Removes list and section numbering at the start of a line: `- `, `（1）`, `(12)`, `一、`, `（三）`
/// (as tests/seed_report.rs counts them).
pub(crate) fn strip_numbering(line: &str) -> (bool, &str) {
    let mut s = line.trim_start().trim_start_matches("- ").trim_start();
    let mut numbered = false;
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some(rest) = s.strip_prefix(open)
            && let Some(end) = rest.find(close)
        {
            let inner = &rest[..end];
            if !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c)) {
                s = rest[end + close.len()..].trim_start();
                numbered = true;
            }
        }
    }
    if let Some(i) = s.find('、')
        && i > 0
        && s[..i].chars().all(|c| "一二三四五六七八九十".contains(c))
    {
        s = &s[i + '、'.len_utf8()..];
        numbered = true;
    }
    (numbered, s)
}

/// The seed text as sentences (whitespace removed), split at 。；！？： and at numbered lines,
/// as tests/seed_report.rs counts them.
pub(crate) fn seed_sentences(text: &str) -> Vec<String> {
    let is_heading = |line: &str| !line.contains(['。', '；', '，']);
    let mut segments: Vec<String> = vec![String::new()];
    for line in text.lines() {
        let (numbered, rest) = strip_numbering(line);
        if numbered {
            segments.push(String::new());
        }
        segments.last_mut().unwrap().push_str(rest);
        if numbered && !rest.trim().is_empty() && is_heading(rest) {
            segments.push(String::new());
        }
    }
    segments
        .iter()
        .flat_map(|s| s.split(['。', '；', '！', '？', '：']).map(|p| p.split_whitespace().collect::<String>()).collect::<Vec<_>>())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The text of a page's `<main>`, whitespace removed.
pub(crate) fn page_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let main = Selector::parse("main").unwrap();
    let main = doc.select(&main).next().expect("the page has a <main> landmark");
    main.text().collect::<String>().split_whitespace().collect()
}

/// Builds the site at `root` with drafts into a temporary folder and returns the text of the
/// report page of `department`/`year`.
pub(crate) fn built_page(root: &Path, department: &str, year: u16) -> String {
    let out = tempfile::tempdir().unwrap();
    let mut options = jixiao::BuildOptions::new(root);
    options.output = out.path().join("public");
    options.drafts = true;
    jixiao::build(&options).unwrap_or_else(|d| panic!("the site with the imported report builds:\n{}", d.render(jixiao::messages::Lang::En)));
    let html = std::fs::read_to_string(out.path().join(format!("public/{department}/{year}/index.html"))).unwrap();
    page_text(&html)
}

/// Asserts the sentence threshold: at least 98 % of the seed's sentences on the built page.
pub(crate) fn assert_sentences(page: &str, what: &str) {
    let sentences = seed_sentences(&seed_text());
    assert!(sentences.len() > 150, "the seed text yields its sentences ({})", sentences.len());
    let missing: Vec<&String> = sentences.iter().filter(|s| !page.contains(s.as_str())).collect();
    let share = 1.0 - missing.len() as f64 / sentences.len() as f64;
    eprintln!("{what}: {} of {} seed sentences on the page; missing: {missing:?}", sentences.len() - missing.len(), sentences.len());
    assert!(share >= 0.98, "{what}: {} of {} sentences not on the page ({:.1} % found), e.g. {:#?}", missing.len(), sentences.len(), share * 100.0, &missing[..missing.len().min(10)]);
}

/// The source text as figures are compared with it: full-width digits as ASCII, thousands
/// separators and whitespace removed.
pub(crate) fn plain_source(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect();
    // 12,345.67 → 12345.67: a comma between digits followed by exactly three digits.
    let chars: Vec<char> = mapped.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        let separator = *c == ','
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && (1..=3).all(|k| chars.get(i + k).is_some_and(char::is_ascii_digit))
            && !chars.get(i + 4).is_some_and(char::is_ascii_digit);
        if !separator {
            out.push(*c);
        }
    }
    out
}

/// Every figure of a report with its digits as written.
pub(crate) fn written_figures(r: &Report) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |f: Option<&Figure>| {
        if let Some(f) = f {
            out.push(f.as_written().to_string());
        }
    };
    let b = &r.budget;
    for f in [&b.initial, &b.total, &b.executed, &b.execution_rate, &b.basic, &b.project, &b.carry_over] {
        push(f.as_ref());
    }
    for s in &b.by_source {
        push(s.amount.as_ref());
    }
    if let Some(p) = &r.performance {
        for f in [&p.level1_projects, &p.level2_projects, &p.covered_funds, &p.covered_share] {
            push(f.as_ref());
        }
    }
    for t in &r.targets {
        push(t.target.as_ref().and_then(|v| v.value.as_ref()));
        push(t.result.as_ref().and_then(|o| o.value.as_ref()));
    }
    for t in &r.evaluation_tables {
        for f in &t.funds {
            for v in [&f.initial, &f.budget, &f.executed, &f.weight, &f.rate, &f.score] {
                push(v.as_ref());
            }
        }
        for i in &t.indicators {
            push(i.target.as_ref().and_then(|v| v.value.as_ref()));
            push(i.actual.as_ref().and_then(|o| o.value.as_ref()));
            push(i.weight.as_ref());
            push(i.score.as_ref());
        }
        push(t.total_weight.as_ref());
        push(t.total_score.as_ref());
    }
    if let Some(s) = &r.score {
        push(Some(&s.total));
    }
    fn key(out: &mut Vec<String>, figures: &[KeyFigure]) {
        for f in figures {
            if let Some(v) = &f.value {
                out.push(v.as_written().to_string());
            }
            key(out, &f.parts);
        }
    }
    for a in &r.achievements {
        key(&mut out, &a.figures);
    }
    out
}

/// Asserts that every figure of `r` occurs, digits as written, in the source text.
pub(crate) fn assert_no_invented_figure(r: &Report, source: &str, what: &str) {
    let plain = plain_source(source);
    // The digits as a whole number of the text: 8.6 is not found in 58.6, nor 12 in 123.
    let occurs = |f: &str| {
        plain.match_indices(f).any(|(i, _)| {
            let before = plain[..i].chars().next_back();
            let after = plain[i + f.len()..].chars().next();
            let after2 = plain[i + f.len()..].chars().nth(1);
            let glued_before = before.is_some_and(|c| c.is_ascii_digit() || c == '.');
            let glued_after = after.is_some_and(|c| c.is_ascii_digit()) || (after == Some('.') && after2.is_some_and(|c| c.is_ascii_digit()));
            !(glued_before || glued_after)
        })
    };
    let invented: Vec<String> = written_figures(r).into_iter().filter(|f| !occurs(f)).collect();
    assert!(invented.is_empty(), "{what}: figures not in the source text: {invented:?}");
}

// ---- 自评表 ----------------------------------------------------------------------------

/// The demo department's 2022 tables, loaded with the project's loader.
pub(crate) fn demo_tables() -> Vec<EvaluationTable> {
    let content = jixiao::load::load(repo()).unwrap_or_else(|d| panic!("the example site loads:\n{d}"));
    let department = content.departments.iter().find(|d| d.id == "demo-qingshui-wenlv").expect("the demo department");
    let report = department.reports.iter().find(|r| r.year == 2022).expect("its 2022 report");
    report.report.evaluation_tables.clone()
}

/// A table's figure as compared: its digits as written (unless [`VALUES_ONLY`]) and its value.
pub(crate) fn table_figure(f: &Option<Figure>) -> Option<(String, f64)> {
    let values_only = VALUES_ONLY.with(std::cell::Cell::get);
    f.as_ref().map(|f| (if values_only { String::new() } else { f.as_written().to_string() }, f.value()))
}

thread_local! {
    /// Whether [`table_figure`] comparisons include the written digits (an `.xls` gives values only).
    pub static VALUES_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Asserts `got` equals `want` in every published field: figures by value and written digits,
/// labels, names, levels, units, operators, weights, scores, total, grade (ids are the
/// recogniser's placeholders and the publisher's `met` is not in the table).
pub(crate) fn assert_same_table(got: &EvaluationTable, want: &EvaluationTable) {
    assert_eq!(got.title, want.title);
    assert_eq!(got.scope, want.scope);
    assert_eq!(got.unit, want.unit);
    assert_eq!(got.funds.len(), want.funds.len(), "funds rows");
    for (g, w) in got.funds.iter().zip(&want.funds) {
        assert_eq!(g.label, w.label);
        for (name, a, b) in [("initial", &g.initial, &w.initial), ("budget", &g.budget, &w.budget), ("executed", &g.executed, &w.executed), ("weight", &g.weight, &w.weight), ("rate", &g.rate, &w.rate), ("score", &g.score, &w.score)] {
            assert_eq!(table_figure(a), table_figure(b), "funds {} {name}", w.label);
        }
    }
    assert_eq!(got.indicators.len(), want.indicators.len(), "indicators");
    for (g, w) in got.indicators.iter().zip(&want.indicators) {
        assert_eq!((&g.level1, &g.level2, &g.name), (&w.level1, &w.level2, &w.name));
        assert_eq!(g.unit, w.unit, "{} unit", w.name);
        let (gt, wt) = (g.target.as_ref().unwrap(), w.target.as_ref().unwrap());
        assert_eq!((gt.op, table_figure(&gt.value), &gt.text), (wt.op, table_figure(&wt.value), &wt.text), "{} target", w.name);
        if matches!(wt.op, Some(Operator::AtLeast | Operator::AtMost)) {
            assert_eq!(g.direction, w.direction, "{} direction", w.name);
        }
        let (ga, wa) = (g.actual.as_ref(), w.actual.as_ref());
        assert_eq!(ga.map(|a| table_figure(&a.value)), wa.map(|a| table_figure(&a.value)), "{} actual", w.name);
        assert_eq!(ga.map(|a| a.text.clone()), wa.map(|a| a.text.clone()), "{} actual text", w.name);
        assert_eq!((table_figure(&g.weight), table_figure(&g.score)), (table_figure(&w.weight), table_figure(&w.score)), "{} weight and score", w.name);
        assert_eq!(g.deviation, w.deviation, "{} deviation", w.name);
    }
    assert_eq!(table_figure(&got.total_weight), table_figure(&want.total_weight));
    assert_eq!(table_figure(&got.total_score), table_figure(&want.total_score));
    assert_eq!(got.grade, want.grade);
    assert_eq!(got.notes, want.notes);
}
