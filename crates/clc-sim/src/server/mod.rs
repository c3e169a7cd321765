//! The loopback server (`server` feature): the simulated API with CORS (or, with `--no-cors`,
//! without, as a service that never heard of it), the app's static files with a strict CSP, and
//! control endpoints under `/_sim/`. Sync and multi-threaded: a thread per connection reads
//! requests (see `http`), and a pool of workers answers them, sharing one `Mutex<Sim>`.

mod args;
mod control;
mod files;
mod http;
mod reply;
mod request;

pub use args::{parse_args, Command, USAGE};

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use http::{Answer, Listening};
use reply::Reply;
use request::Request as HttpRequest;

use crate::{Scenario, Sim};

/// How to run the server.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerConfig {
    /// 0 picks a free port (see [`RunningServer::port`]).
    pub port: u16,
    pub scenario: Scenario,
    pub seed: u64,
    /// Added to every API answer.
    pub latency_ms: u64,
    /// Virtual ms per real ms (queue operations finish `time_scale` times faster).
    pub time_scale: f64,
    /// Static files served at `/`.
    pub dist: Option<PathBuf>,
    pub threads: usize,
    /// The simulated account's wall clock at start (epoch ms); `None`: the real time.
    pub epoch_ms: Option<u64>,
    /// Answers with CORS headers and accepts preflights. Off (`--no-cors`), the server answers
    /// like a service with no CORS support: no `Access-Control-*` header on any answer, and
    /// every `OPTIONS` refused, so a page on another origin can only reach it through a
    /// same-origin proxy.
    pub cors: bool,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            port: 8787,
            scenario: Scenario::Demo,
            seed: 1,
            latency_ms: 0,
            time_scale: 1.0,
            dist: None,
            threads: 8,
            epoch_ms: None,
            cors: true,
        }
    }
}

/// State shared by the workers.
pub(crate) struct Shared {
    pub sim: Mutex<Sim>,
    pub started: Instant,
    pub config: ServerConfig,
}

impl Shared {
    /// Virtual time: real elapsed ms × time scale.
    pub fn now_ms(&self) -> u64 {
        (self.started.elapsed().as_secs_f64() * 1000.0 * self.config.time_scale) as u64
    }

    pub fn sim(&self) -> std::sync::MutexGuard<'_, Sim> {
        self.sim.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A server accepting connections on 127.0.0.1.
pub struct RunningServer {
    http: Listening,
}

impl RunningServer {
    pub fn port(&self) -> u16 {
        self.http.port
    }

    /// Blocks until the server stops.
    pub fn join(self) {
        self.http.join();
    }

    /// Stops accepting requests and waits for the workers.
    pub fn stop(self) {
        self.http.stop();
    }
}

/// Binds 127.0.0.1:`port` and starts the workers.
pub fn start(config: ServerConfig) -> io::Result<RunningServer> {
    let addr = SocketAddr::from(([127, 0, 0, 1], config.port));
    let listener = std::net::TcpListener::bind(addr)?;
    no_delay(&listener);
    let mut sim = Sim::new(config.scenario.clone(), config.seed);
    let epoch = config.epoch_ms.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0)
    });
    sim.set_epoch_ms(epoch);
    let shared = Arc::new(Shared {
        sim: Mutex::new(sim),
        started: Instant::now(),
        config: config.clone(),
    });
    // The detailed group trees a scan reads first, written ahead (see `Sim::warm_detailed_tree`).
    let warm = shared.clone();
    std::thread::spawn(move || while warm.sim().warm_detailed_tree() {});
    let http = Listening::start(listener, config.threads, move |req| serve(&shared, req))?;
    Ok(RunningServer { http })
}

/// Paths that belong to the simulated API (everything else is a static file).
fn is_api(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || [
            "/v2/",
            "/v2-experimental/",
            "/rdbs/",
            "/backup/",
            "/v1/",
            "/clc-backup-api/",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
}

fn serve(shared: &Shared, req: HttpRequest) -> Answer {
    let (url, method) = (req.url.as_str(), req.method.as_str());
    let is_control = url.starts_with("/_sim/") || url == "/_sim";
    let cors = shared.config.cors.then_some(req.header("Origin"));
    if !(is_api(url) || is_control) {
        // Static files close their connection, so the browser opens a fresh one for the next
        // file (kept for the page loads measured since; the stalls it once worked around came
        // from tiny_http, the server used before `http`).
        let reply = files::serve(
            shared.config.dist.as_deref(),
            method,
            url,
            req.header("Accept-Encoding"),
        )
        .cors(cors);
        return Answer { reply, close: true };
    }
    let reply = if method == "OPTIONS" {
        if shared.config.cors {
            Reply::new(204, Vec::new()).preflight()
        } else {
            // What a Web API service without CORS answers: the verb is not supported.
            Reply::json(
                405,
                r#"{"message":"The requested resource does not support http method 'OPTIONS'."}"#,
            )
            .header("Allow", "GET, POST, PUT, PATCH, DELETE")
        }
    } else if is_control {
        control::handle(shared, method, url, &String::from_utf8_lossy(&req.body))
    } else {
        api(shared, &req, method, url)
    }
    .cors(cors);
    Answer {
        reply,
        close: false,
    }
}

fn api(shared: &Shared, req: &HttpRequest, method: &str, url: &str) -> Reply {
    let Some(m) = clc::Method::parse(method) else {
        return Reply::json(
            405,
            r#"{"message":"The requested resource does not support this method."}"#,
        );
    };
    let body = String::from_utf8_lossy(&req.body).into_owned();
    let request = clc::Request {
        method: m,
        url: url.to_string(),
        headers: req.headers.clone(),
        body: if body.is_empty() { None } else { Some(body) },
    };
    let (mut resp, took) = {
        let mut sim = shared.sim();
        let now = shared.now_ms();
        let started = Instant::now();
        let resp = sim.handle(&request, now);
        (resp, started.elapsed())
    };
    // The simulator's own processing, apart from the configured latency, for the browser's
    // resource timing (`cargo xtask bench` splits a scan's time with it).
    resp.headers.push((
        "Server-Timing".into(),
        format!("sim;dur={:.3}", took.as_secs_f64() * 1000.0),
    ));
    let delay = shared.config.latency_ms + crate::take_delay_ms(&mut resp);
    if delay > 0 {
        std::thread::sleep(Duration::from_millis(delay));
    }
    Reply {
        status: resp.status,
        headers: resp.headers,
        body: resp.body.into_bytes(),
    }
}

/// Turns Nagle's algorithm off on the listening socket; Linux hands the setting to every accepted
/// connection. Without it, the last short segment of a long answer on a kept-alive connection
/// can wait for the client's delayed ACK (~40 ms).
#[cfg(unix)]
fn no_delay(listener: &std::net::TcpListener) {
    use std::os::fd::AsRawFd;
    let on: libc::c_int = 1;
    // SAFETY: a valid socket descriptor and a correctly sized option value.
    unsafe {
        libc::setsockopt(
            listener.as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_NODELAY,
            (&on as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        );
    }
}

#[cfg(not(unix))]
fn no_delay(_listener: &std::net::TcpListener) {}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    /// What keeps kept-alive answers over ~1 KB from waiting ~40 ms for a delayed ACK: every
    /// connection the listener accepts has Nagle's algorithm off. (How long answers take is
    /// measured by `cargo xtask bench`, not asserted here.)
    #[test]
    fn accepted_connections_have_nagle_off() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        super::no_delay(&listener);
        let addr = listener.local_addr().unwrap();
        let _client = std::net::TcpStream::connect(addr).unwrap();
        let (accepted, _) = listener.accept().unwrap();
        assert!(accepted.nodelay().unwrap());

        let plain = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let _client = std::net::TcpStream::connect(plain.local_addr().unwrap()).unwrap();
        let (accepted, _) = plain.accept().unwrap();
        assert!(
            !accepted.nodelay().unwrap(),
            "off unless the listener sets it"
        );
    }
}
