//! jixiao (绩效): a static site generator for government budget-performance self-evaluation
//! reports (部门整体支出绩效自评报告).
//!
//! Data flows one way:
//! `content/` → [`load`] (parse, locate errors) → [`model`] (typed, validated) → [`site`]
//! (derived: departments, years, computed figures) → [`render`] (Tera) → [`output`]
//! (all-or-nothing, only what changed). [`pipeline`] runs these stages (for `jixiao build`,
//! through [`build`], and for `jixiao serve`), times each one and keeps the build cache.

pub mod allocator;
pub mod archive;
pub mod branding;
pub mod data;
pub mod dates;
pub mod charts;
pub mod check;
pub mod codes;
pub mod diagnostics;
pub mod digest;
pub mod feed;
pub mod import;
pub mod judge;
pub mod load;
pub mod messages;
pub mod mime;
pub mod model;
pub mod notices;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod schema;
pub mod search;
pub mod sentence;
#[cfg(feature = "serve")]
pub mod serve;
pub mod site;
pub mod strings;
#[cfg(feature = "serve")]
pub mod watch;
pub mod xml;

use diagnostics::Diagnostics;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What `jixiao build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Site root: holds `content/` and `themes/`.
    pub root: PathBuf,
    /// Output folder; `ROOT/public` by default.
    pub output: PathBuf,
    /// Build draft reports and pages too (with a draft banner).
    pub drafts: bool,
    /// The site's address for this build instead of site.yaml's `base_url` (`jixiao build
    /// --base-url`, a staging server): every absolute URL (canonical, sitemap, feed, open data)
    /// names it.
    pub base_url: Option<String>,
    /// Build into a non-empty folder that jixiao did not create.
    pub force: bool,
    /// Publish by moving the changed files into the output folder one by one under a journal,
    /// instead of swapping in a complete new folder (see [`output::publish`]): for an output
    /// folder whose identity must not change (a mount point is detected; a folder a deploy tool
    /// watches by inode is not).
    pub in_place: bool,
    /// Build the snapshot of this year (see [`archive`]): absolute URLs name
    /// `base_url` + `archive/<year>/`, every page carries a banner linking to the live site, and
    /// no snapshot or archive index is included. `None` (the live site) copies every snapshot
    /// of `ROOT/archive/` into `archive/<year>/` and adds the `archive/` index.
    pub snapshot: Option<u16>,
    /// Gather the render time of each page kind into [`BuildSummary::render_times`]
    /// (`jixiao build --timings`); otherwise a page costs one check.
    pub timings: bool,
    /// Build the comparisons across years, the indicator pages and the charts (see
    /// [`site::Site::comparisons`]). Always on for a site to publish: `false` exists for the
    /// benchmark (`jixiao-bench build --no-compare`), to measure what they cost.
    pub comparisons: bool,
    /// The folder of the persistent build cache (`ROOT/.jixiao/` for `jixiao build`; see
    /// [`pipeline::cache`]): when set, the build starts from the cache when it is valid, redoes
    /// only what changed since, and saves the cache. `None` (the default for a library caller)
    /// builds everything and keeps no cache.
    pub cache: Option<PathBuf>,
    /// Do not read the cache (`jixiao build --no-cache`): build everything, then write a fresh
    /// one.
    pub no_cache: bool,
}

impl BuildOptions {
    /// Options for `root` with the default output folder `ROOT/public`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildOptions { output: root.join("public"), root, drafts: false, base_url: None, force: false, in_place: false, snapshot: None, timings: false, comparisons: true, cache: None, no_cache: false }
    }
}

/// The time one named stage of the build took.
#[derive(Debug, Clone)]
pub struct StageTime {
    /// Stage name: load, site, render, output.
    pub stage: &'static str,
    /// Wall-clock time.
    pub elapsed: Duration,
    /// CPU time (user + system, all threads) the process spent in the stage: on a shared
    /// machine a steadier measure of the stage's work than the wall-clock time.
    pub cpu: Duration,
    /// Resident memory of the process when the stage ended, in kB (Linux; 0 elsewhere): says
    /// which stage holds the memory.
    pub rss_kb: u64,
}

/// Where a stage started: the wall clock and the process's CPU time so far.
#[derive(Clone, Copy)]
pub(crate) struct Mark {
    pub(crate) wall: Instant,
    pub(crate) cpu: Duration,
}

impl Mark {
    pub(crate) fn now() -> Mark {
        Mark { wall: Instant::now(), cpu: process_cpu_time() }
    }
}

/// User + system CPU time of the whole process so far (Linux: from `/proc/self/stat`, in
/// clock ticks of 10 ms); zero where that is not available.
pub fn process_cpu_time() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return Duration::ZERO };
    // Fields after the command name (which is in parentheses and may hold spaces): state is
    // field 3, utime field 14, stime field 15.
    let Some((_, rest)) = stat.rsplit_once(')') else { return Duration::ZERO };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

/// A `kB` line of `/proc/self/status` (`VmRSS:` resident now, `VmHWM:` peak), 0 when absent
/// (not Linux).
pub fn memory_kb(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find_map(|l| l.strip_prefix(key)).and_then(|v| v.split_whitespace().next()?.parse().ok()).unwrap_or(0)
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// Reports published (drafts included only with `--drafts`).
    pub reports: usize,
    /// HTML pages among the files.
    pub pages: usize,
    /// Files the site consists of.
    pub files: usize,
    /// Files written because their bytes changed.
    pub written: usize,
    /// Files an earlier build wrote that this one no longer produces, removed.
    pub removed: usize,
    /// Warnings found along the way.
    pub warnings: Diagnostics,
    /// Time per stage, in order.
    pub stages: Vec<StageTime>,
    /// What the search index stage wrote, and where its time went.
    pub search: search::SearchStats,
    /// Render time by page kind, when [`BuildOptions::timings`] asked for it (empty otherwise).
    pub render_times: Vec<render::KindTimes>,
    /// Consistency findings (`jixiao check`'s rules), printed without failing the build
    /// unless site.yaml says `check: {deny: errors}`.
    pub check: check::CheckReport,
    /// A note about the build cache to print (it was ignored, or could not be written).
    pub cache_note: Option<messages::Text>,
}

/// Builds the site: load, derive, render, then write only if everything rendered; with
/// [`BuildOptions::cache`], only what changed since the last build (see [`pipeline`]).
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Diagnostics> {
    pipeline::build(options)
}
