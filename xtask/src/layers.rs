//! `cargo xtask test`: every test layer in order, one summary line per layer, and a closing
//! `N passed, N failed` line. A failing layer does not stop the later ones, so one run shows
//! everything that is wrong; the exit code is non-zero if any failed.

use std::net::TcpListener;
use std::process::Command;
use std::time::Instant;

use crate::build;
use crate::disk;
use crate::proc::{self, root};
use crate::tools;
use crate::versions::{CHROMEDRIVER, NGINX, WASM_TARGET};

struct Outcome {
    layer: &'static str,
    ok: bool,
    passed: u64,
    failed: u64,
    seconds: f64,
    note: String,
}

const LAYERS: &[&str] = &["fmt", "clippy", "native", "browser", "e2e"];

pub fn test_all(args: &[String]) -> Result<(), String> {
    let only: Vec<&str> = args
        .windows(2)
        .filter(|w| w[0] == "--only")
        .flat_map(|w| w[1].split(','))
        .collect();
    if let Some(bad) = only.iter().find(|l| !LAYERS.contains(l)) {
        return Err(format!(
            "unknown layer `{bad}`; layers are {}",
            LAYERS.join(", ")
        ));
    }
    let wanted = |layer: &str| only.is_empty() || only.contains(&layer);
    let target = build::target_dir();
    let low_disk = disk::shortage(&target, disk::FIRST_TEST_RUN_BYTES);
    if let Some(warning) = &low_disk {
        eprintln!("xtask: warning: {warning}");
    }
    let setup_started = Instant::now();
    let tools = tools::ensure_build_tools()?;
    if wanted("browser") || wanted("e2e") {
        tools::ensure_test_tools()?;
    }
    eprintln!(
        "xtask: tools ready in {:.0}s",
        setup_started.elapsed().as_secs_f64()
    );

    let mut outcomes = Vec::new();
    if wanted("fmt") {
        outcomes.push(layer("fmt", || {
            let (formatted, _) =
                proc::run_captured(cargo().args(["fmt", "--all", "--", "--check"]))?;
            let imports = crate::imports::check(&root());
            for (file, problems) in &imports {
                for problem in problems {
                    eprintln!("xtask: imports: {}: {problem}", file.display());
                }
            }
            let ok = formatted && imports.is_empty();
            let note = match (formatted, imports.is_empty()) {
                (true, true) => "formatted; imports grouped std / external / crate".into(),
                (false, _) => "run `cargo fmt --all`".into(),
                (true, false) => format!(
                    "{} files with imports out of their groups (std / external / crate)",
                    imports.len()
                ),
            };
            Ok(Counts::check(ok, note))
        }));
    }
    if wanted("clippy") {
        outcomes.push(layer("clippy", || {
            let native = proc::run(cargo().args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]));
            let wasm = proc::run(cargo().args([
                "clippy",
                "-p",
                "offboard",
                "-p",
                "offboard-sim",
                "--all-targets",
                "--target",
                WASM_TARGET,
                "--",
                "-D",
                "warnings",
            ]));
            let ok = native.is_ok() && wasm.is_ok();
            Ok(Counts::check(ok, "native and wasm32, -D warnings"))
        }));
    }
    if wanted("native") {
        outcomes.push(layer("native", || {
            counted(cargo().args(["test", "--workspace", "--no-fail-fast"]))
        }));
    }
    if wanted("browser") {
        let path = tools.path.clone();
        outcomes.push(layer("browser", || {
            counted(
                cargo()
                    .args([
                        "test",
                        "-p",
                        "offboard",
                        "--target",
                        WASM_TARGET,
                        "--no-fail-fast",
                    ])
                    .env("CHROMEDRIVER", CHROMEDRIVER)
                    .env("PATH", &path)
                    // Never the machine's zone or language (the tests also pin the app's clock),
                    // and time enough for a slow machine: the runner's default is 20 s a file.
                    .env("TZ", "Europe/London")
                    .env("LANG", "en_GB.UTF-8")
                    .env("LANGUAGE", "en_GB")
                    .env("WASM_BINDGEN_TEST_TIMEOUT", "600"),
            )
        }));
    }
    if wanted("e2e") {
        outcomes.push(layer("e2e", || end_to_end(&tools)));
    }

    println!("\nxtask: summary");
    for o in &outcomes {
        println!(
            "  {:<8} {:<4} {:>5} passed {:>3} failed {:>7.1}s  {}",
            o.layer,
            if o.ok { "ok" } else { "FAIL" },
            o.passed,
            o.failed,
            o.seconds,
            o.note
        );
    }
    let passed: u64 = outcomes.iter().map(|o| o.passed).sum();
    let failed: u64 = outcomes.iter().map(|o| o.failed).sum();
    println!("{passed} passed, {failed} failed");
    if outcomes.iter().all(|o| o.ok) {
        Ok(())
    } else {
        let names: Vec<&str> = outcomes.iter().filter(|o| !o.ok).map(|o| o.layer).collect();
        // Nearly nothing free after a failure: the likely cause, whatever the messages say.
        if let Some(why) = disk::shortage(&target, disk::GB) {
            println!(
                "xtask: the disk is nearly full, which fails builds with \"No space left on \
                 device\": {why}"
            );
        }
        Err(format!("failing layers: {}", names.join(", ")))
    }
}

/// What one layer found.
struct Counts {
    ok: bool,
    passed: u64,
    failed: u64,
    /// One line for the summary.
    note: String,
}

impl Counts {
    /// A layer that is only right or wrong (formatting, lints).
    fn check(ok: bool, note: impl Into<String>) -> Counts {
        Counts {
            ok,
            passed: 0,
            failed: u64::from(!ok),
            note: note.into(),
        }
    }
}

type LayerResult = Result<Counts, String>;

fn layer(name: &'static str, f: impl FnOnce() -> LayerResult) -> Outcome {
    eprintln!("\nxtask: ===== layer {name} =====");
    let started = Instant::now();
    let Counts {
        ok,
        passed,
        failed,
        note,
    } = f().unwrap_or_else(|e| Counts {
        ok: false,
        passed: 0,
        failed: 1,
        note: e,
    });
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "xtask: layer {name}: {} ({passed} passed, {failed} failed, {seconds:.1}s)",
        if ok { "ok" } else { "FAILED" }
    );
    Outcome {
        layer: name,
        ok,
        passed,
        failed,
        seconds,
        note,
    }
}

/// A cargo command for a test layer. Incremental compilation is off unless the caller set it:
/// a test run builds each crate once, and incremental state would only double what it writes
/// to disk.
fn cargo() -> Command {
    let mut c = Command::new("cargo");
    c.current_dir(root());
    if std::env::var_os("CARGO_INCREMENTAL").is_none() {
        c.env("CARGO_INCREMENTAL", "0");
    }
    c
}

/// Runs a `cargo test` and adds up its `test result:` lines.
fn counted(cmd: &mut Command) -> LayerResult {
    let (ok, output) = proc::run_captured(cmd)?;
    let (passed, failed) = sum_test_results(&output);
    let ran = passed + failed > 0;
    Ok(Counts {
        ok: ok && ran,
        passed,
        failed: failed.max(u64::from(!ok || !ran)),
        note: if ran {
            String::new()
        } else {
            "no test ran".into()
        },
    })
}

pub fn sum_test_results(output: &str) -> (u64, u64) {
    let number_before = |line: &str, word: &str| -> u64 {
        line.split([';', '.'])
            .find_map(|part| {
                part.trim()
                    .strip_suffix(word)
                    .and_then(|n| n.trim().parse().ok())
            })
            .unwrap_or(0)
    };
    output
        .lines()
        .filter_map(|l| l.trim().strip_prefix("test result:"))
        .fold((0, 0), |(p, f), l| {
            (
                p + number_before(l, "passed"),
                f + number_before(l, "failed"),
            )
        })
}

fn end_to_end(tools: &tools::Tools) -> LayerResult {
    // Read first: a mistyped count fails at once, not after minutes of building.
    let workers = e2e_workers(std::env::var("OFFBOARD_E2E_WORKERS").ok().as_deref())?;
    let dist = build::dist(tools)?;
    let sim = build::build_simulator()?;
    // Per Playwright worker: its simulator, its host pages' server, and nginx for proxy.spec.js.
    let port = free_ports(3 * workers)?;
    let e2e = root().join("tests/e2e");
    let report = e2e.join("artifacts/results.json");
    let _ = std::fs::remove_file(&report);
    let (ok, _) = proc::run_captured(
        Command::new(e2e.join("node_modules/.bin/playwright"))
            .arg("test")
            .current_dir(&e2e)
            .env("OFFBOARD_SIM_BIN", &sim)
            .env("OFFBOARD_DIST", &dist)
            .env("OFFBOARD_E2E_PORT", port.to_string())
            .env("OFFBOARD_E2E_WORKERS", workers.to_string())
            .env("OFFBOARD_NGINX", NGINX)
            .env("OFFBOARD_E2E_REPORT", &report),
    )?;
    let json =
        std::fs::read_to_string(&report).map_err(|e| format!("Playwright wrote no report: {e}"))?;
    let stats = crate::playwright::Report::parse(&json)?.stats;
    let ran = stats.expected + stats.unexpected + stats.flaky > 0;
    let note = format!(
        "artefacts in tests/e2e/artifacts{}",
        if stats.flaky > 0 {
            format!(", {} FLAKY", stats.flaky)
        } else {
            String::new()
        }
    );
    Ok(Counts {
        ok: ok && ran && stats.flaky == 0,
        passed: stats.expected,
        failed: stats.unexpected + stats.flaky + u64::from(!ran),
        note,
    })
}

/// How many Playwright workers run the end-to-end tests at once, each with its own simulator:
/// `OFFBOARD_E2E_WORKERS` if set (1 runs them one at a time), else 2, for a two-core machine
/// (the tests mostly wait on the simulator's queue, not the CPU).
fn e2e_workers(env: Option<&str>) -> Result<u16, String> {
    const DEFAULT: u16 = 2;
    /// A sanity cap (playwright.config.js has the same): far more than any machine here runs.
    const MAX: u16 = 64;
    match env.map(str::trim) {
        None | Some("") => Ok(DEFAULT),
        Some(n) => match n.parse::<u16>() {
            Ok(n) if (1..=MAX).contains(&n) => Ok(n),
            _ => Err(format!(
                "OFFBOARD_E2E_WORKERS must be a whole number from 1 to {MAX}, not {n:?}"
            )),
        },
    }
}

/// The first of `count` consecutive free loopback ports, for servers another process starts
/// later (each Playwright worker starts its simulator, its host pages' server and, in
/// proxy.spec.js, nginx on three of them).
///
/// They are taken outside the kernel's ephemeral range, so no outgoing connection (Chromium's,
/// cargo's, a test's) can be given one of them between this check and the servers' start, as it
/// could a port the kernel picked for `127.0.0.1:0`. Each call starts past the last range it
/// returned, so two calls before either server listens never return overlapping ports.
pub fn free_ports(count: u16) -> Result<u16, String> {
    use std::sync::Mutex;
    /// Where the next search starts, past the last range handed out (an offset into the span).
    static NEXT: Mutex<Option<u32>> = Mutex::new(None);
    let range = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range").ok();
    let (low, high) = ports_outside_ephemeral(range.as_deref());
    let (low, high, count32) = (u32::from(low), u32::from(high), u32::from(count));
    let span = (high - low).max(1);
    let mut next = NEXT.lock().unwrap_or_else(|e| e.into_inner());
    // Spread by process id, so runs side by side (whose ids are often neighbours) start far
    // apart: Knuth's multiplicative hash.
    let start = next.unwrap_or_else(|| {
        (u64::from(std::process::id()) * 2_654_435_761 % u64::from(span)) as u32
    });
    for i in 0..span {
        let offset = (start + i) % span;
        let base = low + offset;
        if base + count32 > high {
            continue;
        }
        let all_free = (base..base + count32)
            .map(|port| u16::try_from(port).expect("below 65536"))
            .map(|port| TcpListener::bind(("127.0.0.1", port)))
            .collect::<Result<Vec<_>, _>>()
            .is_ok();
        if all_free {
            *next = Some((offset + count32) % span);
            return Ok(u16::try_from(base).expect("below 65536"));
        }
    }
    Err(format!(
        "no {count} consecutive free loopback ports between {low} and {high}"
    ))
}

/// The ports `free_ports` picks from, outside the kernel's ephemeral range (Linux's
/// `ip_local_port_range`, "32768\t60999" by default): from 20000 up to it, or else above it.
fn ports_outside_ephemeral(range: Option<&str>) -> (u16, u16) {
    const LOW: u16 = 20_000;
    let mut bounds = range
        .unwrap_or("")
        .split_whitespace()
        .map(|n| n.parse::<u16>().ok());
    let (ephemeral_low, ephemeral_high) = match (bounds.next(), bounds.next()) {
        (Some(Some(low)), Some(Some(high))) if low <= high => (low, high),
        _ => (32_768, 60_999),
    };
    if ephemeral_low >= LOW + 1_000 {
        (LOW, ephemeral_low)
    } else if ephemeral_high <= 64_000 {
        (ephemeral_high + 1, u16::MAX)
    } else {
        // Nearly every port is ephemeral: nothing to avoid it with, so take the usual ones.
        (LOW, 32_768)
    }
}

#[cfg(test)]
mod tests {
    use super::{e2e_workers, free_ports, ports_outside_ephemeral, sum_test_results};
    use std::net::TcpListener;

    #[test]
    fn adds_up_every_test_result_line() {
        let out = "running 3 tests\ntest result: ok. 3 passed; 0 failed; 1 ignored;\n\
                   test result: FAILED. 2 passed; 1 failed; 0 ignored;\nnoise 9 passed";
        assert_eq!(sum_test_results(out), (5, 1));
    }

    #[test]
    fn ports_are_taken_below_the_ephemeral_range() {
        assert_eq!(
            ports_outside_ephemeral(Some("32768\t60999\n")),
            (20_000, 32_768)
        );
        assert_eq!(
            ports_outside_ephemeral(Some("40000 60999")),
            (20_000, 40_000)
        );
        assert_eq!(ports_outside_ephemeral(None), (20_000, 32_768));
        assert_eq!(
            ports_outside_ephemeral(Some("1024 50000")),
            (50_001, 65_535)
        );
        assert_eq!(
            ports_outside_ephemeral(Some("1024 65535")),
            (20_000, 32_768)
        );
        assert_eq!(ports_outside_ephemeral(Some("nonsense")), (20_000, 32_768));
    }

    #[test]
    fn e2e_workers_default_to_two_and_can_be_forced_to_one() {
        assert_eq!(e2e_workers(None), Ok(2));
        assert_eq!(e2e_workers(Some("")), Ok(2));
        assert_eq!(e2e_workers(Some("1")), Ok(1));
        assert_eq!(e2e_workers(Some(" 4\n")), Ok(4));
        for wrong in ["0", "-1", "two", "1.5", "65"] {
            let error = e2e_workers(Some(wrong)).unwrap_err();
            assert!(error.contains("OFFBOARD_E2E_WORKERS"), "{wrong}: {error}");
        }
    }

    #[test]
    fn two_calls_give_different_free_ports() {
        let a = free_ports(2).expect("free ports");
        // Even with the port right after the first range taken by someone else.
        let _busy = TcpListener::bind(("127.0.0.1", a + 2));
        let b = free_ports(2).expect("free ports");
        assert!(a + 1 < b || b + 1 < a, "{a} and {b} overlap");
        for port in [a, a + 1, b, b + 1] {
            std::net::TcpListener::bind(("127.0.0.1", port)).expect("still free");
        }
    }
}
