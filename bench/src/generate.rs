//! Synthetic corpus: a complete site root (`content/site.yaml`, departments, yearly reports)
//! of reports shaped like the seed report: about 7,000 Chinese characters, 13 targets, 12 tasks
//! with 12 narratives, 11 achievements with about 70 key figures, a 20-row self-evaluation table.
//!
//! Deterministic: the same seed, department count and year count give the same bytes. Structure
//! (tasks, measures, ids) is drawn per department, so ids stay the same from year to year and
//! cross-year comparison has something to join; figures and wording are drawn per report.

use crate::phrases::PHRASES;
use crate::vocab::{self, Kind};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// Default random seed ("jixiao" in ASCII).
pub(crate) const DEFAULT_SEED: u64 = 0x6a69_7869_616f;
/// Last year of every generated department.
pub(crate) const LAST_YEAR: u16 = 2024;
/// Marker file written at the corpus root with the parameters it was generated from.
pub(crate) const MARKER: &str = ".jixiao-bench-corpus";

/// splitmix64: tiny, fast, good enough for shaping test data.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator for a sub-stream, independent of the order streams are used in.
    pub(crate) fn derive(seed: u64, a: u64, b: u64) -> Rng {
        let mut r = Rng(seed ^ a.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ b.wrapping_mul(0xc2b2_ae3d_27d4_eb4f));
        r.next();
        r
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }

    /// `n` distinct indices below `len`, in drawn order.
    pub(crate) fn distinct(&mut self, n: usize, len: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..len).collect();
        for i in 0..n.min(len) {
            let j = i + self.next() as usize % (len - i);
            all.swap(i, j);
        }
        all.truncate(n.min(len));
        all
    }

    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// What a generation run produced.
pub(crate) struct Generated {
    pub(crate) reports: usize,
    pub(crate) bytes: u64,
    pub(crate) chars_per_report: usize,
    pub(crate) figures_per_report: usize,
}

/// Writes a corpus of `departments` × `years` reports under `out` (which must be new, empty or
/// an earlier corpus: its `content/` is replaced).
pub(crate) fn generate(out: &Path, departments: usize, years: usize, seed: u64) -> io::Result<Generated> {
    if out.exists() && fs::read_dir(out)?.next().is_some() && !out.join(MARKER).exists() {
        return Err(io::Error::other(format!(
            "{} is not empty and is not a generated corpus; choose another --out",
            out.display()
        )));
    }
    let content = out.join("content");
    if content.exists() {
        fs::remove_dir_all(&content)?;
    }
    let _ = fs::remove_file(out.join(MARKER));
    fs::create_dir_all(content.join("pages"))?;
    fs::write(content.join("site.yaml"), site_yaml(departments, years))?;
    fs::write(content.join("pages/about.md"), ABOUT_PAGE)?;
    link_theme(out)?;

    let first_year = LAST_YEAR - years as u16 + 1;
    let totals = (0..departments)
        .into_par_iter()
        .map(|d| -> io::Result<(u64, usize, usize)> {
            let dept = Department::new(seed, d);
            let dir = content.join(&dept.id);
            fs::create_dir_all(&dir)?;
            let profile = dept.profile_yaml();
            fs::write(dir.join("department.yaml"), &profile)?;
            let mut bytes = profile.len() as u64;
            let (mut chars, mut figures) = (0, 0);
            for year in first_year..=LAST_YEAR {
                let report = dept.report(seed, year);
                chars += report.chars;
                figures += report.figures;
                bytes += report.yaml.len() as u64;
                fs::write(dir.join(format!("{year}.yaml")), report.yaml)?;
            }
            Ok((bytes, chars, figures))
        })
        .collect::<io::Result<Vec<_>>>()?;
    let reports = departments * years;
    let sum = |f: fn(&(u64, usize, usize)) -> u64| totals.iter().map(f).sum::<u64>();
    fs::write(out.join(MARKER), marker(departments, years, seed))?;
    Ok(Generated {
        reports,
        bytes: sum(|t| t.0),
        chars_per_report: sum(|t| t.1 as u64) as usize / reports.max(1),
        figures_per_report: sum(|t| t.2 as u64) as usize / reports.max(1),
    })
}

/// The marker text for a corpus with these parameters.
pub(crate) fn marker(departments: usize, years: usize, seed: u64) -> String {
    format!("departments={departments}\nyears={years}\nseed={seed}\ngenerator=4\n")
}

/// Makes `out/themes` point at the repository's themes, so the corpus builds with the current
/// theme (a site without `themes/` may also build from the embedded default theme).
fn link_theme(out: &Path) -> io::Result<()> {
    let themes = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
    let link = out.join("themes");
    if !themes.is_dir() || fs::symlink_metadata(&link).is_ok() {
        return Ok(());
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(&themes, &link)?;
    Ok(())
}

fn site_yaml(departments: usize, years: usize) -> String {
    format!(
        "# Generated by jixiao-bench: fictional benchmark data.\n\
         title: {}\n\
         base_url: \"https://bench.example.org/\"\n\
         language: zh-CN\n\
         theme: default\n\
         publisher: jixiao 基准测试语料（虚构数据，非政府官方网站）\n\
         description: {}\n\
         licence: CC-BY-4.0\n",
        q(&format!("基准测试语料：{departments}个部门、{years}个年度的部门整体支出绩效自评报告（虚构数据）")),
        q("本站由 jixiao-bench 生成，用于测试生成速度。全部部门、人员和数字均为虚构，不代表任何真实机关。"),
    )
}

const ABOUT_PAGE: &str = "---\ntitle: 关于本站\ndescription: 基准测试语料的说明。\norder: 1\n---\n\n\
本站由 `jixiao-bench generate` 生成，用于衡量 jixiao 的生成速度。\n\n\
全部部门、人员和数字均为虚构，文字取自公开报告的常用语句并随机组合。\n";

/// YAML double-quoted scalar (JSON string syntax is valid YAML).
fn q(s: &str) -> String {
    serde_json::to_string(s).expect("string serialises")
}

/// A department's stable structure.
struct Department {
    index: usize,
    id: String,
    name: String,
    short_name: String,
    region: String,
    tasks: Vec<&'static str>,
    targets: Vec<usize>,
    indicators: Vec<usize>,
    figures: Vec<Vec<usize>>,
    parts_of: Vec<Option<(usize, bool)>>,
}

/// One generated report.
struct Report {
    yaml: String,
    chars: usize,
    figures: usize,
}

impl Department {
    fn new(seed: u64, index: usize) -> Department {
        let mut r = Rng::derive(seed, index as u64 + 1, 0);
        let region = format!("{}{}区", r.pick(vocab::PLACE), r.pick(vocab::PLACE));
        let bureau = *r.pick(vocab::BUREAUS);
        let tasks = r.distinct(12, vocab::TASKS.len()).into_iter().map(|i| vocab::TASKS[i]).collect();
        let targets = r.distinct(13, vocab::MEASURES.len());
        let indicators = r.distinct(20, vocab::MEASURES.len());
        // 11 achievements; 4–6 key figures each, about one in three with 3–4 parts.
        let order = r.distinct(vocab::FIGURES.len(), vocab::FIGURES.len());
        let mut figures = Vec::new();
        let mut k = 0;
        for _ in 0..11 {
            let n = r.range(4, 6) as usize;
            figures.push((0..n).map(|_| { k += 1; order[(k - 1) % order.len()] }).collect());
        }
        let parts_of = (0..11)
            .map(|_| if r.chance(35) { Some((r.range(3, 4) as usize, r.chance(30))) } else { None })
            .collect();
        Department {
            index,
            id: format!("bench-{:05}", index + 1),
            name: format!("示例{region}{bureau}（虚构）"),
            short_name: format!("{region}{}", &bureau.chars().take(2).collect::<String>()),
            region,
            tasks,
            targets,
            indicators,
            figures,
            parts_of,
        }
    }

    fn profile_yaml(&self) -> String {
        format!(
            "# 基准测试语料（虚构数据）\nid: {}\nname: {}\nshort_name: {}\nregion: {}\nparent: {}\ndemo: true\n\
             contact:\n  name: {}\n  phone: \"000-{:08}\"\n  email: \"{}@example.org\"\n",
            self.id,
            q(&self.name),
            q(&self.short_name),
            q(&format!("示例市{}", self.region)),
            q(&format!("示例市{}人民政府", self.region)),
            q("办公室（虚构）"),
            self.index + 1,
            self.id,
        )
    }

    fn report(&self, seed: u64, year: u16) -> Report {
        let mut g = ReportGen {
            r: Rng::derive(seed, self.index as u64 + 1, year as u64),
            y: String::with_capacity(48 * 1024),
            chars: 0,
            figures: 0,
            measures: HashMap::new(),
            stated: HashMap::new(),
        };
        g.write(self, year);
        Report { chars: g.chars, figures: g.figures, yaml: g.y }
    }
}

struct ReportGen {
    r: Rng,
    y: String,
    chars: usize,
    figures: usize,
    /// The target, actual value and verdict drawn for each measure of this report, by name: a
    /// measure that is both a target (二（二）) and an indicator row of the self-evaluation
    /// table states one target and one result in both places.
    measures: HashMap<&'static str, (String, String, bool)>,
    /// Every value this report has stated, as written, by name and unit: a target's result, an
    /// indicator's actual value, a key figure. A real report states one value per measure
    /// (`jixiao check` J203 flags two), so a key figure whose label is a measure already stated
    /// (配备网格终端, 接待来访群众 …), or a label used by an earlier achievement, repeats it.
    stated: HashMap<(&'static str, &'static str), String>,
}

/// Money in hundredths (分 of the unit), written with two decimals.
fn money(c: u64) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

/// `a / b` as a percentage with two decimals.
fn pct(a: u64, b: u64) -> String {
    money(if b == 0 { 0 } else { (a * 20000 + b) / (2 * b) })
}

impl ReportGen {
    fn count_chars(&mut self, s: &str) {
        self.chars += s.chars().filter(|c| !c.is_ascii()).count();
    }

    /// `key: "value"` at `indent`.
    fn kv(&mut self, indent: usize, key: &str, value: &str) {
        self.count_chars(value);
        let _ = writeln!(self.y, "{:indent$}{key}: {}", "", q(value));
    }

    /// `- "value"` at `indent`.
    fn item(&mut self, indent: usize, value: &str) {
        self.count_chars(value);
        let _ = writeln!(self.y, "{:indent$}- {}", "", q(value));
    }

    /// `key: 12.34` at `indent`.
    fn num(&mut self, indent: usize, key: &str, value: &str) {
        let _ = writeln!(self.y, "{:indent$}{key}: {value}", "");
    }

    /// `key: |` with the paragraphs as a literal block.
    fn block(&mut self, indent: usize, key: &str, paragraphs: &[String]) {
        let _ = writeln!(self.y, "{:indent$}{key}: |", "");
        for (i, p) in paragraphs.iter().enumerate() {
            self.count_chars(p);
            if i > 0 {
                self.y.push('\n');
            }
            let _ = writeln!(self.y, "{:w$}{p}", "", w = indent + 2);
        }
    }

    /// A sentence of 2–4 clauses from the seed.
    fn sentence(&mut self) -> String {
        let n = self.r.range(2, 4);
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push('，');
            }
            let phrase: &&str = self.r.pick(PHRASES);
            s.push_str(phrase);
        }
        s.push('。');
        s
    }

    /// A paragraph of at least `chars` characters.
    fn paragraph(&mut self, chars: usize) -> String {
        let mut p = String::new();
        while p.chars().count() < chars {
            p.push_str(&self.sentence());
        }
        p
    }

    fn write(&mut self, d: &Department, year: u16) {
        let r = &mut self.r;
        // Budget, in hundredths of 万元.
        let total = r.range(50_000, 2_000_000);
        let initial = total * r.range(85, 100) / 100;
        let executed = total * r.range(850, 995) / 1000;
        let fund = if r.chance(30) { executed * r.range(1, 10) / 100 } else { 0 };
        let other = if r.chance(20) { executed * r.range(1, 5) / 100 } else { 0 };
        let general = executed - fund - other;
        let basic = executed * r.range(30, 50) / 100;
        let project = executed - basic;
        let covered = project * r.range(90, 100) / 100;
        let l1 = r.range(3, 10);
        let l2 = l1 * r.range(2, 5);

        let _ = writeln!(self.y, "# 基准测试语料（虚构数据）\ndepartment: {}\nyear: {year}", d.id);
        self.kv(0, "title", &format!("{year}年度{}部门整体支出绩效自评报告", d.name));
        let (day1, day2, serial) = (self.r.range(10, 28), self.r.range(10, 28), self.r.range(10, 99));
        self.kv(0, "published", &format!("{}-05-{day1:02}", year + 1));
        self.y.push_str("cover:\n");
        self.kv(2, "index_number", &format!("bench-{:05}/{year}-00{serial}", d.index + 1));
        self.kv(2, "issuer", &d.name.clone());
        self.kv(2, "evaluation_method", "自评");
        self.kv(2, "report_date", &format!("{}-04-{day2:02}", year + 1));

        // The self-evaluation table decides the score, so draw it first.
        let table = self.table(d, year, total, initial, executed);

        self.y.push_str("score:\n");
        self.num(2, "total", &table.1);
        self.kv(2, "grade", &table.2);

        self.y.push_str("overview:\n");
        let ov = vec![self.paragraph(120), self.paragraph(60)];
        self.block(2, "text", &ov);

        self.y.push_str("work:\n");
        self.kv(2, "intro", "本年度总体及重点工作包括：");
        self.y.push_str("  tasks:\n");
        for (i, t) in d.tasks.iter().enumerate() {
            let _ = writeln!(self.y, "    - id: task-{:02}", i + 1);
            self.kv(6, "title", t);
        }
        self.kv(2, "outro", "各项工作都能有序开展达到预期效果。");

        self.y.push_str("budget:\n");
        self.kv(2, "unit", "万元");
        self.num(2, "initial", &money(initial));
        self.num(2, "total", &money(total));
        self.num(2, "executed", &money(executed));
        self.num(2, "execution_rate", &pct(executed, total));
        self.num(2, "by_source_of", "executed");
        self.y.push_str("  by_source:\n");
        for (src, amount) in [
            ("一般公共预算财政拨款", general),
            ("政府性基金预算财政拨款", fund),
            ("国有资本经营预算财政拨款", 0),
            ("其他资金", other),
        ] {
            self.kv(4, "- source", src);
            self.num(6, "amount", &money(amount));
        }
        self.num(2, "basic", &money(basic));
        self.num(2, "project", &money(project));
        self.num(2, "carry_over", &money(total - executed));
        let budget_text = vec![
            format!(
                "全年预算数{}万元，执行数{}万元，完成预算的{}%。",
                money(total), money(executed), pct(executed, total)
            ),
            format!(
                "按资金来源分，一般公共预算财政拨款支出{}万元，政府性基金预算财政拨款支出{}万元，\
                 国有资本经营预算财政拨款支出0.00万元，其他资金支出{}万元。按支出性质看，基本支出{}万元，\
                 项目支出{}万元。年末结转和结余{}万元。",
                money(general), money(fund), money(other), money(basic), money(project),
                money(total - executed)
            ),
        ];
        self.block(2, "text", &budget_text);

        self.y.push_str("performance:\n");
        self.kv(2, "scope", "一般公共预算项目支出");
        self.num(2, "level1_projects", &l1.to_string());
        self.num(2, "level2_projects", &l2.to_string());
        self.num(2, "covered_funds", &money(covered));
        self.num(2, "covered_share", &pct(covered, project));
        let perf = vec![format!(
            "根据财政预算绩效管理要求，我部门组织对{year}年度一般公共预算项目支出开展绩效自评，其中一级项目{l1}个，\
             二级项目{l2}个，共涉及资金{}万元，占一般公共预算项目支出总额的{}%。",
            money(covered), pct(covered, project)
        )];
        self.block(2, "text", &perf);
        self.kv(2, "targets_intro", "其中部门整体绩效目标包括：");

        self.y.push_str("targets:\n");
        for (i, &m) in d.targets.iter().enumerate() {
            self.target(i, &vocab::MEASURES[m]);
        }

        let summary = vec![self.paragraph(100)];
        self.block(0, "summary", &summary);
        self.kv(0, "results_intro", "各项部门整体绩效目标完成情况如下：");

        self.y.push_str("task_narratives:\n");
        for (i, t) in d.tasks.iter().enumerate() {
            let _ = writeln!(self.y, "  - task: task-{:02}", i + 1);
            self.kv(4, "heading", t);
            let n = self.r.range(1, 3) as usize;
            let paras: Vec<String> = (0..n).map(|_| { let c = 150 / n; self.paragraph(c) }).collect();
            self.block(4, "text", &paras);
        }

        self.y.push_str("achievements:\n");
        for a in 0..11 {
            self.achievement(d, a);
        }

        self.y.push_str("problems:\n");
        let picks = self.r.distinct(2, vocab::PROBLEMS.len());
        for (k, i) in picks.into_iter().enumerate() {
            let ord = ["一", "二"][k];
            self.item(2, &format!("{ord}是{}", vocab::PROBLEMS[i]));
        }
        self.y.push_str("improvements:\n");
        let picks = self.r.distinct(2, vocab::IMPROVEMENTS.len());
        for (k, i) in picks.into_iter().enumerate() {
            let ord = ["一", "二"][k];
            self.item(2, &format!("{ord}是{}", vocab::IMPROVEMENTS[i]));
        }

        self.y.push_str(&table.0);
    }

    fn target(&mut self, i: usize, m: &vocab::Measure) {
        let _ = writeln!(self.y, "  - id: target-{:02}", i + 1);
        let (target_value, result_value, _) = self.values(m);
        let name = match m.kind {
            Kind::Rate => format!("{}达到{}%。", m.name, target_value),
            Kind::Count => format!("全年{}不少于{}{}。", m.name, target_value, m.unit),
            Kind::Fewer if target_value == "0" => format!("全年无{}发生。", m.name),
            Kind::Fewer => format!("{}不超过{}{}。", m.name, target_value, m.unit),
            Kind::Qual => format!("{}。", m.name),
        };
        self.kv(4, "name", &name);
        self.kv(4, "measure", m.name);
        if m.kind != Kind::Qual {
            self.kv(4, "unit", m.unit);
            self.num(4, "direction", if m.kind == Kind::Fewer { "lower" } else { "higher" });
        }
        self.y.push_str("    target:\n");
        match m.kind {
            Kind::Qual => self.kv(6, "text", m.name),
            Kind::Fewer => {
                self.kv(6, "op", "≤");
                self.num(6, "value", &target_value);
            }
            _ => {
                self.kv(6, "op", "≥");
                self.num(6, "value", &target_value);
            }
        }
        self.y.push_str("    result:\n");
        let text = match m.kind {
            Kind::Qual => format!("{}，{}。", m.name, self.r.pick(PHRASES)),
            _ => {
                self.num(6, "value", &result_value);
                format!("{}{}{}，{}。", m.name, result_value, m.unit, self.r.pick(PHRASES))
            }
        };
        self.kv(6, "text", &text);
    }

    /// A target and an actual value for a measure, as written, and whether the actual value
    /// meets the target (a missed indicator needs a deviation reason, as `jixiao check` J405
    /// expects of published tables).
    /// Drawn once per measure and report (the table is written before the targets and the
    /// achievements, so it draws first); the actual value is recorded in [`Self::stated`].
    fn values(&mut self, m: &vocab::Measure) -> (String, String, bool) {
        if let Some(v) = self.measures.get(m.name) {
            return v.clone();
        }
        let v = self.draw_values(m);
        if m.kind != Kind::Qual {
            self.stated.insert((m.name, m.unit), v.1.clone());
        }
        self.measures.insert(m.name, v.clone());
        v
    }

    fn draw_values(&mut self, m: &vocab::Measure) -> (String, String, bool) {
        let r = &mut self.r;
        match m.kind {
            Kind::Rate => {
                let t = m.scale as u64;
                let a = (t * 100 + r.range(0, (100 - t) * 100)).min(10000);
                let a = if r.chance(8) { t * 100 - r.range(1, 300).min(t * 100) } else { a };
                (t.to_string(), money(a), a >= t * 100)
            }
            Kind::Count => {
                let t = (m.scale as u64 * r.range(80, 120) / 100).max(1);
                let a = t * r.range(95, 130) / 100;
                (t.to_string(), a.to_string(), a >= t)
            }
            Kind::Fewer => {
                let t = m.scale as u64;
                let a = if t == 0 { 0 } else { t * r.range(60, 105) / 100 };
                (t.to_string(), a.to_string(), a <= t)
            }
            Kind::Qual => (String::new(), String::new(), true),
        }
    }

    fn achievement(&mut self, d: &Department, a: usize) {
        let _ = writeln!(self.y, "  - id: achievement-{:02}", a + 1);
        self.kv(4, "title", d.tasks[a % d.tasks.len()]);
        // Figures first (the narrative states them).
        let mut figs = String::new();
        let mut sentence = String::from("全年");
        for (k, &f) in d.figures[a].iter().enumerate() {
            let (label, unit, scale) = vocab::FIGURES[f];
            let id = format!("a{:02}-f{:02}", a + 1, k + 1);
            let decimals = unit.starts_with('万');
            if let Some(shown) = self.stated.get(&(label, unit)).cloned() {
                // Stated before in this report (a target's result, an indicator's actual value
                // or an earlier achievement's figure): the same number again, without parts.
                let _ = writeln!(figs, "      - id: {id}\n        label: {}\n        value: {shown}\n        unit: {}", q(label), q(unit));
                self.count_chars(label);
                self.figures += 1;
                let _ = write!(sentence, "{label}{shown}{unit}");
                sentence.push(if k + 1 == d.figures[a].len() { '。' } else { '；' });
                continue;
            }
            let parts = if k == 0 { d.parts_of[a] } else { None };
            // Values in hundredths; integers are kept whole so that parts add up exactly.
            let round = |v: u64| if decimals { v.max(1) } else { (v / 100).max(1) * 100 };
            let mut vals: Vec<u64> = Vec::new();
            let whole = match parts {
                Some((n, sequence)) => {
                    let mut v = (scale as u64 * 100 * self.r.range(70, 130) / 100).max(1000);
                    for _ in 0..n {
                        v = if sequence {
                            v * self.r.range(55, 98) / 100
                        } else {
                            v / n as u64 * self.r.range(50, 150) / 100
                        };
                        vals.push(round(v));
                    }
                    if sequence { round(vals[0] * 100 / self.r.range(80, 99)) } else { vals.iter().sum() }
                }
                None => round(scale as u64 * 100 * self.r.range(70, 130) / 100),
            };
            let show = |v: u64| if decimals { money(v) } else { (v / 100).to_string() };
            self.stated.insert((label, unit), show(whole));
            let _ = writeln!(figs, "      - id: {id}\n        label: {}\n        value: {}\n        unit: {}", q(label), show(whole), q(unit));
            self.count_chars(label);
            self.figures += 1;
            let _ = write!(sentence, "{label}{}{unit}", show(whole));
            if let Some((_, sequence)) = parts {
                let _ = writeln!(figs, "        parts_complete: {}", !sequence);
                if sequence {
                    figs.push_str("        parts_sequence: true\n");
                }
                figs.push_str("        parts:\n");
                sentence.push_str("，其中");
                // Part labels name their whole ("街道上报网格事件", "发放入户卡审核通过"), so no
                // two parts in a report share a label (the same label is the same figure).
                let picks = self.r.distinct(vals.len(), vocab::PART_LABELS.len());
                for (p, &v) in vals.iter().enumerate() {
                    let plabel = if sequence {
                        format!("{label}{}", vocab::SEQUENCE_STAGES[p % vocab::SEQUENCE_STAGES.len()])
                    } else {
                        format!("{}{label}", vocab::PART_LABELS[picks[p]])
                    };
                    let _ = writeln!(
                        figs,
                        "          - id: {id}-p{}\n            label: {}\n            value: {}\n            unit: {}",
                        p + 1, q(&plabel), show(v), q(unit)
                    );
                    self.count_chars(&plabel);
                    self.figures += 1;
                    let _ = write!(sentence, "{}{plabel}{}{unit}", if p > 0 { "，" } else { "" }, show(v));
                }
            }
            sentence.push(if k + 1 == d.figures[a].len() { '。' } else { '；' });
        }
        let text = vec![self.paragraph(50), sentence, self.paragraph(20)];
        self.block(4, "text", &text);
        self.y.push_str("    figures:\n");
        self.y.push_str(&figs);
    }

    /// The department self-evaluation table: its YAML, total score and grade.
    fn table(&mut self, d: &Department, year: u16, total: u64, initial: u64, executed: u64) -> (String, String, String) {
        let saved = std::mem::take(&mut self.y);
        let rate = (executed * 10000 + total / 2) / total; // hundredths of a percent
        let funds_score = (rate * 10 + 50) / 100; // hundredths of a point, weight 10
        let mut total_score = funds_score;
        self.y.push_str("evaluation_tables:\n  - id: department\n");
        self.kv(4, "title", &format!("{year}年度部门整体支出绩效自评表"));
        self.y.push_str("    scope: department\n");
        self.kv(4, "unit", "万元");
        self.y.push_str("    funds:\n");
        let carried = total / 20;
        let rows = [
            ("年度资金总额", initial, total, executed, true),
            ("其中：本年财政拨款", initial - carried.min(initial), total - carried, executed - carried.min(executed), false),
            ("上年结转资金", carried.min(initial), carried, carried.min(executed), false),
            ("其他资金", 0, 0, 0, false),
        ];
        for (label, i, b, e, main) in rows {
            self.kv(6, "- label", label);
            self.num(8, "initial", &money(i));
            self.num(8, "budget", &money(b));
            self.num(8, "executed", &money(e));
            if main {
                self.num(8, "weight", "10");
            }
            self.num(8, "rate", &pct(e, b));
            if main {
                self.num(8, "score", &money(funds_score));
            }
        }
        self.y.push_str("    indicators:\n");
        let mut row = 0;
        for &(level1, level2s, weight, n) in vocab::LEVELS {
            let each = weight as u64 * 100 / n as u64; // hundredths
            for k in 0..n {
                let m = &vocab::MEASURES[d.indicators[row]];
                row += 1;
                let _ = writeln!(self.y, "      - id: indicator-{row:02}");
                self.kv(8, "level1", level1);
                self.kv(8, "level2", level2s[k % level2s.len()]);
                self.kv(8, "name", m.name);
                if m.kind != Kind::Qual {
                    self.kv(8, "unit", m.unit);
                    self.num(8, "direction", if m.kind == Kind::Fewer { "lower" } else { "higher" });
                }
                let (t, a, met) = self.values(m);
                match m.kind {
                    Kind::Qual => {
                        let _ = writeln!(self.y, "        target: {{text: {}}}", q("达到预期"));
                        let _ = writeln!(self.y, "        actual: {{text: {}, met: true}}", q("已达到"));
                    }
                    _ => {
                        let op = if m.kind == Kind::Fewer { "≤" } else { "≥" };
                        let _ = writeln!(self.y, "        target: {{op: {}, value: {t}}}", q(op));
                        let _ = writeln!(self.y, "        actual: {{value: {a}}}");
                    }
                }
                // A missed target loses points and (nearly always) says why; one in ten met
                // ones loses points too. About 3 missed indicators in 100 give no reason: the
                // kind of finding `jixiao check` exists for.
                let missed = !met || self.r.chance(10);
                let score = if missed { each * self.r.range(60, 95) / 100 } else { each };
                total_score += score;
                self.num(8, "weight", &money(each));
                self.num(8, "score", &money(score));
                if missed && (met || !self.r.chance(3)) {
                    let s = self.sentence();
                    self.kv(8, "deviation", &s);
                }
            }
        }
        let total_text = money(total_score);
        let grade = match total_score / 100 {
            90.. => "优",
            80..=89 => "良",
            60..=79 => "中",
            _ => "差",
        };
        self.y.push_str("    total_weight: 100\n");
        self.num(4, "total_score", &total_text);
        self.kv(4, "grade", grade);
        // An execution rate below 90% is explained (check J405), but in about 3 tables in 100.
        if rate < 9000 && !self.r.chance(3) {
            self.kv(4, "notes", "资金执行率未达到90%，主要原因是部分项目按合同进度支付，剩余资金结转下年度使用。");
        }
        let table = std::mem::replace(&mut self.y, saved);
        (table, total_text, grade.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if fs::symlink_metadata(&p).unwrap().is_dir() {
                    stack.push(p);
                } else if p.is_file() {
                    out.push((p.strip_prefix(dir).unwrap().to_path_buf(), fs::read(&p).unwrap()));
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b, c) = (tmp.path().join("a"), tmp.path().join("b"), tmp.path().join("c"));
        generate(&a, 3, 2, DEFAULT_SEED).unwrap();
        generate(&b, 3, 2, DEFAULT_SEED).unwrap();
        generate(&c, 3, 2, 7).unwrap();
        assert!(files(&a) == files(&b), "same seed must give the same corpus");
        assert!(files(&a) != files(&c), "another seed must give another corpus");
        // Regenerating over an earlier corpus is allowed; over anything else is not.
        generate(&a, 2, 1, DEFAULT_SEED).unwrap();
        assert!(!a.join("content/bench-00003").exists());
        let other = tmp.path().join("other");
        fs::create_dir(&other).unwrap();
        fs::write(other.join("keep.txt"), "mine").unwrap();
        assert!(generate(&other, 1, 1, DEFAULT_SEED).is_err());
        assert!(other.join("keep.txt").exists());
    }

    #[test]
    fn corpus_loads_cleanly_and_is_seed_shaped() {
        let tmp = tempfile::tempdir().unwrap();
        let g = generate(tmp.path(), 4, 3, DEFAULT_SEED).unwrap();
        assert_eq!(g.reports, 12);
        assert!((6_500..=9_000).contains(&g.chars_per_report), "{} characters", g.chars_per_report);
        assert!((55..=85).contains(&g.figures_per_report), "{} figures", g.figures_per_report);

        let content = match jixiao::load::load(tmp.path()) {
            Ok(c) => c,
            Err(d) => panic!("the generated corpus does not load:\n{d}"),
        };
        assert!(content.warnings.is_empty(), "warnings:\n{}", content.warnings);
        assert_eq!(content.departments.len(), 4);
        for dept in &content.departments {
            assert_eq!(dept.reports.len(), 3);
            let ids = |r: &jixiao::model::Report| r.targets.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
            assert_eq!(ids(&dept.reports[0].report), ids(&dept.reports[2].report), "target ids stable across years");
            for entry in &dept.reports {
                let r = &entry.report;
                assert_eq!(r.targets.len(), 13);
                assert_eq!(r.work.tasks.len(), 12);
                assert_eq!(r.task_narratives.len(), 12);
                assert_eq!(r.achievements.len(), 11);
                assert_eq!(r.evaluation_tables.len(), 1);
                assert_eq!(r.evaluation_tables[0].indicators.len(), 20);
                assert_eq!(r.evaluation_tables[0].funds.len(), 4);
                let b = &r.budget;
                let (basic, project, executed) =
                    (b.basic.as_ref().unwrap().value(), b.project.as_ref().unwrap().value(), b.executed.as_ref().unwrap().value());
                assert!((basic + project - executed).abs() < 0.005, "{}: basic + project = executed", entry.path.display());
            }
        }
    }

    /// A report states one value per measure, as a real one does: `jixiao check` finds no
    /// error in a generated corpus, and only the warnings real reports have too (a missed
    /// indicator without a reason, J405; a qualitative result restating its target, J302).
    #[test]
    fn corpus_checks_without_errors() {
        let tmp = tempfile::tempdir().unwrap();
        generate(tmp.path(), 30, 4, DEFAULT_SEED).unwrap();
        let content = jixiao::load::load(tmp.path()).expect("the generated corpus loads");
        let report = jixiao::check::check(&content);
        let errors: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.severity == jixiao::diagnostics::Severity::Error)
            .map(|f| format!("{} {} {}: {}", f.rule, f.position, f.field, f.message.get(jixiao::messages::Lang::En)))
            .collect();
        assert!(errors.is_empty(), "{} errors, e.g.:\n{}", errors.len(), errors[..errors.len().min(5)].join("\n"));
        let other: Vec<&str> = report.findings.iter().map(|f| f.rule).filter(|r| !["J302", "J405"].contains(r)).collect();
        assert!(other.is_empty(), "unexpected findings: {other:?}");
        // Measures stated twice (a target that is also an indicator row, a key figure named
        // like a measure) exist in the corpus, so the test is not passing for want of them.
        let stated_twice = content.departments.iter().flat_map(|d| &d.reports).any(|e| {
            let r = &e.report;
            let indicators: Vec<&str> = r.evaluation_tables.iter().flat_map(|t| &t.indicators).map(|i| i.name.as_str()).collect();
            r.targets.iter().any(|t| t.measure.as_deref().is_some_and(|m| indicators.contains(&m)))
        });
        assert!(stated_twice, "no target is also an indicator row: the test proves nothing");
    }
}
