// Sub-accounts listed by hand on the connect screen and beside the identity, against the
// simulator server (real HTTP): a user of the sub-account DEMS who adds its parent DEMO is
// refused in words that say what to do, and nothing is deleted anywhere; the parent's user adds
// DEMS, it is read once, accepted and saved for DEMO, and comes back at the next sign-in.
import { test, expect, open, signIn, simPost, simLog, simState, removable, expectNoAxeViolations } from "./support.js";

/** What a closure could remove, per account of the hierarchy. */
function removableAll(state) {
  return { parent: removable(state), subAccounts: (state.subAccounts || []).map(removable) };
}

const saved = (page, parent) => page.evaluate((key) => localStorage.getItem(key), `offboard.subaccounts.${parent}`);

test("a user of the sub-account who adds the parent's alias is refused in words, and nothing is deleted", async ({ page, baseURL }) => {
  const before = removableAll(await simState());
  expect(before.subAccounts.length).toBe(1);
  expect(before.parent.servers.length).toBeGreaterThan(0);

  await open(page);
  await signIn(page, baseURL.replace(/\/$/, ""), "dems", "dems-password");
  await expect(page.getByTestId("alias")).toHaveText("DEMS");
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });

  const list = page.getByTestId("ob-sub-live");
  // It says where the aliases are found.
  await expect(list).toContainText("account switcher");
  await expect(list).toContainText("Sub-accounts page under the account settings");
  const field = list.getByLabel("Sub-account alias");
  await expect(list.getByRole("button", { name: "Add" })).toBeEnabled({ timeout: 30_000 });
  await field.fill("demo");
  await field.press("Enter");

  const refusal = page.getByTestId("ob-sub-live-error");
  await expect(refusal).toContainText("This user cannot reach DEMO", { timeout: 30_000 });
  await expect(refusal).toContainText("sign in as a user of DEMO");
  await expect(refusal).toContainText("administrator of its parent account");
  await expect(refusal).toContainText("not added");
  // Nothing listed, nothing saved, what was typed is still there, and the focus with it.
  await expect(list).toContainText("No sub-account listed.");
  await expect(field).toHaveValue("demo");
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  expect(await saved(page, "DEMS")).toBeNull();
  // The page still reads DEMS alone, and the refusal breaks no accessibility rule.
  await expect(page.getByTestId("alias")).toHaveText("DEMS");
  await expectNoAxeViolations(page);

  // The simulator's own record: no DELETE was sent, and both accounts hold what they held.
  const deletes = (await simLog()).filter((r) => r.method === "DELETE");
  expect(deletes).toEqual([]);
  expect(removableAll(await simState())).toEqual(before);
});

test("the parent's user adds DEMS: it is read, accepted, saved for DEMO, and back at the next sign-in", async ({ page, baseURL }) => {
  const api = baseURL.replace(/\/$/, "");
  await open(page);
  await signIn(page, api, "demo", "demo-password");
  await expect(page.getByTestId("alias")).toHaveText("DEMO");
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });

  const list = page.getByTestId("ob-sub-live");
  const field = list.getByLabel("Sub-account alias");
  const add = list.getByRole("button", { name: "Add" });
  await expect(add).toBeEnabled({ timeout: 30_000 });

  // What is refused before any read: a malformed alias and the parent itself.
  await field.fill("de-ms");
  await add.click();
  await expect(page.getByTestId("ob-sub-live-error")).toContainText("is not an account alias");
  await field.fill("demo");
  await field.press("Enter");
  await expect(page.getByTestId("ob-sub-live-error")).toContainText("DEMO is the account you connect with");

  // DEMS, in any case: read once and accepted.
  await field.fill(" dems ");
  await add.click();
  await expect(list.getByRole("listitem").filter({ hasText: "DEMS" })).toBeVisible({ timeout: 30_000 });
  await expect(list).toContainText("DEMS was read and added to the list.");
  await expect(page.getByTestId("ob-sub-live-error")).toHaveCount(0);
  await expect(field).toHaveValue("");
  await expect(field).toBeFocused();
  expect(JSON.parse(await saved(page, "DEMO")).marks).toEqual(["DEMS"]);

  // Twice is refused.
  await expect(add).toBeEnabled({ timeout: 30_000 });
  await field.fill("Dems");
  await field.press("Enter");
  await expect(page.getByTestId("ob-sub-live-error")).toContainText("DEMS is in the list already.");

  // A reload and a new sign-in: the list for DEMO comes back, read again.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await signIn(page, api, "demo", "demo-password");
  await expect(page.getByTestId("alias")).toHaveText("DEMO");
  const back = page.getByTestId("ob-sub-live");
  await expect(back.getByRole("listitem").filter({ hasText: "DEMS" })).toBeVisible({ timeout: 30_000 });

  // Removed with the keyboard: the focus goes back to the field, and the saved list is empty.
  const remove = back.getByRole("button", { name: "Remove DEMS" });
  await expect(remove).toBeEnabled({ timeout: 30_000 });
  await remove.focus();
  await page.keyboard.press("Enter");
  await expect(back).toContainText("No sub-account listed.");
  await expect(back.getByLabel("Sub-account alias")).toBeFocused();
  expect(JSON.parse(await saved(page, "DEMO")).marks).toEqual([]);

  // Nothing was deleted along the way.
  expect((await simLog()).filter((r) => r.method === "DELETE")).toEqual([]);
});

test("aliases listed before sign-in are read after it; one the user cannot reach is said in words", async ({ page, baseURL }) => {
  await open(page);
  await page.getByRole("button", { name: "Connect my account" }).click();
  const form = page.getByTestId("ob-sub-connect");
  const field = form.getByLabel("Sub-account alias");
  // With a token, the alias typed beside it is the parent: not a sub-account.
  await page.getByLabel("Sign in with").selectOption({ label: "A bearer token" });
  await page.getByLabel("Account alias", { exact: true }).fill("demo");
  await field.fill("Demo");
  await field.press("Enter");
  await expect(page.getByTestId("ob-sub-connect-error")).toContainText("DEMO is the account you connect with");
  await expect(form).toContainText("No sub-account listed.");
  await page.getByLabel("Sign in with").selectOption({ label: "Control Portal user name and password" });
  await field.fill("dems");
  await field.press("Enter");
  await expect(form.getByRole("listitem").filter({ hasText: "DEMS" })).toBeVisible();
  await expect(field).toBeFocused();
  await field.fill("zzzz");
  await field.press("Enter");
  // Enter added the alias; it did not send the form.
  await expect(form.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByTestId("identity")).toHaveCount(0);
  await form.getByRole("button", { name: "Remove ZZZZ" }).click();
  await expect(form.getByRole("listitem")).toHaveCount(1);
  await expect(form.getByRole("button", { name: "Remove DEMS" })).toBeFocused();
  await field.fill("nope");
  await field.press("Enter");

  await page.getByLabel("API address").fill(baseURL.replace(/\/$/, ""));
  await page.getByLabel("User name").fill("demo");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByTestId("alias")).toHaveText("DEMO");
  const live = page.getByTestId("ob-sub-live");
  await expect(live.getByRole("listitem").filter({ hasText: "DEMS" })).toBeVisible();
  await expect(page.getByTestId("ob-sub-live-refused")).toContainText("This user cannot reach NOPE");
  expect(JSON.parse(await saved(page, "DEMO")).marks).toEqual(["DEMS"]);
});

test("with the session kept for the tab, a reload comes back connected with the saved sub-accounts", async ({ page, baseURL }) => {
  await open(page);
  await page.getByRole("button", { name: "Connect my account" }).click();
  await page.getByLabel("API address").fill(baseURL.replace(/\/$/, ""));
  await page.getByLabel("User name").fill("demo");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByLabel(/Keep me connected in this tab/).check();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByTestId("alias")).toHaveText("DEMO");
  const list = page.getByTestId("ob-sub-live");
  const add = list.getByRole("button", { name: "Add" });
  await expect(add).toBeEnabled({ timeout: 30_000 });
  await list.getByLabel("Sub-account alias").fill("DEMS");
  await add.click();
  await expect(list.getByRole("listitem").filter({ hasText: "DEMS" })).toBeVisible({ timeout: 30_000 });
  // The token is kept in sessionStorage only; the saved list holds aliases, never the token.
  const raw = await saved(page, "DEMO");
  const token = JSON.parse(await page.evaluate(() => sessionStorage.getItem("offboard.session"))).token;
  expect(token.length).toBeGreaterThan(10);
  expect(raw).not.toContain(token);

  await page.reload();
  await expect(page.getByTestId("alias")).toHaveText("DEMO", { timeout: 30_000 });
  await expect(page.getByTestId("ob-sub-live").getByRole("listitem").filter({ hasText: "DEMS" })).toBeVisible({ timeout: 30_000 });
});

test("a check the service fails to answer is said as such; the alias is not added, and adding it again works", async ({ page, baseURL }) => {
  await open(page);
  await signIn(page, baseURL.replace(/\/$/, ""), "demo", "demo-password");
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
  const list = page.getByTestId("ob-sub-live");
  const field = list.getByLabel("Sub-account alias");
  const add = list.getByRole("button", { name: "Add" });
  await expect(add).toBeEnabled({ timeout: 30_000 });

  const fault = { rules: [{ route: "/v2/datacenters/DEMS", method: "GET", fault: { kind: "status", status: 500 } }] };
  await simPost("/_sim/faults", fault);
  await field.fill("dems");
  await add.click();
  const error = page.getByTestId("ob-sub-live-error");
  await expect(error).toContainText("DEMS could not be checked, so it was not added.", { timeout: 30_000 });
  await expect(error).toContainText("error 500");
  await expect(error).not.toContainText("cannot reach");
  await expect(list).toContainText("No sub-account listed.");
  await expect(field).toHaveValue("dems");

  // The service answers again: the same text, added once more, is accepted.
  await simPost("/_sim/faults", {});
  await add.click();
  await expect(list.getByRole("listitem").filter({ hasText: "DEMS" })).toBeVisible({ timeout: 30_000 });
  await expect(error).toHaveCount(0);
});
