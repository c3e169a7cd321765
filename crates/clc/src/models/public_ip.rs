//! One public IP's detail (§4.5): `GET /v2/servers/{alias}/{server}/publicIPAddresses/{ip}`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicIp {
    #[serde(default, rename = "internalIPAddress")]
    pub internal_ip_address: Option<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub ports: Vec<PortRule>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub source_restrictions: Vec<SourceRestriction>,
}

/// An open port (or range `port..=portTo`); `protocol` is upper-case `TCP`/`UDP`/`ICMP`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortRule {
    #[serde(default)]
    pub protocol: Option<String>,
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub port: Option<u64>,
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub port_to: Option<u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRestriction {
    #[serde(default)]
    pub cidr: Option<String>,
}
