//! The journal's head under named keys (the browser's layout): every head this build writes
//! says version 2 (its records may be short or packed, which a build that reads only version 1
//! must refuse, not misread); a version 1 journal of plain records still loads and resumes
//! without sending anything again; a head of a version this build does not read (the case an
//! older build meets in a newer journal) is refused before any record is read, and nothing
//! stored is changed.

mod support;
mod support_exec;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use clc_sim::Scenario;
use closure::journal::head::{head_count, head_text, READ_VERSIONS, SCHEMA, WRITTEN_VERSION};
use closure::journal::{pack, Event, JournalStore, StoreError};
use closure::{ExecError, Executor, Journal, MemoryStore, RunOutcome};
use serde_json::Value;

use support::Harness;
use support_exec::{
    accepted_deletes, assert_each_delete_accepted_once, assert_only_exclusions, config,
    scanned_plan,
};

const HEAD: &str = "offboard.journal.DEMO";
const LOCK: &str = "offboard.lock.DEMO";

/// The browser's localStorage layout over a map, as `LocalJournal` keeps it: the head (read
/// with [`head_count`], written with [`head_text`] after its record), one key per record, the
/// lock.
#[derive(Clone, Default)]
struct Keyed {
    keys: Rc<RefCell<BTreeMap<String, String>>>,
}

impl Keyed {
    fn get(&self, key: &str) -> Option<String> {
        self.keys.borrow().get(key).cloned()
    }
    fn set(&self, key: &str, value: &str) {
        self.keys.borrow_mut().insert(key.into(), value.into());
    }
    fn snapshot(&self) -> BTreeMap<String, String> {
        self.keys.borrow().clone()
    }
    fn head(&self) -> Value {
        serde_json::from_str(&self.get(HEAD).expect("a head")).unwrap()
    }
    fn count(&self) -> Result<usize, StoreError> {
        head_count(HEAD, self.get(HEAD).as_deref())
    }
}

impl JournalStore for Keyed {
    fn load(&self) -> Result<Vec<String>, StoreError> {
        let count = self.count()?;
        Ok((0..count)
            .map(|i| {
                self.get(&format!("{HEAD}.{i}"))
                    .unwrap_or_else(|| format!("(record {i} is missing)"))
            })
            .collect())
    }
    fn append(&mut self, record: &str) -> Result<(), StoreError> {
        let count = self.count().map_err(|e| StoreError::Write(e.to_string()))?;
        self.set(&format!("{HEAD}.{count}"), record);
        self.set(HEAD, &head_text(count + 1));
        Ok(())
    }
    fn clear(&mut self) -> Result<(), StoreError> {
        self.keys
            .borrow_mut()
            .retain(|k, _| k != HEAD && !k.starts_with(&format!("{HEAD}.")));
        Ok(())
    }
    fn read_lock(&self) -> Result<Option<String>, StoreError> {
        Ok(self.get(LOCK))
    }
    fn write_lock(&mut self, lock: Option<&str>) -> Result<(), StoreError> {
        match lock {
            Some(text) => self.set(LOCK, text),
            None => {
                self.keys.borrow_mut().remove(LOCK);
            }
        }
        Ok(())
    }
}

#[test]
fn every_head_written_now_says_version_2_and_versions_1_and_2_read() {
    assert_eq!(WRITTEN_VERSION, 2);
    let head: Value = serde_json::from_str(&head_text(7)).unwrap();
    assert_eq!(
        head,
        serde_json::json!({"schema": SCHEMA, "version": 2, "count": 7})
    );
    assert_eq!(READ_VERSIONS, 1..=2);
    let v1 = r#"{"schema":"offboard.journal","version":1,"count":3}"#;
    assert_eq!(head_count(HEAD, Some(v1)), Ok(3));
    assert_eq!(head_count(HEAD, Some(&head_text(3))), Ok(3));
    assert_eq!(head_count(HEAD, None), Ok(0));
}

#[test]
fn a_run_journaled_now_says_version_2_from_its_first_record() {
    let h = Harness::new(Scenario::Demo, 0);
    let store = Keyed::default();
    let (_, plan) = scanned_plan(&h);
    let mut journal = Journal::open(store.clone()).unwrap();
    // Any event: even a one-record journal's head says 2.
    journal.append(0, Event::Paused).unwrap();
    assert_eq!(store.head()["version"], 2);
    drop(journal);

    let store = Keyed::default();
    let executor =
        Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1")).unwrap();
    assert_eq!(
        store.head()["version"],
        2,
        "written with the Started record"
    );
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    assert_eq!(store.head()["version"], 2);
    let records = store.load().unwrap();
    assert!(
        records.iter().any(|r| r.starts_with(pack::SHORT_PREFIX)),
        "a version 2 journal holds short records"
    );
}

/// tab-1's run paused after `requests` requests, its records as a version 1 build stored them:
/// plain JSON, under a head that says version 1.
fn paused_v1_journal(h: &Harness, requests: usize) -> Keyed {
    let (_, plan) = scanned_plan(h);
    let memory = MemoryStore::new();
    let executor = Executor::start(&h.client, memory.clone(), plan, config("tab-1")).unwrap();
    let handle = executor.handle();
    let before = h.requests_sent();
    *h.client.transport().on_send.borrow_mut() = Some(Box::new(move |sent| {
        if sent == before + requests {
            handle.pause();
        }
    }));
    assert_eq!(h.clock.run(executor.run()).unwrap(), RunOutcome::Paused);
    *h.client.transport().on_send.borrow_mut() = None;
    let v1 = Keyed::default();
    let records = memory.records();
    for (i, record) in records.iter().enumerate() {
        let plain = pack::unpack_record(record).unwrap();
        assert!(plain.starts_with(r#"{"v":1,"#), "{plain}");
        v1.set(&format!("{HEAD}.{i}"), &plain);
    }
    v1.set(
        HEAD,
        &format!(
            r#"{{"schema":"offboard.journal","version":1,"count":{}}}"#,
            records.len()
        ),
    );
    if let Some(lock) = memory.read_lock().unwrap() {
        v1.set(LOCK, &lock);
    }
    v1
}

#[test]
fn a_version_1_journal_of_plain_records_loads_and_resumes_without_sending_again() {
    let h = Harness::new(Scenario::Demo, 0);
    let store = paused_v1_journal(&h, 8);
    let sent_before = accepted_deletes(&h);
    assert!(!sent_before.is_empty(), "the paused run had sent deletes");

    let journal = Journal::open(store.clone()).unwrap();
    assert!(journal.corrupt().is_empty(), "{:?}", journal.corrupt());
    assert!(!journal.state().steps.is_empty());
    drop(journal);

    let executor = Executor::resume(&h.client, store.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    let (_, plan) = scanned_plan(&h);
    assert_only_exclusions(&h.state(), &plan);
    assert_each_delete_accepted_once(&h);
    // Continued as version 2: the records it added may be short, so an older build must not
    // read it as version 1 any more.
    assert_eq!(store.head()["version"], 2);
    let journal = Journal::open(store.clone()).unwrap();
    assert!(journal.corrupt().is_empty(), "{:?}", journal.corrupt());
}

#[test]
fn a_head_of_a_version_this_build_does_not_read_is_refused_and_nothing_is_changed() {
    let h = Harness::new(Scenario::Demo, 0);
    let store = paused_v1_journal(&h, 8);
    let head = store.get(HEAD).unwrap();
    store.set(HEAD, &head.replace(r#""version":1"#, r#""version":3"#));
    let before = store.snapshot();
    let requests = h.requests_sent();

    let refused = head_count(HEAD, store.get(HEAD).as_deref()).unwrap_err();
    assert_eq!(
        refused,
        StoreError::Read("it was written by another version of offboard (format 3)".into())
    );
    assert!(refused.user_message().contains("another version"));
    assert!(matches!(
        Journal::open(store.clone()),
        Err(StoreError::Read(_))
    ));
    assert!(matches!(
        Executor::resume(&h.client, store.clone(), config("tab-1")),
        Err(ExecError::Journal(StoreError::Read(_)))
    ));
    let (_, plan) = scanned_plan(&h);
    let requests_after_scan = h.requests_sent();
    let start = Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1"));
    assert!(start.is_err(), "no new run over a journal it cannot read");
    assert_eq!(h.requests_sent(), requests_after_scan, "nothing was sent");
    assert!(requests_after_scan >= requests);
    assert_eq!(store.snapshot(), before, "every key is kept as it was");
}
