//! The shape of the account the plan needs: the group tree (from each group's parent), the
//! servers in each group, and which items go with which parent (public IPs and snapshots with
//! their server, pools with their load balancer).

use std::collections::BTreeMap;

use super::{blocked, is_server};
use crate::inventory::{Inventory, ResourceId, ResourceKind, ResourceState};
use crate::plan::Selection;

pub(super) struct Tree {
    parent_group: BTreeMap<String, String>,
    child_groups: BTreeMap<String, Vec<String>>,
    servers_in: BTreeMap<String, Vec<ResourceId>>,
    children: BTreeMap<ResourceId, Vec<ResourceId>>,
    parent: BTreeMap<ResourceId, ResourceId>,
    /// The alias the ids of this (one-alias) inventory carry: empty for the parent.
    pub account: String,
}

impl Tree {
    pub fn new(inventory: &Inventory) -> Tree {
        let mut tree = Tree {
            parent_group: BTreeMap::new(),
            child_groups: BTreeMap::new(),
            servers_in: BTreeMap::new(),
            children: BTreeMap::new(),
            parent: BTreeMap::new(),
            account: inventory
                .resources
                .first()
                .map(|r| r.id.account.clone())
                .unwrap_or_default(),
        };
        for r in &inventory.resources {
            let parent_kind = |kinds: &[ResourceKind]| {
                r.depends_on
                    .iter()
                    .find(|d| kinds.contains(&d.kind))
                    .cloned()
            };
            match r.id.kind {
                ResourceKind::Group => {
                    if let Some(p) = parent_kind(&[ResourceKind::Group]) {
                        tree.parent_group.insert(r.id.id.clone(), p.id.clone());
                        tree.child_groups
                            .entry(p.id)
                            .or_default()
                            .push(r.id.id.clone());
                    }
                }
                kind if is_server(kind) => {
                    if let Some(g) = parent_kind(&[ResourceKind::Group]) {
                        tree.servers_in.entry(g.id).or_default().push(r.id.clone());
                    }
                }
                ResourceKind::PublicIp | ResourceKind::Snapshot => {
                    let servers = [
                        ResourceKind::Server,
                        ResourceKind::ArchivedServer,
                        ResourceKind::Template,
                    ];
                    if let Some(s) = parent_kind(&servers) {
                        tree.link(s, r.id.clone());
                    }
                }
                ResourceKind::LoadBalancerPool => {
                    if let Some(lb) = parent_kind(&[ResourceKind::SharedLoadBalancer]) {
                        tree.link(lb, r.id.clone());
                    }
                }
                _ => {}
            }
        }
        tree
    }

    fn link(&mut self, parent: ResourceId, child: ResourceId) {
        self.children
            .entry(parent.clone())
            .or_default()
            .push(child.clone());
        self.parent.insert(child, parent);
    }

    /// Items that go with `id` (a server's IPs and snapshots, a load balancer's pools).
    pub fn children(&self, id: &ResourceId) -> &[ResourceId] {
        self.children.get(id).map_or(&[], Vec::as_slice)
    }

    pub fn parent(&self, id: &ResourceId) -> Option<&ResourceId> {
        self.parent.get(id)
    }

    /// Every group beneath `group` (not itself), parents first.
    pub fn subgroups(&self, group: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut queue = vec![group.to_string()];
        while let Some(g) = queue.pop() {
            for child in self.child_groups.get(&g).into_iter().flatten() {
                out.push(child.clone());
                queue.push(child.clone());
            }
        }
        out
    }

    /// Every server in `group` and beneath it.
    pub fn servers_under(&self, group: &str) -> Vec<ResourceId> {
        std::iter::once(group.to_string())
            .chain(self.subgroups(group))
            .flat_map(|g| self.servers_in.get(&g).cloned().unwrap_or_default())
            .collect()
    }

    /// A group one delete can replace: it and every sub-group deletable and not deselected,
    /// every server beneath it deletable, built, not deselected and chosen (or the group itself
    /// chosen explicitly), and at least one server beneath it. A server still being built keeps
    /// its group's delete out: the build is waited for, then the server deleted on its own.
    fn is_whole(&self, inventory: &Inventory, selection: &Selection, group: &str) -> bool {
        let id = ResourceId::new(ResourceKind::Group, group).in_account(&self.account);
        let usable = |g: &str| {
            let gid = ResourceId::new(ResourceKind::Group, g).in_account(&self.account);
            inventory
                .get(&gid)
                .is_some_and(|r| blocked(r).is_none() && !selection.is_excluded(&gid))
        };
        if !usable(group) || !self.subgroups(group).iter().all(|g| usable(g)) {
            return false;
        }
        let servers = self.servers_under(group);
        let deletable = servers.iter().all(|s| {
            inventory.get(s).is_some_and(|r| {
                blocked(r).is_none()
                    && r.state != ResourceState::UnderConstruction
                    && !selection.is_excluded(s)
            })
        });
        let chosen = selection.include.contains(&id)
            || (!servers.is_empty()
                && servers
                    .iter()
                    .all(|s| inventory.get(s).is_some_and(|r| selection.chooses(r))));
        deletable && chosen
    }

    /// The whole groups whose parent is not whole itself, in id order.
    pub fn topmost_whole_groups(
        &self,
        inventory: &Inventory,
        selection: &Selection,
    ) -> Vec<ResourceId> {
        inventory
            .of_kind(ResourceKind::Group)
            .filter(|g| self.is_whole(inventory, selection, &g.id.id))
            .filter(|g| {
                self.parent_group
                    .get(&g.id.id)
                    .is_none_or(|p| !self.is_whole(inventory, selection, p))
            })
            .map(|g| g.id.clone())
            .collect()
    }
}
