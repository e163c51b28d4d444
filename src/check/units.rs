//! J504: a measure whose unit changes between years to one that cannot be converted (`%` to
//! 个, 人次 to 万人次). The comparisons never plot the two on one axis or take their difference
//! (they mark the break, [`crate::site::compare`]); this rule tells the publisher, with where each
//! year states its unit, so the break is either corrected or given a new id.
//!
//! Each report is set against the latest earlier report that states the same id with a unit,
//! so a year without the measure in between does not hide a change. Units of money (元 and
//! 万元) convert, and a change between them is J501's, not a break ([`crate::model::unit_break`]).
//! Both years' positions are found by reading the two files again, only for a break.

use super::years::measures;
use super::{Ctx, J504};
use crate::load::{ReportEntry, locate_fields};
use crate::messages::Text;
use crate::messages::check as msg;
use crate::model::unit_break;
use std::path::Path;

/// Checks `entry` against `earlier`, the department's reports of the years before, oldest first.
pub(super) fn check(c: &mut Ctx, root: &Path, entry: &ReportEntry, earlier: &[ReportEntry]) {
    if earlier.is_empty() {
        return;
    }
    let now = measures(&entry.report);
    let before: Vec<_> = earlier.iter().map(|e| measures(&e.report)).collect();
    let mut ids: Vec<&&str> = now.keys().collect();
    ids.sort();
    for id in ids {
        let m = &now[*id];
        let Some(unit) = m.unit else { continue };
        // The latest earlier statement of the id with a unit.
        let Some((e, p, was)) = earlier.iter().zip(&before).rev().find_map(|(e, ms)| ms.get(*id).and_then(|p| p.unit.map(|u| (e, p, u)))) else {
            continue;
        };
        if !unit_break(was, unit) {
            continue;
        }
        let field = format!("{}.unit", m.field);
        let before_field = format!("{}.unit", p.field);
        let here = position(root, &entry.path, &field);
        let there = position(root, &e.path, &before_field);
        c.emit(&J504, field, msg::unit_break(id, was, e.year, &there, unit, entry.year, &here), vec![], Text::default());
    }
}

/// `file:line:column` of `field` in `file` (relative to `root`); the file alone when the field
/// cannot be found.
fn position(root: &Path, file: &Path, field: &str) -> String {
    let shown = file.to_string_lossy().replace('\\', "/");
    let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
    match locate_fields(&text, &[field]).into_iter().next().flatten() {
        Some(l) => format!("{shown}:{}:{}", l.line, l.column),
        None => shown,
    }
}
