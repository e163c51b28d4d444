//! Where a measure, table row or figure sits in a report, written out as a field path
//! (`achievements[2].figures[0].parts[1]`) only when a finding names it: the checks visit
//! every target, indicator and key figure of every report, and almost none gives a finding
//! (formatting every path up front was about a third of the check stage).

use crate::model::{KeyFigure, Report};
use std::fmt;

/// A target, a row of a self-evaluation table, or a key figure of an achievement.
#[derive(Clone, Copy)]
pub(super) enum At<'a> {
    /// `targets[i]`.
    Target(usize),
    /// `evaluation_tables[i].indicators[j]`.
    Indicator(usize, usize),
    /// `evaluation_tables[i].funds[j]`.
    Fund(usize, usize),
    /// A key figure of `report`, found again by identity when its path is written.
    Figure(&'a Report, &'a KeyFigure),
}

impl At<'_> {
    /// The field of the stated value: `targets[i].result.value`,
    /// `evaluation_tables[i].indicators[j].actual.value`, a fund row's `….rate`, or the key
    /// figure's `….value`.
    pub(super) fn value_field(&self) -> String {
        match self {
            At::Target(_) => format!("{self}.result.value"),
            At::Indicator(..) => format!("{self}.actual.value"),
            At::Fund(..) => format!("{self}.rate"),
            At::Figure(..) => format!("{self}.value"),
        }
    }
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            At::Target(i) => write!(f, "targets[{i}]"),
            At::Indicator(i, j) => write!(f, "evaluation_tables[{i}].indicators[{j}]"),
            At::Fund(i, j) => write!(f, "evaluation_tables[{i}].funds[{j}]"),
            At::Figure(report, figure) => {
                let mut path = Vec::new();
                for (i, a) in report.achievements.iter().enumerate() {
                    if find(&a.figures, figure, &mut path) {
                        write!(f, "achievements[{i}].figures")?;
                        for (depth, k) in path.iter().rev().enumerate() {
                            if depth > 0 {
                                f.write_str(".parts")?;
                            }
                            write!(f, "[{k}]")?;
                        }
                        return Ok(());
                    }
                }
                // Not reached: a figure is always one of its report's.
                f.write_str("achievements")
            }
        }
    }
}

/// Whether `target` is among `figures` or their parts; its indices, innermost first, in `path`.
fn find(figures: &[KeyFigure], target: &KeyFigure, path: &mut Vec<usize>) -> bool {
    for (k, f) in figures.iter().enumerate() {
        if std::ptr::eq(f, target) || find(&f.parts, target, path) {
            path.push(k);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_written_as_the_report_nests_them() {
        // The example's report, its second achievement given figures nested three deep.
        let content = crate::load::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).expect("the example loads");
        let mut r = content.departments[0].reports[0].report.clone();
        assert!(r.achievements.len() >= 2, "the example has achievements");
        let leaf = r.achievements.iter().flat_map(|a| &a.figures).next().expect("a key figure").clone();
        let mut inner = leaf.clone();
        inner.parts = vec![leaf.clone()];
        let mut outer = leaf.clone();
        outer.parts = vec![leaf.clone(), inner];
        r.achievements[1].figures = vec![leaf, outer];
        let b = &r.achievements[1].figures;
        assert_eq!(At::Figure(&r, &b[0]).to_string(), "achievements[1].figures[0]");
        assert_eq!(At::Figure(&r, &b[1].parts[1]).to_string(), "achievements[1].figures[1].parts[1]");
        assert_eq!(At::Figure(&r, &b[1].parts[1].parts[0]).value_field(), "achievements[1].figures[1].parts[1].parts[0].value");
        assert_eq!(At::Target(3).value_field(), "targets[3].result.value");
        assert_eq!(At::Indicator(0, 2).to_string(), "evaluation_tables[0].indicators[2]");
        assert_eq!(At::Indicator(0, 2).value_field(), "evaluation_tables[0].indicators[2].actual.value");
        assert_eq!(At::Fund(1, 0).to_string(), "evaluation_tables[1].funds[0]");
    }
}
