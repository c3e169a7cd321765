//! The executor against the in-process simulator on a virtual clock: the default plans of the
//! `demo` and `large` (1,000 servers) accounts run to the end, every step succeeds, each
//! resource gets exactly one accepted delete, and the simulator is left holding only the
//! plan's exclusions (checked on `Sim::state_json`). Chosen free items go too; a read-only
//! user's plan deletes nothing and says why.

mod support;
mod support_exec;

use clc_sim::Scenario;
use closure::inventory::ResourceKind;
use closure::{Executor, MemoryStore, RunOutcome};
use closure::{Plan, Selection};

use support::Harness;
use support_exec::{
    assert_each_delete_accepted_once, assert_only_exclusions, config, scanned_plan,
};

#[test]
fn demo_plan_runs_to_the_end_and_leaves_only_exclusions() {
    let h = Harness::new(Scenario::Demo, 0);
    let (_inventory, plan) = scanned_plan(&h);
    assert!(!plan.steps.is_empty());
    let store = MemoryStore::new();
    let executor =
        Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    let RunOutcome::Finished(ledger) = outcome else {
        panic!(
            "not finished: {outcome:?}\nstate: {:#?}",
            executor.state().steps
        );
    };
    assert_eq!(ledger.removed.len(), plan.steps.len());
    assert!(ledger.failed.is_empty(), "{:?}", ledger.failed);
    assert!(ledger.nothing_billing_left(), "{:?}", ledger.remaining);
    assert!(ledger.saved_hourly() > 0.0);
    assert_only_exclusions(&h.state(), &plan);
    assert_each_delete_accepted_once(&h);
}

#[test]
fn chosen_free_items_are_removed_in_the_tidy_up_phase() {
    let h = Harness::new(Scenario::Demo, 0);
    let (inventory, _) = scanned_plan(&h);
    let selection = Selection::billable()
        .with_free(ResourceKind::AlertPolicy)
        .with_free(ResourceKind::Webhook);
    let plan = Plan::build(&inventory, &selection);
    let executor = Executor::start(&h.client, MemoryStore::new(), plan, config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    let state = h.state();
    assert_eq!(support::len(&state, "/alertPolicies"), 0);
    assert_eq!(support::len(&state, "/webhooks"), 0);
    assert_eq!(
        support::len(&state, "/autoscalePolicies"),
        1,
        "not chosen, kept"
    );
}

#[test]
fn large_plan_with_a_thousand_servers_runs_to_the_end() {
    let scenario = Scenario::parse("large:dcs=4,servers=1000,groups=40,ips=150").unwrap();
    let h = Harness::new(scenario, 0);
    let (_inventory, plan) = scanned_plan(&h);
    assert_eq!(
        plan.removes_count(ResourceKind::Server)
            + plan.removes_count(ResourceKind::ArchivedServer)
            + plan.removes_count(ResourceKind::Template),
        1000
    );
    let executor =
        Executor::start(&h.client, MemoryStore::new(), plan.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    let RunOutcome::Finished(ledger) = outcome else {
        panic!("not finished: {outcome:?}");
    };
    assert_eq!(ledger.removed.len(), plan.steps.len());
    assert_only_exclusions(&h.state(), &plan);
    assert_eq!(support::len(&h.state(), "/servers"), 0);
    assert_each_delete_accepted_once(&h);
}

#[test]
fn a_read_only_users_plan_deletes_nothing_and_says_why() {
    let h = Harness::as_user(Scenario::Demo, 0, "viewer", "viewer-password");
    let (inventory, plan) = scanned_plan(&h);
    assert!(plan.steps.is_empty(), "{:?}", plan.steps.first());
    let not_permitted = plan
        .exclusions
        .iter()
        .filter(|e| e.reason == closure::ExclusionReason::NotPermitted)
        .count();
    let billable = inventory.resources.iter().filter(|r| r.bills()).count();
    assert!(
        billable > 0 && not_permitted >= billable,
        "{not_permitted} of {billable}"
    );
}
