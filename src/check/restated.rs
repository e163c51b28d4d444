//! J203: a measure stated twice in one report with two different values.
//!
//! A report states many measures more than once: a target's result (二（二）), the same measure
//! as an indicator's actual value in the self-evaluation table, a key figure of the achievements,
//! and again in a narrative sentence ("…办结率达到98.5%…"). Each statement is collected here
//! with its name, id, unit and value; statements of one measure are grouped, and every statement
//! that cannot be the value of the group's first structured statement (at the precision both are
//! written with, [`super::Interval`]) is a finding at that statement, naming both places.
//!
//! Two statements are of one measure when they have the same id and unit (targets, indicators
//! and key figures), or the same normalised name and unit ([`measure_key`]). The matching is
//! deliberately narrow, because a false accusation on a public site is worse than a missed pair:
//! - names must be equal after normalisation, never merely similar (办结率 is not
//!   网格事件办结率); units must be equal (万人次 is not 人次);
//! - the parts of a key figure (其中 …) and the indicators of a project's table are matched by id
//!   only: their labels are relative to their whole or their project;
//! - a narrative figure is compared only with a structured statement (never two narrative
//!   figures with each other), and not when it is approximate (约, 近, 左右), a target or a
//!   comparison (…的目标, 同比 …), or the sentence a key figure of the same achievement (or the
//!   target whose result it is) was taken from, stating the same value;
//! - a bound (95%以上, 超20万人次, 5万余人) contradicts only a value on its wrong side.
//!
//! The rules are documented for readers in `docs/checks.md` (J203).

use super::at::At;
use super::budget::dec;
use super::{Ctx, FigureRef, J203, Spot, fig, iv, num};
use crate::messages::check as msg;
use crate::model::{Figure, KeyFigure, Outcome, Report, TableScope};
use crate::sentence::{self, Num};
use std::borrow::Cow;
use std::collections::HashMap;

/// What a statement says about the measure's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    /// The value, within the rounding of its written decimals.
    Exactly,
    /// At least the value (95%以上, 超20万人次, 5万余人).
    AtLeast,
    /// At most the value (不超过 5 起, 3天以内).
    AtMost,
}

/// Where a narrative is: a field holding text.
#[derive(Debug, Clone, Copy)]
enum Text {
    /// `summary`.
    Summary,
    /// `targets[i].result.text`.
    Result(usize),
    /// `task_narratives[i].text`.
    Narrative(usize),
    /// `achievements[i].text`.
    Achievement(usize),
}

impl Text {
    fn field(self) -> String {
        match self {
            Text::Summary => "summary".to_string(),
            Text::Result(i) => format!("targets[{i}].result.text"),
            Text::Narrative(i) => format!("task_narratives[{i}].text"),
            Text::Achievement(i) => format!("achievements[{i}].text"),
        }
    }
}

/// Where a statement is written; its field path is formatted only for a finding.
#[derive(Clone, Copy)]
enum Place<'a> {
    /// A structured value: a target's result, an indicator's actual value, a key figure.
    Value(At<'a>),
    /// A figure in a narrative: the text and the byte offset of its digits.
    Sentence(Text, &'a str, usize),
}

/// One statement of a measure's value.
struct Statement<'a> {
    place: Place<'a>,
    /// Matched by id too (structured statements with an id).
    id: Option<&'a str>,
    /// The name as written (measure, indicator name, label, or the words before a narrative figure).
    name: Cow<'a, str>,
    /// The normalised name, when the statement is matched by name.
    key: Option<String>,
    /// The unit as written and as compared.
    unit: Option<&'a str>,
    unit_key: String,
    value: Cow<'a, Figure>,
    bound: Bound,
}

impl Statement<'_> {
    fn is_sentence(&self) -> bool {
        matches!(self.place, Place::Sentence(..))
    }

    fn field(&self) -> String {
        match self.place {
            Place::Value(at) => at.value_field(),
            Place::Sentence(text, ..) => text.field(),
        }
    }

    /// The figure as a finding lists it, to be located: at its value, or in its text.
    fn figure(&self) -> FigureRef {
        let mut f = fig(self.field(), self.name.as_ref(), &self.value);
        f.spot = Some(match self.place {
            Place::Value(_) => Spot::Value,
            Place::Sentence(_, text, at) => Spot::InText(text[..at].chars().count()),
        });
        f
    }

    /// The value as a reader would say it: `≥ 95`, `118.2`.
    fn shown(&self) -> String {
        let v = self.value.grouped();
        match self.bound {
            Bound::Exactly => v,
            Bound::AtLeast => format!("≥ {v}"),
            Bound::AtMost => format!("≤ {v}"),
        }
    }
}

/// Words dropped from the start of a measure's name when matching (scope and summing words).
const NAME_LEAD: &[&str] = &["本年度", "全年", "年度", "本年", "累计", "共计", "合计", "总计", "共有", "共"];

/// Words dropped from the end of a measure's name when matching (the verb before its figure,
/// and 超 of 超20万人次, which the seed's labels keep).
const NAME_TAIL: &[&str] = &["达到", "超过", "约为", "达", "为", "是", "超", "逾", "共计", "共"];

/// A name shorter than this (after normalising) is too vague to match on (率, 人数).
const MIN_NAME_CHARS: usize = 3;

/// The name a measure is matched by: letters and digits only (no punctuation or spaces), 比率
/// as 率, without 的, without leading scope words (全年, 累计, 共 …) and a trailing verb (达到,
/// 为 …). `None` when too short to name a measure on its own.
pub(super) fn measure_key(name: &str) -> Option<String> {
    let mut s: String = name.chars().filter(|&c| is_letter_or_digit(c) && c != '的').collect();
    if s.contains("比率") {
        s = s.replace("比率", "率");
    }
    loop {
        let before = s.len();
        if let Some(w) = NAME_LEAD.iter().find(|w| s.starts_with(**w) && s.len() > w.len()) {
            s.drain(..w.len());
        }
        if let Some(w) = NAME_TAIL.iter().find(|w| s.ends_with(**w) && s.len() > w.len()) {
            s.truncate(s.len() - w.len());
        }
        if s.len() == before {
            break;
        }
    }
    (s.chars().count() >= MIN_NAME_CHARS).then_some(s)
}

/// [`char::is_alphanumeric`], answered at once for the CJK Unified Ideographs (all letters),
/// which names are mostly made of and which the standard library looks up the slow way: a
/// check computes a key for every statement of every report.
fn is_letter_or_digit(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}') || c.is_alphanumeric()
}

/// A unit as compared (full-width ％ as %, 余/多 dropped) and the bound its wording gives
/// (`%以上`, `万余人`); `None` for an approximate figure (左右).
fn unit_key(unit: Option<&str>) -> Option<(String, Bound)> {
    let u = unit.unwrap_or("").trim().replace('％', "%");
    if u.ends_with("左右") {
        return None;
    }
    let (u, mut bound) = match AFTER_BOUND.iter().find(|(w, _)| u.ends_with(w)) {
        Some((w, b)) => (u[..u.len() - w.len()].to_string(), *b),
        None => (u, Bound::Exactly),
    };
    let u = if u.contains(['余', '多']) {
        bound = Bound::AtLeast;
        u.replace(['余', '多'], "")
    } else {
        u
    };
    Some((u, bound))
}

/// Words after a figure (and its unit) that make it a bound.
const AFTER_BOUND: &[(&str, Bound)] =
    &[("及以上", Bound::AtLeast), ("以上", Bound::AtLeast), ("及以下", Bound::AtMost), ("以下", Bound::AtMost), ("以内", Bound::AtMost)];

/// Words before a figure that make it a bound, longest first.
const BEFORE_BOUND: &[(&str, Bound)] = &[
    ("不少于", Bound::AtLeast),
    ("不低于", Bound::AtLeast),
    ("超过", Bound::AtLeast),
    ("至少", Bound::AtLeast),
    ("多于", Bound::AtLeast),
    ("高于", Bound::AtLeast),
    ("超", Bound::AtLeast),
    ("逾", Bound::AtLeast),
    ("不超过", Bound::AtMost),
    ("不高于", Bound::AtMost),
    ("不足", Bound::AtMost),
    ("不到", Bound::AtMost),
    ("少于", Bound::AtMost),
    ("低于", Bound::AtMost),
    ("至多", Bound::AtMost),
    ("最多", Bound::AtMost),
];

/// Words right before a figure that make it approximate: not compared.
const APPROXIMATE: &[&str] = &["约", "约为", "近", "将近", "接近", "大约", "左右"];

/// Words after a narrative figure, in its clause, that make it a target, a standard or a
/// comparison rather than the measured value (…98%以上的目标, …同比 …): not compared.
const NOT_MEASURED: &[&str] = &["目标", "要求", "任务", "标准", "计划", "预期", "考核", "指标", "同比", "比上年", "较上年"];

/// Where a clause ends.
const CLAUSE_END: &[char] = &['，', '。', '；', ';', ',', '！', '？', '\n'];

/// The bound the words around a figure give (`None` when approximate).
fn bound_around(text: &str, n: &Num) -> Option<Bound> {
    let before = &text[..n.start];
    if APPROXIMATE.iter().any(|w| before.ends_with(w)) || text[n.end..].starts_with("左右") {
        return None;
    }
    let written = BEFORE_BOUND.iter().find(|(w, _)| before.ends_with(w)).or_else(|| AFTER_BOUND.iter().find(|(w, _)| text[n.end..].starts_with(w)));
    Some(written.map_or(Bound::Exactly, |(_, b)| *b))
}

/// The bound a structured value takes from its own wording: a result written 99.98以上 is at
/// least 99.98. `None` when the wording calls it approximate.
fn outcome_bound(o: &Outcome, value: &Figure) -> Option<Bound> {
    let Some(text) = &o.text else { return Some(Bound::Exactly) };
    match sentence::numbers(text).into_iter().find(|n| n.figure.as_written() == value.as_written()) {
        Some(n) => bound_around(text, &n),
        None => Some(Bound::Exactly),
    }
}

/// Whether two statements may be of one value: their ranges meet, or a bound admits the other.
fn agree(a: &Statement, b: &Statement) -> bool {
    let (x, y) = (iv(&a.value, a.unit), iv(&b.value, b.unit));
    match (a.bound, b.bound) {
        (Bound::Exactly, Bound::Exactly) => x.overlaps(y),
        // A lower bound is contradicted by a value surely below it; an upper one by one above.
        (Bound::AtLeast, Bound::Exactly | Bound::AtMost) => !x.surely_above(y),
        (Bound::Exactly | Bound::AtMost, Bound::AtLeast) => !y.surely_above(x),
        (Bound::AtMost, Bound::Exactly) => !y.surely_above(x),
        (Bound::Exactly, Bound::AtMost) => !x.surely_above(y),
        // Two bounds on the same side never contradict each other.
        (Bound::AtLeast, Bound::AtLeast) | (Bound::AtMost, Bound::AtMost) => true,
    }
}

/// Every statement of a measure's value in `r`, in the order of the report: targets' results,
/// indicators' actual values, key figures, then the figures of the narratives.
fn statements(r: &Report) -> Vec<Statement<'_>> {
    let mut all = Vec::new();
    for (i, t) in r.targets.iter().enumerate() {
        let Some(o) = &t.result else { continue };
        let Some(v) = &o.value else { continue };
        let (Some((unit_key, unit_bound)), Some(bound)) = (unit_key(t.unit.as_deref()), outcome_bound(o, v)) else { continue };
        let name = t.measure.as_deref().unwrap_or(&t.name);
        all.push(Statement {
            place: Place::Value(At::Target(i)),
            id: Some(t.id.as_str()).filter(|id| !id.is_empty()),
            name: Cow::Borrowed(name),
            key: measure_key(name),
            unit: t.unit.as_deref(),
            unit_key,
            value: Cow::Borrowed(v),
            bound: if bound == Bound::Exactly { unit_bound } else { bound },
        });
    }
    for (i, table) in r.evaluation_tables.iter().enumerate() {
        for (j, ind) in table.indicators.iter().enumerate() {
            let Some(o) = &ind.actual else { continue };
            let Some(v) = &o.value else { continue };
            let (Some((unit_key, unit_bound)), Some(bound)) = (unit_key(ind.unit.as_deref()), outcome_bound(o, v)) else { continue };
            all.push(Statement {
                place: Place::Value(At::Indicator(i, j)),
                id: Some(ind.id.as_str()).filter(|id| !id.is_empty()),
                name: Cow::Borrowed(&ind.name),
                // A project's indicator measures that project: matched by id only.
                key: if table.scope == TableScope::Department { measure_key(&ind.name) } else { None },
                unit: ind.unit.as_deref(),
                unit_key,
                value: Cow::Borrowed(v),
                bound: if bound == Bound::Exactly { unit_bound } else { bound },
            });
        }
    }
    fn walk<'a>(r: &'a Report, figures: &'a [KeyFigure], parent: Option<&'a str>, whole: bool, out: &mut Vec<Statement<'a>>) {
        for f in figures {
            let unit = f.unit.as_deref().or(parent);
            if let (Some(v), Some((unit_key, bound))) = (&f.value, unit_key(unit)) {
                let label_bound = if f.label.trim_end().ends_with(['超', '逾']) { Bound::AtLeast } else { bound };
                out.push(Statement {
                    place: Place::Value(At::Figure(r, f)),
                    id: Some(f.id.as_str()).filter(|id| !id.is_empty()),
                    name: Cow::Borrowed(&f.label),
                    // A part's label (街道, 其他 …) is relative to its whole: matched by id only.
                    key: if whole { measure_key(&f.label) } else { None },
                    unit,
                    unit_key,
                    value: Cow::Borrowed(v),
                    bound: label_bound,
                });
            }
            walk(r, &f.parts, unit, false, out);
        }
    }
    for a in &r.achievements {
        walk(r, &a.figures, None, true, &mut all);
    }
    let structured = all.len();
    let texts = r
        .summary
        .iter()
        .map(|s| (Text::Summary, s.as_str()))
        .chain(r.targets.iter().enumerate().filter_map(|(i, t)| Some((Text::Result(i), t.result.as_ref()?.text.as_deref()?))))
        .chain(r.task_narratives.iter().enumerate().map(|(i, n)| (Text::Narrative(i), n.text.as_str())))
        .chain(r.achievements.iter().enumerate().map(|(i, a)| (Text::Achievement(i), a.text.as_str())));
    for (at, text) in texts {
        let from = all.len();
        sentences(at, text, &mut all);
        // The sentence a structured statement was taken from is that statement, not another one:
        // a figure of an achievement's text that a key figure of that achievement states with
        // the same name, unit and value; a target's result text stating its result.
        let own: Vec<usize> = (0..structured)
            .filter(|&k| match (at, all[k].place) {
                (Text::Result(i), Place::Value(At::Target(t))) => i == t,
                (Text::Achievement(i), Place::Value(At::Figure(_, f))) => r.achievements[i].figures.iter().any(|g| contains(g, f)),
                _ => false,
            })
            .collect();
        let mut n = from;
        while n < all.len() {
            let s = &all[n];
            let restates_own = own.iter().any(|&k| {
                let o = &all[k];
                o.unit_key == s.unit_key && (o.key.is_some() && o.key == s.key || o.value.as_written() == s.value.as_written()) && agree(o, s)
            });
            if restates_own {
                all.remove(n);
            } else {
                n += 1;
            }
        }
    }
    all
}

/// Whether `f` is `whole` or one of its parts.
fn contains(whole: &KeyFigure, f: &KeyFigure) -> bool {
    std::ptr::eq(whole, f) || whole.parts.iter().any(|p| contains(p, f))
}

/// The figures of a narrative that state a measure: a unit, a name before them that can be
/// matched, not approximate, not a target or a comparison.
fn sentences<'a>(at: Text, text: &'a str, out: &mut Vec<Statement<'a>>) {
    let mut floor = 0;
    for n in sentence::numbers(text) {
        let label = sentence::label_before(text, n.start, floor);
        floor = n.end;
        let Some(written_unit) = n.unit.as_deref() else { continue };
        let Some(key) = measure_key(&label) else { continue };
        let Some(bound) = bound_around(text, &n) else { continue };
        let clause_end = text[n.end..].find(CLAUSE_END).map_or(text.len(), |k| n.end + k);
        if NOT_MEASURED.iter().any(|w| text[n.end..clause_end].contains(w)) {
            continue;
        }
        let Some((unit_key, unit_bound)) = unit_key(Some(written_unit)) else { continue };
        // The unit as written lives in `text`: find it there to borrow it.
        let unit_at = n.start + n.figure.as_written().len();
        let unit = text.get(unit_at..n.end).filter(|u| !u.is_empty());
        out.push(Statement {
            place: Place::Sentence(at, text, n.start),
            id: None,
            name: Cow::Owned(label),
            key: Some(key),
            unit,
            unit_key,
            value: Cow::Owned(n.figure),
            bound: if bound == Bound::Exactly { unit_bound } else { bound },
        });
    }
}

/// A tiny union-find over statement indices: statements of one measure end in one set.
fn root(parent: &mut [usize], mut k: usize) -> usize {
    while parent[k] != k {
        parent[k] = parent[parent[k]];
        k = parent[k];
    }
    k
}

/// J203: every statement of a measure agrees with the first structured statement of it.
pub(super) fn check(c: &mut Ctx, r: &Report) {
    let all = statements(r);
    let mut parent: Vec<usize> = (0..all.len()).collect();
    let mut first_by_id: HashMap<(&str, &str), usize> = HashMap::with_capacity(all.len());
    let mut first_by_key: HashMap<(&str, &str), usize> = HashMap::with_capacity(all.len());
    for (n, s) in all.iter().enumerate() {
        if let Some(id) = s.id {
            let m = *first_by_id.entry((id, s.unit_key.as_str())).or_insert(n);
            let (a, b) = (root(&mut parent, m), root(&mut parent, n));
            parent[b.max(a)] = a.min(b);
        }
        if let Some(key) = &s.key {
            let m = *first_by_key.entry((key.as_str(), s.unit_key.as_str())).or_insert(n);
            let (a, b) = (root(&mut parent, m), root(&mut parent, n));
            parent[b.max(a)] = a.min(b);
        }
    }
    // The reference of each set: its first structured statement (a set of narrative figures
    // alone has none and is not compared).
    // By set root (a statement index).
    let mut reference: Vec<Option<usize>> = vec![None; all.len()];
    for (n, s) in all.iter().enumerate() {
        if !s.is_sentence() {
            let g = root(&mut parent, n);
            reference[g].get_or_insert(n);
        }
    }
    for (n, s) in all.iter().enumerate() {
        let g = root(&mut parent, n);
        let Some(m) = reference[g] else { continue };
        if m == n || agree(&all[m], s) {
            continue;
        }
        emit(c, &all[m], s);
    }
}

/// The finding at `s`, which cannot be the value `a` states.
fn emit(c: &mut Ctx, a: &Statement, s: &Statement) {
    let (a_field, s_field) = (a.field(), s.field());
    let figures = vec![a.figure(), s.figure()];
    let d = dec(&[&a.value, &s.value]);
    let (x, y) = (iv(&a.value, a.unit), iv(&s.value, s.unit));
    let arithmetic = match (a.bound, s.bound) {
        (Bound::Exactly, Bound::Exactly) => {
            msg::differ_arithmetic(a.value.as_written(), s.value.as_written(), &num(x.gap(y), d), &num(x.half() + y.half(), d + 1))
        }
        _ => msg::outside_bound_arithmetic(&a.shown(), &s.shown()),
    };
    let key = match (a.id, s.id) {
        (Some(i), Some(j)) if i == j => msg::figure_by_id(i),
        _ => msg::figure_by_label(&a.name),
    };
    let message = msg::stated_twice(&key, &a.shown(), &a_field, &s.shown(), s.unit.unwrap_or(""));
    c.emit(&J203, s_field, message, figures, arithmetic);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ideograph_shortcut_agrees_with_the_standard_library() {
        for c in ('\u{4e00}'..='\u{9fff}').chain(['a', '9', '，', '％', ' ', '的', 'é', '\u{3400}']) {
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn names_are_normalised_for_matching() {
        let k = |s: &str| measure_key(s);
        assert_eq!(k("网格事件办结率"), k("网格事件的办结比率"));
        assert_eq!(k("全年接待读者"), k("接待读者"));
        assert_eq!(k("累计服务来穗人员超"), k("服务来穗人员"));
        assert_eq!(k("“平安黄埔”微信公众号每天推送"), k("平安黄埔微信公众号每天推送"));
        assert_ne!(k("办结率"), k("网格事件办结率"));
        assert_eq!(k("共"), None);
        assert_eq!(k("满意"), None);
    }

    #[test]
    fn units_and_bounds() {
        assert_eq!(unit_key(Some("%以上")), Some(("%".to_string(), Bound::AtLeast)));
        assert_eq!(unit_key(Some("％")), Some(("%".to_string(), Bound::Exactly)));
        assert_eq!(unit_key(Some("万余人")), Some(("万人".to_string(), Bound::AtLeast)));
        assert_eq!(unit_key(Some("人左右")), None);
        let text = "超过95%，约98%，99%以上";
        let b: Vec<Option<Bound>> = sentence::numbers(text).iter().map(|n| bound_around(text, n)).collect();
        assert_eq!(b, [Some(Bound::AtLeast), None, Some(Bound::AtLeast)]);
    }
}
