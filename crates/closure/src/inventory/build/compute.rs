//! Groups, servers (including templates and archived servers), their public IPs and snapshots,
//! from the group trees (or per-server reads) and group billing.

use std::collections::HashMap;

use clc::ids::id_key;
use clc::models::{Group, GroupType, Links, PowerState, Server, ServerBilling, ServerStatus};
use clc::{Method, Money};

use super::{deletable_by_links, resource, FoundServer, Lookups};
use crate::inventory::{Cost, CostBasis, Keep, Resource, ResourceId, ResourceKind, ResourceState};
use crate::scan::ScanData;

/// List price of a public IP per month (§6.6).
pub const PUBLIC_IP_MONTHLY: f64 = 2.0;

pub(super) fn groups(data: &ScanData, lookups: &Lookups, out: &mut Vec<Resource>) {
    for (dc, tree) in &data.group_trees {
        add_group(dc, tree, None, lookups, out);
    }
}

pub(super) fn add_group(
    dc: &str,
    group: &Group,
    parent: Option<&Group>,
    lookups: &Lookups,
    out: &mut Vec<Resource>,
) {
    let key = id_key(&group.id);
    let mut r = resource(ResourceKind::Group, &key, Some(group.name.as_str()));
    r.data_center = Some(dc.to_string());
    r.group_path = parent.and_then(|p| lookups.group_path(Some(&p.id)));
    r.state = ResourceState::from_api(&group.status);
    r.deletable = group.can_delete();
    let system = parent.is_none() || group.is_system();
    if !r.deletable && system {
        r.keep = Some(Keep::SystemGroup);
        r.notes.push(match (parent, &group.kind) {
            (None, _) => {
                "the data center's root group; the platform does not allow deleting it".into()
            }
            (_, GroupType::Archive) => {
                "system group for archived servers; cannot be deleted".into()
            }
            _ => "system group for custom templates; cannot be deleted".into(),
        });
    }
    if let Some(parent) = parent {
        r.depends_on
            .push(ResourceId::new(ResourceKind::Group, id_key(&parent.id)));
    }
    let direct = group
        .servers
        .as_ref()
        .map_or_else(|| group.server_ids().len(), Vec::len);
    if direct > 0 {
        r.notes.push(format!(
            "{} directly in this group",
            crate::counts::plural(direct, "server", "servers")
        ));
    }
    out.push(r);
    for child in &group.groups {
        add_group(dc, child, Some(group), lookups, out);
    }
}

/// Template, archived server or server.
pub(super) fn server_kind(server: &Server) -> ResourceKind {
    if server.is_template == Some(true) {
        ResourceKind::Template
    } else if server.status == ServerStatus::Archived {
        ResourceKind::ArchivedServer
    } else {
        ResourceKind::Server
    }
}

fn server_state(server: &Server) -> ResourceState {
    match &server.status {
        ServerStatus::QueuedForDelete => ResourceState::QueuedForDelete,
        ServerStatus::UnderConstruction => ResourceState::UnderConstruction,
        ServerStatus::QueuedForRestore => ResourceState::QueuedForRestore,
        ServerStatus::Archived => ResourceState::Archived,
        _ => match server.power_state() {
            Some(PowerState::Started) => ResourceState::Running,
            Some(PowerState::Stopped) => ResourceState::Stopped,
            Some(PowerState::Paused) => ResourceState::Paused,
            _ => ResourceState::Unknown,
        },
    }
}

pub(super) fn servers(lookups: &Lookups, out: &mut Vec<Resource>) {
    for (key, found) in &lookups.servers {
        // Its group's key and path, once for the server, its public IPs and its snapshots.
        let group = id_key(&found.server.group_id);
        let group_path = lookups.groups.get(&group).map(|p| p.path.as_str());
        let server = server_resource(key, found, group, group_path, lookups);
        let server_id = server.id.clone();
        out.push(server);
        public_ips(found, &server_id, group_path, out);
        snapshots(found, &server_id, group_path, out);
    }
}

fn server_resource(
    key: &str,
    found: &FoundServer,
    group: String,
    group_path: Option<&str>,
    lookups: &Lookups,
) -> Resource {
    let server = found.server;
    let mut r = resource(server_kind(server), key, Some(server.name.as_str()));
    r.data_center = Some(found.data_center.clone());
    r.group_path = group_path.map(str::to_string);
    r.state = server_state(server);
    r.deletable = server.can_delete();
    if group_path.is_some() {
        r.depends_on
            .push(ResourceId::new(ResourceKind::Group, group));
    }
    billing_and_networks(&mut r, &lookups.billing, &lookups.networks_of_server);
    if let Some(details) = &server.details {
        if let (Some(cpu), Some(memory)) = (details.cpu, details.memory_mb) {
            if cpu > 0 {
                r.notes
                    .push(format!("{cpu} vCPU, {} GB RAM", memory / 1024));
            }
        }
        if let Some(storage) = details.storage_gb {
            r.notes.push(format!("{storage} GB storage"));
        }
        if !details.disks.is_empty() {
            // "disks: 0:0 50 GB, 0:1 (size not given)", written into one string.
            let mut note = String::from("disks: ");
            for (i, d) in details.disks.iter().enumerate() {
                if i > 0 {
                    note.push_str(", ");
                }
                note.push_str(&d.id);
                match d.size_gb {
                    Some(gb) => {
                        note.push(' ');
                        push_number(&mut note, gb);
                        note.push_str(" GB");
                    }
                    None => note.push_str(" (size not given)"),
                }
            }
            r.notes.push(note);
        }
    }
    if server.is_managed_os == Some(true) {
        r.notes
            .push("managed operating system (billed per hour until deleted)".into());
    }
    r
}

/// Appends `x` as `format!("{x}")` writes it; a whole number (nearly every disk size) as an
/// integer, which is the same text without the float formatting's cost.
fn push_number(out: &mut String, x: f64) {
    use std::fmt::Write;
    let whole = x.fract() == 0.0 && x.abs() < 1e15 && !(x == 0.0 && x.is_sign_negative());
    let _ = if whole {
        write!(out, "{}", x as i64)
    } else {
        write!(out, "{x}")
    };
}

/// What parts other than its group tree tell about server resource `r`: its figures from the
/// group billing (unknown without them) and the networks it holds claimed addresses on, after
/// its group in `depends_on`.
pub(super) fn billing_and_networks(
    r: &mut Resource,
    billing: &HashMap<String, ServerBilling>,
    networks_of_server: &HashMap<String, Vec<String>>,
) {
    let key = r.id.id.as_str();
    r.cost = match billing.get(key) {
        Some(bill) => Cost {
            basis: CostBasis::Billed,
            hourly: Some(bill.current_hour),
            month_to_date: Some(Money::from_dollars(bill.month_to_date)),
            monthly_estimate: Some(Money::from_dollars(bill.monthly_estimate)),
        },
        None => Cost::unknown(),
    };
    for network in networks_of_server.get(key).into_iter().flatten() {
        r.depends_on
            .push(ResourceId::new(ResourceKind::Network, id_key(network)));
    }
}

fn public_ips(
    found: &FoundServer,
    server_id: &ResourceId,
    group_path: Option<&str>,
    out: &mut Vec<Resource>,
) {
    let server = found.server;
    for ip in server.public_ips() {
        let mut r = resource(ResourceKind::PublicIp, &ip, None);
        r.data_center = Some(found.data_center.clone());
        r.group_path = group_path.map(str::to_string);
        r.cost = Cost::list_price_monthly(PUBLIC_IP_MONTHLY);
        r.depends_on.push(server_id.clone());
        let link = server
            .links
            .rel_all("publicIPAddress")
            .find(|l| l.target_id().as_deref() == Some(ip.as_str()));
        r.deletable = link.map_or_else(|| server.can_delete(), |l| l.allows(Method::Delete));
        let internal = server
            .details
            .iter()
            .flat_map(|d| d.ip_addresses.iter().chain(&d.secondary_ip_addresses))
            .find(|pair| pair.public.as_deref() == Some(ip.as_str()))
            .and_then(|pair| pair.internal.clone());
        if let Some(internal) = internal {
            r.notes.push(format!("mapped to {internal}"));
        }
        r.notes.push(format!(
            "on server {}",
            if server.name.is_empty() {
                &server.id
            } else {
                &server.name
            }
        ));
        out.push(r);
    }
}

fn snapshots(
    found: &FoundServer,
    server_id: &ResourceId,
    group_path: Option<&str>,
    out: &mut Vec<Resource>,
) {
    let server = found.server;
    for snapshot in server.snapshots() {
        let Some(snap) = snapshot.id() else { continue };
        let id = format!("{}/{snap}", server_id.id);
        let mut r = resource(ResourceKind::Snapshot, &id, snapshot.name.as_deref());
        r.data_center = Some(found.data_center.clone());
        r.group_path = group_path.map(str::to_string);
        r.cost = Cost::included_in_parent();
        r.depends_on.push(server_id.clone());
        r.deletable = deletable_by_links(&snapshot.links, true);
        r.notes.push(format!(
            "of server {}",
            if server.name.is_empty() {
                &server.id
            } else {
                &server.name
            }
        ));
        out.push(r);
    }
}

#[cfg(test)]
mod tests {
    use super::push_number;
    use crate::inventory::{Inventory, ResourceKind};
    use crate::scan::ScanData;

    /// A group's note counts its servers as every screen counts: "1,200 servers", with the
    /// separator (its own counter once wrote "1200 servers" beside the inventory's "1,200").
    #[test]
    fn a_groups_note_counts_its_servers_with_the_separator() {
        let links: Vec<serde_json::Value> = (0..1_200)
            .map(|i| serde_json::json!({ "rel": "server", "href": format!("/v2/servers/acme/srv{i}") }))
            .collect();
        let group = |id: &str, groups: Vec<serde_json::Value>, links: Vec<serde_json::Value>| {
            serde_json::json!({
                "id": id, "name": id, "locationId": "VA1", "type": "default", "status": "active",
                "groups": groups, "links": links,
            })
        };
        let root = group("root", vec![group("web", vec![], links)], vec![]);
        let mut data = ScanData {
            account: "ACME".into(),
            ..ScanData::default()
        };
        data.group_trees
            .insert("VA1".into(), serde_json::from_value(root).unwrap());
        let inventory = Inventory::from_scan(&data, Vec::new(), false);
        let web = inventory
            .of_kind(ResourceKind::Group)
            .find(|g| g.name == "web")
            .expect("the group");
        assert!(
            web.notes
                .iter()
                .any(|n| n == "1,200 servers directly in this group"),
            "{:?}",
            web.notes
        );
    }

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        let values = [
            0.0,
            -0.0,
            1.0,
            50.0,
            -3.0,
            2.5,
            0.1,
            1e14,
            999_999_999_999_999.0,
            1e15,
            1e20,
            f64::MAX,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for x in values {
            let mut out = String::new();
            push_number(&mut out, x);
            assert_eq!(out, format!("{x}"), "{x:?}");
        }
    }
}
