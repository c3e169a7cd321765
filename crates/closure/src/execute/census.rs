//! Re-reading the account to learn whether a step's resource is still there: after a crash (a
//! delete with no recorded outcome), to confirm a finished operation or a synchronous delete, to
//! follow a VPN job, and for the final ledger. Lists are read once per round per data center
//! ([`Census::prefetch`]); servers, groups and other single resources by one GET each.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use clc::api;
use clc::models::{
    AlertPolicy, AntiAffinityPolicy, CrossDcFirewallPolicy, FirewallPolicy, LoadBalancerStatus,
    Network, RdbsSubscription, SharedLoadBalancer, SiteToSiteVpn, Webhook,
};
use clc::{Body, Client, Clock, Error, Transport};

use super::concurrent::{at_most, task};
use super::send::list_not_found;
use crate::plan::DeleteCall;

/// What a re-read says about a step's resource.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Presence {
    Gone,
    /// Its deletion is under way (`queuedForDelete`, a VPN's `pendingTaskId`).
    Pending,
    /// Still being built (`underConstruction`): nothing can be sent for it yet.
    Building,
    Present,
    /// The re-read failed; decide nothing this round.
    Unknown(Error),
}

/// A list read once per round.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ListKey {
    LoadBalancers(String),
    Firewall(String),
    CrossDcFirewall(String),
    Networks(String),
    Vpns,
    Rdbs,
    Backup(String),
    Alerts,
    AntiAffinity,
    Webhooks,
}

/// Ids present in one list; pending ones (deletion under way) separately.
#[derive(Clone, Debug, Default)]
pub(crate) struct Listing {
    present: BTreeSet<String>,
    pending: BTreeSet<String>,
}

/// The lists read this round, per alias. Invariant: read-only once prefetched.
#[derive(Default)]
pub(crate) struct Census {
    lists: BTreeMap<(String, ListKey), Result<Listing, Error>>,
}

pub(crate) fn list_key(call: &DeleteCall) -> Option<(ListKey, String)> {
    let lc = |s: &str| s.to_ascii_lowercase();
    Some(match call {
        DeleteCall::SharedLoadBalancer {
            data_center,
            load_balancer_id,
        } => (
            ListKey::LoadBalancers(lc(data_center)),
            lc(load_balancer_id),
        ),
        DeleteCall::FirewallPolicy {
            data_center,
            policy_id,
        } => (ListKey::Firewall(lc(data_center)), lc(policy_id)),
        DeleteCall::CrossDcFirewallPolicy {
            data_center,
            policy_id,
        } => (ListKey::CrossDcFirewall(lc(data_center)), lc(policy_id)),
        DeleteCall::ReleaseNetwork {
            data_center,
            network_id,
        } => (ListKey::Networks(lc(data_center)), lc(network_id)),
        DeleteCall::SiteToSiteVpn { vpn_id } => (ListKey::Vpns, lc(vpn_id)),
        DeleteCall::RdbsSubscription { subscription_id } => (ListKey::Rdbs, lc(subscription_id)),
        DeleteCall::BackupServerPolicy {
            account_policy_id,
            server_policy_id,
        } => (
            ListKey::Backup(account_policy_id.clone()),
            lc(server_policy_id),
        ),
        DeleteCall::AlertPolicy { policy_id } => (ListKey::Alerts, lc(policy_id)),
        DeleteCall::AntiAffinityPolicy { policy_id } => (ListKey::AntiAffinity, lc(policy_id)),
        DeleteCall::Webhook { event } => (ListKey::Webhooks, lc(event)),
        _ => return None,
    })
}

fn ids<I: IntoIterator<Item = String>>(items: I) -> BTreeSet<String> {
    // Extended, not collected: `collect` sorts first, with a sort compiled for this set alone.
    let mut ids = BTreeSet::new();
    ids.extend(items.into_iter().map(|s| s.to_ascii_lowercase()));
    ids
}

async fn read_list<T: Transport, K: Clock>(
    client: &Client<T, K>,
    account: &str,
    key: &ListKey,
) -> Result<Listing, Error> {
    let endpoints = client.endpoints();
    // One awaited read for every plain list, decoded by type after: one await point here
    // instead of one per list type (each a copy of the read's state in the wasm).
    let request = match key {
        ListKey::LoadBalancers(dc) => api::shared_load_balancers(endpoints, account, dc),
        ListKey::Firewall(dc) => api::firewall_policies(endpoints, account, dc),
        ListKey::CrossDcFirewall(dc) => api::cross_dc_firewall_policies(endpoints, account, dc),
        ListKey::Networks(dc) => api::networks(endpoints, account, dc),
        ListKey::Vpns => api::site_to_site_vpns(endpoints, account),
        ListKey::Rdbs => api::rdbs_subscriptions(endpoints, account),
        ListKey::Alerts => api::alert_policies(endpoints, account),
        ListKey::AntiAffinity => api::anti_affinity_policies(endpoints, account),
        ListKey::Webhooks => api::webhooks(endpoints, account),
        ListKey::Backup(policy) => return read_backup(client, policy).await,
    };
    match client.get_body(request).await {
        Ok(body) => listing(client, key, &body),
        Err(Error::NotFound) if *key == ListKey::AntiAffinity => Ok(Listing::default()),
        Err(e) => Err(e),
    }
}

/// The ids of one plain list's `body` (as [`read_list`] requested it for `key`).
fn listing<T: Transport, K: Clock>(
    client: &Client<T, K>,
    key: &ListKey,
    body: &Body,
) -> Result<Listing, Error> {
    let gone = |status: Option<&str>, words: &[&str]| {
        status.is_some_and(|s| words.iter().any(|w| s.eq_ignore_ascii_case(w)))
    };
    let present = match key {
        ListKey::LoadBalancers(_) => ids(client
            .list_of::<SharedLoadBalancer>(body)?
            .into_iter()
            .filter(|lb| lb.status != Some(LoadBalancerStatus::Deleted))
            .map(|lb| lb.id)),
        ListKey::Firewall(_) => ids(client
            .list_of::<FirewallPolicy>(body)?
            .into_iter()
            .map(|p| p.id)),
        ListKey::CrossDcFirewall(_) => ids(client
            .list_of::<CrossDcFirewallPolicy>(body)?
            .into_iter()
            .map(|p| p.id)),
        ListKey::Networks(_) => ids(client.list_of::<Network>(body)?.into_iter().map(|n| n.id)),
        ListKey::Vpns => {
            let vpns = client.list_of::<SiteToSiteVpn>(body)?;
            let pending = ids(vpns
                .iter()
                .filter(|v| v.pending_task_id.as_deref().is_some_and(|t| !t.is_empty()))
                .map(|v| v.id.clone()));
            return Ok(Listing {
                present: ids(vpns.into_iter().map(|v| v.id)),
                pending,
            });
        }
        ListKey::Rdbs => ids(client
            .list_of::<RdbsSubscription>(body)?
            .into_iter()
            .filter(|s| !gone(s.status.as_deref(), &["deleted", "terminated"]))
            .map(|s| s.id)),
        ListKey::Alerts => ids(client
            .list_of::<AlertPolicy>(body)?
            .into_iter()
            .map(|p| p.id)),
        ListKey::AntiAffinity => ids(client
            .list_of::<AntiAffinityPolicy>(body)?
            .into_iter()
            .map(|p| p.id)),
        ListKey::Webhooks => ids(client
            .list_of::<Webhook>(body)?
            .into_iter()
            .filter(|w| {
                w.configuration
                    .as_ref()
                    .is_some_and(|c| !c.target_uris.is_empty())
            })
            .map(|w| w.name)),
        ListKey::Backup(_) => unreachable!("read_list reads backup policies by their pages"),
    };
    Ok(Listing {
        present,
        pending: BTreeSet::new(),
    })
}

/// The server policies (not deleted) of one backup account policy, or of every account
/// policy when `policy` is empty. A 404 on a list shows nothing gone (account policies are
/// never deleted, only deactivated): it leaves the listing unread, as a refusal does.
async fn read_backup<T: Transport, K: Clock>(
    client: &Client<T, K>,
    policy: &str,
) -> Result<Listing, Error> {
    let policies = if policy.is_empty() {
        let all = client
            .backup_account_policies()
            .await
            .map_err(|e| list_not_found(e, "the list of account policies"))?;
        all.into_iter().map(|p| p.policy_id).collect()
    } else {
        vec![policy.to_string()]
    };
    let mut present = BTreeSet::new();
    for policy in policies {
        let servers = client
            .backup_server_policies(&policy)
            .await
            .map_err(|e| list_not_found(e, "the server-policy list of an account policy"))?;
        present.extend(ids(servers
            .into_iter()
            .filter(|p| {
                !p.status
                    .as_deref()
                    .is_some_and(|s| s.eq_ignore_ascii_case("deleted"))
            })
            .map(|p| p.server_policy_id)));
    }
    Ok(Listing {
        present,
        pending: BTreeSet::new(),
    })
}

/// The lists these calls need (each call with the alias it goes to), for
/// [`Census::prefetch`]: taken apart from it so that its future is compiled once, not once
/// per caller's iterator.
pub(crate) fn lists_for<'a>(
    calls: impl IntoIterator<Item = (&'a str, &'a DeleteCall)>,
) -> BTreeSet<(String, ListKey)> {
    // Extended, not collected: `collect` sorts first, with a sort compiled for this set alone.
    let mut keys = BTreeSet::new();
    keys.extend(
        calls
            .into_iter()
            .filter_map(|(a, c)| list_key(c).map(|(k, _)| (a.to_string(), k))),
    );
    keys
}

impl Census {
    /// Reads every list in `keys` ([`lists_for`]), at most `limit` at a time.
    pub(crate) async fn prefetch<T: Transport, K: Clock>(
        client: &Client<T, K>,
        keys: BTreeSet<(String, ListKey)>,
        limit: usize,
    ) -> Census {
        let lists = RefCell::new(BTreeMap::new());
        let lists_ref = &lists;
        at_most(
            limit,
            &mut keys.into_iter().map(|(account, key)| {
                task(async move {
                    let listing = read_list(client, &account, &key).await;
                    lists_ref.borrow_mut().insert((account, key), listing);
                })
            }),
        )
        .await;
        Census {
            lists: lists.into_inner(),
        }
    }

    /// Where this call's resource stands: from the lists for listed kinds, else by one GET.
    pub(crate) async fn presence<T: Transport, K: Clock>(
        &self,
        client: &Client<T, K>,
        account: &str,
        call: &DeleteCall,
    ) -> Presence {
        if let Some((key, id)) = list_key(call) {
            return match self.lists.get(&(account.to_string(), key)) {
                Some(Ok(list)) if list.pending.contains(&id) => Presence::Pending,
                Some(Ok(list)) if list.present.contains(&id) => Presence::Present,
                Some(Ok(_)) => Presence::Gone,
                Some(Err(e)) => Presence::Unknown(e.clone()),
                None => Presence::Unknown(Error::Cancelled),
            };
        }
        match super::reread::read_one(client, account, call).await {
            Ok(presence) => presence,
            Err(Error::NotFound) => Presence::Gone,
            Err(e) => Presence::Unknown(e),
        }
    }
}
