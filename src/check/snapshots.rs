//! J7xx: a published report against the snapshot of its year (`jixiao archive YEAR`).
//!
//! A report changed after its snapshot was made must say so: every difference the comparison
//! finds ([`crate::site::changes::compare`], the same one the "changes since publication" page
//! shows) needs a correction (`corrections:`) that names the field, or one naming no field
//! (see [`crate::site::changes::explained_by`]); otherwise J701. A snapshot whose copy of the
//! report cannot be trusted or read (altered since the manifest, not a report) is J702: there
//! is nothing to compare with.

use super::{Ctx, FigureRef, J701, J702};
use crate::archive::{SnapshotInfo, snapshot_of};
use crate::load::ReportEntry;
use crate::messages::{self as msg, Text};
use crate::site::changes;

/// The findings of one report against the snapshot of its year, if there is one.
pub(super) fn check(c: &mut Ctx, department: &str, entry: &ReportEntry, snapshots: &[SnapshotInfo]) {
    let Some(snapshot) = snapshot_of(snapshots, department, entry.year) else { return };
    let old = match snapshot.report(department, entry.year) {
        Ok(Some(old)) => old,
        Ok(None) => return,
        Err(why) => {
            c.emit(&J702, "", msg::snapshot_unreadable(snapshot.year, &why), vec![], Text::default());
            return;
        }
    };
    let live = &entry.report;
    let strings = crate::strings::default_strings();
    for change in changes::compare(&old, live) {
        if changes::explained_by(&live.corrections, &change.field).is_some() {
            continue;
        }
        let name = changes::field_label(if change.new.is_some() { live } else { &old }, &change.field, strings);
        // A figure's old and new value, as written, for the findings' figures line.
        let figures = match change.figure {
            true => [&change.old, &change.new]
                .into_iter()
                .flatten()
                .map(|v| FigureRef { field: change.field.clone(), name: name.clone(), value: v.clone(), position: None, spot: None })
                .collect(),
            false => Vec::new(),
        };
        let message = msg::differs_from_snapshot(snapshot.year, &snapshot.date, change.old.as_deref(), change.new.as_deref());
        c.emit(&J701, change.field.clone(), message, figures, Text::default());
    }
}
