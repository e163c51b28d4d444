//! Fingerprints of files on disk: what the [cache](super::cache) compares to tell which inputs
//! changed since the last build and whether the output folder still holds what that build
//! wrote.
//!
//! A [`Stamp`] is a file's size, modification time (nanoseconds) and a hash of its bytes
//! (xxHash3, 64 bits: fast enough to hash a 3 GB site in well under a second on two cores, and
//! the same on every platform and Rust release, unlike `std`'s hasher). A file whose size and
//! time match its stamp is taken as unchanged without reading it; one whose stat differs is
//! read and hashed, so `touch` (or a checkout that rewrites the same bytes) changes nothing.

use super::changes::INPUT_FOLDERS;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::UNIX_EPOCH;

/// A file as the last build saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: u64,
    /// xxHash3 (64 bits) of the bytes.
    pub hash: u64,
}

/// Files by `/`-separated path relative to a folder.
pub type Stamps = BTreeMap<String, Stamp>;

/// Size and modification time of `path`; `None` when it is not a readable file.
fn stat(path: &Path) -> Option<(u64, u64)> {
    let meta = fs::metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
    Some((meta.len(), mtime))
}

/// The hash a [`Stamp`] keeps of `bytes`.
pub fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The stamp of `path` now, reading it only when `known` (its last stamp) does not match its
/// size and time; `None` when it is not there (or not a file).
pub fn stamp(path: &Path, known: Option<&Stamp>) -> Option<Stamp> {
    let (size, mtime_ns) = stat(path)?;
    if let Some(k) = known
        && k.size == size
        && k.mtime_ns == mtime_ns
    {
        return Some(*k);
    }
    let bytes = fs::read(path).ok()?;
    Some(Stamp { size: bytes.len() as u64, mtime_ns, hash: hash(&bytes) })
}

/// Every file the build reads under `root` ([`INPUT_FOLDERS`]; editors' swap and backup files
/// left out, as the build does), stamped, re-hashing only files whose stat differs from
/// `previous`.
pub fn scan_inputs(root: &Path, previous: &Stamps) -> Stamps {
    let mut paths = Vec::new();
    for folder in INPUT_FOLDERS {
        let dir = root.join(folder);
        if !dir.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().filter_entry(|e| !crate::load::is_ignored_name(&e.file_name().to_string_lossy())).flatten() {
            // Links too: the build refuses one leading outside its folder, so making one is a
            // change even when it points at a file already stamped.
            if (entry.file_type().is_file() || entry.file_type().is_symlink())
                && let Ok(rel) = entry.path().strip_prefix(root)
            {
                paths.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    paths
        .into_par_iter()
        .filter_map(|rel| {
            let path = root.join(&rel);
            let s = match fs::read_link(&path) {
                Ok(target) => link_stamp(&path, &target),
                Err(_) => stamp(&path, previous.get(&rel))?,
            };
            Some((rel, s))
        })
        .collect()
}

/// The stamp of a link: where it points (its text) and, when that is a file, the file's own
/// stamp, so a link made, re-pointed or whose file changed differs from the last one.
fn link_stamp(path: &Path, target: &Path) -> Stamp {
    let of_target = stamp(path, None).unwrap_or(Stamp { size: 0, mtime_ns: 0, hash: 0 });
    let named = hash(target.to_string_lossy().as_bytes());
    Stamp { size: of_target.size, mtime_ns: of_target.mtime_ns, hash: of_target.hash ^ named.rotate_left(1) }
}

/// The stamp of each of `paths` (relative to `dir`), reusing `previous` where the stat
/// matches and the hash in `written` (files just written, hashed as they were) without
/// reading the file; files not there are left out.
pub fn stamp_outputs<'a>(dir: &Path, paths: impl IntoParallelIterator<Item = &'a String>, previous: &Stamps, written: &std::collections::HashMap<String, u64>) -> Stamps {
    paths
        .into_par_iter()
        .filter_map(|p| {
            let path = dir.join(p);
            let s = match written.get(p) {
                Some(&hash) => {
                    let (size, mtime_ns) = stat(&path)?;
                    Stamp { size, mtime_ns, hash }
                }
                None => stamp(&path, previous.get(p))?,
            };
            Some((p.clone(), s))
        })
        .collect()
}

/// The files of `expected` (relative to `dir`) that are missing or whose bytes differ; files
/// whose stat differs but bytes match (touched) get their new stamp in the returned map of
/// updates.
pub fn verify_outputs(dir: &Path, expected: &Stamps) -> (Vec<String>, Vec<(String, Stamp)>) {
    let results: Vec<(String, Result<Option<Stamp>, ()>)> = expected
        .par_iter()
        .filter_map(|(p, want)| match stamp(&dir.join(p), Some(want)) {
            Some(s) if s == *want => None,
            Some(s) if s.hash == want.hash && s.size == want.size => Some((p.clone(), Ok(Some(s)))),
            _ => Some((p.clone(), Err(()))),
        })
        .collect();
    let mut damaged = Vec::new();
    let mut touched = Vec::new();
    for (p, r) in results {
        match r {
            Ok(Some(s)) => touched.push((p, s)),
            _ => damaged.push(p),
        }
    }
    damaged.sort();
    (damaged, touched)
}

/// The paths whose bytes differ between two scans: added, removed or changed (a file only
/// touched keeps its hash and is not listed).
pub fn changed_paths(before: &Stamps, now: &Stamps) -> Vec<String> {
    let mut out: Vec<String> = now.iter().filter(|(p, s)| before.get(*p).is_none_or(|b| b.hash != s.hash || b.size != s.size)).map(|(p, _)| p.clone()).collect();
    out.extend(before.keys().filter(|p| !now.contains_key(*p)).cloned());
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touch_changes_nothing_an_edit_does() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/a")).unwrap();
        fs::write(root.join("content/a/2022.yaml"), "x: 1\n").unwrap();
        fs::write(root.join("content/a/.2022.yaml.swp"), "swap").unwrap();
        fs::write(root.join("README.md"), "not an input").unwrap();
        let first = scan_inputs(root, &Stamps::new());
        assert_eq!(first.keys().collect::<Vec<_>>(), vec!["content/a/2022.yaml"]);
        // Same bytes, new time: re-hashed, not changed.
        let f = fs::File::options().write(true).open(root.join("content/a/2022.yaml")).unwrap();
        f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5)).unwrap();
        let touched = scan_inputs(root, &first);
        assert!(changed_paths(&first, &touched).is_empty());
        assert_ne!(touched["content/a/2022.yaml"].mtime_ns, first["content/a/2022.yaml"].mtime_ns);
        fs::write(root.join("content/a/2022.yaml"), "x: 2\n").unwrap();
        fs::write(root.join("content/a/2023.yaml"), "x: 3\n").unwrap();
        let edited = scan_inputs(root, &touched);
        assert_eq!(changed_paths(&touched, &edited), vec!["content/a/2022.yaml", "content/a/2023.yaml"]);
        fs::remove_file(root.join("content/a/2023.yaml")).unwrap();
        assert_eq!(changed_paths(&edited, &scan_inputs(root, &edited)), vec!["content/a/2023.yaml"]);
    }

    #[test]
    fn verify_finds_deleted_and_edited_outputs() {
        let dir = tempfile::tempdir().unwrap();
        for n in ["a.html", "b.html", "c.html"] {
            fs::write(dir.path().join(n), n).unwrap();
        }
        let names: Vec<String> = ["a.html", "b.html", "c.html"].iter().map(|s| s.to_string()).collect();
        let stamps = stamp_outputs(dir.path(), &names, &Stamps::new(), &Default::default());
        assert_eq!(verify_outputs(dir.path(), &stamps), (vec![], vec![]));
        fs::remove_file(dir.path().join("a.html")).unwrap();
        fs::write(dir.path().join("b.html"), "hand edit").unwrap();
        assert_eq!(verify_outputs(dir.path(), &stamps).0, vec!["a.html", "b.html"]);
    }
}
