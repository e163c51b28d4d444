//! A report's dates must be true (issue 26): `published` and the cover's `report_date` are real
//! dates (an impossible one says what is impossible), after the end of the year the report
//! covers (an error naming both), and not in the future (a warning, against a "today" fixed by
//! `SOURCE_DATE_EPOCH`; none in a draft). Each case at its edge, in both languages, through the
//! command line on a copy of the `minimal` fixture site (a report on 2022).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

mod common;
use common::copy_dir;

const REPORT: &str = "content/civil-affairs/2022.yaml";
/// The fixture's own line, replaced by each case.
const PUBLISHED: &str = "published: 2023-05-10\n";
/// "Today" of every run: 2024-03-01 (2024 is a leap year).
const TODAY: &str = "2024-03-01";

/// `SOURCE_DATE_EPOCH` for noon of `date` (`YYYY-MM-DD`).
fn epoch(date: &str) -> String {
    let d = jixiao::dates::parse_date(date).unwrap();
    (d.days() * 86_400 + 12 * 3600).to_string()
}

/// A copy of the minimal site whose report has `published` and, when given, a cover
/// `report_date` (quoted as written); `draft: true` when `draft`.
fn site(published: &str, report_date: Option<&str>, draft: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal"), dir.path());
    let path = dir.path().join(REPORT);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = format!("published: {published}\n");
    if let Some(d) = report_date {
        lines += &format!("cover:\n  report_date: {d}\n");
    }
    if draft {
        lines += "draft: true\n";
    }
    assert!(text.contains(PUBLISHED), "the fixture's published line changed");
    std::fs::write(&path, text.replacen(PUBLISHED, &lines, 1)).unwrap();
    dir
}

/// `jixiao --lang LANG build --drafts` on `root` with today set to `today`: exit code and all
/// output.
fn build(root: &Path, lang: &str, today: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["--lang", lang, "build", "--drafts", "--root"])
        .arg(root)
        .env("SOURCE_DATE_EPOCH", epoch(today))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    (out.status.code().unwrap_or(-1), text)
}

/// The build of a report published on `published` fails, and the diagnostic at `position`
/// says `en` in English and `zh` in Chinese, each with its code.
fn assert_refused(published: &str, report_date: Option<&str>, position: &str, code: &str, en: &str, zh: &str) {
    let s = site(published, report_date, false);
    for (lang, message) in [("en", en), ("zh-CN", zh)] {
        let (status, out) = build(s.path(), lang, TODAY);
        assert_eq!(status, 1, "{published}: the build must fail:\n{out}");
        let line = out.lines().find(|l| l.contains(position)).unwrap_or_else(|| panic!("no diagnostic at {position}:\n{out}"));
        assert!(line.contains(message) && line.contains(code), "at {position} expected {code} {message:?}, got {line:?}\n{out}");
        assert!(!s.path().join("public").exists(), "a refused build wrote output");
    }
}

/// The build of a report published on `published` succeeds without any warning.
fn assert_clean(published: &str, report_date: Option<&str>, draft: bool) {
    let s = site(published, report_date, draft);
    let (status, out) = build(s.path(), "en", TODAY);
    assert_eq!(status, 0, "{published}: {out}");
    assert!(out.contains(" 0 warnings ") && !out.contains("E02"), "{published}: {out}");
}

#[test]
fn an_impossible_date_says_what_is_impossible() {
    assert_refused(
        "2023-02-30",
        None,
        "2022.yaml:2:12",
        "E0206",
        "published: 2023-02-30 is an impossible date: 2023-02 has days 01–28, not 30",
        "published: 2023-02-30 是不存在的日期：2023 年 2 月只有 28 天，没有 30 日",
    );
    assert_refused(
        "\"2023-13-45\"",
        None,
        "2022.yaml:2:12",
        "E0206",
        "2023-13-45 is an impossible date: there is no month 13 (months are 01–12) and no day 45 (days are 01–31)",
        "2023-13-45 是不存在的日期：没有 13 月（月份为 01–12），也没有 45 日（日为 01–31）",
    );
    // February 29 exists in a leap year only: 2023 is not one (2024-02-29 is accepted below).
    assert_refused(
        "2023-02-29",
        None,
        "2022.yaml:2:12",
        "E0206",
        "2023-02 has days 01–28, not 29",
        "2023 年 2 月只有 28 天，没有 29 日",
    );
    // Text that is not YYYY-MM-DD at all keeps the format error.
    assert_refused(
        "2023/05/10",
        None,
        "2022.yaml:2:12",
        "E0206",
        "\"2023/05/10\" is not a date in the form YYYY-MM-DD",
        "“2023/05/10”不是 YYYY-MM-DD 格式的日期",
    );
}

#[test]
fn a_report_is_published_after_the_end_of_its_year() {
    // The last day of the year is not after it.
    for date in ["2022-12-31", "2022-06-30", "2021-01-01"] {
        assert_refused(
            date,
            None,
            "2022.yaml:2:12",
            "E0213",
            &format!("published: {date} is not after the end of 2022, the year this report covers: a report on 2022 is dated 2023-01-01 or later"),
            &format!("published: {date} 不晚于本报告所评价的 2022 年度结束之日：2022 年度的报告日期应为 2023-01-01 或之后"),
        );
    }
    let s = site("2022-12-31", None, false);
    let (_, out) = build(s.path(), "en", TODAY);
    assert!(out.contains("2022.yaml holds the report on 2022"), "the hint names the file and its year:\n{out}");
    // The first day after the year, and February 29 of a leap year, are fine.
    assert_clean("2023-01-01", None, false);
    assert_clean("2024-02-29", None, false);
}

#[test]
fn a_date_in_the_future_is_a_warning_against_a_fixed_today() {
    // Today itself is not in the future.
    assert_clean(TODAY, None, false);
    let s = site("2024-03-02", None, false);
    for (lang, message) in [
        ("en", "published: 2024-03-02 is in the future (today is 2024-03-01)"),
        ("zh-CN", "published: 2024-03-02 是将来的日期（今天是 2024-03-01）"),
    ] {
        let (status, out) = build(s.path(), lang, TODAY);
        assert_eq!(status, 0, "a warning does not fail the build:\n{out}");
        let line = out.lines().find(|l| l.contains("2022.yaml:2:12")).unwrap_or_else(|| panic!("no warning:\n{out}"));
        assert!(line.contains("E0214") && line.contains(message), "{line}\n{out}");
    }
    // The next day, it is no longer in the future.
    let (status, out) = build(s.path(), "en", "2024-03-02");
    assert_eq!(status, 0, "{out}");
    assert!(!out.contains("E0214"), "{out}");
    // A draft may name the day it is to be published.
    assert_clean("2024-03-02", None, true);
}

#[test]
fn today_decides_the_warning_and_nothing_of_the_output() {
    let s = site("2024-03-02", None, false);
    let files = |root: &Path| -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(root.join("public"))
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
            .collect()
    };
    let (_, warned) = build(s.path(), "en", TODAY);
    let before = files(s.path());
    let (_, quiet) = build(s.path(), "en", "2030-01-01");
    assert!(warned.contains("E0214") && !quiet.contains("E0214"), "{warned}\n{quiet}");
    assert_eq!(before, files(s.path()), "the output depends on today's date");
}

#[test]
fn the_cover_report_date_follows_the_same_rules() {
    let position = "2022.yaml:4:16";
    assert_refused(
        "2023-05-10",
        Some("2023-04-31"),
        position,
        "E0206",
        "cover.report_date: 2023-04-31 is an impossible date: 2023-04 has days 01–30, not 31",
        "cover.report_date: 2023-04-31 是不存在的日期：2023 年 4 月只有 30 天，没有 31 日",
    );
    assert_refused(
        "2023-05-10",
        Some("2022-12-31"),
        position,
        "E0213",
        "cover.report_date: 2022-12-31 is not after the end of 2022",
        "cover.report_date: 2022-12-31 不晚于本报告所评价的 2022 年度结束之日",
    );
    assert_clean("2023-05-10", Some("2023-01-01"), false);
    let s = site("2023-05-10", Some("2024-03-02"), false);
    let (status, out) = build(s.path(), "en", TODAY);
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("cover.report_date: 2024-03-02 is in the future (today is 2024-03-01)"), "{out}");
}

#[test]
fn a_draft_still_needs_a_real_date_after_its_year() {
    let s = site("2023-02-30", None, true);
    let (status, out) = build(s.path(), "en", TODAY);
    assert_eq!(status, 1, "{out}");
    assert!(out.contains("2023-02-30 is an impossible date"), "{out}");
    let s = site("2022-11-01", None, true);
    let (status, out) = build(s.path(), "en", TODAY);
    assert_eq!(status, 1, "{out}");
    assert!(out.contains("E0213"), "{out}");
}
