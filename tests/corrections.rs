//! Corrections (勘误, a report's `corrections:`) on a copy of the example site: on the report
//! page near the top, in the feed as entries of their own, in report.json and its data package;
//! the loader's errors about them; a snapshot followed by an edit, with and without a
//! correction (check's J701 and the changes page); hostile text escaped everywhere.

use jixiao::diagnostics::Diagnostics;
use jixiao::messages::Lang;
use scraper::{Html, Selector};
use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::copy_dir;

const REPO: &str = env!("CARGO_MANIFEST_DIR");
/// The fictional department of the example site, and its 2022 report (published 2023-05-22).
const DEMO: &str = "content/demo-qingshui-wenlv/2022.yaml";
const PAGE: &str = "demo-qingshui-wenlv/2022/index.html";
const CHANGES_PAGE: &str = "demo-qingshui-wenlv/2022/changes/index.html";

/// A copy of the example site (content/ and themes/) in a temporary folder.
fn example() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(REPO).join("content"), &tmp.path().join("content"));
    copy_dir(&Path::new(REPO).join("themes"), &tmp.path().join("themes"));
    tmp
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Appends YAML to the demo report.
fn append(root: &Path, yaml: &str) {
    let path = root.join(DEMO);
    let text = read(&path);
    fs::write(&path, format!("{}\n{yaml}", text.trim_end())).unwrap();
}

/// Replaces the one occurrence of `from` in the demo report.
fn replace(root: &Path, from: &str, to: &str) {
    let path = root.join(DEMO);
    let text = read(&path);
    assert_eq!(text.matches(from).count(), 1, "{from:?} once in {DEMO}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn build(root: &Path) -> PathBuf {
    if let Err(d) = jixiao::build(&jixiao::BuildOptions::new(root)) {
        panic!("build failed:\n{d}");
    }
    root.join("public")
}

fn load_errors(root: &Path) -> Diagnostics {
    let today = jixiao::dates::parse_date("2026-12-01").unwrap();
    match jixiao::load::load_at(root, today) {
        Ok(_) => panic!("the content should not load"),
        Err(d) => d,
    }
}

fn select<'h>(html: &'h Html, css: &str) -> Vec<scraper::ElementRef<'h>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text_of(e: &scraper::ElementRef) -> String {
    e.text().collect::<String>()
}

/// Adds `text` at the end of the first line of the demo report's summary (a block scalar).
fn add_to_summary(root: &Path, text: &str) {
    let yaml = read(&root.join(DEMO));
    let first = yaml.split("\nsummary: |\n").nth(1).expect("a summary block").lines().next().unwrap().to_string();
    replace(root, &format!("{first}\n"), &format!("{first}{text}\n"));
}

/// The executed amount of the demo report's budget, as written there.
fn demo_executed(root: &Path) -> String {
    let text = read(&root.join(DEMO));
    let budget = &text[text.find("\nbudget:").expect("a budget")..];
    let line = budget.lines().find(|l| l.trim_start().starts_with("executed:")).expect("budget.executed");
    line.split(':').nth(1).unwrap().trim().to_string()
}

const CORRECTION: &str = "corrections:
  - date: \"2023-06-10\"
    text: 全年执行数原误为 3,634.30 万元，经核对更正。
    fields:
      - budget.executed
      - targets[0].result
  - date: \"2023-06-10\"
    text: 同日第二次更正：补充说明。
";

#[test]
fn a_correction_is_on_the_page_in_the_feed_and_in_the_open_data() {
    let site = example();
    let root = site.path();
    append(root, CORRECTION);
    let public = build(root);

    // The page: a 更正说明 block before the table of contents, each correction with its date,
    // its text and the corrected fields in the page's own words.
    let page = read(&public.join(PAGE));
    let html = Html::parse_document(&page);
    let block = select(&html, "section#corrections");
    assert_eq!(block.len(), 1, "one corrections block");
    assert_eq!(text_of(&select(&html, "#corrections-title")[0]), "更正说明");
    assert!(page.find("id=\"corrections\"").unwrap() < page.find("class=\"toc\"").unwrap(), "near the top, before the contents");
    let items = select(&html, "section#corrections li");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].value().attr("id"), Some("correction-2023-06-10"));
    assert_eq!(items[1].value().attr("id"), Some("correction-2023-06-10-2"), "a second correction of the same day has its own anchor");
    assert_eq!(select(&html, "#correction-2023-06-10 time")[0].value().attr("datetime"), Some("2023-06-10"));
    assert!(text_of(&items[0]).contains("全年执行数原误为 3,634.30 万元"));
    let fields: Vec<String> = select(&html, "#correction-2023-06-10 .corrected-fields span").iter().map(text_of).collect();
    assert_eq!(fields[0], "全年执行数");
    assert!(fields[1].starts_with("绩效目标 1（") && fields[1].ends_with("：实际完成值"), "{fields:?}");
    assert!(select(&html, "#correction-2023-06-10-2 .corrected-fields").is_empty(), "no fields, no list");
    assert!(select(&html, ".changes-link").is_empty(), "no snapshot, so no changes page to link");

    // The feed: valid XML, one entry per correction, ids stable and distinct, dated the day of
    // the correction, linking to the correction on the report page.
    let feed = read(&public.join("feed.xml"));
    let doc = roxmltree::Document::parse(&feed).expect("feed.xml is well-formed XML");
    let atom = "http://www.w3.org/2005/Atom";
    let entries: Vec<_> = doc.descendants().filter(|n| n.has_tag_name((atom, "entry"))).collect();
    let child = |e: &roxmltree::Node, name: &str| e.children().find(|c| c.has_tag_name((atom, name))).and_then(|c| c.text()).unwrap_or("").to_string();
    let base = "https://jixiao.example.gov.cn/demo-qingshui-wenlv/2022/";
    let corrections: Vec<_> = entries.iter().filter(|e| child(e, "id").starts_with(&format!("{base}#correction-"))).collect();
    assert_eq!(corrections.len(), 2, "{feed}");
    let ids: Vec<String> = corrections.iter().map(|e| child(e, "id")).collect();
    assert!(ids.contains(&format!("{base}#correction-2023-06-10")) && ids.contains(&format!("{base}#correction-2023-06-10-2")), "{ids:?}");
    for e in &corrections {
        assert_eq!(child(e, "updated"), "2023-06-10T00:00:00+08:00");
        assert_eq!(child(e, "published"), "2023-05-22T00:00:00+08:00", "the report's own publication");
        assert!(child(e, "title").starts_with("更正说明："));
        let link = e.children().find(|c| c.has_tag_name((atom, "link")) && c.attribute("type") == Some("text/html")).unwrap();
        assert_eq!(Some(child(e, "id").as_str()), link.attribute("href"));
    }
    assert!(entries.iter().any(|e| child(e, "id") == base), "the report's own entry stays");
    // Rebuilding gives the same feed.
    let again = build(root);
    assert_eq!(read(&again.join("feed.xml")), feed);

    // Open data: report.json carries them as written; its data package says what they are.
    let json: serde_json::Value = serde_json::from_str(&read(&public.join("demo-qingshui-wenlv/2022/report.json"))).unwrap();
    let c = &json["report"]["corrections"];
    assert_eq!(c[0]["date"], "2023-06-10");
    assert_eq!(c[0]["fields"], serde_json::json!(["budget.executed", "targets[0].result"]));
    assert!(c[1].get("fields").is_none());
    let parsed = jixiao::data::report_from_json(&json).unwrap();
    assert_eq!(parsed.corrections.len(), 2);
    let package: serde_json::Value = serde_json::from_str(&read(&public.join("demo-qingshui-wenlv/2022/datapackage.json"))).unwrap();
    let resource = package["resources"].as_array().unwrap().iter().find(|r| r["name"] == "report").unwrap();
    assert!(resource["description"].as_str().unwrap().contains("report.corrections"));
    // A report without corrections has none of it.
    let other: serde_json::Value = serde_json::from_str(&read(&public.join("demo-qingshui-wenlv/2021/report.json"))).unwrap();
    assert!(other["report"].get("corrections").is_none());
    assert!(!read(&public.join("demo-qingshui-wenlv/2021/index.html")).contains("id=\"corrections\""));
}

#[test]
fn a_bad_correction_is_an_error_at_its_place_in_both_languages() {
    let site = example();
    let root = site.path();
    append(
        root,
        "corrections:
  - date: \"2023-02-30\"
    text: 日期不存在。
  - date: \"2023-05-01\"
    text: 早于发布日期。
  - date: \"2023-06-10\"
    text: 字段不存在。
    fields: [budget.executd]
  - date: \"2023-06-11\"
    text: \"  \"
",
    );
    let diags = load_errors(root);
    let lines = read(&root.join(DEMO)).lines().count();
    let find = |code: &str| diags.0.iter().find(|d| d.code == code).unwrap_or_else(|| panic!("{code} in:\n{}", diags.render(Lang::En)));
    let impossible = find("E0206");
    assert_eq!(impossible.field.as_deref(), Some("corrections[0].date"));
    assert!(impossible.message.en.contains("2023-02-30"), "{}", impossible.message.en);
    let before = find("E0220");
    assert_eq!(before.field.as_deref(), Some("corrections[1].date"));
    assert!(before.message.en.contains("2023-05-22") && before.message.zh.contains("早于报告的发布日期"));
    let unknown = find("E0222");
    assert_eq!(unknown.field.as_deref(), Some("corrections[2].fields[0]"));
    assert!(unknown.message.en.contains("budget.executd") && unknown.message.zh.contains("不存在"));
    assert!(unknown.hint.as_ref().unwrap().en.contains("did you mean `budget.executed`"), "{:?}", unknown.hint);
    let empty = find("E0221");
    assert_eq!(empty.field.as_deref(), Some("corrections[3].text"));
    // Each at its line and column, near the end of the file where they were appended.
    for d in [impossible, before, unknown, empty] {
        let at = d.location.expect("located");
        assert!(at.line > lines - 12 && at.line <= lines && at.column > 1, "{}: {at:?}", d.code);
        assert!(d.position().starts_with(&format!("{DEMO}:{}:", at.line)), "{}", d.position());
    }
    let en = diags.render(Lang::En);
    let zh = diags.render(Lang::ZhCn);
    assert!(en.contains("error[E0222]") && en.contains("which this report does not have"), "{en}");
    assert!(zh.contains("更正所列字段 `budget.executd` 在本报告中不存在"), "{zh}");
}

#[test]
fn a_correction_in_the_future_is_a_warning() {
    let site = example();
    let root = site.path();
    append(root, "corrections:\n  - date: \"2027-01-05\"\n    text: 将来的更正。\n");
    let today = jixiao::dates::parse_date("2026-12-01").unwrap();
    let content = jixiao::load::load_at(root, today).unwrap_or_else(|d| panic!("{}", d.render(Lang::En)));
    let w = content.warnings.0.iter().find(|d| d.code == "E0214").expect("a warning");
    assert_eq!(w.field.as_deref(), Some("corrections[0].date"));
}

/// The changes page as a document, and the rows of its figures table by field.
fn changes_rows(public: &Path) -> (String, Vec<(String, String, String, String)>) {
    let page = read(&public.join(CHANGES_PAGE));
    let html = Html::parse_document(&page);
    let rows = select(&html, "table.changes tbody tr")
        .iter()
        .map(|tr| {
            let cells: Vec<String> = select_in(tr, "th, td").iter().map(text_of).collect();
            (tr.value().attr("data-field").unwrap_or("").to_string(), cells[1].clone(), cells[2].clone(), cells[3].clone())
        })
        .collect();
    (page, rows)
}

fn select_in<'h>(e: &scraper::ElementRef<'h>, css: &str) -> Vec<scraper::ElementRef<'h>> {
    e.select(&Selector::parse(css).unwrap()).collect()
}

fn j701(root: &Path) -> Vec<jixiao::check::Finding> {
    let content = jixiao::load::load(root).unwrap_or_else(|d| panic!("{}", d.render(Lang::En)));
    jixiao::check::check(&content).findings.into_iter().filter(|f| f.rule == "J701" || f.rule == "J702").collect()
}

#[test]
fn an_edit_after_the_snapshot_needs_a_correction_and_gets_a_changes_page() {
    let site = example();
    let root = site.path();
    jixiao::archive::archive(root, 2022, false).unwrap_or_else(|d| panic!("{d}"));
    // Unchanged: nothing to report, no link, and the changes page says so.
    assert!(j701(root).is_empty());
    let public = build(root);
    assert!(!read(&public.join(PAGE)).contains("changes-link"));
    assert!(read(&public.join(CHANGES_PAGE)).contains("与归档快照相比没有改动"));

    // A figure and a sentence edited without a correction.
    let old = demo_executed(root);
    let new = format!("{old}1");
    replace(root, &format!("\n  executed: {old}\n  execution_rate"), &format!("\n  executed: {new}\n  execution_rate"));
    let sentence = "（本句为发布后新增。）";
    add_to_summary(root, sentence);

    let findings = j701(root);
    let fields: Vec<&str> = findings.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["budget.executed", "summary"], "{findings:#?}");
    let executed = &findings[0];
    assert!(executed.position.starts_with(&format!("{DEMO}:")) && executed.location.is_some(), "{}", executed.position);
    assert!(executed.message.en.contains(&format!("was \"{old}\", now \"{new}\"")), "{}", executed.message.en);
    assert!(executed.message.zh.contains("没有更正说明"));
    assert_eq!(executed.figures.iter().map(|f| f.value.as_str()).collect::<Vec<_>>(), [old.as_str(), new.as_str()]);
    // The command fails on it, in both languages.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao")).args(["--lang", "zh-CN", "check", "--root"]).arg(root).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("J701"));

    let public = build(root);
    let report = read(&public.join(PAGE));
    let html = Html::parse_document(&report);
    let link = select(&html, ".changes-link a");
    assert_eq!(link.len(), 1, "the report page links to its changes");
    assert_eq!(link[0].value().attr("href"), Some("../../demo-qingshui-wenlv/2022/changes/"));
    let (page, rows) = changes_rows(&public);
    assert_eq!(rows, [("budget.executed".to_string(), old.clone(), new.clone(), "无更正说明".to_string())]);
    let changes = Html::parse_document(&page);
    let texts = select(&changes, ".changed-text");
    assert_eq!(texts.len(), 1);
    assert_eq!(texts[0].value().attr("data-field"), Some("summary"));
    let inserted: Vec<String> = select_in(&texts[0], "ins").iter().map(|e| text_of(e).trim_end().to_string()).collect();
    assert_eq!(inserted, [format!("[新增]{sentence}")], "the new sentence is marked, with words for screen readers");
    assert!(select_in(&texts[0], "del").is_empty(), "nothing was deleted: {}", texts[0].html());
    assert!(page.contains("archive/2022/demo-qingshui-wenlv/2022/"), "links to the report as archived");

    // With a correction naming the figure, and one naming no field (which explains the rest).
    append(
        root,
        "corrections:
  - date: \"2024-01-15\"
    text: 全年执行数更正。
    fields: [budget]
  - date: \"2024-02-01\"
    text: 补充一句说明。
",
    );
    assert!(j701(root).is_empty(), "{:#?}", j701(root));
    let public = build(root);
    let report = read(&public.join(PAGE));
    assert!(report.contains("changes-link"), "the changes page is still linked");
    let (_, rows) = changes_rows(&public);
    assert_eq!(rows, [("budget.executed".to_string(), old.clone(), new.clone(), "2024-01-15 更正".to_string())]);

    // Only a correction naming another field: the figure is unexplained again.
    replace(root, "    fields: [budget]\n", "    fields: [budget.total]\n");
    replace(root, "    text: 补充一句说明。\n", "    text: 补充一句说明。\n    fields: [summary]\n");
    let fields: Vec<String> = j701(root).into_iter().map(|f| f.field).collect();
    assert_eq!(fields, ["budget.executed"]);
}

#[test]
fn an_altered_snapshot_copy_is_not_compared() {
    let site = example();
    let root = site.path();
    jixiao::archive::archive(root, 2022, false).unwrap_or_else(|d| panic!("{d}"));
    let copy = root.join("archive/2022/demo-qingshui-wenlv/2022/report.json");
    let text = read(&copy);
    fs::write(&copy, text.replacen("\"title\"", "\"title\" ", 1)).unwrap();
    let findings = j701(root);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule, "J702");
    assert!(findings[0].message.en.contains("differs from the snapshot's manifest"), "{}", findings[0].message.en);
}

#[test]
fn hostile_text_in_a_correction_is_escaped() {
    let site = example();
    let root = site.path();
    jixiao::archive::archive(root, 2022, false).unwrap_or_else(|d| panic!("{d}"));
    let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>\\\"&amp;";
    append(root, &format!("corrections:\n  - date: \"2023-06-10\"\n    text: \"更正 {hostile}\"\n"));
    add_to_summary(root, "<script>alert(3)</script>");
    // The theme embedded in the binary (no themes/ folder) has the changes page too.
    fs::remove_dir_all(root.join("themes")).unwrap();
    let public = build(root);
    for page in [PAGE, CHANGES_PAGE] {
        let html = read(&public.join(page));
        assert!(!html.contains("<script>alert"), "{page}: a script from the content");
        assert!(!html.contains("onerror"), "{page}: an event handler from the content");
    }
    // On the changes page the inserted text is shown, as text.
    let changes = Html::parse_document(&read(&public.join(CHANGES_PAGE)));
    let ins: Vec<String> = select(&changes, ".changed-text ins").iter().map(text_of).collect();
    assert!(ins.iter().any(|t| t.contains("<script>alert(3)</script>")), "{ins:?}");
    // In the feed it is text inside well-formed XML.
    let feed = read(&public.join("feed.xml"));
    let doc = roxmltree::Document::parse(&feed).expect("well-formed");
    assert!(doc.descendants().any(|n| n.text().is_some_and(|t| t.contains("<script>alert(1)</script>"))));
}

#[test]
fn the_preview_updates_the_changes_page_after_an_edit() {
    let site = example();
    let root = site.path();
    jixiao::archive::archive(root, 2022, false).unwrap_or_else(|d| panic!("{d}"));
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("preview");
    let mut preview = jixiao::watch::Preview::new(root, &out, false);
    let first = preview.full();
    assert!(first.errors.is_empty(), "{}", first.errors.render(Lang::En));
    assert!(read(&out.join(CHANGES_PAGE)).contains("与归档快照相比没有改动"));

    // An edit takes the quick way (the same pages exist) and shows on the changes page and as
    // the link on the report page, as a full build shows them.
    let old = demo_executed(root);
    replace(root, &format!("\n  executed: {old}\n  execution_rate"), &format!("\n  executed: {old}9\n  execution_rate"));
    let o = preview.apply_pages(&[root.join(DEMO)]);
    assert!(o.errors.is_empty(), "{}", o.errors.render(Lang::En));
    assert!(o.kept > 0, "only some pages rendered again");
    let full = build(root);
    for page in [PAGE, CHANGES_PAGE] {
        assert_eq!(read(&out.join(page)), read(&full.join(page)), "{page} as a full build has it");
    }
    assert!(read(&out.join(CHANGES_PAGE)).contains(&format!("<ins>{old}9</ins>")));
    assert!(read(&out.join(PAGE)).contains("changes-link"));
}
