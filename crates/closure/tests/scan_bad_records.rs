//! One malformed server record in a detailed group tree costs only itself: the scan keeps every
//! other server of the data center, names the bad record in an `Unread` entry (so the kind is
//! never presented as complete there), and a re-read once the record is whole completes it.

mod support;

use clc_sim::Scenario;
use closure::{Part, ResourceKind as K, Scanner};
use serde_json::Value;

use support::counts::{assert_matches_simulator, count_pairs};
use support::{drop_server_id, Harness};

#[test]
fn a_server_record_without_id_leaves_the_others_read_and_the_data_center_partly_read() {
    let h = Harness::new(Scenario::Demo, 10);
    let state = h.state();
    // An active server with no public IP or snapshot: only the server itself goes unread.
    let victim = state["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["status"] == "active"
                && s["isTemplate"] != true
                && s["publicIps"].as_array().is_some_and(Vec::is_empty)
                && s["snapshots"].as_array().is_some_and(Vec::is_empty)
        })
        .expect("the demo has a plain active server")
        .clone();
    let id = victim["id"].as_str().unwrap().to_string();
    let name = victim["name"].as_str().unwrap().to_string();
    let dc = victim["dataCenter"].as_str().unwrap().to_ascii_uppercase();
    let malformed = id.clone();
    *h.client.transport().rewrite_answer.borrow_mut() = Some(Box::new(move |request, answer| {
        if request.url.contains("serverDetail=detailed") {
            let mut tree: Value = serde_json::from_str(&answer.body).unwrap();
            if drop_server_id(&mut tree, &malformed) {
                answer.body = tree.to_string();
            }
        }
    }));

    let scanner = Scanner::new(&h.client);
    let mut outcome = h.clock.run(scanner.scan());

    assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    assert!(outcome.has_unread());
    let inventory = &outcome.inventory;
    // Every other server is there; only the malformed one is not.
    for (kind, found, simulated) in count_pairs(inventory, &state) {
        let expected = if kind == K::Server {
            simulated - 1
        } else {
            simulated
        };
        assert_eq!(found, expected, "{kind:?}");
    }
    assert!(!inventory.of_kind(K::Server).any(|r| r.name == name));
    // One unread entry, for that data center's group tree, naming the bad record.
    assert_eq!(inventory.unread.len(), 1, "{:?}", inventory.unread);
    let unread = &inventory.unread[0];
    assert!(matches!(unread.part, Part::GroupTree { .. }), "{unread:?}");
    assert_eq!(unread.data_center.as_deref(), Some(dc.as_str()));
    assert!(
        unread.reason.starts_with(&format!(
            "1 server of {dc} could not be read: server record "
        )),
        "{}",
        unread.reason
    );
    assert!(
        unread.reason.contains(&format!("('{name}') in group '")),
        "{}",
        unread.reason
    );
    assert!(unread.reason.contains("' has no id."), "{}", unread.reason);
    // So nothing treats that data center's servers as all found.
    assert!(!inventory.is_complete());
    assert!(inventory.may_be_incomplete(K::Server, Some(&dc)));
    let other_dc = inventory
        .data_centers()
        .into_iter()
        .find(|d| *d != dc)
        .expect("the demo has several data centers");
    assert!(!inventory.may_be_incomplete(K::Server, Some(&other_dc)));
    let by_dc = closure::cost::by_data_center(inventory);
    let totals = by_dc
        .iter()
        .find(|s| s.data_center.as_deref() == Some(dc.as_str()))
        .expect("the data center's costs");
    assert!(totals.totals.incomplete);

    // Once the service answers the record whole, re-reading the unread parts completes the scan.
    *h.client.transport().rewrite_answer.borrow_mut() = None;
    let again = h.clock.run(scanner.rerun_unread(&mut outcome));
    assert!(again.is_empty(), "{again:?}");
    assert!(!outcome.has_unread());
    assert!(outcome.inventory.is_complete());
    assert_matches_simulator(&outcome.inventory, &h.state());
}
