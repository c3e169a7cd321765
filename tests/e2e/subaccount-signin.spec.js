// Sub-accounts listed on the connect screen, against the simulator server (real HTTP): the
// sign-in checks them at the same time (every listed alias's data-center read is sent before
// any alias's details is), and the scan right after takes each alias's data-center list from
// those checks instead of reading it again.
import { test, expect, open, at, instantOf, setSimulatorClock, releaseQueue, simPost } from "./support.js";

const SCENARIO = "large:dcs=2,servers=12,groups=2,ips=2,subaccounts=3";
const PARENT = "LRGE";
const SUBS = ["L001", "L002", "L003"];

test("the listed sub-accounts are checked at once, and the scan reads no data-center list again", async ({ page, baseURL, timezoneId }) => {
  await simPost("/_sim/reset", { scenario: SCENARIO, seed: 1 });
  await releaseQueue();
  await setSimulatorClock(instantOf(at(), timezoneId));

  await open(page);
  await page.getByRole("button", { name: "Connect my account" }).click();
  const form = page.getByTestId("ob-sub-connect");
  for (const alias of SUBS) {
    const field = form.getByLabel("Sub-account alias");
    await field.fill(alias.toLowerCase());
    await field.press("Enter");
    await expect(form.getByRole("listitem").filter({ hasText: alias })).toBeVisible();
  }
  // Every API read the page sends from here, in the order it sends them.
  const paths = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (r.method() === "GET" && url.pathname.startsWith("/v2/")) paths.push(url.pathname);
  });
  await page.getByLabel("API address").fill(baseURL.replace(/\/$/, ""));
  await page.getByLabel("User name").fill("large");
  await page.getByLabel("Password").fill("large-password");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByTestId("alias")).toHaveText(PARENT);
  const byAccount = page.getByTestId("ob-inv-summary-account");
  for (const alias of SUBS) await expect(byAccount).toContainText(`${alias} (sub-account)`, { timeout: 60_000 });
  await expect(page.getByTestId("scan-progress")).toHaveCount(0, { timeout: 60_000 });

  // The sign-in and the first scan's reads up to its first group tree: the page's clock runs, so
  // on a slow machine the 60-second refresh may have started another scan (which reads its own
  // lists) by now. A scan reads each alias's data-center list before any of its groups.
  const groups = paths.findIndex((p) => p.startsWith("/v2/groups/"));
  expect(groups, paths.join("\n")).toBeGreaterThan(0);
  const first = paths.slice(0, groups);
  const dataCenters = (alias) => first.filter((p) => p.startsWith(`/v2/datacenters/${alias}`));
  const details = first.map((p, i) => [p, i]).filter(([p]) => /^\/v2\/accounts\/L00\d/.test(p)).map(([, i]) => i);
  expect(details.length, paths.join("\n")).toBe(SUBS.length);
  for (const alias of [PARENT, ...SUBS]) {
    // One read each: the sign-in's (the parent's check, each sub-account's), none by the scan.
    expect(dataCenters(alias), paths.join("\n")).toHaveLength(1);
  }
  for (const alias of SUBS) {
    const at = first.findIndex((p) => p.startsWith(`/v2/datacenters/${alias}`));
    // Checked at the same time: no alias's check waits for another's to end.
    expect(at, paths.join("\n")).toBeLessThan(Math.min(...details));
  }
});
