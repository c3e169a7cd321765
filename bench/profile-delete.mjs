// Not part of `cargo xtask bench`: where a deletion's time goes. Runs bench.js's deleteAccount
// flow against a simulator already started (URL=http://127.0.0.1:PORT/, as xtask's
// start_simulator starts it) and writes OUT.requests.json (every API request: start and end in
// ms from the countdown's end, method, path) and, with PROFILE=1, OUT.cpuprofile (Chromium's
// CPU profile from the countdown's end to the ledger; serve a dist whose live wasm is
// target/wasm-bindgen/release/offboard-live_bg.wasm to keep the functions' names). Prints the
// wall time and the page's main thread busy time (CDP's TaskDuration).
import fs from "node:fs";
import { chromium } from "playwright-core";
import { API_PATH, ARGS, CHROMIUM, fillLargeSignIn } from "./chromium.mjs";
const url = process.env.URL;
const out = process.env.OUT ?? "/tmp/wdel-prof/run";
const doProfile = process.env.PROFILE === "1";
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const page = await browser.newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send("Performance.enable");
const log = [];
let counting = false;
const t0 = { v: 0 };
page.on("request", (r) => { if (counting) r._t = Date.now(); });
page.on("requestfinished", (r) => {
  if (!counting || r._t == null) return;
  const p = new URL(r.url()).pathname;
  if (!API_PATH.test(p) || r.method() === "OPTIONS") return;
  log.push([r._t - t0.v, Date.now() - t0.v, r.method(), p]);
});
await fillLargeSignIn(page, url, []);
await page.getByRole("button", { name: "Connect", exact: true }).click();
const deletion = page.getByTestId("deletion");
await deletion.getByRole("button", { name: "Delete these resources…" }).click({ timeout: 300_000 });
await page.getByLabel("Type the account alias (LRGE) to confirm").fill("LRGE");
counting = true;
t0.v = Date.now() + 10_000;
await deletion.getByRole("button", { name: "Confirm and start the 10-second countdown" }).click();
const metric = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value;
await page.waitForTimeout(9_000);
if (doProfile) { await cdp.send("Profiler.enable"); await cdp.send("Profiler.setSamplingInterval", { interval: 1000 }); await cdp.send("Profiler.start"); }
const busy0 = await metric();
await page.getByTestId("deletion-ledger").waitFor({ timeout: 900_000 });
const wall = Date.now() - t0.v;
const busy = (await metric()) - busy0;
let profile = null;
if (doProfile) { profile = (await cdp.send("Profiler.stop")).profile; fs.writeFileSync(out + ".cpuprofile", JSON.stringify(profile)); }
fs.writeFileSync(out + ".requests.json", JSON.stringify(log));
console.log(JSON.stringify({ wall, busy_ms: Math.round(busy * 1000), requests: log.length }));
await browser.close();
