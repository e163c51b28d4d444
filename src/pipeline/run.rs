//! `jixiao build` through the [pipeline](super): open the cache, find what changed, run the
//! stages on that, save the cache.

use super::cache::{self, Header, OptionsKey, Rejected, State, StoredDiagnostic, StoredFinding, Work};
use super::changes::{Change, classify};
use super::stamps::{self, Stamps};
use super::spare;
use super::model;
use super::{Pipeline, affected_inputs};
use crate::diagnostics::Diagnostics;
use crate::load::{self, ContentFile};
use crate::render::{self, Input, PagePlan};
use crate::{BuildOptions, BuildSummary, Mark, StageTime, archive, check, data, messages, notices, output, progress, search, site};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;

/// What the input files that changed since the last build ask of the stages.
#[derive(Debug, Default)]
pub(super) struct Changed {
    /// Render every page (site.yaml, the UI strings, another theme file, the archive, a file
    /// under `content/` that is not a report, department or page).
    pub full: bool,
    /// Templates changed, by name under `templates/`.
    pub templates: BTreeSet<String>,
    /// A static file of the theme changed (every page names assets by their hash).
    pub statics: bool,
    /// Content files changed, added or removed.
    pub files: Vec<ContentFile>,
}

impl Changed {
    /// What the changed input `paths` (relative to `root`) ask for.
    pub(super) fn of(root: &Path, output: &Path, paths: &[String]) -> Changed {
        let mut out = Changed::default();
        for rel in paths {
            let path = root.join(rel);
            match classify(root, output, &path) {
                None => {}
                Some(Change::Template(name)) => {
                    out.templates.insert(name);
                }
                Some(Change::Static(_)) => out.statics = true,
                Some(Change::Theme | Change::Archive | Change::SiteConfig) => out.full = true,
                Some(Change::Content(_)) => match load::classify(root, &path) {
                    Some(ContentFile::Site) | None => out.full = true,
                    Some(f) => out.files.push(f),
                },
            }
        }
        out
    }
}

/// The options of a build that change what it writes, and where.
fn options_key(drafts: bool, base_url: &Option<String>, snapshot: Option<u16>, comparisons: bool, output: &Path) -> OptionsKey {
    let out = output.canonicalize().unwrap_or_else(|_| std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf()));
    OptionsKey { drafts, base_url: base_url.clone(), snapshot, comparisons, output: out.to_string_lossy().into_owned() }
}

/// The cache of a build, read: the file it lives in, the header it must have, what it says
/// (`None`: no usable cache) and the note to print about it.
pub(super) struct Opened {
    pub file: std::path::PathBuf,
    pub header: Header,
    pub state: Option<State>,
    pub note: Option<messages::Text>,
}

/// Reads the cache under `dir` for a build with `key` (`ignore`: `--no-cache`, read nothing).
pub(super) fn open(dir: &Path, key: OptionsKey, ignore: bool) -> Opened {
    let header = Header::current(key);
    let file = cache::file_for(dir, &header.options);
    let (state, note) = if ignore {
        (None, None)
    } else {
        match cache::read(&file, &header) {
            Ok(s) => (Some(s), None),
            Err(Rejected::Missing) => (None, None),
            Err(Rejected::Ignored(why)) => (None, Some(messages::cache_ignored(&file.display().to_string(), &why))),
        }
    };
    Opened { file, header, state, note }
}

/// Whether the output folder holds exactly what the cache says the last build wrote, nothing
/// of an interrupted build lies beside it, and its manifest is there. Files whose time changed
/// but not their bytes get their new stamp in `state`; the second value says whether any did.
pub(super) fn output_intact(output: &Path, state: &mut State) -> (bool, bool) {
    let dir = output::publish::real_folder(output);
    if !dir.join(output::MANIFEST).is_file() || output::publish::has_leftovers(&dir) {
        return (false, false);
    }
    let (damaged, touched) = stamps::verify_outputs(&dir, &state.outputs);
    let any_touched = !touched.is_empty();
    state.outputs.extend(touched);
    (damaged.is_empty(), any_touched)
}

/// Error code of a report date later than today: a warning that may go by itself as days pass.
const E_FUTURE_DATE: &str = "E0214";

/// Builds the site: from the cache in [`BuildOptions::cache`] when it is valid (only what
/// changed since), else from scratch; then saves the cache.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Diagnostics> {
    let started = Mark::now();
    let key = options_key(options.drafts, &options.base_url, options.snapshot, options.comparisons, &options.output);
    let mut opened = options.cache.as_ref().map(|dir| open(dir, key, options.no_cache));
    let note = opened.as_mut().and_then(|o| o.note.take());
    let previous_inputs = opened.as_ref().and_then(|o| o.state.as_ref()).map(|s| s.inputs.clone()).unwrap_or_default();
    let inputs = if opened.is_some() { stamps::scan_inputs(&options.root, &previous_inputs) } else { Stamps::new() };

    // What changed since the cache was written; `None`: build everything.
    let mut since: Option<(State, Vec<String>)> = None;
    if let Some(mut state) = opened.as_mut().and_then(|o| o.state.take()) {
        let changed = stamps::changed_paths(&state.inputs, &inputs);
        let today = crate::dates::today().to_string();
        let (intact, touched) = output_intact(&options.output, &mut state);
        if intact {
            // A warning about a date in the future may have gone since another day's build.
            let same_day = state.today == today || state.warnings.iter().all(|w| !w.has_code(E_FUTURE_DATE));
            if changed.is_empty()
                && same_day
                && let (Some(warnings), Some(checked)) = (state.restore_warnings(), state.restore_check())
            {
                // Nothing to do: the summary of the last build, and its stamps refreshed when
                // a file was only touched (or the spare made, for the next edit).
                let refresh = state.inputs != inputs || touched;
                let (reports, pages, files) = (state.reports, state.pages, state.outputs.len());
                let mut cache_note = note;
                let o = opened.as_ref().expect("read from it");
                let made_spare = !options.in_place && keep_spare(o, &options.output, &mut state);
                if refresh || made_spare {
                    state.inputs = inputs;
                    if let Err(e) = cache::write(&o.file, &o.header, &state) {
                        cache_note = Some(messages::cache_not_written(&o.file.display().to_string(), &e.to_string()));
                    }
                }
                let stage = stage_time("cache", &started);
                return Ok(BuildSummary {
                    reports,
                    pages,
                    files,
                    written: 0,
                    removed: 0,
                    warnings,
                    stages: vec![stage],
                    search: search::SearchStats::default(),
                    render_times: Vec::new(),
                    check: checked,
                    cache_note,
                });
            }
            since = Some((state, changed));
        }
    }

    // The old site the last build kept: the stage starts from it when it can be vouched for.
    let work = since.as_ref().map(|(state, _)| Work::decode(&state.work.0)).unwrap_or_default();
    let spare = opened.as_ref().map(|o| {
        let folder = cache::spare_for(o.file.parent().unwrap_or(Path::new(".")), &o.header.options);
        let differs = since.as_ref().and(work.spare.as_ref()).and_then(|record| spare::vouch(record, &output::publish::real_folder(&options.output), &folder));
        output::Spare { folder, differs }
    });
    // A spare that cannot be started from is stale (the output folder was deleted or built
    // without the cache since): removed beside the build instead of by the switch, which
    // would otherwise spend the edit's time freeing a whole old site.
    let _discarding = spare.as_ref().filter(|s| s.differs.is_none()).map(|s| spare::discard(&s.folder));
    // Reading the cache, stamping the inputs and checking the output folder: a stage of its own.
    let cache_stage = stage_time("cache", &started);
    let mut pipeline = Pipeline::new(&options.root, &options.output, options.drafts).with_base_url(options.base_url.clone());
    let (mut summary, state, save_start) = pipeline.build_run(options, inputs, since, work, spare)?;
    summary.stages.insert(0, cache_stage);
    summary.cache_note = note;
    if let Some(o) = &opened
        && let Err(e) = cache::write(&o.file, &o.header, &state)
    {
        summary.cache_note = Some(messages::cache_not_written(&o.file.display().to_string(), &e.to_string()));
    }
    // Making the state to keep and writing the cache.
    summary.stages.push(stage_time("save", &save_start));
    Ok(summary)
}

/// For a build with nothing to do: makes the spare of the output folder when the cache
/// records none it can vouch for ([`spare::make`]), so that the next edit starts its stage
/// from it (a link per file of the site otherwise, at 1,000 reports a tenth of the edit's
/// time on tmpfs, the cost this build takes on once); records it in `state`. Whether it did.
fn keep_spare(opened: &Opened, output: &Path, state: &mut State) -> bool {
    let folder = cache::spare_for(opened.file.parent().unwrap_or(Path::new(".")), &opened.header.options);
    let live = output::publish::real_folder(output);
    if spare::recorded(&state.work.0).is_some_and(|record| spare::vouch(&record, &live, &folder).is_some()) {
        return false;
    }
    let Some(record) = spare::make(&live, &folder, state.outputs.keys()) else { return false };
    let mut work = Work::decode(&state.work.0);
    work.spare = Some(record);
    state.work = work.encode();
    true
}

/// The time of a stage that started at `start` and ends now.
fn stage_time(stage: &'static str, start: &Mark) -> StageTime {
    let cpu = crate::process_cpu_time().saturating_sub(start.cpu);
    StageTime { stage, elapsed: start.wall.elapsed(), cpu, rss_kb: crate::memory_kb("VmRSS:") }
}

impl Pipeline {
    /// Every stage of a build; only the pages `since` (the last build's state and the input
    /// files changed after it) says may differ are rendered, the others kept. Returns the
    /// summary, the state to save and when making it began (the `save` stage).
    fn build_run(&mut self, options: &BuildOptions, inputs: Stamps, since: Option<(State, Vec<String>)>, mut work: Work, spare: Option<output::Spare>) -> Result<(BuildSummary, State, Mark), Diagnostics> {
        let rel = |d: crate::diagnostics::Diagnostic| Diagnostics::from(d.relative_to(&options.root));
        let mut stages = Vec::new();
        let mut timed = |stage: &'static str, start: Mark| {
            let cpu = crate::process_cpu_time().saturating_sub(start.cpu);
            stages.push(StageTime { stage, elapsed: start.wall.elapsed(), cpu, rss_kb: crate::memory_kb("VmRSS:") });
        };

        progress::stage("load");
        let t = Mark::now();
        // The files that did not change are taken back from the cache's copy of the model
        // instead of being parsed again ([`model`]).
        let today = crate::dates::today();
        let model_dir = options.cache.as_ref().map(|dir| dir.join(model::FOLDER));
        let mut models = match &model_dir {
            Some(dir) if !options.no_cache => model::ModelCache::open(dir, &today.to_string()),
            _ => model::ModelCache::default(),
        };
        let mut content = load::load_reusing(&options.root, today, &|rel| models.restore(rel, &inputs))?;
        models.forget_values();
        if let Some(url) = &options.base_url {
            content.site.base_url = url.clone();
        }
        if let Some(year) = options.snapshot {
            // A snapshot names its own address in every absolute URL (canonical, sitemap, feed,
            // data): every stage reads base_url from here.
            content.site.base_url = archive::snapshot_base_url(&content.site.base_url(), year);
        }
        timed("load", t);

        let (previous, changed) = match &since {
            Some((state, paths)) => (Some(state), Changed::of(&options.root, &options.output, paths)),
            None => (None, Changed { full: true, ..Changed::default() }),
        };

        let t = Mark::now();
        // Only the departments whose files changed are checked again (all of them when
        // site.yaml, the archive or a file of no department changed).
        let restored_findings = match previous {
            Some(state) if !changed.full => state.restore_department_findings(),
            _ => None,
        };
        // The stored bytes of a department not checked again are kept as they are.
        let keep_findings = restored_findings.is_some();
        let mut department_findings = restored_findings.unwrap_or_default();
        let stale_departments: HashSet<&str> = changed.files.iter().filter_map(|f| match f {
            ContentFile::Report(d, _) | ContentFile::Department(d) => Some(d.as_str()),
            _ => None,
        }).collect();
        let checked = check::check_reusing(&content, &mut department_findings, &|d| stale_departments.contains(d));
        deny(&content, &checked)?;
        timed("check", t);

        let t = Mark::now();
        // The theme's words make the comparisons and the search records as well as the pages.
        let mut site = site::Site::new(&content, options.drafts);
        site.with_comparisons = options.comparisons;
        let theme = render::load_theme(&site, &options.root)?;
        let site = site.with_strings(theme.strings.clone());
        drop(theme);
        timed("site", t);

        // Snapshots are found first (report pages link to them), copied after rendering.
        let t = Mark::now();
        let snapshots = match options.snapshot {
            Some(_) => Vec::new(),
            None => archive::scan(&options.root).map_err(rel)?,
        };
        let scan_time = t.wall.elapsed();
        let scan_cpu = crate::process_cpu_time().saturating_sub(t.cpu);

        let t = Mark::now();
        let spare_folder = spare.as_ref().map(|s| s.folder.clone());
        let staging = output::Staging::open_spare(&options.output, options.force, options.in_place, spare).map_err(rel)?;
        // The search index in two steps: what reads the site now (the previous index kept or
        // patched, or every record of a whole index set aside in a temporary file), and the
        // whole index itself after the pages, once the content is dropped: the index's work
        // (postings, their merge) then reuses the content's memory instead of coming on top
        // of it (the build's peak otherwise).
        progress::stage("search");
        let before_search = staging.len();
        // `work` is empty unless the build starts from a valid cache.
        let live = output::publish::real_folder(&options.output);
        let previous_index = work.search.take().map(|state| search::Previous { state, output: &live, scope: (!changed.full).then(|| super::search_scope(&changed.files)) });
        let search_prepared = search::prepare(&site, &staging, previous_index).map_err(rel)?;
        let mut search_files = staging.added_since(before_search);
        timed("records", t);

        // Open data, feed, robots.txt and schemas go before the pages: pages link to the data
        // with its sizes.
        let t = Mark::now();
        progress::stage("data");
        // The reports whose own file or department changed are made again; the others' files
        // are kept and their rows reused from the cache (read back from the bulk files), and a
        // bulk file is made again only when rows of it changed. Everything when the cache
        // cannot be restored or the site settings, the theme or the archive changed.
        let mut data_cache = match previous.and(work.data) {
            Some(stored) if !changed.full => data::DataCache::restore(stored, &output::publish::real_folder(&options.output)).unwrap_or_default(),
            _ => data::DataCache::default(),
        };
        let stale_reports = super::stale_reports(&site, &changed.files);
        data::publish_incremental(&site, &staging, &mut data_cache, &|d, y| stale_reports.contains(&(d, y)))?;
        // The data cache holds every report's rows of the bulk files (~19 KB per report) for
        // `serve`'s next edit; the build's cache keeps only where they are in the files. It is
        // stored now and freed before the pages are rendered, which reuse its memory; the pages'
        // downloads are taken out of it, not copied (a copy is about 6 KB per report more at the
        // build's peak).
        let stored_data = data_cache.store();
        let downloads = data_cache.take_downloads();
        drop(data_cache);
        timed("data", t);

        let t = Mark::now();
        let notices = content.site.publishes_check_findings().then(|| notices::collect(&content, &checked));
        let render_times = render::RenderTimes::default();
        let render_options = render::RenderOptions {
            snapshot: options.snapshot,
            archive: options.snapshot.is_none().then_some(&snapshots[..]),
            downloads: Some(&downloads),
            notices: notices.as_ref(),
            timings: options.timings.then_some(&render_times),
        };
        // The pages to render: those whose plan reads what changed.
        let download_hashes = download_fingerprints(&downloads);
        let prev_pages: HashSet<&str> = previous.map(|s| s.pages_list.iter().map(String::as_str).collect()).unwrap_or_default();
        let prev_fingerprints: HashMap<Input, u64> = previous.map(|s| s.fingerprints.iter().cloned().collect()).unwrap_or_default();
        // The inputs the edit may have changed, each with its fingerprint now: the others keep
        // theirs (the pages reading them are not rendered again either).
        let (candidates, changed_inputs) = match previous {
            Some(_) if !changed.full => {
                let (candidates, changed_inputs) = affected_inputs(&site, &changed.files, &prev_fingerprints);
                (Some(candidates), changed_inputs)
            }
            _ => (None, HashSet::new()),
        };
        let prev_downloads: HashMap<&str, u64> = previous.map(|s| s.downloads.iter().map(|(u, h)| (u.as_str(), *h)).collect()).unwrap_or_default();
        let changed_downloads: HashSet<&str> =
            download_hashes.iter().filter(|(u, h)| prev_downloads.get(u.as_str()) != Some(h)).map(|(u, _)| u.as_str()).chain(prev_downloads.keys().filter(|u| !downloads.contains_key(**u)).copied()).collect();
        let charts: HashMap<String, Vec<String>> = previous.map(|s| s.charts.iter().cloned().collect()).unwrap_or_default();
        let seen = Mutex::new(Vec::new());
        let filter = |p: &PagePlan| {
            seen.lock().expect("no panic while holding the lock").push(p.path.clone());
            let url = p.path.strip_suffix("index.html").unwrap_or(&p.path);
            changed.full
                || changed.statics
                || !prev_pages.contains(p.path.as_str())
                || p.templates.iter().any(|t| changed.templates.contains(t))
                || p.inputs.iter().any(|i| changed_inputs.contains(i))
                || changed_downloads.contains(url)
        };
        progress::stage("render");
        let stats = render::render_some(&site, &options.root, &staging, &render_options, &filter, &charts)?;
        timed("render", t);

        // What the cache keeps of the content and the site, taken before they are dropped.
        let save_part = Mark::now();
        if let Some(dir) = &model_dir {
            // Only a cache: a build whose copy of the model is not written parses every file
            // the next time, with the same result.
            let _ = model::save(dir, &content, &inputs, &today.to_string(), Some(&models));
        }
        let reports = site.report_count();
        let fingerprints: Vec<_> = match candidates {
            Some(candidates) => {
                let mut fingerprints = prev_fingerprints;
                for (input, hash) in candidates {
                    match hash {
                        Some(h) => fingerprints.insert(input, h),
                        None => fingerprints.remove(&input),
                    };
                }
                fingerprints.into_iter().collect()
            }
            None => render::all_fingerprints(&site).into_iter().collect(),
        };
        let site_findings = check::site_findings(&content).iter().map(StoredFinding::from).collect();
        let rule_levels = rule_levels(&content);
        let mut warnings = content.warnings.clone();
        let save_part = (save_part.wall.elapsed(), crate::process_cpu_time().saturating_sub(save_part.cpu));
        // The content is the largest thing a build holds (about 60 KB per report): freed before
        // the search index is built, whose work then fits in the memory it leaves.
        drop((notices, site));
        // An incremental build patches the index instead of building it whole: the content is
        // then freed on a thread of its own beside the rest of the build (a million small
        // allocations, tens of ms at 1,000 reports), joined before the build returns.
        let freeing = match previous {
            Some(_) if !changed.full => Some(std::thread::spawn(move || drop(content))),
            _ => {
                drop(content);
                None
            }
        };

        let t = Mark::now();
        progress::stage("search");
        let before_index = staging.len();
        let (search, search_state) = search_prepared.finish(&staging).map_err(rel)?;
        search_files.extend(staging.added_since(before_index));
        timed("search", t);

        let t = Mark::now();
        let archive_warnings = archive::copy_into(&snapshots, &staging).map_err(rel)?;
        warnings.0.extend(archive_warnings.0);
        let files = staging.len();
        let pages = staging.count_where(|p| p.ends_with(".html"));
        let archive_start = Mark { wall: t.wall.checked_sub(scan_time).unwrap_or(t.wall), cpu: t.cpu.saturating_sub(scan_cpu) };
        timed("archive", archive_start);

        progress::stage("output");
        let t = Mark::now();
        let hashes = staging.written_hashes();
        let (written, listing, left) = staging.commit_spare().map_err(rel)?;
        let dir = output::publish::real_folder(&options.output);
        let no_stamps = Stamps::new();
        // The files not written are those the cache's stamps were checked against at the start.
        let outputs = stamps::stamp_outputs(&dir, &listing, previous.map_or(&no_stamps, |s| &s.outputs), &hashes, previous.is_some());
        let spare = match (left, &spare_folder) {
            (Some(left), Some(folder)) if left.pure => spare::record(&dir, folder, &listing, left.differs),
            _ => None,
        };
        timed("output", t);

        let save_start = Mark::now();
        // The part of the save made before the content was dropped.
        let save_start = Mark { wall: save_start.wall.checked_sub(save_part.0).unwrap_or(save_start.wall), cpu: save_start.cpu.saturating_sub(save_part.1) };
        let mut pages_list = seen.into_inner().expect("no panic while holding the lock");
        pages_list.sort();
        let state = State {
            inputs,
            outputs,
            reports,
            pages,
            warnings: warnings.0.iter().map(StoredDiagnostic::from).collect(),
            site_findings,
            rule_levels,
            department_findings: {
                let before: HashMap<&str, &cache::Blob> = match previous {
                    Some(state) if keep_findings => state.department_findings.iter().map(|(id, bytes)| (id.as_str(), bytes)).collect(),
                    _ => HashMap::new(),
                };
                let keep = |id: &str| (!stale_departments.contains(id)).then(|| before.get(id).map(|b| (*b).clone())).flatten();
                State::store_department_findings(&department_findings, &keep)
            },
            fingerprints,
            charts: stats.charts.into_iter().collect(),
            pages_list,
            search_files,
            downloads: download_hashes,
            today: crate::dates::today().to_string(),
            work: Work { spare, data: stored_data, search: Some(search_state) }.encode(),
        };
        let summary = BuildSummary {
            reports,
            pages,
            files,
            written: written.written,
            removed: written.removed,
            warnings,
            stages,
            search,
            render_times: render_times.kinds(),
            check: checked,
            cache_note: None,
        };
        if let Some(freeing) = freeing {
            let _ = freeing.join();
        }
        Ok((summary, state, save_start))
    }
}

/// The rule levels `site.yaml` sets, as the cache keeps them.
fn rule_levels(content: &load::Content) -> Vec<(String, crate::model::RuleLevel)> {
    content.site.check.as_ref().and_then(|c| c.rules.as_ref()).map(|r| r.iter().map(|(k, v)| (k.clone(), *v)).collect()).unwrap_or_default()
}

/// Stops on the check findings when site.yaml says `check: {deny: …}` and they fail it.
pub(super) fn deny(content: &load::Content, checked: &check::CheckReport) -> Result<(), Diagnostics> {
    if let Some(deny) = content.site.check.as_ref().and_then(|c| c.deny)
        && checked.fails(deny)
    {
        return Err(checked.to_diagnostics(deny));
    }
    Ok(())
}

/// A hash of each page's downloads (their names, sizes and checksums), by page URL: a page
/// whose downloads changed is rendered again.
fn download_fingerprints(downloads: &data::PageDownloads) -> Vec<(String, u64)> {
    downloads.iter().map(|(url, list)| (url.clone(), stamps::hash(&serde_json::to_vec(list).unwrap_or_default()))).collect()
}

impl Pipeline {
    /// [`Pipeline::full`] of a pipeline with a cache folder: restores the state the cache
    /// holds when it is valid and the output folder still holds what it lists, then renders
    /// only what changed since (nothing, and loads nothing, when nothing did); otherwise
    /// builds everything. Saves the cache after a rebuild.
    pub(super) fn warm_start(&mut self) -> super::Outcome {
        let started = std::time::Instant::now();
        let dir = self.cache_dir.clone().expect("called with a cache folder");
        let key = options_key(self.drafts, &self.base_url, None, true, &self.output);
        let mut opened = open(&dir, key, false);
        if let Some(note) = &opened.note {
            eprintln!("{}", note.get(self.lang));
        }
        let previous = opened.state.as_ref().map(|s| s.inputs.clone()).unwrap_or_default();
        let inputs = stamps::scan_inputs(&self.root, &previous);
        if let Some(mut state) = opened.state.take()
            && output_intact(&self.output, &mut state).0
        {
            self.fingerprints = state.fingerprints.iter().cloned().collect();
            self.paths = state.pages_list.iter().cloned().collect();
            self.charts = state.charts.iter().cloned().collect();
            self.listing = Some(state.outputs.keys().cloned().collect());
            self.search_files = state.search_files.iter().cloned().collect();
            self.search_stale = false;
            self.search_state = None;
            self.restored_work = std::mem::take(&mut state.work.0);
            self.dirty = false;
            self.pages = None;
            self.restored_warnings = state.restore_warnings().unwrap_or_default();
            let changed = stamps::changed_paths(&state.inputs, &inputs);
            self.input_stamps = state.inputs;
            self.output_stamps = state.outputs;
            if changed.is_empty() {
                self.restored = true;
                return self.outcome(super::Outcome::default());
            }
            match self.load() {
                Ok(c) => {
                    self.content = Some(c);
                    let ch = Changed::of(&self.root, &self.output, &changed);
                    let out = self.render(&ch.templates, &ch.files, ch.statics, ch.full, super::SearchStage::Build);
                    if out.committed {
                        self.save_cache_noting();
                    }
                    return out;
                }
                Err(d) => {
                    self.build_errors = Some(d);
                    self.load_failed = true;
                    return self.outcome(super::Outcome::default());
                }
            }
        }
        let out = self.rebuild_all(started);
        if out.committed {
            self.save_cache_noting();
        }
        out
    }

    /// [`save_cache`](Pipeline::save_cache), printing a note when it fails.
    fn save_cache_noting(&mut self) {
        if let Err(e) = self.save_cache() {
            let file = self.cache_dir.as_ref().map(|d| d.display().to_string()).unwrap_or_default();
            eprintln!("{}", messages::cache_not_written(&file, &e.to_string()).get(self.lang));
        }
    }

    /// Records the state of the output folder in the cache folder of
    /// [`open_cached`](Pipeline::open_cached), so that the next start is warm. Does nothing
    /// without a cache folder, before the content is loaded (the cache is current then), or
    /// while the output folder is not what a build writes (a failed rebuild, a stale search
    /// index).
    pub fn save_cache(&mut self) -> std::io::Result<()> {
        let Some(dir) = self.cache_dir.clone() else { return Ok(()) };
        let (Some(content), Some(listing)) = (&self.content, &self.listing) else { return Ok(()) };
        if self.dirty || self.search_stale || self.build_errors.is_some() || !self.file_errors.is_empty() {
            return Ok(());
        }
        let key = options_key(self.drafts, &self.base_url, None, true, &self.output);
        let header = Header::current(key);
        let inputs = stamps::scan_inputs(&self.root, &self.input_stamps);
        let out_dir = output::publish::real_folder(&self.output);
        let outputs = stamps::stamp_outputs(&out_dir, listing, &self.output_stamps, &Default::default(), false);
        let site = super::site_in_theme_words(site::Site::new(content, self.drafts), &self.root);
        let mut pages_list: Vec<String> = self.paths.iter().cloned().collect();
        pages_list.sort();
        let mut department_findings = check::DepartmentFindings::new();
        // Fills `department_findings` (the report as printed is made again from it).
        check::check_reusing(content, &mut department_findings, &|_| true);
        let state = State {
            inputs,
            outputs,
            reports: site.report_count(),
            pages: listing.iter().filter(|p| p.ends_with(".html")).count(),
            warnings: content.warnings.0.iter().map(StoredDiagnostic::from).collect(),
            site_findings: check::site_findings(content).iter().map(StoredFinding::from).collect(),
            rule_levels: rule_levels(content),
            department_findings: State::store_department_findings(&department_findings, &|_| None),
            fingerprints: render::all_fingerprints(&site).into_iter().collect(),
            charts: self.charts.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            pages_list,
            search_files: self.search_files.iter().cloned().collect(),
            // Not known here: a build from this cache renders every page offering downloads.
            downloads: Vec::new(),
            today: crate::dates::today().to_string(),
            work: Work { spare: None, data: None, search: super::restore_search(&mut self.search_state, &mut self.restored_work).clone() }.encode(),
        };
        // Only a cache, as for a build: a copy not written is parsed again next time.
        let _ = model::save(&dir.join(model::FOLDER), content, &state.inputs, &state.today, self.models.as_ref());
        cache::write(&cache::file_for(&dir, &header.options), &header, &state)?;
        self.input_stamps = state.inputs;
        self.output_stamps = state.outputs;
        Ok(())
    }
}
