//! The release set-up: `.github/workflows/release.yml` is a valid GitHub Actions workflow (checked
//! offline against the schema check-jsonschema vendors, installed by tests/install-deps.sh) that
//! builds the `dist` profile for Linux, Windows and macOS and publishes each archive with its
//! SHA-256; the `dist` profile is the small one users download. (The dist binary itself is built
//! and measured by `.ci/run`: a whole-program optimised build takes minutes.)

use std::path::Path;
use std::process::Command;

fn workflow() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.github/workflows/release.yml"))
}

/// Runs check-jsonschema with GitHub's workflow schema on `file`.
fn validate(file: &Path) -> std::process::Output {
    Command::new("check-jsonschema")
        .args(["--builtin-schema", "vendor.github-workflows"])
        .arg(file)
        .output()
        .expect("check-jsonschema runs (pip install check-jsonschema; tests/install-deps.sh does)")
}

#[test]
fn the_release_workflow_is_valid_against_the_github_workflow_schema() {
    let out = validate(workflow());
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));

    // The validator really validates: the same workflow with a misspelt key is refused.
    let text = std::fs::read_to_string(workflow()).unwrap();
    let broken = tempfile::NamedTempFile::with_suffix(".yml").unwrap();
    std::fs::write(broken.path(), text.replacen("runs-on:", "runs_on:", 1)).unwrap();
    let out = validate(broken.path());
    assert!(!out.status.success(), "a workflow with `runs_on` must be refused");
}

#[test]
fn the_release_workflow_builds_the_dist_binary_for_linux_windows_and_macos_with_checksums() {
    let text = std::fs::read_to_string(workflow()).unwrap();
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let include = yaml["jobs"]["build"]["strategy"]["matrix"]["include"].as_sequence().expect("a build matrix");
    let targets: Vec<&str> = include.iter().map(|e| e["target"].as_str().unwrap()).collect();
    for needed in ["x86_64-unknown-linux-gnu", "x86_64-pc-windows-msvc", "aarch64-apple-darwin", "x86_64-apple-darwin"] {
        assert!(targets.contains(&needed), "{needed} is built: {targets:?}");
    }
    let windows = include.iter().find(|e| e["target"] == "x86_64-pc-windows-msvc").unwrap();
    assert_eq!(windows["archive"], "zip", "Windows users get a .zip");
    assert_eq!(windows["exe"], "jixiao.exe");
    assert!(text.contains("cargo build --locked --profile dist --bin jixiao"), "the dist profile is what ships");
    assert!(text.contains("sha256sum") && text.contains("SHA256SUMS"), "every archive has its checksum");
    assert!(yaml["on"]["push"]["tags"].as_sequence().is_some(), "a tag starts a release");
}
