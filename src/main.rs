//! The first load: the checklist, with a loader for the live tools (see `live_slot`).

use std::cell::RefCell;

use offboard::{App, LiveSlot};
use wasm_bindgen::prelude::*;

thread_local! {
    static APP: RefCell<Option<yew::AppHandle<App>>> = const { RefCell::new(None) };
}

fn main() {
    let app = offboard::start(LiveSlot::loader(), None);
    APP.with(|slot| *slot.borrow_mut() = Some(app));
}

/// Called by the boot script just before the live tools take over the same element.
#[wasm_bindgen]
pub fn unmount() {
    if let Some(app) = APP.with(|slot| slot.borrow_mut().take()) {
        app.destroy();
    }
}
