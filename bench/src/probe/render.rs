//! Times the render stage alone, several times in one process: load, site and data once, then
//! `render::render_with` `runs` times into a fresh staging folder, printing wall and CPU time
//! (user + sys of the whole process during the call) and the files staged. With
//! `--no-compare`, without comparisons, indicator pages and charts ([`jixiao::site::Site::comparisons`]).

use std::path::Path;
use std::time::Instant;

/// Renders the site at `root` into `out` `runs` times; `comparisons` as the build's option.
pub(crate) fn run(root: &Path, out: &Path, runs: usize, comparisons: bool) -> Result<(), String> {
    let content = super::load(root)?;
    let mut site = jixiao::site::Site::new(&content, false);
    site.with_comparisons = comparisons;
    let staging = |out: &Path| {
        let _ = std::fs::remove_dir_all(out);
        jixiao::output::Staging::open(out, false).map_err(|d| format!("staging in {}: {d:?}", out.display()))
    };
    let downloads = jixiao::data::publish(&site, &staging(out)?).map_err(|d| format!("data: {d}"))?;
    let snapshots = Vec::new();
    let options = jixiao::render::RenderOptions { archive: Some(&snapshots[..]), downloads: Some(&downloads), ..Default::default() };
    let mut walls = Vec::new();
    for run in 0..runs {
        let staging = staging(out)?;
        let cpu0 = super::cpu();
        let t = Instant::now();
        jixiao::render::render_with(&site, root, &staging, &options).map_err(|d| format!("render: {d}"))?;
        let wall = t.elapsed().as_secs_f64();
        println!("run {run}: render {wall:.3} s wall, {:.2} s CPU (user + sys), {} files", super::cpu() - cpu0, staging.len());
        walls.push(wall);
    }
    let _ = std::fs::remove_dir_all(out);
    walls.sort_by(f64::total_cmp);
    println!("median render {:.3} s (min {:.3})", walls[walls.len() / 2], walls[0]);
    Ok(())
}
