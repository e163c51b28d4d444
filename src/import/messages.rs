//! Every text `jixiao import` prints, in English and Chinese (the language chosen as for the
//! rest of jixiao, see [`crate::messages`]), and the Chinese comments it writes into the YAML
//! (report files are commented in Chinese, as `jixiao new` does). Error codes E0830 and up (E08xx, 30–59).

use super::findings::{ImportReport, Status};
use crate::messages::{Lang, Text, pick, tr};
use std::fmt::Write as _;


/// Code: the report or department file to write exists already.
pub const E_EXISTS: &str = "E0830";
/// Code: the year is not given and not in the title.
pub const E_NO_YEAR: &str = "E0831";
/// Code: the department is not given and cannot be made from the title.
pub const E_NO_DEPARTMENT: &str = "E0832";
/// Code: the department id is not usable.
pub const E_BAD_ID: &str = "E0835";
/// Code: a file cannot be written.
pub const E_WRITE: &str = "E0836";
/// Code: no input file given.
pub const E_NO_INPUT: &str = "E0837";
/// Code: a new department has no name (not in the title, no --name).
pub const E_NO_NAME: &str = "E0839";

/// The file to write exists.
pub fn exists(path: &str) -> Text {
    tr!("{path} exists already; jixiao import never overwrites a file", "{path} 已存在；jixiao import 不会覆盖已有文件")
}

/// Hint for an existing file.
pub fn exists_hint(year: u16) -> Text {
    tr!(
        "import as another year (--year {year}), into another folder (--root), or move the existing file away first",
        "请改用其他年度（--year {year}）或其他站点目录（--root），或先移走已有文件"
    )
}

/// No year given and none in the title.
pub fn no_year() -> Text {
    tr!("cannot tell the report's year from its title", "无法从报告标题中识别年度")
}

/// Hint: give the year.
pub fn no_year_hint() -> Text {
    tr!("give it: --year 2023", "请用 --year 指定，如 --year 2023")
}

/// No department given and none can be made from the title.
pub fn no_department() -> Text {
    tr!("cannot tell the department from the report's title", "无法从报告标题中识别部门")
}

/// Hint: give the department.
pub fn no_department_hint() -> Text {
    tr!("give its id (its folder under content/): --department huangpu-zhengfawei", "请用 --department 指定部门代码（content/ 下的文件夹名），如 --department huangpu-zhengfawei")
}

/// The department id is not usable.
pub fn bad_department(id: &str) -> Text {
    tr!("`{id}` cannot be a department id", "“{id}”不能用作部门代码")
}

/// A new department without a name.
pub fn no_name(id: &str) -> Text {
    tr!("department `{id}` is new and its name is not in the report's title", "部门 “{id}” 是新部门，报告标题中找不到部门名称")
}

/// A field of a self-evaluation table that its reader inferred rather than read.
pub fn table_field_guessed() -> Text {
    tr!("inferred, not read from a cell: check it against the table", "推测所得，并非读自单元格：请对照原表核对")
}

/// Hint: give the name.
pub fn no_name_hint() -> Text {
    tr!("give it: --name 中共广州市黄埔区委政法委员会", "请用 --name 指定部门全称，如 --name 中共广州市黄埔区委政法委员会")
}

/// No input.
pub fn no_input() -> Text {
    tr!("no file to import", "没有要导入的文件")
}

/// A file cannot be written.
pub fn cannot_write(path: &str, e: &std::io::Error) -> Text {
    tr!("cannot write {path}: {e}", "无法写入 {path}：{e}")
}


/// A guess: an id reused from an earlier year.
pub fn id_reused(id: &str, year: u16) -> Text {
    tr!("id `{id}` reused from {year} (same measure by its name)", "沿用 {year} 年度的 id “{id}”（名称相同或相近）")
}

/// YAML comment: an id reused from an earlier year.
pub fn yaml_id_reused(id: &str, year: u16) -> String {
    format!("导入时推测：id {id} 沿用 {year} 年度名称相同或相近的一项，请核对是否同一指标")
}

/// The department's earlier reports could not be loaded: no id reused.
pub fn earlier_not_loaded(folder: &str) -> Text {
    tr!(
        "the earlier reports in {folder} do not load (see jixiao check): no id was reused from them",
        "{folder} 中往年的报告无法加载（请运行 jixiao check 查看）：未能沿用往年的 id"
    )
}

/// A guess: the legal basis of a withheld overview.
pub fn withheld_basis_guess() -> Text {
    tr!("the legal basis of the withheld part was not found; the whole sentence is used", "未找到不予公开的法律依据，暂以整句代替")
}

/// YAML comment: the legal basis.
pub fn yaml_withheld_basis() -> String {
    "导入时推测：withheld.basis 未能识别，暂以整句代替，请改为法律依据（如《保密法》及其实施条例）".to_string()
}

/// A guess: results and targets differ in number.
pub fn results_count(results: usize, targets: usize) -> Text {
    tr!("{results} results for {targets} targets: paired by number", "完成情况 {results} 项、绩效目标 {targets} 项，按序号配对")
}

/// A guess: a narrative paired with the task its heading resembles.
pub fn narrative_by_likeness(number: u32, task: &str) -> Text {
    tr!("narrative ({number}) paired with the task it resembles: {task}", "第（{number}）项分析按名称相近配对到任务：{task}")
}

/// A guess: a narrative paired by number only.
pub fn narrative_by_number(number: u32) -> Text {
    tr!("narrative ({number}) paired with task {number} by number; its heading differs", "第（{number}）项分析按序号配对到第 {number} 项任务，标题不一致")
}

/// YAML comment: a narrative paired by a guess.
pub fn yaml_narrative_guess() -> String {
    "导入时推测：本项与任务的对应关系是推测的，请核对 task".to_string()
}

/// YAML comment: passages the outline could not place.
pub fn yaml_unplaced() -> String {
    "导入时未能归入任何部分的文字（页面上以醒目方式列出，加载时会提示）：\n请逐段移到所属部分或删除，全部处理后删去 unplaced。".to_string()
}

/// YAML header of an imported report.
pub fn yaml_header(files: &[String]) -> String {
    format!(
        "草稿：由 jixiao import 从 {} 导入。\n\
         导入只照录原文：每个数字都取自原文，写法不变；未识别的内容不会编造。\n\
         请对照原文核对：标有“导入时推测”的注释、各项 id、数字所在的位置，以及文末的 unplaced。\n\
         核对完成后把 draft 改为 false 发布；预览：jixiao build --drafts。",
        files.join("、")
    )
}

/// The name of a status.
fn status(s: Status) -> Text {
    match s {
        Status::Found => tr!("found", "已识别"),
        Status::Guessed => tr!("guessed", "推测"),
        Status::NotFound => tr!("not found", "未找到"),
    }
}

/// What a report field is, for the import report: the outline's heading it comes from.
fn section_name(field: &str) -> Text {
    match field {
        "title" => tr!("title", "标题"),
        "cover" => tr!("cover sheet", "封面信息"),
        "score" => tr!("total score and grade", "综合评分和等级"),
        "overview" => tr!("1 (1) overview of the department", "一（一）部门概况"),
        "work" => tr!("1 (2) key tasks", "一（二）年度总体工作和重点工作任务"),
        "budget" => tr!("1 (3) budget and spending", "一（三）部门整体收支情况"),
        "performance" => tr!("1 (4) performance management and targets", "一（四）部门整体绩效管理情况"),
        "summary" => tr!("2 (1) conclusion", "二（一）自评结论综述"),
        "targets[].result" => tr!("2 (2) results of the targets", "二（二）各项工作任务绩效目标完成情况"),
        "task_narratives" => tr!("2 (3) spending on each key task", "二（三）各重点任务项目支出完成情况"),
        "achievements" => tr!("2 (4) achievements", "二（四）主要工作成效"),
        "problems" => tr!("3 problems", "三、存在的主要问题"),
        "improvements" => tr!("4 improvements", "四、下一步改进措施"),
        "evaluation_tables" => tr!("self-evaluation tables", "绩效自评表"),
        other => Text::same(other),
    }
}

/// `text` padded with spaces to `width` display columns (CJK characters count two).
fn pad(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// The import report for people.
pub fn render(r: &ImportReport, dry_run: bool, lang: Lang) -> String {
    let mut out = String::new();
    for f in &r.files {
        let _ = writeln!(out, "{}", pick!(lang, "read {path} ({format})", "已读取 {path}（{format}）", path = f.path, format = f.format));
        for n in &f.notes {
            let _ = writeln!(out, "  {}", n.get(lang));
        }
    }
    let _ = writeln!(out, "{}", pick!(lang, "report {dept}/{year}, by section:", "报告 {dept}/{year}，各部分：", dept = r.department, year = r.year));
    for s in &r.sections {
        let count = s.count.map(|n| pick!(lang, " ({n})", "（{n}）")).unwrap_or_default();
        let at = s.at.as_deref().map(|a| format!("  {a}")).unwrap_or_default();
        let _ = writeln!(out, "  {} {} ({}){count}{at}", pad(status(s.status).get(lang), 10), section_name(&s.section).get(lang), s.section);
    }
    for t in &r.tables {
        let _ = writeln!(
            out,
            "  {}",
            pick!(lang, "{table}: {found} fields read from cells, {guessed} inferred  {at}", "{table}：{found} 项读自单元格，{guessed} 项为推测  {at}", table = t.table, found = t.found.len(), guessed = t.guessed.len(), at = t.at)
        );
    }
    if !r.guesses.is_empty() {
        let _ = writeln!(out, "{}", pick!(lang, "guesses to confirm ({n}):", "需要核对的推测（{n}）：", n = r.guesses.len()));
        for g in &r.guesses {
            let at = g.at.as_deref().map(|a| format!("  {a}")).unwrap_or_default();
            let _ = writeln!(out, "  {}: {}{at}", g.field, g.note.get(lang));
        }
    }
    if !r.unplaced.is_empty() {
        let _ = writeln!(out, "{}", pick!(lang, "not placed in any section ({n}), kept under `unplaced:`:", "未能归入任何部分（{n}），已保留在 `unplaced:` 中：", n = r.unplaced.len()));
        for u in &r.unplaced {
            let text: String = u.text.chars().take(40).collect();
            let more = if u.text.chars().count() > 40 { "…" } else { "" };
            let _ = writeln!(out, "  {}  {text}{more}", u.at.as_deref().unwrap_or(""));
        }
    }
    let _ = writeln!(out, "{}", pick!(lang, "{n} typed figures imported", "共导入 {n} 个数字", n = r.figures));
    if dry_run {
        let _ = writeln!(out, "{}", pick!(lang, "dry run: nothing written", "试运行：未写入任何文件"));
    }
    for w in &r.written {
        let _ = writeln!(out, "{}", pick!(lang, "wrote {w}", "已写入 {w}"));
    }
    out
}

/// What the loader and `check` said about the written report.
pub fn after_write(errors: usize, warnings: usize) -> Text {
    tr!(
        "the written report loads with {errors} error(s) and {warnings} warning(s) (listed above); preview it with jixiao build --drafts",
        "写入的报告加载结果：{errors} 个错误，{warnings} 个警告（见上）；可用 jixiao build --drafts 预览"
    )
}

/// The proposal of a department id and year made from the title.
pub fn proposed(department: &str, year: u16) -> Text {
    tr!(
        "department `{department}` and year {year} taken from the title (give --department / --year to choose others)",
        "部门代码 “{department}” 和年度 {year} 取自报告标题（可用 --department / --year 另行指定）"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages() {
        for lang in [Lang::En, Lang::ZhCn] {
            for text in [exists("a"), no_year(), no_department(), id_reused("a", 2022), proposed("a", 2022)] {
                let text = text.get(lang);
                assert!(!text.is_empty());
                assert_eq!(text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), lang == Lang::ZhCn, "{text}");
            }
        }
    }
}
