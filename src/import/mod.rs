//! `jixiao import`: turns the documents an office already has (PDF, Word, plain text,
//! spreadsheets) into a draft report file that loads, builds and can be checked.
//!
//! Two halves, with [`source::Source`] between them: the readers (`read`) turn a file of any
//! supported format into blocks of text and tables with their locations; the recognisers
//! (`outline`, `table`) place those blocks into a [`crate::model::Report`], recording what was
//! found, guessed or not placed ([`findings`]). This module runs them in order: read every
//! file, recognise, choose the department and year, write the YAML ([`crate::model::yaml`]).
//! Nothing is written to disk here but in [`write()`], which never overwrites a file.

// The readers' interface returns a `Diagnostic` by value (the pipeline's error type); an import
// makes at most one, so its size does not matter here.
#![allow(clippy::result_large_err)]

mod evaluation;
mod figures;
pub mod findings;
mod front;
mod ids;
pub mod messages;
mod outline;
pub mod read;
mod rules;
pub mod source;
pub mod table;
mod text;

use crate::diagnostics::Diagnostic;
use crate::model::{KeyFigure, Report};
use findings::{FileRead, ImportReport};
use ids::{Earlier, Kind};
use messages as msg;
use std::path::{Path, PathBuf};

/// What to import and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The documents of one report (several make one report).
    pub files: Vec<PathBuf>,
    /// The site folder holding `content/`.
    pub root: PathBuf,
    /// Department id; proposed from the title when absent.
    pub department: Option<String>,
    /// Year; taken from the title when absent.
    pub year: Option<u16>,
    /// The department's full name, for a new department (else from the title).
    pub name: Option<String>,
}

/// An import ready to be written.
#[derive(Debug)]
pub struct Imported {
    /// Department id.
    pub department: String,
    /// Year.
    pub year: u16,
    /// The recognised report.
    pub report: Report,
    /// The report as YAML.
    pub yaml: String,
    /// `ROOT/content/<ID>/<YEAR>.yaml`.
    pub report_path: PathBuf,
    /// `ROOT/content/<ID>/department.yaml` and its YAML, when the department is new.
    pub department_file: Option<(PathBuf, String)>,
    /// What was found, guessed and not placed.
    pub findings: ImportReport,
    /// Whether department and year were proposed from the title (not given).
    pub proposed: bool,
}

/// Ids and names of the department's earlier reports under `root`, for reuse; `None` when the
/// department has report files but the site does not load (its errors are `jixiao check`'s to
/// report), so no id can be reused.
fn earlier_ids(root: &Path, department: &str, year: u16) -> Option<Earlier> {
    let mut earlier = Earlier::default();
    let dir = root.join("content").join(department);
    let has_reports = std::fs::read_dir(&dir).is_ok_and(|entries| {
        entries.flatten().any(|e| e.file_name().to_string_lossy().ends_with(".yaml") && e.file_name() != "department.yaml")
    });
    let Ok(content) = crate::load::load(root) else { return if has_reports { None } else { Some(earlier) } };
    let Some(dept) = content.departments.iter().find(|d| d.id == department) else { return Some(earlier) };
    fn figures(e: &mut Earlier, year: u16, fs: &[KeyFigure]) {
        for f in fs {
            e.add(year, Kind::Figure, &f.id, &f.label);
            figures(e, year, &f.parts);
        }
    }
    for entry in dept.reports.iter().rev().filter(|r| r.year != year) {
        let r = &entry.report;
        for t in &r.work.tasks {
            earlier.add(entry.year, Kind::Task, &t.id, &t.title);
        }
        for t in &r.targets {
            earlier.add(entry.year, Kind::Measure, &t.id, &t.name);
        }
        for table in &r.evaluation_tables {
            for i in &table.indicators {
                earlier.add(entry.year, Kind::Measure, &i.id, &i.name);
            }
        }
        for a in &r.achievements {
            figures(&mut earlier, entry.year, &a.figures);
        }
    }
    Some(earlier)
}

/// Reads the files and recognises the report; writes nothing.
pub fn import(options: &Options) -> Result<Imported, Diagnostic> {
    let Some(first) = options.files.first() else {
        return Err(Diagnostic::error(msg::E_NO_INPUT, &options.root, msg::no_input()));
    };
    let sources = options.files.iter().map(|f| read::read(f)).collect::<Result<Vec<_>, _>>()?;
    let paras: Vec<text::Para> = sources.iter().flat_map(text::paragraphs).collect();
    let tables = evaluation::recognise(&sources)?;

    // The title says which department and year when the options do not: a first pass finds it.
    // Without report text (a workbook alone) the first table's header block says them.
    let draft = outline::Recogniser::new(&Earlier::default()).run(&paras);
    let (table_title, table_name) = evaluation::header(&tables);
    let title = draft.title_found.then(|| draft.report.title.clone());
    let title_name = title.as_deref().and_then(front::department_name).or(if draft.title_found { None } else { table_name });
    let year = match options.year.or_else(|| title.as_deref().or(table_title.as_deref()).and_then(front::title_year)) {
        Some(y) => y,
        None => return Err(Diagnostic::error(msg::E_NO_YEAR, first, msg::no_year()).field("year").hint(msg::no_year_hint())),
    };
    let department = match &options.department {
        Some(d) => d.clone(),
        None => match options.name.as_deref().or(title_name.as_deref()).map(ids::department_slug).filter(|s| !s.is_empty()) {
            Some(d) => d,
            None => return Err(Diagnostic::error(msg::E_NO_DEPARTMENT, first, msg::no_department()).field("department").hint(msg::no_department_hint())),
        },
    };
    let dept_dir = Path::new("content").join(&department);
    if !crate::load::is_valid_id(&department) || crate::model::RESERVED_IDS.contains(&department.as_str()) {
        return Err(Diagnostic::error(msg::E_BAD_ID, &dept_dir, msg::bad_department(&department)).field("department").hint(crate::messages::BAD_ID_HINT));
    }
    let dept_path = options.root.join(&dept_dir);
    let department_file = if dept_path.join("department.yaml").is_file() {
        None
    } else {
        let Some(name) = options.name.clone().or(title_name) else {
            return Err(Diagnostic::error(msg::E_NO_NAME, dept_dir.join("department.yaml"), msg::no_name(&department)).field("name").hint(msg::no_name_hint()));
        };
        let mut w = crate::model::yaml::YamlWriter::default();
        w.comment(0, "由 jixiao import 根据报告标题生成；请补充简称（short_name）、所属区域（region）等。");
        w.field(0, "id", Some(&department));
        w.field(0, "name", Some(&name));
        Some((dept_path.join("department.yaml"), w.finish()))
    };

    let earlier = earlier_ids(&options.root, &department, year);
    let mut outline = outline::Recogniser::new(earlier.as_ref().unwrap_or(&Earlier::default())).run(&paras);
    if earlier.is_none() {
        let shown = Path::new("content").join(&department).display().to_string();
        outline.guesses.push(findings::Guess { field: "id".into(), note: msg::earlier_not_loaded(&shown), at: None });
    }
    let report = &mut outline.report;
    report.department = Some(department.clone());
    report.year = Some(year);
    report.draft = true;
    if !outline.title_found {
        report.title = format!("{year}年度部门整体支出绩效自评报告");
        outline.notes.insert("title".into(), "导入时推测：原文中未找到标题，请按原文填写".into());
    }
    let placed = evaluation::place(&mut outline.report, earlier.as_ref().unwrap_or(&Earlier::default()), tables);
    outline.sections.extend(placed.section);
    outline.guesses.extend(placed.guesses);

    let files: Vec<String> = options.files.iter().map(|f| f.file_name().map_or_else(|| f.display().to_string(), |n| n.to_string_lossy().into_owned())).collect();
    let notes = &outline.notes;
    let unplaced_note = msg::yaml_unplaced();
    let lookup = |path: &str| if path == "unplaced" { Some(unplaced_note.clone()) } else { notes.get(path).cloned() };
    let yaml = crate::model::yaml::report(&outline.report, &msg::yaml_header(&files), &lookup);

    let findings = ImportReport {
        files: sources
            .iter()
            .map(|s| FileRead { path: s.path.display().to_string(), format: format!("{:?}", s.format).to_lowercase(), notes: s.notes.clone() })
            .collect(),
        department: department.clone(),
        year,
        sections: outline.sections,
        tables: placed.tables,
        guesses: outline.guesses,
        unplaced: outline.report.unplaced.clone(),
        figures: outline::count_figures(&outline.report),
        written: Vec::new(),
    };
    Ok(Imported {
        report_path: dept_path.join(format!("{year}.yaml")),
        department,
        year,
        report: outline.report,
        yaml,
        department_file,
        findings,
        proposed: options.department.is_none() || options.year.is_none(),
    })
}

/// Writes the report (and `department.yaml` for a new department). Refuses, writing nothing,
/// when either file exists; returns the files written.
pub fn write(imported: &Imported) -> Result<Vec<PathBuf>, Diagnostic> {
    let exists = |path: &Path| {
        let shown = path.display().to_string();
        Diagnostic::error(msg::E_EXISTS, path, msg::exists(&shown)).hint(msg::exists_hint(imported.year + 1))
    };
    let targets: Vec<(&PathBuf, &str)> =
        imported.department_file.iter().map(|(p, y)| (p, y.as_str())).chain([(&imported.report_path, imported.yaml.as_str())]).collect();
    if let Some((path, _)) = targets.iter().find(|(p, _)| p.exists()) {
        return Err(exists(path));
    }
    let dir = imported.report_path.parent().expect("content/<id>/<year>.yaml has a folder");
    let cannot = |path: &Path, e: std::io::Error| {
        let shown = path.display().to_string();
        Diagnostic::error(msg::E_WRITE, path, msg::cannot_write(&shown, &e))
    };
    std::fs::create_dir_all(dir).map_err(|e| cannot(dir, e))?;
    let mut written: Vec<PathBuf> = Vec::new();
    for (path, text) in targets {
        use std::io::Write as _;
        // create_new: refuses to overwrite even if the file appeared since the check above.
        let result = std::fs::OpenOptions::new().write(true).create_new(true).open(path).and_then(|mut f| f.write_all(text.as_bytes()));
        if let Err(e) = result {
            // All or nothing: a department file written for this report goes too.
            for w in &written {
                let _ = std::fs::remove_file(w);
            }
            return Err(if e.kind() == std::io::ErrorKind::AlreadyExists { exists(path) } else { cannot(path, e) });
        }
        written.push(path.clone());
    }
    Ok(written)
}
