//! Data centers (§2.1–§2.3): the list with `?groupLinks=true` gives every DC and its root group.

use serde::{Deserialize, Serialize};

use super::link::{Link, Links};

/// One data center. `id` is lowercase in lists (`ca1`) but uppercase elsewhere: compare with
/// `ids::same_id`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataCenter {
    #[serde(deserialize_with = "crate::de::id_string")]
    pub id: String,
    /// `DE1 - Germany (Frankfurt)`.
    pub name: String,
    #[serde(deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}

impl DataCenter {
    /// The root hardware group (`rel:"group"`), present only with `groupLinks=true`.
    pub fn root_group_link(&self) -> Option<&Link> {
        self.links.rel("group")
    }

    /// The root group id, from the `group` link's `id` or its href.
    pub fn root_group_id(&self) -> Option<String> {
        self.root_group_link().and_then(Link::target_id)
    }

    /// Whether the DC advertises shared load balancers (a `loadBalancers` link allowing GET).
    pub fn has_shared_load_balancers(&self) -> bool {
        self.links
            .rel("loadBalancers")
            .is_some_and(|l| l.allows(crate::http::Method::Get))
    }
}

/// `GET /v2/datacenters/{alias}/{dc}/deploymentCapabilities` (only the fields the app uses).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentCapabilities {
    #[serde(default)]
    pub data_center_enabled: Option<bool>,
    #[serde(default)]
    pub supports_shared_load_balancer: Option<bool>,
    #[serde(default)]
    pub supports_bare_metal_servers: Option<bool>,
    #[serde(default)]
    pub supports_premium_storage: Option<bool>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub deployable_networks: Vec<DeployableNetwork>,
}

/// A network servers can be deployed on: a cheap way to list a DC's networks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeployableNetwork {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub network_id: String,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default, rename = "accountID")]
    pub account_id: Option<String>,
}
