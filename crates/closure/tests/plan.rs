//! What the plan deletes, table-driven over hand-made inventories: one group delete exactly
//! where it equals the server deletes (and what it removes and saves), and the explicit
//! exclusions with their reasons (free primary network, system groups, links without DELETE,
//! free items not chosen, networks a kept server still uses). The order is in `plan_order.rs`,
//! step 2's marks in `plan_marks.rs`.

mod support;
mod support_exec;
mod support_plan;

use closure::inventory::{Keep, ResourceKind as K};
use closure::plan::{DeleteCall, DeletionPhase as P, ExclusionReason, Plan, Selection, StepId};
use closure::Inventory;

use support_exec::{inventory, kept, on, res, rid, undeletable};
use support_plan::{account, excluded, IsReason, DC};

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
