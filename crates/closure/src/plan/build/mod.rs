//! Inventory + selection → plan. Decides, per resource, whether a step removes it (its own, its
//! parent's, or a whole group's) or why it stays; then wires the waits and orders each phase by
//! hourly saving.

use std::collections::{BTreeMap, BTreeSet};

use super::selection::Selection;
use super::step::{DeleteCall, DeletionPhase, Step, StepId};
use super::{order, Exclusion, ExclusionReason, Plan};
use crate::inventory::{Inventory, Keep, Resource, ResourceId, ResourceKind, ResourceState};

mod calls;
mod tree;

use calls::call_for;
use tree::Tree;

/// One part per alias, sub-accounts first and the parent last; each part is built from that
/// alias's resources alone, so no step waits for another alias's step.
pub(super) fn plan(inventory: &Inventory, selection: &Selection) -> Plan {
    if !inventory.has_sub_accounts() {
        return plan_one(inventory, selection);
    }
    let aliases = inventory.aliases();
    let mut out = Plan {
        account: inventory.account.clone(),
        steps: Vec::new(),
        exclusions: Vec::new(),
    };
    for alias in aliases.iter().skip(1).chain(aliases.first()) {
        let part = plan_one(&inventory.for_account(alias), selection);
        out.steps.extend(part.steps);
        out.exclusions.extend(part.exclusions);
    }
    out
}

fn plan_one(inventory: &Inventory, selection: &Selection) -> Plan {
    let tree = Tree::new(inventory);
    let held = held_back(inventory, selection, &tree);
    // The tree decides whole groups: a group holding anything held back is not whole.
    let mut effective = selection.clone();
    effective.exclude.extend(held.keys().cloned());
    let mut builder = Builder {
        inventory,
        selection,
        tree_selection: &effective,
        held: &held,
        read_only: is_read_only(inventory),
        tree: &tree,
        steps: Vec::new(),
        removed: BTreeSet::new(),
        exclusions: Vec::new(),
    };
    builder.groups();
    for kind in [
        ResourceKind::Server,
        ResourceKind::ArchivedServer,
        ResourceKind::Template,
        ResourceKind::SharedLoadBalancer,
        ResourceKind::SiteToSiteVpn,
        ResourceKind::RdbsSubscription,
        ResourceKind::BackupServerPolicy,
        ResourceKind::FirewallPolicy,
        ResourceKind::CrossDcFirewallPolicy,
        ResourceKind::AlertPolicy,
        ResourceKind::AntiAffinityPolicy,
        ResourceKind::Webhook,
    ] {
        for r in inventory.of_kind(kind) {
            builder.single(r);
        }
    }
    for kind in [
        ResourceKind::PublicIp,
        ResourceKind::Snapshot,
        ResourceKind::LoadBalancerPool,
    ] {
        for r in inventory.of_kind(kind) {
            builder.child(r);
        }
    }
    for r in inventory.of_kind(ResourceKind::AutoscalePolicy) {
        builder.autoscale(r);
    }
    for r in inventory.of_kind(ResourceKind::Network) {
        builder.network(r);
    }
    builder.leftover_groups();
    let Builder {
        mut steps,
        exclusions,
        ..
    } = builder;
    order::wire_waits(&mut steps, inventory);
    order::sort(&mut steps);
    Plan {
        account: inventory.account.clone(),
        steps,
        exclusions,
    }
}

/// What the plan must hold back because its delete would take data nobody marked in step 2,
/// with what that data is: the resource itself ("its data"), or a child the delete takes with
/// it (a server's unmarked snapshot holds the server back).
fn held_back(
    inventory: &Inventory,
    selection: &Selection,
    tree: &Tree,
) -> BTreeMap<ResourceId, String> {
    let mut held = BTreeMap::new();
    for r in inventory
        .resources
        .iter()
        .filter(|r| selection.holds_back(r))
    {
        held.insert(r.id.clone(), "its data".to_string());
        if let Some(parent) = tree.parent(&r.id) {
            held.entry(parent.clone())
                .or_insert_with(|| format!("its {} {}", r.id.kind.label(), label(r)));
        }
    }
    held
}

/// A resource's name as the plan and the journal keep it: at most [`MAX_LABEL_CHARS`]
/// characters, so names of any length from the account cannot fill the browser's storage.
pub(crate) fn label(r: &Resource) -> String {
    cap(&r.name)
}

/// Longest label kept, in characters.
pub const MAX_LABEL_CHARS: usize = 200;

pub(crate) fn cap(text: &str) -> String {
    if text.chars().count() <= MAX_LABEL_CHARS {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(MAX_LABEL_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

struct Builder<'a> {
    inventory: &'a Inventory,
    selection: &'a Selection,
    /// The selection with everything held back excluded: what the tree's whole-group rule sees.
    tree_selection: &'a Selection,
    held: &'a BTreeMap<ResourceId, String>,
    /// No link in the account offers DELETE: the token may delete nothing, including the
    /// services whose APIs send no links (Simple Backup, RDBS).
    read_only: bool,
    tree: &'a Tree,
    steps: Vec<Step>,
    removed: BTreeSet<ResourceId>,
    exclusions: Vec<Exclusion>,
}

/// Kinds whose API sends no links, so the inventory cannot read the roles from them.
const LINKLESS: [ResourceKind; 2] = [
    ResourceKind::BackupServerPolicy,
    ResourceKind::RdbsSubscription,
];

/// True when the account has items whose links reflect the roles and none offers DELETE.
fn is_read_only(inventory: &Inventory) -> bool {
    let mut linked = inventory
        .resources
        .iter()
        .filter(|r| r.keep.is_none() && !LINKLESS.contains(&r.id.kind))
        .filter(|r| r.id.kind != ResourceKind::AutoscalePolicy)
        .peekable();
    linked.peek().is_some() && linked.all(|r| !r.deletable)
}

/// A server the platform is already removing (`queuedForDelete`) or still building
/// (`underConstruction`). Its links offer no `DELETE` (as the real service answered), yet it is
/// planned: a queued delete is followed until the server is gone, and a build is waited for
/// before the server's delete is sent.
pub(super) fn on_its_way(r: &Resource) -> bool {
    is_server(r.id.kind)
        && matches!(
            r.state,
            ResourceState::QueuedForDelete | ResourceState::UnderConstruction
        )
}

/// Why a resource cannot be deleted whatever the selection says.
fn blocked(r: &Resource) -> Option<ExclusionReason> {
    match &r.keep {
        Some(Keep::SystemGroup) => Some(ExclusionReason::SystemGroup),
        Some(Keep::FreePrimaryNetwork { reason, .. }) => {
            Some(ExclusionReason::FreePrimaryNetwork {
                detail: reason.clone(),
            })
        }
        None if !r.deletable && !on_its_way(r) => Some(ExclusionReason::NotPermitted),
        None => None,
    }
}

impl Builder<'_> {
    fn blocked(&self, r: &Resource) -> Option<ExclusionReason> {
        if self.read_only && (LINKLESS.contains(&r.id.kind) || !r.deletable) {
            return Some(ExclusionReason::NotPermitted);
        }
        blocked(r)
    }

    fn wanted(&self, r: &Resource) -> bool {
        self.selection.chooses(r) && self.blocked(r).is_none() && !self.held.contains_key(&r.id)
    }

    fn exclude(&mut self, r: &Resource, reason: ExclusionReason) {
        self.exclusions.push(Exclusion {
            resource: r.id.clone(),
            label: label(r),
            data_center: r.data_center.clone(),
            reason,
            hourly_cost: r.cost.hourly,
        });
    }

    /// Why `r` stays when it was not chosen.
    fn not_chosen(&self, r: &Resource) -> ExclusionReason {
        self.blocked(r).unwrap_or_else(|| {
            if let Some(what) = self.held.get(&r.id) {
                if self.selection.chooses(r) {
                    return ExclusionReason::DataNotMarked { what: what.clone() };
                }
            }
            if r.bills() || self.selection.is_excluded(&r.id) {
                ExclusionReason::NotSelected
            } else {
                ExclusionReason::FreeNotChosen
            }
        })
    }

    fn push(
        &mut self,
        r: &Resource,
        phase: DeletionPhase,
        call: DeleteCall,
        removes: Vec<ResourceId>,
    ) {
        self.push_with_id(StepId::for_resource(&r.id), r, phase, call, removes);
    }

    fn push_with_id(
        &mut self,
        id: StepId,
        r: &Resource,
        phase: DeletionPhase,
        call: DeleteCall,
        mut removes: Vec<ResourceId>,
    ) {
        if !removes.contains(&r.id) {
            removes.insert(0, r.id.clone());
        }
        let items: Vec<&Resource> = removes
            .iter()
            .filter_map(|id| self.inventory.get(id))
            .collect();
        let known: f64 = items.iter().filter_map(|i| i.cost.hourly).sum();
        let all_known = items.iter().all(|i| i.cost.hourly.is_some());
        self.removed.extend(removes.iter().cloned());
        self.steps.push(Step {
            account: self.inventory.account.clone(),
            id,
            phase,
            kind: r.id.kind,
            resource: r.id.clone(),
            label: label(r),
            data_center: r.data_center.clone(),
            call,
            hourly_saving: all_known.then_some(known),
            known_hourly_saving: known,
            saving_is_estimate: items.iter().any(|i| i.cost.is_estimate()),
            removes,
            waits_for: Vec::new(),
            under_way: on_its_way(r)
                || (r.id.kind == ResourceKind::SiteToSiteVpn && r.state == ResourceState::Pending),
        });
    }

    /// One step per top-most user group whose whole subtree is selected.
    fn groups(&mut self) {
        for group in self
            .tree
            .topmost_whole_groups(self.inventory, self.tree_selection)
        {
            let Some(r) = self.inventory.get(&group) else {
                continue;
            };
            let mut removes = vec![group.clone()];
            for sub in self.tree.subgroups(&group.id) {
                removes.push(ResourceId::new(ResourceKind::Group, sub).in_account(&group.account));
            }
            for server in self.tree.servers_under(&group.id) {
                removes.push(server.clone());
                removes.extend(self.tree.children(&server).iter().cloned());
            }
            let call = DeleteCall::Group {
                group_id: group.id.clone(),
            };
            self.push(r, DeletionPhase::Servers, call, removes);
        }
    }

    /// A resource with its own delete call (and its children going with it).
    fn single(&mut self, r: &Resource) {
        if self.removed.contains(&r.id) {
            return;
        }
        if !self.wanted(r) {
            let reason = self.not_chosen(r);
            return self.exclude(r, reason);
        }
        let (phase, call) = call_for(r);
        let mut removes = vec![r.id.clone()];
        removes.extend(self.tree.children(&r.id).iter().cloned());
        self.push(r, phase, call, removes);
    }

    /// Public IPs, snapshots and pools: removed with their parent, or on their own if chosen.
    fn child(&mut self, r: &Resource) {
        if self.removed.contains(&r.id) {
            return;
        }
        let parent = self.tree.parent(&r.id);
        if !self.wanted(r) || parent.is_none() {
            let reason = self.not_chosen(r);
            return self.exclude(r, reason);
        }
        let (phase, call) = call_for(r);
        self.push(r, phase, call, vec![r.id.clone()]);
    }

    /// Autoscale policies cannot be deleted: remove their mappings from servers that stay.
    fn autoscale(&mut self, r: &Resource) {
        if !self.selection.chooses(r) {
            return self.exclude(r, ExclusionReason::FreeNotChosen);
        }
        let staying: Vec<&ResourceId> = r
            .depends_on
            .iter()
            .filter(|d| matches!(d.kind, ResourceKind::Server | ResourceKind::ArchivedServer))
            .filter(|d| !self.removed.contains(d))
            .collect();
        if staying.is_empty() {
            let detail = "the API cannot delete autoscale policies; their server mappings go \
                          with the servers"
                .to_string();
            return self.exclude(r, ExclusionReason::NoDeleteCall { detail });
        }
        for server in staying {
            let id = StepId(format!("{}@{}", StepId::for_resource(&r.id), server.id));
            let call = DeleteCall::AutoscaleMapping {
                server_id: server.id.clone(),
            };
            self.push_with_id(id, r, DeletionPhase::TidyUp, call, vec![r.id.clone()]);
        }
    }

    /// Networks: released only when every server using them goes too.
    fn network(&mut self, r: &Resource) {
        if !self.wanted(r) {
            let reason = self.not_chosen(r);
            return self.exclude(r, reason);
        }
        let user = self
            .inventory
            .dependents_of(&r.id)
            .filter(|d| is_server(d.id.kind))
            .find(|d| !self.removed.contains(&d.id));
        if let Some(user) = user {
            let by = format!("{} {}", user.id.kind.label(), label(user));
            return self.exclude(r, ExclusionReason::StillUsed { by });
        }
        let (phase, call) = call_for(r);
        self.push(r, phase, call, vec![r.id.clone()]);
    }

    fn leftover_groups(&mut self) {
        let groups: Vec<&Resource> = self.inventory.of_kind(ResourceKind::Group).collect();
        for r in groups {
            if !self.removed.contains(&r.id) {
                let reason = blocked(r).unwrap_or(ExclusionReason::FreeNotChosen);
                self.exclude(r, reason);
            }
        }
    }
}

pub(super) fn is_server(kind: ResourceKind) -> bool {
    matches!(
        kind,
        ResourceKind::Server | ResourceKind::ArchivedServer | ResourceKind::Template
    )
}
