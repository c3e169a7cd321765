//! Changes between two inventories, for "changes since last refresh": what appeared, what is
//! gone, and what changed state, kind (a server archived) or hourly cost.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Inventory, Resource, ResourceId, ResourceKind, ResourceState};

/// One resource present in both inventories whose state, kind or cost changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceChange {
    /// The id in the newer inventory.
    pub id: ResourceId,
    pub name: String,
    /// `(before, after)` when the state changed.
    pub state: Option<(ResourceState, ResourceState)>,
    /// `(before, after)` when the kind changed within its family (server → archived server).
    pub kind: Option<(ResourceKind, ResourceKind)>,
    /// `(before, after)` dollars per hour, when the hourly cost changed by a cent per month or
    /// more (month-to-date figures grow every hour and are not a change).
    pub hourly: Option<(Option<f64>, Option<f64>)>,
}

/// The difference from an older to a newer inventory. Ids are those of the inventory they come
/// from; every list is sorted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InventoryDiff {
    pub added: Vec<ResourceId>,
    pub removed: Vec<ResourceId>,
    pub changed: Vec<ResourceChange>,
}

impl InventoryDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// Whether `id` (of the newer inventory) is new or changed: what the UI highlights.
    pub fn highlights(&self, id: &ResourceId) -> bool {
        self.added.contains(id) || self.changed.iter().any(|c| &c.id == id)
    }
}

/// Each resource under its lasting key. Extended, not collected: `collect` sorts first, with a
/// sort compiled for this map alone. A key seen twice keeps its last resource either way.
fn keyed(inventory: &Inventory) -> BTreeMap<(ResourceKind, &str), &Resource> {
    let mut map = BTreeMap::new();
    map.extend(inventory.resources.iter().map(|r| (lasting_key(r), r)));
    map
}

/// The identity a resource keeps across its lifecycle.
fn lasting_key(r: &Resource) -> (ResourceKind, &str) {
    (r.id.kind.family(), r.id.id.as_str())
}

impl Inventory {
    /// What changed from `self` (older) to `newer`.
    pub fn diff(&self, newer: &Inventory) -> InventoryDiff {
        let (before, after) = (keyed(self), keyed(newer));
        let mut diff = InventoryDiff::default();
        for (key, new) in &after {
            match before.get(key) {
                None => diff.added.push(new.id.clone()),
                Some(old) => {
                    if let Some(change) = change(old, new) {
                        diff.changed.push(change);
                    }
                }
            }
        }
        diff.removed = before
            .iter()
            .filter(|(key, _)| !after.contains_key(*key))
            .map(|(_, r)| r.id.clone())
            .collect();
        crate::sorting::sort(&mut diff.added);
        crate::sorting::sort(&mut diff.removed);
        diff
    }
}

fn change(old: &Resource, new: &Resource) -> Option<ResourceChange> {
    let state = (old.state != new.state).then(|| (old.state.clone(), new.state.clone()));
    let kind = (old.id.kind != new.id.kind).then_some((old.id.kind, new.id.kind));
    let hourly_moved = match (old.cost.hourly, new.cost.hourly) {
        (Some(a), Some(b)) => ((a - b) * super::HOURS_PER_MONTH).abs() >= 0.01,
        (a, b) => a.is_some() != b.is_some(),
    };
    let hourly = hourly_moved.then_some((old.cost.hourly, new.cost.hourly));
    if state.is_none() && kind.is_none() && hourly.is_none() {
        return None;
    }
    Some(ResourceChange {
        id: new.id.clone(),
        name: new.name.clone(),
        state,
        kind,
        hourly,
    })
}
