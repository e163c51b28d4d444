//! Times what a department's comparison costs, one department at a time on one thread (as the
//! render stage holds them):
//! `DepartmentComparison::new`, turning it into the Tera value its pages get
//! (`tera::Value::from_serializable`, as `compare::DepartmentValues` does), dropping both,
//! and the indicator pages' search texts (`search::records::department_indicator_texts`,
//! which makes the comparison again). Issue 4's render and search stages pay these once per
//! department each.

use jixiao::site::compare::{DepartmentComparison, Labels};
use std::path::Path;
use std::time::{Duration, Instant};

/// Runs `f`, returning its result and wall time.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed())
}

/// Times the comparisons of the site at `root`, `runs` times.
pub(crate) fn run(root: &Path, runs: usize) -> Result<(), String> {
    let content = super::load(root)?;
    let site = jixiao::site::Site::new(&content, false);
    let labels = Labels::default();
    let n = site.departments.len();
    let per = |d: Duration| d.as_secs_f64() * 1e6 / n as f64;
    for run in 0..runs {
        // One department at a time, as the render stage holds them.
        let (mut t_new, mut t_value, mut t_drop_value, mut t_drop) = (Duration::ZERO, Duration::ZERO, Duration::ZERO, Duration::ZERO);
        for d in 0..n {
            let (comparison, a) = timed(|| DepartmentComparison::new(&site, d, &labels));
            let (value, b) = timed(|| tera::Value::from_serializable(&comparison));
            let ((), c) = timed(|| drop(value));
            let ((), e) = timed(|| drop(comparison));
            (t_new, t_value, t_drop_value, t_drop) = (t_new + a, t_value + b, t_drop_value + c, t_drop + e);
        }
        let (texts, t_texts) = timed(|| (0..n).map(|d| jixiao::search::records::department_indicator_texts(&site, d).len()).sum::<usize>());
        println!(
            "run {run}: {n} departments, µs each: comparison {:.0}, Tera value {:.0}, drop value {:.0}, drop comparison {:.0}; indicator texts {:.0} ({texts} pages)",
            per(t_new),
            per(t_value),
            per(t_drop_value),
            per(t_drop),
            per(t_texts)
        );
    }
    Ok(())
}
