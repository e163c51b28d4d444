//! J2xx: key figures stated in the narratives: 其中 parts and pipelines that can only shrink.
//! The same measure stated twice (J203) is [`super::restated`]'s.

use super::budget::{dec, sum_arithmetic_in};
use super::{Ctx, FigureRef, Interval, J201, J202, J204, fig, iv, num};
use crate::judge;
use crate::messages::check as msg;
use crate::model::{Figure, KeyFigure, Report};

pub(super) fn check(c: &mut Ctx, r: &Report) {
    for (i, a) in r.achievements.iter().enumerate() {
        // A figure without parts has nothing for J201, J202 or J204 to compare.
        for (j, f) in a.figures.iter().enumerate().filter(|(_, f)| !f.parts.is_empty()) {
            parts(c, &format!("achievements[{i}].figures[{j}]"), f);
        }
    }
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
