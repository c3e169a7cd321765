// Delete what bills, through the page, against the simulator server (real HTTP, queue
// operations that take seconds): the dry run, the typed alias, the countdown, a reload in the
// middle of the run and resuming it, and the account left holding only what the plan keeps
// (free primary networks, system groups); a cancelled countdown sends nothing; a wrong alias
// is refused.
import fs from "node:fs";
import { test, expect, expectNoAxeViolations, connect as signedIn, markAllNotNeeded, answerManualItems, confirmDeletion as confirm, holdQueue, releaseQueue, startHeldRun, simPost, simState, removable, ledgerLines } from "./support.js";

/** Loads (or reloads) the app and waits until it has rendered. */
async function open(page, how = (p) => p.goto("./")) {
  await how(page);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

/** Connects as a customer would, and marks every resource with data "not needed" (step 2), so
 *  the default plan is the whole account. */
async function connect(page, baseURL) {
  await signedIn(page, baseURL);
  await markAllNotNeeded(page);
}

test("deletes everything that bills, survives a reload mid-run, and leaves only the exclusions", async ({ page, baseURL }) => {
  test.setTimeout(420_000);
  const api = baseURL.replace(/\/$/, "");
  await open(page);
  await connect(page, baseURL);
  const deletion = page.getByTestId("deletion");

  // The dry run: the whole plan, and what stays with the reason.
  await expect(deletion.getByTestId("deletion-summary")).toContainText("Resources removed");
  const kept = deletion.getByTestId("deletion-exclusions");
  await expect(kept).toContainText("free primary network");
  await expect(kept).toContainText("system group");
  const keptNames = await kept.locator("tbody th bdi").allTextContents();
  // The demo's server queued for delete is followed, its server being built waited for: both
  // are steps of the plan (they finish a minute after the reset, long after this scan).
  await expect(deletion.locator("tr", { hasText: "GB3DEMORETIRE01" })).toContainText("already being deleted: followed until gone");
  await expect(deletion.locator("tr", { hasText: "GB3DEMOBUILD01" })).toContainText("being built: deleted once the build finishes");
  await expectNoAxeViolations(page);

  // Held until the reload below has happened and the run is resumed.
  await holdQueue();
  await confirm(page);
  const countdown = page.getByTestId("deletion-countdown");
  await expect(countdown).toBeVisible();
  await expect(countdown.getByRole("button", { name: "Cancel" })).toBeFocused();
  const identity = page.getByTestId("deletion-identity");
  await expect(identity).toContainText("DEMO");
  await expect(identity).toContainText(api);
  await expect(identity).toContainText("Real account");

  // The run starts at zero; steps go through their states, queue operations show their id.
  const steps = page.getByTestId("deletion-steps");
  await expect(steps).toBeVisible({ timeout: 20_000 });
  await expect(identity).toContainText("DEMO");
  // (Not every step goes through the queue: a public IP's release, say, has no operation.)
  await expect(steps.locator("tr[data-status='queued'], tr[data-status='executing']").filter({ hasText: "operation" }).first()).toBeVisible({ timeout: 60_000 });
  await expectNoAxeViolations(page);

  // A reload in the middle: the journal is found, and resuming never re-sends accepted deletes.
  await open(page, (p) => p.reload());
  // The first thing the reloaded page says: a run did not finish, and how to resume it.
  await expect(page.getByTestId("unfinished-run")).toContainText("DEMO");
  await connect(page, baseURL);
  await expect(deletion.getByTestId("deletion-found")).toContainText("unfinished deletion run");
  await deletion.getByRole("button", { name: "Resume the deletion run" }).click();
  await expect(page.getByTestId("deletion-run")).toBeVisible();
  await releaseQueue();

  const ledger = page.getByTestId("deletion-ledger");
  await expect(ledger).toBeVisible({ timeout: 360_000 });
  await expect(ledger.getByTestId("ledger-failed")).toHaveText("0");
  await expect(ledger).toContainText("Nothing that bills is left");
  await expect(ledger.getByRole("heading", { level: 4 })).toBeFocused();

  const after = await simState();
  expect(after.servers).toEqual([]);
  expect(after.loadBalancers).toEqual([]);
  expect(after.vpns).toEqual([]);
  expect(after.rdbs).toEqual([]);
  expect(after.firewallPolicies).toEqual([]);
  expect(after.crossDcFirewallPolicies).toEqual([]);
  expect(after.backup.serverPolicies).toEqual([]);
  expect(after.publicIps).toEqual([]);
  // Only the exclusions stay: each data center's root and system groups and its free primary
  // network, plus empty groups (free, not chosen), each listed with its reason in the dry run.
  expect(after.groups.length).toBeGreaterThan(0);
  expect(after.groups.filter((g) => !g.system && g.parentId && g.servers > 0)).toEqual([]);
  expect(after.groups.map((g) => g.name).filter((n) => !keptNames.includes(n))).toEqual([]);
  expect(after.networks.length).toBeGreaterThan(0);
  expect(after.networks.filter((n) => !n.primary)).toEqual([]);
  expect(after.networks.map((n) => n.name).filter((n) => !keptNames.includes(n))).toEqual([]);

  // Step 4 unlocks once the re-read finds nothing billable: the request is recorded, the
  // countdown runs, and the closure record lists the deletions.
  await page.getByLabel("No, there is no term commitment").check();
  await answerManualItems(page);
  const record = page.getByRole("button", { name: /I have clicked "request to close"/ });
  await expect(record).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByTestId("gate-locked")).toHaveCount(0);
  await record.click();
  await expect(page.getByTestId("countdown")).toContainText("Waiting for the confirmation");
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download as JSON" }).click()]);
  const report = JSON.parse(fs.readFileSync(await file.path(), "utf8"));
  expect(report.schema).toBe("offboard.report");
  expect(JSON.stringify(report)).not.toMatch(/bearer/i);
  expect(JSON.stringify(report.deletions)).toContain("removed");
  // No delete was accepted twice: every queue operation is a different deletion.
  const whats = after.operations.map((o) => o.what);
  expect(new Set(whats).size).toBe(whats.length);

  // Every deletion is in the record with its operation id (the simulator's own) and its times.
  const records = report.deletions.records;
  expect(records.length).toBeGreaterThan(0);
  const simOps = new Set(after.operations.map((o) => String(o.id)));
  const withId = records.filter((r) => r.operationId);
  // The delete requested before the run was followed, not sent: removed, with no request of
  // this run and no operation id.
  const followed = records.find((r) => r.resource.id === "gb3demoretire01");
  expect(followed).toMatchObject({ outcome: "removed", requestedAt: null, operationId: null });
  const sent = records.filter((r) => r.requestedAt !== null);
  // Servers and groups this run sent go through the queue: their ids are the simulator's.
  const queued = sent.filter((r) => ["server", "group"].includes(r.resource.kind));
  expect(queued.length).toBeGreaterThan(0);
  for (const r of queued) expect(simOps.has(r.operationId), `${r.operationId} is a queue operation`).toBe(true);
  for (const r of sent.filter((r) => r.outcome === "removed")) {
    expect(r.requestedAt).toBeLessThanOrEqual(r.finishedAt);
  }
  await page.getByRole("button", { name: "Show the record" }).click();
  const table = page.getByTestId("record").getByRole("table");
  // The demo's deletions fit on one page of the table (subaccounts-large.spec pages it).
  expect(records.length).toBeLessThanOrEqual(25);
  await expect(table.locator("tbody tr")).toHaveCount(records.length);
  await expect(table).toContainText(withId[0].operationId);

  // On paper the record fits A4 and Letter: nothing wider than the printable width (page minus
  // the 15 mm margins at 96 dpi), and the PDFs are kept as artefacts.
  await page.evaluate(() => document.body.classList.add("ob-print-record"));
  await page.emulateMedia({ media: "print" });
  for (const [format, widthMm] of [["A4", 210], ["Letter", 215.9]]) {
    const printable = Math.floor(((widthMm - 30) / 25.4) * 96);
    await page.setViewportSize({ width: printable, height: 1000 });
    const overflow = await page.evaluate(() => {
      const root = document.scrollingElement;
      const wide = [...document.querySelectorAll(".ob-report, .ob-report *")]
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
        .map((el) => el.tagName + "." + el.className);
      return { scroll: root.scrollWidth, client: root.clientWidth, wide: wide.slice(0, 5) };
    });
    expect(overflow.wide, `${format}: nothing sticks out`).toEqual([]);
    expect(overflow.scroll, `${format}: no sideways scrolling`).toBeLessThanOrEqual(overflow.client);
    await page.pdf({ path: `artifacts/record-${format.toLowerCase()}.pdf`, format, printBackground: false });
  }
  await page.emulateMedia({ media: "screen" });
});

test("a cancelled countdown sends nothing", async ({ page, baseURL }) => {
  await open(page);
  await connect(page, baseURL);
  const before = removable(await simState());
  // From here the page's clock moves only when the test moves it: the countdown cannot run out
  // on a slow machine before Cancel is pressed, and it shows exact seconds.
  // (Ten seconds ahead: pauseAt refuses a time that has passed by the time it runs.)
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 10_000));
  await confirm(page, "DEMO");
  const countdown = page.getByTestId("deletion-countdown");
  await expect(countdown.getByTestId("deletion-seconds")).toHaveText("10");
  await page.clock.fastForward(4_000);
  await expect(countdown.getByTestId("deletion-seconds")).toHaveText("6");
  await countdown.getByRole("button", { name: "Cancel" }).click();
  await expect(countdown).toHaveCount(0);
  await expect(page.getByTestId("deletion-plan")).toBeVisible();
  // Past the moment it would have started: still nothing.
  await page.clock.fastForward(15_000);
  await expect(page.getByTestId("deletion-run")).toHaveCount(0);
  expect(removable(await simState())).toEqual(before);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("offboard.journal.")))).toEqual([]);
});

test("the confirmation refuses a wrong alias", async ({ page, baseURL }) => {
  // 33.1 s and 29.2 s with two workers (cargo xtask test --only e2e, twice, the machine shared
  // with other builds), 50.4 s with one beside a whole second e2e run: near the 60 s default.
  test.setTimeout(180_000);
  await open(page);
  await connect(page, baseURL);
  const before = removable(await simState());
  await confirm(page, "DEMO2");
  const error = page.getByTestId("deletion-alias-error");
  await expect(error).toContainText("not this account's alias");
  await expect(page.getByTestId("deletion-countdown")).toHaveCount(0);
  await expect(page.getByLabel("Type the account alias (DEMO) to confirm")).toBeFocused();
  await expectNoAxeViolations(page);
  // Hostile or not, what the customer typed is not the alias; a near miss is refused too.
  await page.getByLabel("Type the account alias (DEMO) to confirm").fill("<b>DEMO</b>");
  await page.getByRole("button", { name: "Confirm and start the 10-second countdown" }).click();
  await expect(error).toBeVisible();
  await expect(page.getByTestId("deletion-countdown")).toHaveCount(0);
  expect(removable(await simState())).toEqual(before);
});

test("failed steps say why and are retried on their own", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  await open(page);
  await connect(page, baseURL);
  // Every queue operation on a user group or a server ends `failed` until the fault is lifted.
  const state = await simState();
  const subjects = [
    ...state.groups.filter((g) => !g.system && g.parentId).map((g) => g.id),
    ...state.servers.map((s) => s.id),
  ];
  await simPost("/_sim/faults", { failOperationsFor: subjects });
  await confirm(page);
  const steps = page.getByTestId("deletion-steps");
  await expect(page.getByTestId("deletion-headline")).toContainText("Some steps failed", { timeout: 180_000 });
  const failed = steps.locator("tr[data-status='failed']");
  const ids = await failed.evaluateAll((rows) => rows.map((r) => r.dataset.step));
  expect(ids.length).toBeGreaterThan(0);
  await expect(failed.first()).toContainText("Failed:");
  // The ledger counts resources (a failed group counts with what is in it); its table's rows
  // are the failed steps.
  await expect(page.getByTestId("ledger-failed-table")).toBeVisible();
  expect(await ledgerLines(page.getByTestId("deletion-ledger"), "ledger-failed-table", "Pages of what failed")).toHaveLength(ids.length);
  expect(Number(await page.getByTestId("ledger-failed").textContent())).toBeGreaterThanOrEqual(ids.length);
  expect((await simState()).servers.length).toBeGreaterThan(0);

  await simPost("/_sim/faults", {});
  for (const id of ids) {
    const row = steps.locator(`tr[data-step="${id}"]`);
    await row.getByRole("button", { name: /^Retry: / }).click();
    await expect(row).not.toHaveAttribute("data-status", "failed");
  }
  const ledger = page.getByTestId("deletion-ledger");
  await expect(ledger).toContainText("Nothing that bills is left", { timeout: 180_000 });
  await expect(ledger.getByTestId("ledger-failed")).toHaveText("0");
  expect((await simState()).servers).toEqual([]);
});

test("pause holds new deletes, and stop closes the run with a ledger of what is left", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const destructive = [];
  const pending = new Set();
  page.on("request", (r) => {
    pending.add(r);
    if (r.method() === "DELETE" || (r.method() === "POST" && /\/release/i.test(r.url()))) destructive.push(r.url());
  });
  page.on("requestfinished", (r) => pending.delete(r));
  page.on("requestfailed", (r) => pending.delete(r));
  // Nothing finishes, so steps that wait on others are still to send when Pause lands.
  const steps = await startHeldRun(page, baseURL);
  await page.getByTestId("deletion-run").getByRole("button", { name: "Pause" }).click();
  const headline = page.getByTestId("deletion-headline");
  await expect(headline).toContainText("Paused", { timeout: 60_000 });
  const operations = (await simState()).operations.length;
  const sentAtPause = destructive.length;
  // A paused run sends nothing, however long the page waits: a minute of the page's time passes
  // at once (every timer due in it fires), then one more task lets anything they started begin.
  await expect(steps.locator("tr[data-status='pending']").first()).toBeVisible();
  await page.clock.fastForward(60_000);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  // Whatever those timers sent has been answered (a send after an answer would show here too).
  await expect.poll(() => pending.size).toBe(0);
  await expect(headline).toContainText("Paused");
  expect(destructive.length).toBe(sentAtPause);
  expect((await simState()).operations.length).toBe(operations);
  // What was sent may finish now; what was never sent stays.
  await releaseQueue();
  await page.getByTestId("deletion-run").getByRole("button", { name: "Stop the run" }).click();
  const ledger = page.getByTestId("deletion-ledger");
  await expect(ledger).toContainText("The run was stopped", { timeout: 60_000 });
  await expect(ledger).toContainText("Still billing");
  expect(Number(await ledger.getByTestId("ledger-remaining").textContent())).toBeGreaterThan(0);
  // A stopped run is closed: the plan is offered again, not a resume.
  await page.getByRole("button", { name: "Back to the plan" }).click();
  await expect(page.getByTestId("deletion-plan")).toBeVisible();
  await expect(page.getByTestId("deletion-found")).toHaveCount(0);
});

test("a second tab sees the run in progress and does not start another", async ({ page, context, baseURL }) => {
  test.setTimeout(240_000);
  await open(page);
  await connect(page, baseURL);
  // The queue is held, so the first tab's run is still going when the second tab has opened and
  // read the account, however slow the machine.
  await holdQueue();
  await confirm(page);
  await expect(page.getByTestId("deletion-steps")).toBeVisible({ timeout: 20_000 });

  const other = await context.newPage();
  await open(other);
  await connect(other, baseURL);
  const blocked = other.getByTestId("deletion-other-tab");
  await expect(blocked).toContainText("A deletion run is in progress in another tab");
  await expect(other.getByRole("button", { name: "Delete these resources…" })).toHaveCount(0);
  await expect(other.getByRole("button", { name: "Resume the deletion run" })).toHaveCount(0);

  // When the first tab's run ends, the second tab learns it (and may plan again).
  await releaseQueue();
  await expect(page.getByTestId("deletion-ledger")).toBeVisible({ timeout: 200_000 });
  await expect(blocked).toHaveCount(0, { timeout: 15_000 });
  await expect(other.getByTestId("deletion-plan")).toBeVisible();
});
