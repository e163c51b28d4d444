//! jixiao's own messages in zh-CN and English: `--lang` decides; without it the site's language
//! (zh-CN unless site.yaml says otherwise), then the locale (LC_ALL, LC_MESSAGES, LANG);
//! anything else English. Each test asserts real messages with their file:line:column.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::copy_dir;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}


/// The minimal site with `budget.executed: 七千` in its report, and `extra` appended to its
/// site.yaml.
fn broken_site(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("minimal"), dir.path());
    std::fs::copy(fixtures().join("errors/wrong-type.yaml"), dir.path().join("content/civil-affairs/2022.yaml")).unwrap();
    let site = dir.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, text + extra).unwrap();
    dir
}

/// Runs jixiao with `args` in a clean locale environment plus `env`; exit code, stdout + stderr.
fn jixiao(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    // An empty working folder: the help and clap's errors follow the language of a site in it.
    let cwd = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    cmd.current_dir(cwd.path()).args(args).env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG").env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("jixiao runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr))
}

fn build(root: &Path, lang: Option<&str>, env: &[(&str, &str)]) -> (i32, String) {
    let mut args = vec!["build", "--root", root.to_str().unwrap()];
    if let Some(l) = lang {
        args.extend(["--lang", l]);
    }
    jixiao(&args, env)
}

const EN_ERROR: &str = "error[E0103]: content/civil-affairs/2022.yaml:7:13: budget.executed: must be a number, found \"七千\"";
const ZH_ERROR: &str = "错误[E0103]: content/civil-affairs/2022.yaml:7:13: budget.executed: 应为数字，实际为“七千”";

#[test]
fn a_located_content_error_in_english_and_in_chinese() {
    let site = broken_site("");
    let (code, en) = build(site.path(), Some("en"), &[]);
    assert_eq!(code, 1, "{en}");
    assert!(en.contains(EN_ERROR), "{en}");
    assert!(en.contains("  = hint: write the figure in digits, e.g. 7907.98"), "{en}");
    assert!(en.contains("1 error, 0 warnings"), "{en}");
    assert!(en.contains("build failed; nothing in "), "{en}");
    assert!(!en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) && !"七千".contains(c)), "only the file's own text is Chinese:\n{en}");

    let (code, zh) = build(site.path(), Some("zh-CN"), &[]);
    assert_eq!(code, 1, "{zh}");
    assert!(zh.contains(ZH_ERROR), "{zh}");
    assert!(zh.contains("  = 提示：请用阿拉伯数字填写，如 7907.98；尚不清楚的，留空（~）"), "{zh}");
    assert!(zh.contains("1 个错误，0 个警告"), "{zh}");
    assert!(zh.contains("构建失败；") && zh.contains("中的内容没有任何改动"), "{zh}");
    assert!(!zh.contains("error") && !zh.contains("hint"), "no English label left:\n{zh}");
}

#[test]
fn a_check_finding_in_english_and_in_chinese() {
    let root = fixtures().join("check/triggers");
    let root = root.to_str().unwrap();
    let (code, en) = jixiao(&["check", "--root", root, "--lang", "en"], &[]);
    assert_eq!(code, 1);
    assert!(
        en.contains("error[J102]: content/j102/2022.yaml:17:13: budget.executed: 基本支出 3,643.3 + 项目支出 4,273.68 = 7,916.98, but 全年执行数 is 7,907.98"),
        "{en}"
    );
    assert!(en.contains("  = rule: J102 basic + project expenditure = executed"), "{en}");
    assert!(en.contains("  = arithmetic: "), "{en}");
    assert!(en.lines().any(|l| l.starts_with("check: ") && l.contains(" errors, ") && l.ends_with(" acknowledged")), "{en}");

    let (code, zh) = jixiao(&["--lang", "zh-CN", "check", "--root", root], &[]);
    assert_eq!(code, 1);
    assert!(
        zh.contains("错误[J102]: content/j102/2022.yaml:17:13: budget.executed: 基本支出 3,643.3 + 项目支出 4,273.68 = 7,916.98，但全年执行数为 7,907.98"),
        "{zh}"
    );
    assert!(zh.contains("  = 规则：J102 基本支出 + 项目支出 = 全年执行数"), "{zh}");
    assert!(zh.contains("  = 计算："), "{zh}");
    assert!(zh.contains("  = 提示：请对照已发布的报告核对这三个金额"), "{zh}");
    assert!(
        zh.contains("错误[J101]: content/j101/2022.yaml:133:15: evaluation_tables[0].funds[1].rate: 其中：本年财政拨款：执行率填报为 94.28%，但 7,807.98 ÷ 8,234.69 = 94.82%"),
        "{zh}"
    );
    assert!(zh.lines().any(|l| l.starts_with("检查：") && l.contains(" 个错误，") && l.ends_with(" 项已确认")), "{zh}");
}

#[test]
fn the_build_summary_and_its_findings_in_english_and_in_chinese() {
    // A copy: a build keeps its cache in the site's folder, which must not be the repository.
    let out = tempfile::tempdir().unwrap();
    let root = out.path().join("site");
    copy_dir(&fixtures().join("check/triggers"), &root);
    let run = |lang: &str| {
        let (code, text) =
            jixiao(&["build", "--lang", lang, "--root", root.to_str().unwrap(), "--output", out.path().join("public").to_str().unwrap()], &[]);
        assert_eq!(code, 0, "check findings do not stop the build:\n{text}");
        text
    };
    let en = run("en");
    assert!(en.contains("error[J102]: content/j102/2022.yaml:17:13: budget.executed: 基本支出 3,643.3 + 项目支出 4,273.68 = 7,916.98, but 全年执行数 is 7,907.98"), "{en}");
    assert!(en.contains("check findings do not stop the build; run `jixiao check` for details"), "{en}");
    let last = en.lines().last().unwrap();
    assert!(last.starts_with("built ") && last.contains(" pages, ") && last.contains(" reports, ") && last.contains(" warnings in "), "{last}");

    let zh = run("zh-CN");
    assert!(zh.contains("错误[J102]: content/j102/2022.yaml:17:13: budget.executed: 基本支出 3,643.3 + 项目支出 4,273.68 = 7,916.98，但全年执行数为 7,907.98"), "{zh}");
    assert!(zh.contains("检查结果不会中止构建；运行 `jixiao check` 可查看详情"), "{zh}");
    let last = zh.lines().last().unwrap();
    assert!(last.starts_with("已构建 ") && last.contains(" 个页面、") && last.contains(" 份报告、") && last.contains(" 个警告，用时 ") && last.contains(" 秒 → "), "{last}");
}

#[test]
fn an_english_site_gives_english_even_under_a_chinese_locale() {
    let site = broken_site("language: en\n");
    let (code, text) = build(site.path(), None, &[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(code, 1);
    assert!(text.contains(EN_ERROR), "{text}");
}

#[test]
fn without_a_site_the_locale_decides() {
    let empty = tempfile::tempdir().unwrap();
    let (code, text) = build(empty.path(), None, &[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(code, 1);
    assert!(text.contains("错误[E0001]"), "{text}");
    let (_, text) = build(empty.path(), None, &[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "C")]);
    assert!(text.contains("错误[E0001]"), "LC_ALL comes first:\n{text}");
    let (_, text) = build(empty.path(), None, &[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")]);
    assert!(text.contains("error[E0001]"), "LC_ALL comes first:\n{text}");
}

#[test]
fn an_english_locale_and_an_english_site_give_english() {
    let site = broken_site("language: en\n");
    let (code, text) = build(site.path(), None, &[("LANG", "C")]);
    assert_eq!(code, 1);
    assert!(text.contains(EN_ERROR) && text.contains("1 error, 0 warnings"), "{text}");
    let (_, text) = build(site.path(), None, &[]);
    assert!(text.contains(EN_ERROR), "no locale at all:\n{text}");
}

#[test]
fn a_chinese_site_gives_chinese_under_an_english_locale() {
    // The minimal site has no `language`: the default is zh-CN.
    let site = broken_site("");
    let (_, text) = build(site.path(), None, &[("LANG", "en_US.UTF-8")]);
    assert!(text.contains(ZH_ERROR) && text.contains("1 个错误，0 个警告"), "{text}");
    let site = broken_site("language: zh-CN\n");
    let (_, text) = build(site.path(), None, &[("LANG", "C")]);
    assert!(text.contains(ZH_ERROR), "{text}");
}

#[test]
fn lang_overrides_the_locale_and_the_site() {
    let site = broken_site("");
    let (_, text) = build(site.path(), Some("en"), &[("LANG", "zh_CN.UTF-8")]);
    assert!(text.contains(EN_ERROR), "{text}");
    let site = broken_site("language: en\n");
    let (_, text) = build(site.path(), Some("zh-CN"), &[("LANG", "C")]);
    assert!(text.contains(ZH_ERROR), "{text}");
}

#[test]
fn errors_in_site_yaml_itself_follow_its_language() {
    let site = broken_site("titel: x\n");
    let (code, text) = build(site.path(), None, &[("LANG", "C")]);
    assert_eq!(code, 1);
    assert!(text.contains("错误[E0101]: content/site.yaml:5:1: titel: 未知的键 `titel`"), "{text}");
    let site = broken_site("language: en\ntitel: x\n");
    let (_, text) = build(site.path(), None, &[("LANG", "C")]);
    assert!(text.contains("error[E0101]: content/site.yaml:6:1: titel: unknown key `titel`"), "{text}");
}

#[test]
fn an_unknown_language_is_refused_by_the_command_line() {
    let (code, text) = jixiao(&["build", "--lang", "fr"], &[]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("`fr` is not a language of jixiao's messages; use zh-CN or en"), "{text}");
    let (code, text) = jixiao(&["--help"], &[]);
    assert_eq!(code, 0);
    assert!(text.contains("--lang <zh-CN|en>") && text.contains("LC_ALL, LC_MESSAGES or LANG"), "{text}");
}
