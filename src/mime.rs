//! Media types by file extension: the one table behind the open data's attachment list
//! ([`crate::data`]) and the preview server's `Content-Type` (`jixiao serve`).

/// The media type of a file named `name` (by its extension, any case), without parameters:
/// `report.PDF` → `application/pdf`; `application/octet-stream` when the extension is unknown.
pub fn of_name(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html",
        "css" => "text/css",
        "js" | "mjs" => "text/javascript",
        "json" | "map" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "csv" => "text/csv",
        "txt" => "text/plain",
        "wasm" => "application/wasm",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "gz" => "application/gzip",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "ofd" => "application/ofd",
        "wps" => "application/vnd.ms-works",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_extension_in_any_case() {
        assert_eq!(of_name("a/报告.PDF"), "application/pdf");
        assert_eq!(of_name("x.tar.gz"), "application/gzip");
        assert_eq!(of_name("style.css"), "text/css");
        assert_eq!(of_name("README"), "application/octet-stream");
        assert_eq!(of_name("search/t/5e74.bin"), "application/octet-stream");
    }
}
