//! Connects the deletion page to its run: looks at this account's journal (anything to resume?
//! another tab?), takes the tab's hold on the run (the browser's Web Lock), and spawns the
//! executor's driver (`Executor::drive`), which owns the run's state: rounds, pause, stop,
//! retries and what happens after a round. This file only forwards the buttons and the tab's
//! visibility to the executor's handle, and reports every transition as a [`Msg`].

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use closure::journal::{lock, Journal, LockError};
use closure::plan::StepId;
use closure::{ExecError, Executor, ExecutorConfig, ExecutorHandle, Ledger, Plan, RunGuard};
use closure::{MemoryStore, RunOutcome};
use wasm_bindgen_futures::spawn_local;
use yew::Callback;

use super::state::{refusal, Found, Msg};
use crate::live_state::LiveMsg;
use crate::services::journal_store::{tab_owner, AccountJournal, LocalJournal};
use crate::services::tab_lock::{self, WebLocks};
use crate::services::{clock, storage, timer, visibility};
use crate::session::Connection;

/// How often the page is told of a running executor's new journal entries (see `drive`).
const ENTRIES_EVERY_MS: u32 = 250;

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

    /// Every alias the run touches: the plan's (its sub-accounts and the parent), read from
    /// the journal for a resume; the signed-in alias and its listed sub-accounts always.
    fn run_aliases(&self, launch: &Launch) -> Vec<String> {
        let plan = match launch {
            Launch::Start(plan) => Some((**plan).clone()),
            Launch::Resume { .. } => Journal::open(self.store())
                .ok()
                .and_then(|journal| journal.state().plan.clone()),
        };
        self.lock_aliases(plan.as_ref())
    }

    /// This tab's hold on the run: the Web Locks of every alias it touches for a real account
    /// (taken now, all or none, or kept from a paused run), the page's own memory for the demo.
    async fn hold(&self, aliases: &[String]) -> Result<RunGuard, String> {
        if self.demo_store.is_some() {
            return Ok(RunGuard::sole());
        }
        if let Some(held) = &*self.slot.held.borrow() {
            return Ok(held.guard());
        }
        match tab_lock::try_hold_all(aliases).await {
            Ok(Ok(locks)) => {
                let guard = locks.guard();
                *self.slot.held.borrow_mut() = Some(locks);
                Ok(guard)
            }
            Ok(Err(alias))
                if alias == self.connection.identity.alias.trim().to_ascii_uppercase() =>
            {
                Err(LockError::NotHeld.user_message())
            }
            Ok(Err(alias)) => Err(format!(
                "A deletion in another tab is working on {alias}, so this run did not start \
                 and nothing was sent. Let that run end (or close its tab), then start again."
            )),
            Err(unavailable) => Err(unavailable.user_message()),
        }
    }

    async fn drive(self, launch: Launch) {
        let aliases = self.run_aliases(&launch);
        let guard = match self.hold(&aliases).await {
            Ok(guard) => guard,
            Err(why) => {
                self.slot.active.set(false);
                self.dispatch.emit(Msg::Refused(why));
                let _ = self.survey();
                return;
            }
        };
        let client = self.connection.client.clone();
        let config = |take_over| ExecutorConfig {
            owner: tab_owner(),
            guard: guard.clone(),
            take_over_stale_lock: take_over,
            ..ExecutorConfig::default()
        };
        let (started, asked) = match launch {
            Launch::Start(plan) => (
                Executor::start(&*client, self.store(), (*plan).clone(), config(false)),
                (None, false),
            ),
            Launch::Resume {
                take_over,
                retry,
                stop,
            } => (
                Executor::resume(&*client, self.store(), config(take_over)),
                (retry, stop),
            ),
        };
        let executor = match started {
            Ok(executor) => executor,
            Err(e) => {
                self.slot.active.set(false);
                self.dispatch.emit(Msg::Refused(refusal(&e)));
                let _ = self.survey();
                return;
            }
        };
        // Entries are told to the page in batches, at most one every `ENTRIES_EVERY_MS`, and
        // whatever is left before the end. A run stores an entry per answer, up to hundreds a
        // second, and each message clones the step records and re-renders the progress, whose
        // counts walk every step: told one by one, they kept the page's main thread busier than
        // the requests did (10,000 servers: ~6,000 entries).
        let pending: Rc<RefCell<Vec<closure::journal::Entry>>> = Rc::default();
        let flush = {
            let (dispatch, pending) = (self.dispatch.clone(), pending.clone());
            move || {
                let entries = std::mem::take(&mut *pending.borrow_mut());
                if !entries.is_empty() {
                    dispatch.emit(Msg::Entries(entries));
                }
            }
        };
        let executor = executor.on_transition({
            let (flush, pending) = (flush.clone(), pending.clone());
            move |entry| {
                let first = {
                    let mut pending = pending.borrow_mut();
                    pending.push(entry.clone());
                    pending.len() == 1
                };
                if first {
                    timer::after(ENTRIES_EVERY_MS, flush.clone()).forget();
                }
            }
        });
        self.dispatch.emit(Msg::Attached(executor.state()));
        self.on_live.emit(LiveMsg::RunOpen(true));
        let handle = executor.handle();
        match asked {
            (_, true) => handle.stop(),
            (Some(step), false) => handle.retry(step),
            (None, false) => {}
        }
        *self.slot.handle.borrow_mut() = Some(handle.clone());
        let _watch = visibility::watch(move |seen| {
            let now = clock::now_unsigned_ms();
            handle.set_visibility(seen, now);
        });
        let outcome = executor.drive().await;
        flush();
        *self.slot.handle.borrow_mut() = None;
        self.slot.active.set(false);
        self.after(&outcome);
        self.dispatch.emit(Msg::Ended(outcome));
    }

    fn after(&self, outcome: &Result<RunOutcome, ExecError>) {
        let closed = matches!(
            outcome,
            Ok(RunOutcome::Finished(_) | RunOutcome::Stopped(_))
        );
        if closed {
            self.slot.held.take();
        }
        self.on_live.emit(LiveMsg::RunOpen(!closed));
        if let Ok(
            RunOutcome::Finished(ledger)
            | RunOutcome::Stopped(ledger)
            | RunOutcome::Incomplete(ledger),
        ) = outcome
        {
            self.on_finished.emit(ledger.clone());
        }
        // A 401 ended the session: a token kept for the tab is no longer any good.
        if matches!(outcome, Ok(RunOutcome::SessionEnded { .. })) {
            storage::forget_session();
        }
    }
}
