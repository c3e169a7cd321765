//! Free account-wide policies (§7.6–§7.8): alert policies and anti-affinity policies (both
//! `{items, links}`), and vertical autoscale policies (a bare array). Each is read for its id, name
//! and links (and an anti-affinity policy's data center); its settings are not decoded.

use serde::{Deserialize, Serialize};

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

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertPolicy {
    #[serde(deserialize_with = "crate::de::record_id")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}

/// The endpoint was reportedly removed in 2020: expect 404 (`Error::NotFound`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AntiAffinityPolicy {
    #[serde(deserialize_with = "crate::de::record_id")]
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoscalePolicy {
    #[serde(deserialize_with = "crate::de::record_id")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}
