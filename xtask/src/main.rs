//! `cargo xtask run | test | dist | bench`: the project's only entry points. Each one installs
//! what is missing (pinned in `versions`), then does its work, and says clearly what failed.

mod bench;
mod build;
mod disk;
mod imports;
mod js_comments;
mod layers;
mod playwright;
mod proc;
mod sizes;
mod tools;
mod versions;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

  run     install what is missing, build the app, serve it with the simulator at http://127.0.0.1:8080
  test    install what is missing, run every test layer (format, clippy, native, browser, end-to-end)
  dist    build the release dist/ (relative asset URLs, works from any path)
  bench   measure every budgeted figure beside its goal: sizes (and by crate), load, scan, deletions, table (target/bench/report.json)
  setup   only install what is missing";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => build::run(),
        Some("test") => layers::test_all(&args[1..]),
        Some("dist") => tools::ensure_build_tools().and_then(|t| build::dist(&t).map(|_| ())),
        Some("bench") => bench::bench(),
        Some("setup") => tools::ensure_build_tools().and_then(|_| tools::ensure_test_tools()),
        Some("-h" | "--help" | "help") | None => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}
