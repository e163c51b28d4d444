//! `branding:` of `site.yaml` (see [`crate::model::Branding`]): its semantic rules, and the
//! CSS custom properties its colours become.

use crate::messages::{self as msg, Msg, Text};
use crate::model::Branding;

/// Diagnostic code: an invalid `branding` setting.
pub const E_BRANDING: &str = "E0212";

/// `#rrggbb` as (r, g, b).
pub fn parse_colour(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.strip_prefix('#').filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()))?;
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

/// WCAG contrast ratio of a colour against white.
pub fn contrast_with_white((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    let l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    1.05 / (l + 0.05)
}

/// Whether `url` is an `http(s)://` address with a host, or a site-relative address (no
/// scheme, no leading `/`, no spaces).
pub fn is_link(url: &str) -> bool {
    if url.is_empty() || url.contains(char::is_whitespace) {
        return false;
    }
    match url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) {
        Some(rest) => !rest.is_empty() && !rest.starts_with('/'),
        None => !url.starts_with('/') && !url.contains(':') && !url.starts_with("//"),
    }
}

/// Every problem of `branding`: field path (below `branding.`), message, hint.
pub fn problems(b: &Branding) -> Vec<(String, Text, Msg)> {
    let mut out = Vec::new();
    if let Some(c) = &b.colors {
        // Primary is behind white text; link is text on white: both need 4.5:1.
        for (field, value, needs_contrast) in [("primary", &c.primary, true), ("link", &c.link, true), ("focus", &c.focus, false)] {
            let Some(v) = value else { continue };
            match parse_colour(v) {
                None => out.push((format!("branding.colors.{field}"), msg::bad_colour(v), msg::BAD_COLOUR_HINT)),
                Some(rgb) if needs_contrast && contrast_with_white(rgb) < 4.5 => {
                    out.push((format!("branding.colors.{field}"), msg::low_contrast(v, contrast_with_white(rgb)), msg::LOW_CONTRAST_HINT))
                }
                Some(_) => {}
            }
        }
    }
    if let Some(logo) = &b.logo
        && (logo.is_empty() || logo.starts_with('/') || logo.split(['/', '\\']).any(|p| p == ".." || p.is_empty()) || logo.contains(':'))
    {
        out.push(("branding.logo".into(), msg::bad_logo(logo), msg::BAD_LOGO_HINT));
    }
    if let Some(f) = &b.footer {
        for (field, value) in [("icp_url", &f.icp_url), ("police_url", &f.police_url)] {
            if let Some(v) = value
                && !(is_link(v) && v.contains("://"))
            {
                out.push((format!("branding.footer.{field}"), msg::bad_link(v), msg::BAD_LINK_HINT));
            }
        }
    }
    for (i, link) in b.nav.iter().enumerate() {
        if !is_link(&link.url) {
            out.push((format!("branding.nav[{i}].url"), msg::bad_link(&link.url), msg::BAD_LINK_HINT));
        }
        if link.title.trim().is_empty() {
            out.push((format!("branding.nav[{i}].title"), msg::EMPTY_NAV_TITLE.into(), msg::EMPTY_NAV_TITLE_HINT));
        }
    }
    out
}

/// The CSS custom properties of the colours: `:root{--brand:#8b1a1a;}`; empty without colours.
pub fn css_vars(b: &Branding) -> String {
    let Some(c) = &b.colors else { return String::new() };
    let vars: String = [("--brand", &c.primary), ("--link", &c.link), ("--focus", &c.focus)]
        .into_iter()
        .filter_map(|(name, v)| v.as_deref().filter(|v| parse_colour(v).is_some()).map(|v| format!("{name}:{v};")))
        .collect();
    if vars.is_empty() { vars } else { format!(":root{{{vars}}}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BrandColors, NavLink};

    #[test]
    fn colours_links_and_contrast() {
        assert_eq!(parse_colour("#8b1a1a"), Some((0x8b, 0x1a, 0x1a)));
        assert_eq!(parse_colour("#fff"), None);
        assert_eq!(parse_colour("red"), None);
        assert!((contrast_with_white((0, 0, 0)) - 21.0).abs() < 0.01);
        assert!(contrast_with_white((0xff, 0xcc, 0x00)) < 4.5);
        assert!(is_link("https://www.gov.cn/") && is_link("pages/about/") && !is_link("javascript:alert(1)") && !is_link("/abs") && !is_link("a b"));
        let b = Branding {
            colors: Some(BrandColors { primary: Some("#ffcc00".into()), link: Some("blue".into()), focus: Some("#d35400".into()) }),
            nav: vec![NavLink { title: "门户".into(), url: "javascript:x".into() }],
            logo: Some("../x.svg".into()),
            ..Branding::default()
        };
        let fields: Vec<String> = problems(&b).into_iter().map(|p| p.0).collect();
        assert_eq!(fields, ["branding.colors.primary", "branding.colors.link", "branding.logo", "branding.nav[0].url"]);
        assert_eq!(css_vars(&b), ":root{--brand:#ffcc00;--focus:#d35400;}");
    }
}
