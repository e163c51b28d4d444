//! The words a 自评表 is recognised by, as data: header words of each column and their
//! synonyms, row labels, operator words. Extend these lists to recognise another province's
//! tables; the recogniser (`super`) reads them and holds no words of its own.

use crate::model::Operator;

/// A column of a 自评表 that the recogniser reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// 年初预算数.
    Initial,
    /// 全年预算数 / 调整后预算数.
    Budget,
    /// 全年执行数.
    Executed,
    /// 分值.
    Weight,
    /// 执行率.
    Rate,
    /// 得分.
    Score,
    /// 一级指标.
    Level1,
    /// 二级指标.
    Level2,
    /// 三级指标.
    Name,
    /// 年度指标值.
    Target,
    /// 实际完成值.
    Actual,
    /// 偏差原因分析及改进措施.
    Deviation,
    /// 计量单位.
    Unit,
}

/// Header words of the funds block's columns, each column's synonyms (a header cell names a
/// column when it contains one; the longest match wins).
pub const FUNDS_HEADERS: &[(Column, &[&str])] = &[
    (Column::Initial, &["年初预算数", "年初预算", "年初数"]),
    (Column::Budget, &["全年预算数", "调整后预算数", "全年预算", "调整后预算", "预算数"]),
    (Column::Executed, &["全年执行数", "全年执行", "执行数", "实际支出数", "实际支出"]),
    (Column::Weight, &["分值", "权重"]),
    (Column::Rate, &["执行率", "预算执行率"]),
    (Column::Score, &["得分"]),
];

/// Header words of the indicator block's columns.
pub const INDICATOR_HEADERS: &[(Column, &[&str])] = &[
    (Column::Level1, &["一级指标"]),
    (Column::Level2, &["二级指标"]),
    (Column::Name, &["三级指标", "指标名称", "绩效指标名称"]),
    (Column::Target, &["年度指标值", "年度目标值", "指标值", "目标值", "预期目标值"]),
    (Column::Actual, &["实际完成值", "全年实际值", "实际值", "完成值", "实际完成情况"]),
    (Column::Weight, &["分值", "权重"]),
    (Column::Score, &["得分"]),
    (Column::Deviation, &["偏差原因分析及改进措施", "偏差原因分析", "偏差原因", "未完成原因", "原因分析及改进措施"]),
    (Column::Unit, &["计量单位"]),
];

/// Labels of the rows of a funds block (a row with one of them belongs to the block even when
/// its figures are empty).
pub const FUNDS_ROW_LABELS: &[&str] = &["年度资金总额", "资金总额", "财政拨款", "上年结转", "其他资金", "其中"];

/// Labels of the total-score row.
pub const TOTAL_LABELS: &[&str] = &["总分", "合计", "总计", "综合得分", "自评得分"];

/// Labels of the grade cell; the grade is the next cell to the right.
pub const GRADE_LABELS: &[&str] = &["评价等级", "自评等级", "绩效等级", "评定等级", "等级"];

/// Labels of the header block; the value is the next cell to the right.
pub const HEADER_LABELS: &[&str] = &["项目名称", "部门名称", "单位名称", "主管部门", "实施单位", "预算单位"];

/// The header labels that name the department, most specific first: a workbook imported alone
/// takes the department's name from the first of these its table states.
pub const DEPARTMENT_LABELS: &[&str] = &["部门名称", "单位名称", "主管部门", "预算单位"];

/// Starts of a notes row under a table.
pub const NOTE_STARTS: &[&str] = &["注", "说明", "备注", "评分方法", "填表说明"];

/// Words of a table's title.
pub const TITLE_WORDS: &[&str] = &["自评表", "评价表", "绩效自评"];

/// Operator words of a target (年度指标值), before or after the figure, with the operator they
/// state. Symbols are in [`OPERATOR_SYMBOLS`].
pub const OPERATOR_WORDS: &[(&str, Operator)] = &[
    ("大于等于", Operator::AtLeast),
    ("小于等于", Operator::AtMost),
    ("不低于", Operator::AtLeast),
    ("不少于", Operator::AtLeast),
    ("不小于", Operator::AtLeast),
    ("至少", Operator::AtLeast),
    ("达到", Operator::AtLeast),
    ("以上", Operator::AtLeast),
    ("不高于", Operator::AtMost),
    ("不超过", Operator::AtMost),
    ("不多于", Operator::AtMost),
    ("不大于", Operator::AtMost),
    ("以下", Operator::AtMost),
    ("以内", Operator::AtMost),
    ("控制在", Operator::AtMost),
    ("大于", Operator::MoreThan),
    ("高于", Operator::MoreThan),
    ("超过", Operator::MoreThan),
    ("小于", Operator::LessThan),
    ("低于", Operator::LessThan),
    ("少于", Operator::LessThan),
    ("等于", Operator::Equal),
];

/// Operator symbols, with the operator they state.
pub const OPERATOR_SYMBOLS: &[(&str, Operator)] = &[
    (">=", Operator::AtLeast),
    ("<=", Operator::AtMost),
    ("≥", Operator::AtLeast),
    ("≧", Operator::AtLeast),
    ("≤", Operator::AtMost),
    ("≦", Operator::AtMost),
    ("＞", Operator::MoreThan),
    (">", Operator::MoreThan),
    ("＜", Operator::LessThan),
    ("<", Operator::LessThan),
    ("＝", Operator::Equal),
    ("=", Operator::Equal),
];

/// The unit of a funds block when the table states none.
pub const DEFAULT_UNIT: &str = "万元";
