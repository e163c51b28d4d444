//! J2xx: key figures stated in the narratives: 其中 parts, the same figure stated twice,
//! pipelines that can only shrink.

use super::at::At;
use super::budget::{dec, sum_arithmetic_in};
use super::{Ctx, FigureRef, Interval, J201, J202, J203, J204, fig, iv, num};
use crate::judge;
use crate::messages::check as msg;
use crate::model::{Figure, KeyFigure, Report};
use std::collections::HashMap;

pub(super) fn check(c: &mut Ctx, r: &Report) {
    for (i, a) in r.achievements.iter().enumerate() {
        // A figure without parts has nothing for J201, J202 or J204 to compare.
        for (j, f) in a.figures.iter().enumerate().filter(|(_, f)| !f.parts.is_empty()) {
            parts(c, &format!("achievements[{i}].figures[{j}]"), f);
        }
    }
    same_figure_twice(c, r);
}

fn unit_of<'a>(f: &'a KeyFigure, parent: Option<&'a str>) -> Option<&'a str> {
    f.unit.as_deref().or(parent)
}

/// J201, J202, J204 for a figure and, recursively, its parts.
fn parts(c: &mut Ctx, path: &str, f: &KeyFigure) {
    let unit = f.unit.as_deref();
    for (k, p) in f.parts.iter().enumerate().filter(|(_, p)| !p.parts.is_empty()) {
        parts(c, &format!("{path}.parts[{k}]"), p);
    }
    let Some(total) = &f.value else { return };
    let with_values: Vec<(usize, &Figure, Option<&str>)> =
        f.parts.iter().enumerate().filter_map(|(k, p)| p.value.as_ref().map(|v| (k, v, unit_of(p, unit)))).collect();
    let same_unit: Vec<&(usize, &Figure, Option<&str>)> = with_values.iter().filter(|(_, _, u)| norm(*u) == norm(unit)).collect();
    let t = iv(total, unit);
    if f.parts_sequence {
        // Each stage at most the one before it (the whole is the first stage).
        let mut prev: (String, &str, &Figure, Option<&str>) = (format!("{path}.value"), f.label.as_str(), total, unit);
        for (k, v, u) in &with_values {
            let field = format!("{path}.parts[{k}].value");
            let label = f.parts[*k].label.as_str();
            if norm(*u) == norm(prev.3) && judge::exceeds(iv(v, *u), iv(prev.2, prev.3)) {
                let figures = vec![fig(&prev.0, prev.1, prev.2), fig(&field, label, v)];
                let arithmetic =
                    msg::grows_arithmetic(v.as_written(), prev.2.as_written(), &num(v.value() - prev.2.value(), dec(&[v, prev.2])));
                c.emit(
                    &J204,
                    &field,
                    msg::pipeline_grows(label, &v.grouped(), prev.1, &prev.2.grouped(), u.unwrap_or("")),
                    figures,
                    arithmetic,
                );
            }
            prev = (field, label, v, *u);
        }
        return;
    }
    if same_unit.is_empty() {
        return;
    }
    let sum = Interval::sum(same_unit.iter().map(|(_, v, u)| iv(v, *u)));
    let vals: Vec<&Figure> = same_unit.iter().map(|(_, v, _)| *v).collect();
    let mut figures: Vec<FigureRef> =
        same_unit.iter().map(|(k, v, _)| fig(format!("{path}.parts[{k}].value"), f.parts[*k].label.clone(), v)).collect();
    figures.push(fig(format!("{path}.value"), f.label.clone(), total));
    let shown = num(vals.iter().map(|v| v.value()).sum(), dec(&vals));
    let u = unit.unwrap_or("");
    if f.parts_complete && same_unit.len() == f.parts.len() {
        if !judge::adds_up([sum], t) {
            c.emit(
                &J201,
                format!("{path}.value"),
                msg::parts_complete(&f.label, &shown, u, &total.grouped()),
                figures,
                sum_arithmetic_in(&vals, sum, total, t),
            );
        }
    } else if judge::exceeds(sum, t) {
        c.emit(
            &J202,
            format!("{path}.value"),
            msg::parts_exceed(&f.label, &shown, u, &total.grouped()),
            figures,
            sum_arithmetic_in(&vals, sum, total, t),
        );
    }
}

/// A unit compared loosely: trimmed, full-width percent as `%`.
pub(super) fn norm(u: Option<&str>) -> std::borrow::Cow<'_, str> {
    // Borrowed unless there is a full-width sign to replace: this runs for every figure.
    let u = u.unwrap_or("").trim();
    if u.contains('％') { u.replace('％', "%").into() } else { u.into() }
}

/// One statement of a figure somewhere in a report.
struct Stated<'a> {
    at: At<'a>,
    id: &'a str,
    label: &'a str,
    unit: Option<&'a str>,
    value: &'a Figure,
    /// Key figures are also matched by label; targets and indicators only by id.
    by_label: bool,
}

/// J203: a figure with the same id (or key figures with the same label and unit) agrees
/// wherever the report states it.
fn same_figure_twice(c: &mut Ctx, r: &Report) {
    let mut all: Vec<Stated> = Vec::new();
    for (i, t) in r.targets.iter().enumerate() {
        if let Some(v) = t.result.as_ref().and_then(|o| o.value.as_ref()) {
            all.push(Stated {
                at: At::Target(i),
                id: &t.id,
                label: t.measure.as_deref().unwrap_or(&t.name),
                unit: t.unit.as_deref(),
                value: v,
                by_label: false,
            });
        }
    }
    for (i, t) in r.evaluation_tables.iter().enumerate() {
        for (j, ind) in t.indicators.iter().enumerate() {
            if let Some(v) = ind.actual.as_ref().and_then(|o| o.value.as_ref()) {
                all.push(Stated {
                    at: At::Indicator(i, j),
                    id: &ind.id,
                    label: &ind.name,
                    unit: ind.unit.as_deref(),
                    value: v,
                    by_label: false,
                });
            }
        }
    }
    fn walk<'a>(r: &'a Report, figures: &'a [KeyFigure], parent: Option<&'a str>, out: &mut Vec<Stated<'a>>) {
        for f in figures {
            let unit = f.unit.as_deref().or(parent);
            if let Some(v) = &f.value {
                out.push(Stated { at: At::Figure(r, f), id: &f.id, label: &f.label, unit, value: v, by_label: true });
            }
            walk(r, &f.parts, unit, out);
        }
    }
    for a in &r.achievements {
        walk(r, &a.figures, None, &mut all);
    }
    let mut first_by_id: HashMap<(&str, std::borrow::Cow<str>), usize> = HashMap::new();
    let mut first_by_label: HashMap<(&str, std::borrow::Cow<str>), usize> = HashMap::new();
    for (n, s) in all.iter().enumerate() {
        let key_id = (s.id, norm(s.unit));
        let earlier = match first_by_id.get(&key_id) {
            Some(&m) => Some(m),
            None => {
                first_by_id.insert(key_id, n);
                None
            }
        };
        let earlier_label = if s.by_label {
            let key = (s.label, norm(s.unit));
            match first_by_label.get(&key) {
                Some(&m) if all[m].id != s.id => Some(m),
                Some(_) => None,
                None => {
                    first_by_label.insert(key, n);
                    None
                }
            }
        } else {
            None
        };
        for m in [earlier, earlier_label].into_iter().flatten() {
            let a = &all[m];
            let (x, y) = (iv(a.value, a.unit), iv(s.value, s.unit));
            if !x.overlaps(y) {
                let (a_field, s_field) = (a.at.value_field(), s.at.value_field());
                let figures = vec![fig(&a_field, a.label, a.value), fig(&s_field, s.label, s.value)];
                let d = dec(&[a.value, s.value]);
                let arithmetic =
                    msg::differ_arithmetic(a.value.as_written(), s.value.as_written(), &num(x.gap(y), d), &num(x.half() + y.half(), d + 1));
                let key = if a.id == s.id { msg::figure_by_id(s.id) } else { msg::figure_by_label(s.label) };
                c.emit(
                    &J203,
                    &s_field,
                    msg::stated_twice(&key, &a.value.grouped(), &a_field, &s.value.grouped(), s.unit.unwrap_or("")),
                    figures,
                    arithmetic,
                );
            }
        }
    }
}
