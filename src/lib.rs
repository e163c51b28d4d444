//! jixiao (绩效): a static site generator for government budget-performance self-evaluation
//! reports (部门整体支出绩效自评报告).
//!
//! Data flows one way:
//! `content/` → [`load`] (parse, locate errors) → [`model`] (typed, validated) → [`site`]
//! (derived: departments, years, computed figures) → [`render`] (Tera) → [`output`]
//! (all-or-nothing, only what changed). [`build`] runs these stages and times each one.

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
}

impl BuildOptions {
    /// Options for `root` with the default output folder `ROOT/public`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildOptions { output: root.join("public"), root, drafts: false, base_url: None, force: false, in_place: false, snapshot: None, timings: false, comparisons: true }
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
struct Mark {
    wall: Instant,
    cpu: Duration,
}

impl Mark {
    fn now() -> Mark {
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
}

/// Builds the site: load, derive, render, then write only if everything rendered.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Diagnostics> {
    let mut stages = Vec::new();
    let mut timed = |stage: &'static str, start: Mark| {
        let cpu = process_cpu_time().saturating_sub(start.cpu);
        stages.push(StageTime { stage, elapsed: start.wall.elapsed(), cpu, rss_kb: memory_kb("VmRSS:") });
    };

    progress::stage("load");
    let t = Mark::now();
    let mut content = load::load(&options.root)?;
    if let Some(url) = &options.base_url {
        content.site.base_url = url.clone();
    }
    if let Some(year) = options.snapshot {
        // A snapshot names its own address in every absolute URL (canonical, sitemap, feed,
        // data): every stage reads base_url from here.
        content.site.base_url = archive::snapshot_base_url(&content.site.base_url(), year);
    }
    timed("load", t);

    let t = Mark::now();
    let checked = check::check(&content);
    if let Some(deny) = content.site.check.as_ref().and_then(|c| c.deny)
        && checked.fails(deny)
    {
        return Err(checked.to_diagnostics(deny));
    }
    timed("check", t);

    let t = Mark::now();
    // The theme's words make the comparisons and the search records as well as the pages.
    let mut site = site::Site::new(&content, options.drafts);
    site.with_comparisons = options.comparisons;
    let theme = render::load_theme(&site, &options.root)?;
    let site = site.with_strings(theme.strings.clone());
    timed("site", t);

    // Snapshots are found first (report pages link to them), copied after rendering.
    let t = Mark::now();
    let snapshots = match options.snapshot {
        Some(_) => Vec::new(),
        None => archive::scan(&options.root).map_err(|d| Diagnostics::from(d.relative_to(&options.root)))?,
    };
    let scan_time = t.wall.elapsed();
    let scan_cpu = process_cpu_time().saturating_sub(t.cpu);

    let t = Mark::now();
    let staging = output::Staging::open_with(&options.output, options.force, options.in_place).map_err(|d| Diagnostics::from(d.relative_to(&options.root)))?;
    // The search index first: it needs only the site, and the memory it frees (the records
    // and postings of its batches; the postings themselves go to spill files) is then reused
    // by the stages after it instead of coming on top of what they leave behind.
    progress::stage("search");
    let search = search::build(&site, &staging).map_err(|d| Diagnostics::from(d.relative_to(&options.root)))?;
    timed("search", t);

    // Open data, feed, robots.txt and schemas go before the pages: pages link to the data
    // with its sizes.
    let t = Mark::now();
    progress::stage("data");
    let downloads = data::publish(&site, &staging)?;
    timed("data", t);
    let t = Mark::now();
    let notices = content.site.publishes_check_findings().then(|| notices::collect(&content, &checked));
    let render_times = render::RenderTimes::default();
    let render_options = render::RenderOptions {
        snapshot: options.snapshot,
        archive: options.snapshot.is_none().then_some(&snapshots[..]),
        downloads: Some(&downloads),
        notices: notices.as_ref(),
        timings: options.timings.then_some(&render_times),
    };
    progress::stage("render");
    render::render_with_theme(&site, &theme, &staging, &render_options)?;
    timed("render", t);

    let t = Mark::now();
    let mut warnings = content.warnings.clone();
    let archive_warnings = archive::copy_into(&snapshots, &staging).map_err(|d| Diagnostics::from(d.relative_to(&options.root)))?;
    warnings.0.extend(archive_warnings.0);
    let files = staging.len();
    let pages = staging.count_where(|p| p.ends_with(".html"));
    let archive_start = Mark { wall: t.wall.checked_sub(scan_time).unwrap_or(t.wall), cpu: t.cpu.saturating_sub(scan_cpu) };
    timed("archive", archive_start);

    progress::stage("output");
    let t = Mark::now();
    let written = staging.commit().map_err(|d| Diagnostics::from(d.relative_to(&options.root)))?;
    timed("output", t);

    let reports = site.report_count();
    drop((notices, site));
    // The content is hundreds of megabytes of small allocations (0.3–0.5 s to free at 10,000
    // reports, on one thread): free it beside the caller, which prints and exits or waits for
    // the next change, instead of before it.
    std::thread::spawn(move || drop(content));
    Ok(BuildSummary {
        reports,
        pages,
        files,
        written: written.written,
        removed: written.removed,
        warnings,
        stages,
        search,
        render_times: render_times.kinds(),
        check: checked,
    })
}
