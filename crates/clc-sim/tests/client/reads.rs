//! Login and every read of the client on the `demo` account, checked against the state dump.

use clc::models::{DataCenter, Group, IpAddressFilter, Network, Server};
use clc::{Error, Method};

use super::{block_on, count_where, ids, sorted, Fixture, ALIAS, BASE};

fn datacenters(f: &Fixture) -> Vec<DataCenter> {
    block_on(f.client.datacenters(ALIAS)).expect("data centers")
}

#[test]
fn login_returns_the_demo_session_without_sending_a_token() {
    let f = Fixture::anonymous();
    let login = block_on(f.client.login("demo", "demo-password")).unwrap();
    assert_eq!(login.account_alias, "DEMO");
    assert_eq!(login.user_name.as_deref(), Some("demo"));
    assert_eq!(login.location_alias.as_deref(), Some("VA1"));
    assert!(
        login.roles.iter().any(|r| r == "AccountAdmin"),
        "{:?}",
        login.roles
    );
    let expires = login.bearer_token.expires_at_ms().expect("a JWT with exp");
    assert!(expires > clc_sim::DEFAULT_EPOCH_MS, "{expires}");
    assert_eq!(f.log(), [(Method::Post, "/v2/authentication/login".into())]);
}

#[test]
fn a_wrong_password_is_bad_credentials_with_the_services_message() {
    let f = Fixture::anonymous();
    assert_eq!(
        block_on(f.client.login("demo", "not-the-password")),
        Err(Error::BadCredentials(
            "We didn't recognize the username or password you entered. Please try again.".into()
        ))
    );
    assert_eq!(f.log().len(), 1, "a refused login is not retried");
}

#[test]
fn data_centers_and_their_root_groups_match_the_account() {
    let f = Fixture::demo();
    let state = f.state();
    let dcs = datacenters(&f);
    let mut got: Vec<(String, String)> = dcs
        .iter()
        .map(|d| (d.id.clone(), d.root_group_id().expect("group link")))
        .collect();
    got.sort();
    let mut want: Vec<(String, String)> = state["dataCenters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let field = |k: &str| d[k].as_str().unwrap().to_string();
            (field("id"), field("rootGroupId"))
        })
        .collect();
    want.sort();
    assert_eq!(got.len(), 3);
    assert_eq!(got, want);
    let va1 = block_on(f.client.datacenter(ALIAS, "VA1")).unwrap();
    assert_eq!(va1.id, "va1");
    assert!(va1.name.starts_with("VA1"));
    let caps = block_on(f.client.deployment_capabilities(ALIAS, "va1")).unwrap();
    let va1_nets = count_where(&state, "networks", "dataCenter", "VA1");
    assert_eq!(caps.deployable_networks.len(), va1_nets);
}

#[test]
fn detailed_group_trees_hold_every_group_and_server() {
    let f = Fixture::demo();
    let state = f.state();
    let mut groups = Vec::new();
    let mut servers = Vec::new();
    for dc in datacenters(&f) {
        let tree = block_on(f.client.group(ALIAS, &dc.root_group_id().unwrap(), true)).unwrap();
        groups.extend(tree.descendants().iter().map(|g| g.id.clone()));
        servers.extend(tree.all_servers().iter().map(|s| s.id.to_ascii_lowercase()));
    }
    assert_eq!((groups.len(), servers.len()), (17, 15));
    assert_eq!(sorted(groups), ids(&state, "groups"));
    assert_eq!(sorted(servers), ids(&state, "servers"));
}

#[test]
fn group_billing_and_one_server_match_the_account() {
    let f = Fixture::demo();
    let state = f.state();
    let mut billed = Vec::new();
    for dc in datacenters(&f) {
        let billing =
            block_on(f.client.group_billing(ALIAS, &dc.root_group_id().unwrap())).unwrap();
        billed.extend(billing.servers().map(|(_, id, _)| id.to_ascii_lowercase()));
    }
    assert_eq!(sorted(billed), ids(&state, "servers"));

    let web1: Server = block_on(f.client.server(ALIAS, "va1demoweb01")).unwrap();
    let dumped = state["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "va1demoweb01")
        .unwrap();
    assert_eq!(web1.public_ips(), ["66.155.4.2"]);
    assert_eq!(web1.snapshots().len(), 1);
    assert_eq!(dumped["publicIps"][0], "66.155.4.2");
    let ip = block_on(f.client.public_ip(ALIAS, "va1demoweb01", "66.155.4.2")).unwrap();
    let mapped = state["publicIps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["address"] == "66.155.4.2")
        .unwrap();
    assert_eq!(
        ip.internal_ip_address.as_deref(),
        mapped["internal"].as_str()
    );
    let mut ports: Vec<u64> = ip.ports.iter().filter_map(|p| p.port).collect();
    ports.sort();
    assert_eq!(ports, [80, 443]);
}

#[test]
fn load_balancers_networks_and_firewall_policies_per_data_center() {
    let f = Fixture::demo();
    let state = f.state();
    let (mut lbs, mut pools, mut nets, mut fws) = (Vec::new(), 0, Vec::new(), Vec::new());
    for dc in ["va1", "uc1", "gb3"] {
        for lb in block_on(f.client.shared_load_balancers(ALIAS, dc)).unwrap() {
            let listed = block_on(f.client.shared_load_balancer_pools(ALIAS, dc, &lb.id)).unwrap();
            assert_eq!(listed.len(), lb.pools.len(), "{}", lb.id);
            pools += listed.len();
            lbs.push(lb.id);
        }
        nets.extend(block_on(f.client.networks(ALIAS, dc)).unwrap());
        fws.extend(
            block_on(f.client.firewall_policies(ALIAS, dc))
                .unwrap()
                .into_iter()
                .map(|p| p.id),
        );
    }
    assert_eq!(sorted(lbs), ids(&state, "loadBalancers"));
    assert_eq!(pools, 3);
    let net_ids = sorted(nets.iter().map(|n| n.id.clone()).collect());
    assert_eq!((net_ids.len(), net_ids), (5, ids(&state, "networks")));
    assert_eq!(sorted(fws), ids(&state, "firewallPolicies"));

    // The database VLAN in VA1: its claimed addresses, read two ways.
    let db_net = state["networks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["dataCenter"] == "VA1" && n["primary"] == false)
        .unwrap();
    let (id, claimed) = (
        db_net["id"].as_str().unwrap(),
        db_net["claimedIps"].as_u64().unwrap(),
    );
    let one = block_on(f.client.network(ALIAS, "va1", id, IpAddressFilter::Claimed)).unwrap();
    assert_eq!(one.cidr.as_deref(), db_net["cidr"].as_str());
    assert_eq!(one.ip_addresses.len() as u64, claimed);
    let listed =
        block_on(
            f.client
                .network_ip_addresses(ALIAS, "va1", id, IpAddressFilter::Claimed),
        )
        .unwrap();
    assert!(listed.iter().all(|a| a.claimed));
    assert_eq!((listed.len() as u64, claimed), (3, 3));

    let cross = block_on(f.client.cross_dc_firewall_policies(ALIAS, "va1")).unwrap();
    assert_eq!(cross.len(), 1);
    assert_eq!(cross[0].id, ids(&state, "crossDcFirewallPolicies")[0]);
    assert!(cross[0]
        .destination_location
        .as_deref()
        .unwrap()
        .eq_ignore_ascii_case("uc1"));
}

#[test]
fn account_wide_services_match_the_account() {
    let f = Fixture::demo();
    let state = f.state();
    let vpns = block_on(f.client.site_to_site_vpns(ALIAS)).unwrap();
    assert_eq!(
        vpns.iter().map(|v| v.id.clone()).collect::<Vec<_>>(),
        ids(&state, "vpns")
    );
    let alerts = block_on(f.client.alert_policies(ALIAS)).unwrap();
    let mut names: Vec<_> = alerts.iter().filter_map(|a| a.name.clone()).collect();
    names.sort();
    assert_eq!(names, ["Disk almost full", "High CPU"]);
    let autoscale = block_on(f.client.autoscale_policies(ALIAS)).unwrap();
    assert_eq!(
        autoscale.iter().map(|a| a.id.clone()).collect::<Vec<_>>(),
        ids(&state, "autoscalePolicies")
    );
    let hooks = block_on(f.client.webhooks(ALIAS)).unwrap();
    let configured: Vec<_> = hooks
        .iter()
        .filter(|h| {
            h.configuration
                .as_ref()
                .is_some_and(|c| !c.target_uris.is_empty())
        })
        .map(|h| h.name.clone())
        .collect();
    assert_eq!(sorted(configured), ["Alert.Notification", "Server.Deleted"]);

    let rdbs = block_on(f.client.rdbs_subscriptions(ALIAS)).unwrap();
    assert_eq!(rdbs.len(), 1);
    assert_eq!(rdbs[0].id, state["rdbs"][0]["id"].to_string());
    assert_eq!(
        rdbs[0].backups.len() as u64,
        state["rdbs"][0]["backups"].as_u64().unwrap()
    );
    let billing = block_on(f.client.rdbs_billing(ALIAS, Some(&rdbs[0].id))).unwrap();
    assert!(billing.month_to_date.is_some(), "{billing:?}");
}

#[test]
fn simple_backup_pages_are_followed_to_the_last_policy() {
    let f = Fixture::demo();
    f.set_backup_page_limit(1);
    let state = f.state();
    let policies = block_on(f.client.backup_account_policies()).unwrap();
    let want: Vec<String> = state["backup"]["accountPolicies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        sorted(policies.iter().map(|p| p.policy_id.clone()).collect()),
        sorted(want)
    );
    let pages = f.count(Method::Get, "/backup/clc-backup-api/api/accountPolicies");
    assert!(pages >= 3, "one policy per page: {pages} pages");
    let mut server_policies = 0;
    for p in &policies {
        server_policies += block_on(f.client.backup_server_policies(&p.policy_id))
            .unwrap()
            .len();
    }
    let dumped = state["backup"]["serverPolicies"].as_array().unwrap().len();
    assert_eq!((server_policies, dumped), (3, 3));
}

#[test]
fn last_months_invoice_describes_the_account() {
    let f = Fixture::demo();
    // Virtual time 0 is 2026-11-02: the last month that has ended is October 2026.
    let invoice = block_on(f.client.invoice(ALIAS, 2026, 10)).unwrap();
    assert_eq!(invoice.account_alias.as_deref(), Some("DEMO"));
    assert!(invoice
        .invoice_date
        .as_deref()
        .unwrap()
        .starts_with("2026-11-01"));
    let bandwidth: Vec<_> = invoice
        .line_items
        .iter()
        .filter(|l| {
            l.description
                .as_deref()
                .unwrap_or("")
                .starts_with("Bandwidth")
        })
        .collect();
    assert_eq!(bandwidth.len(), 3, "one bandwidth line per data center");
    let sum: f64 = invoice.line_items.iter().filter_map(|l| l.item_total).sum();
    let total = invoice.total_amount.unwrap();
    assert!(
        total > 0.0 && (sum - total).abs() < 0.01,
        "{sum} vs {total}"
    );
    assert!(matches!(
        block_on(f.client.invoice(ALIAS, 2026, 11)),
        Err(Error::Rejected { message }) if message.contains("ended")
    ));
}

#[test]
fn hrefs_the_api_returned_are_followed_on_the_configured_base() {
    let f = Fixture::demo();
    let va1 = datacenters(&f).into_iter().find(|d| d.id == "va1").unwrap();
    let root: Group = block_on(f.client.get_href(&va1.root_group_link().unwrap().href)).unwrap();
    assert_eq!(root.name, "VA1 Hardware");
    let web = root.groups.iter().find(|g| g.name == "Web").unwrap();
    let server_link = web.links.iter().find(|l| l.is("server")).unwrap();
    let server: Server = block_on(f.client.get_href(&server_link.href)).unwrap();
    assert_eq!(
        Some(server.id.to_ascii_lowercase()),
        server_link.target_id().map(|s| s.to_ascii_lowercase())
    );

    // v2-experimental hrefs are absolute http://api.ctl.io/… like the real service's.
    let nets = block_on(f.client.networks(ALIAS, "va1")).unwrap();
    let own = nets[0].links.iter().find(|l| l.is("self")).unwrap();
    assert!(own.href.starts_with("http://api.ctl.io/"), "{}", own.href);
    f.clear_log();
    let again: Network = block_on(f.client.get_href(&own.href)).unwrap();
    assert_eq!(again.id, nets[0].id);
    let (_, path) = &f.log()[0];
    assert!(
        path.starts_with("/v2-experimental/networks/"),
        "sent to {path}, not {BASE}"
    );
}
