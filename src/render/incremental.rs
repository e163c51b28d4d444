//! Explicit dependencies of every page, and rendering only some pages: what `jixiao serve`
//! uses to re-render, after an edit, exactly the pages that show what changed.
//!
//! Each page of the [plan](super::plan) is described by a [`PagePlan`]: its output path, the
//! templates it reads (its own, and everything that one extends, includes or imports,
//! transitively) and the data [`Input`]s its context is built from, each named by what it is
//! (department id, year, slug) rather than by an index, so inputs can be compared across
//! rebuilds. [`fingerprint`] hashes the data an input denotes, so a caller can tell whether an
//! edit changed it. [`render_some`] renders the pages a filter selects and hands the others to
//! the staging area unchanged ([`Staging::keep`]): the committed folder is the same as after a
//! full [`render`](super::render).
//!
//! [`Pages`] keeps the plans between rebuilds with, for each input, the pages that read it: as
//! long as the site has the same pages ([`Pages::still_fit`]), an edit's pages are found by
//! looking up what changed ([`Pages::readers`]) and rendered alone by [`render_pages`], which
//! prepares only the data those pages read. Planning, or even visiting, the other pages would
//! cost what the whole site holds.

use super::theme::Theme;
use super::{Env, Job, Kind, RenderOptions, Scope, indicator_urls, jobs_for, options_for};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::output::Staging;
use crate::site::Site;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{DefaultHasher, Hasher};
use std::path::Path;

/// One piece of data a page's context is built from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Input {
    /// What every page reads: the site settings and the navigation lists (`departments` with
    /// their years, `years`, `pages`) and the UI strings.
    Globals,
    /// A report in full (its own page): department id, year.
    Report(String, u16),
    /// A report as listings show it (its summary): department id, year.
    Summary(String, u16),
    /// A department's profile and which reports it has.
    Department(String),
    /// A year and which reports it lists.
    Year(u16),
    /// Which reports the home page lists as the latest.
    Latest,
    /// A free page, by slug.
    Page(String),
    /// Every report, department, year and page (the sitemap).
    Everything,
    /// The reports' publication dates and drafts (the sitemap's `lastmod`): an edit that
    /// keeps every page ([`Pages::still_fit`]) changes the sitemap only through these.
    Published,
}

/// A page of the site and what it reads.
#[derive(Debug, Clone)]
pub struct PagePlan {
    /// Output path, e.g. `huangpu/2022/index.html`.
    pub path: String,
    /// Templates read, by name under `templates/` (`report.html`, `partials/status.html`).
    pub templates: BTreeSet<String>,
    /// Data read.
    pub inputs: Vec<Input>,
}

/// How many pages [`render_some`] rendered and kept, and the chart files of each.
#[derive(Debug, Default)]
pub struct RenderStats {
    /// Pages rendered (and handed to staging, which writes them only if their bytes changed).
    pub rendered: usize,
    /// Pages not rendered, kept as they are in the output folder.
    pub kept: usize,
    /// The chart files (SVG) beside each page, by page path: pass them back to the next
    /// [`render_some`] so that a kept page's charts are kept without drawing them again.
    pub charts: HashMap<String, Vec<String>>,
    /// Every page with its plan ([`render_some`]; [`render_pages`] updates the one it is given).
    pub pages: Option<Pages>,
}

/// Every page of the site with its plan, and the pages reading each input: what a rebuild
/// needs to find the pages an edit touched, kept while the site has the same pages.
#[derive(Debug, Default)]
pub struct Pages {
    jobs: Vec<Job>,
    plans: Vec<PagePlan>,
    /// Indices into `jobs` of the pages reading each input.
    readers: HashMap<Input, Vec<usize>>,
    /// Index into `jobs` by page URL (as downloads are listed).
    by_url: HashMap<String, usize>,
    /// The indicator page of each department (its URL), which exists when its reports have a
    /// target or indicator.
    indicators: Vec<Option<String>>,
    /// Published findings are shown (they add inputs to report pages).
    notices: bool,
}

impl Pages {
    fn new(site: &Site, jobs: Vec<Job>, plans: Vec<PagePlan>, notices: bool) -> Pages {
        let mut readers: HashMap<Input, Vec<usize>> = HashMap::new();
        for (i, p) in plans.iter().enumerate() {
            for input in &p.inputs {
                readers.entry(input.clone()).or_default().push(i);
            }
        }
        let by_url = jobs.iter().enumerate().map(|(i, j)| (j.url.clone(), i)).collect();
        let mut indicators = vec![None; site.departments.len()];
        for j in &jobs {
            if let Kind::Indicators(d) = j.kind {
                indicators[d] = Some(j.url.clone());
            }
        }
        Pages { jobs, plans, readers, by_url, indicators, notices }
    }

    /// How many pages the site has.
    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    /// Whether the site has no page.
    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// Whether `site` (after an edit of the departments `touched`, by id, and of nothing that
    /// adds or removes a page otherwise) still has exactly these pages, at the same indices:
    /// the same reports, departments, years and free pages (compared by URL, cheap), and the
    /// same indicator pages in the touched departments (the others' reports did not change):
    /// a department's page exists when it has a target or indicator.
    pub fn still_fit(&self, site: &Site, touched: &HashSet<&str>) -> bool {
        let mut counts = [0usize; 4];
        for j in &self.jobs {
            let same = match j.kind {
                Kind::Report(i) => {
                    counts[0] += 1;
                    site.reports.get(i).is_some_and(|r| r.summary.url == j.url)
                }
                Kind::Department(i) => {
                    counts[1] += 1;
                    site.departments.get(i).is_some_and(|d| d.url == j.url)
                }
                Kind::Year(i) => {
                    counts[2] += 1;
                    site.years.get(i).is_some_and(|y| y.url == j.url)
                }
                Kind::Changes(i) => site.reports.get(i).is_some_and(|r| j.url == format!("{}changes/", r.summary.url)),
                Kind::Page(i) => {
                    counts[3] += 1;
                    site.pages.get(i).is_some_and(|p| j.url == format!("pages/{}/", p.slug))
                }
                _ => true,
            };
            if !same {
                return false;
            }
        }
        if counts != [site.reports.len(), site.departments.len(), site.years.len(), site.pages.len()] {
            return false;
        }
        if !site.with_comparisons {
            return true;
        }
        site.departments
            .iter()
            .enumerate()
            .filter(|(_, d)| touched.contains(d.id))
            .all(|(i, _)| crate::site::compare::indicator_page(site, i) == self.indicators[i])
    }

    /// The pages reading any of `inputs` or offering any of the downloads of the pages at
    /// `urls`, in plan order.
    pub fn readers<'i>(&self, inputs: impl Iterator<Item = &'i Input>, urls: impl Iterator<Item = &'i str>) -> Vec<usize> {
        let mut out: BTreeSet<usize> = BTreeSet::new();
        for input in inputs {
            if let Some(pages) = self.readers.get(input) {
                out.extend(pages.iter().copied());
            }
        }
        out.extend(urls.filter_map(|u| self.by_url.get(u).copied()));
        out.into_iter().collect()
    }

    /// Plans `selected` again (what a page reads depends on the data: the latest reports of
    /// the home page), keeping `readers` in step. The pages not selected read nothing that
    /// changed, so their plans stand.
    fn replan(&mut self, site: &Site, selected: &[usize]) {
        for &i in selected {
            let new = inputs(site, &self.jobs[i], self.notices);
            if new == self.plans[i].inputs {
                continue;
            }
            for input in &self.plans[i].inputs {
                if let Some(v) = self.readers.get_mut(input) {
                    v.retain(|&p| p != i);
                }
            }
            for input in &new {
                let v = self.readers.entry(input.clone()).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
            self.plans[i].inputs = new;
        }
    }
}

/// The data inputs of one job.
fn inputs(site: &Site, job: &Job, notices: bool) -> Vec<Input> {
    let key = |i: usize| (site.reports[i].summary.department.to_string(), site.reports[i].summary.year);
    let summaries = |ids: &[usize]| -> Vec<Input> {
        ids.iter().map(|&i| {
            let (d, y) = key(i);
            Input::Summary(d, y)
        }).collect()
    };
    let mut out = vec![Input::Globals];
    match job.kind {
        Kind::Home => {
            out.push(Input::Latest);
            out.extend(summaries(&site.latest));
        }
        Kind::Report(i) => {
            let (d, y) = key(i);
            out.push(Input::Report(d.clone(), y));
            if notices {
                // Published findings (crate::notices) compare a report with the year before.
                out.extend(site.departments[site.reports[i].department_index].reports.iter().filter_map(|&r| {
                    let (d, ry) = key(r);
                    (ry < y).then_some(Input::Report(d, ry))
                }));
            }
            out.push(Input::Department(d));
            out.extend(summaries(&site.departments[site.reports[i].department_index].reports));
        }
        Kind::Department(i) => {
            out.push(Input::Department(site.departments[i].id.to_string()));
            out.extend(summaries(&site.departments[i].reports));
            // The comparison (crate::site::compare) shows every target and indicator of every year.
            out.extend(site.departments[i].reports.iter().map(|&r| {
                let (d, y) = key(r);
                Input::Report(d, y)
            }));
        }
        Kind::Year(i) => {
            out.push(Input::Year(site.years[i].year));
            out.extend(summaries(&site.years[i].reports));
            // The side-by-side table (crate::site::compare) shows 基本/项目支出 of each report.
            out.extend(site.years[i].reports.iter().map(|&r| {
                let (d, y) = key(r);
                Input::Report(d, y)
            }));
        }
        Kind::Page(i) => out.push(Input::Page(site.pages[i].slug.clone())),
        // The report against its snapshot (the snapshots themselves change only with a full rebuild).
        Kind::Changes(i) => {
            let (d, y) = key(i);
            out.push(Input::Report(d.clone(), y));
            out.push(Input::Department(d));
        }
        Kind::NotFound => {}
        Kind::Sitemap => {
            out.push(Input::Everything);
            out.push(Input::Published);
        }
        // An indicator page shows the department's history: any of its reports.
        Kind::Indicators(i) => {
            out.push(Input::Department(site.departments[i].id.to_string()));
            out.extend(site.departments[i].reports.iter().map(|&r| {
                let (d, y) = key(r);
                Input::Report(d, y)
            }));
        }
        // Any other page (the archive index, search): whenever anything changed.
        #[allow(unreachable_patterns)]
        _ => out.push(Input::Everything),
    }
    out
}

/// Names of the templates `source` extends, includes or imports (string literals in those
/// tags); `None` when a tag names its template by an expression, so anything may be read.
fn referenced_templates(source: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("%}") else { break };
        let tag = after[..end].trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
        rest = &after[end + 2..];
        let word = tag.split_whitespace().next().unwrap_or("");
        if !matches!(word, "extends" | "include" | "import") {
            continue;
        }
        let args = &tag[word.len()..];
        let mut found = false;
        let mut i = 0;
        while i < args.len() {
            let c = args.as_bytes()[i];
            if matches!(c, b'"' | b'\'' | b'`') {
                let Some(len) = args[i + 1..].find(c as char) else { break };
                out.push(args[i + 1..i + 1 + len].to_string());
                found = true;
                i += len + 2;
            } else {
                i += 1;
            }
        }
        if !found {
            return None;
        }
    }
    Some(out)
}

/// For each template of the theme, every template it reads, itself included, transitively.
fn template_closures(theme: &Theme) -> BTreeMap<String, BTreeSet<String>> {
    let all: BTreeSet<String> = theme.templates.iter().map(|(n, _)| n.clone()).collect();
    let direct: BTreeMap<&str, Option<Vec<String>>> =
        theme.templates.iter().map(|(n, s)| (n.as_str(), referenced_templates(s))).collect();
    let mut out = BTreeMap::new();
    for (name, _) in &theme.templates {
        let mut seen = BTreeSet::new();
        let mut todo = vec![name.clone()];
        while let Some(t) = todo.pop() {
            if !seen.insert(t.clone()) {
                continue;
            }
            match direct.get(t.as_str()) {
                Some(Some(refs)) => todo.extend(refs.iter().cloned()),
                // Names its templates by an expression: could read any of them.
                Some(None) => seen.extend(all.iter().cloned()),
                None => {}
            }
        }
        out.insert(name.clone(), seen);
    }
    out
}

/// Every page of the site with the templates and data it reads, in plan order.
pub fn page_plans(site: &Site, root: &Path, options: &RenderOptions) -> Result<Vec<PagePlan>, Diagnostics> {
    let cfg = &site.content.site;
    let theme = Theme::load(root, cfg.theme(), cfg.language())?;
    Ok(plans(site, &theme, &jobs_for(site, &theme, options).1, options.notices.is_some()))
}

fn plans(site: &Site, theme: &Theme, jobs: &[Job], notices: bool) -> Vec<PagePlan> {
    let closures = template_closures(theme);
    jobs.iter()
        .map(|job| PagePlan {
            path: job.path.clone(),
            templates: closures.get(job.kind.template()).cloned().unwrap_or_default(),
            inputs: inputs(site, job, notices),
        })
        .collect()
}

/// Renders the pages `filter` selects, plus the theme's static files; every other page of the
/// plan is handed to `staging` with [`Staging::keep`], so it stays as it is in the output
/// folder, with its chart files (named in `charts`, from the previous call's
/// [`RenderStats::charts`]; drawn only to learn their names when a page is not there). Selecting
/// every page is the same as [`render`](super::render).
pub fn render_some(
    site: &Site,
    root: &Path,
    staging: &Staging,
    options: &RenderOptions,
    filter: &(dyn Fn(&PagePlan) -> bool + Sync),
    charts: &HashMap<String, Vec<String>>,
) -> Result<RenderStats, Diagnostics> {
    let cfg = &site.content.site;
    let theme = Theme::load(root, cfg.theme(), cfg.language())?;
    let (options, jobs) = jobs_for(site, &theme, options);
    let page_plans = plans(site, &theme, &jobs, options.notices.is_some());
    // `filter` is asked once per page, before the shared values are prepared: after an edit
    // only what the pages to render read (and the kept pages whose chart files are not known)
    // is, not every report's summary and every department's comparisons and charts.
    let selected: Vec<bool> = page_plans.par_iter().map(filter).collect();
    let scope = if selected.iter().all(|&s| s) {
        Scope::all(site)
    } else {
        Scope::of(site, jobs.iter().zip(&selected).filter(|(job, s)| **s || !charts.contains_key(&job.path)).map(|(job, _)| job))
    };
    let env = Env::new(&theme, site, &options, &scope, indicator_urls(&jobs))?;
    // Per page: whether it was rendered (else kept), and its chart files.
    type Rendered = Result<(bool, Vec<String>), Vec<Diagnostic>>;
    let results: Vec<Rendered> = jobs
        .par_iter()
        .zip(selected.par_iter())
        .map(|(job, &selected)| {
            if selected {
                Ok((true, env.render_into(site, job, staging)?))
            } else {
                staging.keep(job.path.clone()).map_err(|d| vec![d])?;
                let names = match charts.get(&job.path) {
                    Some(names) => names.clone(),
                    None => env.chart_files(site, job).into_iter().map(|(path, _)| path).collect(),
                };
                for path in &names {
                    staging.keep(path.clone()).map_err(|d| vec![d])?;
                }
                Ok((false, names))
            }
        })
        .collect();
    let mut stats = RenderStats::default();
    let mut errors = Vec::new();
    for (r, job) in results.into_iter().zip(&jobs) {
        match r {
            Ok((rendered, names)) => {
                if rendered {
                    stats.rendered += 1;
                } else {
                    stats.kept += 1;
                }
                if !names.is_empty() {
                    stats.charts.insert(job.path.clone(), names);
                }
            }
            Err(e) => errors.push(e),
        }
    }
    collect_errors(errors)?;
    theme.stage_assets(staging)?;
    drop(env);
    stats.pages = Some(Pages::new(site, jobs, page_plans, options.notices.is_some()));
    Ok(stats)
}

/// Renders the pages `selected` (indices into `pages`, which must still fit the site:
/// [`Pages::still_fit`]) into a staging area that keeps every other file
/// ([`Staging::update`]), plus the theme's static files, preparing only the data those pages
/// read. `charts` (the chart files of each page, from the last render) is brought up to date:
/// a chart a page no longer has is removed. `pages` is planned again where the data changed
/// what a page reads. The result is the same as [`render_some`] selecting those pages.
pub fn render_pages(
    site: &Site,
    root: &Path,
    staging: &Staging,
    options: &RenderOptions,
    pages: &mut Pages,
    selected: &[usize],
    charts: &mut HashMap<String, Vec<String>>,
) -> Result<RenderStats, Diagnostics> {
    debug_assert!(staging.keeps_unlisted());
    let cfg = &site.content.site;
    let theme = Theme::load(root, cfg.theme(), cfg.language())?;
    let options = options_for(&theme, options);
    let jobs: Vec<&Job> = selected.iter().map(|&i| &pages.jobs[i]).collect();
    let env = Env::new(&theme, site, &options, &Scope::of(site, jobs.iter().copied()), pages.indicators.iter().flatten().cloned().collect())?;
    let results: Vec<Result<Vec<String>, Vec<Diagnostic>>> = jobs
        .par_iter()
        .map(|job| env.render_into(site, job, staging))
        .collect();
    let mut errors = Vec::new();
    for (r, job) in results.into_iter().zip(&jobs) {
        match r {
            Ok(names) => {
                for old in charts.get(&job.path).into_iter().flatten() {
                    if !names.contains(old) {
                        staging.remove(old);
                    }
                }
                if names.is_empty() {
                    charts.remove(&job.path);
                } else {
                    charts.insert(job.path.clone(), names);
                }
            }
            Err(e) => errors.push(e),
        }
    }
    collect_errors(errors)?;
    theme.stage_assets(staging)?;
    drop(env);
    pages.replan(site, selected);
    Ok(RenderStats { rendered: selected.len(), kept: pages.len() - selected.len(), charts: HashMap::new(), pages: None })
}

/// The same template error usually breaks many pages: reports it once, naming the first page
/// and how many others it broke (as a full render does).
fn collect_errors(failed: Vec<Vec<Diagnostic>>) -> Result<(), Diagnostics> {
    let mut errors: BTreeMap<(String, Option<Location>, crate::messages::Text), (Diagnostic, usize)> = BTreeMap::new();
    for d in failed.into_iter().flatten() {
        let key = (d.position(), d.location, d.message.clone());
        errors.entry(key).and_modify(|(_, n)| *n += 1).or_insert((d, 1));
    }
    if errors.is_empty() {
        return Ok(());
    }
    let mut diags = Diagnostics::default();
    for (_, (mut d, n)) in errors {
        if n > 1 && let Some(h) = d.hint.take() {
            d.hint = Some(crate::messages::and_more_pages(&h, n - 1));
        }
        diags.push(d);
    }
    diags.sort();
    Err(diags)
}

/// A hash of the data `input` denotes in `site`, to tell whether an edit changed it; `None`
/// for an input that is not in the site (a removed report) or that is not hashed
/// ([`Input::Report`]: re-render whenever its file changed; [`Input::Everything`]: whenever
/// anything changed).
pub fn fingerprint(site: &Site, input: &Input) -> Option<u64> {
    let found = match input {
        Input::Summary(dept, year) => Found::Summary(site.reports.iter().position(|r| r.summary.department == dept && r.summary.year == *year)?),
        Input::Department(id) => Found::Department(site.departments.iter().position(|d| d.id == id)?),
        Input::Year(year) => Found::Year(site.years.iter().position(|y| y.year == *year)?),
        Input::Page(slug) => Found::Page(site.pages.iter().position(|p| &p.slug == slug)?),
        Input::Globals => Found::Globals,
        Input::Latest => Found::Latest,
        Input::Published => Found::Published,
        Input::Report(..) | Input::Everything => return None,
    };
    Some(hash_of(site, found))
}

/// The fingerprint of every input of `site` that is hashed (see [`fingerprint`]), each found
/// by its index: looking each one up by its key, as one edit's inputs are, made this
/// quadratic in the number of reports (minutes at 100,000).
pub fn all_fingerprints(site: &Site) -> HashMap<Input, u64> {
    let mut all = vec![(Input::Globals, Found::Globals), (Input::Latest, Found::Latest), (Input::Published, Found::Published)];
    all.extend(site.reports.iter().enumerate().map(|(i, r)| (Input::Summary(r.summary.department.to_string(), r.summary.year), Found::Summary(i))));
    all.extend(site.departments.iter().enumerate().map(|(i, d)| (Input::Department(d.id.to_string()), Found::Department(i))));
    all.extend(site.years.iter().enumerate().map(|(i, y)| (Input::Year(y.year), Found::Year(i))));
    all.extend(site.pages.iter().enumerate().map(|(i, p)| (Input::Page(p.slug.clone()), Found::Page(i))));
    all.into_iter().map(|(input, found)| (input, hash_of(site, found))).collect()
}

/// A hashed [`Input`] found in the site: by index into its list.
#[derive(Clone, Copy)]
enum Found {
    Globals,
    Summary(usize),
    Department(usize),
    Year(usize),
    Latest,
    Page(usize),
    Published,
}

/// The hash of what `found` denotes in `site`.
fn hash_of(site: &Site, found: Found) -> u64 {
    let mut h = HashWriter(DefaultHasher::new());
    let mut put = |v: &dyn erased::Ser| v.write_to(&mut h);
    match found {
        Found::Globals => {
            put(&site.drafts);
            for d in &site.departments {
                put(d);
                let years: Vec<u16> = d.reports.iter().map(|&i| site.reports[i].summary.year).collect();
                put(&years);
            }
            put(&site.years);
            put(&site.pages);
        }
        Found::Summary(i) => put(&site.reports[i].summary),
        Found::Department(i) => {
            let d = &site.departments[i];
            put(d);
            let keys: Vec<u16> = d.reports.iter().map(|&i| site.reports[i].summary.year).collect();
            put(&keys);
        }
        Found::Year(i) => {
            let y = &site.years[i];
            put(y);
            let keys: Vec<&str> = y.reports.iter().map(|&i| site.reports[i].summary.department).collect();
            put(&keys);
        }
        Found::Latest => {
            let keys: Vec<(&str, u16)> =
                site.latest.iter().map(|&i| (site.reports[i].summary.department, site.reports[i].summary.year)).collect();
            put(&keys);
        }
        Found::Page(i) => put(site.pages[i]),
        Found::Published => {
            for r in &site.reports {
                put(&(r.summary.department, r.summary.year, r.summary.draft, r.summary.published));
            }
        }
    }
    h.0.finish()
}

/// Feeds serialized JSON into a hasher.
struct HashWriter(DefaultHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

mod erased {
    /// A serializable value behind a reference, written as JSON into a hasher.
    pub(super) trait Ser {
        fn write_to(&self, w: &mut super::HashWriter);
    }
    impl<T: serde::Serialize + ?Sized> Ser for T {
        fn write_to(&self, w: &mut super::HashWriter) {
            // Serializing derived site data cannot fail (no maps with non-string keys).
            let _ = serde_json::to_writer(&mut *w, self);
            std::io::Write::write_all(w, b"\x1e").ok();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_extends_includes_and_imports() {
        let src = r#"{% extends "base.html" %}{%- include "partials/a.html" -%}{% import "macros.html" as m %}{{ x }}"#;
        assert_eq!(referenced_templates(src).unwrap(), vec!["base.html", "partials/a.html", "macros.html"]);
        assert_eq!(referenced_templates("{% include name %}"), None);
        assert_eq!(referenced_templates("{% if a %}{% endif %}").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn every_fingerprint_is_the_one_of_its_input() {
        let content = crate::load::load(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("the example loads");
        let site = Site::new(&content, true);
        let all = all_fingerprints(&site);
        let (reports, departments, years, pages) = (site.reports.len(), site.departments.len(), site.years.len(), site.pages.len());
        assert!(reports > 1 && departments > 1 && years > 1 && pages > 0);
        assert_eq!(all.len(), 3 + reports + departments + years + pages);
        for (input, hash) in &all {
            assert_eq!(fingerprint(&site, input), Some(*hash), "{input:?}");
        }
        // Distinct inputs of one kind do not share a hash.
        let summaries: HashSet<u64> = all.iter().filter(|(i, _)| matches!(i, Input::Summary(..))).map(|(_, h)| *h).collect();
        assert_eq!(summaries.len(), reports);
    }
}
