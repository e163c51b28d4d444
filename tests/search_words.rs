//! The search records are worded with the site's own UI strings (issue 25): a site in English
//! indexes the English labels and headings its pages show, the default Chinese site the Chinese
//! ones, and neither indexes the other language's words.

mod common;

use jixiao::strings::Strings;
use std::path::{Path, PathBuf};

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// The example site built with `language` into a temporary folder; its output folder.
fn build(language: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&Path::new(REPO).join("content"), &dir.path().join("content"));
    let site_yaml = dir.path().join("content/site.yaml");
    let yaml = std::fs::read_to_string(&site_yaml).unwrap();
    assert!(yaml.contains("\nlanguage: zh-CN\n"), "the example site states its language");
    std::fs::write(&site_yaml, yaml.replace("\nlanguage: zh-CN\n", &format!("\nlanguage: {language}\n"))).unwrap();
    let options = jixiao::BuildOptions::new(dir.path());
    let out = options.output.clone();
    jixiao::build(&options).unwrap_or_else(|d| panic!("build in {language}: {d:?}"));
    (dir, out)
}

/// The default theme's strings in `language`, as the theme's file has them.
fn strings(language: &str) -> Strings {
    let file = Path::new(REPO).join(format!("themes/default/i18n/{language}.yaml"));
    jixiao::strings::parse(&file, &std::fs::read(&file).unwrap()).unwrap()
}

/// Every search record of the built site (the records of its fragment packs, `search/f/`).
fn records(out: &Path) -> Vec<serde_json::Value> {
    use jixiao::search::index::{after_magic, inflate, inflate_with};
    let dir = out.join("search/f");
    // The packs' preset dictionary, named by the manifest.
    let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("search/manifest.json")).unwrap()).unwrap();
    let z = out.join(format!("search/z.{}.bin", manifest["z"].as_str().unwrap()));
    let dictionary = inflate(after_magic(&z.display().to_string(), &std::fs::read(&z).unwrap()).unwrap()).unwrap();
    let mut all = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            let json = inflate_with(after_magic(&entry.path().display().to_string(), &bytes).unwrap(), &dictionary).unwrap();
            let pack: Vec<Vec<serde_json::Value>> = serde_json::from_slice(&json).unwrap();
            all.extend(pack.into_iter().flatten());
        }
    }
    assert!(all.len() > 20, "the example site has records: {}", all.len());
    all
}

fn find<'r>(records: &'r [serde_json::Value], url: &str) -> &'r serde_json::Value {
    records.iter().find(|r| r["u"] == url).unwrap_or_else(|| panic!("a record for {url}"))
}

fn text(r: &serde_json::Value) -> &str {
    r["x"].as_str().unwrap()
}

/// The keys checked: a department field, a cover field, a budget figure, a table column and an
/// indicator page's field, each as `label` + the theme's colon.
const LABELS: [(&str, &str); 5] = [
    ("huangpu-zhengfawei/", "department.parent"),
    ("demo-qingshui-wenlv/2022/", "cover.issuer"),
    ("huangpu-zhengfawei/2022/#budget", "budget.total"),
    ("demo-qingshui-wenlv/2022/#tables", "table.actual"),
    ("huangpu-zhengfawei/indicators/", "indicator.id"),
];

fn check(language: &str, other: &str) {
    let (_dir, out) = build(language);
    let (s, o) = (strings(language), strings(other));
    let recs = records(&out);
    for (url, key) in LABELS {
        let r = if url.ends_with("/indicators/") {
            recs.iter().find(|r| r["u"].as_str().unwrap().starts_with(url)).expect("an indicator page record")
        } else {
            find(&recs, url)
        };
        let label = format!("{}{}", s[key], s["common.colon"]);
        assert!(text(r).contains(&label), "{language}: the record of {url} says {label:?}: {}", text(r));
        // (The reports' own text is Chinese whatever the site's language: labels only.)
        let other_label = format!("{}{}", o[key], o["common.colon"]);
        assert!(!text(r).contains(&other_label), "{language}: the record of {url} has the {other} label {other_label:?}");
        // The page the record points to shows the same word.
        let page = out.join(r["u"].as_str().unwrap().split('#').next().unwrap()).join("index.html");
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(html.contains(&s[key]), "{language}: {} shows {:?}", page.display(), s[key]);
    }
    let budget = find(&recs, "huangpu-zhengfawei/2022/#budget");
    assert_eq!(budget["h"], s["section.budget"].as_str(), "{language}: section headings are the page's");
    let cover = find(&recs, "huangpu-zhengfawei/2022/");
    let year = jixiao::strings::fill(&s["common.year"], &[("year", "2022")]);
    assert!(text(cover).lines().any(|l| l == year), "{language}: the cover names the year as {year:?}: {}", text(cover));
}

#[test]
fn an_english_site_indexes_the_english_words_its_pages_show() {
    check("en", "zh-CN");
}

#[test]
fn the_chinese_site_indexes_the_chinese_words_its_pages_show() {
    check("zh-CN", "en");
}
