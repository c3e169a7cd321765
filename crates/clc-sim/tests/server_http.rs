//! The loopback server started in-process (`clc_sim::server::start`), over real HTTP/1.1: a free
//! port from port 0, `stop()` returning (and closing idle connections), several requests on one
//! kept-alive connection, as a browser sends them, and the protocol's edges: chunked and split
//! bodies, `Expect`, HEAD, pipelining, HTTP/1.0, ambiguous framing and error answers. (The CORS preflight, login, form-encoded DELETE, `GroupLinks=true`, followed
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

/// (status, headers in lower case, body)
type Answer = (u16, Vec<(String, String)>, String);

/// The demo's credentials, as a login request's body.
const LOGIN: &str = r#"{"username":"demo","password":"demo-password"}"#;

/// A login request's first lines over HTTP/1.1, up to the headers that frame its body.
const LOGIN_HEAD: &str = "POST /v2/authentication/login HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                          Content-Type: application/json\r\n";

/// The answer signed the demo user in.
fn assert_signed_in((status, _, body): &Answer) {
    assert_eq!(*status, 200, "{body}");
    assert!(body.contains("bearerToken"), "{body}");
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
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        KeptAlive {
            reader: BufReader::new(stream),
        }
    }

    fn get(&mut self, path: &str, token: &str) -> Answer {
        let head = format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\
             Origin: https://kb.example.com\r\nAuthorization: Bearer {token}\r\n\r\n"
        );
        self.reader.get_mut().write_all(head.as_bytes()).unwrap();
        self.read_answer().expect("an answer")
    }

    /// Reads one answer by its `Content-Length`: (status, headers in lower case, body).
    fn read_answer(&mut self) -> std::io::Result<Answer> {
        let (status, headers) = self.read_head()?;
        let length: usize = headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .map(|(_, v)| v.parse().unwrap())
            .expect("a Content-Length");
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body)?;
        Ok((status, headers, String::from_utf8(body).unwrap()))
    }

    /// Reads an answer's status line and headers (in lower case), up to the empty line.
    fn read_head(&mut self) -> std::io::Result<(u16, Vec<(String, String)>)> {
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status = line
            .split_whitespace()
            .nth(1)
            .unwrap_or("0")
            .parse()
            .unwrap_or(0);
        let mut headers = Vec::new();
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            match line.trim_end().split_once(':') {
                Some((n, v)) => headers.push((n.trim().to_ascii_lowercase(), v.trim().to_string())),
                None => break,
            }
        }
        Ok((status, headers))
    }

    fn send(&mut self, bytes: &[u8]) {
        self.reader.get_mut().write_all(bytes).unwrap();
    }

    /// The server has closed the connection, with nothing more sent on it.
    fn assert_closed(&mut self, why: &str) {
        let mut more = Vec::new();
        let read = self.reader.read_to_end(&mut more);
        assert!(
            read.is_ok(),
            "{why}: the connection is closed, not left open: {read:?}"
        );
        assert!(more.is_empty(), "{why}: nothing follows");
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

/// Six connections opened at once and kept alive, as a page scanning an account holds them,
/// against a server that adds latency to every answer: each one's request is answered while the
/// others stay open. (With tiny_http, the server used before `server::http`, its connection pool
/// queued some freshly accepted connections behind the open ones, so a scan's read sometimes
/// waited until the page gave up on it.) The server runs on one CPU, as on a loaded machine,
/// where that stall happened every time. The long read
/// timeout only detects a request that is never answered.
#[test]
fn connections_opened_together_and_kept_alive_are_all_answered() {
    #[cfg(target_os = "linux")]
    one_cpu();
    let server = start(ServerConfig {
        port: 0,
        scenario: Scenario::Demo,
        latency_ms: 50,
        ..ServerConfig::default()
    })
    .expect("bind 127.0.0.1:0");
    let token = login(server.port());
    let mut open = Vec::new();
    for _wave in 0..3 {
        let mut conns: Vec<KeptAlive> = (0..6).map(|_| KeptAlive::open(server.port())).collect();
        for round in 0..2 {
            for conn in &mut conns {
                let head = format!(
                    "GET /v2/datacenters/DEMO?groupLinks=true HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                     Connection: keep-alive\r\nAuthorization: Bearer {token}\r\n\r\n"
                );
                conn.reader.get_mut().write_all(head.as_bytes()).unwrap();
            }
            for (i, conn) in conns.iter_mut().enumerate() {
                let (status, _, body) = conn
                    .read_answer()
                    .unwrap_or_else(|e| panic!("connection {i}, round {round}: no answer: {e}"));
                assert_eq!(status, 200, "{body}");
            }
        }
        // The connections stay open while the next wave connects.
        open.push(conns);
    }
    server.stop();
    drop(open);
}

/// Runs this thread, and the threads it starts from now on, on one CPU: a thread woken by another
/// runs only once that one blocks or is preempted, as on a machine with more work than cores.
#[cfg(target_os = "linux")]
fn one_cpu() {
    let size = std::mem::size_of::<libc::cpu_set_t>();
    // SAFETY: a zeroed cpu_set_t is a valid empty set, and `size` is its size.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        if libc::sched_getaffinity(0, size, &mut set) != 0 {
            return;
        }
        let Some(cpu) = (0..libc::CPU_SETSIZE as usize).find(|&c| libc::CPU_ISSET(c, &set)) else {
            return;
        };
        libc::CPU_ZERO(&mut set);
        libc::CPU_SET(cpu, &mut set);
        assert_eq!(
            libc::sched_setaffinity(0, size, &set),
            0,
            "pin to CPU {cpu}"
        );
    }
}

/// A body sent in chunks (as a client streaming it sends it) is read whole; a request line that is
/// not HTTP gets a 400 that says so, and the connection is closed.
#[test]
fn chunked_bodies_are_read_and_garbled_requests_refused() {
    let server = serve(Scenario::Demo);
    let mut conn = KeptAlive::open(server.port());
    let (first, rest) = LOGIN.split_at(10);
    let head = format!(
        "{LOGIN_HEAD}Transfer-Encoding: chunked\r\n\r\n\
         {:x}\r\n{first}\r\n{:x}\r\n{rest}\r\n0\r\n\r\n",
        first.len(),
        rest.len()
    );
    conn.send(head.as_bytes());
    assert_signed_in(&conn.read_answer().unwrap());

    conn.send(b"HELLO THERE\r\n\r\n");
    let (status, headers, answer) = conn.read_answer().unwrap();
    assert_eq!(status, 400);
    assert!(answer.contains("request line"), "{answer}");
    assert!(headers
        .iter()
        .any(|(n, v)| n == "connection" && v == "close"));
    conn.assert_closed("after the 400");
    server.stop();
}

/// Sends `bytes` on a fresh connection and reads one answer (the read timeout only detects a
/// missing answer).
fn one_answer(port: u16, bytes: &[u8]) -> Answer {
    let mut conn = KeptAlive::open(port);
    // The server may answer (and stop reading) before all of it is sent.
    let _ = conn.reader.get_mut().write_all(bytes);
    conn.read_answer().expect("an answer")
}

/// A chunk size past what a body may hold gets a 413 (`ffffffffffffffff` after a first chunk
/// overflowed `body.len() + size` and panicked the connection's thread: no answer at all), and
/// a size that is not plain hex (`+5`) a 400.
#[test]
fn huge_or_signed_chunk_sizes_are_refused() {
    let server = serve(Scenario::Demo);
    let head = "POST /v2/authentication/login HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                Transfer-Encoding: chunked\r\n\r\n";
    let huge = format!("{head}1\r\na\r\nffffffffffffffff\r\n");
    let (status, _, body) = one_answer(server.port(), huge.as_bytes());
    assert_eq!(status, 413, "{body}");
    let signed = format!("{head}+5\r\nhello\r\n0\r\n\r\n");
    let (status, _, body) = one_answer(server.port(), signed.as_bytes());
    assert_eq!(status, 400, "{body}");
    server.stop();
}

/// An error answer sent before the whole request was read reaches the client, and the client
/// can finish sending its request first, as most clients do before reading: a 431 for a header
/// line past the limit, and a 413 for a declared body past the limit whose bytes (more than the
/// sockets' buffers hold) the client sends. (The server dropped the socket with unread bytes, so
/// the kernel reset the connection: the client's write failed and the answer could be lost.)
#[test]
fn error_answers_are_read_although_the_request_was_not() {
    let server = serve(Scenario::Demo);
    let long = format!(
        "GET /_sim/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: {}\r\n\r\n",
        "a".repeat(64 * 1024)
    );
    let (status, headers, _) = one_answer(server.port(), long.as_bytes());
    assert_eq!(status, 431);
    assert!(headers
        .iter()
        .any(|(n, v)| n == "connection" && v == "close"));
    let mut large = format!("{LOGIN_HEAD}Content-Length: 20000000\r\n\r\n").into_bytes();
    large.resize(large.len() + (8 << 20), b'x');
    let mut conn = KeptAlive::open(server.port());
    conn.reader
        .get_mut()
        .write_all(&large)
        .expect("the whole request is sent (the server reads what follows its answer)");
    let (status, _, body) = conn.read_answer().expect("an answer");
    assert_eq!(status, 413, "{body}");
    server.stop();
}

/// `stop()` closes a kept-alive connection that is idle: the client reads the end of the stream
/// (it used to stay open, with its thread, until the client closed it). The read timeout only
/// detects a connection left open.
#[test]
fn stop_closes_idle_kept_alive_connections() {
    let server = serve(Scenario::Demo);
    let mut conn = KeptAlive::open(server.port());
    let head = "GET /_sim/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n";
    conn.send(head.as_bytes());
    let (status, _, _) = conn.read_answer().unwrap();
    assert_eq!(status, 200);
    server.stop();
    conn.assert_closed("after stop()");
}

fn has(headers: &[(String, String)], name: &str, value: &str) -> bool {
    headers
        .iter()
        .any(|(n, v)| n == name && v.eq_ignore_ascii_case(value))
}

/// `Expect: 100-continue` from an HTTP/1.1 client: the server answers `100 Continue` before the
/// client sends the body (the client here waits for it), then the answer to the whole request.
#[test]
fn expect_100_continue_is_answered_before_the_body() {
    let server = serve(Scenario::Demo);
    let mut conn = KeptAlive::open(server.port());
    conn.send(
        format!(
            "{LOGIN_HEAD}Expect: 100-continue\r\nContent-Length: {}\r\n\r\n",
            LOGIN.len()
        )
        .as_bytes(),
    );
    let (status, headers) = conn.read_head().unwrap();
    assert_eq!((status, headers.len()), (100, 0));
    conn.send(LOGIN.as_bytes());
    assert_signed_in(&conn.read_answer().unwrap());
    server.stop();
}

/// An HTTP/1.0 request without `Connection: keep-alive` is answered with `Connection: close`,
/// and the connection is closed after the answer.
#[test]
fn http_1_0_closes_by_default() {
    let server = serve(Scenario::Demo);
    let mut conn = KeptAlive::open(server.port());
    conn.send(b"GET /_sim/health HTTP/1.0\r\n\r\n");
    let (status, headers, _) = conn.read_answer().unwrap();
    assert_eq!(status, 200);
    assert!(has(&headers, "connection", "close"), "{headers:?}");
    conn.assert_closed("after the answer");
    server.stop();
}

/// A HEAD answer carries the `Content-Length` its body would have, but no body: the next answer
/// on the connection starts right after its headers. (The control endpoints answer HEAD with a
/// 404 and a JSON message, which HEAD leaves out.)
#[test]
fn head_answers_have_a_length_and_no_body() {
    let server = serve(Scenario::Demo);
    let mut conn = KeptAlive::open(server.port());
    conn.send(b"HEAD /_sim/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    let (status, headers) = conn.read_head().unwrap();
    assert_eq!(status, 404);
    let length = headers.iter().find(|(n, _)| n == "content-length");
    assert!(
        length.is_some_and(|(_, v)| v.parse::<usize>().unwrap() > 0),
        "{headers:?}"
    );
    conn.send(b"GET /_sim/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    let (status, _, body) = conn.read_answer().unwrap();
    assert_eq!(
        status, 200,
        "the next answer follows the HEAD's headers: {body}"
    );
    assert!(body.contains("scenario"), "{body}");
    server.stop();
}

/// Two requests sent in one write (pipelined) get two answers, in order.
#[test]
fn pipelined_requests_are_answered_in_order() {
    let server = serve(Scenario::Demo);
    let mut conn = KeptAlive::open(server.port());
    conn.send(
        format!(
            "{LOGIN_HEAD}Content-Length: {}\r\n\r\n{LOGIN}\
             GET /_sim/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            LOGIN.len()
        )
        .as_bytes(),
    );
    assert_signed_in(&conn.read_answer().unwrap());
    let (status, _, body) = conn.read_answer().unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("scenario"), "{body}");
    server.stop();
}

/// A `Content-Length` body that arrives in two writes is read whole.
#[test]
fn a_body_split_across_writes_is_read_whole() {
    let server = serve(Scenario::Demo);
    let mut conn = KeptAlive::open(server.port());
    let (first, rest) = LOGIN.split_at(LOGIN.len() / 2);
    conn.send(format!("{LOGIN_HEAD}Content-Length: {}\r\n\r\n{first}", LOGIN.len()).as_bytes());
    conn.send(rest.as_bytes());
    assert_signed_in(&conn.read_answer().unwrap());
    server.stop();
}

/// Requests whose framing a proxy in front could read differently are refused: whitespace
/// before a header's colon (400), a `Transfer-Encoding` not ending in `chunked` (400) or with
/// another coding before it (501), and two different `Content-Length`s (400). (Each was read:
/// the name trimmed, the coding ignored or taken as chunked, the first length used.)
#[test]
fn ambiguous_framing_is_refused() {
    let server = serve(Scenario::Demo);
    let port = server.port();
    let get = |extra: &str, body: &str| {
        let request = format!("GET /_sim/health HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}\r\n{body}");
        one_answer(port, request.as_bytes())
    };
    let (status, _, body) = get("X-Test : 1\r\n", "");
    assert_eq!(status, 400, "{body}");
    let (status, _, body) = get("Transfer-Encoding: gzip\r\n", "");
    assert_eq!(status, 400, "{body}");
    let (status, _, body) = get("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n");
    assert_eq!(status, 501, "{body}");
    let (status, _, body) = get("Content-Length: 0\r\nContent-Length: 5\r\n", "hello");
    assert_eq!(status, 400, "{body}");
    let (status, _, body) = get("Content-Length: 0, 5\r\n", "hello");
    assert_eq!(status, 400, "{body}");
    // The same length twice is one length.
    let (status, _, body) = get("Content-Length: 0\r\nContent-Length: 0\r\n", "");
    assert_eq!(status, 200, "{body}");
    server.stop();
}

/// A request with both `Transfer-Encoding: chunked` and a `Content-Length` is read by its chunks
/// (the length here is wrong on purpose), answered, and the connection closed after the answer.
#[test]
fn chunked_wins_over_content_length_and_the_connection_closes() {
    let server = serve(Scenario::Demo);
    let mut conn = KeptAlive::open(server.port());
    conn.send(
        format!(
            "{LOGIN_HEAD}Content-Length: 3\r\n\
             Transfer-Encoding: chunked\r\n\r\n{:x}\r\n{LOGIN}\r\n0\r\n\r\n",
            LOGIN.len()
        )
        .as_bytes(),
    );
    let answer = conn.read_answer().unwrap();
    assert_signed_in(&answer);
    assert!(has(&answer.1, "connection", "close"), "{:?}", answer.1);
    conn.assert_closed("after the answer");
    server.stop();
}

/// An HTTP/1.0 client asking for `Connection: keep-alive` is told it got it (without the echo it
/// takes the answer as the last one), and its next request on the connection is answered. Every
/// answer carries a `Date`.
#[test]
fn http_1_0_keep_alive_is_echoed() {
    let server = serve(Scenario::Demo);
    let mut conn = KeptAlive::open(server.port());
    for _ in 0..2 {
        conn.send(b"GET /_sim/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        let (status, headers, _) = conn.read_answer().unwrap();
        assert_eq!(status, 200);
        assert!(has(&headers, "connection", "keep-alive"), "{headers:?}");
        assert!(
            headers
                .iter()
                .any(|(n, v)| n == "date" && v.ends_with(" GMT")),
            "{headers:?}"
        );
    }
    server.stop();
}

/// An HTTP/1.0 client that sends `Expect: 100-continue` gets no `100 Continue` (1.0 has no 1xx
/// answers): the first answer it reads is the final one.
#[test]
fn http_1_0_gets_no_100_continue() {
    let server = serve(Scenario::Demo);
    let request = format!(
        "POST /v2/authentication/login HTTP/1.0\r\nContent-Type: application/json\r\n\
         Expect: 100-continue\r\nContent-Length: {}\r\n\r\n{LOGIN}",
        LOGIN.len()
    );
    assert_signed_in(&one_answer(server.port(), request.as_bytes()));
    server.stop();
}
