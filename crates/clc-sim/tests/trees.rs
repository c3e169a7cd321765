//! Checks that a detailed group tree (§3.1), which the simulator keeps once written, answers
//! exactly what a fresh simulator writes: when written ahead of any read, after a delete, a
//! completed operation, a server added, a planted name and an injected fault.

mod support;

use clc_sim::{Faults, Scenario};

use support::*;

fn detailed(c: &mut Client, root: &str) -> String {
    let r = c.get(&format!("/v2/groups/DEMO/{root}?serverDetail=detailed"));
    assert_eq!(r.status, 200, "{}", r.body);
    r.body
}

#[test]
fn trees_written_ahead_are_the_text_a_fresh_simulator_answers() {
    let mut warm = Client::demo();
    let mut written = 0;
    while warm.sim.warm_detailed_tree() {
        written += 1;
    }
    let mut fresh = Client::demo();
    let roots = fresh.roots();
    // One per data center of the account and of each of its sub-accounts.
    assert!(
        written > roots.len(),
        "{written} trees for {} roots",
        roots.len()
    );
    assert!(!warm.sim.warm_detailed_tree(), "all are kept");
    for (_, root) in &roots {
        assert_eq!(detailed(&mut warm, root), detailed(&mut fresh, root));
    }
}

/// The demo's va1demoweb02: its group's id, and the root group of its data center (va1).
fn web02_group_and_va1_root(c: &mut Client) -> (String, String) {
    let web = c.find_server(|s| s["id"] == "va1demoweb02");
    let group = web["groupId"].as_str().unwrap().to_string();
    let root = c.roots().into_iter().find(|(dc, _)| dc == "va1").unwrap().1;
    (group, root)
}

#[test]
fn a_tree_read_again_after_a_delete_shows_the_server_queued_then_gone() {
    let mut c = Client::demo();
    let (group, root) = web02_group_and_va1_root(&mut c);
    assert!(detailed(&mut c, &root).contains(r#""id":"va1demoweb02","#));
    let _ = c.get_json(&format!("/v2/groups/demo/{group}?serverDetail=detailed"));
    let answer = json(&c.delete("/v2/servers/demo/va1demoweb02"));
    let queued = detailed(&mut c, &root);
    assert!(
        queued.contains("queuedForDelete"),
        "the delete shows at once"
    );
    let href = answer["links"][0]["href"].as_str().unwrap().to_string();
    assert_eq!(c.run_until_done(&href), "succeeded");
    let after = detailed(&mut c, &root);
    assert!(!after.contains("va1demoweb02"), "the server is gone");
    let mut fresh = Client::demo();
    fresh.delete("/v2/servers/demo/va1demoweb02");
    fresh.now = c.now;
    let _ = fresh.get("/v2/datacenters/DEMO");
    assert_eq!(detailed(&mut fresh, &root), after);
}

#[test]
fn a_planted_name_and_an_injected_fault_reach_a_tree_read_before() {
    let mut c = Client::new(Scenario::Demo, 1);
    let root = c.roots()[0].1.clone();
    let before = detailed(&mut c, &root);
    c.sim.plant_name("va1demoweb01", "<b>planted</b>").unwrap();
    let named = detailed(&mut c, &root);
    assert_ne!(named, before);
    assert!(named.contains("planted"));
    c.sim.set_faults(Faults {
        fail_server_detail: true,
        ..Faults::default()
    });
    let r = c.get(&format!("/v2/groups/DEMO/{root}?serverDetail=detailed"));
    assert_eq!(r.status, 500);
}

#[test]
fn a_server_added_beside_the_api_shows_in_a_tree_read_before() {
    let mut c = Client::demo();
    let (group, root) = web02_group_and_va1_root(&mut c);
    let before = detailed(&mut c, &root);
    let id = c.sim.add_server(&group, Some("LATE"), c.now).unwrap();
    assert!(!before.contains(&id));
    assert!(detailed(&mut c, &root).contains(&id));
}
