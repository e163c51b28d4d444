use serde::{Deserialize, Serialize};

/// `content/<dept>/department.yaml`: the department's stable identity.
///
/// Only what stays true across years belongs here; a year's 部门概况 or staffing lives in that
/// year's report, so editing the profile never rewrites a past report.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// Folder name; may be repeated here, and must then agree with the folder.
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 100))]
    pub id: Option<String>,
    /// Full name, e.g. 中共广州市黄埔区委政法委员会.
    pub name: String,
    /// Short name used in tables and navigation, e.g. 黄埔区委政法委.
    pub short_name: Option<String>,
    /// Administrative region, e.g. 广州市黄埔区.
    pub region: Option<String>,
    /// The body the department reports to (主管部门 / 上级单位).
    pub parent: Option<String>,
    /// Public contact details.
    pub contact: Option<Contact>,
    /// Marks fictional demonstration data; every page showing it says so.
    #[serde(default)]
    pub demo: bool,
}

/// Public contact details of a department.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Office or person to contact (联系人 / 联系部门).
    pub name: Option<String>,
    /// Telephone number.
    pub phone: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Web site of the department.
    pub website: Option<String>,
}
