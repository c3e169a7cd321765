//! No id from the API can move a request: an id that is empty, `.` or `..` (plain, or
//! percent-encoded as a browser's URL parser would read it) is refused before anything is sent,
//! by every builder and on any link the API returned; odd but harmless ids still go out, encoded. A redirect
//! is never followed, and a request's `Debug` never shows the token or the password.

mod support;

use clc::{Error, Method, Request, TransportError};

use support::{block_on, client_with, TOKEN};

const HOSTILE: [&str; 5] = ["..", ".", "", "   ", " .. "];

/// Every delete the closure sends, with `id` in the position an API-provided id takes.
fn deletes(id: &str) -> Vec<(&'static str, Result<clc::models::Accepted, Error>)> {
    let client = client_with(|t| t);
    let results = vec![
        (
            "server",
            block_on(client.execute(clc::api::delete_server(client.endpoints(), "ACME", id))),
        ),
        (
            "group",
            block_on(client.execute(clc::api::delete_group(client.endpoints(), "ACME", id))),
        ),
        (
            "snapshot",
            block_on(client.execute(clc::api::delete_snapshot(
                client.endpoints(),
                "ACME",
                "WEB01",
                id,
            ))),
        ),
        (
            "snapshot's server",
            block_on(client.execute(clc::api::delete_snapshot(
                client.endpoints(),
                "ACME",
                id,
                "1",
            ))),
        ),
        (
            "public IP",
            block_on(client.execute(clc::api::delete_public_ip(
                client.endpoints(),
                "ACME",
                "WEB01",
                id,
            ))),
        ),
        (
            "load balancer",
            block_on(client.execute(clc::api::delete_shared_load_balancer(
                client.endpoints(),
                "ACME",
                "va1",
                id,
            ))),
        ),
        (
            "pool",
            block_on(client.execute(clc::api::delete_shared_load_balancer_pool(
                client.endpoints(),
                "ACME",
                "va1",
                "lb",
                id,
            ))),
        ),
        (
            "firewall policy",
            block_on(client.execute(clc::api::delete_firewall_policy(
                client.endpoints(),
                "ACME",
                "va1",
                id,
            ))),
        ),
        (
            "cross-DC policy",
            block_on(client.execute(clc::api::delete_cross_dc_firewall_policy(
                client.endpoints(),
                "ACME",
                "va1",
                id,
            ))),
        ),
        (
            "VPN",
            block_on(client.execute(clc::api::delete_vpn(client.endpoints(), "ACME", id))),
        ),
        (
            "database",
            block_on(client.execute(clc::api::delete_rdbs_subscription(
                client.endpoints(),
                "ACME",
                id,
            ))),
        ),
        (
            "backup policy",
            block_on(client.execute(clc::api::delete_backup_server_policy(
                client.endpoints(),
                "ap",
                id,
            ))),
        ),
        (
            "alert policy",
            block_on(client.execute(clc::api::delete_alert_policy(
                client.endpoints(),
                "ACME",
                id,
            ))),
        ),
        (
            "webhook",
            block_on(client.execute(clc::api::delete_webhook(client.endpoints(), "ACME", id))),
        ),
    ];
    assert!(
        client.transport().requests().is_empty(),
        "nothing reached the transport for {id:?}"
    );
    results
}

#[test]
fn an_empty_or_dot_id_is_refused_by_every_delete_and_nothing_is_sent() {
    for id in HOSTILE {
        for (what, result) in deletes(id) {
            assert!(
                matches!(result, Err(Error::UnsafePath { .. })),
                "{what} with id {id:?}: {result:?}"
            );
        }
    }
}

#[test]
fn a_link_that_climbs_is_refused_however_it_spells_the_dots() {
    for href in [
        "/v2/servers/ACME/WEB01/snapshots/..",
        "/v2/servers/ACME/WEB01/snapshots/%2E%2E",
        "/v2/servers/ACME/WEB01/snapshots/.%2e",
        "/v2/servers/ACME/WEB01/snapshots/%2e.",
        "/v2/servers/ACME/WEB01/snapshots/.",
        "/v2/servers/ACME//snapshots/1",
        "http://api.ctl.io/v2/servers/ACME/../ACME/WEB01",
    ] {
        let client = client_with(|t| t);
        let result = block_on(client.execute(clc::api::href_request(
            client.endpoints(),
            clc::Method::Delete,
            href,
        )));
        assert!(
            matches!(&result, Err(Error::UnsafePath { endpoint }) if !endpoint.contains("..")),
            "{href}: {result:?}"
        );
        assert!(client.transport().requests().is_empty(), "{href}");
    }
}

#[test]
fn odd_but_harmless_ids_are_sent_encoded_and_stay_below_their_parent() {
    for id in ["a.b", "...", ".x", "x.", "~", "%2e%2e", "a/..", "naïve"] {
        let client = client_with(|t| t.then_json(200, "{}"));
        let _ = block_on(client.execute(clc::api::delete_snapshot(
            client.endpoints(),
            "ACME",
            "WEB01",
            id,
        )));
        let sent = client.transport().requests();
        assert_eq!(sent.len(), 1, "{id:?} was sent");
        let path = sent[0].url.split("/v2/").nth(1).unwrap();
        let segments: Vec<&str> = path.split('/').collect();
        assert_eq!(
            &segments[..4],
            ["servers", "ACME", "WEB01", "snapshots"],
            "{id:?}"
        );
        assert_eq!(segments.len(), 5, "{id:?} is one segment: {path}");
        let last = segments[4].to_ascii_lowercase().replace("%2e", ".");
        assert!(last != "." && last != "..", "{id:?} became {last}");
    }
}

#[test]
fn a_redirect_is_an_error_and_is_never_retried() {
    let client = client_with(|t| {
        t.then_fail(TransportError::Redirected)
            .then_fail(TransportError::Redirected)
    });
    let read = block_on(client.datacenters("ACME"));
    assert!(
        matches!(&read, Err(Error::Redirected { endpoint }) if endpoint.starts_with("GET /v2/datacenters")),
        "{read:?}"
    );
    let delete =
        block_on(client.execute(clc::api::delete_server(client.endpoints(), "ACME", "WEB01")));
    assert!(
        matches!(delete, Err(Error::Redirected { .. })),
        "{delete:?}"
    );
    assert_eq!(client.transport().requests().len(), 2, "one try each");
    assert!(read.unwrap_err().user_message().contains("never follows"));
}

#[test]
fn a_request_s_debug_hides_the_token_and_the_password() {
    let request = Request::new(Method::Post, "/v2/authentication/login")
        .header("Authorization", format!("Bearer {TOKEN}"))
        .header("Accept", "application/json")
        .body(r#"{"username":"jane","password":"hunter2-secret"}"#);
    let debug = format!("{request:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
    assert!(!debug.contains("hunter2-secret"), "{debug}");
    assert!(
        debug.contains("jane") && debug.contains("application/json"),
        "{debug}"
    );
}
