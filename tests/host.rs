//! The JS boundary in a real browser (headless Chromium), both ways through serde-wasm-bindgen: a
//! host script's config object (the `TypeError` each mistake gets, the attributes a good one
//! becomes), and the `offboard:*` events the app dispatches for its host page (plain-object
//! details, heard on the document; a first render announces nothing but, on the page load's
//! first start, the mode the app starts in).
#![cfg(target_arch = "wasm32")]

mod view;

use std::cell::RefCell;
use std::rc::Rc;

use offboard::host::events::{HostEvent, StepDetail};
use offboard::services::host::{config_attributes, dispatch};
use offboard::{App, AppProps, Config, Mode};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

use view::{clear_storage, View};

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

type Listener = Closure<dyn Fn(web_sys::Event)>;

/// What the document hears of the `offboard:*` events while it is alive: (type, detail as JSON).
struct Heard {
    events: Rc<RefCell<Vec<(String, String)>>>,
    listeners: Vec<(&'static str, Listener)>,
}

impl Heard {
    fn listen() -> Heard {
        let events = Rc::new(RefCell::new(Vec::new()));
        let document = gloo_utils::document();
        let listeners = [
            "offboard:step",
            "offboard:mode",
            "offboard:scan",
            "offboard:run",
            "offboard:requested",
        ]
        .into_iter()
        .map(|name| {
            let events = events.clone();
            let listener = Listener::new(move |e: web_sys::Event| {
                let detail = e.unchecked_into::<web_sys::CustomEvent>().detail();
                events.borrow_mut().push((name.to_string(), json(&detail)));
            });
            document
                .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
                .unwrap();
            (name, listener)
        })
        .collect();
        Heard { events, listeners }
    }

    fn take(&self) -> Vec<(String, String)> {
        self.events.take()
    }
}

impl Drop for Heard {
    fn drop(&mut self) {
        let document = gloo_utils::document();
        for (name, listener) in &self.listeners {
            let _ = document
                .remove_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
        }
    }
}

fn heard(name: &str, detail: &str) -> (String, String) {
    (name.to_string(), detail.to_string())
}

#[wasm_bindgen_test]
fn an_event_is_dispatched_on_the_apps_element_and_bubbles_with_a_plain_object() {
    let document = gloo_utils::document();
    let element = document.create_element("div").unwrap();
    element.set_attribute("data-offboard", "").unwrap();
    document.body().unwrap().append_child(&element).unwrap();
    let on_element = Rc::new(RefCell::new(None));
    let listener = {
        let on_element = on_element.clone();
        Listener::new(move |e: web_sys::Event| {
            let detail = e.unchecked_into::<web_sys::CustomEvent>().detail();
            let prototype = JsValue::from(js_sys::Object::get_prototype_of(&detail));
            let plain = JsValue::from(js_sys::Object::get_prototype_of(&js_sys::Object::new()));
            *on_element.borrow_mut() = Some(prototype == plain);
        })
    };
    element
        .add_event_listener_with_callback("offboard:step", listener.as_ref().unchecked_ref())
        .unwrap();
    let heard_on_document = Heard::listen();

    dispatch(&HostEvent::Step(StepDetail {
        step: 2,
        done: true,
    }));

    element.remove();
    assert_eq!(
        *on_element.borrow(),
        Some(true),
        "heard on the element, a plain object"
    );
    assert_eq!(
        heard_on_document.take(),
        [heard("offboard:step", "{\"step\":2,\"done\":true}")]
    );
}

#[wasm_bindgen_test]
async fn the_app_announces_ticks_and_mode_switches_but_not_its_first_render() {
    clear_storage();
    let events = Heard::listen();
    let app = View::<App>::app().await;
    assert_eq!(events.take(), [], "the first render only remembers");

    app.click_on("li[data-step='1'] input[type=checkbox]").await;
    app.click_on("li[data-step='1'] input[type=checkbox]").await;
    assert_eq!(
        events.take(),
        [
            heard("offboard:step", "{\"step\":1,\"done\":true}"),
            heard("offboard:step", "{\"step\":1,\"done\":false}"),
        ]
    );

    // The live tools cannot load here (no boot script); the switch is announced all the same.
    app.click(app.find("button", "Try the demo account")).await;
    assert_eq!(
        events.take(),
        [heard("offboard:mode", "{\"mode\":\"demo\"}")]
    );
    app.destroy().await;
}

#[wasm_bindgen_test]
async fn the_page_loads_first_start_announces_its_mode_once() {
    clear_storage();
    let events = Heard::listen();
    let props = |mode| AppProps {
        config: Config {
            mode,
            ..Config::default()
        },
        announce_mode: true,
        ..AppProps::default()
    };
    let app = View::<App>::app_with(props(Mode::Checklist)).await;
    assert_eq!(
        events.take(),
        [heard("offboard:mode", "{\"mode\":\"checklist\"}")],
        "the mode it starts in, once"
    );
    app.click_on("li[data-step='1'] input[type=checkbox]").await;
    assert_eq!(
        events.take(),
        [heard("offboard:step", "{\"step\":1,\"done\":true}")],
        "later renders do not say the mode again"
    );
    app.destroy().await;

    clear_storage();
    let app = View::<App>::app_with(props(Mode::Demo)).await;
    assert_eq!(
        events.take(),
        [heard("offboard:mode", "{\"mode\":\"demo\"}")]
    );
    app.destroy().await;
}

/// The scan's pause between two large answers (`timer::next_message`) lets the tasks queued
/// before it run first (answers that arrived meanwhile), and needs no timer: a hidden page runs
/// a zero-delay timer at most once a second, so the pause must not wait on one.
#[wasm_bindgen_test]
async fn the_scans_pause_runs_the_tasks_already_queued_first_and_needs_no_timer() {
    let ran = Rc::new(RefCell::new(false));
    let channel = web_sys::MessageChannel::new().unwrap();
    let flag = ran.clone();
    let on_message = Closure::once_into_js(move || *flag.borrow_mut() = true);
    channel
        .port1()
        .set_onmessage(Some(on_message.unchecked_ref()));
    channel.port2().post_message(&JsValue::NULL).unwrap();
    assert!(!*ran.borrow(), "the message is a task, not run at once");
    // Timers that never fire: a pause that waited on one would never end.
    let global = js_sys::global();
    let set_timeout = js_sys::Reflect::get(&global, &"setTimeout".into()).unwrap();
    let never = js_sys::Function::new_no_args("return 0;");
    js_sys::Reflect::set(&global, &"setTimeout".into(), &never).unwrap();
    offboard::services::timer::next_message().await;
    js_sys::Reflect::set(&global, &"setTimeout".into(), &set_timeout).unwrap();
    assert!(*ran.borrow(), "the task queued first ran first");
}
