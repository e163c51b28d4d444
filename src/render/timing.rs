//! Where render time goes, per page kind (`jixiao build --timings`): for each kind of page, how
//! many were rendered and the time (wall clock on the rendering thread) spent building the
//! context, adding comparisons and charts ([`crate::compare::Extras`]), in Tera, and handing
//! the files to the output. A render gathers them only when its [`super::RenderOptions`] hold a
//! [`RenderTimes`]; otherwise a page costs one check.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The parts of a page's render, in order.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Phase {
    Context = 0,
    Extras = 1,
    Tera = 2,
    Files = 3,
}

/// Collects the per-kind render times of the pages rendered with it, across threads.
#[derive(Debug, Default)]
pub struct RenderTimes {
    /// By page kind: pages, then nanoseconds per [`Phase`].
    totals: Mutex<BTreeMap<&'static str, (u64, [u64; 4])>>,
}

/// The pages of one kind and the thread time their render took, by part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindTimes {
    /// Page kind (`report`, `department`, `indicator`, …): the template's page kind.
    pub kind: &'static str,
    /// Pages rendered.
    pub pages: u64,
    /// Building the page's Tera context.
    pub context: Duration,
    /// Adding comparisons and charts to it.
    pub extras: Duration,
    /// Rendering the template.
    pub tera: Duration,
    /// Handing the page and its chart files to the output.
    pub files: Duration,
}

impl RenderTimes {
    /// The totals so far, one entry per page kind, ordered by kind name.
    pub fn kinds(&self) -> Vec<KindTimes> {
        let totals = self.totals.lock().unwrap_or_else(|e| e.into_inner());
        totals
            .iter()
            .map(|(&kind, &(pages, [context, extras, tera, files]))| KindTimes {
                kind,
                pages,
                context: Duration::from_nanos(context),
                extras: Duration::from_nanos(extras),
                tera: Duration::from_nanos(tera),
                files: Duration::from_nanos(files),
            })
            .collect()
    }
}

/// Times the phases of one page (nothing without a [`RenderTimes`]); adds them to its totals
/// when dropped.
pub(crate) struct Clock<'a> {
    kind: &'static str,
    to: Option<(&'a RenderTimes, Instant)>,
    nanos: [u64; 4],
}

impl<'a> Clock<'a> {
    /// For a page of the kind named `kind` ([`super::Kind::name`]), adding to `to` if any.
    pub(crate) fn start(kind: &'static str, to: Option<&'a RenderTimes>) -> Clock<'a> {
        Clock { kind, to: to.map(|t| (t, Instant::now())), nanos: [0; 4] }
    }

    /// Ends `phase`: the time since the previous lap goes to it.
    pub(crate) fn lap(&mut self, phase: Phase) {
        if let Some((_, last)) = &mut self.to {
            let now = Instant::now();
            self.nanos[phase as usize] += (now - *last).as_nanos() as u64;
            *last = now;
        }
    }
}

impl Drop for Clock<'_> {
    fn drop(&mut self) {
        if let Some((times, _)) = self.to {
            let mut totals = times.totals.lock().unwrap_or_else(|e| e.into_inner());
            let (pages, nanos) = totals.entry(self.kind).or_default();
            *pages += 1;
            for (total, n) in nanos.iter_mut().zip(self.nanos) {
                *total += n;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_add_up_by_kind_and_nothing_is_gathered_without_times() {
        let times = RenderTimes::default();
        for kind in ["report", "report", "department"] {
            let mut clock = Clock::start(kind, Some(&times));
            std::thread::sleep(Duration::from_millis(1));
            clock.lap(Phase::Tera);
        }
        drop(Clock::start("report", None));
        let kinds = times.kinds();
        assert_eq!(kinds.iter().map(|k| (k.kind, k.pages)).collect::<Vec<_>>(), [("department", 1), ("report", 2)]);
        assert!(kinds[1].tera >= Duration::from_millis(2), "{:?}", kinds[1]);
        assert_eq!(kinds[1].context, Duration::ZERO);
    }
}
