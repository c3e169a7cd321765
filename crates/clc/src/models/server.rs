//! Servers (§4.1) and their snapshots (§4.4). Strict where every recorded server agreed (`id`,
//! `name`, `groupId`, `locationId`, `status`, `links` are required); tolerant of `details`, which
//! may be absent (`underConstruction`, `queuedForDelete`) or hold only `powerState` and
//! `storageGB` (archived servers in a detailed group read). See the crate's README.

use serde::{Deserialize, Serialize};

use super::common::PolicyRef;
use super::link::{Link, Links};
use crate::ids::last_segment;

string_enum! {
    /// A server's lifecycle `status`.
    ServerStatus {
        Active = "active",
        UnderConstruction = "underConstruction",
        QueuedForDelete = "queuedForDelete",
        QueuedForRestore = "queuedForRestore",
        Archived = "archived",
    }
}

string_enum! {
    /// `details.powerState`.
    PowerState {
        Started = "started",
        Stopped = "stopped",
        Paused = "paused",
    }
}

/// One server, from `GET /v2/servers/{alias}/{id}` or a detailed group tree. Only the fields the
/// app reads are decoded (a detailed tree holds thousands of servers); the others are skipped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Server {
    /// Lowercase server name (`de1acmeweb01`); compare with `ids::same_id`.
    #[serde(deserialize_with = "crate::de::record_id")]
    pub id: String,
    /// Upper-case name (`DE1ACMEWEB01`).
    pub name: String,
    pub group_id: String,
    #[serde(default)]
    pub is_template: Option<bool>,
    /// Upper-case data center (`DE1`).
    pub location_id: String,
    /// Present only when true.
    #[serde(default, rename = "isManagedOS")]
    pub is_managed_os: Option<bool>,
    pub status: ServerStatus,
    /// Absent while `underConstruction` and often while `queuedForDelete`; only `powerState`
    /// and `storageGB` for archived servers in a detailed group read.
    #[serde(default)]
    pub details: Option<ServerDetails>,
    #[serde(deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}

impl Server {
    pub fn power_state(&self) -> Option<&PowerState> {
        self.details.as_ref()?.power_state.as_ref()
    }

    /// Public IPs, from `details.ipAddresses[].public` and `rel:"publicIPAddress"` links,
    /// without duplicates, in order of appearance.
    pub fn public_ips(&self) -> Vec<String> {
        let from_details = self
            .details
            .iter()
            .flat_map(|d| d.ip_addresses.iter().chain(&d.secondary_ip_addresses))
            .filter_map(|pair| pair.public.clone());
        let from_links = self
            .links
            .rel_all("publicIPAddress")
            .filter_map(Link::target_id);
        let mut out: Vec<String> = Vec::new();
        for ip in from_details.chain(from_links) {
            if !ip.is_empty() && !out.contains(&ip) {
                out.push(ip);
            }
        }
        out
    }

    pub fn snapshots(&self) -> &[Snapshot] {
        self.details
            .as_ref()
            .map_or(&[], |d| d.snapshots.as_slice())
    }

    pub fn can_delete(&self) -> bool {
        self.links.allows_delete()
    }
}

/// `details`: every field optional, lists empty when absent. Only what the inventory and the
/// re-reads use is decoded.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerDetails {
    #[serde(default)]
    pub power_state: Option<PowerState>,
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub cpu: Option<u64>,
    #[serde(
        default,
        rename = "memoryMB",
        deserialize_with = "crate::de::opt_count"
    )]
    pub memory_mb: Option<u64>,
    #[serde(
        default,
        rename = "storageGB",
        deserialize_with = "crate::de::opt_count"
    )]
    pub storage_gb: Option<u64>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub ip_addresses: Vec<IpAddressPair>,
    #[serde(
        default,
        rename = "secondaryIPAddresses",
        deserialize_with = "crate::de::nullable"
    )]
    pub secondary_ip_addresses: Vec<IpAddressPair>,
    #[serde(default)]
    pub cpu_autoscale_policy: Option<PolicyRef>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub disks: Vec<Disk>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub snapshots: Vec<Snapshot>,
}

/// An internal IP and, when one is mapped to it, its public IP.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpAddressPair {
    #[serde(default)]
    pub internal: Option<String>,
    #[serde(default)]
    pub public: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Disk {
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub id: String,
    #[serde(default, rename = "sizeGB")]
    pub size_gb: Option<f64>,
}

/// A server snapshot; it has no id field, the id is the last segment of its `delete`/`self` href.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}

impl Snapshot {
    /// The snapshot id (`2` in `/v2/servers/acme/web01/snapshots/2`).
    pub fn id(&self) -> Option<String> {
        self.links
            .rel("delete")
            .or_else(|| self.links.rel("self"))
            .and_then(|l| last_segment(&l.href))
            .map(str::to_string)
    }
}
