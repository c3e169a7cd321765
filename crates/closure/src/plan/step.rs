//! The vocabulary of a deletion plan as plain, serializable data: a [`Step`] says what one
//! destructive call removes, in which [`DeletionPhase`], how to make it ([`DeleteCall`]), what it
//! saves per hour and which steps it waits for. Steps are journaled verbatim, so a plan can be
//! resumed without the inventory that produced it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::inventory::{ResourceId, ResourceKind};

/// A step's identity, stable across plan rebuilds of the same inventory: `<kind>:<id>`
/// (e.g. `server:va1demoweb01`), after `<ALIAS>/` for a sub-account's resource
/// (`DEMS/server:va1demsweb01`). Invariant: unique within a plan.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StepId(pub String);

impl StepId {
    pub fn for_resource(id: &ResourceId) -> StepId {
        let kind = kind_name(id.kind);
        if id.account.is_empty() {
            StepId(format!("{kind}:{}", id.id))
        } else {
            StepId(format!("{}/{kind}:{}", id.account, id.id))
        }
    }
}

/// The kind as its `Serialize` writes it (`publicIp`), spelt out rather than asked of
/// `serde_json::to_value`, the app's only use of `Value`'s serialiser (tested against it).
fn kind_name(kind: ResourceKind) -> &'static str {
    match kind {
        ResourceKind::Group => "group",
        ResourceKind::Server => "server",
        ResourceKind::Template => "template",
        ResourceKind::ArchivedServer => "archivedServer",
        ResourceKind::PublicIp => "publicIp",
        ResourceKind::Snapshot => "snapshot",
        ResourceKind::SharedLoadBalancer => "sharedLoadBalancer",
        ResourceKind::LoadBalancerPool => "loadBalancerPool",
        ResourceKind::Network => "network",
        ResourceKind::FirewallPolicy => "firewallPolicy",
        ResourceKind::CrossDcFirewallPolicy => "crossDcFirewallPolicy",
        ResourceKind::SiteToSiteVpn => "siteToSiteVpn",
        ResourceKind::AlertPolicy => "alertPolicy",
        ResourceKind::AntiAffinityPolicy => "antiAffinityPolicy",
        ResourceKind::AutoscalePolicy => "autoscalePolicy",
        ResourceKind::Webhook => "webhook",
        ResourceKind::RdbsSubscription => "rdbsSubscription",
        ResourceKind::BackupServerPolicy => "backupServerPolicy",
    }
}

impl fmt::Display for StepId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The order of `clc-api.md` §8.2, then the optional tidy-up of free items. Derived `Ord` is
/// the execution order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DeletionPhase {
    /// Simple Backup server policies: otherwise new backups keep adding stored GB.
    BackupPolicies,
    /// Shared load balancers (and stray pools): frees the VIPs.
    LoadBalancers,
    SiteToSiteVpns,
    Databases,
    /// Servers (running, stopped, paused, archived, templates), whole user groups, and stray
    /// public IPs or snapshots whose server stays.
    Servers,
    /// Intra- and cross-DC firewall policies, after the servers of their data center.
    FirewallPolicies,
    /// Network release, once no server uses them.
    Networks,
    /// Free items the user chose to remove: alert policies, autoscale mappings, webhooks.
    TidyUp,
}

impl DeletionPhase {
    pub const ALL: [DeletionPhase; 8] = [
        DeletionPhase::BackupPolicies,
        DeletionPhase::LoadBalancers,
        DeletionPhase::SiteToSiteVpns,
        DeletionPhase::Databases,
        DeletionPhase::Servers,
        DeletionPhase::FirewallPolicies,
        DeletionPhase::Networks,
        DeletionPhase::TidyUp,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DeletionPhase::BackupPolicies => "Backup policies",
            DeletionPhase::LoadBalancers => "Load balancers",
            DeletionPhase::SiteToSiteVpns => "Site-to-site VPNs",
            DeletionPhase::Databases => "Databases",
            DeletionPhase::Servers => "Servers",
            DeletionPhase::FirewallPolicies => "Firewall policies",
            DeletionPhase::Networks => "Networks",
            DeletionPhase::TidyUp => "Free items",
        }
    }
}

/// Exactly what to send: enough to call the right `clc::Client` delete method. Account-scoped
/// calls use the step's account alias (see [`Step::account`]).
///
/// Stored as `{"call":"publicIp","serverId":"…","ip":"…"}`: the tag (the variant's name in
/// camelCase), then the variant's fields in camelCase, in the order declared here. Written and
/// read through flat structs (`plan::wire`), a fraction of the code of the derived form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeleteCall {
    /// An empty `account_policy_id` (the inventory did not record it) is looked up before
    /// sending.
    BackupServerPolicy {
        account_policy_id: String,
        server_policy_id: String,
    },
    SharedLoadBalancer {
        data_center: String,
        load_balancer_id: String,
    },
    LoadBalancerPool {
        data_center: String,
        load_balancer_id: String,
        pool_id: String,
    },
    SiteToSiteVpn {
        vpn_id: String,
    },
    RdbsSubscription {
        subscription_id: String,
    },
    Server {
        server_id: String,
    },
    /// One delete for a user group with every server and sub-group beneath it.
    Group {
        group_id: String,
    },
    PublicIp {
        server_id: String,
        ip: String,
    },
    Snapshot {
        server_id: String,
        snapshot_id: String,
    },
    FirewallPolicy {
        data_center: String,
        policy_id: String,
    },
    CrossDcFirewallPolicy {
        data_center: String,
        policy_id: String,
    },
    /// `POST …/release` (refused while any IP on it is claimed).
    ReleaseNetwork {
        data_center: String,
        network_id: String,
    },
    AlertPolicy {
        policy_id: String,
    },
    AntiAffinityPolicy {
        policy_id: String,
    },
    /// Removes a server's CPU autoscale policy mapping (policies themselves cannot be deleted).
    AutoscaleMapping {
        server_id: String,
    },
    Webhook {
        event: String,
    },
    /// A `DELETE` on an href the API returned, for anything without a typed call.
    Href {
        href: String,
    },
}

impl Serialize for DeleteCall {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::wire::DeleteCallOut::of(self).serialize(serializer)
    }
}

impl DeleteCall {
    /// Whether a re-read shows a delete waiting in the queue: a server or a group reads
    /// `queuedForDelete`, a VPN carries its `pendingTaskId`. A public IP or a snapshot reads
    /// the same until its queued delete runs, so for them a delete whose answer was lost cannot
    /// be told from one that never arrived until the queue could no longer be holding it.
    pub fn reread_shows_queue(&self) -> bool {
        !matches!(
            self,
            DeleteCall::PublicIp { .. } | DeleteCall::Snapshot { .. }
        )
    }

    /// Whether the job deletes more than the one resource a re-read looks at: a group's job
    /// deletes every server and sub-group beneath it (`clc-api.md` §3.3), and may fail on one
    /// of them after the group itself is gone. Only the job's own status tells such a delete
    /// worked.
    pub fn job_reaches_beyond_the_reread(&self) -> bool {
        matches!(self, DeleteCall::Group { .. })
    }

    /// Whether the API answers with a job to poll (classic queue, experimental operation, VPN
    /// job) rather than finishing synchronously.
    pub fn is_asynchronous(&self) -> bool {
        matches!(
            self,
            DeleteCall::Server { .. }
                | DeleteCall::Group { .. }
                | DeleteCall::PublicIp { .. }
                | DeleteCall::Snapshot { .. }
                | DeleteCall::SiteToSiteVpn { .. }
        )
    }
}

/// One destructive call of the plan.
///
/// Invariants: `waits_for` names steps of the same plan only, never itself, and no cycle;
/// `removes` starts with `resource` and lists everything that goes with it (a group's servers,
/// a server's public IPs and snapshots); `hourly_saving` is `None` when some removed item's
/// cost is unknown (the known part is in `known_hourly_saving`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    pub id: StepId,
    /// The alias every request of this step goes to: the parent's or a sub-account's. Added
    /// with sub-accounts; a step journaled before reads as empty, which means the plan's own
    /// account (see [`crate::Plan::alias_of`]).
    #[serde(default)]
    pub account: String,
    pub phase: DeletionPhase,
    pub kind: ResourceKind,
    pub resource: ResourceId,
    /// The name a person knows it by.
    pub label: String,
    /// Upper-case data center; `None` for account-wide resources.
    pub data_center: Option<String>,
    pub call: DeleteCall,
    pub removes: Vec<ResourceId>,
    /// Dollars per hour this step stops, when every removed item's cost is known.
    pub hourly_saving: Option<f64>,
    /// Dollars per hour of the removed items whose cost is known.
    pub known_hourly_saving: f64,
    /// True when part of the saving is a list-price estimate, not the platform's bill.
    pub saving_is_estimate: bool,
    pub waits_for: Vec<StepId>,
    /// The scan saw its deletion already under way (`queuedForDelete`, a VPN's pending task):
    /// it is re-read before anything is sent, so an earlier run's delete is not repeated.
    #[serde(default)]
    pub under_way: bool,
}

impl Step {
    /// The step that deletes one server of the plan's own account, in the servers phase, with
    /// nothing to wait for: its label is the id upper case, as the API names servers. Tests and
    /// examples build small plans from it; a real plan comes from `plan::build`.
    pub fn delete_server(server_id: &str, data_center: &str, hourly_saving: Option<f64>) -> Step {
        let resource = ResourceId::new(ResourceKind::Server, server_id);
        Step {
            id: StepId::for_resource(&resource),
            account: String::new(),
            phase: DeletionPhase::Servers,
            kind: ResourceKind::Server,
            resource: resource.clone(),
            label: server_id.to_ascii_uppercase(),
            data_center: Some(data_center.to_string()),
            call: DeleteCall::Server {
                server_id: server_id.to_string(),
            },
            removes: vec![resource],
            hourly_saving,
            known_hourly_saving: hourly_saving.unwrap_or(0.0),
            saving_is_estimate: false,
            waits_for: vec![],
            under_way: false,
        }
    }

    /// "Delete server VA1DEMOWEB01 (VA1)", for progress lists and the live region.
    pub fn describe(&self) -> String {
        let (before, name, after) = self.described_parts();
        format!("{before}{name}{after}")
    }

    /// [`Step::describe`] in three parts, `(before, name, after)`, so a page can set the name
    /// (text from the account) apart: isolated for right-to-left text, with its id beside it.
    pub fn described_parts(&self) -> (String, &str, String) {
        let verb = match self.call {
            DeleteCall::ReleaseNetwork { .. } => "Release",
            DeleteCall::AutoscaleMapping { .. } => "Unmap autoscale policy from",
            _ => "Delete",
        };
        let kind = match self.call {
            DeleteCall::AutoscaleMapping { .. } => "server",
            _ => self.kind.label(),
        };
        let mut after = match self.call {
            DeleteCall::Group { .. } => {
                let beneath = self.removes.len().saturating_sub(1);
                format!(
                    " with {} beneath it",
                    crate::counts::plural(beneath, "item", "items")
                )
            }
            _ => String::new(),
        };
        if let Some(dc) = &self.data_center {
            after.push_str(&format!(" ({dc})"));
        }
        (format!("{verb} {kind} "), &self.label, after)
    }
}
