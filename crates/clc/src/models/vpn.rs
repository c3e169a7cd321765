//! Site-to-site VPNs (§7.5), ~$45/month each. The account is a query parameter
//! (`?account={alias}`), and DELETE answers with a bare JSON string job id. Only the fields the
//! inventory and the re-reads use are decoded.

use serde::{Deserialize, Serialize};

use super::link::Link;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SiteToSiteVpn {
    /// 32 upper-case hex digits.
    #[serde(deserialize_with = "crate::de::record_id")]
    pub id: String,
    /// A running task's id; empty or absent when idle.
    #[serde(default, deserialize_with = "crate::de::opt_id_string")]
    pub pending_task_id: Option<String>,
    #[serde(default)]
    pub local: Option<VpnLocal>,
    #[serde(default)]
    pub remote: Option<VpnRemote>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VpnLocal {
    #[serde(default)]
    pub location_alias: Option<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub subnets: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VpnRemote {
    #[serde(default)]
    pub site_name: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
}
