// Connected, with a cloud term commitment: step 4 never opens on that path, and says what happens
// instead (the sales representative closes the account) rather than "opens when the rest is done".
import { test, expect, open, connect } from "./support.js";

test("with a term commitment, step 4 says the sales representative closes the account", async ({ page, baseURL }) => {
  await open(page);
  await connect(page, baseURL);
  await page.getByLabel("Yes, the account has a term commitment").check();
  const locked = page.getByTestId("gate-locked");
  await expect(locked.getByRole("heading")).toHaveText(/does not open with a term commitment: your sales representative closes the account/);
  await expect(locked).not.toContainText("opens when the rest is done");
  await expect(page.getByRole("button", { name: /request to close/ })).toBeDisabled();
});
