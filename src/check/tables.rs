//! J4xx: self-evaluation tables (绩效自评表): weights, scores, total, grade, deviation reasons.
//! Weights and scores written as whole numbers are exact; with decimals they are rounded.

use super::at::At;
use super::budget::{dec, sum_arithmetic_in};
use super::{Ctx, FigureRef, Interval, J203, J401, J402, J403, J404, J405, fig, num};
use crate::messages::Text;
use crate::messages::check as msg;
use crate::model::{Figure, GradeBand, Report, TableScope};
use crate::judge;

/// A weight or score of a row: the row, `weight` or `score`, the row's name, the figure.
type Part<'a> = (At<'a>, &'static str, &'a str, &'a Figure);

pub(super) fn check(c: &mut Ctx, r: &Report) {
    for (i, t) in r.evaluation_tables.iter().enumerate() {
        let p = format!("evaluation_tables[{i}]");
        let mut weights: Vec<Part> = Vec::new();
        let mut scores: Vec<Part> = Vec::new();
        for (j, row) in t.funds.iter().enumerate() {
            let rp = At::Fund(i, j);
            if let Some(w) = &row.weight {
                weights.push((rp, "weight", &row.label, w));
            }
            if let Some(s) = &row.score {
                scores.push((rp, "score", &row.label, s));
            }
            score_range(c, &rp, &row.label, row.weight.as_ref(), row.score.as_ref());
        }
        for (j, ind) in t.indicators.iter().enumerate() {
            let ip = At::Indicator(i, j);
            if let Some(w) = &ind.weight {
                weights.push((ip, "weight", &ind.name, w));
            }
            if let Some(s) = &ind.score {
                scores.push((ip, "score", &ind.name, s));
            }
            score_range(c, &ip, &ind.name, ind.weight.as_ref(), ind.score.as_ref());
            // J405: a missed indicator needs a deviation reason.
            let judged = judge::target(ind.target.as_ref(), ind.direction, ind.actual.as_ref());
            if judged.missed() && ind.deviation.as_deref().is_none_or(|d| d.trim().is_empty()) {
                let mut figures = Vec::new();
                if let Some(v) = ind.target.as_ref().and_then(|x| x.value.as_ref()) {
                    figures.push(fig(format!("{ip}.target.value"), msg::TARGET, v));
                }
                if let Some(v) = ind.actual.as_ref().and_then(|x| x.value.as_ref()) {
                    figures.push(fig(format!("{ip}.actual.value"), msg::RESULT, v));
                }
                let op = judged.op;
                let tv = ind.target.as_ref().and_then(|x| x.value.as_ref());
                let av = ind.actual.as_ref().and_then(|x| x.value.as_ref());
                let arithmetic = match (op, tv, av) {
                    (Some(op), Some(t), Some(a)) => msg::verdict_arithmetic(a.as_written(), op, t.as_written(), false),
                    _ => Text::default(),
                };
                let against = match (op, tv, av) {
                    (Some(op), Some(t), Some(a)) => msg::missed_against(a.as_written(), op, t.as_written()),
                    _ => Text::default(),
                };
                c.emit(&J405, format!("{ip}.deviation"), msg::missed_without_reason(&ind.name, &against), figures, arithmetic);
            }
        }
        // J401: weights sum to the declared total.
        if let Some(tw) = &t.total_weight
            && !weights.is_empty()
        {
            sum_rule(c, &J401, &format!("{p}.total_weight"), msg::WEIGHTS, &weights, tw);
        }
        // J403: scores sum to the total score.
        if let Some(ts) = &t.total_score {
            if !scores.is_empty() {
                sum_rule(c, &J403, &format!("{p}.total_score"), msg::SCORES, &scores, ts);
            }
            // J404: the grade agrees with the bands.
            if let Some(g) = &t.grade {
                grade(c, &format!("{p}.grade"), &format!("{p}.total_score"), g, ts);
            }
        }
        // J405: an execution rate below 90% needs a reason under the table.
        if let Some(row) = t.funds.first() {
            // The published rate, else the one the page shows computed.
            let computed = || judge::execution_rate(row.executed.as_ref(), row.budget.as_ref(), None).computed;
            let rate = row.rate.clone().or_else(computed).map(|r| (r.value(), r.as_written().to_string()));
            if let Some((_, shown)) = rate.filter(|(v, _)| *v < 90.0)
                && t.notes.as_deref().is_none_or(|n| n.trim().is_empty())
            {
                let figures: Vec<FigureRef> = row.rate.iter().map(|r| fig(format!("{p}.funds[0].rate"), msg::EXECUTION_RATE, r)).collect();
                c.emit(&J405, format!("{p}.notes"), msg::low_rate_without_reason(&shown), figures, msg::low_rate_arithmetic(&shown));
            }
        }
    }
    // The report's own score and grade.
    if let Some(s) = &r.score {
        if let Some(g) = &s.grade {
            grade(c, "score.grade", "score.total", g, &s.total);
        }
        let dept = r.evaluation_tables.iter().enumerate().find(|(_, t)| t.scope == TableScope::Department && t.total_score.is_some());
        if let Some((i, t)) = dept {
            let ts = t.total_score.as_ref().expect("filtered");
            if !judge::agree_in(Interval::of_points(ts), Interval::of_points(&s.total)) {
                let tf = format!("evaluation_tables[{i}].total_score");
                let figures = vec![fig(&tf, &t.title, ts), fig("score.total", msg::SCORES, &s.total)];
                let d = dec(&[ts, &s.total]);
                let arithmetic = msg::differ_arithmetic(
                    ts.as_written(),
                    s.total.as_written(),
                    &num((ts.value() - s.total.value()).abs(), d),
                    &num(Interval::of_points(ts).half() + Interval::of_points(&s.total).half(), d + 1),
                );
                c.emit(
                    &J203,
                    "score.total",
                    msg::stated_twice(&Text::same(msg::SCORES), &ts.grouped(), &tf, &s.total.grouped(), ""),
                    figures,
                    arithmetic,
                );
            }
        }
    }
}

/// J402: 0 ≤ score ≤ weight.
fn score_range(c: &mut Ctx, path: &At, name: &str, weight: Option<&Figure>, score: Option<&Figure>) {
    let Some(s) = score else { return };
    let below = judge::exceeds(Interval::exact(0.0), Interval::of_points(s));
    let above = weight.is_some_and(|w| judge::exceeds(Interval::of_points(s), Interval::of_points(w)));
    if below || above {
        let mut figures = vec![fig(format!("{path}.score"), name, s)];
        if let Some(w) = weight {
            figures.push(fig(format!("{path}.weight"), name, w));
        }
        let w = weight.map_or("—", |w| w.as_written());
        c.emit(
            &J402,
            format!("{path}.score"),
            msg::score_range(name, s.as_written(), w),
            figures,
            msg::score_arithmetic(s.as_written(), w),
        );
    }
}

fn sum_rule(c: &mut Ctx, rule: &super::Rule, field: &str, what: &str, items: &[Part], total: &Figure) {
    let points = || items.iter().map(|(_, _, _, f)| Interval::of_points(f));
    let t = Interval::of_points(total);
    if judge::adds_up(points(), t) {
        return;
    }
    let sum = Interval::sum(points());
    let vals: Vec<&Figure> = items.iter().map(|(_, _, _, f)| *f).collect();
    let mut figures: Vec<FigureRef> = items.iter().map(|(row, key, n, f)| fig(format!("{row}.{key}"), *n, f)).collect();
    figures.push(fig(field, what, total));
    let shown = num(vals.iter().map(|f| f.value()).sum(), dec(&vals));
    c.emit(rule, field, msg::table_sum(what, &shown, &total.grouped()), figures, sum_arithmetic_in(&vals, sum, total, t));
}

/// The default bands: 优 90–100, 良 80–89, 中 60–79, 差 below 60.
fn default_bands() -> Vec<GradeBand> {
    [("优", "90"), ("良", "80"), ("中", "60"), ("差", "0")]
        .iter()
        .map(|(g, m)| GradeBand { grade: g.to_string(), min: Figure::parse(m).expect("literal") })
        .collect()
}

/// J404: the grade is the one whose band holds the score.
fn grade(c: &mut Ctx, field: &str, score_field: &str, grade: &str, score: &Figure) {
    let mut bands: Vec<GradeBand> = if c.grades.is_empty() { default_bands() } else { c.grades.to_vec() };
    bands.sort_by(|a, b| b.min.value().total_cmp(&a.min.value()));
    let Some(expected) = bands.iter().find(|b| score.value() >= b.min.value()) else { return };
    if expected.grade.trim() == grade.trim() {
        return;
    }
    let shown: Vec<String> = bands.iter().map(|b| format!("{} ≥ {}", b.grade, b.min)).collect();
    let figures = vec![fig(score_field, msg::SCORES, score)];
    c.emit(
        &J404,
        field,
        msg::grade(grade, score.as_written(), &expected.grade),
        figures,
        msg::grade_arithmetic(score.as_written(), &shown.join(", "), &expected.grade),
    );
}
