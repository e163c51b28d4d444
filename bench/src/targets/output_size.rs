//! Files and bytes of a built site, in all and per report, by kind of file: what issue 29's
//! "files and KB per report" limits are measured on. Bytes are apparent sizes (the files'
//! lengths, not the blocks they take); site-wide files count, divided by the reports like the rest.

use serde::Serialize;
use std::collections::BTreeSet;
use std::path::Path;

/// The kinds, in the order they are listed. A file's kind follows from its path (see [`kind_of`]).
pub(crate) const KINDS: [&str; 10] = [
    "report_pages",
    "report_data",
    "report_charts",
    "indicator_pages",
    "department_pages",
    "year_pages",
    "search",
    "data",
    "assets",
    "other",
];

/// A site's files and bytes.
#[derive(Debug, Serialize)]
pub(crate) struct OutputSize {
    /// Files in all.
    pub(crate) files: u64,
    /// Bytes in all (apparent size).
    pub(crate) bytes: u64,
    /// `files` ÷ reports.
    pub(crate) files_per_report: f64,
    /// `bytes` ÷ reports ÷ 1,000.
    pub(crate) kb_per_report: f64,
    /// By kind, every kind of [`KINDS`] in that order (zero when the site has none).
    pub(crate) kinds: Vec<KindSize>,
}

/// Files and bytes of one kind of file.
#[derive(Debug, Serialize)]
pub(crate) struct KindSize {
    /// One of [`KINDS`].
    pub(crate) kind: &'static str,
    /// Files of this kind.
    pub(crate) files: u64,
    /// Their bytes.
    pub(crate) bytes: u64,
    /// `files` ÷ reports.
    pub(crate) files_per_report: f64,
    /// `bytes` ÷ reports ÷ 1,000.
    pub(crate) kb_per_report: f64,
}

/// The kind of the file at `rel` (a path relative to the site's folder, `/`-separated), given the
/// department ids (a department's pages are in the folder named by its id):
/// `<dept>/<year>/index.html` a report page, other files in `<dept>/<year>/` report data
/// (`.json`, `.csv`, …) or charts (`.svg`), `<dept>/indicators/…` indicator pages, other files
/// of `<dept>/` department pages; `years/`, `search/`, `data/`, `assets/` by their folder; the
/// rest (home, 404, sitemaps, feed, free pages, schema, archive) `other`.
pub(crate) fn kind_of(rel: &str, departments: &BTreeSet<String>) -> &'static str {
    let parts: Vec<&str> = rel.split('/').collect();
    match parts.as_slice() {
        [dept, rest @ ..] if departments.contains(*dept) && !rest.is_empty() => match rest {
            [year, file] if is_year(year) => match *file {
                "index.html" => "report_pages",
                f if f.ends_with(".svg") => "report_charts",
                _ => "report_data",
            },
            [year, ..] if is_year(year) => "report_data",
            ["indicators", ..] => "indicator_pages",
            _ => "department_pages",
        },
        ["years", _, ..] => "year_pages",
        ["search", _, ..] => "search",
        ["data", _, ..] => "data",
        ["assets", _, ..] => "assets",
        _ => "other",
    }
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Counts the files of the site in `dir` with `reports` reports and the given departments.
pub(crate) fn measure(dir: &Path, departments: &BTreeSet<String>, reports: usize) -> Result<OutputSize, String> {
    let mut counts = [(0u64, 0u64); KINDS.len()];
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).map_err(|e| e.to_string())?;
        let rel: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
        let kind = kind_of(&rel.join("/"), departments);
        let len = entry.metadata().map_err(|e| format!("cannot read {}: {e}", entry.path().display()))?.len();
        let i = KINDS.iter().position(|k| *k == kind).expect("kind_of gives one of KINDS");
        counts[i].0 += 1;
        counts[i].1 += len;
    }
    let per = |n: u64| n as f64 / reports.max(1) as f64;
    let kinds: Vec<KindSize> = KINDS
        .iter()
        .zip(counts)
        .map(|(kind, (files, bytes))| KindSize { kind, files, bytes, files_per_report: per(files), kb_per_report: per(bytes) / 1000.0 })
        .collect();
    let (files, bytes) = counts.iter().fold((0, 0), |(f, b), c| (f + c.0, b + c.1));
    Ok(OutputSize { files, bytes, files_per_report: per(files), kb_per_report: per(bytes) / 1000.0, kinds })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_file_is_told_by_its_path() {
        let d: BTreeSet<String> = ["bench-00001".to_string()].into();
        let cases = [
            ("bench-00001/2024/index.html", "report_pages"),
            ("bench-00001/2024/report.json", "report_data"),
            ("bench-00001/2024/targets.csv", "report_data"),
            ("bench-00001/2024/scores.svg", "report_charts"),
            ("bench-00001/indicators/indicator-01/index.html", "indicator_pages"),
            ("bench-00001/index.html", "department_pages"),
            ("bench-00001/budget.svg", "department_pages"),
            ("years/2024/index.html", "year_pages"),
            ("search/0a1b/f/0/1.json", "search"),
            ("search/manifest.json", "search"),
            ("data/budgets.csv", "data"),
            ("assets/style.css", "assets"),
            ("index.html", "other"),
            ("sitemap.xml", "other"),
            ("pages/about/index.html", "other"),
            ("years", "other"),
        ];
        for (path, kind) in cases {
            assert_eq!(kind_of(path, &d), kind, "{path}");
        }
    }

    #[test]
    fn sizes_are_apparent_and_divided_by_the_reports() {
        let tmp = tempfile::tempdir().unwrap();
        let d: BTreeSet<String> = ["a".to_string()].into();
        for (rel, len) in [("a/2024/index.html", 3000), ("a/2023/index.html", 1000), ("search/x/f.json", 500), ("index.html", 100)] {
            let p = tmp.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, vec![b'x'; len]).unwrap();
        }
        let s = measure(tmp.path(), &d, 2).unwrap();
        assert_eq!((s.files, s.bytes), (4, 4600));
        assert_eq!((s.files_per_report, s.kb_per_report), (2.0, 2.3));
        let pages = s.kinds.iter().find(|k| k.kind == "report_pages").unwrap();
        assert_eq!((pages.files, pages.bytes, pages.kb_per_report), (2, 4000, 2.0));
        assert_eq!(s.kinds.len(), KINDS.len());
    }
}
