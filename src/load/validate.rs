//! Semantic rules every file must satisfy before it can be built: ids agree with paths, ids
//! are unique and usable in web addresses, references resolve, dates are dates. Each problem
//! is located at the offending value by looking its path up in the YAML tree.
//!
//! A report's dates (`published`, `cover.report_date`) must be real dates after the end of the
//! year the report covers; one later than today is a warning, except in a draft (a draft may
//! name the day it is to be published). "Today" is passed in, read once where loading starts.
//!
//! Arithmetic consistency of the figures is not checked here: published figures are kept as
//! written even when they disagree (that is `check`'s job, and it does not stop a build).

use super::Source;
use super::yaml::{Node, Pos};
use crate::dates::{Date, DateError, parse_date};
use crate::diagnostics::Diagnostics;
use crate::messages as msg;
use crate::model::{Department, Figure, KeyFigure, Report, SiteConfig, TargetValue};
use std::collections::HashMap;

/// Whether `id` can be used as an id in a web address: `a-z`, `0-9`, `-`, `_`, `.`, starting
/// with a letter or digit.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
        && !id.contains("..")
        && id.len() <= 100
}

/// Reports problems against the tree, at the node of each path (or its nearest ancestor).
struct Checker<'a> {
    src: &'a Source<'a>,
    tree: &'a Node<'a>,
    diags: &'a mut Diagnostics,
}

impl Checker<'_> {
    fn pos(&self, path: &str) -> Pos {
        let mut p = path.to_string();
        loop {
            if let Some(n) = self.tree.lookup(&p) {
                return n.pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p.truncate(i),
                None => return self.tree.pos,
            }
        }
    }

    fn error(&mut self, code: &'static str, path: &str, message: impl Into<msg::Text>, hint: impl Into<msg::Text>) {
        let d = self.src.error(code, self.pos(path), path, message).hint(hint);
        self.diags.push(d);
    }

    fn id(&mut self, path: &str, id: &str, kind: &str, seen: &mut HashMap<String, usize>) {
        if !is_valid_id(id) {
            self.error("E0204", path, msg::bad_id(id), msg::BAD_ID_HINT);
            return;
        }
        let line = self.pos(path).line;
        if let Some(first) = seen.get(id) {
            let first = *first;
            self.error("E0201", path, msg::duplicate_id(kind, id, first + self.src.line_offset), msg::DUPLICATE_ID_HINT);
        } else {
            seen.insert(id.to_string(), line);
        }
    }

    /// A date of the report on `year`: real, after the year's end, not after `today` (a
    /// warning, and none in a draft).
    fn report_date(&mut self, path: &str, value: Option<&String>, year: u16, today: Date, draft: bool) {
        let Some(text) = value else { return };
        match self.real_date(path, text) {
            Some(date) if !date.after_year(i64::from(year)) => {
                self.error("E0213", path, msg::date_before_year_end(text, year), msg::date_before_year_end_hint(year))
            }
            Some(date) if date > today && !draft => self.future(path, text, today),
            _ => {}
        }
    }

    /// The date written at `path`, or an error saying why it is not one (E0206).
    fn real_date(&mut self, path: &str, text: &str) -> Option<Date> {
        match parse_date(text) {
            Ok(date) => return Some(date),
            Err(DateError::Format) => self.error("E0206", path, msg::bad_date(text), msg::BAD_DATE_HINT),
            Err(DateError::NoSuchMonth { month, day }) => {
                self.error("E0206", path, msg::no_such_month(text, month, day), msg::IMPOSSIBLE_DATE_HINT)
            }
            Err(DateError::NoSuchDay { year, month, day, last }) => {
                self.error("E0206", path, msg::no_such_day(text, year, month, day, last), msg::IMPOSSIBLE_DATE_HINT)
            }
        }
        None
    }

    /// The warning about a date later than `today` (E0214).
    fn future(&mut self, path: &str, text: &str, today: Date) {
        let d = self.src.error("E0214", self.pos(path), path, msg::date_in_future(text, &today.to_string()));
        self.diags.push(d.hint(msg::DATE_IN_FUTURE_HINT).warning());
    }

    fn target(&mut self, path: &str, target: Option<&TargetValue>) {
        let Some(t) = target else { return };
        match (t.op.is_some(), t.value.is_some(), t.text.is_some()) {
            (true, false, _) | (false, true, _) => self.error("E0207", path, msg::TARGET_INCOMPLETE, msg::TARGET_INCOMPLETE_HINT),
            (false, false, false) => self.error("E0207", path, msg::TARGET_EMPTY, msg::TARGET_EMPTY_HINT),
            _ => {}
        }
    }

    fn figures(&mut self, path: &str, figures: &[KeyFigure], seen: &mut HashMap<String, usize>) {
        for (i, f) in figures.iter().enumerate() {
            let p = format!("{path}[{i}]");
            self.id(&format!("{p}.id"), &f.id, "key figure", seen);
            self.figures(&format!("{p}.parts"), &f.parts, seen);
        }
    }

    fn path_id(&mut self, field: &str, kind: &str, written: Option<&str>, from_path: &str) {
        if let Some(w) = written
            && w != from_path
        {
            self.error("E0202", field, msg::id_mismatch(kind, w, from_path), msg::id_mismatch_hint(from_path));
        }
    }
}

/// Whether a date of the report on `year` raises nothing: a real date after the year's end,
/// and not after `today` unless the report is a draft.
fn report_date_is_sound(text: &str, year: u16, today: Date, draft: bool) -> bool {
    parse_date(text).is_ok_and(|d| d.after_year(i64::from(year)) && (draft || d <= today))
}

/// Diagnostic code: `site.yaml` names no licence for the open data.
pub(crate) const W_NO_LICENCE: &str = "W0230";
/// Diagnostic code: `base_url` has a path, so the `robots.txt` a build writes is never read.
pub(crate) const W_ROBOTS_SUB_PATH: &str = "W0231";

/// Diagnostic code: `sitemap_max_urls` is outside 1–50,000.
pub(crate) const E_SITEMAP_MAX_URLS: &str = "E0232";

/// The path of an absolute `base_url` below its host (`/jixiao/`), when it is not `/`.
fn sub_path(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    (!path.trim_matches('/').is_empty()).then_some(path)
}

/// Whether `url` is an absolute web address, as `base_url` must be (site.yaml or
/// `--base-url`): `https://` or `http://`, a host, no spaces.
pub fn is_absolute_url(url: &str) -> bool {
    let url = url.trim();
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

/// Rules for `site.yaml`.
pub(super) fn site(src: &Source, tree: &Node<'_>, site: &SiteConfig, diags: &mut Diagnostics) {
    let mut c = Checker { src, tree, diags };
    let url = site.base_url.trim();
    if !is_absolute_url(url) {
        c.error("E0209", "base_url", msg::bad_base_url(url), msg::BAD_BASE_URL_HINT);
    } else if let Some(path) = sub_path(url) {
        // Crawlers read robots.txt at the root of a host only (RFC 9309, 2.3): the one a build
        // writes under a sub-path is never read.
        let d = c.src.error(W_ROBOTS_SUB_PATH, c.pos("base_url"), "base_url", msg::robots_under_sub_path(path));
        c.diags.push(d.hint(msg::robots_under_sub_path_hint(path)).warning());
    }
    if let Some(n) = site.sitemap_max_urls
        && !(1..=crate::model::SITEMAP_MAX_URLS as u32).contains(&n)
    {
        c.error(E_SITEMAP_MAX_URLS, "sitemap_max_urls", msg::bad_sitemap_max_urls(n), msg::BAD_SITEMAP_MAX_URLS_HINT);
    }
    if site.data_licence().is_none_or(|l| l.trim().is_empty()) {
        // Open data without a licence is not open: reusers may not know they can reuse it.
        let d = c.src.error(W_NO_LICENCE, c.pos("licence"), "licence", msg::NO_LICENCE);
        c.diags.push(d.hint(msg::NO_LICENCE_HINT).warning());
    }
    if let Some(b) = &site.branding {
        for (path, message, hint) in crate::branding::problems(b) {
            c.error(crate::branding::E_BRANDING, &path, message, hint);
        }
    }
}

/// Rules for `department.yaml`.
pub(super) fn department(src: &Source, tree: &Node<'_>, folder: &str, d: &Department, diags: &mut Diagnostics) {
    let mut c = Checker { src, tree, diags };
    c.path_id("id", "department id", d.id.as_deref(), folder);
}

/// Whether a report passes every rule, checked without building paths or looking up
/// positions: the common case costs a few hash lookups, and only a report with a problem pays
/// for locating it.
fn report_is_clean(folder: &str, year: u16, today: Date, r: &Report) -> bool {
    fn unique<'a>(ids: impl Iterator<Item = &'a str>) -> bool {
        let mut seen = std::collections::HashSet::new();
        ids.into_iter().all(|id| is_valid_id(id) && seen.insert(id))
    }
    fn figure_ids<'a>(figures: &'a [KeyFigure], out: &mut Vec<&'a str>) {
        for f in figures {
            out.push(&f.id);
            figure_ids(&f.parts, out);
        }
    }
    let complete = |t: Option<&TargetValue>| {
        t.is_none_or(|t| t.op.is_some() == t.value.is_some() && (t.op.is_some() || t.text.is_some()))
    };
    let mut figures = Vec::new();
    for a in &r.achievements {
        figure_ids(&a.figures, &mut figures);
    }
    r.department.as_deref().is_none_or(|d| d == folder)
        && r.year.is_none_or(|y| y == year)
        && r.published.as_deref().is_none_or(|d| report_date_is_sound(d, year, today, r.draft))
        && r.cover.as_ref().and_then(|c| c.report_date.as_deref()).is_none_or(|d| report_date_is_sound(d, year, today, r.draft))
        && (r.overview.text.is_some() || r.overview.withheld.is_some())
        && unique(r.work.tasks.iter().map(|t| t.id.as_str()))
        && r.task_narratives.iter().all(|n| r.work.tasks.iter().any(|t| t.id == n.task))
        && unique(r.targets.iter().map(|t| t.id.as_str()))
        && r.targets.iter().all(|t| complete(t.target.as_ref()))
        && unique(r.achievements.iter().map(|a| a.id.as_str()))
        && unique(figures.into_iter())
        && unique(r.evaluation_tables.iter().map(|t| t.id.as_str()))
        && r.evaluation_tables.iter().all(|t| {
            unique(t.indicators.iter().map(|i| i.id.as_str())) && t.indicators.iter().all(|i| complete(i.target.as_ref()))
        })
}

/// Rules for a report file; `today` is only for the warning about dates in the future.
pub(super) fn report(src: &Source, tree: &Node<'_>, folder: &str, year: u16, today: Date, r: &Report, diags: &mut Diagnostics) {
    empty_figures_rule(src, tree, r, diags);
    unplaced_rule(src, tree, r, diags);
    corrections_rule(src, tree, year, today, r, diags);
    negative_amounts_rule(src, tree, r, diags);
    money_units_rule(src, tree, r, diags);
    if report_is_clean(folder, year, today, r) {
        return;
    }
    let mut c = Checker { src, tree, diags };
    c.path_id("department", "department id", r.department.as_deref(), folder);
    if let Some(y) = r.year {
        c.path_id("year", "year", Some(&y.to_string()), &year.to_string());
    }
    c.report_date("published", r.published.as_ref(), year, today, r.draft);
    if let Some(cover) = &r.cover {
        c.report_date("cover.report_date", cover.report_date.as_ref(), year, today, r.draft);
    }
    if r.overview.text.is_none() && r.overview.withheld.is_none() {
        c.error("E0208", "overview", msg::OVERVIEW_EMPTY, msg::OVERVIEW_EMPTY_HINT);
    }

    let mut task_ids = HashMap::new();
    for (i, t) in r.work.tasks.iter().enumerate() {
        c.id(&format!("work.tasks[{i}].id"), &t.id, "task", &mut task_ids);
    }
    let mut known: Vec<&str> = r.work.tasks.iter().map(|t| t.id.as_str()).collect();
    known.sort_unstable();
    for (i, n) in r.task_narratives.iter().enumerate() {
        if !task_ids.contains_key(&n.task) {
            c.error("E0205", &format!("task_narratives[{i}].task"), msg::unknown_reference("task", &n.task), msg::unknown_reference_hint(&n.task, &known));
        }
    }

    let mut target_ids = HashMap::new();
    for (i, t) in r.targets.iter().enumerate() {
        c.id(&format!("targets[{i}].id"), &t.id, "target", &mut target_ids);
        c.target(&format!("targets[{i}].target"), t.target.as_ref());
    }

    let mut achievement_ids = HashMap::new();
    let mut figure_ids = HashMap::new();
    for (i, a) in r.achievements.iter().enumerate() {
        c.id(&format!("achievements[{i}].id"), &a.id, "achievement", &mut achievement_ids);
        c.figures(&format!("achievements[{i}].figures"), &a.figures, &mut figure_ids);
    }

    let mut table_ids = HashMap::new();
    for (i, t) in r.evaluation_tables.iter().enumerate() {
        c.id(&format!("evaluation_tables[{i}].id"), &t.id, "table", &mut table_ids);
        let mut indicator_ids = HashMap::new();
        for (j, ind) in t.indicators.iter().enumerate() {
            let p = format!("evaluation_tables[{i}].indicators[{j}]");
            c.id(&format!("{p}.id"), &ind.id, "indicator", &mut indicator_ids);
            c.target(&format!("{p}.target"), ind.target.as_ref());
        }
    }
}

/// A report's `corrections:` (勘误): each dated with a real date on or after the report's
/// publication (after the end of its year when it states none; a date after today is a
/// warning, as for `published`), with a text, naming only fields the report has, each once.
fn corrections_rule(src: &Source, tree: &Node<'_>, year: u16, today: Date, r: &Report, diags: &mut Diagnostics) {
    if r.corrections.is_empty() {
        return;
    }
    let mut c = Checker { src, tree, diags };
    let published = r.published.as_deref().and_then(|p| parse_date(p).ok().map(|d| (p, d)));
    let mut paths = None;
    for (i, correction) in r.corrections.iter().enumerate() {
        let at = format!("corrections[{i}]");
        let date_path = format!("{at}.date");
        let text = &correction.date;
        match (c.real_date(&date_path, text), published) {
            (Some(date), Some((p, on))) if date < on => {
                c.error("E0220", &date_path, msg::correction_before_published(text, p), msg::CORRECTION_BEFORE_PUBLISHED_HINT)
            }
            (Some(date), None) if !date.after_year(i64::from(year)) => {
                c.error("E0213", &date_path, msg::date_before_year_end(text, year), msg::date_before_year_end_hint(year))
            }
            (Some(date), _) if date > today && !r.draft => c.future(&date_path, text, today),
            _ => {}
        }
        if correction.text.trim().is_empty() {
            c.error("E0221", &format!("{at}.text"), msg::CORRECTION_EMPTY, msg::CORRECTION_EMPTY_HINT);
        }
        for (j, field) in correction.fields.iter().enumerate() {
            let path = format!("{at}.fields[{j}]");
            let names_report = is_field_path(field) && !field.starts_with("corrections") && tree.lookup(field).is_some();
            if !names_report {
                // Every path the report has, for the nearest one: only on an error.
                let known = paths.get_or_insert_with(|| field_paths(tree));
                let nearest = known
                    .iter()
                    .map(|p| (strsim::levenshtein(p, field), p))
                    .filter(|(d, p)| *d <= (p.len() / 3).max(2))
                    .min()
                    .map(|(_, p)| p.as_str());
                c.error("E0222", &path, msg::correction_unknown_field(field), msg::correction_unknown_field_hint(nearest));
            } else if correction.fields[..j].contains(field) {
                c.error("E0222", &path, msg::correction_field_twice(field), msg::CORRECTION_FIELD_TWICE_HINT);
            }
        }
    }
}

/// Whether `p` is written as a field path: keys (`a-z`, `0-9`, `_`) joined by `.`, each
/// followed by any number of list positions `[n]`.
fn is_field_path(p: &str) -> bool {
    !p.is_empty()
        && p.split('.').all(|part| {
            let (key, rest) = part.split_at(part.find('[').unwrap_or(part.len()));
            let key_ok = !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            key_ok
                && rest.split_terminator(']').all(|idx| idx.strip_prefix('[').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
                && (rest.is_empty() || rest.ends_with(']'))
        })
}

/// Every path of a report's tree (maps and lists included), outside `corrections`.
fn field_paths(tree: &Node<'_>) -> Vec<String> {
    fn walk(node: &Node<'_>, path: String, out: &mut Vec<String>) {
        match &node.value {
            super::yaml::Value::Map(entries) => {
                for (k, v) in entries {
                    let Some(key) = k.scalar() else { continue };
                    let p = if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
                    if p != "corrections" {
                        out.push(p.clone());
                        walk(v, p, out);
                    }
                }
            }
            super::yaml::Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    let p = format!("{path}[{i}]");
                    out.push(p.clone());
                    walk(item, p, out);
                }
            }
            super::yaml::Value::Scalar { .. } => {}
        }
    }
    let mut out = Vec::new();
    walk(tree, String::new(), &mut out);
    out
}

/// Keys whose value is a figure somewhere below the top level of a report.
const FIGURE_KEYS: &[&str] = &[
    "initial", "total", "executed", "execution_rate", "amount", "basic", "project", "carry_over",
    "level1_projects", "level2_projects", "covered_funds", "covered_share", "value", "budget",
    "weight", "rate", "score", "total_weight", "total_score",
];

/// Figures written as `~` (or left blank after the colon): figures still to fill in, as
/// `jixiao new` leaves them. Paths such as `targets[2].result.value`, in document order.
pub(super) fn empty_figures<'t>(tree: &'t Node<'t>) -> Vec<(String, Pos)> {
    /// A step of the path from the document's root: a key or a sequence index.
    enum Step<'a> {
        Key(&'a str),
        Index(usize),
    }
    // The path is kept as steps and written out only for an empty figure: a report has
    // thousands of nodes and almost never one, and formatting every index (`[3]`) into a path
    // buffer was half of this walk.
    fn walk<'a>(node: &'a Node<'a>, path: &mut Vec<Step<'a>>, out: &mut Vec<(String, Pos)>) {
        match &node.value {
            super::yaml::Value::Map(entries) => {
                for (k, v) in entries {
                    let Some(key) = k.scalar() else { continue };
                    if v.is_null() {
                        if !path.is_empty() && FIGURE_KEYS.contains(&key) {
                            out.push((written(path, key), v.pos));
                        }
                    } else {
                        path.push(Step::Key(key));
                        walk(v, path, out);
                        path.pop();
                    }
                }
            }
            super::yaml::Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Step::Index(i));
                    walk(item, path, out);
                    path.pop();
                }
            }
            super::yaml::Value::Scalar { .. } => {}
        }
    }
    /// `targets[2].result` and `value` as `targets[2].result.value`.
    fn written(path: &[Step<'_>], last: &str) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        for step in path {
            match step {
                Step::Key(k) => {
                    if !s.is_empty() {
                        s.push('.');
                    }
                    s.push_str(k);
                }
                Step::Index(i) => {
                    let _ = write!(s, "[{i}]");
                }
            }
        }
        s.push('.');
        s.push_str(last);
        s
    }
    let mut out = Vec::new();
    walk(tree, &mut Vec::with_capacity(16), &mut out);
    out
}

/// The publish rule: a report with an empty figure cannot be published (`draft: false`); in a
/// draft each empty figure is a warning, so the author sees what is left to fill in.
fn empty_figures_rule(src: &Source, tree: &Node<'_>, r: &Report, diags: &mut Diagnostics) {
    for (path, pos) in empty_figures(tree) {
        let pos = Pos { len: pos.len.max(1), ..pos };
        let d = if r.draft {
            src.error("E0210", pos, &path, msg::empty_figure_draft(&path)).hint(msg::EMPTY_FIGURE_DRAFT_HINT).warning()
        } else {
            src.error("E0210", pos, &path, msg::empty_figure(&path)).hint(msg::EMPTY_FIGURE_HINT)
        };
        diags.push(d);
    }
}

/// Passages `jixiao import` could not place stay visible (the page shows them) and the loader
/// warns until an editor has placed each one.
fn unplaced_rule(src: &Source, tree: &Node<'_>, r: &Report, diags: &mut Diagnostics) {
    if r.unplaced.is_empty() {
        return;
    }
    let pos = tree.lookup("unplaced").map_or(tree.pos, |n| n.pos);
    diags.push(src.error("E0838", Pos { len: pos.len.max(1), ..pos }, "unplaced", msg::unplaced_warning(r.unplaced.len())).hint(msg::unplaced_hint()).warning());
}

/// Money amounts cannot be negative: the budget section (`budget.initial` … `carry_over`, the
/// funding-source amounts), the funds covered by self-evaluation and the funds block of each
/// table (`initial`, `budget`, `executed`). Rates, scores, targets, results and key figures are
/// not amounts: a decrease may be written as a negative number there.
fn negative_amounts_rule(src: &Source, tree: &Node<'_>, r: &Report, diags: &mut Diagnostics) {
    // Paths are only built for a negative amount, which almost never occurs.
    fn negative<'r>(found: &mut Vec<(String, &'r Figure, &'r str)>, f: Option<&'r Figure>, unit: &'r str, path: impl FnOnce() -> String) {
        if let Some(f) = f.filter(|f| f.value() < 0.0) {
            found.push((path(), f, unit));
        }
    }
    let mut found = Vec::new();
    let b = &r.budget;
    let unit = b.unit();
    for (key, f) in [("initial", &b.initial), ("total", &b.total), ("executed", &b.executed), ("basic", &b.basic), ("project", &b.project), ("carry_over", &b.carry_over)] {
        negative(&mut found, f.as_ref(), unit, || format!("budget.{key}"));
    }
    for (i, s) in b.by_source.iter().enumerate() {
        negative(&mut found, s.amount.as_ref(), unit, || format!("budget.by_source[{i}].amount"));
    }
    if let Some(p) = &r.performance {
        negative(&mut found, p.covered_funds.as_ref(), unit, || "performance.covered_funds".to_string());
    }
    for (i, t) in r.evaluation_tables.iter().enumerate() {
        let unit = t.unit.as_deref().unwrap_or("万元");
        for (j, row) in t.funds.iter().enumerate() {
            for (key, f) in [("initial", &row.initial), ("budget", &row.budget), ("executed", &row.executed)] {
                negative(&mut found, f.as_ref(), unit, || format!("evaluation_tables[{i}].funds[{j}].{key}"));
            }
        }
    }
    if found.is_empty() {
        return;
    }
    let mut c = Checker { src, tree, diags };
    for (path, f, unit) in found {
        let key = path.rsplit('.').next().unwrap_or(&path).to_string();
        c.error("E0103", &path, msg::negative_amount(&key, f.as_written()), msg::negative_amount_hint(unit));
    }
}

/// The unit of the budget's amounts and of each table's funds block is one jixiao can convert
/// ([`crate::model::MoneyUnit`]): comparisons, charts and open data convert every amount, so an
/// unknown unit (美元, a typo such as 万圆) is refused, naming the field and the known units.
fn money_units_rule(src: &Source, tree: &Node<'_>, r: &Report, diags: &mut Diagnostics) {
    use crate::model::MoneyUnit;
    let tables = r.evaluation_tables.iter().enumerate().map(|(i, t)| (Some(i), t.unit.as_deref()));
    let unknown: Vec<(String, &str)> = std::iter::once((None, r.budget.unit.as_deref()))
        .chain(tables)
        .filter_map(|(i, unit)| {
            let unit = unit.filter(|u| MoneyUnit::parse(u).is_none())?;
            Some((i.map_or_else(|| "budget.unit".to_string(), |i| format!("evaluation_tables[{i}].unit")), unit))
        })
        .collect();
    if unknown.is_empty() {
        return;
    }
    let known = MoneyUnit::ALL.map(MoneyUnit::as_str);
    let mut c = Checker { src, tree, diags };
    for (path, unit) in unknown {
        // 圆 is an old spelling of 元 (万圆); full-width or spaced forms are trimmed away first.
        let near = MoneyUnit::parse(&unit.replace('圆', "元")).map(MoneyUnit::as_str);
        c.error("E0104", &path, msg::unknown_money_unit(&path, unit, &known), msg::unknown_money_unit_hint(near, &known));
    }
}

/// Attachments of a report: each path relative to the report's folder and inside it, the file
/// present, and no two published under the same name.
pub(super) fn attachments(src: &Source, tree: &Node<'_>, root: &std::path::Path, r: &Report, diags: &mut Diagnostics) {
    if r.attachments.is_empty() {
        return;
    }
    let mut c = Checker { src, tree, diags };
    let folder = root.join(src.path.parent().unwrap_or(std::path::Path::new("")));
    // Where the report's folder really is, links resolved: an attachment must lie below it.
    let folder_real = folder.canonicalize().ok();
    let mut names: HashMap<String, usize> = HashMap::new();
    for (i, a) in r.attachments.iter().enumerate() {
        let field = format!("attachments[{i}].file");
        let path = std::path::Path::new(&a.file);
        let escapes = a.file.is_empty()
            || path.is_absolute()
            || a.file.starts_with(['/', '\\'])
            || path.components().any(|c| !matches!(c, std::path::Component::Normal(_)));
        if escapes {
            c.error("E0211", &field, msg::attachment_bad_path(&a.file), msg::ATTACHMENT_BAD_PATH_HINT);
            continue;
        }
        let full = folder.join(path);
        if !full.is_file() {
            let looked = src.path.parent().unwrap_or(std::path::Path::new("")).join(path);
            c.error("E0211", &field, msg::attachment_missing(&a.file, &looked.display().to_string()), msg::ATTACHMENT_MISSING_HINT);
            continue;
        }
        // A link (the file or a folder on its way) must not lead out of the report's folder:
        // the file would be published from wherever it points.
        let inside = match (full.canonicalize(), &folder_real) {
            (Ok(real), Some(base)) => real.starts_with(base),
            _ => false,
        };
        if !inside {
            c.error("E0211", &field, msg::attachment_link_outside(&a.file), msg::ATTACHMENT_BAD_PATH_HINT);
            continue;
        }
        let name = a.file.rsplit(['/', '\\']).next().unwrap_or(&a.file).to_string();
        if names.insert(name.clone(), i).is_some() {
            c.error("E0211", &field, msg::attachment_duplicate(&name), msg::ATTACHMENT_DUPLICATE_HINT);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("grid-events"));
        assert!(is_valid_id("2022"));
        assert!(!is_valid_id("Grid"));
        assert!(!is_valid_id("网格"));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id("-a"));
        assert!(!is_valid_id("a/../b"));
        assert!(!is_valid_id(""));
    }

    #[test]
    fn field_paths_are_keys_and_positions() {
        for ok in ["budget.executed", "targets[2].result.value", "targets[2]", "evaluation_tables[0].indicators[11].actual", "summary"] {
            assert!(is_field_path(ok), "{ok}");
        }
        for bad in ["", "budget.", ".budget", "budget..executed", "targets[]", "targets[a]", "targets[2", "targets2]", "Budget", "预算", "targets[2]x"] {
            assert!(!is_field_path(bad), "{bad}");
        }
    }

    #[test]
    fn empty_figures_are_named_by_their_path() {
        let yaml = "budget:\n  total: ~\n  executed: 1\ntargets:\n  - id: a\n    result:\n      value: 2\n  - id: b\n    result:\n      value:\n      text: ~\nevaluation_tables:\n  - funds:\n      - label: x\n        budget: ~\nweight: ~\n";
        let tree = super::super::yaml::parse(yaml).unwrap().unwrap();
        let found: Vec<(String, usize)> = empty_figures(&tree).into_iter().map(|(p, pos)| (p, pos.line)).collect();
        // `text` is not a figure and a top-level `weight` is not inside a report part.
        assert_eq!(
            found,
            [("budget.total".to_string(), 2), ("targets[1].result.value".to_string(), 10), ("evaluation_tables[0].funds[0].budget".to_string(), 15)]
        );
    }

    #[test]
    fn report_dates_at_the_edges() {
        let today = parse_date("2024-03-01").unwrap();
        // After the end of the year: Dec 31 is not, Jan 1 is.
        assert!(!report_date_is_sound("2022-12-31", 2022, today, false));
        assert!(report_date_is_sound("2023-01-01", 2022, today, false));
        assert!(!report_date_is_sound("2021-01-01", 2022, today, false));
        // Today is fine, the day after is in the future, except in a draft.
        assert!(report_date_is_sound("2024-03-01", 2022, today, false));
        assert!(!report_date_is_sound("2024-03-02", 2022, today, false));
        assert!(report_date_is_sound("2024-03-02", 2022, today, true));
        // Impossible or malformed dates never pass, not even in a draft.
        assert!(report_date_is_sound("2024-02-29", 2022, today, false));
        assert!(!report_date_is_sound("2023-02-29", 2022, today, true));
        assert!(!report_date_is_sound("2023-5-10", 2022, today, true));
    }
}
