//! `jixiao import FILE...`: a draft report from the documents an office already has. Reads and
//! recognises (`jixiao::import`), writes the draft (never over a file), then loads and checks
//! the site and prints what they say with the import report.

use jixiao::diagnostics::{Diagnostic, Diagnostics};
use jixiao::import::{self, messages as msg};
use jixiao::messages::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output format of the import report.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum OutputFormat {
    /// For people.
    Human,
    /// For machines.
    Json,
}

/// The arguments of `jixiao import`; what each means (for `--help`) is in
/// `jixiao::messages::COMMAND_HELP`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[arg(long)]
    department: Option<String>,
    #[arg(long, value_parser = super::help::whole_number)]
    year: Option<u16>,
    #[arg(short, long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    dry_run: bool,
    #[arg(long, value_enum, default_value = "human")]
    format: OutputFormat,
}

fn fail(d: Diagnostic, lang: Lang) -> ExitCode {
    Diagnostics::from(d).eprint(lang);
    ExitCode::FAILURE
}

/// Imports, writes, loads and checks; prints the import report. Exit 0 when a report was written
/// (or printed, on a dry run).
pub(crate) fn run(args: Args, language: super::Language) -> ExitCode {
    let lang = language.for_site(&args.root);
    let options = import::Options { files: args.files, root: args.root.clone(), department: args.department, year: args.year, name: args.name };
    let mut imported = match import::import(&options) {
        Ok(i) => i,
        Err(d) => return fail(d, lang),
    };
    if imported.proposed && args.format == OutputFormat::Human {
        eprintln!("{}", msg::proposed(&imported.department, imported.year).get(lang));
    }
    if args.dry_run {
        match args.format {
            OutputFormat::Human => {
                print!("{}", imported.yaml);
                eprint!("{}", msg::render(&imported.findings, true, lang));
            }
            OutputFormat::Json => println!("{}", json(&imported, None, lang)),
        }
        return ExitCode::SUCCESS;
    }
    match import::write(&imported) {
        Ok(written) => imported.findings.written = written.iter().map(|p| p.display().to_string()).collect(),
        Err(d) => return fail(d, lang),
    }
    // What the loader and check say about the site with the new report.
    let (diags, errors, warnings) = match jixiao::load::load(&args.root) {
        Ok(content) => {
            let mut diags = content.warnings.clone();
            let check = jixiao::check::check(&content);
            let deny = content.site.check.as_ref().and_then(|c| c.deny).unwrap_or(jixiao::model::CheckDeny::Errors);
            diags.0.extend(check.to_diagnostics(deny).0);
            let rel = imported.report_path.strip_prefix(&args.root).unwrap_or(&imported.report_path).to_path_buf();
            diags.0.retain(|d| d.file == rel);
            let (e, w) = diags.counts();
            (diags, e, w)
        }
        Err(diags) => {
            let (e, w) = diags.counts();
            (diags, e, w)
        }
    };
    match args.format {
        OutputFormat::Human => {
            eprint!("{}", msg::render(&imported.findings, false, lang));
            if !diags.is_empty() {
                diags.eprint(lang);
            }
            eprintln!("{}", msg::after_write(errors, warnings).get(lang));
        }
        OutputFormat::Json => println!("{}", json(&imported, Some(&diags), lang)),
    }
    ExitCode::SUCCESS
}

/// The import report as JSON: the findings, the YAML on a dry run, the loader's and check's
/// diagnostics after writing.
fn json(imported: &import::Imported, diags: Option<&Diagnostics>, lang: Lang) -> String {
    let mut value = imported.findings.to_json(lang);
    if let Some(map) = value.as_object_mut() {
        match diags {
            Some(d) => {
                // The loader's and check's diagnostics, as `jixiao check --format json` prints them.
                let doc = jixiao::check::render_json_load_errors(d, lang);
                map.insert("diagnostics".into(), serde_json::from_str(&doc).unwrap_or_default());
            }
            None => {
                map.insert("yaml".into(), imported.yaml.clone().into());
            }
        }
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}
