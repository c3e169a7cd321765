//! Batch server operations (§4.3): `POST /v2/operations/{alias}/servers/{op}` with a bare array
//! of ids, one shared status id per call, per-server refusals, and their effects when done.

use serde_json::{json, Map, Value};

use crate::model::{GroupKind, Power, Server};
use crate::queue::OpKind;
use crate::reply::{self, Reply};
use crate::routing::Call;
use crate::target::body_value;
use crate::Sim;

const NOT_VALID: &str =
    "The operation cannot be queued because the server cannot be found or it is not in a valid state.";
const SAME_STATE: &str = "The server already in desired state.";

impl Sim {
    /// `POST /v2/operations/{alias}/servers/{op}` with a bare array of server ids; every queued
    /// server of one call shares one status id. `delete` is a simulator extension.
    pub(crate) fn batch_operation(&mut self, c: &Call, op: &str) -> Reply {
        const OPS: &[&str] = &[
            "poweron",
            "poweroff",
            "pause",
            "reboot",
            "reset",
            "shutdown",
            "archive",
            "startmaintenance",
            "stopmaintenance",
            "createsnapshot",
            "delete",
        ];
        if !OPS.contains(&op) {
            return Err(reply::not_found());
        }
        let body = body_value(c.req.body.as_deref());
        let ids_value = if op == "createsnapshot" {
            crate::target::field(&body, "serverIds").cloned()
        } else {
            Some(body)
        };
        let ids: Vec<String> = ids_value
            .as_ref()
            .and_then(Value::as_array)
            .ok_or_else(|| reply::bad_request("The request body must be an array of server ids."))?
            .iter()
            .filter_map(|v| v.as_str().map(|s| s.to_ascii_lowercase()))
            .collect();
        let mut queued = Vec::new();
        let mut items = Vec::new();
        for id in &ids {
            let refusal = match self.account.servers.get(id) {
                None => Some(NOT_VALID),
                Some(s)
                    if s.queued_delete.is_some()
                        || (s.archived && op != "delete")
                        || s.is_template && op != "delete" =>
                {
                    Some(NOT_VALID)
                }
                Some(s) if already(s, op) => Some(SAME_STATE),
                Some(_) => None,
            };
            let mut item = Map::new();
            item.insert("server".into(), id.clone().into());
            item.insert("isQueued".into(), refusal.is_none().into());
            if let Some(msg) = refusal {
                item.insert("errorMessage".into(), msg.into());
            } else {
                queued.push(id.clone());
            }
            items.push(item);
        }
        if let Some(first) = queued.first() {
            let dc = self.account.servers[first].dc.clone();
            let kind = match op {
                "delete" => OpKind::DeleteServers(queued.clone()),
                "createsnapshot" => OpKind::CreateSnapshot(queued.clone()),
                _ => OpKind::Power {
                    servers: queued.clone(),
                    action: op.into(),
                },
            };
            let status = self.enqueue(&dc, kind, c.now, false);
            if op == "delete" {
                for id in &queued {
                    self.account
                        .servers
                        .get_mut(id)
                        .expect("server")
                        .queued_delete = Some(status.clone());
                }
            }
            let link = self.operation_link(c, &status);
            for item in items.iter_mut().filter(|i| i["isQueued"] == true) {
                item.insert("links".into(), json!([link]));
            }
        }
        reply::ok(&Value::Array(
            items.into_iter().map(Value::Object).collect(),
        ))
    }

    /// Applies a finished power/maintenance/archive operation to one server.
    pub(crate) fn power(&mut self, id: &str, action: &str, at: u64) {
        let archive = self
            .account
            .servers
            .get(id)
            .and_then(|s| self.account.group_of_kind(&s.dc, GroupKind::Archive))
            .map(|g| g.id.clone());
        let Some(s) = self.account.servers.get_mut(id) else {
            return;
        };
        crate::billing::settle(s, at);
        match action {
            "poweron" | "reboot" | "reset" => s.power = Power::Started,
            "poweroff" | "shutdown" => s.power = Power::Stopped,
            "pause" => s.power = Power::Paused,
            "startmaintenance" => s.maintenance = true,
            "stopmaintenance" => s.maintenance = false,
            "archive" => {
                s.archived = true;
                s.power = Power::Stopped;
                if let Some(archive) = archive {
                    let old = std::mem::replace(&mut s.group, archive.clone());
                    if let Some(g) = self.account.groups.get_mut(&old) {
                        g.servers.retain(|x| x != id);
                    }
                    self.account
                        .groups
                        .get_mut(&archive)
                        .expect("archive")
                        .servers
                        .push(id.into());
                }
            }
            _ => {}
        }
    }
}

fn already(s: &Server, op: &str) -> bool {
    match op {
        "poweron" => s.power == Power::Started,
        "poweroff" | "shutdown" => s.power == Power::Stopped,
        "pause" => s.power == Power::Paused,
        "startmaintenance" => s.maintenance,
        "stopmaintenance" => !s.maintenance,
        _ => false,
    }
}
