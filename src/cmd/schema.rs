//! `jixiao schema`: prints the JSON Schema of a kind of content file, for editors.

use std::path::PathBuf;
use std::process::ExitCode;

/// Examples shown by `jixiao schema --help`.
pub(crate) const EXAMPLES: &str = "\
Examples:
  jixiao schema report > report.schema.json     schema of content/<dept>/<year>.yaml
  jixiao schema --out schema                    write report, department, site and page schemas
  jixiao schema                                 all of them as one JSON object, by kind

Point an editor at a schema with a first line in the YAML file (yaml-language-server, e.g. the
YAML extension of VS Code):
  # yaml-language-server: $schema=../../schema/report.schema.json";

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Which file: report, department, site or page (front matter). All when absent.
    kind: Option<String>,
    /// Write `<kind>.schema.json` files into this folder instead of printing.
    #[arg(long)]
    out: Option<PathBuf>,
}

pub(crate) fn run(args: Args, language: super::Language) -> ExitCode {
    let lang = language.without_site();
    let kinds: Vec<&str> = match &args.kind {
        Some(k) if jixiao::schema::KINDS.contains(&k.as_str()) => vec![k.as_str()],
        Some(k) => {
            eprintln!("{}", jixiao::messages::cli_error(&jixiao::messages::no_schema(k, jixiao::schema::KINDS)).get(lang));
            return ExitCode::FAILURE;
        }
        None => jixiao::schema::KINDS.to_vec(),
    };
    if let Some(dir) = &args.out {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("{}", jixiao::messages::cli_error(&jixiao::messages::cannot_write(&dir.display().to_string(), &e)).get(lang));
            return ExitCode::FAILURE;
        }
        for (name, bytes) in jixiao::schema::files() {
            if !kinds.iter().any(|k| name == format!("{k}.schema.json")) {
                continue;
            }
            let path = dir.join(&name);
            if let Err(e) = std::fs::write(&path, bytes) {
                eprintln!("{}", jixiao::messages::cli_error(&jixiao::messages::cannot_write(&path.display().to_string(), &e)).get(lang));
                return ExitCode::FAILURE;
            }
            eprintln!("{}", jixiao::messages::schema_written(&path.display().to_string()).get(lang));
        }
        return ExitCode::SUCCESS;
    }
    let value = if kinds.len() == 1 {
        jixiao::schema::schema(kinds[0]).unwrap_or_default()
    } else {
        serde_json::Value::Object(kinds.iter().map(|k| (k.to_string(), jixiao::schema::schema(k).unwrap_or_default())).collect())
    };
    println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
    ExitCode::SUCCESS
}
