//! The run lock: one record (run id, owner tab, heartbeat time) that tells a second tab a run is
//! in progress, so it does not start another. A lock without a heartbeat for `stale_after_ms`
//! may be taken over, but only when asked explicitly.

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
    /// Another tab took the lock over while this one was running.
    #[error("another tab ({owner}) took over this closure")]
    Lost { owner: String },
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

/// Renews the heartbeat, after checking the lock is still ours.
pub fn heartbeat(
    store: &mut impl JournalStore,
    lock: &mut RunLock,
    now_ms: u64,
) -> Result<(), LockError> {
    match inspect(store)? {
        Some(current) if current.owner != lock.owner => Err(LockError::Lost {
            owner: current.owner,
        }),
        _ => {
            lock.heartbeat_ms = now_ms;
            write(store, lock)?;
            Ok(())
        }
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
