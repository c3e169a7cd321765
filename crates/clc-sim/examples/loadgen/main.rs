//! A reproducible load generator for the loopback server, std only.
//!
//! Starts the server in-process on 127.0.0.1 (port 0, scenario `demo`, seed 1) unless `--url`
//! names one already running on loopback, logs in once, then runs `--connections` client threads
//! for at most `--seconds` and `--requests` in total. Each thread keeps one HTTP/1.1 keep-alive
//! connection (or opens one per request with `--no-keepalive`) and cycles through the reads a
//! scan makes: data centers, a detailed group, group billing, a queue status, networks.
//!
//! ```text
//! cargo run --release -p clc-sim --example loadgen -- [--connections 4] [--seconds 5]
//!     [--requests 1000000] [--no-keepalive] [--server-threads 8] [--url http://127.0.0.1:8787]
//! ```
//!
//! Prints one line: `clc-sim loadgen: N requests in S s = R req/s (C connections, keep-alive,
//! p50 X ms, p99 Y ms, errors E)`.

mod http;

use std::io::{self, BufReader};
use std::net::TcpStream;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clc_sim::server::{start, ServerConfig};
use clc_sim::Scenario;

use http::{once, read_reply, send, Reply};

struct Options {
    url: Option<String>,
    connections: usize,
    seconds: f64,
    requests: u64,
    keep_alive: bool,
    server_threads: usize,
}

fn parse_options() -> Result<Options, String> {
    let mut o = Options {
        url: None,
        connections: 4,
        seconds: 5.0,
        requests: 1_000_000,
        keep_alive: true,
        server_threads: 8,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--no-keepalive" {
            o.keep_alive = false;
            continue;
        }
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--url" => o.url = Some(value.clone()),
            "--connections" => o.connections = number(&flag, &value)?,
            "--seconds" => o.seconds = number(&flag, &value)?,
            "--requests" => o.requests = number(&flag, &value)?,
            "--server-threads" => o.server_threads = number(&flag, &value)?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    o.connections = o.connections.max(1);
    Ok(o)
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{flag}: not a number: {value}"))
}

/// The port of a loopback URL; anything not on 127.0.0.1 or localhost is refused.
fn loopback_port(url: &str) -> Result<u16, String> {
    let rest = url.strip_prefix("http://").ok_or("only http:// URLs")?;
    let host_port = rest.split('/').next().unwrap_or("");
    let (host, port) = host_port.rsplit_once(':').unwrap_or((host_port, "80"));
    if host != "127.0.0.1" && host != "localhost" {
        return Err(format!(
            "{host} is not loopback: traffic goes to 127.0.0.1 only"
        ));
    }
    port.parse().map_err(|_| format!("bad port in {url}"))
}

/// Logs in and finds what the request mix needs: the token, VA1's root group, a status id.
fn prepare(port: u16) -> Result<(String, Vec<String>), String> {
    let json = "Content-Type: application/json\r\n";
    let login = once(
        port,
        "POST",
        "/v2/authentication/login",
        json,
        r#"{"username":"demo","password":"demo-password"}"#,
    )?;
    let token = login["bearerToken"]
        .as_str()
        .ok_or("no bearerToken")?
        .to_string();
    let auth = format!("Authorization: Bearer {token}\r\n");
    let dcs = once(
        port,
        "GET",
        "/v2/datacenters/DEMO?groupLinks=true",
        &auth,
        "",
    )?;
    let va1 = dcs
        .as_array()
        .and_then(|d| d.iter().find(|d| d["id"] == "va1"))
        .ok_or("no VA1")?;
    let root = va1["links"]
        .as_array()
        .and_then(|l| l.iter().find(|l| l["rel"] == "group"))
        .and_then(|l| l["id"].as_str())
        .ok_or("no root group")?;
    // A reboot leaves the account as it was and gives a queue status to poll.
    let reboot = once(
        port,
        "POST",
        "/v2/operations/DEMO/servers/reboot",
        &format!("{auth}{json}"),
        r#"["va1demoutil01"]"#,
    )?;
    let status = reboot[0]["links"][0]["href"]
        .as_str()
        .ok_or("no status link")?;
    let mix = vec![
        "/v2/datacenters/DEMO?groupLinks=true".to_string(),
        format!("/v2/groups/DEMO/{root}?serverDetail=detailed"),
        format!("/v2/groups/DEMO/{root}/billing"),
        status.to_string(),
        "/v2-experimental/networks/DEMO/va1".to_string(),
    ];
    Ok((auth, mix))
}

/// What one client thread saw.
#[derive(Default)]
struct Tally {
    latencies_us: Vec<u64>,
    errors: u64,
}

fn client(
    port: u16,
    auth: &str,
    mix: &[String],
    keep_alive: bool,
    deadline: Instant,
    budget: &AtomicU64,
    limit: u64,
) -> Tally {
    let mut tally = Tally::default();
    let mut conn: Option<BufReader<TcpStream>> = None;
    let mut i = 0usize;
    while Instant::now() < deadline && budget.fetch_add(1, Ordering::Relaxed) < limit {
        let path = &mix[i % mix.len()];
        i += 1;
        let started = Instant::now();
        let result = (|| -> io::Result<Reply> {
            if conn.is_none() {
                let stream = TcpStream::connect(("127.0.0.1", port))?;
                stream.set_nodelay(true)?;
                stream.set_read_timeout(Some(Duration::from_secs(10)))?;
                conn = Some(BufReader::new(stream));
            }
            let reader = conn.as_mut().expect("connected");
            send(reader.get_mut(), "GET", path, auth, "", keep_alive)?;
            read_reply(reader)
        })();
        tally
            .latencies_us
            .push(started.elapsed().as_micros() as u64);
        match result {
            Ok(reply) => {
                if reply.status != 200 {
                    tally.errors += 1;
                }
                if reply.closes || !keep_alive {
                    conn = None;
                }
            }
            Err(_) => {
                tally.errors += 1;
                conn = None;
            }
        }
    }
    tally
}

fn percentile_ms(sorted_us: &[u64], p: f64) -> f64 {
    if sorted_us.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted_us.len() as f64).ceil() as usize;
    sorted_us[rank.clamp(1, sorted_us.len()) - 1] as f64 / 1000.0
}

fn fail(message: &str) -> ! {
    eprintln!("clc-sim loadgen: {message}");
    std::process::exit(2);
}

fn main() {
    let o = parse_options().unwrap_or_else(|e| fail(&e));
    let (port, server) = match &o.url {
        Some(url) => (loopback_port(url).unwrap_or_else(|e| fail(&e)), None),
        None => {
            let config = ServerConfig {
                port: 0,
                scenario: Scenario::Demo,
                seed: 1,
                threads: o.server_threads,
                ..ServerConfig::default()
            };
            let server = start(config).expect("start the server on 127.0.0.1");
            (server.port(), Some(server))
        }
    };
    let (auth, mix) = prepare(port).unwrap_or_else(|e| fail(&format!("setup failed: {e}")));
    let budget = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(o.seconds);
    let threads: Vec<_> = (0..o.connections)
        .map(|t| {
            let (auth, budget) = (auth.clone(), budget.clone());
            // Each thread starts at a different place in the mix.
            let mut mix = mix.clone();
            let shift = t % mix.len();
            mix.rotate_left(shift);
            let (keep_alive, limit) = (o.keep_alive, o.requests);
            std::thread::spawn(move || {
                client(port, &auth, &mix, keep_alive, deadline, &budget, limit)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for t in threads {
        let tally = t.join().expect("client thread");
        latencies.extend(tally.latencies_us);
        errors += tally.errors;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let n = latencies.len();
    println!(
        "clc-sim loadgen: {n} requests in {elapsed:.2} s = {:.0} req/s ({} connections, {}, p50 {:.2} ms, p99 {:.2} ms, errors {errors})",
        n as f64 / elapsed,
        o.connections,
        if o.keep_alive { "keep-alive" } else { "new connection per request" },
        percentile_ms(&latencies, 50.0),
        percentile_ms(&latencies, 99.0),
    );
    if let Some(server) = server {
        server.stop();
    }
}
