//! Times `Site::new` alone (the derived site `jixiao serve` builds again on every edit), as the
//! average of `runs` runs on content loaded once. Run with `RAYON_NUM_THREADS=1` for the figure
//! a busy machine disturbs least.

use std::path::Path;
use std::time::Instant;

/// Prints the average time of `Site::new` (and its drop) over `runs` runs.
pub(crate) fn run(root: &Path, runs: usize) -> Result<(), String> {
    let content = super::load(root)?;
    let t = Instant::now();
    for _ in 0..runs {
        drop(jixiao::site::Site::new(&content, false));
    }
    println!("Site::new (and drop), average of {runs} runs: {:?}", t.elapsed() / runs as u32);
    Ok(())
}
