//! What search finds: records cut from the site's pages.
//!
//! Every report gives one record per section that has content (the cover with title and
//! metadata, then 一（一）…四 and the self-evaluation tables), each linking to the section's
//! anchor on the report page; every department page, indicator page and free page gives one
//! record. Record ids are `slot * 16 + section`: slots are the reports ordered by year (newest
//! first) then department id, then the department pages, then the indicator pages (by
//! department, in the order the department page lists them), then the free pages. So the year
//! of a record is a range lookup and its section is `id % 16` (see the manifest).

use crate::site::compare::MeasureRow;
use crate::model::{Direction, Figure, TargetValue};
use crate::site::Site;
use pulldown_cmark::{Event, Parser, TagEnd};
use std::fmt::Write;

/// Record-id slots per page.
pub const SLOT: u32 = 16;

/// The section number of a key of [`SECTIONS`] (a record's id is `slot * SLOT + section`).
const fn section(key: &str) -> u32 {
    let mut i = 0;
    while i < SECTIONS.len() {
        // (`==` on str is not const; the keys are lower-case ASCII.)
        if SECTIONS[i].eq_ignore_ascii_case(key) {
            return i as u32;
        }
        i += 1;
    }
    panic!("not a section key")
}

/// Section keys by section number (`id % 16`), matching the report page's anchors.
pub const SECTIONS: &[&str] = &[
    "cover",
    "overview",
    "tasks",
    "budget",
    "performance",
    "summary",
    "results",
    "narratives",
    "achievements",
    "problems",
    "improvements",
    "tables",
    "department",
    "page",
    "indicator",
];

/// The theme's key of each report section's heading, by section number (`section.*`, as the
/// report page shows them); the cover's heading is the report's title.
const HEADING_KEYS: [&str; 12] = [
    "",
    "section.overview",
    "section.tasks",
    "section.budget",
    "section.performance",
    "section.summary",
    "section.results",
    "section.narratives",
    "section.achievements",
    "section.problems",
    "section.improvements",
    "section.tables",
];

/// The words the records put beside figures and fields, from the site's UI strings
/// ([`Site::strings`], the theme's), so that search finds the words the pages show in the
/// site's language. Looked up once per search build.
#[derive(Debug, Clone)]
pub struct Words<'s> {
    colon: &'s str,
    year: &'s str,
    list_sep: &'s str,
    headings: [&'s str; 12],
    department: [&'s str; 8],
    cover: [&'s str; 11],
    points: &'s str,
    grade_label: &'s str,
    open_paren: &'s str,
    close_paren: &'s str,
    withheld_default: &'s str,
    withheld_basis: &'s str,
    initial: &'s str,
    total: &'s str,
    executed: &'s str,
    rate: &'s str,
    basic: &'s str,
    project: &'s str,
    carry_over: &'s str,
    scope: &'s str,
    target: &'s str,
    result: &'s str,
    indicator_target: &'s str,
    actual: &'s str,
    weight: &'s str,
    score: &'s str,
    total_score: &'s str,
    grade: &'s str,
    indicator_id: &'s str,
    level1: &'s str,
    level2: &'s str,
    unit: &'s str,
    direction: &'s str,
    higher: &'s str,
    lower: &'s str,
    names: &'s str,
}

impl<'s> Words<'s> {
    /// The words of `site`'s UI strings.
    pub fn of(site: &'s Site) -> Words<'s> {
        let get = |key: &str| crate::strings::get(&site.strings, key);
        Words {
            colon: get("common.colon"),
            year: get("common.year"),
            list_sep: get("chart.list_sep"),
            headings: HEADING_KEYS.map(|k| if k.is_empty() { "" } else { get(k) }),
            department: [
                "department.short_name",
                "department.region",
                "department.parent",
                "department.contact",
                "department.phone",
                "department.address",
                "department.email",
                "department.website",
            ]
            .map(get),
            cover: [
                "cover.published",
                "cover.index_number",
                "cover.issuer",
                "cover.budget_code",
                "cover.evaluation_method",
                "cover.evaluator",
                "cover.report_date",
                "cover.contact",
                "cover.phone",
                "cover.staffing",
                "cover.score",
            ]
            .map(get),
            points: get("common.points"),
            grade_label: get("cover.grade"),
            open_paren: get("common.open_paren"),
            close_paren: get("common.close_paren"),
            withheld_default: get("withheld.default"),
            withheld_basis: get("withheld.basis"),
            initial: get("budget.initial"),
            total: get("budget.total"),
            executed: get("budget.executed"),
            rate: get("rate.reported"),
            basic: get("budget.basic"),
            project: get("budget.project"),
            carry_over: get("budget.carry_over"),
            scope: get("performance.scope"),
            target: get("compare.target"),
            result: get("target.result"),
            indicator_target: get("table.target"),
            actual: get("table.actual"),
            weight: get("table.weight"),
            score: get("table.score"),
            total_score: get("table.total_score"),
            grade: get("table.grade"),
            indicator_id: get("indicator.id"),
            level1: get("table.level1"),
            level2: get("table.level2"),
            unit: get("indicator.unit"),
            direction: get("indicator.direction"),
            higher: get("indicator.higher"),
            lower: get("indicator.lower"),
            names: get("compare.names"),
        }
    }

    /// `label：value` (the theme's colon).
    fn pair(&self, label: &str, value: impl std::fmt::Display) -> String {
        format!("{label}{}{value}", self.colon)
    }
}

/// A searchable piece of a page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Record {
    /// `slot * 16 + section`.
    pub id: u32,
    /// Site-relative URL with the section's anchor.
    pub url: String,
    /// Page title: the report's title, the department's or page's name.
    pub title: String,
    /// Heading of the section (searched, ranked first); the title for a cover or page.
    pub heading: String,
    /// Department short name, when the record belongs to one.
    pub department: String,
    /// Year, 0 for department and free pages.
    pub year: u16,
    /// Body text, plain (Markdown removed).
    pub text: String,
}

impl Record {
    /// Section key.
    pub fn section(&self) -> &'static str {
        SECTIONS[(self.id % SLOT) as usize]
    }
}

/// A page of the site in slot order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Year, 0 for none.
    pub year: u16,
    /// Department id, empty for free pages.
    pub department: String,
}

/// Plain text of Markdown: the text and code of every block, blocks on their own lines.
pub fn plain(md: &str) -> String {
    // Every Markdown special is ASCII: a byte scan (a char-set `contains` decodes every char).
    let special = |b: &u8| matches!(b, b'*' | b'_' | b'`' | b'[' | b']' | b'<' | b'>' | b'#' | b'|' | b'\\' | b'!' | b'~' | b'&');
    let b = md.as_bytes();
    let list_item = b.first() == Some(&b'-') || memchr::memchr_iter(b'\n', b).any(|i| b.get(i + 1) == Some(&b'-'));
    if !b.iter().any(special) && !list_item {
        return md.trim().to_string();
    }
    let mut out = String::with_capacity(md.len());
    for e in Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow | TagEnd::CodeBlock) => out.push('\n'),
            Event::End(TagEnd::TableCell) => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

fn line(out: &mut String, s: &str) {
    let s = s.trim();
    if !s.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(s);
    }
}

fn opt(out: &mut String, w: &Words, label: &str, v: Option<&str>) {
    if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
        line(out, &w.pair(label, v));
    }
}

fn fig(out: &mut String, w: &Words, label: &str, f: Option<&Figure>, unit: &str) {
    if let Some(f) = f {
        line(out, &w.pair(label, format_args!("{}{unit}", f.grouped())));
    }
}

fn target_value(t: Option<&TargetValue>, unit: Option<&str>) -> String {
    let Some(t) = t else { return String::new() };
    let mut s = String::new();
    if let Some(op) = t.op {
        s.push_str(op.symbol());
    }
    if let Some(v) = &t.value {
        s.push_str(&v.grouped());
        s.push_str(unit.unwrap_or(""));
    }
    if let Some(text) = &t.text {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(text);
    }
    s
}

/// The slots of the site (reports by year newest first, then department; department pages;
/// indicator pages; free pages) as indices into `site.reports`, `site.departments`,
/// `site.pages`. Indicator pages exist only when comparisons are built
/// ([`Site::with_comparisons`]).
pub fn slots(site: &Site) -> Vec<SlotRef> {
    let mut reports: Vec<usize> = (0..site.reports.len()).collect();
    reports.sort_by_key(|&i| (std::cmp::Reverse(site.reports[i].summary.year), site.reports[i].department_index));
    let mut out: Vec<SlotRef> = reports.into_iter().map(SlotRef::Report).collect();
    out.extend((0..site.departments.len()).map(SlotRef::Department));
    if site.with_comparisons {
        for d in 0..site.departments.len() {
            let pages = crate::site::compare::measure_ids(site, d).len();
            out.extend((0..pages).map(|m| SlotRef::Indicator(d, m)));
        }
    }
    out.extend((0..site.pages.len()).map(SlotRef::Page));
    out
}

/// The text of one indicator page, as [`indicator_texts`] cuts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorText {
    /// Site-relative URL of the page.
    pub url: String,
    /// The measure's latest name.
    pub name: String,
    /// Definition and history, plain.
    pub text: String,
}

/// The indicator pages' texts of every department (by department index): see
/// [`department_indicator_texts`]. Empty when comparisons are not built.
pub fn indicator_texts(site: &Site) -> Vec<Vec<IndicatorText>> {
    use rayon::prelude::*;
    if !site.with_comparisons {
        return Vec::new();
    }
    (0..site.departments.len()).into_par_iter().map(|d| department_indicator_texts(site, d)).collect()
}

/// The indicator page texts the batches of the index stage need: a department's are made
/// when a batch first needs them and dropped once a batch no longer does. Slots come in
/// department order, so each department's texts live for one or two batches, never the whole
/// site's at once.
pub struct IndicatorTexts {
    by_department: Vec<Vec<IndicatorText>>,
    held: Vec<usize>,
}

impl IndicatorTexts {
    /// None made yet.
    pub fn new(site: &Site) -> IndicatorTexts {
        IndicatorTexts { by_department: vec![Vec::new(); site.departments.len()], held: Vec::new() }
    }

    /// The texts by department, holding those of every department with an indicator page
    /// among `slots` (for [`slot_records`]).
    pub fn for_slots(&mut self, site: &Site, slots: &[SlotRef]) -> &[Vec<IndicatorText>] {
        use rayon::prelude::*;
        let mut wanted: Vec<usize> = slots.iter().filter_map(|s| if let SlotRef::Indicator(d, _) = s { Some(*d) } else { None }).collect();
        wanted.dedup();
        let by_department = &mut self.by_department;
        self.held.retain(|&d| {
            let keep = wanted.contains(&d);
            if !keep {
                by_department[d] = Vec::new();
            }
            keep
        });
        let made: Vec<(usize, Vec<IndicatorText>)> =
            wanted.par_iter().filter(|&&d| !self.held.contains(&d)).map(|&d| (d, department_indicator_texts(site, d))).collect();
        for (d, texts) in made {
            self.by_department[d] = texts;
            self.held.push(d);
        }
        &self.by_department
    }
}

/// The texts of one department's indicator pages, in [`crate::site::compare::DepartmentComparison::measures`]
/// order, as [`SlotRef::Indicator`] numbers them: what the page shows of the measure in words
/// and figures, its definition and, for every year it exists, its name, target and actual
/// value. The index stage makes them a batch of slots at a time, so that the whole site's
/// are never in memory at once.
pub fn department_indicator_texts(site: &Site, d: usize) -> Vec<IndicatorText> {
    let w = Words::of(site);
    let c = site.comparisons.department(site, d);
    c.measures()
        .iter()
        .map(|h| {
            let m = h.main();
            let mut t = String::new();
            line(&mut t, &w.pair(w.indicator_id, &m.id));
            opt(&mut t, &w, w.level1, m.level1.as_deref());
            opt(&mut t, &w, w.level2, m.level2.as_deref());
            opt(&mut t, &w, w.unit, m.unit.as_deref());
            match m.direction {
                Some(Direction::Higher) => line(&mut t, &w.pair(w.direction, w.higher)),
                Some(Direction::Lower) => line(&mut t, &w.pair(w.direction, w.lower)),
                None => {}
            }
            if m.renamed {
                line(&mut t, &format!("{}{}", w.names, m.names.join(w.list_sep)));
            }
            if let Some(row) = h.indicator {
                measure_history(&mut t, &w, row, None);
            }
            if let Some(row) = h.target {
                measure_history(&mut t, &w, row, h.indicator);
            }
            IndicatorText { url: m.url.clone(), name: m.name.clone(), text: t }
        })
        .collect()
}

/// One line per year a measure exists: `2022年度 名称 目标：≥ 95% 实际完成值：96%`, except the
/// years where `shown` (the indicator row, when this is its target row) already says the same.
fn measure_history(t: &mut String, w: &Words, row: &MeasureRow, shown: Option<&MeasureRow>) {
    let unit = row.unit.as_deref().unwrap_or("");
    for (i, c) in row.cells.iter().enumerate().filter(|(_, c)| c.gap.is_none()) {
        let same = |s: &&MeasureRow| {
            s.unit == row.unit
                && s.cells.get(i).is_some_and(|x| x.gap.is_none() && x.name == c.name && x.target_shown == c.target_shown && x.actual_shown == c.actual_shown)
        };
        if shown.filter(same).is_some() {
            continue;
        }
        // A year in a unit that cannot be compared with the row's states its own.
        let unit = c.unit.as_deref().filter(|_| c.unit_break).unwrap_or(unit);
        let mut s = c.label.clone();
        if let Some(n) = &c.name {
            let _ = write!(s, " {n}");
        }
        if let Some(v) = &c.target_shown {
            let _ = write!(s, " {}{v}{}", w.target, if c.target.is_some() { unit } else { "" });
        }
        if let Some(v) = &c.actual_shown {
            let _ = write!(s, " {}", w.pair(w.actual, format_args!("{v}{}", if c.actual.is_some() { unit } else { "" })));
        }
        if let Some(v) = &c.weight_shown {
            let _ = write!(s, " {}", w.pair(w.weight, v));
        }
        if let Some(v) = &c.score_shown {
            let _ = write!(s, " {}", w.pair(w.score, v));
        }
        line(t, &s);
    }
}

/// What a slot holds.
#[derive(Debug, Clone, Copy)]
pub enum SlotRef {
    /// Index into `site.reports`.
    Report(usize),
    /// Index into `site.departments`.
    Department(usize),
    /// Index into `site.pages`.
    Page(usize),
    /// Indicator page `.1` of department `.0` (see [`indicator_texts`]).
    Indicator(usize, usize),
}

/// The slot's year and department.
pub fn slot_info(site: &Site, s: SlotRef) -> Slot {
    let year = if let SlotRef::Report(i) = s { site.reports[i].summary.year } else { 0 };
    Slot { year, department: slot_department(site, s).map_or_else(String::new, |d| site.departments[d].id.to_string()) }
}

/// The department index of a slot, when it belongs to one.
pub fn slot_department(site: &Site, s: SlotRef) -> Option<usize> {
    match s {
        SlotRef::Report(i) => Some(site.reports[i].department_index),
        SlotRef::Department(i) | SlotRef::Indicator(i, _) => Some(i),
        SlotRef::Page(_) => None,
    }
}

/// The records of one slot, in section order; `indicators` from [`indicator_texts`] (at
/// least the departments of the slot's indicator pages).
pub fn slot_records(site: &Site, w: &Words, indicators: &[Vec<IndicatorText>], slot: u32, s: SlotRef) -> Vec<Record> {
    let mut out = Vec::new();
    match s {
        SlotRef::Indicator(d, m) => {
            let x = &indicators[d][m];
            out.push(Record {
                id: slot * SLOT + const { section("indicator") },
                url: x.url.clone(),
                title: x.name.clone(),
                heading: x.name.clone(),
                department: site.departments[d].name.to_string(),
                year: 0,
                text: x.text.clone(),
            });
        }
        SlotRef::Report(i) => report_records(site, w, slot, i, &mut out),
        SlotRef::Department(i) => {
            let d = &site.departments[i];
            let p = d.profile;
            let mut t = String::new();
            line(&mut t, &p.name);
            let [short_name, region, parent, contact, phone, address, email, website] = w.department;
            opt(&mut t, w, short_name, p.short_name.as_deref());
            opt(&mut t, w, region, p.region.as_deref());
            opt(&mut t, w, parent, p.parent.as_deref());
            if let Some(c) = &p.contact {
                opt(&mut t, w, contact, c.name.as_deref());
                opt(&mut t, w, phone, c.phone.as_deref());
                opt(&mut t, w, address, c.address.as_deref());
                opt(&mut t, w, email, c.email.as_deref());
                opt(&mut t, w, website, c.website.as_deref());
            }
            out.push(Record {
                id: slot * SLOT + const { section("department") },
                url: d.url.clone(),
                title: p.name.clone(),
                heading: p.name.clone(),
                department: d.name.to_string(),
                year: 0,
                text: t,
            });
        }
        SlotRef::Page(i) => {
            let p = site.pages[i];
            let mut t = String::new();
            if let Some(d) = &p.meta.description {
                line(&mut t, d);
            }
            line(&mut t, &plain(&p.body));
            out.push(Record {
                id: slot * SLOT + const { section("page") },
                url: format!("pages/{}/", p.slug),
                title: p.meta.title.clone(),
                heading: p.meta.title.clone(),
                department: String::new(),
                year: 0,
                text: t,
            });
        }
    }
    out
}

fn report_records(site: &Site, w: &Words, slot: u32, i: usize, out: &mut Vec<Record>) {
    let rv = &site.reports[i];
    let r = rv.report;
    let d = &site.departments[rv.department_index];
    let unit = rv.summary.unit;
    let mut push = |section: usize, text: String| {
        if text.trim().is_empty() {
            return;
        }
        let anchor = if section == 0 { String::new() } else { format!("#{}", SECTIONS[section]) };
        out.push(Record {
            id: slot * SLOT + section as u32,
            url: format!("{}{anchor}", rv.summary.url),
            title: r.title.clone(),
            heading: if section == 0 { r.title.clone() } else { w.headings[section].to_string() },
            department: d.name.to_string(),
            year: rv.summary.year,
            text,
        });
    };

    // 0 cover
    let mut t = String::new();
    line(&mut t, &d.profile.name);
    line(&mut t, &crate::strings::fill(w.year, &[("year", &rv.summary.year.to_string())]));
    let [published, index_number, issuer, budget_code, evaluation_method, evaluator, report_date, contact, phone, staffing, score] = w.cover;
    opt(&mut t, w, published, r.published.as_deref());
    if let Some(c) = &r.cover {
        opt(&mut t, w, index_number, c.index_number.as_deref());
        opt(&mut t, w, issuer, c.issuer.as_deref());
        opt(&mut t, w, budget_code, c.budget_code.as_deref());
        opt(&mut t, w, evaluation_method, c.evaluation_method.as_deref());
        opt(&mut t, w, evaluator, c.evaluator.as_deref());
        opt(&mut t, w, report_date, c.report_date.as_deref());
        opt(&mut t, w, contact, c.contact.as_deref());
        opt(&mut t, w, phone, c.phone.as_deref());
        opt(&mut t, w, staffing, c.staffing.as_deref());
    }
    if let Some(s) = &r.score {
        // As the cover shows it: `综合评分：90.5 分（等级：优）`.
        let points = crate::strings::fill(w.points, &[("n", &s.total.grouped())]);
        let grade = s.grade.as_deref().map(|g| format!("{}{}{g}{}", w.open_paren, w.grade_label, w.close_paren)).unwrap_or_default();
        line(&mut t, &w.pair(score, format_args!("{points}{grade}")));
    }
    push(0, t);

    // 1 overview
    let mut t = String::new();
    if let Some(withheld) = &r.overview.withheld {
        line(&mut t, withheld.statement.as_deref().unwrap_or(w.withheld_default));
        line(&mut t, &format!("{}{}", w.withheld_basis, withheld.basis));
    }
    if let Some(x) = &r.overview.text {
        line(&mut t, &plain(x));
    }
    push(1, t);

    // 2 tasks
    let mut t = String::new();
    if let Some(x) = &r.work.intro {
        line(&mut t, x);
    }
    for task in &r.work.tasks {
        line(&mut t, &task.title);
    }
    if let Some(x) = &r.work.outro {
        line(&mut t, x);
    }
    push(2, t);

    // 3 budget
    let b = &r.budget;
    let mut t = String::new();
    if let Some(x) = &b.text {
        line(&mut t, &plain(x));
    }
    fig(&mut t, w, w.initial, b.initial.as_ref(), unit);
    fig(&mut t, w, w.total, b.total.as_ref(), unit);
    fig(&mut t, w, w.executed, b.executed.as_ref(), unit);
    fig(&mut t, w, w.rate, rv.summary.rate.reported.as_ref(), "%");
    for s in &b.by_source {
        fig(&mut t, w, &s.source, s.amount.as_ref(), unit);
    }
    fig(&mut t, w, w.basic, b.basic.as_ref(), unit);
    fig(&mut t, w, w.project, b.project.as_ref(), unit);
    fig(&mut t, w, w.carry_over, b.carry_over.as_ref(), unit);
    push(3, t);

    // 4 performance and targets
    let mut t = String::new();
    if let Some(pm) = &r.performance {
        if let Some(x) = &pm.text {
            line(&mut t, &plain(x));
        }
        opt(&mut t, w, w.scope, pm.scope.as_deref());
        if let Some(x) = &pm.targets_intro {
            line(&mut t, x);
        }
    }
    for tg in &r.targets {
        let v = target_value(tg.target.as_ref(), tg.unit.as_deref());
        line(&mut t, &if v.is_empty() { tg.name.clone() } else { format!("{} {}{v}", tg.name, w.target) });
    }
    push(4, t);

    // 5 summary
    push(5, r.summary.as_deref().map(plain).unwrap_or_default());

    // 6 results
    let mut t = String::new();
    if let Some(x) = &r.results_intro {
        line(&mut t, &plain(x));
    }
    for tg in &r.targets {
        line(&mut t, &tg.name);
        let v = target_value(tg.target.as_ref(), tg.unit.as_deref());
        if !v.is_empty() {
            line(&mut t, &format!("{}{v}", w.target));
        }
        if let Some(res) = &tg.result {
            if let Some(v) = &res.value {
                line(&mut t, &w.pair(w.result, format_args!("{}{}", v.grouped(), tg.unit.as_deref().unwrap_or(""))));
            }
            if let Some(x) = &res.text {
                line(&mut t, &plain(x));
            }
        }
    }
    push(6, t);

    // 7 narratives
    let mut t = String::new();
    for n in &r.task_narratives {
        let title = n.heading.as_deref().or_else(|| r.work.tasks.iter().find(|x| x.id == n.task).map(|x| x.title.as_str()));
        if let Some(h) = title {
            line(&mut t, h);
        }
        line(&mut t, &plain(&n.text));
    }
    push(7, t);

    // 8 achievements
    let mut t = String::new();
    for a in &r.achievements {
        if let Some(h) = &a.title {
            line(&mut t, h);
        }
        line(&mut t, &plain(&a.text));
        let mut stack: Vec<&crate::model::KeyFigure> = a.figures.iter().rev().collect();
        while let Some(f) = stack.pop() {
            if let Some(v) = &f.value {
                line(&mut t, &w.pair(&f.label, format_args!("{}{}", v.grouped(), f.unit.as_deref().unwrap_or(""))));
            } else {
                line(&mut t, &f.label);
            }
            stack.extend(f.parts.iter().rev());
        }
    }
    push(8, t);

    // 9, 10 problems and improvements
    let mut t = String::new();
    for x in &r.problems {
        line(&mut t, &plain(x));
    }
    push(9, t);
    let mut t = String::new();
    for x in &r.improvements {
        line(&mut t, &plain(x));
    }
    push(10, t);

    // 11 tables
    let mut t = String::new();
    for et in &r.evaluation_tables {
        let u = et.unit.as_deref().unwrap_or("万元");
        line(&mut t, &et.title);
        for f in &et.funds {
            let mut s = f.label.clone();
            for (label, v, unit) in [
                (w.initial, &f.initial, u),
                (w.total, &f.budget, u),
                (w.executed, &f.executed, u),
                (w.weight, &f.weight, ""),
                (w.rate, &f.rate, "%"),
                (w.score, &f.score, ""),
            ] {
                if let Some(v) = v {
                    let _ = write!(s, " {}", w.pair(label, format_args!("{}{unit}", v.grouped())));
                }
            }
            line(&mut t, &s);
        }
        for ind in &et.indicators {
            let mut s = format!("{} {} {}", ind.level1, ind.level2.as_deref().unwrap_or(""), ind.name);
            let v = target_value(ind.target.as_ref(), ind.unit.as_deref());
            if !v.is_empty() {
                let _ = write!(s, " {}", w.pair(w.indicator_target, v));
            }
            if let Some(a) = &ind.actual {
                if let Some(v) = &a.value {
                    let _ = write!(s, " {}", w.pair(w.actual, format_args!("{}{}", v.grouped(), ind.unit.as_deref().unwrap_or(""))));
                }
                if let Some(x) = &a.text {
                    let _ = write!(s, " {}", plain(x));
                }
            }
            if let Some(v) = &ind.weight {
                let _ = write!(s, " {}", w.pair(w.weight, v.grouped()));
            }
            if let Some(v) = &ind.score {
                let _ = write!(s, " {}", w.pair(w.score, v.grouped()));
            }
            if let Some(x) = &ind.deviation {
                let _ = write!(s, " {x}");
            }
            line(&mut t, &s);
        }
        if let Some(s) = &et.total_score {
            let grade = et.grade.as_deref().map(|g| format!(" {}", w.pair(w.grade, g))).unwrap_or_default();
            line(&mut t, &format!("{}{grade}", w.pair(w.total_score, s.grouped())));
        }
        if let Some(x) = &et.notes {
            line(&mut t, &plain(x));
        }
    }
    push(11, t);
}

/// Every record of the site, by id.
pub fn records(site: &Site) -> Vec<Record> {
    let indicators = indicator_texts(site);
    let words = Words::of(site);
    slots(site).into_iter().enumerate().flat_map(|(n, s)| slot_records(site, &words, &indicators, n as u32, s)).collect()
}
