// offboard's demo simulator, run in a dedicated module worker that the page starts only when the
// demo is chosen (see src/services/sim_worker.rs). `cargo xtask` fills in the hashed names of
// the simulator's wasm and its glue, and gives this file a hashed name too. Every path is
// relative to this file, so it works wherever the app's files are served from.
//
// The simulator never reads this worker's clock: the page sends the simulator's time with each
// request. Messages both ways are JSON text (see crates/sim-worker). A failure that leaves the
// simulator unusable (its wasm did not load, or it trapped) is posted as
// `{ "kind": "stopped", "error": … }`, and the worker then closes.
import init, { answer } from "./__OFFBOARD_SIM_JS__";

const ready = init({ module_or_path: new URL("./__OFFBOARD_SIM_WASM__", import.meta.url) });

const stop = (what, error) => {
  self.postMessage(JSON.stringify({ kind: "stopped", error: `${what}: ${error?.message ?? error}` }));
  self.close();
};

let stopped = false;
self.onmessage = async ({ data }) => {
  try {
    await ready;
  } catch (error) {
    if (!stopped) stop("its file could not be loaded", error);
    stopped = true;
    return;
  }
  if (stopped) return;
  try {
    self.postMessage(answer(data));
  } catch (error) {
    stopped = true;
    stop("it failed", error);
  }
};
