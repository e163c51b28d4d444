//! Every message text jixiao prints about the user's input, in one place so that it can be
//! translated later. Functions take the variable parts; nothing else builds user-facing text.

/// Label before a hint line.
pub const HINT_LABEL: &str = "hint";

/// The closing summary line of a diagnostics listing.
pub fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") };
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}

// ---- what was found instead -------------------------------------------------------------

/// "found nothing" (an empty value).
pub const FOUND_NOTHING: &str = "nothing";
/// "found a list".
pub const FOUND_LIST: &str = "a list";
/// "found a mapping".
pub const FOUND_MAPPING: &str = "a mapping (key: value lines)";

// ---- what was expected ------------------------------------------------------------------

/// Expected a number.
pub const WHAT_NUMBER: &str = "a number";
/// Expected a whole number.
pub const WHAT_INTEGER: &str = "a whole number";
/// Expected true or false.
pub const WHAT_BOOL: &str = "true or false";
/// Expected text.
pub const WHAT_TEXT: &str = "text";
/// Expected a list.
pub const WHAT_LIST: &str = "a list (lines starting with \"- \")";
/// Expected a mapping.
pub const WHAT_MAPPING: &str = "a mapping (indented \"key: value\" lines)";

// ---- YAML structure ---------------------------------------------------------------------

/// The YAML parser's own explanation.
pub fn yaml_syntax(info: &str) -> String {
    format!("this is not valid YAML: {info}")
}
/// Hint for YAML syntax errors: where such mistakes usually are.
pub const YAML_SYNTAX_HINT: &str = "check this line and the lines above it: an unclosed [ { or quote, a missing space after \":\", a tab used for indentation, or a line indented differently from its neighbours";
/// Several `---` documents in one file.
pub const MULTIPLE_DOCUMENTS: &str = "a file holds one YAML document; remove the extra \"---\"";
/// `*alias` without `&anchor`.
pub const UNKNOWN_ALIAS: &str = "this alias (*name) refers to an anchor (&name) that is not defined before it";
/// Too many nodes after alias expansion.
pub fn too_many_nodes(limit: usize) -> String {
    format!("refusing this file: its aliases (*name) expand to more than {limit} values, which looks like a file built to exhaust memory")
}
/// Nesting deeper than the limit.
pub fn too_deep(limit: usize) -> String {
    format!("refusing this file: lists and mappings nest more than {limit} levels deep")
}
/// A mapping key that is not text.
pub const KEY_NOT_TEXT: &str = "a key must be a plain name such as `title`";
/// The same key twice in one mapping.
pub fn duplicate_key(key: &str) -> String {
    format!("the key `{key}` appears twice in this mapping")
}
/// Hint for duplicate keys.
pub const DUPLICATE_KEY_HINT: &str = "keep one of them; the second one would silently replace the first";

// ---- fields -----------------------------------------------------------------------------

/// Unknown key.
pub fn unknown_key(key: &str) -> String {
    format!("unknown key `{key}`")
}
/// Hint for an unknown key: the closest known name, or all of them.
pub fn unknown_key_hint(key: &str, fields: &[&str]) -> String {
    match closest(key, fields) {
        Some(near) => format!("did you mean `{near}`? Known keys here: {}", fields.join(", ")),
        None => format!("known keys here: {}", fields.join(", ")),
    }
}
/// Missing required field.
pub fn missing_field(field: &str) -> String {
    format!("missing required field `{field}`")
}
/// Hint for a missing field.
pub fn add_field_hint(field: &str, example: Option<&str>) -> String {
    match example {
        Some(e) => format!("add a line `{field}: {e}` to this mapping"),
        None => format!("add `{field}:` to this mapping"),
    }
}
/// A value that is present but empty.
pub fn empty_value(what: &str) -> String {
    format!("this needs {what}, but it is empty")
}
/// A value of the wrong kind.
pub fn wrong_type(what: &str, found: &str) -> String {
    format!("must be {what}, found {found}")
}
/// Hint showing an example value.
pub fn example_hint(example: &str) -> String {
    format!("for example: {example}")
}
/// A figure that is not a plain number.
pub fn not_a_number(text: &str) -> String {
    format!("must be a number, found \"{}\"", crate::load::short(text))
}
/// Hint for a figure that is not a plain number: says what to change.
pub fn number_hint(text: &str, quoted: bool) -> String {
    let t = text.trim();
    let ascii: String = t
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '，' => ',',
            _ => c,
        })
        .collect();
    if quoted && crate::model::Figure::parse(t).is_some() {
        format!("remove the quotes: write {t} so it is read as a number")
    } else if ascii != t && crate::model::Figure::parse(&ascii).is_some() {
        format!("use ASCII digits: write {ascii}")
    } else if crate::model::Figure::parse(&ascii.replace(',', "")).is_some() {
        format!("remove the thousands separators: write {}", ascii.replace(',', ""))
    } else if let Some(n) = ascii.strip_suffix('%').filter(|n| crate::model::Figure::parse(n.trim()).is_some()) {
        format!("write the percentage as the number shown, without %: {}", n.trim())
    } else if let Some(n) = ["万元", "亿元", "元", "万", "个", "人", "件", "次"]
        .iter()
        .find_map(|u| ascii.strip_suffix(u).filter(|n| crate::model::Figure::parse(n.trim()).is_some()))
    {
        format!("write only the number ({}); the unit is stated once in the `unit` field", n.trim())
    } else {
        "write the figure in digits, e.g. 7907.98; leave it empty (~) if it is not known yet".to_string()
    }
}
/// One of a fixed set of values.
pub fn one_of(choices: &[&str]) -> String {
    format!("one of {}", choices.join(", "))
}
/// A value not among the allowed choices.
pub fn invalid_choice(found: &str, choices: &[&str]) -> String {
    format!("\"{}\" is not allowed here; expected one of: {}", crate::load::short(found), choices.join(", "))
}
/// Hint for an invalid choice.
pub fn choice_hint(found: &str, choices: &[&str]) -> String {
    match closest(found, choices) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("write one of: {}", choices.join(", ")),
    }
}

// ---- files ------------------------------------------------------------------------------

/// A file could not be read.
pub fn cannot_read(err: &std::io::Error) -> String {
    format!("cannot read this file: {err}")
}
/// The content folder is missing.
pub const NO_CONTENT: &str = "there is no content folder here";
/// Hint for a missing content folder.
pub const NO_CONTENT_HINT: &str = "run jixiao in the site folder (the one holding content/ and themes/), or pass --root DIR";
/// site.yaml is missing.
pub const NO_SITE_YAML: &str = "content/site.yaml is missing";
/// Hint for missing site.yaml.
pub const NO_SITE_YAML_HINT: &str = "create it with at least `title:`, `base_url:` and `publisher:`";
/// An empty file.
pub const EMPTY_FILE: &str = "this file is empty";
/// Hint for an empty file.
pub const EMPTY_FILE_HINT: &str = "fill it in, or delete it if it was created by mistake";
/// A file that is not a mapping at top level.
pub const NOT_A_MAPPING: &str = "the file must be a mapping of `key: value` lines at the top level";
/// Not UTF-8.
pub fn not_utf8(encoding_guess: &str) -> String {
    format!("this file is not UTF-8 text{encoding_guess}")
}
/// Hint for a non-UTF-8 file.
pub fn not_utf8_hint(file: &str) -> String {
    format!("save it as UTF-8 (in Notepad: 另存为 → 编码 UTF-8), or convert it: iconv -f GB18030 -t UTF-8 {file} > converted.yaml")
}
/// A file too big to be a report.
pub fn too_large(limit_mb: u64) -> String {
    format!("refusing this file: it is larger than {limit_mb} MB, far more than any report")
}
/// An unexpected file in a department folder.
pub const UNEXPECTED_FILE: &str = "unexpected file: a department folder holds department.yaml and one <year>.yaml per report (e.g. 2022.yaml)";
/// A department folder without department.yaml.
pub const NO_DEPARTMENT_YAML: &str = "this department folder has no department.yaml";
/// Hint for a missing department.yaml.
pub const NO_DEPARTMENT_YAML_HINT: &str = "add department.yaml with at least `name:` (the department's full name)";

// ---- ids and references -----------------------------------------------------------------

/// An id in the file disagrees with the path.
pub fn id_mismatch(kind: &str, written: &str, from_path: &str) -> String {
    format!("this {kind} says \"{written}\" but the file's path says \"{from_path}\"")
}
/// Hint for an id mismatch.
pub fn id_mismatch_hint(from_path: &str) -> String {
    format!("write \"{from_path}\" here, or remove the line (the path decides), or rename the file")
}
/// A department id that names a site section.
pub fn reserved_id(id: &str) -> String {
    format!("\"{id}\" cannot be a department id: it is reserved for a section of the site")
}
/// Hint for a reserved id.
pub fn reserved_id_hint(reserved: &[&str]) -> String {
    format!("rename the folder; reserved names: {}", reserved.join(", "))
}
/// An id with characters that do not belong in a URL.
pub fn bad_id(id: &str) -> String {
    format!("\"{}\" is not a valid id", crate::load::short(id))
}
/// Hint for a bad id.
pub const BAD_ID_HINT: &str = "ids appear in web addresses: use lowercase letters a-z, digits and hyphens, starting with a letter or digit, e.g. grid-events";
/// Two items with the same id.
pub fn duplicate_id(kind: &str, id: &str, first_line: usize) -> String {
    format!("duplicate {kind} id \"{id}\" (first used on line {first_line})")
}
/// Hint for duplicate ids.
pub const DUPLICATE_ID_HINT: &str = "each id must be unique within the report: it is how the same measure is found in other years";
/// A reference to an id that does not exist.
pub fn unknown_reference(kind: &str, id: &str) -> String {
    format!("there is no {kind} with id \"{id}\" in this report")
}
/// Hint for an unknown reference.
pub fn unknown_reference_hint(id: &str, known: &[&str]) -> String {
    match closest(id, known) {
        Some(near) => format!("did you mean \"{near}\"? Known ids: {}", known.join(", ")),
        None => format!("known ids: {}", known.join(", ")),
    }
}
/// A date not in YYYY-MM-DD form.
pub fn bad_date(text: &str) -> String {
    format!("\"{}\" is not a date in the form YYYY-MM-DD", crate::load::short(text))
}
/// Hint for a bad date.
pub const BAD_DATE_HINT: &str = "write the date as 2023-05-10 (year-month-day, with leading zeros)";
/// A numeric target missing its operator or value.
pub const TARGET_INCOMPLETE: &str = "a numeric target needs both `op` (≥ ≤ = > <) and `value`";
/// Hint for an incomplete target.
pub const TARGET_INCOMPLETE_HINT: &str = "for example `target: {op: \"≥\", value: 90}`; for a qualitative target write only `text:`";
/// An empty target.
pub const TARGET_EMPTY: &str = "the target is empty";
/// Hint for an empty target.
pub const TARGET_EMPTY_HINT: &str = "give `op` and `value` for a numeric target, or `text` for a qualitative one, or remove `target:`";
/// 部门概况 with neither text nor a withheld notice.
pub const OVERVIEW_EMPTY: &str = "the overview (部门概况) has neither `text` nor `withheld`";
/// Hint for an empty overview.
pub const OVERVIEW_EMPTY_HINT: &str = "write the published text, or `withheld: {basis: ...}` with the legal basis for not publishing it";
/// A year out of range in a file name.
pub fn bad_year(name: &str) -> String {
    format!("\"{name}\" is not a report year")
}
/// Hint for a bad year.
pub const BAD_YEAR_HINT: &str = "report files are named by their four-digit year, e.g. 2022.yaml";

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
pub const NO_FRONT_MATTER: &str = "a page must start with front matter: a line \"---\", `title: ...`, and a closing \"---\"";
/// Hint for missing front matter.
pub const NO_FRONT_MATTER_HINT: &str = "start the file with:\n---\ntitle: 关于本站\n---";
/// A base URL that is not absolute.
pub fn bad_base_url(url: &str) -> String {
    format!("\"{}\" is not an absolute web address", crate::load::short(url))
}
/// Hint for a bad base URL.
pub const BAD_BASE_URL_HINT: &str = "write the address where the site is published, starting with https:// or http://, e.g. https://www.example.gov.cn/jixiao/";

// ---- command line -----------------------------------------------------------------------

/// The closing line of a successful build.
pub fn build_done(reports: usize, files: usize, written: usize, removed: usize, warnings: usize, seconds: f64, output: &str) -> String {
    format!("built {reports} reports, {files} files ({written} written, {removed} removed), {warnings} warnings in {seconds:.2} s → {output}")
}
/// The closing line of a failed build.
pub fn build_failed(output: &str) -> String {
    format!("build failed; nothing in {output} was changed")
}
