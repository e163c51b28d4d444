//! Units (issue 26, item 2): money stated in 元, 千元, 万元 or 亿元 is converted into one unit for
//! every comparison, chart, difference, sort key and bulk CSV, and a non-money unit that
//! changes between years breaks the comparison instead of being differenced.
//!
//! One generated site, built once (departments written by [`write_site`]):
//! - `yuan-once`: 2020 and 2022 in 万元, 2021 in 元 (71268400 元 = 7126.84 万元): comparison
//!   values, the budget chart's axis, the differences, the bulk CSV's 万元 columns;
//! - `mostly-yuan`: 2021 and 2022 in 元, 2023 in 万元: its comparison is in 元;
//! - `tie`: 2021 in 元, 2022 in 万元: 万元 on a tie;
//! - `unit-break`: both years in 万元, but the target `visits` in `%` in 2021 and in 个 in 2022:
//!   marked in the comparison, left off the trend chart's axis, reported by `check` (J504) with
//!   both years' positions; its 2021 report is the one in 万元 of a year most report in 元.
//!
//! Also: a money unit jixiao does not know (万圆, 美元) is refused by the loader, naming the field
//! and the known units.

use scraper::{ElementRef, Html, Selector};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A report file: the budget in `unit` (None: not stated, so 万元), the given amounts, and
/// `extra` YAML appended (targets).
fn report(year: u16, unit: Option<&str>, total: &str, executed: &str, rate: &str, split: Option<(&str, &str)>, extra: &str) -> String {
    let unit = unit.map(|u| format!("  unit: {u}\n")).unwrap_or_default();
    let split = split.map(|(b, p)| format!("  basic: {b}\n  project: {p}\n")).unwrap_or_default();
    format!(
        "title: {year}年度测试部门整体支出绩效自评报告\npublished: {}-05-10\noverview:\n  text: 测试用部门。\nwork:\n  tasks: []\nbudget:\n{unit}  total: {total}\n  executed: {executed}\n  execution_rate: {rate}\n{split}{extra}",
        year + 1
    )
}

/// A target in money, in the report's unit that year.
fn subsidy(unit: &str, target: &str, result: &str) -> String {
    format!("targets:\n  - id: subsidy\n    name: 发放补贴。\n    unit: {unit}\n    target: {{op: \"≥\", value: {target}}}\n    result: {{value: {result}}}\n")
}

const VISITS_2021: &str = "targets:\n  - id: visits\n    name: 接待满意率达到 90%。\n    unit: \"%\"\n    target: {op: \"≥\", value: 90}\n    result: {value: 96}\n";
const VISITS_2022: &str = "targets:\n  - id: visits\n    name: 接待点达到 100 个。\n    unit: 个\n    target: {op: \"≥\", value: 100}\n    result: {value: 120}\n";

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn write_site(root: &Path) {
    write(root, "content/site.yaml", "title: 单位测试\nbase_url: https://units.example.org/\npublisher: jixiao tests\n");
    let depts: &[(&str, &[(u16, String)])] = &[
        (
            "yuan-once",
            &[
                (2020, report(2020, Some("万元"), "6214.37", "5902.15", "94.98", Some(("2318.4", "3583.75")), &subsidy("万元", "10", "10.0"))),
                (2021, report(2021, Some("元"), "71268400", "68510300", "96.13", Some(("24067700", "44442600")), &subsidy("元", "100000", "125000"))),
                (2022, report(2022, None, "6588.46", "6402.09", "97.17", Some(("2451.3", "3950.79")), &subsidy("万元", "12", "11.5"))),
            ],
        ),
        (
            "mostly-yuan",
            &[
                (2021, report(2021, Some("元"), "50000000", "45000000", "90.00", None, "")),
                (2022, report(2022, Some("元"), "52000000", "50000000", "96.15", None, "")),
                (2023, report(2023, Some("万元"), "5300.00", "5100.00", "96.23", None, "")),
            ],
        ),
        (
            "tie",
            &[
                (2021, report(2021, Some("元"), "30000000", "29000000", "96.67", None, "")),
                (2022, report(2022, Some("万元"), "3100.00", "3000.00", "96.77", None, "")),
            ],
        ),
        (
            "unit-break",
            &[
                (2021, report(2021, Some("万元"), "1234.5", "1200.0", "97.21", None, VISITS_2021)),
                (2022, report(2022, Some("万元"), "1300.00", "1250.00", "96.15", None, VISITS_2022)),
            ],
        ),
    ];
    for (id, reports) in depts {
        write(root, &format!("content/{id}/department.yaml"), &format!("name: 测试部门（{id}）\n"));
        for (year, text) in reports.iter() {
            write(root, &format!("content/{id}/{year}.yaml"), text);
        }
    }
}

/// The generated site's root (with `content/`) and its built output.
fn site() -> &'static (PathBuf, PathBuf) {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf, PathBuf)> = OnceLock::new();
    let s = SITE.get_or_init(|| {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let root = tmp.path().join("site");
        write_site(&root);
        let mut options = jixiao::BuildOptions::new(&root);
        options.output = tmp.path().join("public");
        if let Err(d) = jixiao::build(&options) {
            panic!("the units site does not build:\n{d}");
        }
        let public = tmp.path().join("public");
        (tmp, root, public)
    });
    // A `'static` pair of paths inside the kept temporary folder.
    static PATHS: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    PATHS.get_or_init(|| (s.1.clone(), s.2.clone()))
}

fn page(rel: &str) -> Html {
    let path = site().1.join(rel);
    Html::parse_document(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef) -> String {
    e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The cells of a department comparison's figures row (`budget_total`, `executed` …).
fn figure_cells(doc: &Html, key: &str) -> Vec<String> {
    let row = doc.select(&sel(&format!("#compare-figures tr[data-row=\"{key}\"]"))).next().unwrap_or_else(|| panic!("no row {key}"));
    row.select(&sel("td")).map(text).collect()
}

fn caption(doc: &Html, table: &str) -> String {
    doc.select(&sel(&format!("{table} caption"))).next().map(text).unwrap_or_default()
}

fn notes(doc: &Html) -> Vec<String> {
    doc.select(&sel("p.note")).map(text).collect()
}

#[test]
fn a_department_with_one_year_in_yuan_compares_in_wanyuan() {
    let doc = page("yuan-once/index.html");
    assert!(caption(&doc, "#compare-figures").contains("万元"), "{}", caption(&doc, "#compare-figures"));
    let total = figure_cells(&doc, "budget_total");
    assert_eq!(total.len(), 3);
    assert!(total[0].starts_with("6,214.37"), "{total:?}");
    // 71268400 元 is 7126.84 万元; the difference with 2020 is 912.47 万元, not 71,262,185.63.
    assert!(total[1].starts_with("7,126.84"), "{total:?}");
    assert!(total[1].contains("比上年增加 912.47"), "{total:?}");
    assert!(total[2].starts_with("6,588.46") && total[2].contains("比上年减少 538.38"), "{total:?}");
    let basic = figure_cells(&doc, "basic");
    assert!(basic[1].starts_with("2,406.77") && basic[1].contains("比上年增加 88.37"), "{basic:?}");
    // Rates are not amounts: as written.
    assert!(figure_cells(&doc, "rate_reported")[1].starts_with("96.13%"));
    assert!(notes(&doc).iter().any(|n| n == "2021 年报告以元公布，已换算为万元。"), "the conversion is said: {:?}", notes(&doc));
    // A target in money is converted too: 125000 元 is 12.50 万元 (as every converted amount,
    // with at least two decimals), 2.50 more than 10.0 万元.
    let row = doc.select(&sel("#compare-targets tbody tr")).next().expect("the subsidy row");
    assert!(text(row.select(&sel("th")).next().unwrap()).contains("万元"));
    let cells: Vec<String> = row.select(&sel("td")).map(text).collect();
    assert!(cells[1].contains("目标：≥ 10.00 ") && cells[1].contains("实际：12.50 "), "{cells:?}");
    assert!(cells[1].contains("2021 年报告以元公布，已换算为万元") && cells[1].contains("比上年增加 2.50"), "{cells:?}");
    assert!(cells[2].contains("比上年减少 1.00"), "{cells:?}");
    // The report page itself still shows the figure as published, with its unit.
    let report = std::fs::read_to_string(site().1.join("yuan-once/2021/index.html")).unwrap();
    assert!(report.contains("71,268,400") && report.contains("元"), "the 2021 report page shows 71,268,400 元");
}

#[test]
fn the_budget_chart_has_one_axis_in_wanyuan() {
    let page = std::fs::read_to_string(site().1.join("yuan-once/index.html")).unwrap();
    let doc = Html::parse_document(&page);
    let svg = doc.select(&sel("svg.jx-chart-budget")).next().expect("the budget chart, inline");
    let doc = Html::parse_fragment(&svg.html());
    let number = |s: &str| s.replace(',', "").parse::<f64>().unwrap_or_else(|_| panic!("a number: {s}"));
    let ticks: Vec<f64> = doc.select(&sel("text.jx-tick tspan")).map(|t| number(&text(t))).collect();
    assert!(ticks.len() >= 2, "{ticks:?}");
    let top = ticks.iter().copied().fold(0.0, f64::max);
    assert!((7126.84..=10_000.0).contains(&top), "the axis ends just above 7,126.84 万元, not at 71,268,400: {ticks:?}");
    let values: Vec<String> = doc.select(&sel("text.jx-value")).map(text).collect();
    assert!(values.iter().any(|v| v.contains("7,126.84") && !v.contains("7,126.840")), "{values:?}");
    assert!(!values.iter().any(|v| v.contains("71,268,400")), "{values:?}");
    assert!(doc.select(&sel("text.jx-unit")).map(text).any(|u| u.contains("万元")));
}

#[test]
fn a_department_mostly_in_yuan_compares_in_yuan_and_a_tie_in_wanyuan() {
    let doc = page("mostly-yuan/index.html");
    assert!(caption(&doc, "#compare-figures").contains("金额单位：元"), "{}", caption(&doc, "#compare-figures"));
    let total = figure_cells(&doc, "budget_total");
    assert!(total[0].starts_with("50,000,000") && total[1].starts_with("52,000,000"), "{total:?}");
    assert!(total[2].starts_with("53,000,000") && total[2].contains("比上年增加 1,000,000"), "{total:?}");
    assert!(notes(&doc).iter().any(|n| n == "2023 年报告以万元公布，已换算为元。"), "{:?}", notes(&doc));

    let doc = page("tie/index.html");
    assert!(caption(&doc, "#compare-figures").contains("金额单位：万元"), "{}", caption(&doc, "#compare-figures"));
    let total = figure_cells(&doc, "budget_total");
    assert!(total[0].starts_with("3,000.00") && total[1].starts_with("3,100.00") && total[1].contains("比上年增加 100.00"), "{total:?}");
}

/// The year page's side-by-side rows: (department id, 全年预算数 cell text, its sort key).
fn year_rows(year: u16) -> Vec<(String, String, f64)> {
    let doc = page(&format!("years/{year}/index.html"));
    doc.select(&sel("#year-compare tbody tr"))
        .map(|tr| {
            let dept = tr.select(&sel("th")).next().and_then(|th| th.value().attr("data-sort")).unwrap().to_string();
            let td = tr.select(&sel("td")).next().unwrap();
            let key = td.value().attr("data-sort").unwrap().parse().unwrap();
            (dept, text(td), key)
        })
        .collect()
}

#[test]
fn year_pages_compare_and_sort_in_the_unit_most_reports_use() {
    // 2022: three reports in 万元, one in 元 → 万元; sorted by amount, 52,000,000 元 (5,200 万元)
    // comes before 6,588.46 万元.
    let mut rows = year_rows(2022);
    rows.sort_by(|a, b| a.2.total_cmp(&b.2));
    let order: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(order, ["unit-break", "tie", "mostly-yuan", "yuan-once"], "{rows:?}");
    let mostly = rows.iter().find(|r| r.0 == "mostly-yuan").unwrap();
    assert!(mostly.1.starts_with("5,200") && mostly.1.contains("万元"), "{mostly:?}");
    let doc = page("years/2022/index.html");
    assert!(notes(&doc).iter().any(|n| n.contains("的报告以元公布，已换算为万元")), "{:?}", notes(&doc));

    // 2021: three reports in 元, one in 万元 → 元: 1234.5 万元 is 12,345,000 元.
    let rows = year_rows(2021);
    let converted = rows.iter().find(|r| r.0 == "unit-break").unwrap();
    assert!(converted.1.starts_with("12,345,000") && converted.1.contains("元"), "{converted:?}");
    assert_eq!(converted.2, 12_345_000.0);
    let yuan = rows.iter().find(|r| r.0 == "yuan-once").unwrap();
    assert!(yuan.1.starts_with("71,268,400"), "{yuan:?}");
    let doc = page("years/2021/index.html");
    assert!(notes(&doc).iter().any(|n| n.contains("的报告以万元公布，已换算为元")), "{:?}", notes(&doc));
}

#[test]
fn the_bulk_csv_has_every_amount_in_wanyuan_too() {
    let csv = std::fs::read_to_string(site().1.join("data/budgets.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("budgets.csv has {name}: {header:?}"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = |dept: &str, year: &str| rows.iter().find(|r| &r[col("department")] == dept && &r[col("year")] == year).unwrap().clone();
    let r = row("yuan-once", "2021");
    assert_eq!((&r[col("unit")], &r[col("total")], &r[col("total_wanyuan")]), ("元", "71268400", "7126.8400"));
    assert_eq!(&r[col("executed_wanyuan")], "6851.0300");
    assert_eq!(&r[col("basic_wanyuan")], "2406.7700");
    let r = row("yuan-once", "2022");
    assert_eq!((&r[col("unit")], &r[col("total")], &r[col("total_wanyuan")]), ("万元", "6588.46", "6588.46"));
    assert_eq!(&row("mostly-yuan", "2022")[col("total_wanyuan")], "5200.0000");
    // Described in the data package, with its unit.
    let package: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(site().1.join("data/datapackage.json")).unwrap()).unwrap();
    let budgets = package["resources"].as_array().unwrap().iter().find(|r| r["path"] == "budgets.csv").expect("budgets.csv described");
    let field = budgets["schema"]["fields"].as_array().unwrap().iter().find(|f| f["name"] == "total_wanyuan").expect("total_wanyuan described");
    assert_eq!((field["type"].as_str(), field["unit"].as_str()), (Some("number"), Some("万元")));
    assert!(field["description"].as_str().unwrap().contains("万元"));
}

#[test]
fn an_indicator_whose_unit_changes_is_marked_not_differenced() {
    let doc = page("unit-break/index.html");
    let row = doc.select(&sel("#compare-targets tbody tr")).next().expect("the visits row");
    let cells: Vec<String> = row.select(&sel("td")).map(text).collect();
    assert_eq!(cells.len(), 2);
    assert!(cells[0].contains("单位为%，与个不可比"), "the 2021 cell says so in words: {cells:?}");
    assert!(!cells[1].contains("比上年"), "no difference between 96% and 120 个: {cells:?}");
    assert!(text(row.select(&sel("th")).next().unwrap()).contains("历年单位不一致"));
    // The indicator page: the same words, and no change either.
    let page = Html::parse_document(&std::fs::read_to_string(site().1.join("unit-break/indicators/index.html")).unwrap());
    let section = page.select(&sel("#visits")).next().expect("the visits section").html();
    assert!(section.contains("单位为%，与个不可比"));
    let changes: Vec<String> = page.select(&sel("#visits td[class^=\"change-\"]")).map(text).collect();
    assert!(changes.is_empty(), "no change across the break: {changes:?}");
}

#[test]
fn an_indicator_whose_unit_changes_is_left_off_the_chart_axis() {
    // The chart is inline on the indicator page (no standalone file).
    let svg = std::fs::read_to_string(site().1.join("unit-break/indicators/index.html")).unwrap();
    let page = Html::parse_document(&svg);
    let svg = page.select(&sel("#visits svg.jx-chart-trend")).next().expect("inline trend chart").html();
    let doc = Html::parse_fragment(&svg);
    // One point per series (2022, in 个), besides the marker definitions (which the legend
    // uses); 2021's 96% is not drawn on the axis of 个.
    let points = |marker: &str| doc.select(&sel(marker)).count() - doc.select(&sel(&format!("marker {marker}"))).count();
    assert_eq!(points("circle.jx-mark0"), 1, "{svg}");
    assert_eq!(points("rect.jx-mark1"), 1, "{svg}");
    assert_eq!(doc.select(&sel("polyline")).count(), 0, "a point alone, no line: {svg}");
    let notes: Vec<String> = doc.select(&sel("text.jx-note")).map(text).collect();
    assert!(notes.join("").contains("2021年度以%计，与图中的个不可比"), "{notes:?}");
}

#[test]
fn check_reports_the_unit_change_with_both_locations() {
    let root = &site().0;
    let content = jixiao::load::load(root).unwrap_or_else(|d| panic!("loads:\n{d}"));
    let report = jixiao::check::check(&content);
    let found: Vec<_> = report.findings.iter().filter(|f| f.file.to_string_lossy().contains("unit-break")).collect();
    assert_eq!(found.len(), 1, "one finding for the change of unit: {found:#?}");
    let f = found[0];
    assert_eq!((f.rule, f.field.as_str()), ("J504", "targets[0].unit"));
    // Both years' `unit` values, at file:line:column; each position points at the unit.
    let at = |file: &str, text: &str| {
        let (line, column) = f
            .message
            .en
            .split(&format!("{file}:"))
            .nth(1)
            .and_then(|rest| {
                let mut it = rest.split([':', ')']);
                Some((it.next()?.parse::<usize>().ok()?, it.next()?.parse::<usize>().ok()?))
            })
            .unwrap_or_else(|| panic!("{file} with line and column in: {}", f.message.en));
        let source = std::fs::read_to_string(root.join(file)).unwrap();
        let at: String = source.lines().nth(line - 1).unwrap().chars().skip(column - 1).collect();
        assert!(at.starts_with(text), "{file}:{line}:{column} points at {at:?}");
    };
    at("content/unit-break/2021.yaml", "\"%\"");
    at("content/unit-break/2022.yaml", "个");
    assert!(f.message.zh.contains("content/unit-break/2021.yaml:") && f.message.zh.contains("content/unit-break/2022.yaml:"));
    assert!(f.position.starts_with("content/unit-break/2022.yaml:"));
    // A target in 元 one year and 万元 the next converts: J501 asks to keep the unit, no break.
    let money: Vec<_> = report.findings.iter().filter(|f| f.file.to_string_lossy().contains("yuan-once")).map(|f| (f.rule, f.field.as_str())).collect();
    assert!(money.contains(&("J501", "targets[0].unit")), "{money:?}");
    assert!(!report.findings.iter().any(|f| f.rule == "J504" && !f.file.to_string_lossy().contains("unit-break")));
}

#[test]
fn an_unknown_money_unit_is_refused_naming_the_field_and_the_known_units() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "content/site.yaml", "title: 单位测试\nbase_url: https://units.example.org/\npublisher: jixiao tests\n");
    write(root, "content/typo/department.yaml", "name: 测试部门\n");
    write(root, "content/typo/2022.yaml", &report(2022, Some("万圆"), "100.00", "90.00", "90.00", None, ""));
    write(root, "content/dollars/department.yaml", "name: 测试部门\n");
    let table = "evaluation_tables:\n  - id: department\n    title: 部门整体支出绩效自评表\n    scope: department\n    unit: 美元\n";
    write(root, "content/dollars/2022.yaml", &report(2022, None, "100.00", "90.00", "90.00", None, table));
    let Err(err) = jixiao::load::load(root) else { panic!("unknown units are refused") };
    let err = err.to_string();
    let typo = err.lines().skip_while(|l| !l.contains("content/typo/2022.yaml")).take(8).collect::<Vec<_>>().join("\n");
    assert!(typo.contains("E0104") && typo.contains("budget.unit") && typo.contains("万圆"), "{err}");
    assert!(typo.contains("did you mean `万元`"), "{err}");
    let dollars = err.lines().skip_while(|l| !l.contains("content/dollars/2022.yaml")).take(8).collect::<Vec<_>>().join("\n");
    assert!(dollars.contains("E0104") && dollars.contains("evaluation_tables[0].unit") && dollars.contains("美元"), "{err}");
    for unit in ["元", "千元", "万元", "亿元"] {
        assert!(dollars.contains(unit), "the known units are named: {err}");
    }
    // Nothing is built from such content.
    let mut options = jixiao::BuildOptions::new(root);
    options.output = root.join("public");
    assert!(jixiao::build(&options).is_err());
    assert!(!root.join("public/index.html").exists());
}
