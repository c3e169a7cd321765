//! What the journal records: one [`Event`] per transition of a run, wrapped in a versioned
//! [`Entry`]. The serde shape is the stored format; change it only with a new [`FORMAT_VERSION`].

use clc::models::ExperimentalOperation;
use serde::{Deserialize, Serialize};

use crate::plan::{Plan, StepId};

/// The version written in every entry. Entries of another version are reported, not guessed.
pub const FORMAT_VERSION: u32 = 1;

/// How an accepted delete is followed until it is done.
///
/// Stored as `{"by":"queue","statusId":"…"}`, the tag and then the variant's fields; written
/// and read through flat structs (`journal::wire`), a fraction of the code of the derived form.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "super::wire::TrackingWire")]
pub enum Tracking {
    /// A classic queue job: poll `/v2/operations/{alias}/status/{statusId}` (shared ids are
    /// polled once).
    Queue { status_id: String },
    /// An experimental operation: poll its `uri`.
    Experimental { operation: ExperimentalOperation },
    /// A site-to-site VPN job id: no status endpoint; re-list until the VPN is gone.
    VpnJob { job_id: String },
    /// Finished synchronously (200/204): confirm by re-reading.
    Synchronous,
    /// A delete found already under way on re-read (after a crash): re-read until gone.
    ReRead,
}

impl Tracking {
    /// The key under which distinct operations are polled once per round.
    pub fn operation_key(&self) -> Option<String> {
        match self {
            Tracking::Queue { status_id } => Some(format!("queue:{status_id}")),
            Tracking::Experimental { operation } => {
                Some(format!("experimental:{}", operation.operation_id))
            }
            _ => None,
        }
    }

    /// The id shown to the user, when there is one.
    pub fn operation_id(&self) -> Option<&str> {
        match self {
            Tracking::Queue { status_id } => Some(status_id),
            Tracking::Experimental { operation } => Some(&operation.operation_id),
            Tracking::VpnJob { job_id } => Some(job_id),
            _ => None,
        }
    }
}

/// How a step was found to be done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Confirmation {
    /// The delete was accepted and a re-read no longer finds the resource: after its operation
    /// reported success, or before (a re-read first, once this run's queue was seen to have
    /// had time; see `execute::pace`).
    Confirmed,
    /// The delete was answered 404: it was already gone.
    AlreadyGone,
    /// A re-read after an interruption found it gone (nothing was sent again).
    FoundGone,
}

/// One transition. Invariants kept by the executor: `Sending` is appended before the request
/// leaves, `Accepted` right after the answer, and no `Sending` follows an `Accepted` of the same
/// step unless a `Failed` and a `Retry` came in between.
///
/// Stored as `{"event":"accepted","step":"…","tracking":{…}}`: the tag (the variant's name in
/// camelCase) and then the variant's fields in camelCase, in the order declared here; an
/// `Option` that is `None` is left out. Written and read through flat structs
/// (`journal::wire`), a fraction of the code of the derived form.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "super::wire::EventWire")]
pub enum Event {
    /// A run begins with this plan (the journal alone is enough to resume it).
    Started {
        run_id: String,
        owner: String,
        plan: Plan,
    },
    /// This tab continues the run after a reload, a crash or a new session.
    Resumed {
        owner: String,
    },
    /// About to send the step's delete.
    Sending {
        step: StepId,
    },
    /// The delete was accepted; follow it this way.
    Accepted {
        step: StepId,
        tracking: Tracking,
    },
    /// The operation is executing (recorded once, not per poll).
    Executing {
        step: StepId,
    },
    Succeeded {
        step: StepId,
        how: Confirmation,
    },
    /// The step failed; `reason` is a sentence for the user. It may be retried.
    Failed {
        step: StepId,
        reason: String,
    },
    /// Not sent, and failed: what the step would delete changed since the plan was made (a
    /// group now holds servers or groups the plan never listed). Only a fresh plan can go on.
    Diverged {
        step: StepId,
        reason: String,
    },
    /// The delete was not accepted (rate limit, expired session) and will be sent again later.
    NotAccepted {
        step: StepId,
        reason: String,
    },
    /// The delete's answer was lost (network, 5xx): re-read before deciding anything.
    /// `next_look_ms`: when the item is read again, once a re-read found it still there (kept as
    /// an instant, so the page says it in the customer's own time).
    Unanswered {
        step: StepId,
        reason: String,
        next_look_ms: Option<u64>,
    },
    /// Never stored: told to the observer only (see `Executor::on_transition`). The re-reads
    /// that confirm an accepted delete have answered neither gone nor still there (an error, an
    /// answer that could not be read) since `since_ms`, the run's own clock, and go on; `None`:
    /// a re-read answered again, and the notice is over.
    Unsettled {
        step: StepId,
        since_ms: Option<u64>,
    },
    /// The user asked to retry a failed step.
    Retry {
        step: StepId,
    },
    Paused,
    /// The user stopped the run: no more deletes are sent.
    Stopped,
    /// The run cannot continue without the user (e.g. the session ended).
    Halted {
        reason: String,
    },
    /// The run is over; the verification re-read produced this ledger.
    Finished {
        ledger: super::ledger::Ledger,
    },
}

impl Serialize for Tracking {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::wire::TrackingOut::of(self).serialize(serializer)
    }
}

impl Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::wire::EventOut::of(self).serialize(serializer)
    }
}

impl Event {
    pub fn step(&self) -> Option<&StepId> {
        match self {
            Event::Sending { step }
            | Event::Accepted { step, .. }
            | Event::Executing { step }
            | Event::Succeeded { step, .. }
            | Event::Failed { step, .. }
            | Event::Diverged { step, .. }
            | Event::NotAccepted { step, .. }
            | Event::Unanswered { step, .. }
            | Event::Unsettled { step, .. }
            | Event::Retry { step } => Some(step),
            _ => None,
        }
    }
}

/// One stored record: `{"v":1,"seq":…,"atMs":…,"event":{…}}`. `seq` counts from 0 without gaps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub v: u32,
    pub seq: u64,
    pub at_ms: u64,
    pub event: Event,
}
