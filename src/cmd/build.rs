//! `jixiao build`: load, render and write the site.

use jixiao::{BuildOptions, build};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Examples shown by `jixiao build --help`.
pub const EXAMPLES: &str = "\
Examples:
  jixiao build                          build ./content with ./themes into ./public
  jixiao build --root site --verbose    build another folder and print each stage's time
  jixiao build --output /srv/www/jx     build into a web server's folder
  jixiao build --drafts                 include draft reports (marked with a banner)";

#[derive(clap::Args)]
pub struct Args {
    /// Site folder holding content/ and themes/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Output folder [default: ROOT/public].
    #[arg(long)]
    output: Option<PathBuf>,
    /// Also build draft reports and pages, marked with a draft banner.
    #[arg(long)]
    drafts: bool,
    /// Print the time each build stage took.
    #[arg(long)]
    verbose: bool,
    /// Build into a non-empty folder that jixiao did not create.
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> ExitCode {
    let started = Instant::now();
    let mut options = BuildOptions::new(&args.root);
    if let Some(out) = args.output {
        options.output = out;
    }
    options.drafts = args.drafts;
    options.force = args.force;
    match build(&options) {
        Ok(summary) => {
            if !summary.warnings.is_empty() {
                eprint!("{}", summary.warnings.render());
            }
            if !summary.check.findings.is_empty() {
                eprint!("{}", jixiao::check::render_short(&summary.check));
                eprintln!("{}", jixiao::messages::check::build_note(false));
            }
            if args.verbose {
                for s in &summary.stages {
                    eprintln!("  {:<8} {:>9.1} ms", s.stage, s.elapsed.as_secs_f64() * 1000.0);
                }
            }
            let (_, warnings) = summary.warnings.counts();
            eprintln!(
                "{}",
                jixiao::messages::build_done(
                    summary.reports,
                    summary.files,
                    summary.written,
                    summary.removed,
                    warnings,
                    started.elapsed().as_secs_f64(),
                    &options.output.display().to_string(),
                )
            );
            ExitCode::SUCCESS
        }
        Err(diags) => {
            eprint!("{}", diags.render());
            eprintln!("{}", jixiao::messages::build_failed(&options.output.display().to_string()));
            ExitCode::FAILURE
        }
    }
}
