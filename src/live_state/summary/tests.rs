//! The live summary's reducer: readings, runs and answers as the page sends them.

use super::*;

fn ledger(at: u64) -> Rc<Ledger> {
    Rc::new(Ledger {
        verified_at_ms: at,
        ..Ledger::default()
    })
}

fn run(live: Rc<LiveSummary>, msgs: Vec<LiveMsg>) -> Rc<LiveSummary> {
    msgs.into_iter().fold(live, |live, msg| live.reduce(msg))
}

/// Scan `inventory`: the result of a scan started now (after every message reduced so far, before
/// every one not reduced yet: a connection reduced later drops it).
fn scan(inventory: Rc<Inventory>) -> Vec<LiveMsg> {
    vec![LiveMsg::Scanned(ScanId::next(), inventory)]
}

fn reading(aliases: &[&str]) -> Rc<Inventory> {
    let mut inventory = Inventory::empty(aliases[0]);
    inventory.accounts = aliases.iter().map(|a| a.to_string()).collect();
    Rc::new(inventory)
}

#[test]
fn a_sub_account_added_before_any_deletion_is_in_the_records_before() {
    let live = run(
        Rc::new(LiveSummary::default()),
        [scan(reading(&["DEMO"])), scan(reading(&["DEMO", "DEMS"]))].concat(),
    );
    assert_eq!(
        live.first.as_ref().map(|f| f.aliases()),
        Some(vec!["DEMO".to_string(), "DEMS".to_string()])
    );
    // Once something was deleted, the "before" is what the account held then.
    let live = run(
        live,
        [
            vec![LiveMsg::RunOpen(false), LiveMsg::RunFinished(ledger(1))],
            scan(reading(&["DEMO"])),
        ]
        .concat(),
    );
    assert_eq!(live.first.as_ref().map(|f| f.aliases().len()), Some(2));
}

#[test]
fn a_retried_run_counts_once_and_every_closed_run_is_kept() {
    let live = Rc::new(LiveSummary::default());
    // Run 1: a round with failures (still open), a retry that finishes it.
    let live = run(
        live,
        vec![
            LiveMsg::RunOpen(true),
            LiveMsg::RunFinished(ledger(1)),
            LiveMsg::RunOpen(true),
            LiveMsg::RunFinished(ledger(2)),
            LiveMsg::RunOpen(false),
            LiveMsg::RunFinished(ledger(3)),
        ],
    );
    assert_eq!(live.ledgers, vec![ledger(3)]);
    // Run 2 adds its own ledger beside run 1's.
    let live = run(
        live,
        vec![LiveMsg::RunOpen(false), LiveMsg::RunFinished(ledger(4))],
    );
    assert_eq!(live.ledgers, vec![ledger(3), ledger(4)]);
}

/// A part's Retry that ends after a newer scan is dropped, as the view drops it: the latest
/// reading (step 4's gate, the closure request, the record) stays the newer scan, the one on
/// screen. A Retry of the latest reading replaces it.
#[test]
fn a_retry_ending_after_a_newer_scan_leaves_the_newer_scan_latest() {
    let (scanned, newer, retried) = (reading(&["DEMO"]), reading(&["DEMO"]), reading(&["DEMO"]));
    let live = run(
        Rc::new(LiveSummary::default()),
        [
            scan(scanned.clone()),
            scan(newer.clone()),
            vec![LiveMsg::Reread {
                retried: scanned,
                inventory: retried.clone(),
            }],
        ]
        .concat(),
    );
    assert!(
        live.latest.as_ref().is_some_and(|l| Rc::ptr_eq(l, &newer)),
        "the Retry of an older scan replaced the newer scan as the latest reading"
    );
    let live = live.reduce(LiveMsg::Reread {
        retried: newer,
        inventory: retried.clone(),
    });
    assert!(live
        .latest
        .as_ref()
        .is_some_and(|l| Rc::ptr_eq(l, &retried)));
}

/// A reading of the aliases before the sub-accounts changed, ending after the change, is
/// dropped, as the view drops it: the latest reading stays one of the connection's aliases
/// (the view showed nothing new while the summary took the old list's reading).
#[test]
fn a_reading_of_a_list_of_aliases_no_longer_connected_is_not_the_latest() {
    let connected = |subs: &[&str]| LiveMsg::Connected {
        alias: "DEMO".into(),
        sub_accounts: subs.iter().map(|s| s.to_string()).collect(),
        api_base: String::new(),
        demo: true,
    };
    let (with_dems, parent_alone) = (reading(&["DEMO", "DEMS"]), reading(&["DEMO"]));
    let live = run(Rc::new(LiveSummary::default()), vec![connected(&[])]);
    let live = run(
        live,
        [
            scan(parent_alone.clone()),
            vec![
                connected(&["DEMS"]),
                // A Retry of the old list's reading, too.
                LiveMsg::Reread {
                    retried: parent_alone.clone(),
                    inventory: reading(&["DEMO"]),
                },
            ],
        ]
        .concat(),
    );
    // The old list's reading is no one's latest once the list changed (the view shows none
    // until the new list's scan ends); the "before" stays.
    assert!(
        live.latest.is_none(),
        "the reading of the list before the change stayed the latest"
    );
    assert!(live
        .first
        .as_ref()
        .is_some_and(|f| Rc::ptr_eq(f, &parent_alone)));
    let live = run(
        live,
        [scan(with_dems.clone()), scan(reading(&["DEMO"]))].concat(),
    );
    assert!(
        live.latest
            .as_ref()
            .is_some_and(|l| Rc::ptr_eq(l, &with_dems)),
        "a reading of the list before the change became the latest"
    );
    assert_eq!(live.first.as_ref().map(|f| f.aliases().len()), Some(2));
}

/// The page re-renders on what the summary's comparison calls a change: every new reading,
/// run or answer is one (even when it reads the same as the last), and a summary is the same
/// as itself.
#[test]
fn every_new_reading_run_or_answer_is_a_change_for_the_page() {
    let before = run(Rc::new(LiveSummary::default()), scan(reading(&["DEMO"])));
    assert_eq!(*before, (*before).clone());
    for msgs in [
        scan(reading(&["DEMO"])),
        vec![LiveMsg::RunFinished(ledger(1))],
        vec![LiveMsg::ManualMarked(Rc::new(ManualMarks::default()))],
        vec![LiveMsg::AcceptRemaining(true)],
    ] {
        let after = run(before.clone(), msgs.clone());
        assert_ne!(*before, *after, "{msgs:?} changes nothing on the page");
    }
}

/// A scan cancelled by Disconnect whose result lands late is not the reading of the account
/// connected since, even the same alias with the same sub-accounts: neither while nothing is
/// connected (it once became the latest reading of no connection) nor once the new scan runs
/// (it once became the latest, the new scan's result still to come). As the view drops it.
#[test]
fn the_result_of_a_scan_from_before_a_reconnection_is_not_the_latest() {
    let connected = LiveMsg::Connected {
        alias: "DEMO".into(),
        sub_accounts: vec!["DEMS".into()],
        api_base: "http://sim.test".into(),
        demo: false,
    };
    let live = Rc::new(LiveSummary::default()).reduce(connected.clone());
    let old = ScanId::next();
    let late = reading(&["DEMO", "DEMS"]);
    let live = run(
        live,
        vec![LiveMsg::Disconnected, LiveMsg::Scanned(old, late.clone())],
    );
    assert!(live.latest.is_none(), "a latest reading with no connection");
    let live = live.reduce(connected);
    let new = ScanId::next();
    let live = live.reduce(LiveMsg::Scanned(old, late));
    assert!(
        live.latest.is_none() && live.first.is_none(),
        "the cancelled scan's result became the new connection's reading"
    );
    let fresh = reading(&["DEMO", "DEMS"]);
    let live = live.reduce(LiveMsg::Scanned(new, fresh.clone()));
    assert!(live.latest.as_ref().is_some_and(|l| Rc::ptr_eq(l, &fresh)));
}

/// A connection drops the scan under way, as the view does: connected again to the same alias
/// with the same sub-accounts (nothing else of the summary changes), the scan from before still
/// does not become the latest reading.
#[test]
fn a_connection_drops_the_scan_under_way_even_to_the_same_aliases() {
    let connected = LiveMsg::Connected {
        alias: "DEMO".into(),
        sub_accounts: vec!["DEMS".into()],
        api_base: "http://sim.test".into(),
        demo: false,
    };
    let live = Rc::new(LiveSummary::default()).reduce(connected.clone());
    let before = ScanId::next();
    let live = run(
        live,
        vec![
            connected,
            LiveMsg::Scanned(before, reading(&["DEMO", "DEMS"])),
        ],
    );
    assert!(
        live.latest.is_none(),
        "the scan from before the connection became its latest reading"
    );
}

/// Of two scans of one connection, the newer's reading stays the latest when the older ends
/// after it (the view runs one at a time, but the summary does not count on it).
#[test]
fn an_older_scan_ending_after_a_newer_one_is_not_the_latest() {
    let live = Rc::new(LiveSummary::default()).reduce(LiveMsg::Connected {
        alias: "DEMO".into(),
        sub_accounts: Vec::new(),
        api_base: String::new(),
        demo: true,
    });
    let (older, newer) = (ScanId::next(), ScanId::next());
    let (old_reading, new_reading) = (reading(&["DEMO"]), reading(&["DEMO"]));
    let live = run(
        live,
        vec![
            LiveMsg::Scanned(newer, new_reading.clone()),
            LiveMsg::Scanned(older, old_reading),
        ],
    );
    assert!(
        live.latest
            .as_ref()
            .is_some_and(|l| Rc::ptr_eq(l, &new_reading)),
        "the older scan's reading replaced the newer's"
    );
}

/// A demo scan under way when the customer switches to their own account (the live section
/// goes away, and comes back with the Connect form) is not the latest reading when it ends.
#[test]
fn a_scan_of_a_live_section_gone_is_not_the_latest() {
    let live = Rc::new(LiveSummary::default()).reduce(LiveMsg::Connected {
        alias: "DEMO".into(),
        sub_accounts: Vec::new(),
        api_base: String::new(),
        demo: true,
    });
    let demo_scan = ScanId::next();
    let live = run(
        live,
        vec![
            LiveMsg::Closed,
            LiveMsg::Scanned(demo_scan, reading(&["DEMO"])),
        ],
    );
    assert!(
        live.latest.is_none(),
        "the demo's scan became the latest reading after its section went away"
    );
}
