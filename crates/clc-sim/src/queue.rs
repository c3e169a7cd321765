//! The async queue: accepted changes become operations with a status id (`va1-10234`) that
//! report `notStarted`, then `executing`, then `succeeded` or `failed` as virtual time passes.
//! Their effects land on the account when they succeed; a failure undoes the pending marks.

use serde_json::json;

use crate::calendar::iso;
use crate::reply::{self, Reply};
use crate::routing::Call;
use crate::Sim;

#[derive(Clone, Debug)]
pub(crate) enum OpKind {
    DeleteServers(Vec<String>),
    DeleteGroup(String),
    DeletePublicIp {
        server: String,
        ip: String,
    },
    DeleteSnapshot {
        server: String,
        id: u32,
    },
    Power {
        servers: Vec<String>,
        action: String,
    },
    CreateSnapshot(Vec<String>),
    RemoveNic {
        server: String,
        network: String,
    },
}

impl OpKind {
    fn subjects(&self) -> Vec<&str> {
        match self {
            OpKind::DeleteServers(s)
            | OpKind::CreateSnapshot(s)
            | OpKind::Power { servers: s, .. } => s.iter().map(String::as_str).collect(),
            OpKind::DeleteGroup(g) => vec![g],
            OpKind::DeletePublicIp { server, ip } => vec![server, ip],
            OpKind::DeleteSnapshot { server, .. } | OpKind::RemoveNic { server, .. } => {
                vec![server]
            }
        }
    }

    pub fn describe(&self) -> String {
        match self {
            OpKind::DeleteServers(s) => format!("delete servers {}", s.join(",")),
            OpKind::DeleteGroup(g) => format!("delete group {g}"),
            OpKind::DeletePublicIp { server, ip } => format!("delete public IP {ip} of {server}"),
            OpKind::DeleteSnapshot { server, id } => format!("delete snapshot {id} of {server}"),
            OpKind::Power { servers, action } => format!("{action} {}", servers.join(",")),
            OpKind::CreateSnapshot(s) => format!("createSnapshot {}", s.join(",")),
            OpKind::RemoveNic { server, network } => format!("remove NIC {network} from {server}"),
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Operation {
    pub id: String,
    pub kind: OpKind,
    pub accepted_ms: u64,
    pub starts_ms: u64,
    pub ends_ms: u64,
    pub fails: bool,
    pub applied: bool,
    /// Experimental (`/v2-experimental/operations`) operations report `running` instead.
    pub experimental: bool,
}

impl Operation {
    /// `held`: the queue is held (`Faults::hold_queue`), so an operation that has not been
    /// applied is still executing, however long ago it was due.
    pub fn state(&self, now: u64, held: bool) -> &'static str {
        let running = now < self.ends_ms || (held && !self.applied);
        match (now < self.starts_ms, running, self.fails) {
            (true, _, _) => "notStarted",
            (_, true, _) => "executing",
            (_, _, true) => "failed",
            _ => "succeeded",
        }
    }
}

impl Sim {
    /// Queues an operation in data center `dc` and returns its status id.
    pub(crate) fn enqueue(
        &mut self,
        dc: &str,
        kind: OpKind,
        now: u64,
        experimental: bool,
    ) -> String {
        let timing = self.faults.queue.unwrap_or(self.timing);
        let mut jitter = || {
            if timing.jitter_ms > 0 {
                self.rng.below(timing.jitter_ms + 1)
            } else {
                0
            }
        };
        let starts = now + timing.not_started_ms + jitter();
        let ends = starts + timing.executing_ms + jitter();
        self.op_counter += 1;
        let id = if experimental {
            self.rng.hex32()
        } else {
            format!(
                "{}-{}",
                dc.to_ascii_lowercase(),
                10_000 + self.seed % 80_000 + self.op_counter
            )
        };
        let fails = self.faults.fail_operations
            || kind.subjects().iter().any(|s| {
                self.faults
                    .fail_operations_for
                    .iter()
                    .any(|f| f.eq_ignore_ascii_case(s))
            });
        self.ops.insert(
            id.clone(),
            Operation {
                id: id.clone(),
                kind,
                accepted_ms: now,
                starts_ms: starts,
                ends_ms: ends,
                fails,
                applied: false,
                experimental,
            },
        );
        id
    }

    /// Virtual time at which an operation queued now would finish (VPN deletes use it too).
    pub(crate) fn queue_duration(&self) -> u64 {
        let t = self.faults.queue.unwrap_or(self.timing);
        t.not_started_ms + t.executing_ms
    }

    /// Applies, in completion order, every operation that has finished by `now`.
    pub(crate) fn finish_operations(&mut self, now: u64) {
        if self.faults.hold_queue {
            return;
        }
        let mut due: Vec<(u64, String)> = self
            .ops
            .values()
            .filter(|o| !o.applied && o.ends_ms <= now)
            .map(|o| (o.ends_ms, o.id.clone()))
            .collect();
        due.sort();
        for (at, id) in due {
            let op = self.ops.get_mut(&id).expect("operation");
            op.applied = true;
            let (kind, fails) = (op.kind.clone(), op.fails);
            if fails {
                self.undo_marks(&id);
            } else {
                self.apply(kind, at);
            }
        }
    }

    fn undo_marks(&mut self, op: &str) {
        let mine = |m: &Option<String>| m.as_deref() == Some(op);
        for g in self.account.groups.values_mut() {
            if mine(&g.pending_delete) {
                g.pending_delete = None;
            }
        }
        for s in self.account.servers.values_mut() {
            if mine(&s.queued_delete) {
                s.queued_delete = None;
            }
            for ip in &mut s.public_ips {
                if mine(&ip.pending_delete) {
                    ip.pending_delete = None;
                }
            }
            for snap in &mut s.snapshots {
                if mine(&snap.pending_delete) {
                    snap.pending_delete = None;
                }
            }
        }
    }

    fn apply(&mut self, kind: OpKind, at: u64) {
        match kind {
            OpKind::DeleteServers(ids) => {
                for id in ids {
                    self.remove_server(&id, at);
                }
            }
            OpKind::DeleteGroup(g) => self.remove_group(&g, at),
            OpKind::DeletePublicIp { server, ip } => {
                if let Some(s) = self.account.servers.get_mut(&server) {
                    s.public_ips.retain(|p| p.address != ip);
                }
            }
            OpKind::DeleteSnapshot { server, id } => {
                if let Some(s) = self.account.servers.get_mut(&server) {
                    s.snapshots.retain(|p| p.id != id);
                }
            }
            OpKind::Power { servers, action } => {
                for id in servers {
                    self.power(&id, &action, at);
                }
            }
            OpKind::CreateSnapshot(servers) => {
                let name = iso(self.wall(at)).replace('T', ".").replace('Z', "");
                for id in servers {
                    if let Some(s) = self.account.servers.get_mut(&id) {
                        let next = s.snapshots.iter().map(|x| x.id).max().unwrap_or(1) + 1;
                        s.snapshots = vec![crate::model::Snapshot {
                            id: next,
                            name: name.clone(),
                            pending_delete: None,
                            planted_id: None,
                        }];
                    }
                }
            }
            OpKind::RemoveNic { server, network } => {
                if let Some(s) = self.account.servers.get_mut(&server) {
                    let mut first = true;
                    s.nics
                        .retain(|n| std::mem::take(&mut first) || n.network != network);
                }
            }
        }
    }

    /// Removes a group, its sub-groups and all their servers.
    pub(crate) fn remove_group(&mut self, id: &str, at: u64) {
        let tree = self.account.subtree(id);
        for g in &tree {
            let servers = self
                .account
                .groups
                .get(g)
                .map(|g| g.servers.clone())
                .unwrap_or_default();
            for s in servers {
                self.remove_server(&s, at);
            }
        }
        if let Some(parent) = self.account.groups.get(id).and_then(|g| g.parent.clone()) {
            if let Some(p) = self.account.groups.get_mut(&parent) {
                p.children.retain(|c| c != id);
            }
        }
        for g in tree {
            self.account.groups.remove(&g);
        }
    }

    /// `GET /v2/operations/{alias}/status/{id}` → `{"status": ...}`
    pub(crate) fn operation_status(&self, c: &Call, id: &str) -> Reply {
        let op = self.ops.get(id).ok_or_else(reply::not_found)?;
        let state = op.state(c.now, self.faults.hold_queue);
        let state = if op.experimental && state != "succeeded" && state != "failed" {
            "running"
        } else {
            state
        };
        reply::ok(&json!({ "status": state }))
    }

    /// `GET /v2-experimental/operations/{alias}/status/{id}`
    pub(crate) fn experimental_status(&self, c: &Call, id: &str) -> Reply {
        let op = self.ops.get(id).ok_or_else(reply::not_found)?;
        let state = match op.state(c.now, self.faults.hold_queue) {
            "notStarted" | "executing" => "running",
            s => s,
        };
        reply::ok(&json!({ "status": state }))
    }

    pub(crate) fn operation_link(&self, c: &Call, op: &str) -> serde_json::Value {
        reply::status_link(&c.view.lc, op)
    }
}
