//! Asynchronous work (§5): classic queue jobs (`/v2/operations/{alias}/status/{id}`), experimental
//! operations (`{operationId, uri}`), the bodies destructive calls answer with, and [`Accepted`],
//! the one summary of "what is there left to track" that every delete returns.

use serde::{Deserialize, Serialize};

use super::link::{Link, Links};
use crate::endpoints::normalize_href;

string_enum! {
    /// A classic queue job's status. Terminal: `Succeeded`, `Failed`; treat `Unknown` as a
    /// failure; `Resumed` means restarted (keep polling).
    QueueStatus {
        NotStarted = "notStarted",
        Executing = "executing",
        Succeeded = "succeeded",
        Failed = "failed",
        Resumed = "resumed",
        Unknown = "unknown",
    }
}

impl QueueStatus {
    /// True when polling can stop: succeeded, failed or unknown.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            QueueStatus::Succeeded | QueueStatus::Failed | QueueStatus::Unknown
        )
    }
}

/// `GET /v2/operations/{alias}/status/{id}` → `{"status": "..."}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueStatusResponse {
    pub status: QueueStatus,
}

string_enum! {
    /// An experimental operation's status (`queued` is only known from the python SDK).
    OperationStatus {
        Queued = "queued",
        Running = "running",
        Succeeded = "succeeded",
        Failed = "failed",
    }
}

impl OperationStatus {
    pub fn is_terminal(&self) -> bool {
        matches!(self, OperationStatus::Succeeded | OperationStatus::Failed)
    }
}

/// Returned by network claim and secondary-NIC add/remove. `uri` may be absolute `http://`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExperimentalOperation {
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub operation_id: String,
    #[serde(default)]
    pub uri: String,
}

impl ExperimentalOperation {
    /// The status path: the `uri`'s path, or built from the id when `uri` is missing.
    pub fn status_path(&self, alias: &str) -> String {
        if self.uri.trim().is_empty() {
            format!(
                "/v2-experimental/operations/{}/status/{}",
                alias, self.operation_id
            )
        } else {
            normalize_href(&self.uri)
        }
    }
}

/// `GET /v2-experimental/operations/{alias}/status/{id}`: `{status}` alone, or a blueprint
/// operation that also carries `requestType`, `summary` and `source` (not read: only the status
/// is followed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExperimentalStatus {
    pub status: OperationStatus,
}

/// One entry of a server delete or batch operation answer:
/// `{server, isQueued, errorMessage?, links:[{rel:"status",...}]}` (`server` is not read).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerOperationResult {
    #[serde(default)]
    pub is_queued: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
}

impl ServerOperationResult {
    pub fn status_link(&self) -> Option<&Link> {
        self.links.rel("status")
    }
}

/// What a successful destructive call left to track. Every delete/release of the client
/// returns this; refusals (`isQueued:false`) are `Error::Rejected` instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Accepted {
    /// A classic queue job: poll `Client::queue_status(alias, status_id)` (several resources may
    /// share one id). `href` is the status link's path.
    Queued { status_id: String, href: String },
    /// An experimental operation: poll `Client::experimental_operation_status`.
    Experimental { operation: ExperimentalOperation },
    /// A site-to-site VPN job id; no status endpoint is known, re-list until the VPN is gone.
    Job { id: String },
    /// Done synchronously (2xx without a job): confirm by re-listing.
    Completed,
}

impl Accepted {
    /// From a status link (`{rel:"status", href, id}`); the id falls back to the href's tail.
    pub fn from_status_link(link: &Link) -> Option<Accepted> {
        Some(Accepted::Queued {
            status_id: link.target_id()?,
            href: link.path(),
        })
    }
}
