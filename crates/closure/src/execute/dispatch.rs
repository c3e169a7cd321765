//! Sending deletes, journal first: `Sending` is stored before the request leaves and the answer
//! right after it. Also the re-read of steps whose answer was never recorded (after a crash or
//! a lost answer), which decides between "done", "under way" and "send again".

use std::collections::btree_map::Entry;

use clc::{Clock, Error, Transport};
use futures::stream::{self, StreamExt};

use super::census::{Census, Presence};
use super::send::{backup_owners, send, tracking_of};
use super::{ExecError, Executor};
use crate::journal::{Confirmation, Event, JournalStore, StepStatus, StoreError, Tracking};
use crate::plan::{DeleteCall, StepId};

impl<T: Transport, K: Clock, S: JournalStore> Executor<'_, T, K, S> {
    /// Sends every ready step, at most `concurrency` at a time, in plan order.
    pub(super) async fn dispatch_ready(&self) -> Result<(), ExecError> {
        self.work.borrow_mut().slow_down = false;
        let ready = self.ready_steps(self.client.clock().now_ms());
        let results: Vec<Result<(), StoreError>> = stream::iter(ready)
            .map(|id| self.dispatch(id))
            .buffer_unordered(self.config.concurrency.max(1))
            .collect()
            .await;
        results.into_iter().collect::<Result<(), _>>()?;
        Ok(())
    }

    async fn dispatch(&self, id: StepId) -> Result<(), StoreError> {
        {
            let work = self.work.borrow();
            if self.controls.holds_sends() || work.halt.is_some() || work.slow_down {
                return Ok(());
            }
        }
        if self.journal.borrow().is_broken() {
            return Err(StoreError::Write(
                "the journal stopped accepting records".into(),
            ));
        }
        let Some(step) = self.step(&id) else {
            return Ok(());
        };
        self.append(Event::Sending { step: id.clone() })?;
        let answer = match self.complete_call(&step.call).await {
            Ok(call) => send(self.client, &self.account, &call).await,
            Err(error) => Err(error),
        };
        self.record_answer(&id, answer)
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
                let mut work = self.work.borrow_mut();
                let wait = retry_after_ms.unwrap_or(work.delay_ms).max(1);
                let at = self.client.clock().now_ms() + wait;
                work.deferred.insert(id.clone(), at);
                work.slow_down = true;
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
            },
            Err(Error::Cancelled) => Event::Unanswered {
                step,
                reason: Error::Cancelled.user_message(),
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

    /// Re-reads every step that was sent without a recorded outcome (and every pending step
    /// once after unreadable journal records, and steps the scan saw under way) before anything
    /// is sent for it.
    ///
    /// A call whose answer was lost (a timeout, a reset, a reload) may still be carried out by
    /// the service after the re-read. So a sent step found still there is sent again only when a
    /// second re-read, [`ExecutorConfig::resend_after_ms`] later, finds it still there too.
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
                    Some(StepStatus::Pending) if work.unverified.contains(&s.id) => {
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
            .filter_map(|(id, _)| self.step(id).map(|s| &s.call));
        let limit = self.config.concurrency.max(1);
        let census = Census::prefetch(self.client, &self.account, calls, limit).await;
        let census = &census;
        let found: Vec<(StepId, bool, Presence)> = stream::iter(candidates)
            .map(|(id, sent)| async move {
                let call = &self.step(&id).expect("planned step").call;
                let presence = census.presence(self.client, &self.account, call).await;
                (id, sent, presence)
            })
            .buffer_unordered(limit)
            .collect()
            .await;
        for (step, sent, presence) in found {
            if !matches!(presence, Presence::Unknown(_)) {
                self.work.borrow_mut().unverified.remove(&step);
            }
            if sent && matches!(presence, Presence::Present) {
                // The first look finds it there: the step stays sent and is looked at again when
                // its deferral is due (the candidates above skip it until then).
                let mut work = self.work.borrow_mut();
                if let Entry::Vacant(first_look) = work.deferred.entry(step.clone()) {
                    let looked = self.client.clock().now_ms();
                    first_look.insert(looked.saturating_add(self.config.resend_after_ms));
                    continue;
                }
            }
            if sent && !matches!(presence, Presence::Unknown(_)) {
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
                    step,
                    reason: "No answer came for the earlier request and the item was still \
                             there a minute later, so it will be sent again."
                        .into(),
                },
                Presence::Present => continue,
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
}
