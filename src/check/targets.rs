//! J3xx: targets and their results: the publisher's verdict against the operator, results
//! that only restate the target, percentages outside 0–100 where that is impossible.

use super::at::At;
use super::{Ctx, Interval, J301, J302, J303, fig, iv};
use crate::messages::check as msg;
use crate::model::{Direction, Figure, Outcome, Report, TargetValue};
use crate::judge::{self, Status};

pub(super) fn check(c: &mut Ctx, r: &Report) {
    for (i, t) in r.targets.iter().enumerate() {
        let p = At::Target(i);
        verdict(c, &p, "result", t.target.as_ref(), t.direction, t.result.as_ref(), t.unit.as_deref());
        if let Some(res) = &t.result {
            restated(c, || format!("{p}.result.text"), &[Some(t.name.as_str()), t.target.as_ref().and_then(|x| x.text.as_deref())], res);
        }
        let label = t.measure.as_deref().unwrap_or(&t.name);
        if let Some(v) = t.target.as_ref().and_then(|x| x.value.as_ref()) {
            percent(c, || format!("{p}.target.value"), label, t.unit.as_deref(), v);
        }
        if let Some(v) = t.result.as_ref().and_then(|x| x.value.as_ref()) {
            percent(c, || format!("{p}.result.value"), label, t.unit.as_deref(), v);
        }
    }
    for (i, t) in r.evaluation_tables.iter().enumerate() {
        for (j, ind) in t.indicators.iter().enumerate() {
            let p = At::Indicator(i, j);
            verdict(c, &p, "actual", ind.target.as_ref(), ind.direction, ind.actual.as_ref(), ind.unit.as_deref());
            if let Some(v) = ind.target.as_ref().and_then(|x| x.value.as_ref()) {
                percent(c, || format!("{p}.target.value"), &ind.name, ind.unit.as_deref(), v);
            }
            if let Some(v) = ind.actual.as_ref().and_then(|x| x.value.as_ref()) {
                percent(c, || format!("{p}.actual.value"), &ind.name, ind.unit.as_deref(), v);
            }
        }
        for (j, row) in t.funds.iter().enumerate() {
            if let Some(v) = &row.rate {
                percent(c, || format!("evaluation_tables[{i}].funds[{j}].rate"), msg::EXECUTION_RATE, Some("%"), v);
            }
        }
    }
    for (i, a) in r.achievements.iter().enumerate() {
        fn walk(c: &mut Ctx, path: String, figures: &[crate::model::KeyFigure], parent: Option<&str>) {
            for (k, f) in figures.iter().enumerate() {
                let unit = f.unit.as_deref().or(parent);
                if let Some(v) = &f.value {
                    percent(c, || format!("{path}[{k}].value"), &f.label, unit, v);
                }
                if !f.parts.is_empty() {
                    walk(c, format!("{path}[{k}].parts"), &f.parts, unit);
                }
            }
        }
        walk(c, format!("achievements[{i}].figures"), &a.figures, None);
    }
    if let Some(v) = &r.budget.execution_rate {
        percent(c, || "budget.execution_rate".into(), msg::EXECUTION_RATE, Some("%"), v);
    }
    if let Some(v) = r.performance.as_ref().and_then(|p| p.covered_share.as_ref()) {
        percent(c, || "performance.covered_share".into(), msg::COVERED_SHARE, Some("%"), v);
    }
}

/// J301: the publisher's own verdict (`met`) agrees with [`judge::target`]'s status, the one the
/// report page and open data show.
fn verdict(
    c: &mut Ctx,
    path: &dyn std::fmt::Display,
    key: &str,
    target: Option<&TargetValue>,
    direction: Option<Direction>,
    result: Option<&Outcome>,
    unit: Option<&str>,
) {
    let judged = judge::target(target, direction, result);
    let (Some(false), Some(said)) = (judged.agrees, judged.verdict) else { return };
    let computed = judged.status == Status::Met;
    let op = judged.op;
    let (Some(tv), Some(av)) = (target.and_then(|t| t.value.as_ref()), result.and_then(|o| o.value.as_ref())) else { return };
    let op = op.unwrap_or("?");
    let figures = vec![fig(format!("{path}.target.value"), msg::TARGET, tv), fig(format!("{path}.{key}.value"), msg::RESULT, av)];
    let arithmetic = msg::verdict_arithmetic(av.as_written(), op, tv.as_written(), computed);
    c.emit(
        &J301,
        format!("{path}.{key}.met"),
        msg::verdict(av.as_written(), unit.unwrap_or(""), op, tv.as_written(), computed, said),
        figures,
        arithmetic,
    );
}

/// Text with punctuation, spaces and list numbering removed, for comparing wordings.
fn bare(s: &str) -> Vec<char> {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Length of the longest common subsequence.
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { prev[j + 1].max(cur[j]) };
        }
        prev = cur;
    }
    prev[b.len()]
}

/// J302: a result stated only in words that says no more than the target: four fifths of its
/// characters come from the target's wording, in order, and it adds no number.
/// `field` builds the field path, only for a finding.
fn restated(c: &mut Ctx, field: impl Fn() -> String, wordings: &[Option<&str>], res: &Outcome) {
    if res.value.is_some() {
        return;
    }
    let Some(text) = res.text.as_deref() else { return };
    let r = bare(text);
    if r.is_empty() {
        return;
    }
    for w in wordings.iter().flatten() {
        let t = bare(w);
        let common = lcs(&r, &t);
        let new_digits = r.iter().any(|ch| ch.is_ascii_digit() && !t.contains(ch));
        if common * 5 >= r.len() * 4 && !new_digits {
            let arithmetic = msg::restated_arithmetic(common, r.len());
            c.emit(&J302, field(), msg::restated(&crate::messages::short(text), &crate::messages::short(w)), vec![], arithmetic);
            return;
        }
    }
}

/// Whether a measure named `label` in `unit` is a share that cannot leave 0–100: a rate
/// (率, 满意度, 覆盖, 占比) in percent, not a change (增长, 下降, 同比 …).
fn is_bounded_share(label: &str, unit: Option<&str>) -> bool {
    // The unit first: most figures are not percentages, and then the label need not be searched.
    let pct = unit.is_some_and(|u| u.trim_start().starts_with(['%', '％']));
    pct && ["率", "满意度", "覆盖", "占比", "比例", "比重"].iter().any(|k| label.contains(k))
        && !["增长", "增幅", "增加", "下降", "降低", "减少", "同比", "环比", "变化", "提高", "提升"].iter().any(|k| label.contains(k))
}

/// J303: a share outside 0–100 (beyond the rounding of the figure).
///
/// `field` builds the field path: only for a finding, since almost every figure has none.
fn percent(c: &mut Ctx, field: impl FnOnce() -> String, label: &str, unit: Option<&str>, v: &Figure) {
    if !is_bounded_share(label, unit) {
        return;
    }
    let field = &field();
    let x = iv(v, unit);
    if judge::exceeds(x, Interval::exact(100.0)) || judge::exceeds(Interval::exact(0.0), x) {
        c.emit(
            &J303,
            field,
            msg::percent_range(label, v.as_written()),
            vec![fig(field, label, v)],
            msg::percent_arithmetic(v.as_written(), &super::num(x.lo, v.decimals() + 1), &super::num(x.hi, v.decimals() + 1)),
        );
    }
}
