//! Relational DB Service (§7.11, §6.3) under `/rdbs/v1/{alias}/…`: subscriptions, backups
//! (epoch-ms times), billing as `"$12.34"` strings, and delete.

use serde_json::{json, Value};

use crate::model::RdbsSubscription;
use crate::reply::{self, dollars, Reply, View};
use crate::routing::Call;
use crate::Sim;

impl Sim {
    fn subscription_json(&self, v: &View, s: &RdbsSubscription) -> Value {
        json!({
            "id": s.id, "location": s.location, "instanceType": "MySQL", "externalId": s.external_id,
            "status": s.status, "backupTime": "2:00", "backupRetentionDays": 7,
            "servers": [{ "id": s.id * 10 + 1, "alias": v.alias, "location": s.location, "cpu": s.cpu,
                          "memory": s.memory, "storage": s.storage,
                          "attributes": { "INTERNAL_IP": s.internal_ip }, "connections": 3 }],
            "host": s.host, "port": s.port,
            "certificate": "-----BEGIN CERTIFICATE-----\nMIIBsimulated\n-----END CERTIFICATE-----",
            "backups": s.backups.iter().map(backup_json).collect::<Vec<_>>(),
        })
    }

    fn subscription(&self, id: &str) -> Result<&RdbsSubscription, clc::Response> {
        id.parse::<u64>()
            .ok()
            .and_then(|n| self.account.rdbs.get(&n))
            .ok_or_else(reply::not_found)
    }

    /// `?dataCenter=UC1&status=ACTIVE` filters, both case-insensitive.
    pub(crate) fn list_subscriptions(&self, c: &Call) -> Reply {
        let (dc, status) = (c.target.q("dataCenter"), c.target.q("status"));
        let list: Vec<Value> = self
            .account
            .rdbs
            .values()
            .filter(|s| dc.is_none_or(|d| d.eq_ignore_ascii_case(&s.location)))
            .filter(|s| status.is_none_or(|st| st.eq_ignore_ascii_case(s.status)))
            .map(|s| self.subscription_json(&c.view, s))
            .collect();
        reply::ok(&Value::Array(list))
    }

    pub(crate) fn get_subscription(&self, v: &View, id: &str) -> Reply {
        reply::ok(&self.subscription_json(v, self.subscription(id)?))
    }

    /// 200 with the subscription as `Deleted`; it is gone from lists afterwards.
    pub(crate) fn delete_subscription(&mut self, v: &View, id: &str) -> Reply {
        let mut doc = self.subscription_json(v, self.subscription(id)?);
        doc["status"] = "Deleted".into();
        let n: u64 = id.parse().unwrap_or_default();
        self.account.rdbs.remove(&n);
        reply::ok(&doc)
    }

    pub(crate) fn list_rdbs_backups(&self, id: &str) -> Reply {
        reply::ok(&Value::Array(
            self.subscription(id)?
                .backups
                .iter()
                .map(backup_json)
                .collect(),
        ))
    }

    pub(crate) fn get_rdbs_backup(&self, id: &str, backup: &str) -> Reply {
        let s = self.subscription(id)?;
        let b = s
            .backups
            .iter()
            .find(|b| b.id.to_string() == backup)
            .ok_or_else(reply::not_found)?;
        reply::ok(&backup_json(b))
    }

    pub(crate) fn delete_rdbs_backup(&mut self, id: &str, backup: &str) -> Reply {
        let n = self.subscription(id)?.id;
        let s = self.account.rdbs.get_mut(&n).expect("subscription");
        let before = s.backups.len();
        s.backups.retain(|b| b.id.to_string() != backup);
        if s.backups.len() == before {
            return Err(reply::not_found());
        }
        reply::no_content()
    }

    pub(crate) fn rdbs_notifications(&self, id: &str) -> Reply {
        self.subscription(id)?;
        reply::ok(&json!([]))
    }

    pub(crate) fn rdbs_month_to_date(&self, s: &RdbsSubscription, now: u64) -> f64 {
        s.accrued
            + s.hourly * now.saturating_sub(s.since_ms) as f64 / crate::calendar::HOUR_MS as f64
    }

    /// `GET /rdbs/v1/{alias}/billing[?subscriptionId=]`
    pub(crate) fn rdbs_billing(&self, c: &Call) -> Reply {
        let only = c.target.q_u64("subscriptionId");
        let subs: Vec<&RdbsSubscription> = self
            .account
            .rdbs
            .values()
            .filter(|s| only.is_none_or(|id| id == s.id))
            .collect();
        let mtd: f64 = subs.iter().map(|s| self.rdbs_month_to_date(s, c.now)).sum();
        let hourly: f64 = subs.iter().map(|s| s.hourly).sum();
        reply::ok(&json!({
            "productCode": null, "metadata": {},
            "monthlyEstimate": dollars(mtd + hourly * self.hours_left(c.now)),
            "monthToDate": dollars(mtd), "currentHour": dollars(hourly),
        }))
    }
}

fn backup_json(b: &crate::model::RdbsBackup) -> Value {
    json!({ "id": b.id, "fileName": b.file_name, "backupTime": b.time_ms, "backupType": b.kind,
            "status": "Completed", "size": b.size })
}
