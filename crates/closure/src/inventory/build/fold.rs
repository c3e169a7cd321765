//! The inventory built as the scan reads: each group tree's groups, servers, public IPs and
//! snapshots as soon as the tree is in (while other reads are in flight), and each data
//! center's group billing; once the last answer is in only the rest remains (what the claimed
//! addresses, the other lists and the billing add to them, and one sort of runs already in
//! order). [`Folder::finish`] gives exactly the resources [`super::resources`] gives for the
//! same data, or `None` where the data is such that folding tree by tree could give other
//! resources (a server or group in two trees, a server whose group is in no tree of its own,
//! servers read one by one): the caller then builds them whole.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};

use clc::models::{Group, GroupBilling, ServerBilling};

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
    /// Per data center (upper case).
    trees: BTreeMap<String, TreeFold>,
    /// The data centers of `trees`, in the order they came in.
    tree_order: Vec<String>,
    /// Upper-case server name (and id) → the data center (in `tree_order`) and lowercase id of
    /// the server that holds it: the later server of the later data center (by name), as in
    /// the whole build.
    server_by_name: HashMap<String, (usize, String)>,
    /// The data centers whose group billing is in `billing`.
    billed: HashSet<String>,
    /// Lowercase server id → its group billing figures.
    billing: HashMap<String, ServerBilling>,
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
        crate::sorting::sort_by(&mut resources, |a, b| a.id.cmp(&b.id));
        // A server whose group is not in its tree takes its path from wherever that group is.
        let foreign_group = lookups.servers.values().any(|found| {
            !lookups
                .groups
                .contains_key(&clc::ids::id_key(&found.server.group_id))
        });
        let Lookups {
            groups,
            servers,
            server_by_name,
            server_by_address,
            ..
        } = lookups;
        let mut again = foreign_group || self.trees.contains_key(dc);
        for key in servers.into_keys() {
            again |= !self.server_keys.insert(key);
        }
        for key in groups.into_keys() {
            again |= !self.group_keys.insert(key);
        }
        self.whole |= again;
        let at = self.tree_order.len();
        for (name, key) in server_by_name {
            match self.server_by_name.entry(name) {
                Entry::Occupied(mut e) if self.tree_order[e.get().0].as_str() < dc => {
                    e.insert((at, key));
                }
                Entry::Occupied(_) => {}
                Entry::Vacant(e) => {
                    e.insert((at, key));
                }
            }
        }
        self.tree_order.push(dc.to_string());
        self.trees.insert(
            dc.to_string(),
            TreeFold {
                resources,
                server_by_address,
            },
        );
    }

    /// Takes in the group billing of data center `dc`, just read.
    pub(crate) fn billing(&mut self, dc: &str, billing: &GroupBilling) {
        let before = self.billing.len();
        add_billing(&mut self.billing, billing);
        // A server billed twice: the whole build takes the data centers in order of name, not
        // in the order their answers came in.
        let servers = billing.servers().count();
        self.whole |= !self.billed.insert(dc.to_string()) || self.billing.len() != before + servers;
    }

    /// Every resource of `data` (unsorted but for runs, and of the alias), as
    /// [`super::resources`] gives them; `None` when `data` must be built whole.
    pub(crate) fn finish(mut self, data: &ScanData) -> Option<Vec<Resource>> {
        let whole = self.whole
            || !data.servers.is_empty()
            || !self.trees.keys().eq(data.group_trees.keys())
            || self.billed.len() != data.group_billing.len()
            || !data.group_billing.keys().all(|dc| self.billed.contains(dc));
        if whole {
            return None;
        }
        let mut rest = Vec::new();
        the_rest(data, &self, &mut rest);
        let networks_of_server = networks_of_servers(data, |name| {
            self.server_by_name.get(name).map(|(_, key)| key)
        });
        for r in &mut rest {
            r.account = data.account.clone();
        }
        let mut out = Vec::with_capacity(
            self.trees
                .values()
                .map(|t| t.resources.len())
                .sum::<usize>()
                + rest.len(),
        );
        for tree in std::mem::take(&mut self.trees).into_values() {
            for mut r in tree.resources {
                if SERVER_KINDS.contains(&r.id.kind) {
                    compute::billing_and_networks(&mut r, &self.billing, &networks_of_server);
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
            .values()
            .rev()
            .find_map(|t| t.server_by_address.get(address))
            .map(String::as_str)
    }

    fn server(&self, key: &str) -> Option<ServerPlace> {
        let found = self.trees.values().find_map(|t| {
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
