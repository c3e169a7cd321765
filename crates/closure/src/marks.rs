//! Step 2's marks: for every resource that holds the customer's data, whether its data was
//! retrieved or is not needed. The plan holds back data nobody marked (unless the customer
//! explicitly chooses to delete unmarked data too), the gate counts what is unmarked, and the
//! record keeps the marks. Storage (localStorage per account alias) is the app's; the stored
//! form is here, in a versioned envelope that is set aside, never overwritten, when unreadable.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::inventory::{Inventory, Resource, ResourceId, ResourceKind};
use crate::{stored, EpochMs};

/// The kinds that hold customer data, which step 2 asks about.
pub const DATA_KINDS: [ResourceKind; 6] = [
    ResourceKind::Server,
    ResourceKind::ArchivedServer,
    ResourceKind::Template,
    ResourceKind::Snapshot,
    ResourceKind::RdbsSubscription,
    ResourceKind::BackupServerPolicy,
];

pub fn holds_data(kind: ResourceKind) -> bool {
    DATA_KINDS.contains(&kind)
}

/// Every data-bearing resource of the inventory, in inventory order.
pub fn data_bearing(inventory: &Inventory) -> impl Iterator<Item = &Resource> {
    inventory.resources.iter().filter(|r| holds_data(r.id.kind))
}

/// What the customer decided about one resource's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Mark {
    Retrieved,
    NotNeeded,
}

/// Marks by resource. Keys use the kind's family, so a server that gets archived keeps its
/// mark, and a mark outlives the deletion of the resource it describes (the record keeps it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DataMarks(BTreeMap<String, Mark>);

impl DataMarks {
    pub fn get(&self, id: &ResourceId) -> Option<Mark> {
        // No marks yet (right after a scan): no key to write for each of 10,000 resources.
        if self.0.is_empty() {
            return None;
        }
        self.0.get(&mark_key(id)).copied()
    }

    pub fn set(&mut self, id: &ResourceId, mark: Mark) {
        self.0.insert(mark_key(id), mark);
    }

    pub fn is_marked(&self, id: &ResourceId) -> bool {
        !self.0.is_empty() && self.0.contains_key(&mark_key(id))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// `server:va1web01`: the family label and the id.
pub fn mark_key(id: &ResourceId) -> String {
    if id.account.is_empty() {
        format!("{}:{}", id.kind.family().label(), id.id)
    } else {
        format!("{}/{}:{}", id.account, id.kind.family().label(), id.id)
    }
}

/// `(marked, total)` over the data-bearing resources of the inventory.
pub fn marked_count(inventory: &Inventory, marks: &DataMarks) -> (usize, usize) {
    data_bearing(inventory).fold((0, 0), |(m, t), r| {
        (m + usize::from(marks.is_marked(&r.id)), t + 1)
    })
}

pub const KIND: stored::Kind = stored::Kind {
    schema: "offboard.marks",
    version: 1,
    what: "step-2 marks",
};

/// What was found under the key.
pub type Decoded = stored::Decoded<DataMarks>;

/// The stored form: `{"schema":"offboard.marks","version":1,"savedAt":…,"marks":{…}}`.
pub fn encode(marks: &DataMarks, saved_at: EpochMs) -> String {
    stored::encode(&KIND, marks, saved_at)
}

pub fn decode(raw: Option<&str>) -> Decoded {
    stored::decode(&KIND, raw)
}
