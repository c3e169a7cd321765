// Step 2 helps to get the data off: each server lists its disks and snapshots, and the Service
// Task request names every server: copied whole, or opened as an e-mail to the help desk (cut to
// a length mail programs keep, saying so), sent only by the customer.
import { test, expect, open, connect, simState } from "./support.js";

test("step 2 shows a server's disks and snapshots; the Service Task request names every server, copied whole, and its e-mail is cut to a safe length saying so", async ({ page, baseURL }) => {
  const state = await simState();
  await open(page);
  await connect(page, baseURL);
  const retrieve = page.getByTestId("inventory-retrieve");
  await expect(page.getByTestId("inventory-marked")).toContainText(/\d+ resources hold data, 0 are marked/);

  // An active server with snapshots: its row lists its disk sizes and its snapshots.
  const server = state.servers.find((s) => s.status === "active" && !s.isTemplate && s.snapshots.length > 0);
  expect(server).toBeTruthy();
  const row = retrieve.locator("li.ob-inv-mark").filter({
    has: page.locator("legend", { hasText: new RegExp(`^server ${server.name} `) }),
  });
  await expect(row).toHaveCount(1);
  const facts = row.getByRole("list", { name: `What server ${server.name} holds` });
  await expect(facts).toContainText(`disks: 0:0 1 GB, 0:1 2 GB, 0:2 ${server.storageGB - 3} GB`);
  await expect(facts).toContainText("snapshots: ");

  // The request's text names every server; nothing is sent by the page.
  const task = page.getByTestId("service-task");
  const requestText = task.getByLabel("Service Task request");
  // The demo's request is short enough to show as it is, with nothing to open first.
  await expect(task.getByTestId("service-task-whole")).toHaveCount(0);
  await expect(requestText).toBeVisible();
  await expect(requestText).toHaveValue(/Account alias: DEMO/i);
  const full = await requestText.inputValue();
  for (const s of state.servers) expect(full).toContain(s.name);
  expect(full).toContain(`0:2 ${server.storageGB - 3} GB`);

  // The demo's request is too long for one e-mail link: the link is kept short enough for mail
  // programs, its body is the request's first lines and a note, and the page says so.
  const mail = task.getByRole("link", { name: /Send by e-mail to help@ctl\.io/ });
  const href = await mail.getAttribute("href");
  expect(href.startsWith("mailto:help@ctl.io?subject=")).toBe(true);
  expect(href.length).toBeLessThanOrEqual(1_800);
  const body = decodeURIComponent(href.split("&body=")[1]);
  const [kept, note] = body.split("\n\n[");
  expect(full.startsWith(`${kept}\n`)).toBe(true);
  expect(note).toContain('press "Copy the request" and paste it here');
  const cut = task.getByTestId("service-task-cut");
  await expect(cut).toContainText('Press "Copy the request" and paste the whole text into the e-mail');
  await expect(mail).toHaveAttribute("aria-describedby", await cut.getAttribute("id"));

  // "Copy the request" puts the whole text on the clipboard, and says so.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await task.getByRole("button", { name: "Copy the request" }).click();
  await expect(task.getByRole("status")).toHaveText("The request is copied.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(full);
});
