//! Re-reads one changed file into loaded [`Content`], for `jixiao serve`: an edit re-parses only
//! the file that changed, and the result is what [`load`](super::load) would return for the
//! whole folder.
//!
//! When a change is more than one file (a folder appears or goes away, a file jixiao does not
//! read, a department loses its `department.yaml`), [`reload_file`] says so with
//! [`Reloaded::NeedsFullLoad`] and the caller loads everything again. On an error, `content`
//! is left exactly as it was (the last good state).

use super::{Content, DepartmentEntry, FileKind, Parsed, ReportEntry, is_ignored_name, read_file};
use crate::diagnostics::Diagnostics;
use crate::model::{FreePage, RESERVED_IDS};
use std::path::{Path, PathBuf};

/// Which loaded item a file is, named so it can be compared across reloads.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContentFile {
    /// `content/site.yaml`.
    Site,
    /// `content/<id>/department.yaml`.
    Department(String),
    /// `content/<department>/<year>.yaml`.
    Report(String, u16),
    /// `content/pages/<slug>.md`.
    Page(String),
}

/// What [`reload_file`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reloaded {
    /// The file was read again (or for the first time) and its item replaced or added.
    Updated(ContentFile),
    /// The file is gone and its item was removed.
    Removed(ContentFile),
    /// Not a file jixiao reads (a swap file, a file outside `content/`): nothing changed.
    Ignored,
    /// The change cannot be applied file by file: load the whole folder again.
    NeedsFullLoad,
}

/// What a path under `ROOT/content` is, by its place and name alone (the rules of the full
/// load's discovery): `None` when it is not a file jixiao reads on its own.
pub fn classify(root: &Path, path: &Path) -> Option<ContentFile> {
    let rel = path.strip_prefix(root.join("content")).ok()?;
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.iter().any(|p| is_ignored_name(p)) {
        return None;
    }
    match parts.as_slice() {
        [name] if name == "site.yaml" => Some(ContentFile::Site),
        [dir, name] if dir == "pages" => {
            let slug = name.strip_suffix(".md")?;
            super::validate::is_valid_id(slug).then(|| ContentFile::Page(slug.to_string()))
        }
        [dir, name] => {
            if RESERVED_IDS.contains(&dir.as_str()) || !super::validate::is_valid_id(dir) {
                return None;
            }
            if name == "department.yaml" {
                return Some(ContentFile::Department(dir.clone()));
            }
            let stem = name.strip_suffix(".yaml")?;
            match stem.parse::<u16>() {
                Ok(year) if stem.len() == 4 && (1949..=2999).contains(&year) => Some(ContentFile::Report(dir.clone(), year)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether a path under `ROOT/content` is an editor's swap, backup or lock file (or another
/// hidden file): changes to it never matter.
pub fn is_ignored_path(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root.join("content")) else { return false };
    rel.components().any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()))
}

/// Re-reads `path` (absolute, under `content.root/content`) after it changed, appeared or was
/// deleted, and updates `content` to what a full [`load`](super::load) would now give.
///
/// On an error in the file, `content` is unchanged and the file's problems are returned.
pub fn reload_file(content: &mut Content, path: &Path) -> Result<Reloaded, Diagnostics> {
    let root = content.root.clone();
    let content_dir = root.join("content");
    if !path.starts_with(&content_dir) {
        return Ok(Reloaded::Ignored);
    }
    if is_ignored_path(&root, path) {
        return Ok(Reloaded::Ignored);
    }
    let Some(file) = classify(&root, path) else {
        // A file inside a folder that came and went (an editor's temporary file, such as
        // vim's `4913`): nothing to read, nothing the full load would report.
        let depth = path.strip_prefix(&content_dir).map_or(0, |r| r.components().count());
        if depth == 2 && !path.exists() {
            return Ok(Reloaded::Ignored);
        }
        // A folder, or a file the full load reports or refuses: let it decide.
        return Ok(Reloaded::NeedsFullLoad);
    };
    let rel: PathBuf = path.strip_prefix(&root).unwrap_or(path).to_path_buf();
    let exists = path.is_file();
    if let ContentFile::Report(dept, _) | ContentFile::Department(dept) = &file {
        // A department that is not loaded yet (a new folder), or a folder that went away.
        let known = content.departments.iter().any(|d| &d.id == dept);
        if !known || !content_dir.join(dept).is_dir() {
            return Ok(Reloaded::NeedsFullLoad);
        }
    }
    if !exists {
        return match &file {
            ContentFile::Site | ContentFile::Department(_) => Ok(Reloaded::NeedsFullLoad),
            ContentFile::Report(dept, year) => {
                let d = content.departments.iter_mut().find(|d| &d.id == dept).expect("checked above");
                d.reports.retain(|r| r.year != *year);
                drop_warnings(content, &rel);
                Ok(Reloaded::Removed(file))
            }
            ContentFile::Page(slug) => {
                content.pages.retain(|p| &p.slug != slug);
                drop_warnings(content, &rel);
                Ok(Reloaded::Removed(file))
            }
        };
    }

    let kind = match &file {
        ContentFile::Site => FileKind::Site,
        ContentFile::Department(id) => FileKind::Department { id: id.clone() },
        ContentFile::Report(department, year) => FileKind::Report { department: department.clone(), year: *year },
        ContentFile::Page(slug) => FileKind::Page { slug: slug.clone() },
    };
    // Today is read where this reload starts, as a full load does.
    let (parsed, mut diags) = read_file(&root, path, &kind, crate::dates::today());
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    match parsed {
        Parsed::Site(site) => content.site = *site,
        Parsed::Department(id, profile) => {
            let d = content.departments.iter_mut().find(|d| d.id == id).expect("checked above");
            d.profile = profile;
        }
        Parsed::Report(dept, entry) => {
            let d: &mut DepartmentEntry = content.departments.iter_mut().find(|d| d.id == dept).expect("checked above");
            let year = entry.year;
            match d.reports.binary_search_by_key(&year, |r: &ReportEntry| r.year) {
                Ok(i) => d.reports[i] = *entry,
                Err(i) => d.reports.insert(i, *entry),
            }
        }
        Parsed::Page(page) => {
            content.pages.retain(|p| p.slug != page.slug);
            content.pages.push(page);
            content
                .pages
                .sort_by(|a: &FreePage, b: &FreePage| (a.meta.order.unwrap_or(i64::MAX), &a.slug).cmp(&(b.meta.order.unwrap_or(i64::MAX), &b.slug)));
        }
        Parsed::Failed => {
            diags.sort();
            return Err(diags);
        }
    }
    drop_warnings(content, &rel);
    content.warnings.0.extend(diags.0);
    content.warnings.sort();
    Ok(Reloaded::Updated(file))
}

/// Forgets the warnings about one file (it was read again or removed).
fn drop_warnings(content: &mut Content, rel: &Path) {
    content.warnings.0.retain(|d| d.file != rel);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_place_and_name() {
        let root = Path::new("/s");
        let c = |p: &str| classify(root, &root.join(p));
        assert_eq!(c("content/site.yaml"), Some(ContentFile::Site));
        assert_eq!(c("content/huangpu/department.yaml"), Some(ContentFile::Department("huangpu".into())));
        assert_eq!(c("content/huangpu/2022.yaml"), Some(ContentFile::Report("huangpu".into(), 2022)));
        assert_eq!(c("content/pages/about.md"), Some(ContentFile::Page("about".into())));
        assert_eq!(c("content/huangpu/.2022.yaml.swp"), None);
        assert_eq!(c("content/huangpu/2022.yaml~"), None);
        assert_eq!(c("content/huangpu/notes.txt"), None);
        assert_eq!(c("content/huangpu"), None);
        assert!(is_ignored_path(root, &root.join("content/huangpu/.#2022.yaml")));
        assert!(!is_ignored_path(root, &root.join("content/huangpu/2022.yaml")));
    }
}
