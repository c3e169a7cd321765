//! [`LiveSummary`], what the live modes learned that the checklist and the record also read: the
//! first and latest inventories, step 2's marks, the deletion runs' ledgers, whether the customer
//! accepted what still bills. One reducer, fed [`LiveMsg`]s by the live components.

use std::rc::Rc;

use closure::gate::MarksState;
use closure::manual_marks::ManualMarks;
use closure::marks::DataMarks;
use closure::{Inventory, Ledger, Resource};
use yew::Reducible;

use super::ScanId;

#[derive(Clone, Debug, Default)]
pub struct LiveSummary {
    pub alias: String,
    /// The connection's sub-accounts: a reading of another list (the list changed while it
    /// ran) is not taken, as the view does not show it.
    pub sub_accounts: Vec<String>,
    pub api_base: String,
    pub demo: bool,
    /// The first complete reading of the account (the "before" of the closure record).
    pub first: Option<Rc<Inventory>>,
    /// The latest reading of the connection's aliases: none from a change of the sub-accounts
    /// until the new list's scan ends, as on screen.
    pub latest: Option<Rc<Inventory>>,
    /// No scan up to this one is taken: each connection (and Disconnect) sets it to the scan
    /// started last ([`ScanId::last`]), so a scan of the connection before (cancelled, or left
    /// running) is dropped, and a reading taken sets it to its own scan, so an older scan ending
    /// after it is dropped. A scan's start is not a message here: it changes nothing on the page,
    /// and a message that changed the summary would re-render every part that reads it.
    pub stale_scans: ScanId,
    pub marks: MarksState,
    pub marks_complete: bool,
    /// One ledger per deletion run, in order. A run that is still open (a round ended with
    /// failed steps) has its latest ledger last, replaced by the next one of the same run.
    pub ledgers: Vec<Rc<Ledger>>,
    /// The last ledger belongs to a run that is still open.
    pub last_ledger_open: bool,
    /// The customer explicitly accepted that what remains keeps billing.
    pub remaining_accepted: bool,
    /// Step 2's marks as they are now (they outlive the resources they describe).
    pub data_marks: Rc<DataMarks>,
    /// This tab holds a deletion run that has not finished or been stopped.
    pub run_open: bool,
    /// This tab is driving a round of a deletion run now (not paused, not waiting on a retry,
    /// not ended by another tab, a failed journal or an ended session).
    pub driving: bool,
    /// The answers about the manual items (done, not applicable), for the gate and the record.
    pub manual_marks: Rc<ManualMarks>,
}

/// Two summaries are the same when their plain fields are equal and their shared parts (the
/// inventories, ledgers and marks, never changed in place) are the same allocations. Comparing
/// those by value walked every resource of a reading on each change of the summary, and linked a
/// deep comparison of inventories and ledgers into the first load, where they never exist. An
/// equal copy in a new allocation only costs one render more.
impl PartialEq for LiveSummary {
    fn eq(&self, other: &Self) -> bool {
        fn same<T>(a: Option<&Rc<T>>, b: Option<&Rc<T>>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
        }
        // Destructured, so that a field added later cannot be left out of the comparison.
        let LiveSummary {
            alias,
            sub_accounts,
            api_base,
            demo,
            first,
            latest,
            stale_scans,
            marks,
            marks_complete,
            ledgers,
            last_ledger_open,
            remaining_accepted,
            data_marks,
            run_open,
            driving,
            manual_marks,
        } = self;
        *alias == other.alias
            && *sub_accounts == other.sub_accounts
            && *api_base == other.api_base
            && *demo == other.demo
            && same(first.as_ref(), other.first.as_ref())
            && same(latest.as_ref(), other.latest.as_ref())
            && *stale_scans == other.stale_scans
            && *marks == other.marks
            && *marks_complete == other.marks_complete
            && ledgers.len() == other.ledgers.len()
            && ledgers
                .iter()
                .zip(&other.ledgers)
                .all(|(a, b)| Rc::ptr_eq(a, b))
            && *last_ledger_open == other.last_ledger_open
            && *remaining_accepted == other.remaining_accepted
            && Rc::ptr_eq(data_marks, &other.data_marks)
            && *run_open == other.run_open
            && *driving == other.driving
            && Rc::ptr_eq(manual_marks, &other.manual_marks)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum LiveMsg {
    Connected {
        alias: String,
        sub_accounts: Vec<String>,
        api_base: String,
        demo: bool,
    },
    /// Scan `ScanId` ended with this reading; taken only from a scan started since the
    /// connection, and newer than the reading taken last.
    Scanned(ScanId, Rc<Inventory>),
    /// A part's Retry completed `retried` into `inventory`: taken only while `retried` is still
    /// the latest reading (as the view takes it only while it is on screen), so a Retry that
    /// ends after a newer scan does not replace it.
    Reread {
        retried: Rc<Inventory>,
        inventory: Rc<Inventory>,
    },
    Marked {
        marks: Rc<DataMarks>,
        state: MarksState,
        complete: bool,
    },
    ManualMarked(Rc<ManualMarks>),
    RunOpen(bool),
    Driving(bool),
    RunFinished(Rc<Ledger>),
    AcceptRemaining(bool),
    Disconnected,
    /// The live section went away (another mode, or the checklist): no scan started so far is
    /// taken (it cancels them, but a cancelled scan still ends with what it read). What it
    /// learned stays.
    Closed,
}

impl Reducible for LiveSummary {
    type Action = LiveMsg;

    fn reduce(self: Rc<Self>, msg: LiveMsg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            LiveMsg::Connected {
                alias,
                sub_accounts,
                api_base,
                demo,
            } => {
                if alias != next.alias || api_base != next.api_base {
                    next = LiveSummary::default();
                } else if sub_accounts != next.sub_accounts {
                    // Another list of sub-accounts (the same connection): the latest reading
                    // is of the old list, and the view shows none until the new list's scan
                    // ends, so neither do the gate, the request and the record. The "before"
                    // stays (`read` replaces it while nothing was deleted).
                    next.latest = None;
                }
                // The view drops the scan under way at every connection; its result is not
                // taken here either.
                next.stale_scans = ScanId::last();
                next.alias = alias;
                next.sub_accounts = sub_accounts;
                next.api_base = api_base;
                next.demo = demo;
            }
            LiveMsg::Scanned(id, inventory) => {
                if id <= next.stale_scans || !next.connected_to(&inventory) {
                    return self;
                }
                next.stale_scans = id;
                next.read(inventory);
            }
            LiveMsg::Reread { retried, inventory } => {
                let of_latest = next
                    .latest
                    .as_ref()
                    .is_some_and(|l| Rc::ptr_eq(l, &retried));
                if !of_latest || !next.connected_to(&inventory) {
                    return self;
                }
                next.read(inventory);
            }
            LiveMsg::Marked {
                marks,
                state,
                complete,
            } => {
                next.data_marks = marks;
                next.marks = state;
                next.marks_complete = complete;
            }
            LiveMsg::ManualMarked(marks) => next.manual_marks = marks,
            LiveMsg::RunOpen(open) => next.run_open = open,
            LiveMsg::Driving(driving) => next.driving = driving,
            LiveMsg::RunFinished(ledger) => {
                // Every round of a run ends with a ledger of the whole run, so a run that was
                // incomplete and then retried must not be counted twice: its newer ledger
                // replaces the older. `RunOpen` comes first and says whether the run is closed.
                if next.last_ledger_open {
                    next.ledgers.pop();
                }
                next.ledgers.push(ledger);
                next.last_ledger_open = next.run_open;
            }
            LiveMsg::AcceptRemaining(accepted) => next.remaining_accepted = accepted,
            LiveMsg::Closed => next.stale_scans = ScanId::last(),
            LiveMsg::Disconnected => {
                next = LiveSummary {
                    stale_scans: ScanId::last(),
                    ..LiveSummary::default()
                }
            }
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

impl LiveSummary {
    /// Whether `inventory` read the connection's aliases (any, before a connection), the test
    /// the view makes before it shows a reading.
    fn connected_to(&self, inventory: &Inventory) -> bool {
        if self.alias.is_empty() {
            return true;
        }
        crate::session::reads_aliases(&self.alias, &self.sub_accounts, &inventory.aliases())
    }

    /// A reading becomes the latest. The "before" is the first complete reading of the aliases
    /// being closed. A sub-account added before anything was deleted makes a new "before"; after
    /// a deletion the old one stays (it is what the account held then).
    fn read(&mut self, inventory: Rc<Inventory>) {
        let other_aliases = self
            .first
            .as_ref()
            .is_some_and(|first| first.aliases() != inventory.aliases());
        let untouched = self.ledgers.is_empty() && !self.run_open;
        if inventory.is_complete() && (self.first.is_none() || (other_aliases && untouched)) {
            self.first = Some(inventory.clone());
        }
        self.latest = Some(inventory);
    }

    /// The resources of the latest reading that still bill (exclusions and free items aside).
    pub fn still_billing(&self) -> usize {
        self.billing().count()
    }

    /// What bills in the latest reading and is not in `baseline` (what billed when the closure
    /// was requested, as `services::baseline` stores it): something that appeared, or came
    /// back, since.
    pub fn billing_besides(&self, baseline: &[String]) -> Vec<&Resource> {
        self.billing()
            .filter(|r| !baseline.contains(&crate::services::baseline::token(&r.id)))
            .collect()
    }

    /// The resources of the latest reading that still bill.
    pub fn billing(&self) -> impl Iterator<Item = &Resource> {
        self.latest
            .iter()
            .flat_map(|inv| inv.resources.iter())
            .filter(|r| r.bills())
    }
}

#[cfg(test)]
mod tests;
