//! Stage probes: each times one stage of a build (or a floor under it) on its own, several
//! times in one process, on content loaded once. `jixiao-bench probe <stage> --root CORPUS`.

pub mod compare;
pub mod index;
pub mod index_floor;
pub mod render;
pub mod site;

use std::path::Path;

/// Loads the site root `root` (a `jixiao-bench generate` corpus, or any site), or says why not.
pub fn load(root: &Path) -> Result<jixiao::load::Content, String> {
    jixiao::load::load(root).map_err(|d| format!("{} does not load:\n{d}", root.display()))
}

/// User + sys CPU seconds of this process so far.
pub fn cpu() -> f64 {
    jixiao::process_cpu_time().as_secs_f64()
}
