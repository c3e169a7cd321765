//! The parts a run waits to read, of every alias, in one priority queue (longest remaining
//! chain first, then in the order they became known), and which one is read next.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

use super::part::Part;

/// How many detailed group trees (about 1.6 MB each for a large data center) may be read at
/// once: the others wait while the small reads take the other slots, so the trees arrive spread
/// over the scan and their decoding does not crowd the page while the small reads wait.
pub(crate) const MAX_TREES_IN_FLIGHT: usize = 3;

#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Queued {
    chain: u8,
    order: Reverse<u64>,
    lane: usize,
    part: Part,
}

/// The parts waiting, of every alias of the run: the longest remaining chain first, then in
/// the order they became known (whatever their alias), so the aliases share the slots and
/// none waits alone at the end.
#[derive(Default)]
pub(crate) struct WorkQueue {
    heap: BinaryHeap<Queued>,
    seen: HashSet<(usize, Part)>,
    next: u64,
}

impl WorkQueue {
    /// Adds a part of lane `lane` unless this run already knows it; true when added.
    pub(crate) fn push(&mut self, lane: usize, part: Part) -> bool {
        if !self.seen.insert((lane, part.clone())) {
            return false;
        }
        self.next += 1;
        self.heap.push(Queued {
            chain: part.chain_length(),
            order: Reverse(self.next),
            lane,
            part,
        });
        true
    }

    /// Marks a part of lane `lane` known and answered without a read; true unless this run
    /// already knew it.
    pub(crate) fn answered(&mut self, lane: usize, part: Part) -> bool {
        self.seen.insert((lane, part))
    }

    pub(crate) fn pop(&mut self) -> Option<(usize, Part)> {
        self.heap.pop().map(|q| (q.lane, q.part))
    }

    /// The next part to read, `trees` detailed group trees being read now: the first in the
    /// queue's order, a tree only while fewer than [`MAX_TREES_IN_FLIGHT`] are.
    pub(crate) fn pop_next(&mut self, trees: usize) -> Option<(usize, Part)> {
        self.pop_allowed(|p| trees < MAX_TREES_IN_FLIGHT || !is_tree(p))
    }

    /// The first part in the queue's order that `allowed` takes; the parts passed over stay
    /// where they were.
    fn pop_allowed(&mut self, allowed: impl Fn(&Part) -> bool) -> Option<(usize, Part)> {
        let mut passed = Vec::new();
        let found = loop {
            match self.heap.pop() {
                Some(q) if allowed(&q.part) => break Some((q.lane, q.part)),
                Some(q) => passed.push(q),
                None => break None,
            }
        };
        self.heap.extend(passed);
        found
    }
}

/// Whether `part` is a detailed group tree (a large answer).
pub(crate) fn is_tree(part: &Part) -> bool {
    matches!(part, Part::GroupTree { .. })
}
