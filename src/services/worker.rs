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

/// `sw.js` resolved against the app's own script, so the app works from any sub-path and when
/// embedded in a page elsewhere on the same origin.
fn worker_url() -> String {
    let script_base = gloo_utils::document()
        .query_selector("script[data-offboard-boot]")
        .ok()
        .flatten()
        .and_then(|s| s.get_attribute("src"))
        .and_then(|src| src.rsplit_once('/').map(|(dir, _)| format!("{dir}/")))
        .unwrap_or_else(|| "./".to_string());
    format!("{script_base}sw.js")
}
