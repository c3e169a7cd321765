// offboard boot: starts the app. Every path is relative to this file, so dist/ works from any
// path, and a host page embeds the app with one element and this one script tag.
// `cargo xtask` fills in the hashed file names at build time.
//
// The app is two WebAssembly files. The checklist is the first load and is kept small; the live
// tools (API client, scanner, deletion) are fetched only when the user picks the demo or their
// own account, or when the host page asks for one of those modes. The demo's simulator is a
// third file, run in a worker (sim-worker.js) that the live tools start only for the demo.
const here = import.meta.url;
const CHECKLIST_JS = "./__OFFBOARD_JS__";
const CHECKLIST_WASM = "./__OFFBOARD_WASM__";
const LIVE_JS = "./__OFFBOARD_LIVE_JS__";
const LIVE_WASM = "./__OFFBOARD_LIVE_WASM__";
// Uncompressed size of the live tools' wasm, for the progress bar.
const LIVE_WASM_BYTES = __OFFBOARD_LIVE_WASM_BYTES__;
const SIM_WORKER = "./__OFFBOARD_SIM_WORKER__";
// The live tools' own styles (the inventory, the deletion): fetched with their wasm, never with
// the checklist.
// Each is `[name, integrity]`.
const LIVE_CSS = ["__OFFBOARD_LIVE_CSS__"];
// The checklist's stylesheets, in the order index.html links them.
const CSS = ["__OFFBOARD_CSS__"];
// The print stylesheet comes last: the live styles go in before it.
const PRINT_CSS = CSS.filter((name) => name.startsWith("print-"));

// Where the app's files live: the app finds its service worker here, and the demo's simulator.
globalThis.offboardBase = new URL("./", here).href;
globalThis.offboardSimWorker = new URL(SIM_WORKER, here).href;

const loaded = new Set([...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.href));
for (const name of CSS) {
  const href = new URL(name, here).href;
  if (!loaded.has(href)) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.append(link);
  }
}

// The live tools, fetched and instantiated once, whatever happens to the first request for them.
let loading = null;
// The mode the user is waiting for; null once they chose otherwise.
let wanted = null;
let started = false;
// Who is shown the download's progress (each loader adds itself, and leaves when cancelled).
const listeners = new Set();
let checklist = null;

async function download(signal) {
  const response = await fetch(new URL(LIVE_WASM, here), { signal });
  if (!response.ok) {
    throw new Error(
      response.status === 404
        ? "this page is older than the files on the server: reload the page"
        : `HTTP ${response.status} for the live tools`,
    );
  }
  const chunks = [];
  let received = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    for (const listener of listeners) {
      try {
        listener(received, Math.max(received, LIVE_WASM_BYTES));
      } catch {
        listeners.delete(listener);
      }
    }
  }
  return WebAssembly.compile(await new Blob(chunks).arrayBuffer());
}

// The live styles this script has added and not seen fail: a retry waits on the same link.
const liveStyles = new Map();

// Adds one of the live tools' stylesheets, `[name, integrity]`, unless one with its address
// already applies; resolves when it applies. It goes in before the app's print stylesheet, so
// that one still comes last, as it did when every stylesheet was in index.html. A failed one is
// taken out again, so a retry adds it anew.
function stylesheet([name, integrity]) {
  const href = new URL(name, here).href;
  const links = [...document.querySelectorAll('link[rel="stylesheet"]')];
  if (links.some((l) => l.href === href && l.sheet)) return Promise.resolve();
  if (!liveStyles.has(href)) {
    const link = document.createElement("link");
    const applied = new Promise((resolve, reject) => {
      link.addEventListener("load", () => resolve(), { once: true });
      link.addEventListener("error", () => {
        link.remove();
        liveStyles.delete(href);
        reject(new Error("the live tools' styles did not load"));
      }, { once: true });
    });
    link.rel = "stylesheet";
    // Checked against the build's hash like the page's own links; the fetch is a CORS one, as
    // the live tools' wasm is, so the check also works when dist/ is on another origin.
    if (integrity) {
      link.integrity = integrity;
      link.crossOrigin = "anonymous";
    }
    link.href = href;
    const print = links.find((l) => PRINT_CSS.some((p) => l.href === new URL(p, here).href));
    if (print) print.before(link);
    else document.head.append(link);
    liveStyles.set(href, applied);
  }
  return liveStyles.get(href);
}

function loadLiveTools() {
  if (!loading) {
    const abort = new AbortController();
    const glue = import(LIVE_JS);
    // A failed glue import stops the download too, so a retry never runs two at once.
    glue.catch(() => abort.abort());
    // The styles apply before the live tools mount: they never show unstyled.
    const styles = Promise.all(LIVE_CSS.map(stylesheet));
    styles.catch(() => abort.abort());
    loading = Promise.all([glue, download(abort.signal), styles]).then(async ([g, module]) => {
      // Instantiated before anything is unmounted: a file that fails here costs nothing.
      await g.default({ module_or_path: module });
      return g;
    });
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

// Fetches the live tools, then hands the page's element over to them in `mode`, with the
// checklist exactly as it is on screen.
globalThis.offboardLoadLive = async (mode, onProgress) => {
  wanted = mode;
  if (onProgress) listeners.add(onProgress);
  try {
    const glue = await loadLiveTools();
    if (wanted === null || started) return;
    started = true;
    globalThis.offboardHandOver = checklist?.hand_over();
    checklist?.unmount();
    try {
      glue.mount_live(wanted);
    } catch (error) {
      // The live tools could not start after all: the checklist comes back as it was.
      started = false;
      globalThis.offboardHandOver = checklist?.hand_over();
      checklist?.mount_again(String(error?.message ?? error));
    }
  } finally {
    listeners.delete(onProgress);
  }
};
globalThis.offboardCancelLive = () => {
  wanted = null;
  listeners.clear();
};

// The checklist's files, fetched and instantiated once (nothing starts until `mount_checklist`).
// Each wasm is requested at once, beside its JS glue rather than after it: one round trip less
// before the app's first paint on a slow network.
let checklistLoading = null;

function loadChecklist() {
  if (!checklistLoading) {
    checklistLoading = (async () => {
      const wasm = fetch(new URL(CHECKLIST_WASM, here), { priority: "high" });
      const glue = await import(CHECKLIST_JS);
      await glue.default({ module_or_path: wasm });
      return glue;
    })();
    checklistLoading.catch(() => {
      checklistLoading = null;
    });
  }
  return checklistLoading;
}

// The live tools carry the checklist too: a host asking for a live mode gets them at once.
const wantsLiveTools = (mode) => typeof mode === "string" && ["demo", "connected"].includes(mode.trim());

// The glue of the app that holds the page's element, once one was started.
let app = null;

async function start(root) {
  app = launch(root);
  await app;
}

async function launch(root) {
  if (wantsLiveTools(root?.getAttribute("data-mode"))) {
    // If the live tools cannot be loaded, the checklist starts instead, and its live section
    // says why and offers to retry.
    try {
      const glue = await loadLiveTools();
      started = true;
      glue.mount_live(null);
      return glue;
    } catch (error) {
      console.warn("offboard: the live tools did not load; starting the checklist", error);
      started = false;
    }
  }
  checklist = await loadChecklist();
  checklist.mount_checklist();
  return checklist;
}

// Who reads a host script's config (the app itself, with serde): the running app's glue, or
// the one the config's mode starts with. Live tools that cannot be loaded leave it to the
// checklist, which then starts instead (see `launch`).
async function configReader(config) {
  const running = await app?.catch(() => null);
  if (running) return running;
  if (wantsLiveTools(config?.mode)) {
    try {
      return await loadLiveTools();
    } catch {}
  }
  return loadChecklist();
}

const ROOT = "[data-offboard]";
let mounted = false;

/**
 * Starts the app in `element`, configured by `config` (`{ mode, apiBase, locale }`, each
 * optional, with the meaning of the data- attributes of the same names). Host pages call it
 * through `mount.js`, which keeps this file from starting the app by itself.
 *
 * The app reads the config itself (serde, in Rust), rejecting with a TypeError that names what
 * is wrong, and hands it back as the element's data- attributes, so one reader (the app's, which
 * reports what it cannot use) serves both ways. Returns a promise of the start.
 */
export async function mount(element, config = {}) {
  if (!(element instanceof Element) || !element.isConnected || element.getRootNode() !== document) {
    throw new TypeError("offboard: mount(element, config) needs an element in this page's document");
  }
  const attributes = (await configReader(config)).config_attributes(config);
  if (mounted) throw new Error("offboard: the app is already mounted on this page");
  const other = document.querySelector(ROOT);
  if (other && other !== element) {
    throw new Error("offboard: this page already has a [data-offboard] element; mount there or remove it");
  }
  mounted = true;
  for (const [name, value] of attributes) element.setAttribute(name, value);
  element.setAttribute("data-offboard", "");
  const started = start(element);
  warmDateFormatting(element);
  return started;
}

// The page's first Intl.DateTimeFormat loads the browser's date data (90-160 ms at 4x CPU): made
// while the wasm downloads, not in the first render (which formats the final invoice's dates).
function warmDateFormatting(root) {
  try {
    new Intl.DateTimeFormat(root?.getAttribute("data-locale")?.trim() || undefined, { month: "long", timeZone: "UTC" }).format(0);
  } catch {} // a bad locale: the app reports it
}

// Unless a host script imported mount.js, the app starts in the page's [data-offboard]
// element, or #offboard, or the body.
if (!globalThis.offboardScripted) {
  mounted = true;
  const root = document.querySelector(ROOT) ?? document.getElementById("offboard");
  start(root).catch((error) => console.error("offboard: the app could not start", error));
  warmDateFormatting(root);
}
