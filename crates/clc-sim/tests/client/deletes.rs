//! Deletes that leave something to track (a queue job, an experimental operation, a VPN job
//! id), followed to the end and checked against the state dump; the read-only user.

use clc::models::{Accepted, OperationStatus, QueueStatus};
use clc::{Clock, Error, Method};
use serde_json::Value;

use super::{block_on, count_where, ids, Fixture, ALIAS};

/// The status id of a queued answer, after checking its href points at the classic queue.
fn queued(accepted: Result<Accepted, Error>) -> String {
    match accepted {
        Ok(Accepted::Queued { status_id, href }) => {
            let want = format!("/v2/operations/{ALIAS}/status/{status_id}");
            assert!(href.eq_ignore_ascii_case(&want), "{href}");
            status_id
        }
        other => panic!("expected a queued job, got {other:?}"),
    }
}

fn dumped<'a>(state: &'a Value, list: &str, id: &str) -> Option<&'a Value> {
    state[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
}

#[test]
fn a_server_delete_is_queued_polled_to_succeeded_and_then_not_found() {
    let f = Fixture::demo();
    let id = queued(block_on(f.client.execute(clc::api::delete_server(
        f.client.endpoints(),
        ALIAS,
        "va1demoweb02",
    ))));
    let pending = f.state();
    let server = dumped(&pending, "servers", "va1demoweb02").expect("still there while queued");
    assert_eq!(server["status"], "queuedForDelete");
    let seen = f.poll_queue(&id);
    assert_eq!(
        seen,
        [
            QueueStatus::NotStarted,
            QueueStatus::Executing,
            QueueStatus::Succeeded
        ]
    );
    assert!(
        f.now() >= 5_000,
        "the default queue takes 1 s + 4 s: {}",
        f.now()
    );
    let state = f.state();
    assert!(dumped(&state, "servers", "va1demoweb02").is_none());
    assert_eq!(
        state["counts"]["publicIps"], 3,
        "its public IP went with it"
    );
    f.clear_log();
    assert_eq!(
        block_on(f.client.execute(clc::api::delete_server(
            f.client.endpoints(),
            ALIAS,
            "va1demoweb02"
        ))),
        Err(Error::NotFound)
    );
    assert_eq!(f.log().len(), 1);
    assert_eq!(
        block_on(f.client.server(ALIAS, "va1demoweb02")),
        Err(Error::NotFound)
    );
}

#[test]
fn a_group_delete_takes_its_sub_groups_and_servers() {
    let f = Fixture::demo();
    let before = f.state();
    let web = before["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "Web")
        .unwrap();
    let web_id = web["id"].as_str().unwrap().to_string();
    let id = queued(block_on(f.client.execute(clc::api::delete_group(
        f.client.endpoints(),
        ALIAS,
        &web_id,
    ))));
    assert_eq!(f.poll_queue(&id).last(), Some(&QueueStatus::Succeeded));
    let after = f.state();
    for gone in ["Web", "Web Staging"] {
        assert_eq!(count_where(&after, "groups", "name", gone), 0, "{gone}");
    }
    for gone in ["va1demoweb01", "va1demoweb02", "va1demoweb03"] {
        assert!(dumped(&after, "servers", gone).is_none(), "{gone}");
    }
    assert_eq!(ids(&after, "servers").len(), 12);
    assert_eq!(after["snapshots"].as_array().unwrap().len(), 0);
    let root = before["dataCenters"][0]["rootGroupId"].as_str().unwrap();
    let tree = block_on(f.client.group(ALIAS, root, true)).unwrap();
    assert!(tree.descendants().iter().all(|g| g.id != web_id));
    assert_eq!(
        block_on(
            f.client
                .execute(clc::api::delete_group(f.client.endpoints(), ALIAS, &web_id))
        ),
        Err(Error::NotFound)
    );
}

#[test]
fn snapshot_and_public_ip_deletes_are_queued() {
    let f = Fixture::demo();
    let snap = queued(block_on(f.client.execute(clc::api::delete_snapshot(
        f.client.endpoints(),
        ALIAS,
        "va1demoweb01",
        "2",
    ))));
    let ip = queued(block_on(f.client.execute(clc::api::delete_public_ip(
        f.client.endpoints(),
        ALIAS,
        "va1demoweb02",
        "66.155.4.3",
    ))));
    assert_eq!(f.poll_queue(&snap).last(), Some(&QueueStatus::Succeeded));
    assert_eq!(f.poll_queue(&ip).last(), Some(&QueueStatus::Succeeded));
    let state = f.state();
    let snapshots: Vec<_> = state["snapshots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["serverId"].clone())
        .collect();
    assert_eq!(snapshots, ["va1demoweb03"]);
    assert_eq!(state["counts"]["publicIps"], 3);
    assert!(block_on(f.client.server(ALIAS, "va1demoweb02"))
        .unwrap()
        .public_ips()
        .is_empty());
}

#[test]
fn a_secondary_nic_removal_is_an_experimental_operation_polled_at_its_uri() {
    let f = Fixture::demo();
    let state = f.state();
    let db_net = state["networks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["dataCenter"] == "VA1" && n["primary"] == false)
        .unwrap();
    let (net, claimed) = (
        db_net["id"].as_str().unwrap(),
        db_net["claimedIps"].as_u64().unwrap(),
    );
    let operation = match block_on(f.client.execute(clc::api::remove_secondary_network(
        f.client.endpoints(),
        ALIAS,
        "va1demoutil01",
        net,
    ))) {
        Ok(Accepted::Experimental { operation }) => operation,
        other => panic!("{other:?}"),
    };
    assert!(operation
        .uri
        .starts_with("http://api.ctl.io/v2-experimental/operations/"));
    let mut last = None;
    for _ in 0..100 {
        let status = block_on(f.client.experimental_operation_status(ALIAS, &operation)).unwrap();
        last = Some(status.status.clone());
        if status.status.is_terminal() {
            break;
        }
        block_on(f.clock().sleep(500));
    }
    assert_eq!(last, Some(OperationStatus::Succeeded));
    let after = f.state();
    let now_claimed = dumped(&after, "networks", net).unwrap()["claimedIps"]
        .as_u64()
        .unwrap();
    assert_eq!(now_claimed, claimed - 1);
}

#[test]
fn a_vpn_delete_answers_a_job_id_and_the_vpn_goes_after_the_queue() {
    let f = Fixture::demo();
    let vpn = ids(&f.state(), "vpns")[0].clone();
    let job = match block_on(f.client.execute(clc::api::delete_vpn(
        f.client.endpoints(),
        ALIAS,
        &vpn,
    ))) {
        Ok(Accepted::Job { id }) => id,
        other => panic!("{other:?}"),
    };
    assert!(job.parse::<u64>().is_ok(), "{job}");
    let listed = block_on(f.client.site_to_site_vpns(ALIAS)).unwrap();
    assert_eq!(listed[0].pending_task_id.as_deref(), Some(job.as_str()));
    let mut relists = 1;
    while !block_on(f.client.site_to_site_vpns(ALIAS))
        .unwrap()
        .is_empty()
    {
        assert!(relists < 50, "the VPN never went away");
        block_on(f.clock().sleep(1_000));
        relists += 1;
    }
    assert!(
        f.now() >= 5_000,
        "gone only after one queue duration: {}",
        f.now()
    );
    assert_eq!(
        block_on(
            f.client
                .execute(clc::api::delete_vpn(f.client.endpoints(), ALIAS, &vpn))
        ),
        Err(Error::NotFound)
    );
}

#[test]
fn the_read_only_user_is_forbidden_to_delete() {
    let f = Fixture::as_user("viewer", "viewer-password");
    assert_eq!(block_on(f.client.datacenters(ALIAS)).unwrap().len(), 3);
    f.clear_log();
    assert_eq!(
        block_on(f.client.execute(clc::api::delete_server(
            f.client.endpoints(),
            ALIAS,
            "va1demoweb01"
        ))),
        Err(Error::Forbidden)
    );
    assert_eq!(f.count(Method::Delete, "/v2/servers/DEMO/va1demoweb01"), 1);
    assert_eq!(f.log().len(), 1, "a 403 is not retried");
    assert!(dumped(&f.state(), "servers", "va1demoweb01").unwrap()["pendingOperation"].is_null());
}
