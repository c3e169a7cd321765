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

pub(crate) use build::fold::Folder;

use crate::scan::{Part, ScanData};

/// Sorts `resources` by id and keeps the first of each id; false when some id was there twice.
/// One function for every caller, so the wasm holds one copy of the sort and the de-duplication.
pub(crate) fn sort_by_id(resources: &mut Vec<Resource>) -> bool {
    crate::sorting::sort_by(resources, |a, b| a.id.cmp(&b.id));
    let all = resources.len();
    resources.dedup_by(|a, b| a.id == b.id);
    resources.len() == all
}

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
    /// The alias the part was read for; empty for the inventory's own account (and in an
    /// inventory saved before sub-accounts were read).
    #[serde(default)]
    pub account: String,
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

/// Everything found in one account and the sub-accounts read with it. Invariants: `resources`
/// is sorted by id and ids are unique (a sub-account's ids carry its alias); no field holds a
/// credential.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Inventory {
    /// The parent: the alias the sign-in returned.
    pub account: String,
    /// Every alias read, the parent first, then the sub-accounts in the order the customer
    /// listed them. Empty in an inventory saved before sub-accounts were read: see
    /// [`Inventory::aliases`].
    #[serde(default)]
    pub accounts: Vec<String>,
    pub resources: Vec<Resource>,
    pub unread: Vec<Unread>,
    /// The scan was cancelled before it finished; `unread` lists what never ran.
    pub cancelled: bool,
    /// The aliases whose own reading was cancelled (see [`Inventory::cancelled_in`]); empty in
    /// an inventory saved before sub-accounts were read, where `cancelled` covers every alias.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cancelled_accounts: Vec<String>,
    pub manual: Vec<ManualItem>,
    /// Per data center (upper case), from `GET /v2/groups/{alias}/{root}/billing`, added up
    /// across every alias read.
    pub group_billing: BTreeMap<String, BillingTotals>,
    /// The same per alias (only aliases other than the parent are listed when the inventory
    /// holds the parent alone: see [`Inventory::billing_of`]).
    #[serde(default)]
    pub account_billing: BTreeMap<String, BTreeMap<String, BillingTotals>>,
    /// Last month's invoice (usage estimates; see `clc-api.md` §6.1), when it could be read.
    pub last_invoice: Option<Invoice>,
    /// How the scan degraded (e.g. per-server reads after a failing detailed group read).
    pub notes: Vec<String>,
}

impl Inventory {
    /// Builds the inventory from what a scan read. Pure: the same data gives the same inventory.
    pub fn from_scan(data: &ScanData, unread: Vec<Unread>, cancelled: bool) -> Inventory {
        let mut resources = build::resources(data);
        for r in &mut resources {
            r.account = data.account.clone();
        }
        sort_by_id(&mut resources);
        Inventory::with_resources(data, resources, unread, cancelled)
    }

    /// [`Inventory::from_scan`] of the same data, from what `folder` built while the scan read
    /// it: the same inventory, most of it built before the last answer came in.
    pub(crate) fn from_folded(
        data: &ScanData,
        folder: Folder,
        unread: Vec<Unread>,
        cancelled: bool,
    ) -> Inventory {
        match folder.finish(data) {
            Some(resources) => Inventory::with_resources(data, resources, unread, cancelled),
            None => Inventory::from_scan(data, unread, cancelled),
        }
    }

    /// The inventory of `data` with its `resources` (of the alias, sorted by id, no id twice).
    fn with_resources(
        data: &ScanData,
        resources: Vec<Resource>,
        unread: Vec<Unread>,
        cancelled: bool,
    ) -> Inventory {
        let group_billing = build::group_billing_totals(data);
        Inventory {
            account: data.account.clone(),
            accounts: vec![data.account.clone()],
            resources,
            unread,
            cancelled,
            cancelled_accounts: if cancelled {
                vec![data.account.clone()]
            } else {
                Vec::new()
            },
            manual: manual::items(),
            account_billing: one_account(data.account.clone(), group_billing.clone()),
            group_billing,
            last_invoice: data.invoice.clone(),
            notes: data.notes.clone(),
        }
    }

    /// An inventory of account `alias` with nothing in it: no resources, nothing unread, no
    /// manual items, no billing and no notes (tests and examples fill in what they need).
    pub fn empty(alias: &str) -> Inventory {
        Inventory {
            account: alias.to_string(),
            accounts: vec![alias.to_string()],
            resources: Vec::new(),
            unread: Vec::new(),
            cancelled: false,
            cancelled_accounts: Vec::new(),
            manual: Vec::new(),
            group_billing: BTreeMap::new(),
            account_billing: BTreeMap::new(),
            last_invoice: None,
            notes: Vec::new(),
        }
    }

    /// One inventory for a parent and its sub-accounts, each read on its own: every
    /// sub-account resource's id (and what it depends on) carries its alias, unread parts say
    /// which alias they were read for, group billing is added up per data center and kept per
    /// alias, and notes name the sub-account. Last month's invoice is the parent's.
    pub fn merge(parent: Inventory, subs: Vec<Inventory>) -> Inventory {
        let mut out = parent;
        if out.accounts.is_empty() {
            out.accounts.push(out.account.clone());
        }
        if out.cancelled && out.cancelled_accounts.is_empty() {
            out.cancelled_accounts.push(out.account.clone());
        }
        for sub in subs {
            let alias = sub.account.clone();
            if out.accounts.iter().any(|a| a.eq_ignore_ascii_case(&alias)) {
                continue;
            }
            out.accounts.push(alias.clone());
            for mut r in sub.resources {
                r.id = r.id.in_account(&alias);
                for d in &mut r.depends_on {
                    *d = d.clone().in_account(&alias);
                }
                r.account = alias.clone();
                out.resources.push(r);
            }
            out.unread.extend(sub.unread.into_iter().map(|mut u| {
                u.account = alias.clone();
                u
            }));
            if sub.cancelled {
                out.cancelled = true;
                out.cancelled_accounts.push(alias.clone());
            }
            for (dc, b) in &sub.group_billing {
                let total = out.group_billing.entry(dc.clone()).or_default();
                total.month_to_date = total.month_to_date + b.month_to_date;
                total.monthly_estimate = total.monthly_estimate + b.monthly_estimate;
                total.current_hour += b.current_hour;
            }
            out.account_billing.insert(alias.clone(), sub.group_billing);
            out.notes.extend(
                sub.notes
                    .into_iter()
                    .map(|n| format!("Sub-account {alias}: {n}")),
            );
        }
        sort_by_id(&mut out.resources);
        out
    }

    /// Every alias this inventory covers, the parent first.
    pub fn aliases(&self) -> Vec<String> {
        if self.accounts.is_empty() {
            vec![self.account.clone()]
        } else {
            self.accounts.clone()
        }
    }

    /// Whether sub-accounts were read with the parent.
    pub fn has_sub_accounts(&self) -> bool {
        self.aliases().len() > 1
    }

    /// The alias that holds `r` (the parent's when the resource predates sub-accounts).
    pub fn alias_of<'a>(&'a self, r: &'a Resource) -> &'a str {
        if r.account.is_empty() {
            &self.account
        } else {
            &r.account
        }
    }

    /// Group billing per data center of one alias.
    pub fn billing_of(&self, alias: &str) -> BTreeMap<String, BillingTotals> {
        match self.account_billing.get(alias) {
            Some(b) => b.clone(),
            None if alias == self.account => self.group_billing.clone(),
            None => BTreeMap::new(),
        }
    }

    /// The part of this inventory that one alias holds, as an inventory of its own named for
    /// that alias (its resources keep their ids, so a plan built from it names the alias).
    pub fn for_account(&self, alias: &str) -> Inventory {
        let parent = alias == self.account;
        Inventory {
            account: alias.to_string(),
            accounts: vec![alias.to_string()],
            resources: self
                .resources
                .iter()
                .filter(|r| self.alias_of(r) == alias)
                .cloned()
                .collect(),
            unread: self.unread_of(alias).cloned().collect(),
            cancelled: self.cancelled_in(alias),
            cancelled_accounts: if self.cancelled_in(alias) {
                vec![alias.to_string()]
            } else {
                Vec::new()
            },
            manual: self.manual.clone(),
            group_billing: self.billing_of(alias),
            account_billing: one_account(alias.to_string(), self.billing_of(alias)),
            last_invoice: if parent {
                self.last_invoice.clone()
            } else {
                None
            },
            notes: Vec::new(),
        }
    }

    /// The parts `alias` could not read (the parent's include those saved without an alias).
    pub fn unread_of<'a>(&'a self, alias: &'a str) -> impl Iterator<Item = &'a Unread> + 'a {
        let parent = alias == self.account;
        self.unread
            .iter()
            .filter(move |u| u.account == alias || (parent && u.account.is_empty()))
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

    /// Whether the reading of `alias` was cancelled before it finished: only that alias's own
    /// reading counts, so a cancelled sub-account leaves the parent's figures complete (an
    /// inventory that does not say which alias was cancelled counts every alias).
    pub fn cancelled_in(&self, alias: &str) -> bool {
        self.cancelled
            && (self.cancelled_accounts.is_empty()
                || self
                    .cancelled_accounts
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(alias)))
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
        crate::sorting::distinct_sorted(
            self.resources
                .iter()
                .filter_map(|r| r.data_center.as_deref())
                .chain(self.group_billing.keys().map(String::as_str)),
        )
        .into_iter()
        .map(str::to_string)
        .collect()
    }
}

/// The billing of one account, by alias: `BTreeMap::from([(alias, billing)])` without the sort
/// it compiles for its array.
fn one_account(
    alias: String,
    billing: BTreeMap<String, BillingTotals>,
) -> BTreeMap<String, BTreeMap<String, BillingTotals>> {
    let mut map = BTreeMap::new();
    map.insert(alias, billing);
    map
}
