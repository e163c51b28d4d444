//! Writes the rendered site: nothing until everything rendered, then only changed files.
//!
//! STUB: to be implemented.

use crate::diagnostics::Diagnostic;
use std::path::Path;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated, e.g. `huangpu/2022/index.html`.
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// What [`write`] changed.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteStats {
    /// Files written because new or changed.
    pub written: usize,
    /// Stale files from an earlier build removed.
    pub removed: usize,
}

/// Writes `files` into `dir`.
pub fn write(dir: &Path, files: &[OutputFile], force: bool) -> Result<WriteStats, Diagnostic> {
    let _ = (dir, files, force);
    todo!("output")
}
