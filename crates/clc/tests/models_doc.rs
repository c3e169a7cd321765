//! Decodes every example payload of `clc-api.md` (copied to `tests/fixtures/doc/`) with its
//! model and checks specific values, including the helpers built on them (root group id,
//! deletability, snapshot id, public IPs, billing sums, money strings).

mod support;

use clc::models::*;
use clc::{Method, Money};

use support::doc_fixture;

fn decode<T: serde::de::DeserializeOwned>(name: &str) -> T {
    serde_json::from_str(&doc_fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn login_response() {
    let login: LoginResponse = decode("login.json");
    assert_eq!(login.account_alias, "ACME");
    assert_eq!(login.location_alias.as_deref(), Some("VA1"));
    assert_eq!(login.roles.len(), 4);
    assert!(login.bearer_token.expose().starts_with("eyJ0eXAi"));
    assert_eq!(format!("{:?}", login.bearer_token), "BearerToken(***)");
    assert!(!format!("{login:?}").contains("eyJ0eXAi"));
}

#[test]
fn datacenters_with_group_links() {
    let dcs: Vec<DataCenter> = decode("datacenters.json");
    assert_eq!(dcs.len(), 1);
    let va1 = &dcs[0];
    assert_eq!(va1.id, "va1");
    assert_eq!(
        va1.root_group_id().as_deref(),
        Some("5757349d19c343a88ce9a473fe2522f4")
    );
    assert!(va1.has_shared_load_balancers());
    let lb = va1.links.rel("loadBalancers").unwrap();
    assert!(lb.allows(Method::Post) && !lb.allows(Method::Delete));
    assert_eq!(va1.links.rel("self").unwrap().methods(), vec![Method::Get]);
}

#[test]
fn deployment_capabilities() {
    let caps: DeploymentCapabilities = decode("deployment_capabilities.json");
    assert_eq!(caps.supports_shared_load_balancer, Some(true));
    assert_eq!(caps.supports_bare_metal_servers, Some(false));
    assert_eq!(
        caps.deployable_networks[0].network_id,
        "809297928f1d4224b9b9927f745bc082"
    );
    assert_eq!(
        caps.deployable_networks[0].account_id.as_deref(),
        Some("ACME")
    );
}

#[test]
fn group_tree_without_detail() {
    let root: Group = decode("group.json");
    assert_eq!(root.name, "DE1 Hardware");
    assert_eq!(root.servers, None, "no serverDetail, so no servers array");
    assert!(!root.can_delete(), "the DC root group is not deletable");
    let archive = &root.groups[0];
    assert_eq!(archive.kind, GroupType::Archive);
    assert!(archive.is_system() && !archive.can_delete());
    assert_eq!(archive.server_ids(), vec!["de1acmeweb01"]);
    let default = &root.groups[1];
    assert_eq!(default.kind, GroupType::Default);
    assert!(default.can_delete() && !default.is_system());
    let names: Vec<_> = root.descendants().iter().map(|g| g.id.clone()).collect();
    assert_eq!(names.len(), 3);
    assert_eq!(names[0], "e9cf5a7a9fad43a8a9184d0265ae076c");
}

#[test]
fn group_billing_maps() {
    let billing: GroupBilling = decode("group_billing.json");
    assert_eq!(billing.groups.len(), 2);
    let server = billing
        .server("VA1ACMEST101")
        .expect("case-insensitive lookup");
    assert_eq!(server.monthly_estimate, 7.89);
    assert_eq!(server.current_hour, 0.02857);
    assert!(billing.groups["65124e3591734011a9d3380c65dde7fe"]
        .servers
        .is_empty());
    let total = billing.total();
    assert!((total.month_to_date - 0.6).abs() < 1e-9);
}

#[test]
fn server_with_full_details() {
    let server: Server = decode("server.json");
    assert_eq!(server.id, "de1acmeweb01");
    assert_eq!(server.status, ServerStatus::Active);
    assert_eq!(server.power_state(), Some(&PowerState::Started));
    let details = server.details.as_ref().unwrap();
    assert_eq!(details.memory_mb, Some(1024));
    assert_eq!(details.storage_gb, Some(17));
    assert_eq!(details.disks[0].id, "0:0");
    assert_eq!(server.public_ips(), vec!["66.155.4.85"]);
    assert_eq!(server.snapshots().len(), 1);
    assert_eq!(server.snapshots()[0].id().as_deref(), Some("2"));
    assert!(server.can_delete());
}

#[test]
fn status_link_and_server_delete_bodies() {
    let link: Link = decode("delete_group.json");
    assert_eq!(link.rel, "status");
    assert_eq!(link.target_id().as_deref(), Some("de1-81785"));
    let deleted: ServerOperationResult = decode("delete_server.json");
    assert!(deleted.is_queued);
    assert_eq!(
        deleted.status_link().unwrap().id.as_deref(),
        Some("de1-86051")
    );
    let batch: Vec<ServerOperationResult> = decode("batch_operation.json");
    assert!(batch[0].is_queued && !batch[1].is_queued);
    assert!(batch[1]
        .error_message
        .as_deref()
        .unwrap()
        .starts_with("The operation cannot be queued"));
}

#[test]
fn public_ip_detail() {
    let ip: PublicIp = decode("public_ip.json");
    assert_eq!(ip.internal_ip_address.as_deref(), Some("10.110.37.12"));
    assert_eq!(ip.ports[0].protocol.as_deref(), Some("TCP"));
    assert_eq!(
        (ip.ports[0].port, ip.ports[0].port_to),
        (Some(80), Some(81))
    );
    assert_eq!(
        ip.source_restrictions[0].cidr.as_deref(),
        Some("192.168.3.0/25")
    );
}

#[test]
fn queue_and_experimental_operations() {
    let status: QueueStatusResponse = decode("queue_status.json");
    assert_eq!(status.status, QueueStatus::Executing);
    assert!(!status.status.is_terminal());
    let op: ExperimentalOperation = decode("experimental_operation.json");
    assert_eq!(op.operation_id, "c744456f7c224ece98b35ed157b80117");
    assert_eq!(
        op.status_path("ACME"),
        "/v2-experimental/operations/ACME/status/c744456f7c224ece98b35ed157b80117"
    );
    let running: ExperimentalStatus = decode("experimental_status_running.json");
    assert_eq!(running.status, OperationStatus::Running);
}

#[test]
fn invoice_with_line_items() {
    let invoice: Invoice = decode("invoice.json");
    assert_eq!(invoice.id, "ACME279E27B7");
    assert_eq!(invoice.total_amount, Some(657.12));
    assert_eq!(invoice.invoice_cc_email.as_deref(), Some(""));
    assert_eq!(invoice.address2, None, "omitted when empty");
    assert_eq!(invoice.line_items.len(), 2);
    assert_eq!(invoice.line_items[1].unit_cost, Some(45.0));
    assert_eq!(
        invoice.line_items[0].item_details[0].description.as_deref(),
        Some("DE1ACMEWEB07")
    );
}

#[test]
fn rdbs_billing_money_strings() {
    let billing: RdbsBilling = decode("rdbs_billing.json");
    assert_eq!(billing.monthly_estimate, Some(Money::from_cents(44_683)));
    assert_eq!(billing.month_to_date, Some(Money::from_cents(8_552)));
    assert_eq!(billing.current_hour.unwrap().to_string(), "$0.60");
}

#[test]
fn rdbs_subscriptions_with_integer_ids() {
    let subs: Vec<RdbsSubscription> = decode("rdbs_subscriptions.json");
    assert_eq!(subs[0].id, "1234");
    assert_eq!(subs[0].backups.len(), 1);
    assert_eq!(subs[0].backups[0].id, "77");
    assert!(!subs[0].is_gone());
}

#[test]
fn shared_load_balancers_with_pools_and_nodes() {
    let lbs: Vec<SharedLoadBalancer> = decode("shared_load_balancers.json");
    let lb = &lbs[0];
    assert_eq!(lb.ip_address.as_deref(), Some("66.155.94.116"));
    assert_eq!(lb.pools[0].port, Some(80));
    assert!(lb.links.allows_delete());
}

#[test]
fn networks_and_ip_addresses() {
    let networks: Vec<Network> = decode("networks.json");
    assert_eq!(networks[0].vlan, Some(237));
    let release = networks[0].release_link().unwrap();
    assert!(release.allows(Method::Post) && !release.allows(Method::Get));
    assert_eq!(
        release.path(),
        "/v2-experimental/networks/acme/de1/809297928f1d4224b9b9927f745bc082/release"
    );
    let ips: Vec<NetworkIpAddress> = decode("network_ip_addresses.json");
    assert_eq!(ips.iter().filter(|ip| ip.claimed).count(), 2);
    assert_eq!(ips[2].server, None);
}

#[test]
fn firewall_policies_both_kinds() {
    let intra: Vec<FirewallPolicy> = decode("firewall_policies.json");
    assert_eq!(intra[0].ports, vec!["tcp/21", "udp/123-456", "any"]);
    assert!(intra[0].enabled);
    let cross: Vec<CrossDcFirewallPolicy> = decode("cross_dc_firewall_policies.json");
    assert_eq!(cross[0].destination_location.as_deref(), Some("ca2"));
    assert_eq!(cross[0].source_cidr.as_deref(), Some("10.110.37.0/24"));
}

#[test]
fn site_to_site_vpns_and_string_job_id() {
    let vpns: Vec<SiteToSiteVpn> = decode("site_to_site_vpns.json");
    assert_eq!(vpns[0].id, "3D2F94A2C9A14B2C8C7D0E5F6A7B8C9D");
    assert_eq!(vpns[0].pending_task_id.as_deref(), Some(""));
    assert_eq!(
        vpns[0].remote.as_ref().unwrap().site_name.as_deref(),
        Some("office")
    );
    let job: String = decode("delete_vpn.json");
    assert_eq!(job, "54851");
}

#[test]
fn policies_and_webhooks() {
    let alerts: ItemList<AlertPolicy> = decode("alert_policies.json");
    assert_eq!(alerts.items[0].name.as_deref(), Some("High CPU"));
    assert!(alerts.items[0].links.allows_delete());
    let anti: ItemList<AntiAffinityPolicy> = decode("anti_affinity_policies.json");
    assert_eq!(anti.items[0].location.as_deref(), Some("DE1"));
    let autoscale: Vec<AutoscalePolicy> = decode("autoscale_policies.json");
    assert_eq!(
        autoscale[0].name.as_deref(),
        Some("Production Database Scale Policy")
    );
    let hooks: ItemList<Webhook> = decode("webhooks.json");
    assert!(!hooks.items[0].is_configured());
    assert!(hooks.items[1].is_configured());
    assert_eq!(hooks.items[1].name, "Server.Deleted");
}

#[test]
fn simple_backup_pages() {
    let accounts: BackupPage<AccountPolicy> = decode("backup_account_policies.json");
    assert_eq!(accounts.total_count, Some(1));
    assert_eq!(accounts.next_offset, Some(100));
    assert_eq!(
        accounts.results[0].policy_id,
        "0d4a2b43-8a1c-4b77-9c8e-2f1d6f0a9b11"
    );
    let servers: BackupPage<ServerPolicy> = decode("backup_server_policies.json");
    assert_eq!(servers.next_offset, None);
    assert_eq!(
        servers.results[0].server_id.as_deref(),
        Some("VA1ACMEWEB01")
    );
    assert_eq!(servers.results[0].status.as_deref(), Some("ACTIVE"));
}
