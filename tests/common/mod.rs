//! Helpers shared by the integration tests (each `tests/*.rs` that needs them says `mod common;`).

use std::path::Path;

/// Copies the folder `from` into `to` (created if missing), files and subfolders.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
