//! The run lock record: one record (run id, owner tab, heartbeat time), the durable trace of
//! which tab runs the account's closure. What keeps a second tab from sending is the tab's hold
//! on the run (`execute::RunGuard`, the browser's Web Lock); the record tells a tab opened later
//! that a run is in progress, survives a closed tab, and is renewed before every send. A record
//! without a heartbeat for `stale_after_ms` may be taken over: when asked explicitly, or when
//! its run is already closed.

use serde::{Deserialize, Serialize};

use super::store::{JournalStore, StoreError};

/// The lock record as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunLock {
    pub run_id: String,
    /// The tab (or process) holding it: a random id per tab.
    pub owner: String,
    pub heartbeat_ms: u64,
}

impl RunLock {
    pub fn is_stale(&self, now_ms: u64, stale_after_ms: u64) -> bool {
        now_ms.saturating_sub(self.heartbeat_ms) >= stale_after_ms
    }
}

/// Why the lock could not be taken or kept.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LockError {
    /// Another tab runs (or ran) this closure; `stale` when its heartbeat stopped long enough
    /// ago that it may be taken over explicitly.
    #[error("another tab ({owner}) is running this closure")]
    Held {
        owner: String,
        run_id: String,
        heartbeat_ms: u64,
        stale: bool,
    },
    /// Another tab took the lock over while this one was running (or the record is gone: the
    /// other tab finished and released it).
    #[error("another tab ({owner}) took over this closure")]
    Lost { owner: String },
    /// This tab does not hold the run (another tab or window of this browser does, or this
    /// browser cannot lock it), so it may not start, resume or send anything.
    #[error("this tab does not hold the closure's run")]
    NotHeld,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl LockError {
    pub fn user_message(&self) -> String {
        match self {
            LockError::Held { stale: false, .. } => "This closure is already running in another \
                 tab or window. Continue there, or close it and wait a minute."
                .into(),
            LockError::Held { stale: true, .. } => "Another tab started this closure and has not \
                 been heard from for a while. If that tab is closed, take the closure over here."
                .into(),
            LockError::Lost { .. } => "Another tab took this closure over, so this tab stopped \
                 sending. Continue in the other tab."
                .into(),
            LockError::NotHeld => "Another tab or window of this browser is running this \
                 closure, so this tab sends nothing. Continue there; once it is closed, this \
                 tab can take over."
                .into(),
            LockError::Store(e) => e.user_message(),
        }
    }
}

/// Reads the current lock; an unreadable record counts as a stale lock of an unknown owner.
pub fn inspect(store: &impl JournalStore) -> Result<Option<RunLock>, StoreError> {
    Ok(store.read_lock()?.map(|text| {
        serde_json::from_str(&text).unwrap_or(RunLock {
            run_id: String::new(),
            owner: "unknown".into(),
            heartbeat_ms: 0,
        })
    }))
}

/// Takes the lock for `owner`. A lock held by `owner` itself is renewed. Another owner's lock
/// is refused while fresh; a stale one is refused unless `take_over` is true.
pub fn acquire(
    store: &mut impl JournalStore,
    run_id: &str,
    owner: &str,
    now_ms: u64,
    stale_after_ms: u64,
    take_over: bool,
) -> Result<RunLock, LockError> {
    if let Some(current) = inspect(store)? {
        if current.owner != owner {
            let stale = current.is_stale(now_ms, stale_after_ms);
            if !(stale && take_over) {
                return Err(LockError::Held {
                    owner: current.owner,
                    run_id: current.run_id,
                    heartbeat_ms: current.heartbeat_ms,
                    stale,
                });
            }
        }
    }
    let lock = RunLock {
        run_id: run_id.to_string(),
        owner: owner.to_string(),
        heartbeat_ms: now_ms,
    };
    write(store, &lock)?;
    Ok(lock)
}

/// Renews the heartbeat, after checking the record is still ours. A missing record is not
/// ours either: another tab took the run over, finished and released it.
pub fn heartbeat(
    store: &mut impl JournalStore,
    lock: &mut RunLock,
    now_ms: u64,
) -> Result<(), LockError> {
    match inspect(store)? {
        Some(current) if current.owner == lock.owner && current.run_id == lock.run_id => {
            lock.heartbeat_ms = now_ms;
            write(store, lock)?;
            Ok(())
        }
        Some(current) => Err(LockError::Lost {
            owner: current.owner,
        }),
        None => Err(LockError::Lost {
            owner: "another tab, which has released it".into(),
        }),
    }
}

/// Removes a stale record (a tab closed without releasing it), so nothing reports a run in
/// progress that is not. Call it only for a journal whose run is closed.
pub fn release_if_stale(
    store: &mut impl JournalStore,
    now_ms: u64,
    stale_after_ms: u64,
) -> Result<bool, StoreError> {
    match inspect(store)? {
        Some(current) if current.is_stale(now_ms, stale_after_ms) => {
            store.write_lock(None)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Removes the lock if `owner` holds it.
pub fn release(store: &mut impl JournalStore, owner: &str) -> Result<(), StoreError> {
    match inspect(store)? {
        Some(current) if current.owner == owner => store.write_lock(None),
        _ => Ok(()),
    }
}

fn write(store: &mut impl JournalStore, lock: &RunLock) -> Result<(), StoreError> {
    let text = serde_json::to_string(lock).map_err(|e| StoreError::Write(e.to_string()))?;
    store.write_lock(Some(&text))
}
