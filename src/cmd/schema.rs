//! `jixiao schema`: prints the JSON Schema of a kind of content file, for editors.

use std::path::PathBuf;
use std::process::ExitCode;

/// The arguments of `jixiao schema`; what each means (for `--help`) is in
/// `jixiao::messages::COMMAND_HELP`.
#[derive(clap::Args)]
pub(crate) struct Args {
    kind: Option<String>,
    #[arg(short = 'o', long, value_name = "DIR", visible_alias = "output")]
    out: Option<PathBuf>,
}

pub(crate) fn run(args: Args, language: super::Language) -> ExitCode {
    let lang = language.without_site();
    let kinds: Vec<&str> = match &args.kind {
        Some(k) if jixiao::schema::KINDS.contains(&k.as_str()) => vec![k.as_str()],
        Some(k) => {
            jixiao::diagnostics::eprint_cli_error(&jixiao::messages::no_schema(k, jixiao::schema::KINDS), lang);
            return ExitCode::FAILURE;
        }
        None => jixiao::schema::KINDS.to_vec(),
    };
    if let Some(dir) = &args.out {
        if let Err(e) = std::fs::create_dir_all(dir) {
            jixiao::diagnostics::eprint_cli_error(&jixiao::messages::cannot_write(&dir.display().to_string(), &e), lang);
            return ExitCode::FAILURE;
        }
        for (name, bytes) in jixiao::schema::files() {
            if !kinds.iter().any(|k| name == format!("{k}.schema.json")) {
                continue;
            }
            let path = dir.join(&name);
            if let Err(e) = std::fs::write(&path, bytes) {
                jixiao::diagnostics::eprint_cli_error(&jixiao::messages::cannot_write(&path.display().to_string(), &e), lang);
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
