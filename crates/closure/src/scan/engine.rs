//! The run: parts of every alias a run reads wait in one priority queue ([`super::queue`])
//! and run with at most `concurrency` in flight in one `FuturesUnordered`; each answer is
//! merged at once and the parts it unlocks join the queue, so every read starts as soon as its
//! inputs are known and a slot is free. A large answer (a detailed group tree) is decoded only
//! once the answers already in are taken and the reads they free are issued, so its decoding
//! overlaps the network instead of holding the next reads back; at most
//! [`super::queue::MAX_TREES_IN_FLIGHT`] trees are read at once, the small reads taking the
//! other slots, so the trees' decoding is spread over the scan. A part answered before the run
//! (the sign-in's data-center list) is merged first.

use std::collections::VecDeque;
use std::future::poll_fn;
use std::task::Poll;

use clc::{BadRecord, Body, Clock, Error, Transport};
use futures::stream::{FuturesUnordered, StreamExt};

use super::data::{PartOutput, ScanData};
use super::fetch::{decode_later, fetch, Fetched};
use super::part::Part;
use super::queue::{is_tree, WorkQueue};
use super::{PartFailure, Scanner};
use crate::inventory::Folder;

/// What one run of the queue left behind, for one alias.
#[derive(Default)]
pub(crate) struct RunResult {
    pub failures: Vec<PartFailure>,
    pub not_started: Vec<Part>,
    pub cancelled: bool,
    /// The inventory built as the answers came in, when the lane asked for it.
    pub folder: Option<Folder>,
}

/// One alias read by a run: what it has read so far (answers are merged into it) and the parts
/// to read.
pub(crate) struct Lane<'d> {
    pub account: String,
    pub data: &'d mut ScanData,
    pub parts: Vec<Part>,
    /// Parts already answered before the run (a data-center list the sign-in read), merged
    /// first, as if their reads had just come back.
    pub answered: Vec<(Part, PartOutput)>,
    /// Build the inventory as the answers come in (a whole scan, whose data starts empty).
    pub fold: bool,
}

/// How many large answers may wait undecoded at once.
pub(crate) const MAX_UNDECODED: usize = 2;

/// What the loop does next.
enum Step<A> {
    /// A read finished.
    Answer(A),
    /// No read finished yet: decode an answer left undecoded meanwhile.
    Decode,
    /// Cancelled, or nothing left.
    Stop,
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
    /// Reads the parts of every lane, all under the one limit of `concurrency` reads in
    /// flight; returns each lane's result, in the lanes' order.
    pub(crate) async fn run(&self, mut lanes: Vec<Lane<'_>>) -> Vec<RunResult> {
        let limit = self.options.concurrency.max(1);
        let today = self.today();
        let (client, today) = (self.client, today.as_str());
        let accounts: Vec<String> = lanes.iter().map(|l| l.account.clone()).collect();
        let mut queue = WorkQueue::default();
        for (lane, l) in lanes.iter_mut().enumerate() {
            for part in std::mem::take(&mut l.parts) {
                self.enqueue(&mut queue, lane, part);
            }
        }
        let mut results: Vec<RunResult> = lanes
            .iter()
            .map(|l| RunResult {
                folder: l.fold.then(Folder::default),
                ..RunResult::default()
            })
            .collect();
        self.report(|p| p.finished = false);
        for (lane, l) in lanes.iter_mut().enumerate() {
            for (part, output) in std::mem::take(&mut l.answered) {
                if queue.answered(lane, part.clone()) {
                    let dc = part.data_center().map(str::to_string);
                    self.report(|p| p.known(dc.as_deref()));
                    let answer = Ok((output, Vec::new()));
                    self.take(&mut queue, lane, &part, answer, l.data, &mut results[lane]);
                }
            }
        }
        let mut in_flight = FuturesUnordered::new();
        let mut running: Vec<(usize, Part)> = Vec::new();
        // Answers read but not decoded yet (large ones), oldest first.
        let mut undecoded: VecDeque<(usize, Part, Body)> = VecDeque::new();
        loop {
            while in_flight.len() < limit && !self.cancel.is_cancelled() {
                let next = queue.pop_next(running.iter().filter(|(_, p)| is_tree(p)).count());
                let Some((lane, part)) = next else {
                    break;
                };
                running.push((lane, part.clone()));
                let account = accounts[lane].as_str();
                in_flight.push(self.cancel.guard(async move {
                    let answer = fetch(client, account, &part, today).await;
                    (lane, part, answer)
                }));
                self.report(|p| p.in_flight += 1);
            }
            if in_flight.is_empty() && undecoded.is_empty() {
                break;
            }
            // Every answer already in is taken (and the reads it frees issued: polling the
            // set sends them) before a large one is decoded.
            let step = poll_fn(|cx| {
                if self.cancel.is_cancelled() {
                    return Poll::Ready(Step::Stop);
                }
                self.cancel.register(cx);
                // Each waiting answer holds its whole text (a tree is about 1.6 MB, and the
                // page's memory never shrinks): past a few, decode before taking more.
                if undecoded.len() >= MAX_UNDECODED {
                    return Poll::Ready(Step::Decode);
                }
                match in_flight.poll_next_unpin(cx) {
                    Poll::Ready(Some(Some(answer))) => Poll::Ready(Step::Answer(answer)),
                    Poll::Ready(Some(None)) => Poll::Ready(Step::Stop),
                    Poll::Ready(None) | Poll::Pending if !undecoded.is_empty() => {
                        Poll::Ready(Step::Decode)
                    }
                    Poll::Ready(None) => Poll::Ready(Step::Stop),
                    Poll::Pending => Poll::Pending,
                }
            })
            .await;
            match step {
                Step::Answer((lane, part, answer)) => {
                    running.retain(|(l, p)| !(*l == lane && *p == part));
                    self.report(|p| p.in_flight -= 1);
                    match answer {
                        Ok(Fetched::Undecoded(body)) => undecoded.push_back((lane, part, body)),
                        Ok(Fetched::Decoded(output, bad)) => {
                            let data = &mut *lanes[lane].data;
                            self.take(
                                &mut queue,
                                lane,
                                &part,
                                Ok((output, bad)),
                                data,
                                &mut results[lane],
                            );
                        }
                        Err(error) => {
                            let data = &mut *lanes[lane].data;
                            self.take(
                                &mut queue,
                                lane,
                                &part,
                                Err(error),
                                data,
                                &mut results[lane],
                            );
                        }
                    }
                }
                Step::Decode => {
                    let Some((lane, part, body)) = undecoded.pop_front() else {
                        continue;
                    };
                    let answer = decode_later(client, &part, &body);
                    drop(body);
                    let data = &mut *lanes[lane].data;
                    self.take(&mut queue, lane, &part, answer, data, &mut results[lane]);
                    // Another large answer waits: let the page take in the answers that
                    // arrived during this decode (and issue what they free) first.
                    if !undecoded.is_empty() && !in_flight.is_empty() {
                        client.clock().yield_now().await;
                    }
                }
                Step::Stop => break,
            }
        }
        // Answers already read are kept, even after a cancel: decoding sends nothing.
        while let Some((lane, part, body)) = undecoded.pop_front() {
            let answer = decode_later(client, &part, &body);
            let data = &mut *lanes[lane].data;
            self.take(&mut queue, lane, &part, answer, data, &mut results[lane]);
        }
        let cancelled = self.cancel.is_cancelled();
        for (lane, part) in running {
            results[lane].not_started.push(part);
        }
        while let Some((lane, part)) = queue.pop() {
            results[lane].not_started.push(part);
        }
        for result in &mut results {
            if !cancelled {
                debug_assert!(result.not_started.is_empty());
            }
            result.cancelled = cancelled;
        }
        self.report(|p| {
            p.in_flight = 0;
            p.finished = true;
            p.cancelled = cancelled;
        });
        results
    }

    /// Merges one decoded answer of lane `lane` (or records its failure) and queues what it
    /// unlocks.
    fn take(
        &self,
        queue: &mut WorkQueue,
        lane: usize,
        part: &Part,
        answer: Result<(PartOutput, Vec<BadRecord>), Error>,
        data: &mut ScanData,
        result: &mut RunResult,
    ) {
        let dc = part.data_center().map(str::to_string);
        match answer {
            Ok((output, bad)) => {
                data.set_bad_records(part, bad);
                let found = output.resource_count();
                for unlocked in output.apply(part, data) {
                    self.enqueue(queue, lane, unlocked);
                }
                if let Some(folder) = &mut result.folder {
                    fold(folder, part, data);
                }
                self.report(|p| p.done(dc.as_deref(), false, found));
            }
            Err(error) => {
                let fell_back = self.fall_back(part, &error, data, queue, lane);
                if !fell_back {
                    result.failures.push(PartFailure {
                        part: part.clone(),
                        data_center: dc.clone(),
                        error,
                    });
                }
                self.report(|p| p.done(dc.as_deref(), !fell_back, 0));
            }
        }
    }

    /// Queues the plain-tree read after a failing detailed one; true when it did.
    fn fall_back(
        &self,
        part: &Part,
        error: &Error,
        data: &mut ScanData,
        queue: &mut WorkQueue,
        lane: usize,
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
        self.enqueue(queue, lane, plain);
        true
    }

    fn enqueue(&self, queue: &mut WorkQueue, lane: usize, part: Part) {
        let dc = part.data_center().map(str::to_string);
        if queue.push(lane, part) {
            self.report(|p| p.known(dc.as_deref()));
        }
    }
}

/// Builds what the answer to `part`, just merged into `data`, adds to the inventory: a group
/// tree's resources. The other answers are small, and what they add depends on every tree:
/// they are built at the end.
fn fold(folder: &mut Folder, part: &Part, data: &ScanData) {
    if let Part::GroupTree { data_center, .. } | Part::GroupTreeWithoutDetail { data_center, .. } =
        part
    {
        if let Some(tree) = data.group_trees.get(data_center) {
            folder.tree(data_center, tree, &data.account);
        }
    }
}
