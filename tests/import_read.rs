//! `jixiao import`'s readers and 自评表 recogniser against real documents: the seed report as
//! text in four encodings, printed to PDF by headless Chromium (with and without its print
//! header and footer) and written as a Word file with automatic numbering; the demo
//! department's 2022 self-evaluation table as a workbook and as a GBK CSV; and bad input, each
//! with its error code and the file named.

#[path = "common/documents.rs"]
mod documents;
#[path = "common/import_score.rs"]
mod import_score;

use documents::{DocxBlock, DocxParagraph, joined, missing};
use import_score::{VALUES_ONLY, assert_same_table, demo_tables, seed_sentences, seed_text};
use jixiao::import::read::{self, messages as codes};
use jixiao::import::source::{Block, Format, Source};
use jixiao::import::table::{How, recognise, recognise_source};
use jixiao::model::TableScope;
use std::path::{Path, PathBuf};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/import").join(name)
}

fn paragraphs(source: &Source) -> Vec<&str> {
    source
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text, .. } => Some(text.as_str()),
            Block::Table { .. } => None,
        })
        .collect()
}

/// Asserts at least 98 % of the seed's sentences are in the text of `source`.
fn assert_sentences_kept(source: &Source) {
    let sentences = seed_sentences(&seed_text());
    assert!(sentences.len() > 150, "the seed yields its sentences ({})", sentences.len());
    let text = joined(paragraphs(source));
    let lost = missing(&sentences, &text);
    let kept = 1.0 - lost.len() as f64 / sentences.len() as f64;
    assert!(kept >= 0.98, "{} of {} sentences lost ({:.1} % kept), e.g.:\n{:#?}", lost.len(), sentences.len(), kept * 100.0, &lost[..lost.len().min(10)]);
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

// ---- text -------------------------------------------------------------------------------

#[test]
fn the_seed_text_reads_the_same_in_every_encoding() {
    let seed = seed_text();
    let dir = tempfile::tempdir().unwrap();
    let utf8 = read::read(&write(dir.path(), "seed.txt", seed.as_bytes())).unwrap();
    assert_eq!(utf8.format, Format::Text);
    assert!(utf8.notes.is_empty(), "{:?}", utf8.notes);
    assert_sentences_kept(&utf8);
    // Line numbers are those of the file.
    let Block::Paragraph { text, at, .. } = &utf8.blocks[0] else { panic!("a paragraph first") };
    let first_line = seed.lines().position(|l| !l.trim().is_empty()).unwrap() as u32 + 1;
    assert_eq!((text.as_str(), at.line), (seed.lines().nth(first_line as usize - 1).unwrap().trim(), Some(first_line)));

    let bom = [&[0xEF, 0xBB, 0xBF][..], seed.as_bytes()].concat();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&seed);
    assert!(!unmappable, "the seed is GBK text");
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(seed.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    for (name, bytes, note) in [("bom.txt", bom, None), ("gbk.txt", gbk.into_owned(), Some("GBK")), ("utf16.txt", utf16, Some("UTF-16"))] {
        let source = read::read(&write(dir.path(), name, &bytes)).unwrap();
        assert_eq!(source.blocks, utf8.blocks, "{name} reads as the UTF-8 file does");
        match note {
            Some(n) => assert!(source.notes.iter().any(|x| x.en.contains(n)), "{name}: a note says it was converted: {:?}", source.notes),
            None => assert!(source.notes.is_empty(), "{name}: {:?}", source.notes),
        }
    }
}

#[test]
fn radicals_and_compatibility_ideographs_read_as_unified_ideographs() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "radicals.txt", "⼀⽀⻔⻩⼾\n\u{F900}ﬁ\n".as_bytes());
    let source = read::read(&path).unwrap();
    assert_eq!(paragraphs(&source), ["一支门黄户", "豈fi"]);
    assert!(source.notes.iter().any(|n| n.en.contains('7')), "the note counts the 7 mapped characters: {:?}", source.notes);
}

// ---- PDF --------------------------------------------------------------------------------

/// The seed as Chromium prints it, read back.
fn seed_pdf(header_footer: bool) -> (Source, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let html = documents::html_page(&seed_text(), "2022年度黄埔区委政法委部门整体支出绩效自评报告");
    let pdf = documents::print_to_pdf(&html, dir.path(), "seed", header_footer);
    let source = read::read(&pdf).unwrap_or_else(|e| panic!("the printed seed reads:\n{e}"));
    (source, dir)
}

/// No line of `source` is page furniture.
fn assert_no_furniture(source: &Source) {
    for text in paragraphs(source) {
        assert!(!jixiao::import::read::furniture::is_page_number(text), "a page number is left: {text}");
        assert!(!jixiao::import::read::furniture::is_print_furniture(text), "a print header or footer is left: {text}");
        assert!(!text.contains("file://") && !text.contains("seed.html"), "the file's URL is left: {text}");
    }
}

#[test]
fn the_seed_printed_by_chromium_reads_back_page_by_page() {
    let (source, _dir) = seed_pdf(false);
    assert_eq!(source.format, Format::Pdf);
    let pages: Vec<u32> = source.blocks.iter().map(|b| match b {
        Block::Paragraph { at, .. } | Block::Table { at, .. } => at.page.expect("every block has its page"),
    }).collect();
    assert!(pages.windows(2).all(|w| w[0] <= w[1]), "pages in order");
    assert!(*pages.last().unwrap() >= 3, "the seed fills several pages ({})", pages.last().unwrap());
    assert_sentences_kept(&source);
    assert_no_furniture(&source);
    // Reading order: the outline's headings in the order of the text.
    let text = joined(paragraphs(&source));
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} is in the text"));
    assert!(at("一、基本情况") < at("二、综合评价分析") && at("二、综合评价分析") < at("三、存在的主要问题") && at("三、存在的主要问题") < at("四、下一步改进措施"));
}

#[test]
fn chromiums_print_header_and_footer_are_removed() {
    let (source, _dir) = seed_pdf(true);
    assert_sentences_kept(&source);
    assert_no_furniture(&source);
    let title_lines = paragraphs(&source).iter().filter(|t| t.contains("2022年度黄埔区委政法委部门整体支出绩效自评报告")).count();
    assert_eq!(title_lines, 0, "the title Chromium prints on every page is gone");
    assert!(source.notes.iter().any(|n| n.en.contains("page numbers") && n.zh.contains("页码")), "the note says what was removed: {:?}", source.notes);
}

// ---- Word -------------------------------------------------------------------------------

#[test]
fn the_seed_as_a_word_file_with_automatic_numbering() {
    let (bytes, expected) = documents::seed_docx(&seed_text());
    let dir = tempfile::tempdir().unwrap();
    let source = read::read(&write(dir.path(), "seed.docx", &bytes)).unwrap();
    assert_eq!(source.format, Format::Docx);
    let texts = paragraphs(&source);
    assert!(expected.len() > 60, "the seed has its numbered lines ({})", expected.len());
    for e in &expected {
        assert!(texts.contains(&e.as_str()), "a paragraph reads `{e}` (numbers as Word shows them)");
    }
    let heading = |t: &str| source.blocks.iter().find_map(|b| match b {
        Block::Paragraph { text, heading, .. } if text.starts_with(t) => Some(*heading),
        _ => None,
    });
    assert_eq!(heading("一、基本情况"), Some(Some(1)));
    assert_eq!(heading("（一）部门概况"), Some(Some(2)));
    assert_eq!(heading("（1）做好做好基层社会治理综合网格工作"), Some(None));
    assert!(texts.iter().any(|t| t.starts_with("1. ") && t.contains("黄埔区各村居综治视联网设备均可以正")), "二（二） is numbered 1. 2. …");
    assert_sentences_kept(&source);
}

#[test]
fn word_tables_repeat_merged_cells_and_tracked_changes_are_accepted() {
    let tbl = r#"<w:tbl>
      <w:tr><w:tc><w:p><w:r><w:t>一级指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>二级指标</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>三级指标</w:t></w:r></w:p></w:tc></w:tr>
      <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>产出指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数量指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>演出场次</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>≥240场</w:t></w:r></w:p></w:tc></w:tr>
      <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>质量指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>达标率</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>≥95%</w:t></w:r></w:p></w:tc></w:tr>
    </w:tbl>"#;
    let tracked = r#"<w:p><w:r><w:t xml:space="preserve">全年执行数 </w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>7000.00</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>7907.98</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> 万元。</w:t></w:r></w:p>"#;
    let blocks = vec![
        DocxBlock::Paragraph(DocxParagraph { text: "绩效自评表".into(), style: None, num: None }),
        DocxBlock::Raw(tbl.to_string()),
        DocxBlock::Raw(tracked.to_string()),
    ];
    let dir = tempfile::tempdir().unwrap();
    let source = read::read(&write(dir.path(), "table.docx", &documents::docx(&blocks, &[0]))).unwrap();
    let Some(Block::Table { rows, .. }) = source.blocks.get(1) else { panic!("the table is the second block: {:?}", source.blocks) };
    assert_eq!(rows, &[
        vec!["一级指标", "二级指标", "三级指标", "三级指标"],
        vec!["产出指标", "数量指标", "演出场次", "≥240场"],
        vec!["产出指标", "质量指标", "达标率", "≥95%"],
    ]);
    assert_eq!(paragraphs(&source)[1], "全年执行数 7907.98 万元。");
    assert!(source.notes.iter().any(|n| n.en.contains('1')), "{:?}", source.notes);
}

// ---- 自评表 -----------------------------------------------------------------------------

#[test]
fn the_demo_workbook_is_recognised_as_the_demo_tables() {
    let source = read::read(&fixture("self-evaluation-2022.xlsx")).unwrap();
    assert_eq!(source.format, Format::Xlsx);
    let recognised = recognise_source(&source).unwrap_or_else(|e| panic!("{e}"));
    let want = demo_tables();
    assert_eq!(recognised.len(), 2, "the department table and the project table");
    assert_same_table(&recognised[0].table, &want[0]);
    assert_eq!(recognised[0].table.id, "department");
    assert_same_table(&recognised[1].table, &want[1]);
    assert_eq!(recognised[1].table.scope, TableScope::Project);
    // Provenance: the first indicator's target is in 部门整体!D12; its level1 comes from the
    // merged cell, found in its own row; placeholders are guesses.
    let field = |i: usize, path: &str| recognised[i].fields.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path} is listed"));
    assert_eq!(field(0, "indicators[0].target").at.as_ref().unwrap().to_string(), "部门整体!D12");
    assert_eq!(field(0, "indicators[1].level1").how, How::Found);
    assert_eq!(field(0, "indicators[0].id").how, How::Guessed);
    assert_eq!(field(0, "total_score").at.as_ref().unwrap().to_string(), "部门整体!G26");
    assert_eq!(field(1, "indicators[0].weight").at.as_ref().unwrap().to_string(), "项目!D11");
    // The rows no field takes (年度总体目标) are listed, not dropped.
    assert!(recognised[0].unplaced.iter().any(|(_, t)| t.contains("年度重点任务全部完成")), "{:?}", recognised[0].unplaced);
    assert!(recognised[1].unplaced.iter().any(|(at, t)| t == "实施单位 | 青水市群众艺术馆" && at.to_string() == "项目!E3"), "{:?}", recognised[1].unplaced);
}

#[test]
fn the_same_table_as_a_gbk_csv_with_empty_merged_cells() {
    let source = read::read(&fixture("self-evaluation-2022.csv")).unwrap();
    assert_eq!(source.format, Format::Csv);
    assert!(source.notes.iter().any(|n| n.en.contains("GBK")), "{:?}", source.notes);
    let recognised = recognise_source(&source).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(recognised.len(), 1);
    assert_same_table(&recognised[0].table, &demo_tables()[0]);
    // 一级指标 left empty under a merged cell is carried down, and said to be a guess.
    let level1 = recognised[0].fields.iter().find(|f| f.path == "indicators[1].level1").unwrap();
    assert_eq!(level1.how, How::Guessed);
    assert_eq!(level1.at.as_ref().unwrap().row, 12, "guessed from the row above");
}

#[test]
fn the_same_table_as_an_excel_97_workbook() {
    let source = read::read(&fixture("self-evaluation-2022.xls")).unwrap();
    assert_eq!(source.format, Format::Xls);
    let recognised = recognise_source(&source).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(recognised.len(), 1);
    // calamine gives no number formats for .xls: figures are read as Excel's General format
    // shows them (6705.8 for a cell formatted 6705.80), so only their values are compared.
    VALUES_ONLY.with(|v| v.set(true));
    assert_same_table(&recognised[0].table, &demo_tables()[0]);
    let initial = recognised[0].table.funds[0].initial.as_ref().unwrap();
    assert_eq!(initial.as_written(), "6705.8", "no digit is invented");
    // 执行率 formatted 0.00% is read as the fraction 0.9717; executed ÷ budget says it is one,
    // and the point is moved (a guess, listed as such).
    assert_eq!(recognised[0].table.funds[0].rate.as_ref().unwrap().as_written(), "97.17");
    let rate = recognised[0].fields.iter().find(|f| f.path == "funds[0].rate").unwrap();
    assert_eq!(rate.how, How::Guessed);
}

#[test]
fn two_tables_in_one_sheet() {
    let source = read::read(&fixture("self-evaluation-2022.xlsx")).unwrap();
    let mut rows = Vec::new();
    for block in &source.blocks {
        let Block::Table { rows: r, .. } = block else { continue };
        rows.extend(r.iter().cloned());
        rows.push(vec![String::new()]);
    }
    let tables = recognise(&rows, &Default::default()).unwrap();
    let want = demo_tables();
    assert_eq!(tables.len(), 2);
    assert_same_table(&tables[0].table, &want[0]);
    assert_same_table(&tables[1].table, &want[1]);
}

// ---- bad input --------------------------------------------------------------------------

/// Reading `path` fails with `code`, and the printed error names the file.
fn assert_error(path: &Path, code: &str) -> String {
    let err = read::read(path).err().unwrap_or_else(|| panic!("{} is refused", path.display()));
    assert_eq!(err.code, code, "{}: {err}", path.display());
    assert_eq!(err.file, path);
    assert!(err.hint.is_some(), "{code} has a hint");
    let shown = err.to_string();
    assert!(shown.contains(&path.display().to_string()) && shown.contains(code), "{shown}");
    shown
}

#[test]
fn a_scanned_pdf_is_refused_with_advice_to_run_ocr() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = documents::scanned_pdf(dir.path());
    let shown = assert_error(&pdf, codes::E_PDF_SCAN);
    assert!(shown.contains("OCR"), "{shown}");
}

#[test]
fn a_pdf_without_character_maps_is_refused() {
    // The seed's first lines printed by Chromium, with every font's ToUnicode map taken out:
    // the glyph codes no longer say which characters they draw.
    let dir = tempfile::tempdir().unwrap();
    let html = documents::html_page(&seed_text().lines().take(40).collect::<Vec<_>>().join("\n"), "无映射");
    let pdf = documents::print_to_pdf(&html, dir.path(), "mapped", false);
    let mut doc = lopdf::Document::load(&pdf).unwrap();
    let mut removed = 0;
    for object in doc.objects.values_mut() {
        if let Ok(dict) = object.as_dict_mut() {
            removed += usize::from(dict.remove(b"ToUnicode").is_some());
        }
    }
    assert!(removed > 0, "Chromium's fonts have ToUnicode maps");
    let path = dir.path().join("unmapped.pdf");
    doc.save(&path).unwrap();
    let shown = assert_error(&path, codes::E_PDF_UNMAPPED);
    assert!(shown.contains("character maps"), "{shown}");
    // In Chinese too.
    let zh = jixiao::diagnostics::Diagnostics::from(read::read(&path).unwrap_err()).render(jixiao::messages::Lang::ZhCn);
    assert!(zh.contains("字符映射") && zh.contains("错误"), "{zh}");
}

#[test]
fn an_encrypted_pdf_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = documents::encrypted_pdf(dir.path());
    assert_error(&path, codes::E_PDF_ENCRYPTED);
}

#[test]
fn broken_files_are_refused_with_their_own_codes() {
    let dir = tempfile::tempdir().unwrap();
    // A .docx whose document part is not XML.
    assert_error(&write(dir.path(), "corrupt.docx", &documents::corrupt_docx()), codes::E_DOCX_BROKEN);
    // A .docx cut short (half a zip).
    let (docx, _) = documents::seed_docx("一、基本情况\n");
    assert_error(&write(dir.path(), "cut.docx", &docx[..docx.len() / 2]), codes::E_DOCX_BROKEN);
    // A PDF cut short.
    assert_error(&write(dir.path(), "cut.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"), codes::E_PDF_BROKEN);
}

#[test]
fn formats_jixiao_does_not_read_say_what_to_export() {
    let dir = tempfile::tempdir().unwrap();
    let ole2 = documents::ole2;
    let shown = assert_error(&write(dir.path(), "report.doc", &ole2("WordDocument")), codes::E_DOC);
    assert!(shown.contains(".docx"), "{shown}");
    assert_error(&write(dir.path(), "report.wps", &ole2("WordDocument")), codes::E_WPS);
    assert_error(&write(dir.path(), "table.et", &ole2("Workbook")), codes::E_ET);
    let mut ofd = std::io::Cursor::new(Vec::new());
    {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(&mut ofd);
        zip.start_file("OFD.xml", zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(b"<ofd:OFD/>").unwrap();
        zip.finish().unwrap();
    }
    let shown = assert_error(&write(dir.path(), "report.ofd", ofd.get_ref()), codes::E_OFD);
    assert!(shown.contains("PDF"), "{shown}");
    assert_error(&write(dir.path(), "scan.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), codes::E_IMAGE);
    assert_error(&write(dir.path(), "scan.jpg", &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), codes::E_IMAGE);
    assert_error(&write(dir.path(), "empty.txt", b""), codes::E_EMPTY);
    assert_error(&dir.path().join("missing.pdf"), codes::E_IO);
}

#[test]
fn a_workbook_without_the_headers_says_which_were_expected() {
    let path = fixture("no-headers.xlsx");
    let source = read::read(&path).unwrap();
    let err = recognise_source(&source).unwrap_err();
    assert_eq!(err.code, codes::E_NOT_A_TABLE);
    assert_eq!(err.file, path);
    let shown = err.to_string();
    assert!(shown.contains("年初预算数") && shown.contains("三级指标"), "the expected headers: {shown}");
    assert!(shown.contains("姓名") && shown.contains("电话"), "the found ones: {shown}");
}
