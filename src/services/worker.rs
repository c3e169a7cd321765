//! Registers the service worker that keeps the app usable offline after the first visit.

/// Registers `sw.js` next to the page's script. Failure (no support, file:// pages, a host that
/// does not serve it) only means no offline copy, so it is ignored.
pub fn register() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    let _ = container.register(&worker_url());
}

/// `sw.js` beside the app's own files (the boot script publishes where they are), so the app
/// works from any sub-path and when embedded in a page elsewhere on the same origin.
fn worker_url() -> String {
    let base = js_sys::Reflect::get(&js_sys::global(), &"offboardBase".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "./".to_string());
    format!("{base}sw.js")
}
