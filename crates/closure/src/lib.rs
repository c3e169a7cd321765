//! The account-closure domain: the article's checklist as a state machine, the dates the customer
//! must know (final invoice, the one-hour confirmation window), what the browser keeps between
//! visits, and how to escalate. Plain data and functions: no UI, no I/O.

pub mod checklist;
pub mod counts;
pub mod date_text;
pub mod escalation;
pub mod gate;
pub mod ics;
pub mod invoice;
pub mod manual_marks;
pub mod marks;
pub mod pretty;
pub mod saved;
pub mod service_task;
pub mod sorting;
pub mod stored;
pub mod zone;

pub use checklist::{Action, Checklist, Commitment, Phase, Refusal, StepId};
pub use invoice::InvoiceExpectation;
pub use saved::{LoadOutcome, SavedChecklist};
pub use zone::LocalOffsets;

/// Milliseconds since the Unix epoch, UTC: `clc`'s one instant type, used by the domain too.
pub use clc::EpochMs;

/// The confirmation window after the closure request (the article's one-hour rule).
pub const CONFIRMATION_WINDOW_MS: EpochMs = 60 * 60 * 1000;

pub mod cost;
pub mod inventory;
pub mod scan;

pub use inventory::{Inventory, InventoryDiff, Resource, ResourceId, ResourceKind, ResourceState};
pub use scan::{
    CancelHandle, Part, PartFailure, ProgressHandle, ScanOptions, ScanOutcome, ScanProgress,
    Scanner,
};

pub mod execute;
pub mod journal;
pub mod plan;
pub mod report;
mod wire;

pub use execute::{
    ExecError, Executor, ExecutorConfig, ExecutorHandle, HeldLock, Ledger, RunGuard, RunOutcome,
    TabLocks, Visibility,
};
pub use journal::{Journal, JournalStore, MemoryStore, RunState, StepStatus};
pub use plan::{DeleteCall, DeletionPhase, Exclusion, ExclusionReason, Plan, Selection, Step};
