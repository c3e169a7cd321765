//! Servers: the server document (§4.1), its delete through the queue (§4.2), and removal of a
//! deleted server with everything that goes with it. Sub-resources live in `server_items`,
//! batch operations in `batch`.

use serde_json::{json, Value};

use crate::model::Server;
use crate::queue::OpKind;
use crate::reply::{self, Links, Reply, View};
use crate::routing::Call;
use crate::Sim;

impl Sim {
    /// The server document. `listing`: inside a `?serverDetail=detailed` group read, where an
    /// archived server's `details` is only `{powerState, storageGB}`; a direct GET gives it in
    /// full (with `cpu: 0`, `memoryMB: 0`). Links and details follow the status, as recorded.
    pub(crate) fn server_json(&self, v: &View, s: &Server, listing: bool) -> Value {
        let status = server_status(s);
        let mut doc = json!({
            "id": s.id, "name": self.shown(&s.id, &s.name), "description": s.description, "groupId": s.group,
            "isTemplate": s.is_template, "locationId": s.dc, "osType": s.os_type, "os": s.os,
            "status": status, "type": s.server_type, "storageType": s.storage_type,
            "changeInfo": { "createdBy": self.account.owner(), "createdDate": s.created,
                            "modifiedBy": self.account.owner(), "modifiedDate": s.created },
            "links": self.server_links(v, s, status),
        });
        if s.managed_os {
            doc["isManagedOS"] = true.into();
        }
        let href = format!("/v2/servers/{}/{}", v.lc, s.id);
        match status {
            "archived" if listing => {
                doc["details"] =
                    json!({ "powerState": s.power.as_str(), "storageGB": s.storage_gb });
            }
            "archived" => {
                let mut d = self.details(v, s, &href);
                (d["cpu"], d["memoryMB"]) = (0.into(), 0.into());
                doc["details"] = d;
            }
            "active" => doc["details"] = self.details(v, s, &href),
            // `queuedForDelete` and `underConstruction`: no details.
            _ => {}
        }
        doc
    }

    /// An active server's full link set; an archived one's `self` `[GET, PATCH]`, `group`,
    /// `account`, `billing`, then `restore` and `delete` without verbs; a server queued for
    /// delete or under construction only `self` `[GET, PATCH]`, `group`, `account`, `billing`.
    fn server_links(&self, v: &View, s: &Server, status: &str) -> Value {
        let a = &v.lc;
        let href = format!("/v2/servers/{a}/{}", s.id);
        let mut links = v.links();
        let self_verbs: &[&str] = if status == "active" {
            &["GET", "PATCH", "DELETE"]
        } else {
            &["GET", "PATCH"]
        };
        links.full("self", href.clone(), Some(&s.id), None, self_verbs);
        links.with_id(
            "group",
            format!("/v2/groups/{a}/{}", s.group),
            &s.group,
            &[],
        );
        links.with_id("account", format!("/v2/accounts/{a}"), a, &[]);
        links.add(
            "billing",
            format!("/v2/billing/{a}/serverPricing/{}", s.id),
            &[],
        );
        match status {
            "active" => self.active_links(&mut links, s, &href),
            // Without verbs, so a viewer (who may not restore or delete) is not shown them.
            "archived" if v.writer => {
                links.add("restore", format!("{href}/restore"), &[]);
                links.add("delete", href, &[]);
            }
            _ => {}
        }
        links.build()
    }

    fn active_links(&self, links: &mut Links<'_>, s: &Server, href: &str) {
        links.add("statistics", format!("{href}/statistics"), &[]);
        links.add(
            "upcomingScheduledActivities",
            format!("{href}/upcomingScheduledActivities"),
            &[],
        );
        links.add(
            "scheduledActivities",
            format!("{href}/scheduledActivities"),
            &["GET", "POST"],
        );
        links.add(
            "publicIPAddresses",
            format!("{href}/publicIPAddresses"),
            &["POST"],
        );
        links.add(
            "alertPolicyMappings",
            format!("{href}/alertPolicies"),
            &["POST"],
        );
        links.add(
            "cpuAutoscalePolicyMapping",
            format!("{href}/cpuAutoscalePolicy"),
            &["PUT", "DELETE"],
        );
        links.add("capabilities", format!("{href}/capabilities"), &[]);
        links.add("credentials", format!("{href}/credentials"), &[]);
        for ip in &s.public_ips {
            let ip_href = format!("{href}/publicIPAddresses/{}", ip.address);
            links.with_id(
                "publicIPAddress",
                ip_href,
                &ip.address,
                &["GET", "PUT", "DELETE"],
            );
        }
    }

    pub(crate) fn details(&self, v: &View, s: &Server, href: &str) -> Value {
        let mut ips = vec![json!({ "internal": s.nics[0].internal })];
        ips.extend(
            s.public_ips
                .iter()
                .map(|p| json!({ "public": p.address, "internal": p.internal })),
        );
        let secondary: Vec<Value> = s.nics[1..]
            .iter()
            .map(|n| json!({ "internal": n.internal }))
            .collect();
        let alerts: Vec<Value> = s
            .alert_policies
            .iter()
            .filter_map(|id| self.account.alert_policies.get(id))
            .map(|p| {
                json!({ "id": p.id, "name": self.shown(&p.id, &p.name),
                        "links": [{ "rel": "self", "href": format!("/v2/alertPolicies/{}/{}", v.lc, p.id) }] })
            })
            .collect();
        let snapshots: Vec<Value> = s
            .snapshots
            .iter()
            .map(|snap| {
                let h = format!("{href}/snapshots/{}", snap.api_id());
                let mut links = vec![json!({ "rel": "self", "href": h })];
                if v.writer {
                    links.push(json!({ "rel": "delete", "href": h }));
                    links.push(json!({ "rel": "restore", "href": format!("{h}/restore") }));
                }
                json!({ "name": snap.name, "links": links })
            })
            .collect();
        let data = s.storage_gb.saturating_sub(3);
        let mut d = json!({
            "ipAddresses": ips, "secondaryIPAddresses": secondary, "alertPolicies": alerts,
            "cpu": s.cpu, "diskCount": 3, "hostName": s.id, "inMaintenanceMode": s.maintenance,
            "memoryMB": s.memory_mb, "powerState": s.power.as_str(), "storageGB": s.storage_gb,
            "disks": [
                { "id": "0:0", "sizeGB": 1, "partitionPaths": [] },
                { "id": "0:1", "sizeGB": 2, "partitionPaths": [] },
                { "id": "0:2", "sizeGB": data, "partitionPaths": [] },
            ],
            "partitions": [
                { "sizeGB": 0.0, "path": "(swap)" },
                { "sizeGB": (f64::from(data) * 0.93 * 1000.0).round() / 1000.0, "path": "/" },
            ],
            "snapshots": snapshots, "customFields": [],
        });
        if let Some(p) = s
            .autoscale_policy
            .as_ref()
            .and_then(|id| self.account.autoscale_policies.get(id))
        {
            // An id and links only, as recorded (the policy's name is at its own href).
            d["cpuAutoscalePolicy"] = json!({ "id": p.id,
                "links": [{ "rel": "self", "href": format!("/v2/autoscalePolicies/{}/{}", v.lc, p.id) }] });
        }
        d
    }

    pub(crate) fn server(&self, id: &str) -> Result<&Server, clc::Response> {
        self.account.servers.get(id).ok_or_else(reply::not_found)
    }

    pub(crate) fn get_server(&self, c: &Call, id: &str) -> Reply {
        let s = self
            .account
            .servers
            .get(id)
            .ok_or_else(reply::not_found_empty)?;
        reply::ok(&self.server_json(&c.view, s, false))
    }

    /// `DELETE /v2/servers/{alias}/{id}` → 202 `{server, isQueued, links:[status]}`.
    pub(crate) fn delete_server(&mut self, c: &Call, id: &str) -> Reply {
        let s = self.server(id)?;
        let op = match s.queued_delete.clone() {
            Some(op) => op,
            None => {
                let dc = s.dc.clone();
                let op = self.enqueue(&dc, OpKind::DeleteServers(vec![id.into()]), c.now, false);
                self.account
                    .servers
                    .get_mut(id)
                    .expect("server")
                    .queued_delete = Some(op.clone());
                op
            }
        };
        Ok(reply::json(
            202,
            &json!({ "server": id, "isQueued": true, "links": [self.operation_link(c, &op)] }),
        ))
    }

    /// Removes a deleted server with its public IPs, snapshots and address claims, keeping its
    /// month-to-date charge for the invoice's "Deleted Servers" line.
    pub(crate) fn remove_server(&mut self, id: &str, at: u64) {
        let Some(mut s) = self.account.servers.remove(id) else {
            return;
        };
        crate::billing::settle(&mut s, at);
        *self
            .account
            .deleted_charges
            .entry(s.dc.clone())
            .or_default() += s.accrued;
        self.account
            .deleted_servers
            .entry(s.dc.clone())
            .or_default()
            .push((s.name.clone(), s.accrued));
        if let Some(g) = self.account.groups.get_mut(&s.group) {
            g.servers.retain(|x| x != id);
        }
    }
}
pub(crate) fn server_status(s: &Server) -> &'static str {
    if s.queued_delete.is_some() || s.delete_queued_at_start {
        "queuedForDelete"
    } else if s.building {
        "underConstruction"
    } else if s.archived {
        "archived"
    } else {
        "active"
    }
}
