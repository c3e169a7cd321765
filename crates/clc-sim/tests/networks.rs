//! Checks networks (§7.2): the list's absolute http hrefs, claimed addresses derived from the
//! servers, release (204), and its refusals: the free primary network of each data center and
//! any network with claimed addresses (until the servers holding them are deleted).

mod support;

use clc::Method;
use serde_json::Value;

use support::*;

fn networks(c: &mut Client, dc: &str) -> Vec<Value> {
    c.get_json(&format!("/v2-experimental/networks/DEMO/{dc}"))
        .as_array()
        .unwrap()
        .clone()
}

fn href(n: &Value, rel: &str) -> String {
    link(n, rel).unwrap()["href"].as_str().unwrap().to_string()
}

#[test]
fn list_has_the_recorded_shape() {
    let mut c = Client::demo();
    let nets = networks(&mut c, "va1");
    assert_eq!(nets.len(), 2);
    for n in &nets {
        for field in [
            "id",
            "cidr",
            "description",
            "gateway",
            "name",
            "netmask",
            "type",
            "vlan",
            "links",
        ] {
            assert!(n.get(field).is_some(), "{field}");
        }
        assert!(n["name"].as_str().unwrap().starts_with("vlan_"));
        assert!(href(n, "self").starts_with("http://api.ctl.io/v2-experimental/networks/demo/va1/"));
        assert_eq!(
            link(n, "release").unwrap()["verbs"],
            serde_json::json!(["POST"])
        );
    }
}

#[test]
fn claimed_addresses_name_their_servers() {
    let mut c = Client::demo();
    let nets = networks(&mut c, "va1");
    let db_net = nets.iter().find(|n| {
        let ips = c.get_json(&format!("{}/ipAddresses?type=claimed", href(n, "self")));
        ips.as_array()
            .unwrap()
            .iter()
            .any(|ip| ip["server"] == "VA1DEMODB01")
    });
    let db_net = db_net.expect("database network").clone();
    let doc = c.get_json(&format!("{}?ipAddresses=claimed", href(&db_net, "self")));
    let ips = doc["ipAddresses"].as_array().unwrap();
    assert!(ips.iter().all(|ip| ip["claimed"] == true));
    assert!(
        ips.iter()
            .any(|ip| ip["server"] == "VA1DEMOUTIL01" && ip["primary"] == false),
        "secondary NIC"
    );
    let none = c.get_json(&format!("{}?IPADDRESSES=none", href(&db_net, "self")));
    assert!(none.get("ipAddresses").is_none());
    let free = c.get_json(&format!("{}/ipAddresses?type=free", href(&db_net, "self")));
    assert!(free.as_array().unwrap().len() > 200);
}

#[test]
fn releasing_an_unused_additional_network_is_204() {
    let mut c = Client::demo();
    let nets = networks(&mut c, "UC1");
    let extra = nets.iter().find(|n| {
        c.get_json(&format!("{}/ipAddresses", href(n, "self")))
            .as_array()
            .unwrap()
            .is_empty()
    });
    let release = href(extra.expect("unused network"), "release");
    let r = c.send(Method::Post, &release, Some("{}"));
    assert_eq!((r.status, r.body.as_str()), (204, ""));
    assert_eq!(networks(&mut c, "uc1").len(), 1);
    assert_eq!(c.send(Method::Post, &release, None).status, 404);
}

#[test]
fn the_primary_network_is_refused_even_when_empty() {
    let mut c = Client::demo();
    let nets = networks(&mut c, "gb3");
    assert_eq!(nets.len(), 1);
    // Empty GB3 first: delete its servers.
    for s in [
        "gb3demoapp01",
        "gb3demobuild01",
        "gb3demoretire01",
        "gb3demoold01",
    ] {
        let body = json(&c.delete(&format!("/v2/servers/demo/{s}")));
        c.run_until_done(body["links"][0]["href"].as_str().unwrap());
    }
    let claimed = c.get_json(&format!(
        "{}/ipAddresses?type=claimed",
        href(&nets[0], "self")
    ));
    assert_eq!(claimed, serde_json::json!([]));
    let r = c.send(Method::Post, &href(&nets[0], "release"), None);
    assert_eq!(r.status, 400);
    assert!(json(&r)["message"].as_str().unwrap().contains("primary"));
}

#[test]
fn a_network_with_claimed_addresses_is_refused_until_its_servers_are_gone() {
    let mut c = Client::demo();
    let state = c.state();
    let db_net = state["networks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["dataCenter"] == "VA1" && n["primary"] == false)
        .unwrap()
        .clone();
    let release = format!(
        "/v2-experimental/networks/demo/va1/{}/release",
        db_net["id"].as_str().unwrap()
    );
    let r = c.send(Method::Post, &release, None);
    assert_eq!(r.status, 400);
    assert!(json(&r)["message"].as_str().unwrap().contains("claimed"));
    let batch = c.send(
        Method::Post,
        "/v2/operations/demo/servers/delete",
        Some(r#"["va1demodb01","va1demodb02","va1demoutil01"]"#),
    );
    let href = json(&batch)[0]["links"][0]["href"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(c.run_until_done(&href), "succeeded");
    assert_eq!(c.send(Method::Post, &release, None).status, 204);
}

#[test]
fn empty_scenario_networks_are_all_primary() {
    let mut c = Client::new(clc_sim::Scenario::Empty, 3);
    let nets = c.get_json("/v2-experimental/networks/EMPT/va1");
    assert_eq!(nets.as_array().unwrap().len(), 1);
    let release = nets[0]["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["rel"] == "release")
        .unwrap()["href"]
        .clone();
    assert_eq!(
        c.send(Method::Post, release.as_str().unwrap(), None).status,
        400
    );
}
