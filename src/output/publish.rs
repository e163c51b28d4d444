//! The publish step: the output folder goes from the old complete site to the new complete site
//! in one step a crash cannot split, and two builds of one output folder never run together.
//!
//! A [`Publication`] owns what a build keeps beside the output folder `public` while it runs:
//!
//! - `.public.jixiao-lock`: a lock file held with an OS lock ([`std::fs::File::try_lock`]) for
//!   the whole build, naming the process that holds it; a second build of the same folder is
//!   refused with that name ([`E_LOCKED`]). Removed when the build ends (the OS lock goes with
//!   the process, even after SIGKILL).
//! - `.public.jixiao-staging-<pid>`: the staging folder the new site is built in. When the
//!   switch can be a swap ([`Publication::complete`]), it becomes a complete site: new and
//!   changed files are written there, unchanged files and files jixiao never wrote are
//!   hard-linked from the live folder (same inode, same modification time; a file the live
//!   folder shares is never opened for writing). The switch is then one
//!   `renameat2(RENAME_EXCHANGE)` (Linux) or `renamex_np(RENAME_SWAP)` (macOS) of the two
//!   folders; the old site, now under the staging name, is removed afterwards.
//! - `.public.jixiao-journal`: where no swap exists (Windows, a file system without
//!   RENAME_EXCHANGE, an output folder that is a mount point, or `jixiao build --in-place`),
//!   the staged files are moved into the live folder one by one; the journal, written before
//!   the first move, lets the next build finish an interrupted switch (roll forward).
//!
//! The next build, holding the lock, finishes a journaled switch and removes the staging
//! folder of any earlier build (whatever its process id: the lock says none is running).
//!
//! Interruption: [`interrupt`] (called by `jixiao build`'s Ctrl-C/SIGTERM handler) waits for
//! a switch in progress to end, removes the staging folders, and says whether the new site was
//! already in place; files handed over afterwards are refused.
//!
//! What this module is not: it does not decide which files changed (the parent module does).

use super::{MANIFEST, io_error, join, read_manifest, remove_stale, write_atomic, write_manifest};
use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Error: another build holds the output folder's lock.
pub const E_LOCKED: &str = "E0405";

/// What every name a build keeps beside the output folder `public` looks like:
/// `.public.jixiao-…`. The pattern for `.gitignore` is [`GITIGNORE_PATTERN`].
const SIBLING_MARKER: &str = ".jixiao-";

/// A `.gitignore` line covering what a build keeps beside its output folder while it runs
/// (staging folder, lock file, journal), whatever the output folder is called.
pub const GITIGNORE_PATTERN: &str = "/.*.jixiao-*";


/// Whether anything a build keeps beside the output folder `real` while it runs (staging
/// folder, lock, journal) is there: an interrupted build's leftovers, or a build running now.
/// A build that would change nothing must not skip the publish step then: the step removes
/// them and finishes an interrupted switch.
pub fn has_leftovers(real: &Path) -> bool {
    let name = real.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
    let prefix = format!(".{name}{SIBLING_MARKER}");
    match fs::read_dir(parent_of(real)) {
        Ok(entries) => entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with(&prefix)),
        Err(_) => true,
    }
}

/// `.name.jixiao-<kind>` beside `real`.
fn sibling(real: &Path, kind: &str) -> PathBuf {
    let name = real.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
    parent_of(real).join(format!(".{name}{SIBLING_MARKER}{kind}"))
}

/// The folder holding `path` (`.` for a bare name).
fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The folder the switch acts on: the output folder itself, or, when it is a symbolic link,
/// the folder it points to (the link stays; its target is switched).
pub(crate) fn real_folder(dir: &Path) -> PathBuf {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()),
        _ => dir.to_path_buf(),
    }
}

// ---- interruption -----------------------------------------------------------------------

/// Set by [`interrupt`]: no file is staged and no switch starts any more.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// Held while a switch runs, so [`interrupt`] waits for it instead of cutting it short.
static SWITCH: Mutex<()> = Mutex::new(());
/// The staging folders of this process's publications in progress.
static ACTIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// The lock files this process holds.
static LOCKS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Set once a switch of this process has put a new site in place.
static PUBLISHED: AtomicBool = AtomicBool::new(false);

/// Stops every publication of this process for good, for a Ctrl-C or SIGTERM handler that
/// exits afterwards: waits for a switch in progress to end, then removes the staging folders
/// (an old site waiting for removal, or a new one never switched) and the lock files (the
/// locks themselves go when the process exits). Returns whether a switch of this process put
/// a new site in place; otherwise the output folder is as it was.
pub fn interrupt() -> bool {
    INTERRUPTED.store(true, Ordering::SeqCst);
    let _switch = SWITCH.lock().unwrap_or_else(|e| e.into_inner());
    let stages = ACTIVE.lock().unwrap_or_else(|e| e.into_inner()).clone();
    for stage in stages {
        // Threads still writing a file they started before the flag was set may recreate a
        // folder: try again after they have had time to stop.
        for _ in 0..5 {
            let _ = fs::remove_dir_all(&stage);
            std::thread::sleep(std::time::Duration::from_millis(30));
            if !stage.exists() {
                break;
            }
        }
    }
    for lock in LOCKS.lock().unwrap_or_else(|e| e.into_inner()).iter() {
        let _ = fs::remove_file(lock);
    }
    PUBLISHED.load(Ordering::SeqCst)
}

/// Whether [`interrupt`] was called (a build failing afterwards failed because of it).
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// The error a staging step returns once interrupted (the process is about to exit).
pub(crate) fn interrupted_error(dir: &Path) -> Diagnostic {
    io_error(dir, "write", io::Error::new(io::ErrorKind::Interrupted, "interrupted"))
}

// ---- the lock ---------------------------------------------------------------------------

/// The OS lock on `.public.jixiao-lock`, released (and the file removed) when dropped.
struct Lock {
    path: PathBuf,
    /// The open, locked file: closing it releases the lock.
    _file: fs::File,
}

impl Lock {
    /// Takes the lock of the output folder `real`, or says which build holds it. `shown` is the
    /// output folder as the user named it.
    fn acquire(real: &Path, shown: &Path) -> Result<Lock, Diagnostic> {
        let path = sibling(real, "lock");
        let parent = parent_of(real);
        fs::create_dir_all(&parent).map_err(|e| io_error(&parent, "create", e))?;
        loop {
            let file = fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(|e| io_error(&path, "create", e))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    let holder = fs::read_to_string(&path).unwrap_or_default();
                    let mut lines = holder.lines();
                    let pid = lines.next().unwrap_or("?").trim().to_string();
                    let command = lines.next().unwrap_or("").trim().to_string();
                    return Err(Diagnostic::error(E_LOCKED, shown, crate::messages::output_locked(&shown.display().to_string(), &pid, &command))
                        .hint(crate::messages::OUTPUT_LOCKED_HINT));
                }
                // A file system without locks (some network ones): build unguarded, as before.
                Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {}
                Err(fs::TryLockError::Error(e)) => return Err(io_error(&path, "create", e)),
            }
            // The build that held the lock may have removed the file between our open and our
            // lock: then this lock is on a file no one else will open. Lock the file at the path.
            if !same_file(&file, &path) {
                continue;
            }
            let command: Vec<String> = std::env::args().collect();
            let text = format!("{}\n{}\n", std::process::id(), command.join(" "));
            // Freshly opened, so written from its start; only read for the message above.
            let _ = file.set_len(0);
            let _ = std::io::Write::write_all(&mut &file, text.as_bytes());
            LOCKS.lock().unwrap_or_else(|e| e.into_inner()).push(path.clone());
            return Ok(Lock { path, _file: file });
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked; the lock goes when the file closes, right after.
        let _ = fs::remove_file(&self.path);
        LOCKS.lock().unwrap_or_else(|e| e.into_inner()).retain(|l| *l != self.path);
    }
}

/// Whether the open `file` is the one at `path` now.
#[cfg(unix)]
fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Whether the open `file` is the one at `path` now (Windows does not remove an open file's
/// name while it is open elsewhere, so the question does not arise there).
#[cfg(not(unix))]
fn same_file(_file: &fs::File, path: &Path) -> bool {
    path.exists()
}

// ---- the publication --------------------------------------------------------------------

/// One build's way from the live output folder to the new site (see the module docs).
pub struct Publication {
    /// The folder switched ([`real_folder`] of the output folder).
    real: PathBuf,
    /// The output folder as named, for messages.
    shown: PathBuf,
    /// `.name.jixiao-staging-<pid>` beside `real`.
    stage: PathBuf,
    /// Whether the stage is to hold the complete new site ([`Publication::complete`]).
    complete: bool,
    /// The lock; taken at the switch when the publication began without it.
    lock: Option<Lock>,
}

impl Publication {
    /// Starts a build into the output folder `dir`: takes its lock (or says which build holds
    /// it), finishes a switch an earlier build left half-done, removes the staging folders of
    /// earlier builds, and decides whether the new site can be swapped in
    /// ([`Publication::complete`]). The live folder is not written to.
    /// With `in_place`, the changed files are moved in one by one under the journal even where
    /// the folders could be swapped (`jixiao build --in-place`).
    pub fn begin(dir: &Path, in_place: bool) -> Result<Publication, Diagnostic> {
        let real = real_folder(dir);
        let lock = Lock::acquire(&real, dir)?;
        recover(&real)?;
        let mut p = Publication::new(dir, real, Some(lock));
        p.complete = !in_place && p.can_swap();
        Ok(p)
    }

    /// Starts a publication that only moves the files staged into the live folder (under the
    /// journal), for a rebuild that knows the folder's files (`jixiao serve`); the lock is taken
    /// at the switch. Touches nothing yet.
    pub fn begin_in_place(dir: &Path) -> Publication {
        Publication::new(dir, real_folder(dir), None)
    }

    fn new(dir: &Path, real: PathBuf, lock: Option<Lock>) -> Publication {
        let stage = sibling(&real, &format!("staging-{}", std::process::id()));
        let _ = fs::remove_dir_all(&stage);
        ACTIVE.lock().unwrap_or_else(|e| e.into_inner()).push(stage.clone());
        Publication { real, shown: dir.to_path_buf(), stage, complete: false, lock }
    }

    /// The folder switched: the output folder, or the folder a link of that name points to.
    pub fn folder(&self) -> &Path {
        &self.real
    }

    /// The staging folder, beside [`folder`](Publication::folder) on the same file system.
    pub fn stage(&self) -> &Path {
        &self.stage
    }

    /// Whether the stage must become the complete new site (every file of it, changed or not,
    /// and every file jixiao never wrote), to be swapped in at once. Otherwise it holds the
    /// changed files only, moved in one by one under the journal.
    pub fn complete(&self) -> bool {
        self.complete
    }

    /// Whether the two folders can be swapped: a platform with a swap, the live
    /// folder a folder of its parent's file system (a mount point cannot be renamed), and a
    /// file system with hard links (tried in the stage).
    fn can_swap(&self) -> bool {
        if !cfg!(any(target_os = "linux", target_os = "macos")) {
            return false;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            match (fs::metadata(&self.real), fs::metadata(parent_of(&self.real))) {
                (Ok(a), Ok(b)) if a.is_dir() && a.dev() == b.dev() => {}
                _ => return false,
            }
        }
        let probe = self.stage.join(".probe");
        let linked = fs::create_dir_all(&self.stage).is_ok()
            && fs::write(&probe, b"").is_ok()
            && fs::hard_link(&probe, self.stage.join(".probe-link")).is_ok();
        let _ = fs::remove_file(&probe);
        let _ = fs::remove_file(self.stage.join(".probe-link"));
        linked
    }

    /// Puts the staged site in place: a complete stage is swapped in (falling back to the
    /// journaled moves where the swap fails); otherwise the staged files are moved in under
    /// the journal. `first` are stale files (of the previous build) in the way of a new file,
    /// removed before the moves; `later` the other stale files, removed after them. Returns
    /// how many stale files were removed by the moves (none when swapped: the caller counted
    /// what the new site leaves out).
    pub fn switch(mut self, first: Vec<String>, later: Vec<String>) -> Result<usize, Diagnostic> {
        if self.lock.is_none() {
            self.lock = Some(Lock::acquire(&self.real, &self.shown)?);
        }
        let guard = switch_guard(&self.real)?;
        // Where the swap fails (a file system without it), the journaled moves below.
        if self.complete && exchange(&self.stage, &self.real).is_ok() {
            PUBLISHED.store(true, Ordering::SeqCst);
            drop(guard);
            // The old site is now the staging folder: dropping `self` removes it.
            return Ok(0);
        }
        let removed = self.switch_by_moves(first, later);
        drop(guard);
        removed
    }

    /// The switch without a swap: the journal, then the moves ([`run_journal`]).
    fn switch_by_moves(&self, first: Vec<String>, later: Vec<String>) -> Result<usize, Diagnostic> {
        fs::create_dir_all(&self.stage).map_err(|e| io_error(&self.stage, "create", e))?;
        let journal = Journal { stage: self.stage.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), first, later };
        let path = sibling(&self.real, "journal");
        write_atomic(&path, journal.to_text().as_bytes()).map_err(|e| io_error(&path, "write", e))?;
        PUBLISHED.store(true, Ordering::SeqCst);
        run_journal(&self.real, &journal)
    }

    /// Renames the stage to the output folder, which is missing or an empty folder (a first
    /// build): one rename, no journal needed (a crash leaves the folder missing or empty, as it
    /// was, and the stage for the next build to remove). False when that cannot be done (the
    /// output folder is a mount point): then [`switch`](Publication::switch) it.
    pub fn switch_fresh(&mut self) -> Result<bool, Diagnostic> {
        let guard = switch_guard(&self.real)?;
        let _ = fs::remove_dir(&self.real);
        let done = fs::rename(&self.stage, &self.real).is_ok();
        if done {
            PUBLISHED.store(true, Ordering::SeqCst);
        }
        drop(guard);
        Ok(done)
    }
}

impl Drop for Publication {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.stage);
        ACTIVE.lock().unwrap_or_else(|e| e.into_inner()).retain(|s| *s != self.stage);
    }
}

/// The switch lock, unless interrupted.
fn switch_guard(real: &Path) -> Result<MutexGuard<'static, ()>, Diagnostic> {
    let guard = SWITCH.lock().unwrap_or_else(|e| e.into_inner());
    if interrupted() {
        return Err(interrupted_error(real));
    }
    Ok(guard)
}

/// Swaps two folders in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let b = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // The system call rather than glibc's wrapper (glibc 2.28+), so older C libraries work.
    // SAFETY: two valid NUL-terminated paths; the call reads them and nothing else.
    let r = unsafe { libc::syscall(libc::SYS_renameat2, libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    if r == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

/// Swaps two folders in one step.
#[cfg(target_os = "macos")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let b = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: two valid NUL-terminated paths; the call reads them and nothing else.
    let r = unsafe { libc::renamex_np(a.as_ptr(), b.as_ptr(), libc::RENAME_SWAP) };
    if r == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

/// No swap on this platform: the journaled moves are used.
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

// ---- recovery and the journal -----------------------------------------------------------

/// Under the lock, before a build: finishes a journaled switch an earlier build left
/// half-done, then removes every staging folder of earlier builds of this output folder.
fn recover(real: &Path) -> Result<(), Diagnostic> {
    let path = sibling(real, "journal");
    match fs::read_to_string(&path) {
        Ok(text) => match Journal::parse(&text) {
            Some(journal) => {
                run_journal(real, &journal)?;
            }
            None => {
                let _ = fs::remove_file(&path);
            }
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_error(&path, "read", e)),
    }
    let prefix = sibling(real, "staging-").file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let parent = parent_of(real);
    let Ok(entries) = fs::read_dir(&parent) else { return Ok(()) };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.strip_prefix(&prefix).is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())) {
            let stale = entry.path();
            fs::remove_dir_all(&stale).map_err(|e| io_error(&stale, "remove", e))?;
        }
    }
    Ok(())
}

/// A switch by moves, written down before the first move so the next build can finish it.
#[derive(Debug, PartialEq, Eq)]
struct Journal {
    /// The staging folder's name (beside the output folder).
    stage: String,
    /// Stale files to remove before the moves (in the way of a new file).
    first: Vec<String>,
    /// Stale files to remove after the moves.
    later: Vec<String>,
}

/// First line of a journal.
const JOURNAL_HEADER: &str = "# jixiao publish journal: the next build finishes this switch; do not edit";

impl Journal {
    fn to_text(&self) -> String {
        let mut text = format!("{JOURNAL_HEADER}\nstage {}\n", self.stage);
        for p in &self.first {
            text.push_str(&format!("first {p}\n"));
        }
        for p in &self.later {
            text.push_str(&format!("later {p}\n"));
        }
        text
    }

    /// The journal in `text`; `None` when it is not one (cut short before its rename: then
    /// no move happened).
    fn parse(text: &str) -> Option<Journal> {
        let mut lines = text.lines();
        if lines.next()? != JOURNAL_HEADER {
            return None;
        }
        let stage = lines.next()?.strip_prefix("stage ")?.to_string();
        if stage.contains(['/', '\\']) || !stage.contains(SIBLING_MARKER) {
            return None;
        }
        let mut journal = Journal { stage, first: Vec::new(), later: Vec::new() };
        for line in lines {
            // Paths are trusted no more than a manifest's.
            match line.split_once(' ') {
                Some(("first", p)) if super::check_path(p).is_ok() => journal.first.push(p.to_string()),
                Some(("later", p)) if super::check_path(p).is_ok() => journal.later.push(p.to_string()),
                _ => return None,
            }
        }
        Some(journal)
    }
}

/// Carries out (or finishes) a journaled switch into `real`: the interim manifest (old ∪ new
/// files, so no file jixiao wrote is ever unlisted), the stale files in the way, every staged
/// file not already in place, the other stale files, the new manifest, then the journal and
/// the stage go. Each step can be done again after a crash. Returns the stale files removed.
fn run_journal(real: &Path, journal: &Journal) -> Result<usize, Diagnostic> {
    let stage = parent_of(real).join(&journal.stage);
    let path = sibling(real, "journal");
    if !stage.is_dir() {
        let _ = fs::remove_file(&path);
        return Ok(0);
    }
    fs::create_dir_all(real).map_err(|e| io_error(real, "create", e))?;
    let new_list = read_manifest(&stage).map_err(|e| io_error(&stage.join(MANIFEST), "read", e))?;
    if let Some(new_list) = &new_list {
        let old = read_manifest(real).map_err(|e| io_error(&real.join(MANIFEST), "read", e))?.unwrap_or_default();
        let old: BTreeSet<&str> = old.iter().map(String::as_str).collect();
        if new_list.iter().any(|p| !old.contains(p.as_str())) {
            let union: BTreeSet<&str> = old.iter().copied().chain(new_list.iter().map(String::as_str)).collect();
            write_manifest(real, &union)?;
        }
    }
    let mut removed = remove_stale(real, journal.first.clone())?;
    let mut files = Vec::new();
    staged_files(&stage, "", &mut files).map_err(|e| io_error(&stage, "read", e))?;
    files.par_iter().try_for_each(|rel| move_into_place(&stage, real, rel))?;
    removed += remove_stale(real, journal.later.clone())?;
    if new_list.is_some() {
        let from = stage.join(MANIFEST);
        let to = real.join(MANIFEST);
        if fs::rename(&from, &to).is_err() {
            let bytes = fs::read(&from).map_err(|e| io_error(&from, "read", e))?;
            write_atomic(&to, &bytes).map_err(|e| io_error(&to, "write", e))?;
        }
    }
    fs::remove_file(&path).map_err(|e| io_error(&path, "remove", e))?;
    let _ = fs::remove_dir_all(&stage);
    Ok(removed)
}

/// Every file below `dir` (`rel` in the stage), but the stage's manifest (moved last).
fn staged_files(dir: &Path, rel: &str, out: &mut Vec<String>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else { continue };
        let child = if rel.is_empty() { name } else { format!("{rel}/{name}") };
        if entry.file_type()?.is_dir() {
            staged_files(&entry.path(), &child, out)?;
        } else if child != MANIFEST {
            out.push(child);
        }
    }
    Ok(())
}

/// Moves the staged file `rel` into `real`, unless the file there is that very file (a hard
/// link of it: an unchanged file of a complete stage).
fn move_into_place(stage: &Path, real: &Path, rel: &str) -> Result<(), Diagnostic> {
    let staged = join(stage, rel);
    let target = join(real, rel);
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(|e| io_error(parent, "create", e))?;
    }
    match fs::symlink_metadata(&target) {
        Ok(meta) if meta.is_dir() => return Err(super::folder_in_the_way(&target)),
        Ok(meta) if is_same_inode(&meta, &staged) => return Ok(()),
        _ => {}
    }
    if fs::rename(&staged, &target).is_err() {
        // Another file system (the output folder is a mount point): copy, atomically.
        let bytes = fs::read(&staged).map_err(|e| io_error(&staged, "read", e))?;
        write_atomic(&target, &bytes).map_err(|e| io_error(&target, "write", e))?;
    }
    Ok(())
}

/// Whether `meta` (of a live file) describes the same file as `other`.
#[cfg(unix)]
fn is_same_inode(meta: &fs::Metadata, other: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(other).is_ok_and(|o| o.dev() == meta.dev() && o.ino() == meta.ino())
}

/// Whether `meta` (of a live file) describes the same file as `other` (never known here:
/// without a swap the stage holds no links).
#[cfg(not(unix))]
fn is_same_inode(_meta: &fs::Metadata, _other: &Path) -> bool {
    false
}

/// Hard-links the live file `from` at `to` in a complete stage (making its folders when
/// needed), so it keeps its inode and modification time; where the link fails (too many links
/// to the file), a copy with the same modification time and permissions. The live file is
/// only read.
pub(crate) fn link_into_stage(from: &Path, to: &Path) -> io::Result<()> {
    let link = || match fs::hard_link(from, to) {
        Err(e) if e.kind() == io::ErrorKind::NotFound && from.symlink_metadata().is_ok() => {
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::hard_link(from, to)
        }
        other => other,
    };
    match link() {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound || e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            let meta = fs::symlink_metadata(from)?;
            if !meta.is_file() {
                return Err(io::Error::other("cannot link"));
            }
            fs::copy(from, to)?;
            let copy = fs::File::options().write(true).open(to)?;
            copy.set_modified(meta.modified()?)?;
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_reads_back_what_it_wrote_and_refuses_anything_else() {
        let j = Journal { stage: ".public.jixiao-staging-12".into(), first: vec!["a/b.html".into()], later: vec!["c.html".into(), "d/e f.html".into()] };
        assert_eq!(Journal::parse(&j.to_text()), Some(j));
        for bad in [
            "",
            "stage .public.jixiao-staging-1\n",
            &format!("{JOURNAL_HEADER}\nstage ../x.jixiao-staging-1\n"),
            &format!("{JOURNAL_HEADER}\nstage elsewhere\n"),
            &format!("{JOURNAL_HEADER}\nstage .p.jixiao-staging-1\nlater ../../etc/passwd\n"),
            &format!("{JOURNAL_HEADER}\nstage .p.jixiao-staging-1\nmove x\n"),
        ] {
            assert_eq!(Journal::parse(bad), None, "{bad:?}");
        }
    }

    /// Where the swap fails at run time, a complete stage (unchanged and hand-placed files
    /// hard-linked) is moved in file by file: the linked files are left as they are.
    #[test]
    #[cfg(unix)]
    fn a_complete_stage_is_moved_in_when_the_swap_fails() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(out.join("d")).unwrap();
        for (rel, text) in [("d/same.html", "same"), ("changed.html", "old"), ("stale.html", "stale"), ("mine.txt", "mine")] {
            fs::write(out.join(rel), text).unwrap();
        }
        fs::write(out.join(MANIFEST), format!("{}
changed.html
d/same.html
stale.html
", super::super::MANIFEST_HEADER)).unwrap();
        let ino = |p: &Path| fs::metadata(p).unwrap().ino();
        let (same, mine) = (ino(&out.join("d/same.html")), ino(&out.join("mine.txt")));

        let p = Publication::begin(&out, false).unwrap();
        let stage = p.stage().to_path_buf();
        fs::create_dir_all(stage.join("d")).unwrap();
        link_into_stage(&out.join("d/same.html"), &stage.join("d/same.html")).unwrap();
        link_into_stage(&out.join("mine.txt"), &stage.join("mine.txt")).unwrap();
        fs::write(stage.join("changed.html"), "new").unwrap();
        fs::write(stage.join(MANIFEST), format!("{}
changed.html
d/same.html
", super::super::MANIFEST_HEADER)).unwrap();
        assert_eq!(p.switch_by_moves(vec![], vec!["stale.html".into()]).unwrap(), 1);
        drop(p);
        assert_eq!(fs::read_to_string(out.join("changed.html")).unwrap(), "new");
        assert!(!out.join("stale.html").exists());
        assert_eq!((ino(&out.join("d/same.html")), ino(&out.join("mine.txt"))), (same, mine));
        assert_eq!(read_manifest(&out).unwrap().unwrap(), ["changed.html", "d/same.html"]);
        let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["public"], "no stage, journal or lock left");
    }

    #[test]
    fn a_second_lock_of_one_folder_is_refused_with_the_holders_name() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let first = Lock::acquire(&out, &out).unwrap();
        let text = fs::read_to_string(sibling(&out, "lock")).unwrap();
        assert!(text.starts_with(&format!("{}\n", std::process::id())), "{text}");
        let e = Lock::acquire(&out, &out).err().expect("refused");
        assert_eq!(e.code, E_LOCKED);
        assert!(e.message.en.contains(&std::process::id().to_string()), "{}", e.message.en);
        drop(first);
        assert!(!sibling(&out, "lock").exists(), "the lock file goes with the lock");
        let again = Lock::acquire(&out, &out).unwrap();
        drop(again);
    }

    #[test]
    fn an_interrupted_journaled_switch_is_finished_by_the_next_build() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir_all(out.join("a")).unwrap();
        fs::write(out.join("a/old.html"), "old").unwrap();
        fs::write(out.join("keep.html"), "same").unwrap();
        fs::write(out.join(MANIFEST), format!("{}\na/old.html\nkeep.html\n", super::super::MANIFEST_HEADER)).unwrap();
        // A switch cut short after the journal was written and one of two files moved.
        let stage = sibling(&out, "staging-999999");
        fs::create_dir_all(stage.join("b")).unwrap();
        fs::write(stage.join("b/new.html"), "new").unwrap();
        fs::write(stage.join(MANIFEST), format!("{}\nb/new.html\nkeep.html\nz.html\n", super::super::MANIFEST_HEADER)).unwrap();
        fs::write(out.join("z.html"), "moved already").unwrap();
        let journal = Journal { stage: stage.file_name().unwrap().to_string_lossy().into(), first: vec![], later: vec!["a/old.html".into()] };
        fs::write(sibling(&out, "journal"), journal.to_text()).unwrap();

        let p = Publication::begin(&out, false).unwrap();
        assert_eq!(fs::read_to_string(out.join("b/new.html")).unwrap(), "new");
        assert_eq!(fs::read_to_string(out.join("z.html")).unwrap(), "moved already");
        assert!(!out.join("a").exists(), "stale file and its folder removed");
        assert_eq!(read_manifest(&out).unwrap().unwrap(), ["b/new.html", "keep.html", "z.html"]);
        assert!(!stage.exists() && !sibling(&out, "journal").exists());
        drop(p);
        let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["public"]);
    }
}
