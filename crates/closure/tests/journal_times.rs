//! What the journal keeps of each delete for the closure record: the operation id that accepted
//! it (kept after the step ends, forgotten when it is sent again), when it was sent and when its
//! outcome was recorded (a table of event sequences). A journal written before the ledger carried
//! these (format version 1 without the fields) still opens without corrupt entries, and its step
//! records still get them, since they are folded from the events and their times.

mod support;
mod support_exec;

use closure::execute::{Ledger, LedgerLine};
use closure::inventory::ResourceKind;
use closure::journal::{Confirmation, Event, Journal, MemoryStore, StepRecord, Tracking};
use closure::plan::StepId;
use serde_json::Value;

use support_exec::{one_server_plan, rid};

fn step() -> StepId {
    StepId::for_resource(&rid(ResourceKind::Server, "va1acmeweb01"))
}

fn sending() -> Event {
    Event::Sending { step: step() }
}

fn accepted(tracking: Tracking) -> Event {
    Event::Accepted {
        step: step(),
        tracking,
    }
}

fn queue(id: &str) -> Tracking {
    Tracking::Queue {
        status_id: id.into(),
    }
}

fn succeeded(how: Confirmation) -> Event {
    Event::Succeeded { step: step(), how }
}

fn failed() -> Event {
    Event::Failed {
        step: step(),
        reason: "it failed".into(),
    }
}

/// The step's record after these events, the n-th at time `100 * (n + 1)`.
fn record_after(events: Vec<Event>) -> StepRecord {
    let store = MemoryStore::new();
    let mut journal = Journal::open(store).unwrap();
    let start = Event::Started {
        run_id: "run-1".into(),
        owner: "tab-1".into(),
        plan: one_server_plan(),
    };
    journal.append(0, start).unwrap();
    for (n, event) in events.into_iter().enumerate() {
        journal.append(100 * (n as u64 + 1), event).unwrap();
    }
    journal.state().record(&step()).unwrap().clone()
}

/// (case, events, operation id, sent at, finished at)
type Case = (
    &'static str,
    Vec<Event>,
    Option<&'static str>,
    Option<u64>,
    Option<u64>,
);

#[test]
fn each_step_keeps_its_operation_id_and_times() {
    let not_accepted = || Event::NotAccepted {
        step: step(),
        reason: "rate limited".into(),
    };
    let cases: Vec<Case> = vec![
        ("nothing sent", vec![], None, None, None),
        (
            "sent, no answer yet",
            vec![sending()],
            None,
            Some(100),
            None,
        ),
        (
            "queued",
            vec![sending(), accepted(queue("va1-1"))],
            Some("va1-1"),
            Some(100),
            None,
        ),
        (
            "succeeded keeps the id",
            vec![
                sending(),
                accepted(queue("va1-1")),
                Event::Executing { step: step() },
                succeeded(Confirmation::Confirmed),
            ],
            Some("va1-1"),
            Some(100),
            Some(400),
        ),
        (
            "a VPN job id",
            vec![
                sending(),
                accepted(Tracking::VpnJob {
                    job_id: "50008".into(),
                }),
                succeeded(Confirmation::Confirmed),
            ],
            Some("50008"),
            Some(100),
            Some(300),
        ),
        (
            "synchronous: no operation",
            vec![
                sending(),
                accepted(Tracking::Synchronous),
                succeeded(Confirmation::Confirmed),
            ],
            None,
            Some(100),
            Some(300),
        ),
        (
            "already gone (404)",
            vec![sending(), succeeded(Confirmation::AlreadyGone)],
            None,
            Some(100),
            Some(200),
        ),
        (
            "failed keeps the id",
            vec![sending(), accepted(queue("va1-1")), failed()],
            Some("va1-1"),
            Some(100),
            Some(300),
        ),
        (
            "a retry forgets the end, not yet the id",
            vec![
                sending(),
                accepted(queue("va1-1")),
                failed(),
                Event::Retry { step: step() },
            ],
            Some("va1-1"),
            Some(100),
            None,
        ),
        (
            "the retried send has its own id and times",
            vec![
                sending(),
                accepted(queue("va1-1")),
                failed(),
                Event::Retry { step: step() },
                sending(),
                accepted(queue("va1-2")),
                succeeded(Confirmation::Confirmed),
            ],
            Some("va1-2"),
            Some(500),
            Some(700),
        ),
        (
            "sent again after a refusal: the later send counts",
            vec![
                sending(),
                not_accepted(),
                sending(),
                accepted(queue("va1-3")),
            ],
            Some("va1-3"),
            Some(300),
            None,
        ),
        (
            "found under way after a crash: the id was never recorded",
            vec![
                sending(),
                accepted(Tracking::ReRead),
                succeeded(Confirmation::FoundGone),
            ],
            None,
            Some(100),
            Some(300),
        ),
    ];
    for (case, events, operation_id, sent_at, finished_at) in cases {
        let record = record_after(events);
        assert_eq!(record.operation_id.as_deref(), operation_id, "{case}");
        assert_eq!(record.sent_at_ms, sent_at, "{case}");
        assert_eq!(record.finished_at_ms, finished_at, "{case}");
    }
}

fn ledger_line() -> LedgerLine {
    LedgerLine {
        step: Some(step()),
        account: String::new(),
        resource: rid(ResourceKind::Server, "va1acmeweb01"),
        label: "VA1ACMEWEB01".into(),
        data_center: Some("VA1".into()),
        reason: None,
        hourly: Some(0.1),
        bills: true,
        operation_id: Some("va1-1".into()),
        sent_at_ms: Some(100),
        finished_at_ms: Some(400),
        resources: 1,
    }
}

#[test]
fn a_journal_written_before_the_ledger_kept_operation_ids_still_opens() {
    let store = MemoryStore::new();
    let mut journal = Journal::open(store.clone()).unwrap();
    let start = Event::Started {
        run_id: "run-1".into(),
        owner: "tab-1".into(),
        plan: one_server_plan(),
    };
    journal.append(0, start).unwrap();
    journal.append(100, sending()).unwrap();
    journal.append(200, accepted(queue("va1-1"))).unwrap();
    journal
        .append(400, succeeded(Confirmation::Confirmed))
        .unwrap();
    let ledger = Ledger {
        removed: vec![ledger_line()],
        verified_at_ms: 500,
        ..Ledger::default()
    };
    journal.append(500, Event::Finished { ledger }).unwrap();

    // The same records as an older offboard wrote them: no operation id or times in the ledger.
    let mut records = store.records();
    let last = closure::journal::pack::unpack_record(records.last().unwrap()).unwrap();
    let mut finished: Value = serde_json::from_str(&last).unwrap();
    let line = finished
        .pointer_mut("/event/ledger/removed/0")
        .and_then(Value::as_object_mut)
        .unwrap();
    for field in ["operationId", "sentAtMs", "finishedAtMs"] {
        assert!(line.remove(field).is_some(), "{field} is written");
    }
    *records.last_mut().unwrap() = finished.to_string();

    let old = Journal::open(MemoryStore::with_records(records)).unwrap();
    assert!(old.corrupt().is_empty(), "{:?}", old.corrupt());
    let state = old.state();
    let line = &state.ledger.as_ref().unwrap().removed[0];
    assert_eq!(
        (&line.operation_id, line.sent_at_ms, line.finished_at_ms),
        (&None, None, None)
    );
    assert_eq!(line.resource, ledger_line().resource);
    let record = state.record(&step()).unwrap();
    assert_eq!(record.operation_id.as_deref(), Some("va1-1"));
    assert_eq!(
        (record.sent_at_ms, record.finished_at_ms),
        (Some(100), Some(400))
    );

    // And the current records read back whole.
    let current = Journal::open(store).unwrap();
    assert_eq!(
        current.state().ledger.as_ref().unwrap().removed[0],
        ledger_line()
    );
}
