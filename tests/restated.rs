//! J203, a measure stated twice: a target's result, an indicator's actual value, a key figure
//! and a figure in a narrative sentence are matched by id or by normalised name and unit, and a
//! statement that cannot be the same value (at the precision both are written with) is a finding
//! that names both places, `file:line:column` each. Doubtful pairs are not matched: the example
//! site, a real report kept as published, gets no finding a reader would call false.

use jixiao::check::{CheckReport, Finding, check, render_human};
use jixiao::messages::Lang;
use std::path::Path;

const FILE: &str = "content/demo/2022.yaml";

/// A site with one department whose 2022 report is `report`, checked.
fn checked(report: &str) -> (tempfile::TempDir, CheckReport) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    std::fs::create_dir_all(content.join("demo")).unwrap();
    std::fs::write(content.join("site.yaml"), "title: 测试\nbase_url: \"https://example.org/\"\npublisher: jixiao tests\n").unwrap();
    std::fs::write(content.join("demo/department.yaml"), "name: 测试部门\n").unwrap();
    std::fs::write(content.join("demo/2022.yaml"), report).unwrap();
    let loaded = jixiao::load::load(tmp.path()).unwrap_or_else(|d| panic!("the report loads:\n{d}"));
    let report = check(&loaded);
    (tmp, report)
}

/// The J203 findings of a report.
fn restated(report: &CheckReport) -> Vec<&Finding> {
    report.findings.iter().filter(|f| f.rule == "J203").collect()
}

/// A report with `targets`, `achievements` and `tables` (YAML lists, indented as top-level keys).
fn report_yaml(targets: &str, achievements: &str, tables: &str) -> String {
    format!(
        "title: 2022年度测试部门整体支出绩效自评报告\noverview:\n  text: 测试用部门。\nwork:\n  tasks: []\nbudget:\n  total: 100.00\n  executed: 95.00\n  execution_rate: 95.00\n  carry_over: 5.00\n\
         targets:\n{targets}achievements:\n{achievements}evaluation_tables:\n{tables}"
    )
}

const GRID_TARGET: &str = "  - id: grid-completion
    name: 网格事件办结率98%以上。
    measure: 网格事件办结率
    unit: '%'
    direction: higher
    target: {op: '≥', value: 98}
    result:
      value: 99.5
      text: 网格事件办结率达到99.5%。
";

const NO_TABLES: &str = "  []\n";

/// The line and column a `file:line:column` position names.
fn line_column(position: &str) -> (usize, usize) {
    let rest = position.strip_prefix(&format!("{FILE}:")).unwrap_or_else(|| panic!("{position} is in {FILE}"));
    let (line, column) = rest.split_once(':').unwrap();
    (line.parse().unwrap(), column.parse().unwrap())
}

/// The text of `file` from `line:column` on.
fn text_at(root: &Path, position: &str) -> String {
    let (line, column) = line_column(position);
    let text = std::fs::read_to_string(root.join(FILE)).unwrap();
    text.lines().nth(line - 1).unwrap().chars().skip(column - 1).collect()
}

#[test]
fn a_target_result_restated_with_another_value_in_the_achievements_is_found_at_both_places() {
    let achievements = "  - id: grid
    text: |
      网格员坚持每天巡查，发现、报告和处置问题。

      全区上报网格事件492653件，网格事件办结率达到98.5%，做到问题在一线解决。
";
    let (tmp, report) = checked(&report_yaml(GRID_TARGET, achievements, NO_TABLES));
    let found = restated(&report);
    assert_eq!(found.len(), 1, "one restatement:\n{}", render_human(&report, Lang::En));
    let f = found[0];
    assert_eq!(f.field, "achievements[0].text");
    // The finding is located at the figure in the sentence, not at the start of the text.
    assert!(text_at(tmp.path(), &f.position).starts_with("98.5%，做到"), "{} points at {:?}", f.position, text_at(tmp.path(), &f.position));
    assert_eq!(f.source_line.as_deref().map(str::trim), Some("全区上报网格事件492653件，网格事件办结率达到98.5%，做到问题在一线解决。"));
    // Both statements, each with its place.
    let places: Vec<(&str, &str, String)> =
        f.figures.iter().map(|g| (g.field.as_str(), g.value.as_str(), text_at(tmp.path(), g.position.as_deref().unwrap()))).collect();
    assert_eq!(places.len(), 2);
    assert_eq!((places[0].0, places[0].1), ("targets[0].result.value", "99.5"));
    assert!(places[0].2.starts_with("99.5"), "{places:?}");
    assert_eq!((places[1].0, places[1].1), ("achievements[0].text", "98.5"));
    assert!(places[1].2.starts_with("98.5%"), "{places:?}");
    assert_eq!(f.figures[1].position.as_deref(), Some(f.position.as_str()));
    // In both languages: the measure, both values as written, the other place.
    for lang in [Lang::En, Lang::ZhCn] {
        let m = f.message.get(lang);
        assert!(m.contains("网格事件办结率") && m.contains("99.5") && m.contains("98.5") && m.contains("targets[0].result.value"), "{m}");
        assert!(f.arithmetic.get(lang).contains("99.5") && f.arithmetic.get(lang).contains("98.5"), "{}", f.arithmetic.get(lang));
    }
    assert!(f.message.zh.contains("此处为"), "{}", f.message.zh);
    let human = render_human(&report, Lang::En);
    for g in &f.figures {
        assert!(human.contains(g.position.as_deref().unwrap()), "the human output shows {:?}:\n{human}", g.position);
    }
    let json: serde_json::Value = serde_json::from_str(&jixiao::check::render_json(&report, Lang::ZhCn)).unwrap();
    let positions: Vec<&str> = json["findings"][0]["figures"].as_array().unwrap().iter().map(|g| g["position"].as_str().unwrap()).collect();
    assert_eq!(positions, [f.figures[0].position.as_deref().unwrap(), f.position.as_str()]);
}

#[test]
fn the_same_value_with_other_decimals_within_the_rounding_is_not_a_restatement() {
    // 99.5 stands for 99.45–99.55: 99.50 and 99.46 may be the same value; a bound (99%以上)
    // admits 99.5; the sentence a key figure was taken from is that key figure.
    let achievements = "  - id: grid
    text: |
      网格事件办结率达到99.50%，网格事件办结率99.46%，网格事件办结率保持在99%以上。全年接待群众1200人次。
    figures:
      - id: visitors
        label: 全年接待群众
        value: 1200
        unit: 人次
";
    let tables = "  - id: department
    title: 部门整体支出绩效自评表
    scope: department
    indicators:
      - id: visitors
        level1: 产出指标
        name: 接待群众
        unit: 人次
        actual: {value: 1200}
";
    let (_tmp, report) = checked(&report_yaml(GRID_TARGET, achievements, tables));
    assert!(restated(&report).is_empty(), "{}", render_human(&report, Lang::En));
    // Outside the rounding: 99.4 stands for 99.35–99.45, which 99.5 (99.45–99.55) only touches
    // at its edge, so it agrees; 99.3 does not.
    let achievements = "  - id: grid\n    text: 网格事件办结率99.4%；网格事件办结率99.3%。\n";
    let (_tmp, report) = checked(&report_yaml(GRID_TARGET, achievements, NO_TABLES));
    let found = restated(&report);
    assert_eq!(found.len(), 1, "{}", render_human(&report, Lang::En));
    assert_eq!(found[0].figures[1].value, "99.3");
}

#[test]
fn a_key_figure_and_an_indicator_with_the_same_id_are_one_measure() {
    let achievements = "  - id: main
    text: 主要成效。
    figures:
      - id: visits
        label: 全年接待读者
        value: 118.2
        unit: 万人次
";
    let tables = "  - id: department
    title: 部门整体支出绩效自评表
    scope: department
    indicators:
      - id: visits
        level1: 产出指标
        name: 读者到馆人次
        unit: 万人次
        target: {op: '≥', value: 100}
        actual: {value: 112.8}
";
    let (tmp, report) = checked(&report_yaml("  []\n", achievements, tables));
    let found = restated(&report);
    assert_eq!(found.len(), 1, "{}", render_human(&report, Lang::En));
    let f = found[0];
    assert_eq!(f.field, "achievements[0].figures[0].value");
    assert!(f.message.en.contains("id `visits`"), "{}", f.message.en);
    let values: Vec<(&str, String)> = f.figures.iter().map(|g| (g.value.as_str(), text_at(tmp.path(), g.position.as_deref().unwrap()))).collect();
    assert_eq!(values[0].0, "112.8");
    assert!(values[0].1.starts_with("112.8}"), "{values:?}");
    assert_eq!(values[1].0, "118.2");
    assert!(values[1].1.starts_with("118.2"), "{values:?}");
}

#[test]
fn names_that_differ_only_by_bilv_or_punctuation_are_matched() {
    let targets = "  - id: registration
    name: 来穗人员居住信息登记率、注销率达到90%。
    measure: 来穗人员居住信息登记率、注销率
    unit: '%'
    target: {op: '≥', value: 90}
    result: {value: 97}
";
    let achievements = "  - id: main
    text: 主要成效。
    figures:
      - id: registration-again
        label: 来穗人员居住信息登记比率注销比率
        value: 95
        unit: '%'
      - id: fans
        label: “平安黄埔”公众号粉丝数
        value: 5.2
        unit: 万人
";
    let tables = "  - id: department
    title: 部门整体支出绩效自评表
    scope: department
    indicators:
      - id: followers
        level1: 产出指标
        name: 平安黄埔公众号的粉丝数
        unit: 万人
        actual: {value: 5.0}
";
    let (_tmp, report) = checked(&report_yaml(targets, achievements, tables));
    let found = restated(&report);
    let fields: Vec<&str> = found.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["achievements[0].figures[0].value", "achievements[0].figures[1].value"], "{}", render_human(&report, Lang::En));
    assert!(found[0].message.en.contains("“来穗人员居住信息登记率、注销率”"), "{}", found[0].message.en);
    assert!(found[1].message.en.contains("“平安黄埔公众号的粉丝数”"), "{}", found[1].message.en);
}

#[test]
fn different_measures_with_similar_names_are_not_matched() {
    // 信访事项办结率 is not 网格事件办结率; a bare 办结率 names neither; 接待群众 in 万人次 is
    // not 接待群众 in 人次; a part's label (街道) is relative to its whole; a project's table
    // measures the project; a target value in a sentence (…的目标) is not a result.
    let achievements = "  - id: main
    text: |
      信访事项办结率95%，办结率97%，网格事件办结率98%的目标已完成。
    figures:
      - id: petitions
        label: 信访事项办结率
        value: 95
        unit: '%'
      - id: visitors
        label: 接待群众
        value: 4.6
        unit: 万人次
      - id: events
        label: 上报事件
        value: 1000
        unit: 件
        parts:
          - id: events-street
            label: 街道
            value: 600
            unit: 件
      - id: events-b
        label: 受理事件
        value: 800
        unit: 件
        parts:
          - id: events-b-street
            label: 街道
            value: 500
            unit: 件
";
    let tables = "  - id: department
    title: 部门整体支出绩效自评表
    scope: department
    indicators:
      - id: visitors-count
        level1: 产出指标
        name: 接待群众
        unit: 人次
        actual: {value: 46754}
  - id: project-a
    title: 网格项目绩效自评表
    scope: project
    indicators:
      - id: project-grid
        level1: 产出指标
        name: 网格事件办结率
        unit: '%'
        actual: {value: 90}
";
    let (_tmp, report) = checked(&report_yaml(GRID_TARGET, achievements, tables));
    assert!(restated(&report).is_empty(), "{}", render_human(&report, Lang::En));
}

#[test]
fn the_example_site_has_no_false_restatement() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = jixiao::load::load(root).unwrap();
    let report = check(&loaded);
    let found = restated(&report);
    // The one restatement is true: the real report writes 网格事件办结率达99.98以上 in 二（二）
    // and 办结率99.9% in 二（四）; the file acknowledges it as published.
    assert_eq!(found.len(), 1, "{}", render_human(&report, Lang::En));
    let f = found[0];
    assert_eq!((f.file.to_string_lossy().replace('\\', "/").as_str(), f.field.as_str()), ("content/huangpu-zhengfawei/2022.yaml", "achievements[0].figures[1].value"));
    let values: Vec<&str> = f.figures.iter().map(|g| g.value.as_str()).collect();
    assert_eq!(values, ["99.98", "99.9"]);
    assert!(f.message.en.contains("≥ 99.98"), "{}", f.message.en);
    assert!(f.acknowledged.is_some());
}
