// A small `large` account with three sub-accounts, against the simulator server (real HTTP):
// the parent's user `large` signs in to LRGE and adds L001, L002 and L003 by hand; one reading
// covers the four aliases (Account column, filter, totals per account); the dry-run plan has a
// part per alias, the sub-accounts first; the confirmation names every alias and takes the
// parent's; the run, the ledger and the record name each alias; and the simulator's own state
// says that every alias holds only what is free.
import fs from "node:fs";
import {
  test,
  expect,
  open,
  signIn,
  at,
  instantOf,
  setSimulatorClock,
  markAllNotNeeded,
  answerNoCommitment,
  answerManualItems,
  holdQueue,
  releaseQueue,
  simPost,
  simState,
  simLog,
  acceptedDeletes,
  ledgerLines,
} from "./support.js";

/** A few servers per alias (the sub-accounts get a tenth of the parent's, at least 2), in
 *  data centers enough that the record holds more deletions than its table's page of 25. */
const SCENARIO = "large:dcs=8,servers=20,groups=4,ips=4,subaccounts=3";
const PARENT = "LRGE";
const SUBS = ["L001", "L002", "L003"];
const ALL = [PARENT, ...SUBS];

async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), "utf8") };
}

/** What is left in one account's dump that is not free: nothing is expected. */
function notFree(s) {
  return [
    ...s.servers.map((x) => `server ${x.id}`),
    ...s.publicIps.map((x) => `public IP ${x.address}`),
    ...s.loadBalancers.map((x) => `load balancer ${x.id}`),
    ...(s.vpns || []).map((x) => `VPN ${x.id}`),
    ...(s.rdbs || []).map((x) => `database ${x.id}`),
    // Groups are free; the ones left are empty, and are system groups or a data center's
    // "Default Group" (which the page keeps as a system group; the simulator's dump does not
    // flag it as one).
    ...s.groups.filter((g) => g.servers > 0 || !(g.system || g.name === "Default Group")).map((g) => `group ${g.name} ${g.id}`),
    ...s.networks.filter((n) => !n.primary).map((n) => `network ${n.id}`),
    ...((s.backup && s.backup.serverPolicies) || []).map((p) => `backup policy ${p.id}`),
  ];
}

test("large with three sub-accounts: every alias is read, planned, run, recorded, and ends empty", async ({ page, baseURL, timezoneId }) => {
  test.setTimeout(420_000);
  // Registered before the app's own listeners: at `afterprint`, how many of the record's rows
  // the print held (the app renders every row on `beforeprint`, one page again after this).
  await page.addInitScript(() => {
    window.addEventListener("afterprint", () => {
      window.printedRows = document.querySelectorAll("[data-testid=record] tbody tr").length;
    });
  });
  await simPost("/_sim/reset", { scenario: SCENARIO, seed: 1 });
  await releaseQueue();
  // The reset forgets the account's calendar: put it back on the page's instant.
  await setSimulatorClock(instantOf(at(), timezoneId));
  const before = await simState();
  expect(before.accountAlias).toBe(PARENT);
  expect(before.subAccounts.map((s) => s.accountAlias)).toEqual(SUBS);
  for (const sub of before.subAccounts) expect(sub.servers.length).toBeGreaterThan(0);

  await open(page);
  await signIn(page, baseURL.replace(/\/$/, ""), "large", "large-password");
  await expect(page.getByTestId("alias")).toHaveText(PARENT);
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 60_000 });

  // The three sub-accounts, added by hand (in any case), each read once and accepted.
  const list = page.getByTestId("ob-sub-live");
  const field = list.getByLabel("Sub-account alias");
  const add = list.getByRole("button", { name: "Add" });
  for (const alias of SUBS) {
    await expect(add).toBeEnabled({ timeout: 60_000 });
    await field.fill(alias.toLowerCase());
    await add.click();
    await expect(list.getByRole("listitem").filter({ hasText: alias })).toBeVisible({ timeout: 60_000 });
  }

  // One reading of the four aliases: the totals per account, the Account column and filter.
  const byAccount = page.getByTestId("ob-inv-summary-account");
  for (const alias of SUBS) await expect(byAccount).toContainText(`${alias} (sub-account)`, { timeout: 120_000 });
  await expect(byAccount).toContainText(`${PARENT} (parent)`);
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("scan-progress")).toHaveCount(0, { timeout: 120_000 });
  await expect(page.getByTestId("inventory-accounts")).toContainText(`parent ${PARENT} and its sub-accounts ${SUBS.join(", ")}`);
  const table = page.getByTestId("inventory-table");
  await expect(table.getByRole("columnheader", { name: "Account" })).toBeVisible();
  const filter = page.locator("#ob-inv-account");
  for (const alias of ALL) {
    await filter.selectOption(alias);
    const state = alias === PARENT ? before : before.subAccounts.find((s) => s.accountAlias === alias);
    const oneServer = state.servers[0].name;
    await page.getByLabel("Search by name or ID").fill(oneServer);
    await expect(table.locator("tbody")).toContainText(oneServer);
    await expect.poll(async () => new Set(await table.getByTestId("resource-account").allTextContents())).toEqual(new Set([alias]));
    await page.getByLabel("Search by name or ID").fill("");
  }
  await filter.selectOption("");

  await markAllNotNeeded(page);

  // The dry run: one part per alias, the sub-accounts before the parent.
  const deletion = page.getByTestId("deletion");
  await expect(deletion.getByTestId("deletion-plan")).toContainText("Nothing has been sent");
  const parts = deletion.getByTestId("plan-account");
  await expect(parts).toHaveCount(4);
  const order = await parts.evaluateAll((els) => els.map((e) => e.dataset.account));
  expect(new Set(order.slice(0, 3))).toEqual(new Set(SUBS));
  expect(order[3]).toBe(PARENT);
  for (let i = 0; i < 3; i++) await expect(parts.nth(i)).toContainText("before the parent");
  await expect(parts.nth(3)).toContainText("after its sub-accounts");

  // The confirmation names every alias and takes the parent's (a sub-account's is refused).
  await deletion.getByRole("button", { name: "Delete these resources…" }).click();
  const named = deletion.getByTestId("deletion-confirm-accounts");
  await expect(named).toContainText("in 4 accounts");
  for (const alias of SUBS) await expect(named).toContainText(alias);
  await expect(named).toContainText(`then in the parent ${PARENT}`);
  const alias = page.getByLabel(`Type the account alias (${PARENT}) to confirm`);
  await expect(alias).toBeFocused();
  const start = deletion.getByRole("button", { name: "Confirm and start the 10-second countdown" });
  await alias.fill(SUBS[0]);
  await start.click();
  await expect(page.getByTestId("deletion-alias-error")).toContainText(`Type ${PARENT}`);
  // The queue is held so that the run's rows can be read before any step ends.
  await holdQueue();
  await alias.fill(PARENT.toLowerCase());
  await start.click();
  // The countdown, passed on the page's clock rather than waited for.
  await expect(deletion.getByTestId("deletion-countdown")).toBeVisible();
  await page.clock.fastForward(10_000);

  // The run names every alias on its steps.
  const steps = deletion.getByTestId("deletion-steps");
  await expect(steps.locator("tr[data-status='queued'], tr[data-status='executing']").first()).toBeVisible({ timeout: 60_000 });
  for (const a of ALL) await expect(steps.locator(`tr[data-account='${a}']`).first()).toBeAttached();
  await releaseQueue();

  // The ledger: nothing failed, nothing billing, every alias named.
  const ledger = page.getByTestId("deletion-ledger");
  await expect(ledger).toBeVisible({ timeout: 360_000 });
  await expect(ledger.getByTestId("ledger-failed")).toHaveText("0");
  await expect(ledger).toContainText("Nothing that bills is left");
  // The parent apart, as the identity bar and the confirmation set it (sorted among its
  // sub-accounts, LRGE came last).
  await expect(ledger.getByTestId("ledger-accounts")).toHaveText(`Accounts in this run: the parent ${PARENT} and the sub-accounts ${SUBS.join(", ")}.`);
  const removed = await ledgerLines(ledger, "ledger-removed-table", "Pages of what was removed", "[data-testid=ledger-account]");
  expect(new Set(removed)).toEqual(new Set(ALL));

  // The simulator's own state: every alias holds only what is free (system groups, primary
  // networks, empty Default Groups).
  const after = await simState();
  expect(notFree(after)).toEqual([]);
  expect(after.subAccounts.map((s) => s.accountAlias)).toEqual(SUBS);
  for (const sub of after.subAccounts) expect({ alias: sub.accountAlias, left: notFree(sub) }).toEqual({ alias: sub.accountAlias, left: [] });
  // The simulator's log: deletes were sent under every alias, none accepted twice.
  const deletes = acceptedDeletes(await simLog());
  expect(Object.entries(deletes).filter(([, n]) => n > 1)).toEqual([]);
  for (const a of ALL) expect(Object.keys(deletes).some((p) => p.includes(`/${a.toLowerCase()}/`))).toBe(true);

  // Step 4, then the record: every alias, and each deletion's alias.
  await answerNoCommitment(page);
  await answerManualItems(page);
  await expect(page.getByTestId("request-sub-accounts")).toContainText(SUBS.join(", "));
  const requested = page.getByRole("button", { name: /I have clicked "request to close"/ });
  await expect(requested).toBeEnabled({ timeout: 60_000 });
  await requested.click();
  const report = JSON.parse((await download(page, "Download as JSON")).text);
  expect(report.account.alias).toBe(PARENT);
  expect(report.account.subAccounts).toEqual(SUBS);
  const records = report.deletions.records;
  expect(records.every((r) => r.outcome === "removed")).toBe(true);
  expect(new Set(records.map((r) => r.account))).toEqual(new Set(ALL));
  // A sub-account's resources carry their alias (the parent's are the record's own alias).
  for (const r of records.filter((r) => r.account !== PARENT)) expect(r.resource.account).toBe(r.account);
  await page.getByRole("button", { name: "Show the record" }).click();
  const record = page.getByTestId("record");
  await expect(record).toContainText(`Sub-accounts read and emptied with it: ${SUBS.join(", ")}`);
  // More deletions than a page: on screen 25 rows, the heading counting every one; the
  // browser's own print (page.pdf prints as it does, firing beforeprint and afterprint) holds
  // every row, and the screen one page again after it.
  expect(records.length).toBeGreaterThan(25);
  const rows = record.getByRole("table").locator("tbody tr");
  // In resources (the JSON's counts), and in steps (its rows) when a step stood for several.
  const resources = records.reduce((n, r) => n + r.resources, 0);
  const inSteps = resources === records.length ? "" : `, in ${records.length.toLocaleString("en-US")} steps`;
  await expect(record.getByRole("heading", { name: `Every deletion: ${resources.toLocaleString("en-US")} resources${inSteps}`, exact: true })).toBeVisible();
  await expect(rows).toHaveCount(25);
  await page.pdf({ path: "artifacts/record-subaccounts.pdf", format: "A4", printBackground: false });
  expect(await page.evaluate(() => window.printedRows)).toBe(records.length);
  await expect(rows).toHaveCount(25);
});
