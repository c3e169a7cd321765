//! Resources added while a run goes on (`Sim::add_server`, `POST /_sim/add`): what a colleague
//! creating a server after the customer's scan looks like to the client. The new server has the
//! shape a scenario gives its servers, so every read, billing and a group delete (which takes
//! whatever its subtree holds when its operation completes) treat it like the others.

use crate::calendar::iso;
use crate::model::{Nic, Power, Server};
use crate::Sim;

/// The name stem of an added server when none is given (`VA1DEMONEW01`).
const DEFAULT_STEM: &str = "NEW";

impl Sim {
    /// Creates an active, started Linux server (2 CPUs, 4 GB, 50 GB) in the user group
    /// `group_id` at virtual time `now_ms`, on its data center's network with room. It is named
    /// like the account's servers: data center, alias, `name` (1–6 letters or digits, upper-cased;
    /// default `NEW`) and the next number never used in that data center, so an id the client
    /// saw deleted never comes back. Returns its id (the name in lower case). Its charges accrue
    /// from `now_ms`.
    ///
    /// Refused (with a message) for an unknown group, a system group (`<DC> Hardware`, `Archive`,
    /// `Templates`), an unusable name, or a data center without a free address.
    pub fn add_server(
        &mut self,
        group_id: &str,
        name: Option<&str>,
        now_ms: u64,
    ) -> Result<String, String> {
        // Anchors accrual first: the first call after a rebuild books every existing server's
        // month to date, and the new one must start from now, not from the 1st.
        self.sync(now_ms);
        let now = self.now;
        let group_id = group_id.to_ascii_lowercase();
        let group =
            self.account.groups.get(&group_id).ok_or_else(|| {
                format!("no group {group_id:?} in account {}", self.account.alias)
            })?;
        if group.is_system() {
            return Err(format!(
                "the group {:?} is a system group: add servers to a user group",
                group.name
            ));
        }
        let stem = name.unwrap_or(DEFAULT_STEM).trim().to_ascii_uppercase();
        if stem.is_empty() || stem.len() > 6 || !stem.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(format!(
                "a server name is 1 to 6 letters or digits, not {stem:?}"
            ));
        }
        let dc = group.dc.clone();
        let name = self.fresh_server_name(&dc, &stem);
        let network = self
            .account
            .networks
            .values()
            .filter(|n| n.dc == dc && n.next_host < 200)
            .max_by_key(|n| (n.primary, n.vlan))
            .map(|n| n.id.clone())
            .ok_or_else(|| format!("no network in {dc} has a free address"))?;
        let net = self.account.networks.get_mut(&network).expect("network");
        let internal = format!("{}.{}", net.prefix, net.next_host);
        net.next_host += 1;
        let id = name.to_ascii_lowercase();
        let server = Server {
            id: id.clone(),
            name,
            description: String::new(),
            group: group_id.clone(),
            dc,
            os: "ubuntu14_64Bit",
            os_type: "Ubuntu 14 64-bit",
            windows: false,
            cpu: 2,
            memory_mb: 4 * 1024,
            storage_gb: 50,
            power: Power::Started,
            archived: false,
            building: false,
            delete_queued_at_start: false,
            is_template: false,
            managed_os: false,
            maintenance: false,
            server_type: "standard",
            storage_type: "standard",
            nics: vec![Nic { network, internal }],
            public_ips: Vec::new(),
            snapshots: Vec::new(),
            alert_policies: Vec::new(),
            autoscale_policy: None,
            created: iso(self.wall(now)),
            queued_delete: None,
            accrued: 0.0,
            since_ms: now,
        };
        self.account
            .groups
            .get_mut(&group_id)
            .expect("group")
            .servers
            .push(id.clone());
        self.account.servers.insert(id.clone(), server);
        self.forget_trees();
        Ok(id)
    }

    /// `VA1DEMONEW01`, with the first number no live or deleted server of `dc` has had.
    fn fresh_server_name(&self, dc: &str, stem: &str) -> String {
        let deleted = self.account.deleted_servers.get(dc);
        (1..)
            .map(|n| format!("{dc}{}{stem}{n:02}", self.account.alias))
            .find(|name| {
                !self
                    .account
                    .servers
                    .contains_key(&name.to_ascii_lowercase())
                    && !deleted.is_some_and(|d| d.iter().any(|(x, _)| x == name))
            })
            .expect("an unused number")
    }
}
