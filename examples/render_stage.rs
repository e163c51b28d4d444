//! Times the render stage alone, several times in one process: load, site and data once, then
//! `render::render_with` N times into a fresh staging folder, printing wall and CPU time
//! (user + sys of the whole process during the call) and the files staged.
//!
//! `cargo build --release --example render_stage`
//! `target/release/examples/render_stage /dev/shm/corpus-1k /dev/shm/render-stage-out 5`
//! `JIXIAO_NO_COMPARE=1 target/release/examples/render_stage …` (without comparisons and charts)

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = PathBuf::from(args.get(1).expect("usage: render_stage ROOT OUT [RUNS]"));
    let out = PathBuf::from(args.get(2).expect("usage: render_stage ROOT OUT [RUNS]"));
    let runs: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(3);
    let content = jixiao::load::load(&root).unwrap_or_else(|d| panic!("load: {d:?}"));
    let site = jixiao::site::Site::new(&content, false);
    let _ = std::fs::remove_dir_all(&out);
    let staging = jixiao::output::Staging::open(&out, false).expect("staging");
    let downloads = jixiao::data::publish(&site, &staging).unwrap_or_else(|d| panic!("data: {d:?}"));
    drop(staging);
    let snapshots = Vec::new();
    let options = jixiao::render::RenderOptions { snapshot: None, archive: Some(&snapshots[..]), downloads: Some(&downloads), notices: None };
    let mut walls = Vec::new();
    for run in 0..runs {
        let _ = std::fs::remove_dir_all(&out);
        let staging = jixiao::output::Staging::open(&out, false).expect("staging");
        let cpu0 = jixiao::process_cpu_time();
        let t = Instant::now();
        jixiao::render::render_with(&site, &root, &staging, &options).unwrap_or_else(|d| panic!("render: {d:?}"));
        let wall = t.elapsed().as_secs_f64();
        let cpu = jixiao::process_cpu_time() - cpu0;
        println!(
            "run {run}: render {wall:.3} s wall, {:.2} s CPU (user + sys), {} files",
            cpu.as_secs_f64(),
            staging.len()
        );
        walls.push(wall);
        drop(staging);
    }
    walls.sort_by(f64::total_cmp);
    println!("median render {:.3} s (min {:.3})", walls[walls.len() / 2], walls[0]);
}
