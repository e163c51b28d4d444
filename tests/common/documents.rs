//! Documents made in the tests from the seed text, as an office would have them: a PDF printed
//! by headless Chromium (with or without its print header and footer) and a Word `.docx` with
//! real automatic numbering. The seed's text and its sentences (split as `tests/seed_report.rs`
//! counts them) are `import_score`'s, the one place they are made.
//!
//! Include it with `#[path = "common/documents.rs"] mod documents;` beside
//! `#[path = "common/import_score.rs"] mod import_score;` (it uses that). Making a PDF needs
//! Debian's `chromium` and `fonts-noto-cjk` (`tests/install-deps.sh`): without them the test
//! fails, it does not skip.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::import_score::strip_numbering;

/// Where Debian installs Chromium.
pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";

/// Texts joined without whitespace, as sentences are compared.
pub(crate) fn joined<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    texts.into_iter().flat_map(|t| t.chars().filter(|c| !c.is_whitespace())).collect()
}

/// The sentences of `sentences` not found in `joined`.
pub(crate) fn missing<'a>(sentences: &'a [String], joined: &str) -> Vec<&'a String> {
    sentences.iter().filter(|s| !joined.contains(s.as_str())).collect()
}

/// An HTML page of `text`, one paragraph per non-blank line, titled `title`, in a CJK font.
pub(crate) fn html_page(text: &str, title: &str) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut html = format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>body{{font-family:'Noto Sans CJK SC','Noto Serif CJK SC',sans-serif;font-size:12pt;line-height:1.6}}\
         p{{margin:0 0 .4em}}</style></head><body>\n",
        escape(title)
    );
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        html.push_str(&format!("<p>{}</p>\n", escape(line)));
    }
    html.push_str("</body></html>\n");
    html
}

/// Prints `html` to a PDF with headless Chromium, in `dir` as `name.html` and `name.pdf`; with
/// `header_footer`, Chromium's default print header (date, title) and footer (URL, page/pages)
/// are on every page. Panics when Chromium is missing or fails.
pub(crate) fn print_to_pdf(html: &str, dir: &Path, name: &str, header_footer: bool) -> PathBuf {
    assert!(Path::new(CHROMIUM).is_file(), "{CHROMIUM} is missing: run `bash tests/install-deps.sh` (as root)");
    let page = dir.join(format!("{name}.html"));
    std::fs::write(&page, html).unwrap();
    let pdf = dir.join(format!("{name}.pdf"));
    let profile = dir.join(format!("{name}-profile"));
    let mut command = Command::new(CHROMIUM);
    command.args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions"]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    if !header_footer {
        command.arg("--no-pdf-header-footer");
    }
    command.arg(format!("--print-to-pdf={}", pdf.display())).arg(&page);
    let out = command.output().expect("chromium runs");
    assert!(pdf.is_file(), "chromium made no PDF: {}\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    pdf
}

/// One paragraph of a generated `.docx`.
#[derive(Debug, Clone)]
pub(crate) struct DocxParagraph {
    /// Its text (without the list number Word adds).
    pub text: String,
    /// Its paragraph style id (e.g. `Heading1`).
    pub style: Option<&'static str>,
    /// Its list (numId) and level (ilvl).
    pub num: Option<(u32, u8)>,
}

/// A body element of a generated `.docx`: a paragraph or a table as raw `w:tbl` XML.
#[derive(Debug, Clone)]
pub(crate) enum DocxBlock {
    /// A paragraph.
    Paragraph(DocxParagraph),
    /// Raw XML of a `w:tbl` (or any body element).
    Raw(String),
}

/// The abstract list definitions of the generated documents: 0 the section headings
/// (`一、` chineseCounting, then `（一）` chineseCounting), 1 `（1）` items, 2 `1.` items.
const ABSTRACT_NUMS: &str = r#"
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%1）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="singleLevel"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>"#;

const W_NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// XML-escapes text.
pub(crate) fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A `.docx` of `blocks`; `lists` gives each list (numId from 1) its abstract definition
/// (0 headings, 1 `（1）`, 2 `1.`), every list but the headings' restarting at 1.
pub(crate) fn docx(blocks: &[DocxBlock], lists: &[u32]) -> Vec<u8> {
    let mut body = String::new();
    for block in blocks {
        match block {
            DocxBlock::Raw(xml) => body.push_str(xml),
            DocxBlock::Paragraph(p) => {
                body.push_str("<w:p><w:pPr>");
                if let Some(style) = p.style {
                    body.push_str(&format!("<w:pStyle w:val=\"{style}\"/>"));
                }
                if let Some((num, level)) = p.num {
                    body.push_str(&format!("<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr>"));
                }
                body.push_str(&format!("</w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>\n", xml_escape(&p.text)));
            }
        }
    }
    let document = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {W_NS}><w:body>\n{body}<w:sectPr/></w:body></w:document>");
    let mut nums = String::new();
    for (i, abstract_id) in lists.iter().enumerate() {
        let restart = if *abstract_id == 0 { String::new() } else { "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride>".to_string() };
        nums.push_str(&format!("<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{abstract_id}\"/>{restart}</w:num>\n", i + 1));
    }
    let numbering = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering {W_NS}>{ABSTRACT_NUMS}\n{nums}</w:numbering>");
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles {W_NS}>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"标题 2\"/><w:basedOn w:val=\"Normal\"/></w:style>\
         </w:styles>"
    );
    let parts: [(&str, String); 6] = [
        ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/></Types>".to_string()),
        ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_string()),
        ("word/_rels/document.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>".to_string()),
        ("word/document.xml", document),
        ("word/numbering.xml", numbering),
        ("word/styles.xml", styles),
    ];
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in parts {
            zip.start_file(name, options).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}

/// The seed as a `.docx`: 一、 headings (style Heading1) and （一） sub-headings (style `2`,
/// named 标题 2) numbered by Word, the numbered items as automatic lists — `（1）` in most
/// sections, `1.` in 二（二）, each restarting at 1 — and every other line a plain paragraph.
/// Returns the file and, for each numbered paragraph, the number a reader sees followed by the
/// text.
pub(crate) fn seed_docx(text: &str) -> (Vec<u8>, Vec<String>) {
    let mut blocks = Vec::new();
    let mut expected = Vec::new();
    let mut lists: Vec<u32> = vec![0];
    let mut in_list = false;
    let mut section = (0u32, 0u32);
    let mut item = 0u32;
    let mut dotted = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = line.trim_start_matches("- ").trim();
        let (numbered, rest) = strip_numbering(line);
        let rest = rest.trim().to_string();
        let chinese = |n: u32| ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][n as usize].to_string();
        if numbered && !line.starts_with(['（', '(']) {
            section = (section.0 + 1, 0);
            in_list = false;
            expected.push(format!("{}、{rest}", chinese(section.0)));
            blocks.push(DocxBlock::Paragraph(DocxParagraph { text: rest, style: Some("Heading1"), num: Some((1, 0)) }));
        } else if numbered && line.trim_start_matches(['（', '(']).starts_with(|c: char| "一二三四五六七八九十".contains(c)) {
            section.1 += 1;
            in_list = false;
            dotted = section == (2, 2);
            expected.push(format!("（{}）{rest}", chinese(section.1)));
            blocks.push(DocxBlock::Paragraph(DocxParagraph { text: rest, style: Some("2"), num: Some((1, 1)) }));
        } else if numbered {
            if !in_list {
                lists.push(if dotted { 2 } else { 1 });
                in_list = true;
                item = 0;
            }
            item += 1;
            expected.push(if dotted { format!("{item}. {rest}") } else { format!("（{item}）{rest}") });
            blocks.push(DocxBlock::Paragraph(DocxParagraph { text: rest, style: None, num: Some((lists.len() as u32, 0)) }));
        } else {
            blocks.push(DocxBlock::Paragraph(DocxParagraph { text: line.to_string(), style: None, num: None }));
        }
    }
    (docx(&blocks, &lists), expected)
}

// ---- bad input, as offices have it ---------------------------------------------------------

/// A scan: a PDF of one page with only a picture (a canvas printed as an image) and no text.
pub(crate) fn scanned_pdf(dir: &Path) -> PathBuf {
    let html = "<!doctype html><html><body style=\"margin:0\"><canvas id=c width=600 height=800></canvas><script>\
                const x=document.getElementById('c').getContext('2d');x.fillStyle='#eee';x.fillRect(0,0,600,800);\
                x.fillStyle='#333';for(let i=0;i<30;i++)x.fillRect(40,40+i*24,500,10);</script></body></html>";
    print_to_pdf(html, dir, "scan", false)
}

/// A PDF that needs a password to open (`secret`), encrypted with lopdf (RC4, 128 bits).
pub(crate) fn encrypted_pdf(dir: &Path) -> PathBuf {
    let html = html_page("全年预算数 8334.69 万元。", "加密");
    let plain = print_to_pdf(&html, dir, "plain", false);
    let mut doc = lopdf::Document::load(&plain).unwrap();
    // The file identifier keys the encryption; Chromium's PDFs have none.
    let id = lopdf::Object::String(b"jixiao-import-test".to_vec(), lopdf::StringFormat::Hexadecimal);
    doc.trailer.set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    let version = lopdf::encryption::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "secret",
        key_length: 128,
        permissions: lopdf::encryption::Permissions::default(),
    };
    let state = lopdf::encryption::EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let path = dir.join("encrypted.pdf");
    doc.save(&path).unwrap();
    path
}

/// A `.docx` whose document part is not XML.
pub(crate) fn corrupt_docx() -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut bytes);
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(b"<w:document><w:body><w:p>").unwrap();
        zip.finish().unwrap();
    }
    bytes.into_inner()
}

/// An Office 97–2003 compound file: its header and a directory entry naming its `stream`
/// (`WordDocument` for a `.doc`, `Workbook` for an `.xls` or `.et`).
pub(crate) fn ole2(stream: &str) -> Vec<u8> {
    let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    b.resize(512, 0);
    b.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
    b.extend_from_slice(&[0, 0]);
    b.resize(1024, 0);
    b
}
