//! Checks planted hostile names and ids (`Sim::plant_name`, `Sim::plant_snapshot`): each name
//! appears verbatim (JSON-escaped) wherever the API returns that resource's name, the detailed
//! group tree included; a planted snapshot id (`..`, empty) ends its hrefs verbatim and can be
//! read and deleted there; unknown ids are refused; a reset clears everything.

mod support;

use serde_json::Value;

use support::*;

const RTL: &str = "\u{202E}fdp.exe\u{202C} Web";
const HTML: &str = "<img src=x onerror=alert(1)>&amp;\"'";
const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl";

fn long() -> String {
    "\u{0645}x".repeat(5_000)
}

/// The id of the first entry of a state-dump list whose field matches.
fn id_where(state: &Value, list: &str, field: &str, value: &str) -> String {
    state[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x[field] == value)
        .unwrap_or_else(|| panic!("{list} {field}={value}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The id of the network a server's primary address is on.
fn network_of(state: &Value, server: &str) -> String {
    let s = state["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == server)
        .unwrap();
    let ip = s["internalIps"][0].as_str().unwrap();
    let prefix = &ip[..ip.rfind('.').unwrap()];
    id_where(state, "networks", "cidr", &format!("{prefix}.0/24"))
}

/// The body holds `name` exactly as JSON writes it.
fn carries(body: &str, name: &str) -> bool {
    body.contains(&serde_json::to_string(name).unwrap())
}

#[test]
fn planted_names_appear_verbatim_wherever_the_name_is_returned() {
    let mut c = Client::demo();
    let state = c.state();
    let web = id_where(&state, "groups", "name", "Web");
    let root = id_where(&state, "groups", "name", "VA1 Hardware");
    let lb = state["loadBalancers"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let lb_dc = state["loadBalancers"][0]["dataCenter"]
        .as_str()
        .unwrap()
        .to_string();
    let web_net = network_of(&state, "va1demoweb01");
    let alert = state["alertPolicies"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let vpn = state["vpns"][0]["id"].as_str().unwrap().to_string();
    let backup = state["backup"]["accountPolicies"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let long = long();
    c.sim.plant_name("VA1DEMOWEB01", &long).unwrap();
    c.sim.plant_name(&web, RTL).unwrap();
    c.sim.plant_name(&web_net, HTML).unwrap();
    c.sim.plant_name(&lb, JWT).unwrap();
    c.sim.plant_name(&alert, HTML).unwrap();
    c.sim.plant_name(&vpn, RTL).unwrap();
    c.sim.plant_name("server.deleted", JWT).unwrap();
    c.sim.plant_name(&backup, &long).unwrap();

    let server = c.get("/v2/servers/DEMO/va1demoweb01");
    assert!(carries(&server.body, &long));
    let server = json(&server);
    assert_eq!(server["name"], long.as_str());
    assert_eq!(server["id"], "va1demoweb01", "the id is untouched");

    let tree = c.get(&format!("/v2/groups/DEMO/{root}?serverDetail=detailed"));
    assert!(carries(&tree.body, RTL) && carries(&tree.body, &long));
    let tree = json(&tree);
    let web_doc = tree["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == web.as_str())
        .unwrap();
    assert_eq!(web_doc["name"], RTL);
    assert_eq!(web_doc["servers"][0]["name"], long.as_str());
    let billing = c.get_json(&format!("/v2/groups/DEMO/{web}/billing"));
    assert_eq!(billing["groups"][&web]["name"], RTL);

    let net = c.get(&format!(
        "/v2-experimental/networks/DEMO/va1/{web_net}?ipAddresses=claimed"
    ));
    assert!(carries(&net.body, &long), "as `server` of its address");
    assert_eq!(json(&net)["name"], HTML);
    let lb_doc = c.get_json(&format!(
        "/v2/sharedLoadBalancers/DEMO/{}/{lb}",
        lb_dc.to_ascii_lowercase()
    ));
    assert_eq!(lb_doc["name"], JWT);
    assert_eq!(
        c.get_json(&format!("/v2/alertPolicies/DEMO/{alert}"))["name"],
        HTML
    );
    let vpn_doc = c.get_json(&format!("/v2/siteToSiteVpn/{vpn}?account=DEMO"));
    assert_eq!(vpn_doc["remote"]["siteName"], RTL);
    let hooks = c.get_json("/v2/webhooks/DEMO");
    assert!(hooks["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["name"] == JWT));
    let policy = c.get_json(&format!(
        "/backup/clc-backup-api/api/accountPolicies/{backup}"
    ));
    assert_eq!(policy["name"], long.as_str());

    let dump = c.state();
    assert_eq!(
        id_where(&dump, "servers", "name", &long),
        "va1demoweb01",
        "the dump shows the planted name"
    );
    assert_eq!(id_where(&dump, "groups", "name", RTL), web);
}

#[test]
fn a_planted_snapshot_id_ends_its_hrefs_verbatim() {
    let mut c = Client::demo();
    let before = c.get_json("/v2/servers/DEMO/va1demoweb01")["details"]["snapshots"].clone();
    for id in ["..", "", "A%2F..", "."] {
        c.sim.plant_snapshot("va1demoweb01", id).unwrap();
    }
    let server = c.get_json("/v2/servers/DEMO/va1demoweb01");
    let snaps = server["details"]["snapshots"].as_array().unwrap();
    assert_eq!(snaps[0], before[0], "the scenario's snapshot is unchanged");
    let base = "/v2/servers/demo/va1demoweb01/snapshots/";
    for (snap, id) in snaps[1..].iter().zip(["..", "", "A%2F..", "."]) {
        assert_eq!(snap["name"], id);
        for rel in ["self", "delete"] {
            assert_eq!(
                link(snap, rel).unwrap()["href"],
                format!("{base}{id}").as_str(),
                "{rel} of {id:?}"
            );
        }
    }
    let dotdot = c.get_json(&format!("{base}.."));
    assert_eq!(dotdot["name"], "..");
    let dump = c.state();
    let ids = &dump["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "va1demoweb01")
        .unwrap()["snapshots"];
    assert_eq!(ids[1], "..");
    assert!(ids[0].is_u64(), "{ids}");

    // Deleting at that href removes the snapshot, not the server (the simulator does not
    // resolve dot segments; a client must never send one).
    let r = json(&c.delete(&format!("{base}..")));
    assert_eq!(c.run_until_done(r["href"].as_str().unwrap()), "succeeded");
    let server = c.get_json("/v2/servers/DEMO/va1demoweb01");
    let names: Vec<&Value> = server["details"]["snapshots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["name"])
        .collect();
    assert_eq!(names.len(), 4);
    assert!(!names.contains(&&Value::from("..")));
}

#[test]
fn unknown_ids_are_refused_and_a_reset_clears_what_was_planted() {
    let mut c = Client::demo();
    assert!(c.sim.plant_name("nosuchthing", "x").is_err());
    assert!(c.sim.plant_snapshot("nosuchserver", "..").is_err());
    c.sim.plant_name("va1demoweb01", RTL).unwrap();
    c.sim.plant_snapshot("va1demoweb01", "..").unwrap();
    c.sim.reset(clc_sim::Scenario::Demo, 1);
    let server = c.get_json("/v2/servers/DEMO/va1demoweb01");
    assert_eq!(server["name"], "VA1DEMOWEB01");
    assert_eq!(server["details"]["snapshots"].as_array().unwrap().len(), 1);
}
