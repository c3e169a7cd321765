//! Firewall policies (§7.3, §7.4): intra-data-center and cross-data-center, both v2-experimental.

use serde::{Deserialize, Serialize};

use super::link::Link;

string_enum! {
    /// A firewall policy's `status` (`active` and `pending` recorded; `error` documented).
    PolicyStatus {
        Active = "active",
        Pending = "pending",
        Error = "error",
        Deleted = "deleted",
    }
}

/// Intra-DC policy; `ports` like `"any"`, `"icmp"`, `"tcp/80"`, `"udp/123-456"`. Every
/// recording carries `id`, `status`, `enabled` and `links`: they are required.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FirewallPolicy {
    #[serde(deserialize_with = "crate::de::record_id")]
    pub id: String,
    pub status: PolicyStatus,
    pub enabled: bool,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub source: Vec<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub destination: Vec<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub ports: Vec<String>,
    #[serde(deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CrossDcFirewallPolicy {
    #[serde(deserialize_with = "crate::de::record_id")]
    pub id: String,
    /// Not in any recording (reference only), so left optional.
    #[serde(default)]
    pub status: Option<PolicyStatus>,
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub source_cidr: Option<String>,
    #[serde(default)]
    pub source_location: Option<String>,
    #[serde(default)]
    pub destination_cidr: Option<String>,
    #[serde(default)]
    pub destination_location: Option<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}
