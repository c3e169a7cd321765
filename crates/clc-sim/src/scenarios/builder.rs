//! The vocabulary scenarios are written in: data centers with their system groups and primary
//! network, groups, servers with addresses, public IPs and snapshots.

use std::collections::BTreeMap;

use crate::calendar::{iso, DAY_MS};
use crate::model::*;
use crate::rng::Rng;
use crate::scenarios::Scenario;

const DATA_CENTERS: &[(&str, &str)] = &[
    ("VA1", "US East (Sterling)"),
    ("UC1", "US West (Santa Clara)"),
    ("GB3", "Great Britain (Slough)"),
    ("IL1", "US Central (Chicago)"),
    ("DE1", "Germany (Frankfurt)"),
    ("CA1", "Canada (Vancouver)"),
    ("CA2", "Canada (Toronto)"),
    ("CA3", "Canada (Toronto)"),
    ("GB1", "Great Britain (Portsmouth)"),
    ("NY1", "US East (New York)"),
    ("UT1", "US West (Salt Lake City)"),
    ("WA1", "US West (Seattle)"),
    ("SG1", "APAC (Singapore)"),
    ("AU1", "APAC (Sydney)"),
    ("NE1", "Europe (Amsterdam)"),
];

/// The code of the n-th data center (synthetic `X01`... past the real ones).
pub(crate) fn dc_code(n: usize) -> String {
    DATA_CENTERS
        .get(n)
        .map(|(c, _)| c.to_string())
        .unwrap_or_else(|| format!("X{:02}", n + 1))
}

fn dc_title(code: &str) -> String {
    let place = DATA_CENTERS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, p)| *p)
        .unwrap_or("Simulated");
    format!("{code} - {place}")
}

/// What a scenario asks for when it adds a server.
#[derive(Clone, Debug)]
pub(crate) struct ServerSpec {
    pub role: &'static str,
    pub description: &'static str,
    pub cpu: u32,
    pub memory_gb: u32,
    pub storage_gb: u32,
    pub power: Power,
    pub archived: bool,
    /// `underConstruction` until its build (an operation queued at the first call) completes.
    pub building: bool,
    /// `queuedForDelete` from the first call, its delete completing like any queued one.
    pub delete_queued: bool,
    pub template: bool,
    pub windows: bool,
    pub managed: bool,
    /// Network for the primary NIC; `None`: the data center's network with room.
    pub network: Option<String>,
}

impl ServerSpec {
    pub fn new(role: &'static str, cpu: u32, memory_gb: u32, storage_gb: u32) -> Self {
        ServerSpec {
            role,
            description: "",
            cpu,
            memory_gb,
            storage_gb,
            power: Power::Started,
            archived: false,
            building: false,
            delete_queued: false,
            template: false,
            windows: false,
            managed: false,
            network: None,
        }
    }
}

pub(crate) struct Builder {
    pub rng: Rng,
    pub a: Account,
    pub epoch: u64,
    name_counters: BTreeMap<String, u32>,
    pub(super) next_public: u32,
    pub(super) next_vlan: u32,
}

impl Builder {
    pub fn new(scenario: &Scenario, seed: u64, epoch: u64) -> Self {
        let alias = scenario.alias();
        let user = scenario.username();
        let a = Account {
            alias: alias.into(),
            company: match scenario {
                Scenario::Empty => "Empty Account Inc",
                Scenario::Demo => "Demo Corp",
                Scenario::Large { .. } => "Large Enterprises LLC",
            }
            .into(),
            primary_dc: "VA1".into(),
            users: vec![
                User {
                    username: user.into(),
                    password: format!("{user}-password"),
                    roles: vec![
                        "AccountAdmin",
                        "AccountViewer",
                        "BillingAdmin",
                        "DNSManager",
                        "NetworkAdmin",
                        "SecurityAdmin",
                        "ServerAdmin",
                        "ServerOperator",
                        "ServerScheduler",
                    ],
                },
                User {
                    username: "viewer".into(),
                    password: "viewer-password".into(),
                    roles: vec!["AccountViewer"],
                },
            ],
            ..Account::default()
        };
        Builder {
            rng: Rng::new(seed),
            a,
            epoch,
            name_counters: BTreeMap::new(),
            next_public: 0,
            next_vlan: 0,
        }
    }

    /// A sub-account `alias` under `parent`, with one full-rights user `<user>` /
    /// `<user>-password`. `n` (1, 2, …) keeps its VLANs and public IPs apart from the parent's
    /// and the other sub-accounts'.
    pub fn sub_account(
        parent: &str,
        alias: &str,
        user: &str,
        n: u32,
        seed: u64,
        epoch: u64,
    ) -> Self {
        let mut b = Builder::new(&Scenario::Empty, seed, epoch);
        b.a.alias = alias.into();
        b.a.parent_alias = Some(parent.into());
        b.a.company = format!("{alias} Division");
        b.a.users.truncate(1);
        b.a.users[0].username = user.into();
        b.a.users[0].password = format!("{user}-password");
        b.next_public = 1000 * n;
        b.next_vlan = 1000 * n;
        b
    }

    pub fn finish(self) -> Account {
        self.a
    }

    /// An ISO date up to `max_days` before the epoch.
    pub fn date_ago(&mut self, max_days: u64) -> String {
        let back = self.rng.range(1, max_days.max(1)) * DAY_MS + self.rng.below(DAY_MS);
        iso(self.epoch.saturating_sub(back))
    }

    /// A data center with its `<DC> Hardware` root, `Archive`, `Templates`, `Default Group` and
    /// free primary network. Returns the root group id.
    pub fn add_dc(&mut self, code: &str) -> String {
        let root = self.raw_group(code, None, &format!("{code} Hardware"), GroupKind::Root);
        self.a.dcs.push(DataCenter {
            id: code.to_ascii_lowercase(),
            name: dc_title(code),
            root_group: root.clone(),
        });
        self.raw_group(code, Some(&root), "Archive", GroupKind::Archive);
        self.raw_group(code, Some(&root), "Templates", GroupKind::Templates);
        self.raw_group(code, Some(&root), "Default Group", GroupKind::Default);
        self.network(code, true);
        root
    }

    pub fn root(&self, dc: &str) -> String {
        self.a
            .dc(dc)
            .map(|d| d.root_group.clone())
            .unwrap_or_default()
    }

    pub fn system_group(&self, dc: &str, kind: GroupKind) -> String {
        match kind {
            GroupKind::Root => self.root(dc),
            GroupKind::Default => {
                let root = self.root(dc);
                self.a.groups[&root]
                    .children
                    .iter()
                    .find(|g| self.a.groups[*g].name == "Default Group")
                    .cloned()
                    .unwrap_or(root)
            }
            k => self
                .a
                .group_of_kind(dc, k)
                .map(|g| g.id.clone())
                .unwrap_or_default(),
        }
    }

    /// A user group (deletable) under `parent`.
    pub fn group(&mut self, parent: &str, name: &str) -> String {
        let dc = self.a.groups[parent].dc.clone();
        self.raw_group(&dc, Some(parent), name, GroupKind::Default)
    }

    fn raw_group(&mut self, dc: &str, parent: Option<&str>, name: &str, kind: GroupKind) -> String {
        let id = self.rng.hex32();
        let created = self.date_ago(900);
        if let Some(p) = parent {
            self.a
                .groups
                .get_mut(p)
                .expect("parent group")
                .children
                .push(id.clone());
        }
        let description = if kind == GroupKind::Default {
            format!("{name} servers")
        } else {
            name.into()
        };
        self.a.groups.insert(
            id.clone(),
            Group {
                id: id.clone(),
                name: name.into(),
                description,
                dc: dc.into(),
                kind,
                parent: parent.map(String::from),
                children: Vec::new(),
                servers: Vec::new(),
                created,
                pending_delete: None,
            },
        );
        id
    }

    pub fn server(&mut self, group: &str, spec: ServerSpec) -> String {
        let dc = self.a.groups[group].dc.clone();
        let key = format!("{dc}{}", spec.role);
        let n = self.name_counters.entry(key.clone()).or_insert(0);
        *n += 1;
        let name = format!("{dc}{}{}{:02}", self.a.alias, spec.role, n);
        let id = name.to_ascii_lowercase();
        let network = match spec.network.clone() {
            Some(n) => n,
            None => self.network_with_room(&dc),
        };
        let internal = self.claim_ip(&network);
        let (os, os_type) = if spec.windows {
            (
                "windows2012R2DataCenter_64Bit",
                "Windows 2012 R2 Datacenter 64-bit",
            )
        } else {
            *self.rng.pick(&[
                ("centOS6_64Bit", "CentOS 6 64-bit"),
                ("ubuntu14_64Bit", "Ubuntu 14 64-bit"),
            ])
        };
        let created = self.date_ago(600);
        let server = Server {
            id: id.clone(),
            name,
            description: spec.description.into(),
            group: group.into(),
            dc,
            os,
            os_type,
            windows: spec.windows,
            cpu: spec.cpu,
            memory_mb: spec.memory_gb * 1024,
            storage_gb: spec.storage_gb,
            power: if spec.template {
                Power::Stopped
            } else {
                spec.power
            },
            archived: spec.archived,
            building: spec.building,
            delete_queued_at_start: spec.delete_queued,
            is_template: spec.template,
            managed_os: spec.managed,
            maintenance: false,
            server_type: "standard",
            storage_type: "standard",
            nics: vec![Nic { network, internal }],
            public_ips: Vec::new(),
            snapshots: Vec::new(),
            alert_policies: Vec::new(),
            autoscale_policy: None,
            created,
            queued_delete: None,
            accrued: 0.0,
            since_ms: 0,
        };
        self.a
            .groups
            .get_mut(group)
            .expect("group")
            .servers
            .push(id.clone());
        self.a.servers.insert(id.clone(), server);
        id
    }

    pub fn id(&mut self) -> String {
        self.rng.hex32()
    }
}
