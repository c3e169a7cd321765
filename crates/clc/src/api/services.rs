//! Builders for the services on their own hosts: Relational DB (`Endpoints::rdbs`) and Simple
//! Backup (`Endpoints::backup`, account implied by the token).

use super::{alias, query, request, segment};
use crate::endpoints::Endpoints;
use crate::http::{Method, Request};

/// `GET {rdbs}/v1/{alias}/subscriptions`.
pub fn rdbs_subscriptions(endpoints: &Endpoints, account: &str) -> Request {
    let path = format!("/v1/{}/subscriptions", alias(account));
    request(Method::Get, endpoints.rdbs_url(&path))
}

/// `DELETE {rdbs}/v1/{alias}/subscriptions/{id}`.
pub fn delete_rdbs_subscription(
    endpoints: &Endpoints,
    account: &str,
    subscription_id: &str,
) -> Request {
    let path = format!(
        "/v1/{}/subscriptions/{}",
        alias(account),
        segment(subscription_id)
    );
    request(Method::Delete, endpoints.rdbs_url(&path))
}

/// `GET {rdbs}/v1/{alias}/billing[?subscriptionId={id}]`.
pub fn rdbs_billing(
    endpoints: &Endpoints,
    account: &str,
    subscription_id: Option<&str>,
) -> Request {
    let filter = subscription_id
        .map(|id| query(&[("subscriptionId", id)]))
        .unwrap_or_default();
    let path = format!("/v1/{}/billing{filter}", alias(account));
    request(Method::Get, endpoints.rdbs_url(&path))
}

/// `GET {backup}/accountPolicies?limit={limit}&offset={offset}`: one page.
pub fn backup_account_policies(endpoints: &Endpoints, limit: u64, offset: u64) -> Request {
    let (limit, offset) = (limit.to_string(), offset.to_string());
    let path = format!(
        "/accountPolicies{}",
        query(&[("limit", &limit), ("offset", &offset)])
    );
    request(Method::Get, endpoints.backup_url(&path))
}

/// `GET {backup}/accountPolicies/{id}/serverPolicies?limit=&offset=`: one page.
pub fn backup_server_policies(
    endpoints: &Endpoints,
    account_policy_id: &str,
    limit: u64,
    offset: u64,
) -> Request {
    let (limit, offset) = (limit.to_string(), offset.to_string());
    let path = format!(
        "/accountPolicies/{}/serverPolicies{}",
        segment(account_policy_id),
        query(&[("limit", &limit), ("offset", &offset)])
    );
    request(Method::Get, endpoints.backup_url(&path))
}

/// `DELETE {backup}/accountPolicies/{id}/serverPolicies/{serverPolicyId}` (204).
pub fn delete_backup_server_policy(
    endpoints: &Endpoints,
    account_policy_id: &str,
    server_policy_id: &str,
) -> Request {
    let path = format!(
        "/accountPolicies/{}/serverPolicies/{}",
        segment(account_policy_id),
        segment(server_policy_id)
    );
    request(Method::Delete, endpoints.backup_url(&path))
}
