//! Renders the derived [`Site`] into files with the theme's Tera templates.
//!
//! One Tera environment is built from the theme (see [`theme`]), with autoescape on for `.html`
//! and `.xml` and jixiao's filters and functions (see [`filters`]). Content is always data passed
//! in the context, never template source. Pages are rendered in parallel (rayon); the result is
//! sorted by path, so the output is the same whatever the scheduling.
//!
//! URLs are pretty (`huangpu/2022/` is `huangpu/2022/index.html`). Every internal link a template
//! writes is `{{ root }}` followed by a site-relative URL: `root` is the relative prefix from the
//! page to the site root (`./`, `../`, `../../`), computed by [`relative_root`] alone, so the
//! site works from any sub-path. Only `<link rel="canonical">` and `sitemap.xml` use `base_url`.
//! The 404 page is served at any depth, so its `root` is the absolute path of `base_url`
//! (`/` or `/jixiao/`): its links lead to the live site even from a snapshot folder.
//!
//! Not here: writing files (that is `output`) and deriving figures (that is `site`).

mod assets;
mod describe;
mod extras;
mod filters;
mod fold;
mod markdown;
mod incremental;
mod timing;
mod overrides;
mod sitemap;
mod theme;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages::Text;
use crate::output::{OutputFile, Staging};
use crate::site::Site;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use tera::{Context, ErrorKind, Tera, Value};
pub(crate) use theme::Theme;

pub use filters::{date, date_in, money, num, percent};
pub use incremental::{Input, PagePlan, Pages, RenderStats, all_fingerprints, fingerprint, page_plans, render_pages, render_some};
pub use timing::{KindTimes, RenderTimes};

/// What a render needs beyond the site itself: whether it is a yearly snapshot, and the
/// snapshots the live site lists (see [`crate::archive`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions<'a> {
    /// Render the snapshot of this year: `site.snapshot` (year, live site's address) makes every
    /// page show the snapshot banner. The site's `base_url` is then the snapshot's own address
    /// (`<live>/archive/<year>/`, set by [`crate::build`]), so absolute URLs name the snapshot.
    pub snapshot: Option<u16>,
    /// Live site: the snapshots to list on `archive/index.html` (rendered when `Some`, even
    /// empty) and to link from the report pages they hold.
    pub archive: Option<&'a [crate::archive::SnapshotInfo]>,
    /// Files offered for download (see [`crate::data`]), by the URL of the page that links to
    /// them; a page sees its list as `downloads` (empty when none).
    pub downloads: Option<&'a BTreeMap<String, Vec<crate::data::Download>>>,
    /// Consistency findings by report source file, shown on report pages as
    /// `check_notices` (`site.yaml` `check: {publish: true}`); `None` when not published.
    pub notices: Option<&'a crate::notices::Notices>,
    /// Gathers the render time of each page kind when `Some` (`jixiao build --timings`).
    pub timings: Option<&'a RenderTimes>,
}

/// Every file of the default theme embedded in the binary (`themes/default`), by path
/// relative to the theme folder: what `jixiao init` copies into a new site.
pub fn default_theme_files() -> &'static [(&'static str, &'static [u8])] {
    theme::DEFAULT_THEME
}

/// Diagnostic code of a template error.
pub const E_TEMPLATE: &str = "E0301";

/// The relative prefix from the page written at `path` (`huangpu/2022/index.html`) to the site
/// root: `./` at the root, else one `../` per folder.
pub fn relative_root(path: &str) -> String {
    let depth = path.matches('/').count();
    if depth == 0 { "./".to_string() } else { "../".repeat(depth) }
}

/// The absolute path part of a base URL: `https://x.gov.cn/jixiao/` → `/jixiao/`.
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    format!("/{}/", path.trim_matches('/')).replace("//", "/")
}

/// What kind of page, and which one.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Home,
    Report(usize),
    Department(usize),
    Year(usize),
    Page(usize),
    NotFound,
    Sitemap,
    /// `archive/index.html`: the yearly snapshots.
    Archive,
    /// `<dept>/indicators/`: every target and indicator of department `.0` across years (see
    /// [`crate::site::compare::MeasureHistory`]).
    Indicators(usize),
    /// `search/index.html`: the full-text search page (see [`crate::search`]).
    Search,
    /// `<dept>/<year>/changes/`: the report against the snapshot of its year (see
    /// [`crate::site::changes`]); planned for every report a snapshot holds.
    Changes(usize),
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Home => "home",
            Kind::Report(_) => "report",
            Kind::Department(_) => "department",
            Kind::Year(_) => "year",
            Kind::Page(_) => "page",
            Kind::NotFound => "404",
            Kind::Sitemap => "sitemap",
            Kind::Archive => "archive",
            Kind::Indicators(_) => "indicator",
            Kind::Search => "search",
            Kind::Changes(_) => "changes",
        }
    }

    /// The page as [`crate::site::compare`] sees it.
    fn compare_page(self) -> extras::Page {
        use extras::Page;
        match self {
            Kind::Department(i) => Page::Department(i),
            Kind::Year(i) => Page::Year(i),
            Kind::Report(i) => Page::Report(i),
            Kind::Indicators(d) => Page::Indicators(d),
            _ => Page::Other,
        }
    }

    fn template(self) -> &'static str {
        match self {
            Kind::Home => "index.html",
            Kind::Report(_) => "report.html",
            Kind::Department(_) => "department.html",
            Kind::Year(_) => "year.html",
            Kind::Page(_) => "page.html",
            Kind::NotFound => "404.html",
            Kind::Sitemap => "sitemap.xml",
            Kind::Archive => "archive.html",
            Kind::Indicators(_) => "indicator.html",
            Kind::Search => "search.html",
            Kind::Changes(_) => "changes.html",
        }
    }
}

/// One page to render.
#[derive(Debug, Clone)]
struct Job {
    kind: Kind,
    /// Output path, e.g. `huangpu/2022/index.html`.
    path: String,
    /// Site-relative URL, e.g. `huangpu/2022/`.
    url: String,
}

/// `page` in every template's context.
#[derive(Serialize)]
struct PageInfo<'a> {
    /// home, report, department, year, page, 404, sitemap.
    kind: &'static str,
    /// Output file, e.g. `huangpu/2022/index.html`.
    path: &'a str,
    /// Site-relative URL, e.g. `huangpu/2022/`.
    url: &'a str,
    /// Absolute URL for `<link rel="canonical">`; none for the 404 page.
    canonical: Option<String>,
    /// Whether the page shows fictional demonstration data.
    demo: bool,
    /// Whether the page shows a draft.
    draft: bool,
    /// What the page is about, in one line (see [`describe`]): its own, else the site's.
    description: Option<String>,
}

/// `site` in every template's context.
#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    base_url: String,
    language: &'a str,
    publisher: &'a str,
    description: Option<&'a str>,
    /// Whether drafts are being built.
    drafts: bool,
    /// Set when this is a yearly snapshot: pages show a banner linking to the live site.
    snapshot: Option<SnapshotBanner>,
    /// Whether the site has the `archive/` index (live site only).
    archive: bool,
    /// `branding:` of site.yaml (an empty one when absent), see [`crate::model::Branding`].
    branding: crate::model::Branding,
    /// The branding colours as CSS custom properties (`:root{--brand:#8b1a1a;}`), or empty.
    brand_css: String,
}

/// `site.snapshot`: which year's snapshot this is, and the live site's address.
#[derive(Serialize)]
struct SnapshotBanner {
    year: u16,
    live_url: String,
}

/// An entry of `archived_in` on a report page: a snapshot holding this report.
#[derive(Serialize)]
struct ArchivedCopy {
    year: u16,
    date: String,
    /// Site-relative URL of the report inside the snapshot: `archive/2022/huangpu/2022/`.
    url: String,
}

/// `corrections` on a report page and its changes page: the report's corrections (更正说明) with
/// the fields each names in the reader's words.
#[derive(Serialize)]
struct CorrectionView<'a> {
    /// Anchor on the report page (`correction-2023-06-01`), also the feed entry's fragment.
    id: String,
    date: &'a str,
    /// Markdown.
    text: &'a str,
    fields: Vec<FieldName>,
}

/// A field a correction names: its path and what the page calls it.
#[derive(Serialize)]
struct FieldName {
    field: String,
    label: String,
}

/// `changes` on a report page (only when the report differs from its snapshot) and on its
/// changes page: the snapshot compared with, and every difference.
#[derive(Serialize)]
struct SnapshotChanges {
    year: u16,
    /// The day the snapshot was made.
    date: String,
    /// Site-relative URL of the report inside the snapshot: `archive/2022/huangpu/2022/`.
    snapshot_url: String,
    /// Site-relative URL of the changes page: `huangpu/2022/changes/`.
    url: String,
    /// Whether the snapshot's copy could be read and compared (`check` says why not: J702).
    readable: bool,
    /// Differences in figures, then in text, each in the order of the page.
    figures: Vec<crate::site::changes::ChangeView>,
    texts: Vec<crate::site::changes::ChangeView>,
    /// How many differences in all.
    count: usize,
}

/// The corrections of a report as the page shows them.
fn correction_views<'a>(report: &'a crate::model::Report, strings: &crate::strings::Strings) -> Vec<CorrectionView<'a>> {
    use crate::site::changes::{correction_anchor, field_label};
    (0..report.corrections.len())
        .map(|i| {
            let c = &report.corrections[i];
            let fields = c.fields.iter().map(|f| FieldName { field: f.clone(), label: field_label(report, f, strings) }).collect();
            CorrectionView { id: correction_anchor(&report.corrections, i), date: &c.date, text: &c.text, fields }
        })
        .collect()
}

/// Report `i` against the snapshot of its year, when one holds it.
fn snapshot_changes(site: &Site, i: usize, snapshots: &[crate::archive::SnapshotInfo], strings: &crate::strings::Strings) -> Option<SnapshotChanges> {
    let r = &site.reports[i];
    let (department, year) = (r.summary.department, r.summary.year);
    let snapshot = crate::archive::snapshot_of(snapshots, department, year)?;
    let old = snapshot.report(department, year).ok().flatten();
    let (figures, texts): (Vec<_>, Vec<_>) = match &old {
        Some(old) => crate::site::changes::views(old, r.report, strings).into_iter().partition(|v| v.change.figure),
        None => (Vec::new(), Vec::new()),
    };
    Some(SnapshotChanges {
        year: snapshot.year,
        date: snapshot.date.clone(),
        snapshot_url: format!("{}{}", snapshot.url, r.summary.url),
        url: format!("{}changes/", r.summary.url),
        readable: old.is_some(),
        count: figures.len() + texts.len(),
        figures,
        texts,
    })
}

/// An entry of `pages` (free pages) in every template's context.
#[derive(Serialize)]
struct PageLink<'a> {
    slug: &'a str,
    url: String,
    title: &'a str,
    description: Option<&'a str>,
    draft: bool,
}

/// The UI string of a year in the navigation (`YearLink::label`).
const NAV_YEAR_KEY: &str = "nav.year";

/// An entry of `years` in every template's context.
#[derive(Serialize)]
struct YearLink<'a> {
    year: u16,
    url: &'a str,
    count: usize,
    /// The year as the navigation names it (`nav.year`), filled once here: the header of every
    /// page lists every year, and a `t()` call per year per page added up.
    label: String,
}

/// An entry of `departments` in every template's context.
#[derive(Serialize)]
struct DepartmentLink<'a> {
    id: &'a str,
    url: &'a str,
    name: &'a str,
    full_name: &'a str,
    region: Option<&'a str>,
    demo: bool,
    /// Reports published, and their years newest first.
    report_count: usize,
    years: Vec<u16>,
}

/// Templates Tera escapes what they print in: `.html` and `.xml`.
const AUTOESCAPED: [&str; 2] = [".html", ".xml"];

/// The environment: templates, filters, and the context every page shares.
struct Env<'t> {
    tera: Tera,
    theme: &'t Theme,
    /// The templates as Tera compiled them, to locate its errors in the theme's files.
    folded: BTreeMap<String, fold::Folded>,
    base_url: String,
    base_path: String,
    /// Every report summary and department as a Tera value, built once and shared (cheaply
    /// cloned) by every page that lists them; only those in the [`Scope`] (the others are
    /// undefined, which [`Env::summary`] and [`Env::department`] refuse).
    summaries: Vec<Value>,
    departments: Vec<Value>,
    /// Live site: snapshots holding each report page, by the report's URL.
    archived: std::collections::HashMap<String, Value>,
    /// Live site: the snapshots, for `archive/index.html`.
    snapshots: Value,
    /// Downloads offered by each page, by page URL (see [`crate::data`]); each page reads
    /// its own list only, so it is made a Tera value when that page is rendered.
    downloads: Option<&'t BTreeMap<String, Vec<crate::data::Download>>>,
    /// Published consistency findings by report source file (see [`crate::notices`]);
    /// `None` unless `site.yaml` says `check: {publish: true}`. Read by the report's page only.
    notices: Option<&'t crate::notices::Notices>,
    /// Where the pages' render times go, if gathered.
    timings: Option<&'t RenderTimes>,
    /// Comparisons, indicator pages and charts (see [`crate::site::compare`]).
    extras: extras::Extras,
    /// URLs of the indicator pages, as planned: the sitemap lists them (computing them again
    /// would read every report).
    indicator_urls: Vec<String>,
    /// Live site: each report in scope that a snapshot of its year holds, against that
    /// snapshot, by report index (read and compared once per render, in parallel).
    /// Each as the number of differences and the template value.
    changes: std::collections::HashMap<usize, (usize, Value)>,
}

/// What an [`Env`] prepares the shared values of: the reports whose summaries and the
/// departments whose profiles and comparisons the pages to render read. A full render needs
/// all of them; a rebuild after one edit the few its pages read ([`Scope::of`]).
struct Scope {
    reports: Vec<bool>,
    departments: Vec<bool>,
}

impl Scope {
    fn all(site: &Site) -> Scope {
        Scope { reports: vec![true; site.reports.len()], departments: vec![true; site.departments.len()] }
    }

    /// What `jobs` read (see [`Env::context`] and [`extras::Extras`]).
    fn of<'j>(site: &Site, jobs: impl Iterator<Item = &'j Job>) -> Scope {
        let mut scope = Scope { reports: vec![false; site.reports.len()], departments: vec![false; site.departments.len()] };
        let mut reports = |ids: &[usize]| ids.iter().for_each(|&i| scope.reports[i] = true);
        let mut departments = Vec::new();
        for job in jobs {
            match job.kind {
                Kind::Home => reports(&site.latest),
                Kind::Report(i) => {
                    let d = site.reports[i].department_index;
                    reports(&site.departments[d].reports);
                    departments.push(d);
                }
                Kind::Department(d) | Kind::Indicators(d) => {
                    reports(&site.departments[d].reports);
                    departments.push(d);
                }
                Kind::Year(y) => reports(&site.years[y].reports),
                Kind::Changes(i) => {
                    reports(&[i]);
                    departments.push(site.reports[i].department_index);
                }
                Kind::Page(_) | Kind::NotFound | Kind::Sitemap | Kind::Archive | Kind::Search => {}
            }
        }
        for d in departments {
            scope.departments[d] = true;
        }
        scope
    }
}

impl<'t> Env<'t> {
    fn new(theme: &'t Theme, site: &Site, options: &RenderOptions<'t>, scope: &Scope, indicator_urls: Vec<String>) -> Result<Env<'t>, Diagnostics> {
        let mut tera = Tera::new();
        tera.autoescape_on(AUTOESCAPED);
        let strings = Arc::new(theme.strings.clone());
        filters::register(&mut tera, strings, theme.i18n_file.to_string_lossy().replace('\\', "/"));
        assets::register(&mut tera, &theme.assets);

        // A key a template names literally must exist, whether or not that branch renders.
        let mut diags = Diagnostics::default();
        let missing_key = |key: &str, at: &Path| {
            let file = theme.i18n_file.display().to_string();
            Diagnostic::error(theme::E_I18N, at, crate::messages::ui_string_missing(key, &file))
                .hint(crate::messages::ui_string_missing_hint(key, &file))
        };
        // A key jixiao puts in words itself (below) is not reported again once a template
        // that names it has been.
        let mut reported = std::collections::BTreeSet::new();
        for (name, source) in &theme.templates {
            for (key, loc) in theme::literal_keys(source) {
                let known = theme.strings.contains_key(&key) || {
                    // `i18n.status` may name a group, indexed at render time.
                    let prefix = format!("{key}.");
                    theme.strings.range(prefix.clone()..).next().is_some_and(|(k, _)| k.starts_with(&prefix))
                };
                if !known {
                    diags.push(missing_key(&key, &theme.template_path(name)).at(loc, source));
                    reported.insert(key);
                }
            }
        }
        // Keys jixiao fills in itself, for words it puts in the context ready-made.
        for key in crate::site::compare::Labels::KEYS.into_iter().chain([NAV_YEAR_KEY]) {
            if !theme.strings.contains_key(key) && !reported.contains(key) {
                diags.push(missing_key(key, &theme.i18n_file));
            }
        }
        // UI-string prints become text before Tera compiles the templates (see `fold`).
        let folded: BTreeMap<String, fold::Folded> = theme
            .templates
            .iter()
            .map(|(n, s)| (n.clone(), fold::fold(s, &theme.strings, AUTOESCAPED.iter().any(|x| n.ends_with(x)))))
            .collect();
        if let Err(e) = tera.add_raw_templates(folded.iter().map(|(n, f)| (n.as_str(), f.source.as_str()))) {
            diags.0.extend(template_error(theme, &folded, &e, None));
        }
        for kind in [
            Kind::Home,
            Kind::Report(0),
            Kind::Department(0),
            Kind::Year(0),
            Kind::Page(0),
            Kind::NotFound,
            Kind::Sitemap,
        ] {
            if theme.template_source(kind.template()).is_none() {
                diags.push(Diagnostic::error(
                    E_TEMPLATE,
                    theme.template_path(kind.template()),
                    crate::messages::no_template(kind.template(), kind.name()),
                ));
            }
        }
        let cfg = &site.content.site;
        if let Some(logo) = cfg.branding.as_ref().and_then(|b| b.logo.as_deref())
            && !theme.assets.iter().any(|(p, _)| p == logo)
        {
            diags.push(
                Diagnostic::error(crate::branding::E_BRANDING, "content/site.yaml", crate::messages::logo_missing(logo))
                    .field("branding.logo")
                    .hint(crate::messages::BAD_LOGO_HINT),
            );
        }
        if !diags.is_empty() {
            diags.sort();
            return Err(diags);
        }

        // In a snapshot, `build` has already set base_url to the snapshot's own address
        // (`<live>/archive/<year>/`); the banner links to the live site.
        let base_url = cfg.base_url();
        let live_url = match options.snapshot {
            Some(year) => base_url.strip_suffix(&format!("{}/{year}/", crate::archive::ARCHIVE_DIR)).unwrap_or(&base_url).to_string(),
            None => base_url.clone(),
        };
        let globals = tera.global_context();
        globals.insert(
            "site",
            &SiteInfo {
                title: &cfg.title,
                base_url: base_url.clone(),
                language: cfg.language(),
                publisher: &cfg.publisher,
                description: cfg.description.as_deref(),
                drafts: site.drafts,
                snapshot: options.snapshot.map(|year| SnapshotBanner { year, live_url: live_url.clone() }),
                archive: options.archive.is_some(),
                branding: cfg.branding.clone().unwrap_or_default(),
                brand_css: cfg.branding.as_ref().map(crate::branding::css_vars).unwrap_or_default(),
            },
        );
        let departments: Vec<DepartmentLink> = site
            .departments
            .iter()
            .map(|d| DepartmentLink {
                id: d.id,
                url: &d.url,
                name: d.name,
                full_name: &d.profile.name,
                region: d.profile.region.as_deref(),
                demo: d.demo,
                report_count: d.reports.len(),
                years: d.reports.iter().map(|&i| site.reports[i].summary.year).collect(),
            })
            .collect();
        globals.insert("departments", &departments);
        let nav_year = theme.strings.get(NAV_YEAR_KEY).map_or("{year}", String::as_str);
        let years: Vec<YearLink> = site
            .years
            .iter()
            .map(|y| YearLink { year: y.year, url: &y.url, count: y.count, label: crate::strings::fill(nav_year, &[("year", &y.year.to_string())]) })
            .collect();
        globals.insert("years", &years);
        let pages: Vec<PageLink> = site
            .pages
            .iter()
            .map(|p| PageLink {
                slug: &p.slug,
                url: format!("pages/{}/", p.slug),
                title: &p.meta.title,
                description: p.meta.description.as_deref(),
                draft: p.meta.draft,
            })
            .collect();
        globals.insert("pages", &pages);
        globals.insert_value("i18n", theme::nested_strings(&theme.strings));
        // Built in parallel: with 10,000 reports these are tens of thousands of values.
        let summaries = site
            .reports
            .par_iter()
            .zip(&scope.reports)
            .map(|(r, &wanted)| if wanted { Value::from_serializable(&r.summary) } else { Value::undefined() })
            .collect();
        let departments = site
            .departments
            .par_iter()
            .zip(&scope.departments)
            .map(|(d, &wanted)| if wanted { Value::from_serializable(d) } else { Value::undefined() })
            .collect();
        let snapshot_list = options.archive.unwrap_or_default();
        let mut archived: std::collections::HashMap<String, Vec<ArchivedCopy>> = std::collections::HashMap::new();
        for snap in snapshot_list {
            for page in &snap.pages {
                archived.entry(page.clone()).or_default().push(ArchivedCopy {
                    year: snap.year,
                    date: snap.date.clone(),
                    url: format!("{}{page}", snap.url),
                });
            }
        }
        let archived = archived.into_iter().map(|(k, v)| (k, Value::from_serializable(&v))).collect();
        let snapshots = Value::from_serializable(&snapshot_list);
        let changes = (0..site.reports.len())
            .into_par_iter()
            .filter(|&i| scope.reports[i] && !snapshot_list.is_empty())
            .filter_map(|i| snapshot_changes(site, i, snapshot_list, &theme.strings).map(|c| (i, (c.count, Value::from_serializable(&c)))))
            .collect();
        let extras = extras::Extras::for_departments(site, &theme.strings, &|d| scope.departments[d]);
        Ok(Env {
            tera,
            theme,
            folded,
            base_path: base_path(&base_url),
            base_url,
            summaries,
            departments,
            archived,
            snapshots,
            downloads: options.downloads,
            notices: options.notices,
            timings: options.timings,
            extras,
            indicator_urls,
            changes,
        })
    }

    /// The summary of report `i` as a Tera value; it must be in the [`Scope`] the environment
    /// was made for (a page outside it would show wrong data: refused even in release builds).
    fn summary(&self, i: usize) -> Value {
        let v = &self.summaries[i];
        assert!(!v.is_undefined(), "report {i} is outside the scope of this render");
        v.clone()
    }

    /// The profile of department `i` as a Tera value, which must be in the [`Scope`].
    fn department(&self, i: usize) -> Value {
        let v = &self.departments[i];
        assert!(!v.is_undefined(), "department {i} is outside the scope of this render");
        v.clone()
    }

    /// The context of one page.
    fn context(&self, site: &Site, job: &Job) -> Context {
        let mut ctx = Context::new();
        let summaries = |ids: &[usize]| -> Value { Value::from(ids.iter().map(|&i| self.summary(i)).collect::<Vec<_>>()) };
        let (mut demo, mut draft) = (false, false);
        match job.kind {
            Kind::Home => {
                ctx.insert_value("latest", summaries(&site.latest));
            }
            Kind::Report(i) => {
                let r = &site.reports[i];
                let d = &site.departments[r.department_index];
                demo = d.demo;
                draft = r.summary.draft;
                ctx.insert("report", r);
                ctx.insert_value("department", self.department(r.department_index));
                ctx.insert_value("other_years", summaries(&d.reports));
                ctx.insert("corrections", &correction_views(r.report, &self.theme.strings));
                // Linked only when the report differs from its snapshot.
                if let Some((_, c)) = self.changes.get(&i).filter(|(count, _)| *count > 0) {
                    ctx.insert_value("changes", c.clone());
                }
                let none = Value::from(Vec::<Value>::new());
                ctx.insert_value("archived_in", self.archived.get(&r.summary.url).cloned().unwrap_or(none));
                // `check_notices`: this report's findings, an empty list when it has none;
                // absent (`check_publish` false) unless site.yaml publishes them.
                ctx.insert("check_publish", &self.notices.is_some());
                let notices = self.notices.and_then(|m| m.get(r.source)).map(Value::from_serializable);
                ctx.insert_value("check_notices", notices.unwrap_or_else(|| Value::from(Vec::<Value>::new())));
            }
            Kind::Department(i) => {
                let d = &site.departments[i];
                demo = d.demo;
                ctx.insert_value("department", self.department(i));
                ctx.insert_value("reports", summaries(&d.reports));
            }
            Kind::Year(i) => {
                let y = &site.years[i];
                ctx.insert("year", y);
                ctx.insert_value("reports", summaries(&y.reports));
            }
            Kind::Page(i) => {
                let p = site.pages[i];
                draft = p.meta.draft;
                ctx.insert("free_page", p);
            }
            Kind::NotFound | Kind::Search => {}
            Kind::Changes(i) => {
                let r = &site.reports[i];
                demo = site.departments[r.department_index].demo;
                ctx.insert("report", r);
                ctx.insert_value("department", self.department(r.department_index));
                ctx.insert("corrections", &correction_views(r.report, &self.theme.strings));
                let none = || Value::from_serializable(&Option::<()>::None);
                ctx.insert_value("changes", self.changes.get(&i).map_or_else(none, |(_, c)| c.clone()));
            }
            Kind::Archive => {
                ctx.insert_value("snapshots", self.snapshots.clone());
            }
            // The URLs are put in by `render_sitemap`, which may cut them into parts.
            Kind::Sitemap => {}
            Kind::Indicators(i) => {
                demo = site.departments[i].demo;
                ctx.insert_value("department", self.department(i));
            }
        }
        let root = match job.kind {
            Kind::NotFound => self.base_path.clone(),
            _ => relative_root(&job.path),
        };
        let canonical = match job.kind {
            Kind::NotFound | Kind::Sitemap => None,
            _ => Some(format!("{}{}", self.base_url, job.url)),
        };
        let comparison = match job.kind {
            Kind::Indicators(d) => self.extras.indicator_comparison(site, d),
            _ => None,
        };
        let description = describe::describe(site, job.kind, &self.theme.strings, comparison.as_deref());
        ctx.insert(
            "page",
            &PageInfo { kind: job.kind.name(), path: &job.path, url: &job.url, canonical, demo, draft, description },
        );
        ctx.insert("root", &root);
        let downloads = self.downloads.and_then(|m| m.get(&job.url));
        ctx.insert_value("downloads", downloads.map(Value::from_serializable).unwrap_or_else(|| Value::from(Vec::<Value>::new())));
        ctx
    }

    /// The files a page writes beside itself: none (charts are inline, their download made by
    /// the theme's script). Kept as the interface `incremental` asks when it keeps a page.
    fn chart_files(&self, _site: &Site, _job: &Job) -> Vec<(String, Vec<u8>)> {
        Vec::new()
    }

    /// Renders one page into `staging`; the paths of other files it wrote (the sitemap's parts).
    fn render_into(&self, site: &Site, job: &Job, staging: &Staging) -> Result<Vec<String>, Vec<Diagnostic>> {
        if matches!(job.kind, Kind::Sitemap) {
            return self.render_sitemap(site, job, staging);
        }
        let mut clock = timing::Clock::start(job.kind.name(), self.timings);
        let file = self.render(site, job, &mut clock)?;
        staging.add(file.path, &file.bytes).map_err(|d| vec![d])?;
        clock.lap(timing::Phase::Files);
        Ok(Vec::new())
    }

    /// Renders `sitemap.xml`, or the sitemap's parts and their index when the site has more
    /// URLs than one sitemap may hold (see [`sitemap`]); the parts' paths.
    fn render_sitemap(&self, site: &Site, job: &Job, staging: &Staging) -> Result<Vec<String>, Vec<Diagnostic>> {
        let mut clock = timing::Clock::start(job.kind.name(), self.timings);
        let urls = sitemap::urls(site, &self.base_url, &self.indicator_urls);
        let parts = sitemap::parts(&urls, site.content.site.sitemap_max_urls());
        clock.lap(timing::Phase::Context);
        let mut render = |urls: &[sitemap::SitemapUrl], path: String| -> Result<(), Vec<Diagnostic>> {
            let mut ctx = self.context(site, job);
            ctx.insert("urls", urls);
            let mut bytes = Vec::with_capacity(urls.len() * 96 + 256);
            let rendered = self.tera.render_to(job.kind.template(), &ctx, &mut bytes);
            clock.lap(timing::Phase::Tera);
            rendered.map_err(|e| template_error(self.theme, &self.folded, &e, Some(&path)))?;
            let added = staging.add(path, &bytes).map_err(|d| vec![d]);
            clock.lap(timing::Phase::Files);
            added
        };
        if let [all] = parts[..] {
            render(all, job.path.clone())?;
            return Ok(Vec::new());
        }
        let mut paths = Vec::with_capacity(parts.len());
        for (i, part) in parts.iter().enumerate() {
            let path = sitemap::part_name(i + 1);
            render(part, path.clone())?;
            paths.push(path);
        }
        staging.add(job.path.clone(), &sitemap::index(&self.base_url, &parts)).map_err(|d| vec![d])?;
        Ok(paths)
    }

    fn render(&self, site: &Site, job: &Job, clock: &mut timing::Clock) -> Result<OutputFile, Vec<Diagnostic>> {
        markdown::begin_page();
        let mut ctx = self.context(site, job);
        clock.lap(timing::Phase::Context);
        self.extras.extend_context(site, job.kind.compare_page(), &mut ctx);
        clock.lap(timing::Phase::Extras);
        // Rendered straight into bytes: the output is written as bytes, so there is no need
        // to validate it as a String first.
        let mut bytes = Vec::with_capacity(64 * 1024);
        let rendered = self.tera.render_to(job.kind.template(), &ctx, &mut bytes);
        clock.lap(timing::Phase::Tera);
        match rendered {
            Ok(()) => Ok(OutputFile { path: job.path.clone(), bytes }),
            Err(e) => Err(template_error(self.theme, &self.folded, &e, Some(&job.path))),
        }
    }
}

/// The URLs of the indicator pages among `jobs`, in order.
fn indicator_urls(jobs: &[Job]) -> Vec<String> {
    jobs.iter().filter(|j| matches!(j.kind, Kind::Indicators(_))).map(|j| j.url.clone()).collect()
}

/// Every page of the site, in a fixed order.
fn plan(site: &Site) -> Vec<Job> {
    let mut jobs = Vec::with_capacity(site.reports.len() + site.departments.len() + site.years.len() + 8);
    let job = |kind, url: String| Job { kind, path: format!("{url}index.html"), url };
    jobs.push(job(Kind::Home, String::new()));
    for (i, r) in site.reports.iter().enumerate() {
        jobs.push(job(Kind::Report(i), r.summary.url.clone()));
    }
    // Each department page is followed by its indicator page, which reuses the values made for
    // it (see `compare::Extras`).
    let indicators = site.with_comparisons;
    for (i, d) in site.departments.iter().enumerate() {
        jobs.push(job(Kind::Department(i), d.url.clone()));
        if indicators && let Some(url) = crate::site::compare::indicator_page(site, i) {
            jobs.push(job(Kind::Indicators(i), url));
        }
    }
    for (i, y) in site.years.iter().enumerate() {
        jobs.push(job(Kind::Year(i), y.url.clone()));
    }
    for (i, p) in site.pages.iter().enumerate() {
        jobs.push(job(Kind::Page(i), format!("pages/{}/", p.slug)));
    }
    jobs.push(Job { kind: Kind::NotFound, path: "404.html".into(), url: "404.html".into() });
    jobs.push(Job { kind: Kind::Sitemap, path: "sitemap.xml".into(), url: "sitemap.xml".into() });
    jobs
}

/// Turns a Tera error into diagnostics naming the template file, line and column (jixiao's own
/// messages travel through Tera packed, see [`Text::pack`]).
fn template_error(theme: &Theme, folded: &BTreeMap<String, fold::Folded>, err: &tera::Error, page: Option<&str>) -> Vec<Diagnostic> {
    // Tera counts columns in the folded source; diagnostics show the theme's file.
    let column = |name: &str, line: usize, col: usize| folded.get(name).map_or(col, |f| f.original_column(line, col));
    let hint = page.map(crate::messages::while_rendering);
    let finish = |d: Diagnostic| match &hint {
        Some(h) => d.hint(h.clone()),
        None => d,
    };
    match err.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let name = r.filename();
            let span = r.span();
            let mut d = Diagnostic::error(E_TEMPLATE, theme.template_path(name), Text::unpack(r.message()));
            if span.start_line > 0 {
                let (start, end) = (column(name, span.start_line, span.start_col), column(name, span.end_line, span.end_col));
                let len = if span.end_line == span.start_line { end.saturating_sub(start) } else { 1 };
                let loc = Location { line: span.start_line, column: start + 1, len: len.max(1) };
                d = d.at(loc, theme.template_source(name).unwrap_or(""));
            }
            vec![finish(d)]
        }
        ErrorKind::MissingParent { current, parent } => vec![finish(Diagnostic::error(
            E_TEMPLATE,
            theme.template_path(current),
            crate::messages::missing_parent(parent),
        ))],
        ErrorKind::TemplateNotFound(name) => vec![finish(Diagnostic::error(
            E_TEMPLATE,
            theme.template_path(name),
            crate::messages::template_not_found(name),
        ))],
        ErrorKind::Msg(m) => reports_in_message(theme, folded, m).into_iter().map(finish).collect(),
        other => vec![finish(Diagnostic::error(E_TEMPLATE, theme.dir.join("templates"), Text::unpack(&other.to_string())))],
    }
}

/// Tera joins several located problems into one message (unknown filters, functions, blocks):
/// `error: Unknown filter `x`\n --> name:line:col\n ...`. Splits them into diagnostics.
fn reports_in_message(theme: &Theme, folded: &BTreeMap<String, fold::Folded>, message: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for chunk in message.split("\n\nerror: ").map(|c| c.trim_start_matches("error: ")) {
        let mut lines = chunk.lines();
        let text = Text::unpack(lines.next().unwrap_or(""));
        let located = lines.find_map(|l| l.trim_start().strip_prefix("--> ")).and_then(|pos| {
            let mut it = pos.rsplitn(3, ':');
            let col: usize = it.next()?.trim().parse().ok()?;
            let line: usize = it.next()?.trim().parse().ok()?;
            Some((it.next()?.to_string(), line, col))
        });
        let d = match located {
            Some((name, line, column)) => {
                // Tera prints 1-based columns of the folded source.
                let column = folded.get(&name).map_or(column, |f| f.original_column(line, column.saturating_sub(1)) + 1);
                Diagnostic::error(E_TEMPLATE, theme.template_path(&name), text).at(Location { line, column, len: 1 }, theme.template_source(&name).unwrap_or(""))
            }
            None => Diagnostic::error(E_TEMPLATE, theme.dir.join("templates"), Text::unpack(chunk)),
        };
        out.push(d);
    }
    out
}

/// Renders every page of the site, plus the theme's static files under `assets/`.
///
/// Each page goes to `staging` as soon as it is rendered, so the rendered site never sits in
/// memory as a whole.
pub fn render(site: &Site, root: &Path, staging: &Staging) -> Result<(), Diagnostics> {
    render_with(site, root, staging, &RenderOptions::default())
}

/// Every page to render with these options (and the options as this theme allows them): the
/// plan, plus the pages that exist only with some options or templates. Shared by
/// [`render_with`] and [`render_some`], so both render the same site.
fn jobs_for<'a>(site: &Site, theme: &Theme, options: &RenderOptions<'a>) -> (RenderOptions<'a>, Vec<Job>) {
    let options = options_for(theme, options);
    let mut jobs = plan(site);
    if options.archive.is_some() {
        jobs.push(Job { kind: Kind::Archive, path: "archive/index.html".into(), url: "archive/".into() });
    }
    // Each report a snapshot of its year holds has its changes page (a theme without
    // changes.html, made before corrections existed, builds a site without them).
    if let Some(snapshots) = options.archive.filter(|s| !s.is_empty())
        && theme.template_source(Kind::Changes(0).template()).is_some()
    {
        for (i, r) in site.reports.iter().enumerate() {
            if crate::archive::snapshot_of(snapshots, r.summary.department, r.summary.year).is_some() {
                let url = format!("{}changes/", r.summary.url);
                jobs.push(Job { kind: Kind::Changes(i), path: format!("{url}index.html"), url });
            }
        }
    }
    // A theme without search.html (made before search existed) builds a site without the page.
    if theme.template_source(Kind::Search.template()).is_some() {
        jobs.push(Job { kind: Kind::Search, path: "search/index.html".into(), url: "search/".into() });
    }
    (options, jobs)
}

/// The options as this theme allows them: a theme without archive.html (made before snapshots
/// existed) still builds a site that has none.
fn options_for<'a>(theme: &Theme, options: &RenderOptions<'a>) -> RenderOptions<'a> {
    let mut options = *options;
    if options.archive.is_some_and(|a| a.is_empty()) && theme.template_source(Kind::Archive.template()).is_none() {
        options.archive = None;
    }
    options
}

/// [`render`] as a yearly snapshot, or with the live site's archive index (see [`RenderOptions`]).
pub fn render_with(site: &Site, root: &Path, staging: &Staging, options: &RenderOptions) -> Result<(), Diagnostics> {
    render_with_theme(site, &load_theme(site, root)?, staging, options)
}

/// The theme of `site` (its `theme` and `language` in site.yaml), for [`render_with_theme`].
pub(crate) fn load_theme(site: &Site, root: &Path) -> Result<Theme, Diagnostics> {
    let cfg = &site.content.site;
    Theme::load(root, cfg.theme(), cfg.language())
}

/// [`render_with`] with the theme already loaded (a build loads it before the search stage,
/// which indexes the theme's words).
pub(crate) fn render_with_theme(site: &Site, theme: &Theme, staging: &Staging, options: &RenderOptions) -> Result<(), Diagnostics> {
    let (options, jobs) = jobs_for(site, theme, options);
    let options = &options;
    let env = Env::new(theme, site, options, &Scope::all(site), indicator_urls(&jobs))?;
    crate::progress::pages(jobs.len());
    let results: Vec<Result<(), Vec<Diagnostic>>> = jobs
        .par_iter()
        .map(|job| {
            crate::progress::page_done();
            env.render_into(site, job, staging).map(drop)
        })
        .collect();

    // The same template error usually breaks many pages: report it once, naming the first page
    // and how many others it broke.
    let mut errors: BTreeMap<(String, Option<Location>, Text), (Diagnostic, usize)> = BTreeMap::new();
    for r in results {
        match r {
            Ok(()) => {}
            Err(ds) => {
                for d in ds {
                    let key = (d.position(), d.location, d.message.clone());
                    errors.entry(key).and_modify(|(_, n)| *n += 1).or_insert((d, 1));
                }
            }
        }
    }
    if !errors.is_empty() {
        let mut diags = Diagnostics::default();
        for (_, (mut d, n)) in errors {
            if n > 1 && let Some(h) = d.hint.take() {
                d.hint = Some(crate::messages::and_more_pages(&h, n - 1));
            }
            diags.push(d);
        }
        diags.sort();
        return Err(diags);
    }
    theme.stage_assets(staging)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_roots() {
        assert_eq!(relative_root("index.html"), "./");
        assert_eq!(relative_root("huangpu/index.html"), "../");
        assert_eq!(relative_root("huangpu/2022/index.html"), "../../");
        assert_eq!(relative_root("years/2022/index.html"), "../../");
    }

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://x.gov.cn/"), "/");
        assert_eq!(base_path("https://x.gov.cn"), "/");
        assert_eq!(base_path("https://x.gov.cn/jixiao/"), "/jixiao/");
        assert_eq!(base_path("https://x.gov.cn/a/b"), "/a/b/");
    }
}
