//! The retry policy against a scripted transport on a virtual clock: reads are retried on 429
//! (honouring Retry-After), 5xx and network errors with seeded jittered exponential backoff,
//! bounded by attempt count and by total elapsed time; destructive calls are never retried; a
//! 404 on delete is `Error::NotFound` after exactly one request.

mod support;

use clc::retry::{Prng, RetryPolicy};
use clc::{api, Error, Response, TransportError};

use support::{block_on, client_with, ScriptedTransport, TestClient};

const DCS: &str = r#"[{"id":"va1","name":"VA1","links":[]}]"#;

fn datacenters(client: &TestClient) -> Result<Vec<clc::models::DataCenter>, Error> {
    block_on(client.datacenters("ACME"))
}

fn gaps(client: &TestClient) -> Vec<u64> {
    client
        .transport()
        .sent_at()
        .windows(2)
        .map(|w| w[1] - w[0])
        .collect()
}

#[test]
fn rate_limit_waits_exactly_retry_after() {
    let client = client_with(|t| {
        t.then(Response::new(429, "").header("Retry-After", "3"))
            .then_json(200, DCS)
    });
    assert_eq!(datacenters(&client).unwrap()[0].id, "va1");
    assert_eq!(gaps(&client), vec![3000]);
}

/// A 429 means "slow down" for the whole account: the client remembers it even when it waited
/// it out and read again successfully, so that a caller with other requests in flight (the
/// deletion run) holds them too.
#[test]
fn a_429_the_client_waited_out_is_remembered_until_its_retry_after_ends() {
    let client = client_with(|t| {
        t.with_latency(200)
            .then(Response::new(429, "").header("Retry-After", "5"))
            .then_json(200, DCS)
    });
    assert_eq!(client.rate_limited_until_ms(), 0, "no 429 yet");
    assert_eq!(datacenters(&client).unwrap()[0].id, "va1");
    // Sent at 1_000_000, answered 429 at 1_000_200: held until 5 s after that answer.
    assert_eq!(client.rate_limited_until_ms(), 1_005_200);
}

/// Sends one DELETE (never retried by the client).
fn delete(client: &TestClient) -> Result<clc::models::Accepted, Error> {
    block_on(client.execute(api::delete_server(
        client.endpoints(),
        "ACME",
        "va1acmeweb01",
    )))
}

#[test]
fn a_429_on_a_delete_is_remembered_until_its_retry_after_ends() {
    let client = client_with(|t| t.then(Response::new(429, "").header("Retry-After", "30")));
    assert!(matches!(delete(&client), Err(Error::RateLimited { .. })));
    assert_eq!(client.rate_limited_until_ms(), 1_030_000);
}

#[test]
fn a_later_429_asking_a_shorter_wait_does_not_shorten_the_hold() {
    let client = client_with(|t| {
        t.then(Response::new(429, "").header("Retry-After", "30"))
            .then(Response::new(429, "").header("Retry-After", "5"))
            .then_json(200, DCS)
    });
    assert!(delete(&client).is_err());
    datacenters(&client).unwrap();
    assert_eq!(client.rate_limited_until_ms(), 1_030_000);
}

/// CLC has never been seen to send `Retry-After` (clc-api.md §0.7): such a 429 holds for the
/// policy's longest backoff.
#[test]
fn a_429_without_retry_after_holds_for_the_longest_backoff() {
    let client = client_with(|t| t.then(Response::new(429, "")));
    assert!(delete(&client).is_err());
    let longest_backoff = client.retry_policy().max_delay_ms;
    assert_eq!(client.rate_limited_until_ms(), 1_000_000 + longest_backoff);
}

#[test]
fn a_retry_after_of_any_size_holds_an_hour_at_most_without_overflowing() {
    let client =
        client_with(|t| t.then(Response::new(429, "").header("Retry-After", u64::MAX.to_string())));
    assert!(delete(&client).is_err());
    assert_eq!(
        client.rate_limited_until_ms(),
        1_000_000 + clc::retry::LONGEST_HOLD_MS
    );
}

#[test]
fn server_error_burst_then_success_backs_off_exponentially_with_jitter() {
    let script = |t: ScriptedTransport| {
        t.then_json(500, r#"{"message":"An error has occurred."}"#)
            .then_json(503, "")
            .then_json(502, "")
            .then_json(200, DCS)
    };
    let client = client_with(script);
    assert!(datacenters(&client).is_ok());
    let waits = gaps(&client);
    assert_eq!(waits.len(), 3);
    for (wait, (low, high)) in waits.iter().zip([(250, 500), (500, 1000), (1000, 2000)]) {
        assert!((low..=high).contains(wait), "{wait} not in {low}..={high}");
    }
    let again = client_with(script);
    datacenters(&again).unwrap();
    assert_eq!(gaps(&again), waits, "same seed, same jitter");
    let other_seed = client_with(script).with_jitter_seed(99);
    datacenters(&other_seed).unwrap();
    assert_ne!(gaps(&other_seed), waits, "jitter depends on the seed");
}

#[test]
fn network_error_is_retried() {
    let client = client_with(|t| {
        t.then_fail(TransportError::Network("connection refused".into()))
            .then_json(200, DCS)
    });
    assert!(datacenters(&client).is_ok());
    assert_eq!(client.transport().requests().len(), 2);
}

#[test]
fn reads_that_timed_out_are_sent_again_twice_within_the_budget() {
    // The browser abandons a read after 20 s: the default 60 s leaves room for two more tries.
    let timed_out = || TransportError::TimedOut { after_ms: 20_000 };
    let client = client_with(|t| {
        t.with_latency(20_000)
            .then_fail(timed_out())
            .then_fail(timed_out())
            .then_json(200, DCS)
    });
    assert!(datacenters(&client).is_ok());
    assert_eq!(client.transport().requests().len(), 3);

    let client =
        client_with(|t| (0..4).fold(t.with_latency(20_000), |t, _| t.then_fail(timed_out())));
    assert_eq!(
        datacenters(&client),
        Err(Error::TimedOut { after_ms: 20_000 })
    );
    assert_eq!(
        client.transport().requests().len(),
        3,
        "a fourth try would start after 60 s"
    );
}

#[test]
fn gives_up_after_max_attempts() {
    let client = client_with(|t| {
        (0..6).fold(t, |t, _| {
            t.then_json(500, r#"{"message":"An error has occurred."}"#)
        })
    });
    assert_eq!(
        datacenters(&client),
        Err(Error::Server {
            status: 500,
            message: "An error has occurred.".into()
        })
    );
    assert_eq!(
        client.transport().requests().len(),
        5,
        "default: 5 attempts"
    );
    assert_eq!(client.transport().remaining(), 1);
    let custom = client_with(|t| (0..3).fold(t, |t, _| t.then_json(503, ""))).with_retry_policy(
        RetryPolicy {
            max_attempts: 2,
            ..RetryPolicy::default()
        },
    );
    assert!(datacenters(&custom).is_err());
    assert_eq!(custom.transport().requests().len(), 2);
}

#[test]
fn gives_up_when_total_time_would_be_exceeded() {
    let policy = RetryPolicy {
        max_elapsed_ms: 5_000,
        ..RetryPolicy::default()
    };
    let client = client_with(|t| {
        (0..3).fold(t, |t, _| {
            t.then(Response::new(429, "").header("Retry-After", "3"))
        })
    })
    .with_retry_policy(policy);
    assert_eq!(
        datacenters(&client),
        Err(Error::RateLimited {
            retry_after_ms: Some(3000)
        })
    );
    assert_eq!(
        client.transport().requests().len(),
        2,
        "a third try would end after 6 s"
    );

    let slow = client_with(|t| (0..5).fold(t.with_latency(4_000), |t, _| t.then_json(500, "")))
        .with_retry_policy(policy);
    assert!(datacenters(&slow).is_err());
    assert_eq!(
        slow.transport().requests().len(),
        2,
        "time spent waiting for answers counts too"
    );
    assert!(slow.clock().total_slept_ms() < 1_000);
}

#[test]
fn retry_after_beyond_the_budget_returns_at_once() {
    let client = client_with(|t| t.then(Response::new(429, "").header("Retry-After", "61")));
    assert_eq!(
        datacenters(&client),
        Err(Error::RateLimited {
            retry_after_ms: Some(61_000)
        })
    );
    assert_eq!(client.clock().total_slept_ms(), 0);
    assert_eq!(
        client.rate_limited_until_ms(),
        1_061_000,
        "held all the same"
    );
}

#[test]
fn destructive_calls_are_never_retried() {
    let client = client_with(|t| t.then_json(503, "").then_json(202, "{}"));
    assert_eq!(
        block_on(client.execute(clc::api::delete_server(
            client.endpoints(),
            "ACME",
            "va1acmeweb01"
        ))),
        Err(Error::Server {
            status: 503,
            message: "no details given".into()
        })
    );
    assert_eq!(client.transport().requests().len(), 1);

    let client = client_with(|t| {
        t.then_fail(TransportError::Network("reset".into()))
            .then_json(204, "")
    });
    assert_eq!(
        block_on(client.execute(clc::api::release_network(
            client.endpoints(),
            "ACME",
            "de1",
            "5f75"
        ))),
        Err(Error::Network("reset".into()))
    );
    assert_eq!(client.transport().requests().len(), 1);

    let client = client_with(|t| {
        t.then_fail(TransportError::TimedOut { after_ms: 120_000 })
            .then_json(202, "{}")
    });
    assert_eq!(
        block_on(client.execute(clc::api::delete_server(
            client.endpoints(),
            "ACME",
            "va1acmeweb01"
        ))),
        Err(Error::TimedOut { after_ms: 120_000 }),
        "a timed-out delete may have been carried out: never sent again by the client"
    );
    assert_eq!(client.transport().requests().len(), 1);

    let client = client_with(|t| {
        t.then(Response::new(429, "").header("Retry-After", "1"))
            .then_json(204, "")
    });
    assert!(matches!(
        block_on(client.execute(clc::api::delete_vpn(client.endpoints(), "ACME", "3D2F"))),
        Err(Error::RateLimited { .. })
    ));
    assert_eq!(client.transport().requests().len(), 1);
    assert_eq!(client.clock().total_slept_ms(), 0);
}

#[test]
fn not_found_on_delete_is_distinguishable_and_not_retried() {
    for body in [
        "",
        r#"{"message":"The requested resource does not exist."}"#,
    ] {
        let client = client_with(|t| t.then_json(404, body).then_json(404, body));
        assert_eq!(
            block_on(client.execute(clc::api::delete_server(
                client.endpoints(),
                "ACME",
                "gone01"
            ))),
            Err(Error::NotFound)
        );
        assert_eq!(client.transport().requests().len(), 1);
    }
    let client = client_with(|t| t.then_json(404, "").then_json(200, DCS));
    assert_eq!(
        block_on(client.server("ACME", "gone01")),
        Err(Error::NotFound)
    );
    assert_eq!(
        client.transport().requests().len(),
        1,
        "a 404 read is not transient either"
    );
}

#[test]
fn permanent_read_errors_are_not_retried() {
    for status in [400, 401, 403] {
        let client = client_with(|t| t.then_json(status, "").then_json(200, DCS));
        assert!(datacenters(&client).is_err());
        assert_eq!(client.transport().requests().len(), 1, "{status}");
    }
    let client = client_with(|t| t.then_fail(TransportError::Cancelled).then_json(200, DCS));
    assert_eq!(datacenters(&client), Err(Error::Cancelled));
    assert_eq!(client.transport().requests().len(), 1);
}

#[test]
fn no_retry_policy_and_503_retry_after() {
    let client = client_with(|t| t.then_json(500, "").then_json(200, DCS))
        .with_retry_policy(RetryPolicy::none());
    assert!(datacenters(&client).is_err());
    let client = client_with(|t| {
        t.then(Response::new(503, "").header("Retry-After", "2"))
            .then_json(200, DCS)
    });
    assert!(block_on(
        client.get_json::<serde_json::Value>(api::datacenters(client.endpoints(), "ACME"))
    )
    .is_ok());
    assert_eq!(
        gaps(&client),
        vec![2000],
        "a Retry-After on 503 is honoured too"
    );
}

#[test]
fn backoff_is_capped() {
    let policy = RetryPolicy::default();
    let mut rng = Prng::new(1);
    let error = Error::Server {
        status: 500,
        message: String::new(),
    };
    for retry in 1..40 {
        let delay = policy.delay_ms(retry, &error, None, &mut rng).unwrap();
        assert!(delay <= policy.max_delay_ms, "{retry}: {delay}");
    }
    assert_eq!(policy.delay_ms(1, &Error::NotFound, None, &mut rng), None);
}
