//! A parent with its sub-account, end to end against the in-process simulator: the demo's
//! parent `DEMO` and its sub-account `DEMS`.
//! - one scan reads both aliases; every resource carries its alias, ids stay sorted and unique,
//!   and group billing is kept per alias and added up;
//! - a part that fails in the sub-account is unread for that alias only, and says which;
//! - the plan empties the sub-account before the parent; every step names its alias;
//! - `closure::execute` runs it: every delete goes to its step's alias, the sub-account's deletes
//!   all come before the parent's, each is accepted once, and both accounts are left holding
//!   only the plan's exclusions (checked on the simulator's state); every ledger line names
//!   its alias.

mod support;
mod support_exec;

use clc_sim::{FaultKind, FaultRule, Faults, Scenario};
use closure::inventory::{ResourceId, ResourceKind};
use closure::report::summary::summarise;
use closure::report::{deletions_from_ledger, ReportInput};
use closure::scan::Part;
use closure::{Executor, MemoryStore, Plan, RunOutcome, ScanOutcome, Scanner};
use serde_json::Value;

use support::Harness;
use support_exec::{assert_each_delete_accepted_once, config, is_destructive, leftovers};

fn aliases() -> Vec<String> {
    vec!["DEMS".to_string()]
}

fn scan(h: &Harness) -> ScanOutcome {
    h.scan_with_sub_accounts(&["DEMS"])
}

/// The state dump of one sub-account.
fn sub_state(state: &Value, alias: &str) -> Value {
    state["subAccounts"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| a["accountAlias"].as_str() == Some(alias))
        .cloned()
        .unwrap_or_else(|| panic!("no sub-account {alias} in the state"))
}

/// The alias a destructive request names (`None`: none, e.g. Simple Backup).
fn alias_of_request(path: &str) -> Option<String> {
    let lower = path.to_ascii_lowercase();
    if let Some((_, q)) = lower.split_once("account=") {
        return Some(q.split('&').next().unwrap_or("").to_ascii_uppercase());
    }
    let segs: Vec<&str> = lower.split('?').next()?.split('/').collect();
    match segs.as_slice() {
        ["", "v2" | "v2-experimental", _, alias, ..] => Some(alias.to_ascii_uppercase()),
        _ => None,
    }
}

#[test]
fn one_scan_reads_the_parent_and_its_sub_account() {
    let h = Harness::new(Scenario::Demo, 0);
    let outcome = scan(&h);
    assert!(!outcome.has_unread(), "{:?}", outcome.inventory.unread);
    let inv = &outcome.inventory;
    assert_eq!(inv.aliases(), ["DEMO", "DEMS"]);
    assert_eq!(outcome.aliases(), ["DEMO", "DEMS"]);
    // Sorted, unique ids; every resource names its alias, and a sub-account's id carries it.
    assert!(inv.resources.windows(2).all(|w| w[0].id < w[1].id));
    for r in &inv.resources {
        assert!(r.account == "DEMO" || r.account == "DEMS", "{r:?}");
        let in_sub = r.account == "DEMS";
        assert_eq!(r.id.account == "DEMS", in_sub, "{:?}", r.id);
        assert!(r.depends_on.iter().all(|d| d.account == r.id.account));
    }
    let sub_servers: Vec<&str> = inv
        .of_kind(ResourceKind::Server)
        .filter(|r| r.account == "DEMS")
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(
        sub_servers,
        ["UC1DEMSSPARE01", "VA1DEMSSDB01", "VA1DEMSSHOP01"]
    );
    assert!(inv
        .of_kind(ResourceKind::Server)
        .any(|r| r.account == "DEMO"));
    // Billing per alias, and added up across both.
    let parent = inv.billing_of("DEMO");
    let sub = inv.billing_of("DEMS");
    assert!(!sub.is_empty());
    for (dc, total) in &inv.group_billing {
        let sum = parent.get(dc).map_or(0.0, |b| b.current_hour)
            + sub.get(dc).map_or(0.0, |b| b.current_hour);
        assert!((total.current_hour - sum).abs() < 1e-9, "{dc}");
    }
    // Simple Backup names no alias: its policies are read once, with the parent.
    assert!(inv
        .of_kind(ResourceKind::BackupServerPolicy)
        .all(|r| r.account == "DEMO"));
    assert!(inv.count(ResourceKind::BackupServerPolicy) > 0);
    // The parent alone is what the scan read without sub-accounts.
    let alone = h.clock.run(Scanner::new(&h.client).scan()).inventory;
    assert_eq!(inv.for_account("DEMO").resources, alone.resources);
}

/// `large:subaccounts=3`: the parent and its three sub-accounts in one scan, never more reads in
/// flight than the limit (and the limit used), every alias in the inventory with its servers.
#[test]
fn one_scan_of_a_parent_with_three_sub_accounts_keeps_one_limit() {
    let scenario = Scenario::parse("large:dcs=2,servers=40,subaccounts=3").unwrap();
    let h = Harness::new(scenario, 100);
    let subs = h.sim.borrow().sub_account_aliases();
    assert_eq!(subs.len(), 3);
    let outcome = h.clock.run(
        Scanner::new(&h.client)
            .with_sub_accounts(&subs)
            .with_concurrency(4)
            .scan(),
    );
    assert!(!outcome.has_unread(), "{:?}", outcome.inventory.unread);
    assert_eq!(h.traffic.borrow().max_in_flight, 4);
    let inv = &outcome.inventory;
    let mut expected = vec![inv.account.clone()];
    expected.extend(subs.iter().cloned());
    assert_eq!(inv.aliases(), expected);
    for alias in &expected {
        assert!(
            inv.of_kind(ResourceKind::Server)
                .any(|r| &r.account == alias),
            "{alias} has servers"
        );
    }
    assert!(inv.resources.windows(2).all(|w| w[0].id < w[1].id));
    let plan = Plan::everything_billable(inv);
    let mut order = plan.aliases();
    order.rotate_right(1);
    assert_eq!(order, expected, "sub-accounts first, in the order listed");
}

#[test]
fn a_part_that_fails_in_the_sub_account_is_unread_there_only() {
    let h = Harness::new(Scenario::Demo, 0);
    h.set_faults(Faults {
        rules: vec![FaultRule {
            route: Some("/v2/alertPolicies/DEMS".into()),
            method: Some("GET".into()),
            times: None,
            fault: FaultKind::Status { status: 500 },
        }],
        ..Faults::default()
    });
    let mut outcome = scan(&h);
    let unread = &outcome.inventory.unread;
    assert_eq!(unread.len(), 1, "{unread:?}");
    assert_eq!(unread[0].part, Part::AlertPolicies);
    assert_eq!(unread[0].account, "DEMS");
    assert!(outcome.failures.is_empty(), "the parent read everything");
    assert!(outcome
        .inventory
        .of_kind(ResourceKind::AlertPolicy)
        .any(|r| r.account == "DEMO"));
    // Re-read in that alias once the service answers again.
    h.set_faults(Faults::default());
    let scanner = Scanner::new(&h.client).with_sub_accounts(&aliases());
    let failures = h
        .clock
        .run(scanner.rerun_in(&mut outcome, "DEMS", &Part::AlertPolicies));
    assert!(failures.is_empty(), "{failures:?}");
    assert!(outcome.inventory.unread.is_empty());
    assert!(outcome.inventory.is_complete());
}

/// The account details name each account's parent (`clc-api.md` §2.6), which is what proves a
/// listed alias is a sub-account of the signed-in parent; an alias outside the hierarchy is
/// refused like any account the user cannot reach.
#[test]
fn the_account_details_name_the_sub_accounts_parent() {
    let h = Harness::new(Scenario::Demo, 0);
    let sub = h.clock.run(h.client.account_details("dems")).unwrap();
    assert_eq!(sub.account_alias.as_deref(), Some("DEMS"));
    assert_eq!(sub.parent_alias.as_deref(), Some("DEMO"));
    let parent = h.clock.run(h.client.account_details("DEMO")).unwrap();
    assert_ne!(parent.parent_alias.as_deref(), Some("DEMO"));
    let other = h.clock.run(h.client.account_details("OTHR"));
    assert_eq!(other, Err(clc::Error::Forbidden));
}

#[test]
fn the_plan_empties_the_sub_account_before_the_parent() {
    let h = Harness::new(Scenario::Demo, 0);
    let inventory = scan(&h).inventory;
    let plan = Plan::everything_billable(&inventory);
    assert_eq!(plan.account, "DEMO");
    assert_eq!(plan.aliases(), ["DEMS", "DEMO"]);
    let first_parent = plan
        .steps
        .iter()
        .position(|s| plan.alias_of(s) == "DEMO")
        .expect("the parent has steps");
    assert!(first_parent > 0, "the sub-account has steps");
    for (i, step) in plan.steps.iter().enumerate() {
        let alias = plan.alias_of(step);
        assert_eq!(alias == "DEMS", i < first_parent, "{}", step.id);
        assert_eq!(step.account, alias, "every step names its alias");
        assert_eq!(
            step.id.0.starts_with("DEMS/"),
            alias == "DEMS",
            "{}",
            step.id
        );
        // A step only waits for steps of its own alias.
        for w in &step.waits_for {
            let waited = plan.step(w).expect("a step of the plan");
            assert_eq!(plan.alias_of(waited), alias, "{} waits for {w}", step.id);
        }
    }
    // Every billable resource is either removed or excluded, in its own alias.
    for r in inventory.resources.iter().filter(|r| r.bills()) {
        let removed = plan.step_removing(&r.id).map(|s| plan.alias_of(s));
        let excluded = plan.exclusions.iter().any(|e| e.resource == r.id);
        assert!(
            removed == Some(r.account.as_str()) || excluded,
            "{:?}",
            r.id
        );
    }
}

#[test]
fn a_run_empties_the_sub_account_then_the_parent() {
    let h = Harness::new(Scenario::Demo, 0);
    let inventory = scan(&h).inventory;
    let plan = Plan::everything_billable(&inventory);
    let executor =
        Executor::start(&h.client, MemoryStore::new(), plan.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    let RunOutcome::Finished(ledger) = outcome else {
        panic!("not finished: {outcome:?}");
    };
    assert_eq!(ledger.removed.len(), plan.steps.len());
    assert!(ledger.failed.is_empty(), "{:?}", ledger.failed);
    assert!(ledger.nothing_billing_left(), "{:?}", ledger.remaining);
    // Every ledger line names its alias, the one of its step or exclusion.
    for line in ledger.removed.iter().chain(&ledger.remaining) {
        let expected = if line.resource.account.is_empty() {
            "DEMO"
        } else {
            "DEMS"
        };
        assert_eq!(line.account, expected, "{:?}", line.resource);
    }
    assert!(ledger.removed.iter().any(|l| l.account == "DEMS"));
    assert!(ledger.removed.iter().any(|l| l.account == "DEMO"));
    // Both accounts hold only what the plan kept, each in its own alias.
    let state = h.state();
    let kept = |alias: &str| -> Vec<String> {
        plan.exclusions
            .iter()
            .filter(|e| plan.alias_of_resource(&e.resource) == alias)
            .map(|e| e.resource.id.to_ascii_lowercase())
            .collect()
    };
    for (alias, dump) in [("DEMO", state.clone()), ("DEMS", sub_state(&state, "DEMS"))] {
        let kept = kept(alias);
        let stray: Vec<String> = leftovers(&dump)
            .into_iter()
            .flat_map(|(kind, ids)| ids.into_iter().map(move |id| (kind, id)))
            .filter(|(_, id)| !kept.contains(&id.to_ascii_lowercase()))
            .map(|(kind, id)| format!("{kind} {id}"))
            .collect();
        assert!(stray.is_empty(), "{alias} still holds {stray:?}");
        assert!(
            dump["servers"].as_array().is_some_and(Vec::is_empty),
            "{alias} has no server left"
        );
    }
    // Each delete was sent once (none twice, not even to an answer of "gone"), and every
    // delete of the sub-account came first.
    assert_each_delete_accepted_once(&h);
    let mut sent: Vec<String> = h
        .traffic
        .borrow()
        .log
        .iter()
        .filter(|(_, m, p, _)| is_destructive(m, p))
        .map(|(_, _, p, _)| p.split('?').next().unwrap_or(p).to_ascii_lowercase())
        .collect();
    let all = sent.len();
    sent.sort();
    sent.dedup();
    assert_eq!(sent.len(), all, "a destructive request was sent twice");
    let order: Vec<String> = h
        .traffic
        .borrow()
        .log
        .iter()
        .filter(|(_, m, p, _)| is_destructive(m, p))
        .filter_map(|(_, _, p, _)| alias_of_request(p))
        .collect();
    let last_sub = order
        .iter()
        .rposition(|a| a == "DEMS")
        .expect("sub deletes");
    let first_parent = order
        .iter()
        .position(|a| a == "DEMO")
        .expect("parent deletes");
    assert!(last_sub < first_parent, "{order:?}");

    // The record names the sub-account, tallies each alias, and keeps the alias of each line.
    let after = scan(&h).inventory;
    let input = ReportInput {
        alias: "DEMO".into(),
        api_base: support::BASE.into(),
        demo: true,
        generated_at: 0,
        utc_offset_minutes: 0,
        utc_offsets: closure::LocalOffsets::default(),
        before: Some(inventory),
        after: Some(after),
        deletions: deletions_from_ledger(&ledger),
        manual_marks: Default::default(),
        data_marks: Vec::new(),
        checklist: Default::default(),
    };
    let report = closure::report::build(&input);
    assert_eq!(report.account.sub_accounts, ["DEMS"]);
    assert!(report
        .deletions
        .records
        .iter()
        .all(|d| d.account == "DEMO" || d.account == "DEMS"));
    assert!(report.deletions.records.iter().any(|d| d.account == "DEMS"));
    let text = summarise(&report).to_text();
    assert!(
        text.contains("Sub-accounts read and emptied with it: DEMS."),
        "{text}"
    );
    assert!(
        text.contains("may need their own closure request"),
        "{text}"
    );
    assert!(text.contains("Account DEMS: "), "{text}");
    assert!(text.contains("Account DEMO: "), "{text}");
    let csv = closure::report::csv::to_csv(&report);
    assert!(csv.contains("DEMS/va1demsshop01"), "{csv}");
}

/// A sub-account step that fails does not hold the parent back: once nothing more can be sent
/// or followed in the sub-account, the parent's turn comes, and the ledger says which alias
/// still bills.
#[test]
fn a_failed_sub_account_step_does_not_hold_the_parent_back() {
    let h = Harness::new(Scenario::Demo, 0);
    let plan = Plan::everything_billable(&scan(&h).inventory);
    // The sub-account's stopped server goes with its group (UC1's default group).
    let spare = ResourceId::new(ResourceKind::Server, "uc1demsspare01").in_account("DEMS");
    let step = plan
        .step_removing(&spare)
        .expect("the spare server is planned");
    assert_eq!(plan.alias_of(step), "DEMS");
    h.set_faults(Faults {
        fail_operations_for: vec![step.resource.id.clone()],
        ..Faults::default()
    });
    let executor =
        Executor::start(&h.client, MemoryStore::new(), plan.clone(), config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    let RunOutcome::Incomplete(ledger) = outcome else {
        panic!("expected an incomplete run: {outcome:?}");
    };
    assert_eq!(ledger.failed.len(), 1, "{:?}", ledger.failed);
    assert_eq!(ledger.failed[0].account, "DEMS");
    assert_eq!(ledger.failed[0].resource, step.resource);
    let parent_steps = plan
        .steps
        .iter()
        .filter(|s| plan.alias_of(s) == "DEMO")
        .count();
    let parent_removed = ledger
        .removed
        .iter()
        .filter(|l| l.account == "DEMO")
        .count();
    assert_eq!(parent_removed, parent_steps, "every parent step ran");
    assert_each_delete_accepted_once(&h);
}
