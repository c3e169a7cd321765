//! Raw API answers ([`ScanData`]) → [`Resource`]s. One module per area; they share the lookups
//! in [`Lookups`] (group paths, servers by name and address, billing by server). `fold` builds
//! the same resources a group tree at a time, as the scan reads them.

mod compute;
pub(crate) mod fold;
mod network;
mod services;

use std::collections::{BTreeMap, HashMap};

use clc::ids::id_key;
use clc::models::{Group, GroupBilling, Links, Server, ServerBilling};
use clc::Money;

use super::{BillingTotals, Resource, ResourceId, ResourceKind};
use crate::scan::ScanData;

/// Every resource in `data`, unsorted (the caller sorts and de-duplicates).
pub(super) fn resources(data: &ScanData) -> Vec<Resource> {
    let lookups = Lookups::new(data);
    let mut out = Vec::new();
    compute::groups(data, &lookups, &mut out);
    compute::servers(&lookups, &mut out);
    the_rest(data, &lookups, &mut out);
    out
}

/// The resources that do not come from the group trees: networks, load balancers, firewall
/// policies and the account-wide services.
fn the_rest(data: &ScanData, servers: &dyn ServerIndex, out: &mut Vec<Resource>) {
    network::networks(data, out);
    network::load_balancers(data, servers, out);
    network::firewall_policies(data, out);
    services::account_wide(data, servers, out);
}

/// What the load balancers' pools and the backup policies look up about servers.
pub(super) trait ServerIndex {
    /// The lowercase id of the server holding internal address `address`.
    fn server_at(&self, address: &str) -> Option<&str>;
    /// Server `key`'s resource id (its kind depends on whether it is a template or archived),
    /// data center and group path.
    fn server(&self, key: &str) -> Option<ServerPlace<'_>>;
}

/// Where a server is, for the resources that depend on it (borrowed: a load balancer's pool
/// takes only the id).
pub(super) struct ServerPlace<'a> {
    pub id: ResourceId,
    pub data_center: Option<&'a str>,
    pub group_path: Option<&'a str>,
}

impl ServerIndex for Lookups<'_> {
    fn server_at(&self, address: &str) -> Option<&str> {
        self.server_by_address.get(address).map(String::as_str)
    }

    fn server(&self, key: &str) -> Option<ServerPlace<'_>> {
        self.servers.get(key).map(|found| ServerPlace {
            id: ResourceId::new(compute::server_kind(found.server), key),
            data_center: Some(found.data_center.as_str()),
            group_path: self
                .groups
                .get(&id_key(&found.server.group_id))
                .map(|p| p.path.as_str()),
        })
    }
}

/// Adds one data center's group billing to `billing` (lowercase server id → its figures).
fn add_billing(billing: &mut HashMap<String, ServerBilling>, group_billing: &GroupBilling) {
    for (_, server_id, bill) in group_billing.servers() {
        billing.insert(id_key(server_id), *bill);
    }
}

/// Lowercase server id → the network ids it holds claimed addresses on; `server_named` finds
/// a server's lowercase id by its upper-case name (or id).
fn networks_of_servers<'k>(
    data: &ScanData,
    server_named: impl Fn(&str) -> Option<&'k String>,
) -> HashMap<String, Vec<String>> {
    let mut networks_of_server: HashMap<String, Vec<String>> = HashMap::new();
    for (network_id, addresses) in &data.claimed_ips {
        for address in addresses {
            let server = address
                .server
                .as_deref()
                .and_then(|name| server_named(&name.to_ascii_uppercase()))
                .cloned();
            if let Some(server) = server {
                let nets = networks_of_server.entry(server).or_default();
                if !nets.contains(network_id) {
                    nets.push(network_id.clone());
                }
            }
        }
    }
    networks_of_server
}

/// Root-group billing per data center.
pub(super) fn group_billing_totals(data: &ScanData) -> BTreeMap<String, BillingTotals> {
    // Inserted one by one: `collect` sorts first, with a sort compiled for this map alone.
    let mut out = BTreeMap::new();
    for (dc, billing) in &data.group_billing {
        let total = billing.total();
        let totals = BillingTotals {
            month_to_date: Money::from_dollars(total.month_to_date),
            monthly_estimate: Money::from_dollars(total.monthly_estimate),
            current_hour: total.current_hour,
        };
        out.insert(dc.clone(), totals);
    }
    out
}

/// Where a group sits.
pub(super) struct GroupPlace {
    pub path: String,
}

/// A server with where it was found.
pub(super) struct FoundServer<'a> {
    pub server: &'a Server,
    pub data_center: String,
}

/// Indexes over the raw data that several builders need.
pub(super) struct Lookups<'a> {
    pub groups: HashMap<String, GroupPlace>,
    /// Lowercase id → server; detailed trees first, per-server reads fill the gaps.
    pub servers: BTreeMap<String, FoundServer<'a>>,
    /// Upper-case server name → lowercase id.
    pub server_by_name: HashMap<String, String>,
    /// Internal address → lowercase server id.
    pub server_by_address: HashMap<String, String>,
    /// Lowercase server id → its group billing figures.
    pub billing: HashMap<String, ServerBilling>,
    /// Lowercase server id → network ids it holds addresses on.
    pub networks_of_server: HashMap<String, Vec<String>>,
}

impl<'a> Lookups<'a> {
    fn new(data: &'a ScanData) -> Lookups<'a> {
        let mut lookups = Lookups::empty();
        for (dc, tree) in &data.group_trees {
            lookups.add_tree(dc, tree);
        }
        for server in data.servers.values() {
            let dc = server.location_id.to_ascii_uppercase();
            lookups.add_server(server, &dc);
        }
        for billing in data.group_billing.values() {
            add_billing(&mut lookups.billing, billing);
        }
        lookups.networks_of_server =
            networks_of_servers(data, |name| lookups.server_by_name.get(name));
        lookups
    }

    fn empty() -> Lookups<'a> {
        Lookups {
            groups: HashMap::new(),
            servers: BTreeMap::new(),
            server_by_name: HashMap::new(),
            server_by_address: HashMap::new(),
            billing: HashMap::new(),
            networks_of_server: HashMap::new(),
        }
    }

    /// One data center's groups and the servers in them.
    fn add_tree(&mut self, dc: &str, tree: &'a Group) {
        self.place_groups(tree, "");
        for server in tree.all_servers() {
            self.add_server(server, dc);
        }
    }

    fn place_groups(&mut self, group: &Group, parent_path: &str) {
        let name = if group.name.is_empty() {
            group.id.clone()
        } else {
            group.name.clone()
        };
        let path = if parent_path.is_empty() {
            name
        } else {
            format!("{parent_path} / {name}")
        };
        for child in &group.groups {
            self.place_groups(child, &path);
        }
        self.groups.insert(id_key(&group.id), GroupPlace { path });
    }

    fn add_server(&mut self, server: &'a Server, dc: &str) {
        let key = id_key(&server.id);
        if self.servers.contains_key(&key) {
            return;
        }
        let name = if server.name.is_empty() {
            &server.id
        } else {
            &server.name
        };
        self.server_by_name
            .insert(name.to_ascii_uppercase(), key.clone());
        self.server_by_name
            .insert(server.id.to_ascii_uppercase(), key.clone());
        for pair in server
            .details
            .iter()
            .flat_map(|d| d.ip_addresses.iter().chain(&d.secondary_ip_addresses))
        {
            if let Some(internal) = &pair.internal {
                self.server_by_address.insert(internal.clone(), key.clone());
            }
        }
        let data_center = match server.location_id.as_str() {
            "" => dc,
            location => location,
        }
        .to_ascii_uppercase();
        self.servers.insert(
            key,
            FoundServer {
                server,
                data_center,
            },
        );
    }

    pub fn group_path(&self, group_id: Option<&str>) -> Option<String> {
        group_id
            .and_then(|g| self.groups.get(&id_key(g)))
            .map(|p| p.path.clone())
    }
}

/// A resource with the fields every builder fills the same way.
pub(super) fn resource(kind: ResourceKind, id: &str, name: Option<&str>) -> Resource {
    let name = name
        .filter(|n| !n.trim().is_empty())
        .unwrap_or(id)
        .to_string();
    Resource {
        id: ResourceId::new(kind, id),
        account: String::new(),
        name,
        data_center: None,
        group_path: None,
        state: super::ResourceState::Active,
        cost: super::Cost::free(),
        depends_on: Vec::new(),
        deletable: false,
        keep: None,
        notes: Vec::new(),
    }
}

/// Deletable per its links when the API sent a self link; where the API sends no links at all,
/// the documented DELETE endpoint decides (`documented`).
pub(super) fn deletable_by_links(links: &[clc::models::Link], documented: bool) -> bool {
    if links.rel("self").is_some() || links.rel("delete").is_some() {
        links.allows_delete()
    } else {
        documented
    }
}
