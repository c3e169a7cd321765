//! Step 2's marks ("data retrieved" / "not needed" per data-bearing resource), kept in
//! localStorage per account alias under `offboard.marks.<ALIAS>` in a versioned envelope.
//! As with the checklist (`closure::saved`), unreadable data is set aside under another key,
//! never overwritten, and the customer is told.

use std::collections::BTreeMap;

use closure::{EpochMs, ResourceId};
use serde::{Deserialize, Serialize};
use web_sys::Storage;

use super::storage::SaveError;

pub const KEY_PREFIX: &str = "offboard.marks.";
pub const SCHEMA: &str = "offboard.marks";
pub const CURRENT_VERSION: u32 = 1;

/// What the customer decided about one resource's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Mark {
    Retrieved,
    NotNeeded,
}

/// Marks by resource. Keys use the kind's family, so a server that gets archived keeps its mark.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks(BTreeMap<String, Mark>);

impl Marks {
    pub fn get(&self, id: &ResourceId) -> Option<Mark> {
        self.0.get(&mark_key(id)).copied()
    }

    pub fn set(&mut self, id: &ResourceId, mark: Mark) {
        self.0.insert(mark_key(id), mark);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

pub fn mark_key(id: &ResourceId) -> String {
    format!("{}:{}", id.kind.family().label(), id.id)
}

/// `offboard.marks.<ALIAS>`, the alias upper case as CLC writes it.
pub fn storage_key(alias: &str) -> String {
    format!("{KEY_PREFIX}{}", alias.trim().to_ascii_uppercase())
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope {
    schema: String,
    version: u32,
    saved_at: EpochMs,
    marks: BTreeMap<String, Mark>,
}

#[derive(Deserialize)]
struct Head {
    schema: String,
    version: u32,
}

pub fn encode(marks: &Marks, saved_at: EpochMs) -> String {
    let envelope = Envelope {
        schema: SCHEMA.into(),
        version: CURRENT_VERSION,
        saved_at,
        marks: marks.0.clone(),
    };
    serde_json::to_string(&envelope).expect("a plain struct always serialises")
}

/// What was found under the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded {
    Empty,
    Loaded(Marks),
    /// Unreadable: `raw` is to be kept under another key; `reason` is for the customer.
    SetAside {
        raw: String,
        reason: String,
    },
}

pub fn decode(raw: Option<&str>) -> Decoded {
    let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
        return Decoded::Empty;
    };
    let set_aside = |reason: &str| Decoded::SetAside {
        raw: raw.to_string(),
        reason: reason.to_string(),
    };
    let Ok(head) = serde_json::from_str::<Head>(raw) else {
        return set_aside("Your saved step-2 marks could not be read (they are damaged).");
    };
    if head.schema != SCHEMA {
        return set_aside("The saved step-2 marks belong to something else.");
    }
    if head.version != CURRENT_VERSION {
        return set_aside("The saved step-2 marks were written by a newer version of this page.");
    }
    match serde_json::from_str::<Envelope>(raw) {
        Ok(envelope) => Decoded::Loaded(Marks(envelope.marks)),
        Err(_) => set_aside("Your saved step-2 marks are incomplete."),
    }
}

/// The marks to start from, what to tell the customer, and whether saving is safe.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MarksLoad {
    pub marks: Marks,
    pub notice: Option<String>,
    /// False when storage is unavailable or unreadable data still sits under the main key.
    pub may_save: bool,
}

fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load(alias: &str, now: EpochMs) -> MarksLoad {
    let Some(storage) = local_storage() else {
        return MarksLoad {
            notice: Some(
                "This browser does not let the page store data: your marks will be lost when \
                 you close the page."
                    .into(),
            ),
            ..MarksLoad::default()
        };
    };
    let key = storage_key(alias);
    match decode(storage.get_item(&key).ok().flatten().as_deref()) {
        Decoded::Empty => MarksLoad {
            may_save: true,
            ..MarksLoad::default()
        },
        Decoded::Loaded(marks) => MarksLoad {
            marks,
            notice: None,
            may_save: true,
        },
        Decoded::SetAside { raw, reason } => {
            let aside = format!("{key}.set-aside.{now}");
            let kept = storage.set_item(&aside, &raw).is_ok();
            // Only once the raw text is safe elsewhere may the main key be reused.
            if kept {
                let _ = storage.remove_item(&key);
            }
            let notice = if kept {
                format!("{reason} They are kept unchanged under \"{aside}\"; marking starts fresh.")
            } else {
                format!("{reason} They are left under \"{key}\" and new marks will not be saved.")
            };
            MarksLoad {
                marks: Marks::default(),
                notice: Some(notice),
                may_save: kept,
            }
        }
    }
}

pub fn save(alias: &str, marks: &Marks, now: EpochMs) -> Result<(), SaveError> {
    let storage = local_storage().ok_or(SaveError::Unavailable)?;
    storage
        .set_item(&storage_key(alias), &encode(marks, now))
        .map_err(|_| SaveError::Refused)
}

#[cfg(test)]
mod tests {
    use super::*;
    use closure::ResourceKind;

    #[test]
    fn round_trips_and_keeps_marks_across_archiving() {
        let mut marks = Marks::default();
        marks.set(
            &ResourceId::new(ResourceKind::Server, "va1web01"),
            Mark::Retrieved,
        );
        let Decoded::Loaded(back) = decode(Some(&encode(&marks, 5))) else {
            panic!("decodes");
        };
        let archived = ResourceId::new(ResourceKind::ArchivedServer, "va1web01");
        assert_eq!(back.get(&archived), Some(Mark::Retrieved));
    }

    #[test]
    fn unreadable_data_is_set_aside() {
        for raw in [
            "{oops",
            r#"{"schema":"other","version":1}"#,
            r#"{"schema":"offboard.marks","version":9}"#,
        ] {
            assert!(
                matches!(decode(Some(raw)), Decoded::SetAside { .. }),
                "{raw}"
            );
        }
        assert_eq!(decode(None), Decoded::Empty);
    }
}
