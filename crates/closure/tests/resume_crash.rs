//! Crash and resume at every journal boundary (a property over k): the store stops accepting
//! records after k appends, for every k from 0 to the length of an uninterrupted run; a fresh
//! executor then resumes from what was stored. For every k, no delete is accepted twice by the
//! simulator (destructive requests counted per resource at the transport) and the account ends
//! in the same state as after the uninterrupted run. And one crash with sends on the wire,
//! whose resumed run's first read back of them is answered 429: the sends wait for it.

mod support;
mod support_exec;

use clc_sim::{FaultKind, Faults, Scenario};
use closure::journal::{Journal, StepStatus};
use closure::plan::DeleteCall;
use closure::{ExecError, Executor, MemoryStore, Plan, RunOutcome};

use support::Harness;
use support_exec::{
    accepted_deletes, assert_each_delete_accepted_once, assert_no_deletes_between, config,
    first_429, ip_account, leftovers, rule, scanned_plan, slow,
};

/// Records stored before the crash in the 429 test: the run's start and its first sends, and
/// none of their answers (the test checks that at least one send is stored unanswered).
const CRASH_AFTER: usize = 4;

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
        assert_each_delete_accepted_once(&h);
        let deletes = accepted_deletes(&h);
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

/// A crash while deletes are on the wire leaves sends with no recorded answer; the resumed
/// run reads each back before anything is sent. The first of those reads is answered 429 with
/// `Retry-After: 120`, longer than the client's own retries wait: no delete is sent until it
/// has passed (the service asked the whole run to wait, not just that step), and the run still
/// finishes with each delete accepted once.
#[test]
fn a_429_on_the_read_back_of_an_unanswered_send_after_a_crash_holds_the_sends() {
    let (h, _, plan) = ip_account("large:dcs=1,servers=300,groups=3,ips=60", 20);
    assert!(plan.steps.len() >= 40, "{} public IPs", plan.steps.len());
    // Deletes take 300 ms to answer, so several are on the wire when the store stops taking
    // records: the run's start and the first sends are stored, the answers are not.
    h.set_faults(Faults {
        rules: vec![rule("/v2/**", "DELETE", None, slow(300))],
        ..Faults::default()
    });
    let store = MemoryStore::new();
    store.fail_after(CRASH_AFTER);
    let executor =
        Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1")).unwrap();
    let first = h.clock.run(executor.run());
    drop(executor);
    assert!(matches!(first, Err(ExecError::Journal(_))), "{first:?}");
    store.heal();
    let state = Journal::open(store.clone()).unwrap().state().clone();
    let unanswered: Vec<String> = plan
        .steps
        .iter()
        .filter(|s| state.status_of(&s.id) == Some(&StepStatus::Sent))
        .filter_map(|s| match &s.call {
            DeleteCall::PublicIp { ip, .. } => Some(format!("/publicipaddresses/{ip}")),
            _ => None,
        })
        .collect();
    assert!(!unanswered.is_empty(), "no unanswered send stored");
    let pending = plan
        .steps
        .iter()
        .filter(|s| matches!(state.status_of(&s.id), None | Some(StepStatus::Pending)))
        .count();
    assert!(pending > 0, "nothing left to send after the crash");

    let limit = FaultKind::RateLimit { retry_after_s: 120 };
    h.set_faults(Faults {
        rules: vec![
            rule("/v2/**", "DELETE", None, slow(300)),
            rule("/v2/servers/**", "GET", Some(1), limit),
        ],
        ..Faults::default()
    });
    let resumed = Executor::resume(&h.client, store.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(resumed.run());
    drop(resumed);
    assert!(
        matches!(outcome, Ok(RunOutcome::Finished(_))),
        "resumed run ended with {outcome:?}"
    );
    // The 429 answered the read back of one of the unanswered sends.
    let limited_path = {
        let traffic = h.traffic.borrow();
        let (_, _, path, _) = traffic
            .log
            .iter()
            .find(|(_, m, _, status)| m == "GET" && *status == 429)
            .expect("a read answered 429")
            .clone();
        path.split('?')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    assert!(
        unanswered.iter().any(|ip| limited_path.ends_with(ip)),
        "the 429 answered {limited_path}, not the read back of {unanswered:?}"
    );
    let limited = first_429(&h, "GET", "/publicIPAddresses/");
    assert_no_deletes_between(&h, limited, limited + 120_000);
    assert_each_delete_accepted_once(&h);
}
