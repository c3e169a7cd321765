//! [`at_most`]: the executor's one pool of requests in flight. Every place that reads or sends
//! for many steps at once (the lists, the re-reads, the polls, the sends, the final ledger)
//! runs its requests through it, each task storing its own answer where its caller reads it.
//! The tasks are boxed and answer nothing, so every caller shares one compiled copy of the
//! pool (`buffer_unordered` over each caller's own future type compiled one per caller: 6 in
//! the live tools' wasm), with the same schedule as `buffer_unordered`.
//!
//! Each caller keeps its own answers (a `RefCell` its tasks push into, read with
//! `into_inner`) rather than through a shared helper: a generic `gather` over each caller's
//! answer futures, returning their answers in a `Vec`, is compiled once per caller again and
//! measured 1,690 B larger (gzip -9 of the live wasm after `cargo xtask dist`, 664,797 ->
//! 666,487 B; the lists keep a map, the polls and the re-reads for a lost answer only some).

use std::future::Future;
use std::pin::Pin;

use futures::stream::{self, StreamExt};

/// One request (or a few in a row) in flight, its answer stored by the task itself.
pub(super) type Task<'a> = Pin<Box<dyn Future<Output = ()> + 'a>>;

/// Runs the tasks `tasks` yields, at most `limit` at a time (at least one), until all are
/// done. A task is taken from `tasks` only when a place is free, as `buffer_unordered` takes
/// them from its stream; each is polled and finishes as it would there, in the same order.
pub(super) async fn at_most(limit: usize, tasks: &mut dyn Iterator<Item = Task<'_>>) {
    let mut running = stream::iter(tasks).buffer_unordered(limit.max(1));
    while running.next().await.is_some() {}
}

/// Boxes `task` as a [`Task`].
pub(super) fn task<'a>(task: impl Future<Output = ()> + 'a) -> Task<'a> {
    Box::pin(task)
}
