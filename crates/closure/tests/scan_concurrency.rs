//! How the scanner schedules reads: never more than the limit in flight (observed by the
//! counting transport), each read issued as soon as its inputs are known (virtual wall time at
//! the dependency chain's floor), progress that adds up, and cancellation that stops new
//! requests at once and says what was not read.

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use clc_sim::Scenario;
use closure::{ProgressHandle, ScanProgress, Scanner};

use support::counts::assert_matches_simulator;
use support::Harness;

const LATENCY_MS: u64 = 100;

#[test]
fn never_more_reads_in_flight_than_the_limit() {
    for limit in [1, 2, 6, 16] {
        let h = Harness::new(Scenario::Demo, LATENCY_MS);
        let outcome = h
            .clock
            .run(Scanner::new(&h.client).with_concurrency(limit).scan());
        assert!(outcome.failures.is_empty());
        let max = h.traffic.borrow().max_in_flight;
        assert_eq!(
            max, limit,
            "limit {limit}: the limit is both respected and used"
        );
    }
}

#[test]
fn the_default_limit_is_six() {
    let h = Harness::new(Scenario::LARGE, LATENCY_MS);
    h.clock.run(Scanner::new(&h.client).scan());
    assert_eq!(h.traffic.borrow().max_in_flight, 6);
}

#[test]
fn with_room_for_everything_the_scan_takes_only_the_dependency_chain() {
    // The longest chains are three reads deep: data centers → networks → claimed addresses,
    // and backup account policies → server policies → stored data.
    let h = Harness::new(Scenario::Demo, LATENCY_MS);
    h.clock
        .run(Scanner::new(&h.client).with_concurrency(1000).scan());
    assert_eq!(h.elapsed_ms(), 3 * LATENCY_MS);

    let sequential = Harness::new(Scenario::Demo, LATENCY_MS);
    sequential
        .clock
        .run(Scanner::new(&sequential.client).with_concurrency(1).scan());
    assert_eq!(
        sequential.elapsed_ms(),
        sequential.requests_sent() as u64 * LATENCY_MS
    );
    assert!(sequential.elapsed_ms() > 10 * h.elapsed_ms());
}

#[test]
fn under_the_default_limit_no_slot_idles_while_work_is_known() {
    let h = Harness::new(
        Scenario::Large {
            dcs: 13,
            servers: 2_000,
            groups: 100,
            public_ips: 300,
            subaccounts: 0,
        },
        LATENCY_MS,
    );
    h.clock.run(Scanner::new(&h.client).scan());
    let requests = h.requests_sent() as u64;
    let floor = requests.div_ceil(6) * LATENCY_MS;
    assert!(h.elapsed_ms() >= floor);
    assert!(
        h.elapsed_ms() <= floor + 3 * LATENCY_MS,
        "{requests} requests took {} ms; a work-conserving schedule needs at most {} ms",
        h.elapsed_ms(),
        floor + 3 * LATENCY_MS
    );
}

#[test]
fn progress_counts_add_up_per_data_center() {
    let h = Harness::new(Scenario::Demo, LATENCY_MS);
    let seen: Rc<RefCell<Vec<ScanProgress>>> = Rc::default();
    let log = seen.clone();
    let handle = ProgressHandle::new();
    let scanner = Scanner::new(&h.client)
        .with_progress(handle.clone())
        .on_progress(move |p| log.borrow_mut().push(p.clone()));
    h.clock.run(scanner.scan());
    let seen = seen.borrow();
    assert!(seen.len() > 20);
    assert!(seen
        .iter()
        .all(|p| p.total.done <= p.total.known && p.in_flight <= 6));
    let last = handle.get();
    assert_eq!(
        &last,
        seen.last().unwrap(),
        "the polled value is the last one reported"
    );
    assert!(last.finished && !last.cancelled);
    assert_eq!(last.total.done, last.total.known);
    assert_eq!(
        last.total.done,
        h.requests_sent(),
        "one request per part in the demo account"
    );
    assert!(last.total.resources_found > 30);
    for dc in ["VA1", "UC1", "GB3"] {
        let counts = last.per_data_center[dc];
        assert!(
            counts.done >= 6 && counts.done == counts.known,
            "{dc}: {counts:?}"
        );
    }
}

#[test]
fn cancel_stops_new_requests_at_once_and_lists_what_was_not_read() {
    let h = Harness::new(Scenario::Demo, LATENCY_MS);
    let scanner = Scanner::new(&h.client);
    let cancel = scanner.cancel_handle();
    *h.client.transport().on_send.borrow_mut() = Some(Box::new(move |sent| {
        if sent == 12 {
            cancel.cancel();
        }
    }));
    let mut outcome = h.clock.run(scanner.scan());
    assert_eq!(
        h.requests_sent(),
        12,
        "no request after the one during which cancel was pressed"
    );
    assert!(outcome.cancelled && outcome.inventory.cancelled);
    assert!(!outcome.not_started.is_empty());
    assert!(outcome
        .inventory
        .unread
        .iter()
        .any(|u| u.reason.contains("cancelled")));
    assert!(scanner.progress().get().cancelled);

    *h.client.transport().on_send.borrow_mut() = None;
    let resumed = Scanner::new(&h.client);
    let failures = h.clock.run(resumed.rerun_unread(&mut outcome));
    assert!(failures.is_empty());
    assert!(
        outcome.inventory.is_complete(),
        "unread: {:?}",
        outcome.inventory.unread
    );
    assert_matches_simulator(&outcome.inventory, &h.state());
}

#[test]
fn a_cancel_from_the_progress_callback_ends_the_scan() {
    let h = Harness::new(Scenario::Demo, LATENCY_MS);
    let scanner = Scanner::new(&h.client);
    let cancel = scanner.cancel_handle();
    let scanner = scanner.on_progress(move |p| {
        if p.total.resources_found > 0 {
            cancel.cancel();
        }
    });
    let outcome = h.clock.run(scanner.scan());
    assert!(outcome.cancelled);
    assert!(h.requests_sent() < 20);
    assert!(!outcome.inventory.is_complete());
}
