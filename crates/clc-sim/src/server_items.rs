//! Per-server sub-resources: public IPs (§4.5), snapshots (§4.4), the CPU autoscale and alert
//! policy mappings, and secondary NICs (§4.6).

use serde_json::{json, Value};

use crate::queue::OpKind;
use crate::reply::{self, Reply, View};
use crate::routing::Call;
use crate::Sim;

impl Sim {
    pub(crate) fn get_public_ip(&self, id: &str, ip: &str) -> Reply {
        let s = self.server(id)?;
        let p = s
            .public_ips
            .iter()
            .find(|p| p.address == ip)
            .ok_or_else(reply::not_found)?;
        let ports: Vec<Value> = p
            .ports
            .iter()
            .map(|(proto, port, to)| {
                let mut o = json!({ "protocol": proto, "port": port });
                if let Some(to) = to {
                    o["portTo"] = (*to).into();
                }
                o
            })
            .collect();
        let restrictions: Vec<Value> = p
            .source_restrictions
            .iter()
            .map(|c| json!({ "cidr": c }))
            .collect();
        reply::ok(
            &json!({ "internalIPAddress": p.internal, "ports": ports, "sourceRestrictions": restrictions }),
        )
    }

    /// `DELETE …/publicIPAddresses/{ip}` → 202 with a single status link.
    pub(crate) fn delete_public_ip(&mut self, c: &Call, id: &str, ip: &str) -> Reply {
        let s = self.server(id)?;
        let p = s
            .public_ips
            .iter()
            .find(|p| p.address == ip)
            .ok_or_else(reply::not_found)?;
        let op = match p.pending_delete.clone() {
            Some(op) => op,
            None => {
                let dc = s.dc.clone();
                let kind = OpKind::DeletePublicIp {
                    server: id.into(),
                    ip: ip.into(),
                };
                let op = self.enqueue(&dc, kind, c.now, false);
                let s = self.account.servers.get_mut(id).expect("server");
                let p = s
                    .public_ips
                    .iter_mut()
                    .find(|p| p.address == ip)
                    .expect("ip");
                p.pending_delete = Some(op.clone());
                op
            }
        };
        Ok(reply::json(202, &self.operation_link(c, &op)))
    }

    /// `GET …/snapshots/{id}`: the entry of `details.snapshots` (paths arrive lower-cased, so
    /// a planted id matches in any case).
    pub(crate) fn get_snapshot(&self, c: &Call, id: &str, snap: &str) -> Reply {
        let s = self.server(id)?;
        let href = format!("/v2/servers/{}/{}", c.view.lc, s.id);
        let details = self.details(&c.view, s, &href);
        let wanted = format!("{href}/snapshots/{snap}");
        let found = details["snapshots"].as_array().and_then(|a| {
            a.iter()
                .find(|x| {
                    x["links"][0]["href"]
                        .as_str()
                        .is_some_and(|h| h.eq_ignore_ascii_case(&wanted))
                })
                .cloned()
        });
        found
            .map(|doc| reply::ok(&doc))
            .unwrap_or_else(|| Err(reply::not_found()))
    }

    /// `DELETE …/snapshots/{id}` → 200 with a single status link.
    pub(crate) fn delete_snapshot(&mut self, c: &Call, id: &str, snap: &str) -> Reply {
        let s = self.server(id)?;
        let sn = s
            .snapshots
            .iter()
            .find(|x| x.api_id().eq_ignore_ascii_case(snap))
            .ok_or_else(reply::not_found)?;
        let n = sn.id;
        let op = match sn.pending_delete.clone() {
            Some(op) => op,
            None => {
                let dc = s.dc.clone();
                let op = self.enqueue(
                    &dc,
                    OpKind::DeleteSnapshot {
                        server: id.into(),
                        id: n,
                    },
                    c.now,
                    false,
                );
                let s = self.account.servers.get_mut(id).expect("server");
                s.snapshots
                    .iter_mut()
                    .find(|x| x.id == n)
                    .expect("snapshot")
                    .pending_delete = Some(op.clone());
                op
            }
        };
        Ok(reply::json(200, &self.operation_link(c, &op)))
    }

    pub(crate) fn get_server_autoscale(&self, v: &View, id: &str) -> Reply {
        let s = self.server(id)?;
        let p = s
            .autoscale_policy
            .as_ref()
            .and_then(|p| self.account.autoscale_policies.get(p))
            .ok_or_else(reply::not_found_empty)?;
        reply::ok(&json!({ "id": p.id,
            "links": [{ "rel": "self", "href": format!("/v2/autoscalePolicies/{}/{}", v.lc, p.id) }] }))
    }

    pub(crate) fn delete_server_autoscale(&mut self, id: &str) -> Reply {
        let s = self
            .account
            .servers
            .get_mut(id)
            .ok_or_else(reply::not_found)?;
        s.autoscale_policy.take().ok_or_else(reply::not_found)?;
        reply::no_content()
    }

    pub(crate) fn unmap_alert_policy(&mut self, id: &str, policy: &str) -> Reply {
        let s = self
            .account
            .servers
            .get_mut(id)
            .ok_or_else(reply::not_found)?;
        let before = s.alert_policies.len();
        s.alert_policies.retain(|p| p != policy);
        if s.alert_policies.len() == before {
            return Err(reply::not_found());
        }
        reply::no_content()
    }

    /// `DELETE /v2/servers/{alias}/{id}/networks/{networkId}` → 202 experimental operation.
    pub(crate) fn remove_secondary_nic(&mut self, c: &Call, id: &str, network: &str) -> Reply {
        let s = self.server(id)?;
        if !s.nics[1..].iter().any(|n| n.network == network) {
            return Err(reply::bad_request(
                "The server has no secondary network adapter on this network.",
            ));
        }
        let dc = s.dc.clone();
        let kind = OpKind::RemoveNic {
            server: id.into(),
            network: network.into(),
        };
        let op = self.enqueue(&dc, kind, c.now, true);
        let uri = format!(
            "{}/v2-experimental/operations/{}/status/{op}",
            reply::EXPERIMENTAL_HOST,
            c.view.alias
        );
        Ok(reply::json(202, &json!({ "operationId": op, "uri": uri })))
    }
}
