//! The build cache in `ROOT/.jixiao/` (docs/cache.md) is never trusted blindly: a corrupt,
//! truncated, foreign or other-version cache is ignored with a note and the site rebuilt;
//! deleting it gives the same output; an output file deleted or edited by hand is restored by
//! the next build; a build with nothing to do prints what a full one prints.

#![cfg(unix)]

mod common;

use common::copy_dir;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_jixiao");

/// The example site, copied, with an output folder in a folder of its own.
struct Site {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    work: PathBuf,
}

impl Site {
    fn new() -> Site {
        let tmp = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = tmp.path().join("site");
        copy_dir(&repo.join("content"), &root.join("content"));
        copy_dir(&repo.join("themes"), &root.join("themes"));
        let work = tmp.path().join("work");
        fs::create_dir(&work).unwrap();
        Site { _tmp: tmp, root, work }
    }

    fn out(&self) -> PathBuf {
        self.work.join("public")
    }

    /// `jixiao build` with `extra` flags into [`Site::out`] (or `out`): its standard error.
    fn build_into(&self, out: &Path, extra: &[&str]) -> String {
        common::jixiao_build(&self.root, out, extra)
    }

    fn build(&self) -> String {
        self.build_into(&self.out(), &[])
    }

    /// The one cache file (beside it, the spare: the old site a build swapped out).
    fn cache_file(&self) -> PathBuf {
        let files: Vec<PathBuf> = fs::read_dir(self.root.join(".jixiao")).unwrap().map(|e| e.unwrap().path()).collect();
        let caches: Vec<&PathBuf> = files.iter().filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("build-")).collect();
        assert_eq!(caches.len(), 1, "one cache file: {files:?}");
        let known = |p: &PathBuf| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("spare-") || name == jixiao::pipeline::model::FOLDER || p == caches[0]
        };
        assert!(files.iter().all(known), "nothing else: {files:?}");
        caches[0].clone()
    }

    /// The output equals a build from scratch into another folder.
    fn assert_same_as_from_scratch(&self, context: &str) {
        let reference = self.work.join("reference");
        let _ = fs::remove_dir_all(&reference);
        let o = Command::new(BIN).args(["build", "--no-cache", "-q", "-r"]).arg(&self.root).arg("-o").arg(&reference).output().unwrap();
        assert!(o.status.success());
        assert!(tree(&self.out()) == tree(&reference), "{context}: differs from a build from scratch");
        fs::remove_dir_all(&reference).unwrap();
    }

    /// What lies beside the output folder.
    fn beside(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(&self.work).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n != "public").collect();
        names.sort();
        names
    }
}

/// Every file below `dir` with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect()
}

/// The summary line without its time and counts of files written and removed.
fn summary(err: &str) -> String {
    let line = err.lines().find(|l| l.starts_with("built ")).unwrap_or_else(|| panic!("a summary in {err}"));
    let line = line.split(" in ").next().unwrap();
    let (head, tail) = line.split_once(" (").unwrap();
    format!("{head} {}", tail.split_once("), ").unwrap().1)
}

/// Everything printed but the summary line.
fn besides_summary(err: &str) -> String {
    err.lines().filter(|l| !l.starts_with("built ")).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_build_with_nothing_to_do_writes_nothing_and_prints_the_same() {
    let s = Site::new();
    let first = s.build();
    assert!(s.cache_file().is_file());
    assert_eq!(s.beside(), Vec::<String>::new(), "nothing hidden beside the output folder");
    let second = s.build();
    assert!(second.contains("(0 written, 0 removed)"), "{second}");
    assert_eq!(summary(&second), summary(&first));
    assert_eq!(besides_summary(&second), besides_summary(&first), "the same warnings and check findings");
    assert!(!second.contains("note:"), "{second}");
    assert_eq!(s.beside(), Vec::<String>::new());
    s.assert_same_as_from_scratch("nothing changed");
}

#[test]
fn a_damaged_cache_is_ignored_with_a_note_and_rebuilt() {
    let s = Site::new();
    let first = s.build();
    let file = s.cache_file();
    let good = fs::read(&file).unwrap();

    // Each damage: the next build says so, builds from scratch, writes a good cache again.
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    let mut other_version = good.clone();
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let at = other_version.windows(version.len()).position(|w| w == version).expect("the header names the version");
    other_version[at] = if version[0] == b'9' { b'8' } else { b'9' };
    let body = other_version.len() - 8;
    let sum = jixiao::pipeline::stamps::hash(&other_version[..body]).to_le_bytes();
    other_version[body..].copy_from_slice(&sum);
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("corrupt", flipped, "is truncated or damaged"),
        ("truncated", good[..good.len() * 2 / 3].to_vec(), "is truncated or damaged"),
        ("not a cache", b"hello, world\n".to_vec(), "is not a jixiao build cache"),
        ("other version", other_version, "was written by another jixiao"),
    ];
    for (what, bytes, why) in cases {
        fs::write(&file, &bytes).unwrap();
        // A page edited by hand as well: a trusted cache would keep it.
        fs::write(s.out().join("index.html"), "edited").unwrap();
        let err = s.build();
        assert!(err.contains("note: the build cache") && err.contains(why) && err.contains("building from scratch"), "{what}: {err}");
        assert_eq!(summary(&err), summary(&first), "{what}");
        s.assert_same_as_from_scratch(what);
        assert_ne!(fs::read(&file).unwrap(), bytes, "{what}: a new cache was written");
        let again = s.build();
        assert!(!again.contains("note:") && again.contains("(0 written, 0 removed)"), "{what}: the new cache is used: {again}");
    }
    // In Chinese too.
    fs::write(&file, b"hello").unwrap();
    let o = Command::new(BIN).args(["build", "--lang", "zh-CN", "-r"]).arg(&s.root).arg("-o").arg(s.out()).output().unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("提示：构建缓存"), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn deleting_the_cache_gives_the_same_output() {
    let s = Site::new();
    s.build();
    let before = tree(&s.out());
    fs::remove_dir_all(s.root.join(".jixiao")).unwrap();
    let err = s.build();
    assert!(!err.contains("note:"), "a missing cache is no news: {err}");
    assert!(err.contains("(0 written, 0 removed)"), "{err}");
    assert!(tree(&s.out()) == before);
    s.cache_file();
}

#[test]
fn output_files_deleted_or_edited_by_hand_are_restored() {
    let s = Site::new();
    s.build();
    let before = tree(&s.out());
    let page = s.out().join("huangpu-zhengfawei/2022/index.html");
    let data = s.out().join("huangpu-zhengfawei/2022/report.json");
    fs::remove_file(&page).unwrap();
    fs::write(&data, "{}").unwrap();
    let err = s.build();
    assert!(err.contains("(2 written, 0 removed)"), "{err}");
    assert!(tree(&s.out()) == before, "restored");
    // Touched (same bytes, new time): nothing to do.
    let f = fs::File::options().write(true).open(&page).unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(3)).unwrap();
    assert!(s.build().contains("(0 written, 0 removed)"));
}

#[test]
fn no_cache_builds_from_scratch_and_writes_a_fresh_cache() {
    let s = Site::new();
    s.build();
    let file = s.cache_file();
    fs::write(&file, b"hello").unwrap();
    let err = s.build_into(&s.out(), &["--no-cache"]);
    assert!(!err.contains("note:"), "--no-cache does not read the cache: {err}");
    assert!(s.build().contains("(0 written, 0 removed)"), "a fresh cache was written");
    // Another option set keeps a cache of its own.
    s.build_into(&s.out(), &["--drafts"]);
    let caches = fs::read_dir(s.root.join(".jixiao")).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with("build-")).count();
    assert_eq!(caches, 2);
}

#[test]
fn init_ignores_the_cache_in_version_control() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("new");
    let o = Command::new(BIN).args(["init", "--lang", "en"]).arg(&site).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ignore = fs::read_to_string(site.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "/.jixiao/"), "{ignore}");
}

/// The data stage's work kept in the cache (everything but the reports' rows, read back from
/// the whole-site bulk files of the output) restores to what it was: stored again, it is the
/// same, byte for byte.
#[test]
fn the_data_stage_restores_from_the_cache_and_the_output() {
    use jixiao::pipeline::cache;
    let s = Site::new();
    s.build();
    let key = cache::OptionsKey { drafts: false, base_url: None, snapshot: None, comparisons: true, output: s.out().canonicalize().unwrap().to_string_lossy().into_owned() };
    let state = cache::read(&s.cache_file(), &cache::Header::current(key)).expect("the build's cache reads back");
    let stored = cache::Work::decode(&state.work.0).data.expect("the data stage's work is kept");
    let restored = jixiao::data::DataCache::restore(stored.clone(), &s.out()).expect("restores from the output's bulk files");
    assert!(format!("{:?}", restored.store().unwrap()) == format!("{stored:?}"), "stored again, the restored data differs");
    // Rows that are not in the bulk files as the cache says are refused.
    let csv = s.out().join("data/2022/targets.csv");
    let mut text = fs::read(&csv).unwrap();
    let n = text.len();
    text[n - 3] ^= 1;
    fs::write(&csv, text).unwrap();
    assert!(jixiao::data::DataCache::restore(stored, &s.out()).is_none(), "damaged rows are not trusted");
}

/// The spare (the old site a build keeps in `.jixiao/` for the next build's stage) is used
/// only when it can be vouched for: a file missing from it makes the next build start from
/// nothing, with the same output as a build from scratch.
#[test]
fn a_spare_missing_a_file_is_not_trusted() {
    let s = Site::new();
    s.build();
    let report = s.root.join("content/demo-qingshui-wenlv/2022.yaml");
    let edit = |from: &str, to: &str| {
        let text = fs::read_to_string(&report).unwrap();
        assert!(text.contains(from));
        fs::write(&report, text.replacen(from, to, 1)).unwrap();
    };
    edit("value: 108.7", "value: 109.7");
    s.build();
    let spare = fs::read_dir(s.root.join(".jixiao")).unwrap().map(|e| e.unwrap().path()).find(|p| p.file_name().unwrap().to_string_lossy().starts_with("spare-")).expect("the old site is kept as the spare");
    let unchanged = spare.join("huangpu-zhengfawei/2022/index.html");
    assert!(unchanged.is_file());
    fs::remove_file(&unchanged).unwrap();
    edit("value: 109.7", "value: 110.7");
    s.build();
    assert!(s.out().join("huangpu-zhengfawei/2022/index.html").is_file());
    s.assert_same_as_from_scratch("after a build with a damaged spare");
    assert_eq!(s.beside(), Vec::<String>::new());
}

/// The spare folder in `.jixiao/`, if there is one.
fn spare_of(s: &Site) -> Option<PathBuf> {
    fs::read_dir(s.root.join(".jixiao")).unwrap().map(|e| e.unwrap().path()).find(|p| p.file_name().unwrap().to_string_lossy().starts_with("spare-"))
}

/// Device and inode of `path`.
fn identity(path: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(path).unwrap();
    (m.dev(), m.ino())
}

/// Replaces `from` by `to` in the example report that the spare tests edit.
fn edit_report(s: &Site, from: &str, to: &str) {
    let report = s.root.join("content/demo-qingshui-wenlv/2022.yaml");
    let text = fs::read_to_string(&report).unwrap();
    assert!(text.contains(from));
    fs::write(&report, text.replacen(from, to, 1)).unwrap();
}

/// A full build into an empty folder keeps no old site; the build with nothing to do that
/// follows makes the spare (a hard link to every file of the output folder), so the first edit
/// starts its stage from it: the output folder is then that folder, an unchanged file is the
/// same file, and the site equals a build from scratch.
#[test]
fn a_build_with_nothing_to_do_makes_the_spare_the_first_edit_starts_from() {
    let s = Site::new();
    s.build_into(&s.out(), &["--no-cache"]);
    assert_eq!(spare_of(&s), None, "a first build has no old site to keep");
    let second = s.build();
    assert!(second.contains("(0 written, 0 removed)"), "{second}");
    let spare = spare_of(&s).expect("the build with nothing to do made the spare");
    let unchanged = "huangpu-zhengfawei/2022/index.html";
    assert_eq!(identity(&spare.join(unchanged)), identity(&s.out().join(unchanged)), "the spare links the output folder's files");
    assert_eq!(s.beside(), Vec::<String>::new());
    let third = s.build();
    assert!(third.contains("(0 written, 0 removed)"), "{third}");
    assert_eq!(spare_of(&s).map(|p| identity(&p)), Some(identity(&spare)), "a spare the cache vouches for is kept as it is");

    let spare_folder = identity(&spare);
    let kept = identity(&s.out().join(unchanged));
    edit_report(&s, "value: 108.7", "value: 109.7");
    s.build();
    assert_eq!(identity(&s.out()), spare_folder, "the edit's stage started from the spare");
    assert_eq!(identity(&s.out().join(unchanged)), kept, "an unchanged file is the same file");
    s.cache_file();
    assert_eq!(s.beside(), Vec::<String>::new());
    s.assert_same_as_from_scratch("an edit from the spare a build with nothing to do made");
}

/// A file placed by hand in the output folder: the build with nothing to do makes no spare
/// (the spare would not hold the file), and the next edit carries the file over.
#[test]
fn a_file_placed_by_hand_is_not_lost_to_a_spare_made_without_it() {
    let s = Site::new();
    s.build();
    fs::write(s.out().join("huangpu-zhengfawei/notes.txt"), "notes").unwrap();
    let second = s.build();
    assert!(second.contains("(0 written, 0 removed)"), "{second}");
    assert_eq!(spare_of(&s), None, "no spare of an output folder holding a file placed by hand");
    edit_report(&s, "value: 108.7", "value: 109.7");
    s.build();
    assert_eq!(fs::read_to_string(s.out().join("huangpu-zhengfawei/notes.txt")).unwrap(), "notes");
    fs::remove_file(s.out().join("huangpu-zhengfawei/notes.txt")).unwrap();
    s.assert_same_as_from_scratch("an edit beside a file placed by hand");
}

/// The model of every department and report file, taken back from the cache's copy
/// (`.jixiao/model/`), equals the one loaded from the files, warnings included: on the example
/// site and on a generated one. A file edited since, or warned about a date in the future on
/// another day, is parsed again.
#[test]
fn a_restored_model_equals_a_loaded_one() {
    use jixiao::pipeline::model::{self, ModelCache};
    use jixiao::pipeline::stamps::{Stamps, scan_inputs};
    let tmp = tempfile::tempdir().unwrap();
    let example = Site::new();
    let generated = tmp.path().join("generated");
    common::example_site_with_copies(&generated, 3);
    for root in [example.root.as_path(), generated.as_path()] {
        let today = jixiao::dates::today();
        let day = today.to_string();
        let dir = tmp.path().join("model");
        let _ = fs::remove_dir_all(&dir);
        let inputs = scan_inputs(root, &Stamps::new());
        let loaded = jixiao::load::load_at(root, today).unwrap();
        model::save(&dir, &loaded, &inputs, &day, None).unwrap();
        let files: usize = loaded.departments.iter().map(|d| d.reports.len() + 1).sum();
        assert!(files > 3);

        let cache = ModelCache::open(&dir, &day);
        let restored = jixiao::load::load_reusing(root, today, &|rel| cache.restore(rel, &inputs)).unwrap();
        assert_eq!(cache.restored(), files, "{}: every file taken back", root.display());
        assert_eq!(format!("{restored:?}"), format!("{loaded:?}"), "{}", root.display());

        // An edited report is parsed again, the others taken back.
        let report = loaded.departments[0].reports[0].path.clone();
        let text = fs::read_to_string(root.join(&report)).unwrap();
        let title = loaded.departments[0].reports[0].report.title.clone();
        fs::write(root.join(&report), text.replacen(&title, &format!("{title}（修订）"), 1)).unwrap();
        let inputs = scan_inputs(root, &inputs);
        let cache = ModelCache::open(&dir, &day);
        let reloaded = jixiao::load::load_reusing(root, today, &|rel| cache.restore(rel, &inputs)).unwrap();
        assert_eq!(cache.restored(), files - 1);
        assert_eq!(reloaded.departments[0].reports[0].report.title, format!("{title}（修订）"));
        assert_eq!(format!("{reloaded:?}"), format!("{:?}", jixiao::load::load_at(root, today).unwrap()));
    }

    // A report dated after today: its warning names today, so another day parses it again.
    let root = example.root.as_path();
    let report = root.join("content/demo-qingshui-wenlv/2022.yaml");
    let text = fs::read_to_string(&report).unwrap();
    let published = text.lines().find(|l| l.starts_with("published:")).expect("a published date").to_string();
    fs::write(&report, text.replacen(&published, "published: \"2999-01-01\"", 1)).unwrap();
    let today = jixiao::dates::today();
    let inputs = scan_inputs(root, &Stamps::new());
    let loaded = jixiao::load::load_at(root, today).unwrap();
    assert!(loaded.warnings.0.iter().any(|w| w.code == "E0214"), "{:?}", loaded.warnings);
    let dir = tmp.path().join("model-future");
    model::save(&dir, &loaded, &inputs, &today.to_string(), None).unwrap();
    let files: usize = loaded.departments.iter().map(|d| d.reports.len() + 1).sum();
    let same_day = ModelCache::open(&dir, &today.to_string());
    let again = jixiao::load::load_reusing(root, today, &|rel| same_day.restore(rel, &inputs)).unwrap();
    assert_eq!(same_day.restored(), files);
    assert_eq!(format!("{again:?}"), format!("{loaded:?}"));
    let next_day = ModelCache::open(&dir, "9999-12-31");
    let _ = jixiao::load::load_reusing(root, today, &|rel| next_day.restore(rel, &inputs)).unwrap();
    assert_eq!(next_day.restored(), files - 1, "the report warned about is parsed again on another day");
}
