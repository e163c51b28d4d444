//! Benchmark results as data: every `jixiao-bench build`, `import` and `targets` writes one JSON file, named
//! `<UTC date>T<time>Z-<short commit>.json` (e.g. `2026-12-07T031502Z-035a671.json`), into
//! `bench/results/` (or `--results DIR`), holding the commit measured, the machine, the corpus,
//! the options and every timing the run printed. History is the folder, not a journal.

use crate::targets::Medium;
use crate::targets::child::Measured;
use crate::targets::output_size::OutputSize;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder results go to by default: `results/` beside this package's Cargo.toml.
pub(crate) fn default_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("results")
}

/// One run of `jixiao-bench build`.
#[derive(Debug, Serialize)]
pub(crate) struct Run {
    /// When the run started, UTC (`2026-12-07T03:15:02Z`).
    pub(crate) started: String,
    /// The source tree measured.
    pub(crate) commit: Commit,
    /// The machine it ran on.
    pub(crate) machine: Machine,
    /// The generated corpus built.
    pub(crate) corpus: Corpus,
    /// How it was built and timed.
    pub(crate) options: Options,
    /// One entry per kind of build timed: full build, then rebuild.
    pub(crate) builds: Vec<Timed>,
    /// Peak resident memory of the benchmark process, MB (Linux; 0 elsewhere).
    pub(crate) peak_rss_mb: u64,
}

/// The commit the benchmark binary's sources are at (asked of git when the run starts, in
/// the folder of this package: build the benchmark from the tree you measure).
#[derive(Debug, Serialize)]
pub(crate) struct Commit {
    /// Full hash, `unknown` when git could not say.
    pub(crate) hash: String,
    /// The first seven characters of it.
    pub(crate) short: String,
    /// Tracked files differed from the commit (the figures are of uncommitted code).
    pub(crate) dirty: bool,
}

/// What the run ran on.
#[derive(Debug, Serialize)]
pub(crate) struct Machine {
    /// CPU model (`model name` of /proc/cpuinfo; `unknown` elsewhere).
    pub(crate) cpu: String,
    /// Logical CPUs the process may use.
    pub(crate) cores: usize,
    /// Threads the build's parallel stages used (rayon's pool; `RAYON_NUM_THREADS` sets it).
    pub(crate) threads: usize,
    /// Total memory, MB (/proc/meminfo; 0 elsewhere).
    pub(crate) memory_mb: u64,
    /// Operating system (`PRETTY_NAME` of /etc/os-release, else the target OS) and kernel.
    pub(crate) os: String,
    /// Kernel release (/proc/sys/kernel/osrelease; empty elsewhere).
    pub(crate) kernel: String,
    /// `release` or `debug`: how the benchmark was compiled.
    pub(crate) profile: &'static str,
    /// Load average over the last minute when the run started (/proc/loadavg; absent
    /// elsewhere): above the core count, other processes shared the CPUs and the figures
    /// are slower than the machine is.
    pub(crate) load_average: Option<f64>,
}

/// The corpus (`jixiao-bench generate`'s parameters) and what it holds.
#[derive(Debug, Serialize)]
pub(crate) struct Corpus {
    /// Departments.
    pub(crate) departments: usize,
    /// Years per department.
    pub(crate) years: usize,
    /// Generator seed.
    pub(crate) seed: u64,
    /// Reports published.
    pub(crate) reports: usize,
    /// Site root built.
    pub(crate) path: String,
}

/// The benchmark's options.
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct Options {
    /// Timed runs of each kind of build.
    pub(crate) runs: usize,
    /// Comparisons, indicator pages and charts built (`--no-compare` turns them off).
    pub(crate) comparisons: bool,
    /// Render times by page kind gathered (`--timings`).
    pub(crate) timings: bool,
    /// mimalloc's purge delay in ms (-1: freed memory kept, as `jixiao build` does).
    pub(crate) purge_delay_ms: i64,
}

/// One kind of build, timed `runs` times.
#[derive(Debug, Serialize)]
pub(crate) struct Timed {
    /// `full` (into an empty folder) or `rebuild` (nothing changed).
    pub(crate) kind: &'static str,
    /// Wall-clock seconds of each run, sorted.
    pub(crate) seconds: Vec<f64>,
    /// Their median.
    pub(crate) median_s: f64,
    /// Files the site has, written and removed in the last run.
    pub(crate) files: usize,
    /// See `files`.
    pub(crate) written: usize,
    /// See `files`.
    pub(crate) removed: usize,
    /// Files and reports per second at the median.
    pub(crate) files_per_s: f64,
    /// See `files_per_s`.
    pub(crate) reports_per_s: f64,
    /// Median wall and CPU seconds of each stage, in build order.
    pub(crate) stages: Vec<Stage>,
    /// Last run's render times by page kind (with `--timings`; empty otherwise).
    pub(crate) render_kinds: Vec<RenderKind>,
    /// Last run's search stage steps, seconds, and memory.
    pub(crate) search: Search,
}

/// A stage's median times.
#[derive(Debug, Serialize)]
pub(crate) struct Stage {
    /// Stage name (load, check, site, search, data, render, archive, output).
    pub(crate) stage: String,
    /// Median wall seconds.
    pub(crate) wall_s: f64,
    /// Median CPU seconds (user + sys, all threads).
    pub(crate) cpu_s: f64,
}

/// Render thread time of one page kind, seconds in all.
#[derive(Debug, Serialize)]
pub(crate) struct RenderKind {
    /// Page kind.
    pub(crate) kind: &'static str,
    /// Pages.
    pub(crate) pages: u64,
    /// Context, comparisons and charts, template, files: seconds of thread time in all.
    pub(crate) context_s: f64,
    /// See `context_s`.
    pub(crate) extras_s: f64,
    /// See `context_s`.
    pub(crate) tera_s: f64,
    /// See `context_s`.
    pub(crate) files_s: f64,
}

/// The search stage's steps (seconds) and memory (MB).
#[derive(Debug, Serialize)]
pub(crate) struct Search {
    /// Records made, their files, tokenise and merge, merge back and write, manifest.
    pub(crate) records_s: f64,
    /// See `records_s`.
    pub(crate) record_files_s: f64,
    /// See `records_s`.
    pub(crate) tokenise_s: f64,
    /// See `records_s`.
    pub(crate) finish_s: f64,
    /// See `records_s`.
    pub(crate) manifest_s: f64,
    /// CPU seconds of the stage.
    pub(crate) cpu_s: f64,
    /// Posting MB in all, spilled, the spill threshold.
    pub(crate) postings_mb: usize,
    /// See `postings_mb`.
    pub(crate) spilled_mb: usize,
    /// See `postings_mb`.
    pub(crate) run_mb: usize,
    /// Resident MB at the start, before merging back, process peak at the end.
    pub(crate) rss_start_mb: u64,
    /// See `rss_start_mb`.
    pub(crate) rss_before_merge_mb: u64,
    /// See `rss_start_mb`.
    pub(crate) peak_mb: u64,
}

impl Search {
    /// From the build's search statistics.
    pub(crate) fn of(stats: &jixiao::search::SearchStats) -> Search {
        let t = &stats.timings;
        Search {
            records_s: t.records.as_secs_f64(),
            record_files_s: t.record_files.as_secs_f64(),
            tokenise_s: t.tokenise.as_secs_f64(),
            finish_s: t.finish.as_secs_f64(),
            manifest_s: t.manifest.as_secs_f64(),
            cpu_s: t.cpu.as_secs_f64(),
            postings_mb: t.postings.total >> 20,
            spilled_mb: t.postings.spilled >> 20,
            run_mb: t.postings.run >> 20,
            rss_start_mb: t.rss_start_kb / 1024,
            rss_before_merge_mb: t.postings.rss_kb / 1024,
            peak_mb: t.peak_kb / 1024,
        }
    }
}

impl RenderKind {
    /// From the build's render times of one kind.
    pub(crate) fn of(k: &jixiao::render::KindTimes) -> RenderKind {
        RenderKind {
            kind: k.kind,
            pages: k.pages,
            context_s: k.context.as_secs_f64(),
            extras_s: k.extras.as_secs_f64(),
            tera_s: k.tera.as_secs_f64(),
            files_s: k.files.as_secs_f64(),
        }
    }
}

impl Commit {
    /// The commit of the tree this package was built from.
    pub(crate) fn current() -> Commit {
        let dir = env!("CARGO_MANIFEST_DIR");
        let git = |args: &[&str]| {
            Command::new("git").arg("-C").arg(dir).args(args).output().ok().filter(|o| o.status.success()).map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        };
        let hash = git(&["rev-parse", "HEAD"]).filter(|h| !h.is_empty()).unwrap_or_else(|| "unknown".into());
        let dirty = git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
        Commit { short: hash.chars().take(7).collect(), hash, dirty }
    }
}

impl Machine {
    /// This machine.
    pub(crate) fn current() -> Machine {
        let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
        let field = |text: &str, key: &str| {
            text.lines().find_map(|l| l.strip_prefix(key)).map(|v| v.trim_start_matches([' ', '\t', ':', '=']).trim().trim_matches('"').to_string())
        };
        let cpu = field(&read("/proc/cpuinfo"), "model name").unwrap_or_else(|| "unknown".into());
        let memory_mb = field(&read("/proc/meminfo"), "MemTotal").and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok()).map_or(0, |kb| kb / 1024);
        Machine {
            cpu,
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            threads: rayon::current_num_threads(),
            memory_mb,
            os: field(&read("/etc/os-release"), "PRETTY_NAME").unwrap_or_else(|| std::env::consts::OS.to_string()),
            kernel: read("/proc/sys/kernel/osrelease").trim().to_string(),
            profile: if cfg!(debug_assertions) { "debug" } else { "release" },
            load_average: read("/proc/loadavg").split_whitespace().next().and_then(|v| v.parse().ok()),
        }
    }
}

/// The file name of a run started at `started` (`2026-12-07T03:15:02Z`) on `commit`:
/// `2026-12-07T031502Z-035a671.json`.
pub(crate) fn file_name(started: &str, commit: &Commit) -> String {
    format!("{}-{}.json", started.replace(':', ""), commit.short)
}

/// One run of `jixiao-bench import`: importing the corpus's reports as text, then building it.
#[derive(Debug, Serialize)]
pub(crate) struct ImportRun {
    /// `import`: what the run measured (a `build` run's file has `builds` instead).
    pub(crate) benchmark: &'static str,
    /// When the run started, UTC.
    pub(crate) started: String,
    /// The source tree measured.
    pub(crate) commit: Commit,
    /// The machine it ran on.
    pub(crate) machine: Machine,
    /// The generated corpus, imported as text and built.
    pub(crate) corpus: Corpus,
    /// Report texts imported (one per report).
    pub(crate) texts: usize,
    /// Characters of all the texts.
    pub(crate) text_chars: usize,
    /// Typed figures the imports recognised, all reports together.
    pub(crate) figures: usize,
    /// Wall seconds importing every text (in parallel, nothing written).
    pub(crate) import_s: f64,
    /// CPU seconds (user+sys) of the same.
    pub(crate) import_cpu_s: f64,
    /// Wall seconds of one full build of the corpus into an empty folder.
    pub(crate) build_s: f64,
    /// CPU seconds (user+sys) of the same.
    pub(crate) build_cpu_s: f64,
    /// Files the build wrote.
    pub(crate) build_files: usize,
    /// `import_s ÷ build_s`.
    pub(crate) ratio: f64,
}

/// When and on what a run started: the first keys of a `targets` results file.
#[derive(Debug, Serialize)]
pub(crate) struct RunInfo {
    /// When the run started, UTC.
    pub(crate) started: String,
    /// The source tree of the benchmark (build `jixiao` from the same tree).
    pub(crate) commit: Commit,
    /// The machine it ran on.
    pub(crate) machine: Machine,
    /// The generated corpus.
    pub(crate) corpus: Corpus,
}

/// One run of `jixiao-bench targets`: every figure of issue 29's performance targets.
#[derive(Debug, Serialize)]
pub(crate) struct TargetsRun {
    /// `targets`: what the run measured.
    pub(crate) benchmark: &'static str,
    /// When, on what, which corpus.
    #[serde(flatten)]
    pub(crate) run: RunInfo,
    /// Reports published (pages of report of either program).
    pub(crate) reports: usize,
    /// The `jixiao` binary timed.
    pub(crate) jixiao: Program,
    /// `no-cache flag`: `jixiao build` has `--no-cache`, given to the full builds; `absent`:
    /// it has no cache, and every build is a full build.
    pub(crate) cache: &'static str,
    /// The `hugo` binary timed; absent with `--no-hugo`.
    pub(crate) hugo: Option<Program>,
    /// What the converter wrote for Hugo; absent with `--no-hugo`.
    pub(crate) hugo_site: Option<HugoSiteFacts>,
    /// Timed runs of each kind on each medium.
    pub(crate) rounds: usize,
    /// The report edited for the edited builds (path in the corpus).
    pub(crate) edited: String,
    /// The runs on each output medium.
    pub(crate) media: Vec<MediumRuns>,
    /// jixiao's output: files and bytes, per report and by kind.
    pub(crate) output: OutputSize,
    /// `tests/browser/search-measure.mjs`'s summary on jixiao's output (bytes of a first query,
    /// as files and gzipped, medians over the committed query set); absent with `--no-search`.
    pub(crate) search_query: Option<serde_json::Value>,
    /// Each target of issue 29 that applies to this corpus size (1,000 or 10,000 reports), with
    /// the figure measured and whether it is met; empty at other sizes.
    pub(crate) targets: Vec<Target>,
}

/// A program timed.
#[derive(Debug, Serialize)]
pub(crate) struct Program {
    /// Path or name run.
    pub(crate) binary: String,
    /// What its version command printed.
    pub(crate) version: String,
}

/// The Hugo site written from the corpus.
#[derive(Debug, Serialize, serde::Deserialize)]
pub(crate) struct HugoSiteFacts {
    /// Report pages.
    pub(crate) reports: usize,
    /// Department sections.
    pub(crate) departments: usize,
    /// Bytes of Markdown.
    pub(crate) markdown_bytes: usize,
}

/// Every run on one output medium, their medians and the ratios between them.
#[derive(Debug, Serialize)]
pub(crate) struct MediumRuns {
    /// `shm` or `disk`.
    pub(crate) medium: Medium,
    /// The folder the outputs were written in.
    pub(crate) path: String,
    /// `jixiao build --no-cache` into an empty folder, each run.
    pub(crate) full: Vec<Measured>,
    /// `hugo` into an empty folder, each run.
    pub(crate) hugo: Vec<Measured>,
    /// `jixiao build` with nothing changed since the last build, each run.
    pub(crate) nochange: Vec<Measured>,
    /// `jixiao build` after one report was edited, each run.
    pub(crate) edit: Vec<Measured>,
    /// Seconds from starting `jixiao serve` on the existing output to `/` answering 200, each run.
    pub(crate) serve_ready_s: Vec<f64>,
    /// Each full build's stage times (wall and CPU seconds), as `jixiao build --verbose` prints them.
    pub(crate) stages: Vec<Vec<Stage>>,
    /// Medians of `full`.
    pub(crate) full_summary: Summary,
    /// Medians of `hugo`.
    pub(crate) hugo_summary: Summary,
    /// Medians of `nochange`.
    pub(crate) nochange_summary: Summary,
    /// Medians of `edit`.
    pub(crate) edit_summary: Summary,
    /// Median of `serve_ready_s`.
    pub(crate) serve_ready_median_s: f64,
    /// Each stage's median wall and CPU seconds over the full builds (the search stage is the index).
    pub(crate) stage_medians: Vec<Stage>,
    /// Hugo's output: files and bytes (all of it is `other`: Hugo's folders are not jixiao's).
    pub(crate) hugo_output: Option<OutputSize>,
    /// Ratios of the medians.
    pub(crate) ratios: Ratios,
}

/// Medians of a kind of run.
#[derive(Debug, Default, Serialize)]
pub(crate) struct Summary {
    /// Median wall seconds.
    pub(crate) median_s: f64,
    /// Median CPU seconds (user + system).
    pub(crate) cpu_median_s: f64,
    /// Largest peak resident memory of the runs, MB.
    pub(crate) peak_rss_mb_max: f64,
}

/// Ratios of the medians on one medium (wall time unless named CPU).
#[derive(Debug, Default, Serialize)]
pub(crate) struct Ratios {
    /// jixiao's full build ÷ Hugo's (absent when Hugo was not run).
    pub(crate) full_over_hugo: Option<f64>,
    /// The same, CPU seconds.
    pub(crate) full_cpu_over_hugo_cpu: Option<f64>,
    /// Build with nothing changed ÷ full build.
    pub(crate) nochange_over_full: f64,
    /// Build after one report was edited ÷ full build.
    pub(crate) edit_over_full: f64,
    /// `jixiao serve` ready ÷ full build.
    pub(crate) serve_over_full: f64,
}

impl MediumRuns {
    /// No runs yet, on `medium` in `path`.
    pub(crate) fn new(medium: Medium, path: &Path) -> MediumRuns {
        MediumRuns {
            medium,
            path: path.display().to_string(),
            full: Vec::new(),
            hugo: Vec::new(),
            nochange: Vec::new(),
            edit: Vec::new(),
            serve_ready_s: Vec::new(),
            stages: Vec::new(),
            full_summary: Summary::default(),
            hugo_summary: Summary::default(),
            nochange_summary: Summary::default(),
            edit_summary: Summary::default(),
            serve_ready_median_s: 0.0,
            stage_medians: Vec::new(),
            hugo_output: None,
            ratios: Ratios::default(),
        }
    }

    /// Computes the medians and ratios from the runs.
    pub(crate) fn finish(&mut self) {
        self.full_summary = Summary::of(&self.full);
        self.hugo_summary = Summary::of(&self.hugo);
        self.nochange_summary = Summary::of(&self.nochange);
        self.edit_summary = Summary::of(&self.edit);
        self.serve_ready_median_s = median(self.serve_ready_s.clone());
        let names: Vec<String> = self.stages.first().map(|s| s.iter().map(|s| s.stage.clone()).collect()).unwrap_or_default();
        self.stage_medians = names
            .into_iter()
            .map(|name| {
                let of = |f: fn(&Stage) -> f64| median(self.stages.iter().flat_map(|run| run.iter().filter(|s| s.stage == name).map(f)).collect());
                Stage { wall_s: of(|s| s.wall_s), cpu_s: of(|s| s.cpu_s), stage: name }
            })
            .collect();
        let full = self.full_summary.median_s;
        let hugo = !self.hugo.is_empty();
        self.ratios = Ratios {
            full_over_hugo: hugo.then(|| full / self.hugo_summary.median_s),
            full_cpu_over_hugo_cpu: hugo.then(|| self.full_summary.cpu_median_s / self.hugo_summary.cpu_median_s),
            nochange_over_full: self.nochange_summary.median_s / full,
            edit_over_full: self.edit_summary.median_s / full,
            serve_over_full: self.serve_ready_median_s / full,
        };
    }
}

impl Summary {
    /// The medians and the highest peak of `runs`.
    pub(crate) fn of(runs: &[Measured]) -> Summary {
        Summary {
            median_s: median(runs.iter().map(|m| m.wall_s).collect()),
            cpu_median_s: median(runs.iter().map(|m| m.cpu_s).collect()),
            peak_rss_mb_max: runs.iter().map(|m| m.peak_rss_mb).fold(0.0, f64::max),
        }
    }
}

/// The median (the upper one of an even count); 0 for none.
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// One target of issue 29 and the figure measured for it.
#[derive(Debug, Serialize)]
pub(crate) struct Target {
    /// What is measured.
    pub(crate) figure: &'static str,
    /// The output medium of a timed figure; none for the output and search figures.
    pub(crate) medium: Option<Medium>,
    /// The figure.
    pub(crate) value: f64,
    /// Its upper limit.
    pub(crate) limit: f64,
    /// `value ≤ limit`.
    pub(crate) met: bool,
}

/// Issue 29's targets for a corpus of `reports` (those of 1,000 and 10,000 reports; none at
/// other sizes), with the figures of this run.
pub(crate) fn targets_for(reports: usize, media: &[MediumRuns], output: &OutputSize, search: Option<&serde_json::Value>) -> Vec<Target> {
    let large = match reports {
        10_000 => true,
        1_000 => false,
        _ => return Vec::new(),
    };
    let target = |figure, medium, value: f64, limit: f64| Target { figure, medium, value, limit, met: value <= limit };
    let mut out = Vec::new();
    for m in media {
        let on = Some(m.medium);
        out.push(target("no-change rebuild ÷ full build", on, m.ratios.nochange_over_full, 0.05));
        out.push(target("one-report edit ÷ full build", on, m.ratios.edit_over_full, 0.10));
        if large {
            out.push(target("serve ready ÷ full build", on, m.ratios.serve_over_full, 0.05));
            if let Some(ratio) = m.ratios.full_over_hugo {
                out.push(target("full build ÷ Hugo", on, ratio, 0.6));
            }
            // The 1 GB is read as 10⁹ bytes (953.7 MiB), not as 1 GiB.
            out.push(target("peak RSS of a full build, MiB (≤ 10⁹ bytes)", on, m.full_summary.peak_rss_mb_max, 1e9 / 1_048_576.0));
        }
    }
    out.push(target("files per report", None, output.files_per_report, if large { 12.0 } else { 15.0 }));
    out.push(target("KB per report", None, output.kb_per_report, if large { 150.0 } else { 170.0 }));
    if let Some(first) = search.and_then(|s| s["first_with_records_gz_median"].as_f64()) {
        out.push(target("first search query, gzipped KB (median)", None, first / 1000.0, 100.0));
    }
    out
}

/// Writes `run` (started at `started`, on `commit`) into `folder` (created if needed) under
/// [`file_name`]; the path written.
pub(crate) fn write(folder: &Path, started: &str, commit: &Commit, run: &impl Serialize) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(folder)?;
    let path = folder.join(file_name(started, commit));
    let mut json = serde_json::to_vec_pretty(run).map_err(std::io::Error::other)?;
    json.push(b'\n');
    // Written beside, then renamed: a results folder never holds half a file.
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, json)?;
    std::fs::rename(&tmp, &path)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_time_and_say_the_commit() {
        let commit = Commit { hash: "035a6719f0".into(), short: "035a671".into(), dirty: false };
        assert_eq!(file_name("2026-12-07T03:15:02Z", &commit), "2026-12-07T031502Z-035a671.json");
    }

    #[test]
    fn this_machine_is_described() {
        let m = Machine::current();
        assert!(m.cores >= 1 && m.threads >= 1);
        if cfg!(target_os = "linux") {
            assert_ne!(m.cpu, "unknown", "/proc/cpuinfo names the CPU");
            assert!(m.memory_mb > 0, "/proc/meminfo gives the memory");
            assert!(!m.kernel.is_empty());
            assert!(m.load_average.is_some_and(|l| l >= 0.0), "/proc/loadavg gives the load");
        }
    }
}
