//! `jixiao serve` starts warm and stops at once (issue 29, item 3), tried on the real binary:
//! the preview folder persists in `ROOT/.jixiao/serve/<key>/`; a second start serves it before
//! any rebuild renders (the `X-Jixiao-Rendered` count of the first response is 0), then catches
//! up with what was edited while it was stopped; Ctrl-C ends the process within a second, idle
//! or in the middle of a rebuild, leaving a complete site and nothing in `$TMPDIR`; a second
//! preview of the same folder is refused with the first one's process id; after an edit the
//! search page finds the new word (Chromium).
#![cfg(all(unix, feature = "serve"))]

mod common;

use common::{require_browser, tree};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_jixiao");
const REPO: &str = env!("CARGO_MANIFEST_DIR");
const PAGE: &str = "/demo-qingshui-wenlv/2022/";
const REPORT: &str = "content/demo-qingshui-wenlv/2022.yaml";

/// Adds `mark` to the title of every report of the site.
fn revise_every_report(root: &Path, mark: &str) {
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy();
        if name.ends_with(".yaml") && name.starts_with("20") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let revised: String = text.lines().map(|l| if l.starts_with("title: ") { format!("{l}{mark}\n") } else { format!("{l}\n") }).collect();
            std::fs::write(entry.path(), revised).unwrap();
        }
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} does not contain {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}


/// What a clean `jixiao build` of `root` writes.
fn built(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let o = Command::new(BIN).args(["--lang", "en", "build", "-q", "-r"]).arg(root).arg("-o").arg(&site).output().unwrap();
    assert!(o.status.success(), "build failed: {}", String::from_utf8_lossy(&o.stderr));
    tree(&site)
}

/// The default preview folder of `root`.
fn preview_site(root: &Path) -> PathBuf {
    root.join(".jixiao/serve/default/site")
}

/// A running `jixiao serve`, its address and its stderr lines as they come.
struct Serving {
    child: Child,
    addr: SocketAddr,
    lines: Receiver<String>,
    /// Every line read so far.
    seen: Vec<String>,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serving {
    /// Starts `jixiao serve --port 0` on `root` with `$TMPDIR` set to `tmp`; returns once it
    /// prints its address.
    fn start(root: &Path, tmp: &Path, extra: &[&str]) -> Serving {
        let mut child = Command::new(BIN)
            .args(["--lang", "en", "serve", "--port", "0", "--root"])
            .arg(root)
            .args(extra)
            .env("TMPDIR", tmp)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = common::stderr_lines(&mut child);
        let mut s = Serving { child, addr: "127.0.0.1:1".parse().unwrap(), lines, seen: Vec::new() };
        let line = s.wait_line(" at http://", Duration::from_secs(300));
        let host = line.split(" at http://").nth(1).unwrap().split('/').next().unwrap();
        s.addr = host.parse().unwrap();
        s
    }

    /// Waits for a line containing `text` (among those not yet waited for), returns it.
    fn wait_line(&mut self, text: &str, patience: Duration) -> String {
        let deadline = Instant::now() + patience;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(text) {
                        return line;
                    }
                }
                Err(_) => panic!("no line with {text:?} within {patience:?}; lines: {:#?}", self.seen),
            }
        }
    }

    /// The lines printed so far (without waiting).
    fn drain(&mut self) -> &[String] {
        while let Ok(line) = self.lines.try_recv() {
            self.seen.push(line);
        }
        &self.seen
    }

    /// Sends SIGINT (Ctrl-C), waits for the process to end; its status and how long it took.
    fn interrupt(&mut self) -> (ExitStatus, Duration) {
        let t = Instant::now();
        let ok = Command::new("kill").args(["-INT", &self.child.id().to_string()]).status().unwrap();
        assert!(ok.success());
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (status, t.elapsed());
            }
            assert!(t.elapsed() < Duration::from_secs(30), "serve did not stop on SIGINT");
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// One GET: status, headers (lowercase names), body.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == &name.to_ascii_lowercase()).map(|(_, v)| v.as_str())
    }

    /// The pages the preview's rebuilds had rendered when this was served.
    fn rendered(&self) -> usize {
        self.header("x-jixiao-rendered").expect("X-Jixiao-Rendered on every file response").parse().unwrap()
    }
}

fn get(addr: SocketAddr, target: &str) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let headers = lines.filter_map(|l| l.split_once(':')).map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string())).collect();
    Reply { status, headers, body: body.to_string() }
}

/// Nothing is left in the serve's `$TMPDIR`.
fn assert_empty(tmp: &Path) {
    let left: Vec<_> = std::fs::read_dir(tmp).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "left in $TMPDIR: {left:?}");
}

#[test]
fn a_warm_start_serves_before_it_renders_then_catches_up() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    common::example_site_with_copies(&root, 0);
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();

    // Cold: nothing there yet, so the site is built before it is served.
    let mut cold = Serving::start(&root, &tmp, &[]);
    assert!(cold.seen.iter().any(|l| l.contains("no preview in")), "{:#?}", cold.seen);
    let first = get(cold.addr, PAGE);
    assert_eq!(first.status, 200);
    assert!(first.rendered() > 0, "a cold start renders before it serves");
    let (status, took) = cold.interrupt();
    assert!(status.success(), "Ctrl-C ends serve with 0: {status}");
    assert!(took < Duration::from_secs(1), "stopped in {took:?}");
    assert_empty(&tmp);
    assert_eq!(tree(&preview_site(&root)), built(&root), "the preview folder persists, as a build writes it");

    // Edited while no preview runs.
    edit(&root.join(REPORT), "主要职责是：", "主要职责是：（停机时修订）");

    // Warm: the folder as it was is served before any rebuild renders.
    let mut warm = Serving::start(&root, &tmp, &[]);
    let first = get(warm.addr, PAGE);
    assert_eq!(first.status, 200);
    assert_eq!(first.rendered(), 0, "served before any rebuild rendered");
    assert!(!first.body.contains("停机时修订"), "the folder as it was");
    let serving_at = warm.seen.iter().position(|l| l.contains(" at http://")).unwrap();
    let caught_up = warm.wait_line("caught up:", Duration::from_secs(120));
    let caught_up_at = warm.seen.len() - 1;
    assert!(serving_at < caught_up_at, "served before the catch-up finished: {:#?}", warm.seen);
    let rendered: usize = caught_up.split("caught up: ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!(rendered > 0, "{caught_up}");
    let after = get(warm.addr, PAGE);
    assert!(after.body.contains("停机时修订"), "the edit made while stopped shows after the catch-up");
    // The count is the server's, told by the builder just after it prints its line.
    let deadline = Instant::now() + Duration::from_secs(10);
    while get(warm.addr, PAGE).rendered() != rendered && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(get(warm.addr, PAGE).rendered(), rendered, "the count is the catch-up's");
    assert_eq!(tree(&preview_site(&root)), built(&root), "caught up: what a build writes");

    // A second preview of the same folder is refused, naming the first.
    let o = Command::new(BIN).args(["--lang", "en", "serve", "--port", "0", "-r"]).arg(&root).env("TMPDIR", &tmp).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let pid = warm.child.id().to_string();
    assert!(err.contains("E0405") && err.contains(&format!("process {pid}")) && err.contains(&format!("http://{}/", warm.addr)), "{err}");
    assert!(err.contains("-o DIR --port 0"), "with the way to run a second one: {err}");
    let o = Command::new(BIN).args(["--lang", "zh-CN", "serve", "--port", "0", "-r"]).arg(&root).env("TMPDIR", &tmp).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.code() == Some(1) && err.contains(&format!("进程 {pid}")) && err.contains("正在使用此预览文件夹"), "{err}");
    // Other options have a folder of their own, and may run beside it.
    let mut drafts = Serving::start(&root, &tmp, &["--drafts"]);
    assert!(root.join(".jixiao/serve/drafts/site/.jixiao-manifest").is_file());
    assert!(drafts.interrupt().0.success());

    let (status, took) = warm.interrupt();
    assert!(status.success(), "{status}");
    assert!(took < Duration::from_secs(1), "stopped in {took:?}");
    assert_empty(&tmp);
}

#[test]
fn ctrl_c_stops_at_once_even_during_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    // Large enough that the catch-up below (every report changed) takes seconds.
    // 12 copies of the demo department: a rebuild long enough to be interrupted.
    common::example_site_with_copies(&root, 12);
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let old = built(&root);

    let mut cold = Serving::start(&root, &tmp, &[]);
    // Idle: stops at once.
    let (status, took) = cold.interrupt();
    assert!(status.success(), "{status}");
    assert!(took < Duration::from_secs(1), "idle serve stopped in {took:?}");
    assert_eq!(tree(&preview_site(&root)), old);

    revise_every_report(&root, "（修订）");
    let new = built(&root);
    assert_ne!(old, new);

    // In the middle of the catch-up.
    let mut warm = Serving::start(&root, &tmp, &[]);
    warm.wait_line("catching up", Duration::from_secs(10));
    std::thread::sleep(Duration::from_millis(300));
    let (status, took) = warm.interrupt();
    assert!(status.success(), "{status}");
    assert!(took < Duration::from_secs(1), "serve stopped during a rebuild in {took:?}");
    let lines = warm.drain().to_vec();
    assert!(!lines.iter().any(|l| l.contains("caught up")), "the rebuild was still running when interrupted: {lines:#?}");
    let after = tree(&preview_site(&root));
    assert!(after == old || after == new, "the folder is a complete site, the old or the new one");
    assert_empty(&tmp);

    // The next start serves that folder and finishes the work; nothing is left beside it.
    let mut again = Serving::start(&root, &tmp, &[]);
    assert_eq!(get(again.addr, PAGE).status, 200);
    again.wait_line("caught up", Duration::from_secs(300));
    assert_eq!(tree(&preview_site(&root)), new);
    let beside: Vec<String> = std::fs::read_dir(root.join(".jixiao/serve/default"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "site" && n != "state" && n != "serve.lock")
        .collect();
    assert!(beside.is_empty(), "left beside the preview site: {beside:?}");
    assert!(again.interrupt().0.success());
    assert_empty(&tmp);
}


/// Types `word` into the search page until a result shows or `wait` passes.
fn search_in_chromium(addr: SocketAddr, word: &str, wait: Duration) -> serde_json::Value {
    let output = Command::new("node")
        .arg(Path::new(REPO).join("tests/browser/serve-search.mjs"))
        .arg(format!("http://{addr}/"))
        .arg(word)
        .arg(wait.as_millis().to_string())
        .output()
        .expect("node runs");
    assert!(output.status.success(), "serve-search.mjs failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn search_results_are_current_after_an_edit_in_chromium() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    common::example_site_with_copies(&root, 0);
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let word = "翡翠蜻蜓";
    let serving = Serving::start(&root, &tmp, &[]);
    let before = search_in_chromium(serving.addr, word, Duration::ZERO);
    assert_eq!(before["found"], false, "the word is not in the site yet: {before}");
    let known = search_in_chromium(serving.addr, "非物质文化遗产", Duration::ZERO);
    assert_eq!(known["found"], true, "the search page finds what the site holds: {known}");

    edit(&root.join(REPORT), "主要职责是：", &format!("主要职责是：{word}计划；"));
    let t = Instant::now();
    let after = search_in_chromium(serving.addr, word, Duration::from_secs(60));
    println!("{after} ({:?} after the edit)", t.elapsed());
    assert_eq!(after["found"], true, "the search page finds the word the edit added: {after}");
    let hrefs: Vec<&str> = after["hrefs"].as_array().unwrap().iter().map(|h| h.as_str().unwrap()).collect();
    assert!(hrefs.iter().any(|h| h.contains(PAGE)), "the result is the edited report: {after}");
}
