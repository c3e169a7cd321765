//! Checks billing: group billing as maps keyed by group and server id (queried group first,
//! sub-groups included), month-to-date growing with virtual time at each server's hourly rate,
//! power state changing the rate, and past invoices (including lines the inventory cannot
//! explain) while the current month is refused.

mod support;

use clc::Method;
use serde_json::Value;

use support::*;

const HOUR: u64 = 3_600_000;

fn billing(c: &mut Client, group: &str) -> Value {
    let r = c.get(&format!("/v2/groups/demo/{group}/billing"));
    assert_eq!(r.status, 200);
    json(&r)
}

fn mtd(doc: &Value, server: &str) -> f64 {
    doc["groups"]
        .as_object()
        .unwrap()
        .values()
        .find_map(|g| g["servers"].get(server))
        .unwrap()["monthToDate"]
        .as_f64()
        .unwrap()
}

#[test]
fn group_billing_is_keyed_by_group_then_server_with_the_queried_group_first() {
    let mut c = Client::demo();
    let (_, root) = c.roots()[0].clone();
    let r = c.get(&format!("/v2/groups/demo/{root}/billing"));
    let first_key = r
        .body
        .split("\"groups\":{\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert_eq!(first_key, root, "queried group first in the map");
    let doc = json(&r);
    assert!(doc["date"].as_str().unwrap().ends_with('Z'));
    let groups = doc["groups"].as_object().unwrap();
    assert_eq!(groups[&root]["name"], "VA1 Hardware");
    assert_eq!(groups[&root]["servers"], serde_json::json!({}));
    assert!(
        groups.values().any(|g| g["name"] == "Web Staging"),
        "sub-groups at any depth"
    );
    let web = groups.values().find(|g| g["name"] == "Web").unwrap();
    let s = &web["servers"]["va1demoweb01"];
    for field in [
        "templateCost",
        "archiveCost",
        "monthlyEstimate",
        "monthToDate",
        "currentHour",
    ] {
        assert!(s[field].is_f64(), "{field}");
    }
    let archive = groups.values().find(|g| g["name"] == "Archive").unwrap();
    let old = &archive["servers"]["va1demoold01"];
    assert!(old["archiveCost"].as_f64().unwrap() > 0.0);
    assert_eq!(old["archiveCost"], old["monthToDate"]);
    let templates = groups.values().find(|g| g["name"] == "Templates").unwrap();
    assert!(
        templates["servers"]["va1demotpl01"]["templateCost"]
            .as_f64()
            .unwrap()
            > 0.0
    );
}

#[test]
fn month_to_date_grows_with_time_at_the_hourly_rate() {
    let mut c = Client::demo();
    let (_, root) = c.roots()[0].clone();
    let before = billing(&mut c, &root);
    let rate = before["groups"]
        .as_object()
        .unwrap()
        .values()
        .find_map(|g| g["servers"].get("va1demodb01"))
        .unwrap()["currentHour"]
        .as_f64()
        .unwrap();
    c.advance(10 * HOUR);
    let after = billing(&mut c, &root);
    let grown = mtd(&after, "va1demodb01") - mtd(&before, "va1demodb01");
    assert!(
        (grown - 10.0 * rate).abs() < 0.02,
        "grew {grown}, rate {rate}"
    );
    let s0 = c.state()["billing"]["serversMonthToDate"].as_f64().unwrap();
    c.advance(HOUR);
    let s1 = c.state()["billing"]["serversMonthToDate"].as_f64().unwrap();
    assert!(s1 > s0);
}

#[test]
fn powering_off_lowers_the_rate() {
    let mut c = Client::demo();
    let (_, root) = c.roots()[0].clone();
    let rate = |doc: &Value| {
        doc["groups"]
            .as_object()
            .unwrap()
            .values()
            .find_map(|g| g["servers"].get("va1demoweb01"))
            .unwrap()["currentHour"]
            .as_f64()
            .unwrap()
    };
    let running = rate(&billing(&mut c, &root));
    let r = c.send(
        Method::Post,
        "/v2/operations/demo/servers/powerOff",
        Some(r#"["va1demoweb01"]"#),
    );
    c.run_until_done(json(&r)[0]["links"][0]["href"].as_str().unwrap());
    let stopped = rate(&billing(&mut c, &root));
    assert!(stopped < running / 2.0, "{stopped} vs {running}");
    assert!(stopped > 0.0, "storage still bills");
}

#[test]
fn deleted_servers_stop_accruing_but_keep_their_charge() {
    let mut c = Client::demo();
    let before = c.state()["billing"].clone();
    let r = json(&c.delete("/v2/servers/demo/va1demodb01"));
    c.run_until_done(r["links"][0]["href"].as_str().unwrap());
    let after = c.state()["billing"].clone();
    assert!(after["deletedServersMonthToDate"].as_f64().unwrap() > 10.0);
    assert!(
        after["hourly"]["servers"].as_f64().unwrap()
            < before["hourly"]["servers"].as_f64().unwrap() - 0.5
    );
}

#[test]
fn past_invoices_have_line_items_the_current_month_is_refused() {
    let mut c = Client::demo();
    // The default epoch is 2026-11-02.
    let inv = c.get_json("/v2/invoice/DEMO/2026/10?pricingAccountAlias=DEMO");
    assert_eq!(inv["invoiceDate"], "2026-11-01T00:00:00Z");
    assert_eq!(inv["accountAlias"], "DEMO");
    let items = inv["lineItems"].as_array().unwrap();
    let descriptions: Vec<&str> = items
        .iter()
        .map(|i| i["description"].as_str().unwrap())
        .collect();
    for expected in [
        "Bandwidth: GB Transmitted (VA1)",
        "Server Group: Web - VA1",
        "External IP Address (VA1)",
        "Deleted Servers - VA1",
        "Additional Networks - VA1",
        "Shared Load Balancer - GB3",
    ] {
        assert!(
            descriptions.contains(&expected),
            "{expected} in {descriptions:?}"
        );
    }
    for i in items {
        for field in [
            "quantity",
            "description",
            "unitCost",
            "itemTotal",
            "serviceLocation",
            "itemDetails",
        ] {
            assert!(i.get(field).is_some(), "{field}");
        }
    }
    let total: f64 = items.iter().map(|i| i["itemTotal"].as_f64().unwrap()).sum();
    assert!((total - inv["totalAmount"].as_f64().unwrap()).abs() < 0.05);
    assert_eq!(c.get_json("/v2/invoice/DEMO/2026/10"), inv, "stable");
    assert_ne!(
        c.get_json("/v2/invoice/DEMO/2026/9")["totalAmount"],
        inv["totalAmount"]
    );
    assert_eq!(c.get("/v2/invoice/DEMO/2026/11").status, 400);
    assert_eq!(c.get("/v2/invoice/DEMO/2026/13").status, 400);
    assert_eq!(
        c.get_json("/v2/invoice/DEMO/2015/3")["lineItems"],
        serde_json::json!([])
    );
}

#[test]
fn invoices_describe_the_account_as_it_was_not_as_it_is() {
    let mut c = Client::demo();
    let before = c.get_json("/v2/invoice/DEMO/2026/10");
    let r = json(&c.delete("/v2/servers/demo/va1demodb01"));
    c.run_until_done(r["links"][0]["href"].as_str().unwrap());
    assert_eq!(c.get_json("/v2/invoice/DEMO/2026/10"), before);
}

#[test]
fn charges_start_from_the_beginning_of_the_month_whenever_the_account_is_first_seen() {
    // The default epoch is 2026-11-02T09:00Z: 33 hours into November; first call a day later.
    let sim = clc_sim::Sim::new(clc_sim::Scenario::Demo, 1);
    let state = sim.state_json(24 * HOUR);
    let db = state["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "va1demodb01")
        .unwrap();
    let expected = db["hourlyRate"].as_f64().unwrap() * 57.0;
    assert!(
        (db["monthToDate"].as_f64().unwrap() - expected).abs() < 0.01,
        "{db}"
    );
}

#[test]
fn month_to_date_restarts_with_the_utc_month_when_the_clock_is_moved_across_new_year() {
    // A test puts the account on its page's instant: 23:30 UTC on New Year's Eve, then 00:30
    // UTC on New Year's Day. The billing month is the UTC month, so the second figure is half
    // an hour of January.
    let mut sim = clc_sim::Sim::new(clc_sim::Scenario::Demo, 1);
    let rate_and_mtd = |sim: &clc_sim::Sim, now: u64| {
        let state = sim.state_json(now);
        let db = state["servers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == "va1demodb01")
            .unwrap()
            .clone();
        (
            db["hourlyRate"].as_f64().unwrap(),
            db["monthToDate"].as_f64().unwrap(),
        )
    };
    // 2026-12-31T23:30:00Z: 30.979 days of December.
    sim.set_wall_clock(1_798_759_800_000, 0);
    let (rate, december) = rate_and_mtd(&sim, 0);
    assert!(
        (december - rate * (30.0 * 24.0 + 23.5)).abs() < 0.01,
        "{december}"
    );
    // 2027-01-01T00:30:00Z.
    sim.set_wall_clock(1_798_763_400_000, 0);
    let (_, january) = rate_and_mtd(&sim, 0);
    assert!((january - rate * 0.5).abs() < 0.01, "{january}");
}
