//! Simple Backup Service (§7.13) on its own host; the account is implied by the token. Lists are
//! paged: `{limit, offset, nextOffset, totalCount, results}` (the pages are followed by
//! `nextOffset` and `totalCount`). Only the fields the app reads are decoded.

use serde::{Deserialize, Serialize};

/// One page of a Simple Backup list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "T: Deserialize<'de>"))]
pub struct BackupPage<T> {
    /// Where the next page starts; absent (or not past the requested offset) on the last page.
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub next_offset: Option<u64>,
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub total_count: Option<u64>,
    #[serde(default = "Vec::new", deserialize_with = "crate::de::nullable")]
    pub results: Vec<T>,
}

/// A backup policy template of the account (cannot be deleted, only deactivated).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountPolicy {
    #[serde(deserialize_with = "crate::de::record_id")]
    pub policy_id: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// An account policy applied to one server; deleting it stops new backups.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerPolicy {
    #[serde(deserialize_with = "crate::de::record_id")]
    pub server_policy_id: String,
    #[serde(default)]
    pub server_id: Option<String>,
    /// `ACTIVE`, `INACTIVE`, `PROVISIONING`, `ERROR` or `DELETED`.
    #[serde(default)]
    pub status: Option<String>,
}
