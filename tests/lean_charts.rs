//! Lean charts and hashed asset URLs (issue 29, item 4), on the example site (the repository's
//! `content/` and the default theme):
//!
//! - every chart is inline: a department's indicator page (one for all its measures, a chart
//!   each) has no `.svg` beside it, report and department pages no chart files; each chart has
//!   a download link the theme's script makes, and the ids inside each chart are unique on its
//!   page;
//! - in Debian's headless Chromium every chart's download link gives a Blob of its inline SVG,
//!   styled, under a file name, and is not shown without the theme's script
//!   (tests/browser/chart-download.mjs; needs the dependencies of tests/validators.rs, never
//!   skipped);
//! - every reference of every page to a file under `assets/` carries the first 10 hex digits of
//!   the SHA-256 of the bytes published there;
//! - changing a static file (a site override) changes its hash on every page, in `jixiao build`
//!   and in the preview's rebuild;
//! - on a generated site (the demo department copied 40 times, 165 reports) no chart file is
//!   published, every chart shown has its download link, and the files and kilobytes per
//!   report (search aside) are within the budget for 1,000 reports.

mod common;

use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const REPO: &str = env!("CARGO_MANIFEST_DIR");
const DEMO: &str = "demo-qingshui-wenlv";

/// The example site built once into a temporary folder.
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let tmp = tempfile::tempdir().expect("temporary folder");
            let public = tmp.path().join("public");
            build(Path::new(REPO), &public);
            (tmp, public)
        })
        .1
}

fn build(root: &Path, out: &Path) {
    let mut options = jixiao::BuildOptions::new(root);
    options.output = out.to_path_buf();
    if let Err(d) = jixiao::build(&options) {
        panic!("the site does not build:\n{d}");
    }
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Every `.html` file under `out`, by path relative to it, sorted.
fn html_files(out: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().strip_prefix(out).unwrap().to_path_buf())
        .collect();
    files.sort();
    files
}

/// The demo department's indicator page, as a folder relative to the output.
fn indicator_dir() -> PathBuf {
    Path::new(DEMO).join("indicators")
}

/// Every reference of a page to a file under `assets/`: (attribute value, the file's path under
/// `assets/`, the `h` of its query or `None`).
fn asset_refs(html: &str) -> Vec<(String, String, Option<String>)> {
    let doc = Html::parse_document(html);
    let mut out = Vec::new();
    for el in doc.select(&sel("[href], [src]")) {
        let url = el.value().attr("href").or(el.value().attr("src")).unwrap();
        let Some(i) = url.find("assets/") else { continue };
        let rest = &url[i + "assets/".len()..];
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let hash = query.split('&').find_map(|p| p.strip_prefix("h=")).map(str::to_string);
        out.push((url.to_string(), path.to_string(), hash));
    }
    out
}

/// The hash an asset URL must carry: the first 10 hex digits of the SHA-256 of `bytes`.
fn hash_of(bytes: &[u8]) -> String {
    jixiao::digest::sha256_hex(bytes)[..10].to_string()
}

/// Asserts that every asset reference of every page of `out` carries the hash of the published
/// file's bytes; returns how many references per asset path were seen.
fn assert_hashed(out: &Path) -> BTreeMap<String, usize> {
    let mut seen = BTreeMap::new();
    for rel in html_files(out) {
        let html = std::fs::read_to_string(out.join(&rel)).unwrap();
        for (url, path, hash) in asset_refs(&html) {
            let bytes = std::fs::read(out.join("assets").join(&path)).unwrap_or_else(|e| panic!("{}: {url}: {e}", rel.display()));
            assert_eq!(hash.as_deref(), Some(hash_of(&bytes).as_str()), "{}: {url}", rel.display());
            *seen.entry(path).or_insert(0) += 1;
        }
    }
    seen
}

#[test]
fn indicator_pages_hold_their_chart_inline_without_a_file() {
    let out = site();
    let dir = indicator_dir();
    let files: Vec<String> = std::fs::read_dir(out.join(&dir)).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(files, ["index.html"], "the page alone: no chart file, no page per measure");
    let doc = Html::parse_document(&std::fs::read_to_string(out.join(&dir).join("index.html")).unwrap());
    let sections: Vec<ElementRef> = doc.select(&sel("section.measure")).collect();
    assert!(sections.len() >= 5, "the demo department has measures: {}", sections.len());
    let mut charts = 0;
    for section in &sections {
        let id = section.value().attr("id").unwrap();
        let svgs: Vec<ElementRef> = section.select(&sel("figure.chart svg.jx-chart-trend")).collect();
        assert!(svgs.len() <= 1, "#{id}: one inline chart at most");
        if svgs.is_empty() {
            // No chart only where it would draw nothing: no year of its history states a
            // figure (a qualitative measure), a missing one being a dash and its footnote.
            assert!(section.select(&sel("figure")).next().is_none(), "#{id}: no figure without its chart");
            for table in section.select(&sel("table")) {
                let heads: Vec<String> = table.select(&sel("thead th")).map(|h| h.text().collect()).collect();
                let columns: Vec<usize> = heads.iter().enumerate().filter(|(_, h)| *h == "目标值" || *h == "实际完成值").map(|(i, _)| i).collect();
                assert_eq!(columns.len(), 2, "#{id}: {heads:?}");
                for tr in table.select(&sel("tbody tr")) {
                    let cells: Vec<ElementRef> = tr.children().filter_map(ElementRef::wrap).collect();
                    for &i in &columns {
                        let Some(cell) = cells.get(i) else { continue };
                        if cell.attr("colspan").is_some() || cell.select(&sel(".gap")).next().is_some() {
                            continue;
                        }
                        // A figure is shown as its digits, after a comparison sign for a target
                        // (`≥ 1,200`, `95.5%`); words (`完成 9 个项目`) are not drawn.
                        let shown: String = cell.text().collect();
                        let figure = shown.trim_start_matches(['≥', '≤', '=', '<', '>', ' ']).starts_with(|c: char| c.is_ascii_digit() || c == '-');
                        assert!(!figure, "#{id}: {shown:?} is a figure, and there is no chart");
                    }
                }
            }
            continue;
        }
        charts += 1;
        let link = section.select(&sel("figure.chart a[data-chart-svg]")).next().unwrap_or_else(|| panic!("#{id}: a download link"));
        assert_eq!(link.value().attr("data-chart-svg"), svgs[0].value().attr("id"));
        assert!(link.value().attr("href").is_none() && link.value().attr("hidden").is_some(), "#{id}: made by the script");
        assert_eq!(link.value().attr("data-download"), Some(format!("{DEMO}-{id}.svg").as_str()));
    }
    assert!(charts >= 5, "the demo department's measures with figures have their charts: {charts}");
    // The ids inside every chart (its own, its title's, description's) and of the page's
    // shared markers are unique on the page, and every reference inside a chart names an id of
    // that chart or a marker the page defines once for all its charts (in svg.jx-defs).
    let shared: Vec<&str> = doc.select(&sel("svg.jx-defs[aria-hidden=true] marker[id]")).filter_map(|e| e.value().attr("id")).collect();
    assert_eq!(shared, ["_k0", "_k1"], "the trend charts' markers, once");
    assert_eq!(doc.select(&sel("svg.jx-defs")).count(), 1);
    let mut ids: Vec<&str> = doc.select(&sel("svg [id], svg[id]")).filter_map(|e| e.value().attr("id")).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids among the charts");
    for svg in doc.select(&sel("svg.jx-chart")) {
        let own = svg.value().attr("id").unwrap();
        let html = svg.html();
        for r in html.split("url(#").skip(1) {
            let target = &r[..r.find(')').unwrap()];
            if shared.contains(&target) {
                continue;
            }
            assert!(target.starts_with(&format!("{own}-")), "#{own} refers to #{target}");
            assert!(svg.select(&sel(&format!("[id=\"{target}\"]"))).next().is_some(), "#{own}: #{target} is inside it");
        }
    }
    // No chart file anywhere under indicators/ on the whole site.
    let stray: Vec<_> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "svg") && e.path().components().any(|c| c.as_os_str() == "indicators"))
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
    // No chart file anywhere on the site, and every chart shown has its download link.
    let svg_files: Vec<_> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "svg") && !e.path().starts_with(out.join("assets")))
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(svg_files.is_empty(), "{svg_files:?}");
    let mut charts = 0;
    for rel in html_files(out) {
        charts += assert_every_chart_downloads(&std::fs::read_to_string(out.join(&rel)).unwrap(), &rel.display().to_string());
    }
    assert!(charts >= 10, "the example site shows charts: {charts}");
    for (page, file) in [(format!("{DEMO}/index.html"), format!("{DEMO}-budget.svg")), (format!("{DEMO}/2022/index.html"), format!("{DEMO}-2022-targets.svg"))] {
        let doc = Html::parse_document(&std::fs::read_to_string(out.join(&page)).unwrap());
        let names: Vec<&str> = doc.select(&sel("figure.chart a[data-chart-svg]")).filter_map(|a| a.value().attr("data-download")).collect();
        assert!(names.contains(&file.as_str()), "{page}: {names:?}");
    }
}

/// Asserts that every chart (`svg.jx-chart`) of a page is an accessible image with a hidden,
/// script-made download link naming it and an `.svg` file name; returns how many charts.
pub fn assert_every_chart_downloads(html: &str, page: &str) -> usize {
    let doc = Html::parse_document(html);
    let mut n = 0;
    for svg in doc.select(&sel("svg.jx-chart")) {
        let id = svg.value().attr("id").unwrap_or_else(|| panic!("{page}: a chart without an id"));
        assert_eq!(svg.value().attr("role"), Some("img"), "{page}: #{id}");
        let labelled = svg.value().attr("aria-labelledby").unwrap_or_default();
        for part in labelled.split_whitespace() {
            assert!(doc.select(&sel(&format!("#{part}"))).next().is_some(), "{page}: #{id} labelled by #{part}");
        }
        assert!(svg.select(&sel("title")).next().is_some() && svg.select(&sel("desc")).next().is_some(), "{page}: #{id}");
        let link = doc.select(&sel(&format!("a[data-chart-svg=\"{id}\"]"))).next();
        let link = link.unwrap_or_else(|| panic!("{page}: chart #{id} has no download link"));
        assert!(link.value().attr("hidden").is_some() && link.value().attr("href").is_none(), "{page}: #{id}: made by the script");
        assert!(link.value().attr("data-download").is_some_and(|f| f.ends_with(".svg")), "{page}: #{id}");
        n += 1;
    }
    n
}

#[test]
fn every_asset_reference_carries_the_hash_of_the_published_bytes() {
    let seen = assert_hashed(site());
    for asset in ["style.css", "chart.css", "favicon.svg", "site.js", "sort.js", "search.js"] {
        assert!(seen.get(asset).is_some_and(|&n| n > 0), "{asset} is referenced: {seen:?}");
    }
}

#[test]
fn a_changed_static_file_changes_its_hash_on_every_page() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    common::copy_dir(&Path::new(REPO).join("content"), &root.join("content"));
    let theme_css = std::fs::read(Path::new(REPO).join("themes/default/static/style.css")).unwrap();
    let out = tmp.path().join("public");
    let style_hashes = |out: &Path| -> Vec<Option<String>> {
        html_files(out)
            .iter()
            .flat_map(|rel| asset_refs(&std::fs::read_to_string(out.join(rel)).unwrap()))
            .filter(|(_, path, _)| path == "style.css")
            .map(|(_, _, h)| h)
            .collect()
    };
    build(&root, &out);
    let pages = html_files(&out).len();
    let before = style_hashes(&out);
    assert_eq!(before.len(), pages, "every page links style.css once");
    assert!(before.iter().all(|h| h.as_deref() == Some(hash_of(&theme_css).as_str())), "the theme's bytes");

    // A site override of the theme's style.css: its bytes are what is published and hashed.
    let mut css = theme_css.clone();
    css.extend_from_slice(b"\n.lean-charts-test { color: red; }\n");
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/style.css"), &css).unwrap();
    build(&root, &out);
    assert_eq!(std::fs::read(out.join("assets/style.css")).unwrap(), css);
    let after = style_hashes(&out);
    assert_eq!(after.len(), pages);
    assert!(after.iter().all(|h| h.as_deref() == Some(hash_of(&css).as_str())), "every page names the new bytes");
    assert_ne!(before[0], after[0]);
    assert_hashed(&out);

    // The preview: a changed static file re-renders every page with the new hash.
    let preview_out = tmp.path().join("preview");
    let mut preview = jixiao::watch::Preview::new(&root, &preview_out, false);
    let first = preview.full();
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    css.extend_from_slice(b".again { color: blue; }\n");
    std::fs::write(root.join("static/style.css"), &css).unwrap();
    let next = preview.apply(&[root.join("static/style.css")]);
    assert!(next.errors.is_empty(), "{:?}", next.errors);
    let live = style_hashes(&preview_out);
    assert_eq!(live.len(), html_files(&preview_out).len());
    assert!(live.iter().all(|h| h.as_deref() == Some(hash_of(&css).as_str())), "every preview page names the newest bytes");
    assert_hashed(&preview_out);
}

// --- headless Chromium: the download link ----------------------------------------------------

/// Serves `root` on a loopback port (files only; a folder serves its `index.html`).
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

#[test]
fn the_inline_chart_downloads_as_an_svg_file_in_chromium() {
    let ok = |p: &str, a: &str| Command::new(p).arg(a).output().is_ok_and(|o| o.status.success());
    let deps = Path::new("/usr/bin/chromium").is_file()
        && ok("node", "--version")
        && Path::new(REPO).join("tests/browser/node_modules/playwright-core").is_dir();
    assert!(deps, "chromium, node or playwright-core is missing: run `bash tests/install-deps.sh` (as root)");
    let out = site();
    // The indicator page (a chart per measure), a report page (three charts) and a department
    // page.
    let mut dirs: Vec<PathBuf> = vec![indicator_dir()];
    dirs.push(Path::new(DEMO).join("2022"));
    dirs.push(PathBuf::from(DEMO));
    let paths: Vec<String> = dirs.iter().map(|d| format!("/{}/", d.display())).collect();
    let base = serve(out);
    let output = Command::new("node").arg(Path::new(REPO).join("tests/browser/chart-download.mjs")).arg(&base).args(&paths).output().expect("node runs");
    assert!(output.status.success(), "chart-download.mjs failed: {}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let pages = json["pages"].as_array().unwrap();
    assert_eq!(pages.len(), paths.len());
    for (p, dir) in pages.iter().zip(&dirs) {
        assert_eq!(p["status"], 200, "{}", p["path"]);
        assert_eq!(p["visibleWithoutJs"], false, "{}: no link without the script", p["path"]);
        let page = std::fs::read_to_string(out.join(dir).join("index.html")).unwrap();
        let doc = Html::parse_document(&page);
        let inline: Vec<ElementRef> = doc.select(&sel("svg.jx-chart")).collect();
        assert!(!inline.is_empty(), "{}", p["path"]);
        let links = p["links"].as_array().unwrap();
        assert_eq!(links.len(), inline.len(), "{}: one link per chart", p["path"]);
        for (link, chart) in links.iter().zip(&inline) {
            assert_eq!(link["visible"], true, "{}", p["path"]);
            assert_eq!(link["href"], "blob:", "{}: a Blob URL", p["path"]);
            let id = chart.value().attr("id").unwrap();
            assert_eq!(link["chart"], id);
            let name = doc.select(&sel(&format!("a[data-chart-svg=\"{id}\"]"))).next().unwrap().value().attr("data-download").unwrap();
            assert_eq!(link["file"], name, "{}: the file name offered", p["path"]);
            // The file is the page's inline chart, as a standalone, styled SVG document.
            let svg = link["svg"].as_str().unwrap();
            assert!(svg.starts_with("<?xml"), "{svg}");
            let xml = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{}: {e}\n{svg}", p["path"]));
            let root = xml.root_element();
            assert!(root.has_tag_name(("http://www.w3.org/2000/svg", "svg")), "{svg}");
            assert_eq!(root.attribute("id"), Some(id));
            let texts = |n: roxmltree::Node| {
                n.descendants().filter(|d| d.has_tag_name("text")).map(|d| d.descendants().filter(|t| t.is_text()).filter_map(|t| t.text()).collect::<String>()).collect::<Vec<_>>()
            };
            let inline_texts: Vec<String> = chart.select(&sel("text")).map(|t| t.text().collect::<String>()).collect();
            assert_eq!(texts(root), inline_texts, "{}: the same labels", p["path"]);
            // The chart CSS's colours travel with the file, written on the shapes.
            let styled = root.descendants().filter(|d| d.attribute("style").is_some_and(|s| s.contains("fill:rgb"))).count();
            assert!(styled > 0, "{}: styles written on the elements: {svg}", p["path"]);
            // Label anchors (classes on the page) are written on the labels.
            if chart.select(&sel("text.jx-e, text.jx-m")).next().is_some() {
                assert!(svg.contains("text-anchor:end") || svg.contains("text-anchor:middle"), "{}: anchors in the file: {svg}", p["path"]);
            }
            // A line (and a legend's line) keeps its markers, which name definitions inside the
            // file (copied from the page's one set), not the page.
            let lines = root.descendants().filter(|d| d.has_tag_name("polyline")).count();
            let mut marked = 0;
            for el in root.descendants().filter(|d| d.attribute("style").is_some_and(|s| s.contains("marker"))) {
                let style = el.attribute("style").unwrap();
                let target = style.split("url(#").nth(1).and_then(|r| r.split(')').next()).unwrap_or_else(|| panic!("{}: a marker by URL: {style}", p["path"]));
                assert!(root.descendants().any(|d| d.has_tag_name("marker") && d.attribute("id") == Some(target)), "{}: #{target} in the file", p["path"]);
                marked += usize::from(el.has_tag_name("polyline"));
            }
            assert_eq!(marked, lines, "{}: every line keeps its marker: {svg}", p["path"]);
        }
    }
}

// --- a generated site: files and bytes per report --------------------------------------------

/// Budgets per report for everything but search (issue 29 item 4; search has its own): files
/// (site-wide count divided by the reports) and kilobytes (apparent size, 1 KB = 1000 bytes),
/// those set for 1,000 reports. This site measures 4.5 files and 82 KB; the generated
/// benchmark corpus, whose reports are longer, is measured in docs/output.md.
const MAX_FILES_PER_REPORT: f64 = 12.0;
const MAX_KB_PER_REPORT: f64 = 135.0;

/// The example site with the demo department copied `n` times (`demo-copy-01` …), each with its
/// four reports: a site of `4 n + 1` reports built with the default theme.
fn generated_site(n: usize) -> (tempfile::TempDir, PathBuf, usize) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    common::copy_dir(&Path::new(REPO).join("content"), &root.join("content"));
    let demo = root.join("content").join(DEMO);
    let mut reports = 1; // the seed report
    for i in 1..=n {
        let id = format!("demo-copy-{i:02}");
        let to = root.join("content").join(&id);
        std::fs::create_dir_all(&to).unwrap();
        for e in std::fs::read_dir(&demo).unwrap() {
            let path = e.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap().replace(DEMO, &id);
            std::fs::write(to.join(path.file_name().unwrap()), text).unwrap();
            reports += usize::from(path.file_name().unwrap() != "department.yaml");
        }
    }
    reports += 4; // the demo department's own
    let out = tmp.path().join("public");
    build(&root, &out);
    (tmp, out, reports)
}

#[test]
fn a_generated_site_stays_within_the_files_and_bytes_per_report_budget() {
    let (_tmp, out, reports) = generated_site(40);
    let (mut files, mut bytes, mut svg_files) = (0usize, 0u64, Vec::new());
    let mut charts = 0;
    for e in walkdir::WalkDir::new(&out).into_iter().map(Result::unwrap).filter(|e| e.file_type().is_file()) {
        let rel = e.path().strip_prefix(&out).unwrap();
        if rel.components().next().is_some_and(|c| c.as_os_str().to_string_lossy().starts_with("search")) {
            continue;
        }
        files += 1;
        bytes += e.metadata().unwrap().len();
        if rel.extension().is_some_and(|x| x == "svg") && !rel.starts_with("assets") {
            svg_files.push(rel.display().to_string());
        }
        if rel.extension().is_some_and(|x| x == "html") {
            charts += assert_every_chart_downloads(&std::fs::read_to_string(e.path()).unwrap(), &rel.display().to_string());
        }
    }
    assert!(svg_files.is_empty(), "no chart files: {svg_files:?}");
    // Every report page of a copy shows its charts (the demo's 2022 has all three kinds).
    assert!(charts >= 40 * 4, "charts shown: {charts}");
    let (per_report_files, per_report_kb) = (files as f64 / reports as f64, bytes as f64 / 1000.0 / reports as f64);
    eprintln!("{reports} reports: {per_report_files:.2} files and {per_report_kb:.1} KB per report (without search)");
    assert!(per_report_files <= MAX_FILES_PER_REPORT, "{per_report_files:.2} files per report");
    assert!(per_report_kb <= MAX_KB_PER_REPORT, "{per_report_kb:.1} KB per report");
    // A report folder: its page and its open data, nothing else.
    let mut names: Vec<String> = std::fs::read_dir(out.join("demo-copy-01/2022")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["datapackage.json", "index.html", "indicators.csv", "report.json", "targets.csv"]);
}
