//! The inventory: every resource the scan found, built from the raw [`ScanData`] by pure
//! functions, plus what the scan could not read, the manual items the API cannot see, group
//! billing totals and last month's invoice. It never holds the bearer token.
//!
//! - [`resource`]: the vocabulary (kinds, states, costs, ids).
//! - `build`: raw API models → resources (servers, networks, services).
//! - [`manual`]: checklist items for what the bearer-token API cannot see.
//! - [`diff`]: changes between two inventories.
//! - [`export`]: JSON and CSV.

mod build;
pub mod diff;
pub mod export;
pub mod manual;
pub mod resource;

use std::collections::BTreeMap;

use clc::models::Invoice;
use clc::Money;
use serde::{Deserialize, Serialize};

pub use diff::{InventoryDiff, ResourceChange};
pub use manual::ManualItem;
pub use resource::{
    Cost, CostBasis, Keep, Resource, ResourceId, ResourceKind, ResourceState, HOURS_PER_MONTH,
};

use crate::scan::{Part, ScanData};

/// A part of the scan whose answer is missing, so the kinds it covers may be incomplete.
/// Invariant: an inventory with an `Unread` entry never presents those kinds as "nothing there".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Unread {
    pub part: Part,
    pub data_center: Option<String>,
    /// The kinds this part would have found (or priced).
    pub kinds: Vec<ResourceKind>,
    /// What went wrong, as a sentence for the user (the `clc::Error`'s user message), or that
    /// the scan was cancelled before this part ran.
    pub reason: String,
}

/// Group billing of one data center's root group (servers, archives, templates only).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillingTotals {
    pub month_to_date: Money,
    pub monthly_estimate: Money,
    /// Dollars per hour.
    pub current_hour: f64,
}

/// Everything found in one account. Invariants: `resources` is sorted by id and ids are
/// unique; no field holds a credential.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Inventory {
    pub account: String,
    pub resources: Vec<Resource>,
    pub unread: Vec<Unread>,
    /// The scan was cancelled before it finished; `unread` lists what never ran.
    pub cancelled: bool,
    pub manual: Vec<ManualItem>,
    /// Per data center (upper case), from `GET /v2/groups/{alias}/{root}/billing`.
    pub group_billing: BTreeMap<String, BillingTotals>,
    /// Last month's invoice (usage estimates; see `clc-api.md` §6.1), when it could be read.
    pub last_invoice: Option<Invoice>,
    /// How the scan degraded (e.g. per-server reads after a failing detailed group read).
    pub notes: Vec<String>,
}

impl Inventory {
    /// Builds the inventory from what a scan read. Pure: the same data gives the same inventory.
    pub fn from_scan(data: &ScanData, unread: Vec<Unread>, cancelled: bool) -> Inventory {
        let mut resources = build::resources(data);
        resources.sort_by(|a, b| a.id.cmp(&b.id));
        resources.dedup_by(|a, b| a.id == b.id);
        Inventory {
            account: data.account.clone(),
            resources,
            unread,
            cancelled,
            manual: manual::items(),
            group_billing: build::group_billing_totals(data),
            last_invoice: data.invoice.clone(),
            notes: data.notes.clone(),
        }
    }

    /// An inventory of account `alias` with nothing in it: no resources, nothing unread, no
    /// manual items, no billing and no notes (tests and examples fill in what they need).
    pub fn empty(alias: &str) -> Inventory {
        Inventory {
            account: alias.to_string(),
            resources: Vec::new(),
            unread: Vec::new(),
            cancelled: false,
            manual: Vec::new(),
            group_billing: BTreeMap::new(),
            last_invoice: None,
            notes: Vec::new(),
        }
    }

    pub fn get(&self, id: &ResourceId) -> Option<&Resource> {
        self.resources
            .binary_search_by(|r| r.id.cmp(id))
            .ok()
            .map(|i| &self.resources[i])
    }

    pub fn of_kind(&self, kind: ResourceKind) -> impl Iterator<Item = &Resource> + '_ {
        self.resources.iter().filter(move |r| r.id.kind == kind)
    }

    pub fn count(&self, kind: ResourceKind) -> usize {
        self.of_kind(kind).count()
    }

    /// Resources that depend on `id` (e.g. the servers with addresses on a network).
    pub fn dependents_of<'a>(&'a self, id: &'a ResourceId) -> impl Iterator<Item = &'a Resource> {
        self.resources
            .iter()
            .filter(move |r| r.depends_on.contains(id))
    }

    /// True when every part was read and the scan was not cancelled.
    pub fn is_complete(&self) -> bool {
        self.unread.is_empty() && !self.cancelled
    }

    /// Whether the count of `kind` (in `data_center`, or anywhere when `None`) may be missing
    /// items because a part that covers it was not read.
    pub fn may_be_incomplete(&self, kind: ResourceKind, data_center: Option<&str>) -> bool {
        self.unread.iter().any(|u| {
            u.kinds.contains(&kind)
                && match (data_center, &u.data_center) {
                    (Some(dc), Some(udc)) => dc.eq_ignore_ascii_case(udc),
                    _ => true,
                }
        })
    }

    /// Data centers that hold at least one resource or billing figure, upper case, sorted.
    pub fn data_centers(&self) -> Vec<String> {
        let mut dcs: Vec<String> = self
            .resources
            .iter()
            .filter_map(|r| r.data_center.clone())
            .chain(self.group_billing.keys().cloned())
            .collect();
        dcs.sort();
        dcs.dedup();
        dcs
    }
}
