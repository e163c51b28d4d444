//! External validators on the built example site (the repository's `content/` and `themes/`):
//!
//! - the Nu HTML Checker (`vnu.jar`, from npm package vnu-jar) on every `.html` file: zero errors;
//! - axe-core (WCAG 2.0/2.1 levels A and AA) in Debian's headless Chromium on one page of each
//!   type (home, report, department, year, free page, 404) and then every other page, in light
//!   and dark colour schemes: zero violations. The site is served by a tiny static server inside this test.
//!
//! These tools are real dependencies: when one is missing the test fails and says to run
//! `bash tests/install-deps.sh` (it never skips).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn browser_dir() -> PathBuf {
    Path::new(REPO).join("tests/browser")
}

fn vnu_jar() -> PathBuf {
    browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar")
}

/// Fails with an actionable message when a validator's dependency is missing.
fn require(what: &str, ok: bool) {
    assert!(
        ok,
        "{what} is missing: run `bash tests/install-deps.sh` (as root) to install the test \
         dependencies (chromium, a Java runtime, node packages in tests/browser/)"
    );
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program).arg(arg).output().is_ok_and(|o| o.status.success())
}

/// The example site, built once into a temporary folder kept for the whole test binary.
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE.get_or_init(|| {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let mut options = jixiao::BuildOptions::new(REPO);
        options.output = tmp.path().join("public");
        if let Err(diagnostics) = jixiao::build(&options) {
            panic!("the example site does not build:\n{diagnostics}");
        }
        let public = tmp.path().join("public");
        (tmp, public)
    })
    .1
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable output folder") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            html_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

#[test]
fn nu_html_checker_finds_no_errors() {
    require("java", runs("java", "-version"));
    require("vnu.jar (npm package vnu-jar)", vnu_jar().is_file());
    let site = site();
    let mut files = Vec::new();
    html_files(site, &mut files);
    files.sort();
    assert!(!files.is_empty(), "the built site has no HTML files");

    let output = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--format", "json", "--also-check-svg"])
        .args(&files)
        .output()
        .expect("java runs");
    // vnu prints its JSON report on stderr.
    let report = String::from_utf8_lossy(&output.stderr);
    let json: serde_json::Value = serde_json::from_str(report.trim()).unwrap_or_else(|e| {
        panic!("vnu output is not JSON ({e}); stdout: {}\nstderr: {report}", String::from_utf8_lossy(&output.stdout))
    });
    let messages = json["messages"].as_array().expect("vnu messages array");
    let errors: Vec<String> = messages
        .iter()
        .filter(|m| m["type"] != "info")
        .map(|m| {
            let url = m["url"].as_str().unwrap_or("?");
            let file = url.strip_prefix("file:").unwrap_or(url);
            let file = file.strip_prefix(site.to_str().unwrap_or("")).unwrap_or(file);
            format!(
                "{file}:{}:{}: {}: {}\n    {}",
                m["lastLine"],
                m["firstColumn"].as_u64().or(m["lastColumn"].as_u64()).unwrap_or(0),
                m["type"].as_str().unwrap_or("?"),
                m["message"].as_str().unwrap_or("?"),
                m["extract"].as_str().unwrap_or("").replace('\n', "⏎"),
            )
        })
        .collect();
    println!("vnu checked {} HTML files", files.len());
    assert!(
        errors.is_empty(),
        "the Nu HTML Checker found {} errors in {} files:\n{}",
        errors.len(),
        files.len(),
        errors.join("\n")
    );
}

/// The site's URL paths: one page of each type first (each type must exist), then every other
/// page of the built folder.
fn page_paths(site: &Path) -> Vec<String> {
    let is_year = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    let mut report = None;
    let mut department = None;
    let mut entries: Vec<_> = std::fs::read_dir(site).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for dir in entries.iter().filter(|p| p.is_dir()) {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if ["years", "pages", "assets", "search", "archive", "data"].contains(&name.as_str()) {
            continue;
        }
        let mut years: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| is_year(n) && dir.join(n).join("index.html").is_file())
            .collect();
        years.sort();
        if let Some(y) = years.last()
            && dir.join("index.html").is_file()
        {
            department = Some(format!("/{name}/"));
            report = Some(format!("/{name}/{y}/"));
            break;
        }
    }
    let first_in = |sub: &str| -> Option<String> {
        let mut names: Vec<_> = std::fs::read_dir(site.join(sub))
            .ok()?
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| site.join(sub).join(n).join("index.html").is_file())
            .collect();
        names.sort();
        names.first().map(|n| format!("/{sub}/{n}/"))
    };
    let paths = vec![
        ("home", site.join("index.html").is_file().then(|| "/".to_string())),
        ("report", report),
        ("department", department),
        ("year", first_in("years")),
        ("free page", first_in("pages")),
        ("404", site.join("404.html").is_file().then(|| "/no-such-page/".to_string())),
    ];
    let missing: Vec<_> = paths.iter().filter(|(_, p)| p.is_none()).map(|(k, _)| *k).collect();
    assert!(missing.is_empty(), "the built site has no page of type(s): {missing:?}");
    // The example site is small: check every other page too (other reports, years, search ...).
    let mut all: Vec<String> = paths.into_iter().filter_map(|(_, p)| p).collect();
    let mut files = Vec::new();
    html_files(site, &mut files);
    files.sort();
    for f in files {
        let rel = f.strip_prefix(site).unwrap().to_string_lossy().replace('\\', "/");
        if let Some(dir) = rel.strip_suffix("index.html") {
            let url = format!("/{dir}");
            if !all.contains(&url) {
                all.push(url);
            }
        }
    }
    all
}

/// Serves `root` on 127.0.0.1 (any free port) from a background thread; returns the base URL.
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
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(path);
    let safe = !path.split('/').any(|p| p == "..");
    let mut file = root.join(path.trim_start_matches('/'));
    if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, file) = if safe && file.is_file() {
        ("200 OK", file)
    } else {
        ("404 Not Found", root.join("404.html"))
    };
    let body = std::fs::read(&file).unwrap_or_default();
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("csv") => "text/csv; charset=utf-8",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)?;
    stream.flush()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        if bytes[i] == b'%'
            && let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn axe_finds_no_wcag_a_or_aa_violations() {
    require("chromium (/usr/bin/chromium)", Path::new("/usr/bin/chromium").is_file());
    require("node", runs("node", "--version"));
    for pkg in ["axe-core", "playwright-core"] {
        require(&format!("npm package {pkg}"), browser_dir().join("node_modules").join(pkg).is_dir());
    }
    let site = site();
    let paths = page_paths(site);
    let base = serve(site);

    let output = Command::new("node")
        .arg(browser_dir().join("axe.mjs"))
        .arg(&base)
        .args(&paths)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "axe.mjs failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("axe.mjs prints JSON");
    let mut report = Vec::new();
    let mut count = 0;
    for page in json["pages"].as_array().expect("pages") {
        let path = page["path"].as_str().unwrap_or("?");
        let scheme = page["scheme"].as_str().unwrap_or("?");
        let expected = if path == "/no-such-page/" { 404 } else { 200 };
        assert_eq!(page["status"], expected, "HTTP status of {path}");
        for v in page["violations"].as_array().expect("violations") {
            count += 1;
            report.push(format!(
                "{path} ({scheme}): {} [{}]: {}",
                v["id"].as_str().unwrap_or("?"),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or("?"),
            ));
            for n in v["nodes"].as_array().into_iter().flatten() {
                report.push(format!(
                    "    at {}\n       {}\n       {}",
                    n["target"],
                    n["html"].as_str().unwrap_or(""),
                    n["summary"].as_str().unwrap_or("").replace('\n', "\n       ")
                ));
            }
        }
    }
    println!("axe checked {} pages × 2 colour schemes: {paths:?}", paths.len());
    assert_eq!(json["pages"].as_array().map(Vec::len), Some(paths.len() * 2), "every page checked");
    assert!(count == 0, "axe-core found {count} WCAG 2.1 A/AA violations:\n{}", report.join("\n"));
}
