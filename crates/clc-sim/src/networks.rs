//! Networks (§7.2, v2-experimental): lists with absolute `http://` hrefs, IP addresses derived
//! from the servers' NICs and public-IP mappings, and release with its refusals.

use serde_json::{json, Value};

use crate::model::Network;
use crate::reply::{self, Reply, View, EXPERIMENTAL_HOST};
use crate::routing::Call;
use crate::Sim;

const PRIMARY_REFUSAL: &str =
    "The network cannot be released: it is the data center's primary network, \
     which the account's client VPN depends on.";
const CLAIMED_REFUSAL: &str =
    "The network cannot be released while IP addresses on it are claimed.";

impl Sim {
    fn network_json(&self, v: &View, n: &Network, ips: Option<&str>) -> Value {
        let href = format!(
            "{EXPERIMENTAL_HOST}/v2-experimental/networks/{}/{}/{}",
            v.lc,
            n.dc.to_ascii_lowercase(),
            n.id
        );
        let mut links = v.links();
        links.add("self", href.clone(), &["GET", "PUT"]);
        links.add("ipAddresses", format!("{href}/ipAddresses"), &["GET"]);
        links.add("release", format!("{href}/release"), &["POST"]);
        let mut doc = json!({
            "id": n.id, "cidr": format!("{}.0/24", n.prefix), "description": n.description,
            "gateway": format!("{}.1", n.prefix), "name": self.shown(&n.id, &n.name), "netmask": "255.255.255.0",
            "type": "private", "vlan": n.vlan,
        });
        if let Some(kind) = ips.filter(|k| !k.eq_ignore_ascii_case("none")) {
            doc["ipAddresses"] = self.addresses(n, kind).into();
        }
        doc["links"] = links.build();
        doc
    }

    /// Claimed addresses (server NICs, public-IP mappings), free ones, or both.
    fn addresses(&self, n: &Network, kind: &str) -> Vec<Value> {
        let mut claimed: Vec<(u32, Value)> = Vec::new();
        for s in self.account.servers.values().filter(|s| s.dc == n.dc) {
            for (i, nic) in s
                .nics
                .iter()
                .enumerate()
                .filter(|(_, nic)| nic.network == n.id)
            {
                claimed.push((
                    host(&nic.internal),
                    json!({ "address": nic.internal, "claimed": true,
                    "primary": i == 0, "server": self.shown(&s.id, &s.name), "type": "private" }),
                ));
            }
            for p in s.public_ips.iter().filter(|p| p.network == n.id) {
                claimed.push((
                    host(&p.internal),
                    json!({ "address": p.internal, "claimed": true,
                    "primary": false, "server": self.shown(&s.id, &s.name), "type": "publicMapped" }),
                ));
            }
        }
        claimed.sort_by_key(|(h, _)| *h);
        let kind = kind.to_ascii_lowercase();
        let mut out: Vec<Value> = Vec::new();
        if kind == "claimed" || kind == "all" {
            out.extend(claimed.iter().map(|(_, v)| v.clone()));
        }
        if kind == "free" || kind == "all" {
            let taken: Vec<u32> = claimed.iter().map(|(h, _)| *h).collect();
            out.extend((2..255).filter(|h| !taken.contains(h)).map(|h| {
                json!({ "address": format!("{}.{h}", n.prefix), "claimed": false, "type": "private" })
            }));
        }
        out
    }

    pub(crate) fn claimed_count(&self, n: &Network) -> usize {
        self.addresses(n, "claimed").len()
    }

    fn network(&self, dc: &str, id: &str) -> Result<&Network, clc::Response> {
        self.account
            .networks
            .get(id)
            .filter(|n| n.dc.eq_ignore_ascii_case(dc))
            .ok_or_else(reply::not_found)
    }

    pub(crate) fn list_networks(&self, v: &View, dc: &str) -> Reply {
        self.datacenter(dc)?;
        let list: Vec<Value> = self
            .account
            .networks
            .values()
            .filter(|n| n.dc.eq_ignore_ascii_case(dc))
            .map(|n| self.network_json(v, n, None))
            .collect();
        reply::ok(&Value::Array(list))
    }

    /// `GET …/{networkId}?ipAddresses=none|claimed|free|all`
    pub(crate) fn get_network(&self, c: &Call, dc: &str, id: &str) -> Reply {
        let n = self.network(dc, id)?;
        reply::ok(&self.network_json(&c.view, n, c.target.q("ipAddresses")))
    }

    /// `GET …/{networkId}/ipAddresses?type=claimed|free|all` (default claimed).
    pub(crate) fn network_ips(&self, c: &Call, dc: &str, id: &str) -> Reply {
        let n = self.network(dc, id)?;
        reply::ok(&Value::Array(
            self.addresses(n, c.target.q("type").unwrap_or("claimed")),
        ))
    }

    /// `POST …/{networkId}/release` → 204; 400 for the primary network or claimed addresses.
    pub(crate) fn release_network(&mut self, dc: &str, id: &str) -> Reply {
        let n = self.network(dc, id)?;
        if n.primary {
            return Err(reply::bad_request(PRIMARY_REFUSAL));
        }
        if self.claimed_count(n) > 0 {
            return Err(reply::bad_request(CLAIMED_REFUSAL));
        }
        self.account.networks.remove(id);
        reply::no_content()
    }
}

fn host(ip: &str) -> u32 {
    ip.rsplit('.')
        .next()
        .and_then(|h| h.parse().ok())
        .unwrap_or(0)
}
