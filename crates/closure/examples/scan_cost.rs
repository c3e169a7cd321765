//! The page's own work in a scan of the bench's 10,000-server account, natively, for
//! instruction counts: decoding every answer, merging it, building the inventory, and handing
//! the inventory to the page's summary. The simulator's work is not the page's: run it under
//! callgrind with that left out, e.g.
//!
//! ```text
//! valgrind --tool=callgrind --collect-atstart=no \
//!   --toggle-collect='scan_cost::page_scan*' --toggle-collect='clc_sim::Sim::handle' \
//!   target/costs/examples/scan_cost
//! ```
//!
//! after `cargo build --profile costs --example scan_cost -p closure` (the workspace's `costs`
//! profile: the release one without LTO, with line tables). Instruction counts repeat from run
//! to run; wall times on a shared machine do not. `callgrind_annotate --inclusive=yes` then
//! splits them: `decode_later` (the detailed group trees), `list_output` (the other lists) and
//! the inventory: `Folder::tree` (each group tree, as it comes in) and `Inventory::from_folded`
//! (the rest, in `Folder::finish`, once the last answer is in; `Inventory::from_scan` only where
//! the fold gives up).

#[path = "../tests/support/mod.rs"]
mod support;

use std::rc::Rc;

use clc_sim::Scenario;
use closure::{Inventory, ScanOutcome, Scanner};

/// The bench's scan row account (`xtask/src/bench.rs`).
const ACCOUNT: &str = "large:dcs=13,servers=10000,groups=600,ips=2000";

fn main() {
    let scenario = Scenario::parse(ACCOUNT).expect("the bench's account");
    let h = support::Harness::new(scenario, 50);
    let (outcome, shared) = page_scan(&h);
    println!(
        "{} resources, {} unread, {} requests, {} virtual ms",
        shared.resources.len(),
        outcome.inventory.unread.len(),
        h.requests_sent(),
        h.elapsed_ms()
    );
}

/// The scan as the page runs it (`src/components/live/mod.rs`): the outcome, and its inventory
/// shared with the summary.
#[inline(never)]
fn page_scan(h: &support::Harness) -> (ScanOutcome, Rc<Inventory>) {
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    let shared = outcome.inventory.clone();
    (outcome, shared)
}
