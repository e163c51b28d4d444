use serde::{Deserialize, Serialize};

/// Front matter of a free page `content/pages/<slug>.md`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    /// Page title.
    pub title: String,
    /// Short description for the page list and metadata.
    pub description: Option<String>,
    /// Position in navigation; lower comes first, then by slug.
    pub order: Option<i64>,
    /// A draft page is built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
}

/// A free page: its slug (file name), front matter and Markdown body.
#[derive(Debug, Clone, Serialize)]
pub struct FreePage {
    /// File name without `.md`; the page lives at `/pages/<slug>/`.
    pub slug: String,
    /// Front matter.
    pub meta: PageMeta,
    /// Markdown body.
    pub body: String,
}
