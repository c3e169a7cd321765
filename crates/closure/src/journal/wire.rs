//! The journal's events read from and written to their stored JSON by flat structs (see
//! `crate::wire`): the stored format stays the one `FORMAT_VERSION` 1 names.

use clc::models::ExperimentalOperation;
use serde::{Deserialize, Serialize};

use super::event::{Confirmation, Event, Tracking};
use super::ledger::Ledger;
use crate::plan::{Plan, StepId};
use crate::wire::{need, unknown};

/// `{"event":"accepted","step":"…","tracking":{…}}` and every other event: the tag and all
/// fields.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct EventWire {
    event: String,
    run_id: Option<String>,
    owner: Option<String>,
    plan: Option<Plan>,
    step: Option<StepId>,
    tracking: Option<Tracking>,
    how: Option<Confirmation>,
    reason: Option<String>,
    next_look_ms: Option<u64>,
    ledger: Option<Ledger>,
}

/// Every stored event. `Event::Unsettled` is not one (`Journal::append` refuses it): a stored
/// `unsettled` is an unknown event, so its record is reported as corrupt.
const EVENTS: &[&str] = &[
    "started",
    "resumed",
    "sending",
    "accepted",
    "executing",
    "succeeded",
    "failed",
    "diverged",
    "notAccepted",
    "unanswered",
    "retry",
    "paused",
    "stopped",
    "halted",
    "finished",
];

impl TryFrom<EventWire> for Event {
    type Error = String;

    fn try_from(w: EventWire) -> Result<Event, String> {
        let step = || need(w.step.clone(), "step");
        let reason = || need(w.reason.clone(), "reason");
        Ok(match w.event.as_str() {
            "started" => Event::Started {
                run_id: need(w.run_id, "runId")?,
                owner: need(w.owner, "owner")?,
                plan: need(w.plan, "plan")?,
            },
            "resumed" => Event::Resumed {
                owner: need(w.owner, "owner")?,
            },
            "sending" => Event::Sending { step: step()? },
            "accepted" => Event::Accepted {
                step: step()?,
                tracking: need(w.tracking, "tracking")?,
            },
            "executing" => Event::Executing { step: step()? },
            "succeeded" => Event::Succeeded {
                step: step()?,
                how: need(w.how, "how")?,
            },
            "failed" => Event::Failed {
                step: step()?,
                reason: reason()?,
            },
            "diverged" => Event::Diverged {
                step: step()?,
                reason: reason()?,
            },
            "notAccepted" => Event::NotAccepted {
                step: step()?,
                reason: reason()?,
            },
            "unanswered" => Event::Unanswered {
                step: step()?,
                reason: reason()?,
                next_look_ms: w.next_look_ms,
            },
            "retry" => Event::Retry { step: step()? },
            "paused" => Event::Paused,
            "stopped" => Event::Stopped,
            "halted" => Event::Halted { reason: reason()? },
            "finished" => Event::Finished {
                ledger: need(w.ledger, "ledger")?,
            },
            other => return Err(unknown(other, "event", EVENTS)),
        })
    }
}

/// `{"by":"queue","statusId":"…"}` and the other ways of following a delete.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TrackingWire {
    by: String,
    status_id: Option<String>,
    operation: Option<ExperimentalOperation>,
    job_id: Option<String>,
}

const TRACKINGS: &[&str] = &["queue", "experimental", "vpnJob", "synchronous", "reRead"];

impl TryFrom<TrackingWire> for Tracking {
    type Error = String;

    fn try_from(w: TrackingWire) -> Result<Tracking, String> {
        Ok(match w.by.as_str() {
            "queue" => Tracking::Queue {
                status_id: need(w.status_id, "statusId")?,
            },
            "experimental" => Tracking::Experimental {
                operation: need(w.operation, "operation")?,
            },
            "vpnJob" => Tracking::VpnJob {
                job_id: need(w.job_id, "jobId")?,
            },
            "synchronous" => Tracking::Synchronous,
            "reRead" => Tracking::ReRead,
            other => return Err(unknown(other, "by", TRACKINGS)),
        })
    }
}

/// What [`Tracking`] writes: its tag, then its variant's one field (if any).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TrackingOut<'a> {
    by: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    status_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    operation: Option<&'a ExperimentalOperation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_id: Option<&'a str>,
}

impl<'a> TrackingOut<'a> {
    pub(super) fn of(tracking: &'a Tracking) -> TrackingOut<'a> {
        let mut out = TrackingOut {
            by: "",
            status_id: None,
            operation: None,
            job_id: None,
        };
        out.by = match tracking {
            Tracking::Queue { status_id } => {
                out.status_id = Some(status_id);
                "queue"
            }
            Tracking::Experimental { operation } => {
                out.operation = Some(operation);
                "experimental"
            }
            Tracking::VpnJob { job_id } => {
                out.job_id = Some(job_id);
                "vpnJob"
            }
            Tracking::Synchronous => "synchronous",
            Tracking::ReRead => "reRead",
        };
        out
    }
}

/// What [`Event`] writes: its tag, then its variant's fields in their declared order (every
/// variant's fields come in this order), an absent `Option` left out as before.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct EventOut<'a> {
    event: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    run_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    plan: Option<&'a Plan>,
    #[serde(skip_serializing_if = "Option::is_none")]
    step: Option<&'a StepId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tracking: Option<&'a Tracking>,
    #[serde(skip_serializing_if = "Option::is_none")]
    how: Option<Confirmation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_look_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    since_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ledger: Option<&'a Ledger>,
}

impl<'a> EventOut<'a> {
    pub(super) fn of(event: &'a Event) -> EventOut<'a> {
        let mut out = EventOut {
            event: "",
            run_id: None,
            owner: None,
            plan: None,
            step: event.step(),
            tracking: None,
            how: None,
            reason: None,
            next_look_ms: None,
            since_ms: None,
            ledger: None,
        };
        out.event = match event {
            Event::Started {
                run_id,
                owner,
                plan,
            } => {
                out.run_id = Some(run_id);
                out.owner = Some(owner);
                out.plan = Some(plan);
                "started"
            }
            Event::Resumed { owner } => {
                out.owner = Some(owner);
                "resumed"
            }
            Event::Sending { .. } => "sending",
            Event::Accepted { tracking, .. } => {
                out.tracking = Some(tracking);
                "accepted"
            }
            Event::Executing { .. } => "executing",
            Event::Succeeded { how, .. } => {
                out.how = Some(*how);
                "succeeded"
            }
            Event::Failed { reason, .. } => {
                out.reason = Some(reason);
                "failed"
            }
            Event::Diverged { reason, .. } => {
                out.reason = Some(reason);
                "diverged"
            }
            Event::NotAccepted { reason, .. } => {
                out.reason = Some(reason);
                "notAccepted"
            }
            Event::Unanswered {
                reason,
                next_look_ms,
                ..
            } => {
                out.reason = Some(reason);
                out.next_look_ms = *next_look_ms;
                "unanswered"
            }
            Event::Unsettled { since_ms, .. } => {
                out.since_ms = *since_ms;
                "unsettled"
            }
            Event::Retry { .. } => "retry",
            Event::Paused => "paused",
            Event::Stopped => "stopped",
            Event::Halted { reason } => {
                out.reason = Some(reason);
                "halted"
            }
            Event::Finished { ledger } => {
                out.ledger = Some(ledger);
                "finished"
            }
        };
        out
    }
}
