//! Build progress, for a progress bar on a terminal.
//!
//! The build reports what it is doing through a few process-wide counters (the current stage,
//! pages to render, pages rendered); `jixiao build` draws them with indicatif when stderr is a
//! terminal and stays silent otherwise (CI, pipes). Updating a counter is one atomic operation,
//! so a build without a bar pays nothing measurable. Concurrent builds in one process (tests)
//! share the counters: they only ever feed a display, never a result.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

static STAGE: Mutex<&'static str> = Mutex::new("");
static TOTAL: AtomicUsize = AtomicUsize::new(0);
static DONE: AtomicUsize = AtomicUsize::new(0);

/// A stage begins: `load`, `data`, `render`, `output` …
pub fn stage(name: &'static str) {
    if let Ok(mut s) = STAGE.lock() {
        *s = name;
    }
}

/// `total` pages are about to be rendered.
pub fn pages(total: usize) {
    DONE.store(0, Ordering::Relaxed);
    TOTAL.store(total, Ordering::Relaxed);
}

/// One page was rendered.
pub fn page_done() {
    DONE.fetch_add(1, Ordering::Relaxed);
}

/// The current stage, pages rendered and pages to render.
pub fn snapshot() -> (&'static str, usize, usize) {
    let stage = STAGE.lock().map(|s| *s).unwrap_or("");
    (stage, DONE.load(Ordering::Relaxed), TOTAL.load(Ordering::Relaxed))
}
