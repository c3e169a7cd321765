// Every number agrees: one connected closure of the demo account, and every customer-facing
// count of it read where the customer reads it (step 2, the gate, the inventory, the plan, the
// run, the ledger, the record on screen and in JSON), in one unit, resources, compared.
import fs from "node:fs";
import { test, expect, open, connect, markAllNotNeeded, answerManualItems, confirmDeletion, answerNoCommitment, tick, ledgerLines } from "./support.js";

const number = async (locator) => Number((await locator.textContent()).trim().replaceAll(",", ""));
// A count as the page writes it: with the separator, the word agreeing ("1 step", "1,200 steps").
const counted = (n, one, many) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

test("the plan, the run, the ledger, the record and the gate count the same resources", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  await open(page);
  await connect(page, baseURL);

  // Data-bearing resources: step 2's count is the gate's before marking, and the record's after.
  const marked = page.getByTestId("inventory-marked");
  const [, dataTotal] = (await marked.textContent()).match(/(\d+) resources? holds? data, 0 are marked/).map(Number);
  expect(dataTotal).toBeGreaterThan(0);
  // The table's caption reads as one phrase to a screen reader (it read "Resources , sortable…").
  await expect(page.getByTestId("inventory-table").locator("caption")).toHaveText(
    "Resources (sortable by the column buttons)",
  );
  await answerNoCommitment(page);
  await expect(page.getByTestId("gate-locked")).toContainText(`${dataTotal} of ${dataTotal} resources with data are not marked`);
  await markAllNotNeeded(page);
  await answerManualItems(page);

  // What every closure keeps: the inventory's list and the plan's share of what it keeps.
  const kept = page.getByTestId("inventory-exclusions");
  const alwaysKept = Number((await kept.getByRole("heading").textContent()).match(/\((\d+)\)/)[1]);
  // 25 a page: the rows, or the pages' total when there are more.
  const rows = await kept.locator("tbody tr").count();
  const showing = kept.locator(".ob-inv-showing");
  const paged = (await showing.count()) ? Number((await showing.textContent()).match(/of ([\d,]+)$/)[1].replace(/,/g, "")) : rows;
  expect(paged).toBe(alwaysKept);
  expect(rows).toBeLessThanOrEqual(25);
  const plan = page.getByTestId("deletion-plan");
  await expect(plan).toContainText("Nothing has been sent");
  expect(await number(plan.getByTestId("plan-always-kept"))).toBe(alwaysKept);
  const planned = {
    removes: await number(plan.getByTestId("plan-removes")),
    steps: await number(plan.getByTestId("plan-steps")),
    kept: await number(plan.getByTestId("plan-kept")),
  };
  expect(planned.removes).toBeGreaterThan(planned.steps);
  // The plan's table by phase adds up to the same figures.
  const byPhase = await plan.locator("table").first().locator("tbody tr").evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll("td")].slice(0, 2).map((td) => Number(td.textContent))),
  );
  expect(byPhase.reduce((n, [steps]) => n + steps, 0)).toBe(planned.steps);
  expect(byPhase.reduce((n, [, removes]) => n + removes, 0)).toBe(planned.removes);

  // The run: steps are its subject (labelled), with the plan's resources as the total.
  await confirmDeletion(page, "DEMO");
  await expect(page.getByTestId("deletion-counts")).toContainText(
    new RegExp(
      `of ${counted(planned.steps, "step", "steps")} done, \\d+ failed, \\d+ under way; ` +
        `\\d+ of ${counted(planned.removes, "resource", "resources")} removed\\.`,
    ),
    { timeout: 60_000 },
  );
  const ledger = page.getByTestId("deletion-ledger");
  await expect(ledger).toBeVisible({ timeout: 240_000 });

  // The ledger: removed, failed, not deleted and kept, in resources.
  expect(await number(ledger.getByTestId("ledger-removed"))).toBe(planned.removes);
  expect(await number(ledger.getByTestId("ledger-failed"))).toBe(0);
  expect(await number(ledger.getByTestId("ledger-remaining"))).toBe(0);
  expect(await number(ledger.getByTestId("ledger-kept"))).toBe(planned.kept);
  await expect(ledger.getByTestId("ledger-removed-table").locator("caption")).toHaveText(
    `Removed: ${planned.removes} resources, in ${planned.steps} steps`,
  );
  // Its tables show 25 lines a page; their lines, every page read, are the plan's.
  expect(await ledgerLines(ledger, "ledger-removed-table", "Pages of what was removed")).toHaveLength(planned.steps);
  expect(await ledgerLines(ledger, "ledger-kept-table", "Pages of what was kept")).toHaveLength(planned.kept);
  // At 1280 px the ledger's names wrap between words, never inside one ("Alert.N/otificat/ion"):
  // a word whose characters sit on two lines has rects at two heights.
  const split = await ledger.locator("table .ob-del-name").evaluateAll((names) =>
    names.flatMap((name) =>
      [...name.textContent.matchAll(/\S+/g)]
        .filter((word) => {
          const text = name.firstChild;
          if (!text || text.nodeType !== Node.TEXT_NODE) return false;
          const range = document.createRange();
          range.setStart(text, word.index);
          range.setEnd(text, word.index + word[0].length);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
        })
        .map((word) => word[0]),
    ),
  );
  expect(await ledger.locator("table .ob-del-name").count()).toBeGreaterThan(0);
  expect(split).toEqual([]);

  // Step 4 opens; the record says the same, on screen and in its JSON.
  for (const n of [1, 2, 3]) await expect(tick(page, n)).toBeChecked({ timeout: 30_000 });
  await expect(page.getByTestId("gate-locked")).toHaveCount(0, { timeout: 30_000 });
  await page.getByRole("button", { name: "Show the record" }).click();
  const record = page.getByTestId("record");
  // Its counts with the thousands separator the screens use.
  const grouped = (n) => n.toLocaleString("en-US");
  await expect(record).toContainText(`Resources: ${grouped(planned.removes)} removed, 0 failed, 0 not deleted.`);
  await expect(record).toContainText(`0 retrieved, ${grouped(dataTotal)} not needed, 0 unmarked.`);
  await expect(record.getByRole("heading", { name: "Kept in every closure" })).toBeVisible();
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download as JSON" }).click()]);
  const report = JSON.parse(fs.readFileSync(await file.path(), "utf8"));
  expect(report.deletions.counts).toEqual({ removed: planned.removes, failed: 0, remaining: 0 });
  expect(report.deletions.records.length).toBe(planned.steps);
  expect(report.deletions.records.reduce((n, r) => n + r.resources, 0)).toBe(planned.removes);
  expect(report.exclusions.length).toBe(alwaysKept);
  expect(report.dataRetrieval.length).toBe(dataTotal);
  expect(report.dataRetrieval.every((d) => d.mark === "notNeeded")).toBe(true);
  expect(report.manual.every((m) => m.answer === "notApplicable")).toBe(true);
});

test("a viewer's plan shows no saving, says first that nothing can be deleted, and offers no free items", async ({ page, baseURL }) => {
  await open(page);
  await connect(page, baseURL, "viewer");
  const plan = page.getByTestId("deletion-plan");
  const blocked = plan.getByTestId("deletion-blocked");
  await expect(blocked).toContainText("Nothing to delete");
  await expect(plan.getByTestId("deletion-summary")).not.toContainText("Saving");
  await expect(plan).not.toContainText("$-0");
  expect(await number(plan.getByTestId("plan-removes"))).toBe(0);
  await expect(plan.locator(".ob-del-free")).toHaveCount(0);
  await expect(plan.getByRole("button", { name: "Delete these resources…" })).toBeDisabled();
  // The sentence comes before every table it refers to ("see what stays, below").
  const tables = await blocked.evaluate((el) =>
    [...el.closest("[data-testid=deletion-plan]").querySelectorAll("table")].map((t) => Boolean(el.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING)),
  );
  expect(tables.length).toBeGreaterThan(0);
  expect(tables.every(Boolean)).toBe(true);
});
