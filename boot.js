// offboard boot: starts the app. Every path is relative to this file, so dist/ works from any
// path, and a host page embeds the app with one element and this one script tag.
// `cargo xtask` fills in the hashed file names at build time.
//
// The app is two WebAssembly files. The checklist is the first load and is kept small; the live
// tools (API client, scanner, deletion, the demo's simulator) are fetched only when the user
// picks the demo or their own account, or when the host page asks for one of those modes.
const here = import.meta.url;
const CHECKLIST_JS = "./__OFFBOARD_JS__";
const CHECKLIST_WASM = "./__OFFBOARD_WASM__";
const LIVE_JS = "./__OFFBOARD_LIVE_JS__";
const LIVE_WASM = "./__OFFBOARD_LIVE_WASM__";
// Uncompressed size of the live tools' wasm, for the progress bar.
const LIVE_WASM_BYTES = __OFFBOARD_LIVE_WASM_BYTES__;

// Where the app's files live: the app finds its service worker here.
globalThis.offboardBase = new URL("./", here).href;

const loaded = new Set([...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.href));
for (const name of ["__OFFBOARD_CSS__"]) {
  const href = new URL(name, here).href;
  if (!loaded.has(href)) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.append(link);
  }
}

// The live tools' module, compiled once and kept, whatever happens to the first request for it.
let compiled = null;
// The mode the user is waiting for; null once they chose otherwise.
let wanted = null;
let started = false;
let unmountChecklist = () => {};

async function download(onProgress) {
  const response = await fetch(new URL(LIVE_WASM, here));
  if (!response.ok) throw new Error(`HTTP ${response.status} for the live tools`);
  const chunks = [];
  let received = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress?.(received, Math.max(received, LIVE_WASM_BYTES));
  }
  return WebAssembly.compile(await new Blob(chunks).arrayBuffer());
}

// Fetches the live tools, then hands the page's element over to them in `mode`. The checklist's
// saved state is in localStorage, so the live tools start where the user was.
globalThis.offboardLoadLive = async (mode, onProgress) => {
  wanted = mode;
  if (!compiled) {
    compiled = Promise.all([import(LIVE_JS), download(onProgress)]);
    compiled.catch(() => {
      compiled = null;
    });
  }
  const [glue, module] = await compiled;
  if (wanted === null || started) return;
  started = true;
  globalThis.offboardStartMode = wanted;
  unmountChecklist();
  await glue.default({ module_or_path: module });
};
globalThis.offboardCancelLive = () => {
  wanted = null;
};

const root = document.querySelector("[data-offboard]") ?? document.getElementById("offboard");
const askedMode = root?.getAttribute("data-mode")?.trim();
// Each wasm is requested at once, beside its JS glue rather than after it: one round trip less
// before the app's first paint on a slow network.
if (askedMode === "demo" || askedMode === "connected") {
  // The host asked for a live mode: the live tools carry the checklist too.
  started = true;
  const wasm = fetch(new URL(LIVE_WASM, here), { priority: "high" });
  const glue = await import(LIVE_JS);
  await glue.default({ module_or_path: wasm });
} else {
  const wasm = fetch(new URL(CHECKLIST_WASM, here), { priority: "high" });
  const glue = await import(CHECKLIST_JS);
  unmountChecklist = glue.unmount;
  await glue.default({ module_or_path: wasm });
}
