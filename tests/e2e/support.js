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
