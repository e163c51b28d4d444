use serde::{Deserialize, Serialize};

/// `content/site.yaml`: settings of the whole site.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
}

impl SiteConfig {
    /// The language code, `zh-CN` unless set.
    pub fn language(&self) -> &str {
        self.language.as_deref().unwrap_or("zh-CN")
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
