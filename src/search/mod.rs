//! Exact full-text search on a static host (issue 5).
//!
//! At build time every report section, department page, indicator page and free page becomes
//! a [`Record`] ([`records`]); [`build`] (or [`build_incremental`], which keeps the previous
//! build's files when no record changed and patches them when a few did, [`patch`]) indexes them into static files under `search/`
//! ([`index`]): a dictionary of char n-grams (one to three chars) in hash shards that give each
//! term's sizes, with small postings inline and the others compressed, in files of their own
//! or in small packs chosen by the term's hash (trigrams with positions, so a Chinese query of
//! any length is verified as a substring), Latin-word shards split by prefix, and compressed fragment packs
//! holding the records' texts for excerpts (one per report, one per 64 other pages). Every file
//! but `search/manifest.json` is named by a tag of its bytes and found through the files above
//! it, so an edit renames only what changed and a browser never mixes two builds. The browser
//! script `assets/search.js` downloads the manifest, the dictionary shards of the query's terms,
//! then only the postings of the cheapest terms that cover the query, then the fragment packs
//! of the reports it shows (results are grouped per report). All URLs are relative, so the site
//! and its search work under any sub-path.
//! Layout and reasons: `docs/search.md`; measured figures: `bench/results/`.
//!
//! Semantics (the same in search.js, in its Rust copy and in the oracle that tests/search.rs
//! uses, `tests/common/query.rs`):
//! text and query are normalised ([`normalize`]); the query is split at white space into words
//! and each word into segments: runs of adjacent chars, found as substrings, and Latin words or
//! numbers, found as prefixes of a word of the record. A record matches when it has every
//! segment. Ranking: segments found in the heading, then occurrences, then year (newest first).

pub mod index;
pub mod normalize;
mod patch;
pub mod records;
#[cfg(test)]
mod testing;

pub use index::Chunked;
pub use records::{Record, SECTIONS};

use crate::diagnostics::Diagnostic;
use crate::output::Staging;
use crate::site::Site;
use rayon::prelude::*;
use serde::Serialize;
use std::time::{Duration, Instant};

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
    /// Where the stage's time and memory went (`jixiao build --timings` prints them).
    pub timings: SearchTimes,
    /// The previous index was patched ([`build_incremental`]: only what the changed records
    /// touch written again), not built whole.
    pub patched: bool,
    /// Why a patch of the previous index was tried and given up (the index was then built
    /// whole): `jixiao build --timings` prints it.
    pub unpatched_because: Option<String>,
}

/// The index stage's steps, timed (wall clock, summed over the batches), and its memory.
#[derive(Debug, Clone, Default)]
pub struct SearchTimes {
    /// Making the records (texts of sections, departments, indicator and free pages).
    pub records: Duration,
    /// Making the records' fragments, hashing and spilling them, reading them back and
    /// handing them over.
    pub record_files: Duration,
    /// Tokenising the records and merging their postings ([`index::IndexBuilder::add`]).
    pub tokenise: Duration,
    /// Merging the spilled postings back and writing the posting files and shards.
    pub finish: Duration,
    /// Writing the manifest, slots and Latin keys.
    pub manifest: Duration,
    /// CPU time of the whole stage (user + system, all threads; zero where not measured).
    pub cpu: Duration,
    /// Resident memory when the stage started, and the process's peak when it ended, in kB
    /// (Linux; 0 elsewhere).
    pub rss_start_kb: u64,
    /// See `rss_start_kb`.
    pub peak_kb: u64,
    /// Postings before they were merged back: in all, spilled to files, the spill threshold.
    pub postings: index::PostingBytes,
}

/// `slots.<tag>.json`, fetched only to filter by department.
#[derive(Serialize)]
struct SlotsFile<'a> {
    /// Departments: `[id, name]`.
    departments: Vec<(&'a str, &'a str)>,
    /// Each slot's index in `departments` (-1 for none).
    slots: &'a [i64],
}

/// A record's object in its slot's fragment, `{"u":…,"t":…,"h":…,"d":…,"y":…,"s":…,"x":…}`: URL relative to the site
/// root, page title, heading, department short name, year (0 none), section key, text. The
/// bytes are those serde_json writes; written by hand because serde_json escapes byte by byte
/// and the record texts are hundreds of megabytes on a large site.
fn record_file(r: &Record) -> Vec<u8> {
    let mut out = Vec::with_capacity(r.text.len() + r.url.len() + r.title.len() + r.heading.len() + r.department.len() + 64);
    for (key, value) in [("{\"u\":", &r.url), (",\"t\":", &r.title), (",\"h\":", &r.heading), (",\"d\":", &r.department)] {
        out.extend_from_slice(key.as_bytes());
        json_string(&mut out, value);
    }
    out.extend_from_slice(format!(",\"y\":{},\"s\":", r.year).as_bytes());
    json_string(&mut out, r.section());
    out.extend_from_slice(b",\"x\":");
    json_string(&mut out, &r.text);
    out.push(b'}');
    out
}

/// Appends `s` as a JSON string, escaped as serde_json does (`\"`, `\\`, `\n` and the other
/// short escapes, `\u00xx` for other control chars, everything else as it is). Looks at eight
/// bytes at a time for one that needs escaping.
fn json_string(out: &mut Vec<u8>, s: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `w` (little-endian) that is below 0x20, a quote or a
    // backslash. Bits above the first can be false (a borrow carries on); the first is exact.
    let special = |w: u64| {
        let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
        (w.wrapping_sub(ONES * 0x20) & !w & HIGH) | zero(w ^ (ONES * b'"' as u64)) | zero(w ^ (ONES * b'\\' as u64))
    };
    let b = s.as_bytes();
    out.push(b'"');
    let (mut from, mut i) = (0, 0);
    while i < b.len() {
        if i + 8 <= b.len() {
            let mask = special(u64::from_le_bytes(b[i..i + 8].try_into().expect("eight bytes")));
            if mask == 0 {
                i += 8;
                continue;
            }
            // Straight to the first byte to escape.
            i += mask.trailing_zeros() as usize / 8;
        }
        let c = b[i];
        let escape: &[u8] = match c {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            0..0x20 => &[b'\\', b'u', b'0', b'0', b"0123456789abcdef"[(c >> 4) as usize], b"0123456789abcdef"[(c & 15) as usize]],
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&b[from..i]);
        out.extend_from_slice(escape);
        i += 1;
        from = i;
    }
    out.extend_from_slice(&b[from..]);
    out.push(b'"');
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
    /// Slots per fragment pack after the reports (each report has a pack of its own).
    pack: u32,
    /// Tags per name table.
    table: usize,
    /// Tags of the name tables of the dictionary shards (`n/d<k>.<tag>.bin`).
    d: Vec<String>,
    /// Tags of the name tables of the fragment packs (`n/f<k>.<tag>.bin`).
    f: Vec<String>,
    /// Tag of `latin.<tag>.json`, the Latin shard keys with their tags.
    latin: String,
    /// Tag of `slots.<tag>.json`, the departments and each slot's department.
    slots: String,
    /// Tag of `z.<tag>.bin`, the fragment packs' preset dictionary (raw deflate after the magic).
    z: String,
}

/// Format version, in the manifest.
pub const FORMAT: u32 = 4;

/// Slots per fragment pack after the reports: department, indicator and free pages are small
/// (64 of them compress to about 8.3 KB with the dictionary, one report to about 4.8 KB; packs
/// of 128 kept a file per 64 reports less but doubled the texts a query with indicator hits
/// downloads).
pub const FRAGMENT_PACK: u32 = 64;

/// The fragment pack of `slot`, when the reports are the slots before `department_slots`: a
/// report has a pack of its own (results show ten reports, so a bigger pack would multiply a
/// query's download), the other slots share packs of [`FRAGMENT_PACK`].
pub fn fragment_pack(slot: u32, department_slots: u32) -> u32 {
    if slot < department_slots { slot } else { department_slots + (slot - department_slots) / FRAGMENT_PACK }
}

/// The first slot of fragment pack `pack` (see [`fragment_pack`]).
pub fn pack_first_slot(pack: u32, department_slots: u32) -> u32 {
    if pack < department_slots { pack } else { department_slots + (pack - department_slots) * FRAGMENT_PACK }
}

/// A slot's fragment: a JSON array of its records' objects (see [`record_file`]), in section
/// order. `records` are the slot's records, consecutive.
fn fragment_file(records: &[&Record]) -> Vec<u8> {
    let mut out = Vec::with_capacity(records.iter().map(|r| r.text.len() + 256).sum::<usize>() + 2);
    out.push(b'[');
    for (i, r) in records.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(&record_file(r));
    }
    out.push(b']');
    out
}

/// The fragments of `recs` (records of consecutive slots, in id order): `(slot, bytes)`.
fn fragments(recs: &[Record]) -> Vec<(u32, Vec<u8>)> {
    let groups: Vec<&[Record]> = recs.chunk_by(|a, b| a.id / records::SLOT == b.id / records::SLOT).collect();
    groups.par_iter().map(|g| (g[0].id / records::SLOT, fragment_file(&g.iter().collect::<Vec<_>>()))).collect()
}

/// Size of the fragment dictionary (deflate reaches back at most 32 KB): a first page of ten
/// reports' packs and the dictionary are smallest with 24 KB (1,000-report corpus: 54.6 KB,
/// against 55.5 with 32 KB and 55.6 with 16 KB).
const DICTIONARY: usize = 24 * 1024;
/// Reports whose fragments the dictionary is made from (evenly spread over the report slots).
const DICTIONARY_SAMPLE: usize = 256;
/// Levels the share of the sampled reports holding a piece is ranked by (a piece in at least
/// two levels' worth, an eighth of them, is a candidate).
const DICTIONARY_LEVELS: usize = 16;

/// The preset dictionary of the fragment packs ([`index::deflate_with`]): the pieces of text
/// (up to and including `。`, `；`, `，` or a JSON quote) that most of the sampled reports'
/// fragments share (at least an eighth of them), the most widely shared first by level (the
/// share in sixteenths, then the bytes: stable against an edit of one report; ranking by bytes
/// saved, reports × length, compressed the 1,000-report corpus's packs a third worse), taken
/// while they fit and laid out with the most shared last (nearest to the data). Reports repeat section headings, the
/// JSON keys, their department's names and much standard wording: a report's pack is 45 %
/// smaller with it (generated 1,000-report corpus, 8.5 → 4.7 KB).
///
/// Made from every `stride`-th report slot, so that an edit changes it only when it touches a
/// sampled report's shared wording; when it changes, every fragment pack is rewritten.
pub fn fragment_dictionary(site: &Site, slots: &[records::SlotRef], words: &records::Words) -> Vec<u8> {
    use std::collections::HashMap;
    let reports = slots.iter().take_while(|s| matches!(s, records::SlotRef::Report(_))).count();
    let stride = reports.div_ceil(DICTIONARY_SAMPLE).max(1);
    let fragments: Vec<Vec<u8>> = (0..reports)
        .step_by(stride)
        .collect::<Vec<_>>()
        .par_iter()
        .map(|&n| {
            let recs = records::slot_records(site, words, &[], n as u32, slots[n]);
            fragment_file(&recs.iter().collect::<Vec<_>>())
        })
        .collect();
    let mut counts: HashMap<&[u8], u32> = HashMap::new();
    for f in &fragments {
        let mut seen: Vec<&[u8]> = pieces(f).filter(|p| p.len() >= 6).collect();
        seen.sort_unstable();
        seen.dedup();
        for p in seen {
            *counts.entry(p).or_default() += 1;
        }
    }
    // Ranked by level, not by count, so that an edit of one sampled report (a count one more or
    // less) changes the dictionary only when a piece crosses a level: with 256 samples, one
    // piece in 16 of those it touches.
    let level = |n: u32| n as usize * DICTIONARY_LEVELS / fragments.len().max(1);
    let mut shared: Vec<(&[u8], usize)> = counts.into_iter().filter(|&(_, n)| n >= 2 && level(n) >= 2).map(|(p, n)| (p, level(n))).collect();
    shared.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let mut chosen: Vec<&[u8]> = Vec::new();
    let mut size = 0;
    for (p, _) in shared {
        if size + p.len() <= DICTIONARY {
            size += p.len();
            chosen.push(p);
        }
    }
    chosen.iter().rev().flat_map(|p| p.iter().copied()).collect()
}

/// The pieces of a fragment's bytes, each ending after `。`, `；`, `，` or `"` (or at the end).
fn pieces(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    const ENDS: [&[u8]; 3] = ["。".as_bytes(), "；".as_bytes(), "，".as_bytes()];
    let mut from = 0;
    std::iter::from_fn(move || {
        if from >= bytes.len() {
            return None;
        }
        let start = from;
        let mut i = from;
        while i < bytes.len() {
            if bytes[i] == b'"' {
                i += 1;
                break;
            }
            if let Some(e) = ENDS.iter().find(|e| bytes[i..].starts_with(e)) {
                i += e.len();
                break;
            }
            i += 1;
        }
        from = i;
        Some(&bytes[start..i])
    })
}

/// A fragment pack's file: the magic, then raw deflate, with the preset `dictionary`, of a
/// JSON array holding, from the pack's first slot on, each slot's fragment (`[]` for a slot
/// without records).
fn fragment_pack_file(slots: &[Vec<u8>], dictionary: &[u8]) -> Vec<u8> {
    let mut json = Vec::with_capacity(slots.iter().map(|s| s.len() + 1).sum::<usize>() + 2);
    json.push(b'[');
    for (i, f) in slots.iter().enumerate() {
        if i > 0 {
            json.push(b',');
        }
        json.extend_from_slice(if f.is_empty() { b"[]" } else { f });
    }
    json.push(b']');
    let mut out = index::MAGIC.to_vec();
    out.extend_from_slice(&index::deflate_with(&json, dictionary, index::FRAGMENT_LEVEL));
    out
}

/// What the index files say of the site besides the records (the slots file and the
/// manifest), made while the content is loaded, so that the index itself can be built after the
/// content is gone ([`Spilled`]).
#[derive(Debug, Clone)]
struct SiteTable {
    /// `[year, first slot, end slot]` of the reports.
    years: Vec<(u16, u32, u32)>,
    /// Slots in all.
    slots: usize,
    /// First slot of the department pages, of the indicator pages and of the free pages.
    department_slots: u32,
    indicator_slots: u32,
    page_slots: u32,
    /// Departments `(id, name)`.
    departments: Vec<(String, String)>,
    /// Each slot's index in `departments` (-1 for none).
    slot_department: Vec<i64>,
}

impl SiteTable {
    fn of(site: &Site, slots: &[records::SlotRef]) -> SiteTable {
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
        let (departments, slot_department) = site_table(site, slots);
        let departments = departments.into_iter().map(|(id, name)| (id.to_string(), name.to_string())).collect();
        SiteTable { years, slots: slots.len(), department_slots, indicator_slots, page_slots, departments, slot_department }
    }

    /// The slots file's value (see [`site_key`]).
    fn slots_file(&self) -> SlotsFile<'_> {
        SlotsFile { departments: self.departments.iter().map(|(id, name)| (id.as_str(), name.as_str())).collect(), slots: &self.slot_department }
    }
}

/// The slots file, the Latin keys and the manifest (which names every other file through
/// `d_tables`, `f_tables`, `latin` and the fragment dictionary's tag `z`).
#[allow(clippy::too_many_arguments)]
fn tail_files(table: &SiteTable, records: usize, buckets: u32, d_tables: Vec<String>, f_tables: Vec<String>, latin: &[(String, String)], z: String) -> Vec<(String, Chunked)> {
    let mut out: Vec<(String, Chunked)> = Vec::new();
    let slots_file = serde_json::to_vec(&table.slots_file()).expect("slots serialise");
    let slots_tag = index::hex(&index::tag(&slots_file));
    out.push((format!("slots.{slots_tag}.json"), slots_file.into()));
    // Latin shard keys with their tags, fetched only for a query with a Latin word or number.
    let latin_file = serde_json::to_vec(&latin).expect("keys serialise");
    let latin_tag = index::hex(&index::tag(&latin_file));
    out.push((format!("latin.{latin_tag}.json"), latin_file.into()));
    let manifest = ManifestFile {
        v: FORMAT,
        slot: records::SLOT,
        buckets,
        inline: index::INLINE,
        years: table.years.clone(),
        sections: SECTIONS,
        records,
        department_slots: table.department_slots,
        indicator_slots: table.indicator_slots,
        page_slots: table.page_slots,
        pack: FRAGMENT_PACK,
        table: index::TABLE,
        d: d_tables,
        f: f_tables,
        latin: latin_tag,
        slots: slots_tag,
        z,
    };
    out.push(("manifest.json".into(), serde_json::to_vec(&manifest).expect("manifest serialises").into()));
    out
}

/// The departments `(id, name)` and each slot's department index (-1 for none).
fn site_table<'s>(site: &'s Site, slots: &[records::SlotRef]) -> (Vec<(&'s str, &'s str)>, Vec<i64>) {
    let departments = site.departments.iter().map(|d| (d.id, d.name)).collect();
    let slot_department = slots.iter().map(|s| records::slot_department(site, *s).map_or(-1, |i| i as i64)).collect();
    (departments, slot_department)
}

/// Builds the index files into `staging` under `search/` from scratch (no state kept: see
/// [`build_incremental`]).
pub fn build(site: &Site, staging: &Staging) -> Result<SearchStats, Diagnostic> {
    build_incremental(site, staging, None).map(|(stats, _)| stats)
}

/// What [`build_incremental`] needs of the previous build to update its index: saved in the
/// build cache between runs (the rest it reads back from the index files themselves). Compact:
/// 8 bytes per slot (report, department, indicator or free page) and the paths of the files
/// written (at 10,000 reports about 16,000 paths).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SearchState {
    /// [`FORMAT`] of the files written.
    pub format: u32,
    /// Per slot, a 64-bit hash of its fragment (every field of every record: with the slot
    /// numbers they determine every index file).
    pub slots: Vec<u64>,
    /// A hash of what the index holds besides the records: departments and each slot's.
    pub site: u64,
    /// The files written under `search/` (paths below it), with their sizes.
    pub files: Vec<(String, u32)>,
    /// Records indexed.
    pub records: usize,
    /// The dictionary's weight, which gives the shard count, and the small posting members'
    /// compressed bytes, which give the small packs' count ([`index::IndexNames`]).
    pub total: usize,
    /// See `total`.
    pub small: usize,
}

/// Which slots' records an edit may have changed, when the caller knows (`jixiao build` and
/// `jixiao serve` know which content files changed): the slots of other departments keep
/// their fingerprints without their records being made.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Ids of the departments whose reports or profile changed: their reports, department
    /// page and indicator pages.
    pub departments: std::collections::HashSet<String>,
    /// A free page changed: every free page.
    pub pages: bool,
}

impl Scope {
    fn covers(&self, site: &Site, s: records::SlotRef) -> bool {
        match s {
            records::SlotRef::Page(_) => self.pages,
            other => records::slot_department(site, other).is_some_and(|d| self.departments.contains(site.departments[d].id)),
        }
    }
}

/// The previous build's index, for [`build_incremental`].
pub struct Previous<'a> {
    /// Its state (from the build cache).
    pub state: SearchState,
    /// The output folder that holds it, as that build wrote it (its files are read back and
    /// checked against their names).
    pub output: &'a std::path::Path,
    /// The slots that may have changed since; `None`: any.
    pub scope: Option<Scope>,
}

/// A 64-bit hash of a fragment (xxHash3: FNV-1a, a byte at a time, cost about 0.1 s of the
/// stage at 10,000 reports).
fn hash64(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The records of the slots `chunk`, numbered from `base`, made in parallel.
fn chunk_records(site: &Site, words: &records::Words, indicators: &mut records::IndicatorTexts, base: u32, chunk: &[records::SlotRef]) -> Vec<Record> {
    let indicators = indicators.for_slots(site, chunk);
    chunk.par_iter().enumerate().flat_map_iter(|(i, s)| records::slot_records(site, words, indicators, base + i as u32, *s)).collect()
}

/// The fingerprint of what the index holds besides the records (see [`SearchState::site`]).
fn site_key(site: &Site, slots: &[records::SlotRef]) -> u64 {
    hash64(&serde_json::to_vec(&site_table(site, slots)).expect("serialises"))
}

/// The slot fingerprints of [`SearchState`], made from the records of the slots `scope`
/// covers; the others are `old`'s (the same slots as `old`'s).
fn fingerprints(site: &Site, slots: &[records::SlotRef], scope: Option<&Scope>, old: &[u64]) -> Vec<u64> {
    let mut indicators = records::IndicatorTexts::new(site);
    let words = records::Words::of(site);
    let mut out = vec![0u64; slots.len()];
    let wanted: Vec<usize> = (0..slots.len()).filter(|&n| scope.is_none_or(|sc| sc.covers(site, slots[n]))).collect();
    if scope.is_some() {
        out.copy_from_slice(old);
    }
    // Runs of consecutive wanted slots, a chunk at a time.
    for run in wanted.chunk_by(|a, b| a + 1 == *b) {
        for part in run.chunks(CHUNK) {
            let base = part[0];
            let recs = chunk_records(site, &words, &mut indicators, base as u32, &slots[base..base + part.len()]);
            // A slot without records has no fragment: 0, as the full build leaves it.
            for n in part {
                out[*n] = 0;
            }
            for (slot, bytes) in fragments(&recs) {
                out[slot as usize] = hash64(&bytes);
            }
        }
    }
    out
}

/// Slots changed past this share of all are indexed from scratch rather than patched.
const PATCH_LIMIT: usize = 50;

/// Builds the index into `staging` under `search/`, given the previous build's index (`None`:
/// build it whole). Returns what it wrote and the state for the next run: [`prepare`], then
/// [`Prepared::finish`].
pub fn build_incremental(site: &Site, staging: &Staging, previous: Option<Previous>) -> Result<(SearchStats, SearchState), Diagnostic> {
    prepare(site, staging, previous)?.finish(staging)
}

/// The index stage's work that reads the site ([`prepare`]): done (the previous index kept
/// or patched), or the records of a whole index, made and set aside in a temporary file, so
/// that the index itself is built by [`Prepared::finish`] after the content is dropped (a
/// build's peak memory otherwise is the content and the index's work together).
pub struct Prepared {
    outcome: Outcome,
    /// Resident memory at the start of [`prepare`], and its CPU time.
    rss_start_kb: u64,
    cpu: Duration,
}

/// What [`prepare`] did.
enum Outcome {
    /// The previous index kept or patched: nothing left to do.
    Done(SearchStats, SearchState),
    /// The records of a whole index set aside, and why the previous index was not patched.
    Whole(Spilled, Option<String>),
}

/// Runs what of the index stage needs the site, given the previous build's index (`None`:
/// build it whole).
///
/// With `previous`, the records of the slots that may have changed are made and
/// fingerprinted. When none changed (nor the slots or departments), every search file of the
/// previous build is [`Staging::keep`]t, nothing is tokenised or written. When a few did, the
/// index is patched ([`patch`]): only what their records change is written again. Otherwise,
/// or when the previous index cannot be vouched for, the records of every slot are made and
/// written to a temporary file beside the staging folder, for [`Prepared::finish`] to build the
/// whole index from (the files whose bytes did not change keep their names and are not
/// rewritten). The bytes are always those of a full build.
pub fn prepare(site: &Site, staging: &Staging, previous: Option<Previous>) -> Result<Prepared, Diagnostic> {
    let (cpu0, rss0) = (crate::process_cpu_time(), crate::memory_kb("VmRSS:"));
    let t0 = Instant::now();
    let prepared = |outcome| Prepared { outcome, rss_start_kb: rss0, cpu: crate::process_cpu_time().saturating_sub(cpu0) };
    let mut unpatched_because = None;
    if let Some(prev) = previous.filter(|p| p.state.format == FORMAT) {
        let slots = records::slots(site);
        let key = site_key(site, &slots);
        if key == prev.state.site && slots.len() == prev.state.slots.len() {
            let fps = fingerprints(site, &slots, prev.scope.as_ref(), &prev.state.slots);
            let changed: std::collections::BTreeSet<u32> = (0..slots.len()).filter(|&n| fps[n] != prev.state.slots[n]).map(|n| n as u32).collect();
            if changed.is_empty() {
                for (f, _) in &prev.state.files {
                    staging.keep(format!("search/{f}"))?;
                }
                let bytes = prev.state.files.iter().map(|f| f.1 as usize).sum();
                let mut stats = SearchStats { records: prev.state.records, files: prev.state.files.len(), bytes, ..SearchStats::default() };
                stats.timings.records = t0.elapsed();
                return Ok(prepared(Outcome::Done(stats, prev.state)));
            }
            if changed.len() * PATCH_LIMIT <= slots.len().max(PATCH_LIMIT) {
                let t1 = Instant::now();
                match patch::update(site, staging, prev.output, &prev.state, &slots, &changed)? {
                    Ok(p) => {
                        let bytes = p.files.iter().map(|f| f.1 as usize).sum();
                        let mut stats = SearchStats { records: p.records, files: p.written, bytes, patched: true, ..SearchStats::default() };
                        stats.timings.records = t1 - t0;
                        stats.timings.tokenise = t1.elapsed();
                        let state = SearchState { format: FORMAT, slots: fps, site: key, files: p.files, records: p.records, total: p.total, small: p.small };
                        return Ok(prepared(Outcome::Done(stats, state)));
                    }
                    Err(patch::Unpatchable(why)) => unpatched_because = Some(why),
                }
            }
        }
    }
    let spilled = Spilled::of(site, staging.scratch_folder())?;
    Ok(prepared(Outcome::Whole(spilled, unpatched_because)))
}

impl Prepared {
    /// Finishes the index stage into `staging` (the site is no longer needed): builds the whole
    /// index from the records [`prepare`] set aside, if it did not keep or patch the previous
    /// one. Returns what the stage wrote and the state for the next run.
    pub fn finish(self, staging: &Staging) -> Result<(SearchStats, SearchState), Diagnostic> {
        let cpu1 = crate::process_cpu_time();
        let (mut stats, state) = match self.outcome {
            Outcome::Done(stats, state) => (stats, state),
            Outcome::Whole(spilled, unpatched_because) => {
                let records_time = spilled.time;
                let mut files = Vec::new();
                let (mut stats, state) = spilled.build(FilesTo::Staging(staging), staging.scratch_folder(), &mut files)?;
                stats.timings.records += records_time;
                stats.unpatched_because = unpatched_because;
                (stats, state)
            }
        };
        stats.timings.cpu = self.cpu + crate::process_cpu_time().saturating_sub(cpu1);
        stats.timings.rss_start_kb = self.rss_start_kb;
        stats.timings.peak_kb = crate::memory_kb("VmHWM:");
        Ok((stats, state))
    }
}

impl From<index::SpillError> for Diagnostic {
    fn from(e: index::SpillError) -> Diagnostic {
        crate::output::io_error(&e.dir, e.action, e.error)
    }
}

/// Where [`build_files`] puts the index files.
pub enum FilesTo<'a> {
    /// Under `search/` in a build's staging, a batch at a time in parallel.
    Staging(&'a Staging),
    /// To a function, one by one (path under `search/`).
    Sink(&'a mut dyn FnMut(String, Chunked) -> Result<(), Diagnostic>),
}

impl FilesTo<'_> {
    /// Hands over `files`, counting them in `stats` and listing their paths in `paths`.
    fn put(&mut self, files: Vec<(String, Chunked)>, stats: &mut SearchStats, paths: &mut Vec<(String, u32)>) -> Result<(), Diagnostic> {
        stats.files += files.len();
        stats.bytes += files.iter().map(|f| f.1.len()).sum::<usize>();
        paths.extend(files.iter().map(|f| (f.0.clone(), f.1.len() as u32)));
        match self {
            FilesTo::Staging(st) => files.into_par_iter().try_for_each(|(p, b)| st.add_parts(format!("search/{p}"), &b.parts().collect::<Vec<_>>())),
            FilesTo::Sink(sink) => files.into_iter().try_for_each(|(p, b)| sink(p, b)),
        }
    }
}

/// Builds the index into `to`; its spill files go to `spill_dir`.
pub fn build_files(site: &Site, to: FilesTo, spill_dir: &std::path::Path) -> Result<SearchStats, Diagnostic> {
    build_into(site, to, spill_dir, &mut Vec::new()).map(|(stats, _)| stats)
}

/// [`build_files`], and the state of the index for [`build_incremental`] to patch.
pub fn build_files_state(site: &Site, to: FilesTo, spill_dir: &std::path::Path) -> Result<(SearchStats, SearchState), Diagnostic> {
    build_into(site, to, spill_dir, &mut Vec::new())
}

/// [`build_files`], listing the paths written (with their sizes) in `paths` and returning the
/// [`SearchState`] of the index: the records made from `site` a batch of slots at a time as
/// the index needs them.
fn build_into(site: &Site, to: FilesTo, spill_dir: &std::path::Path, paths: &mut Vec<(String, u32)>) -> Result<(SearchStats, SearchState), Diagnostic> {
    let slots = records::slots(site);
    let mut indicators = records::IndicatorTexts::new(site);
    let words = records::Words::of(site);
    let plan = IndexPlan::of(site, &slots, &words);
    let mut source = |base: usize, len: usize| -> Result<Vec<Record>, Diagnostic> { Ok(chunk_records(site, &words, &mut indicators, base as u32, &slots[base..base + len])) };
    index_records(&plan, &mut source, to, spill_dir, paths)
}

/// What building the index needs of the site besides the records.
struct IndexPlan {
    /// The slots file's and the manifest's view of the site.
    table: SiteTable,
    /// The fragment packs' preset dictionary ([`fragment_dictionary`]).
    dictionary: Vec<u8>,
    /// [`SearchState::site`].
    key: u64,
}

impl IndexPlan {
    fn of(site: &Site, slots: &[records::SlotRef], words: &records::Words) -> IndexPlan {
        IndexPlan { table: SiteTable::of(site, slots), dictionary: fragment_dictionary(site, slots, words), key: site_key(site, slots) }
    }
}

/// The records of every slot of a site, in slot order, in a temporary file (deleted when
/// dropped), with what else the index needs of the site ([`IndexPlan`]): the whole index is
/// then built without the site ([`Prepared::finish`]).
struct Spilled {
    plan: IndexPlan,
    /// For each batch of [`CHUNK`] slots, its length in bytes (4, little-endian) then its
    /// records in postcard ([`read_batch`]).
    file: std::io::BufReader<std::fs::File>,
    /// Making the records.
    time: Duration,
}

impl Spilled {
    /// The records of `site`, made a batch of slots at a time and written to a temporary file in
    /// `dir`.
    fn of(site: &Site, dir: &std::path::Path) -> Result<Spilled, Diagnostic> {
        use std::io::{Seek, Write};
        let t0 = Instant::now();
        let io = |action: &'static str| move |e: std::io::Error| crate::output::io_error(dir, action, e);
        std::fs::create_dir_all(dir).map_err(io("create"))?;
        let slots = records::slots(site);
        let mut indicators = records::IndicatorTexts::new(site);
        let words = records::Words::of(site);
        let plan = IndexPlan::of(site, &slots, &words);
        let mut out = std::io::BufWriter::with_capacity(1 << 20, tempfile::tempfile_in(dir).map_err(io("create"))?);
        for (c, chunk) in slots.chunks(CHUNK).enumerate() {
            let recs = chunk_records(site, &words, &mut indicators, (c * CHUNK) as u32, chunk);
            let bytes = postcard::to_allocvec(&recs).expect("records serialise");
            out.write_all(&(bytes.len() as u32).to_le_bytes()).and_then(|_| out.write_all(&bytes)).map_err(io("write"))?;
        }
        let mut file = out.into_inner().map_err(|e| e.into_error()).map_err(io("write"))?;
        file.rewind().map_err(io("read"))?;
        Ok(Spilled { plan, file: std::io::BufReader::with_capacity(1 << 20, file), time: t0.elapsed() })
    }

    /// Builds the index into `to` from the records set aside (see [`build_into`]).
    fn build(mut self, to: FilesTo, spill_dir: &std::path::Path, paths: &mut Vec<(String, u32)>) -> Result<(SearchStats, SearchState), Diagnostic> {
        let file = &mut self.file;
        let mut source = |_: usize, _: usize| -> Result<Vec<Record>, Diagnostic> {
            read_batch(file).map_err(|e| crate::output::io_error(spill_dir, "read", e))
        };
        index_records(&self.plan, &mut source, to, spill_dir, paths)
    }
}

/// The next batch of records [`Spilled::of`] wrote.
fn read_batch(file: &mut impl std::io::Read) -> std::io::Result<Vec<Record>> {
    let mut len = [0u8; 4];
    file.read_exact(&mut len)?;
    let mut bytes = vec![0u8; u32::from_le_bytes(len) as usize];
    file.read_exact(&mut bytes)?;
    postcard::from_bytes(&bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// Builds the index into `to` from the records `source` gives, a batch of [`CHUNK`] slots at a
/// time (first slot, slot count), in slot order; `plan` says the rest of what the site holds.
///
/// Every file but `manifest.json` is named by a tag of its bytes ([`index::tag`]); the name
/// of each is found through the files above it (the manifest names the tables of the
/// dictionary shards and fragment packs, a dictionary entry names its posting pack), so a
/// browser that read this build's manifest (fetched past the cache) only ever asks for this
/// build's bytes, and an edit rewrites only the files whose bytes change, and the few above.
fn index_records(plan: &IndexPlan, source: &mut dyn FnMut(usize, usize) -> Result<Vec<Record>, Diagnostic>, mut to: FilesTo, spill_dir: &std::path::Path, paths: &mut Vec<(String, u32)>) -> Result<(SearchStats, SearchState), Diagnostic> {
    let (mut t_rec, mut t_files, mut t_index) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let slot_count = plan.table.slots;
    let mut builder = index::IndexBuilder::new(spill_dir);
    let mut stats = SearchStats::default();
    let department_slots = plan.table.department_slots;
    let mut fingerprints = vec![0u64; slot_count];
    let dictionary = &plan.dictionary;
    // The pack being filled: its number and its slots' fragments so far.
    let mut open: Option<(u32, Vec<Vec<u8>>)> = None;
    let mut pack_tags: Vec<index::Tag> = Vec::new();
    for c in 0..slot_count.div_ceil(CHUNK) {
        let base = (c * CHUNK) as u32;
        let len = CHUNK.min(slot_count - c * CHUNK);
        let t0 = Instant::now();
        let recs = source(base as usize, len)?;
        t_rec += t0.elapsed();
        let t0 = Instant::now();
        let mut by_slot: Vec<Vec<u8>> = vec![Vec::new(); len];
        for (slot, bytes) in fragments(&recs) {
            fingerprints[slot as usize] = hash64(&bytes);
            by_slot[(slot - base) as usize] = bytes;
        }
        // Packs completed by this batch, in order.
        let mut done: Vec<(u32, Vec<Vec<u8>>)> = Vec::new();
        for (i, bytes) in by_slot.into_iter().enumerate() {
            let pack = fragment_pack(base + i as u32, department_slots);
            match &mut open {
                Some((p, held)) if *p == pack => held.push(bytes),
                _ => {
                    if let Some(o) = open.replace((pack, vec![bytes])) {
                        done.push(o);
                    }
                }
            }
        }
        let files: Vec<(u32, Vec<u8>)> = done.into_par_iter().map(|(p, held)| (p, fragment_pack_file(&held, dictionary))).collect();
        let files = files
            .into_iter()
            .map(|(p, bytes)| {
                let t = index::tag(&bytes);
                pack_tags.push(t);
                (format!("f/{p}.{}.bin", index::hex(&t)), bytes.into())
            })
            .collect();
        to.put(files, &mut stats, paths)?;
        stats.records += recs.len();
        t_files += t0.elapsed();
        let t0 = Instant::now();
        builder.add(&recs)?;
        t_index += t0.elapsed();
    }
    if let Some((p, held)) = open.take() {
        let bytes = fragment_pack_file(&held, dictionary);
        let t = index::tag(&bytes);
        pack_tags.push(t);
        to.put(vec![(format!("f/{p}.{}.bin", index::hex(&t)), bytes.into())], &mut stats, paths)?;
    }
    let postings = builder.posting_bytes();
    let t0 = Instant::now();
    let (names, latin) = builder.finish(&mut |files| to.put(files, &mut stats, paths))?;
    let t_finish = t0.elapsed();
    let t0 = Instant::now();
    let (index_total, index_small) = (names.total, names.small);

    let (mut out, fragment_tables) = index::name_tables("f", &pack_tags);
    // The fragment dictionary, deflated without one.
    let mut dictionary_file = index::MAGIC.to_vec();
    dictionary_file.extend_from_slice(&index::deflate(dictionary, index::DICTIONARY_LEVEL));
    let dictionary_tag = index::hex(&index::tag(&dictionary_file));
    out.push((format!("z.{dictionary_tag}.bin"), dictionary_file.into()));
    out.extend(tail_files(&plan.table, stats.records, names.buckets, names.tables, fragment_tables, &latin, dictionary_tag));
    to.put(out, &mut stats, paths)?;
    stats.timings =
        SearchTimes { records: t_rec, record_files: t_files, tokenise: t_index, finish: t_finish, manifest: t0.elapsed(), postings, ..SearchTimes::default() };
    let mut files = paths.clone();
    files.sort_unstable();
    let state = SearchState { format: FORMAT, slots: fingerprints, site: plan.key, files, records: stats.records, total: index_total, small: index_small };
    Ok((stats, state))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_files_are_the_json_serde_writes() {
        #[derive(Serialize)]
        struct RecordFile<'a> {
            u: &'a str,
            t: &'a str,
            h: &'a str,
            d: &'a str,
            y: u16,
            s: &'static str,
            x: &'a str,
        }
        // Every control char, quotes, backslashes, multi-byte chars, at every offset of the
        // eight-byte steps.
        let alphabet: Vec<char> = (0u8..0x20).map(char::from).chain("\"\\/ aZ9\u{7f}é网格😀".chars()).collect();
        let mut rng = testing::Xorshift(0x1234_5678_9abc_def1);
        for n in 0..5000 {
            let mut text = || rng.text(&alphabet, n % 37);
            let r = Record { id: (n * records::SLOT as usize + n % SECTIONS.len()) as u32, url: text(), title: text(), heading: text(), department: text(), year: (n % 3000) as u16, text: text() };
            let f = RecordFile { u: &r.url, t: &r.title, h: &r.heading, d: &r.department, y: r.year, s: r.section(), x: &r.text };
            assert_eq!(String::from_utf8(record_file(&r)).unwrap(), serde_json::to_string(&f).unwrap());
        }
    }
}
