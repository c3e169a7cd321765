//! Serde models of the CLC responses the closure app reads, one module per API area.
//!
//! Strict where the service was consistent, tolerant where it varied (the rule and its evidence
//! are in the crate's README): fields every recording carries are required (a server's `id`,
//! `name`, `groupId`, `locationId`, `status`, `links`; a group's `type`; a link's `rel` and
//! `href`; ...), statuses are enums that keep unseen values in `Other(String)`, and the
//! recorded variations stay accepted: absent or partial `details`, relative or absolute hrefs,
//! ids sent as numbers, `null` lists, and `"$"` money strings.

pub mod account;
pub mod auth;
pub mod backup;
pub mod billing;
pub mod common;
pub mod datacenter;
pub mod firewall;
pub mod group;
pub mod invoice;
pub mod link;
pub mod load_balancer;
pub mod network;
pub mod policies;
pub mod public_ip;
pub mod queue;
pub mod rdbs;
pub mod server;
pub mod vpn;
pub mod webhook;

pub use account::AccountDetails;
pub use auth::{LoginRequest, LoginResponse};
pub use backup::{AccountPolicy, BackupPage, ServerPolicy};
pub use billing::{GroupBilling, GroupBillingEntry, ServerBilling};
pub use common::PolicyRef;
pub use datacenter::{DataCenter, DeployableNetwork, DeploymentCapabilities};
pub use firewall::{CrossDcFirewallPolicy, FirewallPolicy, PolicyStatus};
pub use group::{Group, GroupType};
pub use invoice::{Invoice, InvoiceItemDetail, InvoiceLineItem};
pub use link::{Link, Links};
pub use load_balancer::{
    LoadBalancerNode, LoadBalancerPool, LoadBalancerStatus, SharedLoadBalancer,
};
pub use network::{IpAddressFilter, Network, NetworkIpAddress};
pub use policies::{AlertPolicy, AntiAffinityPolicy, AutoscalePolicy, ItemList};
pub use public_ip::{PortRule, PublicIp, SourceRestriction};
pub use queue::{
    Accepted, ExperimentalOperation, ExperimentalStatus, OperationStatus, QueueStatus,
    QueueStatusResponse, ServerOperationResult,
};
pub use rdbs::{RdbsBackup, RdbsBilling, RdbsSubscription};
pub use server::{Disk, IpAddressPair, PowerState, Server, ServerDetails, ServerStatus, Snapshot};
pub use vpn::{SiteToSiteVpn, VpnLocal, VpnRemote};
pub use webhook::{Webhook, WebhookConfiguration, WebhookTarget};
