//! Where `jixiao serve` keeps its preview: one persistent folder per option set that changes
//! the output, so the next `jixiao serve` with the same options serves it at once and only
//! catches up with what changed meanwhile.
//!
//! Layout, under the site root:
//!
//! ```text
//! .jixiao/serve/<key>/
//!     site/        the preview site, exactly what `jixiao build` writes (absent with -o DIR)
//!     state/       the rebuild engine's saved state for that site
//!     serve.lock   held by the running preview (OS lock), naming its process and address
//! ```
//!
//! `<key>` names the options that change what is written: `default`, or `drafts`,
//! `base-<hash of the URL>` and (with `-o DIR`) `out-<hash of the folder>` joined by `+`.
//! Options that change nothing written (`--port`, `--bind`, `--poll`, `--lang`) share a folder.
//! Everything here is safe to delete while no preview runs: the next `jixiao serve` builds it
//! again from the sources.
//!
//! The lock: a preview holds `serve.lock` for as long as it runs; a second preview with the
//! same options is refused with the first one's process id and address ([`Busy`]), rather than
//! two rebuild engines writing one folder. The OS releases the lock when the process ends,
//! however it ends.

use crate::output::MANIFEST;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The folder, under the site root, that holds every preview folder.
pub const SERVE_DIR: &str = ".jixiao/serve";
/// The lock file's name in a key folder.
const LOCK_FILE: &str = "serve.lock";

/// The options of `jixiao serve` that change what is written.
#[derive(Debug, Clone, Default)]
pub struct OutputOptions<'a> {
    /// `--drafts`.
    pub drafts: bool,
    /// `--base-url`.
    pub base_url: Option<&'a str>,
    /// `-o DIR`, as given.
    pub output: Option<&'a Path>,
}

/// The preview folder of one option set ([`PreviewFolder::locate`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewFolder {
    /// The key naming the option set (`default`, `drafts`, …).
    pub key: String,
    /// `ROOT/.jixiao/serve/<key>`.
    pub dir: PathBuf,
    /// The folder served and written: `<dir>/site`, or `-o DIR`.
    pub site: PathBuf,
    /// The rebuild engine's saved state: `<dir>/state`.
    pub state: PathBuf,
}

impl PreviewFolder {
    /// The preview folder of `root` for `options` (nothing is created).
    pub fn locate(root: &Path, options: &OutputOptions) -> PreviewFolder {
        let key = key(options);
        let dir = root.join(SERVE_DIR).join(&key);
        let site = match options.output {
            Some(o) => o.to_path_buf(),
            None => dir.join("site"),
        };
        let state = dir.join("state");
        PreviewFolder { key, dir, site, state }
    }

    /// Whether the site folder holds a complete site to serve at once: one a build or an
    /// earlier preview published (the publish step only ever leaves complete sites, and marks
    /// each with its manifest).
    pub fn has_site(&self) -> bool {
        self.site.join(MANIFEST).is_file()
    }

    /// Takes the lock of this folder for the life of the returned [`Lock`], creating the key
    /// folder; [`Busy`] when another preview holds it.
    pub fn lock(&self) -> Result<Lock, LockError> {
        fs::create_dir_all(&self.dir).map_err(LockError::Io)?;
        let path = self.dir.join(LOCK_FILE);
        let file = fs::OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(LockError::Io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let text = fs::read_to_string(&path).unwrap_or_default();
                let mut lines = text.lines().map(str::trim);
                let pid = lines.next().filter(|p| !p.is_empty()).unwrap_or("?").to_string();
                let url = lines.next().unwrap_or("").to_string();
                return Err(LockError::Busy(Busy { pid, url }));
            }
            // A file system without locks (some network ones): preview unguarded.
            Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {}
            Err(fs::TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
        let lock = Lock { file };
        lock.write(None).map_err(LockError::Io)?;
        Ok(lock)
    }
}

/// The key of `options`: `default`, or its parts joined by `+`.
fn key(options: &OutputOptions) -> String {
    let mut parts = Vec::new();
    if options.drafts {
        parts.push("drafts".to_string());
    }
    if let Some(url) = options.base_url {
        parts.push(format!("base-{}", short_hash(url)));
    }
    if let Some(out) = options.output {
        // The folder as the system names it (relative to the working folder, as `-o` is read),
        // so `-o x` and `-o ./x` are one preview.
        let named = canonical_as_far_as_it_goes(&std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf()));
        parts.push(format!("out-{}", short_hash(&named.to_string_lossy())));
    }
    if parts.is_empty() { "default".to_string() } else { parts.join("+") }
}

/// `path` with its longest existing beginning resolved (links, `..`), the rest kept.
fn canonical_as_far_as_it_goes(path: &Path) -> PathBuf {
    let mut head = path.to_path_buf();
    let mut tail = Vec::new();
    loop {
        if let Ok(real) = head.canonicalize() {
            return tail.iter().rev().fold(real, |p, part: &std::ffi::OsString| p.join(part));
        }
        match (head.file_name().map(|n| n.to_os_string()), head.parent()) {
            (Some(name), Some(parent)) => {
                tail.push(name);
                head = parent.to_path_buf();
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// The first 8 hex digits of the SHA-256 of `s`: short, and the same on every machine.
fn short_hash(s: &str) -> String {
    crate::digest::sha256_hex(s.as_bytes())[..8].to_string()
}

/// The lock on a preview folder; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct Lock {
    /// The open, locked file: closing it releases the lock.
    file: fs::File,
}

impl Lock {
    /// Records the address the preview serves at in the lock file, for a second preview's
    /// message.
    pub fn announce(&self, url: &str) -> io::Result<()> {
        self.write(Some(url))
    }

    /// Writes `pid` and `url` (or an empty line) into the lock file.
    fn write(&self, url: Option<&str>) -> io::Result<()> {
        use std::io::Seek;
        let text = format!("{}\n{}\n", std::process::id(), url.unwrap_or(""));
        let mut file = &self.file;
        file.set_len(0)?;
        file.seek(io::SeekFrom::Start(0))?;
        file.write_all(text.as_bytes())
    }
}

/// Another preview holds the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Busy {
    /// Its process id (`?` when not known).
    pub pid: String,
    /// The address it serves at (empty when not known yet).
    pub url: String,
}

/// Why a preview folder could not be locked.
#[derive(Debug)]
pub enum LockError {
    /// Another preview holds it.
    Busy(Busy),
    /// The key folder or its lock file could not be created.
    Io(io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locate(drafts: bool, base_url: Option<&str>, output: Option<&Path>) -> PreviewFolder {
        PreviewFolder::locate(Path::new("/site"), &OutputOptions { drafts, base_url, output })
    }

    #[test]
    fn each_option_set_has_its_own_readable_folder() {
        let default = locate(false, None, None);
        assert_eq!(default.key, "default");
        assert_eq!(default.dir, Path::new("/site/.jixiao/serve/default"));
        assert_eq!(default.site, Path::new("/site/.jixiao/serve/default/site"));
        assert_eq!(default.state, Path::new("/site/.jixiao/serve/default/state"));
        assert_eq!(locate(true, None, None).key, "drafts");
        let base = locate(false, Some("http://localhost:8040/"), None).key;
        assert!(base.starts_with("base-") && base.len() == 13, "{base}");
        assert_ne!(base, locate(false, Some("http://localhost:8041/"), None).key);
        let both = locate(true, Some("http://localhost:8040/"), None).key;
        assert_eq!(both, format!("drafts+{base}"));
        let out = locate(false, None, Some(Path::new("/tmp/preview")));
        assert!(out.key.starts_with("out-"), "{}", out.key);
        assert_eq!(out.site, Path::new("/tmp/preview"));
        assert_eq!(out.state, Path::new("/site/.jixiao/serve").join(&out.key).join("state"));
    }

    #[test]
    fn a_second_lock_names_the_first_holder() {
        let dir = tempfile::tempdir().unwrap();
        let folder = PreviewFolder::locate(dir.path(), &OutputOptions::default());
        let first = folder.lock().unwrap();
        first.announce("http://127.0.0.1:8040/").unwrap();
        match folder.lock() {
            Err(LockError::Busy(busy)) => {
                assert_eq!(busy.pid, std::process::id().to_string());
                assert_eq!(busy.url, "http://127.0.0.1:8040/");
            }
            other => panic!("expected Busy, got {other:?}"),
        }
        drop(first);
        assert!(folder.lock().is_ok(), "free once the first lock is dropped");
    }
}
