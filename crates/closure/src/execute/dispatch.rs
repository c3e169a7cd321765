//! Sending deletes, journal first: what the plan could not know is read (a backup policy's
//! account policy), the sends are checked again, the tab's hold on the run is checked and its
//! lock record renewed, `Sending` is stored before the request leaves, and the answer right
//! after it. A read before the send that fails sends nothing, so it records no `Sending`.

use std::cell::RefCell;

use clc::retry::LONGEST_HOLD_MS;
use clc::{Clock, Error, Transport};

use super::concurrent::{at_most, task};
use super::send::{backup_owners, send, tracking_of};
use super::{ExecError, Executor};
use crate::journal::{Confirmation, Event, JournalStore, StoreError, Tracking};
use crate::plan::{DeleteCall, StepId};

impl<T: Transport, K: Clock, S: JournalStore> Executor<'_, T, K, S> {
    /// Sends the ready steps, at most `concurrency` at a time, in plan order, for at most
    /// `send_budget_ms`: what is not sent by then waits for the next round, which comes at
    /// once (see `Work::budget_spent`).
    pub(super) async fn dispatch_ready(&self) -> Result<(), ExecError> {
        let now = self.client.clock().now_ms();
        let until = now.saturating_add(self.config.send_budget_ms.max(1));
        let ready = self.ready_steps(now);
        let results = RefCell::new(Vec::new());
        let results_ref = &results;
        at_most(
            self.config.concurrency,
            &mut ready.into_iter().map(|id| {
                task(async move {
                    let result = self.dispatch(id, until).await;
                    results_ref.borrow_mut().push(result);
                })
            }),
        )
        .await;
        results
            .into_inner()
            .into_iter()
            .collect::<Result<(), _>>()?;
        Ok(())
    }

    async fn dispatch(&self, id: StepId, until: u64) -> Result<(), ExecError> {
        if !self.may_send() {
            return Ok(());
        }
        if self.client.clock().now_ms() >= until {
            self.work.borrow_mut().budget_spent = true;
            return Ok(());
        }
        if self.journal.borrow().is_broken() {
            return Err(StoreError::Write("the journal stopped accepting records".into()).into());
        }
        let Some(step) = self.step(&id) else {
            return Ok(());
        };
        // A group goes recursively: read it again, and send nothing if it now holds what the
        // plan never listed.
        if !self.preflight(step).await? || !self.may_send() {
            return Ok(());
        }
        // What the plan could not know is read before the send is recorded, and the sends
        // are checked again after that read: a pause, a stop or another request's 429 may
        // have come meanwhile.
        let call = match self.complete_call(&step.call).await {
            Ok(call) => call,
            Err(error) => return Ok(self.not_looked_up(&id, error)?),
        };
        // Its reads worked: a later failed read starts a new streak of put-offs.
        self.work.borrow_mut().put_off.remove(&id);
        if !self.may_send() {
            return Ok(());
        }
        self.keep_lock()?;
        self.append(Event::Sending { step: id.clone() })?;
        let answer = send(self.client, self.plan.alias_of(step), &call).await;
        Ok(self.record_answer(&id, answer)?)
    }

    /// The read before `step`'s delete (see [`Executor::complete_call`]) failed, and nothing
    /// was sent. A 404 is recorded as the delete's answer would be (found under no account
    /// policy: already gone), and so is an ended session; any other failure as every read
    /// before a delete (see [`Executor::not_read`]).
    fn not_looked_up(&self, step: &StepId, error: Error) -> Result<(), StoreError> {
        match error {
            error @ (Error::NotFound | Error::TokenExpiredOrMissing) => {
                self.record_answer(step, Err(error))
            }
            error => self.not_read(
                step,
                "the backup policy's account policy is looked up before its delete",
                "look it up again",
                error,
            ),
        }
    }

    /// A read before `step`'s delete (`what`, e.g. "the group is read again before its
    /// delete") failed with `error` (not a 404 nor an ended session, which each caller reads
    /// its own way), and nothing was sent. A lost read is tried again later (see
    /// [`read_lost`]); a 429 holds the sends, as one on a delete does, and the step is read
    /// again once it ends; a refusal or an answer that could not be read fails the step where
    /// the customer sees it (see [`why_unread`]), and its Retry does `again` ("read it again").
    pub(super) fn not_read(
        &self,
        step: &StepId,
        what: &str,
        again: &str,
        error: Error,
    ) -> Result<(), StoreError> {
        match error {
            error if read_lost(&error) => self.try_again_later(
                step,
                format!(
                    "Not sent yet: {what}, and that read failed ({}). It is tried again later.",
                    error.user_message()
                ),
            ),
            Error::RateLimited { retry_after_ms } => {
                self.hold_and_defer(step, retry_after_ms);
                self.append(Event::NotAccepted {
                    step: step.clone(),
                    reason: format!(
                        "Not sent yet: {what}, and that read was refused ({}). Nothing is sent \
                         until the wait it asked for is over.",
                        error.user_message()
                    ),
                })
            }
            error => self.append(Event::Failed {
                step: step.clone(),
                reason: format!(
                    "Not sent: {what}, and {} ({}). Retry the step to {again}.",
                    why_unread(&error),
                    error.user_message()
                ),
            }),
        }
    }

    /// `step` was not sent (`reason`, a sentence for the customer) because a read before it
    /// failed, and is tried again later: `poll_initial_ms` after the first failure of a streak,
    /// doubled per failure in a row up to `poll_max_ms`. Only the first put-off of a streak is
    /// journaled (the later ones would only repeat it, and a read that keeps failing must not
    /// fill the journal's storage); the streak ends when the step's reads succeed, when a 429
    /// answers them (see [`Executor::hold_and_defer`]), or when the step ends.
    pub(super) fn try_again_later(&self, step: &StepId, reason: String) -> Result<(), StoreError> {
        let now = self.client.clock().now_ms();
        let streak = {
            let mut work = self.work.borrow_mut();
            let streak = work.put_off.entry(step.clone()).or_insert(0);
            *streak = streak.saturating_add(1);
            *streak
        };
        let first = self.config.poll_initial_ms.max(1);
        let wait = first
            .saturating_mul(1 << (streak - 1).min(20))
            .min(self.config.poll_max_ms.max(first));
        self.work
            .borrow_mut()
            .deferred
            .insert(step.clone(), now.saturating_add(wait));
        if streak > 1 {
            return Ok(());
        }
        self.append(Event::NotAccepted {
            step: step.clone(),
            reason,
        })
    }

    /// No pause, stop, ended session or rate limit holds sends now.
    fn may_send(&self) -> bool {
        let now = self.client.clock().now_ms();
        let halted = self.work.borrow().halt.is_some();
        !(self.controls.holds_sends() || halted || self.sends_held_until() > now)
    }

    /// Until when a rate limit holds every send: the later of the executor's own hold (a 429
    /// that reached it, see [`Executor::hold_sends`]) and the client's (any 429 it received,
    /// also one it waited out before reading again, while this run's other sends could have
    /// gone out; see `clc::Client::rate_limited_until_ms`). Both are capped at
    /// [`LONGEST_HOLD_MS`] after their 429.
    pub(super) fn sends_held_until(&self) -> u64 {
        let own = self.work.borrow().sends_held_until;
        own.max(self.client.rate_limited_until_ms())
    }

    /// A 429 answered a request (a send or a look): nothing is sent before its `Retry-After`
    /// (or the round delay) has passed, at most [`LONGEST_HOLD_MS`] from now; returns that
    /// time. Saturating: a `Retry-After` of any size holds, never overflows.
    pub(super) fn hold_sends(&self, retry_after_ms: Option<u64>) -> u64 {
        let now = self.client.clock().now_ms();
        let mut work = self.work.borrow_mut();
        let wait = retry_after_ms
            .unwrap_or(work.delay_ms)
            .clamp(1, LONGEST_HOLD_MS);
        let at = now.saturating_add(wait);
        work.sends_held_until = work.sends_held_until.max(at);
        at
    }

    /// A 429 answered a request made for `step` before it was accepted (its send, or the read
    /// before it): every send is held (see [`Executor::hold_sends`]) and `step` is tried again
    /// once this 429's wait ends. That can be before a longer hold already in place ends:
    /// then its send still waits for that hold, as every send does (see `may_send`).
    pub(super) fn hold_and_defer(&self, step: &StepId, retry_after_ms: Option<u64>) {
        let at = self.hold_sends(retry_after_ms);
        let mut work = self.work.borrow_mut();
        work.deferred.insert(step.clone(), at);
        // A 429, not a failed read: a later failed read starts a new streak of put-offs.
        work.put_off.remove(step);
    }

    /// A look (a poll or a re-read) was answered 429: the sends wait as after a 429 on a send.
    pub(super) fn hold_if_rate_limited(&self, error: &Error) {
        if let Error::RateLimited { retry_after_ms } = error {
            self.hold_sends(*retry_after_ms);
        }
    }

    /// Fills in what the plan could not know: the account policy of a backup server policy
    /// (looked up once per executor; one that is found nowhere is already gone).
    async fn complete_call(&self, call: &DeleteCall) -> Result<DeleteCall, Error> {
        let DeleteCall::BackupServerPolicy {
            account_policy_id,
            server_policy_id,
        } = call
        else {
            return Ok(call.clone());
        };
        if !account_policy_id.is_empty() {
            return Ok(call.clone());
        }
        let key = server_policy_id.to_ascii_lowercase();
        let known = self.work.borrow().backup_owners.get(&key).cloned();
        let owner = match known {
            Some(owner) => owner,
            None => {
                let owners = backup_owners(self.client).await?;
                let owner = owners.get(&key).cloned();
                self.work.borrow_mut().backup_owners.extend(owners);
                owner.ok_or(Error::NotFound)?
            }
        };
        Ok(DeleteCall::BackupServerPolicy {
            account_policy_id: owner,
            server_policy_id: server_policy_id.clone(),
        })
    }

    fn record_answer(
        &self,
        id: &StepId,
        answer: Result<clc::models::Accepted, Error>,
    ) -> Result<(), StoreError> {
        let step = id.clone();
        let event = match answer {
            Ok(accepted) => {
                let tracking = tracking_of(accepted);
                if tracking == Tracking::Synchronous {
                    self.work.borrow_mut().confirming.insert(id.clone(), 0);
                }
                Event::Accepted { step, tracking }
            }
            Err(Error::NotFound) => Event::Succeeded {
                step,
                how: Confirmation::AlreadyGone,
            },
            Err(Error::TokenExpiredOrMissing) => {
                let reason = Error::TokenExpiredOrMissing.user_message();
                self.work.borrow_mut().halt = Some(reason.clone());
                Event::NotAccepted { step, reason }
            }
            Err(error @ Error::RateLimited { retry_after_ms }) => {
                self.hold_and_defer(id, retry_after_ms);
                Event::NotAccepted {
                    step,
                    reason: error.user_message(),
                }
            }
            Err(
                error @ (Error::Server { .. }
                | Error::Network(_)
                | Error::TimedOut { .. }
                | Error::Undecodable { .. }),
            ) => Event::Unanswered {
                step,
                reason: error.user_message(),
                next_look_ms: None,
            },
            Err(Error::Cancelled) => Event::Unanswered {
                step,
                reason: Error::Cancelled.user_message(),
                next_look_ms: None,
            },
            Err(error) => Event::Failed {
                step,
                reason: error.user_message(),
            },
        };
        if !matches!(event, Event::NotAccepted { .. }) {
            self.work.borrow_mut().deferred.remove(id);
        }
        self.append(event)
    }
}

/// Whether a read made before a delete failed in a way that may pass on another try (a 5xx, a
/// network error, a timeout, a cancelled request): the step is put off and read again later
/// (see [`Executor::try_again_later`]). Any other failure that is not a 404, a 429 or an ended
/// session (a refusal, an answer that could not be read, a redirect) fails the step, nothing
/// sent: reading again by itself could go on as long as the tab is open, and the customer's
/// Retry reads again and sends it.
fn read_lost(error: &Error) -> bool {
    matches!(
        error,
        Error::Server { .. } | Error::Network(_) | Error::TimedOut { .. } | Error::Cancelled
    )
}

/// What went wrong with a read before a delete that fails its step (see [`read_lost`]), for
/// the step's reason.
fn why_unread(error: &Error) -> &'static str {
    match error {
        Error::Undecodable { .. } => "its answer could not be read",
        Error::Forbidden | Error::Rejected { .. } => "that read was refused",
        Error::UnsafePath { .. } => "that read could not be made safely",
        _ => "that read was not answered as expected",
    }
}
