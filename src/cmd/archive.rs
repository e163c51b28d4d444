//! `jixiao archive <year>`: freeze the site as published in a year into `ROOT/archive/<year>/`.

use jixiao::messages as msg;
use std::path::PathBuf;
use std::process::ExitCode;

/// Examples shown by `jixiao archive --help`.
pub(crate) const EXAMPLES: &str = "\
Examples:
  jixiao archive 2022                   freeze the site into archive/2022/ and print the digest to publish
  jixiao archive 2022 --force           replace it, keeping the old one as archive/2022.replaced-<time>
  SOURCE_DATE_EPOCH=1700000000 jixiao archive 2022   fix the date written in the manifest";

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Year the snapshot freezes (the site as published in that year).
    year: u16,
    /// Site folder holding content/ and themes/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Replace an existing snapshot; the old one is kept under a dated name.
    #[arg(long)]
    force: bool,
}

pub(crate) fn run(args: Args, language: super::Language) -> ExitCode {
    let lang = language.for_site(&args.root);
    match jixiao::archive::archive(&args.root, args.year, args.force) {
        Ok(done) => {
            if !done.warnings.is_empty() {
                eprint!("{}", done.warnings.render(lang));
            }
            if let Some(old) = &done.kept {
                eprintln!("{}", msg::archive_kept(&old.display().to_string()).get(lang));
            }
            eprintln!("{}", msg::archive_done(args.year, done.files, &done.dir.display().to_string()).get(lang));
            let manifest = done.dir.join(jixiao::archive::MANIFEST);
            eprintln!("{}", msg::archive_digest_hint(&manifest.display().to_string()).get(lang));
            // The digest alone on stdout, so scripts can capture it.
            println!("{}", done.manifest_sha256);
            ExitCode::SUCCESS
        }
        Err(diags) => {
            eprint!("{}", diags.render(lang));
            eprintln!("{}", msg::archive_failed(args.year).get(lang));
            ExitCode::FAILURE
        }
    }
}
