//! The page's clock. Everything reads time here (JavaScript's `Date`), so tests can drive it:
//! end-to-end tests through the browser's clock (Playwright's `page.clock`), browser tests by
//! pinning it here ([`pin_for_tests`]), so that no test reads the real date or time zone.

use std::cell::Cell;

use closure::EpochMs;

/// A pinned clock: it read `at` when the real clock read `real_at`, and runs on from there in
/// a zone that is always `utc_offset_minutes` from UTC.
#[derive(Clone, Copy)]
struct Pinned {
    at: EpochMs,
    real_at: EpochMs,
    utc_offset_minutes: i32,
}

thread_local! {
    static PINNED: Cell<Option<Pinned>> = const { Cell::new(None) };
}

fn real_now() -> EpochMs {
    js_sys::Date::now() as EpochMs
}

/// Browser tests only: from now on the clock reads `at` (and runs on in real time from there),
/// and the customer's zone is a fixed `utc_offset_minutes` from UTC, whatever the machine says.
#[doc(hidden)]
pub fn pin_for_tests(at: EpochMs, utc_offset_minutes: i32) {
    PINNED.set(Some(Pinned {
        at,
        real_at: real_now(),
        utc_offset_minutes,
    }));
}

pub fn now_ms() -> EpochMs {
    match PINNED.get() {
        Some(p) => p.at + (real_now() - p.real_at),
        None => real_now(),
    }
}

/// [`now_ms`] as the journal, its lock, the JWT and the simulator count time: unsigned, because
/// they only hold instants after 1970. The one place the page converts between the two.
pub fn now_unsigned_ms() -> u64 {
    unsigned(now_ms())
}

/// `at` as an unsigned instant; a time before 1970 (a broken clock) reads as the epoch.
pub fn unsigned(at: EpochMs) -> u64 {
    u64::try_from(at).unwrap_or(0)
}

/// The customer's offset from UTC at `at`, in minutes east (so UTC+1 is 60).
pub fn utc_offset_minutes(at: EpochMs) -> i32 {
    if let Some(p) = PINNED.get() {
        return p.utc_offset_minutes;
    }
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
