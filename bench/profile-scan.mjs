// Not part of `cargo xtask bench`: where a scan's time goes in the page. Runs bench.js's scan
// flow (the Connect click to the inventory on screen) against a simulator already started
// (URL=http://127.0.0.1:PORT/, as xtask's start_simulator starts it, e.g. `clc-sim serve --port
// PORT --scenario large:dcs=13,servers=10000,groups=600,ips=2000 --latency-ms 50 --dist dist`;
// SUBS=L001,L002,L003 lists sub-accounts on the connect screen, as the scan-subaccounts row does)
// and writes OUT.requests.json (every API request: start and end in ms from the click, path)
// and, with PROFILE=1, OUT.cpuprofile (Chromium's CPU profile over the same span; serve a dist
// whose live wasm is target/wasm-bindgen/release/offboard-live_bg.wasm to keep the functions'
// names). Prints the wall time, the page's main thread busy time (CDP's TaskDuration), the
// requests, and with PROFILE=1 the functions with the most self time.
import fs from "node:fs";
import { chromium } from "playwright-core";
import { API_PATH, ARGS, CHROMIUM, fillLargeSignIn } from "./chromium.mjs";
const url = process.env.URL;
const out = process.env.OUT ?? "/tmp/scan-prof/run";
const doProfile = process.env.PROFILE === "1";
const subs = (process.env.SUBS ?? "").split(",").filter(Boolean);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const page = await browser.newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send("Performance.enable");
const log = [];
let counting = false;
let t0 = 0;
page.on("request", (r) => { if (counting) r._t = Date.now(); });
page.on("requestfinished", (r) => {
  if (!counting || r._t == null) return;
  const p = new URL(r.url()).pathname;
  if (!API_PATH.test(p) || r.method() === "OPTIONS") return;
  log.push([r._t - t0, Date.now() - t0, p]);
});
// When the inventory is first in the document, and the frame that draws it, in the page's own
// clock: Playwright's waitFor polls at growing intervals (up to 500 ms), so its wall time is
// late by up to one interval.
await page.addInitScript(() => {
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-testid="inventory"]')) return;
    observer.disconnect();
    window.__inventoryAttached = performance.now();
    requestAnimationFrame((frame) => { window.__inventoryFrame = frame; });
  }).observe(document, { childList: true, subtree: true });
});
await fillLargeSignIn(page, url, subs);
const metric = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value;
if (doProfile) { await cdp.send("Profiler.enable"); await cdp.send("Profiler.setSamplingInterval", { interval: 500 }); await cdp.send("Profiler.start"); }
const busy0 = await metric();
counting = true;
// The click's dispatch in the page, on the clock of the inventory's times (as bench.js's rows).
await page.evaluate(() => document.addEventListener("click", () => (window.__clickedAt = performance.now()), { capture: true, once: true }));
t0 = Date.now();
await page.getByRole("button", { name: "Connect", exact: true }).click();
await page.getByTestId("inventory").waitFor({ timeout: 300_000 });
for (const alias of subs) {
  await page.getByTestId("ob-inv-summary-account").getByText(`${alias} (sub-account)`).waitFor({ timeout: 300_000 });
}
const wall = Date.now() - t0;
const busy = (await metric()) - busy0;
await page.waitForFunction(() => window.__inventoryFrame != null);
const seen = await page.evaluate(() => ({ attached: Math.round(window.__inventoryAttached - window.__clickedAt), frame: Math.round(window.__inventoryFrame - window.__clickedAt) }));
let top = [];
if (doProfile) {
  const { profile } = await cdp.send("Profiler.stop");
  fs.writeFileSync(out + ".cpuprofile", JSON.stringify(profile));
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const name = n.callFrame.functionName || `(${n.callFrame.url.split("/").pop() || "anonymous"})`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([f, ms]) => [f, Math.round(ms)]);
}
fs.writeFileSync(out + ".requests.json", JSON.stringify(log));
const last = log.reduce((m, r) => Math.max(m, r[1]), 0);
console.log(JSON.stringify({ wall, seen, busy_ms: Math.round(busy * 1000), requests: log.length, last_answer_ms: last, top }));
await browser.close();
