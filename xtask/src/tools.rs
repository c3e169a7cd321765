//! Installs what is missing, at the pinned versions, and nothing when all is there already.

use std::path::PathBuf;
use std::process::Command;

use crate::proc::{self, root, version_of};
use crate::versions::*;

/// What the build steps need to find the pinned tools.
pub struct Tools {
    /// PATH with the pinned tools first.
    pub path: String,
}

pub fn ensure_build_tools() -> Result<Tools, String> {
    ensure_wasm_target()?;
    ensure_cargo_tool(
        "trunk",
        &format!("trunk {TRUNK}"),
        &["install", "--locked", "trunk", "--version", TRUNK],
    )?;
    let wb = wasm_bindgen_version()?;
    // No --locked: wasm-bindgen-cli's own lockfile pins a crate version the registry no longer serves.
    ensure_cargo_tool(
        "wasm-bindgen",
        &format!("wasm-bindgen {wb}"),
        &["install", "--force", "wasm-bindgen-cli", "--version", &wb],
    )?;
    let tools_bin = ensure_npm_packages(&root().join("tools"), &[])?;
    let wasm_opt = tools_bin.join("wasm-opt");
    match version_of(&wasm_opt.to_string_lossy(), &["--version"]) {
        Some(v) if v.contains(&format!("version {WASM_OPT}")) => {}
        other => {
            return Err(format!(
                "wasm-opt from tools/ reports {other:?}, expected version {WASM_OPT}"
            ))
        }
    }
    Ok(Tools {
        path: proc::path_with(&[tools_bin, cargo_bin()]),
    })
}

/// twiggy, which only `cargo xtask bench` needs; returns its path.
pub fn ensure_twiggy() -> Result<PathBuf, String> {
    ensure_cargo_tool(
        "twiggy",
        // Its binary names itself after its options crate.
        &format!("twiggy-opt {TWIGGY}"),
        &["install", "--locked", "twiggy", "--version", TWIGGY],
    )?;
    Ok(cargo_bin().join("twiggy"))
}

pub fn ensure_test_tools() -> Result<(), String> {
    ensure_apt_packages(
        "Chromium and ChromeDriver",
        APT_BROWSER,
        &[CHROMIUM, CHROMEDRIVER],
    )?;
    ensure_apt_packages("nginx", APT_PROXY, &[NGINX])?;
    ensure_npm_packages(
        &root().join("tests/e2e"),
        &[("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")],
    )?;
    Ok(())
}

fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup is needed to add the {WASM_TARGET} target: {e}"))?;
    if String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|l| l.trim() == WASM_TARGET)
    {
        return Ok(());
    }
    proc::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
        .map_err(|e| format!("{e}\nAdd it by hand with `rustup target add {WASM_TARGET}`."))
}

/// Installs with `cargo <install_args>` unless `<program> --version` prints exactly `expected`.
fn ensure_cargo_tool(program: &str, expected: &str, install_args: &[&str]) -> Result<(), String> {
    let bin = cargo_bin().join(program);
    let found = version_of(&bin.to_string_lossy(), &["--version"]);
    if found.as_deref() == Some(expected) {
        return Ok(());
    }
    eprintln!(
        "xtask: installing {expected} (found {})",
        found.as_deref().unwrap_or("nothing")
    );
    proc::run(Command::new("cargo").args(install_args)).map_err(|e| {
        format!("{e}\nThe project needs {expected}; check that the crate registry is reachable and retry.")
    })
}

/// The wasm-bindgen version locked in Cargo.lock.
pub fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

/// `npm ci` in `dir` unless the installed tree matches its lockfile; returns its `.bin`.
pub fn ensure_npm_packages(dir: &std::path::Path, env: &[(&str, &str)]) -> Result<PathBuf, String> {
    let lock = std::fs::read_to_string(dir.join("package-lock.json"))
        .map_err(|e| format!("cannot read {}/package-lock.json: {e}", dir.display()))?;
    let stamp_path = dir.join("node_modules/.offboard-lock");
    let wanted = format!("{:016x}", crate::build::fnv1a(lock.as_bytes()));
    if std::fs::read_to_string(&stamp_path).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(dir.join("node_modules/.bin"));
    }
    if version_of("npm", &["--version"]).is_none() {
        return Err("npm is not installed: install Node.js 20 and npm (Debian: `apt-get install -y nodejs npm`)".into());
    }
    let mut cmd = Command::new("npm");
    cmd.args(["ci", "--no-audit", "--no-fund"]).current_dir(dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    proc::run(&mut cmd).map_err(|e| {
        format!(
            "{e}\nnpm could not install {}; check that the npm registry is reachable.",
            dir.display()
        )
    })?;
    std::fs::write(&stamp_path, wanted)
        .map_err(|e| format!("cannot write {}: {e}", stamp_path.display()))?;
    Ok(dir.join("node_modules/.bin"))
}

/// Installs Debian `packages` with apt-get unless every one of `binaries` is there already. Without
/// root, nothing is installed: the error gives the command to run.
fn ensure_apt_packages(what: &str, packages: &[&str], binaries: &[&str]) -> Result<(), String> {
    let present = |p: &&str| std::path::Path::new(p).exists();
    if binaries.iter().all(present) {
        return Ok(());
    }
    let list = packages.join(" ");
    let is_root = version_of("id", &["-u"]).as_deref() == Some("0");
    if !is_root {
        return Err(format!(
            "{what} not found ({}). Install with:\n  sudo apt-get update && sudo apt-get install -y {list}",
            binaries.join(", ")
        ));
    }
    let apt = |args: &[&str]| {
        proc::run(
            Command::new("apt-get")
                .args(args)
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )
    };
    apt(&["update"])?;
    let mut install = vec!["install", "-y"];
    install.extend(packages);
    apt(&install).map_err(|e| format!("{e}\nInstall by hand: apt-get install -y {list}"))?;
    match binaries.iter().find(|b| !present(b)) {
        None => Ok(()),
        Some(missing) => Err(format!("{list} installed, but {missing} is still missing")),
    }
}
