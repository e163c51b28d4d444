//! Whether a target (绩效目标) or a self-evaluation indicator (绩效指标) is met, and whether the
//! publisher's own verdict (`met:`) agrees: the one rule behind the report page's status column,
//! `check` (J301, J405), comparisons, charts and open data.
//!
//! The rule compares the result **as written** against the target as written with the target's
//! operator: a target is met or not by the values the department states, not by the ranges they
//! round from (a result of 89.99 against ≥ 90 is not met, even though a rounded 90 could be).

use crate::model::{Direction, Operator, Outcome, TargetValue};
use serde::Serialize;

/// Jixiao's status of a target or indicator, from its operator and values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The measured value satisfies the numeric target.
    Met,
    /// The measured value does not satisfy the numeric target.
    NotMet,
    /// No numeric target or no numeric result: only the publisher can judge.
    Qualitative,
    /// No result published, or a numeric target whose comparison is not stated.
    Unknown,
}

/// A target or indicator judged: its status, the comparison used and the publisher's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetJudgement {
    /// Jixiao's status.
    pub status: Status,
    /// The comparison used and shown: the written operator, or `≥`/`≤` implied by the direction
    /// (more or less is better); `None` without a numeric target.
    pub op: Option<&'static str>,
    /// The publisher's own verdict (`result.met` / `actual.met`).
    pub verdict: Option<bool>,
    /// Whether the publisher's verdict agrees with [`Self::status`], when both are yes/no:
    /// `Some(false)` is a stated verdict the figures contradict (`check` J301).
    pub agrees: Option<bool>,
}

impl TargetJudgement {
    /// Missed by the figures or by the publisher's own word: what needs a deviation reason.
    pub fn missed(&self) -> bool {
        self.status == Status::NotMet || self.verdict == Some(false)
    }
}

/// Judges a target against an outcome:
///
/// - met / not met: a numeric target (operator and value; without an operator, `direction`
///   implies ≥ or ≤) and a numeric result, compared as written;
/// - unknown: no result at all, or a numeric target whose comparison cannot be told;
/// - qualitative: otherwise (no numeric target, or a result stated only in words).
pub fn target(target: Option<&TargetValue>, direction: Option<Direction>, result: Option<&Outcome>) -> TargetJudgement {
    let has_result = result.is_some_and(|r| r.value.is_some() || r.text.is_some() || r.met.is_some());
    let value = target.and_then(|t| t.value.as_ref());
    let op = target.and_then(|t| t.op).or(match (value, direction) {
        (Some(_), Some(Direction::Higher)) => Some(Operator::AtLeast),
        (Some(_), Some(Direction::Lower)) => Some(Operator::AtMost),
        _ => None,
    });
    let shown = op.filter(|_| value.is_some()).map(Operator::symbol);
    let actual = result.and_then(|r| r.value.as_ref());
    let (status, shown) = match (has_result, op, value, actual) {
        (false, ..) => (Status::Unknown, shown),
        (true, Some(op), Some(v), Some(a)) => (if op.is_met(a.value(), v.value()) { Status::Met } else { Status::NotMet }, shown),
        (true, None, Some(_), Some(_)) => (Status::Unknown, None),
        _ => (Status::Qualitative, shown),
    };
    let verdict = result.and_then(|r| r.met);
    let agrees = match (status, verdict) {
        (Status::Met, Some(v)) => Some(v),
        (Status::NotMet, Some(v)) => Some(!v),
        _ => None,
    };
    TargetJudgement { status, op: shown, verdict, agrees }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Figure;

    fn fig(s: &str) -> Figure {
        Figure::parse(s).unwrap()
    }

    fn tv(op: Option<Operator>, value: Option<&str>, text: Option<&str>) -> TargetValue {
        TargetValue { op, value: value.map(fig), text: text.map(String::from) }
    }

    fn out(value: Option<&str>, text: Option<&str>, met: Option<bool>) -> Outcome {
        Outcome { value: value.map(fig), text: text.map(String::from), met }
    }

    fn status(t: Option<&TargetValue>, d: Option<Direction>, r: Option<&Outcome>) -> (Status, Option<&'static str>) {
        let j = target(t, d, r);
        (j.status, j.op)
    }

    #[test]
    fn numeric_targets_are_met_or_not_as_written() {
        let t = tv(Some(Operator::AtLeast), Some("90"), None);
        assert_eq!(status(Some(&t), None, Some(&out(Some("97"), None, None))).0, Status::Met);
        assert_eq!(status(Some(&t), None, Some(&out(Some("90"), None, None))).0, Status::Met);
        assert_eq!(status(Some(&t), None, Some(&out(Some("89.99"), None, None))).0, Status::NotMet);
        let t = tv(Some(Operator::MoreThan), Some("90"), None);
        assert_eq!(status(Some(&t), None, Some(&out(Some("90.00"), None, None))).0, Status::NotMet);
        let t = tv(Some(Operator::Equal), Some("100"), None);
        assert_eq!(status(Some(&t), None, Some(&out(Some("100.00"), None, None))).0, Status::Met);
        let t = tv(Some(Operator::AtMost), Some("0"), None);
        assert_eq!(status(Some(&t), None, Some(&out(Some("1"), None, None))), (Status::NotMet, Some("≤")));
    }

    #[test]
    fn direction_implies_the_operator() {
        let t = tv(None, Some("98"), None);
        let r = out(Some("99.98"), None, None);
        assert_eq!(status(Some(&t), Some(Direction::Higher), Some(&r)), (Status::Met, Some("≥")));
        assert_eq!(status(Some(&t), Some(Direction::Lower), Some(&r)), (Status::NotMet, Some("≤")));
        assert_eq!(status(Some(&t), None, Some(&r)), (Status::Unknown, None));
    }

    #[test]
    fn words_only_are_qualitative_and_nothing_is_unknown() {
        let t = tv(None, None, Some("提升"));
        assert_eq!(status(Some(&t), None, Some(&out(None, Some("得到提升"), Some(true)))).0, Status::Qualitative);
        // Numeric target, result only in words.
        let t = tv(Some(Operator::Equal), Some("100"), None);
        assert_eq!(status(Some(&t), None, Some(&out(None, Some("审核完成"), None))).0, Status::Qualitative);
        assert_eq!(status(Some(&t), None, None).0, Status::Unknown);
        assert_eq!(status(None, None, None).0, Status::Unknown);
        assert_eq!(status(None, None, Some(&out(Some("3"), None, None))).0, Status::Qualitative);
    }

    #[test]
    fn verdicts_agree_or_not() {
        let t = tv(Some(Operator::AtLeast), Some("90"), None);
        let judged = |v: &str, met: Option<bool>| target(Some(&t), None, Some(&out(Some(v), None, met)));
        assert_eq!(judged("95", Some(true)).agrees, Some(true));
        assert_eq!(judged("85", Some(true)).agrees, Some(false));
        assert_eq!(judged("85", Some(false)).agrees, Some(true));
        assert_eq!(judged("95", None).agrees, None);
        assert!(judged("85", None).missed() && judged("95", Some(false)).missed() && !judged("95", Some(true)).missed());
        let q = target(Some(&tv(None, None, Some("提升"))), None, Some(&out(None, Some("得到提升"), Some(true))));
        assert_eq!(q.agrees, None);
    }
}
