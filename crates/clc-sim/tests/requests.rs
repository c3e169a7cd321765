//! Checks that the simulator accepts requests the way existing clients send them (§0.10):
//! absolute and path URLs, query names and aliases in any case, form-encoded and empty bodies,
//! and every GET link it hands out (path-only or absolute `http://`) requested back as is.

mod support;

use clc::Method;
use serde_json::Value;

use support::*;

#[test]
fn query_names_and_aliases_match_in_any_case() {
    let mut c = Client::demo();
    for url in [
        "/v2/datacenters/DEMO?groupLinks=true",
        "/v2/datacenters/demo?GroupLinks=true",
        "/v2/DataCenters/Demo?GROUPLINKS=True",
        "https://api.ctl.io/v2/datacenters/demo?GroupLinks=true",
        "http://localhost:8787/v2/datacenters/DeMo?grouplinks=TRUE",
    ] {
        let dcs = c.get_json(url);
        let first = &dcs[0];
        assert!(link(first, "group").is_some(), "{url}");
        assert_eq!(link(first, "group").unwrap()["name"], "VA1 Hardware");
        assert!(link(first, "loadBalancers").is_some());
        assert!(link(first, "billing").is_some());
    }
    let plain = c.get_json("/v2/datacenters/DEMO");
    assert_eq!(
        plain[0]["links"].as_array().unwrap().len(),
        1,
        "without groupLinks only self"
    );
    assert_eq!(
        c.get_json("/v2/datacenters/DEMO/VA1?groupLinks=true")["id"],
        "va1"
    );
    assert_eq!(
        c.get_json("/v2-experimental/networks/Demo/Va1")
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn data_center_list_is_cacheable_like_the_real_one() {
    let mut c = Client::demo();
    let r = c.get("/v2/datacenters/DEMO");
    assert_eq!(
        r.header_value("Cache-Control"),
        Some("max-age=300, private")
    );
    assert!(r
        .header_value("Content-Type")
        .unwrap()
        .starts_with("application/json"));
}

#[test]
fn form_encoded_and_empty_bodies_are_accepted_on_changes() {
    let mut c = Client::demo();
    let req = clc::Request::new(Method::Delete, "/v2/servers/DEMO/VA1DEMOUTIL01")
        .header("Authorization", format!("Bearer {}", c.token))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("");
    let r = c.sim.handle(&req, 0);
    assert_eq!(r.status, 202, "{}", r.body);
    let fw = c.state()["firewallPolicies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["dataCenter"] == "VA1")
        .map(|p| p["id"].as_str().unwrap().to_string())
        .unwrap();
    let req = clc::Request::new(
        Method::Delete,
        format!("/v2-experimental/firewallPolicies/demo/va1/{fw}"),
    )
    .header("Authorization", format!("Bearer {}", c.token))
    .header("Content-Type", "application/x-www-form-urlencoded")
    .body("confirm=true");
    assert_eq!(c.sim.handle(&req, 0).status, 204);
}

/// Everything a scanner reads, as `(url, document)` pairs.
fn scan(c: &mut Client) -> Vec<(String, Value)> {
    let mut docs = vec![];
    let dcs = c.get_json("/v2/datacenters/DEMO?groupLinks=true");
    docs.push(("dcs".to_string(), dcs.clone()));
    for dc in dcs.as_array().unwrap() {
        let id = dc["id"].as_str().unwrap();
        let root = link(dc, "group").unwrap()["href"]
            .as_str()
            .unwrap()
            .to_string();
        for url in [
            format!("{root}?serverDetail=detailed"),
            format!("/v2-experimental/networks/DEMO/{id}"),
            format!("/v2/sharedLoadBalancers/DEMO/{id}"),
            format!("/v2-experimental/firewallPolicies/DEMO/{id}"),
            format!("/v2-experimental/crossDcFirewallPolicies/DEMO/{id}"),
        ] {
            let doc = c.get_json(&url);
            docs.push((url, doc));
        }
    }
    for url in [
        "/v2/siteToSiteVpn?account=DEMO",
        "/v2/alertPolicies/DEMO",
        "/v2/autoscalePolicies/DEMO",
        "/v2/webhooks/DEMO",
    ] {
        let doc = c.get_json(url);
        docs.push((url.to_string(), doc));
    }
    docs
}

/// Links whose target GET may legitimately answer 404 (a mapping that is not set).
fn get_links(v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            if let (Some(rel), Some(href)) = (
                m.get("rel").and_then(Value::as_str),
                m.get("href").and_then(Value::as_str),
            ) {
                let verbs = m.get("verbs").and_then(Value::as_array);
                if verbs.is_none_or(|vs| vs.iter().any(|x| x == "GET")) {
                    out.push((rel.to_string(), href.to_string()));
                }
            }
            m.values().for_each(|x| get_links(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| get_links(x, out)),
        _ => {}
    }
}

#[test]
fn every_get_link_can_be_requested_back_as_given() {
    let mut c = Client::demo();
    let mut links = vec![];
    for (_, doc) in scan(&mut c) {
        get_links(&doc, &mut links);
    }
    links.sort();
    links.dedup();
    assert!(links.len() > 100, "only {} links", links.len());
    assert!(links
        .iter()
        .any(|(_, h)| h.starts_with("http://api.ctl.io/v2-experimental/networks/demo/")));
    for (rel, href) in &links {
        let r = c.get(href);
        if rel == "restore" || rel == "archiveGroupAction" {
            continue; // actions (POST) that the service lists without verbs
        }
        if rel == "horizontalAutoscalePolicyMapping" {
            assert_eq!(r.status, 404, "{href}");
            continue;
        }
        assert_eq!(r.status, 200, "{rel} {href}: {}", r.body);
        serde_json::from_str::<Value>(&r.body).unwrap_or_else(|_| panic!("{href} is not JSON"));
    }
}

#[test]
fn hrefs_use_the_lowercase_alias_and_experimental_ones_are_absolute_http() {
    let mut c = Client::demo();
    let mut all = vec![];
    for (_, doc) in scan(&mut c) {
        hrefs(&doc, &mut all);
    }
    for h in &all {
        assert!(!h.contains("DEMO"), "{h}");
        if h.contains("v2-experimental") {
            assert!(h.starts_with("http://api.ctl.io/"), "{h}");
        } else {
            assert!(h.starts_with("/v2/"), "{h}");
        }
    }
}

#[test]
fn service_hosts_map_to_their_prefixes() {
    let mut c = Client::demo();
    let a = c.get_json("https://api.rdbs.ctl.io/v1/DEMO/subscriptions");
    let b = c.get_json("/rdbs/v1/demo/subscriptions");
    assert_eq!(a, b);
    let a = c.get_json("https://api.backup.ctl.io/clc-backup-api/api/accountPolicies");
    let b = c.get_json("/backup/clc-backup-api/api/accountPolicies");
    assert_eq!(a, b);
    assert_eq!(a["totalCount"], 3);
}

#[test]
fn unknown_routes_get_a_404_message() {
    let mut c = Client::demo();
    let r = c.get("/v2/nothing/DEMO");
    assert_eq!(r.status, 404);
    assert!(json(&r)["message"]
        .as_str()
        .unwrap()
        .contains("No HTTP resource"));
    assert_eq!(c.get("/v2/servers/demo/va1demonope01").status, 404);
    assert_eq!(
        c.get("/v2/servers/demo/va1demonope01").body,
        "",
        "unknown server: 404 without a body"
    );
}
