//! Account-wide builders: the account's details, site-to-site VPNs, alert, anti-affinity and
//! autoscale policies, and webhooks.

use super::{alias, query, request, segment};
use crate::endpoints::Endpoints;
use crate::http::{Method, Request};

/// `GET /v2/accounts/{alias}`: the account's details, among them its parent's alias
/// (`clc-api.md` §2.6).
pub fn account_details(endpoints: &Endpoints, account: &str) -> Request {
    let path = format!("/v2/accounts/{}", alias(account));
    request(Method::Get, endpoints.core_url(&path))
}

/// `GET /v2/siteToSiteVpn?account={alias}`.
pub fn site_to_site_vpns(endpoints: &Endpoints, account: &str) -> Request {
    let path = format!(
        "/v2/siteToSiteVpn{}",
        query(&[("account", &account.trim().to_ascii_uppercase())])
    );
    request(Method::Get, endpoints.core_url(&path))
}

/// `DELETE /v2/siteToSiteVpn/{vpnId}?account={alias}`; answers with a JSON string job id.
pub fn delete_vpn(endpoints: &Endpoints, account: &str, vpn_id: &str) -> Request {
    let path = format!(
        "/v2/siteToSiteVpn/{}{}",
        segment(vpn_id),
        query(&[("account", &account.trim().to_ascii_uppercase())])
    );
    request(Method::Delete, endpoints.core_url(&path))
}

/// `GET /v2/alertPolicies/{alias}`.
pub fn alert_policies(endpoints: &Endpoints, account: &str) -> Request {
    let path = format!("/v2/alertPolicies/{}", alias(account));
    request(Method::Get, endpoints.core_url(&path))
}

/// `DELETE /v2/alertPolicies/{alias}/{policyId}`.
pub fn delete_alert_policy(endpoints: &Endpoints, account: &str, policy_id: &str) -> Request {
    let path = format!(
        "/v2/alertPolicies/{}/{}",
        alias(account),
        segment(policy_id)
    );
    request(Method::Delete, endpoints.core_url(&path))
}

/// `GET /v2/antiAffinityPolicies/{alias}` (the endpoint is reportedly gone: expect 404).
pub fn anti_affinity_policies(endpoints: &Endpoints, account: &str) -> Request {
    let path = format!("/v2/antiAffinityPolicies/{}", alias(account));
    request(Method::Get, endpoints.core_url(&path))
}

/// `DELETE /v2/antiAffinityPolicies/{alias}/{policyId}`.
pub fn delete_anti_affinity_policy(
    endpoints: &Endpoints,
    account: &str,
    policy_id: &str,
) -> Request {
    let path = format!(
        "/v2/antiAffinityPolicies/{}/{}",
        alias(account),
        segment(policy_id)
    );
    request(Method::Delete, endpoints.core_url(&path))
}

/// `GET /v2/autoscalePolicies/{alias}` (a bare array).
pub fn autoscale_policies(endpoints: &Endpoints, account: &str) -> Request {
    let path = format!("/v2/autoscalePolicies/{}", alias(account));
    request(Method::Get, endpoints.core_url(&path))
}

/// `DELETE /v2/groups/{alias}/{groupId}/horizontalAutoscalePolicy/` (advertised, not documented).
pub fn delete_horizontal_autoscale_policy(
    endpoints: &Endpoints,
    account: &str,
    group_id: &str,
) -> Request {
    let path = format!(
        "/v2/groups/{}/{}/horizontalAutoscalePolicy/",
        alias(account),
        segment(group_id)
    );
    request(Method::Delete, endpoints.core_url(&path))
}

/// `GET /v2/webhooks/{alias}`.
pub fn webhooks(endpoints: &Endpoints, account: &str) -> Request {
    let path = format!("/v2/webhooks/{}", alias(account));
    request(Method::Get, endpoints.core_url(&path))
}

/// `DELETE /v2/webhooks/{alias}/{event}/configuration`: removes every target of one event.
pub fn delete_webhook(endpoints: &Endpoints, account: &str, event: &str) -> Request {
    let path = format!(
        "/v2/webhooks/{}/{}/configuration",
        alias(account),
        segment(event)
    );
    request(Method::Delete, endpoints.core_url(&path))
}
