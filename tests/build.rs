//! Whole builds of the example site: every page type exists, builds are deterministic, a
//! rebuild with no change rewrites nothing, and files placed by hand survive.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn build_into(out: &Path) -> jixiao::BuildSummary {
    let mut options = jixiao::BuildOptions::new(repo());
    options.output = out.to_path_buf();
    jixiao::build(&options).unwrap_or_else(|d| panic!("the example site builds:\n{d}"))
}

fn files(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), (std::fs::read(e.path()).unwrap(), e.metadata().unwrap().modified().unwrap())))
        .collect()
}

#[test]
fn example_site_has_every_page_type() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let summary = build_into(&out);
    assert_eq!(summary.reports, 4, "3 demo years + the seed report; the draft is left out");
    for page in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "huangpu-zhengfawei/index.html",
        "huangpu-zhengfawei/2022/index.html",
        "demo-qingshui-wenlv/index.html",
        "demo-qingshui-wenlv/2020/index.html",
        "demo-qingshui-wenlv/2021/index.html",
        "demo-qingshui-wenlv/2022/index.html",
        "years/2020/index.html",
        "years/2022/index.html",
        "pages/about/index.html",
        "pages/methodology/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page} is built");
    }
    assert!(!out.join("demo-qingshui-wenlv/2023/index.html").exists(), "drafts are not built without --drafts");
}

#[test]
fn drafts_are_built_with_a_banner_only_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let mut options = jixiao::BuildOptions::new(repo());
    options.output = tmp.path().join("public");
    options.drafts = true;
    let summary = jixiao::build(&options).unwrap();
    assert_eq!(summary.reports, 5);
    let html = std::fs::read_to_string(options.output.join("demo-qingshui-wenlv/2023/index.html")).unwrap();
    assert!(html.contains("草稿"), "a draft page says it is a draft");
}

#[test]
fn two_builds_are_byte_identical_and_a_rebuild_rewrites_nothing() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    build_into(&a.path().join("public"));
    build_into(&b.path().join("public"));
    let first = files(&a.path().join("public"));
    let second = files(&b.path().join("public"));
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, (bytes, _)) in &first {
        assert!(bytes == &second[path].0, "{} differs between two builds", path.display());
    }

    std::thread::sleep(std::time::Duration::from_millis(20));
    let summary = build_into(&a.path().join("public"));
    assert_eq!(summary.written, 0, "nothing changed, nothing written");
    assert_eq!(first, files(&a.path().join("public")), "bytes and modification times unchanged");
}

#[test]
fn a_file_placed_by_hand_survives_a_build() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_into(&out);
    std::fs::write(out.join("google-site-verification.html"), "verify").unwrap();
    std::fs::create_dir_all(out.join("downloads")).unwrap();
    std::fs::write(out.join("downloads/2022.pdf"), "pdf").unwrap();
    build_into(&out);
    assert_eq!(std::fs::read_to_string(out.join("google-site-verification.html")).unwrap(), "verify");
    assert!(out.join("downloads/2022.pdf").is_file());
}

#[test]
fn a_foreign_non_empty_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("important.txt"), "keep").unwrap();
    let mut options = jixiao::BuildOptions::new(repo());
    options.output = tmp.path().to_path_buf();
    let err = jixiao::build(&options).expect_err("refused without --force");
    assert!(err.to_string().contains("--force"), "{err}");
    options.force = true;
    jixiao::build(&options).expect("accepted with --force");
    assert_eq!(std::fs::read_to_string(tmp.path().join("important.txt")).unwrap(), "keep");
}
