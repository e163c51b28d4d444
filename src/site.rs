//! The derived site: departments, years, computed figures. STUB.

use crate::load::Content;

/// The site to render.
pub struct Site<'c> {
    /// The loaded content.
    pub content: &'c Content,
    /// Whether drafts are included.
    pub drafts: bool,
}

impl<'c> Site<'c> {
    /// Derives the site from loaded content.
    pub fn new(content: &'c Content, drafts: bool) -> Self {
        Site { content, drafts }
    }

    /// Number of reports published.
    pub fn report_count(&self) -> usize {
        0
    }
}
