//! Checks the async queue and what it does to servers and groups: status ids `<dc>-<n>`,
//! notStarted → executing → succeeded on the virtual clock, `queuedForDelete` without details
//! while a delete runs, then 404; one status id for a batch; public IPs and snapshots going with
//! their server; group delete cascading to sub-groups and servers; refusals for system groups;
//! and operations made to fail.

mod support;

use clc::Method;
use clc_sim::{Faults, QueueTiming};
use serde_json::Value;

use support::*;

fn status_href(doc: &Value) -> String {
    let link = if doc["rel"] == "status" {
        doc
    } else {
        &doc["links"][0]
    };
    assert_eq!(link["rel"], "status");
    link["href"].as_str().unwrap().to_string()
}

#[test]
fn server_delete_progresses_with_virtual_time_and_then_the_server_is_gone() {
    let mut c = Client::demo();
    c.sim.set_queue_timing(QueueTiming {
        not_started_ms: 1_000,
        executing_ms: 4_000,
        jitter_ms: 0,
    });
    let r = c.delete("/v2/servers/DEMO/va1demoweb01");
    assert_eq!(r.status, 202);
    let body = json(&r);
    assert_eq!(body["server"], "va1demoweb01");
    assert_eq!(body["isQueued"], true);
    let href = status_href(&body);
    let id = body["links"][0]["id"].as_str().unwrap();
    assert!(
        id.starts_with("va1-") && id[4..].parse::<u64>().is_ok(),
        "{id}"
    );
    assert_eq!(href, format!("/v2/operations/demo/status/{id}"));

    let table = [
        (0, "notStarted"),
        (999, "notStarted"),
        (1_000, "executing"),
        (4_999, "executing"),
        (5_000, "succeeded"),
    ];
    let mut t = 0;
    for (at, expected) in table {
        c.advance(at - t);
        t = at;
        assert_eq!(c.get_json(&href)["status"], expected, "at {at} ms");
        if expected != "succeeded" {
            let s = c.get_json("/v2/servers/demo/va1demoweb01");
            assert_eq!(s["status"], "queuedForDelete");
            assert!(
                s.get("details").is_none(),
                "no details while queued for delete"
            );
        }
    }
    assert_eq!(c.get("/v2/servers/demo/va1demoweb01").status, 404);
    assert_eq!(c.delete("/v2/servers/demo/va1demoweb01").status, 404);
}

#[test]
fn a_queued_server_shows_in_its_group_as_queued_for_delete() {
    let mut c = Client::demo();
    let web = c.find_server(|s| s["id"] == "va1demoweb02");
    let group = web["groupId"].as_str().unwrap().to_string();
    c.delete("/v2/servers/demo/va1demoweb02");
    let g = c.get_json(&format!("/v2/groups/demo/{group}?serverDetail=detailed"));
    let s = g["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "va1demoweb02")
        .unwrap();
    assert_eq!(s["status"], "queuedForDelete");
    assert!(s.get("details").is_none());
}

#[test]
fn deleting_again_while_queued_returns_the_same_operation() {
    let mut c = Client::demo();
    let a = status_href(&json(&c.delete("/v2/servers/demo/va1demoweb01")));
    let b = status_href(&json(&c.delete("/v2/servers/DEMO/VA1DEMOWEB01")));
    assert_eq!(a, b);
}

#[test]
fn public_ips_and_snapshots_go_with_their_server() {
    let mut c = Client::demo();
    let before = c.state();
    assert!(before["publicIps"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["serverId"] == "va1demoweb01"));
    assert!(before["snapshots"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["serverId"] == "va1demoweb01"));
    let net = before["networks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["dataCenter"] == "VA1" && n["primary"] == true)
        .unwrap()
        .clone();
    let href = status_href(&json(&c.delete("/v2/servers/demo/va1demoweb01")));
    assert_eq!(c.run_until_done(&href), "succeeded");
    let after = c.state();
    assert!(!after["publicIps"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["serverId"] == "va1demoweb01"));
    assert!(!after["snapshots"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["serverId"] == "va1demoweb01"));
    let net_after = after["networks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == net["id"])
        .unwrap();
    assert_eq!(
        net_after["claimedIps"].as_u64().unwrap(),
        net["claimedIps"].as_u64().unwrap() - 2,
        "NIC and public-IP mapping released"
    );
}

#[test]
fn public_ip_delete_is_202_and_snapshot_delete_is_200_with_a_status_link() {
    let mut c = Client::demo();
    let s = c.get_json("/v2/servers/demo/va1demoweb01");
    let ip_link = link(&s, "publicIPAddress").unwrap().clone();
    assert_eq!(
        ip_link["verbs"],
        serde_json::json!(["GET", "PUT", "DELETE"])
    );
    let ip_doc = c.get_json(ip_link["href"].as_str().unwrap());
    assert!(ip_doc["internalIPAddress"].is_string());
    assert_eq!(ip_doc["ports"][0]["protocol"], "TCP");
    let r = c.delete(ip_link["href"].as_str().unwrap());
    assert_eq!(r.status, 202);
    let ip_status = status_href(&json(&r));
    let snap = s["details"]["snapshots"][0]["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["rel"] == "delete")
        .unwrap()
        .clone();
    let r = c.delete(snap["href"].as_str().unwrap());
    assert_eq!(r.status, 200);
    let snap_status = status_href(&json(&r));
    assert_ne!(ip_status, snap_status);
    assert_eq!(c.run_until_done(&ip_status), "succeeded");
    c.run_until_done(&snap_status);
    let s = c.get_json("/v2/servers/demo/va1demoweb01");
    assert!(link(&s, "publicIPAddress").is_none());
    assert_eq!(s["details"]["snapshots"], serde_json::json!([]));
    assert_eq!(s["details"]["ipAddresses"].as_array().unwrap().len(), 1);
    assert_eq!(c.get(ip_link["href"].as_str().unwrap()).status, 404);
}

#[test]
fn a_batch_shares_one_status_id_and_reports_refusals_per_server() {
    let mut c = Client::demo();
    let body = r#"["VA1DEMOWEB01","va1demoweb02","VA1DEMONOPE99"]"#;
    let r = c.send(
        Method::Post,
        "/v2/operations/DEMO/servers/delete",
        Some(body),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let items = json(&r);
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 3);
    let (a, b) = (status_href(&items[0]), status_href(&items[1]));
    assert_eq!(a, b, "one status id for the whole batch");
    assert_eq!(items[2]["isQueued"], false);
    assert!(items[2]["errorMessage"]
        .as_str()
        .unwrap()
        .contains("cannot be found"));
    assert_eq!(c.run_until_done(&a), "succeeded");
    assert_eq!(c.get("/v2/servers/demo/va1demoweb01").status, 404);
    assert_eq!(c.get("/v2/servers/demo/va1demoweb02").status, 404);
}

#[test]
fn power_operations_share_a_status_id_and_change_the_power_state() {
    let mut c = Client::demo();
    let r = c.send(
        Method::Post,
        "/v2/operations/demo/servers/powerOff",
        Some(r#"["va1demoweb01","va1demoweb03"]"#),
    );
    let items = json(&r);
    assert_eq!(items[0]["isQueued"], true);
    assert_eq!(items[1]["isQueued"], false, "web03 is already stopped");
    assert_eq!(
        items[1]["errorMessage"],
        "The server already in desired state."
    );
    c.run_until_done(&status_href(&items[0]));
    assert_eq!(
        c.get_json("/v2/servers/demo/va1demoweb01")["details"]["powerState"],
        "stopped"
    );
}

#[test]
fn group_delete_cascades_to_subgroups_and_servers_when_it_completes() {
    let mut c = Client::demo();
    let state = c.state();
    let groups = state["groups"].as_array().unwrap();
    let web = groups.iter().find(|g| g["name"] == "Web").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let staging = groups.iter().find(|g| g["name"] == "Web Staging").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = c.delete(&format!("/v2/groups/demo/{web}"));
    assert_eq!(r.status, 202);
    let body = json(&r);
    assert_eq!(body["rel"], "status", "the body is the single status link");
    let href = status_href(&body);
    for id in ["va1demoweb01", "va1demoweb02", "va1demoweb03"] {
        assert_eq!(
            c.get_json(&format!("/v2/servers/demo/{id}"))["status"],
            "queuedForDelete"
        );
    }
    assert_eq!(c.get(&format!("/v2/groups/demo/{staging}")).status, 200);
    assert_eq!(c.run_until_done(&href), "succeeded");
    for url in [
        format!("/v2/groups/demo/{web}"),
        format!("/v2/groups/demo/{staging}"),
        "/v2/servers/demo/va1demoweb03".into(),
    ] {
        assert_eq!(c.get(&url).status, 404, "{url}");
    }
    let (_, root) = c.roots()[0].clone();
    let tree = c.get_json(&format!("/v2/groups/demo/{root}"));
    assert!(!tree["groups"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["name"] == "Web"));
    assert_eq!(
        c.get("/v2/servers/demo/va1demodb01").status,
        200,
        "other groups untouched"
    );
}

#[test]
fn system_groups_have_no_delete_verb_and_deleting_them_is_refused() {
    let mut c = Client::demo();
    let (_, root) = c.roots()[0].clone();
    let tree = c.get_json(&format!("/v2/groups/demo/{root}"));
    let mut system = vec![tree.clone()];
    for g in tree["groups"].as_array().unwrap() {
        if g["name"] == "Archive" || g["name"] == "Templates" {
            system.push(g.clone());
        }
    }
    assert_eq!(system.len(), 3);
    for g in system {
        assert_eq!(
            link(&g, "self").unwrap()["verbs"],
            serde_json::json!(["GET", "PATCH"]),
            "{}",
            g["name"]
        );
        let r = c.delete(&format!("/v2/groups/demo/{}", g["id"].as_str().unwrap()));
        assert_eq!(r.status, 400, "{}", g["name"]);
        assert!(json(&r)["message"]
            .as_str()
            .unwrap()
            .contains("cannot be deleted"));
    }
    let user = tree["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "Web")
        .unwrap()
        .clone();
    assert_eq!(
        link(&user, "self").unwrap()["verbs"],
        serde_json::json!(["GET", "PATCH", "DELETE"])
    );
    let operations = c.state()["operations"].as_array().unwrap().clone();
    assert!(
        operations
            .iter()
            .all(|o| !o["what"].as_str().unwrap().starts_with("delete group")),
        "no group delete was queued: {operations:?}"
    );
}

#[test]
fn failing_operations_end_failed_and_leave_the_server_in_place() {
    let mut c = Client::demo();
    c.sim.set_faults(Faults {
        fail_operations_for: vec!["VA1DEMOWEB02".into()],
        ..Faults::default()
    });
    let bad = status_href(&json(&c.delete("/v2/servers/demo/va1demoweb02")));
    let good = status_href(&json(&c.delete("/v2/servers/demo/va1demoweb01")));
    assert_eq!(c.run_until_done(&bad), "failed");
    assert_eq!(c.run_until_done(&good), "succeeded");
    let s = c.get_json("/v2/servers/demo/va1demoweb02");
    assert_eq!(s["status"], "active");
    assert!(s.get("details").is_some());
    c.sim.set_faults(Faults {
        fail_operations: true,
        ..Faults::default()
    });
    let (_, root) = c.roots()[1].clone();
    let tree = c.get_json(&format!("/v2/groups/demo/{root}"));
    let analytics = tree["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "Analytics")
        .unwrap()["id"]
        .clone();
    let href = status_href(&json(
        &c.delete(&format!("/v2/groups/demo/{}", analytics.as_str().unwrap())),
    ));
    assert_eq!(c.run_until_done(&href), "failed");
    assert_eq!(
        c.get_json("/v2/servers/demo/uc1demoanl01")["status"],
        "active"
    );
}

#[test]
fn unknown_status_ids_are_404() {
    let mut c = Client::demo();
    assert_eq!(c.get("/v2/operations/demo/status/va1-1").status, 404);
}

#[test]
fn removing_a_secondary_nic_is_an_experimental_operation() {
    let mut c = Client::demo();
    let net = c.state()["networks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["dataCenter"] == "VA1" && n["primary"] == false)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = c.delete(&format!("/v2/servers/demo/va1demoutil01/networks/{net}"));
    assert_eq!(r.status, 202);
    let body = json(&r);
    let uri = body["uri"].as_str().unwrap();
    assert!(uri.starts_with("http://api.ctl.io/v2-experimental/operations/DEMO/status/"));
    assert_eq!(c.get_json(uri)["status"], "running");
    c.advance(10_000);
    assert_eq!(c.get_json(uri)["status"], "succeeded");
    assert_eq!(
        c.get_json("/v2/servers/demo/va1demoutil01")["details"]["secondaryIPAddresses"],
        serde_json::json!([])
    );
}

#[test]
fn the_state_dump_shows_finished_operations_without_another_request() {
    let mut c = Client::demo();
    c.delete("/v2/servers/demo/va1demoweb01");
    let sim = &c.sim;
    let queued = sim.state_json(1_000);
    let s = queued["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "va1demoweb01")
        .unwrap();
    assert_eq!(s["status"], "queuedForDelete");
    assert_eq!(queued["operations"][0]["status"], "executing");
    let done = sim.state_json(60_000);
    assert!(!done["servers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == "va1demoweb01"));
    assert_eq!(done["operations"][0]["status"], "succeeded");
}
