//! The scanner under the simulator's injected faults: a failing `serverDetail=detailed` falls
//! back to per-server reads (so does one that never answers in time), a 429 storm is ridden out by the client's retries, and a data
//! center that fails leaves a partial inventory that lists the failure and is completed by
//! re-running just the failed parts.

mod support;

use clc_sim::{FaultKind, FaultRule, Faults, Scenario};
use closure::{Part, ResourceKind, Scanner};

use support::counts::assert_matches_simulator;
use support::Harness;

fn rule(route: &str, fault: FaultKind, times: Option<u32>) -> FaultRule {
    FaultRule {
        route: Some(route.into()),
        method: None,
        times,
        fault,
    }
}

#[test]
fn a_failing_detailed_group_read_falls_back_to_one_read_per_server() {
    let h = Harness::new(Scenario::Demo, 10);
    h.set_faults(Faults {
        fail_server_detail: true,
        ..Faults::default()
    });
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    let state = h.state();
    assert_matches_simulator(&outcome.inventory, &state);
    let server_reads = h
        .traffic
        .borrow()
        .log
        .iter()
        .filter(|(_, method, path, status)| {
            method == "GET" && path.starts_with("/v2/servers/") && *status == 200
        })
        .count();
    assert_eq!(server_reads, state["servers"].as_array().unwrap().len());
    assert_eq!(
        outcome.inventory.notes.len(),
        3,
        "one note per data center: {:?}",
        outcome.inventory.notes
    );
    assert!(outcome.inventory.notes[0].contains("one by one"));
}

#[test]
fn a_garbled_detailed_group_answer_also_falls_back() {
    let h = Harness::new(Scenario::Demo, 10);
    h.set_faults(Faults {
        rules: vec![rule("/v2/groups/*/*", FaultKind::Malformed, Some(1))],
        ..Faults::default()
    });
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    assert_eq!(outcome.inventory.notes.len(), 1);
    assert_matches_simulator(&outcome.inventory, &h.state());
}

#[test]
fn a_detailed_group_read_that_never_answers_in_time_also_falls_back() {
    let h = Harness::new(Scenario::Demo, 10);
    *h.client.transport().lose_request.borrow_mut() = Some(Box::new(|request| {
        request
            .url
            .contains("serverDetail=detailed")
            .then_some(clc::TransportError::TimedOut { after_ms: 20_000 })
    }));
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    assert_matches_simulator(&outcome.inventory, &h.state());
    assert!(outcome.inventory.notes[0].contains("one by one"));
}

#[test]
fn a_429_storm_is_retried_and_the_scan_completes() {
    let h = Harness::new(Scenario::Demo, 10);
    let storm = FaultRule {
        route: None,
        method: None,
        times: Some(24),
        fault: FaultKind::RateLimit { retry_after_s: 2 },
    };
    h.set_faults(Faults {
        rules: vec![storm],
        ..Faults::default()
    });
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    let throttled = h
        .traffic
        .borrow()
        .log
        .iter()
        .filter(|(.., status)| *status == 429)
        .count();
    assert_eq!(throttled, 24);
    assert!(
        h.elapsed_ms() >= 2_000,
        "the client waited as Retry-After asked"
    );
    assert_matches_simulator(&outcome.inventory, &h.state());
}

#[test]
fn a_failing_data_center_leaves_a_partial_inventory_that_rerunning_its_parts_completes() {
    let h = Harness::new(Scenario::Demo, 10);
    let state = h.state();
    let uc1_root = state["dataCenters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "uc1")
        .unwrap()["rootGroupId"]
        .as_str()
        .unwrap()
        .to_string();
    let down = FaultKind::Status { status: 503 };
    let routes = [
        format!("/v2/groups/*/{uc1_root}"),
        format!("/v2/groups/*/{uc1_root}/billing"),
        "/v2-experimental/networks/*/uc1".into(),
        "/v2-experimental/firewallPolicies/*/uc1".into(),
        "/v2-experimental/crossDcFirewallPolicies/*/uc1".into(),
        "/v2/sharedLoadBalancers/*/uc1".into(),
    ];
    h.set_faults(Faults {
        rules: routes.iter().map(|r| rule(r, down.clone(), None)).collect(),
        ..Faults::default()
    });
    let scanner = Scanner::new(&h.client);
    let mut outcome = h.clock.run(scanner.scan());

    assert_eq!(outcome.failures.len(), 6, "{:?}", outcome.failures);
    assert!(outcome
        .failures
        .iter()
        .all(|f| f.data_center.as_deref() == Some("UC1")));
    assert!(outcome.failures.iter().all(|f| f.error.is_transient()));
    assert!(outcome
        .failures
        .iter()
        .any(|f| matches!(f.part, Part::GroupTreeWithoutDetail { .. })));
    let inventory = &outcome.inventory;
    assert!(!inventory.is_complete());
    assert!(inventory.may_be_incomplete(ResourceKind::Server, Some("UC1")));
    assert!(!inventory.may_be_incomplete(ResourceKind::Server, Some("VA1")));
    assert_eq!(inventory.unread.len(), 6);
    assert!(inventory
        .unread
        .iter()
        .all(|u| u.reason.contains("problem answering")));
    assert!(inventory
        .resources
        .iter()
        .any(|r| r.data_center.as_deref() == Some("VA1")));
    assert!(!inventory
        .of_kind(ResourceKind::Server)
        .any(|r| r.data_center.as_deref() == Some("UC1")));
    let by_dc = closure::cost::by_data_center(inventory);
    let uc1 = by_dc
        .iter()
        .find(|s| s.data_center.as_deref() == Some("UC1"));
    assert!(uc1.is_none_or(|s| s.totals.incomplete));

    h.set_faults(Faults::default());
    let before = h.requests_sent();
    for failure in outcome.failures.clone() {
        let again = h.clock.run(scanner.rerun(&mut outcome, &failure.part));
        assert!(again.is_empty(), "{again:?}");
    }
    let log = h.traffic.borrow().log[before..].to_vec();
    assert!(
        log.iter()
            .all(|(_, _, path, _)| path.contains("uc1") || path.contains(&uc1_root)),
        "re-running touched only UC1: {log:?}"
    );
    assert!(outcome.failures.is_empty());
    assert!(outcome.inventory.is_complete());
    assert_matches_simulator(&outcome.inventory, &h.state());
}
