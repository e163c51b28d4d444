//! What the command line prints when something is wrong: `jixiao check --format json` writes a
//! JSON document on stdout even when the content does not load, and `jixiao new` reports a bad
//! department id as the bad id it is (`error[E0204]`), with codes like the loader's.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::copy_dir;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The minimal site, with `report` (a file of tests/fixtures/errors) as its 2022 report.
fn site_with(report: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("minimal"), dir.path());
    if let Some(r) = report {
        std::fs::copy(fixtures().join("errors").join(r), dir.path().join("content/civil-affairs/2022.yaml")).unwrap();
    }
    dir
}

/// Runs jixiao in English; exit code, stdout, stderr.
fn jixiao(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["--lang", "en"])
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("NO_COLOR", "1")
        .output()
        .expect("jixiao runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).to_string();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

fn check_json(root: &Path) -> (i32, serde_json::Value, String) {
    let (code, stdout, stderr) = jixiao(&["check", "--root", root.to_str().unwrap(), "--format", "json"]);
    let doc = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("stdout is JSON ({e}):\n{stdout}\nstderr:\n{stderr}"));
    (code, doc, stderr)
}

#[test]
fn check_json_reports_a_wrong_type_as_a_finding() {
    let site = site_with(Some("wrong-type.yaml"));
    let (code, doc, _) = check_json(site.path());
    assert_eq!(code, 1);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{doc:#}");
    let f = &findings[0];
    assert_eq!(f["rule"], "E0103");
    assert_eq!(f["code"], "E0103");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["file"], "content/civil-affairs/2022.yaml");
    assert_eq!(f["line"], 7);
    assert_eq!(f["column"], 13);
    assert_eq!(f["position"], "content/civil-affairs/2022.yaml:7:13");
    assert_eq!(f["field"], "budget.executed");
    assert_eq!(f["message"], "must be a number, found \"七千\"");
    assert!(f["hint"].as_str().is_some_and(|h| !h.is_empty()), "{f:#}");
    assert_eq!(f["source_line"], "  executed: 七千");
    assert_eq!(doc["summary"]["errors"], 1);
    assert_eq!(doc["summary"]["warnings"], 0);
    assert_eq!(doc["summary"]["text"], "1 error, 0 warnings");
}

#[test]
fn check_json_reports_a_yaml_syntax_error_as_a_finding() {
    let site = site_with(None);
    let report = site.path().join("content/civil-affairs/2022.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, format!("{text}oops: [unclosed\n")).unwrap();
    let (code, doc, _) = check_json(site.path());
    assert_eq!(code, 1);
    let f = doc["findings"].as_array().unwrap().iter().find(|f| f["code"] == "E0004").unwrap_or_else(|| panic!("an E0004 finding:\n{doc:#}"));
    assert_eq!(f["severity"], "error");
    assert_eq!(f["file"], "content/civil-affairs/2022.yaml");
    assert!(f["line"].as_u64().is_some_and(|l| l >= 1) && f["column"].as_u64().is_some_and(|c| c >= 1), "{f:#}");
    assert!(f["message"].as_str().unwrap().contains("YAML"), "{f:#}");
}

#[test]
fn check_human_output_of_a_load_error_is_unchanged() {
    let site = site_with(Some("wrong-type.yaml"));
    let (code, stdout, stderr) = jixiao(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert!(stderr.contains("error[E0103]: content/civil-affairs/2022.yaml:7:13: budget.executed: must be a number"), "{stderr}");
}

#[test]
fn check_json_of_loading_content_is_still_the_findings() {
    let site = site_with(None);
    let (code, doc, _) = check_json(site.path());
    assert!(doc["findings"].is_array() && doc["summary"]["errors"].is_u64(), "{doc:#}");
    assert_eq!(code == 0, doc["summary"]["errors"] == 0);
}

#[test]
fn new_reports_a_bad_department_id_as_e0204() {
    let site = site_with(None);
    let root = site.path().to_str().unwrap();
    let (code, stdout, stderr) = jixiao(&["new", "../../newpwn", "2024", "--root", root]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert!(stderr.starts_with("error[E0204]: content/../../newpwn: department: \"../../newpwn\" is not a valid id\n"), "{stderr}");
    assert!(!stderr.contains("department.yaml"), "{stderr}");
    assert!(stderr.contains("  = hint: ids appear in web addresses"), "{stderr}");
    assert!(stderr.contains("for example: jixiao new newpwn 2024"), "{stderr}");
    // Nothing was written outside (or inside) the site.
    assert!(!site.path().join("../../newpwn").exists());

    let (code, _, stderr) = jixiao(&["new", "Civil-Affairs", "2024", "--root", root]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with("error[E0204]: "), "{stderr}");
    assert!(stderr.contains("jixiao new civil-affairs 2024"), "{stderr}");
}

#[test]
fn new_reports_a_reserved_id_and_a_missing_department_with_codes() {
    let site = site_with(None);
    let root = site.path().to_str().unwrap();
    let (code, _, stderr) = jixiao(&["new", "search", "2024", "--root", root]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with("error[E0203]: content/search: department: "), "{stderr}");

    let (code, _, stderr) = jixiao(&["new", "no-such-dept", "2024", "--root", root]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with("error[E0001]: content/no-such-dept/department.yaml: no department `no-such-dept`"), "{stderr}");
}

#[test]
fn new_still_writes_a_report_for_a_valid_id() {
    let site = site_with(None);
    let root = site.path().to_str().unwrap();
    let (code, _, stderr) = jixiao(&["new", "civil-affairs", "2023", "--root", root]);
    assert_eq!(code, 0, "{stderr}");
    assert!(site.path().join("content/civil-affairs/2023.yaml").is_file());
    // A second run refuses to overwrite.
    let (code, _, stderr) = jixiao(&["new", "civil-affairs", "2023", "--root", root]);
    assert_eq!(code, 1);
    assert!(stderr.contains("already exists"), "{stderr}");
}
