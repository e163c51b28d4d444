//! `jixiao-bench scale`: issue 29's scaling target, on disk. A full `jixiao build --no-cache`
//! of a large corpus (100,000 reports: `--departments 10000 --years 10`) and of a tenth of it
//! (10,000 reports), one after the other, outputs on the root file system (at 100,000 reports
//! the output, about 17 GB, does not fit in tmpfs beside the build): each build's wall and CPU
//! time and peak resident memory ([`child`]), the time per report of each, and two targets —
//! the large build's peak under 2 GB (10⁹ bytes × 2), and its time per report within 1.3× the
//! small one's. Hugo is not run (it needs about 1.2 GB per 1,000 reports).

use super::child::{self, Measured};
use crate::results;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The large build's peak resident memory must stay under this many bytes.
pub(crate) const PEAK_LIMIT_BYTES: f64 = 2e9;
/// The large build's time per report, over the small one's, must stay at or under this.
pub(crate) const PER_REPORT_LIMIT: f64 = 1.3;

/// The command's settings.
pub(crate) struct Settings {
    /// The small and the large corpus (made by [`crate::ensure_corpus`]).
    pub(crate) small: PathBuf,
    pub(crate) large: PathBuf,
    /// Folder on disk the outputs and logs go in (each output removed after its build unless
    /// `keep`).
    pub(crate) out_root: PathBuf,
    /// The `jixiao` binary timed.
    pub(crate) jixiao: PathBuf,
    /// Timed builds of each corpus (medians are reported).
    pub(crate) rounds: usize,
    /// Keep the outputs afterwards.
    pub(crate) keep: bool,
}

/// One corpus's builds.
#[derive(Debug, Serialize)]
pub(crate) struct ScaleBuilds {
    /// The corpus's folder.
    pub(crate) corpus: String,
    /// Reports the build says it built.
    pub(crate) reports: usize,
    /// Every build.
    pub(crate) runs: Vec<Measured>,
    /// Median wall seconds, CPU seconds, and the highest peak (MiB, as [`Measured`]).
    #[serde(flatten)]
    pub(crate) summary: results::Summary,
    /// The peak in bytes.
    pub(crate) peak_rss_bytes: f64,
    /// Median wall and CPU milliseconds per report.
    pub(crate) wall_ms_per_report: f64,
    pub(crate) cpu_ms_per_report: f64,
    /// The stage times of the first build (its `--verbose` lines).
    pub(crate) stages: Vec<results::Stage>,
}

/// One run of `jixiao-bench scale`.
#[derive(Debug, Serialize)]
pub(crate) struct ScaleRun {
    /// `scale`: what the run measured.
    pub(crate) benchmark: &'static str,
    /// When, on what, from which source tree; `corpus` is the large one.
    pub(crate) run: results::RunInfo,
    /// The `jixiao` binary.
    pub(crate) jixiao: String,
    /// The builds of the small and the large corpus.
    pub(crate) small: ScaleBuilds,
    pub(crate) large: ScaleBuilds,
    /// Large over small, wall time per report and CPU time per report (the machine may be
    /// shared: CPU time says what the program spent).
    pub(crate) wall_per_report_ratio: f64,
    pub(crate) cpu_per_report_ratio: f64,
    /// The large build's peak under [`PEAK_LIMIT_BYTES`]; its time per report within
    /// [`PER_REPORT_LIMIT`] of the small one's (by wall time, and by CPU time).
    pub(crate) targets: Vec<results::Target>,
}

/// Builds the small corpus, then the large one; the run's results (written by the caller).
pub(crate) fn run(s: &Settings, run: results::RunInfo) -> Result<ScaleRun, String> {
    std::fs::create_dir_all(&s.out_root).map_err(|e| format!("cannot make {}: {e}", s.out_root.display()))?;
    let small = builds(s, &s.small, "small")?;
    let large = builds(s, &s.large, "large")?;
    let wall_ratio = large.wall_ms_per_report / small.wall_ms_per_report;
    let cpu_ratio = large.cpu_ms_per_report / small.cpu_ms_per_report;
    let target = |figure: &'static str, value: f64, limit: f64| results::Target { figure, medium: Some(super::Medium::Disk), value, limit, met: value <= limit };
    let targets = vec![
        target("large build peak RSS, bytes", large.peak_rss_bytes, PEAK_LIMIT_BYTES),
        target("time per report, large ÷ small (wall)", wall_ratio, PER_REPORT_LIMIT),
        target("time per report, large ÷ small (CPU)", cpu_ratio, PER_REPORT_LIMIT),
    ];
    for t in &targets {
        println!("target {:<40} {:>14.3} ≤ {:<10} {}", t.figure, t.value, t.limit, if t.met { "met" } else { "NOT MET" });
    }
    Ok(ScaleRun { benchmark: "scale", run, jixiao: s.jixiao.display().to_string(), small, large, wall_per_report_ratio: wall_ratio, cpu_per_report_ratio: cpu_ratio, targets })
}

/// `rounds` full builds of `corpus`, each into an emptied folder on disk.
fn builds(s: &Settings, corpus: &Path, name: &str) -> Result<ScaleBuilds, String> {
    let out = s.out_root.join(format!("out-{name}"));
    let mut runs = Vec::new();
    let (mut reports, mut stages) = (0, Vec::new());
    for round in 0..s.rounds {
        super::empty(&out)?;
        let log = s.out_root.join(format!("{name}-{round}.log"));
        let mut cmd = Command::new(&s.jixiao);
        cmd.args(["--lang", "en", "build", "--verbose", "--no-cache", "--root"]).arg(corpus).arg("--output").arg(&out);
        let m = child::run(&mut cmd, &log)?;
        let text = std::fs::read_to_string(&log).map_err(|e| format!("cannot read {}: {e}", log.display()))?;
        reports = built_reports(&text).ok_or_else(|| format!("{} has no `built … reports` line", log.display()))?;
        if round == 0 {
            stages = super::parse_stage_lines(&text);
        }
        println!("  {name} ({reports} reports) round {}: {:.3} s, CPU {:.2} s, peak RSS {:.0} MB", round + 1, m.wall_s, m.cpu_s, m.peak_rss_mb);
        runs.push(m);
        if !s.keep {
            super::empty(&out)?;
        }
    }
    let summary = results::Summary::of(&runs);
    let per = |seconds: f64| seconds * 1e3 / reports.max(1) as f64;
    Ok(ScaleBuilds {
        corpus: corpus.display().to_string(),
        reports,
        peak_rss_bytes: summary.peak_rss_mb_max * 1024.0 * 1024.0,
        wall_ms_per_report: per(summary.median_s),
        cpu_ms_per_report: per(summary.cpu_median_s),
        summary,
        runs,
        stages,
    })
}

/// The report count of a build's closing line, `built 12015 pages, 10000 reports, …`.
fn built_reports(log: &str) -> Option<usize> {
    log.lines().find_map(|l| {
        let rest = l.strip_prefix("built ")?;
        let (_, after) = rest.split_once(" pages, ")?;
        after.split_once(" reports")?.0.parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_count_is_read_from_the_closing_line() {
        let log = "  load  1.0 ms   CPU  1.0 ms\nbuilt 12015 pages, 10000 reports, 71756 files (71756 written, 0 removed), 667 warnings in 206.86 s → /x\n";
        assert_eq!(built_reports(log), Some(10000));
        assert_eq!(built_reports("nothing built\n"), None);
    }
}
