//! Discovery files: the Atom feed of published reports (`feed.xml`) and `robots.txt`.
//!
//! The feed lists every published (non-draft) report that states its publication date, newest
//! first, so a journalist's feed reader learns of a new report the day it is built. Reports
//! without a `published` date are left out rather than given an invented one. Dates are
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

/// `feed.xml`: an Atom 1.0 feed (RFC 4287) of the published reports, by publication date.
pub fn atom(site: &Site) -> Vec<u8> {
    let cfg = &site.content.site;
    let base = cfg.base_url();
    let mut entries: Vec<usize> = (0..site.reports.len())
        .filter(|&i| !site.reports[i].summary.draft && site.reports[i].summary.published.is_some())
        .collect();
    let key = |i: usize| {
        let s = &site.reports[i].summary;
        (s.published, s.year, std::cmp::Reverse(s.department))
    };
    entries.sort_by(|&a, &b| key(b).cmp(&key(a)));
    entries.truncate(FEED_LIMIT);
    let updated = entries
        .first()
        .and_then(|&i| site.reports[i].summary.published)
        .map_or_else(|| "1970-01-01T00:00:00+08:00".to_string(), timestamp);

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
    for i in entries {
        let r = &site.reports[i];
        let s = &r.summary;
        let url = format!("{base}{}", s.url);
        let date = timestamp(s.published.unwrap_or_default());
        let issuer = r.report.cover.as_ref().and_then(|c| c.issuer.as_deref()).unwrap_or(s.department_full_name);
        x.push_str("<entry>\n");
        x.push_str(&format!("<title>{}</title>\n", crate::xml::escape(s.title)));
        x.push_str(&format!("<id>{}</id>\n", crate::xml::escape(&url)));
        x.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", crate::xml::escape(&url)));
        x.push_str(&format!("<link rel=\"alternate\" type=\"application/json\" href=\"{}report.json\"/>\n", crate::xml::escape(&url)));
        x.push_str(&format!("<published>{date}</published>\n<updated>{date}</updated>\n"));
        x.push_str(&format!("<author><name>{}</name></author>\n", crate::xml::escape(issuer)));
        x.push_str(&format!("<category term=\"{}\" label=\"{}\"/>\n", s.year, s.year));
        if let Some(sum) = r.report.summary.as_deref().map(summary_text).filter(|t| !t.is_empty()) {
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
