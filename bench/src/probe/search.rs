//! The search stage alone, and what it writes: builds the search index of a site several times
//! in one process ([`jixiao::search::build_files`] into memory, nothing written), timing each
//! run (wall, CPU), then counts the files and bytes per report, by kind of file (fragments,
//! dictionary shards, posting files, Latin shards, the rest), as the files are and gzipped
//! (zlib level 6, what a static host serving gzip sends). The bytes a first query receives
//! need the browser: `tests/browser/search-measure.mjs` (docs/search.md, "Measuring it").

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

/// Files and bytes of one kind of search file.
#[derive(Default, serde::Serialize)]
struct Kind {
    files: usize,
    bytes: usize,
    gzip_bytes: usize,
}

/// The kind of a search file by its path under `search/` (`f/…`, `d/…`, …; format 3 had them
/// in a folder named by a 16-hex-digit hash, `<hash>/f/…`).
fn kind(path: &str) -> &'static str {
    let inner = match path.split_once('/') {
        Some((first, rest)) if first.len() == 16 && first.bytes().all(|b| b.is_ascii_hexdigit()) => rest,
        _ => path,
    };
    match inner.split('/').next() {
        Some("f") if inner.contains('/') => "fragments",
        Some("d") if inner.contains('/') => "dictionary",
        Some("t" | "p") if inner.contains('/') => "postings",
        Some("l") if inner.contains('/') => "latin",
        Some("n") if inner.contains('/') => "name tables",
        _ => "other",
    }
}

/// Gzipped size of `bytes` at level 6.
fn gzip_len(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    e.write_all(bytes).expect("gzip into memory");
    e.finish().expect("gzip into memory").len()
}

/// Builds the search index of the site at `root` `runs` times and prints the times, then one
/// JSON line with the files and bytes per report by kind.
pub(crate) fn run(root: &Path, runs: usize) -> Result<(), String> {
    use rayon::prelude::*;
    let content = super::load(root)?;
    let site = jixiao::site::Site::new(&content, false);
    let reports = site.reports.len().max(1);
    let spill = std::env::temp_dir();
    let mut kinds: BTreeMap<&'static str, Kind> = BTreeMap::new();
    for run in 0..runs {
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let keep = run + 1 == runs;
        let (c0, t) = (super::cpu(), Instant::now());
        let mut sink = |path: String, bytes: jixiao::search::Chunked| -> Result<(), jixiao::diagnostics::Diagnostic> {
            if keep {
                files.push((path, bytes.into_vec()));
            }
            Ok(())
        };
        let stats = jixiao::search::build_files(&site, jixiao::search::FilesTo::Sink(&mut sink), &spill).map_err(|d| format!("{d:?}"))?;
        let (wall, cpu) = (t.elapsed().as_secs_f64(), super::cpu() - c0);
        println!("run {run}: {wall:.3} s wall, {cpu:.2} s CPU; {} records, {} files, {:.1} MB", stats.records, stats.files, stats.bytes as f64 / 1e6);
        if keep {
            let sizes: Vec<(&'static str, usize, usize)> = files.par_iter().map(|(p, b)| (kind(p), b.len(), gzip_len(b))).collect();
            for (k, len, gz) in sizes {
                let e = kinds.entry(k).or_default();
                e.files += 1;
                e.bytes += len;
                e.gzip_bytes += gz;
            }
        }
    }
    let per_report: BTreeMap<&str, serde_json::Value> = kinds
        .iter()
        .map(|(k, v)| {
            let r = reports as f64;
            (*k, serde_json::json!({ "files": v.files, "bytes": v.bytes, "gzip_bytes": v.gzip_bytes, "files_per_report": v.files as f64 / r, "bytes_per_report": v.bytes as f64 / r, "gzip_bytes_per_fragment": if *k == "fragments" { v.gzip_bytes as f64 / v.files.max(1) as f64 } else { 0.0 } }))
        })
        .collect();
    let files: usize = kinds.values().map(|k| k.files).sum();
    let bytes: usize = kinds.values().map(|k| k.bytes).sum();
    println!("{}", serde_json::json!({ "reports": reports, "files": files, "bytes": bytes, "files_per_report": files as f64 / reports as f64, "bytes_per_report": bytes as f64 / reports as f64, "kinds": per_report }));
    Ok(())
}
