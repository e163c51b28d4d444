//! Benchmark results as data: every `jixiao-bench build` and `jixiao-bench import` writes one JSON file, named
//! `<UTC date>T<time>Z-<short commit>.json` (e.g. `2026-12-07T031502Z-035a671.json`), into
//! `bench/results/` (or `--results DIR`), holding the commit measured, the machine, the corpus,
//! the options and every timing the run printed. History is the folder, not a journal.

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
    pub(crate) stage: &'static str,
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
