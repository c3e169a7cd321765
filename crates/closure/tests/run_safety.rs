//! The deletion run's safety, each case a way the run could break "nothing unplanned, unsaved
//! or twice", against the in-process simulator on the virtual clock:
//! - a duplicated tab (same owner id, copied sessionStorage) cannot run the journal while the
//!   first tab holds the run: it is refused before anything is sent;
//! - a tab whose lock record was taken over during one slow round sends nothing more;
//! - a closed run whose tab left its lock record behind can be started over once it is stale;
//! - a public IP or snapshot whose delete's answer was lost is not sent again while the queue
//!   may still be holding it; only its first look is stored, and after a reload it is looked
//!   at again at once and that look is stored;
//! - a group that gained a server after the scan is not deleted (it would take the server);
//! - nor one whose tree holds a server record that does not decode (it could be any server),
//!   and such a group never reads as being deleted because its other servers are queued;
//! - a snapshot id `..` (which would make its delete the server's) is never sent.

mod support;
mod support_exec;

use std::cell::RefCell;
use std::rc::Rc;

use clc::TransportError;
use clc_sim::{FaultKind, FaultRule, Faults, QueueTiming, Scenario};
use closure::journal::{JournalStore, LockError};
use closure::plan::{Selection, Step};
use closure::{ExecError, Executor, ExecutorConfig, MemoryStore, Plan, RunGuard, RunOutcome};
use closure::{Inventory, ResourceId, ResourceKind, TabLocks};
use serde_json::Value;

use support::{drop_server_id, Harness, BASE};
use support_exec::{
    accepted_deletes, assert_each_delete_accepted_once, config, is_destructive, scanned_plan,
};

const RUN_LOCK: &str = "offboard.run.DEMO";

fn guarded(owner: &str, guard: RunGuard) -> ExecutorConfig {
    ExecutorConfig {
        guard,
        ..config(owner)
    }
}

/// Destructive requests the simulator received at or after `from_ms` (virtual, since start).
fn destructive_since(h: &Harness, from_ms: u64) -> Vec<String> {
    h.traffic
        .borrow()
        .log
        .iter()
        .filter(|(at, method, path, _)| *at >= from_ms && is_destructive(method, path))
        .map(|(at, method, path, _)| format!("{at} {method} {path}"))
        .collect()
}

#[test]
fn a_duplicated_tab_cannot_run_the_journal_while_the_first_tab_holds_the_run() {
    let h = Harness::new(Scenario::Demo, 0);
    let store = MemoryStore::new();
    let locks = TabLocks::default();
    let (_, plan) = scanned_plan(&h);
    let held = locks
        .try_hold(RUN_LOCK)
        .expect("the first tab gets the run");
    let first = Executor::start(
        &h.client,
        store.clone(),
        plan.clone(),
        guarded("tab-1", held.guard()),
    )
    .unwrap();

    // The duplicate copied the first tab's sessionStorage: the same owner id, so the journal's
    // lock record would let it in. It cannot get the Web Lock, so it never gets an executor.
    assert!(locks.try_hold(RUN_LOCK).is_none());
    let not_held = guarded("tab-1", RunGuard::new(|| false));
    for refused in [
        Executor::resume(&h.client, store.clone(), not_held.clone()).map(|_| ()),
        Executor::start(&h.client, MemoryStore::new(), plan.clone(), not_held).map(|_| ()),
    ] {
        assert_eq!(refused, Err(ExecError::Lock(LockError::NotHeld)));
    }

    let outcome = h.clock.run(first.drive()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    assert_each_delete_accepted_once(&h);
    // Once the first tab lets go (its page closed), another tab may hold the run.
    drop(held);
    assert!(locks.try_hold(RUN_LOCK).is_some());
}

#[test]
fn a_tab_that_lost_the_run_during_a_slow_round_sends_nothing_more() {
    let h = Harness::new(Scenario::Demo, 0);
    let store = MemoryStore::new();
    let (_, plan) = scanned_plan(&h);
    // Every delete takes 70 s to answer: one round outlasts the 60 s after which the lock
    // record looks stale to another tab.
    h.set_faults(Faults {
        rules: vec![FaultRule {
            route: None,
            method: Some("DELETE".into()),
            times: None,
            fault: FaultKind::Latency {
                ms: 70_000,
                jitter_ms: 0,
            },
        }],
        ..Faults::default()
    });
    let first = Executor::start(&h.client, store.clone(), plan, config("tab-1")).unwrap();
    let taken_at = 65_000;
    let (outcome, _) = h.clock.run(async {
        futures::join!(first.run(), async {
            clc::Clock::sleep(&h.clock, taken_at).await;
            let mut take_over = config("tab-2");
            take_over.take_over_stale_lock = true;
            Executor::resume(&h.client, store.clone(), take_over).expect("stale: taken over")
        })
    });
    assert!(
        matches!(outcome, Err(ExecError::Lock(LockError::Lost { .. }))),
        "{outcome:?}"
    );
    assert_eq!(
        destructive_since(&h, taken_at),
        Vec::<String>::new(),
        "the first tab sent after the take-over"
    );
}

#[test]
fn a_closed_run_whose_tab_left_its_lock_behind_can_be_started_over_once_it_is_stale() {
    let h = Harness::new(Scenario::Demo, 0);
    let store = MemoryStore::new();
    let (_, plan) = scanned_plan(&h);
    let first = Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1")).unwrap();
    first.handle().stop();
    let outcome = h.clock.run(first.drive()).unwrap();
    assert!(matches!(outcome, RunOutcome::Stopped(_)), "{outcome:?}");
    // The tab closed during its closing re-read: the run is closed, its lock record is not.
    let mut trace = store.clone();
    let left = format!(
        r#"{{"runId":"tab-1-1","owner":"tab-1","heartbeatMs":{}}}"#,
        clc::Clock::now_ms(&h.clock)
    );
    trace.write_lock(Some(&left)).unwrap();

    let fresh = Executor::start(&h.client, store.clone(), plan.clone(), config("tab-2"));
    assert!(
        matches!(
            fresh,
            Err(ExecError::Lock(LockError::Held { stale: false, .. }))
        ),
        "a fresh record still keeps a second tab out"
    );
    h.wait(61_000);
    let again = Executor::start(&h.client, store.clone(), plan, config("tab-2"))
        .expect("a stale record of a closed run is taken over");
    let outcome = h.clock.run(again.drive()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
}

#[test]
fn a_lost_answer_on_a_public_ip_or_snapshot_is_not_sent_again_while_the_queue_may_hold_it() {
    let h = Harness::new(Scenario::Demo, 0);
    let (inventory, _) = scanned_plan(&h);
    let ip = first(&inventory, ResourceKind::PublicIp);
    let snap = first(&inventory, ResourceKind::Snapshot);
    let plan = Plan::build(
        &inventory,
        &Selection::none()
            .deleting_unmarked_data()
            .with(ip.clone())
            .with(snap.clone()),
    );
    assert_eq!(plan.steps.len(), 2, "{:?}", plan.steps);
    // The queue takes ten minutes: the IP and the snapshot read as present all that time.
    slow_queue(&h);
    // Every delete is carried out, and its answer is lost on the way back.
    lose_delete_answers(&h);
    let store = MemoryStore::new();
    // What the page is told: every look's next look, stored or not.
    let told = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let executor = Executor::start(&h.client, store.clone(), plan, config("tab-1"))
        .unwrap()
        .on_transition({
            let told = told.clone();
            move |entry| {
                if let closure::journal::Event::Unanswered {
                    step,
                    next_look_ms: Some(next),
                    ..
                } = &entry.event
                {
                    told.borrow_mut().push((step.clone(), entry.at_ms, *next));
                }
            }
        });
    let outcome = h.clock.run(executor.drive()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    let sent = destructive_since(&h, 0);
    assert_eq!(sent.len(), 2, "one DELETE each, never a second: {sent:?}");
    // The page hears of every look, each a minute before the next one.
    let told = told.borrow();
    for (step, at_ms, next) in told.iter() {
        assert_eq!(*next, at_ms + 60_000, "{step:?}");
    }
    // Meanwhile each waiting step says what it waits for and until when, a minute ahead.
    let journal = closure::Journal::open(store).unwrap();
    let waits: Vec<(u64, &str, u64)> = journal
        .entries()
        .iter()
        .filter_map(|e| match &e.event {
            closure::journal::Event::Unanswered {
                reason,
                next_look_ms: Some(next),
                ..
            } => Some((e.at_ms, reason.as_str(), *next)),
            _ => None,
        })
        .collect();
    assert!(!waits.is_empty());
    // Only the first look after the send is stored: a look a minute for ten minutes would
    // otherwise fill the browser's storage on a large account.
    assert_eq!(waits.len(), 2, "one stored look per step: {waits:?}");
    assert!(
        told.len() > 2 * waits.len(),
        "the later looks are told to the page: {told:?}"
    );
    for (at_ms, reason, next) in waits {
        assert_eq!(
            reason,
            "checking whether the delete arrived: the item was still there"
        );
        assert_eq!(next, at_ms + 60_000, "the next look is kept as an instant");
    }
    assert!(
        h.elapsed_ms() < 30 * 60_000,
        "seen gone when the queue ran it"
    );
}

#[test]
fn a_group_that_gained_a_server_after_the_scan_is_not_deleted_and_the_newcomer_is_named() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    let group_step = group_step(&plan);
    // Someone creates a server in that group after the scan (and the confirmation).
    let now = h.elapsed_ms();
    let newcomer = h
        .sim
        .borrow_mut()
        .add_server(&group_step.resource.id, Some("LATE"), now)
        .unwrap();
    let executor = Executor::start(&h.client, MemoryStore::new(), plan, config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.drive()).unwrap();
    assert!(matches!(outcome, RunOutcome::Incomplete(_)), "{outcome:?}");
    let record = executor.state().record(&group_step.id).cloned().unwrap();
    let closure::StepStatus::Failed { reason } = &record.status else {
        panic!("the group step fails: {:?}", record.status);
    };
    assert!(reason.contains(&newcomer), "{reason}");
    assert!(record.stale_plan && record.sends == 0, "{record:?}");
    // Nothing deleted the group, and the newcomer is still there.
    let group_path = format!("/v2/groups/demo/{}", group_step.resource.id).to_ascii_lowercase();
    assert!(!accepted_deletes(&h).contains_key(&group_path));
    let servers = h.state()["servers"].as_array().unwrap().clone();
    assert!(servers.iter().any(|s| s["id"] == newcomer.as_str()));
}

/// Queue operations take ten minutes: what is queued for delete reads as present all that time.
fn slow_queue(h: &Harness) {
    h.set_faults(Faults {
        queue: Some(QueueTiming {
            not_started_ms: 1_000,
            executing_ms: 10 * 60_000,
            jitter_ms: 0,
        }),
        ..Faults::default()
    });
}

/// Every delete is carried out, and its answer is lost on the way back.
fn lose_delete_answers(h: &Harness) {
    *h.client.transport().lose_answer.borrow_mut() = Some(Box::new(|request| {
        (request.method == clc::Method::Delete)
            .then_some(TransportError::TimedOut { after_ms: 120_000 })
    }));
}

/// The id of the first resource of `kind` the scan found.
fn first(inventory: &Inventory, kind: ResourceKind) -> ResourceId {
    inventory
        .of_kind(kind)
        .next()
        .expect("the scan lists one")
        .id
        .clone()
}

/// The demo plan's step that deletes a whole group.
fn group_step(plan: &Plan) -> Step {
    plan.steps
        .iter()
        .find(|s| s.kind == ResourceKind::Group)
        .expect("the demo plan deletes a whole group")
        .clone()
}

/// From the moment `server` holds an id, every detailed group read answers with that server's
/// record unreadable (its id dropped).
fn damage_server_record(h: &Harness, server: Rc<RefCell<Option<String>>>) {
    *h.client.transport().rewrite_answer.borrow_mut() = Some(Box::new(move |request, answer| {
        let Some(id) = server.borrow().clone() else {
            return;
        };
        if request.url.contains("serverDetail=detailed") {
            if let Ok(mut tree) = serde_json::from_str::<Value>(&answer.body) {
                if drop_server_id(&mut tree, &id) {
                    answer.body = tree.to_string();
                }
            }
        }
    }));
}

#[test]
fn a_group_holding_an_unreadable_server_record_is_not_deleted_and_the_record_is_named() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    let group_step = group_step(&plan);
    // A server the plan never listed appears in the group, and its record no longer decodes
    // (no id): the group's delete would take it unseen.
    let now = h.elapsed_ms();
    let stranger = h
        .sim
        .borrow_mut()
        .add_server(&group_step.resource.id, Some("LATE"), now)
        .unwrap();
    let name = h.state()["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == stranger.as_str())
        .unwrap()["name"]
        .as_str()
        .unwrap()
        .to_string();
    damage_server_record(&h, Rc::new(RefCell::new(Some(stranger.clone()))));
    let executor = Executor::start(&h.client, MemoryStore::new(), plan, config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.drive()).unwrap();
    assert!(matches!(outcome, RunOutcome::Incomplete(_)), "{outcome:?}");
    let record = executor.state().record(&group_step.id).cloned().unwrap();
    let closure::StepStatus::Failed { reason } = &record.status else {
        panic!("the group step fails: {:?}", record.status);
    };
    assert!(reason.contains("could not be read"), "{reason}");
    assert!(reason.contains(&format!("('{name}')")), "{reason}");
    assert!(reason.contains("has no id"), "{reason}");
    assert!(record.stale_plan && record.sends == 0, "{record:?}");
    // No DELETE of the group was sent, and the stranger is still there.
    let group_path = format!("/v2/groups/demo/{}", group_step.resource.id).to_ascii_lowercase();
    let sent: Vec<String> = h
        .traffic
        .borrow()
        .log
        .iter()
        .filter(|(_, m, p, _)| m == "DELETE" && p.to_ascii_lowercase().starts_with(&group_path))
        .map(|(_, m, p, _)| format!("{m} {p}"))
        .collect();
    assert_eq!(sent, Vec::<String>::new());
    let servers = h.state()["servers"].as_array().unwrap().clone();
    assert!(servers.iter().any(|s| s["id"] == stranger.as_str()));
}

#[test]
fn an_unreadable_server_record_keeps_a_group_whose_other_servers_are_queued_from_reading_as_being_deleted(
) {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    let mut group_step = group_step(&plan);
    group_step.waits_for.clear();
    let plan = Plan {
        steps: vec![group_step.clone()],
        ..plan
    };
    // The queue takes ten minutes: a server queued for delete reads so all that time.
    slow_queue(&h);
    // Every server of the group is queued for delete on its own (say by another tool).
    let servers: Vec<String> = group_step
        .removes
        .iter()
        .filter(|r| r.kind == ResourceKind::Server)
        .map(|r| r.id.clone())
        .collect();
    assert!(!servers.is_empty(), "the group holds servers");
    for id in &servers {
        let delete = clc::Request::new(clc::Method::Delete, format!("{BASE}/v2/servers/demo/{id}"));
        h.clock.run(h.client.send(delete)).expect("queued");
    }
    // The group's DELETE never reaches the service (its answer is missing: the step is left
    // sent, to be read back). Meanwhile a server the plan never listed appears in the group,
    // and its record no longer decodes.
    let group_path = format!("/v2/groups/demo/{}", group_step.resource.id).to_ascii_lowercase();
    let stranger: Rc<RefCell<Option<String>>> = Rc::default();
    *h.client.transport().lose_request.borrow_mut() = Some(Box::new({
        let (sim, stranger, group, path) = (
            h.sim.clone(),
            stranger.clone(),
            group_step.resource.id.clone(),
            group_path.clone(),
        );
        move |request| {
            let lost = request.method == clc::Method::Delete
                && request.url.to_ascii_lowercase().ends_with(&path);
            if lost && stranger.borrow().is_none() {
                let id = sim
                    .borrow_mut()
                    .add_server(&group, Some("LATE"), 0)
                    .unwrap();
                *stranger.borrow_mut() = Some(id);
            }
            lost.then_some(TransportError::TimedOut { after_ms: 120_000 })
        }
    }));
    damage_server_record(&h, stranger.clone());
    let store = MemoryStore::new();
    let executor = Executor::start(&h.client, store.clone(), plan, config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.drive()).unwrap();
    assert!(matches!(outcome, RunOutcome::Incomplete(_)), "{outcome:?}");
    assert!(stranger.borrow().is_some(), "the group's DELETE was tried");
    // The read back never took the group for being deleted: the unreadable record may be a
    // server nobody queued.
    let journal = closure::Journal::open(store).unwrap();
    let accepted: Vec<_> = journal
        .entries()
        .iter()
        .filter(|e| matches!(&e.event, closure::journal::Event::Accepted { step, .. } if *step == group_step.id))
        .collect();
    assert!(accepted.is_empty(), "{accepted:?}");
    // So it was to be sent again, and its preflight refused, naming the record.
    let record = executor.state().record(&group_step.id).cloned().unwrap();
    let closure::StepStatus::Failed { reason } = &record.status else {
        panic!("the group step fails: {:?}", record.status);
    };
    assert!(reason.contains("could not be read"), "{reason}");
    let deletes = h
        .traffic
        .borrow()
        .log
        .iter()
        .filter(|(_, m, p, _)| m == "DELETE" && p.to_ascii_lowercase().ends_with(&group_path))
        .count();
    assert_eq!(deletes, 0, "the group's DELETE never reached the service");
}

#[test]
fn a_snapshot_id_that_would_climb_to_its_server_is_never_sent() {
    let h = Harness::new(Scenario::Demo, 0);
    // A hostile proxy (planted here) lists a snapshot whose id is "..": its delete URL would be
    // the server's own.
    let server = "va1demoweb01";
    h.sim.borrow_mut().plant_snapshot(server, "..").unwrap();
    let (inventory, _) = scanned_plan(&h);
    let hostile = inventory
        .of_kind(ResourceKind::Snapshot)
        .find(|r| r.id.id.ends_with("/.."))
        .expect("the scan lists it")
        .id
        .clone();
    let plan = Plan::build(
        &inventory,
        &Selection::none()
            .deleting_unmarked_data()
            .with(hostile.clone()),
    );
    let executor = Executor::start(&h.client, MemoryStore::new(), plan, config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.drive()).unwrap();
    assert!(matches!(outcome, RunOutcome::Incomplete(_)), "{outcome:?}");
    let state = executor.state();
    let closure::StepStatus::Failed { reason } = &state.steps.values().next().unwrap().status
    else {
        panic!("{state:?}");
    };
    assert!(reason.contains("nothing was"), "{reason}");
    assert_eq!(destructive_since(&h, 0), Vec::<String>::new());
    let servers = h.state()["servers"].as_array().unwrap().clone();
    assert!(
        servers.iter().any(|s| s["id"] == server),
        "the server is untouched"
    );
}

#[test]
fn after_a_reload_a_waiting_step_is_looked_at_again_at_once_and_its_next_look_is_stored() {
    let h = Harness::new(Scenario::Demo, 0);
    let (inventory, _) = scanned_plan(&h);
    let ip = first(&inventory, ResourceKind::PublicIp);
    let plan = Plan::build(
        &inventory,
        &Selection::none().deleting_unmarked_data().with(ip),
    );
    slow_queue(&h);
    lose_delete_answers(&h);
    let store = MemoryStore::new();
    let executor = Executor::start(&h.client, store.clone(), plan, config("tab-1")).unwrap();
    // The tab goes away after the third look (two of them only told to the page).
    let handle = executor.handle();
    let looks = std::rc::Rc::new(std::cell::Cell::new(0));
    let executor = executor.on_transition({
        let looks = looks.clone();
        move |entry| {
            if let closure::journal::Event::Unanswered {
                next_look_ms: Some(_),
                ..
            } = &entry.event
            {
                looks.set(looks.get() + 1);
                if looks.get() == 3 {
                    handle.pause();
                }
            }
        }
    });
    assert_eq!(h.clock.run(executor.run()).unwrap(), RunOutcome::Paused);
    let stored_looks = |store: &MemoryStore| {
        closure::Journal::open(store.clone())
            .unwrap()
            .entries()
            .iter()
            .filter_map(|e| match &e.event {
                closure::journal::Event::Unanswered {
                    next_look_ms: Some(next),
                    ..
                } => Some((e.at_ms, *next)),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        stored_looks(&store).len(),
        1,
        "only the first look is stored"
    );
    // The reload: the resumed run looks at once and stores that look and its next one.
    h.wait(30_000);
    let resumed = Executor::resume(&h.client, store.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(resumed.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    let looks = stored_looks(&store);
    assert!(looks.len() >= 2, "{looks:?}");
    let (at, next) = looks[1];
    // Paused at the third look (two minutes after the first), back 30 s later: looked at then.
    assert!(
        (looks[0].0 + 2 * 60_000..looks[0].0 + 3 * 60_000).contains(&at),
        "looked at on resuming: {looks:?}"
    );
    assert_eq!(next, at + 60_000, "its next look is stored: {looks:?}");
    assert_eq!(destructive_since(&h, 0).len(), 1, "never sent again");
}
