//! `jixiao check`: run the consistency rules and print the findings.

use jixiao::check::{check, render_human, render_json, render_json_load_errors};
use jixiao::model::CheckDeny;
use std::path::PathBuf;
use std::process::ExitCode;

/// Examples shown by `jixiao check --help`.
pub(crate) const EXAMPLES: &str = "\
Examples:
  jixiao check                          check ./content; exit 1 on any unacknowledged error
  jixiao check --deny warnings          also exit 1 on unacknowledged warnings
  jixiao check --format json > c.json   every finding as JSON, for tools and auditors";

/// Output format.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Like a compiler: rule, file:line:column, the value, figures, arithmetic, hint.
    Human,
    /// One JSON document with every finding and a summary.
    Json,
}

/// Which findings make the command fail.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Deny {
    /// Unacknowledged errors (always).
    Errors,
    /// Unacknowledged errors and warnings.
    Warnings,
}

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Site folder holding content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Fail on unacknowledged warnings too (errors always fail); default from site.yaml `check.deny`.
    #[arg(long, value_enum)]
    deny: Option<Deny>,
}

pub(crate) fn run(args: Args, language: super::Language) -> ExitCode {
    let lang = language.for_site(&args.root);
    let content = match jixiao::load::load(&args.root) {
        Ok(c) => c,
        Err(diags) => {
            // A tool asked for JSON gets a JSON document on stdout in every case: the load
            // errors as findings, in the shape of `render_json`.
            match args.format {
                Format::Human => eprint!("{}", diags.render(lang)),
                Format::Json => print!("{}", render_json_load_errors(&diags, lang)),
            }
            return ExitCode::FAILURE;
        }
    };
    if !content.warnings.is_empty() && args.format == Format::Human {
        eprint!("{}", content.warnings.render(lang));
    }
    let report = check(&content);
    match args.format {
        Format::Human => print!("{}", render_human(&report, lang)),
        Format::Json => print!("{}", render_json(&report, lang)),
    }
    let deny = match args.deny {
        Some(Deny::Warnings) => CheckDeny::Warnings,
        Some(Deny::Errors) => CheckDeny::Errors,
        None => content.site.check.as_ref().and_then(|c| c.deny).unwrap_or(CheckDeny::Errors),
    };
    if report.fails(deny) { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
