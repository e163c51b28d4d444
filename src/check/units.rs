//! J504: a measure whose unit changes between years to one that cannot be converted (`%` to
//! 个, 人次 to 万人次). The comparisons never plot the two on one axis or take their difference
//! (they mark the break, [`crate::site::compare`]); this rule tells the publisher, with where each
//! year states its unit, so the break is either corrected or given a new id.
//!
//! Each report is set against the latest earlier report that states the same id with a unit
//! ([`LastUnits`], kept over a department's reports read oldest first),
//! so a year without the measure in between does not hide a change. Units of money (元 and
//! 万元) convert, and a change between them is J501's, not a break ([`crate::model::unit_break`]).
//! Both years' positions are found by reading the two files again, only for a break.

use super::at::At;
use super::years::measures;
use super::{Ctx, J504};
use crate::load::{ReportEntry, locate_fields};
use crate::messages::Text;
use crate::messages::check as msg;
use crate::model::unit_break;
use std::collections::HashMap;
use std::path::Path;

/// The unit each measure id was last stated in, over a department's reports read oldest first:
/// the unit, where it is stated, and the report.
#[derive(Default)]
pub(super) struct LastUnits<'a> {
    by_id: HashMap<&'a str, (&'a str, At<'a>, &'a ReportEntry)>,
}

impl<'a> LastUnits<'a> {
    /// Checks `entry` against the units stated before it, then remembers its own.
    pub(super) fn check(&mut self, c: &mut Ctx, root: &Path, entry: &'a ReportEntry) {
        let now = measures(&entry.report);
        let mut ids: Vec<&&str> = now.keys().collect();
        ids.sort();
        for id in ids {
            let m = &now[*id];
            let Some(unit) = m.unit else { continue };
            if let Some((was, before, e)) = self.by_id.get(*id)
                && unit_break(was, unit)
            {
                let field = format!("{}.unit", m.field);
                let here = position(root, &entry.path, &field);
                let there = position(root, &e.path, &format!("{before}.unit"));
                c.emit(&J504, field, msg::unit_break(id, was, e.year, &there, unit, entry.year, &here), vec![], Text::default());
            }
        }
        for (id, m) in now {
            if let Some(unit) = m.unit {
                // Where, kept as an `At`: its path is written only for a finding.
                self.by_id.insert(id, (unit, m.field, entry));
            }
        }
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
