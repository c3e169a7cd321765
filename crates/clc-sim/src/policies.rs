//! Account-wide policies: alert policies (§7.7), autoscale policies (§7.8, a bare array),
//! webhooks (§7.14). Anti-affinity (§7.6) is retired: its routes answer 404 in `routing`.

use serde_json::{json, Value};

use crate::model::{AlertPolicy, AutoscalePolicy};
use crate::reply::{self, Reply, View};
use crate::routing::Call;
use crate::Sim;

pub(crate) const WEBHOOK_EVENTS: &[&str] = &[
    "Account.Created",
    "Account.Deleted",
    "Account.Updated",
    "Alert.Notification",
    "Server.Created",
    "Server.Deleted",
    "Server.Updated",
    "User.Created",
    "User.Deleted",
    "User.Updated",
];

impl Sim {
    fn alert_json(&self, v: &View, p: &AlertPolicy) -> Value {
        json!({
            "id": p.id, "name": self.shown(&p.id, &p.name),
            "actions": [{ "action": "email", "settings": { "recipients": p.recipients } }],
            "links": v.links().add("self", format!("/v2/alertPolicies/{}/{}", v.lc, p.id), &["GET", "DELETE", "PUT"]).build(),
            "triggers": [{ "metric": p.metric, "duration": "00:05:00", "threshold": p.threshold }],
        })
    }

    pub(crate) fn list_alert_policies(&self, v: &View) -> Reply {
        let items: Vec<Value> = self
            .account
            .alert_policies
            .values()
            .map(|p| self.alert_json(v, p))
            .collect();
        let links = v
            .links()
            .add(
                "self",
                format!("/v2/alertPolicies/{}", v.lc),
                &["GET", "POST"],
            )
            .build();
        reply::ok(&json!({ "items": items, "links": links }))
    }

    pub(crate) fn get_alert_policy(&self, v: &View, id: &str) -> Reply {
        let p = self
            .account
            .alert_policies
            .get(id)
            .ok_or_else(reply::not_found)?;
        reply::ok(&self.alert_json(v, p))
    }

    /// 204; the policy is also unmapped from every server.
    pub(crate) fn delete_alert_policy(&mut self, id: &str) -> Reply {
        self.account
            .alert_policies
            .remove(id)
            .ok_or_else(reply::not_found)?;
        for s in self.account.servers.values_mut() {
            s.alert_policies.retain(|p| p != id);
        }
        reply::no_content()
    }

    fn autoscale_json(&self, v: &View, p: &AutoscalePolicy) -> Value {
        json!({
            "id": p.id, "name": self.shown(&p.id, &p.name), "resourceType": "cpu", "thresholdPeriodMinutes": 5,
            "scaleUpIncrement": 1, "range": { "min": p.min, "max": p.max },
            "scaleUpThreshold": p.up, "scaleDownThreshold": p.down,
            "scaleDownWindow": { "start": "02:00", "end": "04:00" },
            "links": v.links().add("self", format!("/v2/autoscalePolicies/{}/{}", v.lc, p.id), &[]).build(),
        })
    }

    pub(crate) fn list_autoscale_policies(&self, v: &View) -> Reply {
        reply::ok(&Value::Array(
            self.account
                .autoscale_policies
                .values()
                .map(|p| self.autoscale_json(v, p))
                .collect(),
        ))
    }

    pub(crate) fn get_autoscale_policy(&self, v: &View, id: &str) -> Reply {
        let p = self
            .account
            .autoscale_policies
            .get(id)
            .ok_or_else(reply::not_found)?;
        reply::ok(&self.autoscale_json(v, p))
    }

    /// Every event; `configuration` only on the configured ones.
    pub(crate) fn list_webhooks(&self, v: &View) -> Reply {
        let items: Vec<Value> = WEBHOOK_EVENTS
            .iter()
            .map(|event| {
                let href = format!("/v2/webhooks/{}/{event}/configuration", v.lc);
                let mut item = json!({
                    "name": self.shown(event, event),
                    "links": v.links().add("self", href, &["GET", "PUT", "DELETE"]).build(),
                });
                if let Some(w) = self.account.webhooks.iter().find(|w| w.event == *event) {
                    let uris: Vec<Value> = w
                        .target_uris
                        .iter()
                        .map(|u| json!({ "targetUri": u }))
                        .collect();
                    item["configuration"] = json!({ "recursive": w.recursive, "targetUris": uris });
                }
                item
            })
            .collect();
        let links = v
            .links()
            .add("self", format!("/v2/webhooks/{}", v.lc), &["GET"])
            .build();
        reply::ok(&json!({ "items": items, "links": links }))
    }

    fn event(name: &str) -> Result<&'static str, clc::Response> {
        WEBHOOK_EVENTS
            .iter()
            .copied()
            .find(|e| e.eq_ignore_ascii_case(name))
            .ok_or_else(reply::not_found)
    }

    /// `GET /v2/webhooks/{alias}/{event}/configuration` (empty when not configured).
    pub(crate) fn get_webhook(&self, event: &str) -> Reply {
        let event = Self::event(event)?;
        let w = self.account.webhooks.iter().find(|w| w.event == event);
        let uris: Vec<Value> = w
            .map(|w| {
                w.target_uris
                    .iter()
                    .map(|u| json!({ "targetUri": u }))
                    .collect()
            })
            .unwrap_or_default();
        reply::ok(&json!({ "recursive": w.is_some_and(|w| w.recursive), "targetUris": uris }))
    }

    pub(crate) fn delete_webhook(&mut self, event: &str) -> Reply {
        let event = Self::event(event)?;
        self.account.webhooks.retain(|w| w.event != event);
        reply::no_content()
    }

    /// `DELETE …/configuration/targetUris?targetUri={uri}`
    pub(crate) fn delete_webhook_target(&mut self, c: &Call, event: &str) -> Reply {
        let event = Self::event(event)?;
        let uri = c
            .target
            .q("targetUri")
            .ok_or_else(|| reply::bad_request("targetUri is required."))?;
        for w in self
            .account
            .webhooks
            .iter_mut()
            .filter(|w| w.event == event)
        {
            w.target_uris.retain(|u| u != uri);
        }
        self.account.webhooks.retain(|w| !w.target_uris.is_empty());
        reply::no_content()
    }
}
