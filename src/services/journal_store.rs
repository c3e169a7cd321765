//! The deletion journal in the browser: a [`closure::JournalStore`] over localStorage, one per
//! account alias, plus the per-tab owner id the run lock is written with.
//!
//! Layout (all keys upper-case the alias, as CLC writes it):
//! - `offboard.journal.<ALIAS>`: the head, `{"schema":"offboard.journal","version":2,"count":N}`
//!   ([`closure::journal::head`]: version 2 may hold short and packed records, which a build
//!   that reads only version 1 must refuse rather than misread; version 1 journals still read);
//! - `offboard.journal.<ALIAS>.<i>` for `i < N`: one record each, as the journal wrote it;
//! - `offboard.lock.<ALIAS>`: the run lock record.
//!
//! One key per record keeps an append O(1) (a run of thousands of steps would otherwise rewrite
//! megabytes per transition). The head is written after its record, so it is the commit: a
//! record past `count` was never acknowledged, and a record missing below `count` is handed to
//! the journal as unreadable (reported, and the executor re-reads before sending). Every failed
//! write is returned as [`StoreError::Write`], never swallowed.
//!
//! The in-page demo's account starts afresh on every load, so its journal lives in memory
//! ([`AccountJournal::Demo`]): resuming a simulated run against a new simulation means nothing.

use std::cell::{Cell, OnceCell};

use closure::journal::head::{head_count, head_text};
use closure::journal::StoreError;
use closure::{JournalStore, MemoryStore};
use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::Storage;

pub const JOURNAL_PREFIX: &str = "offboard.journal.";
pub const LOCK_PREFIX: &str = "offboard.lock.";
pub use closure::journal::head::SCHEMA;
/// sessionStorage key of this tab's owner id: a reload keeps it (and takes its own lock back);
/// another tab has its own.
pub const OWNER_KEY: &str = "offboard.tab-owner";

pub fn journal_key(alias: &str) -> String {
    format!("{JOURNAL_PREFIX}{}", alias.trim().to_ascii_uppercase())
}

pub fn lock_key(alias: &str) -> String {
    format!("{LOCK_PREFIX}{}", alias.trim().to_ascii_uppercase())
}

/// The journal of one account in localStorage.
///
/// The head's count is kept in memory once this handle has read or written it, so an append
/// is two writes and no read (a run of thousands of steps otherwise read and parsed the head
/// before every record). That is sound because one tab alone appends: the run's Web Lock (see
/// `services::tab_lock`) is held for as long as the executor owns this handle, and no one else
/// writes the journal meanwhile. The count is forgotten, and read again before the next
/// append, after any failed write (the head may or may not hold the record) and by
/// [`Clone`]: a copy has not seen what the original appends after it.
#[derive(Debug)]
pub struct LocalJournal {
    head_key: String,
    lock_key: String,
    count: Cell<Option<usize>>,
    /// The page's localStorage, once found (looked up again on every write, it cost the
    /// 10,000-server deletion's main thread about 80 ms of its 12,000 writes).
    storage: OnceCell<Storage>,
}

impl Clone for LocalJournal {
    fn clone(&self) -> LocalJournal {
        LocalJournal {
            head_key: self.head_key.clone(),
            lock_key: self.lock_key.clone(),
            count: Cell::new(None),
            storage: self.storage.clone(),
        }
    }
}

impl LocalJournal {
    pub fn for_alias(alias: &str) -> LocalJournal {
        LocalJournal {
            head_key: journal_key(alias),
            lock_key: lock_key(alias),
            count: Cell::new(None),
            storage: OnceCell::new(),
        }
    }

    fn record_key(&self, index: usize) -> String {
        format!("{}.{index}", self.head_key)
    }

    fn storage(&self) -> Result<&Storage, String> {
        if let Some(storage) = self.storage.get() {
            return Ok(storage);
        }
        let storage = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .ok_or_else(|| "this browser offers no storage to this page".to_string())?;
        Ok(self.storage.get_or_init(|| storage))
    }

    /// The stored head's count, read (and kept) now.
    fn count(&self, storage: &Storage) -> Result<usize, StoreError> {
        let raw = storage
            .get_item(&self.head_key)
            .map_err(|e| StoreError::Read(describe(&e)))?;
        let count = head_count(&self.head_key, raw.as_deref())?;
        self.count.set(Some(count));
        Ok(count)
    }

    /// The count this handle last read or wrote, else the stored head's.
    fn known_count(&self, storage: &Storage) -> Result<usize, StoreError> {
        match self.count.get() {
            Some(count) => Ok(count),
            None => self.count(storage),
        }
    }

    fn write_count(&self, storage: &Storage, count: usize) -> Result<(), StoreError> {
        storage
            .set_item(&self.head_key, &head_text(count))
            .map_err(|e| StoreError::Write(describe(&e)))?;
        self.count.set(Some(count));
        Ok(())
    }
}

impl JournalStore for LocalJournal {
    fn load(&self) -> Result<Vec<String>, StoreError> {
        let storage = self.storage().map_err(StoreError::Read)?;
        let count = self.count(storage)?;
        (0..count)
            .map(|i| {
                let key = self.record_key(i);
                match storage.get_item(&key) {
                    Ok(Some(record)) => Ok(record),
                    // Kept as an unreadable record, so the journal reports the gap.
                    Ok(None) => Ok(format!("(record {key} is missing)")),
                    Err(e) => Err(StoreError::Read(describe(&e))),
                }
            })
            .collect()
    }

    fn append(&mut self, record: &str) -> Result<(), StoreError> {
        let storage = self.storage().map_err(StoreError::Write)?;
        let count = self.known_count(storage).map_err(|e| match e {
            StoreError::Read(detail) => StoreError::Write(detail),
            other => other,
        })?;
        // Whatever fails below, the next append reads the head again.
        self.count.set(None);
        storage
            .set_item(&self.record_key(count), record)
            .map_err(|e| StoreError::Write(describe(&e)))?;
        self.write_count(storage, count + 1)
    }

    fn clear(&mut self) -> Result<(), StoreError> {
        let storage = self.storage().map_err(StoreError::Write)?;
        let prefix = format!("{}.", self.head_key);
        let len = storage
            .length()
            .map_err(|e| StoreError::Write(describe(&e)))?;
        let keys: Vec<String> = (0..len)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(&prefix))
            .collect();
        self.count.set(None);
        // The head goes first: a half-done clear leaves orphans, never a shorter journal.
        storage
            .remove_item(&self.head_key)
            .map_err(|e| StoreError::Write(describe(&e)))?;
        for key in keys {
            storage
                .remove_item(&key)
                .map_err(|e| StoreError::Write(describe(&e)))?;
        }
        Ok(())
    }

    fn read_lock(&self) -> Result<Option<String>, StoreError> {
        let storage = self.storage().map_err(StoreError::Read)?;
        storage
            .get_item(&self.lock_key)
            .map_err(|e| StoreError::Read(describe(&e)))
    }

    fn write_lock(&mut self, lock: Option<&str>) -> Result<(), StoreError> {
        let storage = self.storage().map_err(StoreError::Write)?;
        match lock {
            Some(text) => storage.set_item(&self.lock_key, text),
            None => storage.remove_item(&self.lock_key),
        }
        .map_err(|e| StoreError::Write(describe(&e)))
    }
}

/// Where one account's journal lives: localStorage for a real (or server-simulated) account,
/// memory for the in-page demo.
#[derive(Clone, Debug)]
pub enum AccountJournal {
    Local(LocalJournal),
    Demo(MemoryStore),
}

impl AccountJournal {
    /// The journal for `alias`; `demo` gets the page's memory store (shared by the caller so a
    /// paused demo run can be continued).
    pub fn new(alias: &str, demo: Option<&MemoryStore>) -> AccountJournal {
        match demo {
            Some(store) => AccountJournal::Demo(store.clone()),
            None => AccountJournal::Local(LocalJournal::for_alias(alias)),
        }
    }
}

impl JournalStore for AccountJournal {
    fn load(&self) -> Result<Vec<String>, StoreError> {
        match self {
            AccountJournal::Local(s) => s.load(),
            AccountJournal::Demo(s) => s.load(),
        }
    }
    fn append(&mut self, record: &str) -> Result<(), StoreError> {
        match self {
            AccountJournal::Local(s) => s.append(record),
            AccountJournal::Demo(s) => s.append(record),
        }
    }
    fn clear(&mut self) -> Result<(), StoreError> {
        match self {
            AccountJournal::Local(s) => s.clear(),
            AccountJournal::Demo(s) => s.clear(),
        }
    }
    fn read_lock(&self) -> Result<Option<String>, StoreError> {
        match self {
            AccountJournal::Local(s) => s.read_lock(),
            AccountJournal::Demo(s) => s.read_lock(),
        }
    }
    fn write_lock(&mut self, lock: Option<&str>) -> Result<(), StoreError> {
        match self {
            AccountJournal::Local(s) => s.write_lock(lock),
            AccountJournal::Demo(s) => s.write_lock(lock),
        }
    }
}

/// This tab's owner id: kept in sessionStorage so a reload of the tab is the same owner (and
/// takes its own lock back), while every other tab has its own. Without sessionStorage, one id
/// per page load.
pub fn tab_owner() -> String {
    thread_local! {
        static FALLBACK: String = new_owner_id();
    }
    let storage = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    let Some(storage) = storage else {
        return FALLBACK.with(Clone::clone);
    };
    if let Ok(Some(id)) = storage.get_item(OWNER_KEY) {
        if !id.is_empty() {
            return id;
        }
    }
    let id = FALLBACK.with(Clone::clone);
    let _ = storage.set_item(OWNER_KEY, &id);
    id
}

/// `tab-<time>-<random>`: unique enough to tell tabs apart (not a secret).
fn new_owner_id() -> String {
    let random = (js_sys::Math::random() * 1e12) as u64;
    format!("tab-{:x}-{random:x}", js_sys::Date::now() as u64)
}

/// The browser's words for a storage failure (`QuotaExceededError: …`).
fn describe(e: &JsValue) -> String {
    let error = js_sys::Error::from(e.clone());
    let name = error.name().as_string().unwrap_or_default();
    let message = error.message().as_string().unwrap_or_default();
    match (name.is_empty(), message.is_empty()) {
        (false, false) => format!("{name}: {message}"),
        (false, true) => name,
        (true, false) => message,
        (true, true) => "the browser refused the write".into(),
    }
}

/// Where a journal that cannot be read is kept: `offboard.journal-set-aside.<ALIAS>.<ms>` (not
/// under the journal's own prefix, which a new run clears).
pub const SET_ASIDE_PREFIX: &str = "offboard.journal-set-aside.";

#[derive(Serialize)]
struct SetAside {
    head: Option<String>,
    records: Vec<Option<String>>,
    lock: Option<String>,
}

impl LocalJournal {
    /// Moves this journal (head, records, lock) aside under one new key, unchanged, and returns
    /// the key: a head this version cannot read (another schema, a newer format, damaged) would
    /// otherwise stop every run of the account. Nothing is removed unless the copy was stored.
    pub fn set_aside(&mut self, now: closure::EpochMs) -> Result<String, StoreError> {
        let storage = self.storage().map_err(StoreError::Write)?;
        let get = |key: &str| storage.get_item(key).ok().flatten();
        let head = get(&self.head_key);
        let count = head
            .as_deref()
            .and_then(|h| serde_json::from_str::<serde_json::Value>(h).ok())
            .and_then(|h| h["count"].as_u64())
            .unwrap_or(0) as usize;
        let blob = SetAside {
            head,
            records: (0..count).map(|i| get(&self.record_key(i))).collect(),
            lock: get(&self.lock_key),
        };
        let alias = self.head_key.trim_start_matches(JOURNAL_PREFIX);
        let key = format!("{SET_ASIDE_PREFIX}{alias}.{now}");
        let text = serde_json::to_string(&blob).map_err(|e| StoreError::Write(e.to_string()))?;
        storage
            .set_item(&key, &text)
            .map_err(|e| StoreError::Write(describe(&e)))?;
        self.clear()?;
        self.write_lock(None)?;
        Ok(key)
    }
}

/// Aliases whose deletion journal holds a run that has not finished or been stopped (the tab
/// closed or reloaded mid-run, or it runs in another tab), or that cannot be read (so it may
/// hold one). Reads each head and only its last record's event name.
pub fn unfinished_runs() -> Vec<String> {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return Vec::new();
    };
    let mut aliases: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(JOURNAL_PREFIX).map(str::to_string))
        .filter(|alias| !alias.is_empty() && !alias.contains('.'))
        .filter(|alias| {
            let head_key = journal_key(alias);
            let head = storage.get_item(&head_key).ok().flatten();
            // Unreadable, another schema or a version this build does not read: it may hold
            // a run, so it is listed.
            let Ok(count) = head_count(&head_key, head.as_deref()) else {
                return true;
            };
            if count == 0 {
                return false;
            }
            let last = storage
                .get_item(&format!("{head_key}.{}", count - 1))
                .ok()
                .flatten()
                .and_then(|r| closure::journal::pack::event_name(&r).map(str::to_string));
            !matches!(last.as_deref(), Some("finished" | "stopped"))
        })
        .collect();
    aliases.sort();
    aliases
}
