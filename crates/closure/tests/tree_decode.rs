//! The scan decodes a detailed group tree in one pass when every record in it decodes: what it
//! keeps is exactly what the record-by-record decoding of the same answer reads, and a tree with
//! a malformed server record is decoded (`Client::group_of`) exactly as record by record: the
//! bad one named with its position, group and problem, every other server kept.

mod support;

use clc::models::Group;
use clc::Method;
use clc_sim::Scenario;
use closure::Scanner;
use serde_json::Value;

use support::{drop_server_id, Harness};

/// Each data center's detailed tree as the simulator answers it, with its upper-case code and
/// its root group's id.
fn detailed_trees(h: &Harness, outcome: &closure::ScanOutcome) -> Vec<(String, String, String)> {
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
            Some((dc.id.to_ascii_uppercase(), root.to_string(), answer.body))
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
        assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
        assert!(
            outcome.data.partly_read.is_empty(),
            "{:?}",
            outcome.data.partly_read
        );
        let trees = detailed_trees(&h, &outcome);
        assert!(!trees.is_empty(), "a data center with a root group");
        for (dc, _, body) in trees {
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

#[test]
fn a_tree_with_a_malformed_server_record_is_decoded_as_record_by_record() {
    let h = Harness::new(Scenario::Demo, 0);
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    let (dc, root, body) = detailed_trees(&h, &outcome)
        .into_iter()
        .find(|(_, _, body)| body.contains("\"servers\":[{"))
        .expect("a data center with servers");
    let whole: Group = serde_json::from_str(&body).unwrap();
    // The first server record of the first group that lists one.
    let (group, server) = whole
        .descendants()
        .into_iter()
        .find_map(|g| Some((g.name.clone(), g.servers.as_ref()?.first()?.clone())))
        .expect("a group with a server");
    let victim = server.id.clone();

    *h.client.transport().rewrite_answer.borrow_mut() = Some(Box::new(move |request, answer| {
        if request.url.contains("serverDetail=detailed") {
            let mut tree: Value = serde_json::from_str(&answer.body).unwrap();
            if drop_server_id(&mut tree, &victim) {
                answer.body = tree.to_string();
            }
        }
    }));
    let alias = outcome.data.account.to_ascii_lowercase();
    let request = clc::api::group(h.client.endpoints(), &alias, &root, true);
    let answer = h.clock.run(h.client.get_body(request)).unwrap();

    let decoded = h.client.group_of(&answer).unwrap();
    let by_record: Group = h.client.json_of(&answer).unwrap();
    assert_eq!(decoded, by_record, "{dc}: group_of decodes as json_of does");
    let bad = decoded.all_unreadable_servers();
    assert_eq!(bad.len(), 1, "{dc}: the malformed record, named");
    assert_eq!(
        bad[0].describe("server"),
        format!(
            "server record 1 ('{}') in group '{group}' has no id",
            server.name
        ),
        "{dc}"
    );
    assert_eq!(
        decoded.all_servers().len(),
        whole.all_servers().len() - 1,
        "{dc}: every other server kept"
    );
}
