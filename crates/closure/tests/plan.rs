//! The plan, table-driven over hand-made inventories: phase order (§8.2), explicit exclusions
//! with their reasons (free primary network, system groups, links without DELETE — and the
//! link-less services when no link offers DELETE —, free items not chosen, networks a kept
//! server still uses), one group delete exactly where it equals the
//! server deletes, the biggest hourly saving first within a phase, the waits between phases, and
//! the dry-run summary.

mod support;
mod support_exec;

use closure::inventory::{Keep, Resource, ResourceKind as K};
use closure::plan::{DeleteCall, DeletionPhase as P, ExclusionReason, Plan, Selection, StepId};
use closure::Inventory;
use support_exec::{inventory, kept, on, res, rid, undeletable};

const DC: Option<&str> = Some("VA1");

/// A check on an exclusion reason.
type IsReason = fn(&ExclusionReason) -> bool;

fn group(id: &str, parent: Option<&str>) -> Resource {
    let g = res(K::Group, id, DC, Some(0.0));
    match parent {
        Some(p) => on(g, &[rid(K::Group, p)]),
        None => kept(g, Keep::SystemGroup),
    }
}

fn server(id: &str, group: &str, hourly: f64) -> Resource {
    on(
        res(K::Server, id, DC, Some(hourly)),
        &[rid(K::Group, group)],
    )
}

/// A root with a user group `web` (sub-group `stage`) of three servers, an archive group with
/// one archived server, and one server directly in `default`.
fn account() -> Vec<Resource> {
    vec![
        group("root", None),
        kept(
            on(
                res(K::Group, "archive", DC, Some(0.0)),
                &[rid(K::Group, "root")],
            ),
            Keep::SystemGroup,
        ),
        group("web", Some("root")),
        group("stage", Some("web")),
        group("default", Some("root")),
        server("web1", "web", 0.20),
        server("web2", "web", 0.10),
        server("stage1", "stage", 0.05),
        server("app1", "default", 0.30),
        on(
            res(K::ArchivedServer, "old1", DC, Some(0.01)),
            &[rid(K::Group, "archive")],
        ),
        on(
            res(K::PublicIp, "1.2.3.4", DC, Some(0.003)),
            &[rid(K::Server, "web1")],
        ),
    ]
}

fn step_ids(plan: &Plan) -> Vec<String> {
    plan.steps.iter().map(|s| s.id.0.clone()).collect()
}

fn excluded(plan: &Plan, id: &str) -> Option<ExclusionReason> {
    plan.exclusions
        .iter()
        .find(|e| e.resource.id == id)
        .map(|e| e.reason.clone())
}

#[test]
fn group_delete_is_used_exactly_where_it_equals_the_server_deletes() {
    let cases: Vec<(&str, Inventory, Selection, Vec<&str>)> = vec![
        (
            "every server selected: one delete for the top-most group",
            inventory(account()),
            Selection::billable().deleting_unmarked_data(),
            vec!["group:web", "group:default", "archivedServer:old1"],
        ),
        (
            "one server deselected: the rest one by one, the sub-group whole",
            inventory(account()),
            Selection::billable()
                .deleting_unmarked_data()
                .without(rid(K::Server, "web2")),
            vec![
                "group:default",
                "server:web1",
                "group:stage",
                "archivedServer:old1",
            ],
        ),
        (
            "a sub-group deselected: its parent cannot go whole",
            inventory(account()),
            Selection::billable()
                .deleting_unmarked_data()
                .without(rid(K::Group, "stage")),
            vec![
                "group:default",
                "server:web1",
                "server:web2",
                "server:stage1",
                "archivedServer:old1",
            ],
        ),
        (
            "a server the token may not delete: no group delete above it",
            inventory({
                let mut a = account();
                let i = a.iter().position(|r| r.id.id == "stage1").unwrap();
                a[i] = undeletable(a[i].clone());
                a
            }),
            Selection::billable().deleting_unmarked_data(),
            vec![
                "group:default",
                "server:web1",
                "server:web2",
                "archivedServer:old1",
            ],
        ),
        (
            "nothing selected but a group chosen explicitly",
            inventory(account()),
            Selection::none()
                .deleting_unmarked_data()
                .with(rid(K::Group, "web")),
            vec!["group:web"],
        ),
    ];
    for (name, inv, selection, expected) in cases {
        let plan = Plan::build(&inv, &selection);
        let servers: Vec<String> = plan
            .steps
            .iter()
            .filter(|s| s.phase == P::Servers)
            .map(|s| s.id.0.clone())
            .collect();
        assert_eq!(servers, expected, "{name}");
    }
}

#[test]
fn a_group_step_removes_everything_beneath_it_and_saves_its_sum() {
    let plan = Plan::everything_billable(&inventory(account()));
    let web = plan.step(&StepId("group:web".into())).unwrap();
    let mut removed: Vec<&str> = web.removes.iter().map(|r| r.id.as_str()).collect();
    removed.sort();
    assert_eq!(
        removed,
        vec!["1.2.3.4", "stage", "stage1", "web", "web1", "web2"]
    );
    assert_eq!(
        web.call,
        DeleteCall::Group {
            group_id: "web".into()
        }
    );
    let saving = web.hourly_saving.unwrap();
    assert!((saving - 0.353).abs() < 1e-9, "{saving}");
    assert!(
        web.describe().contains("group WEB with 5 items beneath it"),
        "{}",
        web.describe()
    );
}

#[test]
fn exclusions_say_why() {
    let mut resources = account();
    resources.extend([
        kept(
            res(K::Network, "primary", DC, Some(0.0)),
            Keep::FreePrimaryNetwork {
                certain: false,
                reason: "lowest VLAN".into(),
            },
        ),
        undeletable(res(K::SharedLoadBalancer, "lb-ro", DC, Some(0.04))),
        res(K::AlertPolicy, "cpu-alert", None, Some(0.0)),
        res(K::Webhook, "Server.Deleted", None, Some(0.0)),
        on(res(K::Network, "db-net", DC, Some(0.06)), &[]),
    ]);
    let i = resources.iter().position(|r| r.id.id == "app1").unwrap();
    resources[i] = on(resources[i].clone(), &[rid(K::Network, "db-net")]);
    let plan = Plan::build(
        &inventory(resources),
        &Selection::billable()
            .deleting_unmarked_data()
            .without(rid(K::Server, "app1")),
    );
    let cases: Vec<(&str, IsReason)> = vec![
        ("primary", |r| {
            matches!(r, ExclusionReason::FreePrimaryNetwork { .. })
        }),
        ("root", |r| *r == ExclusionReason::SystemGroup),
        ("archive", |r| *r == ExclusionReason::SystemGroup),
        ("lb-ro", |r| *r == ExclusionReason::NotPermitted),
        ("cpu-alert", |r| *r == ExclusionReason::FreeNotChosen),
        ("Server.Deleted", |r| *r == ExclusionReason::FreeNotChosen),
        ("app1", |r| *r == ExclusionReason::NotSelected),
        (
            "db-net",
            |r| matches!(r, ExclusionReason::StillUsed { by } if by.contains("APP1")),
        ),
    ];
    for (id, expected) in cases {
        let reason = excluded(&plan, id).unwrap_or_else(|| panic!("{id} is not excluded"));
        assert!(expected(&reason), "{id}: {reason:?}");
        assert!(!reason.sentence().is_empty());
        assert!(plan.step_removing(&rid(K::Network, id)).is_none());
    }
}

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
