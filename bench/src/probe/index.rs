//! Times the search index's tokenise-and-merge step alone ([`jixiao::search::index::IndexBuilder`]),
//! several times in one process, on records made once: wall and CPU time (user + sys of the
//! process during the step). Run with `RAYON_NUM_THREADS=1` for the figure a busy machine
//! disturbs least; `--chunk N` hands the builder N records at a time.

use jixiao::search::{index::IndexBuilder, records};
use std::path::Path;
use std::time::Instant;

/// Indexes the records of the site at `root` `runs` times, `chunk` records at a time.
pub(crate) fn run(root: &Path, runs: usize, chunk: usize) -> Result<(), String> {
    let content = super::load(root)?;
    let site = jixiao::site::Site::new(&content, false);
    let recs = records::records(&site);
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
