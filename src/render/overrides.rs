//! Site overrides of the theme: a file at `ROOT/templates/<path>` or `ROOT/static/<path>`
//! replaces the theme's file of the same path (or adds one), for this site only.
//!
//! This is the one mechanism a site uses to change its look beyond `branding:` in
//! `site.yaml`: copy the one template (often a partial such as `partials/footer.html`) or static
//! file to change into the site root, edit it there, and leave the theme itself untouched.
//! Deleting the copy restores the theme's file. Diagnostics about an overridden template name
//! the site's copy (`templates/partials/footer.html`), not the theme's.

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::path::Path;

/// The folders of the site root that override the theme, as they are named in the theme.
pub(crate) const OVERRIDE_DIRS: [&str; 2] = ["templates", "static"];

/// Every file under `root/templates/` and `root/static/`, by its path in a theme folder
/// (`templates/partials/footer.html`, `static/emblem.svg`), sorted. Editor backup and hidden
/// files are skipped.
pub(crate) fn site_files(root: &Path) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let mut files = Vec::new();
    let mut diags = Diagnostics::default();
    for top in OVERRIDE_DIRS {
        let dir = root.join(top);
        if !dir.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().and_then(|p| p.strip_prefix(root).ok()).map(Path::to_path_buf).unwrap_or_else(|| top.into());
                    diags.push(Diagnostic::error(super::theme::E_THEME, path, crate::messages::override_unreadable(&e)));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(sub) = entry.path().strip_prefix(root) else { continue };
            let sub = sub.to_string_lossy().replace('\\', "/");
            if sub.split('/').any(skipped_name) {
                continue;
            }
            match std::fs::read(entry.path()) {
                Ok(bytes) => files.push((sub, bytes)),
                Err(e) => diags.push(Diagnostic::error(super::theme::E_THEME, sub, crate::messages::override_unreadable(&e))),
            }
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(files)
}

/// Hidden files and editor leftovers (`.footer.html.swp`, `footer.html~`, `#x#`).
fn skipped_name(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || (name.starts_with('#') && name.ends_with('#'))
}

/// Lays `overrides` over the theme's `files`: same path replaces, a new path is added.
/// Returns the paths that came from the site.
pub(crate) fn apply(files: &mut Vec<(String, Vec<u8>)>, overrides: Vec<(String, Vec<u8>)>) -> Vec<String> {
    let mut from_site = Vec::with_capacity(overrides.len());
    for (path, bytes) in overrides {
        match files.iter_mut().find(|(p, _)| *p == path) {
            Some(slot) => slot.1 = bytes,
            None => files.push((path.clone(), bytes)),
        }
        from_site.push(path);
    }
    from_site
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_replace_and_add() {
        let mut files = vec![("templates/a.html".to_string(), b"theme".to_vec()), ("static/s.css".into(), b"x".to_vec())];
        let from_site = apply(&mut files, vec![("templates/a.html".into(), b"site".to_vec()), ("static/logo.svg".into(), b"<svg/>".to_vec())]);
        assert_eq!(from_site, ["templates/a.html", "static/logo.svg"]);
        assert_eq!(files[0].1, b"site");
        assert_eq!(files.len(), 3);
        assert!(skipped_name(".footer.html.swp") && skipped_name("a~") && !skipped_name("footer.html"));
    }
}
