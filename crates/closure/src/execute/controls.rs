//! The switches the UI holds while a run is pending: pause, stop, retries of failed steps, and
//! the tab's visibility (a hidden tab polls at the slowest pace, and after a long while not at
//! all). The executor applies them at its safe points; the UI only sets them.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::plan::StepId;

/// Whether the page is visible (`document.visibilityState`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visibility {
    Visible,
    Hidden,
}

#[derive(Debug, Default)]
struct Switches {
    pause: Cell<bool>,
    stop: Cell<bool>,
    /// Failed steps the customer asked to retry, taken at the top of the next round.
    retries: RefCell<Vec<StepId>>,
    hidden_since_ms: Cell<Option<u64>>,
}

/// A cheap clone shared with the executor. Requests take effect at the next safe point (before
/// a delete is sent, or between rounds), so the journal stays consistent.
#[derive(Clone, Debug, Default)]
pub struct ExecutorHandle {
    switches: Rc<Switches>,
}

impl ExecutorHandle {
    /// Asks the run to pause: no new deletes; [`super::Executor::run`] returns `Paused`.
    pub fn pause(&self) {
        self.switches.pause.set(true);
    }

    /// Asks the run to stop for good: no new deletes; the run is closed with a ledger.
    pub fn stop(&self) {
        self.switches.stop.set(true);
    }

    /// Clears a pause request (running again resumes).
    pub fn unpause(&self) {
        self.switches.pause.set(false);
    }

    /// Asks for a failed step to be sent again, at the next safe point (the top of a round); a
    /// run that ended incomplete runs again for it (see [`super::Executor::drive`]). A step that
    /// is no longer failed by then is left as it is.
    pub fn retry(&self, step: StepId) {
        let mut retries = self.switches.retries.borrow_mut();
        if !retries.contains(&step) {
            retries.push(step);
        }
    }

    /// A retry is waiting to be taken.
    pub fn has_retries(&self) -> bool {
        !self.switches.retries.borrow().is_empty()
    }

    pub(crate) fn take_retries(&self) -> Vec<StepId> {
        self.switches.retries.take()
    }

    pub fn set_visibility(&self, visibility: Visibility, now_ms: u64) {
        let hidden = &self.switches.hidden_since_ms;
        match visibility {
            Visibility::Visible => hidden.set(None),
            Visibility::Hidden if hidden.get().is_none() => hidden.set(Some(now_ms)),
            Visibility::Hidden => {}
        }
    }

    pub fn is_pause_requested(&self) -> bool {
        self.switches.pause.get()
    }

    pub fn is_stop_requested(&self) -> bool {
        self.switches.stop.get()
    }

    /// How long the tab has been hidden, if it is.
    pub fn hidden_for_ms(&self, now_ms: u64) -> Option<u64> {
        self.switches
            .hidden_since_ms
            .get()
            .map(|since| now_ms.saturating_sub(since))
    }

    pub(crate) fn holds_sends(&self) -> bool {
        self.is_pause_requested() || self.is_stop_requested()
    }
}
