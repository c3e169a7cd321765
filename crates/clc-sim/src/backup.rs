//! Simple Backup (§7.13) under `/backup/clc-backup-api/api/…`: the account comes from the
//! token; lists are paged with `limit`/`offset` → `nextOffset`/`totalCount`.

use serde_json::{json, Value};

use crate::model::{BackupAccountPolicy, BackupServerPolicy};
use crate::reply::{self, Reply};
use crate::routing::Call;
use crate::target::{body_value, field};
use crate::Sim;

/// Page size when the caller gives no `limit`.
pub const DEFAULT_PAGE: usize = 25;

fn page(c: &Call, items: Vec<Value>) -> Value {
    let limit = c
        .target
        .q_u64("limit")
        .map(|l| l as usize)
        .unwrap_or(DEFAULT_PAGE)
        .max(1);
    let offset = c.target.q_u64("offset").unwrap_or(0) as usize;
    let total = items.len();
    let results: Vec<Value> = items.into_iter().skip(offset).take(limit).collect();
    json!({ "limit": limit, "offset": offset, "nextOffset": offset + results.len(),
            "totalCount": total, "results": results })
}

impl Sim {
    fn policy_json(&self, p: &BackupAccountPolicy) -> Value {
        json!({
            "policyId": p.id, "name": self.shown(&p.id, &p.name), "osType": p.os_type, "clcAccountAlias": self.account.alias,
            "status": p.status, "paths": p.paths, "excludedDirectoryPaths": [],
            "retentionDays": p.retention_days, "backupIntervalHours": p.interval_hours,
            "backupSchedule": format!("0 0 0/{} * * ?", p.interval_hours.min(23)),
        })
    }

    fn server_policy_json(&self, p: &BackupServerPolicy) -> Value {
        json!({
            "serverPolicyId": p.id, "accountPolicyId": p.account_policy, "serverId": p.server,
            "storageRegion": p.region, "clcAccountAlias": self.account.alias, "status": p.status,
            "expirationDate": 0, "unsubscribedDate": 0, "storageAccountId": format!("{}-backup", self.account.alias.to_ascii_lowercase()),
        })
    }

    fn backup_policy(&self, id: &str) -> Result<&BackupAccountPolicy, clc::Response> {
        self.account
            .backup_policies
            .iter()
            .find(|p| p.id.eq_ignore_ascii_case(id))
            .ok_or_else(reply::not_found)
    }

    /// `GET /accountPolicies?limit=&offset=&withStatus=`
    pub(crate) fn list_backup_policies(&self, c: &Call) -> Reply {
        let status = c.target.q("withStatus");
        let items: Vec<Value> = self
            .account
            .backup_policies
            .iter()
            .filter(|p| status.is_none_or(|s| s.eq_ignore_ascii_case(p.status)))
            .map(|p| self.policy_json(p))
            .collect();
        reply::ok(&page(c, items))
    }

    pub(crate) fn get_backup_policy(&self, id: &str) -> Reply {
        reply::ok(&self.policy_json(self.backup_policy(id)?))
    }

    /// `PUT /accountPolicies/{id}` with `status` → deactivates (or reactivates) the policy.
    pub(crate) fn put_backup_policy(&mut self, c: &Call, id: &str) -> Reply {
        let body = body_value(c.req.body.as_deref());
        let status = match field(&body, "status")
            .and_then(Value::as_str)
            .map(str::to_ascii_uppercase)
        {
            Some(s) if s == "INACTIVE" => "INACTIVE",
            Some(s) if s == "ACTIVE" => "ACTIVE",
            _ => return Err(reply::bad_request("status must be ACTIVE or INACTIVE.")),
        };
        let pid = self.backup_policy(id)?.id.clone();
        let p = self
            .account
            .backup_policies
            .iter_mut()
            .find(|p| p.id == pid)
            .expect("policy");
        p.status = status;
        let doc = self.policy_json(self.backup_policy(id)?);
        reply::ok(&doc)
    }

    pub(crate) fn list_server_policies(&self, c: &Call, id: &str) -> Reply {
        let p = self.backup_policy(id)?;
        let status = c.target.q("withStatus");
        let items: Vec<Value> = self
            .account
            .backup_server_policies
            .iter()
            .filter(|s| s.account_policy == p.id)
            .filter(|s| status.is_none_or(|st| st.eq_ignore_ascii_case(s.status)))
            .map(|s| self.server_policy_json(s))
            .collect();
        reply::ok(&page(c, items))
    }

    fn server_policy_index(&self, id: &str, sp: &str) -> Result<usize, clc::Response> {
        let p = self.backup_policy(id)?.id.clone();
        self.account
            .backup_server_policies
            .iter()
            .position(|s| s.account_policy == p && s.id.eq_ignore_ascii_case(sp))
            .ok_or_else(reply::not_found)
    }

    pub(crate) fn get_server_policy(&self, id: &str, sp: &str) -> Reply {
        let i = self.server_policy_index(id, sp)?;
        reply::ok(&self.server_policy_json(&self.account.backup_server_policies[i]))
    }

    /// 204; 404 if either id is unknown.
    pub(crate) fn delete_server_policy(&mut self, id: &str, sp: &str) -> Reply {
        let i = self.server_policy_index(id, sp)?;
        self.account.backup_server_policies.remove(i);
        reply::no_content()
    }

    /// `{"op":"replace","path":"/status","value":"INACTIVE"}` (also accepted as a one-item array).
    pub(crate) fn patch_server_policy(&mut self, c: &Call, id: &str, sp: &str) -> Reply {
        let i = self.server_policy_index(id, sp)?;
        let body = body_value(c.req.body.as_deref());
        let patch = body
            .as_array()
            .and_then(|a| a.first().cloned())
            .unwrap_or(body);
        let value = field(&patch, "value").and_then(Value::as_str).unwrap_or("");
        if !value.eq_ignore_ascii_case("INACTIVE") {
            return Err(reply::bad_request(
                "Only a change of status to INACTIVE is supported.",
            ));
        }
        self.account.backup_server_policies[i].status = "INACTIVE";
        reply::ok(&self.server_policy_json(&self.account.backup_server_policies[i]))
    }

    pub(crate) fn stored_data(&self, id: &str, sp: &str) -> Reply {
        let i = self.server_policy_index(id, sp)?;
        let gb = self.account.backup_server_policies[i].gb_stored;
        reply::ok(&json!({ "gigabytesStored": format!("{gb:.3}"),
                           "bytesStored": format!("{}", (gb * 1_073_741_824.0) as u64) }))
    }

    /// `GET /serverPolicyDetails?serverId=` → the server's policies (a bare array).
    pub(crate) fn server_policy_details(&self, c: &Call) -> Reply {
        let server = c
            .target
            .q("serverId")
            .ok_or_else(|| reply::bad_request("serverId is required."))?;
        let list: Vec<Value> = self
            .account
            .backup_server_policies
            .iter()
            .filter(|s| s.server.eq_ignore_ascii_case(server))
            .map(|s| self.server_policy_json(s))
            .collect();
        reply::ok(&Value::Array(list))
    }
}
