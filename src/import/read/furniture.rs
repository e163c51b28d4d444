//! Page furniture: what a PDF repeats on its pages around the text, and a reader skips —
//! running headers and footers, page numbers (`— 3 —`, `- 3 -`, `第 3 页 共 9 页`, `3/9`, a bare
//! number alone at the top or bottom), and what a browser or a print dialog adds (the date and
//! time, the document's title, its file name or URL, `about:blank`).
//!
//! Only the lines at the top and the bottom of a page are looked at (a few deep, see [`remove`]),
//! and a line goes only when each of its parts (text runs far apart on one baseline, such as a
//! print header's date and title) is furniture. Running text is what recurs, digits aside, on
//! the same side of at least half the pages. Pure functions over lines, so they are tested
//! without PDFs.

use super::messages as msg;

/// How many lines at the top and at the bottom of a page may be furniture.
pub const BAND: usize = 2;

/// A line of a page: its text, its parts (runs of text separated by wide gaps, joined by a
/// space in `text`) and its baseline from the top of the page, in points.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The whole line.
    pub text: String,
    /// Its parts, left to right.
    pub parts: Vec<String>,
    /// Baseline, from the top of the page.
    pub y: f64,
}

impl Line {
    /// A line of one part (for tests and callers without positions).
    pub fn plain(text: &str) -> Line {
        Line { text: text.to_string(), parts: vec![text.to_string()], y: 0.0 }
    }
}

/// A page's lines, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// 1-based page number in the file.
    pub number: u32,
    /// Page height in points.
    pub height: f64,
    /// Lines, top to bottom.
    pub lines: Vec<Line>,
}

/// What [`remove`] took away, counted by kind (parts of lines).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Removed {
    /// Page numbers.
    pub page_numbers: usize,
    /// Running headers and footers.
    pub running: usize,
    /// Print headers and footers: dates and times, URLs, file names.
    pub print: usize,
}

impl Removed {
    /// The note for the import report, or `None` when nothing was removed.
    pub fn note(&self) -> Option<crate::messages::Text> {
        let mut what = Vec::new();
        if self.page_numbers > 0 {
            what.push(msg::page_numbers(self.page_numbers));
        }
        if self.running > 0 {
            what.push(msg::running_lines(self.running));
        }
        if self.print > 0 {
            what.push(msg::print_lines(self.print));
        }
        (!what.is_empty()).then(|| msg::furniture_removed(&what))
    }
}

/// The kind of furniture a part of a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    PageNumber,
    Running,
    Print,
}

/// `pages` without their furniture, and what was removed.
///
/// Each page is peeled from the top and from the bottom: while the outermost remaining line
/// (at most [`BAND`] + 1 lines deep) is furniture it goes, so a page number under a print
/// footer is at the edge once the footer is gone.
pub fn remove(mut pages: Vec<Page>) -> (Vec<Page>, Removed) {
    let running = running_texts(&pages);
    let context = Context { running, pages: pages.len() };
    let mut removed = Removed::default();
    for page in &mut pages {
        let mut top = 0;
        while top <= BAND && top < page.lines.len() && take(&page.lines[top], Side::Top, &context, &mut removed) {
            top += 1;
        }
        let mut bottom = page.lines.len();
        while page.lines.len() - bottom <= BAND && bottom > top && take(&page.lines[bottom - 1], Side::Bottom, &context, &mut removed) {
            bottom -= 1;
        }
        page.lines.truncate(bottom);
        page.lines.drain(..top);
    }
    (pages, removed)
}

/// Whether `line` is furniture (every part of it), counting its parts in `removed` if so.
fn take(line: &Line, side: Side, context: &Context, removed: &mut Removed) -> bool {
    let kinds: Vec<Option<Kind>> = line.parts.iter().map(|p| kind(p, side, context)).collect();
    if kinds.is_empty() || kinds.iter().any(Option::is_none) {
        return false;
    }
    for k in kinds.into_iter().flatten() {
        match k {
            Kind::PageNumber => removed.page_numbers += 1,
            Kind::Running => removed.running += 1,
            Kind::Print => removed.print += 1,
        }
    }
    true
}

/// What the whole document says about its furniture.
struct Context {
    /// Running texts, by side (see [`running_texts`]).
    running: Vec<(Side, String)>,
    /// Number of pages.
    pages: usize,
}

/// The top or the bottom of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Top,
    Bottom,
}

/// What kind of furniture `part`, at the edge of a page on `side`, is, if any.
fn kind(part: &str, side: Side, context: &Context) -> Option<Kind> {
    let t = part.trim();
    if is_page_number(t) || is_bare_number(t, context.pages) {
        Some(Kind::PageNumber)
    } else if is_print_furniture(t) {
        Some(Kind::Print)
    } else if context.running.iter().any(|(s, r)| *s == side && *r == shape(t)) {
        Some(Kind::Running)
    } else {
        None
    }
}

/// The parts, digits aside, that recur on the same side of the band of at least half the pages
/// (and of two pages at least): running headers and footers.
fn running_texts(pages: &[Page]) -> Vec<(Side, String)> {
    if pages.len() < 2 {
        return Vec::new();
    }
    let mut counts: std::collections::BTreeMap<(Side, String), usize> = std::collections::BTreeMap::new();
    for page in pages {
        let count = page.lines.len();
        let mut seen = std::collections::BTreeSet::new();
        for (i, line) in page.lines.iter().enumerate() {
            let side = if i <= BAND { Side::Top } else if i + BAND + 1 >= count { Side::Bottom } else { continue };
            for p in &line.parts {
                seen.insert((side, shape(p)));
            }
        }
        for s in seen {
            *counts.entry(s).or_default() += 1;
        }
    }
    let needed = pages.len().div_ceil(2).max(2);
    counts.into_iter().filter(|((_, s), n)| *n >= needed && !s.is_empty()).map(|(s, _)| s).collect()
}

/// A part's text with digits replaced by `#` and spaces removed: page 3's footer has the same
/// shape as page 4's.
fn shape(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// Removes all whitespace.
fn squeeze(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A run of ASCII digits of reasonable page-number length.
fn is_number(t: &str) -> bool {
    !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit())
}

/// A number alone at the edge of a page, no larger than a page number of this document can be
/// (twice the pages, for documents numbered from a later start): a year such as `2023` alone
/// under a signature is text.
fn is_bare_number(t: &str, pages: usize) -> bool {
    let s = squeeze(t);
    is_number(&s) && s.parse::<usize>().is_ok_and(|n| n <= 2 * pages + 10)
}

/// Page numbers as printed: `— 3 —`, `- 3 -`, `第 3 页`, `第 3 页 共 9 页`, `第3页/共9页`,
/// `共 9 页 第 3 页`, `3/9`, `3 / 9`, `Page 3 of 9`, `3 of 9`.
pub fn is_page_number(t: &str) -> bool {
    let s = squeeze(t);
    const DASHES: &[char] = &['-', '—', '–', '‒', '―', '－', '─'];
    if s.starts_with(DASHES) && s.ends_with(DASHES) && is_number(s.trim_matches(DASHES)) {
        return true;
    }
    // 第N页 with an optional 共M页 before or after, separated by nothing, a slash or a comma.
    let chinese = |s: &str| -> bool {
        let mut rest = s;
        let mut found = false;
        while !rest.is_empty() {
            rest = rest.trim_start_matches(['/', '，', ',', '、', '|']);
            let (prefix, after) = if let Some(r) = rest.strip_prefix('第') {
                ('第', r)
            } else if let Some(r) = rest.strip_prefix('共') {
                ('共', r)
            } else {
                return false;
            };
            let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
            let Some(r) = after[digits.len()..].strip_prefix('页') else { return false };
            if digits.is_empty() {
                return false;
            }
            found |= prefix == '第' || prefix == '共';
            rest = r;
        }
        found
    };
    if s.starts_with(['第', '共']) && chinese(&s) {
        return true;
    }
    if let Some((a, b)) = s.split_once('/')
        && is_number(a) && is_number(b) {
        return true;
    }
    let lower = t.trim().to_ascii_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.as_slice() {
        ["page", n] => is_number(n),
        ["page", n, "of", m] | [n, "of", m] => is_number(n) && is_number(m),
        _ => false,
    }
}

/// A print header or footer: a time with or without its date (`2023/5/10 14:03`,
/// `12/7/26, 2:28 AM`, `2023年5月10日 下午3:05`), a URL (`file:///…`, `https://…`, `about:blank`) or a file name
/// (`report.html`).
pub fn is_print_furniture(t: &str) -> bool {
    let t = t.trim();
    let lower = t.to_ascii_lowercase();
    if ["file://", "http://", "https://", "about:blank", "www.", "blob:", "data:"].iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    const FILE_TYPES: &[&str] = &[".html", ".htm", ".pdf", ".doc", ".docx", ".wps", ".txt", ".xls", ".xlsx", ".mht", ".ofd"];
    if !t.contains(char::is_whitespace) && FILE_TYPES.iter().any(|e| lower.ends_with(e)) && t.len() > 4 {
        return true;
    }
    is_date_time(t)
}

/// A time, with or without a date, and nothing else but their separators and an AM/PM or
/// 上午/下午.
fn is_date_time(t: &str) -> bool {
    let mut digits = 0;
    let mut groups = 0;
    let mut in_digits = false;
    let mut has_colon = false;
    let mut has_date_sep = false;
    let mut rest = t.to_ascii_lowercase();
    for word in ["am", "pm", "上午", "下午", "星期", "周"] {
        rest = rest.replace(word, " ");
    }
    for c in rest.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            if !in_digits {
                groups += 1;
            }
            in_digits = true;
            continue;
        }
        in_digits = false;
        match c {
            ':' | '：' => has_colon = true,
            '/' | '-' | '.' | '年' | '月' | '日' => has_date_sep = true,
            ',' | '，' | ' ' | '\u{3000}' | '一' | '二' | '三' | '四' | '五' | '六' | '天' => {}
            _ => return false,
        }
    }
    let time = has_colon && groups >= 2;
    let date = has_date_sep && groups >= 3;
    // A date alone is no print header: a report ends with its date under the signature. A
    // date repeated on every page goes as running text.
    digits >= 3 && time && (date || groups <= 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_in_their_usual_shapes() {
        for t in ["— 3 —", "- 3 -", "－3－", "第 3 页 共 9 页", "第3页/共9页", "共9页 第3页", "第 3 页", "3/9", "3 / 9", "Page 3 of 9", "3 of 9"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["第一章", "3", "2022年", "第3条规定", "1/2 的项目", "三、存在的主要问题"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn print_headers_and_footers() {
        for t in ["2023/5/10 14:03", "12/7/26, 2:28 AM", "14:03", "2023年5月10日 下午3:05", "file:///tmp/seed.html", "https://www.example.gov.cn/a.html", "about:blank", "黄浦区政法委2022.pdf"] {
            assert!(is_print_furniture(t), "{t}");
        }
        for t in ["2022年度部门整体支出绩效自评报告", "2023年5月10日", "2023-05-10", "执行率为94.88%", "截至2022年12月31日，全年完成", "1.5", "8334.69"] {
            assert!(!is_print_furniture(t), "{t}");
        }
    }

    fn page(n: u32, lines: &[&[&str]]) -> Page {
        let lines = lines.iter().map(|parts| Line { text: parts.join(" "), parts: parts.iter().map(|p| p.to_string()).collect(), y: 0.0 }).collect();
        Page { number: n, height: 842.0, lines }
    }

    #[test]
    fn furniture_goes_and_the_text_stays() {
        let pages = vec![
            page(1, &[&["12/7/26, 2:28 AM", "黄浦区自评报告"], &["一、基本情况"], &["正文第一行"], &["正文第二行"], &["file:///tmp/seed.html", "1/2"]]),
            page(2, &[&["12/7/26, 2:28 AM", "黄浦区自评报告"], &["正文第三行"], &["2"], &["file:///tmp/seed.html", "2/2"]]),
        ];
        let (pages, removed) = remove(pages);
        let texts: Vec<&str> = pages.iter().flat_map(|p| p.lines.iter().map(|l| l.text.as_str())).collect();
        assert_eq!(texts, ["一、基本情况", "正文第一行", "正文第二行", "正文第三行"]);
        assert_eq!(removed, Removed { page_numbers: 3, running: 2, print: 4 });
        assert!(removed.note().unwrap().en.contains("3"));
    }

    #[test]
    fn a_number_inside_the_page_is_text() {
        let signed = vec![page(1, &[&["正文"], &["黄埔区委政法委"], &["2023年5月10日"]]), page(2, &[&["第二页正文"], &["2023"]])];
        assert_eq!(remove(signed.clone()), (signed, Removed::default()), "a report's date and a year are text");
        let pages = vec![page(1, &[&["标题"], &["一"], &["12"], &["正文"], &["正文"], &["正文"]])];
        let (pages, removed) = remove(pages);
        assert_eq!(pages[0].lines.len(), 6);
        assert_eq!(removed, Removed::default());
    }

    #[test]
    fn running_headers_with_page_numbers_in_them() {
        let pages: Vec<Page> = (1..=4).map(|n| {
            let header = format!("2022年度自评报告 {n}");
            // Body lines differ by more than their digits.
            let body: Vec<String> = ["甲", "乙", "丙"].iter().map(|i| format!("{}{i}", ["春", "夏", "秋", "冬"][n as usize - 1])).collect();
            page(n, &[&[header.as_str()], &[body[0].as_str()], &[body[1].as_str()], &[body[2].as_str()]])
        }).collect();
        let (pages, removed) = remove(pages);
        assert!(pages.iter().all(|p| p.lines.len() == 3));
        assert_eq!(removed.running, 4);
    }
}
