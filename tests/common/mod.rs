//! Helpers shared by the integration tests (each `tests/*.rs` that needs them says `mod common;`).

use std::path::Path;

/// Copies the folder `from` into `to` (created if missing), files and subfolders.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the example site (its `content/` and `themes/`) in `root`, with `copies` more
/// departments, each the demo department under the id `demo-kNN` and a numbered name: a site
/// with several departments for the build tests (kill, incremental). Not every test uses it.
#[allow(dead_code)]
pub(crate) fn example_site_with_copies(root: &Path, copies: usize) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &root.join("content"));
    copy_dir(&repo.join("themes"), &root.join("themes"));
    let demo = root.join("content/demo-qingshui-wenlv");
    for i in 0..copies {
        let id = format!("demo-k{i:02}");
        let dept = root.join("content").join(&id);
        std::fs::create_dir_all(&dept).unwrap();
        for entry in std::fs::read_dir(&demo).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let text = text
                .replace("demo-qingshui-wenlv", &id)
                .replace("示例·青水文旅局", &format!("示例·青水文旅局{i:02}"))
                .replace("示例：青水市文化广电旅游局（虚构演示数据）", &format!("示例：青水市文化广电旅游局{i:02}（虚构演示数据）"));
            std::fs::write(dept.join(path.file_name().unwrap()), text).unwrap();
        }
    }
}

/// `jixiao build` (the binary, in English, without colour or CI mode) of `root` into `out` with
/// `extra` flags: its standard error; panics with it when the build fails.
#[allow(dead_code)]
pub(crate) fn jixiao_build(root: &Path, out: &Path, extra: &[&str]) -> String {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["build", "--lang", "en", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .args(extra)
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "build failed: {err}");
    err
}

/// The lines `child` writes on its standard error (which must be piped), as they come: a thread
/// reads them so that the child never blocks on a full pipe.
#[allow(dead_code)]
pub(crate) fn stderr_lines(child: &mut std::process::Child) -> std::sync::mpsc::Receiver<String> {
    use std::io::BufRead;
    let stderr = child.stderr.take().expect("standard error is piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    rx
}

/// Every file under `dir` with its bytes, by path relative to `dir` (with `/` on every system).
#[allow(dead_code)]
pub(crate) fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// Chromium, node and playwright-core are there (the browser tests fail without them).
#[allow(dead_code)]
pub(crate) fn require_browser() {
    let ok = |p: &str, a: &str| std::process::Command::new(p).arg(a).output().is_ok_and(|o| o.status.success());
    let deps = Path::new("/usr/bin/chromium").is_file()
        && ok("node", "--version")
        && Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules/playwright-core").is_dir();
    assert!(deps, "chromium, node or playwright-core is missing: run `bash tests/install-deps.sh` (as root)");
}
