//! Steps whose delete has no recorded answer (a timeout, a reset, a reload, a crash) are read
//! back before anything is sent for them, and decided: done, under way, or to be sent again,
//! and then only once the service can no longer be acting on the earlier call. A server being
//! built is waited for, up to `ExecutorConfig::build_wait_ms`, and never sent a delete.

use std::cell::RefCell;

use clc::{Clock, Error, Transport};

use super::census::{lists_for, Census, Presence};
use super::concurrent::{at_most, task};
use super::{ExecError, Executor};
use crate::journal::{Confirmation, Event, JournalStore, StepStatus, Tracking};
use crate::plan::StepId;

impl<T: Transport, K: Clock, S: JournalStore> Executor<'_, T, K, S> {
    /// Re-reads every step that was sent without a recorded outcome (and every pending step
    /// once after unreadable journal records, and steps the scan saw under way) before anything
    /// is sent for it.
    ///
    /// A call whose answer was lost (a timeout, a reset, a reload) may still be carried out by
    /// the service after the re-read. So a sent step found still there is looked at again, and
    /// sent again only if it is still there at that second look: for kinds whose re-read shows
    /// a queued delete (servers, groups, VPNs), [`ExecutorConfig::resend_after_ms`] after the
    /// first look; for public IPs and snapshots, which read the same while their delete waits in
    /// the queue, not before the send is older than the queue horizon
    /// ([`Executor::queue_horizon_ms`]).
    ///
    /// [`ExecutorConfig::resend_after_ms`]: super::ExecutorConfig::resend_after_ms
    pub(super) async fn resolve_uncertain(&self) -> Result<(), ExecError> {
        let now = self.client.clock().now_ms();
        let candidates: Vec<(StepId, bool)> = {
            let journal = self.journal.borrow();
            let state = journal.state();
            let work = self.work.borrow();
            self.plan
                .steps
                .iter()
                .filter_map(|s| match state.status_of(&s.id) {
                    // Not before its second look is due.
                    Some(StepStatus::Sent)
                        if work.deferred.get(&s.id).is_some_and(|&at| at > now) =>
                    {
                        None
                    }
                    Some(StepStatus::Sent) => Some((s.id.clone(), true)),
                    // A server being built is looked at again when its next look is due.
                    Some(StepStatus::Pending)
                        if work.unverified.contains(&s.id)
                            && work.deferred.get(&s.id).is_none_or(|&at| at <= now) =>
                    {
                        Some((s.id.clone(), false))
                    }
                    _ => None,
                })
                .collect()
        };
        if candidates.is_empty() {
            return Ok(());
        }
        let calls = candidates
            .iter()
            .filter_map(|(id, _)| self.step(id).map(|s| (self.plan.alias_of(s), &s.call)));
        let limit = self.config.concurrency.max(1);
        let census = Census::prefetch(self.client, lists_for(calls), limit).await;
        let census = &census;
        let found = RefCell::new(Vec::new());
        let found_ref = &found;
        at_most(
            limit,
            &mut candidates.into_iter().map(|(id, sent)| {
                task(async move {
                    let step = self.step(&id).expect("planned step");
                    let alias = self.plan.alias_of(step);
                    let presence = census.presence(self.client, alias, &step.call).await;
                    found_ref.borrow_mut().push((id, sent, presence));
                })
            }),
        )
        .await;
        let found: Vec<(StepId, bool, Presence)> = found.into_inner();
        for (step, sent, presence) in found {
            if let Presence::Unknown(error) = &presence {
                self.hold_if_rate_limited(error);
            }
            if matches!(presence, Presence::Building) {
                // Nothing can be sent before the build finishes: look again later (the run
                // does not settle while a look is due), until the wait is over.
                let deadline = self
                    .building_since(&step)
                    .saturating_add(self.config.build_wait_ms);
                if now >= deadline {
                    self.work.borrow_mut().deferred.remove(&step);
                    let reason = still_building(now.saturating_sub(self.building_since(&step)));
                    self.append(Event::Failed { step, reason })?;
                    continue;
                }
                let next = now.saturating_add(self.config.poll_max_ms).min(deadline);
                self.work.borrow_mut().deferred.insert(step, next);
                continue;
            }
            if !matches!(presence, Presence::Unknown(_)) {
                self.work.borrow_mut().unverified.remove(&step);
            }
            if sent && matches!(presence, Presence::Present) {
                // Still there: looked at again when its next look is due (the candidates above
                // skip it until then), and sent again only once that look is the last one.
                if let Some(next) = self.next_look_at(&step) {
                    let first_look = self
                        .work
                        .borrow_mut()
                        .deferred
                        .insert(step.clone(), next)
                        .is_none();
                    // Say what the run waits for, and until when: a step may wait minutes. The
                    // first look after the send (or after a reload) is journaled; the later ones,
                    // a minute apart for up to the queue horizon, only move the next look in
                    // memory (a reload looks again at once and journals that look).
                    if first_look {
                        self.append(Event::Unanswered {
                            step,
                            reason: NEXT_LOOK_REASON.into(),
                            next_look_ms: Some(next),
                        })?;
                    } else {
                        self.note_next_look(step, NEXT_LOOK_REASON.into(), next);
                    }
                    continue;
                }
            }
            if !matches!(presence, Presence::Unknown(_)) {
                self.work.borrow_mut().deferred.remove(&step);
            }
            let event = match presence {
                Presence::Gone => Event::Succeeded {
                    step,
                    how: Confirmation::FoundGone,
                },
                Presence::Pending => Event::Accepted {
                    step,
                    tracking: Tracking::ReRead,
                },
                Presence::Present if sent => Event::NotAccepted {
                    reason: self.resend_reason(&step),
                    step,
                },
                Presence::Present | Presence::Building => continue,
                Presence::Unknown(Error::TokenExpiredOrMissing) => {
                    self.work.borrow_mut().halt = Some(Error::TokenExpiredOrMissing.user_message());
                    continue;
                }
                Presence::Unknown(_) => continue,
            };
            self.append(event)?;
        }
        Ok(())
    }

    /// When a sent step found still there is looked at again, or `None` when this look was the
    /// last and it is to be sent again. Kinds whose re-read shows a queued delete get two looks,
    /// a minute apart. Public IPs and snapshots are looked at every minute until their send is
    /// older than the queue horizon (so a delete the queue carries out is seen as done early),
    /// and sent again only then.
    fn next_look_at(&self, step: &StepId) -> Option<u64> {
        let now = self.client.clock().now_ms();
        let in_a_minute = now.saturating_add(self.config.resend_after_ms);
        let first_look = !self.work.borrow().deferred.contains_key(step);
        let shows_queue = self.step(step).is_none_or(|s| s.call.reread_shows_queue());
        if shows_queue {
            return first_look.then_some(in_a_minute);
        }
        let sent_at = self
            .journal
            .borrow()
            .state()
            .record(step)
            .and_then(|r| r.sent_at_ms)
            .unwrap_or(now);
        let horizon = sent_at.saturating_add(self.queue_horizon_ms());
        (now < horizon).then_some(in_a_minute.min(horizon))
    }

    /// Since when the run has waited for `step`'s server to be built, from the journal's own
    /// instants (so a reload does not start the wait again): the step's latest transition (a
    /// send, a retry), or else the run's start.
    fn building_since(&self, step: &StepId) -> u64 {
        let journal = self.journal.borrow();
        let started = journal
            .entries()
            .iter()
            .find(|e| matches!(e.event, Event::Started { .. }))
            .or_else(|| journal.entries().first())
            .map_or(0, |e| e.at_ms);
        let last = journal.state().record(step).map_or(0, |r| r.at_ms);
        started.max(last)
    }

    fn resend_reason(&self, step: &StepId) -> String {
        let shows_queue = self.step(step).is_none_or(|s| s.call.reread_shows_queue());
        if shows_queue {
            "No answer came for the earlier request and the item was still there a minute \
             later, so it will be sent again."
                .into()
        } else {
            format!(
                "No answer came for the earlier request and the item was still there {} minutes \
                 after it was sent, longer than a delete waits in the queue, so it will be sent \
                 again.",
                self.queue_horizon_ms().div_ceil(60_000)
            )
        }
    }

    /// How long a queued delete may still be waiting in CLC's queue: the configured floor, or
    /// three times the longest a queued delete of this run took from send to done, whichever
    /// is longer (a slow queue today waits longer than a quick one).
    pub fn queue_horizon_ms(&self) -> u64 {
        let journal = self.journal.borrow();
        let longest = journal
            .state()
            .steps
            .values()
            .filter(|r| r.operation_id.is_some())
            .filter_map(|r| Some(r.finished_at_ms?.saturating_sub(r.sent_at_ms?)))
            .max()
            .unwrap_or(0);
        self.config.queue_horizon_ms.max(longest.saturating_mul(3))
    }
}

/// Why a step whose server was still being built when the wait ended is not deleted.
fn still_building(waited_ms: u64) -> String {
    let minutes = waited_ms / 60_000;
    format!(
        "Not deleted: still being built after {minutes} minute{}, and a delete is never sent to \
         a server being built. Retry later, once its build has finished.",
        if minutes == 1 { "" } else { "s" }
    )
}

/// What a sent step whose answer was lost waits for; when it looks next is the event's
/// `next_look_ms`, an instant the page says in the customer's own time.
pub(crate) const NEXT_LOOK_REASON: &str =
    "checking whether the delete arrived: the item was still there";
