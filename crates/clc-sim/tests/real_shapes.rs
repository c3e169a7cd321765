//! The simulator answers with the shapes the real service answered, one test per difference a
//! real client noticed (issue 13), each quoting the real shape: an archived server read
//! directly and in a detailed group, its links, servers queued for delete or under
//! construction, detailed group reads, the Archive and Templates groups, the experimental
//! operation status, load-balancer nodes and a server's autoscale policy.

mod support;

use serde_json::{json, Value};

use support::*;

fn rels(doc: &Value) -> Vec<(String, Value)> {
    doc["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["rel"].as_str().unwrap().to_string(), l["verbs"].clone()))
        .collect()
}

fn rel(name: &str, verbs: Value) -> (String, Value) {
    (name.to_string(), verbs)
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort();
    k
}

fn group_id(c: &mut Client, dc: &str, kind: &str) -> String {
    c.state()["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["dataCenter"] == dc && g["type"] == kind)
        .map(|g| g["id"].as_str().unwrap().to_string())
        .unwrap_or_else(|| panic!("no {kind} group in {dc}"))
}

/// Real, `GET /v2/servers/{alias}/{name}` of an archived server: full `details` with
/// `ipAddresses` (with `internal`), `cpu: 0`, `memoryMB: 0`, `disks`, `partitions`,
/// `snapshots`, `powerState`, `storageGB`. Only a `?serverDetail=detailed` group read has the
/// short `{"powerState":"stopped","storageGB":16}` (recorded for `uc1altdsr-va203`).
#[test]
fn an_archived_server_read_directly_has_full_details_and_in_a_group_read_the_short_ones() {
    let mut c = Client::demo();
    let s = c.get_json("/v2/servers/DEMO/va1demoold01");
    assert_eq!(s["status"], "archived");
    let d = &s["details"];
    assert_eq!((&d["cpu"], &d["memoryMB"]), (&json!(0), &json!(0)));
    assert_eq!(
        d["ipAddresses"][0]["internal"]
            .as_str()
            .map(|i| i.starts_with("10.")),
        Some(true)
    );
    for field in ["disks", "partitions", "snapshots"] {
        assert!(d[field].is_array(), "{field}");
    }
    assert_eq!(
        (&d["powerState"], &d["storageGB"]),
        (&json!("stopped"), &json!(60))
    );

    let archive = group_id(&mut c, "VA1", "archive");
    let tree = c.get_json(&format!("/v2/groups/DEMO/{archive}?serverDetail=detailed"));
    let listed = &tree["servers"][0];
    assert_eq!(listed["id"], "va1demoold01");
    assert_eq!(
        listed["details"],
        json!({ "powerState": "stopped", "storageGB": 60 })
    );
}

/// Real archived-server links (recorded): `self` `[GET, PATCH]`, `group`, `account`,
/// `billing`, then `restore` and `delete` without verbs, and nothing else.
#[test]
fn an_archived_server_has_the_recorded_links() {
    let mut c = Client::demo();
    let s = c.get_json("/v2/servers/DEMO/va1demoold01");
    assert_eq!(
        rels(&s),
        [
            rel("self", json!(["GET", "PATCH"])),
            rel("group", Value::Null),
            rel("account", Value::Null),
            rel("billing", Value::Null),
            rel("restore", Value::Null),
            rel("delete", Value::Null),
        ]
    );
    assert_eq!(
        link(&s, "delete").unwrap()["href"],
        "/v2/servers/demo/va1demoold01"
    );
    let server: clc::models::Server = serde_json::from_value(s).unwrap();
    assert!(
        server.can_delete(),
        "the client deletes it through its delete link"
    );
    // A viewer may not delete or restore, so is not shown those links.
    let viewer = Client::viewer().get_json("/v2/servers/DEMO/va1demoold01");
    assert!(link(&viewer, "delete").is_none() && link(&viewer, "restore").is_none());
}

/// Real, for `queuedForDelete` and `underConstruction`: only `self` `[GET, PATCH]`, `group`,
/// `account` and `billing` (no DELETE anywhere, no `publicIPAddress` links), and no details.
#[test]
fn servers_queued_for_delete_or_under_construction_have_only_the_real_links() {
    let only = [
        rel("self", json!(["GET", "PATCH"])),
        rel("group", Value::Null),
        rel("account", Value::Null),
        rel("billing", Value::Null),
    ];
    let mut c = Client::demo();
    assert_eq!(c.delete("/v2/servers/DEMO/va1demoweb01").status, 202);
    let queued = c.get_json("/v2/servers/DEMO/va1demoweb01");
    assert_eq!(queued["status"], "queuedForDelete");
    assert_eq!(rels(&queued), only);
    assert!(queued.get("details").is_none());

    // The demo's own: a server being built, and one whose delete was queued before.
    for (id, status) in [
        ("gb3demobuild01", "underConstruction"),
        ("gb3demoretire01", "queuedForDelete"),
    ] {
        let s = c.get_json(&format!("/v2/servers/DEMO/{id}"));
        assert_eq!(s["status"], status, "{id}");
        assert_eq!(rels(&s), only, "{id}");
        assert!(s.get("details").is_none(), "{id}");
    }
}

/// The demo's build and its earlier delete finish a minute into the session, like any queued
/// operation: the built server becomes active, the queued one goes.
#[test]
fn the_demo_build_and_earlier_delete_finish_a_minute_into_the_session() {
    let mut c = Client::demo();
    assert_eq!(c.get("/v2/servers/DEMO/gb3demoretire01").status, 200);
    c.advance(60_000);
    assert_eq!(
        c.get_json("/v2/servers/DEMO/gb3demobuild01")["status"],
        "active"
    );
    assert_eq!(c.get("/v2/servers/DEMO/gb3demoretire01").status, 404);
}

/// Real `?serverDetail=detailed` reads never carry `rel: "server"` links, with or without
/// servers: the servers are in `servers`. A plain read has them as links.
#[test]
fn detailed_group_reads_have_no_server_links() {
    let mut c = Client::demo();
    for (_, root) in c.roots() {
        let tree = c.get_json(&format!("/v2/groups/DEMO/{root}?serverDetail=detailed"));
        let mut all = vec![&tree];
        let mut i = 0;
        while i < all.len() {
            all.extend(all[i]["groups"].as_array().unwrap().iter());
            i += 1;
        }
        for g in all {
            assert!(link(g, "server").is_none(), "{}", g["name"]);
        }
    }
    let archive = group_id(&mut c, "VA1", "archive");
    let plain = c.get_json(&format!("/v2/groups/DEMO/{archive}"));
    assert_eq!(link(&plain, "server").unwrap()["id"], "va1demoold01");
}

/// Real Archive and Templates links: `self` `[GET, PATCH]`, `parentGroup`, `defaults`
/// `[GET, POST]`, `billing`, and `archiveGroupAction` without verbs (the recordings of
/// clc-node-sdk show the first four; the recordings also `archiveGroupAction`).
#[test]
fn the_archive_and_templates_groups_have_the_real_links() {
    let mut c = Client::demo();
    for kind in ["archive", "templates"] {
        let id = group_id(&mut c, "VA1", kind);
        let g = c.get_json(&format!("/v2/groups/DEMO/{id}?serverDetail=detailed"));
        assert_eq!(
            rels(&g),
            [
                rel("self", json!(["GET", "PATCH"])),
                rel("parentGroup", Value::Null),
                rel("defaults", json!(["GET", "POST"])),
                rel("billing", Value::Null),
                rel("archiveGroupAction", Value::Null),
            ],
            "{kind}"
        );
    }
}

/// Real experimental status while running (reference, and the recordings):
/// `{"requestType":"blueprintOperation","status":"running","summary":{"blueprintId":92121,
/// "locationId":"WA1"},"source":{"userName":"…","requestedAt":"2016-01-11T18:39:07Z"}}`; a
/// finished secondary-NIC removal was recorded as `{"status":"succeeded"}`.
#[test]
fn an_experimental_operation_reports_the_blueprint_form_while_running() {
    let mut c = Client::demo();
    let util = c.find_server(|s| s["id"] == "va1demoutil01");
    let network = c.state()["networks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["dataCenter"] == "VA1" && n["primary"] == false)
        .map(|n| n["id"].as_str().unwrap().to_string())
        .unwrap();
    assert_eq!(util["id"], "va1demoutil01");
    let r = c.delete(&format!(
        "/v2/servers/DEMO/va1demoutil01/networks/{network}"
    ));
    assert_eq!(r.status, 202, "{}", r.body);
    let uri = json(&r)["uri"].as_str().unwrap().to_string();
    let running = c.get_json(&uri);
    assert_eq!(
        keys(&running),
        ["requestType", "source", "status", "summary"]
    );
    assert_eq!(running["requestType"], "blueprintOperation");
    assert_eq!(running["status"], "running");
    assert!(running["summary"]["blueprintId"].is_u64(), "an integer");
    assert_eq!(running["summary"]["locationId"], "VA1");
    assert_eq!(running["source"]["userName"], "demo");
    assert!(running["source"]["requestedAt"]
        .as_str()
        .unwrap()
        .ends_with('Z'));
    c.advance(60_000);
    assert_eq!(c.get_json(&uri), json!({ "status": "succeeded" }));
}

/// Real load-balancer nodes: `{"status":"enabled","ipAddress":"66.155.4.73","privatePort":8088}`
/// (no `name`); a real `details.cpuAutoscalePolicy` has an `id` and `links` only.
#[test]
fn load_balancer_nodes_and_autoscale_policies_carry_only_the_real_fields() {
    let mut c = Client::demo();
    let lbs = c.get_json("/v2/sharedLoadBalancers/DEMO/va1");
    let lb = lbs[0]["id"].as_str().unwrap().to_string();
    let pool = lbs[0]["pools"][0]["id"].as_str().unwrap().to_string();
    let nodes = c.get_json(&format!(
        "/v2/sharedLoadBalancers/DEMO/va1/{lb}/pools/{pool}/nodes"
    ));
    for n in nodes.as_array().unwrap() {
        assert_eq!(keys(n), ["ipAddress", "privatePort", "status"]);
    }
    assert_eq!(
        keys(&lbs[0]["pools"][0]["nodes"][0]),
        ["ipAddress", "privatePort", "status"]
    );
    let ids: Vec<String> = c.state()["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    let mapped = ids
        .iter()
        .find_map(|s| {
            let doc = c.get_json(&format!("/v2/servers/DEMO/{s}"));
            doc["details"].get("cpuAutoscalePolicy").cloned()
        })
        .expect("a server with an autoscale policy");
    assert_eq!(keys(&mapped), ["id", "links"]);
}
