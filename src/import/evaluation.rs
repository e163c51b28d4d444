//! Places the 绩效自评表 that [`crate::import::table`] recognised in the input files into the
//! report being imported: gives the tables and their indicators their ids (an earlier year's id
//! for the same indicator, else a new readable one), lists every field found or guessed and
//! every row read into no field in the import report, and keeps those rows under `unplaced:`,
//! so nothing of a table is dropped. It does not read tables (that is `table`).

// The error is the one Diagnostic of a sheet without a 自评表 (as in `table`).
#![allow(clippy::result_large_err)]

use super::findings::{Guess, SectionFinding, Status, TableFinding};
use super::ids::{Earlier, Ids, Kind};
use super::messages as msg;
use super::source::Source;
use super::table::{self, How, Recognised};
use crate::diagnostics::Diagnostic;
use crate::model::{Report, TableScope, Unplaced};

/// The tables recognised in one file, with the file's name as the import report shows it.
#[derive(Debug)]
pub(super) struct FileTables {
    file: String,
    tables: Vec<Recognised>,
}

/// Every 自评表 of every source, in the order of the files and of the tables in them. A
/// workbook or CSV without one is an error naming the file (see [`table::recognise_source`]).
pub(super) fn recognise(sources: &[Source]) -> Result<Vec<FileTables>, Diagnostic> {
    sources
        .iter()
        .map(|s| Ok(FileTables { file: s.path.display().to_string(), tables: table::recognise_source(s)? }))
        .collect()
}

/// The first table's header block as the report's front would say it: its title (which names
/// the year, e.g. 2022年度部门整体支出绩效自评表) and the department's name (部门名称, 单位名称,
/// 主管部门 or 预算单位), for an import whose files have no report text.
pub(super) fn header(tables: &[FileTables]) -> (Option<String>, Option<String>) {
    let Some(first) = tables.iter().flat_map(|f| &f.tables).next() else { return (None, None) };
    let title = Some(first.table.title.clone()).filter(|t| !t.is_empty());
    let name = table::DEPARTMENT_LABELS
        .iter()
        .find_map(|wanted| first.header.iter().find(|(label, value)| label == wanted && !value.is_empty()))
        .map(|(_, value)| value.clone());
    (title, name)
}

/// What placing the tables added to the import report.
#[derive(Debug, Default)]
pub(super) struct Placed {
    /// One finding for the tables as a whole (found with their count, or not found).
    pub section: Option<SectionFinding>,
    /// Each table's fields, found and guessed, with their cells.
    pub tables: Vec<TableFinding>,
    /// Guesses to confirm: fields a table's reader inferred, ids reused from earlier years.
    pub guesses: Vec<Guess>,
}

/// Adds the tables to `report.evaluation_tables` (after any it has), their indicators' ids from
/// `earlier` or new, their unplaced rows to `report.unplaced`. An indicator's id is unique in its
/// table; it may be a target's id too, and another table's (the same measure keeps one id
/// wherever it is reported, as the loader and the comparisons expect).
pub(super) fn place(report: &mut Report, earlier: &Earlier, files: Vec<FileTables>) -> Placed {
    let mut placed = Placed::default();
    let mut table_ids = Ids::default();
    let mut count = 0;
    let mut first_at = None;
    for FileTables { file, tables } in files {
        for Recognised { mut table, fields, unplaced, at, .. } in tables {
            let t = report.evaluation_tables.len();
            let path = format!("evaluation_tables[{t}]");
            let at_text = format!("{file}:{at}");
            first_at.get_or_insert_with(|| at_text.clone());
            // The department-wide table is `department` (the loader's and the demo's id); a
            // project table is named after its project.
            table.id = match table.scope {
                TableScope::Department if table_ids.reserve("department") => "department".to_string(),
                _ => table_ids.fresh(&table.title, &format!("table-{}", t + 1)),
            };
            let mut ids = Ids::default();
            for (i, indicator) in table.indicators.iter_mut().enumerate() {
                let field = format!("{path}.indicators[{i}]");
                let reused = earlier.find(Kind::Measure, &indicator.name, true).filter(|(id, _)| ids.reserve(id));
                indicator.id = match reused {
                    Some((id, year)) => {
                        placed.guesses.push(Guess { field: format!("{field}.id"), note: msg::id_reused(id, year), at: Some(at_text.clone()) });
                        id.to_string()
                    }
                    None => ids.fresh(&indicator.name, &format!("indicator-{}", i + 1)),
                };
            }
            let mut finding = TableFinding { table: path.clone(), at: at_text.clone(), found: Vec::new(), guessed: Vec::new() };
            // The reader's ids are placeholders, replaced above: not fields to confirm.
            for f in fields.into_iter().filter(|f| f.path != "id" && !f.path.ends_with(".id")) {
                let cell = f.at.map(|c| format!("{file}:{c}"));
                let field = format!("{path}.{}", f.path);
                match f.how {
                    How::Found => finding.found.push((field, cell)),
                    How::Guessed => {
                        placed.guesses.push(Guess { field: field.clone(), note: msg::table_field_guessed(), at: cell.clone() });
                        finding.guessed.push((field, cell));
                    }
                }
            }
            report.unplaced.extend(unplaced.into_iter().map(|(cell, text)| Unplaced { text, at: Some(format!("{file}:{cell}")) }));
            report.evaluation_tables.push(table);
            placed.tables.push(finding);
            count += 1;
        }
    }
    placed.section = Some(SectionFinding {
        section: "evaluation_tables".into(),
        status: if count == 0 { Status::NotFound } else { Status::Found },
        at: first_at,
        count: Some(count),
    });
    placed
}
