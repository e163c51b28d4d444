//! Integration tests of `jixiao::output::write`: what a second build changes on disk.

use jixiao::output::{write, OutputFile, MANIFEST};
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

fn f(path: &str, text: &str) -> OutputFile {
    OutputFile { path: path.to_string(), bytes: text.as_bytes().to_vec() }
}

fn site(version: &str) -> Vec<OutputFile> {
    vec![
        f("index.html", "<!doctype html><title>首页</title>"),
        f("huangpu/2022/index.html", &format!("<p>报告 {version}</p>")),
        f("huangpu/2022/report.json", "{}"),
        f("assets/site.css", "body{}"),
    ]
}

/// Moves a file's mtime an hour into the past and returns it, so any rewrite shows.
fn backdate(p: &Path) -> SystemTime {
    let old = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options().write(true).open(p).unwrap().set_modified(old).unwrap();
    fs::metadata(p).unwrap().modified().unwrap()
}

fn mtime(p: &Path) -> SystemTime {
    fs::metadata(p).unwrap().modified().unwrap()
}

#[test]
fn second_identical_write_touches_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let first = write(&out, &site("v1"), false).unwrap();
    assert_eq!((first.written, first.removed), (4, 0));
    let times: Vec<_> = site("v1").iter().map(|x| backdate(&out.join(&x.path))).collect();
    let manifest_time = backdate(&out.join(MANIFEST));

    let second = write(&out, &site("v1"), false).unwrap();
    assert_eq!((second.written, second.removed), (0, 0));
    for (x, t) in site("v1").iter().zip(times) {
        assert_eq!(mtime(&out.join(&x.path)), t, "{} was rewritten", x.path);
    }
    assert_eq!(mtime(&out.join(MANIFEST)), manifest_time, "manifest rewritten for nothing");
}

#[test]
fn changed_file_is_rewritten_and_others_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    write(&out, &site("v1"), false).unwrap();
    let home = backdate(&out.join("index.html"));
    let report = backdate(&out.join("huangpu/2022/index.html"));

    let stats = write(&out, &site("v2"), false).unwrap();
    assert_eq!(stats.written, 1);
    assert_eq!(fs::read_to_string(out.join("huangpu/2022/index.html")).unwrap(), "<p>报告 v2</p>");
    assert_ne!(mtime(&out.join("huangpu/2022/index.html")), report);
    assert_eq!(mtime(&out.join("index.html")), home);
}

#[test]
fn same_length_change_is_detected() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    write(&out, &[f("a.txt", "abc")], false).unwrap();
    let stats = write(&out, &[f("a.txt", "abd")], false).unwrap();
    assert_eq!(stats.written, 1);
    assert_eq!(fs::read_to_string(out.join("a.txt")).unwrap(), "abd");
}

#[test]
fn stale_file_removed_hand_placed_file_survives() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let mut v1 = site("v1");
    v1.push(f("xuhui/2021/index.html", "gone next time"));
    v1.push(f("huangpu/2021/index.html", "gone too"));
    write(&out, &v1, false).unwrap();
    // Placed by hand: beside jixiao's files and inside a folder that becomes otherwise empty.
    fs::write(out.join("robots-extra.txt"), "mine").unwrap();
    fs::write(out.join("huangpu/2021/notes.txt"), "mine too").unwrap();

    let stats = write(&out, &site("v1"), false).unwrap();
    assert_eq!((stats.written, stats.removed), (0, 2));
    assert!(!out.join("xuhui").exists(), "emptied folders are removed");
    assert!(!out.join("huangpu/2021/index.html").exists());
    assert_eq!(fs::read_to_string(out.join("robots-extra.txt")).unwrap(), "mine");
    assert_eq!(fs::read_to_string(out.join("huangpu/2021/notes.txt")).unwrap(), "mine too");

    let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
    let listed: Vec<&str> = manifest.lines().filter(|l| !l.starts_with('#')).collect();
    let mut expected: Vec<String> = site("v1").into_iter().map(|x| x.path).collect();
    expected.sort();
    assert_eq!(listed, expected, "manifest lists exactly this build's files, sorted");
}

#[test]
fn foreign_folder_refused_without_force_accepted_with_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("Documents");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("thesis.docx"), "precious").unwrap();

    let err = write(&out, &site("v1"), false).unwrap_err();
    assert_eq!(err.code, "E0401");
    assert!(err.hint.as_ref().is_some_and(|h| h.en.contains("--force")), "hint names --force: {err}");
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1, "nothing written when refused");

    let stats = write(&out, &site("v1"), true).unwrap();
    assert_eq!(stats.written, 4);
    assert_eq!(fs::read_to_string(out.join("thesis.docx")).unwrap(), "precious");
    // From now on the folder is jixiao's: no --force needed, and the foreign file still survives.
    let stats = write(&out, &site("v1")[..1], false).unwrap();
    assert_eq!(stats.removed, 3);
    assert!(out.join("thesis.docx").exists());
}

#[test]
fn empty_or_missing_folder_needs_no_force() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    write(&empty, &site("v1"), false).unwrap();
    let missing = tmp.path().join("a/b/c");
    write(&missing, &site("v1"), false).unwrap();
    assert!(missing.join("huangpu/2022/report.json").is_file());
}

#[test]
fn bad_paths_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    for bad in ["/etc/passwd", "../escape.html", "a/../../escape.html", "a//b", "", MANIFEST] {
        let mut files = site("v1");
        files.push(f(bad, "x"));
        let err = write(&out, &files, false).unwrap_err();
        assert_eq!(err.code, "E0402", "{bad:?}");
        assert!(!out.exists(), "{bad:?}: output folder must stay untouched");
    }
    assert!(!tmp.path().join("escape.html").exists());
}

#[test]
fn output_path_that_is_a_file_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    fs::write(&out, "not a folder").unwrap();
    assert!(write(&out, &site("v1"), true).is_err());
    assert_eq!(fs::read_to_string(&out).unwrap(), "not a folder");
}

/// Every entry of a folder (names only), to see that no staging folder is left behind.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn first_build_into_missing_empty_or_linked_folder_is_complete() {
    let tmp = tempfile::tempdir().unwrap();
    // Missing and empty folders take the one-rename path; a symlink to an empty folder must
    // stay a symlink (its target receives the files).
    let missing = tmp.path().join("missing");
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let target = tmp.path().join("target");
    fs::create_dir(&target).unwrap();
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    for out in [&missing, &empty, &link] {
        let stats = write(out, &site("v1"), false).unwrap();
        assert_eq!((stats.written, stats.removed), (4, 0), "{}", out.display());
        for x in site("v1") {
            assert_eq!(fs::read(out.join(&x.path)).unwrap(), x.bytes, "{} in {}", x.path, out.display());
        }
        let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
        assert!(manifest.contains("huangpu/2022/report.json"), "{manifest}");
        // A second build compares and writes nothing.
        assert_eq!(write(out, &site("v1"), false).unwrap().written, 0);
    }
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the symlink was replaced");
    assert!(target.join("index.html").is_file());
    assert_eq!(entries(tmp.path()), ["empty", "link", "missing", "target"], "a staging folder was left behind");
}
