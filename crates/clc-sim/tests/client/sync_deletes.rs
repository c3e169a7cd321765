//! Deletes the service answers synchronously (204 or 200 without a job), confirmed by
//! re-listing, and the deletes it refuses.

use clc::models::Accepted;
use clc::Error;

use super::{block_on, ids, Fixture, ALIAS};

#[test]
fn synchronous_deletes_complete_and_the_items_are_gone() {
    let f = Fixture::demo();
    let s = f.state();
    let done = |r: Result<Accepted, Error>| assert_eq!(r, Ok(Accepted::Completed));
    let va1_lb = s["loadBalancers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["dataCenter"] == "VA1")
        .unwrap();
    let lb = va1_lb["id"].as_str().unwrap();
    let pool = va1_lb["pools"][0]["id"].as_str().unwrap();
    done(block_on(f.client.execute(
        clc::api::delete_shared_load_balancer_pool(f.client.endpoints(), ALIAS, "va1", lb, pool),
    )));
    assert_eq!(
        block_on(f.client.shared_load_balancer_pools(ALIAS, "va1", lb))
            .unwrap()
            .len(),
        1
    );
    done(block_on(f.client.execute(
        clc::api::delete_shared_load_balancer(f.client.endpoints(), ALIAS, "va1", lb),
    )));
    assert!(block_on(f.client.shared_load_balancers(ALIAS, "va1"))
        .unwrap()
        .is_empty());

    let fw = s["firewallPolicies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["dataCenter"] == "VA1")
        .unwrap();
    done(block_on(f.client.execute(
        clc::api::delete_firewall_policy(
            f.client.endpoints(),
            ALIAS,
            "va1",
            fw["id"].as_str().unwrap(),
        ),
    )));
    assert!(block_on(f.client.firewall_policies(ALIAS, "va1"))
        .unwrap()
        .is_empty());
    let cross = &ids(&s, "crossDcFirewallPolicies")[0];
    done(block_on(f.client.execute(
        clc::api::delete_cross_dc_firewall_policy(f.client.endpoints(), ALIAS, "va1", cross),
    )));
    assert!(block_on(f.client.cross_dc_firewall_policies(ALIAS, "va1"))
        .unwrap()
        .is_empty());

    let unused = s["networks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["dataCenter"] == "UC1" && n["primary"] == false)
        .unwrap();
    done(block_on(f.client.execute(clc::api::release_network(
        f.client.endpoints(),
        ALIAS,
        "uc1",
        unused["id"].as_str().unwrap(),
    ))));
    assert_eq!(block_on(f.client.networks(ALIAS, "uc1")).unwrap().len(), 1);

    done(block_on(f.client.execute(
        clc::api::remove_cpu_autoscale_policy(f.client.endpoints(), ALIAS, "va1demoweb01"),
    )));
    assert_eq!(
        block_on(f.client.execute(clc::api::remove_cpu_autoscale_policy(
            f.client.endpoints(),
            ALIAS,
            "va1demoweb01"
        ))),
        Err(Error::NotFound)
    );
    let alert = &ids(&s, "alertPolicies")[0];
    done(block_on(f.client.execute(clc::api::delete_alert_policy(
        f.client.endpoints(),
        ALIAS,
        alert,
    ))));
    assert_eq!(block_on(f.client.alert_policies(ALIAS)).unwrap().len(), 1);
    done(block_on(f.client.execute(clc::api::delete_webhook(
        f.client.endpoints(),
        ALIAS,
        "Server.Deleted",
    ))));
    assert_eq!(
        f.state()["webhooks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| w["targetUris"].as_array().is_some_and(|t| !t.is_empty()))
            .count(),
        1
    );

    let rdbs = s["rdbs"][0]["id"].to_string();
    done(block_on(f.client.execute(
        clc::api::delete_rdbs_subscription(f.client.endpoints(), ALIAS, &rdbs),
    )));
    assert!(block_on(f.client.rdbs_subscriptions(ALIAS))
        .unwrap()
        .is_empty());
    let sp = &s["backup"]["serverPolicies"][0];
    let account_policy = sp["accountPolicyId"].as_str().unwrap();
    done(block_on(f.client.execute(
        clc::api::delete_backup_server_policy(
            f.client.endpoints(),
            account_policy,
            sp["id"].as_str().unwrap(),
        ),
    )));
    assert_eq!(
        block_on(f.client.backup_server_policies(account_policy))
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn refusals_and_missing_endpoints() {
    let f = Fixture::demo();
    let s = f.state();
    let archive = s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "Archive")
        .unwrap();
    match block_on(f.client.execute(clc::api::delete_group(
        f.client.endpoints(),
        ALIAS,
        archive["id"].as_str().unwrap(),
    ))) {
        Err(Error::Rejected { message }) => assert!(message.contains("system group"), "{message}"),
        other => panic!("{other:?}"),
    }
    let primary = s["networks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["primary"] == true && n["dataCenter"] == "VA1")
        .unwrap();
    assert!(matches!(
        block_on(f.client.execute(clc::api::release_network(
            f.client.endpoints(),
            ALIAS,
            "va1",
            primary["id"].as_str().unwrap()
        ))),
        Err(Error::Rejected { .. })
    ));
    assert_eq!(
        block_on(f.client.execute(clc::api::delete_anti_affinity_policy(
            f.client.endpoints(),
            ALIAS,
            "any"
        ))),
        Err(Error::NotFound)
    );
    let web = s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "Web")
        .unwrap();
    assert_eq!(
        block_on(
            f.client
                .execute(clc::api::delete_horizontal_autoscale_policy(
                    f.client.endpoints(),
                    ALIAS,
                    web["id"].as_str().unwrap()
                ))
        ),
        Err(Error::NotFound)
    );
    assert_eq!(f.state()["counts"], s["counts"], "nothing changed");
}
