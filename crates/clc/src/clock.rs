//! The time seam: the client asks a [`Clock`] for the time and to wait, so retries run on a
//! virtual clock in tests and on browser timers in the app.

use std::cell::Cell;
use std::rc::Rc;

/// Milliseconds since the Unix epoch, UTC: the one instant type of the workspace. Signed, so that
/// calendar arithmetic (a month start, an overdue time) never wraps; [`Clock::now_ms`] and the
/// journal count in `u64` because they only ever hold instants after the epoch.
pub type EpochMs = i64;

/// Wall time and waiting. Implementations: browser timers (in `src/services`), [`VirtualClock`].
#[allow(async_fn_in_trait)]
pub trait Clock {
    /// Milliseconds since the Unix epoch (or since any fixed origin, for virtual clocks).
    fn now_ms(&self) -> u64;
    /// Resolves after `ms` milliseconds of this clock's time.
    async fn sleep(&self, ms: u64);
    /// Lets whatever else is ready run first (in a browser: the tasks already queued, such as
    /// answers that arrived), then resolves without waiting on a timer. The default is
    /// `sleep(0)`; a browser's clock overrides it, since a hidden page runs a zero-delay timer
    /// at most once a second.
    async fn yield_now(&self) {
        self.sleep(0).await;
    }
}

impl<C: Clock + ?Sized> Clock for &C {
    fn now_ms(&self) -> u64 {
        (**self).now_ms()
    }
    async fn sleep(&self, ms: u64) {
        (**self).sleep(ms).await
    }
    async fn yield_now(&self) {
        (**self).yield_now().await
    }
}

impl<C: Clock + ?Sized> Clock for Rc<C> {
    fn now_ms(&self) -> u64 {
        (**self).now_ms()
    }
    async fn sleep(&self, ms: u64) {
        (**self).sleep(ms).await
    }
    async fn yield_now(&self) {
        (**self).yield_now().await
    }
}

/// A clock that only moves when slept on: `sleep(ms)` advances it by `ms` and returns at once.
/// Clones share the same time, so a test can hand one to the client and read it afterwards.
#[derive(Clone, Debug, Default)]
pub struct VirtualClock {
    now: Rc<Cell<u64>>,
    slept: Rc<Cell<u64>>,
}

impl VirtualClock {
    pub fn starting_at(ms: u64) -> VirtualClock {
        let clock = VirtualClock::default();
        clock.now.set(ms);
        clock
    }

    /// Moves time forward without counting it as sleep (time spent "in the network").
    pub fn advance(&self, ms: u64) {
        self.now.set(self.now.get() + ms);
    }

    /// Total milliseconds spent in [`Clock::sleep`] so far.
    pub fn total_slept_ms(&self) -> u64 {
        self.slept.get()
    }
}

impl Clock for VirtualClock {
    fn now_ms(&self) -> u64 {
        self.now.get()
    }

    async fn sleep(&self, ms: u64) {
        self.advance(ms);
        self.slept.set(self.slept.get() + ms);
    }
}
