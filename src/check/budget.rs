//! J1xx: the budget section and the funds block of self-evaluation tables.
//!
//! Amounts (万元) are always rounded figures: ± half a unit of their last written decimal.

use super::{Ctx, FigureRef, Interval, J101, J102, J103, J104, J105, J106, J107, J108, fig, joined, num};
use crate::judge;
use crate::messages::Text;
use crate::messages::check as msg;
use crate::model::{BudgetBasis, Figure, Report, TableScope};

pub(super) fn check(c: &mut Ctx, r: &Report) {
    let b = &r.budget;
    // J101: execution rate of the budget section.
    if let (Some(e), Some(t), Some(rate)) = (&b.executed, &b.total, &b.execution_rate) {
        rate_rule(
            c,
            msg::BUDGET_SECTION,
            ("budget.executed", msg::EXECUTED, e),
            ("budget.total", msg::BUDGET_TOTAL, t),
            ("budget.execution_rate", rate),
        );
    }
    // J102: basic + project = executed.
    if let (Some(basic), Some(project), Some(e)) = (&b.basic, &b.project, &b.executed) {
        let sum = Interval::of(basic).plus(Interval::of(project));
        if !judge::adds_up([Interval::of(basic), Interval::of(project)], Interval::of(e)) {
            let figures = vec![
                fig("budget.basic", msg::BASIC, basic),
                fig("budget.project", msg::PROJECT, project),
                fig("budget.executed", msg::EXECUTED, e),
            ];
            let arithmetic = sum_arithmetic(&[basic, project], sum, e);
            c.emit(
                &J102,
                "budget.executed",
                msg::basic_project(
                    &basic.grouped(),
                    &project.grouped(),
                    &num(basic.value() + project.value(), dec(&[basic, project])),
                    &e.grouped(),
                ),
                figures,
                arithmetic,
            );
        }
    }
    // J103: funding sources sum to the total they are labelled as.
    let amounts: Vec<(usize, &Figure)> = b.by_source.iter().enumerate().filter_map(|(i, s)| s.amount.as_ref().map(|a| (i, a))).collect();
    if let Some(basis) = b.by_source_of {
        let (label, field, total) = match basis {
            BudgetBasis::Executed => (msg::EXECUTED, "budget.executed", b.executed.as_ref()),
            BudgetBasis::Total => (msg::BUDGET_TOTAL, "budget.total", b.total.as_ref()),
        };
        // Only a list with every amount given can be summed.
        if let Some(total) = total.filter(|_| !amounts.is_empty() && amounts.len() == b.by_source.len()) {
            let sum = Interval::sum(amounts.iter().map(|(_, a)| Interval::of(a)));
            if !judge::adds_up([sum], Interval::of(total)) {
                let mut figures: Vec<FigureRef> =
                    amounts.iter().map(|(i, a)| fig(format!("budget.by_source[{i}].amount"), b.by_source[*i].source.clone(), a)).collect();
                figures.push(fig(field, label, total));
                let parts: Vec<&Figure> = amounts.iter().map(|(_, a)| *a).collect();
                let shown = num(sum.mid(), dec(&parts));
                let other = match basis {
                    BudgetBasis::Executed => b.total.as_ref().map(|t| (msg::BUDGET_TOTAL, t)),
                    BudgetBasis::Total => b.executed.as_ref().map(|t| (msg::EXECUTED, t)),
                };
                let mut arithmetic = sum_arithmetic(&parts, sum, total);
                if let Some((name, o)) = other.filter(|(_, o)| sum.overlaps(Interval::of(o))) {
                    arithmetic.push(&msg::matches_other(name, &o.grouped()));
                }
                c.emit(&J103, "budget.by_source", msg::by_source(&shown, label, &total.grouped()), figures, arithmetic);
            }
        }
    }
    // J104: budget − executed = carry-over.
    if let (Some(t), Some(e), Some(co)) = (&b.total, &b.executed, &b.carry_over) {
        // What is left of the budget is the carry-over: executed + carry-over add up to it.
        if !judge::adds_up([Interval::of(e), Interval::of(co)], Interval::of(t)) {
            let gap = Interval::of(t).minus(Interval::of(e)).minus(Interval::of(co));
            let d = dec(&[t, e, co]);
            let left = num(t.value() - e.value(), d);
            let figures = vec![
                fig("budget.total", msg::BUDGET_TOTAL, t),
                fig("budget.executed", msg::EXECUTED, e),
                fig("budget.carry_over", msg::CARRY_OVER, co),
            ];
            let arithmetic =
                msg::carry_arithmetic(t.as_written(), e.as_written(), &left, co.as_written(), &num(gap.mid(), d), &num(gap.half(), d + 1));
            c.emit(&J104, "budget.carry_over", msg::carry_over(&left, &co.grouped(), &num(gap.mid(), d)), figures, arithmetic);
        }
    }
    // J105, J106: coverage of project spending.
    if let Some(p) = &r.performance
        && let (Some(cov), Some(project)) = (&p.covered_funds, &b.project)
    {
        let judged = judge::percentage(Some(cov), Some(project), p.covered_share.as_ref());
        if let (true, Some(share), Some(q), Some(computed)) = (judged.differs, &p.covered_share, judged.range, judged.computed) {
            let figures = vec![
                fig("performance.covered_funds", msg::COVERED, cov),
                fig("budget.project", msg::PROJECT, project),
                fig("performance.covered_share", msg::COVERED_SHARE, share),
            ];
            let computed = computed.grouped();
            let arithmetic = ratio_arithmetic(cov, project, q, share);
            c.emit(
                &J105,
                "performance.covered_share",
                msg::coverage(share.as_written(), &cov.grouped(), &project.grouped(), &computed),
                figures,
                arithmetic,
            );
        }
        if judge::exceeds(Interval::of(cov), Interval::of(project)) {
            let figures = vec![fig("performance.covered_funds", msg::COVERED, cov), fig("budget.project", msg::PROJECT, project)];
            let arithmetic =
                msg::exceeds_arithmetic(cov.as_written(), project.as_written(), &num(cov.value() - project.value(), dec(&[cov, project])));
            c.emit(&J106, "performance.covered_funds", msg::covered_exceeds(&cov.grouped(), &project.grouped()), figures, arithmetic);
        }
    }
    // Self-evaluation tables: J101 per funds row, J107 against the budget section, J108 rows.
    for (i, t) in r.evaluation_tables.iter().enumerate() {
        for (j, row) in t.funds.iter().enumerate() {
            let p = format!("evaluation_tables[{i}].funds[{j}]");
            if let (Some(e), Some(bud), Some(rate)) = (&row.executed, &row.budget, &row.rate) {
                rate_rule(
                    c,
                    &row.label,
                    (&format!("{p}.executed"), msg::EXECUTED, e),
                    (&format!("{p}.budget"), msg::BUDGET_TOTAL, bud),
                    (&format!("{p}.rate"), rate),
                );
            }
        }
        let Some(total_row) = t.funds.first() else { continue };
        if t.scope == TableScope::Department {
            let pairs = [
                ("budget", msg::BUDGET_TOTAL, &total_row.budget, "budget.total", &b.total),
                ("executed", msg::EXECUTED, &total_row.executed, "budget.executed", &b.executed),
                ("rate", msg::EXECUTION_RATE, &total_row.rate, "budget.execution_rate", &b.execution_rate),
                ("initial", msg::INITIAL, &total_row.initial, "budget.initial", &b.initial),
            ];
            for (col, name, in_table, field, in_budget) in pairs {
                if let (Some(x), Some(y)) = (in_table, in_budget)
                    && !judge::agree(x, y)
                {
                    let tf = format!("evaluation_tables[{i}].funds[0].{col}");
                    let figures = vec![fig(field, name, y), fig(&tf, format!("{} · {}", t.title, total_row.label), x)];
                    let arithmetic = msg::differ_arithmetic(
                        y.as_written(),
                        x.as_written(),
                        &num((x.value() - y.value()).abs(), dec(&[x, y])),
                        &num(Interval::of(x).half() + Interval::of(y).half(), dec(&[x, y]) + 1),
                    );
                    c.emit(&J107, tf, msg::table_vs_budget(name, &x.grouped(), &y.grouped()), figures, arithmetic);
                }
            }
        }
        if t.funds.len() > 1 {
            let cols: [(&str, Column); 3] =
                [("initial", |r| r.initial.as_ref()), ("budget", |r| r.budget.as_ref()), ("executed", |r| r.executed.as_ref())];
            for (col, get) in cols {
                let Some(total) = get(total_row) else { continue };
                let parts: Vec<(usize, &Figure)> = t.funds.iter().enumerate().skip(1).filter_map(|(j, r)| get(r).map(|f| (j, f))).collect();
                if parts.len() + 1 != t.funds.len() {
                    continue;
                }
                let sum = Interval::sum(parts.iter().map(|(_, f)| Interval::of(f)));
                if !judge::adds_up([sum], Interval::of(total)) {
                    let tf = format!("evaluation_tables[{i}].funds[0].{col}");
                    let mut figures: Vec<FigureRef> = parts
                        .iter()
                        .map(|(j, f)| fig(format!("evaluation_tables[{i}].funds[{j}].{col}"), t.funds[*j].label.clone(), f))
                        .collect();
                    figures.push(fig(&tf, total_row.label.clone(), total));
                    let pf: Vec<&Figure> = parts.iter().map(|(_, f)| *f).collect();
                    c.emit(
                        &J108,
                        tf,
                        msg::funds_rows(&total_row.label, col, &num(sum.mid(), dec(&pf)), &total.grouped()),
                        figures,
                        sum_arithmetic(&pf, sum, total),
                    );
                }
            }
        }
    }
}

/// Reads one column of a funds row.
type Column = fn(&crate::model::FundsRow) -> Option<&Figure>;

/// J101 for one (executed, budget, reported rate) triple.
fn rate_rule(c: &mut Ctx, what: &str, executed: (&str, &str, &Figure), budget: (&str, &str, &Figure), rate: (&str, &Figure)) {
    let (ef, en, e) = executed;
    let (bf, bn, b) = budget;
    let (rf, r) = rate;
    // The one judgement the report page's flag shows too.
    let judged = judge::execution_rate(Some(e), Some(b), Some(r));
    let (true, Some(q), Some(computed)) = (judged.differs, judged.range, judged.computed) else { return };
    let computed = computed.grouped();
    let figures = vec![fig(ef, en, e), fig(bf, bn, b), fig(rf, msg::EXECUTION_RATE, r)];
    c.emit(
        &J101,
        rf,
        msg::execution_rate(what, r.as_written(), &e.grouped(), &b.grouped(), &computed),
        figures,
        ratio_arithmetic(e, b, q, r),
    );
}

/// `a ÷ b × 100 = q (range …), reported r ± h`.
fn ratio_arithmetic(a: &Figure, b: &Figure, q: Interval, reported: &Figure) -> Text {
    let d = reported.decimals() + 3;
    let r = Interval::of(reported);
    msg::ratio_arithmetic(
        a.as_written(),
        b.as_written(),
        &num(a.value() / b.value() * 100.0, d),
        &num(q.lo, d),
        &num(q.hi, d),
        reported.as_written(),
        &num(r.half(), reported.decimals() + 1),
        &num(q.gap(r), d),
    )
}

/// `a + b + c = s; stated t; difference d, tolerance ± h`.
pub(super) fn sum_arithmetic(parts: &[&Figure], sum: Interval, total: &Figure) -> Text {
    sum_arithmetic_in(parts, sum, total, Interval::of(total))
}

/// [`sum_arithmetic`] with the total's interval given (exact for counts).
pub(super) fn sum_arithmetic_in(parts: &[&Figure], sum: Interval, total: &Figure, t: Interval) -> Text {
    let mut all: Vec<&Figure> = parts.to_vec();
    all.push(total);
    let d = dec(&all);
    msg::sum_arithmetic(
        &joined(parts, " + "),
        &num(sum.mid(), d),
        total.as_written(),
        &num(sum.gap(t), d),
        &num(sum.half() + t.half(), d + 1),
    )
}

/// Most decimals written among figures.
pub(super) fn dec(figures: &[&Figure]) -> usize {
    figures.iter().map(|f| f.decimals()).max().unwrap_or(0)
}
