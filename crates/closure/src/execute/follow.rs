//! Following accepted deletes: polling one operation (`poll` decides which and when); what
//! reports done, and what finished synchronously or is tracked by re-reading, is confirmed by a
//! re-read.

use std::cell::RefCell;
use std::collections::BTreeMap;

use clc::models::{OperationStatus, QueueStatus};
use clc::{Clock, Error, Transport};

use super::census::{list_key, lists_for, Census, Presence};
use super::concurrent::{at_most, task};
use super::{pace, ExecError, Executor};
use crate::journal::{Confirmation, Event, JournalStore, Tracking};
use crate::plan::StepId;

/// Confirming re-reads in a row that answer neither gone nor still there before the observer
/// is told (`Event::Unsettled`).
const UNSETTLED_NOTICE_AFTER: u32 = 3;

/// An operation's state in our words.
pub(super) enum OpState {
    Waiting,
    Running,
    Succeeded,
    Failed(String),
}

impl<T: Transport, K: Clock, S: JournalStore> Executor<'_, T, K, S> {
    pub(super) async fn poll_one(
        &self,
        alias: &str,
        tracking: &Tracking,
    ) -> Result<OpState, Error> {
        self.work.borrow_mut().polls += 1;
        match tracking {
            Tracking::Queue { status_id } => {
                Ok(match self.client.queue_status(alias, status_id).await? {
                    QueueStatus::NotStarted => OpState::Waiting,
                    QueueStatus::Executing | QueueStatus::Resumed => OpState::Running,
                    QueueStatus::Succeeded => OpState::Succeeded,
                    other => OpState::Failed(other.as_str().to_string()),
                })
            }
            Tracking::Experimental { operation } => {
                let status = self
                    .client
                    .experimental_operation_status(alias, operation)
                    .await?;
                Ok(match status.status {
                    OperationStatus::Queued => OpState::Waiting,
                    OperationStatus::Running => OpState::Running,
                    OperationStatus::Succeeded => OpState::Succeeded,
                    other => OpState::Failed(other.as_str().to_string()),
                })
            }
            _ => Ok(OpState::Waiting),
        }
    }

    /// Re-reads the steps that report done (or finished synchronously, or are followed by
    /// re-reading) and records those that are gone.
    ///
    /// Each step is re-read again only once its next check is due ([`Executor::next_check`]):
    /// a service may list a resource for a few seconds after its job succeeded, and the
    /// `confirm_attempts` checks that fail a step must span more than that, however soon the
    /// rounds come.
    pub(super) async fn confirm(&self) -> Result<(), ExecError> {
        let now = self.client.clock().now_ms();
        let to_confirm = self.to_confirm();
        // A step no longer confirmed (it failed, or was sent again) ends its streak: its
        // transition already cleared the notice.
        self.work
            .borrow_mut()
            .unsettled
            .retain(|id, _| to_confirm.iter().any(|(step, ..)| step == id));
        // Extended, not collected: `collect` sorts first, with a sort compiled for this map alone.
        let mut candidates: BTreeMap<StepId, (Tracking, Option<u64>)> = BTreeMap::new();
        candidates.extend(
            to_confirm
                .into_iter()
                .filter(|(_, _, due)| *due <= now)
                .map(|(id, t, _)| {
                    let sent = self
                        .journal
                        .borrow()
                        .state()
                        .record(&id)
                        .and_then(|r| r.sent_at_ms)
                        // A send recorded after now (a clock ahead) teaches nothing of the queue.
                        .filter(|&sent| sent <= now);
                    (id, (t, sent))
                }),
        );
        if candidates.is_empty() {
            return Ok(());
        }
        // Under the round's budget like the looks and the sends: hundreds of steps can report
        // done in one round, and their re-reads must not hold the sends, a pause or a failed
        // job's poll behind them; what is not read by then is read in the next round, at once.
        let budget = self.config.send_budget_ms.max(1);
        let found = self
            .reread(candidates.keys().cloned().collect(), Some(budget))
            .await;
        let now = self.client.clock().now_ms();
        for (step, presence) in found {
            let Some((tracking, sent)) = candidates.get(&step) else {
                continue;
            };
            if presence != Presence::Gone {
                self.work.borrow_mut().checked.insert(step.clone(), now);
            }
            match &presence {
                Presence::Unknown(Error::TokenExpiredOrMissing) => {}
                Presence::Unknown(_) => self.unsettled_read(&step, now),
                _ => self.settled_read(&step),
            }
            match presence {
                Presence::Gone => {
                    let mut work = self.work.borrow_mut();
                    work.confirming.remove(&step);
                    work.checked.remove(&step);
                    let queued = tracking.operation_key().is_some();
                    work.looks.gone(&step, *sent, now, queued);
                    drop(work);
                    let how = if *tracking == Tracking::ReRead {
                        Confirmation::FoundGone
                    } else {
                        Confirmation::Confirmed
                    };
                    self.append(Event::Succeeded { step, how })?;
                }
                Presence::Pending | Presence::Building => {}
                Presence::Present => self.still_there(step, tracking)?,
                Presence::Unknown(Error::TokenExpiredOrMissing) => {
                    self.work.borrow_mut().halt = Some(Error::TokenExpiredOrMissing.user_message());
                }
                Presence::Unknown(_) => {}
            }
        }
        Ok(())
    }

    /// The steps whose resource a re-read confirms (their operation reported done, or they are
    /// followed by re-reading), each with how it is followed and when its next re-read is due:
    /// at once for the first, then every half of the time since its send (at least
    /// `poll_initial_ms`, at most `poll_max_ms`) after the last.
    fn to_confirm(&self) -> Vec<(StepId, Tracking, u64)> {
        let (initial, max) = (self.config.poll_initial_ms, self.config.poll_max_ms);
        let now = self.client.clock().now_ms();
        let journal = self.journal.borrow();
        let work = self.work.borrow();
        journal
            .state()
            .steps
            .iter()
            .filter_map(|(id, r)| r.status.tracking().map(|t| (id, t, r)))
            .filter(|(id, t, _)| t.operation_key().is_none() || work.confirming.contains_key(*id))
            .map(|(id, t, r)| {
                // Never after now (a send recorded by a clock ahead of this one). Not a no-op:
                // while the clock runs on it changes nothing (`next_after` counts an age of 0
                // either way), but after the clock stepped back past the last check, the age
                // `next_after` uses is the last check minus now, how far the clock stepped
                // back, and the next re-read waits half that (within the poll bounds).
                let sent = r.sent_at_ms.unwrap_or(r.at_ms).min(now);
                let due = work
                    .checked
                    .get(id)
                    .map_or(0, |&last| pace::next_after(last, sent, initial, max));
                (id.clone(), t.clone(), due)
            })
            .collect()
    }

    /// When the next confirming re-read comes due.
    pub(super) fn next_check(&self) -> Option<u64> {
        self.to_confirm().into_iter().map(|(.., due)| due).min()
    }

    /// Where each step's resource stands, by one re-read (lists read once for all of them);
    /// with `budget`, the steps not started within that long of the lists being in are left
    /// out. The budget starts once the lists are in, the steps those lists answer (no request
    /// of their own) are always taken, and so is the first step read by a GET of its own: lists
    /// slower than the budget must not leave every step unread round after round.
    pub(super) async fn reread(
        &self,
        steps: Vec<StepId>,
        budget: Option<u64>,
    ) -> Vec<(StepId, Presence)> {
        let limit = self.config.concurrency.max(1);
        let calls = steps
            .iter()
            .filter_map(|id| self.step(id).map(|s| (self.plan.alias_of(s), &s.call)));
        let census = Census::prefetch(self.client, lists_for(calls), limit).await;
        let census = &census;
        let until = budget.map(|b| self.client.clock().now_ms().saturating_add(b));
        let started = &std::cell::Cell::new(false);
        let found = RefCell::new(Vec::new());
        let found_ref = &found;
        at_most(
            limit,
            &mut steps
                .into_iter()
                .filter_map(|id| self.step(&id).map(|step| (id, step)))
                .map(|(id, step)| {
                    task(async move {
                        let listed = list_key(&step.call).is_some();
                        let first = !listed && !started.replace(true);
                        let spent = until.is_some_and(|t| self.client.clock().now_ms() >= t);
                        if spent && !listed && !first {
                            self.work.borrow_mut().budget_spent = true;
                            return;
                        }
                        let alias = self.plan.alias_of(step);
                        let presence = census.presence(self.client, alias, &step.call).await;
                        found_ref.borrow_mut().push((id, presence));
                    })
                }),
        )
        .await;
        let found = found.into_inner();
        for (_, presence) in &found {
            if let Presence::Unknown(error) = presence {
                self.hold_if_rate_limited(error);
            }
        }
        found
    }

    /// A confirming re-read of `step` answered neither gone nor still there. The step is read
    /// again as usual (at most `poll_max_ms` apart); after [`UNSETTLED_NOTICE_AFTER`] such reads
    /// in a row the observer is told since when, so that a run that only seems to go on says
    /// what it waits for.
    fn unsettled_read(&self, step: &StepId, now: u64) {
        let (since, reads) = {
            let mut work = self.work.borrow_mut();
            let streak = work.unsettled.entry(step.clone()).or_insert((now, 0));
            streak.1 += 1;
            *streak
        };
        if reads == UNSETTLED_NOTICE_AFTER {
            self.tell(Event::Unsettled {
                step: step.clone(),
                since_ms: Some(since),
            });
        }
    }

    /// A confirming re-read of `step` answered (gone, still there, under way): its streak of
    /// unanswered reads ends, and a notice told of it is withdrawn.
    fn settled_read(&self, step: &StepId) {
        let told = self
            .work
            .borrow_mut()
            .unsettled
            .remove(step)
            .is_some_and(|(_, reads)| reads >= UNSETTLED_NOTICE_AFTER);
        if told {
            self.tell(Event::Unsettled {
                step: step.clone(),
                since_ms: None,
            });
        }
    }

    /// A step reported done (or under way) whose resource a re-read still finds.
    fn still_there(&self, step: StepId, tracking: &Tracking) -> Result<(), ExecError> {
        let checks = {
            let mut work = self.work.borrow_mut();
            let count = work.confirming.entry(step.clone()).or_insert(0);
            *count += 1;
            *count
        };
        let reason = if *tracking == Tracking::ReRead {
            "The deletion that was under way did not complete: the item is still there. Retry it."
                .to_string()
        } else if checks >= self.config.confirm_attempts {
            format!(
                "CenturyLink Cloud reported the deletion as done, but the item was still there \
                 after {checks} checks. Check it in the Control Portal, then retry."
            )
        } else {
            return Ok(());
        };
        {
            let mut work = self.work.borrow_mut();
            work.confirming.remove(&step);
            work.checked.remove(&step);
        }
        self.append(Event::Failed { step, reason })?;
        Ok(())
    }
}
