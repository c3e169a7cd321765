//! The scan decodes a detailed group tree in one pass when every record in it decodes: what it
//! keeps is exactly what the record-by-record decoding of the same answer reads, and a tree with
//! a malformed server record is still read record by record (the bad one named, the others kept).

mod support;

use clc::models::Group;
use clc::Method;
use clc_sim::Scenario;
use closure::Scanner;
use serde_json::Value;

use support::Harness;

/// Each data center's detailed tree as the simulator answers it, with its upper-case code.
fn detailed_trees(h: &Harness, outcome: &closure::ScanOutcome) -> Vec<(String, String)> {
    let alias = outcome.data.account.to_ascii_lowercase();
    outcome
        .data
        .data_centers
        .iter()
        .flatten()
        .filter_map(|dc| {
            let root = dc.root_group_id()?;
            let path = format!("/v2/groups/{alias}/{root}?serverDetail=detailed");
            let answer = h.call(Method::Get, &path, None);
            assert_eq!(answer.status, 200, "{path}");
            Some((dc.id.to_ascii_uppercase(), answer.body))
        })
        .collect()
}

#[test]
fn a_tree_read_in_one_pass_is_what_the_record_by_record_decoding_reads() {
    for scenario in [
        Scenario::Demo,
        Scenario::parse("large:dcs=3,servers=400,groups=15,ips=60").unwrap(),
    ] {
        let h = Harness::new(scenario, 0);
        let outcome = h.clock.run(Scanner::new(&h.client).scan());
        assert!(outcome.failures.is_empty() && outcome.data.partly_read.is_empty());
        let trees = detailed_trees(&h, &outcome);
        assert!(!trees.is_empty());
        for (dc, body) in trees {
            let by_record: Group = serde_json::from_str(&body).unwrap();
            assert!(
                by_record.all_servers().len() > 1,
                "{dc}: a tree with servers"
            );
            assert_eq!(Group::in_one_pass(&body).as_ref(), Some(&by_record), "{dc}");
            assert_eq!(outcome.data.group_trees.get(&dc), Some(&by_record), "{dc}");
        }
    }
}

/// Removes `id` from the first server record of the tree.
fn drop_first_server_id(group: &mut Value) -> bool {
    if let Some(server) = group["servers"].as_array_mut().and_then(|s| s.first_mut()) {
        return server.as_object_mut().unwrap().remove("id").is_some();
    }
    group["groups"]
        .as_array_mut()
        .is_some_and(|groups| groups.iter_mut().any(drop_first_server_id))
}

#[test]
fn a_tree_with_a_malformed_server_record_is_read_record_by_record() {
    let h = Harness::new(Scenario::Demo, 0);
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    let (dc, body) = detailed_trees(&h, &outcome)
        .into_iter()
        .find(|(_, body)| body.contains("\"servers\":[{"))
        .expect("a data center with servers");
    let mut tree: Value = serde_json::from_str(&body).unwrap();
    assert!(drop_first_server_id(&mut tree), "{dc}: a server record");
    let body = tree.to_string();
    assert_eq!(Group::in_one_pass(&body), None, "{dc}");
    let by_record: Group = serde_json::from_str(&body).unwrap();
    assert_eq!(by_record.all_unreadable_servers().len(), 1, "{dc}");
}
