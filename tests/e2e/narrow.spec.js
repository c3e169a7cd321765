// Every screen fits a 375 px phone: the connected closure of the demo account walked from the
// sign-in to the record, with axe at every major screen and no sideways scroll of the page
// (tables scroll inside their own focusable, named regions).
import { test, expect, open, expectNoAxeViolations, markAllNotNeeded, answerManualItems, confirmDeletion, answerNoCommitment, tick } from "./support.js";

test.use({ viewport: { width: 375, height: 740 } });

/** The page does not scroll sideways, and axe finds nothing, on the screen as it is now. */
async function fits(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what}: the page is ${width} px wide`).toBeLessThanOrEqual(375);
  await expectNoAxeViolations(page);
}

test("the connected closure fits 375 px, with no accessibility violation at any screen", async ({ page, baseURL }) => {
  // 133.1 s and 162.1 s with two workers (cargo xtask test --only e2e, twice, the machine shared
  // with other builds), against 96 s alone on an idle one.
  test.setTimeout(420_000);
  await open(page);
  await page.getByRole("button", { name: "Connect my account" }).click();
  await expect(page.getByLabel("Sign in with")).toBeVisible();
  await fits(page, "the connect form");

  // The sub-account list on the connect form: a refused alias said in words, then one listed
  // (and removed again, so the closure below is the parent's alone).
  const subs = page.getByTestId("ob-sub-connect");
  const subField = subs.getByLabel("Sub-account alias");
  await subField.fill("de-ms");
  await subField.press("Enter");
  await expect(page.getByTestId("ob-sub-connect-error")).toContainText("is not an account alias");
  await fits(page, "a refused sub-account alias");
  await subField.fill("dems");
  await subField.press("Enter");
  const removeSub = subs.getByRole("button", { name: "Remove DEMS" });
  await expect(removeSub).toBeVisible();
  await fits(page, "the sub-account list");
  await removeSub.click();
  await expect(subs).toContainText("No sub-account listed.");

  // A failed sign-in: the focus lands on what went wrong.
  await page.getByLabel("API address").fill(baseURL.replace(/\/$/, ""));
  await page.getByLabel("User name").fill("demo");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  const error = page.getByTestId("connect-error");
  await expect(error).toBeVisible({ timeout: 30_000 });
  await expect(page.locator(":focus")).toContainText(await error.textContent());
  await fits(page, "a failed sign-in");

  // Signed in: the focus is on the live section, the inventory with its tables and charts.
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Your account, live" })).toBeFocused();
  await expect(page.getByTestId("deletion-plan")).toBeVisible();
  // Chart labels stay readable: at least 10 px high on screen.
  const chart = page.getByTestId("ob-inv-chart-kind");
  await expect(chart).toBeVisible();
  const labelHeight = await chart.evaluate((figure) => figure.querySelector("svg text").getBoundingClientRect().height);
  expect(labelHeight).toBeGreaterThanOrEqual(10);
  // Every table's scroll region is reachable by keyboard and named.
  for (const region of await page.locator(".ob-inv-scroll").all()) {
    await expect(region).toHaveAttribute("tabindex", "0");
    await expect(region).toHaveAttribute("aria-label", /\S/);
  }
  await fits(page, "the inventory and the plan");

  await markAllNotNeeded(page);
  await answerManualItems(page);
  await answerNoCommitment(page);
  await confirmDeletion(page, "DEMO");
  await expect(page.getByTestId("deletion-run")).toBeVisible({ timeout: 30_000 });
  await fits(page, "the run");

  const ledger = page.getByTestId("deletion-ledger");
  await expect(ledger).toBeVisible({ timeout: 240_000 });
  await expect(ledger).toContainText("Nothing that bills is left");
  await fits(page, "the ledger");

  // Step 4 and the record.
  for (const n of [1, 2, 3]) await expect(tick(page, n)).toBeChecked({ timeout: 30_000 });
  // The alias comes from the connection, and stays editable.
  const alias = page.getByLabel(/Account alias \(optional/);
  await expect(alias).toHaveValue("DEMO");
  const requested = page.getByRole("button", { name: /I have clicked "request to close"/ });
  await expect(requested).toBeEnabled({ timeout: 30_000 });
  await requested.click();
  await expect(page.getByTestId("countdown")).toContainText("Waiting for the confirmation");
  await page.getByRole("button", { name: "Show the record" }).click();
  await expect(page.getByTestId("record")).toBeVisible();
  await fits(page, "step 4 and the record");
});
