// After one visit the app works with the network cut; it has no axe violations; and it prints
// cleanly (the print-media screenshot is kept as an artefact).
import { test, expect, open, tick, answerNoCommitment, tickFirstThree, expectNoAxeViolations } from "./support.js";

test("works offline after the first visit", async ({ page, context }) => {
  await open(page);
  // The worker has cached the shell and taken control of the page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await tick(page, 1).check();
  await expect(tick(page, 1)).toBeChecked();
  await context.setOffline(false);
});

test("no accessibility violations, at rest and after an escalation", async ({ page }) => {
  await open(page);
  await expectNoAxeViolations(page);
  await answerNoCommitment(page);
  await tickFirstThree(page);
  await page.getByRole("button", { name: /I have clicked "request to close"/ }).click();
  await page.clock.fastForward("01:00:01");
  await expect(page.getByTestId("escalate")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoAxeViolations(page);
});

test("prints without controls and with link addresses", async ({ page }) => {
  await open(page);
  await answerNoCommitment(page);
  await tick(page, 1).check();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Start over" })).toBeHidden();
  const after = await page
    .locator("a", { hasText: "usage history" })
    .evaluate((a) => getComputedStyle(a, "::after").content);
  expect(after).toContain("control.ctl.io");
  await page.screenshot({ path: "artifacts/print-checklist.png", fullPage: true });
});
