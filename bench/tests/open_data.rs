//! A generated site (the benchmark's corpus generator) against the tools reusers and search
//! engines use: every data package passes the Frictionless validator, and a sitemap over its
//! limit becomes an index whose parts list every URL once. The example site's packages and the
//! warnings are tested in the main crate's tests/open_data_conventions.rs.

use std::path::{Path, PathBuf};
use std::process::Command;

fn datapackages(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            datapackages(&path, out);
        } else if path.file_name().is_some_and(|n| n == "datapackage.json") {
            out.push(path);
        }
    }
}

fn locs(xml: &str) -> Vec<&str> {
    xml.split("<loc>").skip(1).map(|s| &s[..s.find("</loc>").expect("closed loc")]).collect()
}

#[test]
fn a_generated_site_publishes_valid_data_packages_and_a_sitemap_index() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    let generated = Command::new(env!("CARGO_BIN_EXE_jixiao-bench"))
        .args(["generate", "--departments", "6", "--years", "3", "--out"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(generated.status.success(), "{}", String::from_utf8_lossy(&generated.stderr));

    let build = |max: Option<u32>| {
        let site = root.join("content/site.yaml");
        let yaml = std::fs::read_to_string(&site).unwrap();
        let yaml: String = yaml.lines().filter(|l| !l.starts_with("sitemap_max_urls:")).map(|l| format!("{l}\n")).collect();
        let yaml = match max {
            Some(n) => format!("{yaml}sitemap_max_urls: {n}\n"),
            None => yaml,
        };
        std::fs::write(&site, yaml).unwrap();
        let mut options = jixiao::BuildOptions::new(&root);
        options.output = root.join("public");
        jixiao::build(&options).unwrap_or_else(|d| panic!("the generated site builds:\n{d}"));
        root.join("public")
    };

    let out = build(None);
    let mut packages = Vec::new();
    datapackages(&out, &mut packages);
    packages.sort();
    assert!(packages.len() > 18, "a package per report and the site's: {}", packages.len());
    let validated = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/tools/frictionless_validate.py"))
        // A report's package names its CSV files' schemas by URL on the site: answered from
        // the built site, as its host would.
        .args(["--site", "https://bench.example.org/"])
        .arg(&out)
        .args(&packages)
        .output()
        .expect("python3 runs (tests/install-deps.sh installs it with the frictionless package)");
    let report = String::from_utf8_lossy(&validated.stdout);
    assert_eq!(report.lines().count(), packages.len(), "{report}\n{}", String::from_utf8_lossy(&validated.stderr));
    assert!(validated.status.success(), "Frictionless finds every package valid:\n{report}");

    let whole = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(whole.contains("<urlset"));
    let all: Vec<String> = locs(&whole).into_iter().map(String::from).collect();
    // Enough URLs for the split below to make three parts (one indicator page per department).
    assert!(all.len() > 30, "{}", all.len());

    let max = 12;
    let out = build(Some(max));
    let index = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(index.contains("<sitemapindex"), "{index}");
    let parts = locs(&index);
    assert_eq!(parts.len(), all.len().div_ceil(max as usize));
    let mut listed = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        assert!(part.ends_with(&format!("/{name}")), "{part}");
        let xml = std::fs::read_to_string(out.join(&name)).unwrap();
        assert!(xml.contains("<urlset"));
        let urls = locs(&xml);
        assert!(urls.len() <= max as usize);
        listed.extend(urls.into_iter().map(String::from));
    }
    assert_eq!(listed, all, "every URL once, in order");
}
