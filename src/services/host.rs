//! The JS boundary through serde-wasm-bindgen: a host script's config object read into
//! [`HostConfig`] (a `TypeError` with `host::config`'s sentence when it cannot be).

use wasm_bindgen::{JsCast, JsValue};

use crate::host::config::HostConfig;

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
