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

/// Three copies of `template` with the ids `a`, `b` and `c` under `key`, the second one's id
/// then absent, `null`, empty, blank and `true` in turn: each time that record alone is reported
/// (record 2, "has no id", or what it has instead) and the first and third decode. A record
/// without an id cannot be deleted or told apart: it must never reach the inventory with an
/// empty id, nor with an id made of a boolean ("true").
fn only_the_record_without_id_is_bad<T: serde::de::DeserializeOwned>(
    template: Value,
    key: &str,
    id_of: fn(&T) -> &str,
) {
    let absent = None;
    for (id, problem) in [
        (absent, "has no id"),
        (Some(Value::Null), "has no id"),
        (Some("".into()), "has no id"),
        (Some("  ".into()), "has no id"),
        (
            Some(Value::Bool(true)),
            "could not be read (expected an id, found true)",
        ),
    ] {
        let mut list: Vec<Value> = ["a", "b", "c"]
            .iter()
            .map(|id| {
                let mut record = template.clone();
                record[key] = (*id).into();
                record
            })
            .collect();
        match id {
            Some(id) => list[1][key] = id,
            None => {
                list[1].as_object_mut().unwrap().remove(key);
            }
        }
        let body = Value::Array(list).to_string();
        let decoded: Records<T> = records("/v2/list", &body);
        let kept: Vec<&str> = decoded.items.iter().map(id_of).collect();
        assert_eq!(kept, ["a", "c"], "{body}");
        assert_eq!(decoded.bad.len(), 1, "{body}");
        assert_eq!(decoded.bad[0].position, 2, "{body}");
        assert_eq!(decoded.bad[0].id, None, "{body}");
        assert_eq!(decoded.bad[0].problem, problem, "{body}");
    }
}

fn recorded_body(path: &str) -> Value {
    serde_json::from_str(&find(path).body).unwrap()
}

#[test]
fn a_server_without_id_is_a_bad_record() {
    let server = recorded_body("/v2/servers/ALTD/DE1ALTDWEB580");
    only_the_record_without_id_is_bad::<Server>(server, "id", |s| &s.id);
}

#[test]
fn a_network_without_id_is_a_bad_record() {
    let network = serde_json::json!({"cidr": "10.0.0.0/24", "name": "vlan_1"});
    only_the_record_without_id_is_bad::<Network>(network, "id", |n| &n.id);
}

#[test]
fn a_shared_load_balancer_or_pool_without_id_is_a_bad_record() {
    let lb = serde_json::json!({"name": "web", "ipAddress": "10.0.0.5"});
    only_the_record_without_id_is_bad::<SharedLoadBalancer>(lb, "id", |b| &b.id);
    let pool = serde_json::json!({"port": 80, "method": "roundRobin"});
    only_the_record_without_id_is_bad::<LoadBalancerPool>(pool, "id", |p| &p.id);
}

#[test]
fn a_firewall_policy_without_id_is_a_bad_record() {
    let policy = recorded_body(
        "/v2-experimental/firewallPolicies/ALTD/DE1/149c30566ca844a88f1f4c50c48e9d7c",
    );
    only_the_record_without_id_is_bad::<FirewallPolicy>(policy, "id", |p| &p.id);
    let cross_dc = serde_json::json!({"name": "to VA1", "status": "active"});
    only_the_record_without_id_is_bad::<CrossDcFirewallPolicy>(cross_dc, "id", |p| &p.id);
}

#[test]
fn a_site_to_site_vpn_without_id_is_a_bad_record() {
    let vpn = serde_json::json!({"local": {"locationAlias": "DE1"}});
    only_the_record_without_id_is_bad::<SiteToSiteVpn>(vpn, "id", |v| &v.id);
}

#[test]
fn an_alert_anti_affinity_or_autoscale_policy_without_id_is_a_bad_record() {
    let policy = serde_json::json!({"name": "policy", "links": []});
    only_the_record_without_id_is_bad::<AlertPolicy>(policy.clone(), "id", |p| &p.id);
    only_the_record_without_id_is_bad::<AntiAffinityPolicy>(policy.clone(), "id", |p| &p.id);
    only_the_record_without_id_is_bad::<AutoscalePolicy>(policy, "id", |p| &p.id);
}

#[test]
fn a_backup_policy_without_id_is_a_bad_record() {
    let account = serde_json::json!({"name": "daily", "status": "ACTIVE"});
    only_the_record_without_id_is_bad::<AccountPolicy>(account, "policyId", |p| &p.policy_id);
    let server = serde_json::json!({"accountPolicyId": "p1", "serverId": "de1acmeweb01"});
    only_the_record_without_id_is_bad::<ServerPolicy>(server, "serverPolicyId", |p| {
        &p.server_policy_id
    });
}

#[test]
fn an_rdbs_subscription_without_id_is_a_bad_record() {
    let subscription = serde_json::json!({"location": "UC1", "status": "Active"});
    only_the_record_without_id_is_bad::<RdbsSubscription>(subscription, "id", |s| &s.id);
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
