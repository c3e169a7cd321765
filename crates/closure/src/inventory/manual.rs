//! What the bearer-token API cannot see (§7.16, §7.17): object storage, DNS zones, the SMTP
//! relay and the client VPN. Each is a checklist item that says what to do by hand.

use serde::{Deserialize, Serialize};

/// One thing to check by hand. Invariant: `what_to_do` is a complete instruction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManualItem {
    /// Stable key for the UI's ticks (`object-storage`, `dns`, ...).
    pub key: String,
    pub title: String,
    /// Why the app cannot check it.
    pub why_manual: String,
    pub what_to_do: String,
    /// Whether it can keep billing if forgotten.
    pub billable: bool,
}

fn item(key: &str, title: &str, why_manual: &str, what_to_do: &str, billable: bool) -> ManualItem {
    ManualItem {
        key: key.into(),
        title: title.into(),
        why_manual: why_manual.into(),
        what_to_do: what_to_do.into(),
        billable,
    }
}

/// The manual items every account has, in the order to do them.
pub fn items() -> Vec<ManualItem> {
    vec![
        item(
            "object-storage",
            "Object Storage buckets",
            "Object Storage uses its own S3 access keys, not the sign-in token, so this app cannot list buckets.",
            "Sign in to the Control Portal, open Object Storage, copy off any data you need, then delete \
             every object and bucket in each region. Disabling a storage user does not stop billing.",
            true,
        ),
        item(
            "dns",
            "DNS zones",
            "Managed DNS ($5 per zone per month) has no API.",
            "In the Control Portal, open DNS and delete each zone you host there (move it to another DNS \
             provider first if the domain is still in use).",
            true,
        ),
        item(
            "smtp-relay",
            "SMTP relay aliases",
            "The SMTP relay is managed only through the legacy v1 API, which needs a different sign-in.",
            "In the Control Portal, open SMTP Relay and remove every alias.",
            true,
        ),
        item(
            "client-vpn",
            "Client VPN (OpenVPN)",
            "The client VPN has no API.",
            "Nothing to do: the client VPN is free and cannot be removed; it goes away with the account.",
            false,
        ),
    ]
}
