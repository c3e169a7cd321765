//! Data centers (§2.1–2.5): the list with `groupLinks`, one data center, deployment
//! capabilities and limits.

use serde_json::{json, Value};

use crate::model::DataCenter;
use crate::reply::{self, Reply, View};
use crate::routing::Call;
use crate::Sim;

impl Sim {
    fn dc_json(&self, v: &View, dc: &DataCenter, group_links: bool) -> Value {
        let a = &v.lc;
        let (d, root) = (&dc.id, &dc.root_group);
        let mut links = v.links();
        links.add("self", format!("/v2/datacenters/{a}/{d}"), &[]);
        if group_links {
            let root_name = self
                .account
                .groups
                .get(root)
                .map(|g| self.shown(&g.id, &g.name))
                .unwrap_or("");
            let g = format!("/v2/groups/{a}/{root}");
            links
                .add(
                    "deploymentCapabilities",
                    format!("/v2/datacenters/{a}/{d}/deploymentCapabilities"),
                    &[],
                )
                .add(
                    "loadBalancers",
                    format!("/v2/sharedLoadBalancers/{a}/{d}"),
                    &["GET", "POST"],
                )
                .add(
                    "computeLimits",
                    format!("/v2/datacenters/{a}/{d}/computeLimits"),
                    &["GET", "POST"],
                )
                .add(
                    "networkLimits",
                    format!("/v2/datacenters/{a}/{d}/networkLimits"),
                    &["GET"],
                )
                .add(
                    "availableOvfs",
                    format!("/v2/vmImport/{a}/{d}/available"),
                    &["GET"],
                )
                .full("group", g.clone(), Some(root), Some(root_name), &[])
                .add("createGroup", format!("/v2/groups/{a}"), &["POST"])
                .add("createServer", format!("/v2/servers/{a}"), &["POST"])
                .add("defaults", format!("{g}/defaults"), &["GET", "POST"])
                .add("billing", format!("{g}/billing"), &[])
                .add("statistics", format!("{g}/statistics"), &[])
                .add(
                    "upcomingScheduledActivities",
                    format!("{g}/upcomingScheduledActivities"),
                    &[],
                )
                .add(
                    "horizontalAutoscalePolicyMapping",
                    format!("{g}/horizontalAutoscalePolicy"),
                    &["GET", "PUT", "DELETE"],
                )
                .add(
                    "scheduledActivities",
                    format!("{g}/scheduledActivities"),
                    &["GET", "POST"],
                );
        }
        json!({ "id": dc.id, "name": dc.name, "links": links.build() })
    }

    pub(crate) fn datacenter(&self, id: &str) -> Result<&DataCenter, clc::Response> {
        self.account.dc(id).ok_or_else(reply::not_found)
    }

    /// `GET /v2/datacenters/{alias}[?groupLinks=true]` (cached by browsers for 5 minutes, as observed).
    pub(crate) fn list_datacenters(&self, c: &Call) -> Reply {
        let gl = c.target.q_true("groupLinks");
        let list: Vec<Value> = self
            .account
            .dcs
            .iter()
            .map(|d| self.dc_json(&c.view, d, gl))
            .collect();
        let mut resp = reply::json(200, &Value::Array(list));
        for (name, value) in &mut resp.headers {
            if name == "Cache-Control" {
                *value = "max-age=300, private".into();
            }
        }
        Ok(resp)
    }

    pub(crate) fn get_datacenter(&self, c: &Call, id: &str) -> Reply {
        let dc = self.datacenter(id)?;
        reply::ok(&self.dc_json(&c.view, dc, c.target.q_true("groupLinks")))
    }

    pub(crate) fn deployment_capabilities(&self, id: &str) -> Reply {
        let dc = self.datacenter(id)?;
        let networks: Vec<Value> = self
            .account
            .networks
            .values()
            .filter(|n| n.dc.eq_ignore_ascii_case(&dc.id))
            .map(|n| json!({ "name": self.shown(&n.id, &n.name), "networkId": n.id, "type": "private", "accountID": self.account.alias }))
            .collect();
        reply::ok(&json!({
            "dataCenterEnabled": true, "importVMEnabled": true, "supportsPremiumStorage": false,
            "supportsSharedLoadBalancer": true, "supportsBareMetalServers": false,
            "deployableNetworks": networks,
            "templates": [{ "name": "CENTOS-6-64-TEMPLATE", "osType": "centOS6_64Bit",
                            "description": "CentOS 6 | 64-bit", "storageSizeGB": 17,
                            "capabilities": ["cpuAutoscale"], "reservedDrivePaths": ["bin", "boot"] }],
            "importableOSTypes": [],
        }))
    }

    pub(crate) fn compute_limits(&self, id: &str) -> Reply {
        self.datacenter(id)?;
        reply::ok(&json!({
            "cpu": { "value": 200, "inherited": false },
            "memoryGB": { "value": 800, "inherited": false },
            "storageGB": { "value": 20000, "inherited": false },
        }))
    }

    pub(crate) fn network_limits(&self, id: &str) -> Reply {
        self.datacenter(id)?;
        reply::ok(&json!({ "networks": { "value": 10, "inherited": false } }))
    }
}
