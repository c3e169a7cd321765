//! The simulated account as plain data: what exists, where, and in which state. Rendering to the
//! API's JSON lives in the area modules; this module holds no behaviour beyond lookups.

use std::collections::BTreeMap;

mod services;

pub(crate) use services::*;

#[derive(Clone, Debug)]
pub(crate) struct User {
    pub username: String,
    pub password: String,
    pub roles: Vec<&'static str>,
}

/// Viewers (no writing role) see links without write verbs and are refused every change.
pub(crate) fn can_write<S: AsRef<str>>(roles: &[S]) -> bool {
    roles.iter().any(|r| {
        matches!(
            r.as_ref(),
            "AccountAdmin" | "ServerAdmin" | "NetworkAdmin" | "ServerOperator"
        )
    })
}

#[derive(Clone, Debug)]
pub(crate) struct DataCenter {
    /// Lowercase code (`va1`).
    pub id: String,
    pub name: String,
    pub root_group: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GroupKind {
    /// `<DC> Hardware`, the data center's root.
    Root,
    Archive,
    Templates,
    /// `Default Group` and user groups: deletable.
    Default,
}

#[derive(Clone, Debug)]
pub(crate) struct Group {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Upper-case data center (`VA1`).
    pub dc: String,
    pub kind: GroupKind,
    pub parent: Option<String>,
    pub children: Vec<String>,
    pub servers: Vec<String>,
    pub created: String,
    /// The status id of a running delete of this group.
    pub pending_delete: Option<String>,
}

impl Group {
    pub fn is_system(&self) -> bool {
        self.kind != GroupKind::Default
    }
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            GroupKind::Archive => "archive",
            GroupKind::Templates => "templates",
            _ => "default",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Power {
    Started,
    Stopped,
    Paused,
}

impl Power {
    pub fn as_str(self) -> &'static str {
        match self {
            Power::Started => "started",
            Power::Stopped => "stopped",
            Power::Paused => "paused",
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Nic {
    pub network: String,
    pub internal: String,
}

#[derive(Clone, Debug)]
pub(crate) struct PublicIp {
    pub address: String,
    pub internal: String,
    pub network: String,
    /// (protocol, port, portTo)
    pub ports: Vec<(&'static str, u32, Option<u32>)>,
    pub source_restrictions: Vec<String>,
    pub pending_delete: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct Snapshot {
    /// The simulator's own number; the API's id unless `planted_id` is set.
    pub id: u32,
    pub name: String,
    pub pending_delete: Option<String>,
    /// Any string a test planted as the API's id (the last segment of the snapshot's hrefs).
    pub planted_id: Option<String>,
}

impl Snapshot {
    /// The id the API shows: the last segment of the snapshot's hrefs.
    pub fn api_id(&self) -> String {
        self.planted_id
            .clone()
            .unwrap_or_else(|| self.id.to_string())
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Server {
    /// Lowercase id (`va1demoweb01`); `name` is the upper-case form.
    pub id: String,
    pub name: String,
    pub description: String,
    pub group: String,
    pub dc: String,
    pub os: &'static str,
    pub os_type: &'static str,
    pub windows: bool,
    pub cpu: u32,
    pub memory_mb: u32,
    pub storage_gb: u32,
    pub power: Power,
    pub archived: bool,
    /// Still being built: reports `underConstruction` until its build operation completes.
    pub building: bool,
    /// The scenario has its delete already queued when the account is first used (a delete
    /// requested before this session): it reports `queuedForDelete` from the start.
    pub delete_queued_at_start: bool,
    pub is_template: bool,
    pub managed_os: bool,
    pub maintenance: bool,
    pub server_type: &'static str,
    pub storage_type: &'static str,
    /// Primary NIC first; the rest are secondary NICs.
    pub nics: Vec<Nic>,
    pub public_ips: Vec<PublicIp>,
    pub snapshots: Vec<Snapshot>,
    pub alert_policies: Vec<String>,
    pub autoscale_policy: Option<String>,
    pub created: String,
    /// The status id of a running delete; while set the server reports `queuedForDelete`.
    pub queued_delete: Option<String>,
    /// Charges accrued this month up to `since_ms` (virtual clock).
    pub accrued: f64,
    pub since_ms: u64,
}

#[derive(Clone, Debug)]
pub(crate) struct Network {
    pub id: String,
    /// Upper-case data center.
    pub dc: String,
    /// First three octets (`10.110.37`).
    pub prefix: String,
    pub vlan: u32,
    pub name: String,
    pub description: String,
    /// The data center's free first VLAN, which the platform refuses to release.
    pub primary: bool,
    pub next_host: u32,
}

/// Everything in one account alias.
#[derive(Clone, Debug, Default)]
pub(crate) struct Account {
    /// Upper case (`DEMO`).
    pub alias: String,
    /// The parent's alias for a sub-account; `None` for the top of the hierarchy.
    pub parent_alias: Option<String>,
    pub company: String,
    pub primary_dc: String,
    pub users: Vec<User>,
    pub dcs: Vec<DataCenter>,
    pub groups: BTreeMap<String, Group>,
    pub servers: BTreeMap<String, Server>,
    pub networks: BTreeMap<String, Network>,
    pub lbs: BTreeMap<String, LoadBalancer>,
    pub firewall: BTreeMap<String, FirewallPolicy>,
    pub cross_dc: BTreeMap<String, CrossDcPolicy>,
    /// Keyed by lowercase id.
    pub vpns: BTreeMap<String, Vpn>,
    pub alert_policies: BTreeMap<String, AlertPolicy>,
    pub autoscale_policies: BTreeMap<String, AutoscalePolicy>,
    pub webhooks: Vec<Webhook>,
    pub rdbs: BTreeMap<u64, RdbsSubscription>,
    pub backup_policies: Vec<BackupAccountPolicy>,
    pub backup_server_policies: Vec<BackupServerPolicy>,
    /// Month-to-date charges of servers deleted this month, per upper-case data center.
    pub deleted_charges: BTreeMap<String, f64>,
    /// Names of servers deleted this month, per upper-case data center.
    pub deleted_servers: BTreeMap<String, Vec<(String, f64)>>,
}

impl Account {
    /// The user who "created" everything in the scenario (shown in `changeInfo`).
    pub fn owner(&self) -> &str {
        self.users
            .first()
            .map(|u| u.username.as_str())
            .unwrap_or("")
    }

    pub fn dc(&self, id: &str) -> Option<&DataCenter> {
        self.dcs.iter().find(|d| d.id.eq_ignore_ascii_case(id))
    }

    /// Group ids of the sub-tree rooted at `id`, the root first (depth-first, creation order).
    pub fn subtree(&self, id: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![id.to_string()];
        while let Some(g) = stack.pop() {
            if let Some(group) = self.groups.get(&g) {
                stack.extend(group.children.iter().rev().cloned());
                out.push(g);
            }
        }
        out
    }

    pub fn group_of_kind(&self, dc: &str, kind: GroupKind) -> Option<&Group> {
        self.groups
            .values()
            .find(|g| g.kind == kind && g.dc.eq_ignore_ascii_case(dc))
    }
}
