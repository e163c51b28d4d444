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

// ---- yearly snapshots (archive, verify, bundle) -----------------------------------------

/// `jixiao archive` made a snapshot.
pub fn archive_done(year: u16, files: usize, dir: &str) -> String {
    format!("archived {year}: {files} files → {dir}")
}
/// `jixiao archive --force` kept the snapshot it replaced.
pub fn archive_kept(old: &str) -> String {
    format!("the previous snapshot was kept as {old}")
}
/// Label of the manifest digest line (the digest to publish).
pub fn archive_digest_hint(manifest: &str) -> String {
    format!("SHA-256 of {manifest} (publish this digest so that anyone can check the snapshot)")
}
/// `jixiao archive` failed.
pub fn archive_failed(year: u16) -> String {
    format!("archiving {year} failed; existing snapshots were not changed")
}
/// `jixiao verify`: one snapshot checked and identical.
pub fn verify_ok(what: &str, files: usize, digest: &str) -> String {
    format!("{what}: OK, {files} files identical to the manifest (manifest SHA-256 {digest})")
}
/// `jixiao verify`: one snapshot differs.
pub fn verify_failed(what: &str, changed: usize, missing: usize, added: usize) -> String {
    format!("{what}: DIFFERS from its manifest: {changed} changed, {missing} missing, {added} added")
}
/// `jixiao verify`: a file differs.
pub fn verify_changed(path: &str) -> String {
    format!("  changed: {path}")
}
/// `jixiao verify`: a listed file is absent.
pub fn verify_missing(path: &str) -> String {
    format!("  missing: {path}")
}
/// `jixiao verify`: a file is not listed.
pub fn verify_added(path: &str) -> String {
    format!("  added:   {path}")
}
/// `jixiao verify --expect`: the manifest is not the published one.
pub fn verify_expect_mismatch(what: &str, expected: &str, actual: &str) -> String {
    format!("{what}: the manifest's SHA-256 is {actual}, but {expected} was expected (the manifest itself was changed or replaced)")
}
/// `jixiao verify` without a year and no snapshot exists.
pub fn verify_none(dir: &str) -> String {
    format!("no snapshots in {dir}; make one with `jixiao archive <year>`")
}
/// `jixiao verify --expect` needs one snapshot.
pub const VERIFY_EXPECT_NEEDS_ONE: &str = "--expect checks one snapshot: name its YEAR or --dir";
/// A snapshot of that year exists.
pub fn snapshot_exists(year: u16) -> String {
    format!("a snapshot of {year} already exists; a snapshot is never replaced silently")
}
/// How to go on when a snapshot exists.
pub fn snapshot_exists_hint(year: u16) -> String {
    format!("check it with `jixiao verify {year}`; to replace it anyway pass --force (the old snapshot is kept under a dated name)")
}
/// A manifest that cannot be parsed.
pub fn manifest_invalid(why: &str) -> String {
    format!("the snapshot manifest is invalid: {why}")
}
/// Hint for an invalid manifest.
pub const MANIFEST_INVALID_HINT: &str = "a manifest is written by `jixiao archive` and must not be edited";
/// A year folder under archive/ that is not a snapshot.
pub fn not_a_snapshot_hint(year: u16) -> String {
    format!("archive/{year}/ is not a snapshot made by `jixiao archive {year}`; move it out of archive/ or make it again")
}
/// The live build copies a snapshot that differs from its manifest.
pub const SNAPSHOT_TAMPERED: &str = "the snapshot differs from its manifest; it is published as it is";
/// Hint for a snapshot that differs from its manifest.
pub fn snapshot_tampered_hint(year: u16) -> String {
    format!("run `jixiao verify {year}` to see which files changed")
}
/// No manifest where a snapshot was named.
pub fn no_snapshot(manifest: &str) -> String {
    format!("no snapshot here (no {manifest})")
}
/// Hint when no snapshot is found.
pub const NO_SNAPSHOT_HINT: &str = "make one with `jixiao archive <year>`, or name a snapshot folder with --dir";
/// A bundle name with an unknown extension.
pub const BUNDLE_EXTENSION: &str = "a bundle is a .tar.gz (or .tgz) or a .zip file";
/// Hint for a bundle name.
pub const BUNDLE_EXTENSION_HINT: &str = "name the file e.g. jixiao-2022.tar.gz or jixiao-2022.zip";
/// Reading or writing a snapshot failed.
pub fn snapshot_io(action: &str, err: &std::io::Error) -> String {
    format!("cannot {action} this: {err}")
}
/// `jixiao bundle` of a snapshot that differs from its manifest.
pub fn bundle_tampered_hint(year: u16) -> String {
    format!("run `jixiao verify {year}` to see which files; a bundle is only made of an intact snapshot")
}
/// `jixiao bundle` wrote a file.
pub fn bundle_done(year: u16, entries: usize, file: &str, digest: &str) -> String {
    format!("bundled snapshot {year}: {entries} files → {file} (SHA-256 {digest})")
}

// ── Open data, attachments, authoring (`data`, `new`, `init`, `schema`) ──

/// An attachment could not be read while building.
pub fn attachment_unreadable(file: &str, e: &std::io::Error) -> String {
    format!("attachment `{file}` could not be read: {e}")
}
/// An attachment named in a report does not exist.
pub fn attachment_missing(file: &str, looked: &str) -> String {
    format!("attachment `{file}` not found (looked for {looked})")
}
/// Hint for a missing attachment.
pub const ATTACHMENT_MISSING_HINT: &str =
    "put the file in a subfolder of the department's folder (e.g. files/) and give its path relative to that folder";
/// An attachment path leaves the department's folder or is absolute.
pub fn attachment_bad_path(file: &str) -> String {
    format!("attachment path `{file}` must be relative to the report's folder and stay inside it")
}
/// Hint for a bad attachment path.
pub const ATTACHMENT_BAD_PATH_HINT: &str = "write e.g. `files/2022-自评报告.pdf`, without `..` or a leading `/`";
/// Two attachments would be published under the same name.
pub fn attachment_duplicate(name: &str) -> String {
    format!("two attachments are named `{name}`: each is published as files/<name> and would overwrite the other")
}
/// Hint for duplicate attachment names.
pub const ATTACHMENT_DUPLICATE_HINT: &str = "rename one of the files";
/// A figure left empty (`~`) in a report that is not a draft.
pub fn empty_figure(field: &str) -> String {
    format!("figure `{field}` is still empty (~), so the report cannot be published")
}
/// Hint for an empty figure in a published report.
pub const EMPTY_FIGURE_HINT: &str =
    "fill in the published figure, delete the line if the report does not state it, or keep `draft: true` until it is complete";
/// A figure left empty (`~`) in a draft: listed so the author sees what remains.
pub fn empty_figure_draft(field: &str) -> String {
    format!("figure `{field}` is still empty (~) in this draft")
}
/// Hint for an empty figure in a draft.
pub const EMPTY_FIGURE_DRAFT_HINT: &str = "fill it in before setting `draft: false`";
/// `jixiao new`: the file exists.
pub fn new_exists(path: &str) -> String {
    format!("{path} already exists; jixiao new never overwrites a report")
}
/// `jixiao new`: no such department folder.
pub fn new_no_department(id: &str, dir: &str) -> String {
    format!("no department `{id}`: {dir} has no department.yaml")
}
/// `jixiao new`: the department has no report to start from.
pub fn new_no_previous(id: &str, year: u16) -> String {
    format!("department `{id}` has no report before {year} to start from")
}
/// `jixiao new`: done.
pub fn new_done(path: &str, from: u16, empty: usize) -> String {
    format!("wrote {path} from the {from} report: draft, {empty} figures left empty (~) to fill in; preview with `jixiao build --drafts`")
}
/// `jixiao init`: the folder is not empty.
pub fn init_not_empty(dir: &str) -> String {
    format!("{dir} is not empty; jixiao init only creates a site in an empty or new folder")
}
/// `jixiao init`: done.
pub fn init_done(dir: &str) -> String {
    format!("created a new site in {dir}: edit content/site.yaml, then run `jixiao build --root {dir} --drafts`")
}
/// Could not write a file.
pub fn cannot_write(path: &str, e: &std::io::Error) -> String {
    format!("could not write {path}: {e}")
}

// ---- check (consistency rules, `jixiao check`) ------------------------------------------

/// Texts of `jixiao check`: rule descriptions and hints (`(description, hint)` per rule id),
/// finding messages with their figures, and the arithmetic shown to auditors.
pub mod check {
    /// Label of the rule line under a finding.
    pub const RULE_LABEL: &str = "rule";
    /// Label of the figures line.
    pub const FIGURES_LABEL: &str = "figures";
    /// Label of the arithmetic line.
    pub const ARITHMETIC_LABEL: &str = "arithmetic";
    /// Label of the acknowledgement line.
    pub const ACKNOWLEDGED_LABEL: &str = "acknowledged";

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

    pub const J001: (&str, &str) = ("an acknowledgement in the report matches no finding", "remove the entry from `acknowledge:`, or correct its `rule` or `field`");
    pub const J002: (&str, &str) = ("site.yaml sets the severity of a rule that does not exist", "use a rule id listed by the README's check section, e.g. J104");
    pub const J101: (&str, &str) = ("execution rate = executed ÷ budget × 100, within the rounding of the figures as written", "correct the rate or the amounts if this is a typing error; if the report was published this way, keep it and acknowledge the finding with a reason");
    pub const J102: (&str, &str) = ("basic + project expenditure = executed (基本支出 + 项目支出 = 全年执行数)", "check the three amounts against the published report; acknowledge the finding if the report states them this way");
    pub const J103: (&str, &str) = ("amounts by funding source sum to the total they are labelled as (`by_source_of`)", "if the amounts are budget figures rather than spending, set `by_source_of: total`; otherwise acknowledge the finding with the report's explanation");
    pub const J104: (&str, &str) = ("budget − executed = carry-over (全年预算数 − 全年执行数 = 年末结转和结余), or the gap is unexplained", "explain the gap (e.g. funds returned to the treasury) by acknowledging the finding, or correct the carry-over");
    pub const J105: (&str, &str) = ("coverage share = covered funds ÷ project spending × 100", "check the covered funds, the project spending and the share against the published report");
    pub const J106: (&str, &str) = ("funds covered by self-evaluated projects ≤ project spending", "the covered funds cannot exceed 项目支出; check both amounts");
    pub const J107: (&str, &str) = ("the department table's funds total agrees with the budget section", "the 年度资金总额 row and 一（三） state the same figures; correct the one mistyped or acknowledge the difference");
    pub const J108: (&str, &str) = ("funds rows (本年财政拨款, 上年结转, 其他资金) sum to 年度资金总额", "check the rows of the funds block");
    pub const J201: (&str, &str) = ("parts marked complete (`parts_complete: true`) sum to their total", "correct a part or the total, or set `parts_complete: false` if the 其中 list is partial");
    pub const J202: (&str, &str) = ("the parts of a partial 其中 list never exceed their total", "a part of a whole cannot be larger than it: check the total and the parts against the published text");
    pub const J203: (&str, &str) = ("the same figure (same id, or same label and unit) stated twice in a report agrees", "both places should state one value; check which one the published report means");
    pub const J204: (&str, &str) = ("counts in a pipeline (`parts_sequence: true`) do not grow: applications ≥ approved ≥ granted", "a later stage cannot count more than the one before it; check the order and the figures");
    pub const J301: (&str, &str) = ("the publisher's verdict (`met`) agrees with the target's operator", "correct `met`, the target or the result; the operator decides whether a numeric target is met");
    pub const J302: (&str, &str) = ("a result that only restates the target is flagged", "state what was achieved (a measured value or facts), not the target again");
    pub const J303: (&str, &str) = ("a rate or share in percent lies within 0–100", "a rate cannot exceed 100% or be negative; check the value and its unit");
    pub const J401: (&str, &str) = ("weights (分值) of a self-evaluation table sum to the declared total", "check the weights and `total_weight`");
    pub const J402: (&str, &str) = ("0 ≤ score ≤ weight for every row of a self-evaluation table", "a score cannot exceed the row's weight or be negative");
    pub const J403: (&str, &str) = ("scores (得分) of a self-evaluation table sum to the total score", "check the scores and `total_score`");
    pub const J404: (&str, &str) = ("the grade agrees with the grade bands (site.yaml `check.grades`; 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 otherwise)", "correct the grade, or set this region's bands under `check.grades` in site.yaml");
    pub const J405: (&str, &str) = ("a deviation reason is given where an indicator was missed or the execution rate is below 90%", "write the reason and the corrective measures (偏差原因分析及改进措施) in `deviation`, or in the table's `notes` for a low execution rate");
    pub const J501: (&str, &str) = ("an indicator id keeps its unit from one year to the next", "keep the unit, or give the changed measure a new id");
    pub const J502: (&str, &str) = ("an indicator id keeps its direction (higher / lower is better) from one year to the next", "keep the direction, or give the changed measure a new id");
    pub const J503: (&str, &str) = ("a year-on-year change (`change_of`) agrees with the previous year's file", "check the stated change and both years' figures");
    pub const J601: (&str, &str) = ("every key task has its narrative in 二（三）", "add a `task_narratives` entry with `task:` set to this task's id");
    pub const J602: (&str, &str) = ("each key task has one narrative", "merge the narratives of this task into one");

    /// The closing line of `jixiao check`.
    pub fn summary(errors: usize, warnings: usize, acknowledged: usize) -> String {
        format!("check: {}, {acknowledged} acknowledged", super::summary(errors, warnings))
    }
    /// The line after the build's findings.
    pub fn build_note(deny: bool) -> String {
        if deny {
            "check findings fail this build (site.yaml: check.deny)".to_string()
        } else {
            "check findings do not stop the build; run `jixiao check` for details, or set `check: {deny: errors}` in site.yaml to make errors fail it".to_string()
        }
    }
    /// A build failed by check findings.
    pub const BUILD_DENIED: &str = "consistency findings fail the build because site.yaml says `check.deny`";

    pub fn unknown_rule(id: &str) -> String {
        format!("`{id}` is not a check rule")
    }
    pub fn stale_acknowledgement(what: &str) -> String {
        format!("acknowledgement of {what} matches no finding")
    }
    pub fn execution_rate(what: &str, reported: &str, executed: &str, budget: &str, computed: &str) -> String {
        format!("{what}: execution rate reported as {reported}%, but {executed} ÷ {budget} = {computed}%")
    }
    pub fn ratio_arithmetic(a: &str, b: &str, exact: &str, lo: &str, hi: &str, reported: &str, half: &str, gap: &str) -> String {
        format!("{a} ÷ {b} × 100 = {exact} (between {lo} and {hi} given the rounding of {a} and {b}); reported {reported} stands for {reported} ± {half}; the ranges do not meet (difference {gap})")
    }
    pub fn sum_arithmetic(terms: &str, sum: &str, total: &str, diff: &str, tol: &str) -> String {
        format!("{terms} = {sum}; stated {total}; difference {diff}, more than the ± {tol} the rounding of these figures allows")
    }
    pub fn differ_arithmetic(a: &str, b: &str, diff: &str, tol: &str) -> String {
        format!("{a} vs {b}: difference {diff}, more than the ± {tol} the rounding of the two figures allows")
    }
    pub fn basic_project(basic: &str, project: &str, sum: &str, executed: &str) -> String {
        format!("基本支出 {basic} + 项目支出 {project} = {sum}, but 全年执行数 is {executed}")
    }
    pub fn matches_other(name: &str, value: &str) -> String {
        format!("; the sum agrees with {name} {value} instead")
    }
    pub fn by_source(sum: &str, label: &str, total: &str) -> String {
        format!("amounts by funding source sum to {sum}, but they are labelled as {label} {total}")
    }
    pub fn carry_over(left: &str, carry: &str, gap: &str) -> String {
        format!("全年预算数 − 全年执行数 = {left}, but 年末结转和结余 is {carry}: {gap} unexplained")
    }
    pub fn carry_arithmetic(t: &str, e: &str, left: &str, co: &str, gap: &str, tol: &str) -> String {
        format!("{t} − {e} = {left}; {left} − {co} = {gap}, more than the ± {tol} the rounding of these figures allows")
    }
    pub fn coverage(share: &str, covered: &str, project: &str, computed: &str) -> String {
        format!("coverage share reported as {share}%, but {covered} ÷ 项目支出 {project} = {computed}%")
    }
    pub fn covered_exceeds(covered: &str, project: &str) -> String {
        format!("funds covered by the self-evaluation ({covered}) exceed 项目支出 ({project})")
    }
    pub fn exceeds_arithmetic(a: &str, b: &str, diff: &str) -> String {
        format!("{a} − {b} = {diff} > 0 beyond rounding")
    }
    pub fn table_vs_budget(name: &str, table: &str, budget: &str) -> String {
        format!("{name} in the self-evaluation table is {table}, but the budget section says {budget}")
    }
    pub fn funds_rows(label: &str, column: &str, sum: &str, total: &str) -> String {
        format!("funds rows sum to {sum} in column `{column}`, but {label} is {total}")
    }
    pub fn parts_complete(label: &str, sum: &str, unit: &str, total: &str) -> String {
        format!("parts of “{label}” are marked complete and sum to {sum} {unit}, but the total is {total} {unit}")
    }
    pub fn parts_exceed(label: &str, sum: &str, unit: &str, total: &str) -> String {
        format!("the 其中 parts of “{label}” sum to {sum} {unit}, more than the total {total} {unit}")
    }
    pub fn stated_twice(key: &str, first: &str, first_field: &str, second: &str, unit: &str) -> String {
        format!("{key} is stated as {first} {unit} at {first_field} and as {second} {unit} here")
    }
    pub fn pipeline_grows(label: &str, value: &str, prev_label: &str, prev: &str, unit: &str) -> String {
        format!("“{label}” ({value} {unit}) is more than the stage before it, “{prev_label}” ({prev} {unit})")
    }
    pub fn grows_arithmetic(v: &str, prev: &str, diff: &str) -> String {
        format!("{v} − {prev} = {diff} > 0")
    }
    pub fn verdict(actual: &str, unit: &str, op: &str, target: &str, computed: bool, said: bool) -> String {
        let word = |b: bool| if b { "met" } else { "not met" };
        format!("result {actual}{unit} against target {op} {target} is {}, but the report marks it {}", word(computed), word(said))
    }
    pub fn verdict_arithmetic(actual: &str, op: &str, target: &str, holds: bool) -> String {
        format!("{actual} {op} {target} is {}", if holds { "true" } else { "false" })
    }
    pub fn restated(text: &str, wording: &str) -> String {
        format!("the result “{text}” restates the target “{wording}” without a measured result")
    }
    pub fn restated_arithmetic(common: usize, len: usize) -> String {
        format!("{common} of the result's {len} characters repeat the target's wording in order, and it adds no number")
    }
    pub fn percent_range(label: &str, value: &str) -> String {
        format!("“{label}” is {value}%, outside 0–100 for a rate or share")
    }
    pub fn percent_arithmetic(value: &str, lo: &str, hi: &str) -> String {
        format!("{value} stands for {lo} … {hi}, which lies outside 0 … 100")
    }
    pub fn missed_without_reason(name: &str, against: &str) -> String {
        format!("“{name}” missed its target{against} but gives no deviation reason")
    }
    pub fn low_rate_arithmetic(rate: &str) -> String {
        format!("{rate} < 90")
    }
    pub fn low_rate_without_reason(rate: &str) -> String {
        format!("execution rate {rate}% is below 90% but the table gives no reason")
    }
    pub fn score_range(name: &str, score: &str, weight: &str) -> String {
        format!("“{name}” scores {score} with a weight of {weight}")
    }
    pub fn score_arithmetic(score: &str, weight: &str) -> String {
        format!("0 ≤ {score} ≤ {weight} does not hold")
    }
    pub fn table_sum(what: &str, sum: &str, total: &str) -> String {
        format!("{what} sum to {sum}, but the table states {total}")
    }
    pub fn grade(grade: &str, score: &str, expected: &str) -> String {
        format!("grade {grade} does not match the score {score}, which earns {expected}")
    }
    pub fn grade_arithmetic(score: &str, bands: &str, expected: &str) -> String {
        format!("bands {bands}: {score} falls in {expected}")
    }
    pub fn unit_changed(id: &str, before: &str, year_before: u16, now: &str, year: u16) -> String {
        format!("`{id}` was measured in {before} in {year_before} and in {now} in {year}")
    }
    pub fn direction_changed(id: &str, before: &str, year_before: u16, now: &str, year: u16) -> String {
        format!("`{id}` had direction {before} in {year_before} and {now} in {year}")
    }
    pub fn change(label: &str, stated: &str, unit: &str, of: &str, prev_year: u16, computed: &str) -> String {
        format!("“{label}” states {stated}{unit}, but `{of}` against the {prev_year} report gives {computed}{unit}")
    }
    pub fn change_arithmetic(now: &str, before: &str, percent: bool, mid: &str, lo: &str, hi: &str, stated: &str) -> String {
        if percent {
            format!("({now} − {before}) ÷ {before} × 100 = {mid} (between {lo} and {hi} given rounding); stated {stated}")
        } else {
            format!("{now} − {before} = {mid} (between {lo} and {hi} given rounding); stated {stated}")
        }
    }
    pub fn task_without_narrative(id: &str, title: &str) -> String {
        format!("key task `{id}` ({title}) has no narrative in task_narratives")
    }
    pub fn narrative_twice(task: &str, first: usize) -> String {
        format!("task `{task}` already has a narrative at task_narratives[{first}]")
    }
}
/// The closing line of a successful build: pages, reports, files, warnings, time.
#[allow(clippy::too_many_arguments)]
pub fn build_summary(pages: usize, reports: usize, files: usize, written: usize, removed: usize, warnings: usize, seconds: f64, output: &str) -> String {
    format!("built {pages} pages, {reports} reports, {files} files ({written} written, {removed} removed), {warnings} warnings in {seconds:.2} s → {output}")
}

// ---- preview server (`jixiao serve`) ------------------------------------------------------

/// Texts of `jixiao serve` (src/serve.rs, src/watch.rs, src/cmd/serve.rs).
pub mod serve {
    pub fn port_in_use(port: u16, bind: &str) -> String {
        format!("port {port} on {bind} is already in use (another jixiao serve or web server?)")
    }
    pub fn port_in_use_hint(other: u16) -> String {
        format!("choose another port with --port {other}, or --port 0 to pick a free one")
    }
    pub fn no_such_address(bind: &str) -> String {
        format!("cannot listen on {bind}: this machine has no such address")
    }
    pub const NO_SUCH_ADDRESS_HINT: &str = "use --bind 127.0.0.1 (this machine only) or --bind 0.0.0.0 (the local network)";
    pub fn cannot_listen(addr: &str, e: &dyn std::fmt::Display) -> String {
        format!("cannot listen on {addr}: {e}")
    }
    pub fn cannot_watch(root: &str, e: &str) -> String {
        format!("cannot watch {root}: {e}")
    }
    pub fn cannot_create_output(dir: &str) -> String {
        format!("cannot create the preview folder {dir}")
    }
    pub fn failed(what: &str) -> String {
        format!("jixiao serve: {what} failed; still serving the last good site (fix the file and save)")
    }
    pub fn rebuilt(what: &str, rendered: usize, kept: usize, written: usize, removed: usize, ms: f64, stages: &str) -> String {
        format!("jixiao serve: {what}: {rendered} pages rendered, {kept} kept, {written} files written, {removed} removed in {ms:.1} ms ({stages} ms)")
    }
    pub fn serving(dir: &str, url: &str) -> String {
        format!("jixiao serve: serving {dir} at {url} (Ctrl-C to stop)")
    }
    pub fn watching(root: &str) -> String {
        format!("jixiao serve: watching {root} for changes")
    }
    pub const STOPPING: &str = "jixiao serve: stopping";
}

// ---- branding (site.yaml `branding:`, src/branding.rs) ----

pub fn bad_colour(v: &str) -> String {
    format!("`{v}` is not a colour written as #rrggbb")
}
pub const BAD_COLOUR_HINT: &str = "write six hexadecimal digits after #, e.g. #8b1a1a";
pub fn low_contrast(v: &str, ratio: f64) -> String {
    format!("colour {v} is too light: its contrast with white is {ratio:.1}:1, below the 4.5:1 that readable text needs")
}
pub const LOW_CONTRAST_HINT: &str = "choose a darker colour (WCAG 2.1 AA, success criterion 1.4.3)";
pub fn bad_logo(v: &str) -> String {
    format!("`{v}` is not a file name under static/")
}
pub const BAD_LOGO_HINT: &str = "put the emblem in the site's static/ folder and give its name, e.g. emblem.svg";
pub fn logo_missing(v: &str) -> String {
    format!("the logo file static/{v} exists neither in the site's static/ folder nor in the theme")
}
pub fn bad_link(v: &str) -> String {
    format!("`{v}` is not a link: give an https:// address or a site-relative one such as pages/about/")
}
pub const BAD_LINK_HINT: &str = "links start with https:// (another site) or name a page of this site without a leading /";
pub const EMPTY_NAV_TITLE: &str = "a navigation link needs a title";
pub const EMPTY_NAV_TITLE_HINT: &str = "write the text the link shows, e.g. title: 区政府门户网站";
