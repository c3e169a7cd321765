//! The page's clock. Everything reads time here (JavaScript's `Date`), so tests can drive it
//! through the browser's clock.

use closure::EpochMs;

pub fn now_ms() -> EpochMs {
    js_sys::Date::now() as EpochMs
}

/// The customer's offset from UTC at `at`, in minutes east (so UTC+1 is 60).
pub fn utc_offset_minutes(at: EpochMs) -> i32 {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64));
    -(date.get_timezone_offset() as i32)
}

/// The current time, refreshed every `period_ms` while the component is mounted.
#[yew::hook]
pub fn use_now(period_ms: u32) -> EpochMs {
    let now = yew::use_state(now_ms);
    {
        let now = now.clone();
        yew::use_effect_with(period_ms, move |period| {
            let interval = gloo_timers::callback::Interval::new(*period, move || now.set(now_ms()));
            move || drop(interval)
        });
    }
    *now
}
