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
pub use unit::{MoneyUnit, same_unit, shown_trimmed, trimmed, unit_break};
pub use site::{BrandColors, BrandFooter, Branding, CheckConfig, CheckDeny, GradeBand, NavLink, RuleLevel, SiteConfig};

/// Identifiers that name top-level site sections and therefore cannot be department ids.
pub const RESERVED_IDS: &[&str] = &["years", "pages", "assets", "search", "archive", "data"];
