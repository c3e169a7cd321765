//! Compares an inventory with the simulator's state dump, kind by kind.

use std::collections::BTreeSet;

use closure::{Inventory, ResourceKind as K};
use serde_json::Value;

use super::len;

/// (kind, count in the inventory, count in the simulator)
pub fn count_pairs(inventory: &Inventory, state: &Value) -> Vec<(K, usize, usize)> {
    let servers = state["servers"].as_array().cloned().unwrap_or_default();
    let templates = servers.iter().filter(|s| s["isTemplate"] == true).count();
    let archived = servers
        .iter()
        .filter(|s| s["isTemplate"] != true && s["status"] == "archived")
        .count();
    let pools: usize = state["loadBalancers"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|lb| lb["pools"].as_array().map_or(0, Vec::len))
        .sum();
    let backup = state["backup"]["serverPolicies"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["status"] != "DELETED")
        .count();
    vec![
        (
            K::Server,
            inventory.count(K::Server),
            servers.len() - templates - archived,
        ),
        (K::Template, inventory.count(K::Template), templates),
        (
            K::ArchivedServer,
            inventory.count(K::ArchivedServer),
            archived,
        ),
        (K::Group, inventory.count(K::Group), len(state, "/groups")),
        (
            K::PublicIp,
            inventory.count(K::PublicIp),
            len(state, "/publicIps"),
        ),
        (
            K::Snapshot,
            inventory.count(K::Snapshot),
            len(state, "/snapshots"),
        ),
        (
            K::Network,
            inventory.count(K::Network),
            len(state, "/networks"),
        ),
        (
            K::SharedLoadBalancer,
            inventory.count(K::SharedLoadBalancer),
            len(state, "/loadBalancers"),
        ),
        (
            K::LoadBalancerPool,
            inventory.count(K::LoadBalancerPool),
            pools,
        ),
        (
            K::FirewallPolicy,
            inventory.count(K::FirewallPolicy),
            len(state, "/firewallPolicies"),
        ),
        (
            K::CrossDcFirewallPolicy,
            inventory.count(K::CrossDcFirewallPolicy),
            len(state, "/crossDcFirewallPolicies"),
        ),
        (
            K::SiteToSiteVpn,
            inventory.count(K::SiteToSiteVpn),
            len(state, "/vpns"),
        ),
        (
            K::AlertPolicy,
            inventory.count(K::AlertPolicy),
            len(state, "/alertPolicies"),
        ),
        (
            K::AutoscalePolicy,
            inventory.count(K::AutoscalePolicy),
            len(state, "/autoscalePolicies"),
        ),
        (
            K::Webhook,
            inventory.count(K::Webhook),
            len(state, "/webhooks"),
        ),
        (
            K::RdbsSubscription,
            inventory.count(K::RdbsSubscription),
            len(state, "/rdbs"),
        ),
        (
            K::BackupServerPolicy,
            inventory.count(K::BackupServerPolicy),
            backup,
        ),
    ]
}

/// Panics with every mismatch listed, and checks that the server ids are the same set and that
/// the networks marked as the free primary are the simulator's primary networks.
pub fn assert_matches_simulator(inventory: &Inventory, state: &Value) {
    let wrong: Vec<String> = count_pairs(inventory, state)
        .into_iter()
        .filter(|(_, found, expected)| found != expected)
        .map(|(kind, found, expected)| {
            format!("{}: found {found}, simulator has {expected}", kind.label())
        })
        .collect();
    assert!(wrong.is_empty(), "counts differ:\n{}", wrong.join("\n"));
    let expected: BTreeSet<String> = state["servers"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| s["id"].as_str().unwrap().to_ascii_lowercase())
        .collect();
    let found: BTreeSet<String> = inventory
        .resources
        .iter()
        .filter(|r| r.id.kind.family() == K::Server)
        .map(|r| r.id.id.clone())
        .collect();
    assert_eq!(found, expected);
    for network in state["networks"].as_array().into_iter().flatten() {
        let id = closure::ResourceId::new(K::Network, network["id"].as_str().unwrap());
        let kept = inventory.get(&id).and_then(|n| n.keep.as_ref()).is_some();
        assert_eq!(
            kept,
            network["primary"] == true,
            "network {}",
            network["name"]
        );
    }
}
