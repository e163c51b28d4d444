//! A theme's UI strings as data: reading its `i18n/<language>.yaml`, the embedded default
//! theme's Chinese strings, and [`fill`] (placing values into a string's `{name}` placeholders).
//!
//! Every stage that puts words on a page or in the search index takes them from here: the
//! comparisons ([`crate::site::compare`]), the charts ([`crate::charts`]), the search records
//! ([`crate::search`]) and the templates ([`crate::render`]). This module sits below all of
//! them and imports none; finding the theme's files is `render`'s business, not this module's.

use crate::diagnostics::{Diagnostic, Location};
use std::collections::BTreeMap;
use std::path::Path;

/// Diagnostic code: the i18n file is invalid or lacks a key a template uses.
pub const E_I18N: &str = "E0302";

/// A theme's UI strings: nested YAML keys joined with dots (`status.met`) to their text.
pub type Strings = BTreeMap<String, String>;

/// The default theme's Chinese strings file, as embedded in the binary.
const DEFAULT_ZH_CN: &[u8] = include_bytes!("../themes/default/i18n/zh-CN.yaml");

/// `text` (a UI string) with each `{name}` placeholder that `put` knows replaced, in one pass:
/// `put(name, out)` appends the value of `name` to `out` and says whether it knew the name. A
/// value is never searched for placeholders itself, so content put into a UI string (a
/// department called `{unit}`) stays as written. Other braces are kept.
pub fn fill_with(text: &str, mut put: impl FnMut(&str, &mut String) -> bool) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| &after[..close]) {
            Some(name) if put(name, &mut out) => rest = &after[name.len() + 1..],
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// [`fill_with`] from `(name, value)` pairs.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    fill_with(text, |name, out| match args.iter().find(|(k, _)| *k == name) {
        Some((_, v)) => {
            out.push_str(v);
            true
        }
        None => false,
    })
}

/// The UI strings of the embedded default theme in Chinese (`i18n/zh-CN.yaml`): the words
/// jixiao falls back on when the library is called without a theme's strings.
pub fn default_strings() -> &'static Strings {
    static STRINGS: std::sync::OnceLock<Strings> = std::sync::OnceLock::new();
    STRINGS.get_or_init(|| parse(Path::new("i18n/zh-CN.yaml"), DEFAULT_ZH_CN).expect("the embedded default theme's strings parse"))
}

/// The text of `key` in `strings`, else in the embedded default theme's (a theme made before
/// the key existed), else empty.
pub fn get<'s>(strings: &'s Strings, key: &str) -> &'s str {
    strings.get(key).or_else(|| default_strings().get(key)).map_or("", String::as_str)
}

/// Reads a UI strings file: a YAML mapping whose leaves are strings (numbers and booleans are
/// taken as written); nested mappings give dotted keys (`status: {met: 达成}` → `status.met`).
/// `file` names it in diagnostics.
pub fn parse(file: &Path, bytes: &[u8]) -> Result<Strings, Diagnostic> {
    let text = std::str::from_utf8(bytes).map_err(|_| Diagnostic::error(E_I18N, file, crate::messages::FILE_NOT_UTF8))?;
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let d = Diagnostic::error(E_I18N, file, crate::messages::invalid_yaml(&e));
        match e.location() {
            Some(l) => d.at(Location { line: l.line(), column: l.column(), len: 1 }, text),
            None => d,
        }
    })?;
    let mut out = BTreeMap::new();
    flatten(file, "", &value, &mut out)?;
    Ok(out)
}

fn flatten(file: &Path, prefix: &str, value: &serde_yaml::Value, out: &mut Strings) -> Result<(), Diagnostic> {
    use serde_yaml::Value as Y;
    match value {
        Y::Mapping(m) => {
            for (k, v) in m {
                let key = match k {
                    Y::String(s) => s.clone(),
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    _ => return Err(Diagnostic::error(E_I18N, file, crate::messages::i18n_key_not_text(prefix))),
                };
                let full = if prefix.is_empty() { key } else { format!("{prefix}.{key}") };
                flatten(file, &full, v, out)?;
            }
            Ok(())
        }
        Y::String(s) => {
            out.insert(prefix.to_string(), s.clone());
            Ok(())
        }
        Y::Number(n) => {
            out.insert(prefix.to_string(), n.to_string());
            Ok(())
        }
        Y::Bool(b) => {
            out.insert(prefix.to_string(), b.to_string());
            Ok(())
        }
        Y::Null if prefix.is_empty() => Ok(()),
        _ => Err(Diagnostic::error(E_I18N, file, crate::messages::i18n_value_not_text(prefix)).field(prefix)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_placeholders_once() {
        assert_eq!(fill("{year}年度", &[("year", "2022")]), "2022年度");
        // A value is not searched again: a name that looks like a placeholder stays as written.
        assert_eq!(fill("{name}，单位{unit}", &[("name", "{unit}局"), ("unit", "万元")]), "{unit}局，单位万元");
        // Unknown names and stray braces are kept.
        assert_eq!(fill("{x} {y} {", &[("y", "1")]), "{x} 1 {");
        assert_eq!(fill_with("a{b}c", |n, out| { out.push_str(&n.to_uppercase()); true }), "aBc");
    }

    #[test]
    fn nested_strings_are_flattened() {
        let s = parse(Path::new("x.yaml"), "a: 甲\nstatus:\n  met: 达成\n  n: 3\n".as_bytes()).unwrap();
        assert_eq!(s["a"], "甲");
        assert_eq!(s["status.met"], "达成");
        assert_eq!(s["status.n"], "3");
        assert!(parse(Path::new("x.yaml"), b"a: [1]\n").is_err());
    }

    #[test]
    fn missing_keys_fall_back_on_the_default_theme() {
        let mine: Strings = [("nav.home".to_string(), "Home".to_string())].into();
        assert_eq!(get(&mine, "nav.home"), "Home");
        assert_eq!(get(&mine, "status.met"), "达成");
        assert_eq!(get(&mine, "no.such.key"), "");
    }
}
