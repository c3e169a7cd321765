//! The head of a journal kept under named keys (the browser's localStorage):
//! `{"schema":"offboard.journal","version":V,"count":N}`, written after each record, so it is the
//! commit of the records below `count`.
//!
//! The head's `version` is what a build checks before it reads a single record, so it is what
//! keeps a build from misreading records it cannot read. Version 1 journals hold plain JSON
//! records only. Version 2 journals may also hold short (`c:`) and packed (`z1:`) records
//! ([`super::pack`]): a build that knows only version 1 refuses such a journal as written by
//! another version (it neither replays nor sends anything from it) instead of reading its step
//! records as damaged and its steps as never sent. This build writes version 2 on every head,
//! and reads 1 and 2; an older journal is continued as version 2 from its first new record on.

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use super::StoreError;

pub const SCHEMA: &str = "offboard.journal";
/// The version every head this build writes says.
pub const WRITTEN_VERSION: u32 = 2;
/// The versions this build reads: 1 (plain records) and 2 (plain, short or packed records).
pub const READ_VERSIONS: RangeInclusive<u32> = 1..=2;

#[derive(Serialize, Deserialize)]
struct Head {
    schema: String,
    version: u32,
    count: usize,
}

/// The head text for a journal of `count` records, in [`WRITTEN_VERSION`].
pub fn head_text(count: usize) -> String {
    serde_json::to_string(&Head {
        schema: SCHEMA.into(),
        version: WRITTEN_VERSION,
        count,
    })
    .expect("a head serializes")
}

/// How many records the stored head `raw` (under `key`; `None`: no journal) commits. Another
/// schema, a version this build does not read, or an unreadable head is a
/// [`StoreError::Read`]: the journal is not opened (nothing is replayed or sent from it) and
/// nothing is changed; the page offers to keep it aside.
pub fn head_count(key: &str, raw: Option<&str>) -> Result<usize, StoreError> {
    let Some(raw) = raw else { return Ok(0) };
    let head: Head = serde_json::from_str(raw)
        .map_err(|e| StoreError::Read(format!("the saved run's index is unreadable: {e}")))?;
    if head.schema != SCHEMA {
        return Err(StoreError::Read(format!(
            "{key} holds something other than a deletion journal"
        )));
    }
    if !READ_VERSIONS.contains(&head.version) {
        return Err(StoreError::Read(format!(
            "it was written by another version of offboard (format {})",
            head.version
        )));
    }
    Ok(head.count)
}
