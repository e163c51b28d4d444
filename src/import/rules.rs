//! The recognition rules as data: which words name a section, a budget figure, an operator, a
//! unit or a cover-sheet field. A maintainer who meets a new phrasing adds a word to a table
//! here; the recognisers (`outline`, `figures`) hold no phrasing of their own.
//!
//! Order matters where noted: the first matching entry wins, so put the more specific words
//! first.

use crate::model::Operator;
// The words of figures in a sentence (units, fillers …) are `crate::sentence`'s, shared with `check`.
pub(super) use crate::sentence::{FILLERS, LABEL_LEAD, MONEY_UNITS};

/// A chapter of the common outline (一、…四、).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Chapter {
    /// 一、基本情况.
    Basic,
    /// 二、综合评价分析.
    Analysis,
    /// 三、存在的主要问题.
    Problems,
    /// 四、下一步改进措施.
    Improvements,
}

/// Words that name each chapter in its heading (first match wins).
pub(super) const CHAPTERS: &[(Chapter, &[&str])] = &[
    (Chapter::Problems, &["存在的主要问题", "存在问题", "主要问题", "问题及原因", "存在的问题"]),
    (Chapter::Improvements, &["改进措施", "改进建议", "整改措施", "下一步", "意见建议", "改进意见"]),
    (Chapter::Analysis, &["综合评价", "评价分析", "自评情况", "绩效分析", "绩效自评结果", "自评结果"]),
    (Chapter::Basic, &["基本情况"]),
];

/// A part of the report the outline places text into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Part {
    /// 一（一）部门概况 → `overview`.
    Overview,
    /// 一（二）年度总体工作和重点工作任务 → `work`.
    Work,
    /// 一（三）部门整体收支情况 → `budget`.
    Budget,
    /// 一（四）部门整体绩效管理情况 → `performance` and `targets`.
    Performance,
    /// 二（一）自评结论综述 → `summary`.
    Summary,
    /// 二（二）各项工作任务绩效目标完成情况 → `targets[].result`.
    Results,
    /// 二（三）各重点任务项目支出完成情况 → `task_narratives`.
    Narratives,
    /// 二（四）主要工作成效 → `achievements`.
    Achievements,
    /// 三、存在的主要问题 → `problems`.
    Problems,
    /// 四、下一步改进措施 → `improvements`.
    Improvements,
}

impl Part {
    /// Every part, in the order of the outline.
    pub(super) const ALL: [Part; 10] = [
        Part::Overview,
        Part::Work,
        Part::Budget,
        Part::Performance,
        Part::Summary,
        Part::Results,
        Part::Narratives,
        Part::Achievements,
        Part::Problems,
        Part::Improvements,
    ];

    /// The report field the part fills, as the import report names it.
    pub(super) fn field(self) -> &'static str {
        match self {
            Part::Overview => "overview",
            Part::Work => "work",
            Part::Budget => "budget",
            Part::Performance => "performance",
            Part::Summary => "summary",
            Part::Results => "targets[].result",
            Part::Narratives => "task_narratives",
            Part::Achievements => "achievements",
            Part::Problems => "problems",
            Part::Improvements => "improvements",
        }
    }
}

/// Words that name each section in its heading, and the chapter it belongs to (first match
/// wins among the sections of the current chapter; any chapter when none is known).
pub(super) const SECTIONS: &[(Part, Chapter, &[&str])] = &[
    (Part::Overview, Chapter::Basic, &["部门概况", "单位概况", "基本概况", "部门职能", "主要职能", "职能职责", "机构设置"]),
    (Part::Budget, Chapter::Basic, &["收支情况", "收支", "预算执行情况", "资金情况", "预算情况", "收入支出"]),
    (Part::Performance, Chapter::Basic, &["绩效管理", "绩效目标设定", "绩效自评开展"]),
    (Part::Work, Chapter::Basic, &["重点工作", "工作任务", "总体工作", "年度工作"]),
    (Part::Summary, Chapter::Analysis, &["自评结论", "综述", "总体评价", "自评得分", "评价结论"]),
    (Part::Results, Chapter::Analysis, &["目标完成", "目标实现", "指标完成", "目标的完成"]),
    (Part::Narratives, Chapter::Analysis, &["项目支出完成", "支出完成", "项目完成", "重点任务"]),
    (Part::Achievements, Chapter::Analysis, &["工作成效", "成效", "成绩", "工作效果"]),
];

/// A budget figure of 一（三）.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BudgetField {
    /// 年初预算数 → `budget.initial`.
    Initial,
    /// 全年预算数 → `budget.total`.
    Total,
    /// 执行数 → `budget.executed`.
    Executed,
    /// 执行率 → `budget.execution_rate`.
    Rate,
    /// 基本支出 → `budget.basic`.
    Basic,
    /// 项目支出 → `budget.project`.
    Project,
    /// 年末结转和结余 → `budget.carry_over`.
    CarryOver,
}

/// Synonyms of each budget figure. A word found inside a longer word of another field (执行数
/// in 预算执行数) does not count.
pub(super) const BUDGET_WORDS: &[(BudgetField, &[&str])] = &[
    (BudgetField::Initial, &["年初预算数", "年初预算金额", "年初预算"]),
    (BudgetField::Total, &["全年预算数", "调整后预算数", "调整预算数", "全年预算金额", "调整后预算"]),
    (BudgetField::Executed, &["全年执行数", "执行数", "实际支出数", "全年支出数", "决算数"]),
    (BudgetField::Rate, &["预算执行率", "执行率", "完成预算的", "完成全年预算的", "完成年度预算的"]),
    (BudgetField::Basic, &["基本支出"]),
    (BudgetField::Project, &["项目支出"]),
    (BudgetField::CarryOver, &["年末结转和结余", "年末结转结余", "结转和结余", "结转结余"]),
];

/// Words that open the list of amounts by funding source; the list runs to the end of the
/// sentence.
pub(super) const BY_SOURCE: &[&str] = &["按资金来源分", "从资金来源看", "按资金来源看", "按资金来源划分", "分资金来源看", "按来源分"];

/// Words a funding-source name ends with that say which total the amounts are: spending
/// (执行数) or budget (预算数). Stripped from the name.
pub(super) const SOURCE_BASIS: &[(&str, crate::model::BudgetBasis)] = &[
    ("支出", crate::model::BudgetBasis::Executed),
    ("收入", crate::model::BudgetBasis::Total),
];

/// Performance-management figures of 一（四）: label words and the field they fill.
pub(super) const PERFORMANCE_WORDS: &[(&str, &[&str])] = &[
    ("level1_projects", &["一级项目"]),
    ("level2_projects", &["二级项目"]),
    ("covered_funds", &["涉及资金", "涉及金额", "涉及项目资金", "覆盖资金", "资金总额"]),
];

/// The word before the share of project spending covered (占…的 99.18%).
pub(super) const SHARE_WORD: &str = "占";

/// Words that end the scope of the self-evaluation (对 2022 年度一般公共预算项目支出开展绩效自评).
pub(super) const SCOPE_END: &[&str] = &["开展绩效自评", "开展自评", "进行绩效自评", "进行自评"];

/// Operator words written before a target figure, longest first.
pub(super) const OPERATOR_BEFORE: &[(&str, Operator)] = &[
    ("大于等于", Operator::AtLeast),
    ("小于等于", Operator::AtMost),
    ("不低于", Operator::AtLeast),
    ("不少于", Operator::AtLeast),
    ("不小于", Operator::AtLeast),
    ("不高于", Operator::AtMost),
    ("不超过", Operator::AtMost),
    ("不大于", Operator::AtMost),
    ("不多于", Operator::AtMost),
    ("控制在", Operator::AtMost),
    ("达到", Operator::AtLeast),
    ("高于", Operator::MoreThan),
    ("低于", Operator::LessThan),
    ("超过", Operator::MoreThan),
    ("≥", Operator::AtLeast),
    (">=", Operator::AtLeast),
    ("≤", Operator::AtMost),
    ("<=", Operator::AtMost),
    ("达", Operator::AtLeast),
    (">", Operator::MoreThan),
    ("<", Operator::LessThan),
    ("＞", Operator::MoreThan),
    ("＜", Operator::LessThan),
    ("=", Operator::Equal),
];

/// Operator words written after a target figure and its unit.
pub(super) const OPERATOR_AFTER: &[(&str, Operator)] = &[
    ("及以上", Operator::AtLeast),
    ("以上", Operator::AtLeast),
    ("及以下", Operator::AtMost),
    ("以下", Operator::AtMost),
    ("以内", Operator::AtMost),
];

/// Words that open the parts of a figure (其中 …, 分别 …).
pub(super) const PARTS_WORDS: &[&str] = &["其中", "分别"];

/// How the labels of the stages of one pipeline end (申请 4571 人次，预审通过 2904 人，审核通过
/// 2806 人): figures so labelled after another figure are its parts, a sequence.
pub(super) const SEQUENCE_STAGES: &[&str] = &["通过", "获批", "批准", "核准", "办结"];

/// Cover-sheet labels (索引号：…) and the field each fills.
pub(super) const COVER: &[(&str, &str)] = &[
    ("索引号", "index_number"),
    ("发布机构", "issuer"),
    ("预算编码", "budget_code"),
    ("项目编码", "budget_code"),
    ("评价方式", "evaluation_method"),
    ("评价机构", "evaluator"),
    ("报告日期", "report_date"),
    ("联系电话", "phone"),
    ("联系人", "contact"),
    ("人员编制", "staffing"),
    ("发布日期", "published"),
];

/// Words before a total score (综合评分为96.5分), longest first.
pub(super) const SCORE_WORDS: &[&str] = &["综合评分为", "综合得分为", "自评得分为", "自评总分为", "评价得分为", "总得分为", "综合评分", "综合得分", "自评得分", "自评总分", "总得分", "总分为"];

/// Words before a grade (评价等级为“优”).
pub(super) const GRADE_WORDS: &[&str] = &["评价等级为", "自评等级为", "等级评定为", "评价结果为", "等级为", "评定为", "等级："];

/// Grades as published, longest first.
pub(super) const GRADES: &[&str] = &["不合格", "优秀", "良好", "合格", "一等", "二等", "三等", "四等", "优", "良", "中", "差"];

/// Words a report title ends with after the department's name, longest first: what is left
/// before them (less the year) is the name.
pub(super) const TITLE_ENDINGS: &[&str] = &[
    "部门整体支出绩效自评报告", "部门整体支出绩效评价报告", "整体支出绩效自评报告", "部门整体绩效自评报告", "绩效自评报告", "自评报告",
];

/// Words stripped from a name before it becomes an id or is compared with an earlier year's.
pub(super) const ID_FILLER: &[&str] = &["做好做好", "做好", "完成", "通过开展", "开展", "加强", "推进", "进一步", "全面", "持续", "积极", "确保", "已"];

/// Markers of the sentence that introduces the list of targets (其中部门整体绩效目标包括：).
pub(super) const TARGETS_INTRO: &[&str] = &["绩效目标", "目标包括", "目标如下"];

/// Phrases of an overview that say the duties are withheld by law.
pub(super) const WITHHELD: &[&str] = &["不对外公开", "不予公开", "依法不公开"];
