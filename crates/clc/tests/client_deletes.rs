//! The client's destructive calls and service hosts against a scripted transport: each delete
//! summarises its answer as `Accepted` (queued, experimental, string job id, completed) or
//! `Rejected`, batch answers yield their first queued entry, Simple Backup paging is followed
//! and bounded (a bad policy record numbered in the whole list, across its pages), and RDBS /
//! Simple Backup requests go to their own bases.

mod support;

use clc::models::*;
use clc::{Error, Method, Request};

use support::{block_on, client_with, doc_fixture, BASE};

#[test]
fn deletes_summarise_what_is_left_to_track() {
    let client = client_with(|t| {
        t.then_json(202, &doc_fixture("delete_server.json"))
            .then_json(202, &doc_fixture("delete_group.json"))
            .then_json(200, &doc_fixture("delete_vpn.json"))
            .then_json(204, "")
            .then_json(202, &doc_fixture("experimental_operation.json"))
            .then_json(200, r#"{"server":"va1acmeweb02","isQueued":false,"errorMessage":"The server already in desired state."}"#)
            .then_json(200, "<html>hello</html>")
    });
    assert_eq!(
        block_on(client.execute(clc::api::delete_server(
            client.endpoints(),
            "ACME",
            "de1acmeweb01"
        ))),
        Ok(Accepted::Queued {
            status_id: "de1-86051".into(),
            href: "/v2/operations/acme/status/de1-86051".into()
        })
    );
    assert!(matches!(
        block_on(client.execute(clc::api::delete_group(client.endpoints(), "ACME", "0712"))),
        Ok(Accepted::Queued { status_id, .. }) if status_id == "de1-81785"
    ));
    assert_eq!(
        block_on(client.execute(clc::api::delete_vpn(client.endpoints(), "ACME", "3D2F"))),
        Ok(Accepted::Job { id: "54851".into() })
    );
    assert_eq!(
        block_on(client.execute(clc::api::delete_shared_load_balancer(
            client.endpoints(),
            "ACME",
            "va1",
            "ae3b"
        ))),
        Ok(Accepted::Completed)
    );
    match block_on(client.execute(clc::api::remove_secondary_network(
        client.endpoints(),
        "ACME",
        "de1acmecln04",
        "5f75",
    ))) {
        Ok(Accepted::Experimental { operation }) => {
            assert_eq!(operation.operation_id, "c744456f7c224ece98b35ed157b80117")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        block_on(client.execute(clc::api::delete_server(
            client.endpoints(),
            "ACME",
            "va1acmeweb02"
        ))),
        Err(Error::Rejected {
            message: "The server already in desired state.".into()
        })
    );
    assert!(matches!(
        block_on(client.execute(clc::api::delete_alert_policy(
            client.endpoints(),
            "ACME",
            "9003"
        ))),
        Err(Error::NotClcApi { .. })
    ));
    let methods: Vec<Method> = client
        .transport()
        .requests()
        .iter()
        .map(|r| r.method)
        .collect();
    assert!(methods.iter().all(|m| *m == Method::Delete));
}

#[test]
fn batch_answers_take_the_first_queued_entry() {
    let client = client_with(|t| t.then_json(200, &doc_fixture("batch_operation.json")));
    assert!(matches!(
        block_on(client.execute(Request::new(Method::Post, format!("{BASE}/v2/operations/ACME/servers/powerOff")))),
        Ok(Accepted::Queued { status_id, .. }) if status_id == "de1-81461"
    ));
}

fn policy_page(ids: &[&str], offset: u64, next: Option<u64>, total: u64) -> String {
    let results: Vec<_> = ids
        .iter()
        .map(|id| serde_json::json!({"policyId": id}))
        .collect();
    let mut page = serde_json::json!({"limit": 100, "offset": offset, "totalCount": total, "results": results});
    if let Some(next) = next {
        page["nextOffset"] = next.into();
    }
    page.to_string()
}

#[test]
fn backup_account_policies_follow_pages() {
    let client = client_with(|t| {
        t.then_json(200, &policy_page(&["a", "b"], 0, Some(100), 5))
            .then_json(200, &policy_page(&["c", "d"], 100, None, 5))
            .then_json(200, &policy_page(&["e"], 102, Some(200), 5))
    });
    let ids: Vec<String> = block_on(client.backup_account_policies())
        .unwrap()
        .into_iter()
        .map(|p| p.policy_id)
        .collect();
    assert_eq!(ids, vec!["a", "b", "c", "d", "e"]);
    let urls: Vec<String> = client
        .transport()
        .requests()
        .into_iter()
        .map(|r| r.url)
        .collect();
    assert_eq!(
        urls,
        vec![
            format!("{BASE}/backup/clc-backup-api/api/accountPolicies?limit=100&offset=0"),
            format!("{BASE}/backup/clc-backup-api/api/accountPolicies?limit=100&offset=100"),
            format!("{BASE}/backup/clc-backup-api/api/accountPolicies?limit=100&offset=102"),
        ],
        "stops at totalCount although nextOffset points further"
    );
}

#[test]
fn paging_stops_on_a_non_advancing_offset_or_an_empty_page() {
    let client = client_with(|t| {
        t.then_json(200, &policy_page(&["a"], 0, Some(0), 10))
            .then_json(200, &policy_page(&[], 0, Some(100), 10))
    });
    assert_eq!(block_on(client.backup_account_policies()).unwrap().len(), 1);
    assert_eq!(
        block_on(client.backup_server_policies("0d4a"))
            .unwrap()
            .len(),
        0
    );
    assert_eq!(client.transport().remaining(), 0);
}

#[test]
fn rdbs_and_backup_use_their_own_bases() {
    let client = client_with(|t| {
        t.then_json(200, &doc_fixture("rdbs_billing.json"))
            .then_json(200, &doc_fixture("rdbs_subscriptions.json"))
            .then_json(204, "")
            .then_json(204, "")
    });
    let billing = block_on(client.rdbs_billing("acme", None)).unwrap();
    assert_eq!(billing.month_to_date.unwrap().cents(), 8552);
    assert_eq!(
        block_on(client.rdbs_subscriptions("acme")).unwrap()[0].id,
        "1234"
    );
    assert_eq!(
        block_on(client.execute(clc::api::delete_rdbs_subscription(
            client.endpoints(),
            "acme",
            "1234"
        ))),
        Ok(Accepted::Completed)
    );
    assert_eq!(
        block_on(client.execute(clc::api::delete_backup_server_policy(
            client.endpoints(),
            "0d4a",
            "5c1f"
        ))),
        Ok(Accepted::Completed)
    );
    let urls: Vec<String> = client
        .transport()
        .requests()
        .into_iter()
        .map(|r| r.url)
        .collect();
    assert_eq!(urls[0], format!("{BASE}/rdbs/v1/ACME/billing"));
    assert_eq!(urls[2], format!("{BASE}/rdbs/v1/ACME/subscriptions/1234"));
    assert_eq!(
        urls[3],
        format!("{BASE}/backup/clc-backup-api/api/accountPolicies/0d4a/serverPolicies/5c1f")
    );
}

#[test]
fn backup_policy_records_keep_the_good_policies_and_number_a_bad_one_across_pages() {
    let second = r#"{"limit":100,"offset":100,"totalCount":4,"results":[{"policyId":"x9","name":7},{"policyId":"c"}]}"#;
    let client = client_with(|t| {
        t.then_json(200, &policy_page(&["a", "b"], 0, Some(100), 4))
            .then_json(200, second)
            .then_json(
                200,
                r#"{"totalCount":2,"results":[{"serverPolicyId":"s1"}]}"#,
            )
            .then_json(200, r#"{"totalCount":2,"results":[7]}"#)
    });
    let accounts = block_on(client.backup_account_policy_records()).unwrap();
    let ids: Vec<&str> = accounts
        .items
        .iter()
        .map(|p| p.policy_id.as_str())
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let said: Vec<String> = accounts.bad.iter().map(|b| b.describe("policy")).collect();
    assert_eq!(said, ["policy record 3 (x9, '7') has a value of the wrong type (integer `7` where a string was expected)"]);

    let servers = block_on(client.backup_server_policy_records("0d4a")).unwrap();
    assert_eq!(servers.items.len(), 1);
    let said: Vec<String> = servers
        .bad
        .iter()
        .map(|b| b.describe("server policy"))
        .collect();
    assert_eq!(
        said,
        ["server policy record 2 is not a record (found a number)"]
    );
    assert_eq!(client.transport().remaining(), 0);
}
