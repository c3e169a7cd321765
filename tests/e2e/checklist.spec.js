// The offline checklist, as a customer uses it: ticks that survive a reload, the exception path,
// the one-hour rule driven through the page's clock, saved data that cannot be read, start over.
import { test, expect, open, step, tick, answerNoCommitment, tickFirstThree, startAt, at, expectedDates } from "./support.js";

test("ticked steps survive a reload", async ({ page }) => {
  await open(page);
  await expect(tick(page, 2)).toBeDisabled();
  await tick(page, 1).check();
  await tick(page, 2).check();
  await expect(page.getByText("2 of 4 steps done")).toBeVisible();
  await page.reload();
  await expect(tick(page, 1)).toBeChecked();
  await expect(tick(page, 2)).toBeChecked();
  await expect(tick(page, 3)).not.toBeChecked();
  await expect(page.getByText("2 of 4 steps done")).toBeVisible();
});

test("a term commitment leads to the sales representative, not the request link", async ({ page }) => {
  await open(page);
  await page.getByLabel("Yes, the account has a term commitment").check();
  const callout = page.getByTestId("term-commitment");
  await expect(callout).toBeVisible();
  await expect(callout).toContainText("terminate service order");
  await tickFirstThree(page);
  const record = page.getByRole("button", { name: /request to close/ });
  await expect(record).toBeDisabled();
  await expect(step(page, 4)).toContainText("sales representative");
});

test("the hour after the request counts down, then shows how to escalate", async ({ page }) => {
  // The page's clock stands still except when the test moves it, so the countdown shows exact
  // figures however long the machine takes between two steps (it rounds up to whole seconds).
  const start = await startAt(page, at("2026-11-30T23:29:00"));
  const requested = start + 60_000;
  const expected = expectedDates(requested, "Europe/London");
  await open(page);
  await page.clock.pauseAt(requested);
  await answerNoCommitment(page);
  await tickFirstThree(page);
  await page.getByLabel(/Account alias/).fill("ACME");
  await page.getByRole("button", { name: /I have clicked "request to close"/ }).click();

  const countdown = page.getByTestId("countdown");
  await expect(countdown).toContainText("1:00:00");
  await page.clock.fastForward("30:00");
  await expect(countdown).toContainText("30:00");
  await expect(page.getByTestId("escalate")).toHaveCount(0);

  // The request time persists: a reload in the middle changes nothing.
  await page.reload();
  await expect(page.getByTestId("countdown")).toContainText("30:00");

  await page.clock.fastForward("30:01");
  const escalate = page.getByTestId("escalate");
  await expect(escalate).toBeVisible();
  const mail = escalate.getByRole("link", { name: /help@ctl\.io/ });
  const href = await mail.getAttribute("href");
  expect(href.startsWith("mailto:help@ctl.io?subject=")).toBe(true);
  const body = decodeURIComponent(href.split("&body=")[1]);
  expect(body).toContain("Account alias: ACME");
  expect(body).toContain(`Requested at: ${expected.described}`);
  await expect(escalate.getByRole("link", { name: "Open a separate ticket" })).toHaveAttribute(
    "href",
    "https://www.ctl.io/knowledge-base/support/using-the-help-desk-web-ui",
  );
  // The final invoice follows the close of the request's billing month.
  await expect(page.getByTestId("final-invoice")).toContainText(expected.expectedFrom);
});

test("unreadable saved progress is kept aside and announced", async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("offboard.checklist", '{"schema":"offboard.checklist","version":99}');
      sessionStorage.setItem("seeded", "1");
    }
  });
  await open(page);
  await expect(page.getByText(/written by a newer version/)).toBeVisible();
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith("offboard.checklist.set-aside.")).map((k) => localStorage.getItem(k)),
  );
  expect(kept).toEqual(['{"schema":"offboard.checklist","version":99}']);
  await expect(tick(page, 1)).not.toBeChecked();
});

test("start over asks for confirmation, and can be cancelled", async ({ page }) => {
  await open(page);
  await tick(page, 1).check();
  await page.getByRole("button", { name: "Start over" }).click();
  const keep = page.getByRole("button", { name: "Keep my progress" });
  await expect(keep).toBeFocused();
  await keep.click();
  await expect(tick(page, 1)).toBeChecked();
  await page.getByRole("button", { name: "Start over" }).click();
  await page.getByRole("button", { name: "Yes, clear my progress" }).click();
  await expect(tick(page, 1)).not.toBeChecked();
  await page.reload();
  await expect(tick(page, 1)).not.toBeChecked();
});

test("the checklist works with the keyboard alone", async ({ page }) => {
  await open(page);
  const box = tick(page, 1);
  await box.focus();
  await page.keyboard.press("Space");
  await expect(box).toBeChecked();
  // Tab order follows reading order: step 2's link, then step 2's own tick.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Service Task" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(tick(page, 2)).toBeFocused();
  await page.keyboard.press("Space");
  await expect(tick(page, 2)).toBeChecked();
});
