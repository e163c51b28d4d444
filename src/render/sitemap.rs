//! The sitemap: every public URL of the site, in one `sitemap.xml` or, beyond what one file may
//! hold, in `sitemap-1.xml`, `sitemap-2.xml` … listed by a sitemap index at `sitemap.xml`.
//!
//! One sitemap file may list 50,000 URLs (the sitemaps.org protocol; Baidu, which Chinese
//! readers search with, has the same count and a 10 MB size limit). `robots.txt` and search
//! consoles keep pointing at `sitemap.xml` whichever shape it has. The parts sit at the site's
//! root, beside the index, because a sitemap may only list URLs at or below its own folder.
//! Each part is rendered by the theme's `sitemap.xml` template; the index is protocol, not
//! design, so it is written here.

use crate::site::Site;
use serde::Serialize;

/// Most URLs in one sitemap file, and the default of `site.yaml`'s `sitemap_max_urls`.
use crate::model::SITEMAP_MAX_URLS as MAX_URLS;

/// Most bytes in one sitemap file, as estimated by [`estimated_len`]: Baidu's 10 MB (the
/// protocol allows 50 MB), with room for what a theme's template adds around each URL.
const MAX_BYTES: usize = 9_000_000;

/// A URL of the sitemap.
#[derive(Serialize)]
pub(super) struct SitemapUrl {
    pub(super) loc: String,
    pub(super) lastmod: Option<String>,
}

/// Every URL of the sitemap (not the 404 page, not drafts), sorted.
pub(super) fn urls(site: &Site, base_url: &str, indicator_urls: &[String]) -> Vec<SitemapUrl> {
    let mut urls = vec![SitemapUrl { loc: base_url.to_string(), lastmod: None }];
    for d in &site.departments {
        urls.push(SitemapUrl { loc: format!("{base_url}{}", d.url), lastmod: None });
    }
    for r in site.reports.iter().filter(|r| !r.summary.draft) {
        urls.push(SitemapUrl {
            loc: format!("{base_url}{}", r.summary.url),
            lastmod: r.summary.published.map(str::to_string),
        });
    }
    for y in &site.years {
        urls.push(SitemapUrl { loc: format!("{base_url}{}", y.url), lastmod: None });
    }
    for p in site.pages.iter().filter(|p| !p.meta.draft) {
        urls.push(SitemapUrl { loc: format!("{base_url}pages/{}/", p.slug), lastmod: None });
    }
    for url in indicator_urls {
        urls.push(SitemapUrl { loc: format!("{base_url}{url}"), lastmod: None });
    }
    urls.sort_by(|a, b| a.loc.cmp(&b.loc));
    urls
}

/// Bytes a URL takes in a sitemap written by the default template (escaping aside).
fn estimated_len(u: &SitemapUrl) -> usize {
    "<url><loc></loc><lastmod></lastmod></url>\n".len() + u.loc.len() + u.lastmod.as_ref().map_or(0, String::len)
}

/// `urls` cut into the parts of the sitemap, in order: one part when they fit in one file.
pub(super) fn parts(urls: &[SitemapUrl], max_urls: usize) -> Vec<&[SitemapUrl]> {
    let max_urls = max_urls.clamp(1, MAX_URLS);
    let mut parts = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, u) in urls.iter().enumerate() {
        let len = estimated_len(u);
        if i > start && (i - start == max_urls || bytes + len > MAX_BYTES) {
            parts.push(&urls[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += len;
    }
    if start < urls.len() || parts.is_empty() {
        parts.push(&urls[start..]);
    }
    parts
}

/// File name of part `n` (counted from 1) when the sitemap has several.
pub(super) fn part_name(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// The sitemap index listing `parts`, each named by [`part_name`] under `base_url`, with the
/// newest `lastmod` of its URLs.
pub(super) fn index(base_url: &str, parts: &[&[SitemapUrl]]) -> Vec<u8> {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (i, part) in parts.iter().enumerate() {
        out.push_str("<sitemap><loc>");
        crate::xml::escape_into(&mut out, &format!("{base_url}{}", part_name(i + 1)));
        out.push_str("</loc>");
        if let Some(newest) = part.iter().filter_map(|u| u.lastmod.as_deref()).max() {
            out.push_str("<lastmod>");
            crate::xml::escape_into(&mut out, newest);
            out.push_str("</lastmod>");
        }
        out.push_str("</sitemap>\n");
    }
    out.push_str("</sitemapindex>\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(n: usize) -> Vec<SitemapUrl> {
        (0..n)
            .map(|i| SitemapUrl { loc: format!("https://x.gov.cn/d{i:06}/"), lastmod: (i % 7 == 0).then(|| format!("2023-0{}-01", i % 9 + 1)) })
            .collect()
    }

    #[test]
    fn a_site_within_the_limit_has_one_sitemap() {
        let u = urls(MAX_URLS);
        let p = parts(&u, MAX_URLS);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].len(), MAX_URLS);
        assert_eq!(parts(&[], MAX_URLS).len(), 1, "an empty site still has its sitemap");
    }

    #[test]
    fn beyond_50000_urls_the_parts_keep_every_url_in_order() {
        let u = urls(2 * MAX_URLS + 1);
        let p = parts(&u, MAX_URLS);
        assert_eq!(p.iter().map(|p| p.len()).collect::<Vec<_>>(), [MAX_URLS, MAX_URLS, 1]);
        let joined: Vec<&str> = p.iter().flat_map(|p| p.iter().map(|u| u.loc.as_str())).collect();
        assert_eq!(joined, u.iter().map(|u| u.loc.as_str()).collect::<Vec<_>>());
        // A setting above the protocol's limit is held to it.
        assert_eq!(parts(&u, 10 * MAX_URLS).len(), 3);
    }

    #[test]
    fn long_urls_split_on_size_before_count() {
        let long: Vec<SitemapUrl> =
            (0..10_000).map(|i| SitemapUrl { loc: format!("https://x.gov.cn/{}{i}/", "长".repeat(600)), lastmod: None }).collect();
        let p = parts(&long, MAX_URLS);
        assert!(p.len() > 1);
        for part in &p {
            assert!(part.iter().map(estimated_len).sum::<usize>() <= MAX_BYTES);
        }
    }

    #[test]
    fn the_index_names_each_part_with_its_newest_date() {
        let u = urls(25);
        let p = parts(&u, 10);
        let xml = String::from_utf8(index("https://x.gov.cn/j/", &p)).unwrap();
        assert_eq!(xml.matches("<sitemap>").count(), 3);
        assert!(xml.contains("<loc>https://x.gov.cn/j/sitemap-1.xml</loc><lastmod>2023-08-01</lastmod>"), "{xml}");
        assert!(xml.contains("<loc>https://x.gov.cn/j/sitemap-3.xml</loc>"));
        roxmltree::Document::parse(&xml).expect("well-formed XML");
    }
}
