//! The delete call and phase of each kind of resource that gets its own step.

use super::is_server;
use crate::inventory::{Resource, ResourceKind};
use crate::plan::step::{DeleteCall, DeletionPhase};

/// The phase and the delete call of a resource that has its own step.
pub(super) fn call_for(r: &Resource) -> (DeletionPhase, DeleteCall) {
    use DeletionPhase as P;
    let id = r.id.id.clone();
    let dc = r.data_center.clone().unwrap_or_default();
    let parent_of = |kind: ResourceKind| {
        r.depends_on
            .iter()
            .find(|d| d.kind == kind || (kind == ResourceKind::Server && is_server(d.kind)))
            .map(|d| d.id.clone())
            .unwrap_or_default()
    };
    match r.id.kind {
        ResourceKind::Group => (P::Servers, DeleteCall::Group { group_id: id }),
        ResourceKind::Server | ResourceKind::ArchivedServer | ResourceKind::Template => {
            (P::Servers, DeleteCall::Server { server_id: id })
        }
        ResourceKind::PublicIp => (
            P::Servers,
            DeleteCall::PublicIp {
                server_id: parent_of(ResourceKind::Server),
                ip: id,
            },
        ),
        ResourceKind::Snapshot => {
            let (server_id, snapshot_id) = id.split_once('/').unwrap_or(("", &id));
            let call = DeleteCall::Snapshot {
                server_id: server_id.to_string(),
                snapshot_id: snapshot_id.to_string(),
            };
            (P::Servers, call)
        }
        ResourceKind::SharedLoadBalancer => (
            P::LoadBalancers,
            DeleteCall::SharedLoadBalancer {
                data_center: dc,
                load_balancer_id: id,
            },
        ),
        ResourceKind::LoadBalancerPool => (
            P::LoadBalancers,
            DeleteCall::LoadBalancerPool {
                data_center: dc,
                load_balancer_id: parent_of(ResourceKind::SharedLoadBalancer),
                pool_id: id,
            },
        ),
        ResourceKind::Network => (
            P::Networks,
            DeleteCall::ReleaseNetwork {
                data_center: dc,
                network_id: id,
            },
        ),
        ResourceKind::FirewallPolicy => (
            P::FirewallPolicies,
            DeleteCall::FirewallPolicy {
                data_center: dc,
                policy_id: id,
            },
        ),
        ResourceKind::CrossDcFirewallPolicy => (
            P::FirewallPolicies,
            DeleteCall::CrossDcFirewallPolicy {
                data_center: dc,
                policy_id: id,
            },
        ),
        ResourceKind::SiteToSiteVpn => {
            (P::SiteToSiteVpns, DeleteCall::SiteToSiteVpn { vpn_id: id })
        }
        ResourceKind::RdbsSubscription => (
            P::Databases,
            DeleteCall::RdbsSubscription {
                subscription_id: id,
            },
        ),
        ResourceKind::BackupServerPolicy => (
            P::BackupPolicies,
            DeleteCall::BackupServerPolicy {
                account_policy_id: String::new(),
                server_policy_id: id,
            },
        ),
        ResourceKind::AlertPolicy => (P::TidyUp, DeleteCall::AlertPolicy { policy_id: id }),
        ResourceKind::AntiAffinityPolicy => {
            (P::TidyUp, DeleteCall::AntiAffinityPolicy { policy_id: id })
        }
        ResourceKind::AutoscalePolicy => {
            (P::TidyUp, DeleteCall::AutoscaleMapping { server_id: id })
        }
        ResourceKind::Webhook => (
            P::TidyUp,
            DeleteCall::Webhook {
                event: r.name.clone(),
            },
        ),
    }
}
