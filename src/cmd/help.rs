//! The command line in the language of the run. clap has no translations: the [`Command`]
//! derived from the argument definitions (src/main.rs, src/cmd/) gets every text of its
//! `--help` (what each command and argument does, headings, examples, defaults) from
//! [`messages::COMMAND_HELP`](jixiao::messages::COMMAND_HELP) and its neighbours in the
//! language chosen ([`localized`]), and clap's errors are worded by jixiao's messages from
//! their kind and context ([`print_error`]).
//!
//! The language must be known before the command line is parsed, so [`Early`] reads the few
//! words that decide it (`--lang`, `--root`, the subcommand) straight from the arguments.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use jixiao::messages::{self as msg, Lang, Text};
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

/// What the arguments say about the language before they are parsed.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Early {
    /// `--lang`, when it names a language jixiao speaks.
    pub(crate) lang: Option<Lang>,
    /// `--root` / `-r` of the subcommand.
    pub(crate) root: Option<PathBuf>,
    /// The subcommand's name (the first word that is not an option).
    pub(crate) command: Option<String>,
}

impl Early {
    /// Reads `--lang X`, `--lang=X`, `--root X`, `--root=X`, `-r X`, `-rX` and the subcommand
    /// from `args` (the program's name first), up to `--`.
    pub(crate) fn scan(args: &[OsString]) -> Early {
        let mut early = Early::default();
        let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
        while let Some(word) = words.next() {
            let word = word.as_ref();
            if word == "--" {
                break;
            }
            let (name, inline) = match word.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
                _ => (word, None),
            };
            let mut value = || inline.clone().or_else(|| words.next().map(|w| w.into_owned()));
            match name {
                "--lang" => early.lang = value().and_then(|v| Lang::parse(&v)),
                "--root" | "-r" => early.root = value().map(PathBuf::from),
                _ if name.starts_with("-r") && !name.starts_with("--") => early.root = Some(PathBuf::from(&name[2..])),
                _ if !name.starts_with('-') && early.command.is_none() => early.command = Some(name.to_string()),
                _ => {}
            }
        }
        early
    }

    /// The language of the run as far as the arguments tell ([`super::Language`]): a command on
    /// a site follows the site's `language` too, `init` and `schema` do not.
    pub(crate) fn language(&self) -> Lang {
        let language = super::Language::new(self.lang);
        match self.command.as_deref() {
            Some("init" | "schema") => language.without_site(),
            _ => language.for_site(self.root.as_deref().unwrap_or(std::path::Path::new("."))),
        }
    }
}

/// `command` (the one derived from the argument definitions) with every text in `lang`, built.
pub(crate) fn localized(command: Command, lang: Lang) -> Command {
    let mut command = localize(command, lang, true);
    command.build();
    // The usage lines clap made, with their placeholders in `lang`: `[OPTIONS]`, `<COMMAND>`.
    let names: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for name in names {
        command = command.mut_subcommand(name, |c| with_usage(c, lang));
    }
    with_usage(command, lang)
}

/// Sets the usage line of `command` (built) to clap's own with the placeholders in `lang`.
fn with_usage(mut command: Command, lang: Lang) -> Command {
    let usage = command.render_usage().to_string();
    let usage = usage.strip_prefix("Usage:").unwrap_or(&usage).trim();
    let usage = usage.replace("[OPTIONS]", msg::OPTIONS_PLACEHOLDER.get(lang)).replace("<COMMAND>", msg::COMMAND_PLACEHOLDER.get(lang));
    command.override_usage(usage)
}

/// One command and, recursively, its subcommands: about, examples, headings, each argument's
/// help with its default and possible values, and `-h/--help` (`-V/--version` on `jixiao`).
fn localize(command: Command, lang: Lang, top: bool) -> Command {
    let Some(help) = msg::command_help(command.get_name()) else {
        debug_assert!(false, "no help for `{}` in messages::COMMAND_HELP", command.get_name());
        return command;
    };
    let template = template(&command, lang);
    let mut command = command
        .about(help.about.get(lang))
        .long_about(None)
        .after_help(help.examples.get(lang))
        .help_template(template)
        .disable_help_flag(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help(msg::HELP_FLAG_HELP.get(lang)));
    if top {
        command = command
            .disable_version_flag(true)
            .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help(msg::VERSION_FLAG_HELP.get(lang)))
            .disable_help_subcommand(true);
    }
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).filter(|id| !["help", "version"].contains(&id.as_str())).collect();
    for id in ids {
        let text = help.arg(&id);
        debug_assert!(text.is_some(), "no help for `{id}` of `{}` in messages::COMMAND_HELP", help.name);
        command = command.mut_arg(&id, |arg| localize_arg(arg, text.map(|t| t.get(lang)).unwrap_or_default(), lang));
    }
    let names: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for name in names {
        command = command.mut_subcommand(name, |c| localize(c, lang, false));
    }
    command
}

/// The layout of `command`'s help, as clap's own but with the headings in `lang` (clap writes
/// "Usage", "Commands", "Arguments" and "Options" in English): usage, subcommands, positional
/// arguments, options, examples.
fn template(command: &Command, lang: Lang) -> String {
    let styles = command.get_styles();
    let (usage, header) = (styles.get_usage(), styles.get_header());
    let heading = |m: msg::Msg| format!("{header}{}:{header:#}\n", m.get(lang));
    let mut t = format!("{{before-help}}{{about-with-newline}}\n{usage}{}:{usage:#} {{usage}}\n\n", msg::USAGE_HEADING.get(lang));
    if command.has_subcommands() {
        t += &format!("{}{{subcommands}}\n\n", heading(msg::COMMANDS_HEADING));
    }
    if command.get_positionals().next().is_some() {
        t += &format!("{}{{positionals}}\n\n", heading(msg::ARGUMENTS_HEADING));
    }
    t + &format!("{}{{options}}{{after-help}}", heading(msg::OPTIONS_HEADING))
}

/// An argument's help in `lang`, followed by its default and possible values (clap would add
/// them in English).
fn localize_arg(arg: Arg, help: &str, lang: Lang) -> Arg {
    let mut text = help.to_string();
    let takes_values = arg.get_action().takes_values();
    if takes_values {
        let values: Vec<String> = arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
        if !values.is_empty() {
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            text = format!("{text} {}", msg::possible_values(&values).get(lang));
        }
        let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        if !defaults.is_empty() && !arg.is_hide_default_value_set() {
            text = format!("{text} {}", msg::default_value(&defaults.join(",")).get(lang));
        }
    }
    let arg = arg.help(text);
    if takes_values { arg.hide_default_value(true).hide_possible_values(true) } else { arg }
}

/// Prints the help of `jixiao help [COMMAND]` (stdout, exit 0), or the error of an unknown
/// command.
pub(crate) fn print_help(mut command: Command, name: Option<&str>, lang: Lang) -> ExitCode {
    let target = match name {
        None => Some(&mut command),
        Some(n) => command.find_subcommand_mut(n),
    };
    match target {
        Some(c) => {
            let _ = c.print_help();
            ExitCode::SUCCESS
        }
        None => {
            let n = name.unwrap_or_default();
            jixiao::diagnostics::eprint_cli_error(&msg::unknown_subcommand(n), lang);
            ExitCode::from(2)
        }
    }
}

/// Handles what clap returned instead of arguments: prints the help or version it asked for
/// (exit 0), or the error in `lang` with the usage line (exit 2), on stderr, coloured as a
/// diagnostic.
pub(crate) fn print_error(e: &clap::Error, lang: Lang) -> ExitCode {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand) {
        let _ = e.print();
        return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    }
    let Some((message, tips)) = error_text(e) else {
        // A kind jixiao does not word (clap adds kinds now and then): clap's own text.
        let _ = e.print();
        return ExitCode::from(2);
    };
    jixiao::diagnostics::eprint_cli_error(&message, lang);
    let mut rest = String::new();
    for tip in &tips {
        rest.push_str(tip.get(lang));
        rest.push('\n');
    }
    if let Some(usage) = string(e, ContextKind::Usage) {
        let usage = usage.strip_prefix("Usage:").unwrap_or(&usage).trim().to_string();
        rest.push_str(&format!("\n{}{}{usage}\n", msg::USAGE_HEADING.get(lang), msg::LABEL_SEPARATOR.get(lang)));
    }
    rest.push_str(&format!("\n{}\n", msg::try_help("--help").get(lang)));
    anstream::eprint!("{rest}");
    ExitCode::from(2)
}

/// The message of a clap error and the tips that follow it, in both languages; `None` for a
/// kind (or a context) not worded here.
fn error_text(e: &clap::Error) -> Option<(Text, Vec<Text>)> {
    let arg = string(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = string(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut tips = Vec::new();
    let message = match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => msg::missing_value(&arg),
        ErrorKind::InvalidValue => {
            let valid = strings(e, ContextKind::ValidValue);
            if !valid.is_empty() {
                tips.push(msg::valid_values(&valid));
            }
            msg::invalid_value(&value, &arg)
        }
        ErrorKind::ValueValidation => {
            let source = std::error::Error::source(e)?;
            // jixiao's value parsers (the `parse_*` functions below, `whole_number`) give their
            // reason as a packed text in both languages.
            msg::invalid_value_because(&value, &arg, &Text::unpack(&source.to_string()))
        }
        ErrorKind::UnknownArgument => {
            if e.get(ContextKind::Suggested).is_some() && string(e, ContextKind::SuggestedArg).is_none() {
                tips.push(msg::pass_as_value(&arg));
            }
            msg::unknown_argument(&arg)
        }
        ErrorKind::InvalidSubcommand => msg::unknown_subcommand(&string(e, ContextKind::InvalidSubcommand)?),
        ErrorKind::MissingRequiredArgument => {
            let mut text: Text = msg::MISSING_REQUIRED.into();
            for a in strings(e, ContextKind::InvalidArg) {
                text.push(&Text::same(format!("\n{a}")));
            }
            text
        }
        ErrorKind::MissingSubcommand => msg::missing_subcommand(&string(e, ContextKind::InvalidSubcommand)?, &strings(e, ContextKind::ValidSubcommand)),
        ErrorKind::ArgumentConflict => {
            let prior = strings(e, ContextKind::PriorArg);
            if prior.len() == 1 && prior[0] == arg { msg::argument_twice(&arg) } else { msg::arguments_conflict(&arg, &prior.join(", ")) }
        }
        ErrorKind::TooManyValues => msg::unexpected_value(&value, &arg),
        ErrorKind::InvalidUtf8 => msg::INVALID_UTF8.into(),
        _ => return None,
    };
    for (context, kind) in [(ContextKind::SuggestedSubcommand, "subcommand"), (ContextKind::SuggestedArg, "argument"), (ContextKind::SuggestedValue, "value")] {
        let names = strings(e, context);
        if !names.is_empty() {
            tips.push(msg::did_you_mean(kind, &names));
        }
    }
    Some((message, tips))
}

/// A context value of a clap error as text.
fn string(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        _ => None,
    }
}

/// A context value of a clap error as a list of texts.
fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    }
}

/// `--lang`: a language jixiao speaks (the error packs its text in both languages).
pub(crate) fn parse_lang(code: &str) -> Result<Lang, String> {
    Lang::parse(code).ok_or_else(|| msg::unknown_language(code).pack())
}

/// A year or a port: a whole number from 0 to 65535 (the error in both languages, where
/// clap's own would be English).
pub(crate) fn whole_number(text: &str) -> Result<u16, String> {
    text.trim().parse().map_err(|e: std::num::ParseIntError| msg::bad_whole_number(e.kind()).pack())
}

/// `--bind`: an IP address.
#[cfg(feature = "serve")]
pub(crate) fn ip_address(text: &str) -> Result<std::net::IpAddr, String> {
    text.trim().parse().map_err(|_: std::net::AddrParseError| Text::from(msg::NOT_AN_IP_ADDRESS).pack())
}

/// `--poll-interval`: milliseconds, at least `least`.
#[cfg(feature = "serve")]
pub(crate) fn parse_millis(text: &str, least: u64) -> Result<u64, String> {
    let ms: u64 = text.trim().parse().map_err(|e: std::num::ParseIntError| msg::bad_whole_number(e.kind()).pack())?;
    if ms < least { Err(msg::interval_too_short(least).pack()) } else { Ok(ms) }
}

/// `--base-url`: an absolute web address, as site.yaml's `base_url` must be.
pub(crate) fn parse_base_url(url: &str) -> Result<String, String> {
    if jixiao::load::is_absolute_url(url) {
        return Ok(url.trim().to_string());
    }
    let mut why = msg::bad_base_url(url);
    why.push(&msg::LIST_SEPARATOR.into());
    why.push(&msg::BAD_BASE_URL_HINT.into());
    Err(why.pack())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        std::iter::once("jixiao").chain(words.iter().copied()).map(OsString::from).collect()
    }

    #[test]
    fn the_words_that_decide_the_language_are_read_before_parsing() {
        let e = Early::scan(&args(&["--lang", "zh-CN", "build", "-r", "site", "-o", "out"]));
        assert_eq!(e, Early { lang: Some(Lang::ZhCn), root: Some("site".into()), command: Some("build".into()) });
        let e = Early::scan(&args(&["serve", "--root=a b", "--lang=en"]));
        assert_eq!(e, Early { lang: Some(Lang::En), root: Some("a b".into()), command: Some("serve".into()) });
        let e = Early::scan(&args(&["check", "-rsite", "--", "--lang", "zh"]));
        assert_eq!(e, Early { lang: None, root: Some("site".into()), command: Some("check".into()) });
        assert_eq!(Early::scan(&args(&["--lang", "fr"])).lang, None);
    }

    /// Every argument of every command has its help text in both languages, and the Chinese
    /// help has no English heading of clap's left.
    #[test]
    fn every_argument_has_help_in_both_languages() {
        use clap::CommandFactory;
        for lang in [Lang::En, Lang::ZhCn] {
            let mut command = localized(crate::Cli::command(), lang);
            let mut all = vec![command.clone()];
            all.extend(command.get_subcommands().cloned());
            for c in &all {
                let help = msg::command_help(c.get_name()).unwrap_or_else(|| panic!("help of {}", c.get_name()));
                for a in c.get_arguments() {
                    let id = a.get_id().as_str();
                    if !["help", "version"].contains(&id) && !a.is_global_set() {
                        assert!(help.arg(id).is_some(), "no help for {id} of {}", c.get_name());
                    }
                    assert!(a.get_help().is_some_and(|h| !h.to_string().is_empty()), "{id} of {}", c.get_name());
                }
            }
            let text = command.render_help().to_string();
            if lang == Lang::ZhCn {
                for english in ["Usage:", "Options:", "Commands:", "Print help", "[default:", "Examples:"] {
                    assert!(!text.contains(english), "{english} in\n{text}");
                }
            }
        }
    }
}
