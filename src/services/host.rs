//! The JS boundary, both ways, through serde-wasm-bindgen: a host script's config object read
//! into [`HostConfig`] (a `TypeError` with `host::config`'s sentence when it cannot be), and the
//! app's [`HostEvent`]s dispatched on its element as `CustomEvent`s with a plain-object detail.

use wasm_bindgen::{JsCast, JsValue};

use crate::host::config::HostConfig;
use crate::host::events::HostEvent;
use crate::services::dom;

/// Reads `mount(element, config)`'s config and returns the `data-` attributes that carry it on
/// the element, as `[name, value]` pairs (see `HostConfig::attributes`). Throws (`Err`) a
/// `TypeError` naming what is wrong with it, in `host::config::ConfigError`'s words.
pub fn config_attributes(config: JsValue) -> Result<JsValue, JsValue> {
    let host: HostConfig = serde_wasm_bindgen::from_value(config).map_err(type_error)?;
    Ok(serde_wasm_bindgen::to_value(&host.attributes())?)
}

/// serde's error (a JS `Error` whose message is a `ConfigError`'s sentence) as the `TypeError`
/// `mount` rejects with. Something the config itself threw (a getter) keeps its own words.
fn type_error(error: serde_wasm_bindgen::Error) -> JsValue {
    let thrown = JsValue::from(error);
    let message = match thrown.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => return thrown,
    };
    js_sys::TypeError::new(&format!("offboard: {message}")).into()
}

/// Dispatches `event` on the app's element: a `CustomEvent` named `offboard:…` that bubbles, so
/// a host page can listen on the element or on the document. A listener that throws is the
/// page's to report; the app goes on.
pub fn dispatch(event: &HostEvent) {
    let Ok(detail) = serde_wasm_bindgen::to_value(event) else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(event.name(), &init) {
        let _ = dom::mount_point().dispatch_event(&event);
    }
}
