//! The real build pipeline (Trunk, wasm-bindgen, wasm-opt) and what it leaves in dist/: a
//! service worker stamped with this build's identity and the list of files to keep offline.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::js_comments::without_comment_lines;
use crate::proc::{self, root};
use crate::tools::{self, Tools};

/// Builds the release app into `dist/` and returns its path.
pub fn dist(tools: &Tools) -> Result<PathBuf, String> {
    let root = root();
    // OFFBOARD_DIST_DIR lets a second build run beside `dist/` without overwriting it.
    let dist = std::env::var_os("OFFBOARD_DIST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("dist"));
    // Both wasm binaries in one cargo call first: Trunk builds its two rust links in parallel
    // cargo processes, which then only find them up to date.
    proc::run(
        Command::new("cargo")
            .args(["build", "--release", "--target", "wasm32-unknown-unknown"])
            .args(["--bin", "offboard", "--bin", "offboard-live"])
            .current_dir(&root)
            .env("PATH", &tools.path),
    )
    .map_err(|e| format!("{e}\nThe app did not compile; the messages above say why."))?;
    // The demo's simulator is its own package, built alone as Trunk builds it.
    proc::run(
        Command::new("cargo")
            .args(["build", "--release", "--target", "wasm32-unknown-unknown"])
            .args(["--manifest-path", "crates/sim-worker/Cargo.toml"])
            .args(["--bin", "offboard-sim"])
            .current_dir(&root)
            .env("PATH", &tools.path),
    )
    .map_err(|e| format!("{e}\nThe simulator did not compile; the messages above say why."))?;
    proc::run(
        Command::new("trunk")
            .args(["build", "--release", "--dist"])
            .arg(&dist)
            .current_dir(&root)
            .env("PATH", &tools.path),
    )
    .map_err(|e| format!("{e}\nThe app did not build; the messages above say why."))?;
    externalize_boot_script(&dist)?;
    stamp_service_worker(&dist)?;
    let (raw, files) = size_of(&dist)?;
    eprintln!("xtask: dist/ built: {raw} bytes in {files} files");
    Ok(dist)
}

/// `cargo xtask run`: build, then serve the app with the simulator at http://127.0.0.1:8080.
pub fn run() -> Result<(), String> {
    let tools = tools::ensure_build_tools()?;
    let dist = dist(&tools)?;
    let sim = build_simulator()?;
    eprintln!("xtask: serving the app and the simulated CLC API (scenario `demo`) at http://127.0.0.1:8080");
    proc::run(
        Command::new(sim)
            .args(["serve", "--port", "8080", "--scenario", "demo", "--dist"])
            .arg(&dist),
    )
}

/// Builds the simulator server in release mode and returns the binary's path.
pub fn build_simulator() -> Result<PathBuf, String> {
    proc::run(Command::new("cargo").args([
        "build",
        "--release",
        "--quiet",
        "-p",
        "clc-sim",
        "--bin",
        "clc-sim",
    ]))?;
    Ok(target_dir().join("release/clc-sim"))
}

pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// The file name of the boot script: stable, so a host page can point one script tag at it.
pub const BOOT_SCRIPT: &str = "offboard.js";

/// Replaces Trunk's inline boot script (which a strict Content-Security-Policy forbids) with an
/// external module that loads the wasm relative to its own URL, so the app starts the same from
/// dist/ at any path and from a host page elsewhere that embeds it with one script tag.
fn externalize_boot_script(dist: &Path) -> Result<(), String> {
    let index_path = dist.join("index.html");
    let html = std::fs::read_to_string(&index_path)
        .map_err(|e| format!("dist/index.html missing: {e}"))?;
    let start = html
        .find("<script type=\"module\">")
        .ok_or("Trunk's boot script not found in index.html")?;
    let end = start
        + html[start..]
            .find("</script>")
            .ok_or("unterminated boot script")?
        + "</script>".len();
    let inline = &html[start..end];
    let between = |from: &str, to: char| -> Result<String, String> {
        let at = inline
            .find(from)
            .ok_or(format!("boot script has no `{from}`"))?
            + from.len();
        Ok(inline[at..]
            .split(to)
            .next()
            .unwrap_or_default()
            .to_string())
    };
    let js = between("from './", '\'')?;
    let wasm = between("module_or_path: './", '\'')?;
    let tag =
        format!("<script type=\"module\" src=\"./{BOOT_SCRIPT}\" data-offboard-boot></script>");
    let styles = split_styles(&format!("{}{tag}{}", &html[..start], &html[end..]));
    let one_of_each = LIVE_STYLES.iter().all(|prefix| {
        styles
            .live
            .iter()
            .filter(|(name, _)| name.starts_with(prefix))
            .count()
            == 1
    });
    if !one_of_each || styles.live.len() != LIVE_STYLES.len() {
        return Err(format!(
            "index.html links {:?}, not one stylesheet of each of {LIVE_STYLES:?} \
             (the live tools' styles)",
            styles.live
        ));
    }
    let checklist_styles: Vec<String> = styles
        .checklist
        .iter()
        .map(|name| format!("\"{name}\""))
        .collect();
    let live_styles: Vec<String> = styles
        .live
        .iter()
        .map(|(name, integrity)| live_entry(name, integrity))
        .collect();
    let live = hash_lazy_wasm(dist, "offboard-live")?;
    let sim_worker = write_sim_worker(dist)?;
    let template = std::fs::read_to_string(root().join("boot.js"))
        .map_err(|e| format!("cannot read the boot script template: {e}"))?;
    let boot = template
        .replace("__OFFBOARD_LIVE_JS__", &live.js)
        .replace("__OFFBOARD_LIVE_WASM__", &live.wasm)
        .replace("__OFFBOARD_LIVE_WASM_BYTES__", &live.wasm_bytes.to_string())
        .replace("__OFFBOARD_SIM_WORKER__", &sim_worker)
        .replace("__OFFBOARD_JS__", &js)
        .replace("__OFFBOARD_WASM__", &wasm)
        .replace("\"__OFFBOARD_CSS__\"", &checklist_styles.join(", "))
        .replace("\"__OFFBOARD_LIVE_CSS__\"", &live_styles.join(", "));
    if boot.contains("__OFFBOARD_") {
        return Err("boot.js has a placeholder xtask does not fill".into());
    }
    let boot = without_comment_lines(&boot).map_err(|e| format!("boot.js: {e}"))?;
    std::fs::write(dist.join(BOOT_SCRIPT), boot)
        .map_err(|e| format!("cannot write the boot script: {e}"))?;
    std::fs::write(&index_path, styles.page)
        .map_err(|e| format!("cannot write dist/index.html: {e}"))
}

/// The stylesheets that only the live tools use (Trunk names them `inventory-<hash>.css` and
/// `deletion-<hash>.css`): the boot script adds them when it loads the live tools, and the
/// service worker keeps them with those.
const LIVE_STYLES: [&str; 2] = ["inventory-", "deletion-"];

fn is_live_style(file: &str) -> bool {
    file.ends_with(".css") && LIVE_STYLES.iter().any(|s| file.starts_with(s))
}

/// The page's stylesheets, read from its `<link>` tags in one pass.
struct Styles {
    /// The page without the live tools' links.
    page: String,
    /// The names of the stylesheets it keeps (the checklist's), in the page's order.
    checklist: Vec<String>,
    /// The live tools' stylesheets, taken out: (name, integrity; empty when Trunk wrote none).
    live: Vec<(String, String)>,
}

/// A live stylesheet as the boot script takes it: `["name", "integrity"]`.
fn live_entry(name: &str, integrity: &str) -> String {
    format!("[\"{name}\", \"{integrity}\"]")
}

fn split_styles(html: &str) -> Styles {
    let mut styles = Styles {
        page: String::with_capacity(html.len()),
        checklist: Vec::new(),
        live: Vec::new(),
    };
    let mut rest = html;
    while let Some(at) = rest.find("<link rel=\"stylesheet\" href=\"./") {
        let tag_len = rest[at..].find('>').map_or(rest.len() - at, |end| end + 1);
        let tag = &rest[at..at + tag_len];
        let name = tag
            .split('"')
            .nth(3)
            .unwrap_or_default()
            .trim_start_matches("./");
        styles.page.push_str(&rest[..at]);
        if is_live_style(name) {
            let integrity = tag
                .split_once("integrity=\"")
                .and_then(|(_, after)| after.split('"').next())
                .unwrap_or_default();
            styles.live.push((name.to_string(), integrity.to_string()));
        } else {
            styles.page.push_str(tag);
            styles.checklist.push(name.to_string());
        }
        rest = &rest[at + tag_len..];
    }
    styles.page.push_str(rest);
    styles
}

/// A lazily loaded wasm's files, as renamed by [`hash_lazy_wasm`].
struct LazyWasm {
    js: String,
    wasm: String,
    wasm_bytes: u64,
}

/// Trunk names the wasm of a `data-type="worker"` link (the live tools, the demo's simulator)
/// without a content hash. Renames its two files with one, so a host's HTTP cache can never pair
/// a new checklist with old live tools.
fn hash_lazy_wasm(dist: &Path, stem: &str) -> Result<LazyWasm, String> {
    let js_path = dist.join(format!("{stem}.js"));
    let wasm_path = dist.join(format!("{stem}_bg.wasm"));
    let js = std::fs::read(&js_path)
        .map_err(|e| format!("dist/{stem}.js missing (is its rust link in index.html?): {e}"))?;
    let wasm =
        std::fs::read(&wasm_path).map_err(|e| format!("dist/{stem}_bg.wasm missing: {e}"))?;
    let hash = fnv1a_continue(fnv1a(&js), &wasm);
    let names = LazyWasm {
        js: format!("{stem}-{hash:016x}.js"),
        wasm: format!("{stem}-{hash:016x}_bg.wasm"),
        wasm_bytes: wasm.len() as u64,
    };
    std::fs::rename(&js_path, dist.join(&names.js)).map_err(|e| e.to_string())?;
    std::fs::rename(&wasm_path, dist.join(&names.wasm)).map_err(|e| e.to_string())?;
    Ok(names)
}

/// Hashes the simulator's files and writes its worker script (from `sim-worker.js`, with their
/// names) beside them under the same hash; returns the worker script's name.
fn write_sim_worker(dist: &Path) -> Result<String, String> {
    let sim = hash_lazy_wasm(dist, "offboard-sim")?;
    let template = std::fs::read_to_string(root().join("sim-worker.js"))
        .map_err(|e| format!("cannot read the simulator's worker script: {e}"))?;
    let script = template
        .replace("__OFFBOARD_SIM_JS__", &sim.js)
        .replace("__OFFBOARD_SIM_WASM__", &sim.wasm);
    if script.contains("__OFFBOARD_") {
        return Err("sim-worker.js has a placeholder xtask does not fill".into());
    }
    let name = sim.js.replace(".js", "-worker.js");
    let script = without_comment_lines(&script).map_err(|e| format!("sim-worker.js: {e}"))?;
    std::fs::write(dist.join(&name), script)
        .map_err(|e| format!("cannot write the simulator's worker script: {e}"))?;
    Ok(name)
}

/// Writes the build id (a hash of every other file in dist/) and the asset lists into sw.js, so
/// each deployment has its own offline cache and replaces the previous one. The live tools are
/// listed apart, and so is the demo's simulator: kept when first loaded, never downloaded with
/// the checklist.
fn stamp_service_worker(dist: &Path) -> Result<(), String> {
    let sw_path = dist.join("sw.js");
    let sw = std::fs::read_to_string(&sw_path).map_err(|e| format!("dist/sw.js missing: {e}"))?;
    let mut files = list_files(dist)?;
    files.retain(|f| f != "sw.js");
    files.sort();
    let mut hash = FNV_OFFSET;
    for f in &files {
        hash = fnv1a_continue(hash, f.as_bytes());
        let bytes =
            std::fs::read(dist.join(f)).map_err(|e| format!("cannot read dist/{f}: {e}"))?;
        hash = fnv1a_continue(hash, &bytes);
    }
    let quoted = |lazy: bool| {
        files
            .iter()
            .filter(|f| {
                let live = f.starts_with("offboard-live-") || f.starts_with("offboard-sim-");
                (live || is_live_style(f)) == lazy
            })
            .map(|f| format!("\"./{f}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let stamped = sw
        .replace("\"__OFFBOARD_ASSETS__\"", &quoted(false))
        .replace("\"__OFFBOARD_LAZY__\"", &quoted(true))
        .replace("__OFFBOARD_BUILD__", &format!("{hash:016x}"));
    if stamped == sw {
        return Err("sw.js has no placeholders to stamp".into());
    }
    let stamped = without_comment_lines(&stamped).map_err(|e| format!("sw.js: {e}"))?;
    std::fs::write(&sw_path, stamped).map_err(|e| format!("cannot write dist/sw.js: {e}"))
}

/// Paths of the files under `dir`, relative, with `/` separators.
pub fn list_files(dir: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in
            std::fs::read_dir(&d).map_err(|e| format!("cannot list {}: {e}", d.display()))?
        {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    Ok(out)
}

/// Total bytes and file count of `dir`.
pub fn size_of(dir: &Path) -> Result<(u64, usize), String> {
    let files = list_files(dir)?;
    let total = files
        .iter()
        .filter_map(|f| std::fs::metadata(dir.join(f)).ok())
        .map(|m| m.len())
        .sum();
    Ok((total, files.len()))
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv1a_continue(mut hash: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// FNV-1a: a stable content hash for build ids and install stamps (not for security).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_continue(FNV_OFFSET, bytes)
}

#[cfg(test)]
mod live_style_tests {
    use super::{is_live_style, live_entry, split_styles};

    #[test]
    fn the_live_tools_styles_leave_the_page_with_their_integrity() {
        let html =
            "<head>\n  <link rel=\"stylesheet\" href=\"./base-1a.css\" integrity=\"x\"/>\n  \
                    <link rel=\"stylesheet\" href=\"./inventory-2b.css\" integrity=\"y\"/>\n  \
                    <link rel=\"stylesheet\" href=\"./deletion-3c.css\"/>\n</head>";
        let styles = split_styles(html);
        let names: Vec<String> = styles
            .live
            .iter()
            .map(|(name, integrity)| live_entry(name, integrity))
            .collect();
        assert_eq!(styles.checklist, ["base-1a.css"]);
        assert_eq!(
            styles.page,
            "<head>\n  <link rel=\"stylesheet\" href=\"./base-1a.css\" integrity=\"x\"/>\n  \n  \n</head>"
        );
        assert_eq!(
            names,
            [
                "[\"inventory-2b.css\", \"y\"]",
                "[\"deletion-3c.css\", \"\"]"
            ]
        );
        assert!(is_live_style("deletion-3c.css"));
        assert!(!is_live_style("inventory-notes.js"));
        assert!(!is_live_style("checklist-4d.css"));
    }
}
