//! What the inventory says about the demo account: system groups and the free primary network
//! are kept, dependencies point the right way, costs carry their basis, deletability follows
//! the role-filtered links, and the manual items cover what the API cannot see.

mod support;

use clc_sim::Scenario;
use closure::inventory::{CostBasis, Keep};
use closure::{Inventory, ResourceId, ResourceKind as K, Scanner};

use support::Harness;

fn scan(h: &Harness) -> Inventory {
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    std::rc::Rc::unwrap_or_clone(outcome.inventory)
}

#[test]
fn system_groups_are_kept_and_user_groups_are_deletable() {
    let h = Harness::new(Scenario::Demo, 0);
    let inventory = scan(&h);
    for group in inventory.of_kind(K::Group) {
        let system = group.name.ends_with(" Hardware")
            || group.name == "Archive"
            || group.name == "Templates";
        assert_eq!(
            group.keep == Some(Keep::SystemGroup),
            system,
            "{}",
            group.name
        );
        assert_eq!(group.deletable, !system, "{}", group.name);
    }
    let staging = inventory
        .of_kind(K::Group)
        .find(|g| g.name == "Web Staging")
        .unwrap();
    assert_eq!(staging.group_path.as_deref(), Some("VA1 Hardware / Web"));
    assert_eq!(staging.data_center.as_deref(), Some("VA1"));
}

#[test]
fn the_free_primary_network_of_each_data_center_is_marked_probably_free_with_a_reason() {
    let h = Harness::new(Scenario::Demo, 0);
    let inventory = scan(&h);
    let state = h.state();
    for network in state["networks"].as_array().unwrap() {
        let id = ResourceId::new(K::Network, network["id"].as_str().unwrap());
        let found = inventory
            .get(&id)
            .expect("every network is in the inventory");
        match &found.keep {
            Some(Keep::FreePrimaryNetwork { certain, reason }) => {
                assert_eq!(
                    network["primary"], true,
                    "{} is not the primary",
                    found.name
                );
                assert!(!certain && reason.contains("does not say"));
                assert_eq!(found.cost.basis, CostBasis::Free);
            }
            _ => {
                assert_eq!(network["primary"], false, "{} is the primary", found.name);
                assert_eq!(found.cost.basis, CostBasis::ListPriceEstimate);
                assert_eq!(
                    found.cost.monthly_estimate,
                    Some(clc::Money::from_dollars(45.0))
                );
            }
        }
    }
}

#[test]
fn dependencies_point_from_the_dependent_to_what_it_needs() {
    let h = Harness::new(Scenario::Demo, 0);
    let inventory = scan(&h);
    for ip in inventory.of_kind(K::PublicIp) {
        assert_eq!(ip.depends_on.len(), 1);
        assert_eq!(inventory.get(&ip.depends_on[0]).unwrap().id.kind, K::Server);
    }
    for pool in inventory.of_kind(K::LoadBalancerPool) {
        assert_eq!(pool.depends_on[0].kind, K::SharedLoadBalancer);
        assert!(
            pool.depends_on[1..].iter().all(|d| d.kind == K::Server),
            "nodes are servers"
        );
        assert!(pool.depends_on.len() >= 2);
    }
    for snapshot in inventory.of_kind(K::Snapshot) {
        assert_eq!(snapshot.depends_on[0].kind, K::Server);
    }
    for policy in inventory.of_kind(K::BackupServerPolicy) {
        assert_eq!(policy.depends_on.len(), 1, "{}", policy.name);
    }
    let users_of_networks: usize = inventory
        .of_kind(K::Network)
        .map(|n| {
            inventory
                .dependents_of(&n.id)
                .filter(|r| r.id.kind.family() == K::Server)
                .count()
        })
        .sum();
    let servers_with_addresses = inventory
        .resources
        .iter()
        .filter(|r| r.id.kind.family() == K::Server)
        .count();
    assert!(
        users_of_networks >= servers_with_addresses,
        "every server holds an address on some network"
    );
}

#[test]
fn servers_are_billed_and_other_billable_kinds_are_labelled_estimates() {
    let h = Harness::new(Scenario::Demo, 0);
    let inventory = scan(&h);
    for r in &inventory.resources {
        let expected = match r.id.kind {
            K::Server | K::Template | K::ArchivedServer | K::RdbsSubscription => CostBasis::Billed,
            K::PublicIp | K::SharedLoadBalancer | K::SiteToSiteVpn | K::BackupServerPolicy => {
                CostBasis::ListPriceEstimate
            }
            K::Network => r.cost.basis,
            K::Snapshot | K::LoadBalancerPool => CostBasis::IncludedInParent,
            _ => CostBasis::Free,
        };
        assert_eq!(r.cost.basis, expected, "{} {}", r.id.kind.label(), r.name);
        assert!(r.cost.hourly.is_some());
    }
    let archived = inventory.of_kind(K::ArchivedServer).next().unwrap();
    assert_eq!(archived.state, closure::ResourceState::Archived);
    let paused = inventory
        .of_kind(K::Server)
        .filter(|s| s.state == closure::ResourceState::Paused)
        .count();
    assert_eq!(paused, 1);
}

#[test]
fn a_read_only_user_sees_nothing_it_may_delete() {
    let h = Harness::as_user(Scenario::Demo, 0, "viewer", "viewer-password");
    let inventory = scan(&h);
    let servers: Vec<_> = inventory
        .resources
        .iter()
        .filter(|r| r.id.kind.family() == K::Server)
        .collect();
    assert!(!servers.is_empty());
    assert!(servers.iter().all(|s| !s.deletable));
    assert!(inventory.of_kind(K::Group).all(|g| !g.deletable));
}

#[test]
fn manual_items_cover_what_the_token_cannot_see() {
    let h = Harness::new(Scenario::Demo, 0);
    let inventory = scan(&h);
    let keys: Vec<&str> = inventory.manual.iter().map(|m| m.key.as_str()).collect();
    assert_eq!(keys, ["object-storage", "dns", "smtp-relay", "client-vpn"]);
    let vpn = inventory
        .manual
        .iter()
        .find(|m| m.key == "client-vpn")
        .unwrap();
    assert!(!vpn.billable && vpn.what_to_do.contains("cannot be removed"));
    assert!(inventory.manual.iter().all(|m| !m.what_to_do.is_empty()));
}

#[test]
fn notes_count_in_words_never_with_a_bracketed_plural() {
    let h = Harness::new(Scenario::Demo, 0);
    let inventory = scan(&h);
    let notes: Vec<&String> = inventory
        .resources
        .iter()
        .flat_map(|r| &r.notes)
        .chain(&inventory.notes)
        .collect();
    assert!(notes.iter().any(|n| n.contains("directly in this group")));
    for note in notes {
        assert!(!note.contains("(s)") && !note.contains("(es)"), "{note}");
    }
}
