//! Connects the deletion page to its run: looks at this account's journal (anything to resume?
//! another tab?), takes the tab's hold on the run (the browser's Web Lock), and spawns the
//! executor's driver (`Executor::drive`), which owns the run's state: rounds, pause, stop,
//! retries and what happens after a round. This module only forwards the buttons and the tab's
//! visibility to the executor's handle (`drive` holds and drives a launched run), and reports every transition
//! as a [`Msg`].

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use closure::journal::{lock, Journal, LockError};
use closure::plan::StepId;
use closure::{ExecutorConfig, ExecutorHandle, Ledger, MemoryStore, Plan};
use wasm_bindgen_futures::spawn_local;
use yew::Callback;

use super::state::{Found, Msg};
use crate::live_state::LiveMsg;
use crate::services::clock;
use crate::services::journal_store::{tab_owner, AccountJournal, LocalJournal};
use crate::services::tab_lock::{self, WebLocks};
use crate::session::Connection;

mod drive;

/// What the page holds while a run may be going: shared by the component and the task.
#[derive(Clone)]
pub struct RunContext {
    pub connection: Rc<Connection>,
    /// The in-page demo's journal (memory); `None` for a real account (localStorage).
    pub demo_store: Option<MemoryStore>,
    pub dispatch: Callback<Msg>,
    pub on_finished: Callback<Ledger>,
    /// Tells the app whether this tab has a run open (step 3 and the gate wait for it).
    pub on_live: Callback<LiveMsg>,
    pub slot: RunSlot,
}

/// The run this tab has attached, kept for the component's life.
#[derive(Clone, Default)]
pub struct RunSlot {
    /// The driving executor's switches; `None` while no run is attached.
    handle: Rc<RefCell<Option<ExecutorHandle>>>,
    /// The Web Locks of every alias the run touches, held from the moment a run is started or
    /// resumed until it is closed (finished or stopped) or the page goes away: a paused run
    /// stays this tab's.
    held: Rc<RefCell<Option<WebLocks>>>,
    /// A task is starting or driving an executor: never two at once in one tab.
    active: Rc<Cell<bool>>,
}

impl RunSlot {
    /// When the page goes away the run pauses (the journal keeps it open for resuming) and the
    /// lock is released.
    pub fn leave(&self) {
        if let Some(handle) = &*self.handle.borrow() {
            handle.pause();
        }
        self.held.take();
    }
}

/// What to do once the executor is attached.
pub enum Launch {
    Start(Rc<Plan>),
    Resume {
        take_over: bool,
        /// A failed step to retry, or a stop, pressed while no run was attached.
        retry: Option<StepId>,
        stop: bool,
    },
}

impl Launch {
    pub fn resume(take_over: bool) -> Launch {
        Launch::Resume {
            take_over,
            retry: None,
            stop: false,
        }
    }
}

impl RunContext {
    fn store(&self) -> AccountJournal {
        AccountJournal::new(&self.connection.identity.alias, self.demo_store.as_ref())
    }

    /// The aliases whose run locks this page looks at and takes ([`tab_lock::aliases_for`]):
    /// the signed-in alias, every sub-account listed with it, and every alias of `plan` (the
    /// confirmed plan, or the journal's for a resume).
    fn lock_aliases(&self, plan: Option<&Plan>) -> Vec<String> {
        let identity = &self.connection.identity;
        let in_plan = plan.map(Plan::aliases).unwrap_or_default();
        tab_lock::aliases_for(
            &identity.alias,
            identity.sub_accounts.iter().chain(&in_plan),
        )
    }

    /// What the journal holds now (also dispatched). Synchronous (localStorage); a run held by
    /// another tab of this browser is then looked for too (asynchronously), whatever the
    /// journal's owner id says (a duplicated tab shares it).
    pub fn survey(&self) -> Found {
        let store = self.store();
        let stale_after = ExecutorConfig::default().lock_stale_after_ms;
        let now = clock::now_unsigned_ms();
        let record = lock::inspect(&store).ok().flatten();
        let other = record
            .as_ref()
            .filter(|l| l.owner != tab_owner())
            .map(|l| l.is_stale(now, stale_after));
        let (found, run) = match Journal::open(store.clone()) {
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
                // A closed run whose tab left its record behind: nothing is in progress.
                if !open && other == Some(true) {
                    let mut store = store;
                    let _ = lock::release_if_stale(&mut store, now, stale_after);
                }
                (found, open.then_some(state))
            }
        };
        self.dispatch.emit(Msg::Surveyed {
            found: found.clone(),
            run: run.clone(),
        });
        let mine = self.slot.held.borrow().is_some() || self.slot.active.get();
        if self.demo_store.is_none() && !mine && found != Found::Nothing {
            let aliases = self.lock_aliases(run.as_ref().and_then(|r| r.plan.as_ref()));
            let dispatch = self.dispatch.clone();
            spawn_local(async move {
                if tab_lock::first_held(&aliases).await.is_some() {
                    dispatch.emit(Msg::Surveyed {
                        found: Found::OtherTab { stale: false },
                        run,
                    });
                }
            });
        }
        found
    }

    pub fn pause(&self) {
        if let Some(handle) = &*self.slot.handle.borrow() {
            handle.pause();
            self.dispatch.emit(Msg::PauseRequested);
        }
    }

    /// Stops the run: at once if it is attached, else by resuming it only to close it.
    pub fn stop(&self) {
        let handle = self.slot.handle.borrow().clone();
        match handle {
            Some(handle) => {
                handle.stop();
                self.dispatch.emit(Msg::StopRequested);
            }
            None if self.slot.active.get() => {}
            None => self.launch(Launch::Resume {
                take_over: false,
                retry: None,
                stop: true,
            }),
        }
    }

    /// Retries a failed step: at the next safe point of the attached run, or by resuming it.
    pub fn retry(&self, step: StepId) {
        let handle = self.slot.handle.borrow().clone();
        match handle {
            Some(handle) => handle.retry(step),
            None if self.slot.active.get() => {}
            None => self.launch(Launch::Resume {
                take_over: false,
                retry: Some(step),
                stop: false,
            }),
        }
    }

    /// Continues the journal's open run (after a pause, a reload or a new sign-in).
    pub fn resume(&self, take_over: bool) {
        self.launch(Launch::resume(take_over));
    }

    /// Sets an unreadable journal aside (kept unchanged under another key), then looks again.
    pub fn set_aside(&self) {
        if self.demo_store.is_some() {
            return;
        }
        let ctx = self.clone();
        spawn_local(async move {
            if tab_lock::first_held(&ctx.lock_aliases(None))
                .await
                .is_some()
            {
                ctx.dispatch
                    .emit(Msg::Refused(LockError::NotHeld.user_message()));
                return;
            }
            let mut journal = LocalJournal::for_alias(&ctx.connection.identity.alias);
            match journal.set_aside(clock::now_ms()) {
                Ok(key) => ctx.dispatch.emit(Msg::SetAside(key)),
                Err(e) => ctx.dispatch.emit(Msg::Refused(e.user_message())),
            }
            let _ = ctx.survey();
        });
    }

    pub fn launch(&self, launch: Launch) {
        if self.slot.active.replace(true) {
            return;
        }
        self.dispatch.emit(Msg::Launching);
        let ctx = self.clone();
        spawn_local(async move { ctx.drive(launch).await });
    }
}
