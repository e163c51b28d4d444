//! `jixiao build` keeps its promise about the output folder: a build that fails changes nothing
//! in it (a folder lying where a file goes is found before any file moves), and the site is
//! never written into its own sources (`--output content`, even with `--force`).

mod common;

use common::copy_dir;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_jixiao");

/// A copy of the repository's example site (`content/` and `themes/`) in a temporary folder.
fn example_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &tmp.path().join("content"));
    copy_dir(&repo.join("themes"), &tmp.path().join("themes"));
    tmp
}

/// Runs `jixiao build --root root --output output` plus `extra`, in English; exit code, stderr.
fn build(root: &Path, output: &Path, extra: &[&str]) -> (i32, String) {
    let out = Command::new(BIN)
        .args(["build", "--lang", "en", "--root"])
        .arg(root)
        .arg("--output")
        .arg(output)
        .args(extra)
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .output()
        .expect("jixiao runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Every file below `dir`, by path relative to it, with its bytes; folders too (empty bytes
/// under a trailing `/`), so a folder appearing or going shows as well.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut all = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
        let bytes = if entry.file_type().is_dir() { None } else { Some(fs::read(entry.path()).unwrap()) };
        all.insert(rel, bytes);
    }
    all
}

/// Paths whose bytes differ between two snapshots, or that are in one only.
fn changed(before: &BTreeMap<PathBuf, Option<Vec<u8>>>, after: &BTreeMap<PathBuf, Option<Vec<u8>>>) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> =
        before.iter().filter(|(p, b)| after.get(*p) != Some(b)).map(|(p, _)| p.clone()).collect();
    paths.extend(after.keys().filter(|p| !before.contains_key(*p)).cloned());
    paths
}

/// The QA case: a rebuild with a new site title, after `years/2022/index.html` was replaced
/// by a folder holding a file. It fails, and not one byte of the old output changed.
#[test]
fn a_folder_in_the_way_fails_the_build_before_any_file_changes() {
    let site = example_site();
    let root = site.path();
    let out = root.join("out");
    let (code, err) = build(root, &out, &[]);
    assert_eq!(code, 0, "{err}");

    let page = out.join("years/2022/index.html");
    assert!(page.is_file(), "the example site has {}", page.display());
    fs::remove_file(&page).unwrap();
    fs::create_dir(&page).unwrap();
    fs::write(page.join("placed-by-hand.txt"), "mine").unwrap();

    let yaml = root.join("content/site.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    assert!(text.lines().any(|l| l.starts_with("title:")), "site.yaml has a title");
    let retitled: String =
        text.lines().map(|l| if l.starts_with("title:") { "title: 改过的网站标题\n".to_string() } else { format!("{l}\n") }).collect();
    fs::write(&yaml, retitled).unwrap();

    let before = snapshot(&out);
    let (code, err) = build(root, &out, &[]);
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("error[E0403]") && err.contains("a folder is in the way"), "{err}");
    assert!(err.contains("years/2022/index.html"), "the folder is named: {err}");
    assert!(err.contains("move the folder elsewhere"), "{err}");
    assert!(err.contains("build failed; nothing in"), "{err}");
    let after = snapshot(&out);
    assert_eq!(changed(&before, &after), Vec::<PathBuf>::new(), "files of the old output changed: {err}");
    assert!(!after.values().flatten().any(|b| String::from_utf8_lossy(b).contains("改过的网站标题")), "no file has the new title");
    let leftovers: Vec<_> = fs::read_dir(root).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n.to_string_lossy().contains(".jixiao-")).collect();
    assert!(leftovers.is_empty(), "no staging folder left: {leftovers:?}");

    // The folder taken away, the same build succeeds and writes the new title.
    fs::remove_dir_all(&page).unwrap();
    let (code, err) = build(root, &out, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(fs::read_to_string(out.join("index.html")).unwrap().contains("改过的网站标题"));
    assert!(page.is_file());
}

/// `--output` naming the site root, `content/`, `themes/` or a folder inside them is refused,
/// `--force` or not, and nothing is written anywhere in the site.
#[test]
fn the_site_is_never_built_into_its_own_sources() {
    let site = example_site();
    let root = site.path();
    let before = snapshot(root);
    let cases = [
        (root.to_path_buf(), "the site's own folder"),
        (root.join("content"), "content/"),
        (root.join("content/pages"), "content/"),
        (root.join("content/new/deeper"), "content/"),
        (root.join("themes"), "themes/"),
        (root.join("themes/default/../x"), "themes/"),
        (root.join("public/../content"), "content/"),
    ];
    for (output, says) in &cases {
        for force in [&["--force"][..], &[]] {
            let (code, err) = build(root, output, force);
            assert_ne!(code, 0, "{} {force:?}: {err}", output.display());
            assert!(err.contains("error[E0404]"), "{err}");
            assert!(err.contains(&output.display().to_string()), "the folder is named: {err}");
            assert!(err.contains(says), "{err}");
            assert!(err.contains("--output") && err.contains("public"), "says what to use instead: {err}");
            assert!(err.contains("build failed; nothing in"), "{err}");
        }
    }
    assert_eq!(changed(&before, &snapshot(root)), Vec::<PathBuf>::new(), "nothing written into the site");

    // A relative --output, from inside the site: the same folder, the same answer.
    let out = Command::new(BIN)
        .current_dir(root.join("content"))
        .args(["build", "--lang", "en", "--root", "..", "--output", ".", "--force"])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[E0404]"));
    assert_eq!(changed(&before, &snapshot(root)), Vec::<PathBuf>::new());

    // `jixiao serve` refuses the same folders before building or listening.
    let mut serve = Command::new(BIN)
        .args(["serve", "--lang", "en", "--port", "0", "--root"])
        .arg(root)
        .arg("--output")
        .arg(root.join("content"))
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A serve that wrongly started would run until stopped: give it 30 s, then stop it.
    let started = std::time::Instant::now();
    while serve.try_wait().unwrap().is_none() && started.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let exited = serve.try_wait().unwrap();
    if exited.is_none() {
        let _ = serve.kill();
    }
    let out = serve.wait_with_output().unwrap();
    assert!(exited.is_some_and(|s| !s.success()), "serve must refuse and exit: {exited:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[E0404]"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(changed(&before, &snapshot(root)), Vec::<PathBuf>::new());

    // Beside the sources, or a folder merely named like one, is fine.
    let (code, err) = build(root, &root.join("public"), &[]);
    assert_eq!(code, 0, "{err}");
    let (code, err) = build(root, &root.join("contents"), &[]);
    assert_eq!(code, 0, "{err}");
}
