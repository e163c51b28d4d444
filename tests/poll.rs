//! `jixiao serve --poll` (issue 28, item 6): the preview notices edits by looking at the files'
//! times (notify's PollWatcher), for network drives and shared folders that send no
//! notifications; and `Watcher` in poll mode reports an edit as a batch, as the native one does.
#![cfg(feature = "serve")]

use jixiao::watch::{WatchMode, Watcher};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

mod common;
use common::copy_dir;

fn minimal_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal"), dir.path());
    dir
}

/// Kills the server when the test ends, however it ends.
struct Serving(Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits up to 30 s for `path` to hold `text`.
fn wait_for_text(path: &Path, text: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if std::fs::read_to_string(path).is_ok_and(|t| t.contains(text)) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

#[test]
fn serve_poll_picks_up_an_edit() {
    let site = minimal_site();
    let root = site.path();
    let out = root.join("preview");
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["--lang", "en", "serve", "-p", "0", "--poll", "--poll-interval", "200", "-r"])
        .arg(root)
        .arg("-o")
        .arg(&out)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let serving = Serving(child);
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut said = String::new();
    let deadline = Instant::now() + Duration::from_secs(120);
    while !said.contains("(--poll)") {
        let left = deadline.checked_duration_since(Instant::now()).unwrap_or_default();
        let line = rx.recv_timeout(left).unwrap_or_else(|_| panic!("serve did not say it polls:\n{said}"));
        said.push_str(&line);
        said.push('\n');
    }
    assert!(said.contains("looking every 200 ms (--poll)"), "{said}");
    let page = out.join("civil-affairs/2022/index.html");
    assert!(std::fs::read_to_string(&page).unwrap().contains("负责民政工作。"));

    // PollWatcher compares modification times: make sure the edit's differs from the first
    // look's even on a file system with coarse times.
    std::thread::sleep(Duration::from_millis(1100));
    let report = root.join("content/civil-affairs/2022.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, text.replace("负责民政工作。", "负责民政工作（轮询）。")).unwrap();
    assert!(wait_for_text(&page, "负责民政工作（轮询）。"), "the edit reached the preview:\n{said}");
    drop(serving);
}

#[test]
fn a_polling_watcher_batches_an_edit() {
    let site = minimal_site();
    let root = site.path();
    let out: PathBuf = root.join("out");
    let mut watcher = Watcher::with_mode(root, &out, WatchMode::Poll(Duration::from_millis(50))).unwrap();
    assert_eq!(watcher.next_batch(Duration::from_millis(300), Duration::from_millis(20)), None, "nothing changed yet");
    std::thread::sleep(Duration::from_millis(1100));
    let about = root.join("content/pages/about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(&about, format!("{text}\n更多。\n")).unwrap();
    let batch = watcher.next_batch(Duration::from_secs(10), Duration::from_millis(200)).expect("the edit is seen");
    assert_eq!(batch, vec![watcher.root().join("content/pages/about.md")]);
}
