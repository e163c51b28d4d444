//! Reads `content/`: walks the folder, parses every YAML and Markdown file in parallel and
//! returns the typed [`Content`], or every problem found, each located at its value.
//!
//! Not here: consistency of figures (that is `check`) and anything derived (that is `site`).

use crate::diagnostics::Diagnostics;
use crate::model::{Department, FreePage, Report, SiteConfig};
use std::path::{Path, PathBuf};

/// Everything under `content/`, typed and validated.
#[derive(Debug, Clone)]
pub struct Content {
    /// Site root the content was read from.
    pub root: PathBuf,
    /// `content/site.yaml`.
    pub site: SiteConfig,
    /// Departments sorted by id.
    pub departments: Vec<DepartmentEntry>,
    /// Free pages sorted by `order`, then slug.
    pub pages: Vec<FreePage>,
    /// Problems that do not stop the build.
    pub warnings: Diagnostics,
}

/// A department folder: its profile and its reports.
#[derive(Debug, Clone)]
pub struct DepartmentEntry {
    /// Folder name, the department's id.
    pub id: String,
    /// `department.yaml`.
    pub profile: Department,
    /// Reports sorted by year, drafts included.
    pub reports: Vec<ReportEntry>,
}

/// One `<year>.yaml` file.
#[derive(Debug, Clone)]
pub struct ReportEntry {
    /// The year, from the file name.
    pub year: u16,
    /// Path relative to the site root, e.g. `content/huangpu/2022.yaml`.
    pub path: PathBuf,
    /// The report.
    pub report: Report,
}

/// Loads `ROOT/content`.
pub fn load(root: &Path) -> Result<Content, Diagnostics> {
    let _ = root;
    todo!("loader")
}
