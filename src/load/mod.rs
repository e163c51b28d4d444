//! Reads `content/`: walks the folder, parses every YAML and Markdown file in parallel and
//! returns the typed [`Content`], or every problem found, each located at its value.
//!
//! Not here: consistency of figures (that is `check`) and anything derived (that is `site`).
//! Within a file, the YAML syntax error or all type errors are reported together with every
//! semantic problem (ids, dates, references); across files, every file's problems.

mod agreement;
mod de;
mod fast;
mod locate;
mod number_fix;
mod reload;
mod validate;
mod yaml;

pub use agreement::{Agreement, compare_readers};
pub use locate::{SourceIndex, locate_fields};
pub use number_fix::figure_hint;
pub use reload::{ContentFile, Reloaded, classify, is_ignored_path, reload_file};
pub use validate::{is_absolute_url, is_valid_id};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages as msg;
use crate::model::{Department, FreePage, PageMeta, RESERVED_IDS, Report, SiteConfig};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use yaml::{Node, Pos};

/// Largest content file accepted; the largest real report is well under 1 MB.
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

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

/// What a file under `content/` is, decided from its place and name.
#[derive(Debug, Clone)]
enum FileKind {
    Site,
    Department { id: String },
    Report { department: String, year: u16 },
    Page { slug: String },
}

/// The result of reading one file.
/// The site settings and reports are boxed: they are hundreds of bytes, a failure none.
enum Parsed {
    Site(Box<SiteConfig>),
    Department(String, Department),
    Report(String, Box<ReportEntry>),
    Page(FreePage),
    Failed,
}

/// The `language` of `ROOT/content/site.yaml`, read from its top-level `language:` line before
/// (and whatever) the parse gives, so that the command line can write even the errors in that
/// file in the site's language. `zh-CN`, the default, when the file has no such line; `None`
/// when there is no file to read.
pub fn site_language(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("content/site.yaml")).ok()?;
    Some(site_language_of(&text).unwrap_or_else(|| "zh-CN".to_string()))
}

/// The value of a top-level `language:` line of a site file, without quotes or comment.
fn site_language_of(text: &str) -> Option<String> {
    text.trim_start_matches('\u{feff}').lines().find_map(|line| {
        let rest = line.strip_prefix("language:")?;
        let value = rest.split(" #").next().unwrap_or("").trim().trim_matches(['"', '\'']).trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// Loads `ROOT/content`. Today's date (for the warning about report dates in the future) is
/// read here, once: see [`load_at`].
pub fn load(root: &Path) -> Result<Content, Diagnostics> {
    load_at(root, crate::dates::today())
}

/// Loads `ROOT/content` with `today` as today's date, which only decides whether a report
/// date in the future is warned about; the content loaded does not depend on it.
pub fn load_at(root: &Path, today: crate::dates::Date) -> Result<Content, Diagnostics> {
    load_reusing(root, today, &|_| None)
}

/// A department or report file's value as a cache gives it back instead of the file being
/// parsed again ([`load_reusing`]).
#[derive(Debug)]
pub enum Restored {
    /// A `department.yaml`.
    Department(Box<Department>),
    /// A `<year>.yaml`.
    Report(Box<Report>),
}

/// Asked for each department and report file (its path relative to the root): its value and
/// the problems its load reported (warnings: a file with errors stops the load), when a cache
/// holds them for the file's bytes as they are now; `None` to parse the file.
pub type Reuse<'a> = dyn Fn(&Path) -> Option<(Restored, Diagnostics)> + Sync + 'a;

/// [`load_at`], taking the value of a department or report file from `reuse` when it has it
/// (the build cache's copy of a file that did not change) instead of parsing the file. The
/// folders are walked and the site settings and free pages read as [`load_at`] does, so the
/// result equals [`load_at`]'s whenever `reuse` gives back what [`load_at`] made of the same
/// bytes on the same day.
pub fn load_reusing(root: &Path, today: crate::dates::Date, reuse: &Reuse) -> Result<Content, Diagnostics> {
    let content_dir = root.join("content");
    let mut diags = Diagnostics::default();
    if !content_dir.is_dir() {
        diags.push(Diagnostic::error("E0001", &content_dir, msg::NO_CONTENT).hint(msg::NO_CONTENT_HINT));
        return Err(diags);
    }
    let (jobs, department_dirs) = discover(root, &content_dir, &mut diags);
    if !jobs.iter().any(|(_, k)| matches!(k, FileKind::Site)) {
        diags.push(Diagnostic::error("E0001", content_dir.join("site.yaml"), msg::NO_SITE_YAML).hint(msg::NO_SITE_YAML_HINT));
    }

    let results: Vec<(Parsed, Diagnostics)> = jobs
        .par_iter()
        .map(|(path, kind)| {
            let rel = path.strip_prefix(root).unwrap_or(path);
            let restored = match kind {
                FileKind::Department { .. } | FileKind::Report { .. } => reuse(rel),
                FileKind::Site | FileKind::Page { .. } => None,
            };
            match (restored, kind) {
                (Some((Restored::Department(d), diags)), FileKind::Department { id }) => (Parsed::Department(id.clone(), *d), diags),
                (Some((Restored::Report(r), diags)), FileKind::Report { department, year }) => {
                    (Parsed::Report(department.clone(), Box::new(ReportEntry { year: *year, path: rel.to_path_buf(), report: *r })), diags)
                }
                _ => read_file(root, path, kind, today),
            }
        })
        .collect();

    let mut site = None;
    let mut departments: Vec<DepartmentEntry> = Vec::new();
    let mut reports: Vec<(String, ReportEntry)> = Vec::new();
    let mut pages = Vec::new();
    for (parsed, file_diags) in results {
        diags.0.extend(file_diags.0);
        match parsed {
            Parsed::Site(s) => site = Some(*s),
            Parsed::Department(id, profile) => departments.push(DepartmentEntry { id, profile, reports: Vec::new() }),
            Parsed::Report(dept, entry) => reports.push((dept, *entry)),
            Parsed::Page(p) => pages.push(p),
            Parsed::Failed => {}
        }
    }
    // Sorted first, so that a department is found by binary search (a scan for each folder
    // and each report was quadratic: 10⁹ comparisons at 100,000 reports).
    departments.sort_by(|a, b| a.id.cmp(&b.id));
    let find = |departments: &[DepartmentEntry], id: &str| departments.binary_search_by(|d| d.id.as_str().cmp(id)).ok();
    for (id, dir) in &department_dirs {
        if find(&departments, id).is_none() && !jobs.iter().any(|(_, k)| matches!(k, FileKind::Department { id: i } if i == id)) {
            diags.push(Diagnostic::error("E0001", dir.strip_prefix(root).unwrap_or(dir), msg::NO_DEPARTMENT_YAML).hint(msg::NO_DEPARTMENT_YAML_HINT));
        }
    }
    reports.sort_by(|a, b| (&a.0, a.1.year).cmp(&(&b.0, b.1.year)));
    for (dept, entry) in reports {
        if let Some(i) = find(&departments, &dept) {
            departments[i].reports.push(entry);
        }
    }
    pages.sort_by(|a: &FreePage, b: &FreePage| (a.meta.order.unwrap_or(i64::MAX), &a.slug).cmp(&(b.meta.order.unwrap_or(i64::MAX), &b.slug)));

    diags.sort();
    if diags.has_errors() {
        return Err(diags);
    }
    let Some(site) = site else { return Err(diags) };
    Ok(Content { root: root.to_path_buf(), site, departments, pages, warnings: diags })
}

/// The first control character of `text` other than tab and line breaks, with its byte
/// offset: invisible, and not allowed in an HTML page (it usually comes from text copied out
/// of a PDF or a word processor). Cheap on text without one: a byte pass that vectorises,
/// then a character scan only when a suspect byte (C0, DEL, or the lead byte of C1) is there.
pub(crate) fn control_char(text: &str) -> Option<(usize, char)> {
    let suspect = text.bytes().fold(false, |any, b| any | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0x7f) | (b == 0xc2));
    if !suspect {
        return None;
    }
    text.char_indices().find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// Whether a file name is an editor's swap, backup or lock file, or hidden.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('#') || name.ends_with('~') || name.ends_with(".swp")
        || name.ends_with(".swx") || name.ends_with(".tmp") || name.ends_with(".bak")
}

/// Department folders found: the id (folder name) and the folder.
type DepartmentDirs = Vec<(String, PathBuf)>;

/// Lists the files to read and what each one is.
fn discover(root: &Path, content_dir: &Path, diags: &mut Diagnostics) -> (Vec<(PathBuf, FileKind)>, DepartmentDirs) {
    let mut jobs = Vec::new();
    let mut department_dirs = Vec::new();
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let walker = walkdir::WalkDir::new(content_dir)
        .min_depth(1)
        .max_depth(2)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_ignored_name(&e.file_name().to_string_lossy()));
    // Where links may lead: a link out of `content/` would publish whatever it points at.
    let content_real = content_dir.canonicalize().unwrap_or_else(|_| content_dir.to_path_buf());
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| content_dir.to_path_buf());
                let message = match e.into_io_error() {
                    Some(io) => msg::cannot_read(&io),
                    None => msg::cannot_read_loop(),
                };
                diags.push(Diagnostic::error("E0001", rel(&path), message));
                continue;
            }
        };
        let path = entry.path().to_path_buf();
        if entry.path_is_symlink() {
            match path.canonicalize() {
                Err(e) => {
                    diags.push(Diagnostic::error("E0001", rel(&path), msg::cannot_read(&e)));
                    continue;
                }
                Ok(target) if !target.starts_with(&content_real) => {
                    diags.push(
                        Diagnostic::error("E0007", rel(&path), msg::link_outside_content(&target.display().to_string()))
                            .hint(msg::LINK_OUTSIDE_CONTENT_HINT),
                    );
                    continue;
                }
                // Walking does not follow links: a linked folder would be skipped unread.
                Ok(target) if target.is_dir() => {
                    diags.push(Diagnostic::error("E0006", rel(&path), msg::LINKED_FOLDER).warning().hint(msg::LINKED_FOLDER_HINT));
                    continue;
                }
                Ok(_) => {}
            }
        }
        let name = entry.file_name().to_string_lossy().to_string();
        let is_dir = entry.file_type().is_dir();
        let parent = path.parent().and_then(Path::file_name).map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let is_yaml = name.ends_with(".yaml") || name.ends_with(".yml");
        if entry.depth() == 1 {
            if is_dir && name == "pages" {
                continue;
            } else if is_dir {
                if RESERVED_IDS.contains(&name.as_str()) {
                    diags.push(Diagnostic::error("E0203", rel(&path), msg::reserved_id(&name)).hint(msg::reserved_id_hint(RESERVED_IDS)));
                } else if !validate::is_valid_id(&name) {
                    diags.push(Diagnostic::error("E0204", rel(&path), msg::bad_id(&name)).hint(msg::BAD_ID_HINT));
                } else {
                    department_dirs.push((name, path));
                }
            } else if name == "site.yaml" {
                jobs.push((path, FileKind::Site));
            } else {
                diags.push(Diagnostic::error("E0006", rel(&path), msg::UNEXPECTED_FILE).warning());
            }
            continue;
        }
        if is_dir {
            continue;
        }
        if parent == "pages" {
            match name.strip_suffix(".md") {
                Some(slug) if validate::is_valid_id(slug) => jobs.push((path, FileKind::Page { slug: slug.to_string() })),
                Some(slug) => diags.push(Diagnostic::error("E0204", rel(&path), msg::bad_id(slug)).hint(msg::BAD_ID_HINT)),
                None => diags.push(Diagnostic::error("E0006", rel(&path), msg::UNEXPECTED_FILE).warning()),
            }
            continue;
        }
        if !department_dirs.iter().any(|(id, _)| *id == parent) {
            continue; // inside a refused folder: already reported
        }
        if name == "department.yaml" {
            jobs.push((path, FileKind::Department { id: parent }));
        } else if let Some(stem) = name.strip_suffix(".yaml") {
            match stem.parse::<u16>() {
                Ok(year) if stem.len() == 4 && (1949..=2999).contains(&year) => {
                    jobs.push((path, FileKind::Report { department: parent, year }))
                }
                _ => diags.push(Diagnostic::error("E0006", rel(&path), msg::bad_year(stem)).hint(msg::BAD_YEAR_HINT)),
            }
        } else if is_yaml {
            diags.push(Diagnostic::error("E0006", rel(&path), msg::UNEXPECTED_FILE).hint(msg::BAD_YEAR_HINT));
        } else {
            diags.push(Diagnostic::error("E0006", rel(&path), msg::UNEXPECTED_FILE).warning());
        }
    }
    (jobs, department_dirs)
}

/// Source text of one file with what is needed to point into it.
pub(crate) struct Source<'a> {
    /// Path relative to the site root.
    pub(crate) path: &'a Path,
    /// The text, without BOM.
    pub(crate) text: &'a str,
    /// Lines before the parsed part (front matter starts after `---`).
    pub(crate) line_offset: usize,
}

impl Source<'_> {
    /// A located error.
    pub(crate) fn error(&self, code: &'static str, pos: Pos, field: &str, message: impl Into<msg::Text>) -> Diagnostic {
        let location = Location { line: pos.line + self.line_offset, column: pos.column, len: pos.len };
        Diagnostic::error(code, self.path, message).at(location, self.text).field(field)
    }
}

thread_local! {
    /// The bytes of the last file this thread read, kept for its next one: a new buffer per
    /// file had the kernel hand out and zero fresh pages for every file (a tenth of a load).
    static READ_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Files larger than this do not keep their buffer for the thread's next file.
const KEPT_BUFFER_BYTES: usize = 4 * 1024 * 1024;

fn read_file(root: &Path, path: &Path, kind: &FileKind, today: crate::dates::Date) -> (Parsed, Diagnostics) {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let text = match read_text(path, rel) {
        Ok(t) => t,
        Err(d) => {
            let mut diags = Diagnostics::default();
            diags.push(d);
            return (Parsed::Failed, diags);
        }
    };
    let parsed = parse_file(root, rel, kind, today, &text);
    let bytes = text.into_bytes();
    if bytes.capacity() <= KEPT_BUFFER_BYTES {
        READ_BUFFER.with(|b| *b.borrow_mut() = bytes);
    }
    parsed
}

/// [`read_file`] once the file is read: `text` is its content.
fn parse_file(root: &Path, rel: &Path, kind: &FileKind, today: crate::dates::Date, text: &str) -> (Parsed, Diagnostics) {
    let mut diags = Diagnostics::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let FileKind::Page { slug } = kind {
        return read_page(rel, text, slug);
    }
    let src = Source { path: rel, text, line_offset: 0 };
    let Some(tree) = parse_tree(&src, &mut diags) else { return (Parsed::Failed, diags) };
    let parsed = match kind {
        FileKind::Site => typed::<SiteConfig>(&src, &tree, &mut diags).map(|site| {
            validated(&mut diags, |d| validate::site(&src, &tree, &site, d));
            Parsed::Site(Box::new(site))
        }),
        FileKind::Department { id } => typed::<Department>(&src, &tree, &mut diags).map(|d| {
            validated(&mut diags, |found| validate::department(&src, &tree, id, &d, found));
            Parsed::Department(id.clone(), d)
        }),
        FileKind::Report { department, year } => typed::<Report>(&src, &tree, &mut diags).map(|r| {
            validated(&mut diags, |d| validate::report(&src, &tree, department, *year, today, &r, d));
            validate::attachments(&src, &tree, root, &r, &mut diags);
            Parsed::Report(department.clone(), Box::new(ReportEntry { year: *year, path: rel.to_path_buf(), report: r }))
        }),
        FileKind::Page { .. } => unreachable!("pages handled above"),
    };
    match parsed {
        Some(p) if !diags.has_errors() => (p, diags),
        _ => (Parsed::Failed, diags),
    }
}

/// Reads a file as UTF-8 text, explaining other encodings.
fn read_text(path: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let size = std::fs::metadata(path).map_err(|e| Diagnostic::error("E0001", rel, msg::cannot_read(&e)))?.len();
    if size > MAX_FILE_BYTES {
        return Err(Diagnostic::error("E0005", rel, msg::too_large(MAX_FILE_BYTES / 1024 / 1024)));
    }
    // Into the buffer of this thread's last file (see `READ_BUFFER`).
    let mut bytes = READ_BUFFER.with(|b| std::mem::take(&mut *b.borrow_mut()));
    bytes.clear();
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_to_end(&mut f, &mut bytes))
        .map_err(|e| Diagnostic::error("E0001", rel, msg::cannot_read(&e)))?;
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: validated just above.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    // Not UTF-8: the std check finds where, for the error.
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = bytes[..at].iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&bytes[line_start..at]).chars().count() + 1;
        let file = rel.to_string_lossy();
        if let Some(text) = decode_utf16(bytes) {
            // Shown decoded: the raw bytes would print NULs and mojibake. The whole file is
            // in the wrong encoding, so the position is its start.
            return Diagnostic::error("E0002", rel, msg::not_utf8(Some(msg::UTF16_GUESS)))
                .at(Location { line: 1, column: 1, len: 1 }, text.trim_start_matches('\u{feff}'))
                .hint(msg::not_utf8_hint(&file, "UTF-16"));
        }
        let gb = looks_like_gb(bytes);
        let guess = gb.then_some(msg::GB_GUESS);
        let shown = String::from_utf8_lossy(bytes);
        // Converting from GB18030 is advice only for what looks like it.
        let hint = if gb { msg::not_utf8_hint(&file, "GB18030") } else { msg::NOT_UTF8_UNKNOWN_HINT.into() };
        Diagnostic::error("E0002", rel, msg::not_utf8(guess)).at(Location { line, column, len: 1 }, &shown).hint(hint)
    })
}

/// The text of a file that starts with a UTF-16 byte-order mark (Windows Notepad's
/// "Unicode"), when it decodes.
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let big_endian = match bytes.get(..2)? {
        [0xFF, 0xFE] => false,
        [0xFE, 0xFF] => true,
        _ => return None,
    };
    let units = bytes[2..].chunks_exact(2).map(|p| if big_endian { u16::from_be_bytes([p[0], p[1]]) } else { u16::from_le_bytes([p[0], p[1]]) });
    char::decode_utf16(units).collect::<Result<String, _>>().ok()
}

/// Whether the non-ASCII bytes pair up as GBK double-byte characters.
fn looks_like_gb(bytes: &[u8]) -> bool {
    let (mut pairs, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
        } else if (0x81..=0xFE).contains(&b) && bytes.get(i + 1).is_some_and(|n| (0x40..=0xFE).contains(n) && *n != 0x7F) {
            pairs += 1;
            i += 2;
        } else {
            return false;
        }
    }
    pairs > 0
}

/// Parses the YAML tree, reporting syntax errors and empty files.
fn parse_tree<'a>(src: &Source<'a>, diags: &mut Diagnostics) -> Option<Node<'a>> {
    // The fast reader handles the usual subset; anything else (and every error) goes to the
    // full parser.
    let parsed = fast::parse(src.text).map(Ok).unwrap_or_else(|| yaml::parse(src.text));
    match parsed {
        Ok(Some(tree)) if !tree.is_null() => {
            if matches!(tree.value, yaml::Value::Map(_)) {
                Some(tree)
            } else {
                diags.push(src.error("E0103", tree.pos, "", msg::NOT_A_MAPPING));
                None
            }
        }
        Ok(_) => {
            diags.push(Diagnostic::error("E0003", src.path, msg::EMPTY_FILE).hint(msg::EMPTY_FILE_HINT));
            None
        }
        Err(e) => {
            // The parser blames a tab where the value before it started (a plain value may go on
            // over lines): point at the tab itself. (The parser's own words, which both
            // languages quote, say "tab".)
            if e.code == "E0004"
                && e.message.en.contains("tab")
                && let Some(pos) = indenting_tab(src.text, e.pos.line)
            {
                diags.push(src.error("E0004", pos, "", msg::TAB_INDENT).hint(msg::TAB_INDENT_HINT));
                return None;
            }
            let d = src.error(e.code, e.pos, "", e.message);
            diags.push(if e.code == "E0004" { d.hint(msg::YAML_SYNTAX_HINT) } else { d });
            None
        }
    }
}

/// The first tab in the indentation of a line from `from` on (lines from 1), at most a few
/// lines on: YAML indents with spaces only.
fn indenting_tab(text: &str, from: usize) -> Option<Pos> {
    text.lines().enumerate().skip(from.saturating_sub(1)).take(4).find_map(|(i, line)| {
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        indent.find('\t').map(|at| Pos { line: i + 1, column: indent[..at].chars().count() + 1, len: 1 })
    })
}

/// Deserializes the typed value, reporting every type problem. The value comes back even when
/// some fields were wrong (they stand in as empty), so that semantic rules still run; the
/// caller drops it when any error was reported.
fn typed<T: DeserializeOwned>(src: &Source, tree: &Node<'_>, diags: &mut Diagnostics) -> Option<T> {
    let (value, problems) = de::from_node::<T>(tree);
    for p in problems {
        let d = src.error(p.code, p.pos, &p.path, p.message);
        diags.push(match p.hint {
            Some(h) => d.hint(h),
            None => d,
        });
    }
    value
}

/// Runs semantic rules on a value that may hold stand-ins for wrong fields, keeping only
/// findings about fields that were not already reported (a missing id is not also "invalid").
fn validated(diags: &mut Diagnostics, rules: impl FnOnce(&mut Diagnostics)) {
    let mut found = Diagnostics::default();
    rules(&mut found);
    let reported: Vec<String> = diags.0.iter().filter_map(|d| d.field.clone()).collect();
    found.0.retain(|d| {
        let f = d.field.as_deref().unwrap_or("");
        !reported.iter().any(|r| f == r || f.starts_with(&format!("{r}.")) || f.starts_with(&format!("{r}[")))
    });
    diags.0.extend(found.0);
}

/// A free page: YAML front matter between `---` lines, then Markdown.
fn read_page(rel: &Path, text: &str, slug: &str) -> (Parsed, Diagnostics) {
    let mut diags = Diagnostics::default();
    let normalized = text.replace("\r\n", "\n");
    let Some(after_open) = normalized.strip_prefix("---\n") else {
        diags.push(Diagnostic::error("E0003", rel, msg::NO_FRONT_MATTER).hint(msg::NO_FRONT_MATTER_HINT));
        return (Parsed::Failed, diags);
    };
    let (front, body) = match after_open.find("\n---\n") {
        Some(i) => (&after_open[..=i], &after_open[i + 5..]),
        None if after_open.ends_with("\n---") => (&after_open[..after_open.len() - 3], ""),
        None => {
            diags.push(Diagnostic::error("E0003", rel, msg::NO_FRONT_MATTER).hint(msg::NO_FRONT_MATTER_HINT));
            return (Parsed::Failed, diags);
        }
    };
    let src = Source { path: rel, text: &normalized, line_offset: 1 };
    let front_src = Source { path: rel, text: front, line_offset: 0 };
    let tree = match yaml::parse(front_src.text) {
        Ok(Some(t)) if matches!(t.value, yaml::Value::Map(_)) => t,
        Ok(_) => {
            diags.push(Diagnostic::error("E0003", rel, msg::NO_FRONT_MATTER).hint(msg::NO_FRONT_MATTER_HINT));
            return (Parsed::Failed, diags);
        }
        Err(e) => {
            diags.push(src.error(e.code, e.pos, "", e.message));
            return (Parsed::Failed, diags);
        }
    };
    if let Some((at, c)) = control_char(body) {
        // `body` lies within `normalized`: its offset there, plus `at`.
        let before = &normalized[..body.as_ptr() as usize - normalized.as_ptr() as usize + at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        diags.push(
            Diagnostic::error("E0103", rel, msg::control_character(c))
                .at(Location { line, column, len: 1 }, &normalized)
                .hint(msg::CONTROL_CHARACTER_HINT),
        );
    }
    match typed::<PageMeta>(&src, &tree, &mut diags) {
        Some(meta) if !diags.has_errors() => {
            (Parsed::Page(FreePage { slug: slug.to_string(), meta, body: body.to_string() }), diags)
        }
        _ => (Parsed::Failed, diags),
    }
}

#[cfg(test)]
mod tests {
    use super::site_language_of;

    #[test]
    fn the_site_language_is_read_from_its_line() {
        assert_eq!(site_language_of("title: x\nlanguage: en\n").as_deref(), Some("en"));
        assert_eq!(site_language_of("\u{feff}language: \"zh-CN\"  # 中文\n").as_deref(), Some("zh-CN"));
        assert_eq!(site_language_of("branding:\n  language: en\n"), None, "only a top-level key counts");
        assert_eq!(site_language_of("title: x\n"), None);
    }
}
