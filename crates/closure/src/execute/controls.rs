//! The switches the UI holds while a run is pending: pause, stop, and the tab's visibility
//! (a hidden tab polls at the slowest pace, and after a long while not at all).

use std::cell::Cell;
use std::rc::Rc;

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
