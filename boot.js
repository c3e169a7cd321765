// offboard boot: starts the app. Every path is relative to this file, so dist/ works from any
// path, and a host page embeds the app with one element and this one script tag.
// `cargo xtask` fills in the hashed file names at build time.
import init from "./__OFFBOARD_JS__";

const here = import.meta.url;
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

await init({ module_or_path: new URL("./__OFFBOARD_WASM__", here) });
