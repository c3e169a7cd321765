//! Webhooks (§7.14): free; `GET /v2/webhooks/{alias}` → `{items, links}`.

use serde::{Deserialize, Serialize};

use super::link::Link;

/// One event's webhook, e.g. `name: "Server.Deleted"`; `configuration` absent when unset.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Webhook {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub configuration: Option<WebhookConfiguration>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}

impl Webhook {
    /// True when at least one target URI is configured (only then is there anything to delete).
    pub fn is_configured(&self) -> bool {
        self.configuration
            .as_ref()
            .is_some_and(|c| !c.target_uris.is_empty())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookConfiguration {
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub target_uris: Vec<WebhookTarget>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookTarget {
    #[serde(default)]
    pub target_uri: Option<String>,
}
