//! A policy reference, as a server's details carry it.

use serde::{Deserialize, Serialize};

/// A policy attached to a server (`details.cpuAutoscalePolicy`, the one the app reads: whether a
/// server has one): only its id and name are modelled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyRef {
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
}
