// Step 4 and after: the gate's explanation, and the closure record the customer keeps: printed
// on its own (screenshot artefact), downloaded as JSON and CSV (never with a token), and the
// calendar file with the two reminders.
import fs from "node:fs";
import { test, expect } from "@playwright/test";
import { open, answerNoCommitment, tickFirstThree } from "./support.js";

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
  await page.clock.install({ time: new Date("2026-11-30T14:59:00Z") });
  await open(page);
  // The request is recorded at exactly 15:00:00 however long the page took to load.
  await page.clock.pauseAt(new Date("2026-11-30T15:00:00Z"));
  await answerNoCommitment(page);
  await tickFirstThree(page);
  await page.getByLabel(/Account alias/).fill("ACME");
  await page.getByRole("button", { name: /I have clicked "request to close"/ }).click();

  const json = await download(page, "Download as JSON");
  expect(json.name).toMatch(/^offboard-closure-ACME-\d{8}\.json$/);
  const report = JSON.parse(json.text);
  expect(report.schema).toBe("offboard.report");
  expect(json.text).toContain("2026-11-30");
  expect(json.text.toLowerCase()).not.toContain("bearer");

  const csv = await download(page, "Download as CSV");
  expect(csv.name).toMatch(/\.csv$/);
  expect(csv.text.split("\n").length).toBeGreaterThan(1);

  const ics = await download(page, "Add the reminders to my calendar (.ics)");
  expect(ics.text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(ics.text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  // One hour after the request, and the final invoice date (all day, after November closes).
  expect(ics.text).toContain("DTSTART:20261130T160000Z");
  expect(ics.text).toMatch(/DTSTART;VALUE=DATE:20261201/);
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
