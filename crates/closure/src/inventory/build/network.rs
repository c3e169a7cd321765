//! Networks (with the free primary VLAN picked out), shared load balancers and their pools, and
//! intra- and cross-data-center firewall policies.

use std::collections::{HashMap, HashSet};

use clc::ids::id_key;
use clc::models::Network;

use super::{deletable_by_links, resource, ServerIndex};
use crate::inventory::{Cost, Keep, Resource, ResourceId, ResourceKind, ResourceState};
use crate::scan::ScanData;

/// List price of each additional network per month; the first (primary) one is free (§6.6).
pub const ADDITIONAL_NETWORK_MONTHLY: f64 = 45.0;
/// List price of a shared load balancer per hour (§6.6).
pub const SHARED_LB_HOURLY: f64 = 0.04;

/// The data center's probable free primary network: the lowest VLAN number. The API has no
/// field for it (§7.2); the simulator, like the platform, creates the primary VLAN with the
/// data center, so it holds the lowest number the account got there.
fn probable_primary(networks: &[Network]) -> Option<&Network> {
    networks
        .iter()
        .filter(|n| n.vlan.is_some())
        .min_by_key(|n| n.vlan)
}

pub(super) fn networks(data: &ScanData, out: &mut Vec<Resource>) {
    let vpn_subnets: HashSet<String> = data
        .vpns
        .iter()
        .flatten()
        .flat_map(|v| v.local.iter().flat_map(|l| l.subnets.iter().cloned()))
        .collect();
    for (dc, list) in &data.networks {
        let primary = probable_primary(list).map(|n| n.id.clone());
        for network in list {
            let key = id_key(&network.id);
            let mut r = resource(ResourceKind::Network, &key, network.name.as_deref());
            r.data_center = Some(dc.clone());
            r.deletable = network.release_link().is_some();
            if primary.as_deref() == Some(network.id.as_str()) {
                let mut reason = format!(
                    "The API does not say which network is the free primary VLAN; this is the lowest-numbered \
                     VLAN in {dc} (VLAN {}), the one created with the data center.",
                    network.vlan.unwrap_or_default()
                );
                if network
                    .cidr
                    .as_ref()
                    .is_some_and(|c| vpn_subnets.contains(c))
                {
                    reason.push_str(" A site-to-site VPN also routes to it.");
                }
                r.keep = Some(Keep::FreePrimaryNetwork {
                    certain: false,
                    reason,
                });
                r.cost = Cost::free();
                r.notes.push(
                    "probably the free primary network (kept: the client VPN depends on it)".into(),
                );
            } else {
                r.cost = Cost::list_price_monthly(ADDITIONAL_NETWORK_MONTHLY);
            }
            if let Some(cidr) = &network.cidr {
                r.notes.push(cidr.clone());
            }
            match data.claimed_ips.get(&network.id) {
                Some(claimed) => {
                    let servers: HashSet<String> = claimed
                        .iter()
                        .filter_map(|a| a.server.as_deref().map(id_key))
                        .collect();
                    r.notes.push(format!(
                        "{} held by {}",
                        crate::counts::plural(
                            claimed.len(),
                            "claimed address",
                            "claimed addresses"
                        ),
                        crate::counts::plural(servers.len(), "server", "servers")
                    ));
                }
                None => r.notes.push("claimed addresses could not be read".into()),
            }
            out.push(r);
        }
    }
}

pub(super) fn load_balancers(data: &ScanData, servers: &dyn ServerIndex, out: &mut Vec<Resource>) {
    for (dc, list) in &data.load_balancers {
        for lb in list {
            let key = id_key(&lb.id);
            let lb_id = ResourceId::new(ResourceKind::SharedLoadBalancer, key.clone());
            let mut r = resource(ResourceKind::SharedLoadBalancer, &key, lb.name.as_deref());
            r.data_center = Some(dc.clone());
            r.state = lb.status.as_ref().map_or(ResourceState::Unknown, |s| {
                ResourceState::from_api(s.as_str())
            });
            r.cost = Cost::list_price_hourly(SHARED_LB_HOURLY);
            r.deletable = deletable_by_links(&lb.links, true);
            if let Some(vip) = &lb.ip_address {
                r.notes.push(format!("public VIP {vip}"));
            }
            out.push(r);
            let pools = if lb.pools.is_empty() {
                data.pools.get(&lb.id)
            } else {
                Some(&lb.pools)
            };
            for pool in pools.into_iter().flatten() {
                let name = format!(
                    "{} port {}",
                    lb.name.as_deref().unwrap_or(&lb.id),
                    pool.port.unwrap_or_default()
                );
                let mut p = resource(
                    ResourceKind::LoadBalancerPool,
                    &id_key(&pool.id),
                    Some(&name),
                );
                p.data_center = Some(dc.clone());
                p.cost = Cost::included_in_parent();
                p.deletable = deletable_by_links(&pool.links, true);
                p.depends_on.push(lb_id.clone());
                for node in &pool.nodes {
                    let server = node
                        .ip_address
                        .as_deref()
                        .and_then(|ip| servers.server_at(ip))
                        .and_then(|s| servers.server(s));
                    if let Some(server) = server {
                        if !p.depends_on.contains(&server.id) {
                            p.depends_on.push(server.id);
                        }
                    }
                }
                p.notes
                    .push(crate::counts::plural(pool.nodes.len(), "node", "nodes"));
                out.push(p);
            }
        }
    }
}

pub(super) fn firewall_policies(data: &ScanData, out: &mut Vec<Resource>) {
    let by_cidr: HashMap<String, ResourceId> = data
        .networks
        .values()
        .flatten()
        .filter_map(|n| {
            Some((
                n.cidr.clone()?,
                ResourceId::new(ResourceKind::Network, id_key(&n.id)),
            ))
        })
        .collect();
    let networks_of = |cidrs: &mut dyn Iterator<Item = &String>| -> Vec<ResourceId> {
        let mut ids: Vec<ResourceId> = cidrs.filter_map(|c| by_cidr.get(c).cloned()).collect();
        ids.dedup();
        ids
    };
    for (dc, list) in &data.firewall_policies {
        for policy in list {
            let name = format!(
                "{} → {} ({})",
                policy.source.join(", "),
                policy.destination.join(", "),
                policy.ports.join(", ")
            );
            let mut r = resource(
                ResourceKind::FirewallPolicy,
                &id_key(&policy.id),
                Some(&name),
            );
            r.data_center = Some(dc.clone());
            r.state = state_of(Some(policy.status.as_str()), Some(policy.enabled));
            r.deletable = deletable_by_links(&policy.links, true);
            r.depends_on = networks_of(&mut policy.source.iter().chain(&policy.destination));
            out.push(r);
        }
    }
    let mut seen = HashSet::new();
    for (dc, list) in &data.cross_dc_firewall_policies {
        for policy in list.iter().filter(|p| seen.insert(id_key(&p.id))) {
            let name = format!(
                "{} ({}) → {} ({})",
                policy.source_cidr.as_deref().unwrap_or("?"),
                policy
                    .source_location
                    .as_deref()
                    .unwrap_or("?")
                    .to_ascii_uppercase(),
                policy.destination_cidr.as_deref().unwrap_or("?"),
                policy
                    .destination_location
                    .as_deref()
                    .unwrap_or("?")
                    .to_ascii_uppercase(),
            );
            let mut r = resource(
                ResourceKind::CrossDcFirewallPolicy,
                &id_key(&policy.id),
                Some(&name),
            );
            let source_dc = policy
                .source_location
                .as_deref()
                .map(str::to_ascii_uppercase);
            r.data_center = source_dc.or_else(|| Some(dc.clone()));
            r.state = state_of(policy.status.as_ref().map(|s| s.as_str()), policy.enabled);
            r.deletable = deletable_by_links(&policy.links, true);
            r.depends_on =
                networks_of(&mut policy.source_cidr.iter().chain(&policy.destination_cidr));
            out.push(r);
        }
    }
}

fn state_of(status: Option<&str>, enabled: Option<bool>) -> ResourceState {
    match (enabled, status.map(ResourceState::from_api)) {
        (_, Some(ResourceState::Failed)) => ResourceState::Failed,
        (_, Some(ResourceState::Pending)) => ResourceState::Pending,
        (Some(false), _) => ResourceState::Disabled,
        (_, Some(state)) => state,
        (_, None) => ResourceState::Active,
    }
}
