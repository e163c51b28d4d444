//! Subcommands: each parses its own arguments and calls the library.

pub(crate) mod build;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod new;
pub(crate) mod schema;
pub(crate) mod check;
pub(crate) mod help;
pub(crate) mod archive;
pub(crate) mod bundle;
pub(crate) mod verify;
#[cfg(feature = "serve")]
pub(crate) mod serve;

use jixiao::messages::Lang;
use std::path::Path;

/// `jixiao help [COMMAND]`: the help of jixiao or of one command, in the language of the run.
#[derive(clap::Args)]
pub(crate) struct HelpArgs {
    #[arg(value_name = "COMMAND")]
    pub(crate) command: Option<String>,
}

/// What decides the language of jixiao's messages for this run, read once when the command
/// line is parsed: `--lang`, then (for a command that works on a site) the site's `language`
/// ([`Language::for_site`]), then the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Language {
    cli: Option<Lang>,
    locale: Option<Lang>,
}

impl Language {
    /// `--lang` as given, and the locale of the environment.
    pub(crate) fn new(cli: Option<Lang>) -> Language {
        let var = |k: &str| std::env::var(k).ok();
        let locale = Lang::of_locale(var("LC_ALL").as_deref(), var("LC_MESSAGES").as_deref(), var("LANG").as_deref());
        Language { cli, locale }
    }

    /// The language for a command on the site at `root`: `--lang`, then the `language` of its
    /// `content/site.yaml` (read before the content is parsed, so that even the errors in that
    /// file are in the site's language), then the locale.
    pub(crate) fn for_site(self, root: &Path) -> Lang {
        Lang::resolve(self.cli, self.locale, jixiao::load::site_language(root).as_deref())
    }

    /// The language for a command without a site (`init`, `schema`): `--lang`, then the locale;
    /// English otherwise.
    pub(crate) fn without_site(self) -> Lang {
        Lang::resolve(self.cli, self.locale, None)
    }
}
