//! Site-to-site VPNs (§7.5): the account comes as `?account=`, and DELETE answers with a bare
//! JSON string job id; the VPN stays listed (with `pendingTaskId`) until the job is done.

use serde_json::{json, Value};

use crate::model::Vpn;
use crate::reply::{self, Reply, View};
use crate::routing::Call;
use crate::Sim;

impl Sim {
    fn vpn_json(&self, v: &View, vpn: &Vpn) -> Value {
        let href = format!("/v2/siteToSiteVpn/{}?account={}", vpn.id, v.lc);
        let dc_name = self
            .account
            .dc(&vpn.local_dc)
            .map(|d| d.name.clone())
            .unwrap_or_default();
        json!({
            "id": vpn.id,
            "changeInfo": { "createdBy": self.account.owner(), "createdDate": vpn.created,
                            "modifiedBy": self.account.owner(), "modifiedDate": vpn.created },
            "accountAlias": self.account.alias,
            "pendingTaskId": vpn.pending_delete.as_ref().map(|(job, _)| job.as_str()).unwrap_or(""),
            "local": { "address": vpn.local_address, "locationAlias": vpn.local_dc,
                       "locationDescription": dc_name, "subnets": vpn.local_subnets },
            "remote": { "siteName": self.shown(&vpn.id, &vpn.remote_site), "deviceType": vpn.remote_device,
                        "address": vpn.remote_address, "subnets": vpn.remote_subnets },
            "ike": { "encryption": "aes256", "hashing": "sha1_96", "diffieHellmanGroup": "group2",
                     "lifetime": 28800, "mode": "main", "deadPeerDetection": false,
                     "natTraversal": false, "remoteIdentity": "" },
            "ipsec": { "encryption": "aes256", "hashing": "sha1_96", "protocol": "esp",
                       "pfs": "group2", "lifetime": 3600 },
            "links": v.links().add("self", href, &["GET", "PUT", "DELETE"]).build(),
        })
    }

    /// The `account` query parameter must be the caller's alias (it defaults to it).
    fn vpn_account(&self, c: &Call) -> Result<(), clc::Response> {
        let account = c.target.q("account").unwrap_or(&c.view.alias).to_string();
        self.own_alias(&c.view, &account)
    }

    pub(crate) fn list_vpns(&self, c: &Call) -> Reply {
        self.vpn_account(c)?;
        reply::ok(&Value::Array(
            self.account
                .vpns
                .values()
                .map(|v| self.vpn_json(&c.view, v))
                .collect(),
        ))
    }

    pub(crate) fn get_vpn(&self, c: &Call, id: &str) -> Reply {
        self.vpn_account(c)?;
        let vpn = self.account.vpns.get(id).ok_or_else(reply::not_found)?;
        reply::ok(&self.vpn_json(&c.view, vpn))
    }

    /// → 200 `"54851"`; the VPN disappears once the queue duration has passed.
    pub(crate) fn delete_vpn(&mut self, c: &Call, id: &str) -> Reply {
        self.vpn_account(c)?;
        let done_at = c.now + self.queue_duration();
        if !self.account.vpns.contains_key(id) {
            return Err(reply::not_found());
        }
        self.op_counter += 1;
        let job = (50_000 + self.seed % 9_000 + self.op_counter).to_string();
        let vpn = self.account.vpns.get_mut(id).expect("vpn");
        let (job, _) = vpn.pending_delete.get_or_insert((job, done_at)).clone();
        reply::ok(&Value::String(job))
    }
}
