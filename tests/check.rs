//! `jixiao check`: every rule has a fixture that triggers it (tests/fixtures/check/triggers,
//! one department per rule) and a site on which every rule passes (tests/fixtures/check/clean);
//! findings are located at the value and carry the figures; JSON carries every field of the
//! human output; the example content is checked.

use jixiao::check::{CheckReport, Finding, RULES, check, render_human, render_json};
use jixiao::diagnostics::Severity;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/check").join(name)
}

fn run(root: &Path) -> CheckReport {
    let content = jixiao::load::load(root).unwrap_or_else(|d| panic!("{} loads:\n{d}", root.display()));
    check(&content)
}

fn in_dept<'a>(report: &'a CheckReport, dept: &str) -> Vec<&'a Finding> {
    let prefix = format!("content/{dept}/");
    report.findings.iter().filter(|f| f.file.to_string_lossy().replace('\\', "/").starts_with(&prefix)).collect()
}

/// The text at a finding's location, from its column on.
fn at(f: &Finding) -> String {
    let loc = f.location.unwrap_or_else(|| panic!("{} {} is located", f.rule, f.field));
    let line = f.source_line.as_deref().unwrap_or_else(|| panic!("{} has its source line", f.rule));
    line.chars().skip(loc.column - 1).collect()
}

/// (department, rule, field, the text the location points at, figures as written that the
/// finding must list).
const EXPECTED: &[(&str, &str, &str, &str, &[&str])] = &[
    ("j001", "J001", "acknowledge[0]", "rule: J104", &[]),
    ("j101", "J101", "evaluation_tables[0].funds[1].rate", "94.28", &["7807.98", "8234.69", "94.28"]),
    ("j102", "J102", "budget.executed", "7907.98", &["3643.3", "4273.68", "7907.98"]),
    ("j103", "J103", "budget.by_source", "- source: 一般公共预算财政拨款", &["8234.69", "100.00", "7907.98"]),
    ("j104", "J104", "budget.carry_over", "0.00", &["8334.69", "7907.98", "0.00"]),
    ("j105", "J105", "performance.covered_share", "99.81", &["4238.61", "4273.68", "99.81"]),
    ("j106", "J106", "performance.covered_funds", "4300.00", &["4300.00", "4273.68"]),
    ("j107", "J107", "evaluation_tables[0].funds[0].initial", "8000.00", &["8100.00", "8000.00"]),
    ("j108", "J108", "evaluation_tables[0].funds[0].initial", "8000.00", &["7900.00", "150.00", "8000.00"]),
    ("j201", "J201", "achievements[0].figures[0].value", "1000", &["610", "400", "1000"]),
    ("j202", "J202", "achievements[0].figures[1].value", "58.23", &["2.74", "56.51", "58.23"]),
    ("j203", "J203", "achievements[0].figures[3].value", "118.2", &["112.8", "118.2"]),
    ("j204", "J204", "achievements[0].figures[2].parts[1].value", "2956", &["2904", "2956"]),
    ("j301", "J301", "targets[0].result.met", "false", &["100", "112.8"]),
    ("j302", "J302", "targets[2].result.text", "服务质量得到明显提升。", &[]),
    ("j303", "J303", "evaluation_tables[0].indicators[2].actual.value", "101", &["101"]),
    ("j401", "J401", "evaluation_tables[0].total_weight", "90", &["10", "40", "30", "20", "90"]),
    ("j402", "J402", "evaluation_tables[0].indicators[0].score", "40", &["40", "39"]),
    ("j403", "J403", "evaluation_tables[0].total_score", "99.92", &["9.49", "40", "30", "19.80", "99.92"]),
    ("j404", "J404", "evaluation_tables[0].grade", "良", &["99.29"]),
    ("j405", "J405", "evaluation_tables[0].indicators[2].deviation", "id: timeliness", &["98", "97"]),
    ("j501", "J501", "targets[0].unit", "万元", &[]),
    ("j502", "J502", "targets[0].direction", "higher", &[]),
    ("j503", "J503", "achievements[0].figures[5].value", "15.17", &["2854", "2400", "15.17"]),
    ("j504", "J504", "targets[0].unit", "万人次", &[]),
    ("j601", "J601", "work.tasks[1]", "id: task-b", &[]),
    ("j602", "J602", "task_narratives[1].task", "task-a", &[]),
    ("rounding-fail", "J101", "budget.execution_rate", "94.80", &["7907.98", "8334.69", "94.80"]),
];

#[test]
fn every_rule_passes_on_the_clean_site() {
    let report = run(&fixture("clean"));
    assert!(report.findings.is_empty(), "no finding on the clean site:\n{}", render_human(&report, jixiao::messages::Lang::En));
}

#[test]
fn each_rule_is_triggered_at_its_value_with_its_figures() {
    let report = run(&fixture("triggers"));
    for (dept, rule, field, text, figures) in EXPECTED {
        let found = in_dept(&report, dept);
        assert_eq!(found.len(), 1, "{dept}: exactly one finding, got:\n{found:#?}");
        let f = found[0];
        assert_eq!((f.rule, f.field.as_str()), (*rule, *field), "{dept}");
        assert_eq!(f.severity, jixiao::check::rule(rule).unwrap().severity, "{dept}: default severity");
        assert!(at(f).starts_with(text), "{dept}: location points at {text:?}, found {:?}", at(f));
        let loc = f.location.unwrap();
        assert_eq!(f.position, format!("content/{dept}/2022.yaml:{}:{}", loc.line, loc.column));
        let listed: Vec<&str> = f.figures.iter().map(|g| g.value.as_str()).collect();
        for v in figures.iter() {
            assert!(listed.contains(v), "{dept}: figure {v} listed in {listed:?}");
            assert!(
                f.message.en.contains(v) || f.arithmetic.en.contains(v) || f.message.en.contains(&v.replace("8234", "8,234")),
                "{dept}: {v} shown in message or arithmetic: {} / {}",
                f.message.en,
                f.arithmetic.en
            );
        }
        assert!(!f.description.en.is_empty() && !f.hint.en.is_empty());
    }
    // J401's figures: every weight and the declared total.
    let j401 = in_dept(&report, "j401")[0];
    let listed: Vec<&str> = j401.figures.iter().map(|g| g.value.as_str()).collect();
    assert_eq!(listed, ["10", "40", "30", "20", "90"]);
    assert!(j401.arithmetic.en.starts_with("10 + 40 + 30 + 20 = 100; stated 90"), "{}", j401.arithmetic.en);
    // The settings themselves: an unknown rule id in site.yaml.
    let j002: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == "J002").collect();
    assert_eq!(j002.len(), 1);
    assert_eq!((j002[0].position.as_str(), j002[0].field.as_str()), ("content/site.yaml:6:11", "check.rules.J999"));
}

#[test]
fn every_rule_has_a_trigger_fixture() {
    for r in RULES {
        // J701/J702 compare a report with a snapshot, which a static fixture does not hold:
        // tests/corrections.rs makes one and triggers them.
        let tested = EXPECTED.iter().any(|e| e.1 == r.id) || ["J002", "J701", "J702"].contains(&r.id);
        assert!(tested, "rule {} has a fixture that triggers it", r.id);
    }
}

#[test]
fn rounding_follows_the_written_decimals() {
    let report = run(&fixture("triggers"));
    assert!(in_dept(&report, "rounding-pass").is_empty(), "7907.98 ÷ 8334.69 reported as 94.88 passes");
    let fail = in_dept(&report, "rounding-fail");
    assert_eq!(fail.len(), 1, "reported as 94.80 fails");
    let f = fail[0];
    assert_eq!(f.position, "content/rounding-fail/2022.yaml:9:19");
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.en.contains("94.80") && f.message.en.contains("94.88"), "{}", f.message.en);
    assert!(f.arithmetic.en.starts_with("7907.98 ÷ 8334.69 × 100 = 94.88"), "{}", f.arithmetic.en);
    assert!(f.arithmetic.en.contains("94.80 ± 0.005"), "tolerance from the written decimals: {}", f.arithmetic.en);
}

#[test]
fn acknowledged_findings_stay_visible_but_do_not_fail() {
    let report = run(&fixture("triggers"));
    let ack = in_dept(&report, "ack-j104");
    assert_eq!(ack.len(), 1);
    assert_eq!(ack[0].rule, "J104");
    assert_eq!(ack[0].acknowledged.as_deref(), Some("结余资金已按规定上缴国库"));
    let (_, _, acknowledged) = report.counts();
    assert_eq!(acknowledged, 1);
    assert!(render_human(&report, jixiao::messages::Lang::En).contains("acknowledged: 结余资金已按规定上缴国库"));
}

fn jixiao(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao")).args(["--lang", "en"]).args(args).output().expect("jixiao runs");
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn json_parses_and_carries_every_field_of_the_human_output() {
    let root = fixture("triggers");
    let root = root.to_str().unwrap();
    let (code, human, _) = jixiao(&["check", "--root", root]);
    assert_eq!(code, 1, "errors fail the command");
    let (code_json, json, _) = jixiao(&["check", "--root", root, "--format", "json"]);
    assert_eq!(code_json, 1);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("JSON parses");
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), run(&fixture("triggers")).findings.len());
    for f in findings {
        let s = |k: &str| f[k].as_str().unwrap_or_else(|| panic!("{k} in {f}")).to_string();
        let kind = match (s("severity").as_str(), f["acknowledged"].is_string()) {
            ("error", false) => "error",
            ("warning", false) => "warning",
            ("error", true) => "error (acknowledged)",
            _ => "warning (acknowledged)",
        };
        let header = format!("{kind}[{}]: {}: {}: {}", s("rule"), s("position"), s("field"), s("message"));
        assert!(human.contains(&header), "human output has {header}");
        assert!(s("position").contains(&format!(":{}:{}", f["line"], f["column"])));
        assert!(human.contains(&format!("= rule: {} {}", s("rule"), s("description"))));
        assert!(human.contains(&format!("= hint: {}", s("hint"))));
        let arithmetic = s("arithmetic");
        if !arithmetic.is_empty() {
            assert!(human.contains(&format!("= arithmetic: {arithmetic}")));
        }
        for g in f["figures"].as_array().unwrap() {
            let shown = format!("{} ({}) = {}", g["name"].as_str().unwrap(), g["field"].as_str().unwrap(), g["value"].as_str().unwrap());
            assert!(human.contains(&shown), "human output shows {shown}");
        }
        let line = s("source_line");
        assert!(human.contains(&format!("{} | {line}", f["line"])), "source line shown");
        assert!(f["location"]["len"].as_u64().unwrap() >= 1);
        if let Some(reason) = f["acknowledged"].as_str() {
            assert!(human.contains(&format!("= acknowledged: {reason}")));
        }
    }
    let summary = doc["summary"]["text"].as_str().unwrap();
    assert!(human.trim_end().ends_with(summary), "summary line");
    assert_eq!(render_json(&run(&fixture("triggers")), jixiao::messages::Lang::En), json);
}

/// Copies a fixture site to a temporary folder and appends `site_extra` to its site.yaml.
fn site_copy(from: &Path, keep: &[&str], site_extra: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    // A site is its content/ and themes/: the repository's target/ and node_modules/ are not.
    let parts = ["content", "themes"].map(|d| from.join(d));
    for e in parts.iter().filter(|d| d.is_dir()).flat_map(walkdir::WalkDir::new).map(Result::unwrap) {
        let rel = e.path().strip_prefix(from).unwrap();
        let rel_s = rel.to_string_lossy().replace('\\', "/");
        let dept = rel_s.strip_prefix("content/").and_then(|r| r.split('/').next()).unwrap_or("");
        if !dept.is_empty() && dept != "site.yaml" && !keep.contains(&dept) {
            continue;
        }
        let to = tmp.path().join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    let site = tmp.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site).unwrap().replace("check:\n  rules:\n    J999: warning\n", "");
    std::fs::write(&site, text + site_extra).unwrap();
    tmp
}

#[test]
fn severity_is_configurable_and_deny_warnings_fails() {
    let tmp = site_copy(&fixture("triggers"), &["j104", "j302"], "");
    let root = tmp.path().to_str().unwrap();
    let (code, out, _) = jixiao(&["check", "--root", root]);
    assert_eq!(code, 0, "warnings alone pass:\n{out}");
    assert!(out.contains("check: 0 errors, 2 warnings, 0 acknowledged"), "{out}");
    let (code, _, _) = jixiao(&["check", "--root", root, "--deny", "warnings"]);
    assert_eq!(code, 1, "--deny warnings fails on warnings");

    let tmp = site_copy(&fixture("triggers"), &["j104", "j302"], "check:\n  rules:\n    J104: error\n    J302: off\n");
    let report = run(tmp.path());
    assert_eq!(report.findings.len(), 1);
    assert_eq!((report.findings[0].rule, report.findings[0].severity), ("J104", Severity::Error));
}

#[test]
fn build_prints_findings_and_fails_only_when_site_yaml_denies() {
    let tmp = site_copy(&fixture("triggers"), &["rounding-fail"], "check:\n  deny: errors\n");
    let mut options = jixiao::BuildOptions::new(tmp.path());
    options.output = tmp.path().join("public");
    let err = jixiao::build(&options).expect_err("check.deny: errors fails the build");
    assert!(err.0.iter().any(|d| d.code == "J101" && d.position() == "content/rounding-fail/2022.yaml:9:19"), "{err}");
    assert!(!tmp.path().join("public").exists(), "nothing written");

    // The example site builds although check finds errors in it (no `deny`).
    let out = tempfile::tempdir().unwrap();
    let mut options = jixiao::BuildOptions::new(repo());
    options.output = out.path().join("public");
    let summary = jixiao::build(&options).unwrap_or_else(|d| panic!("the example builds:\n{d}"));
    assert!(summary.check.findings.iter().any(|f| f.rule == "J101"));
}

#[test]
fn the_example_content_is_checked() {
    let report = run(repo());
    let find = |file: &str, rule: &str, field: &str| {
        report
            .findings
            .iter()
            .find(|f| f.file.to_string_lossy().replace('\\', "/") == file && f.rule == rule && f.field == field)
            .unwrap_or_else(|| panic!("{rule} at {file} {field} in:\n{}", render_human(&report, jixiao::messages::Lang::En)))
    };
    let real = "content/huangpu-zhengfawei/2022.yaml";
    // 一般公共预算财政拨款支出 8334.70 labelled as spending, against 执行数 7907.98.
    let j103 = find(real, "J103", "budget.by_source");
    let values: Vec<&str> = j103.figures.iter().map(|g| g.value.as_str()).collect();
    assert!(values.contains(&"8334.70") && values.contains(&"7907.98"), "{values:?}");
    assert!(j103.arithmetic.en.contains("agrees with 全年预算数 8,334.69"), "{}", j103.arithmetic.en);
    // 8334.69 − 7907.98 = 426.71 against a carry-over of 0.00.
    assert!(find(real, "J104", "budget.carry_over").message.en.contains("426.71"));
    // The 其中 parts 58.31 万件 exceed the total 58.23 万件.
    assert!(find(real, "J202", "achievements[4].figures[4].value").message.en.contains("58.31"));
    // A result that repeats its target word for word.
    find(real, "J302", "targets[11].result.text");
    // Basic + project = executed and the coverage share agree in the real report.
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.file.ends_with("huangpu-zhengfawei/2022.yaml") && ["J102", "J105", "J106", "J101"].contains(&f.rule))
    );
    // The real report's findings are warnings or acknowledged: nothing there fails.
    for f in report.findings.iter().filter(|f| f.file.to_string_lossy().contains("huangpu-zhengfawei")) {
        assert!(f.severity == Severity::Warning || f.acknowledged.is_some(), "{f:#?}");
    }
    // The demo department's deliberate error: 96.31 reported, 6851.03 ÷ 7126.84 = 96.13.
    let demo = find("content/demo-qingshui-wenlv/2021.yaml", "J101", "budget.execution_rate");
    assert!(demo.message.en.contains("96.31") && demo.message.en.contains("96.13"), "{}", demo.message.en);
    assert_eq!(at(demo), "96.31");
    assert!(demo.acknowledged.is_none());
}

#[test]
fn the_manual_lists_every_rule() {
    let manual = std::fs::read_to_string(repo().join("docs/checks.md")).unwrap();
    for r in RULES {
        assert!(manual.contains(&format!("| {} |", r.id)), "docs/checks.md lists {}", r.id);
    }
}

/// The 数据一致性提示 box of each report page, as (severity, text) per item; `None` when
/// the page has no box.
fn notices_on(page: &Path) -> Option<Vec<(String, String)>> {
    let html = scraper::Html::parse_document(&std::fs::read_to_string(page).unwrap());
    let aside = scraper::Selector::parse("aside.check-notices").unwrap();
    let item = scraper::Selector::parse("li.check-notice").unwrap();
    let box_ = html.select(&aside).next()?;
    Some(
        box_.select(&item)
            .map(|li| {
                let severity = li.value().classes().find(|c| c.starts_with("check-") && *c != "check-notice").unwrap_or("").to_string();
                (severity, li.text().collect::<String>())
            })
            .collect(),
    )
}

#[test]
fn report_pages_publish_findings_only_when_site_yaml_says_so() {
    let real = "huangpu-zhengfawei/2022/index.html";
    let clean = "demo-qingshui-wenlv/2020/index.html";
    // Off by default: no box on any report page of the example.
    let out = tempfile::tempdir().unwrap();
    let mut options = jixiao::BuildOptions::new(repo());
    options.output = out.path().join("public");
    jixiao::build(&options).unwrap_or_else(|d| panic!("the example builds:\n{d}"));
    assert!(notices_on(&out.path().join("public").join(real)).is_none(), "no 数据一致性提示 unless check.publish");

    // On: each report page lists its own findings, in the site's language, with the figures,
    // the item they are about and the publisher's acknowledgement.
    let tmp = site_copy(repo(), &["huangpu-zhengfawei", "demo-qingshui-wenlv", "pages"], "check:\n  publish: true\n");
    let mut options = jixiao::BuildOptions::new(tmp.path());
    options.output = tmp.path().join("public");
    jixiao::build(&options).unwrap_or_else(|d| panic!("the example builds with check.publish:\n{d}"));
    let expected = run(tmp.path());
    let items = notices_on(&tmp.path().join("public").join(real)).expect("the real report shows the box");
    let own = in_dept(&expected, "huangpu-zhengfawei");
    assert_eq!(items.len(), own.len(), "one item per finding of the report: {items:?}");
    for (f, (severity, text)) in own.iter().zip(&items) {
        let want = if f.severity == Severity::Error { "check-error" } else { "check-warning" };
        assert_eq!(severity, want, "{} {}", f.rule, f.field);
        for g in &f.figures {
            assert!(text.contains(&g.name), "{} names {}: {text}", f.rule, g.name);
        }
        if let Some(reason) = &f.acknowledged {
            assert!(text.contains("发布单位说明") && text.contains(reason.as_str()), "{} shows its acknowledgement: {text}", f.rule);
        }
    }
    let j104 = items.iter().find(|(_, t)| t.contains("年末结转和结余")).expect("J104 is listed");
    assert!(j104.1.contains("8,334.69") && j104.1.contains("7,907.98") && j104.1.contains("0.00"), "{}", j104.1);
    assert!(items.iter().any(|(_, t)| t.contains("【逐步提高强化综治信息化建设")), "J302 names its target: {items:?}");
    // A report without findings says that it was checked and nothing was found.
    let none = notices_on(&tmp.path().join("public").join(clean)).expect("a clean report shows the box too");
    assert!(none.is_empty() && in_dept(&expected, "demo-qingshui-wenlv").iter().all(|f| !f.file.ends_with("2020.yaml")));
    let page = std::fs::read_to_string(tmp.path().join("public").join(clean)).unwrap();
    assert!(page.contains("未发现不一致"), "the clean report says so");
}

#[test]
fn every_rule_has_a_public_sentence_in_every_ui_language() {
    for lang in ["zh-CN", "en"] {
        let file = repo().join(format!("themes/default/i18n/{lang}.yaml"));
        let strings: serde_yaml::Value = serde_yaml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let rules = &strings["check_notice"]["rules"];
        for r in RULES {
            let text = rules[r.id].as_str().unwrap_or_else(|| panic!("{lang}: check_notice.rules.{} is missing", r.id));
            assert!(!text.trim().is_empty(), "{lang}: {} is empty", r.id);
            let cjk = text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            assert_eq!(cjk, lang == "zh-CN", "{lang}: {} is in the wrong language: {text}", r.id);
        }
    }
}
