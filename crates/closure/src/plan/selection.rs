//! What the user chose to delete. The default ([`Selection::billable`]) is everything that bills,
//! plus the firewall policies that tie billable networks; free items (alert policies, autoscale
//! mappings, webhooks, anti-affinity policies) only when chosen by kind or by id. Data nobody
//! marked in step 2 stays out whatever is chosen, unless the customer explicitly chooses to
//! delete unmarked data too; any single resource can be kept for now (`exclude`).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::inventory::{Resource, ResourceId, ResourceKind};
use crate::marks::DataMarks;

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
    /// Kept for now: the customer took these out of the plan one by one.
    pub exclude: BTreeSet<ResourceId>,
    /// Step 2's marks. A data-bearing resource without one is held back from the plan (and so
    /// is what would remove it: its server, its group) unless `delete_unmarked_data`.
    #[serde(default)]
    pub marks: DataMarks,
    /// The customer's one explicit choice to delete data not marked in step 2 too.
    #[serde(default)]
    pub delete_unmarked_data: bool,
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

    /// Step 2's marks, which decide what data may go.
    pub fn with_marks(mut self, marks: DataMarks) -> Selection {
        self.marks = marks;
        self
    }

    /// Deletes data not marked in step 2 too (the customer's explicit choice).
    pub fn deleting_unmarked_data(mut self) -> Selection {
        self.delete_unmarked_data = true;
        self
    }

    /// A data-bearing resource the plan must hold back: nobody marked its data.
    pub fn holds_back(&self, resource: &Resource) -> bool {
        !self.delete_unmarked_data
            && crate::marks::holds_data(resource.id.kind)
            && !self.marks.is_marked(&resource.id)
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
        self.billable && (resource.bills() || tied_to_billing(resource.id.kind))
    }
}

/// Free kinds the default selection removes because billable items depend on them going
/// (firewall policies go before their networks are released).
fn tied_to_billing(kind: ResourceKind) -> bool {
    matches!(
        kind,
        ResourceKind::FirewallPolicy | ResourceKind::CrossDcFirewallPolicy
    )
}
