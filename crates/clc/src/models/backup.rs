//! Simple Backup Service (§7.13) on its own host; the account is implied by the token. Lists are
//! paged: `{limit, offset, nextOffset, totalCount, results}`.

use serde::{Deserialize, Serialize};

use crate::EpochMs;

/// One page of a Simple Backup list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "T: Deserialize<'de>"))]
pub struct BackupPage<T> {
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub limit: Option<u64>,
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub offset: Option<u64>,
    /// Where the next page starts; absent (or not past `offset`) on the last page.
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
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub policy_id: String,
    #[serde(default)]
    pub name: Option<String>,
    /// `Linux` or `Windows`.
    #[serde(default)]
    pub os_type: Option<String>,
    #[serde(default)]
    pub clc_account_alias: Option<String>,
    /// `ACTIVE` or `INACTIVE`.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub paths: Vec<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub excluded_directory_paths: Vec<String>,
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub retention_days: Option<u64>,
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub backup_interval_hours: Option<u64>,
    /// Quartz cron expression.
    #[serde(default)]
    pub backup_schedule: Option<String>,
}

/// An account policy applied to one server; deleting it stops new backups.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerPolicy {
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub server_policy_id: String,
    #[serde(default, deserialize_with = "crate::de::opt_id_string")]
    pub account_policy_id: Option<String>,
    #[serde(default)]
    pub server_id: Option<String>,
    #[serde(default)]
    pub storage_region: Option<String>,
    #[serde(default)]
    pub clc_account_alias: Option<String>,
    /// `ACTIVE`, `INACTIVE`, `PROVISIONING`, `ERROR` or `DELETED`.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "crate::de::opt_epoch_ms")]
    pub expiration_date: Option<EpochMs>,
    #[serde(default, deserialize_with = "crate::de::opt_epoch_ms")]
    pub unsubscribed_date: Option<EpochMs>,
    #[serde(default, deserialize_with = "crate::de::opt_id_string")]
    pub storage_account_id: Option<String>,
}
