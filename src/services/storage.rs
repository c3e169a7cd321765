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

fn session_storage() -> Option<Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The customer opted in: keep the session in this tab's sessionStorage (gone when the tab
/// closes; never in localStorage).
pub fn keep_session(connection: &crate::session::Connection) {
    let Some(session) = connection.client.session() else {
        return;
    };
    let kept = crate::session::KeptSession {
        api_base: connection.identity.api_base.clone(),
        alias: session.alias.clone(),
        token: session.token.expose().to_string(),
    };
    if let (Some(storage), Ok(json)) = (session_storage(), serde_json::to_string(&kept)) {
        let _ = storage.set_item(crate::session::KEPT_SESSION_KEY, &json);
    }
}

pub fn kept_session() -> Option<crate::session::KeptSession> {
    let raw = session_storage()?
        .get_item(crate::session::KEPT_SESSION_KEY)
        .ok()??;
    serde_json::from_str(&raw).ok()
}

pub fn forget_session() {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(crate::session::KEPT_SESSION_KEY);
    }
}
