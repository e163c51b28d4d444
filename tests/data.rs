//! Open data downloads of the example site: the CSVs parse back (with their BOM) and hold the
//! figures of the reports as written, report.json round-trips to the loaded report, every
//! datapackage.json passes the Frictionless descriptor rules we rely on, the pages link to the
//! files with their real sizes, the Atom feed parses, and attachments and the publish rule work.

use jixiao::model::{Figure, Report};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The example site, built once for all tests of this file.
/// The example site's `base_url`, as its site.yaml says.
fn base_url() -> &'static str {
    "https://jixiao.example.gov.cn/"
}

fn site() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &OUT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let mut options = jixiao::BuildOptions::new(repo());
        options.output = out.clone();
        jixiao::build(&options).unwrap_or_else(|d| panic!("the example site builds:\n{d}"));
        (tmp, out)
    })
    .1
}

fn content() -> &'static jixiao::load::Content {
    static C: OnceLock<jixiao::load::Content> = OnceLock::new();
    C.get_or_init(|| jixiao::load::load(repo()).unwrap_or_else(|d| panic!("example loads:\n{d}")))
}

/// Published (non-draft) reports of the example: (department, year, report).
fn published() -> Vec<(&'static str, u16, &'static Report)> {
    let mut out = Vec::new();
    for d in &content().departments {
        for r in &d.reports {
            if !r.report.draft {
                out.push((d.id.as_str(), r.year, &r.report));
            }
        }
    }
    assert!(out.len() >= 4, "the example has published reports");
    out
}

const BOM: &[u8] = "\u{feff}".as_bytes();

/// Reads a CSV file: checks the BOM, returns header and rows (parsed by the csv crate).
fn read_csv(path: &Path) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(bytes.starts_with(BOM), "{} starts with a UTF-8 BOM for Excel", path.display());
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[BOM.len()..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(r.len(), header.len(), "{}: every row has every column", path.display());
            header.iter().cloned().zip(r.iter().map(String::from)).collect()
        })
        .collect();
    (header, rows)
}

fn fig(f: Option<&Figure>) -> String {
    f.map_or(String::new(), |f| f.as_written().to_string())
}

#[test]
fn targets_csv_round_trips_the_figures_as_written() {
    for (dept, year, report) in published() {
        let (header, rows) = read_csv(&site().join(format!("{dept}/{year}/targets.csv")));
        assert_eq!(header[0], "department", "the BOM is not part of the first column name");
        assert_eq!(rows.len(), report.targets.len(), "{dept}/{year}: one row per target");
        for (row, t) in rows.iter().zip(&report.targets) {
            assert_eq!(row["department"], dept);
            assert_eq!(row["year"], year.to_string());
            assert_eq!(row["id"], t.id);
            assert_eq!(row["name"], t.name, "text survives quoting (commas, quotes, line breaks)");
            assert_eq!(row["unit"], t.unit.clone().unwrap_or_default());
            assert_eq!(row["target_value"], fig(t.target.as_ref().and_then(|v| v.value.as_ref())));
            assert_eq!(row["target_op"], t.target.as_ref().and_then(|v| v.op).map_or("", |o| o.symbol()));
            assert_eq!(row["result_value"], fig(t.result.as_ref().and_then(|v| v.value.as_ref())));
            assert_eq!(row["result_text"], t.result.as_ref().and_then(|v| v.text.clone()).unwrap_or_default());
            assert!(["met", "not_met", "qualitative", "unknown"].contains(&row["status"].as_str()));
        }
    }
}

#[test]
fn indicators_csv_where_present_round_trips_every_indicator() {
    let mut seen = 0;
    for (dept, year, report) in published() {
        let indicators: Vec<_> = report.evaluation_tables.iter().flat_map(|t| t.indicators.iter().map(move |i| (t, i))).collect();
        let path = site().join(format!("{dept}/{year}/indicators.csv"));
        if indicators.is_empty() {
            assert!(!path.exists(), "{dept}/{year} has no indicators, so no indicators.csv");
            continue;
        }
        seen += 1;
        let (header, rows) = read_csv(&path);
        assert_eq!(rows.len(), indicators.len());
        // The table's title and the department's name are said once, in report.json, not on
        // every row: a row's ids find them there.
        assert!(!header.iter().any(|h| h == "table_title" || h == "department_name"), "{header:?}");
        let doc: Value = serde_json::from_slice(&std::fs::read(site().join(format!("{dept}/{year}/report.json"))).unwrap()).unwrap();
        assert!(doc["department"]["name"].is_string() && doc["department"]["id"] == dept);
        for (row, (table, ind)) in rows.iter().zip(indicators) {
            assert_eq!(row["table_id"], table.id);
            let titled = doc["report"]["evaluation_tables"].as_array().unwrap().iter().find(|t| t["id"] == row["table_id"].as_str());
            assert_eq!(titled.expect("the row's table is in report.json")["title"], table.title.as_str());
            assert_eq!(row["id"], ind.id);
            assert_eq!(row["level1"], ind.level1);
            assert_eq!(row["name"], ind.name);
            assert_eq!(row["target_value"], fig(ind.target.as_ref().and_then(|v| v.value.as_ref())));
            assert_eq!(row["actual_value"], fig(ind.actual.as_ref().and_then(|v| v.value.as_ref())));
            assert_eq!(row["weight"], fig(ind.weight.as_ref()));
            assert_eq!(row["score"], fig(ind.score.as_ref()));
            assert_eq!(row["deviation"], ind.deviation.clone().unwrap_or_default());
        }
    }
    assert!(seen >= 3, "the demo department's reports have self-evaluation tables");
}

#[test]
fn bulk_csvs_hold_every_report_once_per_site_and_per_year() {
    let reports = published();
    let (_, budgets) = read_csv(&site().join("data/budgets.csv"));
    assert_eq!(budgets.len(), reports.len(), "one row per department-year");
    for (dept, year, report) in &reports {
        let row = budgets.iter().find(|r| r["department"] == *dept && r["year"] == year.to_string()).expect("row of the report");
        let b = &report.budget;
        assert_eq!(row["unit"], b.unit());
        assert_eq!(row["total"], fig(b.total.as_ref()), "money as written, in the unit column's unit");
        assert_eq!(row["executed"], fig(b.executed.as_ref()));
        assert_eq!(row["execution_rate"], fig(b.execution_rate.as_ref()));
        assert_eq!(row["carry_over"], fig(b.carry_over.as_ref()));
    }
    // Targets and indicators are per year only (docs/open-data.md says why).
    assert!(!site().join("data/targets.csv").exists() && !site().join("data/indicators.csv").exists());
    let mut all_targets = 0;
    let years: BTreeSet<u16> = reports.iter().map(|r| r.1).collect();
    for y in years {
        let (_, rows) = read_csv(&site().join(format!("data/{y}/budgets.csv")));
        assert_eq!(rows.len(), reports.iter().filter(|r| r.1 == y).count());
        assert!(rows.iter().all(|r| r["year"] == y.to_string()));
        let (_, t) = read_csv(&site().join(format!("data/{y}/targets.csv")));
        assert_eq!(t.len(), reports.iter().filter(|r| r.1 == y).map(|r| r.2.targets.len()).sum::<usize>());
        all_targets += t.len();
    }
    assert_eq!(all_targets, reports.iter().map(|r| r.2.targets.len()).sum::<usize>(), "every target is in its year's file");
}

#[test]
fn report_json_round_trips_to_the_loaded_report() {
    for (dept, year, report) in published() {
        let text = std::fs::read_to_string(site().join(format!("{dept}/{year}/report.json"))).unwrap();
        let doc: Value = serde_json::from_str(&text).unwrap();
        // Compact, as docs/open-data.md says: one line (newlines inside strings are escaped), ended.
        assert!(text.ends_with('\n') && text.lines().count() == 1, "{dept}/{year}/report.json is one line");
        assert_eq!(doc["year"], year);
        assert_eq!(doc["department"]["id"], dept);
        assert!(doc["url"].as_str().unwrap().ends_with(&format!("/{dept}/{year}/")));
        // Figures are decimal strings with their written decimals.
        if let Some(t) = &report.budget.total {
            assert_eq!(doc["report"]["budget"]["total"], Value::String(t.as_written().to_string()));
        }
        // Layout 2 leaves out nulls and empty lists: reading it back gives the whole report.
        assert_eq!(doc["jixiao_report_json"], 3);
        assert!(!text.contains(":null") && !text.contains(":[]"), "{dept}/{year}/report.json leaves out nulls and empty lists");
        let parsed = jixiao::data::report_from_json(&doc).unwrap_or_else(|e| panic!("{dept}/{year}: {e}"));
        assert_eq!(
            serde_json::to_value(&parsed).unwrap(),
            serde_json::to_value(report).unwrap(),
            "report.json holds the report as loaded"
        );
    }
    // The seed report writes 0.00; it must stay 0.00, not 0.
    let seed = std::fs::read_to_string(site().join("huangpu-zhengfawei/2022/report.json")).unwrap();
    assert!(seed.contains("\"0.00\""), "written decimals survive");
}

/// Checks a data package against the Frictionless rules we rely on; returns its resource paths.
fn check_package(dir: &Path) -> Vec<String> {
    let pkg: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("datapackage.json")).unwrap()).unwrap();
    let name_ok = |n: &str| !n.is_empty() && n.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._".contains(c));
    assert!(name_ok(pkg["name"].as_str().unwrap()), "package name is lowercase [a-z0-9._-]");
    let resources = pkg["resources"].as_array().expect("resources is a list");
    assert!(!resources.is_empty());
    let mut names = BTreeSet::new();
    let mut paths = Vec::new();
    for r in resources {
        let name = r["name"].as_str().unwrap();
        assert!(name_ok(name), "resource name {name}");
        assert!(names.insert(name.to_string()), "resource names are unique: {name}");
        let path = r["path"].as_str().unwrap();
        assert!(!path.starts_with('/') && !path.split('/').any(|p| p == ".." || p == "."), "path is relative and stays inside: {path}");
        let file = dir.join(path);
        let bytes = std::fs::read(&file).unwrap_or_else(|_| panic!("resource {path} exists next to {}", dir.display()));
        assert_eq!(r["bytes"], bytes.len(), "{path}: bytes is the real size");
        assert_eq!(r["hash"], format!("sha256:{}", jixiao::digest::sha256_hex(&bytes)), "{path}: hash");
        // A table is a resource with a schema (a report's lean package does not state the
        // profile Frictionless infers from it, nor the encoding UTF-8 that the Data Resource
        // spec gives when a resource states none).
        if let Some(schema) = r.get("schema") {
            // A report's package names its schema by URL, published once under data/.
            let schema: Value = match schema.as_str() {
                Some(url) => {
                    let file = url.strip_prefix(&format!("{}data/", base_url())).unwrap_or_else(|| panic!("{path}: schema {url} on the site, under data/"));
                    serde_json::from_slice(&std::fs::read(site().join("data").join(file)).unwrap_or_else(|_| panic!("{url} is published"))).unwrap()
                }
                None => schema.clone(),
            };
            assert!(r.get("encoding").is_none_or(|e| e == "utf-8"), "{path}: encoding");
            let (header, rows) = read_csv(&file);
            let fields: Vec<&str> = schema["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
            assert_eq!(fields, header, "{path}: schema fields match the CSV header");
            for f in schema["fields"].as_array().unwrap() {
                // A field without a type is a string (Table Schema).
                let ty = f.get("type").map_or("string", |t| t.as_str().unwrap());
                assert!(["string", "integer", "number", "boolean", "date"].contains(&ty));
                // Every value parses as its declared type.
                for row in &rows {
                    let v = &row[f["name"].as_str().unwrap()];
                    if v.is_empty() {
                        continue;
                    }
                    let ok = match ty {
                        "integer" => v.parse::<i64>().is_ok(),
                        "number" => Figure::parse(v).is_some(),
                        "boolean" => v == "true" || v == "false",
                        "date" => v.len() == 10 && v.as_bytes()[4] == b'-',
                        _ => true,
                    };
                    assert!(ok, "{path}: `{v}` is a {ty}");
                }
            }
            for key in schema["primaryKey"].as_array().unwrap() {
                assert!(fields.contains(&key.as_str().unwrap()), "primary key names a field");
            }
            // A foreign key names fields of this table whose values are a row of the table it
            // references (a year's targets and indicators name their department in budgets).
            for fk in schema["foreignKeys"].as_array().into_iter().flatten() {
                let of = |v: &Value| -> Vec<String> { v.as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_string()).collect() };
                let (here, there) = (of(&fk["fields"]), of(&fk["reference"]["fields"]));
                let target = resources.iter().find(|t| t["name"] == fk["reference"]["resource"]).expect("the referenced resource is in the package");
                let (_, target_rows) = read_csv(&dir.join(target["path"].as_str().unwrap()));
                let keys: BTreeSet<Vec<&String>> = target_rows.iter().map(|t| there.iter().map(|f| &t[f]).collect()).collect();
                for row in &rows {
                    assert!(keys.contains(&here.iter().map(|f| &row[f]).collect::<Vec<_>>()), "{path}: {row:?} has its row in {}", target["path"]);
                }
            }
        }
        paths.push(path.to_string());
    }
    paths
}

#[test]
fn data_packages_describe_every_file() {
    let listed = check_package(&site().join("data"));
    let on_disk: BTreeSet<String> = walkdir::WalkDir::new(site().join("data"))
        .into_iter()
        .map(Result::unwrap)
        // The schemas of a report's CSV files are not data: the reports' packages name them.
        .filter(|e| e.file_type().is_file() && e.file_name() != "datapackage.json" && !e.file_name().to_string_lossy().ends_with(".schema.json"))
        .map(|e| e.path().strip_prefix(site().join("data")).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    assert_eq!(listed.iter().cloned().collect::<BTreeSet<_>>(), on_disk, "data/datapackage.json lists every file under data/");
    let site_package: Value = serde_json::from_str(&std::fs::read_to_string(site().join("data/datapackage.json")).unwrap()).unwrap();
    let with_foreign_key = site_package["resources"].as_array().unwrap().iter().filter(|r| r["schema"].get("foreignKeys").is_some()).count();
    assert!(with_foreign_key >= 2, "a year's targets and indicators name their department by a foreign key to its budgets");
    for (dept, year, _) in published() {
        let dir = site().join(format!("{dept}/{year}"));
        let paths = check_package(&dir);
        assert!(paths.contains(&"report.json".to_string()) && paths.contains(&"targets.csv".to_string()));
        if dir.join("indicators.csv").exists() {
            assert!(paths.contains(&"indicators.csv".to_string()));
        }
    }
}

/// `(href, shown size)` of every download link on a page.
fn download_links(page: &Path) -> Vec<(String, String)> {
    let html = scraper::Html::parse_document(&std::fs::read_to_string(page).unwrap());
    let li = scraper::Selector::parse(".download-list li").unwrap();
    let a = scraper::Selector::parse("a").unwrap();
    html.select(&li)
        .map(|item| {
            let href = item.select(&a).next().unwrap().value().attr("href").unwrap().to_string();
            // The format and size follow the link as the item's own text.
            let shown = item.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect::<String>();
            (href, shown)
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn pages_link_to_their_downloads_with_real_sizes() {
    let mut pages = vec!["index.html".to_string()];
    for (dept, year, _) in published() {
        pages.push(format!("{dept}/{year}/index.html"));
        pages.push(format!("{dept}/index.html"));
        pages.push(format!("years/{year}/index.html"));
    }
    for page in pages {
        let path = site().join(&page);
        let links = download_links(&path);
        assert!(!links.is_empty(), "{page} offers downloads");
        for (href, shown) in links {
            let target = path.parent().unwrap().join(percent_decode(&href));
            let size = std::fs::metadata(&target).unwrap_or_else(|_| panic!("{page}: {href} exists")).len();
            assert!(shown.contains(&jixiao::data::human_size(size)), "{page}: {href} is shown as {shown}, its size is {size} bytes");
        }
    }
    let report = std::fs::read_to_string(site().join("huangpu-zhengfawei/2022/index.html")).unwrap();
    // The page's own report.json, next to it.
    assert!(report.contains(r#"<link rel="alternate" type="application/json" href="report.json">"#));
    assert!(report.contains(r#"<meta property="og:url" content="https://jixiao.example.gov.cn/huangpu-zhengfawei/2022/">"#));
    assert!(report.contains(r#"type="application/atom+xml""#));
}

#[test]
fn atom_feed_is_well_formed_and_lists_published_reports_by_date() {
    let text = std::fs::read_to_string(site().join("feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("feed.xml is well-formed XML");
    let atom = "http://www.w3.org/2005/Atom";
    let feed = doc.root_element();
    assert!(feed.has_tag_name((atom, "feed")));
    for required in ["id", "title", "updated"] {
        assert!(feed.children().any(|c| c.has_tag_name((atom, required))), "feed has <{required}>");
    }
    let entries: Vec<_> = feed.children().filter(|c| c.has_tag_name((atom, "entry"))).collect();
    let mut expected: Vec<(&str, String)> = published()
        .iter()
        .filter_map(|(d, y, r)| r.published.as_deref().map(|p| (p, format!("https://jixiao.example.gov.cn/{d}/{y}/"))))
        .collect();
    expected.sort_by(|a, b| b.0.cmp(a.0));
    assert!(!expected.is_empty());
    assert_eq!(entries.len(), expected.len(), "every dated published report, no draft");
    for (e, (date, url)) in entries.iter().zip(&expected) {
        let child = |name: &str| e.children().find(|c| c.has_tag_name((atom, name))).map(|c| c.text().unwrap_or("").to_string());
        assert_eq!(child("id").as_deref(), Some(url.as_str()), "newest first");
        assert!(child("updated").unwrap().starts_with(date));
        assert!(!child("title").unwrap().is_empty());
        assert!(e.children().any(|c| c.has_tag_name((atom, "link")) && c.attribute("href") == Some(url.as_str())));
    }
    let robots = std::fs::read_to_string(site().join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://jixiao.example.gov.cn/sitemap.xml"));
    assert!(robots.contains("Allow: /"));
}

/// A copy of the example content in a temp folder, to change.
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

fn build(root: &Path) -> Result<jixiao::BuildSummary, jixiao::diagnostics::Diagnostics> {
    let mut options = jixiao::BuildOptions::new(root);
    options.output = root.join("public");
    jixiao::build(&options)
}

#[test]
fn attachments_are_published_with_size_and_sha256() {
    let tmp = scratch();
    let root = tmp.path();
    let dept = root.join("content/huangpu-zhengfawei");
    std::fs::create_dir_all(dept.join("files")).unwrap();
    let pdf = b"%PDF-1.4\n% not a real PDF, bytes for the test\n".to_vec();
    std::fs::write(dept.join("files/2022年度自评报告.pdf"), &pdf).unwrap();
    let yaml = std::fs::read_to_string(dept.join("2022.yaml")).unwrap();
    std::fs::write(dept.join("2022.yaml"), format!("{yaml}\nattachments:\n  - file: files/2022年度自评报告.pdf\n    title: 自评报告原件（PDF）\n")).unwrap();
    build(root).unwrap_or_else(|d| panic!("{d}"));

    let out = root.join("public/huangpu-zhengfawei/2022");
    assert_eq!(std::fs::read(out.join("files/2022年度自评报告.pdf")).unwrap(), pdf, "copied byte for byte");
    let sha = jixiao::digest::sha256_hex(&pdf);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    let a = &doc["attachments"][0];
    assert_eq!(a["sha256"], sha.as_str());
    assert_eq!(a["bytes"], pdf.len());
    assert_eq!(a["title"], "自评报告原件（PDF）");
    assert_eq!(doc["report"]["attachments"][0]["file"], "files/2022年度自评报告.pdf");
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(page.contains(&sha), "the page shows the SHA-256");
    let links = download_links(&out.join("index.html"));
    let (href, shown) = links.iter().find(|(h, _)| h.contains("files/")).expect("attachment link");
    assert!(href.contains("%E8%87%AA%E8%AF%84"), "Chinese file names are percent-encoded: {href}");
    assert!(shown.contains(&jixiao::data::human_size(pdf.len() as u64)));
    check_package(&out);

    // A missing file is a located error.
    std::fs::remove_file(dept.join("files/2022年度自评报告.pdf")).unwrap();
    let err = build(root).expect_err("missing attachment fails the build");
    let d = err.0.iter().find(|d| d.code == "E0211").unwrap_or_else(|| panic!("E0211 in:\n{err}"));
    assert_eq!(d.field.as_deref(), Some("attachments[0].file"));
    assert!(d.location.is_some_and(|l| l.line > 400), "located at the line: {d:?}");
}

#[test]
fn empty_figures_keep_a_report_from_being_published() {
    let tmp = scratch();
    let root = tmp.path();
    let path = root.join("content/huangpu-zhengfawei/2022.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    let emptied = yaml.replacen("  total: 8334.69", "  total: ~", 1);
    assert_ne!(emptied, yaml, "the seed states 全年预算数 8334.69");
    std::fs::write(&path, &emptied).unwrap();
    let err = build(root).expect_err("an empty figure cannot be published");
    let found: Vec<_> = err.0.iter().filter(|d| d.code == "E0210").collect();
    assert_eq!(found.len(), 1, "{err}");
    assert_eq!(found[0].field.as_deref(), Some("budget.total"));
    assert!(found[0].message.en.contains("budget.total"), "the error names the figure");
    assert!(found[0].location.is_some());

    // As a draft it builds, with a warning naming the figure.
    std::fs::write(&path, emptied.replacen("title:", "draft: true\ntitle:", 1)).unwrap();
    let summary = build(root).unwrap_or_else(|d| panic!("{d}"));
    assert!(summary.warnings.0.iter().any(|d| d.code == "E0210" && d.field.as_deref() == Some("budget.total")));
}

#[test]
fn attachment_paths_stay_inside_and_names_are_unique() {
    let tmp = scratch();
    let root = tmp.path();
    let dept = root.join("content/huangpu-zhengfawei");
    std::fs::create_dir_all(dept.join("files/a")).unwrap();
    std::fs::write(dept.join("files/report.pdf"), b"one").unwrap();
    std::fs::write(dept.join("files/a/report.pdf"), b"two").unwrap();
    std::fs::write(root.join("content/secret.txt"), b"x").unwrap();
    let yaml = std::fs::read_to_string(dept.join("2022.yaml")).unwrap();
    let with = |list: &str| format!("{yaml}\nattachments:\n{list}");
    let cases = [
        ("  - file: ../secret.txt\n    title: 外面的文件\n", "must be relative"),
        ("  - file: /etc/passwd\n    title: 绝对路径\n", "must be relative"),
        ("  - file: files/report.pdf\n    title: 一\n  - file: files/a/report.pdf\n    title: 二\n", "two attachments are named"),
    ];
    for (list, message) in cases {
        std::fs::write(dept.join("2022.yaml"), with(list)).unwrap();
        let err = build(root).expect_err(message);
        let d = err.0.iter().find(|d| d.code == "E0211").unwrap_or_else(|| panic!("E0211 in:\n{err}"));
        assert!(d.message.en.contains(message), "{}", d.message.en);
        assert!(d.location.is_some(), "located");
    }
    assert!(!root.join("public").exists(), "nothing was written");
}

#[test]
fn the_licence_from_site_yaml_is_named_in_every_data_package() {
    let tmp = scratch();
    let root = tmp.path();
    let site_yaml = root.join("content/site.yaml");
    let text = std::fs::read_to_string(&site_yaml).unwrap();
    // The example names its licence already: written again here, so the test does not depend on it.
    let text: String = text.lines().filter(|l| !l.starts_with("licence:")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&site_yaml, format!("{text}\nlicence: CC-BY-4.0\n")).unwrap();
    build(root).unwrap_or_else(|d| panic!("{d}"));
    for pkg in ["public/data/datapackage.json", "public/huangpu-zhengfawei/2022/datapackage.json"] {
        let v: Value = serde_json::from_slice(&std::fs::read(root.join(pkg)).unwrap()).unwrap();
        assert_eq!(v["licenses"][0]["name"], "CC-BY-4.0", "{pkg}");
        assert_eq!(v["licenses"][0]["path"], "https://creativecommons.org/licenses/by/4.0/");
    }
    let feed = std::fs::read_to_string(root.join("public/feed.xml")).unwrap();
    assert!(feed.contains("<rights>CC-BY-4.0</rights>"));
    // Without a licence, none is claimed (and the build warns, W0230).
    std::fs::write(&site_yaml, &text).unwrap();
    let summary = build(root).unwrap_or_else(|d| panic!("{d}"));
    assert!(summary.warnings.0.iter().any(|d| d.code == "W0230"));
    let v: Value = serde_json::from_slice(&std::fs::read(root.join("public/data/datapackage.json")).unwrap()).unwrap();
    assert!(v.get("licenses").is_none());
}
