//! Registers the service worker that keeps the app usable offline after the first visit.
//!
//! When the app is embedded in a host page above its own folder (the knowledge-base page at
//! `/kb/closing-your-account/` with the app in `./offboard/`), the worker asks for the host
//! page's folder as its scope, so the host page itself also opens offline. That needs the host
//! to send `Service-Worker-Allowed` with `sw.js`; without it, the narrower default scope is used.

use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::RegistrationOptions;

/// Registers `sw.js` from the app's folder. Failure (no support, file:// pages, a host that does
/// not serve it) only means no offline copy, so it is logged and otherwise ignored.
pub fn register() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    let base = app_base();
    let page = window.location().href().unwrap_or_default();
    let page_dir = page
        .rsplit_once('/')
        .map(|(dir, _)| format!("{dir}/"))
        .unwrap_or_default();
    let script = format!("{base}sw.js");
    let wider_scope = (!page_dir.is_empty() && base.starts_with(&page_dir) && base != page_dir)
        .then_some(page_dir);
    spawn_local(async move {
        if let Some(scope) = wider_scope {
            let options = RegistrationOptions::new();
            options.set_scope(&scope);
            if JsFuture::from(container.register_with_options(&script, &options))
                .await
                .is_ok()
            {
                return;
            }
        }
        if JsFuture::from(container.register(&script)).await.is_err() {
            web_sys::console::info_1(
                &"offboard: no offline copy (service worker not available)".into(),
            );
        }
    });
}

/// The folder of the app's files, as the boot script publishes it (the page's folder otherwise).
fn app_base() -> String {
    js_sys::Reflect::get(&js_sys::global(), &"offboardBase".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "./".to_string())
}
