//! The `jixiao` command line: parses arguments, calls the library, prints diagnostics.
//! One small file per subcommand under `cmd/`, as in mdBook.

mod cmd;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

// glibc's malloc fragments badly on a 10,000-report build (a fifth of the time went to
// _int_malloc and malloc_consolidate); mimalloc keeps allocation flat.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

/// The command line, as clap derives it from these definitions. Every text of its `--help` (what
/// each command and argument does, examples) is in `jixiao::messages::COMMAND_HELP`, in both
/// languages, and put in by `cmd::help::localized` for the language of the run.
#[derive(Parser)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[arg(long, global = true, value_name = "zh-CN|en", value_parser = cmd::help::parse_lang)]
    lang: Option<jixiao::messages::Lang>,
}

#[derive(Subcommand)]
enum Command {
    Build(cmd::build::Args),
    New(cmd::new::Args),
    Import(cmd::import::Args),
    Init(cmd::init::Args),
    Schema(cmd::schema::Args),
    Check(cmd::check::Args),
    Archive(cmd::archive::Args),
    Verify(cmd::verify::Args),
    Bundle(cmd::bundle::Args),
    #[cfg(feature = "serve")]
    Serve(cmd::serve::Args),
    Help(cmd::HelpArgs),
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The language of the help and of clap's errors is needed before the arguments are parsed.
    let help_lang = cmd::help::Early::scan(&args).language();
    let mut command = cmd::help::localized(Cli::command(), help_lang);
    let cli = match command.try_get_matches_from_mut(&args).and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) => return cmd::help::print_error(&e, help_lang),
    };
    let lang = cmd::Language::new(cli.lang);
    match cli.command {
        Command::Build(args) => {
            jixiao::allocator::set_purge_delay(jixiao::allocator::KEEP_FREED);
            cmd::build::run(args, lang)
        }
        Command::New(args) => cmd::new::run(args, lang),
        Command::Import(args) => cmd::import::run(args, lang),
        Command::Init(args) => cmd::init::run(args, lang),
        Command::Schema(args) => cmd::schema::run(args, lang),
        Command::Check(args) => cmd::check::run(args, lang),
        Command::Archive(args) => {
            jixiao::allocator::set_purge_delay(jixiao::allocator::KEEP_FREED);
            cmd::archive::run(args, lang)
        }
        Command::Verify(args) => cmd::verify::run(args, lang),
        Command::Bundle(args) => cmd::bundle::run(args, lang),
        #[cfg(feature = "serve")]
        Command::Serve(args) => cmd::serve::run(args, lang),
        Command::Help(args) => cmd::help::print_help(command, args.command.as_deref(), help_lang),
    }
}
