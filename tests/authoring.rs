//! Authoring tools: the JSON Schemas generated from the model accept every example file and
//! refuse known-bad ones; `jixiao new` starts a loadable draft with the same ids and never
//! overwrites; `jixiao init` creates a site that builds at once.
//!
//! The schemas are checked with a small validator of the JSON Schema keywords schemars emits
//! ($ref, type, properties, required, additionalProperties, items, enum, const, anyOf, oneOf,
//! allOf, not, if/then, minimum, maximum, maxLength); a test below makes sure no other keyword
//! appears. `pattern` and `format` it leaves to tests/schema_loader.rs, which runs a real
//! validator (check-jsonschema) over the same files and every loader-rejection fixture.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn jixiao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao")).args(["--lang", "en"]).args(args).output().expect("run jixiao")
}

// ───────────────────────────── a small JSON Schema validator ─────────────────────────────

const KEYWORDS: &[&str] = &[
    "$ref", "$defs", "$schema", "$comment", "title", "description", "default", "format", "type", "properties",
    "required", "additionalProperties", "items", "enum", "const", "anyOf", "oneOf", "allOf", "minimum", "maximum",
    "not", "if", "then", "maxLength", "pattern",
];

fn type_matches(ty: &str, v: &Value) -> bool {
    match ty {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.as_i64().is_some() || v.as_u64().is_some() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        _ => panic!("unknown type {ty}"),
    }
}

fn validate(root: &Value, schema: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
    let s = match schema {
        Value::Bool(true) => return,
        Value::Bool(false) => return errors.push(format!("{path}: not allowed")),
        Value::Object(s) => s,
        _ => panic!("bad schema at {path}"),
    };
    for k in s.keys() {
        assert!(KEYWORDS.contains(&k.as_str()), "the validator does not know keyword {k}");
    }
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let target = root.pointer(r.trim_start_matches('#')).unwrap_or_else(|| panic!("unresolved {r}"));
        validate(root, target, v, path, errors);
    }
    if let Some(t) = s.get("type") {
        let ok = match t {
            Value::String(t) => type_matches(t, v),
            Value::Array(ts) => ts.iter().any(|t| type_matches(t.as_str().unwrap(), v)),
            _ => panic!("bad type"),
        };
        if !ok {
            errors.push(format!("{path}: expected {t}, found {v}"));
            return;
        }
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array)
        && !e.contains(v)
    {
        errors.push(format!("{path}: {v} is not one of {e:?}"));
    }
    if let Some(c) = s.get("const")
        && c != v
    {
        errors.push(format!("{path}: {v} is not {c}"));
    }
    let passes = |sub: &Value| {
        let mut e = Vec::new();
        validate(root, sub, v, path, &mut e);
        e.is_empty()
    };
    if let Some(any) = s.get("anyOf").and_then(Value::as_array)
        && !any.iter().any(passes)
    {
        // Report every alternative's own errors, for a useful message.
        let mut first = Vec::new();
        for sub in any {
            validate(root, sub, v, path, &mut first);
        }
        errors.push(format!("{path}: matches no alternative ({})", first.join("; ")));
    }
    if let Some(one) = s.get("oneOf").and_then(Value::as_array) {
        let n = one.iter().filter(|sub| passes(sub)).count();
        if n != 1 {
            errors.push(format!("{path}: matches {n} of oneOf"));
        }
    }
    if let Some(all) = s.get("allOf").and_then(Value::as_array) {
        for sub in all {
            validate(root, sub, v, path, errors);
        }
    }
    if let Some(not) = s.get("not")
        && passes(not)
    {
        errors.push(format!("{path}: {v} matches what is excluded ({not})"));
    }
    if let (Some(cond), Some(then)) = (s.get("if"), s.get("then"))
        && passes(cond)
    {
        validate(root, then, v, path, errors);
    }
    if let (Some(text), Some(max)) = (v.as_str(), s.get("maxLength").and_then(Value::as_u64))
        && text.chars().count() as u64 > max
    {
        errors.push(format!("{path}: longer than {max} characters"));
    }
    if let (Some(n), Some(min)) = (v.as_f64(), s.get("minimum").and_then(Value::as_f64))
        && n < min
    {
        errors.push(format!("{path}: {n} < {min}"));
    }
    if let (Some(n), Some(max)) = (v.as_f64(), s.get("maximum").and_then(Value::as_f64))
        && n > max
    {
        errors.push(format!("{path}: {n} > {max}"));
    }
    if let Value::Object(obj) = v {
        let props = s.get("properties").and_then(Value::as_object);
        for req in s.get("required").and_then(Value::as_array).into_iter().flatten() {
            if !obj.contains_key(req.as_str().unwrap()) {
                errors.push(format!("{path}: missing required `{req}`"));
            }
        }
        for (k, val) in obj {
            let p = format!("{path}.{k}");
            match props.and_then(|p| p.get(k)) {
                Some(sub) => validate(root, sub, val, &p, errors),
                None => {
                    if let Some(extra) = s.get("additionalProperties") {
                        validate(root, extra, val, &p, errors);
                    }
                }
            }
        }
    }
    if let (Value::Array(items), Some(sub)) = (v, s.get("items")) {
        for (i, item) in items.iter().enumerate() {
            validate(root, sub, item, &format!("{path}[{i}]"), errors);
        }
    }
}

fn schema(kind: &str) -> Value {
    jixiao::schema::schema(kind).unwrap()
}

/// Validation errors of a YAML text against the schema of `kind`.
fn errors_of(kind: &str, yaml: &str) -> Vec<String> {
    let v: Value = serde_yaml::from_str(yaml).expect("YAML parses");
    let s = schema(kind);
    let mut errors = Vec::new();
    validate(&s, &s, &v, "", &mut errors);
    errors
}

fn kind_of(path: &Path) -> &'static str {
    match path.file_name().unwrap().to_str().unwrap() {
        "site.yaml" => "site",
        "department.yaml" => "department",
        _ => "report",
    }
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "yaml"))
        .map(|e| e.path().to_path_buf())
        .collect()
}

#[test]
fn the_example_content_validates_against_the_generated_schemas() {
    let files = yaml_files(&repo().join("content"));
    assert!(files.len() >= 7, "site, 2 departments, 5 reports");
    for f in files {
        let errors = errors_of(kind_of(&f), &std::fs::read_to_string(&f).unwrap());
        assert!(errors.is_empty(), "{}:\n{}", f.display(), errors.join("\n"));
    }
    // Free pages: the front matter.
    for e in std::fs::read_dir(repo().join("content/pages")).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let front = text.strip_prefix("---\n").unwrap().split("\n---\n").next().unwrap();
        assert!(errors_of("page", front).is_empty());
    }
}

#[test]
fn known_bad_files_do_not_validate() {
    let good = std::fs::read_to_string(repo().join("content/huangpu-zhengfawei/2022.yaml")).unwrap();
    assert!(errors_of("report", &good).is_empty());
    let cases = [
        ("unknown key", good.replacen("title:", "titel:", 1), "titel"),
        ("figure with a thousands separator", good.replacen("total: 8334.69", "total: \"8,334.69\"", 1), "budget.total"),
        ("operator that is not one", good.replacen("op: '≥'", "op: '≈'", 1), "op"),
        ("list where a mapping belongs", good.replacen("budget:", "budget: []\nbudget_old:", 1), "budget"),
        ("year that is text", good.replacen("year: 2022", "year: 二〇二二", 1), "year"),
    ];
    for (what, text, field) in cases {
        assert!(text != good, "{what}: the mutation applies");
        let errors = errors_of("report", &text);
        assert!(!errors.is_empty(), "{what} is refused");
        assert!(errors.iter().any(|e| e.contains(field)), "{what}: an error names {field}: {errors:?}");
    }
    assert!(!errors_of("site", "title: x\npublisher: y\n").is_empty(), "site without base_url");
    assert!(!errors_of("department", "name: x\nwebsite: y\n").is_empty(), "contact fields belong under contact");
}

#[test]
fn schema_command_prints_the_generated_schemas_and_builds_publish_them() {
    let out = jixiao(&["schema", "report"]);
    assert!(out.status.success());
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed, schema("report"));
    assert_eq!(printed["$defs"]["Figure"]["type"], "number", "figures are numbers in YAML");
    let all: Value = serde_json::from_slice(&jixiao(&["schema"]).stdout).unwrap();
    for k in ["report", "department", "site", "page"] {
        assert_eq!(all[k], schema(k));
    }
    assert!(!jixiao(&["schema", "nonsense"]).status.success());

    let tmp = tempfile::tempdir().unwrap();
    let mut options = jixiao::BuildOptions::new(repo());
    options.output = tmp.path().join("public");
    jixiao::build(&options).unwrap_or_else(|d| panic!("{d}"));
    let published: Value = serde_json::from_slice(&std::fs::read(tmp.path().join("public/schema/report.schema.json")).unwrap()).unwrap();
    assert_eq!(published, schema("report"), "the site publishes the schema for yaml-language-server modelines");
}

/// A copy of the example content in a temp folder.
fn scratch() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for e in walkdir::WalkDir::new(repo().join("content")) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(repo()).unwrap();
        if e.file_type().is_dir() {
            std::fs::create_dir_all(tmp.path().join(rel)).unwrap();
        } else {
            std::fs::copy(e.path(), tmp.path().join(rel)).unwrap();
        }
    }
    tmp
}

#[test]
fn new_starts_a_loadable_draft_with_the_same_ids_and_never_overwrites() {
    let tmp = scratch();
    let root = tmp.path().to_str().unwrap();
    for (dept, year) in [("huangpu-zhengfawei", "2023"), ("demo-qingshui-wenlv", "2024")] {
        let out = jixiao(&["new", dept, year, "--root", root]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let path = tmp.path().join(format!("content/{dept}/{year}.yaml"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("~  # 待填写"), "empty figures carry a comment to fill them");
        let errors = errors_of("report", &text);
        assert!(errors.is_empty(), "the new file validates against the schema: {errors:?}");

        // Refuses to overwrite, and leaves the file alone.
        let again = jixiao(&["new", dept, year, "--root", root]);
        assert!(!again.status.success());
        assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }

    let content = jixiao::load::load(tmp.path()).unwrap_or_else(|d| panic!("the drafts load:\n{d}"));
    for (dept, year, from) in [("huangpu-zhengfawei", 2023, 2022), ("demo-qingshui-wenlv", 2024, 2023)] {
        let d = content.departments.iter().find(|d| d.id == dept).unwrap();
        let new = &d.reports.iter().find(|r| r.year == year).unwrap().report;
        let old = &d.reports.iter().find(|r| r.year == from).unwrap().report;
        assert!(new.draft, "a draft");
        let ids = |r: &jixiao::model::Report| r.targets.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(new), ids(old), "same target ids");
        let ind = |r: &jixiao::model::Report| {
            r.evaluation_tables.iter().flat_map(|t| t.indicators.iter().map(|i| i.id.clone())).collect::<Vec<_>>()
        };
        assert_eq!(ind(new), ind(old), "same indicator ids");
        for (n, o) in new.targets.iter().zip(&old.targets) {
            let v = |t: &jixiao::model::Target| t.target.as_ref().and_then(|v| v.value.as_ref()).map(|f| f.as_written().to_string());
            assert_eq!(v(n), v(o), "same target values");
            assert!(n.result.as_ref().is_none_or(|r| r.value.is_none()), "no result carried over");
        }
        let b = &new.budget;
        assert!(b.total.is_none() && b.executed.is_none() && b.execution_rate.is_none(), "no budget figure carried over");
        assert!(new.evaluation_tables.iter().all(|t| t.total_score.is_none() && t.indicators.iter().all(|i| i.score.is_none())));
    }
    // Warnings list what is still empty in the drafts.
    let empty_listed = content.warnings.0.iter().filter(|d| d.code == "E0210").count();
    assert!(empty_listed > 20, "every empty figure is listed ({empty_listed})");

    // Publishing with empty figures fails, naming each one.
    let path = tmp.path().join("content/huangpu-zhengfawei/2023.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let empty = text.lines().filter(|l| l.contains(": ~  # 待填写") && !l.contains("text: ~") && !l.contains("summary: ~")).count();
    std::fs::write(&path, text.replacen("draft: true", "draft: false", 1)).unwrap();
    let err = jixiao::load::load(tmp.path()).expect_err("empty figures cannot be published");
    let named: Vec<_> = err.0.iter().filter(|d| d.code == "E0210" && d.file.ends_with("2023.yaml")).collect();
    assert_eq!(named.len(), empty, "one error per empty figure:\n{err}");
    assert!(named.iter().any(|d| d.field.as_deref() == Some("budget.total")));
    assert!(named.iter().any(|d| d.field.as_deref().is_some_and(|f| f.starts_with("targets[") && f.ends_with("result.value"))));

    // Without an earlier report, or for an unknown department, nothing is written.
    assert!(!jixiao(&["new", "huangpu-zhengfawei", "2001", "--root", root]).status.success());
    assert!(!jixiao(&["new", "nobody", "2030", "--root", root]).status.success());
    assert!(!tmp.path().join("content/huangpu-zhengfawei/2001.yaml").exists());
}

#[test]
fn init_creates_a_site_that_builds_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new-site");
    let out = jixiao(&["init", dir.to_str().unwrap(), "--year", "2024"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for f in ["content/site.yaml", "content/example-department/department.yaml", "content/example-department/2024.yaml", "themes/default/templates/base.html", "themes/default/i18n/zh-CN.yaml"] {
        assert!(dir.join(f).is_file(), "{f} created");
    }
    // Every YAML file names its schema, which exists relative to it.
    for f in yaml_files(&dir.join("content")) {
        let text = std::fs::read_to_string(&f).unwrap();
        let target = text.lines().next().unwrap().strip_prefix("# yaml-language-server: $schema=").expect("modeline");
        let schema_file = f.parent().unwrap().join(target);
        let on_disk: Value = serde_json::from_slice(&std::fs::read(&schema_file).unwrap()).unwrap();
        assert_eq!(on_disk, schema(kind_of(&f)), "{}", f.display());
    }
    for f in yaml_files(&dir.join("content")) {
        let errors = errors_of(kind_of(&f), &std::fs::read_to_string(&f).unwrap());
        assert!(errors.is_empty(), "{}: {errors:?}", f.display());
    }
    let mut options = jixiao::BuildOptions::new(&dir);
    let summary = jixiao::build(&options).unwrap_or_else(|d| panic!("a new site builds:\n{d}"));
    assert_eq!(summary.reports, 0, "the report template is a draft");
    assert!(dir.join("public/index.html").is_file());
    options.drafts = true;
    let summary = jixiao::build(&options).unwrap_or_else(|d| panic!("a new site builds with drafts:\n{d}"));
    assert_eq!(summary.reports, 1);
    assert!(dir.join("public/example-department/2024/index.html").is_file());
    assert!(dir.join("public/example-department/2024/report.json").is_file());

    // Next year's report in the new site names the local schema too.
    let next = jixiao(&["new", "example-department", "2025", "--root", dir.to_str().unwrap()]);
    assert!(next.status.success(), "{}", String::from_utf8_lossy(&next.stderr));
    let text = std::fs::read_to_string(dir.join("content/example-department/2025.yaml")).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../../schema/report.schema.json\n"));
    assert!(errors_of("report", &text).is_empty());

    // A folder that is not empty is refused.
    let again = jixiao(&["init", dir.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
}
