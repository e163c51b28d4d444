//! `jixiao serve`: build, serve the output locally, rebuild incrementally on every change and
//! reload the open pages.

use jixiao::messages::serve as msg;
use jixiao::messages::{Lang, Text};
use jixiao::serve::{LiveEvent, OverlayError, ServeConfig, Server};
use jixiao::watch::{Outcome, Preview, WatchMode, Watcher};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The arguments of `jixiao serve`; what each means (for `--help`) is in
/// `jixiao::messages::COMMAND_HELP`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(short, long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    #[arg(short, long, value_name = "N", default_value_t = jixiao::serve::DEFAULT_PORT, value_parser = super::help::whole_number)]
    port: u16,
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1", value_parser = super::help::ip_address)]
    bind: IpAddr,
    #[arg(long)]
    open: bool,
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    #[arg(short = 'u', long, value_name = "URL", value_parser = super::help::parse_base_url)]
    base_url: Option<String>,
    #[arg(long)]
    drafts: bool,
    #[arg(long)]
    poll: bool,
    #[arg(long, value_name = "MS", default_value_t = DEFAULT_POLL_MS, requires = "poll", value_parser = |s: &str| super::help::parse_millis(s, 10))]
    poll_interval: u64,
}

/// `--poll-interval` when not given: a saved file shows within a second, and looking at a site's
/// few thousand files twice a second costs little even over a network.
const DEFAULT_POLL_MS: u64 = 500;

fn report(out: &Outcome, what: &str, lang: Lang) {
    if !out.errors.is_empty() {
        out.errors.eprint(lang);
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
        jixiao::diagnostics::Diagnostics::from(d).eprint(lang);
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
    let mut preview = Preview::new(&args.root, &output, args.drafts).with_language(lang).with_base_url(args.base_url);
    let first = preview.full();
    if !first.warnings.is_empty() {
        first.warnings.eprint(lang);
    }
    report(&first, "build", lang);
    if std::fs::create_dir_all(&output).is_err() {
        jixiao::diagnostics::eprint_cli_error(&msg::cannot_create_output(&output.display().to_string()), lang);
        return ExitCode::FAILURE;
    }

    let config = ServeConfig { bind: args.bind, port: args.port, ..ServeConfig::new(&output) };
    let server = match Server::start(&config) {
        Ok(s) => s,
        Err(e) => {
            jixiao::diagnostics::eprint_cli_error(&Text::by_lang(|l| e.text(l)), lang);
            cleanup();
            return ExitCode::FAILURE;
        }
    };
    if !first.errors.is_empty() {
        server.notify(&LiveEvent::Errors(overlay(&first, lang)));
    }
    let mode = if args.poll { WatchMode::Poll(Duration::from_millis(args.poll_interval)) } else { WatchMode::Native };
    let mut watcher = match Watcher::with_mode(&args.root, &output, mode) {
        Ok(w) => w,
        Err(e) => {
            jixiao::diagnostics::eprint_cli_error(&watch_failed(&args.root.display().to_string(), &e, mode), lang);
            server.stop();
            cleanup();
            return ExitCode::FAILURE;
        }
    };
    let url = server.url();
    let root = args.root.display().to_string();
    eprintln!("{}", msg::serving(&output.display().to_string(), &url).get(lang));
    match mode {
        WatchMode::Native => eprintln!("{}", msg::watching(&root).get(lang)),
        WatchMode::Poll(_) => eprintln!("{}", jixiao::messages::watching_by_polling(&root, args.poll_interval).get(lang)),
    }
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

/// Why the site cannot be watched; when the system's notifications failed (an inotify limit
/// reached, say), with the hint that `--poll` needs none.
fn watch_failed(root: &str, e: &str, mode: WatchMode) -> Text {
    let mut text = msg::cannot_watch(root, e);
    if mode == WatchMode::Native {
        text.push(&jixiao::messages::LIST_SEPARATOR.into());
        text.push(&jixiao::messages::WATCH_POLL_HINT.into());
    }
    text
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_native_watcher_that_fails_hints_at_poll() {
        let native = watch_failed("site", "No space left on device (os error 28)", WatchMode::Native);
        assert!(native.en.contains("cannot watch site: No space left on device") && native.en.contains("jixiao serve --poll"), "{}", native.en);
        assert!(native.zh.contains("无法监视 site") && native.zh.contains("jixiao serve --poll"), "{}", native.zh);
        let polling = watch_failed("site", "x", WatchMode::Poll(Duration::from_millis(500)));
        assert!(!polling.en.contains("--poll") && !polling.zh.contains("--poll"), "{polling:?}");
    }
}
