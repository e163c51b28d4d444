//! One department's self-evaluation report for one year (`content/<dept>/<year>.yaml`).
//!
//! The sections follow the common outline of 部门整体支出绩效自评报告: 一、基本情况 (overview,
//! tasks, budget, performance management, targets), 二、综合评价分析 (summary, target results,
//! task narratives, achievements), 三、存在的主要问题, 四、下一步改进措施, plus optional
//! self-evaluation tables (绩效自评表). Each narrative is kept as published (Markdown) beside the
//! typed figures it states, so the page shows every sentence and `check` can verify the figures.

use super::Figure;
use serde::{Deserialize, Serialize};

/// A yearly report.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Department id; optional, must agree with the folder name when given.
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 100))]
    pub department: Option<String>,
    /// Year; optional, must agree with the file name when given.
    #[schemars(range(min = 1949, max = 2999))]
    pub year: Option<u16>,
    /// Title as published, e.g. 2022年度中共广州市黄埔区委政法委员会部门整体支出绩效自评报告.
    pub title: String,
    /// Publication date, `YYYY-MM-DD`.
    #[schemars(regex(pattern = super::DATE_PATTERN), extend("format" = "date"))]
    pub published: Option<String>,
    /// A draft is built only with `jixiao build --drafts`, and then carries a draft banner.
    #[serde(default)]
    pub draft: bool,
    /// Cover sheet metadata (索引号, 发布机构, 评价方式, 联系人 ...), all optional.
    pub cover: Option<Cover>,
    /// Total score and grade, for reports that lead with them (综合评分为97分, 优).
    pub score: Option<Score>,
    /// 一（一）部门概况.
    pub overview: Overview,
    /// 一（二）年度总体工作和重点工作任务.
    pub work: Work,
    /// 一（三）部门整体收支情况.
    pub budget: Budget,
    /// 一（四）部门整体绩效管理情况.
    pub performance: Option<PerformanceManagement>,
    /// 一（四）部门整体绩效目标, with their results from 二（二）.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// 二（一）自评结论综述 (Markdown).
    pub summary: Option<String>,
    /// Sentence introducing the target results in 二（二）, if any (Markdown).
    pub results_intro: Option<String>,
    /// 二（三）各重点任务项目支出完成情况分析: one narrative per key task.
    #[serde(default)]
    pub task_narratives: Vec<TaskNarrative>,
    /// 二（四）主要工作成效.
    #[serde(default)]
    pub achievements: Vec<Achievement>,
    /// 三、存在的主要问题: one Markdown paragraph or item each.
    #[serde(default)]
    pub problems: Vec<String>,
    /// 四、下一步改进措施: one Markdown paragraph or item each.
    #[serde(default)]
    pub improvements: Vec<String>,
    /// 绩效自评表: the department-wide table and per-project tables.
    #[serde(default)]
    pub evaluation_tables: Vec<EvaluationTable>,
    /// Official documents published with the report (the signed PDF, a Word or spreadsheet
    /// version): each is copied next to the report page with its size and SHA-256.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// Consistency findings (`jixiao check`) the publisher has seen and explains: they stay
    /// visible but no longer fail `check` or the build.
    #[serde(default)]
    pub acknowledge: Vec<Acknowledgement>,
    /// Passages `jixiao import` could not place in a section, each with where it was in the
    /// source document: the page shows them in a marked block and the loader warns until an
    /// editor has moved each to its section (or deleted it) and removed the entry.
    #[serde(default, skip_serializing_if = "super::left_out")]
    pub unplaced: Vec<Unplaced>,
    /// 更正说明: corrections made after publication, oldest first. The page shows them near the
    /// top, the feed has an entry for each, and `check` reports any difference from the year's
    /// snapshot that no correction explains.
    #[serde(default, skip_serializing_if = "super::left_out")]
    pub corrections: Vec<Correction>,
}

/// A correction (勘误) of a published report: when, what and why, and optionally which fields.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// The day the correction was made, `YYYY-MM-DD`: a real date, not before `published`
    /// (after the end of the report's year when there is none); one after today is a warning.
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub date: String,
    /// What was corrected and why, as the reader is told (Markdown).
    #[schemars(regex(pattern = r"\S"))]
    pub text: String,
    /// The fields corrected, each a path of this report as `jixiao check` prints it
    /// (`budget.executed`, `targets[2].result.value`; list positions count from 0; a path may
    /// name a whole part, e.g. `targets[2]`). Each must exist in the report. None: the
    /// correction explains any difference from the snapshot.
    #[serde(default, skip_serializing_if = "super::left_out")]
    #[schemars(inner(regex(pattern = r"^[a-z0-9_]+(\[[0-9]+\])*(\.[a-z0-9_]+(\[[0-9]+\])*)*$")), extend("uniqueItems" = true))]
    pub fields: Vec<String>,
}

/// A passage of an imported document that the outline recogniser could not place.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unplaced {
    /// The text as published (Markdown).
    pub text: String,
    /// Where it was in the source, e.g. `report.pdf:3` (file and line or page).
    pub at: Option<String>,
}

/// A `jixiao check` finding acknowledged with a reason, e.g. funds returned to the treasury.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    /// Rule id, e.g. `J104`.
    pub rule: String,
    /// Field path the finding is about, e.g. `budget.carry_over`; every finding of the rule
    /// in this report when absent.
    pub field: Option<String>,
    /// Why the published figures stand as they are.
    pub reason: String,
}

/// An official document attached to a report.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// The file, relative to the report's folder, e.g. `files/2022-自评报告.pdf`. Keep
    /// attachments in a subfolder so the loader does not take them for content.
    #[schemars(regex(pattern = r"^[^/\\]"), extend("not" = {"pattern": r"(?:^|/)\.\.(?:/|$)|^\.(?:/|$)"}))]
    pub file: String,
    /// Title shown on the page, e.g. 2022年度部门整体支出绩效自评报告（盖章版）.
    pub title: String,
}

/// Cover sheet metadata; every field optional because provinces differ.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// 索引号 (information-disclosure index number).
    pub index_number: Option<String>,
    /// 发布机构.
    pub issuer: Option<String>,
    /// 预算编码.
    pub budget_code: Option<String>,
    /// 评价方式, e.g. 自评.
    pub evaluation_method: Option<String>,
    /// 评价机构.
    pub evaluator: Option<String>,
    /// 报告日期, `YYYY-MM-DD`.
    #[schemars(regex(pattern = super::DATE_PATTERN), extend("format" = "date"))]
    pub report_date: Option<String>,
    /// 联系人.
    pub contact: Option<String>,
    /// 联系电话.
    pub phone: Option<String>,
    /// 人员编制 (staffing) as published.
    pub staffing: Option<String>,
}

/// A total score and grade as published.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// Total score, e.g. 97.
    pub total: Figure,
    /// Grade as published, e.g. 优.
    pub grade: Option<String>,
}

/// 部门概况: the department's duties that year, or the notice that they are withheld.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
// The loader's rule (E0208): text, or the notice that it is withheld.
#[schemars(extend("anyOf" = [
    {"required": ["text"], "properties": {"text": {"type": "string"}}},
    {"required": ["withheld"], "properties": {"withheld": {"type": "object"}}}
]))]
pub struct Overview {
    /// Part withheld by law (依法不予公开): never shown as a blank.
    pub withheld: Option<Withheld>,
    /// Published description (Markdown).
    pub text: Option<String>,
}

/// A part of the report withheld by law.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Withheld {
    /// The legal basis, e.g. 《保密法》及其实施条例.
    pub basis: String,
    /// The sentence as published, e.g. 根据《保密法》……工作职责不对外公开。
    pub statement: Option<String>,
}

/// 年度总体工作和重点工作任务.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Work {
    /// Sentence before the list, e.g. 本年度总体及重点工作包括：
    pub intro: Option<String>,
    /// The key tasks in published order.
    #[serde(default)]
    pub tasks: Vec<Task>,
    /// Sentence after the list, e.g. 各项工作都能有序开展达到预期效果。
    pub outro: Option<String>,
}

/// A key task (重点工作任务).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Stable id, unique in the report; narratives refer to it.
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 100))]
    pub id: String,
    /// The task as published, e.g. 做好全区城市更新护航保障工作.
    pub title: String,
}

/// 二（三）: what was done and spent for one key task.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskNarrative {
    /// The id of the task in `work.tasks`.
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 100))]
    pub task: String,
    /// Heading as published, when it differs from the task title.
    pub heading: Option<String>,
    /// The narrative (Markdown).
    pub text: String,
}

/// 部门整体收支情况. All amounts are in `unit` (万元 unless stated).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Unit of every amount, e.g. 万元.
    pub unit: Option<String>,
    /// 年初预算数.
    #[schemars(extend("minimum" = 0))]
    pub initial: Option<Figure>,
    /// 全年预算数 (调整后预算数).
    #[schemars(extend("minimum" = 0))]
    pub total: Option<Figure>,
    /// 全年执行数.
    #[schemars(extend("minimum" = 0))]
    pub executed: Option<Figure>,
    /// 执行率 as published, in percent (94.88 for 94.88%).
    pub execution_rate: Option<Figure>,
    /// Amounts by funding source (一般公共预算 / 政府性基金预算 / 国有资本经营预算 / 其他 ...).
    #[serde(default)]
    pub by_source: Vec<SourceAmount>,
    /// Which total the funding-source amounts are labelled as: `executed` or `total`.
    pub by_source_of: Option<BudgetBasis>,
    /// 基本支出.
    #[schemars(extend("minimum" = 0))]
    pub basic: Option<Figure>,
    /// 项目支出.
    #[schemars(extend("minimum" = 0))]
    pub project: Option<Figure>,
    /// 年末结转和结余.
    #[schemars(extend("minimum" = 0))]
    pub carry_over: Option<Figure>,
    /// The section as published (Markdown).
    pub text: Option<String>,
}

impl Budget {
    /// The unit of amounts, 万元 unless set.
    pub fn unit(&self) -> &str {
        self.unit.as_deref().unwrap_or("万元")
    }
}

/// The total a list of amounts is meant to add up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BudgetBasis {
    /// 全年预算数.
    Total,
    /// 全年执行数.
    Executed,
}

/// One funding source and its amount.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceAmount {
    /// Category as published, e.g. 一般公共预算财政拨款.
    pub source: String,
    /// Amount in the budget's unit.
    #[schemars(extend("minimum" = 0))]
    pub amount: Option<Figure>,
}

/// 部门整体绩效管理情况: how much project spending was self-evaluated.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerformanceManagement {
    /// Scope of the self-evaluation, e.g. 一般公共预算项目支出.
    pub scope: Option<String>,
    /// Number of 一级项目 evaluated.
    pub level1_projects: Option<Figure>,
    /// Number of 二级项目 evaluated.
    pub level2_projects: Option<Figure>,
    /// Funds covered by the evaluated projects, in the budget's unit.
    #[schemars(extend("minimum" = 0))]
    pub covered_funds: Option<Figure>,
    /// Share of project spending covered, in percent, as published.
    pub covered_share: Option<Figure>,
    /// The section as published (Markdown).
    pub text: Option<String>,
    /// Sentence introducing the list of targets, e.g. 其中部门整体绩效目标包括：
    pub targets_intro: Option<String>,
}

/// Whether a higher or a lower value is better for a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More is better (rates, counts of services).
    Higher,
    /// Less is better (incidents, costs, delays).
    Lower,
}

/// Comparison operator of a numeric target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Operator {
    /// At least.
    #[serde(rename = "≥", alias = ">=")]
    AtLeast,
    /// At most.
    #[serde(rename = "≤", alias = "<=")]
    AtMost,
    /// Exactly.
    #[serde(rename = "=", alias = "==")]
    Equal,
    /// More than.
    #[serde(rename = ">")]
    MoreThan,
    /// Less than.
    #[serde(rename = "<")]
    LessThan,
}

impl Operator {
    /// Whether `actual` meets a target of `target` under this operator.
    pub fn is_met(self, actual: f64, target: f64) -> bool {
        match self {
            Operator::AtLeast => actual >= target,
            Operator::AtMost => actual <= target,
            Operator::Equal => actual == target,
            Operator::MoreThan => actual > target,
            Operator::LessThan => actual < target,
        }
    }

    /// The symbol as shown, e.g. `≥`.
    pub fn symbol(self) -> &'static str {
        match self {
            Operator::AtLeast => "≥",
            Operator::AtMost => "≤",
            Operator::Equal => "=",
            Operator::MoreThan => ">",
            Operator::LessThan => "<",
        }
    }
}

/// A target value: numeric (`op` and `value`) or qualitative (`text` only).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
// The loader's rules (E0207): `op` and `value` together, and one of `op` or `text`.
#[schemars(extend("allOf" = [
    {"if": {"required": ["op"], "properties": {"op": {"type": "string"}}},
     "then": {"required": ["value"], "properties": {"value": {"type": "number"}}}},
    {"if": {"required": ["value"], "properties": {"value": {"type": "number"}}},
     "then": {"required": ["op"], "properties": {"op": {"type": "string"}}}},
    {"anyOf": [
        {"required": ["op"], "properties": {"op": {"type": "string"}}},
        {"required": ["text"], "properties": {"text": {"type": "string"}}}
    ]}
]))]
pub struct TargetValue {
    /// Comparison operator: ≥ ≤ = > < (also >= <=).
    pub op: Option<Operator>,
    /// The number the operator compares with.
    pub value: Option<Figure>,
    /// Qualitative target, or the target as worded.
    pub text: Option<String>,
}

/// An outcome: a measured value and/or the published sentence.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// The measured value, in the measure's unit.
    pub value: Option<Figure>,
    /// The published sentence or wording of the result (Markdown).
    pub text: Option<String>,
    /// The publisher's own verdict where written (true: 达成), shown beside jixiao's.
    pub met: Option<bool>,
}

/// A 部门整体绩效目标 with its result from 二（二）.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Stable id shared with indicators: the same id is the same measure every year.
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 100))]
    pub id: String,
    /// The target as published, e.g. 来穗人员居住信息登记率、注销率达到 90%。
    pub name: String,
    /// Short name of the measure for tables and comparisons, e.g. 来穗人员居住信息登记率.
    pub measure: Option<String>,
    /// Unit of target and result, e.g. `%`, 人, 件.
    pub unit: Option<String>,
    /// Whether a higher or lower value is better.
    pub direction: Option<Direction>,
    /// The target value; absent for purely qualitative targets stated in `name`.
    pub target: Option<TargetValue>,
    /// The result, from 二（二）.
    pub result: Option<Outcome>,
}

/// 主要工作成效: one achievement with its narrative and key figures.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Achievement {
    /// Stable id, unique in the report.
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 100))]
    pub id: String,
    /// Short title, when the publisher gave one or for navigation.
    pub title: Option<String>,
    /// The narrative as published (Markdown).
    pub text: String,
    /// Key figures stated in the narrative.
    #[serde(default)]
    pub figures: Vec<KeyFigure>,
}

/// A figure stated in a narrative, optionally broken into parts (其中 ...).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    /// Id, unique in the report; the same id in another year is the same measure.
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 100))]
    pub id: String,
    /// Label as published, e.g. 全区上报网格事件.
    pub label: String,
    /// The value.
    pub value: Option<Figure>,
    /// Unit, e.g. 件, 人次, 万元, %.
    pub unit: Option<String>,
    /// Parts of the figure (其中 ...).
    #[serde(default)]
    pub parts: Vec<KeyFigure>,
    /// Whether the parts are meant to add up to the whole: 其中 lists are often partial.
    #[serde(default)]
    pub parts_complete: bool,
    /// Whether the parts are stages of one pipeline that can only shrink
    /// (applications ≥ approved ≥ granted).
    #[serde(default)]
    pub parts_sequence: bool,
    /// When this figure is a year-on-year change (同比增长), the id of the key figure it
    /// compares: `check` recomputes it from the previous year's report. In percent when the
    /// unit is `%` (a decrease written negative or labelled 下降/减少), else in that figure's unit.
    pub change_of: Option<String>,
}

/// A 绩效自评表: funds block, indicator block, total score and grade.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluationTable {
    /// Id, unique in the report, e.g. `department` or a project code.
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 100))]
    pub id: String,
    /// Title, e.g. 部门整体支出绩效自评表 or the project's name.
    pub title: String,
    /// `department` for the department-wide table, `project` for one project.
    pub scope: TableScope,
    /// Unit of the funds block, 万元 unless stated.
    pub unit: Option<String>,
    /// Funds rows (年度资金总额 / 其中：本年财政拨款 / 上年结转资金 / 其他资金).
    #[serde(default)]
    pub funds: Vec<FundsRow>,
    /// Indicator rows.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Declared total of the weights (usually 100).
    pub total_weight: Option<Figure>,
    /// Total score as published.
    pub total_score: Option<Figure>,
    /// Grade as published (优 / 良 / 中 / 差 or 一等 …).
    pub grade: Option<String>,
    /// Notes under the table (Markdown).
    pub notes: Option<String>,
}

/// What a self-evaluation table evaluates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TableScope {
    /// The department as a whole (部门整体).
    Department,
    /// One project (项目支出).
    Project,
}

/// A row of the funds block of a self-evaluation table.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundsRow {
    /// Row label, e.g. 年度资金总额 or 其中：本年财政拨款.
    pub label: String,
    /// 年初预算数.
    #[schemars(extend("minimum" = 0))]
    pub initial: Option<Figure>,
    /// 全年预算数.
    #[schemars(extend("minimum" = 0))]
    pub budget: Option<Figure>,
    /// 全年执行数.
    #[schemars(extend("minimum" = 0))]
    pub executed: Option<Figure>,
    /// 分值.
    pub weight: Option<Figure>,
    /// 执行率 as published, in percent.
    pub rate: Option<Figure>,
    /// 得分.
    pub score: Option<Figure>,
}

/// A row of the indicator block of a self-evaluation table.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable id shared with targets: the same id is the same measure every year.
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 100))]
    pub id: String,
    /// 一级指标, e.g. 产出指标.
    pub level1: String,
    /// 二级指标, e.g. 数量指标.
    pub level2: Option<String>,
    /// 三级指标: the indicator's name that year.
    pub name: String,
    /// Unit, e.g. `%`, 个.
    pub unit: Option<String>,
    /// Whether a higher or lower value is better.
    pub direction: Option<Direction>,
    /// 年度指标值.
    pub target: Option<TargetValue>,
    /// 实际完成值.
    pub actual: Option<Outcome>,
    /// 分值.
    pub weight: Option<Figure>,
    /// 得分.
    pub score: Option<Figure>,
    /// 偏差原因分析及改进措施.
    pub deviation: Option<String>,
}
