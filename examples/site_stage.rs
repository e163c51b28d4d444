//! Times `Site::new` alone (the derived site `jixiao serve` builds again on every edit), as the
//! average of 100 runs on content loaded once.
//!
//! `cargo build --release --example site_stage`
//! `RAYON_NUM_THREADS=1 target/release/examples/site_stage /dev/shm/corpus-1k`

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: site_stage ROOT"));
    let content = jixiao::load::load(&root).unwrap_or_else(|d| panic!("load: {d:?}"));
    let t = std::time::Instant::now();
    for _ in 0..100 {
        drop(jixiao::site::Site::new(&content, false));
    }
    println!("Site::new (and drop), average of 100 runs: {:?}", t.elapsed() / 100);
}
