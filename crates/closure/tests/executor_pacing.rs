//! How the executor paces its sends and its looks at what is in flight, under conditions a
//! faster schedule must not break: a 429 holds every later send back until its Retry-After has
//! passed; a delete that worked is not failed while the service still lists its resource for a
//! few seconds; a failed job is reported from its own status while many other deletes wait
//! for a slow re-read; operations whose status cannot be read do not keep the others from
//! being looked at; a backlog of re-reads is read in later rounds rather than polled
//! meanwhile, never more than six requests at once; and a failed job behind re-reads so slow
//! that rounds take seconds is still polled once long past due.

mod support;
mod support_exec;

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use clc_sim::{FaultKind, Faults};
use closure::journal::{Event, Journal};
use closure::plan::{DeleteCall, StepId};
use closure::{Executor, MemoryStore, RunOutcome};

use support_exec::{
    answered_429, assert_each_delete_accepted_once, assert_no_deletes_between, config, ip_account,
    rule, run_in_one_tab,
};

/// The journal's entries, in order, as (step, succeeded) for each step's outcome.
fn outcomes(store: MemoryStore) -> Vec<(StepId, bool)> {
    Journal::open(store)
        .unwrap()
        .entries()
        .iter()
        .filter_map(|e| match &e.event {
            Event::Succeeded { step, .. } => Some((step.clone(), true)),
            Event::Failed { step, .. } => Some((step.clone(), false)),
            _ => None,
        })
        .collect()
}

fn is_public_ip_read(request: &clc::Request) -> bool {
    request.method == clc::Method::Get
        && request
            .url
            .to_ascii_lowercase()
            .contains("/publicipaddresses/")
}

#[test]
fn after_a_429_no_delete_is_sent_before_its_retry_after_has_passed() {
    const LATENCY_MS: u64 = 200;
    let (h, _, plan) = ip_account("large:dcs=1,servers=600,groups=6,ips=120", LATENCY_MS);
    assert!(plan.steps.len() >= 100, "{} public IPs", plan.steps.len());
    // Every ninth delete sent is answered 429 with `Retry-After: 1` (the service's busy
    // moments, spread over the whole run).
    let (sim, deletes) = (h.sim.clone(), Rc::new(Cell::new(0u32)));
    *h.client.transport().rewrite.borrow_mut() = Some(Box::new(move |request| {
        if request.method != clc::Method::Delete {
            return;
        }
        deletes.set(deletes.get() + 1);
        if deletes.get() % 9 == 0 {
            let limit = FaultKind::RateLimit { retry_after_s: 1 };
            sim.borrow_mut().set_faults(Faults {
                rules: vec![rule("/v2/**", "DELETE", Some(1), limit)],
                ..Faults::default()
            });
        }
    }));
    let executor =
        Executor::start(&h.client, MemoryStore::new(), plan.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");

    let limited = answered_429(&h, "DELETE", "");
    assert!(
        limited.len() >= 10,
        "{} deletes answered 429",
        limited.len()
    );
    // No delete sent after a 429 was answered, and before its Retry-After had passed.
    for answered in limited {
        assert_no_deletes_between(&h, answered, answered + 1_000);
    }
    assert_each_delete_accepted_once(&h);
}

#[test]
fn a_delete_that_worked_is_not_failed_while_the_service_still_lists_it_for_seven_seconds() {
    const LAG_MS: u64 = 7_000;
    let (h, _, plan) = ip_account("large:dcs=1,servers=1800,groups=6,ips=360", 200);
    assert!(plan.steps.len() >= 300, "{} public IPs", plan.steps.len());
    // A public IP whose delete is done still reads as there for seven seconds after the first
    // read that would have found it gone.
    let first_gone: Rc<RefCell<BTreeMap<String, u64>>> = Rc::default();
    let (seen, clock) = (first_gone.clone(), h.clock.clone());
    *h.client.transport().rewrite_answer.borrow_mut() = Some(Box::new(move |request, answer| {
        if !is_public_ip_read(request) || answer.status != 404 {
            return;
        }
        let now = clc::Clock::now_ms(&clock);
        let since = *seen.borrow_mut().entry(request.url.clone()).or_insert(now);
        if now < since + LAG_MS {
            *answer = clc::Response::new(200, "{}");
        }
    }));
    let store = MemoryStore::new();
    let outcome = run_in_one_tab(&h, &store, &plan);
    let failed = |o: &(StepId, bool)| (!o.1).then(|| o.0.clone());
    let failed: Vec<StepId> = outcomes(store).iter().filter_map(failed).collect();
    assert!(failed.is_empty(), "reported failed: {failed:?}");
    let RunOutcome::Finished(ledger) = outcome else {
        panic!("the run did not finish");
    };
    assert_eq!(ledger.removed.len(), plan.steps.len());
    assert!(
        first_gone.borrow().len() >= plan.steps.len(),
        "every public IP read as still there after its delete"
    );
}

#[test]
fn a_failed_job_is_reported_from_its_status_while_slow_re_reads_wait() {
    let (h, _, plan) = ip_account("large:dcs=1,servers=300,groups=3,ips=60", 20);
    let steps = plan.steps.len();
    assert!(steps >= 50, "{steps} public IPs");
    // The last public IP sent: its job fails. Every read of a public IP takes a second.
    let last = plan.steps.last().unwrap();
    let DeleteCall::PublicIp { ip, .. } = &last.call else {
        panic!("{:?}", last.call);
    };
    let slow = FaultKind::Latency {
        ms: 1_000,
        jitter_ms: 0,
    };
    h.set_faults(Faults {
        fail_operations_for: vec![ip.clone()],
        rules: vec![rule("/v2/servers/**", "GET", None, slow)],
        ..Faults::default()
    });
    let store = MemoryStore::new();
    h.traffic.borrow_mut().max_in_flight = 0;
    let outcome = run_in_one_tab(&h, &store, &plan);
    // The re-reads left for later rounds and the polls instead stay within the limit.
    assert!(h.traffic.borrow().max_in_flight <= 6);
    let RunOutcome::Incomplete(ledger) = outcome else {
        panic!("the run did not end incomplete");
    };
    assert_eq!(ledger.failed.len(), 1, "{:?}", ledger.failed);
    let reason = ledger.failed[0].reason.clone().unwrap_or_default();
    assert!(reason.contains("deletion failed"), "{reason}");
    // The failure was reported from the job's status before half of the other deletes had
    // been confirmed by their (slow) re-reads.
    let outcomes = outcomes(store);
    let failed_at = outcomes
        .iter()
        .position(|(step, succeeded)| *step == last.id && !succeeded)
        .expect("the failure is in the journal");
    assert!(
        failed_at < steps / 2,
        "the failure came after {failed_at} of {steps} outcomes"
    );
}

#[test]
fn operations_whose_status_cannot_be_read_do_not_keep_the_others_from_being_looked_at() {
    let (h, _, plan) = ip_account("large:dcs=1,servers=100,groups=2,ips=20", 20);
    assert!(plan.steps.len() >= 16, "{} public IPs", plan.steps.len());
    // The status of the first six deletes sent cannot be read for ten minutes (500s).
    let (traffic, clock) = (h.traffic.clone(), h.clock.clone());
    let until = clc::Clock::now_ms(&h.clock) + 600_000;
    *h.client.transport().rewrite_answer.borrow_mut() = Some(Box::new(move |request, answer| {
        let url = request.url.to_ascii_lowercase();
        if !url.contains("/operations/") || clc::Clock::now_ms(&clock) >= until {
            return;
        }
        let id = url.rsplit('/').next().unwrap_or_default().to_string();
        let stuck = traffic
            .borrow()
            .destructive_answers
            .iter()
            .take(6)
            .any(|(.., body)| body.to_ascii_lowercase().contains(&id));
        if stuck {
            *answer = clc::Response::new(500, r#"{"message":"An error has occurred."}"#);
        }
    }));
    let store = MemoryStore::new();
    let outcome = run_in_one_tab(&h, &store, &plan);
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    let first_six: BTreeSet<String> = {
        let traffic = h.traffic.borrow();
        traffic
            .destructive_answers
            .iter()
            .take(6)
            .map(|(_, path, ..)| path.to_ascii_lowercase())
            .collect()
    };
    let stuck = |step: &StepId| {
        let call = &plan.steps.iter().find(|s| s.id == *step).unwrap().call;
        let DeleteCall::PublicIp { ip, .. } = call else {
            return false;
        };
        first_six
            .iter()
            .any(|p| p.ends_with(&ip.to_ascii_lowercase()))
    };
    // Every other delete was confirmed before any of the six stuck ones.
    let order: Vec<bool> = outcomes(store).iter().map(|(s, _)| stuck(s)).collect();
    let others = order.iter().filter(|s| !**s).count();
    assert_eq!(order.iter().filter(|s| **s).count(), 6, "{order:?}");
    assert!(
        order.iter().take(others).all(|s| !s),
        "outcomes in order, true for the stuck six: {order:?}"
    );
}

#[test]
fn a_backlog_of_re_reads_is_read_not_polled_and_never_more_than_six_requests_go_at_once() {
    // A thousand public IPs take longer to send than a delete waits in the queue: the deletes
    // due for their re-read pile up behind the sends (the bench's 10,000-server deletion, in
    // small), and the rounds' budgets leave many of them for a later round.
    let (h, _, plan) = ip_account("large:dcs=2,servers=5000,groups=20,ips=1000", 50);
    let deletes = plan.steps.len();
    assert!(deletes >= 1_000, "{deletes} public IPs");
    let limit = config("tab-1").concurrency;
    assert_eq!(limit, 6, "a browser's connections to one host");
    let from = h.traffic.borrow().log.len();
    h.traffic.borrow_mut().max_in_flight = 0;
    let outcome = run_in_one_tab(&h, &MemoryStore::new(), &plan);
    let RunOutcome::Finished(ledger) = outcome else {
        panic!("the run did not finish: {outcome:?}");
    };
    assert_eq!(ledger.removed.len(), deletes);
    let traffic = h.traffic.borrow();
    let reads = |polls: bool| {
        traffic.log[from..]
            .iter()
            .filter(|(_, m, p, _)| m == "GET" && p.contains("/operations/") == polls)
            .count()
    };
    // Each delete verified by one re-read; statuses polled only for the first few deletes
    // (which tell how long the queue takes), not for those a later round's re-read confirmed.
    // The probes are the first `limit` deletes, each polled from `poll_initial_ms` after its
    // send until one is seen done (5 s in the simulator's queue): at most about two polls
    // each (10 here), whereas polling the backlog meanwhile would cost hundreds.
    assert_eq!(reads(false), deletes, "re-reads");
    let polls = reads(true);
    assert!(
        polls <= 2 * limit,
        "{polls} status polls for {deletes} deletes"
    );
    assert!(
        traffic.max_in_flight <= limit,
        "{} requests in flight at once",
        traffic.max_in_flight
    );
}

#[test]
fn a_failed_job_behind_a_backlog_of_very_slow_re_reads_is_polled_once_long_past_due() {
    // 120 public IPs whose every read takes 8 s: each round's re-reads end with a read that
    // took 8 s, so that three rounds in a row leaving a re-read first unread take far longer
    // than the longest interval between looks. Every twelfth delete's job fails.
    const READ_MS: u64 = 8_000;
    let (h, _, plan) = ip_account("large:dcs=1,servers=600,groups=6,ips=120", 50);
    let failing: Vec<String> = plan
        .steps
        .iter()
        .step_by(12)
        .map(|step| match &step.call {
            DeleteCall::PublicIp { ip, .. } => ip.clone(),
            call => panic!("{call:?}"),
        })
        .collect();
    let slow = FaultKind::Latency {
        ms: READ_MS,
        jitter_ms: 0,
    };
    h.set_faults(Faults {
        fail_operations_for: failing.clone(),
        rules: vec![rule("/v2/servers/**", "GET", None, slow)],
        ..Faults::default()
    });
    let store = MemoryStore::new();
    let outcome = run_in_one_tab(&h, &store, &plan);
    let RunOutcome::Incomplete(ledger) = outcome else {
        panic!("the run did not end incomplete");
    };
    assert_eq!(ledger.failed.len(), failing.len(), "{:?}", ledger.failed);
    // Each failure reported at most `poll_max_ms` after its re-read first came due (itself at
    // most `poll_max_ms` after the send) and one round later (its re-reads, ended by an 8 s
    // read; the polls' and the sends' budgets; the wait before it). Without that cap, the
    // third round in a row came later (46 s).
    let c = config("tab-1");
    let bound = 2 * c.poll_max_ms + READ_MS + 2 * c.send_budget_ms + c.poll_initial_ms;
    let mut accepted = BTreeMap::new();
    for entry in Journal::open(store).unwrap().entries() {
        match &entry.event {
            Event::Accepted { step, .. } => {
                accepted.insert(step.clone(), entry.at_ms);
            }
            Event::Failed { step, .. } => {
                let after = entry.at_ms - accepted[step];
                assert!(after <= bound, "{step:?} failed {after} ms after its send");
            }
            _ => {}
        }
    }
}
