//! Finds the theme: `ROOT/themes/<name>/` when it exists, else (for `default` only) the copy
//! of `themes/default` embedded in the binary, so a site without `themes/` still builds.
//!
//! A theme folder holds `templates/` (Tera), `static/` (copied to `/assets/`) and
//! `i18n/<language>.yaml` (every UI string; `zh-CN.yaml` is used when the site's language has
//! no file). A theme on disk is used as a whole: it is not merged with the embedded one.
//!
//! A site overrides single files of its theme with `ROOT/templates/…` and `ROOT/static/…`
//! (see [`super::overrides`]).

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::strings::Strings;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Diagnostic code: the theme cannot be found or read.
pub(super) const E_THEME: &str = "E0303";
/// Diagnostic code: the i18n file is invalid or lacks a key a template uses.
pub(super) use crate::strings::E_I18N;

macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../../themes/default/", $path)) as &[u8])),*]
    };
}

/// Every file of `themes/default`, embedded. A unit test checks this list against the folder.
pub(crate) const DEFAULT_THEME: &[(&str, &[u8])] = embedded![
    "README.md",
    "i18n/en.yaml",
    "i18n/zh-CN.yaml",
    "static/chart.css",
    "static/favicon.svg",
    "static/search.js",
    "static/site.js",
    "static/sort.js",
    "static/style.css",
    "templates/404.html",
    "templates/archive.html",
    "templates/base.html",
    "templates/changes.html",
    "templates/department.html",
    "templates/index.html",
    "templates/indicator.html",
    "templates/page.html",
    "templates/partials/change.html",
    "templates/partials/chart.html",
    "templates/partials/check_notices.html",
    "templates/partials/compare_department.html",
    "templates/partials/compare_measures.html",
    "templates/partials/compare_year.html",
    "templates/partials/downloads.html",
    "templates/partials/footer.html",
    "templates/partials/gap.html",
    "templates/partials/header.html",
    "templates/partials/report_table.html",
    "templates/partials/status.html",
    "templates/partials/verdict.html",
    "templates/report.html",
    "templates/search.html",
    "templates/sitemap.xml",
    "templates/year.html",
];

/// A loaded theme.
#[derive(Debug)]
pub(crate) struct Theme {
    /// Folder as shown in diagnostics, relative to the site root: `themes/default`.
    pub dir: PathBuf,
    /// Templates by name relative to `templates/` (`partials/status.html`), sorted.
    pub templates: Vec<(String, String)>,
    /// Static files by path relative to `static/`, sorted.
    pub assets: Vec<(String, Vec<u8>)>,
    /// UI strings, nested YAML keys joined with dots.
    pub strings: Strings,
    /// The i18n file, relative to the site root.
    pub i18n_file: PathBuf,
    /// Paths (`templates/partials/footer.html`, `static/logo.svg`) the site root overrides or adds.
    pub from_site: Vec<String>,
}

impl Theme {
    /// Hands the static files to `staging`, under `assets/` (every render writes them).
    pub(crate) fn stage_assets(&self, staging: &crate::output::Staging) -> Result<(), Diagnostic> {
        for (path, bytes) in &self.assets {
            staging.add(format!("assets/{path}"), bytes)?;
        }
        Ok(())
    }

    /// Loads theme `name` for `language` from `root/themes/<name>`, or the embedded default.
    pub(crate) fn load(root: &Path, name: &str, language: &str) -> Result<Theme, Diagnostics> {
        let rel = PathBuf::from("themes").join(name);
        let bad_name = name.is_empty()
            || name.contains(['/', '\\'])
            || name.starts_with('.')
            || Path::new(name).components().count() != 1;
        if bad_name {
            return Err(Diagnostic::error(E_THEME, "content/site.yaml", crate::messages::theme_bad_name(name))
                .field("theme")
                .hint(crate::messages::THEME_BAD_NAME_HINT)
                .into());
        }
        let dir = root.join(&rel);
        let mut files = if dir.is_dir() {
            Self::from_disk(&dir, &rel)?
        } else if name == "default" {
            DEFAULT_THEME.iter().map(|(p, b)| (p.to_string(), b.to_vec())).collect()
        } else {
            return Err(Self::not_found(name, &rel));
        };
        let from_site = super::overrides::apply(&mut files, super::overrides::site_files(root)?);
        let mut theme = Self::from_files(rel, files, language)?;
        theme.from_site = from_site;
        Ok(theme)
    }

    fn not_found(name: &str, rel: &Path) -> Diagnostics {
        Diagnostic::error(E_THEME, "content/site.yaml", crate::messages::theme_not_found(name, &rel.display().to_string()))
            .field("theme")
            .hint(crate::messages::THEME_NOT_FOUND_HINT)
            .into()
    }

    fn from_disk(dir: &Path, rel: &Path) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
        let mut files = Vec::new();
        let mut diags = Diagnostics::default();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| dir.to_path_buf());
                    diags.push(Diagnostic::error(E_THEME, path, crate::messages::theme_unreadable(&e)));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(sub) = entry.path().strip_prefix(dir) else { continue };
            let sub = sub.to_string_lossy().replace('\\', "/");
            match std::fs::read(entry.path()) {
                Ok(bytes) => files.push((sub, bytes)),
                Err(e) => diags.push(Diagnostic::error(E_THEME, rel.join(&sub), crate::messages::theme_file_unreadable(&e))),
            }
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(files)
    }

    fn from_files(dir: PathBuf, files: Vec<(String, Vec<u8>)>, language: &str) -> Result<Theme, Diagnostics> {
        let mut templates = Vec::new();
        let mut assets = Vec::new();
        let mut i18n: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        let mut diags = Diagnostics::default();
        for (path, bytes) in files {
            if let Some(name) = path.strip_prefix("templates/") {
                match String::from_utf8(bytes) {
                    Ok(s) => templates.push((name.to_string(), s)),
                    Err(_) => diags.push(Diagnostic::error(E_THEME, dir.join(&path), crate::messages::TEMPLATE_NOT_UTF8)),
                }
            } else if let Some(name) = path.strip_prefix("static/") {
                assets.push((name.to_string(), bytes));
            } else if let Some(name) = path.strip_prefix("i18n/") {
                i18n.insert(name.to_string(), bytes);
            }
        }
        templates.sort();
        assets.sort();
        let wanted = format!("{language}.yaml");
        // `en-GB` uses `en-GB.yaml`, else `en.yaml`, else `zh-CN.yaml`.
        let primary = format!("{}.yaml", language.split('-').next().unwrap_or(language));
        let (file_name, bytes) = match i18n.remove_entry(&wanted).or_else(|| i18n.remove_entry(&primary)).or_else(|| i18n.remove_entry("zh-CN.yaml")) {
            Some(found) => found,
            None => {
                diags.push(
                    Diagnostic::error(E_I18N, dir.join("i18n"), crate::messages::no_i18n_file(&wanted))
                        .hint(crate::messages::NO_I18N_FILE_HINT),
                );
                return Err(diags);
            }
        };
        let i18n_file = dir.join("i18n").join(&file_name);
        let strings = match crate::strings::parse(&i18n_file, &bytes) {
            Ok(s) => s,
            Err(d) => {
                diags.push(d);
                return Err(diags);
            }
        };
        if templates.is_empty() {
            diags.push(Diagnostic::error(E_THEME, dir.join("templates"), crate::messages::NO_TEMPLATES));
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(Theme { dir, templates, assets, strings, i18n_file, from_site: Vec::new() })
    }

    /// Path of a template as shown in diagnostics: `themes/default/templates/report.html`.
    /// An override names the site's copy: `templates/partials/footer.html`.
    pub(crate) fn template_path(&self, name: &str) -> PathBuf {
        let rel = PathBuf::from("templates").join(name);
        if self.from_site.iter().any(|p| Path::new(p) == rel) {
            return rel;
        }
        self.dir.join("templates").join(name)
    }

    /// Source of a template.
    pub(crate) fn template_source(&self, name: &str) -> Option<&str> {
        self.templates.iter().find(|(n, _)| n == name).map(|(_, s)| s.as_str())
    }
}

/// The UI strings as a nested Tera map, for `{{ i18n.section.basic }}` in templates.
pub(crate) fn nested_strings(strings: &BTreeMap<String, String>) -> tera::Value {
    #[derive(Default)]
    struct Node(BTreeMap<String, Node>, Option<String>);
    fn to_value(node: &Node) -> tera::Value {
        match &node.1 {
            Some(text) if node.0.is_empty() => tera::Value::from(text.as_str()),
            _ => tera::Value::from(node.0.iter().map(|(k, v)| (k.clone(), to_value(v))).collect::<BTreeMap<_, _>>()),
        }
    }
    let mut root = Node::default();
    for (key, text) in strings {
        let mut node = &mut root;
        for part in key.split('.') {
            node = node.0.entry(part.to_string()).or_default();
        }
        node.1 = Some(text.clone());
    }
    to_value(&root)
}

/// Every UI string a template names literally, `t(key="…")` or `i18n.a.b`: the key and where.
pub(crate) fn literal_keys(source: &str) -> Vec<(String, Location)> {
    let mut out = t_keys(source);
    for (at, key) in i18n_mentions(source).filter(|(_, key)| !key.is_empty()) {
        out.push((key.to_string(), location(source, at, key)));
    }
    out.sort_by_key(|(_, l)| *l);
    out
}

/// Every place `source` names `i18n` as a word: with `i18n.a.b`, the byte offset of `a.b` and
/// the key; otherwise (`i18n` assigned, passed on or looped over) the offset of `i18n` and `""`.
pub(crate) fn i18n_mentions(source: &str) -> impl Iterator<Item = (usize, &str)> {
    let b = source.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    source.match_indices("i18n").filter_map(move |(at, _)| {
        if at > 0 && (word(b[at - 1]) || b[at - 1] == b'.') {
            return None;
        }
        match b.get(at + 4) {
            Some(&c) if word(c) => None,
            Some(b'.') => {
                let rest = &source[at + 5..];
                let len = rest.bytes().take_while(|&c| word(c) || c == b'.').count();
                Some((at + 5, rest[..len].trim_end_matches('.')))
            }
            _ => Some((at, "")),
        }
    })
}

fn location(source: &str, start: usize, key: &str) -> Location {
    let line = source[..start].matches('\n').count() + 1;
    let line_start = source[..start].rfind('\n').map_or(0, |p| p + 1);
    let column = source[line_start..start].chars().count() + 1;
    Location { line, column, len: key.chars().count().max(1) }
}

/// Every `t(key="…")` with a literal key in `source`.
fn t_keys(source: &str) -> Vec<(String, Location)> {
    let mut out = Vec::new();
    let bytes = source.as_bytes();
    let mut i = 0;
    while let Some(pos) = source[i..].find("t(") {
        let at = i + pos;
        i = at + 2;
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_' || bytes[at - 1] == b'.') {
            continue;
        }
        let rest = &source[at + 2..];
        let after_ws = rest.trim_start();
        let Some(after_key) = after_ws.strip_prefix("key") else { continue };
        let after_key = after_key.trim_start();
        let Some(after_eq) = after_key.strip_prefix('=') else { continue };
        let value = after_eq.trim_start();
        let Some(quote) = value.chars().next().filter(|c| matches!(c, '"' | '\'' | '`')) else { continue };
        let Some(end) = value[1..].find(quote) else { continue };
        let key = &value[1..1 + end];
        // Only a whole literal: `t(key="status." ~ s)` is checked when it renders.
        if !value[2 + end..].trim_start().starts_with([')', ',']) {
            continue;
        }
        let key_start = source.len() - value.len() + 1;
        out.push((key.to_string(), location(source, key_start, key)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_matches_the_theme_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = DEFAULT_THEME.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(embedded, on_disk, "update DEFAULT_THEME in src/render/theme.rs");
    }

    #[test]
    fn finds_literal_keys_with_positions() {
        let src = "a {{ t(key=\"nav.home\") }}\n  {{ t( key = 'x' ) }} {{ at(key=\"no\") }} {{ t(key=\"s.\" ~ s) }}\n{{ i18n.a.b }}{{ xi18n.c }}{{ i18n.st[s] }}";
        let keys = literal_keys(src);
        assert_eq!(keys.len(), 4, "{keys:?}");
        assert_eq!((keys[2].0.as_str(), keys[2].1.line, keys[2].1.column), ("a.b", 3, 9));
        assert_eq!(keys[3].0, "st");
        assert_eq!(keys[0].0, "nav.home");
        assert_eq!((keys[0].1.line, keys[0].1.column), (1, 13));
        assert_eq!(keys[1].0, "x");
        assert_eq!((keys[1].1.line, keys[1].1.column), (2, 16));
    }

    #[test]
    fn embedded_default_theme_loads_without_a_themes_folder() {
        let tmp = std::env::temp_dir().join("jixiao-theme-test-nonexistent");
        let t = Theme::load(&tmp, "default", "zh-CN").unwrap();
        assert!(t.template_source("report.html").is_some());
        assert!(t.strings.contains_key("site.skip_link"));
        assert_eq!(Theme::load(&tmp, "default", "en-GB").unwrap().strings["nav.home"], "Home");
        assert_eq!(Theme::load(&tmp, "default", "fr").unwrap().strings["nav.home"], "首页");
        assert!(Theme::load(&tmp, "other", "zh-CN").is_err());
        assert!(Theme::load(&tmp, "../x", "zh-CN").is_err());
    }
}
