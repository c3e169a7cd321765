//! Account-wide services: site-to-site VPNs, alert, anti-affinity and autoscale policies,
//! webhooks, relational DB subscriptions and Simple Backup server policies.

use std::collections::HashMap;

use clc::ids::id_key;
use clc::Money;

use super::{deletable_by_links, resource, ServerIndex};
use crate::inventory::{Cost, CostBasis, Resource, ResourceKind, ResourceState};
use crate::scan::{AntiAffinity, ScanData};

/// List price of a site-to-site VPN per month (§6.6).
pub const SITE_TO_SITE_VPN_MONTHLY: f64 = 45.0;
/// List price of Simple Backup storage per GB and month (§6.6).
pub const BACKUP_GB_MONTHLY: f64 = 0.10;

pub(super) fn account_wide(data: &ScanData, servers: &dyn ServerIndex, out: &mut Vec<Resource>) {
    vpns(data, out);
    policies(data, out);
    rdbs(data, out);
    backup(data, servers, out);
}

fn vpns(data: &ScanData, out: &mut Vec<Resource>) {
    for vpn in data.vpns.iter().flatten() {
        let site = vpn.remote.as_ref().and_then(|r| r.site_name.as_deref());
        let mut r = resource(ResourceKind::SiteToSiteVpn, &id_key(&vpn.id), site);
        r.data_center = vpn
            .local
            .as_ref()
            .and_then(|l| l.location_alias.as_deref())
            .map(str::to_ascii_uppercase);
        r.state = match vpn.pending_task_id.as_deref() {
            Some(task) if !task.trim().is_empty() => ResourceState::Pending,
            _ => ResourceState::Active,
        };
        r.cost = Cost::list_price_monthly(SITE_TO_SITE_VPN_MONTHLY);
        r.deletable = deletable_by_links(&vpn.links, true);
        if let Some(address) = vpn.remote.as_ref().and_then(|r| r.address.as_deref()) {
            r.notes.push(format!("remote peer {address}"));
        }
        out.push(r);
    }
}

fn policies(data: &ScanData, out: &mut Vec<Resource>) {
    for policy in data.alert_policies.iter().flatten() {
        let mut r = resource(
            ResourceKind::AlertPolicy,
            &id_key(&policy.id),
            policy.name.as_deref(),
        );
        r.deletable = deletable_by_links(&policy.links, true);
        out.push(r);
    }
    if let Some(AntiAffinity::Policies(list)) = &data.anti_affinity {
        for policy in list {
            let mut r = resource(
                ResourceKind::AntiAffinityPolicy,
                &id_key(&policy.id),
                policy.name.as_deref(),
            );
            r.data_center = policy.location.as_deref().map(str::to_ascii_uppercase);
            r.deletable = deletable_by_links(&policy.links, true);
            out.push(r);
        }
    }
    for policy in data.autoscale_policies.iter().flatten() {
        let mut r = resource(
            ResourceKind::AutoscalePolicy,
            &id_key(&policy.id),
            policy.name.as_deref(),
        );
        r.deletable = deletable_by_links(&policy.links, false);
        r.notes.push(
            "the API cannot delete autoscale policies; remove them from servers instead".into(),
        );
        out.push(r);
    }
    for hook in data.webhooks.iter().flatten().filter(|w| w.is_configured()) {
        let mut r = resource(ResourceKind::Webhook, &hook.name, None);
        r.deletable = deletable_by_links(&hook.links, true);
        let targets = hook.configuration.iter().flat_map(|c| &c.target_uris);
        r.notes.extend(
            targets
                .filter_map(|t| t.target_uri.clone())
                .map(|uri| format!("calls {uri}")),
        );
        out.push(r);
    }
}

fn rdbs(data: &ScanData, out: &mut Vec<Resource>) {
    for sub in data
        .rdbs_subscriptions
        .iter()
        .flatten()
        .filter(|s| !s.is_gone())
    {
        let mut r = resource(
            ResourceKind::RdbsSubscription,
            &sub.id,
            sub.external_id.as_deref(),
        );
        r.data_center = sub.location.as_deref().map(str::to_ascii_uppercase);
        r.state = sub
            .status
            .as_deref()
            .map_or(ResourceState::Unknown, ResourceState::from_api);
        r.deletable = true;
        r.cost = match data.rdbs_billing.get(&sub.id) {
            Some(bill) => Cost {
                basis: CostBasis::Billed,
                hourly: Some(bill.current_hour.unwrap_or(Money::ZERO).dollars()),
                month_to_date: bill.month_to_date,
                monthly_estimate: bill.monthly_estimate,
            },
            None => Cost::unknown(),
        };
        if !sub.backups.is_empty() {
            r.notes.push(format!(
                "{} stored",
                crate::counts::plural(sub.backups.len(), "backup", "backups")
            ));
        }
        out.push(r);
    }
}

fn backup(data: &ScanData, servers: &dyn ServerIndex, out: &mut Vec<Resource>) {
    let names: HashMap<&str, &str> = data
        .backup_account_policies
        .iter()
        .flatten()
        .map(|p| {
            (
                p.policy_id.as_str(),
                p.name.as_deref().unwrap_or(&p.policy_id),
            )
        })
        .collect();
    for (account_policy, list) in &data.backup_server_policies {
        for policy in list {
            let status = policy.status.as_deref().map(ResourceState::from_api);
            if matches!(&status, Some(ResourceState::Other(s)) if s.eq_ignore_ascii_case("deleted"))
            {
                continue;
            }
            let server_key = policy.server_id.as_deref().map(id_key).unwrap_or_default();
            let name = format!(
                "{} on {}",
                names
                    .get(account_policy.as_str())
                    .copied()
                    .unwrap_or(account_policy),
                policy.server_id.as_deref().unwrap_or("?")
            );
            let mut r = resource(
                ResourceKind::BackupServerPolicy,
                &policy.server_policy_id,
                Some(&name),
            );
            r.state = status.unwrap_or(ResourceState::Unknown);
            r.deletable = true;
            if let Some(server) = servers.server(&server_key) {
                r.data_center = server.data_center.map(str::to_string);
                r.group_path = server.group_path.map(str::to_string);
                r.depends_on.push(server.id);
            }
            r.cost = match data.backup_stored_gb.get(&policy.server_policy_id) {
                Some(gb) => {
                    r.notes.push(format!("{gb:.3} GB stored"));
                    Cost::list_price_monthly(gb * BACKUP_GB_MONTHLY)
                }
                None => Cost::unknown(),
            };
            out.push(r);
        }
    }
}
