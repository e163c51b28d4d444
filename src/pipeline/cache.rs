//! The persistent build cache in `ROOT/.jixiao/` (docs/cache.md): what `jixiao build` needs to
//! redo only what changed since the last build, and to print the same summary, warnings and
//! check findings when nothing did.
//!
//! One file, `ROOT/.jixiao/build-<key>`, per output folder and option set (`key` hashes them,
//! so `--drafts` into another folder keeps a cache of its own). Its layout: [`MAGIC`], then
//! the [`Header`] and the [`State`] in [postcard](https://docs.rs/postcard) (a compact binary
//! serde format: no field names, varint integers, decoding a 10,000-report state in tens of
//! milliseconds; the state is plain data of our own types, with no `skip_serializing_if` or
//! untagged enums that a non-self-describing format cannot read back), then an xxHash3 of all
//! that. A file that does not start with the magic, whose checksum does not match (truncated,
//! damaged), or whose header names another format, jixiao version or option set is ignored
//! with a note, never trusted. Written to a temporary file beside it and renamed over it, so a
//! crash leaves the old cache or the new one.
//!
//! Nothing here decides what to rebuild: the [pipeline](super) does, from the [`State`].

use super::stamps::Stamps;
use crate::check::{CheckReport, FigureRef, Finding};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, Severity};
use crate::messages::Text;
use crate::model::RuleLevel;
use crate::render::Input;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The first bytes of a cache file.
pub const MAGIC: &[u8; 8] = b"JXCACHE\x00";

/// The layout of [`State`]: raised whenever it changes, so an older file is ignored.
pub const FORMAT: u32 = 9;

/// The folder under the site root that holds the cache.
pub const FOLDER: &str = ".jixiao";

/// What a cache was made for: a cache is used only by a build with the same header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// [`FORMAT`].
    pub format: u32,
    /// The jixiao version (`CARGO_PKG_VERSION`): the embedded default theme and every stage
    /// may differ between versions.
    pub version: String,
    /// The options that change the output.
    pub options: OptionsKey,
}

/// The build options that change what is written, and where.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OptionsKey {
    /// `--drafts`.
    pub drafts: bool,
    /// `--base-url`.
    pub base_url: Option<String>,
    /// The snapshot year being built (`jixiao archive`), if any.
    pub snapshot: Option<u16>,
    /// Comparisons, indicator pages and charts.
    pub comparisons: bool,
    /// The output folder, absolute.
    pub output: String,
}

impl Header {
    /// The header of this jixiao for `options`.
    pub fn current(options: OptionsKey) -> Header {
        Header { format: FORMAT, version: env!("CARGO_PKG_VERSION").to_string(), options }
    }
}

/// Everything a build remembers for the next one.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct State {
    /// Every input file (content, themes, site templates and static files, archive) by path
    /// relative to the root.
    pub inputs: Stamps,
    /// Every file the build wrote into the output folder, by path relative to it.
    pub outputs: Stamps,
    /// Reports published.
    pub reports: usize,
    /// HTML pages.
    pub pages: usize,
    /// Warnings of the content and the archive copy, as printed.
    pub warnings: Vec<StoredDiagnostic>,
    /// The check findings about `site.yaml` itself ([`crate::check::site_findings`]).
    pub site_findings: Vec<StoredFinding>,
    /// The rule levels of `site.yaml`: with the findings above and each department's, the
    /// check report as printed ([`crate::check::report_of`]).
    pub rule_levels: Vec<(String, RuleLevel)>,
    /// The located findings of each department before the site's rule levels
    /// ([`crate::check::DepartmentFindings`]), by department id, each list in postcard: an
    /// edit checks again only the departments whose files changed and keeps the others' bytes
    /// as they are.
    pub department_findings: Vec<(String, Blob)>,
    /// The fingerprint of each data input pages read ([`crate::render::fingerprint`]).
    pub fingerprints: Vec<(Input, u64)>,
    /// The chart files beside each page, by page path.
    pub charts: Vec<(String, Vec<String>)>,
    /// Every page path.
    pub pages_list: Vec<String>,
    /// The files the search index stage wrote.
    pub search_files: Vec<String>,
    /// A hash of each page's downloads, by page URL (a page whose downloads changed is
    /// rendered again).
    pub downloads: Vec<(String, u64)>,
    /// The day of the build (`YYYY-MM-DD`): whether a report date lies in the future (a
    /// warning) depends on it.
    pub today: String,
    /// What only a build after an edit reads ([`Work`]), in postcard: kept as bytes so that a
    /// build with nothing to do does not decode it.
    pub work: Blob,
}

/// Bytes kept as they are in the cache (postcard, JSON): written as one run of bytes after
/// their length, not as a list of numbers, so that reading and writing them is a copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blob(pub Vec<u8>);

impl Serialize for Blob {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Blob, D::Error> {
        struct BlobVisitor;
        impl<'de> serde::de::Visitor<'de> for BlobVisitor {
            type Value = Blob;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Blob, E> {
                Ok(Blob(v.to_vec()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Blob, E> {
                Ok(Blob(v))
            }
        }
        d.deserialize_byte_buf(BlobVisitor)
    }
}

/// What a build after an edit needs of the last build, besides the [`State`].
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Work {
    /// The old site the build kept as the spare of the next one ([`super::spare`]), if it did.
    pub spare: Option<super::spare::Record>,
    /// The data stage's work ([`crate::data::DataCache`]), for an edit to make again only the
    /// files of the reports it touched.
    pub data: Option<crate::data::StoredData>,
    /// What the search index needs to tell whether any record changed
    /// ([`crate::search::SearchState`]): when none did, an edit keeps every search file.
    pub search: Option<crate::search::SearchState>,
}

impl Work {
    /// The bytes [`State::work`] holds.
    pub fn encode(&self) -> Blob {
        Blob(postcard::to_stdvec(self).unwrap_or_default())
    }

    /// The work in [`State::work`]; nothing when it does not decode (the state's checksum
    /// passed, so only an empty one).
    pub fn decode(bytes: &[u8]) -> Work {
        postcard::from_bytes(bytes).unwrap_or_default()
    }
}

/// A [`Diagnostic`] as stored: its code as text (looked up in [`crate::codes`] on reading).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredDiagnostic {
    code: String,
    error: bool,
    file: PathBuf,
    location: Option<(usize, usize, usize)>,
    field: Option<String>,
    message: (String, String),
    hint: Option<(String, String)>,
    source_line: Option<String>,
}

/// A check [`Finding`] as stored: its rule by id (looked up in [`crate::check::RULES`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredFinding {
    rule: String,
    error: bool,
    file: PathBuf,
    position: String,
    location: Option<(usize, usize, usize)>,
    field: String,
    message: (String, String),
    figures: Vec<(String, String, String, Option<String>)>,
    arithmetic: (String, String),
    acknowledged: Option<String>,
    source_line: Option<String>,
}

fn text(t: &Text) -> (String, String) {
    (t.en.clone(), t.zh.clone())
}

fn loc(l: &Option<Location>) -> Option<(usize, usize, usize)> {
    l.map(|l| (l.line, l.column, l.len))
}

fn unloc(l: Option<(usize, usize, usize)>) -> Option<Location> {
    l.map(|(line, column, len)| Location { line, column, len })
}

fn severity(error: bool) -> Severity {
    if error { Severity::Error } else { Severity::Warning }
}

impl StoredDiagnostic {
    /// Whether it has this code.
    pub fn has_code(&self, code: &str) -> bool {
        self.code == code
    }

    /// The stored form of `d`.
    pub fn from(d: &Diagnostic) -> StoredDiagnostic {
        StoredDiagnostic {
            code: d.code.to_string(),
            error: d.severity == Severity::Error,
            file: d.file.clone(),
            location: loc(&d.location),
            field: d.field.clone(),
            message: text(&d.message),
            hint: d.hint.as_ref().map(text),
            source_line: d.source_line.clone(),
        }
    }

    /// The diagnostic again; `None` for a code this jixiao does not know (the cache is then
    /// not trusted).
    pub fn restore(self) -> Option<Diagnostic> {
        let code = crate::codes::lookup(&self.code)?.code;
        let mut d = Diagnostic::error(code, self.file, Text::new(self.message.0, self.message.1));
        d.severity = severity(self.error);
        d.location = unloc(self.location);
        d.field = self.field;
        d.hint = self.hint.map(|(en, zh)| Text::new(en, zh));
        d.source_line = self.source_line;
        Some(d)
    }
}

impl StoredFinding {
    /// The stored form of `f`.
    pub fn from(f: &Finding) -> StoredFinding {
        StoredFinding {
            rule: f.rule.to_string(),
            error: f.severity == Severity::Error,
            file: f.file.clone(),
            position: f.position.clone(),
            location: loc(&f.location),
            field: f.field.clone(),
            message: text(&f.message),
            figures: f.figures.iter().map(|g| (g.field.clone(), g.name.clone(), g.value.clone(), g.position.clone())).collect(),
            arithmetic: text(&f.arithmetic),
            acknowledged: f.acknowledged.clone(),
            source_line: f.source_line.clone(),
        }
    }

    /// The finding again; `None` for a rule this jixiao does not know.
    pub fn restore(self) -> Option<Finding> {
        let rule = crate::check::rule(&self.rule)?;
        Some(Finding {
            rule: rule.id,
            severity: severity(self.error),
            description: rule.description,
            file: self.file,
            position: self.position,
            location: unloc(self.location),
            field: self.field,
            message: Text::new(self.message.0, self.message.1),
            figures: self.figures.into_iter().map(|(field, name, value, position)| FigureRef { field, name, value, position, spot: None }).collect(),
            arithmetic: Text::new(self.arithmetic.0, self.arithmetic.1),
            hint: rule.hint,
            acknowledged: self.acknowledged,
            source_line: self.source_line,
        })
    }
}

impl State {
    /// The warnings as diagnostics; `None` when one names a code this jixiao does not know.
    pub fn restore_warnings(&self) -> Option<Diagnostics> {
        let list: Option<Vec<Diagnostic>> = self.warnings.iter().cloned().map(StoredDiagnostic::restore).collect();
        list.map(Diagnostics)
    }

}

impl State {
    /// The findings of each department ([`State::department_findings`]); `None` when one does
    /// not decode or names a rule this jixiao does not know.
    pub fn restore_department_findings(&self) -> Option<crate::check::DepartmentFindings> {
        self.department_findings.iter().map(|(id, bytes)| Some((id.clone(), restore_findings(&bytes.0)?))).collect()
    }

    /// The stored form of department findings, sorted by department: the bytes `keep` gives
    /// for a department (those of the last build, for one not checked again), else encoded.
    pub fn store_department_findings(findings: &crate::check::DepartmentFindings, keep: &(dyn Fn(&str) -> Option<Blob> + Sync)) -> Vec<(String, Blob)> {
        use rayon::prelude::*;
        let mut ids: Vec<&String> = findings.keys().collect();
        ids.sort();
        ids.into_par_iter()
            .map(|id| {
                let bytes = keep(id).unwrap_or_else(|| {
                    let list: Vec<StoredFinding> = findings[id].iter().map(StoredFinding::from).collect();
                    Blob(postcard::to_stdvec(&list).unwrap_or_default())
                });
                (id.clone(), bytes)
            })
            .collect()
    }

    /// The check report as the last build printed it; `None` when a finding does not decode
    /// or names a rule this jixiao does not know.
    pub fn restore_check(&self) -> Option<CheckReport> {
        let site: Vec<Finding> = self.site_findings.iter().cloned().map(StoredFinding::restore).collect::<Option<_>>()?;
        let departments: Vec<Vec<Finding>> = self.department_findings.iter().map(|(_, bytes)| restore_findings(&bytes.0)).collect::<Option<_>>()?;
        let levels = self.rule_levels.iter().cloned().collect();
        Some(crate::check::report_of(site, departments.into_iter().map(Vec::into_iter), &levels))
    }
}

/// A department's findings from their stored bytes.
fn restore_findings(bytes: &[u8]) -> Option<Vec<Finding>> {
    let list: Vec<StoredFinding> = postcard::from_bytes(bytes).ok()?;
    list.into_iter().map(StoredFinding::restore).collect()
}

/// The cache file of `options` under `cache_dir`.
pub fn file_for(cache_dir: &Path, options: &OptionsKey) -> PathBuf {
    use std::hash::Hash;
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    options.hash(&mut HashAdapter(&mut h));
    cache_dir.join(format!("build-{:016x}", h.digest()))
}

/// The spare folder of `options` under `cache_dir` ([`super::spare`]): the old site the last
/// build swapped out.
pub fn spare_for(cache_dir: &Path, options: &OptionsKey) -> PathBuf {
    let file = file_for(cache_dir, options);
    let name = file.file_name().map(|n| n.to_string_lossy().replacen("build-", "spare-", 1)).unwrap_or_default();
    cache_dir.join(name)
}

/// A `std::hash::Hasher` over xxHash3 (stable across Rust releases, unlike `DefaultHasher`).
struct HashAdapter<'a>(&'a mut xxhash_rust::xxh3::Xxh3Default);

impl std::hash::Hasher for HashAdapter<'_> {
    fn finish(&self) -> u64 {
        self.0.digest()
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
}

/// Why a cache file was not used.
#[derive(Debug, Clone, PartialEq)]
pub enum Rejected {
    /// No cache there (a first build, or the folder was deleted): nothing to say.
    Missing,
    /// A file that is not a cache, a damaged or truncated one, or one for another jixiao or
    /// option set: say why, build from scratch.
    Ignored(Text),
}

/// What lies between `magic` and the checksum at the end of `bytes`, framed as a cache file
/// is (the model store's files too: [`super::model`]); `None` when the magic is not there or
/// the checksum does not match (a truncated or damaged file).
pub(super) fn checked_body<'b>(bytes: &'b [u8], magic: &[u8]) -> Option<&'b [u8]> {
    if bytes.len() < magic.len() + 8 || !bytes.starts_with(magic) {
        return None;
    }
    let (summed, sum) = bytes.split_at(bytes.len() - 8);
    (super::stamps::hash(summed).to_le_bytes() == sum).then(|| &summed[magic.len()..])
}

/// Reads the cache at `path` if it was written for `expected`.
pub fn read(path: &Path, expected: &Header) -> Result<State, Rejected> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Rejected::Missing),
        Err(e) => return Err(Rejected::Ignored(Text::new(e.to_string(), e.to_string()))),
    };
    decode(&bytes, expected)
}

/// [`read`] of bytes already read.
pub fn decode(bytes: &[u8], expected: &Header) -> Result<State, Rejected> {
    let ignored = |m: crate::messages::Msg| Rejected::Ignored(m.into());
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(ignored(crate::messages::CACHE_NOT_A_CACHE));
    }
    let body = checked_body(bytes, MAGIC).ok_or_else(|| ignored(crate::messages::CACHE_CORRUPT))?;
    let (header, rest): (Header, &[u8]) = postcard::take_from_bytes(body).map_err(|_| ignored(crate::messages::CACHE_CORRUPT))?;
    if header.format != expected.format || header.version != expected.version {
        return Err(Rejected::Ignored(crate::messages::cache_other_version(header.format, &header.version)));
    }
    if header.options != expected.options {
        return Err(ignored(crate::messages::CACHE_OTHER_OPTIONS));
    }
    postcard::from_bytes(rest).map_err(|_| ignored(crate::messages::CACHE_CORRUPT))
}

/// The bytes of a cache file.
pub fn encode(header: &Header, state: &State) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    encode_into(header, state, &mut out)?;
    Ok(out)
}

/// Writes the bytes of a cache file ([`encode`]'s) to `out` as they are made: the state is not
/// first gathered in memory (with 87,000 check findings at 10,000 reports that was a buffer of
/// 80 MB, grown by doubling and then copied: 240 MB at the end of a build, its peak).
fn encode_into(header: &Header, state: &State, out: &mut impl std::io::Write) -> std::io::Result<()> {
    /// Passes the bytes on and hashes them, for the checksum at the end; keeps the error of a
    /// failed write (postcard reports it without its cause).
    struct Summing<'w, W: std::io::Write> {
        out: &'w mut W,
        sum: xxhash_rust::xxh3::Xxh3,
        error: Option<std::io::Error>,
    }
    impl<W: std::io::Write> std::io::Write for Summing<'_, W> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            match self.out.write(buf) {
                Ok(n) => {
                    self.sum.update(&buf[..n]);
                    Ok(n)
                }
                Err(e) => {
                    let kind = e.kind();
                    self.error = Some(e);
                    Err(kind.into())
                }
            }
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.out.flush()
        }
    }
    let mut w = Summing { out, sum: xxhash_rust::xxh3::Xxh3::new(), error: None };
    w.write_all(MAGIC)?;
    let written = postcard::to_io(header, &mut w).and_then(|w| postcard::to_io(state, w).map(|_| ()));
    if let Err(e) = written {
        return Err(w.error.take().unwrap_or_else(|| std::io::Error::other(e)));
    }
    // The same checksum as [`super::stamps::hash`] of everything before it.
    let sum = w.sum.digest();
    out.write_all(&sum.to_le_bytes())
}

/// Writes the cache at `path` atomically: a temporary file in the same folder, renamed over it.
pub fn write(path: &Path, header: &Header, state: &State) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    {
        let mut file = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        encode_into(header, state, &mut file)?;
        file.flush()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::stamps::Stamp;

    fn header() -> Header {
        Header::current(OptionsKey { drafts: false, base_url: None, snapshot: None, comparisons: true, output: "/tmp/public".into() })
    }

    fn state() -> State {
        let mut s = State { reports: 3, pages: 7, ..State::default() };
        s.inputs.insert("content/a/2022.yaml".into(), Stamp { size: 10, mtime_ns: 20, hash: 30 });
        s.fingerprints.push((Input::Year(2022), 99));
        s
    }

    #[test]
    fn reads_back_what_it_wrote() {
        let bytes = encode(&header(), &state()).unwrap();
        let back = decode(&bytes, &header()).unwrap();
        assert_eq!(back.reports, 3);
        assert_eq!(back.inputs, state().inputs);
        assert_eq!(back.fingerprints, state().fingerprints);
    }

    #[test]
    fn refuses_damaged_truncated_foreign_and_other_version() {
        let bytes = encode(&header(), &state()).unwrap();
        let why = |r: Result<State, Rejected>| match r {
            Err(Rejected::Ignored(t)) => t.en,
            other => panic!("{other:?}"),
        };
        assert_eq!(why(decode(&bytes[..bytes.len() - 3], &header())), crate::messages::CACHE_CORRUPT.en);
        let mut flipped = bytes.clone();
        flipped[20] ^= 1;
        assert_eq!(why(decode(&flipped, &header())), crate::messages::CACHE_CORRUPT.en);
        assert_eq!(why(decode(b"hello, world", &header())), crate::messages::CACHE_NOT_A_CACHE.en);
        let mut old = header();
        old.version = "0.0.1".into();
        let bytes_old = encode(&old, &state()).unwrap();
        assert!(why(decode(&bytes_old, &header())).contains("0.0.1"));
        let mut other = header();
        other.options.drafts = true;
        assert_eq!(why(decode(&encode(&other, &state()).unwrap(), &header())), crate::messages::CACHE_OTHER_OPTIONS.en);
    }
}
