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

fn reading(aliases: &[&str]) -> Rc<Inventory> {
    let mut inventory = Inventory::empty(aliases[0]);
    inventory.accounts = aliases.iter().map(|a| a.to_string()).collect();
    Rc::new(inventory)
}

#[test]
fn a_sub_account_added_before_any_deletion_is_in_the_records_before() {
    let live = run(
        Rc::new(LiveSummary::default()),
        vec![
            LiveMsg::Scanned(reading(&["DEMO"])),
            LiveMsg::Scanned(reading(&["DEMO", "DEMS"])),
        ],
    );
    assert_eq!(
        live.first.as_ref().map(|f| f.aliases()),
        Some(vec!["DEMO".to_string(), "DEMS".to_string()])
    );
    // Once something was deleted, the "before" is what the account held then.
    let live = run(
        live,
        vec![
            LiveMsg::RunOpen(false),
            LiveMsg::RunFinished(ledger(1)),
            LiveMsg::Scanned(reading(&["DEMO"])),
        ],
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
        vec![
            LiveMsg::Scanned(scanned.clone()),
            LiveMsg::Scanned(newer.clone()),
            LiveMsg::Reread {
                retried: scanned,
                inventory: retried.clone(),
            },
        ],
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
    let live = run(
        Rc::new(LiveSummary::default()),
        vec![
            connected(&[]),
            LiveMsg::Scanned(parent_alone.clone()),
            connected(&["DEMS"]),
            // A Retry of the old list's reading, too.
            LiveMsg::Reread {
                retried: parent_alone.clone(),
                inventory: reading(&["DEMO"]),
            },
        ],
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
        vec![
            LiveMsg::Scanned(with_dems.clone()),
            LiveMsg::Scanned(reading(&["DEMO"])),
        ],
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
    let before = run(
        Rc::new(LiveSummary::default()),
        vec![LiveMsg::Scanned(reading(&["DEMO"]))],
    );
    assert_eq!(*before, (*before).clone());
    for msg in [
        LiveMsg::Scanned(reading(&["DEMO"])),
        LiveMsg::RunFinished(ledger(1)),
        LiveMsg::ManualMarked(Rc::new(ManualMarks::default())),
        LiveMsg::AcceptRemaining(true),
    ] {
        let after = before.clone().reduce(msg.clone());
        assert_ne!(*before, *after, "{msg:?} changes nothing on the page");
    }
}
