use serde::{Deserialize, Serialize};

/// Most URLs one sitemap file may list: the sitemaps.org protocol's limit, and Baidu's.
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// `content/site.yaml`: settings of the whole site.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Site title, e.g. 黄埔区部门整体支出绩效自评报告公开.
    pub title: String,
    /// Absolute address where the site is published, used only for canonical URLs and the
    /// sitemap, e.g. `https://www.example.gov.cn/jixiao/`.
    #[schemars(regex(pattern = r"^\s*https?://[^\s/][^\s]*\s*$"))]
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
    /// Most URLs one sitemap file lists: 50,000 (the sitemap protocol's and Baidu's limit) when
    /// absent. Beyond it `sitemap.xml` becomes an index of `sitemap-1.xml`, `sitemap-2.xml` …;
    /// a smaller value gives smaller files, which search consoles report on one by one.
    #[schemars(range(min = 1, max = 50000))]
    pub sitemap_max_urls: Option<u32>,
    /// The office's own identity on every page, without editing templates: short name,
    /// emblem, colours, footer lines, navigation links.
    pub branding: Option<Branding>,
}

/// `branding:` in `site.yaml`. Every setting is optional; templates see it as `site.branding`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Branding {
    /// Short site name shown in the header instead of `title`, e.g. 黄埔区绩效公开.
    pub short_name: Option<String>,
    /// Emblem or logo shown before the site name: a file in the site's `static/` folder (or the
    /// theme's), e.g. `emblem.svg`; published at `assets/emblem.svg`.
    #[schemars(regex(pattern = r"^(?:[^/\\:]+[/\\])*[^/\\:]+$"), extend("not" = {"pattern": r"(?:^|[/\\])\.\.(?:[/\\]|$)"}))]
    pub logo: Option<String>,
    /// Colours as `#rrggbb`; they become CSS custom properties of the theme.
    pub colors: Option<BrandColors>,
    /// Lines of the footer: 主办单位, 承办单位, ICP and 公安 record numbers, contact.
    pub footer: Option<BrandFooter>,
    /// Extra links of the header navigation, after the theme's own.
    #[serde(default)]
    pub nav: Vec<NavLink>,
}

/// `branding.colors`: each `#rrggbb`; text on them must stay readable (contrast checked).
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BrandColors {
    /// Header background, behind white text (`--brand`).
    #[schemars(regex(pattern = r"^#[0-9a-fA-F]{6}$"))]
    pub primary: Option<String>,
    /// Links, on the white page (`--link`).
    #[schemars(regex(pattern = r"^#[0-9a-fA-F]{6}$"))]
    pub link: Option<String>,
    /// Keyboard focus outline (`--focus`).
    #[schemars(regex(pattern = r"^#[0-9a-fA-F]{6}$"))]
    pub focus: Option<String>,
}

/// `branding.footer`: the lines Chinese government sites show in their footer.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BrandFooter {
    /// 主办单位.
    pub host: Option<String>,
    /// 承办单位.
    pub organizer: Option<String>,
    /// ICP 备案号, e.g. 粤ICP备12345678号; linked to `icp_url`.
    pub icp: Option<String>,
    /// Link of the ICP number; `https://beian.miit.gov.cn/` when absent.
    #[schemars(regex(pattern = r"^https?://[^\s/][^\s]*$"))]
    pub icp_url: Option<String>,
    /// 公安备案号, e.g. 粤公网安备 44011202000000号; linked to `police_url` when given.
    pub police: Option<String>,
    /// Link of the 公安备案号 (its record page on beian.mps.gov.cn).
    #[schemars(regex(pattern = r"^https?://[^\s/][^\s]*$"))]
    pub police_url: Option<String>,
    /// Contact line, e.g. 联系电话：020-00000000.
    pub contact: Option<String>,
}

/// A link of `branding.nav`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NavLink {
    /// Text of the link.
    #[schemars(regex(pattern = r"\S"))]
    pub title: String,
    /// `https://…` (another site) or a site-relative address such as `pages/about/`.
    #[schemars(regex(pattern = r"^(?:https?://[^\s/][^\s]*|[^\s/:][^\s:]*)$"))]
    pub url: String,
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
    /// `true`: each report page shows its findings to readers in a 数据一致性提示 box
    /// (see [`crate::notices`]). Off by default.
    #[serde(default)]
    pub publish: bool,
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

    /// Most URLs in one sitemap file (`sitemap_max_urls`, 50,000 when absent).
    pub fn sitemap_max_urls(&self) -> usize {
        self.sitemap_max_urls.map_or(SITEMAP_MAX_URLS, |n| n as usize)
    }

    /// The data licence (`licence`, else `license`), when given.
    pub fn data_licence(&self) -> Option<&str> {
        self.licence.as_deref().or(self.license.as_deref())
    }

    /// Whether report pages show check's findings to readers (`check: {publish: true}`).
    pub fn publishes_check_findings(&self) -> bool {
        self.check.as_ref().is_some_and(|c| c.publish)
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
