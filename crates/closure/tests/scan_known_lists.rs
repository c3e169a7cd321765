//! A data-center list the sign-in has just read is taken by the scan right after it as that
//! alias's answer (`Scanner::with_data_centers`), so the scan does not ask again: one read, and
//! one round trip before the per-data-center reads, less. What the scan finds is the same.

mod support;

use clc_sim::Scenario;
use closure::{Part, ScanOutcome, Scanner};

use support::Harness;

const LATENCY_MS: u64 = 50;

fn scenario() -> Scenario {
    Scenario::parse("large:dcs=3,servers=60,subaccounts=2").unwrap()
}

/// The data-center reads in the simulator's log.
fn data_center_reads(h: &Harness) -> Vec<String> {
    h.traffic
        .borrow()
        .log
        .iter()
        .filter(|(_, _, path, _)| path.starts_with("/v2/datacenters/"))
        .map(|(_, _, path, _)| path.clone())
        .collect()
}

fn scan(
    h: &Harness,
    subs: &[String],
    lists: Vec<(String, Vec<clc::models::DataCenter>)>,
) -> ScanOutcome {
    h.clock.run(
        Scanner::new(&h.client)
            .with_sub_accounts(subs)
            .with_data_centers(lists)
            .scan(),
    )
}

#[test]
fn a_list_read_at_sign_in_is_not_read_again_and_the_scan_finds_the_same() {
    let plain = Harness::new(scenario(), LATENCY_MS);
    let subs = plain.sim.borrow().sub_account_aliases();
    let expected = scan(&plain, &subs, Vec::new());
    assert!(!expected.has_unread(), "{:?}", expected.inventory.unread);
    assert_eq!(data_center_reads(&plain).len(), 3, "one per alias");

    let h = Harness::new(scenario(), LATENCY_MS);
    // As the sign-in reads them: the parent's list, and (its checks) each sub-account's, in
    // lower case as a customer may type them.
    let mut lists = Vec::new();
    for alias in std::iter::once(h.client.session().unwrap().alias.clone()).chain(subs.clone()) {
        let list = h.clock.run(h.client.datacenters(&alias)).unwrap();
        lists.push((alias.to_ascii_lowercase(), list));
    }
    let (sent_before, started_ms) = (h.requests_sent(), h.elapsed_ms());
    let outcome = scan(&h, &subs, lists);
    assert_eq!(
        data_center_reads(&h).len(),
        3,
        "only the sign-in's reads: {:?}",
        data_center_reads(&h)
    );
    assert_eq!(h.requests_sent() - sent_before, plain.requests_sent() - 3);
    assert!(h.elapsed_ms() - started_ms <= plain.elapsed_ms());
    // The same inventory, data and progress: the list is merged as its answer would be.
    assert_eq!(outcome.inventory, expected.inventory);
    assert_eq!(outcome.data, expected.data);
    assert_eq!(outcome.subs, expected.subs);
    assert!(!outcome.has_unread());
}

#[test]
fn an_alias_without_a_list_reads_its_own_and_a_rescan_reads_every_list() {
    let h = Harness::new(scenario(), LATENCY_MS);
    let subs = h.sim.borrow().sub_account_aliases();
    let parent = h.client.session().unwrap().alias.clone();
    let list = h.clock.run(h.client.datacenters(&parent)).unwrap();
    let outcome = scan(&h, &subs, vec![(parent.clone(), list)]);
    assert!(!outcome.has_unread(), "{:?}", outcome.inventory.unread);
    let reads = data_center_reads(&h);
    assert_eq!(reads.len(), 1 + subs.len(), "{reads:?}");
    for sub in &subs {
        assert_eq!(
            reads.iter().filter(|p| p.contains(sub.as_str())).count(),
            1,
            "{sub} read its own list: {reads:?}"
        );
    }
    // A scanner given no list reads every alias's, as before.
    let again = scan(&h, &subs, Vec::new());
    assert_eq!(data_center_reads(&h).len(), reads.len() + 1 + subs.len());
    assert_eq!(again.inventory, outcome.inventory);
}

#[test]
fn a_known_list_counts_as_a_part_done_in_the_progress() {
    let h = Harness::new(Scenario::Demo, LATENCY_MS);
    let parent = h.client.session().unwrap().alias.clone();
    let list = h.clock.run(h.client.datacenters(&parent)).unwrap();
    let scanner = Scanner::new(&h.client).with_data_centers(vec![(parent, list)]);
    let progress = scanner.progress();
    let outcome = h.clock.run(scanner.scan());
    assert!(!outcome.has_unread());
    let p = progress.get();
    assert!(p.finished);
    assert_eq!(p.total.done, p.total.known);
    // Every read the scan sent, and the list read before it (the only other request).
    assert_eq!(p.total.done, h.requests_sent());
    assert!(outcome.not_started.is_empty());
    assert!(!outcome.failures.iter().any(|f| f.part == Part::DataCenters));
}
