//! Where step 2's marks (`closure::marks`) live: localStorage per account alias under
//! `offboard.marks.<ALIAS>`, loaded through [`super::stored`] (unreadable data set aside).

use closure::marks::{decode, encode, DataMarks};
use closure::EpochMs;

use super::storage::SaveError;
use super::stored::{self, StoredLoad};

pub use closure::marks::{DataMarks as Marks, Mark};

pub const KEY_PREFIX: &str = "offboard.marks.";

/// `offboard.marks.<ALIAS>`, the alias upper case as CLC writes it.
pub fn storage_key(alias: &str) -> String {
    format!("{KEY_PREFIX}{}", alias.trim().to_ascii_uppercase())
}

pub fn load(alias: &str, now: EpochMs) -> StoredLoad<DataMarks> {
    stored::load(&storage_key(alias), now, decode)
}

pub fn save(alias: &str, marks: &DataMarks, now: EpochMs) -> Result<(), SaveError> {
    stored::save(&storage_key(alias), &encode(marks, now))
}
