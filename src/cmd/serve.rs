//! `jixiao serve`: build, serve the output locally, rebuild incrementally on every change and
//! reload the open pages.

use jixiao::messages::serve as msg;
use jixiao::messages::{Lang, Text};
use jixiao::serve::{LiveEvent, OverlayError, ServeConfig, Server};
use jixiao::watch::{Outcome, Preview, Watcher};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Examples shown by `jixiao serve --help`.
pub(crate) const EXAMPLES: &str = "\
Examples:
  jixiao serve                          preview ./ at http://127.0.0.1:8040/
  jixiao serve --port 0 --open          pick a free port and open the browser
  jixiao serve --root site --drafts     preview another folder, drafts included
  jixiao serve --bind 0.0.0.0           let other machines of the network see it";

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Site folder holding content/ and themes/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = jixiao::serve::DEFAULT_PORT)]
    port: u16,
    /// Address to listen on (127.0.0.1: this machine only).
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// Preview output folder [default: a new temporary folder, removed on exit].
    #[arg(long)]
    output: Option<PathBuf>,
    /// Also build draft reports and pages, marked with a draft banner.
    #[arg(long)]
    drafts: bool,
}

fn report(out: &Outcome, what: &str, lang: Lang) {
    if !out.errors.is_empty() {
        eprint!("{}", out.errors.render(lang));
        eprintln!("{}", msg::failed(what).get(lang));
    } else if out.committed {
        let stages: Vec<String> = out.stages.iter().map(|(s, d)| format!("{s} {:.0}", d.as_secs_f64() * 1000.0)).collect();
        let ms = out.elapsed.as_secs_f64() * 1000.0;
        eprintln!("{}", msg::rebuilt(what, out.rendered, out.kept, out.written, out.removed, ms, &stages.join(", ")).get(lang));
    }
}

fn overlay(out: &Outcome, lang: Lang) -> Vec<OverlayError> {
    out.errors.0.iter().map(|d| OverlayError::from_diagnostic(d, lang)).collect()
}

pub(crate) fn run(args: Args, language: super::Language) -> ExitCode {
    let lang = language.for_site(&args.root);
    // As `build`: never into the site's own sources, which the watcher would see change.
    if let Some(o) = &args.output
        && let Err(d) = jixiao::output::check_output_folder(&args.root, o)
    {
        eprint!("{}", jixiao::diagnostics::Diagnostics::from(d).render(lang));
        return ExitCode::FAILURE;
    }
    let (output, temporary) = match args.output {
        Some(o) => (o, false),
        None => (std::env::temp_dir().join(format!("jixiao-serve-{}", std::process::id())), true),
    };
    let cleanup = || {
        if temporary {
            let _ = std::fs::remove_dir_all(&output);
        }
    };
    let mut preview = Preview::new(&args.root, &output, args.drafts).with_language(lang);
    let first = preview.full();
    if !first.warnings.is_empty() {
        eprint!("{}", first.warnings.render(lang));
    }
    report(&first, "build", lang);
    if std::fs::create_dir_all(&output).is_err() {
        eprintln!("{}", jixiao::messages::cli_error(&msg::cannot_create_output(&output.display().to_string())).get(lang));
        return ExitCode::FAILURE;
    }

    let config = ServeConfig { bind: args.bind, port: args.port, ..ServeConfig::new(&output) };
    let server = match Server::start(&config) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}", jixiao::messages::cli_error(&Text::by_lang(|l| e.text(l))).get(lang));
            cleanup();
            return ExitCode::FAILURE;
        }
    };
    if !first.errors.is_empty() {
        server.notify(&LiveEvent::Errors(overlay(&first, lang)));
    }
    let mut watcher = match Watcher::new(&args.root, &output) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{}", jixiao::messages::cli_error(&msg::cannot_watch(&args.root.display().to_string(), &e)).get(lang));
            server.stop();
            cleanup();
            return ExitCode::FAILURE;
        }
    };
    let url = server.url();
    eprintln!("{}", msg::serving(&output.display().to_string(), &url).get(lang));
    eprintln!("{}", msg::watching(&args.root.display().to_string()).get(lang));
    if args.open {
        open_browser(&url);
    }

    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
    }
    let mut had_errors = !first.errors.is_empty();
    let mut last_change = Instant::now();
    while !stop.load(Ordering::SeqCst) {
        let Some(batch) = watcher.next_batch(Duration::from_millis(200), Duration::from_millis(20)) else {
            if preview.search_stale() && last_change.elapsed() >= SEARCH_IDLE {
                update_search(&mut preview, &mut watcher, lang);
            }
            continue;
        };
        last_change = Instant::now();
        let out = preview.apply_pages(&batch);
        report(&out, "rebuild", lang);
        if !out.errors.is_empty() {
            server.notify(&LiveEvent::Errors(overlay(&out, lang)));
            had_errors = true;
        } else if out.committed || had_errors {
            server.notify(if out.css_only && !had_errors { &LiveEvent::Css } else { &LiveEvent::Reload });
            had_errors = false;
        }
    }
    eprintln!("{}", msg::STOPPING.get(lang));
    server.stop();
    drop(watcher);
    cleanup();
    ExitCode::SUCCESS
}

/// How long edits must pause before the search index is rebuilt: it takes seconds on a big
/// site, pages a save changed must not wait for it.
const SEARCH_IDLE: Duration = Duration::from_millis(1500);

/// Brings the search index up to date, giving way to the next change as soon as one comes.
fn update_search(preview: &mut Preview, watcher: &mut Watcher, lang: Lang) {
    if let Some(out) = preview.update_search(&mut || watcher.has_pending()) {
        report(&out, "search index", lang);
    }
}

/// Opens `url` in the default browser, quietly doing nothing when there is none.
fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let _ = cmd.arg(url).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn();
}
