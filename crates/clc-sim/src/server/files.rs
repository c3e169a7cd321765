//! Static files from `--dist`: `index.html` for directories, content types (incl.
//! `application/wasm`), gzip when the browser accepts it (as any real host would send them), the
//! CSP and hardening headers, and no way out of the folder.

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

/// Whether an `Accept-Encoding` value allows gzip: named (or `*`) with a weight above zero, and
/// not refused by name (`gzip;q=0` wins over `*`).
fn accepts_gzip(accept_encoding: Option<&str>) -> bool {
    let Some(value) = accept_encoding else {
        return false;
    };
    let codings: Vec<(&str, bool)> = value
        .split(',')
        .map(|part| {
            let mut fields = part.split(';').map(str::trim);
            let coding = fields.next().unwrap_or_default();
            let refused = fields.any(|f| {
                f.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q == 0.0)
            });
            (coding, !refused)
        })
        .collect();
    match codings.iter().find(|(c, _)| c.eq_ignore_ascii_case("gzip")) {
        Some((_, allowed)) => *allowed,
        None => codings.iter().any(|(c, allowed)| *c == "*" && *allowed),
    }
}

fn gzip(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok()
}

fn compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || content_type.starts_with("application/") && content_type != "application/octet-stream"
        || content_type == "image/svg+xml"
}

pub(crate) fn serve(
    dist: Option<&Path>,
    method: &str,
    url: &str,
    accept_encoding: Option<&str>,
) -> Reply {
    let reply = match (method, dist) {
        ("GET" | "HEAD", Some(dist)) => {
            match resolve(dist, url).and_then(|p| std::fs::read(&p).ok().map(|b| (p, b))) {
                Some((path, bytes)) => {
                    let ct = content_type(&path);
                    // HEAD keeps the body here (the writer leaves it out) so Content-Length is
                    // the one a GET would have.
                    let zipped = (compressible(ct) && accepts_gzip(accept_encoding))
                        .then(|| gzip(&bytes))
                        .flatten();
                    let reply = match zipped {
                        Some(z) => Reply::new(200, z).header("Content-Encoding", "gzip"),
                        None => Reply::new(200, bytes),
                    };
                    reply
                        .header("Content-Type", ct)
                        .header("Vary", "Accept-Encoding")
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

    #[test]
    fn gzips_only_what_the_browser_accepts() {
        assert!(accepts_gzip(Some("gzip, deflate, br, zstd")));
        assert!(accepts_gzip(Some("br;q=1.0, GZIP;q=0.5")));
        assert!(accepts_gzip(Some("*")));
        assert!(!accepts_gzip(Some("gzip;q=0, br")));
        assert!(!accepts_gzip(Some("gzip;q=0, *")));
        assert!(!accepts_gzip(Some("identity")));
        assert!(!accepts_gzip(None));
        assert!(compressible("application/wasm"));
        assert!(compressible("text/html; charset=utf-8"));
        assert!(!compressible("image/png"));
    }

    #[test]
    fn a_gzipped_file_decodes_to_the_same_bytes() {
        use std::io::Read;
        let dir = std::env::temp_dir().join(format!("clc-sim-gzip-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let text = "offboard ".repeat(1000);
        std::fs::write(dir.join("a.js"), &text).unwrap();
        let reply = serve(Some(&dir), "GET", "/a.js", Some("gzip"));
        assert!(reply
            .headers
            .iter()
            .any(|(k, v)| k == "Content-Encoding" && v == "gzip"));
        assert!(reply.body.len() < text.len() / 10);
        let mut out = String::new();
        flate2::read::GzDecoder::new(&reply.body[..])
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
        let plain = serve(Some(&dir), "GET", "/a.js", None);
        assert_eq!(plain.body, text.as_bytes());
        assert!(!plain.headers.iter().any(|(k, _)| k == "Content-Encoding"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
