//! Shared load balancers (§7.1): balancers, pools and nodes; deletes are synchronous (204).

use serde_json::{json, Value};

use crate::model::{LoadBalancer, Pool};
use crate::reply::{self, Reply, View};
use crate::Sim;

impl Sim {
    fn lb_href(v: &View, lb: &LoadBalancer) -> String {
        format!(
            "/v2/sharedLoadBalancers/{}/{}/{}",
            v.lc,
            lb.dc.to_ascii_lowercase(),
            lb.id
        )
    }

    fn pool_json(v: &View, lb: &LoadBalancer, p: &Pool) -> Value {
        let href = format!("{}/pools/{}", Self::lb_href(v, lb), p.id);
        json!({
            "id": p.id, "port": p.port, "method": p.method, "persistence": p.persistence,
            "nodes": p.nodes.iter().map(node_json).collect::<Vec<_>>(),
            "links": v.links()
                .add("self", href.clone(), &["GET", "PUT", "DELETE"])
                .add("nodes", format!("{href}/nodes"), &["GET", "PUT"])
                .build(),
        })
    }

    fn lb_json(&self, v: &View, lb: &LoadBalancer) -> Value {
        let href = Self::lb_href(v, lb);
        json!({
            "id": lb.id, "name": self.shown(&lb.id, &lb.name), "description": lb.description, "ipAddress": lb.ip_address,
            "status": lb.status,
            "pools": lb.pools.iter().map(|p| Self::pool_json(v, lb, p)).collect::<Vec<_>>(),
            "links": v.links()
                .add("self", href.clone(), &["GET", "PUT", "DELETE"])
                .add("pools", format!("{href}/pools"), &["GET", "POST"])
                .build(),
        })
    }

    fn lb(&self, dc: &str, id: &str) -> Result<&LoadBalancer, clc::Response> {
        self.account
            .lbs
            .get(id)
            .filter(|l| l.dc.eq_ignore_ascii_case(dc))
            .ok_or_else(reply::not_found)
    }

    pub(crate) fn list_lbs(&self, v: &View, dc: &str) -> Reply {
        self.datacenter(dc)?;
        let list: Vec<Value> = self
            .account
            .lbs
            .values()
            .filter(|l| l.dc.eq_ignore_ascii_case(dc))
            .map(|l| self.lb_json(v, l))
            .collect();
        reply::ok(&Value::Array(list))
    }

    pub(crate) fn get_lb(&self, v: &View, dc: &str, id: &str) -> Reply {
        reply::ok(&self.lb_json(v, self.lb(dc, id)?))
    }

    /// 204, synchronous; pools and nodes go with it.
    pub(crate) fn delete_lb(&mut self, dc: &str, id: &str) -> Reply {
        self.lb(dc, id)?;
        self.account.lbs.remove(id);
        reply::no_content()
    }

    pub(crate) fn list_pools(&self, v: &View, dc: &str, id: &str) -> Reply {
        let lb = self.lb(dc, id)?;
        reply::ok(&Value::Array(
            lb.pools.iter().map(|p| Self::pool_json(v, lb, p)).collect(),
        ))
    }

    pub(crate) fn get_pool(&self, v: &View, dc: &str, id: &str, pool: &str) -> Reply {
        let lb = self.lb(dc, id)?;
        let p = lb
            .pools
            .iter()
            .find(|p| p.id == pool)
            .ok_or_else(reply::not_found)?;
        reply::ok(&Self::pool_json(v, lb, p))
    }

    pub(crate) fn delete_pool(&mut self, dc: &str, id: &str, pool: &str) -> Reply {
        self.lb(dc, id)?;
        let lb = self.account.lbs.get_mut(id).expect("lb");
        let before = lb.pools.len();
        lb.pools.retain(|p| p.id != pool);
        if lb.pools.len() == before {
            return Err(reply::not_found());
        }
        reply::no_content()
    }

    pub(crate) fn pool_nodes(&self, dc: &str, id: &str, pool: &str) -> Reply {
        let lb = self.lb(dc, id)?;
        let p = lb
            .pools
            .iter()
            .find(|p| p.id == pool)
            .ok_or_else(reply::not_found)?;
        reply::ok(&Value::Array(p.nodes.iter().map(node_json).collect()))
    }
}

/// A node as recorded: `{status, ipAddress, privatePort}`, no `name`.
fn node_json(n: &crate::model::LbNode) -> Value {
    json!({ "status": n.status, "ipAddress": n.ip, "privatePort": n.private_port })
}
