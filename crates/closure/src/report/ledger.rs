//! The executor's [`Ledger`] → the report's [`DeletionRecord`]s: one record per planned step,
//! whatever became of it. The outcome is the ledger list the line is in:
//!
//! | ledger list | outcome | `requested_at` | `finished_at` |
//! |---|---|---|---|
//! | `removed` | [`DeletionOutcome::Removed`] | the latest send | seen gone |
//! | `failed` | [`DeletionOutcome::Failed`] (its reason) | the latest send | seen failing |
//! | `remaining`, a step | [`DeletionOutcome::Remaining`] (its reason) | its send, if any | none |
//! | `remaining`, no step | not a deletion: an exclusion | | |
//!
//! Exclusions are left out: the report lists what was kept from the inventory. Times the ledger
//! lacks stay `None`, except a removed or failed line's end, which falls back to the
//! verification's time (the final re-read saw it so then).

use super::input::{DeletionOutcome, DeletionRecord};
use crate::journal::{Ledger, LedgerLine};
use crate::EpochMs;

/// Said of a failed line that came with no reason (the executor always gives one).
const FAILED: &str = "The deletion failed.";
/// Said of a remaining line that came with no reason.
const REMAINING: &str = "Not deleted.";

/// Every deletion of one run, in the ledger's order: removed, failed, then remaining (each in
/// plan order).
pub fn deletions_from_ledger(ledger: &Ledger) -> Vec<DeletionRecord> {
    let reason = |line: &LedgerLine, default: &str| {
        line.reason.clone().unwrap_or_else(|| default.to_string())
    };
    let removed = ledger.removed.iter().map(|l| (l, DeletionOutcome::Removed));
    let failed = ledger
        .failed
        .iter()
        .map(|l| (l, DeletionOutcome::Failed(reason(l, FAILED))));
    let remaining = ledger
        .remaining
        .iter()
        .filter(|l| l.step.is_some())
        .map(|l| (l, DeletionOutcome::Remaining(reason(l, REMAINING))));
    removed
        .chain(failed)
        .chain(remaining)
        .map(|(line, outcome)| {
            DeletionRecord::from_ledger_line(line, outcome, ledger.verified_at_ms)
        })
        .collect()
}

impl DeletionRecord {
    /// The record of one ledger line with the outcome its list gives it (see the module docs);
    /// `verified_at_ms` is the ledger's.
    pub fn from_ledger_line(
        line: &LedgerLine,
        outcome: DeletionOutcome,
        verified_at_ms: u64,
    ) -> DeletionRecord {
        let finished_at = match outcome {
            DeletionOutcome::Remaining(_) => None,
            DeletionOutcome::Removed | DeletionOutcome::Failed(_) => {
                Some(epoch(line.finished_at_ms.unwrap_or(verified_at_ms)))
            }
        };
        DeletionRecord {
            resource: line.resource.clone(),
            name: line.label.clone(),
            data_center: line.data_center.clone(),
            requested_at: line.sent_at_ms.map(epoch),
            operation_id: line.operation_id.clone(),
            outcome,
            finished_at,
            resources: line.resources,
            account: line.account.clone(),
        }
    }
}

fn epoch(ms: u64) -> EpochMs {
    EpochMs::try_from(ms).unwrap_or(EpochMs::MAX)
}
