//! Texts about corrections (勘误, a report's `corrections:`) and the changes since a report's
//! snapshot: the loader's errors about a correction and `check`'s findings (J701, J702).

use super::{Msg, Text, short};

/// A correction dated before the report's publication (E0220).
pub fn correction_before_published(date: &str, published: &str) -> Text {
    tr!(
        "the correction is dated {date}, before the report was published ({published}): a report is corrected after it is published",
        "更正日期 {date} 早于报告的发布日期（{published}）：报告发布之后才能更正"
    )
}
/// Hint for a correction dated before publication.
pub const CORRECTION_BEFORE_PUBLISHED_HINT: Msg = Msg::new(
    "write the day the correction was made (on or after `published`); a change before publication is not a correction: edit the report",
    "请写作出更正的日期（不早于 `published`）；发布之前的修改不属于更正，直接修改报告即可",
);
/// A correction without text (E0221).
pub const CORRECTION_EMPTY: Msg = Msg::new(
    "a correction needs a `text` saying what was corrected and why",
    "更正须有 `text`，说明更正了什么、为什么更正",
);
/// Hint for a correction without text.
pub const CORRECTION_EMPTY_HINT: Msg = Msg::new(
    "e.g. text: 全年执行数原误为 7,907.98 万元，更正为 7,970.98 万元。",
    "例如 text: 全年执行数原误为 7,907.98 万元，更正为 7,970.98 万元。",
);
/// A correction naming a field the report does not have (E0222).
pub fn correction_unknown_field(path: &str) -> Text {
    let shown = short(path);
    tr!("the correction names `{shown}`, which this report does not have", "更正所列字段 `{shown}` 在本报告中不存在")
}
/// Hint for an unknown field, with the nearest path the report has, when there is one.
pub fn correction_unknown_field_hint(nearest: Option<&str>) -> Text {
    let general = tr!(
        "name a field as `jixiao check` prints it: `budget.executed`, `targets[2].result.value` (list positions count from 0)",
        "请按 `jixiao check` 输出的写法列出字段：`budget.executed`、`targets[2].result.value`（列表序号从 0 开始）"
    );
    match nearest {
        Some(n) => Text::new(format!("did you mean `{n}`? {}", general.en), format!("是否应为 `{n}`？{}", general.zh)),
        None => general,
    }
}
/// The same field listed twice in one correction (E0222).
pub fn correction_field_twice(path: &str) -> Text {
    tr!("`{path}` is listed twice in this correction", "`{path}` 在这条更正中列出了两次")
}
/// Hint for a field listed twice.
pub const CORRECTION_FIELD_TWICE_HINT: Msg = Msg::new("list each field once", "每个字段只需列出一次");

/// A figure or text that differs from the snapshot without a correction explaining it (J701).
pub fn differs_from_snapshot(year: u16, date: &str, old: Option<&str>, new: Option<&str>) -> Text {
    let none = ("(absent)", "（无）");
    let (old_en, old_zh) = old.map_or(none, |o| (o, o));
    let (new_en, new_zh) = new.map_or(none, |n| (n, n));
    let (old_en, old_zh, new_en, new_zh) = (short(old_en), short(old_zh), short(new_en), short(new_zh));
    Text::new(
        format!("differs from the snapshot of {year} ({date}): was \"{old_en}\", now \"{new_en}\", and no correction names this field"),
        format!("与 {year} 年度快照（{date}）不同：原为“{old_zh}”，现为“{new_zh}”，且没有更正说明列出此字段"),
    )
}
/// The snapshot's copy of a report that cannot be compared (J702).
pub fn snapshot_unreadable(year: u16, why: &Text) -> Text {
    Text::new(format!("cannot compare with the snapshot of {year}: {}", why.en), format!("无法与 {year} 年度快照比较：{}", why.zh))
}
/// Why a snapshot's copy of a report cannot be read: its file differs from the manifest.
pub fn snapshot_report_tampered(file: &str) -> Text {
    tr!("{file} differs from the snapshot's manifest", "{file} 与快照清单记载的不一致")
}
/// Why a snapshot's copy of a report cannot be read: it is not a report.json jixiao can read.
pub fn snapshot_report_invalid(file: &str, error: &str) -> Text {
    tr!("{file} cannot be read as a report: {error}", "{file} 无法作为报告读取：{error}")
}
