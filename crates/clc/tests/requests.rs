//! Request builders: method, full URL (path case, query, percent-encoding) on each of the three
//! bases, JSON bodies, and headers (`Accept` always, `Content-Type` only with a body, never
//! `Authorization`). Table-driven over every builder.

use clc::api;
use clc::models::IpAddressFilter;
use clc::{Endpoints, Method, Request};

fn sim() -> Endpoints {
    Endpoints::single_origin("http://sim.test")
}

#[test]
fn every_builder_method_and_url() {
    let e = &sim();
    let cases: Vec<(Request, Method, &str)> = vec![
        (api::login(e, "jane", "pw"), Method::Post, "http://sim.test/v2/authentication/login"),
        (api::datacenters(e, "acme"), Method::Get, "http://sim.test/v2/datacenters/ACME?groupLinks=true"),
        (api::account_details(e, "dems"), Method::Get, "http://sim.test/v2/accounts/DEMS"),
        (api::datacenter(e, "acme", "VA1"), Method::Get, "http://sim.test/v2/datacenters/ACME/va1?groupLinks=true"),
        (api::deployment_capabilities(e, "ACME", "De1"), Method::Get, "http://sim.test/v2/datacenters/ACME/de1/deploymentCapabilities"),
        (api::group(e, "acme", "e9cf5a7a", true), Method::Get, "http://sim.test/v2/groups/ACME/e9cf5a7a?serverDetail=detailed"),
        (api::group(e, "acme", "e9cf5a7a", false), Method::Get, "http://sim.test/v2/groups/ACME/e9cf5a7a"),
        (api::group_billing(e, "acme", "e9cf5a7a"), Method::Get, "http://sim.test/v2/groups/ACME/e9cf5a7a/billing"),
        (api::delete_group(e, "acme", "e9cf5a7a"), Method::Delete, "http://sim.test/v2/groups/ACME/e9cf5a7a"),
        (api::server(e, "acme", "de1acmeweb01"), Method::Get, "http://sim.test/v2/servers/ACME/de1acmeweb01"),
        (api::server(e, "acme", "05a84d7816d243d98214df1a47bae34c"), Method::Get, "http://sim.test/v2/servers/ACME/05a84d7816d243d98214df1a47bae34c?uuid=True"),
        (api::delete_server(e, "acme", "DE1ACMEWEB01"), Method::Delete, "http://sim.test/v2/servers/ACME/DE1ACMEWEB01"),
        (api::delete_snapshot(e, "acme", "web01", "2"), Method::Delete, "http://sim.test/v2/servers/ACME/web01/snapshots/2"),
        (api::public_ip(e, "acme", "web01", "66.155.4.85"), Method::Get, "http://sim.test/v2/servers/ACME/web01/publicIPAddresses/66.155.4.85"),
        (api::delete_public_ip(e, "acme", "web01", "66.155.4.85"), Method::Delete, "http://sim.test/v2/servers/ACME/web01/publicIPAddresses/66.155.4.85"),
        (api::remove_secondary_network(e, "acme", "web01", "5f75"), Method::Delete, "http://sim.test/v2/servers/ACME/web01/networks/5f75"),
        (api::remove_cpu_autoscale_policy(e, "acme", "web01"), Method::Delete, "http://sim.test/v2/servers/ACME/web01/cpuAutoscalePolicy"),
        (api::queue_status(e, "acme", "de1-81785"), Method::Get, "http://sim.test/v2/operations/ACME/status/de1-81785"),
        (api::experimental_status(e, "acme", "c744"), Method::Get, "http://sim.test/v2-experimental/operations/ACME/status/c744"),
        (api::invoice(e, "acme", 2015, 5), Method::Get, "http://sim.test/v2/invoice/ACME/2015/5"),
        (api::shared_load_balancers(e, "acme", "VA1"), Method::Get, "http://sim.test/v2/sharedLoadBalancers/ACME/va1"),
        (api::shared_load_balancer_pools(e, "acme", "va1", "ae3b"), Method::Get, "http://sim.test/v2/sharedLoadBalancers/ACME/va1/ae3b/pools"),
        (api::delete_shared_load_balancer(e, "acme", "va1", "ae3b"), Method::Delete, "http://sim.test/v2/sharedLoadBalancers/ACME/va1/ae3b"),
        (api::delete_shared_load_balancer_pool(e, "acme", "va1", "ae3b", "2fa9"), Method::Delete, "http://sim.test/v2/sharedLoadBalancers/ACME/va1/ae3b/pools/2fa9"),
        (api::networks(e, "acme", "DE1"), Method::Get, "http://sim.test/v2-experimental/networks/ACME/de1"),
        (api::network(e, "acme", "de1", "5f75", IpAddressFilter::Claimed), Method::Get, "http://sim.test/v2-experimental/networks/ACME/de1/5f75?ipAddresses=claimed"),
        (api::network_ip_addresses(e, "acme", "de1", "5f75", IpAddressFilter::All), Method::Get, "http://sim.test/v2-experimental/networks/ACME/de1/5f75/ipAddresses?type=all"),
        (api::release_network(e, "acme", "de1", "5f75"), Method::Post, "http://sim.test/v2-experimental/networks/ACME/de1/5f75/release"),
        (api::firewall_policies(e, "acme", "DE1"), Method::Get, "http://sim.test/v2-experimental/firewallPolicies/ACME/de1"),
        (api::delete_firewall_policy(e, "acme", "de1", "fafe"), Method::Delete, "http://sim.test/v2-experimental/firewallPolicies/ACME/de1/fafe"),
        (api::cross_dc_firewall_policies(e, "acme", "de1"), Method::Get, "http://sim.test/v2-experimental/crossDcFirewallPolicies/ACME/de1"),
        (api::delete_cross_dc_firewall_policy(e, "acme", "de1", "b0b4"), Method::Delete, "http://sim.test/v2-experimental/crossDcFirewallPolicies/ACME/de1/b0b4"),
        (api::site_to_site_vpns(e, "acme"), Method::Get, "http://sim.test/v2/siteToSiteVpn?account=ACME"),
        (api::delete_vpn(e, "acme", "3D2F"), Method::Delete, "http://sim.test/v2/siteToSiteVpn/3D2F?account=ACME"),
        (api::alert_policies(e, "acme"), Method::Get, "http://sim.test/v2/alertPolicies/ACME"),
        (api::delete_alert_policy(e, "acme", "9003"), Method::Delete, "http://sim.test/v2/alertPolicies/ACME/9003"),
        (api::anti_affinity_policies(e, "acme"), Method::Get, "http://sim.test/v2/antiAffinityPolicies/ACME"),
        (api::delete_anti_affinity_policy(e, "acme", "87b6"), Method::Delete, "http://sim.test/v2/antiAffinityPolicies/ACME/87b6"),
        (api::autoscale_policies(e, "acme"), Method::Get, "http://sim.test/v2/autoscalePolicies/ACME"),
        (api::delete_horizontal_autoscale_policy(e, "acme", "e9cf"), Method::Delete, "http://sim.test/v2/groups/ACME/e9cf/horizontalAutoscalePolicy/"),
        (api::webhooks(e, "acme"), Method::Get, "http://sim.test/v2/webhooks/ACME"),
        (api::delete_webhook(e, "acme", "Server.Deleted"), Method::Delete, "http://sim.test/v2/webhooks/ACME/Server.Deleted/configuration"),
        (api::rdbs_subscriptions(e, "acme"), Method::Get, "http://sim.test/rdbs/v1/ACME/subscriptions"),
        (api::delete_rdbs_subscription(e, "acme", "1234"), Method::Delete, "http://sim.test/rdbs/v1/ACME/subscriptions/1234"),
        (api::rdbs_billing(e, "acme", None), Method::Get, "http://sim.test/rdbs/v1/ACME/billing"),
        (api::rdbs_billing(e, "acme", Some("1234")), Method::Get, "http://sim.test/rdbs/v1/ACME/billing?subscriptionId=1234"),
        (api::backup_account_policies(e, 100, 200), Method::Get, "http://sim.test/backup/clc-backup-api/api/accountPolicies?limit=100&offset=200"),
        (api::backup_server_policies(e, "0d4a-2b", 50, 0), Method::Get, "http://sim.test/backup/clc-backup-api/api/accountPolicies/0d4a-2b/serverPolicies?limit=50&offset=0"),
        (api::delete_backup_server_policy(e, "0d4a", "5c1f"), Method::Delete, "http://sim.test/backup/clc-backup-api/api/accountPolicies/0d4a/serverPolicies/5c1f"),
        (api::get_href(e, "http://api.ctl.io/v2-experimental/networks/altd/ca1/283f"), Method::Get, "http://sim.test/v2-experimental/networks/altd/ca1/283f"),
        (api::href_request(e, Method::Delete, "/v2/alertPolicies/altd/9003"), Method::Delete, "http://sim.test/v2/alertPolicies/altd/9003"),
    ];
    for (request, method, url) in cases {
        assert_eq!((request.method, request.url.as_str()), (method, url));
        assert_eq!(
            request.header_value("accept"),
            Some("application/json"),
            "{url}"
        );
        assert_eq!(request.header_value("Authorization"), None, "{url}");
        let has_body = request.body.is_some();
        assert_eq!(
            request.header_value("content-type").is_some(),
            has_body,
            "{url}: Content-Type exactly when there is a body"
        );
        assert_eq!(has_body, matches!(method, Method::Post), "{url}");
    }
}

#[test]
fn production_hosts() {
    let e = &Endpoints::production();
    assert_eq!(
        api::datacenters(e, "ACME").url,
        "https://api.ctl.io/v2/datacenters/ACME?groupLinks=true"
    );
    assert_eq!(
        api::rdbs_subscriptions(e, "ACME").url,
        "https://api.rdbs.ctl.io/v1/ACME/subscriptions"
    );
    assert_eq!(
        api::backup_account_policies(e, 10, 0).url,
        "https://api.backup.ctl.io/clc-backup-api/api/accountPolicies?limit=10&offset=0"
    );
}

#[test]
fn json_bodies() {
    let login = api::login(&sim(), " jane.doe ", "p\"w d");
    let body: serde_json::Value = serde_json::from_str(login.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"username": "jane.doe", "password": "p\"w d"})
    );
    assert_eq!(login.header_value("Content-Type"), Some("application/json"));
    assert_eq!(
        api::release_network(&sim(), "a", "b", "c").body.as_deref(),
        Some("{}")
    );
    let debug = format!(
        "{:?}",
        clc::models::LoginRequest {
            username: "jane".into(),
            password: "secret".into()
        }
    );
    assert!(!debug.contains("secret"), "{debug}");
}

#[test]
fn segments_are_percent_encoded() {
    assert_eq!(api::encode("a b/c?d#e%"), "a%20b%2Fc%3Fd%23e%25");
    assert_eq!(api::encode("Server.Deleted-_~"), "Server.Deleted-_~");
    assert_eq!(
        api::server(&sim(), "acme", "../x").url,
        "http://sim.test/v2/servers/ACME/..%2Fx"
    );
    assert_eq!(
        api::group(&sim(), "ac me", "g", false).url,
        "http://sim.test/v2/groups/AC%20ME/g"
    );
}
