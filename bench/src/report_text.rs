//! A report written back as the plain text of a published report, in the seed's outline (一、…四、,
//! （一）…（四）, tasks, targets, results, narratives and achievements numbered （1）…), so that
//! `jixiao import` can be timed on a generated corpus: the same reports, once as YAML to build
//! and once as text to import. Not a renderer for readers: the site's pages are `jixiao build`'s.

use jixiao::model::Report;
use std::fmt::Write as _;

/// The text of `report` in the common outline, as a PDF's text layer would give it.
pub(crate) fn report_text(report: &Report) -> String {
    let mut t = String::new();
    let para = |t: &mut String, s: &str| {
        let s = s.trim();
        if !s.is_empty() {
            t.push_str(s);
            t.push_str("\n\n");
        }
    };
    para(&mut t, &report.title);
    if let Some(score) = &report.score {
        let grade = score.grade.as_deref().map(|g| format!("，评价等级为“{g}”")).unwrap_or_default();
        para(&mut t, &format!("经自评，综合评分为{}分{grade}。", score.total.as_written()));
    }
    para(&mut t, "一、基本情况");
    para(&mut t, "（一）部门概况");
    if let Some(w) = &report.overview.withheld {
        para(&mut t, w.statement.as_deref().unwrap_or(""));
    }
    para(&mut t, report.overview.text.as_deref().unwrap_or(""));
    para(&mut t, "（二）年度总体工作和重点工作任务");
    para(&mut t, report.work.intro.as_deref().unwrap_or("本年度总体及重点工作包括："));
    for (i, task) in report.work.tasks.iter().enumerate() {
        para(&mut t, &format!("（{}）{}；", i + 1, task.title));
    }
    para(&mut t, report.work.outro.as_deref().unwrap_or(""));
    para(&mut t, "（三）部门整体收支情况");
    para(&mut t, report.budget.text.as_deref().unwrap_or(""));
    para(&mut t, "（四）部门整体绩效管理情况");
    if let Some(p) = &report.performance {
        para(&mut t, p.text.as_deref().unwrap_or(""));
        para(&mut t, p.targets_intro.as_deref().unwrap_or("其中部门整体绩效目标包括："));
    }
    for (i, target) in report.targets.iter().enumerate() {
        para(&mut t, &format!("（{}）{}", i + 1, target.name));
    }
    para(&mut t, "二、综合评价分析");
    para(&mut t, "（一）自评结论综述");
    para(&mut t, report.summary.as_deref().unwrap_or(""));
    para(&mut t, "（二）各项工作任务绩效目标完成情况分析");
    para(&mut t, report.results_intro.as_deref().unwrap_or(""));
    for (i, target) in report.targets.iter().enumerate() {
        if let Some(text) = target.result.as_ref().and_then(|r| r.text.as_deref()) {
            para(&mut t, &format!("（{}）{}", i + 1, text));
        }
    }
    para(&mut t, "（三）各重点任务项目支出完成情况分析");
    for (i, n) in report.task_narratives.iter().enumerate() {
        let heading = n.heading.clone().or_else(|| report.work.tasks.iter().find(|k| k.id == n.task).map(|k| k.title.clone()));
        if let Some(h) = heading {
            para(&mut t, &format!("（{}）{}", i + 1, h));
        }
        para(&mut t, &n.text);
    }
    para(&mut t, "（四）主要工作成效");
    for (i, a) in report.achievements.iter().enumerate() {
        let mut s = String::new();
        let _ = write!(s, "（{}）", i + 1);
        if let Some(title) = &a.title {
            s.push_str(title);
            s.push('。');
        }
        s.push_str(&a.text);
        para(&mut t, &s);
    }
    para(&mut t, "三、存在的主要问题");
    for p in &report.problems {
        para(&mut t, p);
    }
    para(&mut t, "四、下一步改进措施");
    for p in &report.improvements {
        para(&mut t, p);
    }
    t
}
