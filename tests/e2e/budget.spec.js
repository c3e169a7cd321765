// The bytes a customer waits for, held to their budgets (issue 14; README "Budgets"): what a
// first visit fetches from dist/ (the service worker's precache included), what choosing
// their own account fetches on top, and what the demo fetches beyond that (its simulator, run in
// a worker). Counted as `cargo xtask bench` counts them: each file gzip
// level 9. Sizes only, never times. A change that passes a budget fails here with the files and
// their sizes; raise a budget only on purpose, in the README too.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { test, expect, open } from "./support.js";
import { DIST } from "./playwright.config.js";

/** Bytes, gzip: today's figures (227,153, 742,094 and 146,934 B on 2026-12-06: dates written
 *  and read without chrono's strftime and parser, wasm-opt's --low-memory-unused, the demo's
 *  simulator in its own worker file, lists decoded from raw text, one awaited read per scan and
 *  census list, one list decoder per model, one compiled sort for most sorts, pretty JSON
 *  re-spaced from compact text, scripts shipped without their comment lines) and a margin of
 *  about 3% (2% for the demo extra, whose budget is its goal, 150,000). Issue 14's goals for the
 *  first two, 150,000 and 250,000, are not reached yet; lower these as the figures fall. The
 *  first load since: 221,916 B (the live tools' two stylesheets load with them, 3.4 KB of it
 *  moved to the connected extra; the live summary compared by allocation, 2.1 KB less wasm).
 *  Then 217,990 and 751,087 B (a report's inventories written through a writer only the live
 *  tools link, so the first load no longer carries the inventory's serialiser), and the first two
 *  budgets lowered to those figures and about 1.5%; with the record's error message for a
 *  missing writer, 218,083 and 751,210 B. Then 722,621 B (the API models decode only the
 *  fields the app reads), and the connected budget lowered to that and about 1.5%. Then
 *  710,985 B (records cut into raw elements by one decoder for every model, three sorts fewer),
 *  and the connected budget lowered to that and about 1.5%. Then 215,206 and 707,037 B (parts
 *  with no state of their own written as functions, not components; the first load's wasm-opt
 *  added --gufa -Oz), and the first two budgets lowered to those figures and about 1.5%; then
 *  back to -Oz alone (--gufa saved 234 B for twice the time), first-load budget 218,700 B. Then
 *  213,473 and 707,877 B (the notices, the exception, the steps, the unread parts, the table's
 *  filters and rows, step 2's choices, the found run and the free items written as functions,
 *  not components), and the first-load budget lowered to that and about 1.5%; the connected
 *  budget, already 1.4% above, kept. Then 718,139 B for the connected extra (+4.7 KB of live
 *  wasm for goal 6's bounds: the record's failed and kept lists, the plan's "With it" lists and
 *  the unread parts paged, the record's print held until afterprint; +0.7 KB for the age line
 *  during a deletion run), over the 717,700 B kept since; the connected budget raised to
 *  719,700 B, the first load's kept. Then 212,176 and 687,208 B (the journal's and the plan's
 *  enums written and read through flat structs, the token's claims and the step ids without
 *  serde_json's Value), and the connected budget lowered to that and about 1%; the first
 *  load's, which that did not move, kept. Then 684,610 B for the connected extra (689,029 B
 *  before: the executor's reads and sends share one compiled pool of requests in flight), and
 *  the connected budget lowered to that and about 1%; the first load's kept. */
const FIRST_LOAD_BUDGET = 216_700;
const CONNECTED_EXTRA_BUDGET = 691_500;
const DEMO_EXTRA_BUDGET = 150_000;

const gzip = (files) => files.map((f) => ({ file: f, gzip: zlib.gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 }).length }));
const total = (rows) => rows.reduce((s, r) => s + r.gzip, 0);

test("the first load, the connected extra and the demo extra stay within their budgets", async ({ page, context, baseURL }) => {
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
  const seenConnected = new Set(fetched);
  await page.getByRole("button", { name: "Try the demo account" }).click();
  await expect(page.getByTestId("identity")).toContainText("Demo account (simulated)", { timeout: 30_000 });
  const demo = gzip([...fetched].filter((f) => !seenConnected.has(f) && inDist(f)));
  // The simulator's worker script, glue and wasm, and nothing the connected extra had.
  expect(demo.map((r) => r.file).sort(), "the demo extra").toEqual([
    expect.stringMatching(/^offboard-sim-[0-9a-f]+-worker\.js$/),
    expect.stringMatching(/^offboard-sim-[0-9a-f]+\.js$/),
    expect.stringMatching(/^offboard-sim-[0-9a-f]+_bg\.wasm$/),
  ]);
  expect(extra.filter((r) => r.file.startsWith("offboard-sim-")), "the connected extra has no simulator").toEqual([]);
  expect(total(first), `first load: ${JSON.stringify(first)}`).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
  expect(total(extra), `connected extra: ${JSON.stringify(extra)}`).toBeLessThanOrEqual(CONNECTED_EXTRA_BUDGET);
  expect(total(demo), `demo extra: ${JSON.stringify(demo)}`).toBeLessThanOrEqual(DEMO_EXTRA_BUDGET);
});
