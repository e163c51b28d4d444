//! Yearly snapshots (`jixiao archive`, `verify`, `bundle`) on a copy of the example site:
//! frozen bytes survive changes of content, templates and CSS; every difference is named;
//! links inside a snapshot stay inside it; bundles are byte-identical; nothing is replaced
//! silently.

use jixiao::archive::{self, MANIFEST};
use scraper::{Html, Selector};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::copy_dir;

const REPO: &str = env!("CARGO_MANIFEST_DIR");
const BIN: &str = env!("CARGO_BIN_EXE_jixiao");
/// base_url of the example site (content/site.yaml).
const BASE: &str = "https://jixiao.example.gov.cn/";


/// A copy of the example site (content/ and themes/) in a temporary folder.
fn example() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(REPO).join("content"), &tmp.path().join("content"));
    copy_dir(&Path::new(REPO).join("themes"), &tmp.path().join("themes"));
    tmp
}

/// Every file under `dir` with its bytes, by `/`-separated relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            out.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    out
}

fn jixiao(root: &Path, args: &[&str]) -> Output {
    Command::new(BIN).args(["--lang", "en"]).args(args).arg("--root").arg(root).output().expect("jixiao runs")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn build(root: &Path) {
    if let Err(d) = jixiao::build(&jixiao::BuildOptions::new(root)) {
        panic!("build failed:\n{d}");
    }
}

fn archive(root: &Path, year: u16) -> archive::Archived {
    archive::archive(root, year, false).unwrap_or_else(|d| panic!("archive failed:\n{d}"))
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let s = fs::read_to_string(path).unwrap();
    assert!(s.contains(from), "{} does not contain {from:?}", path.display());
    fs::write(path, s.replacen(from, to, 1)).unwrap();
}

const TITLE: &str = "title: 2022年度中共广州市黄埔区委政法委员会部门整体支出绩效自评报告";

#[test]
fn archived_bytes_survive_changes_of_report_template_and_css() {
    let site = example();
    let root = site.path();
    let done = archive(root, 2022);
    let snapshot = files(&root.join("archive/2022"));
    assert!(snapshot.contains_key(MANIFEST) && snapshot.contains_key("index.html"));
    assert_eq!(done.files + 1, snapshot.len(), "the manifest lists every file but itself");
    assert_eq!(done.manifest_sha256, jixiao::digest::sha256_hex(&snapshot[MANIFEST]));

    // Change a report, a template and the CSS, then rebuild the live site.
    replace_in(&root.join("content/huangpu-zhengfawei/2022.yaml"), TITLE, &format!("{TITLE}（修订版）"));
    replace_in(
        &root.join("themes/default/templates/base.html"),
        "</body>",
        "<p class=\"template-changed\">x</p></body>",
    );
    let css = root.join("themes/default/static/style.css");
    fs::write(&css, format!("{}\n.css-changed {{ color: red; }}\n", fs::read_to_string(&css).unwrap())).unwrap();
    build(root);

    // The snapshot itself, and its copy in the live site, are byte for byte what was archived.
    assert_eq!(files(&root.join("archive/2022")), snapshot, "archive/2022 changed");
    assert_eq!(files(&root.join("public/archive/2022")), snapshot, "public/archive/2022 is not an exact copy");
    let v = archive::verify(&root.join("archive/2022"), Some(&done.manifest_sha256)).unwrap();
    assert!(v.ok(), "{v:?}");
    let o = jixiao(root, &["verify", "2022"]);
    assert!(o.status.success(), "{}", text(&o));

    // The live site shows every change; the snapshot shows none.
    let live_report = fs::read_to_string(root.join("public/huangpu-zhengfawei/2022/index.html")).unwrap();
    assert!(live_report.contains("（修订版）"));
    assert!(live_report.contains("template-changed"));
    assert!(fs::read_to_string(root.join("public/assets/style.css")).unwrap().contains(".css-changed"));
    let old_report = String::from_utf8(snapshot["huangpu-zhengfawei/2022/index.html"].clone()).unwrap();
    assert!(!old_report.contains("（修订版）") && !old_report.contains("template-changed"));
    assert!(!String::from_utf8_lossy(&snapshot["assets/style.css"]).contains(".css-changed"));

    // The report page links to its archived publication; the archive page lists the snapshot.
    let doc = Html::parse_document(&live_report);
    let links: Vec<String> = doc
        .select(&Selector::parse(".archived-in a").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links, ["../../archive/2022/huangpu-zhengfawei/2022/"]);
    let index = fs::read_to_string(root.join("public/archive/index.html")).unwrap();
    let doc = Html::parse_document(&index);
    let row = doc.select(&Selector::parse("tr#snapshot-2022").unwrap()).next().expect("a row for 2022");
    let row_text: String = row.text().collect();
    assert!(row_text.contains(&done.manifest_sha256), "the digest is shown: {row_text}");
    assert!(row_text.contains(&done.files.to_string()), "the file count is shown: {row_text}");
    let hrefs: Vec<&str> = row.select(&Selector::parse("a").unwrap()).map(|a| a.value().attr("href").unwrap()).collect();
    assert_eq!(hrefs, ["../archive/2022/", "../archive/2022/MANIFEST.sha256"]);
    // Every live page links to the archive index from its footer.
    assert!(fs::read_to_string(root.join("public/index.html")).unwrap().contains("href=\"./archive/\""));
}

#[test]
fn verify_names_changed_missing_and_added_files_and_exits_1() {
    let site = example();
    let root = site.path();
    archive(root, 2022);
    let dir = root.join("archive/2022");
    let o = jixiao(root, &["verify"]);
    assert!(o.status.success(), "{}", text(&o));

    // One byte changed, one file deleted, one added.
    let css = dir.join("assets/style.css");
    let mut bytes = fs::read(&css).unwrap();
    bytes[0] ^= 1;
    fs::write(&css, bytes).unwrap();
    fs::remove_file(dir.join("huangpu-zhengfawei/2022/index.html")).unwrap();
    fs::write(dir.join("extra.html"), "<p>added</p>").unwrap();

    let o = jixiao(root, &["verify", "2022"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = text(&o);
    assert!(out.contains("changed: assets/style.css"), "{out}");
    assert!(out.contains("missing: huangpu-zhengfawei/2022/index.html"), "{out}");
    assert!(out.contains("added:   extra.html"), "{out}");
    assert!(out.contains("1 changed, 1 missing, 1 added"), "{out}");

    let v = archive::verify(&dir, None).unwrap();
    assert_eq!(v.changed, ["assets/style.css"]);
    assert_eq!(v.missing, ["huangpu-zhengfawei/2022/index.html"]);
    assert_eq!(v.added, ["extra.html"]);

    // The live build still publishes it as it is, with a warning.
    let summary = jixiao::build(&jixiao::BuildOptions::new(root)).unwrap();
    assert!(summary.warnings.0.iter().any(|w| w.code == archive::W_TAMPERED), "{:?}", summary.warnings);
    assert!(root.join("public/archive/2022/extra.html").is_file());
}

#[test]
fn verify_checks_a_deployed_copy_and_the_published_digest() {
    let site = example();
    let root = site.path();
    let o = jixiao(root, &["archive", "2022"]);
    assert!(o.status.success(), "{}", text(&o));
    // stdout is exactly the digest to publish.
    let digest = String::from_utf8(o.stdout.clone()).unwrap().trim().to_string();
    assert_eq!(digest.len(), 64);
    assert_eq!(digest, jixiao::digest::sha256_hex(&fs::read(root.join("archive/2022").join(MANIFEST)).unwrap()));
    build(root);

    let deployed = root.join("public/archive/2022");
    let deployed_arg = deployed.to_str().unwrap();
    let o = jixiao(root, &["verify", "--dir", deployed_arg, "--expect", &digest]);
    assert!(o.status.success(), "{}", text(&o));
    let o = jixiao(root, &["verify", "2022", "--expect", &digest.to_uppercase()]);
    assert!(o.status.success(), "the digest is compared case-insensitively: {}", text(&o));

    // A different expected digest fails.
    let wrong = format!("{}{}", &digest[..63], if digest.ends_with('0') { '1' } else { '0' });
    let o = jixiao(root, &["verify", "2022", "--expect", &wrong]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains(&wrong));

    // A manifest edited where no file hash changes (its date): only --expect notices.
    replace_in(&deployed.join(MANIFEST), "# created: ", "# created: 1");
    let o = jixiao(root, &["verify", "--dir", deployed_arg]);
    assert!(o.status.success(), "{}", text(&o));
    let o = jixiao(root, &["verify", "--dir", deployed_arg, "--expect", &digest]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));

    // A tampered deployed page is named.
    replace_in(&deployed.join("index.html"), "<h1", "<h1 data-x");
    let o = jixiao(root, &["verify", "--dir", deployed_arg]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("changed: index.html"), "{}", text(&o));
    // The source snapshot is untouched.
    let o = jixiao(root, &["verify", "2022", "--expect", &digest]);
    assert!(o.status.success(), "{}", text(&o));
}

#[test]
fn refuses_to_replace_a_snapshot_and_force_keeps_the_old_one() {
    let site = example();
    let root = site.path();
    archive(root, 2022);
    let before = files(&root.join("archive/2022"));

    let o = jixiao(root, &["archive", "2022"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("already exists"), "{}", text(&o));
    assert!(text(&o).contains("--force"), "{}", text(&o));
    assert_eq!(files(&root.join("archive/2022")), before, "the snapshot was touched");

    // --force: a new snapshot (content changed), the old one kept under a dated name, and said so.
    replace_in(&root.join("content/huangpu-zhengfawei/2022.yaml"), TITLE, &format!("{TITLE}（修订版）"));
    let o = jixiao(root, &["archive", "2022", "--force"]);
    assert!(o.status.success(), "{}", text(&o));
    let kept: Vec<PathBuf> = fs::read_dir(root.join("archive"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("2022.replaced-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(text(&o).contains(&kept[0].display().to_string()), "the kept copy is named: {}", text(&o));
    assert_eq!(files(&kept[0]), before, "the old snapshot is kept byte for byte");
    let new = files(&root.join("archive/2022"));
    assert_ne!(new[MANIFEST], before[MANIFEST]);
    assert!(String::from_utf8_lossy(&new["huangpu-zhengfawei/2022/index.html"]).contains("（修订版）"));

    // Only the year folder is a snapshot: the kept copy is not published.
    build(root);
    let published: Vec<String> = fs::read_dir(root.join("public/archive"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(published, ["2022", "index.html"]);
}

#[test]
fn bundles_are_byte_identical_and_hold_exactly_the_snapshot() {
    let site = example();
    let root = site.path();
    archive(root, 2022);
    let snapshot = files(&root.join("archive/2022"));
    let out = tempfile::tempdir().unwrap();
    for name in ["a.tar.gz", "a.zip"] {
        let first = out.path().join(format!("1-{name}"));
        let second = out.path().join(format!("2-{name}"));
        let o = jixiao(root, &["bundle", "2022", first.to_str().unwrap()]);
        assert!(o.status.success(), "{}", text(&o));
        // File times must not matter: touch every snapshot file before bundling again.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        for rel in snapshot.keys() {
            let p = root.join("archive/2022").join(rel);
            fs::write(&p, fs::read(&p).unwrap()).unwrap();
        }
        let o = jixiao(root, &["bundle", "2022", second.to_str().unwrap()]);
        assert!(o.status.success(), "{}", text(&o));
        assert_eq!(fs::read(&first).unwrap(), fs::read(&second).unwrap(), "{name} differs between two runs");
    }

    // The tar.gz holds the snapshot's files under 2022/, manifest included, owned by 0, sorted.
    let gz = flate2::read::GzDecoder::new(fs::File::open(out.path().join("1-a.tar.gz")).unwrap());
    let mut tar = tar::Archive::new(gz);
    let mut unpacked = BTreeMap::new();
    let mut order = Vec::new();
    for entry in tar.entries().unwrap() {
        let mut entry = entry.unwrap();
        let h = entry.header().clone();
        assert_eq!((h.uid().unwrap(), h.gid().unwrap()), (0, 0));
        let path = entry.path().unwrap().to_string_lossy().into_owned();
        if h.entry_type().is_file() {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
            let rel = path.strip_prefix("2022/").expect("under 2022/").to_string();
            order.push(rel.clone());
            unpacked.insert(rel, bytes);
        }
    }
    assert_eq!(unpacked, snapshot);
    assert_eq!(order[0], MANIFEST, "the manifest comes first");
    let mut sorted = order[1..].to_vec();
    sorted.sort();
    assert_eq!(order[1..], sorted[..], "entries are sorted");

    // The zip too.
    let mut zip = zip::ZipArchive::new(fs::File::open(out.path().join("1-a.zip")).unwrap()).unwrap();
    let mut from_zip = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.is_file() {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
            from_zip.insert(f.name().unwrap().strip_prefix("2022/").unwrap().to_string(), bytes);
        }
    }
    assert_eq!(from_zip, snapshot);

    // An unknown extension is refused.
    let o = jixiao(root, &["bundle", "2022", out.path().join("a.rar").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
}

/// Resolves `href` found on the page served at URL path `page` (`/archive/2022/x/`), giving a
/// URL path without query or fragment; `None` for links that leave the site (another scheme).
fn resolve(page: &str, href: &str) -> Option<String> {
    let href = href.split(['#', '?']).next().unwrap();
    if href.contains("://") || href.starts_with("mailto:") || href.starts_with("tel:") {
        return None;
    }
    let joined = if href.starts_with('/') {
        href.to_string()
    } else if href.is_empty() {
        page.to_string()
    } else {
        format!("{}{href}", &page[..=page.rfind('/').unwrap()])
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/').skip(1) {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let trailing = joined.ends_with('/') || joined.ends_with("/.") || joined.ends_with("/..");
    let mut out = format!("/{}", parts.join("/"));
    if trailing && !out.ends_with('/') {
        out.push('/');
    }
    Some(out)
}

#[test]
fn resolve_follows_relative_links() {
    assert_eq!(resolve("/archive/2022/a/b/", "../../assets/x.css"), Some("/archive/2022/assets/x.css".into()));
    assert_eq!(resolve("/archive/2022/", "./"), Some("/archive/2022/".into()));
    assert_eq!(resolve("/archive/2022/a/", "../../../"), Some("/".into()));
    assert_eq!(resolve("/archive/2022/a/", "#top"), Some("/archive/2022/a/".into()));
    assert_eq!(resolve("/archive/2022/a/", "https://x/"), None);
}

#[test]
fn every_link_of_a_snapshot_resolves_inside_it() {
    let site = example();
    let root = site.path();
    archive(root, 2022);
    build(root);
    // The snapshot as served by the live site.
    let dir = root.join("public/archive/2022");
    let prefix = "/archive/2022/";
    let snapshot_url = format!("{BASE}archive/2022/");
    let all = files(&dir);
    let exists = |url: &str| -> bool {
        let Some(rel) = url.strip_prefix(prefix).or((url == "/archive/2022").then_some("")) else { return false };
        let rel = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
        all.contains_key(&rel)
    };
    let attrs = Selector::parse("[href], [src], [srcset], [action], [poster], [data]").unwrap();
    let banner = Selector::parse(".banner-snapshot a").unwrap();
    let canonical = Selector::parse("link[rel=canonical]").unwrap();
    let mut checked = 0;
    let mut pages = 0;
    for (rel, bytes) in &all {
        if !rel.ends_with(".html") {
            continue;
        }
        pages += 1;
        let page = if rel.ends_with("index.html") { format!("{prefix}{}", rel.trim_end_matches("index.html")) } else { format!("{prefix}{rel}") };
        let html = String::from_utf8(bytes.clone()).unwrap();
        let doc = Html::parse_document(&html);
        // The only way out: the clearly marked banner, to the live site.
        let banner_links: Vec<_> = doc.select(&banner).collect();
        assert_eq!(banner_links.len(), 1, "{rel}: one snapshot banner link");
        assert_eq!(banner_links[0].value().attr("href"), Some(BASE));
        for el in doc.select(&attrs) {
            if banner_links.iter().any(|b| b.id() == el.id()) {
                continue;
            }
            for name in ["href", "src", "srcset", "action", "poster", "data"] {
                let Some(value) = el.value().attr(name) else { continue };
                let urls: Vec<&str> =
                    if name == "srcset" { value.split(',').filter_map(|c| c.split_whitespace().next()).collect() } else { vec![value] };
                for url in urls {
                    checked += 1;
                    if url.starts_with("mailto:") || url.starts_with("tel:") {
                        continue;
                    }
                    if url.contains("://") || url.starts_with("//") {
                        // Another site (a department's own web site) is fine; the live site is not.
                        let live = url.starts_with(BASE) || url.starts_with(&BASE[6..]);
                        assert!(!live || url.starts_with(&snapshot_url), "{rel}: <{}> {name}={url} leads to the live site", el.value().name());
                        continue;
                    }
                    let target = resolve(&page, url).unwrap_or_else(|| panic!("{rel}: {name}={url}"));
                    assert!(exists(&target), "{rel}: {name}={url} resolves to {target}, not a file of the snapshot");
                }
            }
        }
        if let Some(c) = doc.select(&canonical).next() {
            let href = c.value().attr("href").unwrap();
            assert!(href.starts_with(&snapshot_url), "{rel}: canonical {href}");
        }
    }
    assert!(pages >= 10 && checked > 200, "{pages} pages, {checked} links checked");

    // The sitemap names the snapshot's own addresses, each a page of the snapshot.
    let sitemap = String::from_utf8(all["sitemap.xml"].clone()).unwrap();
    let locs: Vec<&str> = sitemap.split("<loc>").skip(1).map(|s| s.split("</loc>").next().unwrap()).collect();
    assert!(!locs.is_empty());
    for loc in locs {
        let rest = loc.strip_prefix(&snapshot_url).unwrap_or_else(|| panic!("sitemap: {loc} is not in the snapshot"));
        assert!(exists(&format!("{prefix}{rest}")), "sitemap: {loc}");
    }
    // No file names the live site's address, except the banner of each page: the feed, the
    // data files, robots.txt and the sitemap name the snapshot's own address.
    for (rel, bytes) in &all {
        let Ok(text) = std::str::from_utf8(bytes) else { continue };
        let live = text.match_indices(BASE).filter(|(i, _)| !text[i + BASE.len()..].starts_with("archive/2022/")).count();
        let allowed = usize::from(rel.ends_with(".html"));
        assert_eq!(live, allowed, "{rel} names the live site {live} times");
    }
    // CSS and scripts reference nothing outside the snapshot either.
    for (rel, bytes) in all.iter().filter(|(r, _)| r.ends_with(".css") || r.ends_with(".js")) {
        let s = String::from_utf8_lossy(bytes);
        assert!(!s.contains("http://") && !s.contains("https://"), "{rel} names an absolute URL");
    }
}

#[test]
fn a_snapshot_holds_no_archive_and_no_build_manifest() {
    let site = example();
    let root = site.path();
    archive(root, 2022);
    // Archiving another year while 2022 exists: 2022 is not inside 2021.
    archive(root, 2021);
    for year in ["2022", "2021"] {
        let all = files(&root.join("archive").join(year));
        let inside: Vec<_> = all.keys().filter(|k| k.starts_with("archive/") || k.starts_with(".jixiao")).collect();
        assert!(inside.is_empty(), "{year}: {inside:?}");
        let index = String::from_utf8(all["index.html"].clone()).unwrap();
        assert!(!index.contains("archive/\""), "{year}: the snapshot links to an archive index");
        let m = archive::Manifest::parse(&String::from_utf8(all[MANIFEST].clone()).unwrap()).unwrap();
        assert_eq!(m.files.len() + 1, all.len());
        assert_eq!(m.url, format!("{BASE}archive/{year}/"));
        assert_eq!(m.jixiao, env!("CARGO_PKG_VERSION"));
        assert_eq!(m.content, archive::content_digest(root).unwrap());
    }
    // No work folders are left behind.
    let names: Vec<String> =
        fs::read_dir(root.join("archive")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    // The live site lists both, newest first.
    build(root);
    let index = fs::read_to_string(root.join("public/archive/index.html")).unwrap();
    let doc = Html::parse_document(&index);
    let rows: Vec<String> =
        doc.select(&Selector::parse("tbody tr").unwrap()).map(|r| r.value().attr("id").unwrap().to_string()).collect();
    assert_eq!(rows, ["snapshot-2022", "snapshot-2021"]);
}

#[test]
fn a_year_without_published_reports_is_refused_and_nothing_is_written() {
    let site = example();
    let root = site.path();
    // 1999 has no report at all; 2023 only a draft (content/demo-qingshui-wenlv/2023.yaml).
    for year in ["1999", "2023"] {
        let o = jixiao(root, &["archive", year]);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        let out = text(&o);
        assert!(out.contains("E0707"), "{out}");
        assert!(out.contains(&format!("there is no report of {year} that is not a draft")), "{out}");
        assert!(out.contains("years with reports: 2020, 2021, 2022"), "{out}");
        assert!(o.stdout.is_empty(), "no digest is printed: {out}");
        assert!(!root.join("archive").exists(), "archive {year} wrote something");

        let o = Command::new(BIN).args(["--lang", "zh-CN", "archive", year, "--root"]).arg(root).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        let out = text(&o);
        assert!(out.contains(&format!("没有 {year} 年度的非草稿报告")) && out.contains("有报告的年度：2020、2021、2022"), "{out}");
    }
    // --force does not make an empty year acceptable.
    let o = jixiao(root, &["archive", "1999", "--force"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(!root.join("archive").exists());

    // A site whose only report is a draft names no years.
    for year in ["2020", "2021", "2022"] {
        fs::remove_file(root.join(format!("content/demo-qingshui-wenlv/{year}.yaml"))).unwrap();
    }
    fs::remove_dir_all(root.join("content/huangpu-zhengfawei")).unwrap();
    let o = jixiao(root, &["archive", "2023"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("and no report of any year"), "{}", text(&o));
    assert!(!root.join("archive").exists());
}

/// Serves `root` on 127.0.0.1 (any free port) from a background thread; returns the base URL.
fn serve(root: PathBuf) -> String {
    use std::io::{BufRead, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut reader = std::io::BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                    break;
                }
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").split(['?', '#']).next().unwrap().to_string();
            let mut file = root.join(path.trim_start_matches('/'));
            if file.is_dir() {
                file = file.join("index.html");
            }
            let ok = !path.contains("..") && file.is_file();
            let body = if ok { fs::read(&file).unwrap() } else { Vec::new() };
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("css") => "text/css",
                Some("js") => "text/javascript",
                Some("svg") => "image/svg+xml",
                Some("json") => "application/json",
                _ => "application/octet-stream",
            };
            let status = if ok { "200 OK" } else { "404 Not Found" };
            let _ = write!(stream, "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            let _ = stream.write_all(&body);
        }
    });
    base
}

/// The pages this feature adds or changes pass the Nu HTML Checker and axe-core (WCAG 2.x A and
/// AA, light and dark): a populated archive index, snapshot pages with their banner, a live
/// report page linking to its archived copy. (tests/validators.rs checks every page of the
/// example site, which has no snapshot.)
#[test]
fn archive_pages_are_valid_and_accessible() {
    let vnu = Path::new(REPO).join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        vnu.is_file() && Command::new("java").arg("-version").output().is_ok_and(|o| o.status.success()),
        "java or vnu.jar is missing: run `bash tests/install-deps.sh` (as root)"
    );
    let site = example();
    let root = site.path();
    archive(root, 2022);
    build(root);
    let pages = [
        "public/archive/index.html",
        "public/archive/2022/index.html",
        "public/archive/2022/huangpu-zhengfawei/2022/index.html",
        "public/huangpu-zhengfawei/2022/index.html",
    ];
    let o = Command::new("java")
        .arg("-jar")
        .arg(&vnu)
        .arg("--errors-only")
        .args(pages.iter().map(|p| root.join(p)))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));

    let browser = Path::new(REPO).join("tests/browser");
    assert!(
        Path::new("/usr/bin/chromium").is_file() && browser.join("node_modules/axe-core").is_dir(),
        "chromium or axe-core is missing: run `bash tests/install-deps.sh` (as root)"
    );
    let base = serve(root.join("public"));
    let urls: Vec<String> = pages.iter().map(|p| format!("/{}", p.trim_start_matches("public/").trim_end_matches("index.html"))).collect();
    let o = Command::new("node").arg(browser.join("axe.mjs")).arg(&base).args(&urls).output().expect("node runs");
    assert!(o.status.success(), "axe.mjs failed: {}", text(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("axe.mjs prints JSON");
    let checked = json["pages"].as_array().unwrap();
    assert_eq!(checked.len(), urls.len() * 2, "every page in light and dark");
    for page in checked {
        assert_eq!(page["status"], 200, "{}", page["path"]);
        let violations = page["violations"].as_array().unwrap();
        assert!(violations.is_empty(), "{} ({}): {}", page["path"], page["scheme"], serde_json::to_string_pretty(violations).unwrap());
    }
}
