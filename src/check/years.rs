//! J5xx: across years. An id names the same measure every year (targets, indicators and key
//! figures share ids), so its unit and direction stay; a stated year-on-year change agrees
//! with the previous year's file.

use super::at::At;
use super::figures::norm;
use super::{Ctx, Interval, J501, J502, J503, fig, iv, num};
use crate::messages::Text;
use crate::messages::check as msg;
use crate::model::{Direction, Figure, KeyFigure, Report};
use std::collections::HashMap;

/// What a report says about a measure id.
pub(super) struct Measure<'a> {
    /// Where it is stated (the first statement of the id in the report).
    pub(super) field: At<'a>,
    /// Its unit.
    pub(super) unit: Option<&'a str>,
    direction: Option<Direction>,
    value: Option<&'a Figure>,
}

/// Every measure id of a report (targets, then indicators, then key figures) and what its first
/// statement says.
pub(super) fn measures(r: &Report) -> HashMap<&str, Measure<'_>> {
    let mut out: HashMap<&str, Measure> = HashMap::new();
    for (i, t) in r.targets.iter().enumerate() {
        out.entry(&t.id).or_insert(Measure {
            field: At::Target(i),
            unit: t.unit.as_deref(),
            direction: t.direction,
            value: t.result.as_ref().and_then(|o| o.value.as_ref()),
        });
    }
    for (i, t) in r.evaluation_tables.iter().enumerate() {
        for (j, ind) in t.indicators.iter().enumerate() {
            out.entry(&ind.id).or_insert(Measure {
                field: At::Indicator(i, j),
                unit: ind.unit.as_deref(),
                direction: ind.direction,
                value: ind.actual.as_ref().and_then(|o| o.value.as_ref()),
            });
        }
    }
    fn walk<'a>(r: &'a Report, figures: &'a [KeyFigure], parent: Option<&'a str>, out: &mut HashMap<&'a str, Measure<'a>>) {
        for f in figures {
            let unit = f.unit.as_deref().or(parent);
            out.entry(&f.id).or_insert(Measure { field: At::Figure(r, f), unit, direction: None, value: f.value.as_ref() });
            if !f.parts.is_empty() {
                walk(r, &f.parts, unit, out);
            }
        }
    }
    for a in &r.achievements {
        walk(r, &a.figures, None, &mut out);
    }
    out
}

fn dir_name(d: Option<Direction>) -> &'static str {
    match d {
        Some(Direction::Higher) => "higher",
        Some(Direction::Lower) => "lower",
        None => "—",
    }
}

pub(super) fn check(c: &mut Ctx, r: &Report, year: u16, prev: &Report, prev_year: u16) {
    let now = measures(r);
    let before = measures(prev);
    let mut ids: Vec<&&str> = now.keys().collect();
    ids.sort();
    for id in ids {
        let (m, Some(p)) = (&now[*id], before.get(*id)) else { continue };
        // Units that cannot be converted into each other break the comparison: J504's.
        if let (Some(u1), Some(u0)) = (m.unit, p.unit)
            && norm(Some(u1)) != norm(Some(u0))
            && !crate::model::unit_break(u0, u1)
        {
            c.emit(&J501, format!("{}.unit", m.field), msg::unit_changed(id, u0, prev_year, u1, year), vec![], Text::default());
        }
        if let (Some(d1), Some(d0)) = (m.direction, p.direction)
            && d1 != d0
        {
            c.emit(
                &J502,
                format!("{}.direction", m.field),
                msg::direction_changed(id, dir_name(Some(d0)), prev_year, dir_name(Some(d1)), year),
                vec![],
                Text::default(),
            );
        }
    }
    // J503: year-on-year changes, against the file of the year just before.
    if prev_year + 1 != year {
        return;
    }
    for a in &r.achievements {
        changes(c, r, &a.figures, &now, &before, prev_year);
    }
}

fn changes(c: &mut Ctx, r: &Report, figures: &[KeyFigure], now: &HashMap<&str, Measure>, before: &HashMap<&str, Measure>, prev_year: u16) {
    for f in figures {
        changes(c, r, &f.parts, now, before, prev_year);
        let (Some(of), Some(stated)) = (f.change_of.as_deref(), f.value.as_ref()) else { continue };
        let (Some(cur), Some(old)) = (now.get(of), before.get(of)) else { continue };
        let (Some(v1), Some(v0)) = (cur.value, old.value) else { continue };
        let (x1, x0) = (iv(v1, cur.unit), iv(v0, old.unit));
        let percent = f.unit.as_deref().is_some_and(|u| u.trim_start().starts_with(['%', '％']));
        let decrease = ["下降", "减少", "降低"].iter().any(|w| f.label.contains(w));
        let delta = x1.minus(x0);
        let computed = if percent {
            match delta.over(x0) {
                Some(q) => q.scale(100.0),
                None => continue,
            }
        } else {
            delta
        };
        let computed = if decrease { Interval { lo: -computed.hi, hi: -computed.lo } } else { computed };
        if computed.overlaps(iv(stated, f.unit.as_deref())) {
            continue;
        }
        let mid = if percent { (v1.value() - v0.value()) / v0.value() * 100.0 } else { v1.value() - v0.value() };
        let mid = if decrease { -mid } else { mid };
        let d = stated.decimals();
        let p = At::Figure(r, f);
        let figures = vec![
            fig(cur.field.value_field(), format!("{of} ({})", prev_year + 1), v1),
            fig(old.field.value_field(), format!("{of} ({prev_year})"), v0),
            fig(p.value_field(), f.label.clone(), stated),
        ];
        let arithmetic = msg::change_arithmetic(
            v1.as_written(),
            v0.as_written(),
            percent,
            &num(mid, d + 2),
            &num(computed.lo, d + 2),
            &num(computed.hi, d + 2),
            stated.as_written(),
        );
        c.emit(
            &J503,
            p.value_field(),
            msg::change(&f.label, stated.as_written(), f.unit.as_deref().unwrap_or(""), of, prev_year, &num(mid, d)),
            figures,
            arithmetic,
        );
    }
}
