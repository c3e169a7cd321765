//! A scan builds its inventory as the answers come in (each group tree's resources as soon as
//! the tree is read, the rest once the last answer is in): that inventory is exactly the one
//! built whole from what the scan read (what a re-run builds) — the same resources in the same
//! order, totals, unread parts, bad records and sub-accounts merged alike — on the demo, a
//! large account, sub-accounts, failed parts, a cancelled scan and a scan that fell back to
//! reading servers one by one.

mod support;

use clc_sim::{FaultKind, FaultRule, Faults, Scenario};
use closure::{Inventory, ScanOutcome, Scanner};
use serde_json::Value;

use support::{drop_server_id, Harness};

/// The scan's inventory against the whole build of the same data, resource by resource first
/// (so a difference names the resource), then as a whole, for the outcome and each sub-account.
fn assert_built_as_whole(outcome: &ScanOutcome) {
    assert!(
        !outcome.inventory.resources.is_empty(),
        "the scan found something"
    );
    let mut whole = outcome.clone();
    whole.rebuild();
    assert_same(&outcome.inventory, &whole.inventory);
    assert_eq!(outcome.subs.len(), whole.subs.len());
    for (scanned, rebuilt) in outcome.subs.iter().zip(&whole.subs) {
        assert_same(&scanned.inventory, &rebuilt.inventory);
    }
}

fn assert_same(scanned: &Inventory, whole: &Inventory) {
    for (a, b) in scanned.resources.iter().zip(&whole.resources) {
        assert_eq!(a, b);
    }
    assert_eq!(scanned.resources.len(), whole.resources.len());
    assert_eq!(scanned, whole);
}

fn scan(h: &Harness, subs: &[String]) -> ScanOutcome {
    h.clock
        .run(Scanner::new(&h.client).with_sub_accounts(subs).scan())
}

#[test]
fn the_demo_with_its_sub_account() {
    let h = Harness::new(Scenario::Demo, 10);
    let outcome = h.scan_with_sub_accounts(&["DEMS"]);
    assert_eq!(outcome.subs.len(), 1);
    assert!(outcome.inventory.is_complete());
    assert_built_as_whole(&outcome);
}

#[test]
fn a_large_account_with_sub_accounts() {
    let scenario = Scenario::parse("large:dcs=3,servers=1000,groups=60,ips=200,subaccounts=2");
    let h = Harness::new(scenario.unwrap(), 10);
    let subs = h.sim.borrow().sub_account_aliases();
    let outcome = scan(&h, &subs);
    assert_eq!(outcome.subs.len(), 2);
    assert!(outcome.inventory.is_complete());
    assert_built_as_whole(&outcome);
}

#[test]
fn failed_parts_and_a_bad_record() {
    let h = Harness::new(Scenario::Demo, 10);
    let state = h.state();
    let root = |dc: &str| {
        state["dataCenters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == dc)
            .unwrap()["rootGroupId"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // One data center's tree and another's billing and networks fail.
    let down = |route: String| FaultRule {
        route: Some(route),
        method: None,
        times: None,
        fault: FaultKind::Status { status: 503 },
    };
    h.set_faults(Faults {
        rules: vec![
            down(format!("/v2/groups/*/{}", root("uc1"))),
            down(format!("/v2/groups/*/{}/billing", root("va1"))),
            down("/v2-experimental/networks/*/gb3".into()),
        ],
        ..Faults::default()
    });
    // And one server record of a tree that is read has no id.
    let victim = state["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["dataCenter"] != "uc1" && s["status"] == "active")
        .expect("a server outside UC1")["id"]
        .as_str()
        .unwrap()
        .to_string();
    *h.client.transport().rewrite_answer.borrow_mut() = Some(Box::new(move |request, answer| {
        if request.url.contains("serverDetail=detailed") {
            let mut tree: Value = serde_json::from_str(&answer.body).unwrap();
            if drop_server_id(&mut tree, &victim) {
                answer.body = tree.to_string();
            }
        }
    }));
    let outcome = h.scan_with_sub_accounts(&["DEMS"]);
    assert_eq!(outcome.failures.len(), 3, "{:?}", outcome.failures);
    assert_eq!(outcome.data.partly_read.len(), 1);
    assert_built_as_whole(&outcome);
}

#[test]
fn a_cancelled_scan() {
    let scenario = Scenario::parse("large:dcs=3,servers=1000,groups=60,ips=200,subaccounts=1");
    let h = Harness::new(scenario.unwrap(), 10);
    let subs = h.sim.borrow().sub_account_aliases();
    // Two reads at a time, so the trees are not all in flight when the scan is cancelled.
    let scanner = Scanner::new(&h.client)
        .with_sub_accounts(&subs)
        .with_concurrency(2);
    let cancel = scanner.cancel_handle();
    // Cancelled once the first group tree is in (the first answer with resources), while
    // another is in flight and the third not started.
    let scanner = scanner.on_progress(move |p| {
        if p.total.resources_found > 0 {
            cancel.cancel();
        }
    });
    let outcome = h.clock.run(scanner.scan());
    assert!(outcome.cancelled && outcome.inventory.cancelled);
    assert!(!outcome.not_started.is_empty());
    let data_centers = outcome
        .data
        .data_centers
        .as_ref()
        .expect("the data centers read");
    let trees = outcome.data.group_trees.len();
    assert!(
        trees > 0 && trees < data_centers.len(),
        "{trees} of {} trees read",
        data_centers.len()
    );
    assert_built_as_whole(&outcome);
}

#[test]
fn servers_read_one_by_one() {
    let h = Harness::new(Scenario::Demo, 10);
    h.set_faults(Faults {
        fail_server_detail: true,
        ..Faults::default()
    });
    let outcome = h.scan_with_sub_accounts(&["DEMS"]);
    assert!(!outcome.data.servers.is_empty());
    assert_built_as_whole(&outcome);
}
