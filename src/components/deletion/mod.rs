//! Issue 5, "Delete what bills": the dry-run plan, the typed-alias confirmation and countdown,
//! the run with every step's state, and the verified ledger. [`Deletion`] is the entry point;
//! [`runner`] drives the `closure` executor (journaled through
//! [`crate::services::journal_store`]), [`state`] is the page's one reducer. Every
//! API-provided string is rendered as text.

pub mod alias;
pub mod choices;
pub mod confirm;
pub mod countdown;
pub mod exclusions;
pub mod found;
pub mod free_choices;
pub mod ledger;
pub mod page;
pub mod phase_steps;
pub mod progress;
pub mod resource_name;
pub mod review;
pub mod run_identity;
pub mod runner;
pub mod state;
pub mod step_row;
pub mod step_status;

pub use page::{Deletion, DeletionProps};

use crate::components::common::format::hourly;

/// A saving per hour; "at least" when part of it is unknown.
pub fn saving(known: f64, incomplete: bool) -> String {
    match (incomplete, known > 0.0) {
        (true, true) => format!("at least {}", hourly(known)),
        (true, false) => "unknown".into(),
        (false, _) => hourly(known),
    }
}
