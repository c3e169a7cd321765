//! The checklist in localStorage: loading sets unreadable data aside (never overwriting it), and
//! saving reports failure instead of pretending.

use closure::saved::{self, LoadOutcome, SavedChecklist};
use web_sys::Storage;

use crate::state::Notice;

fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads the saved checklist, with what the customer must be told about it.
pub fn load(now: closure::EpochMs) -> (SavedChecklist, Vec<Notice>) {
    let Some(storage) = local_storage() else {
        return (SavedChecklist::default(), vec![Notice::StorageUnavailable]);
    };
    let raw = storage.get_item(saved::STORAGE_KEY).ok().flatten();
    match saved::decode(raw.as_deref()) {
        LoadOutcome::Empty => (SavedChecklist::default(), vec![]),
        LoadOutcome::Loaded {
            saved,
            migrated_from: None,
        } => (saved, vec![]),
        LoadOutcome::Loaded {
            saved,
            migrated_from: Some(from),
        } => (saved, vec![Notice::Migrated { from }]),
        LoadOutcome::SetAside { raw, reason } => {
            let key = saved::set_aside_key(now);
            let kept = storage.set_item(&key, &raw).is_ok();
            // Only once the raw text is safe elsewhere may the main key be reused.
            if kept {
                let _ = storage.remove_item(saved::STORAGE_KEY);
            }
            let key = if kept {
                key
            } else {
                saved::STORAGE_KEY.to_string()
            };
            (
                SavedChecklist::default(),
                vec![Notice::SetAside { key, reason }],
            )
        }
    }
}

/// Whether the main key may be written: not while unreadable data still sits there.
pub fn may_save(notices: &[Notice]) -> bool {
    !notices.iter().any(|n| {
        matches!(n, Notice::StorageUnavailable)
            || matches!(n, Notice::SetAside { key, .. } if key == saved::STORAGE_KEY)
    })
}

/// Why progress could not be saved; the page says so rather than pretending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The browser offers no storage to this page.
    Unavailable,
    /// The browser refused the write (quota exceeded, storage disabled mid-session).
    Refused,
}

pub fn save(saved: &SavedChecklist) -> Result<(), SaveError> {
    let storage = local_storage().ok_or(SaveError::Unavailable)?;
    storage
        .set_item(saved::STORAGE_KEY, &saved::encode(saved))
        .map_err(|_| SaveError::Refused)
}
