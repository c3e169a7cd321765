//! Reads one [`Part`] through the [`clc::Client`]. The only place the scan talks to the API;
//! expected "errors" that are answers (a 404 from the retired anti-affinity endpoint, a server
//! deleted since its group was listed) become answers here.

use clc::api;
use clc::models::{Group, IpAddressFilter};
use clc::{BadRecord, Body, Client, Clock, Endpoints, Error, Method, Records, Request, Transport};

use super::data::{AntiAffinity, PartOutput};
use super::part::Part;

/// One part's answer as it came off the wire: decoded, or (a detailed group tree, over a
/// megabyte for a large data center) still a body, which [`decode_later`] decodes once the
/// reads it would otherwise hold back have been issued.
pub(crate) enum Fetched {
    Decoded(PartOutput, Vec<BadRecord>),
    Undecoded(Body),
}

/// Reads `part` for `account`; `today` (`YYYY-MM-DD`) dates the stored-backup query. Lists
/// (and the server records of a detailed group tree) are decoded item by item: the records
/// that did not decode come back beside the answer, which holds the others.
pub(crate) async fn fetch<T: Transport, K: Clock>(
    client: &Client<T, K>,
    account: &str,
    part: &Part,
    today: &str,
) -> Result<Fetched, Error> {
    if let Part::GroupTree { root_group_id, .. } = part {
        let request = api::group(client.endpoints(), account, root_group_id, true);
        return client.get_body(request).await.map(Fetched::Undecoded);
    }
    read(client, account, part, today)
        .await
        .map(|(output, bad)| Fetched::Decoded(output, bad))
}

/// Decodes the body [`fetch`] left undecoded for `part`.
pub(crate) fn decode_later<T: Transport, K: Clock>(
    client: &Client<T, K>,
    part: &Part,
    body: &Body,
) -> Result<(PartOutput, Vec<BadRecord>), Error> {
    match part {
        Part::GroupTree { .. } => {
            let tree: Group = client.group_of(body)?;
            let bad = tree.all_unreadable_servers().into_iter().cloned().collect();
            Ok((PartOutput::GroupTree(Box::new(tree)), bad))
        }
        _ => unreachable!("only a detailed group tree is left undecoded"),
    }
}

/// Reads and decodes every part but the detailed group tree.
async fn read<T: Transport, K: Clock>(
    client: &Client<T, K>,
    account: &str,
    part: &Part,
    today: &str,
) -> Result<(PartOutput, Vec<BadRecord>), Error> {
    // Every plain list is one awaited read, then decoded by type: one await point here
    // instead of one per list type (each a copy of the read's state in the wasm).
    if let Some(request) = list_request(client.endpoints(), account, part) {
        return match client.get_body(request).await {
            Ok(body) => list_output(client, part, &body),
            Err(Error::NotFound) if matches!(part, Part::AntiAffinityPolicies) => {
                Ok((PartOutput::AntiAffinity(AntiAffinity::Retired), Vec::new()))
            }
            Err(e) => Err(e),
        };
    }
    let mut bad = Vec::new();
    let output = match part {
        Part::DataCenters => PartOutput::DataCenters(client.datacenters(account).await?),
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
        Part::RdbsBilling { subscription_id } => {
            PartOutput::RdbsBilling(client.rdbs_billing(account, Some(subscription_id)).await?)
        }
        Part::BackupAccountPolicies => PartOutput::BackupAccountPolicies(keep(
            &mut bad,
            client.backup_account_policy_records().await?,
        )),
        Part::BackupServerPolicies { account_policy_id } => PartOutput::BackupServerPolicies(keep(
            &mut bad,
            client
                .backup_server_policy_records(account_policy_id)
                .await?,
        )),
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
        _ => unreachable!("every list part is read above, the detailed tree by `fetch`"),
    };
    Ok((output, bad))
}

/// The request of a part that is one plain list, read item by item.
fn list_request(endpoints: &Endpoints, account: &str, part: &Part) -> Option<Request> {
    Some(match part {
        Part::Networks { data_center } => api::networks(endpoints, account, data_center),
        Part::ClaimedIps {
            data_center,
            network_id,
        } => api::network_ip_addresses(
            endpoints,
            account,
            data_center,
            network_id,
            IpAddressFilter::Claimed,
        ),
        Part::SharedLoadBalancers { data_center } => {
            api::shared_load_balancers(endpoints, account, data_center)
        }
        Part::LoadBalancerPools {
            data_center,
            load_balancer_id,
        } => api::shared_load_balancer_pools(endpoints, account, data_center, load_balancer_id),
        Part::FirewallPolicies { data_center } => {
            api::firewall_policies(endpoints, account, data_center)
        }
        Part::CrossDcFirewallPolicies { data_center } => {
            api::cross_dc_firewall_policies(endpoints, account, data_center)
        }
        Part::SiteToSiteVpns => api::site_to_site_vpns(endpoints, account),
        Part::AlertPolicies => api::alert_policies(endpoints, account),
        Part::AntiAffinityPolicies => api::anti_affinity_policies(endpoints, account),
        Part::AutoscalePolicies => api::autoscale_policies(endpoints, account),
        Part::Webhooks => api::webhooks(endpoints, account),
        Part::RdbsSubscriptions => api::rdbs_subscriptions(endpoints, account),
        _ => return None,
    })
}

/// The answer of a list part (one [`list_request`] names) from its body.
fn list_output<T: Transport, K: Clock>(
    client: &Client<T, K>,
    part: &Part,
    body: &Body,
) -> Result<(PartOutput, Vec<BadRecord>), Error> {
    let mut bad = Vec::new();
    let output = match part {
        Part::Networks { .. } => PartOutput::Networks(keep(&mut bad, client.records_of(body)?)),
        Part::ClaimedIps { .. } => PartOutput::ClaimedIps(keep(&mut bad, client.records_of(body)?)),
        Part::SharedLoadBalancers { .. } => {
            PartOutput::SharedLoadBalancers(keep(&mut bad, client.records_of(body)?))
        }
        Part::LoadBalancerPools { .. } => {
            PartOutput::LoadBalancerPools(keep(&mut bad, client.records_of(body)?))
        }
        Part::FirewallPolicies { .. } => {
            PartOutput::FirewallPolicies(keep(&mut bad, client.records_of(body)?))
        }
        Part::CrossDcFirewallPolicies { .. } => {
            PartOutput::CrossDcFirewallPolicies(keep(&mut bad, client.records_of(body)?))
        }
        Part::SiteToSiteVpns => {
            PartOutput::SiteToSiteVpns(keep(&mut bad, client.records_of(body)?))
        }
        Part::AlertPolicies => PartOutput::AlertPolicies(keep(&mut bad, client.records_of(body)?)),
        Part::AntiAffinityPolicies => PartOutput::AntiAffinity(AntiAffinity::Policies(keep(
            &mut bad,
            client.records_of(body)?,
        ))),
        Part::AutoscalePolicies => {
            PartOutput::AutoscalePolicies(keep(&mut bad, client.records_of(body)?))
        }
        Part::Webhooks => PartOutput::Webhooks(keep(&mut bad, client.records_of(body)?)),
        Part::RdbsSubscriptions => {
            PartOutput::RdbsSubscriptions(keep(&mut bad, client.records_of(body)?))
        }
        _ => unreachable!("list_request names only these parts"),
    };
    Ok((output, bad))
}

/// The good items of `records`; the bad ones join `bad`.
fn keep<T>(bad: &mut Vec<BadRecord>, records: Records<T>) -> Vec<T> {
    bad.extend(records.bad);
    records.items
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
