//! Keeps the code registries, the code and the manual in step.
//!
//! - Every diagnostic code or rule id written in `src/` (`E0103`, `W0706`, `J101` …) is
//!   registered: in `jixiao::codes::CODES`, or for a consistency rule in `jixiao::check::RULES`.
//! - Every registered code is used in `src/` outside its registry.
//! - `docs/errors.md` lists exactly the codes of `CODES`, and `docs/checks.md` exactly the rules
//!   of `RULES`, in order, with the same kind or severity and the same meaning in English and
//!   Chinese. On a difference the test prints the table as it should read, to paste.

use jixiao::check::RULES;
use jixiao::codes::CODES;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `src/`, with its text, in path order.
fn sources() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(repo().join("src")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "rs") {
            let rel = entry.path().strip_prefix(repo()).unwrap().to_path_buf();
            files.push((rel, std::fs::read_to_string(entry.path()).unwrap()));
        }
    }
    assert!(files.len() > 20, "src/ should hold the library's sources, found {} files", files.len());
    files
}

/// Each code-shaped word of `text` (`E` or `W` and four digits, `J` and three digits, not part
/// of a longer word), with its byte offset.
fn code_words(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut found = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        let digits = match b {
            b'E' | b'W' => 4,
            b'J' => 3,
            _ => continue,
        };
        if i > 0 && word(bytes[i - 1]) {
            continue;
        }
        let end = i + 1 + digits;
        if end <= bytes.len()
            && bytes[i + 1..end].iter().all(u8::is_ascii_digit)
            && bytes.get(end).is_none_or(|&b| !word(b))
        {
            found.push((i, &text[i..end]));
        }
    }
    found
}

/// Whether the word at `at` in `text` stands inside double quotes: `"E0103"`.
fn quoted(text: &str, at: usize, len: usize) -> bool {
    at > 0 && text.as_bytes()[at - 1] == b'"' && text.as_bytes().get(at + len) == Some(&b'"')
}

/// A line of the `rules!` table in src/check/mod.rs, which defines a rule rather than uses it.
fn defines_rule(line: &str) -> bool {
    let line = line.trim();
    line.len() > 12 && line.ends_with(';') && line.contains(" = \"J") && code_words(line).len() == 2
}

#[test]
fn every_code_in_src_is_registered() {
    let known: BTreeSet<&str> = CODES.iter().map(|c| c.code).chain(RULES.iter().map(|r| r.id)).collect();
    let mut unknown = Vec::new();
    for (path, text) in sources() {
        for (at, word) in code_words(&text) {
            if !known.contains(word) {
                let line = text[..at].lines().count().max(1);
                unknown.push(format!("{}:{line}: {word}", path.display()));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "codes used in src/ but in neither src/codes.rs (CODES) nor check::RULES; register them:\n{}",
        unknown.join("\n")
    );
}

#[test]
fn every_registered_code_is_used() {
    let sources = sources();
    // Diagnostic codes: as a string literal somewhere other than the registry itself.
    let mut literals: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    // Rules: by name in the check module, other than the line of `rules!` that defines them.
    let mut rule_uses: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (path, text) in &sources {
        if path == Path::new("src/codes.rs") {
            continue;
        }
        let in_check = path.starts_with("src/check");
        for (at, word) in code_words(text) {
            let line_no = text[..at].lines().count().max(1);
            let place = format!("{}:{line_no}", path.display());
            if quoted(text, at, word.len()) {
                literals.entry(word).or_default().push(place.clone());
            }
            let line = text[..at].rsplit('\n').next().unwrap_or("").to_string() + text[at..].split('\n').next().unwrap_or("");
            if in_check && !defines_rule(&line) {
                rule_uses.entry(word).or_default().push(place);
            }
        }
    }
    let unused_codes: Vec<&str> = CODES.iter().map(|c| c.code).filter(|c| !literals.contains_key(c)).collect();
    assert!(unused_codes.is_empty(), "registered in src/codes.rs but never used in src/ as \"CODE\": {unused_codes:?}");
    let unused_rules: Vec<&str> = RULES.iter().map(|r| r.id).filter(|id| !rule_uses.contains_key(id)).collect();
    assert!(unused_rules.is_empty(), "rules of check::RULES that no check in src/check/ uses: {unused_rules:?}");
}

/// The rows of the Markdown table whose header line is `header`, in `doc`.
fn table_rows(doc: &str, header: &str, file: &str) -> Vec<String> {
    let mut lines = doc.lines().skip_while(|l| l.trim() != header);
    assert!(lines.next().is_some(), "{file} has no table headed `{header}`");
    let separator = lines.next().unwrap_or("");
    assert!(separator.starts_with("|-") || separator.starts_with("| -"), "{file}: `{header}` is not followed by a separator row");
    lines.take_while(|l| l.starts_with('|')).map(|l| l.trim_end().to_string()).collect()
}

fn read_doc(name: &str) -> String {
    std::fs::read_to_string(repo().join("docs").join(name)).unwrap_or_else(|e| panic!("docs/{name}: {e}"))
}

fn assert_rows(file: &str, header: &str, actual: &[String], expected: &[String]) {
    if actual != expected {
        let first = actual.iter().zip(expected).position(|(a, e)| a != e).unwrap_or(actual.len().min(expected.len()));
        panic!(
            "{file}: the table differs from the registry (first at row {}: {:?} where {:?} belongs).\n\
             The table should read:\n\n{header}\n{}\n{}\n",
            first + 1,
            actual.get(first),
            expected.get(first),
            separator(header),
            expected.join("\n")
        );
    }
}

fn separator(header: &str) -> String {
    let columns = header.matches('|').count() - 1;
    format!("|{}", "---|".repeat(columns))
}

const CODES_HEADER: &str = "| code | kind | meaning | 含义 |";
const RULES_HEADER: &str = "| id | severity | rule | 规则 | example that triggers it |";

#[test]
fn docs_errors_lists_every_code_from_the_registry() {
    let doc = read_doc("errors.md");
    let actual = table_rows(&doc, CODES_HEADER, "docs/errors.md");
    let expected: Vec<String> =
        CODES.iter().map(|c| format!("| {} | {} | {} | {} |", c.code, c.kind.name(), c.en, c.zh)).collect();
    assert_rows("docs/errors.md", CODES_HEADER, &actual, &expected);
}

#[test]
fn docs_checks_lists_every_rule_from_the_registry() {
    let doc = read_doc("checks.md");
    let actual = table_rows(&doc, RULES_HEADER, "docs/checks.md");
    // The example column is the manual's own; the other columns come from the registry. A row
    // whose example is missing gets `…` in the expected table, to be written.
    let examples: BTreeMap<String, String> = actual
        .iter()
        .filter_map(|row| {
            let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
            (cells.len() == 5).then(|| (cells[0].to_string(), cells[4].to_string()))
        })
        .collect();
    let expected: Vec<String> = RULES
        .iter()
        .map(|r| {
            let severity = format!("{:?}", r.severity).to_lowercase();
            let example = examples.get(r.id).filter(|e| !e.is_empty()).map_or("…", String::as_str);
            format!("| {} | {severity} | {} | {} | {example} |", r.id, r.description.en, r.description.zh)
        })
        .collect();
    assert_rows("docs/checks.md", RULES_HEADER, &actual, &expected);
    assert!(!expected.iter().any(|row| row.ends_with("| … |")), "docs/checks.md: give every rule an example");
}

#[test]
fn the_scanner_finds_codes_and_only_codes() {
    let text = r#"Diagnostic::error("E0103", …) // J105, J106: see W0706; not XE0103, E01034, J1xx or J10"#;
    let words: Vec<&str> = code_words(text).into_iter().map(|(_, w)| w).collect();
    assert_eq!(words, ["E0103", "J105", "J106", "W0706"]);
    let at = text.find("E0103").unwrap();
    assert!(quoted(text, at, 5));
    assert!(!quoted(text, text.find("J105").unwrap(), 4));
    assert!(defines_rule("    J101 = \"J101\", Error;"));
    assert!(!defines_rule("use super::{J101, J102};"));
    assert!(!defines_rule("&J105,"));
}
