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
    ensure_apt_packages()?;
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
    proc::run(&mut install_command(install_args)).map_err(|e| {
        format!("{e}\nThe project needs {expected}; check that the crate registry is reachable and retry.")
    })
}

/// How the tools are compiled: Trunk's own release profile asks for fat LTO in one codegen unit,
/// whose link runs on one core for minutes of a fresh machine's setup, and wasm-bindgen-cli's
/// default profile for thin local LTO. A tool runs for seconds per build; its compile time is
/// what a newcomer waits for. Set on the install command only: the project's own release
/// profile (the app's wasm) is never touched.
const INSTALL_PROFILE: &[(&str, &str)] = &[
    ("CARGO_PROFILE_RELEASE_LTO", "off"),
    ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
];

/// `cargo <install_args>` with [`INSTALL_PROFILE`].
fn install_command(install_args: &[&str]) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.args(install_args).envs(INSTALL_PROFILE.iter().copied());
    cmd
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

/// The Debian packages the test layers need, each group with what it is and the binaries that
/// show it is installed.
const APT_GROUPS: &[(&str, &[&str], &[&str])] = &[
    (
        "Chromium and ChromeDriver",
        APT_BROWSER,
        &[CHROMIUM, CHROMEDRIVER],
    ),
    ("nginx", APT_PROXY, &[NGINX]),
];

/// The groups of [`APT_GROUPS`] with a binary missing, as (what, packages, binaries), each
/// joined over those groups; None when every binary is there.
fn apt_missing(
    present: impl Fn(&str) -> bool,
) -> Option<(String, Vec<&'static str>, Vec<&'static str>)> {
    let missing: Vec<_> = APT_GROUPS
        .iter()
        .filter(|(_, _, binaries)| !binaries.iter().all(|b| present(b)))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let what: Vec<&str> = missing.iter().map(|(what, ..)| *what).collect();
    let packages = missing
        .iter()
        .flat_map(|(_, p, _)| p.iter().copied())
        .collect();
    let binaries = missing
        .iter()
        .flat_map(|(.., b)| b.iter().copied())
        .collect();
    Some((what.join(", "), packages, binaries))
}

/// Installs the Debian packages of every group whose binaries are not all there, with one
/// `apt-get update` and one `apt-get install` (on a fresh machine, one update instead of one per
/// group). Without root, nothing is installed: the error gives the command to run.
fn ensure_apt_packages() -> Result<(), String> {
    let present = |p: &str| std::path::Path::new(p).exists();
    let Some((what, packages, binaries)) = apt_missing(present) else {
        return Ok(());
    };
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
    install.extend(&packages);
    apt(&install).map_err(|e| format!("{e}\nInstall by hand: apt-get install -y {list}"))?;
    match binaries.iter().find(|b| !present(b)) {
        None => Ok(()),
        Some(missing) => Err(format!("{list} installed, but {missing} is still missing")),
    }
}

#[cfg(test)]
mod tests {
    use super::{apt_missing, install_command, CHROMEDRIVER, CHROMIUM, NGINX};

    #[test]
    fn one_apt_run_installs_every_missing_group_and_only_those() {
        assert_eq!(apt_missing(|_| true), None);
        let (what, packages, binaries) = apt_missing(|b| b == CHROMIUM).unwrap();
        assert_eq!(what, "Chromium and ChromeDriver, nginx");
        assert_eq!(packages, ["chromium", "chromium-driver", "nginx"]);
        assert_eq!(binaries, [CHROMIUM, CHROMEDRIVER, NGINX]);
        let (what, packages, _) = apt_missing(|b| b != NGINX).unwrap();
        assert_eq!(what, "nginx");
        assert_eq!(packages, ["nginx"]);
    }

    #[test]
    fn tools_compile_without_fat_lto_and_in_many_units() {
        let cmd = install_command(&["install", "--locked", "trunk"]);
        let envs: Vec<_> = cmd
            .get_envs()
            .map(|(k, v)| {
                (
                    k.to_string_lossy().into_owned(),
                    v.map(|v| v.to_string_lossy().into_owned()),
                )
            })
            .collect();
        assert!(envs.contains(&("CARGO_PROFILE_RELEASE_LTO".into(), Some("off".into()))));
        assert!(envs.contains(&(
            "CARGO_PROFILE_RELEASE_CODEGEN_UNITS".into(),
            Some("16".into())
        )));
        let args: Vec<_> = cmd
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        assert_eq!(args, ["install", "--locked", "trunk"]);
    }
}
