//! Hostile names and ids planted by tests (`Sim::plant_name`, `Sim::plant_snapshot`,
//! `POST /_sim/plant`): what a compromised proxy or a careless colleague can put in front of the
//! client. A planted name replaces a resource's display name wherever the API returns it; a
//! planted snapshot carries any string as the id its hrefs end with (`..`, an empty string).
//! The account itself keeps its real names, so lookups and identity never depend on them.

use std::collections::BTreeMap;

use crate::model::Snapshot;
use crate::Sim;

/// Display-name overrides, by lower-cased resource id (ids match in any case, as in paths).
#[derive(Clone, Debug, Default)]
pub(crate) struct Planted {
    names: BTreeMap<String, String>,
}

impl Sim {
    /// Shows `name` as the display name of the resource `id` (any case) wherever the API
    /// returns it: a server (also as `server` in a network's addresses), a group (also in the
    /// detailed tree, group billing and data-center group links), a network, a shared load
    /// balancer, an alert or autoscale policy (also where a server names it), a VPN (its
    /// `remote.siteName`), a webhook (`id` is its event, e.g. `Server.Deleted`) or a Simple
    /// Backup account policy. The text is kept verbatim, whatever it holds. Cleared by a reset.
    ///
    /// Refused (with a message) for an id that names none of these.
    pub fn plant_name(&mut self, id: &str, name: &str) -> Result<(), String> {
        if !self.nameable(id) {
            return Err(format!("no resource with id {id:?} has a name to plant"));
        }
        self.planted
            .names
            .insert(id.to_ascii_lowercase(), name.to_string());
        self.forget_trees();
        Ok(())
    }

    /// Adds a snapshot to server `server_id` whose id, as its `self`/`delete` hrefs end and as
    /// its `name`, is `snapshot_id` verbatim (`..` gives `…/snapshots/..`). It can be read and
    /// deleted at that href like any other snapshot (when the href can reach it).
    ///
    /// Refused (with a message) for an unknown server.
    pub fn plant_snapshot(&mut self, server_id: &str, snapshot_id: &str) -> Result<(), String> {
        let server = self
            .account
            .servers
            .get_mut(&server_id.to_ascii_lowercase())
            .ok_or_else(|| format!("no server {server_id:?}"))?;
        // The queue and the dump still know it by a number of its own.
        let id = server.snapshots.iter().map(|s| s.id).max().unwrap_or(1) + 1;
        server.snapshots.push(Snapshot {
            id,
            name: snapshot_id.to_string(),
            pending_delete: None,
            planted_id: Some(snapshot_id.to_string()),
        });
        self.forget_trees();
        Ok(())
    }

    /// Whether `id` (any case) names a resource [`Sim::plant_name`] accepts.
    pub(crate) fn nameable(&self, id: &str) -> bool {
        let lc = id.to_ascii_lowercase();
        let a = &self.account;
        a.servers.contains_key(&lc)
            || a.groups.contains_key(&lc)
            || a.networks.contains_key(&lc)
            || a.lbs.contains_key(&lc)
            || a.alert_policies.contains_key(&lc)
            || a.autoscale_policies.contains_key(&lc)
            || a.vpns.contains_key(&lc)
            || crate::policies::WEBHOOK_EVENTS
                .iter()
                .any(|e| e.eq_ignore_ascii_case(id))
            || a.backup_policies
                .iter()
                .any(|p| p.id.eq_ignore_ascii_case(id))
    }

    /// The name the API shows for resource `id`: a planted one, or its own `name`.
    pub(crate) fn shown<'a>(&'a self, id: &str, name: &'a str) -> &'a str {
        if self.planted.names.is_empty() {
            return name;
        }
        self.planted
            .names
            .get(&id.to_ascii_lowercase())
            .map_or(name, String::as_str)
    }

    pub(crate) fn clear_planted(&mut self) {
        self.planted = Planted::default();
    }
}
