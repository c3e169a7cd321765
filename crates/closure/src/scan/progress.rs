//! What a running scan shows and how it is stopped: [`ScanProgress`] behind a shared
//! [`ProgressHandle`] the UI can poll, and a [`CancelHandle`] that stops new requests at once.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use serde::{Deserialize, Serialize};

/// Counts for one data center (or for the account-wide parts, under the key `""`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PartCounts {
    /// Parts (reads) finished, successfully or not.
    pub done: usize,
    /// Parts known so far; grows as answers unlock more.
    pub known: usize,
    pub failed: usize,
    pub resources_found: usize,
}

/// A scan's progress. Invariant: `done <= known` in every count.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScanProgress {
    pub total: PartCounts,
    /// Per data center, upper case; account-wide parts under `""`.
    pub per_data_center: BTreeMap<String, PartCounts>,
    /// Reads running right now.
    pub in_flight: usize,
    pub finished: bool,
    pub cancelled: bool,
}

impl ScanProgress {
    pub(crate) fn known(&mut self, dc: Option<&str>) {
        self.total.known += 1;
        self.dc(dc).known += 1;
    }

    pub(crate) fn done(&mut self, dc: Option<&str>, failed: bool, resources: usize) {
        for counts in [
            &mut self.total,
            self.per_data_center
                .entry(dc.unwrap_or("").into())
                .or_default(),
        ] {
            counts.done += 1;
            counts.failed += usize::from(failed);
            counts.resources_found += resources;
        }
    }

    fn dc(&mut self, dc: Option<&str>) -> &mut PartCounts {
        self.per_data_center
            .entry(dc.unwrap_or("").into())
            .or_default()
    }
}

/// A shared view of a scan's progress; clones see the same value. Cheap to poll.
#[derive(Clone, Debug, Default)]
pub struct ProgressHandle(Rc<RefCell<ScanProgress>>);

impl ProgressHandle {
    pub fn new() -> ProgressHandle {
        ProgressHandle::default()
    }

    /// A copy of the progress now.
    pub fn get(&self) -> ScanProgress {
        self.0.borrow().clone()
    }

    pub(crate) fn update(&self, change: impl FnOnce(&mut ScanProgress)) {
        change(&mut self.0.borrow_mut());
    }
}

/// Stops a scan: after [`CancelHandle::cancel`] no part is polled again, so no new request is
/// sent (requests already on the wire are abandoned). Clones share the flag.
#[derive(Clone, Debug, Default)]
pub struct CancelHandle {
    cancelled: Rc<Cell<bool>>,
    wakers: Rc<RefCell<Vec<Waker>>>,
}

impl CancelHandle {
    pub fn new() -> CancelHandle {
        CancelHandle::default()
    }

    pub fn cancel(&self) {
        self.cancelled.set(true);
        for waker in self.wakers.borrow_mut().drain(..) {
            waker.wake();
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.get()
    }

    /// Wakes the task polling with `cx` when cancelled.
    pub(crate) fn register(&self, cx: &Context<'_>) {
        let mut wakers = self.wakers.borrow_mut();
        if !wakers.iter().any(|w| w.will_wake(cx.waker())) {
            wakers.push(cx.waker().clone());
        }
    }

    /// Wraps a future so it is never polled after cancellation (it then yields `None`).
    pub(crate) fn guard<F: Future>(&self, inner: F) -> Guarded<F> {
        Guarded {
            inner: Box::pin(inner),
            cancel: self.clone(),
        }
    }
}

/// A future that checks the cancel flag before every poll of its inner future.
pub(crate) struct Guarded<F> {
    inner: Pin<Box<F>>,
    cancel: CancelHandle,
}

impl<F: Future> Future for Guarded<F> {
    type Output = Option<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.cancel.is_cancelled() {
            return Poll::Ready(None);
        }
        self.inner.as_mut().poll(cx).map(Some)
    }
}
