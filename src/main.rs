//! The first load: the checklist, with a loader for the live tools (see `live_slot`).

use std::cell::RefCell;

use offboard::handover::{self, HandOver};
use offboard::state::Notice;
use offboard::{App, LiveSlot};
use wasm_bindgen::prelude::*;

thread_local! {
    static APP: RefCell<Option<yew::AppHandle<App>>> = const { RefCell::new(None) };
}

/// Nothing starts on instantiation: the boot script may only need [`config_attributes`] (a host
/// script's config to check) before it calls [`mount_checklist`].
fn main() {}

/// Mounts the checklist in the page's element (see `offboard::start`).
#[wasm_bindgen]
pub fn mount_checklist() {
    mount(None);
}

fn mount(initial: Option<HandOver>) {
    let app = offboard::start(LiveSlot::loader(), None, initial);
    APP.with(|slot| *slot.borrow_mut() = Some(app));
}

/// A host script's config object as the element's `data-` attributes, or a `TypeError` saying
/// what is wrong with it (see `offboard::services::host`).
#[wasm_bindgen]
pub fn config_attributes(config: JsValue) -> Result<JsValue, JsValue> {
    offboard::services::host::config_attributes(config)
}

/// The checklist as it is on screen (JSON), for the live tools to start from.
#[wasm_bindgen]
pub fn hand_over() -> Option<String> {
    handover::latest()
}

/// Called by the boot script just before the live tools take over the same element.
#[wasm_bindgen]
pub fn unmount() {
    if let Some(app) = APP.with(|slot| slot.borrow_mut().take()) {
        app.destroy();
    }
}

/// Called by the boot script when the live tools failed to start after the checklist was
/// unmounted: the checklist comes back as it was, saying what happened.
#[wasm_bindgen]
pub fn mount_again(reason: String) {
    let mut initial = handover::take().unwrap_or_default();
    initial.notices.push(Notice::LiveToolsFailed { reason });
    mount(Some(initial));
    // The button the user pressed is gone: the keyboard focus goes to what says why, once the
    // first render has put it on the page.
    offboard::services::dom::focus_after_render(".ob-notice:last-child");
}
