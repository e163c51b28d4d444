//! `jixiao-bench`: generates a synthetic corpus of reports and times `jixiao::build` on it.
//!
//! ```text
//! jixiao-bench generate --departments 100 --years 10 --out /dev/shm/corpus-1k
//! jixiao-bench build --departments 100 --years 10 --out-root /dev/shm --runs 5
//! ```
//! See bench/README.md for the figures and how to reproduce them.

mod generate;
mod phrases;
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
        /// Number of departments.
        #[arg(long)]
        departments: usize,
        /// Number of years per department.
        #[arg(long)]
        years: usize,
        /// Folder holding the corpus (`corpus-DxY`) and the output (`out-DxY`).
        #[arg(long, default_value = "/dev/shm/jixiao-bench")]
        out_root: PathBuf,
        /// Timed runs of each kind (full build into an empty folder; rebuild with nothing changed).
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Random seed of the corpus.
        #[arg(long, default_value_t = DEFAULT_SEED)]
        seed: u64,
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

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate { departments, years, out, seed } => {
            if let Err(e) = check_sizes(departments, years) {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
            run_generate(&out, departments, years, seed)
        }
        Command::Build { departments, years, out_root, runs, seed } => {
            if let Err(e) = check_sizes(departments, years) {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
            run_build(&out_root, departments, years, runs.max(1), seed)
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

fn run_build(out_root: &Path, departments: usize, years: usize, runs: usize, seed: u64) -> ExitCode {
    let corpus = out_root.join(format!("corpus-{departments}x{years}"));
    let output = out_root.join(format!("out-{departments}x{years}"));
    let fresh = std::fs::read_to_string(corpus.join(MARKER))
        .is_ok_and(|m| m == generate::marker(departments, years, seed));
    if !fresh && run_generate(&corpus, departments, years, seed) != ExitCode::SUCCESS {
        return ExitCode::FAILURE;
    }
    let options = jixiao::BuildOptions {
        root: corpus.clone(),
        output: output.clone(),
        drafts: false,
        force: false,
        snapshot: None,
    };
    println!("corpus {} → {}", corpus.display(), output.display());

    for (kind, clean) in [("full build (empty output folder)", true), ("rebuild (nothing changed)", false)] {
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
        let med = median(&mut times);
        println!(
            "{kind}: median {:.3} s over {runs} runs (min {:.3}, max {:.3}); {} reports, {} files, \
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
        let parts: Vec<String> = stages
            .iter_mut()
            .map(|(n, v, c)| format!("{n} {:.3} s (CPU {:.2} s)", median(v).as_secs_f64(), median(c).as_secs_f64()))
            .collect();
        println!("  stage medians, wall (CPU user+sys): {}", parts.join(", "));
    }
    let rss = jixiao::memory_kb("VmHWM:");
    if rss > 0 {
        println!("peak RSS of this process: {:.0} MB", rss as f64 / 1024.0);
    }
    ExitCode::SUCCESS
}

/// Median of the durations (sorts them).
fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}
