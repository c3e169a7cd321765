//! [`LiveView`], the live section's own state: the connection, the latest reading of the account,
//! and the scan under way.

use std::rc::Rc;

use closure::scan::ScanOutcome;
use closure::{CancelHandle, EpochMs, Inventory, InventoryDiff, ProgressHandle};
use yew::Reducible;

use crate::components::common::{ByPtr, Failure, Remote};
use crate::session::Connection;

/// The live section's own state, one reducer: the connection, the latest reading of the
/// account, and the scan under way. A scan is asked for with [`LiveViewMsg::WantScan`]; the
/// reducer turns that into a new `scan_wanted` only when none runs, and the page starts one
/// for each new value, so two scans never run at once however the asks arrive.
#[derive(Clone, Default)]
pub struct LiveView {
    pub connection: Remote<Rc<Connection>>,
    /// The latest reading, kept on screen while a refresh runs in the background.
    pub reading: Option<Reading>,
    /// The scan under way (its progress is shown while there is no reading yet).
    pub running: Option<ScanRun>,
    /// Bumped for each scan to start.
    pub scan_wanted: u64,
}

/// One reading of the account.
#[derive(Clone)]
pub struct Reading {
    pub outcome: Rc<ScanOutcome>,
    pub at: EpochMs,
    /// What changed since the reading before (none for the first, or after a part's retry).
    pub diff: Option<Rc<InventoryDiff>>,
}

impl Reading {
    /// The outcome's inventory, shared (never copied) with the views and the summary.
    pub fn inventory(&self) -> ByPtr<Inventory> {
        ByPtr(self.outcome.inventory.clone())
    }
}

/// A scan under way.
#[derive(Clone)]
pub struct ScanRun {
    /// Carried from the scan's start to its result, in both reducers.
    pub id: ScanId,
    pub progress: ProgressHandle,
    pub cancel: CancelHandle,
}

impl ScanRun {
    /// A scan about to start, with an id of its own.
    pub fn starting() -> ScanRun {
        ScanRun {
            id: ScanId::next(),
            progress: ProgressHandle::new(),
            cancel: CancelHandle::new(),
        }
    }
}

/// Which scan a result is of. Each scan the page starts has its own, so the result of an
/// earlier one (cancelled by a Disconnect, or left running when the connection was replaced,
/// the same alias and sub-accounts connected again) is never taken for the reading of the scan
/// under way: the view takes a result only from the scan it saw start, the summary only from a
/// scan started since the connection and newer than the reading it took last.
///
/// Ids grow with each scan started, so the newest issued ([`ScanId::last`]) is at least the id
/// of every scan started so far: what the summary drops from a new connection on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct ScanId(u64);

thread_local! {
    static LAST_SCAN: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

impl ScanId {
    /// An id no scan of this page had before, greater than all of theirs.
    pub fn next() -> ScanId {
        ScanId(LAST_SCAN.with(|last| {
            last.set(last.get() + 1);
            last.get()
        }))
    }

    /// The id of the scan started last (the default, below every scan's, before any).
    pub fn last() -> ScanId {
        ScanId(LAST_SCAN.with(|last| last.get()))
    }
}

pub enum LiveViewMsg {
    Connecting,
    Connected(Rc<Connection>),
    ConnectFailed(Failure),
    Disconnect,
    /// Read the account again (now, or as soon as the scan under way ends: it is not queued).
    WantScan,
    ScanStarted(ScanRun),
    /// The scan `ScanId` ended with this outcome, read at `at`; taken only while it is the scan
    /// under way.
    Scanned(ScanId, Rc<ScanOutcome>, EpochMs),
    /// A failed part of the reading whose outcome was `retried` was read again: the same
    /// reading, completed. It keeps the reading's time: the rest of its figures are as old as
    /// that, and the page says how old the data is by it (and asks for a new scan when stale).
    /// Dropped when another reading has come since (it read the part again too, and the rest).
    Reread {
        retried: Rc<ScanOutcome>,
        outcome: Rc<ScanOutcome>,
    },
}

impl Reducible for LiveView {
    type Action = LiveViewMsg;

    fn reduce(self: Rc<Self>, msg: LiveViewMsg) -> Rc<Self> {
        let mut next = (*self).clone();
        let reading = |outcome, at, diff| Reading { outcome, at, diff };
        match msg {
            LiveViewMsg::Connecting => next.connection = Remote::Loading,
            LiveViewMsg::Connected(connection) => {
                next = LiveView {
                    connection: Remote::Loaded(connection),
                    scan_wanted: self.scan_wanted + 1,
                    ..LiveView::default()
                };
            }
            LiveViewMsg::ConnectFailed(failure) => next.connection = Remote::Failed(failure),
            LiveViewMsg::Disconnect => next = LiveView::default(),
            LiveViewMsg::WantScan => {
                if next.running.is_some() || next.connection.loaded().is_none() {
                    return self;
                }
                next.scan_wanted += 1;
            }
            LiveViewMsg::ScanStarted(run) => next.running = Some(run),
            LiveViewMsg::Scanned(id, outcome, at) => {
                // The result of an earlier scan (one a Disconnect cancelled, or a connection
                // made since dropped) is not this scan's reading, even of the same aliases.
                if self.running.as_ref().is_none_or(|run| run.id != id) {
                    return self;
                }
                // A reading of another list of aliases (the sub-accounts changed while it ran)
                // is dropped: the new connection's own reading follows.
                if let Some(conn) = self.connection.loaded() {
                    if !conn.identity.reads(&outcome.aliases()) {
                        return self;
                    }
                }
                let diff = self
                    .reading
                    .as_ref()
                    .map(|before| Rc::new(before.outcome.inventory.diff(&outcome.inventory)));
                next.reading = Some(reading(outcome, at, diff));
                next.running = None;
            }
            LiveViewMsg::Reread { retried, outcome } => match &self.reading {
                Some(on_screen) if Rc::ptr_eq(&on_screen.outcome, &retried) => {
                    next.reading = Some(reading(outcome, on_screen.at, None));
                }
                _ => return self,
            },
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use closure::scan::ScanData;

    use super::*;

    fn outcome() -> Rc<ScanOutcome> {
        Rc::new(ScanOutcome {
            data: ScanData::default(),
            inventory: Rc::new(Inventory::empty("DEMO")),
            failures: Vec::new(),
            not_started: Vec::new(),
            cancelled: false,
            subs: Vec::new(),
        })
    }

    fn outcome_of(aliases: &[&str]) -> Rc<ScanOutcome> {
        let one = |alias: &str| ScanOutcome {
            data: ScanData {
                account: alias.to_string(),
                ..ScanData::default()
            },
            ..(*outcome()).clone()
        };
        Rc::new(ScanOutcome {
            subs: aliases[1..].iter().map(|a| one(a)).collect(),
            ..one(aliases[0])
        })
    }

    fn connected(alias: &str, subs: &[&str]) -> Rc<LiveView> {
        use crate::services::api::{client, AppTransport, FetchTransport};
        use crate::session::{Connection, Identity};
        let connection = Connection {
            client: Rc::new(client(
                "http://sim.test",
                AppTransport::Fetch(FetchTransport),
            )),
            identity: Identity {
                user: String::new(),
                alias: alias.into(),
                roles: Vec::new(),
                expires_at: None,
                api_base: String::new(),
                demo: false,
                sub_accounts: subs.iter().map(|s| s.to_string()).collect(),
            },
            sign_in: Default::default(),
        };
        Rc::new(LiveView::default()).reduce(LiveViewMsg::Connected(Rc::new(connection)))
    }

    /// `view` with a scan started, and its result `outcome` read at `at`.
    fn scanned(view: Rc<LiveView>, outcome: Rc<ScanOutcome>, at: EpochMs) -> Rc<LiveView> {
        let run = ScanRun::starting();
        let id = run.id;
        view.reduce(LiveViewMsg::ScanStarted(run))
            .reduce(LiveViewMsg::Scanned(id, outcome, at))
    }

    /// A stored list that names the parent among its sub-accounts: the scan reads the parent
    /// once, and the view takes that reading (it waited for the parent twice, dropped every
    /// reading and stayed "running", the list locked, while the summary took them all).
    #[test]
    fn a_list_naming_the_parent_still_takes_the_scans_reading() {
        let run = ScanRun::starting();
        let id = run.id;
        let view = connected("DEMO", &["DEMO", "DEMS"]).reduce(LiveViewMsg::ScanStarted(run));
        let scan = outcome_of(&["DEMO", "DEMS"]);
        let view = view.reduce(LiveViewMsg::Scanned(id, scan.clone(), 1_000));
        assert!(
            view.reading
                .as_ref()
                .is_some_and(|r| Rc::ptr_eq(&r.outcome, &scan)),
            "the reading of DEMO and DEMS was dropped"
        );
        assert!(view.running.is_none(), "the scan still shows as running");
        // A reading of another list is still dropped.
        let view = scanned(view, outcome_of(&["DEMO"]), 2_000);
        assert!(view
            .reading
            .as_ref()
            .is_some_and(|r| Rc::ptr_eq(&r.outcome, &scan)));
    }

    /// "Data read 2 hours ago" (and the warning to scan again) is about the scan: a part read
    /// again by its Retry leaves the rest as old as it was, so the reading keeps the scan's time
    /// (it once took the Retry's, and a stale scan read as fresh).
    #[test]
    fn a_retried_part_keeps_the_time_of_the_scan_it_completes() {
        let first = outcome();
        let view = scanned(Rc::new(LiveView::default()), first.clone(), 1_000);
        let completed = outcome();
        let view = view.reduce(LiveViewMsg::Reread {
            retried: first,
            outcome: completed.clone(),
        });
        let reading = view.reading.as_ref().expect("a reading");
        assert!(Rc::ptr_eq(&reading.outcome, &completed));
        assert_eq!(reading.at, 1_000);
        // A retry that ends after a new scan came is dropped: the new scan read everything later.
        let newer = outcome();
        let view = scanned(view, newer.clone(), 9_000);
        let view = view.reduce(LiveViewMsg::Reread {
            retried: completed,
            outcome: outcome(),
        });
        let reading = view.reading.as_ref().expect("a reading");
        assert!(Rc::ptr_eq(&reading.outcome, &newer));
        assert_eq!(reading.at, 9_000);
    }

    /// A scan cancelled by Disconnect whose result lands after the customer connected again to
    /// the same alias (or the same list of sub-accounts connected again) is not the new scan's
    /// reading: it once showed as the reading, with the new scan still running behind it (its
    /// aliases are the connection's, so the alias check took it).
    #[test]
    fn the_result_of_a_scan_from_before_a_reconnection_is_dropped() {
        let old = ScanRun::starting();
        let old_id = old.id;
        let view = connected("DEMO", &["DEMS"]).reduce(LiveViewMsg::ScanStarted(old));
        let view = view.reduce(LiveViewMsg::Disconnect);
        // Its result, landing while nothing is connected: nothing to show it in.
        let late = outcome_of(&["DEMO", "DEMS"]);
        let gone = view
            .clone()
            .reduce(LiveViewMsg::Scanned(old_id, late.clone(), 1_000));
        assert!(gone.reading.is_none(), "a reading with no connection");
        // Connected again to the same alias and list; the new scan starts.
        let conn = connected("DEMO", &["DEMS"])
            .connection
            .loaded()
            .cloned()
            .unwrap();
        let view = view.reduce(LiveViewMsg::Connected(conn));
        let new = ScanRun::starting();
        let new_id = new.id;
        let view = view.reduce(LiveViewMsg::ScanStarted(new));
        let view = view.reduce(LiveViewMsg::Scanned(old_id, late, 2_000));
        assert!(
            view.reading.is_none(),
            "the cancelled scan's result became the new connection's reading"
        );
        assert!(
            view.running.as_ref().is_some_and(|r| r.id == new_id),
            "the new scan no longer shows as running"
        );
        // The new scan's own result is taken.
        let fresh = outcome_of(&["DEMO", "DEMS"]);
        let view = view.reduce(LiveViewMsg::Scanned(new_id, fresh.clone(), 3_000));
        assert!(view
            .reading
            .as_ref()
            .is_some_and(|r| Rc::ptr_eq(&r.outcome, &fresh)));
        assert!(view.running.is_none());
    }
}
