//! The registry of diagnostic codes: every code a diagnostic of jixiao carries (`E0103`,
//! `W0706`, `J000` …), with what it means in English and Chinese.
//!
//! This is the one list the manual's error reference (`docs/errors.md`) is checked against:
//! `tests/error_codes.rs` fails when a code is used in `src/` but missing here, listed here but
//! used nowhere, or listed in the docs differently. Codes are stable: scripts match them, so a
//! code keeps its meaning once published, and a retired code is not given to a new problem.
//!
//! The consistency rules of `jixiao check` (`J001` … `J602`) are not listed here: their registry
//! is `check::RULES`, which also holds each rule's severity, description and hint, and
//! `docs/checks.md` is checked against it the same way. `J000` is here because it is not a rule
//! but the build's refusal when `site.yaml` says `check.deny`.
//!
//! The ranges follow the stage that finds the problem: `E00xx` reading files, `E01xx` the shape
//! of the YAML, `E02xx` what the values mean, `E03xx` the theme, `E04xx` the output folder,
//! `E05xx` the open data, `E07xx` (and `W07xx`) snapshots, `E08xx` `jixiao import` (01–29
//! reading the documents, 30–59 the import itself).

/// How a code is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Always an error: the build or the command fails.
    Error,
    /// Always a warning: printed, nothing fails.
    Warning,
    /// An error or a warning depending on the case; the meaning says which.
    ErrorOrWarning,
    /// Used inside jixiao only and never shown to a user.
    Internal,
}

impl Kind {
    /// The word the manual uses for this kind.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Error => "error",
            Kind::Warning => "warning",
            Kind::ErrorOrWarning => "error or warning",
            Kind::Internal => "internal",
        }
    }
}

/// One diagnostic code and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The code as printed, e.g. `E0103`.
    pub code: &'static str,
    /// Whether it is an error, a warning, or either.
    pub kind: Kind,
    /// What it means, in one line of English (Markdown).
    pub en: &'static str,
    /// What it means, in one line of Chinese (Markdown).
    pub zh: &'static str,
}

const fn code(code: &'static str, kind: Kind, en: &'static str, zh: &'static str) -> Code {
    Code { code, kind, en, zh }
}

use Kind::{Error, ErrorOrWarning, Internal, Warning};

/// Every diagnostic code, in code order.
pub const CODES: &[Code] = &[
    code(
        "E0000",
        Internal,
        "a background rebuild of the search index in `jixiao serve` was cancelled by a newer edit (never shown)",
        "`jixiao serve` 在后台重建搜索索引时被新的修改取消（不会显示）",
    ),
    code(
        "E0001",
        Error,
        "a file or folder cannot be read, or `content/` / `site.yaml` / `department.yaml` is missing",
        "文件或文件夹无法读取，或缺少 `content/`、`site.yaml`、`department.yaml`",
    ),
    code(
        "E0002",
        Error,
        "the file is not UTF-8 (GBK files are recognised and explained)",
        "文件不是 UTF-8 编码（能识别 GBK 文件并说明如何转换）",
    ),
    code(
        "E0003",
        Error,
        "the file is empty, or a page has no front matter",
        "文件为空，或页面没有前置元数据（front matter）",
    ),
    code("E0004", Error, "YAML syntax error", "YAML 语法错误"),
    code(
        "E0005",
        Error,
        "file refused: too large, aliases that expand too much, or nesting too deep",
        "拒绝读取的文件：过大、别名展开过多或嵌套过深",
    ),
    code(
        "E0006",
        ErrorOrWarning,
        "unexpected file in `content/` (a warning; an error for a YAML file in a department folder whose name is not a year), or a link to a folder, which is not followed (a warning)",
        "`content/` 中有不应出现的文件（警告；部门文件夹中的 YAML 文件名不是年份时为错误），或指向文件夹的链接，不会跟随（警告）",
    ),
    code(
        "E0007",
        Error,
        "a link in `content/` that leads outside it (not followed: nothing outside the content is published)",
        "`content/` 中指向其外部的链接（不会跟随：内容以外的文件一概不发布）",
    ),
    code(
        "E0101",
        Error,
        "unknown key (with \"did you mean\")",
        "未知的键（附“您是不是要写”的建议）",
    ),
    code(
        "E0102",
        Error,
        "missing required field, or a required value left empty",
        "缺少必填字段，或必填的值为空",
    ),
    code(
        "E0103",
        Error,
        "wrong type (e.g. text where a number belongs; a figure with a leading zero or a YAML tag such as `!!float`), a figure of more than 15 significant digits (beyond exact arithmetic), a negative amount of money, or text holding an invisible control character",
        "类型错误（如应填数字处填了文字；数字带前导零或 `!!float` 之类的 YAML 标签）、有效数字超过 15 位（超出精确运算范围）、金额为负数，或文字中含有不可见的控制字符",
    ),
    code(
        "E0104",
        Error,
        "value not among the allowed choices",
        "值不在允许的选项之中",
    ),
    code("E0105", Error, "the same key twice in one mapping", "同一映射中出现重复的键"),
    code("E0201", Error, "duplicate id within a report", "同一报告中的 id 重复"),
    code(
        "E0202",
        Error,
        "an id or year in the file disagrees with its folder or file name",
        "文件中的 id 或年度与其文件夹名或文件名不一致",
    ),
    code(
        "E0203",
        Error,
        "a department id that is reserved for a site section",
        "部门 id 是网站栏目保留的名称",
    ),
    code(
        "E0204",
        Error,
        "an id that cannot be used in a web address",
        "id 不能用于网址",
    ),
    code(
        "E0205",
        Error,
        "a reference to an id that does not exist",
        "引用了不存在的 id",
    ),
    code(
        "E0206",
        Error,
        "a date not in the form YYYY-MM-DD, or an impossible date (2023-02-30, 2023-13-45)",
        "日期不是 YYYY-MM-DD 格式，或是不存在的日期（2023-02-30、2023-13-45）",
    ),
    code(
        "E0207",
        Error,
        "a target with an operator but no value, or the reverse",
        "目标有比较符号而没有数值，或有数值而没有比较符号",
    ),
    code(
        "E0208",
        Error,
        "an overview with neither text nor a withheld notice",
        "部门概况既没有正文，也没有依法不予公开的说明",
    ),
    code(
        "E0209",
        Error,
        "`base_url` is not an absolute web address",
        "`base_url` 不是完整的网址",
    ),
    code(
        "E0210",
        ErrorOrWarning,
        "a figure left empty (`~`) in a report that is not a draft (a warning in a draft)",
        "非草稿报告中有留空（`~`）的数字（草稿中为警告）",
    ),
    code(
        "E0211",
        Error,
        "an attachment that is missing, outside the report's folder (also through a link), or named like another",
        "附件不存在、位于报告文件夹之外（包括经由链接），或与另一附件同名",
    ),
    code(
        "E0212",
        Error,
        "a `branding:` setting of `site.yaml` that cannot be used (a colour, a link, a missing logo)",
        "`site.yaml` 中无法使用的 `branding:` 设置（颜色、链接、缺失的标志图片）",
    ),
    code(
        "E0213",
        Error,
        "a report's `published` or cover `report_date` not after the end of the year it covers (a 2022 report dated 2022-06-30)",
        "报告的 `published` 或封面 `report_date` 不晚于所评价年度的结束之日（2022 年度报告的日期为 2022-06-30）",
    ),
    code(
        "E0214",
        Warning,
        "a report's `published` or cover `report_date` later than today (not in a draft; `SOURCE_DATE_EPOCH` sets today)",
        "报告的 `published` 或封面 `report_date` 晚于今天（草稿除外；可用 `SOURCE_DATE_EPOCH` 指定今天）",
    ),
    code(
        "E0220",
        Error,
        "a correction (`corrections:`) dated before the report's `published` date",
        "更正（`corrections:`）的日期早于报告的 `published` 日期",
    ),
    code(
        "E0221",
        Error,
        "a correction without a `text` saying what was corrected and why",
        "更正没有说明更正内容和原因的 `text`",
    ),
    code(
        "E0222",
        Error,
        "a correction's `fields:` names a field the report does not have, or one field twice",
        "更正的 `fields:` 列出了报告中不存在的字段，或重复列出同一字段",
    ),
    code(
        "E0232",
        Error,
        "`sitemap_max_urls` in `site.yaml` is not between 1 and 50,000",
        "`site.yaml` 中的 `sitemap_max_urls` 不在 1 到 50,000 之间",
    ),
    code("E0301", Error, "template error", "模板错误"),
    code(
        "E0302",
        Error,
        "the theme's UI strings (`i18n/<language>.yaml`) are missing, invalid, or lack a key a template uses",
        "主题的界面文字（`i18n/<语言>.yaml`）缺失、无效，或缺少模板用到的键",
    ),
    code(
        "E0303",
        Error,
        "the theme cannot be found or read (its folder, a template that is not UTF-8, no templates, an unreadable override)",
        "主题无法找到或读取（主题文件夹、非 UTF-8 的模板、没有模板、无法读取的覆盖文件）",
    ),
    code(
        "E0401",
        Error,
        "the output folder holds files jixiao did not write (use `--force`)",
        "输出文件夹中有并非 jixiao 写入的文件（可用 `--force`）",
    ),
    code(
        "E0402",
        Error,
        "a page or file path a theme or the content would write is not usable (outside the site, a name twice, a file where a folder must be)",
        "主题或内容要写入的页面或文件路径不可用（位于网站之外、同名两次、应为文件夹处是文件）",
    ),
    code(
        "E0403",
        Error,
        "the output folder cannot be read or written (permissions, a full disk, or a folder where a file goes)",
        "输出文件夹无法读取或写入（权限、磁盘已满，或应为文件处是文件夹）",
    ),
    code(
        "E0404",
        Error,
        "`--output` is the site root, or is (or lies inside) `content/` or `themes/`; refused even with `--force` (build into e.g. `public/`)",
        "`--output` 是网站根目录，或就是（或位于）`content/`、`themes/`；即使用 `--force` 也拒绝（请输出到如 `public/`）",
    ),
    code(
        "E0405",
        Error,
        "another jixiao build is writing the same output folder (its lock file `.<output>.jixiao-lock` names the process), or another jixiao serve uses the same preview folder (its `serve.lock` names the process and address)",
        "另一个 jixiao 构建正在写入同一输出文件夹（其锁文件 `.<输出文件夹>.jixiao-lock` 写明进程），或另一个 jixiao serve 正在使用同一预览文件夹（其 `serve.lock` 写明进程和地址）",
    ),
    code(
        "E0501",
        Error,
        "an attachment cannot be read while building the site's data files",
        "生成网站数据文件时无法读取附件",
    ),
    code(
        "E0701",
        Error,
        "`jixiao archive`: a snapshot of that year exists (use `--force`, which keeps the old one)",
        "`jixiao archive`：该年度的快照已存在（可用 `--force`，旧快照会保留）",
    ),
    code(
        "E0702",
        Error,
        "a snapshot cannot be read or written",
        "快照无法读取或写入",
    ),
    code(
        "E0703",
        Error,
        "a snapshot manifest is invalid, or a snapshot to bundle differs from its manifest",
        "快照清单无效，或要打包的快照与其清单不符",
    ),
    code(
        "E0704",
        Error,
        "no snapshot where one was named",
        "指定的快照不存在",
    ),
    code(
        "E0705",
        Error,
        "a bundle file name that is neither `.tar.gz`/`.tgz` nor `.zip`",
        "打包文件名既不是 `.tar.gz`/`.tgz` 也不是 `.zip`",
    ),
    code(
        "E0707",
        Error,
        "`jixiao archive YEAR`: no report of that year that is not a draft",
        "`jixiao archive 年度`：该年度没有非草稿报告",
    ),
    code(
        "E0801",
        Error,
        "an input file of `jixiao import` cannot be read (missing, no permission)",
        "`jixiao import` 的输入文件无法读取（不存在或无权限）",
    ),
    code(
        "E0802",
        Error,
        "an input file of `jixiao import` is of no format jixiao knows",
        "`jixiao import` 的输入文件不是 jixiao 认识的格式",
    ),
    code(
        "E0803",
        Error,
        "a Word 97–2003 `.doc` file: save it as `.docx` or export a PDF",
        "Word 97–2003 `.doc` 文件：请另存为 `.docx` 或导出 PDF",
    ),
    code(
        "E0804",
        Error,
        "a WPS Writer `.wps` file: save it as `.docx` or export a PDF",
        "WPS 文字 `.wps` 文件：请另存为 `.docx` 或导出 PDF",
    ),
    code(
        "E0805",
        Error,
        "a WPS Spreadsheets `.et` file: save it as `.xlsx`",
        "WPS 表格 `.et` 文件：请另存为 `.xlsx`",
    ),
    code(
        "E0806",
        Error,
        "an OFD file: export a PDF",
        "OFD 文件：请导出 PDF",
    ),
    code(
        "E0807",
        Error,
        "an image (a scan or a photo): OCR or the original document is needed",
        "图片（扫描件或照片）：需要 OCR 或原始文档",
    ),
    code(
        "E0808",
        Error,
        "a text file in no encoding jixiao can read (UTF-8, UTF-16, GBK/GB18030)",
        "文本文件的编码无法识别（支持 UTF-8、UTF-16、GBK/GB18030）",
    ),
    code(
        "E0809",
        Error,
        "a PDF without a text layer (a scan): OCR or the original document is needed",
        "PDF 没有文字层（扫描件）：需要 OCR 或原始文档",
    ),
    code(
        "E0810",
        Error,
        "a PDF whose text cannot be mapped to characters",
        "PDF 的文字无法映射为字符",
    ),
    code(
        "E0811",
        Error,
        "a PDF that needs a password to open",
        "PDF 需要密码才能打开",
    ),
    code(
        "E0812",
        Error,
        "a PDF that cannot be parsed",
        "PDF 无法解析",
    ),
    code(
        "E0813",
        Error,
        "a `.docx` file that cannot be read",
        "`.docx` 文件无法读取",
    ),
    code(
        "E0814",
        Error,
        "a workbook (`.xlsx`, `.xls`) that cannot be read",
        "工作簿（`.xlsx`、`.xls`）无法读取",
    ),
    code(
        "E0815",
        Error,
        "a CSV file that cannot be read",
        "CSV 文件无法读取",
    ),
    code(
        "E0816",
        Error,
        "a sheet without the headers of a self-evaluation table (绩效自评表)",
        "工作表中没有绩效自评表的表头",
    ),
    code(
        "E0817",
        Error,
        "an empty input file",
        "输入文件为空",
    ),
    code(
        "E0818",
        Error,
        "an Office 97–2003 file that is neither a workbook nor a Word document",
        "既不是工作簿也不是 Word 文档的 Office 97–2003 文件",
    ),
    code(
        "E0830",
        Error,
        "`jixiao import` would overwrite an existing file (it never does)",
        "`jixiao import` 将覆盖已有文件（从不覆盖）",
    ),
    code(
        "E0831",
        Error,
        "`jixiao import`: no year given and none in the title",
        "`jixiao import`：未指定年度，标题中也没有",
    ),
    code(
        "E0832",
        Error,
        "`jixiao import`: no department given and none can be made from the title",
        "`jixiao import`：未指定部门，也无法从标题得出",
    ),
    code(
        "E0835",
        Error,
        "`jixiao import`: the department id is not usable",
        "`jixiao import`：部门代码不可用",
    ),
    code(
        "E0836",
        Error,
        "`jixiao import`: a file cannot be written",
        "`jixiao import`：文件无法写入",
    ),
    code(
        "E0837",
        Error,
        "`jixiao import`: no input file given",
        "`jixiao import`：未给出输入文件",
    ),
    code(
        "E0838",
        Warning,
        "a report still has passages `jixiao import` could not place (`unplaced:`)",
        "报告中仍有 `jixiao import` 未能归位的文字（`unplaced:`）",
    ),
    code(
        "E0839",
        Error,
        "`jixiao import`: a new department has no name (none in the title, no `--name`)",
        "`jixiao import`：新部门没有名称（标题中没有，也未给出 `--name`）",
    ),
    code(
        "J000",
        Error,
        "the build fails because `site.yaml` sets `check.deny` and a check finding is not acknowledged",
        "`site.yaml` 设置了 `check.deny`，且有未确认的检查结果，构建失败",
    ),
    code(
        "W0230",
        Warning,
        "`site.yaml` sets no `licence` for the open data",
        "`site.yaml` 未设置开放数据的许可协议 `licence`",
    ),
    code(
        "W0231",
        Warning,
        "`base_url` has a path below its host, so the `robots.txt` a build writes is not read by crawlers",
        "`base_url` 含有主机名之下的路径，构建写出的 `robots.txt` 不会被搜索引擎读取",
    ),
    code(
        "W0706",
        Warning,
        "a snapshot copied into the live site differs from its manifest (run `jixiao verify`)",
        "复制到当前网站的快照与其清单不符（请运行 `jixiao verify`）",
    ),
];

/// The entry of `code`, if it is a registered diagnostic code.
pub fn lookup(code: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_in_order() {
        for pair in CODES.windows(2) {
            // Sorted as strings (E…, J000, W…): the order the docs list them in.
            assert!(pair[0].code < pair[1].code, "{} then {}", pair[0].code, pair[1].code);
        }
        assert_eq!(lookup("E0103").map(|c| c.kind), Some(Kind::Error));
        assert!(lookup("no such code").is_none());
    }

    #[test]
    fn meanings_fit_one_table_row() {
        for c in CODES {
            for text in [c.en, c.zh] {
                assert!(!text.is_empty() && !text.contains('|') && !text.contains('\n'), "{}: {text:?}", c.code);
            }
        }
    }
}
