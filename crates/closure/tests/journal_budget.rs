//! A 10,000-server account's deletion journal fits in the browser's storage, and so does a
//! 10,000-step run's: the records the journal writes for whole runs of their plans (the bench's, which holds the servers' data back,
//! and everything that bills), counted the way the page stores them (one key per record, and the
//! head), stay under 5,000,000 characters, and read back as the same run.

mod support;
mod support_exec;

use clc_sim::Scenario;
use closure::plan::Selection;
use closure::{Journal, MemoryStore, Plan, RunOutcome};

use support::Harness;
use support_exec::run_in_one_tab;

/// What a browser holds for a page (about 5 MiB of characters): the journal's budget.
const BUDGET_CHARS: usize = 5_000_000;

/// Characters as localStorage counts them (UTF-16 units), keys included: the page's layout in
/// `src/services/journal_store.rs`.
fn stored_chars(records: &[String], alias: &str) -> usize {
    let head = format!("offboard.journal.{alias}");
    let head_value = format!(
        r#"{{"schema":"offboard.journal","version":1,"count":{}}}"#,
        records.len()
    );
    let records: usize = records
        .iter()
        .enumerate()
        .map(|(i, r)| format!("{head}.{i}").len() + r.encode_utf16().count())
        .sum();
    head.len() + head_value.len() + records
}

#[test]
fn a_ten_thousand_server_runs_journal_fits_in_the_browsers_storage() {
    runs_fit("large:dcs=13,servers=10000,groups=600,ips=2000", 2_000);
}

#[test]
fn a_ten_thousand_step_runs_journal_fits_in_the_browsers_storage() {
    // 10,000 public IPs beside the servers: one step each.
    runs_fit("large:dcs=13,servers=10000,groups=600,ips=10000", 10_000);
}

/// Runs the plans of `account` to the end (the bench's, which holds the servers' data back,
/// then everything that bills), the first having at least `steps` steps, and checks what the
/// journal stored.
fn runs_fit(account: &str, steps: usize) {
    let h = Harness::new(Scenario::parse(account).unwrap(), 0);
    let scanned = h.clock.run(closure::Scanner::new(&h.client).scan());
    assert!(scanned.failures.is_empty(), "{:?}", scanned.failures);
    let alias = h.sim.borrow().scenario().alias().to_string();
    // The bench's plan first (servers held back: 10,000 exclusions), then everything.
    for selection in [
        Selection::billable(),
        Selection::billable().deleting_unmarked_data(),
    ] {
        let plan = Plan::build(&scanned.inventory, &selection);
        if selection == Selection::billable() {
            assert!(plan.steps.len() >= steps, "{} steps", plan.steps.len());
        }
        let store = MemoryStore::new();
        let outcome = run_in_one_tab(&h, &store, &plan);
        assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
        let records = store.records();
        let chars = stored_chars(&records, &alias);
        assert!(
            chars < BUDGET_CHARS,
            "{} steps, {} exclusions: {} records, {chars} characters",
            plan.steps.len(),
            plan.exclusions.len(),
            records.len()
        );
        // Packed or not, every record reads back: the same run, finished.
        let journal = Journal::open(MemoryStore::with_records(records)).unwrap();
        assert!(journal.corrupt().is_empty(), "{:?}", journal.corrupt());
        let read = journal.state().plan.as_ref().expect("the plan is kept");
        let ids = |p: &Plan| p.steps.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(read), ids(&plan));
        assert_eq!(read.exclusions.len(), plan.exclusions.len());
        eprintln!(
            "{} steps, {} exclusions: {} records, {chars} characters",
            plan.steps.len(),
            plan.exclusions.len(),
            journal.entries().len()
        );
        assert!(journal.state().ledger.is_some());
    }
}
