//! Timers on the page's clock: what the components wait on, in one place (so tests drive them
//! through the browser's clock, and nothing else in the app touches `setTimeout`).

use gloo_timers::callback::{Interval, Timeout};

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

/// Waits `ms` on the page's clock.
pub async fn sleep(ms: u64) {
    gloo_timers::future::TimeoutFuture::new(ms.min(u64::from(u32::MAX)) as u32).await;
}
