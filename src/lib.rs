//! jixiao (绩效): a static site generator for government budget-performance self-evaluation
//! reports (部门整体支出绩效自评报告).
//!
//! Data flows one way:
//! `content/` → [`load`] (parse, locate errors) → [`model`] (typed, validated) → [`site`]
//! (derived: departments, years, computed figures) → [`render`] (Tera) → [`output`]
//! (all-or-nothing, only what changed). [`build`] runs these stages and times each one.

pub mod diagnostics;
pub mod load;
pub mod messages;
pub mod model;
pub mod output;
pub mod render;
pub mod site;

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
    /// Build into a non-empty folder that jixiao did not create.
    pub force: bool,
}

impl BuildOptions {
    /// Options for `root` with the default output folder `ROOT/public`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildOptions { output: root.join("public"), root, drafts: false, force: false }
    }
}

/// The time one named stage of the build took.
#[derive(Debug, Clone)]
pub struct StageTime {
    /// Stage name: load, site, render, output.
    pub stage: &'static str,
    /// Wall-clock time.
    pub elapsed: Duration,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// Reports published (drafts included only with `--drafts`).
    pub reports: usize,
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
}

/// Builds the site: load, derive, render, then write only if everything rendered.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Diagnostics> {
    let mut stages = Vec::new();
    let mut timed = |stage: &'static str, start: Instant| {
        stages.push(StageTime { stage, elapsed: start.elapsed() });
    };

    let t = Instant::now();
    let content = load::load(&options.root)?;
    timed("load", t);

    let t = Instant::now();
    let site = site::Site::new(&content, options.drafts);
    timed("site", t);

    let t = Instant::now();
    let staging = output::Staging::open(&options.output, options.force).map_err(|d| Diagnostics::from(d.relative_to(&options.root)))?;
    render::render(&site, &options.root, &staging)?;
    let files = staging.len();
    timed("render", t);

    let t = Instant::now();
    let written = staging.commit().map_err(|d| Diagnostics::from(d.relative_to(&options.root)))?;
    timed("output", t);

    Ok(BuildSummary {
        reports: site.report_count(),
        files,
        written: written.written,
        removed: written.removed,
        warnings: content.warnings.clone(),
        stages,
    })
}
