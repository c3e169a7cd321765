//! Drives the executor for the deletion page: looks at this account's journal (anything to
//! resume? another tab?), and starts or resumes a run in `spawn_local`, reporting every
//! transition as a [`Msg`]. Pause, stop and the tab's visibility go to the executor's handle.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use closure::journal::{lock, Journal};
use closure::plan::StepId;
use closure::{Executor, ExecutorConfig, ExecutorHandle, Ledger, Plan, RunOutcome};
use closure::{MemoryStore, Visibility};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::Callback;

use super::state::{refusal, Found, Msg};
use crate::services::clock;
use crate::services::journal_store::{tab_owner, AccountJournal};
use crate::session::Connection;

/// What the page holds while a run may be going: shared by the component and the task.
#[derive(Clone)]
pub struct RunContext {
    pub connection: Rc<Connection>,
    /// The in-page demo's journal (memory); `None` for a real account (localStorage).
    pub demo_store: Option<MemoryStore>,
    pub dispatch: Callback<Msg>,
    pub on_finished: Callback<Ledger>,
    pub cells: Cells,
}

/// The switches shared by the page and the running task; kept for the component's life.
#[derive(Clone, Default)]
pub struct Cells {
    /// The running executor's switches; `None` while no run is attached.
    pub handle: Rc<RefCell<Option<ExecutorHandle>>>,
    /// Failed steps the customer asked to retry, applied at the next safe point.
    pub retries: Rc<RefCell<Vec<StepId>>>,
    pub user_paused: Rc<Cell<bool>>,
    pub stop_requested: Rc<Cell<bool>>,
    /// A task is starting or running an executor: never two at once in one tab.
    pub active: Rc<Cell<bool>>,
}

impl Cells {
    /// Pauses a running executor (when the page goes away: the journal keeps the run open).
    pub fn pause_if_running(&self) {
        if let Some(handle) = &*self.handle.borrow() {
            // As if the customer paused: a Retry waiting must not run it on.
            self.user_paused.set(true);
            handle.pause();
        }
    }
}

pub enum Launch {
    Start(Rc<Plan>),
    Resume { take_over: bool },
}

impl RunContext {
    fn store(&self) -> AccountJournal {
        AccountJournal::new(&self.connection.identity.alias, self.demo_store.as_ref())
    }

    fn config(&self, take_over: bool) -> ExecutorConfig {
        ExecutorConfig {
            owner: tab_owner(),
            take_over_stale_lock: take_over,
            ..ExecutorConfig::default()
        }
    }

    /// What the journal holds now (also dispatched). Synchronous (localStorage).
    pub fn survey(&self) -> Found {
        let store = self.store();
        let stale_after = ExecutorConfig::default().lock_stale_after_ms;
        let now = clock::now_ms().max(0) as u64;
        let lock = lock::inspect(&store).ok().flatten();
        let other = lock
            .filter(|l| l.owner != tab_owner())
            .map(|l| l.is_stale(now, stale_after));
        let (found, run) = match Journal::open(store) {
            Err(e) => (Found::Unreadable(e.user_message()), None),
            Ok(journal) => {
                let state = journal.state().clone();
                let open = state.is_open();
                let found = match (open, other) {
                    (_, Some(false)) => Found::OtherTab { stale: false },
                    (true, Some(true)) => Found::OtherTab { stale: true },
                    (true, None) => Found::Resumable,
                    (false, _) => Found::Nothing,
                };
                (found, open.then_some(state))
            }
        };
        self.dispatch.emit(Msg::Surveyed {
            found: found.clone(),
            run,
        });
        found
    }

    pub fn pause(&self) {
        self.cells.user_paused.set(true);
        if let Some(handle) = &*self.cells.handle.borrow() {
            handle.pause();
            self.dispatch.emit(Msg::PauseRequested);
        }
    }

    /// Stops the run: at once if it is running, else by resuming it only to close it.
    pub fn stop(&self) {
        self.cells.stop_requested.set(true);
        let handle = self.cells.handle.borrow().clone();
        match handle {
            Some(handle) => {
                handle.stop();
                self.dispatch.emit(Msg::StopRequested);
            }
            None if self.cells.active.get() => {}
            None => self.launch(Launch::Resume { take_over: false }),
        }
    }

    /// Retries a failed step: at the next safe point of the running run (which pauses for it),
    /// or by resuming the run.
    pub fn retry(&self, step: StepId) {
        self.cells.retries.borrow_mut().push(step);
        let handle = self.cells.handle.borrow().clone();
        match handle {
            Some(handle) => handle.pause(),
            None if self.cells.active.get() => {}
            None => {
                self.cells.user_paused.set(false);
                self.launch(Launch::Resume { take_over: false });
            }
        }
    }

    /// Continues the journal's open run (after a pause, a reload or a new sign-in).
    pub fn resume(&self, take_over: bool) {
        self.cells.user_paused.set(false);
        self.cells.stop_requested.set(false);
        self.launch(Launch::Resume { take_over });
    }

    pub fn launch(&self, launch: Launch) {
        if self.cells.active.replace(true) {
            return;
        }
        self.dispatch.emit(Msg::Launching);
        let ctx = self.clone();
        spawn_local(async move { ctx.drive(launch).await });
    }

    async fn drive(self, launch: Launch) {
        let client = self.connection.client.clone();
        let started = match launch {
            Launch::Start(plan) => {
                // A new run starts with none of the last one's requests.
                self.cells.stop_requested.set(false);
                self.cells.user_paused.set(false);
                self.cells.retries.take();
                Executor::start(&*client, self.store(), (*plan).clone(), self.config(false))
            }
            Launch::Resume { take_over } => {
                Executor::resume(&*client, self.store(), self.config(take_over))
            }
        };
        let executor = match started {
            Ok(executor) => executor,
            Err(e) => {
                self.cells.active.set(false);
                self.dispatch.emit(Msg::Refused(refusal(&e)));
                let _ = self.survey();
                return;
            }
        };
        let dispatch = self.dispatch.clone();
        let executor =
            executor.on_transition(move |entry| dispatch.emit(Msg::Entry(entry.clone())));
        self.dispatch.emit(Msg::Attached(executor.state()));
        let handle = executor.handle();
        *self.cells.handle.borrow_mut() = Some(handle.clone());
        let _watch = VisibilityWatch::new(handle.clone());
        let outcome = loop {
            let retries = self.cells.retries.take();
            if self.cells.stop_requested.get() {
                // A stopping run retries nothing.
                handle.stop();
            } else {
                for step in retries {
                    // A step that is no longer failed needs no retry.
                    let _ = executor.retry(&step);
                }
            }
            // The pause a Retry asked for has done its work (the run came to a safe point);
            // only the customer's own pause stays.
            if !self.cells.user_paused.get() {
                handle.unpause();
            }
            let outcome = executor.run().await;
            let waiting = Waiting {
                user_paused: self.cells.user_paused.get(),
                stop_requested: self.cells.stop_requested.get(),
                retries: !self.cells.retries.borrow().is_empty(),
            };
            match after_run(&outcome, waiting) {
                AfterRun::WhenVisible => until_visible().await,
                AfterRun::Again => {}
                AfterRun::End => break outcome,
            }
        };
        // A stop applies to the run that just ended, never to a later one.
        self.cells.stop_requested.set(false);
        *self.cells.handle.borrow_mut() = None;
        self.cells.active.set(false);
        if let Ok(
            RunOutcome::Finished(ledger)
            | RunOutcome::Stopped(ledger)
            | RunOutcome::Incomplete(ledger),
        ) = &outcome
        {
            self.on_finished.emit(ledger.clone());
        }
        self.dispatch.emit(Msg::Ended(outcome));
    }
}

/// What the page had asked for when a run returned.
#[derive(Clone, Copy, Debug, Default)]
struct Waiting {
    user_paused: bool,
    stop_requested: bool,
    /// Retry was pressed for some failed step and the run has not taken it yet.
    retries: bool,
}

/// What the driving task does after a call to `run`.
#[derive(Debug, PartialEq, Eq)]
enum AfterRun {
    /// The tab is hidden: wait until it is seen, then run again.
    WhenVisible,
    /// Run again: for the retries waiting, or to close a run the customer stopped.
    Again,
    /// Show the outcome.
    End,
}

fn after_run(outcome: &Result<RunOutcome, closure::ExecError>, waiting: Waiting) -> AfterRun {
    match outcome {
        Ok(RunOutcome::Suspended) => AfterRun::WhenVisible,
        // The run paused for a Retry (not for the customer): take the retry and go on.
        Ok(RunOutcome::Paused) if waiting.retries && !waiting.user_paused => AfterRun::Again,
        // Stop was pressed while the run was closing its last round (its check re-read): the
        // run ended before it reached a safe point to see it. Running again closes it as
        // stopped, with its ledger, instead of showing "some steps failed" under a Stop.
        Ok(RunOutcome::Incomplete(_)) if waiting.stop_requested => AfterRun::Again,
        // Retry was pressed then: without running again the press would be lost and the step
        // would stay failed on screen. (If the customer paused too, the run pauses at once.)
        Ok(RunOutcome::Incomplete(_)) if waiting.retries => AfterRun::Again,
        _ => AfterRun::End,
    }
}

fn visibility() -> Visibility {
    if gloo_utils::document().visibility_state() == web_sys::VisibilityState::Hidden {
        Visibility::Hidden
    } else {
        Visibility::Visible
    }
}

/// Passes `document.visibilityState` to the executor while it lives (listener removed on drop).
struct VisibilityWatch {
    listener: Closure<dyn Fn()>,
}

impl VisibilityWatch {
    fn new(handle: ExecutorHandle) -> VisibilityWatch {
        let now = || clock::now_ms().max(0) as u64;
        handle.set_visibility(visibility(), now());
        let listener = Closure::<dyn Fn()>::new(move || handle.set_visibility(visibility(), now()));
        let _ = gloo_utils::document().add_event_listener_with_callback(
            "visibilitychange",
            listener.as_ref().unchecked_ref(),
        );
        VisibilityWatch { listener }
    }
}

impl Drop for VisibilityWatch {
    fn drop(&mut self) {
        let _ = gloo_utils::document().remove_event_listener_with_callback(
            "visibilitychange",
            self.listener.as_ref().unchecked_ref(),
        );
    }
}

/// A hidden tab suspended the run: wait (on the page clock) until the tab is seen again.
async fn until_visible() {
    while visibility() == Visibility::Hidden {
        gloo_timers::future::TimeoutFuture::new(1_000).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use closure::{ExecError, Ledger};

    fn incomplete() -> Result<RunOutcome, ExecError> {
        Ok(RunOutcome::Incomplete(Ledger::default()))
    }

    const RETRY: Waiting = Waiting {
        user_paused: false,
        stop_requested: false,
        retries: true,
    };

    #[test]
    fn a_retry_pressed_while_the_run_was_closing_is_not_lost() {
        assert_eq!(after_run(&incomplete(), RETRY), AfterRun::Again);
        // With nothing asked, an incomplete run waits for the customer.
        assert_eq!(after_run(&incomplete(), Waiting::default()), AfterRun::End);
    }

    #[test]
    fn a_stop_pressed_while_the_run_was_closing_closes_it() {
        let stopping = Waiting {
            stop_requested: true,
            ..Waiting::default()
        };
        assert_eq!(after_run(&incomplete(), stopping), AfterRun::Again);
        let stopped = Ok(RunOutcome::Stopped(Ledger::default()));
        assert_eq!(after_run(&stopped, stopping), AfterRun::End);
    }

    #[test]
    fn the_customer_s_own_pause_is_kept() {
        let paused = Waiting {
            user_paused: true,
            ..RETRY
        };
        // The retry is taken, then the run pauses at once (the loop keeps a customer's pause).
        assert_eq!(after_run(&incomplete(), paused), AfterRun::Again);
        assert_eq!(after_run(&Ok(RunOutcome::Paused), paused), AfterRun::End);
    }

    #[test]
    fn a_pause_asked_by_a_retry_runs_again_and_a_hidden_tab_waits() {
        assert_eq!(after_run(&Ok(RunOutcome::Paused), RETRY), AfterRun::Again);
        assert_eq!(
            after_run(&Ok(RunOutcome::Paused), Waiting::default()),
            AfterRun::End
        );
        assert_eq!(
            after_run(&Ok(RunOutcome::Suspended), RETRY),
            AfterRun::WhenVisible
        );
        let ended = Ok(RunOutcome::SessionEnded {
            message: "expired".into(),
        });
        assert_eq!(after_run(&ended, RETRY), AfterRun::End);
    }
}
