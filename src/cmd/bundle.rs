//! `jixiao bundle <year> FILE`: pack a snapshot into one deterministic .tar.gz or .zip.

// The error is a `Diagnostic` by value, built at most once.
#![allow(clippy::result_large_err)]

use jixiao::archive;
use jixiao::messages as msg;
use std::path::PathBuf;
use std::process::ExitCode;

/// The arguments of `jixiao bundle`; what each means (for `--help`) is in
/// `jixiao::messages::COMMAND_HELP`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(value_parser = super::help::whole_number)]
    year: u16,
    file: PathBuf,
    #[arg(short, long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

pub(crate) fn run(args: Args, language: super::Language) -> ExitCode {
    let lang = language.for_site(&args.root);
    let dir = archive::snapshot_dir(&args.root, args.year);
    let result = archive::verify(&dir, None).and_then(|v| {
        if !v.ok() {
            let what = dir.display().to_string();
            return Err(jixiao::diagnostics::Diagnostic::error(
                archive::E_MANIFEST,
                &dir,
                msg::verify_failed(&what, v.changed.len(), v.missing.len(), v.added.len()),
            )
            .hint(msg::bundle_tampered_hint(args.year)));
        }
        archive::bundle(&dir, &args.file)
    });
    match result {
        Ok(entries) => {
            let digest = std::fs::read(&args.file).map(|b| jixiao::digest::sha256_hex(&b)).unwrap_or_default();
            eprintln!("{}", msg::bundle_done(args.year, entries, &args.file.display().to_string(), &digest).get(lang));
            ExitCode::SUCCESS
        }
        Err(d) => {
            jixiao::diagnostics::Diagnostics::from(d).eprint(lang);
            ExitCode::FAILURE
        }
    }
}
