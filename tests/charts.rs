//! Unit and snapshot tests of the chart functions (`jixiao::charts`): well-formed XML with an
//! accessible name, bars proportional to values, ticks covering the data, missing values drawn
//! as a gap with a note, long Chinese labels that fit, negative / zero / huge / tiny values,
//! determinism, and a snapshot of each chart kind on fixed data (tests/snapshots/).

use jixiao::charts::{
    self, BudgetYear, Chart, Met, Num, PartGroup, ScoreGroup, TargetRow, Texts, TrendPoint, scale, text,
};

fn n(v: f64) -> Option<Num> {
    Some(Num::new(v))
}

fn texts() -> Texts {
    Texts::default()
}

/// Parses the SVG, checks the accessible name wiring, returns the document text for reuse.
fn parse(chart: &Chart) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(&chart.svg).unwrap_or_else(|e| panic!("{} is not well-formed XML: {e}\n{}", chart.id, chart.svg));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    let viewbox = root.attribute("viewBox").expect("viewBox");
    assert!(viewbox.starts_with("0 0 "), "{viewbox}");
    let labelled: Vec<&str> = root.attribute("aria-labelledby").expect("aria-labelledby").split(' ').collect();
    assert_eq!(labelled, vec![format!("{}-t", chart.id), format!("{}-d", chart.id)]);
    let by_id = |id: &str| doc.descendants().find(|n| n.attribute("id") == Some(id)).map(|n| n.tag_name().name().to_string());
    assert_eq!(by_id(labelled[0]).as_deref(), Some("title"));
    assert_eq!(by_id(labelled[1]).as_deref(), Some("desc"));
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some(chart.title.as_str()));
    doc
}

fn viewbox(doc: &roxmltree::Document) -> (f64, f64) {
    let v: Vec<f64> = doc.root_element().attribute("viewBox").unwrap().split(' ').map(|x| x.parse().unwrap()).collect();
    (v[2], v[3])
}

fn attr(node: roxmltree::Node, name: &str) -> f64 {
    node.attribute(name).unwrap_or_else(|| panic!("no {name}")).parse().unwrap()
}

/// A run of label text: a `<text>` or `<tspan>` holding text itself, with its position (its own
/// `x` and `y`, else its `<text>`'s) and anchor (the class `jx-e` or `jx-m` of its `<text>`:
/// charts write no `text-anchor` attribute).
struct Run<'a> {
    text: String,
    x: f64,
    y: f64,
    anchor: &'static str,
    class: &'a str,
}

fn runs<'a>(doc: &'a roxmltree::Document) -> Vec<Run<'a>> {
    doc.descendants()
        .filter(|n| (n.has_tag_name("text") || n.has_tag_name("tspan")) && n.children().any(|c| c.is_text()))
        .map(|n| {
            let text_el = if n.has_tag_name("text") { n } else { n.parent().unwrap() };
            assert!(text_el.attribute("text-anchor").is_none(), "the anchor is a class");
            let class = text_el.attribute("class").unwrap_or("");
            let anchor = if class.split(' ').any(|c| c == "jx-e") {
                "end"
            } else if class.split(' ').any(|c| c == "jx-m") {
                "middle"
            } else {
                "start"
            };
            let at = |name: &str| n.attribute(name).or_else(|| text_el.attribute(name)).unwrap_or_else(|| panic!("no {name}")).parse().unwrap();
            Run { text: n.text().unwrap_or("").to_string(), x: at("x"), y: at("y"), anchor, class }
        })
        .collect()
}

/// The texts of the runs whose `<text>` has class `class` (its first class).
fn run_texts(doc: &roxmltree::Document, class: &str) -> Vec<String> {
    runs(doc).into_iter().filter(|r| r.class.split(' ').next() == Some(class)).map(|r| r.text).collect()
}

/// Every run of text as a box estimated with the text-width model (font 12, box from 12 above
/// the baseline to 4 below).
fn text_boxes(doc: &roxmltree::Document) -> Vec<(String, f64, f64, f64, f64)> {
    runs(doc)
        .into_iter()
        .map(|r| {
            let w = text::width(&r.text, 12.0);
            let x0 = match r.anchor {
                "end" => r.x - w,
                "middle" => r.x - w / 2.0,
                _ => r.x,
            };
            (r.text, x0, r.y - 12.0, w, 16.0)
        })
        .collect()
}

/// No two labels overlap and none leaves the viewBox, by the text-width model.
fn assert_labels_fit(chart: &Chart) {
    let doc = parse(chart);
    let (w, h) = viewbox(&doc);
    let boxes = text_boxes(&doc);
    for (s, x, y, bw, bh) in &boxes {
        assert!(*x >= -0.01 && *y >= -0.01 && x + bw <= w + 0.01 && y + bh <= h + 0.01, "{}: `{s}` leaves the viewBox {w}×{h}: {x},{y} {bw}×{bh}", chart.id);
    }
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let ox = (a.1 + a.3).min(b.1 + b.3) - a.1.max(b.1);
            let oy = (a.2 + a.4).min(b.2 + b.4) - a.2.max(b.2);
            assert!(ox <= 0.01 || oy <= 0.01, "{}: `{}` overlaps `{}`", chart.id, a.0, b.0);
        }
    }
}

fn budget_years() -> Vec<BudgetYear> {
    vec![
        BudgetYear { label: "2020年度".into(), budget: n(6214.37), executed: n(5902.15), rate: Some("94.98%".into()) },
        BudgetYear { label: "2021年度".into(), budget: n(7126.84), executed: n(6851.03), rate: Some("96.31%".into()) },
        BudgetYear { label: "2022年度".into(), budget: n(6588.46), executed: n(6402.09), rate: Some("97.17%".into()) },
    ]
}

fn all_kinds() -> Vec<Chart> {
    let t = texts();
    vec![
        charts::budget_by_year("c-budget", "示例局", &budget_years(), "万元", &t),
        charts::composition(
            "c-comp",
            "示例局2022年度",
            &[
                PartGroup { name: "按支出性质".into(), parts: vec![("基本支出".into(), n(2451.3)), ("项目支出".into(), n(3950.79))] },
                PartGroup {
                    name: "按资金来源".into(),
                    parts: vec![
                        ("一般公共预算财政拨款".into(), n(6106.28)),
                        ("政府性基金预算财政拨款".into(), n(295.81)),
                        ("国有资本经营预算财政拨款".into(), n(0.0)),
                        ("其他资金".into(), None),
                    ],
                },
            ],
            "万元",
            &t,
        ),
        charts::targets(
            "c-targets",
            "示例局2020年度",
            &[
                TargetRow { label: "公共图书馆接待读者人次".into(), unit: Some("万人次".into()), op: Some("≥".into()), target: n(80.0), actual: n(52.6), met: Met::No },
                TargetRow { label: "文化惠民演出场次".into(), unit: Some("场".into()), op: Some("≥".into()), target: n(200.0), actual: n(236.0), met: Met::Yes },
                TargetRow { label: "重大文化旅游安全责任事故".into(), unit: Some("起".into()), op: Some("=".into()), target: n(0.0), actual: n(0.0), met: Met::Yes },
                TargetRow { label: "游客综合满意度".into(), unit: Some("%".into()), op: Some("≥".into()), target: n(95.0), actual: None, met: Met::Unknown },
            ],
            &t,
        ),
        charts::trend(
            "c-trend",
            "公共图书馆接待读者人次",
            "万人次",
            &[
                TrendPoint { label: "2020".into(), target: n(80.0), actual: n(52.6), absent: false, other_unit: None },
                TrendPoint { label: "2021".into(), target: n(100.0), actual: n(112.8), absent: false, other_unit: None },
                TrendPoint { label: "2022".into(), target: n(120.0), actual: None, absent: false, other_unit: None },
                TrendPoint { label: "2023".into(), target: n(115.0), actual: n(131.5), absent: false, other_unit: None },
            ],
            &t,
        ),
        charts::scores(
            "c-scores",
            "示例局2020年度",
            &[
                ScoreGroup { label: "产出指标".into(), weight: n(56.0), score: n(52.99) },
                ScoreGroup { label: "效益指标".into(), weight: n(23.0), score: n(20.28) },
                ScoreGroup { label: "满意度指标".into(), weight: n(11.0), score: n(11.0) },
            ],
            &t,
        ),
    ]
}

#[test]
fn every_kind_is_well_formed_accessible_and_fits() {
    let kinds: Vec<&str> = all_kinds().iter().map(|c| c.kind).collect();
    assert_eq!(kinds, ["budget", "composition", "targets", "trend", "scores"]);
    for c in all_kinds() {
        parse(&c);
        assert_labels_fit(&c);
        assert!(!c.table.rows.is_empty(), "{}: data table", c.id);
        assert!(c.table.rows.iter().all(|r| r.len() == c.table.columns.len()), "{}: table shape", c.id);
        // No colour in the Rust output: only classes and pattern references.
        assert!(!c.svg.contains('#') || c.svg.matches('#').count() == c.svg.matches("url(#").count(), "{}: a literal colour", c.id);
        assert!(!c.svg.contains("rgb("), "{}", c.id);
    }
}

/// What keeps charts small when a page holds many (an indicator page has one per measure):
/// whole-unit coordinates, the grid as one path, labels of an axis in one `<text>`, anchors as
/// classes, no `<title>` on a bar repeating its drawn label, no namespace declaration (inline in
/// HTML; the download script's serialiser writes it into the file).
#[test]
fn charts_are_written_lean() {
    for c in all_kinds() {
        let doc = parse(&c);
        assert!(c.svg.starts_with("<svg class="), "{}: no xmlns inline", c.id);
        assert_eq!(doc.descendants().filter(|n| n.has_tag_name("title")).count(), 1, "{}: one title, the chart's", c.id);
        assert!(doc.descendants().filter(|n| n.attribute("class") == Some("jx-grid")).count() <= 1, "{}: one grid path", c.id);
        assert!(!c.svg.contains("text-anchor"), "{}", c.id);
        for n in doc.descendants().filter(|n| n.is_element() && !n.has_tag_name("svg")) {
            for a in ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "width", "height", "points", "d"] {
                let v = n.attribute(a).unwrap_or("");
                assert!(!v.contains('.'), "{}: <{} {a}=\"{v}\"> in whole units", c.id, n.tag_name().name());
            }
        }
        let ticks = doc.descendants().filter(|n| n.has_tag_name("text") && n.attribute("class").is_some_and(|k| k.starts_with("jx-tick"))).count();
        assert!(ticks <= 2, "{}: an axis's tick labels in one text: {ticks}", c.id);
    }
}

#[test]
fn output_is_deterministic() {
    let a: Vec<String> = all_kinds().into_iter().map(|c| c.svg).collect();
    let b: Vec<String> = all_kinds().into_iter().map(|c| c.svg).collect();
    assert_eq!(a, b);
}

/// A bar: its rectangle, read from the series' one `<path>` (`M<x> <y>h<w>v<h>H<x>z` each).
#[derive(Debug, Clone, Copy)]
struct Bar {
    x: f64,
    width: f64,
}

fn bars(doc: &roxmltree::Document, class: &str) -> Vec<Bar> {
    let paths: Vec<roxmltree::Node> =
        doc.descendants().filter(|n| n.attribute("class") == Some(&format!("jx-bar {class}"))).collect();
    assert!(paths.len() <= 1, "a series' bars are one path");
    assert!(paths.iter().all(|n| n.has_tag_name("path")), "bars are drawn as a path");
    let Some(d) = paths.first().and_then(|n| n.attribute("d")) else { return Vec::new() };
    d.split('M')
        .filter(|r| !r.is_empty())
        .map(|r| {
            let r = r.strip_suffix('z').unwrap_or_else(|| panic!("a closed rectangle: {r}"));
            let (xy, rest) = r.split_once('h').unwrap();
            let (w, rest) = rest.split_once('v').unwrap();
            let (_h, back) = rest.split_once('H').unwrap();
            let x: f64 = xy.split(' ').next().unwrap().parse().unwrap();
            assert_eq!(back.parse::<f64>().unwrap(), x, "{r}: back to its start");
            Bar { x, width: w.parse().unwrap() }
        })
        .collect()
}

#[test]
fn bar_lengths_are_proportional_to_values() {
    let years = vec![
        BudgetYear { label: "甲".into(), budget: n(100.0), executed: n(50.0), rate: None },
        BudgetYear { label: "乙".into(), budget: n(300.0), executed: n(250.0), rate: None },
        BudgetYear { label: "丙".into(), budget: n(1234.5), executed: n(0.0), rate: None },
    ];
    let c = charts::budget_by_year("p", "x", &years, "万元", &texts());
    let doc = parse(&c);
    let widths = |class| bars(&doc, class).iter().map(|r| r.width).collect::<Vec<f64>>();
    let (budget, executed) = (widths("jx-s0"), widths("jx-s1"));
    // The zero bar is not drawn (as a `<rect>` of width 0 would not be).
    assert_eq!((budget.len(), executed.len()), (3, 2));
    let per_unit = budget[2] / 1234.5;
    for (w, v) in budget.iter().chain(&executed).zip([100.0, 300.0, 1234.5, 50.0, 250.0]) {
        // Coordinates are written in whole units.
        assert!((w - v * per_unit).abs() <= 0.6, "width {w} for {v} (per unit {per_unit})");
    }
    // All bars start at the zero line.
    let xs: Vec<f64> = bars(&doc, "jx-s0").iter().map(|r| r.x).collect();
    assert!(xs.windows(2).all(|w| w[0] == w[1]), "{xs:?}");
}

#[test]
fn negative_values_extend_left_of_zero() {
    let groups = [PartGroup { name: "调整".into(), parts: vec![("增加".into(), n(120.0)), ("减少".into(), n(-80.0)), ("持平".into(), n(0.0))] }];
    let c = charts::composition("neg", "x", &groups, "万元", &texts());
    let doc = parse(&c);
    let axis = doc.descendants().find(|n| n.attribute("class") == Some("jx-axis")).unwrap();
    let zero = attr(axis, "x1");
    let rects = bars(&doc, "jx-s0");
    // The zero's bar is not drawn; its label is.
    assert_eq!(rects.len(), 2);
    let (pos, neg) = (rects[0], rects[1]);
    assert!((pos.x - zero).abs() < 0.1);
    assert!((neg.x + neg.width - zero).abs() < 0.1, "negative bar ends at zero");
    assert!((pos.width / neg.width - 1.5).abs() < 0.01);
    assert_eq!(run_texts(&doc, "jx-value").len(), 3, "the zero is labelled");
    assert!(c.svg.contains("-80"), "negative value labelled");
    // Ticks cover the negative range.
    let ticks = run_texts(&doc, "jx-tick");
    assert!(ticks.iter().any(|t| t.starts_with('-')), "{ticks:?}");
    assert_labels_fit(&c);
}

#[test]
fn ticks_cover_the_data_range() {
    let cases: &[(f64, f64)] = &[
        (0.0, 8334.69),
        (0.0, 1.0),
        (-3.0, 7.0),
        (-1234.0, -5.0),
        (0.0, 0.0031),
        (97.5, 99.62),
        (0.0, 1.2e12),
        (5.0, 5.0),
        (-0.004, 0.0),
        (1e-6, 3e-6),
    ];
    for &(lo, hi) in cases {
        for max in [2, 3, 5, 7] {
            let (t, d) = scale::nice_ticks(lo, hi, max);
            assert!(t.len() >= 2, "{lo}..{hi}: {t:?}");
            assert!(t[0] <= lo && *t.last().unwrap() >= hi, "{lo}..{hi} max {max}: {t:?}");
            assert!(t.len() <= max + 2, "{lo}..{hi} max {max}: too many ticks {t:?}");
            // Evenly spaced, and the labels are distinct at the chosen decimals.
            let step = t[1] - t[0];
            assert!(t.windows(2).all(|w| ((w[1] - w[0]) - step).abs() <= step * 1e-6), "{t:?}");
            let labels: Vec<String> = t.iter().map(|v| jixiao::model::Figure::computed(*v, d).grouped()).collect();
            let mut dedup = labels.clone();
            dedup.dedup();
            assert_eq!(labels, dedup, "{lo}..{hi}: {labels:?}");
        }
    }
    assert_eq!(jixiao::model::Figure::computed(1.2e12, 0).grouped(), "1,200,000,000,000");
}

#[test]
fn huge_and_tiny_values_are_drawn_and_labelled() {
    let t = texts();
    for (v, shown) in [(1.2e12, "1,200,000,000,000"), (0.0003, "0.0003")] {
        let years = vec![BudgetYear { label: "2022年度".into(), budget: n(v), executed: n(v / 2.0), rate: None }];
        let c = charts::budget_by_year("big", "x", &years, "万元", &t);
        let doc = parse(&c);
        assert!(c.svg.contains(shown), "{shown} in\n{}", c.svg);
        let w = bars(&doc, "jx-s0").iter().map(|r| r.width).next().unwrap();
        assert!(w > 100.0, "a bar for {v}: width {w}");
        assert_labels_fit(&c);
    }
}

#[test]
fn a_missing_value_is_a_gap_with_a_note() {
    let mut years = budget_years();
    years[1].executed = None;
    let c = charts::budget_by_year("gap", "x", &years, "万元", &texts());
    let doc = parse(&c);
    assert_eq!(bars(&doc, "jx-s1").len(), 2, "no bar for the missing value (not a zero bar)");
    assert_eq!(bars(&doc, "jx-s0").len(), 3);
    let missing: Vec<&str> = doc.descendants().filter(|n| n.attribute("class") == Some("jx-missing")).filter_map(|n| n.text()).collect();
    assert_eq!(missing, ["执行数 未公布"]);
    assert_eq!(c.notes.len(), 1);
    assert!(c.notes[0].contains("2021年度执行数"), "{:?}", c.notes);
    let notes: Vec<&str> = doc.descendants().filter(|n| n.attribute("class") == Some("jx-note")).filter_map(|n| n.text()).collect();
    assert_eq!(notes.concat(), c.notes[0], "the note is drawn in the chart");
    assert_eq!(c.table.rows[1][2], "未公布");

    // A trend: the line breaks at the missing year; the point is named in a note.
    let c = &all_kinds()[3];
    let doc = parse(c);
    let lines: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("polyline") && n.attribute("class") == Some("jx-line0")).collect();
    assert_eq!(lines.len(), 1, "2020–2021 joined; 2023 alone (no line through 2022)");
    assert_eq!(lines[0].attribute("points").unwrap().split(' ').count(), 2);
    // A line's points are marked by its SVG markers, defined once for the page (not in each
    // chart); a point alone by a circle.
    assert!(!doc.descendants().any(|n| n.has_tag_name("marker")), "no markers of its own");
    let markers = charts::trend_markers();
    let page = roxmltree::Document::parse(&markers).expect("the page's markers are well-formed");
    assert_eq!(page.root_element().attribute("aria-hidden"), Some("true"));
    let marker = page.descendants().find(|n| n.has_tag_name("marker") && n.attribute("id") == Some("_k0")).expect("the actual line's marker");
    assert!(marker.descendants().any(|n| n.has_tag_name("circle") && n.attribute("class") == Some("jx-mark0")), "a filled circle");
    // At the start, middle points and end: the `marker` shorthand, which has no attribute.
    assert_eq!(lines[0].attribute("style"), Some("marker:url(#_k0)"));
    let alone = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle") && n.attribute("class") == Some("jx-mark0"))
        .filter(|n| !n.ancestors().any(|a| a.has_tag_name("marker") || a.attribute("class") == Some("jx-legend")))
        .count();
    assert_eq!(2 + alone, 3, "three actual points: two on the line, 2023 alone");
    assert!(c.notes.iter().any(|n| n.contains("2022实际完成值未公布")), "{:?}", c.notes);
}

#[test]
fn long_chinese_labels_fit() {
    let long = "全市公共图书馆、文化馆（站）和基层综合性文化服务中心年度接待读者及参加各类群众文化活动的总人次（含线上服务）";
    let t = texts();
    let c = charts::targets(
        "long",
        "示例",
        &[
            TargetRow { label: long.into(), unit: Some("万人次".into()), op: Some("≥".into()), target: n(12345678.9), actual: n(9876543.21), met: Met::No },
            TargetRow { label: "短".into(), unit: None, op: Some("≤".into()), target: n(3.5), actual: n(3.21), met: Met::Yes },
        ],
        &t,
    );
    assert_labels_fit(&c);
    let doc = parse(&c);
    let label_lines: Vec<String> = runs(&doc).into_iter().filter(|r| r.class.starts_with("jx-label") && r.anchor == "end").map(|r| r.text).collect();
    assert!(label_lines.len() > 3, "the long label is wrapped: {label_lines:?}");
    assert_eq!(label_lines.concat().replace(' ', "").len(), format!("{long}短").len(), "nothing of the label is lost");

    let groups: Vec<BudgetYear> = (0..3).map(|i| BudgetYear { label: format!("{long}{i}"), budget: n(1e9), executed: n(-5e8), rate: Some("-50.00%".into()) }).collect();
    let c = charts::budget_by_year("long2", "x", &groups, "亿元（人民币，按当年价格计算）", &t);
    assert_labels_fit(&c);

    let points: Vec<TrendPoint> =
        (2001..2031).map(|y| TrendPoint { label: format!("{y}年度"), target: n(1e6), actual: n(f64::from(y) * 1000.0), absent: false, other_unit: None }).collect();
    let c = charts::trend("many", long, "万人次", &points, &t);
    assert_labels_fit(&c);
}

#[test]
fn text_model_counts_cjk_as_full_width() {
    assert_eq!(text::width("预算", 12.0), 24.0);
    assert!(text::width("12", 12.0) < 24.0);
    for line in text::wrap("二〇二二年度部门整体支出绩效自评报告", 60.0, 12.0) {
        assert!(text::width(&line, 12.0) <= 60.0, "{line}");
    }
}

#[test]
fn snapshots_of_each_kind() {
    for c in all_kinds() {
        insta::assert_snapshot!(format!("chart_{}", c.kind), c.svg);
    }
}

#[test]
fn markup_in_names_and_labels_is_escaped() {
    // Names and labels come from content: a publisher's `<`, `&` or quote stays text.
    let hostile = r#"<script>alert("x")</script> & 'q' 局"#;
    let t = texts();
    let charts = [
        charts::targets(
            "esc-t",
            hostile,
            &[TargetRow { label: hostile.into(), unit: Some(hostile.into()), op: Some("≥".into()), target: n(10.0), actual: n(12.0), met: Met::Yes }],
            &t,
        ),
        charts::composition(
            "esc-c",
            hostile,
            &[PartGroup { name: hostile.into(), parts: vec![(hostile.into(), n(5.0)), ("其他".into(), n(3.0))] }],
            hostile,
            &t,
        ),
        charts::trend(
            "esc-r",
            hostile,
            hostile,
            &[
                TrendPoint { label: hostile.into(), target: n(1.0), actual: n(2.0), absent: false, other_unit: None },
                TrendPoint { label: "2022".into(), target: n(1.0), actual: None, absent: false, other_unit: None },
            ],
            &t,
        ),
    ];
    for c in &charts {
        assert!(!c.svg.contains("<script"), "{}: raw markup in\n{}", c.id, c.svg);
        let doc = parse(c);
        assert!(!doc.descendants().any(|n| n.has_tag_name("script")), "{}", c.id);
        let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
        assert!(texts.iter().any(|s| s.contains(hostile)), "{}: the label is kept as text: {texts:?}", c.id);
    }
}
