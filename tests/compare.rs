//! Integration tests of comparisons and charts on the example site (the repository's
//! `content/` and `themes/`):
//!
//! - the demo department's comparison page: one column per year, the right figures in the right
//!   cells (parsed from the HTML), an explicit "—" with a footnote where a year lacks an
//!   indicator, renamed indicators joined by id with both names;
//! - the year page's side-by-side table and the indicator pages;
//! - report and department charts inline, each with a download link made by the theme's script
//!   and no file of its own;
//! - in Debian's headless Chromium: no two `<text>` labels of any chart on the site overlap and
//!   none leaves its viewBox (`getBBox()`; tests/browser/charts.mjs). Needs the test
//!   dependencies of tests/validators.rs (`bash tests/install-deps.sh`); never skipped.

use scraper::{ElementRef, Html, Selector};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const REPO: &str = env!("CARGO_MANIFEST_DIR");
const DEMO: &str = "demo-qingshui-wenlv";

fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let tmp = tempfile::tempdir().expect("temporary folder");
            let mut options = jixiao::BuildOptions::new(REPO);
            options.output = tmp.path().join("public");
            if let Err(d) = jixiao::build(&options) {
                panic!("the example site does not build:\n{d}");
            }
            let public = tmp.path().join("public");
            (tmp, public)
        })
        .1
}

fn page(rel: &str) -> Html {
    let path = site().join(rel);
    Html::parse_document(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef) -> String {
    // Text nodes joined by a space (`<br>` separates lines), whitespace collapsed.
    e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rows of a table as (row heading, cells' text).
fn rows(doc: &Html, table: &str) -> Vec<(String, Vec<String>)> {
    let t = doc.select(&sel(table)).next().unwrap_or_else(|| panic!("no {table}"));
    t.select(&sel("tbody tr"))
        .map(|tr| {
            let th = tr.select(&sel("th")).next().map(text).unwrap_or_default();
            (th, tr.select(&sel("td")).map(text).collect())
        })
        .collect()
}

fn headings(doc: &Html, table: &str) -> Vec<String> {
    let t = doc.select(&sel(table)).next().unwrap_or_else(|| panic!("no {table}"));
    t.select(&sel("thead th")).map(text).collect()
}

fn row<'a>(rows: &'a [(String, Vec<String>)], starts: &str) -> &'a [String] {
    &rows.iter().find(|(h, _)| h.starts_with(starts)).unwrap_or_else(|| panic!("no row {starts}: {rows:?}")).1
}

#[test]
fn department_comparison_has_a_column_per_year_and_the_right_figures() {
    let doc = page(&format!("{DEMO}/index.html"));
    // 2023 is a draft: not built without --drafts.
    assert_eq!(headings(&doc, "#compare-figures"), ["项目", "2020年度", "2021年度", "2022年度"]);
    let r = rows(&doc, "#compare-figures");
    assert!(r.iter().all(|(_, cells)| cells.len() == 3), "one cell per year in every row");
    let first = |key: &str| row(&r, key).iter().map(|c| c.split(' ').next().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(first("全年预算数"), ["6,214.37", "7,126.84", "6,588.46"]);
    assert_eq!(first("全年执行数"), ["5,902.15", "6,851.03", "6,402.09"]);
    assert_eq!(first("执行率（报告公布）"), ["94.98%", "96.31%", "97.17%"]);
    // 2021 published 96.31 but 6851.03 ÷ 7126.84 = 96.13%: shown and flagged.
    assert_eq!(first("执行率（jixiao 计算）"), ["94.98%", "96.13%", "97.17%"]);
    assert!(row(&r, "执行率（jixiao 计算）")[1].contains("与公布值不一致"));
    assert_eq!(first("基本支出"), ["2,318.4", "2,406.77", "2,451.3"]);
    assert_eq!(first("项目支出"), ["3,583.75", "4,444.26", "3,950.79"]);
    assert_eq!(first("自评覆盖项目支出比例"), ["97.39%", "98.57%", "98.78%"]);
    assert_eq!(first("自评总分"), ["92.77", "99.41", "98.70"]);
    assert_eq!(row(&r, "自评等级"), ["优", "优", "优"]);
    // Change against the previous year, in words, with an arrow that style.css draws from the
    // class, the change's direction (`.up::before`).
    let total = row(&r, "全年预算数");
    assert_eq!(total[0], "6,214.37", "no change in the first year");
    assert_eq!(total[1], "7,126.84 比上年增加 912.47");
    assert_eq!(total[2], "6,588.46 比上年减少 538.38");
    let classes: Vec<&str> = doc.select(&sel("#compare-figures tbody tr")).find(|tr| tr.select(&sel("th")).next().is_some_and(|th| text(th).starts_with("全年预算数"))).unwrap().select(&sel(".up, .down, .same")).map(|c| c.value().attr("class").unwrap()).collect();
    assert_eq!(classes.len(), 2);
    assert_eq!(classes, ["up", "down"]);
    let css = std::fs::read_to_string(site().join("assets/style.css")).unwrap();
    assert!(css.contains(".up::before { content: \"↑ \"") && css.contains(".down::before { content: \"↓ \""), "the arrows are in the stylesheet");
}

#[test]
fn a_year_without_an_indicator_shows_a_dash_with_a_footnote() {
    let doc = page(&format!("{DEMO}/index.html"));
    let notes: Vec<(String, String)> = doc
        .select(&sel("ol.footnotes li"))
        .map(|li| (li.value().attr("id").unwrap().to_string(), text(li)))
        .collect();
    assert!(!notes.is_empty());
    for table in ["#compare-targets", "#compare-indicators"] {
        let r = rows(&doc, table);
        assert_eq!(headings(&doc, table), ["指标", "2020年度", "2021年度", "2022年度"]);
        // The smart-tourism platform started in 2021; market inspection was dropped in 2022.
        let smart = row(&r, "智慧文旅平台接入景区数");
        assert!(smart[0].starts_with('—'), "{table}: 2020 {smart:?}");
        assert!(smart[1].contains("实际：18") && smart[2].contains("实际：27"), "{smart:?}");
        let market = row(&r, "文化和旅游市场检查家次");
        assert!(market[2].starts_with('—'), "{table}: 2022 {market:?}");
        assert!(market[0].contains("目标：≥ 1,200") && market[0].contains("实际：1,386") && market[0].contains("达成"));
        assert!(market[1].contains("实际：1,264") && market[1].contains("比上年减少 122"), "{market:?}");
        // Every dash links to a footnote that explains it.
        let t = doc.select(&sel(table)).next().unwrap();
        for a in t.select(&sel(".gap a.fn-ref")) {
            let target = a.value().attr("href").unwrap().trim_start_matches('#');
            let (_, why) = notes.iter().find(|(id, _)| id == target).unwrap_or_else(|| panic!("footnote {target} missing"));
            assert!(why.contains("未设置此项目标或指标"), "{target}: {why}");
        }
        // Missed targets are marked in words, not only by colour.
        let library = row(&r, "公共图书馆接待读者人次");
        assert!(library[0].contains("实际：52.6") && library[0].contains("未达成"), "{library:?}");
        assert!(library[1].contains("比上年增加 60.2"), "{library:?}");
    }
    // No blank cells anywhere in the comparison.
    for table in ["#compare-figures", "#compare-targets", "#compare-indicators"] {
        for (h, cells) in rows(&doc, table) {
            assert!(cells.iter().all(|c| !c.is_empty()), "{table} {h}: a blank cell {cells:?}");
        }
    }
}

#[test]
fn renamed_indicators_join_by_id_and_show_their_names() {
    let doc = page(&format!("{DEMO}/index.html"));
    let r = rows(&doc, "#compare-targets");
    let (head, cells) = r.iter().find(|(h, _)| h.starts_with("游客综合满意度")).expect("joined under the latest name");
    assert!(head.contains("游客满意度 → 游客综合满意度"), "{head}");
    assert!(cells[0].contains("当年名称：游客满意度") && cells[0].contains("实际：91.5"));
    assert!(cells[2].contains("实际：95.6") && !cells[2].contains("当年名称"));
    assert_eq!(r.iter().filter(|(h, _)| h.contains("满意度") && h.contains("游客")).count(), 1, "one row, not two");
    // Its section of the indicator page names it as each year did.
    let doc = page(&format!("{DEMO}/indicators/index.html"));
    assert_eq!(headings(&doc, "#visitor-satisfaction table.hist-i")[1], "当年名称");
    let r = rows(&doc, "#visitor-satisfaction table.hist-i");
    assert_eq!(r[0].1[0], "游客满意度");
    assert_eq!(r[2].1[0], "游客综合满意度");
}

#[test]
fn year_page_compares_every_department_side_by_side() {
    let doc = page("years/2022/index.html");
    let t = "#year-compare";
    assert_eq!(
        headings(&doc, t),
        ["部门", "全年预算数", "全年执行数", "执行率（报告公布）", "执行率（jixiao 计算）", "基本支出", "项目支出", "项目支出占比（本站计算）", "自评总分", "自评等级"]
    );
    let r = rows(&doc, t);
    assert_eq!(r.len(), 2, "both departments of 2022: {r:?}");
    // Ordered by department id without JavaScript.
    assert!(r[0].0.contains("青水") && r[1].0.contains("黄埔"), "{r:?}");
    assert_eq!(r[0].1[0], "6,588.46 万元");
    assert_eq!(r[0].1[6], "61.7%", "3950.79 ÷ (2451.3 + 3950.79)");
    let table = doc.select(&sel(t)).next().unwrap();
    assert!(table.value().classes().any(|c| c == "sortable"));
    // Numeric sort keys are the plain figures.
    let keys: Vec<&str> = table.select(&sel("tbody tr td:nth-of-type(1)")).filter_map(|td| td.value().attr("data-sort")).collect();
    assert_eq!(keys[0], "6588.46");
}

/// The (term, definition) pairs of a `dl`.
fn definitions(dl: ElementRef) -> Vec<(String, String)> {
    let terms: Vec<String> = dl.select(&sel("dt")).map(text).collect();
    terms.into_iter().zip(dl.select(&sel("dd")).map(text)).collect()
}

#[test]
fn the_indicator_page_shows_each_measure_with_history_definition_and_trend() {
    // One page per department, a section per target or indicator at its id.
    let dir = site().join(DEMO).join("indicators");
    let files: Vec<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(files, ["index.html"], "no page per measure");
    let doc = page(&format!("{DEMO}/indicators/index.html"));
    assert_eq!(doc.select(&sel("h1")).count(), 1);
    assert_eq!(text(doc.select(&sel("h1")).next().unwrap()), "示例·青水文旅局绩效指标与目标历年记录");
    let sections: Vec<&str> = doc.select(&sel("main section.measure")).filter_map(|s| s.value().attr("id")).collect();
    for id in ["library-visits", "market-inspection", "smart-tourism-platform", "visitor-satisfaction", "training-participants"] {
        assert!(sections.contains(&id), "{id} in {sections:?}");
    }
    // The contents list every section, in order.
    let toc: Vec<&str> = doc.select(&sel("nav.toc a")).filter_map(|a| a.value().attr("href")).map(|h| h.trim_start_matches('#')).collect();
    assert_eq!(toc, sections);
    // Each year links to its report once, at the top (one folder up: the department's).
    let reports: Vec<&str> = doc.select(&sel("p.other-years a")).filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(reports, ["../2020/", "../2021/", "../2022/"]);

    let section = doc.select(&sel("#market-inspection")).next().unwrap();
    assert_eq!(text(section.select(&sel("h2")).next().unwrap()), "文化和旅游市场检查家次");
    let defs = definitions(section.select(&sel("dl.def")).next().expect("its definition"));
    assert!(defs.contains(&("计量单位".into(), "家次".into())), "{defs:?}");
    assert!(defs.contains(&("指标方向".into(), "越高越好".into())), "{defs:?}");
    assert!(defs.contains(&("指标编号".into(), "market-inspection".into())), "{defs:?}");
    let table = "#market-inspection table.hist-i";
    let r = rows(&doc, table);
    assert_eq!(r.iter().map(|(h, _)| h.as_str()).collect::<Vec<_>>(), ["2020", "2021", "2022"]);
    // Never renamed: no column of the year's name, which would repeat the heading in every row.
    assert!(!headings(&doc, table).iter().any(|h| h == "当年名称"));
    assert_eq!(r[0].1[0..2], ["≥ 1,200".to_string(), "1,386".to_string()]);
    assert!(r[2].1[0].starts_with('—'), "2022 has no such indicator: {:?}", r[2]);
    // Status and change in words.
    assert!(r[0].1[2] == "达成" || r[0].1[2] == "未达成", "{:?}", r[0]);
    assert_eq!(r[0].1[3], "无上年数据可比");
    assert!(r[1].1[3].starts_with("增加 ") || r[1].1[3].starts_with("减少 ") || r[1].1[3] == "持平", "{:?}", r[1]);
    let svg = section.select(&sel("svg.jx-chart-trend")).next().expect("inline trend chart");
    assert_eq!(svg.value().attr("role"), Some("img"));
    // Its data (target and actual by year) is the history table's: the figure links there
    // instead of repeating it in a table of its own.
    let link = section.select(&sel("figure.chart figcaption a[href]")).next().expect("a link from the chart to its data");
    let target = link.value().attr("href").unwrap().trim_start_matches('#');
    assert_eq!(section.select(&sel("table.hist-i")).next().unwrap().value().attr("id"), Some(target));
    assert!(doc.select(&sel("table.chart-data")).next().is_none(), "the history is not shown twice");
    // No standalone copy next to the page: the download is made from the inline SVG by the
    // theme's script (tests/lean_charts.rs), through a link hidden without it.
    let download = section.select(&sel("figure.chart a[data-chart-svg]")).next().expect("a download link");
    assert_eq!(download.value().attr("data-chart-svg"), svg.value().attr("id"));
    assert!(download.value().attr("hidden").is_some());
    assert_eq!(download.value().attr("data-download"), Some("demo-qingshui-wenlv-market-inspection.svg"));
    // Every id of the page once: the sections', the charts' and what is inside them.
    let mut ids: Vec<&str> = doc.select(&sel("[id]")).filter_map(|e| e.value().attr("id")).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids");

    // The department page's comparison links each measure to its section.
    let dept = page(&format!("{DEMO}/index.html"));
    // (Relative to the department's folder, where the indicator page is.)
    let links: Vec<&str> = dept.select(&sel("#compare-indicators a, #compare-targets a")).filter_map(|a| a.value().attr("href")).filter(|h| h.starts_with("indicators/")).collect();
    assert!(links.contains(&"indicators/#market-inspection"), "{links:?}");
    for l in &links {
        let id = l.split_once('#').map(|(_, id)| id).unwrap_or_else(|| panic!("{l}: an anchor"));
        assert!(sections.contains(&id), "{l}");
    }
}

#[test]
fn report_and_department_pages_carry_their_charts_inline_with_a_download() {
    for (page_rel, kinds) in [
        (format!("{DEMO}/index.html"), vec!["budget"]),
        (format!("{DEMO}/2020/index.html"), vec!["composition", "targets", "scores"]),
    ] {
        let doc = page(&page_rel);
        let dir = Path::new(&page_rel).parent().unwrap();
        for kind in kinds {
            let svg = doc.select(&sel(&format!("svg.jx-chart-{kind}"))).next().unwrap_or_else(|| panic!("{page_rel}: {kind} chart"));
            let id = svg.value().attr("id").unwrap();
            // The same data as a table next to it, or a link to the part of the page that holds
            // it (the targets chart: the results list).
            let table = doc.select(&sel(&format!("#{id}-caption"))).next().is_some();
            // The figure takes its name from its figcaption (HTML-AAM): no id to point at it.
            let figure = doc.select(&sel("figure.chart")).find(|f| f.select(&sel(&format!("svg[id=\"{id}\"]"))).next().is_some()).unwrap_or_else(|| panic!("{page_rel}: {kind} in a figure"));
            assert!(figure.value().attr("aria-labelledby").is_none() && figure.select(&sel("figcaption")).next().is_some(), "{page_rel}: {kind} named by its figcaption");
            let linked = figure.select(&sel("figcaption a[href]")).next().and_then(|a| a.value().attr("href")).and_then(|h| h.strip_prefix('#')).is_some_and(|target| doc.select(&sel(&format!("[id=\"{target}\"]"))).next().is_some());
            assert!(table || linked, "{page_rel}: {kind} data table or a link to its data");
            // Its download is made from it by the theme's script; no file of its own.
            let link = doc.select(&sel(&format!("figure.chart a[data-chart-svg=\"{id}\"]"))).next();
            let link = link.unwrap_or_else(|| panic!("{page_rel}: {kind} download link"));
            assert!(link.value().attr("data-download").is_some_and(|f| f.ends_with(&format!("{kind}.svg"))), "{page_rel}: {kind}");
            assert!(!site().join(dir).join(format!("{kind}.svg")).exists(), "{page_rel}: no {kind}.svg");
        }
    }
}

// --- headless Chromium: label boxes -----------------------------------------------------------

fn serve(root: &'static Path) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let _ = respond(root, stream);
            });
        }
    });
    base
}

fn respond(root: &Path, mut stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").split(['?', '#']).next().unwrap_or("/").to_string();
    let mut file = root.join(path.trim_start_matches('/'));
    if file.is_dir() {
        file = file.join("index.html");
    }
    let ok = !path.contains("..") && file.is_file();
    let body = if ok { std::fs::read(&file)? } else { Vec::new() };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    };
    let status = if ok { "200 OK" } else { "404 Not Found" };
    write!(stream, "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len())?;
    stream.write_all(&body)?;
    stream.flush()
}

/// Every built page (URL path) that contains a chart.
fn chart_pages(dir: &Path, site: &Path, out: &mut Vec<String>) {
    let mut pages = Vec::new();
    all_pages(dir, site, &mut pages);
    out.extend(pages.into_iter().filter(|p| std::fs::read_to_string(site.join(p.trim_start_matches('/')).join("index.html")).unwrap().contains("class=\"jx-chart")));
}

#[test]
fn no_chart_label_overlaps_or_leaves_the_viewbox_in_chromium() {
    let ok = |p: &str, a: &str| Command::new(p).arg(a).output().is_ok_and(|o| o.status.success());
    let deps = Path::new("/usr/bin/chromium").is_file()
        && ok("node", "--version")
        && Path::new(REPO).join("tests/browser/node_modules/playwright-core").is_dir();
    assert!(deps, "chromium, node or playwright-core is missing: run `bash tests/install-deps.sh` (as root)");
    let site = site();
    let mut paths = Vec::new();
    chart_pages(site, site, &mut paths);
    assert!(paths.len() >= 8, "charts on department, report and indicator pages: {paths:?}");
    let base = serve(site);
    let json = browser_report("charts", &base, &paths);
    let mut problems = Vec::new();
    let (mut charts, mut labels) = (0, 0);
    for p in json["pages"].as_array().unwrap() {
        assert_eq!(p["status"], 200, "{}", p["path"]);
        for c in p["charts"].as_array().unwrap() {
            charts += 1;
            labels += c["texts"].as_u64().unwrap();
            for o in c["overflow"].as_array().unwrap() {
                problems.push(format!("{} {}: `{}` leaves the viewBox {}: {o}", p["path"], c["id"], o["text"], c["viewBox"]));
            }
            for pair in c["overlaps"].as_array().unwrap() {
                problems.push(format!("{} {}: `{}` overlaps `{}`", p["path"], c["id"], pair[0]["text"], pair[1]["text"]));
            }
        }
    }
    println!("{charts} charts, {labels} labels on {} pages", paths.len());
    assert!(charts >= paths.len(), "every page listed has a chart");
    // An indicator page holds a chart per measure (the demo department has 15).
    assert!(charts >= paths.len() + 14, "{charts} charts");
    assert!(problems.is_empty(), "{} label problems:\n{}", problems.len(), problems.join("\n"));
}

/// Every `index.html` of the site below `dir`, as a site path (`/`, `/years/2022/`).
fn all_pages(dir: &Path, site: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            all_pages(&p, site, out);
        } else if p.file_name().is_some_and(|n| n == "index.html") {
            let rel = p.parent().unwrap().strip_prefix(site).unwrap().to_string_lossy().replace('\\', "/");
            out.push(if rel.is_empty() { "/".into() } else { format!("/{rel}/") });
        }
    }
}

/// Printed on A4, no page and no table (comparison tables included) is wider than the paper:
/// wide tables wrap their text cells in print, and relative link addresses, which mean
/// nothing on paper, are not printed after links (tests/browser/print.mjs, in Chromium).
#[test]
fn every_page_and_table_fits_an_a4_page_in_print() {
    let site = site();
    let mut paths = Vec::new();
    all_pages(site, site, &mut paths);
    assert!(paths.len() >= 16, "{paths:?}");
    let base = serve(site);
    let json = browser_report("print", &base, &paths);
    let width = json["width"].as_u64().unwrap();
    let mut problems = Vec::new();
    for p in json["pages"].as_array().unwrap() {
        assert_eq!(p["status"], 200, "{}", p["path"]);
        if p["scrollWidth"].as_u64().unwrap() > width {
            problems.push(format!("{}: the printed page is {} px wide", p["path"], p["scrollWidth"]));
        }
        for t in p["wide"].as_array().unwrap() {
            problems.push(format!("{}: table `{}` is {} px wide", p["path"], t["caption"], t["width"]));
        }
    }
    assert!(problems.is_empty(), "wider than an A4 page ({width} px):\n{}", problems.join("\n"));
}

/// Figure columns are right-aligned in tabular form on screen (whole: no wrapping inside a
/// figure) and may wrap at the space before a unit in print, as laid out by Chromium
/// (tests/browser/figure-cells.mjs): style.css aligns them by their table's kind, without a
/// class on every cell, so this checks the layout, not the markup. Every body cell of the
/// budget, key-figure, fund, chart-data and department-figure tables; an indicators table's
/// 分值 and 得分 columns only; an indicator page's history in 目标值, 实际完成值, 分值 and 得分 (a
/// year without a report, one cell across, is not a figure).
#[test]
fn figure_columns_are_right_aligned_by_their_table() {
    let site = site();
    let mut paths = Vec::new();
    all_pages(site, site, &mut paths);
    let base = serve(site);
    let json = browser_report("figure-cells", &base, &paths);
    let (mut checked, mut kinds) = (0, std::collections::BTreeSet::new());
    for c in json["cells"].as_array().unwrap() {
        let (table, column) = (c["table"].as_str().unwrap(), c["column"].as_str().unwrap());
        let span = c["span"].as_bool().unwrap();
        let figure = match table {
            t if t.split(' ').any(|k| ["figures", "chart-data"].contains(&k)) || t.contains("compare-figures") => true,
            "indicators" => ["分值", "得分"].contains(&column),
            "compare hist-i" | "compare hist-t" => !span && ["目标值", "实际完成值", "分值", "得分"].contains(&column),
            _ => continue,
        };
        kinds.insert(table.to_string());
        checked += c["n"].as_u64().unwrap();
        let print = c["media"] == "print";
        let want = if figure { ("right", if print { "normal" } else { "nowrap" }) } else { ("left", "normal") };
        assert_eq!((c["align"].as_str().unwrap(), c["wrap"].as_str().unwrap()), want, "{c}");
    }
    // (A report's budget table and its key-figure tables are both `figures`.)
    for k in ["figures", "figures funds", "chart-data", "compare-figures", "indicators", "compare hist-i", "compare hist-t"] {
        assert!(kinds.contains(k), "the example site has a `{k}` table: {kinds:?}");
    }
    assert!(checked > 500, "{checked} cells");
}

/// Runs `tests/browser/<script>.mjs` on the pages `paths` of the site served at `base` and
/// returns the JSON it prints; fails the test when the script fails.
fn browser_report(script: &str, base: &str, paths: &[String]) -> serde_json::Value {
    let output = Command::new("node")
        .arg(Path::new(REPO).join(format!("tests/browser/{script}.mjs")))
        .arg(base)
        .args(paths)
        .output()
        .expect("node runs");
    assert!(output.status.success(), "{script}.mjs failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON")
}
