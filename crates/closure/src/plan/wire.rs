//! The plan's tagged enums read from and written to their stored JSON by flat structs (see
//! `crate::wire`): the reading here, the writing in `out`.

mod out;

use serde::de::{self, Deserializer};
use serde::Deserialize;

pub(super) use out::{DeleteCallOut, ExclusionReasonOut};

use super::{DeleteCall, ExclusionReason};
use crate::wire::{need, read_strings, unknown};

/// `{"call":"server","serverId":"…"}` and every other call: the tag and all fields, read by
/// `crate::wire::read_strings` (the names are [`CALL_FIELDS`]).
pub(super) struct DeleteCallWire {
    call: String,
    account_policy_id: Option<String>,
    server_policy_id: Option<String>,
    data_center: Option<String>,
    load_balancer_id: Option<String>,
    pool_id: Option<String>,
    vpn_id: Option<String>,
    subscription_id: Option<String>,
    server_id: Option<String>,
    group_id: Option<String>,
    ip: Option<String>,
    snapshot_id: Option<String>,
    policy_id: Option<String>,
    network_id: Option<String>,
    event: Option<String>,
    href: Option<String>,
}

/// [`DeleteCallWire`]'s fields as stored, in its order.
const CALL_FIELDS: &[&str] = &[
    "call",
    "accountPolicyId",
    "serverPolicyId",
    "dataCenter",
    "loadBalancerId",
    "poolId",
    "vpnId",
    "subscriptionId",
    "serverId",
    "groupId",
    "ip",
    "snapshotId",
    "policyId",
    "networkId",
    "event",
    "href",
];

impl<'de> Deserialize<'de> for DeleteCall {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<DeleteCall, D::Error> {
        let mut values = read_strings(deserializer, "DeleteCallWire", CALL_FIELDS)?.into_iter();
        let mut next = || values.next().flatten();
        let wire = DeleteCallWire {
            call: next().unwrap_or_default(),
            account_policy_id: next(),
            server_policy_id: next(),
            data_center: next(),
            load_balancer_id: next(),
            pool_id: next(),
            vpn_id: next(),
            subscription_id: next(),
            server_id: next(),
            group_id: next(),
            ip: next(),
            snapshot_id: next(),
            policy_id: next(),
            network_id: next(),
            event: next(),
            href: next(),
        };
        DeleteCall::try_from(wire).map_err(de::Error::custom)
    }
}

const CALLS: &[&str] = &[
    "backupServerPolicy",
    "sharedLoadBalancer",
    "loadBalancerPool",
    "siteToSiteVpn",
    "rdbsSubscription",
    "server",
    "group",
    "publicIp",
    "snapshot",
    "firewallPolicy",
    "crossDcFirewallPolicy",
    "releaseNetwork",
    "alertPolicy",
    "antiAffinityPolicy",
    "autoscaleMapping",
    "webhook",
    "href",
];

impl TryFrom<DeleteCallWire> for DeleteCall {
    type Error = String;

    fn try_from(w: DeleteCallWire) -> Result<DeleteCall, String> {
        let dc = || need(w.data_center.clone(), "dataCenter");
        let server = || need(w.server_id.clone(), "serverId");
        let policy = || need(w.policy_id.clone(), "policyId");
        Ok(match w.call.as_str() {
            "backupServerPolicy" => DeleteCall::BackupServerPolicy {
                account_policy_id: need(w.account_policy_id, "accountPolicyId")?,
                server_policy_id: need(w.server_policy_id, "serverPolicyId")?,
            },
            "sharedLoadBalancer" => DeleteCall::SharedLoadBalancer {
                data_center: dc()?,
                load_balancer_id: need(w.load_balancer_id, "loadBalancerId")?,
            },
            "loadBalancerPool" => DeleteCall::LoadBalancerPool {
                data_center: dc()?,
                load_balancer_id: need(w.load_balancer_id, "loadBalancerId")?,
                pool_id: need(w.pool_id, "poolId")?,
            },
            "siteToSiteVpn" => DeleteCall::SiteToSiteVpn {
                vpn_id: need(w.vpn_id, "vpnId")?,
            },
            "rdbsSubscription" => DeleteCall::RdbsSubscription {
                subscription_id: need(w.subscription_id, "subscriptionId")?,
            },
            "server" => DeleteCall::Server {
                server_id: server()?,
            },
            "group" => DeleteCall::Group {
                group_id: need(w.group_id, "groupId")?,
            },
            "publicIp" => DeleteCall::PublicIp {
                server_id: server()?,
                ip: need(w.ip, "ip")?,
            },
            "snapshot" => DeleteCall::Snapshot {
                server_id: server()?,
                snapshot_id: need(w.snapshot_id, "snapshotId")?,
            },
            "firewallPolicy" => DeleteCall::FirewallPolicy {
                data_center: dc()?,
                policy_id: policy()?,
            },
            "crossDcFirewallPolicy" => DeleteCall::CrossDcFirewallPolicy {
                data_center: dc()?,
                policy_id: policy()?,
            },
            "releaseNetwork" => DeleteCall::ReleaseNetwork {
                data_center: dc()?,
                network_id: need(w.network_id, "networkId")?,
            },
            "alertPolicy" => DeleteCall::AlertPolicy {
                policy_id: policy()?,
            },
            "antiAffinityPolicy" => DeleteCall::AntiAffinityPolicy {
                policy_id: policy()?,
            },
            "autoscaleMapping" => DeleteCall::AutoscaleMapping {
                server_id: server()?,
            },
            "webhook" => DeleteCall::Webhook {
                event: need(w.event, "event")?,
            },
            "href" => DeleteCall::Href {
                href: need(w.href, "href")?,
            },
            other => return Err(unknown(other, "call", CALLS)),
        })
    }
}

/// `{"reason":"stillUsed","by":"…"}` and the other reasons, read by
/// `crate::wire::read_strings` (the names are [`REASON_FIELDS`]).
pub(super) struct ExclusionReasonWire {
    reason: String,
    detail: Option<String>,
    what: Option<String>,
    by: Option<String>,
}

/// [`ExclusionReasonWire`]'s fields as stored, in its order.
const REASON_FIELDS: &[&str] = &["reason", "detail", "what", "by"];

impl<'de> Deserialize<'de> for ExclusionReason {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ExclusionReason, D::Error> {
        let mut values =
            read_strings(deserializer, "ExclusionReasonWire", REASON_FIELDS)?.into_iter();
        let mut next = || values.next().flatten();
        let wire = ExclusionReasonWire {
            reason: next().unwrap_or_default(),
            detail: next(),
            what: next(),
            by: next(),
        };
        ExclusionReason::try_from(wire).map_err(de::Error::custom)
    }
}

const REASONS: &[&str] = &[
    "freePrimaryNetwork",
    "systemGroup",
    "notPermitted",
    "freeNotChosen",
    "notSelected",
    "dataNotMarked",
    "stillUsed",
    "noDeleteCall",
];

impl TryFrom<ExclusionReasonWire> for ExclusionReason {
    type Error = String;

    fn try_from(w: ExclusionReasonWire) -> Result<ExclusionReason, String> {
        Ok(match w.reason.as_str() {
            "freePrimaryNetwork" => ExclusionReason::FreePrimaryNetwork {
                detail: need(w.detail, "detail")?,
            },
            "systemGroup" => ExclusionReason::SystemGroup,
            "notPermitted" => ExclusionReason::NotPermitted,
            "freeNotChosen" => ExclusionReason::FreeNotChosen,
            "notSelected" => ExclusionReason::NotSelected,
            "dataNotMarked" => ExclusionReason::DataNotMarked {
                what: need(w.what, "what")?,
            },
            "stillUsed" => ExclusionReason::StillUsed {
                by: need(w.by, "by")?,
            },
            "noDeleteCall" => ExclusionReason::NoDeleteCall {
                detail: need(w.detail, "detail")?,
            },
            other => return Err(unknown(other, "reason", REASONS)),
        })
    }
}
