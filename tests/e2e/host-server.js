// A static host for the end-to-end tests: serves the host pages and dist/ under sub-paths,
// with the Content-Security-Policy and headers the README tells hosts to send, compressed
// (brotli or gzip).
// usage: node host-server.js PORT DIST API_BASE
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const [port, distArg, apiBase] = process.argv.slice(2);
// Absolute and normalised, so a directory given as `../dist` or `a/../dist` compares equal to the
// normalised paths `path.join` builds below.
const dist = path.resolve(distArg);
const here = path.dirname(fileURLToPath(import.meta.url));

export const csp = (api) =>
  [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${api}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'none'",
    "frame-ancestors 'self'",
    "object-src 'none'",
  ].join("; ");

// URL prefix → [directory, page served for the bare prefix, service-worker scope allowed]
const mounts = [
  ["/kb/closing-your-account/offboard/", dist, null, "/kb/closing-your-account/"],
  ["/kb/closing-your-account/", path.join(here, "hosts"), "kb-article.html", null],
  ["/docs/guides/closing/app/", dist, null, "/docs/guides/closing/"],
  ["/docs/guides/closing/", path.join(here, "hosts"), "docs-page.html", null],
  ["/scripted/app/", dist, null, "/scripted/"],
  ["/scripted/", path.join(here, "hosts"), "scripted.html", null],
  ["/hosts/", path.join(here, "hosts"), null, null],
];
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".png": "image/png" };

// Each file compressed once (brotli at its highest quality, as hosts precompress static files),
// off the event loop, and all of dist/ started at launch so no request waits long for it.
const cache = new Map();
function compressed(file, coding) {
  const stat = fs.statSync(file);
  const key = `${coding}:${file}:${stat.mtimeMs}:${stat.size}`;
  if (!cache.has(key)) {
    const bytes = fs.readFileSync(file);
    const promise = new Promise((resolve, reject) =>
      (coding === "br" ? zlib.brotliCompress : zlib.gzip)(bytes, (err, out) => (err ? reject(err) : resolve(out))),
    );
    // A failure is not remembered: the next request tries again.
    promise.catch(() => cache.delete(key));
    cache.set(key, promise);
  }
  return cache.get(key);
}
const warmUp = Promise.allSettled(
  fs
    .readdirSync(dist)
    .map((f) => path.join(dist, f))
    .filter((file) => fs.statSync(file).isFile())
    .map((file) => compressed(file, "br")),
);

function handle(req, res) {
  const url = new URL(req.url, "http://host");
  // Healthy once every file is compressed, so no test's first request waits on that.
  if (url.pathname === "/health") return void warmUp.then(() => res.end("ok"));
  for (const [prefix, dir, index, swScope] of mounts) {
    if (!url.pathname.startsWith(prefix)) continue;
    const rel = decodeURIComponent(url.pathname.slice(prefix.length)) || index;
    if (!rel) break;
    const file = path.join(dir, rel);
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) break;
    const headers = {
      "Content-Type": types[path.extname(file)] || "application/octet-stream",
      "Content-Security-Policy": csp(apiBase),
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "no-cache",
    };
    if (swScope && rel === "sw.js") headers["Service-Worker-Allowed"] = swScope;
    // Compressed, as static hosts and CDNs send text and wasm: brotli when the browser takes
    // it, else gzip (each file compressed once, kept in memory).
    headers["Vary"] = "Accept-Encoding";
    const accepts = req.headers["accept-encoding"] || "";
    const coding = /\bbr\b/.test(accepts) ? "br" : /\bgzip\b/.test(accepts) ? "gzip" : null;
    if (coding && !/\.png$/.test(file)) {
      return compressed(file, coding).then(
        (body) => {
          headers["Content-Encoding"] = coding;
          res.writeHead(200, headers);
          res.end(body);
        },
        () => {
          res.writeHead(500, { "Content-Type": "text/plain" });
          res.end("compression failed");
        },
      );
    }
    res.writeHead(200, headers);
    return fs.createReadStream(file).pipe(res);
  }
  res.writeHead(404, { "Content-Type": "text/plain" });
  res.end("not found");
}

http
  .createServer((req, res) => {
    try {
      return handle(req, res);
    } catch (error) {
      // A file that vanished between the checks and the read: an error answer, not a crash.
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(String(error));
    }
  })
  .listen(Number(port), "127.0.0.1", () => console.log(`host server on http://127.0.0.1:${port}`));
