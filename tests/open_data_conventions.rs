//! Open data and crawler conventions, checked with the tools reusers and search engines use:
//! every data package passes the Frictionless validator (the Python `frictionless` package that
//! tests/install-deps.sh installs; a missing validator fails these tests), a build warns when no
//! licence is set and when `robots.txt` lands under a sub-path crawlers never read, and the
//! sitemap becomes an index of parts when it holds more URLs than one file may.
//! A generated site is validated in bench/tests/open_data.rs.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the example site in a temporary folder, with `edit` applied to its site.yaml.
fn example_with(edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&repo().join("content"), &tmp.path().join("content"));
    common::copy_dir(&repo().join("themes"), &tmp.path().join("themes"));
    let site = tmp.path().join("content/site.yaml");
    std::fs::write(&site, edit(std::fs::read_to_string(&site).unwrap())).unwrap();
    tmp
}

fn build(root: &Path) -> (PathBuf, jixiao::BuildSummary) {
    let mut options = jixiao::BuildOptions::new(root);
    options.output = root.join("public");
    let summary = jixiao::build(&options).unwrap_or_else(|d| panic!("the site builds:\n{d}"));
    (root.join("public"), summary)
}

fn codes(summary: &jixiao::BuildSummary) -> Vec<&str> {
    summary.warnings.0.iter().map(|d| d.code).collect()
}

/// Every `datapackage.json` below `dir`, sorted.
fn packages(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.file_name().is_some_and(|n| n == "datapackage.json"))
        .collect();
    out.sort();
    out
}

/// The example site's `base_url`: a report's package names its CSV files' schemas by their URL
/// on the site.
const BASE_URL: &str = "https://jixiao.example.gov.cn/";

/// Runs the Frictionless validator on `packages` of the site built into `out` (answering URLs
/// under [`BASE_URL`] from it, as its host would): (all valid, its report lines).
fn frictionless(out: &Path, packages: &[PathBuf]) -> (bool, String) {
    let out = Command::new("python3")
        .arg(repo().join("tests/tools/frictionless_validate.py"))
        .arg("--site")
        .arg(BASE_URL)
        .arg(out)
        .args(packages)
        .output()
        .expect("python3 runs (tests/install-deps.sh installs it with the frictionless package)");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("ModuleNotFoundError"),
        "the Python package frictionless is missing: run tests/install-deps.sh\n{stderr}"
    );
    assert_eq!(stdout.lines().count(), packages.len(), "one report line per package:\n{stdout}\n{stderr}");
    (out.status.success(), stdout)
}

#[test]
fn every_data_package_of_the_example_site_is_valid_under_frictionless() {
    let tmp = example_with(|s| s);
    let (out, _) = build(tmp.path());
    let found = packages(&out);
    assert!(found.len() >= 5, "a package per report and one for the whole site: {found:?}");
    let (valid, report) = frictionless(&out, &found);
    assert!(valid, "Frictionless finds every package valid:\n{report}");
    // report.json keeps its name and URL, described so Frictionless does not take it for one
    // of its own validation reports.
    let pkg: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("huangpu-zhengfawei/2022/datapackage.json")).unwrap()).unwrap();
    let json = pkg["resources"].as_array().unwrap().iter().find(|r| r["path"] == "report.json").expect("report.json listed");
    assert_eq!(json["type"], "json");
    assert!(out.join("huangpu-zhengfawei/2022/report.json").is_file());
    // A report's CSV files name their schema by URL, published once in data/ (with each
    // column's description, which the report's package no longer repeats).
    let targets = pkg["resources"].as_array().unwrap().iter().find(|r| r["path"] == "targets.csv").expect("targets.csv listed");
    assert_eq!(targets["schema"], format!("{BASE_URL}data/report-targets.schema.json"));
    let schema: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("data/report-targets.schema.json")).unwrap()).unwrap();
    assert_eq!(schema["primaryKey"], serde_json::json!(["id"]));
    assert!(schema["fields"].as_array().unwrap().iter().all(|f| f["description"].is_string()), "{schema}");

    // The schema is really read: without it the report's package fails.
    let moved = out.join("data/report-targets.schema.json.moved");
    std::fs::rename(out.join("data/report-targets.schema.json"), &moved).unwrap();
    let (valid, report) = frictionless(&out, &[out.join("huangpu-zhengfawei/2022/datapackage.json")]);
    assert!(!valid, "a package whose schema cannot be fetched fails:\n{report}");
    std::fs::rename(&moved, out.join("data/report-targets.schema.json")).unwrap();

    // The validator really validates: a package whose file no longer matches its hash fails.
    let csv = out.join("huangpu-zhengfawei/2022/targets.csv");
    let mut bytes = std::fs::read(&csv).unwrap();
    bytes.extend_from_slice(b"\r\n");
    std::fs::write(&csv, bytes).unwrap();
    let (valid, report) = frictionless(&out, &[out.join("huangpu-zhengfawei/2022/datapackage.json")]);
    assert!(!valid, "a changed file fails its package:\n{report}");
}

#[test]
fn packages_with_attachments_are_valid_and_describe_them_as_files() {
    let tmp = example_with(|s| s);
    let dept = tmp.path().join("content/huangpu-zhengfawei");
    std::fs::create_dir_all(dept.join("files")).unwrap();
    std::fs::write(dept.join("files/自评报告.pdf"), b"%PDF-1.4\n% bytes for the test\n").unwrap();
    // A real 自评表 workbook: a form with header rows, not a table Frictionless could read.
    std::fs::copy(repo().join("tests/fixtures/import/self-evaluation-2022.xlsx"), dept.join("files/自评表.xlsx")).unwrap();
    let yaml = std::fs::read_to_string(dept.join("2022.yaml")).unwrap();
    std::fs::write(
        dept.join("2022.yaml"),
        format!("{yaml}\nattachments:\n  - file: files/自评报告.pdf\n    title: 自评报告原件\n  - file: files/自评表.xlsx\n    title: 绩效自评表\n"),
    )
    .unwrap();
    let (out, _) = build(tmp.path());
    let pkg = out.join("huangpu-zhengfawei/2022/datapackage.json");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&pkg).unwrap()).unwrap();
    let attachments: Vec<_> = doc["resources"].as_array().unwrap().iter().filter(|r| r["path"].as_str().unwrap().starts_with("files/")).collect();
    assert_eq!(attachments.len(), 2);
    assert!(attachments.iter().all(|r| r["type"] == "file"), "{attachments:?}");
    let (valid, report) = frictionless(&out, &[pkg]);
    assert!(valid, "{report}");
}

#[test]
fn a_build_without_a_licence_warns_and_one_with_it_does_not() {
    let tmp = example_with(|s| s);
    let (out, summary) = build(tmp.path());
    assert!(!codes(&summary).contains(&"W0230"), "the example sets a licence: {:?}", codes(&summary));
    let pkg = std::fs::read_to_string(out.join("data/datapackage.json")).unwrap();
    assert!(pkg.contains("CC-BY-4.0"));

    let tmp = example_with(|s| s.replace("licence: CC-BY-4.0", ""));
    let (_, summary) = build(tmp.path());
    let w = summary.warnings.0.iter().find(|d| d.code == "W0230").unwrap_or_else(|| panic!("W0230 in {:?}", codes(&summary)));
    assert!(w.file.ends_with("content/site.yaml"), "{w:?}");
    let text = w.to_string();
    assert!(text.contains("licence"), "{text}");
}

#[test]
fn robots_txt_under_a_sub_path_is_warned_about() {
    let at_root = example_with(|s| s);
    let (out, summary) = build(at_root.path());
    assert!(!codes(&summary).contains(&"W0231"));
    assert!(std::fs::read_to_string(out.join("robots.txt")).unwrap().contains("Sitemap: https://jixiao.example.gov.cn/sitemap.xml"));

    let under = example_with(|s| s.replace("https://jixiao.example.gov.cn/", "https://www.example.gov.cn/jxgk/"));
    let (out, summary) = build(under.path());
    let w = summary.warnings.0.iter().find(|d| d.code == "W0231").unwrap_or_else(|| panic!("W0231 in {:?}", codes(&summary)));
    assert_eq!(w.field.as_deref(), Some("base_url"));
    assert!(w.location.is_some_and(|l| l.line > 1), "located at base_url: {w:?}");
    assert!(w.to_string().contains("/jxgk/robots.txt"), "{w}");
    // The file is still written: whoever runs the host's root may copy its lines.
    assert!(std::fs::read_to_string(out.join("robots.txt")).unwrap().contains("Sitemap: https://www.example.gov.cn/jxgk/sitemap.xml"));
}

/// The `<loc>`s of a sitemap file, in order.
fn locs(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
    doc.descendants().filter(|n| n.has_tag_name("loc")).map(|n| n.text().unwrap().to_string()).collect()
}

#[test]
fn a_sitemap_beyond_its_limit_becomes_an_index_of_parts_with_every_url() {
    let whole = example_with(|s| s);
    let (out, _) = build(whole.path());
    let one = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(one.contains("<urlset"), "within the limit: one sitemap");
    assert!(!out.join("sitemap-1.xml").exists());
    let all = locs(&one);
    assert!(all.len() > 10, "more URLs than the limit below: {}", all.len());

    let split = example_with(|s| format!("{s}\nsitemap_max_urls: 10\n"));
    let (out, _) = build(split.path());
    let index = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&index).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "sitemapindex", "{index}");
    let parts = locs(&index);
    assert_eq!(parts.len(), all.len().div_ceil(10));
    let mut listed = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        assert_eq!(part, &format!("https://jixiao.example.gov.cn/sitemap-{}.xml", i + 1), "parts sit beside the index");
        let xml = std::fs::read_to_string(out.join(format!("sitemap-{}.xml", i + 1))).unwrap();
        let urls = locs(&xml);
        assert!(urls.len() <= 10);
        listed.extend(urls);
    }
    assert_eq!(listed, all, "the parts list every URL once, in order");
    // robots.txt keeps naming sitemap.xml, which is now the index.
    assert!(std::fs::read_to_string(out.join("robots.txt")).unwrap().contains("sitemap.xml"));

    // Back under the limit: the parts are gone.
    std::fs::write(split.path().join("content/site.yaml"), std::fs::read_to_string(whole.path().join("content/site.yaml")).unwrap()).unwrap();
    let (out, _) = build(split.path());
    assert!(std::fs::read_to_string(out.join("sitemap.xml")).unwrap().contains("<urlset"));
    assert!(!out.join("sitemap-1.xml").exists(), "parts of the earlier build are removed");
}

#[test]
fn a_sitemap_limit_outside_the_protocol_is_an_error() {
    for bad in ["0", "50001"] {
        let tmp = example_with(|s| format!("{s}\nsitemap_max_urls: {bad}\n"));
        let mut options = jixiao::BuildOptions::new(tmp.path());
        options.output = tmp.path().join("public");
        let err = jixiao::build(&options).expect_err("refused");
        let d = err.0.iter().find(|d| d.code == "E0232").unwrap_or_else(|| panic!("E0232 in:\n{err}"));
        assert_eq!(d.field.as_deref(), Some("sitemap_max_urls"));
        assert!(d.to_string().contains(bad), "{d}");
    }
}
