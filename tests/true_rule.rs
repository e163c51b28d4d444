//! One rule per fact (issue 26, item 1): the execution rate of the budget section and of a
//! self-evaluation table's funds row is judged once, over the rounding of the written decimals,
//! and the report page's flag, `jixiao check --format json` and `report.json` say the same thing
//! at, inside and outside the edges of that rounding. A target's status (met or not, compared as
//! written) and the publisher's `met:` verdict against it are judged once too: the page's status
//! and flag, check's J301 and `report.json` agree at, inside and outside the target's edge.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// (department id, executed, total, stated rate, whether the stated rate cannot be right).
/// 120 ÷ 130 lies in 91.57…–93.0502… (whole 万元); 7907.98 ÷ 8334.69 in 94.8802…–94.8805….
const CASES: &[(&str, &str, &str, &str, bool)] = &[
    ("whole-inside", "120", "130", "92.5", false),
    ("whole-computed", "120", "130", "92.3", false),
    ("whole-upper-edge", "120", "130", "93.1", false),
    ("whole-above", "120", "130", "93.2", true),
    ("whole-lower-edge", "120", "130", "91.6", false),
    ("whole-below", "120", "130", "91.5", true),
    ("cents-inside", "7907.98", "8334.69", "94.88", false),
    ("cents-below", "7907.98", "8334.69", "94.87", true),
];

/// The check fixtures' clean report with the budget section's and the department table's total
/// funds row's executed, total and rate replaced.
fn report_yaml(executed: &str, total: &str, rate: &str) -> String {
    let clean = std::fs::read_to_string(repo().join("tests/fixtures/check/clean/content/base/2022.yaml")).unwrap();
    let replace = |text: String, from: &str, to: &str| {
        assert_eq!(text.matches(from).count(), 1, "the clean fixture has {from:?} once");
        text.replace(from, to)
    };
    let text = replace(
        clean,
        "  total: 8334.69\n  executed: 7907.98\n  execution_rate: 94.88\n",
        &format!("  total: {total}\n  executed: {executed}\n  execution_rate: {rate}\n"),
    );
    replace(
        text,
        "        budget: 8334.69\n        executed: 7907.98\n        weight: 10\n        rate: 94.88\n",
        &format!("        budget: {total}\n        executed: {executed}\n        weight: 10\n        rate: {rate}\n"),
    )
}

/// A site with one department per case.
fn site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::copy(repo().join("tests/fixtures/check/clean/content/site.yaml"), content.join("site.yaml")).unwrap();
    for (dept, executed, total, rate, _) in CASES {
        let dir = content.join(dept);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("department.yaml"), format!("name: 测试部门（{dept}）\n")).unwrap();
        std::fs::write(dir.join("2022.yaml"), report_yaml(executed, total, rate)).unwrap();
    }
    tmp
}

/// The fields `jixiao check --format json` flags with `rule`, per department.
fn check_json(root: &Path, rule: &str) -> Vec<(String, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["--lang", "en", "check", "--root", root.to_str().unwrap(), "--format", "json"])
        .output()
        .expect("jixiao runs");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("check JSON parses ({e}):\n{}", String::from_utf8_lossy(&out.stdout)));
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            let file = f["file"].as_str().unwrap().replace('\\', "/");
            let dept = file.split('/').nth(1).unwrap().to_string();
            (dept, f["field"].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn page_check_and_open_data_agree_on_every_rate() {
    let tmp = site();
    let out: PathBuf = tmp.path().join("public");
    let mut options = jixiao::BuildOptions::new(tmp.path());
    options.output = out.clone();
    jixiao::build(&options).unwrap_or_else(|d| panic!("the site builds:\n{d}"));
    let findings = check_json(tmp.path(), "J101");

    for (dept, executed, total, rate, differs) in CASES {
        let what = format!("{dept}: {executed} ÷ {total} stated {rate}");
        // check: J101 on the budget section and on the table's total funds row, or neither.
        let flagged: Vec<&str> = findings.iter().filter(|(d, _)| d == dept).map(|(_, f)| f.as_str()).collect();
        let expected: &[&str] = if *differs { &["budget.execution_rate", "evaluation_tables[0].funds[0].rate"] } else { &[] };
        assert_eq!(flagged, expected, "{what}: check's J101 findings");

        // The report page: the flag beside the computed rate, in the budget section and the table.
        let page = std::fs::read_to_string(out.join(format!("{dept}/2022/index.html"))).unwrap();
        let flags = page.matches("<span class=\"flag\">（与公布值不一致）</span>").count();
        assert_eq!(flags, if *differs { 2 } else { 0 }, "{what}: flags on the report page");

        // report.json: the computed block.
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(out.join(format!("{dept}/2022/report.json"))).unwrap()).unwrap();
        let computed = &doc["computed"];
        // A difference is said (`true`); agreement is the absence of the flag (layout 3).
        let flag = |v: &Value| match v {
            Value::Null => false,
            v => v.as_bool().unwrap_or_else(|| panic!("{what}: a boolean flag: {v}")),
        };
        assert_eq!(flag(&computed["execution_rate_differs_from_published"]), *differs, "{what}: report.json, budget section");
        assert_eq!(flag(&computed["evaluation_tables"][0]["funds"][0]["differs_from_published"]), *differs, "{what}: report.json, funds row");
        if !*differs {
            assert!(computed.get("execution_rate_differs_from_published").is_none(), "{what}: no false flag written");
        }
    }
}

/// (department id, satisfaction's result against its target ≥ 95, the publisher's `met:`,
/// jixiao's status, whether the verdict contradicts it). The result is compared as written:
/// 94.96 is not 95 even though it rounds to 95.0.
const TARGET_CASES: &[(&str, &str, &str, &str, bool)] = &[
    ("t-inside-said-met", "96.5", "true", "met", false),
    ("t-edge-said-met", "95", "true", "met", false),
    ("t-edge-written-said-met", "95.00", "true", "met", false),
    ("t-edge-said-not-met", "95", "false", "met", true),
    ("t-below-said-met", "94.99", "true", "not_met", true),
    ("t-below-rounds-up-said-met", "94.96", "true", "not_met", true),
    ("t-below-said-not-met", "94.99", "false", "not_met", false),
    ("t-outside-said-not-met", "90", "false", "not_met", false),
];

/// The clean report with the satisfaction target's result and verdict replaced.
fn target_yaml(result: &str, met: &str) -> String {
    let clean = std::fs::read_to_string(repo().join("tests/fixtures/check/clean/content/base/2022.yaml")).unwrap();
    let from = "      value: 96.5\n      text: 读者满意度 96.5%。\n";
    assert_eq!(clean.matches(from).count(), 1, "the clean fixture states satisfaction's result once");
    clean.replace(from, &format!("      value: {result}\n      text: 读者满意度 {result}%。\n      met: {met}\n"))
}

/// The `<li>` of target `id` on a report page.
fn target_item<'p>(page: &'p str, id: &str) -> &'p str {
    let start = page.find(&format!("<li id=\"result-{id}\">")).unwrap_or_else(|| panic!("the page lists target {id}"));
    // It ends where the next item or the list does (the end tag is optional, and left out).
    let rest = &page[start + 1..];
    let end = start + 1 + rest.find("<li id=\"result-").or_else(|| rest.find("</ol>")).expect("the item ends");
    &page[start..end]
}

#[test]
fn page_check_and_open_data_agree_on_every_target_status() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::copy(repo().join("tests/fixtures/check/clean/content/site.yaml"), content.join("site.yaml")).unwrap();
    for (dept, result, met, _, _) in TARGET_CASES {
        let dir = content.join(dept);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("department.yaml"), format!("name: 测试部门（{dept}）\n")).unwrap();
        std::fs::write(dir.join("2022.yaml"), target_yaml(result, met)).unwrap();
    }
    let out: PathBuf = tmp.path().join("public");
    let mut options = jixiao::BuildOptions::new(tmp.path());
    options.output = out.clone();
    jixiao::build(&options).unwrap_or_else(|d| panic!("the site builds:\n{d}"));
    let findings = check_json(tmp.path(), "J301");

    for (dept, result, met, status, contradicted) in TARGET_CASES {
        let what = format!("{dept}: {result} against ≥ 95, stated met: {met}");
        // check: J301 on the stated verdict, or nothing.
        let flagged: Vec<&str> = findings.iter().filter(|(d, _)| d == dept).map(|(_, f)| f.as_str()).collect();
        let expected: &[&str] = if *contradicted { &["targets[1].result.met"] } else { &[] };
        assert_eq!(flagged, expected, "{what}: check's J301 findings");

        // The report page: the status shown and the flag beside the publisher's verdict.
        let page = std::fs::read_to_string(out.join(format!("{dept}/2022/index.html"))).unwrap();
        let item = target_item(&page, "satisfaction");
        assert!(item.contains(&format!("<dd class=\"{status}\">")), "{what}: the page shows {status}:\n{item}");
        assert_eq!(item.contains("<span class=\"flag\">"), *contradicted, "{what}: the page's disagreement flag:\n{item}");

        // report.json: the computed block.
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(out.join(format!("{dept}/2022/report.json"))).unwrap()).unwrap();
        let target = &doc["computed"]["targets"][1];
        assert_eq!(target["id"], "satisfaction", "{what}: report.json's second target");
        assert_eq!(target["status"], *status, "{what}: report.json's status");
        assert_eq!(target["publisher_agrees"], !*contradicted, "{what}: report.json's publisher_agrees");
    }
}
