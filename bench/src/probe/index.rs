//! Times the search index's tokenise-and-merge step alone ([`jixiao::search::index::IndexBuilder`]),
//! several times in one process, on records made once: wall and CPU time (user + sys of the
//! process during the step). Run with `RAYON_NUM_THREADS=1` for the figure a busy machine
//! disturbs least; `--chunk N` hands the builder N records at a time; `--per-report` merges
//! each slot's records into one (headings and texts joined by a blank line, which breaks
//! adjacency), to measure what an index of one record per report would cost.

use jixiao::search::{index::IndexBuilder, records};
use std::path::Path;
use std::time::Instant;

/// Indexes the records of the site at `root` `runs` times, `chunk` records at a time, one per
/// slot when `per_report`.
pub(crate) fn run(root: &Path, runs: usize, chunk: usize, per_report: bool) -> Result<(), String> {
    let content = super::load(root)?;
    let site = jixiao::site::Site::new(&content, false);
    let mut recs = records::records(&site);
    if per_report {
        recs = per_slot(recs);
    }
    let chars: usize = recs.iter().map(|r| r.text.chars().count() + r.heading.chars().count()).sum();
    println!("{} records, {:.1} M chars, {chunk} records at a time", recs.len(), chars as f64 / 1e6);
    let spill = std::env::temp_dir();
    for run in 0..runs {
        let (c0, t) = (super::cpu(), Instant::now());
        let mut builder = IndexBuilder::new(&spill);
        for part in recs.chunks(chunk.max(1)) {
            builder.add(part).map_err(|e| std::io::Error::from(e).to_string())?;
        }
        let add = (t.elapsed().as_secs_f64(), super::cpu() - c0);
        let (files, _, _) = builder.finish_files().map_err(|e| e.to_string())?;
        let (wall, total) = (t.elapsed().as_secs_f64(), super::cpu() - c0);
        println!(
            "run {run}: add {:.3} s wall, {:.2} s CPU ({:.0} ns CPU per char); with finish {wall:.3} s, {total:.2} s CPU; {} files",
            add.0,
            add.1,
            add.1 * 1e9 / chars as f64,
            files.len()
        );
    }
    Ok(())
}

/// One record per slot: its records' headings, and their texts, each joined by a blank line.
fn per_slot(recs: Vec<records::Record>) -> Vec<records::Record> {
    let mut out: Vec<records::Record> = Vec::new();
    for r in recs {
        match out.last_mut() {
            Some(last) if last.id / records::SLOT == r.id / records::SLOT => {
                last.heading.push_str("\n\n");
                last.heading.push_str(&r.heading);
                last.text.push_str("\n\n");
                last.text.push_str(&r.text);
            }
            _ => out.push(records::Record { id: r.id / records::SLOT * records::SLOT, ..r }),
        }
    }
    out
}
