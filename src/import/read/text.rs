//! Plain text: decoded from UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030, one
//! paragraph per non-blank line.

use super::{Read, error, mapped_note, messages as msg, unify_counted};
use crate::diagnostics::Diagnostic;
use crate::import::source::{Block, Location};
use std::path::Path;

/// A text file's content as one paragraph per non-blank line, with its line number.
pub(super) fn read(path: &Path, bytes: &[u8]) -> Result<Read, Diagnostic> {
    let (text, converted) = decode(path, bytes)?;
    let mut read = Read::default();
    if let Some(encoding) = converted {
        read.notes.push(msg::converted_from(encoding));
    }
    let mut mapped = 0;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        read.blocks.push(Block::Paragraph {
            text: unify_counted(line, &mut mapped),
            heading: None,
            at: Location { line: Some(i as u32 + 1), ..Location::default() },
        });
    }
    mapped_note(mapped, &mut read.notes);
    Ok(read)
}

/// The text of `bytes` and, when it was not UTF-8, the encoding it was converted from.
///
/// A byte order mark decides (UTF-8, UTF-16LE, UTF-16BE). Without one, valid UTF-8 is UTF-8:
/// Chinese text in GBK is almost never valid UTF-8 by chance. Otherwise GB18030 (a superset of
/// GBK and GB2312), decoded without replacement characters: a byte sequence that is not GB18030
/// either is an error, not text with holes in it.
pub(super) fn decode(path: &Path, bytes: &[u8]) -> Result<(String, Option<&'static str>), Diagnostic> {
    let undecodable = || error(msg::E_ENCODING, path, msg::encoding(), msg::encoding_hint());
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(undecodable());
        }
        let converted = (encoding != encoding_rs::UTF_8).then(|| encoding.name());
        return Ok((text.into_owned(), converted));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), None));
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| (text.into_owned(), Some("GBK/GB18030")))
        .ok_or_else(undecodable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_decode_to_the_same_text() {
        let text = "一、基本情况\n（一）部门概况";
        let path = Path::new("t.txt");
        assert_eq!(decode(path, text.as_bytes()).unwrap(), (text.to_string(), None));
        let bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        assert_eq!(decode(path, &bom).unwrap(), (text.to_string(), None));
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode(path, &gbk).unwrap(), (text.to_string(), Some("GBK/GB18030")));
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(path, &utf16).unwrap(), (text.to_string(), Some("UTF-16LE")));
    }

    #[test]
    fn bytes_of_no_encoding_are_an_error() {
        assert_eq!(decode(Path::new("t.txt"), &[0xB0, 0xA1, 0xFF, 0x80]).unwrap_err().code, msg::E_ENCODING);
    }
}
