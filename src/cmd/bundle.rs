//! `jixiao bundle <year> FILE`: pack a snapshot into one deterministic .tar.gz or .zip.

// The error is a `Diagnostic` by value, built at most once.
#![allow(clippy::result_large_err)]

use jixiao::archive;
use jixiao::messages as msg;
use std::path::PathBuf;
use std::process::ExitCode;

/// Examples shown by `jixiao bundle --help`.
pub(crate) const EXAMPLES: &str = "\
Examples:
  jixiao bundle 2022 jixiao-2022.tar.gz  pack archive/2022/ (manifest included) for long-term storage
  jixiao bundle 2022 jixiao-2022.zip     the same as a ZIP file";

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Year of the snapshot to pack.
    year: u16,
    /// File to write: .tar.gz (or .tgz) or .zip.
    file: PathBuf,
    /// Site folder holding archive/.
    #[arg(long, default_value = ".")]
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
            eprint!("{}", jixiao::diagnostics::Diagnostics::from(d).render(lang));
            ExitCode::FAILURE
        }
    }
}
