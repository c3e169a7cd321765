//! Pause, stop and visibility at any time leave a consistent state: a pause sends nothing more
//! and leaves no step "sent" without an answer, and running again finishes; a stop closes the
//! run with a ledger (what was removed, what remains and why) and nothing can resume it; a tab
//! hidden for long suspends polling; a dry run (the plan itself) sends nothing.

mod support;
mod support_exec;

use clc_sim::Scenario;
use closure::journal::StepStatus;
use closure::{ExecError, Executor, MemoryStore, RunOutcome, Visibility};

use support::Harness;
use support_exec::{assert_only_exclusions, backup_account, config, is_destructive, scanned_plan};

fn destructive_requests(h: &Harness) -> usize {
    let log = &h.traffic.borrow().log;
    log.iter()
        .filter(|(_, m, p, _)| is_destructive(m, p))
        .count()
}

#[test]
fn the_plan_is_the_dry_run_and_sends_nothing() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    assert!(plan.known_hourly_saving() > 0.0);
    assert!(!plan.summary().is_empty());
    assert_eq!(destructive_requests(&h), 0);
}

#[test]
fn pausing_mid_run_leaves_a_consistent_state_and_running_again_finishes() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    let executor =
        Executor::start(&h.client, MemoryStore::new(), plan.clone(), config("tab-1")).unwrap();
    let handle = executor.handle();
    let before = h.requests_sent();
    *h.client.transport().on_send.borrow_mut() = Some(Box::new(move |sent| {
        if sent == before + 5 {
            handle.pause();
        }
    }));
    let outcome = h.clock.run(executor.run()).unwrap();
    assert_eq!(outcome, RunOutcome::Paused);
    let sent_at_pause = destructive_requests(&h);
    assert!(sent_at_pause < plan.steps.len(), "paused before the end");
    let state = executor.state();
    assert!(state.steps.values().all(|r| r.status != StepStatus::Sent));
    h.wait(60_000);
    assert_eq!(
        destructive_requests(&h),
        sent_at_pause,
        "nothing sent while paused"
    );

    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    assert_only_exclusions(&h.state(), &plan);
}

#[test]
fn stopping_closes_the_run_with_a_ledger_of_what_remains() {
    let h = Harness::new(Scenario::Demo, 0);
    // Past the demo's own build and earlier delete, so that nothing is under way at the start.
    h.wait(61_000);
    let (_, plan) = scanned_plan(&h);
    let store = MemoryStore::new();
    let executor =
        Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1")).unwrap();
    let handle = executor.handle();
    // Stop as the first DELETE goes out (a backup policy's lookup of its account policy may
    // come before it: a stop then holds that policy's delete too).
    *h.client.transport().rewrite.borrow_mut() = Some(Box::new(move |request| {
        if request.method == clc::Method::Delete {
            handle.stop();
        }
    }));
    let outcome = h.clock.run(executor.run()).unwrap();
    let RunOutcome::Stopped(ledger) = outcome else {
        panic!("expected a stop: {outcome:?}");
    };
    assert_eq!(
        destructive_requests(&h),
        1,
        "the delete under way finished, no other left"
    );
    let not_run = ledger.remaining.iter().filter(|l| l.step.is_some()).count();
    assert_eq!(not_run + ledger.removed.len(), plan.steps.len());
    assert!(not_run >= plan.steps.len() - 1);
    assert!(ledger.failed.is_empty());
    assert!(ledger.remaining.iter().all(|l| l.reason.is_some()));
    assert!(!ledger.nothing_billing_left());
    drop(executor);
    let again = Executor::resume(&h.client, store, config("tab-1"));
    assert!(matches!(again, Err(ExecError::NothingToResume)));
}

/// A backup policy's delete first reads which account policy owns it. A stop pressed while
/// that read is under way sends no delete: the sends are checked again after the read.
#[test]
fn a_stop_during_a_backup_policy_s_lookup_sends_no_delete() {
    let (h, plan) = backup_account();
    let before = h.traffic.borrow().log.len();
    let executor =
        Executor::start(&h.client, MemoryStore::new(), plan.clone(), config("tab-1")).unwrap();
    let handle = executor.handle();
    *h.client.transport().on_send.borrow_mut() = Some(Box::new(move |_| handle.stop()));
    let steps = plan.steps.len();
    let outcome = h.clock.run(executor.run()).unwrap();
    let RunOutcome::Stopped(ledger) = outcome else {
        panic!("expected a stop: {outcome:?}");
    };
    let not_run = ledger.remaining.iter().filter(|l| l.step.is_some()).count();
    assert_eq!(
        not_run, steps,
        "every policy remains, none removed or failed"
    );
    let log = h.traffic.borrow().log[before..].to_vec();
    assert!(
        log.first()
            .is_some_and(|(_, m, p, _)| m == "GET" && p.contains("/backup/")),
        "the run began with the lookup: {log:?}"
    );
    assert_eq!(destructive_requests(&h), 0, "{log:?}");
}

#[test]
fn a_tab_hidden_for_long_suspends_polling_until_it_is_visible() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    let mut cfg = config("tab-1");
    cfg.hidden_suspend_after_ms = 20_000;
    let executor = Executor::start(&h.client, MemoryStore::new(), plan.clone(), cfg).unwrap();
    let now = clc::Clock::now_ms(&h.clock);
    executor.handle().set_visibility(Visibility::Hidden, now);
    let outcome = h.clock.run(executor.run()).unwrap();
    assert_eq!(outcome, RunOutcome::Suspended);
    let polled_at: Vec<u64> = h.traffic.borrow().log.iter().map(|l| l.0).collect();
    assert!(polled_at
        .windows(2)
        .all(|w| w[1] - w[0] == 0 || w[1] - w[0] >= 15_000));

    let now = clc::Clock::now_ms(&h.clock);
    executor.handle().set_visibility(Visibility::Visible, now);
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
}
