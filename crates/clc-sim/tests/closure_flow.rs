//! Checks a whole account closure against the demo account, in the order `clc-api.md` §8.2
//! recommends, through the API alone: afterwards nothing billable is left, only the free items
//! the platform refuses to remove (system groups, each data center's primary network).

mod support;

use clc::Method;
use serde_json::Value;

use support::*;

fn self_href(doc: &Value) -> String {
    link(doc, "self").unwrap()["href"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn closing_the_demo_account_leaves_nothing_billable() {
    let mut c = Client::demo();
    let dcs = c.get_json("/v2/datacenters/DEMO?groupLinks=true");
    let dcs: Vec<(String, String)> = dcs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().into(),
                link(d, "group").unwrap()["href"].as_str().unwrap().into(),
            )
        })
        .collect();

    // 1. Simple Backup server policies.
    let base = "/backup/clc-backup-api/api/accountPolicies";
    for p in c.get_json(&format!("{base}?limit=100"))["results"]
        .as_array()
        .unwrap()
        .clone()
    {
        let id = p["policyId"].as_str().unwrap();
        for sp in c.get_json(&format!("{base}/{id}/serverPolicies"))["results"]
            .as_array()
            .unwrap()
            .clone()
        {
            let url = format!(
                "{base}/{id}/serverPolicies/{}",
                sp["serverPolicyId"].as_str().unwrap()
            );
            assert_eq!(c.delete(&url).status, 204);
        }
    }
    // 2. Shared load balancers.
    for (dc, _) in &dcs {
        for lb in c
            .get_json(&format!("/v2/sharedLoadBalancers/DEMO/{dc}"))
            .as_array()
            .unwrap()
            .clone()
        {
            assert_eq!(c.delete(&self_href(&lb)).status, 204);
        }
    }
    // 3. VPNs. 4. RDBS.
    for vpn in c
        .get_json("/v2/siteToSiteVpn?account=DEMO")
        .as_array()
        .unwrap()
        .clone()
    {
        assert_eq!(c.delete(&self_href(&vpn)).status, 200);
    }
    for sub in c
        .get_json("/rdbs/v1/DEMO/subscriptions")
        .as_array()
        .unwrap()
        .clone()
    {
        assert_eq!(
            c.delete(&format!("/rdbs/v1/DEMO/subscriptions/{}", sub["id"]))
                .status,
            200
        );
    }
    // 5. Servers: user groups whole, system groups' servers one by one.
    let mut statuses = vec![];
    for (_, root) in &dcs {
        let tree = c.get_json(root);
        for g in tree["groups"].as_array().unwrap() {
            let deletable = link(g, "self").unwrap()["verbs"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v == "DELETE");
            if deletable {
                let r = c.delete(&self_href(g));
                assert_eq!(r.status, 202);
                statuses.push(json(&r)["href"].as_str().unwrap().to_string());
            } else {
                for s in g["links"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|l| l["rel"] == "server")
                {
                    let r = c.delete(s["href"].as_str().unwrap());
                    assert_eq!(r.status, 202);
                    statuses.push(json(&r)["links"][0]["href"].as_str().unwrap().to_string());
                }
            }
        }
    }
    statuses.sort();
    statuses.dedup();
    for s in &statuses {
        assert_eq!(c.run_until_done(s), "succeeded", "{s}");
    }
    // 6. Firewall policies, then networks; the primary ones refuse.
    for (dc, _) in &dcs {
        for kind in ["firewallPolicies", "crossDcFirewallPolicies"] {
            for p in c
                .get_json(&format!("/v2-experimental/{kind}/DEMO/{dc}"))
                .as_array()
                .unwrap()
                .clone()
            {
                assert_eq!(c.delete(&self_href(&p)).status, 204);
            }
        }
        let mut refused = 0;
        for n in c
            .get_json(&format!("/v2-experimental/networks/DEMO/{dc}"))
            .as_array()
            .unwrap()
            .clone()
        {
            let release = link(&n, "release").unwrap()["href"]
                .as_str()
                .unwrap()
                .to_string();
            match c.send(Method::Post, &release, None).status {
                204 => {}
                400 => refused += 1,
                other => panic!("release answered {other}"),
            }
        }
        assert_eq!(refused, 1, "only the primary network of {dc} stays");
    }
    // 7. Free tidy-up.
    for p in c.get_json("/v2/alertPolicies/DEMO")["items"]
        .as_array()
        .unwrap()
        .clone()
    {
        assert_eq!(c.delete(&self_href(&p)).status, 204);
    }
    c.advance(60_000);

    let state = c.state();
    assert_eq!(state["servers"], serde_json::json!([]));
    assert_eq!(state["vpns"], serde_json::json!([]));
    assert_eq!(
        state["billing"]["hourly"]["total"], 0.0,
        "{}",
        state["billing"]
    );
    assert!(state["groups"]
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["system"] == true));
    assert!(state["networks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["primary"] == true));
    assert!(
        state["billing"]["deletedServersMonthToDate"]
            .as_f64()
            .unwrap()
            > 0.0
    );
}
