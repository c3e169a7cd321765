//! Resuming a run from its journal: a second tab sees the run in progress (start refused, lock
//! held) until the lock is stale and taken over explicitly, after which the first tab learns it
//! lost the run; a journal with corrupt records resumes cautiously (re-reads before sending)
//! and still never repeats an accepted delete; a deletion the scan saw under way is followed,
//! not sent again; a delete answered 404 counts as already gone.

mod support;
mod support_exec;

use clc::Method;
use clc_sim::Scenario;
use closure::journal::{Confirmation, LockError, StepStatus};
use closure::{ExecError, Executor, MemoryStore, RunOutcome};

use support::Harness;
use support_exec::{
    accepted_deletes, assert_each_delete_accepted_once, assert_only_exclusions, config,
    scanned_plan,
};

/// Starts tab-1's run and pauses it after `requests` more requests, leaving it open.
fn paused_run(h: &Harness, store: &MemoryStore, requests: usize) -> Vec<String> {
    let (_, plan) = scanned_plan(h);
    let executor = Executor::start(&h.client, store.clone(), plan, config("tab-1")).unwrap();
    let handle = executor.handle();
    let before = h.requests_sent();
    *h.client.transport().on_send.borrow_mut() = Some(Box::new(move |sent| {
        if sent == before + requests {
            handle.pause();
        }
    }));
    assert_eq!(h.clock.run(executor.run()).unwrap(), RunOutcome::Paused);
    *h.client.transport().on_send.borrow_mut() = None;
    store.records()
}

#[test]
fn a_second_tab_does_not_start_another_run_until_it_takes_a_stale_lock_over() {
    let h = Harness::new(Scenario::Demo, 0);
    let store = MemoryStore::new();
    paused_run(&h, &store, 6);
    let (_, plan) = scanned_plan(&h);
    let second = Executor::start(&h.client, store.clone(), plan.clone(), config("tab-2"));
    assert!(matches!(second, Err(ExecError::RunInProgress { .. })));
    let second = Executor::resume(&h.client, store.clone(), config("tab-2"));
    assert!(matches!(
        second,
        Err(ExecError::Lock(LockError::Held { stale: false, .. }))
    ));

    h.wait(61_000);
    let second = Executor::resume(&h.client, store.clone(), config("tab-2"));
    assert!(matches!(
        second,
        Err(ExecError::Lock(LockError::Held { stale: true, .. }))
    ));
    let mut take_over = config("tab-2");
    take_over.take_over_stale_lock = true;
    let second = Executor::resume(&h.client, store.clone(), take_over).unwrap();
    let outcome = h.clock.run(second.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    assert_only_exclusions(&h.state(), &plan);
    assert_each_delete_accepted_once(&h);
}

#[test]
fn the_first_tab_learns_it_lost_the_run_to_a_take_over() {
    let h = Harness::new(Scenario::Demo, 0);
    let store = MemoryStore::new();
    let (_, plan) = scanned_plan(&h);
    let first = Executor::start(&h.client, store.clone(), plan, config("tab-1")).unwrap();
    h.wait(61_000);
    let mut take_over = config("tab-2");
    take_over.take_over_stale_lock = true;
    let _second = Executor::resume(&h.client, store.clone(), take_over).unwrap();
    let outcome = h.clock.run(first.run());
    assert!(
        matches!(outcome, Err(ExecError::Lock(LockError::Lost { .. }))),
        "{outcome:?}"
    );
}

#[test]
fn a_journal_with_corrupt_records_resumes_cautiously_without_repeating_deletes() {
    let h = Harness::new(Scenario::Demo, 0);
    h.sim.borrow_mut().set_queue_timing(clc_sim::QueueTiming {
        not_started_ms: 30_000,
        executing_ms: 30_000,
        jitter_ms: 0,
    });
    let store = MemoryStore::new();
    // As JSON (a step event is stored short, the plan packed).
    let records: Vec<String> = paused_run(&h, &store, 40)
        .iter()
        .map(|r| closure::journal::pack::unpack_record(r).unwrap())
        .collect();
    let accepted = records
        .iter()
        .position(|r| r.contains("\"event\":\"accepted\"") && r.contains("\"by\":\"queue\""))
        .unwrap_or_else(|| panic!("no queued delete before the pause: {records:#?}"));
    let step = serde_json::from_str::<serde_json::Value>(&records[accepted]).unwrap()["event"]
        ["step"]
        .as_str()
        .unwrap()
        .to_string();
    let sending = records
        .iter()
        .position(|r| r.contains("\"event\":\"sending\"") && r.contains(&format!("\"{step}\"")))
        .unwrap();
    store.overwrite(sending, "{\"v\":1,\"seq\":");
    store.overwrite(accepted, "not json at all");

    let resumed = Executor::resume(&h.client, store.clone(), config("tab-1")).unwrap();
    assert_eq!(resumed.corrupt_entries().len(), 2);
    let outcome = h.clock.run(resumed.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    assert_each_delete_accepted_once(&h);
}

#[test]
fn a_delete_answered_404_counts_as_already_gone() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    let lb = plan
        .steps
        .iter()
        .find(|s| s.kind == closure::ResourceKind::SharedLoadBalancer)
        .unwrap()
        .clone();
    let dc = lb.data_center.clone().unwrap().to_ascii_lowercase();
    let path = format!("/v2/sharedLoadBalancers/DEMO/{dc}/{}", lb.resource.id);
    assert_eq!(h.call(Method::Delete, &path, None).status, 204);
    let executor = Executor::start(&h.client, MemoryStore::new(), plan, config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    assert_eq!(
        executor.state().status_of(&lb.id),
        Some(&StepStatus::Succeeded {
            how: Confirmation::AlreadyGone
        })
    );
}

#[test]
fn a_deletion_the_scan_saw_under_way_is_followed_not_sent_again() {
    let h = Harness::new(Scenario::Demo, 0);
    let (inventory, _) = scanned_plan(&h);
    let template = inventory
        .of_kind(closure::ResourceKind::Template)
        .next()
        .unwrap();
    let path = format!("/v2/servers/DEMO/{}", template.id.id);
    assert_eq!(h.call(Method::Delete, &path, None).status, 202);
    let (_, plan) = scanned_plan(&h);
    let step = plan.step_removing(&template.id).unwrap().clone();
    assert!(step.under_way);
    let executor = Executor::start(&h.client, MemoryStore::new(), plan, config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    let own = format!("/v2/servers/demo/{}", template.id.id);
    assert_eq!(
        accepted_deletes(&h).get(&own),
        None,
        "not sent by the executor"
    );
    assert!(matches!(
        executor.state().status_of(&step.id),
        Some(StepStatus::Succeeded { .. })
    ));
}
