//! The `jixiao` command line: parses arguments, calls the library, prints diagnostics.
//! One small file per subcommand under `cmd/`, as in mdBook.

mod cmd;

use clap::{Parser, Subcommand};

// glibc's malloc fragments badly on a 10,000-report build (a fifth of the time went to
// _int_malloc and malloc_consolidate); mimalloc keeps allocation flat.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
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
    /// Language of jixiao's messages: zh-CN or en. Without it: zh-CN when LC_ALL, LC_MESSAGES
    /// or LANG (the first one set) starts with zh, or when content/site.yaml's `language` does
    /// (its default is zh-CN); English otherwise.
    #[arg(long, global = true, value_name = "zh-CN|en")]
    lang: Option<jixiao::messages::Lang>,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from content/ and themes/ into the output folder.
    #[command(after_help = cmd::build::EXAMPLES)]
    Build(cmd::build::Args),
    /// Start next year's report of a department from its latest one: a draft, figures empty.
    #[command(after_help = cmd::new::EXAMPLES)]
    New(cmd::new::Args),
    /// Import a report from the documents an office has (text for now): a draft to check.
    #[command(after_help = cmd::import::EXAMPLES)]
    Import(cmd::import::Args),
    /// Create a new site (site.yaml, one department, a report template, the default theme).
    #[command(after_help = cmd::init::EXAMPLES)]
    Init(cmd::init::Args),
    /// Print the JSON Schema of report, department, site or page files, for editors.
    #[command(after_help = cmd::schema::EXAMPLES)]
    Schema(cmd::schema::Args),
    /// Check that the published figures agree with each other; exit 1 on any error.
    #[command(after_help = cmd::check::EXAMPLES)]
    Check(cmd::check::Args),
    /// Freeze the site as published in a year into archive/<year>/ with a SHA-256 manifest.
    #[command(after_help = cmd::archive::EXAMPLES)]
    Archive(cmd::archive::Args),
    /// Check snapshots against their manifests (and a published digest); exit 1 on any difference.
    #[command(after_help = cmd::verify::EXAMPLES)]
    Verify(cmd::verify::Args),
    /// Pack a snapshot into one deterministic .tar.gz or .zip file.
    #[command(after_help = cmd::bundle::EXAMPLES)]
    Bundle(cmd::bundle::Args),
    /// Preview the site locally: build, serve, rebuild on every change and reload the browser.
    #[cfg(feature = "serve")]
    #[command(after_help = cmd::serve::EXAMPLES)]
    Serve(cmd::serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cmd::Language::new(cli.lang);
    match cli.command {
        Command::Build(args) => {
            jixiao::allocator::set_purge_delay(jixiao::allocator::KEEP_FREED);
            cmd::build::run(args, lang)
        }
        Command::New(args) => cmd::new::run(args, lang),
        Command::Import(args) => cmd::import::run(args, lang),
        Command::Init(args) => cmd::init::run(args, lang),
        Command::Schema(args) => cmd::schema::run(args, lang),
        Command::Check(args) => cmd::check::run(args, lang),
        Command::Archive(args) => {
            jixiao::allocator::set_purge_delay(jixiao::allocator::KEEP_FREED);
            cmd::archive::run(args, lang)
        }
        Command::Verify(args) => cmd::verify::run(args, lang),
        Command::Bundle(args) => cmd::bundle::run(args, lang),
        #[cfg(feature = "serve")]
        Command::Serve(args) => cmd::serve::run(args, lang),
    }
}
