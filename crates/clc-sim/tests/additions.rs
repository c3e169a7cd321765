//! Checks servers added mid-run (`Sim::add_server`): the shape every read gives them (the
//! detailed group tree, the server, group billing, the state dump), naming that never reuses a
//! deleted id, the refusals, and that a group delete takes an added server with it, even one
//! added after the delete was accepted.

mod support;

use serde_json::Value;

use support::*;

fn group_id(c: &mut Client, name: &str) -> String {
    c.state()["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == name)
        .unwrap_or_else(|| panic!("group {name}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Server ids anywhere in a detailed group tree.
fn tree_servers(tree: &Value, out: &mut Vec<String>) {
    for s in tree["servers"].as_array().into_iter().flatten() {
        out.push(s["id"].as_str().unwrap().to_string());
    }
    for g in tree["groups"].as_array().into_iter().flatten() {
        tree_servers(g, out);
    }
}

#[test]
fn an_added_server_is_in_every_read_like_a_scenario_server() {
    let mut c = Client::demo();
    let web = group_id(&mut c, "Web");
    c.advance(60_000);
    let id = c.sim.add_server(&web, None, c.now).unwrap();
    assert_eq!(id, "va1demonew01");

    let tree = c.get_json(&format!("/v2/groups/DEMO/{web}?serverDetail=detailed"));
    let added = tree["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id.as_str())
        .expect("listed by a detailed read")
        .clone();
    assert_eq!(added["name"], "VA1DEMONEW01");
    assert_eq!(tree["serversCount"], 3);
    assert!(
        link(&tree, "server").is_none(),
        "a detailed read has its servers in `servers`, not as links"
    );
    let plain = c.get_json(&format!("/v2/groups/DEMO/{web}"));
    assert!(link(&plain, "server").is_some());

    let s = c.get_json(&format!("/v2/servers/DEMO/{id}"));
    assert_eq!(s, added);
    assert_eq!(
        (&s["status"], &s["locationId"], &s["groupId"]),
        (&"active".into(), &"VA1".into(), &web.as_str().into())
    );
    assert_eq!(s["details"]["powerState"], "started");
    let ip = s["details"]["ipAddresses"][0]["internal"].as_str().unwrap();
    assert!(ip.starts_with("10."), "{ip}");

    let billing = c.get_json(&format!("/v2/groups/DEMO/{web}/billing"));
    let charge = &billing["groups"][&web]["servers"][&id];
    assert!(charge["currentHour"].as_f64().unwrap() > 0.0, "{billing}");
    assert_eq!(charge["monthToDate"], 0.0, "accrues from when it was added");

    c.advance(3_600_000);
    let dumped = c.find_server(|s| s["id"] == id.as_str());
    assert_eq!(dumped["status"], "active");
    assert_eq!(dumped["groupId"], web.as_str());
    let rate = dumped["hourlyRate"].as_f64().unwrap();
    assert!(rate > 0.0);
    let mtd = dumped["monthToDate"].as_f64().unwrap();
    assert!((mtd - rate).abs() < 0.01, "one hour: {mtd} vs {rate}");
}

#[test]
fn a_group_delete_takes_an_added_server_listed_by_a_detailed_read_before() {
    let mut c = Client::demo();
    let web = group_id(&mut c, "Web");
    let staging = group_id(&mut c, "Web Staging");
    let nested = c.sim.add_server(&staging, Some("late"), c.now).unwrap();
    assert_eq!(nested, "va1demolate01");
    let mut before = Vec::new();
    tree_servers(
        &c.get_json(&format!("/v2/groups/DEMO/{web}?serverDetail=detailed")),
        &mut before,
    );
    assert!(before.contains(&nested), "{before:?}");

    let r = json(&c.delete(&format!("/v2/groups/DEMO/{web}")));
    let status = r["href"].as_str().unwrap().to_string();
    // One more arrives while the delete is queued: the group takes it too, unlisted anywhere
    // the client looked, which is why the client must read the group again before its DELETE.
    c.advance(500);
    let latecomer = c.sim.add_server(&web, Some("late"), c.now).unwrap();
    assert_eq!(latecomer, "va1demolate02");
    assert_eq!(c.run_until_done(&status), "succeeded");
    for id in [&nested, &latecomer] {
        assert_eq!(c.get(&format!("/v2/servers/DEMO/{id}")).status, 404, "{id}");
    }
    let state = c.state();
    let ids: Vec<&str> = state["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&nested.as_str()) && !ids.contains(&latecomer.as_str()));
}

#[test]
fn added_names_never_reuse_a_deleted_id() {
    let mut c = Client::demo();
    let db = group_id(&mut c, "Database");
    let first = c.sim.add_server(&db, Some("tmp"), c.now).unwrap();
    let r = json(&c.delete(&format!("/v2/servers/DEMO/{first}")));
    assert_eq!(
        c.run_until_done(r["links"][0]["href"].as_str().unwrap()),
        "succeeded"
    );
    let second = c.sim.add_server(&db, Some("TMP"), c.now).unwrap();
    assert_eq!(
        (first.as_str(), second.as_str()),
        ("va1demotmp01", "va1demotmp02")
    );
}

#[test]
fn adding_is_refused_for_unknown_and_system_groups_and_bad_names() {
    let mut c = Client::demo();
    let state = c.state();
    let archive = state["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "Archive")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let web = group_id(&mut c, "Web");
    let err = c.sim.add_server("nosuchgroup", None, 0).unwrap_err();
    assert!(err.contains("no group"), "{err}");
    let err = c.sim.add_server(&archive, None, 0).unwrap_err();
    assert!(err.contains("system group"), "{err}");
    for name in ["", "toolongname", "a/b", ".."] {
        assert!(c.sim.add_server(&web, Some(name), 0).is_err(), "{name:?}");
    }
    assert_eq!(c.state()["counts"]["servers"], state["counts"]["servers"]);
}
