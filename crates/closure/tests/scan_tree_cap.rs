//! The detailed group trees (about 1.6 MB each for a large data center) are read at most three
//! at a time: the small reads take the other slots meanwhile, so the trees arrive spread over
//! the scan. A capped queue still reads every part; a tree that fails (falling back to the
//! plain tree, or left unread) frees its slot for the next, and what stays unread says so.

mod support;

use clc_sim::{FaultKind, FaultRule, Faults, Scenario};
use closure::{Part, Scanner};

use support::counts::assert_matches_simulator;
use support::Harness;

const LATENCY_MS: u64 = 50;

fn thirteen_data_centers() -> Scenario {
    Scenario::parse("large:dcs=13,servers=1300,groups=60,ips=200").unwrap()
}

fn detailed(path: &str) -> bool {
    path.starts_with("/v2/groups/") && path.contains("serverDetail=detailed")
}

/// The most detailed tree reads in flight at once, every read taking `LATENCY_MS` (the
/// simulator answers at once on the virtual clock).
fn most_trees_at_once(h: &Harness) -> usize {
    let sent: Vec<u64> = h
        .traffic
        .borrow()
        .log
        .iter()
        .filter(|(_, _, path, _)| detailed(path))
        .map(|(at, _, _, _)| *at)
        .collect();
    sent.iter()
        .map(|t| {
            sent.iter()
                .filter(|s| **s <= *t && *t < **s + LATENCY_MS)
                .count()
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn at_most_three_trees_are_read_at_once_and_every_part_is_still_read() {
    let h = Harness::new(thirteen_data_centers(), LATENCY_MS);
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert!(!outcome.has_unread(), "{:?}", outcome.inventory.unread);
    assert_matches_simulator(&outcome.inventory, &h.state());
    assert_eq!(outcome.data.group_trees.len(), 13);
    assert_eq!(most_trees_at_once(&h), 3);
    // The other slots were not left empty: six reads in flight at the busiest.
    assert_eq!(h.traffic.borrow().max_in_flight, 6);
}

#[test]
fn trees_that_never_answer_free_their_slots_for_the_plain_trees() {
    let h = Harness::new(thirteen_data_centers(), LATENCY_MS);
    *h.client.transport().lose_request.borrow_mut() = Some(Box::new(|request| {
        detailed_url(&request.url).then_some(clc::TransportError::TimedOut { after_ms: 20_000 })
    }));
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    assert!(!outcome.has_unread(), "{:?}", outcome.inventory.unread);
    assert_matches_simulator(&outcome.inventory, &h.state());
    assert_eq!(
        outcome.inventory.notes.len(),
        13,
        "one fallback per data center"
    );
}

#[test]
fn refused_trees_free_their_slots_and_each_shows_as_unread() {
    let h = Harness::new(thirteen_data_centers(), LATENCY_MS);
    h.set_faults(Faults {
        rules: vec![FaultRule {
            route: Some("/v2/groups/*/*".into()),
            method: Some("GET".into()),
            times: None,
            fault: FaultKind::Status { status: 403 },
        }],
        ..Faults::default()
    });
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert!(!outcome.cancelled);
    assert!(outcome.not_started.is_empty(), "{:?}", outcome.not_started);
    let unread_trees: Vec<&Part> = outcome
        .inventory
        .unread
        .iter()
        .map(|u| &u.part)
        .filter(|p| matches!(p, Part::GroupTree { .. }))
        .collect();
    assert_eq!(unread_trees.len(), 13, "{:?}", outcome.inventory.unread);
    assert_eq!(outcome.failures.len(), 13, "{:?}", outcome.failures);
    // Everything else was read.
    assert!(
        outcome.data.networks.len() == 13,
        "{:?}",
        outcome.data.networks.keys()
    );
}

fn detailed_url(url: &str) -> bool {
    url.contains("serverDetail=detailed")
}
