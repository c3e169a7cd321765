// The deletion run's safety through the real page, where a browser is the point: a duplicated
// tab (window.open copies sessionStorage), a redirect answering a DELETE and a read, hostile names
// from the account, browser storage full before and during a run, data not marked in step 2,
// and an unfinished run after a reload. What reached the simulator is read from its own log.
import http from "node:http";
import { test, expect, connect, markAllNotNeeded, confirmDeletion, holdQueue, releaseQueue, simPost, simGet, simLog, acceptedDeletes, tick, expectNoAxeViolations, startHeldRun, addSubAccount } from "./support.js";

async function openApp(page) {
  await page.goto("./");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

/** The head of a journal another version wrote, which this one cannot read. */
const FOREIGN = '{"schema":"offboard.journal","version":9,"count":1}';

/** DEMO's journal, as another version left it, in localStorage once per tab (not again on a
 *  reload, so what the page does to it stays). */
async function seedForeignJournal(page) {
  await page.addInitScript((head) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("offboard.journal.DEMO", head);
      localStorage.setItem("offboard.journal.DEMO.0", '{"v":9,"seq":0}');
      sessionStorage.setItem("seeded", "1");
    }
  }, FOREIGN);
}

/** Another tab of this browser takes `alias`'s run lock, as a run signed in as `alias` would,
 *  and keeps it: the callback's promise never settles. */
async function holdRunElsewhere(context, alias) {
  const other = await context.newPage();
  await openApp(other);
  await other.evaluate((name) => new Promise((granted) => {
    navigator.locks.request(name, () => {
      granted();
      return new Promise(() => {});
    });
  }), `offboard.run.${alias}`);
}

function expectNoDeleteTwice(log) {
  for (const [path, count] of Object.entries(acceptedDeletes(log))) expect(count, `${path} accepted ${count} times`).toBe(1);
}

test("a duplicated tab sees the run as another tab's and never sends", async ({ page, context, baseURL }) => {
  test.setTimeout(240_000);
  await openApp(page);
  await connect(page, baseURL);
  await markAllNotNeeded(page);
  await holdQueue();
  await confirmDeletion(page);
  await expect(page.getByTestId("deletion-steps")).toBeVisible({ timeout: 20_000 });

  // window.open of the same page: the new tab starts with a copy of this tab's sessionStorage,
  // so the journal's owner id is the same. The run's Web Lock is not.
  const [other] = await Promise.all([context.waitForEvent("page"), page.evaluate(() => window.open(location.href))]);
  await expect(other.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await other.evaluate(() => sessionStorage.getItem("offboard.tab-owner"))).toBe(await page.evaluate(() => sessionStorage.getItem("offboard.tab-owner")));
  await connect(other, baseURL);
  await expect(other.getByTestId("deletion-other-tab")).toContainText("in progress in another tab");
  await expect(other.getByRole("button", { name: "Resume the deletion run" })).toHaveCount(0);
  await expect(other.getByRole("button", { name: "Delete these resources…" })).toHaveCount(0);

  await releaseQueue();
  await expect(page.getByTestId("deletion-ledger")).toContainText("Nothing that bills is left", { timeout: 180_000 });
  expectNoDeleteTwice(await simLog());
});

test("a redirect answering a DELETE is not followed, and the step says why", async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  await openApp(page);
  await connect(page, baseURL);
  await markAllNotNeeded(page);
  const elsewhere = "/v2/servers/DEMO/va1demoelsewhere";
  const redirect = { route: "/v2/**", method: "DELETE", times: 1, fault: { kind: "redirect", status: 307, location: elsewhere } };
  await simPost("/_sim/faults", { rules: [redirect] });
  await confirmDeletion(page);
  const failed = page.getByTestId("deletion-steps").locator("tr[data-status='failed']");
  await expect(failed.first()).toContainText("redirect", { timeout: 120_000 });
  await expect(page.getByTestId("deletion-headline")).toContainText("Some steps failed", { timeout: 180_000 });
  const log = await simLog();
  expect(log.filter((r) => r.path.toLowerCase() === elsewhere.toLowerCase())).toEqual([]);
  expect(log.filter((r) => r.status === 307)).toHaveLength(1);
  expectNoDeleteTwice(log);
});

test("a redirect answering a read is not followed, and the page says so", async ({ page, baseURL }) => {
  // Another origin that counts what reaches it: a followed redirect (with the token) would.
  const hits = [];
  const elsewhere = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url} ${req.headers.authorization ? "with a token" : ""}`);
    res.end("{}");
  });
  await new Promise((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
  const target = `http://127.0.0.1:${elsewhere.address().port}/v2/datacenters/DEMO`;
  try {
    await openApp(page);
    const redirect = { route: "/v2/datacenters/*", method: "GET", fault: { kind: "redirect", status: 307, location: target } };
    await simPost("/_sim/faults", { rules: [redirect] });
    await page.getByRole("button", { name: "Connect my account" }).click();
    await page.getByLabel("API address").fill(baseURL.replace(/\/$/, ""));
    await page.getByLabel("User name").fill("demo");
    await page.getByLabel("Password").fill("demo-password");
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(page.getByTestId("connect-error")).toContainText("redirect");
    expect(hits).toEqual([]);
  } finally {
    elsewhere.close();
  }
});

test("hostile names stay text, set apart, with their ids beside them", async ({ page, baseURL }) => {
  // 39.6 s and 49.1 s with two workers (cargo xtask test --only e2e, twice, the machine shared
  // with other builds), 71.1 s with one beside a whole second e2e run: over the 60 s default.
  test.setTimeout(180_000);
  const rtl = "\u202Egnp.exe";
  const html = '<img src=x onerror="window.__pwned=1">';
  const long = "L".repeat(10_000);
  await simPost("/_sim/plant", { names: { va1demoweb01: rtl, va1demoweb02: html, va1demodb01: long } });
  await openApp(page);
  await connect(page, baseURL);
  await markAllNotNeeded(page);
  await expect(page.getByTestId("deletion-plan")).toBeVisible();
  // Each name sits in its own <bdi> in the plan, its id right after it; none becomes markup.
  // What goes with a group is named once its details are opened.
  for (const summary of await page.locator("[data-testid='deletion-plan'] details > summary", { hasText: "With it" }).all()) await summary.click();
  const named = () =>
    page.evaluate(() =>
      [...document.querySelectorAll("[data-testid='deletion-plan'] bdi")].map((b) => [b.textContent, b.nextElementSibling?.textContent ?? ""]),
    );
  for (const [id, name] of [["va1demoweb01", rtl], ["va1demoweb02", html]]) {
    await expect.poll(async () => (await named()).some(([text, next]) => text === name && next === `(${id})`), { message: `${id} in a <bdi> with its id` }).toBe(true);
  }
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await page.locator("img[src='x']").count()).toBe(0);
  // A 10,000-character name does not fill the journal: the plan's labels are capped.
  await holdQueue();
  await confirmDeletion(page);
  await expect(page.getByTestId("deletion-steps")).toBeVisible({ timeout: 20_000 });
  const longest = await page.evaluate(() => Math.max(...Object.keys(localStorage).filter((k) => k.startsWith("offboard.journal.DEMO.")).map((k) => localStorage.getItem(k).length)));
  expect(longest).toBeLessThan(60_000);
  await releaseQueue();
  await expectNoAxeViolations(page);
});

/** Fills this origin's localStorage to the last byte (the quota is per origin): chunks that
 *  halve in size each time the browser refuses one, down to one character. */
async function fillStorage(page) {
  return page.evaluate(() => {
    let size = 256 * 1024;
    let i = 0;
    while (size >= 1) {
      try {
        localStorage.setItem(`filler.${i++}`, "x".repeat(size));
      } catch {
        size = Math.floor(size / 2);
      }
    }
    return i;
  });
}

test("with storage full before a run, nothing is sent and the page says why", async ({ page, baseURL }) => {
  await openApp(page);
  await connect(page, baseURL);
  await markAllNotNeeded(page);
  await fillStorage(page);
  await confirmDeletion(page);
  await expect(page.getByTestId("deletion-error")).toContainText("could not be saved", { timeout: 30_000 });
  expect((await simLog()).filter((r) => r.method === "DELETE")).toEqual([]);
});

test("a run that touches a sub-account another tab is deleting from does not start, and says which", async ({ page, context, baseURL }) => {
  // Another tab of this browser holds DEMS's run lock (as a run signed in as DEMS would), and
  // keeps it: the callback's promise never settles.
  await holdRunElsewhere(context, "DEMS");
  await openApp(page);
  await connect(page, baseURL);
  // DEMO's user lists its sub-account DEMS: the plan now deletes from both.
  await addSubAccount(page, "dems");
  await markAllNotNeeded(page);
  await expect(page.getByTestId("deletion-plan")).toContainText("DEMS", { timeout: 30_000 });
  await confirmDeletion(page);
  await expect(page.getByTestId("deletion-error")).toContainText("A deletion in another tab is working on DEMS", { timeout: 30_000 });
  // All or none: DEMO's lock, taken first, was let go; nothing was sent or journaled.
  const held = await page.evaluate(async () => (await navigator.locks.query()).held.map((l) => l.name));
  expect(held).toEqual(["offboard.run.DEMS"]);
  expect((await simLog()).filter((r) => r.method === "DELETE")).toEqual([]);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("offboard.journal.")))).toEqual([]);
});

test("another tab's run of a listed sub-account blocks setting the journal aside and shows on sign-in", async ({ page, context, baseURL }) => {
  await seedForeignJournal(page);
  await openApp(page);
  await connect(page, baseURL);
  await addSubAccount(page, "dems");
  const unreadable = page.getByTestId("deletion-unreadable");
  await expect(unreadable).toContainText("another version");

  // Now another tab starts a run signed in as DEMS: it holds DEMS's run lock and keeps it.
  await holdRunElsewhere(context, "DEMS");
  await unreadable.getByRole("button", { name: "Set it aside and plan again" }).click();
  await expect(page.getByTestId("deletion-error")).toContainText("Another tab or window of this browser is running this closure");
  expect(await page.evaluate(() => localStorage.getItem("offboard.journal.DEMO"))).toBe(FOREIGN);

  // Signed in again (DEMS is still listed), the journal's look names the other tab's run.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await connect(page, baseURL);
  await expect(page.getByTestId("ob-sub-live")).toContainText("DEMS", { timeout: 30_000 });
  await expect(page.getByTestId("deletion-other-tab")).toContainText("in progress in another tab", { timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Set it aside and plan again" })).toHaveCount(0);
});

test("with storage full during a run, nothing more is sent; freed, it resumes without repeating a delete", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  await startHeldRun(page, baseURL);
  await fillStorage(page);
  await expect(page.getByTestId("deletion-error")).toContainText("could not be saved", { timeout: 60_000 });
  const sentWhenFull = (await simLog()).filter((r) => r.method === "DELETE").length;
  // Whatever is under way finishes; nothing new is sent while the journal cannot be written.
  await releaseQueue();
  await page.clock.fastForward(60_000);
  expect((await simLog()).filter((r) => r.method === "DELETE").length).toBe(sentWhenFull);

  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("filler.")).forEach((k) => localStorage.removeItem(k)));
  await page.getByTestId("deletion-run").getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("deletion-ledger")).toContainText("Nothing that bills is left", { timeout: 240_000 });
  expectNoDeleteTwice(await simLog());
});

test("data not marked in step 2 stays, unless the one box says otherwise, and the confirmation repeats it", async ({ page, baseURL }) => {
  await openApp(page);
  await connect(page, baseURL);
  const plan = page.getByTestId("deletion-plan");
  const held = page.getByTestId("deletion-exclusions").locator("tr[data-reason='data-not-marked']");
  await expect(held.first()).toBeVisible();
  expect(await held.count()).toBeGreaterThan(0);
  await expect(held.first().getByRole("link", { name: "Mark it in step 2" })).toHaveAttribute("href", "#ob-step-2");
  // The confirmation of this plan says the unmarked data is kept.
  await plan.getByRole("button", { name: "Delete these resources…" }).click();
  await expect(page.getByTestId("deletion-confirm-unmarked")).toContainText("kept out of this run");
  await page.getByRole("button", { name: "Back to the plan" }).click();
  // One explicit box deletes it too, and the confirmation says so in words.
  await page.getByLabel(/Delete data not marked in step 2 too/).check();
  await expect(held).toHaveCount(0);
  await plan.getByRole("button", { name: "Delete these resources…" }).click();
  await expect(page.getByTestId("deletion-confirm-unmarked")).toContainText("will be deleted with their data");
  await page.getByRole("button", { name: "Back to the plan" }).click();
  // Any single step can be kept for now, and put back.
  const first = page.locator("[data-testid='deletion-plan'] tr[data-step]").first();
  const id = await first.getAttribute("data-step");
  await first.getByRole("button", { name: /^Keep for now/ }).click();
  await expect(page.locator(`[data-testid='deletion-plan'] tr[data-step='${id}']`)).toHaveCount(0);
  await page.getByTestId("deletion-exclusions").locator("tr[data-reason='kept-for-now']").getByRole("button", { name: "Put it back in the plan" }).click();
  await expect(page.locator(`[data-testid='deletion-plan'] tr[data-step='${id}']`)).toHaveCount(1);
  expect((await simLog()).filter((r) => r.method === "DELETE")).toEqual([]);
});

test("after a reload mid-run, 'Not now' leaves step 3 unticked and step 4 locked, with a link to the run", async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  await openApp(page);
  await connect(page, baseURL);
  await markAllNotNeeded(page);
  await holdQueue();
  await confirmDeletion(page);
  await expect(page.getByTestId("deletion-steps")).toBeVisible({ timeout: 20_000 });
  await page.reload();
  await expect(page.getByTestId("unfinished-run")).toContainText("DEMO");
  await page.getByRole("button", { name: "Not now" }).click();
  await page.getByLabel("No, there is no term commitment").check();
  await tick(page, 1).check();
  await tick(page, 2).check();
  await expect(tick(page, 3)).toBeDisabled();
  await expect(page.locator("#ob-step-3-hint")).toContainText("A deletion run has not finished");
  const lock = page.getByTestId("gate-locked");
  await expect(lock).toContainText("DEMO has not finished");
  await expect(lock.getByRole("link").filter({ hasText: "has not finished" })).toHaveAttribute("href", "#ob-live");
  await expect(page.getByRole("button", { name: /I have clicked "request to close"/ })).toBeDisabled();
  await releaseQueue();
});

test("a journal this version cannot read is set aside, unchanged, instead of blocking the account", async ({ page, baseURL }) => {
  await seedForeignJournal(page);
  await openApp(page);
  await connect(page, baseURL);
  const unreadable = page.getByTestId("deletion-unreadable");
  await expect(unreadable).toContainText("another version");
  await unreadable.getByRole("button", { name: "Set it aside and plan again" }).click();
  await expect(page.getByTestId("deletion-plan")).toBeVisible();
  await expect(page.getByTestId("deletion-error")).toContainText("kept unchanged");
  const kept = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("offboard.journal-set-aside.DEMO."))
      .map((k) => JSON.parse(localStorage.getItem(k))),
  );
  expect(kept).toHaveLength(1);
  expect(kept[0].head).toBe(FOREIGN);
  expect(kept[0].records).toEqual(['{"v":9,"seq":0}']);
  expect(await page.evaluate(() => localStorage.getItem("offboard.journal.DEMO"))).toBeNull();
});

test("a token kept for the tab is forgotten once the service refuses it", async ({ page, baseURL }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Connect my account" }).click();
  await page.getByLabel("API address").fill(baseURL.replace(/\/$/, ""));
  await page.getByLabel("User name").fill("demo");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByLabel(/Keep me connected/).check();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => sessionStorage.getItem("offboard.session"))).not.toBeNull();
  // Every token issued so far is refused from now on (as after a password change).
  const { nowMs } = await simGet("/_sim/health");
  await simPost("/_sim/faults", { expireTokensAtMs: nowMs });
  await page.reload();
  await page.getByRole("button", { name: "Connect my account" }).click();
  await expect(page.getByText(/Your session has ended or the token was not accepted/).first()).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => page.evaluate(() => sessionStorage.getItem("offboard.session"))).toBeNull();
});

test("a tab that kept its session comes back connected after a reload, with no click", async ({ page, baseURL }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Connect my account" }).click();
  await page.getByLabel("API address").fill(baseURL.replace(/\/$/, ""));
  await page.getByLabel("User name").fill("demo");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByLabel(/Keep me connected/).check();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
  await page.reload();
  await expect(page.getByRole("button", { name: "Connect my account" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("mode")).toContainText("Connected mode");
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
});

test.describe("an unfinished run, on connecting again", () => {
  // No service worker, so the test's network rule sees the page's API calls.
  test.use({ serviceWorkers: "block" });

  test("is offered at once with what it will do, and resumes by itself when the account is read", async ({ page, baseURL }) => {
    test.setTimeout(420_000);
    await startHeldRun(page, baseURL);

    // After the reload, the reads of a group are held until the test lets them go: the account
    // is still being read. A read the page gives up on (20 s on a slow machine) and sends again
    // is held too, so the account cannot finish reading before the offer is pressed.
    const group = (url) => /^\/v2\/groups\/DEMO\//i.test(url.pathname);
    const held = [];
    let released = false;
    await page.route(group, (route) => (released ? route.continue() : held.push(route)));
    await page.reload();
    await expect(page.getByTestId("unfinished-run")).toContainText("DEMO");
    await page.getByRole("button", { name: "Connect to resume it" }).click();
    await page.getByLabel("API address").fill(baseURL.replace(/\/$/, ""));
    await page.getByLabel("User name").fill("demo");
    await page.getByLabel("Password").fill("demo-password");
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect.poll(() => held.length).toBeGreaterThan(0);

    // Offered while the account is read, with what resuming does.
    const early = page.getByTestId("deletion-found-early");
    await expect(early).toContainText("deletion run for account DEMO that has not finished");
    await expect(early.getByTestId("deletion-resume-will")).toContainText(/Resuming first follows the \d+ deletes? the service accepted; (it is|they are) never sent again/);
    await expect(page.getByTestId("scan-progress")).toBeVisible();
    await expect(page.getByTestId("inventory")).toHaveCount(0);
    await early.getByRole("button", { name: "Resume the deletion run (after the account is read)" }).click();
    await expect(early.getByTestId("deletion-resume-chosen")).toContainText("resumes by itself as soon as the account is read");

    // The read ends: the run resumes with no second press, and finishes without sending a delete twice.
    released = true;
    for (const route of held) await route.continue().catch(() => {});
    await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("deletion-run")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("button", { name: "Resume the deletion run" })).toHaveCount(0);
    await releaseQueue();
    await expect(page.getByTestId("deletion-ledger")).toBeVisible({ timeout: 360_000 });
    expectNoDeleteTwice(await simLog());
  });
});
