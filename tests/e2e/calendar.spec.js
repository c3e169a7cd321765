// The awkward days through the real page, one run per boundary: New Year's Eve and Day, the end
// of February in a leap year, both daylight-saving changes in London and Los Angeles, and the
// zones where the local calendar and UTC are in different months (Kiritimati +14, Pago Pago −11).
// At each: the final-invoice date and which month it means, "month to date" in the demo, the
// one-hour countdown (sixty real minutes, whatever the wall clock does), and the request time in
// the e-mail, the record and the calendar file. The instants are the subject here, so
// OFFBOARD_TEST_NOW does not move them; what the page must say is computed by `expectedDates`.
import fs from "node:fs";
import { test, expect, pageAt, expectedDates, answerNoCommitment, tickFirstThree } from "./support.js";

const BOUNDARIES = [
  // [zone, instant (UTC), what it is locally]
  ["Europe/London", "2026-12-31T23:30:00Z", "New Year's Eve, 23:30"],
  ["Europe/London", "2027-01-01T00:30:00Z", "New Year's Day, 00:30"],
  ["America/Los_Angeles", "2027-01-01T07:30:00Z", "New Year's Eve, 23:30, already January in UTC"],
  ["Pacific/Kiritimati", "2026-12-31T10:30:00Z", "New Year's Day, 00:30, still December in UTC"],
  ["Pacific/Pago_Pago", "2027-01-01T10:30:00Z", "New Year's Eve, 23:30, already January in UTC"],
  ["Europe/London", "2028-02-28T23:30:00Z", "28 February of a leap year"],
  ["Europe/London", "2028-02-29T23:30:00Z", "29 February"],
  ["Europe/London", "2027-03-28T00:30:00Z", "00:30 GMT; the clocks go forward within the hour"],
  ["Europe/London", "2027-10-31T00:30:00Z", "01:30 BST; the clocks go back within the hour"],
  ["America/Los_Angeles", "2027-03-14T09:30:00Z", "01:30 PST; the clocks go forward within the hour"],
  ["America/Los_Angeles", "2027-11-07T08:30:00Z", "01:30 PDT; the clocks go back within the hour"],
];

async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
  return fs.readFileSync(await file.path(), "utf8");
}

for (const [zone, iso, what] of BOUNDARIES) {
  const instant = Date.parse(iso);
  const expected = expectedDates(instant, zone);

  test(`${zone}, ${what}: the invoice month, the hour, the record and the calendar file`, async ({ browser }) => {
    // A minute before, with the clock then held at the instant: the request is recorded there.
    const { context, page } = await pageAt(browser, { zone, instant: instant - 60_000 });
    await page.goto("./");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.clock.pauseAt(instant);

    const invoice = page.getByTestId("final-invoice");
    await expect(invoice).toContainText(`the ${expected.billingMonth} billing month`);
    await expect(invoice).toContainText(`expect it from`);
    await expect(invoice).toContainText(expected.expectedFrom);
    await expect(page.getByTestId("billing-month-differs")).toHaveCount(expected.localMonthDiffers ? 1 : 0);

    await answerNoCommitment(page);
    await tickFirstThree(page);
    await page.getByLabel(/Account alias/).fill("ACME");
    await page.getByRole("button", { name: /I have clicked "request to close"/ }).click();
    const countdown = page.getByTestId("countdown");
    await expect(countdown).toContainText("1:00:00");
    // An hour is sixty real minutes, across a change of the clocks too.
    await page.clock.fastForward("59:59");
    await expect(countdown).toContainText("0:01");
    await page.clock.fastForward(1_000);
    const escalate = page.getByTestId("escalate");
    await expect(escalate).toBeVisible();
    const href = await escalate.getByRole("link", { name: /help@ctl\.io/ }).getAttribute("href");
    expect(decodeURIComponent(href.split("&body=")[1])).toContain(`Requested at: ${expected.described}`);
    // The request's month decides the invoice, not the hour after it.
    await expect(invoice).toContainText(expected.expectedFrom);

    const report = JSON.parse(await download(page, "Download as JSON"));
    expect(report.checklist.requestedAt).toBe(instant);
    expect(report.invoice.expectedFrom).toBe(`${expected.expectedFromIcs.slice(0, 4)}-${expected.expectedFromIcs.slice(4, 6)}-${expected.expectedFromIcs.slice(6)}`);
    const ics = await download(page, "Add the reminders to my calendar (.ics)");
    expect(ics).toContain(`\r\nDTSTART:${expected.reminderIcs}\r\n`);
    expect(ics).toContain(`\r\nDTSTART;VALUE=DATE:${expected.expectedFromIcs}\r\n`);
    await page.getByRole("button", { name: "Show the record" }).click();
    await expect(page.getByTestId("record")).toContainText(`Closure requested: ${expected.described}.`);
    await context.close();
  });

  test(`${zone}, ${what}: "month to date" is the billing month's, and says so`, async ({ browser }) => {
    const { context, page } = await pageAt(browser, { zone, instant });
    await page.goto("./");
    await page.getByRole("button", { name: "Try the demo account" }).click();
    await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("month-to-date-label")).toHaveText(`${expected.billingMonth} so far (live billing)`);
    const note = page.getByTestId("month-to-date-differs");
    await expect(note).toHaveCount(expected.localMonthDiffers ? 1 : 0);
    if (expected.localMonthDiffers) await expect(note).toContainText(`${expected.billingMonth}, the billing month in UTC`);
    await context.close();
  });
}
