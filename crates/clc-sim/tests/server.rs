//! Checks the `clc-sim serve` binary over real HTTP on loopback: the ready line, a CORS
//! preflight and CORS headers, a login, a `GroupLinks=true` query, a followed href (path and
//! absolute proxy form), a form-encoded DELETE whose queue operation moves with `--time-scale`,
//! the control endpoints, static files with the CSP, and many requests at once.
#![cfg(feature = "server")]

mod support;

use std::thread;

use support::http::{request, RunningSim};

fn temp_dist() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("clc-sim-dist-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>offboard</title>",
    )
    .unwrap();
    std::fs::write(
        dir.join("pkg/app_bg.wasm"),
        [0u8, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    )
    .unwrap();
    dir
}

fn login(port: u16) -> String {
    let r = request(
        port,
        "POST",
        "/v2/authentication/login",
        &[
            ("Content-Type", "application/json"),
            ("Origin", "http://localhost:3000"),
        ],
        r#"{"username":"demo","password":"demo-password"}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.header("Access-Control-Allow-Origin"),
        Some("http://localhost:3000")
    );
    r.json()["bearerToken"].as_str().unwrap().to_string()
}

#[test]
fn serves_the_api_with_cors_control_endpoints_and_static_files() {
    let dist = temp_dist();
    let sim = RunningSim::start(&[
        "--scenario",
        "demo",
        "--seed",
        "3",
        "--time-scale",
        "100",
        "--dist",
        dist.to_str().unwrap(),
    ]);
    let port = sim.port;

    // CORS preflight for an authenticated DELETE from another origin.
    let pre = request(
        port,
        "OPTIONS",
        "/v2/servers/demo/va1demoweb01",
        &[
            ("Origin", "https://kb.example.com"),
            ("Access-Control-Request-Method", "DELETE"),
            (
                "Access-Control-Request-Headers",
                "authorization,content-type",
            ),
        ],
        "",
    );
    assert_eq!(pre.status, 204);
    assert_eq!(
        pre.header("Access-Control-Allow-Origin"),
        Some("https://kb.example.com")
    );
    let methods = pre.header("Access-Control-Allow-Methods").unwrap();
    for m in ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] {
        assert!(methods.contains(m), "{m}");
    }
    let allowed = pre
        .header("Access-Control-Allow-Headers")
        .unwrap()
        .to_ascii_lowercase();
    assert!(allowed.contains("authorization") && allowed.contains("content-type"));
    assert!(pre
        .header("Access-Control-Expose-Headers")
        .unwrap()
        .contains("Location"));

    let token = login(port);
    let auth = format!("Bearer {token}");
    let h = [
        ("Authorization", auth.as_str()),
        ("Origin", "https://kb.example.com"),
    ];

    // Unauthenticated calls still carry CORS headers, so the page can read the 401.
    let denied = request(
        port,
        "GET",
        "/v2/datacenters/DEMO",
        &[("Origin", "https://kb.example.com")],
        "",
    );
    assert_eq!(denied.status, 401);
    assert_eq!(
        denied.header("Access-Control-Allow-Origin"),
        Some("https://kb.example.com")
    );

    // GroupLinks=true, then follow the group href as given, and once in absolute proxy form.
    let dcs = request(port, "GET", "/v2/datacenters/demo?GroupLinks=true", &h, "").json();
    let group = dcs[0]["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["rel"] == "group")
        .unwrap()
        .clone();
    let href = group["href"].as_str().unwrap();
    let tree = request(port, "GET", href, &h, "");
    assert_eq!(tree.status, 200);
    assert_eq!(tree.json()["name"], "VA1 Hardware");
    let nets = request(port, "GET", "/v2-experimental/networks/DEMO/va1", &h, "").json();
    let absolute = nets[0]["links"][0]["href"].as_str().unwrap();
    assert!(absolute.starts_with("http://api.ctl.io/"));
    assert_eq!(request(port, "GET", absolute, &h, "").status, 200);

    // A form-encoded DELETE; the queue finishes quickly at 100x.
    let mut form = h.to_vec();
    form.push(("Content-Type", "application/x-www-form-urlencoded"));
    let del = request(port, "DELETE", "/v2/servers/DEMO/va1demoweb01", &form, "");
    assert_eq!(del.status, 202, "{}", del.body);
    let status = del.json()["links"][0]["href"].as_str().unwrap().to_string();
    let mut last = String::new();
    for _ in 0..200 {
        last = request(port, "GET", &status, &h, "").json()["status"]
            .as_str()
            .unwrap()
            .to_string();
        if last == "succeeded" {
            break;
        }
        thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(last, "succeeded");
    assert_eq!(
        request(port, "GET", "/v2/servers/demo/va1demoweb01", &h, "").status,
        404
    );

    // Control endpoints.
    let health = request(port, "GET", "/_sim/health", &[], "");
    assert_eq!(health.json()["status"], "ok");
    let state = request(port, "GET", "/_sim/state", &[], "").json();
    assert!(!state["servers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == "va1demoweb01"));
    let faults = request(
        port,
        "POST",
        "/_sim/faults",
        &[("Content-Type", "application/json")],
        r#"{"rules":[{"route":"/v2/alertPolicies/*","times":1,"fault":{"kind":"rateLimit","retryAfterS":2}}]}"#,
    );
    assert_eq!(faults.status, 200, "{}", faults.body);
    let limited = request(port, "GET", "/v2/alertPolicies/DEMO", &h, "");
    assert_eq!(
        (limited.status, limited.header("Retry-After")),
        (429, Some("2"))
    );
    assert_eq!(
        request(port, "POST", "/_sim/faults", &[], "{not json").status,
        400
    );
    let reset = request(
        port,
        "POST",
        "/_sim/reset",
        &[("Content-Type", "application/json")],
        r#"{"scenario":"demo","seed":1}"#,
    );
    assert_eq!(reset.status, 200, "{}", reset.body);
    // The account's calendar started at the epoch it was given; `/_sim/clock` moves it, so a
    // test puts the simulator on its page's instant (a day on here: the token is still valid).
    let wall = |r: &support::http::HttpResponse| r.json()["wallClockMs"].as_u64().unwrap();
    let started = wall(&request(port, "GET", "/_sim/health", &[], ""));
    assert!(
        (clc_sim::DEFAULT_EPOCH_MS..clc_sim::DEFAULT_EPOCH_MS + 3_600_000).contains(&started),
        "{started}"
    );
    let moved = request(
        port,
        "POST",
        "/_sim/clock",
        &[("Content-Type", "application/json")],
        r#"{"wallClockMs":1793696400000}"#,
    );
    assert!((1_793_696_400_000..1_793_696_460_000).contains(&wall(&moved)));
    let health = request(port, "GET", "/_sim/health", &[], "");
    assert!(wall(&health) >= 1_793_696_400_000);
    assert_eq!(
        request(port, "POST", "/_sim/clock", &[], r#"{"wallClock":1}"#).status,
        400
    );
    assert_eq!(
        request(port, "GET", "/v2/servers/demo/va1demoweb01", &h, "").status,
        200,
        "token survives a reset"
    );
    assert_eq!(
        request(port, "POST", "/_sim/reset", &[], r#"{"scenario":"huge"}"#).status,
        400
    );

    // Static files with the CSP.
    let index = request(
        port,
        "GET",
        "/",
        &[("Origin", "https://kb.example.com")],
        "",
    );
    assert_eq!(
        index.header("Access-Control-Allow-Origin"),
        Some("https://kb.example.com")
    );
    assert_eq!(index.status, 200);
    assert!(index.body.contains("offboard"));
    assert_eq!(
        index.header("Content-Security-Policy"),
        Some(clc_sim::CONTENT_SECURITY_POLICY)
    );
    assert_eq!(index.header("X-Content-Type-Options"), Some("nosniff"));
    assert_eq!(index.header("Referrer-Policy"), Some("no-referrer"));
    assert!(index
        .header("Content-Type")
        .unwrap()
        .starts_with("text/html"));
    let wasm = request(port, "GET", "/pkg/app_bg.wasm", &[], "");
    assert_eq!(wasm.header("Content-Type"), Some("application/wasm"));
    assert_eq!(
        request(port, "GET", "/../../etc/passwd", &[], "").status,
        404
    );
    assert_eq!(
        request(port, "GET", "/pkg/%2e%2e/%2e%2e/%2e%2e/etc/passwd", &[], "").status,
        404
    );
    let _ = std::fs::remove_dir_all(&dist);
}

#[test]
fn handles_concurrent_clients() {
    let sim = RunningSim::start(&["--scenario", "empty"]);
    let port = sim.port;
    let r = request(
        port,
        "POST",
        "/v2/authentication/login",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        "username=empty&password=empty-password",
    );
    let token = r.json()["bearerToken"].as_str().unwrap().to_string();
    let workers: Vec<_> = (0..8)
        .map(|_| {
            let auth = format!("Bearer {token}");
            thread::spawn(move || {
                for _ in 0..50 {
                    let r = request(
                        port,
                        "GET",
                        "/v2/datacenters/EMPT?groupLinks=true",
                        &[("Authorization", &auth)],
                        "",
                    );
                    assert_eq!(r.status, 200);
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
}
