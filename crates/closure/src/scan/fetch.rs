//! Reads one [`Part`] through the [`clc::Client`]. The only place the scan talks to the API;
//! expected "errors" that are answers (a 404 from the retired anti-affinity endpoint, a server
//! deleted since its group was listed) become answers here.

use clc::api;
use clc::models::IpAddressFilter;
use clc::{Client, Clock, Error, Method, Transport};

use super::data::{AntiAffinity, PartOutput};
use super::part::Part;

/// Reads `part` for `account`; `today` (`YYYY-MM-DD`) dates the stored-backup query.
pub(crate) async fn fetch<T: Transport, K: Clock>(
    client: &Client<T, K>,
    account: &str,
    part: &Part,
    today: &str,
) -> Result<PartOutput, Error> {
    Ok(match part {
        Part::DataCenters => PartOutput::DataCenters(client.datacenters(account).await?),
        Part::GroupTree { root_group_id, .. } => {
            PartOutput::GroupTree(Box::new(client.group(account, root_group_id, true).await?))
        }
        Part::GroupTreeWithoutDetail { root_group_id, .. } => {
            PartOutput::GroupTree(Box::new(client.group(account, root_group_id, false).await?))
        }
        Part::Server { server_id, .. } => match client.server(account, server_id).await {
            Ok(server) => PartOutput::Server(Some(Box::new(server))),
            Err(Error::NotFound) => PartOutput::Server(None),
            Err(e) => return Err(e),
        },
        Part::GroupBilling { root_group_id, .. } => {
            PartOutput::GroupBilling(client.group_billing(account, root_group_id).await?)
        }
        Part::Networks { data_center } => {
            PartOutput::Networks(client.networks(account, data_center).await?)
        }
        Part::ClaimedIps {
            data_center,
            network_id,
        } => PartOutput::ClaimedIps(
            client
                .network_ip_addresses(account, data_center, network_id, IpAddressFilter::Claimed)
                .await?,
        ),
        Part::SharedLoadBalancers { data_center } => PartOutput::SharedLoadBalancers(
            client.shared_load_balancers(account, data_center).await?,
        ),
        Part::LoadBalancerPools {
            data_center,
            load_balancer_id,
        } => PartOutput::LoadBalancerPools(
            client
                .shared_load_balancer_pools(account, data_center, load_balancer_id)
                .await?,
        ),
        Part::FirewallPolicies { data_center } => {
            PartOutput::FirewallPolicies(client.firewall_policies(account, data_center).await?)
        }
        Part::CrossDcFirewallPolicies { data_center } => PartOutput::CrossDcFirewallPolicies(
            client
                .cross_dc_firewall_policies(account, data_center)
                .await?,
        ),
        Part::SiteToSiteVpns => {
            PartOutput::SiteToSiteVpns(client.site_to_site_vpns(account).await?)
        }
        Part::AlertPolicies => PartOutput::AlertPolicies(client.alert_policies(account).await?),
        Part::AntiAffinityPolicies => match client.anti_affinity_policies(account).await {
            Ok(list) => PartOutput::AntiAffinity(AntiAffinity::Policies(list)),
            Err(Error::NotFound) => PartOutput::AntiAffinity(AntiAffinity::Retired),
            Err(e) => return Err(e),
        },
        Part::AutoscalePolicies => {
            PartOutput::AutoscalePolicies(client.autoscale_policies(account).await?)
        }
        Part::Webhooks => PartOutput::Webhooks(client.webhooks(account).await?),
        Part::RdbsSubscriptions => {
            PartOutput::RdbsSubscriptions(client.rdbs_subscriptions(account).await?)
        }
        Part::RdbsBilling { subscription_id } => {
            PartOutput::RdbsBilling(client.rdbs_billing(account, Some(subscription_id)).await?)
        }
        Part::BackupAccountPolicies => {
            PartOutput::BackupAccountPolicies(client.backup_account_policies().await?)
        }
        Part::BackupServerPolicies { account_policy_id } => PartOutput::BackupServerPolicies(
            client.backup_server_policies(account_policy_id).await?,
        ),
        Part::BackupStoredData {
            account_policy_id,
            server_policy_id,
        } => PartOutput::BackupStoredGb(
            stored_gb(client, account_policy_id, server_policy_id, today).await?,
        ),
        Part::Invoice { year, month } => {
            let year = u16::try_from(*year).unwrap_or_default();
            let month = u8::try_from(*month).unwrap_or_default();
            PartOutput::Invoice(Box::new(client.invoice(account, year, month).await?))
        }
    })
}

/// `GET {backup}/accountPolicies/{id}/serverPolicies/{spId}/storedData?searchDate=` →
/// `{ gigabytesStored: "0.541" }` (a string in the docs; a number is accepted too).
async fn stored_gb<T: Transport, K: Clock>(
    client: &Client<T, K>,
    account_policy_id: &str,
    server_policy_id: &str,
    today: &str,
) -> Result<Option<f64>, Error> {
    let path = format!(
        "/accountPolicies/{}/serverPolicies/{}/storedData?searchDate={}",
        api::segment(account_policy_id),
        api::segment(server_policy_id),
        api::encode(today)
    );
    let request = api::request(Method::Get, client.endpoints().backup_url(&path));
    let body: serde_json::Value = match client.get_json(request).await {
        Ok(body) => body,
        Err(Error::NotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    let gb = &body["gigabytesStored"];
    Ok(gb
        .as_f64()
        .or_else(|| gb.as_str().and_then(|s| s.trim().parse().ok())))
}
