//! The events between two renders: which, in what order, and what their details say (and can
//! never say).

use std::collections::BTreeMap;
use std::rc::Rc;

use closure::inventory::{Cost, CostBasis, Unread};
use closure::journal::LedgerLine;
use closure::scan::Part;
use closure::{Inventory, Ledger, Resource, ResourceId, ResourceKind, ResourceState};
use serde_json::json;

use super::*;

fn at_rest() -> Observed {
    Observed {
        mode: Mode::Checklist,
        done: [false; 4],
        requested_at: None,
        reading: None,
        run_open: false,
        ledger: None,
    }
}

fn detail(event: &HostEvent) -> serde_json::Value {
    serde_json::to_value(event).unwrap()
}

const SECRET_NAME: &str = "payroll-db (keep out)";
const SECRET_ID: &str = "va1secret01";

fn inventory() -> Inventory {
    let resource = |kind, id: &str, hourly: f64| Resource {
        id: ResourceId::new(kind, id),
        account: String::new(),
        name: SECRET_NAME.into(),
        data_center: Some("VA1".into()),
        group_path: Some("Payroll".into()),
        state: ResourceState::Active,
        cost: Cost {
            basis: CostBasis::Billed,
            hourly: Some(hourly),
            month_to_date: None,
            monthly_estimate: None,
        },
        depends_on: vec![],
        deletable: true,
        keep: None,
        notes: vec![],
    };
    let mut free = resource(ResourceKind::Network, "va1net01", 0.0);
    free.cost = Cost::free();
    Inventory {
        account: "SECRETALIAS".into(),
        accounts: Vec::new(),
        account_billing: Default::default(),
        resources: vec![
            resource(ResourceKind::Server, SECRET_ID, 0.1),
            resource(ResourceKind::Server, "va1secret02", 0.2),
            free,
        ],
        unread: vec![Unread {
            part: Part::Networks {
                data_center: "UC1".into(),
            },
            data_center: Some("UC1".into()),
            kinds: vec![ResourceKind::Network],
            reason: "The service did not answer.".into(),
            account: String::new(),
        }],
        cancelled: false,
        cancelled_accounts: Vec::new(),
        manual: vec![],
        group_billing: BTreeMap::new(),
        last_invoice: None,
        notes: vec![],
    }
}

fn line(id: &str) -> LedgerLine {
    LedgerLine {
        step: None,
        account: String::new(),
        resource: ResourceId::new(ResourceKind::Server, id),
        label: SECRET_NAME.into(),
        data_center: Some("VA1".into()),
        reason: Some(format!("{SECRET_NAME} could not be deleted")),
        hourly: Some(0.1),
        bills: true,
        operation_id: Some("op-secret".into()),
        sent_at_ms: Some(1),
        finished_at_ms: Some(2),
        resources: 1,
    }
}

#[test]
fn the_same_screen_announces_nothing() {
    let screen = Observed {
        mode: Mode::Demo,
        done: [true, true, false, false],
        reading: Some(ByPtr::new(inventory())),
        run_open: true,
        ..at_rest()
    };
    assert_eq!(between(&screen, &screen.clone()), vec![]);
}

#[test]
fn ticks_come_in_the_articles_order_and_unticks_from_the_last() {
    let ticked = Observed {
        done: [true, true, true, false],
        ..at_rest()
    };
    let names: Vec<serde_json::Value> = between(&at_rest(), &ticked).iter().map(detail).collect();
    assert_eq!(
        names,
        [
            json!({ "step": 1, "done": true }),
            json!({ "step": 2, "done": true }),
            json!({ "step": 3, "done": true }),
        ]
    );
    let unticked: Vec<serde_json::Value> =
        between(&ticked, &at_rest()).iter().map(detail).collect();
    assert_eq!(
        unticked,
        [
            json!({ "step": 3, "done": false }),
            json!({ "step": 2, "done": false }),
            json!({ "step": 1, "done": false }),
        ]
    );
}

#[test]
fn every_event_has_its_name_and_causes_come_before_consequences() {
    let now = Observed {
        mode: Mode::Demo,
        done: [true, true, true, true],
        requested_at: Some(1_796_464_800_000),
        reading: Some(ByPtr::new(inventory())),
        run_open: true,
        ledger: Some(ByPtr::new(Ledger::default())),
    };
    let names: Vec<&str> = between(&at_rest(), &now)
        .iter()
        .map(HostEvent::name)
        .collect();
    assert_eq!(
        names,
        [
            "offboard:mode",
            "offboard:scan",
            "offboard:run",
            "offboard:run",
            "offboard:step",
            "offboard:step",
            "offboard:step",
            "offboard:step",
            "offboard:requested",
        ]
    );
}

#[test]
fn a_new_reading_is_a_finished_scan_with_counts_and_the_hourly_cost() {
    let before = Observed {
        reading: Some(ByPtr::new(inventory())),
        ..at_rest()
    };
    // The same contents read again is still a new reading.
    let now = Observed {
        reading: Some(ByPtr::new(inventory())),
        ..at_rest()
    };
    let events = between(&before, &now);
    assert_eq!(
        events.iter().map(detail).collect::<Vec<_>>(),
        [
            json!({ "resources": 3, "billable": 2, "unread": 1, "complete": false, "hourlyCost": 0.3 })
        ]
    );
    // Disconnecting forgets the reading: nothing to announce.
    assert_eq!(between(&now, &at_rest()), vec![]);
}

#[test]
fn a_run_starts_once_and_each_ledger_is_a_finished_round() {
    let open = Observed {
        run_open: true,
        ..at_rest()
    };
    assert_eq!(
        between(&at_rest(), &open),
        [HostEvent::Run(RunDetail::Started)]
    );
    let ledger = Ledger {
        removed: vec![line("a"), line("b")],
        failed: vec![line("c")],
        remaining: vec![],
        verified_at_ms: 0,
    };
    // A round with a failed step leaves the run open; its ledger is still announced.
    let round = Observed {
        ledger: Some(ByPtr(Rc::new(ledger))),
        ..open.clone()
    };
    let events = between(&open, &round);
    assert_eq!(
        events.iter().map(detail).collect::<Vec<_>>(),
        [json!({ "phase": "finished", "removed": 2, "failed": 1, "remaining": 0 })]
    );
    assert_eq!(
        detail(&HostEvent::Run(RunDetail::Started)),
        json!({ "phase": "started" })
    );
}

#[test]
fn the_request_time_is_utc_as_a_host_page_writes_it() {
    let requested = Observed {
        done: [true; 4],
        requested_at: Some(1_796_464_800_123),
        ..at_rest()
    };
    let events = between(&at_rest(), &requested);
    assert_eq!(
        detail(events.last().unwrap()),
        json!({ "requestedAt": "2026-12-05T10:00:00.123Z" })
    );
    assert_eq!(
        detail(&HostEvent::Mode(ModeDetail {
            mode: Mode::Connected
        })),
        json!({ "mode": "connected" })
    );
}

#[test]
fn no_detail_carries_a_name_an_id_the_alias_or_a_reason() {
    let ledger = Ledger {
        removed: vec![line(SECRET_ID)],
        failed: vec![line("va1secret02")],
        remaining: vec![line("va1secret03")],
        verified_at_ms: 0,
    };
    let now = Observed {
        mode: Mode::Connected,
        done: [true; 4],
        requested_at: Some(0),
        reading: Some(ByPtr::new(inventory())),
        run_open: true,
        ledger: Some(ByPtr::new(ledger)),
    };
    let all = serde_json::to_string(&between(&at_rest(), &now)).unwrap();
    for secret in [
        "payroll",
        "secret",
        "SECRETALIAS",
        "VA1",
        "UC1",
        "op-",
        "could not",
    ] {
        assert!(
            !all.to_lowercase().contains(&secret.to_lowercase()),
            "{secret} in {all}"
        );
    }
}
