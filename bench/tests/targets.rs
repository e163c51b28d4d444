//! `jixiao-bench targets` on a tiny corpus (20 reports, one round, both media): the results file
//! has every figure, and the Hugo site written from the corpus builds, with a page per report
//! holding its tables and a list page per department and per year. Needs Debian's `hugo`
//! (tests/install-deps.sh installs it; the command installs it when missing and it runs as
//! root), Chromium and node with tests/browser's packages: without them the test fails.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `jixiao` binary of this workspace, in the profile of this test, built if needed (the
/// benchmark times the command line users run).
fn jixiao_binary() -> PathBuf {
    let mut cargo = Command::new(env!("CARGO"));
    cargo.args(["build", "--quiet", "-p", "jixiao", "--bin", "jixiao"]).current_dir(env!("CARGO_MANIFEST_DIR"));
    if !cfg!(debug_assertions) {
        cargo.arg("--release");
    }
    let status = cargo.status().expect("cargo runs");
    assert!(status.success(), "cargo build -p jixiao failed");
    let bin = Path::new(env!("CARGO_BIN_EXE_jixiao-bench")).with_file_name("jixiao");
    assert!(bin.exists(), "{} was not built", bin.display());
    bin
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn targets_measures_every_figure_and_hugo_builds_the_same_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let (shm, disk, results) = (tmp.path().join("shm"), tmp.path().join("disk"), tmp.path().join("results"));
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao-bench"))
        .args(["targets", "--departments", "4", "--years", "5", "--rounds", "1", "--keep"])
        .arg("--out-root")
        .arg(&shm)
        .arg("--disk-root")
        .arg(&disk)
        .arg("--results")
        .arg(&results)
        .arg("--jixiao")
        .arg(jixiao_binary())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));

    let files: Vec<PathBuf> = std::fs::read_dir(&results).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let run: serde_json::Value = serde_json::from_str(&read(&files[0])).unwrap();
    assert_eq!(run["benchmark"], "targets");
    for key in ["started", "commit", "machine", "corpus", "jixiao", "cache", "hugo", "hugo_site", "rounds", "edited", "media", "output", "search_query", "targets"] {
        assert!(!run[key].is_null(), "{key} missing");
    }
    assert_eq!(run["reports"], 20);
    assert!(run["hugo"]["version"].as_str().unwrap().contains("hugo"), "{}", run["hugo"]);
    assert_eq!(run["hugo_site"]["reports"], 20);
    assert!(["no-cache flag", "absent"].contains(&run["cache"].as_str().unwrap()));
    assert_eq!(run["targets"], serde_json::json!([]), "no targets are set for 20 reports");

    let media = run["media"].as_array().unwrap();
    assert_eq!(media.iter().map(|m| m["medium"].as_str().unwrap()).collect::<Vec<_>>(), ["shm", "disk"]);
    for m in media {
        for kind in ["full", "hugo", "nochange", "edit"] {
            let runs = m[kind].as_array().unwrap();
            assert_eq!(runs.len(), 1, "{kind}");
            assert!(runs[0]["wall_s"].as_f64().unwrap() > 0.0 && runs[0]["peak_rss_mb"].as_f64().unwrap() > 1.0, "{kind}: {}", runs[0]);
            let summary = &m[format!("{kind}_summary")];
            assert_eq!(summary["median_s"], runs[0]["wall_s"], "{kind}");
        }
        assert!(m["serve_ready_median_s"].as_f64().unwrap() > 0.0);
        let stages: Vec<&str> = m["stage_medians"].as_array().unwrap().iter().map(|s| s["stage"].as_str().unwrap()).collect();
        assert!(stages.contains(&"search") && stages.contains(&"render"), "{stages:?}");
        for ratio in ["full_over_hugo", "full_cpu_over_hugo_cpu", "nochange_over_full", "edit_over_full", "serve_over_full"] {
            assert!(m["ratios"][ratio].as_f64().unwrap() > 0.0, "{ratio}");
        }
        assert!(m["hugo_output"]["files"].as_u64().unwrap() > 20);
    }

    let output = &run["output"];
    let kinds = output["kinds"].as_array().unwrap();
    let kind = |k: &str| kinds.iter().find(|x| x["kind"] == k).unwrap_or_else(|| panic!("{k}"));
    assert_eq!(kind("report_pages")["files"], 20);
    assert!(kind("search")["files"].as_u64().unwrap() > 0 && kind("assets")["files"].as_u64().unwrap() > 0);
    let sum: u64 = kinds.iter().map(|k| k["files"].as_u64().unwrap()).sum();
    assert_eq!(output["files"].as_u64().unwrap(), sum);
    assert!(run["search_query"]["first_with_records_gz_median"].as_f64().unwrap() > 0.0, "{}", run["search_query"]);

    // The Hugo site built the same reports: each a page with its title and tables, listed on
    // its department's page and its year's page.
    let site = shm.join("targets-4x5/hugo");
    let corpus = shm.join("corpus-4x5/content/bench-00002/2022.yaml");
    let title = read(&corpus).lines().find_map(|l| l.strip_prefix("title: \"").map(|t| t.trim_end_matches('"').to_string())).unwrap();
    let page = read(&site.join("bench-00002/2022/index.html"));
    assert!(page.contains(&format!("<h1>{title}</h1>")), "{}", &page[..page.len().min(2000)]);
    assert!(page.matches("<table>").count() >= 4, "budget, targets, key figures and the evaluation table are tables");
    assert!(page.contains("<h2 id=\"三存在的主要问题\">") || page.contains("三、存在的主要问题"), "the report's sections");
    let department = read(&site.join("bench-00002/index.html"));
    assert_eq!(department.matches("<li><a href=\"/bench-00002/20").count(), 5, "{department}");
    let year = read(&site.join("years/2022/index.html"));
    assert_eq!(year.matches("/2022/\">").count(), 4, "{year}");
    // The report edited for the timed builds is back as it was.
    let edited = shm.join("corpus-4x5").join(run["edited"].as_str().unwrap());
    assert!(!read(&edited).contains("修订"), "{}", edited.display());
}
