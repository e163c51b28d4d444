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
use common::{copy_dir, tree, require_browser};

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
    // The budget's parts removed: the report's composition chart goes from its page.
    let page = out.join("demo-qingshui-wenlv/2022/index.html");
    let has_chart = || std::fs::read_to_string(&page).unwrap().contains("jx-chart-composition");
    assert!(has_chart(), "the report has a composition chart");
    let text = std::fs::read_to_string(dept.join("2022.yaml")).unwrap();
    let (start, end) = (text.find("  by_source_of:").unwrap(), text.find("  carry_over:").unwrap());
    std::fs::write(dept.join("2022.yaml"), format!("{}{}", &text[..start], &text[end..])).unwrap();
    step("budget parts removed", vec![dept.join("2022.yaml")], true);
    assert!(!has_chart(), "the composition chart is gone");
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
    // CSS: every page again, since each names style.css by the hash of its bytes
    // (docs/themes.md); the open pages still only swap their stylesheets.
    let css = root.join("themes/default/static/style.css");
    let t = std::fs::read_to_string(&css).unwrap();
    std::fs::write(&css, format!("{t}\n/* edited */\n")).unwrap();
    let o = step("edit CSS", vec![css], false);
    assert!(o.rendered >= total, "a CSS change renders every page: {} of {total}", o.rendered);
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

/// Sends a raw request line (the path exactly as given) and reads the reply; the request
/// says `Host: localhost:PORT` unless `extra` names a host.
fn raw(addr: SocketAddr, method: &str, target: &str, extra: &str) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let host = if extra.to_ascii_lowercase().contains("host:") { String::new() } else { format!("Host: localhost:{}\r\n", addr.port()) };
    write!(s, "{method} {target} HTTP/1.1\r\n{host}Connection: close\r\n{extra}\r\n").unwrap();
    read_reply(s)
}

/// Reads a whole reply (until the server closes the connection).
fn read_reply(mut s: TcpStream) -> Reply {
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
    write!(s, "GET {} HTTP/1.1\r\nHost: localhost:{}\r\nAccept: text/event-stream\r\n\r\n", serve::EVENTS_PATH, addr.port()).unwrap();
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
    fixture_server_with(serve::Limits::default())
}

/// [`fixture_server`] with other limits.
fn fixture_server_with(limits: serve::Limits) -> (tempfile::TempDir, Server) {
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
    let config = ServeConfig { port: 0, limits, ..ServeConfig::new(&site) };
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
    // open, all connecting at once: each new connection gets a thread of its own (tiny_http
    // 0.12 as published could leave one queued behind a busy thread when two arrived within
    // the same instant; vendor/tiny_http fixes that, and this asks no delay between them).
    let stalled: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut s = TcpStream::connect(addr).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
            s
        })
        .collect();
    let _streams: Vec<_> = (0..20).map(|_| events(addr)).collect();
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
                    write!(w, "GET {path} HTTP/1.1\r\nHost: localhost:{}\r\n\r\n", addr.port()).unwrap();
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

// ---- limits ---------------------------------------------------------------------------------

/// Short timeouts, for tests that wait for them.
fn short_limits() -> serve::Limits {
    serve::Limits { idle_timeout: Duration::from_millis(400), head_timeout: Duration::from_millis(800), ..serve::Limits::default() }
}

/// Reads until the server closes the connection; how long that took, and what came.
fn until_closed(mut s: TcpStream, patience: Duration) -> (Duration, Vec<u8>) {
    s.set_read_timeout(Some(patience)).unwrap();
    let t = Instant::now();
    let mut bytes = Vec::new();
    let mut buf = [0; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return (t.elapsed(), bytes),
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return (t.elapsed(), bytes),
            Err(e) => panic!("not closed within {patience:?} ({e}); got {:?}", String::from_utf8_lossy(&bytes)),
        }
    }
}

#[test]
fn an_oversized_request_head_gets_431() {
    let (_dir, server) = fixture_server();
    let addr = server.addr();
    // One header of 20 KB, and many small ones adding up to more than 16 KB.
    let big = format!("X-Big: {}\r\n", "a".repeat(20 * 1024));
    let many: String = (0..1000).map(|i| format!("X-H{i}: 0123456789\r\n")).collect();
    for extra in [big, many] {
        let r = raw(addr, "GET", "/", &extra);
        assert_eq!(r.status, 431);
        assert_eq!(r.header("Connection"), Some("close"));
    }
    // A long request line counts too.
    let r = raw(addr, "GET", &format!("/{}", "a".repeat(17 * 1024)), "");
    assert_eq!(r.status, 431);
    // Just under the limit is fine.
    let r = raw(addr, "GET", "/", &format!("X-Big: {}\r\n", "a".repeat(15 * 1024)));
    assert_eq!(r.status, 200);
    // A head that never ends is not read whole: the server stops at the limit and closes.
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET / HTTP/1.1\r\nHost: localhost:{}\r\nX-Endless: ", addr.port()).unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    let t = Instant::now();
    let mut sent = 0usize;
    while s.write_all(&chunk).is_ok() {
        sent += chunk.len();
        assert!(sent < 256 << 20 && t.elapsed() < Duration::from_secs(20), "the server kept reading an endless head");
    }
    assert!(sent < 64 << 20, "{sent} bytes accepted before the connection was closed");
    server.stop();
}

#[test]
fn idle_and_slow_connections_are_closed() {
    let (_dir, server) = fixture_server_with(short_limits());
    let addr = server.addr();
    // Idle: nothing sent; closed quietly after the idle timeout.
    let (took, bytes) = until_closed(TcpStream::connect(addr).unwrap(), Duration::from_secs(5));
    assert!(bytes.is_empty(), "an idle connection is closed without an answer");
    assert!(took >= Duration::from_millis(300) && took < Duration::from_secs(3), "closed after {took:?}");
    // Idle after an answered request on a kept-alive connection.
    let s = TcpStream::connect(addr).unwrap();
    write!(&s, "GET / HTTP/1.1\r\nHost: localhost:{}\r\n\r\n", addr.port()).unwrap();
    let mut r = BufReader::new(s.try_clone().unwrap());
    assert_eq!(read_keep_alive(&mut r).0, 200);
    let (took, _) = until_closed(s, Duration::from_secs(5));
    assert!(took < Duration::from_secs(3), "closed after {took:?}");
    // Slowloris: a byte every 100 ms never lets a read time out, but the head must be done
    // within 800 ms of its first byte: 408, closed.
    let mut s = TcpStream::connect(addr).unwrap();
    let head = format!("GET / HTTP/1.1\r\nHost: localhost:{}\r\nX-Slow: {}\r\n\r\n", addr.port(), "a".repeat(100));
    let t = Instant::now();
    for b in head.as_bytes() {
        if s.write_all(&[*b]).is_err() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        if t.elapsed() > Duration::from_secs(5) {
            break;
        }
    }
    assert!(t.elapsed() < Duration::from_secs(3), "the slow client was served for {:?}", t.elapsed());
    let (_, bytes) = until_closed(s, Duration::from_secs(5));
    assert!(String::from_utf8_lossy(&bytes).starts_with("HTTP/1.1 408"), "{:?}", String::from_utf8_lossy(&bytes));
    // Pages are still served.
    assert_eq!(get(addr, "/").status, 200);
    server.stop();
}

#[test]
fn a_client_that_stops_reading_is_cut_off() {
    let limits = serve::Limits { write_timeout: Duration::from_millis(500), ..short_limits() };
    let (dir, server) = fixture_server_with(limits);
    let addr = server.addr();
    // Bigger than what the sockets' buffers hold, so writing it waits for the client.
    let size = 64 << 20;
    std::fs::write(dir.path().join("site/big.bin"), vec![7u8; size]).unwrap();
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(&s, "GET /big.bin HTTP/1.1\r\nHost: localhost:{}\r\n\r\n", addr.port()).unwrap();
    // Reads nothing for a while: the server gives up on the answer and closes.
    std::thread::sleep(Duration::from_secs(2));
    let t = Instant::now();
    assert_eq!(get(addr, "/").status, 200, "others are served meanwhile");
    assert!(t.elapsed() < Duration::from_secs(2));
    let (_, bytes) = until_closed(s, Duration::from_secs(10));
    assert!(bytes.len() < size, "the whole answer was written ({} bytes)", bytes.len());
    // A client that reads, but slowly (64 KB every 50 ms: each write goes through quickly,
    // the whole answer would take 50 s): cut off too, the answer as a whole has a deadline.
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(&s, "GET /big.bin HTTP/1.1\r\nHost: localhost:{}\r\n\r\n", addr.port()).unwrap();
    let t = Instant::now();
    let mut got = 0;
    let mut buf = vec![0; 64 * 1024];
    let closed = loop {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break true,
            Ok(n) => got += n,
        }
        // What the server wrote before it cut the connection stays readable in the sockets'
        // buffers (several MB on loopback), which this slow reader drains at its pace: on a
        // loaded machine that takes seconds. The whole answer would take 50 s.
        if t.elapsed() > Duration::from_secs(25) {
            break false;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    println!("slow reader cut off after {:?}, {got} bytes", t.elapsed());
    assert!(closed && got < size, "a slow reader was served for {:?} ({got} bytes)", t.elapsed());
    server.stop();
}

#[test]
fn connections_over_the_limit_get_503_with_retry_after() {
    let limits = serve::Limits { max_connections: 4, ..serve::Limits::default() };
    let (_dir, server) = fixture_server_with(limits);
    let addr = server.addr();
    // Four connections that hold their place (half a request each).
    let held: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut s = TcpStream::connect(addr).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\n").unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let r = get(addr, "/");
    assert_eq!(r.status, 503);
    assert_eq!(r.header("Retry-After"), Some("2"));
    drop(held);
    // Places free again once they close.
    let deadline = Instant::now() + Duration::from_secs(5);
    while get(addr, "/").status != 200 {
        assert!(Instant::now() < deadline, "still refused after the held connections closed");
        std::thread::sleep(Duration::from_millis(50));
    }
    server.stop();
}

#[test]
fn two_hundred_event_streams_are_served_or_refused_and_pages_still_answer() {
    let (_dir, server) = fixture_server();
    let addr = server.addr();
    let limit = serve::Limits::default().max_event_streams;
    // 200 streams asked at once; each reads its answer's status line.
    let streams: Vec<_> = (0..200)
        .map(|_| {
            std::thread::spawn(move || {
                let s = TcpStream::connect(addr).unwrap();
                s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                write!(&s, "GET {} HTTP/1.1\r\nHost: localhost:{}\r\nAccept: text/event-stream\r\n\r\n", serve::EVENTS_PATH, addr.port()).unwrap();
                let mut r = BufReader::new(s.try_clone().unwrap());
                let mut head = Vec::new();
                loop {
                    let mut line = String::new();
                    match r.read_line(&mut line) {
                        // Closed without a word: the server's answer to a connection over its
                        // connection limit when it is already refusing 64 others at once
                        // (vendor/tiny_http/PATCHES.md). A stall would be a timeout instead.
                        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return None,
                        Ok(0) if head.is_empty() => return None,
                        r => r.expect("an answer, not a stall"),
                    };
                    if line.trim_end().is_empty() {
                        break;
                    }
                    head.push(line.trim_end().to_string());
                }
                Some((head, s))
            })
        })
        .collect();
    let mut open = Vec::new();
    let mut refused = 0;
    let mut closed = 0;
    for t in streams {
        let Some((head, s)) = t.join().unwrap() else {
            closed += 1;
            continue;
        };
        let status = head[0].split_whitespace().nth(1).unwrap().to_string();
        match status.as_str() {
            "200" => {
                assert!(head.iter().any(|h| h.eq_ignore_ascii_case("Content-Type: text/event-stream")), "{head:?}");
                open.push(s);
            }
            "503" => {
                assert!(head.iter().any(|h| h.to_ascii_lowercase().starts_with("retry-after:")), "{head:?}");
                refused += 1;
            }
            other => panic!("status {other}: {head:?}"),
        }
    }
    assert_eq!(open.len() + refused + closed, 200);
    // Only connections over the connection limit may go unanswered.
    let max_connections = serve::Limits::default().max_connections;
    assert!(closed <= 200 - max_connections, "{closed} connections closed without an answer (limit {max_connections})");
    assert!(open.len() <= limit && open.len() >= limit / 2, "{} streams served (limit {limit})", open.len());
    // With the streams open, pages are answered at once.
    let t = Instant::now();
    for _ in 0..20 {
        assert_eq!(get(addr, "/").status, 200);
    }
    assert!(t.elapsed() < Duration::from_secs(5), "pages waited behind the streams: {:?}", t.elapsed());
    // Closed streams free their places.
    drop(open);
    server.notify(&serve::LiveEvent::Reload); // a write finds each closed stream gone
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        write!(&s, "GET {} HTTP/1.1\r\nHost: localhost:{}\r\n\r\n", serve::EVENTS_PATH, addr.port()).unwrap();
        let mut line = String::new();
        BufReader::new(s).read_line(&mut line).unwrap();
        if line.starts_with("HTTP/1.1 200") {
            break;
        }
        assert!(Instant::now() < deadline, "no stream place freed: {line}");
        server.notify(&serve::LiveEvent::Reload);
        std::thread::sleep(Duration::from_millis(100));
    }
    server.stop();
}

#[test]
fn foreign_hosts_origins_and_methods_are_refused() {
    let (_dir, server) = fixture_server();
    let addr = server.addr();
    let port = addr.port();
    // DNS rebinding: a page of evil.example whose name now points here.
    for host in [format!("evil.example:{port}"), "evil.example".to_string(), format!("localhost:{}", port.wrapping_add(1)), format!("localhost.evil.example:{port}")] {
        let r = raw(addr, "GET", "/", &format!("Host: {host}\r\n"));
        assert_eq!(r.status, 421, "Host: {host}");
        assert!(!r.text().contains("home"), "Host: {host} was served the page");
    }
    assert_eq!(raw(addr, "GET", "/", "Host: \r\n").status, 421);
    // This machine's names are served.
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}"), format!("[::1]:{port}")] {
        assert_eq!(raw(addr, "GET", "/", &format!("Host: {host}\r\n")).status, 200, "Host: {host}");
    }
    // The event stream: a page of another site gets 403; this server's pages get the stream.
    let r = raw(addr, "GET", serve::EVENTS_PATH, "Origin: http://evil.example\r\n");
    assert_eq!(r.status, 403);
    let r = raw(addr, "GET", serve::EVENTS_PATH, "Origin: null\r\n");
    assert_eq!(r.status, 403);
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(s, "GET {} HTTP/1.1\r\nHost: localhost:{port}\r\nOrigin: http://localhost:{port}\r\n\r\n", serve::EVENTS_PATH).unwrap();
    let mut line = String::new();
    BufReader::new(s).read_line(&mut line).unwrap();
    assert!(line.starts_with("HTTP/1.1 200"), "{line}");
    // Methods other than GET and HEAD.
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH", "BREW"] {
        let r = raw(addr, method, "/", "Content-Length: 0\r\n");
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("Allow"), Some("GET, HEAD"), "{method}");
    }
    server.stop();
}


#[test]
fn a_refused_live_reload_stream_is_asked_again_in_chromium() {
    require_browser();
    let limits = serve::Limits { max_event_streams: 1, ..serve::Limits::default() };
    let (_dir, server) = fixture_server_with(limits);
    let addr = server.addr();
    // The one place is taken.
    let held = TcpStream::connect(addr).unwrap();
    held.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(&held, "GET {} HTTP/1.1\r\nHost: localhost:{}\r\n\r\n", serve::EVENTS_PATH, addr.port()).unwrap();
    let mut line = String::new();
    BufReader::new(held.try_clone().unwrap()).read_line(&mut line).unwrap();
    assert!(line.starts_with("HTTP/1.1 200"), "{line}");
    let mut child = Command::new("node")
        .arg(Path::new(REPO).join("tests/browser/live-retry.mjs"))
        .arg(format!("http://{addr}/"))
        .arg("30000")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines().map_while(Result::ok);
    // Two refusals: the page asked again after the first. Then the place is given back, and
    // the closed stream written to until the server notices it is gone.
    let mut refusals = 0;
    while refusals < 2 {
        let Some(line) = lines.next() else { break };
        let attempt: serde_json::Value = serde_json::from_str(&line).expect("JSON");
        assert_eq!(attempt["status"], 503, "refused while the place is taken: {line}");
        refusals += 1;
    }
    drop(held);
    for _ in 0..10 {
        server.notify(&serve::LiveEvent::Css);
        std::thread::sleep(Duration::from_millis(100));
    }
    let last = lines.last().unwrap_or_default();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "live-retry.mjs failed: {}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_str(&last).expect("JSON");
    println!("{json}");
    let statuses: Vec<u64> = json["statuses"].as_array().unwrap().iter().map(|s| s.as_u64().unwrap()).collect();
    assert_eq!(statuses.first(), Some(&503), "the page was refused first: {json}");
    assert!(statuses.iter().filter(|s| **s == 503).count() >= 2, "the page asked again after a refusal: {json}");
    assert_eq!(json["connected"], true, "the page connected once a place was free: {json}");
    server.stop();
}

#[test]
fn two_hundred_page_loads_in_chromium_get_every_sub_resource() {
    require_browser();
    let site = example_site();
    let out = site.path().join("preview-out");
    let server = start(site.path(), &out);
    let base = format!("http://{}", server.addr);
    let pages = ["/", "/demo-qingshui-wenlv/2022/", "/huangpu-zhengfawei/", "/years/2022/", "/search/", "/huangpu-zhengfawei/2022/"];
    let output = Command::new("node")
        .arg(Path::new(REPO).join("tests/browser/page-loads.mjs"))
        .arg(&base)
        .arg("200")
        .args(pages)
        .output()
        .expect("node runs");
    assert!(output.status.success(), "page-loads.mjs failed: {}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    println!("{json}");
    assert_eq!(json["loads"], 200);
    let requests = json["requests"].as_u64().unwrap();
    assert!(requests >= 200 * 3, "pages with their stylesheets and scripts: {requests} requests");
    assert_eq!(json["responses"].as_u64().unwrap(), requests, "every request answered: {json}");
    assert_eq!(json["failed"], 0, "{json}");
    // Chromium cancels its own favicon fetch now and then when the next page starts; the
    // favicon is still served (most loads get it), or this would be every load.
    assert!(json["faviconAborted"].as_u64().unwrap_or(0) <= 20, "the favicon is served: {json}");
    assert!(json["stalled"].as_array().unwrap().is_empty(), "stalled loads: {json}");
}
