//! Per-data-center networking builders: shared load balancers, networks (v2-experimental) and
//! intra- and cross-DC firewall policies.

use super::{alias, dc, query, request, request_with_json, segment};
use crate::endpoints::Endpoints;
use crate::http::{Method, Request};
use crate::models::network::IpAddressFilter;

fn lb_path(account: &str, data_center: &str) -> String {
    format!(
        "/v2/sharedLoadBalancers/{}/{}",
        alias(account),
        dc(data_center)
    )
}

/// `GET /v2/sharedLoadBalancers/{alias}/{dc}`.
pub fn shared_load_balancers(endpoints: &Endpoints, account: &str, data_center: &str) -> Request {
    request(
        Method::Get,
        endpoints.core_url(&lb_path(account, data_center)),
    )
}

/// `GET /v2/sharedLoadBalancers/{alias}/{dc}/{lbId}/pools`.
pub fn shared_load_balancer_pools(
    endpoints: &Endpoints,
    account: &str,
    data_center: &str,
    load_balancer_id: &str,
) -> Request {
    let path = format!(
        "{}/{}/pools",
        lb_path(account, data_center),
        segment(load_balancer_id)
    );
    request(Method::Get, endpoints.core_url(&path))
}

/// `DELETE /v2/sharedLoadBalancers/{alias}/{dc}/{lbId}` (synchronous, 204).
pub fn delete_shared_load_balancer(
    endpoints: &Endpoints,
    account: &str,
    data_center: &str,
    load_balancer_id: &str,
) -> Request {
    let path = format!(
        "{}/{}",
        lb_path(account, data_center),
        segment(load_balancer_id)
    );
    request(Method::Delete, endpoints.core_url(&path))
}

/// `DELETE /v2/sharedLoadBalancers/{alias}/{dc}/{lbId}/pools/{poolId}` (204).
pub fn delete_shared_load_balancer_pool(
    endpoints: &Endpoints,
    account: &str,
    data_center: &str,
    load_balancer_id: &str,
    pool_id: &str,
) -> Request {
    let path = format!(
        "{}/{}/pools/{}",
        lb_path(account, data_center),
        segment(load_balancer_id),
        segment(pool_id)
    );
    request(Method::Delete, endpoints.core_url(&path))
}

fn network_path(account: &str, data_center: &str) -> String {
    format!(
        "/v2-experimental/networks/{}/{}",
        alias(account),
        dc(data_center)
    )
}

/// `GET /v2-experimental/networks/{alias}/{dc}`.
pub fn networks(endpoints: &Endpoints, account: &str, data_center: &str) -> Request {
    request(
        Method::Get,
        endpoints.core_url(&network_path(account, data_center)),
    )
}

/// `GET /v2-experimental/networks/{alias}/{dc}/{networkId}?ipAddresses={filter}`.
pub fn network(
    endpoints: &Endpoints,
    account: &str,
    data_center: &str,
    network_id: &str,
    addresses: IpAddressFilter,
) -> Request {
    let path = format!(
        "{}/{}{}",
        network_path(account, data_center),
        segment(network_id),
        query(&[("ipAddresses", addresses.as_str())])
    );
    request(Method::Get, endpoints.core_url(&path))
}

/// `GET /v2-experimental/networks/{alias}/{dc}/{networkId}/ipAddresses?type={filter}`.
pub fn network_ip_addresses(
    endpoints: &Endpoints,
    account: &str,
    data_center: &str,
    network_id: &str,
    filter: IpAddressFilter,
) -> Request {
    let path = format!(
        "{}/{}/ipAddresses{}",
        network_path(account, data_center),
        segment(network_id),
        query(&[("type", filter.as_str())])
    );
    request(Method::Get, endpoints.core_url(&path))
}

/// `POST /v2-experimental/networks/{alias}/{dc}/{networkId}/release` with body `{}`.
pub fn release_network(
    endpoints: &Endpoints,
    account: &str,
    data_center: &str,
    network_id: &str,
) -> Request {
    let path = format!(
        "{}/{}/release",
        network_path(account, data_center),
        segment(network_id)
    );
    request_with_json(
        Method::Post,
        endpoints.core_url(&path),
        &serde_json::json!({}),
    )
}

/// The path segment of a firewall policy within one data center.
const INTRA_DC: &str = "firewallPolicies";
/// The path segment of a firewall policy between data centers.
const CROSS_DC: &str = "crossDcFirewallPolicies";

fn firewall_path(kind: &str, account: &str, data_center: &str) -> String {
    format!(
        "/v2-experimental/{kind}/{}/{}",
        alias(account),
        dc(data_center)
    )
}

/// `GET /v2-experimental/firewallPolicies/{alias}/{dc}`.
pub fn firewall_policies(endpoints: &Endpoints, account: &str, data_center: &str) -> Request {
    let path = firewall_path(INTRA_DC, account, data_center);
    request(Method::Get, endpoints.core_url(&path))
}

/// `DELETE /v2-experimental/{kind}/{alias}/{dc}/{policyId}`.
fn delete_firewall(
    kind: &str,
    endpoints: &Endpoints,
    account: &str,
    data_center: &str,
    policy_id: &str,
) -> Request {
    let path = format!(
        "{}/{}",
        firewall_path(kind, account, data_center),
        segment(policy_id)
    );
    request(Method::Delete, endpoints.core_url(&path))
}

/// `DELETE /v2-experimental/firewallPolicies/{alias}/{dc}/{policyId}` (204).
pub fn delete_firewall_policy(
    endpoints: &Endpoints,
    account: &str,
    data_center: &str,
    policy_id: &str,
) -> Request {
    delete_firewall(INTRA_DC, endpoints, account, data_center, policy_id)
}

/// `GET /v2-experimental/crossDcFirewallPolicies/{alias}/{dc}`.
pub fn cross_dc_firewall_policies(
    endpoints: &Endpoints,
    account: &str,
    data_center: &str,
) -> Request {
    let path = firewall_path(CROSS_DC, account, data_center);
    request(Method::Get, endpoints.core_url(&path))
}

/// `DELETE /v2-experimental/crossDcFirewallPolicies/{alias}/{dc}/{policyId}`.
pub fn delete_cross_dc_firewall_policy(
    endpoints: &Endpoints,
    account: &str,
    data_center: &str,
    policy_id: &str,
) -> Request {
    delete_firewall(CROSS_DC, endpoints, account, data_center, policy_id)
}
