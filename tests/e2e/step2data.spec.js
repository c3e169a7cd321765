// Step 2 helps to get the data off: each server lists its disks and snapshots, and the Service
// Task request opens as an e-mail to the help desk naming every server, sent only by the customer.
import { test, expect, open, connect } from "./support.js";

test.beforeEach(async ({ request }) => {
  await request.post("/_sim/reset", { data: { scenario: "demo", seed: 1 } });
  await request.post("/_sim/faults", { data: {} });
});

test("step 2 shows a server's disks and snapshots, and the Service Task e-mail names every server", async ({ page, baseURL, request }) => {
  const res = await request.get("/_sim/state");
  expect(res.ok()).toBe(true);
  const state = await res.json();
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

  // The request's text and its e-mail link name every server; nothing is sent by the page.
  const task = page.getByTestId("service-task");
  await expect(task.getByLabel("Service Task request")).toHaveValue(/Account alias: DEMO/i);
  const href = await task.getByRole("link", { name: /Send by e-mail to help@ctl\.io/ }).getAttribute("href");
  expect(href.startsWith("mailto:help@ctl.io?subject=")).toBe(true);
  const body = decodeURIComponent(href.split("&body=")[1]);
  for (const s of state.servers) expect(body).toContain(s.name);
  expect(body).toContain(`0:2 ${server.storageGB - 3} GB`);
});
