//! Networks / VLANs (§7.2, v2-experimental). Additional VLANs are billable; a network can only be
//! released when none of its IPs is claimed. Links here are absolute `http://` hrefs.

use serde::{Deserialize, Serialize};

use super::link::{Link, Links};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Network {
    #[serde(deserialize_with = "crate::de::record_id")]
    pub id: String,
    #[serde(default)]
    pub cidr: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub vlan: Option<u64>,
    /// Present only when fetched with `?ipAddresses=...`.
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub ip_addresses: Vec<NetworkIpAddress>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}

impl Network {
    /// The `release` link, when the user may release this network.
    pub fn release_link(&self) -> Option<&Link> {
        self.links.rel("release")
    }
}

/// One address of a network: whether it is claimed, and by which server (the address itself,
/// its `type` and `primary` are not read).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkIpAddress {
    #[serde(default)]
    pub claimed: bool,
    /// The server holding the address, upper case (`DE1ALTDCLN04`).
    #[serde(default)]
    pub server: Option<String>,
}

/// Which addresses to list (`?type=` on `/ipAddresses`, `?ipAddresses=` on a network).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IpAddressFilter {
    Claimed,
    Free,
    All,
}

impl IpAddressFilter {
    pub fn as_str(self) -> &'static str {
        match self {
            IpAddressFilter::Claimed => "claimed",
            IpAddressFilter::Free => "free",
            IpAddressFilter::All => "all",
        }
    }
}
