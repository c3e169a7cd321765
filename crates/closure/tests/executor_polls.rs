//! Request counting: status polls go once per round to each distinct operation id, however many
//! steps (or servers) share it, so for N servers the polls are bounded by distinct operations ×
//! rounds, not by N. Each operation is polled at most every 2 s, backing off to 15 s.

mod support;
mod support_exec;

use std::collections::{BTreeMap, BTreeSet};

use clc_sim::Scenario;
use closure::inventory::ResourceKind;
use closure::journal::{Event, Journal};
use closure::{Executor, MemoryStore, RunOutcome};

use support::Harness;
use support_exec::{config, ip_account, scanned_plan, status_polls};

#[test]
fn polls_scale_with_distinct_operations_and_rounds_not_servers() {
    let scenario = Scenario::parse("large:dcs=2,servers=1000,groups=10,ips=50").unwrap();
    let h = Harness::new(scenario, 0);
    let (_, plan) = scanned_plan(&h);
    let servers = plan.removes_count(ResourceKind::Server);
    let store = MemoryStore::new();
    let executor = Executor::start(&h.client, store.clone(), plan, config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");

    let journal = Journal::open(store).unwrap();
    let operations: BTreeSet<String> = journal
        .entries()
        .iter()
        .filter_map(|e| match &e.event {
            Event::Accepted { tracking, .. } => tracking.operation_id().map(str::to_string),
            _ => None,
        })
        .collect();
    let polls = status_polls(&h);
    let rounds = executor.rounds() as usize;
    eprintln!(
        "{servers} servers, {} operations, {rounds} rounds, {polls} polls",
        operations.len()
    );
    assert!(servers >= 900, "{servers} servers");
    assert!(
        polls <= operations.len() * rounds,
        "{polls} polls, {} operations, {rounds} rounds",
        operations.len()
    );
    assert!(polls < servers / 4, "{polls} polls for {servers} servers");
    assert_eq!(polls as u64, executor.status_polls());
}

#[test]
fn each_operation_is_polled_no_more_than_every_two_seconds_backing_off_to_fifteen() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    h.sim.borrow_mut().set_queue_timing(clc_sim::QueueTiming {
        not_started_ms: 30_000,
        executing_ms: 30_000,
        jitter_ms: 0,
    });
    let executor = Executor::start(&h.client, MemoryStore::new(), plan, config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    let mut polls: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for (t, m, p, _) in h.traffic.borrow().log.iter() {
        if m == "GET" && p.contains("/operations/") && p.contains("/status/") {
            polls.entry(p.clone()).or_default().push(*t);
        }
    }
    assert!(!polls.is_empty());
    let mut all_gaps = BTreeSet::new();
    for (operation, times) in &polls {
        let gaps: Vec<u64> = times.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(
            gaps.iter().all(|g| (2_000..=15_000).contains(g)),
            "{operation}: {gaps:?}"
        );
        all_gaps.extend(gaps);
    }
    assert!(
        all_gaps.contains(&2_000) && all_gaps.contains(&15_000),
        "{all_gaps:?}"
    );
}

#[test]
fn the_final_check_does_not_read_again_what_a_re_read_of_the_run_found_gone() {
    // The public IPs alone (as when the servers are kept for their data): one step each.
    let (h, _, plan) = ip_account("large:dcs=2,servers=200,groups=4,ips=40", 0);
    let ips = plan.steps.len();
    assert!(ips >= 30, "{ips} public IPs");
    let store = MemoryStore::new();
    let executor = Executor::start(&h.client, store.clone(), plan, config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    let RunOutcome::Finished(ledger) = outcome else {
        panic!("{outcome:?}");
    };
    let removed_ips = ledger
        .removed
        .iter()
        .filter(|l| l.resource.kind == ResourceKind::PublicIp)
        .count();
    assert_eq!(removed_ips, ips);
    // Each public IP is read once, by the re-read that confirmed its delete, and not again at
    // the end: one GET per IP, as many as its DELETEs.
    let log = h.traffic.borrow().log.clone();
    let ip_reads = log
        .iter()
        .filter(|(_, m, p, _)| m == "GET" && p.contains("/publicIPAddresses/"))
        .count();
    let ip_deletes = log
        .iter()
        .filter(|(_, m, p, _)| m == "DELETE" && p.contains("/publicIPAddresses/"))
        .count();
    assert_eq!(ip_deletes, ips);
    assert_eq!(ip_reads, ips, "{ip_reads} reads of {ips} public IPs");
    let journal = Journal::open(store).unwrap();
    assert!(journal.entries().iter().any(|e| matches!(
        e.event,
        Event::Succeeded {
            how: closure::journal::Confirmation::Confirmed,
            ..
        }
    )));
}

#[test]
fn a_delete_sent_after_one_was_seen_gone_is_read_once_and_not_polled() {
    // 300 public IPs alone at 100 ms a request: sending them takes about five seconds, while
    // each waits four seconds in the queue.
    read_once_and_not_polled(100, 3_000);
}

#[test]
fn with_the_queue_s_time_learnt_closely_a_delete_is_still_read_once() {
    // At 10 ms a request the 300 deletes go out within a second, and the probes (spread over
    // one poll interval) see the first 5 s job done within a fraction of a second of its end:
    // a later delete's re-read must not come before its own job can have ended.
    read_once_and_not_polled(10, 4_000);
}

fn read_once_and_not_polled(latency_ms: u64, executing_ms: u64) {
    let (h, _, plan) = ip_account("large:dcs=2,servers=1000,groups=4,ips=300", latency_ms);
    h.sim.borrow_mut().set_queue_timing(clc_sim::QueueTiming {
        not_started_ms: 1_000,
        executing_ms,
        jitter_ms: 0,
    });
    let ips = plan.steps.len();
    assert!(ips >= 250, "{ips} public IPs");
    let store = MemoryStore::new();
    let executor = Executor::start(&h.client, store.clone(), plan, config("tab-1")).unwrap();
    h.traffic.borrow_mut().log.clear();
    let outcome = h.clock.run(executor.run()).unwrap();
    let RunOutcome::Finished(ledger) = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(ledger.removed.len(), ips);
    let log = h.traffic.borrow().log.clone();
    let count = |method: &str, part: &str| {
        log.iter()
            .filter(|(_, m, p, _)| m == method && p.contains(part))
            .count()
    };
    // Every delete is still verified by a read of its IP, once; only the first ones sent,
    // before any was seen gone, were polled.
    assert_eq!(count("DELETE", "/publicIPAddresses/"), ips);
    assert_eq!(count("GET", "/publicIPAddresses/"), ips);
    let polls = count("GET", "/status/");
    assert!(polls < ips / 5, "{polls} polls for {ips} public IPs");
    let journal = Journal::open(store).unwrap();
    let confirmed = journal
        .entries()
        .iter()
        .filter(|e| {
            matches!(
                e.event,
                Event::Succeeded {
                    how: closure::journal::Confirmation::Confirmed,
                    ..
                }
            )
        })
        .count();
    assert_eq!(confirmed, ips);
}
