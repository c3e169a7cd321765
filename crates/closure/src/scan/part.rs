//! The units of work of a scan. Each [`Part`] is one read (one request, or one paged list) whose
//! inputs are known; its answer may unlock further parts (the data-center list unlocks the
//! per-DC parts, a plain group tree the per-server reads, a network list the claimed-IP reads,
//! backup account policies their server policies).

use clc::BadRecord;
use serde::{Deserialize, Serialize};

use crate::inventory::ResourceKind;

/// One read of the scan. Serializable so a failed part can be kept and re-run later.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    tag = "part",
    rename_all_fields = "camelCase"
)]
pub enum Part {
    /// `GET /v2/datacenters/{alias}?groupLinks=true`.
    DataCenters,
    /// The root group tree with `serverDetail=detailed`.
    GroupTree {
        data_center: String,
        root_group_id: String,
    },
    /// The fallback: the plain tree, whose server links unlock per-server reads.
    GroupTreeWithoutDetail {
        data_center: String,
        root_group_id: String,
    },
    Server {
        data_center: String,
        server_id: String,
    },
    GroupBilling {
        data_center: String,
        root_group_id: String,
    },
    Networks {
        data_center: String,
    },
    ClaimedIps {
        data_center: String,
        network_id: String,
    },
    SharedLoadBalancers {
        data_center: String,
    },
    LoadBalancerPools {
        data_center: String,
        load_balancer_id: String,
    },
    FirewallPolicies {
        data_center: String,
    },
    CrossDcFirewallPolicies {
        data_center: String,
    },
    SiteToSiteVpns,
    AlertPolicies,
    AntiAffinityPolicies,
    AutoscalePolicies,
    Webhooks,
    RdbsSubscriptions,
    RdbsBilling {
        subscription_id: String,
    },
    BackupAccountPolicies,
    BackupServerPolicies {
        account_policy_id: String,
    },
    BackupStoredData {
        account_policy_id: String,
        server_policy_id: String,
    },
    /// Last month's invoice (`month` 1–12).
    Invoice {
        year: i32,
        month: u32,
    },
}

impl Part {
    /// The parts a scan starts with: the data-center list and every account-wide read.
    pub fn initial(invoice: Option<(i32, u32)>) -> Vec<Part> {
        let mut parts = vec![
            Part::DataCenters,
            Part::BackupAccountPolicies,
            Part::RdbsSubscriptions,
            Part::SiteToSiteVpns,
            Part::AlertPolicies,
            Part::AntiAffinityPolicies,
            Part::AutoscalePolicies,
            Part::Webhooks,
        ];
        if let Some((year, month)) = invoice {
            parts.push(Part::Invoice { year, month });
        }
        parts
    }

    /// The per-data-center parts, unlocked by the data-center list.
    pub fn per_data_center(
        data_center: &str,
        root_group_id: Option<&str>,
        has_shared_lb: bool,
    ) -> Vec<Part> {
        let dc = data_center.to_ascii_uppercase();
        let mut parts = Vec::new();
        if let Some(root) = root_group_id {
            parts.push(Part::GroupTree {
                data_center: dc.clone(),
                root_group_id: root.to_string(),
            });
            parts.push(Part::GroupBilling {
                data_center: dc.clone(),
                root_group_id: root.to_string(),
            });
        }
        parts.push(Part::Networks {
            data_center: dc.clone(),
        });
        if has_shared_lb {
            parts.push(Part::SharedLoadBalancers {
                data_center: dc.clone(),
            });
        }
        parts.push(Part::FirewallPolicies {
            data_center: dc.clone(),
        });
        parts.push(Part::CrossDcFirewallPolicies { data_center: dc });
        parts
    }

    /// The data center this part reads, upper case; `None` for account-wide parts.
    pub fn data_center(&self) -> Option<&str> {
        match self {
            Part::GroupTree { data_center, .. }
            | Part::GroupTreeWithoutDetail { data_center, .. }
            | Part::Server { data_center, .. }
            | Part::GroupBilling { data_center, .. }
            | Part::Networks { data_center }
            | Part::ClaimedIps { data_center, .. }
            | Part::SharedLoadBalancers { data_center }
            | Part::LoadBalancerPools { data_center, .. }
            | Part::FirewallPolicies { data_center }
            | Part::CrossDcFirewallPolicies { data_center } => Some(data_center),
            _ => None,
        }
    }

    /// The longest chain of reads still to come after this one starts (this one included):
    /// the scheduler starts longer chains first so the wall time stays near the chain's floor.
    pub fn chain_length(&self) -> u8 {
        match self {
            Part::DataCenters => 4,
            Part::BackupAccountPolicies => 3,
            Part::GroupTree { .. } => 3,
            Part::GroupTreeWithoutDetail { .. }
            | Part::Networks { .. }
            | Part::SharedLoadBalancers { .. }
            | Part::RdbsSubscriptions
            | Part::BackupServerPolicies { .. } => 2,
            _ => 1,
        }
    }

    /// The kinds this part finds or prices: what may be missing when it is not read.
    pub fn kinds(&self) -> &'static [ResourceKind] {
        use ResourceKind as K;
        const SERVERS: &[ResourceKind] = &[
            K::Group,
            K::Server,
            K::Template,
            K::ArchivedServer,
            K::PublicIp,
            K::Snapshot,
        ];
        const EVERYTHING_PER_DC: &[ResourceKind] = &[
            K::Group,
            K::Server,
            K::Template,
            K::ArchivedServer,
            K::PublicIp,
            K::Snapshot,
            K::SharedLoadBalancer,
            K::LoadBalancerPool,
            K::Network,
            K::FirewallPolicy,
            K::CrossDcFirewallPolicy,
        ];
        match self {
            Part::DataCenters => EVERYTHING_PER_DC,
            Part::GroupTree { .. } | Part::GroupTreeWithoutDetail { .. } => SERVERS,
            Part::Server { .. } => &[
                K::Server,
                K::Template,
                K::ArchivedServer,
                K::PublicIp,
                K::Snapshot,
            ],
            Part::GroupBilling { .. } => &[K::Server, K::Template, K::ArchivedServer],
            Part::Networks { .. } | Part::ClaimedIps { .. } => &[K::Network],
            Part::SharedLoadBalancers { .. } => &[K::SharedLoadBalancer, K::LoadBalancerPool],
            Part::LoadBalancerPools { .. } => &[K::LoadBalancerPool],
            Part::FirewallPolicies { .. } => &[K::FirewallPolicy],
            Part::CrossDcFirewallPolicies { .. } => &[K::CrossDcFirewallPolicy],
            Part::SiteToSiteVpns => &[K::SiteToSiteVpn],
            Part::AlertPolicies => &[K::AlertPolicy],
            Part::AntiAffinityPolicies => &[K::AntiAffinityPolicy],
            Part::AutoscalePolicies => &[K::AutoscalePolicy],
            Part::Webhooks => &[K::Webhook],
            Part::RdbsSubscriptions | Part::RdbsBilling { .. } => &[K::RdbsSubscription],
            Part::BackupAccountPolicies
            | Part::BackupServerPolicies { .. }
            | Part::BackupStoredData { .. } => &[K::BackupServerPolicy],
            Part::Invoice { .. } => &[],
        }
    }

    /// What one record of this part's answer is, singular and plural (`("server", "servers")`).
    pub fn record_noun(&self) -> (&'static str, &'static str) {
        match self {
            Part::DataCenters => ("data center", "data centers"),
            Part::GroupTree { .. } | Part::GroupTreeWithoutDetail { .. } | Part::Server { .. } => {
                ("server", "servers")
            }
            Part::GroupBilling { .. } => ("billing entry", "billing entries"),
            Part::Networks { .. } => ("network", "networks"),
            Part::ClaimedIps { .. } => ("claimed address", "claimed addresses"),
            Part::SharedLoadBalancers { .. } => ("shared load balancer", "shared load balancers"),
            Part::LoadBalancerPools { .. } => ("load-balancer pool", "load-balancer pools"),
            Part::FirewallPolicies { .. } => ("firewall policy", "firewall policies"),
            Part::CrossDcFirewallPolicies { .. } => (
                "cross-data-center firewall policy",
                "cross-data-center firewall policies",
            ),
            Part::SiteToSiteVpns => ("site-to-site VPN", "site-to-site VPNs"),
            Part::AlertPolicies => ("alert policy", "alert policies"),
            Part::AntiAffinityPolicies => ("anti-affinity policy", "anti-affinity policies"),
            Part::AutoscalePolicies => ("autoscale policy", "autoscale policies"),
            Part::Webhooks => ("webhook", "webhooks"),
            Part::RdbsSubscriptions | Part::RdbsBilling { .. } => {
                ("relational DB subscription", "relational DB subscriptions")
            }
            Part::BackupAccountPolicies => ("backup account policy", "backup account policies"),
            Part::BackupServerPolicies { .. } | Part::BackupStoredData { .. } => {
                ("backup server policy", "backup server policies")
            }
            Part::Invoice { .. } => ("invoice line", "invoice lines"),
        }
    }

    /// Why this part counts as only partly read, for the user: `"1 server of VA1 could not be
    /// read: server record 3 ('web-2') in group 'Web' has no id."` (the first few records named).
    pub fn bad_records_reason(&self, records: &[BadRecord]) -> String {
        const NAMED: usize = 5;
        let (one, many) = self.record_noun();
        let count = records.len();
        let noun = if count == 1 { one } else { many };
        let place = self
            .data_center()
            .map(|dc| format!(" of {dc}"))
            .unwrap_or_default();
        let mut named: Vec<String> = records
            .iter()
            .take(NAMED)
            .map(|r| r.describe(one))
            .collect();
        if count > NAMED {
            named.push(format!("and {} more", count - NAMED));
        }
        format!(
            "{count} {noun}{place} could not be read: {}. The others were read; \
             these were not, so the list may be incomplete.",
            named.join("; ")
        )
    }

    /// What this part reads, in words (`"networks of VA1"`).
    pub fn describe(&self) -> String {
        match self {
            Part::DataCenters => "the list of data centers".into(),
            Part::GroupTree { data_center, .. } => format!("groups and servers of {data_center}"),
            Part::GroupTreeWithoutDetail { data_center, .. } => {
                format!("groups of {data_center} (without server detail)")
            }
            Part::Server {
                data_center,
                server_id,
            } => format!("server {server_id} in {data_center}"),
            Part::GroupBilling { data_center, .. } => format!("server billing of {data_center}"),
            Part::Networks { data_center } => format!("networks of {data_center}"),
            Part::ClaimedIps {
                data_center,
                network_id,
            } => {
                format!("claimed addresses of network {network_id} in {data_center}")
            }
            Part::SharedLoadBalancers { data_center } => {
                format!("shared load balancers of {data_center}")
            }
            Part::LoadBalancerPools {
                data_center,
                load_balancer_id,
            } => {
                format!("pools of load balancer {load_balancer_id} in {data_center}")
            }
            Part::FirewallPolicies { data_center } => format!("firewall policies of {data_center}"),
            Part::CrossDcFirewallPolicies { data_center } => {
                format!("cross-data-center firewall policies of {data_center}")
            }
            Part::SiteToSiteVpns => "site-to-site VPNs".into(),
            Part::AlertPolicies => "alert policies".into(),
            Part::AntiAffinityPolicies => "anti-affinity policies".into(),
            Part::AutoscalePolicies => "autoscale policies".into(),
            Part::Webhooks => "webhooks".into(),
            Part::RdbsSubscriptions => "relational DB subscriptions".into(),
            Part::RdbsBilling { subscription_id } => {
                format!("billing of DB subscription {subscription_id}")
            }
            Part::BackupAccountPolicies => "backup account policies".into(),
            Part::BackupServerPolicies { account_policy_id } => {
                format!("server policies of backup policy {account_policy_id}")
            }
            Part::BackupStoredData {
                server_policy_id, ..
            } => {
                format!("stored backup data of server policy {server_policy_id}")
            }
            Part::Invoice { year, month } => format!("the invoice of {year}-{month:02}"),
        }
    }
}
