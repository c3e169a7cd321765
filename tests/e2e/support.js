// Shared steps of the end-to-end tests: each worker's servers, the clock every test runs on,
// fresh state, the checklist's controls, the axe scan.
//
// No test reads the real calendar. Every browser context starts at a fixed instant in a fixed
// zone and locale (playwright.config.js sets the zone and locale; `test` below installs the
// clock), and the simulator's account is put on the same instant. `OFFBOARD_TEST_NOW` (an ISO
// local date-time such as 2026-12-31T23:30:00) moves every test's base instant at once; without
// it each test runs at its own fixed instant (`at(...)`), or at DEFAULT_LOCAL_NOW.
import { test as base, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { DIST, HOST_URL, SIM_BIN, SIM_URL } from "./playwright.config.js";
import { startHostServer, startSimulator, stop } from "./servers.js";

export { expect };

/** The base instant of a test that does not choose its own, as a local date-time. */
export const DEFAULT_LOCAL_NOW = "2026-12-05T10:00:00";

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const OVERRIDE = process.env.OFFBOARD_TEST_NOW || null;
if (OVERRIDE !== null && !LOCAL.test(OVERRIDE)) {
  throw new Error(`OFFBOARD_TEST_NOW must be a local date-time such as 2026-12-31T23:30:00, not ${JSON.stringify(OVERRIDE)}`);
}

/** The local date-time a test runs at: its own choice, unless OFFBOARD_TEST_NOW moves it. */
export function at(local = DEFAULT_LOCAL_NOW) {
  return OVERRIDE ?? local;
}

/** `zone`'s offset from UTC at `ms`, in minutes east (London in summer: 60). */
export function offsetAt(ms, zone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(new Date(ms))
      .filter((p) => p.type !== "literal")
      .map((p) => [p.type, Number(p.value)]),
  );
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The instant (epoch ms) of a local date-time in `zone`. A time the clocks skip (spring
 *  forward) is read with the offset before the change, as a wall clock would show it. */
export function instantOf(local, zone) {
  const m = LOCAL.exec(local);
  if (!m) throw new Error(`not a local date-time: ${local}`);
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi, s || 0);
  // Two passes: the offset at a first guess, then at the instant that guess gives.
  let t = wall - offsetAt(wall, zone) * 60_000;
  t = wall - offsetAt(t, zone) * 60_000;
  return t;
}

/** The zone of each context the tests made (Playwright does not say it back). */
const zones = new WeakMap();

/**
 * Puts a browser context (all its pages) and the simulator's account on `local` in the context's
 * zone, and returns the instant (epoch ms). The page clock then runs on in real time unless the
 * test pauses it. Call it again in a test to move to another instant before the page loads.
 */
export async function startAt(contextOrPage, local = at(), { instant } = {}) {
  const context = typeof contextOrPage.context === "function" ? contextOrPage.context() : contextOrPage;
  const zone = zones.get(context);
  if (!zone) throw new Error("a context made outside `test` or `pageAt` has no known zone");
  instant ??= instantOf(local, zone);
  await context.clock.install({ time: instant });
  await setSimulatorClock(instant);
  return instant;
}

/** The simulator's account follows the page's calendar (dates, token times, billing month). */
export async function setSimulatorClock(instant) {
  await simPost("/_sim/clock", { wallClockMs: instant });
}

// The one way the specs reach the simulator's own routes (`/_sim/reset`, `faults`, `clock`,
// `plant`, `state`, `log`, `health`): each call must succeed, or the test fails there saying
// what the simulator answered. `sim` is this worker's simulator unless a spec runs its own.

/** A POST of `body` (as JSON) to the simulator's `path`, which must succeed. */
export async function simPost(path, body = {}, { sim = SIM_URL } = {}) {
  const res = await fetch(`${sim}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`the simulator refused POST ${path}: ${res.status} ${await res.text()}`);
}

/** The JSON the simulator answers a GET of `path` with, which must succeed. */
export async function simGet(path, { sim = SIM_URL } = {}) {
  const res = await fetch(`${sim}${path}`);
  if (!res.ok) throw new Error(`the simulator refused GET ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A new context (and page) in another zone and locale, at `local` there (or at `instant`). */
export async function pageAt(browser, { zone, locale = "en-GB", local = at(), instant: exact, ...options }) {
  const context = await browser.newContext({ timezoneId: zone, locale, ...options });
  zones.set(context, zone);
  const instant = await startAt(context, local, { instant: exact });
  const page = await context.newPage();
  return { context, page, instant };
}

/** Playwright's `test`, on this worker's own servers, with every test starting from the demo
 *  account afresh (no faults) and every context on the base instant before its first page
 *  opens. */
export const test = base.extend({
  // The app and the simulated CLC API, as `cargo xtask run` serves them, and the host pages
  // (knowledge base, docs site) embedding dist/ from sub-paths under a strict CSP: one of each
  // per worker, on its own ports (playwright.config.js), for as long as the worker runs. The
  // account's calendar starts at a fixed instant; each test then sets its own.
  workerServers: [
    async ({}, use) => {
      const port = Number(new URL(SIM_URL).port);
      const sim = await startSimulator(
        SIM_BIN,
        ["--scenario", "demo", "--time-scale", "1", "--dist", DIST, "--epoch-ms", "1796464800000"],
        port,
      );
      let host;
      try {
        host = await startHostServer(Number(new URL(HOST_URL).port), DIST, SIM_URL);
        await use({ sim: sim.url, host: host.url });
      } finally {
        await stop(host?.child);
        await stop(sim.child);
      }
    },
    { scope: "worker", auto: true, timeout: 60_000 },
  ],
  // Whatever the previous test in this worker changed (its page is closed by now, so nothing it
  // still had under way can reach the fresh account).
  freshSimulator: [
    async ({ workerServers }, use) => {
      await simPost("/_sim/reset", { scenario: "demo", seed: 1 }, { sim: workerServers.sim });
      await simPost("/_sim/faults", {}, { sim: workerServers.sim });
      await use();
    },
    { auto: true },
  ],
  context: async ({ context, timezoneId }, use) => {
    zones.set(context, timezoneId);
    await startAt(context);
    await use(context);
  },
});

export const step = (page, n) => page.locator(`li[data-step='${n}']`);
export const tick = (page, n) => step(page, n).getByRole("checkbox");

/** Loads the app and waits until it has rendered (the wasm is running). */
export async function open(page, path = "./") {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

/** "Connect my account", then sign in to `api` as a customer would; callers check the outcome. */
export async function signIn(page, api, user, password) {
  await page.getByRole("button", { name: "Connect my account" }).click();
  await page.getByLabel("API address").fill(api);
  await page.getByLabel("User name").fill(user);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
}

/** Signs in to the simulator server as `demo` and waits for the inventory and step 3. */
export async function connect(page, baseURL, user = "demo") {
  await signIn(page, baseURL.replace(/\/$/, ""), user, `${user}-password`);
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("deletion")).toBeVisible();
}

/** Signed in: adds a sub-account alias beside the identity and waits until it is read and
 *  listed. */
export async function addSubAccount(page, typed) {
  const subs = page.getByTestId("ob-sub-live");
  await expect(subs.getByRole("button", { name: "Add" })).toBeEnabled({ timeout: 30_000 });
  await subs.getByLabel("Sub-account alias").fill(typed);
  await subs.getByRole("button", { name: "Add" }).click();
  await expect(subs).toContainText(`${typed.toUpperCase()} was read and added to the list.`, { timeout: 30_000 });
}

/** Step 2: every resource with data marked "not needed" (the plan keeps unmarked data). */
export async function markAllNotNeeded(page) {
  await page.getByRole("button", { name: /Mark all .* listed: not needed/ }).click();
  await expect(page.getByTestId("inventory-marked")).toContainText("Every resource with data is marked");
}

/** Answers every manual item (object storage, DNS…) of the inventory, as step 4 requires. */
export async function answerManualItems(page, answer = "Not applicable") {
  const items = page.getByTestId("inventory-manual").locator("li");
  await expect(items.first()).toBeVisible();
  for (const item of await items.all()) await item.getByLabel(answer).check();
}

/** From the dry run to the countdown, with the alias typed (any case). */
export async function confirmDeletion(page, typed = "demo") {
  const deletion = page.getByTestId("deletion");
  await expect(deletion.getByTestId("deletion-plan")).toContainText("Nothing has been sent");
  await deletion.getByRole("button", { name: "Delete these resources…" }).click();
  const alias = page.getByLabel("Type the account alias (DEMO) to confirm");
  await expect(alias).toBeFocused();
  await alias.fill(typed);
  await deletion.getByRole("button", { name: "Confirm and start the 10-second countdown" }).click();
}

/** The texts of `cells` (a selector within a row) in every line of the ledger's table `table`
 *  (its test id), page by page: the ledger shows 25 lines of a table at a time, with page
 *  controls named `pages` ("Pages of what was removed") when it has more. */
export async function ledgerLines(ledger, table, pages, cells = "th") {
  const rows = ledger.getByTestId(table).locator("tbody tr");
  const nav = ledger.getByRole("navigation", { name: pages });
  const texts = [];
  for (;;) {
    texts.push(...(await rows.locator(cells).allTextContents()));
    if ((await nav.count()) === 0) return texts;
    const next = nav.getByRole("button", { name: "Next" });
    if (await next.isDisabled()) return texts;
    const shown = await nav.locator(".ob-inv-page").textContent();
    await next.click();
    await expect(nav.locator(".ob-inv-page")).not.toHaveText(shown);
  }
}

/** No queue operation finishes until `releaseQueue`: a run is surely still going while the
 *  test acts, however slow the machine. */
export async function holdQueue() {
  await simPost("/_sim/faults", { holdQueue: true });
}
export async function releaseQueue() {
  await simPost("/_sim/faults", {});
}

/** From a fresh page to a deletion run under way that cannot finish: opens the app, signs in,
 *  marks every resource with data "not needed", holds the queue, confirms the whole plan and
 *  waits until a delete is accepted (a step queued or executing). Returns the run's step list;
 *  `releaseQueue` lets it finish. */
export async function startHeldRun(page, baseURL) {
  await open(page);
  await connect(page, baseURL);
  await markAllNotNeeded(page);
  await holdQueue();
  await confirmDeletion(page);
  const steps = page.getByTestId("deletion-steps");
  await expect(steps.locator("tr[data-status='queued'], tr[data-status='executing']").first()).toBeVisible({ timeout: 60_000 });
  return steps;
}

/** The simulator's state dump (with each sub-account's own under `subAccounts`). */
export async function simState() {
  return simGet("/_sim/state");
}

/** What a closure could remove from one account's state dump, as sorted ids per kind, to
 *  compare two dumps. */
export function removable(state) {
  const ids = (list, field = "id") => (list || []).map((x) => String(x[field])).sort();
  return {
    servers: ids(state.servers),
    groups: ids(state.groups),
    networks: ids(state.networks),
    publicIps: ids(state.publicIps, "address"),
    snapshots: ids(state.snapshots),
    loadBalancers: ids(state.loadBalancers),
    firewallPolicies: ids(state.firewallPolicies),
    crossDcFirewallPolicies: ids(state.crossDcFirewallPolicies),
    vpns: ids(state.vpns),
    rdbs: ids(state.rdbs),
    backupServerPolicies: ids(state.backup?.serverPolicies),
    alertPolicies: ids(state.alertPolicies),
    webhooks: ids(state.webhooks, "event"),
    operations: ids(state.operations),
  };
}

/** The changing requests the simulator answered: `[{atMs, method, path, status}]`. */
export async function simLog() {
  return simGet("/_sim/log");
}

/** Accepted (2xx) DELETEs per path: never more than one for any path. */
export function acceptedDeletes(log) {
  const counts = {};
  for (const r of log) {
    if (r.method === "DELETE" && r.status >= 200 && r.status < 300) counts[r.path.toLowerCase()] = (counts[r.path.toLowerCase()] || 0) + 1;
  }
  return counts;
}

export async function answerNoCommitment(page) {
  await page.getByLabel("No, there is no term commitment").check();
}

export async function tickFirstThree(page) {
  for (const n of [1, 2, 3]) {
    await tick(page, n).check();
    await expect(tick(page, n)).toBeChecked();
  }
}

/** Fails with the list of violations, so the report says what to fix. */
export async function expectNoAxeViolations(page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
}

/** What the page should say about an instant, computed here from the zone database (Node's,
 *  not the browser's), as an independent oracle. */
export function expectedDates(instant, zone) {
  const utc = new Date(instant);
  const [y, m] = [utc.getUTCFullYear(), utc.getUTCMonth()];
  const inUtc = (options) => new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", ...options });
  const local = new Date(instant + offsetAt(instant, zone) * 60_000);
  return {
    /** The billing month (UTC), e.g. "December 2026". */
    billingMonth: inUtc({ month: "long", year: "numeric" }).format(utc),
    /** The day the final invoice is expected from, e.g. "1 January 2027". */
    expectedFrom: inUtc({ day: "numeric", month: "long", year: "numeric" }).format(new Date(Date.UTC(y, m + 1, 1))),
    expectedFromIcs: new Date(Date.UTC(y, m + 1, 1)).toISOString().slice(0, 10).replaceAll("-", ""),
    /** The customer's calendar is in another month than UTC's. */
    localMonthDiffers: local.getUTCFullYear() !== y || local.getUTCMonth() !== m,
    /** The request time as the e-mail, the record and the calendar file say it. */
    described: describeTime(instant, zone),
    /** The confirmation reminder of the calendar file: an hour later, in UTC. */
    reminderIcs: new Date(instant + 3_600_000).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, ""),
  };
}

/** `2026-11-29 14:05 UTC (15:05 at UTC+01:00)`, as `closure::escalation::describe_time`. */
export function describeTime(instant, zone) {
  const iso = (ms) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");
  const utc = `${iso(instant)} UTC`;
  const offset = offsetAt(instant, zone);
  if (offset === 0) return utc;
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return `${utc} (${iso(instant + offset * 60_000)} at UTC${sign}${hhmm})`;
}
