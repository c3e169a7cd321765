//! What the account costs: summaries per kind and per data center, the live billing figures
//! (group billing for servers, RDBS billing), what still accrues per hour (billed where the API
//! gives it, list-price estimates elsewhere, each labelled), and the invoice reconciliation.

mod reconcile;

use std::collections::BTreeMap;

use clc::Money;
use serde::{Deserialize, Serialize};

pub use reconcile::{reconcile_invoice, InvoiceReconciliation, LineCategory, ReconciledLine};

use crate::inventory::{BillingTotals, CostBasis, Inventory, Resource, ResourceKind, Unread};

/// A rate as every screen and the record write it: `$0.123/h`.
pub fn per_hour(dollars: f64) -> String {
    // An empty sum of f64 is -0.0, which would print as "$-0.000/h".
    format!("${:.3}/h", dollars + 0.0)
}

/// Totals over a set of resources. Sums include only known figures; `unknown_cost` counts the
/// resources whose cost could not be read, and `incomplete` says a part covering them failed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    pub count: usize,
    pub hourly: f64,
    pub month_to_date: Money,
    pub monthly_estimate: Money,
    /// Some of `hourly` / `monthly_estimate` comes from list prices, not from billing.
    pub includes_estimates: bool,
    pub unknown_cost: usize,
    pub incomplete: bool,
}

impl Totals {
    fn add(&mut self, r: &Resource) {
        self.count += 1;
        match r.cost.hourly {
            Some(h) => self.hourly += h,
            None => self.unknown_cost += 1,
        }
        self.month_to_date = self.month_to_date + r.cost.month_to_date.unwrap_or(Money::ZERO);
        self.monthly_estimate =
            self.monthly_estimate + r.cost.monthly_estimate.unwrap_or(Money::ZERO);
        self.includes_estimates |= r.cost.is_estimate();
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KindSummary {
    pub kind: ResourceKind,
    pub totals: Totals,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataCenterSummary {
    /// Upper case; `None` for account-wide resources.
    pub data_center: Option<String>,
    pub totals: Totals,
}

/// One line per kind that has resources or could not be fully read, in [`ResourceKind::ALL`] order.
pub fn by_kind(inventory: &Inventory) -> Vec<KindSummary> {
    ResourceKind::ALL
        .iter()
        .filter_map(|&kind| {
            let mut totals = Totals::default();
            inventory.of_kind(kind).for_each(|r| totals.add(r));
            totals.incomplete = inventory.may_be_incomplete(kind, None);
            (totals.count > 0 || totals.incomplete).then_some(KindSummary { kind, totals })
        })
        .collect()
}

/// One line per data center (sorted), then one for account-wide resources if there are any.
pub fn by_data_center(inventory: &Inventory) -> Vec<DataCenterSummary> {
    let data_centers = inventory.data_centers();
    // One pass over the resources, each added to its line in the inventory's order (so every
    // sum is the same as one pass per data center would make it).
    let mut totals = vec![Totals::default(); data_centers.len()];
    let mut account_wide = Totals::default();
    for r in &inventory.resources {
        match r.data_center.as_deref() {
            Some(dc) => {
                if let Ok(at) = data_centers.binary_search_by(|d| d.as_str().cmp(dc)) {
                    totals[at].add(r);
                }
            }
            None => account_wide.add(r),
        }
    }
    let mut lines: Vec<DataCenterSummary> = data_centers
        .into_iter()
        .zip(totals)
        .map(|(dc, mut totals)| {
            totals.incomplete = inventory.unread.iter().any(|u| {
                u.data_center
                    .as_deref()
                    .is_some_and(|d| d.eq_ignore_ascii_case(&dc))
            });
            DataCenterSummary {
                data_center: Some(dc),
                totals,
            }
        })
        .collect();
    account_wide.incomplete = inventory.unread.iter().any(|u| u.data_center.is_none());
    if account_wide.count > 0 || account_wide.incomplete {
        lines.push(DataCenterSummary {
            data_center: None,
            totals: account_wide,
        });
    }
    lines
}

/// One alias's totals (the parent's or a sub-account's).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountSummary {
    pub account: String,
    /// The parent, whose sub-accounts are billed to it.
    pub parent: bool,
    pub totals: Totals,
    /// That alias's live billing figures (group billing and RDBS).
    pub live: LiveBilling,
}

/// One line per alias read, the parent first; their totals add up to the whole inventory's.
pub fn by_account(inventory: &Inventory) -> Vec<AccountSummary> {
    inventory
        .aliases()
        .into_iter()
        .enumerate()
        .map(|(i, alias)| {
            let mut totals = Totals::default();
            inventory
                .resources
                .iter()
                .filter(|r| inventory.alias_of(r) == alias)
                .for_each(|r| totals.add(r));
            // What `live_billing(&inventory.for_account(&alias))` gives, without copying the
            // alias's resources into an inventory of their own.
            let rdbs = inventory
                .of_kind(ResourceKind::RdbsSubscription)
                .filter(|r| inventory.alias_of(r) == alias);
            let live = billing_of(
                rdbs,
                &inventory.billing_of(&alias),
                inventory.unread_of(&alias),
            );
            totals.incomplete =
                inventory.unread_of(&alias).next().is_some() || inventory.cancelled_in(&alias);
            AccountSummary {
                live,
                account: alias,
                parent: i == 0,
                totals,
            }
        })
        .collect()
}

/// What still accrues per hour for one kind, and where the figure comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccrualLine {
    pub kind: ResourceKind,
    pub count: usize,
    pub hourly: f64,
    /// `Billed` or `ListPriceEstimate`.
    pub basis: CostBasis,
    /// Resources of this kind whose rate is unknown (billing not read).
    pub unknown: usize,
}

/// The amount still accruing per hour. Invariant: `billed_hourly + estimated_hourly ==`
/// the sum of `lines`' hourly.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Accrual {
    pub billed_hourly: f64,
    pub estimated_hourly: f64,
    pub lines: Vec<AccrualLine>,
}

impl Accrual {
    pub fn total_hourly(&self) -> f64 {
        self.billed_hourly + self.estimated_hourly
    }
}

/// Billable kinds that accrue: servers from billing, the rest from list prices (§6.6).
pub fn accrual(inventory: &Inventory) -> Accrual {
    let mut accrual = Accrual::default();
    for basis in [
        CostBasis::Billed,
        CostBasis::ListPriceEstimate,
        CostBasis::Unknown,
    ] {
        for kind in ResourceKind::ALL {
            let matching: Vec<&Resource> = inventory
                .of_kind(kind)
                .filter(|r| r.cost.basis == basis)
                .collect();
            if matching.is_empty() {
                continue;
            }
            let hourly: f64 = matching.iter().filter_map(|r| r.cost.hourly).sum();
            match basis {
                CostBasis::Billed => accrual.billed_hourly += hourly,
                CostBasis::ListPriceEstimate => accrual.estimated_hourly += hourly,
                _ => {}
            }
            let unknown = if basis == CostBasis::Unknown {
                matching.len()
            } else {
                0
            };
            accrual.lines.push(AccrualLine {
                kind,
                count: matching.len(),
                hourly,
                basis,
                unknown,
            });
        }
    }
    accrual
}

/// The live figures the API gives: group billing (servers, archives, templates) plus RDBS.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LiveBilling {
    pub servers_month_to_date: Money,
    pub servers_monthly_estimate: Money,
    pub rdbs_month_to_date: Money,
    pub rdbs_monthly_estimate: Money,
    /// A data center's group billing could not be read, so the server figures are partial.
    pub incomplete: bool,
}

impl LiveBilling {
    pub fn month_to_date(&self) -> Money {
        self.servers_month_to_date + self.rdbs_month_to_date
    }

    pub fn monthly_estimate(&self) -> Money {
        self.servers_monthly_estimate + self.rdbs_monthly_estimate
    }
}

pub fn live_billing(inventory: &Inventory) -> LiveBilling {
    billing_of(
        inventory.of_kind(ResourceKind::RdbsSubscription),
        &inventory.group_billing,
        inventory.unread.iter(),
    )
}

/// [`live_billing`] of these RDBS subscriptions, group billing and unread parts.
fn billing_of<'a>(
    rdbs: impl Iterator<Item = &'a Resource>,
    group_billing: &BTreeMap<String, BillingTotals>,
    mut unread: impl Iterator<Item = &'a Unread>,
) -> LiveBilling {
    let (rdbs_mtd, rdbs_estimate) = rdbs.fold((Money::ZERO, Money::ZERO), |(m, e), r| {
        (
            m + r.cost.month_to_date.unwrap_or(Money::ZERO),
            e + r.cost.monthly_estimate.unwrap_or(Money::ZERO),
        )
    });
    LiveBilling {
        servers_month_to_date: group_billing.values().map(|b| b.month_to_date).sum(),
        servers_monthly_estimate: group_billing.values().map(|b| b.monthly_estimate).sum(),
        rdbs_month_to_date: rdbs_mtd,
        rdbs_monthly_estimate: rdbs_estimate,
        incomplete: unread.any(|u| {
            matches!(
                u.part,
                crate::scan::Part::GroupBilling { .. } | crate::scan::Part::DataCenters
            )
        }),
    }
}
