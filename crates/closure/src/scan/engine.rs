//! The work queue: parts wait in a priority queue (longest remaining chain first, then in the
//! order they became known) and run with at most `concurrency` in flight in one
//! `FuturesUnordered`; each answer is merged at once and the parts it unlocks join the queue,
//! so every read starts as soon as its inputs are known and a slot is free.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};
use std::future::poll_fn;
use std::task::Poll;

use clc::{Clock, Error, Transport};
use futures::stream::{FuturesUnordered, StreamExt};

use super::data::ScanData;
use super::fetch::fetch;
use super::part::Part;
use super::{PartFailure, Scanner};

/// What one run of the queue left behind.
pub(crate) struct RunResult {
    pub failures: Vec<PartFailure>,
    pub not_started: Vec<Part>,
    pub cancelled: bool,
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Queued {
    chain: u8,
    order: Reverse<u64>,
    part: Part,
}

#[derive(Default)]
struct WorkQueue {
    heap: BinaryHeap<Queued>,
    seen: HashSet<Part>,
    next: u64,
}

impl WorkQueue {
    /// Adds a part unless this run already knows it; true when added.
    fn push(&mut self, part: Part) -> bool {
        if !self.seen.insert(part.clone()) {
            return false;
        }
        self.next += 1;
        self.heap.push(Queued {
            chain: part.chain_length(),
            order: Reverse(self.next),
            part,
        });
        true
    }

    fn pop(&mut self) -> Option<Part> {
        self.heap.pop().map(|q| q.part)
    }
}

/// Whether a failed detailed group read should be retried without server detail (§3.1: the
/// service answered 500 for some detailed reads; a huge body may also arrive cut or garbled,
/// which the client reports as undecodable, or as "not the CLC API" when it is not JSON at all;
/// the data-center list already proved the base URL right; and the detailed read of a big group
/// is the one most likely to go unanswered within the browser's time limit).
fn falls_back_to_plain_tree(error: &Error) -> bool {
    matches!(
        error,
        Error::Server { .. }
            | Error::Undecodable { .. }
            | Error::NotClcApi { .. }
            | Error::TimedOut { .. }
    )
}

impl<T: Transport, K: Clock> Scanner<'_, T, K> {
    pub(crate) async fn run(
        &self,
        account: &str,
        data: &mut ScanData,
        initial: Vec<Part>,
    ) -> RunResult {
        let limit = self.options.concurrency.max(1);
        let today = self.today();
        let (client, today) = (self.client, today.as_str());
        let mut queue = WorkQueue::default();
        for part in initial {
            self.enqueue(&mut queue, part);
        }
        let mut in_flight = FuturesUnordered::new();
        let mut running: Vec<Part> = Vec::new();
        let mut failures = Vec::new();
        self.report(|p| p.finished = false);
        loop {
            while in_flight.len() < limit && !self.cancel.is_cancelled() {
                let Some(part) = queue.pop() else { break };
                running.push(part.clone());
                in_flight.push(self.cancel.guard(async move {
                    let answer = fetch(client, account, &part, today).await;
                    (part, answer)
                }));
                self.report(|p| p.in_flight += 1);
            }
            if in_flight.is_empty() {
                break;
            }
            let next = poll_fn(|cx| {
                if self.cancel.is_cancelled() {
                    return Poll::Ready(None);
                }
                self.cancel.register(cx);
                in_flight.poll_next_unpin(cx).map(|done| done.flatten())
            })
            .await;
            let Some((part, answer)) = next else {
                break;
            };
            running.retain(|p| *p != part);
            let dc = part.data_center().map(str::to_string);
            match answer {
                Ok((output, bad)) => {
                    data.set_bad_records(&part, bad);
                    let found = output.resource_count();
                    for unlocked in output.apply(&part, data) {
                        self.enqueue(&mut queue, unlocked);
                    }
                    self.report(|p| {
                        p.in_flight -= 1;
                        p.done(dc.as_deref(), false, found);
                    });
                }
                Err(error) => {
                    let fell_back = self.fall_back(&part, &error, data, &mut queue);
                    if !fell_back {
                        failures.push(PartFailure {
                            part,
                            data_center: dc.clone(),
                            error,
                        });
                    }
                    self.report(|p| {
                        p.in_flight -= 1;
                        p.done(dc.as_deref(), !fell_back, 0);
                    });
                }
            }
        }
        let cancelled = self.cancel.is_cancelled();
        let mut not_started = running;
        while let Some(part) = queue.pop() {
            not_started.push(part);
        }
        if !cancelled {
            debug_assert!(not_started.is_empty());
        }
        self.report(|p| {
            p.in_flight = 0;
            p.finished = true;
            p.cancelled = cancelled;
        });
        RunResult {
            failures,
            not_started,
            cancelled,
        }
    }

    /// Queues the plain-tree read after a failing detailed one; true when it did.
    fn fall_back(
        &self,
        part: &Part,
        error: &Error,
        data: &mut ScanData,
        queue: &mut WorkQueue,
    ) -> bool {
        let Part::GroupTree {
            data_center,
            root_group_id,
        } = part
        else {
            return false;
        };
        if !falls_back_to_plain_tree(error) {
            return false;
        }
        let note = format!(
            "{data_center}: the detailed group read failed ({error}); servers were read one by one instead."
        );
        if !data.notes.contains(&note) {
            data.notes.push(note);
        }
        let plain = Part::GroupTreeWithoutDetail {
            data_center: data_center.clone(),
            root_group_id: root_group_id.clone(),
        };
        self.enqueue(queue, plain);
        true
    }

    fn enqueue(&self, queue: &mut WorkQueue, part: Part) {
        let dc = part.data_center().map(str::to_string);
        if queue.push(part) {
            self.report(|p| p.known(dc.as_deref()));
        }
    }
}
