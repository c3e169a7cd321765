//! Free account-wide policies (§7.6–§7.8): alert policies and anti-affinity policies (both
//! `{items, links}`), and vertical autoscale policies (a bare array).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::link::Link;

/// The `{items: [...], links: [...]}` envelope of alert, anti-affinity and webhook lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct ItemList<T> {
    #[serde(default = "Vec::new", deserialize_with = "crate::de::nullable")]
    pub items: Vec<T>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AlertPolicy {
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub actions: Vec<AlertAction>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub triggers: Vec<AlertTrigger>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}

/// `{action: "email", settings: {recipients: [...]}}`; settings kept as sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AlertAction {
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub settings: Option<Value>,
}

/// `metric` is `cpu`, `memory` or `disk`; `duration` like `00:05:00`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AlertTrigger {
    #[serde(default)]
    pub metric: Option<String>,
    #[serde(default)]
    pub duration: Option<String>,
    #[serde(default)]
    pub threshold: Option<f64>,
}

/// The endpoint was reportedly removed in 2020: expect 404 (`Error::NotFound`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AntiAffinityPolicy {
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    /// Data center, upper case.
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}

/// A vertical (CPU) autoscale policy. Not deletable via the API; unmap it from servers instead.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AutoscalePolicy {
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub resource_type: Option<String>,
    #[serde(default)]
    pub threshold_period_minutes: Option<f64>,
    #[serde(default)]
    pub scale_up_increment: Option<f64>,
    #[serde(default)]
    pub range: Option<AutoscaleRange>,
    #[serde(default)]
    pub scale_up_threshold: Option<f64>,
    #[serde(default)]
    pub scale_down_threshold: Option<f64>,
    #[serde(default)]
    pub scale_down_window: Option<ScaleDownWindow>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AutoscaleRange {
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleDownWindow {
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub end: Option<String>,
}
