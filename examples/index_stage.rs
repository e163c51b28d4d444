//! Times the search index's tokenise-and-merge step alone ([`jixiao::search::index::IndexBuilder`]),
//! several times in one process, on records made once: wall and CPU time (user + sys of the
//! process during the step). Run with `RAYON_NUM_THREADS=1` for a figure that a busy machine
//! disturbs least.
//!
//! `cargo build --release --example index_stage`
//! `RAYON_NUM_THREADS=1 target/release/examples/index_stage /dev/shm/corpus-1k 3`
//! (`CHUNK=N`: records handed to the builder at a time, default 4096.)

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use jixiao::search::{index::IndexBuilder, records};
use std::path::PathBuf;
use std::time::Instant;

/// User + sys CPU seconds of this process so far.
fn cpu() -> f64 {
    jixiao::process_cpu_time().as_secs_f64()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = PathBuf::from(args.get(1).expect("usage: index_stage ROOT [RUNS]"));
    let runs: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let content = jixiao::load::load(&root).unwrap_or_else(|d| panic!("load: {d:?}"));
    let site = jixiao::site::Site::new(&content, false);
    let recs = records::records(&site);
    let chars: usize = recs.iter().map(|r| r.text.chars().count() + r.heading.chars().count()).sum();
    println!("{} records, {:.1} M chars", recs.len(), chars as f64 / 1e6);
    for run in 0..runs {
        let (c0, t) = (cpu(), Instant::now());
        let mut builder = IndexBuilder::new(&std::env::temp_dir());
        let size: usize = std::env::var("CHUNK").ok().and_then(|v| v.parse().ok()).unwrap_or(4096);
        for chunk in recs.chunks(size) {
            builder.add(chunk).expect("spill files");
        }
        let add = (t.elapsed().as_secs_f64(), cpu() - c0);
        let (files, _, _) = builder.finish_files().expect("spill files");
        let (wall, total) = (t.elapsed().as_secs_f64(), cpu() - c0);
        println!(
            "run {run}: add {:.3} s wall, {:.2} s CPU ({:.0} ns CPU per char); with finish {wall:.3} s, {total:.2} s CPU; {} files",
            add.0,
            add.1,
            add.1 * 1e9 / chars as f64,
            files.len()
        );
    }
}
