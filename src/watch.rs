//! Watch mode of `jixiao serve`: notices edits to the site's inputs and rebuilds incrementally.
//!
//! [`Watcher`] wraps notify and debounces: the events an editor's save produces (write,
//! rename-over, delete-and-create, a swap file coming and going) arrive as one batch of changed
//! paths, without the swap and backup files ([`load::is_ignored_name`]).
//!
//! [`Preview`] keeps the loaded [`Content`] in memory and applies a batch: each changed content
//! file is re-read alone ([`load::reload_file`]); the pages to re-render are those whose
//! [`PagePlan`] reads a template that changed or a data [`Input`] whose
//! [`fingerprint`](render::fingerprint) changed (a report's own page, its department's pages,
//! its year, the home page when it is among the latest, the sitemap); `site.yaml`, the UI
//! strings, a theme file other than a template or static file, and `archive/` rebuild
//! everything. The committed folder is byte for byte what `jixiao build` writes (tested in
//! tests/serve.rs).
//!
//! After an edit that adds or removes no page (the common case: a figure, a sentence), the
//! rebuild costs what the edit touched rather than what the site holds: the pages to render are
//! looked up in the [`Pages`] kept from the last rebuild (which pages read each input), only
//! the data those pages read is prepared, the data stage makes again only the files made of
//! what changed ([`data::publish_incremental`]), and the output folder's list of files is kept
//! in memory, so the commit touches only the files handed over ([`output::Staging::update`]).
//! Any other change (pages come or go, a template or static file, site settings) takes the
//! slower way that plans and visits every page.
//!
//! A change that breaks the build leaves the output folder as it was (the last good site) and
//! reports the problems; the next change that fixes them rebuilds.

use crate::messages::Lang;
use crate::diagnostics::Diagnostics;
use crate::load::{self, Content, ContentFile, Reloaded};
use crate::render::{self, Input, PagePlan, Pages};
use crate::site::Site;
use crate::{archive, data, output, search};
use notify::{EventKind, RecursiveMode};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// What a changed path is to the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A file or folder under `content/` (the item is decided when it is re-read).
    Content(PathBuf),
    /// `content/site.yaml`: everything.
    SiteConfig,
    /// A template of a theme, by name under `templates/`.
    Template(String),
    /// A static file of a theme, by path under `static/`.
    Static(String),
    /// Another theme file (UI strings): everything.
    Theme,
    /// `archive/` (yearly snapshots): everything.
    Archive,
}

/// Decides what `path` (absolute) is; `None` for anything the build does not read, for swap
/// and backup files, and for the output folder.
pub fn classify(root: &Path, output: &Path, path: &Path) -> Option<Change> {
    if path.starts_with(output) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.iter().any(|p| load::is_ignored_name(p)) {
        return None;
    }
    match parts.first().map(String::as_str) {
        Some("content") if parts.len() == 2 && parts[1] == "site.yaml" => Some(Change::SiteConfig),
        Some("content") => Some(Change::Content(path.to_path_buf())),
        Some("themes") if parts.len() >= 4 && parts[2] == "templates" => Some(Change::Template(parts[3..].join("/"))),
        Some("themes") if parts.len() >= 4 && parts[2] == "static" => Some(Change::Static(parts[3..].join("/"))),
        Some("themes") => Some(Change::Theme),
        // The site's overrides of single theme files (src/render/overrides.rs).
        Some("templates") if parts.len() >= 2 => Some(Change::Template(parts[1..].join("/"))),
        Some("static") if parts.len() >= 2 => Some(Change::Static(parts[1..].join("/"))),
        Some("archive") => Some(Change::Archive),
        _ => None,
    }
}

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

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Pages rendered.
    pub rendered: usize,
    /// Pages kept as they were.
    pub kept: usize,
    /// Files written in the output folder.
    pub written: usize,
    /// Files removed from the output folder.
    pub removed: usize,
    /// Whether the output folder changed at all.
    pub committed: bool,
    /// Only stylesheets changed: pages may swap them instead of reloading.
    pub css_only: bool,
    /// Every problem that stands now (empty: the site is up to date and good).
    pub errors: Diagnostics,
    /// Warnings of the content.
    pub warnings: Diagnostics,
    /// Wall-clock time.
    pub elapsed: Duration,
    /// Time per stage of the rebuild (site, data, render, search, output).
    pub stages: Vec<(&'static str, Duration)>,
}

impl Outcome {
    /// Adds what a later step of the same rebuild (the search index) did.
    fn merge(&mut self, later: Option<Outcome>) {
        let Some(later) = later else { return };
        self.written += later.written;
        self.removed += later.removed;
        self.committed |= later.committed;
        self.elapsed += later.elapsed;
        self.stages.extend(later.stages);
        self.errors = later.errors;
    }
}

/// The preview build: content in memory, output folder, what the last build read.
pub struct Preview {
    root: PathBuf,
    output: PathBuf,
    drafts: bool,
    content: Option<Content>,
    fingerprints: HashMap<Input, u64>,
    /// Problems of content files that failed to re-read, by file.
    file_errors: BTreeMap<PathBuf, Diagnostics>,
    /// Problems of the last full load or render, if it failed.
    build_errors: Option<Diagnostics>,
    /// The last full load failed: load everything again on the next change.
    load_failed: bool,
    /// The output folder does not reflect the content (a render failed): render everything.
    dirty: bool,
    /// Pages of the last committed build.
    paths: HashSet<String>,
    /// Every page of the last committed build with what it reads; `None` when not known.
    pages: Option<Pages>,
    /// Every file the output folder holds after the last commit (its manifest); `None` when
    /// not known (the next rebuild reads the manifest).
    listing: Option<BTreeSet<String>>,
    /// Files the last search-index build wrote (paths under the output folder): the page
    /// rebuilds keep them as they are.
    search_files: HashSet<String>,
    /// The search index does not reflect the content yet ([`Preview::update_search`]).
    search_stale: bool,
    /// The data stage's per-report work, for reports not touched by an edit.
    data_cache: data::DataCache,
    /// The chart files beside each page of the last commit, by page path.
    charts: HashMap<String, Vec<String>>,
    /// The language of what the preview prints itself (see [`Preview::with_language`]).
    lang: Lang,
    /// The site's address instead of site.yaml's `base_url` ([`Preview::with_base_url`]).
    base_url: Option<String>,
}

/// What a commit wrote, and the files the output folder holds afterwards.
type Committed = (output::WriteStats, BTreeSet<String>);

/// Whether a rebuild builds the search index too, or leaves it for
/// [`Preview::update_search`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SearchStage {
    Build,
    Defer,
}

/// Search-index files handed to staging at a time (in parallel), between checks for a newer
/// change.
const SEARCH_BATCH: usize = 2048;

impl Preview {
    /// A preview of the site at `root` built into `output`.
    pub fn new(root: &Path, output: &Path, drafts: bool) -> Preview {
        Preview {
            root: root.to_path_buf(),
            output: output.to_path_buf(),
            drafts,
            content: None,
            fingerprints: HashMap::new(),
            file_errors: BTreeMap::new(),
            build_errors: None,
            load_failed: false,
            dirty: true,
            paths: HashSet::new(),
            pages: None,
            listing: None,
            search_files: HashSet::new(),
            search_stale: false,
            data_cache: data::DataCache::default(),
            charts: HashMap::new(),
            lang: Lang::En,
            base_url: None,
        }
    }

    /// The preview with `base_url` instead of site.yaml's in every absolute URL (`jixiao serve
    /// --base-url`), as `jixiao build --base-url` does.
    pub fn with_base_url(mut self, base_url: Option<String>) -> Preview {
        self.base_url = base_url;
        self
    }

    /// Loads the whole content, with the `base_url` of [`Preview::with_base_url`].
    fn load(&self) -> Result<Content, Diagnostics> {
        let mut content = load::load(&self.root)?;
        if let Some(url) = &self.base_url {
            content.site.base_url = url.clone();
        }
        Ok(content)
    }

    /// The preview printing its own notes (a quick rebuild that failed) in `lang`; English
    /// otherwise.
    pub fn with_language(mut self, lang: Lang) -> Preview {
        self.lang = lang;
        self
    }

    /// The output folder.
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// Loads everything and builds every page.
    pub fn full(&mut self) -> Outcome {
        let started = Instant::now();
        self.dirty = true;
        let mut out = match self.load() {
            Ok(c) => {
                self.content = Some(c);
                self.file_errors.clear();
                self.build_errors = None;
                self.load_failed = false;
                self.render(&BTreeSet::new(), &[], false, false, SearchStage::Build)
            }
            Err(d) => {
                self.build_errors = Some(d);
                self.load_failed = true;
                self.outcome(Outcome::default())
            }
        };
        out.elapsed = started.elapsed();
        out
    }

    /// Applies a batch of changed paths (absolute, as the watcher reports them), search index
    /// included: afterwards the output folder is what `jixiao build` writes.
    pub fn apply(&mut self, paths: &[PathBuf]) -> Outcome {
        let mut out = self.apply_pages(paths);
        if self.search_stale {
            let search = self.update_search(&mut || false);
            out.merge(search);
        }
        out
    }

    /// Applies a batch of changed paths like [`apply`](Preview::apply) but leaves the search
    /// index as it was (marked stale): rebuilding it takes far longer than the pages an edit
    /// touches (every shard holds terms of every report), so `jixiao serve` reloads the
    /// pages first and calls [`update_search`](Preview::update_search) once edits pause.
    pub fn apply_pages(&mut self, paths: &[PathBuf]) -> Outcome {
        let started = Instant::now();
        let root = self.root.canonicalize().unwrap_or_else(|_| self.root.clone());
        let output = self.output.canonicalize().unwrap_or_else(|_| self.output.clone());
        let mut full = false;
        let mut full_load = self.content.is_none() || self.load_failed;
        let mut templates = BTreeSet::new();
        let mut statics = Vec::new();
        let mut files: Vec<ContentFile> = Vec::new();
        for path in paths {
            // Paths under the canonical root; re-read with the root the content was loaded from.
            let path = match path.strip_prefix(&root) {
                Ok(rel) => self.root.join(rel),
                Err(_) => path.clone(),
            };
            match classify(&self.root, &output, &path) {
                None => {}
                Some(Change::Template(name)) => {
                    templates.insert(name);
                }
                Some(Change::Static(name)) => statics.push(name),
                Some(Change::Theme | Change::Archive) => full = true,
                Some(Change::SiteConfig | Change::Content(_)) => {
                    if full_load {
                        continue;
                    }
                    let content = self.content.as_mut().expect("loaded unless full_load");
                    match load::reload_file(content, &path) {
                        Ok(Reloaded::Updated(f) | Reloaded::Removed(f)) => {
                            self.file_errors.remove(&path);
                            if f == ContentFile::Site {
                                full = true;
                            }
                            files.push(f);
                        }
                        Ok(Reloaded::Ignored) => {}
                        Ok(Reloaded::NeedsFullLoad) => full_load = true,
                        Err(d) => {
                            self.file_errors.insert(path.clone(), d);
                        }
                    }
                }
            }
        }
        if full_load {
            match self.load() {
                Ok(c) => {
                    self.content = Some(c);
                    self.file_errors.clear();
                    self.build_errors = None;
                    self.load_failed = false;
                    full = true;
                }
                Err(d) => {
                    self.build_errors = Some(d);
                    self.load_failed = true;
                    let mut out = self.outcome(Outcome::default());
                    out.elapsed = started.elapsed();
                    return out;
                }
            }
        }
        let nothing = files.is_empty() && templates.is_empty() && statics.is_empty() && !full && !self.dirty;
        let mut out = if nothing {
            self.outcome(Outcome::default())
        } else {
            let css_only = files.is_empty() && templates.is_empty() && !full && !self.dirty && statics.iter().all(|s| s.ends_with(".css"));
            let mut out = self.render(&templates, &files, !statics.is_empty(), full, SearchStage::Defer);
            out.css_only = css_only && out.errors.is_empty();
            out
        };
        out.elapsed = started.elapsed();
        out
    }

    /// Every problem standing now, and the warnings.
    fn outcome(&self, mut out: Outcome) -> Outcome {
        let mut errors = Diagnostics::default();
        for d in self.file_errors.values() {
            errors.0.extend(d.0.iter().cloned());
        }
        if let Some(d) = &self.build_errors {
            errors.0.extend(d.0.iter().cloned());
        }
        errors.sort();
        errors.0.dedup_by(|a, b| a.file == b.file && a.location == b.location && a.message == b.message);
        out.errors = errors;
        out.warnings = self.content.as_ref().map(|c| c.warnings.clone()).unwrap_or_default();
        out
    }

    /// Whether the search index lags behind the pages ([`update_search`](Preview::update_search)).
    pub fn search_stale(&self) -> bool {
        self.search_stale
    }

    /// Rebuilds the search index alone and commits it, keeping every other file as it is;
    /// afterwards the output folder is what `jixiao build` writes. `cancel` is asked between
    /// batches of files: when it says yes (a newer change is waiting), nothing is committed,
    /// the index stays stale and `None` is returned.
    pub fn update_search(&mut self, cancel: &mut dyn FnMut() -> bool) -> Option<Outcome> {
        if !self.search_stale || self.dirty {
            return Some(self.outcome(Outcome::default()));
        }
        let started = Instant::now();
        let content = self.content.as_ref().expect("content is loaded");
        let site = site_in_theme_words(Site::new(content, self.drafts), &self.root);
        let root = self.root.clone();
        let rel = |d: crate::diagnostics::Diagnostic| Diagnostics::from(d.relative_to(&root));
        let old = &self.search_files;
        let result = (|| -> Result<Option<(HashSet<String>, Committed)>, Diagnostics> {
            let staging = output::Staging::open(&self.output, false).map_err(rel)?;
            staging.keep_previous(|p| !old.contains(p)).map_err(rel)?;
            let Some(files) = add_search(&site, &staging, cancel).map_err(rel)? else { return Ok(None) };
            Ok(Some((files, staging.commit_listing().map_err(rel)?)))
        })();
        let mut out = Outcome::default();
        match result {
            Ok(None) => return None,
            Ok(Some((files, (written, listing)))) => {
                self.listing = Some(listing);
                self.search_files = files;
                self.search_stale = false;
                out.written = written.written;
                out.removed = written.removed;
                out.committed = true;
            }
            Err(d) => {
                self.dirty = true;
                self.listing = None;
                self.build_errors = Some(d);
            }
        }
        out.elapsed = started.elapsed();
        out.stages.push(("search", out.elapsed));
        Some(self.outcome(out))
    }

    /// Renders what changed (everything when `full` or after a failed render) and commits;
    /// builds the search index too or keeps the last one, as `search` says. `statics`: a static
    /// file of the theme changed.
    fn render(&mut self, templates: &BTreeSet<String>, files: &[ContentFile], statics: bool, full: bool, search: SearchStage) -> Outcome {
        // Taken out while the site (which borrows it) is in use.
        let content = self.content.take().expect("content is loaded");
        let out = self.render_content(&content, templates, files, statics, full, search);
        self.content = Some(content);
        self.outcome(out)
    }

    /// [`render`](Preview::render) with the loaded content.
    fn render_content(&mut self, content: &Content, templates: &BTreeSet<String>, files: &[ContentFile], statics: bool, full: bool, search: SearchStage) -> Outcome {
        let mut full = full || self.dirty;
        let mut stages: Vec<(&'static str, Duration)> = Vec::new();
        let t = Instant::now();
        let site = site_in_theme_words(Site::new(content, self.drafts), &self.root);
        stages.push(("site", t.elapsed()));

        // Data inputs that may have changed, and those that did.
        let mut candidates: BTreeSet<Input> = BTreeSet::new();
        let mut changed: HashSet<Input> = HashSet::new();
        if !full {
            candidates.insert(Input::Globals);
            candidates.insert(Input::Latest);
            candidates.insert(Input::Published);
            for f in files {
                match f {
                    ContentFile::Report(d, y) => {
                        changed.insert(Input::Report(d.clone(), *y));
                        candidates.insert(Input::Summary(d.clone(), *y));
                        candidates.insert(Input::Department(d.clone()));
                        candidates.insert(Input::Year(*y));
                    }
                    ContentFile::Department(d) => {
                        candidates.insert(Input::Department(d.clone()));
                        let mut years: BTreeSet<u16> = self
                            .fingerprints
                            .keys()
                            .filter_map(|i| match i {
                                Input::Summary(dd, y) if dd == d => Some(*y),
                                _ => None,
                            })
                            .collect();
                        years.extend(site.reports.iter().filter(|r| r.summary.department == d).map(|r| r.summary.year));
                        for y in years {
                            changed.insert(Input::Report(d.clone(), y));
                            candidates.insert(Input::Summary(d.clone(), y));
                            candidates.insert(Input::Year(y));
                        }
                    }
                    ContentFile::Page(slug) => {
                        candidates.insert(Input::Page(slug.clone()));
                    }
                    ContentFile::Site => {}
                }
            }
        }
        // Each candidate hashed once: compared now, remembered once the rebuild is committed.
        let candidates: Vec<(Input, Option<u64>)> = candidates
            .into_iter()
            .map(|input| {
                let hash = render::fingerprint(&site, &input);
                (input, hash)
            })
            .collect();
        for (input, hash) in &candidates {
            if *hash != self.fingerprints.get(input).copied() {
                changed.insert(input.clone());
            }
        }
        if !changed.is_empty() {
            changed.insert(Input::Everything);
        }

        // Reports whose data files (report.json, CSV, data package) may have changed.
        if full {
            self.data_cache.clear();
        }
        let stale_reports = stale_reports(&site, files);

        // The quick way: the same pages as last time, only data changed.
        let touched: HashSet<&str> = files
            .iter()
            .filter_map(|f| match f {
                ContentFile::Report(d, _) | ContentFile::Department(d) => Some(d.as_str()),
                _ => None,
            })
            .collect();
        let quick = !full
            && templates.is_empty()
            && !statics
            && search == SearchStage::Defer
            && self.listing.is_some()
            && self.pages.as_ref().is_some_and(|p| p.still_fit(&site, &touched));
        if quick {
            // A bug on the quick way (a page reading data it was not prepared with) panics
            // before anything is committed: the output is as it was, so build everything.
            let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.render_quick(content, &site, &changed, &stale_reports, stages.clone())
            }));
            match attempt {
                Ok(out) => {
                    if out.committed {
                        self.remember_fingerprints(&site, candidates, false);
                    }
                    return out;
                }
                Err(_) => {
                    eprintln!("{}", crate::messages::serve::QUICK_REBUILD_FAILED.get(self.lang));
                    full = true;
                    self.data_cache.clear();
                }
            }
        }
        self.pages = None;
        self.listing = None;

        let previous = &self.paths;
        let seen = Mutex::new(Vec::new());
        // Pages whose downloads (sizes included) changed, by URL; known once data is published.
        let changed_downloads: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
        let filter = |p: &PagePlan| {
            seen.lock().expect("no panic while holding the lock").push(p.path.clone());
            let url = p.path.strip_suffix("index.html").unwrap_or(&p.path);
            // A static file changed: every page names assets by the hash of their bytes.
            full || statics || !previous.contains(&p.path)
                || p.templates.iter().any(|t| templates.contains(t))
                || p.inputs.iter().any(|i| changed.contains(i))
                || changed_downloads.lock().expect("no panic while holding the lock").contains(url)
        };
        let result = (|| -> Result<(render::RenderStats, Committed, Option<HashSet<String>>), Diagnostics> {
            let rel = |d: crate::diagnostics::Diagnostic| Diagnostics::from(d.relative_to(&self.root));
            let mut t = Instant::now();
            let mut lap = |name: &'static str| {
                stages.push((name, t.elapsed()));
                t = Instant::now();
            };
            let snapshots = archive::scan(&self.root).map_err(rel)?;
            let staging = output::Staging::open(&self.output, false).map_err(rel)?;
            // The stages of `crate::build`, in its order, with pages rendered selectively.
            let (downloads, changed) = data::publish_incremental(&site, &staging, &mut self.data_cache, &|d, y| full || stale_reports.contains(&(d, y)))?;
            changed_downloads.lock().expect("no panic while holding the lock").extend(changed);
            lap("data");
            // Options added later default as in a live build (the serve tests compare with one).
            #[allow(clippy::needless_update)]
            let notices = crate::notices::published(content);
            let options = render::RenderOptions { snapshot: None, archive: Some(&snapshots[..]), downloads: Some(downloads), notices: notices.as_ref(), ..Default::default() };
            let charts = if full { HashMap::new() } else { std::mem::take(&mut self.charts) };
            let stats = render::render_some(&site, &self.root, &staging, &options, &filter, &charts)?;
            lap("render");
            let search_files = match search {
                SearchStage::Build => Some(add_search(&site, &staging, &mut || false).map_err(rel)?.expect("never cancelled")),
                SearchStage::Defer => {
                    let files = &self.search_files;
                    staging.keep_previous(|p| files.contains(p)).map_err(rel)?;
                    None
                }
            };
            lap("search");
            archive::copy_into(&snapshots, &staging).map_err(rel)?;
            let written = staging.commit_listing().map_err(rel)?;
            lap("output");
            Ok((stats, written, search_files))
        })();
        let mut out = Outcome { stages, ..Outcome::default() };
        match result {
            Ok((mut stats, (written, listing), search_files)) => {
                self.listing = Some(listing);
                self.pages = stats.pages.take();
                match search_files {
                    Some(files) => {
                        self.search_files = files;
                        self.search_stale = false;
                    }
                    None => self.search_stale = true,
                }
                out.rendered = stats.rendered;
                self.charts = stats.charts;
                out.kept = stats.kept;
                out.written = written.written;
                out.removed = written.removed;
                out.committed = true;
                self.paths = seen.into_inner().expect("no panic while holding the lock").into_iter().collect();
                self.remember_fingerprints(&site, candidates, full);
                self.dirty = false;
                self.build_errors = None;
            }
            Err(d) => {
                self.dirty = true;
                self.build_errors = Some(d);
            }
        }
        out
    }

    /// Stores the fingerprints of `candidates` (inputs with their hashes as `site` has them), or
    /// of every input of `site` when `full`.
    fn remember_fingerprints(&mut self, site: &Site, candidates: Vec<(Input, Option<u64>)>, full: bool) {
        if full {
            self.fingerprints = all_fingerprints(site);
            return;
        }
        for (input, hash) in candidates {
            match hash {
                Some(h) => self.fingerprints.insert(input, h),
                None => self.fingerprints.remove(&input),
            };
        }
    }

    /// The rebuild after an edit that leaves the site with the same pages: renders the pages
    /// reading a `changed` input or offering downloads that changed, regenerates the data of
    /// `stale_reports`, and commits into the output folder as listed in memory. The archive is
    /// not copied again: a change to it rebuilds everything.
    fn render_quick(
        &mut self,
        content: &Content,
        site: &Site,
        changed: &HashSet<Input>,
        stale_reports: &HashSet<(&str, u16)>,
        mut stages: Vec<(&'static str, Duration)>,
    ) -> Outcome {
        let listing = self.listing.take().expect("known on the quick way");
        let pages = self.pages.as_mut().expect("known on the quick way");
        let root = &self.root;
        let rel = |d: crate::diagnostics::Diagnostic| Diagnostics::from(d.relative_to(root));
        let mut t = Instant::now();
        let mut lap = |name: &'static str| {
            stages.push((name, t.elapsed()));
            t = Instant::now();
        };
        let result = (|| -> Result<(render::RenderStats, Committed), Diagnostics> {
            let snapshots = archive::scan(root).map_err(rel)?;
            let staging = output::Staging::update(&self.output, listing);
            let (downloads, changed_downloads) =
                data::publish_incremental(site, &staging, &mut self.data_cache, &|d, y| stale_reports.contains(&(d, y)))?;
            lap("data");
            let notices = crate::notices::published(content);
            let options = render::RenderOptions { snapshot: None, archive: Some(&snapshots[..]), downloads: Some(downloads), notices: notices.as_ref(), ..Default::default() };
            // The pages are the same as last time, so what reads "everything" (the sitemap, the
            // list of every page) changes only with what it shows besides the pages: dates.
            let selected = pages.readers(changed.iter().filter(|i| **i != Input::Everything), changed_downloads.iter().map(String::as_str));
            let stats = render::render_pages(site, root, &staging, &options, pages, &selected, &mut self.charts)?;
            lap("render");
            // The search index stays as it is (every file not handed over does).
            lap("search");
            let committed = staging.commit_listing().map_err(rel)?;
            lap("output");
            Ok((stats, committed))
        })();
        let mut out = Outcome { stages, ..Outcome::default() };
        match result {
            Ok((stats, (written, listing))) => {
                self.listing = Some(listing);
                self.search_stale = true;
                out.rendered = stats.rendered;
                out.kept = stats.kept;
                out.written = written.written;
                out.removed = written.removed;
                out.committed = true;
                self.dirty = false;
                self.build_errors = None;
            }
            Err(d) => {
                self.dirty = true;
                self.pages = None;
                self.build_errors = Some(d);
            }
        }
        out
    }
}

/// `site` with the words of its theme (comparisons, search records), as a build derives it; a
/// theme that does not load leaves the default words, and the render reports why.
fn site_in_theme_words<'c>(site: Site<'c>, root: &Path) -> Site<'c> {
    match render::load_theme(&site, root) {
        Ok(theme) => site.with_strings(theme.strings),
        Err(_) => site,
    }
}

/// Builds the search index into `staging` (as [`search::build`] does), asking `cancel` between
/// batches of files; the paths written (under the output folder), or `None` once cancelled.
fn add_search(site: &Site, staging: &output::Staging, cancel: &mut dyn FnMut() -> bool) -> Result<Option<HashSet<String>>, crate::diagnostics::Diagnostic> {
    use rayon::prelude::*;
    let mut paths = HashSet::new();
    let mut batch: Vec<(String, search::Chunked)> = Vec::with_capacity(SEARCH_BATCH);
    let mut cancelled = false;
    let flush = |batch: &mut Vec<(String, search::Chunked)>, paths: &mut HashSet<String>| -> Result<(), crate::diagnostics::Diagnostic> {
        batch.par_iter().try_for_each(|(p, b)| staging.add_parts(p.clone(), &b.parts().collect::<Vec<_>>()))?;
        paths.extend(batch.drain(..).map(|(p, _)| p));
        Ok(())
    };
    let result = search::build_files(
        site,
        search::FilesTo::Sink(&mut |path, bytes| {
            batch.push((format!("search/{path}"), bytes));
            if batch.len() >= SEARCH_BATCH {
                if cancel() {
                    cancelled = true;
                    // Stops the index build; told apart from a real error by `cancelled`.
                    return Err(crate::diagnostics::Diagnostic::error("E0000", "", "cancelled"));
                }
                flush(&mut batch, &mut paths)?;
            }
            Ok(())
        }),
        staging.scratch_folder(),
    );
    if cancelled {
        return Ok(None);
    }
    result?;
    // Once more before the last files: a change may have come while the shards were merged.
    if cancel() {
        return Ok(None);
    }
    flush(&mut batch, &mut paths)?;
    Ok(Some(paths))
}

/// The reports (department id, year) whose own file or department file is among `files`.
fn stale_reports<'a>(site: &Site<'a>, files: &[ContentFile]) -> HashSet<(&'a str, u16)> {
    let departments: HashSet<&str> = files.iter().filter_map(|f| match f {
        ContentFile::Department(d) => Some(d.as_str()),
        _ => None,
    }).collect();
    let reports: HashSet<(&str, u16)> = files.iter().filter_map(|f| match f {
        ContentFile::Report(d, y) => Some((d.as_str(), *y)),
        _ => None,
    }).collect();
    site.reports
        .iter()
        .map(|r| (r.summary.department, r.summary.year))
        .filter(|(d, y)| departments.contains(d) || reports.contains(&(*d, *y)))
        .collect()
}

/// The fingerprint of every hashed input of the site.
fn all_fingerprints(site: &Site) -> HashMap<Input, u64> {
    let mut inputs = vec![Input::Globals, Input::Latest, Input::Published];
    for r in &site.reports {
        inputs.push(Input::Summary(r.summary.department.to_string(), r.summary.year));
    }
    for d in &site.departments {
        inputs.push(Input::Department(d.id.to_string()));
    }
    for y in &site.years {
        inputs.push(Input::Year(y.year));
    }
    for p in &site.pages {
        inputs.push(Input::Page(p.slug.clone()));
    }
    inputs.into_iter().filter_map(|i| render::fingerprint(site, &i).map(|h| (i, h))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_changes() {
        let root = Path::new("/s");
        let out = Path::new("/s/public");
        let c = |p: &str| classify(root, out, &root.join(p));
        assert_eq!(c("content/site.yaml"), Some(Change::SiteConfig));
        assert_eq!(c("content/huangpu/2022.yaml"), Some(Change::Content(root.join("content/huangpu/2022.yaml"))));
        assert_eq!(c("content/huangpu/.2022.yaml.swp"), None);
        assert_eq!(c("content/huangpu/2022.yaml~"), None);
        assert_eq!(c("content/huangpu/#2022.yaml#"), None);
        assert_eq!(c("themes/default/templates/partials/status.html"), Some(Change::Template("partials/status.html".into())));
        assert_eq!(c("themes/default/static/style.css"), Some(Change::Static("style.css".into())));
        assert_eq!(c("templates/partials/footer.html"), Some(Change::Template("partials/footer.html".into())));
        assert_eq!(c("static/emblem.svg"), Some(Change::Static("emblem.svg".into())));
        assert_eq!(c("themes/default/i18n/zh-CN.yaml"), Some(Change::Theme));
        assert_eq!(c("archive/2022/index.html"), Some(Change::Archive));
        assert_eq!(c("public/index.html"), None);
        assert_eq!(c("README.md"), None);
    }
}
