//! Texts of `jixiao check`: rule descriptions and hints (`(description, hint)` per rule id),
//! finding messages with their figures, and the arithmetic shown to auditors.
//!
//! The names of figures (全年执行数, 项目支出 …) are the report's own terms and stay Chinese in
//! both languages, as do the labels a report gives its figures.

use super::{Msg, Text, word};

/// Label of the rule line under a finding.
pub const RULE_LABEL: Msg = Msg::new("rule", "规则");
/// Label of the figures line.
pub const FIGURES_LABEL: Msg = Msg::new("figures", "涉及数字");
/// Label of the arithmetic line.
pub const ARITHMETIC_LABEL: Msg = Msg::new("arithmetic", "计算");
/// Label of the acknowledgement line.
pub const ACKNOWLEDGED_LABEL: Msg = Msg::new("acknowledged", "已确认");
/// Kind of an acknowledged error.
pub const ERROR_ACKNOWLEDGED: Msg = Msg::new("error (acknowledged)", "错误（已确认）");
/// Kind of an acknowledged warning.
pub const WARNING_ACKNOWLEDGED: Msg = Msg::new("warning (acknowledged)", "警告（已确认）");

/// The budget section of a report.
pub const BUDGET_SECTION: &str = "部门整体收支情况";
/// 全年执行数.
pub const EXECUTED: &str = "全年执行数";
/// 全年预算数.
pub const BUDGET_TOTAL: &str = "全年预算数";
/// 年初预算数.
pub const INITIAL: &str = "年初预算数";
/// 基本支出.
pub const BASIC: &str = "基本支出";
/// 项目支出.
pub const PROJECT: &str = "项目支出";
/// 年末结转和结余.
pub const CARRY_OVER: &str = "年末结转和结余";
/// Funds covered by self-evaluated projects.
pub const COVERED: &str = "自评项目涉及资金";
/// Share of project spending covered.
pub const COVERED_SHARE: &str = "占项目支出比例";
/// 执行率.
pub const EXECUTION_RATE: &str = "执行率";
/// 目标值.
pub const TARGET: &str = "目标值";
/// 实际完成值.
pub const RESULT: &str = "实际完成值";
/// 分值.
pub const WEIGHTS: &str = "分值";
/// 得分.
pub const SCORES: &str = "得分";

const fn rule(en: (&'static str, &'static str), zh: (&'static str, &'static str)) -> (Msg, Msg) {
    (Msg::new(en.0, zh.0), Msg::new(en.1, zh.1))
}

/// Rule J001: its description and hint.
pub const J001: (Msg, Msg) = rule(
    ("an acknowledgement in the report matches no finding", "remove the entry from `acknowledge:`, or correct its `rule` or `field`"),
    ("报告中的一条确认（acknowledge）没有对应任何检查结果", "请从 `acknowledge:` 中删除该条，或更正其 `rule` 或 `field`"),
);
/// Rule J002: its description and hint.
pub const J002: (Msg, Msg) = rule(
    ("site.yaml sets the severity of a rule that does not exist", "use a rule id listed in docs/checks.md, e.g. J104"),
    ("site.yaml 为一条不存在的规则设置了级别", "请使用 docs/checks.md 列出的规则编号，如 J104"),
);
/// Rule J101: its description and hint.
pub const J101: (Msg, Msg) = rule(
    ("execution rate = executed ÷ budget × 100, within the rounding of the figures as written", "correct the rate or the amounts if this is a typing error; if the report was published this way, keep it and acknowledge the finding with a reason"),
    ("执行率 = 全年执行数 ÷ 全年预算数 × 100，允许所写数字的舍入误差", "如属录入错误，请更正执行率或金额；如已发布的报告原文即如此，请保留原文，并确认该结果、写明原因"),
);
/// Rule J102: its description and hint.
pub const J102: (Msg, Msg) = rule(
    ("basic + project expenditure = executed (基本支出 + 项目支出 = 全年执行数)", "check the three amounts against the published report; acknowledge the finding if the report states them this way"),
    ("基本支出 + 项目支出 = 全年执行数", "请对照已发布的报告核对这三个金额；如报告原文即如此，请确认该结果"),
);
/// Rule J103: its description and hint.
pub const J103: (Msg, Msg) = rule(
    ("amounts by funding source sum to the total they are labelled as (`by_source_of`)", "if the amounts are budget figures rather than spending, set `by_source_of: total`; otherwise acknowledge the finding with the report's explanation"),
    ("按资金来源列出的金额之和等于其所标注的总数（`by_source_of`）", "如这些金额是预算数而不是支出数，请设置 `by_source_of: total`；否则请确认该结果，并写明报告中的说明"),
);
/// Rule J104: its description and hint.
pub const J104: (Msg, Msg) = rule(
    ("budget − executed = carry-over (全年预算数 − 全年执行数 = 年末结转和结余), or the gap is unexplained", "explain the gap (e.g. funds returned to the treasury) by acknowledging the finding, or correct the carry-over"),
    ("全年预算数 − 全年执行数 = 年末结转和结余，否则差额没有说明", "请通过确认该结果说明差额（如资金已上缴国库），或更正年末结转和结余"),
);
/// Rule J105: its description and hint.
pub const J105: (Msg, Msg) = rule(
    ("coverage share = covered funds ÷ project spending × 100", "check the covered funds, the project spending and the share against the published report"),
    ("占项目支出比例 = 自评项目涉及资金 ÷ 项目支出 × 100", "请对照已发布的报告核对涉及资金、项目支出和比例"),
);
/// Rule J106: its description and hint.
pub const J106: (Msg, Msg) = rule(
    ("funds covered by self-evaluated projects ≤ project spending", "the covered funds cannot exceed 项目支出; check both amounts"),
    ("自评项目涉及资金 ≤ 项目支出", "涉及资金不能超过项目支出；请核对这两个金额"),
);
/// Rule J107: its description and hint.
pub const J107: (Msg, Msg) = rule(
    ("the department table's funds total agrees with the budget section", "the 年度资金总额 row and 一（三） state the same figures; correct the one mistyped or acknowledge the difference"),
    ("部门整体支出绩效自评表的资金总额与收支情况一节一致", "“年度资金总额”一行与一（三）所列数字应当相同；请更正录错的一处，或确认该差异"),
);
/// Rule J108: its description and hint.
pub const J108: (Msg, Msg) = rule(
    ("funds rows (本年财政拨款, 上年结转, 其他资金) sum to 年度资金总额", "check the rows of the funds block"),
    ("资金各行（本年财政拨款、上年结转、其他资金）之和等于年度资金总额", "请核对资金部分的各行"),
);
/// Rule J201: its description and hint.
pub const J201: (Msg, Msg) = rule(
    ("parts marked complete (`parts_complete: true`) sum to their total", "correct a part or the total, or set `parts_complete: false` if the 其中 list is partial"),
    ("标为完整（`parts_complete: true`）的各分项之和等于总数", "请更正某一分项或总数；如“其中”所列并不完整，请设置 `parts_complete: false`"),
);
/// Rule J202: its description and hint.
pub const J202: (Msg, Msg) = rule(
    ("the parts of a partial 其中 list never exceed their total", "a part of a whole cannot be larger than it: check the total and the parts against the published text"),
    ("不完整的“其中”各分项之和不超过总数", "部分不能大于整体：请对照发布原文核对总数和各分项"),
);
/// Rule J203: its description and hint.
pub const J203: (Msg, Msg) = rule(
    ("a measure stated twice in a report (a target's result, an indicator's actual value, a key figure, a figure in a narrative; same id, or same name and unit) agrees", "both places should state one value; check which one the published report means"),
    ("同一指标在报告中两次表述（目标完成值、自评表实际完成值、关键数字、叙述中的数字；相同 id，或相同名称和单位）时应当一致", "两处应为同一数值；请核对已发布的报告以哪一处为准"),
);
/// Rule J204: its description and hint.
pub const J204: (Msg, Msg) = rule(
    ("counts in a pipeline (`parts_sequence: true`) do not grow: applications ≥ approved ≥ granted", "a later stage cannot count more than the one before it; check the order and the figures"),
    ("流程各环节的数量（`parts_sequence: true`）不应递增：申请数 ≥ 批准数 ≥ 发放数", "后一环节的数量不能多于前一环节；请核对顺序和数字"),
);
/// Rule J301: its description and hint.
pub const J301: (Msg, Msg) = rule(
    ("the publisher's verdict (`met`) agrees with the target's operator", "correct `met`, the target or the result; the operator decides whether a numeric target is met"),
    ("报告给出的结论（`met`）与目标的比较符号一致", "请更正 `met`、目标值或实际完成值；数值型目标是否达成由比较符号决定"),
);
/// Rule J302: its description and hint.
pub const J302: (Msg, Msg) = rule(
    ("a result that only restates the target is flagged", "state what was achieved (a measured value or facts), not the target again"),
    ("只复述目标、没有写明实际完成情况的结果会被标出", "请写明实际完成了什么（实测数值或事实），而不是再次复述目标"),
);
/// Rule J303: its description and hint.
pub const J303: (Msg, Msg) = rule(
    ("a rate or share in percent lies within 0–100", "a rate cannot exceed 100% or be negative; check the value and its unit"),
    ("以百分比表示的比率或占比在 0–100 之间", "比率不能超过 100%，也不能为负数；请核对数值及其单位"),
);
/// Rule J401: its description and hint.
pub const J401: (Msg, Msg) = rule(
    ("weights (分值) of a self-evaluation table sum to the declared total", "check the weights and `total_weight`"),
    ("自评表各项分值之和等于所填写的总分值", "请核对各项分值和 `total_weight`"),
);
/// Rule J402: its description and hint.
pub const J402: (Msg, Msg) = rule(
    ("0 ≤ score ≤ weight for every row of a self-evaluation table", "a score cannot exceed the row's weight or be negative"),
    ("自评表每一行都满足 0 ≤ 得分 ≤ 分值", "得分不能超过该行的分值，也不能为负数"),
);
/// Rule J403: its description and hint.
pub const J403: (Msg, Msg) = rule(
    ("scores (得分) of a self-evaluation table sum to the total score", "check the scores and `total_score`"),
    ("自评表各项得分之和等于总得分", "请核对各项得分和 `total_score`"),
);
/// Rule J404: its description and hint.
pub const J404: (Msg, Msg) = rule(
    ("the grade agrees with the grade bands (site.yaml `check.grades`; 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 otherwise)", "correct the grade, or set this region's bands under `check.grades` in site.yaml"),
    ("评价等级与等级区间一致（site.yaml 的 `check.grades`；优 ≥ 90，良 ≥ 80，中 ≥ 60，其余为差）", "请更正评价等级，或在 site.yaml 的 `check.grades` 中设置本地区的等级区间"),
);
/// Rule J405: its description and hint.
pub const J405: (Msg, Msg) = rule(
    ("a deviation reason is given where an indicator was missed or the execution rate is below 90%", "write the reason and the corrective measures (偏差原因分析及改进措施) in `deviation`, or in the table's `notes` for a low execution rate"),
    ("指标未达成或执行率低于 90% 时应说明偏差原因", "请在 `deviation` 中写明偏差原因分析及改进措施；执行率偏低的，写在该表的 `notes` 中"),
);
/// Rule J501: its description and hint.
pub const J501: (Msg, Msg) = rule(
    (
        "an indicator id keeps its unit of money from one year to the next (元 one year and 万元 the next are converted for comparisons)",
        "keep the unit, or give the changed measure a new id",
    ),
    (
        "同一指标 id 的金额单位在各年度之间保持不变（一年用 元、一年用 万元 时，对比时会换算）",
        "请保持单位不变，或为改变后的指标另起一个 id",
    ),
);
/// Rule J502: its description and hint.
pub const J502: (Msg, Msg) = rule(
    ("an indicator id keeps its direction (higher / lower is better) from one year to the next", "keep the direction, or give the changed measure a new id"),
    ("同一指标 id 的方向（越高越好 / 越低越好）在各年度之间保持不变", "请保持方向不变，或为改变后的指标另起一个 id"),
);
/// Rule J503: its description and hint.
pub const J503: (Msg, Msg) = rule(
    ("a year-on-year change (`change_of`) agrees with the previous year's file", "check the stated change and both years' figures"),
    ("同比变化（`change_of`）与上一年度的文件一致", "请核对所写的变化值和两个年度的数字"),
);
/// Rule J504: its description and hint.
pub const J504: (Msg, Msg) = rule(
    (
        "a measure id keeps a unit its other years can be compared in (not `%` one year and 个 the next)",
        "correct the unit if it is a slip; if the measure really changed, give it a new id (comparisons show the break until then)",
    ),
    (
        "同一指标 id 在各年度的单位可以相互比较（不能一年用 `%`、一年用 个）",
        "如单位系笔误请更正；如指标确已改变，请为其另起一个 id（在此之前，对比表会标明前后不可比）",
    ),
);
/// Rule J601: its description and hint.
pub const J601: (Msg, Msg) = rule(
    ("every key task has its narrative in 二（三）", "add a `task_narratives` entry with `task:` set to this task's id"),
    ("每项重点任务在二（三）中都有相应的情况说明", "请添加一条 `task_narratives`，并将其 `task:` 设为该任务的 id"),
);
/// Rule J602: its description and hint.
pub const J602: (Msg, Msg) = rule(
    ("each key task has one narrative", "merge the narratives of this task into one"),
    ("每项重点任务只有一段情况说明", "请将该任务的多段说明合并为一段"),
);
/// Rule J701: its description and hint.
pub const J701: (Msg, Msg) = rule(
    (
        "a published report differs from its year's snapshot only where a correction explains it",
        "add a `corrections:` entry (date, text, and `fields:` naming this field), or restore the published value",
    ),
    ("已发布报告与该年度快照的差异均有更正说明", "请添加一条 `corrections:`（日期、说明，并在 `fields:` 中列出此字段），或恢复为已发布的数值"),
);
/// Rule J702: its description and hint.
pub const J702: (Msg, Msg) = rule(
    ("the snapshot's copy of a report can be read and compared", "run `jixiao verify` on the snapshot and restore it from a verified copy"),
    ("快照中的报告副本可以读取并比较", "请用 `jixiao verify` 核验快照，并用核验无误的副本恢复"),
);

/// The closing line of `jixiao check`.
pub fn summary(errors: usize, warnings: usize, acknowledged: usize) -> Text {
    let counts = super::summary(errors, warnings);
    let (counts_en, counts_zh) = (&counts.en, &counts.zh);
    tr!("check: {counts_en}, {acknowledged} acknowledged", "检查：{counts_zh}，{acknowledged} 项已确认")
}
/// The line after the build's findings.
pub fn build_note(deny: bool) -> Text {
    let text = if deny {
        Msg::new("check findings fail this build (site.yaml: check.deny)", "检查结果使本次构建失败（site.yaml：check.deny）")
    } else {
        Msg::new(
            "check findings do not stop the build; run `jixiao check` for details, or set `check: {deny: errors}` in site.yaml to make errors fail it",
            "检查结果不会中止构建；运行 `jixiao check` 可查看详情；如要在有错误时使构建失败，请在 site.yaml 中设置 `check: {deny: errors}`",
        )
    };
    text.into()
}
/// A build failed by check findings.
pub const BUILD_DENIED: Msg = Msg::new(
    "consistency findings fail the build because site.yaml says `check.deny`",
    "site.yaml 设置了 `check.deny`，一致性检查结果使构建失败",
);

/// `site.yaml` sets the level of a rule id that does not exist (J002).
pub fn unknown_rule(id: &str) -> Text {
    tr!("`{id}` is not a check rule", "`{id}` 不是检查规则")
}
/// What an acknowledgement names: a rule, at a field.
pub fn acknowledged_at(rule: &str, field: &str) -> Text {
    tr!("{rule} at {field}", "{field} 处的 {rule}")
}
/// An acknowledgement that matches no finding (J001); `what` from [`acknowledged_at`] or the rule id.
pub fn stale_acknowledgement(what: &Text) -> Text {
    let (what_en, what_zh) = (&what.en, &what.zh);
    tr!("acknowledgement of {what_en} matches no finding", "对 {what_zh} 的确认没有对应任何检查结果")
}
/// How a finding names a figure stated twice: by its id.
pub fn figure_by_id(id: &str) -> Text {
    tr!("id `{id}`", "id 为 `{id}` 的数字")
}
/// How a finding names a figure stated twice: by its label.
pub fn figure_by_label(label: &str) -> Text {
    Text::same(format!("“{label}”"))
}
/// A reported execution rate that the amounts do not give (J101).
pub fn execution_rate(what: &str, reported: &str, executed: &str, budget: &str, computed: &str) -> Text {
    tr!(
        "{what}: execution rate reported as {reported}%, but {executed} ÷ {budget} = {computed}%",
        "{what}：执行率填报为 {reported}%，但 {executed} ÷ {budget} = {computed}%"
    )
}
/// The arithmetic of a ratio check: the exact quotient, its range given rounding, the reported value's range and the gap.
#[allow(clippy::too_many_arguments)]
pub fn ratio_arithmetic(a: &str, b: &str, exact: &str, lo: &str, hi: &str, reported: &str, half: &str, gap: &str) -> Text {
    tr!(
        "{a} ÷ {b} × 100 = {exact} (between {lo} and {hi} given the rounding of {a} and {b}); reported {reported} stands for {reported} ± {half}; the ranges do not meet (difference {gap})",
        "{a} ÷ {b} × 100 = {exact}（考虑 {a} 和 {b} 的舍入，在 {lo} 至 {hi} 之间）；填报的 {reported} 代表 {reported} ± {half}；两个范围没有交集（相差 {gap}）"
    )
}
/// The arithmetic of a sum check: the terms, their sum, the stated total, the difference and the tolerance.
pub fn sum_arithmetic(terms: &str, sum: &str, total: &str, diff: &str, tol: &str) -> Text {
    tr!(
        "{terms} = {sum}; stated {total}; difference {diff}, more than the ± {tol} the rounding of these figures allows",
        "{terms} = {sum}；填写为 {total}；相差 {diff}，超出这些数字的舍入所允许的 ± {tol}"
    )
}
/// The arithmetic of two figures that should agree: the difference and the tolerance.
pub fn differ_arithmetic(a: &str, b: &str, diff: &str, tol: &str) -> Text {
    tr!(
        "{a} vs {b}: difference {diff}, more than the ± {tol} the rounding of the two figures allows",
        "{a} 与 {b}：相差 {diff}，超出两个数字的舍入所允许的 ± {tol}"
    )
}
/// A value on the wrong side of a bound stated for the same measure (J203): `≥ 99.98` and `99.9`.
pub fn outside_bound_arithmetic(a: &str, b: &str) -> Text {
    tr!("{a} vs {b}: no value satisfies both, given the rounding of the figures", "{a} 与 {b}：考虑数字的舍入，没有同时满足两者的数值")
}
/// 基本支出 + 项目支出 does not give 全年执行数 (J102).
pub fn basic_project(basic: &str, project: &str, sum: &str, executed: &str) -> Text {
    tr!(
        "基本支出 {basic} + 项目支出 {project} = {sum}, but 全年执行数 is {executed}",
        "基本支出 {basic} + 项目支出 {project} = {sum}，但全年执行数为 {executed}"
    )
}
/// Appended to a J103 arithmetic: the sum agrees with the other total instead.
pub fn matches_other(name: &str, value: &str) -> Text {
    tr!("; the sum agrees with {name} {value} instead", "；该合计反而与{name} {value} 相符")
}
/// Amounts by funding source do not sum to the total they are labelled as (J103).
pub fn by_source(sum: &str, label: &str, total: &str) -> Text {
    tr!(
        "amounts by funding source sum to {sum}, but they are labelled as {label} {total}",
        "按资金来源列出的金额合计 {sum}，但所标注的{label}为 {total}"
    )
}
/// 全年预算数 − 全年执行数 leaves a gap the carry-over does not explain (J104).
pub fn carry_over(left: &str, carry: &str, gap: &str) -> Text {
    tr!(
        "全年预算数 − 全年执行数 = {left}, but 年末结转和结余 is {carry}: {gap} unexplained",
        "全年预算数 − 全年执行数 = {left}，但年末结转和结余为 {carry}：有 {gap} 没有说明"
    )
}
/// The arithmetic of J104: budget − executed, minus carry-over, and the tolerance.
pub fn carry_arithmetic(t: &str, e: &str, left: &str, co: &str, gap: &str, tol: &str) -> Text {
    tr!(
        "{t} − {e} = {left}; {left} − {co} = {gap}, more than the ± {tol} the rounding of these figures allows",
        "{t} − {e} = {left}；{left} − {co} = {gap}，超出这些数字的舍入所允许的 ± {tol}"
    )
}
/// A coverage share that the covered funds and project spending do not give (J105).
pub fn coverage(share: &str, covered: &str, project: &str, computed: &str) -> Text {
    tr!(
        "coverage share reported as {share}%, but {covered} ÷ 项目支出 {project} = {computed}%",
        "占项目支出比例填报为 {share}%，但 {covered} ÷ 项目支出 {project} = {computed}%"
    )
}
/// Funds covered by self-evaluated projects exceed project spending (J106).
pub fn covered_exceeds(covered: &str, project: &str) -> Text {
    tr!(
        "funds covered by the self-evaluation ({covered}) exceed 项目支出 ({project})",
        "自评项目涉及资金（{covered}）超过项目支出（{project}）"
    )
}
/// The arithmetic of a figure that exceeds its bound beyond rounding.
pub fn exceeds_arithmetic(a: &str, b: &str, diff: &str) -> Text {
    tr!("{a} − {b} = {diff} > 0 beyond rounding", "{a} − {b} = {diff} > 0，超出舍入误差")
}
/// The self-evaluation table states a funds figure other than the budget section's (J107).
pub fn table_vs_budget(name: &str, table: &str, budget: &str) -> Text {
    tr!(
        "{name} in the self-evaluation table is {table}, but the budget section says {budget}",
        "自评表中的{name}为 {table}，但收支情况一节为 {budget}"
    )
}
/// The funds rows of a table do not sum to 年度资金总额 in a column (J108).
pub fn funds_rows(label: &str, column: &str, sum: &str, total: &str) -> Text {
    tr!(
        "funds rows sum to {sum} in column `{column}`, but {label} is {total}",
        "资金各行在 `{column}` 列合计 {sum}，但{label}为 {total}"
    )
}
/// Parts marked complete do not sum to their total (J201).
pub fn parts_complete(label: &str, sum: &str, unit: &str, total: &str) -> Text {
    tr!(
        "parts of “{label}” are marked complete and sum to {sum} {unit}, but the total is {total} {unit}",
        "“{label}”的各分项标为完整，合计 {sum} {unit}，但总数为 {total} {unit}"
    )
}
/// The parts of a partial 其中 list exceed their total (J202).
pub fn parts_exceed(label: &str, sum: &str, unit: &str, total: &str) -> Text {
    tr!(
        "the 其中 parts of “{label}” sum to {sum} {unit}, more than the total {total} {unit}",
        "“{label}”的“其中”各分项合计 {sum} {unit}，超过总数 {total} {unit}"
    )
}
/// The same figure stated twice with different values (J203); `key` from [`figure_by_id`] or [`figure_by_label`].
pub fn stated_twice(key: &Text, first: &str, first_field: &str, second: &str, unit: &str) -> Text {
    let (key_en, key_zh) = (&key.en, &key.zh);
    tr!(
        "{key_en} is stated as {first} {unit} at {first_field} and as {second} {unit} here",
        "{key_zh}在 {first_field} 处为 {first} {unit}，此处为 {second} {unit}"
    )
}
/// A pipeline stage counts more than the stage before it (J204).
pub fn pipeline_grows(label: &str, value: &str, prev_label: &str, prev: &str, unit: &str) -> Text {
    tr!(
        "“{label}” ({value} {unit}) is more than the stage before it, “{prev_label}” ({prev} {unit})",
        "“{label}”（{value} {unit}）多于前一环节“{prev_label}”（{prev} {unit}）"
    )
}
/// The arithmetic of J204: the later stage minus the earlier.
pub fn grows_arithmetic(v: &str, prev: &str, diff: &str) -> Text {
    Text::same(format!("{v} − {prev} = {diff} > 0"))
}
/// The publisher's `met` disagrees with what the target's operator gives (J301).
pub fn verdict(actual: &str, unit: &str, op: &str, target: &str, computed: bool, said: bool) -> Text {
    let zh = |b: bool| if b { "达成" } else { "未达成" };
    let en = |b: bool| if b { "met" } else { "not met" };
    let (computed_zh, said_zh, computed_en, said_en) = (zh(computed), zh(said), en(computed), en(said));
    tr!(
        "result {actual}{unit} against target {op} {target} is {computed_en}, but the report marks it {said_en}",
        "实际完成值 {actual}{unit} 对照目标 {op} {target}，应为{computed_zh}，但报告标为{said_zh}"
    )
}
/// The comparison of a result with its target, and whether it holds.
pub fn verdict_arithmetic(actual: &str, op: &str, target: &str, holds: bool) -> Text {
    if holds {
        tr!("{actual} {op} {target} is true", "{actual} {op} {target} 成立")
    } else {
        tr!("{actual} {op} {target} is false", "{actual} {op} {target} 不成立")
    }
}
/// A result that only restates its target (J302).
pub fn restated(text: &str, wording: &str) -> Text {
    tr!(
        "the result “{text}” restates the target “{wording}” without a measured result",
        "结果“{text}”只是复述目标“{wording}”，没有写明实际完成情况"
    )
}
/// The arithmetic of J302: how much of the result repeats the target's wording.
pub fn restated_arithmetic(common: usize, len: usize) -> Text {
    tr!(
        "{common} of the result's {len} characters repeat the target's wording in order, and it adds no number",
        "结果共 {len} 个字，其中 {common} 个按顺序重复目标的措辞，且没有任何数字"
    )
}
/// A rate or share outside 0–100 (J303).
pub fn percent_range(label: &str, value: &str) -> Text {
    tr!("“{label}” is {value}%, outside 0–100 for a rate or share", "“{label}”为 {value}%，超出比率或占比的 0–100 范围")
}
/// The arithmetic of J303: the range the value stands for.
pub fn percent_arithmetic(value: &str, lo: &str, hi: &str) -> Text {
    tr!("{value} stands for {lo} … {hi}, which lies outside 0 … 100", "{value} 代表 {lo} … {hi}，超出 0 … 100")
}
/// What a missed indicator was measured against: ` (实际完成值 88, ≥ 90)`.
pub fn missed_against(actual: &str, op: &str, target: &str) -> Text {
    tr!(" ({RESULT} {actual}, {op} {target})", "（{RESULT} {actual}，{op} {target}）")
}
/// An indicator missed its target without a deviation reason (J405); `against` from [`missed_against`].
pub fn missed_without_reason(name: &str, against: &Text) -> Text {
    let (against_en, against_zh) = (&against.en, &against.zh);
    tr!("“{name}” missed its target{against_en} but gives no deviation reason", "“{name}”未达成目标{against_zh}，但没有说明偏差原因")
}
/// The arithmetic of a low execution rate: `rate < 90`.
pub fn low_rate_arithmetic(rate: &str) -> Text {
    Text::same(format!("{rate} < 90"))
}
/// An execution rate below 90% without a reason (J405).
pub fn low_rate_without_reason(rate: &str) -> Text {
    tr!("execution rate {rate}% is below 90% but the table gives no reason", "执行率 {rate}% 低于 90%，但该表没有说明原因")
}
/// A score outside 0 … its weight (J402).
pub fn score_range(name: &str, score: &str, weight: &str) -> Text {
    tr!("“{name}” scores {score} with a weight of {weight}", "“{name}”得分 {score}，而分值为 {weight}")
}
/// The arithmetic of J402.
pub fn score_arithmetic(score: &str, weight: &str) -> Text {
    tr!("0 ≤ {score} ≤ {weight} does not hold", "0 ≤ {score} ≤ {weight} 不成立")
}
/// Weights or scores of a table do not sum to the stated total (J401, J403).
pub fn table_sum(what: &str, sum: &str, total: &str) -> Text {
    tr!("{what} sum to {sum}, but the table states {total}", "{what}合计 {sum}，但表中填写为 {total}")
}
/// A grade that the score does not earn (J404).
pub fn grade(grade: &str, score: &str, expected: &str) -> Text {
    tr!(
        "grade {grade} does not match the score {score}, which earns {expected}",
        "评价等级“{grade}”与得分 {score} 不符，该得分应评为“{expected}”"
    )
}
/// The arithmetic of J404: the bands and where the score falls.
pub fn grade_arithmetic(score: &str, bands: &str, expected: &str) -> Text {
    tr!("bands {bands}: {score} falls in {expected}", "等级区间 {bands}：{score} 属于“{expected}”")
}
/// An indicator id measured in another unit than the year before (J501).
pub fn unit_changed(id: &str, before: &str, year_before: u16, now: &str, year: u16) -> Text {
    tr!(
        "`{id}` was measured in {before} in {year_before} and in {now} in {year}",
        "`{id}` 在 {year_before} 年度的单位为 {before}，在 {year} 年度为 {now}"
    )
}
/// An indicator id with another direction than the year before (J502).
pub fn direction_changed(id: &str, before: &str, year_before: u16, now: &str, year: u16) -> Text {
    Text::by_lang(|lang| {
        let (before, now) = (word(before, lang), word(now, lang));
        pick!(
            lang,
            "`{id}` had direction {before} in {year_before} and {now} in {year}",
            "`{id}` 在 {year_before} 年度的方向为“{before}”，在 {year} 年度为“{now}”"
        )
    })
}
/// A stated year-on-year change that the previous report's figure does not give (J503).
pub fn change(label: &str, stated: &str, unit: &str, of: &str, prev_year: u16, computed: &str) -> Text {
    tr!(
        "“{label}” states {stated}{unit}, but `{of}` against the {prev_year} report gives {computed}{unit}",
        "“{label}”填写为 {stated}{unit}，但按 `{of}` 对照 {prev_year} 年度报告计算为 {computed}{unit}"
    )
}
/// The arithmetic of J503: the change computed, its range given rounding, and the stated one.
pub fn change_arithmetic(now: &str, before: &str, percent: bool, mid: &str, lo: &str, hi: &str, stated: &str) -> Text {
    if percent {
        tr!(
            "({now} − {before}) ÷ {before} × 100 = {mid} (between {lo} and {hi} given rounding); stated {stated}",
            "({now} − {before}) ÷ {before} × 100 = {mid}（考虑舍入，在 {lo} 至 {hi} 之间）；填写为 {stated}"
        )
    } else {
        tr!(
            "{now} − {before} = {mid} (between {lo} and {hi} given rounding); stated {stated}",
            "{now} − {before} = {mid}（考虑舍入，在 {lo} 至 {hi} 之间）；填写为 {stated}"
        )
    }
}
/// A key task without a narrative in 二（三） (J601).
pub fn task_without_narrative(id: &str, title: &str) -> Text {
    tr!(
        "key task `{id}` ({title}) has no narrative in task_narratives",
        "重点任务 `{id}`（{title}）在 task_narratives 中没有情况说明"
    )
}
/// A second narrative of the same task (J602).
pub fn narrative_twice(task: &str, first: usize) -> Text {
    tr!(
        "task `{task}` already has a narrative at task_narratives[{first}]",
        "任务 `{task}` 已在 task_narratives[{first}] 有情况说明"
    )
}

/// A measure id stated in units that cannot be compared in two years (J504), with where each
/// year states it.
pub fn unit_break(id: &str, before: &str, year_before: u16, at_before: &str, now: &str, year: u16, at_now: &str) -> Text {
    tr!(
        "`{id}` is in {before} in {year_before} ({at_before}) and in {now} in {year} ({at_now}): the two cannot be compared, so comparisons and charts show a break instead of a change",
        "`{id}` 在 {year_before} 年度的单位为 {before}（{at_before}），在 {year} 年度为 {now}（{at_now}）：两者不可比，对比表和图表不计算变化，只标明前后不可比"
    )
}
