//! Relational DB Service (§7.11, §6.3) on its own host: subscriptions (integer ids) and billing
//! whose amounts are strings with a `$`.

use serde::{Deserialize, Serialize};

use crate::money::Money;

/// A MySQL subscription. `id` is an integer in the API, kept here as its decimal string. Only
/// what the inventory and the re-reads use is decoded (not its servers, host, port, certificate
/// or backup settings).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RdbsSubscription {
    #[serde(deserialize_with = "crate::de::record_id")]
    pub id: String,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default, deserialize_with = "crate::de::opt_id_string")]
    pub external_id: Option<String>,
    /// e.g. `Active`, `Configuring`, `Deleted`, `Terminated` (case varies).
    #[serde(default)]
    pub status: Option<String>,
    /// Its stored backups; the inventory counts them.
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

/// One stored backup of a subscription (only its id is decoded).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RdbsBackup {
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub id: String,
}

/// `GET /v1/{alias}/billing`: `{"monthlyEstimate": "$446.83", "monthToDate": "$85.52", ...}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RdbsBilling {
    #[serde(default)]
    pub monthly_estimate: Option<Money>,
    #[serde(default)]
    pub month_to_date: Option<Money>,
    #[serde(default)]
    pub current_hour: Option<Money>,
}
