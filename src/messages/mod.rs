//! Every message text jixiao prints about the user's input, in one place, in English and in
//! Chinese (zh-CN). Functions take the variable parts as plain values (the loader works out
//! what a figure should have been, the caller reads the files) and return a [`Text`] holding
//! both languages; nothing else builds user-facing text.
//!
//! The language is not chosen here: whoever prints a text or writes a page picks it with
//! [`Text::get`] (or [`Msg::get`]), given the [`Lang`] the command line resolved once. This
//! module sits at the bottom of the crate and imports nothing of it.
//!
//! The texts are grouped by who says them: `input.rs` (the loader, about the content files),
//! `cli.rs` (the commands), `site.rs` (branding, output folder, themes), [`check`] and
//! [`serve`]; all but the last two are re-exported here, so every text is `messages::NAME`.

// ---- language ---------------------------------------------------------------------------

/// The language of jixiao's own messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Simplified Chinese, as used in mainland China.
    ZhCn,
    /// English: what a library user gets unless they ask for Chinese.
    #[default]
    En,
}

impl Lang {
    /// Reads a language code: `zh`, `zh-CN`, `zh_CN.UTF-8` … give Chinese; `en`, `en-GB`, `C`,
    /// `POSIX` give English; anything else is not a language jixiao speaks.
    pub fn parse(code: &str) -> Option<Lang> {
        let c = code.trim().to_ascii_lowercase();
        let primary = c.split(['-', '_', '.', '@']).next().unwrap_or("");
        match primary {
            "zh" => Some(Lang::ZhCn),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }
    /// The code `--lang` takes: `zh-CN` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }
    /// The language of a locale, as POSIX picks it: the first non-empty of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` (given in that order). `None` when none is set or it names another
    /// language.
    pub fn of_locale(lc_all: Option<&str>, lc_messages: Option<&str>, lang: Option<&str>) -> Option<Lang> {
        [lc_all, lc_messages, lang].into_iter().flatten().find(|v| !v.trim().is_empty()).and_then(Lang::parse)
    }
    /// The language of jixiao's messages for a run: `--lang` (`cli`) wins; otherwise the site's
    /// `language` (`site`, read by the caller from `content/site.yaml`, zh-CN when the file
    /// does not say) when it is Chinese or English; otherwise the locale (`locale`, see
    /// [`Lang::of_locale`]); English otherwise. The site comes before the locale because a web
    /// team works on the site in its language whatever the computer's locale (as Zola and Hugo
    /// follow the site's language, not the machine's).
    pub fn resolve(cli: Option<Lang>, locale: Option<Lang>, site: Option<&str>) -> Lang {
        cli.or_else(|| site.and_then(Lang::parse)).or(locale).unwrap_or(Lang::En)
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        Lang::parse(s).ok_or_else(|| format!("`{s}` is not a language of jixiao's messages; use zh-CN or en"))
    }
}

/// A fixed text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Msg {
    /// The English text.
    pub en: &'static str,
    /// The Chinese text.
    pub zh: &'static str,
}

impl Msg {
    /// A text in English and Chinese.
    pub const fn new(en: &'static str, zh: &'static str) -> Msg {
        Msg { en, zh }
    }
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::ZhCn => self.zh,
            Lang::En => self.en,
        }
    }
}

/// A message in both languages, as message functions return it and diagnostics and findings
/// keep it until it is printed in the language the caller chose ([`Text::get`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text {
    /// The English text.
    pub en: String,
    /// The Chinese text.
    pub zh: String,
}

impl Text {
    /// A text in English and Chinese.
    pub fn new(en: String, zh: String) -> Text {
        Text { en, zh }
    }
    /// A text that reads the same in both languages: a parser's or the system's own words, a
    /// path, figures and operators.
    pub fn same(text: impl Into<String>) -> Text {
        let en = text.into();
        Text { zh: en.clone(), en }
    }
    /// The text made by `f` for each language.
    pub fn by_lang(f: impl Fn(Lang) -> String) -> Text {
        Text { en: f(Lang::En), zh: f(Lang::ZhCn) }
    }
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh,
            Lang::En => &self.en,
        }
    }
    /// Appends `more` to the text in each language.
    pub fn push(&mut self, more: &Text) {
        self.en.push_str(&more.en);
        self.zh.push_str(&more.zh);
    }
    /// Whether the text is empty in both languages.
    pub fn is_empty(&self) -> bool {
        self.en.is_empty() && self.zh.is_empty()
    }
}

/// Marks where a packed [`Text`] starts, where its Chinese part starts, and where it ends.
const PACK: [char; 3] = ['\u{1d}', '\u{1e}', '\u{1f}'];

impl Text {
    /// The text as one string holding both languages, for a channel that carries only a
    /// string (a Tera error raised by a filter): [`Text::unpack`] gets it back, also when the
    /// channel put words of its own around it.
    pub fn pack(&self) -> String {
        let [start, zh, end] = PACK;
        format!("{start}{}{zh}{}{end}", self.en, self.zh)
    }
    /// The text in a string that may hold a [`Text::pack`]ed one: the words around it are kept
    /// in both languages; a string without one reads the same in both.
    pub fn unpack(s: &str) -> Text {
        let [start, zh, end] = PACK;
        let packed = s.find(start).and_then(|a| {
            let b = a + s[a..].find(zh)?;
            let c = b + s[b..].find(end)?;
            Some((a, b, c))
        });
        match packed {
            Some((a, b, c)) => {
                let (before, after) = (&s[..a], &s[c + end.len_utf8()..]);
                let (en, zh_text) = (&s[a + start.len_utf8()..b], &s[b + zh.len_utf8()..c]);
                Text { en: format!("{before}{en}{after}"), zh: format!("{before}{zh_text}{after}") }
            }
            None => Text::same(s),
        }
    }
}

impl From<Msg> for Text {
    fn from(m: Msg) -> Text {
        Text { en: m.en.to_string(), zh: m.zh.to_string() }
    }
}

impl From<String> for Text {
    /// A text that reads the same in both languages (see [`Text::same`]).
    fn from(s: String) -> Text {
        Text::same(s)
    }
}

impl From<&str> for Text {
    /// A text that reads the same in both languages (see [`Text::same`]).
    fn from(s: &str) -> Text {
        Text::same(s)
    }
}

/// A [`Text`] whose two versions are `format!` of the English and the Chinese text. Both may
/// use the same named arguments (captured or given).
macro_rules! tr {
    ($en:literal, $zh:literal $(,)?) => {
        $crate::messages::Text::new(format!($en), format!($zh))
    };
    ($en:literal, $zh:literal, $($arg:tt)+) => {
        $crate::messages::Text::new(format!($en, $($arg)+), format!($zh, $($arg)+))
    };
}

/// `format!` of the English or the Chinese text for `lang`: [`tr!`] for a message that is put
/// together per language (inside [`Text::by_lang`]).
macro_rules! pick {
    ($lang:expr, $en:literal, $zh:literal $(,)?) => {
        match $lang {
            $crate::messages::Lang::ZhCn => format!($zh),
            $crate::messages::Lang::En => format!($en),
        }
    };
    ($lang:expr, $en:literal, $zh:literal, $($arg:tt)+) => {
        match $lang {
            $crate::messages::Lang::ZhCn => format!($zh, $($arg)+),
            $crate::messages::Lang::En => format!($en, $($arg)+),
        }
    };
}

// The crate's other modules (the import readers and recognisers) word their texts the same way.
pub(crate) use {pick, tr};

/// The Chinese name of one of the English words callers pass as a kind, action or direction;
/// the word itself in English (or when it is not known).
fn word(en: &str, lang: Lang) -> &str {
    if lang == Lang::En {
        return en;
    }
    match en {
        "key figure" => "关键数字",
        "task" => "重点任务",
        "target" => "绩效目标",
        "achievement" => "成效",
        "table" => "自评表",
        "indicator" => "指标",
        "department" => "部门",
        "department id" => "部门 id",
        "report" => "报告",
        "year" => "年度",
        "read" => "读取",
        "create" => "创建",
        "remove" => "删除",
        "write" => "写入",
        "rename" => "重命名",
        "higher" => "越高越好",
        "lower" => "越低越好",
        "home" => "首页",
        "page" => "页面",
        "sitemap" => "网站地图",
        "archive" => "归档",
        "search" => "搜索",
        "build" => "构建",
        "rebuild" => "重新构建",
        other => other,
    }
}

/// Joins names for a message: `a, b, c` in English, `a、b、c` in Chinese.
fn list(items: &[&str], lang: Lang) -> String {
    items.join(if lang == Lang::ZhCn { "、" } else { ", " })
}

/// A value of the input shortened for a message: at most 40 characters (then `…`), line
/// breaks shown as `⏎`.
pub fn short(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s.replace('\n', "⏎")
}

// ---- diagnostics ------------------------------------------------------------------------

/// Label of an error.
pub const ERROR_LABEL: Msg = Msg::new("error", "错误");
/// Label of a warning.
pub const WARNING_LABEL: Msg = Msg::new("warning", "警告");
/// Label before a hint line.
pub const HINT_LABEL: Msg = Msg::new("hint", "提示");
/// What follows a label on a `= label: text` line.
pub const LABEL_SEPARATOR: Msg = Msg::new(": ", "：");
/// Between the items of a list such as the figures of a finding.
pub const LIST_SEPARATOR: Msg = Msg::new("; ", "；");

/// The closing summary line of a diagnostics listing.
pub fn summary(errors: usize, warnings: usize) -> Text {
    let plural = |n: usize, word: &str| if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") };
    Text::new(format!("{}, {}", plural(errors, "error"), plural(warnings, "warning")), format!("{errors} 个错误，{warnings} 个警告"))
}

/// A command-line error that is not about a located input: `error: …`.
pub fn cli_error(message: &Text) -> Text {
    let (message_en, message_zh) = (&message.en, &message.zh);
    tr!("error: {message_en}", "错误：{message_zh}")
}

pub mod check;
mod cli;
mod corrections;
mod input;
pub mod serve;
mod site;

pub use cli::*;
pub use corrections::*;
pub use input::*;
pub use site::*;

#[cfg(test)]
mod tests {
    use super::*;

    fn cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Both languages of a message: the Chinese one has Chinese characters and differs.
    fn both(what: &str, f: impl Fn() -> Text) {
        let Text { en, zh } = f();
        assert!(cjk(&zh), "{what}: the zh-CN text has Chinese characters: {zh}");
        assert_ne!(en, zh, "{what}: the two languages differ");
    }

    #[test]
    fn language_codes() {
        for zh in ["zh", "zh-CN", "zh_CN.UTF-8", "zh_TW", "ZH-cn"] {
            assert_eq!(Lang::parse(zh), Some(Lang::ZhCn), "{zh}");
        }
        for en in ["en", "en-GB", "en_US.UTF-8", "C", "C.UTF-8", "POSIX"] {
            assert_eq!(Lang::parse(en), Some(Lang::En), "{en}");
        }
        assert_eq!(Lang::parse("fr_FR.UTF-8"), None);
        assert_eq!("zh-CN".parse::<Lang>(), Ok(Lang::ZhCn));
        assert!("xx".parse::<Lang>().is_err());
    }

    #[test]
    fn the_first_locale_variable_set_decides() {
        assert_eq!(Lang::of_locale(None, None, Some("zh_CN.UTF-8")), Some(Lang::ZhCn));
        assert_eq!(Lang::of_locale(Some("C"), None, Some("zh_CN.UTF-8")), Some(Lang::En));
        assert_eq!(Lang::of_locale(Some(""), Some("zh_CN.UTF-8"), Some("en_US.UTF-8")), Some(Lang::ZhCn));
        assert_eq!(Lang::of_locale(None, None, None), None);
    }

    #[test]
    fn the_flag_then_the_locale_then_the_site_decide() {
        assert_eq!(Lang::resolve(Some(Lang::En), Some(Lang::ZhCn), Some("zh-CN")), Lang::En);
        assert_eq!(Lang::resolve(None, Some(Lang::ZhCn), Some("en")), Lang::En, "the site's language before the locale");
        assert_eq!(Lang::resolve(None, Some(Lang::En), Some("zh-CN")), Lang::ZhCn, "the site's language before the locale");
        assert_eq!(Lang::resolve(None, Some(Lang::ZhCn), Some("fr")), Lang::ZhCn, "a site language jixiao has no messages in leaves it to the locale");
        assert_eq!(Lang::resolve(None, Some(Lang::ZhCn), None), Lang::ZhCn, "no site: the locale");
        assert_eq!(Lang::resolve(None, None, Some("en")), Lang::En);
        assert_eq!(Lang::resolve(None, None, None), Lang::En);
    }

    #[test]
    fn a_packed_text_comes_back_with_the_words_around_it() {
        let t = tr!("missing `{}`", "缺少 `{}`", "x");
        assert_eq!(Text::unpack(&t.pack()), t);
        let wrapped = Text::unpack(&format!("Function call 't' failed: {}!", t.pack()));
        assert_eq!(wrapped.en, "Function call 't' failed: missing `x`!");
        assert_eq!(wrapped.zh, "Function call 't' failed: 缺少 `x`!");
        assert_eq!(Text::unpack("plain"), Text::same("plain"));
    }

    #[test]
    fn summaries_in_both_languages() {
        assert_eq!(summary(1, 2).zh, "1 个错误，2 个警告");
        assert_eq!(summary(1, 2).en, "1 error, 2 warnings");
        assert_eq!(summary(2, 1).get(Lang::En), "2 errors, 1 warning");
    }

    #[test]
    fn a_sample_of_messages_exists_in_both_languages() {
        let io = || std::io::Error::other("x");
        both("summary", || summary(2, 1));
        both("cli_error", || cli_error(&"x".into()));
        both("yaml_syntax", || yaml_syntax("x"));
        both("unknown_key", || unknown_key("titel"));
        both("unknown_key_hint", || unknown_key_hint("titel", &["title", "year"]));
        both("missing_field", || missing_field("title"));
        both("wrong_type", || wrong_type(&WHAT_NUMBER.into(), &found(Found::List)));
        both("not_a_number", || not_a_number("七千"));
        for fix in [NumberFix::Unquote("7907.98".into()), NumberFix::AsciiDigits("7907".into()), NumberFix::Percent("94.88".into()), NumberFix::Digits] {
            both("number_hint", || number_hint(&fix));
        }
        both("invalid_choice", || invalid_choice("x", &["a", "b"]));
        both("duplicate_id", || duplicate_id("indicator", "x", 3));
        both("id_mismatch", || id_mismatch("department id", "a", "b"));
        both("unknown_reference", || unknown_reference("task", "x"));
        both("bad_date", || bad_date("2023/5/10"));
        both("cannot_read", || cannot_read(&io()));
        both("build_summary", || build_summary(1, 2, 3, 4, 5, 6, 0.5, "public"));
        both("build_failed", || build_failed("public"));
        both("build_interrupted", || build_interrupted("public", false));
        both("build_interrupted published", || build_interrupted("public", true));
        both("output_locked", || output_locked("public", "12", "jixiao build"));
        both("archive_done", || archive_done(2022, 3, "archive/2022"));
        both("verify_failed", || verify_failed("x", 1, 2, 3));
        both("manifest_bad_line", || manifest_bad_line(3));
        both("snapshot_io", || snapshot_io("read", &io()));
        both("new_done", || new_done("x.yaml", 2022, 3));
        both("output_io", || output_io("write", "x", &io()));
        both("ui_string_missing", || ui_string_missing("nav.home", "i18n/en.yaml"));
        both("no_template", || no_template("report.html", "report"));
        both("check::summary", || check::summary(1, 2, 3));
        both("check::build_note", || check::build_note(false));
        both("check::execution_rate", || check::execution_rate(check::BUDGET_SECTION, "96.31", "1", "2", "96.13"));
        both("check::verdict", || check::verdict("1", "%", "≥", "2", false, true));
        both("check::verdict_arithmetic", || check::verdict_arithmetic("1", "≥", "2", false));
        both("check::change_arithmetic", || check::change_arithmetic("1", "2", true, "3", "4", "5", "6"));
        both("check::direction_changed", || check::direction_changed("x", "higher", 2021, "lower", 2022));
        both("serve::rebuilt", || serve::rebuilt("rebuild", 1, 2, 3, 4, 5.0, "render 3"));
        both("serve::port_in_use", || serve::port_in_use(8000, "127.0.0.1"));
        both("low_contrast", || low_contrast("#eeeeee", 1.2));
    }

    /// The string literals of Rust source from `at`: (text, end). Handles `\"` escapes.
    fn literal(src: &str, at: usize) -> Option<(String, usize)> {
        let start = at + src[at..].find('"')?;
        let mut out = String::new();
        let mut chars = src[start + 1..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => return Some((out, start + 1 + i + 1)),
                _ => out.push(c),
            }
        }
        None
    }

    /// Every `Msg::new(en, zh)`, `tr!(en, zh)` and `pick!(lang, en, zh)` in the files of this
    /// module gives a Chinese text that differs from the English one: no message was left in
    /// one language.
    #[test]
    fn every_text_in_these_files_has_a_chinese_version() {
        let files = [
            include_str!("mod.rs"),
            include_str!("input.rs"),
            include_str!("cli.rs"),
            include_str!("check.rs"),
            include_str!("serve.rs"),
            include_str!("site.rs"),
        ];
        let mut seen = 0;
        for (body, marker) in files.iter().flat_map(|src| {
            let body = src.find("#[cfg(test)]").map_or(*src, |i| &src[..i]);
            ["Msg::new(", "tr!(", "pick!("].map(|m| (body, m))
        }) {
            let mut from = 0;
            while let Some(i) = body[from..].find(marker) {
                let mut at = from + i + marker.len();
                from = at;
                // `pick!(lang, "…", "…")`: the texts follow the language.
                if let Some(rest) = body[at..].trim_start().strip_prefix("lang,") {
                    at = body.len() - rest.len();
                }
                if !body[at..].trim_start().starts_with('"') {
                    continue;
                }
                let (en, end) = literal(body, at).unwrap();
                let (zh, _) = literal(body, end).unwrap();
                // Separators count when they are the full-width Chinese ones.
                let chinese = cjk(&zh)
                    || zh.chars().any(|c| ('\u{3000}'..='\u{303f}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c) || "“”".contains(c));
                assert!(chinese && zh != en, "no Chinese text for {en:?}: {zh:?}");
                seen += 1;
            }
        }
        assert!(seen > 200, "found {seen} texts");
    }
}
