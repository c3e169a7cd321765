//! The journal's events read from their stored JSON by a flat struct (see `crate::wire`): the
//! stored format stays the one `FORMAT_VERSION` 1 names.

use serde::Deserialize;

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
