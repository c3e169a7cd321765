//! The inventory page: what the scan found, what it costs, what could not be read, what to do by
//! hand, and step 2's marks. [`InventoryView`] is the entry point; every API-provided string is
//! rendered as text.

pub mod accrual;
pub mod age;
pub mod bars;
pub mod chart;
pub mod exclusions;
pub mod export;
pub mod filters;
pub mod gaps;
pub mod manual;
pub mod mark_row;
pub mod query;
pub mod retrieve;
pub mod row;
pub mod service_task;
pub mod summary;
pub mod table;
pub mod unread;
pub mod view;

pub use view::{InventoryView, InventoryViewProps};
