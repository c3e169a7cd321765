// The app where hosts put it: embedded in a knowledge-base page and a docs page, each loading
// dist/ from a sub-path with relative assets, under a strict CSP. The host's own elements must
// look the same with and without the app; data- attributes (or a host script calling `mount`)
// configure it; it reloads offline; the host page hears what happens through its events.
import { HOST_URL } from "./playwright.config.js";
import { test, expect, expectNoAxeViolations, tick, markAllNotNeeded, answerManualItems, confirmDeletion, answerNoCommitment } from "./support.js";

const KB = `${HOST_URL}/kb/closing-your-account/`;
const DOCS = `${HOST_URL}/docs/guides/closing/`;

/** Records CSP violations and failed requests from the start of the page. */
async function watch(page) {
  const failed = [];
  page.on("requestfailed", (r) => failed.push(r.url()));
  page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return failed;
}

const HOST_ELEMENTS = {
  [KB]: ["#kb-title", "#kb-overview", "#kb-intro", "#kb-final", "#kb-feedback", "header.site", "footer.site", "body"],
  [DOCS]: ["#docs-title", "#docs-nav", "header.site", "body"],
};
const PROPS = ["color", "background-color", "font-family", "font-size", "line-height", "margin-top", "margin-bottom", "padding-top", "text-transform", "border-top-style", "box-sizing", "width"];

async function hostStyles(page, selectors) {
  return page.evaluate(
    ([selectors, props]) =>
      Object.fromEntries(
        selectors.map((s) => {
          const cs = getComputedStyle(document.querySelector(s));
          return [s, Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]))];
        }),
      ),
    [selectors, PROPS],
  );
}

for (const [name, url, base] of [
  ["knowledge-base article", KB, "/kb/closing-your-account/offboard/"],
  ["docs page", DOCS, "/docs/guides/closing/app/"],
]) {
  test(`${name}: loads from its sub-path under a strict CSP`, async ({ page }) => {
    const failed = await watch(page);
    const requests = [];
    page.on("request", (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(url);
    const app = page.locator("[data-offboard] .ob-app");
    await expect(app.getByRole("heading", { name: "Close your account, step by step" })).toBeVisible();
    await tick(page, 1).check();
    await expect(tick(page, 1)).toBeChecked();
    // Every app file came from the sub-path, none from the site root.
    const appFiles = requests.filter((p) => /offboard|\.wasm|base-|checklist-|print-/.test(p));
    expect(appFiles.length).toBeGreaterThan(3);
    for (const p of appFiles) expect(p.startsWith(base), p).toBe(true);
    expect(await page.evaluate(() => window.__csp)).toEqual([]);
    expect(failed).toEqual([]);
  });

  test(`${name}: the host's own elements keep their styles`, async ({ page }) => {
    const selectors = HOST_ELEMENTS[url];
    await page.route("**/offboard.js", (route) => route.abort());
    await page.goto(url);
    const before = await hostStyles(page, selectors);
    await page.unroute("**/offboard.js");
    await page.goto(url);
    await expect(page.locator(".ob-app h1")).toBeVisible();
    const after = await hostStyles(page, selectors);
    expect(after).toEqual(before);
    // And the host's aggressive button style does not reach the app's buttons.
    const appButton = await page.getByRole("button", { name: "Start over" }).evaluate((b) => getComputedStyle(b).borderTopStyle);
    expect(appButton).toBe("solid");
  });

  test(`${name}: no accessibility violations`, async ({ page }) => {
    await page.goto(url);
    await expect(page.locator(".ob-app h1")).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test(`${name}: reloads offline after the first visit`, async ({ page, context }) => {
    await page.goto(url);
    await expect(page.locator(".ob-app h1")).toBeVisible();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator(".ob-app h1")).toBeVisible();
    await tick(page, 1).check();
    await expect(tick(page, 1)).toBeChecked();
    await context.setOffline(false);
  });
}

// Weekday names: no English date contains a German one, and no German date an English one.
const GERMAN_WEEKDAY = /Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag/;
const ENGLISH_WEEKDAY = /Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday/;

test("data- attributes configure mode, API base and locale", async ({ page }) => {
  await page.goto(KB);
  // data-locale="de-DE": dates in German (a German weekday, the day before the month), whatever
  // the browser's language.
  const german = page.getByTestId("final-invoice");
  await expect(german).toContainText(GERMAN_WEEKDAY);
  await expect(german).not.toContainText(ENGLISH_WEEKDAY);
  await expect(german.locator("time").first()).toHaveText(/^[A-Za-zäöüÄÖÜß]+, \d{1,2}\. [A-Za-zäöüÄÖÜß]+ \d{4}$/);
  await expect(page.getByTestId("mode")).toContainText("Offline checklist");
  // The docs page sets nothing: the defaults (checklist, the browser's language, en-GB here).
  await page.goto(DOCS);
  await expect(page.getByTestId("mode")).toContainText("Offline checklist");
  const english = page.getByTestId("final-invoice");
  await expect(english).toContainText(ENGLISH_WEEKDAY);
  await expect(english).not.toContainText(GERMAN_WEEKDAY);
});

test("a host that names the checklist keeps it over a tab's kept session, and hears the mode it starts in", async ({ page }) => {
  // The tab kept its session ("Keep me connected"), as a reload after connecting finds it.
  await page.addInitScript(() =>
    sessionStorage.setItem("offboard.session", JSON.stringify({ api_base: "https://api.ctl.io", alias: "DEMO", token: "kept-token" })),
  );
  await page.goto(KB);
  await expect(page.locator(".ob-app h1")).toBeVisible();
  await expect(page.getByTestId("mode")).toContainText("Offline checklist");
  await expect(page.getByRole("button", { name: "Checklist only (offline)" })).toHaveAttribute("aria-pressed", "true");
  // Its listener heard the mode once, at the start.
  await expect.poll(() => page.evaluate(() => window.kbHeard.filter((e) => e.type === "offboard:mode"))).toEqual([
    { type: "offboard:mode", detail: { mode: "checklist" } },
  ]);
  // A page that names no mode lets the kept session come back connected.
  await page.goto(DOCS);
  await expect(page.getByTestId("mode")).toContainText("Connected mode");
});

test("adapts from a narrow column to full width", async ({ page }) => {
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(DOCS);
    await expect(page.locator(".ob-app h1")).toBeVisible();
    const overflow = await page.evaluate(() => {
      const app = document.querySelector(".ob-app");
      return app.scrollWidth - app.clientWidth;
    });
    expect(overflow, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
  }
});

test("a host's own script mounts the app with a config object, and bad calls say why", async ({ page }) => {
  const failed = await watch(page);
  await page.goto(`${HOST_URL}/scripted/`);
  // scripted.js: `await mount(#closure, { mode: "demo", locale: "en-GB" })` from mount.js, and
  // nothing else.
  const root = page.locator("#closure");
  await expect(root.getByTestId("identity")).toContainText("Demo account (simulated)");
  await expect(root).toHaveAttribute("data-mode", "demo");
  await expect(page.locator(".ob-app")).toHaveCount(1);
  await expect(page.locator("#scripted-intro")).toBeVisible();
  expect(await page.evaluate(() => window.__csp)).toEqual([]);
  expect(failed).toEqual([]);

  // Each wrong call is refused with a sentence that names the problem; none of them mounts
  // anything.
  const errors = await page.evaluate(async () => {
    const { mount } = await import("./app/mount.js");
    const attempt = async (...args) => {
      try {
        await mount(...args);
        return "no error";
      } catch (e) {
        return `${e.name}: ${e.message}`;
      }
    };
    const here = document.getElementById("scripted-intro");
    return [
      await attempt("#closure"),
      await attempt(document.createElement("div"), {}),
      await attempt(here, "demo"),
      await attempt(here, { colour: "red" }),
      await attempt(here, { mode: "everything" }),
      await attempt(here, { apiBase: 443 }),
      await attempt(document.getElementById("closure"), { mode: "demo" }),
    ];
  });
  expect(errors).toEqual([
    "TypeError: offboard: mount(element, config) needs an element in this page's document",
    "TypeError: offboard: mount(element, config) needs an element in this page's document",
    'TypeError: offboard: the config must be an object, such as { mode: "demo" }',
    'TypeError: offboard: unknown config key "colour" (the keys are mode, apiBase, locale)',
    "TypeError: offboard: config.mode must be one of checklist, demo, connected",
    "TypeError: offboard: config.apiBase must be a string",
    "Error: offboard: the app is already mounted on this page",
  ]);
  await expect(page.locator("#scripted-intro")).not.toHaveAttribute("data-offboard", /.*/);
  await expect(page.locator(".ob-app")).toHaveCount(1);
  await expectNoAxeViolations(page);
});

// What a host page can ever read from an event: each detail's keys with the kind of each value.
// The only strings are mode names, a run's phase and an ISO time; any other string is shown as
// itself, so it fails the comparison below.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const WORDS = ["checklist", "demo", "connected", "started", "finished"];
const shape = (detail) =>
  Object.fromEntries(
    Object.entries(detail).map(([key, value]) => [
      key,
      typeof value !== "string" || WORDS.includes(value) || ISO_TIME.test(value) ? typeof value : `string ${value}`,
    ]),
  );
const SHAPES = {
  "offboard:mode": [{ mode: "string" }],
  "offboard:step": [{ step: "number", done: "boolean" }],
  "offboard:scan": [{ resources: "number", billable: "number", unread: "number", complete: "boolean", hourlyCost: "number" }],
  "offboard:run": [{ phase: "string" }, { phase: "string", removed: "number", failed: "number", remaining: "number" }],
  "offboard:requested": [{ requestedAt: "string" }],
};

test("knowledge-base article: its listener hears a whole demo closure in order, and no detail holds a secret", async ({ page }) => {
  test.setTimeout(300_000);
  const failed = await watch(page);
  await page.goto(KB);
  // tests/e2e/hosts/kb-article.js, the page's own external script, keeps what it hears.
  await page.getByRole("button", { name: "Try the demo account" }).click();
  await expect(page.getByTestId("inventory")).toBeVisible({ timeout: 30_000 });
  await markAllNotNeeded(page);
  await confirmDeletion(page, "DEMO");
  const ledger = page.getByTestId("deletion-ledger");
  await expect(ledger).toContainText("Nothing that bills is left", { timeout: 240_000 });
  for (const n of [1, 2, 3]) await expect(tick(page, n)).toBeChecked({ timeout: 30_000 });
  await answerNoCommitment(page);
  await answerManualItems(page);
  const before = await page.evaluate(() => Date.now());
  await page.getByRole("button", { name: /I have clicked "request to close"/ }).click();
  // The page's survey, opened by its listener.
  await expect(page.locator("#kb-survey")).toBeVisible();
  const after = await page.evaluate(() => Date.now());
  const heard = await page.evaluate(() => window.kbHeard);

  // The story, in order. Readings of the account (the first, each minute's, the one after the
  // run) come between; they are checked below.
  const story = heard.filter((e) => e.type !== "offboard:scan");
  expect(story).toEqual([
    // The mode the page starts in (its data-mode), then the customer's switch; the live tools
    // taking over from the checklist say nothing more.
    { type: "offboard:mode", detail: { mode: "checklist" } },
    { type: "offboard:mode", detail: { mode: "demo" } },
    { type: "offboard:step", detail: { step: 1, done: true } },
    { type: "offboard:step", detail: { step: 2, done: true } },
    { type: "offboard:run", detail: { phase: "started" } },
    { type: "offboard:run", detail: { phase: "finished", removed: expect.any(Number), failed: 0, remaining: expect.any(Number) } },
    { type: "offboard:step", detail: { step: 3, done: true } },
    { type: "offboard:step", detail: { step: 4, done: true } },
    { type: "offboard:requested", detail: { requestedAt: expect.stringMatching(ISO_TIME) } },
  ]);
  expect(story[5].detail.removed).toBeGreaterThan(0);
  const requestedAt = Date.parse(story[8].detail.requestedAt);
  expect(requestedAt).toBeGreaterThanOrEqual(before);
  expect(requestedAt).toBeLessThanOrEqual(after);

  // The first reading found what bills before step 1 was ticked; a reading after the run found
  // nothing billing before step 3 was.
  const at = (type, step) => heard.findIndex((e) => e.type === type && (step === undefined || e.detail.step === step));
  const firstScan = at("offboard:scan");
  expect(firstScan).toBeGreaterThan(heard.findLastIndex((e) => e.type === "offboard:mode"));
  expect(firstScan).toBeLessThan(at("offboard:step", 1));
  expect(heard[firstScan].detail).toMatchObject({ complete: true, unread: 0 });
  expect(heard[firstScan].detail.billable).toBeGreaterThan(0);
  expect(heard[firstScan].detail.hourlyCost).toBeGreaterThan(0);
  const finished = heard.findIndex((e) => e.type === "offboard:run" && e.detail.phase === "finished");
  const verified = heard.slice(finished, at("offboard:step", 3)).filter((e) => e.type === "offboard:scan");
  expect(verified.at(-1)?.detail).toMatchObject({ billable: 0, hourlyCost: 0, complete: true });

  // Nothing but counts, flags, modes, phases and a time: no token, user name, alias, name or id.
  for (const { type, detail } of heard) expect(SHAPES[type], type).toContainEqual(shape(detail));
  expect(JSON.stringify(heard)).not.toMatch(/DEMO|VA1|UC1|GB3|Web|Database|[Bb]earer|eyJ/);
  expect(await page.evaluate(() => window.__csp)).toEqual([]);
  expect(failed).toEqual([]);
});
