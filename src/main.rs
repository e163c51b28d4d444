//! The `jixiao` command line: parses arguments, calls the library, prints diagnostics.

use clap::{Parser, Subcommand};
use jixiao::{BuildOptions, build};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const EXAMPLES: &str = "\
Examples:
  jixiao build                          build ./content with ./themes into ./public
  jixiao build --root site --verbose    build another folder and print each stage's time
  jixiao build --output /srv/www/jx     build into a web server's folder
  jixiao build --drafts                 include draft reports (marked with a banner)";

/// jixiao (绩效): publish budget-performance self-evaluation reports as a static web site.
#[derive(Parser)]
#[command(version, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from content/ and themes/ into the output folder.
    #[command(after_help = EXAMPLES)]
    Build {
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, output, drafts, verbose, force } => {
            let started = Instant::now();
            let mut options = BuildOptions::new(&root);
            if let Some(out) = output {
                options.output = out;
            }
            options.drafts = drafts;
            options.force = force;
            match build(&options) {
                Ok(summary) => {
                    if !summary.warnings.is_empty() {
                        eprint!("{}", summary.warnings.render());
                    }
                    if verbose {
                        for s in &summary.stages {
                            eprintln!("  {:<8} {:>9.1} ms", s.stage, s.elapsed.as_secs_f64() * 1000.0);
                        }
                    }
                    let (_, warnings) = summary.warnings.counts();
                    let color = std::io::stderr().is_terminal();
                    let _ = color;
                    eprintln!(
                        "built {} reports, {} files ({} written, {} removed), {} warnings in {:.2} s → {}",
                        summary.reports,
                        summary.files,
                        summary.written,
                        summary.removed,
                        warnings,
                        started.elapsed().as_secs_f64(),
                        options.output.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    eprint!("{}", diags.render());
                    eprintln!("build failed; nothing in {} was changed", options.output.display());
                    ExitCode::FAILURE
                }
            }
        }
    }
}
