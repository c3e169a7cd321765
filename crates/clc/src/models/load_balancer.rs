//! Shared load balancers (§7.1), billed hourly: balancer → pools → nodes. Only the fields the
//! inventory and the re-reads use are decoded.

use serde::{Deserialize, Serialize};

use super::link::Link;

string_enum! {
    /// `status` of a shared load balancer (`enabled` in every recording).
    LoadBalancerStatus {
        Enabled = "enabled",
        Disabled = "disabled",
        Deleted = "deleted",
    }
}

/// `GET /v2/sharedLoadBalancers/{alias}/{dc}` returns a list of these.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SharedLoadBalancer {
    #[serde(deserialize_with = "crate::de::record_id")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    /// The public VIP.
    #[serde(default)]
    pub ip_address: Option<String>,
    /// `enabled`, `disabled` or `deleted`.
    #[serde(default)]
    pub status: Option<LoadBalancerStatus>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub pools: Vec<LoadBalancerPool>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadBalancerPool {
    #[serde(deserialize_with = "crate::de::record_id")]
    pub id: String,
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub port: Option<u64>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub nodes: Vec<LoadBalancerNode>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadBalancerNode {
    /// The private IP of the balanced server (what ties a pool to the servers it balances).
    #[serde(default)]
    pub ip_address: Option<String>,
}
