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
    // A 404 on a list shows no policy gone (the list was not found, not a policy; account
    // policies are never deleted, only deactivated): it is refused like any other answer that
    // shows nothing.
    let policies = client
        .backup_account_policies()
        .await
        .map_err(|e| list_not_found(e, "the list of account policies"))?;
    for policy in policies {
        let servers = client
            .backup_server_policies(&policy.policy_id)
            .await
            .map_err(|e| list_not_found(e, "the server-policy list of an account policy"))?;
        for server in servers {
            owners.insert(
                server.server_policy_id.to_ascii_lowercase(),
                policy.policy_id.clone(),
            );
        }
    }
    Ok(owners)
}

/// A 404 on `list` as a refusal (see [`backup_owners`]); any other error as it is.
pub(crate) fn list_not_found(error: Error, list: &str) -> Error {
    match error {
        Error::NotFound => Error::Rejected {
            message: format!("{list} was not found (404)"),
        },
        other => other,
    }
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
