//! Every tool version the project depends on, in one place. wasm-bindgen is the exception that
//! proves the rule: it must equal the crate version in Cargo.lock, so it is read from there.

/// Trunk: 0.22 needs a newer rustc than this machine's 1.95.
pub const TRUNK: &str = "0.21.14";
/// binaryen's wasm-opt, from npm (pinned in tools/package.json and its lockfile).
pub const WASM_OPT: &str = "132";
/// The Rust target the app compiles to.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian packages for the browser layers.
pub const APT_BROWSER: &[&str] = &["chromium", "chromium-driver"];
/// Where those packages put their binaries.
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Debian's nginx, which the e2e test runs in front of the simulator with `deploy/nginx.conf`.
pub const APT_PROXY: &[&str] = &["nginx"];
pub const NGINX: &str = "/usr/sbin/nginx";
/// twiggy, for `cargo xtask bench`'s size table by crate (installed by the bench only).
pub const TWIGGY: &str = "0.7.0";
