//! The state dump behind `GET /_sim/state`: the whole account in one plain JSON document
//! (simulator vocabulary, not the API's), for tests and for checking what a closure left.

use serde_json::{json, Value};

use crate::billing::{self, month_to_date, server_hourly};
use crate::reply::cents;
use crate::Sim;

impl Sim {
    pub(crate) fn dump(&self, now: u64) -> Value {
        let a = &self.account;
        let servers: Vec<Value> = a
            .servers
            .values()
            .map(|s| {
                json!({
                    "id": s.id, "name": self.shown(&s.id, &s.name), "dataCenter": s.dc, "groupId": s.group,
                    "status": crate::servers::server_status(s), "powerState": s.power.as_str(),
                    "isTemplate": s.is_template, "cpu": s.cpu, "memoryMB": s.memory_mb, "storageGB": s.storage_gb,
                    "internalIps": s.nics.iter().map(|n| n.internal.clone()).collect::<Vec<_>>(),
                    "publicIps": s.public_ips.iter().map(|p| p.address.clone()).collect::<Vec<_>>(),
                    "snapshots": s.snapshots.iter().map(snapshot_id).collect::<Vec<_>>(),
                    "hourlyRate": server_hourly(s), "monthToDate": cents(month_to_date(s, now)),
                    "pendingOperation": s.queued_delete,
                })
            })
            .collect();
        let public_ips: Vec<Value> = a
            .servers
            .values()
            .flat_map(|s| {
                s.public_ips.iter().map(move |p| {
                    json!({ "address": p.address, "serverId": s.id,
                "dataCenter": s.dc, "internal": p.internal, "pendingOperation": p.pending_delete })
                })
            })
            .collect();
        let snapshots: Vec<Value> = a
            .servers
            .values()
            .flat_map(|s| {
                s.snapshots.iter().map(move |p| {
                    json!({ "id": snapshot_id(p), "name": p.name,
                "serverId": s.id, "pendingOperation": p.pending_delete })
                })
            })
            .collect();
        let groups: Vec<Value> = a
            .groups
            .values()
            .map(|g| {
                json!({ "id": g.id, "name": self.shown(&g.id, &g.name), "dataCenter": g.dc, "type": g.type_name(),
                "system": g.is_system(), "parentId": g.parent, "servers": g.servers.len(),
                "pendingOperation": g.pending_delete })
            })
            .collect();
        let networks: Vec<Value> = a
            .networks
            .values()
            .map(|n| json!({ "id": n.id, "dataCenter": n.dc, "name": self.shown(&n.id, &n.name), "cidr": format!("{}.0/24", n.prefix),
                "primary": n.primary, "claimedIps": self.claimed_count(n) }))
            .collect();
        let lbs: Vec<Value> = a
            .lbs
            .values()
            .map(|l| json!({ "id": l.id, "dataCenter": l.dc, "name": self.shown(&l.id, &l.name), "ipAddress": l.ip_address,
                "pools": l.pools.iter().map(|p| json!({ "id": p.id, "port": p.port, "nodes": p.nodes.len() })).collect::<Vec<_>>() }))
            .collect();
        let ops: Vec<Value> = self
            .ops
            .values()
            .map(|o| {
                json!({ "id": o.id, "what": o.kind.describe(), "status": o.state(now, self.faults.hold_queue),
                "acceptedMs": o.accepted_ms, "startsMs": o.starts_ms, "endsMs": o.ends_ms })
            })
            .collect();
        let hourly = self.hourly_totals();
        let servers_mtd: f64 = a.servers.values().map(|s| month_to_date(s, now)).sum();
        let rdbs_mtd: f64 = a
            .rdbs
            .values()
            .map(|s| self.rdbs_month_to_date(s, now))
            .sum();
        let deleted: f64 = a.deleted_charges.values().sum();
        json!({
            "nowMs": now, "wallClock": crate::calendar::iso(self.wall(now)),
            "scenario": self.scenario.to_string(), "seed": self.seed, "accountAlias": a.alias,
            "dataCenters": a.dcs.iter().map(|d| json!({ "id": d.id, "name": d.name, "rootGroupId": d.root_group })).collect::<Vec<_>>(),
            "groups": groups, "servers": servers, "publicIps": public_ips, "snapshots": snapshots,
            "loadBalancers": lbs, "networks": networks,
            "firewallPolicies": a.firewall.values().map(|p| json!({ "id": p.id, "dataCenter": p.dc })).collect::<Vec<_>>(),
            "crossDcFirewallPolicies": a.cross_dc.values().map(|p| json!({ "id": p.id,
                "source": p.source_location, "destination": p.destination_location })).collect::<Vec<_>>(),
            "vpns": a.vpns.values().map(|v| json!({ "id": v.id, "dataCenter": v.local_dc,
                "pendingJob": v.pending_delete.as_ref().map(|(j, _)| j.clone()) })).collect::<Vec<_>>(),
            "alertPolicies": a.alert_policies.values().map(|p| json!({ "id": p.id, "name": self.shown(&p.id, &p.name) })).collect::<Vec<_>>(),
            "autoscalePolicies": a.autoscale_policies.values().map(|p| json!({ "id": p.id, "name": self.shown(&p.id, &p.name) })).collect::<Vec<_>>(),
            "webhooks": a.webhooks.iter().map(|w| json!({ "event": w.event, "targetUris": w.target_uris })).collect::<Vec<_>>(),
            "rdbs": a.rdbs.values().map(|s| json!({ "id": s.id, "location": s.location, "backups": s.backups.len() })).collect::<Vec<_>>(),
            "backup": {
                "accountPolicies": a.backup_policies.iter().map(|p| json!({ "id": p.id, "name": self.shown(&p.id, &p.name), "status": p.status })).collect::<Vec<_>>(),
                "serverPolicies": a.backup_server_policies.iter().map(|p| json!({ "id": p.id,
                    "accountPolicyId": p.account_policy, "serverId": p.server, "status": p.status })).collect::<Vec<_>>(),
            },
            "operations": ops,
            "billing": {
                "serversMonthToDate": cents(servers_mtd),
                "deletedServersMonthToDate": cents(deleted),
                "rdbsMonthToDate": cents(rdbs_mtd),
                "hourly": hourly,
            },
            "counts": {
                "dataCenters": a.dcs.len(), "groups": a.groups.len(), "servers": a.servers.len(),
                "publicIps": public_ips_len(self), "networks": a.networks.len(), "loadBalancers": a.lbs.len(),
                "operations": self.ops.len(),
            },
        })
    }

    /// What the account costs per hour right now, by kind.
    fn hourly_totals(&self) -> Value {
        let a = &self.account;
        let m = 730.0;
        let servers: f64 = a.servers.values().map(server_hourly).sum();
        let ips = public_ips_len(self) as f64 * billing::PUBLIC_IP_MONTHLY / m;
        let nets = a.networks.values().filter(|n| !n.primary).count() as f64
            * billing::NETWORK_MONTHLY
            / m;
        let vpns = a.vpns.len() as f64 * billing::VPN_MONTHLY / m;
        let lbs = a.lbs.len() as f64 * billing::LB_HOURLY;
        let rdbs: f64 = a.rdbs.values().map(|s| s.hourly).sum();
        let backup: f64 = a
            .backup_server_policies
            .iter()
            .map(|p| p.gb_stored)
            .sum::<f64>()
            * billing::BACKUP_GB_MONTHLY
            / m;
        let r = crate::reply::rate;
        json!({
            "servers": r(servers), "publicIps": r(ips), "networks": r(nets), "vpns": r(vpns),
            "loadBalancers": r(lbs), "rdbs": r(rdbs), "backup": r(backup),
            "total": r(servers + ips + nets + vpns + lbs + rdbs + backup),
        })
    }
}

fn public_ips_len(sim: &Sim) -> usize {
    sim.account
        .servers
        .values()
        .map(|s| s.public_ips.len())
        .sum()
}

/// A snapshot's id as the dump shows it: its number, or the string a test planted.
fn snapshot_id(s: &crate::model::Snapshot) -> Value {
    match &s.planted_id {
        Some(p) => p.as_str().into(),
        None => s.id.into(),
    }
}
