//! Markdown → safe HTML for the `markdown` filter.
//!
//! pulldown-cmark (tables and footnotes on) turns the text into HTML; ammonia then removes
//! anything dangerous. ammonia is the expensive part, so it is skipped only when the event
//! stream provably holds nothing it would change: no raw HTML and no links or images (the only
//! places Markdown can put markup or a URL of the author's choosing). Everything else
//! pulldown-cmark writes is escaped text inside tags jixiao chooses.
//!
//! jixiao also adjusts the HTML for the page it lands in: headings are shifted so that the
//! content's top heading level becomes the level the template asks for (one `<h1>` per page, no skipped
//! levels); tables get `<th scope="col">` and a focusable, labelled scrolling region; footnote
//! ids are numbered per page so that several Markdown fields on one page never share an id.
//!
//! Not here: escaping of plain (non-Markdown) fields, which Tera's autoescape does.

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::cell::Cell;
use std::collections::HashSet;
use std::sync::OnceLock;

thread_local! {
    /// Markdown blocks rendered on the current page: makes ids and labels unique per page.
    static BLOCK: Cell<usize> = const { Cell::new(0) };
    /// Tables rendered on the current page, for their region labels.
    static TABLE: Cell<usize> = const { Cell::new(0) };
}

/// Starts a new page on this thread: ids and table numbers start again from 1.
///
/// A page renders on one thread from start to end, so per-thread counters reset here give
/// every page the same ids whatever thread renders it.
pub(super) fn begin_page() {
    BLOCK.with(|c| c.set(0));
    TABLE.with(|c| c.set(0));
}

fn next(counter: &'static std::thread::LocalKey<Cell<usize>>) -> usize {
    counter.with(|c| {
        let n = c.get() + 1;
        c.set(n);
        n
    })
}

/// Options of one conversion.
#[derive(Debug, Clone, Copy)]
pub(super) struct MarkdownOptions<'a> {
    /// Level a Markdown `#` heading becomes (2 to 6); deeper headings follow, capped at 6.
    pub heading: u8,
    /// Accessible label of table scrolling regions; the table's number on the page is appended.
    pub table_label: &'a str,
}

fn level(n: u8) -> HeadingLevel {
    match n {
        0..=1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Maps the heading levels a text uses, in rank order, onto `base`, `base + 1`, …: the text's
/// top level (whether it wrote `#` or `##`) lands where the template wants it and no level is
/// skipped.
fn heading_map(events: &[Event], base: u8) -> [HeadingLevel; 7] {
    let mut used = [false; 7];
    for e in events {
        if let Event::Start(Tag::Heading { level: l, .. }) = e {
            used[*l as usize] = true;
        }
    }
    // Levels the text uses get consecutive ranks; unused entries are never looked up.
    let mut map = [HeadingLevel::H6; 7];
    for (rank, (slot, _)) in map.iter_mut().zip(used).filter(|(_, u)| *u).enumerate() {
        *slot = level(base.max(1) + rank as u8);
    }
    map
}

/// Whether ammonia is needed: raw HTML, links or images anywhere in the events.
fn needs_sanitizing(events: &[Event]) -> bool {
    events.iter().any(|e| {
        matches!(
            e,
            Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Start(Tag::HtmlBlock | Tag::Link { .. } | Tag::Image { .. })
        )
    })
}

/// Converts Markdown to HTML that is safe to insert into a page.
pub(super) fn to_html(src: &str, opts: MarkdownOptions) -> String {
    if src.trim().is_empty() {
        return String::new();
    }
    let block = next(&BLOCK);
    if let Some(html) = plain_paragraphs(src) {
        return html;
    }
    let parser = Parser::new_ext(
        src,
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH,
    );
    let source_events: Vec<Event> = parser.collect();
    let sanitize = needs_sanitizing(&source_events);
    let levels = heading_map(&source_events, opts.heading);

    // Footnote labels → numbers in order of first reference (or definition).
    let mut notes: Vec<String> = Vec::new();
    let mut referenced: HashSet<usize> = HashSet::new();

    let mut events: Vec<Event> = Vec::with_capacity(source_events.len() + 8);
    let mut footnotes: Vec<Event> = Vec::new();
    let mut in_footnote = false;
    let mut aligns: Vec<Alignment> = Vec::new();
    let mut in_head = false;
    let mut body_open = false;
    let mut cell = 0usize;
    for ev in source_events {
        let out: Event = match ev {
            Event::Start(Tag::Heading { level: l, id, classes, attrs }) => {
                Event::Start(Tag::Heading { level: levels[l as usize], id, classes, attrs })
            }
            Event::End(TagEnd::Heading(l)) => Event::End(TagEnd::Heading(levels[l as usize])),
            Event::Start(Tag::Table(a)) => {
                aligns = a;
                body_open = false;
                let n = next(&TABLE);
                let mut label = String::new();
                crate::xml::escape_into(&mut label, &format!("{} {n}", opts.table_label));
                Event::Html(
                    format!("<div class=\"table-wrap\" role=\"region\" aria-label=\"{label}\" tabindex=\"0\"><table>")
                        .into(),
                )
            }
            Event::End(TagEnd::Table) => {
                let close = if body_open { "</tbody></table></div>\n" } else { "</table></div>\n" };
                Event::Html(close.into())
            }
            Event::Start(Tag::TableHead) => {
                in_head = true;
                cell = 0;
                Event::Html("<thead><tr>".into())
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                Event::Html("</tr></thead>".into())
            }
            Event::Start(Tag::TableRow) => {
                cell = 0;
                let open = if body_open { "<tr>" } else { "<tbody><tr>" };
                body_open = true;
                Event::Html(open.into())
            }
            Event::End(TagEnd::TableRow) => Event::Html("</tr>".into()),
            Event::Start(Tag::TableCell) => {
                let class = match aligns.get(cell) {
                    Some(Alignment::Right) => " class=\"num\"",
                    Some(Alignment::Center) => " class=\"center\"",
                    _ => "",
                };
                let tag = if in_head { format!("<th scope=\"col\"{class}>") } else { format!("<td{class}>") };
                Event::Html(tag.into())
            }
            Event::End(TagEnd::TableCell) => {
                cell += 1;
                Event::Html(if in_head { "</th>" } else { "</td>" }.into())
            }
            Event::FootnoteReference(label) => {
                let n = number_of(&label, &mut notes);
                let id = if referenced.insert(n) {
                    format!(" id=\"jx-fnref-{block}-{n}\"")
                } else {
                    String::new()
                };
                Event::InlineHtml(
                    format!("<sup class=\"fn-ref\"><a href=\"#jx-fn-{block}-{n}\"{id}>[{n}]</a></sup>").into(),
                )
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = number_of(&label, &mut notes);
                in_footnote = true;
                footnotes.push(Event::Html(format!("<li id=\"jx-fn-{block}-{n}\" value=\"{n}\">").into()));
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                in_footnote = false;
                footnotes.push(Event::Html("</li>\n".into()));
                continue;
            }
            other => other,
        };
        if in_footnote {
            footnotes.push(out);
        } else {
            events.push(out);
        }
    }
    if !footnotes.is_empty() {
        events.push(Event::Html("<ol class=\"footnotes\">\n".into()));
        events.append(&mut footnotes);
        events.push(Event::Html("</ol>\n".into()));
    }

    let mut html = String::with_capacity(src.len() * 3 / 2 + 64);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if sanitize {
        sanitizer().clean(&html).to_string()
    } else {
        html
    }
}

/// The HTML of a text that holds no Markdown syntax at all, the common case for Chinese report
/// prose: paragraphs separated by blank lines, nothing to escape. `None` when any character or
/// line start could mean something to Markdown (or needs escaping); pulldown-cmark then does
/// the work. Gives exactly what pulldown-cmark gives for the texts it accepts (tested below).
fn plain_paragraphs(src: &str) -> Option<String> {
    const SPECIAL: [bool; 256] = {
        let mut table = [false; 256];
        let chars = b"\\`*_[]<>!#|~&$\r\t";
        let mut i = 0;
        while i < chars.len() {
            table[chars[i] as usize] = true;
            i += 1;
        }
        table
    };
    if src.bytes().any(|b| SPECIAL[b as usize]) {
        return None;
    }
    let mut html = String::with_capacity(src.len() + 32);
    let mut open = false;
    for line in src.split('\n') {
        if line.bytes().all(|b| b == b' ') {
            if open {
                html.push_str("</p>\n");
                open = false;
            }
            continue;
        }
        if line.ends_with(' ') {
            return None; // trailing spaces: a possible hard line break
        }
        let text = line.trim_start_matches(' ');
        if !open && line.len() - text.len() >= 4 {
            return None; // indented code block
        }
        let first = text.as_bytes()[0];
        if matches!(first, b'-' | b'+' | b'=' | b':') {
            return None; // list item, setext underline, thematic break
        }
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && matches!(text.as_bytes().get(digits), Some(b'.' | b')')) {
            return None; // ordered list item
        }
        if open {
            html.push('\n');
        } else {
            html.push_str("<p>");
            open = true;
        }
        html.push_str(text);
    }
    if open {
        html.push_str("</p>\n");
    }
    Some(html)
}

fn number_of(label: &str, notes: &mut Vec<String>) -> usize {
    match notes.iter().position(|l| l == label) {
        Some(i) => i + 1,
        None => {
            notes.push(label.to_string());
            notes.len()
        }
    }
}

/// The ammonia configuration: HTML5 elements that cannot break the page's structure (no
/// landmarks, no obsolete elements or attributes), safe URL schemes, and the ids and classes
/// jixiao itself writes.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let tags: HashSet<&str> = [
            "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
            "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
            "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
            "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong",
            "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
            "u", "ul", "var", "wbr",
        ]
        .into_iter()
        .collect();
        let mut b = ammonia::Builder::default();
        b.tags(tags)
            .tag_attributes(
                [
                    ("a", ["href", "hreflang", "id"].as_slice()),
                    ("bdo", &["dir"]),
                    ("blockquote", &["cite"]),
                    ("del", &["cite", "datetime"]),
                    ("ins", &["cite", "datetime"]),
                    ("img", &["alt", "height", "src", "width"]),
                    ("ol", &["start", "reversed"]),
                    ("li", &["id", "value"]),
                    ("q", &["cite"]),
                    ("td", &["colspan", "headers", "rowspan"]),
                    ("th", &["colspan", "headers", "rowspan", "scope"]),
                    ("time", &["datetime"]),
                    ("div", &["role", "aria-label", "tabindex"]),
                ]
                .into_iter()
                .map(|(t, a)| (t, a.iter().copied().collect()))
                .collect(),
            )
            .allowed_classes(
                [
                    ("div", ["table-wrap"].as_slice()),
                    ("td", &["num", "center"]),
                    ("th", &["num", "center"]),
                    ("sup", &["fn-ref"]),
                    ("ol", &["footnotes"]),
                ]
                .into_iter()
                .map(|(t, a)| (t, a.iter().copied().collect()))
                .collect(),
            )
            .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
            // Only ids jixiao writes: an author's id could collide with the page's own.
            .attribute_filter(|_element, attribute, value| {
                if attribute == "id" && !value.starts_with("jx-") {
                    None
                } else {
                    Some(value.into())
                }
            });
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        begin_page();
        to_html(s, MarkdownOptions { heading: 3, table_label: "表格" })
    }

    fn pulldown(src: &str) -> String {
        let mut html = String::new();
        pulldown_cmark::html::push_html(
            &mut html,
            Parser::new_ext(src, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH),
        );
        html
    }

    #[test]
    fn the_plain_text_fast_path_matches_pulldown_cmark() {
        let samples = [
            "一段文字。",
            "第一段。\n\n第二段，含“引号”和\"直引号\"及'单引号'。\n",
            "  前导空格。\n   续行。\n\n\n\n第三段",
            "2022年共4567人提出申请，其中4458人审核通过，派发学位3567个。\n",
            "比率为 99.98 以上，约2-3条。\n跨行 1. 不是列表",
            "http://example.org/ 不是链接吗？ www.example.org",
            "12）全角括号\n（1）全角序号",
            "a\n \nb",
            "最后一行没有换行",
        ];
        for s in samples {
            let fast = plain_paragraphs(s).unwrap_or_else(|| panic!("fast path refuses {s:?}"));
            assert_eq!(fast, pulldown(s), "{s:?}");
        }
        for s in ["- 列表", "1. 列表", "2) 列表", "    代码", "标题\n===", "行尾两空格  \n下一行", "a & b", "**粗**", "+ x", "\t制表"] {
            assert!(plain_paragraphs(s).is_none(), "fast path must refuse {s:?}");
        }
        // Generated texts over an alphabet of the characters that matter.
        let alphabet = ["甲", "乙", " ", "  ", "\n", "\n\n", "-", "1", "23", ".", ")", "+", "=", ":", "a", "\"", "'", "。", "（", "）", "%", "/", "@"];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut checked = 0;
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..(state % 12 + 1) {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push_str(alphabet[(state >> 33) as usize % alphabet.len()]);
            }
            if s.trim().is_empty() {
                continue;
            }
            if let Some(fast) = plain_paragraphs(&s) {
                assert_eq!(fast, pulldown(&s), "{s:?}");
                checked += 1;
            }
        }
        assert!(checked > 2_000, "the generator exercises the fast path ({checked})");
    }

    #[test]
    fn plain_markdown_is_rendered_without_sanitizer_changes() {
        let html = md("一段**文字**。\n\n- 甲\n- 乙");
        assert_eq!(html, "<p>一段<strong>文字</strong>。</p>\n<ul>\n<li>甲</li>\n<li>乙</li>\n</ul>\n");
    }

    #[test]
    fn text_that_looks_like_templates_stays_literal() {
        let html = md("{{ 7*7 }} {% raw %}");
        assert!(html.contains("{{ 7*7 }} {% raw %}"), "{html}");
    }

    #[test]
    fn raw_html_and_javascript_links_are_removed() {
        let html = md("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) <b onclick=\"x\">b</b>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("<b>b</b>"), "{html}");
    }

    #[test]
    fn safe_links_survive_sanitizing() {
        let html = md("见[网站](https://example.org/a?b=1)。");
        assert!(html.contains("<a href=\"https://example.org/a?b=1\" rel=\"noopener noreferrer\">网站</a>"), "{html}");
    }

    #[test]
    fn headings_are_shifted() {
        let html = md("# 甲\n\n## 乙\n\n###### 丙");
        assert!(html.contains("<h3>甲</h3>"), "{html}");
        assert!(html.contains("<h4>乙</h4>"), "{html}");
        assert!(html.contains("<h5>丙</h5>"), "{html}");
        // A text whose top level is `##` starts at the requested level too.
        let html = md("## 甲\n\n#### 乙");
        assert!(html.contains("<h3>甲</h3>") && html.contains("<h4>乙</h4>"), "{html}");
    }

    #[test]
    fn tables_get_scope_and_a_labelled_region() {
        let html = md("| 项目 | 金额 |\n|---|--:|\n| 甲 | 1 |\n| 乙 | 2 |");
        assert!(html.contains("<div class=\"table-wrap\" role=\"region\" aria-label=\"表格 1\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">项目</th><th scope=\"col\" class=\"num\">金额</th></tr></thead><tbody><tr><td>甲</td><td class=\"num\">1</td></tr>"), "{html}");
        assert!(html.ends_with("</tbody></table></div>\n"), "{html}");
    }

    #[test]
    fn tables_keep_their_markup_through_the_sanitizer() {
        let html = md("| 项目 | 链接 |\n|---|---|\n| 甲 | [a](https://a.example/) |");
        assert!(html.contains("<div class=\"table-wrap\" role=\"region\" aria-label=\"表格 1\" tabindex=\"0\">"), "{html}");
        assert!(html.contains("<th scope=\"col\">项目</th>"), "{html}");
    }

    #[test]
    fn footnote_ids_are_unique_per_block() {
        begin_page();
        let opts = MarkdownOptions { heading: 3, table_label: "表格" };
        let a = to_html("甲[^1]。\n\n[^1]: 注一。", opts);
        let b = to_html("乙[^1]。\n\n[^1]: 注二。", opts);
        assert!(a.contains("href=\"#jx-fn-1-1\""), "{a}");
        assert!(a.contains("<li id=\"jx-fn-1-1\" value=\"1\">"), "{a}");
        assert!(b.contains("href=\"#jx-fn-2-1\""), "{b}");
        // With a link, ammonia runs and must keep jixiao's ids.
        let c = to_html("丙[^n] [x](https://x.example/)。\n\n[^n]: 注。", opts);
        assert!(c.contains("id=\"jx-fn-3-1\""), "{c}");
        assert!(c.contains("id=\"jx-fnref-3-1\""), "{c}");
    }

    #[test]
    fn author_ids_are_dropped() {
        let html = md("<p id=\"main\">x</p>");
        assert!(!html.contains("id=\"main\""), "{html}");
    }
}
