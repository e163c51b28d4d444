//! The editor schema refuses what the loader refuses (issue 26, item 5).
//!
//! Every loader-rejection fixture (`tests/fixtures/errors/`: reports at the top, and
//! `department/`, `site/` and `pages/` for the other kinds of file) is run through both:
//! - the loader (`jixiao::load`), on a copy of the `minimal` site with the fixture in place of
//!   one of its files, which must refuse it;
//! - the JSON Schema of its kind (`jixiao schema <kind>`), after converting the YAML to JSON as
//!   an editor does (UTF-8 text, a YAML 1.2 parser, keys as strings), with a real JSON Schema
//!   validator: `check-jsonschema` (draft 2020-12, formats checked, ECMAScript patterns as in
//!   editors), which `tests/install-deps.sh` installs.
//!
//! Each fixture must then be refused by the editor: by its YAML parser (a syntax error never
//! reaches a schema) or by the schema. The exceptions are [`LOADER_ONLY`], each with the reason
//! JSON Schema cannot express the rule; for those the test asserts that the schema really lets
//! the file through, so the list stays true. Every valid content file (the example site and the
//! fixture sites that build) must pass its schema, and deleting any key of a valid report must
//! get the same verdict from both (the schema's `required` is the loader's).

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::copy_dir;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// Fixtures the loader refuses for a reason JSON Schema cannot state, and why. The same list,
/// in words, is in docs/content-format.md ("What only the loader checks").
const LOADER_ONLY: &[(&str, &str)] = &[
    ("year-mismatch.yaml", "compares the file with its path: `year` must be the year of the file name"),
    ("department-mismatch.yaml", "compares the file with its path: `department` must be the folder's name"),
    ("department/id-mismatch.yaml", "compares the file with its path: `id` must be the folder's name"),
    ("date-before-year-end.yaml", "compares a date with the year in the file's name (a 2022 report is published after 2022)"),
    ("duplicate-id.yaml", "uniqueness of one property among a list's items (`uniqueItems` compares whole items)"),
    ("unknown-reference.yaml", "a reference to another value of the file (a narrative's task must be one of work.tasks)"),
    (
        "empty-figure.yaml",
        "a figure left `~` is refused unless the report is a draft: a rule on every figure that depends on `draft`, which the schema could state only by repeating the whole report schema; it allows `~` so that drafts validate",
    ),
    ("too-many-digits.yaml", "how a number is written: JSON has the number, not its 22 written digits"),
    ("leading-zero.yaml", "how a number is written: `0950.5` is the JSON number 950.5"),
    ("figure-tag.yaml", "how a number is written: a YAML tag (`!!float`) does not reach the JSON"),
    ("gbk.yaml", "the file's encoding: no text, so no JSON, exists yet"),
    ("utf16.yaml", "the file's encoding: no text, so no JSON, exists yet"),
    ("attachment-missing.yaml", "whether a file exists on disk"),
    ("correction-before-published.yaml", "compares two dates of the file (a correction is dated on or after `published`)"),
    ("correction-unknown-field.yaml", "a reference to the file's own structure (a correction's field must exist in the report)"),
    ("site/low-contrast.yaml", "a computation on the value (the contrast of white text on the colour, at least 4.5:1)"),
    ("pages/no-front-matter.md", "the layout of a Markdown file: the schema checks front matter, and there is none"),
    ("pages/control-in-body.md", "the Markdown body: the schema checks the front matter only"),
];

/// Fixtures that are not rejections: the loader accepts them (and so must the schema).
const ACCEPTED: &[&str] = &["bom-crlf.yaml"];

/// Loader errors about where files are, not what they hold: no fixture file can show them and
/// no schema of a file's content can state them.
const ABOUT_PATHS: &[(&str, &str)] = &[
    ("E0001", "a file or folder that cannot be read or is missing (`site.yaml`, `department.yaml`)"),
    ("E0006", "a file where none belongs, or a report whose file name is not a year"),
    ("E0007", "a link out of `content/`"),
    ("E0203", "a department folder named like a site section (a reserved id)"),
];

/// What kind of content file a fixture replaces, by its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Report,
    Department,
    Site,
    Page,
}

impl Kind {
    /// The schema's name (`jixiao schema <kind>`).
    fn schema(self) -> &'static str {
        match self {
            Kind::Report => "report",
            Kind::Department => "department",
            Kind::Site => "site",
            Kind::Page => "page",
        }
    }

    /// The file of the minimal site a fixture of this kind replaces.
    fn target(self) -> &'static str {
        match self {
            Kind::Report => "content/civil-affairs/2022.yaml",
            Kind::Department => "content/civil-affairs/department.yaml",
            Kind::Site => "content/site.yaml",
            Kind::Page => "content/pages/about.md",
        }
    }

    /// The kind of a content file, by its place under `content/`.
    fn of_content(path: &Path) -> Kind {
        let name = path.file_name().unwrap().to_string_lossy();
        if name.ends_with(".md") {
            Kind::Page
        } else if name == "site.yaml" {
            Kind::Site
        } else if name == "department.yaml" {
            Kind::Department
        } else {
            Kind::Report
        }
    }
}

/// One loader-rejection fixture: its name (path below tests/fixtures/errors), kind and bytes.
struct Fixture {
    name: String,
    kind: Kind,
    bytes: Vec<u8>,
}

fn error_fixtures() -> Vec<Fixture> {
    let dir = Path::new(REPO).join("tests/fixtures/errors");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.path().strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/");
        let kind = match name.split_once('/') {
            None => Kind::Report,
            Some(("department", _)) => Kind::Department,
            Some(("site", _)) => Kind::Site,
            Some(("pages", _)) => Kind::Page,
            Some((folder, _)) => panic!("tests/fixtures/errors/{folder}/: say which kind of file its fixtures are"),
        };
        out.push(Fixture { name, kind, bytes: std::fs::read(entry.path()).unwrap() });
    }
    out
}

/// The fixed "today" of these tests: the loader reads the clock only to warn about dates in the
/// future, which is not a rejection.
fn today() -> jixiao::dates::Date {
    jixiao::dates::parse_date("2026-01-01").unwrap()
}

/// The error codes the loader gives for the site at `root`; empty when it loads.
fn loader_errors(root: &Path) -> Vec<&'static str> {
    match jixiao::load::load_at(root, today()) {
        Ok(_) => Vec::new(),
        Err(diags) => {
            let codes: Vec<&'static str> = diags.0.iter().filter(|d| d.severity == jixiao::diagnostics::Severity::Error).map(|d| d.code).collect();
            assert!(!codes.is_empty(), "a failed load names an error: {diags:?}");
            codes
        }
    }
}

/// What an editor makes of a file before its schema: JSON, or why there is none.
enum Editor {
    /// The document as JSON, for the schema.
    Json(Value),
    /// Not UTF-8 text (an editor shows it garbled, or asks for the encoding).
    NotText,
    /// The YAML parser refuses it (syntax, a key twice, aliases beyond the limit …).
    Parser(String),
    /// A Markdown file without front matter: nothing for the page schema.
    NoFrontMatter,
}

/// The front matter of a free page, as the loader finds it: between a first `---` line and
/// the next.
fn front_matter(text: &str) -> Option<String> {
    let text = text.replace("\r\n", "\n");
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n").map(|i| i + 1).or_else(|| rest.ends_with("\n---").then(|| rest.len() - 3))?;
    Some(rest[..end].to_string())
}

/// Converts a content file to JSON the way an editor's YAML support does: UTF-8 text (a BOM
/// dropped), parsed as YAML 1.2 (so `2023-05-10` and `yes` stay text), mapping keys as strings.
fn to_json(kind: Kind, bytes: &[u8]) -> Editor {
    let Ok(text) = std::str::from_utf8(bytes) else { return Editor::NotText };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let yaml = if kind == Kind::Page {
        match front_matter(text) {
            Some(front) => front,
            None => return Editor::NoFrontMatter,
        }
    } else {
        text.to_string()
    };
    let value: serde_yaml::Value = match serde_yaml::from_str(&yaml) {
        Ok(v) => v,
        Err(e) => return Editor::Parser(e.to_string()),
    };
    match serde_json::to_value(&value) {
        Ok(json) => Editor::Json(json),
        Err(e) => Editor::Parser(e.to_string()),
    }
}

/// The JSON Schema of `kind` as `jixiao schema` prints it.
fn schema_text(kind: Kind) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao")).args(["schema", kind.schema()]).output().unwrap();
    assert!(out.status.success(), "jixiao schema {}: {}", kind.schema(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Validates each document against the schema of its kind with check-jsonschema, all of one
/// kind in one run. Returns, per document name, the schema's complaints (empty: it passes).
fn validate(documents: &[(String, Kind, Value)]) -> BTreeMap<String, Vec<String>> {
    let work = tempfile::tempdir().unwrap();
    let mut verdicts = BTreeMap::new();
    let kinds: BTreeSet<Kind> = documents.iter().map(|d| d.1).collect();
    for kind in kinds {
        let schema = work.path().join(format!("{}.schema.json", kind.schema()));
        std::fs::write(&schema, schema_text(kind)).unwrap();
        // One file per document, named by its index: the report names them back.
        let mut files = BTreeMap::new();
        for (i, (name, _, json)) in documents.iter().enumerate().filter(|(_, d)| d.1 == kind) {
            let file = work.path().join(format!("{}-{i}.json", kind.schema()));
            std::fs::write(&file, serde_json::to_vec(json).unwrap()).unwrap();
            files.insert(file.to_string_lossy().to_string(), name.clone());
            verdicts.insert(name.clone(), Vec::new());
        }
        let out = Command::new("check-jsonschema")
            .arg("--schemafile")
            .arg(&schema)
            .args(["--output-format", "json"])
            .args(files.keys())
            .output()
            .unwrap_or_else(|e| panic!("check-jsonschema must be installed (tests/install-deps.sh): {e}"));
        let report: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("check-jsonschema answered no JSON ({e}): {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)));
        // (`parse_errors` is there only when something failed.)
        assert!(report.get("parse_errors").is_none_or(|e| e == &serde_json::json!([])), "check-jsonschema could not read a document: {report}");
        for error in report["errors"].as_array().unwrap() {
            let file = error["filename"].as_str().unwrap();
            let name = files.get(file).unwrap_or_else(|| panic!("check-jsonschema names an unknown file {file}"));
            verdicts.get_mut(name).unwrap().push(format!("{}: {}", error["path"].as_str().unwrap_or(""), error["message"].as_str().unwrap_or("")));
        }
        let failed = verdicts.iter().any(|(n, v)| !v.is_empty() && files.values().any(|f| f == n));
        assert_eq!(out.status.success(), !failed, "check-jsonschema's exit status agrees with its report: {report}");
    }
    verdicts
}

/// A copy of the minimal site, which loads.
fn minimal_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(REPO).join("tests/fixtures/minimal"), dir.path());
    assert_eq!(loader_errors(dir.path()), Vec::<&str>::new(), "the minimal site loads");
    dir
}

/// The loader's error codes for the minimal site with `bytes` in place of `kind`'s file.
fn load_with(site: &Path, kind: Kind, bytes: &[u8]) -> Vec<&'static str> {
    let target = site.join(kind.target());
    let original = std::fs::read(&target).unwrap();
    std::fs::write(&target, bytes).unwrap();
    let codes = loader_errors(site);
    std::fs::write(&target, original).unwrap();
    codes
}

#[test]
fn every_loader_rejection_is_refused_by_the_schema_or_listed_as_loader_only() {
    let fixtures = error_fixtures();
    assert!(fixtures.len() >= 50, "the fixtures are found: {}", fixtures.len());
    let names: BTreeSet<&str> = fixtures.iter().map(|f| f.name.as_str()).collect();
    for (name, _) in LOADER_ONLY {
        assert!(names.contains(name), "LOADER_ONLY names {name}, which is no fixture");
    }
    let site = minimal_site();

    // The loader first: each fixture is a rejection (the file exists to show one).
    let mut codes_seen = BTreeSet::new();
    let mut loader = BTreeMap::new();
    for f in &fixtures {
        let codes = load_with(site.path(), f.kind, &f.bytes);
        let accepted = ACCEPTED.contains(&f.name.as_str());
        assert_eq!(codes.is_empty(), accepted, "{}: the loader {} it: {codes:?}", f.name, if accepted { "refuses" } else { "accepts" });
        codes_seen.extend(codes.iter().copied());
        loader.insert(f.name.clone(), codes);
    }

    // Then the editor: YAML to JSON, and the schema.
    let mut documents = Vec::new();
    let mut before_schema = BTreeMap::new();
    for f in &fixtures {
        match to_json(f.kind, &f.bytes) {
            Editor::Json(json) => documents.push((f.name.clone(), f.kind, json)),
            Editor::NotText => {
                before_schema.insert(f.name.clone(), (false, "not UTF-8 text".to_string()));
            }
            Editor::NoFrontMatter => {
                before_schema.insert(f.name.clone(), (false, "no front matter".to_string()));
            }
            Editor::Parser(e) => {
                before_schema.insert(f.name.clone(), (true, format!("YAML parser: {e}")));
            }
        }
    }
    let schema = validate(&documents);

    let mut table = Vec::new();
    let mut wrong = Vec::new();
    for f in &fixtures {
        let (refused, why) = match (before_schema.get(&f.name), schema.get(&f.name)) {
            (Some((refused, why)), _) => (*refused, why.clone()),
            (None, Some(errors)) if errors.is_empty() => (false, "schema accepts".to_string()),
            (None, Some(errors)) => (true, format!("schema: {}", errors.join("; "))),
            (None, None) => unreachable!("every fixture has a verdict"),
        };
        let loader_only = LOADER_ONLY.iter().find(|(n, _)| *n == f.name).map(|(_, reason)| *reason);
        table.push(format!("{:<34} loader {:<22} editor {}", f.name, format!("{:?}", loader[&f.name]), why));
        match (ACCEPTED.contains(&f.name.as_str()), loader_only, refused) {
            (true, _, false) | (false, None, true) | (false, Some(_), false) => {}
            (true, _, true) => wrong.push(format!("{}: valid, but the editor refuses it ({why})", f.name)),
            (false, None, false) => wrong.push(format!("{}: the loader refuses it ({:?}) but the schema accepts it: state the rule in the schema, or list it in LOADER_ONLY with the reason JSON Schema cannot", f.name, loader[&f.name])),
            (false, Some(reason), true) => wrong.push(format!("{}: listed as loader-only ({reason}), but the editor refuses it ({why}): take it off the list", f.name)),
        }
    }
    println!("{}", table.join("\n"));
    assert!(wrong.is_empty(), "{}\n\n{}", wrong.join("\n"), table.join("\n"));

    // Every error the loader gives about a file's content has a fixture here.
    let content_codes: Vec<&str> = jixiao::codes::CODES
        .iter()
        .filter(|c| c.code < "E0300" && matches!(c.kind, jixiao::codes::Kind::Error | jixiao::codes::Kind::ErrorOrWarning))
        .map(|c| c.code)
        .filter(|c| !ABOUT_PATHS.iter().any(|(p, _)| p == c))
        .collect();
    let missing: Vec<&&str> = content_codes.iter().filter(|c| !codes_seen.contains(**c)).collect();
    assert!(missing.is_empty(), "loader errors without a fixture in tests/fixtures/errors: {missing:?}");
}

/// Every YAML and Markdown file under `content/` of `root`.
fn content_files(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "md"))
        .collect()
}

#[test]
fn every_valid_content_file_passes_its_schema() {
    let sites = ["", "tests/fixtures/minimal", "tests/fixtures/hostile", "tests/fixtures/check/clean", "tests/fixtures/check/triggers"];
    let mut documents = Vec::new();
    for site in sites {
        let root = Path::new(REPO).join(site);
        assert_eq!(loader_errors(&root), Vec::<&str>::new(), "{site}: the loader accepts the site");
        for file in content_files(&root) {
            let kind = Kind::of_content(&file);
            let name = file.strip_prefix(REPO).unwrap().display().to_string();
            match to_json(kind, &std::fs::read(&file).unwrap()) {
                Editor::Json(json) => documents.push((name, kind, json)),
                _ => panic!("{name}: an editor cannot read it as YAML"),
            }
        }
    }
    assert!(documents.iter().any(|d| d.0 == "content/huangpu-zhengfawei/2022.yaml"), "the example site's seed report is checked");
    assert!(documents.iter().filter(|d| d.1 == Kind::Page).count() >= 3 && documents.iter().filter(|d| d.1 == Kind::Site).count() >= 5);
    let failed: Vec<String> = validate(&documents).into_iter().filter(|(_, e)| !e.is_empty()).map(|(n, e)| format!("{n}: {}", e.join("; "))).collect();
    assert!(failed.is_empty(), "valid content refused by its schema:\n{}", failed.join("\n"));
}

/// Every mapping key of `value`, as the path of keys and list indexes leading to it.
fn key_paths(value: &serde_yaml::Value, at: &mut Vec<serde_yaml::Value>, out: &mut Vec<Vec<serde_yaml::Value>>) {
    match value {
        serde_yaml::Value::Mapping(m) => {
            for (k, v) in m {
                at.push(k.clone());
                out.push(at.clone());
                key_paths(v, at, out);
                at.pop();
            }
        }
        serde_yaml::Value::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                at.push(serde_yaml::Value::Number(i.into()));
                key_paths(v, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

/// `value` without the key at `path`.
fn without(value: &serde_yaml::Value, path: &[serde_yaml::Value]) -> serde_yaml::Value {
    let mut copy = value.clone();
    let mut node = &mut copy;
    for step in &path[..path.len() - 1] {
        node = match (node, step) {
            (serde_yaml::Value::Sequence(items), serde_yaml::Value::Number(i)) => &mut items[i.as_u64().unwrap() as usize],
            (serde_yaml::Value::Mapping(m), key) => m.get_mut(key).unwrap(),
            _ => unreachable!("a path found in the value"),
        };
    }
    node.as_mapping_mut().unwrap().remove(path.last().unwrap());
    copy
}

#[test]
fn deleting_any_key_of_a_valid_file_gets_the_same_verdict_from_both() {
    // The example site's richest report and the other kinds of file: for each key, the file
    // without it. The schema's `required` and rules within a mapping must match the loader's.
    // A site of just these files, so that each load reads little.
    let files = ["content/huangpu-zhengfawei/2022.yaml", "content/huangpu-zhengfawei/department.yaml", "content/site.yaml", "content/demo-qingshui-wenlv/2023.yaml", "content/demo-qingshui-wenlv/department.yaml"];
    let site = tempfile::tempdir().unwrap();
    for file in files {
        std::fs::create_dir_all(site.path().join(file).parent().unwrap()).unwrap();
        std::fs::copy(Path::new(REPO).join(file), site.path().join(file)).unwrap();
    }
    assert_eq!(loader_errors(site.path()), Vec::<&str>::new(), "the files load");
    let (mut cases, mut references) = (Vec::new(), 0);
    for file in files {
        let path = site.path().join(file);
        let original = std::fs::read_to_string(&path).unwrap();
        let value: serde_yaml::Value = serde_yaml::from_str(&original).unwrap();
        let mut paths = Vec::new();
        key_paths(&value, &mut Vec::new(), &mut paths);
        for p in paths {
            let changed = without(&value, &p);
            let shown: Vec<String> = p.iter().map(|s| serde_yaml::to_string(s).unwrap().trim().to_string()).collect();
            let name = format!("{file} without {}", shown.join("."));
            std::fs::write(&path, serde_yaml::to_string(&changed).unwrap()).unwrap();
            let codes = loader_errors(site.path());
            // A deletion that breaks only a reference (a narrative's task deleted) is a rule
            // the schema cannot state (see LOADER_ONLY): not compared.
            if !codes.is_empty() && codes.iter().all(|c| *c == "E0205") {
                references += 1;
                continue;
            }
            cases.push((name, Kind::of_content(&path), serde_json::to_value(&changed).unwrap(), !codes.is_empty()));
        }
        std::fs::write(&path, original).unwrap();
    }
    assert!(cases.len() > 200 && references < 10, "{} cases, {references} breaking a reference only", cases.len());
    assert!(cases.iter().any(|c| c.3) && cases.iter().any(|c| !c.3), "some deletions are refused, some not");
    let documents: Vec<(String, Kind, Value)> = cases.iter().map(|c| (c.0.clone(), c.1, c.2.clone())).collect();
    let schema = validate(&documents);
    let differ: Vec<String> = cases
        .iter()
        .filter(|c| schema[&c.0].is_empty() == c.3)
        .map(|c| format!("{}: loader {}, schema {:?}", c.0, if c.3 { "refuses" } else { "accepts" }, schema[&c.0]))
        .collect();
    assert!(differ.is_empty(), "the schema and the loader disagree:\n{}", differ.join("\n"));
}

#[test]
fn the_schema_patterns_say_what_the_loader_functions_say() {
    // Ids, dates and links are written twice: as the loader's functions and as the schema's
    // patterns. On edge cases of each, the two must agree.
    let mut ids: Vec<String> = ["a", "a.", "a..b", "a.b.c", "-a", "_a", ".a", "a-b_c.d", "2022", "Grid", "网格", "a b", "a/../b", "", "a._", "a.-b", "search", "data"]
        .map(str::to_string)
        .to_vec();
    ids.extend(["a".repeat(100), "a".repeat(101)]);
    let dates = [
        "2023-02-28", "2023-02-29", "2024-02-29", "1900-02-29", "2000-02-29", "2100-02-29", "2400-02-29", "2023-04-30", "2023-04-31",
        "2023-12-31", "2023-13-01", "2023-00-10", "2023-01-00", "2023-01-32", "2023-5-10", "2023/05/10", "20230510", "2023-05-10 ",
    ];
    let links = ["https://www.gov.cn/", "http://x", "https://", "https:///x", "pages/about/", "/abs", "//host/x", "javascript:alert(1)", "a b", "mailto:x@y", "about"];
    let mut documents = Vec::new();
    let mut expected = BTreeMap::new();
    for id in &ids {
        let name = format!("id {id:?}");
        documents.push((name.clone(), Kind::Department, serde_json::json!({ "name": "部门", "id": id })));
        let reserved = jixiao::model::RESERVED_IDS.contains(&id.as_str());
        expected.insert(name, jixiao::load::is_valid_id(id) && !reserved);
    }
    for date in dates {
        let name = format!("date {date:?}");
        documents.push((name.clone(), Kind::Report, serde_json::json!({ "title": "报告", "overview": {"text": "概况"}, "work": {}, "budget": {}, "published": date })));
        expected.insert(name, jixiao::dates::parse_date(date).is_ok());
    }
    for link in links {
        let name = format!("link {link:?}");
        let site = serde_json::json!({ "title": "站点", "base_url": "https://x.gov.cn/", "publisher": "局", "branding": {"nav": [{"title": "链接", "url": link}]} });
        documents.push((name.clone(), Kind::Site, site));
        expected.insert(name, jixiao::branding::is_link(link));
    }
    let verdicts = validate(&documents);
    let differ: Vec<String> = expected
        .iter()
        .filter(|(name, ok)| verdicts[*name].is_empty() != **ok)
        .map(|(name, ok)| format!("{name}: the loader {}, the schema {:?}", if *ok { "accepts" } else { "refuses" }, verdicts[name]))
        .collect();
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
