// What every bench script launches and counts: Debian's Chromium, headless, with the flags it needs
// on this machine (and a larger shared memory, for the 10,000-row pages), and the paths of the
// CLC API (the API requests a run sent, OPTIONS aside).
export const CHROMIUM = "/usr/bin/chromium";
export const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];
export const API_PATH = /^\/(v2|v2-experimental|rdbs|backup)\//;
