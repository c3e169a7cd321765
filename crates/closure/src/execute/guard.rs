//! This tab's hold on a run. A run sends only while its tab holds the run of its account: in the
//! browser, the Web Lock `offboard.run.<ALIAS>` (`navigator.locks`, taken with `ifAvailable`
//! and held for as long as the run is alive in the tab). A second tab, or a duplicate of this
//! one that copied its sessionStorage, cannot get it and so never sends, whatever the journal's
//! lock record says; that record stays as the durable trace (which tab ran it, its heartbeat).
//! [`TabLocks`] gives native tests the same semantics in memory.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::fmt;
use std::rc::Rc;

/// Whether this tab holds the run now. Cheap to clone; checked before every send.
#[derive(Clone)]
pub struct RunGuard(Rc<dyn Fn() -> bool>);

impl RunGuard {
    pub fn new(is_held: impl Fn() -> bool + 'static) -> RunGuard {
        RunGuard(Rc::new(is_held))
    }

    /// Always held: one executor per store, by construction (native tests of a single tab, and
    /// the in-page demo, whose journal lives in the page's own memory).
    pub fn sole() -> RunGuard {
        RunGuard::new(|| true)
    }

    pub fn is_held(&self) -> bool {
        (self.0)()
    }
}

impl Default for RunGuard {
    fn default() -> RunGuard {
        RunGuard::sole()
    }
}

impl fmt::Debug for RunGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RunGuard(held: {})", self.is_held())
    }
}

impl PartialEq for RunGuard {
    fn eq(&self, other: &RunGuard) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for RunGuard {}

/// Named locks with the Web Locks API's `ifAvailable` semantics, in memory: a name is held by at
/// most one [`HeldLock`] at a time, until it is dropped. Clones share the names (one browser).
#[derive(Clone, Debug, Default)]
pub struct TabLocks(Rc<RefCell<BTreeSet<String>>>);

impl TabLocks {
    /// The lock, if nobody holds it now; `None` otherwise (never waits).
    pub fn try_hold(&self, name: &str) -> Option<HeldLock> {
        if !self.0.borrow_mut().insert(name.to_string()) {
            return None;
        }
        Some(HeldLock {
            locks: self.clone(),
            name: name.to_string(),
            held: Rc::new(Cell::new(true)),
        })
    }
}

/// One held lock; released when dropped.
#[derive(Debug)]
pub struct HeldLock {
    locks: TabLocks,
    name: String,
    held: Rc<Cell<bool>>,
}

impl HeldLock {
    /// A guard that is held for as long as this lock is.
    pub fn guard(&self) -> RunGuard {
        let held = self.held.clone();
        RunGuard::new(move || held.get())
    }
}

impl Drop for HeldLock {
    fn drop(&mut self) {
        self.held.set(false);
        self.locks.0.borrow_mut().remove(&self.name);
    }
}
