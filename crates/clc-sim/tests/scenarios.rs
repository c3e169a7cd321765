//! Checks the scenarios: the same seed builds the same account and different seeds differ;
//! `empty` has nothing billable; `demo` has one of everything the closure deals with; `large`
//! has the requested counts and builds quickly.

mod support;

use clc_sim::{Scenario, Sim};
use serde_json::Value;

use support::*;

fn state(scenario: Scenario, seed: u64) -> Value {
    Sim::new(scenario, seed).state_json(0)
}

#[test]
fn same_seed_same_account_other_seed_other_ids() {
    for s in [
        Scenario::Empty,
        Scenario::Demo,
        Scenario::parse("large:dcs=3,servers=200,groups=20,ips=30").unwrap(),
    ] {
        assert_eq!(state(s.clone(), 42), state(s.clone(), 42), "{s}");
        assert_ne!(
            state(s.clone(), 42)["groups"],
            state(s.clone(), 43)["groups"],
            "{s}"
        );
    }
    let mut a = Client::demo();
    let mut b = Client::demo();
    assert_eq!(
        a.get("/v2/datacenters/DEMO?groupLinks=true").body,
        b.get("/v2/datacenters/DEMO?groupLinks=true").body
    );
}

#[test]
fn empty_has_system_groups_and_nothing_billable() {
    let s = state(Scenario::Empty, 1);
    assert_eq!(s["accountAlias"], "EMPT");
    assert!(s["dataCenters"].as_array().unwrap().len() >= 2);
    assert_eq!(s["servers"], serde_json::json!([]));
    assert_eq!(s["billing"]["hourly"]["total"], 0.0);
    let names: Vec<&str> = s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    for n in ["VA1 Hardware", "Archive", "Templates"] {
        assert!(names.contains(&n), "{n}");
    }
}

#[test]
fn demo_has_one_of_everything() {
    let s = state(Scenario::Demo, 1);
    assert_eq!(s["dataCenters"].as_array().unwrap().len(), 3);
    let servers = s["servers"].as_array().unwrap();
    for (field, value) in [
        ("powerState", "started"),
        ("powerState", "stopped"),
        ("powerState", "paused"),
        ("status", "archived"),
    ] {
        assert!(servers.iter().any(|x| x[field] == value), "{field}={value}");
    }
    assert!(servers.iter().any(|x| x["isTemplate"] == true));
    for (key, min) in [
        ("publicIps", 3),
        ("snapshots", 2),
        ("loadBalancers", 2),
        ("firewallPolicies", 2),
        ("crossDcFirewallPolicies", 1),
        ("vpns", 1),
        ("alertPolicies", 1),
        ("autoscalePolicies", 1),
        ("webhooks", 1),
        ("rdbs", 1),
    ] {
        assert!(s[key].as_array().unwrap().len() >= min, "{key}");
    }
    let nets = s["networks"].as_array().unwrap();
    for dc in ["VA1", "UC1", "GB3"] {
        assert_eq!(
            nets.iter()
                .filter(|n| n["dataCenter"] == dc && n["primary"] == true)
                .count(),
            1,
            "{dc}"
        );
    }
    assert!(nets.len() > 3);
    assert!(s["backup"]["serverPolicies"].as_array().unwrap().len() >= 2);
    let groups = s["groups"].as_array().unwrap();
    let nested = groups.iter().find(|g| g["name"] == "Web Staging").unwrap();
    let parent = groups
        .iter()
        .find(|g| g["id"] == nested["parentId"])
        .unwrap();
    assert_eq!(parent["name"], "Web");
    let lbs = s["loadBalancers"].as_array().unwrap();
    assert!(lbs.iter().any(|l| l["pools"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["nodes"].as_u64().unwrap() > 0)));
}

#[test]
fn large_has_the_requested_counts() {
    let sim = Sim::new(Scenario::LARGE, 7);
    let s = sim.state_json(0);
    let counts = &s["counts"];
    assert_eq!(counts["dataCenters"], 13);
    assert_eq!(counts["servers"], 10_000);
    assert_eq!(counts["publicIps"], 2_000);
    // 600 user groups plus four system groups (root, Archive, Templates, Default) per DC.
    assert_eq!(counts["groups"], 600 + 13 * 4);
    let depth_ok = s["groups"].as_array().unwrap().iter().any(|g| {
        let parent = g["parentId"].as_str();
        parent.is_some_and(|p| {
            s["groups"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["id"] == p && x["system"] == false)
        })
    });
    assert!(depth_ok, "some user groups are nested");
}

#[test]
fn large_accounts_answer_the_scan_calls() {
    let mut c = Client::new(
        Scenario::parse("large:dcs=2,servers=500,groups=30,ips=50").unwrap(),
        5,
    );
    let dcs = c.get_json("/v2/datacenters/LRGE?groupLinks=true");
    assert_eq!(dcs.as_array().unwrap().len(), 2);
    let root = link(&dcs[0], "group").unwrap()["href"]
        .as_str()
        .unwrap()
        .to_string();
    let tree = c.get_json(&format!("{root}?serverDetail=detailed"));
    let mut count = 0;
    fn walk(g: &Value, n: &mut usize) {
        *n += g["servers"].as_array().unwrap().len();
        g["groups"]
            .as_array()
            .unwrap()
            .iter()
            .for_each(|x| walk(x, n));
    }
    walk(&tree, &mut count);
    assert_eq!(count, 250);
    let nets = c.get_json("/v2-experimental/networks/LRGE/va1");
    assert!(
        nets.as_array().unwrap().len() >= 2,
        "servers spread over several VLANs"
    );
}
