//! The scanner against the in-process simulator: every resource of the `demo` and `large`
//! accounts is found, with the same counts as the simulator's own state dump, and nothing is
//! reported unread.

mod support;

use std::time::Instant;

use clc_sim::Scenario;
use closure::scan::AntiAffinity;
use closure::{ResourceKind, ScanOptions, Scanner};

use support::counts::assert_matches_simulator;
use support::Harness;

#[test]
fn demo_scan_finds_every_resource_the_simulator_holds() {
    let h = Harness::new(Scenario::Demo, 20);
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert!(
        outcome.failures.is_empty(),
        "failures: {:?}",
        outcome.failures
    );
    assert!(outcome.inventory.is_complete());
    assert!(!outcome.cancelled);
    assert_matches_simulator(&outcome.inventory, &h.state());
    assert!(
        outcome.inventory.last_invoice.is_some(),
        "last month's invoice is read"
    );
}

#[test]
fn demo_scan_reports_anti_affinity_as_retired_not_as_a_failure() {
    let h = Harness::new(Scenario::Demo, 0);
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert_eq!(
        outcome.data.anti_affinity,
        Some(closure::scan::AntiAffinity::Retired)
    );
    assert_eq!(outcome.inventory.count(ResourceKind::AntiAffinityPolicy), 0);
    assert!(outcome.failures.is_empty());
}

#[test]
fn a_retired_anti_affinity_api_is_asked_once_per_session() {
    let h = Harness::new(Scenario::Demo, 0);
    let asks = |h: &Harness| {
        h.traffic
            .borrow()
            .log
            .iter()
            .filter(|(_, _, path, _)| path.to_ascii_lowercase().contains("antiaffinitypolicies"))
            .count()
    };
    let first = h.clock.run(Scanner::new(&h.client).scan());
    assert_eq!(asks(&h), 1);
    // The app remembers the 404 for the session and says so to every later scan.
    let options = ScanOptions {
        anti_affinity_retired: first.data.anti_affinity == Some(AntiAffinity::Retired),
        ..ScanOptions::default()
    };
    let again = h
        .clock
        .run(Scanner::new(&h.client).with_options(options).scan());
    assert_eq!(asks(&h), 1, "not asked again");
    assert_eq!(again.data.anti_affinity, Some(AntiAffinity::Retired));
    assert!(again.failures.is_empty() && again.inventory.is_complete());
    assert_eq!(again.inventory.resources, first.inventory.resources);
}

#[test]
fn large_scan_of_13_data_centers_and_10000_servers_matches_the_simulator() {
    let started = Instant::now();
    let h = Harness::new(Scenario::LARGE, 20);
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert!(
        outcome.failures.is_empty(),
        "failures: {:?}",
        outcome.failures
    );
    let state = h.state();
    assert_eq!(state["counts"]["servers"], 10_000);
    assert_matches_simulator(&outcome.inventory, &state);
    eprintln!(
        "large scan: {} requests, {:?} real time",
        h.requests_sent(),
        started.elapsed()
    );
}
