//! `jixiao serve`: serves the site from its persistent preview folder — at once when an earlier
//! run left one there, catching up with what changed since in the background — rebuilds
//! incrementally on every change, reloads the open pages, and stops at once on Ctrl-C.
//!
//! Two threads. The main one owns the web server and waits for events: Ctrl-C, a rebuild done.
//! The builder owns the watcher and the rebuild engine ([`Preview`]) and tells the main thread
//! what each rebuild did. Ctrl-C ends the process without waiting for a rebuild in progress:
//! the publish step keeps the folder a complete site whatever moment the process ends at (see
//! `src/output/publish.rs`), and the next rebuild removes what an interrupted one left beside
//! it. Where the folder is and what it holds: [`jixiao::serve::folder`].

use jixiao::messages::serve as msg;
use jixiao::messages::{Lang, Text};
use jixiao::serve::folder::{LockError, OutputOptions, PreviewFolder};
use jixiao::serve::{LiveEvent, OverlayError, ServeConfig, Server};
use jixiao::watch::{Outcome, Preview, WatchMode, Watcher};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, Sender, channel};
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
        let (ms, stages) = timings(out);
        eprintln!("{}", msg::rebuilt(what, out.rendered, out.kept, out.written, out.removed, ms, &stages).get(lang));
    }
}

/// The wall-clock time of a rebuild in milliseconds, and its stages as `site 3, data 12, …`.
fn timings(out: &Outcome) -> (f64, String) {
    let stages: Vec<String> = out.stages.iter().map(|(s, d)| format!("{s} {:.0}", d.as_secs_f64() * 1000.0)).collect();
    (out.elapsed.as_secs_f64() * 1000.0, stages.join(", "))
}

fn overlay(out: &Outcome, lang: Lang) -> Vec<OverlayError> {
    out.errors.0.iter().map(|d| OverlayError::from_diagnostic(d, lang)).collect()
}

/// The rebuild engine of the preview in `folder`: the build pipeline with its cache in
/// `folder.state`, so that [`catch_up`] loads and renders only what changed since the last run
/// (nothing at all when nothing did).
fn open_preview(args: &Args, folder: &PreviewFolder, lang: Lang) -> Preview {
    Preview::open_cached(&args.root, &folder.site, &folder.state, args.drafts).with_language(lang).with_base_url(args.base_url.clone())
}

/// Brings a preview folder served as it was up to date with the sources: loads them and
/// commits what differs (search index included).
fn catch_up(preview: &mut Preview) -> Outcome {
    preview.full()
}

/// What the builder thread and the Ctrl-C handler tell the main thread.
enum Event {
    /// Ctrl-C or SIGTERM: stop now.
    Stop,
    /// The first build of a cold start is done; its problems, for the overlay.
    Built { errors: Vec<OverlayError>, rendered: usize },
    /// A rebuild (or the warm start's catch-up) finished: what to tell the open pages, and
    /// how many pages it rendered.
    Rebuilt { event: Option<LiveEvent>, rendered: usize },
    /// The builder cannot go on (the watcher failed): say why, exit non-zero.
    Fatal(Text),
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
    let options = OutputOptions { drafts: args.drafts, base_url: args.base_url.as_deref(), output: args.output.as_deref() };
    let folder = PreviewFolder::locate(&args.root, &options);
    let lock = match folder.lock() {
        Ok(lock) => lock,
        Err(LockError::Busy(busy)) => {
            let d = jixiao::diagnostics::Diagnostic::error(jixiao::output::publish::E_LOCKED, &folder.dir, msg::preview_busy(&busy.pid, &busy.url))
                .hint(msg::PREVIEW_BUSY_HINT);
            jixiao::diagnostics::Diagnostics::from(d).eprint(lang);
            return ExitCode::FAILURE;
        }
        Err(LockError::Io(e)) => {
            let mut text = msg::cannot_create_output(&folder.dir.display().to_string());
            text.push(&Text::new(format!(": {e}"), format!("：{e}")));
            jixiao::diagnostics::eprint_cli_error(&text, lang);
            return ExitCode::FAILURE;
        }
    };

    let (tx, rx) = channel();
    {
        let tx = tx.clone();
        let _ = ctrlc::set_handler(move || {
            let _ = tx.send(Event::Stop);
        });
    }
    let warm = folder.has_site();
    let mode = if args.poll { WatchMode::Poll(Duration::from_millis(args.poll_interval)) } else { WatchMode::Native };
    // Spawned once: before the first build (cold), or after the server started (warm).
    let mut builder = Some(Builder { preview: open_preview(&args, &folder, lang), root: args.root.clone(), mode, poll_interval: args.poll_interval, lang, tx, warm });

    // Cold: the site is built before it is served (Ctrl-C still stops at once).
    let mut first = (Vec::new(), 0);
    if !warm {
        eprintln!("{}", msg::first_build(&folder.site.display().to_string()).get(lang));
        if let Some(b) = builder.take() {
            b.spawn();
        }
        match rx.recv() {
            Ok(Event::Built { errors, rendered }) => first = (errors, rendered),
            Ok(Event::Fatal(text)) => {
                jixiao::diagnostics::eprint_cli_error(&text, lang);
                return ExitCode::FAILURE;
            }
            Ok(Event::Stop) | Err(_) => {
                eprintln!("{}", msg::STOPPING.get(lang));
                return ExitCode::SUCCESS;
            }
            Ok(Event::Rebuilt { .. }) => unreachable!("the builder rebuilds only after its first build"),
        }
        // The first build failed: an empty folder to serve, whose pages show the overlay.
        if std::fs::create_dir_all(&folder.site).is_err() {
            jixiao::diagnostics::eprint_cli_error(&msg::cannot_create_output(&folder.site.display().to_string()), lang);
            return ExitCode::FAILURE;
        }
    }

    let config = ServeConfig { bind: args.bind, port: args.port, ..ServeConfig::new(&folder.site) };
    let server = match Server::start(&config) {
        Ok(s) => s,
        Err(e) => {
            jixiao::diagnostics::eprint_cli_error(&Text::by_lang(|l| e.text(l)), lang);
            return ExitCode::FAILURE;
        }
    };
    let (errors, rendered) = first;
    server.count_rendered(rendered);
    if !errors.is_empty() {
        server.notify(&LiveEvent::Errors(errors));
    }
    let url = server.url();
    let _ = lock.announce(&url);
    eprintln!("{}", msg::serving(&folder.site.display().to_string(), &url).get(lang));
    if warm {
        // Only now: the folder was served before any rebuild began.
        eprintln!("{}", msg::CATCHING_UP.get(lang));
        if let Some(b) = builder.take() {
            b.spawn();
        }
    }
    if args.open {
        open_browser(&url);
    }

    let code = serve_until_stopped(&server, &rx, lang);
    eprintln!("{}", msg::STOPPING.get(lang));
    server.stop();
    drop(lock);
    // A rebuild still running ends with the process: the folder stays a complete site.
    code
}

/// Passes what the builder reports on to the open pages until Ctrl-C (success) or until the
/// builder cannot go on (failure).
fn serve_until_stopped(server: &Server, rx: &Receiver<Event>, lang: Lang) -> ExitCode {
    loop {
        match rx.recv() {
            Ok(Event::Rebuilt { event, rendered }) => {
                server.count_rendered(rendered);
                if let Some(event) = event {
                    server.notify(&event);
                }
            }
            Ok(Event::Built { .. }) => {}
            Ok(Event::Fatal(text)) => {
                jixiao::diagnostics::eprint_cli_error(&text, lang);
                return ExitCode::FAILURE;
            }
            Ok(Event::Stop) | Err(_) => return ExitCode::SUCCESS,
        }
    }
}

/// The builder thread: watcher and rebuild engine.
struct Builder {
    preview: Preview,
    root: PathBuf,
    mode: WatchMode,
    poll_interval: u64,
    lang: Lang,
    tx: Sender<Event>,
    /// The preview folder held a site: catch up with the sources instead of building.
    warm: bool,
}

impl Builder {
    /// Runs [`Builder::run`] on a thread of its own, never joined: the process ends it.
    fn spawn(self) {
        std::thread::Builder::new().name("jixiao-build".into()).spawn(move || self.run()).expect("spawn the builder thread");
    }

    /// Watches first (so that nothing saved during the first build or catch-up is missed),
    /// builds or catches up, then rebuilds on every change.
    fn run(mut self) {
        let lang = self.lang;
        let output = self.preview.output().to_path_buf();
        let mut watcher = match Watcher::with_mode(&self.root, &output, self.mode) {
            Ok(w) => w,
            Err(e) => {
                let _ = self.tx.send(Event::Fatal(watch_failed(&self.root.display().to_string(), &e, self.mode)));
                return;
            }
        };
        let mut had_errors;
        if self.warm {
            let out = catch_up(&mut self.preview);
            if !out.warnings.is_empty() {
                out.warnings.eprint(lang);
            }
            if out.errors.is_empty() {
                let (ms, stages) = timings(&out);
                eprintln!("{}", msg::caught_up(out.rendered, out.kept, out.written, out.removed, ms, &stages).get(lang));
            } else {
                report(&out, "build", lang);
            }
            had_errors = !out.errors.is_empty();
            // Open pages reload only when something they may show changed.
            let event = if had_errors {
                Some(LiveEvent::Errors(overlay(&out, lang)))
            } else if out.written + out.removed > 0 {
                Some(LiveEvent::Reload)
            } else {
                None
            };
            let _ = self.tx.send(Event::Rebuilt { event, rendered: out.rendered });
        } else {
            let first = self.preview.full();
            if !first.warnings.is_empty() {
                first.warnings.eprint(lang);
            }
            report(&first, "build", lang);
            had_errors = !first.errors.is_empty();
            let _ = self.tx.send(Event::Built { errors: overlay(&first, lang), rendered: first.rendered });
        }

        // Said once the site is there (the watcher has been listening since before the build).
        let root = self.root.display().to_string();
        match self.mode {
            WatchMode::Native => eprintln!("{}", msg::watching(&root).get(lang)),
            WatchMode::Poll(_) => eprintln!("{}", jixiao::messages::watching_by_polling(&root, self.poll_interval).get(lang)),
        }
        let mut last_change = Instant::now();
        loop {
            let Some(batch) = watcher.next_batch(Duration::from_millis(200), Duration::from_millis(20)) else {
                if self.preview.search_stale() && last_change.elapsed() >= SEARCH_IDLE {
                    update_search(&mut self.preview, &mut watcher, lang);
                }
                continue;
            };
            last_change = Instant::now();
            let out = self.preview.apply_pages(&batch);
            report(&out, "rebuild", lang);
            let event = if !out.errors.is_empty() {
                had_errors = true;
                Some(LiveEvent::Errors(overlay(&out, lang)))
            } else if out.committed || had_errors {
                let css = out.css_only && !had_errors;
                had_errors = false;
                Some(if css { LiveEvent::Css } else { LiveEvent::Reload })
            } else {
                None
            };
            if self.tx.send(Event::Rebuilt { event, rendered: out.rendered }).is_err() {
                return;
            }
        }
    }
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

/// How long edits must pause before the search index is brought up to date: pages a save
/// changed must not wait for it, and a burst of saves patches it once. Patching after a
/// one-report edit takes about 0.3 s at 10,000 reports (a newer change cancels it before it
/// commits), so the index is current within a second of the last save.
const SEARCH_IDLE: Duration = Duration::from_millis(500);

/// Brings the search index up to date, giving way to the next change as soon as one comes.
fn update_search(preview: &mut Preview, watcher: &mut Watcher, lang: Lang) {
    if let Some(out) = preview.update_search(&mut || watcher.has_pending()) {
        report(&out, "search index", lang);
        // Edits have paused and the folder is what a build writes: record it, so that the
        // next start is warm from here (this runs the check once, seconds on a big site).
        if let Err(e) = preview.save_cache() {
            eprintln!("{}", jixiao::messages::cache_not_written(&preview.output().display().to_string(), &e.to_string()).get(lang));
        }
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
