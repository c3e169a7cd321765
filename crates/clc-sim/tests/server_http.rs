//! The loopback server started in-process (`clc_sim::server::start`), over real HTTP/1.1: a free
//! port from port 0, `stop()` returning, and several requests on one kept-alive connection, as a
//! browser sends them. (The CORS preflight, login, form-encoded DELETE, `GroupLinks=true`, followed
//! hrefs and control endpoints are checked against the `clc-sim` binary in `tests/server.rs`.)
#![cfg(feature = "server")]

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use clc_sim::server::{start, RunningServer, ServerConfig};
use clc_sim::Scenario;

use support::http::request;

fn serve(scenario: Scenario) -> RunningServer {
    start(ServerConfig {
        port: 0,
        scenario,
        threads: 2,
        ..ServerConfig::default()
    })
    .expect("bind 127.0.0.1:0")
}

fn login(port: u16) -> String {
    let r = request(
        port,
        "POST",
        "/v2/authentication/login",
        &[("Content-Type", "application/json")],
        r#"{"username":"demo","password":"demo-password"}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["bearerToken"].as_str().unwrap().to_string()
}

/// One keep-alive connection: sends GETs and reads each answer by its `Content-Length`.
struct KeptAlive {
    reader: BufReader<TcpStream>,
}

impl KeptAlive {
    fn open(port: u16) -> KeptAlive {
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_nodelay(true).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        KeptAlive {
            reader: BufReader::new(stream),
        }
    }

    /// (status, headers in lower case, body)
    fn get(&mut self, path: &str, token: &str) -> (u16, Vec<(String, String)>, String) {
        let head = format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\
             Origin: https://kb.example.com\r\nAuthorization: Bearer {token}\r\n\r\n"
        );
        self.reader.get_mut().write_all(head.as_bytes()).unwrap();
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        let status = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        let mut headers = Vec::new();
        loop {
            line.clear();
            self.reader.read_line(&mut line).unwrap();
            match line.trim_end().split_once(':') {
                Some((n, v)) => headers.push((n.trim().to_ascii_lowercase(), v.trim().to_string())),
                None => break,
            }
        }
        let length: usize = headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .map(|(_, v)| v.parse().unwrap())
            .expect("a Content-Length");
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).unwrap();
        (status, headers, String::from_utf8(body).unwrap())
    }
}

#[test]
fn starts_on_a_free_port_answers_and_stops() {
    let server = serve(Scenario::Empty);
    let port = server.port();
    assert_ne!(port, 0);
    let health = request(port, "GET", "/_sim/health", &[], "");
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["scenario"], "empty");
    server.stop();
}

#[test]
fn one_kept_alive_connection_serves_several_requests() {
    let server = serve(Scenario::Demo);
    let token = login(server.port());
    let mut conn = KeptAlive::open(server.port());
    let paths = [
        "/v2/datacenters/DEMO?groupLinks=true",
        "/v2/alertPolicies/DEMO",
        "/v2-experimental/networks/DEMO/va1",
        "/v2/datacenters/DEMO?groupLinks=true",
    ];
    let mut bodies = Vec::new();
    for path in paths {
        let (status, headers, body) = conn.get(path, &token);
        assert_eq!(status, 200, "{path}: {body}");
        assert!(headers
            .iter()
            .any(|(n, v)| n == "access-control-allow-origin" && v == "https://kb.example.com"));
        assert!(!headers
            .iter()
            .any(|(n, v)| n == "connection" && v == "close"));
        bodies.push(serde_json::from_str::<serde_json::Value>(&body).unwrap());
    }
    assert_eq!(bodies[0].as_array().unwrap().len(), 3);
    assert_eq!(bodies[1]["items"].as_array().unwrap().len(), 2);
    assert_eq!(
        bodies[0], bodies[3],
        "the same answer on the reused connection"
    );
    server.stop();
}
