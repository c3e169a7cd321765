//! A launched run, from the tab's hold to its outcome: takes the Web Locks of every alias the run
//! touches, starts or resumes the executor, tells the page the journal's entries in batches while
//! it drives, and then says what the outcome means for the tab (the lock, the ledger, the session).

use std::cell::RefCell;
use std::rc::Rc;

use closure::journal::{Journal, LockError};
use closure::{ExecError, Executor, ExecutorConfig, RunGuard, RunOutcome};

use super::{Launch, RunContext};
use crate::components::deletion::state::{refusal, Msg};
use crate::live_state::LiveMsg;
use crate::services::journal_store::tab_owner;
use crate::services::tab_lock;
use crate::services::{clock, storage, timer, visibility};

/// How often the page is told of a running executor's new journal entries (see `drive`).
const ENTRIES_EVERY_MS: u32 = 250;

impl RunContext {
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

    pub(super) async fn drive(self, launch: Launch) {
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
        self.on_live.emit(LiveMsg::Driving(true));
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
        self.on_live.emit(LiveMsg::Driving(false));
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
