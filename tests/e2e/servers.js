// The servers the end-to-end tests start themselves: each worker's simulator and host pages
// (support.js), and proxy.spec.js's own simulator and nginx (proxy-support.js). Each is ready when
// it says it listens, never after a guessed wait.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Starts `clc-sim serve --port PORT ...args` (0: any free port) and resolves with its URL once
 *  it listens. */
export async function startSimulator(bin, args, port = 0) {
  const child = spawn(bin, ["serve", "--port", String(port), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const { line } = await readyWhen(child, /clc-sim listening on (http:\/\/127\.0\.0\.1:\d+)/, "clc-sim", "stdout");
  return { child, url: /http:\/\/127\.0\.0\.1:\d+/.exec(line)[0] };
}

/** Starts host-server.js (the host pages embedding `dist`, allowed to reach `apiBase`) on `port`
 *  and resolves once it listens. */
export async function startHostServer(port, dist, apiBase) {
  const child = spawn(process.execPath, [path.join(here, "host-server.js"), String(port), dist, apiBase], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  await readyWhen(child, /^host server on /, "host-server.js", "stdout");
  return { child, url: `http://127.0.0.1:${port}` };
}

/** Resolves with the first line of `stream` matching `pattern`, and `output()`, everything the
 *  process has printed so far; rejects with that output if the process cannot start or ends
 *  first. A process that ends later, not stopped by `stop`, prints what it said to stderr (a
 *  simulator that panics mid-run is then said, not only seen as refused connections). Stops the
 *  process if this test process exits first, so nothing outlives the run. */
export function readyWhen(child, pattern, name, stream = "stderr") {
  let output = "";
  const kill = () => child.kill("SIGTERM");
  process.once("exit", kill);
  child.once("exit", () => process.off("exit", kill));
  return new Promise((resolve, reject) => {
    let ready = false;
    for (const s of ["stdout", "stderr"]) {
      child[s].setEncoding("utf8");
      child[s].on("data", (chunk) => {
        output += chunk;
        const line = s === stream && !ready && output.split("\n").find((l) => pattern.test(l));
        if (line) {
          ready = true;
          resolve({ line, output: () => output });
        }
      });
    }
    child.once("error", (e) => ready || reject(new Error(`${name} could not start: ${e.message}`)));
    child.once("exit", (code, signal) => {
      if (!ready) reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${output}`));
      else if (!child.stopping) process.stderr.write(`${name} ended during the run (${code ?? signal}):\n${output}\n`);
    });
  });
}

/** Stops a process started here and waits for it to end. */
export function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  child.stopping = true;
  return new Promise((resolve) => {
    child.once("exit", resolve);
    // nginx's master ends its workers on TERM.
    child.kill("SIGTERM");
  });
}
