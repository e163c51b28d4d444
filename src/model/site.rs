use serde::{Deserialize, Serialize};

/// `content/site.yaml`: settings of the whole site.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Site title, e.g. 黄埔区部门整体支出绩效自评报告公开.
    pub title: String,
    /// Absolute address where the site is published, used only for canonical URLs and the
    /// sitemap, e.g. `https://www.example.gov.cn/jixiao/`.
    pub base_url: String,
    /// Language of the site; `zh-CN` when absent.
    pub language: Option<String>,
    /// Theme folder under `themes/`; `default` when absent.
    pub theme: Option<String>,
    /// Body that publishes the site (发布机构), shown in the footer.
    pub publisher: String,
    /// One or two sentences saying what the site is, shown on the home page.
    pub description: Option<String>,
    /// Licence of the published data, e.g. `CC-BY-4.0` (an SPDX id, linked in
    /// `datapackage.json`) or its name as a sentence.
    pub licence: Option<String>,
    /// The same as `licence`, in American spelling; give one of the two.
    pub license: Option<String>,
    /// Settings of the consistency rules (`jixiao check`, also run by `jixiao build`).
    pub check: Option<CheckConfig>,
}

/// `check:` in `site.yaml`: how consistency findings are treated.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// `errors`: `jixiao build` fails on an unacknowledged error finding; `warnings`: also on
    /// warnings. Absent: the build prints findings and goes on.
    pub deny: Option<CheckDeny>,
    /// Severity per rule id, overriding the default: `J104: error`, `J302: off`.
    pub rules: Option<std::collections::BTreeMap<String, RuleLevel>>,
    /// Grade bands for self-evaluation scores, highest first (`{grade: 优, min: 90}` …);
    /// 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below when absent.
    #[serde(default)]
    pub grades: Vec<GradeBand>,
}

/// Which findings fail a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckDeny {
    /// Unacknowledged errors fail the build.
    Errors,
    /// Unacknowledged errors and warnings fail the build.
    Warnings,
}

/// Severity given to a rule in `site.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleLevel {
    /// Reported as an error.
    Error,
    /// Reported as a warning.
    Warning,
    /// Not run.
    Off,
}

/// A grade and the lowest total score that earns it.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    /// Grade as published, e.g. 优 or 一等.
    pub grade: String,
    /// Lowest score of the band, inclusive.
    pub min: super::Figure,
}

impl SiteConfig {
    /// The language code, `zh-CN` unless set.
    pub fn language(&self) -> &str {
        self.language.as_deref().unwrap_or("zh-CN")
    }

    /// The data licence (`licence`, else `license`), when given.
    pub fn data_licence(&self) -> Option<&str> {
        self.licence.as_deref().or(self.license.as_deref())
    }

    /// The theme name, `default` unless set.
    pub fn theme(&self) -> &str {
        self.theme.as_deref().unwrap_or("default")
    }

    /// The base URL with exactly one trailing slash.
    pub fn base_url(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }
}
