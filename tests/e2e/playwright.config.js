// End-to-end tests: the release build in Debian's Chromium, served by the simulator server.
// `cargo xtask test` builds dist/ and the simulator and passes their paths, nginx's, and the first
// of three free ports (the simulator, the host pages, the proxy).
import { defineConfig } from "@playwright/test";

const port = Number(process.env.OFFBOARD_E2E_PORT || 8090);
const sim = process.env.OFFBOARD_SIM_BIN || "../../target/release/clc-sim";
const dist = process.env.OFFBOARD_DIST || "../../dist";

export const SIM_URL = `http://127.0.0.1:${port}`;
export const HOST_URL = `http://127.0.0.1:${port + 1}`;
/** Where proxy.spec.js runs nginx with deploy/nginx.conf (it starts and stops it itself). */
export const PROXY_PORT = port + 2;
export const SIM_BIN = sim;
export const DIST = dist;
export const NGINX = process.env.OFFBOARD_NGINX || "/usr/sbin/nginx";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.js",
  outputDir: "artifacts/test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.OFFBOARD_E2E_REPORT || "artifacts/results.json" }],
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: "chromium",
    // Never the machine's: every test runs in this zone and language unless it picks its own,
    // on a clock that support.js sets (see `test` there).
    locale: "en-GB",
    timezoneId: "Europe/London",
    launchOptions: { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: [
    {
      // The app and the simulated CLC API, as `cargo xtask run` serves them.
      // The account's calendar starts at a fixed instant; each test then sets its own.
      command: `"${sim}" serve --port ${port} --scenario demo --time-scale 1 --dist "${dist}" --epoch-ms 1796464800000`,
      url: `http://127.0.0.1:${port}/_sim/health`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // Host pages (knowledge base, docs site) embedding dist/ from sub-paths, under a strict CSP.
      command: `node host-server.js ${port + 1} "${dist}" http://127.0.0.1:${port}`,
      url: `http://127.0.0.1:${port + 1}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
