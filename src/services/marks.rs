//! Where step 2's marks (`closure::marks`) live: localStorage per account alias under
//! `offboard.marks.<ALIAS>`. As with the checklist (`closure::saved`), unreadable data is set
//! aside under another key, never overwritten, and the customer is told.

use closure::marks::{decode, encode, DataMarks, Decoded};
use closure::EpochMs;
use web_sys::Storage;

use super::storage::SaveError;

pub use closure::marks::{DataMarks as Marks, Mark};

pub const KEY_PREFIX: &str = "offboard.marks.";

/// `offboard.marks.<ALIAS>`, the alias upper case as CLC writes it.
pub fn storage_key(alias: &str) -> String {
    format!("{KEY_PREFIX}{}", alias.trim().to_ascii_uppercase())
}

/// The marks to start from, what to tell the customer, and whether saving is safe.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MarksLoad {
    pub marks: DataMarks,
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
                marks: DataMarks::default(),
                notice: Some(notice),
                may_save: kept,
            }
        }
    }
}

pub fn save(alias: &str, marks: &DataMarks, now: EpochMs) -> Result<(), SaveError> {
    let storage = local_storage().ok_or(SaveError::Unavailable)?;
    storage
        .set_item(&storage_key(alias), &encode(marks, now))
        .map_err(|_| SaveError::Refused)
}
