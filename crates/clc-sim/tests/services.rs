//! Checks the account-wide and per-data-center services a closure removes: shared load
//! balancers and pools, firewall and cross-DC firewall policies, site-to-site VPNs (string job
//! id), alert, autoscale and anti-affinity policies, webhooks, RDBS and Simple Backup (paging).

mod support;

use serde_json::{json, Value};

use support::*;

#[test]
fn shared_load_balancers_and_pools_delete_synchronously() {
    let mut c = Client::demo();
    let lbs = c.get_json("/v2/sharedLoadBalancers/DEMO/va1");
    let lb = &lbs[0];
    for field in [
        "id",
        "name",
        "description",
        "ipAddress",
        "status",
        "pools",
        "links",
    ] {
        assert!(lb.get(field).is_some(), "{field}");
    }
    let self_href = link(lb, "self").unwrap()["href"]
        .as_str()
        .unwrap()
        .to_string();
    let pools = c.get_json(&format!("{self_href}/pools"));
    assert_eq!(pools.as_array().unwrap().len(), 2);
    let pool_href = link(&pools[0], "self").unwrap()["href"]
        .as_str()
        .unwrap()
        .to_string();
    let nodes = c.get_json(&format!("{pool_href}/nodes"));
    assert!(nodes[0]["privatePort"].is_u64());
    let r = c.delete(&pool_href);
    assert_eq!((r.status, r.body.as_str()), (204, ""));
    assert_eq!(
        c.get_json(&format!("{self_href}/pools"))
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(c.delete(&self_href).status, 204);
    assert_eq!(c.get_json("/v2/sharedLoadBalancers/DEMO/va1"), json!([]));
    assert_eq!(c.delete(&self_href).status, 404);
}

#[test]
fn firewall_policies_delete_with_204() {
    let mut c = Client::demo();
    let fw = c.get_json("/v2-experimental/firewallPolicies/DEMO/VA1");
    assert_eq!(fw[0]["destinationAccount"], "demo");
    assert!(fw[0]["ports"].is_array());
    let href = link(&fw[0], "self").unwrap()["href"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(href.starts_with("http://api.ctl.io/v2-experimental/firewallPolicies/demo/va1/"));
    assert_eq!(c.delete(&href).status, 204);
    assert_eq!(
        c.get_json("/v2-experimental/firewallPolicies/DEMO/VA1"),
        json!([])
    );
    let x = c.get_json("/v2-experimental/crossDcFirewallPolicies/DEMO/uc1");
    assert_eq!(x[0]["sourceLocation"], "va1");
    assert_eq!(x[0]["destinationLocation"], "uc1");
    let same = c.get_json("/v2-experimental/crossDcFirewallPolicies/DEMO/va1");
    assert_eq!(same[0]["id"], x[0]["id"], "listed in both data centers");
    let href = link(&x[0], "self").unwrap()["href"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(c.delete(&href).status, 204);
    assert_eq!(
        c.get_json("/v2-experimental/crossDcFirewallPolicies/DEMO/va1"),
        json!([])
    );
}

#[test]
fn vpn_delete_answers_a_bare_string_job_id_and_the_vpn_goes_later() {
    let mut c = Client::demo();
    let vpns = c.get_json("/v2/siteToSiteVpn?account=DEMO");
    let vpn = &vpns[0];
    let id = vpn["id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 32);
    assert_eq!(id, id.to_ascii_uppercase());
    for field in [
        "changeInfo",
        "accountAlias",
        "pendingTaskId",
        "local",
        "remote",
        "ike",
        "ipsec",
        "links",
    ] {
        assert!(vpn.get(field).is_some(), "{field}");
    }
    assert_eq!(
        c.get_json(&format!("/v2/siteToSiteVpn/{id}?account=demo"))["id"],
        id.as_str()
    );
    let r = c.delete(&format!(
        "/v2/siteToSiteVpn/{}?account=DEMO",
        id.to_ascii_lowercase()
    ));
    assert_eq!(r.status, 200);
    let job: Value = json(&r);
    let job = job.as_str().expect("a bare JSON string");
    assert!(job.parse::<u64>().is_ok(), "{job}");
    assert!(r.body.starts_with('"'));
    let still = c.get_json("/v2/siteToSiteVpn?account=DEMO");
    assert_eq!(still[0]["pendingTaskId"], job);
    c.advance(60_000);
    assert_eq!(c.get_json("/v2/siteToSiteVpn?account=DEMO"), json!([]));
    assert_eq!(
        c.get(&format!("/v2/siteToSiteVpn/{id}?account=DEMO"))
            .status,
        404
    );
}

#[test]
fn alert_policies_delete_with_204_and_leave_their_servers() {
    let mut c = Client::demo();
    let list = c.get_json("/v2/alertPolicies/DEMO/");
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["actions"][0]["action"], "email");
    let cpu = items.iter().find(|p| p["name"] == "High CPU").unwrap();
    let href = link(cpu, "self").unwrap()["href"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        c.get_json("/v2/servers/demo/va1demoweb01")["details"]["alertPolicies"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(c.delete(&href).status, 204);
    assert_eq!(
        c.get_json("/v2/alertPolicies/DEMO")["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        c.get_json("/v2/servers/demo/va1demoweb01")["details"]["alertPolicies"],
        json!([])
    );
}

#[test]
fn anti_affinity_is_retired_and_answers_404_everywhere() {
    let mut c = Client::demo();
    for url in [
        "/v2/antiAffinityPolicies/DEMO",
        "/v2/antiAffinityPolicies/DEMO/abc",
        "/v2/servers/demo/va1demoweb01/antiAffinityPolicy",
    ] {
        assert_eq!(c.get(url).status, 404, "{url}");
        assert_eq!(c.delete(url).status, 404, "{url}");
    }
}

#[test]
fn autoscale_policies_are_a_bare_array_and_the_mapping_can_be_removed() {
    let mut c = Client::demo();
    let list = c.get_json("/v2/autoscalePolicies/DEMO");
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["resourceType"], "cpu");
    assert!(list[0]["range"]["max"].is_u64());
    let id = list[0]["id"].as_str().unwrap();
    assert_eq!(
        c.get_json(&format!("/v2/autoscalePolicies/DEMO/{id}"))["id"],
        id
    );
    assert_eq!(
        c.get_json("/v2/servers/demo/va1demoweb01/cpuAutoscalePolicy")["id"],
        id
    );
    assert_eq!(
        c.delete("/v2/servers/demo/va1demoweb01/cpuAutoscalePolicy")
            .status,
        204
    );
    assert_eq!(
        c.get("/v2/servers/demo/va1demoweb01/cpuAutoscalePolicy")
            .status,
        404
    );
}

#[test]
fn webhooks_list_every_event_and_delete_configurations() {
    let mut c = Client::demo();
    let hooks = c.get_json("/v2/webhooks/DEMO");
    let items = hooks["items"].as_array().unwrap();
    let configured: Vec<&Value> = items
        .iter()
        .filter(|i| i.get("configuration").is_some())
        .collect();
    assert_eq!(configured.len(), 2);
    let deleted = configured
        .iter()
        .find(|i| i["name"] == "Server.Deleted")
        .unwrap();
    assert_eq!(
        deleted["configuration"]["targetUris"][0]["targetUri"],
        "https://hooks.demo.example/clc"
    );
    assert_eq!(
        c.delete("/v2/webhooks/DEMO/Server.Deleted/configuration")
            .status,
        204
    );
    let uri = "https%3A%2F%2Fhooks.demo.example%2Falerts";
    assert_eq!(
        c.delete(&format!(
            "/v2/webhooks/DEMO/Alert.Notification/configuration/targetUris?targetUri={uri}"
        ))
        .status,
        204
    );
    let hooks = c.get_json("/v2/webhooks/DEMO");
    assert!(hooks["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i.get("configuration").is_none()));
}

#[test]
fn rdbs_subscriptions_bill_in_dollar_strings_and_can_be_deleted() {
    let mut c = Client::demo();
    let subs = c.get_json("/rdbs/v1/DEMO/subscriptions?dataCenter=va1&status=ACTIVE");
    assert_eq!(subs.as_array().unwrap().len(), 1);
    let sub = &subs[0];
    assert!(sub["id"].is_u64());
    assert_eq!(sub["instanceType"], "MySQL");
    let backup_time = sub["backups"][0]["backupTime"].as_u64().unwrap();
    assert!(backup_time > 1_000_000_000_000, "epoch milliseconds");
    let billing = c.get_json("/rdbs/v1/DEMO/billing");
    for field in ["monthlyEstimate", "monthToDate", "currentHour"] {
        let s = billing[field].as_str().unwrap();
        assert!(
            s.starts_with('$') && s[1..].parse::<f64>().is_ok(),
            "{field}: {s}"
        );
    }
    assert_eq!(billing["currentHour"], "$0.60");
    let id = sub["id"].as_u64().unwrap();
    let backups = c.get_json(&format!("/rdbs/v1/DEMO/subscriptions/{id}/backups"));
    let b = backups[0]["id"].as_u64().unwrap();
    assert_eq!(
        c.delete(&format!("/rdbs/v1/DEMO/subscriptions/{id}/backups/{b}"))
            .status,
        204
    );
    let r = c.delete(&format!("/rdbs/v1/DEMO/subscriptions/{id}"));
    assert_eq!(r.status, 200);
    assert_eq!(json(&r)["status"], "Deleted");
    assert_eq!(c.get_json("/rdbs/v1/DEMO/subscriptions"), json!([]));
    assert_eq!(c.get_json("/rdbs/v1/DEMO/billing")["currentHour"], "$0.00");
}

#[test]
fn backup_policies_are_paged() {
    let mut c = Client::demo();
    let base = "/backup/clc-backup-api/api/accountPolicies";
    let first = c.get_json(&format!("{base}?limit=2&offset=0"));
    assert_eq!(
        (
            first["limit"].as_u64(),
            first["offset"].as_u64(),
            first["nextOffset"].as_u64()
        ),
        (Some(2), Some(0), Some(2))
    );
    assert_eq!(first["totalCount"], 3);
    assert_eq!(first["results"].as_array().unwrap().len(), 2);
    let second = c.get_json(&format!("{base}?Limit=2&OFFSET=2"));
    assert_eq!(second["results"].as_array().unwrap().len(), 1);
    assert_eq!(second["nextOffset"], 3);
    let active = c.get_json(&format!("{base}?withStatus=ACTIVE"));
    assert_eq!(active["totalCount"], 2);
    let mut names: Vec<String> = first["results"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["results"].as_array().unwrap())
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    names.dedup();
    assert_eq!(names.len(), 3);
    assert_eq!(first["results"][0]["clcAccountAlias"], "DEMO");
}

#[test]
fn backup_server_policies_delete_with_204() {
    let mut c = Client::demo();
    let base = "/backup/clc-backup-api/api/accountPolicies";
    let linux = c.get_json(base)["results"][0]["policyId"]
        .as_str()
        .unwrap()
        .to_string();
    let sps = c.get_json(&format!("{base}/{linux}/serverPolicies?limit=1"));
    assert_eq!(sps["totalCount"], 2);
    assert_eq!(sps["results"].as_array().unwrap().len(), 1);
    let sp = sps["results"][0]["serverPolicyId"]
        .as_str()
        .unwrap()
        .to_string();
    let server = sps["results"][0]["serverId"].as_str().unwrap().to_string();
    let details = c.get_json(&format!(
        "/backup/clc-backup-api/api/serverPolicyDetails?serverId={server}"
    ));
    assert_eq!(details.as_array().unwrap().len(), 1);
    let stored = c.get_json(&format!(
        "{base}/{linux}/serverPolicies/{sp}/storedData?searchDate=2026-11-01"
    ));
    assert!(stored["gigabytesStored"].is_string());
    let r = c.delete(&format!("{base}/{linux}/serverPolicies/{sp}"));
    assert_eq!((r.status, r.body.as_str()), (204, ""));
    assert_eq!(
        c.delete(&format!("{base}/{linux}/serverPolicies/{sp}"))
            .status,
        404
    );
    assert_eq!(
        c.get_json(&format!("{base}/{linux}/serverPolicies"))["totalCount"],
        1
    );
}
