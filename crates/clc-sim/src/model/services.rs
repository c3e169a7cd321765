//! The account's services beside servers: load balancers, firewall policies, VPNs, alert and
//! autoscale policies, webhooks, RDBS subscriptions and Simple Backup policies.

#[derive(Clone, Debug)]
pub(crate) struct LbNode {
    pub ip: String,
    pub private_port: u32,
    pub status: &'static str,
}

#[derive(Clone, Debug)]
pub(crate) struct Pool {
    pub id: String,
    pub port: u32,
    pub method: &'static str,
    pub persistence: &'static str,
    pub nodes: Vec<LbNode>,
}

#[derive(Clone, Debug)]
pub(crate) struct LoadBalancer {
    pub id: String,
    pub dc: String,
    pub name: String,
    pub description: String,
    pub ip_address: String,
    pub status: &'static str,
    pub pools: Vec<Pool>,
}

#[derive(Clone, Debug)]
pub(crate) struct FirewallPolicy {
    pub id: String,
    pub dc: String,
    pub status: &'static str,
    pub enabled: bool,
    pub source: Vec<String>,
    pub destination: Vec<String>,
    pub destination_account: String,
    pub ports: Vec<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct CrossDcPolicy {
    pub id: String,
    pub status: &'static str,
    pub enabled: bool,
    pub source_cidr: String,
    pub source_account: String,
    pub source_location: String,
    pub destination_cidr: String,
    pub destination_account: String,
    pub destination_location: String,
}

#[derive(Clone, Debug)]
pub(crate) struct Vpn {
    /// 32 upper-case hex digits.
    pub id: String,
    pub created: String,
    pub local_address: String,
    pub local_dc: String,
    pub local_subnets: Vec<String>,
    pub remote_site: String,
    pub remote_device: String,
    pub remote_address: String,
    pub remote_subnets: Vec<String>,
    /// (job id, virtual time at which the VPN is gone) once a DELETE was accepted.
    pub pending_delete: Option<(String, u64)>,
}

#[derive(Clone, Debug)]
pub(crate) struct AlertPolicy {
    pub id: String,
    pub name: String,
    pub recipients: Vec<String>,
    pub metric: &'static str,
    pub threshold: f64,
}

#[derive(Clone, Debug)]
pub(crate) struct AutoscalePolicy {
    pub id: String,
    pub name: String,
    pub min: u32,
    pub max: u32,
    pub up: u32,
    pub down: u32,
}

#[derive(Clone, Debug)]
pub(crate) struct Webhook {
    pub event: &'static str,
    pub recursive: bool,
    pub target_uris: Vec<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct RdbsBackup {
    pub id: u64,
    pub file_name: String,
    pub time_ms: u64,
    pub kind: &'static str,
    pub size: u64,
}

#[derive(Clone, Debug)]
pub(crate) struct RdbsSubscription {
    pub id: u64,
    pub location: String,
    pub external_id: String,
    pub status: &'static str,
    pub cpu: u32,
    pub memory: u32,
    pub storage: u32,
    pub internal_ip: String,
    pub host: String,
    pub port: u32,
    pub backups: Vec<RdbsBackup>,
    pub hourly: f64,
    pub accrued: f64,
    pub since_ms: u64,
}

#[derive(Clone, Debug)]
pub(crate) struct BackupAccountPolicy {
    pub id: String,
    pub name: String,
    pub os_type: &'static str,
    pub status: &'static str,
    pub paths: Vec<String>,
    pub retention_days: u32,
    pub interval_hours: u32,
}

#[derive(Clone, Debug)]
pub(crate) struct BackupServerPolicy {
    pub id: String,
    pub account_policy: String,
    /// Upper-case server name, as the backup service reports it.
    pub server: String,
    pub region: &'static str,
    pub status: &'static str,
    pub gb_stored: f64,
}
