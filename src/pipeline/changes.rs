//! What a changed path is to the build: the one classification that `jixiao serve`'s watcher
//! (its batches of changed paths) and `jixiao build`'s cache (the input files whose bytes
//! changed since the last build) both hand to the [pipeline](super).

use crate::load;
use std::path::{Path, PathBuf};

/// What a changed path is to the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A file or folder under `content/` (the item is decided when it is re-read).
    Content(PathBuf),
    /// `content/site.yaml`: everything.
    SiteConfig,
    /// A template of a theme, by name under `templates/`.
    Template(String),
    /// A static file of a theme, by path under `static/`.
    Static(String),
    /// Another theme file (UI strings): everything.
    Theme,
    /// `archive/` (yearly snapshots): everything.
    Archive,
}

/// The folders under the site root whose files the build reads.
pub const INPUT_FOLDERS: [&str; 5] = ["content", "themes", "archive", "templates", "static"];

/// Decides what `path` (absolute) is; `None` for anything the build does not read, for swap
/// and backup files, and for the output folder.
pub fn classify(root: &Path, output: &Path, path: &Path) -> Option<Change> {
    if path.starts_with(output) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.iter().any(|p| load::is_ignored_name(p)) {
        return None;
    }
    match parts.first().map(String::as_str) {
        Some("content") if parts.len() == 2 && parts[1] == "site.yaml" => Some(Change::SiteConfig),
        Some("content") => Some(Change::Content(path.to_path_buf())),
        Some("themes") if parts.len() >= 4 && parts[2] == "templates" => Some(Change::Template(parts[3..].join("/"))),
        Some("themes") if parts.len() >= 4 && parts[2] == "static" => Some(Change::Static(parts[3..].join("/"))),
        Some("themes") => Some(Change::Theme),
        // The site's overrides of single theme files (src/render/overrides.rs).
        Some("templates") if parts.len() >= 2 => Some(Change::Template(parts[1..].join("/"))),
        Some("static") if parts.len() >= 2 => Some(Change::Static(parts[1..].join("/"))),
        Some("archive") => Some(Change::Archive),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_changes() {
        let root = Path::new("/s");
        let out = Path::new("/s/public");
        let c = |p: &str| classify(root, out, &root.join(p));
        assert_eq!(c("content/site.yaml"), Some(Change::SiteConfig));
        assert_eq!(c("content/huangpu/2022.yaml"), Some(Change::Content(root.join("content/huangpu/2022.yaml"))));
        assert_eq!(c("content/huangpu/.2022.yaml.swp"), None);
        assert_eq!(c("content/huangpu/2022.yaml~"), None);
        assert_eq!(c("content/huangpu/#2022.yaml#"), None);
        assert_eq!(c("themes/default/templates/partials/status.html"), Some(Change::Template("partials/status.html".into())));
        assert_eq!(c("themes/default/static/style.css"), Some(Change::Static("style.css".into())));
        assert_eq!(c("templates/partials/footer.html"), Some(Change::Template("partials/footer.html".into())));
        assert_eq!(c("static/emblem.svg"), Some(Change::Static("emblem.svg".into())));
        assert_eq!(c("themes/default/i18n/zh-CN.yaml"), Some(Change::Theme));
        assert_eq!(c("archive/2022/index.html"), Some(Change::Archive));
        assert_eq!(c("public/index.html"), None);
        assert_eq!(c("README.md"), None);
        assert_eq!(c(".jixiao/cache"), None);
    }
}
