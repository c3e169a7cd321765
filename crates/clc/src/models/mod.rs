//! Serde models of the CLC responses the closure app reads, one module per API area.
//!
//! Decoding is deliberately forgiving (§0.9): nearly every field is optional or defaults when
//! absent or `null`, enum-like strings keep unknown values, ids may be numbers, and money may be
//! a `"$"` string. Identity fields (`id`) are plain `String`s, empty when the API sent `null`;
//! only [`DataCenter`], [`Group`] and [`Server`] require the field, so an unrelated JSON object
//! is not mistaken for one of them.

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

pub use auth::{LoginRequest, LoginResponse};
pub use backup::{AccountPolicy, BackupPage, ServerPolicy};
pub use billing::{GroupBilling, GroupBillingEntry, ServerBilling};
pub use common::{ChangeInfo, CustomFieldValue, PolicyRef};
pub use datacenter::{DataCenter, DeployableNetwork, DeploymentCapabilities};
pub use firewall::{CrossDcFirewallPolicy, FirewallPolicy};
pub use group::{Group, GroupType};
pub use invoice::{Invoice, InvoiceItemDetail, InvoiceLineItem};
pub use link::{Link, Links};
pub use load_balancer::{LoadBalancerNode, LoadBalancerPool, SharedLoadBalancer};
pub use network::{IpAddressFilter, Network, NetworkIpAddress};
pub use policies::{
    AlertAction, AlertPolicy, AlertTrigger, AntiAffinityPolicy, AutoscalePolicy, AutoscaleRange,
    ItemList, ScaleDownWindow,
};
pub use public_ip::{PortRule, PublicIp, SourceRestriction};
pub use queue::{
    Accepted, ExperimentalOperation, ExperimentalStatus, OperationStatus, QueueStatus,
    QueueStatusResponse, ServerOperationResult,
};
pub use rdbs::{RdbsBackup, RdbsBilling, RdbsServer, RdbsSubscription};
pub use server::{
    Disk, IpAddressPair, Partition, PowerState, Server, ServerDetails, ServerStatus, Snapshot,
};
pub use vpn::{SiteToSiteVpn, VpnLocal, VpnRemote};
pub use webhook::{Webhook, WebhookConfiguration, WebhookTarget};
