//! Themes an office makes its own (issue 10): single-file overrides in `templates/` and
//! `static/` at the site root, English and Chinese UI strings, template errors that name the
//! file and line and leave the previous output alone, and the `examples/branded-site` example.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod common;
use common::copy_dir;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}


/// A copy of the example site's content in a fresh root (no `themes/`: the embedded default).
fn site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("content"), &tmp.path().join("content"));
    tmp
}

fn build(root: &Path, out: &Path) -> Result<jixiao::BuildSummary, String> {
    let mut options = jixiao::BuildOptions::new(root);
    options.output = out.to_path_buf();
    jixiao::build(&options).map_err(|d| d.to_string())
}

fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

fn html_pages(dir: &Path) -> BTreeMap<PathBuf, String> {
    files(dir)
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html") && !p.starts_with("archive"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// The page with its `<footer …>…</footer>` cut out, and the footer.
fn split_footer(html: &str) -> (String, String) {
    let start = html.find("<footer class=\"site-footer").expect("every page has the site footer");
    let end = html[start..].find("</footer>").unwrap() + start + "</footer>".len();
    (format!("{}{}", &html[..start], &html[end..]), html[start..end].to_string())
}

#[test]
fn an_override_of_one_partial_changes_only_that_part_and_removing_it_restores_the_theme() {
    let tmp = site();
    let root = tmp.path();
    let out = tmp.path().join("public");
    build(root, &out).unwrap();
    let before = html_pages(&out);
    assert!(before.len() >= 15, "{} pages", before.len());

    let partial = root.join("templates/partials/footer.html");
    std::fs::create_dir_all(partial.parent().unwrap()).unwrap();
    std::fs::write(&partial, "<footer class=\"site-footer\"><p>主办单位：测试局 OVERRIDE-MARK</p></footer>").unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/sort.js"), "/* site's own sort.js */\n").unwrap();
    std::fs::write(root.join("static/emblem.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    build(root, &out).unwrap();
    let after = html_pages(&out);
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>());
    for (path, html) in &after {
        let (rest, footer) = split_footer(html);
        let (rest_before, footer_before) = split_footer(&before[path]);
        assert!(footer.contains("OVERRIDE-MARK"), "{}: {footer}", path.display());
        assert!(!footer_before.contains("OVERRIDE-MARK"));
        // The site's sort.js has its own content hash in the page's URL of it (docs/themes.md).
        let sort_js = |h: &str| format!("assets/sort.js?h={}", &jixiao::digest::sha256_hex(h.as_bytes())[..10]);
        assert!(rest.contains(&sort_js("/* site's own sort.js */\n")), "{}: the new sort.js hash", path.display());
        let theme_sort = std::fs::read_to_string(repo().join("themes/default/static/sort.js")).unwrap();
        let rest_before = rest_before.replace(&sort_js(&theme_sort), &sort_js("/* site's own sort.js */\n"));
        assert_eq!(rest, rest_before, "{}: only the footer and the sort.js hash change", path.display());
    }
    assert_eq!(std::fs::read_to_string(out.join("assets/sort.js")).unwrap(), "/* site's own sort.js */\n", "a static file is replaced");
    assert!(out.join("assets/emblem.svg").is_file(), "a new static file is added");
    assert!(out.join("assets/style.css").is_file(), "other theme files stay");

    std::fs::remove_dir_all(root.join("templates")).unwrap();
    std::fs::remove_dir_all(root.join("static")).unwrap();
    build(root, &out).unwrap();
    assert_eq!(html_pages(&out), before, "removing the override restores the theme");
    assert_ne!(std::fs::read_to_string(out.join("assets/sort.js")).unwrap(), "/* site's own sort.js */\n");
}

/// Runs the jixiao binary; its exit code and stderr.
fn run_build(root: &Path, out: &Path) -> (i32, String) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["--lang", "en", "build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stderr).into_owned())
}

#[test]
fn broken_overrides_give_file_line_and_column_exit_1_and_leave_the_previous_output() {
    let tmp = site();
    let root = tmp.path();
    let out = tmp.path().join("public");
    build(root, &out).unwrap();
    let good = files(&out);
    let partial = root.join("templates/partials/footer.html");
    std::fs::create_dir_all(partial.parent().unwrap()).unwrap();
    let cases = [
        // Syntax error: an unclosed tag on line 3.
        ("<footer class=\"site-footer\">\n<p>ok</p>\n<p>{% if site.publisher %}{{ site.publisher }}</p>\n</footer>", "templates/partials/footer.html:4:10: Unexpected end of input"),
        // Unknown variable on line 2, column 5.
        ("<footer class=\"site-footer\">\n<p>{{ site.no_such_setting.name }}</p>\n</footer>", "templates/partials/footer.html:2:12: Field `no_such_setting` is not defined"),
        // Missing partial.
        ("<footer class=\"site-footer\">{% include \"partials/no-such.html\" %}</footer>", "templates/partials/footer.html:1:40: Unknown template `partials/no-such.html`"),
    ];
    for (source, expected) in cases {
        std::fs::write(&partial, source).unwrap();
        let (code, stderr) = run_build(root, &out);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains(expected), "expected `{expected}` in:\n{stderr}");
        assert!(!stderr.contains("themes/default/templates/partials/footer.html"), "names the site's copy, not the theme's:\n{stderr}");
        assert_eq!(files(&out), good, "the previous output is untouched");
    }
    // Fixing the override builds again.
    std::fs::remove_file(&partial).unwrap();
    assert_eq!(run_build(root, &out).0, 0);
}

fn keys(file: &str) -> BTreeSet<String> {
    fn walk(prefix: &str, v: &serde_yaml::Value, out: &mut BTreeSet<String>) {
        match v {
            serde_yaml::Value::Mapping(m) => {
                for (k, v) in m {
                    let k = k.as_str().unwrap();
                    walk(&if prefix.is_empty() { k.to_string() } else { format!("{prefix}.{k}") }, v, out);
                }
            }
            _ => {
                out.insert(prefix.to_string());
            }
        }
    }
    let text = std::fs::read_to_string(repo().join("themes/default/i18n").join(file)).unwrap();
    let mut out = BTreeSet::new();
    walk("", &serde_yaml::from_str(&text).unwrap(), &mut out);
    out
}

fn strings(file: &str) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(repo().join("themes/default/i18n").join(file)).unwrap();
    let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let mut out = BTreeMap::new();
    fn walk(prefix: &str, v: &serde_yaml::Value, out: &mut BTreeMap<String, String>) {
        match v {
            serde_yaml::Value::Mapping(m) => {
                for (k, v) in m {
                    let k = k.as_str().unwrap();
                    walk(&if prefix.is_empty() { k.to_string() } else { format!("{prefix}.{k}") }, v, out);
                }
            }
            serde_yaml::Value::String(s) => {
                out.insert(prefix.to_string(), s.clone());
            }
            other => {
                out.insert(prefix.to_string(), format!("{other:?}"));
            }
        }
    }
    walk("", &value, &mut out);
    out
}

#[test]
fn zh_cn_and_en_have_the_same_keys() {
    let zh = keys("zh-CN.yaml");
    let en = keys("en.yaml");
    assert!(zh.len() > 250, "{}", zh.len());
    assert_eq!(zh.difference(&en).collect::<Vec<_>>(), Vec::<&String>::new(), "keys missing from en.yaml");
    assert_eq!(en.difference(&zh).collect::<Vec<_>>(), Vec::<&String>::new(), "keys missing from zh-CN.yaml");
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c))
}

/// Sets `language:` in the copy's site.yaml.
fn set_language(root: &Path, language: &str) {
    let path = root.join("content/site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text: String = text.lines().map(|l| if l.starts_with("language:") { format!("language: {language}") } else { l.to_string() }).collect::<Vec<_>>().join("\n");
    std::fs::write(&path, text + "\n").unwrap();
}

/// Every text of the content (YAML and Markdown) concatenated: a UI string found in a page is
/// only untranslated when the content does not hold it too.
fn content_text(root: &Path) -> String {
    let mut all = String::new();
    for e in walkdir::WalkDir::new(root.join("content")).into_iter().map(Result::unwrap).filter(|e| e.file_type().is_file()) {
        all.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
    }
    all
}

#[test]
fn english_and_chinese_builds_have_no_ui_string_of_the_other_language() {
    let zh = strings("zh-CN.yaml");
    let en = strings("en.yaml");
    let tmp = site();
    let root = tmp.path();
    let content = content_text(root);

    set_language(root, "en");
    let out_en = root.join("public-en");
    build(root, &out_en).unwrap();
    let pages = html_pages(&out_en);
    let mut untranslated = BTreeSet::new();
    for (path, html) in &pages {
        assert!(html.contains("<html lang=\"en\""), "{}", path.display());
        for (key, text) in &zh {
            // Only strings that are Chinese, long enough to be telling, and not also content.
            let probe = text.split(['{', '}']).max_by_key(|p| p.chars().count()).unwrap_or("").trim();
            if has_cjk(probe) && probe.chars().count() >= 3 && !content.contains(probe) && html.contains(probe) {
                untranslated.insert(format!("{key} ({probe}) in {}", path.display()));
            }
        }
        // Dates are written the English way.
        let report = pages.get(Path::new("huangpu-zhengfawei/2022/index.html")).unwrap();
        assert!(!regex_like_zh_date(report), "dates follow the language");
    }
    assert!(untranslated.is_empty(), "Chinese UI strings in the English build:\n{}", untranslated.into_iter().take(30).collect::<Vec<_>>().join("\n"));
    let home = &pages[Path::new("index.html")];
    assert!(home.contains(&en["site.skip_link"]) && home.contains(&en["nav.home"]));

    set_language(root, "zh-CN");
    let out_zh = root.join("public-zh");
    build(root, &out_zh).unwrap();
    let mut english = BTreeSet::new();
    for (path, html) in html_pages(&out_zh) {
        for (key, text) in &en {
            let probe = text.split(['{', '}']).max_by_key(|p| p.len()).unwrap_or("").trim();
            // English UI strings of three words or more, not also in the content.
            if probe.split_whitespace().count() >= 3 && !content.contains(probe) && html.contains(probe) {
                english.insert(format!("{key} ({probe}) in {}", path.display()));
            }
        }
    }
    assert!(english.is_empty(), "English UI strings in the Chinese build:\n{}", english.into_iter().take(30).collect::<Vec<_>>().join("\n"));
}

/// Whether `html` shows a date such as 2023年5月10日 outside the content's own text.
fn regex_like_zh_date(html: &str) -> bool {
    html.split("<time").skip(1).any(|t| t.split("</time>").next().is_some_and(|inner| inner.contains('年') && inner.contains('日')))
}

#[test]
fn a_missing_ui_string_fails_the_build_naming_the_key() {
    let tmp = site();
    let root = tmp.path();
    let partial = root.join("templates/partials/footer.html");
    std::fs::create_dir_all(partial.parent().unwrap()).unwrap();
    std::fs::write(&partial, "<footer class=\"site-footer\">\n<p>{{ i18n.footer.no_such_key }}</p>\n</footer>").unwrap();
    let err = build(root, &root.join("public")).unwrap_err();
    assert!(err.contains("footer.no_such_key"), "{err}");
    assert!(err.contains("templates/partials/footer.html:2:"), "{err}");
    assert!(err.contains("i18n/zh-CN.yaml"), "{err}");
}

#[test]
fn the_branded_example_builds_with_its_overrides() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let root = repo().join("examples/branded-site");
    build(&root, &out).unwrap();
    let pages = html_pages(&out);
    assert!(pages.len() > 5);
    for (path, html) in &pages {
        let (_, footer) = split_footer(html);
        assert!(footer.contains("主办单位：示例区财政局"), "{}", path.display());
        assert!(footer.contains("assets/emblem.svg"), "{}", path.display());
    }
    assert!(out.join("assets/emblem.svg").is_file());
    assert!(out.join("pages/contact/index.html").is_file(), "the page the example adds");
}

fn append_branding(root: &Path, yaml: &str) {
    let path = root.join("content/site.yaml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(yaml);
    std::fs::write(&path, text).unwrap();
}

#[test]
fn branding_reaches_every_page_through_the_default_theme() {
    let tmp = site();
    let root = tmp.path();
    append_branding(
        root,
        "\nbranding:\n  short_name: 黄埔绩效\n  colors:\n    primary: \"#8b1a1a\"\n  footer:\n    host: 黄埔区财政局\n    icp: 粤ICP备00000000号\n  nav:\n    - title: 区政府门户\n      url: \"https://www.example.gov.cn/\"\n",
    );
    let out = root.join("public");
    build(root, &out).unwrap();
    for (path, html) in html_pages(&out) {
        let (_, footer) = split_footer(&html);
        assert!(footer.contains("主办单位：黄埔区财政局"), "{}", path.display());
        assert!(footer.contains("<a href=\"https://beian.miit.gov.cn/\">粤ICP备00000000号</a>"), "{}", path.display());
        assert!(html.contains("<style>:root{--brand:#8b1a1a;}</style>"), "{}", path.display());
        assert!(html.contains(">黄埔绩效</a></p>"), "{}", path.display());
        assert!(html.contains("<a href=\"https://www.example.gov.cn/\">区政府门户</a>"), "{}", path.display());
    }
}

#[test]
fn invalid_branding_gets_located_errors() {
    let tmp = site();
    let root = tmp.path();
    let lines_before = std::fs::read_to_string(root.join("content/site.yaml")).unwrap().lines().count();
    append_branding(root, "\nbranding:\n  colors:\n    primary: \"#ffcc00\"\n    link: blue\n  nav:\n    - title: x\n      url: \"javascript:alert(1)\"\n  logo: missing.svg\n");
    let err = build(root, &root.join("public")).unwrap_err();
    let at = |n: usize| format!("content/site.yaml:{}:", lines_before + n);
    assert!(err.contains(&at(4)) && err.contains("contrast"), "too light a header colour, on its line:\n{err}");
    assert!(err.contains(&at(5)) && err.contains("#rrggbb"), "{err}");
    assert!(err.contains(&at(8)) && err.contains("javascript:alert(1)"), "{err}");
    // Also unknown keys, by the loader's own rule.
    let tmp = site();
    append_branding(tmp.path(), "\nbranding:\n  colour: red\n");
    let err = build(tmp.path(), &tmp.path().join("public")).unwrap_err();
    assert!(err.contains("colour"), "{err}");
}

#[test]
fn a_logo_that_is_not_a_static_file_fails_naming_the_setting() {
    let tmp = site();
    append_branding(tmp.path(), "\nbranding:\n  logo: emblem.svg\n");
    let err = build(tmp.path(), &tmp.path().join("public")).unwrap_err();
    assert!(err.contains("branding.logo") && err.contains("static/emblem.svg"), "{err}");
    std::fs::create_dir_all(tmp.path().join("static")).unwrap();
    std::fs::write(tmp.path().join("static/emblem.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    build(tmp.path(), &tmp.path().join("public")).unwrap();
}

/// The Nu HTML Checker (as tests/validators.rs runs it) on every page of `dir`: the messages.
fn vnu_errors(dir: &Path) -> Vec<String> {
    let jar = repo().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(jar.is_file(), "vnu.jar is missing: run `bash tests/install-deps.sh`");
    let files: Vec<PathBuf> = html_pages(dir).into_keys().map(|p| dir.join(p)).collect();
    let output = std::process::Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--format", "json"])
        .args(&files)
        .output()
        .expect("java runs (bash tests/install-deps.sh)");
    let json: serde_json::Value = serde_json::from_str(String::from_utf8_lossy(&output.stderr).trim()).expect("vnu JSON");
    json["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["type"] != "info")
        .map(|m| format!("{}:{}: {}", m["url"], m["lastLine"], m["message"]))
        .collect()
}

#[test]
fn the_branded_example_and_an_english_build_pass_the_html_checker() {
    let tmp = tempfile::tempdir().unwrap();
    let branded = tmp.path().join("branded");
    build(&repo().join("examples/branded-site"), &branded).unwrap();
    let errors = vnu_errors(&branded);
    assert!(errors.is_empty(), "branded site:\n{}", errors.join("\n"));

    let site = site();
    set_language(site.path(), "en");
    let english = site.path().join("public");
    build(site.path(), &english).unwrap();
    let errors = vnu_errors(&english);
    assert!(errors.is_empty(), "English build:\n{}", errors.join("\n"));
}
