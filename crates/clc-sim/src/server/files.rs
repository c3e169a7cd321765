//! Static files from `--dist`: `index.html` for directories, content types (incl.
//! `application/wasm`), the CSP and hardening headers, and no way out of the folder.

use std::path::{Component, Path, PathBuf};

use super::Reply;
use crate::target::percent_decode;
use crate::CONTENT_SECURITY_POLICY;

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The file a URL names inside `dist`, or `None` if it would leave it.
pub(crate) fn resolve(dist: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path, false);
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut out = dist.to_path_buf();
    for c in Path::new(decoded.trim_start_matches('/')).components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    let root = dist.canonicalize().ok()?;
    let real = out.canonicalize().ok()?;
    real.starts_with(&root).then_some(real)
}

fn not_found() -> Reply {
    Reply::new(404, b"Not found".to_vec()).header("Content-Type", "text/plain; charset=utf-8")
}

pub(crate) fn serve(dist: Option<&Path>, method: &str, url: &str) -> Reply {
    let reply = match (method, dist) {
        ("GET" | "HEAD", Some(dist)) => {
            match resolve(dist, url).and_then(|p| std::fs::read(&p).ok().map(|b| (p, b))) {
                Some((path, bytes)) => {
                    let ct = content_type(&path);
                    Reply::new(200, if method == "HEAD" { Vec::new() } else { bytes })
                        .header("Content-Type", ct)
                        .header("Cache-Control", "no-cache")
                }
                None => not_found(),
            }
        }
        ("GET" | "HEAD", None) => not_found(),
        _ => Reply::new(405, Vec::new()).header("Allow", "GET, HEAD"),
    };
    reply
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_inside_dist() {
        let dir = std::env::temp_dir().join(format!("clc-sim-files-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("app")).unwrap();
        std::fs::write(dir.join("index.html"), "<p>hi</p>").unwrap();
        std::fs::write(dir.join("app/x.wasm"), [0, 97, 115, 109]).unwrap();
        assert_eq!(
            resolve(&dir, "/").unwrap().file_name().unwrap(),
            "index.html"
        );
        assert!(resolve(&dir, "/app/x.wasm?v=1").is_some());
        assert!(resolve(&dir, "/../etc/passwd").is_none());
        assert!(resolve(&dir, "/app/%2e%2e/%2e%2e/etc/passwd").is_none());
        assert!(resolve(&dir, "/..%5c..%5cwindows").is_none());
        assert_eq!(content_type(Path::new("a.wasm")), "application/wasm");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
