//! Loading the per-alias answers kept in localStorage (step 2's marks, the manual items'
//! answers): unreadable data is set aside under another key, never overwritten, and the customer
//! is told, as with the checklist (`closure::saved`).

use closure::stored::Decoded;
use closure::EpochMs;
use web_sys::Storage;

use super::storage::SaveError;

/// The answers to start from, what to tell the customer, and whether saving is safe.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoredLoad<T> {
    pub value: T,
    pub notice: Option<String>,
    /// False when storage is unavailable or unreadable data still sits under the main key.
    pub may_save: bool,
}

fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What `key` holds, read by `decode`; anything unreadable is moved to `<key>.set-aside.<now>`.
pub fn load<T: Default>(
    key: &str,
    now: EpochMs,
    decode: impl FnOnce(Option<&str>) -> Decoded<T>,
) -> StoredLoad<T> {
    let Some(storage) = local_storage() else {
        return StoredLoad {
            value: T::default(),
            notice: Some(
                "This browser does not let the page store data: your answers will be lost when \
                 you close the page."
                    .into(),
            ),
            may_save: false,
        };
    };
    match decode(storage.get_item(key).ok().flatten().as_deref()) {
        Decoded::Empty => StoredLoad {
            value: T::default(),
            notice: None,
            may_save: true,
        },
        Decoded::Loaded(value) => StoredLoad {
            value,
            notice: None,
            may_save: true,
        },
        Decoded::SetAside { raw, reason } => {
            let aside = format!("{key}.set-aside.{now}");
            let kept = storage.set_item(&aside, &raw).is_ok();
            // Only once the raw text is safe elsewhere may the main key be reused.
            if kept {
                let _ = storage.remove_item(key);
            }
            let notice = if kept {
                format!(
                    "{reason} They are kept unchanged under \"{aside}\"; you start afresh here."
                )
            } else {
                format!("{reason} They are left under \"{key}\" and new answers will not be saved.")
            };
            StoredLoad {
                value: T::default(),
                notice: Some(notice),
                may_save: kept,
            }
        }
    }
}

/// Writes `encoded` under `key`, or says why it could not.
pub fn save(key: &str, encoded: &str) -> Result<(), SaveError> {
    let storage = local_storage().ok_or(SaveError::Unavailable)?;
    storage
        .set_item(key, encoded)
        .map_err(|_| SaveError::Refused)
}
