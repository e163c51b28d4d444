//! The bytes a browser receives for a first search query: serves a built site on 127.0.0.1
//! (Python's `http.server`, as docs/search.md "Measuring it" does) and runs
//! `tests/browser/search-measure.mjs` on it with the committed query set
//! (`src/search/bench-queries.json`) in Debian's headless Chromium; keeps the script's summary.

use super::child;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The repository this benchmark belongs to (its scripts and query set are read from it).
fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("bench/ is in the repository").to_path_buf()
}

/// Why the measurement cannot run here, if something it needs is missing: node, Chromium
/// (`$CHROMIUM` or /usr/bin/chromium), or the npm packages of tests/browser.
pub(crate) fn missing() -> Option<String> {
    let browser = repository().join("tests/browser");
    let chromium = std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if Command::new("node").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().map_or(true, |s| !s.success()) {
        Some("node is not installed (tests/install-deps.sh installs it)".into())
    } else if !chromium.exists() {
        Some(format!("{} is missing (tests/install-deps.sh installs Chromium)", chromium.display()))
    } else if !browser.join("node_modules/playwright-core").exists() {
        Some(format!("{} has no node_modules/playwright-core (tests/install-deps.sh runs npm ci there)", browser.display()))
    } else {
        None
    }
}

/// Measures the first query's bytes on the site in `site`; the script's `summary` object
/// (medians over the query set of bytes as files and gzipped, query times). Its per-query rows
/// go to `rows_log`.
pub(crate) fn measure(site: &Path, rows_log: &Path) -> Result<serde_json::Value, String> {
    let repo = repository();
    let port = child::free_port()?;
    let mut server = Command::new("python3")
        .args(["-m", "http.server", "--bind", "127.0.0.1", "--directory"])
        .arg(site)
        .arg(port.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start python3 -m http.server: {e}"))?;
    let started = Instant::now();
    while child::http_status(port, "/search/manifest.json") != Some(200) {
        if started.elapsed() > Duration::from_secs(30) {
            let _ = server.kill();
            let _ = server.wait();
            return Err(format!("python3 -m http.server on {} did not serve search/manifest.json", site.display()));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = Command::new("node")
        .arg(repo.join("tests/browser/search-measure.mjs"))
        .arg(format!("http://127.0.0.1:{port}/"))
        .arg(repo.join("src/search/bench-queries.json"))
        .arg(site)
        .stdin(Stdio::null())
        .output();
    let _ = server.kill();
    let _ = server.wait();
    let out = out.map_err(|e| format!("cannot run node: {e}"))?;
    if !out.status.success() {
        return Err(format!("search-measure.mjs failed ({}):\n{}", out.status, String::from_utf8_lossy(&out.stderr)));
    }
    std::fs::write(rows_log, &out.stdout).map_err(|e| format!("cannot write {}: {e}", rows_log.display()))?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).map_err(|e| format!("search-measure.mjs printed no JSON: {e}"))?;
    v.get("summary").cloned().ok_or_else(|| "search-measure.mjs printed no summary".to_string())
}
