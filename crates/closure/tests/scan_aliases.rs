//! A scan of a parent with sub-accounts reads every alias at the same time, under one limit, on
//! the in-process simulator and a virtual clock:
//! - the limit is never exceeded, and the aliases share the slots (the scan takes about the
//!   floor of all its reads, not one alias's tail after another);
//! - an alias that cannot be read is reported for that alias alone, the others are whole;
//! - the sub-accounts' results keep the order they were listed in, and the same scan gives the
//!   same outcome;
//! - a large answer (a detailed group tree) is decoded with the next read already on the wire.

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use clc_sim::{FaultKind, FaultRule, Faults, Scenario};
use closure::{Part, ResourceKind, ScanOutcome, Scanner};

use support::Harness;

const LATENCY_MS: u64 = 100;

fn scenario() -> Scenario {
    Scenario::parse("large:dcs=2,servers=40,subaccounts=3").unwrap()
}

fn scan(h: &Harness, subs: &[String], limit: usize) -> ScanOutcome {
    h.clock.run(
        Scanner::new(&h.client)
            .with_sub_accounts(subs)
            .with_concurrency(limit)
            .scan(),
    )
}

#[test]
fn the_aliases_share_one_limit_and_never_exceed_it() {
    for limit in [1, 2, 6] {
        let h = Harness::new(scenario(), LATENCY_MS);
        let subs = h.sim.borrow().sub_account_aliases();
        let outcome = scan(&h, &subs, limit);
        assert!(!outcome.has_unread(), "{:?}", outcome.inventory.unread);
        assert_eq!(h.traffic.borrow().max_in_flight, limit, "limit {limit}");
    }
}

#[test]
fn the_aliases_are_read_at_the_same_time_so_no_slot_idles_while_work_is_known() {
    let h = Harness::new(scenario(), LATENCY_MS);
    let subs = h.sim.borrow().sub_account_aliases();
    let outcome = scan(&h, &subs, 6);
    // Every alias's first read (its data centers, the start of its longest chain) is among
    // the first six sent, not after the parent's last one.
    let log = h.traffic.borrow().log.clone();
    for alias in outcome.aliases() {
        let first = log
            .iter()
            .position(|(_, _, path, _)| path.starts_with(&format!("/v2/datacenters/{alias}")))
            .unwrap_or_else(|| panic!("{alias}'s data centers were read"));
        assert!(
            first < 6,
            "{alias}'s data centers were read {}th",
            first + 1
        );
    }
    let requests = h.requests_sent() as u64;
    let floor = requests.div_ceil(6) * LATENCY_MS;
    // One alias after another, each would end on its own chain of reads (data centers, then
    // groups or networks, then what those unlock) with slots idle.
    assert!(
        h.elapsed_ms() <= floor + 3 * LATENCY_MS,
        "{requests} requests took {} ms; a work-conserving schedule needs at most {} ms",
        h.elapsed_ms(),
        floor + 3 * LATENCY_MS
    );
}

/// `failing`'s data-center list refused; every read of `slow` half a second slower.
fn failing_and_slow(failing: &str, slow: &str) -> Faults {
    Faults {
        rules: vec![
            FaultRule {
                route: Some(format!("/v2/datacenters/{failing}")),
                method: Some("GET".into()),
                times: None,
                fault: FaultKind::Status { status: 403 },
            },
            FaultRule {
                route: Some(format!("/v2/*/{slow}/**")),
                method: Some("GET".into()),
                times: None,
                fault: FaultKind::Latency {
                    ms: 500,
                    jitter_ms: 0,
                },
            },
        ],
        ..Faults::default()
    }
}

#[test]
fn an_alias_that_cannot_be_read_is_reported_for_it_alone_and_the_order_is_the_listed_one() {
    let h = Harness::new(scenario(), LATENCY_MS);
    let mut subs = h.sim.borrow().sub_account_aliases();
    // Listed out of order, the failing one first, and the last one slowed down so that it
    // finishes after the others.
    subs.reverse();
    let (failing, slow) = (subs[0].clone(), subs[2].clone());
    h.set_faults(failing_and_slow(&failing, &slow));
    let outcome = scan(&h, &subs, 6);
    let parent = outcome.data.account.clone();
    let mut listed = vec![parent.clone()];
    listed.extend(subs.iter().cloned());
    assert_eq!(outcome.aliases(), listed, "the parent, then as listed");
    // The failing alias: its data-center list failed, and nothing else of it is missing.
    let failed = &outcome.subs[0];
    assert_eq!(failed.data.account, failing);
    assert_eq!(failed.failures.len(), 1, "{:?}", failed.failures);
    assert_eq!(failed.failures[0].part, Part::DataCenters);
    assert_eq!(failed.failures[0].error, clc::Error::Forbidden);
    let unread = &outcome.inventory.unread;
    assert!(!unread.is_empty());
    assert!(
        unread.iter().all(|u| u.account == failing),
        "only {failing} has unread parts: {unread:?}"
    );
    // Every other alias was read whole, the slow one included.
    assert!(outcome.failures.is_empty() && outcome.not_started.is_empty());
    for sub in &outcome.subs[1..] {
        assert!(
            !sub.has_unread(),
            "{}: {:?}",
            sub.data.account,
            sub.failures
        );
    }
    for alias in [&parent, &subs[1], &slow] {
        assert!(
            outcome
                .inventory
                .of_kind(ResourceKind::Server)
                .any(|r| &r.account == alias),
            "{alias} has its servers"
        );
    }
    // The same scan again gives the same outcome.
    let again = Harness::new(scenario(), LATENCY_MS);
    again.set_faults(failing_and_slow(&failing, &slow));
    assert_eq!(scan(&again, &subs, 6), outcome);
}

#[test]
fn rerunning_what_was_unread_reads_every_alias_again_in_one_run() {
    let h = Harness::new(scenario(), LATENCY_MS);
    let subs = h.sim.borrow().sub_account_aliases();
    h.set_faults(Faults {
        rules: subs[1..]
            .iter()
            .map(|alias| FaultRule {
                route: Some(format!("/v2/alertPolicies/{alias}")),
                method: Some("GET".into()),
                times: None,
                fault: FaultKind::Status { status: 403 },
            })
            .collect(),
        ..Faults::default()
    });
    let scanner = Scanner::new(&h.client).with_sub_accounts(&subs);
    let mut outcome = h.clock.run(scanner.scan());
    let unread: Vec<&str> = outcome
        .inventory
        .unread
        .iter()
        .map(|u| u.account.as_str())
        .collect();
    assert_eq!(unread, [&subs[1], &subs[2]]);
    h.set_faults(Faults::default());
    let before = h.requests_sent();
    let failures = h.clock.run(scanner.rerun_unread(&mut outcome));
    assert!(failures.is_empty(), "{failures:?}");
    assert!(!outcome.has_unread());
    assert!(outcome.inventory.is_complete());
    assert_eq!(h.requests_sent() - before, 2, "only the two unread parts");
    for sub in &outcome.subs[1..] {
        assert!(sub.data.alert_policies.is_some(), "{}", sub.data.account);
    }
}

/// With one read at a time, the answer of each detailed group read is taken in (its servers
/// found) only once the next read has been sent: decoding it overlaps that read.
#[test]
fn a_detailed_group_answer_is_decoded_with_the_next_read_on_the_wire() {
    let h = Harness::new(Scenario::Demo, LATENCY_MS);
    // At each change of the reads done: how many requests had been sent.
    let sent_when_done: Rc<RefCell<Vec<usize>>> = Rc::default();
    let (log, traffic) = (sent_when_done.clone(), h.traffic.clone());
    let scanner = Scanner::new(&h.client)
        .with_concurrency(1)
        .on_progress(move |p| {
            let mut log = log.borrow_mut();
            if p.total.done > log.len() {
                log.push(traffic.borrow().sent);
            }
        });
    let outcome = h.clock.run(scanner.scan());
    assert!(!outcome.has_unread(), "{:?}", outcome.inventory.unread);
    let traffic = h.traffic.borrow();
    let sent_when_done = sent_when_done.borrow();
    assert_eq!(sent_when_done.len(), traffic.sent, "one read per part");
    let mut trees = 0;
    for (i, (_, _, path, _)) in traffic.log.iter().enumerate() {
        let detailed = path.starts_with("/v2/groups/") && path.contains("serverDetail=detailed");
        let last = i + 1 == traffic.log.len();
        if detailed && !last {
            trees += 1;
            assert_eq!(
                sent_when_done[i],
                i + 2,
                "{path}: the next read was sent first"
            );
        } else if !detailed {
            assert_eq!(sent_when_done[i], i + 1, "{path}: taken in at once");
        }
    }
    assert_eq!(trees, 3, "one detailed tree per data center of the demo");
}

/// Answers that wait to be decoded each hold their whole text (a detailed tree of a large data
/// center is about 1.6 MB, and the page's memory never shrinks): with many trees arriving
/// together, no more than two wait at once; the rest stay unread on the wire until then.
#[test]
fn no_more_than_two_large_answers_wait_to_be_decoded() {
    let h = Harness::new(
        Scenario::parse("large:dcs=6,servers=60,subaccounts=2").unwrap(),
        LATENCY_MS,
    );
    let subs = h.sim.borrow().sub_account_aliases();
    // (answers taken off the wire so far, the last in-flight count seen, the most waiting)
    let seen = Rc::new(RefCell::new((0usize, 0usize, 0usize)));
    let log = seen.clone();
    let scanner = Scanner::new(&h.client)
        .with_sub_accounts(&subs)
        .with_concurrency(6)
        .on_progress(move |p| {
            let (taken, last, most) = &mut *log.borrow_mut();
            *taken += last.saturating_sub(p.in_flight);
            *last = p.in_flight;
            // Answers off the wire but not yet in the inventory (`done` counts the failed too).
            let waiting = taken.saturating_sub(p.total.done);
            *most = (*most).max(waiting);
        });
    let outcome = h.clock.run(scanner.scan());
    assert!(!outcome.has_unread(), "{:?}", outcome.inventory.unread);
    let most = seen.borrow().2;
    assert_eq!(most, 2, "answers waiting to be decoded at once, at most");
}
