// The bytes a customer waits for, held to their budgets (issue 14; README "Budgets"): what a
// first visit fetches from dist/ (the service worker's precache included), and what choosing
// their own account fetches on top. Counted as `cargo xtask bench` counts them: each file gzip
// level 9. Sizes only, never times. A change that passes a budget fails here with the files and
// their sizes; raise a budget only on purpose, in the README too.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { test, expect, open } from "./support.js";
import { DIST } from "./playwright.config.js";

/** Bytes, gzip: today's figures (228,363 and 823,143 B on 2026-12-06, after dates written without chrono's
 *  strftime and wasm-opt's --low-memory-unused) and a margin of about 3%.
 *  Issue 14's goals, 150,000 and 250,000, are not reached yet; lower these as the figures fall. */
const FIRST_LOAD_BUDGET = 235_000;
const CONNECTED_EXTRA_BUDGET = 848_000;

const gzip = (files) => files.map((f) => ({ file: f, gzip: zlib.gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 }).length }));
const total = (rows) => rows.reduce((s, r) => s + r.gzip, 0);

test("the first load and the connected extra stay within their budgets", async ({ page, context, baseURL }) => {
  const fetched = new Set();
  context.on("request", (r) => {
    const u = new URL(r.url());
    if (u.origin === new URL(baseURL).origin) fetched.add(u.pathname.replace(/^\//, "") || "index.html");
  });
  await open(page);
  // The worker is active once its install (the precache) is done.
  await page.evaluate(() => navigator.serviceWorker.ready);
  const inDist = (f) => fs.existsSync(path.join(DIST, f)) && fs.statSync(path.join(DIST, f)).isFile();
  const first = gzip([...fetched].filter(inDist));
  expect(first.length).toBeGreaterThan(0);
  const seen = new Set(fetched);
  await page.getByRole("button", { name: "Connect my account" }).click();
  await expect(page.getByLabel("User name")).toBeVisible({ timeout: 30_000 });
  const extra = gzip([...fetched].filter((f) => !seen.has(f) && inDist(f)));
  expect(extra.length).toBeGreaterThan(0);
  expect(total(first), `first load: ${JSON.stringify(first)}`).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
  expect(total(extra), `connected extra: ${JSON.stringify(extra)}`).toBeLessThanOrEqual(CONNECTED_EXTRA_BUDGET);
});
