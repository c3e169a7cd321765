//! The cost lines the inventory page shows, built in one pass over the resources, give the
//! figures of their definitions, on the demo's parent and sub-account read together (two parts
//! of the sub-account failing, one its group billing, so its line and its live billing are
//! incomplete):
//! - by data center: each line the totals of the resources in that data center (one pass per
//!   data center), account-wide last;
//! - by account: each alias's live billing and completeness are those of the alias's own
//!   inventory (`Inventory::for_account`);
//! - the data centers are those the resources and the billing name, sorted, each once.

mod support;

use clc_sim::{FaultKind, FaultRule, Faults, Scenario};
use closure::cost::{by_account, by_data_center, live_billing, Totals};
use closure::inventory::{Inventory, Resource};

use support::Harness;

/// The demo's DEMO and DEMS read together, the sub-account's alert policies and group billing
/// failing.
fn inventory() -> Inventory {
    let h = Harness::new(Scenario::Demo, 0);
    let fail = |route: &str| FaultRule {
        route: Some(route.into()),
        method: Some("GET".into()),
        times: None,
        fault: FaultKind::Status { status: 500 },
    };
    h.set_faults(Faults {
        rules: vec![
            fail("/v2/alertPolicies/DEMS"),
            fail("/v2/groups/DEMS/*/billing"),
        ],
        ..Faults::default()
    });
    let outcome = h.scan_with_sub_accounts(&["DEMS"]);
    let inventory = (*outcome.inventory).clone();
    assert!(inventory.has_sub_accounts());
    assert!(!inventory.unread.is_empty(), "a part could not be read");
    inventory
}

/// The totals of `resources`, added in order.
fn totals<'a>(resources: impl Iterator<Item = &'a Resource>) -> Totals {
    let mut t = Totals::default();
    for r in resources {
        t.count += 1;
        match r.cost.hourly {
            Some(h) => t.hourly += h,
            None => t.unknown_cost += 1,
        }
        t.month_to_date = t.month_to_date + r.cost.month_to_date.unwrap_or(clc::Money::ZERO);
        t.monthly_estimate =
            t.monthly_estimate + r.cost.monthly_estimate.unwrap_or(clc::Money::ZERO);
        t.includes_estimates |= r.cost.is_estimate();
    }
    t
}

#[test]
fn each_data_centers_line_adds_up_its_own_resources() {
    let inv = inventory();
    let mut expected: Vec<String> = inv
        .resources
        .iter()
        .filter_map(|r| r.data_center.clone())
        .chain(inv.group_billing.keys().cloned())
        .collect();
    expected.sort();
    expected.dedup();
    assert_eq!(inv.data_centers(), expected);
    let lines = by_data_center(&inv);
    assert!(lines.len() > 1);
    for line in &lines {
        let mut want = totals(
            inv.resources
                .iter()
                .filter(|r| r.data_center == line.data_center),
        );
        want.incomplete = inv.unread.iter().any(|u| match &line.data_center {
            Some(dc) => u
                .data_center
                .as_deref()
                .is_some_and(|d| d.eq_ignore_ascii_case(dc)),
            None => u.data_center.is_none(),
        });
        assert_eq!(line.totals, want, "{:?}", line.data_center);
    }
    let named: Vec<Option<String>> = lines.iter().map(|l| l.data_center.clone()).collect();
    let mut want: Vec<Option<String>> = expected.into_iter().map(Some).collect();
    if inv.resources.iter().any(|r| r.data_center.is_none()) {
        want.push(None);
    }
    assert_eq!(named, want);
}

#[test]
fn each_accounts_line_is_that_accounts_own_inventory() {
    let inv = inventory();
    let lines = by_account(&inv);
    assert_eq!(lines.len(), 2);
    let (mut incomplete, mut live_incomplete) = (Vec::new(), Vec::new());
    for line in &lines {
        let own = inv.for_account(&line.account);
        assert_eq!(line.live, live_billing(&own), "{}", line.account);
        let mut want = totals(own.resources.iter());
        want.incomplete = !own.unread.is_empty() || own.cancelled;
        assert_eq!(line.totals, want, "{}", line.account);
        incomplete.push(line.totals.incomplete);
        live_incomplete.push(line.live.incomplete);
    }
    // The sub-account's failed reads mark its line alone, and its unread billing its live
    // billing alone.
    assert_eq!(incomplete, [false, true]);
    assert_eq!(live_incomplete, [false, true]);
}
