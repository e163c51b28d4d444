//! Where render time goes, per page kind: `JIXIAO_RENDER_TIMING=1 jixiao build` prints, for
//! each kind of page, how many were rendered and the time (wall clock on the rendering thread)
//! spent building the context, adding comparisons and charts ([`crate::compare::Extras`]), in
//! Tera, and handing the files to the output. Off by default: then a page costs one check.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

/// The environment variable that turns the figures on.
pub const ENV: &str = "JIXIAO_RENDER_TIMING";

/// The parts of a page's render, in order.
#[derive(Debug, Clone, Copy)]
pub enum Phase {
    Context = 0,
    Extras = 1,
    Tera = 2,
    Files = 3,
}

const PHASES: [&str; 4] = ["context", "comparisons+charts", "tera", "files"];

/// By page kind: pages, then nanoseconds per phase.
static TOTALS: Mutex<BTreeMap<&'static str, (u64, [u64; 4])>> = Mutex::new(BTreeMap::new());

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os(ENV).is_some_and(|v| !v.is_empty() && v != "0"))
}

/// Times the phases of one page (nothing when the figures are off); adds them to the totals
/// when dropped.
pub struct Clock {
    kind: &'static str,
    last: Option<Instant>,
    nanos: [u64; 4],
}

impl Clock {
    /// For a page of the kind named `kind` ([`super::Kind::name`]).
    pub fn start(kind: &'static str) -> Clock {
        Clock { kind, last: enabled().then(Instant::now), nanos: [0; 4] }
    }

    /// Ends `phase`: the time since the previous lap goes to it.
    pub fn lap(&mut self, phase: Phase) {
        if let Some(last) = self.last {
            let now = Instant::now();
            self.nanos[phase as usize] += (now - last).as_nanos() as u64;
            self.last = Some(now);
        }
    }
}

impl Drop for Clock {
    fn drop(&mut self) {
        if self.last.is_some() {
            let mut totals = TOTALS.lock().unwrap_or_else(|e| e.into_inner());
            let (pages, nanos) = totals.entry(self.kind).or_default();
            *pages += 1;
            for (total, n) in nanos.iter_mut().zip(self.nanos) {
                *total += n;
            }
        }
    }
}

/// Prints the figures gathered since the last call to stderr and resets them.
pub fn report() {
    if !enabled() {
        return;
    }
    let totals = std::mem::take(&mut *TOTALS.lock().unwrap_or_else(|e| e.into_inner()));
    eprintln!("render timing (thread time per page, µs): kind pages | {}", PHASES.join(" | "));
    for (kind, (pages, nanos)) in totals {
        let parts: Vec<String> =
            nanos.iter().map(|&n| format!("{:.1} (total {:.2} s)", n as f64 / pages as f64 / 1e3, n as f64 / 1e9)).collect();
        eprintln!("  {kind:<10} {pages:>7} | {}", parts.join(" | "));
    }
}
