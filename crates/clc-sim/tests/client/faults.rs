//! The client's retry policy and error classification under the simulator's injected faults.

use clc::{Error, Method, Session};
use clc_sim::{FaultKind, Faults};

use super::{block_on, rule, Fixture, ALIAS};

const DCS: &str = "/v2/datacenters/DEMO";
const AN_ERROR: &str = "An error has occurred.";

fn root_group(f: &Fixture) -> String {
    let dcs = block_on(f.client.datacenters(ALIAS)).unwrap();
    let root = dcs
        .iter()
        .find(|d| d.id == "va1")
        .unwrap()
        .root_group_id()
        .unwrap();
    f.clear_log();
    root
}

#[test]
fn a_429_is_retried_after_the_retry_after_it_gave() {
    let f = Fixture::demo();
    f.set_rules(vec![rule(
        DCS,
        Some(2),
        FaultKind::RateLimit { retry_after_s: 3 },
    )]);
    assert_eq!(block_on(f.client.datacenters(ALIAS)).unwrap().len(), 3);
    assert_eq!(f.count(Method::Get, DCS), 3);
    assert_eq!(
        f.clock().total_slept_ms(),
        6_000,
        "3 s twice, exactly as asked"
    );
    assert!(f.now() >= 6_000);
}

#[test]
fn a_5xx_burst_shorter_than_the_attempt_budget_succeeds() {
    let f = Fixture::demo();
    let root = root_group(&f);
    let budget = f.client.retry_policy().max_attempts;
    let burst = budget - 1;
    let path = format!("/v2/groups/DEMO/{root}");
    f.set_rules(vec![
        rule(&path, Some(burst / 2), FaultKind::Status { status: 500 }),
        rule(
            &path,
            Some(burst - burst / 2),
            FaultKind::Status { status: 503 },
        ),
    ]);
    let tree = block_on(f.client.group(ALIAS, &root, false)).unwrap();
    assert_eq!(tree.name, "VA1 Hardware");
    assert_eq!(f.count(Method::Get, &path), budget as usize);
    assert!(
        f.clock().total_slept_ms() > 0,
        "backed off between attempts"
    );
}

#[test]
fn a_longer_burst_gives_up_with_the_server_error_after_exactly_max_attempts() {
    let f = Fixture::demo();
    let root = root_group(&f);
    let path = format!("/v2/groups/DEMO/{root}/billing");
    f.set_rules(vec![rule(
        &path,
        Some(20),
        FaultKind::Status { status: 500 },
    )]);
    assert_eq!(
        block_on(f.client.group_billing(ALIAS, &root)),
        Err(Error::Server {
            status: 500,
            message: AN_ERROR.into()
        })
    );
    assert_eq!(f.count(Method::Get, &path), 5);
    assert_eq!(f.client.retry_policy().max_attempts, 5);
    f.set_rules(vec![rule(&path, None, FaultKind::Status { status: 503 })]);
    f.clear_log();
    assert!(matches!(
        block_on(f.client.group_billing(ALIAS, &root)),
        Err(Error::Server { status: 503, .. })
    ));
    assert_eq!(f.log().len(), 5);
}

#[test]
fn retries_stop_at_the_total_time_bound() {
    let f = Fixture::demo();
    // 40 s per wait: the second wait would end 80 s after the first send, past the 60 s bound.
    f.set_rules(vec![rule(
        "/v2/**",
        None,
        FaultKind::RateLimit { retry_after_s: 40 },
    )]);
    assert_eq!(f.client.retry_policy().max_elapsed_ms, 60_000);
    assert_eq!(
        block_on(f.client.alert_policies(ALIAS)),
        Err(Error::RateLimited {
            retry_after_ms: Some(40_000)
        })
    );
    assert_eq!(f.log().len(), 2);
    assert_eq!(f.clock().total_slept_ms(), 40_000);
}

#[test]
fn latency_is_spent_on_the_virtual_clock_not_slept() {
    let f = Fixture::demo();
    f.set_rules(vec![rule(
        "/v2/**",
        None,
        FaultKind::Latency {
            ms: 300,
            jitter_ms: 0,
        },
    )]);
    block_on(f.client.datacenters(ALIAS)).unwrap();
    block_on(f.client.alert_policies(ALIAS)).unwrap();
    // Two answers, 300 virtual ms each, and nothing tried again: the latency is only time.
    assert_eq!((f.now(), f.log().len()), (600, 2));
}

#[test]
fn a_truncated_body_is_undecodable_with_a_redacted_excerpt() {
    let f = Fixture::demo();
    let full = block_on(
        f.client
            .get_json::<serde_json::Value>(clc::api::alert_policies(f.client.endpoints(), ALIAS)),
    )
    .unwrap()
    .to_string();
    f.set_rules(vec![rule(
        "/v2/alertPolicies/*",
        Some(1),
        FaultKind::Truncated,
    )]);
    match block_on(f.client.alert_policies(ALIAS)) {
        Err(Error::Undecodable { endpoint, excerpt }) => {
            assert_eq!(endpoint, "GET /v2/alertPolicies/DEMO");
            let shown = excerpt.trim_end_matches('…');
            assert!(shown.len() >= 40 && full.starts_with(shown), "{excerpt}");
            assert!(!excerpt.contains(&f.token()));
        }
        other => panic!("expected Undecodable, got {other:?}"),
    }
    assert_eq!(f.log().len(), 2, "the truncated read is not retried");
}

#[test]
fn a_malformed_html_body_is_not_the_clc_api_and_carries_no_token() {
    let f = Fixture::demo();
    f.set_rules(vec![rule(
        "/v2/alertPolicies/*",
        Some(1),
        FaultKind::Malformed,
    )]);
    let error = block_on(f.client.alert_policies(ALIAS)).unwrap_err();
    assert_eq!(
        error,
        Error::NotClcApi {
            endpoint: "GET /v2/alertPolicies/DEMO".into()
        }
    );
    assert!(!format!("{error:?} {error}").contains(&f.token()));
    assert_eq!(
        block_on(f.client.alert_policies(ALIAS)).unwrap().len(),
        2,
        "spent after one"
    );
}

#[test]
fn an_expired_token_is_reported_and_a_new_login_works() {
    let mut f = Fixture::demo();
    f.set_faults(Faults {
        expire_tokens_at_ms: Some(60_000),
        ..Faults::default()
    });
    assert!(block_on(f.client.datacenters(ALIAS)).is_ok());
    f.clock().advance(60_001);
    f.clear_log();
    assert_eq!(
        block_on(f.client.alert_policies(ALIAS)),
        Err(Error::TokenExpiredOrMissing)
    );
    assert_eq!(f.log().len(), 1, "a 401 is not retried");
    let login = block_on(f.client.login("demo", "demo-password")).unwrap();
    f.client.set_session(Some(Session::from_login(&login)));
    assert_eq!(block_on(f.client.alert_policies(ALIAS)).unwrap().len(), 2);
}

#[test]
fn a_delete_hit_by_a_500_is_sent_exactly_once() {
    let f = Fixture::demo();
    let mut fault = rule("/v2/servers/*/*", None, FaultKind::Status { status: 500 });
    fault.method = Some("DELETE".into());
    f.set_rules(vec![fault]);
    assert_eq!(
        block_on(f.client.execute(clc::api::delete_server(
            f.client.endpoints(),
            ALIAS,
            "va1demoweb01"
        ))),
        Err(Error::Server {
            status: 500,
            message: AN_ERROR.into()
        })
    );
    assert_eq!(f.count(Method::Delete, "/v2/servers/DEMO/va1demoweb01"), 1);
    assert_eq!(f.log().len(), 1);
    assert_eq!(f.clock().total_slept_ms(), 0);
    let state = f.state();
    let web1 = state["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "va1demoweb01");
    assert!(
        web1.unwrap()["pendingOperation"].is_null(),
        "nothing was queued"
    );
}

#[test]
fn a_failing_server_detail_is_a_server_error_and_the_plain_tree_still_reads() {
    let f = Fixture::demo();
    let root = root_group(&f);
    f.set_faults(Faults {
        fail_server_detail: true,
        ..Faults::default()
    });
    assert_eq!(
        block_on(f.client.group(ALIAS, &root, true)),
        Err(Error::Server {
            status: 500,
            message: AN_ERROR.into()
        })
    );
    assert_eq!(
        f.log().len(),
        5,
        "a 500 on a read is retried up to the budget"
    );
    let plain = block_on(f.client.group(ALIAS, &root, false)).unwrap();
    assert_eq!(plain.descendants().len(), 7);
    assert!(plain.servers.is_none());
}

#[test]
fn the_removed_anti_affinity_endpoint_is_not_found_at_once() {
    let f = Fixture::demo();
    assert_eq!(
        block_on(f.client.anti_affinity_policies(ALIAS)),
        Err(Error::NotFound)
    );
    assert_eq!(f.count(Method::Get, "/v2/antiAffinityPolicies/DEMO"), 1);
}
