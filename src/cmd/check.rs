//! `jixiao check`: run the consistency rules and print the findings.

use jixiao::check::{check, render_human, render_json, render_json_load_errors};
use jixiao::model::CheckDeny;
use std::path::PathBuf;
use std::process::ExitCode;

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

/// The arguments of `jixiao check`; what each means (for `--help`) is in
/// `jixiao::messages::COMMAND_HELP`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(short, long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
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
                Format::Human => diags.eprint(lang),
                Format::Json => print!("{}", render_json_load_errors(&diags, lang)),
            }
            return ExitCode::FAILURE;
        }
    };
    if !content.warnings.is_empty() && args.format == Format::Human {
        content.warnings.eprint(lang);
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
