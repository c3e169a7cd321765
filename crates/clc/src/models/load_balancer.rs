//! Shared load balancers (§7.1), billed hourly: balancer → pools → nodes.

use serde::{Deserialize, Serialize};

use super::link::Link;

string_enum! {
    /// `status` of a shared load balancer or one of its nodes (`enabled` in every recording).
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
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
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
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub id: String,
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub port: Option<u64>,
    /// `roundRobin` or `leastConnection`.
    #[serde(default)]
    pub method: Option<String>,
    /// `standard` or `sticky`.
    #[serde(default)]
    pub persistence: Option<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub nodes: Vec<LoadBalancerNode>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadBalancerNode {
    /// In the reference only: no recorded node has a name.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub status: Option<LoadBalancerStatus>,
    /// The private IP of the balanced server.
    #[serde(default)]
    pub ip_address: Option<String>,
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub private_port: Option<u64>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}
