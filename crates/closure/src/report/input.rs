//! What the report is built from: plain data the app already holds. There is deliberately no
//! field for the session or its token.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::checklist::Checklist;
use crate::inventory::{Inventory, ResourceId};
use crate::manual_marks::ManualMarks;
use crate::marks::{data_bearing, DataMarks, Mark};
use crate::zone::LocalOffsets;
use crate::EpochMs;

/// How one deletion ended, as verified by the re-read after the run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DeletionOutcome {
    /// Gone from the account.
    Removed,
    /// The platform refused or the operation failed; the reason as a sentence.
    Failed(String),
    /// Still there: not run, stopped before it was sent, or still under way at the final check;
    /// why, as a sentence.
    Remaining(String),
}

impl DeletionOutcome {
    /// `removed`, `failed`, `remaining`.
    pub fn label(&self) -> &'static str {
        match self {
            DeletionOutcome::Removed => "removed",
            DeletionOutcome::Failed(_) => "failed",
            DeletionOutcome::Remaining(_) => "remaining",
        }
    }
}

/// One deletion the closure planned. Invariant expected: `finished_at >= requested_at` when both
/// are known, and `finished_at` is `None` for [`DeletionOutcome::Remaining`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeletionRecord {
    pub resource: ResourceId,
    /// The name the API gave it (data, never markup).
    pub name: String,
    /// Upper-case data-center code; `None` for account-wide resources.
    pub data_center: Option<String>,
    /// When its delete was sent; `None` when none was (not run, or found gone without one).
    pub requested_at: Option<EpochMs>,
    /// The queue or operation id the API answered with, when there was one.
    pub operation_id: Option<String>,
    pub outcome: DeletionOutcome,
    /// When it was seen gone, or failing.
    pub finished_at: Option<EpochMs>,
    /// How many resources the deletion stands for (a group and everything in it); a record
    /// written before this field reads as 1.
    #[serde(default = "one")]
    pub resources: usize,
    /// The alias that held it; empty in a record written before sub-accounts, which means the
    /// record's own account.
    #[serde(default)]
    pub account: String,
}

fn one() -> usize {
    1
}

/// The customer's step-2 decision about one data-bearing resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DataMark {
    Retrieved,
    NotNeeded,
    Unmarked,
}

impl DataMark {
    pub fn label(self) -> &'static str {
        match self {
            DataMark::Retrieved => "retrieved",
            DataMark::NotNeeded => "not needed",
            DataMark::Unmarked => "unmarked",
        }
    }
}

/// One data-bearing resource and its mark (the app lists every data-bearing resource, marked
/// or not; names are looked up in the inventories).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataMarkInput {
    pub resource: ResourceId,
    pub mark: DataMark,
}

/// Everything the report is built from.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportInput {
    /// The account alias (as the API or the customer gave it).
    pub alias: String,
    /// The API base URL the app talked to (no credentials: the app never puts any in a URL).
    pub api_base: String,
    /// Demo mode: the account was the simulator's, nothing real was deleted.
    pub demo: bool,
    /// When the report is made.
    pub generated_at: EpochMs,
    /// The customer's offset from UTC, east positive, when the report is made.
    pub utc_offset_minutes: i32,
    /// The customer's offsets at the checklist's times (request, escalation, confirmation), which
    /// may differ from `utc_offset_minutes` across a daylight-saving change.
    pub utc_offsets: LocalOffsets,
    /// The scan before any deletion, and the re-scan after (each may be missing).
    /// Shared, not copied: a large account's inventory holds 10,000 resources.
    pub before: Option<Rc<Inventory>>,
    pub after: Option<Rc<Inventory>>,
    pub deletions: Vec<DeletionRecord>,
    /// The customer's answers about the manual items (done, not applicable).
    pub manual_marks: ManualMarks,
    pub data_marks: Vec<DataMarkInput>,
    pub checklist: Checklist,
}

/// The data-retrieval lines of the record: every data-bearing resource the closure found (the
/// scan before, then any the re-scan after adds), with the customer's step-2 mark. The marks
/// outlive the resources they describe: a server deleted in step 3 keeps its mark here.
pub fn data_mark_lines(
    before: Option<&Inventory>,
    after: Option<&Inventory>,
    marks: &DataMarks,
) -> Vec<DataMarkInput> {
    let mut seen = std::collections::BTreeSet::new();
    [before, after]
        .into_iter()
        .flatten()
        .flat_map(data_bearing)
        .filter(|r| seen.insert(r.id.clone()))
        .map(|r| DataMarkInput {
            resource: r.id.clone(),
            mark: match marks.get(&r.id) {
                Some(Mark::Retrieved) => DataMark::Retrieved,
                Some(Mark::NotNeeded) => DataMark::NotNeeded,
                None => DataMark::Unmarked,
            },
        })
        .collect()
}
