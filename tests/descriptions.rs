//! Page descriptions (issue 28, item 4): every page says what it is about in
//! `<meta name="description">` (which Open Graph readers take when a page has no
//! `og:description`, so it is not written twice): a free page its front matter's
//! `description`, a report, department, year or indicator page a summary of its own facts, the
//! home page the site's description. One line, at most 160 characters, escaped; `og:title` and
//! `og:url` name the page the canonical URL points at.

use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod common;
use common::copy_dir;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// The head of one built page: what the tests read.
#[derive(Debug)]
struct Head {
    title: String,
    description: Option<String>,
    og_description: Option<String>,
    og_title: Option<String>,
    og_url: Option<String>,
    canonical: Option<String>,
}

fn attr(doc: &Html, selector: &str, name: &str) -> Option<String> {
    let s = Selector::parse(selector).unwrap();
    let mut found = doc.select(&s);
    let first = found.next().map(|e| e.value().attr(name).unwrap_or_default().to_string());
    assert!(found.next().is_none(), "{selector} appears once");
    first
}

fn head(html: &str) -> Head {
    let doc = Html::parse_document(html);
    let title = doc.select(&Selector::parse("title").unwrap()).next().map(|t| t.text().collect()).unwrap_or_default();
    Head {
        title,
        description: attr(&doc, r#"meta[name="description"]"#, "content"),
        og_description: attr(&doc, r#"meta[property="og:description"]"#, "content"),
        og_title: attr(&doc, r#"meta[property="og:title"]"#, "content"),
        og_url: attr(&doc, r#"meta[property="og:url"]"#, "content"),
        canonical: attr(&doc, r#"link[rel="canonical"]"#, "href"),
    }
}

/// Builds the site at `root` into a temporary folder: every HTML page by its path.
fn build(root: &Path) -> (tempfile::TempDir, BTreeMap<String, String>) {
    let out = tempfile::tempdir().unwrap();
    let mut options = jixiao::BuildOptions::new(root);
    options.output = out.path().join("public");
    jixiao::build(&options).unwrap_or_else(|d| panic!("{} builds: {d}", root.display()));
    let public = out.path().join("public");
    let pages = walkdir::WalkDir::new(&public)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| (e.path().strip_prefix(&public).unwrap().to_string_lossy().replace('\\', "/"), std::fs::read_to_string(e.path()).unwrap()))
        .collect();
    (out, pages)
}

/// The kind of page a path of the example site is, from the site's URL layout.
fn kind(path: &str) -> &'static str {
    if path == "404.html" {
        return "404";
    }
    let parts: Vec<&str> = path.trim_end_matches("index.html").trim_end_matches('/').split('/').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [] => "home",
        ["search"] => "search",
        ["archive"] => "archive",
        ["years", _] => "year",
        ["pages", _] => "page",
        [_, "indicators"] => "indicator",
        [_, y] if y.parse::<u16>().is_ok() => "report",
        [_] => "department",
        _ => panic!("unknown page {path}"),
    }
}

fn example_site() -> &'static (tempfile::TempDir, BTreeMap<String, String>) {
    static SITE: std::sync::OnceLock<(tempfile::TempDir, BTreeMap<String, String>)> = std::sync::OnceLock::new();
    SITE.get_or_init(|| build(Path::new(REPO)))
}

#[test]
fn every_page_of_the_example_site_has_its_own_description() {
    let (_, pages) = example_site();
    let site_description = jixiao::load::load(Path::new(REPO)).unwrap().site.description.unwrap();
    let mut by_kind: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
    for (path, html) in pages {
        let h = head(html);
        let d = h.description.clone().unwrap_or_else(|| panic!("{path}: no description"));
        assert!(!d.trim().is_empty() && !d.contains('\n'), "{path}: one line of text: {d:?}");
        assert!(d.chars().count() <= 160, "{path}: {} characters: {d}", d.chars().count());
        assert_eq!(h.og_description, None, "{path}: the description is said once, not again as og:description");
        by_kind.entry(kind(path)).or_default().push((path.clone(), d));
    }
    for k in ["home", "report", "department", "year", "indicator", "page", "search", "archive", "404"] {
        assert!(by_kind.contains_key(k), "the example site has a {k} page");
    }
    // The site's description is the home page's and the fallback (the 404 page has nothing of
    // its own); no other page shows it.
    assert_eq!(by_kind["home"][0].1, site_description);
    assert_eq!(by_kind["404"][0].1, site_description);
    for (k, list) in &by_kind {
        if !matches!(*k, "home" | "404") {
            for (path, d) in list {
                assert_ne!(d, &site_description, "{path} ({k}) has its own description");
            }
        }
    }
    // Different pages say different things: no two pages but the home and 404 pages share one.
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (k, list) in &by_kind {
        for (path, d) in list {
            if *k == "404" {
                continue;
            }
            if let Some(other) = seen.insert(d, path) {
                panic!("{path} and {other} have the same description: {d}");
            }
        }
    }
}

#[test]
fn an_indicator_page_names_its_measures() {
    let (_, pages) = example_site();
    let d = head(&pages["demo-qingshui-wenlv/indicators/index.html"]).description.unwrap();
    assert!(d.starts_with("示例·青水文旅局各项绩效目标和指标的历年目标值与实际完成值（共 15 项）：公共图书馆接待读者人次、"), "{d}");
}

#[test]
fn report_pages_name_their_figures() {
    let (_, pages) = example_site();
    let content = jixiao::load::load(Path::new(REPO)).unwrap();
    let mut checked = 0;
    for d in &content.departments {
        for entry in d.reports.iter().filter(|r| !r.report.draft) {
            let r = &entry.report;
            let path = format!("{}/{}/index.html", d.id, entry.year);
            let description = head(&pages[&path]).description.unwrap();
            let name = d.profile.short_name.as_deref().unwrap_or(&d.profile.name);
            assert!(description.starts_with(&format!("{name} {} 年", entry.year)), "{path}: names department and year: {description}");
            if let Some(rate) = &r.budget.execution_rate {
                assert!(description.contains(&format!("预算执行率 {}%", rate.as_written())), "{path}: the published rate: {description}");
            }
            if let Some(total) = &r.budget.total {
                let shown = jixiao::model::group_thousands(total.as_written());
                assert!(description.contains(&format!("全年预算 {shown} {}", r.budget.unit())), "{path}: the budget: {description}");
            }
            let score = r.score.as_ref().map(|s| &s.total).or_else(|| {
                r.evaluation_tables.iter().find(|t| t.scope == jixiao::model::TableScope::Department).and_then(|t| t.total_score.as_ref())
            });
            if let Some(score) = score {
                assert!(description.contains(&format!("自评得分 {} 分", score.as_written())), "{path}: the score: {description}");
            }
            assert!(description.contains(&format!("绩效目标 {} 项", r.targets.len())), "{path}: the targets: {description}");
            checked += 1;
        }
    }
    assert!(checked >= 4, "every published report of the example site ({checked})");
    // The seed report, in full: as the brief's reader would find it in a search result.
    let seed = head(&pages["huangpu-zhengfawei/2022/index.html"]).description.unwrap();
    assert!(seed.starts_with("黄埔区委政法委 2022 年部门整体支出绩效自评报告：全年预算 8,334.69 万元，预算执行率 94.88%"), "{seed}");
}

#[test]
fn og_title_and_url_name_the_page_of_the_canonical_address() {
    let (_, pages) = example_site();
    let site_title = jixiao::load::load(Path::new(REPO)).unwrap().site.title;
    for (path, html) in pages {
        let h = head(html);
        let og_title = h.og_title.unwrap_or_else(|| panic!("{path}: og:title"));
        assert!(h.title == og_title || h.title == format!("{og_title} - {site_title}"), "{path}: og:title {og_title:?} is the page's title {:?}", h.title);
        assert_eq!(h.og_url, h.canonical, "{path}: og:url is the canonical URL");
        if path != "404.html" {
            assert!(h.canonical.is_some(), "{path}: a canonical URL");
        }
    }
    let year = head(&pages["years/2022/index.html"]);
    assert_ne!(year.og_title.as_deref(), Some(site_title.as_str()), "a year page's og:title is the year's, not the site's");
}

/// A copy of the minimal site with the free page's front matter and the site settings changed.
fn minimal_with(front_matter: &str, site_extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(REPO).join("tests/fixtures/minimal"), dir.path());
    std::fs::write(dir.path().join("content/pages/about.md"), format!("---\n{front_matter}---\n本站公开部门整体支出绩效自评报告。\n\n第二段。\n")).unwrap();
    let site: PathBuf = dir.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, format!("{text}{site_extra}")).unwrap();
    dir
}

#[test]
fn a_free_page_says_its_own_description_else_its_opening() {
    let site = minimal_with("title: 关于本站\ndescription: 本站是什么、由谁发布。\n", "description: 站点简介。\n");
    let (_, pages) = build(site.path());
    assert_eq!(head(&pages["pages/about/index.html"]).description.as_deref(), Some("本站是什么、由谁发布。"), "the front matter wins");
    assert_eq!(head(&pages["index.html"]).description.as_deref(), Some("站点简介。"));

    // Without one, its first paragraph; a long one is cut to 160 characters at a character.
    let site = minimal_with("title: 关于本站\n", "");
    let (_, pages) = build(site.path());
    assert_eq!(head(&pages["pages/about/index.html"]).description.as_deref(), Some("本站公开部门整体支出绩效自评报告。"));
    assert_eq!(head(&pages["index.html"]).description, None, "no site description, none on the home page");
    let long = "预算执行情况说明。".repeat(30);
    let site = minimal_with(&format!("title: 关于本站\ndescription: {long}\n"), "");
    let (_, pages) = build(site.path());
    let cut = head(&pages["pages/about/index.html"]).description.unwrap();
    assert_eq!(cut.chars().count(), 160);
    assert!(cut.ends_with('…') && long.starts_with(cut.trim_end_matches('…')), "{cut}");
}

#[test]
fn hostile_text_is_escaped_in_descriptions() {
    let evil = r#"简介"><script>alert(1)</script>&amp; 'x' {{ 7*7 }}"#;
    let site = minimal_with(&format!("title: 关于本站\ndescription: '{}'\n", evil.replace('\'', "''")), &format!("description: '{}'\n", evil.replace('\'', "''")));
    // A department name that ends up in generated descriptions too.
    let dept = site.path().join("content/civil-affairs/department.yaml");
    let text = std::fs::read_to_string(&dept).unwrap().replace("short_name: 民政局", "short_name: '民政\"><img src=x onerror=alert(1)>局'");
    std::fs::write(&dept, text).unwrap();
    let (_, pages) = build(site.path());
    for path in ["index.html", "pages/about/index.html", "civil-affairs/index.html", "civil-affairs/2022/index.html", "years/2022/index.html"] {
        let html = &pages[path];
        let h = head(html);
        let d = h.description.unwrap();
        assert!(d.contains("<script>") || d.contains("<img"), "{path}: the text is kept as written, as text: {d}");
        // Parsed back, the head has only the theme's own elements: nothing injected.
        let doc = Html::parse_document(html);
        assert!(doc.select(&Selector::parse("head img, head script:not([src])").unwrap()).next().is_none(), "{path}: injected markup");
        assert!(!html.contains(r#""><script>"#) && !html.contains(r#""><img"#), "{path}: the quote is escaped");
        // Asset URLs carry a hash of the file (`style.css?h=5afdd86b49`), digits that may be anything.
        let without_hashes: String = html.split("?h=").enumerate().map(|(i, part)| if i == 0 { part } else { part.get(10..).unwrap_or("") }).collect();
        assert!(!without_hashes.contains("49"), "{path}: template syntax in content is not run");
    }
    assert_eq!(head(&pages["pages/about/index.html"]).description.as_deref(), Some(evil), "exactly as written, once unescaped");
}

#[test]
fn an_english_site_describes_its_pages_in_english() {
    let site = minimal_with("title: About\n", "language: en\n");
    let (_, pages) = build(site.path());
    let report = head(&pages["civil-affairs/2022/index.html"]).description.unwrap();
    assert!(report.contains("budget performance self-evaluation report 2022") && report.contains("execution rate 95.05%"), "{report}");
    let year = head(&pages["years/2022/index.html"]).description.unwrap();
    assert!(year.starts_with("Budget performance self-evaluation reports 2022"), "{year}");
    let kinds: BTreeSet<String> = pages.values().filter_map(|h| head(h).description).collect();
    assert!(kinds.len() >= 4, "{kinds:?}");
}
