//! Step 2 gates step 3: data nobody marked as retrieved or not needed is held back from the plan
//! (and so is whatever would remove it: a server with an unmarked snapshot, a group with an
//! unmarked server), with a reason that says so, unless the customer explicitly chooses to
//! delete unmarked data too; any single resource can be kept for now; names from the account are
//! capped before they go into the plan (and so the journal).

mod support;
mod support_exec;

use closure::inventory::{Keep, Resource, ResourceKind as K};
use closure::marks::{DataMarks, Mark};
use closure::plan::{DeletionPhase as P, ExclusionReason, Plan, Selection};

use support_exec::{inventory, kept, on, res, rid};

const DC: Option<&str> = Some("VA1");

/// A root with user group `web` (servers `web1`, `web2`; `web1` has snapshot `snap1` and a
/// public IP), a database subscription and a load balancer.
fn account() -> Vec<Resource> {
    vec![
        kept(res(K::Group, "root", DC, Some(0.0)), Keep::SystemGroup),
        on(
            res(K::Group, "web", DC, Some(0.0)),
            &[rid(K::Group, "root")],
        ),
        on(
            res(K::Server, "web1", DC, Some(0.2)),
            &[rid(K::Group, "web")],
        ),
        on(
            res(K::Server, "web2", DC, Some(0.1)),
            &[rid(K::Group, "web")],
        ),
        on(
            res(K::Snapshot, "web1/snap1", DC, Some(0.01)),
            &[rid(K::Server, "web1")],
        ),
        on(
            res(K::PublicIp, "1.2.3.4", DC, Some(0.003)),
            &[rid(K::Server, "web1")],
        ),
        res(K::RdbsSubscription, "db1", None, Some(0.5)),
        res(K::SharedLoadBalancer, "lb1", DC, Some(0.04)),
    ]
}

fn marks(marked: &[(K, &str)]) -> DataMarks {
    let mut m = DataMarks::default();
    for (kind, id) in marked {
        m.set(&rid(*kind, id), Mark::Retrieved);
    }
    m
}

fn removed(plan: &Plan) -> Vec<String> {
    let mut ids: Vec<String> = plan
        .steps
        .iter()
        .flat_map(|s| s.removes.iter().map(|r| r.id.clone()))
        .collect();
    ids.sort();
    ids
}

fn reason(plan: &Plan, id: &str) -> Option<ExclusionReason> {
    plan.exclusions
        .iter()
        .find(|e| e.resource.id == id)
        .map(|e| e.reason.clone())
}

#[test]
fn with_nothing_marked_no_data_is_deleted_and_each_kept_item_says_why() {
    let plan = Plan::build(&inventory(account()), &Selection::billable());
    // Only what holds no data goes: the load balancer and the public IP (on its own, since
    // its server stays).
    assert_eq!(removed(&plan), vec!["1.2.3.4", "lb1"]);
    for id in ["web1", "web2", "web1/snap1", "db1"] {
        assert!(
            matches!(
                reason(&plan, id),
                Some(ExclusionReason::DataNotMarked { .. })
            ),
            "{id}: {:?}",
            reason(&plan, id)
        );
    }
    let sentence = plan
        .exclusions
        .iter()
        .find(|e| e.resource.id == "web2")
        .unwrap()
        .reason
        .sentence();
    assert!(sentence.contains("not marked in step 2"), "{sentence}");
}

#[test]
fn a_marked_server_with_an_unmarked_snapshot_stays_and_names_the_snapshot() {
    let selection =
        Selection::billable().with_marks(marks(&[(K::Server, "web1"), (K::Server, "web2")]));
    let plan = Plan::build(&inventory(account()), &selection);
    let Some(ExclusionReason::DataNotMarked { what }) = reason(&plan, "web1") else {
        panic!("web1 is held back: {:?}", reason(&plan, "web1"));
    };
    assert!(what.contains("snapshot"), "{what}");
    // Its group cannot go whole; web2 goes on its own.
    let servers: Vec<&str> = plan
        .steps
        .iter()
        .filter(|s| s.phase == P::Servers && matches!(s.kind, K::Server | K::Group))
        .map(|s| s.id.0.as_str())
        .collect();
    assert_eq!(servers, vec!["server:web2"]);
    assert!(!removed(&plan).contains(&"web1/snap1".to_string()));
}

#[test]
fn every_mark_given_the_default_plan_is_the_whole_account() {
    let all = marks(&[
        (K::Server, "web1"),
        (K::Server, "web2"),
        (K::Snapshot, "web1/snap1"),
        (K::RdbsSubscription, "db1"),
    ]);
    let marked = Plan::build(
        &inventory(account()),
        &Selection::billable().with_marks(all),
    );
    let chosen = Plan::build(
        &inventory(account()),
        &Selection::billable().deleting_unmarked_data(),
    );
    assert_eq!(removed(&marked), removed(&chosen));
    assert!(marked.steps.iter().any(|s| s.id.0 == "group:web"));
    assert!(marked
        .exclusions
        .iter()
        .all(|e| !matches!(e.reason, ExclusionReason::DataNotMarked { .. })));
}

#[test]
fn a_resource_kept_for_now_stays_out_with_its_reason() {
    let selection = Selection::billable()
        .deleting_unmarked_data()
        .without(rid(K::SharedLoadBalancer, "lb1"));
    let plan = Plan::build(&inventory(account()), &selection);
    assert!(!removed(&plan).contains(&"lb1".to_string()));
    assert_eq!(reason(&plan, "lb1"), Some(ExclusionReason::NotSelected));
    assert!(ExclusionReason::NotSelected
        .sentence()
        .contains("kept it out"));
}

#[test]
fn names_of_any_length_are_capped_in_the_plan() {
    let long = "A".repeat(10_000);
    let mut resources = account();
    for r in &mut resources {
        r.name = long.clone();
    }
    let plan = Plan::build(
        &inventory(resources),
        &Selection::billable().deleting_unmarked_data(),
    );
    assert!(!plan.steps.is_empty() && !plan.exclusions.is_empty());
    for label in plan
        .steps
        .iter()
        .map(|s| &s.label)
        .chain(plan.exclusions.iter().map(|e| &e.label))
    {
        assert!(label.chars().count() <= 200, "{}", label.chars().count());
        assert!(label.ends_with('…'));
    }
    let json = serde_json::to_string(&plan).unwrap();
    assert!(
        json.len() < 20_000,
        "the plan stays small: {} bytes",
        json.len()
    );
}
