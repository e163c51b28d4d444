//! The texts of the readers' errors and notes (`jixiao import`), in English and Chinese.
//!
//! Kept here rather than in `crate::messages` while that file is being reworked; each text is a
//! function returning the text in the current language, the shape the rest of the project uses,
//! so they can move there unchanged. Error codes are E08xx, 01–29.

use crate::messages::{Lang, Text, pick, tr};


// ---- codes -------------------------------------------------------------------------------

/// The file cannot be read at all (missing, no permission).
pub const E_IO: &str = "E0801";
/// The file's content is of no format jixiao knows.
pub const E_UNKNOWN_FORMAT: &str = "E0802";
/// A Word 97–2003 `.doc` file.
pub const E_DOC: &str = "E0803";
/// A WPS Writer `.wps` file.
pub const E_WPS: &str = "E0804";
/// A WPS Spreadsheets `.et` file.
pub const E_ET: &str = "E0805";
/// An OFD file (the Chinese fixed-layout format).
pub const E_OFD: &str = "E0806";
/// An image (a scan or a photo).
pub const E_IMAGE: &str = "E0807";
/// A text file in no encoding jixiao can read.
pub const E_ENCODING: &str = "E0808";
/// A PDF without a text layer (a scan).
pub const E_PDF_SCAN: &str = "E0809";
/// A PDF whose text cannot be mapped to characters.
pub const E_PDF_UNMAPPED: &str = "E0810";
/// A PDF that needs a password.
pub const E_PDF_ENCRYPTED: &str = "E0811";
/// A PDF that cannot be parsed.
pub const E_PDF_BROKEN: &str = "E0812";
/// A `.docx` that cannot be read.
pub const E_DOCX_BROKEN: &str = "E0813";
/// A workbook (`.xlsx`, `.xls`) that cannot be read.
pub const E_WORKBOOK_BROKEN: &str = "E0814";
/// A CSV file that cannot be read.
pub const E_CSV_BROKEN: &str = "E0815";
/// A table without the headers of a 绩效自评表.
pub const E_NOT_A_TABLE: &str = "E0816";
/// An empty file.
pub const E_EMPTY: &str = "E0817";
/// An OLE2 (Office 97–2003) file that is neither a workbook nor a Word document.
pub const E_OLE_OTHER: &str = "E0818";

// ---- errors ------------------------------------------------------------------------------

/// The file cannot be read.
pub fn io(err: &std::io::Error) -> Text {
    tr!("cannot read this file: {err}", "无法读取此文件：{err}")
}
/// Hint for [`io`].
pub fn io_hint() -> Text {
    tr!("check the path and that the file can be read", "请检查路径，并确认文件可读")
}
/// The file is empty.
pub fn empty() -> Text {
    tr!("this file is empty", "此文件是空的")
}
/// Hint for [`empty`].
pub fn empty_hint() -> Text {
    tr!("give the report's PDF, Word, text or spreadsheet file", "请给出报告的 PDF、Word、文本或电子表格文件")
}
/// The content is of no known format.
pub fn unknown_format(what: impl Into<Text>) -> Text {
    let what = what.into();
    Text::by_lang(|lang| pick!(lang, "jixiao cannot read this file: {what}", "jixiao 无法读取此文件：{what}", what = what.get(lang)))
}
/// What an unknown binary file looks like.
pub fn looks_binary() -> Text {
    tr!("it is not text and not a PDF, Word or Excel file", "它既不是文本，也不是 PDF、Word 或 Excel 文件")
}
/// What an unknown zip file looks like.
pub fn unknown_zip() -> Text {
    tr!("it is a zip archive but not a .docx, .xlsx or OFD file", "它是 zip 压缩包，但不是 .docx、.xlsx 或 OFD 文件")
}
/// Hint for [`unknown_format`].
pub fn formats_hint() -> Text {
    tr!(
        "jixiao imports PDF (with text), Word .docx, Excel .xlsx/.xls, CSV and plain text (UTF-8, GBK, UTF-16)",
        "jixiao 可导入 PDF（含文字层）、Word .docx、Excel .xlsx/.xls、CSV 和纯文本（UTF-8、GBK、UTF-16）"
    )
}
/// A Word 97–2003 file.
pub fn doc() -> Text {
    tr!("this is a Word 97–2003 .doc file, which jixiao does not read", "这是 Word 97–2003 的 .doc 文件，jixiao 无法读取")
}
/// Hint for [`doc`] and [`wps`].
pub fn doc_hint() -> Text {
    tr!(
        "open it in Word or WPS and save it as .docx (or export it as PDF), then import that file",
        "请用 Word 或 WPS 打开，另存为 .docx（或导出为 PDF），再导入该文件"
    )
}
/// A WPS Writer file.
pub fn wps() -> Text {
    tr!("this is a WPS Writer .wps file, which jixiao does not read", "这是 WPS 文字的 .wps 文件，jixiao 无法读取")
}
/// A WPS Spreadsheets file.
pub fn et() -> Text {
    tr!("this is a WPS Spreadsheets .et file, which jixiao does not read", "这是 WPS 表格的 .et 文件，jixiao 无法读取")
}
/// Hint for [`et`].
pub fn et_hint() -> Text {
    tr!(
        "open it in WPS or Excel and save it as .xlsx, then import that file",
        "请用 WPS 或 Excel 打开，另存为 .xlsx，再导入该文件"
    )
}
/// An OFD file.
pub fn ofd() -> Text {
    tr!("this is an OFD document, which jixiao does not read", "这是 OFD 版式文件，jixiao 无法读取")
}
/// Hint for [`ofd`].
pub fn ofd_hint() -> Text {
    tr!(
        "export it as PDF from the OFD reader (or use the original Word document)",
        "请在 OFD 阅读器中导出为 PDF（或使用原始 Word 文档）"
    )
}
/// An image.
pub fn image(kind: &str) -> Text {
    tr!("this is an image ({kind}): it has no text jixiao can read", "这是图片（{kind}）：其中没有 jixiao 能读取的文字")
}
/// Hint for [`image`] and [`pdf_scan`].
pub fn ocr_hint() -> Text {
    tr!(
        "run OCR on it, or use the original Word document or a PDF exported from it",
        "请先做文字识别（OCR），或使用原始 Word 文档或由它导出的 PDF"
    )
}
/// An OLE2 file of another kind.
pub fn ole_other() -> Text {
    tr!(
        "this is an Office 97–2003 file but neither a Word document nor a workbook",
        "这是 Office 97–2003 文件，但既不是 Word 文档也不是工作簿"
    )
}
/// Text in no readable encoding.
pub fn encoding() -> Text {
    tr!(
        "this text is neither UTF-8, UTF-16 nor GBK/GB18030",
        "此文本既不是 UTF-8、UTF-16，也不是 GBK/GB18030 编码"
    )
}
/// Hint for [`encoding`].
pub fn encoding_hint() -> Text {
    tr!("save the file as UTF-8 text and import it again", "请将文件另存为 UTF-8 文本后重新导入")
}
/// A PDF without a text layer.
pub fn pdf_scan(pages: usize) -> Text {
    tr!(
        "this PDF has no text layer: it is a scan ({pages} pages of images); run OCR or use the original Word document",
        "此 PDF 没有文字层：它是扫描件（{pages} 页图像）；请先做文字识别（OCR），或使用原始 Word 文档"
    )
}
/// A PDF whose glyphs map to no characters.
pub fn pdf_unmapped(share: u32) -> Text {
    tr!(
        "this PDF's fonts have no usable character maps: {share} % of its text is unmapped or private-use glyphs",
        "此 PDF 的字体没有可用的字符映射：{share}% 的文字是无法映射或私用区的字形"
    )
}
/// Hint for [`pdf_unmapped`].
pub fn pdf_unmapped_hint() -> Text {
    tr!(
        "export the PDF again from the original document (embedding fonts with their character maps), or import the original Word document",
        "请从原始文档重新导出 PDF（嵌入字体及其字符映射），或直接导入原始 Word 文档"
    )
}
/// A PDF that needs a password.
pub fn pdf_encrypted() -> Text {
    tr!("this PDF is encrypted with a password", "此 PDF 已用密码加密")
}
/// Hint for [`pdf_encrypted`].
pub fn pdf_encrypted_hint() -> Text {
    tr!(
        "open it with its password and save or print it as a PDF without one, or use the original document",
        "请用密码打开后另存（或打印）为不加密的 PDF，或使用原始文档"
    )
}
/// A PDF that cannot be parsed.
pub fn pdf_broken(detail: impl Into<Text>) -> Text {
    let detail = detail.into();
    Text::by_lang(|lang| pick!(lang, "this PDF cannot be read: {detail}", "无法读取此 PDF：{detail}", detail = detail.get(lang)))
}
/// Hint for broken files of any format.
pub fn broken_hint() -> Text {
    tr!(
        "the file may be damaged or cut short; open it in its program and save it again, or export it anew",
        "文件可能已损坏或不完整；请用原程序打开后重新保存，或重新导出"
    )
}
/// Detail of a broken file: a part it must have is missing.
pub fn missing_part(part: &str) -> Text {
    tr!("it has no {part}", "缺少 {part}")
}
/// Detail of a broken PDF: no pages.
pub fn no_pages() -> Text {
    tr!("it has no pages", "它没有页面")
}
/// Detail of a broken PDF: a page's content cannot be decoded.
pub fn undecodable_content() -> Text {
    tr!("a page's content cannot be decoded", "有页面的内容无法解码")
}
/// A `.docx` that cannot be read.
pub fn docx_broken(detail: impl Into<Text>) -> Text {
    let detail = detail.into();
    Text::by_lang(|lang| pick!(lang, "this Word .docx file cannot be read: {detail}", "无法读取此 Word .docx 文件：{detail}", detail = detail.get(lang)))
}
/// A workbook that cannot be read.
pub fn workbook_broken(detail: impl Into<Text>) -> Text {
    let detail = detail.into();
    Text::by_lang(|lang| pick!(lang, "this workbook cannot be read: {detail}", "无法读取此工作簿：{detail}", detail = detail.get(lang)))
}
/// A CSV file that cannot be read.
pub fn csv_broken(detail: impl Into<Text>) -> Text {
    let detail = detail.into();
    Text::by_lang(|lang| pick!(lang, "this CSV file cannot be read: {detail}", "无法读取此 CSV 文件：{detail}", detail = detail.get(lang)))
}
/// No 绩效自评表 in a table: which headers were expected and which were found.
pub fn not_a_table(expected: &str, found: impl Into<Text>) -> Text {
    let found = found.into();
    Text::by_lang(|lang| {
        pick!(
            lang,
            "no self-evaluation table (绩效自评表) found: expected headers such as {expected}; found {found}",
            "未找到绩效自评表：应有 {expected} 等表头；实际找到 {found}",
            found = found.get(lang)
        )
    })
}
/// Hint for [`not_a_table`].
pub fn not_a_table_hint() -> Text {
    tr!(
        "give the sheet with the funds block (年初预算数, 全年预算数, 全年执行数) and the indicator block (一级指标, 二级指标, 三级指标, 年度指标值, 实际完成值)",
        "请提供含资金块（年初预算数、全年预算数、全年执行数）和指标块（一级指标、二级指标、三级指标、年度指标值、实际完成值）的工作表"
    )
}
/// Nothing was found (a list of found headers that is empty).
pub fn nothing() -> Text {
    tr!("nothing", "无")
}
/// Where a table is, for messages: a sheet and a row.
pub fn sheet_row(sheet: &str, row: u32) -> Text {
    tr!("sheet “{sheet}”, row {row}", "工作表“{sheet}”第 {row} 行")
}

// ---- notes -------------------------------------------------------------------------------

/// Note: the text was converted from an encoding.
pub fn converted_from(encoding: &str) -> Text {
    tr!("converted from {encoding} to UTF-8", "已从 {encoding} 编码转换为 UTF-8")
}
/// Note: page furniture removed, e.g. "9 page numbers, 9 running headers".
pub fn furniture_removed(what: &[Text]) -> Text {
    Text::by_lang(|lang| {
        let what = what.iter().map(|w| w.get(lang)).collect::<Vec<_>>().join(if lang == Lang::ZhCn { "，" } else { ", " });
        pick!(lang, "removed page furniture: {what}", "已去除页面附加内容：{what}")
    })
}
/// A count of removed page numbers.
pub fn page_numbers(n: usize) -> Text {
    tr!("{n} page numbers", "{n} 个页码")
}
/// A count of removed running headers and footers.
pub fn running_lines(n: usize) -> Text {
    tr!("{n} running headers or footers", "{n} 行页眉或页脚")
}
/// A count of removed print headers and footers (date, file name, URL).
pub fn print_lines(n: usize) -> Text {
    tr!("{n} print headers or footers (date, title, file name or URL)", "{n} 行打印页眉或页脚（日期、标题、文件名或网址）")
}
/// Note: characters mapped to unified ideographs.
pub fn mapped_chars(n: usize) -> Text {
    tr!(
        "mapped {n} radical, compatibility or ligature characters to the ordinary ones",
        "已将 {n} 个部首、兼容或连字字符换成通用字符"
    )
}
/// Note: deleted text of tracked changes was left out.
pub fn tracked_changes(inserted: usize, deleted: usize) -> Text {
    tr!(
        "tracked changes: took {inserted} insertions, left out {deleted} deletions",
        "修订：采纳了 {inserted} 处插入，略去了 {deleted} 处删除"
    )
}
/// Note: a sheet was empty.
pub fn empty_sheet(sheet: &str) -> Text {
    tr!("sheet “{sheet}” is empty", "工作表“{sheet}”为空")
}
