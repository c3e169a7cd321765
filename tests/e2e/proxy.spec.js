// The real API from a real host: deploy/nginx.conf, run by Debian's nginx, in front of a simulator
// that answers like a service with no CORS support (`clc-sim --no-cors`). Through the proxy, the
// page (data-api-base="<its origin>/clc", as the README tells operators) signs in, scans all
// three services and deletes the account's resources; the token reaches the three API hosts and
// nothing else, and no cookie crosses the proxy either way. Without the proxy, the same page
// explains CORS.
//
// Between nginx and the simulator sits one recording relay per API host (proxy-support.js), so
// the test sees exactly what nginx sends to which host. nginx runs in the foreground under a
// throwaway prefix (its own temp folders, pid and logs; no root needed) on PROXY_PORT, started
// and stopped here.
import fs from "node:fs";
import path from "node:path";
import { DIST, NGINX, PROXY_PORT, SIM_BIN } from "./playwright.config.js";
import { test, expect, at, instantOf, markAllNotNeeded, confirmDeletion, signIn, acceptedDeletes, simPost, simGet } from "./support.js";
import { PREFIX, UPSTREAMS, deployedSite, rawRequest, scratchDir, startNginx, startRelay } from "./proxy-support.js";
import { startSimulator, stop } from "./servers.js";

// In order, in one worker: the nginx, simulator and relays of `beforeAll` are started once for
// the file's tests (with fullyParallel each test would be its own group and start them again).
test.describe.configure({ mode: "default" });

const PROXY = `http://127.0.0.1:${PROXY_PORT}`;
const API_BASE = `${PROXY}${PREFIX}`;
let sim;
let relays;
let nginx;
let dir;

test.beforeAll(async () => {
  sim = await startSimulator(path.resolve(SIM_BIN), ["--no-cors", "--scenario", "demo", "--epoch-ms", "1796464800000"]);
  relays = Object.fromEntries(await Promise.all(Object.keys(UPSTREAMS).map(async (name) => [name, await startRelay(name, sim.url)])));
  dir = scratchDir();
  nginx = await startNginx({
    nginx: NGINX,
    dir,
    port: PROXY_PORT,
    // The page names the proxy by its path alone, as README step 2 says; the app makes it an address
    // on its own origin (the sign-in field below shows the whole of it).
    root: deployedSite(path.resolve(DIST), dir, PREFIX),
    upstreams: Object.fromEntries(Object.entries(relays).map(([name, r]) => [name, r.url])),
  });
});

test.afterAll(async () => {
  await stop(nginx?.child);
  await stop(sim?.child);
  await Promise.all(Object.values(relays ?? {}).map((r) => r.close()));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test.beforeEach(async ({ timezoneId }) => {
  // The demo account afresh, on the page's instant (support.js puts the page there).
  await simPost("/_sim/reset", { scenario: "demo", seed: 1 }, { sim: sim.url });
  await simPost("/_sim/clock", { wallClockMs: instantOf(at(), timezoneId) }, { sim: sim.url });
  for (const r of Object.values(relays)) r.seen.length = 0;
});

/** Everything the relays saw, in one list. */
const relayed = () => Object.values(relays).flatMap((r) => r.seen);

/** What nginx wrote to its logs so far. */
const nginxLogs = () => fs.readFileSync(nginx.accessLog, "utf8") + nginx.output();

const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'self'; form-action 'none'; frame-ancestors 'self'; object-src 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

test("through the proxy, with data-api-base set to its prefix, the page signs in, scans every service and deletes", async ({ page, context }) => {
  test.setTimeout(240_000);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const failed = [];
  page.on("response", (r) => r.status() >= 500 && failed.push(`${r.status()} ${r.request().method()} ${r.url()}`));
  page.on("requestfailed", (r) => failed.push(`${r.failure()?.errorText} ${r.request().method()} ${r.url()}`));
  // A cookie of the site's own: it must never reach an API host.
  await context.addCookies([{ name: "site-session", value: "kept-on-this-site", url: PROXY }]);
  const page1 = await page.goto(`${PROXY}/`);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(page1.headers()[name], name).toBe(value);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // The API address comes from data-api-base: the proxy's prefix on this origin.
  await page.getByRole("button", { name: "Connect my account" }).click();
  await expect(page.getByLabel("API address")).toHaveValue(API_BASE);
  await page.getByLabel("User name").fill("demo");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByTestId("alias")).toHaveText("DEMO");
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
  // Every part of the scan was read: core, v2-experimental, RDBS and Simple Backup alike.
  await expect(page.getByTestId("inventory-unread")).toHaveCount(0);

  // The deletion run: DELETEs and POSTs, each through the proxy. Queue operations
  // finish within a second here: how long a run takes is delete.spec.js's matter, not this one's.
  await simPost("/_sim/faults", { queue: { notStartedMs: 200, executingMs: 800, jitterMs: 0 } }, { sim: sim.url });
  await markAllNotNeeded(page);
  await confirmDeletion(page);
  const ledger = page.getByTestId("deletion-ledger");
  await expect(ledger).toBeVisible({ timeout: 180_000 });
  await expect(ledger.getByTestId("ledger-failed")).toHaveText("0");
  await expect(ledger).toContainText("Nothing that bills is left");
  const state = await simGet("/_sim/state", { sim: sim.url });
  expect(state.servers).toEqual([]);
  expect(state.rdbs).toEqual([]);
  expect(state.backup.serverPolicies).toEqual([]);
  expect(await page.evaluate(() => window.__csp)).toEqual([]);
  expect(failed).toEqual([]);
  // Each DELETE went out once, from the page and from nginx alike (nginx never repeats one).
  expect(Object.values(acceptedDeletes(await simGet("/_sim/log", { sim: sim.url }))).filter((n) => n !== 1)).toEqual([]);
  const deletes = relayed().filter((r) => r.method === "DELETE").map((r) => r.path);
  expect(deletes.length).toBeGreaterThan(10);
  expect(new Set(deletes).size).toBe(deletes.length);

  // What each API host received: only its own paths, each verb the run needs, the token on
  // every call but the sign-in, and nothing of the site's (cookie, Origin, Referer, Host).
  const seen = relayed();
  for (const [name, { paths }] of Object.entries(UPSTREAMS)) {
    const mine = seen.filter((r) => r.upstream === name);
    expect(mine.length, `${name} was called`).toBeGreaterThan(0);
    expect(mine.filter((r) => !paths.test(r.path)), `${name} got only its own paths`).toEqual([]);
    expect(new Set(mine.map((r) => r.host)), `${name} got its own Host`).toEqual(new Set([new URL(relays[name].url).host]));
    expect(mine.some((r) => r.method === "DELETE"), `${name} got a DELETE`).toBe(true);
  }
  expect(seen.filter((r) => r.cookie || r.origin || r.referer)).toEqual([]);
  const signIns = seen.filter((r) => r.path === "/v2/authentication/login");
  expect(signIns.map((r) => [r.upstream, r.method, r.authorization])).toEqual([["core", "POST", null]]);
  const tokens = new Set(seen.filter((r) => r !== signIns[0]).map((r) => r.authorization));
  expect(tokens.size).toBe(1);
  const [token] = tokens;
  expect(token).toMatch(/^Bearer \S{20,}$/);
  // nginx's own logs (Debian's default access-log format) never hold it.
  expect(nginxLogs()).not.toContain(token.slice("Bearer ".length));
});

test("the proxy forwards the token to its three API hosts only, and no cookie either way", async () => {
  const canary = "Bearer canary-token-for-the-proxy-test";
  const headers = { Authorization: canary, Cookie: "site-session=kept-on-this-site", Origin: PROXY, Referer: `${PROXY}/` };

  // Each API prefix reaches its own host once (the simulator then refuses the canary: 401),
  // with the host's own name in Host, whatever the request line named.
  for (const [rawPath, upstream, sent] of [
    ["/clc/v2/datacenters/DEMO", "core", "/v2/datacenters/DEMO"],
    ["/clc/v2-experimental/networks/DEMO/VA1", "core", "/v2-experimental/networks/DEMO/VA1"],
    ["/clc/rdbs/v1/DEMO/subscriptions", "rdbs", "/v1/DEMO/subscriptions"],
    ["/clc/backup/clc-backup-api/api/accountPolicies?limit=1", "backup", "/clc-backup-api/api/accountPolicies?limit=1"],
    ["http://elsewhere.example/clc/v2/datacenters/DEMO", "core", "/v2/datacenters/DEMO"],
  ]) {
    for (const r of Object.values(relays)) r.seen.length = 0;
    const res = await rawRequest(PROXY, "GET", rawPath, headers);
    expect(res.status, rawPath).toBe(401);
    expect(relayed().map((r) => [r.upstream, r.path, r.authorization, r.cookie, r.origin, r.referer, r.host]), rawPath).toEqual([
      [upstream, sent, canary, null, null, null, new URL(relays[upstream].url).host],
    ]);
    // The answer keeps none of the host's cookies or CORS grants, and has the site's headers.
    const answered = Object.keys(res.headers).filter((h) => h === "set-cookie" || h.startsWith("access-control-"));
    expect(answered, rawPath).toEqual([]);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers[name], `${rawPath} ${name}`).toBe(value);
  }

  // Nothing else is forwarded anywhere: other paths under the prefix, API paths outside it,
  // and any `.`/`..` segment, encoded slash or empty segment (refused, never resolved).
  for (const r of Object.values(relays)) r.seen.length = 0;
  for (const [rawPath, status] of [
    ["/clc/", 404],
    ["/clc", 404],
    // nginx's own answer for a proxied prefix without its slash: to the same site.
    ["/clc/v2", 301],
    ["/clc/v3/datacenters/DEMO", 404],
    ["/clc/rdbs/v2/DEMO/subscriptions", 404],
    ["/clc/backup/accountPolicies", 404],
    ["/v2/datacenters/DEMO", 404],
    ["/clc/rdbs/v1/../../v2/datacenters/DEMO", 400],
    ["/clc/v2/servers/DEMO/va1demoweb01/snapshots/..", 400],
    ["/clc/v2/servers/DEMO/va1demoweb01/snapshots/%2e%2E", 400],
    ["/clc/v2/servers/DEMO/va1demoweb01/snapshots/.", 400],
    ["/clc/v2/servers/DEMO%2Fva1demoweb01", 400],
    ["/clc//v2/datacenters/DEMO", 400],
    ["/clc/backup/clc-backup-api/api/./accountPolicies", 400],
  ]) {
    for (const method of ["GET", "DELETE"]) {
      const res = await rawRequest(PROXY, method, rawPath, headers);
      expect(res.status, `${method} ${rawPath}`).toBe(status);
    }
  }
  // The site's own files are served, and send nothing on.
  for (const file of ["/", "/index.html", "/offboard.js", "/sw.js"]) {
    expect((await rawRequest(PROXY, "GET", file, headers)).status, file).toBe(200);
  }
  expect(relayed()).toEqual([]);
  expect(nginxLogs()).not.toContain("canary-token");
});

test.describe("without the proxy", () => {
  // A host page whose CSP lets it call the API host directly (README: the direct connect-src),
  // so what stops the call is the service's missing CORS support, nothing else.
  test.use({ bypassCSP: true });

  test("the same page calling the API host directly shows its CORS explanation", async ({ page }) => {
    const consoleLines = [];
    page.on("console", (m) => consoleLines.push(m.text()));
    await page.goto(`${PROXY}/`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await signIn(page, sim.url, "demo", "demo-password");
    const error = page.getByTestId("connect-error");
    await expect(error).toContainText("could not be reached");
    await expect(error).toContainText("CORS");
    await expect(error).toContainText("proxy");
    // The browser's own reason, and the sign-in never sent: its preflight was refused.
    await expect.poll(() => consoleLines.some((l) => /blocked by CORS policy/.test(l))).toBe(true);
    expect(await simGet("/_sim/log", { sim: sim.url })).toEqual([]);
    expect(relayed()).toEqual([]);
  });
});
