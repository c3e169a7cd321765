//! Helpers for the plan, executor, journal and resume tests, on top of `tests/support` (the
//! in-process simulator transport and the timer clock): a scanned plan, a fresh client after a
//! new login, hand-made inventories, and counts of destructive requests per resource.
#![allow(dead_code)]

use std::collections::BTreeMap;

use clc::{Client, Endpoints, Method, Request, Session};
use clc_sim::{FaultKind, FaultRule, Scenario};
use closure::execute::ExecutorConfig;
use closure::inventory::{Cost, Keep, Resource, ResourceId, ResourceKind, ResourceState};
use closure::plan::{Selection, Step};
use closure::{Executor, Inventory, MemoryStore, Plan, RunOutcome, Scanner};
use serde_json::Value;

use super::support::{Harness, SimClient, SimTransport, BASE};

/// A fault rule: `fault` on the requests by `method` to `route`, the first `times` (None: all).
pub fn rule(route: &str, method: &str, times: Option<u32>, fault: FaultKind) -> FaultRule {
    serde_json::from_value(serde_json::json!({
        "route": route, "method": method, "times": times,
        "fault": serde_json::to_value(fault).unwrap(),
    }))
    .unwrap()
}

/// A latency fault: `ms` more before each answer, no jitter.
pub fn slow(ms: u64) -> FaultKind {
    FaultKind::Latency { ms, jitter_ms: 0 }
}

/// Executor settings for tests: one tab id, the default pacing.
pub fn config(owner: &str) -> ExecutorConfig {
    ExecutorConfig {
        owner: owner.into(),
        ..ExecutorConfig::default()
    }
}

/// Starts `plan` in one tab ("tab-1") with its journal in `store`, and runs it to its end on
/// the harness's clock.
pub fn run_in_one_tab(h: &Harness, store: &MemoryStore, plan: &Plan) -> RunOutcome {
    let executor =
        Executor::start(&h.client, store.clone(), plan.clone(), config("tab-1")).unwrap();
    h.clock.run(executor.run()).unwrap()
}

/// A harness on the account `spec` (a simulator scenario, e.g.
/// `"large:dcs=1,servers=300,groups=3,ips=60"`) answering after `latency_ms`, scanned: its
/// inventory and the plan of its public IPs alone.
pub fn ip_account(spec: &str, latency_ms: u64) -> (Harness, Inventory, Plan) {
    let h = Harness::new(Scenario::parse(spec).unwrap(), latency_ms);
    let (inventory, _) = scanned_plan(&h);
    let ips = public_ip_plan(&inventory);
    (h, inventory, ips)
}

/// A harness on the demo account answering after 20 ms, scanned: the plan of its backup server
/// policies alone (their data unmarked, so deleted too).
pub fn backup_account() -> (Harness, Plan) {
    let h = Harness::new(Scenario::Demo, 20);
    let (inventory, _) = scanned_plan(&h);
    let plan = data_plan_of(&inventory, ResourceKind::BackupServerPolicy);
    assert!(!plan.steps.is_empty(), "no backup policies");
    (h, plan)
}

/// Scans the harness's account and plans everything that bills.
pub fn scanned_plan(h: &Harness) -> (Inventory, Plan) {
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert!(
        outcome.failures.is_empty(),
        "scan failures: {:?}",
        outcome.failures
    );
    let plan = Plan::everything_billable(&outcome.inventory);
    (std::rc::Rc::unwrap_or_clone(outcome.inventory), plan)
}

/// A second client on the same simulator and clock with a fresh login (a new session).
pub fn relogin(h: &Harness) -> SimClient {
    let user = h.sim.borrow().scenario().username().to_string();
    let login = Request::new(Method::Post, format!("{BASE}/v2/authentication/login"))
        .header("Content-Type", "application/json")
        .body(
            serde_json::json!({ "username": user, "password": format!("{user}-password") })
                .to_string(),
        );
    let now = h.elapsed_ms();
    let answer = h.sim.borrow_mut().handle(&login, now);
    assert_eq!(answer.status, 200, "login: {}", answer.body);
    let body: Value = serde_json::from_str(&answer.body).unwrap();
    let token = body["bearerToken"].as_str().unwrap().to_string();
    let alias = h.sim.borrow().scenario().alias().to_string();
    let mut transport = SimTransport::new(h.sim.clone(), h.clock.clone(), BASE);
    // The same simulator time and the same traffic as the harness's own client.
    transport.origin_ms = h.client.transport().origin_ms;
    transport.traffic = h.traffic.clone();
    Client::new(Endpoints::single_origin(BASE), transport, h.clock.clone())
        .with_session(Session::new(alias, clc::BearerToken::new(token)))
}

/// A destructive request: DELETE, or POST to a release path.
pub fn is_destructive(method: &str, path: &str) -> bool {
    method == "DELETE" || (method == "POST" && path.to_ascii_lowercase().contains("/release"))
}

/// Accepted (2xx) destructive requests per path (query stripped, lower case).
pub fn accepted_deletes(h: &Harness) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (_, method, path, status) in &h.traffic.borrow().log {
        if is_destructive(method, path) && (200..300).contains(status) {
            let key = path.split('?').next().unwrap_or(path).to_ascii_lowercase();
            *out.entry(key).or_insert(0) += 1;
        }
    }
    out
}

/// Panics unless each path that took a destructive request accepted it once.
pub fn assert_each_delete_accepted_once(h: &Harness) {
    for (path, count) in accepted_deletes(h) {
        assert_eq!(count, 1, "{path} accepted {count} times");
    }
}

/// The simulator times (ms) of the DELETEs sent.
pub fn deletes_sent(h: &Harness) -> Vec<u64> {
    let traffic = h.traffic.borrow();
    traffic
        .log
        .iter()
        .filter(|(_, method, ..)| method == "DELETE")
        .map(|(at, ..)| *at)
        .collect()
}

/// When each answer 429 to a `method` request whose path contains `path_part` reached the
/// client (simulator ms): the time the simulator answered it, plus the transport's latency.
pub fn answered_429(h: &Harness, method: &str, path_part: &str) -> Vec<u64> {
    let latency = h.client.transport().latency_ms;
    let traffic = h.traffic.borrow();
    traffic
        .log
        .iter()
        .filter(|(_, m, path, status)| m == method && path.contains(path_part) && *status == 429)
        .map(|(at, ..)| *at + latency)
        .collect()
}

/// The first of `answered_429`; panics if there is none.
pub fn first_429(h: &Harness, method: &str, path_part: &str) -> u64 {
    let first = answered_429(h, method, path_part).first().copied();
    first.unwrap_or_else(|| panic!("no {method} to {path_part:?} answered 429"))
}

/// Panics if a DELETE was sent after `from` and before `until` (both excluded): inside the
/// Retry-After of a 429 answered at `from`.
pub fn assert_no_deletes_between(h: &Harness, from: u64, until: u64) {
    let early: Vec<u64> = deletes_sent(h)
        .into_iter()
        .filter(|&at| at > from && at < until)
        .collect();
    assert!(
        early.is_empty(),
        "429 answered at {from}; deletes sent before its Retry-After: {early:?}"
    );
}

/// The account's resources of one kind alone: one queued delete each, none waiting for
/// another.
pub fn plan_of(inventory: &Inventory, kind: ResourceKind) -> Plan {
    Plan::build(inventory, &selection_of(inventory, kind))
}

/// The account's resources of one kind, chosen one by one.
fn selection_of(inventory: &Inventory, kind: ResourceKind) -> Selection {
    inventory
        .of_kind(kind)
        .fold(Selection::none(), |s, r| s.with(r.id.clone()))
}

/// The account's resources of one kind alone, data included: the customer chose to delete
/// data nobody marked too (snapshots, backup policies).
pub fn data_plan_of(inventory: &Inventory, kind: ResourceKind) -> Plan {
    let selection = selection_of(inventory, kind).deleting_unmarked_data();
    Plan::build(inventory, &selection)
}

/// The account's public IPs alone (as when its servers are kept for their data).
pub fn public_ip_plan(inventory: &Inventory) -> Plan {
    plan_of(inventory, ResourceKind::PublicIp)
}

/// Requests to the classic or experimental status endpoints.
pub fn status_polls(h: &Harness) -> usize {
    h.traffic
        .borrow()
        .log
        .iter()
        .filter(|(_, m, p, _)| m == "GET" && p.contains("/operations/") && p.contains("/status/"))
        .count()
}

/// Ids of a state-dump array, sorted (with `field` as the id).
pub fn ids(state: &Value, array: &str, field: &str) -> Vec<String> {
    let mut ids: Vec<String> = state[array]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| {
            v[field]
                .as_str()
                .map(str::to_string)
                .or_else(|| v[field].as_u64().map(|n| n.to_string()))
        })
        .collect();
    ids.sort();
    ids
}

/// What the simulator holds that a closure should remove, reduced to comparable ids.
pub fn leftovers(state: &Value) -> BTreeMap<&'static str, Vec<String>> {
    let mut out = BTreeMap::new();
    out.insert("servers", ids(state, "servers", "id"));
    out.insert("groups", ids(state, "groups", "id"));
    out.insert("networks", ids(state, "networks", "id"));
    out.insert("loadBalancers", ids(state, "loadBalancers", "id"));
    out.insert("firewallPolicies", ids(state, "firewallPolicies", "id"));
    out.insert(
        "crossDcFirewallPolicies",
        ids(state, "crossDcFirewallPolicies", "id"),
    );
    out.insert("vpns", ids(state, "vpns", "id"));
    out.insert("rdbs", ids(state, "rdbs", "id"));
    let mut backup: Vec<String> = state["backup"]["serverPolicies"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["id"].as_str().map(str::to_string))
        .collect();
    backup.sort();
    out.insert("backupServerPolicies", backup);
    out
}

/// A resource for hand-made inventories: deletable, billed at `hourly` (None: unknown).
pub fn res(kind: ResourceKind, id: &str, dc: Option<&str>, hourly: Option<f64>) -> Resource {
    let cost = match hourly {
        Some(0.0) => Cost::free(),
        Some(h) => Cost::list_price_hourly(h),
        None => Cost::unknown(),
    };
    Resource {
        id: ResourceId::new(kind, id),
        account: String::new(),
        name: id.to_uppercase(),
        data_center: dc.map(str::to_string),
        group_path: None,
        state: ResourceState::Active,
        cost,
        depends_on: Vec::new(),
        deletable: true,
        keep: None,
        notes: Vec::new(),
    }
}

pub fn rid(kind: ResourceKind, id: &str) -> ResourceId {
    ResourceId::new(kind, id)
}

/// Adds dependencies.
pub fn on(mut r: Resource, deps: &[ResourceId]) -> Resource {
    r.depends_on.extend(deps.iter().cloned());
    r
}

pub fn kept(mut r: Resource, keep: Keep) -> Resource {
    r.keep = Some(keep);
    r.cost = Cost::free();
    r
}

pub fn undeletable(mut r: Resource) -> Resource {
    r.deletable = false;
    r
}

/// An inventory of these resources (sorted as the real one is).
pub fn inventory(mut resources: Vec<Resource>) -> Inventory {
    resources.sort_by(|a, b| a.id.cmp(&b.id));
    Inventory {
        resources,
        ..Inventory::empty("ACME")
    }
}

/// Panics unless everything the simulator still holds (of what a closure removes) is one of
/// the plan's exclusions.
pub fn assert_only_exclusions(state: &Value, plan: &Plan) {
    let excluded: Vec<String> = plan
        .exclusions
        .iter()
        .map(|e| e.resource.id.to_ascii_lowercase())
        .collect();
    let stray: Vec<String> = leftovers(state)
        .into_iter()
        .flat_map(|(kind, ids)| ids.into_iter().map(move |id| (kind, id)))
        .filter(|(_, id)| !excluded.contains(&id.to_ascii_lowercase()))
        .map(|(kind, id)| format!("{kind} {id}"))
        .collect();
    assert!(stray.is_empty(), "left behind, not excluded: {stray:?}");
}

/// A plan of one step: delete the server `va1acmeweb01` of account ACME.
pub fn one_server_plan() -> Plan {
    Plan {
        account: "ACME".into(),
        steps: vec![Step::delete_server("va1acmeweb01", "VA1", Some(0.1))],
        exclusions: vec![],
    }
}
