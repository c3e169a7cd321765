// End-to-end tests: the release build in Debian's Chromium, served by the simulator server.
// `cargo xtask test` builds dist/ and the simulator and passes their paths, nginx's, the number of
// workers (OFFBOARD_E2E_WORKERS, 2 unless set; 1 runs the tests one at a time) and the first of
// three free ports per worker. Each worker has its own three: its simulator and its host pages,
// started and stopped by support.js, and the port proxy.spec.js runs nginx on; so no test sees
// another worker's simulator.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";

const here = path.dirname(fileURLToPath(import.meta.url));

/** How many tests run at once, each worker with its own servers. */
export const WORKERS = Number(process.env.OFFBOARD_E2E_WORKERS || 2);
if (!Number.isInteger(WORKERS) || WORKERS < 1 || WORKERS > 64) {
  throw new Error(`OFFBOARD_E2E_WORKERS must be a whole number from 1 to 64, not ${JSON.stringify(process.env.OFFBOARD_E2E_WORKERS)}`);
}
// Playwright sets TEST_PARALLEL_INDEX (0 to the number of workers - 1) in each worker before it loads this file
// there; a worker that replaces a failed one gets the same index once the failed one has ended.
const worker = Number(process.env.TEST_PARALLEL_INDEX || 0);
const port = Number(process.env.OFFBOARD_E2E_PORT || 8090) + 3 * worker;
const sim = path.resolve(here, process.env.OFFBOARD_SIM_BIN || "../../target/release/clc-sim");
const dist = path.resolve(here, process.env.OFFBOARD_DIST || "../../dist");

/** This worker's servers. */
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
  // Any test may run in any worker, beside any other: each starts from the demo account afresh
  // (support.js) on its worker's own simulator.
  fullyParallel: true,
  workers: WORKERS,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.OFFBOARD_E2E_REPORT || "artifacts/results.json" }],
  ],
  use: {
    // This worker's simulator: Playwright loads this file again in each worker.
    baseURL: `${SIM_URL}/`,
    browserName: "chromium",
    // Never the machine's: every test runs in this zone and language unless it picks its own,
    // on a clock that support.js sets (see `test` there).
    locale: "en-GB",
    timezoneId: "Europe/London",
    launchOptions: { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
