//! The derived site: which reports are published, departments with their reports by year, years
//! with the reports of all departments, and the figures jixiao computes itself (执行率 from
//! 执行数 ÷ 全年预算数, met / not met for every target and indicator) next to the ones the
//! publisher wrote.
//!
//! The comparisons across years ([`compare`]) are derived here too, per department when first
//! asked for and kept while in use, in the theme's words ([`Site::with_strings`]), for the
//! search records and the pages alike.
//!
//! [`Site::new`] is a pure function of the loaded [`Content`]: no file access, no clock, no
//! hash-map iteration, so the same content always gives the same site. Not here: how anything
//! looks (that is `render` and the theme) and consistency warnings (that is `check`).

pub mod changes;
pub mod compare;

use crate::load::Content;
use crate::strings::Strings;
use compare::Comparisons;
use crate::model::{
    Achievement, Department, EvaluationTable, Figure, FreePage, FundsRow, Indicator, KeyFigure,
    Report, Target,
};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

/// How many reports the home page lists as the latest.
pub const LATEST_COUNT: usize = 10;

/// The site to render.
pub struct Site<'c> {
    /// The loaded content.
    pub content: &'c Content,
    /// Whether drafts are included.
    pub drafts: bool,
    /// Whether comparisons across years, the indicator pages and the charts are built (see
    /// [`compare`]): always in a published site ([`Site::new`]); the benchmark turns them off to
    /// measure what they cost ([`crate::BuildOptions::comparisons`]).
    pub with_comparisons: bool,
    /// Every department, sorted by id (also those without published reports).
    pub departments: Vec<DepartmentView<'c>>,
    /// Published reports, sorted by department id, then year.
    pub reports: Vec<ReportView<'c>>,
    /// Years with at least one published report, newest first.
    pub years: Vec<YearView>,
    /// Indices into `reports` of the latest reports: by publication date, then year, newest
    /// first; at most [`LATEST_COUNT`].
    pub latest: Vec<usize>,
    /// Free pages to build (drafts only with `drafts`), in navigation order.
    pub pages: Vec<&'c FreePage>,
    /// The theme's UI strings that derived words (comparisons, search records) are made of:
    /// the embedded default theme's unless [`Site::with_strings`] says otherwise.
    pub strings: Strings,
    /// Every department's comparison across years, in the words of `strings`.
    pub comparisons: Comparisons,
}

/// A department and where its reports are.
#[derive(Debug, Clone, Serialize)]
pub struct DepartmentView<'c> {
    /// Folder name.
    pub id: &'c str,
    /// Site-relative URL, e.g. `huangpu/`.
    pub url: String,
    /// Short name if given, else the full name.
    pub name: &'c str,
    /// The profile as written.
    pub profile: &'c Department,
    /// Fictional demonstration data.
    pub demo: bool,
    /// Indices into [`Site::reports`], newest year first.
    #[serde(skip)]
    pub reports: Vec<usize>,
}

/// A year and the reports published for it.
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    /// The year.
    pub year: u16,
    /// Site-relative URL, e.g. `years/2022/`.
    pub url: String,
    /// Number of reports.
    pub count: usize,
    /// Indices into [`Site::reports`], by department id.
    #[serde(skip)]
    pub reports: Vec<usize>,
}

/// Jixiao's status of a target or indicator: judged once by [`crate::judge::target`].
pub use crate::judge::Status;

/// How many targets or indicators have each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    /// [`Status::Met`].
    pub met: usize,
    /// [`Status::NotMet`].
    pub not_met: usize,
    /// [`Status::Qualitative`].
    pub qualitative: usize,
    /// [`Status::Unknown`].
    pub unknown: usize,
    /// All of them.
    pub total: usize,
}

impl StatusCounts {
    fn add(&mut self, s: Status) {
        match s {
            Status::Met => self.met += 1,
            Status::NotMet => self.not_met += 1,
            Status::Qualitative => self.qualitative += 1,
            Status::Unknown => self.unknown += 1,
        }
        self.total += 1;
    }
}

/// An execution rate as published and as computed by jixiao, judged once by
/// [`crate::judge::execution_rate`]: templates see `reported`, `computed` and `differs`.
pub type Rate = crate::judge::RateJudgement;

/// What a listing (home, year, department pages) shows of a report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportSummary<'c> {
    /// Department id.
    pub department: &'c str,
    /// Department short name (or full name).
    pub department_name: &'c str,
    /// Department full name.
    pub department_full_name: &'c str,
    /// Site-relative URL of the department page.
    pub department_url: String,
    /// The year.
    pub year: u16,
    /// Site-relative URL, e.g. `huangpu/2022/`.
    pub url: String,
    /// Title as published.
    pub title: &'c str,
    /// Publication date `YYYY-MM-DD`, when given.
    pub published: Option<&'c str>,
    /// A draft (only present with `--drafts`).
    pub draft: bool,
    /// Fictional demonstration data.
    pub demo: bool,
    /// Unit of the amounts.
    pub unit: &'c str,
    /// 全年预算数.
    pub budget_total: Option<&'c Figure>,
    /// 全年执行数.
    pub executed: Option<&'c Figure>,
    /// 执行率 as published and as computed.
    pub rate: Rate,
    /// Statuses of the targets.
    pub target_counts: StatusCounts,
    /// Total score and grade, from the report's `score`, else from its department-wide table.
    pub score: Option<&'c Figure>,
    /// Grade as published.
    pub grade: Option<&'c str>,
}

/// A published report with everything derived from it.
///
/// Templates see one object (see [`ReportView`]'s `Serialize`): the report's own fields as in
/// the YAML, where `targets`, `task_narratives`, `achievements` and `evaluation_tables` carry
/// jixiao's derived values beside the published ones, plus the [`ReportSummary`] fields.
/// Every published value appears once, so building the page context stays cheap.
#[derive(Debug, Clone)]
pub struct ReportView<'c> {
    /// What listings show.
    pub summary: ReportSummary<'c>,
    /// Index into [`Site::departments`].
    pub department_index: usize,
    /// Source file, relative to the site root.
    pub source: &'c Path,
    /// The report as written.
    pub report: &'c Report,
    /// Targets with jixiao's status.
    pub targets: Vec<TargetView<'c>>,
    /// Narratives, achievements and tables, derived on first use ([`ReportView::sections`]):
    /// most of the cost of a view, and what `jixiao serve` needs of only the pages an edit
    /// touches (a year or home page lists summaries alone).
    sections: OnceLock<ReportSections<'c>>,
}

/// The parts of a [`ReportView`] derived on first use.
#[derive(Debug, Clone)]
pub struct ReportSections<'c> {
    /// 二（三）narratives with their task's title.
    pub narratives: Vec<NarrativeView<'c>>,
    /// 二（四）achievements with their figures flattened.
    pub achievements: Vec<AchievementView<'c>>,
    /// Self-evaluation tables, indicators grouped.
    pub tables: Vec<TableView<'c>>,
}

impl<'c> ReportView<'c> {
    /// The narratives, achievements and tables (derived from the report once, when first asked).
    pub fn sections(&self) -> &ReportSections<'c> {
        self.sections.get_or_init(|| report_sections(self.report))
    }
}

/// The template object `report`: summary fields (department, department_name,
/// department_full_name, department_url, year, url, title, published, draft, demo, unit,
/// rate, target_counts, score, grade), then the report's sections
/// (cover, overview, work, budget, performance, targets, summary, results_intro,
/// task_narratives, achievements, problems, improvements, evaluation_tables, unplaced).
impl Serialize for ReportView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (m, r, sections) = (&self.summary, self.report, self.sections());
        let mut st = s.serialize_struct("Report", 30)?;
        st.serialize_field("department", m.department)?;
        st.serialize_field("department_name", m.department_name)?;
        st.serialize_field("department_full_name", m.department_full_name)?;
        st.serialize_field("department_url", &m.department_url)?;
        st.serialize_field("year", &m.year)?;
        st.serialize_field("url", &m.url)?;
        st.serialize_field("title", m.title)?;
        st.serialize_field("published", &m.published)?;
        st.serialize_field("draft", &m.draft)?;
        st.serialize_field("demo", &m.demo)?;
        st.serialize_field("unit", m.unit)?;
        st.serialize_field("rate", &m.rate)?;
        st.serialize_field("target_counts", &m.target_counts)?;
        st.serialize_field("score", &m.score)?;
        st.serialize_field("grade", &m.grade)?;
        st.serialize_field("cover", &r.cover)?;
        st.serialize_field("overview", &r.overview)?;
        st.serialize_field("work", &r.work)?;
        st.serialize_field("budget", &r.budget)?;
        st.serialize_field("performance", &r.performance)?;
        st.serialize_field("targets", &self.targets)?;
        st.serialize_field("summary", &r.summary)?;
        st.serialize_field("results_intro", &r.results_intro)?;
        st.serialize_field("task_narratives", &sections.narratives)?;
        st.serialize_field("achievements", &sections.achievements)?;
        st.serialize_field("problems", &r.problems)?;
        st.serialize_field("improvements", &r.improvements)?;
        st.serialize_field("evaluation_tables", &sections.tables)?;
        st.serialize_field("unplaced", &r.unplaced)?;
        st.end()
    }
}

/// A target and jixiao's verdict. Templates see the target's own fields (id, name, measure,
/// unit, direction, target, result) and number, op, status, verdict, agrees.
#[derive(Debug, Clone)]
pub struct TargetView<'c> {
    /// 1-based position, as numbered in the report.
    pub number: usize,
    /// The target as written.
    pub target: &'c Target,
    /// The comparison actually used: the written operator, or one implied by `direction`.
    pub op: Option<&'static str>,
    /// Jixiao's status.
    pub status: Status,
    /// The publisher's own verdict (`result.met`).
    pub verdict: Option<bool>,
    /// Whether the publisher's verdict agrees with jixiao's, when both are yes/no.
    pub agrees: Option<bool>,
}

impl Serialize for TargetView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let t = self.target;
        let mut st = s.serialize_struct("Target", 12)?;
        st.serialize_field("id", &t.id)?;
        st.serialize_field("name", &t.name)?;
        st.serialize_field("measure", &t.measure)?;
        st.serialize_field("unit", &t.unit)?;
        st.serialize_field("direction", &t.direction)?;
        st.serialize_field("target", &t.target)?;
        st.serialize_field("result", &t.result)?;
        st.serialize_field("number", &self.number)?;
        st.serialize_field("op", &self.op)?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("verdict", &self.verdict)?;
        st.serialize_field("agrees", &self.agrees)?;
        st.end()
    }
}

/// A narrative of 二（三）.
#[derive(Debug, Clone, Serialize)]
pub struct NarrativeView<'c> {
    /// The task's number in 一（二）, when the task exists.
    pub number: Option<usize>,
    /// Task id.
    pub task: &'c str,
    /// The task's title from 一（二）.
    pub task_title: Option<&'c str>,
    /// Heading shown: the published heading, else the task's title, else its id.
    pub heading: &'c str,
    /// Markdown.
    pub text: &'c str,
}

/// An achievement and its figures as table rows. Templates see id, title, text, number and
/// `figures`: the key figures flattened into rows, parts right after their whole.
#[derive(Debug, Clone)]
pub struct AchievementView<'c> {
    /// 1-based position.
    pub number: usize,
    /// The achievement as written.
    pub achievement: &'c Achievement,
    /// Key figures, parts right after their whole (depth 1, 2, …).
    pub figures: Vec<FigureRow<'c>>,
}

impl Serialize for AchievementView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let a = self.achievement;
        let mut st = s.serialize_struct("Achievement", 5)?;
        st.serialize_field("id", &a.id)?;
        st.serialize_field("title", &a.title)?;
        st.serialize_field("text", &a.text)?;
        st.serialize_field("number", &self.number)?;
        st.serialize_field("figures", &self.figures)?;
        st.end()
    }
}

/// One row of a key-figures table: a figure and how deep among parts it sits. Templates see
/// `id`, `label`, `value`, `unit` (the figure's), `depth` (0 for a figure, 1 for its parts
/// (其中), 2 for parts of parts …), `parts_complete`, `parts_sequence` and `has_parts`.
/// (A reference and a depth: there are about seventy rows a report, kept for the whole build.)
#[derive(Debug, Clone)]
pub struct FigureRow<'c> {
    /// The figure.
    pub figure: &'c KeyFigure,
    /// 0 for a figure, 1 for its parts (其中), 2 for parts of parts …
    pub depth: u8,
}

impl Serialize for FigureRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let f = self.figure;
        let mut st = s.serialize_struct("FigureRow", 8)?;
        st.serialize_field("id", &f.id)?;
        st.serialize_field("label", &f.label)?;
        st.serialize_field("value", &f.value)?;
        st.serialize_field("unit", &f.unit)?;
        st.serialize_field("depth", &(self.depth as usize))?;
        st.serialize_field("parts_complete", &f.parts_complete)?;
        st.serialize_field("parts_sequence", &f.parts_sequence)?;
        st.serialize_field("has_parts", &!f.parts.is_empty())?;
        st.end()
    }
}

/// A self-evaluation table with computed rates and grouped indicators. Templates see the
/// table's own fields (id, title, scope, total_weight, total_score, grade, notes), `unit`
/// (万元 unless stated), `funds` (rows with `rate` as published and computed), `groups`
/// (indicators by 一级指标), `counts`, `weight_sum`, `score_sum`.
#[derive(Debug, Clone)]
pub struct TableView<'c> {
    /// The table as written.
    pub table: &'c EvaluationTable,
    /// Unit of the funds block.
    pub unit: &'c str,
    /// Funds rows with their computed rates.
    pub funds: Vec<FundsRowView<'c>>,
    /// Indicators grouped by 一级指标 (first-appearance order), then 二级指标.
    pub groups: Vec<IndicatorGroup<'c>>,
    /// Statuses of the indicators.
    pub counts: StatusCounts,
    /// Sum of the weights of funds rows and indicators, when any is given.
    pub weight_sum: Option<Figure>,
    /// Sum of the scores of funds rows and indicators, when any is given.
    pub score_sum: Option<Figure>,
}

impl Serialize for TableView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let t = self.table;
        let mut st = s.serialize_struct("EvaluationTable", 13)?;
        st.serialize_field("id", &t.id)?;
        st.serialize_field("title", &t.title)?;
        st.serialize_field("scope", &t.scope)?;
        st.serialize_field("total_weight", &t.total_weight)?;
        st.serialize_field("total_score", &t.total_score)?;
        st.serialize_field("grade", &t.grade)?;
        st.serialize_field("notes", &t.notes)?;
        st.serialize_field("unit", self.unit)?;
        st.serialize_field("funds", &self.funds)?;
        st.serialize_field("groups", &self.groups)?;
        st.serialize_field("counts", &self.counts)?;
        st.serialize_field("weight_sum", &self.weight_sum)?;
        st.serialize_field("score_sum", &self.score_sum)?;
        st.end()
    }
}

/// A funds row and its computed rate. Templates see label, initial, budget, executed, weight,
/// score, and `rate` (reported, computed, differs).
#[derive(Debug, Clone)]
pub struct FundsRowView<'c> {
    /// The row as written.
    pub row: &'c FundsRow,
    /// 执行率 as published and computed.
    pub rate: Rate,
}

impl Serialize for FundsRowView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let r = self.row;
        let mut st = s.serialize_struct("FundsRow", 7)?;
        st.serialize_field("label", &r.label)?;
        st.serialize_field("initial", &r.initial)?;
        st.serialize_field("budget", &r.budget)?;
        st.serialize_field("executed", &r.executed)?;
        st.serialize_field("weight", &r.weight)?;
        st.serialize_field("score", &r.score)?;
        st.serialize_field("rate", &self.rate)?;
        st.end()
    }
}

/// The indicators under one 一级指标.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorGroup<'c> {
    /// 一级指标.
    pub level1: &'c str,
    /// Rows, grouped by 二级指标.
    pub rows: Vec<IndicatorRow<'c>>,
}

/// One indicator row. Templates see the indicator's own fields (id, level1, level2, name,
/// unit, direction, target, actual, weight, score, deviation) and op, status, verdict, agrees,
/// level2_rowspan.
#[derive(Debug, Clone)]
pub struct IndicatorRow<'c> {
    /// The indicator as written.
    pub indicator: &'c Indicator,
    /// The comparison used.
    pub op: Option<&'static str>,
    /// Jixiao's status.
    pub status: Status,
    /// The publisher's verdict (`actual.met`).
    pub verdict: Option<bool>,
    /// Whether the publisher's verdict agrees with jixiao's.
    pub agrees: Option<bool>,
    /// Rows the 二级指标 cell spans: the subgroup size on its first row, 0 on the others.
    pub level2_rowspan: usize,
}

impl Serialize for IndicatorRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let i = self.indicator;
        let mut st = s.serialize_struct("Indicator", 16)?;
        st.serialize_field("id", &i.id)?;
        st.serialize_field("level1", &i.level1)?;
        st.serialize_field("level2", &i.level2)?;
        st.serialize_field("name", &i.name)?;
        st.serialize_field("unit", &i.unit)?;
        st.serialize_field("direction", &i.direction)?;
        st.serialize_field("target", &i.target)?;
        st.serialize_field("actual", &i.actual)?;
        st.serialize_field("weight", &i.weight)?;
        st.serialize_field("score", &i.score)?;
        st.serialize_field("deviation", &i.deviation)?;
        st.serialize_field("op", &self.op)?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("verdict", &self.verdict)?;
        st.serialize_field("agrees", &self.agrees)?;
        st.serialize_field("level2_rowspan", &self.level2_rowspan)?;
        st.end()
    }
}

fn sum<'f>(figures: impl Iterator<Item = Option<&'f Figure>>) -> Option<Figure> {
    let mut total = 0.0;
    let mut decimals = 0;
    let mut any = false;
    for f in figures.flatten() {
        total += f.value();
        decimals = decimals.max(f.decimals());
        any = true;
    }
    any.then(|| Figure::computed(total, decimals))
}

/// Figures with their parts, at every depth.
fn count_figures(figures: &[KeyFigure]) -> usize {
    figures.iter().map(|f| 1 + count_figures(&f.parts)).sum()
}

fn flatten_figures<'c>(figures: &'c [KeyFigure], depth: u8, out: &mut Vec<FigureRow<'c>>) {
    for f in figures {
        out.push(FigureRow { figure: f, depth });
        flatten_figures(&f.parts, depth.saturating_add(1), out);
    }
}

fn table_view(table: &EvaluationTable) -> TableView<'_> {
    let funds = table
        .funds
        .iter()
        .map(|row| FundsRowView { row, rate: crate::judge::execution_rate(row.executed.as_ref(), row.budget.as_ref(), row.rate.as_ref()) })
        .collect();
    // Group by level1 in first-appearance order, then by level2 within it (stable).
    // A table has a handful of 一级指标: a linear search beats a map (Site::new runs on every
    // edit in `jixiao serve`).
    let mut by_level1: Vec<(&str, Vec<&Indicator>)> = Vec::new();
    for ind in &table.indicators {
        let key = ind.level1.as_str();
        match by_level1.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(ind),
            None => by_level1.push((key, vec![ind])),
        }
    }
    let mut counts = StatusCounts::default();
    let mut groups = Vec::new();
    for (level1, members) in &by_level1 {
        let level1 = *level1;
        let mut l2_order: Vec<Option<&str>> = Vec::new();
        for ind in members {
            let l2 = ind.level2.as_deref();
            if !l2_order.contains(&l2) {
                l2_order.push(l2);
            }
        }
        let mut rows = Vec::new();
        for l2 in l2_order {
            let sub: Vec<&&Indicator> = members.iter().filter(|i| i.level2.as_deref() == l2).collect();
            for (i, ind) in sub.iter().enumerate() {
                let judged = crate::judge::target(ind.target.as_ref(), ind.direction, ind.actual.as_ref());
                counts.add(judged.status);
                rows.push(IndicatorRow {
                    indicator: ind,
                    op: judged.op,
                    status: judged.status,
                    verdict: judged.verdict,
                    agrees: judged.agrees,
                    level2_rowspan: if i == 0 { sub.len() } else { 0 },
                });
            }
        }
        groups.push(IndicatorGroup { level1, rows });
    }
    let weight_sum = sum(table.funds.iter().map(|r| r.weight.as_ref()).chain(table.indicators.iter().map(|i| i.weight.as_ref())));
    let score_sum = sum(table.funds.iter().map(|r| r.score.as_ref()).chain(table.indicators.iter().map(|i| i.score.as_ref())));
    TableView {
        table,
        unit: table.unit.as_deref().unwrap_or("万元"),
        funds,
        groups,
        counts,
        weight_sum,
        score_sum,
    }
}

fn report_view<'c>(
    dept_id: &'c str,
    dept_index: usize,
    profile: &'c Department,
    year: u16,
    source: &'c Path,
    report: &'c Report,
) -> ReportView<'c> {
    let mut counts = StatusCounts::default();
    let targets = report
        .targets
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let judged = crate::judge::target(t.target.as_ref(), t.direction, t.result.as_ref());
            counts.add(judged.status);
            TargetView { number: i + 1, target: t, op: judged.op, status: judged.status, verdict: judged.verdict, agrees: judged.agrees }
        })
        .collect();
    let dept_table = report
        .evaluation_tables
        .iter()
        .find(|t| t.scope == crate::model::TableScope::Department && t.total_score.is_some());
    let (score, grade) = match (&report.score, dept_table) {
        (Some(s), _) => (Some(&s.total), s.grade.as_deref()),
        (None, Some(t)) => (t.total_score.as_ref(), t.grade.as_deref()),
        (None, None) => (None, None),
    };
    let b = &report.budget;
    let summary = ReportSummary {
        department: dept_id,
        department_name: profile.short_name.as_deref().unwrap_or(&profile.name),
        department_full_name: &profile.name,
        department_url: format!("{dept_id}/"),
        year,
        url: format!("{dept_id}/{year}/"),
        title: &report.title,
        published: report.published.as_deref(),
        draft: report.draft,
        demo: profile.demo,
        unit: b.unit(),
        budget_total: b.total.as_ref(),
        executed: b.executed.as_ref(),
        rate: crate::judge::execution_rate(b.executed.as_ref(), b.total.as_ref(), b.execution_rate.as_ref()),
        target_counts: counts,
        score,
        grade,
    };
    ReportView {
        summary,
        department_index: dept_index,
        source,
        report,
        targets,
        sections: OnceLock::new(),
    }
}

/// The costly parts of a report's view: narratives with their task, achievements with their
/// figures flattened, tables with indicators grouped.
fn report_sections(report: &Report) -> ReportSections<'_> {
    let tasks = &report.work.tasks;
    let narratives = report
        .task_narratives
        .iter()
        .map(|n| {
            let task = tasks.iter().position(|t| t.id == n.task);
            let title = task.map(|i| tasks[i].title.as_str());
            NarrativeView {
                number: task.map(|i| i + 1),
                task: &n.task,
                task_title: title,
                heading: n.heading.as_deref().or(title).unwrap_or(&n.task),
                text: &n.text,
            }
        })
        .collect();
    let achievements = report
        .achievements
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut figures = Vec::with_capacity(count_figures(&a.figures));
            flatten_figures(&a.figures, 0, &mut figures);
            AchievementView { number: i + 1, achievement: a, figures }
        })
        .collect();
    let tables: Vec<TableView> = report.evaluation_tables.iter().map(table_view).collect();
    ReportSections { narratives, achievements, tables }
}

impl<'c> Site<'c> {
    /// Derives the site from loaded content; drafts are kept only when `drafts` is true.
    pub fn new(content: &'c Content, drafts: bool) -> Self {
        // Report views (summary, rate, target statuses; their sections come later, on first
        // use) are independent of one another: built in parallel, in department then year order.
        use rayon::prelude::*;
        let published: Vec<(usize, &crate::load::DepartmentEntry, &crate::load::ReportEntry)> = content
            .departments
            .iter()
            .enumerate()
            .flat_map(|(di, entry)| entry.reports.iter().filter(|r| drafts || !r.report.draft).map(move |r| (di, entry, r)))
            .collect();
        let reports: Vec<ReportView<'c>> = published
            .par_iter()
            .map(|&(di, entry, r)| report_view(&entry.id, di, &entry.profile, r.year, &r.path, &r.report))
            .collect();
        let mut departments = Vec::with_capacity(content.departments.len());
        let mut next = 0;
        for (di, entry) in content.departments.iter().enumerate() {
            let profile = &entry.profile;
            let mut own = Vec::new();
            while next < published.len() && published[next].0 == di {
                own.push(next);
                next += 1;
            }
            // Newest year first.
            own.sort_by_key(|&i| std::cmp::Reverse(reports[i].summary.year));
            departments.push(DepartmentView {
                id: &entry.id,
                url: format!("{}/", entry.id),
                name: profile.short_name.as_deref().unwrap_or(&profile.name),
                profile,
                demo: profile.demo,
                reports: own,
            });
        }
        // Reports are already in department-id order (content.departments is sorted) and
        // year order (each department's reports are sorted); keep that order explicit anyway.
        debug_assert!(reports.windows(2).all(|w| {
            (w[0].summary.department, w[0].summary.year) <= (w[1].summary.department, w[1].summary.year)
        }));

        let mut by_year: BTreeMap<u16, Vec<usize>> = BTreeMap::new();
        for (i, r) in reports.iter().enumerate() {
            by_year.entry(r.summary.year).or_default().push(i);
        }
        let years = by_year
            .into_iter()
            .rev()
            .map(|(year, reports)| YearView { year, url: format!("years/{year}/"), count: reports.len(), reports })
            .collect();

        let mut latest: Vec<usize> = (0..reports.len()).collect();
        // Dated reports first, newest date first; then newest year; then department id.
        let key = |i: usize| {
            let r = &reports[i].summary;
            (r.published.is_some(), r.published, r.year, std::cmp::Reverse(r.department))
        };
        latest.sort_by(|&a, &b| key(b).cmp(&key(a)));
        latest.truncate(LATEST_COUNT);

        let pages = content.pages.iter().filter(|p| drafts || !p.meta.draft).collect();

        let strings = crate::strings::default_strings().clone();
        let comparisons = Comparisons::new(departments.len(), &strings);
        Site { content, drafts, with_comparisons: true, departments, reports, years, latest, pages, strings, comparisons }
    }

    /// The site with its derived words (comparisons, search records) taken from `strings`, the
    /// UI strings of the theme it is rendered with.
    pub fn with_strings(mut self, strings: Strings) -> Self {
        self.comparisons = Comparisons::new(self.departments.len(), &strings);
        self.strings = strings;
        self
    }

    /// Number of reports published.
    pub fn report_count(&self) -> usize {
        self.reports.len()
    }

    /// The department a report belongs to.
    pub fn department_of(&self, report: &ReportView<'_>) -> &DepartmentView<'c> {
        &self.departments[report.department_index]
    }
}
