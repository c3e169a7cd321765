//! Following accepted deletes: each distinct operation is polled once per round however many
//! steps share it (a group delete, several servers on one status id); what reports done, and
//! what finished synchronously or is tracked by re-reading, is confirmed by a re-read.

use std::collections::BTreeMap;

use clc::models::{OperationStatus, QueueStatus};
use clc::{Clock, Error, Transport};
use futures::stream::{self, StreamExt};

use super::census::{Census, Presence};
use super::{ExecError, Executor};
use crate::journal::{Confirmation, Event, JournalStore, StepStatus, Tracking};
use crate::plan::StepId;

/// An operation's state in our words.
enum OpState {
    Waiting,
    Running,
    Succeeded,
    Failed(String),
}

impl<T: Transport, K: Clock, S: JournalStore> Executor<'_, T, K, S> {
    /// Polls every distinct queue or experimental operation of the steps in flight, once.
    pub(super) async fn poll_operations(&self) -> Result<(), ExecError> {
        let mut operations: BTreeMap<String, (Tracking, Vec<(StepId, bool)>)> = BTreeMap::new();
        {
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
                operations
                    .entry(key)
                    .or_insert_with(|| (tracking.clone(), Vec::new()))
                    .1
                    .push((id.clone(), queued));
            }
        }
        let limit = self.config.concurrency.max(1);
        let polled: Vec<_> = stream::iter(operations)
            .map(|(key, (tracking, steps))| async move {
                // An operation belongs to the alias its delete went to.
                let alias = steps
                    .first()
                    .and_then(|(id, _)| self.step(id))
                    .map_or(self.account.as_str(), |s| self.plan.alias_of(s));
                let state = self.poll_one(alias, &tracking).await;
                (key, tracking, steps, state)
            })
            .buffer_unordered(limit)
            .collect()
            .await;
        for (key, tracking, steps, state) in polled {
            match state {
                Ok(OpState::Waiting) => {}
                Ok(OpState::Running) => {
                    for (step, _) in steps.into_iter().filter(|(_, queued)| *queued) {
                        self.append(Event::Executing { step })?;
                    }
                }
                Ok(OpState::Succeeded) | Err(Error::NotFound) => {
                    let mut work = self.work.borrow_mut();
                    for (step, _) in steps {
                        work.confirming.entry(step).or_insert(0);
                    }
                }
                Ok(OpState::Failed(status)) => {
                    let id = tracking.operation_id().unwrap_or_default();
                    let reason = format!(
                        "CenturyLink Cloud reported that the deletion failed (operation {id} \
                         ended \"{status}\"). Check the item in the Control Portal, then retry."
                    );
                    for (step, _) in steps {
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
                    let id = tracking.operation_id().unwrap_or(&key).to_string();
                    self.work
                        .borrow_mut()
                        .poll_errors
                        .insert(id, error.user_message());
                }
            }
        }
        Ok(())
    }

    async fn poll_one(&self, alias: &str, tracking: &Tracking) -> Result<OpState, Error> {
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
    pub(super) async fn confirm(&self) -> Result<(), ExecError> {
        let candidates: Vec<(StepId, Tracking)> = {
            let journal = self.journal.borrow();
            let work = self.work.borrow();
            journal
                .state()
                .steps
                .iter()
                .filter_map(|(id, r)| r.status.tracking().map(|t| (id, t)))
                .filter(|(id, t)| t.operation_key().is_none() || work.confirming.contains_key(*id))
                .map(|(id, t)| (id.clone(), t.clone()))
                .collect()
        };
        if candidates.is_empty() {
            return Ok(());
        }
        let limit = self.config.concurrency.max(1);
        let calls = candidates
            .iter()
            .filter_map(|(id, _)| self.step(id).map(|s| (self.plan.alias_of(s), &s.call)));
        let census = Census::prefetch(self.client, calls, limit).await;
        let census = &census;
        let found: Vec<(StepId, Tracking, Presence)> = stream::iter(candidates)
            .map(|(id, tracking)| async move {
                let step = self.step(&id).expect("planned step");
                let alias = self.plan.alias_of(step);
                let presence = census.presence(self.client, alias, &step.call).await;
                (id, tracking, presence)
            })
            .buffer_unordered(limit)
            .collect()
            .await;
        for (step, tracking, presence) in found {
            match presence {
                Presence::Gone => {
                    self.work.borrow_mut().confirming.remove(&step);
                    let how = if tracking == Tracking::ReRead {
                        Confirmation::FoundGone
                    } else {
                        Confirmation::Confirmed
                    };
                    self.append(Event::Succeeded { step, how })?;
                }
                Presence::Pending | Presence::Building => {}
                Presence::Present => self.still_there(step, &tracking)?,
                Presence::Unknown(Error::TokenExpiredOrMissing) => {
                    self.work.borrow_mut().halt = Some(Error::TokenExpiredOrMissing.user_message());
                }
                Presence::Unknown(_) => {}
            }
        }
        Ok(())
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
        self.work.borrow_mut().confirming.remove(&step);
        self.append(Event::Failed { step, reason })?;
        Ok(())
    }
}
