//! How figures typed the way people type them are read: a decimal comma, a YAML tag, a leading
//! zero, a negative amount of money. Each case edits the report of the `minimal` fixture site
//! and builds it: a refused figure fails the build (exit 1) with E0103 at its line and column
//! and a hint that says what to write instead.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::copy_dir;

const REPORT: &str = "content/civil-affairs/2022.yaml";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The minimal fixture's report (line 10 is `  total: 1000.00`, under `budget:` on line 9).
fn report() -> String {
    std::fs::read_to_string(fixtures().join("minimal").join(REPORT)).unwrap()
}

/// Builds a copy of the minimal site whose report is `text`; the exit code and all output.
fn build(text: &str, lang: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("minimal"), dir.path());
    std::fs::write(dir.path().join(REPORT), text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["--lang", lang, "build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    (out.status.code().unwrap_or(-1), text)
}

/// The report with `budget.total` written as `total`.
fn with_total(total: &str) -> String {
    let r = report();
    assert!(r.contains("\n  total: 1000.00\n"), "the fixture changed: {r}");
    r.replace("\n  total: 1000.00\n", &format!("\n  total: {total}\n"))
}

/// Builds `text`, expects exit 1 and an E0103 line at `position` containing `message`.
fn assert_refused(text: &str, position: &str, message: &str) -> String {
    let (code, out) = build(text, "en");
    assert_eq!(code, 1, "the build must fail:\n{out}");
    let line = out
        .lines()
        .find(|l| l.contains(position))
        .unwrap_or_else(|| panic!("no diagnostic at {position} in:\n{out}"));
    assert!(line.starts_with("error[E0103]:"), "E0103 expected at {position}: {line}");
    assert!(line.contains(message), "the diagnostic at {position} should say {message:?}, got {line:?}");
    out
}

fn assert_builds(text: &str) -> String {
    let (code, out) = build(text, "en");
    assert_eq!(code, 0, "the build must succeed:\n{out}");
    out
}

#[test]
fn a_decimal_comma_suggests_the_decimal_point() {
    let pos = "content/civil-affairs/2022.yaml:10:10";
    let out = assert_refused(&with_total("8334,69"), pos, "budget.total: must be a number, found \"8334,69\"");
    assert!(out.contains("use a decimal point, not a comma: write 8334.69"), "{out}");
    assert!(!out.contains("833469") && !out.contains("thousands separators:"), "not a figure 100 times too big: {out}");

    // Real thousands separators keep their advice.
    let out = assert_refused(&with_total("8,334.69"), pos, "must be a number, found \"8,334.69\"");
    assert!(out.contains("remove the thousands separators: write 8334.69"), "{out}");
    let out = assert_refused(&with_total("1,234,567"), pos, "must be a number");
    assert!(out.contains("remove the thousands separators: write 1234567"), "{out}");
}

#[test]
fn a_yaml_tag_on_a_figure_is_named_as_such() {
    let out = assert_refused(
        &with_total("!!float 8334.69"),
        "content/civil-affairs/2022.yaml:10:10",
        "budget.total: the YAML tag `!!float` is not used in jixiao files",
    );
    assert!(out.contains("write the number plainly: `total: 8334.69`"), "{out}");
    assert!(!out.contains("thousands") && !out.contains("must be a number"), "{out}");

    let out = assert_refused(&with_total("!!str 1000.00"), "2022.yaml:10:10", "the YAML tag `!!str` is not used");
    assert!(out.contains("`total: 1000.00`"), "{out}");
}

#[test]
fn a_leading_zero_is_not_a_plain_number() {
    let out = assert_refused(&with_total("08334.69"), "content/civil-affairs/2022.yaml:10:10", "budget.total: must be a number, found \"08334.69\"");
    assert!(out.contains("write 8334.69"), "{out}");
    assert!(!out.contains("08,334.69"), "{out}");
    assert_refused(&with_total("00.5"), "2022.yaml:10:10", "must be a number, found \"00.5\"");

    // `0` and `0.x` are plain numbers.
    let r = report().replace("\n  total: 1000.00\n", "\n  total: 1000.00\n  carry_over: 0\n  basic: 0.5\n");
    assert_builds(&r);
}

#[test]
fn a_negative_budget_amount_is_refused() {
    let r = report().replace("budget:\n", "budget:\n  initial: -8000\n");
    let out = assert_refused(&r, "content/civil-affairs/2022.yaml:10:12", "budget.initial: `initial` is an amount of money and cannot be negative, found -8000");
    assert!(out.contains("budget figures are amounts in 万元 and cannot be negative"), "{out}");

    let (code, zh) = build(&r, "zh-CN");
    assert_eq!(code, 1, "{zh}");
    assert!(zh.contains("2022.yaml:10:12") && zh.contains("不能为负数") && zh.contains("万元"), "{zh}");
}

#[test]
fn a_negative_funds_amount_is_refused() {
    let table = "evaluation_tables:\n  - id: department\n    title: 部门整体支出绩效自评表\n    scope: department\n    funds:\n      - label: 年度资金总额\n        initial: 1000.00\n        budget: 1000.00\n        executed: -950.5\n";
    let r = report() + table;
    let line = r.lines().position(|l| l.contains("executed: -950.5")).unwrap() + 1;
    let out = assert_refused(&r, &format!("2022.yaml:{line}:19"), "evaluation_tables[0].funds[0].executed: `executed` is an amount of money and cannot be negative");
    assert!(out.contains("cannot be negative"), "{out}");
}

#[test]
fn negative_targets_and_results_are_not_amounts() {
    // A decrease (of a count, of a rate) is legitimately negative.
    let r = report()
        .replace("target: {op: \"≥\", value: 90}", "target: {op: \"≤\", value: -5}")
        .replace("result: {value: 92, text: 覆盖率达到 92%。}", "result: {value: -7.5, text: 同比下降 7.5%。}");
    assert!(r.contains("value: -5") && r.contains("value: -7.5"), "the fixture changed: {r}");
    let out = assert_builds(&r);
    assert!(!out.contains("negative"), "{out}");
}

/// The hints themselves, in both languages, on more spellings than the builds above.
mod messages {
    use jixiao::load::figure_hint;
    use jixiao::messages::*;

    fn en_zh(f: impl Fn() -> Text) -> (String, String) {
        let Text { en, zh } = f();
        assert!(!en.is_empty() && en != zh, "{en} / {zh}");
        (en, zh)
    }

    #[test]
    fn a_comma_before_other_than_three_digits_is_a_decimal_comma() {
        let (en, zh) = en_zh(|| figure_hint("8334,69", false));
        assert!(en.contains("decimal point") && en.contains("write 8334.69"), "{en}");
        assert!(zh.contains("8334.69"), "{zh}");
        assert!(figure_hint("８３３４，６９", false).en.contains("write 8334.69"));
        assert!(figure_hint("0,5", false).en.contains("write 0.5"));
        for grouped in ["8,334.69", "1,234,567", "-8,334", "12,345.5"] {
            let en = figure_hint(grouped, false).en;
            assert!(en.contains("thousands separators"), "{grouped}: {en}");
        }
        assert!(figure_hint("8,334.69", false).en.contains("write 8334.69"));
        for neither in ["1,234,56", "83,34.69", "1,2,3"] {
            let en = figure_hint(neither, false).en;
            assert!(!en.contains("thousands") && !en.contains("decimal point"), "{neither}: {en}");
        }
    }

    #[test]
    fn leading_zeros_are_named() {
        let (en, zh) = en_zh(|| figure_hint("08334.69", false));
        assert!(en.contains("leading zero") && en.contains("write 8334.69"), "{en}");
        assert!(zh.contains("8334.69"), "{zh}");
        assert!(figure_hint("00.5", false).en.contains("write 0.5"));
        assert!(figure_hint("-007", false).en.contains("write -7"));
        assert!(figure_hint("000", false).en.contains("write 0"));
    }

    #[test]
    fn tags_and_negative_amounts_exist_in_both_languages() {
        let (en, _) = en_zh(|| figure_tag("!!float"));
        assert!(en.contains("`!!float`") && en.contains("not used in jixiao files"), "{en}");
        assert!(figure_tag("tag:yaml.org,2002:float").en.contains("`!!float`"));
        let (en, _) = en_zh(|| figure_tag_hint(Some("total"), "8334.69", None));
        assert!(en.contains("`total: 8334.69`"), "{en}");
        let (en, _) = en_zh(|| figure_tag_hint(None, "8,334.69", Some(&NumberFix::ThousandsSeparators("8334.69".into()))));
        assert!(en.contains("thousands separators"), "{en}");
        let (en, _) = en_zh(|| negative_amount("initial", "-8000"));
        assert!(en.contains("`initial`") && en.contains("negative") && en.contains("-8000"), "{en}");
        let (en, zh) = en_zh(|| negative_amount_hint("万元"));
        assert!(en.contains("万元") && en.contains("cannot be negative"), "{en}");
        assert!(zh.contains("万元") && zh.contains("负数"), "{zh}");
    }
}
