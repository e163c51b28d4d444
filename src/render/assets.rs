//! The `asset` Tera function: the URL of a theme static file with a content hash, so a browser
//! or CDN never mixes files of two builds.
//!
//! `{{ root }}{{ asset(path="style.css") }}` gives `../assets/style.css?h=0123456789`: the first
//! [`HASH_LEN`] hex digits of the SHA-256 of the bytes published at `assets/style.css` (the
//! theme's file, or the site's override of it). The file keeps its name, so a theme that writes
//! plain `assets/style.css` paths still works; only the default theme's URLs change with the
//! bytes. A path that is not a static file of the theme is an error naming it.

use std::collections::BTreeMap;
use std::sync::Arc;
use tera::{Error, Kwargs, State, Tera};

/// How many hex digits of the SHA-256 a URL carries (as Zola's `get_url(cachebust=true)`
/// carries a hash: 40 bits tell two builds' files apart).
pub(super) const HASH_LEN: usize = 10;

/// `assets/<path>?h=<hash>` for every static file, by its path under `static/`.
pub(super) fn urls(assets: &[(String, Vec<u8>)]) -> BTreeMap<String, String> {
    assets
        .iter()
        .map(|(path, bytes)| {
            let hash = crate::digest::sha256_hex(bytes);
            (path.clone(), format!("assets/{path}?h={}", &hash[..HASH_LEN]))
        })
        .collect()
}

/// Registers `asset(path=…)` over the theme's static files (site overrides applied).
pub(super) fn register(tera: &mut Tera, assets: &[(String, Vec<u8>)]) {
    let urls = Arc::new(urls(assets));
    tera.register_function("asset", move |kw: Kwargs, _: &State| -> Result<String, Error> {
        let path: &str = kw.must_get("path")?;
        urls.get(path.trim_start_matches('/')).cloned().ok_or_else(|| Error::message(crate::messages::asset_missing(path).pack()))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(tpl: &str, assets: &[(String, Vec<u8>)]) -> Result<String, Error> {
        let mut tera = Tera::new();
        register(&mut tera, assets);
        tera.add_raw_template("x.html", tpl)?;
        tera.render("x.html", &tera::Context::new())
    }

    #[test]
    fn urls_carry_the_hash_of_the_bytes() {
        let assets = vec![("style.css".to_string(), b"abc".to_vec()), ("img/logo.svg".to_string(), b"<svg/>".to_vec())];
        let out = render(r#"{{ asset(path="style.css") }}|{{ asset(path="img/logo.svg") }}"#, &assets).unwrap();
        let logo = crate::digest::sha256_hex(b"<svg/>");
        assert_eq!(out, format!("assets/style.css?h=ba7816bf8f|assets/img/logo.svg?h={}", &logo[..HASH_LEN]));
    }

    #[test]
    fn an_unknown_path_is_an_error_naming_it() {
        let err = render(r#"{{ asset(path="nope.css") }}"#, &[]).unwrap_err();
        let msg = match err.kind() {
            tera::ErrorKind::RenderingError(r) => r.message().to_string(),
            other => other.to_string(),
        };
        assert!(msg.contains("nope.css"), "{msg}");
    }
}
