//! The spare of an output folder ([`crate::output::Spare`]): the old site a build swapped out,
//! kept in the build cache folder (`ROOT/.jixiao/spare-<key>`), from which the next build's
//! complete stage starts, so that an edit's publish costs what it changed instead of a hard
//! link per file of the site.
//!
//! The old site and the new one share every file the build did not write (hard links of one
//! file), so the spare differs from the output folder in the files the build wrote or removed,
//! which the cache records ([`Record`]). The next build starts from the spare only when it can
//! vouch for it ([`vouch`]): the output folder and the spare are the very folders the record
//! names (device and inode), and no folder of either changed since (its modification time).
//! A file placed, replaced, renamed or removed in a folder changes that folder's time, so the
//! folders' times say that every path holds the file it held when the record was made, when the
//! two folders shared every file the record does not list: a few hundred stats instead of two
//! per file of the site. (A file written through in place keeps its folder's time, but it is
//! then one file of both folders, and the output stamps the build checks first see its bytes
//! change.) Otherwise the stage starts empty and every unchanged file is linked, as without a
//! spare. Nothing is ever written through a file the two folders share: a file is replaced by
//! removing it first.
//!
//! A build with nothing to do makes the spare when there is none to vouch for ([`make`]): the
//! first edit after a full build then starts from it too, instead of linking every file.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashSet};
use std::path::Path;

/// What the cache remembers of a spare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The output folder (the folder switched): device and inode.
    pub live: (u64, u64),
    /// The spare folder: device and inode.
    pub spare: (u64, u64),
    /// The files the spare holds otherwise than the output folder (written or removed by the
    /// build that kept it), by path relative to the folders.
    pub differs: Vec<String>,
    /// Every folder of the output folder (`""` for itself) with its modification time in
    /// nanoseconds.
    pub folders: Vec<(String, i128)>,
    /// The folders the spare may hold (those of the output folder's files and of `differs`)
    /// with their modification times, `None` for one it does not hold.
    pub spare_folders: Vec<(String, Option<i128>)>,
}

/// Device and inode of `path` (not following a link).
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// No inodes to compare: never vouched for.
#[cfg(not(unix))]
fn identity(_path: &Path) -> Option<(u64, u64)> {
    None
}

/// Modification time of `path` in nanoseconds.
fn mtime_ns(path: &Path) -> Option<i128> {
    let t = std::fs::symlink_metadata(path).ok()?.modified().ok()?;
    let d = t.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(d.as_nanos() as i128)
}

/// The folders of the files `listing` (relative paths), and `""`.
fn folders_of<'a>(listing: impl Iterator<Item = &'a String>) -> BTreeSet<&'a str> {
    let mut folders = BTreeSet::from([""]);
    for p in listing {
        let mut rest = p.as_str();
        while let Some((parent, _)) = rest.rsplit_once('/') {
            if !folders.insert(parent) {
                break;
            }
            rest = parent;
        }
    }
    folders
}

/// The modification times of `folders` of `live`; `None` when one cannot be read.
fn live_times(live: &Path, folders: &[&str]) -> Option<Vec<(String, i128)>> {
    folders.par_iter().map(|f| Some((f.to_string(), mtime_ns(&live.join(f))?))).collect()
}

/// The modification times of `folders` in `spare`, `None` for one not there.
fn spare_times(spare: &Path, folders: &[&str]) -> Vec<(String, Option<i128>)> {
    folders.par_iter().map(|f| (f.to_string(), mtime_ns(&spare.join(f)))).collect()
}

/// The record of a spare kept at `spare` beside the new output folder `live` holding
/// `listing`; `differs` as the commit said. `None` when a folder cannot be read.
pub fn record(live: &Path, spare: &Path, listing: &BTreeSet<String>, differs: Vec<String>) -> Option<Record> {
    let live_folders = folders_of(listing.iter());
    // The spare is the old site: its files are those of the output folder and `differs`.
    let mut all = folders_of(differs.iter());
    all.extend(live_folders.iter().copied());
    let live_folders: Vec<&str> = live_folders.into_iter().collect();
    let folders = live_times(live, &live_folders)?;
    let spare_folders = spare_times(spare, &all.into_iter().collect::<Vec<_>>());
    Some(Record { live: identity(live)?, spare: identity(spare)?, differs, folders, spare_folders })
}

/// The files the spare may hold otherwise than the output folder, when the spare at `spare`
/// can be started from (see the module docs); the output folder `live` was checked against
/// its stamps.
pub fn vouch(record: &Record, live: &Path, spare: &Path) -> Option<HashSet<String>> {
    if identity(live)? != record.live || identity(spare)? != record.spare {
        return None;
    }
    if !record.folders.par_iter().all(|(f, t)| mtime_ns(&live.join(f)) == Some(*t)) {
        return None;
    }
    if !record.spare_folders.par_iter().all(|(f, t)| mtime_ns(&spare.join(f)) == *t) {
        return None;
    }
    Some(record.differs.iter().cloned().collect())
}

/// The spare the cache records in `work` (the cache's [`super::cache::Work`] as stored), read
/// without the rest of the work: it comes first.
pub fn recorded(work: &[u8]) -> Option<Record> {
    postcard::take_from_bytes::<Option<Record>>(work).ok()?.0
}

/// Makes the spare of the output folder `live`, which holds `files` (and the manifest), at
/// `spare` (replacing what is there): a folder of hard links to every file of it, as the switch
/// of an edit leaves the old site. For a build that had nothing to do, so that the next edit
/// starts from a spare. `None` (and no spare) when the output folder holds anything else (a
/// file placed by hand, which the spare would not carry), the spare cannot be on its file
/// system, or a file can be neither linked nor copied. A build killed meanwhile leaves a spare the cache does not record,
/// which the next build discards.
#[cfg(unix)]
pub fn make<'a>(live: &Path, spare: &Path, files: impl Iterator<Item = &'a String>) -> Option<Record> {
    use std::os::unix::fs::MetadataExt;
    let dev = |p: &Path| std::fs::metadata(p).ok().map(|m| m.dev());
    let parent = live.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let (at, parent) = (dev(live)?, dev(parent)?);
    if at != parent || Some(at) != spare.parent().filter(|p| !p.as_os_str().is_empty()).and_then(dev) {
        // A mount point is not swapped, and a spare on another file system cannot be linked.
        return None;
    }
    let listing: BTreeSet<String> = files.cloned().collect();
    let folders: Vec<&str> = folders_of(listing.iter()).into_iter().collect();
    // The output folder's times first: a file placed meanwhile changes its folder's time
    // after it, and the record then does not vouch for the spare.
    let times = live_times(live, &folders)?;
    if !holds_only(live, &listing, &folders.iter().copied().collect()) {
        return None;
    }
    let _discarding = discard(spare);
    let made = (|| -> std::io::Result<()> {
        for f in &folders {
            let (from, to) = (live.join(f), spare.join(f));
            std::fs::create_dir(&to)?;
            let mode = std::fs::metadata(&from)?.permissions();
            if std::fs::metadata(&to)?.permissions() != mode {
                std::fs::set_permissions(&to, mode)?;
            }
        }
        let manifest = crate::output::MANIFEST.to_string();
        // Linked as an edit's stage links the files it keeps (a copy where a file has too many
        // links already).
        listing.par_iter().chain(rayon::iter::once(&manifest)).try_for_each(|p| crate::output::publish::link_into_stage(&live.join(p), &spare.join(p)))
    })();
    if made.is_err() {
        let _ = std::fs::remove_dir_all(spare);
        return None;
    }
    let spare_folders = spare_times(spare, &folders);
    Some(Record { live: identity(live)?, spare: identity(spare)?, differs: Vec::new(), folders: times, spare_folders })
}

/// No hard links to count on: no spare is made.
#[cfg(not(unix))]
pub fn make<'a>(_live: &Path, _spare: &Path, _files: impl Iterator<Item = &'a String>) -> Option<Record> {
    None
}

/// Whether the folder `live` holds the files `listing`, the manifest at its top and the
/// folders `folders` (relative paths, `""` for itself), and nothing else.
fn holds_only(live: &Path, listing: &BTreeSet<String>, folders: &HashSet<&str>) -> bool {
    let mut files = 0usize;
    for entry in walkdir::WalkDir::new(live).min_depth(1) {
        let Ok(entry) = entry else { return false };
        let Some(rel) = entry.path().strip_prefix(live).ok().and_then(|r| r.to_str()) else { return false };
        let rel = rel.replace('\\', "/");
        let kind = entry.file_type();
        let known = if kind.is_dir() {
            folders.contains(rel.as_str())
        } else if kind.is_file() && rel == crate::output::MANIFEST {
            true
        } else {
            files += 1;
            kind.is_file() && listing.contains(&rel)
        };
        if !known {
            return false;
        }
    }
    files == listing.len()
}

/// The start of the name a spare that cannot be started from is renamed to before it is
/// removed ([`discard`]).
const DISCARDED: &str = "discarded-";

/// The removal of a spare that cannot be started from, running beside the build: it shares
/// nothing with the output folder any more (the output folder was deleted or rebuilt since),
/// so removing it frees every file it holds, which at 10,000 reports is seconds of work. Dropping
/// this waits for the removal to end, so a build leaves nothing behind.
pub struct Discarding(Option<std::thread::JoinHandle<()>>);

impl Drop for Discarding {
    fn drop(&mut self) {
        if let Some(handle) = self.0.take() {
            let _ = handle.join();
        }
    }
}

/// Moves the spare at `spare` out of the way (a rename beside it, so the build's own spare is
/// free at once) and removes it on a thread of its own, with what earlier builds that were
/// stopped left of theirs. Nothing to do when there is no spare and nothing left.
pub fn discard(spare: &Path) -> Discarding {
    let Some(dir) = spare.parent() else { return Discarding(None) };
    let mut doomed: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|list| list.flatten().filter(|e| e.file_name().to_string_lossy().starts_with(DISCARDED)).map(|e| e.path()).collect())
        .unwrap_or_default();
    if spare.is_dir() {
        let name = spare.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let moved = dir.join(format!("{DISCARDED}{}-{name}", std::process::id()));
        if std::fs::rename(spare, &moved).is_ok() {
            doomed.push(moved);
        }
    }
    if doomed.is_empty() {
        return Discarding(None);
    }
    Discarding(Some(std::thread::spawn(move || {
        for dir in doomed {
            let _ = std::fs::remove_dir_all(dir);
        }
    })))
}
