//! `cargo xtask bench`: measures the release build against the goals of issues 7 and 14 (first
//! load, the live tools, time to interactive under throttling, Lighthouse, the scans (the large
//! account alone, and with three sub-accounts) and the deletions beside their floors, the 10,000-row table, memory, the page's element count, and
//! the wasm's bytes by crate) and writes `target/bench/report.json`. Figures only: nothing here
//! passes or fails on them.

use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::build;
use crate::proc::{self, root};
use crate::tools;

/// A server child process that is stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn bench() -> Result<(), String> {
    let tools = tools::ensure_build_tools()?;
    tools::ensure_test_tools()?;
    tools::ensure_npm_packages(
        &root().join("bench"),
        &[("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")],
    )?;
    let twiggy = tools::ensure_twiggy()?;
    let dist = build::dist(&tools)?;
    let sizes = size_tables(&twiggy)?;
    let sim = build::build_simulator()?;
    let serve = |scenario: &str, extra: &[&str]| start_simulator(&sim, &dist, scenario, extra);
    let (_app, port) = serve("demo", &[])?;
    let (_large, large_port) = serve(
        "large:dcs=13,servers=10000,groups=600,ips=2000",
        &["--latency-ms", "50"],
    )?;
    // The same account with three sub-accounts (the simulator gives each a tenth of the
    // parent: 1,000 servers in 3 data centers), scanned with them through the page.
    let (_large_subs, large_subs_port) = serve(
        "large:dcs=13,servers=10000,groups=600,ips=2000,subaccounts=3",
        &["--latency-ms", "50"],
    )?;
    let (_thousand, thousand_port) = serve("large:dcs=3,servers=1000,groups=60,ips=200", &[])?;
    let host_port = crate::layers::free_ports(1)?;
    let _hosts = start(
        Command::new("node")
            .arg(root().join("tests/e2e/host-server.js"))
            .arg(host_port.to_string())
            .arg(&dist)
            .arg(format!("http://127.0.0.1:{port}")),
        host_port,
    )?;
    let report = build::target_dir().join("bench/report.json");
    proc::run(
        Command::new("node")
            .arg(root().join("bench/bench.js"))
            .env("OFFBOARD_DIST", &dist)
            .env("OFFBOARD_APP_URL", format!("http://127.0.0.1:{port}/"))
            .env("OFFBOARD_HOST_URL", format!("http://127.0.0.1:{host_port}"))
            .env(
                "OFFBOARD_LARGE_URL",
                format!("http://127.0.0.1:{large_port}/"),
            )
            .env(
                "OFFBOARD_LARGE_SUBS_URL",
                format!("http://127.0.0.1:{large_subs_port}/"),
            )
            .env(
                "OFFBOARD_THOUSAND_URL",
                format!("http://127.0.0.1:{thousand_port}/"),
            )
            .env("OFFBOARD_BENCH_REPORT", &report)
            .env("OFFBOARD_SIZES", &sizes),
    )
}

/// Writes `target/bench/sizes.json`: each wasm's bytes by crate before wasm-opt (the files
/// cargo built, which keep their function names), and returns its path.
fn size_tables(twiggy: &std::path::Path) -> Result<std::path::PathBuf, String> {
    let built = build::target_dir().join("wasm32-unknown-unknown/release");
    let mut tables = serde_json::Map::new();
    for bin in ["offboard", "offboard-live", "offboard-sim"] {
        let rows = crate::sizes::by_crate(twiggy, &built.join(format!("{bin}.wasm")))?;
        let rows = rows
            .into_iter()
            .map(|(krate, bytes)| serde_json::json!({ "crate": krate, "bytes": bytes }))
            .collect();
        tables.insert(bin.into(), serde_json::Value::Array(rows));
    }
    let path = build::target_dir().join("bench/sizes.json");
    std::fs::create_dir_all(build::target_dir().join("bench")).map_err(|e| e.to_string())?;
    std::fs::write(&path, serde_json::Value::Object(tables).to_string())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// Starts the simulator server on a free port with `scenario`, serving `dist`.
fn start_simulator(
    sim: &std::path::Path,
    dist: &std::path::Path,
    scenario: &str,
    extra: &[&str],
) -> Result<(Server, u16), String> {
    let port = crate::layers::free_ports(1)?;
    let mut cmd = Command::new(sim);
    cmd.args(["serve", "--port", &port.to_string(), "--scenario", scenario])
        .args(extra)
        .arg("--dist")
        .arg(dist);
    Ok((start(&mut cmd, port)?, port))
}

/// Starts a server and waits until its port accepts connections (at most 30 s).
fn start(cmd: &mut Command, port: u16) -> Result<Server, String> {
    let what = proc::describe(cmd);
    let child = cmd
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start `{what}`: {e}"))?;
    let server = Server(child);
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
        if Instant::now() > deadline {
            return Err(format!(
                "`{what}` did not listen on port {port} within 30 s"
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(server)
}
