//! Writes the rendered site: nothing until everything rendered, then the new site in one step.
//!
//! A [`Staging`] is opened before rendering and takes the output folder's lock
//! ([`publish::Publication::begin`]: a second build of the same folder is refused, naming the
//! first; an interrupted earlier build's staging folder is removed). Rendered files are handed
//! over as they are made; at [`Staging::commit`], once the whole site rendered without error:
//!
//! 1. every output path was checked (relative, `/`-separated, no `..`): defence in depth
//!    against a template or content id that would write outside the folder;
//! 2. a non-empty folder that jixiao did not create (one without [`MANIFEST`]) is refused
//!    unless forced, so `--output ~/Documents` never mixes a site into someone's files;
//! 3. each file was compared with what is on disk: a changed one was written into the staging
//!    folder beside the output folder, an unchanged one hard-linked there from the live folder
//!    (same inode, same modification time, so rsync and caches stay quiet); a folder lying where
//!    a file goes is refused unless all it holds is stale files of the previous build;
//! 4. the files the previous build wrote (listed in its manifest) that this build no longer
//!    produces are left out of the new site; every other file of the live folder (placed by
//!    hand, never written by jixiao) is hard-linked into it, so it survives;
//! 5. the new manifest is written into the staging folder, and the two folders are swapped in
//!    one step ([`publish`]): a reader, or a crash, sees the old complete site or the new one.
//!    When nothing changed there is no swap at all.
//!
//! Where no swap exists (see [`publish`]) the staging folder holds the changed files only and
//! they are moved into place under a journal the next build finishes after a crash: stale files
//! in the way of a new file first, then the new files, the other stale files, the manifest last
//! (an interim manifest listing old ∪ new files first, so no file jixiao wrote is ever
//! unlisted).
//!
//! [`Staging::update`] is the same for a long-running preview (`jixiao serve`) that keeps the
//! list of files in memory between rebuilds: every file of the previous build stays unless a
//! stage hands over a new version or [`remove`](Staging::remove)s it, so a rebuild after one
//! edit costs what that edit touched, not what the site holds. Its files are moved into place
//! under the journal (no complete copy is made for one edited page).
//!
//! What this module is not: it does not render, and it never deletes a file it did not write.

// The interface returns a `Diagnostic` by value (the pipeline's error type); it is built at most
// once per build, so its size does not matter here.
#![allow(clippy::result_large_err)]

pub mod publish;

use crate::messages::Msg;
use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Name of the manifest jixiao keeps in every output folder it writes: the sorted list of the
/// files it wrote, one `/`-separated relative path per line, after a header comment.
pub const MANIFEST: &str = ".jixiao-manifest";

/// First line of the manifest.
const MANIFEST_HEADER: &str = "# jixiao output manifest: files written by jixiao build; do not edit";

/// Marker in temporary file names, so a leftover from a crash is recognisable.
const TEMP_MARKER: &str = ".jixiao-tmp-";

/// Error: the output folder is not empty and jixiao did not create it.
pub const E_FOREIGN_FOLDER: &str = "E0401";
/// Error: a rendered file has a path that is absolute, escapes the folder or is malformed.
pub const E_BAD_PATH: &str = "E0402";
/// Error: reading or writing the output folder failed.
pub const E_IO: &str = "E0403";
/// Error: the output folder is the site root, or is (or lies inside) its `content/` or
/// `themes/` folder ([`check_output_folder`]); `--force` does not override it.
pub const E_OUTPUT_IN_SOURCES: &str = "E0404";

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated, e.g. `huangpu/2022/index.html`.
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// What [`write`] changed.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteStats {
    /// Files written because new or changed.
    pub written: usize,
    /// Stale files from an earlier build removed.
    pub removed: usize,
}

/// Writes `files` into `dir` as one switch to the new site: only files whose bytes changed are
/// written; what the previous build wrote and this one does not goes; refuses a foreign
/// non-empty folder unless `force`.
pub fn write(dir: &Path, files: &[OutputFile], force: bool) -> Result<WriteStats, Diagnostic> {
    let staging = Staging::open(dir, force)?;
    files.par_iter().try_for_each(|f| staging.add(f.path.clone(), &f.bytes))?;
    staging.commit()
}

/// The site's folders of sources an output folder must not be, nor lie in.
const SOURCE_FOLDERS: [&str; 2] = ["content", "themes"];

/// Refuses an output folder among the site's own sources, whatever `--force` says: the site
/// root itself, or its `content/` or `themes/` folder or a folder inside one (the next build
/// would read the generated files as sources). Compares canonical paths (links resolved);
/// `output` need not exist: its nearest existing folder is resolved and the rest appended.
/// Reads nothing but the paths' metadata, writes nothing.
pub fn check_output_folder(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let (Ok(site), Ok(out)) = (resolve(root), resolve(output)) else {
        // A root that cannot be resolved fails to load anyway, with a better message.
        return Ok(());
    };
    let shown = output.display().to_string();
    let message = if out == site {
        crate::messages::output_is_site_root(&shown)
    } else {
        let inside = SOURCE_FOLDERS.iter().find(|f| resolve(&root.join(f)).is_ok_and(|src| out.starts_with(&src)));
        match inside {
            Some(f) => crate::messages::output_in_sources(&shown, &format!("{f}/")),
            None => return Ok(()),
        }
    };
    let public = root.join("public").display().to_string();
    Err(Diagnostic::error(E_OUTPUT_IN_SOURCES, output, message).hint(crate::messages::output_in_sources_hint(&public)))
}

/// `path` made absolute with links resolved, though it may not exist: its nearest existing
/// ancestor canonicalized, then the rest of it (which holds no link, not existing), `..`
/// taking one folder off.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    use std::path::Component;
    let parts: Vec<Component> = path.components().collect();
    for n in (0..=parts.len()).rev() {
        let head: PathBuf = parts[..n].iter().collect();
        let probe = if head.as_os_str().is_empty() { PathBuf::from(".") } else { head };
        match probe.canonicalize() {
            Ok(mut at) => {
                for part in &parts[n..] {
                    match part {
                        Component::ParentDir => {
                            at.pop();
                        }
                        Component::CurDir => {}
                        other => at.push(other),
                    }
                }
                return Ok(at);
            }
            Err(_) if n > 0 => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::ErrorKind::NotFound.into())
}

/// A build in progress: rendered files are handed over one by one as they are rendered, so the
/// whole site never has to sit in memory; nothing in the output folder changes until
/// [`Staging::commit`].
///
/// A changed file is written at once into a staging folder beside the output folder (same file
/// system, so committing is a rename); an unchanged one is compared, and hard-linked into the
/// staging folder when that is to become the complete new site. Dropping a `Staging` without
/// committing (a failed build) removes the staging folder and the lock and leaves the output
/// exactly as it was.
pub struct Staging {
    /// The folder written (the output folder, or the folder a link of that name points to).
    dir: PathBuf,
    /// The staging folder, its lock and the switch; `None` once committed.
    publication: Option<publish::Publication>,
    /// The staging folder ([`publish::Publication::stage`]).
    stage: PathBuf,
    /// Whether the staging folder becomes the complete new site ([`publish::Publication::complete`]).
    complete: bool,
    previous: BTreeSet<String>,
    /// The output folder was missing or empty when the build started: nothing to compare with.
    fresh: bool,
    /// [`Staging::update`]: files not handed over stay as they are (else they are stale).
    keeps_unlisted: bool,
    /// Files of `previous` this build no longer produces ([`Staging::remove`]).
    removed: Mutex<Vec<String>>,
    /// Every path added, and whether its bytes differ from what is in the output folder.
    added: Mutex<Vec<(String, bool)>>,
    /// Paths added where the output folder holds a folder ([`differs`] saw it): checked before
    /// the commit touches anything ([`Staging::check_folders_in_the_way`]).
    folders: Mutex<Vec<String>>,
    claimed: Mutex<Claimed>,
    /// An xxHash3 (64 bits) of each file written, by path: what the build cache records of
    /// it, without reading it back ([`Staging::written_hashes`]).
    hashes: Mutex<Vec<(String, u64)>>,
    /// The stage started from the spare ([`Spare`]): the files it may hold otherwise than the
    /// output folder (every other file of the output folder it holds as the same file).
    from_spare: Option<std::collections::HashSet<String>>,
    /// The spare folder the old site goes to after the switch, if any.
    spare: Option<PathBuf>,
    /// Files placed by hand carried over from the output folder (or empty folders made by hand).
    carried: AtomicUsize,
}

/// The spare of an output folder: the complete site the last build swapped out, kept (on the
/// same file system, in the build cache) so that the next build's complete stage starts from
/// it instead of hard-linking every file of the output folder again. The old site and the new
/// one share every file the build did not write (hard links), so bringing the spare up to date
/// costs what the last build and this one changed.
#[derive(Debug, Clone)]
pub struct Spare {
    /// Where the spare folder is (or goes).
    pub folder: PathBuf,
    /// When the spare may be started from: the files it may hold otherwise than the output
    /// folder (those the last build wrote or removed). `None`: the spare is not known to match
    /// (the caller could not vouch for it), so the stage starts empty; the old site still
    /// becomes the spare.
    pub differs: Option<std::collections::HashSet<String>>,
}

/// What a commit left for the next build's [`Spare`].
#[derive(Debug, Clone)]
pub struct SpareLeft {
    /// The files the spare holds otherwise than the new output folder: those written and those
    /// removed by this commit.
    pub differs: Vec<String>,
    /// The output folder holds nothing but what the build wrote (no file placed by hand).
    pub pure: bool,
}

/// Paths handed over so far, as files and as the folders above them. A file is known by a
/// hash of its path, checked against the path itself (in `added`) when the hash is there: a
/// large site hands over hundreds of thousands of paths, and `added` holds them already.
#[derive(Default)]
struct Claimed {
    files: std::collections::HashSet<u64>,
    folders: std::collections::HashSet<String>,
}

/// The hash [`Claimed::files`] keeps of a path.
fn path_hash(path: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(path)
}

impl Claimed {
    /// Whether `path` was handed over as a file (`added` holds every path handed over).
    fn has_file(&self, path: &str, added: &[(String, bool)]) -> bool {
        self.files.contains(&path_hash(path)) && added.iter().any(|(p, _)| p == path)
    }

    /// Claims `path` as a file and lists it in `added` (as unchanged): its index there, or the
    /// path back with why it cannot be claimed (it was already).
    fn claim(&mut self, added: &mut Vec<(String, bool)>, path: String) -> Result<usize, (String, Msg)> {
        if self.has_file(&path, added) {
            return Err((path, crate::messages::PATH_TWICE));
        }
        self.files.insert(path_hash(&path));
        claim_folders(&mut self.folders, &path);
        added.push((path, false));
        Ok(added.len() - 1)
    }
}

impl Staging {
    /// Starts a build into `dir`, refusing a non-empty folder jixiao did not create unless
    /// `force`, and a folder another build is writing ([`publish::E_LOCKED`]). Creates nothing
    /// in `dir` (only the lock and the staging folder beside it).
    pub fn open(dir: &Path, force: bool) -> Result<Staging, Diagnostic> {
        Staging::open_with(dir, force, false)
    }

    /// [`Staging::open`], publishing file by file under the journal when `in_place` instead of
    /// swapping the folders ([`publish::Publication::begin`]).
    pub fn open_with(dir: &Path, force: bool, in_place: bool) -> Result<Staging, Diagnostic> {
        Staging::open_spare(dir, force, in_place, None)
    }

    /// [`Staging::open_with`] with a [`Spare`]: the complete stage starts from the spare when
    /// it is vouched for and can be renamed into place, and after the swap the old site
    /// becomes the spare ([`Staging::commit_spare`] says how it stands).
    pub fn open_spare(dir: &Path, force: bool, in_place: bool, spare: Option<Spare>) -> Result<Staging, Diagnostic> {
        let mut publication = publish::Publication::begin(dir, in_place)?;
        let mut from_spare = None;
        let mut spare_folder = None;
        if let Some(spare) = spare {
            if let Some(differs) = spare.differs
                && publication.start_from(&spare.folder)
            {
                from_spare = Some(differs);
            }
            publication.keep_old_site_at(spare.folder.clone());
            spare_folder = Some(spare.folder);
        }
        let dir = publication.folder().to_path_buf();
        let dir = dir.as_path();
        let mut fresh = false;
        let previous = match fs::metadata(dir) {
            Ok(meta) if !meta.is_dir() => {
                return Err(Diagnostic::error(E_IO, dir, crate::messages::OUTPUT_NOT_A_FOLDER)
                    .hint(crate::messages::OUTPUT_NOT_A_FOLDER_HINT));
            }
            Ok(_) => {
                let manifest = read_manifest(dir).map_err(|e| io_error(&dir.join(MANIFEST), "read", e))?;
                match manifest {
                    Some(list) => list,
                    None => {
                        let empty = is_empty_dir(dir).map_err(|e| io_error(dir, "read", e))?;
                        fresh = empty;
                        if !empty && !force {
                            return Err(Diagnostic::error(
                                E_FOREIGN_FOLDER,
                                dir,
                                crate::messages::OUTPUT_FOREIGN,
                            )
                            .hint(crate::messages::OUTPUT_FOREIGN_HINT));
                        }
                        Vec::new()
                    }
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fresh = true;
                Vec::new()
            }
            Err(e) => return Err(io_error(dir, "read", e)),
        };
        // Entries of a manifest are trusted no more than rendered paths.
        let previous = previous.into_iter().filter(|p| check_path(p).is_ok()).collect();
        let mut staging = Staging::with_previous(publication, previous, false, fresh);
        staging.from_spare = from_spare;
        staging.spare = spare_folder;
        Ok(staging)
    }

    /// Starts a rebuild into `dir`, which holds exactly `files` (the list [`commit_listing`]
    /// (Staging::commit_listing) returned last time): a file not handed over stays as it is,
    /// unless [`remove`](Staging::remove)d. Reads nothing from `dir`.
    pub fn update(dir: &Path, files: BTreeSet<String>) -> Staging {
        Staging::with_previous(publish::Publication::begin_in_place(dir), files, true, false)
    }

    fn with_previous(publication: publish::Publication, previous: BTreeSet<String>, keeps_unlisted: bool, fresh: bool) -> Staging {
        Staging {
            dir: publication.folder().to_path_buf(),
            stage: publication.stage().to_path_buf(),
            complete: publication.complete(),
            publication: Some(publication),
            previous,
            fresh,
            keeps_unlisted,
            removed: Mutex::new(Vec::new()),
            added: Mutex::new(Vec::new()),
            folders: Mutex::new(Vec::new()),
            claimed: Mutex::default(),
            hashes: Mutex::default(),
            from_spare: None,
            spare: None,
            carried: AtomicUsize::new(0),
        }
    }

    /// Whether files of the previous build that are not handed over stay ([`Staging::update`]):
    /// then a stage need not [`keep`](Staging::keep) what it did not change, only
    /// [`remove`](Staging::remove) what it no longer produces.
    pub fn keeps_unlisted(&self) -> bool {
        self.keeps_unlisted
    }

    /// Says that this build no longer produces `path` (a file of the previous build): it is
    /// removed at commit, unless handed over after all. Needed only when
    /// [`keeps_unlisted`](Staging::keeps_unlisted); otherwise a file not handed over is stale anyway.
    pub fn remove(&self, path: &str) {
        if self.keeps_unlisted && self.previous.contains(path) {
            self.removed.lock().expect("no panic while holding the lock").push(path.to_string());
        }
    }

    /// Hands over one rendered file. Safe to call from several threads at once.
    pub fn add(&self, path: String, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.add_parts(path, &[bytes])
    }

    /// [`add`](Staging::add)s a file whose bytes are `parts` one after another (the search
    /// index keeps its posting lists in chunks: no copy of them in one piece is made).
    pub fn add_parts(&self, path: String, parts: &[&[u8]]) -> Result<(), Diagnostic> {
        if publish::interrupted() {
            return Err(publish::interrupted_error(&self.dir));
        }
        check_path(&path).map_err(|why| bad_path(&self.dir, &path, why))?;
        // Claim the path first, so two files never race for one name or a file for a folder.
        let index = {
            let mut claimed = self.claimed.lock().expect("no panic while holding the lock");
            let mut added = self.added.lock().expect("no panic while holding the lock");
            if claimed.folders.contains(&path) || ancestors(&path).any(|a| claimed.has_file(a, &added)) {
                return Err(bad_path(&self.dir, &path, crate::messages::PATH_FOLDER_AS_FILE));
            }
            claimed.claim(&mut added, path.clone()).map_err(|(p, why)| bad_path(&self.dir, &p, why))?
        };
        let target = join(&self.dir, &path);
        let changed = self.fresh
            || match differs(&target, parts).map_err(|e| io_error(&target, "read", e))? {
                OnDisk::Same => {
                    self.link_unchanged(&path)?;
                    false
                }
                OnDisk::Differs => true,
                OnDisk::Folder => {
                    self.folders.lock().expect("no panic while holding the lock").push(path.clone());
                    true
                }
            };
        if changed {
            let staged = join(&self.stage, &path);
            if self.from_spare.is_some() {
                // The spare's file there may be the output folder's own (a hard link): never
                // written through.
                clear_in_stage(&self.stage, &path).map_err(|e| io_error(&staged, "write", e))?;
            }
            write_making_folders(&staged, parts).map_err(|(at, action, e)| io_error(at, action, e))?;
            let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
            parts.iter().for_each(|p| hasher.update(p));
            self.hashes.lock().expect("no panic while holding the lock").push((path.clone(), hasher.digest()));
            self.added.lock().expect("no panic while holding the lock")[index].1 = true;
        }
        Ok(())
    }

    /// Hands over a file the caller knows is already in the output folder with the right
    /// bytes (an incremental rebuild that did not re-render it): it is neither read nor
    /// written, only kept out of the stale files the commit removes.
    pub fn keep(&self, path: String) -> Result<(), Diagnostic> {
        check_path(&path).map_err(|why| bad_path(&self.dir, &path, why))?;
        {
            let mut claimed = self.claimed.lock().expect("no panic while holding the lock");
            let mut added = self.added.lock().expect("no panic while holding the lock");
            claimed.claim(&mut added, path.clone()).map_err(|(p, why)| bad_path(&self.dir, &p, why))?;
        }
        self.link_unchanged(&path)
    }

    /// In a complete staging folder, the live file `path` (unchanged) hard-linked into it.
    fn link_unchanged(&self, path: &str) -> Result<(), Diagnostic> {
        if !self.complete {
            return Ok(());
        }
        if let Some(differs) = &self.from_spare {
            // Started from the spare: it holds the live file already, unless the last build
            // wrote or removed it.
            if !differs.contains(path) {
                return Ok(());
            }
            clear_in_stage(&self.stage, path).map_err(|e| io_error(&join(&self.stage, path), "create", e))?;
        }
        let (live, staged) = (join(&self.dir, path), join(&self.stage, path));
        publish::link_into_stage(&live, &staged).map_err(|e| io_error(&staged, "create", e))
    }

    /// [`keep`](Staging::keep)s every file of the previous build (its manifest) whose path
    /// satisfies `f`: an incremental rebuild of one part of the site (`jixiao serve` updating
    /// the search index alone) leaves the rest as it is. Returns how many were kept.
    /// Takes each lock once (a big site keeps hundreds of thousands of files).
    /// With [`keeps_unlisted`](Staging::keeps_unlisted) everything is kept anyway: nothing to do.
    pub fn keep_previous(&self, f: impl Fn(&str) -> bool) -> Result<usize, Diagnostic> {
        if self.keeps_unlisted {
            return Ok(0);
        }
        let paths: Vec<String> = self.previous.iter().filter(|p| f(p)).cloned().collect();
        let mut claimed = self.claimed.lock().expect("no panic while holding the lock");
        let mut added = self.added.lock().expect("no panic while holding the lock");
        let n = paths.len();
        for p in &paths {
            claimed.claim(&mut added, p.clone()).map_err(|(p, why)| bad_path(&self.dir, &p, why))?;
        }
        drop((claimed, added));
        paths.par_iter().try_for_each(|p| self.link_unchanged(p))?;
        Ok(n)
    }

    /// Number of files added so far whose path satisfies `f`, e.g. the HTML pages.
    pub fn count_where(&self, f: impl Fn(&str) -> bool) -> usize {
        self.added.lock().expect("no panic while holding the lock").iter().filter(|(p, _)| f(p)).count()
    }

    /// The paths handed over after the first `from` (a [`len`](Staging::len) taken earlier):
    /// the files one stage produced.
    pub fn added_since(&self, from: usize) -> Vec<String> {
        self.added.lock().expect("no panic while holding the lock").iter().skip(from).map(|(p, _)| p.clone()).collect()
    }

    /// The xxHash3 (64 bits, of the whole file) of every file written so far (new or changed;
    /// not those unchanged), by path: taken out, so call it once, before the commit.
    pub fn written_hashes(&self) -> std::collections::HashMap<String, u64> {
        std::mem::take(&mut *self.hashes.lock().expect("no panic while holding the lock")).into_iter().collect()
    }

    /// Number of files added so far.
    pub fn len(&self) -> usize {
        self.added.lock().expect("no panic while holding the lock").len()
    }

    /// Whether no file was added.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The folder that holds the staging folder, beside the output folder: on the file system
    /// the site is written to, for a stage's temporary files (the search index's spill files).
    pub fn scratch_folder(&self) -> &Path {
        self.stage.parent().unwrap_or(Path::new("."))
    }

    /// Moves the changed files into place, removes stale ones, writes the manifest.
    pub fn commit(self) -> Result<WriteStats, Diagnostic> {
        self.commit_listing().map(|(stats, _)| stats)
    }

    /// [`commit`](Staging::commit), and the files the folder now holds (what the manifest
    /// lists): the list a following [`Staging::update`] starts from.
    pub fn commit_listing(self) -> Result<(WriteStats, BTreeSet<String>), Diagnostic> {
        self.commit_spare().map(|(stats, listing, _)| (stats, listing))
    }

    /// [`commit_listing`](Staging::commit_listing), and, when the old site became the spare
    /// ([`Staging::open_spare`]), what the next build needs to start from it.
    pub fn commit_spare(mut self) -> Result<(WriteStats, BTreeSet<String>, Option<SpareLeft>), Diagnostic> {
        if self.keeps_unlisted {
            return self.commit_update().map(|(s, l)| (s, l, None));
        }
        self.commit_full()
    }

    /// The commit of [`Staging::open`]: the build produced every file the folder holds.
    fn commit_full(&mut self) -> Result<(WriteStats, BTreeSet<String>, Option<SpareLeft>), Diagnostic> {
        let dir = self.dir.clone();
        let added = std::mem::take(&mut *self.added.lock().expect("no panic while holding the lock"));
        // Every path is checked before anything is touched.
        let mut new_set = BTreeSet::new();
        for (path, _) in &added {
            if !new_set.insert(path.as_str()) {
                return Err(bad_path(&dir, path, crate::messages::PATH_TWICE));
            }
        }
        // A path that is both a file and a folder ("a" and "a/b") cannot be written.
        for (path, _) in &added {
            if ancestors(path).any(|a| new_set.contains(a)) {
                return Err(bad_path(&dir, path, crate::messages::PATH_FOLDER_AS_FILE));
            }
        }
        // A folder where a new file goes must go away with the stale files removed first.
        let previous = &self.previous;
        self.check_folders_in_the_way(|p| previous.contains(p) && !new_set.contains(p))?;
        let mut publication = self.publication.take().expect("committed once");
        let written = added.iter().filter(|(_, changed)| *changed).count();
        let stats = |removed| WriteStats { written, removed };
        let listing = || added.iter().map(|(p, _)| p.clone()).collect::<BTreeSet<String>>();

        // A first build into a missing or empty folder: the staging folder becomes the output
        // folder in one rename.
        if self.fresh && self.previous.is_empty() && written == added.len() && self.stage.is_dir() {
            let empty = match fs::symlink_metadata(&dir) {
                Ok(meta) => meta.is_dir() && is_empty_dir(&dir).unwrap_or(false),
                Err(e) => e.kind() == io::ErrorKind::NotFound,
            };
            if empty {
                write_manifest(&self.stage, &new_set)?;
                if !publication.switch_fresh()? {
                    // A mount point cannot be renamed: its files are moved in instead.
                    publication.switch(Vec::new(), Vec::new())?;
                }
                return Ok((stats(0), listing(), None));
            }
        }

        let old_list: BTreeSet<&str> = previous.iter().map(String::as_str).collect();
        let manifest_there = dir.join(MANIFEST).is_file();
        if written == 0 && new_set == old_list && manifest_there {
            // Nothing changed: no switch (the staging folder goes with `publication`; a spare
            // it started from goes with it, and the next build starts its stage empty).
            return Ok((stats(0), listing(), None));
        }
        // Stale files lying where a new file goes (old `a/b`, new file `a`) or where a new folder
        // goes (old file `a`, new `a/b`) go first; the others once the new files are in place,
        // so a served site never misses a page it links to.
        let (first, later): (Vec<String>, Vec<String>) = {
            let folders = &self.claimed.lock().expect("no panic while holding the lock").folders;
            previous
                .iter()
                .filter(|p| !new_set.contains(p.as_str()))
                .cloned()
                .partition(|p| ancestors(p).any(|a| new_set.contains(a)) || folders.contains(p))
        };
        let mut removed = 0;
        fs::create_dir_all(&self.stage).map_err(|e| io_error(&self.stage, "create", e))?;
        if let Some(differs) = &self.from_spare {
            // The stage is the spare brought up to date file by file: what it still holds of
            // the old sites goes (files the new site no longer has, and those the last build
            // removed), and every file of the output folder that is neither listed nor stale
            // would be a file placed by hand, which the caller vouched there is none of.
            let stale: Vec<&str> = previous.iter().map(String::as_str).chain(differs.iter().map(String::as_str)).filter(|p| !new_set.contains(p)).collect();
            let stale: BTreeSet<&str> = stale.into_iter().collect();
            remove_stale(&self.stage, stale.into_iter().collect())?;
            removed = previous.iter().filter(|p| !new_set.contains(p.as_str())).count();
            if let Ok(meta) = fs::metadata(&dir) {
                let _ = fs::set_permissions(&self.stage, meta.permissions());
            }
        } else if self.complete {
            // Everything else of the live folder the new site keeps: files placed by hand.
            let folders = std::mem::take(&mut self.claimed.lock().expect("no panic while holding the lock").folders);
            let carry = CarryOver { stage: &self.stage, previous, new: &new_set, folders: &folders, removed: AtomicUsize::new(0), carried: AtomicUsize::new(0) };
            if let Ok(meta) = fs::metadata(&dir) {
                let _ = fs::set_permissions(&self.stage, meta.permissions());
            }
            carry.folder(&dir, "")?;
            removed = carry.removed.into_inner();
            self.carried.store(carry.carried.into_inner(), Ordering::Relaxed);
        } else {
            // The moves would stop half-way at a file placed by hand where a folder goes.
            let claimed = self.claimed.lock().expect("no panic while holding the lock");
            let mut folders: Vec<&String> = claimed.folders.iter().collect();
            folders.sort_unstable();
            for f in folders {
                let target = join(&dir, f);
                let stale = previous.contains(f.as_str()) && !new_set.contains(f.as_str());
                if !stale && fs::metadata(&target).is_ok_and(|m| !m.is_dir()) {
                    return Err(hand_file_in_the_way(&target));
                }
            }
        }
        if new_set != old_list || !manifest_there {
            write_manifest(&self.stage, &new_set)?;
        } else if self.complete {
            let (live, staged) = (dir.join(MANIFEST), self.stage.join(MANIFEST));
            if self.from_spare.is_some() {
                let _ = fs::remove_file(&staged);
            }
            publish::link_into_stage(&live, &staged).map_err(|e| io_error(&staged, "create", e))?;
        }
        let differs: Vec<String> = if self.spare.is_some() {
            let mut d: Vec<String> = added.iter().filter(|(_, changed)| *changed).map(|(p, _)| p.clone()).collect();
            d.extend(previous.iter().filter(|p| !new_set.contains(p.as_str())).cloned());
            d
        } else {
            Vec::new()
        };
        let pure = self.carried.load(Ordering::Relaxed) == 0;
        let (moved_removed, kept) = publication.switch_keeping(first, later)?;
        let left = kept.then_some(SpareLeft { differs, pure });
        Ok((stats(if self.complete { removed } else { moved_removed }), listing(), left))
    }

    /// The commit of [`Staging::update`]: the files handed over replace theirs, those
    /// [`remove`](Staging::remove)d (and not handed over) go, every other file stays. Costs what
    /// was handed over, plus writing the manifest when the list of files changed.
    fn commit_update(mut self) -> Result<(WriteStats, BTreeSet<String>), Diagnostic> {
        let dir = self.dir.clone();
        let added = std::mem::take(&mut *self.added.lock().expect("no panic while holding the lock"));
        let new: std::collections::HashSet<&str> = added.iter().map(|(p, _)| p.as_str()).collect();
        let removed = std::mem::take(&mut *self.removed.lock().expect("no panic while holding the lock"));
        let removed: BTreeSet<&str> = removed.iter().map(String::as_str).filter(|p| !new.contains(p)).collect();
        let previous = &self.previous;
        // What the folder holds afterwards; `add` already refused a path twice and file/folder
        // clashes among the paths handed over, here they are checked against the files kept.
        let stays = |p: &str| new.contains(p) || (previous.contains(p) && !removed.contains(p));
        for (path, _) in &added {
            if ancestors(path).any(stays) {
                return Err(bad_path(&dir, path, crate::messages::PATH_FOLDER_AS_FILE));
            }
            let below = format!("{path}/");
            if previous.range(below.clone()..).take_while(|p| p.starts_with(&below)).any(|p| !removed.contains(p.as_str())) {
                return Err(bad_path(&dir, path, crate::messages::PATH_FOLDER_AS_FILE));
            }
        }
        // A folder where a new file goes must hold only files removed (first) by this commit.
        self.check_folders_in_the_way(|p| removed.contains(p))?;
        let publication = self.publication.take().expect("committed once");
        let written = added.iter().filter(|(_, changed)| *changed).count();
        let appeared: Vec<&str> = added.iter().map(|(p, _)| p.as_str()).filter(|p| !previous.contains(*p)).collect();
        let mut files = previous.clone();
        for p in &removed {
            files.remove(*p);
        }
        for p in &appeared {
            files.insert(p.to_string());
        }
        let changed = !appeared.is_empty() || !removed.is_empty();
        let manifest_there = dir.join(MANIFEST).is_file();
        if written == 0 && !changed && manifest_there {
            return Ok((WriteStats::default(), files));
        }
        fs::create_dir_all(&self.stage).map_err(|e| io_error(&self.stage, "create", e))?;
        if changed || !manifest_there {
            let list: BTreeSet<&str> = files.iter().map(String::as_str).collect();
            write_manifest(&self.stage, &list)?;
        }
        // As in a full commit: stale files in the way of a new file or folder first, the others
        // last.
        let new_folders: std::collections::HashSet<&str> = new.iter().flat_map(|p| ancestors(p)).collect();
        let (first, later): (Vec<String>, Vec<String>) =
            removed.iter().map(|p| p.to_string()).partition(|p| ancestors(p).any(|a| new.contains(a)) || new_folders.contains(p.as_str()));
        let removed = publication.switch(first, later)?;
        Ok((WriteStats { written, removed }, files))
    }

    /// Refuses, before the commit touches anything, a folder lying where a new file goes
    /// (seen by [`differs`] when the file was added) unless it holds nothing but stale files of
    /// the previous build (`stale`) and folders holding such files: the commit removes those
    /// first, and the folder with them. Anything else below it (a file placed by hand, a file
    /// this build still writes, an empty folder, a link) would stop the commit half-way, after
    /// other files were moved into place. Costs nothing when no folder is in the way.
    fn check_folders_in_the_way(&self, stale: impl Fn(&str) -> bool) -> Result<(), Diagnostic> {
        let mut folders = std::mem::take(&mut *self.folders.lock().expect("no panic while holding the lock"));
        // Added in parallel: sorted, so the folder named is the same from one run to the next.
        folders.sort_unstable();
        for rel in &folders {
            let target = join(&self.dir, rel);
            match fs::symlink_metadata(&target) {
                Ok(meta) if meta.is_dir() => {}
                // Gone since, or a link to a folder: the rename replaces the link itself.
                Ok(_) => continue,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(io_error(&target, "read", e)),
            }
            if !only_stale_below(&target, rel, &stale).map_err(|e| io_error(&target, "read", e))? {
                return Err(folder_in_the_way(&target));
            }
        }
        Ok(())
    }

}

/// What a complete staging folder takes over from the live folder besides the new site's own
/// files: every file the previous build did not write (placed by hand), hard-linked, with the
/// folders holding them and empty folders; the live folders' permissions. Stale files (listed
/// in the previous manifest, not produced now) are left out and counted.
struct CarryOver<'a> {
    stage: &'a Path,
    previous: &'a BTreeSet<String>,
    new: &'a BTreeSet<&'a str>,
    /// The new site's folders.
    folders: &'a std::collections::HashSet<String>,
    removed: AtomicUsize,
    /// Files and empty folders placed by hand, carried over.
    carried: AtomicUsize,
}

impl CarryOver<'_> {
    /// Takes over what the live folder `path` (`rel`, `""` for the top) holds; its subfolders
    /// in parallel.
    fn folder(&self, path: &Path, rel: &str) -> Result<(), Diagnostic> {
        let entries: Vec<fs::DirEntry> =
            fs::read_dir(path).and_then(|d| d.collect::<io::Result<_>>()).map_err(|e| io_error(path, "read", e))?;
        entries.par_iter().try_for_each(|entry| {
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                // No manifest lists a name that is not UTF-8: placed by hand.
                self.carried.fetch_add(1, Ordering::Relaxed);
                let to = if rel.is_empty() { self.stage.to_path_buf() } else { join(self.stage, rel) }.join(entry.file_name());
                return publish::link_into_stage(&entry.path(), &to).map_err(|e| io_error(&to, "create", e));
            };
            let child = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
            if (rel.is_empty() && name == MANIFEST) || name.contains(TEMP_MARKER) {
                // The manifest is written anew; a temporary file is a crash's leftover.
                return Ok(());
            }
            let kind = entry.file_type().map_err(|e| io_error(&entry.path(), "read", e))?;
            if self.new.contains(child.as_str()) {
                // The new site has its new version; a folder there held stale files only
                // ([`Staging::check_folders_in_the_way`]), which go with it.
                if kind.is_dir() {
                    let stale = walkdir::WalkDir::new(entry.path()).into_iter().flatten().filter(|e| e.file_type().is_file()).count();
                    self.removed.fetch_add(stale, Ordering::Relaxed);
                }
                return Ok(());
            }
            if kind.is_dir() {
                self.folder(&entry.path(), &child)?;
                let (staged, live) = (join(self.stage, &child), entry.path());
                if !staged.is_dir() && is_empty_dir(&live).unwrap_or(false) {
                    // An empty folder made by hand.
                    self.carried.fetch_add(1, Ordering::Relaxed);
                    fs::create_dir_all(&staged).map_err(|e| io_error(&staged, "create", e))?;
                }
                if staged.is_dir()
                    && let Ok(meta) = fs::metadata(&live)
                {
                    let _ = fs::set_permissions(&staged, meta.permissions());
                }
                return Ok(());
            }
            if self.previous.contains(&child) {
                if kind.is_file() {
                    self.removed.fetch_add(1, Ordering::Relaxed);
                }
                return Ok(());
            }
            if self.folders.contains(&child) {
                return Err(hand_file_in_the_way(&entry.path()));
            }
            let to = join(self.stage, &child);
            self.carried.fetch_add(1, Ordering::Relaxed);
            publish::link_into_stage(&entry.path(), &to).map_err(|e| io_error(&to, "create", e))
        })
    }
}

/// The error for a file jixiao did not write lying where the new site needs a folder.
fn hand_file_in_the_way(path: &Path) -> Diagnostic {
    let shown = path.display().to_string();
    Diagnostic::error(E_IO, path, crate::messages::output_failed("write", &shown, &crate::messages::HAND_FILE_IN_THE_WAY.into()))
        .hint(crate::messages::HAND_FILE_IN_THE_WAY_HINT)
}

/// Whether the folder `path` (`rel` in the output folder) holds stale files only, and folders
/// holding such files: what [`remove_stale`] empties and removes. An empty folder does not
/// count (no stale file takes it away), nor does a link or a name that is not UTF-8 (no
/// manifest lists it).
fn only_stale_below(path: &Path, rel: &str, stale: &impl Fn(&str) -> bool) -> io::Result<bool> {
    let mut any = false;
    for entry in fs::read_dir(path)? {
        let entry = entry?;
        any = true;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else { return Ok(false) };
        let child = format!("{rel}/{name}");
        let kind = entry.file_type()?;
        let ok = if kind.is_dir() {
            only_stale_below(&entry.path(), &child, stale)?
        } else {
            kind.is_file() && stale(&child)
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(any)
}

/// The error for a folder lying where a file goes.
fn folder_in_the_way(target: &Path) -> Diagnostic {
    let e = io_error(target, "write", io::Error::other(FolderInTheWay));
    e.hint(crate::messages::FOLDER_IN_THE_WAY_HINT)
}

/// Removes the listed stale files (regular files only) and then the folders they leave empty.
fn remove_stale<S: AsRef<str>>(dir: &Path, stale: Vec<S>) -> Result<usize, Diagnostic> {
    let mut removed = 0;
    let mut parents = BTreeSet::new();
    for rel in &stale {
        let rel = rel.as_ref();
        let target = join(dir, rel);
        match fs::symlink_metadata(&target) {
            Ok(meta) if meta.is_file() => {
                fs::remove_file(&target).map_err(|e| io_error(&target, "remove", e))?;
                removed += 1;
            }
            // Gone already, or replaced by something that is not a file: leave it alone.
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error(&target, "read", e)),
        }
        parents.extend(ancestors(rel));
    }
    // Deepest first; a folder still holding anything (a hand-placed file) stays.
    let mut dirs: Vec<_> = parents.into_iter().collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
    for d in dirs {
        let _ = fs::remove_dir(join(dir, d));
    }
    Ok(removed)
}

/// Clears the way for a file at `rel` in a stage started from the spare: whatever is there
/// (a file that may be the output folder's own, or a folder of stale files) and any file lying
/// where one of its folders goes.
fn clear_in_stage(stage: &Path, rel: &str) -> io::Result<()> {
    let target = join(stage, rel);
    match fs::symlink_metadata(&target) {
        Ok(meta) if meta.is_dir() => return fs::remove_dir_all(&target),
        Ok(_) => return fs::remove_file(&target),
        // A file where a folder of the path goes (old `a`, new `a/b`): found below.
        Err(e) if e.kind() == io::ErrorKind::NotFound || e.kind() == io::ErrorKind::NotADirectory => {}
        Err(e) => return Err(e),
    }
    let mut folders: Vec<&str> = ancestors(rel).collect();
    folders.reverse();
    for f in folders {
        match fs::symlink_metadata(join(stage, f)) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => return fs::remove_file(join(stage, f)),
            Err(_) => return Ok(()),
        }
    }
    Ok(())
}

/// Adds the folders of `path` to `folders`, deepest first, stopping at the first one already
/// there (its own folders are then there too): one lookup for most files, and no allocation.
fn claim_folders(folders: &mut std::collections::HashSet<String>, path: &str) {
    for a in ancestors(path) {
        if folders.contains(a) {
            return;
        }
        folders.insert(a.to_string());
    }
}

/// The folders above a relative path, nearest first: `a/b/c` → `a/b`, `a`.
fn ancestors(rel: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(rel.rsplit_once('/').map(|(p, _)| p), |p| p.rsplit_once('/').map(|(q, _)| q))
}

/// Why `path` is not an acceptable output path, if it is not.
fn check_path(path: &str) -> Result<(), Msg> {
    if path.is_empty() {
        return Err(crate::messages::PATH_EMPTY);
    }
    if path.starts_with('/') || path.contains('\\') || matches!(path.as_bytes(), [d, b':', ..] if d.is_ascii_alphabetic()) {
        return Err(crate::messages::PATH_ABSOLUTE);
    }
    if path.contains('\0') {
        return Err(crate::messages::PATH_NUL);
    }
    for part in path.split('/') {
        match part {
            "" => return Err(crate::messages::PATH_EMPTY_COMPONENT),
            "." | ".." => return Err(crate::messages::PATH_DOTS),
            _ => {}
        }
    }
    if path == MANIFEST || path.contains(TEMP_MARKER) {
        return Err(crate::messages::PATH_RESERVED);
    }
    Ok(())
}

/// `dir` joined with a checked `/`-separated relative path.
fn join(dir: &Path, rel: &str) -> PathBuf {
    let mut p = dir.to_path_buf();
    p.extend(rel.split('/'));
    p
}

/// What [`differs`] found where a file goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OnDisk {
    /// A file with the same bytes.
    Same,
    /// Nothing, or a file (or something else that is not a folder) with other bytes.
    Differs,
    /// A folder (the file differs too): it must go before the file can be moved there.
    Folder,
}

/// Whether the file at `target` is missing or holds other bytes than `parts`, or is a folder.
/// One stat, as before a folder was told apart: it is the one the comparison needs anyway.
fn differs(target: &Path, parts: &[&[u8]]) -> io::Result<OnDisk> {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let differs = |d: bool| if d { OnDisk::Differs } else { OnDisk::Same };
    match fs::metadata(target) {
        Ok(meta) if meta.is_dir() => Ok(OnDisk::Folder),
        Ok(meta) if !meta.is_file() || meta.len() != len as u64 => Ok(OnDisk::Differs),
        Ok(_) => {
            let old = fs::read(target)?;
            let mut at = 0;
            Ok(differs(
                old.len() != len
                    || parts.iter().any(|p| {
                        let same = old[at..at + p.len()] == **p;
                        at += p.len();
                        !same
                    }),
            ))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(OnDisk::Differs),
        Err(e) => Err(e),
    }
}

/// Writes `bytes` to a temporary file beside `target`, then renames it over `target`.
fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = target.with_file_name(format!(".{name}{TEMP_MARKER}{}", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        drop(file);
        if fs::symlink_metadata(target).is_ok_and(|m| m.is_dir()) {
            return Err(io::Error::other(FolderInTheWay));
        }
        fs::rename(&temp, target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// The previous manifest's entries, or `None` when the folder has no manifest.
fn read_manifest(dir: &Path) -> io::Result<Option<Vec<String>>> {
    match fs::read_to_string(dir.join(MANIFEST)) {
        Ok(text) => Ok(Some(
            text.lines()
                .map(str::trim_end)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect(),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Writes the manifest listing `paths` (already sorted) atomically.
fn write_manifest(dir: &Path, paths: &BTreeSet<&str>) -> Result<(), Diagnostic> {
    let mut text = String::with_capacity(paths.iter().map(|p| p.len() + 1).sum::<usize>() + 80);
    text.push_str(MANIFEST_HEADER);
    text.push('\n');
    for p in paths {
        text.push_str(p);
        text.push('\n');
    }
    let target = dir.join(MANIFEST);
    write_atomic(&target, text.as_bytes()).map_err(|e| io_error(&target, "write", e))
}

/// Whether `dir` has no entries at all.
fn is_empty_dir(dir: &Path) -> io::Result<bool> {
    Ok(fs::read_dir(dir)?.next().is_none())
}

fn bad_path(dir: &Path, path: &str, why: Msg) -> Diagnostic {
    Diagnostic::error(E_BAD_PATH, dir, crate::messages::output_bad_path(path, why))
        .hint(crate::messages::OUTPUT_BAD_PATH_HINT)
}

/// Writes `parts`, one after another, to `path`, making its folders only when the write finds
/// none: most files go into a folder that already exists, so this saves a mkdir and a stat per
/// file. On failure: the path that failed, what was done to it (`create` or `write`) and the
/// error.
pub fn write_making_folders<'p>(path: &'p Path, parts: &[&[u8]]) -> Result<(), (&'p Path, &'static str, io::Error)> {
    let write = || -> io::Result<()> {
        match parts {
            [one] => fs::write(path, one),
            _ => {
                let mut file = fs::File::create(path)?;
                parts.iter().try_for_each(|p| file.write_all(p))
            }
        }
    };
    match write() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| (parent, "create", e))?;
            }
            write().map_err(|e| (path, "write", e))
        }
        other => other.map_err(|e| (path, "write", e)),
    }
}

pub(crate) fn io_error(path: &Path, action: &str, e: io::Error) -> Diagnostic {
    let shown = path.display().to_string();
    let message = if e.get_ref().is_some_and(|inner| inner.is::<FolderInTheWay>()) {
        crate::messages::output_failed(action, &shown, &crate::messages::FOLDER_IN_THE_WAY.into())
    } else {
        crate::messages::output_io(action, &shown, &e)
    };
    Diagnostic::error(E_IO, path, message).hint(crate::messages::OUTPUT_IO_HINT)
}

/// A write that found a folder where its file goes: carried in an [`io::Error`] so that
/// [`io_error`] words it in both languages ([`crate::messages::FOLDER_IN_THE_WAY`]).
#[derive(Debug)]
struct FolderInTheWay;

impl std::fmt::Display for FolderInTheWay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(crate::messages::FOLDER_IN_THE_WAY.en)
    }
}

impl std::error::Error for FolderInTheWay {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    #[test]
    fn a_file_in_parts_is_written_and_compared_as_one() {
        let dir = tempfile::tempdir().unwrap();
        let bytes: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
        for cuts in [vec![], vec![0], vec![1, 4096], vec![4096, 4097, 9999], vec![10_000]] {
            let mut parts: Vec<&[u8]> = Vec::new();
            let mut from = 0;
            for &c in cuts.iter().chain([&10_000]) {
                parts.push(&bytes[from..c]);
                from = c;
            }
            let path = dir.path().join(format!("a/{}.bin", cuts.len()));
            write_making_folders(&path, &parts).unwrap();
            assert_eq!(fs::read(&path).unwrap(), bytes);
            assert_eq!(differs(&path, &parts).unwrap(), OnDisk::Same, "{cuts:?}");
            assert_eq!(differs(&path, &[&bytes]).unwrap(), OnDisk::Same);
            // One byte changed in any part, or one missing, is a difference.
            let mut other = bytes.clone();
            other[9_000] ^= 1;
            assert_eq!(differs(&path, &[&other[..5000], &other[5000..]]).unwrap(), OnDisk::Differs);
            assert_eq!(differs(&path, &[&bytes[..9_999]]).unwrap(), OnDisk::Differs);
            assert_eq!(differs(&dir.path().join("a"), &parts).unwrap(), OnDisk::Folder);
        }
    }

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile { path: path.to_string(), bytes: text.as_bytes().to_vec() }
    }

    fn mtime(p: &Path) -> SystemTime {
        fs::metadata(p).unwrap().modified().unwrap()
    }

    /// Sets a file's mtime into the past, so a rewrite would be visible whatever the clock.
    fn age(p: &Path) -> SystemTime {
        let old = SystemTime::now() - Duration::from_secs(3600);
        fs::File::options().write(true).open(p).unwrap().set_modified(old).unwrap();
        mtime(p)
    }

    #[test]
    fn path_checks() {
        for ok in ["index.html", "huangpu/2022/index.html", "assets/site.css", ".well-known/x"] {
            assert_eq!(check_path(ok), Ok(()), "{ok}");
        }
        for bad in [
            "", "/etc/passwd", "../x", "a/../../x", "a/./b", "a//b", "a/", "C:/x", "a\\b", ".",
            MANIFEST, "a/.x.jixiao-tmp-1",
        ] {
            assert!(check_path(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn writes_only_changes_and_removes_stale() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let v1 = [file("index.html", "home"), file("a/b/page.html", "page"), file("a/c/old.html", "old")];
        let s = write(&out, &v1, false).unwrap();
        assert_eq!((s.written, s.removed), (3, 0));
        let home_t = age(&out.join("index.html"));

        let v2 = [file("index.html", "home"), file("a/b/page.html", "page 2")];
        let s = write(&out, &v2, false).unwrap();
        assert_eq!((s.written, s.removed), (1, 1));
        assert_eq!(mtime(&out.join("index.html")), home_t);
        assert_eq!(fs::read_to_string(out.join("a/b/page.html")).unwrap(), "page 2");
        assert!(!out.join("a/c").exists(), "emptied folder removed");
        let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
        assert_eq!(manifest.lines().skip(1).collect::<Vec<_>>(), ["a/b/page.html", "index.html"]);
    }

    #[test]
    fn refuses_duplicates_and_file_folder_clash() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("o");
        let e = write(&out, &[file("a", "1"), file("a", "2")], false).unwrap_err();
        assert_eq!(e.code, E_BAD_PATH);
        let e = write(&out, &[file("a", "1"), file("a/b", "2")], false).unwrap_err();
        assert_eq!(e.code, E_BAD_PATH);
        assert!(!out.exists(), "nothing created when paths are refused");
    }

    #[test]
    fn tampered_manifest_cannot_delete_outside() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("o");
        fs::write(tmp.path().join("precious"), "keep").unwrap();
        write(&out, &[file("x.html", "x")], false).unwrap();
        fs::write(out.join(MANIFEST), "# h\nx.html\n../precious\n").unwrap();
        let s = write(&out, &[file("x.html", "x")], false).unwrap();
        assert_eq!(s.removed, 0);
        assert!(tmp.path().join("precious").exists());
    }

    #[test]
    fn a_hand_placed_file_where_the_site_needs_a_folder_is_refused_before_the_switch() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("o");
        write(&out, &[file("i.html", "i")], false).unwrap();
        fs::write(out.join("a"), "mine").unwrap();
        let before = snapshot(&out);
        let e = write(&out, &[file("i.html", "i 2"), file("a/b.html", "b")], false).unwrap_err();
        assert_eq!(e.code, E_IO);
        assert!(e.message.en.contains("a/b.html"), "{}", e.message.en);
        assert_eq!(snapshot(&out), before, "nothing changed");
        // Handed over without being compared (kept), the same at the commit.
        let s = Staging::open(&out, false).unwrap();
        s.add("i.html".into(), b"i 3").unwrap();
        s.keep("a/c.html".into()).unwrap_or(());
        let e = s.commit().unwrap_err();
        assert!(e.message.en.contains(crate::messages::HAND_FILE_IN_THE_WAY.en), "{}", e.message.en);
        assert_eq!(snapshot(&out), before, "nothing changed");
    }

    #[test]
    fn old_folder_replaced_by_new_file() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("o");
        write(&out, &[file("a/b.html", "1"), file("i.html", "i")], false).unwrap();
        let s = write(&out, &[file("a", "now a file"), file("i.html", "i")], false).unwrap();
        assert_eq!((s.written, s.removed), (1, 1));
        assert_eq!(fs::read_to_string(out.join("a")).unwrap(), "now a file");
    }

    #[test]
    fn leaves_no_temporary_files() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("o");
        let files: Vec<_> = (0..200).map(|i| file(&format!("d{}/f{i}.html", i % 7), "x")).collect();
        write(&out, &files, false).unwrap();
        let leftovers = walk(&out).into_iter().filter(|p| p.contains(TEMP_MARKER)).count();
        assert_eq!(leftovers, 0);
        assert_eq!(walk(&out).len(), 201, "200 files and the manifest");
    }

    #[test]
    fn update_keeps_what_is_not_handed_over_and_removes_what_is_said() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("o");
        let s = Staging::open(&out, false).unwrap();
        for f in [file("index.html", "home"), file("a/page.html", "a"), file("a/chart.svg", "c"), file("b/x.html", "x")] {
            s.add(f.path, &f.bytes).unwrap();
        }
        let (_, listing) = s.commit_listing().unwrap();
        assert_eq!(listing.len(), 4);
        let manifest_t = age(&out.join(MANIFEST));
        let home_t = age(&out.join("index.html"));

        // One page changes: only it is written; the list stands, so the manifest is not rewritten.
        let s = Staging::update(&out, listing);
        assert!(s.keeps_unlisted());
        s.add("a/page.html".into(), b"a2").unwrap();
        let (stats, listing) = s.commit_listing().unwrap();
        assert_eq!((stats.written, stats.removed), (1, 0));
        assert_eq!(fs::read_to_string(out.join("a/page.html")).unwrap(), "a2");
        assert_eq!(mtime(&out.join("index.html")), home_t);
        assert_eq!(mtime(&out.join(MANIFEST)), manifest_t);

        // A chart goes, a new one comes: both in the folder and in the manifest.
        let s = Staging::update(&out, listing);
        s.remove("a/chart.svg");
        s.remove("not/listed.html");
        s.add("a/other.svg".into(), b"o").unwrap();
        let (stats, listing) = s.commit_listing().unwrap();
        assert_eq!((stats.written, stats.removed), (1, 1));
        assert!(!out.join("a/chart.svg").exists());
        let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
        assert_eq!(manifest.lines().skip(1).collect::<Vec<_>>(), ["a/other.svg", "a/page.html", "b/x.html", "index.html"]);
        assert_eq!(listing.iter().map(String::as_str).collect::<Vec<_>>(), ["a/other.svg", "a/page.html", "b/x.html", "index.html"]);

        // A file where a kept folder is, or below a kept file, is refused; nothing changes.
        let s = Staging::update(&out, listing.clone());
        s.add("b".into(), b"file").unwrap();
        assert_eq!(s.commit_listing().unwrap_err().code, E_BAD_PATH);
        let s = Staging::update(&out, listing.clone());
        assert!(s.add("index.html/x".into(), b"x").is_err(), "cannot even be compared");
        drop(s);
        assert_eq!(fs::read_to_string(out.join("b/x.html")).unwrap(), "x");

        // The folder removed with its last file, replaced by a file of the same name.
        let s = Staging::update(&out, listing);
        s.remove("b/x.html");
        s.add("b".into(), b"now a file").unwrap();
        let (stats, _) = s.commit_listing().unwrap();
        assert_eq!((stats.written, stats.removed), (1, 1));
        assert_eq!(fs::read_to_string(out.join("b")).unwrap(), "now a file");
    }

    /// Every file below `dir` (the manifest too) and its bytes.
    fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = walk(dir).into_iter().map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        }).collect();
        files.sort();
        files
    }

    #[test]
    fn a_folder_in_the_way_is_refused_before_any_file_moves() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("o");
        let v1 = [file("index.html", "home"), file("years/2022/index.html", "2022"), file("feed.xml", "feed"), file("z/last.html", "z")];
        write(&out, &v1, false).unwrap();
        // A folder placed by hand where a file of the site goes.
        fs::remove_file(out.join("years/2022/index.html")).unwrap();
        fs::create_dir(out.join("years/2022/index.html")).unwrap();
        fs::write(out.join("years/2022/index.html/mine.txt"), "mine").unwrap();
        let before = snapshot(&out);

        let v2 = [file("index.html", "home 2"), file("years/2022/index.html", "2022 2"), file("feed.xml", "feed 2"), file("new.html", "n")];
        let e = write(&out, &v2, false).unwrap_err();
        assert_eq!(e.code, E_IO);
        assert!(e.message.en.contains(crate::messages::FOLDER_IN_THE_WAY.en), "{}", e.message.en);
        assert!(e.message.en.contains("index.html"), "{}", e.message.en);
        assert_eq!(snapshot(&out), before, "nothing in the output folder changed");
        assert!(!tmp.path().read_dir().unwrap().any(|e| e.unwrap().file_name().to_string_lossy().contains(".jixiao-")));

        // The same through a rebuild of `jixiao serve`.
        let listing: BTreeSet<String> = v1.iter().map(|f| f.path.clone()).collect();
        let s = Staging::update(&out, listing.clone());
        s.add("index.html".into(), b"home 3").unwrap();
        s.add("years/2022/index.html".into(), b"2022 3").unwrap();
        s.remove("z/last.html");
        assert_eq!(s.commit_listing().unwrap_err().code, E_IO);
        assert_eq!(snapshot(&out), before, "nothing changed by the rebuild either");

        // The folder gone, the build goes through.
        fs::remove_dir_all(out.join("years/2022/index.html")).unwrap();
        write(&out, &v2, false).unwrap();
        assert_eq!(fs::read_to_string(out.join("years/2022/index.html")).unwrap(), "2022 2");
    }

    #[test]
    fn a_folder_of_stale_files_in_the_way_goes_with_them() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("o");
        let v1 = [file("i.html", "i"), file("a/b/c.html", "c"), file("a/d.html", "d"), file("e/f.html", "f"), file("g/h.html", "h")];
        write(&out, &v1, false).unwrap();
        // Only stale files below `a`, in folders of their own: `a` becomes a file.
        let s = write(&out, &[file("i.html", "i"), file("a", "now a file"), file("e/f.html", "f"), file("g/h.html", "h")], false).unwrap();
        assert_eq!((s.written, s.removed), (1, 2));
        assert_eq!(fs::read_to_string(out.join("a")).unwrap(), "now a file");

        // A stale file beside a file placed by hand, or an empty folder: refused, nothing moved.
        fs::write(out.join("e/mine.txt"), "mine").unwrap();
        fs::create_dir(out.join("g/empty")).unwrap();
        let before = snapshot(&out);
        for path in ["e", "g"] {
            let files = [file("i.html", "i 2"), file("a", "a 2"), file(path, "file")];
            let e = write(&out, &files, false).unwrap_err();
            assert!(e.message.en.contains(crate::messages::FOLDER_IN_THE_WAY.en), "{}", e.message.en);
            assert_eq!(snapshot(&out), before, "{path}: nothing changed");
        }

        // In a rebuild, the stale file must be removed: one kept is in the way too.
        fs::remove_file(out.join("e/mine.txt")).unwrap();
        let listing: BTreeSet<String> = ["i.html", "a", "e/f.html", "g/h.html"].map(String::from).into();
        let s = Staging::update(&out, listing.clone());
        s.add("e".into(), b"file").unwrap();
        assert_eq!(s.commit_listing().unwrap_err().code, E_BAD_PATH, "kept e/f.html is below e");
        let s = Staging::update(&out, listing);
        s.remove("e/f.html");
        s.add("e".into(), b"file").unwrap();
        let (stats, _) = s.commit_listing().unwrap();
        assert_eq!((stats.written, stats.removed), (1, 1));
        assert_eq!(fs::read_to_string(out.join("e")).unwrap(), "file");
    }

    #[test]
    fn output_folder_among_the_sources_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(root.join("content/pages")).unwrap();
        fs::create_dir_all(root.join("themes/default")).unwrap();
        for bad in [".", "content", "content/pages", "content/not/yet", "themes", "themes/default/x/../y", "public/../content", "content/a/../../themes/b"] {
            let e = check_output_folder(&root, &root.join(bad)).unwrap_err();
            assert_eq!(e.code, E_OUTPUT_IN_SOURCES, "{bad}");
        }
        for ok in ["public", "out/site", "content/../public", "contents", "../elsewhere", "content/a/../../public"] {
            assert!(check_output_folder(&root, &root.join(ok)).is_ok(), "{ok}");
        }
        // Relative to the working folder, or through a link: compared as canonical paths.
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("content"), tmp.path().join("link")).unwrap();
            assert!(check_output_folder(&root, &tmp.path().join("link/new")).is_err());
            let site_link = tmp.path().join("site-link");
            std::os::unix::fs::symlink(&root, &site_link).unwrap();
            assert!(check_output_folder(&site_link, &root.join("themes")).is_err());
            assert!(check_output_folder(&root, &site_link).is_err());
        }
    }

    fn walk(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p.to_string_lossy().into_owned());
            }
        }
        out
    }
}
