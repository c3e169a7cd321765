//! A virtual clock whose sleeps really wait (until virtual time reaches their deadline), and a
//! tiny executor that runs a future to completion, jumping time to the next deadline whenever
//! everything is blocked. Unlike `clc::VirtualClock` (whose sleep returns at once and adds its
//! time), concurrent sleeps overlap here, so elapsed virtual time measures wall time.

use std::cell::RefCell;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

#[derive(Default)]
struct Timers {
    now: u64,
    waiting: Vec<(u64, Waker)>,
}

#[derive(Clone, Default)]
pub struct TimerClock(Rc<RefCell<Timers>>);

impl TimerClock {
    pub fn starting_at(ms: u64) -> TimerClock {
        let clock = TimerClock::default();
        clock.0.borrow_mut().now = ms;
        clock
    }

    /// Runs `future` to completion on virtual time. Panics if it blocks with no timer pending.
    pub fn run<F: Future>(&self, future: F) -> F::Output {
        let mut future = pin!(future);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
                return out;
            }
            let due: Vec<Waker> = {
                let mut timers = self.0.borrow_mut();
                let next = timers
                    .waiting
                    .iter()
                    .map(|(at, _)| *at)
                    .min()
                    .expect("stalled: nothing to wait for");
                timers.now = timers.now.max(next);
                let now = timers.now;
                let (due, later) = timers.waiting.drain(..).partition(|(at, _)| *at <= now);
                timers.waiting = later;
                due.into_iter().map(|(_, w)| w).collect()
            };
            due.into_iter().for_each(Waker::wake);
        }
    }
}

impl clc::Clock for TimerClock {
    fn now_ms(&self) -> u64 {
        self.0.borrow().now
    }

    async fn sleep(&self, ms: u64) {
        let deadline = self.now_ms() + ms;
        std::future::poll_fn(|cx| {
            let mut timers = self.0.borrow_mut();
            if timers.now >= deadline {
                Poll::Ready(())
            } else {
                timers.waiting.push((deadline, cx.waker().clone()));
                Poll::Pending
            }
        })
        .await
    }
}
