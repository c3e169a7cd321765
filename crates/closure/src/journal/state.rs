//! The state of a run as the journal says it is: [`RunState`] is a fold of the events, so the
//! executor's view and the one rebuilt after a reload are the same function of the same records.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::event::{Confirmation, Event, Tracking};
use super::ledger::Ledger;
use crate::plan::{Plan, StepId};

/// Where one step is: pending → sent → queued → executing → succeeded | failed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "status",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum StepStatus {
    /// Not sent yet, or sent and not accepted (it may be sent again).
    Pending,
    /// The delete is about to go or went out, and no outcome is recorded: after a reload the
    /// resource is re-read before anything is sent again.
    Sent,
    /// Accepted; waiting for the operation to start.
    Queued {
        tracking: Tracking,
    },
    Executing {
        tracking: Tracking,
    },
    Succeeded {
        how: Confirmation,
    },
    Failed {
        reason: String,
    },
}

impl StepStatus {
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            StepStatus::Succeeded { .. } | StepStatus::Failed { .. }
        )
    }

    /// Accepted and not finished.
    pub fn tracking(&self) -> Option<&Tracking> {
        match self {
            StepStatus::Queued { tracking } | StepStatus::Executing { tracking } => Some(tracking),
            _ => None,
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            StepStatus::Pending => "pending",
            StepStatus::Sent => "sent",
            StepStatus::Queued { .. } => "queued",
            StepStatus::Executing { .. } => "executing",
            StepStatus::Succeeded { .. } => "succeeded",
            StepStatus::Failed { .. } => "failed",
        }
    }
}

/// One step's history in short.
///
/// The last three fields are kept after the step ends, for the closure record. They are folded
/// from the entries' own times and `Accepted` events, so journals written before they existed
/// yield them too (`serde(default)` covers a stored copy of the record itself).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepRecord {
    pub status: StepStatus,
    /// How many times its delete was about to be sent.
    pub sends: u32,
    /// How many of those were accepted.
    pub accepted: u32,
    /// Why the last send was not accepted or not answered (cleared by the next send, and once
    /// accepted).
    pub note: Option<String>,
    /// When a sent step whose answer was lost is read again (see `Event::Unanswered`); cleared
    /// with `note`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_look_ms: Option<u64>,
    /// Since when the re-reads confirming its accepted delete answer neither gone nor still
    /// there (see `Event::Unsettled`, never stored); cleared when one answers, and by the step's
    /// next transition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsettled_since_ms: Option<u64>,
    /// Virtual/epoch ms of the last transition.
    pub at_ms: u64,
    /// The id of the operation (queue status id, experimental operation id or VPN job id) that
    /// accepted the latest send; `None` until accepted, and when the answer carried none
    /// (synchronous deletes, a delete found under way after a crash).
    #[serde(default)]
    pub operation_id: Option<String>,
    /// When the latest send was about to leave.
    #[serde(default)]
    pub sent_at_ms: Option<u64>,
    /// When the outcome of the latest send was recorded (`Succeeded` or `Failed`).
    #[serde(default)]
    pub finished_at_ms: Option<u64>,
    /// Failed without being sent because what it would delete changed since the plan (see
    /// `Event::Diverged`): a retry cannot help, a fresh plan can.
    #[serde(default)]
    pub stale_plan: bool,
}

impl Default for StepRecord {
    fn default() -> StepRecord {
        StepRecord {
            status: StepStatus::Pending,
            sends: 0,
            accepted: 0,
            note: None,
            next_look_ms: None,
            unsettled_since_ms: None,
            at_ms: 0,
            operation_id: None,
            sent_at_ms: None,
            finished_at_ms: None,
            stale_plan: false,
        }
    }
}

/// The run as a whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "status",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum RunStatus {
    NotStarted,
    Running,
    Paused,
    Stopped,
    Halted { reason: String },
    Finished,
}

/// Everything the journal knows. Invariant: equal to folding [`RunState::apply`] over the
/// journal's entries in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunState {
    pub run_id: Option<String>,
    pub owner: Option<String>,
    pub plan: Option<Plan>,
    pub status: RunStatus,
    pub steps: BTreeMap<StepId, StepRecord>,
    pub ledger: Option<Ledger>,
}

impl Default for RunState {
    fn default() -> RunState {
        RunState {
            run_id: None,
            owner: None,
            plan: None,
            status: RunStatus::NotStarted,
            steps: BTreeMap::new(),
            ledger: None,
        }
    }
}

impl RunState {
    pub fn from_events<'e>(events: impl IntoIterator<Item = (&'e Event, u64)>) -> RunState {
        let mut state = RunState::default();
        for (event, at_ms) in events {
            state.apply(event, at_ms);
        }
        state
    }

    /// Applies one event. Events about unknown steps are ignored (they cannot come from this
    /// journal's own plan).
    pub fn apply(&mut self, event: &Event, at_ms: u64) {
        match event {
            Event::Started {
                run_id,
                owner,
                plan,
            } => {
                self.run_id = Some(run_id.clone());
                self.owner = Some(owner.clone());
                // Inserted one by one: `collect` would sort them first, a sort compiled for
                // this map alone.
                self.steps = BTreeMap::new();
                for step in &plan.steps {
                    self.steps.insert(step.id.clone(), StepRecord::default());
                }
                self.plan = Some(plan.clone());
                self.status = RunStatus::Running;
                self.ledger = None;
            }
            Event::Resumed { owner } => {
                self.owner = Some(owner.clone());
                self.status = RunStatus::Running;
            }
            Event::Paused => self.status = RunStatus::Paused,
            Event::Stopped => self.status = RunStatus::Stopped,
            Event::Halted { reason } => {
                self.status = RunStatus::Halted {
                    reason: reason.clone(),
                }
            }
            Event::Finished { ledger } => {
                self.status = RunStatus::Finished;
                self.ledger = Some(ledger.clone());
            }
            step_event => {
                let Some(record) = step_event.step().and_then(|id| self.steps.get_mut(id)) else {
                    return;
                };
                apply_to_step(record, step_event, at_ms);
            }
        }
    }

    pub fn record(&self, step: &StepId) -> Option<&StepRecord> {
        self.steps.get(step)
    }

    pub fn status_of(&self, step: &StepId) -> Option<&StepStatus> {
        self.steps.get(step).map(|r| &r.status)
    }

    /// Steps in each status label, for progress counts.
    pub fn counts(&self) -> BTreeMap<&'static str, usize> {
        let mut out = BTreeMap::new();
        for record in self.steps.values() {
            *out.entry(record.status.label()).or_default() += 1;
        }
        out
    }

    /// True when a run exists that has not finished or been stopped.
    pub fn is_open(&self) -> bool {
        matches!(
            self.status,
            RunStatus::Running | RunStatus::Paused | RunStatus::Halted { .. }
        )
    }
}

/// Each send starts its own times and operation id afresh; a retry forgets the failed send's
/// end (its operation id stays until the next send, so a failed step still shows it).
fn apply_to_step(record: &mut StepRecord, event: &Event, at_ms: u64) {
    if let Event::Unsettled { since_ms, .. } = event {
        record.unsettled_since_ms = *since_ms;
        return;
    }
    // Every other event is a transition: a notice was about the reads before it.
    record.at_ms = at_ms;
    record.unsettled_since_ms = None;
    match event {
        Event::Sending { .. } => {
            record.sends += 1;
            // A new send: the reason the last one was not accepted or not answered is history.
            record.note = None;
            record.next_look_ms = None;
            record.status = StepStatus::Sent;
            record.operation_id = None;
            record.sent_at_ms = Some(at_ms);
            record.finished_at_ms = None;
        }
        Event::Accepted { tracking, .. } => {
            record.accepted += 1;
            record.note = None;
            record.next_look_ms = None;
            record.operation_id = tracking.operation_id().map(str::to_string);
            record.status = StepStatus::Queued {
                tracking: tracking.clone(),
            };
        }
        Event::Executing { .. } => {
            if let StepStatus::Queued { tracking } = &record.status {
                record.status = StepStatus::Executing {
                    tracking: tracking.clone(),
                };
            }
        }
        Event::Succeeded { how, .. } => {
            record.status = StepStatus::Succeeded { how: *how };
            record.finished_at_ms = Some(at_ms);
        }
        Event::Failed { reason, .. } => {
            record.status = StepStatus::Failed {
                reason: reason.clone(),
            };
            record.finished_at_ms = Some(at_ms);
        }
        Event::Diverged { reason, .. } => {
            record.status = StepStatus::Failed {
                reason: reason.clone(),
            };
            record.stale_plan = true;
            record.finished_at_ms = Some(at_ms);
        }
        Event::NotAccepted { reason, .. } => {
            record.note = Some(reason.clone());
            record.next_look_ms = None;
            record.status = StepStatus::Pending;
        }
        Event::Unanswered {
            reason,
            next_look_ms,
            ..
        } => {
            record.note = Some(reason.clone());
            record.next_look_ms = *next_look_ms;
            record.status = StepStatus::Sent;
        }
        Event::Retry { .. } => {
            if matches!(record.status, StepStatus::Failed { .. }) {
                record.status = StepStatus::Pending;
                record.finished_at_ms = None;
                record.stale_plan = false;
            }
        }
        _ => {}
    }
}
