//! The journal on its own: records round-trip through a store in the versioned format, the run
//! state is the fold of the events (table of transitions), corrupt records (unreadable, another
//! version, missing sequence numbers) are reported and never dropped silently, a failed append
//! is never applied and poisons the journal, and the run lock keeps a second tab out until its
//! heartbeat is stale and it is taken over explicitly.

mod support;
mod support_exec;

use closure::journal::lock::{self, LockError};
use closure::journal::{
    Confirmation, Event, Journal, JournalStore, MemoryStore, RunStatus, StepStatus, Tracking,
    FORMAT_VERSION,
};
use closure::plan::StepId;

use support_exec::one_server_plan;

fn step() -> StepId {
    StepId("server:va1acmeweb01".into())
}

fn started() -> Event {
    Event::Started {
        run_id: "run-1".into(),
        owner: "tab-1".into(),
        plan: one_server_plan(),
    }
}

fn queued() -> Tracking {
    Tracking::Queue {
        status_id: "va1-1234".into(),
    }
}

#[test]
fn records_round_trip_and_the_state_is_their_fold() {
    let store = MemoryStore::new();
    let mut journal = Journal::open(store.clone()).unwrap();
    journal.append(10, started()).unwrap();
    journal.append(20, Event::Sending { step: step() }).unwrap();
    let accepted = Event::Accepted {
        step: step(),
        tracking: queued(),
    };
    journal.append(30, accepted).unwrap();
    let reopened = Journal::open(store.clone()).unwrap();
    assert!(reopened.corrupt().is_empty());
    assert_eq!(reopened.entries(), journal.entries());
    assert_eq!(reopened.state(), journal.state());
    // A step event is stored short: the entry's JSON without its envelope's names.
    assert_eq!(store.records()[1], r#"c:1,k,s,="server:va1acmeweb01""#);
    let json = closure::journal::pack::unpack_record(&store.records()[1]).unwrap();
    let record: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(record["v"], FORMAT_VERSION);
    assert_eq!(record["seq"], 1);
    assert_eq!(record["event"]["event"], "sending");
    assert_eq!(record["event"]["step"], "server:va1acmeweb01");
}

#[test]
fn step_transitions_follow_the_events() {
    let failed = || Event::Failed {
        step: step(),
        reason: "it failed".into(),
    };
    let cases: Vec<(&str, Vec<Event>, StepStatus)> = vec![
        ("nothing yet", vec![], StepStatus::Pending),
        (
            "about to send",
            vec![Event::Sending { step: step() }],
            StepStatus::Sent,
        ),
        (
            "accepted",
            vec![
                Event::Sending { step: step() },
                Event::Accepted {
                    step: step(),
                    tracking: queued(),
                },
            ],
            StepStatus::Queued { tracking: queued() },
        ),
        (
            "executing",
            vec![
                Event::Sending { step: step() },
                Event::Accepted {
                    step: step(),
                    tracking: queued(),
                },
                Event::Executing { step: step() },
            ],
            StepStatus::Executing { tracking: queued() },
        ),
        (
            "rate limited goes back to pending",
            vec![
                Event::Sending { step: step() },
                Event::NotAccepted {
                    step: step(),
                    reason: "slow down".into(),
                },
            ],
            StepStatus::Pending,
        ),
        (
            "an unanswered send stays uncertain",
            vec![
                Event::Sending { step: step() },
                Event::Unanswered {
                    step: step(),
                    reason: "500".into(),
                    next_look_ms: None,
                },
            ],
            StepStatus::Sent,
        ),
        (
            "failed",
            vec![Event::Sending { step: step() }, failed()],
            StepStatus::Failed {
                reason: "it failed".into(),
            },
        ),
        (
            "retry after failure",
            vec![failed(), Event::Retry { step: step() }],
            StepStatus::Pending,
        ),
        (
            "already gone",
            vec![
                Event::Sending { step: step() },
                Event::Succeeded {
                    step: step(),
                    how: Confirmation::AlreadyGone,
                },
            ],
            StepStatus::Succeeded {
                how: Confirmation::AlreadyGone,
            },
        ),
    ];
    for (name, events, expected) in cases {
        let mut journal = Journal::open(MemoryStore::new()).unwrap();
        journal.append(0, started()).unwrap();
        for event in events {
            journal.append(1, event).unwrap();
        }
        assert_eq!(
            journal.state().status_of(&step()),
            Some(&expected),
            "{name}"
        );
    }
}

#[test]
fn a_steps_note_says_why_its_last_send_went_unanswered_and_a_new_send_clears_it() {
    let mut journal = Journal::open(MemoryStore::new()).unwrap();
    journal.append(0, started()).unwrap();
    let note = |journal: &Journal<MemoryStore>| journal.state().steps[&step()].note.clone();
    journal.append(1, Event::Sending { step: step() }).unwrap();
    journal
        .append(
            2,
            Event::Unanswered {
                step: step(),
                reason: "no answer within 120 s".into(),
                next_look_ms: None,
            },
        )
        .unwrap();
    assert_eq!(note(&journal).as_deref(), Some("no answer within 120 s"));
    journal
        .append(
            3,
            Event::NotAccepted {
                step: step(),
                reason: "still there a minute later".into(),
            },
        )
        .unwrap();
    assert_eq!(
        note(&journal).as_deref(),
        Some("still there a minute later")
    );
    journal.append(4, Event::Sending { step: step() }).unwrap();
    assert_eq!(note(&journal), None, "a new send is not the lost one");
}

#[test]
fn run_status_follows_pause_halt_and_finish() {
    let cases: Vec<(Event, RunStatus)> = vec![
        (Event::Paused, RunStatus::Paused),
        (Event::Stopped, RunStatus::Stopped),
        (
            Event::Halted {
                reason: "401".into(),
            },
            RunStatus::Halted {
                reason: "401".into(),
            },
        ),
        (
            Event::Resumed {
                owner: "tab-2".into(),
            },
            RunStatus::Running,
        ),
    ];
    for (event, expected) in cases {
        let mut journal = Journal::open(MemoryStore::new()).unwrap();
        journal.append(0, started()).unwrap();
        journal.append(1, event.clone()).unwrap();
        assert_eq!(journal.state().status, expected, "{event:?}");
    }
}

#[test]
fn corrupt_records_are_reported_and_the_rest_is_kept() {
    let store = MemoryStore::new();
    let mut journal = Journal::open(store.clone()).unwrap();
    journal.append(0, started()).unwrap();
    journal.append(1, Event::Sending { step: step() }).unwrap();
    journal
        .append(
            2,
            Event::Accepted {
                step: step(),
                tracking: queued(),
            },
        )
        .unwrap();
    journal
        .append(3, Event::Executing { step: step() })
        .unwrap();
    let stored = closure::journal::pack::unpack_record(&store.records()[3]).unwrap();
    let future_version = stored.replace("\"v\":1", "\"v\":2");
    store.overwrite(
        1,
        "{\"v\":1,\"seq\":1,\"atMs\":1,\"event\":{\"event\":\"sen",
    );
    store.overwrite(3, &future_version);
    let reopened = Journal::open(store.clone()).unwrap();
    let problems: Vec<(usize, bool)> = reopened
        .corrupt()
        .iter()
        .map(|c| (c.index, c.problem.contains("version")))
        .collect();
    assert_eq!(problems, vec![(1, false), (3, true)]);
    assert_eq!(
        reopened.entries().len(),
        2,
        "the two readable records are kept"
    );
    assert_eq!(
        store.records().len(),
        4,
        "nothing was removed from the store"
    );

    let gap =
        MemoryStore::with_records(vec![store.records()[0].clone(), store.records()[2].clone()]);
    let reopened = Journal::open(gap).unwrap();
    assert_eq!(reopened.corrupt().len(), 1);
    assert!(reopened.corrupt()[0].problem.contains("missing"));
}

#[test]
fn a_failed_append_is_not_applied_and_poisons_the_journal() {
    let store = MemoryStore::new();
    let mut journal = Journal::open(store.clone()).unwrap();
    journal.append(0, started()).unwrap();
    store.fail_after(0);
    assert!(journal.append(1, Event::Sending { step: step() }).is_err());
    assert_eq!(
        journal.state().status_of(&step()),
        Some(&StepStatus::Pending)
    );
    store.heal();
    assert!(
        journal.append(2, Event::Paused).is_err(),
        "still broken after the store heals"
    );
    assert!(journal.is_broken());
    assert_eq!(store.records().len(), 1);
}

#[test]
fn an_unsettled_notice_is_never_stored_and_a_stored_one_is_corrupt() {
    let store = MemoryStore::new();
    let mut journal = Journal::open(store.clone()).unwrap();
    journal.append(10, started()).unwrap();
    let notice = Event::Unsettled {
        step: step(),
        since_ms: Some(5),
    };
    assert!(journal.append(20, notice).is_err());
    assert_eq!(store.records().len(), 1);
    assert_eq!(journal.next_seq(), 1);
    // Refusing it is not a failed write: the run goes on recording.
    assert!(!journal.is_broken());
    journal.append(30, Event::Sending { step: step() }).unwrap();
    assert_eq!(store.records().len(), 2);

    // One that got into the store anyway is reported, not read as a transition.
    let stored = r#"{"v":1,"seq":2,"atMs":40,"event":{"event":"unsettled","step":"server:va1acmeweb01","sinceMs":5}}"#;
    let mut records = store.records();
    records.push(stored.to_string());
    let reopened = Journal::open(MemoryStore::with_records(records)).unwrap();
    assert_eq!(reopened.entries().len(), 2);
    assert_eq!(reopened.corrupt().len(), 1, "{:?}", reopened.corrupt());
    assert_eq!(reopened.corrupt()[0].index, 2);
    assert!(
        reopened.corrupt()[0].problem.contains("unsettled"),
        "{:?}",
        reopened.corrupt()
    );
}

#[test]
fn the_lock_keeps_a_second_tab_out_until_it_is_stale_and_taken_over() {
    let mut store = MemoryStore::new();
    let stale_after = 60_000;
    lock::acquire(&mut store, "run-1", "tab-1", 1_000, stale_after, false).unwrap();
    let cases: Vec<(&str, u64, bool, Result<(), bool>)> = vec![
        ("fresh lock of another tab", 30_000, false, Err(false)),
        ("fresh lock, take-over asked", 30_000, true, Err(false)),
        ("stale lock without take-over", 61_000, false, Err(true)),
        ("stale lock taken over explicitly", 61_000, true, Ok(())),
    ];
    for (name, now, take_over, expected) in cases {
        let mut probe = MemoryStore::with_records(vec![]);
        probe
            .write_lock(store.read_lock().unwrap().as_deref())
            .unwrap();
        let result = lock::acquire(&mut probe, "run-1", "tab-2", now, stale_after, take_over);
        let got = match result {
            Ok(_) => Ok(()),
            Err(LockError::Held { stale, owner, .. }) => {
                assert_eq!(owner, "tab-1");
                Err(stale)
            }
            Err(other) => panic!("{name}: {other:?}"),
        };
        assert_eq!(got, expected, "{name}");
    }
    let mut mine = lock::acquire(&mut store, "run-1", "tab-1", 2_000, stale_after, false).unwrap();
    lock::acquire(&mut store, "run-1", "tab-2", 100_000, stale_after, true).unwrap();
    let lost = lock::heartbeat(&mut store, &mut mine, 100_001);
    assert!(matches!(lost, Err(LockError::Lost { .. })));
    lock::release(&mut store, "tab-1").unwrap();
    assert!(
        lock::inspect(&store).unwrap().is_some(),
        "only the holder releases"
    );
    lock::release(&mut store, "tab-2").unwrap();
    assert!(lock::inspect(&store).unwrap().is_none());
}

#[test]
fn a_long_record_is_stored_packed_and_journals_written_plain_still_read_back() {
    // A plan long enough to be packed: the one-server plan's step, many times over.
    let mut plan = one_server_plan();
    let first = plan.steps[0].clone();
    plan.steps = (0..200)
        .map(|i| {
            let mut s = first.clone();
            s.id = StepId(format!("server:va1acmeweb{i:03}"));
            s
        })
        .collect();
    let started = Event::Started {
        run_id: "run-1".into(),
        owner: "tab-1".into(),
        plan,
    };
    let store = MemoryStore::new();
    let mut journal = Journal::open(store.clone()).unwrap();
    journal.append(10, started).unwrap();
    journal.append(20, Event::Sending { step: step() }).unwrap();
    let records = store.records();
    assert!(records[0].starts_with(closure::journal::pack::PACKED_PREFIX));
    assert!(records[1].starts_with(closure::journal::pack::SHORT_PREFIX));
    let reopened = Journal::open(store.clone()).unwrap();
    assert!(reopened.corrupt().is_empty(), "{:?}", reopened.corrupt());
    assert_eq!(reopened.entries(), journal.entries());

    // The same journal as an offboard before packing wrote it: every record plain JSON.
    let plain: Vec<String> = journal
        .entries()
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect();
    assert!(plain[0].len() > records[0].len() * 3);
    let old = Journal::open(MemoryStore::with_records(plain)).unwrap();
    assert!(old.corrupt().is_empty(), "{:?}", old.corrupt());
    assert_eq!(old.entries(), journal.entries());

    // A damaged packed record is reported, not guessed.
    store.overwrite(0, &records[0][..records[0].len() / 2]);
    let damaged = Journal::open(store).unwrap();
    assert_eq!(damaged.corrupt().len(), 1, "{:?}", damaged.corrupt());
}
