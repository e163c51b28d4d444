//! What a reader sees: sites are built into a temporary folder with `jixiao::build` and the HTML
//! is parsed with `scraper`.
//!
//! - `tests/fixtures/hostile/`: markup, template syntax and `javascript:` URLs in every kind of
//!   field come out as inert text;
//! - a site written by the test (no `themes/` folder, so the embedded theme is used): every page
//!   type, computed execution rates and target statuses, drafts, demo banners, relative links
//!   that resolve, the 404 page's absolute links, the sitemap;
//! - themes on disk: they win over the embedded one; a missing UI string or a broken template is
//!   a located error.

use scraper::{ElementRef, Html, Selector};
use std::path::{Path, PathBuf};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// An element's text as a reader sees it at its ends: without the white space there (an end
/// tag HTML makes optional is left out, so the line break before the next element ends inside).
fn text(e: ElementRef) -> String {
    e.text().collect::<String>().trim().to_string()
}

fn build(root: &Path, out: &Path, drafts: bool) -> Result<jixiao::BuildSummary, jixiao::diagnostics::Diagnostics> {
    let mut options = jixiao::BuildOptions::new(root);
    options.output = out.to_path_buf();
    options.drafts = drafts;
    jixiao::build(&options)
}

fn read(out: &Path, page: &str) -> Html {
    let s = std::fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
    Html::parse_document(&s)
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .collect();
    files.sort();
    files
}

/// Writes `files` (path relative to the root, contents) into a new temporary site root.
fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (path, contents) in files {
        let p = tmp.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
    }
    tmp
}

// ───────────────────────────── hostile content ─────────────────────────────

#[test]
fn hostile_strings_come_out_as_inert_text() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&repo().join("tests/fixtures/hostile"), &out, false).unwrap_or_else(|d| panic!("hostile fixture builds:\n{d}"));

    let files = html_files(&out);
    assert!(files.len() >= 6, "home, report, department, year, page, 404: {files:?}");
    for file in &files {
        let page = Html::parse_document(&std::fs::read_to_string(file).unwrap());
        let name = file.strip_prefix(&out).unwrap().display().to_string();
        // The only scripts are the theme's own files under assets/, never inline code.
        for script in page.select(&sel("script")) {
            let src = script.attr("src").unwrap_or("");
            let file = src.rsplit("assets/").next().unwrap_or("").split('?').next().unwrap_or("");
            assert!(
                src.contains("assets/") && file.ends_with(".js") && out.join("assets").join(file).is_file(),
                "{name}: unexpected script element {}",
                script.html()
            );
            assert!(text(script).is_empty(), "{name}: inline script {}", script.html());
        }
        for el in page.root_element().descendent_elements() {
            for (attr, value) in el.value().attrs() {
                assert!(!attr.to_ascii_lowercase().starts_with("on"), "{name}: event handler attribute in {}", el.html());
                let v: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
                assert!(!v.to_ascii_lowercase().starts_with("javascript:"), "{name}: javascript URL in {}", el.html());
            }
        }
        let body = text(page.select(&sel("body")).next().unwrap());
        // Where the fixture wrote `{{ 7*7 }}`, an evaluated template would show 49.
        for evaluated in ["站点<script>alert(1)</script>49", "部门<script>alert(1)</script>49", "报告<script>alert(1)</script>49", "任务49", "模板 49", "综述 49", "成效 49", "措施 49", "正文 49", "简介 49"] {
            assert!(!body.contains(evaluated), "{name}: a template expression was evaluated: {evaluated}");
        }
        assert!(body.contains("{{ 7*7 }}"), "{name}: the template syntax is shown literally");
    }

    let report = read(&out, "evil/2022/index.html");
    let h1: Vec<String> = report.select(&sel("h1")).map(text).collect();
    assert_eq!(h1, ["报告<script>alert(1)</script>{{ 7*7 }}{% raw %}"], "the title is shown as written");
    let body = text(report.select(&sel("main")).next().unwrap());
    for shown in [
        "<img src=x onerror=alert(1)>",                   // cover index number, task title
        "{{ 7*7 }} 不予公开 {% raw %}",                    // withheld statement
        "《法》<script>alert(1)</script>",                // legal basis
        "[x](javascript:alert(1))",                       // a plain field is not Markdown
        "小标题<script>alert(1)</script>",                // narrative heading
        "数字<img src=x onerror=alert(1)>",               // key figure label
        "模板 {{ 7*7 }} 与 {% raw %}",                     // Markdown text keeps template syntax
    ] {
        assert!(body.contains(shown), "the report shows {shown:?} as text");
    }
    // Markdown links with a javascript: URL lose the URL, keep the text.
    // (The fixture's Markdown links are all `[x](javascript:…)`: the links whose text is x.)
    let prose_links: Vec<_> = report.select(&sel("main a")).filter(|a| text(*a) == "x").collect();
    assert!(!prose_links.is_empty());
    for a in prose_links {
        let href = a.attr("href").unwrap_or("");
        assert!(href.is_empty() || href.starts_with("#jx-fn"), "Markdown link kept {href:?}");
    }
    // The website is not a link when it is not http(s); the e-mail stays inside its attribute.
    let dept = read(&out, "evil/index.html");
    let dept_main = text(dept.select(&sel("main")).next().unwrap());
    assert!(dept_main.contains("javascript:alert(1)"));
    let mailto: Vec<_> = dept.select(&sel("a[href^='mailto:']")).collect();
    assert_eq!(mailto.len(), 1);
    assert_eq!(mailto[0].attr("href"), Some("mailto:x\" onmouseover=\"alert(1)"));

    let free = read(&out, "pages/evil/index.html");
    let free_main = text(free.select(&sel("main")).next().unwrap());
    assert!(free_main.contains("正文 {{ 7*7 }} {% raw %}"));
    assert_eq!(free.select(&sel("main a[href]")).filter(|a| a.attr("href").unwrap().contains("alert")).count(), 0);
}

// ───────────────────────────── a complete site ─────────────────────────────

const SITE_YAML: &str = "title: 测试市部门绩效自评报告\nbase_url: https://www.example.gov.cn/jixiao/\npublisher: 测试市财政局\ndescription: 本站公开测试市各部门的自评报告。\n";

const DEPT_YAML: &str = "name: 测试市民政局\nshort_name: 民政局\nregion: 测试市\nparent: 测试市人民政府\ncontact:\n  phone: 000-1234567\n  website: https://mz.example.gov.cn/\n";

const REPORT_2022: &str = r#"title: 2022年度测试市民政局部门整体支出绩效自评报告
published: 2023-05-10
cover:
  index_number: TEST-2022-001
  issuer: 测试市民政局
  evaluation_method: 自评
score: {total: 91.5, grade: 优}
overview:
  withheld:
    basis: 《保密法》及其实施条例
work:
  intro: 本年度重点工作包括：
  tasks:
    - id: elderly-care
      title: 做好养老服务工作
    - id: relief
      title: 做好社会救助工作
budget:
  unit: 万元
  initial: 8000.00
  total: 8334.69
  executed: 7907.98
  execution_rate: 94.88
  by_source:
    - {source: 一般公共预算财政拨款, amount: 7907.98}
    - {source: 其他资金, amount: 0.00}
  by_source_of: executed
  basic: 3634.3
  project: 4273.68
  carry_over: 0.00
  text: 全年预算数8334.69万元。
performance:
  scope: 一般公共预算项目支出
  level1_projects: 2
  covered_funds: 4238.61
  covered_share: 99.18
  targets_intro: 部门整体绩效目标包括：
targets:
  - id: care-rate
    name: 养老服务覆盖率达到90%。
    unit: "%"
    target: {op: "≥", value: 90}
    result: {value: 92, text: 覆盖率达到92%。, met: true}
  - id: relief-days
    name: 救助审批时限不超过10天。
    unit: 天
    target: {op: "≤", value: 10}
    result: {value: 12, text: 平均审批时限12天。, met: true}
  - id: satisfaction
    name: 群众满意度提升。
    target: {text: 提升}
    result: {text: 满意度有所提升。}
  - id: coverage
    name: 救助覆盖率100%。
    unit: "%"
    target: {op: "=", value: 100}
summary: |
  总体良好[^a]。

  | 项目 | 金额 |
  |---|--:|
  | 养老 | 1,000 |

  [^a]: 见附表。
task_narratives:
  - task: relief
    text: 完成社会救助工作。
  - task: elderly-care
    heading: 养老服务
    text: 完成养老服务工作。
achievements:
  - id: elderly
    title: 养老服务
    text: 全年服务老人12000人次，其中上门服务5000人次。
    figures:
      - id: elderly-served
        label: 服务老人
        value: 12000
        unit: 人次
        parts:
          - {id: elderly-home, label: 上门服务, value: 5000, unit: 人次}
problems:
  - 一是绩效目标设置不够细化。
improvements:
  - 一是细化绩效目标。
evaluation_tables:
  - id: department
    title: 2022年度部门整体支出绩效自评表
    scope: department
    funds:
      - {label: 年度资金总额, initial: 8000.00, budget: 8334.69, executed: 7907.98, weight: 10, rate: 94.88, score: 9.49}
    indicators:
      - {id: care-rate, level1: 产出指标, level2: 数量指标, name: 养老服务覆盖率, unit: "%", target: {op: "≥", value: 90}, actual: {value: 92}, weight: 30, score: 30}
      - {id: relief-days, level1: 产出指标, level2: 时效指标, name: 救助审批时限, unit: 天, target: {op: "≤", value: 10}, actual: {value: 12}, weight: 20, score: 15, deviation: 人手不足。}
      - {id: satisfaction, level1: 满意度指标, level2: 服务对象满意度, name: 群众满意度, target: {text: 提升}, actual: {text: 有所提升}, weight: 10, score: 10}
    total_score: 64.49
    grade: 中
"#;

const REPORT_2021: &str = "title: 2021年度测试市民政局部门整体支出绩效自评报告\noverview:\n  text: 负责民政工作。\nwork:\n  tasks:\n    - {id: elderly-care, title: 做好养老服务工作}\nbudget:\n  total: 100.00\n  executed: 50.00\n  execution_rate: 60.00\n";

const DRAFT_2023: &str = "title: 2023年度测试市民政局部门整体支出绩效自评报告（草稿）\ndraft: true\noverview:\n  text: 负责民政工作。\nwork:\n  tasks: []\nbudget:\n  total: 10\n  executed: 9\n";

const DEMO_DEPT: &str = "name: 示例：青水市文化局（虚构）\ndemo: true\n";
const DEMO_2022: &str = "title: 2022年度示例报告\noverview:\n  text: 示例。\nwork:\n  tasks: []\nbudget:\n  total: 200.0\n  executed: 150.0\n";

const PAGE_MD: &str = "---\ntitle: 关于本站\ndescription: 本站说明。\n---\n## 本站是什么\n\n公开自评报告。\n\n### 数据\n\n按原文照录。\n";

fn full_site() -> tempfile::TempDir {
    site(&[
        ("content/site.yaml", SITE_YAML),
        ("content/civil/department.yaml", DEPT_YAML),
        ("content/civil/2021.yaml", REPORT_2021),
        ("content/civil/2022.yaml", REPORT_2022),
        ("content/civil/2023.yaml", DRAFT_2023),
        ("content/demo-culture/department.yaml", DEMO_DEPT),
        ("content/demo-culture/2022.yaml", DEMO_2022),
        ("content/pages/about.md", PAGE_MD),
    ])
}

fn built_site(drafts: bool) -> (tempfile::TempDir, PathBuf) {
    let root = full_site();
    let out = root.path().join("public");
    build(root.path(), &out, drafts).unwrap_or_else(|d| panic!("test site builds:\n{d}"));
    (root, out)
}

#[test]
fn every_page_type_is_built() {
    let (_root, out) = built_site(false);
    for page in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "civil/index.html",
        "civil/2021/index.html",
        "civil/2022/index.html",
        "demo-culture/index.html",
        "demo-culture/2022/index.html",
        "years/2021/index.html",
        "years/2022/index.html",
        "pages/about/index.html",
        "assets/style.css",
        "assets/site.js",
    ] {
        assert!(out.join(page).is_file(), "{page} is built");
    }
    assert!(!out.join("civil/2023/index.html").exists(), "no draft without --drafts");
    assert!(!out.join("years/2023/index.html").exists(), "no year holding only a draft");
    // No themes/ folder in this site: the embedded default theme was used.
    assert_eq!(
        std::fs::read(out.join("assets/style.css")).unwrap(),
        std::fs::read(repo().join("themes/default/static/style.css")).unwrap()
    );

    for file in html_files(&out) {
        let page = Html::parse_document(&std::fs::read_to_string(&file).unwrap());
        let name = file.strip_prefix(&out).unwrap().display().to_string();
        assert_eq!(page.select(&sel("h1")).count(), 1, "{name}: one h1");
        assert_eq!(page.select(&sel("html[lang='zh-CN']")).count(), 1, "{name}: lang");
        for landmark in ["header", "nav", "main#main", "footer", "a.skip-link[href='#main']"] {
            assert!(page.select(&sel(landmark)).next().is_some(), "{name}: has {landmark}");
        }
        // Headings never skip a level.
        let mut last = 0;
        for h in page.select(&sel("h1, h2, h3, h4, h5, h6")) {
            let level: usize = h.value().name()[1..].parse().unwrap();
            assert!(level <= last + 1, "{name}: {} after h{last}", h.html());
            last = level;
        }
        for table in page.select(&sel("table")) {
            // A table of the theme has a caption; a Markdown table (of a free page or a report's
            // text) is named by its region's aria-label instead.
            let markdown = ElementRef::wrap(table.parent().unwrap()).unwrap().attr("aria-label").is_some();
            assert!(table.select(&sel("caption")).next().is_some() || markdown, "{name}: table without caption");
            // A heading in the table's head is a column heading by the table model (its row holds
            // no data cell); so is a heading that starts a body row holding data cells, in a table
            // whose body rows all start with a heading (its column holds no data cell: a row
            // heading, HTML's table model, WCAG H51); every other heading says its scope.
            let first_is_th = |tr: ElementRef| tr.children().filter_map(ElementRef::wrap).next().is_some_and(|c| c.value().name() == "th");
            let headed_rows = table.select(&sel("tbody > tr")).all(first_is_th);
            for th in table.select(&sel("th")) {
                let in_head = th.ancestors().any(|a| ElementRef::wrap(a).is_some_and(|e| e.value().name() == "thead"));
                let row = ElementRef::wrap(th.parent().unwrap()).unwrap();
                let starts_row = row.children().filter_map(ElementRef::wrap).next() == Some(th);
                let row_heading = headed_rows && starts_row && row.select(&sel("td")).next().is_some() && th.attr("rowspan").is_none() && th.attr("colspan").is_none();
                assert!(th.attr("scope").is_some() || in_head || row_heading, "{name}: th without scope: {}", th.html());
                if in_head {
                    let row = ElementRef::wrap(th.parent().unwrap()).unwrap();
                    assert!(row.select(&sel("td")).next().is_none(), "{name}: a head row holds headings only: {}", row.html());
                }
            }
            let wrap = ElementRef::wrap(table.parent().unwrap()).unwrap();
            assert_eq!(wrap.attr("role"), Some("region"), "{name}: table in a region");
            assert_eq!(wrap.attr("tabindex"), Some("0"), "{name}: focusable table region");
            assert!(wrap.attr("aria-label").is_some() || wrap.attr("aria-labelledby").is_some());
        }
    }
}

#[test]
fn report_page_shows_every_section_with_computed_figures() {
    let (_root, out) = built_site(false);
    let page = read(&out, "civil/2022/index.html");
    let main = page.select(&sel("main")).next().unwrap();

    let h2: Vec<String> = main.select(&sel("section.part > h2")).map(text).collect();
    assert_eq!(h2, ["一、基本情况", "二、综合评价分析", "三、存在的主要问题", "四、下一步改进措施", "绩效自评表"]);
    let h3: Vec<String> = main.select(&sel("section.part > section > h3")).map(text).collect();
    assert_eq!(
        &h3[..8],
        [
            "（一）部门概况",
            "（二）年度总体工作和重点工作任务",
            "（三）部门整体收支情况",
            "（四）部门整体绩效管理情况",
            "（一）自评结论综述",
            "（二）各项工作任务绩效目标完成情况分析",
            "（三）各重点任务项目支出完成情况分析",
            "（四）主要工作成效",
        ]
    );

    // Cover metadata as a definition list near the top.
    let cover: Vec<(String, String)> = main.select(&sel("dl.cover > dt")).map(text).zip(main.select(&sel("dl.cover > dd")).map(text)).collect();
    assert_eq!(cover.len(), main.select(&sel("dl.cover > dd")).count(), "one dd per dt");
    for (k, v) in [("索引号", "TEST-2022-001"), ("发布机构", "测试市民政局"), ("发布日期", "2023年5月10日"), ("评价方式", "自评"), ("综合评分", "91.5 分（等级：优）")] {
        assert!(cover.contains(&(k.to_string(), v.to_string())), "cover has {k}: {v} in {cover:?}");
    }

    // Withheld overview: notice with its legal basis, never a blank.
    let withheld = text(main.select(&sel("#overview .withheld")).next().expect("withheld notice"));
    assert!(withheld.contains("依法不予公开") && withheld.contains("《保密法》及其实施条例"), "{withheld}");

    // Budget table: amounts grouped with their unit, reported and computed rates.
    let rows: Vec<(String, String)> = main
        .select(&sel("#budget table tr"))
        .filter_map(|tr| {
            let th = tr.select(&sel("th")).next()?;
            let td = tr.select(&sel("td")).next()?;
            Some((text(th), text(td)))
        })
        .collect();
    let row = |label: &str| rows.iter().find(|(k, _)| k.starts_with(label)).map(|(_, v)| v.as_str()).unwrap_or_else(|| panic!("row {label} in {rows:?}"));
    assert_eq!(row("年初预算数"), "8,000.00 万元");
    assert_eq!(row("全年预算数"), "8,334.69 万元");
    assert_eq!(row("全年执行数"), "7,907.98 万元");
    assert_eq!(row("执行率（报告公布）"), "94.88%");
    assert_eq!(row("执行率（jixiao 计算"), "94.88%");
    assert_eq!(row("一般公共预算财政拨款"), "7,907.98 万元");
    assert_eq!(row("基本支出"), "3,634.3 万元");
    assert_eq!(row("项目支出"), "4,273.68 万元");
    assert_eq!(row("年末结转和结余"), "0.00 万元");

    // Targets: jixiao's status in words, the publisher's verdict beside it.
    let results: Vec<(String, String)> = main
        .select(&sel("#results ol.results > li"))
        .map(|li| {
            let dd: Vec<String> = li.select(&sel("dd")).map(text).collect();
            (dd[2].clone(), dd[3].clone())
        })
        .collect();
    assert_eq!(results.len(), 4);
    // The status icons are drawn by style.css (`.met::before`), not written in the page.
    assert_eq!(results[0], ("达成".to_string(), "达成".to_string()));
    assert_eq!(results[1], ("未达成".to_string(), "达成（与本站判定不一致）".to_string()));
    assert_eq!(results[2], ("定性（无数值可判定）".to_string(), "未说明".to_string()));
    assert_eq!(results[3], ("无法判断".to_string(), "未说明".to_string()));
    // The status is one class on its cell, the status as the data files write it.
    let statuses: Vec<String> = main.select(&sel("#results ol.results > li")).map(|li| li.select(&sel("dd")).nth(2).unwrap().value().attr("class").unwrap_or("").to_string()).collect();
    assert_eq!(statuses, ["met", "not_met", "qualitative", "unknown"]);
    // No verdict is shown like any other missing value.
    let verdicts: Vec<Option<&str>> = main.select(&sel("#results ol.results > li")).map(|li| li.select(&sel("dd")).nth(3).unwrap().value().attr("class")).collect();
    assert_eq!(verdicts, [None, None, Some("none"), Some("none")]);
    let target_value = text(main.select(&sel("#result-relief-days dd")).next().unwrap());
    assert_eq!(target_value, "≤ 10 天");
    let counts = text(main.select(&sel("#results .counts")).next().unwrap());
    assert!(counts.contains("达成 1 项") && counts.contains("未达成 1 项") && counts.contains("定性目标 1 项") && counts.contains("无法判断 1 项"), "{counts}");

    // Narratives under their task's title or their own heading, in published order.
    let narratives: Vec<String> = main.select(&sel("#narratives h4")).map(text).collect();
    assert_eq!(narratives, ["（2）做好社会救助工作", "（1）养老服务"]);

    // Achievements: text and key figures with parts.
    let fig_rows: Vec<String> = main.select(&sel("#achievements table tbody tr")).map(|r| text(r).trim().to_string()).collect();
    assert_eq!(fig_rows, ["服务老人12,000 人次", "其中：上门服务5,000 人次"]);

    // Markdown in a narrative field: table with scope, footnote.
    let summary = main.select(&sel("#summary")).next().unwrap();
    assert!(summary.select(&sel("table th[scope='col']")).next().is_some());
    let note = summary.select(&sel("sup.fn-ref a")).next().unwrap_or_else(|| panic!("{}", summary.html()));
    let target = note.attr("href").unwrap().trim_start_matches('#');
    let li = summary.select(&sel(&format!("ol.footnotes li[id='{target}']"))).next().expect("footnote");
    assert_eq!(text(li).trim(), "见附表。");

    assert!(text(main.select(&sel("#problems")).next().unwrap()).contains("一是绩效目标设置不够细化。"));
    assert!(text(main.select(&sel("#improvements")).next().unwrap()).contains("一是细化绩效目标。"));

    // Self-evaluation table: funds with computed rate, indicators grouped, totals.
    let funds = text(main.select(&sel("table.funds tbody tr")).next().unwrap());
    assert!(funds.contains("年度资金总额") && funds.contains("8,334.69 万元") && funds.contains("94.88%"), "{funds}");
    let groups: Vec<String> = main.select(&sel("table.indicators tbody th[scope='rowgroup']")).map(text).collect();
    assert_eq!(groups, ["产出指标", "满意度指标"]);
    let rowspan = main.select(&sel("table.indicators tbody th[scope='rowgroup']")).next().unwrap().attr("rowspan");
    assert_eq!(rowspan, Some("2"));
    let statuses: Vec<(String, String)> = main.select(&sel("table.indicators tbody tr")).map(|tr| {
        let cells: Vec<ElementRef> = tr.select(&sel("td")).collect();
        let cell = cells[cells.len() - 3];
        (cell.value().attr("class").unwrap_or("").to_string(), text(cell))
    }).collect();
    assert_eq!(
        statuses,
        [("met".to_string(), "达成".to_string()), ("not_met".to_string(), "未达成".to_string()), ("qualitative".to_string(), "定性（无数值可判定）".to_string())],
        "in words, with the status as the cell's class; style.css draws the icons"
    );
    let totals = text(main.select(&sel("dl.totals")).next().unwrap());
    assert!(totals.contains("64.49 分") && totals.contains("中"), "{totals}");
    assert!(totals.contains("得分合计（本站计算）64.49 分"), "{totals}");
}

#[test]
fn computed_rate_that_disagrees_is_flagged() {
    let (_root, out) = built_site(false);
    let page = read(&out, "civil/2021/index.html");
    let cell = page
        .select(&sel("#budget tr"))
        .find(|tr| text(*tr).contains("jixiao 计算"))
        .map(|tr| text(tr.select(&sel("td")).next().unwrap()))
        .unwrap();
    assert_eq!(cell, "50.00% （与公布值不一致）");
    // Sections the report does not have say so.
    let summary = text(page.select(&sel("#summary")).next().unwrap());
    assert!(summary.contains("本报告未包含此部分内容。"));

    // The department page lists both years with reported and computed rates.
    let dept = read(&out, "civil/index.html");
    let rows: Vec<String> = dept.select(&sel("table.reports tbody tr")).map(text).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows[0].contains("2022年度") && rows[0].contains("94.88%"), "{}", rows[0]);
    assert!(rows[1].contains("2021年度") && rows[1].contains("60.00%") && rows[1].contains("50.00% （与公布值不一致）"), "{}", rows[1]);
    let dl = text(dept.select(&sel("dl")).next().unwrap());
    for part in ["民政局", "测试市", "测试市人民政府", "000-1234567"] {
        assert!(dl.contains(part), "department identity shows {part}");
    }
    assert_eq!(dept.select(&sel("a[href='https://mz.example.gov.cn/']")).count(), 1);
}

#[test]
fn home_and_year_pages_list_reports_and_mark_demo_data() {
    let (_root, out) = built_site(false);
    let home = read(&out, "index.html");
    let main = text(home.select(&sel("main")).next().unwrap());
    assert!(main.contains("本站公开测试市各部门的自评报告。"));
    let depts: Vec<String> = home.select(&sel("ul.cards > li")).map(text).collect();
    assert!(depts.iter().any(|d| d.contains("测试市民政局")));
    assert!(depts.iter().any(|d| d.contains("示例：青水市文化局（虚构）") && d.contains("示例数据（虚构）")), "{depts:?}");
    let years: Vec<String> = home.select(&sel("ul.years a")).map(text).collect();
    assert_eq!(years, ["2022年度", "2021年度"]);
    let latest: Vec<String> = home.select(&sel("table.reports tbody th")).map(text).collect();
    assert_eq!(latest[0], "2022年度测试市民政局部门整体支出绩效自评报告", "dated report first");
    assert_eq!(latest.len(), 3);

    let year = read(&out, "years/2022/index.html");
    let rows: Vec<String> = year.select(&sel("table.reports tbody tr")).map(text).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().any(|r| r.contains("示例数据（虚构）") && r.contains("75.00%")), "{rows:?}");
    assert_eq!(year.select(&sel(".banner-demo")).count(), 0, "a listing marks rows, not the page");

    for page in ["demo-culture/index.html", "demo-culture/2022/index.html"] {
        let html = read(&out, page);
        let banner = html.select(&sel("main .banner-demo")).next().unwrap_or_else(|| panic!("{page} has a demo banner"));
        assert!(text(banner).contains("示例数据（虚构）"));
    }
    assert_eq!(read(&out, "civil/2022/index.html").select(&sel(".banner-demo")).count(), 0);
}

#[test]
fn drafts_are_built_only_when_asked_and_carry_a_banner() {
    let (_root, out) = built_site(true);
    let draft = read(&out, "civil/2023/index.html");
    let banner = text(draft.select(&sel("main .banner-draft")).next().expect("draft banner"));
    assert!(banner.contains("草稿"));
    assert_eq!(draft.select(&sel("meta[name='robots'][content='noindex']")).count(), 1);
    assert_eq!(read(&out, "civil/2022/index.html").select(&sel(".banner-draft")).count(), 0);
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("civil/2023/"), "drafts stay out of the sitemap");
}

/// Resolves a relative link of the page at `page` (relative to `out`) to a file.
fn resolve(out: &Path, page: &Path, href: &str) -> PathBuf {
    // A query (an asset's content hash, `?h=…`) is not part of the file's path.
    let target = href.split(['#', '?']).next().unwrap();
    let mut p = page.parent().unwrap().to_path_buf();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                assert!(p.pop(), "{href} leaves the site from {}", page.display());
            }
            x => p.push(x),
        }
    }
    if target.is_empty() || target.ends_with('/') {
        p.push("index.html");
    }
    out.join(p)
}

#[test]
fn internal_links_are_relative_and_resolve() {
    let (_root, out) = built_site(false);
    let base = "https://www.example.gov.cn/jixiao/";
    for file in html_files(&out) {
        let rel = file.strip_prefix(&out).unwrap().to_path_buf();
        let page = Html::parse_document(&std::fs::read_to_string(&file).unwrap());
        for el in page.select(&sel("a[href], link[href], script[src]")) {
            let url = el.attr("href").or(el.attr("src")).unwrap();
            if el.value().name() == "link" && el.attr("rel") == Some("canonical") {
                assert!(url.starts_with(base), "canonical uses base_url: {url}");
                continue;
            }
            if url.starts_with("https://mz.example.gov.cn/") || url.starts_with("mailto:") {
                continue;
            }
            if let Some(id) = url.strip_prefix('#') {
                assert!(page.select(&sel(&format!("[id='{id}']"))).next().is_some(), "{}: dangling {url}", rel.display());
                continue;
            }
            if rel == Path::new("404.html") {
                assert!(url.starts_with("/jixiao/"), "404 links use base_url's path: {url}");
                let target = resolve(&out, Path::new("x"), url.trim_start_matches("/jixiao/"));
                assert!(target.is_file(), "404: {url} → {}", target.display());
                continue;
            }
            assert!(!url.starts_with('/') && !url.contains("://"), "{}: link is not relative: {url}", rel.display());
            let target = resolve(&out, &rel, url);
            assert!(target.is_file(), "{}: {url} → {} does not exist", rel.display(), target.display());
        }
    }
    let report = read(&out, "civil/2022/index.html");
    let canonical = report.select(&sel("link[rel='canonical']")).next().unwrap();
    assert_eq!(canonical.attr("href"), Some("https://www.example.gov.cn/jixiao/civil/2022/"));
    let style = report.select(&sel("link[rel='stylesheet']")).next().unwrap().attr("href").unwrap();
    assert!(style.starts_with("../../assets/style.css?h="), "{style}");

    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    for loc in ["jixiao/</loc>", "jixiao/civil/</loc>", "jixiao/civil/2022/</loc>", "jixiao/years/2021/</loc>", "jixiao/pages/about/</loc>"] {
        assert!(sitemap.contains(&format!("<loc>https://www.example.gov.cn/{loc}")), "sitemap has {loc}");
    }
    assert!(sitemap.contains("<lastmod>2023-05-10</lastmod>"));
    assert!(!sitemap.contains("404"));
}

#[test]
fn free_page_headings_follow_the_title() {
    let (_root, out) = built_site(false);
    let page = read(&out, "pages/about/index.html");
    let headings: Vec<String> = page.select(&sel("main h1, main h2, main h3")).map(|h| format!("{}:{}", h.value().name(), text(h))).collect();
    assert_eq!(headings, ["h1:关于本站", "h2:本站是什么", "h3:数据"]);
}

#[test]
fn builds_are_byte_identical() {
    let root = full_site();
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    build(root.path(), &a, true).unwrap();
    build(root.path(), &b, true).unwrap();
    let list = |d: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let mut v: Vec<_> = walkdir::WalkDir::new(d)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().strip_prefix(d).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
            .collect();
        v.sort();
        v
    };
    assert!(list(&a) == list(&b), "two builds differ");
}

// ───────────────────────────── themes on disk ─────────────────────────────

/// A site whose `themes/default` is a copy of the repository's, with `edit` applied to it.
fn site_with_theme(edit: impl Fn(&Path)) -> tempfile::TempDir {
    let root = full_site();
    let src = repo().join("themes/default");
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let to = root.path().join("themes/default").join(entry.path().strip_prefix(&src).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    edit(&root.path().join("themes/default"));
    root
}

fn replace_in(file: &Path, from: &str, to: &str) {
    let s = std::fs::read_to_string(file).unwrap();
    assert!(s.contains(from), "{} contains {from:?}", file.display());
    std::fs::write(file, s.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_theme_on_disk_wins_over_the_embedded_one() {
    let root = site_with_theme(|t| {
        replace_in(&t.join("templates/index.html"), "<h1>{{ site.title }}</h1>", "<h1>{{ site.title }}（本地主题）</h1>");
        replace_in(&t.join("i18n/zh-CN.yaml"), "home: 首页", "home: 主页");
        std::fs::write(t.join("static/extra.txt"), "extra").unwrap();
    });
    let out = root.path().join("public");
    build(root.path(), &out, false).unwrap_or_else(|d| panic!("{d}"));
    let home = read(&out, "index.html");
    assert_eq!(text(home.select(&sel("h1")).next().unwrap()), "测试市部门绩效自评报告（本地主题）");
    assert_eq!(text(home.select(&sel(".site-nav a")).next().unwrap()), "主页");
    assert_eq!(std::fs::read_to_string(out.join("assets/extra.txt")).unwrap(), "extra");
}

#[test]
fn a_ui_string_missing_from_the_i18n_file_is_an_error_naming_the_key() {
    let root = site_with_theme(|t| {
        replace_in(&t.join("templates/base.html"), "<main id=\"main\"", "{{ t(key=\"footer.no_such_key\") }}<main id=\"main\"");
    });
    let out = root.path().join("public");
    let err = build(root.path(), &out, false).expect_err("missing key fails the build");
    let d = err.0.iter().find(|d| d.message.en.contains("footer.no_such_key")).unwrap_or_else(|| panic!("{err}"));
    assert_eq!(d.code, "E0302");
    assert_eq!(d.file, Path::new("themes/default/templates/base.html"));
    assert!(d.location.is_some_and(|l| l.line > 1), "{d}");
    assert!(d.message.en.contains("themes/default/i18n/zh-CN.yaml"), "{d}");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn a_key_computed_at_render_time_fails_when_missing() {
    // A literal key is checked before rendering…
    let root = site_with_theme(|t| {
        replace_in(&t.join("i18n/zh-CN.yaml"), "  unknown: 无法判断\n", "");
    });
    let err = build(root.path(), &root.path().join("public"), false).expect_err("missing status.unknown");
    let d = err.0.iter().find(|d| d.message.en.contains("`status.unknown`")).unwrap_or_else(|| panic!("{err}"));
    assert_eq!((d.code, d.file.as_path()), ("E0302", Path::new("themes/default/templates/partials/status.html")));
    // Once, although jixiao also puts this key in words itself (the comparison cells).
    assert_eq!(err.0.iter().filter(|d| d.message.en.contains("`status.unknown`")).count(), 1, "{err}");
    // …a computed one when the page renders.
    let root = site_with_theme(|t| {
        replace_in(&t.join("templates/year.html"), "<h1>", "{{ t(key=\"status.\" ~ \"nope\") }}<h1>");
    });
    let err = build(root.path(), &root.path().join("public"), false).expect_err("missing status.nope");
    let d = err.0.iter().find(|d| d.message.en.contains("`status.nope`")).unwrap_or_else(|| panic!("{err}"));
    assert_eq!(d.code, "E0301");
    assert_eq!(d.file, Path::new("themes/default/templates/year.html"));
    assert_eq!(d.location.map(|l| l.line), Some(10));
    assert!(d.hint.as_ref().is_some_and(|h| h.en.contains("years/")), "{d}");
}

#[test]
fn a_key_jixiao_fills_in_itself_fails_when_missing() {
    // The comparison cells' words and the navigation's year labels are put together in Rust,
    // so a template need not name their keys: they are checked all the same, before anything
    // renders, once: at the i18n file when no template names the key (compare.up), else where
    // the template does (search.html names nav.year).
    for (line, key, at) in [
        ("  up: \"比上年增加 {delta}\"\n", "compare.up", "themes/default/i18n/zh-CN.yaml"),
        ("  year: \"{year}年度\"\n", "nav.year", "themes/default/templates/search.html"),
    ] {
        let root = site_with_theme(|t| replace_in(&t.join("i18n/zh-CN.yaml"), line, ""));
        let out = root.path().join("public");
        let err = build(root.path(), &out, false).expect_err(key);
        let found: Vec<_> = err.0.iter().filter(|d| d.message.en.contains(&format!("`{key}`"))).collect();
        assert_eq!(found.len(), 1, "{err}");
        let d = found[0];
        assert_eq!((d.code, d.file.as_path()), ("E0302", Path::new(at)), "{d}");
        assert!(d.hint.as_ref().is_some_and(|h| h.en.contains(key)), "{d}");
        assert!(!out.exists(), "nothing written");
    }
}

#[test]
fn template_errors_name_the_file_line_and_column() {
    let root = site_with_theme(|t| {
        replace_in(&t.join("templates/year.html"), "<h1>", "{% if %}<h1>");
    });
    let err = build(root.path(), &root.path().join("public"), false).expect_err("syntax error");
    let d = &err.0[0];
    assert_eq!(d.code, "E0301");
    assert_eq!(d.file, Path::new("themes/default/templates/year.html"));
    let loc = d.location.expect("located");
    assert_eq!(loc.line, 10, "{err}");
    assert!(err.to_string().contains("themes/default/templates/year.html:10:"), "{err}");

    let root = site_with_theme(|t| {
        replace_in(&t.join("templates/department.html"), "<h1>{{ p.name }}</h1>", "<h1>{{ p.no_such_field }}</h1>");
    });
    let err = build(root.path(), &root.path().join("public"), false).expect_err("render error");
    assert_eq!(err.0.len(), 1, "one error for all department pages: {err}");
    let d = &err.0[0];
    assert_eq!((d.code, d.file.as_path()), ("E0301", Path::new("themes/default/templates/department.html")));
    assert_eq!(d.location.map(|l| l.line), Some(11));
    assert!(d.hint.as_ref().is_some_and(|h| h.en.contains("more pages")), "{d}");

    // UI-string prints are compiled as text (render::fold); columns after one on the same
    // line are still those of the theme's file.
    for (file, from, to, needle) in [
        ("templates/department.html", "<h1>{{ p.name }}</h1>", "<h1>{{ i18n.nav.home }}{{ i18n.nav.home }}{{ p.no_such_field }}</h1>", "{{ p.no_such_field }}"),
        ("templates/year.html", "<h1>", "{{ i18n.nav.home }}{% if %}<h1>", "{% if %}"),
    ] {
        let root = site_with_theme(|t| replace_in(&t.join(file), from, to));
        let err = build(root.path(), &root.path().join("public"), false).expect_err("template error");
        let d = &err.0[0];
        let loc = d.location.expect("located");
        let source = std::fs::read_to_string(root.path().join("themes/default").join(file)).unwrap();
        let line = source.lines().nth(loc.line - 1).unwrap();
        let start = line[..line.find(needle).expect("on the reported line")].chars().count() + 1;
        let end = start + needle.chars().count();
        assert!((start..end).contains(&loc.column), "column {} outside {start}..{end} of {line:?}: {err}", loc.column);
    }
}
