//! The customer's answers about the manual items (what the sign-in cannot see: object storage,
//! DNS, the SMTP relay, the client VPN): each one "done" or "not applicable", kept per account
//! alias. The gate names the billable items not answered yet; the record keeps every answer.
//! Storage is the app's; the stored form is here, in a versioned envelope like step 2's marks.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::inventory::ManualItem;
use crate::{stored, EpochMs};

/// What the customer said about one manual item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ManualMark {
    /// They did what the item says.
    Done,
    /// The account never had it (no buckets, no DNS zones…), or it needs nothing done.
    NotApplicable,
}

impl ManualMark {
    /// `done`, `not applicable`.
    pub fn label(self) -> &'static str {
        match self {
            ManualMark::Done => "done",
            ManualMark::NotApplicable => "not applicable",
        }
    }
}

/// Answers by item key (`dns`, `object-storage`…).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ManualMarks(BTreeMap<String, ManualMark>);

impl ManualMarks {
    pub fn get(&self, key: &str) -> Option<ManualMark> {
        self.0.get(key).copied()
    }

    /// Sets the answer, or takes it back (`None`).
    pub fn set(&mut self, key: &str, mark: Option<ManualMark>) {
        match mark {
            Some(mark) => self.0.insert(key.to_string(), mark),
            None => self.0.remove(key),
        };
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The items that can keep billing and have no answer yet, in the items' order.
pub fn open_billable<'a>(items: &'a [ManualItem], marks: &ManualMarks) -> Vec<&'a ManualItem> {
    items
        .iter()
        .filter(|i| i.billable && marks.get(&i.key).is_none())
        .collect()
}

pub const KIND: stored::Kind = stored::Kind {
    schema: "offboard.manual",
    version: 1,
    what: "answers about the manual items",
};

/// What was found under the key.
pub type Decoded = stored::Decoded<ManualMarks>;

/// The stored form: `{"schema":"offboard.manual","version":1,"savedAt":…,"marks":{…}}`.
pub fn encode(marks: &ManualMarks, saved_at: EpochMs) -> String {
    stored::encode(&KIND, marks, saved_at)
}

/// The answers stored under the key; anything unreadable is set aside, as step 2's marks are.
pub fn decode(raw: Option<&str>) -> Decoded {
    stored::decode(&KIND, raw)
}
