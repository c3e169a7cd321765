//! The journal of a closure run: every transition is appended and persisted through a
//! [`JournalStore`] before the executor's next action, so a reload or a crash never loses an
//! accepted delete and never repeats one.
//!
//! - [`event`]: the versioned record format ([`Entry`], [`Event`], [`Tracking`]).
//! - [`state`]: [`RunState`], the fold of the events.
//! - [`store`]: the storage seam and [`MemoryStore`].
//! - [`lock`]: the run lock record, the durable trace of which tab runs the closure.
//! - [`head`]: the head of a journal kept under named keys, and the versions it says.
//! - [`ledger`]: what the verification re-read at the end of a run found (kept in `Finished`).

pub mod event;
pub mod head;
pub mod ledger;
pub mod lock;
pub mod pack;
pub mod state;
pub mod store;
mod wire;

use serde::{Deserialize, Serialize};

pub use event::{Confirmation, Entry, Event, Tracking, FORMAT_VERSION};
pub use ledger::{Ledger, LedgerLine};
pub use lock::{LockError, RunLock};
pub use state::{RunState, RunStatus, StepRecord, StepStatus};
pub use store::{JournalStore, MemoryStore, StoreError};

/// A stored record that could not be read back. Reported to the user, never dropped silently:
/// while any exists, the executor re-reads every unfinished resource before sending anything.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CorruptEntry {
    /// Position in the store (0-based).
    pub index: usize,
    /// The start of the record, as stored.
    pub excerpt: String,
    pub problem: String,
}

/// The append-only journal over a store.
///
/// Invariants: `state()` equals the fold of `entries()`, except a waiting step's next look moved
/// by [`Journal::note_next_look`]; an event is applied to the state only
/// after the store accepted it; after one failed append every later append fails too (the run
/// must stop: what happens next could not be recorded).
pub struct Journal<S: JournalStore> {
    store: S,
    entries: Vec<Entry>,
    corrupt: Vec<CorruptEntry>,
    state: RunState,
    next_seq: u64,
    broken: Option<StoreError>,
}

impl<S: JournalStore> Journal<S> {
    /// Reads every stored record. Unreadable ones, other versions and gaps in `seq` are
    /// reported in [`Journal::corrupt`].
    pub fn open(store: S) -> Result<Journal<S>, StoreError> {
        let records = store.load()?;
        let mut entries: Vec<Entry> = Vec::with_capacity(records.len());
        let mut corrupt = Vec::new();
        let mut expected_seq = 0u64;
        for (index, record) in records.iter().enumerate() {
            let problem = match pack::unpack_record(record)
                .and_then(|json| serde_json::from_str::<Entry>(&json).map_err(|e| e.to_string()))
            {
                Ok(entry) if entry.v != FORMAT_VERSION => {
                    format!("written by an unsupported format version {}", entry.v)
                }
                Ok(entry) => {
                    if entry.seq != expected_seq {
                        corrupt.push(CorruptEntry {
                            index,
                            excerpt: excerpt(record),
                            problem: format!(
                                "records {expected_seq}..{} are missing",
                                entry.seq.saturating_sub(1)
                            ),
                        });
                    }
                    expected_seq = entry.seq + 1;
                    entries.push(entry);
                    continue;
                }
                Err(e) => {
                    expected_seq += 1;
                    format!("unreadable: {e}")
                }
            };
            corrupt.push(CorruptEntry {
                index,
                excerpt: excerpt(record),
                problem,
            });
        }
        let state = RunState::from_events(entries.iter().map(|e| (&e.event, e.at_ms)));
        Ok(Journal {
            store,
            next_seq: expected_seq,
            entries,
            corrupt,
            state,
            broken: None,
        })
    }

    /// Persists the event, then applies it to the state. `Event::Unsettled` is refused (and
    /// the journal stays usable): it is told to the page only, never stored.
    pub fn append(&mut self, at_ms: u64, event: Event) -> Result<(), StoreError> {
        if let Some(error) = &self.broken {
            return Err(error.clone());
        }
        if matches!(event, Event::Unsettled { .. }) {
            return Err(StoreError::Write(
                "a notice that reads get no answer is never stored".into(),
            ));
        }
        let entry = Entry {
            v: FORMAT_VERSION,
            seq: self.next_seq,
            at_ms,
            event,
        };
        let record = serde_json::to_string(&entry).map_err(|e| StoreError::Write(e.to_string()))?;
        // Stored short (a step event) or packed (the plan, the ledger); it reads back exactly.
        let record = pack::encode_record(record);
        if let Err(error) = self.store.append(&record) {
            self.broken = Some(error.clone());
            return Err(error);
        }
        self.next_seq += 1;
        self.state.apply(&entry.event, at_ms);
        self.entries.push(entry);
        Ok(())
    }

    /// Moves a waiting step's next look in the state without storing anything: a later look at
    /// a step whose answer was lost (the first look is stored as `Event::Unanswered`, and a
    /// reload looks again at once). Ignored for a step that is not waiting for a look.
    pub fn note_next_look(&mut self, step: &crate::plan::StepId, next_look_ms: u64) {
        if let Some(record) = self.state.steps.get_mut(step) {
            if record.status == StepStatus::Sent && record.next_look_ms.is_some() {
                record.next_look_ms = Some(next_look_ms);
            }
        }
    }

    /// The `seq` the next stored entry gets.
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    pub fn state(&self) -> &RunState {
        &self.state
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn corrupt(&self) -> &[CorruptEntry] {
        &self.corrupt
    }

    /// The store failed an append; nothing more can be recorded.
    pub fn is_broken(&self) -> bool {
        self.broken.is_some()
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn store_mut(&mut self) -> &mut S {
        &mut self.store
    }

    pub fn into_store(self) -> S {
        self.store
    }

    /// Forgets a finished run (after its report was kept): clears the records.
    pub fn clear(&mut self) -> Result<(), StoreError> {
        self.store.clear()?;
        self.entries.clear();
        self.corrupt.clear();
        self.state = RunState::default();
        self.next_seq = 0;
        Ok(())
    }
}

fn excerpt(record: &str) -> String {
    record.chars().take(80).collect()
}
