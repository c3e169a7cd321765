//! Invoice reconciliation: each line of last month's invoice is matched, by its description
//! pattern (§6.1), to the inventory kinds that explain it. Lines nothing explains (bandwidth,
//! DNS, object storage, support) are listed so nothing billable is missed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::inventory::{Inventory, ResourceKind};

/// How one invoice line relates to the inventory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "kinds")]
pub enum LineCategory {
    /// Charged for resources of these kinds (which the inventory tracks).
    Explained(Vec<ResourceKind>),
    /// Servers deleted during that month: past usage, nothing left to delete.
    DeletedServers,
    /// A credit or discount.
    Credit,
    /// No inventory kind explains it.
    Unexplained,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReconciledLine {
    pub description: String,
    pub data_center: Option<String>,
    pub total: f64,
    pub category: LineCategory,
    /// Resources of the explaining kinds in the line's data center now.
    pub found_now: usize,
    /// What to do about an unexplained line.
    pub hint: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceReconciliation {
    pub invoice_date: Option<String>,
    pub explained: Vec<ReconciledLine>,
    pub unexplained: Vec<ReconciledLine>,
}

impl InvoiceReconciliation {
    /// The invoice's calendar day, for the page to say in the customer's locale: the API
    /// gives `2026-12-01T00:00:00Z`; `None` when absent or not a date.
    pub fn invoice_day(&self) -> Option<chrono::NaiveDate> {
        crate::date_text::iso_date_of(self.invoice_date.as_deref()?.get(..10)?)
    }
}

/// Reconciles the inventory's last invoice; `None` when it was not read.
pub fn reconcile_invoice(inventory: &Inventory) -> Option<InvoiceReconciliation> {
    let invoice = inventory.last_invoice.as_ref()?;
    let mut result = InvoiceReconciliation {
        invoice_date: invoice.invoice_date.clone(),
        explained: Vec::new(),
        unexplained: Vec::new(),
    };
    // How many resources of each kind each data center holds (`None`: account-wide), counted
    // once: a line is matched against these few counts, not against every resource.
    let mut held: BTreeMap<(ResourceKind, Option<&str>), usize> = BTreeMap::new();
    for r in &inventory.resources {
        *held
            .entry((r.id.kind, r.data_center.as_deref()))
            .or_default() += 1;
    }
    for item in &invoice.line_items {
        let description = item.description.clone().unwrap_or_default();
        let total = item.item_total.unwrap_or_default();
        let data_center = item
            .service_location
            .as_deref()
            .map(str::to_ascii_uppercase);
        let category = categorise(&description, total);
        let found_now = match &category {
            LineCategory::Explained(kinds) => held
                .iter()
                .filter(|((kind, _), _)| kinds.contains(kind))
                .filter(|((_, dc), _)| match (&data_center, dc) {
                    (Some(line_dc), Some(dc)) => line_dc == dc,
                    _ => true,
                })
                .map(|(_, n)| n)
                .sum(),
            _ => 0,
        };
        let unexplained = category == LineCategory::Unexplained;
        let line = ReconciledLine {
            hint: unexplained.then(|| hint(&description)),
            description,
            data_center,
            total,
            category,
            found_now,
        };
        if unexplained {
            result.unexplained.push(line);
        } else {
            result.explained.push(line);
        }
    }
    Some(result)
}

fn categorise(description: &str, total: f64) -> LineCategory {
    use ResourceKind as K;
    let d = description.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| d.contains(w));
    if total < 0.0 || has(&["credit", "discount", "free account"]) {
        return LineCategory::Credit;
    }
    if has(&["deleted servers"]) {
        return LineCategory::DeletedServers;
    }
    let kinds: &[ResourceKind] = if has(&[
        "server group:",
        "archived servers",
        "templates -",
        "managed operating system",
        "managed application",
        "bare metal",
    ]) {
        &[K::Server, K::ArchivedServer, K::Template]
    } else if has(&["external ip", "public ip"]) {
        &[K::PublicIp]
    } else if has(&["shared load balancer", "load balanced vip"]) {
        &[K::SharedLoadBalancer]
    } else if has(&["additional network"]) {
        &[K::Network]
    } else if has(&["site to site vpn", "site-to-site vpn"]) {
        &[K::SiteToSiteVpn]
    } else if has(&["relational db", "rdbs", "mysql"]) {
        &[K::RdbsSubscription]
    } else if has(&["simple backup", "backup storage"]) {
        &[K::BackupServerPolicy]
    } else {
        return LineCategory::Unexplained;
    };
    LineCategory::Explained(kinds.to_vec())
}

fn hint(description: &str) -> String {
    let d = description.to_ascii_lowercase();
    let text = if d.contains("bandwidth") {
        "Billed per GB sent out of the data center; it stops once the servers, public IPs and load balancers there are gone."
    } else if d.contains("dns") {
        "Managed DNS has no API: delete the zones in the Control Portal (see the manual items)."
    } else if d.contains("object storage") || d.contains("storage (gb)") {
        "Object Storage is not visible with the sign-in token: empty and delete the buckets (see the manual items)."
    } else if d.contains("smtp") {
        "Remove the SMTP relay aliases in the Control Portal (see the manual items)."
    } else if d.contains("support") {
        "Support plans are a contract item: ask CenturyLink support to end it with the account."
    } else {
        "Not found by the scan: check this charge in the Control Portal or ask CenturyLink support what it is."
    };
    text.into()
}
