//! Re-reading one resource by a GET (servers, groups, public IPs, snapshots, pools, autoscale
//! mappings, hrefs): kinds that have no list worth reading once per round.

use clc::models::ServerStatus;
use clc::{Client, Clock, Error, Transport};

use super::census::Presence;
use crate::plan::DeleteCall;

/// Where this call's resource stands; `Err(NotFound)` means gone.
pub(crate) async fn read_one<T: Transport, K: Clock>(
    client: &Client<T, K>,
    a: &str,
    call: &DeleteCall,
) -> Result<Presence, Error> {
    let queued = |status: &ServerStatus| match status {
        ServerStatus::QueuedForDelete => Presence::Pending,
        ServerStatus::UnderConstruction => Presence::Building,
        _ => Presence::Present,
    };
    Ok(match call {
        DeleteCall::Server { server_id } => queued(&client.server(a, server_id).await?.status),
        DeleteCall::Group { group_id } => {
            let group = client.group(a, group_id, true).await?;
            let servers = group.all_servers();
            // A server record that did not decode is not known to be queued: still there.
            if !servers.is_empty()
                && group.all_unreadable_servers().is_empty()
                && servers
                    .iter()
                    .all(|s| s.status == ServerStatus::QueuedForDelete)
            {
                Presence::Pending
            } else {
                Presence::Present
            }
        }
        DeleteCall::PublicIp { server_id, ip } => {
            client.public_ip(a, server_id, ip).await?;
            Presence::Present
        }
        DeleteCall::Snapshot {
            server_id,
            snapshot_id,
        } => {
            let server = client.server(a, server_id).await?;
            let has = server
                .details
                .iter()
                .flat_map(|d| &d.snapshots)
                .any(|s| s.id().as_deref() == Some(snapshot_id.as_str()));
            if has {
                Presence::Present
            } else {
                Presence::Gone
            }
        }
        DeleteCall::LoadBalancerPool {
            data_center,
            load_balancer_id,
            pool_id,
        } => {
            let pools = client
                .shared_load_balancer_pools(a, data_center, load_balancer_id)
                .await?;
            if pools.iter().any(|p| p.id.eq_ignore_ascii_case(pool_id)) {
                Presence::Present
            } else {
                Presence::Gone
            }
        }
        DeleteCall::AutoscaleMapping { server_id } => {
            let server = client.server(a, server_id).await?;
            if server
                .details
                .as_ref()
                .is_some_and(|d| d.cpu_autoscale_policy.is_some())
            {
                Presence::Present
            } else {
                Presence::Gone
            }
        }
        DeleteCall::Href { href } => {
            let _: serde_json::Value = client.get_href(href).await?;
            Presence::Present
        }
        _ => Presence::Unknown(Error::Cancelled),
    })
}
