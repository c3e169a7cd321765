//! One [`DeleteCall`] → the matching `clc::Client` delete method, and its [`Accepted`] answer →
//! how the journal follows it ([`Tracking`]).

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
    let a = account;
    match call {
        DeleteCall::BackupServerPolicy {
            account_policy_id,
            server_policy_id,
        } => {
            client
                .delete_backup_server_policy(account_policy_id, server_policy_id)
                .await
        }
        DeleteCall::SharedLoadBalancer {
            data_center,
            load_balancer_id,
        } => {
            client
                .delete_shared_load_balancer(a, data_center, load_balancer_id)
                .await
        }
        DeleteCall::LoadBalancerPool {
            data_center,
            load_balancer_id,
            pool_id,
        } => {
            client
                .delete_shared_load_balancer_pool(a, data_center, load_balancer_id, pool_id)
                .await
        }
        DeleteCall::SiteToSiteVpn { vpn_id } => client.delete_vpn(a, vpn_id).await,
        DeleteCall::RdbsSubscription { subscription_id } => {
            client.delete_rdbs_subscription(a, subscription_id).await
        }
        DeleteCall::Server { server_id } => client.delete_server(a, server_id).await,
        DeleteCall::Group { group_id } => client.delete_group(a, group_id).await,
        DeleteCall::PublicIp { server_id, ip } => client.delete_public_ip(a, server_id, ip).await,
        DeleteCall::Snapshot {
            server_id,
            snapshot_id,
        } => client.delete_snapshot(a, server_id, snapshot_id).await,
        DeleteCall::FirewallPolicy {
            data_center,
            policy_id,
        } => {
            client
                .delete_firewall_policy(a, data_center, policy_id)
                .await
        }
        DeleteCall::CrossDcFirewallPolicy {
            data_center,
            policy_id,
        } => {
            client
                .delete_cross_dc_firewall_policy(a, data_center, policy_id)
                .await
        }
        DeleteCall::ReleaseNetwork {
            data_center,
            network_id,
        } => client.release_network(a, data_center, network_id).await,
        DeleteCall::AlertPolicy { policy_id } => client.delete_alert_policy(a, policy_id).await,
        DeleteCall::AntiAffinityPolicy { policy_id } => {
            client.delete_anti_affinity_policy(a, policy_id).await
        }
        DeleteCall::AutoscaleMapping { server_id } => {
            client.remove_cpu_autoscale_policy(a, server_id).await
        }
        DeleteCall::Webhook { event } => client.delete_webhook(a, event).await,
        DeleteCall::Href { href } => client.delete_href(href).await,
    }
}

/// Which account policy holds each Simple Backup server policy (lowercase server policy id →
/// account policy id): Simple Backup paths need both, and the inventory keeps only the first.
pub(crate) async fn backup_owners<T: Transport, K: Clock>(
    client: &Client<T, K>,
) -> Result<BTreeMap<String, String>, Error> {
    let mut owners = BTreeMap::new();
    for policy in client.backup_account_policies().await? {
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
