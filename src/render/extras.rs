//! The comparison pages' part of rendering: the Tera values of a department's comparison
//! ([`crate::site::compare`]), the year pages' rows, and the charts drawn from them
//! ([`crate::charts`]), inline on the pages only (the theme's script offers each as an `.svg`
//! download made from the inline element; no chart file is published).
//!
//! The comparisons themselves are site data ([`Comparisons`]); a thread holds the one of the
//! department it renders pages of, with its Tera form, and drops both at the next department.

use crate::charts::{self, BudgetYear, Chart, Met, Num, PartGroup, ScoreGroup, TargetRow, Texts, TrendPoint};
use crate::model::Figure;
use crate::site::compare::{Comparisons, DepartmentComparison, FigureRow, MeasureHistory, year_rows};
use crate::site::{ReportView, Site, Status};
use crate::strings::Strings;
use std::collections::BTreeMap;
use std::sync::Arc;

/// 全年预算数 vs 执行数 by year, from a department's comparison.
fn budget_chart(c: &DepartmentComparison, name: &str, t: &Texts) -> Chart {
    let row = |key: &str| c.figures.iter().find(|f| f.key == key);
    let (total, executed, rate) = (row("budget_total"), row("executed"), row("rate_reported"));
    let computed = row("rate_computed");
    let years: Vec<BudgetYear> = c
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            let get = |r: Option<&FigureRow>| r.and_then(|r| r.cells[i].value.as_ref()).map(Num::figure);
            let rate = get(rate).or_else(|| get(computed)).map(|n| format!("{}%", n.text));
            BudgetYear { label: year_label(t, y.year), budget: get(total), executed: get(executed), rate }
        })
        .collect();
    charts::budget_by_year("chart-budget", name, &years, &c.unit, t)
}

fn year_label(t: &Texts, year: u16) -> String {
    t.fill("year_label", &[("year", &year.to_string())])
}

/// A measure's actual and target values per year, as chart `id`.
fn trend_chart(id: &str, h: &MeasureHistory, t: &Texts) -> Chart {
    let m = h.main();
    let points: Vec<TrendPoint> = m
        .cells
        .iter()
        .zip(h.target.map(|t| &t.cells[..]).unwrap_or(&[]).iter().map(Some).chain(std::iter::repeat(None)))
        .map(|(c, tc)| {
            // Fall back to the target row's values when the indicator row lacks them.
            let target = c.target.as_ref().or(tc.and_then(|x| x.target.as_ref())).map(Num::figure);
            let actual = c.actual.as_ref().or(tc.and_then(|x| x.actual.as_ref())).map(Num::figure);
            let absent = c.gap.is_some() && tc.is_none_or(|x| x.gap.is_some());
            TrendPoint { label: c.year.to_string(), target, actual, absent, other_unit: c.unit.clone().filter(|_| c.unit_break) }
        })
        .collect();
    charts::trend(id, &m.name, m.unit.as_deref().unwrap_or(""), &points, t)
}

/// The id of the trend chart of measure `n` (from 0) of an indicator page: `_c1`, `_c2` …, so
/// that the ids in its SVG (`_c1-title`, `_c1-k0` …) are unique on the page. Measures' own ids,
/// the sections' anchors, never start with `_` (see `load::validate::is_valid_id`), so these
/// cannot meet one.
pub(super) fn trend_id(n: usize) -> String {
    format!("_c{}", n + 1)
}

/// The charts of a report page: targets (when any is numeric), composition (when the budget
/// has a split), scores by first-level indicator (when a department-wide table has scores).
fn report_charts(r: &ReportView, t: &Texts) -> Vec<Chart> {
    let name = format!("{}{}", r.summary.department_name, year_label(t, r.summary.year));
    let mut out = Vec::new();
    let rows: Vec<TargetRow> = r
        .targets
        .iter()
        .filter(|tv| tv.target.target.as_ref().is_some_and(|v| v.value.is_some()))
        .map(|tv| {
            let tg = tv.target;
            TargetRow {
                label: tg.measure.clone().unwrap_or_else(|| tg.name.clone()),
                unit: tg.unit.clone(),
                op: tv.op.map(str::to_string),
                target: tg.target.as_ref().and_then(|v| v.value.as_ref()).map(Num::figure),
                actual: tg.result.as_ref().and_then(|o| o.value.as_ref()).map(Num::figure),
                met: match tv.status {
                    Status::Met => Met::Yes,
                    Status::NotMet => Met::No,
                    _ => Met::Unknown,
                },
            }
        })
        .collect();
    if !rows.is_empty() {
        out.push(charts::targets("chart-targets", &name, &rows, t));
    }
    let b = &r.report.budget;
    let mut groups = Vec::new();
    if b.basic.is_some() || b.project.is_some() {
        groups.push(PartGroup {
            name: t.get("by_nature"),
            parts: vec![
                (t.get("basic"), b.basic.as_ref().map(Num::figure)),
                (t.get("project"), b.project.as_ref().map(Num::figure)),
            ],
        });
    }
    if !b.by_source.is_empty() {
        groups.push(PartGroup {
            name: t.get("by_source"),
            parts: b.by_source.iter().map(|s| (s.source.clone(), s.amount.as_ref().map(Num::figure))).collect(),
        });
    }
    if !groups.is_empty() {
        out.push(charts::composition("chart-composition", &name, &groups, b.unit(), t));
    }
    if let Some(table) = r.sections().tables.iter().find(|t| t.table.scope == crate::model::TableScope::Department && !t.groups.is_empty()) {
        let groups: Vec<ScoreGroup> = table
            .groups
            .iter()
            .map(|g| {
                let sum = |f: &dyn Fn(&crate::model::Indicator) -> Option<&Figure>| {
                    let figs: Vec<&Figure> = g.rows.iter().filter_map(|row| f(row.indicator)).collect();
                    (!figs.is_empty()).then(|| {
                        let d = figs.iter().map(|x| x.decimals()).max().unwrap_or(0);
                        Num::figure(&Figure::computed(figs.iter().map(|x| x.value()).sum(), d))
                    })
                };
                ScoreGroup { label: g.level1.to_string(), weight: sum(&|i| i.weight.as_ref()), score: sum(&|i| i.score.as_ref()) }
            })
            .collect();
        if groups.iter().any(|g| g.score.is_some()) {
            out.push(charts::scores("chart-scores", &name, &groups, t));
        }
    }
    out
}

/// A page as this module sees it.
#[derive(Debug, Clone, Copy)]
pub(super) enum Page {
    /// `/<dept>/`.
    Department(usize),
    /// `/years/<year>/`.
    Year(usize),
    /// `/<dept>/<year>/`.
    Report(usize),
    /// `/<dept>/indicators/`: every measure of the department (see
    /// [`DepartmentComparison::measures`]).
    Indicators(usize),
    /// Any other page.
    Other,
}

thread_local! {
    /// The department whose values this thread made last, by [`Extras::id`] and department
    /// index (see [`Extras::department_values`]).
    static LAST_DEPARTMENT: std::cell::RefCell<Option<(u64, usize, std::rc::Rc<DepartmentValues>)>> = const { std::cell::RefCell::new(None) };
}

/// Tells one [`Extras`] from another, so a thread never reuses values of an earlier build.
static NEXT_EXTRAS_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A department's comparison as Tera values, made once for its department page and its
/// indicator page (which takes its parts of it), and dropped after them: only the department
/// being rendered is held, not every department's (hundreds of megabytes on a large site).
/// Serialising the comparison was a third of an indicator page's context, and Tera values
/// share their parts when cloned.
struct DepartmentValues {
    /// The comparison itself (charts and descriptions read it).
    comparison: Arc<DepartmentComparison>,
    /// [`DepartmentComparison::measures`] as indices.
    measures: Vec<(Option<usize>, Option<usize>)>,
    /// The whole [`DepartmentComparison`]: `comparison` of the department page.
    value: tera::Value,
    /// `comparison` of the indicator page: the comparison's `years`, `unit` and `gaps`.
    head: tera::Value,
    /// [`DepartmentComparison::indicators`], one value each.
    indicators: Vec<tera::Value>,
    /// [`DepartmentComparison::targets`], one value each.
    targets: Vec<tera::Value>,
}

impl DepartmentValues {
    fn new(comparison: Arc<DepartmentComparison>) -> DepartmentValues {
        let c = &*comparison;
        let value = tera::Value::from_serializable(c);
        let part = |key: &str| value.get_from_path(key).cloned().unwrap_or_else(tera::Value::none);
        let head = tera::Value::from(BTreeMap::from([("years", part("years")), ("unit", part("unit")), ("gaps", part("gaps"))]));
        let list = |key: &str| part(key).as_array().map(<[tera::Value]>::to_vec).unwrap_or_default();
        let (indicators, targets) = (list("indicators"), list("targets"));
        debug_assert_eq!((indicators.len(), targets.len()), (c.indicators.len(), c.targets.len()));
        let measures = c.measure_indices();
        DepartmentValues { comparison, measures, value, head, indicators, targets }
    }

    /// [`MeasureHistory`] of the measure at `pair` (see [`DepartmentComparison::measure_indices`])
    /// with its trend chart `chart`.
    fn measure(&self, (indicator, target): (Option<usize>, Option<usize>), chart: &Chart) -> tera::Value {
        let pick = |list: &[tera::Value], i: Option<usize>| i.and_then(|i| list.get(i).cloned()).unwrap_or_else(tera::Value::none);
        tera::Value::from(BTreeMap::from([
            ("indicator", pick(&self.indicators, indicator)),
            ("target", pick(&self.targets, target)),
            ("chart", tera::Value::from_serializable(chart)),
        ]))
    }
}

/// What comparison and chart pages need: the comparisons, the theme's chart words and chart
/// CSS; each department's Tera values are made when its pages are rendered
/// ([`DepartmentValues`]).
pub(super) struct Extras {
    /// Unique among the `Extras` of this process (see [`LAST_DEPARTMENT`]).
    id: u64,
    enabled: bool,
    /// By department index: whether its pages may be rendered ([`Extras::for_departments`]).
    wanted: Vec<bool>,
    /// The comparisons in other words than the site's (a theme whose strings differ from those
    /// the site was derived with); `None` uses [`Site::comparisons`].
    own: Option<Comparisons>,
    texts: Texts,
}

impl Extras {
    /// For the departments `wanted` says only (every department for a whole build; the pages a
    /// rebuild renders again): the pages of other departments must not be rendered.
    /// `strings` are the theme's UI strings (`chart.*`, [`crate::site::compare::Labels::KEYS`]
    /// used).
    pub(super) fn for_departments(
        site: &Site,
        strings: &Strings,
        wanted: &(dyn Fn(usize) -> bool + Sync),
    ) -> Extras {
        Extras {
            id: NEXT_EXTRAS_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            enabled: site.with_comparisons,
            wanted: (0..site.departments.len()).map(wanted).collect(),
            own: (site.strings != *strings).then(|| Comparisons::new(site.departments.len(), strings)),
            texts: Texts::from_strings(strings),
        }
    }

    /// Department `i`'s comparison, which must be in the scope asked for: the one this thread
    /// holds for the department's pages (see [`Extras::department_values`]).
    pub(super) fn comparison(&self, site: &Site, i: usize) -> Arc<DepartmentComparison> {
        self.department_values(site, i).comparison.clone()
    }

    /// Department `i`'s comparison's Tera values: made on this thread's first page of the
    /// department and kept for the next one (pages are planned department page first, then
    /// its indicator page, and each thread renders a run of consecutive pages). The
    /// department must be in the scope asked for.
    fn department_values(&self, site: &Site, i: usize) -> std::rc::Rc<DepartmentValues> {
        LAST_DEPARTMENT.with(|last| {
            let mut last = last.borrow_mut();
            if let Some((id, d, values)) = last.as_ref()
                && (*id, *d) == (self.id, i)
            {
                return values.clone();
            }
            assert!(self.wanted[i], "a page is rendered only with its department in scope");
            // The previous department's values and comparison go first: a thread holds one.
            *last = None;
            let comparison = self.own.as_ref().unwrap_or(&site.comparisons).department(site, i);
            let values = std::rc::Rc::new(DepartmentValues::new(comparison));
            *last = Some((self.id, i, values.clone()));
            values
        })
    }

    fn charts(&self, site: &Site, page: Page) -> Vec<Chart> {
        if !self.enabled {
            return Vec::new();
        }
        match page {
            Page::Department(i) => {
                let c = self.comparison(site, i);
                if c.years.is_empty() { Vec::new() } else { vec![budget_chart(&c, site.departments[i].name, &self.texts)] }
            }
            Page::Report(i) => report_charts(&site.reports[i], &self.texts),
            // One chart per measure, in the page's `measures` (see `extend_context`).
            Page::Indicators(_) => Vec::new(),
            _ => Vec::new(),
        }
    }

    /// The comparison of department `d` for its indicator page; `None` without comparisons.
    /// [`DepartmentComparison::measures`] are the page's sections.
    pub(super) fn indicator_comparison(&self, site: &Site, d: usize) -> Option<Arc<DepartmentComparison>> {
        self.enabled.then(|| self.comparison(site, d))
    }

    /// Adds this module's values to a page's context: `comparison` (department pages),
    /// `year_rows` (year pages), `measures` and `comparison` (indicator pages), `charts` (a
    /// map from chart kind to [`Chart`], empty when none) on every page.
    pub(super) fn extend_context(&self, site: &Site, page: Page, ctx: &mut tera::Context) {
        let charts = self.charts(site, page);
        let by_kind: BTreeMap<&str, &Chart> = charts.iter().map(|c| (c.kind, c)).collect();
        ctx.insert("charts", &by_kind);
        if !self.enabled {
            return;
        }
        match page {
            Page::Department(i) => ctx.insert_value("comparison", self.department_values(site, i).value.clone()),
            Page::Year(i) => ctx.insert("year_rows", &year_rows(site, i)),
            Page::Indicators(d) => {
                let values = self.department_values(site, d);
                // Only what the page needs besides the measures: years, unit and the footnotes
                // its cells' `note` numbers refer to.
                ctx.insert_value("comparison", values.head.clone());
                let c = &values.comparison;
                let measures: Vec<tera::Value> = values
                    .measures
                    .iter()
                    .enumerate()
                    .map(|(n, &pair)| values.measure(pair, &trend_chart(&trend_id(n), &c.history(pair), &self.texts)))
                    .collect();
                ctx.insert_value("measures", tera::Value::from(measures));
                // The trend charts' markers, once for the page (in every chart they were 330
                // bytes each).
                ctx.insert("trend_markers", &charts::trend_markers());
            }
            _ => {}
        }
    }
}
