//! Every kind of input problem the loader reports: each fixture under `tests/fixtures/errors/`
//! replaces one report of the `minimal` fixture site, and the build must exit 1 naming the
//! file, line and column with the right message, while the previously built output stays
//! exactly as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

mod common;
use common::copy_dir;

const REPORT: &str = "content/civil-affairs/2022.yaml";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}


/// A copy of the minimal site, already built once.
fn built_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("minimal"), dir.path());
    let (code, out) = jixiao(dir.path());
    assert_eq!(code, 0, "the minimal fixture must build: {out}");
    dir
}

fn jixiao(root: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["--lang", "en", "build", "--root"])
        .arg(root)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    (out.status.code().unwrap_or(-1), text)
}

/// Every file of the output with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().unwrap();
            (e.path().to_path_buf(), (std::fs::read(e.path()).unwrap(), meta.modified().unwrap()))
        })
        .collect()
}

/// Replaces the report with `fixture`, builds, and checks failure, the untouched output, and
/// that each expected `position` and `message` appear in the diagnostics.
fn assert_refused(fixture: &str, expected: &[(&str, &str)]) -> String {
    let site = built_site();
    let before = snapshot(&site.path().join("public"));
    assert!(!before.is_empty(), "first build wrote files");
    std::fs::copy(fixtures().join("errors").join(fixture), site.path().join(REPORT)).unwrap();
    let (code, out) = jixiao(site.path());
    assert_eq!(code, 1, "{fixture} must fail the build:\n{out}");
    for (position, message) in expected {
        let line = out
            .lines()
            .find(|l| l.contains(position))
            .unwrap_or_else(|| panic!("{fixture}: no diagnostic at {position} in:\n{out}"));
        assert!(line.contains(message), "{fixture}: diagnostic at {position} should say {message:?}, got {line:?}");
    }
    assert_eq!(before, snapshot(&site.path().join("public")), "{fixture}: a failed build changed the output");
    out
}

#[test]
fn unknown_key_suggests_the_near_name() {
    let out = assert_refused("unknown-key.yaml", &[("2022.yaml:6:3", "budget.totl: unknown key `totl`")]);
    assert!(out.contains("did you mean `total`?"), "{out}");
}

#[test]
fn wrong_type_names_the_field_and_what_was_found() {
    let out = assert_refused("wrong-type.yaml", &[("2022.yaml:7:13", "budget.executed: must be a number, found \"七千\"")]);
    // The offending line and a caret under the value are shown.
    assert!(out.contains("7 |   executed: 七千"), "{out}");
    assert!(out.contains("  |             ^^^^"), "{out}");
}

#[test]
fn missing_required_field() {
    assert_refused("missing-field.yaml", &[("2022.yaml:1:1", "missing required field `title`")]);
}

#[test]
fn duplicate_id() {
    assert_refused("duplicate-id.yaml", &[("2022.yaml:8:11", "duplicate task id \"care\" (first used on line 6)")]);
}

#[test]
fn year_that_disagrees_with_the_file_name() {
    assert_refused("year-mismatch.yaml", &[("2022.yaml:1:7", "says \"2021\" but the file's path says \"2022\"")]);
}

#[test]
fn department_that_disagrees_with_the_folder() {
    assert_refused("department-mismatch.yaml", &[("2022.yaml:1:13", "says \"civil\" but the file's path says \"civil-affairs\"")]);
}

#[test]
fn empty_file() {
    assert_refused("empty.yaml", &[(REPORT, "this file is empty")]);
}

#[test]
fn broken_yaml() {
    let out = assert_refused("broken.yaml", &[("2022.yaml:4:5", "this is not valid YAML")]);
    assert!(out.contains("unclosed"), "the hint says where such mistakes usually are: {out}");
}

#[test]
fn gbk_file_is_explained() {
    let out = assert_refused("gbk.yaml", &[("2022.yaml:1:8", "not UTF-8 text (it looks like GBK/GB18030")]);
    assert!(out.contains("iconv -f GB18030 -t UTF-8"), "{out}");
}

#[test]
fn alias_bomb_is_refused_not_expanded() {
    assert_refused("alias-bomb.yaml", &[("2022.yaml:", "aliases (*name) expand to more than")]);
}

#[test]
fn extreme_nesting_is_refused() {
    assert_refused("deep.yaml", &[("2022.yaml:1:", "nest more than 64 levels deep")]);
}

#[test]
fn two_errors_in_one_file_are_both_reported_at_their_values() {
    let out = assert_refused(
        "two-errors.yaml",
        &[
            ("2022.yaml:6:10", "budget.total: must be a number, found \"一千\""),
            ("2022.yaml:10:16", "targets[0].direction: \"up\" is not allowed here"),
        ],
    );
    assert!(out.contains("2 errors"), "{out}");
}

#[test]
fn problems_in_several_files_are_all_reported() {
    let site = built_site();
    std::fs::copy(fixtures().join("errors/wrong-type.yaml"), site.path().join(REPORT)).unwrap();
    std::fs::write(site.path().join("content/civil-affairs/department.yaml"), "name: 民政局\nshortname: 民政\n").unwrap();
    let (code, out) = jixiao(site.path());
    assert_eq!(code, 1);
    assert!(out.contains("content/civil-affairs/department.yaml:2:1: shortname: unknown key"), "{out}");
    assert!(out.contains("content/civil-affairs/2022.yaml:7:13: budget.executed"), "{out}");
}

#[test]
fn bom_and_crlf_are_accepted() {
    let site = built_site();
    std::fs::copy(fixtures().join("errors/bom-crlf.yaml"), site.path().join(REPORT)).unwrap();
    let (code, out) = jixiao(site.path());
    assert_eq!(code, 0, "{out}");
}

#[test]
fn reserved_department_id_is_refused() {
    let site = built_site();
    copy_dir(&site.path().join("content/civil-affairs"), &site.path().join("content/search"));
    std::fs::remove_file(site.path().join("content/search/department.yaml")).unwrap();
    std::fs::write(site.path().join("content/search/department.yaml"), "name: 搜索\n").unwrap();
    let (code, out) = jixiao(site.path());
    assert_eq!(code, 1);
    assert!(out.contains("content/search: \"search\" cannot be a department id"), "{out}");
}

#[test]
fn utf16_file_is_explained_and_shown_decoded() {
    // Notepad's "Unicode" is UTF-16 with a byte-order mark: name it, show the line readably
    // (no NUL bytes or mojibake) and convert from UTF-16, not from GB18030.
    let out = assert_refused("utf16.yaml", &[("2022.yaml:1:1", "not UTF-8 text (it is UTF-16)")]);
    assert!(out.contains("iconv -f UTF-16 -t UTF-8"), "{out}");
    assert!(!out.contains('\0') && !out.contains('\u{fffd}'), "the source line is decoded: {out}");
    let first = std::fs::read_to_string(fixtures().join("errors/wrong-type.yaml")).unwrap().lines().next().unwrap().to_string();
    assert!(out.contains(&format!("1 | {first}")), "{out}");
}

#[test]
fn a_figure_longer_than_exact_arithmetic_is_refused() {
    // 22 significant digits cannot be summed or divided exactly: refused at the value, rather
    // than shown with digits nobody wrote.
    let out = assert_refused(
        "too-many-digits.yaml",
        &[("2022.yaml:7:13", "budget.executed: \"79079800000000000000.98\" has 22 significant digits; jixiao computes exactly with at most 15")],
    );
    assert!(out.contains("万元"), "the hint explains the unit: {out}");
}

/// A link under `content/` leading outside it, made after a first build: the build must fail
/// naming it, leave the output as it was, and publish nothing of what the link points at.
#[cfg(unix)]
fn assert_link_refused(make: impl FnOnce(&Path, &Path), position: &str, message: &str) {
    let site = built_site();
    let outside = tempfile::tempdir().unwrap();
    let before = snapshot(&site.path().join("public"));
    make(site.path(), outside.path());
    let (code, out) = jixiao(site.path());
    assert_eq!(code, 1, "a link out of content/ must fail the build:\n{out}");
    let line = out.lines().find(|l| l.contains(position)).unwrap_or_else(|| panic!("no diagnostic at {position} in:\n{out}"));
    assert!(line.contains(message), "diagnostic at {position} should say {message:?}, got {line:?}");
    assert_eq!(before, snapshot(&site.path().join("public")), "a failed build changed the output");
}

#[cfg(unix)]
#[test]
fn a_content_file_linking_outside_content_is_refused() {
    use std::os::unix::fs::symlink;
    // A report and a free page, each a link to a file elsewhere on the machine.
    assert_link_refused(
        |site, outside| {
            let secret = outside.join("2022.yaml");
            std::fs::copy(site.join(REPORT), &secret).unwrap();
            std::fs::remove_file(site.join(REPORT)).unwrap();
            symlink(&secret, site.join(REPORT)).unwrap();
        },
        "error[E0007]: content/civil-affairs/2022.yaml",
        "outside content/",
    );
    assert_link_refused(
        |site, outside| {
            let secret = outside.join("secret.md");
            std::fs::write(&secret, "---\ntitle: 机密\n---\n机密内容\n").unwrap();
            symlink(&secret, site.join("content/pages/leak.md")).unwrap();
        },
        "error[E0007]: content/pages/leak.md",
        "outside content/",
    );
}

#[cfg(unix)]
#[test]
fn an_attachment_linking_outside_its_folder_is_refused() {
    use std::os::unix::fs::symlink;
    let attach = |site: &Path| {
        let report = site.join(REPORT);
        let mut text = std::fs::read_to_string(&report).unwrap();
        text.push_str("attachments:\n  - file: files/p.pdf\n    title: 自评报告\n");
        std::fs::write(&report, text).unwrap();
    };
    // The file itself a link.
    assert_link_refused(
        |site, outside| {
            std::fs::write(outside.join("secret.pdf"), "机密").unwrap();
            std::fs::create_dir(site.join("content/civil-affairs/files")).unwrap();
            symlink(outside.join("secret.pdf"), site.join("content/civil-affairs/files/p.pdf")).unwrap();
            attach(site);
        },
        "attachments[0].file",
        "leads outside the report's folder",
    );
    // A linked folder on its way.
    assert_link_refused(
        |site, outside| {
            std::fs::write(outside.join("p.pdf"), "机密").unwrap();
            symlink(outside, site.join("content/civil-affairs/files")).unwrap();
            attach(site);
        },
        "attachments[0].file",
        "leads outside the report's folder",
    );
}

/// Replaces `from` with `to` in the site's file `file`, builds, and checks that the build
/// fails with `message` at `position` and leaves the output as it was.
fn assert_edit_refused(file: &str, from: &str, to: &str, position: &str, message: &str) {
    let site = built_site();
    let before = snapshot(&site.path().join("public"));
    let path = site.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} holds {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    let (code, out) = jixiao(site.path());
    assert_eq!(code, 1, "{to:?} must fail the build:\n{out}");
    let line = out.lines().find(|l| l.contains(position)).unwrap_or_else(|| panic!("no diagnostic at {position} in:\n{out}"));
    assert!(line.contains(message), "diagnostic at {position} should say {message:?}, got {line:?}");
    assert_eq!(before, snapshot(&site.path().join("public")), "a failed build changed the output");
}

#[test]
fn control_characters_are_refused_where_they_are() {
    // Raw, in a plain value (U+0001), and escaped in a double-quoted one (U+001B, which
    // would also reach the terminal).
    assert_edit_refused(REPORT, "title: 2022年度", "title: 2022\u{1}年度", "2022.yaml:1:8", "control character U+0001");
    assert_edit_refused(REPORT, "title: 2022年度测试市民政局部门整体支出绩效自评报告", "title: \"2022\\u001b[2J年度\"", "2022.yaml:1:8", "control character U+001B");
    // A C1 control (U+0085) in the Markdown of a free page, located in the body.
    assert_edit_refused("content/pages/about.md", "本站公开", "本站\u{85}公开", "about.md:4:3", "control character U+0085");
}

#[test]
fn a_tab_used_for_indentation_is_pointed_at_on_its_own_line() {
    // The parser stops in the value of the line before (a plain value may go on over lines);
    // the error names the tab's line.
    assert_edit_refused(REPORT, "\n  executed: 950.5", "\n\texecuted: 950.5", "2022.yaml:11:1", "indented with a tab");
}

#[test]
fn bytes_that_are_neither_utf8_nor_gbk_get_no_gbk_advice() {
    let site = built_site();
    let path = site.path().join(REPORT);
    let mut bytes = std::fs::read(&path).unwrap();
    // 0xFF never occurs in UTF-8 nor as a GBK lead byte.
    let at = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    bytes.splice(at..at, [0xFF, 0xFF, b'\n']);
    std::fs::write(&path, bytes).unwrap();
    let (code, out) = jixiao(site.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("2022.yaml:2:1") && out.contains("not UTF-8"), "{out}");
    assert!(!out.contains("GB18030"), "no GBK advice for bytes that are not GBK: {out}");
    assert!(out.contains("save it as UTF-8"), "{out}");
}

#[test]
fn an_operator_written_back_to_front_is_corrected_to_the_right_one() {
    let site = built_site();
    let path = site.path().join(REPORT);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("op: \"≥\"", "op: \"=>\"", 1)).unwrap();
    let (code, out) = jixiao(site.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("did you mean `≥`?"), "`=>` means ≥, not `=`: {out}");
}
