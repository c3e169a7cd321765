//! The run loop: rounds of resolve (re-read steps with no recorded outcome) → poll (each
//! distinct operation that is due once, or a re-read first) → confirm (re-read what reports
//! done, each step no sooner than its next check) → dispatch (send what is ready); the re-reads
//! first, the polls and the sends each for at most `send_budget_ms` of their own; then at once
//! if one left work, else one wait on the clock with backoff, shorter when a look, a check or
//! the end of a 429's hold comes due first. A 429 holds every send until its time has passed,
//! however soon the next round comes. Pause, stop, a hidden tab and an ended session are
//! honoured between rounds and before every send.

use std::collections::{BTreeMap, BTreeSet};

use clc::{Clock, Transport};

use super::pace::Looks;
use super::{ExecError, Executor, RunOutcome};
use crate::journal::{lock, Event, JournalStore, LockError, RunStatus, StepStatus};
use crate::plan::StepId;

/// What the executor tracks between rounds without journaling it (it is re-derived after a
/// reload: operations are polled again, re-reads repeated).
#[derive(Debug)]
pub(crate) struct Work {
    /// Steps not accepted (rate limit) and when they may be sent again; sent steps with no
    /// recorded answer that a re-read found still there, and when to look again.
    pub deferred: BTreeMap<StepId, u64>,
    /// Steps whose operation reported success, or that finished synchronously, with the number
    /// of re-reads that still found them.
    pub confirming: BTreeMap<StepId, u32>,
    pub poll_errors: BTreeMap<String, String>,
    pub polls: u64,
    pub rounds: u64,
    pub delay_ms: u64,
    /// The session ended: stop sending, report it.
    pub halt: Option<String>,
    /// A 429 answered a send or a look: nothing more is sent before this time (its
    /// Retry-After, or the round delay), nor before the client's own record of 429s says (see
    /// `Executor::sends_held_until`). A time, not a flag, so that no round, however soon it
    /// comes, clears it.
    pub sends_held_until: u64,
    pub last_heartbeat_ms: u64,
    /// Pending steps that must be re-read before they may be sent (see `unverified_steps`).
    pub unverified: BTreeSet<StepId>,
    /// Simple Backup server policy (lowercase) → its account policy, once looked up.
    pub backup_owners: BTreeMap<String, String>,
    /// Steps put off in a row because a read before their delete failed, and how many times
    /// (see `Executor::try_again_later`).
    pub put_off: BTreeMap<StepId, u32>,
    /// When a confirming re-read last found each step's resource not gone (see
    /// `Executor::next_check`).
    pub checked: BTreeMap<StepId, u64>,
    /// Steps whose latest confirming re-reads answered neither gone nor still there: since
    /// when, and how many in a row (see `Executor::unsettled_read`).
    pub unsettled: BTreeMap<StepId, (u64, u32)>,
    /// When each step followed by an operation is looked at next.
    pub looks: Looks,
    /// This round's looks or sends stopped at their time budget with work left: the next
    /// round starts at once.
    pub budget_spent: bool,
}

impl Work {
    pub fn new(delay_ms: u64) -> Work {
        Work {
            deferred: BTreeMap::new(),
            confirming: BTreeMap::new(),
            poll_errors: BTreeMap::new(),
            polls: 0,
            rounds: 0,
            delay_ms,
            halt: None,
            sends_held_until: 0,
            last_heartbeat_ms: 0,
            backup_owners: BTreeMap::new(),
            put_off: BTreeMap::new(),
            unverified: BTreeSet::new(),
            looks: Looks::default(),
            checked: BTreeMap::new(),
            budget_spent: false,
            unsettled: BTreeMap::new(),
        }
    }

    pub fn forget(&mut self, step: &StepId) {
        self.deferred.remove(step);
        self.confirming.remove(step);
        self.checked.remove(step);
        self.looks.forget(step);
        self.put_off.remove(step);
    }
}

impl<T: Transport, K: Clock, S: JournalStore> Executor<'_, T, K, S> {
    /// Runs until the plan is done, or nothing more can happen without the user, or the user
    /// paused or stopped, or the session ended. Call again to continue.
    pub async fn run(&self) -> Result<RunOutcome, ExecError> {
        let status = self.state().status;
        match status {
            RunStatus::Finished | RunStatus::Stopped | RunStatus::NotStarted => {
                return Err(ExecError::NothingToResume)
            }
            RunStatus::Paused | RunStatus::Halted { .. } => {
                self.controls.unpause();
                self.work.borrow_mut().halt = None;
                self.append(Event::Resumed {
                    owner: self.config.owner.clone(),
                })?;
            }
            RunStatus::Running => {}
        }
        let now = self.client.clock().now_ms();
        self.work.borrow_mut().looks.restart(now);
        loop {
            let now = self.client.clock().now_ms();
            {
                let mut work = self.work.borrow_mut();
                work.rounds += 1;
                if work.rounds > self.config.max_rounds {
                    return Err(ExecError::TooManyRounds(self.config.max_rounds));
                }
            }
            if self.controls.is_stop_requested() {
                return self.close_stopped().await;
            }
            // Retries asked for since the last round: nothing is in flight here.
            for step in self.controls.take_retries() {
                // A step that is no longer failed needs no retry.
                let _ = self.retry(&step);
            }
            if self.controls.is_pause_requested() {
                self.append(Event::Paused)?;
                return Ok(RunOutcome::Paused);
            }
            let hidden = self.controls.hidden_for_ms(now);
            if hidden.is_some_and(|ms| ms >= self.config.hidden_suspend_after_ms) {
                return Ok(RunOutcome::Suspended);
            }
            self.heartbeat(now)?;
            let before = self.journal.borrow().entries().len();
            self.work.borrow_mut().budget_spent = false;
            self.resolve_uncertain().await?;
            self.poll_operations().await?;
            self.confirm().await?;
            if let Some(message) = self.halted() {
                return self.halt(message);
            }
            self.dispatch_ready().await?;
            if let Some(message) = self.halted() {
                return self.halt(message);
            }
            if self.controls.holds_sends() || self.work.borrow().budget_spent {
                continue;
            }
            let now = self.client.clock().now_ms();
            if self.is_settled(now) {
                return self.settle().await;
            }
            let changed = self.journal.borrow().entries().len() != before;
            let wait = self.next_wait(now, changed, hidden.is_some());
            self.client.clock().sleep(wait).await;
        }
    }

    /// Between rounds: the tab must still hold the run, and the lock record is renewed now
    /// and then (every send renews it too, see [`Executor::keep_lock`]).
    fn heartbeat(&self, now: u64) -> Result<(), ExecError> {
        if !self.config.guard.is_held() {
            return Err(LockError::NotHeld.into());
        }
        let due = {
            let work = self.work.borrow();
            now.saturating_sub(work.last_heartbeat_ms) >= self.config.heartbeat_every_ms
        };
        if due {
            self.keep_lock()?;
        }
        Ok(())
    }

    /// Before every journalled `Sending` (and between rounds): the tab still holds the run,
    /// and the lock record is still this run's, renewed now. A tab that lost either sends
    /// nothing more, however long its round was.
    pub(super) fn keep_lock(&self) -> Result<(), ExecError> {
        if !self.config.guard.is_held() {
            return Err(LockError::NotHeld.into());
        }
        let now = self.client.clock().now_ms();
        let mut journal = self.journal.borrow_mut();
        lock::heartbeat(journal.store_mut(), &mut self.lock.borrow_mut(), now)?;
        self.work.borrow_mut().last_heartbeat_ms = now;
        Ok(())
    }

    fn halted(&self) -> Option<String> {
        self.work.borrow().halt.clone()
    }

    fn halt(&self, message: String) -> Result<RunOutcome, ExecError> {
        self.append(Event::Halted {
            reason: message.clone(),
        })?;
        Ok(RunOutcome::SessionEnded { message })
    }

    /// Steps that may be sent now: pending, not deferred, and every step they wait for done;
    /// and of the alias whose turn it is. Aliases take turns in plan order (sub-accounts before
    /// the parent): an alias's turn lasts while any of its steps can be sent now or is in
    /// flight or deferred; what is left (failed, waiting for a failed step, or waiting for a
    /// re-read that could not be made) does not hold the next alias back.
    pub(super) fn ready_steps(&self, now: u64) -> Vec<StepId> {
        let journal = self.journal.borrow();
        let state = journal.state();
        let work = self.work.borrow();
        let ready: Vec<&crate::plan::Step> = self
            .plan
            .steps
            .iter()
            .filter(|s| state.status_of(&s.id) == Some(&StepStatus::Pending))
            .filter(|s| work.deferred.get(&s.id).is_none_or(|&at| at <= now))
            .filter(|s| !work.unverified.contains(&s.id))
            .filter(|s| {
                s.waits_for.iter().all(|w| {
                    matches!(
                        state.status_of(w),
                        Some(StepStatus::Succeeded { .. }) | None
                    )
                })
            })
            .collect();
        let busy = |alias: &str| {
            ready.iter().any(|s| self.plan.alias_of(s) == alias)
                || self.plan.steps.iter().any(|s| {
                    self.plan.alias_of(s) == alias
                        && (work.deferred.contains_key(&s.id)
                            || state
                                .status_of(&s.id)
                                .is_some_and(|st| !st.is_terminal() && *st != StepStatus::Pending))
                })
        };
        let turn = self.plan.aliases().into_iter().find(|a| busy(a));
        ready
            .into_iter()
            .filter(|s| turn.as_deref() == Some(self.plan.alias_of(s)))
            .map(|s| s.id.clone())
            .collect()
    }

    fn in_flight(&self) -> usize {
        let journal = self.journal.borrow();
        journal
            .state()
            .steps
            .values()
            .filter(|r| !r.status.is_terminal() && r.status != StepStatus::Pending)
            .count()
    }

    fn is_settled(&self, now: u64) -> bool {
        self.in_flight() == 0
            && self.work.borrow().deferred.is_empty()
            && self.ready_steps(now).is_empty()
    }

    /// The wait before the next round: `poll_initial_ms` after a round that changed something,
    /// doubled per quiet round up to `poll_max_ms` (the longest in a hidden tab); sooner when a
    /// deferred step, the end of a 429's hold, a look at a step in flight or a confirming
    /// re-read comes due first.
    fn next_wait(&self, now: u64, changed: bool, hidden: bool) -> u64 {
        let held = Some(self.sends_held_until()).filter(|&at| at > now);
        let mut work = self.work.borrow_mut();
        work.delay_ms = if changed {
            self.config.poll_initial_ms
        } else {
            (work.delay_ms * 2).min(self.config.poll_max_ms)
        };
        if hidden {
            work.delay_ms = self.config.poll_max_ms;
        }
        let delay = work.delay_ms.max(1);
        let deferred = work
            .deferred
            .values()
            .min()
            .copied()
            .filter(|_| self.in_flight() == 0);
        drop(work);
        let (look, check) = if hidden {
            (None, None)
        } else {
            (self.next_look(), self.next_check())
        };
        match deferred
            .into_iter()
            .chain(held)
            .chain(look)
            .chain(check)
            .min()
        {
            Some(at) => at.saturating_sub(now).clamp(1, delay),
            None => delay,
        }
    }

    async fn close_stopped(&self) -> Result<RunOutcome, ExecError> {
        self.append(Event::Stopped)?;
        let ledger = self.verify().await;
        self.release_lock()?;
        Ok(RunOutcome::Stopped(ledger))
    }

    async fn settle(&self) -> Result<RunOutcome, ExecError> {
        let ledger = self.verify().await;
        let all_done = self
            .journal
            .borrow()
            .state()
            .steps
            .values()
            .all(|r| matches!(r.status, StepStatus::Succeeded { .. }));
        if !all_done {
            return Ok(RunOutcome::Incomplete(ledger));
        }
        self.append(Event::Finished {
            ledger: ledger.clone(),
        })?;
        self.release_lock()?;
        Ok(RunOutcome::Finished(ledger))
    }

    fn release_lock(&self) -> Result<(), ExecError> {
        let mut journal = self.journal.borrow_mut();
        lock::release(journal.store_mut(), &self.config.owner)?;
        Ok(())
    }
}
