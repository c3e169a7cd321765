//! A next look the journal stored may be long past when the run is resumed (the page was
//! reloaded, the tab slept): the look is then due, and happens at once, in the resumed run's
//! first round, not at some later time.

mod support;
mod support_exec;

use clc_sim::Scenario;
use closure::journal::{Event, Journal};
use closure::{Executor, MemoryStore, ResourceId, ResourceKind, RunOutcome};

use support::Harness;
use support_exec::{accepted_deletes, config, scanned_plan};

#[test]
fn a_next_look_already_past_at_resume_happens_at_once() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_, plan) = scanned_plan(&h);
    let server = ResourceId::new(ResourceKind::Server, "va1demoweb01");
    let step = plan.step_removing(&server).unwrap().clone();
    let plan = closure::Plan {
        steps: vec![step.clone()],
        ..plan
    };
    // The journal a reloaded page finds: the delete was about to go, its answer was lost, and a
    // re-read found the item still there, with the next look a minute later.
    let store = MemoryStore::new();
    let sent_at = clc::Clock::now_ms(&h.clock);
    {
        let mut journal = Journal::open(store.clone()).unwrap();
        let started = Event::Started {
            run_id: "tab-0-1".into(),
            owner: "tab-0".into(),
            plan: plan.clone(),
        };
        journal.append(sent_at, started).unwrap();
        let sending = Event::Sending {
            step: step.id.clone(),
        };
        journal.append(sent_at, sending).unwrap();
        let unanswered = Event::Unanswered {
            step: step.id.clone(),
            reason: "checking whether the delete arrived: the item was still there".into(),
            next_look_ms: Some(sent_at + 60_000),
        };
        journal.append(sent_at, unanswered).unwrap();
    }
    // The page comes back an hour later.
    h.wait(3_600_000);
    let resumed_at = clc::Clock::now_ms(&h.clock);
    let executor = Executor::resume(&h.client, store.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    // The first thing the resumed run recorded about the step was decided at the resume instant.
    let journal = Journal::open(store).unwrap();
    let first = journal
        .entries()
        .iter()
        .filter(|e| e.at_ms >= resumed_at)
        .find(|e| e.event.step() == Some(&step.id))
        .expect("the step was looked at");
    assert_eq!(first.at_ms, resumed_at, "{first:?}");
    let deletes = accepted_deletes(&h);
    assert_eq!(
        deletes.values().collect::<Vec<_>>(),
        [&1],
        "never deleted before, so it is sent once, after the look: {deletes:?}"
    );
}
