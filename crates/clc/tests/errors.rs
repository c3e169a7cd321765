//! The single status+body → `Error` mapping, table-driven over every error shape of §0.6 (plain
//! message, exceptionMessage, modelState, arrays, bare strings, empty and HTML bodies); the
//! user-facing sentence of every variant; and redaction of tokens from any error text.

use clc::error::{classify, error_message, excerpt, redact, Endpoint};
use clc::{Error, Method, Response, TransportError};

fn get(path: &str) -> Endpoint {
    Endpoint::new(Method::Get, path)
}

#[test]
fn classification_table() {
    let login = Endpoint::new(Method::Post, "https://api.ctl.io/v2/authentication/login");
    let server = get("/v2/servers/ACME/va1acmeweb01");
    let delete = Endpoint::new(Method::Delete, "/v2/servers/ACME/va1acmeweb01");
    let bad_login = r#"{"message":"We didn't recognize the username or password you entered. Please try again."}"#;
    let cases: Vec<(&Endpoint, u16, &str, Option<Error>)> = vec![
        (&server, 200, "{}", None),
        (&delete, 204, "", None),
        (&server, 202, "not even json", None),
        (
            &login,
            400,
            bad_login,
            Some(Error::BadCredentials(
                "We didn't recognize the username or password you entered. Please try again.".into(),
            )),
        ),
        (
            &login,
            401,
            "",
            Some(Error::BadCredentials("the user name or password was not recognised".into())),
        ),
        // Some other web server at the API address: the CLC login never answers 404 or 405.
        (&login, 405, "Method Not Allowed", Some(Error::NotClcApi { endpoint: "POST /v2/authentication/login".into() })),
        (&login, 404, "", Some(Error::NotClcApi { endpoint: "POST /v2/authentication/login".into() })),
        (&server, 401, "", Some(Error::TokenExpiredOrMissing)),
        (&server, 401, r#"{"message":"Authorization has been denied"}"#, Some(Error::TokenExpiredOrMissing)),
        (&server, 403, "", Some(Error::Forbidden)),
        (&server, 404, "", Some(Error::NotFound)),
        (&delete, 404, r#"{"message":"The requested resource does not exist."}"#, Some(Error::NotFound)),
        (
            &server,
            404,
            "<html><body>Not Found</body></html>",
            Some(Error::NotClcApi { endpoint: "GET /v2/servers/ACME/va1acmeweb01".into() }),
        ),
        (
            &server,
            400,
            r#"{"message":"The request is invalid.","modelState":{"body.cpu":["CPU must be between 1 and 16."],"body.memoryGB":["Too big.","Too small."]}}"#,
            Some(Error::Rejected {
                message: "The request is invalid. (body.cpu: CPU must be between 1 and 16.; body.memoryGB: Too big.; Too small.)".into(),
            }),
        ),
        (
            &server,
            400,
            r#"[{"message":"first problem"},{"message":"second problem"}]"#,
            Some(Error::Rejected { message: "first problem; second problem".into() }),
        ),
        (&server, 409, "", Some(Error::Rejected { message: "GET /v2/servers/ACME/va1acmeweb01 answered 409".into() })),
        (&server, 429, "", Some(Error::RateLimited { retry_after_ms: None })),
        (
            &server,
            500,
            r#"{"message":"An error has occurred."}"#,
            Some(Error::Server { status: 500, message: "An error has occurred.".into() }),
        ),
        (
            &server,
            500,
            r#"{"message":"An error has occurred.","exceptionMessage":"Operation already in progress","exceptionType":"nitro_exception","stackTrace":"   at x"}"#,
            Some(Error::Server { status: 500, message: "An error has occurred. Operation already in progress".into() }),
        ),
        (&server, 503, "<html>Service Unavailable</html>", Some(Error::Server { status: 503, message: "no details given".into() })),
        (&server, 502, "Bad Gateway", Some(Error::Server { status: 502, message: "Bad Gateway".into() })),
        (&server, 302, "", Some(Error::NotClcApi { endpoint: "GET /v2/servers/ACME/va1acmeweb01".into() })),
    ];
    for (endpoint, status, body, expected) in cases {
        let actual = classify(endpoint, &Response::new(status, body));
        assert_eq!(actual, expected, "{endpoint} {status} {body}");
    }
}

#[test]
fn retry_after_seconds_become_milliseconds() {
    let endpoint = get("/v2/datacenters/ACME");
    for (header, expected) in [
        ("3", Some(3000)),
        ("0.5", Some(500)),
        (" 10 ", Some(10_000)),
        ("Wed, 21 Oct 2015 07:28:00 GMT", None),
        ("-1", None),
    ] {
        let response = Response::new(429, "").header("Retry-After", header);
        assert_eq!(
            classify(&endpoint, &response),
            Some(Error::RateLimited {
                retry_after_ms: expected
            }),
            "{header}"
        );
    }
}

#[test]
fn error_message_shapes() {
    assert_eq!(error_message(""), None);
    assert_eq!(error_message("   "), None);
    assert_eq!(error_message("<!DOCTYPE html><html></html>"), None);
    assert_eq!(
        error_message(r#""Server not found""#).as_deref(),
        Some("Server not found")
    );
    assert_eq!(
        error_message(r#"{"Message":"Upper-case key"}"#).as_deref(),
        Some("Upper-case key")
    );
    assert_eq!(
        error_message(r#"{"error":{"message":"nested"}}"#).as_deref(),
        Some("nested")
    );
    assert_eq!(
        error_message(r#"{"modelState":{"":["only model state"]}}"#).as_deref(),
        Some("only model state")
    );
    assert_eq!(error_message(r#"{"unrelated":true}"#), None);
    let long = format!(r#"{{"message":"{}"}}"#, "x".repeat(1000));
    assert_eq!(error_message(&long).unwrap().chars().count(), 301);
}

#[test]
fn endpoint_labels_drop_query_and_host() {
    let endpoint = Endpoint::new(
        Method::Get,
        "http://127.0.0.1:8080/v2/groups/ACME/abc?serverDetail=detailed",
    );
    assert_eq!(endpoint.to_string(), "GET /v2/groups/ACME/abc");
    assert!(Endpoint::new(Method::Post, "/v2/authentication/login/").is_login());
    assert!(!get("/v2/servers/ACME/login").is_login());
}

#[test]
fn every_variant_has_a_plain_sentence() {
    let all = [
        Error::BadCredentials("Nope.".into()),
        Error::TokenExpiredOrMissing,
        Error::Forbidden,
        Error::NotFound,
        Error::RateLimited {
            retry_after_ms: Some(2500),
        },
        Error::RateLimited {
            retry_after_ms: None,
        },
        Error::Server {
            status: 500,
            message: "An error has occurred.".into(),
        },
        Error::Network("connection refused".into()),
        Error::Undecodable {
            endpoint: "GET /v2/x".into(),
            excerpt: "{".into(),
        },
        Error::NotClcApi {
            endpoint: "GET /v2/x".into(),
        },
        Error::Rejected {
            message: "The server already in desired state.".into(),
        },
        Error::Cancelled,
        Error::TimedOut { after_ms: 20_000 },
    ];
    let mut seen = std::collections::HashSet::new();
    for error in &all {
        let sentence = error.user_message();
        assert!(sentence.ends_with('.'), "{sentence}");
        assert!(sentence.len() > 40, "{sentence}");
        assert!(
            seen.insert(sentence.clone()),
            "duplicate sentence: {sentence}"
        );
    }
    assert!(all[0].user_message().contains("Nope."));
    assert!(all[4].user_message().contains("3 seconds"));
    assert!(all[6].user_message().contains("error 500"));
    assert!(all[10].user_message().contains("desired state"));
    assert!(all[12]
        .user_message()
        .contains("each try waited 20 seconds"));
    assert!(Error::NotFound
        .user_message()
        .contains("already be deleted"));
}

#[test]
fn transient_errors_are_the_retryable_ones() {
    assert!(Error::RateLimited {
        retry_after_ms: None
    }
    .is_transient());
    assert!(Error::Network("x".into()).is_transient());
    assert!(Error::TimedOut { after_ms: 1 }.is_transient());
    assert!(Error::Server {
        status: 503,
        message: String::new()
    }
    .is_transient());
    for permanent in [
        Error::NotFound,
        Error::Forbidden,
        Error::TokenExpiredOrMissing,
        Error::Cancelled,
    ] {
        assert!(!permanent.is_transient(), "{permanent:?}");
    }
    assert_eq!(Error::from(TransportError::Cancelled), Error::Cancelled);
    assert_eq!(
        Error::from(TransportError::TimedOut { after_ms: 30_000 }),
        Error::TimedOut { after_ms: 30_000 }
    );
}

#[test]
fn tokens_are_redacted_from_error_text() {
    let jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJ1cm46YXBpLXRpZXIzIn0.c2lnbmF0dXJl";
    let body = format!(r#"{{"userName":"jane","bearerToken":"{jwt}","password":"hunter2"}}"#);
    let clean = redact(&body);
    assert!(
        !clean.contains(jwt) && !clean.contains("eyJ0eXAi"),
        "{clean}"
    );
    assert!(!clean.contains("hunter2"), "{clean}");
    assert!(clean.contains(r#""userName":"jane""#));
    assert_eq!(
        redact("Authorization: Bearer abc.def-123 rejected"),
        "Authorization: Bearer [redacted] rejected"
    );
    assert_eq!(
        redact(&format!("token {jwt} expired")),
        "token [redacted] expired"
    );
    assert_eq!(redact("eyJust a word"), "eyJust a word");
    let short = excerpt(
        &format!(
            "{{\"message\":\"Bearer {jwt}\",\n \"x\": \"{}\"}}",
            "y".repeat(400)
        ),
        80,
    );
    assert!(!short.contains("eyJ0") && !short.contains('\n'));
    assert_eq!(short.chars().count(), 81);
    let message = classify(
        &get("/v2/x"),
        &Response::new(500, format!(r#"{{"message":"bad token {jwt}"}}"#)),
    );
    assert_eq!(
        message,
        Some(Error::Server {
            status: 500,
            message: "bad token [redacted]".into()
        })
    );
}

#[test]
fn the_services_own_full_stop_is_not_doubled() {
    // (A refused sign-in quotes the service word for word, full stop included.)
    let cases = [
        Error::Rejected {
            message: "The server is already being deleted.".into(),
        },
        Error::Server {
            status: 500,
            message: "An error has occurred.".into(),
        },
    ];
    for error in cases {
        let text = error.user_message();
        assert!(!text.contains(".."), "{text}");
        assert!(!text.contains(".)"), "{text}");
    }
}
