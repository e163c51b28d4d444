//! The build pipeline: load → check → site → search → data → render → archive → output, in
//! one place, for `jixiao build` and `jixiao serve` alike, run on what changed.
//!
//! A [`Pipeline`] owns the stages and what an incremental run needs: the loaded [`Content`],
//! the fingerprint of each data [`Input`] pages read, every page with its [`PagePlan`] and its
//! chart files, the data stage's per-report work ([`data::DataCache`]), the files the output
//! folder holds and those the search index wrote.
//!
//! - `jixiao build` ([`build`]) opens a pipeline from the persistent cache ([`cache`], in
//!   `ROOT/.jixiao/`) when it is valid, finds which input files changed since ([`stamps`]:
//!   size, time and a hash of every file), and runs the stages on that: nothing when nothing
//!   changed and the output folder still holds what the last build wrote (the summary,
//!   warnings and check findings come from the cache); otherwise every stage runs, on what
//!   changed where it can: the check of the departments whose files changed, the data files
//!   of the reports that changed ([`data::DataCache`] kept in the cache), the pages whose plan
//!   reads a changed input, template or download, and a publish whose stage starts from the
//!   old site the last build kept ([`spare`]). Then the cache is saved. `--no-cache` builds
//!   everything and writes a fresh cache.
//! - `jixiao serve` ([`crate::watch::Preview`], this type) keeps the pipeline in memory and
//!   feeds it the watcher's batches of changed paths ([`Pipeline::apply`]): each changed
//!   content file is re-read alone ([`load::reload_file`]); the pages to re-render are those
//!   whose [`PagePlan`] reads a template that changed or a data [`Input`] whose
//!   [`fingerprint`](render::fingerprint) changed; `site.yaml`, the UI strings, a theme file
//!   other than a template or static file, and `archive/` rebuild everything.
//!
//! Both enforce the same rules: `check: {deny: errors}` in site.yaml stops a build and a
//! preview rebuild alike. The committed folder is byte for byte what a build from scratch
//! writes (tests/incremental.rs, tests/serve.rs).
//!
//! After an edit that adds or removes no page (the common case: a figure, a sentence), a
//! preview rebuild costs what the edit touched rather than what the site holds: the pages to
//! render are looked up in the [`Pages`] kept from the last rebuild (which pages read each
//! input), only the data those pages read is prepared, the data stage makes again only the
//! files made of what changed ([`data::publish_incremental`]), and the output folder's list of
//! files is kept in memory, so the commit touches only the files handed over
//! ([`output::Staging::update`]). Any other change (pages come or go, a template or static
//! file, site settings) takes the slower way that plans and visits every page.
//!
//! A change that breaks the build leaves the output folder as it was (the last good site) and
//! reports the problems; the next change that fixes them rebuilds.

pub mod cache;
pub mod changes;
pub mod model;
pub mod spare;
pub mod stamps;
mod run;

pub use changes::{Change, classify};
pub use run::build;

use crate::messages::Lang;
use crate::diagnostics::Diagnostics;
use crate::load::{self, Content, ContentFile, Reloaded};
use crate::render::{self, Input, PagePlan, Pages};
use crate::site::Site;
use crate::{archive, data, output, search};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

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
pub struct Pipeline {
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
    /// The search index does not reflect the content yet ([`Pipeline::update_search`]).
    search_stale: bool,
    /// What the last search-index build left for the next to patch ([`search::SearchState`]).
    search_state: Option<search::SearchState>,
    /// The build cache's [`cache::Work`] a warm start restored, decoded for its search state
    /// only when the index is first updated (a start with nothing to do never decodes it).
    restored_work: Vec<u8>,
    /// The data stage's per-report work, for reports not touched by an edit.
    data_cache: data::DataCache,
    /// The chart files beside each page of the last commit, by page path.
    charts: HashMap<String, Vec<String>>,
    /// The language of what the preview prints itself (see [`Pipeline::with_language`]).
    lang: Lang,
    /// The site's address instead of site.yaml's `base_url` ([`Pipeline::with_base_url`]).
    base_url: Option<String>,
    /// The persistent cache folder ([`Pipeline::open_cached`]); `None`: none is read or written.
    cache_dir: Option<PathBuf>,
    /// The state above (fingerprints, pages, charts, listing, search files) was restored from
    /// the cache and the output folder holds it, but the content is not loaded yet: the next
    /// change loads it and renders only what changed.
    restored: bool,
    /// Warnings of the last build, as the cache had them (while the content is not loaded).
    restored_warnings: Diagnostics,
    /// The input files as the cache last recorded them (reused to stamp them again).
    input_stamps: stamps::Stamps,
    /// The output files as the cache last recorded them.
    output_stamps: stamps::Stamps,
    /// The copy of the model the content was loaded from ([`model::ModelCache`]), telling
    /// [`save_cache`](Pipeline::save_cache) which departments' files are current.
    models: Option<model::ModelCache>,
}

/// What a commit wrote, and the files the output folder holds afterwards.
type Committed = (output::WriteStats, BTreeSet<String>);

/// Whether a rebuild builds the search index too, or leaves it for
/// [`Pipeline::update_search`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SearchStage {
    Build,
    Defer,
}

/// Search-index files handed to staging at a time (in parallel), between checks for a newer
/// change.
const SEARCH_BATCH: usize = 2048;

impl Pipeline {
    /// A preview of the site at `root` built into `output`.
    pub fn new(root: &Path, output: &Path, drafts: bool) -> Pipeline {
        Pipeline {
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
            search_state: None,
            restored_work: Vec::new(),
            data_cache: data::DataCache::default(),
            charts: HashMap::new(),
            lang: Lang::En,
            base_url: None,
            cache_dir: None,
            restored: false,
            restored_warnings: Diagnostics::default(),
            input_stamps: stamps::Stamps::new(),
            output_stamps: stamps::Stamps::new(),
            models: None,
        }
    }

    /// A preview of the site at `root` built into `output` that starts warm from the build
    /// cache in `cache_dir` (e.g. `ROOT/.jixiao/`, the folder `jixiao build` uses; one cache
    /// per output folder and option set): when the cache is valid and `output` still holds
    /// what it lists, [`full`](Pipeline::full) renders nothing and loads nothing, and the first
    /// change loads the content and renders only what changed since. Otherwise (no cache, a
    /// damaged or other-version one, an output folder that differs) `full` builds everything
    /// and writes the cache. [`save_cache`](Pipeline::save_cache) records later rebuilds.
    pub fn open_cached(root: &Path, output: &Path, cache_dir: &Path, drafts: bool) -> Pipeline {
        let mut p = Pipeline::new(root, output, drafts);
        p.cache_dir = Some(cache_dir.to_path_buf());
        p
    }

    /// The preview with `base_url` instead of site.yaml's in every absolute URL (`jixiao serve
    /// --base-url`), as `jixiao build --base-url` does.
    pub fn with_base_url(mut self, base_url: Option<String>) -> Pipeline {
        self.base_url = base_url;
        self
    }

    /// Loads the whole content, with the `base_url` of [`Pipeline::with_base_url`]: with a
    /// cache folder ([`Pipeline::open_cached`]), the files that did not change since the copy
    /// of the model there was made are taken back from it instead of parsed ([`model`]), as
    /// `jixiao build` does.
    fn load(&mut self) -> Result<Content, Diagnostics> {
        let loaded = match &self.cache_dir {
            Some(dir) => {
                let inputs = stamps::scan_inputs(&self.root, &self.input_stamps);
                let today = crate::dates::today();
                let mut models = model::ModelCache::open(&dir.join(model::FOLDER), &today.to_string());
                let loaded = load::load_reusing(&self.root, today, &|rel| models.restore(rel, &inputs));
                models.forget_values();
                self.models = Some(models);
                loaded
            }
            None => load::load(&self.root),
        };
        let mut content = loaded?;
        if let Some(url) = &self.base_url {
            content.site.base_url = url.clone();
        }
        Ok(content)
    }

    /// The preview printing its own notes (a quick rebuild that failed) in `lang`; English
    /// otherwise.
    pub fn with_language(mut self, lang: Lang) -> Pipeline {
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
        if self.cache_dir.is_some() && self.content.is_none() {
            let mut out = self.warm_start();
            out.elapsed = started.elapsed();
            return out;
        }
        self.rebuild_all(started)
    }

    /// Loads everything and builds every page (timed from `started`).
    fn rebuild_all(&mut self, started: Instant) -> Outcome {
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

    /// Applies a batch of changed paths like [`apply`](Pipeline::apply) but leaves the search
    /// index as it was (marked stale): rebuilding it takes far longer than the pages an edit
    /// touches (every shard holds terms of every report), so `jixiao serve` reloads the
    /// pages first and calls [`update_search`](Pipeline::update_search) once edits pause.
    pub fn apply_pages(&mut self, paths: &[PathBuf]) -> Outcome {
        let started = Instant::now();
        let root = self.root.canonicalize().unwrap_or_else(|_| self.root.clone());
        let output = self.output.canonicalize().unwrap_or_else(|_| self.output.clone());
        let mut full = false;
        // Restored from the cache: the whole content is loaded now, and the paths of this
        // batch say what changed since the state that was restored.
        let mut loaded_now = false;
        if self.restored && self.content.is_none() {
            match self.load() {
                Ok(c) => {
                    self.content = Some(c);
                    self.restored = false;
                    loaded_now = true;
                }
                Err(d) => {
                    self.restored = false;
                    self.build_errors = Some(d);
                    self.load_failed = true;
                    let mut out = self.outcome(Outcome::default());
                    out.elapsed = started.elapsed();
                    return out;
                }
            }
        }
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
                    if loaded_now {
                        match load::classify(&self.root, &path) {
                            Some(ContentFile::Site) | None => full = true,
                            Some(f) => files.push(f),
                        }
                        continue;
                    }
                    let content = self.content.as_mut().expect("loaded unless full_load");
                    // Its department's copy in the model store is written again.
                    if let Some(models) = &self.models {
                        models.forget(path.strip_prefix(&self.root).unwrap_or(&path));
                    }
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
        out.warnings = self.content.as_ref().map(|c| c.warnings.clone()).unwrap_or_else(|| self.restored_warnings.clone());
        out
    }

    /// Whether the search index lags behind the pages ([`update_search`](Pipeline::update_search)).
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
            let Some(files) = add_search(&site, &staging, &self.output, restore_search(&mut self.search_state, &mut self.restored_work), cancel).map_err(rel)? else { return Ok(None) };
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
                // The index it describes may not have been committed.
                self.search_state = None;
                self.restored_work = Vec::new();
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

    /// [`render`](Pipeline::render) with the loaded content.
    fn render_content(&mut self, content: &Content, templates: &BTreeSet<String>, files: &[ContentFile], statics: bool, full: bool, search: SearchStage) -> Outcome {
        let mut full = full || self.dirty;
        let mut stages: Vec<(&'static str, Duration)> = Vec::new();
        // What `jixiao build` enforces holds here too: with `check: {deny: …}` the findings
        // stop the rebuild (the output stays the last good site). Without it they change
        // nothing a preview shows, so they are not computed.
        if content.site.check.as_ref().is_some_and(|c| c.deny.is_some()) {
            let t = Instant::now();
            let checked = crate::check::check(content);
            stages.push(("check", t.elapsed()));
            if let Err(d) = run::deny(content, &checked) {
                // The edits of this batch are not in the output: the next rebuild does all.
                self.dirty = true;
                self.build_errors = Some(d);
                return Outcome { stages, ..Outcome::default() };
            }
        }
        let t = Instant::now();
        let site = site_in_theme_words(Site::new(content, self.drafts), &self.root);
        stages.push(("site", t.elapsed()));

        // Data inputs that may have changed (each hashed once: compared now, remembered once
        // the rebuild is committed), and those that did.
        let (candidates, changed) = if full { (Vec::new(), HashSet::new()) } else { affected_inputs(&site, files, &self.fingerprints) };

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
                SearchStage::Build => Some(add_search(&site, &staging, &self.output, restore_search(&mut self.search_state, &mut self.restored_work), &mut || false).map_err(rel)?.expect("never cancelled")),
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
                // The index it describes may not have been committed.
                self.search_state = None;
                self.restored_work = Vec::new();
                self.build_errors = Some(d);
            }
        }
        out
    }

    /// Stores the fingerprints of `candidates` (inputs with their hashes as `site` has them), or
    /// of every input of `site` when `full`.
    fn remember_fingerprints(&mut self, site: &Site, candidates: Vec<(Input, Option<u64>)>, full: bool) {
        if full {
            self.fingerprints = render::all_fingerprints(site);
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

/// The search slots an edit of `files` may change ([`search::Scope`]).
fn search_scope(files: &[ContentFile]) -> search::Scope {
    let mut scope = search::Scope::default();
    for f in files {
        match f {
            ContentFile::Report(d, _) | ContentFile::Department(d) => {
                scope.departments.insert(d.clone());
            }
            ContentFile::Page(_) => scope.pages = true,
            ContentFile::Site => {
                scope.pages = true;
            }
        }
    }
    scope
}

/// The search state to patch from: `state`, or the one in the cache's work a warm start
/// restored (decoded now, once).
fn restore_search<'a>(state: &'a mut Option<search::SearchState>, work: &mut Vec<u8>) -> &'a mut Option<search::SearchState> {
    if state.is_none() && !work.is_empty() {
        *state = cache::Work::decode(&std::mem::take(work)).search;
    }
    work.clear();
    state
}

/// Builds the search index into `staging` (as [`search::build`] does): by patching the index
/// of the last build into `output` when `state` holds what it left, else whole, asking
/// `cancel` between batches of files. Leaves the new index's state in `state`; returns the
/// paths written (under the output folder), or `None` once cancelled.
fn add_search(site: &Site, staging: &output::Staging, output: &Path, state: &mut Option<search::SearchState>, cancel: &mut dyn FnMut() -> bool) -> Result<Option<HashSet<String>>, crate::diagnostics::Diagnostic> {
    if let Some(previous) = state.take().filter(|s| s.format == search::FORMAT) {
        let live = output::publish::real_folder(output);
        let kept = previous.clone();
        let (_, next) = search::build_incremental(site, staging, Some(search::Previous { state: previous, output: &live, scope: None }))?;
        // Once before the commit, as the whole build asks between batches.
        if cancel() {
            *state = Some(kept);
            return Ok(None);
        }
        let paths = next.files.iter().map(|(p, _)| format!("search/{p}")).collect();
        *state = Some(next);
        return Ok(Some(paths));
    }
    use rayon::prelude::*;
    let mut paths = HashSet::new();
    let mut batch: Vec<(String, search::Chunked)> = Vec::with_capacity(SEARCH_BATCH);
    let mut cancelled = false;
    let flush = |batch: &mut Vec<(String, search::Chunked)>, paths: &mut HashSet<String>| -> Result<(), crate::diagnostics::Diagnostic> {
        batch.par_iter().try_for_each(|(p, b)| staging.add_parts(p.clone(), &b.parts().collect::<Vec<_>>()))?;
        paths.extend(batch.drain(..).map(|(p, _)| p));
        Ok(())
    };
    let result = search::build_files_state(
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
    let (_, next) = result?;
    // Once more before the last files: a change may have come while the shards were merged.
    if cancel() {
        return Ok(None);
    }
    flush(&mut batch, &mut paths)?;
    *state = Some(next);
    Ok(Some(paths))
}

/// The data inputs an edit of `files` may have changed, each with its fingerprint in `site`,
/// and those that did change against `fingerprints` (the last build's), plus
/// [`Input::Everything`] when any did.
fn affected_inputs(site: &Site, files: &[ContentFile], fingerprints: &HashMap<Input, u64>) -> (Vec<(Input, Option<u64>)>, HashSet<Input>) {
    let mut candidates: BTreeSet<Input> = BTreeSet::new();
    let mut changed: HashSet<Input> = HashSet::new();
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
                let mut years: BTreeSet<u16> = fingerprints
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
    let candidates: Vec<(Input, Option<u64>)> = candidates.into_iter().map(|input| {
        let hash = render::fingerprint(site, &input);
        (input, hash)
    }).collect();
    for (input, hash) in &candidates {
        if *hash != fingerprints.get(input).copied() {
            changed.insert(input.clone());
        }
    }
    if !changed.is_empty() {
        changed.insert(Input::Everything);
    }
    (candidates, changed)
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


