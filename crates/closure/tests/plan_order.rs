//! The plan's order (table-driven over hand-made inventories): phases in the reference order
//! (§8.2) with the biggest hourly saving first within a phase, each step waiting for what its
//! deletion depends on, the dry-run counts and sums per phase, and a token that may delete
//! nothing keeping the link-less services too.

mod support;
mod support_exec;
mod support_plan;

use closure::inventory::ResourceKind as K;
use closure::plan::{DeletionPhase as P, ExclusionReason, Plan, Selection, StepId};

use support_exec::{inventory, on, res, rid};
use support_plan::{account, excluded, group, server, step_ids, DC};

#[test]
fn phases_follow_the_reference_order_and_cost_orders_each_phase() {
    let resources = vec![
        group("root", None),
        server("cheap", "root", 0.01),
        server("dear", "root", 0.90),
        server("mid", "root", 0.30),
        res(K::Network, "net", DC, Some(0.06)),
        res(K::FirewallPolicy, "fw", DC, Some(0.0)),
        res(K::CrossDcFirewallPolicy, "xfw", DC, Some(0.0)),
        res(K::SiteToSiteVpn, "vpn", DC, Some(0.06)),
        res(K::RdbsSubscription, "42", DC, Some(0.6)),
        res(K::SharedLoadBalancer, "lb-small", DC, Some(0.04)),
        res(K::SharedLoadBalancer, "lb-big", DC, None),
        on(
            res(K::BackupServerPolicy, "bk", DC, Some(0.001)),
            &[rid(K::Server, "dear")],
        ),
        res(K::AlertPolicy, "alert", None, Some(0.0)),
    ];
    let plan = Plan::build(
        &inventory(resources),
        &Selection::billable()
            .deleting_unmarked_data()
            .with_free(K::AlertPolicy),
    );
    assert_eq!(
        step_ids(&plan),
        vec![
            "backupServerPolicy:bk",
            "sharedLoadBalancer:lb-small",
            "sharedLoadBalancer:lb-big",
            "siteToSiteVpn:vpn",
            "rdbsSubscription:42",
            "server:dear",
            "server:mid",
            "server:cheap",
            "crossDcFirewallPolicy:xfw",
            "firewallPolicy:fw",
            "network:net",
            "alertPolicy:alert",
        ]
    );
    let phases: Vec<P> = plan.steps.iter().map(|s| s.phase).collect();
    assert!(phases.windows(2).all(|w| w[0] <= w[1]));
    let lb = plan
        .step(&StepId("sharedLoadBalancer:lb-big".into()))
        .unwrap();
    assert_eq!(lb.hourly_saving, None, "unknown cost stays unknown");
}

#[test]
fn steps_wait_for_what_their_deletion_depends_on() {
    let resources = vec![
        group("root", None),
        server("a", "root", 0.1),
        on(res(K::Server, "uc", Some("UC1"), Some(0.1)), &[]),
        on(
            res(K::BackupServerPolicy, "bk", DC, Some(0.001)),
            &[rid(K::Server, "a")],
        ),
        res(K::FirewallPolicy, "fw", DC, Some(0.0)),
        res(K::Network, "net", DC, Some(0.06)),
        res(K::Network, "uc-net", Some("UC1"), Some(0.06)),
        on(
            res(K::CrossDcFirewallPolicy, "x", DC, Some(0.0)),
            &[rid(K::Network, "uc-net")],
        ),
    ];
    let plan = Plan::everything_billable(&inventory(resources));
    let waits = |id: &str| -> Vec<String> {
        plan.step(&StepId(id.into()))
            .unwrap()
            .waits_for
            .iter()
            .map(|w| w.0.clone())
            .collect()
    };
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("backupServerPolicy:bk", vec![]),
        ("server:a", vec!["backupServerPolicy:bk"]),
        ("server:uc", vec![]),
        ("firewallPolicy:fw", vec!["server:a"]),
        ("crossDcFirewallPolicy:x", vec!["server:a"]),
        (
            "network:net",
            vec!["crossDcFirewallPolicy:x", "firewallPolicy:fw", "server:a"],
        ),
        (
            "network:uc-net",
            vec!["crossDcFirewallPolicy:x", "server:uc"],
        ),
    ];
    for (id, expected) in cases {
        assert_eq!(waits(id), expected, "{id}");
    }
}

#[test]
fn the_dry_run_counts_and_sums_each_phase() {
    let plan = Plan::everything_billable(&inventory(account()));
    let summary = plan.summary();
    let servers = &summary[&P::Servers];
    assert_eq!(servers.steps, 3);
    assert_eq!(
        servers.removes, 9,
        "two groups with all beneath them, and the archived server"
    );
    assert!((plan.known_hourly_saving() - 0.663).abs() < 1e-9);
    assert_eq!(plan.removes_count(K::Server), 4);
    let json = serde_json::to_string(&plan).unwrap();
    assert_eq!(serde_json::from_str::<Plan>(&json).unwrap(), plan);
}

#[test]
fn a_token_that_may_delete_nothing_also_keeps_the_linkless_services() {
    let cases: Vec<(&str, bool, bool)> = vec![
        ("no link offers DELETE: read-only", false, true),
        (
            "links offer DELETE: linkless services are planned",
            true,
            false,
        ),
    ];
    for (name, server_deletable, expect_excluded) in cases {
        let mut srv = server("web1", "root", 0.1);
        srv.deletable = server_deletable;
        let resources = vec![
            group("root", None),
            srv,
            res(K::RdbsSubscription, "42", DC, Some(0.6)),
            res(K::BackupServerPolicy, "bk", DC, Some(0.001)),
        ];
        let plan = Plan::everything_billable(&inventory(resources));
        for id in ["42", "bk"] {
            let reason = excluded(&plan, id);
            assert_eq!(reason.is_some(), expect_excluded, "{name}: {id}");
            if let Some(reason) = reason {
                assert_eq!(reason, ExclusionReason::NotPermitted, "{name}: {id}");
            }
        }
    }
}
