//! The ledger: what the verification re-read at the end of a run found — removed, failed (with
//! the reason), and remaining (billing or not) — with, per step, the operation id and times the
//! journal recorded for its delete.
//!
//! A ledger is stored in the journal's `Finished` entry: fields added after format version 1
//! are `serde(default)`, so a journal written before them still loads (they read as `None`).

use serde::{Deserialize, Serialize};

use crate::inventory::ResourceId;
use crate::plan::StepId;

/// One line of the ledger.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerLine {
    /// The step that removed (or failed to remove) it; `None` for exclusions.
    pub step: Option<StepId>,
    pub resource: ResourceId,
    pub label: String,
    pub data_center: Option<String>,
    /// Why it failed or remains, as a sentence.
    pub reason: Option<String>,
    /// Dollars per hour it costs (or saved), when known.
    pub hourly: Option<f64>,
    /// Whether it keeps billing (unknown cost counts as billing).
    pub bills: bool,
    /// The operation id the API answered the latest delete with (see
    /// [`crate::journal::StepRecord::operation_id`]).
    #[serde(default)]
    pub operation_id: Option<String>,
    /// When the latest delete was about to be sent; `None` when nothing was sent.
    #[serde(default)]
    pub sent_at_ms: Option<u64>,
    /// When it was seen gone (removed) or failing (failed): the journal's time of the outcome,
    /// else the verification's. `None` for what remains.
    #[serde(default)]
    pub finished_at_ms: Option<u64>,
    /// How many resources the line stands for: a group step removes the group and everything
    /// in it; an exclusion is one resource. A ledger written before this field reads as 1.
    #[serde(default = "one")]
    pub resources: usize,
    /// The alias that holds it (the parent's or a sub-account's). A ledger written before
    /// sub-accounts reads as empty, which means the run's own account (the plan's alias).
    #[serde(default)]
    pub account: String,
}

fn one() -> usize {
    1
}

/// The outcome of a run, as verified by re-reading the account.
///
/// Invariant: every step of the plan appears exactly once, in `removed` or `failed` or
/// `remaining` (steps not run); every exclusion appears in `remaining`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ledger {
    pub removed: Vec<LedgerLine>,
    pub failed: Vec<LedgerLine>,
    pub remaining: Vec<LedgerLine>,
    pub verified_at_ms: u64,
}

impl Ledger {
    /// Dollars per hour still billing among what remains or failed (known part).
    pub fn still_billing_hourly(&self) -> f64 {
        self.failed
            .iter()
            .chain(&self.remaining)
            .filter(|l| l.bills)
            .filter_map(|l| l.hourly)
            .sum()
    }

    /// Dollars per hour the removed items no longer cost (known part).
    pub fn saved_hourly(&self) -> f64 {
        self.removed.iter().filter_map(|l| l.hourly).sum()
    }

    /// Nothing that bills is left, as far as the re-read could tell.
    pub fn nothing_billing_left(&self) -> bool {
        self.failed.is_empty() && self.remaining.iter().all(|l| !l.bills)
    }
}
