//! What still billed when the closure was requested, per account alias, so that "bills again"
//! after the request means something new, across reloads and reconnections. Kept in
//! localStorage under `offboard.billing-at-request.<ALIAS>` with the request time it belongs to:
//! a baseline from another request (withdrawn, or before a start-over) is never used.

use closure::{EpochMs, ResourceId};

use serde::{Deserialize, Serialize};

pub const KEY_PREFIX: &str = "offboard.billing-at-request.";
const SCHEMA: &str = "offboard.billing-at-request";

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Stored {
    schema: String,
    version: u32,
    requested_at: EpochMs,
    /// `<kind label>/<id>`: plain strings keep this page's first load free of the code that
    /// reads resource ids back.
    ids: Vec<String>,
}

/// The stored form of one resource id.
pub fn token(id: &ResourceId) -> String {
    format!("{}/{}", id.kind.label(), id.id)
}

fn key(alias: &str) -> String {
    format!("{KEY_PREFIX}{}", alias.trim().to_ascii_uppercase())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Records what bills at the moment of the request. Failure only means a later alert uses the
/// neutral wording, so it is not reported.
pub fn save(alias: &str, requested_at: EpochMs, ids: Vec<String>) {
    let text = serde_json::to_string(&Stored {
        schema: SCHEMA.into(),
        version: 1,
        requested_at,
        ids,
    });
    if let (Some(storage), Ok(text)) = (storage(), text) {
        let _ = storage.set_item(&key(alias), &text);
    }
}

/// The baseline of this request, if one was recorded for it and is readable.
pub fn load(alias: &str, requested_at: EpochMs) -> Option<Vec<String>> {
    let text = storage()?.get_item(&key(alias)).ok()??;
    let stored: Stored = serde_json::from_str(&text).ok()?;
    (stored.schema == SCHEMA && stored.version == 1 && stored.requested_at == requested_at)
        .then_some(stored.ids)
}
