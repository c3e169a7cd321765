//! The account hierarchy: the demo's parent `DEMO` has a sub-account `DEMS` (user `dems`).
//! - the parent's administrator reads the sub-account through the same v2 paths with its alias,
//!   and every href it gets back names the sub-account;
//! - the parent's administrator deletes in the sub-account, and the delete lands there only;
//! - a user of the sub-account reaches its own alias and gets 403 `{"message":…}` on every
//!   parent path, reads and deletes alike, with nothing deleted;
//! - an alias outside the hierarchy gets the same 403 as an account the caller cannot reach;
//! - the sub-account changes nothing the parent's own reads return;
//! - `large:subaccounts=N` builds N sub-accounts with servers, each with its own user.

mod support;

use clc_sim::{Scenario, Sim};
use serde_json::Value;

use support::*;

fn dems() -> Client {
    Client::as_user(Scenario::Demo, 1, "dems", "dems-password")
}

/// The sub-account's dump inside the state dump.
fn sub_state(c: &mut Client, alias: &str) -> Value {
    let s = c.state();
    s["subAccounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["accountAlias"] == alias)
        .cloned()
        .unwrap_or_else(|| panic!("no sub-account {alias}"))
}

fn ids(list: &Value) -> Vec<String> {
    let mut out: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

/// A 403 with the service's error body: an object holding only `message`.
fn assert_forbidden(r: &clc::Response, what: &str) {
    assert_eq!(r.status, 403, "{what}: {}", r.body);
    let body = json(r);
    let obj = body.as_object().expect("object body");
    assert_eq!(obj.len(), 1, "{what}: {body}");
    assert!(obj["message"].as_str().is_some_and(|m| !m.is_empty()));
}

#[test]
fn the_parent_admin_reads_the_sub_account_through_its_alias() {
    let mut c = Client::demo();
    let dcs = c.get_json("/v2/datacenters/DEMS?groupLinks=true");
    let dcs = dcs.as_array().unwrap();
    assert_eq!(dcs.len(), 2);
    let mut servers = Vec::new();
    for dc in dcs {
        let root = link(dc, "group").unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        let tree = c.get_json(&format!("/v2/groups/DEMS/{root}?serverDetail=detailed"));
        let mut all = Vec::new();
        hrefs(&tree, &mut all);
        assert!(all.iter().all(|h| !h.contains("/demo/")), "{all:?}");
        collect_servers(&tree, &mut servers);
        let billing = c.get_json(&format!("/v2/groups/dems/{root}/billing"));
        assert!(billing["groups"].is_object(), "{billing}");
    }
    servers.sort();
    assert_eq!(servers, ["UC1DEMSSPARE01", "VA1DEMSSDB01", "VA1DEMSSHOP01"]);
    let shop = c.get_json("/v2/servers/DEMS/va1demsshop01");
    assert_eq!(shop["details"]["ipAddresses"].as_array().unwrap().len(), 2);
    let account = c.get_json("/v2/accounts/DEMS");
    assert_eq!(
        (&account["accountAlias"], &account["parentAlias"]),
        (&"DEMS".into(), &"DEMO".into())
    );
    let vpns = c.get_json("/v2/siteToSiteVpn?account=DEMS");
    assert_eq!(vpns.as_array().unwrap().len(), 1);
    assert_eq!(vpns[0]["accountAlias"], "DEMS");
    let nets = c.get_json("/v2-experimental/networks/DEMS/va1");
    assert_eq!(nets.as_array().unwrap().len(), 2);
}

fn collect_servers(group: &Value, out: &mut Vec<String>) {
    for s in group["servers"].as_array().into_iter().flatten() {
        out.push(s["name"].as_str().unwrap().to_string());
    }
    for g in group["groups"].as_array().into_iter().flatten() {
        collect_servers(g, out);
    }
}

#[test]
fn the_parent_admin_deletes_in_the_sub_account_and_only_there() {
    let mut c = Client::demo();
    let parent_before = ids(&c.state()["servers"]);
    let r = c.delete("/v2/servers/DEMS/va1demsshop01");
    assert_eq!(r.status, 202, "{}", r.body);
    let status = link(&json(&r), "status").unwrap()["href"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        status.starts_with("/v2/operations/dems/status/"),
        "{status}"
    );
    assert_eq!(c.run_until_done(&status), "succeeded");
    assert_eq!(c.get("/v2/servers/DEMS/va1demsshop01").status, 404);
    let vpn = c.get_json("/v2/siteToSiteVpn?account=DEMS")[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = c.delete(&format!("/v2/siteToSiteVpn/{vpn}?account=DEMS"));
    assert_eq!(r.status, 200, "{}", r.body);
    c.advance(600_000);
    let sub = sub_state(&mut c, "DEMS");
    assert_eq!(ids(&sub["servers"]), ["uc1demsspare01", "va1demssdb01"]);
    assert_eq!(sub["vpns"], serde_json::json!([]));
    assert_eq!(sub["publicIps"], serde_json::json!([]));
    let parent = c.state();
    assert_eq!(ids(&parent["servers"]).len(), parent_before.len() - 1);
    assert!(parent_before.contains(&"gb3demoretire01".to_string()));
    // Only the parent's own earlier delete finished there; its VPN is untouched.
    assert_eq!(parent["vpns"].as_array().unwrap().len(), 1);
}

#[test]
fn a_sub_account_user_reaches_its_alias_and_is_refused_the_parent() {
    let mut admin = Client::demo();
    let login = admin.sim.handle(&login_request("dems", "dems-password"), 0);
    assert_eq!(json(&login)["accountAlias"], "DEMS");
    let (_, parent_root) = admin.roots()[0].clone();
    let mut u = dems();
    assert_eq!(
        u.get_json("/v2/datacenters/DEMS").as_array().unwrap().len(),
        2
    );
    assert_eq!(
        u.get_json("/v2/servers/dems/va1demsshop01")["name"],
        "VA1DEMSSHOP01"
    );
    assert_eq!(
        u.get_json("/v2/siteToSiteVpn").as_array().unwrap().len(),
        1,
        "without ?account= the token's own account"
    );
    for url in [
        "/v2/datacenters/DEMO".to_string(),
        format!("/v2/groups/DEMO/{parent_root}?serverDetail=detailed"),
        format!("/v2/groups/demo/{parent_root}/billing"),
        "/v2/servers/DEMO/va1demoweb01".into(),
        "/v2/accounts/DEMO".into(),
        "/v2/siteToSiteVpn?account=DEMO".into(),
        "/v2-experimental/networks/DEMO/va1".into(),
        "/v2/sharedLoadBalancers/DEMO/va1".into(),
        "/v2/invoice/DEMO/2026/10".into(),
        "/v2/alertPolicies/DEMO".into(),
        "/rdbs/v1/DEMO/subscriptions".into(),
    ] {
        assert_forbidden(&u.get(&url), &url);
    }
    for url in [
        "/v2/servers/DEMO/va1demoweb01",
        "/v2/groups/DEMO/x",
        "/rdbs/v1/DEMO/subscriptions/1",
    ] {
        assert_forbidden(&u.delete(url), url);
    }
    u.advance(600_000);
    let parent = u.state();
    let web = parent["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "va1demoweb01")
        .cloned()
        .unwrap();
    assert_eq!(web["status"], "active");
    assert_eq!(
        parent["operations"].as_array().unwrap().len(),
        2,
        "only the scenario's own"
    );
}

#[test]
fn an_alias_outside_the_hierarchy_is_refused_like_one_out_of_reach() {
    for mut c in [Client::demo(), dems()] {
        for url in ["/v2/datacenters/NOPE", "/v2/servers/nope/va1nopeweb01"] {
            let r = c.get(url);
            assert_forbidden(&r, url);
            assert_eq!(
                json(&r)["message"],
                "The user does not have access to account 'NOPE'."
            );
        }
    }
    // The parent's alias as a sub-account user sees it: the same words.
    let r = dems().get("/v2/datacenters/demo");
    assert_eq!(
        json(&r)["message"],
        "The user does not have access to account 'DEMO'."
    );
}

#[test]
fn the_sub_account_changes_nothing_the_parent_reads() {
    let mut c = Client::demo();
    let s = c.state();
    assert_eq!(s["accountAlias"], "DEMO");
    assert_eq!(s["subAccounts"].as_array().unwrap().len(), 1);
    for list in ["servers", "groups", "networks", "vpns", "publicIps"] {
        let text = s[list].to_string();
        assert!(
            !text.to_ascii_lowercase().contains("dems"),
            "{list}: {text}"
        );
    }
    let dcs = c.get_json("/v2/datacenters/DEMO");
    assert_eq!(dcs.as_array().unwrap().len(), 3);
    let text = c.get_json("/v2/siteToSiteVpn?account=DEMO").to_string();
    assert!(!text.contains("Shop office"));
    let inv = c.get_json("/v2/invoice/DEMO/2026/10").to_string();
    assert!(!inv.to_ascii_lowercase().contains("dems"), "{inv}");
    // The sub-account's charges are its own.
    let sub = sub_state(&mut c, "DEMS");
    assert_eq!(sub["parentAlias"], "DEMO");
    assert!(sub["billing"]["hourly"]["servers"].as_f64().unwrap() > 0.0);
}

#[test]
fn large_builds_the_requested_sub_accounts_with_servers() {
    let plain = Scenario::parse("large:dcs=2,servers=40,groups=4,ips=4").unwrap();
    let with = Scenario::parse("large:dcs=2,servers=40,groups=4,ips=4,subaccounts=3").unwrap();
    assert_eq!(
        with.to_string(),
        "large:dcs=2,servers=40,groups=4,ips=4,subaccounts=3"
    );
    let (a, b) = (
        Sim::new(plain, 7).state_json(0),
        Sim::new(with.clone(), 7).state_json(0),
    );
    assert_eq!(a["servers"], b["servers"], "the parent is the same account");
    assert!(a.get("subAccounts").is_none());
    let subs = b["subAccounts"].as_array().unwrap();
    let aliases: Vec<&str> = subs
        .iter()
        .map(|s| s["accountAlias"].as_str().unwrap())
        .collect();
    assert_eq!(aliases, ["L001", "L002", "L003"]);
    for s in subs {
        assert!(!s["servers"].as_array().unwrap().is_empty());
        assert_eq!(s["parentAlias"], "LRGE");
    }
    let mut parent = Client::new(with.clone(), 7);
    assert_eq!(
        parent
            .get_json("/v2/datacenters/L002")
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let mut u = Client::as_user(with, 7, "l002", "l002-password");
    assert_eq!(
        u.get_json("/v2/datacenters/l002").as_array().unwrap().len(),
        2
    );
    assert_forbidden(&u.get("/v2/datacenters/L001"), "a sibling");
    assert_forbidden(&u.get("/v2/datacenters/LRGE"), "the parent");
}
