//! The one delete table: each [`DeleteCall`] as the `clc::Request` that carries it out, built
//! by the `clc::api` builder for its endpoint. The executor sends it once through
//! `Client::execute` (never retried); nothing else in the workspace lists the delete calls.

use clc::{api, Endpoints, Method, Request};

use super::DeleteCall;

impl DeleteCall {
    /// The request that carries this call out for `account` (an alias).
    pub fn request(&self, endpoints: &Endpoints, account: &str) -> Request {
        let (e, a) = (endpoints, account);
        match self {
            DeleteCall::BackupServerPolicy {
                account_policy_id,
                server_policy_id,
            } => api::delete_backup_server_policy(e, account_policy_id, server_policy_id),
            DeleteCall::SharedLoadBalancer {
                data_center,
                load_balancer_id,
            } => api::delete_shared_load_balancer(e, a, data_center, load_balancer_id),
            DeleteCall::LoadBalancerPool {
                data_center,
                load_balancer_id,
                pool_id,
            } => {
                api::delete_shared_load_balancer_pool(e, a, data_center, load_balancer_id, pool_id)
            }
            DeleteCall::SiteToSiteVpn { vpn_id } => api::delete_vpn(e, a, vpn_id),
            DeleteCall::RdbsSubscription { subscription_id } => {
                api::delete_rdbs_subscription(e, a, subscription_id)
            }
            DeleteCall::Server { server_id } => api::delete_server(e, a, server_id),
            DeleteCall::Group { group_id } => api::delete_group(e, a, group_id),
            DeleteCall::PublicIp { server_id, ip } => api::delete_public_ip(e, a, server_id, ip),
            DeleteCall::Snapshot {
                server_id,
                snapshot_id,
            } => api::delete_snapshot(e, a, server_id, snapshot_id),
            DeleteCall::FirewallPolicy {
                data_center,
                policy_id,
            } => api::delete_firewall_policy(e, a, data_center, policy_id),
            DeleteCall::CrossDcFirewallPolicy {
                data_center,
                policy_id,
            } => api::delete_cross_dc_firewall_policy(e, a, data_center, policy_id),
            DeleteCall::ReleaseNetwork {
                data_center,
                network_id,
            } => api::release_network(e, a, data_center, network_id),
            DeleteCall::AlertPolicy { policy_id } => api::delete_alert_policy(e, a, policy_id),
            DeleteCall::AntiAffinityPolicy { policy_id } => {
                api::delete_anti_affinity_policy(e, a, policy_id)
            }
            DeleteCall::AutoscaleMapping { server_id } => {
                api::remove_cpu_autoscale_policy(e, a, server_id)
            }
            DeleteCall::Webhook { event } => api::delete_webhook(e, a, event),
            DeleteCall::Href { href } => api::href_request(e, Method::Delete, href),
        }
    }
}
