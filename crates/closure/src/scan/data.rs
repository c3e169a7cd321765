//! [`ScanData`]: the raw API answers of a scan, keyed by the part that read them, and
//! [`PartOutput::apply`], which merges one answer in and names the parts it unlocks. Merging is
//! idempotent per part, so a re-run part simply replaces its earlier answer.

use std::collections::BTreeMap;

use clc::ids::id_key;
use clc::models::*;
use clc::BadRecord;
use serde::{Deserialize, Serialize};

use super::part::Part;

/// The anti-affinity endpoint was removed from the platform in 2020 (§7.6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "policies")]
pub enum AntiAffinity {
    /// 404: the service is retired; nothing to delete.
    Retired,
    Policies(Vec<AntiAffinityPolicy>),
}

/// Everything a scan read, as the API sent it. Per-DC maps are keyed by upper-case DC code;
/// `None` / absent keys mean "not read" (never "empty"). Holds no credential.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScanData {
    pub account: String,
    pub data_centers: Option<Vec<DataCenter>>,
    /// Root group trees; with server detail unless that read failed.
    pub group_trees: BTreeMap<String, Group>,
    /// Servers read one by one (the fallback), keyed by lowercase id.
    pub servers: BTreeMap<String, Server>,
    pub group_billing: BTreeMap<String, GroupBilling>,
    pub networks: BTreeMap<String, Vec<Network>>,
    /// Claimed addresses per network id.
    pub claimed_ips: BTreeMap<String, Vec<NetworkIpAddress>>,
    pub load_balancers: BTreeMap<String, Vec<SharedLoadBalancer>>,
    /// Pools read separately, per load-balancer id (when the list did not embed them).
    pub pools: BTreeMap<String, Vec<LoadBalancerPool>>,
    pub firewall_policies: BTreeMap<String, Vec<FirewallPolicy>>,
    pub cross_dc_firewall_policies: BTreeMap<String, Vec<CrossDcFirewallPolicy>>,
    pub vpns: Option<Vec<SiteToSiteVpn>>,
    pub alert_policies: Option<Vec<AlertPolicy>>,
    pub anti_affinity: Option<AntiAffinity>,
    pub autoscale_policies: Option<Vec<AutoscalePolicy>>,
    pub webhooks: Option<Vec<Webhook>>,
    pub rdbs_subscriptions: Option<Vec<RdbsSubscription>>,
    pub rdbs_billing: BTreeMap<String, RdbsBilling>,
    pub backup_account_policies: Option<Vec<AccountPolicy>>,
    pub backup_server_policies: BTreeMap<String, Vec<ServerPolicy>>,
    /// Gigabytes stored per server-policy id.
    pub backup_stored_gb: BTreeMap<String, f64>,
    pub invoice: Option<Invoice>,
    /// How the scan degraded, in words.
    pub notes: Vec<String>,
    /// Parts whose answer held records that did not decode (a server record without `id`, a
    /// network of the wrong shape): the rest of the answer was kept, these records were not.
    /// One entry per part, replaced when the part is read again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partly_read: Vec<PartlyRead>,
}

/// A part read only partly: its answer's records that did not decode.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PartlyRead {
    pub part: Part,
    pub records: Vec<BadRecord>,
}

impl ScanData {
    /// Records what did not decode in the latest answer to `part` (nothing: the part was read
    /// whole), replacing what an earlier answer left.
    pub fn set_bad_records(&mut self, part: &Part, records: Vec<BadRecord>) {
        self.partly_read.retain(|p| p.part != *part);
        if !records.is_empty() {
            self.partly_read.push(PartlyRead {
                part: part.clone(),
                records,
            });
        }
    }
}

/// One part's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum PartOutput {
    DataCenters(Vec<DataCenter>),
    GroupTree(Box<Group>),
    Server(Option<Box<Server>>),
    GroupBilling(GroupBilling),
    Networks(Vec<Network>),
    ClaimedIps(Vec<NetworkIpAddress>),
    SharedLoadBalancers(Vec<SharedLoadBalancer>),
    LoadBalancerPools(Vec<LoadBalancerPool>),
    FirewallPolicies(Vec<FirewallPolicy>),
    CrossDcFirewallPolicies(Vec<CrossDcFirewallPolicy>),
    SiteToSiteVpns(Vec<SiteToSiteVpn>),
    AlertPolicies(Vec<AlertPolicy>),
    AntiAffinity(AntiAffinity),
    AutoscalePolicies(Vec<AutoscalePolicy>),
    Webhooks(Vec<Webhook>),
    RdbsSubscriptions(Vec<RdbsSubscription>),
    RdbsBilling(RdbsBilling),
    BackupAccountPolicies(Vec<AccountPolicy>),
    BackupServerPolicies(Vec<ServerPolicy>),
    BackupStoredGb(Option<f64>),
    Invoice(Box<Invoice>),
}

impl PartOutput {
    /// How many resources this answer holds, for progress ("resources found").
    pub fn resource_count(&self) -> usize {
        match self {
            PartOutput::DataCenters(_)
            | PartOutput::GroupBilling(_)
            | PartOutput::RdbsBilling(_) => 0,
            PartOutput::GroupTree(g) => {
                let groups = g.descendants();
                let servers: usize = groups
                    .iter()
                    .map(|g| g.servers.as_ref().map_or(0, Vec::len))
                    .sum();
                groups.len() + servers
            }
            PartOutput::Server(s) => usize::from(s.is_some()),
            PartOutput::Networks(v) => v.len(),
            PartOutput::ClaimedIps(_) | PartOutput::BackupStoredGb(_) | PartOutput::Invoice(_) => 0,
            PartOutput::SharedLoadBalancers(v) => v.iter().map(|l| 1 + l.pools.len()).sum(),
            PartOutput::LoadBalancerPools(v) => v.len(),
            PartOutput::FirewallPolicies(v) => v.len(),
            PartOutput::CrossDcFirewallPolicies(v) => v.len(),
            PartOutput::SiteToSiteVpns(v) => v.len(),
            PartOutput::AlertPolicies(v) => v.len(),
            PartOutput::AntiAffinity(AntiAffinity::Retired) => 0,
            PartOutput::AntiAffinity(AntiAffinity::Policies(v)) => v.len(),
            PartOutput::AutoscalePolicies(v) => v.len(),
            PartOutput::Webhooks(v) => v.iter().filter(|w| w.is_configured()).count(),
            PartOutput::RdbsSubscriptions(v) => v.len(),
            PartOutput::BackupAccountPolicies(_) => 0,
            PartOutput::BackupServerPolicies(v) => v.len(),
        }
    }

    /// Merges this answer of `part` into `data` and returns the parts it unlocks.
    pub fn apply(self, part: &Part, data: &mut ScanData) -> Vec<Part> {
        let dc = part.data_center().unwrap_or_default().to_string();
        match (self, part) {
            (PartOutput::DataCenters(list), _) => {
                let unlocked = list
                    .iter()
                    .flat_map(|d| {
                        Part::per_data_center(
                            &d.id,
                            d.root_group_id().as_deref(),
                            d.has_shared_load_balancers(),
                        )
                    })
                    .collect();
                data.data_centers = Some(list);
                unlocked
            }
            (PartOutput::GroupTree(tree), Part::GroupTreeWithoutDetail { .. }) => {
                let unlocked = tree
                    .descendants()
                    .iter()
                    .flat_map(|g| g.server_ids())
                    .map(|server_id| Part::Server {
                        data_center: dc.clone(),
                        server_id,
                    })
                    .collect();
                data.group_trees.insert(dc, *tree);
                unlocked
            }
            (PartOutput::GroupTree(tree), _) => {
                data.group_trees.insert(dc, *tree);
                Vec::new()
            }
            (PartOutput::Server(server), Part::Server { server_id, .. }) => {
                match server {
                    Some(s) => data.servers.insert(id_key(&s.id), *s),
                    None => data.servers.remove(&id_key(server_id)),
                };
                Vec::new()
            }
            (PartOutput::GroupBilling(billing), _) => {
                data.group_billing.insert(dc, billing);
                Vec::new()
            }
            (PartOutput::Networks(list), _) => {
                let unlocked = list
                    .iter()
                    .map(|n| Part::ClaimedIps {
                        data_center: dc.clone(),
                        network_id: n.id.clone(),
                    })
                    .collect();
                data.networks.insert(dc, list);
                unlocked
            }
            (PartOutput::ClaimedIps(ips), Part::ClaimedIps { network_id, .. }) => {
                data.claimed_ips.insert(network_id.clone(), ips);
                Vec::new()
            }
            (PartOutput::SharedLoadBalancers(list), _) => {
                // The list normally embeds pools; read them separately only where it did not.
                let unlocked = list
                    .iter()
                    .filter(|lb| lb.pools.is_empty())
                    .map(|lb| Part::LoadBalancerPools {
                        data_center: dc.clone(),
                        load_balancer_id: lb.id.clone(),
                    })
                    .collect();
                data.load_balancers.insert(dc, list);
                unlocked
            }
            (
                PartOutput::LoadBalancerPools(pools),
                Part::LoadBalancerPools {
                    load_balancer_id, ..
                },
            ) => {
                data.pools.insert(load_balancer_id.clone(), pools);
                Vec::new()
            }
            (PartOutput::FirewallPolicies(list), _) => {
                data.firewall_policies.insert(dc, list);
                Vec::new()
            }
            (PartOutput::CrossDcFirewallPolicies(list), _) => {
                data.cross_dc_firewall_policies.insert(dc, list);
                Vec::new()
            }
            (PartOutput::SiteToSiteVpns(list), _) => set(&mut data.vpns, list),
            (PartOutput::AlertPolicies(list), _) => set(&mut data.alert_policies, list),
            (PartOutput::AntiAffinity(found), _) => set(&mut data.anti_affinity, found),
            (PartOutput::AutoscalePolicies(list), _) => set(&mut data.autoscale_policies, list),
            (PartOutput::Webhooks(list), _) => set(&mut data.webhooks, list),
            (PartOutput::RdbsSubscriptions(list), _) => {
                let unlocked = list
                    .iter()
                    .filter(|s| !s.is_gone())
                    .map(|s| Part::RdbsBilling {
                        subscription_id: s.id.clone(),
                    })
                    .collect();
                data.rdbs_subscriptions = Some(list);
                unlocked
            }
            (PartOutput::RdbsBilling(billing), Part::RdbsBilling { subscription_id }) => {
                data.rdbs_billing.insert(subscription_id.clone(), billing);
                Vec::new()
            }
            (PartOutput::BackupAccountPolicies(list), _) => {
                let unlocked = list
                    .iter()
                    .map(|p| Part::BackupServerPolicies {
                        account_policy_id: p.policy_id.clone(),
                    })
                    .collect();
                data.backup_account_policies = Some(list);
                unlocked
            }
            (
                PartOutput::BackupServerPolicies(list),
                Part::BackupServerPolicies { account_policy_id },
            ) => {
                let unlocked = list
                    .iter()
                    .filter(|p| {
                        !p.status
                            .as_deref()
                            .is_some_and(|s| s.eq_ignore_ascii_case("deleted"))
                    })
                    .map(|p| Part::BackupStoredData {
                        account_policy_id: account_policy_id.clone(),
                        server_policy_id: p.server_policy_id.clone(),
                    })
                    .collect();
                data.backup_server_policies
                    .insert(account_policy_id.clone(), list);
                unlocked
            }
            (
                PartOutput::BackupStoredGb(gb),
                Part::BackupStoredData {
                    server_policy_id, ..
                },
            ) => {
                if let Some(gb) = gb {
                    data.backup_stored_gb.insert(server_policy_id.clone(), gb);
                }
                Vec::new()
            }
            (PartOutput::Invoice(invoice), _) => set(&mut data.invoice, *invoice),
            // An answer that does not belong to its part is a programming error; drop it.
            _ => Vec::new(),
        }
    }
}

fn set<T>(slot: &mut Option<T>, value: T) -> Vec<Part> {
    *slot = Some(value);
    Vec::new()
}
