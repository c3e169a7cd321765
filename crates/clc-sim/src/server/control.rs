//! Control endpoints for tests: `POST /_sim/reset`, `POST|GET /_sim/faults`, `POST /_sim/clock`,
//! `GET /_sim/state`, `GET /_sim/health`, `GET /_sim/log`, `POST /_sim/add`, `POST /_sim/plant`.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::json;

use super::{Reply, Shared};
use crate::{Faults, Scenario, Sim};

#[derive(Deserialize)]
struct ResetBody {
    #[serde(default)]
    scenario: Option<String>,
    #[serde(default)]
    seed: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockBody {
    /// The account's wall clock from now on (epoch ms).
    #[serde(rename = "wallClockMs")]
    wall_clock_ms: u64,
}

/// `POST /_sim/add`: what to create mid-run (only servers so far).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddBody {
    kind: String,
    group: String,
    #[serde(default)]
    name: Option<String>,
}

/// `POST /_sim/plant`: hostile display names by resource id, and hostile snapshot ids by
/// server id.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct PlantBody {
    #[serde(default)]
    names: BTreeMap<String, String>,
    #[serde(default)]
    snapshot_ids: BTreeMap<String, Vec<String>>,
}

fn bad(message: &str) -> Reply {
    Reply::json(400, json!({ "message": message }).to_string())
}

pub(crate) fn handle(shared: &Shared, method: &str, url: &str, body: &str) -> Reply {
    let path = url.split('?').next().unwrap_or("").trim_end_matches('/');
    let now = shared.now_ms();
    match (method, path) {
        ("GET", "/_sim/health") => {
            let sim = shared.sim();
            Reply::json(
                200,
                json!({ "status": "ok", "scenario": sim.scenario().to_string(), "nowMs": now, "wallClockMs": sim.wall(now) })
                    .to_string(),
            )
        }
        ("GET", "/_sim/state") => Reply::json(200, shared.sim().state_json(now).to_string()),
        ("GET", "/_sim/log") => Reply::json(
            200,
            serde_json::to_string(shared.sim().request_log()).unwrap_or_default(),
        ),
        ("GET", "/_sim/faults") => Reply::json(
            200,
            serde_json::to_string(shared.sim().faults()).unwrap_or_default(),
        ),
        ("POST", "/_sim/faults") => {
            let text = if body.trim().is_empty() { "{}" } else { body };
            match serde_json::from_str::<Faults>(text) {
                Ok(f) => {
                    let echo = serde_json::to_string(&f).unwrap_or_default();
                    shared.sim().set_faults(f);
                    Reply::json(200, echo)
                }
                Err(e) => bad(&format!("invalid faults: {e}")),
            }
        }
        ("POST", "/_sim/reset") => {
            let text = if body.trim().is_empty() { "{}" } else { body };
            let parsed: ResetBody = match serde_json::from_str(text) {
                Ok(b) => b,
                Err(e) => return bad(&format!("invalid reset body: {e}")),
            };
            let mut sim = shared.sim();
            let scenario = match parsed.scenario.as_deref().map(Scenario::parse) {
                Some(Ok(s)) => s,
                Some(Err(e)) => return bad(&e.to_string()),
                None => sim.scenario().clone(),
            };
            let seed = parsed.seed.unwrap_or(shared.config.seed);
            sim.reset(scenario.clone(), seed);
            Reply::json(
                200,
                json!({ "scenario": scenario.to_string(), "seed": seed, "nowMs": now }).to_string(),
            )
        }
        ("POST", "/_sim/add") => match serde_json::from_str::<AddBody>(body) {
            Ok(add) if add.kind == "server" => {
                match shared
                    .sim()
                    .add_server(&add.group, add.name.as_deref(), now)
                {
                    Ok(id) => Reply::json(200, json!({ "id": id }).to_string()),
                    Err(e) => bad(&e),
                }
            }
            Ok(add) => bad(&format!(
                "unknown kind {:?}: only \"server\" can be added",
                add.kind
            )),
            Err(e) => bad(&format!("invalid add body: {e}")),
        },
        ("POST", "/_sim/plant") => match serde_json::from_str::<PlantBody>(body) {
            Ok(plant) => self::plant(&mut shared.sim(), &plant),
            Err(e) => bad(&format!("invalid plant body: {e}")),
        },
        ("POST", "/_sim/clock") => match serde_json::from_str::<ClockBody>(body) {
            Ok(clock) => {
                let mut sim = shared.sim();
                sim.set_wall_clock(clock.wall_clock_ms, now);
                Reply::json(
                    200,
                    json!({ "nowMs": now, "wallClockMs": sim.wall(now) }).to_string(),
                )
            }
            Err(e) => bad(&format!("invalid clock body: {e}")),
        },
        _ => Reply::json(
            404,
            json!({ "message": "unknown control endpoint" }).to_string(),
        ),
    }
}

/// Plants everything or nothing: an unknown id refuses the whole body, so a test's typo cannot
/// leave half of its hostile account in place.
fn plant(sim: &mut Sim, plant: &PlantBody) -> Reply {
    if let Some(id) = plant.names.keys().find(|id| !sim.nameable(id)) {
        return bad(&format!("no resource with id {id:?} has a name to plant"));
    }
    let servers = &sim.account.servers;
    if let Some(id) = plant
        .snapshot_ids
        .keys()
        .find(|id| !servers.contains_key(&id.to_ascii_lowercase()))
    {
        return bad(&format!("no server {id:?}"));
    }
    let mut snapshots = 0;
    for (id, name) in &plant.names {
        let _ = sim.plant_name(id, name);
    }
    for (server, ids) in &plant.snapshot_ids {
        for snapshot in ids {
            let _ = sim.plant_snapshot(server, snapshot);
            snapshots += 1;
        }
    }
    Reply::json(
        200,
        json!({ "names": plant.names.len(), "snapshots": snapshots }).to_string(),
    )
}
