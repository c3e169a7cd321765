//! Where the answers about the manual items (`closure::manual_marks`) live: localStorage per
//! account alias under `offboard.manual.<ALIAS>`, loaded through [`super::stored`] (unreadable
//! data set aside, as step 2's marks are).

use closure::manual_marks::{decode, encode, ManualMarks};
use closure::EpochMs;

use super::storage::SaveError;
use super::stored::{self, StoredLoad};

pub const KEY_PREFIX: &str = "offboard.manual.";

/// `offboard.manual.<ALIAS>`, the alias upper case as CLC writes it.
pub fn storage_key(alias: &str) -> String {
    format!("{KEY_PREFIX}{}", alias.trim().to_ascii_uppercase())
}

pub fn load(alias: &str, now: EpochMs) -> StoredLoad<ManualMarks> {
    stored::load(&storage_key(alias), now, decode)
}

pub fn save(alias: &str, marks: &ManualMarks, now: EpochMs) -> Result<(), SaveError> {
    stored::save(&storage_key(alias), &encode(marks, now))
}
