// What proxy.spec.js runs: real nginx with the shipped deploy/nginx.conf, a simulator that answers
// like a service with no CORS support (`clc-sim --no-cors`), and between the two one recording
// relay per API host, which sees exactly what nginx sends that host.
//
// What is tested is what ships: `testableConfig` takes deploy/nginx.conf and changes only the
// lines it lists (where it listens, no certificate, the site's folder, the three API hosts
// pointed at the relays), each of which must be found exactly as often as expected.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readyWhen } from "./servers.js";

const here = path.dirname(fileURLToPath(import.meta.url));
export const SHIPPED_NGINX_CONF = path.resolve(here, "../../deploy/nginx.conf");

/** The proxy prefix the shipped configuration serves the API under. */
export const PREFIX = "/clc";

/** The API hosts of the shipped configuration and the paths each one is sent. */
export const UPSTREAMS = {
  core: { shipped: "https://api.ctl.io", times: 2, paths: /^\/v2(-experimental)?\// },
  rdbs: { shipped: "https://api.rdbs.ctl.io", times: 1, paths: /^\/v1\// },
  backup: { shipped: "https://api.backup.ctl.io", times: 1, paths: /^\/clc-backup-api\/api\// },
};

/**
 * deploy/nginx.conf, runnable here: listening on 127.0.0.1:`port` without TLS, serving `root`,
 * with the API hosts replaced by `upstreams` (`{core, rdbs, backup}` base URLs). Throws, naming
 * the line, when the shipped file no longer has one of the lines this changes.
 */
export function testableConfig(shipped, { port, root, upstreams }) {
  const edits = [
    [/^\s*listen 443 ssl http2;$/gm, `    listen 127.0.0.1:${port};`, 1],
    [/^\s*listen \[::\]:443 ssl http2;$/gm, "", 1],
    [/^\s*ssl_certificate \S+;$/gm, "", 1],
    [/^\s*ssl_certificate_key \S+;$/gm, "", 1],
    [/^\s*root \S+;$/gm, `    root ${root};`, 1],
    ...Object.entries(UPSTREAMS).map(([name, { shipped: host, times }]) => [
      new RegExp(`(proxy_pass )${host.replaceAll(".", "\\.")}/`, "g"),
      `$1${upstreams[name]}/`,
      times,
    ]),
  ];
  let conf = shipped;
  for (const [pattern, replacement, times] of edits) {
    const found = conf.match(pattern)?.length ?? 0;
    if (found !== times) {
      throw new Error(`deploy/nginx.conf: ${pattern} found ${found} times, expected ${times}`);
    }
    conf = conf.replace(pattern, replacement);
  }
  const left = conf.match(/proxy_pass https:\S*|^\s*ssl_certificate.*|^\s*listen (?!127\.0\.0\.1:\d+;$).*/gm);
  if (left) throw new Error(`deploy/nginx.conf: not made local: ${left.join(", ")}`);
  return conf;
}

/** Debian's mime.types, beside the nginx.conf the binary was built for (`nginx -V` says where). */
function mimeTypes(nginx) {
  const { stderr = "" } = spawnSync(nginx, ["-V"], { encoding: "utf8" });
  const m = /--conf-path=(\S+)/.exec(stderr);
  return path.join(path.dirname(m ? m[1] : "/etc/nginx/nginx.conf"), "mime.types");
}

/**
 * Starts nginx in the foreground under a fresh prefix (its own pid file, temp folders and logs:
 * it needs no root, and touches nothing of the machine's nginx), with the shipped server block
 * inside an `http` block like Debian's own nginx.conf. Resolves once the workers are started.
 */
export async function startNginx({ nginx, dir, port, root, upstreams }) {
  const site = testableConfig(fs.readFileSync(SHIPPED_NGINX_CONF, "utf8"), { port, root, upstreams });
  fs.writeFileSync(path.join(dir, "offboard.conf"), site);
  const log = (name) => path.join(dir, name);
  const main = [
    // As root, nginx hands its workers to an unprivileged user; otherwise it runs as the caller.
    process.getuid?.() === 0 ? "user nobody nogroup;" : "",
    "worker_processes 1;",
    `pid ${log("nginx.pid")};`,
    // Notices on stderr: "start worker processes" says it is ready.
    "error_log stderr notice;",
    "events { worker_connections 256; }",
    "http {",
    `  include ${mimeTypes(nginx)};`,
    "  default_type application/octet-stream;",
    "  sendfile on;",
    // Debian's default access log format, to show that nothing it writes holds a token.
    `  access_log ${log("access.log")};`,
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `  ${t}_temp_path ${log(t)};`),
    `  include ${path.join(dir, "offboard.conf")};`,
    "}",
  ].join("\n");
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(conf, main);
  const child = spawn(nginx, ["-p", dir, "-c", conf, "-e", "stderr", "-g", "daemon off;"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { child, ...(await readyWhen(child, /start worker process/, "nginx")), accessLog: log("access.log") };
}

/**
 * One API host as nginx sees it: records every request (method, path and the headers that matter)
 * and passes it on to the simulator. Every answer gains a cookie and CORS grants that the proxy
 * must not pass to the browser.
 */
export function startRelay(name, simUrl) {
  const seen = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const h = req.headers;
      seen.push({
        upstream: name,
        method: req.method,
        path: req.url,
        host: h.host,
        authorization: h.authorization ?? null,
        cookie: h.cookie ?? null,
        origin: h.origin ?? null,
        referer: h.referer ?? null,
      });
      const body = Buffer.concat(chunks);
      const headers = { ...h, host: new URL(simUrl).host, "content-length": String(body.length) };
      // A fresh connection each time: a kept-alive one that the simulator has just closed
      // would fail the request here (a 502 that nginx and the page would then see).
      const out = http.request(`${simUrl}${req.url}`, { method: req.method, headers, agent: false }, (answer) => {
        res.writeHead(answer.statusCode, {
          ...answer.headers,
          "set-cookie": `upstream-${name}=1; Path=/`,
          "access-control-allow-origin": "*",
          "access-control-allow-credentials": "true",
        });
        answer.pipe(res);
      });
      out.on("error", (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      out.end(body);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ name, seen, url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) }),
    ),
  );
}

/**
 * A copy of dist/ as an operator deploys it (README, "Hosting"): the page's `data-offboard`
 * element given data-api-base, the site's own origin and the proxy prefix. (Not the bare
 * "/clc": the sign-in form's API address is an `<input type="url">`, which refuses a path.)
 * Readable by nginx's unprivileged workers.
 */
export function deployedSite(dist, dir, apiBase) {
  const site = path.join(dir, "site");
  fs.cpSync(dist, site, { recursive: true });
  const index = path.join(site, "index.html");
  const html = fs.readFileSync(index, "utf8");
  const edited = html.replace("data-offboard>", `data-offboard data-api-base="${apiBase}">`);
  if (edited === html) throw new Error(`dist/index.html has no "data-offboard>" to give data-api-base`);
  fs.writeFileSync(index, edited);
  return site;
}

/** A throwaway folder that nginx's workers may read (mkdtemp makes it private). */
export function scratchDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "offboard-proxy-"));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** A raw HTTP request (the path sent byte for byte, never normalised as fetch would). */
export function rawRequest(baseUrl, method, rawPath, headers = {}) {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path: rawPath, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end();
  });
}
