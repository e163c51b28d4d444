//! Where render time goes, per page kind: `JIXIAO_RENDER_TIMING=1 jixiao build` prints, for
//! each kind of page, how many were rendered and the CPU time their threads spent building the
//! context, adding comparisons and charts ([`crate::compare::Extras`]), in Tera, and handing
//! the files to the output. Off by default: then a page costs one relaxed load more.

use super::Kind;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// The environment variable that turns the figures on.
pub const ENV: &str = "JIXIAO_RENDER_TIMING";

/// Names of the page kinds, by [`Kind::index`].
pub const KINDS: [&str; 10] = ["home", "report", "department", "year", "page", "404", "sitemap", "archive", "indicator", "search"];

/// The parts of a page's render, in order.
#[derive(Debug, Clone, Copy)]
pub enum Phase {
    Context = 0,
    Extras = 1,
    Tera = 2,
    Files = 3,
}

const PHASES: [&str; 4] = ["context", "comparisons+charts", "tera", "files"];

static NANOS: [[AtomicU64; 4]; KINDS.len()] = [const { [const { AtomicU64::new(0) }; 4] }; KINDS.len()];
static PAGES: [AtomicU64; KINDS.len()] = [const { AtomicU64::new(0) }; KINDS.len()];

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os(ENV).is_some_and(|v| !v.is_empty() && v != "0"))
}

/// Times the phases of one page (nothing when the figures are off).
pub struct Clock {
    kind: usize,
    last: Option<Instant>,
}

impl Clock {
    pub fn start(kind: Kind) -> Clock {
        let kind = kind.index();
        if enabled() {
            PAGES[kind].fetch_add(1, Ordering::Relaxed);
        }
        Clock { kind, last: enabled().then(Instant::now) }
    }

    /// Ends `phase`: the time since the previous lap goes to it.
    pub fn lap(&mut self, phase: Phase) {
        if let Some(last) = self.last {
            let now = Instant::now();
            NANOS[self.kind][phase as usize].fetch_add((now - last).as_nanos() as u64, Ordering::Relaxed);
            self.last = Some(now);
        }
    }
}

/// Prints the figures gathered since the last call to stderr and resets them.
pub fn report() {
    if !enabled() {
        return;
    }
    eprintln!("render timing (thread time per page, µs): kind pages | {}", PHASES.join(" | "));
    for (k, name) in KINDS.iter().enumerate() {
        let pages = PAGES[k].swap(0, Ordering::Relaxed);
        if pages == 0 {
            continue;
        }
        let parts: Vec<String> = NANOS[k]
            .iter()
            .map(|n| {
                let total = n.swap(0, Ordering::Relaxed) as f64;
                format!("{:.1} (total {:.2} s)", total / pages as f64 / 1e3, total / 1e9)
            })
            .collect();
        eprintln!("  {name:<10} {pages:>7} | {}", parts.join(" | "));
    }
}
