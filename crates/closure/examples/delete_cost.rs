//! The bench's 10,000-server deletion (`bench/bench.js`, row `delete-large`), natively on the
//! in-process simulator and a virtual clock: the same account and plan (the billable resources,
//! servers held back for their data), 50 ms per request, the executor driven as the page drives
//! it. Prints the executor's requests by kind (the page adds reads of its own, not counted
//! here), the virtual time from `Executor::start` to the verified ledger, the requests in
//! flight on average (and most at once), and how long 0..=6 (and more) requests were in
//! flight. Counts and virtual times repeat from run to run (no page, no machine noise):
//!
//! ```text
//! cargo run --release -p closure --example delete_cost [SCENARIO]
//! ```

#[path = "../tests/support/mod.rs"]
mod support;

use clc_sim::Scenario;
use closure::plan::Selection;
use closure::{Executor, ExecutorConfig, MemoryStore, Plan, RunOutcome, Scanner};

/// The bench's deletion row account (`xtask/src/bench.rs`).
const ACCOUNT: &str = "large:dcs=13,servers=10000,groups=600,ips=2000";
const LATENCY_MS: u64 = 50;

fn main() {
    let account = std::env::args().nth(1).unwrap_or_else(|| ACCOUNT.into());
    let scenario = Scenario::parse(&account).expect("a simulator scenario");
    let h = support::Harness::new(scenario, LATENCY_MS);
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    let plan = Plan::build(&outcome.inventory, &Selection::billable());
    let (start_ms, first_request) = (h.elapsed_ms(), h.traffic.borrow().log.len());
    h.traffic.borrow_mut().max_in_flight = 0;
    let executor = Executor::start(
        &h.client,
        MemoryStore::new(),
        plan,
        ExecutorConfig::default(),
    )
    .unwrap();
    let outcome = h.clock.run(executor.drive()).unwrap();
    let elapsed = h.elapsed_ms() - start_ms;
    let RunOutcome::Finished(ledger) = outcome else {
        panic!("the run did not finish: {outcome:?}");
    };
    let traffic = h.traffic.borrow();
    let log = &traffic.log[first_request..];
    let (mut deletes, mut polls, mut reads) = (0, 0, 0);
    // Simulator times: a request is handled when it is sent and answered LATENCY_MS later.
    let mut edges: Vec<(u64, i64)> = Vec::new();
    for (at, method, path, _) in log {
        // As `bench/bench.js` counts them: a DELETE, or a POST to a `/release` path.
        let release = method == "POST" && path.to_ascii_lowercase().ends_with("/release");
        if method == "DELETE" || release {
            deletes += 1;
        } else if path.contains("/operations/") && path.contains("/status/") {
            polls += 1;
        } else {
            reads += 1;
        }
        edges.push((*at, 1));
        edges.push((at + LATENCY_MS, -1));
    }
    edges.sort();
    // 0..=6 requests in flight, and more than six in the last.
    let mut at_level = [0u64; 8];
    let (mut level, mut last) = (0i64, edges.first().map_or(0, |e| e.0));
    for (at, change) in edges {
        at_level[(level as usize).min(7)] += at - last;
        level += change;
        last = at;
    }
    let busy_ms = log.len() as u64 * LATENCY_MS;
    println!(
        "{} steps removed; {} requests: {deletes} deletes, {polls} status polls, {reads} other \
         reads",
        ledger.removed.len(),
        log.len()
    );
    println!(
        "{elapsed} virtual ms from Executor::start to the ledger; {:.2} in flight on average, {} at most",
        busy_ms as f64 / elapsed as f64,
        traffic.max_in_flight
    );
    let mut levels: Vec<String> = (0..=6)
        .map(|n| format!("{n}: {} ms", at_level[n]))
        .collect();
    levels.push(format!("more: {} ms", at_level[7]));
    println!("time by requests in flight: {}", levels.join(", "));
}
