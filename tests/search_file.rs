//! A snapshot or a built site opened from disk (file://) cannot fetch its search index: the
//! search page says that search needs the site served over http(s) and how, in Chromium.

use std::path::Path;
use std::process::Command;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// The search page's status after a query on the example site opened from disk.
fn search_from_disk(language: &str) -> (serde_json::Value, serde_yaml::Value) {
    assert!(Path::new("/usr/bin/chromium").is_file(), "chromium is missing: run `bash tests/install-deps.sh`");
    let root = tempfile::tempdir().unwrap();
    for dir in ["content", "themes"] {
        copy(&Path::new(REPO).join(dir), &root.path().join(dir));
    }
    let site_yaml = root.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site_yaml).unwrap();
    assert!(text.contains("\nlanguage: zh-CN\n"), "the example site is in Chinese");
    std::fs::write(&site_yaml, text.replace("\nlanguage: zh-CN\n", &format!("\nlanguage: {language}\n"))).unwrap();
    let out = root.path().join("public");
    let mut options = jixiao::BuildOptions::new(root.path());
    options.output = out.clone();
    jixiao::build(&options).unwrap_or_else(|d| panic!("{}", d.render(jixiao::messages::Lang::En)));
    let url = format!("file://{}?q=%E7%BD%91%E6%A0%BC", out.join("search/index.html").display());
    let o = Command::new("node").arg(Path::new(REPO).join("tests/browser/file-search.mjs")).arg(&url).output().expect("node runs");
    assert!(o.status.success(), "file-search.mjs failed: {}", String::from_utf8_lossy(&o.stderr));
    let strings: serde_yaml::Value = serde_yaml::from_str(&std::fs::read_to_string(Path::new(REPO).join(format!("themes/default/i18n/{language}.yaml"))).unwrap()).unwrap();
    (serde_json::from_slice(&o.stdout).expect("JSON"), strings)
}

fn copy(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

#[test]
fn search_opened_from_disk_says_it_needs_a_web_server() {
    let (page, strings) = search_from_disk("zh-CN");
    assert_eq!(page["state"], "no-server", "{page}");
    let expected = strings["search"]["needs_server"].as_str().unwrap();
    assert_eq!(page["status"], expected);
    assert!(expected.contains("jixiao serve") && !expected.contains("稍后"), "it says how, not 'try again later'");
}

#[test]
fn an_english_site_says_it_in_english() {
    let (page, strings) = search_from_disk("en");
    assert_eq!(page["state"], "no-server", "{page}");
    assert_eq!(page["status"], strings["search"]["needs_server"].as_str().unwrap());
}
