//! The inventory built as the scan reads: each group tree's groups, servers, public IPs and
//! snapshots as soon as the tree is in (while other reads are in flight); once the last answer
//! is in only the rest remains (what the group billing and the claimed addresses add to the
//! servers, the other lists, and one sort of runs already in order). [`Folder::finish`] gives
//! exactly the resources [`super::resources`] gives for the same data, or `None` where folding
//! tree by tree could give others (a server, group or server name in two trees, a server whose
//! group is not in its tree, an id twice in a tree, servers read one by one): the caller then
//! builds them whole.

use std::collections::{HashMap, HashSet};

use clc::models::Group;

use super::{
    add_billing, compute, networks_of_servers, the_rest, Lookups, ServerIndex, ServerPlace,
};
use crate::inventory::{Resource, ResourceKind};
use crate::scan::ScanData;

/// One data center's group tree, built.
struct TreeFold {
    /// Its resources, of the alias, sorted by id; the servers' billed figures and networks not
    /// yet added ([`compute::billing_and_networks`] does at the end).
    resources: Vec<Resource>,
    /// Internal address → lowercase server id, the later server winning.
    server_by_address: HashMap<String, String>,
}

/// What one alias's scan has built so far.
#[derive(Default)]
pub(crate) struct Folder {
    /// Per data center (upper case), in order of data center.
    trees: Vec<(String, TreeFold)>,
    /// Upper-case server name (and id) → lowercase server id, of every tree.
    server_by_name: HashMap<String, String>,
    /// Every server and group key (lowercase) of the trees so far, to see one come twice.
    server_keys: HashSet<String>,
    group_keys: HashSet<String>,
    /// Folding tree by tree may not give what the whole build gives: build whole.
    whole: bool,
}

impl Folder {
    /// Builds the group tree of data center `dc` of `account`, just read.
    pub(crate) fn tree(&mut self, dc: &str, tree: &Group, account: &str) {
        let mut lookups = Lookups::empty();
        lookups.add_tree(dc, tree);
        let mut resources = Vec::new();
        compute::add_group(dc, tree, None, &lookups, &mut resources);
        compute::servers(&lookups, &mut resources);
        for r in &mut resources {
            r.account = account.to_string();
        }
        // Two resources of the tree with one id: see `Inventory::from_folded`.
        let twice = !crate::inventory::sort_by_id(&mut resources);
        // A server whose group is not in its tree takes its path from wherever that group is,
        // which this tree alone does not tell.
        let foreign_group = lookups.servers.values().any(|found| {
            !lookups
                .groups
                .contains_key(&clc::ids::id_key(&found.server.group_id))
        });
        let at = self.trees.partition_point(|(d, _)| d.as_str() < dc);
        let mut again = twice || foreign_group || self.trees.get(at).is_some_and(|(d, _)| d == dc);
        for key in lookups.servers.keys() {
            again |= !self.server_keys.insert(key.clone());
        }
        for key in lookups.groups.keys() {
            again |= !self.group_keys.insert(key.clone());
        }
        let Lookups {
            server_by_name,
            server_by_address,
            ..
        } = lookups;
        // A name in two trees: the whole build takes the later data center's (by name).
        for (name, key) in server_by_name {
            again |= self.server_by_name.insert(name, key).is_some();
        }
        self.whole |= again;
        let tree = TreeFold {
            resources,
            server_by_address,
        };
        self.trees.insert(at, (dc.to_string(), tree));
    }

    /// Every resource of `data` (unsorted but for runs, and of the alias), as
    /// [`super::resources`] gives them; `None` when `data` must be built whole.
    pub(crate) fn finish(mut self, data: &ScanData) -> Option<Vec<Resource>> {
        let whole = self.whole
            || !data.servers.is_empty()
            || !self
                .trees
                .iter()
                .map(|(dc, _)| dc)
                .eq(data.group_trees.keys());
        if whole {
            return None;
        }
        let mut rest = Vec::new();
        the_rest(data, &self, &mut rest);
        let networks_of_server = networks_of_servers(data, |name| self.server_by_name.get(name));
        let mut billing = HashMap::new();
        for group_billing in data.group_billing.values() {
            add_billing(&mut billing, group_billing);
        }
        for r in &mut rest {
            r.account = data.account.clone();
        }
        let mut out = Vec::with_capacity(
            self.trees
                .iter()
                .map(|(_, t)| t.resources.len())
                .sum::<usize>()
                + rest.len(),
        );
        for (_, tree) in std::mem::take(&mut self.trees) {
            for mut r in tree.resources {
                if SERVER_KINDS.contains(&r.id.kind) {
                    compute::billing_and_networks(&mut r, &billing, &networks_of_server);
                }
                out.push(r);
            }
        }
        out.append(&mut rest);
        Some(out)
    }
}

const SERVER_KINDS: [ResourceKind; 3] = [
    ResourceKind::Server,
    ResourceKind::Template,
    ResourceKind::ArchivedServer,
];

impl ServerIndex for Folder {
    fn server_at(&self, address: &str) -> Option<&str> {
        self.trees
            .iter()
            .rev()
            .find_map(|(_, t)| t.server_by_address.get(address))
            .map(String::as_str)
    }

    fn server(&self, key: &str) -> Option<ServerPlace> {
        let found = self.trees.iter().find_map(|(_, t)| {
            SERVER_KINDS.into_iter().find_map(|kind| {
                t.resources
                    .binary_search_by(|r| (r.id.kind, r.id.id.as_str()).cmp(&(kind, key)))
                    .ok()
                    .map(|i| &t.resources[i])
            })
        })?;
        Some(ServerPlace {
            id: found.id.clone(),
            data_center: found.data_center.clone(),
            group_path: found.group_path.clone(),
        })
    }
}
