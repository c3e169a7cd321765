//! The typed client's reads end to end against a scripted transport: the bearer token is added
//! (never for login, never to foreign URLs, never without a session) and scrubbed from messages,
//! reads decode into models (bare or wrapped lists), hrefs and operation URIs are re-prefixed onto
//! the configured base, and unrelated answers are `NotClcApi` / `Undecodable`. Deletes and paging
//! are in `client_deletes.rs`.

mod support;

use clc::models::*;
use clc::{Client, Endpoints, Error, Method, Request, Session, VirtualClock};

use support::{block_on, client_with, doc_fixture, ScriptedTransport, BASE, TOKEN};

#[test]
fn reads_carry_the_bearer_token_and_decode() {
    let client = client_with(|t| t.then_json(200, &doc_fixture("group.json")));
    let group = block_on(client.group("acme", "e9cf5a7a9fad43a8a9184d0265ae076c", true)).unwrap();
    assert_eq!(group.groups.len(), 2);
    let sent = &client.transport().requests()[0];
    assert_eq!(sent.method, Method::Get);
    assert_eq!(
        sent.url,
        format!("{BASE}/v2/groups/ACME/e9cf5a7a9fad43a8a9184d0265ae076c?serverDetail=detailed")
    );
    assert_eq!(
        sent.header_value("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(sent.header_value("accept"), Some("application/json"));
}

#[test]
fn without_a_session_nothing_is_sent() {
    let clock = VirtualClock::default();
    let client = Client::new(
        Endpoints::single_origin(BASE),
        ScriptedTransport::new(&clock),
        clock,
    );
    assert_eq!(
        block_on(client.datacenters("ACME")),
        Err(Error::TokenExpiredOrMissing)
    );
    assert!(client.transport().requests().is_empty());
}

#[test]
fn login_sends_no_token_and_yields_a_session() {
    let clock = VirtualClock::default();
    let transport = ScriptedTransport::new(&clock)
        .then_json(400, r#"{"message":"We didn't recognize the username or password you entered. Please try again."}"#)
        .then_json(200, &doc_fixture("login.json"));
    let mut client = Client::new(Endpoints::single_origin(BASE), transport, clock);
    assert!(matches!(
        block_on(client.login("jane.doe", "wrong")),
        Err(Error::BadCredentials(m)) if m.starts_with("We didn't recognize")
    ));
    let login = block_on(client.login("jane.doe", "right")).unwrap();
    let requests = client.transport().requests();
    assert_eq!(requests.len(), 2, "login is a POST: a 400 is not retried");
    assert!(requests
        .iter()
        .all(|r| r.header_value("Authorization").is_none()));
    client.set_session(Some(Session::from_login(&login)));
    assert_eq!(client.session().unwrap().alias, "ACME");
}

#[test]
fn the_token_only_goes_to_configured_bases() {
    let client = client_with(|t| t);
    let foreign = Request::new(Method::Get, "https://evil.example/v2/datacenters/ACME");
    assert!(matches!(
        block_on(client.send(foreign)),
        Err(Error::NotClcApi { .. })
    ));
    assert!(client.transport().requests().is_empty());
}

#[test]
fn unrelated_answers_are_not_the_clc_api() {
    let client = client_with(|t| {
        t.then_json(200, "<!doctype html><title>Welcome</title>")
            .then_json(200, r#"{"status":"ok","version":"1.2"}"#)
            .then_json(200, r#"{"status":"ok"}"#)
    });
    let not_clc = Error::NotClcApi {
        endpoint: "GET /v2/datacenters/ACME".into(),
    };
    assert_eq!(block_on(client.datacenters("ACME")), Err(not_clc.clone()));
    assert_eq!(block_on(client.datacenters("ACME")), Err(not_clc));
    assert!(
        matches!(
            block_on(client.server("ACME", "web01")),
            Err(Error::Undecodable { .. })
        ),
        "a server without an id is not a server"
    );
}

#[test]
fn wrong_shapes_are_undecodable_with_a_redacted_excerpt() {
    let body = format!(r#"{{"items":"nope","echo":"{TOKEN}"}}"#);
    let client = client_with(|t| t.then_json(200, &body).then_json(200, ""));
    match block_on(client.alert_policies("ACME")) {
        Err(Error::Undecodable { endpoint, excerpt }) => {
            assert_eq!(endpoint, "GET /v2/alertPolicies/ACME");
            assert!(
                excerpt.contains("nope") && !excerpt.contains(TOKEN),
                "{excerpt}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        block_on(client.queue_status("ACME", "de1-1")),
        Err(Error::Undecodable { .. })
    ));
}

#[test]
fn lists_come_bare_or_wrapped() {
    let client = client_with(|t| {
        t.then_json(200, &doc_fixture("alert_policies.json"))
            .then_json(200, &doc_fixture("autoscale_policies.json"))
            .then_json(200, &doc_fixture("webhooks.json"))
            .then_json(200, r#"[{"id":"87b6","name":"bare","location":"DE1"}]"#)
    });
    assert_eq!(
        block_on(client.alert_policies("ACME")).unwrap()[0]
            .name
            .as_deref(),
        Some("High CPU")
    );
    assert_eq!(
        block_on(client.autoscale_policies("ACME")).unwrap().len(),
        1
    );
    assert_eq!(block_on(client.webhooks("ACME")).unwrap().len(), 2);
    assert_eq!(
        block_on(client.anti_affinity_policies("ACME")).unwrap()[0].id,
        "87b6"
    );
}

#[test]
fn operation_status_and_hrefs_are_followed_on_the_configured_base() {
    let op: ExperimentalOperation =
        serde_json::from_str(&doc_fixture("experimental_operation.json")).unwrap();
    let client = client_with(|t| {
        t.then_json(200, r#"{"status":"succeeded"}"#)
            .then_json(200, r#"{"status":"notStarted"}"#)
            .then_json(200, &doc_fixture("networks.json"))
            .then_json(204, "")
    });
    let status = block_on(client.experimental_operation_status("ACME", &op)).unwrap();
    assert_eq!(status.status, OperationStatus::Succeeded);
    assert_eq!(
        block_on(client.queue_status("acme", "de1-81785")),
        Ok(QueueStatus::NotStarted)
    );
    let networks: Vec<Network> =
        block_on(client.get_href("http://api.ctl.io/v2-experimental/networks/acme/de1")).unwrap();
    let release = networks[0].release_link().unwrap().href.clone();
    assert_eq!(
        block_on(client.execute(clc::api::href_request(
            client.endpoints(),
            Method::Delete,
            &release
        ))),
        Ok(Accepted::Completed)
    );
    let urls: Vec<String> = client
        .transport()
        .requests()
        .into_iter()
        .map(|r| r.url)
        .collect();
    assert_eq!(
        urls,
        vec![
            format!(
                "{BASE}/v2-experimental/operations/ACME/status/c744456f7c224ece98b35ed157b80117"
            ),
            format!("{BASE}/v2/operations/ACME/status/de1-81785"),
            format!("{BASE}/v2-experimental/networks/acme/de1"),
            format!(
                "{BASE}/v2-experimental/networks/acme/de1/809297928f1d4224b9b9927f745bc082/release"
            ),
        ]
    );
    assert!(urls.iter().all(|u| !u.contains("api.ctl.io")));
}

#[test]
fn the_token_is_scrubbed_from_service_messages() {
    let token = "opaque-token-0123456789";
    let clock = VirtualClock::default();
    let transport = ScriptedTransport::new(&clock).then_json(
        400,
        &format!(r#"{{"message":"token {token} is not valid here"}}"#),
    );
    let client = Client::new(Endpoints::single_origin(BASE), transport, clock)
        .with_session(Session::new("ACME", clc::BearerToken::new(token)));
    assert_eq!(
        block_on(client.invoice("ACME", 2015, 5)),
        Err(Error::Rejected {
            message: "token [redacted] is not valid here".into()
        })
    );
}
