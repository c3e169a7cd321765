// The live modes: the demo account in the page's own worker (with the network cut), a real connection to
// the simulator server from a page on another origin (CORS), and the login errors a customer
// can meet, each in words they can act on.
import { HOST_URL } from "./playwright.config.js";
import { test, expect, open, expectNoAxeViolations, tickFirstThree, signIn, tick, answerManualItems, simPost, simGet, simState, connect, startHeldRun, releaseQueue } from "./support.js";

const DOCS = `${HOST_URL}/docs/guides/closing/`;

test("the demo runs inside the page with the network cut", async ({ page, context }) => {
  // The checklist's first load never fetches the live tools or their styles, from the page or
  // its worker.
  const liveFile = /offboard-live-|\/(inventory|deletion)-[0-9a-f]+\.css$/;
  const live = [];
  context.on("request", (r) => liveFile.test(r.url()) && live.push(r.url()));
  await open(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect(page.getByLabel("No, there is no term commitment")).toBeVisible();
  expect(live).toEqual([]);
  const cached = await page.evaluate(async () => {
    const names = [];
    for (const key of await caches.keys()) for (const r of await (await caches.open(key)).keys()) names.push(r.url);
    return names;
  });
  expect(cached.length).toBeGreaterThan(0);
  expect(cached.filter((u) => liveFile.test(u))).toEqual([]);
  // Choosing the demo fetches them once (kept by the service worker) ...
  await page.getByRole("button", { name: "Try the demo account" }).click();
  await expect(page.getByTestId("identity")).toContainText("Demo account (simulated)");
  // ... with the keyboard focus still on the chosen mode.
  await expect(page.getByRole("button", { name: "Try the demo account" })).toBeFocused();
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
  // So with the network cut, the page reloads and the whole demo runs.
  await context.setOffline(true);
  await page.reload();
  await page.getByRole("button", { name: "Try the demo account" }).click();
  const identity = page.getByTestId("identity");
  await expect(identity).toContainText("Demo account (simulated)");
  await expect(page.getByTestId("alias")).toHaveText("DEMO");
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
  // Styled as online: the live tools' stylesheets were kept with them.
  await expect(page.locator(".ob-inv-scroll").first()).toHaveCSS("overflow-x", "auto");
  await context.setOffline(false);
});

test("the demo's simulator is fetched for the demo only, never for a real account", async ({ page, context, baseURL }) => {
  // Every request for the simulator's files (its worker script, glue and wasm), from the page,
  // its worker or the service worker.
  const sim = [];
  context.on("request", (r) => /offboard-sim-/.test(r.url()) && sim.push(new URL(r.url()).pathname));
  await open(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // A real account, read to the end, never asks for the simulator ...
  await signIn(page, baseURL.replace(/\/$/, ""), "demo", "demo-password");
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("deletion")).toBeVisible();
  expect(sim).toEqual([]);
  const cached = await page.evaluate(async () => {
    const names = [];
    for (const key of await caches.keys()) for (const r of await (await caches.open(key)).keys()) names.push(r.url);
    return names;
  });
  expect(cached.filter((u) => /offboard-sim-/.test(u))).toEqual([]);
  // ... and the demo, in another tab, fetches its three files.
  const demo = await context.newPage();
  await open(demo);
  await demo.getByRole("button", { name: "Try the demo account" }).click();
  await expect(demo.getByTestId("identity")).toContainText("Demo account (simulated)");
  await expect(demo.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
  for (const file of [/offboard-sim-[0-9a-f]+-worker\.js$/, /offboard-sim-[0-9a-f]+\.js$/, /offboard-sim-[0-9a-f]+_bg\.wasm$/]) {
    expect(sim.some((u) => file.test(u)), `${file} in ${JSON.stringify(sim)}`).toBe(true);
  }
});

test("connects to the simulator from another origin and signs in", async ({ page, baseURL }) => {
  const api = baseURL.replace(/\/$/, "");
  await page.goto(DOCS);
  await signIn(page, api, "demo", "demo-password");
  await expect(page.getByTestId("alias")).toHaveText("DEMO");
  await expect(page.getByTestId("identity")).toContainText("Token valid for");
  await expect(page.getByTestId("identity")).toContainText(api);
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
});

/** How many resources the table shows for one kind (the Kind filter's option label). */
async function shownOfKind(page, label) {
  await page.getByLabel("Kind", { exact: true }).selectOption({ label });
  const text = await page.getByTestId("inventory-showing").textContent();
  const m = text.match(/of ([\d,]+)/);
  return m ? Number(m[1].replace(/,/g, "")) : 0;
}

/** Waits until the table shows `n` resources of these kinds in all (it re-renders after the
 *  filter changes, so one read right after choosing a kind could still see the last one). */
async function expectShown(page, labels, n) {
  const sum = async () => {
    let all = 0;
    for (const label of labels) all += await shownOfKind(page, label);
    return all;
  };
  await expect.poll(sum).toBe(n);
}

test("what the page shows equals the simulator's account", async ({ page, baseURL }) => {
  const state = await simState();
  await page.goto(DOCS);
  await signIn(page, baseURL.replace(/\/$/, ""), "demo", "demo-password");
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("inventory-unread")).toHaveCount(0);
  const servers = state.servers.filter((s) => !s.isTemplate && s.status !== "archived").length;
  const archived = state.servers.filter((s) => s.status === "archived").length;
  const templates = state.servers.filter((s) => s.isTemplate).length;
  await expectShown(page, ["server"], servers);
  await expectShown(page, ["archived server"], archived);
  await expectShown(page, ["template"], templates);
  await expectShown(page, ["network"], state.networks.length);
  await expectShown(page, ["public IP"], state.publicIps.length);
  await expectShown(page, ["shared load balancer"], state.loadBalancers.length);
  await expectShown(page, ["site-to-site VPN"], state.vpns.length);
  await expectShown(page, ["group"], state.groups.length);
});

test("a part that could not be read is listed and left out of the totals; once the service answers, its Retry reads it in", async ({ page, baseURL }) => {
  const vpns = (await simState()).vpns.length;
  expect(vpns).toBeGreaterThan(0);
  // The list of site-to-site VPNs answers with a body that is not JSON until the fault is lifted.
  await simPost("/_sim/faults", { rules: [{ route: "/v2/siteToSiteVpn", method: "GET", fault: { kind: "malformed" } }] });
  await open(page);
  await connect(page, baseURL);
  // From here the page's clock moves only when the test moves it: the minute's reading of the
  // whole account cannot fill the part in, only Retry can. (Ten seconds ahead: pauseAt refuses
  // a time that has passed by the time it runs.)
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 10_000));
  const unread = page.getByTestId("inventory-unread");
  await expect(unread.getByRole("heading")).toHaveText("1 part of the account could not be read");
  await expect(unread.getByRole("listitem")).toContainText("Site-to-site VPNs");
  // The figures leave it out, and say they may be incomplete.
  const vpnCount = page.getByTestId("ob-inv-summary-kind").getByRole("row", { name: /^site-to-site VPN / }).getByRole("cell").first();
  await expect(vpnCount).toHaveText("0 may be incomplete");
  await expect(page.getByLabel("Kind", { exact: true }).locator("option", { hasText: /^site-to-site VPN$/ })).toHaveCount(0);
  const showing = page.getByTestId("inventory-showing");
  const total = (text) => Number(/of ([\d,]+)/.exec(text)[1].replace(/,/g, ""));
  const without = total(await showing.textContent());

  // "Data read …" is the scan's time, before the clock was moved.
  const readAt = page.getByTestId("inventory-age").locator("time").first();
  const scannedAt = await readAt.getAttribute("datetime");

  await simPost("/_sim/faults", {});
  await unread.getByRole("button", { name: "Retry reading site-to-site VPNs" }).click();
  await expect(unread).toHaveCount(0);
  await expect(vpnCount).toHaveText(String(vpns));
  await expect(showing).toHaveText(new RegExp(` of ${(without + vpns).toLocaleString("en-US")}$`));
  await expectShown(page, ["site-to-site VPN"], vpns);
  // The Retry read one part: the rest is as old as the scan, and the data's age still says so
  // (it once took the Retry's time, after the clock was moved, and old data read as fresh).
  await expect(readAt).toHaveAttribute("datetime", scannedAt);
});

test("10,000 servers render and filter in a page of under 3,000 elements, with no accessibility violations", async ({ page, baseURL }) => {
  test.setTimeout(420_000);
  await simPost("/_sim/reset", { scenario: "large:dcs=13,servers=10000,groups=600,ips=2000", seed: 1 });
  await open(page);
  await signIn(page, baseURL.replace(/\/$/, ""), "large", "large-password");
  await expect(page.getByTestId("scan-progress")).toBeVisible();
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 360_000 });
  const total = state => state.servers.length;
  const state = await simState();
  await expectShown(page, ["server", "archived server", "template"], total(state));
  // Every list proportional to the account is paged or summarised: with the dry-run plan on
  // screen, the whole page holds under 3,000 elements (a count, not a time).
  await expect(page.getByTestId("deletion-plan")).toBeVisible();
  expect(await page.evaluate(() => document.getElementsByTagName("*").length)).toBeLessThan(3000);
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "server" });
  // Narrow to one server by its name: the table answers while the page stays usable.
  const one = state.servers.find((s) => !s.isTemplate && s.status !== "archived");
  await page.getByLabel("Search by name or ID").fill(one.name);
  await expect(page.getByTestId("inventory-showing")).toContainText("of 1");
  await expect(page.getByTestId("inventory-table")).toContainText(one.name);
  await page.getByLabel("Search by name or ID").fill("");
  await expectNoAxeViolations(page);

  // The Service Task request for 10,000 servers is long: it starts closed behind a summary that
  // says how long it is, opens from the keyboard, and then shows and copies the whole text.
  const task = page.getByTestId("service-task");
  const whole = task.getByTestId("service-task-whole");
  const requestText = task.getByLabel("Service Task request");
  await expect(whole).toHaveCount(1);
  await expect(whole).not.toHaveAttribute("open");
  await expect(requestText).toHaveCount(1);
  await expect(requestText).toBeHidden();
  const summary = whole.locator("summary");
  await expect(summary).toHaveText(/^The whole request \([\d,]+ lines\)$/);
  // "Copy the request" copies the whole text while it is closed.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await task.getByRole("button", { name: "Copy the request" }).click();
  await expect(task.getByRole("status")).toHaveText("The request is copied.");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  await summary.focus();
  await page.keyboard.press("Enter");
  await expect(whole).toHaveAttribute("open", "");
  await expect(requestText).toBeVisible();
  const full = await requestText.inputValue();
  expect(copied).toBe(full);
  const lines = Number((await summary.textContent()).match(/\(([\d,]+) lines\)/)[1].replaceAll(",", ""));
  expect(full.split("\n").filter((l, i, all) => i < all.length - 1 || l !== "").length).toBe(lines);
  expect(state.servers.filter((s) => !full.includes(s.name))).toEqual([]);
  const cut = task.getByTestId("service-task-cut");
  await expect(task.getByRole("link", { name: /Send by e-mail to/ })).toHaveAttribute("aria-describedby", await cut.getAttribute("id"));
  await expectNoAxeViolations(page);
  // Space closes it again, and the closed box lets go of the text (a new reading every minute
  // would otherwise lay out a megabyte it does not show); opened again, it holds all of it.
  await summary.focus();
  await page.keyboard.press(" ");
  await expect(whole).not.toHaveAttribute("open");
  await expect(requestText).toHaveValue("");
  await page.keyboard.press("Enter");
  await expect(whole).toHaveAttribute("open", "");
  await expect(requestText).toHaveValue(full);
});

test("a wrong password shows the service's own message", async ({ page, baseURL }) => {
  await open(page);
  await signIn(page, baseURL.replace(/\/$/, ""), "demo", "not-the-password");
  await expect(page.getByTestId("connect-error")).toContainText("didn't recognize the username or password");
  // The password field was cleared, and nothing was kept.
  await expect(page.getByLabel("Password")).toHaveValue("");
  expect(await page.evaluate(() => sessionStorage.getItem("offboard.session"))).toBeNull();
});

test("an address that is not the CLC API is named as such", async ({ page, baseURL }) => {
  await open(page);
  await signIn(page, `${baseURL.replace(/\/$/, "")}/not-an-api`, "demo", "demo-password");
  await expect(page.getByTestId("connect-error")).toContainText("not the CenturyLink Cloud API");
});

test("an unreachable API explains the network and CORS possibilities", async ({ page }) => {
  await page.goto(DOCS);
  // Nothing listens on port 9 of the loopback address.
  await signIn(page, "http://127.0.0.1:9", "demo", "demo-password");
  const error = page.getByTestId("connect-error");
  await expect(error).toContainText("could not be reached");
  await expect(error).toContainText("proxy");
});

test("an expired token is refused with a clear message", async ({ page, baseURL, request }) => {
  // A token issued now, then every token issued until now declared expired.
  const login = await (await request.post("/v2/authentication/login", { data: { username: "demo", password: "demo-password" } })).json();
  const { nowMs } = await simGet("/_sim/health");
  await simPost("/_sim/faults", { expireTokensAtMs: nowMs });
  await open(page);
  await page.getByRole("button", { name: "Connect my account" }).click();
  await page.getByLabel("API address").fill(baseURL.replace(/\/$/, ""));
  await page.getByLabel("Sign in with").selectOption("token");
  await page.getByLabel("Account alias", { exact: true }).fill("DEMO");
  await page.getByLabel("Bearer token").fill(login.bearerToken);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByTestId("connect-error")).toContainText("Sign in again, or paste a fresh bearer token");
  // The token field was cleared, and the token appears nowhere on the page.
  await expect(page.getByLabel("Bearer token")).toHaveValue("");
  expect(await page.content()).not.toContain(login.bearerToken);
});

test("after the request the page keeps watching, and says when something bills again", async ({ page, baseURL, request }) => {
  test.setTimeout(180_000);
  // Before the page connects, one server (with no IPs or snapshots of its own) is deleted through
  // the API; resetting the simulator later brings it back, as if someone re-created it.
  const login = await request.post("/v2/authentication/login", { data: { username: "demo", password: "demo-password" } });
  const token = (await login.json()).bearerToken;
  const victim = (await simState()).servers.find((s) => !s.publicIps?.length && !s.snapshots?.length && s.status === "active");
  expect(victim).toBeTruthy();
  const del = await request.delete(`/v2/servers/DEMO/${victim.id}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(del.ok()).toBe(true);
  await expect.poll(async () => (await simState()).servers.some((s) => s.id === victim.id), { timeout: 30_000 }).toBe(false);

  await open(page);
  await signIn(page, baseURL.replace(/\/$/, ""), "demo", "demo-password");
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });

  // Steps 1 to 3 with what still bills explicitly accepted, then the request.
  await page.getByRole("button", { name: /Mark all .* listed: not needed/ }).click();
  await page.getByLabel("No, there is no term commitment").check();
  await tickFirstThree(page);
  await page.getByLabel("I accept that what remains keeps billing until the account is deleted").check();
  await answerManualItems(page);
  await page.getByRole("button", { name: /I have clicked "request to close"/ }).click();
  await expect(page.getByTestId("countdown")).toContainText("Waiting for the confirmation");
  // What was accepted is not news.
  await expect(page.getByTestId("billing-again")).toHaveCount(0);

  // The server comes back; the page's periodic re-read finds it within a minute, with no click.
  await simPost("/_sim/reset", { scenario: "demo", seed: 1 });
  expect((await simState()).servers.some((s) => s.id === victim.id)).toBe(true);
  await page.clock.fastForward(61_000);
  const alert = page.getByTestId("billing-again");
  await expect(alert).toBeVisible({ timeout: 30_000 });
  await expect(alert).toContainText("a resource that bills has appeared");
  await expect(alert.getByRole("listitem")).toHaveCount(1);
  await expect(alert.getByRole("listitem")).toContainText(victim.name);

  // After a reload and a new sign-in, the page still compares with what billed at the request:
  // the same one resource, not everything that was accepted.
  await page.reload();
  await signIn(page, baseURL.replace(/\/$/, ""), "demo", "demo-password");
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
  await expect(alert).toContainText("Since your request");
  await expect(alert.getByRole("listitem")).toHaveCount(1);
  await expect(alert.getByRole("listitem")).toContainText(victim.name);
});

test("no reading of the whole account starts while a deletion round is being driven; once it is paused, the minute's reading is back", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  // The account's list of data centers: the first read of every reading of the whole account,
  // and read by nothing else once signed in (the run reads only what it deletes).
  const readings = [];
  page.on("request", (r) => /\/v2\/datacenters\/DEMO\?/i.test(r.url()) && readings.push(r.url()));
  await startHeldRun(page, baseURL);
  const atStart = readings.length;
  // More than the minute between readings passes on the page's clock (every timer due in it
  // fires), the reading's age shows that time has passed, and one more task lets anything the
  // timers started begin.
  await page.clock.fastForward(61_000);
  await expect(page.getByTestId("inventory-age")).toContainText(/\d+ minutes? ago/);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  expect(readings.length).toBe(atStart);
  // Over an hour after the scan, with the round still driven (so still no reading), the age line
  // says which scan the figures are from instead of asking for a scan before deleting.
  const age = page.getByTestId("inventory-age");
  await page.clock.fastForward("01:00:00");
  await expect(age).toContainText(
    /Data read 1 hour ago\. These are the figures of the scan at \d\d:\d\d:\d\d\. The deletion under way checks each deletion with the service before it counts it gone, and the account is read again when the run finishes or is stopped\./,
  );
  await expect(age.locator(".ob-inv-stale")).toHaveCount(0);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  expect(readings.length).toBe(atStart);
  // A paused run is still open, but no round is driven: the old data asks for a scan again, and
  // a minute later the page reads the account again on its own.
  await page.getByTestId("deletion-run").getByRole("button", { name: "Pause" }).click();
  await expect(page.getByTestId("deletion-headline")).toContainText("Paused", { timeout: 60_000 });
  await expect(age.locator(".ob-inv-stale")).toHaveText("It may be out of date: scan again before you delete anything.");
  expect(readings.length).toBe(atStart);
  await page.clock.fastForward(61_000);
  await expect.poll(() => readings.length).toBe(atStart + 1);
  await releaseQueue();
});

test("API requests go to the network without the service worker, which still serves the app's own files", async ({ page, baseURL }) => {
  await open(page);
  // From here the worker controls the page (it claims it as it activates).
  await page.evaluate(async () => {
    const { serviceWorker } = navigator;
    await serviceWorker.ready;
    if (!serviceWorker.controller) await new Promise((resolve) => serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    // Every resource timing entry from here on, kept by an observer: the page's clock, which the
    // tests install, stands in for performance.getEntriesByType (returns none) and
    // setResourceTimingBufferSize (does nothing), so the browser's buffer keeps only 250.
    window.obResources = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.obResources.push({ url: e.name, workerStart: e.workerStart, source: e.workerMatchedSourceType });
    }).observe({ type: "resource" });
  });
  // Signed in and read: the live tools loaded (kept by the worker the first time) and a scan.
  await connect(page, baseURL);
  // Where the worker's static routes sent a request says its matched source: "network" without
  // a fetch event. (Chromium sets workerStart to when the routes were looked at, so it is not 0.)
  // An observer is told of entries later, in a task of its own: wait until the live tools' are in.
  const liveTools = /offboard-live-[0-9a-f]+(_bg\.wasm|\.js)$/;
  await expect.poll(() => page.evaluate((re) => window.obResources.filter((e) => new RegExp(re).test(e.url)).length, liveTools.source)).toBe(2);
  const entries = await page.evaluate(() => window.obResources);
  const api = entries.filter((e) => /^\/(v2|v2-experimental|rdbs|backup)\//.test(new URL(e.url).pathname));
  expect(api.length).toBeGreaterThan(20);
  expect(api.filter((e) => e.source !== "network")).toEqual([]);
  // The live tools went through the worker's fetch handler, which kept them for offline use.
  const live = entries.filter((e) => liveTools.test(e.url));
  expect(live.length).toBe(2);
  expect(live.filter((e) => e.source === "network" || e.workerStart === 0)).toEqual([]);
  const kept = await page.evaluate(async () => {
    const urls = [];
    for (const key of await caches.keys()) for (const r of await (await caches.open(key)).keys()) urls.push(r.url);
    return urls;
  });
  expect(live.filter((e) => !kept.includes(e.url))).toEqual([]);
});

test.describe("a request the API never answers", () => {
  // No service worker, so the test's network rule sees the page's API calls.
  test.use({ serviceWorkers: "block" });

  test("is abandoned after 20 seconds and read again, and the scan completes", async ({ page, baseURL }) => {
    await page.goto(DOCS);
    // The first read of a group gets no answer at all: the connection stays open, silent.
    const group = (url) => /^\/v2\/groups\/DEMO\//i.test(url.pathname);
    const held = [];
    const asked = [];
    await page.route(group, (route) => {
      asked.push(route.request().url());
      if (held.length === 0) held.push(route);
      else route.continue();
    });
    // Every failed group read, by URL. Other group reads still under way when the clock jumps
    // are abandoned too (they also passed 20 seconds) and read again: only the held one is counted.
    const failed = [];
    page.on("requestfailed", (r) => group(new URL(r.url())) && failed.push(r.url()));
    await signIn(page, baseURL.replace(/\/$/, ""), "demo", "demo-password");
    await expect.poll(() => held.length).toBe(1);
    const url = held[0].request().url();
    // The page waits, still reading (nothing is assumed about that group) ...
    await expect(page.getByTestId("scan-progress")).toBeVisible();
    await expect(page.getByTestId("inventory")).toHaveCount(0);
    // ... until the page's own 20-second limit passes: the request is abandoned and sent again.
    await page.clock.fastForward(20_001);
    await expect.poll(() => failed.filter((u) => u === url).length).toBe(1);
    await expect.poll(() => asked.filter((u) => u === url).length).toBe(2);
    await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("inventory-unread")).toHaveCount(0);
    await page.unroute(group);
  });
});

test.describe("when the live tools cannot be downloaded", () => {
  // No service worker, so the test's network rule sees every request.
  test.use({ serviceWorkers: "block" });

  for (const [part, live] of [
    ["their wasm", /offboard-live-[0-9a-f]+_bg\.wasm$/],
    ["their styles", /\/inventory-[0-9a-f]+\.css$/],
  ]) test(`(${part}) the page says so, the checklist keeps working, and Try again loads them`, async ({ page }) => {
    await open(page);
    await page.route(live, (route) => route.abort("internetdisconnected"));
    await page.getByRole("button", { name: "Try the demo account" }).click();
    const failed = page.getByTestId("live-load-failed");
    await expect(failed).toContainText("could not be loaded");
    await expect(failed).toHaveAttribute("role", "alert");
    // The checklist around it still answers.
    await page.getByLabel("No, there is no term commitment").check();
    await expect(page.getByLabel("No, there is no term commitment")).toBeChecked();
    await page.unroute(live);
    await failed.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByTestId("identity")).toContainText("Demo account (simulated)");
    // The choice made before the swap is still there, and the live tools are styled.
    await expect(page.getByLabel("No, there is no term commitment")).toBeChecked();
    await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
    await expect(page.locator(".ob-inv-scroll").first()).toHaveCSS("overflow-x", "auto");
  });
  test("if they fail to start, the checklist comes back as it was and says so", async ({ page }) => {
    // The live tools download and instantiate, then their start throws (as a trap in the wasm
    // would): injected into their JS glue, the one place a start failure can be caused from here.
    await page.route(/offboard-live-[0-9a-f]+\.js$/, async (route) => {
      const response = await route.fetch();
      const original = await response.text();
      const entry = "export function mount_live(mode) {";
      expect(original).toContain(entry);
      const body = original.replace(entry, `${entry} throw new Error("injected start failure");`);
      await route.fulfill({ response, body });
    });
    await open(page);
    await page.getByLabel("No, there is no term commitment").check();
    await tick(page, 1).check();
    await page.getByRole("button", { name: "Try the demo account" }).click();
    await expect(page.getByRole("status").filter({ hasText: "could not start (injected start failure)" })).toBeVisible();
    // The button pressed is gone: the keyboard focus is on the notice that says why.
    const notice = page.getByRole("listitem").filter({ hasText: "could not start" });
    await expect(notice).toBeFocused();
    // Dismissed, it leaves the focus on the page's heading, not nowhere.
    await notice.getByRole("button", { name: "Dismiss" }).press("Enter");
    await expect(notice).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
    // Nothing the user did was lost, the live tools did not take the page, and the checklist
    // still answers.
    await expect(page.getByLabel("No, there is no term commitment")).toBeChecked();
    await expect(tick(page, 1)).toBeChecked();
    await expect(page.getByTestId("identity")).toHaveCount(0);
    await tick(page, 2).check();
    await expect(tick(page, 2)).toBeChecked();
    await expectNoAxeViolations(page);
  });
});

test.describe("when the demo's simulator cannot be loaded", () => {
  // No service worker, so the test's network rule sees every request.
  test.use({ serviceWorkers: "block" });

  for (const [what, file] of [
    ["its worker script", /offboard-sim-[0-9a-f]+-worker\.js$/],
    ["its wasm", /offboard-sim-[0-9a-f]+_bg\.wasm$/],
  ]) {
    test(`(${what}) the demo says so in words, and the checklist keeps working`, async ({ page, context }) => {
      await context.route(file, (route) => route.abort("internetdisconnected"));
      await open(page);
      await page.getByRole("button", { name: "Try the demo account" }).click();
      await expect(page.getByText(/The demo could not start \(the demo's simulator stopped: its files? could not be loaded/)).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId("identity")).toHaveCount(0);
      await page.getByLabel("No, there is no term commitment").check();
      await expect(page.getByLabel("No, there is no term commitment")).toBeChecked();
    });
  }
});

test("with storage refused, the checklist's answers and notice survive the switch to the demo", async ({ page }) => {
  // Private modes and some host pages refuse storage: nothing the user did may be lost when the
  // live tools take over the page.
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  });
  await open(page);
  await expect(page.getByText("does not let the page store data").first()).toBeVisible();
  await page.getByLabel("No, there is no term commitment").check();
  await page.getByLabel(/Account alias/).fill("ACME");
  await page.getByRole("button", { name: "Try the demo account" }).click();
  await expect(page.getByTestId("identity")).toContainText("Demo account (simulated)");
  await expect(page.getByLabel("No, there is no term commitment")).toBeChecked();
  await expect(page.getByLabel(/Account alias/)).toHaveValue("ACME");
  await expect(page.getByText("does not let the page store data").first()).toBeVisible();
});
