//! Crash and resume at every journal boundary (a property over k): the store stops accepting
//! records after k appends, for every k from 0 to the length of an uninterrupted run; a fresh
//! executor then resumes from what was stored. For every k, no delete is accepted twice by the
//! simulator (destructive requests counted per resource at the transport) and the account ends
//! in the same state as after the uninterrupted run.

mod support;
mod support_exec;

use clc_sim::Scenario;
use closure::{ExecError, Executor, MemoryStore, Plan, RunOutcome};

use support::Harness;
use support_exec::{accepted_deletes, config, leftovers, scanned_plan};

/// Runs `plan` on a fresh demo account with a store that fails after `k` appends, then resumes
/// (or starts, if not even the start was stored) with a fresh executor. Returns the harness.
fn crash_then_resume(plan: &Plan, k: Option<usize>, latency_ms: u64) -> (Harness, usize) {
    let h = Harness::new(Scenario::Demo, latency_ms);
    let store = MemoryStore::new();
    if let Some(k) = k {
        store.fail_after(k);
    }
    let first = match Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1")) {
        Ok(executor) => Some(h.clock.run(executor.run())),
        Err(ExecError::Journal(_)) => None,
        Err(other) => panic!("k={k:?}: start: {other:?}"),
    };
    let appends = store.append_count();
    match (k, first) {
        (None, Some(Ok(RunOutcome::Finished(_)))) => return (h, appends),
        (Some(_), None | Some(Err(ExecError::Journal(_)))) => {}
        (Some(k), Some(Ok(RunOutcome::Finished(_)))) if k >= appends => return (h, appends),
        (k, other) => panic!("k={k:?}: first run ended with {other:?}"),
    }
    store.heal();
    let resumed = match Executor::resume(&h.client, store.clone(), config("tab-1")) {
        Ok(executor) => executor,
        Err(ExecError::NothingToResume) => {
            Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1")).unwrap()
        }
        Err(other) => panic!("k={k:?}: resume: {other:?}"),
    };
    let outcome = h.clock.run(resumed.run());
    drop(resumed);
    assert!(
        matches!(outcome, Ok(RunOutcome::Finished(_))),
        "k={k:?}: resumed run ended with {outcome:?}"
    );
    (h, appends)
}

/// The property for every k, with this request latency (with latency, several deletes are in
/// flight when the store fails).
fn check_every_boundary(latency_ms: u64) {
    let plan = scanned_plan(&Harness::new(Scenario::Demo, 0)).1;
    let (baseline, total) = crash_then_resume(&plan, None, latency_ms);
    let expected = leftovers(&baseline.state());
    let expected_deletes = accepted_deletes(&baseline);
    assert!(
        total > plan.steps.len() * 3,
        "{total} records for {} steps",
        plan.steps.len()
    );
    for k in 0..=total {
        let (h, _) = crash_then_resume(&plan, Some(k), latency_ms);
        let deletes = accepted_deletes(&h);
        for (path, count) in &deletes {
            assert_eq!(*count, 1, "k={k}: {path} accepted {count} times");
        }
        assert_eq!(
            deletes.keys().collect::<Vec<_>>(),
            expected_deletes.keys().collect::<Vec<_>>(),
            "k={k}: a different set of deletes"
        );
        assert_eq!(
            leftovers(&h.state()),
            expected,
            "k={k}: a different end state"
        );
    }
}

#[test]
fn a_crash_at_any_journal_boundary_never_repeats_an_accepted_delete() {
    check_every_boundary(0);
}

#[test]
fn the_same_holds_with_several_deletes_in_flight_at_the_crash() {
    check_every_boundary(40);
}
