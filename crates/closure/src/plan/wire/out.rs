//! What the plan's tagged enums write: each a borrowed flat struct, the tag and then its
//! variant's fields, absent ones left out (the reading is in `plan::wire`).

use serde::Serialize;

use crate::plan::{DeleteCall, ExclusionReason};

/// What [`DeleteCall`] writes: its tag, then its variant's fields in their declared order
/// (every variant's fields come in this order).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(in crate::plan) struct DeleteCallOut<'a> {
    call: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    account_policy_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    server_policy_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_center: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    load_balancer_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pool_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vpn_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subscription_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    server_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ip: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snapshot_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    policy_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    network_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    href: Option<&'a str>,
}

impl<'a> DeleteCallOut<'a> {
    pub(in crate::plan) fn of(call: &'a DeleteCall) -> DeleteCallOut<'a> {
        let mut out = DeleteCallOut {
            call: "",
            account_policy_id: None,
            server_policy_id: None,
            data_center: None,
            load_balancer_id: None,
            pool_id: None,
            vpn_id: None,
            subscription_id: None,
            server_id: None,
            group_id: None,
            ip: None,
            snapshot_id: None,
            policy_id: None,
            network_id: None,
            event: None,
            href: None,
        };
        out.call = match call {
            DeleteCall::BackupServerPolicy {
                account_policy_id,
                server_policy_id,
            } => {
                out.account_policy_id = Some(account_policy_id);
                out.server_policy_id = Some(server_policy_id);
                "backupServerPolicy"
            }
            DeleteCall::SharedLoadBalancer {
                data_center,
                load_balancer_id,
            } => {
                out.data_center = Some(data_center);
                out.load_balancer_id = Some(load_balancer_id);
                "sharedLoadBalancer"
            }
            DeleteCall::LoadBalancerPool {
                data_center,
                load_balancer_id,
                pool_id,
            } => {
                out.data_center = Some(data_center);
                out.load_balancer_id = Some(load_balancer_id);
                out.pool_id = Some(pool_id);
                "loadBalancerPool"
            }
            DeleteCall::SiteToSiteVpn { vpn_id } => {
                out.vpn_id = Some(vpn_id);
                "siteToSiteVpn"
            }
            DeleteCall::RdbsSubscription { subscription_id } => {
                out.subscription_id = Some(subscription_id);
                "rdbsSubscription"
            }
            DeleteCall::Server { server_id } => {
                out.server_id = Some(server_id);
                "server"
            }
            DeleteCall::Group { group_id } => {
                out.group_id = Some(group_id);
                "group"
            }
            DeleteCall::PublicIp { server_id, ip } => {
                out.server_id = Some(server_id);
                out.ip = Some(ip);
                "publicIp"
            }
            DeleteCall::Snapshot {
                server_id,
                snapshot_id,
            } => {
                out.server_id = Some(server_id);
                out.snapshot_id = Some(snapshot_id);
                "snapshot"
            }
            DeleteCall::FirewallPolicy {
                data_center,
                policy_id,
            } => {
                out.data_center = Some(data_center);
                out.policy_id = Some(policy_id);
                "firewallPolicy"
            }
            DeleteCall::CrossDcFirewallPolicy {
                data_center,
                policy_id,
            } => {
                out.data_center = Some(data_center);
                out.policy_id = Some(policy_id);
                "crossDcFirewallPolicy"
            }
            DeleteCall::ReleaseNetwork {
                data_center,
                network_id,
            } => {
                out.data_center = Some(data_center);
                out.network_id = Some(network_id);
                "releaseNetwork"
            }
            DeleteCall::AlertPolicy { policy_id } => {
                out.policy_id = Some(policy_id);
                "alertPolicy"
            }
            DeleteCall::AntiAffinityPolicy { policy_id } => {
                out.policy_id = Some(policy_id);
                "antiAffinityPolicy"
            }
            DeleteCall::AutoscaleMapping { server_id } => {
                out.server_id = Some(server_id);
                "autoscaleMapping"
            }
            DeleteCall::Webhook { event } => {
                out.event = Some(event);
                "webhook"
            }
            DeleteCall::Href { href } => {
                out.href = Some(href);
                "href"
            }
        };
        out
    }
}

/// What [`ExclusionReason`] writes: its tag, then its variant's one field (if any).
#[derive(Serialize)]
pub(in crate::plan) struct ExclusionReasonOut<'a> {
    reason: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    what: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<&'a str>,
}

impl<'a> ExclusionReasonOut<'a> {
    pub(in crate::plan) fn of(reason: &'a ExclusionReason) -> ExclusionReasonOut<'a> {
        let mut out = ExclusionReasonOut {
            reason: "",
            detail: None,
            what: None,
            by: None,
        };
        out.reason = match reason {
            ExclusionReason::FreePrimaryNetwork { detail } => {
                out.detail = Some(detail);
                "freePrimaryNetwork"
            }
            ExclusionReason::SystemGroup => "systemGroup",
            ExclusionReason::NotPermitted => "notPermitted",
            ExclusionReason::FreeNotChosen => "freeNotChosen",
            ExclusionReason::NotSelected => "notSelected",
            ExclusionReason::DataNotMarked { what } => {
                out.what = Some(what);
                "dataNotMarked"
            }
            ExclusionReason::StillUsed { by } => {
                out.by = Some(by);
                "stillUsed"
            }
            ExclusionReason::NoDeleteCall { detail } => {
                out.detail = Some(detail);
                "noDeleteCall"
            }
        };
        out
    }
}
