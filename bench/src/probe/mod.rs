//! Stage probes: each times one stage of a build (or a floor under it) on its own, several
//! times in one process, on content loaded once. `jixiao-bench probe <stage> --root CORPUS`.

pub(crate) mod compare;
pub(crate) mod index;
pub(crate) mod index_floor;
pub(crate) mod render;
pub(crate) mod search;
pub(crate) mod site;

use std::path::Path;

/// Loads the site root `root` (a `jixiao-bench generate` corpus, or any site), or says why not.
pub(crate) fn load(root: &Path) -> Result<jixiao::load::Content, String> {
    jixiao::load::load(root).map_err(|d| format!("{} does not load:\n{d}", root.display()))
}

/// User + sys CPU seconds of this process so far.
pub(crate) fn cpu() -> f64 {
    jixiao::process_cpu_time().as_secs_f64()
}
