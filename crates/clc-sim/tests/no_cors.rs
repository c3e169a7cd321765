//! Checks `clc-sim serve --no-cors` over real HTTP on loopback: it answers like a service with no
//! CORS support (no `Access-Control-*` header on any answer, and every preflight refused), while
//! the API itself, the control endpoints and the static files work as usual, so a same-origin
//! proxy in front of it reaches everything.
#![cfg(feature = "server")]

mod support;

use support::http::{request, HttpResponse, RunningSim};

const ORIGIN: &str = "https://kb.example.com";

fn assert_no_cors_headers(what: &str, r: &HttpResponse) {
    let cors: Vec<&str> = r
        .headers
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| n.to_ascii_lowercase().starts_with("access-control-"))
        .collect();
    assert!(cors.is_empty(), "{what} answered with {cors:?}");
}

fn temp_dist() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("clc-sim-no-cors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>offboard</title>",
    )
    .unwrap();
    dir
}

#[test]
fn preflights_are_refused_and_no_answer_carries_cors_headers() {
    let dist = temp_dist();
    let sim = RunningSim::start(&[
        "--scenario",
        "demo",
        "--no-cors",
        "--dist",
        dist.to_str().unwrap(),
    ]);
    let port = sim.port;

    // The preflight a browser sends before an authenticated DELETE from another origin.
    for path in [
        "/v2/servers/demo/va1demoweb01",
        "/v2/authentication/login",
        "/rdbs/v1/DEMO/subscriptions",
        "/backup/clc-backup-api/api/accountPolicies",
        "/_sim/health",
    ] {
        let pre = request(
            port,
            "OPTIONS",
            path,
            &[
                ("Origin", ORIGIN),
                ("Access-Control-Request-Method", "DELETE"),
                (
                    "Access-Control-Request-Headers",
                    "authorization,content-type",
                ),
            ],
            "",
        );
        assert_eq!(pre.status, 405, "OPTIONS {path}: {}", pre.body);
        assert!(pre.body.contains("does not support http method 'OPTIONS'"));
        assert_no_cors_headers(&format!("OPTIONS {path}"), &pre);
    }

    // The API answers a server-side client (as a proxy is) in full, with no CORS headers.
    let login = request(
        port,
        "POST",
        "/v2/authentication/login",
        &[("Content-Type", "application/json"), ("Origin", ORIGIN)],
        r#"{"username":"demo","password":"demo-password"}"#,
    );
    assert_eq!(login.status, 200, "{}", login.body);
    assert_no_cors_headers("the login", &login);
    let auth = format!("Bearer {}", login.json()["bearerToken"].as_str().unwrap());
    let h = [("Authorization", auth.as_str()), ("Origin", ORIGIN)];
    for path in [
        "/v2/datacenters/DEMO",
        "/v2-experimental/networks/DEMO/VA1",
        "/v1/DEMO/subscriptions",
        "/clc-backup-api/api/accountPolicies",
    ] {
        let r = request(port, "GET", path, &h, "");
        assert_eq!(r.status, 200, "GET {path}: {}", r.body);
        assert_no_cors_headers(&format!("GET {path}"), &r);
    }
    let denied = request(
        port,
        "GET",
        "/v2/datacenters/DEMO",
        &[("Origin", ORIGIN)],
        "",
    );
    assert_eq!(denied.status, 401);
    assert_no_cors_headers("a 401", &denied);

    // Control endpoints and static files too.
    let health = request(port, "GET", "/_sim/health", &[("Origin", ORIGIN)], "");
    assert_eq!(health.json()["status"], "ok");
    assert_no_cors_headers("/_sim/health", &health);
    let index = request(port, "GET", "/", &[("Origin", ORIGIN)], "");
    assert_eq!(index.status, 200);
    assert_eq!(
        index.header("Content-Security-Policy"),
        Some(clc_sim::CONTENT_SECURITY_POLICY)
    );
    assert_no_cors_headers("index.html", &index);
    let _ = std::fs::remove_dir_all(&dist);
}

#[test]
fn without_the_flag_the_same_preflight_is_accepted() {
    let sim = RunningSim::start(&["--scenario", "demo"]);
    let pre = request(
        sim.port,
        "OPTIONS",
        "/v2/servers/demo/va1demoweb01",
        &[
            ("Origin", ORIGIN),
            ("Access-Control-Request-Method", "DELETE"),
        ],
        "",
    );
    assert_eq!(pre.status, 204);
    assert_eq!(pre.header("Access-Control-Allow-Origin"), Some(ORIGIN));
}
