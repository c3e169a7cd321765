//! The reads made just before a delete (a backup policy's account policy, a group's contents)
//! that keep failing: each step is put off for longer and longer (doubled per failure in a
//! row, up to the longest round wait), journaled once per streak. Ten minutes of failures
//! leave a bounded journal (browser storage holds a few million characters) and a bounded
//! number of requests; the steps are deleted once the reads work again. A read that is refused
//! or whose answer cannot be read fails its step unsent, and the run ends.

mod support;
mod support_exec;

use clc::Clock;
use clc_sim::{FaultKind, Faults, Scenario};
use closure::execute::ExecutorConfig;
use closure::inventory::ResourceKind;
use closure::journal::{Event, Journal, RunState, StepStatus};
use closure::plan::StepId;
use closure::{Executor, MemoryStore, Plan, RunOutcome};

use support::{Harness, BASE};
use support_exec::{
    assert_each_delete_accepted_once, assert_no_deletes_between, backup_account, config,
    deletes_sent, first_429, plan_of, public_ip_plan, rule, scanned_plan,
};

/// How long the reads fail, on the harness's clock.
const BROKEN_MS: u64 = 10 * 60_000;

/// Runs `plan` in one tab while the GETs to `route` answer 500, for [`BROKEN_MS`]; then they
/// work again and the run goes on to its end.
fn run_with_reads_broken(h: &Harness, store: &MemoryStore, plan: &Plan, route: &str) -> RunOutcome {
    h.set_faults(Faults {
        rules: vec![rule(route, "GET", None, FaultKind::Status { status: 500 })],
        ..Faults::default()
    });
    let executor =
        Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1")).unwrap();
    let mend = async {
        h.clock.sleep(BROKEN_MS).await;
        h.set_faults(Faults::default());
    };
    let (outcome, ()) = h.clock.run(futures::future::join(executor.run(), mend));
    outcome.unwrap()
}

/// The journal's put-offs (`NotAccepted`) whose reason contains `part`.
fn put_offs(store: &MemoryStore, part: &str) -> usize {
    let journal = Journal::open(store.clone()).unwrap();
    journal
        .entries()
        .iter()
        .filter(|e| matches!(&e.event, Event::NotAccepted { reason, .. } if reason.contains(part)))
        .count()
}

/// The run's failed steps, each with how many times its delete was sent.
fn failed_steps(state: &RunState) -> Vec<(StepId, u32)> {
    state
        .steps
        .iter()
        .filter(|(_, r)| matches!(r.status, StepStatus::Failed { .. }))
        .map(|(id, r)| (id.clone(), r.sends))
        .collect()
}

/// GETs to a path containing `path_part` answered 500.
fn failed_reads(h: &Harness, path_part: &str) -> usize {
    let traffic = h.traffic.borrow();
    traffic
        .log
        .iter()
        .filter(|(_, m, path, status)| m == "GET" && path.contains(path_part) && *status == 500)
        .count()
}

/// Once the reads of `read_part` work again, the first DELETE goes out within the longest
/// round wait (`poll_max_ms`, where the doubling stops) and the client's longest wait before a
/// retry (a try under way when they mend retries once more), plus a second for the reads and
/// the delete themselves, on the simulator's clock. The run started no later than its first
/// failed read, so they mended no later than [`BROKEN_MS`] after it.
fn assert_resumed_within_the_cap(h: &Harness, read_part: &str) {
    let traffic = h.traffic.borrow();
    let failed: Vec<u64> = traffic
        .log
        .iter()
        .filter(|(_, m, path, status)| m == "GET" && path.contains(read_part) && *status == 500)
        .map(|(at, ..)| *at)
        .collect();
    let (Some(&first), Some(&last)) = (failed.first(), failed.last()) else {
        panic!("no failed reads of {read_part}");
    };
    let resumed = traffic
        .log
        .iter()
        .find(|(at, m, ..)| m == "DELETE" && *at > last)
        .map(|(at, ..)| *at);
    let bound = first
        + BROKEN_MS
        + ExecutorConfig::default().poll_max_ms
        + clc::RetryPolicy::default().max_delay_ms
        + 1_000;
    assert!(
        resumed.is_some_and(|at| at <= bound),
        "first failed read at {first}, first DELETE after the last one at {resumed:?}, \
         bound {bound}"
    );
}

/// The most tries of one step's read in [`BROKEN_MS`] when its waits double from
/// `poll_initial_ms` up to `poll_max_ms` (the client's own retries of each try come on top).
fn doubling_tries() -> usize {
    let config = ExecutorConfig::default();
    let (mut wait, mut at, mut tries) = (config.poll_initial_ms, 0, 1);
    while at + wait <= BROKEN_MS {
        at += wait;
        tries += 1;
        wait = (wait * 2).min(config.poll_max_ms);
    }
    tries
}

#[test]
fn a_backup_lookup_that_keeps_failing_is_put_off_longer_each_time_and_journaled_once() {
    let (h, plan) = backup_account();
    assert!(
        plan.steps.len() >= 2,
        "{} backup policies",
        plan.steps.len()
    );
    let store = MemoryStore::new();
    let outcome = run_with_reads_broken(&h, &store, &plan, "/backup/**");
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    // One put-off journaled per policy (its one streak), however many tries failed.
    assert_eq!(
        put_offs(&store, "account policy is looked up"),
        plan.steps.len()
    );
    // Each policy's lookups no more often than the doubling allows (the client's own retries
    // of each try come on top).
    let attempts = clc::RetryPolicy::default().max_attempts as usize;
    let tries = plan.steps.len() * doubling_tries();
    let failed = failed_reads(&h, "/backup/");
    assert!(
        failed <= tries * attempts,
        "{failed} lookups answered 500, {tries} tries allowed"
    );
    assert_eq!(deletes_sent(&h).len(), plan.steps.len());
    assert_resumed_within_the_cap(&h, "/backup/");
    assert_each_delete_accepted_once(&h);
}

#[test]
fn a_group_read_that_keeps_failing_is_put_off_longer_each_time_and_journaled_once() {
    let h = Harness::new(Scenario::Demo, 20);
    let (inventory, _) = scanned_plan(&h);
    let plan = plan_of(&inventory, ResourceKind::Group);
    let groups = plan
        .steps
        .iter()
        .filter(|s| matches!(s.call, closure::plan::DeleteCall::Group { .. }))
        .count();
    assert!(groups >= 1, "no group deletes in {:?}", plan.steps);
    let store = MemoryStore::new();
    let outcome = run_with_reads_broken(&h, &store, &plan, "/v2/groups/**");
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    assert_eq!(put_offs(&store, "the group is read again"), groups);
    let attempts = clc::RetryPolicy::default().max_attempts as usize;
    let tries = groups * doubling_tries();
    let failed = failed_reads(&h, "/v2/groups/");
    assert!(
        failed <= tries * attempts,
        "{failed} group reads answered 500, {tries} tries allowed"
    );
    assert_resumed_within_the_cap(&h, "/v2/groups/");
    assert_each_delete_accepted_once(&h);
}

/// A DELETE answered 429 with no `Retry-After` (as CLC answers, clc-api.md §0.7) while other
/// deletes are in the queue: the client holds every send for its longest backoff
/// (`max_delay_ms`, 8 s), so no DELETE goes out before that; and the round wakes when the hold
/// ends, so the next DELETE goes out promptly then (within a quarter of the first round wait),
/// not whenever the next look or round wait happens to come.
#[test]
fn a_delete_429_without_retry_after_holds_the_sends_and_they_resume_when_it_ends() {
    let h = Harness::new(Scenario::Demo, 20);
    let (inventory, _) = scanned_plan(&h);
    let plan = public_ip_plan(&inventory);
    assert!(plan.steps.len() >= 2, "{} public IPs", plan.steps.len());
    // The other deletes stay in the queue meanwhile (the rounds follow them).
    h.sim.borrow_mut().set_queue_timing(clc_sim::QueueTiming {
        not_started_ms: 1_000,
        executing_ms: 60_000,
        jitter_ms: 0,
    });
    let last = plan.steps.last().unwrap();
    let last = last.call.request(h.client.endpoints(), plan.alias_of(last));
    let last_path = last.url.trim_start_matches(BASE).to_string();
    h.set_faults(Faults {
        rules: vec![rule(
            &last_path,
            "DELETE",
            Some(1),
            FaultKind::RateLimitWithoutRetryAfter,
        )],
        ..Faults::default()
    });
    let store = MemoryStore::new();
    let executor =
        Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    let limited = first_429(&h, "DELETE", "/publicIPAddresses/");
    let hold = clc::RetryPolicy::default().max_delay_ms;
    assert_no_deletes_between(&h, limited, limited + hold);
    let next = deletes_sent(&h).into_iter().find(|&at| at > limited);
    // The wake at the hold's end sends it at once; without it, the next round came with the
    // next look at the deletes in the queue (about a second later here).
    let prompt = ExecutorConfig::default().poll_initial_ms / 4;
    assert!(
        next.is_some_and(|at| at <= limited + hold + prompt),
        "429 at {limited}, held {hold} ms; next DELETE at {next:?}"
    );
    assert_each_delete_accepted_once(&h);
}

/// A lookup whose answer cannot be read (its JSON cut short) fails its step where the
/// customer sees it: nothing was sent, and the run settles rather than reading again for as
/// long as the tab is open (a loop that cannot end is worse than one click). The customer's
/// Retry reads again and sends it.
#[test]
fn a_backup_lookup_whose_answer_cannot_be_read_fails_its_step_for_a_retry() {
    let (h, plan) = backup_account();
    h.set_faults(Faults {
        rules: vec![rule("/backup/**", "GET", Some(1), FaultKind::Truncated)],
        ..Faults::default()
    });
    let store = MemoryStore::new();
    let executor =
        Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Incomplete(_)), "{outcome:?}");
    let failed = failed_steps(&executor.state());
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(
        failed[0].1, 0,
        "a step whose lookup failed was recorded sent"
    );
    executor.retry(&failed[0].0).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    assert_eq!(deletes_sent(&h).len(), plan.steps.len());
    assert_each_delete_accepted_once(&h);
}

/// A backup policy already put off (its lookups answered 500 past the client's retries) whose
/// next lookup's answer cannot be read: the step fails, and its wait to be tried again ends
/// with it, so the run settles in a few rounds (a failed step left waiting kept the rounds
/// coming a millisecond apart until the round limit).
#[test]
fn a_put_off_backup_lookup_whose_next_answer_cannot_be_read_fails_and_the_run_ends() {
    let (h, plan) = backup_account();
    h.set_faults(Faults {
        rules: vec![rule(
            "/backup/**",
            "GET",
            None,
            FaultKind::Status { status: 500 },
        )],
        ..Faults::default()
    });
    let store = MemoryStore::new();
    let executor =
        Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1")).unwrap();
    // Once every policy is put off, the next lookup's answer is cut short.
    let started = h.clock.now_ms();
    let cut_short = async {
        while put_offs(&store, "account policy is looked up") < plan.steps.len() {
            assert!(
                h.clock.now_ms() - started < BROKEN_MS,
                "{} of {} policies put off after {BROKEN_MS} ms",
                put_offs(&store, "account policy is looked up"),
                plan.steps.len()
            );
            h.clock.sleep(100).await;
        }
        h.set_faults(Faults {
            rules: vec![rule("/backup/**", "GET", Some(1), FaultKind::Truncated)],
            ..Faults::default()
        });
    };
    let (outcome, ()) = h
        .clock
        .run(futures::future::join(executor.run(), cut_short));
    let outcome = outcome.unwrap();
    assert!(matches!(outcome, RunOutcome::Incomplete(_)), "{outcome:?}");
    assert_eq!(
        put_offs(&store, "account policy is looked up"),
        plan.steps.len()
    );
    let failed = failed_steps(&executor.state()).len();
    assert_eq!(failed, 1);
    assert_eq!(deletes_sent(&h).len(), plan.steps.len() - 1);
    let rounds = executor.rounds();
    assert!(rounds < 100, "{rounds} rounds");
}

/// A group whose read before its delete is refused (403): nothing can show what the group
/// holds now, so its step fails with no DELETE sent, and the run ends for the customer to
/// retry it, rather than reading again as long as the tab is open.
#[test]
fn a_group_read_that_is_refused_fails_its_step_unsent_and_the_run_ends() {
    let h = Harness::new(Scenario::Demo, 20);
    let (inventory, _) = scanned_plan(&h);
    let plan = plan_of(&inventory, ResourceKind::Group);
    let groups = plan
        .steps
        .iter()
        .filter(|s| matches!(s.call, closure::plan::DeleteCall::Group { .. }))
        .count();
    assert!(groups >= 1, "no group deletes in {:?}", plan.steps);
    h.set_faults(Faults {
        rules: vec![rule(
            "/v2/groups/**",
            "GET",
            None,
            FaultKind::Status { status: 403 },
        )],
        ..Faults::default()
    });
    let store = MemoryStore::new();
    let executor =
        Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Incomplete(_)), "{outcome:?}");
    let failed = failed_steps(&executor.state())
        .into_iter()
        .filter(|(id, sends)| id.0.starts_with("group:") && *sends == 0)
        .count();
    assert_eq!(failed, groups);
    let group_deletes = h
        .traffic
        .borrow()
        .log
        .iter()
        .filter(|(_, m, path, _)| m == "DELETE" && path.contains("/v2/groups/"))
        .count();
    assert_eq!(group_deletes, 0);
}

/// The list of account policies answered 404: that shows no backup policy gone (the list was
/// not found, not a policy), so none is recorded gone; each step fails unsent, for the
/// customer to retry.
#[test]
fn a_404_on_the_account_policy_list_records_no_backup_policy_gone() {
    a_404_on_a_backup_list_records_no_backup_policy_gone("");
}

/// The same for the lists of an account policy's server policies: account policies are never
/// deleted (only deactivated), so a 404 there shows no server policy gone either.
#[test]
fn a_404_on_the_server_policy_lists_records_no_backup_policy_gone() {
    a_404_on_a_backup_list_records_no_backup_policy_gone("/*/serverPolicies");
}

/// Every GET of the account policies' list, with `below` appended to its path, answers 404.
fn a_404_on_a_backup_list_records_no_backup_policy_gone(below: &str) {
    let (h, plan) = backup_account();
    let list = h.client.endpoints().backup_url("/accountPolicies");
    let list = format!("{}{below}", list.trim_start_matches(BASE));
    h.set_faults(Faults {
        rules: vec![rule(&list, "GET", None, FaultKind::Status { status: 404 })],
        ..Faults::default()
    });
    let store = MemoryStore::new();
    let executor =
        Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Incomplete(_)), "{outcome:?}");
    let state = executor.state();
    let failed_unsent = failed_steps(&state)
        .into_iter()
        .filter(|(_, sends)| *sends == 0)
        .count();
    assert_eq!(failed_unsent, plan.steps.len(), "{:?}", state.steps);
    assert!(deletes_sent(&h).is_empty());
    let answered_404 = h
        .traffic
        .borrow()
        .log
        .iter()
        .filter(|(_, m, path, status)| {
            m == "GET" && path.contains("accountPolicies") && *status == 404
        })
        .filter(|(_, _, path, _)| below.is_empty() || path.contains("/serverPolicies"))
        .count();
    assert!(
        answered_404 > 0,
        "no list answered 404 (the fault's route matched nothing)"
    );
}
