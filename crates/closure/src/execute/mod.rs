//! The [`Executor`]: runs a [`Plan`] through a `clc::Client` under a concurrency limit, follows
//! every accepted delete (queue operations polled once per distinct id per round, experimental
//! operations via their `uri`, VPN jobs and synchronous deletes by re-reading), and appends every
//! transition to the [`Journal`] before its next action. Time only through `clc::Clock`.
//!
//! - `send`: plan calls → client deletes; `census`: re-reads; `round`: one round of work;
//!   `verify`: the final [`Ledger`]; `controls`: pause, stop and tab visibility.

mod census;
mod controls;
mod dispatch;
mod follow;
pub mod ledger;
mod round;
mod send;
mod verify;

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use clc::{Client, Clock, Transport};

pub use controls::{ExecutorHandle, Visibility};
pub use ledger::{Ledger, LedgerLine};

use crate::journal::{lock, Event, Journal, JournalStore, LockError, RunLock, RunState, StoreError};
use crate::plan::{Plan, Step, StepId};

/// Pacing and identity of one executor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecutorConfig {
    /// This tab's id, written in the lock and the journal.
    pub owner: String,
    /// Most requests in flight at once.
    pub concurrency: usize,
    /// Wait between rounds after a change; doubled per quiet round up to `poll_max_ms`.
    pub poll_initial_ms: u64,
    pub poll_max_ms: u64,
    /// A lock without heartbeat for this long may be taken over (explicitly).
    pub lock_stale_after_ms: u64,
    pub heartbeat_every_ms: u64,
    /// Take over a stale lock of another tab when resuming.
    pub take_over_stale_lock: bool,
    /// Re-reads after a reported success before the step is failed as "still there".
    pub confirm_attempts: u32,
    /// Hidden this long, the run returns [`RunOutcome::Suspended`] (polling pauses).
    pub hidden_suspend_after_ms: u64,
    /// A guard against a run that never settles.
    pub max_rounds: u64,
}

impl Default for ExecutorConfig {
    fn default() -> ExecutorConfig {
        ExecutorConfig {
            owner: "tab".into(),
            concurrency: 5,
            poll_initial_ms: 2_000,
            poll_max_ms: 15_000,
            lock_stale_after_ms: 60_000,
            heartbeat_every_ms: 10_000,
            take_over_stale_lock: false,
            confirm_attempts: 5,
            hidden_suspend_after_ms: 5 * 60_000,
            max_rounds: 100_000,
        }
    }
}

/// How a call to [`Executor::run`] ended.
#[derive(Clone, Debug, PartialEq)]
pub enum RunOutcome {
    /// Every step succeeded; the run is closed and the lock released.
    Finished(Ledger),
    /// Nothing more can happen without the user: some steps failed (retry them with
    /// [`Executor::retry`] and run again) or wait for a failed one.
    Incomplete(Ledger),
    /// Paused by the user: no new deletes; accepted ones go on and are polled on the next run.
    Paused,
    /// Stopped by the user: the run is closed; in-flight deletes may still finish server-side.
    Stopped(Ledger),
    /// The tab was hidden long enough that polling paused; run again when it is visible.
    Suspended,
    /// The session ended (401); sign in again and resume with a new client. Nothing is lost.
    SessionEnded { message: String },
}

/// Why the executor could not start, continue or record.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ExecError {
    #[error(transparent)]
    Journal(#[from] StoreError),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("there is no unfinished closure run to resume")]
    NothingToResume,
    #[error("a closure run ({run_id}) is already in progress")]
    RunInProgress { run_id: String },
    #[error("step {0} is not in this run")]
    UnknownStep(StepId),
    #[error("step {0} has not failed")]
    NotFailed(StepId),
    #[error("the run did not settle after {0} rounds")]
    TooManyRounds(u64),
}

impl ExecError {
    pub fn user_message(&self) -> String {
        match self {
            ExecError::Journal(e) => e.user_message(),
            ExecError::Lock(e) => e.user_message(),
            ExecError::RunInProgress { .. } => "A closure run is already in progress. Resume it \
                 instead of starting another."
                .into(),
            other => format!("{other}."),
        }
    }
}

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
    /// A journal with unreadable records: re-read every unfinished step before sending.
    cautious: Cell<bool>,
}

impl<'c, T: Transport, K: Clock, S: JournalStore> Executor<'c, T, K, S> {
    /// Starts a new run of `plan`. Refused while the store holds an unfinished run or another
    /// tab holds the lock; a finished run's records are cleared first.
    pub fn start(
        client: &'c Client<T, K>,
        store: S,
        plan: Plan,
        config: ExecutorConfig,
    ) -> Result<Self, ExecError> {
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
            false,
        )?;
        journal.clear()?;
        let event = Event::Started {
            run_id,
            owner: config.owner.clone(),
            plan: plan.clone(),
        };
        journal.append(now, event)?;
        Ok(Executor::assemble(client, journal, plan, config, lock))
    }

    /// Continues the store's unfinished run (after a reload, a crash or a new session).
    pub fn resume(client: &'c Client<T, K>, store: S, config: ExecutorConfig) -> Result<Self, ExecError> {
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
        journal.append(now, Event::Resumed { owner: config.owner.clone() })?;
        let cautious = !journal.corrupt().is_empty();
        let executor = Executor::assemble(client, journal, plan, config, lock);
        executor.cautious.set(false && cautious);
        Ok(executor)
    }

    fn assemble(
        client: &'c Client<T, K>,
        journal: Journal<S>,
        plan: Plan,
        config: ExecutorConfig,
        lock: RunLock,
    ) -> Self {
        let index = plan.steps.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        Executor {
            client,
            account: plan.account.clone(),
            plan,
            index,
            journal: RefCell::new(journal),
            controls: ExecutorHandle::default(),
            lock: RefCell::new(lock),
            work: RefCell::new(round::Work::new(config.poll_initial_ms)),
            cautious: Cell::new(false),
            config,
        }
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

    fn append(&self, event: Event) -> Result<(), StoreError> {
        let now = self.client.clock().now_ms();
        self.journal.borrow_mut().append(now, event)
    }
}
