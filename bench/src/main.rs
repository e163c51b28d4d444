//! `jixiao-bench`: generates a synthetic corpus of reports, times `jixiao::build` on it (one
//! JSON file of results per run, see [`results`]), and probes single stages.
//!
//! ```text
//! cargo run --release -p jixiao-bench -- generate --departments 100 --years 10 --out /dev/shm/corpus-1k
//! cargo run --release -p jixiao-bench -- build --departments 100 --years 10 --out-root /dev/shm --runs 5
//! cargo run --release -p jixiao-bench -- probe render --root /dev/shm/corpus-1k --out /dev/shm/render-out
//! cargo run --release -p jixiao-bench -- targets --departments 100 --years 10
//! ```
//! See bench/README.md for how to run them and read the results.

mod generate;
mod import;
mod phrases;
mod probe;
mod report_text;
mod results;
mod targets;
mod vocab;

use clap::{Parser, Subcommand};

// glibc's malloc fragments badly on a 10,000-report build (a fifth of the time went to
// _int_malloc and malloc_consolidate); mimalloc keeps allocation flat.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use generate::{DEFAULT_SEED, MARKER};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(name = "jixiao-bench", about = "Synthetic corpus generator and build benchmark for jixiao")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes a complete site root of generated reports (content/site.yaml, departments, years).
    Generate {
        /// Number of departments.
        #[arg(long)]
        departments: usize,
        /// Number of years per department (the last one is 2024).
        #[arg(long)]
        years: usize,
        /// Site root to write (created; an earlier corpus there is replaced).
        #[arg(long)]
        out: PathBuf,
        /// Random seed; the same seed gives the same corpus.
        #[arg(long, default_value_t = DEFAULT_SEED)]
        seed: u64,
    },
    /// Generates the corpus if needed, then times `jixiao::build` on it.
    Build {
        #[command(flatten)]
        corpus: CorpusArgs,
        /// Timed runs of each kind (full build into an empty folder; rebuild with nothing changed).
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Build without comparisons, indicator pages and charts, to measure what they cost.
        #[arg(long)]
        no_compare: bool,
        /// Also gather the render time of each page kind (a clock read per page part).
        #[arg(long)]
        timings: bool,
        /// mimalloc's purge delay in ms during the builds: -1 keeps freed memory, as `jixiao
        /// build` does; mimalloc's own default is 1000 (see `jixiao::allocator`).
        #[arg(long, default_value_t = jixiao::allocator::KEEP_FREED, allow_negative_numbers = true)]
        purge_delay: i64,
        /// Folder the run's results file goes to.
        #[arg(long, default_value_os_t = results::default_folder())]
        results: PathBuf,
    },
    /// Generates the corpus if needed, writes each report as the text of a published report, and
    /// times importing all those texts (`jixiao::import`, nothing written) against one full
    /// `jixiao::build` of the same corpus.
    Import {
        #[command(flatten)]
        corpus: CorpusArgs,
        /// Folder the run's results file goes to.
        #[arg(long, default_value_os_t = results::default_folder())]
        results: PathBuf,
    },
    /// Generates the corpus if needed and measures every figure of issue 29's performance
    /// targets: `jixiao build --no-cache` against Hugo on the same reports, builds with nothing
    /// changed and with one report edited, `jixiao serve` until ready, peak memory, files and
    /// bytes per report, the first search query's bytes; on tmpfs and on disk.
    Targets {
        #[command(flatten)]
        corpus: CorpusArgs,
        /// Timed runs of each kind on each medium (medians are reported).
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// Output media to time on, in this order.
        #[arg(long, value_enum, value_delimiter = ',', default_values = ["shm", "disk"])]
        media: Vec<targets::Medium>,
        /// Folder on the root file system for the outputs of the disk runs (removed afterwards).
        #[arg(long, default_value = "/tmp/jixiao-bench-disk")]
        disk_root: PathBuf,
        /// The `jixiao` binary to time (default: the one beside this program, from the same build).
        #[arg(long)]
        jixiao: Option<PathBuf>,
        /// The `hugo` binary to time; `hugo` is installed with apt-get when missing.
        #[arg(long, default_value = "hugo")]
        hugo: PathBuf,
        /// Do not run Hugo (it needs about 1.2 GB of memory per 1,000 reports).
        #[arg(long)]
        no_hugo: bool,
        /// Do not measure the first search query in Chromium.
        #[arg(long)]
        no_search: bool,
        /// Keep the outputs, the Hugo site and the logs (in --out-root) afterwards.
        #[arg(long)]
        keep: bool,
        /// Folder the run's results file goes to.
        #[arg(long, default_value_os_t = results::default_folder())]
        results: PathBuf,
    },
    /// Generates the corpus and one of a tenth of its departments if needed, and times a full
    /// `jixiao build --no-cache` of each on disk, one after the other (Hugo is not run): peak
    /// memory of the large build (target under 2 GB) and its time per report against the
    /// small one's (target within 1.3×). Issue 29's 100,000 reports: `--departments 10000
    /// --years 10 --out-root /tmp/jixiao-bench-scale`.
    Scale {
        #[command(flatten)]
        corpus: CorpusArgs,
        /// Departments of the small corpus (default: a tenth of `--departments`).
        #[arg(long)]
        small_departments: Option<usize>,
        /// Timed builds of each corpus (medians are reported).
        #[arg(long, default_value_t = 1)]
        rounds: usize,
        /// The `jixiao` binary to time (default: the one beside this program, from the same build).
        #[arg(long)]
        jixiao: Option<PathBuf>,
        /// Keep the outputs afterwards (the corpora are always kept, in --out-root).
        #[arg(long)]
        keep: bool,
        /// Folder the run's results file goes to.
        #[arg(long, default_value_os_t = results::default_folder())]
        results: PathBuf,
    },
    /// Writes a site root (e.g. a `generate` corpus) as the Hugo site `targets` times: one
    /// Markdown page per report, bench/hugo/'s templates and configuration.
    HugoSite {
        /// Site root to convert.
        #[arg(long)]
        root: PathBuf,
        /// Hugo site to write (replaced).
        #[arg(long)]
        out: PathBuf,
    },
    /// What `targets` needs to know of a corpus, as JSON on standard output (and, with
    /// `--hugo-site`, the corpus written as that Hugo site): `targets` runs this as a child
    /// process so that it never holds a loaded corpus itself (see `targets::CorpusFacts`).
    #[command(hide = true)]
    CorpusFacts {
        /// Site root to read.
        #[arg(long)]
        root: PathBuf,
        /// Hugo site to write (replaced), as `hugo-site` does.
        #[arg(long)]
        hugo_site: Option<PathBuf>,
    },
    /// Times one stage of a build alone, on a corpus loaded once.
    Probe {
        #[command(subcommand)]
        probe: Probe,
    },
    /// Times writing the files of a built site anew (same paths, same bytes, as many threads as
    /// cores), read into memory first: the cost of the file system alone, which no generator
    /// that writes this site can go below.
    WriteFloor {
        /// A built site (`jixiao build` output).
        #[arg(long)]
        site: PathBuf,
        /// Folder to write into (removed first, and afterwards).
        #[arg(long)]
        out: PathBuf,
    },
}

/// The generated corpus a timed command runs on, and where it and its outputs live.
#[derive(clap::Args)]
struct CorpusArgs {
    /// Number of departments.
    #[arg(long)]
    departments: usize,
    /// Number of years per department.
    #[arg(long)]
    years: usize,
    /// Folder holding the corpus (`corpus-DxY`) and what is made from it (`out-DxY`, `texts-DxY`).
    #[arg(long, default_value = "/dev/shm/jixiao-bench")]
    out_root: PathBuf,
    /// Random seed of the corpus.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
}

impl CorpusArgs {
    /// The corpus asked for, if its sizes are usable.
    fn spec(&self) -> Result<CorpusSpec, String> {
        check_sizes(self.departments, self.years)?;
        Ok(CorpusSpec { departments: self.departments, years: self.years, seed: self.seed })
    }
}

#[derive(Subcommand)]
enum Probe {
    /// What a department's comparison costs: making it, its Tera value, dropping them, and the
    /// indicator pages' search texts (one thread).
    Compare {
        /// Site root (e.g. a `generate` corpus).
        #[arg(long)]
        root: PathBuf,
        /// Timed runs.
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
    /// A floor under the search index stage: making the records, normalising them, counting
    /// their one- and two-char n-grams (all threads).
    IndexFloor {
        /// Site root.
        #[arg(long)]
        root: PathBuf,
        /// Timed runs.
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
    /// The search index's tokenise-and-merge step alone, on records made once.
    Index {
        /// Site root.
        #[arg(long)]
        root: PathBuf,
        /// Timed runs.
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// Records handed to the index builder at a time.
        #[arg(long, default_value_t = 4096)]
        chunk: usize,
        /// Index one record per report (and per other page) instead of one per section: the
        /// cost of a one-record-per-report index, for comparison (its files are not a valid index).
        #[arg(long)]
        per_report: bool,
    },
    /// The search stage alone (into memory), and its files and bytes per report by kind.
    Search {
        /// Site root.
        #[arg(long)]
        root: PathBuf,
        /// Timed runs (the files of the last are counted).
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
    /// The render stage alone, into a fresh staging folder each run.
    Render {
        /// Site root.
        #[arg(long)]
        root: PathBuf,
        /// Staging folder (emptied first, removed afterwards).
        #[arg(long)]
        out: PathBuf,
        /// Timed runs.
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// Without comparisons, indicator pages and charts.
        #[arg(long)]
        no_compare: bool,
    },
    /// `Site::new` alone (what `jixiao serve` derives again on every edit).
    Site {
        /// Site root.
        #[arg(long)]
        root: PathBuf,
        /// Runs averaged.
        #[arg(long, default_value_t = 100)]
        runs: usize,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate { departments, years, out, seed } => match check_sizes(departments, years) {
            Ok(()) => run_generate(&out, departments, years, seed),
            Err(e) => usage_error(&e),
        },
        Command::Build { corpus, runs, no_compare, timings, purge_delay, results } => {
            let spec = match corpus.spec() {
                Ok(spec) => spec,
                Err(e) => return usage_error(&e),
            };
            let options = results::Options { runs: runs.max(1), comparisons: !no_compare, timings, purge_delay_ms: purge_delay };
            run_build(&corpus.out_root, &spec, &options, &results)
        }
        Command::Import { corpus, results } => match corpus.spec() {
            Ok(spec) => import::run(&corpus.out_root, spec.departments, spec.years, spec.seed, &results),
            Err(e) => usage_error(&e),
        },
        Command::Targets { corpus, rounds, media, disk_root, jixiao, hugo, no_hugo, no_search, keep, results } => {
            let spec = match corpus.spec() {
                Ok(spec) => spec,
                Err(e) => return usage_error(&e),
            };
            let jixiao = jixiao.unwrap_or_else(|| std::env::current_exe().ok().and_then(|p| Some(p.parent()?.join("jixiao"))).unwrap_or_else(|| "jixiao".into()));
            let started = jixiao::archive::utc_now();
            let (commit, machine) = (results::Commit::current(), results::Machine::current());
            let path = match ensure_corpus(&corpus.out_root, &spec) {
                Ok(p) => p,
                Err(e) => return usage_error(&e),
            };
            let settings = targets::Settings {
                corpus: path.clone(),
                label: format!("{}x{}", spec.departments, spec.years),
                shm_root: corpus.out_root.clone(),
                disk_root,
                media,
                rounds: rounds.max(1),
                jixiao,
                hugo: (!no_hugo).then_some(hugo),
                search_query: !no_search,
                keep,
            };
            let reports = spec.departments * spec.years;
            let corpus_facts = results::Corpus { departments: spec.departments, years: spec.years, seed: spec.seed, reports, path: path.display().to_string() };
            match targets::run(&settings, results::RunInfo { started, commit, machine, corpus: corpus_facts }) {
                Ok(run) => write_results(&results, &run.run.started, &run.run.commit, &run),
                Err(e) => usage_error(&e),
            }
        }
        Command::Scale { corpus, small_departments, rounds, jixiao, keep, results } => {
            let spec = match corpus.spec() {
                Ok(spec) => spec,
                Err(e) => return usage_error(&e),
            };
            let small_spec = CorpusSpec { departments: small_departments.unwrap_or(spec.departments / 10).max(1), years: spec.years, seed: spec.seed };
            if let Err(e) = check_sizes(small_spec.departments, small_spec.years) {
                return usage_error(&e);
            }
            let jixiao = jixiao.unwrap_or_else(|| std::env::current_exe().ok().and_then(|p| Some(p.parent()?.join("jixiao"))).unwrap_or_else(|| "jixiao".into()));
            let started = jixiao::archive::utc_now();
            let (commit, machine) = (results::Commit::current(), results::Machine::current());
            let (small, large) = match (ensure_corpus(&corpus.out_root, &small_spec), ensure_corpus(&corpus.out_root, &spec)) {
                (Ok(small), Ok(large)) => (small, large),
                (Err(e), _) | (_, Err(e)) => return usage_error(&e),
            };
            let settings = targets::scale::Settings { small, large: large.clone(), out_root: corpus.out_root.join("scale"), jixiao, rounds: rounds.max(1), keep };
            let reports = spec.departments * spec.years;
            let corpus_facts = results::Corpus { departments: spec.departments, years: spec.years, seed: spec.seed, reports, path: large.display().to_string() };
            match targets::scale::run(&settings, results::RunInfo { started, commit, machine, corpus: corpus_facts }) {
                Ok(run) => write_results(&results, &run.run.started, &run.run.commit, &run),
                Err(e) => usage_error(&e),
            }
        }
        Command::HugoSite { root, out } => match targets::hugo::write_site(&root, &out) {
            Ok(w) => {
                println!("wrote {} report pages of {} departments ({:.1} MB of Markdown) into {}", w.reports, w.departments, w.markdown_bytes as f64 / 1e6, out.display());
                ExitCode::SUCCESS
            }
            Err(e) => usage_error(&e),
        },
        Command::CorpusFacts { root, hugo_site } => match targets::CorpusFacts::read(&root, hugo_site.as_deref()) {
            Ok(facts) => {
                println!("{}", serde_json::to_string(&facts).expect("facts serialise"));
                ExitCode::SUCCESS
            }
            Err(e) => usage_error(&e),
        },
        Command::Probe { probe } => {
            let done = match probe {
                Probe::Compare { root, runs } => probe::compare::run(&root, runs.max(1)),
                Probe::IndexFloor { root, runs } => probe::index_floor::run(&root, runs.max(1)),
                Probe::Index { root, runs, chunk, per_report } => probe::index::run(&root, runs.max(1), chunk, per_report),
                Probe::Render { root, out, runs, no_compare } => probe::render::run(&root, &out, runs.max(1), !no_compare),
                Probe::Site { root, runs } => probe::site::run(&root, runs.max(1)),
                Probe::Search { root, runs } => probe::search::run(&root, runs.max(1)),
            };
            match done {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::WriteFloor { site, out } => match write_floor(&site, &out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

fn write_floor(site: &Path, out: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for entry in walkdir::WalkDir::new(site).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(site).map_err(std::io::Error::other)?.to_path_buf();
            files.push((rel, std::fs::read(entry.path())?));
        }
    }
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    let _ = std::fs::remove_dir_all(out);
    let cpu0 = jixiao::process_cpu_time();
    let t = Instant::now();
    files.par_iter().try_for_each(|(rel, b)| {
        // As `Staging::add` writes.
        jixiao::output::write_making_folders(&out.join(rel), &[b]).map_err(|(_, _, e)| e)
    })?;
    let wall = t.elapsed().as_secs_f64();
    let cpu = (jixiao::process_cpu_time() - cpu0).as_secs_f64();
    println!(
        "wrote {} files, {:.1} MB, in {wall:.2} s wall, {cpu:.2} s CPU (user+sys): {:.1} µs CPU per file",
        files.len(),
        bytes as f64 / 1e6,
        cpu * 1e6 / files.len().max(1) as f64
    );
    std::fs::remove_dir_all(out)
}

/// Prints a usage error and fails.
/// Writes a run's results file into `folder` and says where, or why not.
fn write_results(folder: &Path, started: &str, commit: &results::Commit, run: &impl serde::Serialize) -> ExitCode {
    match results::write(folder, started, commit, run) {
        Ok(p) => {
            println!("results: {}", p.display());
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(&format!("could not write the results into {}: {e}", folder.display())),
    }
}

fn usage_error(e: &str) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::FAILURE
}

fn check_sizes(departments: usize, years: usize) -> Result<(), String> {
    if departments == 0 || departments > 99_999 {
        return Err("--departments must be 1 to 99999".into());
    }
    if years == 0 || years > 30 {
        return Err("--years must be 1 to 30".into());
    }
    Ok(())
}

fn run_generate(out: &Path, departments: usize, years: usize, seed: u64) -> ExitCode {
    let t = Instant::now();
    match generate::generate(out, departments, years, seed) {
        Ok(g) => {
            println!(
                "generated {} reports ({} departments × {} years) in {} in {:.2} s: {:.1} MB of YAML, \
                 about {} non-ASCII characters and {} key figures per report",
                g.reports,
                departments,
                years,
                out.display(),
                t.elapsed().as_secs_f64(),
                g.bytes as f64 / 1e6,
                g.chars_per_report,
                g.figures_per_report,
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: could not generate the corpus in {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

/// The corpus of `spec` in `out_root` (`corpus-DxY`), generated unless it is there already
/// with the same parameters.
fn ensure_corpus(out_root: &Path, spec: &CorpusSpec) -> Result<PathBuf, String> {
    let CorpusSpec { departments, years, seed } = *spec;
    let corpus = out_root.join(format!("corpus-{departments}x{years}"));
    let fresh = std::fs::read_to_string(corpus.join(MARKER)).is_ok_and(|m| m == generate::marker(departments, years, seed));
    if !fresh && run_generate(&corpus, departments, years, seed) != ExitCode::SUCCESS {
        return Err(format!("could not generate the corpus in {}", corpus.display()));
    }
    Ok(corpus)
}

/// What corpus to build: `generate`'s parameters.
struct CorpusSpec {
    departments: usize,
    years: usize,
    seed: u64,
}

fn run_build(out_root: &Path, spec: &CorpusSpec, opts: &results::Options, results_folder: &Path) -> ExitCode {
    let CorpusSpec { departments, years, seed } = *spec;
    // Where and on what the run starts (the load average is the one before it).
    let (started, commit, machine) = (jixiao::archive::utc_now(), results::Commit::current(), results::Machine::current());
    let output = out_root.join(format!("out-{departments}x{years}"));
    let corpus = match ensure_corpus(out_root, spec) {
        Ok(c) => c,
        Err(_) => return ExitCode::FAILURE,
    };
    let mut options = jixiao::BuildOptions::new(&corpus);
    options.output = output.clone();
    options.comparisons = opts.comparisons;
    options.timings = opts.timings;
    jixiao::allocator::set_purge_delay(opts.purge_delay_ms);
    println!("corpus {} → {}", corpus.display(), output.display());

    let runs = opts.runs;
    let mut builds = Vec::new();
    let mut reports = 0;
    for (kind, label, clean) in [("full", "full build (empty output folder)", true), ("rebuild", "rebuild (nothing changed)", false)] {
        let mut times = Vec::new();
        // Per stage: wall-clock times and CPU times of the runs.
        let mut stages: Vec<(&'static str, Vec<Duration>, Vec<Duration>)> = Vec::new();
        let mut last = None;
        for _ in 0..runs {
            if clean
                && output.exists()
                && let Err(e) = std::fs::remove_dir_all(&output)
            {
                eprintln!("error: could not empty {}: {e}", output.display());
                return ExitCode::FAILURE;
            }
            let t = Instant::now();
            let summary = match jixiao::build(&options) {
                Ok(s) => s,
                Err(diagnostics) => {
                    eprint!("{diagnostics}");
                    return ExitCode::FAILURE;
                }
            };
            times.push(t.elapsed());
            for st in &summary.stages {
                match stages.iter_mut().find(|(n, _, _)| *n == st.stage) {
                    Some((_, v, c)) => {
                        v.push(st.elapsed);
                        c.push(st.cpu);
                    }
                    None => stages.push((st.stage, vec![st.elapsed], vec![st.cpu])),
                }
            }
            last = Some(summary);
        }
        let s = last.expect("at least one run");
        reports = s.reports;
        let med = median(&mut times);
        println!(
            "{label}: median {:.3} s over {runs} runs (min {:.3}, max {:.3}); {} reports, {} files, \
             {} written, {} removed; {:.0} files/s, {:.0} reports/s",
            med.as_secs_f64(),
            times[0].as_secs_f64(),
            times[times.len() - 1].as_secs_f64(),
            s.reports,
            s.files,
            s.written,
            s.removed,
            s.files as f64 / med.as_secs_f64(),
            s.reports as f64 / med.as_secs_f64(),
        );
        let stages: Vec<results::Stage> = stages
            .iter_mut()
            .map(|(n, v, c)| results::Stage { stage: n.to_string(), wall_s: median(v).as_secs_f64(), cpu_s: median(c).as_secs_f64() })
            .collect();
        let parts: Vec<String> = stages.iter().map(|st| format!("{} {:.3} s (CPU {:.2} s)", st.stage, st.wall_s, st.cpu_s)).collect();
        println!("  stage medians, wall (CPU user+sys): {}", parts.join(", "));
        let search = results::Search::of(&s.search);
        println!(
            "  search (last run): records {:.3} s, record files {:.3} s, tokenise+merge {:.3} s, merge back and write {:.3} s, \
             manifest {:.3} s; postings {} MB ({} MB spilled)",
            search.records_s, search.record_files_s, search.tokenise_s, search.finish_s, search.manifest_s, search.postings_mb, search.spilled_mb
        );
        let render_kinds: Vec<results::RenderKind> = s.render_times.iter().map(results::RenderKind::of).collect();
        for k in &render_kinds {
            println!(
                "  render {} (last run): {} pages; thread s: context {:.3}, comparisons+charts {:.3}, tera {:.3}, files {:.3}",
                k.kind, k.pages, k.context_s, k.extras_s, k.tera_s, k.files_s
            );
        }
        builds.push(results::Timed {
            kind,
            seconds: times.iter().map(Duration::as_secs_f64).collect(),
            median_s: med.as_secs_f64(),
            files: s.files,
            written: s.written,
            removed: s.removed,
            files_per_s: s.files as f64 / med.as_secs_f64(),
            reports_per_s: s.reports as f64 / med.as_secs_f64(),
            stages,
            render_kinds,
            search,
        });
    }
    let rss = jixiao::memory_kb("VmHWM:");
    if rss > 0 {
        println!("peak RSS of this process: {:.0} MB", rss as f64 / 1024.0);
    }
    let run = results::Run {
        started,
        commit,
        machine,
        corpus: results::Corpus { departments, years, seed, reports, path: corpus.display().to_string() },
        options: *opts,
        builds,
        peak_rss_mb: rss / 1024,
    };
    match results::write(results_folder, &run.started, &run.commit, &run) {
        Ok(path) => {
            println!("results: {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: could not write the results into {}: {e}", results_folder.display());
            ExitCode::FAILURE
        }
    }
}

/// Median of the durations (sorts them).
fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run of `build` on a tiny corpus leaves one results file that says what was built and
    /// how long each part took.
    #[test]
    fn build_writes_one_results_file_per_run() {
        let tmp = tempfile::tempdir().unwrap();
        let results_folder = tmp.path().join("results");
        let spec = CorpusSpec { departments: 2, years: 1, seed: DEFAULT_SEED };
        let options = results::Options { runs: 1, comparisons: false, timings: true, purge_delay_ms: jixiao::allocator::KEEP_FREED };
        assert_eq!(run_build(tmp.path(), &spec, &options, &results_folder), ExitCode::SUCCESS);

        let files: Vec<PathBuf> = std::fs::read_dir(&results_folder).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(files.len(), 1, "{files:?}");
        let name = files[0].file_name().unwrap().to_str().unwrap();
        let (stamp, commit) = name.strip_suffix(".json").unwrap().split_once("Z-").unwrap();
        assert!(stamp.len() == 17 && stamp.as_bytes()[10] == b'T' && stamp[11..].bytes().all(|b| b.is_ascii_digit()), "{name}");
        assert!(commit == "unknown" || (commit.len() == 7 && commit.bytes().all(|b| b.is_ascii_hexdigit())), "{name}");

        let run: serde_json::Value = serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
        assert_eq!(run["commit"]["short"], commit);
        assert_eq!((run["corpus"]["departments"].as_u64(), run["corpus"]["years"].as_u64(), run["corpus"]["reports"].as_u64()), (Some(2), Some(1), Some(2)));
        assert_eq!(run["options"]["comparisons"], false);
        assert!(run["machine"]["cores"].as_u64().unwrap() >= 1 && run["machine"]["cpu"].is_string());
        let builds = run["builds"].as_array().unwrap();
        assert_eq!(builds.iter().map(|b| b["kind"].as_str().unwrap()).collect::<Vec<_>>(), ["full", "rebuild"]);
        assert_eq!(builds[0]["written"], builds[0]["files"], "a full build writes every file");
        assert_eq!(builds[1]["written"], 0, "a rebuild with nothing changed writes none");
        for b in builds {
            assert_eq!(b["seconds"].as_array().unwrap().len(), 1);
            let stages: Vec<&str> = b["stages"].as_array().unwrap().iter().map(|s| s["stage"].as_str().unwrap()).collect();
            assert!(stages.contains(&"render") && stages.contains(&"search"), "{stages:?}");
            let kinds = b["render_kinds"].as_array().unwrap();
            let report = kinds.iter().find(|k| k["kind"] == "report").expect("report pages timed");
            assert_eq!(report["pages"], 2);
            assert!(!kinds.iter().any(|k| k["kind"] == "indicator"), "no indicator pages without comparisons");
            assert!(b["search"]["tokenise_s"].as_f64().unwrap() > 0.0);
        }
    }
}
