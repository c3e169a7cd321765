//! Checks each injected fault: latency (reported in a header), 429 with Retry-After, 500/503
//! bursts that stop after N times, malformed and truncated bodies, per-route and per-verb
//! matching, a failing `serverDetail=detailed`, and the JSON form the server accepts.

mod support;

use clc_sim::{FaultKind, FaultRule, Faults, DELAY_HEADER};

use support::*;

fn rule(route: Option<&str>, times: Option<u32>, fault: FaultKind) -> FaultRule {
    FaultRule {
        route: route.map(String::from),
        method: None,
        times,
        fault,
    }
}

fn with(rules: Vec<FaultRule>) -> Faults {
    Faults {
        rules,
        ..Faults::default()
    }
}

#[test]
fn latency_is_reported_not_slept() {
    let mut c = Client::demo();
    c.sim.set_faults(with(vec![rule(
        None,
        None,
        FaultKind::Latency {
            ms: 200,
            jitter_ms: 50,
        },
    )]));
    let r = c.get("/v2/datacenters/DEMO");
    assert_eq!(r.status, 200);
    let delay: u64 = r.header_value(DELAY_HEADER).unwrap().parse().unwrap();
    assert!((200..=250).contains(&delay), "{delay}");
}

#[test]
fn rate_limit_answers_429_with_retry_after_for_n_requests() {
    let mut c = Client::demo();
    c.sim.set_faults(with(vec![rule(
        Some("/v2/datacenters/*"),
        Some(2),
        FaultKind::RateLimit { retry_after_s: 7 },
    )]));
    for _ in 0..2 {
        let r = c.get("/v2/datacenters/DEMO");
        assert_eq!(r.status, 429);
        assert_eq!(r.header_value("Retry-After"), Some("7"));
    }
    assert_eq!(c.get("/v2/datacenters/DEMO").status, 200);
}

#[test]
fn rate_limit_without_retry_after_answers_429_with_no_header() {
    let mut c = Client::demo();
    c.sim.set_faults(with(vec![rule(
        Some("/v2/datacenters/*"),
        Some(1),
        FaultKind::RateLimitWithoutRetryAfter,
    )]));
    let r = c.get("/v2/datacenters/DEMO");
    assert_eq!(r.status, 429);
    assert_eq!(r.header_value("Retry-After"), None);
    assert_eq!(c.get("/v2/datacenters/DEMO").status, 200);
}

#[test]
fn status_bursts_hit_only_their_route_and_verb() {
    let mut c = Client::demo();
    let mut only_deletes = rule(
        Some("/v2/servers/**"),
        Some(3),
        FaultKind::Status { status: 503 },
    );
    only_deletes.method = Some("delete".into());
    c.sim.set_faults(with(vec![
        only_deletes,
        rule(
            Some("/v2/alertpolicies/*"),
            Some(1),
            FaultKind::Status { status: 500 },
        ),
    ]));
    assert_eq!(c.get("/v2/servers/demo/va1demoweb01").status, 200);
    for _ in 0..3 {
        assert_eq!(c.delete("/v2/servers/demo/va1demoweb01").status, 503);
    }
    assert_eq!(c.delete("/v2/servers/demo/va1demoweb01").status, 202);
    let r = c.get("/v2/alertPolicies/DEMO");
    assert_eq!(
        (r.status, r.body.as_str()),
        (500, r#"{"message":"An error has occurred."}"#)
    );
    assert_eq!(c.get("/v2/alertPolicies/DEMO").status, 200);
}

#[test]
fn malformed_and_truncated_bodies_do_not_parse() {
    let mut c = Client::demo();
    let full = c.get("/v2/datacenters/DEMO").body;
    c.sim
        .set_faults(with(vec![rule(None, Some(1), FaultKind::Malformed)]));
    let r = c.get("/v2/datacenters/DEMO");
    assert_eq!(r.status, 200);
    assert!(serde_json::from_str::<serde_json::Value>(&r.body).is_err());
    c.sim
        .set_faults(with(vec![rule(None, Some(1), FaultKind::Truncated)]));
    let r = c.get("/v2/datacenters/DEMO");
    assert!(serde_json::from_str::<serde_json::Value>(&r.body).is_err());
    assert!(full.starts_with(&r.body) && r.body.len() < full.len());
    assert_eq!(c.get("/v2/datacenters/DEMO").body, full, "spent after one");
}

#[test]
fn a_failing_server_detail_gets_the_recorded_500_and_the_plain_get_still_works() {
    let mut c = Client::demo();
    let (_, root) = c.roots()[0].clone();
    c.sim.set_faults(Faults {
        fail_server_detail: true,
        ..Faults::default()
    });
    let r = c.get(&format!("/v2/groups/demo/{root}?serverDetail=detailed"));
    assert_eq!(
        (r.status, r.body.as_str()),
        (500, r#"{"message":"An error has occurred."}"#)
    );
    assert_eq!(c.get(&format!("/v2/groups/demo/{root}")).status, 200);
    assert_eq!(c.get("/v2/servers/demo/va1demoweb01").status, 200);
}

#[test]
fn faults_clear_on_reset_and_accept_their_json_form() {
    let text = r#"{"rules":[{"route":"/v2/**","method":"GET","times":1,"fault":{"kind":"status","status":503}}],
                  "failOperations":true,"queue":{"notStartedMs":10,"executingMs":20}}"#;
    let faults: Faults = serde_json::from_str(text).unwrap();
    let mut c = Client::demo();
    c.sim.set_faults(faults.clone());
    assert_eq!(c.sim.faults(), &faults);
    assert_eq!(c.get("/v2/datacenters/DEMO").status, 503);
    let r = json(&c.delete("/v2/servers/demo/va1demoweb01"));
    c.advance(30);
    assert_eq!(
        c.get_json(r["links"][0]["href"].as_str().unwrap())["status"],
        "failed"
    );
    c.sim.reset(clc_sim::Scenario::Demo, 1);
    assert_eq!(c.sim.faults(), &Faults::default());
}

#[test]
fn a_held_queue_finishes_nothing_until_it_is_released() {
    // A test that must act while a run is surely still going holds the queue; released, every
    // operation whose time has come finishes at once.
    let mut c = Client::demo();
    c.sim.set_faults(Faults {
        hold_queue: true,
        ..Faults::default()
    });
    let r = json(&c.delete("/v2/servers/DEMO/va1demoweb01"));
    let href = r["links"][0]["href"].as_str().unwrap().to_string();
    c.advance(3_600_000);
    assert_eq!(c.get_json(&href)["status"], "executing");
    assert_eq!(
        c.get_json("/v2/servers/demo/va1demoweb01")["status"],
        "queuedForDelete"
    );
    assert_eq!(c.state()["operations"][0]["status"], "executing");
    c.sim.set_faults(Faults::default());
    assert_eq!(c.get_json(&href)["status"], "succeeded");
    assert_eq!(c.get("/v2/servers/demo/va1demoweb01").status, 404);
}

#[test]
fn a_redirect_answers_early_with_its_location_and_an_empty_body_within_its_limits() {
    // What a proxy in the way may do: a client must not follow it with a DELETE (the delete
    // would land on another path) nor with its token to another origin.
    let text = r#"{"rules":[{"route":"/v2/servers/*/*","method":"DELETE","times":1,
        "fault":{"kind":"redirect","status":307,"location":"/v2/servers/DEMO/other"}}]}"#;
    let faults: Faults = serde_json::from_str(text).unwrap();
    assert_eq!(
        faults.rules[0].fault,
        FaultKind::Redirect {
            status: 307,
            location: "/v2/servers/DEMO/other".into()
        }
    );
    let mut c = Client::demo();
    c.sim.set_faults(faults);
    assert_eq!(
        c.get("/v2/servers/demo/va1demoweb01").status,
        200,
        "only its verb"
    );
    let r = c.delete("/v2/servers/demo/va1demoweb01");
    assert_eq!(r.status, 307);
    assert_eq!(r.header_value("Location"), Some("/v2/servers/DEMO/other"));
    assert_eq!(r.body, "");
    assert_eq!(
        c.get_json("/v2/servers/demo/va1demoweb01")["status"],
        "active",
        "the redirected DELETE changed nothing"
    );
    assert_eq!(
        c.delete("/v2/servers/demo/va1demoweb01").status,
        202,
        "spent after one"
    );
}

#[test]
fn a_redirect_of_reads_to_another_origin_is_given_verbatim_on_its_route_only() {
    let mut c = Client::demo();
    c.sim.set_faults(with(vec![rule(
        Some("/v2/datacenters/**"),
        None,
        FaultKind::Redirect {
            status: 302,
            location: "https://elsewhere.example/steal?x=1".into(),
        },
    )]));
    for _ in 0..2 {
        let r = c.get("/v2/datacenters/DEMO");
        assert_eq!(r.status, 302);
        assert_eq!(
            r.header_value("Location"),
            Some("https://elsewhere.example/steal?x=1")
        );
    }
    assert_eq!(c.get("/v2/alertPolicies/DEMO").status, 200);
}
