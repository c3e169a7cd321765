//! The boot script's hooks (`offboard.js` publishes them on the page's global object): fetch
//! the live tools for a mode with a progress callback, cancel that fetch, and the checklist
//! state one app hands the next when the live tools take over the element.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn global_function(name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(&js_sys::global(), &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
}

/// Asks the boot script (`offboardLoadLive(mode, onProgress)`) for the live tools; `Err` says
/// why in words. On success this app is unmounted by the boot script.
pub async fn load_live(
    mode: &str,
    on_progress: impl FnMut(f64, f64) + 'static,
) -> Result<(), String> {
    let Some(loader) = global_function("offboardLoadLive") else {
        return Err(
            "This page did not start the app with its boot script (offboard.js), which \
                    fetches the live tools."
                .to_string(),
        );
    };
    let on_progress = Closure::<dyn FnMut(f64, f64)>::new(on_progress);
    let promise = loader.call2(
        &JsValue::NULL,
        &mode.into(),
        on_progress.as_ref().unchecked_ref(),
    );
    let result = match promise {
        Ok(p) => JsFuture::from(js_sys::Promise::from(p)).await,
        Err(e) => Err(e),
    };
    // The progress callback lives until the boot script is done with it.
    drop(on_progress);
    result.map(|_| ()).map_err(|error| {
        let why = js_sys::Error::from(error)
            .message()
            .as_string()
            .unwrap_or_default();
        format!(
            "The download failed: {why}. If you are offline, connect and try again; if it keeps \
             failing, reload the page."
        )
    })
}

/// Cancels a fetch of the live tools (`offboardCancelLive()`): the user picked another mode
/// before it finished, so the boot script must not hand over for it.
pub fn cancel_live() {
    if let Some(cancel) = global_function("offboardCancelLive") {
        let _ = cancel.call0(&JsValue::NULL);
    }
}

/// Takes (and removes) a text the boot script left on the global object under `name`.
pub fn take_global(name: &str) -> Option<String> {
    let global = js_sys::global();
    let value = js_sys::Reflect::get(&global, &name.into()).ok()?;
    let _ = js_sys::Reflect::delete_property(&global, &name.into());
    value.as_string()
}

/// The page's own origin (`location.origin`), when it has one.
pub fn page_origin() -> Option<String> {
    web_sys::window().and_then(|w| w.location().origin().ok())
}
