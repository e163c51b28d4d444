//! The command line as users of Zola, Hugo and cargo expect it (issue 28, item 2): short flags,
//! `--base-url` for a staging server, `--quiet`, `--help` and clap's errors in the language of
//! the run, and diagnostics coloured on a terminal only (NO_COLOR and CLICOLOR_FORCE honoured).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{copy_dir, tree};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A copy of the minimal site (language zh-CN by default; `extra` appended to its site.yaml).
fn site(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("minimal"), dir.path());
    let yaml = dir.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, text + extra).unwrap();
    dir
}

/// The minimal site with a report whose `budget.executed` is `七千`.
fn broken_site() -> tempfile::TempDir {
    let dir = site("");
    std::fs::copy(fixtures().join("errors/wrong-type.yaml"), dir.path().join("content/civil-affairs/2022.yaml")).unwrap();
    dir
}

/// jixiao with `args`, run in `cwd`, without a locale or colour settings of the caller's, plus
/// `env`; stdout and stderr are pipes.
fn jixiao_in(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    cmd.current_dir(cwd).args(args);
    for k in ["LC_ALL", "LC_MESSAGES", "LANG", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "CI"] {
        cmd.env_remove(k);
    }
    cmd.envs(env.iter().copied());
    cmd.output().expect("jixiao runs")
}

/// [`jixiao_in`] an empty folder: no site decides the language.
fn jixiao(args: &[&str], env: &[(&str, &str)]) -> Output {
    let cwd = tempfile::tempdir().unwrap();
    jixiao_in(cwd.path(), args, env)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}


const STAGING: &str = "https://staging.example.org/jx/";

#[test]
fn build_short_flags_do_what_the_long_ones_do() {
    let site = site("");
    let root = site.path().to_str().unwrap();
    let long_out = site.path().join("long");
    let short_out = site.path().join("short");
    let long = jixiao(&["--lang", "en", "build", "--root", root, "--output", long_out.to_str().unwrap(), "--base-url", STAGING, "--verbose"], &[]);
    assert!(long.status.success(), "{}", text(&long.stderr));
    let short = jixiao(&["--lang", "en", "build", "-r", root, "-o", short_out.to_str().unwrap(), "-u", STAGING, "-v"], &[]);
    assert!(short.status.success(), "{}", text(&short.stderr));
    // -r, -o and -u: the same site in the folder named, with the address given.
    let (a, b) = (tree(&long_out), tree(&short_out));
    assert!(a.len() > 10, "{} files", a.len());
    assert!(a == b, "the short flags build the same files as the long ones");
    assert!(text(&b["sitemap.xml"]).contains(STAGING));
    // -v: each stage's time, as --verbose.
    for out in [&long, &short] {
        let err = text(&out.stderr);
        for stage in ["load", "render", "output"] {
            assert!(err.lines().any(|l| l.trim_start().starts_with(stage) && l.contains(" ms")), "{stage} time in:\n{err}");
        }
    }
    // -q: nothing at all on success, as --quiet.
    for flag in ["-q", "--quiet"] {
        let out = jixiao(&["--lang", "en", "build", flag, "-r", root, "-o", site.path().join(flag).to_str().unwrap()], &[]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!((text(&out.stdout), text(&out.stderr)), (String::new(), String::new()), "{flag} prints nothing");
        assert!(site.path().join(flag).join("index.html").is_file(), "{flag} still builds");
    }
}

#[test]
fn quiet_still_prints_an_error_and_fails() {
    let site = broken_site();
    let out = jixiao(&["--lang", "en", "build", "-q", "-r", site.path().to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("error[E0103]: content/civil-affairs/2022.yaml:7:13: budget.executed: must be a number"), "{err}");
    assert!(err.contains("build failed"), "{err}");
    // --quiet with --verbose makes no sense: clap says so.
    let out = jixiao(&["--lang", "en", "build", "-q", "-v"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("error: the argument '--quiet' cannot be used with '--verbose'"), "{}", text(&out.stderr));
}

#[test]
fn base_url_names_every_absolute_url() {
    let site = site("");
    let out = site.path().join("public");
    let run = jixiao(&["build", "-r", site.path().to_str().unwrap(), "--base-url", "https://staging.example.org/jx"], &[]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://staging.example.org/jx/civil-affairs/2022/</loc>"), "{sitemap}");
    assert!(!sitemap.contains("test.example.gov.cn"), "site.yaml's base_url is replaced:\n{sitemap}");
    let page = std::fs::read_to_string(out.join("civil-affairs/2022/index.html")).unwrap();
    assert!(page.contains(r#"<link rel="canonical" href="https://staging.example.org/jx/civil-affairs/2022/">"#), "canonical URL");
    assert!(!page.contains("test.example.gov.cn"), "no URL of site.yaml's base_url in the page");
    let feed = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    assert!(feed.contains("https://staging.example.org/jx/civil-affairs/2022/"), "{feed}");
    let data = std::fs::read_to_string(out.join("civil-affairs/2022/report.json")).unwrap();
    assert!(data.contains("https://staging.example.org/jx/civil-affairs/2022/"), "open data URLs: {data}");
    // Not one file names site.yaml's address.
    for (path, bytes) in tree(&out) {
        assert!(!text(&bytes).contains("test.example.gov.cn"), "{path} names site.yaml's base_url");
    }
    // Without it, site.yaml's.
    let run = jixiao(&["build", "-r", site.path().to_str().unwrap()], &[]);
    assert!(run.status.success());
    assert!(std::fs::read_to_string(out.join("sitemap.xml")).unwrap().contains("<loc>https://test.example.gov.cn/civil-affairs/2022/</loc>"));
    // Not an address: refused before anything is built, with the rule of site.yaml's base_url.
    let run = jixiao(&["--lang", "en", "build", "-r", site.path().to_str().unwrap(), "-u", "staging/jx"], &[]);
    assert_eq!(run.status.code(), Some(2));
    let err = text(&run.stderr);
    assert!(err.contains("invalid value 'staging/jx' for '--base-url <URL>': \"staging/jx\" is not an absolute web address"), "{err}");
}

/// A free port of this machine (bound and released: the server takes it right after).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[cfg(feature = "serve")]
#[test]
fn serve_short_flags() {
    let site = site("");
    let out = site.path().join("preview");
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["--lang", "en", "serve", "-r", site.path().to_str().unwrap(), "-o", out.to_str().unwrap(), "-p", &port.to_string(), "-u", STAGING])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let rx = common::stderr_lines(&mut child);
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut said = String::new();
    let url = loop {
        let left = deadline.checked_duration_since(Instant::now()).unwrap_or_default();
        let Ok(line) = rx.recv_timeout(left) else {
            let _ = child.kill();
            panic!("serve printed no URL:\n{said}");
        };
        said.push_str(&line);
        said.push('\n');
        if let Some(url) = line.split(" at ").nth(1) {
            break url.split(' ').next().unwrap().to_string();
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    // -p: the port asked for; -o: the folder named; -r: the site named; -u: its address.
    assert_eq!(url, format!("http://127.0.0.1:{port}/"), "{said}");
    assert!(said.contains(&format!("serving {}", out.display())), "{said}");
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains(&format!("<loc>{STAGING}civil-affairs/2022/</loc>")), "{sitemap}");
}

#[test]
fn help_in_chinese_and_english_by_lang_and_by_site() {
    let help = |out: Output| {
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let en = help(jixiao(&["--lang", "en", "build", "--help"], &[]));
    for s in ["Usage: jixiao build [OPTIONS]", "Options:", "-r, --root <DIR>", "-o, --output <DIR>", "-u, --base-url <URL>", "-q, --quiet", "-v, --verbose", "[default: .]", "Print help", "Examples:", "jixiao build -q"] {
        assert!(en.contains(s), "{s} in\n{en}");
    }
    assert!(!has_cjk(&en.replace("绩效", "")), "{en}");
    let zh = help(jixiao(&["--lang", "zh-CN", "build", "--help"], &[]));
    for s in ["用法: jixiao build [选项]", "选项:", "-r, --root <DIR>", "网站文件夹，包含 content/ 和 themes/。 [默认：.]", "显示帮助", "示例：", "jixiao build -q"] {
        assert!(zh.contains(s), "{s} in\n{zh}");
    }
    for s in ["Usage", "Options", "Print help", "Examples", "[default"] {
        assert!(!zh.contains(s), "{s} in\n{zh}");
    }
    // The top-level help too: commands and their descriptions, the `help` command.
    let zh = help(jixiao(&["--lang", "zh-CN", "--help"], &[]));
    assert!(zh.contains("命令:") && zh.contains("build    用 content/ 和 themes/ 构建网站") && zh.contains("-V, --version          显示版本号"), "{zh}");
    // Positional arguments under their heading, before the options, as clap lays them out.
    let zh = help(jixiao(&["--lang", "zh-CN", "new", "--help"], &[]));
    let (arguments, options) = (zh.find("参数:\n  <DEPARTMENT>  部门 id").expect(&zh), zh.find("选项:\n").expect(&zh));
    assert!(arguments < options, "{zh}");
    let zh = help(jixiao(&["--lang", "zh-CN", "help", "serve"], &[]));
    assert!(zh.contains("--poll") && zh.contains("定期查看文件"), "{zh}");

    // Without --lang, the site's language decides: the site in the working folder or --root,
    // in an English locale as in none.
    let chinese = site("");
    let english = site("language: en\n");
    for env in [&[][..], &[("LANG", "C.UTF-8")][..]] {
        let out = help(jixiao_in(chinese.path(), &["build", "--help"], env));
        assert!(out.contains("用法: jixiao build [选项]"), "{out}");
        let out = help(jixiao_in(english.path(), &["build", "--help"], env));
        assert!(out.contains("Usage: jixiao build [OPTIONS]"), "{out}");
        let out = help(jixiao(&["build", "-r", chinese.path().to_str().unwrap(), "--help"], env));
        assert!(out.contains("用法: jixiao build [选项]"), "{out}");
    }
    // No site: the locale.
    assert!(help(jixiao(&["--help"], &[("LANG", "zh_CN.UTF-8")])).contains("用法: jixiao [选项] <命令>"));
    assert!(help(jixiao(&["--help"], &[])).contains("Usage: jixiao [OPTIONS] <COMMAND>"));
}

#[test]
fn clap_errors_in_chinese_and_english() {
    let out = jixiao(&["--lang", "zh-CN", "build", "--roo", "x"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.starts_with("错误：无法识别的参数 '--roo'\n  提示：有相似的参数：'--root'\n"), "{err}");
    assert!(err.contains("用法：jixiao build [选项]") && err.contains("更多信息请运行 '--help'。"), "{err}");
    let out = jixiao(&["--lang", "en", "build", "--roo", "x"], &[]);
    let err = text(&out.stderr);
    assert!(err.starts_with("error: unexpected argument '--roo' found\n  tip: a similar argument exists: '--root'\n"), "{err}");
    assert!(err.contains("Usage: jixiao build [OPTIONS]") && err.contains("For more information, try '--help'."), "{err}");

    // A missing value, a value that is no number, a choice not offered, a missing argument.
    let zh = |args: &[&str]| {
        let out = jixiao(&[&["--lang", "zh-CN"], args].concat(), &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        text(&out.stderr)
    };
    assert!(zh(&["build", "-o"]).starts_with("错误：'--output <DIR>' 需要一个值，但没有给出"));
    assert!(zh(&["new", "x", "二〇二三"]).starts_with("错误：'<YEAR>' 的值 '二〇二三' 无效：不是整数：请只写数字"));
    let err = zh(&["check", "--format", "xml"]);
    assert!(err.starts_with("错误：'--format <FORMAT>' 的值 'xml' 无效\n  [可选值：human, json]"), "{err}");
    let err = zh(&["new"]);
    assert!(err.starts_with("错误：缺少以下必需的参数：\n    <DEPARTMENT>\n    <YEAR>"), "{err}");
    let err = zh(&["biuld"]);
    assert!(err.starts_with("错误：无法识别的子命令 'biuld'\n  提示：有相似的子命令："), "{err}");
    // The site's language decides the errors as it decides the help.
    let chinese = site("");
    let err = text(&jixiao_in(chinese.path(), &["build", "--nope"], &[]).stderr);
    assert!(err.starts_with("错误：无法识别的参数 '--nope'"), "{err}");
}

/// Runs `args` with stderr on a pseudo-terminal (`script` from util-linux); what the terminal
/// showed.
fn on_a_terminal(args: &[&str], env: &[(&str, &str)]) -> String {
    let line = std::iter::once(env!("CARGO_BIN_EXE_jixiao")).chain(args.iter().copied()).map(|a| format!("'{a}'")).collect::<Vec<_>>().join(" ");
    let mut cmd = Command::new("script");
    cmd.args(["-q", "-e", "-c", &line, "/dev/null"]).env("TERM", "xterm-256color");
    for k in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "CI"] {
        cmd.env_remove(k);
    }
    cmd.envs(env.iter().copied());
    let out = cmd.output().expect("`script` (util-linux) runs: the colour tests need a pseudo-terminal");
    text(&out.stdout)
}

const RED_ERROR: &str = "\u{1b}[1m\u{1b}[31merror\u{1b}[0m\u{1b}[1m[E0103]\u{1b}[0m: \u{1b}[1mcontent/civil-affairs/2022.yaml:7:13\u{1b}[0m";

#[test]
fn diagnostics_are_coloured_on_a_terminal_only() {
    let site = broken_site();
    let args = ["--lang", "en", "check", "-r", site.path().to_str().unwrap()];
    // A terminal: the label red, code and position bold.
    let tty = on_a_terminal(&args, &[]);
    assert!(tty.contains(RED_ERROR), "{tty:?}");
    // NO_COLOR, even on a terminal: plain.
    let plain = on_a_terminal(&args, &[("NO_COLOR", "1")]);
    assert!(plain.contains("error[E0103]: content/civil-affairs/2022.yaml:7:13") && !plain.contains('\u{1b}'), "{plain:?}");
    // A pipe: plain; CLICOLOR_FORCE: coloured all the same.
    let piped = text(&jixiao(&args, &[]).stderr);
    assert!(piped.contains("error[E0103]: content/civil-affairs/2022.yaml:7:13") && !piped.contains('\u{1b}'), "{piped:?}");
    let forced = text(&jixiao(&args, &[("CLICOLOR_FORCE", "1")]).stderr);
    assert!(forced.contains(RED_ERROR), "{forced:?}");
    // NO_COLOR wins over CLICOLOR_FORCE, as in clap.
    let both = text(&jixiao(&args, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).stderr);
    assert!(!both.contains('\u{1b}'), "{both:?}");

    // The build's diagnostics and clap's errors follow the same rules.
    let build = on_a_terminal(&["--lang", "en", "build", "-r", site.path().to_str().unwrap()], &[("CI", "1")]);
    assert!(build.contains(RED_ERROR), "{build:?}");
    let clap = on_a_terminal(&["--lang", "zh-CN", "build", "--nope"], &[]);
    assert!(clap.contains("\u{1b}[1m\u{1b}[31m错误\u{1b}[0m：无法识别的参数 '--nope'"), "{clap:?}");
    let clap = text(&jixiao(&["--lang", "zh-CN", "build", "--nope"], &[]).stderr);
    assert!(clap.starts_with("错误：无法识别的参数 '--nope'"), "{clap:?}");
}
