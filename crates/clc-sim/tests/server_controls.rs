//! Checks, against the `clc-sim` binary over real HTTP on loopback, what the deletion-safety
//! tests need from the server: a redirect fault whose `Location` reaches the page (passed
//! through and exposed by CORS), resources added mid-run (`POST /_sim/add`), planted hostile
//! names and ids (`POST /_sim/plant`) and the log of changing requests (`GET /_sim/log`).
#![cfg(feature = "server")]

mod support;

use support::http::{request, HttpResponse, RunningSim};

const ORIGIN: &str = "https://kb.example.com";

fn login(port: u16) -> String {
    let r = request(
        port,
        "POST",
        "/v2/authentication/login",
        &[("Content-Type", "application/json")],
        r#"{"username":"demo","password":"demo-password"}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    format!("Bearer {}", r.json()["bearerToken"].as_str().unwrap())
}

fn control(port: u16, method: &str, path: &str, body: &str) -> HttpResponse {
    request(
        port,
        method,
        path,
        &[("Content-Type", "application/json")],
        body,
    )
}

#[test]
fn a_redirect_fault_reaches_the_page_with_its_location_exposed() {
    let sim = RunningSim::start(&["--scenario", "demo"]);
    let port = sim.port;
    let auth = login(port);
    let h = [("Authorization", auth.as_str()), ("Origin", ORIGIN)];
    let set = control(
        port,
        "POST",
        "/_sim/faults",
        r#"{"rules":[{"route":"/v2/servers/*/*","method":"DELETE","times":1,
            "fault":{"kind":"redirect","status":307,"location":"/v2/servers/DEMO/other"}}]}"#,
    );
    assert_eq!(set.status, 200, "{}", set.body);
    assert_eq!(set.json()["rules"][0]["fault"]["kind"], "redirect");

    let r = request(port, "DELETE", "/v2/servers/DEMO/va1demoweb01", &h, "");
    assert_eq!(r.status, 307);
    assert_eq!(r.header("Location"), Some("/v2/servers/DEMO/other"));
    assert_eq!(r.body, "");
    assert_eq!(r.header("Access-Control-Allow-Origin"), Some(ORIGIN));
    let exposed = r.header("Access-Control-Expose-Headers").unwrap();
    assert!(
        exposed.split(',').any(|h| h.trim() == "Location"),
        "{exposed}"
    );
    let server = request(port, "GET", "/v2/servers/DEMO/va1demoweb01", &h, "");
    assert_eq!(server.json()["status"], "active");
}

#[test]
fn the_log_lists_changing_requests_without_headers_or_bodies_until_a_reset() {
    let sim = RunningSim::start(&["--scenario", "demo"]);
    let port = sim.port;
    let auth = login(port);
    let h = [("Authorization", auth.as_str())];
    request(port, "GET", "/v2/servers/DEMO/va1demoweb01", &h, "");
    for _ in 0..2 {
        let r = request(port, "DELETE", "/v2/servers/DEMO/va1demoweb01?x=1", &h, "");
        assert_eq!(r.status, 202, "{}", r.body);
    }
    let log = control(port, "GET", "/_sim/log", "");
    assert_eq!(log.status, 200);
    let entries = log.json();
    let entries = entries.as_array().unwrap();
    let seen: Vec<(&str, &str, u64)> = entries
        .iter()
        .map(|e| {
            (
                e["method"].as_str().unwrap(),
                e["path"].as_str().unwrap(),
                e["status"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("POST", "/v2/authentication/login", 200),
            ("DELETE", "/v2/servers/DEMO/va1demoweb01", 202),
            ("DELETE", "/v2/servers/DEMO/va1demoweb01", 202),
        ]
    );
    for e in entries {
        let keys: Vec<&String> = e.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["atMs", "method", "path", "status"]);
        assert!(e["atMs"].is_u64());
    }
    assert!(!log.body.contains("demo-password") && !log.body.contains("Bearer"));
    assert_eq!(control(port, "POST", "/_sim/reset", "").status, 200);
    assert_eq!(control(port, "GET", "/_sim/log", "").body, "[]");
}

#[test]
fn add_creates_a_server_in_a_user_group_and_refuses_what_it_cannot() {
    let sim = RunningSim::start(&["--scenario", "demo"]);
    let port = sim.port;
    let auth = login(port);
    let h = [("Authorization", auth.as_str())];
    let state = control(port, "GET", "/_sim/state", "").json();
    let group = |name: &str| {
        state["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["name"] == name)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (web, templates) = (group("Web"), group("Templates"));

    let added = control(
        port,
        "POST",
        "/_sim/add",
        &format!(r#"{{"kind":"server","group":"{web}","name":"late"}}"#),
    );
    assert_eq!(added.status, 200, "{}", added.body);
    assert_eq!(added.json(), serde_json::json!({ "id": "va1demolate01" }));
    let tree = request(
        port,
        "GET",
        &format!("/v2/groups/DEMO/{web}?serverDetail=detailed"),
        &h,
        "",
    )
    .json();
    assert!(tree["servers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == "va1demolate01"));
    let unnamed = control(
        port,
        "POST",
        "/_sim/add",
        &format!(r#"{{"kind":"server","group":"{web}"}}"#),
    );
    assert_eq!(unnamed.json()["id"], "va1demonew01");

    for body in [
        r#"{"kind":"server","group":"nosuchgroup"}"#.to_string(),
        format!(r#"{{"kind":"server","group":"{templates}"}}"#),
        format!(r#"{{"kind":"network","group":"{web}"}}"#),
        "{not json".to_string(),
    ] {
        let r = control(port, "POST", "/_sim/add", &body);
        assert_eq!(r.status, 400, "{body}");
        assert!(!r.json()["message"].as_str().unwrap().is_empty());
    }
}

#[test]
fn plant_puts_hostile_names_and_snapshot_ids_in_the_reads_until_a_reset() {
    let sim = RunningSim::start(&["--scenario", "demo"]);
    let port = sim.port;
    let auth = login(port);
    let h = [("Authorization", auth.as_str())];
    let state = control(port, "GET", "/_sim/state", "").json();
    let web = state["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "Web")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let long = "\u{202E}<b>x</b>".repeat(1_250);
    let body = serde_json::json!({
        "names": { "va1demoweb01": long, web.clone(): "\u{202E}gpj.exe" },
        "snapshotIds": { "va1demoweb01": ["..", ""] },
    });
    let planted = control(port, "POST", "/_sim/plant", &body.to_string());
    assert_eq!(planted.status, 200, "{}", planted.body);
    assert_eq!(
        planted.json(),
        serde_json::json!({ "names": 2, "snapshots": 2 })
    );

    let tree = request(
        port,
        "GET",
        &format!("/v2/groups/DEMO/{web}?serverDetail=detailed"),
        &h,
        "",
    );
    assert!(tree.body.contains(&serde_json::to_string(&long).unwrap()));
    let tree = tree.json();
    assert_eq!(tree["name"], "\u{202E}gpj.exe");
    let server = tree["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "va1demoweb01")
        .unwrap();
    assert_eq!(server["name"], long.as_str());
    let hrefs: Vec<&str> = server["details"]["snapshots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["links"][0]["href"].as_str().unwrap())
        .collect();
    assert!(
        hrefs.contains(&"/v2/servers/demo/va1demoweb01/snapshots/.."),
        "{hrefs:?}"
    );
    assert!(
        hrefs.contains(&"/v2/servers/demo/va1demoweb01/snapshots/"),
        "{hrefs:?}"
    );

    // All or nothing: one unknown id refuses the body and plants none of it.
    let refused = control(
        port,
        "POST",
        "/_sim/plant",
        r#"{"names":{"va1demoweb02":"x","nosuchthing":"y"}}"#,
    );
    assert_eq!(refused.status, 400);
    let web2 = request(port, "GET", "/v2/servers/DEMO/va1demoweb02", &h, "").json();
    assert_eq!(web2["name"], "VA1DEMOWEB02");
    assert_eq!(
        control(
            port,
            "POST",
            "/_sim/plant",
            r#"{"snapshotIds":{"nosuchserver":[".."]}}"#
        )
        .status,
        400
    );
    assert_eq!(
        control(port, "POST", "/_sim/plant", r#"{"other":1}"#).status,
        400
    );

    assert_eq!(control(port, "POST", "/_sim/reset", "").status, 200);
    let server = request(port, "GET", "/v2/servers/DEMO/va1demoweb01", &h, "").json();
    assert_eq!(server["name"], "VA1DEMOWEB01");
}
