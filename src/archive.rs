//! Yearly snapshots: freeze the site as published in a year, keep it reachable, prove it
//! unchanged.
//!
//! A snapshot is the folder `ROOT/archive/<year>/`, meant to be committed with the content. It
//! holds the site as [`build`](crate::build) makes it with [`BuildOptions::snapshot`] set (no other
//! snapshot inside, absolute URLs naming the snapshot's own address, a banner linking to the
//! live site), plus [`MANIFEST`]: the SHA-256 of every file in `sha256sum` format, after
//! metadata lines starting with `#` (year, date, jixiao version, digest of the content it was
//! built from). The SHA-256 of the manifest file itself is the digest an office publishes
//! elsewhere; with it anyone can check a snapshot with standard tools:
//!
//! ```sh
//! sha256sum archive/2022/MANIFEST.sha256          # the published digest
//! cd archive/2022 && sha256sum -c MANIFEST.sha256 # every file (comment lines are skipped)
//! ```
//!
//! The live build copies every snapshot byte for byte into `public/archive/<year>/` ([`copy_into`]),
//! lists them on `archive/index.html` and links each report page to the snapshots that hold
//! it. [`verify`] recomputes the hashes; [`bundle`] packs a snapshot into one deterministic
//! `.tar.gz` or `.zip`.
//!
//! [`SnapshotInfo::report`] reads a report back out of a snapshot (its `report.json`, checked
//! against the manifest), for the comparison with the live report ([`crate::site::changes`]).
//!
//! Not here: rendering (the snapshot build is an ordinary build with other options).
//!
//! [`BuildOptions::snapshot`]: crate::BuildOptions::snapshot

// Errors are `Diagnostic`s by value, as in `output`.
#![allow(clippy::result_large_err)]

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::digest::sha256_hex;
use crate::messages::{self as msg, Text};
use crate::output::Staging;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// Name of the manifest inside a snapshot folder.
pub const MANIFEST: &str = "MANIFEST.sha256";

/// Folder under the site root (and under the output folder) holding the snapshots.
pub const ARCHIVE_DIR: &str = "archive";

/// First line of a manifest.
const HEADER: &str = "# jixiao snapshot manifest: SHA-256 of every file of the snapshot (sha256sum format)";

/// Error: a snapshot for this year already exists.
pub const E_EXISTS: &str = "E0701";
/// Error: reading or writing a snapshot failed.
pub const E_IO: &str = "E0702";
/// Error: a manifest cannot be read or parsed.
pub const E_MANIFEST: &str = "E0703";
/// Error: no snapshot for this year.
pub const E_MISSING: &str = "E0704";
/// Error: the bundle file name has an unknown extension.
pub const E_BUNDLE: &str = "E0705";
/// Error: the year has no report that is not a draft.
pub const E_NO_REPORTS: &str = "E0707";
/// Warning: a snapshot copied by the live build differs from its manifest.
pub const W_TAMPERED: &str = "W0706";

/// The manifest of one snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// Year the snapshot freezes.
    pub year: u16,
    /// When it was made, UTC, `2026-11-25T04:30:00Z`.
    pub created: String,
    /// Version of jixiao that built it.
    pub jixiao: String,
    /// SHA-256 of the content it was built from (see [`content_digest`]).
    pub content: String,
    /// The snapshot's own address (base URL + `archive/<year>/`).
    pub url: String,
    /// SHA-256 (lowercase hex) of every file, by `/`-separated path; the manifest excluded.
    pub files: BTreeMap<String, String>,
}

impl Manifest {
    /// The manifest file's text.
    pub fn to_text(&self) -> String {
        let mut s = String::with_capacity(100 * self.files.len() + 400);
        let _ = writeln!(s, "{HEADER}");
        let _ = writeln!(s, "# year: {}", self.year);
        let _ = writeln!(s, "# created: {}", self.created);
        let _ = writeln!(s, "# jixiao: {}", self.jixiao);
        let _ = writeln!(s, "# content-sha256: {}", self.content);
        let _ = writeln!(s, "# url: {}", self.url);
        let _ = writeln!(s, "# files: {}", self.files.len());
        for (path, hash) in &self.files {
            let _ = writeln!(s, "{hash}  {path}");
        }
        s
    }

    /// Parses a manifest's text; the error says which line is wrong.
    pub fn parse(text: &str) -> Result<Manifest, Text> {
        let mut meta = BTreeMap::new();
        let mut files = BTreeMap::new();
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, l)) if l == HEADER => {}
            _ => return Err(msg::MANIFEST_NO_HEADER.into()),
        }
        for (i, line) in lines {
            let n = i + 1;
            if let Some(m) = line.strip_prefix("# ") {
                let (k, v) = m.split_once(": ").ok_or_else(|| msg::manifest_bad_meta(n))?;
                meta.insert(k.to_string(), v.to_string());
            } else if line.is_empty() {
                continue;
            } else {
                let (hash, path) = line.split_once("  ").ok_or_else(|| msg::manifest_bad_line(n))?;
                if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()) {
                    return Err(msg::manifest_bad_hash(n, hash));
                }
                if !safe_path(path) {
                    return Err(msg::manifest_bad_path(n, path));
                }
                if files.insert(path.to_string(), hash.to_string()).is_some() {
                    return Err(msg::manifest_twice(n, path));
                }
            }
        }
        let mut get = |k: &str| meta.remove(k).ok_or_else(|| msg::manifest_missing_meta(k));
        let year = get("year")?;
        let manifest = Manifest {
            year: year.parse().map_err(|_| msg::manifest_bad_year(&year))?,
            created: get("created")?,
            jixiao: get("jixiao")?,
            content: get("content-sha256")?,
            url: get("url")?,
            files,
        };
        let count = get("files")?;
        if count.parse::<usize>().ok() != Some(manifest.files.len()) {
            return Err(msg::manifest_count(&count, manifest.files.len()));
        }
        Ok(manifest)
    }

    /// Reads and parses `dir/MANIFEST`.
    pub fn read(dir: &Path) -> Result<Manifest, Diagnostic> {
        let path = dir.join(MANIFEST);
        let text = fs::read_to_string(&path).map_err(|e| io_error(&path, "read", e))?;
        Manifest::parse(&text).map_err(|why| {
            Diagnostic::error(E_MANIFEST, &path, msg::manifest_invalid(&why)).hint(msg::MANIFEST_INVALID_HINT)
        })
    }
}

/// Whether `p` is a relative `/`-separated path without `.`/`..` parts, newlines or backslashes
/// (which `sha256sum` would escape).
fn safe_path(p: &str) -> bool {
    !p.is_empty()
        && !p.starts_with('/')
        && !p.contains(['\\', '\n', '\r', '\0'])
        && p.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Every regular file under `dir`, by `/`-separated relative path, sorted. Symbolic links and
/// other special files are returned in `others` (a snapshot never holds them).
fn list_files(dir: &Path) -> io::Result<(Vec<String>, Vec<String>)> {
    let mut files = Vec::new();
    let mut others = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        if entry.depth() == 0 {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).map_err(io::Error::other)?;
        let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let ft = entry.file_type();
        if ft.is_file() {
            files.push(rel);
        } else if !ft.is_dir() {
            others.push(rel);
        }
    }
    files.sort();
    others.sort();
    Ok((files, others))
}

/// Digest of what a site is built from: SHA-256 of the `sha256sum` listing of every file under
/// `content/` and `themes/` (when present), sorted by path. Reproducible with
/// `find content themes -type f | LC_ALL=C sort | xargs sha256sum | sha256sum`.
pub fn content_digest(root: &Path) -> Result<String, Diagnostic> {
    let mut listing = String::new();
    let mut all = Vec::new();
    for top in ["content", "themes"] {
        let dir = root.join(top);
        if !dir.is_dir() {
            continue;
        }
        let (files, _) = list_files(&dir).map_err(|e| io_error(&dir, "read", e))?;
        all.extend(files.into_iter().map(|f| format!("{top}/{f}")));
    }
    all.sort();
    for rel in all {
        let path = root.join(&rel);
        let bytes = fs::read(&path).map_err(|e| io_error(&path, "read", e))?;
        let _ = writeln!(listing, "{}  {rel}", sha256_hex(&bytes));
    }
    Ok(sha256_hex(listing.as_bytes()))
}

/// `ROOT/archive/<year>`.
pub fn snapshot_dir(root: &Path, year: u16) -> PathBuf {
    root.join(ARCHIVE_DIR).join(year.to_string())
}

/// What [`archive`] did.
#[derive(Debug, Clone)]
pub struct Archived {
    /// The snapshot folder.
    pub dir: PathBuf,
    /// Files in the snapshot (the manifest not counted).
    pub files: usize,
    /// SHA-256 of the manifest file: the digest to publish.
    pub manifest_sha256: String,
    /// Where the snapshot it replaced was kept (with `force`).
    pub kept: Option<PathBuf>,
    /// Warnings of the build.
    pub warnings: Diagnostics,
}

/// Builds the site as the snapshot of `year` into `ROOT/archive/<year>/` with its manifest.
/// Refuses to replace an existing snapshot unless `force`; then the old one is first renamed to
/// `ROOT/archive/<year>.replaced-<UTC time>` and kept. Refuses a year without a report that is
/// not a draft (a snapshot of it would show no report of that year); nothing is written then.
pub fn archive(root: &Path, year: u16, force: bool) -> Result<Archived, Diagnostics> {
    let dir = snapshot_dir(root, year);
    if dir.exists() && !force {
        return Err(Diagnostic::error(E_EXISTS, rel_to(&dir, root), msg::snapshot_exists(year))
            .hint(msg::snapshot_exists_hint(year))
            .into());
    }
    let loaded = crate::load::load(root)?;
    let years = published_years(&loaded);
    if !years.contains(&year) {
        return Err(Diagnostic::error(E_NO_REPORTS, "content", msg::archive_no_reports(year, &years))
            .hint(msg::ARCHIVE_NO_REPORTS_HINT)
            .into());
    }
    let url = snapshot_base_url(&loaded.site.base_url(), year);
    let parent = root.join(ARCHIVE_DIR);
    fs::create_dir_all(&parent).map_err(|e| Diagnostics::from(io_error(&parent, "create", e)))?;
    let content = content_digest(root)?;
    let created = utc_now();

    // Build into a hidden folder beside the snapshot, then move it into place.
    let tmp = parent.join(format!(".{year}.building-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    let result = (|| {
        let mut options = crate::BuildOptions::new(root);
        options.output = tmp.clone();
        options.snapshot = Some(year);
        let summary = crate::build(&options)?;
        let out_manifest = tmp.join(crate::output::MANIFEST);
        fs::remove_file(&out_manifest).map_err(|e| Diagnostics::from(io_error(&out_manifest, "remove", e)))?;
        let manifest = hash_folder(&tmp, year, created.clone(), content, url.clone())?;
        let text = manifest.to_text();
        let path = tmp.join(MANIFEST);
        fs::write(&path, &text).map_err(|e| Diagnostics::from(io_error(&path, "write", e)))?;
        Ok::<_, Diagnostics>((summary, manifest, sha256_hex(text.as_bytes())))
    })();
    let (summary, manifest, digest) = match result {
        Ok(r) => r,
        Err(d) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(d);
        }
    };

    let mut kept = None;
    if dir.exists() {
        let stamp: String = created.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        let old = parent.join(format!("{year}.replaced-{stamp}"));
        if let Err(e) = fs::rename(&dir, &old) {
            let _ = fs::remove_dir_all(&tmp);
            return Err(io_error(&old, "create", e).into());
        }
        kept = Some(old);
    }
    fs::rename(&tmp, &dir).map_err(|e| Diagnostics::from(io_error(&dir, "create", e)))?;
    Ok(Archived { dir, files: manifest.files.len(), manifest_sha256: digest, kept, warnings: summary.warnings })
}

/// The years that have a report that is not a draft, in order, without repeats.
fn published_years(content: &crate::load::Content) -> Vec<u16> {
    let years: std::collections::BTreeSet<u16> =
        content.departments.iter().flat_map(|d| &d.reports).filter(|r| !r.report.draft).map(|r| r.year).collect();
    years.into_iter().collect()
}

/// `base_url` (ending in `/`) + `archive/<year>/`.
pub fn snapshot_base_url(base_url: &str, year: u16) -> String {
    let base = if base_url.ends_with('/') { base_url.to_string() } else { format!("{base_url}/") };
    format!("{base}{ARCHIVE_DIR}/{year}/")
}

/// Hashes every file of a built snapshot folder into a manifest.
fn hash_folder(dir: &Path, year: u16, created: String, content: String, url: String) -> Result<Manifest, Diagnostics> {
    let (paths, others) = list_files(dir).map_err(|e| Diagnostics::from(io_error(dir, "read", e)))?;
    if let Some(o) = others.first() {
        return Err(refused(&dir.join(o), "read", msg::NOT_A_REGULAR_FILE).into());
    }
    let mut files = BTreeMap::new();
    for rel in paths {
        if rel == MANIFEST || !safe_path(&rel) {
            return Err(refused(&dir.join(&rel), "write", msg::UNUSABLE_NAME).into());
        }
        let path = dir.join(&rel);
        let bytes = fs::read(&path).map_err(|e| Diagnostics::from(io_error(&path, "read", e)))?;
        files.insert(rel, sha256_hex(&bytes));
    }
    Ok(Manifest { year, created, jixiao: env!("CARGO_PKG_VERSION").to_string(), content, url, files })
}

/// A snapshot found under `ROOT/archive/`, as the live build lists it.
#[derive(Debug, Clone, Serialize)]
pub struct SnapshotInfo {
    /// The year the snapshot freezes.
    pub year: u16,
    /// Site-relative URL: `archive/2022/`.
    pub url: String,
    /// Site-relative URL of the manifest: `archive/2022/MANIFEST.sha256`.
    pub manifest_url: String,
    /// Creation time as in the manifest.
    pub created: String,
    /// The date part of `created` (`YYYY-MM-DD`).
    pub date: String,
    /// Number of files (the manifest not counted).
    pub files: usize,
    /// SHA-256 of the manifest file.
    pub manifest_sha256: String,
    /// The version of jixiao that made the snapshot.
    pub jixiao: String,
    /// Site-relative URLs (`huangpu/2022/`) of the pages the snapshot holds.
    #[serde(skip)]
    pub pages: Vec<String>,
    #[serde(skip)]
    dir: PathBuf,
    #[serde(skip)]
    manifest: Manifest,
}

impl SnapshotInfo {
    /// Whether this is the snapshot of `year` and holds the page of `department`'s report on
    /// that year: the report as published that year, which later changes are compared with.
    pub fn holds_report(&self, department: &str, year: u16) -> bool {
        self.year == year && self.pages.iter().any(|p| *p == format!("{department}/{year}/"))
    }

    /// `department`'s report on `year` as this snapshot holds it, read from its `report.json`
    /// (see [`crate::data`]) once the file's SHA-256 agrees with the manifest: a copy altered
    /// since the snapshot was made is refused, never compared. `Ok(None)` when the snapshot has
    /// no such file (a snapshot made before reports had their JSON twin).
    pub fn report(&self, department: &str, year: u16) -> Result<Option<crate::model::Report>, Text> {
        let rel = format!("{department}/{year}/report.json");
        let Some(hash) = self.manifest.files.get(&rel) else { return Ok(None) };
        let shown = format!("{ARCHIVE_DIR}/{}/{rel}", self.year);
        let path = self.dir.join(&rel);
        let bytes = fs::read(&path).map_err(|e| msg::snapshot_io("read", &e))?;
        if sha256_hex(&bytes) != *hash {
            return Err(msg::snapshot_report_tampered(&shown));
        }
        let doc: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| msg::snapshot_report_invalid(&shown, &e.to_string()))?;
        // The report sits under `report`, with the YAML's own field names.
        let report = doc.get("report").ok_or_else(|| msg::snapshot_report_invalid(&shown, "no `report`"))?;
        serde::Deserialize::deserialize(report).map(Some).map_err(|e| msg::snapshot_report_invalid(&shown, &e.to_string()))
    }
}

/// The snapshot of `year` holding `department`'s report on that year, if there is one.
pub fn snapshot_of<'s>(snapshots: &'s [SnapshotInfo], department: &str, year: u16) -> Option<&'s SnapshotInfo> {
    snapshots.iter().find(|s| s.holds_report(department, year))
}

/// Every snapshot under `ROOT/archive/` (folders named by a year), oldest first. Other folders
/// (a `2022.replaced-…` kept by `--force`, hidden work folders) are not snapshots.
pub fn scan(root: &Path) -> Result<Vec<SnapshotInfo>, Diagnostic> {
    let parent = root.join(ARCHIVE_DIR);
    let entries = match fs::read_dir(&parent) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_error(&parent, "read", e)),
    };
    let mut years = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| io_error(&parent, "read", e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()) && entry.path().is_dir() {
            years.push(name.parse::<u16>().expect("four digits"));
        }
    }
    years.sort();
    let mut out = Vec::new();
    for year in years {
        let dir = snapshot_dir(root, year);
        let manifest = Manifest::read(&dir).map_err(|d| {
            d.hint(msg::not_a_snapshot_hint(year))
        })?;
        let bytes = fs::read(dir.join(MANIFEST)).map_err(|e| io_error(&dir.join(MANIFEST), "read", e))?;
        let pages = manifest
            .files
            .keys()
            .filter_map(|p| p.strip_suffix("index.html"))
            .filter(|p| p.is_empty() || p.ends_with('/'))
            .map(str::to_string)
            .collect();
        out.push(SnapshotInfo {
            year,
            url: format!("{ARCHIVE_DIR}/{year}/"),
            manifest_url: format!("{ARCHIVE_DIR}/{year}/{MANIFEST}"),
            date: manifest.created.get(..10).unwrap_or(&manifest.created).to_string(),
            created: manifest.created.clone(),
            files: manifest.files.len(),
            manifest_sha256: sha256_hex(&bytes),
            jixiao: manifest.jixiao.clone(),
            pages,
            dir,
            manifest,
        });
    }
    Ok(out)
}

/// Copies every snapshot byte for byte into the live build under `archive/<year>/`. A file
/// whose bytes differ from the manifest is still copied as it is, with a warning.
pub fn copy_into(snapshots: &[SnapshotInfo], staging: &Staging) -> Result<Diagnostics, Diagnostic> {
    use rayon::prelude::*;
    let mut warnings = Diagnostics::default();
    for s in snapshots {
        let (files, _) = list_files(&s.dir).map_err(|e| io_error(&s.dir, "read", e))?;
        let differs: Vec<bool> = files
            .par_iter()
            .map(|rel| {
                let path = s.dir.join(rel);
                let bytes = fs::read(&path).map_err(|e| io_error(&path, "read", e))?;
                let ok = rel == MANIFEST || s.manifest.files.get(rel).is_some_and(|h| *h == sha256_hex(&bytes));
                staging.add(format!("{}{rel}", s.url), &bytes)?;
                Ok::<bool, Diagnostic>(!ok)
            })
            .collect::<Result<_, _>>()?;
        let missing = s.manifest.files.keys().any(|f| files.binary_search(f).is_err());
        if missing || differs.iter().any(|d| *d) {
            warnings.push(
                Diagnostic::error(W_TAMPERED, format!("archive/{}", s.year), msg::SNAPSHOT_TAMPERED)
                    .warning()
                    .hint(msg::snapshot_tampered_hint(s.year)),
            );
        }
    }
    Ok(warnings)
}

/// What [`verify`] found.
#[derive(Debug, Clone, Default)]
pub struct Verification {
    /// Year in the manifest.
    pub year: u16,
    /// SHA-256 of the manifest file.
    pub manifest_sha256: String,
    /// Files listed in the manifest.
    pub files: usize,
    /// Files whose bytes changed.
    pub changed: Vec<String>,
    /// Files listed but absent.
    pub missing: Vec<String>,
    /// Files present but not listed.
    pub added: Vec<String>,
    /// The manifest digest was expected to be this and is not.
    pub expected_mismatch: Option<String>,
}

impl Verification {
    /// Whether the snapshot is exactly what its manifest (and the expected digest) says.
    pub fn ok(&self) -> bool {
        self.changed.is_empty() && self.missing.is_empty() && self.added.is_empty() && self.expected_mismatch.is_none()
    }
}

/// Recomputes the hashes of the snapshot folder `dir` against its manifest, and the
/// manifest's own digest against `expect` when given.
pub fn verify(dir: &Path, expect: Option<&str>) -> Result<Verification, Diagnostic> {
    if !dir.join(MANIFEST).is_file() {
        return Err(Diagnostic::error(E_MISSING, dir, msg::no_snapshot(MANIFEST)).hint(msg::NO_SNAPSHOT_HINT));
    }
    let bytes = fs::read(dir.join(MANIFEST)).map_err(|e| io_error(&dir.join(MANIFEST), "read", e))?;
    let manifest = Manifest::read(dir)?;
    let digest = sha256_hex(&bytes);
    let (present, others) = list_files(dir).map_err(|e| io_error(dir, "read", e))?;
    let mut v = Verification { year: manifest.year, manifest_sha256: digest.clone(), files: manifest.files.len(), ..Default::default() };
    if let Some(e) = expect {
        let e = e.trim().to_ascii_lowercase();
        if e != digest {
            v.expected_mismatch = Some(e);
        }
    }
    for rel in present.iter().chain(&others) {
        if rel != MANIFEST && !manifest.files.contains_key(rel) {
            v.added.push(rel.clone());
        }
    }
    for (rel, hash) in &manifest.files {
        let path = dir.join(rel);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_file() => {
                let bytes = fs::read(&path).map_err(|e| io_error(&path, "read", e))?;
                if sha256_hex(&bytes) != *hash {
                    v.changed.push(rel.clone());
                }
            }
            Ok(_) => v.changed.push(rel.clone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => v.missing.push(rel.clone()),
            Err(e) => return Err(io_error(&path, "read", e)),
        }
    }
    v.added.sort();
    Ok(v)
}

/// Packs the snapshot folder `dir` into `file` (`.tar.gz`/`.tgz` or `.zip`), deterministically:
/// entries sorted by path under `<year>/`, the manifest first, times fixed to the manifest's
/// creation time, owner 0, mode 0644/0755, no gzip name or time. Returns the number of entries.
pub fn bundle(dir: &Path, file: &Path) -> Result<usize, Diagnostic> {
    let manifest = Manifest::read(dir)?;
    let name = file.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let zip = name.ends_with(".zip");
    if !zip && !name.ends_with(".tar.gz") && !name.ends_with(".tgz") {
        return Err(Diagnostic::error(E_BUNDLE, file, msg::BUNDLE_EXTENSION).hint(msg::BUNDLE_EXTENSION_HINT));
    }
    // The manifest first, then every file it lists: exactly the snapshot, nothing else.
    let mut entries = vec![MANIFEST.to_string()];
    entries.extend(manifest.files.keys().cloned());
    let time = parse_utc(&manifest.created).unwrap_or(0);
    let prefix = manifest.year.to_string();

    let tmp = file.with_file_name(format!(".{name}.jixiao-tmp-{}", std::process::id()));
    let result = (|| -> io::Result<()> {
        let out = io::BufWriter::new(fs::File::create(&tmp)?);
        if zip {
            write_zip(out, dir, &prefix, &entries, time)?;
        } else {
            write_tar_gz(out, dir, &prefix, &entries, time)?;
        }
        fs::rename(&tmp, file)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(io_error(file, "write", e));
    }
    Ok(entries.len())
}

/// The folders above each entry, each once, in order of first appearance (parents first).
fn folders(entries: &[String]) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for e in entries {
        let parts: Vec<&str> = e.split('/').collect();
        for i in 1..parts.len() {
            let f = parts[..i].join("/");
            if seen.insert(f.clone()) {
                out.push(f);
            }
        }
    }
    out
}

fn write_tar_gz(out: impl io::Write, dir: &Path, prefix: &str, entries: &[String], time: u64) -> io::Result<()> {
    let gz = flate2::GzBuilder::new().mtime(0).write(out, flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    tar.mode(tar::HeaderMode::Deterministic);
    let header = |kind: tar::EntryType, size: u64, mode: u32| {
        let mut h = tar::Header::new_ustar();
        h.set_entry_type(kind);
        h.set_size(size);
        h.set_mode(mode);
        h.set_mtime(time);
        h.set_uid(0);
        h.set_gid(0);
        h
    };
    let mut h = header(tar::EntryType::Directory, 0, 0o755);
    tar.append_data(&mut h, format!("{prefix}/"), io::empty())?;
    let mut dirs = folders(entries).into_iter().peekable();
    for e in entries {
        // Each folder right before its first file, so extraction never needs to create parents.
        while let Some(d) = dirs.next_if(|d| e.starts_with(&format!("{d}/"))) {
            let mut h = header(tar::EntryType::Directory, 0, 0o755);
            tar.append_data(&mut h, format!("{prefix}/{d}/"), io::empty())?;
        }
        let bytes = fs::read(dir.join(e))?;
        let mut h = header(tar::EntryType::Regular, bytes.len() as u64, 0o644);
        tar.append_data(&mut h, format!("{prefix}/{e}"), bytes.as_slice())?;
    }
    tar.into_inner()?.finish()?.flush()
}

fn write_zip(out: impl io::Write + io::Seek, dir: &Path, prefix: &str, entries: &[String], time: u64) -> io::Result<()> {
    use zip::write::SimpleFileOptions;
    let (y, mo, d, h, mi, s) = civil(time);
    // ZIP times start in 1980.
    let stamp = zip::DateTime::from_date_and_time(y.clamp(1980, 2107) as u16, mo, d, h, mi, s).unwrap_or_default();
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let mut zw = zip::ZipWriter::new(out);
    let mut dirs = folders(entries).into_iter().peekable();
    zw.add_directory(format!("{prefix}/"), opts.unix_permissions(0o755)).map_err(io::Error::other)?;
    for e in entries {
        while let Some(d) = dirs.next_if(|d| e.starts_with(&format!("{d}/"))) {
            zw.add_directory(format!("{prefix}/{d}/"), opts.unix_permissions(0o755)).map_err(io::Error::other)?;
        }
        let bytes = fs::read(dir.join(e))?;
        zw.start_file(format!("{prefix}/{e}"), opts).map_err(io::Error::other)?;
        zw.write_all(&bytes)?;
    }
    zw.finish().map_err(io::Error::other)?.flush()
}

/// Now, UTC, as `2026-11-25T04:30:00Z`; `SOURCE_DATE_EPOCH` (seconds) replaces the clock when
/// set, for reproducible snapshots.
pub fn utc_now() -> String {
    let (y, mo, d, h, mi, s) = civil(crate::dates::now_secs());
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// Seconds since 1970 → (year, month, day, hour, minute, second), UTC.
fn civil(secs: u64) -> (i64, u8, u8, u8, u8, u8) {
    let rem = secs % 86_400;
    let (y, m, d) = crate::dates::civil_from_days((secs / 86_400) as i64);
    (y, m, d, (rem / 3600) as u8, (rem / 60 % 60) as u8, (rem % 60) as u8)
}

/// `2026-11-25T04:30:00Z` → seconds since 1970.
fn parse_utc(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[19] != b'Z' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (n(0..4)?, n(5..7)?, n(8..10)?);
    let (h, mi, sec) = (n(11..13)?, n(14..16)?, n(17..19)?);
    let days = crate::dates::days_from_civil(y, m, d);
    u64::try_from(days * 86_400 + h * 3600 + mi * 60 + sec).ok()
}

fn rel_to(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

fn io_error(path: &Path, action: &str, e: io::Error) -> Diagnostic {
    Diagnostic::error(E_IO, path, msg::snapshot_io(action, &e))
}

/// jixiao does not `action` the file at `path`, because of `why`.
fn refused(path: &Path, action: &str, why: msg::Msg) -> Diagnostic {
    Diagnostic::error(E_IO, path, msg::snapshot_failed(action, &why.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(civil(0), (1970, 1, 1, 0, 0, 0));
        for secs in [0u64, 951_782_400, 1_700_000_000, 1_764_045_000, 4_102_444_799] {
            let (y, mo, d, h, mi, s) = civil(secs);
            let text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z");
            assert_eq!(parse_utc(&text), Some(secs), "{text}");
        }
        assert_eq!(parse_utc("2000-02-29T00:00:00Z"), Some(951_782_400));
    }

    #[test]
    fn manifest_round_trips_and_rejects_edits() {
        let mut files = BTreeMap::new();
        files.insert("index.html".to_string(), sha256_hex(b"a"));
        files.insert("assets/style.css".to_string(), sha256_hex(b"b"));
        let m = Manifest {
            year: 2022,
            created: "2026-11-25T04:30:00Z".into(),
            jixiao: "0.1.0".into(),
            content: sha256_hex(b"c"),
            url: "https://x.gov.cn/archive/2022/".into(),
            files,
        };
        assert_eq!(Manifest::parse(&m.to_text()), Ok(m.clone()));
        let bad = m.to_text().replace("  index.html", "  ../index.html");
        assert!(Manifest::parse(&bad).unwrap_err().en.contains("not a relative path"));
        let bad = m.to_text().replace("# files: 2", "# files: 3");
        assert!(Manifest::parse(&bad).is_err());
    }

    #[test]
    fn sha256_of_abc() {
    }
}
