//! The deletion plan (pure): from an [`Inventory`](crate::Inventory) and a [`Selection`], the
//! dependency-ordered [`Step`]s of `clc-api.md` §8.2 and the explicit [`Exclusion`]s with their
//! reasons. The plan is also the dry run: counts and savings, nothing sent.
//!
//! - [`step`]: steps, phases and delete calls as plain data (what the executor and journal use).
//! - [`selection`]: what the user chose (default: everything that bills).
//! - `build`: inventory + selection → plan (group-delete equivalence, roles, cost order).

pub(crate) mod build;
mod order;
mod request;
pub mod selection;
pub mod step;
mod wire;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use selection::Selection;
pub use step::{DeleteCall, DeletionPhase, Step, StepId};

use crate::inventory::{ResourceId, ResourceKind};

/// Why a resource of the inventory is not deleted by the plan.
/// Stored as `{"reason":"stillUsed","by":"…"}`: the tag (the variant's name in camelCase), then
/// the variant's field. Written and read through flat structs (`plan::wire`), a fraction of the
/// code of the derived form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExclusionReason {
    /// The data center's free primary network, which the client VPN (OpenVPN) uses.
    FreePrimaryNetwork { detail: String },
    /// `<DC> Hardware`, `Archive`, `Templates`: the platform does not allow deleting them.
    SystemGroup,
    /// The token's roles do not allow deleting it (no `DELETE` verb on its links).
    NotPermitted,
    /// A free item the user did not choose (alert policies, autoscale, webhooks, empty groups).
    FreeNotChosen,
    /// The user deselected it, or kept it for now.
    NotSelected,
    /// Data nobody marked in step 2 as retrieved or not needed: its own (`what` is "its data")
    /// or a child's that its delete would take (e.g. "its snapshot nightly").
    DataNotMarked { what: String },
    /// A server that stays still uses it (a network with its addresses).
    StillUsed { by: String },
    /// It goes with its server, which stays (an autoscale mapping of a server being deleted is
    /// removed with that server instead).
    NoDeleteCall { detail: String },
}

impl Serialize for ExclusionReason {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        wire::ExclusionReasonOut::of(self).serialize(serializer)
    }
}

impl ExclusionReason {
    /// The sentence shown next to the excluded item.
    pub fn sentence(&self) -> String {
        match self {
            ExclusionReason::FreePrimaryNetwork { detail } => format!(
                "Kept: the free primary network of this data center, which the client VPN \
                 depends on ({detail})."
            ),
            ExclusionReason::SystemGroup => {
                "Kept: a system group, which CenturyLink Cloud does not allow deleting.".into()
            }
            ExclusionReason::NotPermitted => "Kept: your user is not allowed to delete it. Ask \
                 an account administrator to delete it, or to give your user the needed role."
                .into(),
            ExclusionReason::FreeNotChosen => {
                "Kept: it costs nothing; choose it to remove it too.".into()
            }
            ExclusionReason::NotSelected => "Kept: you kept it out of the plan.".into(),
            ExclusionReason::DataNotMarked { what } => format!(
                "Kept: {what} is not marked in step 2 as retrieved or not needed. Mark it there, \
                 or choose to delete unmarked data too."
            ),
            ExclusionReason::StillUsed { by } => {
                format!("Kept: {by} stays and still uses it, so it cannot be released.")
            }
            ExclusionReason::NoDeleteCall { detail } => format!("Kept: {detail}."),
        }
    }
}

/// A resource the plan leaves in place, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Exclusion {
    pub resource: ResourceId,
    pub label: String,
    pub data_center: Option<String>,
    pub reason: ExclusionReason,
    /// What it keeps costing per hour (`None`: unknown).
    pub hourly_cost: Option<f64>,
}

impl Exclusion {
    /// Whether it keeps billing (unknown cost counts as billing).
    pub fn bills(&self) -> bool {
        self.hourly_cost.is_none_or(|h| h > 0.0)
    }
}

/// The dry run: an ordered list of steps and the exclusions.
///
/// With sub-accounts the plan has one part per alias, sub-accounts first (in the order they
/// were listed), the parent last: the executor sends nothing for an alias while an earlier
/// alias still has steps it can send or follow.
///
/// Invariants: within one alias, `steps` are sorted by phase, then by hourly saving (biggest
/// first), then by id; every `waits_for` refers to an earlier phase's step of the same alias;
/// no resource is removed by two steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub account: String,
    pub steps: Vec<Step>,
    pub exclusions: Vec<Exclusion>,
}

/// Counts and savings of one phase, for the dry-run summary.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhaseSummary {
    pub steps: usize,
    /// Resources removed, including what goes with them.
    pub removes: usize,
    pub known_hourly_saving: f64,
    /// Some step's saving is unknown.
    pub saving_incomplete: bool,
}

impl Plan {
    /// Builds the plan from an inventory and a selection. Pure and deterministic.
    pub fn build(inventory: &crate::Inventory, selection: &Selection) -> Plan {
        build::plan(inventory, selection)
    }

    /// Everything that bills, data nobody marked included: for tests and tools. The page always
    /// builds from a [`Selection`] with the customer's marks, which holds unmarked data back.
    pub fn everything_billable(inventory: &crate::Inventory) -> Plan {
        Plan::build(inventory, &Selection::billable().deleting_unmarked_data())
    }

    /// The alias a step's requests go to (a step journaled before sub-accounts: the plan's).
    pub fn alias_of<'a>(&'a self, step: &'a Step) -> &'a str {
        if step.account.is_empty() {
            &self.account
        } else {
            &step.account
        }
    }

    /// The alias of an excluded resource (or of any resource id of this plan).
    pub fn alias_of_resource<'a>(&'a self, id: &'a ResourceId) -> &'a str {
        if id.account.is_empty() {
            &self.account
        } else {
            &id.account
        }
    }

    /// Every alias the plan touches, in run order: sub-accounts first, then the parent (which
    /// is always listed, even with nothing to delete).
    pub fn aliases(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let steps = self.steps.iter().map(|s| self.alias_of(s));
        let excluded = self
            .exclusions
            .iter()
            .map(|e| self.alias_of_resource(&e.resource));
        for alias in steps.chain(excluded) {
            if alias != self.account && !out.iter().any(|a| a == alias) {
                out.push(alias.to_string());
            }
        }
        out.push(self.account.clone());
        out
    }

    pub fn step(&self, id: &StepId) -> Option<&Step> {
        self.steps.iter().find(|s| &s.id == id)
    }

    /// The step that removes this resource, if any (directly or as part of a group).
    pub fn step_removing(&self, resource: &ResourceId) -> Option<&Step> {
        self.steps.iter().find(|s| s.removes.contains(resource))
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Dollars per hour the whole plan stops (known part).
    pub fn known_hourly_saving(&self) -> f64 {
        self.steps.iter().map(|s| s.known_hourly_saving).sum()
    }

    /// Counts and savings per phase, in phase order (phases without steps are left out).
    pub fn summary(&self) -> BTreeMap<DeletionPhase, PhaseSummary> {
        let mut out: BTreeMap<DeletionPhase, PhaseSummary> = BTreeMap::new();
        for step in &self.steps {
            let entry = out.entry(step.phase).or_default();
            entry.steps += 1;
            entry.removes += step.removes.len();
            entry.known_hourly_saving += step.known_hourly_saving;
            entry.saving_incomplete |= step.hourly_saving.is_none();
        }
        out
    }

    /// How many resources of `kind` the plan removes (directly or with their parent).
    pub fn removes_count(&self, kind: ResourceKind) -> usize {
        self.steps
            .iter()
            .flat_map(|s| &s.removes)
            .filter(|r| r.kind == kind)
            .count()
    }
}
