//! `jixiao verify [YEAR]`: recompute a snapshot's hashes and report every difference.

use jixiao::archive::{self, Verification};
use jixiao::messages as msg;
use std::path::PathBuf;
use std::process::ExitCode;

/// The arguments of `jixiao verify`; what each means (for `--help`) is in
/// `jixiao::messages::COMMAND_HELP`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(value_parser = super::help::whole_number)]
    year: Option<u16>,
    #[arg(short, long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    #[arg(long, value_name = "SHA256")]
    expect: Option<String>,
    #[arg(long, value_name = "PATH")]
    dir: Option<PathBuf>,
}

pub(crate) fn run(args: Args, language: super::Language) -> ExitCode {
    let lang = language.for_site(&args.root);
    let dirs: Vec<PathBuf> = match (&args.dir, args.year) {
        (Some(dir), _) => vec![dir.clone()],
        (None, Some(year)) => vec![archive::snapshot_dir(&args.root, year)],
        (None, None) => match archive::scan(&args.root) {
            Ok(list) if list.is_empty() => {
                eprintln!("{}", msg::verify_none(&args.root.join(archive::ARCHIVE_DIR).display().to_string()).get(lang));
                return ExitCode::FAILURE;
            }
            Ok(list) => list.iter().map(|s| archive::snapshot_dir(&args.root, s.year)).collect(),
            Err(d) => {
                jixiao::diagnostics::Diagnostics::from(d).eprint(lang);
                return ExitCode::FAILURE;
            }
        },
    };
    if args.expect.is_some() && dirs.len() != 1 {
        eprintln!("{}", msg::VERIFY_EXPECT_NEEDS_ONE.get(lang));
        return ExitCode::FAILURE;
    }
    let mut ok = true;
    for dir in &dirs {
        let what = dir.display().to_string();
        match archive::verify(dir, args.expect.as_deref()) {
            Ok(v) => ok &= report(&what, &v, lang),
            Err(d) => {
                jixiao::diagnostics::Diagnostics::from(d).eprint(lang);
                ok = false;
            }
        }
    }
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// Prints what was found; whether the snapshot is intact.
fn report(what: &str, v: &Verification, lang: jixiao::messages::Lang) -> bool {
    if v.ok() {
        println!("{}", msg::verify_ok(what, v.files, &v.manifest_sha256).get(lang));
        return true;
    }
    if let Some(expected) = &v.expected_mismatch {
        println!("{}", msg::verify_expect_mismatch(what, expected, &v.manifest_sha256).get(lang));
    }
    if !(v.changed.is_empty() && v.missing.is_empty() && v.added.is_empty()) {
        println!("{}", msg::verify_failed(what, v.changed.len(), v.missing.len(), v.added.len()).get(lang));
        for p in &v.changed {
            println!("{}", msg::verify_changed(p).get(lang));
        }
        for p in &v.missing {
            println!("{}", msg::verify_missing(p).get(lang));
        }
        for p in &v.added {
            println!("{}", msg::verify_added(p).get(lang));
        }
    }
    false
}
