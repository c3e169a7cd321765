//! Shared by the plan tests: a small hand-made account (a root with user groups, servers, an
//! archived server, a public IP) and readers of a plan's steps and exclusions.
#![allow(dead_code)]

use closure::inventory::{Keep, Resource, ResourceKind as K};
use closure::plan::{ExclusionReason, Plan};

use crate::support_exec::{kept, on, res, rid};

pub const DC: Option<&str> = Some("VA1");

/// A check on an exclusion reason.
pub type IsReason = fn(&ExclusionReason) -> bool;

pub fn group(id: &str, parent: Option<&str>) -> Resource {
    let g = res(K::Group, id, DC, Some(0.0));
    match parent {
        Some(p) => on(g, &[rid(K::Group, p)]),
        None => kept(g, Keep::SystemGroup),
    }
}

pub fn server(id: &str, group: &str, hourly: f64) -> Resource {
    on(
        res(K::Server, id, DC, Some(hourly)),
        &[rid(K::Group, group)],
    )
}

/// A root with a user group `web` (sub-group `stage`) of three servers, an archive group with
/// one archived server, and one server directly in `default`.
pub fn account() -> Vec<Resource> {
    vec![
        group("root", None),
        kept(
            on(
                res(K::Group, "archive", DC, Some(0.0)),
                &[rid(K::Group, "root")],
            ),
            Keep::SystemGroup,
        ),
        group("web", Some("root")),
        group("stage", Some("web")),
        group("default", Some("root")),
        server("web1", "web", 0.20),
        server("web2", "web", 0.10),
        server("stage1", "stage", 0.05),
        server("app1", "default", 0.30),
        on(
            res(K::ArchivedServer, "old1", DC, Some(0.01)),
            &[rid(K::Group, "archive")],
        ),
        on(
            res(K::PublicIp, "1.2.3.4", DC, Some(0.003)),
            &[rid(K::Server, "web1")],
        ),
    ]
}

pub fn step_ids(plan: &Plan) -> Vec<String> {
    plan.steps.iter().map(|s| s.id.0.clone()).collect()
}

pub fn excluded(plan: &Plan, id: &str) -> Option<ExclusionReason> {
    plan.exclusions
        .iter()
        .find(|e| e.resource.id == id)
        .map(|e| e.reason.clone())
}
