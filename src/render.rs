//! Tera rendering. STUB.

use crate::diagnostics::Diagnostics;
use crate::output::OutputFile;
use crate::site::Site;
use std::path::Path;

/// Renders every page of the site.
pub fn render(site: &Site, root: &Path) -> Result<Vec<OutputFile>, Diagnostics> {
    let _ = (site, root);
    Ok(Vec::new())
}
