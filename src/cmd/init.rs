//! `jixiao init DIR`: a new site that builds at once.
//!
//! Creates `DIR/content/site.yaml`, one department with its `department.yaml` and a draft report
//! for last year in which every figure is empty (`~`) with a comment, a copy of the default
//! theme under `DIR/themes/default` to adapt, and the content schemas under `DIR/schema/`, which
//! the first line of every YAML file names for editors, and a `.gitignore` naming the output
//! folder, what a build keeps beside it and the build cache (`.jixiao/`). Refuses a folder that is not empty.

use jixiao::messages::Text;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The arguments of `jixiao init`; what each means (for `--help`) is in
/// `jixiao::messages::COMMAND_HELP`.
#[derive(clap::Args)]
pub(crate) struct Args {
    dir: PathBuf,
    #[arg(long, default_value = "example-department")]
    department: String,
    #[arg(long, value_parser = super::help::whole_number)]
    year: Option<u16>,
}

const SITE_YAML: &str = r#"# yaml-language-server: $schema=../schema/site.schema.json
# 网站总体设置（content/site.yaml）
#
# 每行的格式是“键: 值”，冒号后面要留一个空格；“#”后面的文字是说明，不会显示在网页上。
# 键名（冒号前的英文）不能改动；只需修改冒号后面的内容。

# 网站名称：显示在每个页面的标题栏、页眉和浏览器标签上。
title: 部门整体支出绩效自评报告公开

# 网站正式发布的地址，必须以 https:// 或 http:// 开头；用于规范链接、站点地图和订阅。
base_url: "https://www.example.gov.cn/jixiao/"

# 网站语言代码：简体中文填 zh-CN。
language: zh-CN

# 发布机构：显示在每个页面底部。请填写负责公开的单位全称。
publisher: 请填写发布机构全称

# 网站简介：显示在首页。
description: 本网站公开各部门的部门整体支出绩效自评报告，并提供数据下载。

# 数据许可：公众能否再利用本站发布的数据，写在数据包说明（datapackage.json）中。
# 填 SPDX 标识（如 CC-BY-4.0、CC0-1.0）或许可协议的名称；不填时生成网站会给出警告。
# licence: CC-BY-4.0
"#;

fn department_yaml(id: &str) -> String {
    format!(
        r#"# yaml-language-server: $schema=../../schema/department.schema.json
# 部门基本信息（content/{id}/department.yaml）
#
# 只写多年不变的部门身份信息；每年的内容写在对应年度的报告文件（如 2024.yaml）里。
# 文件夹名 {id} 就是部门代码，会出现在网址中：/{id}/2024/。

# 部门全称。
name: 请填写部门全称

# 部门简称：用于表格和导航（可删除）。
short_name: 请填写部门简称

# 所属行政区域（可删除）。
region: 请填写行政区域
"#
    )
}

fn report_yaml(id: &str, year: u16) -> String {
    format!(
        r#"# yaml-language-server: $schema=../../schema/report.schema.json
# {year}年度部门整体支出绩效自评报告（content/{id}/{year}.yaml）：模板，草稿
#
# 数字直接写（8334.69、0.00），不加引号、不加千分位逗号；百分比只写百分号前的数字。
# 留空的数字写 ~；草稿可以预览（jixiao build --drafts），但数字全部填写后才能把 draft
# 改为 false 发布，否则生成时会逐项列出仍为空的数字。原文没有的数字，请删除该行，不要填 0。
# 下一年度的报告可用 jixiao new {id} {next} 从本文件生成。

title: {year}年度部门整体支出绩效自评报告
draft: true
# published: YYYY-MM-DD  # 正式发布时填写发布日期，并删除行首的 #

# 一（一）部门概况：依法不予公开时，删除 text，改写 withheld（basis 填法律依据）。
overview:
  text: 请填写部门概况。

# 一（二）年度总体工作和重点工作任务：每项任务一个 id（英文小写和连字符），每年保持不变。
work:
  intro: 本年度总体及重点工作包括：
  tasks:
    - id: task-1
      title: 请填写第一项重点工作任务

# 一（三）部门整体收支情况（金额单位：万元）。
budget:
  unit: 万元
  initial: ~  # 待填写：年初预算数
  total: ~  # 待填写：全年预算数（调整后预算数）
  executed: ~  # 待填写：全年执行数
  execution_rate: ~  # 待填写：执行率（% 前的数字）
  basic: ~  # 待填写：基本支出
  project: ~  # 待填写：项目支出
  carry_over: ~  # 待填写：年末结转和结余

# 部门整体绩效目标：id 每年保持不变，用于跨年度对比。
targets:
  - id: target-1
    name: 请填写第一项绩效目标
    unit: "%"
    direction: higher
    target:
      op: "≥"
      value: 90
    result:
      value: ~  # 待填写：实际完成值

# 二（一）自评结论综述。
summary: ~  # 待填写
"#,
        next = year + 1
    )
}

/// Last calendar year, from today as the loader sees it (the clock, or SOURCE_DATE_EPOCH).
fn last_year() -> u16 {
    (jixiao::dates::today().year - 1).clamp(1949, 2999) as u16
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Text> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| jixiao::messages::cannot_write(&parent.display().to_string(), &e))?;
    }
    std::fs::write(path, bytes).map_err(|e| jixiao::messages::cannot_write(&path.display().to_string(), &e))
}

/// Creates the site; every path it writes, relative to `dir`.
pub(crate) fn create(dir: &Path, department: &str, year: u16) -> Result<Vec<String>, Text> {
    let not_empty = match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_some(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(jixiao::messages::cannot_write(&dir.display().to_string(), &e)),
    };
    if not_empty {
        return Err(jixiao::messages::init_not_empty(&dir.display().to_string()));
    }
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("content/site.yaml".into(), SITE_YAML.as_bytes().to_vec()),
        (format!("content/{department}/department.yaml"), department_yaml(department).into_bytes()),
        (format!("content/{department}/{year}.yaml"), report_yaml(department, year).into_bytes()),
    ];
    // The content schemas, for editors: the first line of every YAML file points at them.
    for (name, bytes) in jixiao::schema::files() {
        files.push((format!("schema/{name}"), bytes));
    }
    // What a build writes, what it keeps beside its output folder while it runs (lock,
    // staging folder, journal) and its cache: none of it belongs in version control.
    files.push((
        ".gitignore".into(),
        format!("/public/\n{}\n/{}/\n", jixiao::output::publish::GITIGNORE_PATTERN, jixiao::pipeline::cache::FOLDER).into_bytes(),
    ));
    for (path, bytes) in jixiao::render::default_theme_files() {
        files.push((format!("themes/default/{path}"), bytes.to_vec()));
    }
    for (rel, bytes) in &files {
        write(&dir.join(rel), bytes)?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_'))
        && !jixiao::model::RESERVED_IDS.contains(&id)
}

pub(crate) fn run(args: Args, language: super::Language) -> ExitCode {
    let lang = language.without_site();
    if !valid_id(&args.department) {
        eprintln!("{}", jixiao::messages::cli_error(&jixiao::messages::bad_id(&args.department)).get(lang));
        return ExitCode::FAILURE;
    }
    let year = args.year.unwrap_or_else(last_year);
    match create(&args.dir, &args.department, year) {
        Ok(_) => {
            eprintln!("{}", jixiao::messages::init_done(&args.dir.display().to_string()).get(lang));
            ExitCode::SUCCESS
        }
        Err(m) => {
            eprintln!("{}", jixiao::messages::cli_error(&m).get(lang));
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_year_is_plausible() {
        let y = last_year();
        assert!((2024..2999).contains(&y), "{y}");
    }
}
