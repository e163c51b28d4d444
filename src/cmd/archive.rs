//! `jixiao archive <year>`: freeze the site as published in a year into `ROOT/archive/<year>/`.

use jixiao::messages as msg;
use std::path::PathBuf;
use std::process::ExitCode;

/// The arguments of `jixiao archive`; what each means (for `--help`) is in
/// `jixiao::messages::COMMAND_HELP`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(value_parser = super::help::whole_number)]
    year: u16,
    #[arg(short, long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    #[arg(long)]
    force: bool,
}

pub(crate) fn run(args: Args, language: super::Language) -> ExitCode {
    let lang = language.for_site(&args.root);
    match jixiao::archive::archive(&args.root, args.year, args.force) {
        Ok(done) => {
            if !done.warnings.is_empty() {
                done.warnings.eprint(lang);
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
            diags.eprint(lang);
            eprintln!("{}", msg::archive_failed(args.year).get(lang));
            ExitCode::FAILURE
        }
    }
}
