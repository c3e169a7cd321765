//! The async queue: accepted changes become operations with a status id (`va1-10234`) that
//! report `notStarted`, then `executing`, then `succeeded` or `failed` as virtual time passes.
//! Their effects land on the account when they succeed; a failure undoes the pending marks.

use crate::calendar::iso;
use crate::Sim;

/// How long a scenario's own operations take (a build, a delete requested before the session):
/// long enough to be seen in a scan, short enough that a deletion run waits for them.
pub(crate) const SCENARIO_OPERATION_MS: u64 = 60_000;

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
    /// A server's build: it reports `underConstruction` until this completes.
    Build(String),
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
            OpKind::Build(server) => vec![server],
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
            OpKind::Build(server) => format!("build {server}"),
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Operation {
    pub id: String,
    /// Upper-case data center it runs in.
    pub dc: String,
    pub kind: OpKind,
    pub accepted_ms: u64,
    pub starts_ms: u64,
    pub ends_ms: u64,
    pub fails: bool,
    pub applied: bool,
    /// Experimental (`/v2-experimental/operations`) operations report `running` instead.
    pub experimental: bool,
    /// The sub-account it runs in (`None`: the parent); its effects land there.
    pub sub: Option<usize>,
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
                dc: dc.to_ascii_uppercase(),
                kind,
                accepted_ms: now,
                starts_ms: starts,
                ends_ms: ends,
                fails,
                applied: false,
                experimental,
                sub: self.active,
            },
        );
        id
    }

    /// Queues the scenario's own operations at the account's first call: the builds of servers
    /// under construction and the deletes requested before the session. Each is already
    /// executing and completes [`SCENARIO_OPERATION_MS`] later.
    pub(crate) fn queue_scenario_operations(&mut self, now: u64) {
        let started: Vec<(String, String, bool)> = self
            .account
            .servers
            .values()
            .filter(|s| s.building || s.delete_queued_at_start)
            .map(|s| (s.id.clone(), s.dc.clone(), s.building))
            .collect();
        for (id, dc, building) in started {
            let kind = if building {
                OpKind::Build(id.clone())
            } else {
                OpKind::DeleteServers(vec![id.clone()])
            };
            let op = self.enqueue(&dc, kind, now, false);
            if let Some(o) = self.ops.get_mut(&op) {
                // Accepted before any fault was set: injected failures do not touch it.
                (o.starts_ms, o.ends_ms, o.fails) = (now, now + SCENARIO_OPERATION_MS, false);
            }
            let server = self.account.servers.get_mut(&id).expect("server");
            server.delete_queued_at_start = false;
            if !building {
                server.queued_delete = Some(op);
            }
        }
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
        if !due.is_empty() {
            self.forget_trees();
        }
        for (at, id) in due {
            let op = self.ops.get_mut(&id).expect("operation");
            op.applied = true;
            let (kind, fails, sub) = (op.kind.clone(), op.fails, op.sub);
            self.in_account(sub, |sim| {
                if fails {
                    sim.undo_marks(&id);
                } else {
                    sim.apply(kind, at);
                }
            });
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
            OpKind::Build(server) => {
                if let Some(s) = self.account.servers.get_mut(&server) {
                    s.building = false;
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
}
