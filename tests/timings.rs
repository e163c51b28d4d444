//! What replaced the hidden environment switches (issue 25, item 3): `jixiao build --timings`
//! prints the render time of each page kind and the search index's steps, in both languages,
//! and only when asked; `BuildOptions::comparisons` (the benchmark's `--no-compare`) builds the
//! example site without indicator pages, charts and their search records, and on by default.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `jixiao --lang LANG build` of a copy of the example site (a build keeps its cache in the
/// site's folder, which must not be the repository) into a temporary folder; its stderr.
fn build_stderr(lang: &str, extra: &[&str]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    common::example_site_with_copies(&site, 0);
    let out = tmp.path().join("public");
    let output = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["--lang", lang, "build", "--root"])
        .arg(&site)
        .arg("--output")
        .arg(&out)
        .args(extra)
        .env("NO_COLOR", "1")
        .output()
        .expect("jixiao runs");
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "the example site builds:\n{stderr}");
    stderr
}

/// The lines of `text` that start (after indentation) with `word`.
fn lines_starting<'a>(text: &'a str, word: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.trim_start().starts_with(word)).collect()
}

#[test]
fn timings_are_printed_when_asked_in_english_and_chinese() {
    let en = build_stderr("en", &["--timings"]);
    assert!(en.contains("render by page kind"), "{en}");
    // Every kind of page of the example site has its line, with the pages counted.
    for kind in ["home", "report", "department", "indicator", "year", "page", "404", "sitemap"] {
        let rows = lines_starting(&en, &format!("{kind} "));
        assert_eq!(rows.len(), 1, "one row for {kind}:\n{en}");
        assert!(rows[0].contains(" pages ") && rows[0].contains("template") && rows[0].contains(" µs ("), "{}", rows[0]);
    }
    let report = lines_starting(&en, "report ")[0];
    assert!(report.split_whitespace().nth(1) == Some("4"), "the example publishes 4 reports: {report}");
    assert_eq!(lines_starting(&en, "search: records").len(), 1, "{en}");
    assert_eq!(lines_starting(&en, "search: postings").len(), 1, "{en}");
    // The stage times come with them.
    assert_eq!(lines_starting(&en, "render ").iter().filter(|l| l.contains(" ms ")).count(), 1, "the render stage's time:\n{en}");

    let zh = build_stderr("zh-CN", &["--timings"]);
    assert!(zh.contains("渲染时间，按页面类型"), "{zh}");
    assert!(lines_starting(&zh, "report ")[0].contains(" 页 ") && zh.contains("模板"), "{zh}");
    assert!(zh.contains("搜索：记录") && zh.contains("搜索：倒排"), "{zh}");
}

#[test]
fn no_timings_without_the_flag() {
    for extra in [&[][..], &["--verbose"][..]] {
        let out = build_stderr("en", extra);
        assert!(!out.contains("render by page kind") && !out.contains("search: records"), "{extra:?}:\n{out}");
    }
}

/// Files of `dir` (relative paths), sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    v.sort();
    v
}

#[test]
fn comparisons_are_built_by_default_and_left_out_only_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let build = |name: &str, comparisons: Option<bool>| {
        let mut options = jixiao::BuildOptions::new(repo());
        options.output = tmp.path().join(name);
        if let Some(on) = comparisons {
            options.comparisons = on;
        }
        let summary = jixiao::build(&options).unwrap_or_else(|d| panic!("the example site builds:\n{d}"));
        assert!(summary.render_times.is_empty(), "render times only with `timings`");
        (files(&options.output), summary)
    };
    let indicator_page = |p: &PathBuf| p.to_string_lossy().contains("/indicators/") && p.ends_with("index.html");
    // Charts are drawn inside their pages (class `jx-chart-<kind>`), with no file of their own.
    let charts_in = |name: &str, files: &[PathBuf]| {
        files.iter().filter(|p| p.extension().is_some_and(|e| e == "html")).any(|p| std::fs::read_to_string(tmp.path().join(name).join(p)).unwrap().contains("class=\"jx-chart "))
    };

    let (with, with_summary) = build("default", None);
    let (without, without_summary) = build("without", Some(false));
    assert_eq!(with.iter().filter(|p| indicator_page(p)).count(), 2, "the example's two departments have an indicator page each");
    assert!(charts_in("default", &with), "and charts");
    assert!(!without.iter().any(indicator_page), "no indicator pages without comparisons");
    assert!(!charts_in("without", &without), "no charts without comparisons");
    assert!(without_summary.pages < with_summary.pages);
    // Their search records go too.
    assert!(without_summary.search.records < with_summary.search.records);
    // Everything else is still there.
    for page in ["index.html", "huangpu-zhengfawei/2022/index.html", "huangpu-zhengfawei/index.html", "search/manifest.json"] {
        assert!(without.contains(&PathBuf::from(page)), "{page}");
    }
}

#[test]
fn render_times_count_every_page_rendered() {
    let tmp = tempfile::tempdir().unwrap();
    let mut options = jixiao::BuildOptions::new(repo());
    options.output = tmp.path().join("public");
    options.timings = true;
    let summary = jixiao::build(&options).unwrap_or_else(|d| panic!("the example site builds:\n{d}"));
    let pages: u64 = summary.render_times.iter().map(|k| k.pages).sum();
    // Every HTML page and the sitemap are rendered from a template.
    assert_eq!(pages as usize, summary.pages + 1, "{:?}", summary.render_times);
    let reports = summary.render_times.iter().find(|k| k.kind == "report").expect("report pages timed");
    assert_eq!(reports.pages as usize, summary.reports);
    assert!(reports.tera > std::time::Duration::ZERO);
    let t = &summary.search.timings;
    assert!(t.tokenise > std::time::Duration::ZERO && t.finish > std::time::Duration::ZERO, "{t:?}");
}
