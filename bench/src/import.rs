//! `jixiao-bench import`: is importing the reports an office has cheaper than building them?
//! Generates the corpus (as `build` does), writes every report as the text of a published report
//! ([`crate::report_text`]), then in one run times importing all those texts through the library
//! (`jixiao::import::import`, which reads and recognises but writes nothing; `--dry-run` does the
//! same) and one full `jixiao::build` of the same corpus, and prints the ratio import ÷ build.
//!
//! Each import is given the department, year and name, and a scratch site root without
//! content, so no import looks up earlier years (that lookup loads the department's reports; in
//! a real import it is done once per report, as here it would be a thousand loads of the corpus).

use crate::results;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// One text per report, written beside the corpus: `texts-DxY/<department>-<year>.txt`.
struct Texts {
    /// (department id, year, department name, text file).
    files: Vec<(String, u16, String, PathBuf)>,
    /// Characters of all the texts.
    chars: usize,
}

/// Loads the corpus and writes each report's text into `folder` (replaced).
fn write_texts(corpus: &Path, folder: &Path) -> Result<Texts, String> {
    let content = jixiao::load::load(corpus).map_err(|d| format!("the corpus does not load:\n{d}"))?;
    let _ = std::fs::remove_dir_all(folder);
    std::fs::create_dir_all(folder).map_err(|e| format!("cannot make {}: {e}", folder.display()))?;
    let mut files = Vec::new();
    let mut chars = 0;
    for d in &content.departments {
        for r in &d.reports {
            let text = crate::report_text::report_text(&r.report);
            chars += text.chars().count();
            let path = folder.join(format!("{}-{}.txt", d.id, r.year));
            std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            files.push((d.id.clone(), r.year, d.profile.name.clone(), path));
        }
    }
    Ok(Texts { files, chars })
}

/// Runs the benchmark on the corpus of `spec` under `out_root`; writes the results file.
pub(crate) fn run(out_root: &Path, departments: usize, years: usize, seed: u64, results_folder: &Path) -> ExitCode {
    match measure(out_root, departments, years, seed, results_folder) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn measure(out_root: &Path, departments: usize, years: usize, seed: u64, results_folder: &Path) -> Result<(), String> {
    let (started, commit, machine) = (jixiao::archive::utc_now(), results::Commit::current(), results::Machine::current());
    let corpus = crate::ensure_corpus(out_root, &crate::CorpusSpec { departments, years, seed })?;
    let texts = write_texts(&corpus, &out_root.join(format!("texts-{departments}x{years}")))?;
    let scratch = out_root.join("import-scratch-root");
    std::fs::create_dir_all(&scratch).map_err(|e| format!("cannot make {}: {e}", scratch.display()))?;

    // (a) Import every text, in parallel as build renders in parallel.
    let cpu0 = jixiao::process_cpu_time();
    let t = Instant::now();
    let figures: Result<Vec<usize>, String> = texts
        .files
        .par_iter()
        .map(|(department, year, name, path)| {
            let options = jixiao::import::Options {
                files: vec![path.clone()],
                root: scratch.clone(),
                department: Some(department.clone()),
                year: Some(*year),
                name: Some(name.clone()),
            };
            jixiao::import::import(&options).map(|i| i.findings.figures).map_err(|d| format!("{}: {}", path.display(), d.message.en))
        })
        .collect();
    let import_s = t.elapsed().as_secs_f64();
    let import_cpu_s = (jixiao::process_cpu_time() - cpu0).as_secs_f64();
    let figures = figures?;
    let figures_total: usize = figures.iter().sum();
    println!(
        "import: {} reports ({:.1} M characters of text, {} typed figures recognised) in {import_s:.3} s (CPU {import_cpu_s:.2} s), {:.0} reports/s",
        texts.files.len(),
        texts.chars as f64 / 1e6,
        figures_total,
        texts.files.len() as f64 / import_s
    );

    // (b) One full build of the same corpus into an empty folder.
    let output = out_root.join(format!("out-{departments}x{years}"));
    if output.exists() {
        std::fs::remove_dir_all(&output).map_err(|e| format!("cannot empty {}: {e}", output.display()))?;
    }
    let mut options = jixiao::BuildOptions::new(&corpus);
    options.output = output;
    let cpu0 = jixiao::process_cpu_time();
    let t = Instant::now();
    let summary = jixiao::build(&options).map_err(|d| format!("the corpus does not build:\n{d}"))?;
    let build_s = t.elapsed().as_secs_f64();
    let build_cpu_s = (jixiao::process_cpu_time() - cpu0).as_secs_f64();
    println!("build: {} reports, {} files in {build_s:.3} s (CPU {build_cpu_s:.2} s)", summary.reports, summary.files);
    let ratio = import_s / build_s;
    println!("import ÷ build: {ratio:.3} (wall), {:.3} (CPU)", import_cpu_s / build_cpu_s);

    let run = results::ImportRun {
        benchmark: "import",
        started,
        commit,
        machine,
        corpus: results::Corpus { departments, years, seed, reports: summary.reports, path: corpus.display().to_string() },
        texts: texts.files.len(),
        text_chars: texts.chars,
        figures: figures_total,
        import_s,
        import_cpu_s,
        build_s,
        build_cpu_s,
        build_files: summary.files,
        ratio,
    };
    let path = results::write(results_folder, &run.started, &run.commit, &run).map_err(|e| format!("could not write the results into {}: {e}", results_folder.display()))?;
    println!("results: {}", path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run on a tiny corpus imports every report's text and leaves one results file with the
    /// two timings and their ratio.
    #[test]
    fn import_writes_one_results_file_with_the_ratio() {
        let tmp = tempfile::tempdir().unwrap();
        let results_folder = tmp.path().join("results");
        assert_eq!(run(tmp.path(), 2, 2, crate::DEFAULT_SEED, &results_folder), ExitCode::SUCCESS);
        let files: Vec<PathBuf> = std::fs::read_dir(&results_folder).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(files.len(), 1, "{files:?}");
        let run: serde_json::Value = serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
        assert_eq!(run["benchmark"], "import");
        assert_eq!((run["texts"].as_u64(), run["corpus"]["reports"].as_u64()), (Some(4), Some(4)));
        assert!(run["figures"].as_u64().unwrap() > 4 * 50, "the texts' figures are recognised: {}", run["figures"]);
        let (import_s, build_s, ratio) = (run["import_s"].as_f64().unwrap(), run["build_s"].as_f64().unwrap(), run["ratio"].as_f64().unwrap());
        assert!(import_s > 0.0 && build_s > 0.0 && (ratio - import_s / build_s).abs() < 1e-9, "{run}");
    }

    /// Every generated report written as text has the seed's outline: the import finds each of
    /// its sections under its heading (a generated report has no cover sheet and no 自评表 text).
    #[test]
    fn the_texts_have_the_seeds_outline() {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("corpus");
        crate::generate::generate(&corpus, 2, 2, crate::DEFAULT_SEED).unwrap();
        let texts = write_texts(&corpus, &tmp.path().join("texts")).unwrap();
        assert_eq!(texts.files.len(), 4);
        let scratch = tmp.path().join("scratch");
        std::fs::create_dir_all(&scratch).unwrap();
        for (department, year, name, path) in &texts.files {
            let options = jixiao::import::Options { files: vec![path.clone()], root: scratch.clone(), department: Some(department.clone()), year: Some(*year), name: Some(name.clone()) };
            let imported = jixiao::import::import(&options).unwrap_or_else(|d| panic!("{}: {}", path.display(), d.message.en));
            for s in &imported.findings.sections {
                if !matches!(s.section.as_str(), "cover" | "evaluation_tables") {
                    assert_eq!(s.status, jixiao::import::findings::Status::Found, "{}: {} is found", path.display(), s.section);
                }
            }
        }
    }
}
