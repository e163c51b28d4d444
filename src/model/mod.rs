//! The typed content model: what a site, a department and a yearly report contain.
//!
//! These types mirror the YAML files under `content/` one to one (unknown keys are refused).
//! They hold what the publisher wrote, never corrected; derived facts (computed execution
//! rates, met / not met) live in [`crate::site`]. Categories such as funding sources or
//! indicator levels are open strings, because every province names them differently.

mod department;
mod figure;
mod page;
mod report;
mod site;
mod unit;
pub mod yaml;

pub use department::{Contact, Department};
pub use figure::{Figure, MAX_SIGNIFICANT_DIGITS, group_thousands};
pub(crate) use figure::FIGURE_TOKEN;
pub use page::{FreePage, PageMeta};
pub use report::*;
pub use site::{BrandColors, BrandFooter, Branding, CheckConfig, CheckDeny, GradeBand, NavLink, RuleLevel, SITEMAP_MAX_URLS, SiteConfig};
pub use unit::{MoneyUnit, same_unit, shown_trimmed, trimmed, unit_break};

thread_local! {
    /// Set while [`with_every_field`] runs on this thread.
    static EVERY_FIELD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a list is left out where a report is written (`report.json`): when it is empty,
/// except under [`with_every_field`].
pub(crate) fn left_out<T>(list: &[T]) -> bool {
    list.is_empty() && !EVERY_FIELD.with(std::cell::Cell::get)
}

/// Runs `f` with every field of the model written, empty lists included: for a format that
/// reads fields by their place rather than their name (the build cache's postcard), where a
/// field left out could not be read back.
pub fn with_every_field<R>(f: impl FnOnce() -> R) -> R {
    /// Clears the flag however `f` ends.
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            EVERY_FIELD.with(|c| c.set(false));
        }
    }
    EVERY_FIELD.with(|c| c.set(true));
    let _reset = Reset;
    f()
}

/// Identifiers that name top-level site sections and therefore cannot be department ids.
pub const RESERVED_IDS: &[&str] = &["years", "pages", "assets", "search", "archive", "data"];

/// The loader's rule for ids (`load::is_valid_id`) as a JSON Schema pattern, for the editor
/// schema (`schema`): `a-z`, `0-9`, `-`, `_`, `.`, starting with a letter or digit, no `..`
/// (the length limit, 100, is the schema's `maxLength`).
pub const ID_PATTERN: &str = r"^[a-z0-9](?:\.?[a-z0-9_-])*\.?$";

/// The loader's rule for dates (`dates::parse_date`) as a JSON Schema pattern: `YYYY-MM-DD`
/// naming a day that exists, 29 February only in a leap year (Gregorian: every fourth year,
/// centuries only when divisible by 400). Exact, so that an editor that does not check
/// `format: date` still refuses `2023-13-45` and `2023-02-29`.
pub const DATE_PATTERN: &str = concat!(
    r"^(?:\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8]))",
    r"|(?:\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$"
);
