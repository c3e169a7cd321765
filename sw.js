// offboard's service worker: keeps the app shell available offline after the first visit.
// `cargo xtask` stamps BUILD (a hash of every file in dist/), ASSETS (the checklist's files, kept
// at install) and LAZY (the live tools with their styles, and the demo's simulator, kept the
// first time the user loads them, so a first visit to the checklist never downloads them) at
// build time, so each deployment gets its own cache and the previous one is removed.
const BUILD = "__OFFBOARD_BUILD__";
const ASSETS = ["__OFFBOARD_ASSETS__"];
const LAZY = new Set(["__OFFBOARD_LAZY__"].map((a) => new URL(a, self.location.href).href));
const CACHE = `offboard-${BUILD}`;
// The scope is this file's folder, or the host page's folder above it when the app is embedded
// (see src/services/worker.rs); the shell is the page at the scope's root.
const SCOPE = new URL(self.registration.scope);
const SHELL = new URL("./", SCOPE).href;
const PRECACHE = new Set([SHELL, ...ASSETS.map((a) => new URL(a, self.location.href).href)]);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll([...PRECACHE])).then(() => self.skipWaiting()),
  );
  // Where the browser has static routes, every request that cannot be one of the app's own
  // files (any navigation, PRECACHE, LAZY) goes straight to the network with no fetch
  // event: API calls, to any host, never reach the handler below, which would let them through
  // anyway. The rest still reaches the handler, which decides as before. A browser
  // without routes, or one refusing these, keeps today's behaviour (every request through the
  // handler), and the worker installs either way.
  if (event.addRoutes) {
    try {
      event.waitUntil(event.addRoutes(ownFilesElseNetwork()).catch(() => {}));
    } catch {
      // A synchronous refusal (rules this browser cannot read): no routes, as before.
    }
  }
});

/** The static route: the network for whatever is not a navigation, nor at the address of one of
 *  the app's own files (any query or fragment, so that nothing the handler keeps is missed). */
function ownFilesElseNetwork() {
  const special = /[\\:*?+(){}]/g;
  const at = (href) => {
    const u = new URL(href);
    return new URLPattern({
      protocol: u.protocol.slice(0, -1),
      hostname: u.hostname.replace(special, "\\$&"),
      port: u.port,
      pathname: u.pathname.replace(special, "\\$&"),
      search: "*",
      hash: "*",
    });
  };
  const own = [{ requestMode: "navigate" }, ...[...PRECACHE, ...LAZY].map((href) => ({ urlPattern: at(href) }))];
  return [{ condition: { not: { or: own } }, source: "network" }];
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith("offboard-") && k !== CACHE).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  url.hash = "";
  if (request.mode === "navigate" && url.href.startsWith(SCOPE.href)) {
    // A page (the app's own, or a host page that embeds it): fresh when online, and kept for
    // when it is not; the app's shell if that page was never seen.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(url.href, copy));
          }
          return response;
        })
        .catch(async () => (await caches.match(url.href, { cacheName: CACHE })) || caches.match(SHELL, { cacheName: CACHE })),
    );
    return;
  }
  if (PRECACHE.has(url.href)) {
    // Hashed assets never change under the same name: the cache is the truth.
    event.respondWith(caches.match(url.href, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
  } else if (LAZY.has(url.href)) {
    // The live tools: from the cache once they were loaded, so the demo also works offline.
    // Only a whole, real answer is kept (never a host's HTML error page under the wasm's name).
    event.respondWith(
      caches.match(url.href, { cacheName: CACHE }).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            const type = response.headers.get("Content-Type") || "";
            if (response.status === 200 && /wasm|javascript|css/.test(type)) {
              const copy = response.clone();
              event.waitUntil(
                caches
                  .open(CACHE)
                  .then((cache) => cache.put(url.href, copy))
                  .catch(() => {}),
              );
            }
            return response;
          }),
      ),
    );
  }
  // Everything else (above all, API calls) goes to the network untouched and is never cached.
});
