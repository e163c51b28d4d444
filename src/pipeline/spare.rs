//! The spare of an output folder ([`crate::output::Spare`]): the old site a build swapped out,
//! kept in the build cache folder (`ROOT/.jixiao/spare-<key>`), from which the next build's
//! complete stage starts, so that an edit's publish costs what it changed instead of a hard
//! link per file of the site.
//!
//! The old site and the new one share every file the build did not write (hard links of one
//! file), so the spare differs from the output folder in the files the build wrote or removed,
//! which the cache records ([`Record`]). The next build starts from the spare only when it can
//! vouch for it ([`vouch`]): the output folder and the spare are the very folders the record
//! names (device and inode), every other file of the output folder is the spare's own (the same
//! inode at the same path), and no folder of the output folder changed since (its modification
//! time: a file placed by hand changes its folder's, and the spare would not hold it). Otherwise
//! the stage starts empty and every unchanged file is linked, as without a spare. Nothing is
//! ever written through a file the two folders share: a file is replaced by removing it first.

use super::stamps::Stamps;
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

/// The record of a spare kept at `spare` beside the new output folder `live` holding
/// `listing`; `differs` as the commit said. `None` when a folder cannot be read.
pub fn record(live: &Path, spare: &Path, listing: &BTreeSet<String>, differs: Vec<String>) -> Option<Record> {
    let folders: Vec<&str> = folders_of(listing.iter()).into_iter().collect();
    let folders: Option<Vec<(String, i128)>> = folders.par_iter().map(|f| Some((f.to_string(), mtime_ns(&live.join(f))?))).collect();
    Some(Record { live: identity(live)?, spare: identity(spare)?, differs, folders: folders? })
}

/// The files the spare may hold otherwise than the output folder, when the spare at `spare`
/// can be started from (see the module docs); `outputs` are the files of the output folder
/// `live`, already checked against their stamps.
pub fn vouch(record: &Record, live: &Path, spare: &Path, outputs: &Stamps) -> Option<HashSet<String>> {
    if identity(live)? != record.live || identity(spare)? != record.spare {
        return None;
    }
    if !record.folders.par_iter().all(|(f, t)| mtime_ns(&live.join(f)) == Some(*t)) {
        return None;
    }
    let differs: HashSet<String> = record.differs.iter().cloned().collect();
    let shared = outputs.par_iter().filter(|(p, _)| !differs.contains(*p)).all(|(p, _)| {
        let at = |dir: &Path| identity(&dir.join(p));
        at(live).is_some() && at(live) == at(spare)
    });
    shared.then_some(differs)
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
