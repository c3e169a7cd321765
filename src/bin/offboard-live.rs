//! The live tools (API client, scanner, executor, the demo's simulator) with the checklist: the
//! second file, fetched when the user picks the demo or their own account.

use offboard::{LiveSlot, Mode};
use wasm_bindgen::JsValue;

fn main() {
    // The boot script says which mode the user picked in the checklist, if they did.
    let handed_over = js_sys::Reflect::get(&js_sys::global(), &"offboardStartMode".into())
        .ok()
        .and_then(|v| v.as_string())
        .and_then(|m| match m.as_str() {
            "demo" => Some(Mode::Demo),
            "connected" => Some(Mode::Connected),
            _ => None,
        });
    let _ =
        js_sys::Reflect::delete_property(&js_sys::global(), &JsValue::from("offboardStartMode"));
    // The app lives as long as the page.
    std::mem::forget(offboard::start(LiveSlot::tools(), handed_over));
}
