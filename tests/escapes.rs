//! Content cannot reach a spreadsheet or a terminal as live code: a text cell of the published
//! CSVs that begins like a formula is prefixed with `'`, and control characters quoted in a
//! diagnostic are printed escaped (no raw ESC or BEL reaches the terminal).

use std::path::Path;
use std::process::Command;

mod common;
use common::copy_dir;

const REPO: &str = env!("CARGO_MANIFEST_DIR");
const REPORT: &str = "content/huangpu-zhengfawei/2022.yaml";

/// A copy of the example site (content/ and themes/) in a temporary folder, with `from`
/// replaced by `to` in the report [`REPORT`].
fn example_with(from: &str, to: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(REPO).join("content"), &tmp.path().join("content"));
    copy_dir(&Path::new(REPO).join("themes"), &tmp.path().join("themes"));
    let path = tmp.path().join(REPORT);
    let yaml = std::fs::read_to_string(&path).unwrap();
    assert_eq!(yaml.matches(from).count(), 1, "{from:?} is once in {REPORT}");
    std::fs::write(&path, yaml.replace(from, to)).unwrap();
    tmp
}

/// The rows of a CSV file written with a BOM, the header first.
fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let bom = "\u{feff}".as_bytes();
    assert!(bytes.starts_with(bom), "{} starts with a BOM", path.display());
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[bom.len()..]);
    reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect()
}

#[test]
fn formula_in_a_target_name_is_not_live_in_the_csv() {
    let formula = r#"=HYPERLINK("https://evil.example","x")"#;
    let site = example_with(
        "name: 黄埔区各村居综治视联网设备正常、齐全。",
        &format!("name: '{formula}'"),
    );
    let out = site.path().join("public");
    let mut options = jixiao::BuildOptions::new(site.path());
    options.output = out.clone();
    jixiao::build(&options).unwrap_or_else(|d| panic!("the site builds:\n{d}"));

    for file in ["huangpu-zhengfawei/2022/targets.csv", "data/2022/targets.csv"] {
        let rows = read_csv(&out.join(file));
        let name = rows[0].iter().position(|h| h == "name").unwrap();
        let op = rows[0].iter().position(|h| h == "target_op").unwrap();
        let cells: Vec<&str> = rows[1..].iter().map(|r| r[name].as_str()).collect();
        assert!(cells.contains(&format!("'{formula}").as_str()), "{file}: the name is prefixed with ': {cells:?}");
        assert!(
            rows[1..].iter().flatten().all(|c| !c.starts_with(['=', '+', '@', '\t', '\r']) || c.len() == 1),
            "{file}: no text cell begins like a formula"
        );
        // A lone comparison sign is no formula and stays as published.
        if file.starts_with("data/") {
            assert!(rows[1..].iter().any(|r| r[op] == "="), "{file}: target_op `=` is kept");
        }
    }
}

#[test]
fn control_characters_in_content_are_escaped_in_diagnostics() {
    let site = example_with("  total: 8334.69", r#"  total: "\e]0;pwned\a\e[2J\e[31mRED\x9b2J""#);
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["--lang", "en", "build", "--root"])
        .arg(site.path())
        .output()
        .expect("jixiao runs");
    assert!(!out.status.success(), "a text total is refused");
    let stderr = String::from_utf8(out.stderr).expect("diagnostics are UTF-8");
    assert!(stderr.contains("budget.total"), "the diagnostic names the field:\n{stderr}");
    assert!(stderr.contains(r"\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[31mRED\u{9b}2J"), "the value is shown escaped:\n{stderr}");
    let bytes = stderr.as_bytes();
    assert!(!bytes.contains(&0x1b), "no raw ESC on the terminal: {stderr:?}");
    assert!(!bytes.contains(&0x07), "no raw BEL on the terminal: {stderr:?}");
    assert!(!stderr.contains('\u{9b}'), "no raw C1 CSI on the terminal: {stderr:?}");
}
