//! A lower bound of issue 5's index stage: what any exact n-gram index of the site must at
//! least do, timed on the real records, on all threads.
//!
//! 1. `records`: make the records (text of every report section, department, indicator and
//!    free page) the index stage makes, in one call (`search::records::records`: serial but
//!    for the indicator texts; the build makes them a batch at a time on all threads, so take
//!    the `records` figure of `jixiao build --timings` for this step).
//! 2. `normalise`: fold every record's heading and text (`search::normalize::normalize`), the
//!    case and width folding the semantics require.
//! 3. `count`: for every char, one probe of a hash table of its one- and two-char n-grams (the
//!    issue's minimum: "bigrams, plus single characters"), counting occurrences, per thread.
//!    No record lists, no positions, no per-record grouping, no files: strictly less work than
//!    an index that can answer a query, so its time is a floor, not an estimate.
//!
//! The files the index stage writes cost more again: `jixiao-bench write-floor` on a copy of
//! a built site's `search/` folder gives that floor (bench/README.md).

use jixiao::search::normalize::{is_space, normalize};
use jixiao::search::records;
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;
use std::time::Instant;

/// One multiply per key: the cheapest hash that spreads packed code points.
#[derive(Default)]
struct MulHasher(u64);

impl Hasher for MulHasher {
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 keys are hashed")
    }
    fn write_u64(&mut self, v: u64) {
        let h = v.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = h ^ (h >> 29);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Counts = HashMap<u64, u32, BuildHasherDefault<MulHasher>>;

/// Runs `f`, printing its wall and CPU time.
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> (T, f64) {
    let (c0, t) = (super::cpu(), Instant::now());
    let out = f();
    let wall = t.elapsed().as_secs_f64();
    println!("  {what:<10} {wall:.3} s wall, {:.2} s CPU", super::cpu() - c0);
    (out, wall)
}

/// Times the three steps on the site at `root`, `runs` times.
pub(crate) fn run(root: &Path, runs: usize) -> Result<(), String> {
    let content = super::load(root)?;
    let site = jixiao::site::Site::new(&content, false);
    println!("{} threads", rayon::current_num_threads());
    for run in 0..runs {
        println!("run {run}:");
        let (recs, t_records) = timed("records", || records::records(&site));
        let (texts, t_norm) = timed("normalise", || recs.par_iter().map(|r| (normalize(&r.heading), normalize(&r.text))).collect::<Vec<_>>());
        let ((chars, distinct), t_count) = timed("count", || {
            let per_thread = texts
                .par_iter()
                .fold(
                    || (0usize, Counts::default()),
                    |(mut chars, mut counts), (head, body)| {
                        for text in [head, body] {
                            let mut prev = 0u64;
                            for c in text.chars() {
                                chars += 1;
                                if is_space(c) {
                                    prev = 0;
                                    continue;
                                }
                                let k = c as u64 + 1;
                                *counts.entry(k << 21).or_insert(0) += 1;
                                if prev != 0 {
                                    *counts.entry((prev << 21) | k).or_insert(0) += 1;
                                }
                                prev = k;
                            }
                        }
                        (chars, counts)
                    },
                )
                .collect::<Vec<_>>();
            let chars: usize = per_thread.iter().map(|p| p.0).sum();
            let distinct = per_thread.iter().map(|p| p.1.len()).max().unwrap_or(0);
            (chars, distinct)
        });
        println!(
            "  {} records, {:.1} M chars, {} distinct n-grams in the largest thread's table; records + normalise + count {:.3} s wall ({:.1} ns wall per char)",
            recs.len(),
            chars as f64 / 1e6,
            distinct,
            t_records + t_norm + t_count,
            (t_norm + t_count) * 1e9 / chars as f64
        );
    }
    Ok(())
}
