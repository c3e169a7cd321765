//! One [`DeleteCall`] → its request (`DeleteCall::request`, the one delete table) sent once,
//! and its [`Accepted`] answer → how the journal follows it ([`Tracking`]).

use std::collections::BTreeMap;

use clc::models::Accepted;
use clc::{Client, Clock, Error, Transport};

use crate::journal::Tracking;
use crate::plan::DeleteCall;

/// Sends the delete once (the client never retries destructive calls).
pub(crate) async fn send<T: Transport, K: Clock>(
    client: &Client<T, K>,
    account: &str,
    call: &DeleteCall,
) -> Result<Accepted, Error> {
    client
        .execute(call.request(client.endpoints(), account))
        .await
}

/// Which account policy holds each Simple Backup server policy (lowercase server policy id →
/// account policy id): Simple Backup paths need both, and the inventory keeps only the first.
pub(crate) async fn backup_owners<T: Transport, K: Clock>(
    client: &Client<T, K>,
) -> Result<BTreeMap<String, String>, Error> {
    let mut owners = BTreeMap::new();
    // A 404 on the list itself shows no policy gone (the list was not found, not a policy):
    // it is refused like any other answer that shows nothing.
    let policies = match client.backup_account_policies().await {
        Err(Error::NotFound) => {
            return Err(Error::Rejected {
                message: "the list of account policies was not found (404)".into(),
            })
        }
        other => other?,
    };
    for policy in policies {
        let servers = match client.backup_server_policies(&policy.policy_id).await {
            Err(Error::NotFound) => continue,
            other => other?,
        };
        for server in servers {
            owners.insert(
                server.server_policy_id.to_ascii_lowercase(),
                policy.policy_id.clone(),
            );
        }
    }
    Ok(owners)
}

/// How to follow an accepted delete. A VPN job is confirmed by re-listing, a synchronous answer
/// by one re-read.
pub(crate) fn tracking_of(accepted: Accepted) -> Tracking {
    match accepted {
        Accepted::Queued { status_id, .. } => Tracking::Queue { status_id },
        Accepted::Experimental { operation } => Tracking::Experimental { operation },
        Accepted::Job { id } => Tracking::VpnJob { job_id: id },
        Accepted::Completed => Tracking::Synchronous,
    }
}
