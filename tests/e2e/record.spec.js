// Step 4 and after: the gate's explanation, and the closure record the customer keeps: printed
// on its own (screenshot artefact), downloaded as JSON and CSV (never with a token), and the
// calendar file with the two reminders; and the whole closure in the demo, from the scan to a
// record of exactly what happened.
import fs from "node:fs";
import { test, expect, open, answerNoCommitment, tickFirstThree, tick, startAt, at, expectedDates, markAllNotNeeded, answerManualItems } from "./support.js";

async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), "utf8") };
}

test("the lock says what is missing, with links to it", async ({ page }) => {
  await open(page);
  const lock = page.getByTestId("gate-locked");
  await expect(lock).toBeVisible();
  await expect(lock.getByRole("link").first()).toHaveAttribute("href", "#ob-exception");
  await answerNoCommitment(page);
  await expect(lock.getByRole("link", { name: /step 1/i })).toHaveAttribute("href", "#ob-step-1");
  await tickFirstThree(page);
  await expect(lock).toHaveCount(0);
  await expect(page.getByRole("button", { name: /I have clicked "request to close"/ })).toBeEnabled();
});

test("the record downloads as JSON, CSV and a calendar file, and prints on its own", async ({ page }) => {
  const start = await startAt(page, at("2026-11-30T14:59:00"));
  const requested = start + 60_000;
  const expected = expectedDates(requested, "Europe/London");
  await open(page);
  // The request is recorded a minute later to the millisecond, however long the page took to load.
  await page.clock.pauseAt(requested);
  await answerNoCommitment(page);
  await tickFirstThree(page);
  await page.getByLabel(/Account alias/).fill("ACME");
  await page.getByRole("button", { name: /I have clicked "request to close"/ }).click();

  const json = await download(page, "Download as JSON");
  expect(json.name).toMatch(/^offboard-closure-ACME-\d{8}\.json$/);
  const report = JSON.parse(json.text);
  expect(report.schema).toBe("offboard.report");
  expect(report.checklist.requestedAt).toBe(requested);
  expect(json.text.toLowerCase()).not.toContain("bearer");

  const csv = await download(page, "Download as CSV");
  expect(csv.name).toMatch(/\.csv$/);
  expect(csv.text.split("\n").length).toBeGreaterThan(1);

  const ics = await download(page, "Add the reminders to my calendar (.ics)");
  expect(ics.text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(ics.text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  // One hour after the request, and the final invoice date (all day, after the month closes).
  expect(ics.text).toContain(`DTSTART:${expected.reminderIcs}`);
  expect(ics.text).toContain(`DTSTART;VALUE=DATE:${expected.expectedFromIcs}`);
  for (const line of ics.text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);

  await page.getByRole("button", { name: "Show the record" }).click();
  const record = page.getByTestId("record");
  await expect(record).toContainText("ACME");
  await page.evaluate(() => document.body.classList.add("ob-print-record"));
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("heading", { name: "The four steps" })).toBeHidden();
  await expect(record).toBeVisible();
  await page.screenshot({ path: "artifacts/print-record.png", fullPage: true });
});

test("the whole closure in the demo: four steps, and a record of exactly what happened", async ({ page }) => {
  test.setTimeout(300_000);
  await open(page);
  await page.getByRole("button", { name: "Try the demo account" }).click();
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
  await markAllNotNeeded(page);

  // Step 3 in the demo: the plan, the alias, the countdown, the run, the verified ledger.
  const deletion = page.getByTestId("deletion");
  await deletion.getByRole("button", { name: "Delete these resources…" }).click();
  await page.getByLabel("Type the account alias (DEMO) to confirm").fill("DEMO");
  await deletion.getByRole("button", { name: "Confirm and start the 10-second countdown" }).click();
  const ledger = page.getByTestId("deletion-ledger");
  await expect(ledger).toBeVisible({ timeout: 240_000 });
  await expect(ledger.getByTestId("ledger-failed")).toHaveText("0");
  await expect(ledger).toContainText("Nothing that bills is left");

  // Steps 1 to 3 are ticked from what the page saw; step 4 opens and records the request.
  for (const n of [1, 2, 3]) await expect(tick(page, n)).toBeChecked({ timeout: 30_000 });
  await answerNoCommitment(page);
  await answerManualItems(page);
  const requested = page.getByRole("button", { name: /I have clicked "request to close"/ });
  await expect(requested).toBeEnabled({ timeout: 30_000 });
  await requested.click();
  await expect(page.getByTestId("countdown")).toContainText("Waiting for the confirmation");

  // The record says what happened: a demo, every deletion removed with its times, the request.
  const report = JSON.parse((await download(page, "Download as JSON")).text);
  expect(report.account.demo).toBe(true);
  // Both inventories are in it (the live tools write them; the first load cannot).
  expect(report.inventoryBefore.resources.length).toBeGreaterThan(0);
  expect(Array.isArray(report.inventoryAfter.resources)).toBe(true);
  const records = report.deletions.records;
  expect(records.length).toBeGreaterThan(0);
  expect(records.every((r) => r.outcome === "removed")).toBe(true);
  // Each with its times, except the demo's server whose delete was requested before the run:
  // followed until gone, so no request of this run.
  const followed = records.filter((r) => r.requestedAt === null).map((r) => r.resource.id);
  expect(followed).toEqual(["gb3demoretire01"]);
  const sent = records.filter((r) => r.requestedAt !== null);
  expect(sent.every((r) => r.finishedAt && r.requestedAt <= r.finishedAt)).toBe(true);
  // Counted in resources: a group's deletion counts the group and everything in it.
  expect(report.deletions.counts.removed).toBe(records.reduce((n, r) => n + r.resources, 0));
  expect(report.deletions.counts.removed).toBeGreaterThan(records.length);
  expect(report.deletions.counts.failed).toBe(0);
  expect(JSON.stringify(report)).not.toMatch(/bearer/i);
  await page.getByRole("button", { name: "Show the record" }).click();
  const record = page.getByTestId("record");
  // On screen a page of its rows, the heading counting every deletion; on paper every one: when
  // "Print the record" opens the print dialog (stubbed here, returning at once as it does in
  // some mobile browsers) every row is on the page, and they stay until the browser says the
  // print is over (`afterprint`); then the same page again.
  const rows = record.getByRole("table").locator("tbody tr");
  const onePage = Math.min(records.length, 25);
  // Counted as "Deletions" and the JSON's counts count, in resources, and beside that in steps,
  // as the rows are (this run deleted groups, so the two differ).
  const removed = report.deletions.counts.removed.toLocaleString("en-US");
  const steps = records.length.toLocaleString("en-US");
  await expect(record.getByRole("heading", { name: `Every deletion: ${removed} resources, in ${steps} steps`, exact: true })).toBeVisible();
  await expect(rows).toHaveCount(onePage);
  await page.evaluate(() => {
    window.print = () => {
      window.printedRows = document.querySelectorAll("[data-testid=record] tbody tr").length;
    };
  });
  await page.getByRole("button", { name: "Print the record" }).click();
  await expect.poll(() => page.evaluate(() => window.printedRows)).toBe(records.length);
  await expect(rows).toHaveCount(records.length);
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  await expect(rows).toHaveCount(onePage);
  await expect(record).toContainText("nothing real was deleted");
});
