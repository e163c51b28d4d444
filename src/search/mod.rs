//! Exact full-text search on a static host (issue 5).
//!
//! At build time every report section, department page, indicator page and free page becomes
//! a [`Record`] ([`records`]); [`build`] indexes them into static files under `search/<hash>/`
//! ([`index`]): a dictionary of char n-grams (one to three chars) split into small shards that
//! give each term's sizes, posting files of the frequent terms (trigrams with positions, so a
//! Chinese query of any length is verified as a substring), Latin-word shards split by prefix,
//! one JSON fragment per report (and per department, indicator or free page) with its section
//! texts for excerpts, and a tiny `search/manifest.json` naming the build's folder. The browser
//! script `assets/search.js` downloads the manifest, the dictionary shards of the query's terms,
//! then only the postings of the cheapest terms that cover the query, then the fragments of the
//! reports it shows (results are grouped per report). All URLs are relative, so the site and its search work under any sub-path.
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

/// `slots.json`, fetched only to filter by department.
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
    /// The build's folder under `search/`, named by a hash of its contents, ending in `/`.
    dir: String,
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

/// Format version, in the manifest and in the hash that names the build's folder.
const FORMAT: u32 = 3;

/// Path, under the build's folder, of the fragment of slot `slot`: the records of one report
/// (every section with content), of one department page, indicator page or free page.
pub fn fragment_path(slot: u32) -> String {
    format!("f/{}/{slot}.json", slot >> 10)
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

/// Builds the index files into `staging` under `search/`.
pub fn build(site: &Site, staging: &Staging) -> Result<SearchStats, Diagnostic> {
    let (cpu0, rss0) = (crate::process_cpu_time(), crate::memory_kb("VmRSS:"));
    let mut stats = build_files(site, FilesTo::Staging(staging), staging.scratch_folder())?;
    stats.timings.cpu = crate::process_cpu_time().saturating_sub(cpu0);
    stats.timings.rss_start_kb = rss0;
    stats.timings.peak_kb = crate::memory_kb("VmHWM:");
    Ok(stats)
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
    /// Hands over `files`, counting them in `stats`.
    fn put(&mut self, files: Vec<(String, Chunked)>, stats: &mut SearchStats) -> Result<(), Diagnostic> {
        stats.files += files.len();
        stats.bytes += files.iter().map(|f| f.1.len()).sum::<usize>();
        match self {
            FilesTo::Staging(st) => files.into_par_iter().try_for_each(|(p, b)| st.add_parts(format!("search/{p}"), &b.parts().collect::<Vec<_>>())),
            FilesTo::Sink(sink) => files.into_iter().try_for_each(|(p, b)| sink(p, b)),
        }
    }
}

/// The fragments of the first pass, kept until the build's folder is named: appended to an
/// unnamed temporary file in the spill folder (removed by the system even after a crash), then
/// read back in order.
struct FragmentSpill {
    dir: std::path::PathBuf,
    file: std::io::BufWriter<std::fs::File>,
    /// (slot, length) of each fragment, in the file's order.
    lengths: Vec<(u32, usize)>,
}

impl FragmentSpill {
    fn new(dir: &std::path::Path) -> Result<FragmentSpill, index::SpillError> {
        let file = tempfile::tempfile_in(dir).map_err(|error| index::SpillError { dir: dir.into(), action: "write", error })?;
        Ok(FragmentSpill { dir: dir.into(), file: std::io::BufWriter::with_capacity(1 << 20, file), lengths: Vec::new() })
    }

    fn push(&mut self, slot: u32, bytes: &[u8]) -> Result<(), index::SpillError> {
        use std::io::Write;
        self.file.write_all(bytes).map_err(|error| index::SpillError { dir: self.dir.clone(), action: "write", error })?;
        self.lengths.push((slot, bytes.len()));
        Ok(())
    }

    /// Reads the fragments back, about `batch` bytes at a time, handing each batch to `each`.
    fn read_back(self, batch: usize, mut each: impl FnMut(Vec<(u32, Vec<u8>)>) -> Result<(), Diagnostic>) -> Result<(), Diagnostic> {
        use std::io::{Read, Seek};
        let dir = self.dir;
        let fail = |error| -> Diagnostic { index::SpillError { dir: dir.clone(), action: "read", error }.into() };
        let mut file = self.file.into_inner().map_err(|e| fail(e.into_error()))?;
        file.rewind().map_err(fail)?;
        let mut file = std::io::BufReader::with_capacity(1 << 20, file);
        let mut out = Vec::new();
        let mut held = 0;
        for (slot, len) in self.lengths {
            let mut bytes = vec![0; len];
            file.read_exact(&mut bytes).map_err(fail)?;
            held += len;
            out.push((slot, bytes));
            if held >= batch {
                each(std::mem::take(&mut out))?;
                held = 0;
            }
        }
        each(out)
    }
}

/// Builds the index into `to`; its spill files go to `spill_dir`.
///
/// Everything but `manifest.json` goes into a folder named by a hash of the records' fragments
/// (and of the format), so that a browser or CDN holding files of an earlier build never mixes
/// them with this one's: the manifest, fetched past the cache, names the folder. The name is
/// known only once every record is made, so the fragments wait in a spill file until then.
pub fn build_files(site: &Site, mut to: FilesTo, spill_dir: &std::path::Path) -> Result<SearchStats, Diagnostic> {
    use sha2::Digest;
    let (mut t_rec, mut t_files, mut t_index) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let slots = records::slots(site);
    let mut indicators = records::IndicatorTexts::new(site);
    let words = records::Words::of(site);
    let mut builder = index::IndexBuilder::new(spill_dir);
    let mut stats = SearchStats::default();
    let slot_department: Vec<i64> = slots.iter().map(|s| records::slot_department(site, *s).map_or(-1, |i| i as i64)).collect();
    let mut hash = sha2::Sha256::new();
    hash.update(format!("jixiao search {FORMAT} {} {}", index::INLINE, records::SLOT).as_bytes());
    let mut spill = FragmentSpill::new(spill_dir)?;
    for (c, chunk) in slots.chunks(CHUNK).enumerate() {
        let base = (c * CHUNK) as u32;
        let t0 = Instant::now();
        let indicators = indicators.for_slots(site, chunk);
        let recs: Vec<Record> = chunk
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, s)| records::slot_records(site, &words, indicators, base + i as u32, *s))
            .collect();
        t_rec += t0.elapsed();
        let t0 = Instant::now();
        // The fragments hold every field of every record; with the slot numbers they determine
        // every index file, so their hashes name the folder.
        let fragments: Vec<(u32, Vec<u8>, [u8; 32])> =
            fragments(&recs).into_par_iter().map(|(slot, bytes)| { let digest = sha2::Sha256::digest(&bytes).into(); (slot, bytes, digest) }).collect();
        for (slot, bytes, digest) in &fragments {
            hash.update(slot.to_le_bytes());
            hash.update(digest);
            spill.push(*slot, bytes)?;
        }
        stats.records += recs.len();
        t_files += t0.elapsed();
        let t0 = Instant::now();
        builder.add(&recs)?;
        t_index += t0.elapsed();
    }
    let dir: String = hash.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect();
    let in_dir = |files: Vec<(String, Chunked)>| -> Vec<(String, Chunked)> { files.into_iter().map(|(p, b)| (format!("{dir}/{p}"), b)).collect() };
    let postings = builder.posting_bytes();
    let t0 = Instant::now();
    let (buckets, latin) = builder.finish(&mut |files| to.put(in_dir(files), &mut stats))?;
    let t_finish = t0.elapsed();
    let t0 = Instant::now();
    spill.read_back(16 << 20, |batch| to.put(in_dir(batch.into_iter().map(|(slot, bytes)| (fragment_path(slot), bytes.into())).collect()), &mut stats))?;
    t_files += t0.elapsed();
    let t0 = Instant::now();

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
        v: FORMAT,
        dir: format!("{dir}/"),
        slot: records::SLOT,
        buckets,
        inline: index::INLINE,
        years,
        sections: SECTIONS,
        records: stats.records,
        department_slots,
        indicator_slots,
        page_slots,
    };
    let mut out: Vec<(String, Chunked)> = Vec::new();
    let slots_file = SlotsFile { departments: site.departments.iter().map(|d| (d.id, d.name)).collect(), slots: &slot_department };
    out.push(("slots.json".into(), serde_json::to_vec(&slots_file).expect("slots serialise").into()));
    // Latin shard keys, fetched only for a query with a Latin word or number.
    out.push(("latin.json".into(), serde_json::to_vec(&latin).expect("keys serialise").into()));
    let mut out = in_dir(out);
    out.push(("manifest.json".into(), serde_json::to_vec(&manifest).expect("manifest serialises").into()));
    to.put(out, &mut stats)?;
    stats.timings =
        SearchTimes { records: t_rec, record_files: t_files, tokenise: t_index, finish: t_finish, manifest: t0.elapsed(), postings, ..SearchTimes::default() };
    Ok(stats)
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
