//! Crash-safe publishing (issue 27, item 1), tried on the real binary: a generated site is
//! rebuilt after a change to every report and the build is killed (SIGKILL, SIGINT) at points
//! spread over the whole build. After each kill the output folder is the old complete site or
//! the new complete site, never a mix; the next build leaves nothing beside the output folder
//! and equals a clean build byte for byte. Also: two builds of one folder, leftover staging of
//! dead builds, files placed by hand, unchanged files' modification times and inodes, and the
//! journaled switch used where no swap exists (`jixiao build --in-place` chooses it here).
//!
//! `cargo test --test kill -- --ignored` runs the long version (`KILL_POINTS`, default 100).
#![cfg(unix)]

mod common;

use common::copy_dir;
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_jixiao");

/// Generated departments, each a copy of the example site's demo department (3 published
/// reports and a draft), besides the example's own two departments.
const DEPARTMENTS: usize = 3;

/// The fixture: the same generated site before and after a change to every report, each
/// built once into a folder of its own (the references), and a folder of its own for the
/// output under test (so what a build leaves beside it is seen).
struct Fixture {
    _tmp: tempfile::TempDir,
    old_root: PathBuf,
    new_root: PathBuf,
    old_site: Snapshot,
    new_site: Snapshot,
    /// The old site as a clean build wrote it.
    old_out: PathBuf,
    /// The folder holding the output under test, and nothing else.
    work: PathBuf,
}

/// Every entry below a folder by relative path: a file's bytes, `None` for a folder.
type Snapshot = BTreeMap<PathBuf, Option<Vec<u8>>>;

fn snapshot(dir: &Path) -> Snapshot {
    let mut all = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
        let bytes = if entry.file_type().is_dir() { None } else { Some(fs::read(entry.path()).unwrap()) };
        all.insert(rel, bytes);
    }
    all
}

/// A copy of the example site with `DEPARTMENTS` more departments; `revised` changes the
/// title of every report (so every report page, and the pages listing reports, change).
fn generate_site(root: &Path, revised: bool) {
    common::example_site_with_copies(root, DEPARTMENTS);
    if revised {
        let mut reports = 0;
        for entry in walkdir::WalkDir::new(root.join("content")) {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy();
            if !(name.ends_with(".yaml") && name.starts_with("20")) {
                continue;
            }
            let text = fs::read_to_string(entry.path()).unwrap();
            assert!(text.lines().any(|l| l.starts_with("title: ")), "{} has a title", entry.path().display());
            let revised: String =
                text.lines().map(|l| if l.starts_with("title: ") { format!("{l}（修订）\n") } else { format!("{l}\n") }).collect();
            fs::write(entry.path(), revised).unwrap();
            reports += 1;
        }
        assert_eq!(reports, 5 + 4 * DEPARTMENTS, "every report revised");
    }
}

impl Fixture {
    fn new() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let (old_root, new_root) = (tmp.path().join("old"), tmp.path().join("new"));
        generate_site(&old_root, false);
        generate_site(&new_root, true);
        let refs = tmp.path().join("refs");
        let (old_out, new_out) = (refs.join("old"), refs.join("new"));
        for (root, out) in [(&old_root, &old_out), (&new_root, &new_out)] {
            let (code, err) = run_build(root, out, &[]);
            assert_eq!(code, 0, "{err}");
        }
        let work = tmp.path().join("work");
        fs::create_dir(&work).unwrap();
        let f = Fixture { old_site: snapshot(&old_out), new_site: snapshot(&new_out), old_out, old_root, new_root, work, _tmp: tmp };
        assert_ne!(f.old_site, f.new_site);
        let pages = f.report_pages();
        assert!(pages.len() > 3 * DEPARTMENTS, "{} report pages", pages.len());
        for page in &pages {
            assert_ne!(f.old_site[page], f.new_site[page], "{} changes with its report", page.display());
        }
        f
    }

    /// The output folder under test.
    fn out(&self) -> PathBuf {
        self.work.join("public")
    }

    /// The report pages (`<department>/<year>/index.html`).
    fn report_pages(&self) -> Vec<PathBuf> {
        self.new_site
            .keys()
            .filter(|p| {
                let parts: Vec<_> = p.iter().map(|c| c.to_string_lossy()).collect();
                parts.len() == 3 && parts[2] == "index.html" && parts[1].len() == 4 && parts[1].bytes().all(|b| b.is_ascii_digit()) && parts[0] != "years"
            })
            .cloned()
            .collect()
    }

    /// The output folder holds the old site again (as a build of it left it).
    fn reset_to_old(&self) {
        let out = self.out();
        if out.exists() {
            fs::remove_dir_all(&out).unwrap();
        }
        copy_dir(&self.old_out, &out);
        assert_eq!(self.beside(), Vec::<String>::new());
    }

    /// Whether the output folder is the old site, the new one, or neither; panics naming the
    /// report pages that are neither old nor new, or mixed among themselves.
    fn which_site(&self, context: &str) -> &'static str {
        let now = snapshot(&self.out());
        if now == self.old_site {
            return "old";
        }
        if now == self.new_site {
            return "new";
        }
        let mut old_pages = 0;
        let mut new_pages = 0;
        for page in self.report_pages() {
            match now.get(&page) {
                Some(b) if *b == self.old_site[&page] => old_pages += 1,
                Some(b) if *b == self.new_site[&page] => new_pages += 1,
                other => panic!("{context}: {} is neither old nor new ({} bytes)", page.display(), other.map_or(0, |b| b.as_ref().map_or(0, Vec::len))),
            }
        }
        let differ: Vec<_> = now
            .keys()
            .chain(self.new_site.keys())
            .filter(|p| now.get(*p) != self.new_site.get(*p) && now.get(*p) != self.old_site.get(*p))
            .take(5)
            .collect();
        panic!("{context}: a mixed site: {old_pages} old and {new_pages} new report pages; neither old nor new: {differ:?}");
    }

    /// What lies beside the output folder besides it.
    fn beside(&self) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(&self.work).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n != "public").collect();
        names.sort();
        names
    }

    /// The next build after an interruption: leaves nothing beside the output folder and
    /// equals a clean build of the new site, byte for byte.
    fn next_build_is_clean(&self, context: &str, flags: &[&str]) {
        let (code, err) = run_build_env(&self.new_root, &self.out(), &[], flags);
        assert_eq!(code, 0, "{context}: {err}");
        assert_eq!(self.beside(), Vec::<String>::new(), "{context}: left beside the output");
        let now = snapshot(&self.out());
        let differ: Vec<_> = now.keys().chain(self.new_site.keys()).filter(|p| now.get(*p) != self.new_site.get(*p)).take(8).map(|p| (p.clone(), now.get(p).map(|b| b.as_ref().map_or(0, Vec::len)), self.new_site.get(p).map(|b| b.as_ref().map_or(0, Vec::len)))).collect();
        assert!(now == self.new_site, "{context}: the next build differs from a clean build: {differ:?}");
    }
}

fn command(root: &Path, output: &Path, extra: &[&str], flags: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(["build", "--lang", "en", "--root"]).arg(root).arg("--output").arg(output).args(extra).env("NO_COLOR", "1").env_remove("CI");
    c.args(flags);
    c
}

fn run_build(root: &Path, output: &Path, extra: &[&str]) -> (i32, String) {
    run_build_env(root, output, extra, &[])
}

fn run_build_env(root: &Path, output: &Path, extra: &[&str], flags: &[&str]) -> (i32, String) {
    let out = command(root, output, extra, flags).output().expect("jixiao runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn spawn_build(root: &Path, output: &Path, flags: &[&str]) -> Child {
    command(root, output, &[], flags).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("jixiao runs")
}

/// How long the rebuild from the old site to the new one takes here (the kill points are
/// spread over it).
fn rebuild_time(f: &Fixture, flags: &[&str]) -> Duration {
    f.reset_to_old();
    let t = Instant::now();
    let (code, err) = run_build_env(&f.new_root, &f.out(), &[], flags);
    assert_eq!(code, 0, "{err}");
    t.elapsed()
}

/// The delays of `n` kill points spread over `whole`, from just after the start to just
/// past the end (the last ones may find the build finished), in a shuffled-looking order
/// that is the same every run.
fn kill_points(n: usize, whole: Duration) -> Vec<Duration> {
    (0..n).map(|i| (i * 7 + 3) % n).map(|k| whole.mul_f64((k as f64 + 0.5) / n as f64 * 1.1)).collect()
}

/// Sends `signal` to the child after `delay`; its exit status (None: killed by a signal).
fn signal_after(mut child: Child, delay: Duration, signal: i32) -> (Option<i32>, String) {
    std::thread::sleep(delay);
    // SAFETY: a plain kill(2) of our own child's process id.
    unsafe {
        libc::kill(child.id() as libc::pid_t, signal);
    }
    let out = std::mem::take(&mut child.stderr);
    let status = child.wait().unwrap();
    let mut err = String::new();
    if let Some(mut e) = out {
        use std::io::Read;
        let _ = e.read_to_string(&mut err);
    }
    (status.code(), err)
}

/// Kills the rebuild from old to new with SIGKILL at `points` delays: each time, the output
/// folder is the old or the new complete site, and the next build is clean.
fn sigkill_at(f: &Fixture, points: &[Duration]) -> BTreeMap<&'static str, usize> {
    let mut seen = BTreeMap::new();
    for (i, delay) in points.iter().enumerate() {
        f.reset_to_old();
        let child = spawn_build(&f.new_root, &f.out(), &[]);
        let (code, err) = signal_after(child, *delay, libc::SIGKILL);
        let context = format!("SIGKILL after {delay:?} (point {i}, exit {code:?})");
        assert!(code.is_none() || code == Some(0), "{context}: {err}");
        *seen.entry(f.which_site(&context)).or_default() += 1;
        f.next_build_is_clean(&context, &[]);
    }
    seen
}

#[test]
fn a_killed_build_leaves_the_old_or_the_new_site_and_the_next_build_is_clean() {
    let f = Fixture::new();
    let whole = rebuild_time(&f, &[]);
    let seen = sigkill_at(&f, &kill_points(20, whole));
    eprintln!("20 SIGKILLs over {whole:?}: {seen:?}");
    assert!(seen.get("old").is_some_and(|n| *n > 0), "some kills hit the build before its switch: {seen:?}");
}

/// The long run: `KILL_POINTS` (default 100) kill points, over a rebuild and at random-looking
/// delays near its end, where the switch is.
#[test]
#[ignore = "long: run with --ignored (KILL_POINTS=n)"]
fn many_killed_builds() {
    let f = Fixture::new();
    let n: usize = std::env::var("KILL_POINTS").ok().and_then(|v| v.parse().ok()).unwrap_or(100);
    let whole = rebuild_time(&f, &[]);
    let mut points = kill_points(n / 2, whole);
    // The other half packed into the last fifth of the build: the output stage.
    points.extend(kill_points(n - n / 2, whole / 5).into_iter().map(|d| whole.mul_f64(0.8) + d));
    let seen = sigkill_at(&f, &points);
    eprintln!("{n} SIGKILLs over {whole:?}: {seen:?}");
}

#[test]
fn ctrl_c_stops_the_build_cleanly() {
    let f = Fixture::new();
    let whole = rebuild_time(&f, &[]);
    let mut seen = BTreeMap::new();
    for (i, delay) in kill_points(6, whole).into_iter().enumerate() {
        f.reset_to_old();
        let child = spawn_build(&f.new_root, &f.out(), &[]);
        let (code, err) = signal_after(child, delay, libc::SIGINT);
        let context = format!("SIGINT after {delay:?} (point {i})");
        let site = f.which_site(&context);
        match code {
            // Stopped: says so, and what it left; nothing beside the output folder.
            Some(130) => {
                let says = if site == "old" { "build interrupted; nothing in" } else { "after the new site was in place" };
                assert!(err.contains(says), "{context}: {site} site, {err}");
                assert_eq!(f.beside(), Vec::<String>::new(), "{context}: left beside the output: {err}");
            }
            // Finished before the signal came.
            Some(0) => assert_eq!(site, "new", "{context}"),
            other => panic!("{context}: exit {other:?}: {err}"),
        }
        *seen.entry(site).or_insert(0) += 1;
        f.next_build_is_clean(&context, &[]);
    }
    assert!(seen.get("old").is_some_and(|n| *n > 0), "some interrupts came before the switch: {seen:?}");
}

/// Where no swap exists, a kill during the moves may leave a mixed site, but only with the
/// journal beside it; the next build finishes the switch.
#[test]
fn without_a_swap_the_journal_lets_the_next_build_finish() {
    let f = Fixture::new();
    let env = ["--in-place"];
    let whole = rebuild_time(&f, &env);
    let (code, err) = run_build_env(&f.new_root, &f.out(), &[], &env);
    assert_eq!(code, 0, "{err}");
    assert!(snapshot(&f.out()) == f.new_site, "the journaled switch gives the same site");
    let mut mixed = 0;
    for (i, delay) in kill_points(8, whole).into_iter().enumerate() {
        f.reset_to_old();
        let child = spawn_build(&f.new_root, &f.out(), &env);
        let (code, err) = signal_after(child, delay, libc::SIGKILL);
        let context = format!("in place, SIGKILL after {delay:?} (point {i}, exit {code:?})");
        let journal = f.work.join(".public.jixiao-journal").exists();
        let now = snapshot(&f.out());
        if now != f.old_site && now != f.new_site {
            assert!(journal, "{context}: a mixed site without a journal: {err}");
            mixed += 1;
        }
        f.next_build_is_clean(&context, &env);
    }
    eprintln!("in place: {mixed} of 8 kills left a switch for the next build to finish");
}

#[test]
fn a_second_build_of_the_same_folder_is_refused_naming_the_first() {
    let f = Fixture::new();
    f.reset_to_old();
    let first = spawn_build(&f.new_root, &f.out(), &[]);
    let pid = first.id();
    let lock = f.work.join(".public.jixiao-lock");
    let t = Instant::now();
    while !lock.exists() {
        assert!(t.elapsed() < Duration::from_secs(60), "the first build takes its lock");
        std::thread::sleep(Duration::from_millis(5));
    }
    let (code, err) = run_build(&f.new_root, &f.out(), &[]);
    let out = first.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error[E0405]"), "{err}");
    assert!(err.contains(&format!("another jixiao build is writing {} (process {pid}: ", f.out().display())), "{err}");
    assert!(err.contains("build failed; nothing in"), "{err}");
    assert!(snapshot(&f.out()) == f.new_site, "the first build finished undisturbed");
    assert_eq!(f.beside(), Vec::<String>::new());
}

#[test]
fn leftover_staging_of_dead_builds_is_removed() {
    let f = Fixture::new();
    f.reset_to_old();
    // A staging folder of a build killed long ago, and one whose process id is now another
    // process's (1, init): the lock says no build runs, so both are leftovers.
    for pid in ["999999", "1"] {
        let stage = f.work.join(format!(".public.jixiao-staging-{pid}"));
        fs::create_dir_all(stage.join("huangpu-zhengfawei/2022")).unwrap();
        fs::write(stage.join("huangpu-zhengfawei/2022/index.html"), "half").unwrap();
    }
    // A lock file left by a killed build holds no lock.
    fs::write(f.work.join(".public.jixiao-lock"), "999999\njixiao build\n").unwrap();
    // Not a leftover of this output folder: kept.
    fs::create_dir(f.work.join(".other.jixiao-staging-5")).unwrap();
    let (code, err) = run_build(&f.new_root, &f.out(), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(f.beside(), [".other.jixiao-staging-5"]);
    assert!(snapshot(&f.out()) == f.new_site);
}

/// (inode, modification time) of a file.
fn identity(p: &Path) -> (u64, std::time::SystemTime) {
    let m = fs::metadata(p).unwrap();
    (m.ino(), m.modified().unwrap())
}

#[test]
fn hand_placed_files_survive_and_unchanged_files_keep_inode_and_mtime() {
    let f = Fixture::new();
    f.reset_to_old();
    let out = f.out();
    // Files jixiao never wrote: at the top, inside a folder of the site, in a folder of their
    // own, and an empty folder.
    fs::write(out.join("mine.txt"), "mine").unwrap();
    fs::write(out.join("huangpu-zhengfawei/notes.txt"), "notes").unwrap();
    fs::create_dir_all(out.join("extra/deep")).unwrap();
    fs::write(out.join("extra/deep/x.bin"), [0u8, 1, 2]).unwrap();
    fs::create_dir(out.join("empty")).unwrap();
    let old = Duration::from_secs(3600);
    let mut before = BTreeMap::new();
    for rel in ["mine.txt", "huangpu-zhengfawei/notes.txt", "extra/deep/x.bin", "assets/style.css", "huangpu-zhengfawei/2022/index.html"] {
        let p = out.join(rel);
        fs::File::options().write(true).open(&p).unwrap().set_modified(std::time::SystemTime::now() - old).unwrap();
        before.insert(rel, identity(&p));
    }
    let folder_inode = fs::metadata(&out).unwrap().ino();

    // Nothing changed: no switch at all (the folder is the same folder).
    let (code, err) = run_build(&f.old_root, &out, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 written, 0 removed"), "{err}");
    assert_eq!(fs::metadata(&out).unwrap().ino(), folder_inode, "no swap when nothing changed");

    // Every report changed: a new folder; unchanged and hand-placed files are the same files.
    let (code, err) = run_build(&f.new_root, &out, &[]);
    assert_eq!(code, 0, "{err}");
    assert_ne!(fs::metadata(&out).unwrap().ino(), folder_inode, "swapped in");
    for rel in ["mine.txt", "huangpu-zhengfawei/notes.txt", "extra/deep/x.bin", "assets/style.css"] {
        assert_eq!(identity(&out.join(rel)), before[rel], "{rel} kept its inode and modification time");
    }
    assert_ne!(identity(&out.join("huangpu-zhengfawei/2022/index.html")), before["huangpu-zhengfawei/2022/index.html"], "a changed page is new");
    assert!(out.join("empty").is_dir(), "an empty folder made by hand survives");
    assert_eq!(fs::read_to_string(out.join("mine.txt")).unwrap(), "mine");
    assert_eq!(f.beside(), Vec::<String>::new());
    // Besides the hand-placed files, the site is the clean build.
    let mut site = snapshot(&out);
    for rel in ["mine.txt", "huangpu-zhengfawei/notes.txt", "extra/deep/x.bin", "extra/deep", "extra", "empty"] {
        assert!(site.remove(Path::new(rel)).is_some(), "{rel}");
    }
    assert!(site == f.new_site);
}

/// A site root whose content is switched between versions in place, so that one build cache
/// (and the spare it keeps) follows it: `v0` the old site, `v1` the old site with one title
/// changed, `v2` the new site (every report revised).
struct InPlace {
    root: PathBuf,
}

impl InPlace {
    fn new(f: &Fixture) -> InPlace {
        let root = f.work.parent().unwrap().join("in-place");
        copy_dir(&f.old_root.join("themes"), &root.join("themes"));
        InPlace { root }
    }

    fn set(&self, f: &Fixture, version: u8) {
        let content = self.root.join("content");
        if content.exists() {
            fs::remove_dir_all(&content).unwrap();
        }
        copy_dir(&(if version == 2 { &f.new_root } else { &f.old_root }).join("content"), &content);
        if version == 1 {
            let report = content.join("demo-k00/2022.yaml");
            let text = fs::read_to_string(&report).unwrap();
            let title = text.lines().find(|l| l.starts_with("title: ")).unwrap().to_string();
            fs::write(&report, text.replacen(&title, &format!("{title}（一处修订）"), 1)).unwrap();
        }
    }

    /// The output folder under test holds `v1`, built from `v0` by a build with the cache, so
    /// that the old site `v0` is kept as the spare: the state before an edit builds from it.
    fn v1_with_spare(&self, f: &Fixture) -> PathBuf {
        let out = f.out();
        for dir in [out.clone(), self.root.join(".jixiao")] {
            if dir.exists() {
                fs::remove_dir_all(&dir).unwrap();
            }
        }
        for version in [0, 1] {
            self.set(f, version);
            let (code, err) = run_build(&self.root, &out, &[]);
            assert_eq!(code, 0, "{err}");
        }
        self.set(f, 2);
        self.spare()
    }

    /// The spare folder in the build cache.
    fn spare(&self) -> PathBuf {
        let spares: Vec<PathBuf> = fs::read_dir(self.root.join(".jixiao"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("spare-"))
            .collect();
        assert_eq!(spares.len(), 1, "one spare: {spares:?}");
        spares[0].clone()
    }
}

/// An edit builds its stage from the spare (the old site the last build kept in
/// `ROOT/.jixiao/`, sharing the unchanged files), and a kill at any point of it still leaves
/// the old or the new complete site, the next build clean.
#[test]
fn a_killed_build_from_the_spare_leaves_the_old_or_the_new_site() {
    let f = Fixture::new();
    let site = InPlace::new(&f);
    let refs = f.work.parent().unwrap().join("refs");
    site.set(&f, 1);
    let (code, err) = run_build(&site.root, &refs.join("v1"), &["--no-cache"]);
    assert_eq!(code, 0, "{err}");
    let v1 = snapshot(&refs.join("v1"));

    // Uninterrupted: the spare became the output folder (the same folder), the site is new.
    let spare = site.v1_with_spare(&f);
    let spare_inode = fs::metadata(&spare).unwrap().ino();
    let unchanged = f.out().join("assets/style.css");
    let kept = identity(&unchanged);
    let t = Instant::now();
    let (code, err) = run_build(&site.root, &f.out(), &[]);
    let whole = t.elapsed();
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::metadata(f.out()).unwrap().ino(), spare_inode, "the stage started from the spare");
    assert_eq!(identity(&unchanged), kept, "an unchanged file is the same file");
    assert!(snapshot(&f.out()) == f.new_site, "built from the spare, the site equals a clean build");
    assert_eq!(f.beside(), Vec::<String>::new());

    let mut seen = BTreeMap::new();
    for (i, delay) in kill_points(8, whole).into_iter().enumerate() {
        site.v1_with_spare(&f);
        let child = spawn_build(&site.root, &f.out(), &[]);
        let (code, err) = signal_after(child, delay, libc::SIGKILL);
        let context = format!("from the spare, SIGKILL after {delay:?} (point {i}, exit {code:?})");
        assert!(code.is_none() || code == Some(0), "{context}: {err}");
        let now = snapshot(&f.out());
        let which = if now == v1 {
            "old"
        } else if now == f.new_site {
            "new"
        } else {
            let differ: Vec<_> = now.keys().chain(f.new_site.keys()).filter(|p| now.get(*p) != f.new_site.get(*p) && now.get(*p) != v1.get(*p)).take(5).collect();
            panic!("{context}: a mixed site: {differ:?}");
        };
        *seen.entry(which).or_insert(0) += 1;
        let (code, err) = run_build(&site.root, &f.out(), &[]);
        assert_eq!(code, 0, "{context}: {err}");
        assert_eq!(f.beside(), Vec::<String>::new(), "{context}: left beside the output");
        assert!(snapshot(&f.out()) == f.new_site, "{context}: the next build differs from a clean build");
    }
    eprintln!("8 SIGKILLs of a build from the spare over {whole:?}: {seen:?}");
}

/// A file placed by hand in the output folder after the spare was kept (which does not hold
/// it) is not lost by the next build: the folder's time changed, so the stage starts empty and
/// the file is carried over.
#[test]
fn a_file_placed_by_hand_after_the_spare_was_kept_survives() {
    let f = Fixture::new();
    let site = InPlace::new(&f);
    let spare = site.v1_with_spare(&f);
    let spare_inode = fs::metadata(&spare).unwrap().ino();
    fs::write(f.out().join("huangpu-zhengfawei/notes.txt"), "notes").unwrap();
    let (code, err) = run_build(&site.root, &f.out(), &[]);
    assert_eq!(code, 0, "{err}");
    assert_ne!(fs::metadata(f.out()).unwrap().ino(), spare_inode, "the spare was not started from");
    assert_eq!(fs::read_to_string(f.out().join("huangpu-zhengfawei/notes.txt")).unwrap(), "notes");
    let mut now = snapshot(&f.out());
    now.remove(Path::new("huangpu-zhengfawei/notes.txt"));
    assert!(now == f.new_site);
}
