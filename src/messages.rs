//! Every message text jixiao prints about the user's input, in one place, in English and in
//! Chinese (zh-CN). Functions take the variable parts as plain values (the loader works out
//! what a figure should have been, the caller reads the files) and return a [`Text`] holding
//! both languages; nothing else builds user-facing text.
//!
//! The language is not chosen here: whoever prints a text or writes a page picks it with
//! [`Text::get`] (or [`Msg::get`]), given the [`Lang`] the command line resolved once. This
//! module sits at the bottom of the crate and imports nothing of it.

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
    /// The language of jixiao's messages for a run: `--lang` (`cli`) wins; otherwise Chinese
    /// when the locale (`locale`, see [`Lang::of_locale`]) is Chinese; otherwise Chinese when
    /// the site's `language` (`site`, read by the caller from `content/site.yaml`) starts with
    /// `zh`; English otherwise.
    pub fn resolve(cli: Option<Lang>, locale: Option<Lang>, site: Option<&str>) -> Lang {
        match (cli, locale) {
            (Some(lang), _) => lang,
            (None, Some(Lang::ZhCn)) => Lang::ZhCn,
            _ if site.and_then(Lang::parse) == Some(Lang::ZhCn) => Lang::ZhCn,
            _ => Lang::En,
        }
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
    /// Whether the text in either language contains `pattern`.
    pub fn contains(&self, pattern: &str) -> bool {
        self.en.contains(pattern) || self.zh.contains(pattern)
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

// ---- what was found instead -------------------------------------------------------------

/// A value of the input quoted in a message: "七千" in English, “七千” in Chinese.
pub fn quoted(text: &str) -> Text {
    tr!("\"{text}\"", "“{text}”")
}
/// The progress bar of `jixiao build` on a terminal (an indicatif template).
pub const PROGRESS_TEMPLATE: Msg = Msg::new(
    "{spinner} {msg:<8} [{bar:30}] {pos}/{len} pages  {elapsed}",
    "{spinner} {msg:<8} [{bar:30}] {pos}/{len} 个页面  {elapsed}",
);
/// "found nothing" (an empty value).
pub const FOUND_NOTHING: Msg = Msg::new("nothing", "空值");
/// "found a list".
pub const FOUND_LIST: Msg = Msg::new("a list", "列表");
/// "found a mapping".
pub const FOUND_MAPPING: Msg = Msg::new("a mapping (key: value lines)", "映射（“键: 值”形式的行）");

// ---- what was expected ------------------------------------------------------------------

/// Expected a number.
pub const WHAT_NUMBER: Msg = Msg::new("a number", "数字");
/// Expected a whole number.
pub const WHAT_INTEGER: Msg = Msg::new("a whole number", "整数");
/// Expected true or false.
pub const WHAT_BOOL: Msg = Msg::new("true or false", "true 或 false");
/// Expected text.
pub const WHAT_TEXT: Msg = Msg::new("text", "文本");
/// Expected a list.
pub const WHAT_LIST: Msg = Msg::new("a list (lines starting with \"- \")", "列表（以“- ”开头的行）");
/// Expected a mapping.
pub const WHAT_MAPPING: Msg = Msg::new("a mapping (indented \"key: value\" lines)", "映射（缩进的“键: 值”行）");

// ---- YAML structure ---------------------------------------------------------------------

/// The YAML parser's own explanation.
pub fn yaml_syntax(info: &str) -> Text {
    tr!("this is not valid YAML: {info}", "这不是有效的 YAML：{info}")
}
/// Hint for YAML syntax errors: where such mistakes usually are.
pub const YAML_SYNTAX_HINT: Msg = Msg::new(
    "check this line and the lines above it: an unclosed [ { or quote, a missing space after \":\", a tab used for indentation, or a line indented differently from its neighbours",
    "请检查本行及其上面几行：是否有未闭合的 [、{ 或引号，“:”后是否缺少空格，是否用制表符（Tab）缩进，或某一行的缩进与相邻行不一致",
);
/// A tab in a line's indentation.
pub const TAB_INDENT: Msg = Msg::new(
    "this line is indented with a tab; YAML indents with spaces only",
    "此行用制表符（Tab）缩进；YAML 只能用空格缩进",
);
/// Hint for a tab used for indentation.
pub const TAB_INDENT_HINT: Msg = Msg::new(
    "replace the tab with spaces, as many as the lines around it use (editors can show tabs and convert them)",
    "请把制表符换成空格，个数与上下行一致（编辑器可以显示并转换制表符）",
);
/// Several `---` documents in one file.
pub const MULTIPLE_DOCUMENTS: Msg =
    Msg::new("a file holds one YAML document; remove the extra \"---\"", "一个文件只能包含一个 YAML 文档；请删除多余的“---”");
/// `*alias` without `&anchor`.
pub const UNKNOWN_ALIAS: Msg = Msg::new(
    "this alias (*name) refers to an anchor (&name) that is not defined before it",
    "此别名（*name）引用的锚点（&name）在它之前没有定义",
);
/// Too many nodes after alias expansion.
pub fn too_many_nodes(limit: usize) -> Text {
    tr!(
        "refusing this file: its aliases (*name) expand to more than {limit} values, which looks like a file built to exhaust memory",
        "拒绝读取此文件：其中的别名（*name）展开后超过 {limit} 个值，看起来是为耗尽内存而构造的文件"
    )
}
/// Nesting deeper than the limit.
pub fn too_deep(limit: usize) -> Text {
    tr!(
        "refusing this file: lists and mappings nest more than {limit} levels deep",
        "拒绝读取此文件：列表和映射的嵌套超过 {limit} 层"
    )
}
/// A choice written in a form the loader does not read (e.g. a mapping where a word belongs).
pub const UNSUPPORTED_ENUM_FORM: Msg = Msg::new("unsupported enum form", "不支持此种写法：此处应填写一个选项值");
/// A mapping key that is not text.
pub const KEY_NOT_TEXT: Msg = Msg::new("a key must be a plain name such as `title`", "键必须是简单的名称，如 `title`");
/// The same key twice in one mapping.
pub fn duplicate_key(key: &str) -> Text {
    tr!("the key `{key}` appears twice in this mapping", "键 `{key}` 在此映射中出现了两次")
}
/// Hint for duplicate keys.
pub const DUPLICATE_KEY_HINT: Msg = Msg::new(
    "keep one of them; the second one would silently replace the first",
    "只保留其中一个；否则第二个会在没有任何提示的情况下覆盖第一个",
);

// ---- fields -----------------------------------------------------------------------------

/// Unknown key.
pub fn unknown_key(key: &str) -> Text {
    tr!("unknown key `{key}`", "未知的键 `{key}`")
}
/// Hint for an unknown key: the closest known name, or all of them.
pub fn unknown_key_hint(key: &str, fields: &[&str]) -> Text {
    Text::by_lang(|lang| {
        let known = list(fields, lang);
        match closest(key, fields) {
            Some(near) => pick!(lang, "did you mean `{near}`? Known keys here: {known}", "是否应为 `{near}`？此处可用的键：{known}"),
            None => pick!(lang, "known keys here: {known}", "此处可用的键：{known}"),
        }
    })
}
/// Missing required field.
pub fn missing_field(field: &str) -> Text {
    tr!("missing required field `{field}`", "缺少必填字段 `{field}`")
}
/// Hint for a missing field.
pub fn add_field_hint(field: &str, example: Option<&str>) -> Text {
    match example {
        Some(e) => tr!("add a line `{field}: {e}` to this mapping", "请在此映射中添加一行 `{field}: {e}`"),
        None => tr!("add `{field}:` to this mapping", "请在此映射中添加 `{field}:`"),
    }
}
/// A value that is present but empty.
pub fn empty_value(what: &Text) -> Text {
    let (what_en, what_zh) = (&what.en, &what.zh);
    tr!("this needs {what_en}, but it is empty", "此处应为{what_zh}，但为空")
}
/// A value of the wrong kind: `what` was expected, `found` (see [`found`]) was written.
pub fn wrong_type(what: &Text, found: &Text) -> Text {
    let (what_en, what_zh, found_en, found_zh) = (&what.en, &what.zh, &found.en, &found.zh);
    tr!("must be {what_en}, found {found_en}", "应为{what_zh}，实际为{found_zh}")
}
/// What a value is, for the "found …" of [`wrong_type`]: nothing, a list, a mapping, or the
/// scalar's text quoted.
pub fn found(kind: Found<'_>) -> Text {
    match kind {
        Found::Nothing => FOUND_NOTHING.into(),
        Found::List => FOUND_LIST.into(),
        Found::Mapping => FOUND_MAPPING.into(),
        Found::Scalar(text) => quoted(&short(text)),
    }
}
/// The kinds of value a "found …" names (see [`found`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found<'a> {
    /// An empty value.
    Nothing,
    /// A list.
    List,
    /// A mapping.
    Mapping,
    /// A scalar, with its text as written.
    Scalar(&'a str),
}
/// Hint showing an example value.
pub fn example_hint(example: &str) -> Text {
    tr!("for example: {example}", "例如：{example}")
}
/// Text with an invisible control character.
pub fn control_character(c: char) -> Text {
    let code = format!("U+{:04X}", c as u32);
    tr!(
        "contains the invisible control character {code}, which a web page cannot show",
        "含有不可见的控制字符 {code}，网页无法显示"
    )
}
/// Hint for a control character.
pub const CONTROL_CHARACTER_HINT: Msg = Msg::new(
    "delete it (such characters usually come with text copied out of a PDF or a word processor); in a double-quoted value, also check escapes such as \\x01 or \\e",
    "请删除它（这类字符通常随从 PDF 或文字处理软件复制的文本而来）；在双引号值中，也请检查 \\x01、\\e 之类的转义",
);
/// A figure that is not a plain number.
pub fn not_a_number(text: &str) -> Text {
    let shown = short(text);
    tr!("must be a number, found \"{shown}\"", "应为数字，实际为“{shown}”")
}
/// A figure with more significant digits than arithmetic on it can keep exact.
pub fn too_many_digits(text: &str, digits: usize, max: usize) -> Text {
    let shown = short(text);
    tr!(
        "\"{shown}\" has {digits} significant digits; jixiao computes exactly with at most {max}",
        "“{shown}”有 {digits} 位有效数字，jixiao 最多能精确计算 {max} 位"
    )
}
/// Hint for a figure with too many digits.
pub fn too_many_digits_hint() -> Text {
    tr!(
        "check the figure against the published report (a digit typed twice?); amounts are stated in 万元, so a department's budget has at most 9 or 10 digits",
        "请对照已公开的报告核对该数字（是否多输入了数字）；金额以万元为单位，一个部门的预算一般不超过 9 至 10 位数字"
    )
}
/// What to change so that a figure reads as a number, as the loader works it out from the text
/// written (see `load::number_fix`); each carries the figure as it should be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberFix {
    /// A number in quotes: remove them.
    Unquote(String),
    /// Full-width digits: use ASCII ones.
    AsciiDigits(String),
    /// Thousands separators: remove them.
    ThousandsSeparators(String),
    /// A decimal comma: use a decimal point.
    DecimalComma(String),
    /// Leading zeros: remove them.
    LeadingZeros(String),
    /// A percentage with `%`: write the number only.
    Percent(String),
    /// A number followed by its unit: write the number only.
    Unit(String),
    /// Nothing simple: write the figure in digits.
    Digits,
}

/// Hint for a figure that is not a plain number: says what to change.
pub fn number_hint(fix: &NumberFix) -> Text {
    match fix {
        NumberFix::Unquote(t) => tr!("remove the quotes: write {t} so it is read as a number", "请去掉引号：写成 {t}，才会作为数字读取"),
        NumberFix::AsciiDigits(ascii) => tr!("use ASCII digits: write {ascii}", "请使用半角数字：写成 {ascii}"),
        NumberFix::ThousandsSeparators(plain) => {
            tr!("remove the thousands separators: write {plain}", "请去掉千位分隔符：写成 {plain}")
        }
        NumberFix::DecimalComma(point) => tr!(
            "use a decimal point, not a comma: write {point} (a comma is read as a thousands separator only before exactly three digits)",
            "小数点请用“.”，不要用逗号：写成 {point}（逗号后恰好三位数字时才是千位分隔符）"
        ),
        NumberFix::LeadingZeros(plain) => tr!("remove the leading zero: write {plain}", "请去掉开头多余的 0：写成 {plain}"),
        NumberFix::Percent(n) => tr!("write the percentage as the number shown, without %: {n}", "百分比只写显示的数字，不带 %：{n}"),
        NumberFix::Unit(n) => tr!(
            "write only the number ({n}); the unit is stated once in the `unit` field",
            "只写数字（{n}）；单位在 `unit` 字段中统一注明"
        ),
        NumberFix::Digits => tr!(
            "write the figure in digits, e.g. 7907.98; leave it empty (~) if it is not known yet",
            "请用阿拉伯数字填写，如 7907.98；尚不清楚的，留空（~）"
        ),
    }
}

/// A figure written with a YAML tag such as `!!float`.
pub fn figure_tag(tag: &str) -> Text {
    // The parser resolves `!!float` to `tag:yaml.org,2002:float`: show it as it was typed.
    let shown = short(&tag.strip_prefix("tag:yaml.org,2002:").map_or_else(|| tag.to_string(), |t| format!("!!{t}")));
    tr!(
        "the YAML tag `{shown}` is not used in jixiao files: a figure is written as a plain number",
        "jixiao 文件不使用 `{shown}` 这类 YAML 标记：数字直接填写即可"
    )
}
/// Hint for a figure with a YAML tag: the value without the tag (`total: 8334.69`), or, when
/// the value is not a number either, what else to change (`fix`).
pub fn figure_tag_hint(field: Option<&str>, text: &str, fix: Option<&NumberFix>) -> Text {
    let t = text.trim();
    if let Some(fix) = fix {
        let rest = number_hint(fix);
        let (rest_en, rest_zh) = (&rest.en, &rest.zh);
        return tr!("delete the tag; then {rest_en}", "请删除该标记；另外，{rest_zh}");
    }
    let plain = match field {
        Some(f) => format!("{f}: {t}"),
        None => t.to_string(),
    };
    tr!("delete the tag and write the number plainly: `{plain}`", "请删除该标记，直接写数字：`{plain}`")
}
/// A money amount written as a negative number.
pub fn negative_amount(field: &str, text: &str) -> Text {
    let shown = short(text);
    tr!(
        "`{field}` is an amount of money and cannot be negative, found {shown}",
        "`{field}` 是金额，不能为负数，实际为 {shown}"
    )
}
/// Hint for a negative money amount.
pub fn negative_amount_hint(unit: &str) -> Text {
    tr!(
        "budget figures are amounts in {unit} and cannot be negative: check the figure against the published report and write it without the minus sign",
        "预算数字是以{unit}为单位的金额，不能为负数：请对照已公开的报告核对，去掉负号"
    )
}
/// One of a fixed set of values.
pub fn one_of(choices: &[&str]) -> Text {
    Text::by_lang(|lang| {
        let all = list(choices, lang);
        pick!(lang, "one of {all}", "以下之一：{all}")
    })
}
/// A value not among the allowed choices.
pub fn invalid_choice(found: &str, choices: &[&str]) -> Text {
    let shown = short(found);
    Text::by_lang(|lang| {
        let all = list(choices, lang);
        pick!(lang, "\"{shown}\" is not allowed here; expected one of: {all}", "此处不允许填写“{shown}”；应为以下之一：{all}")
    })
}
/// Hint for an invalid choice.
pub fn choice_hint(found: &str, choices: &[&str]) -> Text {
    // Operators have spellings no string distance finds (`=>` is closer to `=` than to `≥`).
    let operator = match found.trim() {
        "=>" | "≧" | "⩾" | "大于等于" | "不低于" | "不少于" => Some("≥"),
        "=<" | "≦" | "⩽" | "小于等于" | "不高于" | "不超过" => Some("≤"),
        _ => None,
    }
    .filter(|op| choices.contains(op));
    match operator.or_else(|| closest(found, choices)) {
        Some(near) => tr!("did you mean `{near}`?", "是否应为 `{near}`？"),
        None => Text::by_lang(|lang| {
            let all = list(choices, lang);
            pick!(lang, "write one of: {all}", "请填写以下之一：{all}")
        }),
    }
}

// ---- files ------------------------------------------------------------------------------

/// A file could not be read.
pub fn cannot_read(err: &std::io::Error) -> Text {
    tr!("cannot read this file: {err}", "无法读取此文件：{err}")
}
/// A folder could not be read because it contains itself through a link.
pub fn cannot_read_loop() -> Text {
    let (loop_en, loop_zh) = (FILE_SYSTEM_LOOP.en, FILE_SYSTEM_LOOP.zh);
    tr!("cannot read this file: {loop_en}", "无法读取此文件：{loop_zh}")
}
/// The content folder is missing.
pub const NO_CONTENT: Msg = Msg::new("there is no content folder here", "此处没有 content 文件夹");
/// Hint for a missing content folder.
pub const NO_CONTENT_HINT: Msg = Msg::new(
    "run jixiao in the site folder (the one holding content/ and themes/), or pass --root DIR",
    "请在网站文件夹（包含 content/ 和 themes/ 的文件夹）中运行 jixiao，或用 --root DIR 指定该文件夹",
);
/// site.yaml is missing.
pub const NO_SITE_YAML: Msg = Msg::new("content/site.yaml is missing", "缺少 content/site.yaml");
/// Hint for missing site.yaml.
pub const NO_SITE_YAML_HINT: Msg = Msg::new(
    "create it with at least `title:`, `base_url:` and `publisher:`",
    "请创建该文件，至少写明 `title:`、`base_url:` 和 `publisher:`",
);
/// An empty file.
pub const EMPTY_FILE: Msg = Msg::new("this file is empty", "此文件为空");
/// Hint for an empty file.
pub const EMPTY_FILE_HINT: Msg =
    Msg::new("fill it in, or delete it if it was created by mistake", "请填写内容；如果是误建的文件，请删除");
/// A file that is not a mapping at top level.
pub const NOT_A_MAPPING: Msg = Msg::new(
    "the file must be a mapping of `key: value` lines at the top level",
    "文件顶层必须是由 `键: 值` 行组成的映射",
);
/// A folder that contains itself through a link.
pub const FILE_SYSTEM_LOOP: Msg = Msg::new("file system loop", "文件系统中存在循环链接");
/// Why a file is not UTF-8: it is UTF-16.
pub const UTF16_GUESS: Msg = Msg::new(" (it is UTF-16)", "（它是 UTF-16 编码）");
/// Why a file is not UTF-8: it looks like GBK.
pub const GB_GUESS: Msg = Msg::new(
    " (it looks like GBK/GB18030, the usual encoding of Chinese Windows editors)",
    "（看起来是 GBK/GB18030 编码，即中文 Windows 编辑器常用的编码）",
);
/// Not UTF-8.
pub fn not_utf8(encoding_guess: Option<Msg>) -> Text {
    let (guess_en, guess_zh) = encoding_guess.map_or(("", ""), |g| (g.en, g.zh));
    tr!("this file is not UTF-8 text{guess_en}", "此文件不是 UTF-8 文本{guess_zh}")
}
/// Hint for a non-UTF-8 file.
pub fn not_utf8_hint(file: &str, from: &str) -> Text {
    tr!(
        "save it as UTF-8 (in Notepad: 另存为 → 编码 UTF-8), or convert it: iconv -f {from} -t UTF-8 {file} > converted.yaml",
        "请另存为 UTF-8（记事本：另存为 → 编码 UTF-8），或用命令转换：iconv -f {from} -t UTF-8 {file} > converted.yaml"
    )
}
/// Hint for a file that is not UTF-8 and does not look like GBK either.
pub const NOT_UTF8_UNKNOWN_HINT: Msg = Msg::new(
    "open the file in a text editor and save it as UTF-8; if the editor cannot read it either, it may not be text at all (a Word or PDF file renamed to .yaml?)",
    "请用文本编辑器打开此文件并另存为 UTF-8；如果编辑器也无法正常显示，它可能根本不是文本文件（例如被改名为 .yaml 的 Word 或 PDF 文件）",
);
/// A file too big to be a report.
pub fn too_large(limit_mb: u64) -> Text {
    tr!(
        "refusing this file: it is larger than {limit_mb} MB, far more than any report",
        "拒绝读取此文件：它大于 {limit_mb} MB，远超任何一份报告的大小"
    )
}
/// An unexpected file in a department folder.
pub const UNEXPECTED_FILE: Msg = Msg::new(
    "unexpected file: a department folder holds department.yaml and one <year>.yaml per report (e.g. 2022.yaml)",
    "多余的文件：部门文件夹中只应有 department.yaml 和每份报告一个 <年度>.yaml（如 2022.yaml）",
);
/// A department folder without department.yaml.
pub const NO_DEPARTMENT_YAML: Msg =
    Msg::new("this department folder has no department.yaml", "此部门文件夹中没有 department.yaml");
/// Hint for a missing department.yaml.
pub const NO_DEPARTMENT_YAML_HINT: Msg = Msg::new(
    "add department.yaml with at least `name:` (the department's full name)",
    "请添加 department.yaml，至少写明 `name:`（部门全称）",
);

// ---- ids and references -----------------------------------------------------------------

/// An id in the file disagrees with the path.
pub fn id_mismatch(kind: &str, written: &str, from_path: &str) -> Text {
    Text::by_lang(|lang| {
        let kind = word(kind, lang);
        pick!(lang, 
            "this {kind} says \"{written}\" but the file's path says \"{from_path}\"",
            "此处的{kind}写的是“{written}”，但文件路径表明是“{from_path}”"
        )
    })
}
/// Hint for an id mismatch.
pub fn id_mismatch_hint(from_path: &str) -> Text {
    tr!(
        "write \"{from_path}\" here, or remove the line (the path decides), or rename the file",
        "请在此处写“{from_path}”，或删除此行（以路径为准），或重命名文件"
    )
}
/// A department id that names a site section.
pub fn reserved_id(id: &str) -> Text {
    tr!(
        "\"{id}\" cannot be a department id: it is reserved for a section of the site",
        "“{id}”不能用作部门 id：它是网站某一栏目的保留名称"
    )
}
/// Hint for a reserved id.
pub fn reserved_id_hint(reserved: &[&str]) -> Text {
    Text::by_lang(|lang| {
        let all = list(reserved, lang);
        pick!(lang, "rename the folder; reserved names: {all}", "请重命名该文件夹；保留名称：{all}")
    })
}
/// An id with characters that do not belong in a URL.
pub fn bad_id(id: &str) -> Text {
    let shown = short(id);
    tr!("\"{shown}\" is not a valid id", "“{shown}”不是有效的 id")
}
/// Hint for a bad id.
pub const BAD_ID_HINT: Msg = Msg::new(
    "ids appear in web addresses: use lowercase letters a-z, digits and hyphens, starting with a letter or digit, e.g. grid-events",
    "id 会出现在网址中：请只用小写字母 a-z、数字和连字符，并以字母或数字开头，如 grid-events",
);
/// Two items with the same id.
pub fn duplicate_id(kind: &str, id: &str, first_line: usize) -> Text {
    Text::by_lang(|lang| {
        let kind = word(kind, lang);
        pick!(lang, 
            "duplicate {kind} id \"{id}\" (first used on line {first_line})",
            "{kind} id “{id}”重复（第 {first_line} 行已使用）"
        )
    })
}
/// Hint for duplicate ids.
pub const DUPLICATE_ID_HINT: Msg = Msg::new(
    "each id must be unique within the report: it is how the same measure is found in other years",
    "报告内每个 id 必须唯一：其他年度正是靠 id 找到同一项指标的",
);
/// A reference to an id that does not exist.
pub fn unknown_reference(kind: &str, id: &str) -> Text {
    Text::by_lang(|lang| {
        let kind = word(kind, lang);
        pick!(lang, "there is no {kind} with id \"{id}\" in this report", "本报告中没有 id 为“{id}”的{kind}")
    })
}
/// Hint for an unknown reference.
pub fn unknown_reference_hint(id: &str, known: &[&str]) -> Text {
    Text::by_lang(|lang| {
        let all = list(known, lang);
        match closest(id, known) {
            Some(near) => pick!(lang, "did you mean \"{near}\"? Known ids: {all}", "是否应为“{near}”？已有的 id：{all}"),
            None => pick!(lang, "known ids: {all}", "已有的 id：{all}"),
        }
    })
}
/// A date not in YYYY-MM-DD form.
pub fn bad_date(text: &str) -> Text {
    let shown = short(text);
    tr!("\"{shown}\" is not a date in the form YYYY-MM-DD", "“{shown}”不是 YYYY-MM-DD 格式的日期")
}
/// Hint for a bad date.
pub const BAD_DATE_HINT: Msg = Msg::new(
    "write the date as 2023-05-10 (year-month-day, with leading zeros)",
    "日期请写成 2023-05-10 的形式（年-月-日，月和日不足两位的前面补 0）",
);
/// A numeric target missing its operator or value.
pub const TARGET_INCOMPLETE: Msg = Msg::new(
    "a numeric target needs both `op` (≥ ≤ = > <) and `value`",
    "数值型目标需要同时填写 `op`（≥ ≤ = > <）和 `value`",
);
/// Hint for an incomplete target.
pub const TARGET_INCOMPLETE_HINT: Msg = Msg::new(
    "for example `target: {op: \"≥\", value: 90}`; for a qualitative target write only `text:`",
    "例如 `target: {op: \"≥\", value: 90}`；定性目标只写 `text:`",
);
/// An empty target.
pub const TARGET_EMPTY: Msg = Msg::new("the target is empty", "目标为空");
/// Hint for an empty target.
pub const TARGET_EMPTY_HINT: Msg = Msg::new(
    "give `op` and `value` for a numeric target, or `text` for a qualitative one, or remove `target:`",
    "数值型目标请填写 `op` 和 `value`，定性目标请填写 `text`，或删除 `target:`",
);
/// 部门概况 with neither text nor a withheld notice.
pub const OVERVIEW_EMPTY: Msg = Msg::new(
    "the overview (部门概况) has neither `text` nor `withheld`",
    "部门概况既没有 `text`，也没有 `withheld`",
);
/// Hint for an empty overview.
pub const OVERVIEW_EMPTY_HINT: Msg = Msg::new(
    "write the published text, or `withheld: {basis: ...}` with the legal basis for not publishing it",
    "请填写公开的文本，或用 `withheld: {basis: ...}` 写明不予公开的法律依据",
);
/// A year out of range in a file name.
pub fn bad_year(name: &str) -> Text {
    tr!("\"{name}\" is not a report year", "“{name}”不是报告年度")
}
/// Hint for a bad year.
pub const BAD_YEAR_HINT: Msg = Msg::new(
    "report files are named by their four-digit year, e.g. 2022.yaml",
    "报告文件以四位数的年度命名，如 2022.yaml",
);

/// The known name nearest to `word`, if one is close enough to be a likely typo.
pub fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(word, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}
/// A free page without front matter.
pub const NO_FRONT_MATTER: Msg = Msg::new(
    "a page must start with front matter: a line \"---\", `title: ...`, and a closing \"---\"",
    "页面必须以前置信息开头：一行“---”，然后是 `title: ...`，再以一行“---”结束",
);
/// Hint for missing front matter.
pub const NO_FRONT_MATTER_HINT: Msg =
    Msg::new("start the file with:\n---\ntitle: 关于本站\n---", "请在文件开头写：\n---\ntitle: 关于本站\n---");
/// A base URL that is not absolute.
pub fn bad_base_url(url: &str) -> Text {
    let shown = short(url);
    tr!("\"{shown}\" is not an absolute web address", "“{shown}”不是完整的网址")
}
/// Hint for a bad base URL.
pub const BAD_BASE_URL_HINT: Msg = Msg::new(
    "write the address where the site is published, starting with https:// or http://, e.g. https://www.example.gov.cn/jixiao/",
    "请填写网站发布的地址，以 https:// 或 http:// 开头，如 https://www.example.gov.cn/jixiao/",
);

// ---- command line -----------------------------------------------------------------------

/// The closing line of a successful build.
pub fn build_done(reports: usize, files: usize, written: usize, removed: usize, warnings: usize, seconds: f64, output: &str) -> Text {
    tr!(
        "built {reports} reports, {files} files ({written} written, {removed} removed), {warnings} warnings in {seconds:.2} s → {output}",
        "已构建 {reports} 份报告、{files} 个文件（写入 {written} 个，删除 {removed} 个），{warnings} 个警告，用时 {seconds:.2} 秒 → {output}"
    )
}
/// The closing line of a failed build.
pub fn build_failed(output: &str) -> Text {
    tr!("build failed; nothing in {output} was changed", "构建失败；{output} 中的内容没有任何改动")
}
/// `jixiao schema --out`: a schema file written.
pub fn schema_written(path: &str) -> Text {
    tr!("wrote {path}", "已写入 {path}")
}
/// `jixiao schema KIND` with an unknown kind.
pub fn no_schema(kind: &str, kinds: &[&str]) -> Text {
    Text::by_lang(|lang| {
        let all = list(kinds, lang);
        pick!(lang, "no schema for `{kind}`; choose one of {all}", "没有 `{kind}` 的 schema；请从以下选择：{all}")
    })
}
/// `jixiao build --verbose`: one stage's time.
pub fn stage_time(stage: &str, ms: f64, cpu_ms: f64, rss_mb: u64) -> Text {
    tr!(
        "  {stage:<8} {ms:>9.1} ms   CPU {cpu_ms:>9.1} ms   memory after {rss_mb:>6} MB",
        "  {stage:<8} {ms:>9.1} 毫秒   CPU {cpu_ms:>9.1} 毫秒   阶段结束时内存 {rss_mb:>6} MB"
    )
}

// ---- yearly snapshots (archive, verify, bundle) -----------------------------------------

/// `jixiao archive` made a snapshot.
pub fn archive_done(year: u16, files: usize, dir: &str) -> Text {
    tr!("archived {year}: {files} files → {dir}", "已归档 {year} 年度：{files} 个文件 → {dir}")
}
/// `jixiao archive --force` kept the snapshot it replaced.
pub fn archive_kept(old: &str) -> Text {
    tr!("the previous snapshot was kept as {old}", "原快照已保留为 {old}")
}
/// Label of the manifest digest line (the digest to publish).
pub fn archive_digest_hint(manifest: &str) -> Text {
    tr!(
        "SHA-256 of {manifest} (publish this digest so that anyone can check the snapshot)",
        "{manifest} 的 SHA-256（请公布此摘要，以便任何人核验快照）"
    )
}
/// `jixiao archive` failed.
pub fn archive_failed(year: u16) -> Text {
    tr!("archiving {year} failed; existing snapshots were not changed", "{year} 年度归档失败；现有快照没有任何改动")
}
/// `jixiao verify`: one snapshot checked and identical.
pub fn verify_ok(what: &str, files: usize, digest: &str) -> Text {
    tr!(
        "{what}: OK, {files} files identical to the manifest (manifest SHA-256 {digest})",
        "{what}：完好，{files} 个文件与清单完全一致（清单 SHA-256 {digest}）"
    )
}
/// `jixiao verify`: one snapshot differs.
pub fn verify_failed(what: &str, changed: usize, missing: usize, added: usize) -> Text {
    tr!(
        "{what}: DIFFERS from its manifest: {changed} changed, {missing} missing, {added} added",
        "{what}：与清单不一致：{changed} 个被修改，{missing} 个缺失，{added} 个多出"
    )
}
/// `jixiao verify`: a file differs.
pub fn verify_changed(path: &str) -> Text {
    tr!("  changed: {path}", "  被修改：{path}")
}
/// `jixiao verify`: a listed file is absent.
pub fn verify_missing(path: &str) -> Text {
    tr!("  missing: {path}", "  缺失：  {path}")
}
/// `jixiao verify`: a file is not listed.
pub fn verify_added(path: &str) -> Text {
    tr!("  added:   {path}", "  多出：  {path}")
}
/// `jixiao verify --expect`: the manifest is not the published one.
pub fn verify_expect_mismatch(what: &str, expected: &str, actual: &str) -> Text {
    tr!(
        "{what}: the manifest's SHA-256 is {actual}, but {expected} was expected (the manifest itself was changed or replaced)",
        "{what}：清单的 SHA-256 为 {actual}，但应为 {expected}（清单本身被修改或替换过）"
    )
}
/// `jixiao verify` without a year and no snapshot exists.
pub fn verify_none(dir: &str) -> Text {
    tr!("no snapshots in {dir}; make one with `jixiao archive <year>`", "{dir} 中没有快照；请用 `jixiao archive <年度>` 生成")
}
/// `jixiao verify --expect` needs one snapshot.
pub const VERIFY_EXPECT_NEEDS_ONE: Msg = Msg::new(
    "--expect checks one snapshot: name its YEAR or --dir",
    "--expect 只核验一个快照：请指定其年度（YEAR）或 --dir",
);
/// What `jixiao verify` calls the snapshot of a year.
pub fn snapshot_name(year: u16) -> Text {
    tr!("snapshot {year}", "{year} 年度快照")
}
/// A snapshot of that year exists.
pub fn snapshot_exists(year: u16) -> Text {
    tr!(
        "a snapshot of {year} already exists; a snapshot is never replaced silently",
        "{year} 年度的快照已存在；快照不会被悄悄替换"
    )
}
/// How to go on when a snapshot exists.
pub fn snapshot_exists_hint(year: u16) -> Text {
    tr!(
        "check it with `jixiao verify {year}`; to replace it anyway pass --force (the old snapshot is kept under a dated name)",
        "请用 `jixiao verify {year}` 核验；如仍要替换，请加 --force（旧快照会以带日期的名称保留）"
    )
}
/// A manifest that cannot be parsed.
pub fn manifest_invalid(why: &Text) -> Text {
    let (why_en, why_zh) = (&why.en, &why.zh);
    tr!("the snapshot manifest is invalid: {why_en}", "快照清单无效：{why_zh}")
}
/// Hint for an invalid manifest.
pub const MANIFEST_INVALID_HINT: Msg =
    Msg::new("a manifest is written by `jixiao archive` and must not be edited", "清单由 `jixiao archive` 生成，不得手工编辑");
/// Why a manifest is invalid: its first line.
pub const MANIFEST_NO_HEADER: Msg =
    Msg::new("line 1: not a jixiao snapshot manifest (header missing)", "第 1 行：不是 jixiao 快照清单（缺少文件头）");
/// Why a manifest is invalid: a metadata line.
pub fn manifest_bad_meta(n: usize) -> Text {
    tr!("line {n}: expected `# key: value`", "第 {n} 行：应为 `# 键: 值`")
}
/// Why a manifest is invalid: a file line.
pub fn manifest_bad_line(n: usize) -> Text {
    tr!("line {n}: expected `<sha256>  <path>`", "第 {n} 行：应为 `<sha256>  <路径>`")
}
/// Why a manifest is invalid: a digest.
pub fn manifest_bad_hash(n: usize, hash: &str) -> Text {
    tr!("line {n}: `{hash}` is not a SHA-256 in lowercase hex", "第 {n} 行：`{hash}` 不是小写十六进制的 SHA-256")
}
/// Why a manifest is invalid: a path.
pub fn manifest_bad_path(n: usize, path: &str) -> Text {
    tr!("line {n}: `{path}` is not a relative path inside the snapshot", "第 {n} 行：`{path}` 不是快照内的相对路径")
}
/// Why a manifest is invalid: a path twice.
pub fn manifest_twice(n: usize, path: &str) -> Text {
    tr!("line {n}: `{path}` is listed twice", "第 {n} 行：`{path}` 列出了两次")
}
/// Why a manifest is invalid: metadata missing.
pub fn manifest_missing_meta(key: &str) -> Text {
    tr!("metadata `# {key}: …` is missing", "缺少元数据 `# {key}: …`")
}
/// Why a manifest is invalid: the year.
pub fn manifest_bad_year(year: &str) -> Text {
    tr!("`year: {year}` is not a year", "`year: {year}` 不是年度")
}
/// Why a manifest is invalid: the file count.
pub fn manifest_count(count: &str, listed: usize) -> Text {
    tr!("`files: {count}` but {listed} files are listed", "`files: {count}`，但列出了 {listed} 个文件")
}
/// A site file whose name a snapshot cannot hold.
pub const UNUSABLE_NAME: Msg =
    Msg::new("the site has a file with this reserved or unusable name", "网站中有一个使用保留名称或不可用名称的文件");
/// A file in a snapshot folder that is not a regular file.
pub const NOT_A_REGULAR_FILE: Msg = Msg::new("not a regular file", "不是普通文件");
/// A year folder under archive/ that is not a snapshot.
pub fn not_a_snapshot_hint(year: u16) -> Text {
    tr!(
        "archive/{year}/ is not a snapshot made by `jixiao archive {year}`; move it out of archive/ or make it again",
        "archive/{year}/ 不是由 `jixiao archive {year}` 生成的快照；请将其移出 archive/，或重新生成"
    )
}
/// The live build copies a snapshot that differs from its manifest.
pub const SNAPSHOT_TAMPERED: Msg = Msg::new(
    "the snapshot differs from its manifest; it is published as it is",
    "快照与其清单不一致；将按现状发布",
);
/// Hint for a snapshot that differs from its manifest.
pub fn snapshot_tampered_hint(year: u16) -> Text {
    tr!("run `jixiao verify {year}` to see which files changed", "请运行 `jixiao verify {year}` 查看哪些文件被修改")
}
/// No manifest where a snapshot was named.
pub fn no_snapshot(manifest: &str) -> Text {
    tr!("no snapshot here (no {manifest})", "此处没有快照（没有 {manifest}）")
}
/// Hint when no snapshot is found.
pub const NO_SNAPSHOT_HINT: Msg = Msg::new(
    "make one with `jixiao archive <year>`, or name a snapshot folder with --dir",
    "请用 `jixiao archive <年度>` 生成快照，或用 --dir 指定快照文件夹",
);
/// A bundle name with an unknown extension.
pub const BUNDLE_EXTENSION: Msg =
    Msg::new("a bundle is a .tar.gz (or .tgz) or a .zip file", "打包文件应为 .tar.gz（或 .tgz）或 .zip 文件");
/// Hint for a bundle name.
pub const BUNDLE_EXTENSION_HINT: Msg =
    Msg::new("name the file e.g. jixiao-2022.tar.gz or jixiao-2022.zip", "文件名可写成 jixiao-2022.tar.gz 或 jixiao-2022.zip");
/// Reading or writing a snapshot failed.
pub fn snapshot_io(action: &str, err: &std::io::Error) -> Text {
    snapshot_failed(action, &Text::same(err.to_string()))
}
/// Reading or writing a snapshot failed, for `why` (the system's words or jixiao's).
pub fn snapshot_failed(action: &str, why: &Text) -> Text {
    Text::by_lang(|lang| {
        let (action, why) = (word(action, lang), why.get(lang));
        pick!(lang, "cannot {action} this: {why}", "无法{action}：{why}")
    })
}
/// `jixiao bundle` of a snapshot that differs from its manifest.
pub fn bundle_tampered_hint(year: u16) -> Text {
    tr!(
        "run `jixiao verify {year}` to see which files; a bundle is only made of an intact snapshot",
        "请运行 `jixiao verify {year}` 查看是哪些文件；只有完好无损的快照才能打包"
    )
}
/// `jixiao bundle` wrote a file.
pub fn bundle_done(year: u16, entries: usize, file: &str, digest: &str) -> Text {
    tr!(
        "bundled snapshot {year}: {entries} files → {file} (SHA-256 {digest})",
        "已打包 {year} 年度快照：{entries} 个文件 → {file}（SHA-256 {digest}）"
    )
}

// ── Open data, attachments, authoring (`data`, `new`, `init`, `schema`) ──

/// An attachment could not be read while building.
pub fn attachment_unreadable(file: &str, e: &std::io::Error) -> Text {
    tr!("attachment `{file}` could not be read: {e}", "无法读取附件 `{file}`：{e}")
}
/// An attachment named in a report does not exist.
pub fn attachment_missing(file: &str, looked: &str) -> Text {
    tr!("attachment `{file}` not found (looked for {looked})", "找不到附件 `{file}`（查找的位置：{looked}）")
}
/// Hint for a missing attachment.
pub const ATTACHMENT_MISSING_HINT: Msg = Msg::new(
    "put the file in a subfolder of the department's folder (e.g. files/) and give its path relative to that folder",
    "请将文件放在部门文件夹下的子文件夹中（如 files/），并写明相对于部门文件夹的路径",
);
/// An attachment path leaves the department's folder or is absolute.
pub fn attachment_bad_path(file: &str) -> Text {
    tr!(
        "attachment path `{file}` must be relative to the report's folder and stay inside it",
        "附件路径 `{file}` 必须是相对于报告所在文件夹的路径，且不能超出该文件夹"
    )
}
/// An attachment whose path, through a link, leads out of the report's folder.
pub fn attachment_link_outside(file: &str) -> Text {
    tr!(
        "attachment `{file}` is a link (or lies in a linked folder) that leads outside the report's folder; jixiao publishes only files that are really there",
        "附件 `{file}` 是一个链接（或位于链接的文件夹中），指向报告文件夹之外；jixiao 只发布确实位于该文件夹中的文件"
    )
}
/// A link in `content/` that leads outside it.
pub fn link_outside_content(target: &str) -> Text {
    tr!(
        "this is a link to `{target}`, outside content/: jixiao does not follow it, so that nothing outside the site's content is published",
        "这是指向 content/ 之外 `{target}` 的链接：为避免发布网站内容以外的文件，jixiao 不会跟随它"
    )
}
/// Hint for a link that leaves `content/`.
pub const LINK_OUTSIDE_CONTENT_HINT: Msg = Msg::new(
    "copy the file into content/ instead of linking to it",
    "请把文件复制到 content/ 中，不要使用链接",
);
/// A link to a folder inside `content/`.
pub const LINKED_FOLDER: Msg = Msg::new(
    "this is a link to a folder: jixiao does not follow links to folders, so nothing in it is read",
    "这是指向文件夹的链接：jixiao 不跟随指向文件夹的链接，其中的文件都不会被读取",
);
/// Hint for a linked folder.
pub const LINKED_FOLDER_HINT: Msg = Msg::new(
    "put the folder itself here instead of a link to it",
    "请把文件夹本身放在这里，而不是指向它的链接",
);
/// Hint for a bad attachment path.
pub const ATTACHMENT_BAD_PATH_HINT: Msg = Msg::new(
    "write e.g. `files/2022-自评报告.pdf`, without `..` or a leading `/`",
    "例如写成 `files/2022-自评报告.pdf`，不要含 `..`，也不要以 `/` 开头",
);
/// Two attachments would be published under the same name.
pub fn attachment_duplicate(name: &str) -> Text {
    tr!(
        "two attachments are named `{name}`: each is published as files/<name> and would overwrite the other",
        "有两个附件都名为 `{name}`：附件都发布为 files/<文件名>，会相互覆盖"
    )
}
/// Hint for duplicate attachment names.
pub const ATTACHMENT_DUPLICATE_HINT: Msg = Msg::new("rename one of the files", "请重命名其中一个文件");
/// A figure left empty (`~`) in a report that is not a draft.
pub fn empty_figure(field: &str) -> Text {
    tr!(
        "figure `{field}` is still empty (~), so the report cannot be published",
        "数字 `{field}` 仍为空（~），报告无法发布"
    )
}
/// Hint for an empty figure in a published report.
pub const EMPTY_FIGURE_HINT: Msg = Msg::new(
    "fill in the published figure, delete the line if the report does not state it, or keep `draft: true` until it is complete",
    "请填写已公布的数字；报告中没有该数字的，请删除此行；或在填写完整之前保留 `draft: true`",
);
/// A figure left empty (`~`) in a draft: listed so the author sees what remains.
pub fn empty_figure_draft(field: &str) -> Text {
    tr!("figure `{field}` is still empty (~) in this draft", "此草稿中的数字 `{field}` 仍为空（~）")
}
/// Hint for an empty figure in a draft.
pub const EMPTY_FIGURE_DRAFT_HINT: Msg = Msg::new("fill it in before setting `draft: false`", "请在设置 `draft: false` 之前填写");
/// `jixiao new`: the file exists.
pub fn new_exists(path: &str) -> Text {
    tr!("{path} already exists; jixiao new never overwrites a report", "{path} 已存在；jixiao new 不会覆盖已有的报告")
}
/// `jixiao new`: no such department folder.
pub fn new_no_department(id: &str, dir: &str) -> Text {
    tr!("no department `{id}`: {dir} has no department.yaml", "没有部门 `{id}`：{dir} 中没有 department.yaml")
}
/// `jixiao new`: the command to run with a valid id, the second line of the bad-id hint.
pub fn new_try_instead(id: &str, year: u16) -> Text {
    tr!("for example: jixiao new {id} {year}", "例如：jixiao new {id} {year}")
}
/// `jixiao new`: hint for a reserved department id.
pub fn new_reserved_hint(reserved: &[&str]) -> Text {
    Text::by_lang(|lang| {
        let all = list(reserved, lang);
        pick!(lang, 
            "use another department id (its folder name under content/); reserved names: {all}",
            "请换一个部门 id（即 content/ 下的文件夹名）；保留名称：{all}"
        )
    })
}
/// `jixiao new`: the department has no report to start from.
pub fn new_no_previous(id: &str, year: u16) -> Text {
    tr!(
        "department `{id}` has no report before {year} to start from",
        "部门 `{id}` 在 {year} 年度之前没有可作为起点的报告"
    )
}
/// `jixiao new`: done.
pub fn new_done(path: &str, from: u16, empty: usize) -> Text {
    tr!(
        "wrote {path} from the {from} report: draft, {empty} figures left empty (~) to fill in; preview with `jixiao build --drafts`",
        "已根据 {from} 年度报告生成 {path}：草稿，{empty} 个数字留空（~）待填写；可用 `jixiao build --drafts` 预览"
    )
}
/// `jixiao init`: the folder is not empty.
pub fn init_not_empty(dir: &str) -> Text {
    tr!(
        "{dir} is not empty; jixiao init only creates a site in an empty or new folder",
        "{dir} 不是空文件夹；jixiao init 只在空文件夹或新文件夹中创建网站"
    )
}
/// `jixiao init`: done.
pub fn init_done(dir: &str) -> Text {
    tr!(
        "created a new site in {dir}: edit content/site.yaml, then run `jixiao build --root {dir} --drafts`",
        "已在 {dir} 创建新网站：请编辑 content/site.yaml，然后运行 `jixiao build --root {dir} --drafts`"
    )
}
/// Could not write a file.
pub fn cannot_write(path: &str, e: &std::io::Error) -> Text {
    tr!("could not write {path}: {e}", "无法写入 {path}：{e}")
}

// ---- check (consistency rules, `jixiao check`) ------------------------------------------

/// Texts of `jixiao check`: rule descriptions and hints (`(description, hint)` per rule id),
/// finding messages with their figures, and the arithmetic shown to auditors.
///
/// The names of figures (全年执行数, 项目支出 …) are the report's own terms and stay Chinese in
/// both languages, as do the labels a report gives its figures.
pub mod check {
    use super::{Msg, Text, word};

    /// Label of the rule line under a finding.
    pub const RULE_LABEL: Msg = Msg::new("rule", "规则");
    /// Label of the figures line.
    pub const FIGURES_LABEL: Msg = Msg::new("figures", "涉及数字");
    /// Label of the arithmetic line.
    pub const ARITHMETIC_LABEL: Msg = Msg::new("arithmetic", "计算");
    /// Label of the acknowledgement line.
    pub const ACKNOWLEDGED_LABEL: Msg = Msg::new("acknowledged", "已确认");
    /// Kind of an acknowledged error.
    pub const ERROR_ACKNOWLEDGED: Msg = Msg::new("error (acknowledged)", "错误（已确认）");
    /// Kind of an acknowledged warning.
    pub const WARNING_ACKNOWLEDGED: Msg = Msg::new("warning (acknowledged)", "警告（已确认）");

    /// The budget section of a report.
    pub const BUDGET_SECTION: &str = "部门整体收支情况";
    /// 全年执行数.
    pub const EXECUTED: &str = "全年执行数";
    /// 全年预算数.
    pub const BUDGET_TOTAL: &str = "全年预算数";
    /// 年初预算数.
    pub const INITIAL: &str = "年初预算数";
    /// 基本支出.
    pub const BASIC: &str = "基本支出";
    /// 项目支出.
    pub const PROJECT: &str = "项目支出";
    /// 年末结转和结余.
    pub const CARRY_OVER: &str = "年末结转和结余";
    /// Funds covered by self-evaluated projects.
    pub const COVERED: &str = "自评项目涉及资金";
    /// Share of project spending covered.
    pub const COVERED_SHARE: &str = "占项目支出比例";
    /// 执行率.
    pub const EXECUTION_RATE: &str = "执行率";
    /// 目标值.
    pub const TARGET: &str = "目标值";
    /// 实际完成值.
    pub const RESULT: &str = "实际完成值";
    /// 分值.
    pub const WEIGHTS: &str = "分值";
    /// 得分.
    pub const SCORES: &str = "得分";

    const fn rule(en: (&'static str, &'static str), zh: (&'static str, &'static str)) -> (Msg, Msg) {
        (Msg::new(en.0, zh.0), Msg::new(en.1, zh.1))
    }

    pub const J001: (Msg, Msg) = rule(
        ("an acknowledgement in the report matches no finding", "remove the entry from `acknowledge:`, or correct its `rule` or `field`"),
        ("报告中的一条确认（acknowledge）没有对应任何检查结果", "请从 `acknowledge:` 中删除该条，或更正其 `rule` 或 `field`"),
    );
    pub const J002: (Msg, Msg) = rule(
        ("site.yaml sets the severity of a rule that does not exist", "use a rule id listed by the README's check section, e.g. J104"),
        ("site.yaml 为一条不存在的规则设置了级别", "请使用 README 检查一节列出的规则编号，如 J104"),
    );
    pub const J101: (Msg, Msg) = rule(
        ("execution rate = executed ÷ budget × 100, within the rounding of the figures as written", "correct the rate or the amounts if this is a typing error; if the report was published this way, keep it and acknowledge the finding with a reason"),
        ("执行率 = 全年执行数 ÷ 全年预算数 × 100，允许所写数字的舍入误差", "如属录入错误，请更正执行率或金额；如已发布的报告原文即如此，请保留原文，并确认该结果、写明原因"),
    );
    pub const J102: (Msg, Msg) = rule(
        ("basic + project expenditure = executed (基本支出 + 项目支出 = 全年执行数)", "check the three amounts against the published report; acknowledge the finding if the report states them this way"),
        ("基本支出 + 项目支出 = 全年执行数", "请对照已发布的报告核对这三个金额；如报告原文即如此，请确认该结果"),
    );
    pub const J103: (Msg, Msg) = rule(
        ("amounts by funding source sum to the total they are labelled as (`by_source_of`)", "if the amounts are budget figures rather than spending, set `by_source_of: total`; otherwise acknowledge the finding with the report's explanation"),
        ("按资金来源列出的金额之和等于其所标注的总数（`by_source_of`）", "如这些金额是预算数而不是支出数，请设置 `by_source_of: total`；否则请确认该结果，并写明报告中的说明"),
    );
    pub const J104: (Msg, Msg) = rule(
        ("budget − executed = carry-over (全年预算数 − 全年执行数 = 年末结转和结余), or the gap is unexplained", "explain the gap (e.g. funds returned to the treasury) by acknowledging the finding, or correct the carry-over"),
        ("全年预算数 − 全年执行数 = 年末结转和结余，否则差额没有说明", "请通过确认该结果说明差额（如资金已上缴国库），或更正年末结转和结余"),
    );
    pub const J105: (Msg, Msg) = rule(
        ("coverage share = covered funds ÷ project spending × 100", "check the covered funds, the project spending and the share against the published report"),
        ("占项目支出比例 = 自评项目涉及资金 ÷ 项目支出 × 100", "请对照已发布的报告核对涉及资金、项目支出和比例"),
    );
    pub const J106: (Msg, Msg) = rule(
        ("funds covered by self-evaluated projects ≤ project spending", "the covered funds cannot exceed 项目支出; check both amounts"),
        ("自评项目涉及资金 ≤ 项目支出", "涉及资金不能超过项目支出；请核对这两个金额"),
    );
    pub const J107: (Msg, Msg) = rule(
        ("the department table's funds total agrees with the budget section", "the 年度资金总额 row and 一（三） state the same figures; correct the one mistyped or acknowledge the difference"),
        ("部门整体支出绩效自评表的资金总额与收支情况一节一致", "“年度资金总额”一行与一（三）所列数字应当相同；请更正录错的一处，或确认该差异"),
    );
    pub const J108: (Msg, Msg) = rule(
        ("funds rows (本年财政拨款, 上年结转, 其他资金) sum to 年度资金总额", "check the rows of the funds block"),
        ("资金各行（本年财政拨款、上年结转、其他资金）之和等于年度资金总额", "请核对资金部分的各行"),
    );
    pub const J201: (Msg, Msg) = rule(
        ("parts marked complete (`parts_complete: true`) sum to their total", "correct a part or the total, or set `parts_complete: false` if the 其中 list is partial"),
        ("标为完整（`parts_complete: true`）的各分项之和等于总数", "请更正某一分项或总数；如“其中”所列并不完整，请设置 `parts_complete: false`"),
    );
    pub const J202: (Msg, Msg) = rule(
        ("the parts of a partial 其中 list never exceed their total", "a part of a whole cannot be larger than it: check the total and the parts against the published text"),
        ("不完整的“其中”各分项之和不超过总数", "部分不能大于整体：请对照发布原文核对总数和各分项"),
    );
    pub const J203: (Msg, Msg) = rule(
        ("the same figure (same id, or same label and unit) stated twice in a report agrees", "both places should state one value; check which one the published report means"),
        ("同一数字（相同 id，或相同名称和单位）在报告中出现两次时应当一致", "两处应为同一数值；请核对已发布的报告以哪一处为准"),
    );
    pub const J204: (Msg, Msg) = rule(
        ("counts in a pipeline (`parts_sequence: true`) do not grow: applications ≥ approved ≥ granted", "a later stage cannot count more than the one before it; check the order and the figures"),
        ("流程各环节的数量（`parts_sequence: true`）不应递增：申请数 ≥ 批准数 ≥ 发放数", "后一环节的数量不能多于前一环节；请核对顺序和数字"),
    );
    pub const J301: (Msg, Msg) = rule(
        ("the publisher's verdict (`met`) agrees with the target's operator", "correct `met`, the target or the result; the operator decides whether a numeric target is met"),
        ("报告给出的结论（`met`）与目标的比较符号一致", "请更正 `met`、目标值或实际完成值；数值型目标是否达成由比较符号决定"),
    );
    pub const J302: (Msg, Msg) = rule(
        ("a result that only restates the target is flagged", "state what was achieved (a measured value or facts), not the target again"),
        ("只复述目标、没有写明实际完成情况的结果会被标出", "请写明实际完成了什么（实测数值或事实），而不是再次复述目标"),
    );
    pub const J303: (Msg, Msg) = rule(
        ("a rate or share in percent lies within 0–100", "a rate cannot exceed 100% or be negative; check the value and its unit"),
        ("以百分比表示的比率或占比在 0–100 之间", "比率不能超过 100%，也不能为负数；请核对数值及其单位"),
    );
    pub const J401: (Msg, Msg) = rule(
        ("weights (分值) of a self-evaluation table sum to the declared total", "check the weights and `total_weight`"),
        ("自评表各项分值之和等于所填写的总分值", "请核对各项分值和 `total_weight`"),
    );
    pub const J402: (Msg, Msg) = rule(
        ("0 ≤ score ≤ weight for every row of a self-evaluation table", "a score cannot exceed the row's weight or be negative"),
        ("自评表每一行都满足 0 ≤ 得分 ≤ 分值", "得分不能超过该行的分值，也不能为负数"),
    );
    pub const J403: (Msg, Msg) = rule(
        ("scores (得分) of a self-evaluation table sum to the total score", "check the scores and `total_score`"),
        ("自评表各项得分之和等于总得分", "请核对各项得分和 `total_score`"),
    );
    pub const J404: (Msg, Msg) = rule(
        ("the grade agrees with the grade bands (site.yaml `check.grades`; 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 otherwise)", "correct the grade, or set this region's bands under `check.grades` in site.yaml"),
        ("评价等级与等级区间一致（site.yaml 的 `check.grades`；优 ≥ 90，良 ≥ 80，中 ≥ 60，其余为差）", "请更正评价等级，或在 site.yaml 的 `check.grades` 中设置本地区的等级区间"),
    );
    pub const J405: (Msg, Msg) = rule(
        ("a deviation reason is given where an indicator was missed or the execution rate is below 90%", "write the reason and the corrective measures (偏差原因分析及改进措施) in `deviation`, or in the table's `notes` for a low execution rate"),
        ("指标未达成或执行率低于 90% 时应说明偏差原因", "请在 `deviation` 中写明偏差原因分析及改进措施；执行率偏低的，写在该表的 `notes` 中"),
    );
    pub const J501: (Msg, Msg) = rule(
        ("an indicator id keeps its unit from one year to the next", "keep the unit, or give the changed measure a new id"),
        ("同一指标 id 的单位在各年度之间保持不变", "请保持单位不变，或为改变后的指标另起一个 id"),
    );
    pub const J502: (Msg, Msg) = rule(
        ("an indicator id keeps its direction (higher / lower is better) from one year to the next", "keep the direction, or give the changed measure a new id"),
        ("同一指标 id 的方向（越高越好 / 越低越好）在各年度之间保持不变", "请保持方向不变，或为改变后的指标另起一个 id"),
    );
    pub const J503: (Msg, Msg) = rule(
        ("a year-on-year change (`change_of`) agrees with the previous year's file", "check the stated change and both years' figures"),
        ("同比变化（`change_of`）与上一年度的文件一致", "请核对所写的变化值和两个年度的数字"),
    );
    pub const J601: (Msg, Msg) = rule(
        ("every key task has its narrative in 二（三）", "add a `task_narratives` entry with `task:` set to this task's id"),
        ("每项重点任务在二（三）中都有相应的情况说明", "请添加一条 `task_narratives`，并将其 `task:` 设为该任务的 id"),
    );
    pub const J602: (Msg, Msg) = rule(
        ("each key task has one narrative", "merge the narratives of this task into one"),
        ("每项重点任务只有一段情况说明", "请将该任务的多段说明合并为一段"),
    );

    /// The closing line of `jixiao check`.
    pub fn summary(errors: usize, warnings: usize, acknowledged: usize) -> Text {
        let counts = super::summary(errors, warnings);
        let (counts_en, counts_zh) = (&counts.en, &counts.zh);
        tr!("check: {counts_en}, {acknowledged} acknowledged", "检查：{counts_zh}，{acknowledged} 项已确认")
    }
    /// The line after the build's findings.
    pub fn build_note(deny: bool) -> Text {
        let text = if deny {
            Msg::new("check findings fail this build (site.yaml: check.deny)", "检查结果使本次构建失败（site.yaml：check.deny）")
        } else {
            Msg::new(
                "check findings do not stop the build; run `jixiao check` for details, or set `check: {deny: errors}` in site.yaml to make errors fail it",
                "检查结果不会中止构建；运行 `jixiao check` 可查看详情；如要在有错误时使构建失败，请在 site.yaml 中设置 `check: {deny: errors}`",
            )
        };
        text.into()
    }
    /// A build failed by check findings.
    pub const BUILD_DENIED: Msg = Msg::new(
        "consistency findings fail the build because site.yaml says `check.deny`",
        "site.yaml 设置了 `check.deny`，一致性检查结果使构建失败",
    );

    pub fn unknown_rule(id: &str) -> Text {
        tr!("`{id}` is not a check rule", "`{id}` 不是检查规则")
    }
    /// What an acknowledgement names: a rule, at a field.
    pub fn acknowledged_at(rule: &str, field: &str) -> Text {
        tr!("{rule} at {field}", "{field} 处的 {rule}")
    }
    pub fn stale_acknowledgement(what: &Text) -> Text {
        let (what_en, what_zh) = (&what.en, &what.zh);
        tr!("acknowledgement of {what_en} matches no finding", "对 {what_zh} 的确认没有对应任何检查结果")
    }
    /// How a finding names a figure stated twice: by its id.
    pub fn figure_by_id(id: &str) -> Text {
        tr!("id `{id}`", "id 为 `{id}` 的数字")
    }
    /// How a finding names a figure stated twice: by its label.
    pub fn figure_by_label(label: &str) -> Text {
        Text::same(format!("“{label}”"))
    }
    pub fn execution_rate(what: &str, reported: &str, executed: &str, budget: &str, computed: &str) -> Text {
        tr!(
            "{what}: execution rate reported as {reported}%, but {executed} ÷ {budget} = {computed}%",
            "{what}：执行率填报为 {reported}%，但 {executed} ÷ {budget} = {computed}%"
        )
    }
    #[allow(clippy::too_many_arguments)]
    pub fn ratio_arithmetic(a: &str, b: &str, exact: &str, lo: &str, hi: &str, reported: &str, half: &str, gap: &str) -> Text {
        tr!(
            "{a} ÷ {b} × 100 = {exact} (between {lo} and {hi} given the rounding of {a} and {b}); reported {reported} stands for {reported} ± {half}; the ranges do not meet (difference {gap})",
            "{a} ÷ {b} × 100 = {exact}（考虑 {a} 和 {b} 的舍入，在 {lo} 至 {hi} 之间）；填报的 {reported} 代表 {reported} ± {half}；两个范围没有交集（相差 {gap}）"
        )
    }
    pub fn sum_arithmetic(terms: &str, sum: &str, total: &str, diff: &str, tol: &str) -> Text {
        tr!(
            "{terms} = {sum}; stated {total}; difference {diff}, more than the ± {tol} the rounding of these figures allows",
            "{terms} = {sum}；填写为 {total}；相差 {diff}，超出这些数字的舍入所允许的 ± {tol}"
        )
    }
    pub fn differ_arithmetic(a: &str, b: &str, diff: &str, tol: &str) -> Text {
        tr!(
            "{a} vs {b}: difference {diff}, more than the ± {tol} the rounding of the two figures allows",
            "{a} 与 {b}：相差 {diff}，超出两个数字的舍入所允许的 ± {tol}"
        )
    }
    pub fn basic_project(basic: &str, project: &str, sum: &str, executed: &str) -> Text {
        tr!(
            "基本支出 {basic} + 项目支出 {project} = {sum}, but 全年执行数 is {executed}",
            "基本支出 {basic} + 项目支出 {project} = {sum}，但全年执行数为 {executed}"
        )
    }
    pub fn matches_other(name: &str, value: &str) -> Text {
        tr!("; the sum agrees with {name} {value} instead", "；该合计反而与{name} {value} 相符")
    }
    pub fn by_source(sum: &str, label: &str, total: &str) -> Text {
        tr!(
            "amounts by funding source sum to {sum}, but they are labelled as {label} {total}",
            "按资金来源列出的金额合计 {sum}，但所标注的{label}为 {total}"
        )
    }
    pub fn carry_over(left: &str, carry: &str, gap: &str) -> Text {
        tr!(
            "全年预算数 − 全年执行数 = {left}, but 年末结转和结余 is {carry}: {gap} unexplained",
            "全年预算数 − 全年执行数 = {left}，但年末结转和结余为 {carry}：有 {gap} 没有说明"
        )
    }
    pub fn carry_arithmetic(t: &str, e: &str, left: &str, co: &str, gap: &str, tol: &str) -> Text {
        tr!(
            "{t} − {e} = {left}; {left} − {co} = {gap}, more than the ± {tol} the rounding of these figures allows",
            "{t} − {e} = {left}；{left} − {co} = {gap}，超出这些数字的舍入所允许的 ± {tol}"
        )
    }
    pub fn coverage(share: &str, covered: &str, project: &str, computed: &str) -> Text {
        tr!(
            "coverage share reported as {share}%, but {covered} ÷ 项目支出 {project} = {computed}%",
            "占项目支出比例填报为 {share}%，但 {covered} ÷ 项目支出 {project} = {computed}%"
        )
    }
    pub fn covered_exceeds(covered: &str, project: &str) -> Text {
        tr!(
            "funds covered by the self-evaluation ({covered}) exceed 项目支出 ({project})",
            "自评项目涉及资金（{covered}）超过项目支出（{project}）"
        )
    }
    pub fn exceeds_arithmetic(a: &str, b: &str, diff: &str) -> Text {
        tr!("{a} − {b} = {diff} > 0 beyond rounding", "{a} − {b} = {diff} > 0，超出舍入误差")
    }
    pub fn table_vs_budget(name: &str, table: &str, budget: &str) -> Text {
        tr!(
            "{name} in the self-evaluation table is {table}, but the budget section says {budget}",
            "自评表中的{name}为 {table}，但收支情况一节为 {budget}"
        )
    }
    pub fn funds_rows(label: &str, column: &str, sum: &str, total: &str) -> Text {
        tr!(
            "funds rows sum to {sum} in column `{column}`, but {label} is {total}",
            "资金各行在 `{column}` 列合计 {sum}，但{label}为 {total}"
        )
    }
    pub fn parts_complete(label: &str, sum: &str, unit: &str, total: &str) -> Text {
        tr!(
            "parts of “{label}” are marked complete and sum to {sum} {unit}, but the total is {total} {unit}",
            "“{label}”的各分项标为完整，合计 {sum} {unit}，但总数为 {total} {unit}"
        )
    }
    pub fn parts_exceed(label: &str, sum: &str, unit: &str, total: &str) -> Text {
        tr!(
            "the 其中 parts of “{label}” sum to {sum} {unit}, more than the total {total} {unit}",
            "“{label}”的“其中”各分项合计 {sum} {unit}，超过总数 {total} {unit}"
        )
    }
    pub fn stated_twice(key: &Text, first: &str, first_field: &str, second: &str, unit: &str) -> Text {
        let (key_en, key_zh) = (&key.en, &key.zh);
        tr!(
            "{key_en} is stated as {first} {unit} at {first_field} and as {second} {unit} here",
            "{key_zh}在 {first_field} 处为 {first} {unit}，此处为 {second} {unit}"
        )
    }
    pub fn pipeline_grows(label: &str, value: &str, prev_label: &str, prev: &str, unit: &str) -> Text {
        tr!(
            "“{label}” ({value} {unit}) is more than the stage before it, “{prev_label}” ({prev} {unit})",
            "“{label}”（{value} {unit}）多于前一环节“{prev_label}”（{prev} {unit}）"
        )
    }
    pub fn grows_arithmetic(v: &str, prev: &str, diff: &str) -> Text {
        Text::same(format!("{v} − {prev} = {diff} > 0"))
    }
    pub fn verdict(actual: &str, unit: &str, op: &str, target: &str, computed: bool, said: bool) -> Text {
        let zh = |b: bool| if b { "达成" } else { "未达成" };
        let en = |b: bool| if b { "met" } else { "not met" };
        let (computed_zh, said_zh, computed_en, said_en) = (zh(computed), zh(said), en(computed), en(said));
        tr!(
            "result {actual}{unit} against target {op} {target} is {computed_en}, but the report marks it {said_en}",
            "实际完成值 {actual}{unit} 对照目标 {op} {target}，应为{computed_zh}，但报告标为{said_zh}"
        )
    }
    pub fn verdict_arithmetic(actual: &str, op: &str, target: &str, holds: bool) -> Text {
        if holds {
            tr!("{actual} {op} {target} is true", "{actual} {op} {target} 成立")
        } else {
            tr!("{actual} {op} {target} is false", "{actual} {op} {target} 不成立")
        }
    }
    pub fn restated(text: &str, wording: &str) -> Text {
        tr!(
            "the result “{text}” restates the target “{wording}” without a measured result",
            "结果“{text}”只是复述目标“{wording}”，没有写明实际完成情况"
        )
    }
    pub fn restated_arithmetic(common: usize, len: usize) -> Text {
        tr!(
            "{common} of the result's {len} characters repeat the target's wording in order, and it adds no number",
            "结果共 {len} 个字，其中 {common} 个按顺序重复目标的措辞，且没有任何数字"
        )
    }
    pub fn percent_range(label: &str, value: &str) -> Text {
        tr!("“{label}” is {value}%, outside 0–100 for a rate or share", "“{label}”为 {value}%，超出比率或占比的 0–100 范围")
    }
    pub fn percent_arithmetic(value: &str, lo: &str, hi: &str) -> Text {
        tr!("{value} stands for {lo} … {hi}, which lies outside 0 … 100", "{value} 代表 {lo} … {hi}，超出 0 … 100")
    }
    /// What a missed indicator was measured against: ` (实际完成值 88, ≥ 90)`.
    pub fn missed_against(actual: &str, op: &str, target: &str) -> Text {
        tr!(" ({RESULT} {actual}, {op} {target})", "（{RESULT} {actual}，{op} {target}）")
    }
    pub fn missed_without_reason(name: &str, against: &Text) -> Text {
        let (against_en, against_zh) = (&against.en, &against.zh);
        tr!("“{name}” missed its target{against_en} but gives no deviation reason", "“{name}”未达成目标{against_zh}，但没有说明偏差原因")
    }
    pub fn low_rate_arithmetic(rate: &str) -> Text {
        Text::same(format!("{rate} < 90"))
    }
    pub fn low_rate_without_reason(rate: &str) -> Text {
        tr!("execution rate {rate}% is below 90% but the table gives no reason", "执行率 {rate}% 低于 90%，但该表没有说明原因")
    }
    pub fn score_range(name: &str, score: &str, weight: &str) -> Text {
        tr!("“{name}” scores {score} with a weight of {weight}", "“{name}”得分 {score}，而分值为 {weight}")
    }
    pub fn score_arithmetic(score: &str, weight: &str) -> Text {
        tr!("0 ≤ {score} ≤ {weight} does not hold", "0 ≤ {score} ≤ {weight} 不成立")
    }
    pub fn table_sum(what: &str, sum: &str, total: &str) -> Text {
        tr!("{what} sum to {sum}, but the table states {total}", "{what}合计 {sum}，但表中填写为 {total}")
    }
    pub fn grade(grade: &str, score: &str, expected: &str) -> Text {
        tr!(
            "grade {grade} does not match the score {score}, which earns {expected}",
            "评价等级“{grade}”与得分 {score} 不符，该得分应评为“{expected}”"
        )
    }
    pub fn grade_arithmetic(score: &str, bands: &str, expected: &str) -> Text {
        tr!("bands {bands}: {score} falls in {expected}", "等级区间 {bands}：{score} 属于“{expected}”")
    }
    pub fn unit_changed(id: &str, before: &str, year_before: u16, now: &str, year: u16) -> Text {
        tr!(
            "`{id}` was measured in {before} in {year_before} and in {now} in {year}",
            "`{id}` 在 {year_before} 年度的单位为 {before}，在 {year} 年度为 {now}"
        )
    }
    pub fn direction_changed(id: &str, before: &str, year_before: u16, now: &str, year: u16) -> Text {
        Text::by_lang(|lang| {
            let (before, now) = (word(before, lang), word(now, lang));
            pick!(
                lang,
                "`{id}` had direction {before} in {year_before} and {now} in {year}",
                "`{id}` 在 {year_before} 年度的方向为“{before}”，在 {year} 年度为“{now}”"
            )
        })
    }
    pub fn change(label: &str, stated: &str, unit: &str, of: &str, prev_year: u16, computed: &str) -> Text {
        tr!(
            "“{label}” states {stated}{unit}, but `{of}` against the {prev_year} report gives {computed}{unit}",
            "“{label}”填写为 {stated}{unit}，但按 `{of}` 对照 {prev_year} 年度报告计算为 {computed}{unit}"
        )
    }
    pub fn change_arithmetic(now: &str, before: &str, percent: bool, mid: &str, lo: &str, hi: &str, stated: &str) -> Text {
        if percent {
            tr!(
                "({now} − {before}) ÷ {before} × 100 = {mid} (between {lo} and {hi} given rounding); stated {stated}",
                "({now} − {before}) ÷ {before} × 100 = {mid}（考虑舍入，在 {lo} 至 {hi} 之间）；填写为 {stated}"
            )
        } else {
            tr!(
                "{now} − {before} = {mid} (between {lo} and {hi} given rounding); stated {stated}",
                "{now} − {before} = {mid}（考虑舍入，在 {lo} 至 {hi} 之间）；填写为 {stated}"
            )
        }
    }
    pub fn task_without_narrative(id: &str, title: &str) -> Text {
        tr!(
            "key task `{id}` ({title}) has no narrative in task_narratives",
            "重点任务 `{id}`（{title}）在 task_narratives 中没有情况说明"
        )
    }
    pub fn narrative_twice(task: &str, first: usize) -> Text {
        tr!(
            "task `{task}` already has a narrative at task_narratives[{first}]",
            "任务 `{task}` 已在 task_narratives[{first}] 有情况说明"
        )
    }
}
/// The closing line of a successful build: pages, reports, files, warnings, time.
#[allow(clippy::too_many_arguments)]
pub fn build_summary(pages: usize, reports: usize, files: usize, written: usize, removed: usize, warnings: usize, seconds: f64, output: &str) -> Text {
    tr!(
        "built {pages} pages, {reports} reports, {files} files ({written} written, {removed} removed), {warnings} warnings in {seconds:.2} s → {output}",
        "已构建 {pages} 个页面、{reports} 份报告、{files} 个文件（写入 {written} 个，删除 {removed} 个），{warnings} 个警告，用时 {seconds:.2} 秒 → {output}"
    )
}

// ---- preview server (`jixiao serve`) ------------------------------------------------------

/// Texts of `jixiao serve` (src/serve.rs, src/watch.rs, src/cmd/serve.rs).
pub mod serve {
    use super::{Msg, Text, word};

    pub fn port_in_use(port: u16, bind: &str) -> Text {
        tr!(
            "port {port} on {bind} is already in use (another jixiao serve or web server?)",
            "{bind} 上的端口 {port} 已被占用（可能是另一个 jixiao serve 或 Web 服务器）"
        )
    }
    pub fn port_in_use_hint(other: u16) -> Text {
        tr!(
            "choose another port with --port {other}, or --port 0 to pick a free one",
            "请用 --port {other} 换一个端口，或用 --port 0 自动选择空闲端口"
        )
    }
    pub fn no_such_address(bind: &str) -> Text {
        tr!("cannot listen on {bind}: this machine has no such address", "无法在 {bind} 上监听：本机没有这个地址")
    }
    pub const NO_SUCH_ADDRESS_HINT: Msg = Msg::new(
        "use --bind 127.0.0.1 (this machine only) or --bind 0.0.0.0 (the local network)",
        "请使用 --bind 127.0.0.1（仅本机访问）或 --bind 0.0.0.0（局域网可访问）",
    );
    pub fn cannot_listen(addr: &str, e: &dyn std::fmt::Display) -> Text {
        tr!("cannot listen on {addr}: {e}", "无法在 {addr} 上监听：{e}")
    }
    pub fn cannot_start(e: &dyn std::fmt::Display) -> Text {
        tr!("cannot start the server: {e}", "无法启动服务器：{e}")
    }
    pub fn cannot_watch(root: &str, e: &str) -> Text {
        tr!("cannot watch {root}: {e}", "无法监视 {root}：{e}")
    }
    pub fn cannot_create_output(dir: &str) -> Text {
        tr!("cannot create the preview folder {dir}", "无法创建预览文件夹 {dir}")
    }
    pub fn failed(what: &str) -> Text {
        Text::by_lang(|lang| {
            let what = word(what, lang);
            pick!(
                lang,
                "jixiao serve: {what} failed; still serving the last good site (fix the file and save)",
                "jixiao serve：{what}失败；仍在提供上一次成功构建的网站（修正文件并保存即可）"
            )
        })
    }
    #[allow(clippy::too_many_arguments)]
    pub fn rebuilt(what: &str, rendered: usize, kept: usize, written: usize, removed: usize, ms: f64, stages: &str) -> Text {
        Text::by_lang(|lang| {
            let what = word(what, lang);
            pick!(
                lang,
                "jixiao serve: {what}: {rendered} pages rendered, {kept} kept, {written} files written, {removed} removed in {ms:.1} ms ({stages} ms)",
                "jixiao serve：{what}：渲染 {rendered} 个页面，保留 {kept} 个，写入 {written} 个文件，删除 {removed} 个，用时 {ms:.1} 毫秒（{stages} 毫秒）"
            )
        })
    }
    pub fn serving(dir: &str, url: &str) -> Text {
        tr!("jixiao serve: serving {dir} at {url} (Ctrl-C to stop)", "jixiao serve：正在 {url} 提供 {dir}（按 Ctrl-C 停止）")
    }
    pub fn watching(root: &str) -> Text {
        tr!("jixiao serve: watching {root} for changes", "jixiao serve：正在监视 {root} 的改动")
    }
    pub const STOPPING: Msg = Msg::new("jixiao serve: stopping", "jixiao serve：正在停止");
    /// The quick rebuild hit an internal error; the whole site is built again instead.
    pub const QUICK_REBUILD_FAILED: Msg = Msg::new(
        "jixiao serve: the quick rebuild failed (a bug in jixiao; the message above says where); building the whole site instead, the published files are untouched",
        "jixiao serve：快速重建失败（jixiao 的程序错误，位置见上方信息）；改为重建整个网站，已发布的文件未受影响"
    );
}

// ---- branding (site.yaml `branding:`, src/branding.rs) ----

pub fn bad_colour(v: &str) -> Text {
    tr!("`{v}` is not a colour written as #rrggbb", "`{v}` 不是 #rrggbb 形式的颜色")
}
pub const BAD_COLOUR_HINT: Msg = Msg::new("write six hexadecimal digits after #, e.g. #8b1a1a", "请在 # 后写六位十六进制数字，如 #8b1a1a");
pub fn low_contrast(v: &str, ratio: f64) -> Text {
    tr!(
        "colour {v} is too light: its contrast with white is {ratio:.1}:1, below the 4.5:1 that readable text needs",
        "颜色 {v} 太浅：与白色的对比度为 {ratio:.1}:1，低于文字清晰可读所需的 4.5:1"
    )
}
pub const LOW_CONTRAST_HINT: Msg =
    Msg::new("choose a darker colour (WCAG 2.1 AA, success criterion 1.4.3)", "请选用更深的颜色（WCAG 2.1 AA 级，成功标准 1.4.3）");
pub fn bad_logo(v: &str) -> Text {
    tr!("`{v}` is not a file name under static/", "`{v}` 不是 static/ 下的文件名")
}
pub const BAD_LOGO_HINT: Msg = Msg::new(
    "put the emblem in the site's static/ folder and give its name, e.g. emblem.svg",
    "请将徽标放在网站的 static/ 文件夹中，并写明文件名，如 emblem.svg",
);
pub fn logo_missing(v: &str) -> Text {
    tr!(
        "the logo file static/{v} exists neither in the site's static/ folder nor in the theme",
        "徽标文件 static/{v} 在网站的 static/ 文件夹和主题中都不存在"
    )
}
pub fn bad_link(v: &str) -> Text {
    tr!(
        "`{v}` is not a link: give an https:// address or a site-relative one such as pages/about/",
        "`{v}` 不是链接：请填写以 https:// 开头的地址，或站内相对地址，如 pages/about/"
    )
}
pub const BAD_LINK_HINT: Msg = Msg::new(
    "links start with https:// (another site) or name a page of this site without a leading /",
    "链接以 https:// 开头（其他网站），或写本站页面的地址（开头不加 /）",
);
pub const EMPTY_NAV_TITLE: Msg = Msg::new("a navigation link needs a title", "导航链接需要标题");
pub const EMPTY_NAV_TITLE_HINT: Msg =
    Msg::new("write the text the link shows, e.g. title: 区政府门户网站", "请写明链接显示的文字，如 title: 区政府门户网站");

// ---- output folder (src/output.rs) ------------------------------------------------------

/// `--output` names a file.
pub const OUTPUT_NOT_A_FOLDER: Msg = Msg::new("the output path exists and is not a folder", "输出路径已存在，但不是文件夹");
/// Hint for an output path that is a file.
pub const OUTPUT_NOT_A_FOLDER_HINT: Msg = Msg::new("choose another --output folder", "请用 --output 另选一个文件夹");
/// The output folder holds files jixiao did not write.
pub const OUTPUT_FOREIGN: Msg = Msg::new(
    "the output folder is not empty and was not created by jixiao (it has no .jixiao-manifest)",
    "输出文件夹不是空的，也不是由 jixiao 创建的（其中没有 .jixiao-manifest）",
);
/// Hint for a foreign output folder.
pub const OUTPUT_FOREIGN_HINT: Msg = Msg::new(
    "choose an empty or new --output folder, or pass --force to build into it anyway (files already there are kept, same-named ones overwritten)",
    "请用 --output 指定一个空文件夹或新文件夹，或加 --force 仍构建到此文件夹（已有文件保留，同名文件被覆盖）",
);
/// An output path the site must not produce.
pub fn output_bad_path(path: &str, why: Msg) -> Text {
    let (why_en, why_zh) = (why.en, why.zh);
    tr!("refusing to write output file {path:?}: {why_en}", "拒绝写入输出文件 {path:?}：{why_zh}")
}
/// Hint for a bad output path.
pub const OUTPUT_BAD_PATH_HINT: Msg = Msg::new(
    "this is a bug in a template or in jixiao: output paths must be relative and stay inside the output folder",
    "这是模板或 jixiao 本身的缺陷：输出路径必须是相对路径，且不能超出输出文件夹",
);
/// Why an output path is refused.
pub const PATH_EMPTY: Msg = Msg::new("the path is empty", "路径为空");
/// Why an output path is refused.
pub const PATH_ABSOLUTE: Msg = Msg::new("the path is absolute or not `/`-separated", "路径是绝对路径，或没有用 `/` 分隔");
/// Why an output path is refused.
pub const PATH_NUL: Msg = Msg::new("the path contains a NUL byte", "路径中含有 NUL 字节");
/// Why an output path is refused.
pub const PATH_EMPTY_COMPONENT: Msg = Msg::new("the path has an empty component", "路径中有空的部分");
/// Why an output path is refused.
pub const PATH_DOTS: Msg = Msg::new("the path contains `.` or `..`", "路径中含有 `.` 或 `..`");
/// Why an output path is refused.
pub const PATH_RESERVED: Msg = Msg::new("the path is reserved for jixiao's own bookkeeping", "该路径保留给 jixiao 自身记录使用");
/// Why an output path is refused.
pub const PATH_TWICE: Msg = Msg::new("the site produces this path twice", "网站两次生成了这个路径");
/// Why an output path is refused.
pub const PATH_FOLDER_AS_FILE: Msg = Msg::new("its folder is also written as a file", "它所在的文件夹同时被作为文件写入");
/// Why an output file could not be written.
pub const FOLDER_IN_THE_WAY: Msg = Msg::new("a folder is in the way", "同名的文件夹挡住了该文件");
/// Reading or writing the output folder failed.
pub fn output_io(action: &str, path: &str, e: &std::io::Error) -> Text {
    output_failed(action, path, &Text::same(e.to_string()))
}
/// Reading or writing the output folder failed, for `why` (the system's words or jixiao's).
pub fn output_failed(action: &str, path: &str, why: &Text) -> Text {
    Text::by_lang(|lang| {
        let (action, why) = (word(action, lang), why.get(lang));
        pick!(lang, "could not {action} {path}: {why}", "无法{action} {path}：{why}")
    })
}
/// Hint for an output folder that cannot be written.
pub const OUTPUT_IO_HINT: Msg = Msg::new(
    "check that the output folder is writable and the disk is not full",
    "请检查输出文件夹是否可写、磁盘空间是否已满",
);

// ---- themes and templates (src/render/*) ------------------------------------------------

/// `theme:` is not a plain folder name.
pub fn theme_bad_name(name: &str) -> Text {
    tr!("theme name `{name}` is not a folder name", "主题名 `{name}` 不是文件夹名")
}
/// Hint for a bad theme name.
pub const THEME_BAD_NAME_HINT: Msg = Msg::new("name a folder under themes/, e.g. `default`", "请填写 themes/ 下的文件夹名，如 `default`");
/// No folder for the theme.
pub fn theme_not_found(name: &str, dir: &str) -> Text {
    tr!("theme `{name}` not found: there is no folder {dir}", "找不到主题 `{name}`：没有文件夹 {dir}")
}
/// Hint for a missing theme.
pub const THEME_NOT_FOUND_HINT: Msg = Msg::new(
    "remove `theme` to use the built-in default theme, or create the folder",
    "删除 `theme` 即使用内置的默认主题；或创建该文件夹",
);
/// A theme file could not be read.
pub fn theme_unreadable(e: &dyn std::fmt::Display) -> Text {
    tr!("cannot read theme: {e}", "无法读取主题：{e}")
}
/// A theme file could not be read.
pub fn theme_file_unreadable(e: &dyn std::fmt::Display) -> Text {
    tr!("cannot read theme file: {e}", "无法读取主题文件：{e}")
}
/// An override of the site could not be read.
pub fn override_unreadable(e: &dyn std::fmt::Display) -> Text {
    tr!("cannot read override: {e}", "无法读取覆盖文件：{e}")
}
/// A template that is not UTF-8.
pub const TEMPLATE_NOT_UTF8: Msg = Msg::new("template is not UTF-8", "模板不是 UTF-8 文本");
/// A theme without its UI strings.
pub fn no_i18n_file(wanted: &str) -> Text {
    tr!(
        "the theme has no UI strings file i18n/{wanted} (nor i18n/zh-CN.yaml)",
        "主题没有界面文字文件 i18n/{wanted}（也没有 i18n/zh-CN.yaml）"
    )
}
/// Hint for a missing UI strings file.
pub const NO_I18N_FILE_HINT: Msg = Msg::new("every UI string of the theme comes from this file", "主题的所有界面文字都来自此文件");
/// A theme without templates.
pub const NO_TEMPLATES: Msg = Msg::new("the theme has no templates", "主题中没有模板");
/// A UI strings file that is not UTF-8.
pub const FILE_NOT_UTF8: Msg = Msg::new("file is not UTF-8", "文件不是 UTF-8 文本");
/// A UI strings file that is not YAML.
pub fn invalid_yaml(e: &dyn std::fmt::Display) -> Text {
    tr!("invalid YAML: {e}", "YAML 无效：{e}")
}
/// A UI strings key that is not text.
pub fn i18n_key_not_text(prefix: &str) -> Text {
    tr!("key under `{prefix}` must be text", "`{prefix}` 下的键必须是文本")
}
/// A UI string that is not text.
pub fn i18n_value_not_text(prefix: &str) -> Text {
    tr!("`{prefix}` must be text", "`{prefix}` 必须是文本")
}
/// A template uses a UI string the translation file lacks.
pub fn ui_string_missing(key: &str, file: &str) -> Text {
    tr!("UI string `{key}` is missing from {file}", "{file} 中缺少界面文字 `{key}`")
}
/// Hint for a missing UI string.
pub fn ui_string_missing_hint(key: &str, file: &str) -> Text {
    tr!("add `{key}: …` to {file}", "请在 {file} 中添加 `{key}: …`")
}
/// A page kind without its template.
pub fn no_template(template: &str, kind: &str) -> Text {
    Text::by_lang(|lang| {
        let kind = word(kind, lang);
        pick!(lang, 
            "the theme has no template {template} (needed for {kind} pages)",
            "主题中没有模板 {template}（生成 {kind} 页面需要它）"
        )
    })
}
/// A template extends one that does not exist.
pub fn missing_parent(parent: &str) -> Text {
    tr!("extends `{parent}`, which is not in the theme", "继承的模板 `{parent}` 不在主题中")
}
/// A template includes one that does not exist.
pub fn template_not_found(name: &str) -> Text {
    tr!("template `{name}` not found in the theme", "主题中找不到模板 `{name}`")
}
/// Hint naming the page being rendered.
pub fn while_rendering(page: &str) -> Text {
    tr!("while rendering {page}", "渲染 {page} 时出错")
}
/// The `markdown` filter given something other than text.
pub fn markdown_not_text(got: &str) -> Text {
    tr!("markdown expects text, got {got}", "markdown 过滤器需要文本，实际为 {got}")
}
/// A hint shared by several pages.
pub fn and_more_pages(hint: &Text, more: usize) -> Text {
    let (hint_en, hint_zh) = (&hint.en, &hint.zh);
    tr!("{hint_en} (and {more} more pages)", "{hint_zh}（另有 {more} 个页面）")
}
/// `--output` names the site's own folder (E0404).
pub fn output_is_site_root(output: &str) -> Text {
    tr!(
        "the output folder {output} is the site's own folder: building there would mix the generated site into its sources",
        "输出文件夹 {output} 就是网站本身的文件夹：构建到这里会把生成的网站混入源文件"
    )
}
/// `--output` names `content/` or `themes/` or a folder inside one (E0404).
pub fn output_in_sources(output: &str, folder: &str) -> Text {
    tr!(
        "the output folder {output} is, or lies inside, the site's {folder} folder: the next build would read the generated files as sources",
        "输出文件夹 {output} 是网站的 {folder} 文件夹或位于其中：下次构建会把生成的文件当作源文件读取"
    )
}
/// Hint for an output folder among the site's sources; `public` is the default output folder.
pub fn output_in_sources_hint(public: &str) -> Text {
    tr!(
        "build into a folder of its own, e.g. --output {public} (the default); --force does not allow this",
        "请构建到单独的文件夹，如 --output {public}（默认值）；--force 也不能跳过此检查"
    )
}
/// Hint for a folder lying where the site writes a file.
pub const FOLDER_IN_THE_WAY_HINT: Msg = Msg::new(
    "the site writes a file there: move the folder elsewhere, or remove it",
    "网站要在这里写入一个文件：请把该文件夹移到别处，或将其删除",
);

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
        assert_eq!(Lang::resolve(None, Some(Lang::ZhCn), Some("en")), Lang::ZhCn);
        assert_eq!(Lang::resolve(None, Some(Lang::En), Some("zh-CN")), Lang::ZhCn, "an English locale leaves it to the site");
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

    /// Every `Msg::new(en, zh)`, `tr!(en, zh)` and `pick!(lang, en, zh)` in this file gives a Chinese text that
    /// differs from the English one: no message was left in one language.
    #[test]
    fn every_text_in_this_file_has_a_chinese_version() {
        let src = include_str!("messages.rs");
        let body = &src[..src.find("#[cfg(test)]").unwrap()];
        let mut seen = 0;
        for marker in ["Msg::new(", "tr!(", "pick!("] {
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
