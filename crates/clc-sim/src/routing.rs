//! The route table: which handler answers which verb and path. Paths arrive lower-cased and
//! split (see `target`), so aliases, data-center ids and literal segments match in any case.

use clc::{Method, Request};

use crate::reply::{self, Reply, View};
use crate::target::Target;
use crate::Sim;

/// One authenticated request on its way to a handler.
pub(crate) struct Call<'a> {
    pub req: &'a Request,
    pub method: Method,
    pub target: &'a Target,
    pub now: u64,
    pub view: View,
}

impl Sim {
    pub(crate) fn route(&mut self, c: &Call, segs: &[&str]) -> Reply {
        use Method::{Delete as D, Get as G, Patch, Post as P, Put};
        // Every route that names an account must name the caller's own.
        let alias_at = match segs {
            ["v2", "sitetositevpn", ..] | ["backup", ..] | ["_sim", ..] => None,
            ["rdbs", "v1", a, ..] => Some(*a),
            ["v2" | "v2-experimental", _, a, ..] => Some(*a),
            _ => None,
        };
        if let Some(a) = alias_at {
            self.own_alias(&c.view, a)?;
        }
        if segs.first() == Some(&"backup") {
            // Simple Backup takes the account from the token alone.
            self.own_alias(&c.view, &self.account.alias)?;
        }
        let v = &c.view;
        match (c.method, segs) {
            (G, ["v2", "datacenters", _]) => self.list_datacenters(c),
            (G, ["v2", "datacenters", _, dc]) => self.get_datacenter(c, dc),
            (G, ["v2", "datacenters", _, dc, "deploymentcapabilities"]) => {
                self.deployment_capabilities(dc)
            }
            (G, ["v2", "datacenters", _, dc, "computelimits"]) => self.compute_limits(dc),
            (G, ["v2", "datacenters", _, dc, "networklimits"]) => self.network_limits(dc),
            (G, ["v2", "accounts", _]) => self.get_account(v),
            (G, ["v2", "accounts", _, "customfields"]) => reply::ok(&serde_json::json!([])),

            (G, ["v2", "groups", _, id]) => self.get_group(c, id),
            (G, ["v2", "groups", _, id, "billing"]) => self.group_billing(c, id),
            (D, ["v2", "groups", _, id]) => self.delete_group(c, id),
            (G, ["v2", "groups", _, id, "horizontalautoscalepolicy"]) => self.group_exists(id),
            (G, ["v2", "groups", _, id, "defaults"]) => self.group_defaults(id),
            (
                G,
                ["v2", "groups" | "servers", _, _, "statistics" | "scheduledactivities" | "upcomingscheduledactivities"],
            ) => self.empty_list(),
            (G, ["v2", "vmimport", _, dc, "available"]) => {
                self.datacenter(dc).and_then(|_| self.empty_list())
            }
            (G, ["v2", "servers", _, id, "capabilities"]) => self.server_capabilities(id),
            (G, ["v2", "servers", _, id, "credentials"]) => self.server_credentials(id),
            (G, ["v2", "billing", _, "serverpricing", id]) => self.server_pricing(id),

            (G, ["v2", "servers", _, id]) => self.get_server(c, id),
            (D, ["v2", "servers", _, id]) => self.delete_server(c, id),
            (G, ["v2", "servers", _, id, "publicipaddresses", ip]) => self.get_public_ip(id, ip),
            (D, ["v2", "servers", _, id, "publicipaddresses", ip]) => {
                self.delete_public_ip(c, id, ip)
            }
            (G, ["v2", "servers", _, id, "snapshots", snap]) => self.get_snapshot(c, id, snap),
            (D, ["v2", "servers", _, id, "snapshots", snap]) => self.delete_snapshot(c, id, snap),
            (G, ["v2", "servers", _, id, "cpuautoscalepolicy"]) => self.get_server_autoscale(v, id),
            (D, ["v2", "servers", _, id, "cpuautoscalepolicy"]) => self.delete_server_autoscale(id),
            (D, ["v2", "servers", _, id, "alertpolicies", pid]) => self.unmap_alert_policy(id, pid),
            (D, ["v2", "servers", _, id, "networks", net]) => self.remove_secondary_nic(c, id, net),
            (_, ["v2", "servers", _, _, "antiaffinitypolicy"]) => Err(reply::not_found()),
            (P, ["v2", "operations", _, "servers", op]) => self.batch_operation(c, op),
            (G, ["v2", "operations", _, "status", id]) => self.operation_status(c, id),
            (G, ["v2-experimental", "operations", _, "status", id]) => {
                self.experimental_status(c, id)
            }

            (G, ["v2-experimental", "networks", _, dc]) => self.list_networks(v, dc),
            (G, ["v2-experimental", "networks", _, dc, id]) => self.get_network(c, dc, id),
            (G, ["v2-experimental", "networks", _, dc, id, "ipaddresses"]) => {
                self.network_ips(c, dc, id)
            }
            (P, ["v2-experimental", "networks", _, dc, id, "release"]) => {
                self.release_network(dc, id)
            }

            (G, ["v2-experimental", "firewallpolicies", _, dc]) => self.list_firewall(c, dc),
            (G, ["v2-experimental", "firewallpolicies", _, dc, id]) => self.get_firewall(v, dc, id),
            (D, ["v2-experimental", "firewallpolicies", _, dc, id]) => self.delete_firewall(dc, id),
            (G, ["v2-experimental", "crossdcfirewallpolicies", _, dc]) => self.list_cross_dc(c, dc),
            (G, ["v2-experimental", "crossdcfirewallpolicies", _, dc, id]) => {
                self.get_cross_dc(v, dc, id)
            }
            (D, ["v2-experimental", "crossdcfirewallpolicies", _, dc, id]) => {
                self.delete_cross_dc(dc, id)
            }

            (G, ["v2", "sharedloadbalancers", _, dc]) => self.list_lbs(v, dc),
            (G, ["v2", "sharedloadbalancers", _, dc, lb]) => self.get_lb(v, dc, lb),
            (D, ["v2", "sharedloadbalancers", _, dc, lb]) => self.delete_lb(dc, lb),
            (G, ["v2", "sharedloadbalancers", _, dc, lb, "pools"]) => self.list_pools(v, dc, lb),
            (G, ["v2", "sharedloadbalancers", _, dc, lb, "pools", p]) => {
                self.get_pool(v, dc, lb, p)
            }
            (D, ["v2", "sharedloadbalancers", _, dc, lb, "pools", p]) => {
                self.delete_pool(dc, lb, p)
            }
            (G, ["v2", "sharedloadbalancers", _, dc, lb, "pools", p, "nodes"]) => {
                self.pool_nodes(dc, lb, p)
            }

            (G, ["v2", "sitetositevpn"]) => self.list_vpns(c),
            (G, ["v2", "sitetositevpn", id]) => self.get_vpn(c, id),
            (D, ["v2", "sitetositevpn", id]) => self.delete_vpn(c, id),

            (G, ["v2", "alertpolicies", _]) => self.list_alert_policies(v),
            (G, ["v2", "alertpolicies", _, id]) => self.get_alert_policy(v, id),
            (D, ["v2", "alertpolicies", _, id]) => self.delete_alert_policy(id),
            (G, ["v2", "autoscalepolicies", _]) => self.list_autoscale_policies(v),
            (G, ["v2", "autoscalepolicies", _, id]) => self.get_autoscale_policy(v, id),
            (_, ["v2", "antiaffinitypolicies", ..]) => Err(reply::not_found()),
            (G, ["v2", "webhooks", _]) => self.list_webhooks(v),
            (G, ["v2", "webhooks", _, event, "configuration"]) => self.get_webhook(event),
            (D, ["v2", "webhooks", _, event, "configuration"]) => self.delete_webhook(event),
            (D, ["v2", "webhooks", _, event, "configuration", "targeturis"]) => {
                self.delete_webhook_target(c, event)
            }

            (G, ["v2", "invoice", _, y, m]) => self.invoice(c, y, m),

            (G, ["rdbs", "v1", _, "subscriptions"]) => self.list_subscriptions(c),
            (G, ["rdbs", "v1", _, "subscriptions", id]) => self.get_subscription(v, id),
            (D, ["rdbs", "v1", _, "subscriptions", id]) => self.delete_subscription(v, id),
            (G, ["rdbs", "v1", _, "subscriptions", id, "backups"]) => self.list_rdbs_backups(id),
            (G, ["rdbs", "v1", _, "subscriptions", id, "backups", b]) => {
                self.get_rdbs_backup(id, b)
            }
            (D, ["rdbs", "v1", _, "subscriptions", id, "backups", b]) => {
                self.delete_rdbs_backup(id, b)
            }
            (G, ["rdbs", "v1", _, "subscriptions", id, "notifications"]) => {
                self.rdbs_notifications(id)
            }
            (G, ["rdbs", "v1", _, "billing"]) => self.rdbs_billing(c),
            (G, ["rdbs", "v1", _, "history" | "promotions"]) => reply::ok(&serde_json::json!([])),

            (G, ["backup", "clc-backup-api", "api", "accountpolicies"]) => {
                self.list_backup_policies(c)
            }
            (G, ["backup", "clc-backup-api", "api", "accountpolicies", id]) => {
                self.get_backup_policy(id)
            }
            (Put, ["backup", "clc-backup-api", "api", "accountpolicies", id]) => {
                self.put_backup_policy(c, id)
            }
            (G, ["backup", "clc-backup-api", "api", "accountpolicies", id, "serverpolicies"]) => {
                self.list_server_policies(c, id)
            }
            (
                G,
                ["backup", "clc-backup-api", "api", "accountpolicies", id, "serverpolicies", sp],
            ) => self.get_server_policy(id, sp),
            (
                D,
                ["backup", "clc-backup-api", "api", "accountpolicies", id, "serverpolicies", sp],
            ) => self.delete_server_policy(id, sp),
            (
                Patch,
                ["backup", "clc-backup-api", "api", "accountpolicies", id, "serverpolicies", sp],
            ) => self.patch_server_policy(c, id, sp),
            (
                G,
                ["backup", "clc-backup-api", "api", "accountpolicies", id, "serverpolicies", sp, "storeddata"],
            ) => self.stored_data(id, sp),
            (G, ["backup", "clc-backup-api", "api", "serverpolicydetails"]) => {
                self.server_policy_details(c)
            }

            _ => Err(reply::message(
                404,
                &format!(
                    "No HTTP resource was found that matches the request URI '{}'.",
                    c.target.path()
                ),
            )),
        }
    }
}
