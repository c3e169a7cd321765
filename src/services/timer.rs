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

/// Resolves one task later, without a timer: the page posts itself a message, and the tasks
/// queued before it (answers that arrived, for one) run first. A hidden page runs zero-delay
/// timers at most once a second, but delivers messages at once.
pub async fn next_message() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let fallback = resolve.clone();
        let posted = web_sys::MessageChannel::new().and_then(|channel| {
            let port = channel.port1();
            let receiver = port.clone();
            let on_message = Closure::once_into_js(move || {
                receiver.close();
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            });
            port.set_onmessage(Some(on_message.unchecked_ref()));
            channel.port2().post_message(&wasm_bindgen::JsValue::NULL)
        });
        if posted.is_err() {
            // No channel (never in a browser that runs the app): go on at once.
            let _ = fallback.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
