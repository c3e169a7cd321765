//! What the per-delete look schedule (`execute::pace`, `execute::poll`) must keep, one test per
//! fault or risk its review found: a resume hours after a pause does not teach "the queue takes
//! hours"; a recursive group delete is reported from its job's status, never from a re-read
//! alone; the re-reads that confirm many steps do not hold a pause behind them; a 429 on
//! a status poll holds the sends; a `Retry-After` of any size holds them without overflowing.
//! From its second review: list reads slower than a round's budget do not stall confirmation;
//! a snapshot is not recorded done from a re-read of a server without `details`; a 429 on a
//! re-read holds the sends; a send recorded by a clock ahead is looked at within the usual wait.
//! From a third: a 429 on a group's read before its delete holds the sends too. And a backup
//! policy's send waits for a hold that began while it looked up its account policy. And a 429
//! that the client waited out itself before reading again (a short `Retry-After` on a read made
//! while other deletes go out: a group's read, a backup lookup) holds the sends as well; and a
//! backup lookup that fails journals no send.

mod support;
mod support_exec;

use std::cell::Cell;
use std::rc::Rc;

use clc_sim::{FaultKind, Faults, Scenario};
use closure::execute::ExecutorConfig;
use closure::inventory::ResourceKind;
use closure::journal::{Event, Journal, StepStatus};
use closure::plan::{DeleteCall, StepId};
use closure::{Executor, MemoryStore, Plan, RunOutcome};

use support::{Harness, SimTransport, TimerClock};
use support_exec::{
    assert_each_delete_accepted_once, assert_no_deletes_between, backup_account, config,
    data_plan_of, deletes_sent, first_429, ip_account, plan_of, public_ip_plan, rule,
    run_in_one_tab, scanned_plan, slow,
};

/// Each step's (sent, succeeded) times, from the journal.
fn sent_and_done(store: &MemoryStore) -> Vec<(StepId, u64, Option<u64>)> {
    let journal = Journal::open(store.clone()).unwrap();
    let mut rows: Vec<(StepId, u64, Option<u64>)> = Vec::new();
    for entry in journal.entries() {
        match &entry.event {
            Event::Sending { step } => rows.push((step.clone(), entry.at_ms, None)),
            Event::Succeeded { step, .. } => {
                if let Some(row) = rows.iter_mut().rev().find(|r| r.0 == *step) {
                    row.2 = Some(entry.at_ms);
                }
            }
            _ => {}
        }
    }
    rows
}

/// Starts `plan` with its journal in `store` and deletes that take 300 ms to answer, and
/// pauses it at its tenth DELETE (the pause stops the sends behind it): the run has ended
/// paused, with some deletes in flight.
fn paused_at_the_tenth_delete<'c>(
    h: &'c Harness,
    store: &MemoryStore,
    plan: &Plan,
) -> Executor<'c, SimTransport, TimerClock, MemoryStore> {
    h.set_faults(Faults {
        rules: vec![rule("/v2/**", "DELETE", None, slow(300))],
        ..Faults::default()
    });
    let executor =
        Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1")).unwrap();
    let (handle, deletes) = (executor.handle(), Rc::new(Cell::new(0u32)));
    *h.client.transport().rewrite.borrow_mut() = Some(Box::new(move |request| {
        if request.method == clc::Method::Delete {
            deletes.set(deletes.get() + 1);
            if deletes.get() == 10 {
                handle.pause();
            }
        }
    }));
    assert_eq!(h.clock.run(executor.run()).unwrap(), RunOutcome::Paused);
    executor
}

#[test]
fn a_resume_two_hours_after_a_pause_still_looks_at_each_later_delete_within_the_usual_wait() {
    let (h, _, plan) = ip_account("large:dcs=1,servers=300,groups=3,ips=60", 20);
    assert!(plan.steps.len() >= 40, "{} public IPs", plan.steps.len());
    let store = MemoryStore::new();
    let executor = paused_at_the_tenth_delete(&h, &store, &plan);
    let state = executor.state();
    let succeeded =
        |s: &&closure::journal::StepRecord| matches!(s.status, StepStatus::Succeeded { .. });
    assert_eq!(state.steps.values().filter(succeeded).count(), 0);
    let in_flight = state
        .steps
        .values()
        .filter(|s| s.status != StepStatus::Pending)
        .count();
    assert!(
        in_flight < plan.steps.len() / 2,
        "{in_flight} sent before the pause"
    );

    // Two hours later the customer resumes: the deletes sent before the pause are long done,
    // and are seen gone two hours after their send.
    h.wait(2 * 60 * 60_000);
    let resumed_at = clc::Clock::now_ms(&h.clock);
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    let late: Vec<(StepId, u64)> = sent_and_done(&store)
        .into_iter()
        .filter(|(_, sent, _)| *sent >= resumed_at)
        .map(|(step, sent, done)| (step, done.expect("done") - sent))
        .filter(|(_, took)| *took > 30_000)
        .collect();
    assert!(
        late.is_empty(),
        "sent after the resume, seen gone more than 30 s after the send: {late:?}"
    );
}

#[test]
fn a_group_whose_job_failed_is_reported_failed_even_when_a_re_read_finds_it_gone() {
    let (h, inventory, ips) = ip_account("large:dcs=1,servers=600,groups=300,ips=60", 20);
    // The public IPs first (they teach the run how long the queue takes), then one group,
    // sent once they are done.
    let mut plan = ips.clone();
    let mut group_step = plan_of(&inventory, ResourceKind::Group)
        .steps
        .into_iter()
        .find(|s| matches!(s.call, DeleteCall::Group { .. }))
        .expect("a group delete");
    let DeleteCall::Group { group_id } = group_step.call.clone() else {
        unreachable!()
    };
    group_step.waits_for = ips.steps.iter().map(|s| s.id.clone()).collect();
    plan.steps.push(group_step.clone());
    // The group's job fails on something beneath it after the group itself is gone: its
    // status says "failed", and from the job's end a read of the group answers 404.
    h.set_faults(Faults {
        fail_operations_for: vec![group_id.clone()],
        ..Faults::default()
    });
    let sent: Rc<Cell<Option<u64>>> = Rc::default();
    let (seen, clock, id) = (sent.clone(), h.clock.clone(), group_id.to_ascii_lowercase());
    *h.client.transport().rewrite.borrow_mut() = Some(Box::new(move |request| {
        let url = request.url.to_ascii_lowercase();
        if request.method == clc::Method::Delete && url.contains(&id) && seen.get().is_none() {
            seen.set(Some(clc::Clock::now_ms(&clock)));
        }
    }));
    let (seen, clock, id) = (sent.clone(), h.clock.clone(), group_id.to_ascii_lowercase());
    *h.client.transport().rewrite_answer.borrow_mut() = Some(Box::new(move |request, answer| {
        let url = request.url.to_ascii_lowercase();
        let ended = seen
            .get()
            .is_some_and(|at| clc::Clock::now_ms(&clock) >= at + 5_000);
        if request.method == clc::Method::Get
            && url.contains("/v2/groups/")
            && url.contains(&id)
            && ended
        {
            *answer = clc::Response::new(404, r#"{"message":"Not found"}"#);
        }
    }));
    let store = MemoryStore::new();
    let outcome = run_in_one_tab(&h, &store, &plan);
    assert!(
        matches!(outcome, RunOutcome::Incomplete(_)),
        "the run did not end incomplete: {outcome:?}"
    );
    assert!(sent.get().is_some(), "the group's delete was sent");
    // The journal records the job's failure (the ledger's final read, which finds the group
    // gone, is a separate account of where it stands now).
    let state = Journal::open(store).unwrap().state().clone();
    let status = state.status_of(&group_step.id).cloned();
    let Some(StepStatus::Failed { reason }) = status else {
        panic!("the group's delete is recorded {status:?}");
    };
    assert!(reason.contains("deletion failed"), "{reason}");
}

#[test]
fn a_pause_is_honoured_within_seconds_while_many_groups_are_confirmed_by_slow_reads() {
    let scenario = Scenario::parse("large:dcs=1,servers=2000,groups=1000,ips=0").unwrap();
    let h = Harness::new(scenario, 20);
    let (inventory, _) = scanned_plan(&h);
    let plan = plan_of(&inventory, ResourceKind::Group);
    let groups = plan
        .steps
        .iter()
        .filter(|s| matches!(s.call, DeleteCall::Group { .. }))
        .count();
    assert!(
        groups >= 60,
        "{groups} group deletes of {}",
        plan.steps.len()
    );
    let executor =
        Executor::start(&h.client, MemoryStore::new(), plan.clone(), config("tab-1")).unwrap();
    // Once every group's delete is sent, each read of a group takes five seconds; the
    // customer presses Pause at the tenth of those reads, while the groups whose jobs are done
    // are being confirmed.
    let (handle, deletes, reads) = (executor.handle(), Cell::new(0), Cell::new(0));
    let (pressed, clock, sim) = (
        Rc::new(Cell::new(None::<u64>)),
        h.clock.clone(),
        h.sim.clone(),
    );
    let at = pressed.clone();
    *h.client.transport().rewrite.borrow_mut() = Some(Box::new(move |request| {
        if request.method == clc::Method::Delete {
            deletes.set(deletes.get() + 1);
            if deletes.get() == groups {
                sim.borrow_mut().set_faults(Faults {
                    rules: vec![rule("/v2/groups/**", "GET", None, slow(5_000))],
                    ..Faults::default()
                });
            }
        } else if deletes.get() >= groups && request.url.contains("/v2/groups/") {
            reads.set(reads.get() + 1);
            if reads.get() == 10 {
                at.set(Some(clc::Clock::now_ms(&clock)));
                handle.pause();
            }
        }
    }));
    assert_eq!(h.clock.run(executor.run()).unwrap(), RunOutcome::Paused);
    let pressed = pressed.get().expect("pause pressed");
    let took = clc::Clock::now_ms(&h.clock) - pressed;
    eprintln!("the pause took {took} ms to be honoured");
    assert!(took <= 12_000, "the pause took {took} ms to be honoured");
}

#[test]
fn a_429_on_a_status_poll_holds_the_sends_until_its_retry_after() {
    // The first status poll.
    a_429_on_a_read_holds_the_sends("/v2/operations/**", "/operations/");
}

/// Deletes take 300 ms to answer (the sends last many seconds) and the first read (GET) to
/// `route` is answered 429 with `Retry-After: 120`, longer than the client's own retries wait:
/// no delete is sent until it has passed, the run finishes, and no delete is accepted twice.
/// `answered` is a part of that read's path.
fn a_429_on_a_read_holds_the_sends(route: &str, answered: &str) {
    let (h, _, plan) = ip_account("large:dcs=1,servers=600,groups=6,ips=120", 20);
    assert!(plan.steps.len() >= 100, "{} public IPs", plan.steps.len());
    let limit = FaultKind::RateLimit { retry_after_s: 120 };
    h.set_faults(Faults {
        rules: vec![
            rule("/v2/**", "DELETE", None, slow(300)),
            rule(route, "GET", Some(1), limit),
        ],
        ..Faults::default()
    });
    let outcome = run_in_one_tab(&h, &MemoryStore::new(), &plan);
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    let limited = first_429(&h, "GET", answered);
    assert_no_deletes_between(&h, limited, limited + 120_000);
    assert_each_delete_accepted_once(&h);
}

#[test]
fn a_retry_after_of_any_size_holds_the_sends_without_overflowing() {
    let (h, _, plan) = ip_account("large:dcs=1,servers=100,groups=2,ips=20", 20);
    assert!(plan.steps.len() >= 10, "{} public IPs", plan.steps.len());
    // The first delete is answered 429 with the largest Retry-After a header can carry.
    let limit = FaultKind::RateLimit {
        retry_after_s: u64::MAX,
    };
    h.set_faults(Faults {
        rules: vec![rule("/v2/**", "DELETE", Some(1), limit)],
        ..Faults::default()
    });
    let outcome = run_in_one_tab(&h, &MemoryStore::new(), &plan);
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    // Held for as long as the executor holds at most (an hour), then every step sent once.
    let limited = first_429(&h, "DELETE", "");
    let next = deletes_sent(&h).into_iter().find(|&at| at > limited);
    let next = next.expect("the rest sent after the hold");
    assert!(
        next - limited >= 60 * 60_000,
        "sent again {} ms after the 429",
        next - limited
    );
    assert_each_delete_accepted_once(&h);
}

#[test]
fn list_reads_slower_than_the_round_s_budget_still_let_the_run_finish() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    // Every read takes 1.2 s, longer than a round's 1 s budget for its confirming re-reads:
    // the lists alone outlast it every round.
    h.set_faults(Faults {
        rules: vec![rule("/v2/**", "GET", None, slow(1_200))],
        ..Faults::default()
    });
    let config = closure::execute::ExecutorConfig {
        max_rounds: 3_000,
        ..config("tab-1")
    };
    let executor = Executor::start(&h.client, MemoryStore::new(), plan, config).unwrap();
    let outcome = h.clock.run(executor.run());
    assert!(
        matches!(outcome, Ok(RunOutcome::Finished(_))),
        "{outcome:?}"
    );
}

#[test]
fn a_snapshot_whose_server_reads_without_details_is_not_confirmed_from_a_re_read() {
    let h = Harness::new(Scenario::Demo, 0);
    let (inventory, _) = scanned_plan(&h);
    let mut snapshot = data_plan_of(&inventory, ResourceKind::Snapshot)
        .steps
        .into_iter()
        .find(|s| matches!(s.call, DeleteCall::Snapshot { .. }))
        .expect("a snapshot delete");
    let DeleteCall::Snapshot { server_id, .. } = snapshot.call.clone() else {
        unreachable!()
    };
    // The public IPs of other servers first (they teach the run how long the queue takes),
    // then the snapshot, sent once they are done: it is re-read first.
    let mut plan = public_ip_plan(&inventory);
    plan.steps.retain(|s| {
        !matches!(&s.call, DeleteCall::PublicIp { server_id: sid, .. } if sid.eq_ignore_ascii_case(&server_id))
    });
    assert!(!plan.steps.is_empty(), "no public IP elsewhere");
    snapshot.waits_for = plan.steps.iter().map(|s| s.id.clone()).collect();
    plan.steps.push(snapshot.clone());
    // The snapshot's job fails, and its server reads without `details` (as while it is
    // queued for delete, `clc-api.md` §4.1): the snapshot is not listed, yet still there.
    h.set_faults(Faults {
        fail_operations_for: vec![server_id.clone()],
        ..Faults::default()
    });
    let server = format!("/{}", server_id.to_ascii_lowercase());
    *h.client.transport().rewrite_answer.borrow_mut() = Some(Box::new(move |request, answer| {
        let url = request.url.to_ascii_lowercase();
        let path = url.split('?').next().unwrap_or_default();
        let read = request.method == clc::Method::Get && url.contains("/v2/servers/");
        if read && path.ends_with(&server) && answer.status == 200 {
            if let Ok(mut body) = serde_json::from_str::<serde_json::Value>(&answer.body) {
                if let Some(object) = body.as_object_mut() {
                    object.remove("details");
                    answer.body = body.to_string();
                }
            }
        }
    }));
    let store = MemoryStore::new();
    let outcome = run_in_one_tab(&h, &store, &plan);
    assert!(
        matches!(outcome, RunOutcome::Incomplete(_)),
        "the run did not end incomplete: {outcome:?}"
    );
    let state = Journal::open(store).unwrap().state().clone();
    let status = state.status_of(&snapshot.id).cloned();
    let Some(StepStatus::Failed { reason }) = status else {
        panic!("the snapshot's delete is recorded {status:?}");
    };
    assert!(reason.contains("deletion failed"), "{reason}");
}

#[test]
fn a_429_on_a_re_read_holds_the_sends_until_its_retry_after() {
    // The first re-read of a public IP.
    a_429_on_a_read_holds_the_sends("/v2/servers/**", "/publicIPAddresses/");
}

/// `n` in base 36, lower case, as the journal's short records write times.
fn base36(mut n: u64) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(std::char::from_digit((n % 36) as u32, 36).unwrap());
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().collect()
}

#[test]
fn deletes_whose_send_was_recorded_by_a_clock_an_hour_ahead_are_looked_at_within_the_usual_wait() {
    let (h, _, plan) = ip_account("large:dcs=1,servers=300,groups=3,ips=60", 20);
    let store = MemoryStore::new();
    let executor = paused_at_the_tenth_delete(&h, &store, &plan);
    drop(executor);
    *h.client.transport().rewrite.borrow_mut() = None;
    // The sends were recorded by a clock an hour ahead (stepped back since, or another
    // machine's): their short records `c:SEQ,AT,s…` and `c:SEQ,AT,a…` carry a later time.
    let hour = 60 * 60_000;
    let mut shifted = 0;
    for (i, record) in store.records().iter().enumerate() {
        let Some(rest) = record.strip_prefix("c:") else {
            continue;
        };
        let mut parts = rest.splitn(3, ',');
        let (Some(seq), Some(at), Some(tail)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        if tail.starts_with('s') || tail.starts_with('a') {
            let at = u64::from_str_radix(at, 36).unwrap() + hour;
            store.overwrite(i, &format!("c:{seq},{},{tail}", base36(at)));
            shifted += 1;
        }
    }
    assert!(shifted >= 2, "{shifted} records shifted");
    let in_flight: Vec<StepId> = Journal::open(store.clone())
        .unwrap()
        .state()
        .steps
        .iter()
        .filter(|(_, r)| {
            matches!(
                r.status,
                StepStatus::Queued { .. } | StepStatus::Executing { .. }
            )
        })
        .map(|(id, _)| id.clone())
        .collect();
    assert!(!in_flight.is_empty(), "nothing in flight at the pause");
    let resumed_at = clc::Clock::now_ms(&h.clock);
    let executor = Executor::resume(&h.client, store.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    let journal = Journal::open(store).unwrap();
    let late: Vec<(StepId, u64)> = journal
        .entries()
        .iter()
        .filter_map(|e| match &e.event {
            Event::Succeeded { step, .. } if in_flight.contains(step) => {
                Some((step.clone(), e.at_ms - resumed_at))
            }
            _ => None,
        })
        .filter(|(_, after)| *after > 30_000)
        .collect();
    assert!(
        late.is_empty(),
        "in flight at the pause, seen done more than 30 s after the resume: {late:?}"
    );
}

#[test]
fn a_429_on_a_group_read_before_its_delete_holds_the_sends_until_its_retry_after() {
    // Longer than the client's own retries wait: the 429 reaches the executor.
    a_429_on_a_group_read_holds_the_sends(120);
}

#[test]
fn a_short_429_on_a_group_read_the_client_waited_out_holds_the_sends() {
    // The client waits 5 s and reads the group again: the executor gets the group, while its
    // other deletes are going out.
    a_429_on_a_group_read_holds_the_sends(5);
}

/// Whether the journal put a step off (`NotAccepted`): in these tests, only because a 429
/// reached the executor, its wait longer than the client's own retries would wait.
fn put_off(store: &MemoryStore) -> bool {
    let journal = Journal::open(store.clone()).unwrap();
    journal
        .entries()
        .iter()
        .any(|e| matches!(e.event, Event::NotAccepted { .. }))
}

/// Whether a 429 asking to wait `retry_after_s` is expected to reach the executor, by the
/// retry policy alone: the client's own retries give up on a wait past their total time.
/// (What the run did is checked by `put_off`.)
fn reaches_the_executor(retry_after_s: u64) -> bool {
    retry_after_s * 1_000 > clc::RetryPolicy::default().max_elapsed_ms
}

/// A group's delete first (its group read again just before it), then public IPs; deletes take
/// 300 ms to answer, and that group read is answered 429 with `Retry-After: retry_after_s`:
/// no delete is sent until it has passed, and every step is deleted once.
fn a_429_on_a_group_read_holds_the_sends(retry_after_s: u64) {
    let (h, inventory, ips) = ip_account("large:dcs=1,servers=600,groups=300,ips=120", 20);
    assert!(ips.steps.len() >= 100, "{} public IPs", ips.steps.len());
    // One group first (read again just before its delete), then the public IPs.
    let group_step = plan_of(&inventory, ResourceKind::Group)
        .steps
        .into_iter()
        .find(|s| matches!(s.call, DeleteCall::Group { .. }))
        .expect("a group delete");
    let mut plan = ips.clone();
    plan.steps.insert(0, group_step.clone());
    let limit = FaultKind::RateLimit { retry_after_s };
    h.set_faults(Faults {
        rules: vec![
            rule("/v2/**", "DELETE", None, slow(300)),
            rule("/v2/groups/**", "GET", Some(1), limit),
        ],
        ..Faults::default()
    });
    let store = MemoryStore::new();
    let outcome = run_in_one_tab(&h, &store, &plan);
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    let limited = first_429(&h, "GET", "/groups/");
    assert_no_deletes_between(&h, limited, limited + retry_after_s * 1_000);
    assert_eq!(put_off(&store), reaches_the_executor(retry_after_s));
    // Every step is still deleted, each once.
    let state = Journal::open(store).unwrap().state().clone();
    for step in &plan.steps {
        let status = state.status_of(&step.id).cloned();
        assert!(
            matches!(status, Some(StepStatus::Succeeded { .. })),
            "{:?} is recorded {status:?}",
            step.id
        );
    }
    assert_each_delete_accepted_once(&h);
}

/// A backup server policy's delete first looks up its account policy, once per run. Two of
/// them start together; the first lookup is answered 429 (`Retry-After: 120`) while the other
/// is still reading: the other's DELETE waits for that hold too, as a send does after any
/// other read (it used to go out as soon as its lookup ended).
#[test]
fn a_429_during_a_backup_policy_s_lookup_holds_the_other_policies_sends() {
    a_429_during_a_backup_lookup_holds_the_sends(120);
}

/// As above with `Retry-After: 30`, which the client waits out itself before reading again:
/// the lookup succeeds, and the 429 still holds the other policy's DELETE.
#[test]
fn a_short_429_during_a_backup_lookup_the_client_waited_out_holds_the_sends() {
    a_429_during_a_backup_lookup_holds_the_sends(30);
}

fn a_429_during_a_backup_lookup_holds_the_sends(retry_after_s: u64) {
    let (h, plan) = backup_account();
    assert!(
        plan.steps.len() >= 2,
        "{} backup policies",
        plan.steps.len()
    );
    let limit = FaultKind::RateLimit { retry_after_s };
    h.set_faults(Faults {
        rules: vec![
            rule("/backup/**", "GET", None, slow(2_000)),
            rule("/backup/**", "GET", Some(1), limit),
        ],
        ..Faults::default()
    });
    let store = MemoryStore::new();
    let outcome = run_in_one_tab(&h, &store, &plan);
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    let limited = first_429(&h, "GET", "/backup/");
    assert_no_deletes_between(&h, limited, limited + retry_after_s * 1_000);
    assert_eq!(put_off(&store), reaches_the_executor(retry_after_s));
    assert!(
        !deletes_sent(&h).is_empty(),
        "the policies are deleted in the end"
    );
    assert_each_delete_accepted_once(&h);
}

/// A backup policy's account policy cannot be looked up (its first read answered 500 as many
/// times as the client tries it): no DELETE leaves, so none is journaled as sent (a `Sending`
/// says a delete may be on the wire, and is followed as one); the policies are deleted once
/// the lookup works, each `Sending` matched by a DELETE.
#[test]
fn a_backup_lookup_that_fails_journals_no_send() {
    let (h, plan) = backup_account();
    let tries = clc::RetryPolicy::default().max_attempts;
    let broken = FaultKind::Status { status: 500 };
    h.set_faults(Faults {
        rules: vec![rule("/backup/**", "GET", Some(tries), broken)],
        ..Faults::default()
    });
    // One lookup at a time: the first one meets every 500.
    let one_at_a_time = ExecutorConfig {
        concurrency: 1,
        ..config("tab-1")
    };
    let store = MemoryStore::new();
    let executor = Executor::start(&h.client, store.clone(), plan.clone(), one_at_a_time).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    let journal = Journal::open(store).unwrap();
    let entries = journal.entries();
    let sendings = entries
        .iter()
        .filter(|e| matches!(e.event, Event::Sending { .. }))
        .count();
    // The failed lookup put its step off (so the run met it), and no send was left unanswered.
    assert!(
        entries.iter().any(|e| matches!(&e.event,
            Event::NotAccepted { reason, .. } if reason.contains("account policy is looked up"))),
        "no step was put off for its failed lookup"
    );
    assert!(
        !entries
            .iter()
            .any(|e| matches!(e.event, Event::Unanswered { .. })),
        "a send was recorded unanswered"
    );
    assert_eq!(sendings, deletes_sent(&h).len(), "a Sending with no DELETE");
    assert_eq!(deletes_sent(&h).len(), plan.steps.len());
    assert_each_delete_accepted_once(&h);
}
