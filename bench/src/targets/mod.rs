//! `jixiao-bench targets`: one command that measures every figure of issue 29's performance
//! targets on a generated corpus, as ratios taken in the same run:
//!
//! - a full `jixiao build --no-cache` against Hugo (Debian's `hugo`) building the same reports
//!   as Markdown ([`hugo`]), alternating (Hugo first), on each output medium (tmpfs and disk);
//! - `jixiao build` with nothing changed, and after editing one report's figure and title, each
//!   as a share of the full build;
//! - `jixiao serve` on the existing output: the time until `/` answers 200, as a share of the
//!   full build;
//! - the peak resident memory of each program ([`child`]);
//! - the built site's files and bytes per report by kind ([`output_size`]);
//! - the bytes a browser receives for a first search query ([`search_query`]) and the search
//!   (index) stage's time from the build's own stage times.
//!
//! Every timed figure is the median of `--rounds` runs; the results file holds every run.

pub(crate) mod child;
pub(crate) mod hugo;
pub(crate) mod output_size;
pub(crate) mod scale;
pub(crate) mod search_query;

use crate::results;
use child::Measured;
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// What a run needs to know of its corpus. Read by a child process (`jixiao-bench
/// corpus-facts`), never by the benchmark itself: Linux keeps a process's peak resident memory
/// across `exec`, so every program the benchmark starts would report at least the memory of a
/// loaded corpus (1 GB at 10,000 reports) as its own peak.
#[derive(Debug, Serialize, serde::Deserialize)]
pub(crate) struct CorpusFacts {
    /// The departments' ids.
    departments: BTreeSet<String>,
    /// Published (not draft) reports.
    reports: usize,
    /// The report file the edit runs change: the first department's last report.
    edited: PathBuf,
    /// What was written as a Hugo site, when one was asked for.
    hugo: Option<results::HugoSiteFacts>,
}

impl CorpusFacts {
    /// Loads the corpus at `corpus`, and writes it as the Hugo site `hugo_site` when given.
    pub(crate) fn read(corpus: &Path, hugo_site: Option<&Path>) -> Result<CorpusFacts, String> {
        let hugo = hugo_site
            .map(|site| hugo::write_site(corpus, site).map(|w| results::HugoSiteFacts { reports: w.reports, departments: w.departments, markdown_bytes: w.markdown_bytes }))
            .transpose()?;
        let content = jixiao::load::load(corpus).map_err(|d| format!("the corpus does not load:\n{d}"))?;
        let departments = content.departments.iter().map(|d| d.id.clone()).collect();
        let reports = content.departments.iter().flat_map(|d| &d.reports).filter(|r| !r.report.draft).count();
        let edited = content.departments.first().and_then(|d| d.reports.last()).map(|r| corpus.join(&r.path)).ok_or("the corpus has no report")?;
        Ok(CorpusFacts { departments, reports, edited, hugo })
    }

    /// Runs `jixiao-bench corpus-facts` (this program) on `corpus` and reads what it prints.
    fn from_child(corpus: &Path, hugo_site: Option<&Path>) -> Result<CorpusFacts, String> {
        let me = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
        let mut command = Command::new(me);
        command.arg("corpus-facts").arg("--root").arg(corpus);
        if let Some(site) = hugo_site {
            command.arg("--hugo-site").arg(site);
        }
        let output = command.output().map_err(|e| format!("cannot run corpus-facts: {e}"))?;
        if !output.status.success() {
            return Err(format!("corpus-facts failed on {}:\n{}", corpus.display(), String::from_utf8_lossy(&output.stderr)));
        }
        serde_json::from_slice(&output.stdout).map_err(|e| format!("corpus-facts printed what is not its JSON: {e}"))
    }
}

/// Where a run's outputs are written: the medium is what differs between the two sets of runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Medium {
    /// tmpfs (`--out-root`, /dev/shm by default): the programs' own time.
    Shm,
    /// The root file system (`--disk-root`, /tmp by default): what a user's disk adds.
    Disk,
}

/// The command's settings.
pub(crate) struct Settings {
    /// The corpus's folder (made by [`crate::ensure_corpus`]).
    pub(crate) corpus: PathBuf,
    /// Departments × years of the corpus (for folder names).
    pub(crate) label: String,
    /// Folder on tmpfs for the Hugo site, logs, and the tmpfs outputs.
    pub(crate) shm_root: PathBuf,
    /// Folder on disk for the disk outputs.
    pub(crate) disk_root: PathBuf,
    /// Media to time on, in this order.
    pub(crate) media: Vec<Medium>,
    /// Timed runs of each kind on each medium.
    pub(crate) rounds: usize,
    /// The `jixiao` binary timed.
    pub(crate) jixiao: PathBuf,
    /// The `hugo` binary timed (installed with apt-get when it is `hugo` and missing); none:
    /// Hugo is not run.
    pub(crate) hugo: Option<PathBuf>,
    /// Also measure the first search query in a browser (fails when it cannot run).
    pub(crate) search_query: bool,
    /// Keep the outputs and the Hugo site afterwards.
    pub(crate) keep: bool,
}

/// Runs the benchmark; the run's results (written by the caller). When it fails, its outputs
/// and the Hugo site are removed (unless `keep`); the logs stay, to say what failed.
pub(crate) fn run(s: &Settings, run: results::RunInfo) -> Result<results::TargetsRun, String> {
    let measured = measure(s, run);
    if measured.is_err() && !s.keep {
        for dir in [medium_root(s, Medium::Shm), medium_root(s, Medium::Disk), s.shm_root.join(format!("hugo-{}", s.label))] {
            let _ = remove(&dir);
        }
    }
    measured
}

/// The folder a medium's outputs go in.
fn medium_root(s: &Settings, medium: Medium) -> PathBuf {
    match medium {
        Medium::Shm => s.shm_root.join(format!("targets-{}", s.label)),
        Medium::Disk => s.disk_root.join(format!("targets-{}", s.label)),
    }
}

fn measure(s: &Settings, run: results::RunInfo) -> Result<results::TargetsRun, String> {
    let hugo_version = s.hugo.as_deref().map(ensure_hugo).transpose()?;
    let jixiao_version = version(&s.jixiao, &["--version"])?;
    let cache = supports_no_cache(&s.jixiao)?;
    println!("jixiao: {} ({jixiao_version}); cache: {}", s.jixiao.display(), if cache { "yes (--no-cache for full builds)" } else { "absent (every build is a full build)" });
    println!("hugo: {}", hugo_version.as_deref().unwrap_or("not run (--no-hugo)"));

    let logs = s.shm_root.join(format!("targets-{}-logs", s.label));
    std::fs::create_dir_all(&logs).map_err(|e| format!("cannot make {}: {e}", logs.display()))?;
    let hugo_site = s.shm_root.join(format!("hugo-{}", s.label));
    let facts = CorpusFacts::from_child(&s.corpus, s.hugo.is_some().then_some(hugo_site.as_path()))?;
    let written = facts.hugo;
    if let Some(w) = &written {
        println!("Hugo site: {} report pages, {} departments, {:.1} MB of Markdown in {}", w.reports, w.departments, w.markdown_bytes as f64 / 1e6, hugo_site.display());
    }
    let (departments, reports, edited) = (facts.departments, facts.reports, facts.edited);
    let edited_rel = edited.strip_prefix(&s.corpus).unwrap_or(&edited).to_path_buf();

    let mut media = Vec::new();
    let mut kept = None;
    for &medium in &s.media {
        let root = medium_root(s, medium);
        let (jixiao_out, hugo_out) = (root.join("jixiao"), root.join("hugo"));
        // Each program's sources (the site root, with the cache jixiao keeps in it, and the Hugo
        // site) lie on the medium its output goes to, as on a user's machine: a copy, made
        // before the rounds and not timed. Only tmpfs times the shared copies in place.
        let (corpus, source) = match medium {
            Medium::Shm => (s.corpus.clone(), hugo_site.clone()),
            Medium::Disk => {
                let (corpus, source) = (root.join("site"), root.join("hugo-site"));
                copy_tree(&s.corpus, &corpus)?;
                if s.hugo.is_some() {
                    copy_tree(&hugo_site, &source)?;
                }
                (corpus, source)
            }
        };
        let edit = Edit::new(&corpus.join(&edited_rel))?;
        let mut m = results::MediumRuns::new(medium, &root);
        for round in 0..s.rounds {
            println!("{medium:?} round {}/{}", round + 1, s.rounds);
            let log = |name: &str| logs.join(format!("{medium:?}-{round}-{name}.log"));
            // Full builds into emptied folders (emptying is not timed), alternating: Hugo, then
            // jixiao. Both outputs are emptied before Hugo runs and Hugo's is counted and removed
            // after it: Hugo holds the whole site in memory (12 GB at 10,000 reports), and on
            // tmpfs the outputs take memory too.
            empty(&jixiao_out)?;
            if let Some(hugo) = &s.hugo {
                empty(&hugo_out)?;
                let h = child::run(Command::new(hugo).arg("--source").arg(&source).arg("--destination").arg(&hugo_out), &log("hugo"))?;
                show("hugo", &h);
                m.hugo.push(h);
                m.hugo_output = Some(output_size::measure(&hugo_out, &BTreeSet::new(), reports)?);
                if !s.keep || round + 1 < s.rounds {
                    empty(&hugo_out)?;
                }
            }
            let mut cmd = jixiao_build(s, &corpus, &jixiao_out);
            if cache {
                cmd.arg("--no-cache");
            }
            let full = child::run(&mut cmd, &log("full"))?;
            m.stages.push(stage_times(&log("full"))?);
            show("jixiao build (full)", &full);
            m.full.push(full);
            // A build that follows the full one fills the cache if `--no-cache` did not: the
            // no-change build below is the steady state of a site rebuilt again and again.
            if cache {
                child::run(&mut jixiao_build(s, &corpus, &jixiao_out), &log("prime"))?;
            }
            let same = child::run(&mut jixiao_build(s, &corpus, &jixiao_out), &log("nochange"))?;
            show("jixiao build (nothing changed)", &same);
            m.nochange.push(same);
            edit.apply(round + 1)?;
            let edited = child::run(&mut jixiao_build(s, &corpus, &jixiao_out), &log("edit"))?;
            show("jixiao build (one report edited)", &edited);
            m.edit.push(edited);
            let port = child::free_port()?;
            let mut serve = Command::new(&s.jixiao);
            serve.args(["--lang", "en", "serve", "--root"]).arg(&corpus).arg("--output").arg(&jixiao_out).args(["--port", &port.to_string()]);
            let ready = child::time_until_ready(&mut serve, port, &log("serve"), Duration::from_secs(1800))?;
            println!("  jixiao serve: / answered 200 after {ready:.3} s");
            m.serve_ready_s.push(ready);
        }
        edit.restore()?;
        m.finish();
        print_medium(&m);
        media.push(m);
        // The first medium's output is measured below; the others' are removed now.
        if kept.is_none() {
            kept = Some((root, jixiao_out));
        } else if !s.keep {
            remove(&root)?;
        }
    }

    let (first_root, output) = kept.ok_or("no medium to time on")?;
    let size = output_size::measure(&output, &departments, reports)?;
    println!("output: {} files ({:.1} per report), {:.1} MB ({:.1} KB per report)", size.files, size.files_per_report, size.bytes as f64 / 1e6, size.kb_per_report);
    for k in size.kinds.iter().filter(|k| k.files > 0) {
        println!("  {:<17} {:>8} files ({:>5.2} per report) {:>9.1} KB per report", k.kind, k.files, k.files_per_report, k.kb_per_report);
    }
    let search = if s.search_query {
        match search_query::missing() {
            Some(why) => return Err(format!("cannot measure the first search query: {why}")),
            None => {
                let summary = search_query::measure(&output, &logs.join("search-measure.json"))?;
                println!("search, first query with its first page of results, gzipped: median {} bytes", summary["first_with_records_gz_median"]);
                Some(summary)
            }
        }
    } else {
        None
    };
    if !s.keep {
        remove(&first_root)?;
        if s.hugo.is_some() {
            remove(&hugo_site)?;
        }
        remove(&logs)?;
    }
    let targets = results::targets_for(reports, &media, &size, search.as_ref());
    for t in &targets {
        println!("target {:<40} {:>12.3} ≤ {:<8} {}", format!("{} ({})", t.figure, t.medium.map_or("-".into(), |m| format!("{m:?}"))), t.value, t.limit, if t.met { "met" } else { "NOT MET" });
    }
    Ok(results::TargetsRun {
        benchmark: "targets",
        run,
        reports,
        jixiao: results::Program { binary: s.jixiao.display().to_string(), version: jixiao_version },
        cache: if cache { "no-cache flag" } else { "absent" },
        hugo: s.hugo.as_ref().zip(hugo_version).map(|(h, version)| results::Program { binary: h.display().to_string(), version }),
        hugo_site: written,
        rounds: s.rounds,
        edited: edited_rel.display().to_string(),
        media,
        output: size,
        search_query: search,
        targets,
    })
}

/// `jixiao build` of the site root `corpus` into `out`, printing its stage times (`--verbose`:
/// the stage lines `--timings` prints, without timing each page).
fn jixiao_build(s: &Settings, corpus: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(&s.jixiao);
    cmd.args(["--lang", "en", "build", "--verbose", "--root"]).arg(corpus).arg("--output").arg(out);
    cmd
}

/// A fresh copy of the folder `from` at `to` (what was at `to` is removed first): files copied,
/// not linked, so that they lie on `to`'s file system. A build cache (`.jixiao/`) is left out:
/// the copy's builds make their own.
fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    remove(to)?;
    let walk = walkdir::WalkDir::new(from).sort_by_file_name().into_iter().filter_entry(|e| e.depth() != 1 || e.file_name() != ".jixiao");
    for entry in walk {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let rel = entry.path().strip_prefix(from).expect("under the walked folder");
        let target = to.join(rel);
        let made = if entry.file_type().is_dir() { std::fs::create_dir_all(&target) } else { std::fs::copy(entry.path(), &target).map(drop) };
        made.map_err(|e| format!("cannot copy {} to {}: {e}", entry.path().display(), target.display()))?;
    }
    Ok(())
}

fn show(what: &str, m: &Measured) {
    println!("  {what}: {:.3} s, CPU {:.2} s, peak RSS {:.0} MB", m.wall_s, m.cpu_s, m.peak_rss_mb);
}

fn print_medium(m: &results::MediumRuns) {
    let r = &m.ratios;
    let hugo = match r.full_over_hugo {
        Some(ratio) => format!("hugo {:.3} s (full ÷ hugo {ratio:.3})", m.hugo_summary.median_s),
        None => "hugo not run".into(),
    };
    println!(
        "{:?}: full {:.3} s, {hugo}; nothing changed {:.3} s ({:.1} % of full); one report edited {:.3} s ({:.1} %); serve ready {:.3} s ({:.1} %); peak RSS jixiao {:.0} MB, hugo {:.0} MB",
        m.medium,
        m.full_summary.median_s,
        m.nochange_summary.median_s,
        r.nochange_over_full * 100.0,
        m.edit_summary.median_s,
        r.edit_over_full * 100.0,
        m.serve_ready_median_s,
        r.serve_over_full * 100.0,
        m.full_summary.peak_rss_mb_max,
        m.hugo_summary.peak_rss_mb_max,
    );
}

/// The stage lines a `jixiao build --verbose` printed (`  load  280.0 ms   CPU  460.0 ms …`),
/// as (stage, wall seconds, CPU seconds).
fn stage_times(log: &Path) -> Result<Vec<results::Stage>, String> {
    let text = std::fs::read_to_string(log).map_err(|e| format!("cannot read {}: {e}", log.display()))?;
    let stages = parse_stage_lines(&text);
    if stages.is_empty() {
        return Err(format!("{} has no stage times (jixiao build --verbose prints them)", log.display()));
    }
    Ok(stages)
}

pub(crate) fn parse_stage_lines(text: &str) -> Vec<results::Stage> {
    text.lines()
        .filter_map(|line| {
            let w: Vec<&str> = line.split_whitespace().collect();
            match w.as_slice() {
                [stage, ms, "ms", "CPU", cpu, "ms", ..] => Some(results::Stage { stage: stage.to_string(), wall_s: ms.parse::<f64>().ok()? / 1e3, cpu_s: cpu.parse::<f64>().ok()? / 1e3 }),
                _ => None,
            }
        })
        .collect()
}

/// Whether `jixiao build` has `--no-cache` (the persistent cache in ROOT/.jixiao/).
fn supports_no_cache(jixiao: &Path) -> Result<bool, String> {
    let help = version(jixiao, &["--lang", "en", "build", "--help"])?;
    Ok(help.contains("--no-cache"))
}

/// What `program args` prints (trimmed), which must succeed.
fn version(program: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program).args(args).output().map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    if !out.status.success() {
        return Err(format!("{} {} failed: {}", program.display(), args.join(" "), String::from_utf8_lossy(&out.stderr)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Hugo's version; installs Debian's `hugo` with apt-get first when `hugo` is missing (as
/// root; otherwise fails saying how to install it).
fn ensure_hugo(hugo: &Path) -> Result<String, String> {
    if let Ok(v) = version(hugo, &["version"]) {
        return Ok(v);
    }
    if hugo != Path::new("hugo") {
        return Err(format!("{} does not run (hugo version failed)", hugo.display()));
    }
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Err("hugo is not installed: install Debian's package (sudo apt-get install hugo), or give --hugo PATH".into());
    }
    println!("hugo is missing: installing Debian's hugo (apt-get install -y hugo)");
    for args in [&["update", "-qq"][..], &["install", "-y", "-qq", "--no-install-recommends", "hugo"]] {
        let status = Command::new("apt-get").args(args).env("DEBIAN_FRONTEND", "noninteractive").status().map_err(|e| format!("cannot run apt-get: {e}"))?;
        if !status.success() {
            return Err(format!("apt-get {} failed ({status})", args.join(" ")));
        }
    }
    version(hugo, &["version"])
}

pub(crate) fn empty(dir: &Path) -> Result<(), String> {
    remove(dir)
}

fn remove(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!("cannot remove {}: {e}", dir.display())),
        _ => Ok(()),
    }
}

/// The report edited between the no-change build and the edited one: its title gets a suffix
/// and its first target's result value grows by the round's number, so that each round's edit
/// differs from the last; the file's bytes are put back afterwards (also when the run fails).
struct Edit {
    path: PathBuf,
    original: String,
}

impl Edit {
    fn new(path: &Path) -> Result<Edit, String> {
        let original = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        edited(&original, 1).ok_or_else(|| format!("{} has no `title:` line or no target result `value:` to edit", path.display()))?;
        Ok(Edit { path: path.to_path_buf(), original })
    }

    fn apply(&self, round: usize) -> Result<(), String> {
        let text = edited(&self.original, round).expect("checked in Edit::new");
        std::fs::write(&self.path, text).map_err(|e| format!("cannot write {}: {e}", self.path.display()))
    }

    fn restore(&self) -> Result<(), String> {
        std::fs::write(&self.path, &self.original).map_err(|e| format!("cannot restore {}: {e}", self.path.display()))
    }
}

impl Drop for Edit {
    fn drop(&mut self) {
        let _ = std::fs::write(&self.path, &self.original);
    }
}

/// A generated report's YAML with edit number `n`: `（修订n）` at the end of its title, and its
/// first target result's `value:` plus `n`, written with the same decimals.
fn edited(yaml: &str, n: usize) -> Option<String> {
    let mut out = String::with_capacity(yaml.len() + 32);
    let (mut title, mut value, mut in_result) = (false, false, false);
    for line in yaml.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        if !title && let Some(t) = body.strip_prefix("title: \"").and_then(|t| t.strip_suffix('"')) {
            out.push_str(&format!("title: \"{t}（修订{n}）\"\n"));
            title = true;
            continue;
        }
        if in_result && !value && let Some(v) = body.strip_prefix("      value: ") {
            let decimals = v.split_once('.').map_or(0, |(_, f)| f.len());
            let x: f64 = v.trim().parse().ok()?;
            out.push_str(&format!("      value: {:.decimals$}\n", x + n as f64));
            value = true;
            continue;
        }
        in_result = body == "    result:";
        out.push_str(line);
    }
    (title && value).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_changes_the_title_and_one_result_figure() {
        let yaml = "year: 2024\ntitle: \"2024年度报告\"\ntargets:\n  - id: t1\n    target:\n      value: 595\n    result:\n      value: 98.74\n      text: \"x\"\n  - id: t2\n    result:\n      value: 3\n";
        let e = edited(yaml, 2).unwrap();
        assert_eq!(e, yaml.replace("2024年度报告", "2024年度报告（修订2）").replace("98.74", "100.74"));
        assert_eq!(edited("title: \"x\"\n", 1), None, "nothing to edit is said, not ignored");
    }

    #[test]
    fn stage_lines_are_read_from_a_verbose_build() {
        let log = "  load         280.0 ms   CPU      460.5 ms   memory after    230 MB\n  search      1760.0 ms   CPU     3100.0 ms   memory after    400 MB\nbuilt 10 pages\n";
        let s = parse_stage_lines(log);
        assert_eq!(s.iter().map(|s| (s.stage.as_str(), s.wall_s, s.cpu_s)).collect::<Vec<_>>(), [("load", 0.28, 0.4605), ("search", 1.76, 3.1)]);
    }
}
