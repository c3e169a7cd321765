// Shared steps of the end-to-end tests: fresh state, the checklist's controls, the axe scan.
import { expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const step = (page, n) => page.locator(`li[data-step='${n}']`);
export const tick = (page, n) => step(page, n).getByRole("checkbox");

/** Loads the app and waits until it has rendered (the wasm is running). */
export async function open(page, path = "./") {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

/** "Connect my account", then sign in to `api` as a customer would; callers check the outcome. */
export async function signIn(page, api, user, password) {
  await page.getByRole("button", { name: "Connect my account" }).click();
  await page.getByLabel("API address").fill(api);
  await page.getByLabel("User name").fill(user);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
}

export async function answerNoCommitment(page) {
  await page.getByLabel("No, there is no term commitment").check();
}

export async function tickFirstThree(page) {
  for (const n of [1, 2, 3]) {
    await tick(page, n).check();
    await expect(tick(page, n)).toBeChecked();
  }
}

/** Fails with the list of violations, so the report says what to fix. */
export async function expectNoAxeViolations(page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
}
