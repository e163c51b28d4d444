//! The derived judgements about published figures, each computed in one place: whether a stated
//! execution rate (or any stated share) is consistent with the amounts it is computed from,
//! whether parts add up to their total or surely exceed it, whether two statements of one figure
//! agree, and whether a target is met ([`target`]).
//!
//! Published figures are rounded, so every judgement uses [`Interval`] arithmetic over the
//! written decimals: executed 120 and total 130 (whole 万元) give a rate anywhere from 91.57 to
//! 93.05, so a stated 92.5 is consistent even though 120 ÷ 130 × 100 shows as 92.31. The report
//! page's flag, its published notice, `check`, comparisons, charts, search text and open data all
//! read these results, so a page never calls a figure wrong that `check` accepts, or the reverse.
//!
//! Whether a target is met is judged by [`target`]'s single rule, which compares the figures as
//! written (a target is met or not by its stated values, not their ranges).
//!
//! `check`'s rules J101–J108, J201/J202/J204, J301/J303 and J401–J405 and the report views of
//! `site` (page, comparisons, charts, open data) call these functions rather than testing
//! intervals or comparing a target themselves.

mod interval;
mod target;

pub use interval::Interval;
pub use target::{Status, TargetJudgement, target};

use crate::model::Figure;
use serde::Serialize;

/// An execution rate (执行率): executed ÷ budget × 100, set against the rate as published.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateJudgement {
    /// As published, in percent.
    pub reported: Option<Figure>,
    /// 执行数 ÷ 全年预算数 × 100 shown with the reported rate's decimals (2 when none is
    /// reported); `None` when an amount is missing or the budget is zero.
    pub computed: Option<Figure>,
    /// Every value the rate may have, given the rounding of the two amounts.
    #[serde(skip)]
    pub range: Option<Interval>,
    /// Both known and no value within the rounding of the reported rate lies in [`Self::range`]:
    /// the published rate cannot be right. `false` when either is unknown.
    pub differs: bool,
}

/// Judges an execution rate: `executed ÷ budget × 100` against the `reported` rate, each amount
/// standing for the values its written decimals round from.
pub fn execution_rate(executed: Option<&Figure>, budget: Option<&Figure>, reported: Option<&Figure>) -> RateJudgement {
    percentage(executed, budget, reported)
}

/// Judges a stated share in percent (执行率, 覆盖率 …): `part ÷ whole × 100` against `reported`,
/// each amount standing for the values its written decimals round from.
pub fn percentage(part: Option<&Figure>, whole: Option<&Figure>, reported: Option<&Figure>) -> RateJudgement {
    let (executed, budget) = (part, whole);
    let amounts = executed.zip(budget).filter(|(e, b)| b.value() != 0.0 && e.value().is_finite() && b.value().is_finite());
    let computed = amounts.map(|(e, b)| Figure::computed(e.value() / b.value() * 100.0, reported.map_or(2, Figure::decimals)));
    let range = amounts.and_then(|(e, b)| Interval::of(e).over(Interval::of(b))).map(|q| q.scale(100.0));
    let differs = match (range, reported) {
        (Some(q), Some(r)) => !q.overlaps(Interval::of(r)),
        _ => false,
    };
    RateJudgement { reported: reported.cloned(), computed, range, differs }
}

/// Whether parts may add up to `total`: their sum's range meets the total's.
pub fn adds_up(parts: impl IntoIterator<Item = Interval>, total: Interval) -> bool {
    Interval::sum(parts).overlaps(total)
}

/// Whether `amount` surely exceeds `limit`: no values they may stand for make it less or equal
/// (a part above its whole, a later stage of a pipeline above an earlier one, a score above its
/// weight).
pub fn exceeds(amount: Interval, limit: Interval) -> bool {
    amount.surely_above(limit)
}

/// Whether two statements of one figure may be the same value at their written precision.
pub fn agree(a: &Figure, b: &Figure) -> bool {
    agree_in(Interval::of(a), Interval::of(b))
}

/// [`agree`] for figures read as intervals another way (whole points exact: [`Interval::of_points`]).
pub fn agree_in(a: Interval, b: Interval) -> bool {
    a.overlaps(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(s: &str) -> Figure {
        Figure::parse(s).unwrap()
    }

    fn rate(e: &str, b: &str, r: &str) -> RateJudgement {
        execution_rate(Some(&fig(e)), Some(&fig(b)), Some(&fig(r)))
    }

    #[test]
    fn a_rate_is_judged_over_the_rounding_of_its_amounts() {
        // 120 / 130: 91.57… to 93.05…; a stated 92.5 stands for 92.45–92.55.
        assert!(!rate("120", "130", "92.5").differs);
        assert!(!rate("120", "130", "92.3").differs);
        // The edges: 93.1 stands for 93.05–93.15 and 120.5 ÷ 129.5 is 93.0502…; 91.6 for
        // 91.55–91.65 and 119.5 ÷ 130.5 is 91.5708….
        assert!(!rate("120", "130", "93.1").differs);
        assert!(rate("120", "130", "93.2").differs);
        assert!(!rate("120", "130", "91.6").differs);
        assert!(rate("120", "130", "91.5").differs);
        assert_eq!(rate("120", "130", "92.5").computed.unwrap().as_written(), "92.3");
        assert!(!rate("7907.98", "8334.69", "94.88").differs);
        assert!(rate("7907.98", "8334.69", "94.87").differs);
        assert!(rate("7907.98", "8334.69", "94.89").differs);
        assert!(rate("50", "100", "60.00").differs);
    }

    #[test]
    fn a_rate_without_its_inputs_is_not_judged() {
        let r = execution_rate(Some(&fig("50")), Some(&fig("0")), Some(&fig("1")));
        assert!(r.computed.is_none() && !r.differs);
        let r = execution_rate(Some(&fig("1")), Some(&fig("3")), None);
        assert_eq!(r.computed.unwrap().as_written(), "33.33");
        assert!(!r.differs);
        assert!(!execution_rate(None, Some(&fig("3")), Some(&fig("1"))).differs);
    }

    #[test]
    fn parts_and_restatements() {
        assert!(adds_up([Interval::of(&fig("3634.3")), Interval::of(&fig("4273.68"))], Interval::of(&fig("7907.98"))));
        assert!(!adds_up([Interval::of(&fig("7900.00")), Interval::of(&fig("150.00"))], Interval::of(&fig("8000.00"))));
        assert!(agree(&fig("8334.69"), &fig("8334.7")));
        assert!(!agree(&fig("8100.00"), &fig("8000.00")));
        // 101 may be 100.5, and 100 may be 100.5: the edge; 102 is surely more.
        assert!(exceeds(Interval::of(&fig("102")), Interval::of(&fig("100"))));
        assert!(!exceeds(Interval::of(&fig("101")), Interval::of(&fig("100"))));
        assert!(exceeds(Interval::of(&fig("100.6")), Interval::of(&fig("100"))));
        assert!(!exceeds(Interval::of(&fig("100.5")), Interval::of(&fig("100"))), "100.5 may be 100.45, and 100 may be 100.49");
        assert!(!exceeds(Interval::of(&fig("100")), Interval::of(&fig("100"))));
    }

    #[test]
    fn a_stated_share_is_judged_like_a_rate() {
        // 覆盖率: 30 of 40 (whole 万元) is 29.5 ÷ 40.5 = 72.839… to 30.5 ÷ 39.5 = 77.215…
        let share = |s: &str| percentage(Some(&fig("30")), Some(&fig("40")), Some(&fig(s)));
        assert!(!share("75.0").differs && !share("77.2").differs && !share("72.8").differs);
        assert!(share("77.3").differs && share("72.7").differs);
        assert_eq!(share("80.0").computed.unwrap().as_written(), "75.0");
    }
}
