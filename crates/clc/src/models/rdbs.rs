//! Relational DB Service (§7.11, §6.3) on its own host: subscriptions (integer ids, epoch-ms
//! backup times) and billing whose amounts are strings with a `$`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::money::Money;
use crate::EpochMs;

/// A MySQL subscription. `id` is an integer in the API, kept here as its decimal string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RdbsSubscription {
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub id: String,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub instance_type: Option<String>,
    #[serde(default, deserialize_with = "crate::de::opt_id_string")]
    pub external_id: Option<String>,
    /// e.g. `Active`, `Configuring`, `Deleted`, `Terminated` (case varies).
    #[serde(default)]
    pub status: Option<String>,
    /// `"h:m"`.
    #[serde(default)]
    pub backup_time: Option<String>,
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub backup_retention_days: Option<u64>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub servers: Vec<RdbsServer>,
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub port: Option<u64>,
    #[serde(default)]
    pub certificate: Option<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub backups: Vec<RdbsBackup>,
}

impl RdbsSubscription {
    /// True for subscriptions that no longer exist or bill (`Deleted`, `Terminated`).
    pub fn is_gone(&self) -> bool {
        self.status.as_deref().is_some_and(|s| {
            s.eq_ignore_ascii_case("deleted") || s.eq_ignore_ascii_case("terminated")
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RdbsServer {
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub id: String,
    #[serde(default)]
    pub alias: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub cpu: Option<u64>,
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub memory: Option<u64>,
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub storage: Option<u64>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub attributes: BTreeMap<String, Value>,
    #[serde(default)]
    pub connections: Option<Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RdbsBackup {
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub id: String,
    #[serde(default)]
    pub file_name: Option<String>,
    #[serde(default, deserialize_with = "crate::de::opt_epoch_ms")]
    pub backup_time: Option<EpochMs>,
    /// `Automated` or `Manual`.
    #[serde(default)]
    pub backup_type: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub size: Option<u64>,
}

/// `GET /v1/{alias}/billing`: `{"monthlyEstimate": "$446.83", "monthToDate": "$85.52", ...}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RdbsBilling {
    #[serde(default)]
    pub product_code: Option<String>,
    #[serde(default)]
    pub metadata: Option<Value>,
    #[serde(default)]
    pub monthly_estimate: Option<Money>,
    #[serde(default)]
    pub month_to_date: Option<Money>,
    #[serde(default)]
    pub current_hour: Option<Money>,
}
