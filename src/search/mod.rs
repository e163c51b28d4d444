//! Exact full-text search on a static host (issue 5).
//!
//! At build time every report section, department page, indicator page and free page becomes
//! a [`Record`] ([`records`]); [`build`] indexes them into many small files under `search/`
//! ([`index`]): a dictionary of char n-grams (one to three chars) split into small shards that
//! give each term's sizes, posting files of the frequent terms (trigrams with positions, so a
//! Chinese query of any length is verified as a substring), Latin-word shards split by prefix,
//! one JSON file per record for excerpts, and a tiny `manifest.json`. The browser script `assets/search.js`
//! downloads the manifest, the dictionary shards of the query's terms, then only the postings of
//! the cheapest terms that cover the query, then the files of the records it shows. All URLs are
//! relative, so the site and its search work under any sub-path. Figures: `MEASUREMENTS.md`.
//!
//! Semantics (the same in [`query::run`], in search.js and in the [`query::oracle`] tests use):
//! text and query are normalised ([`normalize`]); the query is split at white space into words
//! and each word into segments: runs of adjacent chars, found as substrings, and Latin words or
//! numbers, found as prefixes of a word of the record. A record matches when it has every
//! segment. Ranking: segments found in the heading, then occurrences, then year (newest first).

pub mod index;
pub mod normalize;
pub mod query;
pub mod records;

pub use records::{Record, SECTIONS};

use crate::diagnostics::Diagnostic;
use crate::output::Staging;
use crate::site::Site;
use rayon::prelude::*;
use serde::Serialize;

/// Slots tokenised at a time. Bounds memory: the terms of a batch wait for the merge, and a
/// smaller batch reuses the same pages instead of faulting in new ones (64 rather than 256
/// slots: peak RSS at 1k reports 295 → 215 MB, same bytes out).
const CHUNK: usize = 64;

/// What the index stage wrote.
#[derive(Debug, Clone, Default)]
pub struct SearchStats {
    /// Records indexed.
    pub records: usize,
    /// Files written under `search/`.
    pub files: usize,
    /// Their bytes.
    pub bytes: usize,
}

/// `slots.json`, fetched only to filter by department.
#[derive(Serialize)]
struct SlotsFile<'a> {
    /// Departments: `[id, name]`.
    departments: Vec<(&'a str, &'a str)>,
    /// Each slot's index in `departments` (-1 for none).
    slots: &'a [i64],
}

#[derive(Serialize)]
struct RecordFile<'a> {
    /// URL relative to the site root.
    u: &'a str,
    /// Page title.
    t: &'a str,
    /// Heading.
    h: &'a str,
    /// Department short name.
    d: &'a str,
    /// Year (0 none).
    y: u16,
    /// Section key.
    s: &'static str,
    /// Text.
    x: &'a str,
}

#[derive(Serialize)]
struct ManifestFile {
    /// Format version.
    v: u32,
    /// Record ids per slot.
    slot: u32,
    /// Dictionary shard count.
    buckets: u32,
    /// Postings up to this many bytes are inlined in the dictionary.
    inline: usize,
    /// `[year, first slot, end slot]` of the reports.
    years: Vec<(u16, u32, u32)>,
    /// Section keys by `id % slot`.
    sections: &'static [&'static str],
    /// Records indexed.
    records: usize,
    /// First slot of the department pages, of the indicator pages and of the free pages.
    department_slots: u32,
    indicator_slots: u32,
    page_slots: u32,
}

/// Path of a record's file under `search/`.
pub fn record_path(id: u32) -> String {
    format!("r/{}/{id}.json", id >> 10)
}

/// Builds the index files into `staging` under `search/`.
pub fn build(site: &Site, staging: &Staging) -> Result<SearchStats, Diagnostic> {
    let timing = std::env::var_os("JIXIAO_SEARCH_TIMING").is_some();
    let (cpu0, rss0) = (crate::process_cpu_time(), crate::memory_kb("VmRSS:"));
    let mut files = Vec::new();
    let (stats, manifest) = build_files(site, &mut |path, bytes| {
        files.push((path, bytes));
        Ok(())
    }, Some(staging))?;
    let _ = manifest;
    let t0 = std::time::Instant::now();
    files.into_par_iter().try_for_each(|(path, bytes)| staging.add(format!("search/{path}"), &bytes))?;
    if timing {
        eprintln!(
            "search: writing shards {:?}; stage CPU (user+sys, all threads) {:.2} s; RSS at start {} MB, process peak at end {} MB",
            t0.elapsed(),
            (crate::process_cpu_time() - cpu0).as_secs_f64(),
            rss0 / 1024,
            crate::memory_kb("VmHWM:") / 1024
        );
    }
    Ok(stats)
}

/// Builds the index: record files go straight to `staging` (when given, else to `sink`); shard
/// and manifest files go to `sink` (path under `search/`).
pub fn build_files(
    site: &Site,
    sink: &mut dyn FnMut(String, Vec<u8>) -> Result<(), Diagnostic>,
    staging: Option<&Staging>,
) -> Result<(SearchStats, query::Manifest), Diagnostic> {
    let timing = std::env::var_os("JIXIAO_SEARCH_TIMING").is_some();
    let (mut t_rec, mut t_files, mut t_index) = (std::time::Duration::ZERO, std::time::Duration::ZERO, std::time::Duration::ZERO);
    let slots = records::slots(site);
    let t0 = std::time::Instant::now();
    let indicators = records::indicator_texts(site);
    t_rec += t0.elapsed();
    let mut builder = index::IndexBuilder::default();
    let mut stats = SearchStats::default();
    let slot_department: Vec<i64> = slots.iter().map(|s| records::slot_department(site, *s).map_or(-1, |i| i as i64)).collect();
    for (c, chunk) in slots.chunks(CHUNK).enumerate() {
        let base = (c * CHUNK) as u32;
        let t0 = std::time::Instant::now();
        let recs: Vec<Record> = chunk
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, s)| records::slot_records(site, &indicators, base + i as u32, *s))
            .collect();
        t_rec += t0.elapsed();
        let t0 = std::time::Instant::now();
        let record_files: Vec<(String, Vec<u8>)> = recs
            .par_iter()
            .map(|r| {
                let f = RecordFile { u: &r.url, t: &r.title, h: &r.heading, d: &r.department, y: r.year, s: r.section(), x: &r.text };
                (record_path(r.id), serde_json::to_vec(&f).expect("record serialises"))
            })
            .collect();
        stats.records += recs.len();
        stats.files += record_files.len();
        stats.bytes += record_files.iter().map(|f| f.1.len()).sum::<usize>();
        match staging {
            Some(st) => record_files.into_par_iter().try_for_each(|(p, b)| st.add(format!("search/{p}"), &b))?,
            None => {
                for (p, b) in record_files {
                    sink(p, b)?;
                }
            }
        }
        t_files += t0.elapsed();
        let t0 = std::time::Instant::now();
        builder.add(&recs);
        t_index += t0.elapsed();
    }
    let t0 = std::time::Instant::now();
    let (shards, buckets, latin) = builder.finish();
    let t_finish = t0.elapsed();
    let t0 = std::time::Instant::now();

    let mut years: Vec<(u16, u32, u32)> = Vec::new();
    for (n, s) in slots.iter().enumerate() {
        if let records::SlotRef::Report(i) = s {
            let y = site.reports[*i].summary.year;
            match years.last_mut() {
                Some(last) if last.0 == y => last.2 = n as u32 + 1,
                _ => years.push((y, n as u32, n as u32 + 1)),
            }
        }
    }
    let department_slots = slots.iter().position(|s| matches!(s, records::SlotRef::Department(_))).unwrap_or(slots.len()) as u32;
    let indicator_slots = slots.iter().position(|s| matches!(s, records::SlotRef::Indicator(..))).unwrap_or(department_slots as usize + site.departments.len()) as u32;
    let page_slots = slots.iter().position(|s| matches!(s, records::SlotRef::Page(_))).unwrap_or(slots.len()) as u32;
    let manifest = ManifestFile {
        v: 2,
        slot: records::SLOT,
        buckets,
        inline: index::INLINE,
        years: years.clone(),
        sections: SECTIONS,
        records: stats.records,
        department_slots,
        indicator_slots,
        page_slots,
    };
    let mut out: Vec<(String, Vec<u8>)> = shards;
    out.push(("manifest.json".into(), serde_json::to_vec(&manifest).expect("manifest serialises")));
    let slots_file = SlotsFile { departments: site.departments.iter().map(|d| (d.id, d.name)).collect(), slots: &slot_department };
    out.push(("slots.json".into(), serde_json::to_vec(&slots_file).expect("slots serialise")));
    // Latin shard keys, fetched only for a query with a Latin word or number.
    out.push(("latin.json".into(), serde_json::to_vec(&latin).expect("keys serialise")));
    for (p, b) in out {
        stats.files += 1;
        stats.bytes += b.len();
        sink(p, b)?;
    }
    if timing {
        eprintln!(
            "search: records {t_rec:?}, record files {t_files:?}, tokenise+merge {t_index:?}, finish {t_finish:?}, shard files {:?}",
            t0.elapsed()
        );
    }
    Ok((stats, query::Manifest { buckets, latin, years }))
}
