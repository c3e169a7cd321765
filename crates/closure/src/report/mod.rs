//! The closure record: one report of the whole closure, built by a pure function from a plain
//! [`ReportInput`] — who and where, the inventory before and after, every deletion with its
//! times and outcome, the exclusions and why, the manual items and data-retrieval marks, the
//! checklist's times, the expected final invoice and what was billing at the start and still
//! accrues at the end.
//!
//! The input has no credential field, and no part of the output is derived from one, so no
//! format can carry the bearer token. Names from the API are data: they are copied as strings,
//! quoted and neutralised in CSV, and never interpreted.
//!
//! - [`input`]: what the caller provides (deletion records are a plain type).
//! - [`ledger`]: the executor's ledger → deletion records, with each delete's operation id,
//!   times and outcome.
//! - [`model`]: the versioned, serde [`Report`] and its sections.
//! - `build`: input → report.
//! - [`csv`]: one CSV row per resource, deletion, exclusion, manual item and mark.
//! - [`summary`]: the plain-text summary the UI renders as text.

mod build;
pub mod csv;
pub mod input;
pub mod ledger;
pub mod model;
pub mod summary;

pub use build::build;
pub use input::{
    data_mark_lines, DataMark, DataMarkInput, DeletionOutcome, DeletionRecord, ReportInput,
};
pub use ledger::deletions_from_ledger;
pub use model::write_inventories;
pub use model::{
    AccountSection, ChecklistSection, CostSection, DataRetrievalLine, DeletionCounts,
    DeletionsSection, ExclusionLine, InvoiceSection, ManualLine, Report,
};
pub use summary::{Summary, SummarySection};

/// Why a text is not a report this version can read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("This file is not a readable offboard report ({0}).")]
    Unreadable(String),
    #[error(
        "This is not an offboard report of version {VERSION} (found {schema} version {version})."
    )]
    OtherSchema { schema: String, version: u32 },
}

/// Why a report could not be written as JSON (e.g. it holds inventories and the live tools, which
/// write them, are not loaded).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "The record could not be written as JSON ({0}). The CSV download still lists every \
     resource, deletion and mark."
)]
pub struct WriteError(pub String);

impl From<serde_json::Error> for WriteError {
    fn from(e: serde_json::Error) -> WriteError {
        WriteError(e.to_string())
    }
}

/// The report's schema name, so other JSON is never mistaken for a report.
pub const SCHEMA: &str = "offboard.report";
/// The current layout of [`Report`]. Any change to the JSON shape takes a new version;
/// [`Report::from_json`] reads the current one only.
///
/// - 1: first layout.
/// - 2: a deletion's `requestedAt` may be `null` (nothing was sent), and its `remaining`
///   outcome carries the reason as `{"remaining": "…"}`, as `failed` does.
pub const VERSION: u32 = 2;

impl Report {
    /// Pretty JSON of the whole report. Fails only when it holds inventories and nothing set
    /// their writer ([`write_inventories`]; always set in native builds).
    pub fn to_json(&self) -> Result<String, WriteError> {
        Ok(crate::pretty::pretty(&serde_json::to_string(self)?))
    }

    /// Reads a report written by [`Report::to_json`]; refuses other schemas and versions.
    pub fn from_json(text: &str) -> Result<Report, ReadError> {
        let report: Report =
            serde_json::from_str(text).map_err(|e| ReadError::Unreadable(e.to_string()))?;
        if report.schema != SCHEMA || report.version != VERSION {
            return Err(ReadError::OtherSchema {
                schema: report.schema,
                version: report.version,
            });
        }
        Ok(report)
    }

    /// The CSV export (see [`csv`]).
    pub fn to_csv(&self) -> String {
        csv::to_csv(self)
    }

    /// The plain-text summary (see [`summary`]).
    pub fn summary(&self) -> Summary {
        summary::summarise(self)
    }
}
