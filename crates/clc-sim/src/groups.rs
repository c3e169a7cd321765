//! Groups: the recursive group document (§3.1, optionally with `servers` embedded) and group
//! delete (§3.3), which cascades to sub-groups and servers when its operation completes.

use serde_json::{json, Value};

use crate::model::{Group, GroupKind};
use crate::queue::OpKind;
use crate::reply::{self, Links, Reply, View};
use crate::routing::Call;
use crate::Sim;

impl Sim {
    pub(crate) fn group_json(&self, v: &View, g: &Group, detailed: bool) -> Value {
        let a = &v.lc;
        let href = format!("/v2/groups/{a}/{}", g.id);
        let self_verbs: &[&str] = if g.is_system() {
            &["GET", "PATCH"]
        } else {
            &["GET", "PATCH", "DELETE"]
        };
        // Archive and Templates have `self`, `parentGroup`, `defaults`, `billing` and
        // `archiveGroupAction` only; the root and user groups also create and report.
        let holds_system_servers = matches!(g.kind, GroupKind::Archive | GroupKind::Templates);
        let mut links = v.links();
        if !holds_system_servers {
            links.add("createGroup", format!("/v2/groups/{a}"), &["POST"]);
            links.add("createServer", format!("/v2/servers/{a}"), &["POST"]);
        }
        links.add("self", href.clone(), self_verbs);
        if let Some(p) = &g.parent {
            links.with_id("parentGroup", format!("/v2/groups/{a}/{p}"), p, &[]);
        }
        links.add("defaults", format!("{href}/defaults"), &["GET", "POST"]);
        links.add("billing", format!("{href}/billing"), &[]);
        if g.kind != GroupKind::Root {
            // Without verbs: recorded so for user groups, reported so for system groups.
            links.add("archiveGroupAction", format!("{href}/archive"), &[]);
        }
        if !holds_system_servers {
            reporting_links(&mut links, &href);
        }
        if !detailed {
            // A detailed read has its servers in `servers`, never as links.
            for s in &g.servers {
                links.with_id("server", format!("/v2/servers/{a}/{s}"), s, &[]);
            }
        }
        let groups: Vec<Value> = g
            .children
            .iter()
            .filter_map(|c| self.account.groups.get(c))
            .map(|c| self.group_json(v, c, detailed))
            .collect();
        let mut doc = json!({
            "id": g.id, "name": self.shown(&g.id, &g.name), "description": g.description, "locationId": g.dc,
            "type": g.type_name(), "status": "active", "serversCount": g.servers.len(),
            "groups": groups, "links": links.build(),
            "changeInfo": { "createdBy": self.account.owner(), "createdDate": g.created,
                            "modifiedBy": self.account.owner(), "modifiedDate": g.created },
            "customFields": [],
        });
        if detailed {
            let servers: Vec<Value> = g
                .servers
                .iter()
                .filter_map(|s| self.account.servers.get(s))
                .map(|s| self.server_json(v, s, true))
                .collect();
            doc["servers"] = servers.into();
        }
        doc
    }

    /// `GET /v2/groups/{alias}/{id}[?serverDetail=detailed]`; a detailed tree is written once
    /// per state (see `trees`).
    pub(crate) fn get_group(&mut self, c: &Call, id: &str) -> Reply {
        let g = self.account.groups.get(id).ok_or_else(reply::not_found)?;
        let detailed = c
            .target
            .q("serverDetail")
            .is_some_and(|d| d.eq_ignore_ascii_case("detailed"));
        if detailed && self.faults.fail_server_detail {
            return Err(reply::server_error());
        }
        if detailed {
            return self.detailed_tree(&c.view, id).ok_or_else(reply::not_found);
        }
        reply::ok(&self.group_json(&c.view, g, false))
    }

    /// 404 for a group without a horizontal autoscale policy (none exist in the simulator).
    pub(crate) fn group_exists(&self, id: &str) -> Reply {
        self.account.groups.get(id).ok_or_else(reply::not_found)?;
        Err(reply::not_found_empty())
    }

    /// Removes a group, its sub-groups and all their servers.
    pub(crate) fn remove_group(&mut self, id: &str, at: u64) {
        let tree = self.account.subtree(id);
        for g in &tree {
            let servers = self
                .account
                .groups
                .get(g)
                .map(|g| g.servers.clone())
                .unwrap_or_default();
            for s in servers {
                self.remove_server(&s, at);
            }
        }
        if let Some(parent) = self.account.groups.get(id).and_then(|g| g.parent.clone()) {
            if let Some(p) = self.account.groups.get_mut(&parent) {
                p.children.retain(|c| c != id);
            }
        }
        for g in tree {
            self.account.groups.remove(&g);
        }
    }

    /// `DELETE /v2/groups/{alias}/{id}` → 202 with one status link; refused for system groups.
    pub(crate) fn delete_group(&mut self, c: &Call, id: &str) -> Reply {
        let g = self.account.groups.get(id).ok_or_else(reply::not_found)?;
        if g.is_system() {
            return Err(reply::bad_request(&format!(
                "The group '{}' is a system group and cannot be deleted.",
                self.shown(&g.id, &g.name)
            )));
        }
        let op = match g.pending_delete.clone() {
            Some(op) => op,
            None => {
                let dc = g.dc.clone();
                let op = self.enqueue(&dc, OpKind::DeleteGroup(id.into()), c.now, false);
                for gid in self.account.subtree(id) {
                    let servers = self.account.groups[&gid].servers.clone();
                    for s in servers {
                        let s = self.account.servers.get_mut(&s).expect("server");
                        s.queued_delete.get_or_insert_with(|| op.clone());
                    }
                }
                self.account
                    .groups
                    .get_mut(id)
                    .expect("group")
                    .pending_delete = Some(op.clone());
                op
            }
        };
        Ok(reply::json(202, &self.operation_link(c, &op)))
    }
}

/// The root's and user groups' statistics and scheduling links.
fn reporting_links(links: &mut Links<'_>, href: &str) {
    links.add("statistics", format!("{href}/statistics"), &[]);
    links.add(
        "upcomingScheduledActivities",
        format!("{href}/upcomingScheduledActivities"),
        &[],
    );
    links.add(
        "horizontalAutoscalePolicyMapping",
        format!("{href}/horizontalAutoscalePolicy"),
        &["GET", "PUT", "DELETE"],
    );
    links.add(
        "scheduledActivities",
        format!("{href}/scheduledActivities"),
        &["GET", "POST"],
    );
}
