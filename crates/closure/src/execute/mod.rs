//! The [`Executor`]: runs a [`Plan`] through a `clc::Client` under a concurrency limit, follows
//! every accepted delete (queue operations polled once per distinct id per look, or re-read
//! first once the run has seen how long its queue takes; experimental operations via their
//! `uri`; VPN jobs and synchronous deletes by re-reading), and appends every transition to the
//! [`Journal`] before its next action. Time only through `clc::Clock`.
//!
//! - `send`: plan calls → client deletes; `census`/`reread`: re-reads; `concurrent`: the one
//!   pool of requests in flight they all use; `round`: the run loop;
//!   `drive`: rounds until the customer is needed, with the after-round rule; `dispatch`/`follow`:
//!   sending and following deletes; `pace`/`poll`: when each delete in flight is looked at;
//!   `preflight`: a group read again before its recursive delete; `uncertain`: steps whose
//!   answer was lost; `verify`: the final [`Ledger`];
//!   `controls`: pause, stop, retry and tab visibility; `guard`: this tab's hold on the run.
//!
//! How the UI drives it: show [`Plan::summary`] (the dry run); on confirmation take the tab's
//! hold on the run (the browser's Web Lock) and [`Executor::start`] with the account's
//! [`JournalStore`], a per-tab owner id and that [`RunGuard`]; spawn [`Executor::drive`] and
//! re-render from [`Executor::on_transition`]; wire [`ExecutorHandle`] to the pause, stop and
//! retry buttons and the `visibilitychange` event. On [`RunOutcome::SessionEnded`] sign in
//! again and [`Executor::resume`] with the new client; after a reload, `resume` with the same
//! store. The executor owns the run's state; the UI only asks and renders.

mod census;
mod concurrent;
mod config;
mod controls;
mod dispatch;
mod drive;
mod follow;
mod guard;
mod outcome;
mod pace;
mod poll;
mod preflight;
mod reread;
mod round;
mod send;
mod uncertain;
mod verify;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::collections::BTreeSet;

use clc::{Client, Clock, Transport};

pub use crate::journal::{Ledger, LedgerLine};
pub use config::ExecutorConfig;
pub use controls::{ExecutorHandle, Visibility};
pub use guard::{HeldLock, RunGuard, TabLocks};
pub use outcome::{ExecError, RunOutcome};

use crate::journal::{
    lock, Event, Journal, JournalStore, LockError, RunLock, RunState, StoreError,
};
use crate::plan::{Plan, Step, StepId};

/// Runs one plan. Not `Send`; every method takes `&self`, so the UI can read
/// [`Executor::state`] while [`Executor::run`] is pending.
///
/// Invariants: a delete is sent only after its `Sending` entry is stored; a step whose delete
/// was accepted is never sent again unless it failed and the user asked to retry; a step with a
/// `Sending` entry and no outcome is re-read before anything is sent for it.
pub struct Executor<'c, T: Transport, K: Clock, S: JournalStore> {
    client: &'c Client<T, K>,
    account: String,
    plan: Plan,
    index: BTreeMap<StepId, usize>,
    journal: RefCell<Journal<S>>,
    config: ExecutorConfig,
    controls: ExecutorHandle,
    lock: RefCell<RunLock>,
    work: RefCell<round::Work>,
    observer: Option<Observer<'c>>,
}

/// Called with every entry right after it is stored (e.g. to re-render progress).
pub type Observer<'c> = Box<dyn Fn(&crate::journal::Entry) + 'c>;

impl<'c, T: Transport, K: Clock, S: JournalStore> Executor<'c, T, K, S> {
    /// Starts a new run of `plan`. Refused unless this tab holds the run ([`RunGuard`]), while
    /// the store holds an unfinished run, or while another tab's lock record is fresh; a closed
    /// run's stale record (a tab closed while verifying) is taken over, and a finished run's
    /// records are cleared first.
    pub fn start(
        client: &'c Client<T, K>,
        store: S,
        plan: Plan,
        config: ExecutorConfig,
    ) -> Result<Self, ExecError> {
        if !config.guard.is_held() {
            return Err(LockError::NotHeld.into());
        }
        let mut journal = Journal::open(store)?;
        if journal.state().is_open() {
            let run_id = journal.state().run_id.clone().unwrap_or_default();
            return Err(ExecError::RunInProgress { run_id });
        }
        let now = client.clock().now_ms();
        let run_id = format!("{}-{now}", config.owner);
        let lock = lock::acquire(
            journal.store_mut(),
            &run_id,
            &config.owner,
            now,
            config.lock_stale_after_ms,
            true,
        )?;
        journal.clear()?;
        let event = Event::Started {
            run_id,
            owner: config.owner.clone(),
            plan: plan.clone(),
        };
        journal.append(now, event)?;
        Ok(Executor::assemble(
            client, journal, plan, config, lock, false,
        ))
    }

    /// Continues the store's unfinished run (after a reload, a crash or a new session). Refused
    /// unless this tab holds the run ([`RunGuard`]).
    pub fn resume(
        client: &'c Client<T, K>,
        store: S,
        config: ExecutorConfig,
    ) -> Result<Self, ExecError> {
        if !config.guard.is_held() {
            return Err(LockError::NotHeld.into());
        }
        let mut journal = Journal::open(store)?;
        let state = journal.state().clone();
        let (Some(plan), true) = (state.plan.clone(), state.is_open()) else {
            return Err(ExecError::NothingToResume);
        };
        let now = client.clock().now_ms();
        let run_id = state.run_id.clone().unwrap_or_default();
        let lock = lock::acquire(
            journal.store_mut(),
            &run_id,
            &config.owner,
            now,
            config.lock_stale_after_ms,
            config.take_over_stale_lock,
        )?;
        journal.append(
            now,
            Event::Resumed {
                owner: config.owner.clone(),
            },
        )?;
        let cautious = !journal.corrupt().is_empty();
        Ok(Executor::assemble(
            client, journal, plan, config, lock, cautious,
        ))
    }

    fn assemble(
        client: &'c Client<T, K>,
        journal: Journal<S>,
        plan: Plan,
        config: ExecutorConfig,
        lock: RunLock,
        cautious: bool,
    ) -> Self {
        let mut work = round::Work::new(config.poll_initial_ms);
        work.unverified = unverified_steps(&plan, journal.state(), cautious);
        // Inserted one by one: `collect` would sort them first, a sort compiled for this map
        // alone.
        let mut index = BTreeMap::new();
        for (i, step) in plan.steps.iter().enumerate() {
            index.insert(step.id.clone(), i);
        }
        Executor {
            client,
            account: plan.account.clone(),
            plan,
            index,
            journal: RefCell::new(journal),
            controls: ExecutorHandle::default(),
            lock: RefCell::new(lock),
            work: RefCell::new(work),
            observer: None,
            config,
        }
    }

    /// Calls `observer` with every later journal entry right after it is stored (the
    /// `Started`/`Resumed` entry written by the constructor is already in [`Executor::state`]),
    /// with the later looks of a step waiting for a second look, which move its next look but
    /// are not stored (see [`Journal::note_next_look`]), and with the start and end of a streak
    /// of confirming re-reads that get no usable answer (`Event::Unsettled`, not stored either).
    /// An entry not stored repeats the `seq` the next stored entry gets.
    ///
    /// [`Journal::note_next_look`]: crate::journal::Journal::note_next_look
    pub fn on_transition(mut self, observer: impl Fn(&crate::journal::Entry) + 'c) -> Self {
        self.observer = Some(Box::new(observer));
        self
    }

    /// Pause, stop and visibility switches for the UI.
    pub fn handle(&self) -> ExecutorHandle {
        self.controls.clone()
    }

    /// The run as the journal says it is.
    pub fn state(&self) -> RunState {
        self.journal.borrow().state().clone()
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Unreadable records found when the journal was opened.
    pub fn corrupt_entries(&self) -> Vec<crate::journal::CorruptEntry> {
        self.journal.borrow().corrupt().to_vec()
    }

    /// The last error of polling each operation (polling goes on), by operation id.
    pub fn poll_errors(&self) -> BTreeMap<String, String> {
        self.work.borrow().poll_errors.clone()
    }

    /// Status requests sent so far by this executor.
    pub fn status_polls(&self) -> u64 {
        self.work.borrow().polls
    }

    /// Rounds run so far by this executor.
    pub fn rounds(&self) -> u64 {
        self.work.borrow().rounds
    }

    /// Makes a failed step pending again; the next [`Executor::run`] sends it.
    pub fn retry(&self, step: &StepId) -> Result<(), ExecError> {
        let status = self.journal.borrow().state().status_of(step).cloned();
        match status {
            None => Err(ExecError::UnknownStep(step.clone())),
            Some(crate::journal::StepStatus::Failed { .. }) => {
                self.work.borrow_mut().forget(step);
                Ok(self.append(Event::Retry { step: step.clone() })?)
            }
            Some(_) => Err(ExecError::NotFailed(step.clone())),
        }
    }

    /// Gives the store back (e.g. to resume with a new client).
    pub fn into_store(self) -> S {
        self.journal.into_inner().into_store()
    }

    fn step(&self, id: &StepId) -> Option<&Step> {
        self.index.get(id).map(|&i| &self.plan.steps[i])
    }

    /// Stores `event`. An event that ends its step (succeeded, failed, diverged) also ends
    /// the step's wait to be tried again and its streak of put-offs, whatever path recorded it:
    /// a finished step left with a wait would keep the run from settling.
    fn append(&self, event: Event) -> Result<(), StoreError> {
        let now = self.client.clock().now_ms();
        let step = event.step().cloned();
        self.journal.borrow_mut().append(now, event)?;
        if let Some(step) = step {
            let ended = self
                .journal
                .borrow()
                .state()
                .status_of(&step)
                .is_some_and(|status| status.is_terminal());
            if ended {
                let mut work = self.work.borrow_mut();
                work.deferred.remove(&step);
                work.put_off.remove(&step);
            }
        }
        if let Some(observer) = &self.observer {
            let entry = self.journal.borrow().entries().last().cloned();
            if let Some(entry) = entry {
                observer(&entry);
            }
        }
        Ok(())
    }

    /// A later look at a waiting step moved its next look: kept in the state and told to the
    /// observer, not stored (the first look after a send or a reload is stored; so is every
    /// outcome).
    fn note_next_look(&self, step: StepId, reason: String, next_look_ms: u64) {
        self.journal
            .borrow_mut()
            .note_next_look(&step, next_look_ms);
        self.tell(Event::Unanswered {
            step,
            reason,
            next_look_ms: Some(next_look_ms),
        });
    }

    /// Tells the observer `event` without storing it: its entry repeats the `seq` the next
    /// stored entry gets.
    fn tell(&self, event: Event) {
        if let Some(observer) = &self.observer {
            // Read before the call: the observer runs with the journal not borrowed.
            let seq = self.journal.borrow().next_seq();
            let at_ms = self.client.clock().now_ms();
            observer(&crate::journal::Entry {
                v: crate::journal::FORMAT_VERSION,
                seq,
                at_ms,
                event,
            });
        }
    }
}

/// Pending steps to re-read before anything is sent for them: every one when the journal had
/// unreadable records (`cautious`: a lost record may have been an accepted delete), else those
/// the scan saw under way and this run never sent.
fn unverified_steps(plan: &Plan, state: &RunState, cautious: bool) -> BTreeSet<StepId> {
    // Extended, not collected: `collect` sorts first, with a sort compiled for this set alone.
    let mut steps = BTreeSet::new();
    steps.extend(
        plan.steps
            .iter()
            .filter(|s| {
                state.record(&s.id).is_some_and(|r| {
                    r.status == crate::journal::StepStatus::Pending
                        && (cautious || (s.under_way && r.sends == 0))
                })
            })
            .map(|s| s.id.clone()),
    );
    steps
}
