//! The `jixiao` command line: parses arguments, calls the library, prints diagnostics.
//! One small file per subcommand under `cmd/`, as in mdBook.

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  jixiao build                          build ./content with ./themes into ./public
  jixiao build --root site --verbose    build another folder and print each stage's time
  jixiao build --output /srv/www/jx     build into a web server's folder
  jixiao build --drafts                 include draft reports (marked with a banner)";

/// jixiao (绩效): publish budget-performance self-evaluation reports as a static web site.
#[derive(Parser)]
#[command(version, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from content/ and themes/ into the output folder.
    #[command(after_help = cmd::build::EXAMPLES)]
    Build(cmd::build::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => cmd::build::run(args),
    }
}
