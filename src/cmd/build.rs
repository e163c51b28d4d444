//! `jixiao build`: load, render and write the site.

use jixiao::{BuildOptions, build};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// The arguments of `jixiao build`; what each means (for `--help`) is in
/// `jixiao::messages::COMMAND_HELP`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(short, long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    #[arg(short = 'u', long, value_name = "URL", value_parser = super::help::parse_base_url)]
    base_url: Option<String>,
    #[arg(long)]
    drafts: bool,
    #[arg(short, long, conflicts_with = "quiet")]
    verbose: bool,
    #[arg(short, long, conflicts_with = "timings")]
    quiet: bool,
    #[arg(long)]
    timings: bool,
    #[arg(long)]
    force: bool,
    #[arg(long)]
    in_place: bool,
    #[arg(long)]
    no_cache: bool,
}

pub(crate) fn run(args: Args, language: super::Language) -> ExitCode {
    let lang = language.for_site(&args.root);
    let started = Instant::now();
    let mut options = BuildOptions::new(&args.root);
    if let Some(out) = args.output {
        options.output = out;
    }
    options.base_url = args.base_url;
    options.drafts = args.drafts;
    options.force = args.force;
    options.in_place = args.in_place;
    options.timings = args.timings;
    // The persistent cache (docs/cache.md): only what changed since the last build is redone.
    options.cache = Some(options.root.join(jixiao::pipeline::cache::FOLDER));
    options.no_cache = args.no_cache;
    // Never into the site's own sources, --force or not: the next build would read the output.
    if let Err(d) = jixiao::output::check_output_folder(&options.root, &options.output) {
        jixiao::diagnostics::Diagnostics::from(d).eprint(lang);
        eprintln!("{}", jixiao::messages::build_failed(&options.output.display().to_string()).get(lang));
        return ExitCode::FAILURE;
    }
    // Ctrl-C or SIGTERM: the staging folder goes and the output folder stays as it was (or, when
    // the switch had happened, is the new site); then exit as interrupted.
    let shown = options.output.display().to_string();
    let _ = ctrlc::set_handler(move || {
        let published = jixiao::output::publish::interrupt();
        eprintln!("\n{}", jixiao::messages::build_interrupted(&shown, published).get(lang));
        std::process::exit(130);
    });
    let bar = if args.quiet { None } else { progress_bar(lang) };
    let result = build(&options);
    if let Some((bar, done, ticker)) = bar {
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        let _ = ticker.join();
        bar.finish_and_clear();
    }
    match result {
        Ok(summary) => {
            if let Some(note) = &summary.cache_note {
                eprintln!("{}", note.get(lang));
            }
            // With --quiet a successful build says nothing, as Hugo's --quiet: a script that runs
            // it sees output only when something failed. Warnings and check findings are what
            // `jixiao check` (and a build without -q) reports.
            if args.quiet {
                return ExitCode::SUCCESS;
            }
            if !summary.warnings.is_empty() {
                summary.warnings.eprint(lang);
            }
            if !summary.check.findings.is_empty() {
                eprint!("{}", jixiao::check::render_short(&summary.check, lang));
                eprintln!("{}", jixiao::messages::check::build_note(false).get(lang));
            }
            if args.verbose || args.timings {
                for s in &summary.stages {
                    eprintln!("{}", jixiao::messages::stage_time(s.stage, s.elapsed.as_secs_f64() * 1000.0, s.cpu.as_secs_f64() * 1000.0, s.rss_kb / 1024).get(lang));
                }
            }
            if args.timings {
                print_timings(&summary, lang);
            }
            // The summary counts every warning printed above: the loader's and check's.
            let (_, load_warnings) = summary.warnings.counts();
            let (_, check_warnings, _) = summary.check.counts();
            let warnings = load_warnings + check_warnings;
            eprintln!(
                "{}",
                jixiao::messages::build_summary(
                    summary.pages,
                    summary.reports,
                    summary.files,
                    summary.written,
                    summary.removed,
                    warnings,
                    started.elapsed().as_secs_f64(),
                    &options.output.display().to_string(),
                )
                .get(lang)
            );
            ExitCode::SUCCESS
        }
        Err(diags) => {
            if jixiao::output::publish::interrupted() {
                // Failed because Ctrl-C stopped it: the handler says so and ends the process.
                loop {
                    std::thread::park();
                }
            }
            diags.eprint(lang);
            eprintln!("{}", jixiao::messages::build_failed(&options.output.display().to_string()).get(lang));
            ExitCode::FAILURE
        }
    }
}

/// `--timings`: the render time of each page kind, then the search index's steps and memory.
fn print_timings(summary: &jixiao::BuildSummary, lang: jixiao::messages::Lang) {
    use jixiao::messages::{render_times_part, render_times_row, search_memory, search_times, search_unpatched};
    eprintln!("{}", jixiao::messages::render_times_heading().get(lang));
    for k in &summary.render_times {
        let part = |d: std::time::Duration| render_times_part(d.as_secs_f64() * 1e6 / k.pages.max(1) as f64, d.as_secs_f64()).get(lang).to_string();
        eprintln!("{}", render_times_row(k.kind, k.pages, &part(k.context), &part(k.extras), &part(k.tera), &part(k.files)).get(lang));
    }
    let t = &summary.search.timings;
    let s = |d: std::time::Duration| d.as_secs_f64();
    eprintln!("{}", search_times(s(t.records), s(t.record_files), s(t.tokenise), s(t.finish), s(t.manifest), s(t.cpu)).get(lang));
    if let Some(why) = &summary.search.unpatched_because {
        eprintln!("{}", search_unpatched(why).get(lang));
    }
    let p = &t.postings;
    eprintln!("{}", search_memory(p.total >> 20, p.spilled >> 20, p.run >> 20, t.rss_start_kb / 1024, p.rss_kb / 1024, t.peak_kb / 1024).get(lang));
}

/// A progress bar on stderr while the build runs, when stderr is a terminal and this is not CI;
/// a thread draws the build's progress counters (see `jixiao::progress`) ten times a second.
#[allow(clippy::type_complexity)]
fn progress_bar(lang: jixiao::messages::Lang) -> Option<(indicatif::ProgressBar, std::sync::Arc<std::sync::atomic::AtomicBool>, std::thread::JoinHandle<()>)> {
    use std::io::IsTerminal;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    if !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template(jixiao::messages::PROGRESS_TEMPLATE.get(lang))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let done = Arc::new(AtomicBool::new(false));
    let (b, d) = (bar.clone(), done.clone());
    let ticker = std::thread::spawn(move || {
        while !d.load(Ordering::Relaxed) {
            let (stage, pages, total) = jixiao::progress::snapshot();
            b.set_message(stage);
            b.set_length(total as u64);
            b.set_position(pages as u64);
            b.tick();
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    });
    Some((bar, done, ticker))
}
