//! `jixiao new <dept> <year>`: starts next year's report from the department's latest one.
//!
//! The new file keeps what a department plans for years ahead: its key tasks, its targets and
//! indicators with their ids, units, directions, target values and weights, its funding sources
//! and table layout. Every measured figure (budget, execution, results, scores) is left empty
//! (`~`) with a comment saying what to fill in: never a number carried over, so nothing from
//! last year can be published by mistake. The file is a draft; the loader refuses to publish it
//! (`draft: false`) while a figure is still empty, naming each one. It never overwrites a file.

use jixiao::diagnostics::{Diagnostic, Diagnostics};
use jixiao::load::is_valid_id;
use jixiao::model::{EvaluationTable, Figure, Outcome, Report, Target, TargetValue};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The arguments of `jixiao new`; what each means (for `--help`) is in
/// `jixiao::messages::COMMAND_HELP`.
#[derive(clap::Args)]
pub(crate) struct Args {
    department: String,
    #[arg(value_parser = super::help::whole_number)]
    year: u16,
    #[arg(short, long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

use jixiao::model::yaml::{YamlWriter, scalar as text};

/// Writes the YAML of the new report (through the library's writer) and counts the empty
/// figures.
struct Writer {
    w: YamlWriter,
    empty: usize,
}

impl Writer {
    fn line(&mut self, indent: usize, s: &str) {
        self.w.line(indent, s);
    }

    fn kv(&mut self, indent: usize, key: &str, value: &str) {
        self.w.kv(indent, key, value);
    }

    fn string(&mut self, indent: usize, key: &str, value: Option<&str>) {
        self.w.string(indent, key, value);
    }

    /// An item of a list: `- key: value`.
    fn item(&mut self, indent: usize, key: &str, value: &str) {
        self.w.item(indent, key, value);
    }

    fn empty_figure(&mut self, indent: usize, key: &str, what: &str) {
        self.empty += 1;
        self.line(indent, &format!("{key}: ~  # 待填写：{what}"));
    }

    fn kept_figure(&mut self, indent: usize, key: &str, f: Option<&Figure>, note: &str) {
        self.w.figure(indent, key, f, Some(note));
    }

    fn target_value(&mut self, indent: usize, key: &str, t: Option<&TargetValue>) {
        self.w.target_value(indent, key, t, Some("目标值沿用上年，如有调整请修改"));
    }

    /// The result of a target or indicator: a figure to fill in when last year's result had one
    /// or the target is numeric, else the wording.
    fn outcome(&mut self, indent: usize, key: &str, target: Option<&TargetValue>, last: Option<&Outcome>) {
        let numeric = last.is_some_and(|o| o.value.is_some()) || target.is_some_and(|t| t.value.is_some());
        self.line(indent, &format!("{key}:"));
        if numeric {
            self.empty_figure(indent + 2, "value", "实际完成值（数字）");
        } else {
            self.line(indent + 2, "text: ~  # 待填写：完成情况（文字）");
        }
    }
}

fn target(w: &mut Writer, t: &Target) {
    w.item(4, "id", &text(&t.id, 8));
    w.string(6, "name", Some(&t.name));
    w.string(6, "measure", t.measure.as_deref());
    w.string(6, "unit", t.unit.as_deref());
    if let Some(d) = t.direction {
        w.kv(6, "direction", if d == jixiao::model::Direction::Higher { "higher" } else { "lower" });
    }
    w.target_value(6, "target", t.target.as_ref());
    w.outcome(6, "result", t.target.as_ref(), t.result.as_ref());
}

fn table(w: &mut Writer, t: &EvaluationTable, from: u16, year: u16) {
    w.item(2, "id", &text(&t.id, 6));
    w.string(4, "title", Some(&t.title.replace(&from.to_string(), &year.to_string())));
    w.kv(4, "scope", if t.scope == jixiao::model::TableScope::Department { "department" } else { "project" });
    w.string(4, "unit", t.unit.as_deref());
    if !t.funds.is_empty() {
        w.line(4, "funds:");
        for row in &t.funds {
            w.item(6, "label", &text(&row.label, 10));
            if row.initial.is_some() {
                w.empty_figure(8, "initial", "年初预算数");
            }
            w.empty_figure(8, "budget", "全年预算数");
            w.empty_figure(8, "executed", "全年执行数");
            w.kept_figure(8, "weight", row.weight.as_ref(), "分值沿用上年");
            if row.rate.is_some() {
                w.empty_figure(8, "rate", "执行率（%）");
            }
            if row.score.is_some() {
                w.empty_figure(8, "score", "得分");
            }
        }
    }
    if !t.indicators.is_empty() {
        w.line(4, "indicators:");
        for i in &t.indicators {
            w.item(6, "id", &text(&i.id, 10));
            w.string(8, "level1", Some(&i.level1));
            w.string(8, "level2", i.level2.as_deref());
            w.string(8, "name", Some(&i.name));
            w.string(8, "unit", i.unit.as_deref());
            if let Some(d) = i.direction {
                w.kv(8, "direction", if d == jixiao::model::Direction::Higher { "higher" } else { "lower" });
            }
            w.target_value(8, "target", i.target.as_ref());
            w.outcome(8, "actual", i.target.as_ref(), i.actual.as_ref());
            w.kept_figure(8, "weight", i.weight.as_ref(), "分值沿用上年");
            if i.score.is_some() || i.weight.is_some() {
                w.empty_figure(8, "score", "得分");
            }
        }
    }
    w.kept_figure(4, "total_weight", t.total_weight.as_ref(), "总分值沿用上年");
    if t.total_score.is_some() {
        w.empty_figure(4, "total_score", "总得分");
    }
    if t.grade.is_some() {
        w.line(4, "grade: ~  # 待填写：等级（优 / 良 / 中 / 差）");
    }
}

/// The YAML of the report for `year`, started from `last` (of year `from`). Returns the text and
/// the number of empty figures.
pub(crate) fn next_report(department: &str, year: u16, from: u16, last: &Report, schema: &str) -> (String, usize) {
    let mut w = Writer { w: YamlWriter::with_capacity(8192), empty: 0 };
    w.line(0, &format!("# yaml-language-server: $schema={schema}"));
    w.line(0, &format!("# {year}年度部门整体支出绩效自评报告（草稿：由 jixiao new 根据 {from} 年度报告生成）"));
    w.line(0, "#");
    w.line(0, &format!("# 重点任务、绩效目标和自评表指标（含代码 id、单位、目标值、分值）沿用 {from} 年度，"));
    w.line(0, "# 以便跨年度对比；如本年度有调整请直接修改，但同一指标请保留原来的 id。");
    w.line(0, "# 所有数字都留空（~），请按正式报告逐项填写；留空的数字不会显示为 0。");
    w.line(0, "# 预览草稿：jixiao build --drafts。数字全部填写后才能把 draft 改为 false 发布，");
    w.line(0, "# 否则生成时会逐项列出仍为空的数字。原文没有的数字，请删除该行，不要填 0。");
    w.line(0, "");
    w.kv(0, "department", &text(department, 2));
    w.kv(0, "year", &year.to_string());
    let title = last.title.replace(&from.to_string(), &year.to_string());
    w.string(0, "title", Some(&title));
    w.kv(0, "draft", "true");
    w.line(0, "# published: YYYY-MM-DD  # 正式发布时填写发布日期，并删除行首的 #");
    w.line(0, "");

    w.line(0, "# 一（一）部门概况：以下沿用上年内容，请核对并更新。");
    w.line(0, "overview:");
    if let Some(wh) = &last.overview.withheld {
        w.line(2, "withheld:");
        w.string(4, "basis", Some(&wh.basis));
        w.string(4, "statement", wh.statement.as_deref());
    }
    w.string(2, "text", last.overview.text.as_deref());
    w.line(0, "");

    w.line(0, "# 一（二）年度总体工作和重点工作任务：沿用上年的任务及其 id，请按本年度调整。");
    w.line(0, "work:");
    w.string(2, "intro", last.work.intro.as_deref());
    if !last.work.tasks.is_empty() {
        w.line(2, "tasks:");
        for t in &last.work.tasks {
            w.item(4, "id", &text(&t.id, 8));
            w.string(6, "title", Some(&t.title));
        }
    }
    w.string(2, "outro", last.work.outro.as_deref());
    w.line(0, "");

    let b = &last.budget;
    w.line(0, "# 一（三）部门整体收支情况（金额单位见 unit）。");
    w.line(0, "budget:");
    w.string(2, "unit", Some(b.unit()));
    w.empty_figure(2, "initial", "年初预算数");
    w.empty_figure(2, "total", "全年预算数（调整后预算数）");
    w.empty_figure(2, "executed", "全年执行数");
    w.empty_figure(2, "execution_rate", "执行率（% 前的数字）");
    if !b.by_source.is_empty() {
        w.line(2, "by_source:");
        for s in &b.by_source {
            w.item(4, "source", &text(&s.source, 8));
            w.empty_figure(6, "amount", "金额");
        }
    }
    if let Some(basis) = b.by_source_of {
        w.kv(2, "by_source_of", if basis == jixiao::model::BudgetBasis::Executed { "executed" } else { "total" });
    }
    w.empty_figure(2, "basic", "基本支出");
    w.empty_figure(2, "project", "项目支出");
    w.empty_figure(2, "carry_over", "年末结转和结余");
    w.line(2, "# text: 本节原文（可选）");
    w.line(0, "");

    if let Some(p) = &last.performance {
        w.line(0, "# 一（四）部门整体绩效管理情况。");
        w.line(0, "performance:");
        w.string(2, "scope", p.scope.as_deref());
        if p.level1_projects.is_some() {
            w.empty_figure(2, "level1_projects", "自评的一级项目个数");
        }
        if p.level2_projects.is_some() {
            w.empty_figure(2, "level2_projects", "自评的二级项目个数");
        }
        if p.covered_funds.is_some() {
            w.empty_figure(2, "covered_funds", "自评项目涉及资金");
        }
        if p.covered_share.is_some() {
            w.empty_figure(2, "covered_share", "占项目支出的比例（%）");
        }
        w.string(2, "targets_intro", p.targets_intro.as_deref());
        w.line(0, "");
    }

    if !last.targets.is_empty() {
        w.line(0, "# 部门整体绩效目标：沿用上年的目标及其 id；result 填本年度完成情况。");
        w.line(0, "targets:");
        for t in &last.targets {
            target(&mut w, t);
        }
        w.line(0, "");
    }

    w.line(0, "# 二（一）自评结论综述。");
    w.line(0, "summary: ~  # 待填写");
    w.line(0, "# 二（三）各重点任务项目支出完成情况（task_narratives）、二（四）主要工作成效（achievements）、");
    w.line(0, "# 三、存在的主要问题（problems）、四、下一步改进措施（improvements）：请按本年度报告填写，");
    w.line(0, "# 格式见上年报告。");

    if !last.evaluation_tables.is_empty() {
        w.line(0, "");
        w.line(0, "# 绩效自评表：沿用上年的表格结构、指标和分值，数字留空待填。");
        w.line(0, "evaluation_tables:");
        for t in &last.evaluation_tables {
            table(&mut w, t, from, year);
        }
    }
    (w.w.finish(), w.empty)
}

/// A valid id close to what was typed, for the hint: the last path component, lowercased,
/// every other character a hyphen (`../../New Pwn` → `new-pwn`); `None` when nothing usable is
/// left (`网格`).
fn suggested_id(id: &str) -> Option<String> {
    let last = id.rsplit(['/', '\\']).find(|s| !s.is_empty() && *s != "." && *s != "..").unwrap_or("");
    let mut out = String::new();
    for c in last.chars() {
        let c = c.to_ascii_lowercase();
        let c = if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' { c } else { '-' };
        if !(c == '-' && (out.is_empty() || out.ends_with('-'))) {
            out.push(c);
        }
    }
    let out = out.trim_end_matches('-').to_string();
    (out != id && is_valid_id(&out) && !jixiao::model::RESERVED_IDS.contains(&out.as_str())).then_some(out)
}

/// Prints one located error the way the loader prints its own (`error[E0204]: …`, hint,
/// summary line) and fails.
fn fail_with(d: Diagnostic, lang: jixiao::messages::Lang) -> ExitCode {
    Diagnostics::from(d).eprint(lang);
    ExitCode::FAILURE
}

pub(crate) fn run(args: Args, language: super::Language) -> ExitCode {
    let lang = language.for_site(&args.root);
    let fail = |m: jixiao::messages::Text| {
        jixiao::diagnostics::eprint_cli_error(&m, lang);
        ExitCode::FAILURE
    };
    // The id first: it becomes a folder name, and `../x` or `a/b` would name a folder outside
    // content/ (and be reported as a missing department.yaml).
    let rel_dir = Path::new("content").join(&args.department);
    if !is_valid_id(&args.department) {
        let mut hint: jixiao::messages::Text = jixiao::messages::BAD_ID_HINT.into();
        if let Some(id) = suggested_id(&args.department) {
            let instead = jixiao::messages::new_try_instead(&id, args.year);
            hint = jixiao::messages::Text::by_lang(|l| format!("{}\n{}", hint.get(l), instead.get(l)));
        }
        let d = Diagnostic::error("E0204", &rel_dir, jixiao::messages::bad_id(&args.department)).field("department").hint(hint);
        return fail_with(d, lang);
    }
    if jixiao::model::RESERVED_IDS.contains(&args.department.as_str()) {
        let d = Diagnostic::error("E0203", &rel_dir, jixiao::messages::reserved_id(&args.department)).field("department").hint(jixiao::messages::new_reserved_hint(jixiao::model::RESERVED_IDS));
        return fail_with(d, lang);
    }
    let dept_dir = args.root.join("content").join(&args.department);
    let path = dept_dir.join(format!("{}.yaml", args.year));
    let shown = path.display().to_string();
    if path.exists() {
        return fail(jixiao::messages::new_exists(&shown));
    }
    let no_department = || {
        let m = jixiao::messages::new_no_department(&args.department, &dept_dir.display().to_string());
        fail_with(Diagnostic::error("E0001", rel_dir.join("department.yaml"), m), lang)
    };
    if !dept_dir.join("department.yaml").is_file() {
        return no_department();
    }
    let content = match jixiao::load::load(&args.root) {
        Ok(c) => c,
        Err(diags) => {
            diags.eprint(lang);
            return ExitCode::FAILURE;
        }
    };
    let Some(dept) = content.departments.iter().find(|d| d.id == args.department) else {
        return no_department();
    };
    let Some(last) = dept.reports.iter().filter(|r| r.year < args.year).max_by_key(|r| r.year) else {
        return fail(jixiao::messages::new_no_previous(&args.department, args.year));
    };
    // Editors find the schema next to the content when the site keeps one (`jixiao init`,
    // `jixiao schema --out schema`), else where every build publishes it.
    let schema = if args.root.join("schema/report.schema.json").is_file() {
        "../../schema/report.schema.json".to_string()
    } else {
        format!("{}schema/report.schema.json", content.site.base_url())
    };
    let (yaml, empty) = next_report(&args.department, args.year, last.year, &last.report, &schema);
    // create_new: refuses to overwrite even if the file appeared since the check above.
    let written = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).and_then(|mut f| f.write_all(yaml.as_bytes()));
    match written {
        Ok(()) => {
            eprintln!("{}", jixiao::messages::new_done(&shown, last.year, empty).get(lang));
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => fail(jixiao::messages::new_exists(&shown)),
        Err(e) => fail(jixiao::messages::cannot_write(&shown, &e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_loader_rule() {
        for ok in ["huangpu-zhengfawei", "2022", "a_b.c"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["../../newpwn", "a/b", "Grid", "网格", "-a", ".a", "a..b", "", "a b"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
        assert_eq!(suggested_id("../../newpwn").as_deref(), Some("newpwn"));
        assert_eq!(suggested_id("../New Pwn/").as_deref(), Some("new-pwn"));
        assert_eq!(suggested_id("-grid"), Some("grid".to_string()));
        assert_eq!(suggested_id("网格"), None);
        assert_eq!(suggested_id("../search"), None);
    }
}
