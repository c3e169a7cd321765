//! The live tools (API client, scanner, executor) with the checklist: the second file, fetched
//! when the user picks the demo or their own account. The demo's simulator is not here: it is a
//! third file, run in a worker (`crates/sim-worker`, `src/services/sim_worker.rs`). The boot script
//! instantiates it first and only then calls [`mount_live`], so a file that fails to load never
//! costs the user the checklist on screen.

use offboard::{handover, LiveSlot, Mode};
use wasm_bindgen::prelude::*;

fn main() {}

/// Mounts the app with the live tools. `mode` is the one the user picked in the checklist
/// (`demo` or `connected`), or none when the host page's `data-mode` asked for the live tools.
#[wasm_bindgen]
pub fn mount_live(mode: Option<String>) {
    let mode = mode
        .as_deref()
        .and_then(Mode::parse)
        .filter(|m| *m != Mode::Checklist);
    // The app lives as long as the page.
    std::mem::forget(offboard::start(LiveSlot::tools(), mode, handover::take()));
}

/// A host script's config object as the element's `data-` attributes, or a `TypeError` saying
/// what is wrong with it (see `offboard::services::host`).
#[wasm_bindgen]
pub fn config_attributes(config: JsValue) -> Result<JsValue, JsValue> {
    offboard::services::host::config_attributes(config)
}
