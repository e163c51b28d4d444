//! The corpus as a Hugo site, so that `jixiao-bench targets` times Hugo on the same reports as
//! `jixiao build`: one Markdown page per report with the same text (title, score, overview, work
//! tasks, the budget as a table, targets and the self-evaluation tables as tables, narratives,
//! achievements with their key figures, problems, next steps), a list page per department (its
//! section, `content/<department>/_index.md`) and per year (the `years` taxonomy's term pages).
//!
//! The templates and `hugo.toml` are the committed files in `bench/hugo/` (plain: no theme, no
//! shortcodes), compiled in so that the binary writes the same site wherever it runs.

use jixiao::model::{Figure, Report, TargetValue};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::Path;

/// The committed site files, (path in the site, text).
const SITE_FILES: [(&str, &str); 4] = [
    ("hugo.toml", include_str!("../../hugo/hugo.toml")),
    ("layouts/_default/baseof.html", include_str!("../../hugo/layouts/_default/baseof.html")),
    ("layouts/_default/single.html", include_str!("../../hugo/layouts/_default/single.html")),
    ("layouts/_default/list.html", include_str!("../../hugo/layouts/_default/list.html")),
];

/// What [`write_site`] wrote.
pub(crate) struct HugoSite {
    /// Report pages (one per published report).
    pub(crate) reports: usize,
    /// Department sections.
    pub(crate) departments: usize,
    /// Bytes of Markdown written, front matter included.
    pub(crate) markdown_bytes: usize,
}

/// Loads the corpus at `corpus` and writes it as a Hugo site into `site` (replaced).
pub(crate) fn write_site(corpus: &Path, site: &Path) -> Result<HugoSite, String> {
    let content = jixiao::load::load(corpus).map_err(|d| format!("the corpus {} does not load:\n{d}", corpus.display()))?;
    if site.exists() {
        std::fs::remove_dir_all(site).map_err(|e| format!("cannot empty {}: {e}", site.display()))?;
    }
    let write = |rel: &str, text: &str| {
        let path = site.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot make {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    for (rel, text) in SITE_FILES {
        write(rel, text)?;
    }
    write("content/_index.md", &front_matter(&content.site.title, None))?;
    let pages: Vec<(String, String)> = content
        .departments
        .iter()
        .flat_map(|d| {
            let section = (format!("content/{}/_index.md", d.id), front_matter(&d.profile.name, None));
            let reports = d.reports.iter().filter(|r| !r.report.draft).map(move |r| (format!("content/{}/{}.md", d.id, r.year), report_page(&r.report, r.year)));
            std::iter::once(section).chain(reports)
        })
        .collect();
    pages.par_iter().try_for_each(|(rel, text)| write(rel, text))?;
    let departments = content.departments.len();
    Ok(HugoSite { reports: pages.len() - departments, departments, markdown_bytes: pages.iter().map(|p| p.1.len()).sum() })
}

/// YAML front matter (strings as JSON, which YAML reads) with the title and the report's year.
fn front_matter(title: &str, year: Option<u16>) -> String {
    let mut s = format!("---\ntitle: {}\n", json(title));
    if let Some(y) = year {
        let _ = writeln!(s, "years: [\"{y}\"]");
    }
    s.push_str("---\n\n");
    s
}

fn json(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// The report as one Markdown page, in the order of the published report.
pub(crate) fn report_page(r: &Report, year: u16) -> String {
    let mut md = front_matter(&r.title, Some(year));
    let para = |md: &mut String, text: Option<&str>| {
        if let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) {
            md.push_str(t);
            md.push_str("\n\n");
        }
    };
    if let Some(score) = &r.score {
        let grade = score.grade.as_deref().map(|g| format!("，评价等级“{g}”")).unwrap_or_default();
        para(&mut md, Some(&format!("自评得分 **{}**{grade}。", score.total)));
    }
    md.push_str("## 一、基本情况\n\n### （一）部门概况\n\n");
    para(&mut md, r.overview.withheld.as_ref().and_then(|w| w.statement.as_deref()));
    para(&mut md, r.overview.text.as_deref());
    md.push_str("### （二）年度总体工作和重点工作任务\n\n");
    para(&mut md, r.work.intro.as_deref());
    for (i, t) in r.work.tasks.iter().enumerate() {
        let _ = writeln!(md, "{}. {}", i + 1, cell(&t.title));
    }
    md.push('\n');
    para(&mut md, r.work.outro.as_deref());

    md.push_str("### （三）部门整体收支情况\n\n");
    let b = &r.budget;
    let _ = writeln!(md, "| 项目 | 金额（{}） |\n|---|---:|", b.unit());
    let rows = [("年初预算数", &b.initial), ("全年预算数", &b.total), ("全年执行数", &b.executed), ("预算执行率（%）", &b.execution_rate), ("基本支出", &b.basic), ("项目支出", &b.project), ("结转结余", &b.carry_over)];
    for (label, f) in rows {
        if let Some(f) = f {
            let _ = writeln!(md, "| {label} | {} |", f.grouped());
        }
    }
    for s in &b.by_source {
        let _ = writeln!(md, "| {} | {} |", cell(&s.source), figure(s.amount.as_ref()));
    }
    md.push('\n');
    para(&mut md, b.text.as_deref());

    md.push_str("### （四）部门整体绩效管理情况\n\n");
    if let Some(p) = &r.performance {
        para(&mut md, p.text.as_deref());
        para(&mut md, p.targets_intro.as_deref());
    }
    if !r.targets.is_empty() {
        md.push_str("| 绩效目标 | 指标 | 单位 | 目标值 | 实际完成 | 完成情况 |\n|---|---|---|---:|---:|---|\n");
        for t in &r.targets {
            let result = t.result.as_ref();
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&t.name),
                cell(t.measure.as_deref().unwrap_or("")),
                cell(t.unit.as_deref().unwrap_or("")),
                target_value(t.target.as_ref()),
                figure(result.and_then(|o| o.value.as_ref())),
                cell(result.and_then(|o| o.text.as_deref()).unwrap_or("")),
            );
        }
        md.push('\n');
    }

    md.push_str("## 二、综合评价分析\n\n### （一）自评结论综述\n\n");
    para(&mut md, r.summary.as_deref());
    md.push_str("### （二）各项工作任务绩效目标完成情况分析\n\n");
    para(&mut md, r.results_intro.as_deref());
    for (i, t) in r.targets.iter().enumerate() {
        if let Some(text) = t.result.as_ref().and_then(|o| o.text.as_deref()) {
            let _ = writeln!(md, "{}. {}", i + 1, cell(text));
        }
    }
    md.push_str("\n### （三）各重点任务项目支出完成情况分析\n\n");
    for n in &r.task_narratives {
        let heading = n.heading.as_deref().or_else(|| r.work.tasks.iter().find(|k| k.id == n.task).map(|k| k.title.as_str()));
        if let Some(h) = heading {
            let _ = writeln!(md, "#### {}\n", cell(h));
        }
        para(&mut md, Some(&n.text));
    }
    md.push_str("### （四）主要工作成效\n\n");
    for a in &r.achievements {
        if let Some(t) = &a.title {
            let _ = writeln!(md, "#### {}\n", cell(t));
        }
        para(&mut md, Some(&a.text));
        if !a.figures.is_empty() {
            md.push_str("| 关键数据 | 数值 | 单位 |\n|---|---:|---|\n");
            for f in a.figures.iter().flat_map(|f| std::iter::once(f).chain(&f.parts)) {
                let _ = writeln!(md, "| {} | {} | {} |", cell(&f.label), figure(f.value.as_ref()), cell(f.unit.as_deref().unwrap_or("")));
            }
            md.push('\n');
        }
    }
    md.push_str("## 三、存在的主要问题\n\n");
    for p in &r.problems {
        para(&mut md, Some(p));
    }
    md.push_str("## 四、下一步改进措施\n\n");
    for p in &r.improvements {
        para(&mut md, Some(p));
    }

    for t in &r.evaluation_tables {
        let _ = writeln!(md, "## {}\n", cell(&t.title));
        if !t.funds.is_empty() {
            md.push_str("| 资金 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n|---|---:|---:|---:|---:|---:|---:|\n");
            for f in &t.funds {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    cell(&f.label),
                    figure(f.initial.as_ref()),
                    figure(f.budget.as_ref()),
                    figure(f.executed.as_ref()),
                    figure(f.weight.as_ref()),
                    figure(f.rate.as_ref()),
                    figure(f.score.as_ref())
                );
            }
            md.push('\n');
        }
        if !t.indicators.is_empty() {
            md.push_str("| 一级指标 | 二级指标 | 三级指标 | 单位 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n|---|---|---|---|---:|---:|---:|---:|---|\n");
            for i in &t.indicators {
                let actual = i.actual.as_ref().map(|o| o.value.as_ref().map(Figure::grouped).or_else(|| o.text.as_deref().map(cell)).unwrap_or_default()).unwrap_or_default();
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                    cell(&i.level1),
                    cell(i.level2.as_deref().unwrap_or("")),
                    cell(&i.name),
                    cell(i.unit.as_deref().unwrap_or("")),
                    target_value(i.target.as_ref()),
                    actual,
                    figure(i.weight.as_ref()),
                    figure(i.score.as_ref()),
                    cell(i.deviation.as_deref().unwrap_or(""))
                );
            }
            let totals = [("合计分值", &t.total_weight), ("总分", &t.total_score)];
            for (label, f) in totals {
                if let Some(f) = f {
                    let _ = writeln!(md, "| {label} | | | | | | | {} | |", f.grouped());
                }
            }
            md.push('\n');
        }
        para(&mut md, t.notes.as_deref());
    }
    md
}

/// A figure with thousands separators, or nothing.
fn figure(f: Option<&Figure>) -> String {
    f.map(Figure::grouped).unwrap_or_default()
}

/// `≥ 595`, or the qualitative target's words.
fn target_value(t: Option<&TargetValue>) -> String {
    match t {
        Some(TargetValue { op: Some(op), value: Some(v), .. }) => format!("{} {}", op.symbol(), v.grouped()),
        Some(TargetValue { text: Some(text), .. }) => cell(text),
        _ => String::new(),
    }
}

/// Text for one line of Markdown (a table cell, a list item, a heading): on one line, with the
/// table's column separator escaped.
fn cell(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_stay_on_one_line_and_in_their_column() {
        assert_eq!(cell("甲 | 乙\n丙"), "甲 \\| 乙 丙");
    }

    #[test]
    fn front_matter_is_yaml_with_json_strings() {
        assert_eq!(front_matter("“引号”\"与\\", Some(2024)), "---\ntitle: \"“引号”\\\"与\\\\\"\nyears: [\"2024\"]\n---\n\n");
    }
}
