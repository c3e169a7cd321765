// What every bench script launches and counts: Debian's Chromium, headless, with the flags it needs
// on this machine (and a larger shared memory, for the 10,000-row pages), and the paths of the
// CLC API (the API requests a run sent, OPTIONS aside).
export const CHROMIUM = "/usr/bin/chromium";
export const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];
export const API_PATH = /^\/(v2|v2-experimental|rdbs|backup)\//;

/** The page at `url` up to the sign-in's last field: "Connect my account", each sub-account in
 * `subs` listed (checked at once after the sign-in; the first scan reads them with the parent),
 * and the simulator's large account's user name and password. The caller clicks "Sign in". */
export const fillLargeSignIn = async (page, url, subs) => {
  await page.goto(url);
  await page.getByRole("button", { name: "Connect my account" }).click();
  for (const alias of subs) {
    const field = page.getByTestId("ob-sub-connect").getByLabel("Sub-account alias");
    await field.fill(alias);
    await field.press("Enter");
    await page.getByTestId("ob-sub-connect").getByRole("listitem").filter({ hasText: alias }).waitFor();
  }
  await page.getByLabel("User name").fill("large");
  await page.getByLabel("Password").fill("large-password");
};
