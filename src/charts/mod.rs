//! Charts as SVG, drawn at build time by pure functions: data in, SVG text out.
//!
//! Five kinds, each returning a [`Chart`] (the `<svg>` plus the same data as a table):
//! [`budget_by_year`], [`composition`], [`targets`], [`trend`], [`scores`].
//!
//! What every chart guarantees:
//! - `role="img"` with `<title>` and `<desc>` tied by `aria-labelledby`; the same figures in
//!   [`Chart::table`] for a table next to it;
//! - scales with "nice" ticks ([`scale::nice_ticks`]), numbers with thousands separators and the
//!   unit stated; negative, zero, missing (a gap and a note, never a zero), very large and very
//!   small values;
//! - layout measured with a font-independent text-width model ([`text`]: CJK = 1 em), so labels
//!   neither overlap nor leave the `viewBox`: the chart grows instead;
//! - no colour in the Rust code: elements carry classes (`jx-s0`, `jx-s1`, `jx-grid` …) that the
//!   theme styles with CSS custom properties (`static/chart.css`); series differ in black and
//!   white too (solid vs hatched fill, circle vs square markers, solid vs dashed lines, and a
//!   direct label naming the series on every bar);
//! - deterministic: the same data gives the same bytes.
//!
//! UI words come from [`Texts`] (the theme's `chart.*` strings). Charts are drawn inline in
//! their pages only; the theme's script offers each as an `.svg` download made from the inline
//! element with the page's chart styles written on it (no file is published per chart).

pub mod scale;
pub mod text;

use crate::model::Figure;
use scale::{Coord, Linear, nice_ticks};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A number to draw: its value and the text shown for it (the publisher's digits, grouped).
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    /// Value.
    pub value: f64,
    /// As shown, e.g. `8,334.69`.
    pub text: String,
}

impl Num {
    /// A number shown with its shortest exact decimals and thousands separators.
    pub fn new(value: f64) -> Num {
        Num { value, text: computed(value, scale::decimals_of(value)) }
    }

    /// A published figure, shown as written.
    pub fn figure(f: &Figure) -> Num {
        Num { value: f.value(), text: f.grouped() }
    }

    fn finite(&self) -> Option<f64> {
        self.value.is_finite().then_some(self.value)
    }
}

/// The data of a chart as a table: a caption, column headings, rows (first cell = row heading).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DataTable {
    /// Caption.
    pub caption: String,
    /// Column headings.
    pub columns: Vec<String>,
    /// Rows of cells as shown.
    pub rows: Vec<Vec<String>>,
}

/// A drawn chart.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Id, unique on the page (`chart-budget`); the SVG's ids derive from it.
    pub id: String,
    /// Kind: budget, composition, targets, trend, scores.
    pub kind: &'static str,
    /// Title (also the SVG's `<title>`).
    pub title: String,
    /// Description (also the SVG's `<desc>`).
    pub desc: String,
    /// The inline `<svg>` element.
    pub svg: String,
    /// The same data as a table.
    pub table: DataTable,
    /// Notes shown under the chart (missing values …).
    pub notes: Vec<String>,
}

/// The UI words of charts, from the theme's `chart.*` strings; a key the theme lacks takes the
/// embedded default theme's word ([`crate::strings::get`]).
#[derive(Debug, Clone, Default)]
pub struct Texts {
    strings: BTreeMap<String, String>,
}


impl Texts {
    /// Texts from `chart.*` keys of a theme's strings (keys without the `chart.` prefix are
    /// looked up as `chart.<key>`).
    pub fn from_strings(strings: &BTreeMap<String, String>) -> Texts {
        let strings = strings
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("chart.").map(|k| (k.to_string(), v.clone())))
            .collect();
        Texts { strings }
    }

    /// The word for `key`.
    pub fn get(&self, key: &str) -> String {
        if let Some(text) = self.strings.get(key) {
            return text.clone();
        }
        crate::strings::default_strings().get(&format!("chart.{key}")).cloned().unwrap_or_else(|| key.to_string())
    }

    /// The word for `key` with `{name}` placeholders filled.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        crate::strings::fill(&self.get(key), args)
    }
}

/// A computed value (a tick, a share) as jixiao shows every figure: `decimals` places and
/// thousands separators ([`Figure::grouped`]).
fn computed(value: f64, decimals: usize) -> String {
    Figure::computed(value, decimals).grouped()
}

// ---------------------------------------------------------------------------------------------
// Layout constants (px in the viewBox).

const MIN_WIDTH: f64 = 640.0;
const PAD: f64 = 8.0;
const FS: f64 = 12.0;
/// Line pitch of text: generous, CJK fonts have tall boxes.
const LH: f64 = 20.0;
const BAR_H: f64 = 16.0;
const BAR_PITCH: f64 = 24.0;
const GROUP_GAP: f64 = 12.0;
const LABEL_MAX: f64 = 168.0;
const MIN_PLOT: f64 = 160.0;

/// Text to escape for XML, as an [`svg!`] piece.
struct Esc<'a>(&'a str);

/// A piece of SVG markup that [`svg!`] appends: text as it is, a [`Coord`], [`Esc`]aped text, a
/// number. Charts write thousands of small pieces; `write!` costs several times a push here.
trait Piece {
    fn put(self, out: &mut String);
}

impl Piece for &str {
    fn put(self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for &String {
    fn put(self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for Coord {
    fn put(self, out: &mut String) {
        out.push_str(self.digits(&mut [0; 24]));
    }
}

impl Piece for usize {
    fn put(self, out: &mut String) {
        // A whole number's coordinate text is its digits.
        Coord(self as f64).put(out);
    }
}

impl Piece for Esc<'_> {
    fn put(self, out: &mut String) {
        crate::xml::escape_into(out, self.0);
    }
}

/// Appends pieces ([`Piece`]) to a `String`: `svg!(out, "<line x1=\"", Coord(x), "\"/>\n")`.
macro_rules! svg {
    ($out:expr, $($piece:expr),+ $(,)?) => {{
        let out: &mut String = $out;
        $( Piece::put($piece, &mut *out); )+
    }};
}

/// Where a label is anchored at its `x`. Middle and end are classes (`jx-m`, `jx-e`: the
/// theme's chart.css sets `text-anchor`, and the download script writes it on the file's
/// elements), not an attribute on every label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    /// The class that says the anchor, with its leading space; none for the start.
    fn class(self) -> &'static str {
        match self {
            Anchor::Start => "",
            Anchor::Middle => " jx-m",
            Anchor::End => " jx-e",
        }
    }
}

/// A `<text>` element; `y` is the baseline.
fn text_el(out: &mut String, x: f64, y: f64, anchor: Anchor, class: &str, s: &str) {
    svg!(out, "<text x=\"", Coord(x), "\" y=\"", Coord(y), "\" class=\"", class, anchor.class(), "\">", Esc(s), "</text>\n");
}

/// Labels of one kind (an axis's ticks, a column of row labels) as one `<text>` with a
/// `<tspan>` per label at its `(x, baseline)`: the class and anchor written once. When every
/// label has the same baseline, it is written once too (an absolute `x` alone starts a new
/// run of text at the same baseline).
fn labels_el(out: &mut String, anchor: Anchor, class: &str, labels: &[(f64, f64, &str)]) {
    let Some(&(x0, y0, s0)) = labels.first() else { return };
    if labels.len() == 1 {
        return text_el(out, x0, y0, anchor, class, s0);
    }
    let one_line = labels.iter().all(|l| l.1 == y0);
    out.push_str("<text");
    if one_line {
        svg!(out, " y=\"", Coord(y0), "\"");
    }
    svg!(out, " class=\"", class, anchor.class(), "\">");
    for &(x, y, s) in labels {
        svg!(out, "<tspan x=\"", Coord(x), "\"");
        if !one_line {
            svg!(out, " y=\"", Coord(y), "\"");
        }
        svg!(out, ">", Esc(s), "</tspan>");
    }
    out.push_str("</text>\n");
}

/// Grid lines as one `<path>`: each `(x, y, to)` a line from `(x, y)` to `to` along the
/// other axis (`H` when `vertical` is false, else `V`).
fn grid_el(out: &mut String, vertical: bool, lines: impl Iterator<Item = (f64, f64, f64)>) {
    let mut d = String::new();
    for (x, y, to) in lines {
        svg!(&mut d, "M", Coord(x), " ", Coord(y), if vertical { "V" } else { "H" }, Coord(to));
    }
    if !d.is_empty() {
        svg!(out, "<path d=\"", &d, "\" class=\"jx-grid\"/>\n");
    }
}

/// Appends a rectangle to a path's `d`: the same whole-unit corners a `<rect>` with these
/// attributes has. Shapes of one class (a chart's bars of a series, its tracks) are one
/// `<path>`, as the grid is: a `<rect>` each repeated the class and four attribute names. A
/// rectangle without width is left out (a `<rect>` of width 0 draws nothing, an outlined path
/// would draw its edge).
fn rect_d(d: &mut String, x: f64, y: f64, w: f64, h: f64) {
    if w.round() == 0.0 {
        return;
    }
    svg!(d, "M", Coord(x), " ", Coord(y), "h", Coord(w), "v", Coord(h), "H", Coord(x), "z");
}

/// A `<path>` of shapes drawn with [`rect_d`] (or other subpaths), with its attributes
/// (`class="…"` and any fill); nothing when `d` is empty.
fn path_el(out: &mut String, d: &str, attrs: &str) {
    if !d.is_empty() {
        svg!(out, "<path d=\"", d, "\" ", attrs, "/>\n");
    }
}

/// Baseline of a line of text whose box starts at `top`.
fn baseline(top: f64) -> f64 {
    top + 14.5
}

/// The whole SVG: its opening and accessible name ([`open`]), the hatch pattern when `body`
/// fills with it (a trend chart never does: no definition it would not use), `body`, the end.
fn svg_of(id: &str, kind: &str, width: f64, height: f64, title: &str, desc: &str, body: &str) -> String {
    let mut s = open(id, kind, width, height, title, desc);
    if body.contains(&format!("url(#{id}-p1)")) {
        let _ = writeln!(
            s,
            r#"<defs><pattern id="{id}-p1" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" class="jx-p1-bg"/><line x1="0" y1="0" x2="0" y2="6" class="jx-p1-line"/></pattern></defs>"#
        );
    }
    s.push_str(body);
    s.push_str("</svg>\n");
    s
}

/// The opening of the SVG and its accessible name.
fn open(id: &str, kind: &str, width: f64, height: f64, title: &str, desc: &str) -> String {
    let mut s = String::with_capacity(8192);
    let _ = writeln!(
        s,
        r#"<svg class="jx-chart jx-chart-{kind}" id="{id}" viewBox="0 0 {} {}" role="img" aria-labelledby="{id}-t {id}-d" font-size="{FS}">"#,
        Coord(width),
        Coord(height)
    );
    // Ids `<id>-t` and `<id>-d`, short: an indicator page has a chart per measure.
    svg!(&mut s, "<title id=\"", id, "-t\">", Esc(title), "</title>\n");
    svg!(&mut s, "<desc id=\"", id, "-d\">", Esc(desc), "</desc>\n");
    s
}

/// Fill attributes of a series: series 0 solid (CSS), 1 hatched, others solid with its class.
fn series_attrs(id: &str, series: usize) -> String {
    match series {
        1 => format!(r#"class="jx-s1" fill="url(#{id}-p1)""#),
        n => format!(r#"class="jx-s{n}""#),
    }
}

/// [`series_attrs`] of a data bar (also classed `jx-bar`, unlike legend swatches).
fn bar_attrs(id: &str, series: usize) -> String {
    series_attrs(id, series).replacen(r#"class=""#, r#"class="jx-bar "#, 1)
}

/// A legend: swatch + name per series, laid out in rows within `width`. Returns its height.
fn legend(out: &mut String, id: &str, items: &[(String, LegendMark)], top: f64, width: f64) -> f64 {
    if items.is_empty() {
        return 0.0;
    }
    let mut x = PAD;
    let mut y = top;
    out.push_str("<g class=\"jx-legend\">\n");
    for (name, mark) in items {
        let w = 22.0 + text::width(name, FS) + 16.0;
        if x > PAD && x + w > width - PAD {
            x = PAD;
            y += LH;
        }
        let cy = y + 10.0;
        match mark {
            LegendMark::Bar(s) => {
                svg!(out, "<rect x=\"", Coord(x), "\" y=\"", Coord(cy - 5.0), "\" width=\"16\" height=\"10\" ", &series_attrs(id, *s), "/>\n");
            }
            LegendMark::Line(s) => {
                // The series' line with its point marker (defined once for the page, see
                // `trend_markers`)
                // at the middle vertex.
                svg!(out, "<path d=\"M", Coord(x), " ", Coord(cy), "h8h8\" class=\"jx-line", *s, "\" style=\"marker-mid:url(#", MARKER_ID, *s, ")\"/>\n");
            }
        }
        text_el(out, x + 22.0, baseline(y), Anchor::Start, "jx-label", name);
        x += w;
    }
    out.push_str("</g>\n");
    y + LH - top
}

/// A legend entry's mark: a series' bar swatch, or its line with its point marker (`Line` needs
/// the page to hold [`trend_markers`]).
#[derive(Debug, Clone, Copy)]
enum LegendMark {
    Bar(usize),
    Line(usize),
}

/// A point marker: series 0 a filled circle, 1 a hollow square, others a diamond.
fn marker(out: &mut String, series: usize, x: f64, y: f64) {
    match series {
        0 => {
            svg!(out, "<circle cx=\"", Coord(x), "\" cy=\"", Coord(y), "\" r=\"4\" class=\"jx-mark0\"/>\n");
        }
        1 => {
            svg!(out, "<rect x=\"", Coord(x - 4.0), "\" y=\"", Coord(y - 4.0), "\" width=\"8\" height=\"8\" class=\"jx-mark1\"/>\n");
        }
        n => {
            svg!(out, "<path d=\"M", Coord(x), " ", Coord(y - 5.0), "l5 5l-5 5l-5 -5z\" class=\"jx-mark", n, "\"/>\n");
        }
    }
}

/// Notes under a chart, wrapped; returns the height used.
fn notes_el(out: &mut String, notes: &[String], top: f64, width: f64) -> f64 {
    let mut y = top;
    for n in notes {
        for line in text::wrap(n, width - 2.0 * PAD, FS) {
            text_el(out, PAD, baseline(y), Anchor::Start, "jx-note", &line);
            y += LH;
        }
    }
    y - top
}

/// Picks ticks for `[lo, hi]` whose labels fit `plot_w` without touching.
fn fitting_ticks(lo: f64, hi: f64, plot_w: f64) -> (Vec<f64>, usize) {
    let mut best = nice_ticks(lo, hi, 2);
    for n in (2..=7).rev() {
        let (t, d) = nice_ticks(lo, hi, n);
        let widest = t.iter().map(|v| text::width(&computed(*v, d), FS)).fold(0.0, f64::max);
        let spacing = plot_w / (t.len().max(2) - 1) as f64;
        if widest + 10.0 <= spacing {
            best = (t, d);
            break;
        }
    }
    best
}

// ---------------------------------------------------------------------------------------------
// Horizontal grouped bars: the shared engine of budget, composition and scores.

struct HBar {
    series: usize,
    value: Option<f64>,
    /// The direct label: series name and value (or the missing word).
    label: String,
}

struct HGroup {
    label: String,
    bars: Vec<HBar>,
}

struct HSpec<'a> {
    id: &'a str,
    kind: &'static str,
    title: &'a str,
    desc: &'a str,
    unit_line: Option<String>,
    legend: Vec<String>,
    groups: Vec<HGroup>,
    notes: &'a [String],
}

fn hbars(spec: &HSpec) -> String {
    let label_lines: Vec<Vec<String>> = spec.groups.iter().map(|g| text::wrap(&g.label, LABEL_MAX, FS)).collect();
    let label_w = label_lines.iter().flatten().map(|l| text::width(l, FS)).fold(0.0, f64::max);
    let value_w = spec.groups.iter().flat_map(|g| &g.bars).map(|b| text::width(&b.label, FS)).fold(0.0, f64::max);
    let values: Vec<f64> = spec.groups.iter().flat_map(|g| &g.bars).filter_map(|b| b.value).filter(|v| v.is_finite()).collect();
    let lo = values.iter().copied().fold(0.0, f64::min);
    let hi = values.iter().copied().fold(0.0, f64::max);

    // Width: label column + plot + room for the widest direct label; grows when needed.
    let x0 = PAD + label_w + 10.0;
    let right = value_w + 6.0 + PAD;
    let width = (x0 + MIN_PLOT + right).max(MIN_WIDTH);
    let mut x1 = width - right;
    let (ticks, decimals) = fitting_ticks(lo, hi, x1 - x0);
    let tick_labels: Vec<String> = ticks.iter().map(|v| computed(*v, decimals)).collect();
    let half_first = tick_labels.first().map_or(0.0, |l| text::width(l, FS) / 2.0);
    let half_last = tick_labels.last().map_or(0.0, |l| text::width(l, FS) / 2.0);
    x1 = x1.min(width - PAD - half_last);
    let x0 = x0.max(PAD + half_first);
    let sx = Linear { d0: ticks[0], d1: *ticks.last().unwrap_or(&1.0), r0: x0, r1: x1 };

    let mut body = String::new();
    let mut y = PAD;
    let legend_items: Vec<(String, LegendMark)> =
        spec.legend.iter().enumerate().map(|(i, n)| (n.clone(), LegendMark::Bar(i))).collect();
    y += legend(&mut body, spec.id, &legend_items, y, width);
    if let Some(u) = &spec.unit_line {
        text_el(&mut body, PAD, baseline(y), Anchor::Start, "jx-unit", u);
        y += LH;
    }
    y += 4.0;
    let plot_top = y;
    // Each series' bars as one path, in series order.
    let mut bars: Vec<String> = Vec::new();
    let mut labels = String::new();
    let mut group_labels: Vec<(f64, f64, &str)> = Vec::new();
    for (g, lines) in spec.groups.iter().zip(&label_lines) {
        let bars_h = g.bars.len() as f64 * BAR_PITCH - (BAR_PITCH - BAR_H);
        let text_h = lines.len() as f64 * LH;
        let gh = bars_h.max(text_h);
        let mut ty = y + (gh - text_h) / 2.0;
        for line in lines {
            group_labels.push((PAD + label_w, baseline(ty) - 1.0, line));
            ty += LH;
        }
        let mut by = y + (gh - bars_h) / 2.0;
        for b in &g.bars {
            let zero = sx.at(0.0);
            match b.value.filter(|v| v.is_finite()) {
                Some(v) => {
                    let (a, e) = (sx.at(v.min(0.0)), sx.at(v.max(0.0)));
                    if bars.len() <= b.series {
                        bars.resize(b.series + 1, String::new());
                    }
                    rect_d(&mut bars[b.series], a, by, e - a, BAR_H);
                    // The bar's value is its direct label (no `<title>` repeating it).
                    text_el(&mut labels, e + 6.0, by + 12.5, Anchor::Start, "jx-value", &b.label);
                }
                None => {
                    text_el(&mut labels, zero + 6.0, by + 12.5, Anchor::Start, "jx-missing", &b.label);
                }
            }
            by += BAR_PITCH;
        }
        y += gh + GROUP_GAP;
    }
    let plot_bottom = y - GROUP_GAP + 4.0;
    grid_el(&mut body, true, ticks.iter().map(|t| (sx.at(*t), plot_top, plot_bottom)));
    labels_el(&mut labels, Anchor::End, "jx-label", &group_labels);
    let tick_y = baseline(plot_bottom + 2.0);
    let tick_texts: Vec<(f64, f64, &str)> = ticks.iter().zip(&tick_labels).map(|(t, l)| (sx.at(*t), tick_y, l.as_str())).collect();
    labels_el(&mut labels, Anchor::Middle, "jx-tick", &tick_texts);
    for (series, d) in bars.iter().enumerate() {
        path_el(&mut body, d, &bar_attrs(spec.id, series));
    }
    let zx = sx.at(0.0);
    svg!(&mut body, "<line x1=\"", Coord(zx), "\" y1=\"", Coord(plot_top), "\" x2=\"", Coord(zx), "\" y2=\"", Coord(plot_bottom), "\" class=\"jx-axis\"/>\n");
    body.push_str(&labels);
    let mut y = plot_bottom + LH + 8.0;
    y += notes_el(&mut body, spec.notes, y, width);
    let height = y + PAD;
    svg_of(spec.id, spec.kind, width, height, spec.title, spec.desc, &body)
}

fn shown(n: &Option<Num>, t: &Texts) -> String {
    n.as_ref().filter(|n| n.value.is_finite()).map_or_else(|| t.get("missing"), |n| n.text.clone())
}

// ---------------------------------------------------------------------------------------------
// 1. Budget by year.

/// One year of a department's budget.
#[derive(Debug, Clone)]
pub struct BudgetYear {
    /// Row label, e.g. 2022年度.
    pub label: String,
    /// 全年预算数.
    pub budget: Option<Num>,
    /// 全年执行数.
    pub executed: Option<Num>,
    /// 执行率 as shown, e.g. `97.17%`.
    pub rate: Option<String>,
}

/// 全年预算数 vs 执行数 bars per year, the execution rate beside each executed bar.
pub fn budget_by_year(id: &str, name: &str, years: &[BudgetYear], unit: &str, t: &Texts) -> Chart {
    let title = t.get("budget_title");
    let desc = t.fill("budget_desc", &[("name", name), ("unit", unit)]);
    let (sb, se) = (t.get("budget"), t.get("executed"));
    let mut notes = Vec::new();
    let mut groups = Vec::new();
    let mut rows = Vec::new();
    for y in years {
        let rate = y
            .rate
            .as_ref()
            .filter(|_| y.executed.as_ref().and_then(Num::finite).is_some())
            .map(|r| t.fill("rate_suffix", &[("rate", r)]))
            .unwrap_or_default();
        for (n, s) in [(&y.budget, &sb), (&y.executed, &se)] {
            if n.as_ref().and_then(Num::finite).is_none() {
                notes.push(t.fill("note_missing", &[("what", &format!("{}{}", y.label, s))]));
            }
        }
        groups.push(HGroup {
            label: y.label.clone(),
            bars: vec![
                HBar { series: 0, value: y.budget.as_ref().and_then(Num::finite), label: format!("{sb} {}", shown(&y.budget, t)) },
                HBar {
                    series: 1,
                    value: y.executed.as_ref().and_then(Num::finite),
                    label: format!("{se} {}{rate}", shown(&y.executed, t)),
                },
            ],
        });
        rows.push(vec![
            y.label.clone(),
            shown(&y.budget, t),
            shown(&y.executed, t),
            y.rate.clone().unwrap_or_else(|| t.get("missing")),
        ]);
    }
    let unit_line = t.fill("unit", &[("unit", unit)]);
    let svg = hbars(&HSpec {
        id,
        kind: "budget",
        title: &title,
        desc: &desc,
        unit_line: Some(unit_line.clone()),
        legend: vec![sb.clone(), se.clone()],
        groups,
        notes: &notes,
    });
    Chart {
        id: id.to_string(),
        kind: "budget",
        table: DataTable {
            caption: format!("{title}（{unit_line}）"),
            columns: vec![t.get("year"), sb, se, t.get("rate")],
            rows,
        },
        title,
        desc,
        svg,
        notes,
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Expenditure composition.

/// One group of parts: a way of splitting the spending (by nature, by funding source).
#[derive(Debug, Clone)]
pub struct PartGroup {
    /// e.g. 按支出性质.
    pub name: String,
    /// Parts: label and amount.
    pub parts: Vec<(String, Option<Num>)>,
}

/// Basic vs project spending and spending by funding source: one bar per part, the series by
/// group (solid, hatched), with each part's share of its group.
pub fn composition(id: &str, name: &str, groups: &[PartGroup], unit: &str, t: &Texts) -> Chart {
    let title = t.get("composition_title");
    let desc = t.fill("composition_desc", &[("name", name), ("unit", unit)]);
    let mut notes = Vec::new();
    let mut hgroups = Vec::new();
    let mut rows = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let total: f64 = g.parts.iter().filter_map(|(_, n)| n.as_ref().and_then(Num::finite)).sum();
        for (label, n) in &g.parts {
            let share = n
                .as_ref()
                .and_then(Num::finite)
                .filter(|_| total != 0.0)
                .map(|v| computed(v / total * 100.0, 1));
            if n.as_ref().and_then(Num::finite).is_none() {
                notes.push(t.fill("note_missing", &[("what", label)]));
            }
            let suffix = share.as_ref().map(|s| t.fill("share_suffix", &[("share", s)])).unwrap_or_default();
            hgroups.push(HGroup {
                label: label.clone(),
                bars: vec![HBar {
                    series: gi.min(1),
                    value: n.as_ref().and_then(Num::finite),
                    label: format!("{}{suffix}", shown(n, t)),
                }],
            });
            rows.push(vec![
                format!("{}：{label}", g.name),
                shown(n, t),
                share.map(|s| format!("{s}%")).unwrap_or_else(|| t.get("missing")),
            ]);
        }
    }
    let unit_line = t.fill("unit", &[("unit", unit)]);
    let svg = hbars(&HSpec {
        id,
        kind: "composition",
        title: &title,
        desc: &desc,
        unit_line: Some(unit_line.clone()),
        legend: groups.iter().map(|g| g.name.clone()).collect(),
        groups: hgroups,
        notes: &notes,
    });
    Chart {
        id: id.to_string(),
        kind: "composition",
        table: DataTable {
            caption: format!("{title}（{unit_line}）"),
            columns: vec![t.get("item"), t.get("amount"), t.get("share")],
            rows,
        },
        title,
        desc,
        svg,
        notes,
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Targets of one report: bullet rows.

/// Whether a target was met, as judged by jixiao.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Met {
    /// Met.
    Yes,
    /// Not met.
    No,
    /// Cannot be judged from numbers.
    Unknown,
}

/// A numeric target and its result.
#[derive(Debug, Clone)]
pub struct TargetRow {
    /// The measure's name.
    pub label: String,
    /// Unit, e.g. 万人次.
    pub unit: Option<String>,
    /// Operator as shown (≥ ≤ =).
    pub op: Option<String>,
    /// Target value.
    pub target: Option<Num>,
    /// Actual value.
    pub actual: Option<Num>,
    /// Verdict.
    pub met: Met,
}

/// Target vs actual per target: each row on its own scale from zero, the actual a bar (solid
/// when met, hatched when not), the target a tick, and a line of text with a circle (met) or a
/// cross (not met) saying the values and the verdict.
pub fn targets(id: &str, name: &str, rows: &[TargetRow], t: &Texts) -> Chart {
    let title = t.get("targets_title");
    let desc = t.fill("targets_desc", &[("name", name)]);
    let label_lines: Vec<Vec<String>> = rows.iter().map(|r| text::wrap(&r.label, LABEL_MAX, FS)).collect();
    let label_w = label_lines.iter().flatten().map(|l| text::width(l, FS)).fold(0.0, f64::max);
    let width = MIN_WIDTH;
    let x0 = PAD + label_w + 10.0;
    let x1 = width - PAD - 4.0;
    let mut notes = Vec::new();
    let mut table_rows = Vec::new();
    let mut body = String::new();
    let mut y = PAD;
    let legend_items = vec![
        (format!("{}（{}）", t.get("actual"), t.get("met")), LegendMark::Bar(0)),
        (format!("{}（{}）", t.get("actual"), t.get("not_met")), LegendMark::Bar(1)),
    ];
    y += legend(&mut body, id, &legend_items, y, width);
    // The target tick in the legend.
    let tick_label = t.get("target");
    let tw = text::width(&tick_label, FS) + 22.0;
    svg!(&mut body, "<line x1=\"", Coord(PAD + 8.0), "\" y1=\"", Coord(y + 2.0), "\" x2=\"", Coord(PAD + 8.0), "\" y2=\"", Coord(y + 18.0), "\" class=\"jx-target\"/>\n");
    text_el(&mut body, PAD + 22.0, baseline(y), Anchor::Start, "jx-label", &tick_label);
    let _ = tw;
    y += LH + 6.0;
    let mut row_labels: Vec<(f64, f64, &str)> = Vec::new();
    // One path each for the rows' tracks, their bars of either series and their target ticks,
    // drawn in that order under the marks and labels (rows do not overlap).
    let (mut tracks, mut bars, mut target_ticks) = (String::new(), [String::new(), String::new()], String::new());
    let mut marks = String::new();
    for (r, lines) in rows.iter().zip(&label_lines) {
        let unit = r.unit.as_deref().unwrap_or("");
        let tv = r.target.as_ref().and_then(Num::finite);
        let av = r.actual.as_ref().and_then(Num::finite);
        let target_text = match &r.target {
            Some(n) => format!("{}{}{}", r.op.as_deref().map(|o| format!("{o} ")).unwrap_or_default(), n.text, unit_sep(unit)),
            None => t.get("missing"),
        };
        let actual_text = match &r.actual {
            Some(n) if n.value.is_finite() => format!("{}{}", n.text, unit_sep(unit)),
            _ => t.get("missing"),
        };
        let status = match r.met {
            Met::Yes => t.get("met"),
            Met::No => t.get("not_met"),
            Met::Unknown => t.get("undetermined"),
        };
        if av.is_none() {
            notes.push(t.fill("note_missing", &[("what", &format!("{}{}", r.label, t.get("actual")))]));
        }
        let line = t.fill("target_line", &[("actual", &actual_text), ("target", &target_text), ("status", &status)]);
        let text_lines = text::wrap(&line, x1 - x0 - 18.0, FS);
        let right_h = BAR_H + 4.0 + text_lines.len() as f64 * LH;
        let left_h = lines.len() as f64 * LH;
        let rh = right_h.max(left_h);
        for (i, l) in lines.iter().enumerate() {
            row_labels.push((PAD + label_w, baseline(y + i as f64 * LH) - 1.0, l.as_str()));
        }
        // Row scale: from min(0, values) to max(0, values).
        let vals: Vec<f64> = [tv, av].into_iter().flatten().collect();
        let lo = vals.iter().copied().fold(0.0, f64::min);
        let mut hi = vals.iter().copied().fold(0.0, f64::max);
        if hi == lo {
            hi = lo + 1.0;
        }
        let sx = Linear { d0: lo, d1: hi, r0: x0, r1: x1 - 2.0 };
        rect_d(&mut tracks, x0, y, x1 - x0, BAR_H);
        if let Some(a) = av {
            let (p, q) = (sx.at(a.min(0.0)), sx.at(a.max(0.0)));
            let series = if r.met == Met::No { 1 } else { 0 };
            rect_d(&mut bars[series], p, y + 3.0, q - p, BAR_H - 6.0);
        }
        if let Some(v) = tv {
            svg!(&mut target_ticks, "M", Coord(sx.at(v)), " ", Coord(y - 2.0), "v", Coord(BAR_H + 4.0));
        }
        let mut ly = y + BAR_H + 4.0;
        // Status shape before the text: circle met, cross not met, question mark otherwise.
        let cy = ly + 10.0;
        match r.met {
            Met::Yes => {
                svg!(&mut marks, "<circle cx=\"", Coord(x0 + 6.0), "\" cy=\"", Coord(cy), "\" r=\"5\" class=\"jx-met\"/>\n");
            }
            Met::No => {
                svg!(&mut marks, "<path d=\"M", Coord(x0 + 2.0), " ", Coord(cy - 4.0), "l8 8m0 -8l-8 8\" class=\"jx-not-met\"/>\n");
            }
            Met::Unknown => {
                svg!(&mut marks, "<rect x=\"", Coord(x0 + 2.0), "\" y=\"", Coord(cy - 4.0), "\" width=\"8\" height=\"8\" class=\"jx-unknown\"/>\n");
            }
        }
        for l in &text_lines {
            text_el(&mut marks, x0 + 16.0, baseline(ly), Anchor::Start, "jx-value", l);
            ly += LH;
        }
        table_rows.push(vec![r.label.clone(), target_text, actual_text, status]);
        y += rh + GROUP_GAP;
    }
    path_el(&mut body, &tracks, "class=\"jx-track\"");
    for (series, d) in bars.iter().enumerate() {
        path_el(&mut body, d, &bar_attrs(id, series));
    }
    path_el(&mut body, &target_ticks, "class=\"jx-target\"");
    body.push_str(&marks);
    labels_el(&mut body, Anchor::End, "jx-label", &row_labels);
    y += notes_el(&mut body, &notes, y, width);
    let height = y + PAD;
    let svg = svg_of(id, "targets", width, height, &title, &desc, &body);
    Chart {
        id: id.to_string(),
        kind: "targets",
        table: DataTable {
            caption: title.clone(),
            columns: vec![t.get("measure"), t.get("target"), t.get("actual"), t.get("status")],
            rows: table_rows,
        },
        title,
        desc,
        svg,
        notes,
    }
}

fn unit_sep(unit: &str) -> String {
    match unit {
        "" => String::new(),
        "%" => "%".to_string(),
        u => format!(" {u}"),
    }
}

// ---------------------------------------------------------------------------------------------
// 4. An indicator's trend.

/// One year of an indicator.
#[derive(Debug, Clone)]
pub struct TrendPoint {
    /// x label, e.g. 2022.
    pub label: String,
    /// Target value.
    pub target: Option<Num>,
    /// Actual value.
    pub actual: Option<Num>,
    /// The measure does not exist that year (no report, or not in the report): the note says
    /// so instead of "not stated".
    pub absent: bool,
    /// The unit that year's values are in, when it cannot be compared with the chart's (`%`
    /// one year, 个 the next): the point is left off the axis, and a note says why.
    pub other_unit: Option<String>,
}

impl TrendPoint {
    /// The target and actual values drawn: none from a year in another unit.
    fn drawn(&self) -> [Option<f64>; 2] {
        if self.other_unit.is_some() {
            return [None, None];
        }
        [self.target.as_ref().and_then(Num::finite), self.actual.as_ref().and_then(Num::finite)]
    }
}

/// The id of series `n`'s point marker is this and `n` (`_k0`, `_k1`): one definition per page
/// ([`trend_markers`]) for every trend chart on it. Ids starting with `_` are the templates'
/// own; a content id never does.
const MARKER_ID: &str = "_k";

/// The point markers of [`trend`] charts, once for a page that shows any: a hidden `<svg>`
/// (class `jx-defs`, which chart.css takes out of the flow and styles the markers in) holding a `<marker>` per series.
/// Each was 330 bytes in every chart of an indicator page. The theme's script copies them into
/// a chart's download, which names them. Centred on the point (no viewBox, reference 0,0), in
/// the chart's units rather than the line's stroke widths, and not clipped to the marker's
/// default 3×3 box.
pub fn trend_markers() -> String {
    let mut defs = String::from("<svg class=\"jx-defs\" aria-hidden=\"true\" width=\"0\" height=\"0\"><defs>");
    for series in 0..2usize {
        svg!(&mut defs, "<marker id=\"", MARKER_ID, series, "\" markerUnits=\"userSpaceOnUse\" overflow=\"visible\">");
        match series {
            // As `marker` draws them at 0,0 (a circle's centre is 0,0 unless said).
            0 => defs.push_str("<circle r=\"4\" class=\"jx-mark0\"/>"),
            _ => defs.push_str("<rect x=\"-4\" y=\"-4\" width=\"8\" height=\"8\" class=\"jx-mark1\"/>"),
        }
        defs.push_str("</marker>");
    }
    defs.push_str("</defs></svg>\n");
    defs
}

/// Actual (solid line, circles) and target (dashed line, squares) across years. A missing value
/// breaks the line and is named in a note. Its lines name the page's markers
/// ([`trend_markers`]).
pub fn trend(id: &str, name: &str, unit: &str, points: &[TrendPoint], t: &Texts) -> Chart {
    let title = t.fill("trend_title", &[("name", name)]);
    // The description follows the title, which names the measure (`{name}` is there for themes
    // that want it again).
    let desc = t.fill("trend_desc", &[("name", name), ("unit", if unit.is_empty() { "—" } else { unit })]);
    let (sa, st) = (t.get("actual"), t.get("target"));
    let vals: Vec<f64> = points.iter().flat_map(TrendPoint::drawn).flatten().collect();
    let (lo, hi) = if vals.is_empty() {
        (0.0, 1.0)
    } else {
        (vals.iter().copied().fold(f64::INFINITY, f64::min), vals.iter().copied().fold(f64::NEG_INFINITY, f64::max))
    };
    let (ticks, decimals) = nice_ticks(lo, hi, 5);
    let tick_labels: Vec<String> = ticks.iter().map(|v| computed(*v, decimals)).collect();
    let tick_w = tick_labels.iter().map(|l| text::width(l, FS)).fold(0.0, f64::max);
    let n = points.len().max(1);
    let xl_w = points.iter().map(|p| text::width(&p.label, FS)).fold(0.0, f64::max);
    let x0 = PAD + tick_w + 8.0;
    let width = (x0 + n as f64 * (xl_w + 12.0) + PAD).max(MIN_WIDTH);
    let x1 = width - PAD;
    let step = (x1 - x0) / n as f64;
    let px = |i: usize| x0 + (i as f64 + 0.5) * step;

    let mut body = String::new();
    let mut y = PAD;
    let legend_items = vec![(sa.clone(), LegendMark::Line(0)), (st.clone(), LegendMark::Line(1))];
    y += legend(&mut body, id, &legend_items, y, width);
    if !unit.is_empty() {
        text_el(&mut body, PAD, baseline(y), Anchor::Start, "jx-unit", &t.fill("unit", &[("unit", unit)]));
        y += LH;
    }
    let plot_top = y + 10.0;
    let plot_bottom = plot_top + 200.0;
    let sy = Linear { d0: ticks[0], d1: *ticks.last().unwrap_or(&1.0), r0: plot_bottom, r1: plot_top };
    grid_el(&mut body, false, ticks.iter().map(|v| (x0, sy.at(*v), x1)));
    let y_ticks: Vec<(f64, f64, &str)> = ticks.iter().zip(&tick_labels).map(|(v, l)| (x0 - 6.0, sy.at(*v) + 4.5, l.as_str())).collect();
    labels_el(&mut body, Anchor::End, "jx-tick", &y_ticks);
    if ticks[0] < 0.0 && *ticks.last().unwrap_or(&0.0) > 0.0 {
        let zy = sy.at(0.0);
        svg!(&mut body, "<line x1=\"", Coord(x0), "\" y1=\"", Coord(zy), "\" x2=\"", Coord(x1), "\" y2=\"", Coord(zy), "\" class=\"jx-axis\"/>\n");
    }
    // x labels, thinned when they would touch.
    let every = ((xl_w + 10.0) / step).ceil().max(1.0) as usize;
    let x_ticks: Vec<(f64, f64, &str)> =
        points.iter().enumerate().filter(|(i, _)| i % every == 0).map(|(i, p)| (px(i), baseline(plot_bottom + 4.0), p.label.as_str())).collect();
    labels_el(&mut body, Anchor::Middle, "jx-tick", &x_ticks);
    let mut notes = Vec::new();
    for p in points {
        let missing: Vec<&str> = [(&p.target, &st), (&p.actual, &sa)]
            .into_iter()
            .filter(|(n, _)| n.as_ref().and_then(Num::finite).is_none())
            .map(|(_, s)| s.as_str())
            .collect();
        if p.absent {
            notes.push(t.fill("note_absent", &[("what", &p.label)]));
        } else if let Some(other) = &p.other_unit {
            notes.push(t.fill("note_unit_break", &[("what", &p.label), ("unit", other), ("chart_unit", unit)]));
        } else if !missing.is_empty() {
            notes.push(t.fill("note_missing", &[("what", &format!("{}{}", p.label, missing.join(&t.get("list_sep"))))]));
        }
    }
    for (series, get) in [(1usize, 0usize), (0, 1)] {
        // Draw the target first so the actual line lies on top.
        let value = |p: &TrendPoint| p.drawn()[get];
        let mut segment: Vec<(f64, f64)> = Vec::new();
        let mut segments = Vec::new();
        for (i, p) in points.iter().enumerate() {
            match value(p) {
                Some(v) => segment.push((px(i), sy.at(v))),
                None => {
                    if !segment.is_empty() {
                        segments.push(std::mem::take(&mut segment));
                    }
                }
            }
        }
        if !segment.is_empty() {
            segments.push(segment);
        }
        for seg in &segments {
            if seg.len() > 1 {
                // The line's points are marked by its SVG marker, defined once below, instead
                // of a shape written at each point; the `marker` shorthand sets it at the start,
                // the middle points and the end (there is no such attribute, only the property).
                body.push_str("<polyline points=\"");
                for (i, (x, y)) in seg.iter().enumerate() {
                    svg!(&mut body, if i == 0 { "" } else { " " }, Coord(*x), ",", Coord(*y));
                }
                svg!(&mut body, "\" class=\"jx-line", series, "\" style=\"marker:url(#", MARKER_ID, series, ")\"/>\n");
            } else {
                for (x, y) in seg {
                    marker(&mut body, series, *x, *y);
                }
            }
        }
    }
    let mut y = plot_bottom + LH + 10.0;
    y += notes_el(&mut body, &notes, y, width);
    let height = y + PAD;
    let svg = svg_of(id, "trend", width, height, &title, &desc, &body);
    // The table names another year's unit beside its values: they are not in the caption's.
    let with_unit = |n: &Option<Num>, p: &TrendPoint| match &p.other_unit {
        Some(u) if n.as_ref().is_some_and(|n| n.value.is_finite()) => format!("{}{}", shown(n, t), unit_sep(u)),
        _ => shown(n, t),
    };
    let rows = points.iter().map(|p| vec![p.label.clone(), with_unit(&p.target, p), with_unit(&p.actual, p)]).collect();
    Chart {
        id: id.to_string(),
        kind: "trend",
        table: DataTable {
            caption: if unit.is_empty() { title.clone() } else { format!("{title}（{}）", t.fill("unit", &[("unit", unit)])) },
            columns: vec![t.get("year"), st, sa],
            rows,
        },
        title,
        desc,
        svg,
        notes,
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Scores by first-level indicator.

/// A first-level indicator's total weight and score.
#[derive(Debug, Clone)]
pub struct ScoreGroup {
    /// 一级指标, e.g. 产出指标.
    pub label: String,
    /// Sum of the weights (分值).
    pub weight: Option<Num>,
    /// Sum of the scores (得分).
    pub score: Option<Num>,
}

/// 分值 vs 得分 per first-level indicator of a self-evaluation table.
pub fn scores(id: &str, name: &str, groups: &[ScoreGroup], t: &Texts) -> Chart {
    let title = t.get("scores_title");
    let desc = t.fill("scores_desc", &[("name", name)]);
    let (sw, ss) = (t.get("weight"), t.get("score"));
    let mut notes = Vec::new();
    let mut hgroups = Vec::new();
    let mut rows = Vec::new();
    for g in groups {
        for (n, s) in [(&g.weight, &sw), (&g.score, &ss)] {
            if n.as_ref().and_then(Num::finite).is_none() {
                notes.push(t.fill("note_missing", &[("what", &format!("{}{}", g.label, s))]));
            }
        }
        hgroups.push(HGroup {
            label: g.label.clone(),
            bars: vec![
                HBar { series: 0, value: g.weight.as_ref().and_then(Num::finite), label: format!("{sw} {}", shown(&g.weight, t)) },
                HBar { series: 1, value: g.score.as_ref().and_then(Num::finite), label: format!("{ss} {}", shown(&g.score, t)) },
            ],
        });
        rows.push(vec![g.label.clone(), shown(&g.weight, t), shown(&g.score, t)]);
    }
    let svg = hbars(&HSpec {
        id,
        kind: "scores",
        title: &title,
        desc: &desc,
        unit_line: Some(t.fill("unit", &[("unit", &t.get("points"))])),
        legend: vec![sw.clone(), ss.clone()],
        groups: hgroups,
        notes: &notes,
    });
    Chart {
        id: id.to_string(),
        kind: "scores",
        table: DataTable { caption: title.clone(), columns: vec![t.get("level1"), sw, ss], rows },
        title,
        desc,
        svg,
        notes,
    }
}
