//! Incremental builds equal full builds (issue 29, items 1 and 2), on the real binary: a
//! generated site goes through a sequence of edits of every kind, each followed by `jixiao
//! build` (which starts from the cache in `ROOT/.jixiao/`). After each, the output is byte for
//! byte what `jixiao build --no-cache` writes into a folder of its own, and every file whose
//! bytes the edit did not change kept its modification time (it was not rewritten). Also:
//! `check: {deny: errors}` stops `jixiao serve`'s rebuild as it stops a build.

#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_jixiao");

/// Generated departments, each a copy of the example site's demo department, besides the
/// example's own two.
const DEPARTMENTS: usize = 2;

/// A copy of the example site with [`DEPARTMENTS`] more departments.
fn generate_site(root: &Path) {
    common::example_site_with_copies(root, DEPARTMENTS);
}

/// Every file below `dir` by relative path: its bytes and modification time (ns).
type Files = BTreeMap<PathBuf, (Vec<u8>, i128)>;

fn files(dir: &Path) -> Files {
    let mut all = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let meta = entry.metadata().unwrap();
            let mtime = meta.mtime() as i128 * 1_000_000_000 + meta.mtime_nsec() as i128;
            all.insert(entry.path().strip_prefix(dir).unwrap().to_path_buf(), (fs::read(entry.path()).unwrap(), mtime));
        }
    }
    all
}

/// `jixiao build` of `root` into `out` with `extra` flags: its standard error; panics when it
/// fails.
pub fn build(root: &Path, out: &Path, extra: &[&str]) -> String {
    common::jixiao_build(root, out, extra)
}

/// Replaces the first occurrence of `from` in the file `path` by `to` (which must be there).
fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The site after each edit: built with the cache into `out` equals a build from scratch, and
/// every file whose bytes did not change kept its time. Returns how many files were rewritten.
struct Bench {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    out: PathBuf,
    scratch: PathBuf,
    step: usize,
}

impl Bench {
    fn new() -> Bench {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        generate_site(&root);
        let (out, scratch) = (tmp.path().join("public"), tmp.path().join("scratch"));
        fs::create_dir(&scratch).unwrap();
        build(&root, &out, &[]);
        assert!(root.join(".jixiao").is_dir(), "the build keeps its cache in ROOT/.jixiao/");
        Bench { _tmp: tmp, root, out, scratch, step: 0 }
    }

    /// Builds after `what` was edited and compares; the files rewritten, by path.
    fn check(&mut self, what: &str) -> Vec<PathBuf> {
        self.step += 1;
        let before = files(&self.out);
        // A build a little later, so a rewritten file has a new time even on a coarse clock.
        std::thread::sleep(std::time::Duration::from_millis(20));
        let err = build(&self.root, &self.out, &[]);
        let after = files(&self.out);
        let reference = self.scratch.join(format!("ref-{}", self.step));
        let full_err = build(&self.root, &reference, &["--no-cache"]);
        // The warnings and check findings printed (all but the last line, the summary with
        // counts and times) are those of a build from scratch, in the same order.
        let printed = |e: &str| e.lines().filter(|l| !l.starts_with("built ")).map(str::to_string).collect::<Vec<_>>();
        assert_eq!(printed(&err), printed(&full_err), "after {what}: the incremental build printed other warnings or findings");
        let full = files(&reference);
        let bytes = |f: &Files| f.iter().map(|(p, (b, _))| (p.clone(), b.clone())).collect::<BTreeMap<_, _>>();
        let (incremental, scratch) = (bytes(&after), bytes(&full));
        if incremental != scratch {
            let differ: Vec<_> = incremental.keys().chain(scratch.keys()).filter(|p| incremental.get(*p) != scratch.get(*p)).take(8).collect();
            panic!("after {what}: the incremental build differs from a build from scratch in {differ:?}\n{err}");
        }
        let mut rewritten = Vec::new();
        for (path, (bytes, time)) in &after {
            match before.get(path) {
                Some((old, old_time)) if old == bytes => assert_eq!(time, old_time, "after {what}: {} was rewritten with the same bytes", path.display()),
                _ => rewritten.push(path.clone()),
            }
        }
        fs::remove_dir_all(&reference).unwrap();
        rewritten
    }

    fn content(&self, rel: &str) -> PathBuf {
        self.root.join("content").join(rel)
    }
}

/// Whether `paths` has a page of department `dept` (its report pages, its own page).
fn touches(paths: &[PathBuf], dept: &str) -> bool {
    paths.iter().any(|p| p.starts_with(dept))
}

#[test]
fn every_kind_of_edit_builds_what_a_build_from_scratch_builds() {
    let mut b = Bench::new();

    // Nothing changed: nothing written; `touch` is no change.
    let f = fs::File::options().write(true).open(b.content("demo-k00/2022.yaml")).unwrap();
    f.set_modified(std::time::SystemTime::now()).unwrap();
    assert!(b.check("nothing").is_empty());

    // A figure: the report's pages and data change, another department's do not.
    edit(&b.content("demo-k00/2022.yaml"), "value: 108.7", "value: 109.7");
    let w = b.check("a figure");
    assert!(w.contains(&PathBuf::from("demo-k00/2022/index.html")), "{w:?}");
    assert!(!touches(&w, "demo-k01"), "another department's files were rewritten: {w:?}");
    assert!(!touches(&w, "huangpu-zhengfawei"), "{w:?}");

    // A figure a check rule flags (the execution rate no longer agrees): the finding is
    // printed as a build from scratch prints it, the other departments' from the cache.
    edit(&b.content("demo-k01/2022.yaml"), "execution_rate: 97.17", "execution_rate: 91.17");
    b.check("a figure a check rule flags");
    edit(&b.content("demo-k01/2022.yaml"), "execution_rate: 91.17", "execution_rate: 97.17");
    b.check("the flagged figure set right");

    // A title.
    edit(&b.content("demo-k01/2021.yaml"), "title: 2021年度", "title: 2021年度（修订）");
    let w = b.check("a title");
    assert!(w.contains(&PathBuf::from("demo-k01/2021/index.html")), "{w:?}");
    assert!(!touches(&w, "demo-k00/2022"), "{w:?}");
    // The title of a report whose wording no other report shares: the search index is patched,
    // only the files of the terms and of the fragment pack the title touches are written (and
    // the tables above them); every other search file kept its time. (The demo copies share
    // their titles: an edit of one may change the fragment dictionary, see docs/search.md.)
    edit(&b.content("huangpu-zhengfawei/2022.yaml"), "title: 2022年度中共", "title: 修订：2022年度中共");
    let w = b.check("a title of a report of its own");
    let search_files = walkdir::WalkDir::new(b.out.join("search")).into_iter().filter(|e| e.as_ref().is_ok_and(|e| e.file_type().is_file())).count();
    let rewritten: Vec<_> = w.iter().filter(|p| p.starts_with("search")).collect();
    assert!(!rewritten.is_empty() && rewritten.len() * 4 < search_files, "{} of {search_files} search files rewritten: {rewritten:?}", rewritten.len());
    assert_eq!(rewritten.iter().filter(|p| p.starts_with("search/f")).count(), 1, "one fragment pack: {rewritten:?}");

    // A target added, then removed.
    let target = "targets:\n  - id: extra-target\n    name: 新增目标（测试）。\n    measure: 新增目标\n    unit: 场\n    direction: higher\n    target: {op: \"≥\", value: 10}\n    result:\n      value: 12\n      text: 完成 12 场。\n      met: true\n";
    edit(&b.content("demo-k00/2022.yaml"), "targets:\n", target);
    b.check("a target added");
    edit(&b.content("demo-k00/2022.yaml"), target, "targets:\n");
    b.check("a target removed");

    // A report added, then deleted.
    let new_report = b.content("demo-k01/2024.yaml");
    // A copy of the 2022 report (the 2023 one is a draft), two years on.
    let text = fs::read_to_string(b.content("demo-k01/2022.yaml")).unwrap();
    let text = text.replace("year: 2022", "year: 2024").replace("2022年度", "2024年度").replace("published: \"2023-", "published: \"2025-").replace("report_date: \"2023-", "report_date: \"2025-");
    fs::write(&new_report, text).unwrap();
    let w = b.check("a report added");
    assert!(w.contains(&PathBuf::from("demo-k01/2024/index.html")), "{w:?}");
    fs::remove_file(&new_report).unwrap();
    b.check("a report deleted");
    assert!(!b.out.join("demo-k01/2024/index.html").exists());

    // A department renamed.
    edit(&b.content("demo-k00/department.yaml"), "short_name: 示例·青水文旅局00", "short_name: 示例·青水文旅局甲");
    b.check("a department renamed");

    // A template, a static file, site.yaml, the theme's words.
    edit(&b.root.join("themes/default/templates/report.html"), "{% extends", "{# edited #}{% extends");
    b.check("a template");
    let css = b.root.join("themes/default/static/style.css");
    let mut text = fs::read_to_string(&css).unwrap();
    text.push_str("\n/* edited */\n");
    fs::write(&css, text).unwrap();
    b.check("a static file");
    let site = b.content("site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    let title = text.lines().find(|l| l.starts_with("title: ")).unwrap().to_string();
    edit(&site, &title, &format!("{title}（测试）"));
    b.check("site.yaml");
    edit(&b.root.join("themes/default/i18n/zh-CN.yaml"), "skip_link: 跳到正文", "skip_link: 跳到正文内容");
    let w = b.check("the theme's words");
    assert!(fs::read_to_string(b.out.join("index.html")).unwrap().contains("跳到正文内容"));
    assert!(w.contains(&PathBuf::from("index.html")), "{w:?}");

    // A page edited.
    let pages: Vec<_> = fs::read_dir(b.content("pages")).unwrap().map(|e| e.unwrap().path()).collect();
    let page = pages.iter().find(|p| p.extension().is_some_and(|x| x == "md")).unwrap();
    let mut text = fs::read_to_string(page).unwrap();
    text.push_str("\n\n补充一段（测试）。\n");
    fs::write(page, text).unwrap();
    b.check("a free page");
}

/// `check: {deny: errors}` holds in `jixiao serve` as in `jixiao build`: the example site has
/// check errors, so with it the preview rebuild fails and reports them, and the output stays
/// as it was.
#[test]
fn deny_errors_stops_the_preview_as_it_stops_the_build() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    generate_site(&root);
    let out = tmp.path().join("public");
    let mut preview = jixiao::watch::Preview::new(&root, &out, false);
    let first = preview.full();
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    let before = files(&out);
    let site = root.join("content/site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    assert!(!text.contains("\ncheck:"), "site.yaml has no check settings yet");
    fs::write(&site, format!("{text}\ncheck:\n  deny: errors\n")).unwrap();
    let o = preview.apply(std::slice::from_ref(&site));
    assert!(o.errors.0.iter().any(|d| d.code == "J000"), "the preview stops on the check errors: {:?}", o.errors);
    assert!(!o.committed);
    assert_eq!(files(&out).keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>(), "the output stays the last good site");
    // The build refuses it too.
    let o = Command::new(BIN).args(["build", "--lang", "en", "-r"]).arg(&root).arg("-o").arg(tmp.path().join("b")).output().unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("J000"));
}

/// The check of an edit (`check::check_reusing`) re-checks only the departments named stale,
/// reuses the others' findings as they were, and gives the findings of a full check, in its
/// order.
#[test]
fn an_edit_checks_again_only_its_department_and_finds_what_a_full_check_finds() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    generate_site(&root);
    let content = jixiao::load::load(&root).unwrap();
    let mut cache = jixiao::check::DepartmentFindings::new();
    let first = jixiao::check::check_reusing(&content, &mut cache, &|_| true);
    assert_eq!(first.findings, jixiao::check::check(&content).findings);
    assert_eq!(cache.len(), content.departments.len());

    // An edit that adds a finding to demo-k01.
    edit(&root.join("content/demo-k01/2022.yaml"), "execution_rate: 97.17", "execution_rate: 91.17");
    let content = jixiao::load::load(&root).unwrap();
    let full = jixiao::check::check(&content);
    assert!(full.findings.len() > first.findings.len(), "the edit adds a finding");
    // A marker in a department not named stale shows its findings are reused, not recomputed.
    let mut marked = cache.clone();
    marked.get_mut("demo-k00").unwrap().iter_mut().for_each(|f| f.acknowledged = Some("reused".into()));
    let reused = jixiao::check::check_reusing(&content, &mut marked, &|d| d == "demo-k01");
    let of_k00: Vec<_> = reused.findings.iter().filter(|f| f.file.starts_with("content/demo-k00")).collect();
    assert!(!of_k00.is_empty() && of_k00.iter().all(|f| f.acknowledged.as_deref() == Some("reused")), "{of_k00:?}");
    let again = jixiao::check::check_reusing(&content, &mut cache, &|d| d == "demo-k01");
    assert_eq!(again.findings, full.findings);
}

/// The search index of a build from the cache: an edit that changes no search record (a
/// template) keeps every search file without tokenising anything; an edit of a report's text
/// builds the index again; both equal a build from scratch.
#[test]
fn an_edit_that_changes_no_search_record_keeps_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    generate_site(&root);
    let mut options = jixiao::BuildOptions::new(&root);
    options.output = tmp.path().join("public");
    options.cache = Some(root.join(".jixiao"));
    let fresh = |name: &str| {
        let mut o = jixiao::BuildOptions::new(&root);
        o.output = tmp.path().join(name);
        jixiao::build(&o).unwrap();
        files(&o.output).into_iter().map(|(p, (bytes, _))| (p, bytes)).collect::<BTreeMap<_, _>>()
    };
    let built = |o: &jixiao::BuildOptions| {
        let summary = jixiao::build(o).unwrap();
        let out = files(&o.output).into_iter().map(|(p, (bytes, _))| (p, bytes)).collect::<BTreeMap<_, _>>();
        (summary, out)
    };
    let (first, _) = built(&options);
    assert!(first.search.timings.tokenise > std::time::Duration::ZERO, "the first build indexes");

    edit(&root.join("themes/default/templates/report.html"), "{% endblock", "<!-- edited -->{% endblock");
    let (summary, out) = built(&options);
    assert_eq!(summary.search.timings.tokenise, std::time::Duration::ZERO, "nothing tokenised after a template edit");
    assert_eq!(summary.search.records, first.search.records);
    assert!(out.keys().any(|p| p.starts_with("search")), "the search files are kept");
    assert_eq!(out, fresh("fresh-template"), "equals a build from scratch");

    edit(&root.join("content/demo-k00/2022.yaml"), "title: 2022年度", "title: 更新：2022年度");
    let (summary, out) = built(&options);
    assert!(summary.search.timings.tokenise > std::time::Duration::ZERO, "a changed title is indexed again");
    assert_eq!(out, fresh("fresh-title"), "equals a build from scratch");
    // A title no other report shares: the index is patched.
    edit(&root.join("content/huangpu-zhengfawei/2022.yaml"), "title: 2022年度中共", "title: 修订：2022年度中共");
    let (summary, out) = built(&options);
    assert!(summary.search.patched, "one report's title: the index is patched, not built whole");
    assert_eq!(out, fresh("fresh-own-title"), "equals a build from scratch");
}
