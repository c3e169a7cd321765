//! Checks login (JSON and form-encoded bodies, wrong credentials), the JWT's shape and lifetime,
//! 401 without a token, with a forged or expired one, 403 for another alias, and the read-only
//! user's role-filtered links and refused deletes.

mod support;

use clc::{Method, Request};
use clc_sim::{Faults, Scenario, Sim};
use serde_json::Value;

use support::*;

fn b64url_decode(s: &str) -> Vec<u8> {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let (mut acc, mut bits, mut out) = (0u32, 0u32, Vec::new());
    for c in s.bytes() {
        acc = (acc << 6) | A.iter().position(|&x| x == c).expect("base64url") as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[test]
fn json_login_returns_the_documented_fields_and_a_14_day_jwt() {
    let mut sim = Sim::new(Scenario::Demo, 1);
    let r = sim.handle(&login_request("demo", "demo-password"), 0);
    assert_eq!(r.status, 200);
    let body = json(&r);
    assert_eq!(body["userName"], "demo");
    assert_eq!(body["accountAlias"], "DEMO");
    assert_eq!(body["locationAlias"], "VA1");
    assert!(body["roles"]
        .as_array()
        .unwrap()
        .contains(&Value::from("AccountAdmin")));
    let token = body["bearerToken"].as_str().unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    let header: Value = serde_json::from_slice(&b64url_decode(parts[0])).unwrap();
    assert_eq!(header["alg"], "HS256");
    let claims: Value = serde_json::from_slice(&b64url_decode(parts[1])).unwrap();
    assert_eq!(claims["iss"], "urn:api-tier3");
    assert_eq!(claims["aud"], "urn:tier3-users");
    assert_eq!(
        claims["exp"].as_u64().unwrap() - claims["nbf"].as_u64().unwrap(),
        1_209_600
    );
    assert_eq!(claims["unique_name"], "demo");
    assert_eq!(claims["urn:tier3:account-alias"], "DEMO");
    assert_eq!(claims["urn:tier3:location-alias"], "VA1");
    assert!(claims["role"].as_array().unwrap().len() > 1);
    assert_eq!(
        claims["nbf"].as_u64().unwrap(),
        clc_sim::DEFAULT_EPOCH_MS / 1000
    );
}

#[test]
fn form_encoded_login_works_too() {
    let mut sim = Sim::new(Scenario::Demo, 1);
    let req = Request::new(Method::Post, "https://api.ctl.io/v2/authentication/login")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("username=demo&password=demo-password");
    let r = sim.handle(&req, 0);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(json(&r)["accountAlias"], "DEMO");
}

#[test]
fn wrong_credentials_get_the_documented_400() {
    let mut sim = Sim::new(Scenario::Demo, 1);
    for (u, p) in [("demo", "nope"), ("nobody", "demo-password"), ("", "")] {
        let r = sim.handle(&login_request(u, p), 0);
        assert_eq!(r.status, 400);
        assert_eq!(
            json(&r)["message"],
            "We didn't recognize the username or password you entered. Please try again."
        );
    }
}

#[test]
fn every_scenario_has_its_users() {
    for (scenario, user, alias) in [
        (Scenario::Empty, "empty", "EMPT"),
        (Scenario::Demo, "demo", "DEMO"),
        (
            Scenario::parse("large:dcs=1,servers=2,groups=1,ips=0").unwrap(),
            "large",
            "LRGE",
        ),
    ] {
        let mut sim = Sim::new(scenario, 1);
        let r = sim.handle(&login_request(user, &format!("{user}-password")), 0);
        assert_eq!(json(&r)["accountAlias"], alias);
        let r = sim.handle(&login_request("viewer", "viewer-password"), 0);
        assert_eq!(json(&r)["roles"], serde_json::json!(["AccountViewer"]));
    }
}

#[test]
fn missing_malformed_or_forged_tokens_get_401() {
    let mut c = Client::demo();
    let unauthorized = r#"{"message":"Authorization has been denied for this request."}"#;
    let bare = c
        .sim
        .handle(&Request::new(Method::Get, "/v2/datacenters/DEMO"), 0);
    assert_eq!((bare.status, bare.body.as_str()), (401, unauthorized));
    let token = c.token.clone();
    for header in [
        token.clone(),
        format!("Basic {token}"),
        "Bearer garbage".into(),
        format!("Bearer {token}x"),
    ] {
        let r = c.sim.handle(
            &Request::new(Method::Get, "/v2/datacenters/DEMO").header("Authorization", header),
            0,
        );
        assert_eq!(r.status, 401);
    }
    assert_eq!(c.get("/v2/datacenters/DEMO").status, 200);
}

#[test]
fn tokens_expire_after_14_days() {
    let mut c = Client::demo();
    c.advance(14 * 24 * 3_600_000 - 1_000);
    assert_eq!(c.get("/v2/datacenters/DEMO").status, 200);
    c.advance(1_000);
    assert_eq!(c.get("/v2/datacenters/DEMO").status, 401);
}

#[test]
fn another_alias_is_forbidden() {
    let mut c = Client::demo();
    for url in [
        "/v2/datacenters/ACME",
        "/v2/groups/acme/x",
        "/v2/siteToSiteVpn?account=ACME",
        "/rdbs/v1/ACME/subscriptions",
    ] {
        let r = c.get(url);
        assert_eq!(r.status, 403, "{url}");
        assert!(json(&r)["message"].is_string());
    }
}

#[test]
fn the_viewer_sees_no_delete_verbs_and_cannot_delete() {
    let mut admin = Client::demo();
    let mut viewer = Client::viewer();
    let (_, root) = admin.roots()[0].clone();
    let url = format!("/v2/groups/demo/{root}?serverDetail=detailed");
    let (a, v) = (admin.get_json(&url), viewer.get_json(&url));
    let verbs = |doc: &Value| {
        let mut all = String::new();
        collect_verbs(doc, &mut all);
        all
    };
    assert!(verbs(&a).contains("DELETE"));
    assert!(!verbs(&v).contains("DELETE"));
    assert!(!verbs(&v).contains("POST"));
    let web = admin.find_server(|s| s["id"] == "va1demoweb01");
    assert_eq!(web["status"], "active");
    let r = viewer.delete("/v2/servers/demo/va1demoweb01");
    assert_eq!(r.status, 403);
    assert_eq!(viewer.get("/v2/servers/demo/va1demoweb01").status, 200);
    assert_eq!(
        viewer.find_server(|s| s["id"] == "va1demoweb01")["status"],
        "active"
    );
}

fn collect_verbs(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, x)| {
            if k == "verbs" {
                out.push_str(&x.to_string());
            }
            collect_verbs(x, out)
        }),
        Value::Array(a) => a.iter().for_each(|x| collect_verbs(x, out)),
        _ => {}
    }
}

#[test]
fn token_expiry_fault_expires_old_tokens_but_not_new_ones() {
    let mut c = Client::demo();
    c.sim.set_faults(Faults {
        expire_tokens_at_ms: Some(5_000),
        ..Faults::default()
    });
    assert_eq!(c.get("/v2/datacenters/DEMO").status, 200);
    c.advance(5_000);
    assert_eq!(c.get("/v2/datacenters/DEMO").status, 401);
    c.advance(1);
    let fresh = c.sim.handle(&login_request("demo", "demo-password"), c.now);
    c.token = json(&fresh)["bearerToken"].as_str().unwrap().to_string();
    assert_eq!(c.get("/v2/datacenters/DEMO").status, 200);
}

#[test]
fn after_a_reset_to_another_account_old_tokens_reach_nothing() {
    let mut c = Client::demo();
    c.sim.reset(Scenario::Empty, 1);
    for url in [
        "/v2/datacenters/DEMO",
        "/v2/datacenters/EMPT",
        "/v2/siteToSiteVpn?account=DEMO",
        "/backup/clc-backup-api/api/accountPolicies",
    ] {
        assert_eq!(c.get(url).status, 403, "{url}");
    }
    c.sim.reset(Scenario::Demo, 9);
    assert_eq!(
        c.get("/v2/datacenters/DEMO").status,
        200,
        "valid again for its own account"
    );
}
