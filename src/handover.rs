//! The checklist as it is on screen, handed from the first wasm to the live tools when they take
//! over the page (see `live_slot`). Storage alone is not enough: it may be unavailable, a save
//! may have failed, or unreadable data may sit under the main key, and the notices about those
//! would be lost. The first app keeps a copy of its state here on every change; the boot script
//! carries it across as JSON in `globalThis.offboardHandOver`.

use std::cell::RefCell;

use closure::saved::{self, LoadOutcome, SavedChecklist};
use serde::{Deserialize, Serialize};

use crate::state::Notice;

const GLOBAL: &str = "offboardHandOver";

/// What the next app starts from instead of reading storage.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HandOver {
    pub saved: SavedChecklist,
    pub notices: Vec<Notice>,
}

/// On the wire: the checklist in its storage format (versioned, validated when read back), and
/// each notice as its tag and fields (plain strings keep the first load small).
#[derive(Serialize, Deserialize)]
struct Wire {
    saved: String,
    notices: Vec<Vec<String>>,
}

fn notice_to_strings(notice: &Notice) -> Vec<String> {
    match notice {
        Notice::SetAside { key, reason } => vec!["set-aside".into(), key.clone(), reason.clone()],
        Notice::Migrated { from } => vec!["migrated".into(), from.to_string()],
        Notice::StorageUnavailable => vec!["storage-unavailable".into()],
        Notice::SaveFailed => vec!["save-failed".into()],
        Notice::LiveToolsFailed { reason } => vec!["live-tools-failed".into(), reason.clone()],
    }
}

fn notice_from_strings(parts: &[String]) -> Option<Notice> {
    let (tag, fields) = parts.split_first()?;
    Some(match (tag.as_str(), fields) {
        ("set-aside", [key, reason]) => Notice::SetAside {
            key: key.clone(),
            reason: reason.clone(),
        },
        ("migrated", [from]) => Notice::Migrated {
            from: from.parse().ok()?,
        },
        ("storage-unavailable", []) => Notice::StorageUnavailable,
        ("save-failed", []) => Notice::SaveFailed,
        ("live-tools-failed", [reason]) => Notice::LiveToolsFailed {
            reason: reason.clone(),
        },
        _ => return None,
    })
}

impl HandOver {
    fn to_json(&self) -> Option<String> {
        serde_json::to_string(&Wire {
            saved: saved::encode(&self.saved),
            notices: self.notices.iter().map(notice_to_strings).collect(),
        })
        .ok()
    }

    fn from_json(text: &str) -> Option<HandOver> {
        let wire: Wire = serde_json::from_str(text).ok()?;
        match saved::decode(Some(&wire.saved)) {
            LoadOutcome::Loaded { saved, .. } => Some(HandOver {
                saved,
                notices: wire
                    .notices
                    .iter()
                    .filter_map(|n| notice_from_strings(n))
                    .collect(),
            }),
            LoadOutcome::Empty | LoadOutcome::SetAside { .. } => None,
        }
    }
}

thread_local! {
    static LATEST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Called by the app on every change of its checklist state.
pub fn remember(saved: &SavedChecklist, notices: &[Notice]) {
    let json = HandOver {
        saved: saved.clone(),
        notices: notices.to_vec(),
    }
    .to_json();
    LATEST.with(|l| *l.borrow_mut() = json);
}

/// The latest state, as JSON, for the boot script.
pub fn latest() -> Option<String> {
    LATEST.with(|l| l.borrow().clone())
}

/// Takes (and removes) what the boot script handed over, if anything readable.
pub fn take() -> Option<HandOver> {
    HandOver::from_json(&crate::services::boot::take_global(GLOBAL)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_state_and_its_notices() {
        let saved = SavedChecklist {
            alias: "ACME".into(),
            ..Default::default()
        };
        let notices = vec![
            Notice::StorageUnavailable,
            Notice::SetAside {
                key: "k".into(),
                reason: "r".into(),
            },
            Notice::Migrated { from: 1 },
            Notice::SaveFailed,
            Notice::LiveToolsFailed { reason: "x".into() },
        ];
        remember(&saved, &notices);
        let back = HandOver::from_json(&latest().unwrap()).unwrap();
        assert_eq!(back, HandOver { saved, notices });
        assert_eq!(HandOver::from_json("{not json"), None);
    }
}
