//! What jixiao says about the input files: what was found and what was expected, YAML
//! structure, fields, figures, files, ids and references (src/load/*).

use super::{Msg, Text, list, short, word};

// ---- what was found instead -------------------------------------------------------------

/// A value of the input quoted in a message: "七千" in English, “七千” in Chinese.
pub fn quoted(text: &str) -> Text {
    tr!("\"{text}\"", "“{text}”")
}
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
/// The copies made for anchors and aliases would take more memory than a file of this size may
/// (`limit_kb` is `per_byte` times the file's size plus `floor_kb`).
pub fn aliases_too_large(limit_kb: usize, per_byte: usize, floor_kb: usize) -> Text {
    tr!(
        "refusing this file: its aliases (*name) expand to more than {limit_kb} KB of copied values ({per_byte} times the file's size, plus {floor_kb} KB), which looks like a file built to exhaust memory; write the values out where they are needed instead of repeating large ones through aliases",
        "拒绝读取此文件：其中的别名（*name）展开后复制的值超过 {limit_kb} KB（文件大小的 {per_byte} 倍再加 {floor_kb} KB），看起来是为耗尽内存而构造的文件；请在需要处直接写出这些值，不要用别名重复较大的值"
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
/// A date in the form whose month does not exist (`2023-13-45`); `day` when the day could
/// not be in any month either.
pub fn no_such_month(text: &str, month: u8, day: Option<u8>) -> Text {
    match day {
        Some(day) => tr!(
            "{text} is an impossible date: there is no month {month:02} (months are 01–12) and no day {day:02} (days are 01–31)",
            "{text} 是不存在的日期：没有 {month:02} 月（月份为 01–12），也没有 {day:02} 日（日为 01–31）"
        ),
        None => tr!(
            "{text} is an impossible date: there is no month {month:02} (months are 01–12)",
            "{text} 是不存在的日期：没有 {month:02} 月（月份为 01–12）"
        ),
    }
}
/// A date in the form whose day does not exist in its month (`2023-02-30`).
pub fn no_such_day(text: &str, year: i64, month: u8, day: u8, last: u8) -> Text {
    tr!(
        "{text} is an impossible date: {year}-{month:02} has days 01–{last}, not {day:02}",
        "{text} 是不存在的日期：{year} 年 {month} 月只有 {last} 天，没有 {day:02} 日"
    )
}
/// Hint for an impossible date.
pub const IMPOSSIBLE_DATE_HINT: Msg = Msg::new(
    "check the date against the published document (a digit may be mistyped or day and month swapped)",
    "请对照原文核对日期（可能有数字录入错误，或月与日写反）",
);
/// A report's date (publication, cover) on or before the last day of the year it reports on.
pub fn date_before_year_end(date: &str, year: u16) -> Text {
    let next = year + 1;
    tr!(
        "{date} is not after the end of {year}, the year this report covers: a report on {year} is dated {next}-01-01 or later",
        "{date} 不晚于本报告所评价的 {year} 年度结束之日：{year} 年度的报告日期应为 {next}-01-01 或之后"
    )
}
/// Hint for a report dated before its year ended.
pub fn date_before_year_end_hint(year: u16) -> Text {
    tr!(
        "correct the date from the published document, or check the file name: {year}.yaml holds the report on {year}",
        "请按原文更正日期，或核对文件名：{year}.yaml 存放的是 {year} 年度的报告"
    )
}
/// A report's date later than today (a warning).
pub fn date_in_future(date: &str, today: &str) -> Text {
    tr!("{date} is in the future (today is {today})", "{date} 是将来的日期（今天是 {today}）")
}
/// Hint for a date in the future.
pub const DATE_IN_FUTURE_HINT: Msg = Msg::new(
    "correct the date; a report to be published later stays a draft (`draft: true`) until that day (SOURCE_DATE_EPOCH sets today for reproducible runs)",
    "请更正日期；将来才发布的报告在发布之日前应保留为草稿（`draft: true`）（可用 SOURCE_DATE_EPOCH 指定“今天”，以便重复运行结果一致）",
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

/// `base_url` has a path below its host: robots.txt there is never read (W0231).
pub fn robots_under_sub_path(path: &str) -> Text {
    let shown = short(path);
    tr!(
        "the site is published under the path {shown}, but crawlers read robots.txt only at the root of a host: the robots.txt this build writes ({shown}robots.txt) will not be read",
        "网站发布在路径 {shown} 下，但搜索引擎只读取网站根目录下的 robots.txt：本次构建写出的 {shown}robots.txt 不会被读取"
    )
}
/// Hint for W0231.
pub fn robots_under_sub_path_hint(path: &str) -> Text {
    let shown = short(path);
    tr!(
        "ask whoever runs the host's root to add to its /robots.txt the lines of {shown}robots.txt (at least \"Sitemap: …{shown}sitemap.xml\"); or submit the sitemap in the search engines' webmaster tools",
        "请联系网站根目录的管理者，把 {shown}robots.txt 中的内容（至少“Sitemap: …{shown}sitemap.xml”一行）加入根目录的 /robots.txt；或在搜索引擎的站长平台提交网站地图"
    )
}
/// `sitemap_max_urls` outside 1–50,000 (E0232).
pub fn bad_sitemap_max_urls(n: u32) -> Text {
    tr!("sitemap_max_urls is {n}: one sitemap file lists between 1 and 50,000 URLs", "sitemap_max_urls 为 {n}：一个网站地图文件列出的网址数应在 1 到 50,000 之间")
}
/// Hint for E0232.
pub const BAD_SITEMAP_MAX_URLS_HINT: Msg = Msg::new(
    "write a number from 1 to 50000, or remove the line to use 50000 (the limit of the sitemap protocol and of Baidu)",
    "请填写 1 到 50000 之间的数，或删去这一行以使用 50000（网站地图协议和百度的上限）",
);
/// `site.yaml` names no licence for the open data (W0230).
pub const NO_LICENCE: Msg = Msg::new(
    "no licence is set for the open data: without one, the public cannot know whether they may reuse the published figures",
    "未设置开放数据的许可协议：没有许可协议，公众无从知道能否再利用公布的数据",
);
/// Hint for W0230.
pub const NO_LICENCE_HINT: Msg = Msg::new(
    "add to content/site.yaml a line such as `licence: CC-BY-4.0` (an SPDX id: CC-BY-4.0, CC0-1.0, ODC-BY-1.0, PDDL-1.0 …) or the licence's name",
    "请在 content/site.yaml 中加一行，如 `licence: CC-BY-4.0`（SPDX 标识：CC-BY-4.0、CC0-1.0、ODC-BY-1.0、PDDL-1.0 等）或许可协议的名称",
);

/// A report still has passages `jixiao import` could not place (`unplaced:`; E0838).
pub fn unplaced_warning(n: usize) -> Text {
    tr!(
        "{n} imported passage(s) are not yet placed in a section (unplaced)",
        "有 {n} 段导入的文字尚未归入报告的任何部分（unplaced）"
    )
}

/// Hint of the unplaced warning.
pub fn unplaced_hint() -> Text {
    tr!(
        "move each passage to its section (or delete it if it is not part of the report), then remove it from `unplaced:`",
        "请把每段文字移到所属部分（不属于报告正文的可删除），再从 `unplaced:` 中删去"
    )
}

/// A money field's unit that jixiao does not know (E0104): it names the field and the units.
pub fn unknown_money_unit(field: &str, found: &str, known: &[&str]) -> Text {
    let shown = short(found);
    Text::by_lang(|lang| {
        let all = list(known, lang);
        pick!(
            lang,
            "`{field}` is the unit of amounts of money, and \"{shown}\" is not a unit jixiao knows: it knows {all}",
            "`{field}` 是金额的单位，jixiao 不认识“{shown}”：可用的单位为 {all}"
        )
    })
}
/// Hint for an unknown money unit: the known unit it is a variant spelling of (`万圆` → `万元`),
/// else what to do.
pub fn unknown_money_unit_hint(near: Option<&str>, known: &[&str]) -> Text {
    match near {
        Some(near) => tr!("did you mean `{near}`?", "是否应为 `{near}`？"),
        None => Text::by_lang(|lang| {
            let all = list(known, lang);
            pick!(
                lang,
                "write the unit the report states its amounts in, one of {all}; amounts in another currency must be converted to 元 as the published report does",
                "请填写报告金额所用的单位，为 {all} 之一；其他币种的金额须按已公开报告的口径换算为人民币"
            )
        }),
    }
}
