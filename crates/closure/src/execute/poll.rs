//! Which operations a round looks at: those due (see `pace`), oldest send first; the re-reads
//! first and then the polls each for at most `send_budget_ms` of their own, so that looks and
//! sends take turns and the re-reads never starve the polls. Each distinct operation is polled
//! once however many steps share it (a group delete, several servers on one status id); steps
//! due for a re-read first are re-read instead, what that finds gone is done, and what it still
//! finds (or could not read in time in three rounds in a row, or for long past its time) is
//! polled.

use std::cell::RefCell;
use std::collections::BTreeMap;

use clc::{Clock, Error, Transport};

use super::census::Presence;
use super::concurrent::{at_most, task};
use super::follow::OpState;
use super::{pace, ExecError, Executor};
use crate::journal::{Confirmation, Event, JournalStore, StepStatus, Tracking};
use crate::plan::StepId;

/// A step in flight: its id, whether it is still `Queued`, and when it was sent.
type InFlight = (StepId, bool, u64);

/// One operation of the steps in flight: its key, how it is followed, and its steps.
type Followed = (String, Tracking, Vec<InFlight>);

impl<T: Transport, K: Clock, S: JournalStore> Executor<'_, T, K, S> {
    /// Looks at the due operations of the steps in flight: the steps due for a re-read first
    /// for at most `send_budget_ms`, then the polls (with those the re-reads still found) for
    /// at most as long again.
    pub(super) async fn poll_operations(&self) -> Result<(), ExecError> {
        let now = self.client.clock().now_ms();
        let budget = self.config.send_budget_ms.max(1);
        let (to_poll, reread_first) = self.due_operations(now);
        let mut to_poll = to_poll;
        if !reread_first.is_empty() {
            let ids = reread_first
                .iter()
                .flat_map(|(_, _, steps)| steps.iter().map(|(id, ..)| id.clone()))
                .collect();
            // Extended, not collected: `collect` sorts first, with a sort compiled for this map.
            let mut found: BTreeMap<StepId, Presence> = BTreeMap::new();
            found.extend(self.reread(ids, Some(budget)).await);
            let at = self.client.clock().now_ms();
            for (key, tracking, steps) in reread_first {
                let mut left = Vec::new();
                for (step, queued, sent) in steps {
                    match found.get(&step) {
                        // Not re-read within the budget: left to the next round's re-reads,
                        // and polled now if the two rounds before left it unread too, or if
                        // it is more than `poll_max_ms` past due (see `Looks::pass_over`).
                        None => {
                            let (initial, max) =
                                (self.config.poll_initial_ms, self.config.poll_max_ms);
                            let mut work = self.work.borrow_mut();
                            // No probe's offset: a re-read first is due by the queue's time
                            // learnt, whatever its place.
                            let due = work.looks.due_at(&step, sent, initial, max, None);
                            if work.looks.pass_over(&step, due, at, max) {
                                left.push((step, queued, sent));
                            }
                        }
                        Some(Presence::Gone) => {
                            self.work
                                .borrow_mut()
                                .looks
                                .gone(&step, Some(sent), at, true);
                            let how = Confirmation::Confirmed;
                            self.append(Event::Succeeded { step, how })?;
                        }
                        Some(Presence::Unknown(Error::TokenExpiredOrMissing)) => {
                            let message = Error::TokenExpiredOrMissing.user_message();
                            self.work.borrow_mut().halt = Some(message);
                        }
                        // Rate limited (the sends are held, see `reread`): no second request
                        // in this round; it is polled at its next look.
                        Some(Presence::Unknown(Error::RateLimited { .. })) => {
                            self.work.borrow_mut().looks.looked(&step, at, true);
                        }
                        Some(_) => {
                            self.work.borrow_mut().looks.looked(&step, at, true);
                            left.push((step, queued, sent));
                        }
                    }
                }
                if !left.is_empty() {
                    to_poll.push((key, tracking, left));
                }
            }
        }
        // The polls' own budget, from now: the re-reads above must not starve them (a failed
        // job is reported from its poll).
        let until = self
            .client
            .clock()
            .now_ms()
            .saturating_add(self.config.send_budget_ms.max(1));
        let limit = self.config.concurrency.max(1);
        let polled = RefCell::new(Vec::new());
        let polled_ref = &polled;
        at_most(
            limit,
            &mut to_poll.into_iter().map(|(key, tracking, steps)| {
                task(async move {
                    if self.client.clock().now_ms() >= until {
                        self.work.borrow_mut().budget_spent = true;
                        return;
                    }
                    // An operation belongs to the alias its delete went to.
                    let alias = steps
                        .first()
                        .and_then(|(id, ..)| self.step(id))
                        .map_or(self.account.as_str(), |s| self.plan.alias_of(s));
                    let state = self.poll_one(alias, &tracking).await;
                    polled_ref.borrow_mut().push((key, tracking, steps, state));
                })
            }),
        )
        .await;
        let polled = polled.into_inner();
        let at = self.client.clock().now_ms();
        for (key, tracking, steps, state) in polled {
            {
                let mut work = self.work.borrow_mut();
                for (step, ..) in &steps {
                    work.looks.looked(step, at, false);
                }
            }
            self.polled(key, tracking, steps, state)?;
        }
        Ok(())
    }

    /// The operations due for a look now, oldest send first: those to poll, and those whose
    /// every step is re-read first.
    fn due_operations(&self, now: u64) -> (Vec<Followed>, Vec<Followed>) {
        let due_by = now.saturating_add(pace::LOOK_SLACK_MS);
        let operations: Vec<Followed> = self
            .operations_due_at()
            .into_iter()
            .filter(|(due, _)| due.is_some_and(|due| due <= due_by))
            .map(|(_, operation)| operation)
            .collect();
        let work = self.work.borrow();
        operations.into_iter().partition(|(_, _, steps)| {
            !steps.iter().all(|(id, _, sent)| {
                work.looks.rereads_first(id, *sent, now) && self.may_reread_first(id)
            })
        })
    }

    /// Whether a re-read that finds the step's resource gone may record it done without its
    /// job's status: not for a recursive delete (a group), whose job may fail on what lies
    /// beneath after the group itself is gone; nor for a snapshot, whose re-read reads its
    /// server's `details`, which can be absent (`queuedForDelete`) or hold no snapshots at all
    /// (archived; `clc-api.md` §4.1), so that "not listed" does not mean gone. Those are polled
    /// until their job ends.
    fn may_reread_first(&self, step: &StepId) -> bool {
        self.step(step).is_some_and(|s| {
            !s.call.job_reaches_beyond_the_reread()
                && !matches!(s.call, crate::plan::DeleteCall::Snapshot { .. })
        })
    }

    /// When the first look at an operation comes due.
    pub(super) fn next_look(&self) -> Option<u64> {
        self.operations_due_at()
            .into_iter()
            .filter_map(|(due, _)| due)
            .min()
    }

    /// The operations of the steps in flight, oldest send first (see `lookable_operations`),
    /// each with when it is next due for a look: when the first of its steps is (see
    /// [`pace::Looks::due_at`]). The one place that says when a step in flight is due.
    fn operations_due_at(&self) -> Vec<(Option<u64>, Followed)> {
        let (initial, max) = (self.config.poll_initial_ms, self.config.poll_max_ms);
        let (operations, probes) = self.lookable_operations();
        let work = self.work.borrow();
        operations
            .into_iter()
            .enumerate()
            .map(|(i, operation)| {
                let probe = probe_offset(i, probes, initial);
                let due = operation
                    .2
                    .iter()
                    .map(|(id, _, sent)| work.looks.due_at(id, *sent, initial, max, probe))
                    .min();
                (due, operation)
            })
            .collect()
    }

    /// The operations of the steps in flight (not those confirming), oldest send first, and
    /// how many of the first are probes. Until a delete of this run has been seen gone, the
    /// oldest `concurrency` are the probes, looked at from `poll_initial_ms` after their send:
    /// they tell how long the queue takes, and the others are then re-read once, when they
    /// are as old as the quickest, instead of polled meanwhile. The others are looked at too,
    /// from `poll_max_ms` after their send, in case the probes never tell (see
    /// [`pace::Looks::due_at`]).
    fn lookable_operations(&self) -> (Vec<Followed>, usize) {
        let mut operations: BTreeMap<String, (Tracking, Vec<InFlight>)> = BTreeMap::new();
        let now = self.client.clock().now_ms();
        let journal = self.journal.borrow();
        let work = self.work.borrow();
        for (id, record) in &journal.state().steps {
            let Some(tracking) = record.status.tracking() else {
                continue;
            };
            let Some(key) = tracking.operation_key() else {
                continue;
            };
            if work.confirming.contains_key(id) {
                continue;
            }
            let queued = matches!(record.status, StepStatus::Queued { .. });
            // A send recorded after now (by a clock ahead of this one: stepped back since, or
            // another machine's) is taken as sent the longest wait ago: looked at now, then
            // every `poll_max_ms`. Taking it as sent now would not do: that "now" moves with
            // each round, and its first look would never come due.
            let sent = record.sent_at_ms.unwrap_or(record.at_ms);
            let sent = if sent > now {
                now.saturating_sub(self.config.poll_max_ms)
            } else {
                sent
            };
            operations
                .entry(key)
                .or_insert_with(|| (tracking.clone(), Vec::new()))
                .1
                .push((id.clone(), queued, sent));
        }
        let mut sorted: Vec<Followed> = operations
            .into_iter()
            .map(|(key, (tracking, steps))| (key, tracking, steps))
            .collect();
        crate::sorting::sort_by_key(&mut sorted, |(_, _, steps)| {
            steps.iter().map(|(_, _, sent)| *sent).min()
        });
        let probes = if work.looks.has_learnt() {
            sorted.len()
        } else {
            self.config.concurrency.max(1)
        };
        (sorted, probes)
    }

    /// Records what one poll said.
    fn polled(
        &self,
        key: String,
        tracking: Tracking,
        steps: Vec<InFlight>,
        state: Result<OpState, Error>,
    ) -> Result<(), ExecError> {
        match state {
            Ok(OpState::Waiting) => {}
            Ok(OpState::Running) => {
                for (step, ..) in steps.into_iter().filter(|(_, queued, _)| *queued) {
                    self.append(Event::Executing { step })?;
                }
            }
            Ok(OpState::Succeeded) | Err(Error::NotFound) => {
                let mut work = self.work.borrow_mut();
                for (step, ..) in steps {
                    work.confirming.entry(step).or_insert(0);
                }
            }
            Ok(OpState::Failed(status)) => {
                let id = tracking.operation_id().unwrap_or_default();
                let reason = format!(
                    "CenturyLink Cloud reported that the deletion failed (operation {id} \
                     ended \"{status}\"). Check the item in the Control Portal, then retry."
                );
                for (step, ..) in steps {
                    self.work.borrow_mut().looks.forget(&step);
                    self.append(Event::Failed {
                        step,
                        reason: reason.clone(),
                    })?;
                }
            }
            Err(Error::TokenExpiredOrMissing) => {
                self.work.borrow_mut().halt = Some(Error::TokenExpiredOrMissing.user_message());
            }
            Err(error) => {
                self.hold_if_rate_limited(&error);
                let id = tracking.operation_id().unwrap_or(&key).to_string();
                self.work
                    .borrow_mut()
                    .poll_errors
                    .insert(id, error.user_message());
            }
        }
        Ok(())
    }
}

/// The offset of the `i`th operation's first look if it is one of the `probes`: the probes'
/// first looks spread evenly over one `initial_ms`. Never overflows: the product is taken in
/// 128 bits, and the offset (less than `initial_ms`) always fits back.
fn probe_offset(i: usize, probes: usize, initial_ms: u64) -> Option<u64> {
    (i < probes).then(|| {
        let offset = u128::from(initial_ms) * i as u128 / probes.max(1) as u128;
        u64::try_from(offset).expect("i < probes, so the offset is less than initial_ms")
    })
}

#[cfg(test)]
mod tests {
    use super::probe_offset;

    #[test]
    fn the_probes_first_looks_spread_over_one_interval() {
        let offsets: Vec<Option<u64>> = (0..5).map(|i| probe_offset(i, 4, 2_000)).collect();
        assert_eq!(
            offsets,
            [Some(0), Some(500), Some(1_000), Some(1_500), None]
        );
        assert_eq!(probe_offset(0, 0, 2_000), None);
    }

    #[test]
    fn a_probe_offset_of_the_longest_interval_does_not_overflow() {
        // `initial_ms * i` alone is past `u64::MAX` here (it overflowed before).
        assert_eq!(probe_offset(2, 3, u64::MAX), Some(u64::MAX / 3 * 2));
        assert_eq!(probe_offset(7, 8, u64::MAX), Some(u64::MAX / 8 * 7 + 6));
    }
}
