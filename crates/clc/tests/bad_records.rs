//! One malformed record of a recorded list costs only itself: the other records decode, and the
//! bad one is described (its position, its name when readable, what is wrong), never dropped
//! silently.

mod support;

use clc::models::*;
use clc::{Method, Records};
use serde_json::Value;

use support::{recorded, Exchange};

fn find(path: &str) -> Exchange {
    recorded()
        .into_iter()
        .find(|x| x.method == "GET" && x.path == path)
        .unwrap_or_else(|| panic!("no recording of {path}"))
}

fn records<T: serde::de::DeserializeOwned>(path: &str, body: &str) -> Records<T> {
    let endpoint = clc::error::Endpoint::new(Method::Get, path);
    clc::client::decode_records(&endpoint, body).unwrap()
}

#[test]
fn a_data_center_list_with_one_record_without_id_keeps_the_others() {
    let path = "/v2/datacenters/ALTD?groupLinks=true";
    let x = find(path);
    let whole: Records<DataCenter> = records(path, &x.body);
    assert!(whole.bad.is_empty(), "{:?}", whole.bad);
    let mut list: Value = serde_json::from_str(&x.body).unwrap();
    let third = list.as_array_mut().unwrap()[2].as_object_mut().unwrap();
    third.remove("id");
    let name = third["name"].as_str().unwrap().to_string();

    let partly: Records<DataCenter> = records(path, &list.to_string());
    assert_eq!(partly.items.len(), whole.items.len() - 1);
    let kept: Vec<&str> = partly.items.iter().map(|d| d.id.as_str()).collect();
    let expected: Vec<&str> = whole
        .items
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 2)
        .map(|(_, d)| d.id.as_str())
        .collect();
    assert_eq!(kept, expected);
    assert_eq!(partly.bad.len(), 1);
    assert_eq!(
        partly.bad[0].describe("data center"),
        format!("data center record 3 ('{name}') has no id")
    );
    // The strict reads still refuse the list as a whole.
    let endpoint = clc::error::Endpoint::new(Method::Get, path);
    assert!(clc::client::decode_list::<DataCenter>(&endpoint, &list.to_string()).is_err());
}

#[test]
fn a_detailed_group_tree_with_one_server_without_id_keeps_the_other_servers() {
    let path = "/v2/groups/ALTD/011c49fe1e504012a76b9e26b5a654a3?serverDetail=detailed";
    let x = find(path);
    let whole: Group = support::read_recorded(&x);
    assert_eq!(whole.all_servers().len(), 1, "the recording's one server");
    assert!(whole.all_unreadable_servers().is_empty());

    // The Archive group lists a copy of its recorded server without `id`, then the original.
    let mut tree: Value = serde_json::from_str(&x.body).unwrap();
    let archive = tree["groups"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|g| g["name"] == "Archive")
        .unwrap();
    let original = archive["servers"][0].clone();
    let mut copy = original.as_object().unwrap().clone();
    copy.remove("id");
    copy["name"] = "web-2".into();
    archive["servers"] = Value::Array(vec![Value::Object(copy), original]);
    let body = Exchange {
        body: tree.to_string(),
        ..x.clone()
    };

    let partly: Group = support::read_recorded(&body);
    assert_eq!(partly.all_servers(), whole.all_servers());
    let bad = partly.all_unreadable_servers();
    assert_eq!(bad.len(), 1);
    // The one-pass read refuses a tree with a bad record, so the scan decodes it as above.
    assert_eq!(
        Group::in_one_pass(&body.body),
        None,
        "one pass must refuse a tree with a bad record"
    );
    assert_eq!(
        bad[0].describe("server"),
        "server record 1 ('web-2') in group 'Archive' has no id"
    );
    // Saved and read back (scan data is stored), the bad record is still there.
    let again: Group = serde_json::from_str(&serde_json::to_string(&partly).unwrap()).unwrap();
    assert_eq!(again, partly);
}

#[test]
fn every_recorded_detailed_read_decodes_the_same_in_one_pass_as_record_by_record() {
    let reads: Vec<Exchange> = recorded()
        .into_iter()
        .filter(|x| x.method == "GET" && x.path.contains("serverDetail=detailed"))
        .collect();
    assert_eq!(reads.len(), 9, "the recorded detailed reads");
    let mut trees = 0;
    for x in reads {
        if x.status != 200 {
            // An error's body (`{"message":..}`) is no tree either way.
            assert_eq!(Group::in_one_pass(&x.body), None, "{} {}", x.status, x.path);
            continue;
        }
        trees += 1;
        let by_record: Group = support::read_recorded(&x);
        let expected = if by_record.all_unreadable_servers().is_empty() {
            Some(by_record)
        } else {
            // A bad record is found record by record: one pass must refuse the tree.
            None
        };
        assert_eq!(Group::in_one_pass(&x.body), expected, "{}", x.path);
    }
    assert_eq!(
        trees, 7,
        "the recorded detailed trees (the other two are errors)"
    );
}
