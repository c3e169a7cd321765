//! The verification re-read at the end of a run: every step's resource is read again and the
//! [`Ledger`] says what was removed, what failed (with the reason) and what remains.

use clc::{Clock, Transport};
use futures::stream::{self, StreamExt};

use super::census::{Census, Presence};
use super::{Executor, Ledger, LedgerLine};
use crate::journal::{JournalStore, StepStatus};
use crate::plan::Step;

impl<T: Transport, K: Clock, S: JournalStore> Executor<'_, T, K, S> {
    pub(super) async fn verify(&self) -> Ledger {
        let limit = self.config.concurrency.max(1);
        let calls = self.plan.steps.iter().map(|s| &s.call);
        let census = Census::prefetch(self.client, &self.account, calls, limit).await;
        let census = &census;
        let mut found: Vec<(usize, Presence)> = stream::iter(self.plan.steps.iter().enumerate())
            .map(|(i, step)| async move {
                (
                    i,
                    census
                        .presence(self.client, &self.account, &step.call)
                        .await,
                )
            })
            .buffer_unordered(limit)
            .collect()
            .await;
        found.sort_by_key(|(i, _)| *i);
        let state = self.state();
        let mut ledger = Ledger {
            verified_at_ms: self.client.clock().now_ms(),
            ..Ledger::default()
        };
        for (i, presence) in found {
            let step = &self.plan.steps[i];
            let status = state
                .status_of(&step.id)
                .cloned()
                .unwrap_or(StepStatus::Pending);
            let gone = match presence {
                Presence::Gone => true,
                Presence::Unknown(_) => matches!(status, StepStatus::Succeeded { .. }),
                Presence::Pending | Presence::Present => false,
            };
            if gone {
                ledger.removed.push(line(step, None));
                continue;
            }
            match status {
                StepStatus::Failed { reason } => ledger.failed.push(line(step, Some(reason))),
                StepStatus::Succeeded { .. } => ledger.failed.push(line(
                    step,
                    Some("Reported as deleted, but the final check still finds it.".into()),
                )),
                StepStatus::Queued { .. } | StepStatus::Executing { .. } | StepStatus::Sent => {
                    ledger.remaining.push(line(
                        step,
                        Some("Its deletion was still under way at the final check.".into()),
                    ))
                }
                StepStatus::Pending => {
                    let reason = self.why_not_run(step, &state);
                    ledger.remaining.push(line(step, Some(reason)));
                }
            }
        }
        for exclusion in &self.plan.exclusions {
            ledger.remaining.push(LedgerLine {
                step: None,
                resource: exclusion.resource.clone(),
                label: exclusion.label.clone(),
                data_center: exclusion.data_center.clone(),
                reason: Some(exclusion.reason.sentence()),
                hourly: exclusion.hourly_cost,
                bills: exclusion.bills(),
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

fn line(step: &Step, reason: Option<String>) -> LedgerLine {
    LedgerLine {
        step: Some(step.id.clone()),
        resource: step.resource.clone(),
        label: step.label.clone(),
        data_center: step.data_center.clone(),
        reason,
        hourly: step.hourly_saving,
        bills: step.hourly_saving.is_none_or(|h| h > 0.0),
    }
}
