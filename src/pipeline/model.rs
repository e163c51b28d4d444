//! The loaded content kept between builds (`ROOT/.jixiao/model/`, docs/cache.md): every
//! department's `department.yaml` and `<year>.yaml` files as the loader made them, so that a
//! build after an edit parses only the files that changed and takes the others back
//! ([`crate::load::load_reusing`]).
//!
//! One file per department, `model/<id>.bin`, so an edit rewrites only its department's. Its
//! layout: [`MAGIC`], a [`Header`] and the [`Entry`] of each file in
//! [postcard](https://docs.rs/postcard), then an xxHash3 of all that. An entry holds the file's
//! size and hash (those of its input stamp, [`super::stamps`]), the warnings its load reported,
//! and its value in postcard too: written with every field ([`crate::model::with_every_field`]:
//! `report.json` leaves empty lists out, which a format reading fields by place could not read
//! back), a [`crate::model::Figure`] as the digits written. Reading it back gives the same value
//! (tests/cache.rs compares a restored model with a loaded one); a value that does not read back
//! is parsed from its file.
//!
//! An entry is taken back only for the bytes it was made from (size and hash as the build's
//! input stamps have them now), by this jixiao (the header's format and version), and when
//! what else its load read is as it was: today's date for a file warned about a date in the
//! future (the warning names the day; a later day may drop it), and the other files of the
//! department's folder (a report's attachments must exist there). A file that is damaged, of
//! another version or another day is parsed again, never trusted; the folder is a cache, safe
//! to delete.

use super::cache::{Blob, StoredDiagnostic};
use super::stamps::{self, Stamps};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Content, Restored};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The folder under the build cache's folder.
pub const FOLDER: &str = "model";

/// The first bytes of a department's file.
pub const MAGIC: &[u8; 8] = b"JXMODEL\x00";

/// The layout of a department's file: raised whenever it changes, so an older file is ignored.
pub const FORMAT: u32 = 2;

/// Error code of a report date later than today: the warning names today's date.
const E_FUTURE_DATE: &str = "E0214";

/// What a department's file was made with.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    /// [`FORMAT`].
    format: u32,
    /// The jixiao version: the loader may read the same bytes otherwise in another.
    version: String,
    /// The day the entries were made (`YYYY-MM-DD`).
    today: String,
    /// A hash of the department folder's other files ([`others`]).
    others: u64,
}

/// One content file as the loader made it.
#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    /// Relative to the site root, `/`-separated.
    path: String,
    /// Size of the bytes it was made from.
    size: u64,
    /// Hash of those bytes ([`stamps::hash`]).
    hash: u64,
    /// The warnings its load reported.
    warnings: Vec<StoredDiagnostic>,
    /// The value, in postcard.
    value: Blob,
}

/// The departments' files in the cache, to give back the files that did not change.
///
/// A department's file is read and decoded when the load first asks for one of its files, and
/// each entry is handed over (and freed) as it is taken back: the store is never held whole
/// beside the content it restores (at 10,000 reports that was some 400 MB more than a parse).
#[derive(Default)]
pub struct ModelCache {
    /// The departments' files found, by department id.
    departments: HashMap<String, Stored>,
    /// The day the build runs.
    today: String,
    /// The paths given back.
    restored: Mutex<HashSet<String>>,
}

/// One department's file: where it is, and once read, what it holds.
struct Stored {
    path: PathBuf,
    read: OnceLock<Option<Read>>,
}

/// A department's file as read: the day it was made, how many entries it held, and the
/// entries not taken back yet, by path.
struct Read {
    made_on: String,
    count: usize,
    entries: Mutex<HashMap<String, Entry>>,
}

/// The department a content path (`content/<id>/…`) belongs to.
fn department_of(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("content/")?;
    let (id, _) = rest.split_once('/')?;
    Some(id)
}

/// A hash of the files under `content/<id>/` other than its YAML files (paths and hashes), as
/// `inputs` has them: the loader reads them to check a report's attachments.
fn others(inputs: &Stamps, id: &str) -> u64 {
    let prefix = format!("content/{id}/");
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    for (path, stamp) in inputs.range(prefix.clone()..).take_while(|(p, _)| p.starts_with(&prefix)) {
        let name = &path[prefix.len()..];
        if !name.contains('/') && (name.ends_with(".yaml") || name.ends_with(".yml")) {
            continue;
        }
        h.update(path.as_bytes());
        h.update(&[0]);
        h.update(&stamp.hash.to_le_bytes());
    }
    h.digest()
}

impl ModelCache {
    /// The departments' files under `dir` ([`FOLDER`] of the build cache's folder); `today` is
    /// the build's day. Nothing is read yet: [`restore`](ModelCache::restore) reads a
    /// department's file when first asked for one of its files, and keeps it only when this
    /// jixiao wrote it and the department folder holds the same other files as the build's
    /// input stamps say. A folder that is not there gives nothing.
    pub fn open(dir: &Path, today: &str) -> ModelCache {
        let departments = match std::fs::read_dir(dir) {
            Ok(list) => list
                .flatten()
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let id = name.strip_suffix(".bin")?.to_string();
                    Some((id, Stored { path: e.path(), read: OnceLock::new() }))
                })
                .collect(),
            Err(_) => HashMap::new(),
        };
        ModelCache { departments, today: today.to_string(), restored: Mutex::new(HashSet::new()) }
    }

    /// The department `id`'s file, read and checked on first use; `None` when there is none
    /// or it is not usable.
    fn department(&self, id: &str, inputs: &Stamps) -> Option<&Read> {
        let stored = self.departments.get(id)?;
        stored
            .read
            .get_or_init(|| {
                let bytes = std::fs::read(&stored.path).ok()?;
                let (header, entries) = decode(&bytes)?;
                let usable = header.format == FORMAT && header.version == env!("CARGO_PKG_VERSION") && header.others == others(inputs, id);
                usable.then(|| {
                    // An entry filed under another department's name is not trusted.
                    let entries: HashMap<String, Entry> = entries.into_iter().filter(|e| department_of(&e.path) == Some(id)).map(|e| (e.path.clone(), e)).collect();
                    Read { made_on: header.today, count: entries.len(), entries: Mutex::new(entries) }
                })
            })
            .as_ref()
    }

    /// The value and warnings of the file at `rel` (relative to the root) when an entry was
    /// made from its bytes as `inputs` stamps them, on a day that gives the same warnings.
    /// An entry is handed over once: asked again, the file is parsed.
    pub fn restore(&self, rel: &Path, inputs: &Stamps) -> Option<(Restored, Diagnostics)> {
        let path = rel.to_str()?.replace('\\', "/");
        let read = self.department(department_of(&path)?, inputs)?;
        let entry = read.entries.lock().expect("no panic while holding the lock").remove(&path)?;
        let stamp = inputs.get(&path)?;
        if stamp.hash != entry.hash || stamp.size != entry.size {
            return None;
        }
        // A later day may drop a warning about a date in the future; an earlier one (a clock
        // set back) may add one.
        let future = entry.warnings.iter().any(|w| w.has_code(E_FUTURE_DATE));
        if read.made_on != self.today && (future || self.today < read.made_on) {
            return None;
        }
        let warnings: Vec<Diagnostic> = entry.warnings.into_iter().map(StoredDiagnostic::restore).collect::<Option<_>>()?;
        let value = if path.ends_with("/department.yaml") {
            Restored::Department(Box::new(postcard::from_bytes(&entry.value.0).ok()?))
        } else {
            Restored::Report(Box::new(postcard::from_bytes(&entry.value.0).ok()?))
        };
        self.restored.lock().expect("no panic while holding the lock").insert(path);
        Some((value, Diagnostics(warnings)))
    }

    /// Drops the entries no file asked for (once the content is loaded), keeping what
    /// [`save`] needs to tell which departments to write again.
    pub fn forget_values(&mut self) {
        for stored in self.departments.values_mut() {
            if let Some(Some(read)) = stored.read.get_mut() {
                read.entries.get_mut().expect("no panic while holding the lock").clear();
            }
        }
    }

    /// Forgets that the file at `rel` (relative to the root) was given back: it changed since,
    /// and [`save`] writes its department's file again.
    pub fn forget(&self, rel: &Path) {
        if let Some(path) = rel.to_str() {
            self.restored.lock().expect("no panic while holding the lock").remove(&path.replace('\\', "/"));
        }
    }

    /// How many files [`restore`](ModelCache::restore) gave back.
    pub fn restored(&self) -> usize {
        self.restored.lock().expect("no panic while holding the lock").len()
    }

    /// Whether the file of department `id` holds `files` entries made on `today` (read and
    /// usable): with every one of them given back, it need not be written again.
    fn current(&self, id: &str, files: usize, today: &str) -> bool {
        match self.departments.get(id).and_then(|s| s.read.get()) {
            Some(Some(read)) => read.count == files && read.made_on == today,
            _ => false,
        }
    }
}

/// The header and entries of a department's file; `None` when it is not one or is damaged.
fn decode(bytes: &[u8]) -> Option<(Header, Vec<Entry>)> {
    let body = super::cache::checked_body(bytes, MAGIC)?;
    let (header, rest): (Header, &[u8]) = postcard::take_from_bytes(body).ok()?;
    let entries: Vec<Entry> = postcard::from_bytes(rest).ok()?;
    Some((header, entries))
}

/// Writes the file of each department of `content` whose files were not all given back by
/// `reused` (all of them when it is `None`), as `inputs` stamps them, made on `today`; removes
/// the files of departments that are gone. Each file is written to a temporary file beside it
/// and renamed over it.
pub fn save(dir: &Path, content: &Content, inputs: &Stamps, today: &str, reused: Option<&ModelCache>) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut warnings: HashMap<&Path, Vec<&Diagnostic>> = HashMap::new();
    for w in &content.warnings.0 {
        warnings.entry(w.file.as_path()).or_default().push(w);
    }
    let version = env!("CARGO_PKG_VERSION").to_string();
    content.departments.par_iter().try_for_each(|dept| -> std::io::Result<()> {
        let profile = PathBuf::from(format!("content/{}/department.yaml", dept.id));
        let mut files: Vec<(&Path, postcard::Result<Vec<u8>>)> = Vec::with_capacity(dept.reports.len() + 1);
        if let Some(cache) = reused {
            let restored = cache.restored.lock().expect("no panic while holding the lock");
            let all = std::iter::once(profile.as_path()).chain(dept.reports.iter().map(|r| r.path.as_path()));
            let kept = all.clone().all(|p| p.to_str().is_some_and(|p| restored.contains(&p.replace('\\', "/"))));
            if kept && cache.current(&dept.id, dept.reports.len() + 1, today) {
                return Ok(());
            }
        }
        files.push((profile.as_path(), crate::model::with_every_field(|| postcard::to_stdvec(&dept.profile))));
        for r in &dept.reports {
            files.push((r.path.as_path(), crate::model::with_every_field(|| postcard::to_stdvec(&r.report))));
        }
        let mut entries = Vec::with_capacity(files.len());
        for (path, value) in files {
            let Some(key) = path.to_str().map(|p| p.replace('\\', "/")) else { continue };
            // A file stamped otherwise (or not at all) than it was loaded is left out.
            let (Some(stamp), Ok(value)) = (inputs.get(&key), value) else { continue };
            let warnings = warnings.get(path).map(|list| list.iter().map(|w| StoredDiagnostic::from(w)).collect()).unwrap_or_default();
            entries.push(Entry { path: key, size: stamp.size, hash: stamp.hash, warnings, value: Blob(value) });
        }
        let header = Header { format: FORMAT, version: version.clone(), today: today.to_string(), others: others(inputs, &dept.id) };
        write(&dir.join(format!("{}.bin", dept.id)), &header, &entries)
    })?;
    let present: HashSet<String> = content.departments.iter().map(|d| format!("{}.bin", d.id)).collect();
    for e in std::fs::read_dir(dir)?.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".bin") && !present.contains(&name) {
            let _ = std::fs::remove_file(e.path());
        }
    }
    Ok(())
}

/// Writes one department's file atomically.
fn write(path: &Path, header: &Header, entries: &[Entry]) -> std::io::Result<()> {
    let mut bytes = MAGIC.to_vec();
    bytes.extend(postcard::to_stdvec(header).map_err(std::io::Error::other)?);
    bytes.extend(postcard::to_stdvec(entries).map_err(std::io::Error::other)?);
    let sum = stamps::hash(&bytes);
    bytes.extend_from_slice(&sum.to_le_bytes());
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(&bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
