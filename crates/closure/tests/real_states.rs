//! The server states the real service reports, as the demo has them: an archived server whose
//! links offer deletion only through a separate `delete` link, a server `queuedForDelete` (no
//! `DELETE` on its links) and one `underConstruction` (none either). Each is planned and ends
//! removed: the archived one deleted through its delete link, the queued one followed until
//! gone (on its way out, not a failure), the one being built waited for, then deleted. A build
//! that never finishes ends its step "not deleted" after a capped wait, with no delete sent.

mod support;
mod support_exec;

use clc_sim::{Faults, Scenario};
use closure::inventory::{ResourceKind as K, ResourceState};
use closure::journal::StepStatus;
use closure::{Executor, MemoryStore, Plan, ResourceId, RunOutcome};

use support::Harness;
use support_exec::{accepted_deletes, config, scanned_plan};

fn server(id: &str) -> ResourceId {
    ResourceId::new(K::Server, id)
}

#[test]
fn each_real_state_is_planned_with_what_happens_to_it() {
    let h = Harness::new(Scenario::Demo, 0);
    let (inventory, plan) = scanned_plan(&h);
    let queued = inventory.get(&server("gb3demoretire01")).unwrap();
    assert_eq!(queued.state, ResourceState::QueuedForDelete);
    let building = inventory.get(&server("gb3demobuild01")).unwrap();
    assert_eq!(building.state, ResourceState::UnderConstruction);
    assert!(
        !queued.deletable && !building.deletable,
        "no DELETE on their links"
    );
    for id in ["gb3demoretire01", "gb3demobuild01"] {
        let step = plan.step_removing(&server(id)).unwrap();
        assert!(step.under_way, "{id}: re-read before anything is sent");
        assert_eq!(step.resource, server(id), "{id}: a step of its own");
    }
    let archived = ResourceId::new(K::ArchivedServer, "va1demoold01");
    assert!(
        inventory.get(&archived).unwrap().deletable,
        "its delete link"
    );
    assert!(plan.step_removing(&archived).is_some());
    // The group holding the server being built is not deleted whole: the build is waited for.
    let gb3_default = inventory.get(&building.depends_on[0]).unwrap();
    assert_eq!(gb3_default.id.kind, K::Group);
    assert!(plan.steps.iter().all(|s| s.resource != gb3_default.id));
}

#[test]
fn a_queued_delete_is_followed_a_build_waited_for_and_an_archived_server_deleted() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    let executor =
        Executor::start(&h.client, MemoryStore::new(), plan.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    let RunOutcome::Finished(ledger) = outcome else {
        panic!("expected the run to finish: {outcome:?}");
    };
    assert!(ledger.failed.is_empty(), "{:?}", ledger.failed);
    let state = h.state();
    for id in ["gb3demoretire01", "gb3demobuild01", "va1demoold01"] {
        let step = plan
            .step_removing(&server(id))
            .or_else(|| plan.step_removing(&ResourceId::new(K::ArchivedServer, id)));
        assert!(
            matches!(
                executor.state().status_of(&step.unwrap().id),
                Some(StepStatus::Succeeded { .. })
            ),
            "{id}"
        );
        assert!(
            state["servers"]
                .as_array()
                .unwrap()
                .iter()
                .all(|s| s["id"] != id),
            "{id} is gone"
        );
    }
    let sent = accepted_deletes(&h);
    assert_eq!(
        sent.get("/v2/servers/demo/gb3demoretire01"),
        None,
        "followed, not sent"
    );
    assert_eq!(
        sent.get("/v2/servers/demo/gb3demobuild01"),
        Some(&1),
        "sent once, when built"
    );
    assert_eq!(sent.get("/v2/servers/demo/va1demoold01"), Some(&1));
    let build_delete_at = h
        .traffic
        .borrow()
        .log
        .iter()
        .find(|(_, method, path, _)| method == "DELETE" && path.ends_with("/gb3demobuild01"))
        .map(|(at, ..)| *at)
        .unwrap();
    assert!(
        build_delete_at >= 60_000,
        "not before its build finished (a minute in): {build_delete_at}"
    );
}

#[test]
fn a_build_that_never_ends_is_not_deleted_after_the_wait_and_a_later_retry_deletes_it() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    let step = plan
        .step_removing(&server("gb3demobuild01"))
        .unwrap()
        .clone();
    let plan = Plan {
        steps: vec![step.clone()],
        ..plan
    };
    // The build never finishes while the queue is held.
    h.set_faults(Faults {
        hold_queue: true,
        ..Faults::default()
    });
    let cap = config("tab-1").build_wait_ms;
    assert_eq!(cap, 30 * 60_000);
    let executor = Executor::start(&h.client, MemoryStore::new(), plan, config("tab-1")).unwrap();
    let started = h.elapsed_ms();
    let outcome = h.clock.run(executor.run()).unwrap();
    let RunOutcome::Incomplete(ledger) = outcome else {
        panic!("expected the run to end with the step not deleted: {outcome:?}");
    };
    assert_eq!(ledger.failed.len(), 1, "{ledger:?}");
    assert_eq!(
        executor.state().status_of(&step.id),
        Some(&StepStatus::Failed {
            reason: "Not deleted: still being built after 30 minutes, and a delete is never \
                     sent to a server being built. Retry later, once its build has finished."
                .into()
        })
    );
    let waited = h.elapsed_ms() - started;
    assert!(
        (cap..cap + 60_000).contains(&waited),
        "ended when the wait was over: {waited} ms"
    );
    let deletes = h
        .traffic
        .borrow()
        .log
        .iter()
        .filter(|(_, method, path, _)| method == "DELETE" && path.ends_with("/gb3demobuild01"))
        .count();
    assert_eq!(deletes, 0, "no delete is sent to a server being built");

    // Once the build finishes, a retry deletes it, once.
    h.set_faults(Faults::default());
    executor.retry(&step.id).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    assert_eq!(
        accepted_deletes(&h).get("/v2/servers/demo/gb3demobuild01"),
        Some(&1)
    );
}
