//! The executor under the simulator's faults: a queue operation that fails (the step fails with
//! a reason in words, a retry succeeds), 500s from the status endpoint (polling goes on), a
//! token that expires mid-run (the run stops with a clear message, nothing is lost, and a new
//! session resumes and finishes), rate limiting of deletes and reads, and deletes that time out:
//! one the service carried out is read back and never sent again; one that never reached it is
//! sent again only after a second look a minute later.

mod support;
mod support_exec;

use std::cell::Cell;
use std::rc::Rc;

use clc_sim::transport::LoseHook;
use clc_sim::{FaultKind, Faults, Scenario};
use closure::journal::StepStatus;
use closure::{Executor, MemoryStore, RunOutcome};

use support::Harness;
use support_exec::{
    accepted_deletes, assert_each_delete_accepted_once, assert_only_exclusions, config, relogin,
    rule, scanned_plan,
};

/// The demo template's step (deleted on its own, with one `DELETE /v2/servers/...`) and that
/// path in lower case.
fn template_step(plan: &closure::Plan) -> (closure::plan::Step, String) {
    let step = plan
        .steps
        .iter()
        .find(|s| s.kind == closure::ResourceKind::Template)
        .expect("the demo template is deleted on its own")
        .clone();
    let path = format!("/v2/servers/demo/{}", step.resource.id).to_ascii_lowercase();
    (step, path)
}

/// A hook that times out the first DELETE to `path`, and when (simulator time) it did.
fn time_out_first_delete(h: &Harness, path: &str) -> (LoseHook, Rc<Cell<Option<u64>>>) {
    let lost_at = Rc::new(Cell::new(None));
    let (path, seen, clock) = (path.to_string(), lost_at.clone(), h.clock.clone());
    let hook: LoseHook = Box::new(move |request| {
        let hit = request.method == clc::Method::Delete
            && request.url.to_ascii_lowercase().ends_with(&path)
            && seen.get().is_none();
        hit.then(|| {
            seen.set(Some(clc::Clock::now_ms(&clock) - clc_sim::DEFAULT_EPOCH_MS));
            clc::TransportError::TimedOut { after_ms: 120_000 }
        })
    });
    (hook, lost_at)
}

#[test]
fn a_failed_operation_fails_its_step_with_a_reason_and_a_retry_succeeds() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    let (template, _) = template_step(&plan);
    h.set_faults(Faults {
        fail_operations_for: vec![template.resource.id.clone()],
        ..Faults::default()
    });
    let store = MemoryStore::new();
    let executor =
        Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    let RunOutcome::Incomplete(ledger) = outcome else {
        panic!("expected an incomplete run: {outcome:?}");
    };
    assert_eq!(ledger.failed.len(), 1);
    let reason = ledger.failed[0].reason.clone().unwrap();
    assert!(
        reason.contains("deletion failed") && reason.contains("retry"),
        "{reason}"
    );
    assert!(matches!(
        executor.state().status_of(&template.id),
        Some(StepStatus::Failed { .. })
    ));

    h.set_faults(Faults::default());
    executor.retry(&template.id).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    assert_only_exclusions(&h.state(), &plan);
    let template_path = format!("/v2/servers/demo/{}", template.resource.id);
    assert_eq!(
        accepted_deletes(&h).get(&template_path),
        Some(&2),
        "sent again only on retry"
    );
}

#[test]
fn server_errors_from_the_status_endpoint_do_not_stop_polling() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    let status = FaultKind::Status { status: 500 };
    h.set_faults(Faults {
        rules: vec![rule("/v2/operations/*/status/*", "GET", Some(40), status)],
        ..Faults::default()
    });
    let executor =
        Executor::start(&h.client, MemoryStore::new(), plan.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    let errors = h.traffic.borrow().log.iter().filter(|l| l.3 == 500).count();
    assert!(errors >= 40, "the faults fired ({errors})");
    assert!(
        !executor.poll_errors().is_empty(),
        "the errors reached the executor"
    );
    assert_only_exclusions(&h.state(), &plan);
}

#[test]
fn an_expired_token_stops_the_run_and_a_new_session_finishes_it() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    let expire_at = h.elapsed_ms() + 3_000;
    h.set_faults(Faults {
        expire_tokens_at_ms: Some(expire_at),
        ..Faults::default()
    });
    let store = MemoryStore::new();
    let executor =
        Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    let RunOutcome::SessionEnded { message } = outcome else {
        panic!("expected the session to end: {outcome:?}");
    };
    assert!(message.contains("Sign in again"), "{message}");
    let state = executor.state();
    assert!(state
        .steps
        .values()
        .all(|r| !matches!(r.status, StepStatus::Failed { .. })));
    assert!(
        state.steps.values().any(|r| !r.status.is_terminal()),
        "work was left"
    );
    drop(executor);

    // The customer signs in again a moment later (a token issued at the very instant the old
    // ones expire is expired too).
    h.wait(1_000);
    let fresh = relogin(&h);
    let resumed = Executor::resume(&fresh, store.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(resumed.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    assert_only_exclusions(&h.state(), &plan);
    assert_each_delete_accepted_once(&h);
}

#[test]
fn rate_limited_deletes_and_reads_are_sent_again_later() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    let limit = |s| FaultKind::RateLimit { retry_after_s: s };
    h.set_faults(Faults {
        rules: vec![
            rule("/v2/**", "DELETE", Some(6), limit(3)),
            rule("/v2-experimental/**", "GET", Some(4), limit(1)),
            rule("/v2/operations/**", "GET", Some(4), limit(2)),
        ],
        ..Faults::default()
    });
    let executor =
        Executor::start(&h.client, MemoryStore::new(), plan.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    let limited = h.traffic.borrow().log.iter().filter(|l| l.3 == 429).count();
    assert_eq!(limited, 14);
    assert_only_exclusions(&h.state(), &plan);
    assert_each_delete_accepted_once(&h);
}

#[test]
fn a_delete_whose_answer_timed_out_is_read_back_and_never_sent_again() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    let (template, path) = template_step(&plan);
    let (hook, lost_at) = time_out_first_delete(&h, &path);
    *h.client.transport().lose_answer.borrow_mut() = Some(hook);
    let executor =
        Executor::start(&h.client, MemoryStore::new(), plan.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(
        lost_at.get().is_some(),
        "the template's delete lost its answer"
    );
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    assert_only_exclusions(&h.state(), &plan);
    assert_eq!(
        deletes_to(&h, &path).len(),
        1,
        "the timed-out delete was not sent again"
    );
    assert_each_delete_accepted_once(&h);
    assert!(
        matches!(
            executor.state().status_of(&template.id),
            Some(StepStatus::Succeeded { .. })
        ),
        "{:?}",
        executor.state().status_of(&template.id)
    );
}

#[test]
fn a_delete_that_never_reached_the_service_is_sent_again_only_after_a_second_look() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    let (_, path) = template_step(&plan);
    let (hook, lost_at) = time_out_first_delete(&h, &path);
    *h.client.transport().lose_request.borrow_mut() = Some(hook);
    let executor =
        Executor::start(&h.client, MemoryStore::new(), plan.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    assert_only_exclusions(&h.state(), &plan);
    let lost_at = lost_at.get().expect("the first delete was lost");
    let reads: Vec<u64> = h
        .traffic
        .borrow()
        .log
        .iter()
        .filter(|(t, m, p, _)| {
            m == "GET" && *t >= lost_at && p.to_ascii_lowercase().starts_with(&path)
        })
        .map(|(t, ..)| *t)
        .collect();
    let deletes = deletes_to(&h, &path);
    assert_eq!(
        deletes.len(),
        1,
        "one delete reached the service: {deletes:?}"
    );
    let first_look = *reads.first().expect("the lost delete's item was re-read");
    assert!(
        reads.iter().any(|&t| t >= first_look + 60_000 && t <= deletes[0]),
        "a second look a minute after the first, before sending again: reads {reads:?}, delete {deletes:?}"
    );
    assert!(
        deletes[0] >= first_look + 60_000,
        "{first_look} → {deletes:?}"
    );
}

/// When (simulator time) DELETEs to `path` reached the simulator.
fn deletes_to(h: &Harness, path: &str) -> Vec<u64> {
    h.traffic
        .borrow()
        .log
        .iter()
        .filter(|(_, m, p, _)| m == "DELETE" && p.to_ascii_lowercase() == path)
        .map(|(t, ..)| *t)
        .collect()
}
