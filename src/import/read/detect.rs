//! Which format a file is, decided by its content: PDF, zip containers (docx, xlsx, OFD), Office
//! 97–2003 compound files (xls, doc/wps/et) and images by their magic bytes and parts; anything
//! else is text. The extension only breaks ties the content leaves open: CSV or plain text, and
//! which WPS program made a compound file.

use crate::messages::Text;
use super::messages as msg;
use super::error;
use crate::diagnostics::Diagnostic;
use std::io::Cursor;
use std::path::Path;

/// A format jixiao reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Detected {
    Text,
    Csv,
    Pdf,
    Docx,
    Xlsx,
    Xls,
}

/// Magic of an Office 97–2003 compound file (OLE2 / CFB).
const OLE2: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Image formats by magic bytes, with the name shown in the error.
const IMAGES: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (&[0xFF, 0xD8, 0xFF], "JPEG"),
    (b"II*\0", "TIFF"),
    (b"MM\0*", "TIFF"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
];

/// The format of `bytes` (the content of `path`), or the error for a format jixiao cannot read.
pub(super) fn detect(path: &Path, bytes: &[u8]) -> Result<Detected, Diagnostic> {
    let ext = extension(path);
    // PDF writers may put a few bytes before the header; readers accept it within the first 1 KiB.
    if find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() {
        return Ok(Detected::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return detect_zip(path, bytes);
    }
    if bytes.starts_with(OLE2) {
        return detect_ole2(path, bytes, &ext);
    }
    if let Some((_, kind)) = IMAGES.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(error(msg::E_IMAGE, path, msg::image(kind), msg::ocr_hint()));
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Err(error(msg::E_IMAGE, path, msg::image("WebP"), msg::ocr_hint()));
    }
    if looks_binary(bytes) {
        // Not text, and none of the formats above: a damaged file of the kind its name says,
        // or something else altogether.
        let not_text = msg::looks_binary();
        return Err(match ext.as_str() {
            "pdf" => error(msg::E_PDF_BROKEN, path, msg::pdf_broken(not_text), msg::broken_hint()),
            "docx" => error(msg::E_DOCX_BROKEN, path, msg::docx_broken(not_text), msg::broken_hint()),
            "xlsx" | "xls" => error(msg::E_WORKBOOK_BROKEN, path, msg::workbook_broken(not_text), msg::broken_hint()),
            _ => error(msg::E_UNKNOWN_FORMAT, path, msg::unknown_format(not_text), msg::formats_hint()),
        });
    }
    if matches!(ext.as_str(), "csv" | "tsv") {
        return Ok(Detected::Csv);
    }
    Ok(Detected::Text)
}

/// A zip container: Word and Excel files by their main part, OFD by its entry file.
fn detect_zip(path: &Path, bytes: &[u8]) -> Result<Detected, Diagnostic> {
    // A zip that cannot be opened: say which kind it claimed to be by its name.
    let broken = |detail: Text| match extension(path).as_str() {
        "xlsx" | "xlsm" => error(msg::E_WORKBOOK_BROKEN, path, msg::workbook_broken(detail.clone()), msg::broken_hint()),
        _ => error(msg::E_DOCX_BROKEN, path, msg::docx_broken(detail.clone()), msg::broken_hint()),
    };
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| broken(e.to_string().into()))?;
    let has = |name: &str| archive.file_names().any(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name)));
    if has("word/document.xml") {
        Ok(Detected::Docx)
    } else if has("xl/workbook.xml") {
        Ok(Detected::Xlsx)
    } else if has("OFD.xml") {
        Err(error(msg::E_OFD, path, msg::ofd(), msg::ofd_hint()))
    } else {
        Err(error(msg::E_UNKNOWN_FORMAT, path, msg::unknown_format(msg::unknown_zip()), msg::formats_hint()))
    }
}

/// An Office 97–2003 compound file: a workbook when it has a `Workbook` (or Excel 5 `Book`)
/// stream, a Word or WPS Writer document when it has a `WordDocument` stream. Directory entries
/// name their streams in UTF-16LE, so finding the name among the bytes is enough to tell them
/// apart; calamine then reads the workbook properly. WPS saves both kinds with the same streams
/// as Microsoft's programs: only the extension says which program made the file.
fn detect_ole2(path: &Path, bytes: &[u8], ext: &str) -> Result<Detected, Diagnostic> {
    let has_stream = |name: &str| {
        let mut utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        // The name is followed by its terminating NUL, so `Book` does not match `Workbook`'s end
        // only by chance of what follows it.
        utf16.extend_from_slice(&[0, 0]);
        find(bytes, &utf16).is_some()
    };
    if has_stream("Workbook") || has_stream("Book") {
        if ext == "et" {
            return Err(error(msg::E_ET, path, msg::et(), msg::et_hint()));
        }
        return Ok(Detected::Xls);
    }
    if has_stream("WordDocument") {
        return Err(if ext == "wps" {
            error(msg::E_WPS, path, msg::wps(), msg::doc_hint())
        } else {
            error(msg::E_DOC, path, msg::doc(), msg::doc_hint())
        });
    }
    Err(match ext {
        "doc" => error(msg::E_DOC, path, msg::doc(), msg::doc_hint()),
        "wps" => error(msg::E_WPS, path, msg::wps(), msg::doc_hint()),
        "et" => error(msg::E_ET, path, msg::et(), msg::et_hint()),
        _ => error(msg::E_OLE_OTHER, path, msg::ole_other(), msg::formats_hint()),
    })
}

/// Whether `bytes` cannot be text: NUL bytes in its first 8 KiB, which no text encoding jixiao
/// reads has, except UTF-16 (recognised by its byte order mark).
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

/// The file's extension, lower case ("" when none).
fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(path: &str, bytes: &[u8]) -> &'static str {
        detect(Path::new(path), bytes).unwrap_err().code
    }

    #[test]
    fn content_decides_before_the_extension() {
        assert_eq!(detect(Path::new("report.txt"), b"%PDF-1.7\n").unwrap(), Detected::Pdf);
        assert_eq!(detect(Path::new("report.pdf"), "一、基本情况".as_bytes()).unwrap(), Detected::Text);
        assert_eq!(detect(Path::new("table.CSV"), b"a,b\n").unwrap(), Detected::Csv);
        assert_eq!(code("scan.pdf", b"\x89PNG\r\n\x1a\n...."), msg::E_IMAGE);
        assert_eq!(code("scan.pdf", &[0xFF, 0xD8, 0xFF, 0xE0]), msg::E_IMAGE);
    }

    #[test]
    fn compound_files_by_their_streams() {
        let with = |name: &str| {
            let mut b = OLE2.to_vec();
            b.extend_from_slice(&[0; 100]);
            b.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
            b.extend_from_slice(&[0, 0, 0, 0]);
            b
        };
        assert_eq!(code("x.bin", &with("WordDocument")), msg::E_DOC);
        assert_eq!(code("x.wps", &with("WordDocument")), msg::E_WPS);
        assert_eq!(code("x.et", &with("Workbook")), msg::E_ET);
        assert_eq!(detect(Path::new("x.dat"), &with("Workbook")).unwrap(), Detected::Xls);
        assert_eq!(code("x.bin", &with("PowerPoint Document")), msg::E_OLE_OTHER);
    }
}
