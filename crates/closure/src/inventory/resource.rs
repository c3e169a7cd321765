//! One thing in the account: its identity ([`ResourceKind`] + id), where it lives, its
//! [`ResourceState`], its [`Cost`], what it depends on, and whether it may or should be deleted.

use clc::Money;
use serde::{Deserialize, Serialize};

/// Every kind of resource the scan can find through the bearer-token API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ResourceKind {
    Group,
    Server,
    Template,
    ArchivedServer,
    PublicIp,
    Snapshot,
    SharedLoadBalancer,
    LoadBalancerPool,
    Network,
    FirewallPolicy,
    CrossDcFirewallPolicy,
    SiteToSiteVpn,
    AlertPolicy,
    AntiAffinityPolicy,
    AutoscalePolicy,
    Webhook,
    RdbsSubscription,
    BackupServerPolicy,
}

impl ResourceKind {
    pub const ALL: [ResourceKind; 18] = [
        ResourceKind::Group,
        ResourceKind::Server,
        ResourceKind::Template,
        ResourceKind::ArchivedServer,
        ResourceKind::PublicIp,
        ResourceKind::Snapshot,
        ResourceKind::SharedLoadBalancer,
        ResourceKind::LoadBalancerPool,
        ResourceKind::Network,
        ResourceKind::FirewallPolicy,
        ResourceKind::CrossDcFirewallPolicy,
        ResourceKind::SiteToSiteVpn,
        ResourceKind::AlertPolicy,
        ResourceKind::AntiAffinityPolicy,
        ResourceKind::AutoscalePolicy,
        ResourceKind::Webhook,
        ResourceKind::RdbsSubscription,
        ResourceKind::BackupServerPolicy,
    ];

    /// A short English label, as shown in tables and CSV (`public IP`, `shared load balancer`).
    pub fn label(self) -> &'static str {
        match self {
            ResourceKind::Group => "group",
            ResourceKind::Server => "server",
            ResourceKind::Template => "template",
            ResourceKind::ArchivedServer => "archived server",
            ResourceKind::PublicIp => "public IP",
            ResourceKind::Snapshot => "snapshot",
            ResourceKind::SharedLoadBalancer => "shared load balancer",
            ResourceKind::LoadBalancerPool => "load balancer pool",
            ResourceKind::Network => "network",
            ResourceKind::FirewallPolicy => "firewall policy",
            ResourceKind::CrossDcFirewallPolicy => "cross-DC firewall policy",
            ResourceKind::SiteToSiteVpn => "site-to-site VPN",
            ResourceKind::AlertPolicy => "alert policy",
            ResourceKind::AntiAffinityPolicy => "anti-affinity policy",
            ResourceKind::AutoscalePolicy => "autoscale policy",
            ResourceKind::Webhook => "webhook",
            ResourceKind::RdbsSubscription => "RDBS subscription",
            ResourceKind::BackupServerPolicy => "backup server policy",
        }
    }

    /// Kinds that are one API object seen in different lifecycles share a family, so a server
    /// that gets archived is "changed", not "removed and added", in a diff.
    pub fn family(self) -> ResourceKind {
        match self {
            ResourceKind::Template | ResourceKind::ArchivedServer => ResourceKind::Server,
            other => other,
        }
    }
}

/// A resource's identity. Invariant: unique within one inventory; `id` is the API's id in its
/// canonical form (lowercase server ids, the address for public IPs, `server/snapshot` for
/// snapshots, the event name for webhooks).
///
/// `account` is the sub-account alias for a resource of a sub-account, and empty for the parent
/// (the alias the inventory or plan is named for): two sub-accounts may hold the same id (a
/// webhook's event name), and what older journals stored (no alias) reads as the parent's.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ResourceId {
    pub kind: ResourceKind,
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub account: String,
}

impl ResourceId {
    pub fn new(kind: ResourceKind, id: impl Into<String>) -> ResourceId {
        ResourceId {
            kind,
            id: id.into(),
            account: String::new(),
        }
    }

    /// The same id in a sub-account (`alias`), or in the parent when `alias` is empty.
    pub fn in_account(mut self, alias: &str) -> ResourceId {
        self.account = alias.to_string();
        self
    }
}

/// Where a resource is in its life, in the words the closure app shows. Ordered only so that
/// distinct states can be found in O(n log n) (`sorting::distinct_sorted`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ResourceState {
    Running,
    Stopped,
    Paused,
    Archived,
    UnderConstruction,
    QueuedForDelete,
    QueuedForRestore,
    Active,
    Inactive,
    Enabled,
    Disabled,
    Pending,
    Failed,
    /// The API reported nothing usable (e.g. a server without `details`).
    Unknown,
    /// A state the API reported that has no name here; kept as sent.
    Other(String),
}

impl ResourceState {
    /// Maps a status string as the API sends it (any case) to a state.
    pub fn from_api(status: &str) -> ResourceState {
        match status.trim().to_ascii_lowercase().as_str() {
            "" => ResourceState::Unknown,
            "active" | "ready" | "success" | "configured" => ResourceState::Active,
            "inactive" => ResourceState::Inactive,
            "enabled" => ResourceState::Enabled,
            "disabled" => ResourceState::Disabled,
            "pending" | "provisioning" | "configuring" | "pending_install" => {
                ResourceState::Pending
            }
            "error" | "failed" => ResourceState::Failed,
            "archived" => ResourceState::Archived,
            "queuedfordelete" => ResourceState::QueuedForDelete,
            _ => ResourceState::Other(status.trim().to_string()),
        }
    }

    pub fn label(&self) -> String {
        match self {
            ResourceState::Running => "running".into(),
            ResourceState::Stopped => "stopped".into(),
            ResourceState::Paused => "paused".into(),
            ResourceState::Archived => "archived".into(),
            ResourceState::UnderConstruction => "under construction".into(),
            ResourceState::QueuedForDelete => "queued for delete".into(),
            ResourceState::QueuedForRestore => "queued for restore".into(),
            ResourceState::Active => "active".into(),
            ResourceState::Inactive => "inactive".into(),
            ResourceState::Enabled => "enabled".into(),
            ResourceState::Disabled => "disabled".into(),
            ResourceState::Pending => "pending".into(),
            ResourceState::Failed => "failed".into(),
            ResourceState::Unknown => "unknown".into(),
            ResourceState::Other(s) => s.clone(),
        }
    }
}

/// Where a cost figure comes from. Only `Billed` figures are the platform's own numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CostBasis {
    /// From the API's billing (group billing for servers, RDBS billing).
    Billed,
    /// Estimated from the 2020 list price (`clc-api.md` §6.6); labelled as an estimate.
    ListPriceEstimate,
    /// Part of another resource's bill (snapshots in their server's storage, pools in their
    /// load balancer).
    IncludedInParent,
    /// Costs nothing (policies, webhooks, groups, the free primary network).
    Free,
    /// Billable, but the figure could not be read (its billing part failed or was not run).
    Unknown,
}

/// A resource's charges in US dollars. Invariant: `hourly` is `None` exactly when the basis is
/// `Unknown`; free and included resources have `Some(0.0)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cost {
    pub basis: CostBasis,
    /// What accrues per hour now.
    pub hourly: Option<f64>,
    /// Charges so far this month (only where the API gives it).
    pub month_to_date: Option<Money>,
    /// The month's projected total (only where the API gives it).
    pub monthly_estimate: Option<Money>,
}

impl Cost {
    pub fn free() -> Cost {
        Cost::zero(CostBasis::Free)
    }

    pub fn included_in_parent() -> Cost {
        Cost::zero(CostBasis::IncludedInParent)
    }

    pub fn unknown() -> Cost {
        Cost {
            basis: CostBasis::Unknown,
            hourly: None,
            month_to_date: None,
            monthly_estimate: None,
        }
    }

    /// A list-price estimate from a monthly price (730 hours a month, as the price list uses).
    pub fn list_price_monthly(dollars_per_month: f64) -> Cost {
        Cost {
            basis: CostBasis::ListPriceEstimate,
            hourly: Some(dollars_per_month / HOURS_PER_MONTH),
            month_to_date: None,
            monthly_estimate: Some(Money::from_dollars(dollars_per_month)),
        }
    }

    pub fn list_price_hourly(dollars_per_hour: f64) -> Cost {
        Cost {
            basis: CostBasis::ListPriceEstimate,
            hourly: Some(dollars_per_hour),
            month_to_date: None,
            monthly_estimate: Some(Money::from_dollars(dollars_per_hour * HOURS_PER_MONTH)),
        }
    }

    fn zero(basis: CostBasis) -> Cost {
        Cost {
            basis,
            hourly: Some(0.0),
            month_to_date: None,
            monthly_estimate: None,
        }
    }

    pub fn is_estimate(&self) -> bool {
        self.basis == CostBasis::ListPriceEstimate
    }
}

/// Hours in a billing month as the price list counts them.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// Why a resource is kept out of the closure even though it is in the account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Keep {
    /// `<DC> Hardware`, `Archive`, `Templates`: the platform does not allow deleting them.
    SystemGroup,
    /// The data center's free primary VLAN, which the client VPN depends on. `certain` is false
    /// when the API could not tell and `reason` says why this network was picked.
    FreePrimaryNetwork { certain: bool, reason: String },
}

/// One resource of the inventory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resource {
    pub id: ResourceId,
    /// The alias of the account that holds it (the parent's or a sub-account's); empty in an
    /// inventory saved before sub-accounts were read, which means the inventory's own account.
    #[serde(default)]
    pub account: String,
    /// The name a person knows it by (falls back to the id).
    pub name: String,
    /// Upper-case data-center code; `None` for account-wide resources.
    pub data_center: Option<String>,
    /// Group names from the data center's root down, joined with ` / `.
    pub group_path: Option<String>,
    pub state: ResourceState,
    pub cost: Cost,
    /// What must exist for this resource to exist or work (public IP → server, pool → load
    /// balancer, server → group and networks). Only ids present in the inventory are listed.
    pub depends_on: Vec<ResourceId>,
    /// The API offers deletion to this user (a `DELETE` verb on its self link, role-filtered,
    /// or a documented delete endpoint where the API sends no links).
    pub deletable: bool,
    pub keep: Option<Keep>,
    /// Facts worth showing next to it (e.g. "3 claimed IP addresses").
    pub notes: Vec<String>,
}

impl Resource {
    /// Whether it adds to the bill while it exists, whatever the plan or the gate decide about
    /// it: the one rule the plan, the gate, the record and the page all use, so the gate never
    /// waits on something the plan would not delete, nor the plan skip something the gate
    /// counts. What the platform keeps (system groups, the free primary network) never bills the
    /// customer. Servers, templates and archived servers always bill (their storage does, even
    /// when the hour shows zero); otherwise not when free or included in a parent's bill, nor
    /// when its known hourly rate is zero.
    pub fn bills(&self) -> bool {
        self.keep.is_none()
            && (self.id.kind.family() == ResourceKind::Server
                || !matches!(
                    self.cost.basis,
                    CostBasis::Free | CostBasis::IncludedInParent
                ) && self.cost.hourly.is_none_or(|h| h > 0.0))
    }
}

#[cfg(test)]
mod bills_tests {
    use super::*;

    fn resource(kind: ResourceKind, basis: CostBasis, hourly: Option<f64>) -> Resource {
        Resource {
            id: ResourceId::new(kind, "x"),
            account: String::new(),
            name: "x".into(),
            data_center: Some("VA1".into()),
            group_path: None,
            state: ResourceState::Active,
            cost: Cost {
                basis,
                hourly,
                month_to_date: None,
                monthly_estimate: None,
            },
            depends_on: Vec::new(),
            deletable: true,
            keep: None,
            notes: Vec::new(),
        }
    }

    #[test]
    fn one_rule_for_what_bills() {
        use CostBasis::*;
        use ResourceKind::*;
        let table = [
            (Server, Billed, Some(0.0), true),
            (Server, Free, None, true),
            (ArchivedServer, Billed, Some(0.0), true),
            (Template, IncludedInParent, None, true),
            (Network, ListPriceEstimate, Some(0.062), true),
            (Network, ListPriceEstimate, Some(0.0), false),
            (SharedLoadBalancer, Unknown, None, true),
            (SharedLoadBalancer, Billed, Some(0.0), false),
            (LoadBalancerPool, IncludedInParent, Some(0.1), false),
            (Group, Free, Some(0.0), false),
            (RdbsSubscription, Billed, Some(0.0), false),
            (RdbsSubscription, Billed, Some(0.2), true),
            (Webhook, Free, None, false),
        ];
        for (kind, basis, hourly, bills) in table {
            let r = resource(kind, basis, hourly);
            assert_eq!(r.bills(), bills, "{kind:?} {basis:?} {hourly:?}");
        }
        // Whatever its cost, what the platform keeps does not bill the customer.
        let mut primary = resource(Network, ListPriceEstimate, Some(0.062));
        primary.keep = Some(Keep::FreePrimaryNetwork {
            reason: "the client VPN uses it".into(),
            certain: true,
        });
        assert!(!primary.bills());
        let mut kept_server = resource(Server, Billed, Some(0.1));
        kept_server.keep = Some(Keep::SystemGroup);
        assert!(!kept_server.bills());
    }
}
