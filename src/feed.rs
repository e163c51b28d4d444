//! Discovery files: the Atom feed of published reports (`feed.xml`) and `robots.txt`.
//!
//! The feed lists every published (non-draft) report that states its publication date, and
//! every correction of a published report on its date, newest first, so a journalist's feed
//! reader learns of a new report or a correction the day it is built. Reports without a
//! `published` date are left out rather than given an invented one. Dates are
//! calendar days; they are given at midnight China Standard Time (+08:00).
//!
//! Like the rest of the build, both files are a pure function of the site: no clock is read.

use crate::site::Site;

/// At most this many entries in the feed.
pub const FEED_LIMIT: usize = 50;

fn timestamp(date: &str) -> String {
    format!("{date}T00:00:00+08:00")
}

/// A plain-text summary: the report's 自评结论综述 without Markdown marks, at most 300 characters.
fn summary_text(markdown: &str) -> String {
    let plain: String = markdown
        .lines()
        .map(|l| l.trim().trim_start_matches(['#', '>', '-', '*', ' ']))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .replace("**", "");
    let mut s: String = plain.chars().take(300).collect();
    if s.len() < plain.len() {
        s.push('…');
    }
    s
}

/// What a feed entry announces: a report's publication, or one of its corrections.
#[derive(Clone, Copy)]
enum Item {
    /// Report index.
    Report(usize),
    /// Report index, correction index.
    Correction(usize, usize),
}

/// `feed.xml`: an Atom 1.0 feed (RFC 4287) of the published reports, by publication date, and
/// of their corrections (更正说明), each an entry of its own on the day it was made: a reader
/// who follows the feed learns that a report was corrected. A correction's entry id is the
/// report's address with the correction's anchor on the page (`…/2022/#correction-2024-03-01`,
/// see [`crate::site::changes::correction_anchor`]), so it stays the same from build to build.
pub fn atom<'c>(site: &Site<'c>) -> Vec<u8> {
    let cfg = &site.content.site;
    let base = cfg.base_url();
    let mut entries: Vec<(&'c str, Item)> = Vec::new();
    for (i, r) in site.reports.iter().enumerate().filter(|(_, r)| !r.summary.draft) {
        if let Some(date) = r.summary.published {
            entries.push((date, Item::Report(i)));
        }
        entries.extend(r.report.corrections.iter().enumerate().map(|(k, c)| (c.date.as_str(), Item::Correction(i, k))));
    }
    let key = |&(date, item): &(&'c str, Item)| {
        let (i, k) = match item {
            Item::Report(i) => (i, None),
            Item::Correction(i, k) => (i, Some(k)),
        };
        let s = &site.reports[i].summary;
        (date, s.year, std::cmp::Reverse(s.department), k)
    };
    entries.sort_by(|a, b| key(b).cmp(&key(a)));
    entries.truncate(FEED_LIMIT);
    let updated = entries.first().map_or_else(|| "1970-01-01T00:00:00+08:00".to_string(), |(date, _)| timestamp(date));

    let mut x = String::with_capacity(4096 + entries.len() * 1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n", crate::xml::escape(cfg.language())));
    x.push_str(&format!("<title>{}</title>\n", crate::xml::escape(&cfg.title)));
    if let Some(d) = &cfg.description {
        x.push_str(&format!("<subtitle>{}</subtitle>\n", crate::xml::escape(d)));
    }
    x.push_str(&format!("<id>{}</id>\n", crate::xml::escape(&base)));
    x.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", crate::xml::escape(&base)));
    x.push_str(&format!("<link rel=\"self\" type=\"application/atom+xml\" href=\"{}feed.xml\"/>\n", crate::xml::escape(&base)));
    x.push_str(&format!("<updated>{updated}</updated>\n"));
    x.push_str(&format!("<author><name>{}</name></author>\n", crate::xml::escape(&cfg.publisher)));
    x.push_str("<generator>jixiao</generator>\n");
    if let Some(l) = cfg.data_licence() {
        x.push_str(&format!("<rights>{}</rights>\n", crate::xml::escape(l)));
    }
    for (date, item) in entries {
        let i = match item {
            Item::Report(i) | Item::Correction(i, _) => i,
        };
        let r = &site.reports[i];
        let s = &r.summary;
        let url = format!("{base}{}", s.url);
        let date = timestamp(date);
        let issuer = r.report.cover.as_ref().and_then(|c| c.issuer.as_deref()).unwrap_or(s.department_full_name);
        let (title, id, summary) = match item {
            Item::Report(_) => (s.title.to_string(), url.clone(), r.report.summary.as_deref().map(summary_text)),
            Item::Correction(_, k) => {
                let heading = crate::strings::get(&site.strings, "corrections.title");
                let colon = crate::strings::get(&site.strings, "common.colon");
                let anchor = crate::site::changes::correction_anchor(&r.report.corrections, k);
                (format!("{heading}{colon}{}", s.title), format!("{url}#{anchor}"), Some(summary_text(&r.report.corrections[k].text)))
            }
        };
        x.push_str("<entry>\n");
        x.push_str(&format!("<title>{}</title>\n", crate::xml::escape(&title)));
        x.push_str(&format!("<id>{}</id>\n", crate::xml::escape(&id)));
        x.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", crate::xml::escape(&id)));
        x.push_str(&format!("<link rel=\"alternate\" type=\"application/json\" href=\"{}report.json\"/>\n", crate::xml::escape(&url)));
        match item {
            Item::Report(_) => x.push_str(&format!("<published>{date}</published>\n<updated>{date}</updated>\n")),
            // The report's own publication, when stated, stays its `published`.
            Item::Correction(..) => {
                if let Some(p) = s.published {
                    x.push_str(&format!("<published>{}</published>\n", timestamp(p)));
                }
                x.push_str(&format!("<updated>{date}</updated>\n"));
            }
        }
        x.push_str(&format!("<author><name>{}</name></author>\n", crate::xml::escape(issuer)));
        x.push_str(&format!("<category term=\"{}\" label=\"{}\"/>\n", s.year, s.year));
        if let Some(sum) = summary.filter(|t| !t.is_empty()) {
            x.push_str(&format!("<summary type=\"text\">{}</summary>\n", crate::xml::escape(&sum)));
        }
        x.push_str("</entry>\n");
    }
    x.push_str("</feed>\n");
    x.into_bytes()
}

/// `robots.txt`: everything may be crawled, the sitemap is named; a build with drafts is a
/// preview and asks robots to stay away.
pub fn robots(site: &Site) -> Vec<u8> {
    let base = site.content.site.base_url();
    let rules = if site.drafts { "Disallow: /" } else { "Allow: /" };
    format!("User-agent: *\n{rules}\n\nSitemap: {base}sitemap.xml\n").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_plain_and_short() {
        assert_eq!(summary_text("**总体**良好。\n\n- 完成"), "总体良好。 完成");
        assert_eq!(summary_text(&"字".repeat(400)).chars().count(), 301);
    }
}
