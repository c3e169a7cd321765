//! The verification re-read at the end of a run: every step's resource not already read gone
//! is read again and the
//! [`Ledger`] says what was removed, what failed (with the reason) and what remains, each with
//! the operation id and times the journal kept for its delete.

use std::cell::RefCell;

use clc::{Clock, Transport};

use super::census::{lists_for, Census, Presence};
use super::concurrent::{at_most, task};
use super::{Executor, Ledger, LedgerLine};
use crate::journal::{Confirmation, JournalStore, StepRecord, StepStatus};
use crate::plan::Step;

impl<T: Transport, K: Clock, S: JournalStore> Executor<'_, T, K, S> {
    /// Every step's resource is read again, except those a re-read of this run already found
    /// gone (`Confirmed`, `FoundGone`): a deleted resource does not come back, and reading
    /// each of them twice doubled the run's reads (10,000 servers: ~2,000 public IPs, one GET
    /// each). A step that ended `AlreadyGone` (a 404 on its delete) is read again: that 404
    /// said nothing about a read of the resource itself.
    pub(super) async fn verify(&self) -> Ledger {
        let limit = self.config.concurrency.max(1);
        let state = self.state();
        let read_gone = |step: &Step| {
            state.status_of(&step.id).is_some_and(|status| {
                matches!(
                    status,
                    StepStatus::Succeeded {
                        how: Confirmation::Confirmed | Confirmation::FoundGone
                    }
                )
            })
        };
        let to_read: Vec<(usize, &Step)> = self
            .plan
            .steps
            .iter()
            .enumerate()
            .filter(|(_, s)| !read_gone(s))
            .collect();
        let calls = to_read
            .iter()
            .map(|(_, s)| (self.plan.alias_of(s), &s.call));
        let census = Census::prefetch(self.client, lists_for(calls), limit).await;
        let census = &census;
        let found = RefCell::new(Vec::new());
        let found_ref = &found;
        at_most(
            limit,
            &mut to_read.into_iter().map(|(i, step)| {
                task(async move {
                    let alias = self.plan.alias_of(step);
                    let presence = census.presence(self.client, alias, &step.call).await;
                    found_ref.borrow_mut().push((i, presence));
                })
            }),
        )
        .await;
        let mut found: Vec<(usize, Presence)> = found.into_inner();
        found.extend(
            self.plan
                .steps
                .iter()
                .enumerate()
                .filter(|(_, s)| read_gone(s))
                .map(|(i, _)| (i, Presence::Gone)),
        );
        crate::sorting::sort_by_key(&mut found, |(i, _)| *i);
        let mut ledger = Ledger {
            verified_at_ms: self.client.clock().now_ms(),
            ..Ledger::default()
        };
        let verified_at = ledger.verified_at_ms;
        for (i, presence) in found {
            let step = &self.plan.steps[i];
            let record = state.record(&step.id).cloned().unwrap_or_default();
            let gone = match presence {
                Presence::Gone => true,
                Presence::Unknown(_) => matches!(record.status, StepStatus::Succeeded { .. }),
                Presence::Pending | Presence::Building | Presence::Present => false,
            };
            // The journal's time of the outcome when it agrees with the re-read; otherwise the
            // re-read itself is when the outcome was seen.
            let seen_at = |agrees: bool| {
                Some(
                    record
                        .finished_at_ms
                        .filter(|_| agrees)
                        .unwrap_or(verified_at),
                )
            };
            let alias = self.plan.alias_of(step);
            let verified =
                |reason, finished_at_ms| line(alias, step, &record, reason, finished_at_ms);
            if gone {
                let agrees = matches!(record.status, StepStatus::Succeeded { .. });
                ledger.removed.push(verified(None, seen_at(agrees)));
                continue;
            }
            match record.status.clone() {
                StepStatus::Failed { reason } => {
                    ledger.failed.push(verified(Some(reason), seen_at(true)))
                }
                StepStatus::Succeeded { .. } => ledger.failed.push(verified(
                    Some("Reported as deleted, but the final check still finds it.".into()),
                    seen_at(false),
                )),
                StepStatus::Queued { .. } | StepStatus::Executing { .. } | StepStatus::Sent => {
                    ledger.remaining.push(verified(
                        Some("Its deletion was still under way at the final check.".into()),
                        None,
                    ))
                }
                StepStatus::Pending => {
                    let reason = self.why_not_run(step, &state);
                    ledger.remaining.push(verified(Some(reason), None));
                }
            }
        }
        for exclusion in &self.plan.exclusions {
            ledger.remaining.push(LedgerLine {
                account: self.plan.alias_of_resource(&exclusion.resource).to_string(),
                step: None,
                resource: exclusion.resource.clone(),
                label: exclusion.label.clone(),
                data_center: exclusion.data_center.clone(),
                reason: Some(exclusion.reason.sentence()),
                hourly: exclusion.hourly_cost,
                bills: exclusion.bills(),
                operation_id: None,
                sent_at_ms: None,
                finished_at_ms: None,
                resources: 1,
            });
        }
        ledger
    }

    fn why_not_run(&self, step: &Step, state: &crate::journal::RunState) -> String {
        let failed = step.waits_for.iter().find(|w| {
            !matches!(
                state.status_of(w),
                Some(StepStatus::Succeeded { .. }) | None
            )
        });
        match failed.and_then(|w| self.step(w)) {
            Some(blocker) => format!("Not deleted: it waits for \"{}\".", blocker.describe()),
            None => "Not deleted: the run ended before it was sent.".into(),
        }
    }
}

fn line(
    alias: &str,
    step: &Step,
    record: &StepRecord,
    reason: Option<String>,
    finished_at_ms: Option<u64>,
) -> LedgerLine {
    LedgerLine {
        account: alias.to_string(),
        step: Some(step.id.clone()),
        resource: step.resource.clone(),
        label: step.label.clone(),
        data_center: step.data_center.clone(),
        reason,
        hourly: step.hourly_saving,
        bills: step.hourly_saving.is_none_or(|h| h > 0.0),
        operation_id: record.operation_id.clone(),
        sent_at_ms: record.sent_at_ms,
        finished_at_ms,
        resources: step.removes.len().max(1),
    }
}
