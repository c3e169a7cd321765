//! Core v2 builders: login, data centers, groups, servers, public IPs, billing, invoices and the
//! classic and experimental queues.

use super::{alias, dc, query, request, request_with_json, segment};
use crate::endpoints::Endpoints;
use crate::http::{Method, Request};
use crate::ids::is_uuid32;
use crate::models::auth::LoginRequest;

/// `POST /v2/authentication/login` with `{username, password}`.
pub fn login(endpoints: &Endpoints, username: &str, password: &str) -> Request {
    let body = LoginRequest {
        username: username.trim().to_string(),
        password: password.to_string(),
    };
    request_with_json(
        Method::Post,
        endpoints.core_url("/v2/authentication/login"),
        &body,
    )
}

/// `GET /v2/datacenters/{alias}?groupLinks=true`: every DC with its root group link.
pub fn datacenters(endpoints: &Endpoints, account: &str) -> Request {
    let path = format!(
        "/v2/datacenters/{}{}",
        alias(account),
        query(&[("groupLinks", "true")])
    );
    request(Method::Get, endpoints.core_url(&path))
}

/// `GET /v2/datacenters/{alias}/{dc}?groupLinks=true`.
pub fn datacenter(endpoints: &Endpoints, account: &str, data_center: &str) -> Request {
    let path = format!(
        "/v2/datacenters/{}/{}{}",
        alias(account),
        dc(data_center),
        query(&[("groupLinks", "true")])
    );
    request(Method::Get, endpoints.core_url(&path))
}

/// `GET /v2/datacenters/{alias}/{dc}/deploymentCapabilities`.
pub fn deployment_capabilities(endpoints: &Endpoints, account: &str, data_center: &str) -> Request {
    let path = format!(
        "/v2/datacenters/{}/{}/deploymentCapabilities",
        alias(account),
        dc(data_center)
    );
    request(Method::Get, endpoints.core_url(&path))
}

/// `GET /v2/groups/{alias}/{groupId}`, with `?serverDetail=detailed` when `detailed`.
pub fn group(endpoints: &Endpoints, account: &str, group_id: &str, detailed: bool) -> Request {
    let detail = if detailed {
        query(&[("serverDetail", "detailed")])
    } else {
        String::new()
    };
    let path = format!(
        "/v2/groups/{}/{}{detail}",
        alias(account),
        segment(group_id)
    );
    request(Method::Get, endpoints.core_url(&path))
}

/// `GET /v2/groups/{alias}/{groupId}/billing`.
pub fn group_billing(endpoints: &Endpoints, account: &str, group_id: &str) -> Request {
    let path = format!(
        "/v2/groups/{}/{}/billing",
        alias(account),
        segment(group_id)
    );
    request(Method::Get, endpoints.core_url(&path))
}

/// `DELETE /v2/groups/{alias}/{groupId}`: the group, its sub-groups and all their servers.
pub fn delete_group(endpoints: &Endpoints, account: &str, group_id: &str) -> Request {
    let path = format!("/v2/groups/{}/{}", alias(account), segment(group_id));
    request(Method::Delete, endpoints.core_url(&path))
}

/// `GET /v2/servers/{alias}/{serverId}`; a 32-hex id (unnamed new server) adds `?uuid=True`.
pub fn server(endpoints: &Endpoints, account: &str, server_id: &str) -> Request {
    let uuid = if is_uuid32(server_id.trim()) {
        query(&[("uuid", "True")])
    } else {
        String::new()
    };
    let path = format!(
        "/v2/servers/{}/{}{uuid}",
        alias(account),
        segment(server_id)
    );
    request(Method::Get, endpoints.core_url(&path))
}

/// `DELETE /v2/servers/{alias}/{serverId}` (also for archived servers).
pub fn delete_server(endpoints: &Endpoints, account: &str, server_id: &str) -> Request {
    let path = format!("/v2/servers/{}/{}", alias(account), segment(server_id));
    request(Method::Delete, endpoints.core_url(&path))
}

/// `DELETE /v2/servers/{alias}/{serverId}/snapshots/{snapshotId}`.
pub fn delete_snapshot(
    endpoints: &Endpoints,
    account: &str,
    server_id: &str,
    snapshot_id: &str,
) -> Request {
    let path = format!(
        "/v2/servers/{}/{}/snapshots/{}",
        alias(account),
        segment(server_id),
        segment(snapshot_id)
    );
    request(Method::Delete, endpoints.core_url(&path))
}

/// `GET /v2/servers/{alias}/{serverId}/publicIPAddresses/{ip}`.
pub fn public_ip(endpoints: &Endpoints, account: &str, server_id: &str, ip: &str) -> Request {
    request(
        Method::Get,
        public_ip_url(endpoints, account, server_id, ip),
    )
}

/// `DELETE /v2/servers/{alias}/{serverId}/publicIPAddresses/{ip}`.
pub fn delete_public_ip(
    endpoints: &Endpoints,
    account: &str,
    server_id: &str,
    ip: &str,
) -> Request {
    request(
        Method::Delete,
        public_ip_url(endpoints, account, server_id, ip),
    )
}

fn public_ip_url(endpoints: &Endpoints, account: &str, server_id: &str, ip: &str) -> String {
    endpoints.core_url(&format!(
        "/v2/servers/{}/{}/publicIPAddresses/{}",
        alias(account),
        segment(server_id),
        segment(ip)
    ))
}

/// `DELETE /v2/servers/{alias}/{serverId}/networks/{networkId}`: detach a secondary NIC, so a
/// network can be released. Answers with an experimental operation.
pub fn remove_secondary_network(
    endpoints: &Endpoints,
    account: &str,
    server_id: &str,
    network_id: &str,
) -> Request {
    let path = format!(
        "/v2/servers/{}/{}/networks/{}",
        alias(account),
        segment(server_id),
        segment(network_id)
    );
    request(Method::Delete, endpoints.core_url(&path))
}

/// `DELETE /v2/servers/{alias}/{serverId}/cpuAutoscalePolicy`.
pub fn remove_cpu_autoscale_policy(
    endpoints: &Endpoints,
    account: &str,
    server_id: &str,
) -> Request {
    let path = format!(
        "/v2/servers/{}/{}/cpuAutoscalePolicy",
        alias(account),
        segment(server_id)
    );
    request(Method::Delete, endpoints.core_url(&path))
}

/// `GET /v2/operations/{alias}/status/{statusId}`.
pub fn queue_status(endpoints: &Endpoints, account: &str, status_id: &str) -> Request {
    let path = format!(
        "/v2/operations/{}/status/{}",
        alias(account),
        segment(status_id)
    );
    request(Method::Get, endpoints.core_url(&path))
}

/// `GET /v2-experimental/operations/{alias}/status/{operationId}`.
pub fn experimental_status(endpoints: &Endpoints, account: &str, operation_id: &str) -> Request {
    let path = format!(
        "/v2-experimental/operations/{}/status/{}",
        alias(account),
        segment(operation_id)
    );
    request(Method::Get, endpoints.core_url(&path))
}

/// `GET /v2/invoice/{alias}/{year}/{month}` (month 1–12, no leading zero).
pub fn invoice(endpoints: &Endpoints, account: &str, year: u16, month: u8) -> Request {
    let path = format!("/v2/invoice/{}/{year}/{month}", alias(account));
    request(Method::Get, endpoints.core_url(&path))
}
