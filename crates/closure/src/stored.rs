//! The stored form of the per-alias answers the page keeps in `localStorage` (step 2's marks, the
//! manual items' answers): `{"schema":…,"version":…,"savedAt":…,"marks":…}`. Anything that does
//! not read as the current form is [`Decoded::SetAside`] with its raw text and a sentence for the
//! customer, so the caller keeps it under another key instead of overwriting it. The checklist has
//! its own envelope (`saved`) because it also migrates an older version.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::EpochMs;

/// One kind of stored answers: its schema name, its version, and what the customer calls it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kind {
    pub schema: &'static str,
    pub version: u32,
    /// Plural, as in "Your saved {what} could not be read".
    pub what: &'static str,
}

/// What was found under the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded<T> {
    Empty,
    Loaded(T),
    /// Unreadable: `raw` is to be kept under another key; `reason` is for the customer.
    SetAside {
        raw: String,
        reason: String,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<T> {
    schema: String,
    version: u32,
    saved_at: EpochMs,
    marks: T,
}

#[derive(Deserialize)]
struct Head {
    schema: String,
    version: u32,
}

pub fn encode<T: Serialize>(kind: &Kind, marks: &T, saved_at: EpochMs) -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Out<'a, T> {
        schema: &'a str,
        version: u32,
        saved_at: EpochMs,
        marks: &'a T,
    }
    let out = Out {
        schema: kind.schema,
        version: kind.version,
        saved_at,
        marks,
    };
    serde_json::to_string(&out).expect("a plain struct always serialises")
}

pub fn decode<T: DeserializeOwned>(kind: &Kind, raw: Option<&str>) -> Decoded<T> {
    let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
        return Decoded::Empty;
    };
    let what = kind.what;
    let set_aside = |reason: String| Decoded::SetAside {
        raw: raw.to_string(),
        reason,
    };
    let Ok(head) = serde_json::from_str::<Head>(raw) else {
        return set_aside(format!(
            "Your saved {what} could not be read (they are damaged)."
        ));
    };
    if head.schema != kind.schema {
        return set_aside(format!("The saved {what} belong to something else."));
    }
    if head.version > kind.version {
        return set_aside(format!(
            "The saved {what} were written by a newer version of this page."
        ));
    }
    if head.version != kind.version {
        return set_aside(format!(
            "The saved {what} are in an older format this page cannot read."
        ));
    }
    match serde_json::from_str::<Envelope<T>>(raw) {
        Ok(envelope) => Decoded::Loaded(envelope.marks),
        Err(_) => set_aside(format!("Your saved {what} are incomplete.")),
    }
}
