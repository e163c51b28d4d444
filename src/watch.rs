//! Watch mode of `jixiao serve`: notices edits to the site's inputs and hands them to the
//! [pipeline](crate::pipeline).
//!
//! [`Watcher`] wraps notify and debounces: the events an editor's save produces (write,
//! rename-over, delete-and-create, a swap file coming and going) arrive as one batch of changed
//! paths, without the swap and backup files ([`crate::load::is_ignored_name`]); what each path is to
//! the build is [`classify`]'s to say.
//!
//! [`Preview`] is the [`Pipeline`] kept in memory between batches: `jixiao build` and
//! `jixiao serve` run the same stages through it, and the committed folder is byte for byte
//! what `jixiao build` writes (tested in tests/serve.rs).

pub use crate::pipeline::{Change, Outcome, Pipeline, classify};
use notify::{EventKind, RecursiveMode};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// The preview build of `jixiao serve`: the [`Pipeline`], fed the watcher's batches
/// ([`Pipeline::apply`]).
pub type Preview = Pipeline;

/// How the [`Watcher`] learns of changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchMode {
    /// The system's notifications (inotify, FSEvents, ReadDirectoryChangesW): immediate and
    /// free, but network drives, shared folders and some Docker mounts send none, and inotify
    /// has per-user limits.
    Native,
    /// Looking at every watched file's time at this interval (notify's `PollWatcher`): works
    /// wherever the files can be read (`jixiao serve --poll`).
    Poll(Duration),
}

/// File-system watcher over the site root, debounced.
pub struct Watcher {
    _inner: Box<dyn notify::Watcher + Send>,
    rx: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    output: PathBuf,
    /// Relevant paths seen by [`has_pending`](Watcher::has_pending), not yet in a batch.
    pending: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Watches `root` (every input the build reads: `content/`, `themes/`, `archive/`),
    /// ignoring `output`.
    pub fn new(root: &Path, output: &Path) -> Result<Watcher, String> {
        Watcher::with_mode(root, output, WatchMode::Native)
    }

    /// [`Watcher::new`] learning of changes as `mode` says.
    pub fn with_mode(root: &Path, output: &Path, mode: WatchMode) -> Result<Watcher, String> {
        let root = root.canonicalize().map_err(|e| format!("{}: {e}", root.display()))?;
        let output = output.canonicalize().unwrap_or_else(|_| output.to_path_buf());
        let (tx, rx) = channel();
        let handler = move |res| {
            let _ = tx.send(res);
        };
        let mut inner: Box<dyn notify::Watcher + Send> = match mode {
            WatchMode::Native => Box::new(notify::recommended_watcher(handler).map_err(|e| e.to_string())?),
            WatchMode::Poll(interval) => {
                // Times only: reading every file's contents at each look would cost a network
                // drive a full copy of the site.
                let config = notify::Config::default().with_poll_interval(interval).with_compare_contents(false);
                Box::new(notify::PollWatcher::new(handler, config).map_err(|e| e.to_string())?)
            }
        };
        // The root itself (not recursively) so that `themes/` or `archive/` appearing later is
        // noticed, and each input folder recursively (new department folders included).
        inner.watch(&root, RecursiveMode::NonRecursive).map_err(|e| e.to_string())?;
        for sub in ["content", "themes", "archive", "templates", "static"] {
            let dir = root.join(sub);
            if dir.is_dir() {
                inner.watch(&dir, RecursiveMode::Recursive).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
        }
        Ok(Watcher { _inner: inner, rx, root, output, pending: BTreeSet::new() })
    }

    /// The canonical root watched (paths in batches start with it).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Waits up to `timeout` for a change, then gathers everything that follows within
    /// `quiet` of the previous event (at most 1 s): the paths the build reads, each once.
    /// `None` when nothing relevant changed in time.
    pub fn next_batch(&mut self, timeout: Duration, quiet: Duration) -> Option<Vec<PathBuf>> {
        let mut paths = std::mem::take(&mut self.pending);
        if paths.is_empty() {
            let first = self.rx.recv_timeout(timeout).ok()?;
            self.take(first, &mut paths);
        }
        let started = Instant::now();
        loop {
            match self.rx.recv_timeout(quiet) {
                Ok(ev) => self.take(ev, &mut paths),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
            if started.elapsed() > Duration::from_secs(1) {
                break;
            }
        }
        if paths.is_empty() { None } else { Some(paths.into_iter().collect()) }
    }

    /// Whether a change the build cares about has arrived since the last batch (without
    /// waiting): long background work (the search index) stops for it.
    pub fn has_pending(&mut self) -> bool {
        while let Ok(ev) = self.rx.try_recv() {
            let mut paths = std::mem::take(&mut self.pending);
            self.take(ev, &mut paths);
            self.pending = paths;
        }
        !self.pending.is_empty()
    }

    fn take(&mut self, ev: notify::Result<notify::Event>, paths: &mut BTreeSet<PathBuf>) {
        let Ok(ev) = ev else { return };
        if matches!(ev.kind, EventKind::Access(_)) {
            return;
        }
        for p in ev.paths {
            // A folder created at the root (themes/, archive/): watch it from now on.
            if p.parent() == Some(self.root.as_path()) && p.is_dir() {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                if ["content", "themes", "archive", "templates", "static"].contains(&name.as_str()) {
                    let _ = self._inner.watch(&p, RecursiveMode::Recursive);
                }
            }
            if classify(&self.root, &self.output, &p).is_some() {
                paths.insert(p);
            }
        }
    }
}

