//! Intra- and cross-data-center firewall policies (§7.3, §7.4): lists, one policy, delete (204).

use serde_json::{json, Value};

use crate::model::{CrossDcPolicy, FirewallPolicy};
use crate::reply::{self, Reply, View, EXPERIMENTAL_HOST};
use crate::routing::Call;
use crate::Sim;

impl Sim {
    fn firewall_json(&self, v: &View, p: &FirewallPolicy) -> Value {
        let href = format!(
            "{EXPERIMENTAL_HOST}/v2-experimental/firewallPolicies/{}/{}/{}",
            v.lc,
            p.dc.to_ascii_lowercase(),
            p.id
        );
        json!({
            "id": p.id, "status": p.status, "enabled": p.enabled, "source": p.source,
            "destination": p.destination, "destinationAccount": p.destination_account, "ports": p.ports,
            "links": v.links().add("self", href, &["GET", "PUT", "DELETE"]).build(),
        })
    }

    fn cross_dc_json(&self, v: &View, dc: &str, p: &CrossDcPolicy) -> Value {
        let href = format!(
            "{EXPERIMENTAL_HOST}/v2-experimental/crossDcFirewallPolicies/{}/{}/{}",
            v.lc,
            dc.to_ascii_lowercase(),
            p.id
        );
        json!({
            "id": p.id, "status": p.status, "enabled": p.enabled,
            "sourceCidr": p.source_cidr, "sourceAccount": p.source_account, "sourceLocation": p.source_location,
            "destinationCidr": p.destination_cidr, "destinationAccount": p.destination_account,
            "destinationLocation": p.destination_location,
            "links": v.links().add("self", href, &["GET", "PUT", "DELETE"]).build(),
        })
    }

    pub(crate) fn list_firewall(&self, c: &Call, dc: &str) -> Reply {
        self.datacenter(dc)?;
        let dest = c.target.q("destinationAccount");
        let list: Vec<Value> = self
            .account
            .firewall
            .values()
            .filter(|p| p.dc.eq_ignore_ascii_case(dc))
            .filter(|p| dest.is_none_or(|d| d.eq_ignore_ascii_case(&p.destination_account)))
            .map(|p| self.firewall_json(&c.view, p))
            .collect();
        reply::ok(&Value::Array(list))
    }

    fn firewall(&self, dc: &str, id: &str) -> Result<&FirewallPolicy, clc::Response> {
        self.account
            .firewall
            .get(id)
            .filter(|p| p.dc.eq_ignore_ascii_case(dc))
            .ok_or_else(reply::not_found)
    }

    pub(crate) fn get_firewall(&self, v: &View, dc: &str, id: &str) -> Reply {
        reply::ok(&self.firewall_json(v, self.firewall(dc, id)?))
    }

    pub(crate) fn delete_firewall(&mut self, dc: &str, id: &str) -> Reply {
        self.firewall(dc, id)?;
        self.account.firewall.remove(id);
        reply::no_content()
    }

    fn cross_dc(&self, dc: &str, id: &str) -> Result<&CrossDcPolicy, clc::Response> {
        self.account
            .cross_dc
            .get(id)
            .filter(|p| {
                p.source_location.eq_ignore_ascii_case(dc)
                    || p.destination_location.eq_ignore_ascii_case(dc)
            })
            .ok_or_else(reply::not_found)
    }

    /// Policies whose source or destination is in `dc`.
    pub(crate) fn list_cross_dc(&self, c: &Call, dc: &str) -> Reply {
        self.datacenter(dc)?;
        let dest = c.target.q("destinationAccountId");
        let list: Vec<Value> = self
            .account
            .cross_dc
            .values()
            .filter(|p| {
                p.source_location.eq_ignore_ascii_case(dc)
                    || p.destination_location.eq_ignore_ascii_case(dc)
            })
            .filter(|p| dest.is_none_or(|d| d.eq_ignore_ascii_case(&p.destination_account)))
            .map(|p| self.cross_dc_json(&c.view, dc, p))
            .collect();
        reply::ok(&Value::Array(list))
    }

    pub(crate) fn get_cross_dc(&self, v: &View, dc: &str, id: &str) -> Reply {
        reply::ok(&self.cross_dc_json(v, dc, self.cross_dc(dc, id)?))
    }

    pub(crate) fn delete_cross_dc(&mut self, dc: &str, id: &str) -> Reply {
        self.cross_dc(dc, id)?;
        self.account.cross_dc.remove(id);
        reply::no_content()
    }
}
