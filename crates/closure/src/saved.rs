//! What the browser keeps between visits: the checklist in a versioned envelope.
//!
//! Loading never fails loudly and never loses data: anything that is not a readable current or
//! older version is returned as [`LoadOutcome::SetAside`] with the raw text, so the caller can keep
//! it under another key and tell the customer, instead of overwriting it.

use serde::{Deserialize, Serialize};

use crate::checklist::{Checklist, Commitment};
use crate::EpochMs;

/// The storage key of the checklist (localStorage).
pub const STORAGE_KEY: &str = "offboard.checklist";
/// Prefix of the keys under which unreadable saved data is kept.
pub const SET_ASIDE_PREFIX: &str = "offboard.checklist.set-aside.";
/// The envelope's schema name, so other data under our key is never mistaken for ours.
pub const SCHEMA: &str = "offboard.checklist";
pub const CURRENT_VERSION: u32 = 2;

/// The checklist plus the context it was saved in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SavedChecklist {
    pub checklist: Checklist,
    /// The account alias the customer typed (for the escalation e-mail); may be empty.
    pub alias: String,
    pub saved_at: EpochMs,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadOutcome {
    /// Nothing was saved: a first visit.
    Empty,
    /// Read as saved (`migrated_from` tells if it came from an older version).
    Loaded {
        saved: SavedChecklist,
        migrated_from: Option<u32>,
    },
    /// Unreadable: kept as `raw` for the caller to store aside; `reason` is for the customer.
    SetAside { raw: String, reason: String },
}

#[derive(Serialize, Deserialize)]
struct EnvelopeHead {
    schema: String,
    version: u32,
}

/// Version 2: the current layout.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct V2 {
    schema: String,
    version: u32,
    saved_at: EpochMs,
    alias: String,
    commitment: Commitment,
    ticks: [bool; 4],
    requested_at: Option<EpochMs>,
    confirmed_at: Option<EpochMs>,
    escalated_at: Option<EpochMs>,
}

/// Version 1: the first layout, ticks and the request time only (no exception answer, no alias).
#[derive(Deserialize)]
struct V1 {
    saved_at: EpochMs,
    ticks: [bool; 4],
    requested_at: Option<EpochMs>,
}

pub fn encode(saved: &SavedChecklist) -> String {
    let c = &saved.checklist;
    let v2 = V2 {
        schema: SCHEMA.to_string(),
        version: CURRENT_VERSION,
        saved_at: saved.saved_at,
        alias: saved.alias.clone(),
        commitment: c.commitment,
        ticks: c.ticks(),
        requested_at: c.requested_at,
        confirmed_at: c.confirmed_at,
        escalated_at: c.escalated_at,
    };
    serde_json::to_string(&v2).expect("a plain struct always serialises")
}

pub fn decode(raw: Option<&str>) -> LoadOutcome {
    let Some(raw) = raw else {
        return LoadOutcome::Empty;
    };
    if raw.trim().is_empty() {
        return LoadOutcome::Empty;
    }
    let set_aside = |reason: String| LoadOutcome::SetAside {
        raw: raw.to_string(),
        reason,
    };
    let head: EnvelopeHead = match serde_json::from_str(raw) {
        Ok(head) => head,
        Err(_) => return set_aside("The saved progress could not be read (it is damaged).".into()),
    };
    if head.schema != SCHEMA {
        return set_aside("The saved progress belongs to something else.".into());
    }
    match head.version {
        2 => match serde_json::from_str::<V2>(raw) {
            Ok(v) => LoadOutcome::Loaded {
                saved: SavedChecklist {
                    checklist: Checklist::from_parts(
                        v.commitment,
                        v.ticks,
                        v.requested_at,
                        v.confirmed_at,
                        v.escalated_at,
                    ),
                    alias: v.alias,
                    saved_at: v.saved_at,
                },
                migrated_from: None,
            },
            Err(e) => set_aside(format!("The saved progress is incomplete ({e}).")),
        },
        1 => match serde_json::from_str::<V1>(raw) {
            Ok(v) => LoadOutcome::Loaded {
                saved: SavedChecklist {
                    // A v1 request implies the customer had no term commitment.
                    checklist: Checklist::from_parts(
                        if v.requested_at.is_some() {
                            Commitment::NoCommitment
                        } else {
                            Commitment::Unanswered
                        },
                        v.ticks,
                        v.requested_at,
                        None,
                        None,
                    ),
                    alias: String::new(),
                    saved_at: v.saved_at,
                },
                migrated_from: Some(1),
            },
            Err(e) => set_aside(format!("The saved progress is incomplete ({e}).")),
        },
        other => set_aside(format!(
            "The saved progress was written by a newer version of this page (format {other})."
        )),
    }
}

/// The key under which unreadable data found at `now` is kept.
pub fn set_aside_key(now: EpochMs) -> String {
    format!("{SET_ASIDE_PREFIX}{now}")
}
