//! The JS boundary in a real browser (headless Chromium), through serde-wasm-bindgen: a host
//! script's config object (the `TypeError` each mistake gets, the attributes a good one becomes).
#![cfg(target_arch = "wasm32")]

use offboard::services::host::config_attributes;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn json(value: &JsValue) -> String {
    String::from(js_sys::JSON::stringify(value).unwrap())
}

/// The message of the `TypeError` the config is refused with.
fn refusal(config: JsValue) -> String {
    let error = config_attributes(config).expect_err("the config is refused");
    assert!(error.is_instance_of::<js_sys::TypeError>(), "{error:?}");
    String::from(error.unchecked_into::<js_sys::Error>().message())
}

#[wasm_bindgen_test]
fn each_config_mistake_is_a_type_error_that_names_it() {
    let not_an_object = "offboard: the config must be an object, such as { mode: \"demo\" }";
    for value in [
        JsValue::from_str("demo"),
        js("[\"demo\"]"),
        JsValue::NULL,
        JsValue::from_f64(443.0),
        js_sys::Set::new(&JsValue::UNDEFINED).into(),
    ] {
        assert_eq!(refusal(value), not_an_object);
    }
    assert_eq!(
        refusal(js("{\"colour\":\"red\"}")),
        "offboard: unknown config key \"colour\" (the keys are mode, apiBase, locale)"
    );
    assert_eq!(
        refusal(js("{\"mode\":\"everything\"}")),
        "offboard: config.mode must be one of checklist, demo, connected"
    );
    assert_eq!(
        refusal(js("{\"apiBase\":443}")),
        "offboard: config.apiBase must be a string"
    );
    assert_eq!(
        refusal(js("{\"locale\":{\"tag\":\"de\"}}")),
        "offboard: config.locale must be a string"
    );
}

#[wasm_bindgen_test]
fn a_good_config_comes_back_as_the_elements_attributes() {
    let config = js("{\"mode\":\" demo \",\"locale\":\"en-GB\",\"apiBase\":null}");
    // `undefined` is left out, as `null` is.
    js_sys::Reflect::set(&config, &"apiBase".into(), &JsValue::UNDEFINED).unwrap();
    let attributes = config_attributes(config).unwrap();
    assert_eq!(
        json(&attributes),
        "[[\"data-mode\",\"demo\"],[\"data-locale\",\"en-GB\"]]"
    );
    assert_eq!(json(&config_attributes(js("{}")).unwrap()), "[]");
}
