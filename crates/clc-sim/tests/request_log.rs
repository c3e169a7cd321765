//! Checks the log of changing requests (`Sim::request_log`, `GET /_sim/log`): every non-read
//! request with its virtual time, verb, path as received (no query) and final status, refused
//! ones included, reads never, and a repeated DELETE of a queued item twice (the state dump
//! cannot show it); cleared by a reset.

mod support;

use clc::Method;
use clc_sim::{FaultKind, FaultRule, Faults, LoggedRequest, Scenario};

use support::*;

fn entry(at_ms: u64, method: &str, path: &str, status: u16) -> LoggedRequest {
    LoggedRequest {
        at_ms,
        method: method.into(),
        path: path.into(),
        status,
    }
}

#[test]
fn logs_every_changing_request_with_its_status_and_no_read() {
    let mut c = Client::demo();
    // The login (at 0) is a POST, so it is the first entry.
    assert_eq!(
        c.sim.request_log(),
        [entry(0, "POST", "/v2/authentication/login", 200)]
    );
    c.advance(1_000);
    c.get("/v2/servers/DEMO/va1demoweb01");
    c.send(Method::Options, "/v2/servers/DEMO/va1demoweb01", None);
    let first = c.delete("/v2/servers/DEMO/va1demoweb01");
    c.advance(500);
    let again = c.delete("/v2/servers/DEMO/va1demoweb01");
    // The same operation answers both: the dump shows one, the log shows the two DELETEs.
    assert_eq!(json(&first)["links"], json(&again)["links"]);
    c.advance(500);
    c.delete("/v2/servers/DEMO/nosuchserver?force=true");
    c.send(
        Method::Post,
        "https://api.ctl.io/v2/operations/DEMO/servers/powerOff",
        Some(r#"["va1demoweb02"]"#),
    );
    let log = c.sim.request_log();
    assert_eq!(
        log[1..],
        [
            entry(1_000, "DELETE", "/v2/servers/DEMO/va1demoweb01", 202),
            entry(1_500, "DELETE", "/v2/servers/DEMO/va1demoweb01", 202),
            entry(2_000, "DELETE", "/v2/servers/DEMO/nosuchserver", 404),
            entry(
                2_000,
                "POST",
                "https://api.ctl.io/v2/operations/DEMO/servers/powerOff",
                200
            ),
        ]
    );
    let text = serde_json::to_string(&log[1]).unwrap();
    assert_eq!(
        text,
        r#"{"atMs":1000,"method":"DELETE","path":"/v2/servers/DEMO/va1demoweb01","status":202}"#
    );
}

#[test]
fn refused_and_faulted_requests_are_logged_with_the_status_they_got() {
    let mut viewer = Client::viewer();
    viewer.delete("/v2/servers/DEMO/va1demoweb01");
    assert_eq!(
        viewer.sim.request_log().last(),
        Some(&entry(0, "DELETE", "/v2/servers/DEMO/va1demoweb01", 403))
    );

    let mut c = Client::demo();
    c.sim.set_faults(Faults {
        rules: vec![FaultRule {
            route: Some("/v2/groups/**".into()),
            method: Some("DELETE".into()),
            times: Some(1),
            fault: FaultKind::Redirect {
                status: 307,
                location: "/v2/groups/DEMO/elsewhere".into(),
            },
        }],
        ..Faults::default()
    });
    c.delete("/v2/groups/DEMO/abc");
    let unauthenticated = clc::Request::new(Method::Delete, "/v2/servers/DEMO/va1demoweb01");
    c.sim.handle(&unauthenticated, 0);
    let log = c.sim.request_log();
    assert_eq!(
        log[1..],
        [
            entry(0, "DELETE", "/v2/groups/DEMO/abc", 307),
            entry(0, "DELETE", "/v2/servers/DEMO/va1demoweb01", 401),
        ]
    );
}

#[test]
fn a_reset_clears_the_log() {
    let mut c = Client::demo();
    c.delete("/v2/servers/DEMO/va1demoweb01");
    assert_eq!(c.sim.request_log().len(), 2);
    c.sim.reset(Scenario::Demo, 1);
    assert!(c.sim.request_log().is_empty());
}
