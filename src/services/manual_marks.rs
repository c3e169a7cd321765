//! Where the answers about the manual items (`closure::manual_marks`) live: localStorage per
//! account alias under `offboard.manual.<ALIAS>`.

use closure::manual_marks::{decode, encode, ManualMarks};
use closure::EpochMs;
use web_sys::Storage;

use super::storage::SaveError;

pub const KEY_PREFIX: &str = "offboard.manual.";

/// `offboard.manual.<ALIAS>`, the alias upper case as CLC writes it.
pub fn storage_key(alias: &str) -> String {
    format!("{KEY_PREFIX}{}", alias.trim().to_ascii_uppercase())
}

fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The answers kept for this alias (none when storage is unavailable or unreadable).
pub fn load(alias: &str) -> ManualMarks {
    let raw = local_storage().and_then(|s| s.get_item(&storage_key(alias)).ok().flatten());
    decode(raw.as_deref())
}

pub fn save(alias: &str, marks: &ManualMarks, now: EpochMs) -> Result<(), SaveError> {
    let storage = local_storage().ok_or(SaveError::Unavailable)?;
    storage
        .set_item(&storage_key(alias), &encode(marks, now))
        .map_err(|_| SaveError::Refused)
}
