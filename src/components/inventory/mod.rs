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
pub mod format;
pub mod gaps;
pub mod manual;
pub mod mark_row;
pub mod pager;
pub mod query;
pub mod retrieve;
pub mod row;
pub mod summary;
pub mod table;
pub mod unread;
pub mod view;

pub use view::{InventoryView, InventoryViewProps};

use std::rc::Rc;

/// A shared value compared by identity: memo keys and props over a 10,000-resource inventory
/// must not compare it field by field on every render.
#[derive(Debug)]
pub struct ByPtr<T>(pub Rc<T>);

impl<T> Clone for ByPtr<T> {
    fn clone(&self) -> Self {
        ByPtr(self.0.clone())
    }
}

impl<T> PartialEq for ByPtr<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
