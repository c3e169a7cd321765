//! The run's driver (`Executor::drive`), the one owner of the run's state, against the races
//! the page's buttons can start: a Retry pressed while the run is closing its last round, a
//! Stop pressed then, a pause with a retry waiting, and a tab hidden long enough to suspend the
//! run and then seen again. Each press arrives through the `ExecutorHandle`, at a moment the
//! journal picks (an observer), on the virtual clock.

mod support;
mod support_exec;

use std::cell::RefCell;
use std::rc::Rc;

use clc_sim::{Faults, Scenario};
use closure::journal::{Event, StepStatus};
use closure::plan::StepId;
use closure::{Executor, ExecutorHandle, MemoryStore, Plan, RunOutcome, Visibility};

use support::Harness;
use support_exec::{accepted_deletes, config, scanned_plan};

/// A plan whose first group or server step's queue operation fails until the fault is lifted.
fn failing_first_server(h: &Harness) -> (Plan, String) {
    let (_, plan) = scanned_plan(h);
    let server = plan
        .steps
        .iter()
        .find(|s| {
            matches!(
                s.kind,
                closure::ResourceKind::Server | closure::ResourceKind::Group
            )
        })
        .expect("a group or server step")
        .resource
        .id
        .clone();
    h.set_faults(Faults {
        fail_operations_for: vec![server.clone()],
        ..Faults::default()
    });
    (plan, server)
}

fn failed_step(event: &Event) -> Option<StepId> {
    match event {
        Event::Failed { step, .. } => Some(step.clone()),
        _ => None,
    }
}

#[test]
fn a_retry_pressed_when_the_step_fails_is_taken_without_another_press() {
    let h = Harness::new(Scenario::Demo, 0);
    let (plan, _) = failing_first_server(&h);
    let handle: Rc<RefCell<Option<ExecutorHandle>>> = Rc::default();
    let press = handle.clone();
    let sim = h.sim.clone();
    let executor = Executor::start(&h.client, MemoryStore::new(), plan, config("tab-1"))
        .unwrap()
        .on_transition(move |entry| {
            if let Some(step) = failed_step(&entry.event) {
                // The customer sees the failure, the fault clears, Retry is pressed at once:
                // possibly while the run is closing its last round.
                sim.borrow_mut().set_faults(Faults::default());
                if let Some(handle) = press.borrow().as_ref() {
                    handle.retry(step);
                }
            }
        });
    *handle.borrow_mut() = Some(executor.handle());
    let outcome = h.clock.run(executor.drive()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    // A retry is a second send after a failure, never an accepted delete sent again.
    assert!(executor
        .state()
        .steps
        .values()
        .all(|r| matches!(r.status, StepStatus::Succeeded { .. })));
    assert!(executor.state().steps.values().all(|r| r.sends <= 2));
}

#[test]
fn a_stop_pressed_when_a_step_fails_closes_the_run_as_stopped_with_its_ledger() {
    let h = Harness::new(Scenario::Demo, 0);
    let (plan, _) = failing_first_server(&h);
    let handle: Rc<RefCell<Option<ExecutorHandle>>> = Rc::default();
    let press = handle.clone();
    let executor = Executor::start(&h.client, MemoryStore::new(), plan, config("tab-1"))
        .unwrap()
        .on_transition(move |entry| {
            if failed_step(&entry.event).is_some() {
                if let Some(handle) = press.borrow().as_ref() {
                    handle.stop();
                }
            }
        });
    *handle.borrow_mut() = Some(executor.handle());
    let outcome = h.clock.run(executor.drive()).unwrap();
    let RunOutcome::Stopped(ledger) = outcome else {
        panic!("stopped, not 'some steps failed': {outcome:?}");
    };
    assert!(!ledger.remaining.is_empty() || !ledger.failed.is_empty());
    assert!(!executor.state().is_open(), "a stopped run is closed");
}

#[test]
fn the_customer_s_pause_holds_a_retry_until_the_run_is_resumed() {
    let h = Harness::new(Scenario::Demo, 0);
    let (plan, _) = failing_first_server(&h);
    let executor = Executor::start(&h.client, MemoryStore::new(), plan, config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.drive()).unwrap();
    assert!(matches!(outcome, RunOutcome::Incomplete(_)), "{outcome:?}");
    let failed: Vec<StepId> = executor
        .state()
        .steps
        .iter()
        .filter(|(_, r)| matches!(r.status, StepStatus::Failed { .. }))
        .map(|(id, _)| id.clone())
        .collect();
    assert_eq!(failed.len(), 1);
    h.set_faults(Faults::default());
    let handle = executor.handle();
    handle.pause();
    handle.retry(failed[0].clone());
    let sent = accepted_deletes(&h).values().sum::<usize>();
    assert_eq!(h.clock.run(executor.drive()).unwrap(), RunOutcome::Paused);
    // The retry is taken (the step is pending again), and nothing is sent while paused.
    let still = executor.state().status_of(&failed[0]).cloned();
    assert_eq!(still, Some(StepStatus::Pending));
    assert_eq!(accepted_deletes(&h).values().sum::<usize>(), sent);
    handle.unpause();
    let outcome = h.clock.run(executor.drive()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    // Sent twice: once when its operation failed, once for the customer's retry; nothing else.
    let retried = failed[0].0.split(':').nth(1).unwrap().to_ascii_lowercase();
    for (path, count) in accepted_deletes(&h) {
        let expected = if path.ends_with(&retried) { 2 } else { 1 };
        assert_eq!(count, expected, "{path} accepted {count} times");
    }
}

#[test]
fn a_run_suspended_in_a_hidden_tab_goes_on_when_the_tab_is_seen_again() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    let executor = Executor::start(&h.client, MemoryStore::new(), plan, config("tab-1")).unwrap();
    let handle = executor.handle();
    handle.set_visibility(Visibility::Hidden, clc::Clock::now_ms(&h.clock));
    let seen_after = 7 * 60_000;
    let (outcome, ()) = h.clock.run(async {
        futures::join!(executor.drive(), async {
            clc::Clock::sleep(&h.clock, seen_after).await;
            handle.set_visibility(Visibility::Visible, clc::Clock::now_ms(&h.clock));
        })
    });
    let outcome = outcome.unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    assert!(h.elapsed_ms() >= seen_after, "it waited to be seen");
}
