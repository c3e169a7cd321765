//! Small shapes shared by several entities: audit info, custom field values, policy references.

use serde::{Deserialize, Serialize};

use super::link::Link;

/// Who created and last changed an entity; dates are ISO-8601 `Z` strings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeInfo {
    #[serde(default)]
    pub created_date: Option<String>,
    #[serde(default)]
    pub created_by: Option<String>,
    #[serde(default)]
    pub modified_date: Option<String>,
    #[serde(default)]
    pub modified_by: Option<String>,
}

/// A custom field's value on a group or server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomFieldValue {
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::de::opt_id_string")]
    pub value: Option<String>,
    #[serde(default)]
    pub display_value: Option<String>,
}

/// A policy attached to a server (`details.alertPolicies[]`, `antiAffinityPolicy`,
/// `cpuAutoscalePolicy`): only its id, name and links are modelled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyRef {
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}
