//! Timers on the page's clock: what the components wait on, in one place (so tests drive them
//! through the browser's clock, and nothing else in the app touches `setTimeout`).

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::{Interval, Timeout};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Calls `f` every `ms` until the returned interval is dropped.
pub fn every(ms: u32, f: impl FnMut() + 'static) -> Interval {
    Interval::new(ms, f)
}

/// Calls `f` once after `ms`, unless the returned timeout is dropped first.
pub fn after(ms: u32, f: impl FnOnce() + 'static) -> Timeout {
    Timeout::new(ms, f)
}

/// Calls `f` one task later, whatever happens to the caller (for when a render under way must
/// first put something on the page).
pub fn next_task(f: impl FnOnce() + 'static) {
    Timeout::new(0, f).forget();
}

/// Calls `f` once the browser has painted what the page holds now: a frame's callback runs
/// before its paint, and the task it queues after it. A hidden page paints no frames, so `f`
/// runs at most a tenth of a second later anyway (once, whichever comes first).
pub fn after_paint(f: impl FnOnce() + 'static) {
    let once = Rc::new(Cell::new(Some(f)));
    let run = move || {
        if let Some(f) = once.take() {
            f();
        }
    };
    Timeout::new(100, run.clone()).forget();
    let frame = Closure::once_into_js(move || next_task(run));
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(frame.unchecked_ref());
    }
}

/// Waits `ms` on the page's clock.
pub async fn sleep(ms: u64) {
    gloo_timers::future::TimeoutFuture::new(ms.min(u64::from(u32::MAX)) as u32).await;
}
