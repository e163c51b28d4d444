//! `jixiao serve`: incremental rebuilds equal a clean full build byte for byte after each step
//! of an edit sequence; the running server reloads pages, shows errors as an overlay while the
//! old pages still serve, recovers, and serves only files under its folder.
#![cfg(feature = "serve")]

use jixiao::serve::{self, Resolved, SCRIPT_TAG, ServeConfig, Server};
use jixiao::watch::Preview;
use jixiao::{BuildOptions, build};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

mod common;
use common::copy_dir;

const REPO: &str = env!("CARGO_MANIFEST_DIR");


/// A temporary copy of the example site: content and theme.
fn example_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(REPO).join("content"), &dir.path().join("content"));
    copy_dir(&Path::new(REPO).join("themes"), &dir.path().join("themes"));
    dir
}

/// A copy of the example site, and a preview of it (not built yet) into a folder of its own:
/// (site, the output's temporary parent, output folder, preview).
fn example_preview() -> (tempfile::TempDir, tempfile::TempDir, PathBuf, Preview) {
    let site = example_site();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("preview");
    let preview = Preview::new(site.path(), &out, false);
    (site, out_dir, out, preview)
}

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"), std::fs::read(e.path()).unwrap()))
        .collect()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} does not contain {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// A clean full `jixiao build` of `root` into a new folder equals the preview folder.
fn assert_same_as_full_build(root: &Path, preview: &Path, step: &str) {
    assert_same_as_full_build_where(root, preview, step, &|_| true);
}

/// The search index's own files (not the search page), and the manifest listing them.
fn is_search_index(path: &str) -> bool {
    (path.starts_with("search/") && path != "search/index.html") || path == ".jixiao-manifest"
}

/// Every file but the search index equals a clean full build (what `serve` shows at once).
fn assert_pages_same_as_full_build(root: &Path, preview: &Path, step: &str) {
    assert_same_as_full_build_where(root, preview, step, &|p| !is_search_index(p));
}

/// The files whose path satisfies `compared` equal a clean full build.
fn assert_same_as_full_build_where(root: &Path, preview: &Path, step: &str, compared: &dyn Fn(&str) -> bool) {
    let clean = tempfile::tempdir().unwrap();
    let out = clean.path().join("site");
    let mut options = BuildOptions::new(root);
    options.output = out.clone();
    build(&options).unwrap_or_else(|d| panic!("{step}: full build failed:\n{}", d.render(jixiao::messages::Lang::En)));
    let only = |t: BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> { t.into_iter().filter(|(p, _)| compared(p)).collect() };
    let (a, b) = (only(tree(preview)), only(tree(&out)));
    let only_a: Vec<_> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<_> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(only_a.is_empty() && only_b.is_empty(), "{step}: only in preview {only_a:?}, only in full build {only_b:?}");
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{step}: {path} differs from a full build");
    }
    assert!(!a.values().any(|b| b.windows(SCRIPT_TAG.len()).any(|w| w == SCRIPT_TAG.as_bytes())), "{step}: live-reload script on disk");
}

#[test]
fn incremental_rebuilds_equal_a_full_build_after_every_edit() {
    let (site, _out_dir, out, mut preview) = example_preview();
    let root = site.path();
    let first = preview.full();
    assert!(first.errors.is_empty(), "{}", first.errors.render(jixiao::messages::Lang::En));
    let total = first.rendered;
    assert!(total > 5);
    assert_same_as_full_build(root, &out, "first build");

    let dept = root.join("content/demo-qingshui-wenlv");
    // Each step as `serve` runs it: the pages first (everything but the search index equals
    // a full build), then the search index (everything does).
    let mut step = |name: &str, changed: Vec<PathBuf>, expect_partial: bool| {
        let o = preview.apply_pages(&changed);
        assert!(o.errors.is_empty(), "{name}: {}", o.errors.render(jixiao::messages::Lang::En));
        assert!(o.committed, "{name}: nothing committed");
        if expect_partial {
            assert!(o.kept > 0, "{name}: rendered all {} pages, expected fewer", o.rendered);
        }
        assert_pages_same_as_full_build(root, &out, name);
        assert!(preview.search_stale(), "{name}: the search index waits for a pause");
        let s = preview.update_search(&mut || false).expect("not cancelled");
        assert!(s.errors.is_empty() && s.committed, "{name}: {}", s.errors.render(jixiao::messages::Lang::En));
        assert!(!preview.search_stale());
        assert_same_as_full_build(root, &out, name);
        o
    };

    // A figure: its report, department, year, home and sitemap may change; not the others.
    edit(&dept.join("2022.yaml"), "executed: 6402.09", "executed: 6402.19");
    let o = step("figure change", vec![dept.join("2022.yaml")], true);
    assert!(o.rendered >= 1);
    // An indicator renamed.
    edit(&dept.join("2022.yaml"), "name: 公共图书馆接待读者人次", "name: 公共图书馆到馆读者人次");
    step("indicator rename", vec![dept.join("2022.yaml")], true);
    // A narrative edited: only pages showing the report in full.
    edit(&dept.join("2022.yaml"), "一是公共图书馆接待读者人次未达到目标", "一是公共图书馆到馆读者人次未达到目标");
    step("text edit", vec![dept.join("2022.yaml")], true);
    // The publication date: the report's page and the sitemap's `lastmod` change; the same
    // pages exist, so this takes the quick way too.
    edit(&dept.join("2022.yaml"), "published: \"2023-05-22\"", "published: \"2023-05-23\"");
    step("publication date", vec![dept.join("2022.yaml")], true);
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("2023-05-23"), "the sitemap shows the new date");
    // The budget's parts removed: the report's composition chart goes (a file an edit that
    // adds or removes no page removes).
    let chart = out.join("demo-qingshui-wenlv/2022/composition.svg");
    assert!(chart.exists(), "the report has a composition chart");
    let text = std::fs::read_to_string(dept.join("2022.yaml")).unwrap();
    let (start, end) = (text.find("  by_source_of:").unwrap(), text.find("  carry_over:").unwrap());
    std::fs::write(dept.join("2022.yaml"), format!("{}{}", &text[..start], &text[end..])).unwrap();
    step("budget parts removed", vec![dept.join("2022.yaml")], true);
    assert!(!chart.exists(), "the composition chart is gone");
    // The department's profile: every report of it (pages and report.json) shows it; the
    // navigation lists every department, so every page is rendered again.
    edit(&dept.join("department.yaml"), "address: 青水市示例路 1 号（虚构地址）", "address: 青水市示例路 2 号（虚构地址）");
    step("edit department.yaml", vec![dept.join("department.yaml")], false);
    // A year added (dated after its year, as the loader requires: 2023 → 2025).
    let text = std::fs::read_to_string(dept.join("2022.yaml")).unwrap();
    let text = text.replacen("year: 2022", "year: 2024", 1).replacen("2022年度", "2024年度", 1).replace("\"2023-", "\"2025-");
    std::fs::write(dept.join("2024.yaml"), text).unwrap();
    step("add a year", vec![dept.join("2024.yaml")], false);
    // A report deleted.
    std::fs::remove_file(dept.join("2020.yaml")).unwrap();
    step("delete a report", vec![dept.join("2020.yaml")], false);
    // A department added (a new folder).
    let new_dept = root.join("content/demo-qingshui-jiaoyu");
    copy_dir(&dept, &new_dept);
    for f in std::fs::read_dir(&new_dept).unwrap() {
        let p = f.unwrap().path();
        let t = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, t.replace("demo-qingshui-wenlv", "demo-qingshui-jiaoyu")).unwrap();
    }
    step("add a department", vec![new_dept.clone()], false);
    // A partial template.
    let partial = root.join("themes/default/templates/partials/status.html");
    let t = std::fs::read_to_string(&partial).unwrap();
    std::fs::write(&partial, format!("{t}<!-- edited -->")).unwrap();
    step("edit a partial template", vec![partial], true);
    // CSS: no page rendered.
    let css = root.join("themes/default/static/style.css");
    let t = std::fs::read_to_string(&css).unwrap();
    std::fs::write(&css, format!("{t}\n/* edited */\n")).unwrap();
    let o = step("edit CSS", vec![css], true);
    assert_eq!(o.rendered, 0, "a CSS change renders no page");
    assert!(o.css_only);
    // site.yaml: everything.
    edit(&root.join("content/site.yaml"), "title: 黄埔区部门整体支出绩效自评报告公开", "title: 黄埔区部门整体支出绩效自评报告公开（预览）");
    let o = step("edit site.yaml", vec![root.join("content/site.yaml")], false);
    assert!(o.rendered >= total);
    // Swap and backup files change nothing.
    std::fs::write(dept.join(".2022.yaml.swp"), "junk").unwrap();
    std::fs::write(dept.join("2022.yaml~"), "junk").unwrap();
    let o = preview.apply(&[dept.join(".2022.yaml.swp"), dept.join("2022.yaml~")]);
    assert!(o.errors.is_empty() && !o.committed);
}

#[test]
fn a_newer_change_cancels_the_search_index_update() {
    let (site, _out_dir, out, mut preview) = example_preview();
    let root = site.path();
    assert!(preview.full().errors.is_empty());
    assert!(!preview.search_stale(), "the first build includes the search index");
    let report = root.join("content/demo-qingshui-wenlv/2022.yaml");
    edit(&report, "一是公共图书馆接待读者人次未达到目标", "一是公共图书馆到馆读者人次未达到目标");
    assert!(preview.apply_pages(std::slice::from_ref(&report)).errors.is_empty());
    let before = tree(&out);
    // Cancelled: nothing committed, still stale.
    assert!(preview.update_search(&mut || true).is_none());
    assert!(preview.search_stale());
    assert_eq!(tree(&out), before, "a cancelled index update changes nothing");
    // `apply` does both steps.
    edit(&report, "executed: 6402.09", "executed: 6402.19");
    let o = preview.apply(std::slice::from_ref(&report));
    assert!(o.errors.is_empty() && o.committed);
    assert!(!preview.search_stale());
    assert_same_as_full_build(root, &out, "apply after a cancelled index update");
}

#[test]
fn a_broken_file_keeps_the_last_good_site_until_fixed() {
    let (site, _out_dir, out, mut preview) = example_preview();
    let root = site.path();
    assert!(preview.full().errors.is_empty());
    let before = tree(&out);
    let report = root.join("content/demo-qingshui-wenlv/2022.yaml");
    let good = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, good.replacen("executed: 6402.09", "executed: [6402.09", 1)).unwrap();
    let o = preview.apply(std::slice::from_ref(&report));
    assert!(!o.errors.is_empty());
    let d = &o.errors.0[0];
    assert_eq!(d.file, Path::new("content/demo-qingshui-wenlv/2022.yaml"));
    assert!(d.location.is_some_and(|l| l.line > 1));
    assert_eq!(tree(&out), before, "the output folder is untouched");
    // A broken template: located error, output untouched.
    let tpl = root.join("themes/default/templates/report.html");
    let t = std::fs::read_to_string(&tpl).unwrap();
    std::fs::write(&tpl, format!("{t}{{% if %}}")).unwrap();
    let o = preview.apply(std::slice::from_ref(&tpl));
    assert!(o.errors.0.iter().any(|d| d.file.ends_with("report.html")), "{}", o.errors.render(jixiao::messages::Lang::En));
    assert_eq!(tree(&out), before);
    std::fs::write(&tpl, t).unwrap();
    std::fs::write(&report, good.replacen("executed: 6402.09", "executed: 6402.19", 1)).unwrap();
    let o = preview.apply(&[tpl, report]);
    assert!(o.errors.is_empty(), "{}", o.errors.render(jixiao::messages::Lang::En));
    assert_same_as_full_build(root, &out, "after the fix");
}

// ---- the running server -------------------------------------------------------------------

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends a raw request line (the path exactly as given) and reads the reply.
fn raw(addr: SocketAddr, method: &str, target: &str, extra: &str) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{extra}\r\n").unwrap();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).unwrap();
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").expect("a header block");
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let headers = lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect();
    let mut body = bytes[split + 4..].to_vec();
    let r = Reply { status, headers, body: Vec::new() };
    if r.header("Transfer-Encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body);
    }
    Reply { body, ..r }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 4 + size..];
    }
    out
}

fn get(addr: SocketAddr, target: &str) -> Reply {
    raw(addr, "GET", target, "")
}

/// Opens the live-reload stream; every event (`event: x` + `data: y`) arrives on the channel.
fn events(addr: SocketAddr) -> Receiver<(String, String)> {
    let (tx, rx) = channel();
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET {} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n", serve::EVENTS_PATH).unwrap();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(s).lines() {
            let Ok(line) = line else { return };
            if let Some(e) = line.strip_prefix("event: ") {
                event = e.to_string();
            } else if let Some(d) = line.strip_prefix("data: ")
                && tx.send((event.clone(), d.to_string())).is_err()
            {
                return;
            }
        }
    });
    rx
}

fn wait_for(rx: &Receiver<(String, String)>, kind: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok((e, d)) if e == kind => return d,
            Ok(_) => continue,
            Err(_) => break,
        }
    }
    panic!("no `{kind}` event within 30 s");
}

struct Serving {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `jixiao serve --port 0` on `root`, returns once it prints its URL.
fn start(root: &Path, out: &Path) -> Serving {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["--lang", "en", "serve", "--port", "0", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(url) = line.split(" at http://").nth(1) {
                let _ = tx.send(url.split('/').next().unwrap().to_string());
            }
        }
    });
    let host = rx.recv_timeout(Duration::from_secs(120)).expect("serve prints its URL");
    Serving { child, addr: host.parse().unwrap() }
}

#[test]
fn serve_reloads_shows_errors_and_recovers() {
    let site = example_site();
    let root = site.path();
    let out = root.join("preview-out");
    let server = start(root, &out);
    let addr = server.addr;

    let page = "/demo-qingshui-wenlv/2022/";
    let r = get(addr, page);
    assert_eq!(r.status, 200);
    assert!(r.header("Content-Type").unwrap().starts_with("text/html"));
    assert!(r.text().contains(SCRIPT_TAG), "preview pages carry the live-reload script");
    let on_disk = std::fs::read_to_string(out.join("demo-qingshui-wenlv/2022/index.html")).unwrap();
    assert!(!on_disk.contains(SCRIPT_TAG), "the built file does not");
    assert!(get(addr, serve::SCRIPT_PATH).text().contains("EventSource"));

    let rx = events(addr);
    std::thread::sleep(Duration::from_millis(300));
    let report = root.join("content/demo-qingshui-wenlv/2022.yaml");
    let good = std::fs::read_to_string(&report).unwrap();
    edit(&report, "2022年度", "2022年度（已修订）");
    wait_for(&rx, "reload");
    assert!(get(addr, page).text().contains("（已修订）"), "the edit is served");

    // Broken: the overlay payload names file and line; the old page still serves.
    let edited = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, edited.replacen("executed: 6402.09", "executed: [6402.09", 1)).unwrap();
    let payload = wait_for(&rx, "errors");
    let json: serde_json::Value = serde_json::from_str(&payload).unwrap();
    let e = &json["errors"][0];
    assert_eq!(e["file"], "content/demo-qingshui-wenlv/2022.yaml");
    assert!(e["line"].as_u64().unwrap() > 1);
    assert!(!e["message"].as_str().unwrap().is_empty());
    let r = get(addr, page);
    assert_eq!(r.status, 200);
    assert!(r.text().contains("（已修订）"), "last good page still served");
    // A page opened now gets the overlay at once.
    let late = events(addr);
    assert!(wait_for(&late, "errors").contains("2022.yaml"));

    // Fixed: reload, new content.
    std::fs::write(&report, good.replacen("2022年度", "2022年度（再修订）", 1)).unwrap();
    wait_for(&rx, "reload");
    assert!(get(addr, page).text().contains("（再修订）"));

    // A stylesheet change: swap, not reload.
    let css = root.join("themes/default/static/style.css");
    let t = std::fs::read_to_string(&css).unwrap();
    std::fs::write(&css, format!("{t}\n/* live */\n")).unwrap();
    wait_for(&rx, "css");
    assert!(get(addr, "/assets/style.css").text().contains("/* live */"));

    // Ctrl-C stops cleanly.
    let mut server = server;
    let pid = server.child.id();
    Command::new("kill").args(["-INT", &pid.to_string()]).status().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "serve did not stop on SIGINT");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status}");
    assert!(TcpStream::connect(addr).is_err(), "port released");
}

/// A server on a folder with a page, a 404 page, assets and a way out through a symlink.
fn fixture_server() -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("dept/2022")).unwrap();
    std::fs::create_dir_all(site.join("assets")).unwrap();
    std::fs::create_dir_all(site.join("search")).unwrap();
    std::fs::write(site.join("index.html"), "<html><body>home</body></html>").unwrap();
    std::fs::write(site.join("404.html"), "<html><body>theme 404 page</body></html>").unwrap();
    std::fs::write(site.join("dept/2022/index.html"), "<html><body>report</body></html>").unwrap();
    for (name, body) in [
        ("assets/style.css", "body{}"),
        ("assets/site.js", "1"),
        ("assets/chart.svg", "<svg/>"),
        ("data.json", "{}"),
        ("data.csv", "a,b"),
        ("search/index.wasm", "\0asm"),
        ("search/index.pf_meta", "x"),
        ("sitemap.xml", "<urlset/>"),
    ] {
        std::fs::write(site.join(name), body).unwrap();
    }
    std::fs::write(dir.path().join("secret.txt"), "TOP SECRET").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path(), site.join("escape")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("secret-link.txt")).unwrap();
    }
    let config = ServeConfig { port: 0, ..ServeConfig::new(&site) };
    let server = Server::start(&config).unwrap();
    (dir, server)
}

#[test]
fn only_files_under_the_folder_are_served() {
    let (_dir, server) = fixture_server();
    let addr = server.addr();
    let cases: &[(&str, &[u16])] = &[
        ("/../secret.txt", &[400]),
        ("/dept/../../secret.txt", &[400]),
        ("/%2e%2e/secret.txt", &[400]),
        ("/%2E%2E/secret.txt", &[400]),
        ("/.%2e/secret.txt", &[400]),
        ("/..%2fsecret.txt", &[400]),
        ("/dept%2F2022/index.html", &[400]),
        ("/..%5csecret.txt", &[400]),
        ("/..\\secret.txt", &[400]),
        ("/dept\\..\\..\\secret.txt", &[400]),
        ("//etc/passwd", &[400]),
        ("http://example.com/../secret.txt", &[400]),
        ("/etc/passwd", &[404]),
        ("/C:/Windows/win.ini", &[404]),
        ("/index.html%00.css", &[400]),
        ("/escape/secret.txt", &[404]),
        ("/secret-link.txt", &[404]),
        ("/escape/", &[404]),
    ];
    for (target, allowed) in cases {
        let r = get(addr, target);
        assert!(allowed.contains(&r.status), "{target}: status {} not in {allowed:?}", r.status);
        assert!(!r.text().contains("TOP SECRET"), "{target} leaked the file");
    }
    // The same rules, checked on the resolver directly.
    let site = std::fs::canonicalize(_dir.path().join("site")).unwrap();
    assert_eq!(serve::resolve(&site, "/../secret.txt"), Resolved::BadRequest);
    assert_eq!(serve::resolve(&site, "/escape/secret.txt"), Resolved::NotFound);
    assert_eq!(serve::resolve(&site, "/dept"), Resolved::Redirect("/dept/".into()));
    assert_eq!(serve::resolve(&site, "/dept/2022/?q=1"), Resolved::File(site.join("dept/2022/index.html")));
    server.stop();
}

#[test]
fn serves_types_folders_404_head_and_conditional_requests() {
    let (_dir, server) = fixture_server();
    let addr = server.addr();
    for (path, ty) in [
        ("/", "text/html"),
        ("/assets/style.css", "text/css"),
        ("/assets/site.js", "text/javascript"),
        ("/assets/chart.svg", "image/svg+xml"),
        ("/data.json", "application/json"),
        ("/data.csv", "text/csv"),
        ("/search/index.wasm", "application/wasm"),
        ("/search/index.pf_meta", "application/octet-stream"),
        ("/sitemap.xml", "application/xml"),
    ] {
        let r = get(addr, path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.header("Content-Type").unwrap().starts_with(ty), "{path}: {:?}", r.header("Content-Type"));
    }
    // Folders: redirect to the slash, then index.html (query kept).
    let r = get(addr, "/dept/2022?x=1");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("Location"), Some("/dept/2022/?x=1"));
    assert!(get(addr, "/dept/2022/").text().contains("report"));
    // The theme's 404 page, with 404.
    let r = get(addr, "/no/such/page/");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("theme 404 page"));
    // HEAD: headers, no body.
    let r = raw(addr, "HEAD", "/", "");
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    assert!(r.header("Content-Length").is_some_and(|l| l != "0"));
    // ETag and Last-Modified, then 304.
    let r = get(addr, "/assets/style.css");
    let etag = r.header("ETag").unwrap().to_string();
    let modified = r.header("Last-Modified").unwrap().to_string();
    assert!(modified.ends_with(" GMT"));
    let r = raw(addr, "GET", "/assets/style.css", &format!("If-None-Match: {etag}\r\n"));
    assert_eq!(r.status, 304);
    assert!(r.body.is_empty());
    let r = raw(addr, "GET", "/assets/style.css", &format!("If-Modified-Since: {modified}\r\n"));
    assert_eq!(r.status, 304);
    let r = raw(addr, "GET", "/assets/style.css", "If-None-Match: \"other\"\r\n");
    assert_eq!(r.status, 200);
    // Other methods.
    assert_eq!(raw(addr, "POST", "/", "Content-Length: 0\r\n").status, 405);
    server.stop();
}

#[test]
fn a_slow_client_does_not_block_the_others() {
    let (_dir, server) = fixture_server();
    let addr = server.addr();
    // Several clients that send half a request and stall, and live-reload streams that stay
    // open. They connect a few milliseconds apart: tiny_http 0.12's connection pool can leave
    // a connection queued when two arrive within the same instant while one thread is idle
    // (`TaskPool::spawn` counts a notified thread as still waiting), and a queued connection
    // waits for a thread that the stalled clients never free. That race is tiny_http's, not
    // what this test is about: that a stalled client holds no thread that others need.
    let stalled: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut s = TcpStream::connect(addr).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
            std::thread::sleep(Duration::from_millis(5));
            s
        })
        .collect();
    let _streams: Vec<_> = (0..20)
        .map(|_| {
            let stream = events(addr);
            std::thread::sleep(Duration::from_millis(5));
            stream
        })
        .collect();
    let t = Instant::now();
    for _ in 0..20 {
        assert_eq!(get(addr, "/").status, 200);
    }
    assert!(t.elapsed() < Duration::from_secs(5), "requests waited behind stalled clients: {:?}", t.elapsed());
    drop(stalled);
    server.stop();
}

#[test]
fn a_taken_port_is_explained() {
    let (_dir, server) = fixture_server();
    let taken = server.addr().port();
    let config = ServeConfig { port: taken, ..ServeConfig::new(_dir.path()) };
    let err = Server::start(&config).err().expect("the port is taken");
    assert!(err.message.en.contains(&taken.to_string()) && err.message.en.contains("in use"), "{}", err.message.en);
    assert!(err.hint.as_ref().is_some_and(|h| h.en.contains("--port")), "{err}");
    server.stop();
}

/// Reads one response from a kept-alive connection: status and body (by Content-Length).
fn read_keep_alive(r: &mut BufReader<TcpStream>) -> (u16, Vec<u8>) {
    let mut status = 0;
    let mut len = 0usize;
    loop {
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if line.starts_with("HTTP/1.1 ") {
            status = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        } else if let Some((k, v)) = line.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            len = v.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).unwrap();
    (status, body)
}

#[test]
fn many_kept_alive_connections_at_once_all_get_answers() {
    let (_dir, server) = fixture_server();
    let addr = server.addr();
    // 64 connections (as `wrk -c64`), each asking 25 times over one kept-alive connection.
    let clients: Vec<_> = (0..64)
        .map(|i| {
            std::thread::spawn(move || {
                let s = TcpStream::connect(addr).unwrap();
                s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
                let mut w = s.try_clone().unwrap();
                let mut r = BufReader::new(s);
                for n in 0..25 {
                    let path = if (i + n) % 2 == 0 { "/dept/2022/" } else { "/assets/style.css" };
                    write!(w, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
                    let (status, body) = read_keep_alive(&mut r);
                    assert_eq!(status, 200, "{path}");
                    assert!(!body.is_empty());
                }
            })
        })
        .collect();
    for c in clients {
        c.join().expect("every request answered");
    }
    server.stop();
}
