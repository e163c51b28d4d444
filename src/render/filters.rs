//! The filters and functions jixiao adds to Tera: `num`, `money`, `percent`, `date`,
//! `markdown` and `t` (UI strings from the theme's i18n file).
//!
//! Figures reach templates as the digits the publisher wrote (a string such as `"0.00"`), so the
//! number filters never go through a float: they only insert separators and units.

use super::markdown::{self, MarkdownOptions};
use crate::model::group_thousands;
use std::collections::BTreeMap;
use std::sync::Arc;
use tera::{Error, Kwargs, State, Tera, Value};

/// `"8334.69"` → `"8,334.69"`, keeping the written decimals. Text that is not a plain number is
/// returned unchanged; `None` and undefined give an empty string.
pub fn num(value: &Value) -> String {
    let mut out = String::new();
    push_num(&mut out, value);
    out
}

/// [`num`] of `value`, appended to `out`.
fn push_num(out: &mut String, value: &Value) {
    if let Some(s) = value.as_str() {
        let t = s.trim();
        if crate::model::Figure::is_plain(t) {
            out.push_str(&group_thousands(t));
        } else {
            out.push_str(s);
        }
    } else if let Some(i) = value.as_i128() {
        out.push_str(&group_thousands(&i.to_string()));
    } else if let Some(f) = value.as_f64() {
        out.push_str(&group_thousands(&f.to_string()));
    }
}

/// [`with_unit`] in place: `unit` after the number `out` holds, if it holds one.
fn push_unit(out: &mut String, unit: &str) {
    if !out.is_empty() && !unit.is_empty() {
        if !unit.starts_with('%') {
            out.push(' ');
        }
        out.push_str(unit);
    }
}

thread_local! {
    /// Where the number filters write a cell before it becomes a Tera value (which copies
    /// it, and holds up to 21 bytes without allocating): a `String` of its own per figure
    /// was three allocations a cell, a third of the filters' time.
    static CELL: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// What `write` writes, as a Tera value (a normal string, escaped where it is printed).
fn cell(write: impl FnOnce(&mut String)) -> Value {
    CELL.with(|c| {
        let mut c = c.borrow_mut();
        c.clear();
        write(&mut c);
        Value::from(c.as_str())
    })
}

/// `"8334.69"` → `"8,334.69 万元"`.
pub fn money(value: &Value, unit: &str) -> String {
    with_unit(num(value), unit)
}

/// A formatted number followed by its unit: `97%`, `97%以上`, but `12 件`, `8,334.69 万元`.
pub(super) fn with_unit(mut n: String, unit: &str) -> String {
    push_unit(&mut n, unit);
    n
}

/// `"94.88"` → `"94.88%"`.
pub fn percent(value: &Value) -> String {
    let mut out = String::new();
    push_percent(&mut out, value);
    out
}

/// [`percent`] of `value`, appended to `out` (empty itself).
fn push_percent(out: &mut String, value: &Value) {
    push_num(out, value);
    if !out.is_empty() {
        out.push('%');
    }
}

/// `"2023-05-10"` → `"2023年5月10日"`; anything else is returned unchanged.
pub fn date(value: &str) -> String {
    let parts: Vec<&str> = value.trim().split('-').collect();
    if let [y, m, d] = parts.as_slice()
        && y.len() == 4
        && [y, m, d].iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && let (Ok(m), Ok(d)) = (m.parse::<u32>(), d.parse::<u32>())
        && (1..=12).contains(&m)
        && (1..=31).contains(&d)
    {
        return format!("{y}年{m}月{d}日");
    }
    value.to_string()
}

/// [`date`] in the format of `language` (the UI strings file's language): English gives
/// `"10 May 2023"`, any other language the Chinese `2023年5月10日`.
pub fn date_in(value: &str, language: &str) -> String {
    if !language.starts_with("en") {
        return date(value);
    }
    const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let zh = date(value);
    if zh == value {
        return zh;
    }
    let parts: Vec<&str> = value.trim().split('-').collect();
    match (parts[1].parse::<usize>(), parts[2].parse::<u32>()) {
        (Ok(m @ 1..=12), Ok(d)) => format!("{d} {} {}", MONTHS[m - 1], parts[0]),
        _ => zh,
    }
}

/// Looks up a UI string and fills its `{name}` placeholders from `args`, as the Tera value
/// `t()` returns (a string without placeholders is not copied first).
pub(super) fn translate(strings: &BTreeMap<String, String>, file: &str, key: &str, args: &Kwargs) -> Result<Value, Error> {
    let Some(text) = strings.get(key) else {
        return Err(Error::message(crate::messages::ui_string_missing(key, file).pack()));
    };
    if !text.contains('{') {
        return Ok(Value::from(text.as_str()));
    }
    Ok(Value::from(fill(text, |name| if name == "key" { None } else { args.iter().find(|(k, _)| k.as_str() == Some(name)).map(|(_, v)| v) })))
}

/// [`crate::strings::fill_with`] with Tera values: strings as they are, other values as Tera
/// prints them.
fn fill<'v>(text: &str, arg: impl Fn(&str) -> Option<&'v Value>) -> String {
    use std::fmt::Write as _;
    crate::strings::fill_with(text, |name, out| match arg(name) {
        Some(v) => {
            match v.as_str() {
                Some(s) => out.push_str(s),
                None => {
                    let _ = write!(out, "{v}");
                }
            }
            true
        }
        None => false,
    })
}

/// Registers jixiao's filters and functions.
pub(super) fn register(tera: &mut Tera, strings: Arc<BTreeMap<String, String>>, i18n_file: String) {
    // `unit` may be none (an optional field) or not text: then no unit, or 万元 for money.
    // Read in place (these run once per figure cell of a page).
    fn unit_arg(kw: &Kwargs) -> Option<&str> {
        kw.iter().find(|(k, _)| k.as_str() == Some("unit")).and_then(|(_, v)| v.as_str())
    }
    tera.register_filter("num", |v: &Value, kw: Kwargs, _: &State| {
        cell(|out| {
            push_num(out, v);
            push_unit(out, unit_arg(&kw).unwrap_or(""));
        })
    });
    tera.register_filter("money", |v: &Value, kw: Kwargs, _: &State| {
        cell(|out| {
            push_num(out, v);
            push_unit(out, unit_arg(&kw).unwrap_or("万元"));
        })
    });
    tera.register_filter("percent", |v: &Value, _: Kwargs, _: &State| cell(|out| push_percent(out, v)));
    // The language is the UI strings file's: `i18n/en.yaml` → `en`.
    let language = i18n_file.rsplit('/').next().unwrap_or("").trim_end_matches(".yaml").to_string();
    tera.register_filter("date", move |v: &Value, _: Kwargs, _: &State| v.as_str().map(|d| date_in(d, &language)).unwrap_or_default());

    let table_label = strings.get("markdown.table_label").cloned().unwrap_or_default();
    tera.register_filter("markdown", move |v: &Value, kw: Kwargs, _: &State| -> Result<Value, Error> {
        let heading: Option<i64> = kw.get("heading")?;
        let heading = heading.unwrap_or(2).clamp(2, 6) as u8;
        let html = match v.as_str() {
            Some(s) => markdown::to_html(s, MarkdownOptions { heading, table_label: &table_label }),
            None if v.is_none() || v.is_undefined() => String::new(),
            None => return Err(Error::message(crate::messages::markdown_not_text(v.name()).pack())),
        };
        Ok(Value::safe_string(&html))
    });

    tera.register_function("t", move |kw: Kwargs, _: &State| -> Result<Value, Error> {
        let key: &str = kw.must_get("key")?;
        translate(&strings, &i18n_file, key, &kw)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::from(v)
    }

    #[test]
    fn num_keeps_written_decimals() {
        assert_eq!(num(&s("8334.69")), "8,334.69");
        assert_eq!(num(&s("3634.3")), "3,634.3");
        assert_eq!(num(&s("0.00")), "0.00");
        assert_eq!(num(&s("492653")), "492,653");
        assert_eq!(num(&s("-1234.5")), "-1,234.5");
        assert_eq!(num(&Value::from(1234)), "1,234");
        assert_eq!(num(&s("七千")), "七千");
        for t in ["1,234", "1e5", ".5", "5.", "+3", "1.2.3", "-", ""] {
            assert_eq!(num(&s(t)), t, "{t} is left as written");
        }
        assert_eq!(num(&Value::none()), "");
    }

    #[test]
    fn money_and_percent() {
        assert_eq!(money(&s("8334.69"), "万元"), "8,334.69 万元");
        assert_eq!(money(&s("12"), "元"), "12 元");
        assert_eq!(money(&Value::none(), "万元"), "");
        assert_eq!(percent(&s("94.88")), "94.88%");
        assert_eq!(percent(&s("100")), "100%");
        assert_eq!(with_unit(num(&s("97")), "%以上"), "97%以上");
        assert_eq!(with_unit(num(&s("19309")), "宗"), "19,309 宗");
        assert_eq!(with_unit(String::new(), "宗"), "");
    }

    #[test]
    fn dates_in_chinese() {
        assert_eq!(date("2023-05-10"), "2023年5月10日");
        assert_eq!(date("2021-12-01"), "2021年12月1日");
        assert_eq!(date("2021-13-01"), "2021-13-01");
        assert_eq!(date("去年"), "去年");
        assert_eq!(date_in("2023-05-10", "en"), "10 May 2023");
        assert_eq!(date_in("2021-12-01", "en-GB"), "1 December 2021");
        assert_eq!(date_in("2023-05-10", "zh-CN"), "2023年5月10日");
        assert_eq!(date_in("去年", "en"), "去年");
        assert_eq!(date_in("2023-5-1", "en"), "1 May 2023");
    }

    fn render(tpl: &str, strings: &[(&str, &str)]) -> Result<String, Error> {
        let mut tera = Tera::new();
        let map: BTreeMap<String, String> = strings.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        register(&mut tera, Arc::new(map), "i18n/zh-CN.yaml".into());
        tera.add_raw_template("x.html", tpl)?;
        tera.render("x.html", &tera::Context::new())
    }

    #[test]
    fn filters_in_templates() {
        let out = render(
            r#"{{ "8334.69" | money }}|{{ "8334.69" | money(unit="元") }}|{{ "97" | num(unit="%") }}|{{ "1200" | num(unit="件") }}|{{ "5" | num(unit=none) }}|{{ "94.88" | percent }}|{{ "2023-05-10" | date }}|{{ "**a** <i>b</i>" | markdown }}"#,
            &[],
        )
        .unwrap();
        assert_eq!(out, "8,334.69 万元|8,334.69 元|97%|1,200 件|5|94.88%|2023年5月10日|<p><strong>a</strong> <i>b</i></p>\n");
    }

    #[test]
    fn t_fills_placeholders_and_fails_on_missing_keys() {
        let out = render(r#"{{ t(key="year", year=2022) }}|{{ t(key="plain") }}"#, &[("year", "{year}年度"), ("plain", "<首页>")]).unwrap();
        assert_eq!(out, "2022年度|&lt;首页&gt;");
        let err = render(r#"{{ t(key="nope") }}"#, &[]).unwrap_err();
        let msg = match err.kind() {
            tera::ErrorKind::RenderingError(r) => r.message().to_string(),
            other => other.to_string(),
        };
        assert!(msg.contains("`nope`"), "{msg}");
        assert!(msg.contains("i18n/zh-CN.yaml"), "{msg}");
    }
}
