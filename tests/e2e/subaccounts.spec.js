// The demo parent DEMO with its sub-account DEMS, closed through the page: the demo lists the
// simulator's sub-account, one reading covers both aliases (Account column, filter, totals per
// account), the plan empties DEMS before DEMO, the confirmation names both and takes the
// parent's alias, the run and the ledger name each line's alias, and the account read again
// after the run (the in-page simulator's own answers) holds no server and nothing that bills in
// either alias. Step 4 says sub-accounts may need their own request; the record keeps both.
import fs from "node:fs";
import { test, expect, open, markAllNotNeeded, answerNoCommitment, answerManualItems, expectNoAxeViolations, ledgerLines } from "./support.js";

async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), "utf8") };
}

/** The resource table filtered to one account and one kind; returns the "showing" line. */
async function showing(page, account, kind) {
  await page.locator("#ob-inv-account").selectOption(account);
  await page.locator("#ob-inv-kind").selectOption({ label: kind });
  return page.getByTestId("inventory-showing");
}

test("closes the demo parent with its sub-account, sub-account first, and both end empty", async ({ page }) => {
  test.setTimeout(420_000);
  await open(page);
  await page.getByRole("button", { name: "Try the demo account" }).click();
  await expect(page.getByTestId("sub-accounts")).toContainText("DEMS");
  await expect(page.getByTestId("identity")).toContainText("The demo's sub-accounts");
  const inventory = page.getByTestId("inventory");
  await expect(inventory).toBeVisible({ timeout: 30_000 });

  // One reading of both aliases: totals per account, an Account column and filter.
  const byAccount = page.getByTestId("ob-inv-summary-account");
  await expect(byAccount).toContainText("DEMO (parent)");
  await expect(byAccount).toContainText("DEMS (sub-account)");
  await expect(page.getByTestId("inventory-accounts")).toContainText("DEMO and its sub-accounts DEMS");
  const table = page.getByTestId("inventory-table");
  await expect(table.getByRole("columnheader", { name: "Account" })).toBeVisible();
  await expect(await showing(page, "DEMS", "server")).toContainText("3");
  const accounts = await table.getByTestId("resource-account").allTextContents();
  expect(accounts.length).toBe(3);
  expect(new Set(accounts)).toEqual(new Set(["DEMS"]));
  await expect(table.locator("tbody")).toContainText("VA1DEMSSHOP01");
  await page.locator("#ob-inv-account").selectOption("");
  await page.locator("#ob-inv-kind").selectOption("");
  await expectNoAxeViolations(page);

  await markAllNotNeeded(page);

  // The plan: one part per alias, the sub-account's first.
  const deletion = page.getByTestId("deletion");
  const parts = deletion.getByTestId("plan-account");
  await expect(parts).toHaveCount(2);
  await expect(parts.nth(0)).toHaveAttribute("data-account", "DEMS");
  await expect(parts.nth(1)).toHaveAttribute("data-account", "DEMO");
  await expect(parts.nth(0)).toContainText("before the parent");
  // What goes with the sub-account's group is named once its details are opened.
  await parts.nth(0).getByText("With it: 4 more").click();
  await expect(parts.nth(0)).toContainText("VA1DEMSSHOP01");

  // The confirmation names both accounts; the sub-account's alias is refused, the parent's taken.
  await deletion.getByRole("button", { name: "Delete these resources…" }).click();
  await expect(deletion.getByTestId("deletion-confirm-accounts")).toContainText("sub-account DEMS, then in the parent DEMO");
  const alias = page.getByLabel("Type the account alias (DEMO) to confirm");
  await expect(alias).toBeFocused();
  await alias.fill("DEMS");
  const start = deletion.getByRole("button", { name: "Confirm and start the 10-second countdown" });
  await start.click();
  await expect(page.getByTestId("deletion-alias-error")).toContainText("Type DEMO");
  await alias.fill("demo");
  await start.click();

  // The run names the sub-account's steps.
  await expect(deletion.locator("tr[data-account='DEMS']").first()).toBeVisible({ timeout: 60_000 });

  // The ledger: every line with its alias, nothing failed, nothing billing.
  const ledger = page.getByTestId("deletion-ledger");
  await expect(ledger).toBeVisible({ timeout: 360_000 });
  await expect(ledger.getByTestId("ledger-failed")).toHaveText("0");
  await expect(ledger).toContainText("Nothing that bills is left");
  await expect(ledger.getByTestId("ledger-accounts")).toHaveText("Accounts in this run: the parent DEMO and the sub-account DEMS.");
  const removed = await ledgerLines(ledger, "ledger-removed-table", "Pages of what was removed", "[data-testid=ledger-account]");
  expect(new Set(removed)).toEqual(new Set(["DEMO", "DEMS"]));

  // The account read again after the run, as the simulator answers it: no server, template or
  // archived server is left in either alias (the kind filter no longer offers them).
  const kinds = page.locator("#ob-inv-kind");
  await expect(kinds.locator("option[value='1'], option[value='2'], option[value='3']")).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId("ob-inv-summary-account")).toContainText("DEMS (sub-account)");

  // Step 4: sub-accounts may need their own request, and are to be named in it.
  await answerNoCommitment(page);
  await answerManualItems(page);
  const notice = page.getByTestId("request-sub-accounts");
  await expect(notice).toContainText("DEMS");
  await expect(notice).toContainText("may need their own closure request");
  const requested = page.getByRole("button", { name: /I have clicked "request to close"/ });
  await expect(requested).toBeEnabled({ timeout: 30_000 });
  await requested.click();

  // The record keeps both aliases and each deletion's alias.
  const report = JSON.parse((await download(page, "Download as JSON")).text);
  expect(report.account.alias).toBe("DEMO");
  expect(report.account.subAccounts).toEqual(["DEMS"]);
  const records = report.deletions.records;
  expect(records.every((r) => r.outcome === "removed")).toBe(true);
  expect(new Set(records.map((r) => r.account))).toEqual(new Set(["DEMO", "DEMS"]));
  expect(records.filter((r) => r.account === "DEMS").every((r) => r.resource.account === "DEMS")).toBe(true);
  // Both accounts hold only what is free: what bills (by kind) is gone from each alias, and the
  // networks left are the free primaries the platform keeps.
  const after = report.inventoryAfter;
  expect(after.accounts).toEqual(["DEMO", "DEMS"]);
  const billing = ["server", "template", "archivedServer", "publicIp", "sharedLoadBalancer", "siteToSiteVpn", "rdbsSubscription", "backupServerPolicy"];
  const left = after.resources.filter((r) => billing.includes(r.id.kind)).map((r) => `${r.account} ${r.id.kind} ${r.id.id}`);
  expect(left).toEqual([]);
  const networks = after.resources.filter((r) => r.id.kind === "network");
  expect(networks.filter((r) => r.account === "DEMS").length).toBeGreaterThan(0);
  expect(networks.every((r) => r.keep && r.keep.kind === "freePrimaryNetwork")).toBe(true);
  await page.getByRole("button", { name: "Show the record" }).click();
  await expect(page.getByTestId("record")).toContainText("Sub-accounts read and emptied with it: DEMS");
});
