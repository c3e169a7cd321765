//! What the user chose to delete. The default ([`Selection::billable`]) is everything that bills,
//! plus the firewall policies that tie billable networks; free items (alert policies, autoscale
//! mappings, webhooks, anti-affinity policies) only when chosen by kind or by id.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::inventory::{Resource, ResourceId, ResourceKind};

/// Kinds that cost nothing and are removed only when chosen.
pub const OPTIONAL_FREE_KINDS: [ResourceKind; 4] = [
    ResourceKind::AlertPolicy,
    ResourceKind::AutoscalePolicy,
    ResourceKind::Webhook,
    ResourceKind::AntiAffinityPolicy,
];

/// The user's choice. Invariant: an id in both `include` and `exclude` is excluded.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Selection {
    /// Start from everything that bills (otherwise from nothing).
    pub billable: bool,
    /// Free kinds chosen as a whole (alert policies, autoscale, webhooks, anti-affinity).
    pub free_kinds: BTreeSet<ResourceKind>,
    pub include: BTreeSet<ResourceId>,
    pub exclude: BTreeSet<ResourceId>,
}

impl Selection {
    /// Everything that bills (the default).
    pub fn billable() -> Selection {
        Selection {
            billable: true,
            ..Selection::default()
        }
    }

    /// Nothing, to be filled with [`Selection::with`].
    pub fn none() -> Selection {
        Selection::default()
    }

    pub fn with(mut self, id: ResourceId) -> Selection {
        self.include.insert(id);
        self
    }

    pub fn without(mut self, id: ResourceId) -> Selection {
        self.exclude.insert(id);
        self
    }

    /// Also removes every item of this free kind.
    pub fn with_free(mut self, kind: ResourceKind) -> Selection {
        self.free_kinds.insert(kind);
        self
    }

    pub fn is_excluded(&self, id: &ResourceId) -> bool {
        self.exclude.contains(id)
    }

    /// Whether the user chose this resource itself (groups are derived in the plan builder).
    pub fn chooses(&self, resource: &Resource) -> bool {
        if self.exclude.contains(&resource.id) {
            return false;
        }
        if self.include.contains(&resource.id) || self.free_kinds.contains(&resource.id.kind) {
            return true;
        }
        self.billable && (bills(resource) || tied_to_billing(resource.id.kind))
    }
}

/// Billable: see [`Resource::bills`], the rule the gate uses too.
pub fn bills(resource: &Resource) -> bool {
    resource.bills()
}

/// Free kinds the default selection removes because billable items depend on them going
/// (firewall policies go before their networks are released).
fn tied_to_billing(kind: ResourceKind) -> bool {
    matches!(
        kind,
        ResourceKind::FirewallPolicy | ResourceKind::CrossDcFirewallPolicy
    )
}
