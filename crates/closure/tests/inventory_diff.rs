//! The diff between two scans of the same account: a server powered off is a state and cost
//! change, a server archived is a kind change (not removed + added), a deleted alert policy is
//! removed, and an unchanged account diffs empty even though month-to-date figures grew.

mod support;

use clc::Method;
use clc_sim::Scenario;
use closure::{Inventory, ResourceId, ResourceKind as K, ResourceState, Scanner};

use support::Harness;

fn scan(h: &Harness) -> Inventory {
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    std::rc::Rc::unwrap_or_clone(outcome.inventory)
}

fn server_named(inventory: &Inventory, state: ResourceState) -> ResourceId {
    inventory
        .of_kind(K::Server)
        .find(|s| s.state == state)
        .unwrap()
        .id
        .clone()
}

#[test]
fn an_unchanged_account_has_an_empty_diff_an_hour_later() {
    let h = Harness::new(Scenario::Demo, 0);
    // The demo's own build and earlier delete finish in its first minute.
    h.wait(61_000);
    let before = scan(&h);
    h.wait(3_600_000);
    let after = scan(&h);
    assert_ne!(before, after, "month-to-date figures grew");
    assert!(before.diff(&after).is_empty(), "{:?}", before.diff(&after));
}

#[test]
fn power_off_archive_and_delete_show_as_change_kind_change_and_removal() {
    let h = Harness::new(Scenario::Demo, 0);
    h.wait(61_000);
    let before = scan(&h);
    let running = server_named(&before, ResourceState::Running);
    let stopped = server_named(&before, ResourceState::Stopped);
    let alert = before.of_kind(K::AlertPolicy).next().unwrap().id.clone();
    let body = |id: &str| format!("[\"{}\"]", id.to_ascii_uppercase());
    assert!(h
        .call(
            Method::Post,
            "/v2/operations/DEMO/servers/powerOff",
            Some(&body(&running.id))
        )
        .is_success());
    assert!(h
        .call(
            Method::Post,
            "/v2/operations/DEMO/servers/archive",
            Some(&body(&stopped.id))
        )
        .is_success());
    assert!(h
        .call(
            Method::Delete,
            &format!("/v2/alertPolicies/DEMO/{}", alert.id),
            None
        )
        .is_success());
    h.wait(60_000);
    let after = scan(&h);

    let diff = before.diff(&after);
    assert_eq!(diff.removed, [alert]);
    assert!(diff.added.is_empty());
    let powered_off = diff
        .changed
        .iter()
        .find(|c| c.id == running)
        .expect("the powered-off server changed");
    assert_eq!(
        powered_off.state,
        Some((ResourceState::Running, ResourceState::Stopped))
    );
    let (old, new) = powered_off.hourly.unwrap();
    assert!(new.unwrap() < old.unwrap(), "CPU and memory stop billing");
    let archived = diff
        .changed
        .iter()
        .find(|c| c.id.id == stopped.id)
        .expect("the archived server changed");
    assert_eq!(archived.kind, Some((K::Server, K::ArchivedServer)));
    assert!(diff.highlights(&archived.id));

    let back = after.diff(&before);
    assert_eq!(
        back.added.len(),
        1,
        "diffing the other way round adds the policy back"
    );
}
