//! The group tree (§3.1), with or without `?serverDetail=detailed`.

use serde::{Deserialize, Serialize};

use super::common::{ChangeInfo, CustomFieldValue};
use super::link::{Link, Links};
use super::server::Server;

string_enum! {
    /// A group's `type`: user groups are `default`; `archive` and `templates` are system groups.
    GroupType {
        Default = "default",
        Archive = "archive",
        Templates = "templates",
    }
}

/// A group and, recursively, its sub-groups. `servers` is `Some` only when fetched with
/// `serverDetail=detailed`; otherwise servers appear only as `rel:"server"` links (a detailed
/// read carries no such links: its servers are in `servers`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    #[serde(deserialize_with = "crate::de::id_string")]
    pub id: String,
    pub name: String,
    /// Absent in the answers to a group creation.
    #[serde(default)]
    pub description: Option<String>,
    /// Upper-case data center.
    pub location_id: String,
    #[serde(rename = "type")]
    pub kind: GroupType,
    /// `active` in every recording; kept as text (no other value is known).
    pub status: String,
    /// Servers directly in this group.
    #[serde(default, deserialize_with = "crate::de::opt_count")]
    pub servers_count: Option<u64>,
    #[serde(deserialize_with = "crate::de::nullable")]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub servers: Option<Vec<Server>>,
    #[serde(deserialize_with = "crate::de::nullable")]
    pub links: Vec<Link>,
    #[serde(default)]
    pub change_info: Option<ChangeInfo>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub custom_fields: Vec<CustomFieldValue>,
}

impl Group {
    /// `Archive` or `Templates` (never deletable, but their servers are).
    pub fn is_system(&self) -> bool {
        matches!(self.kind, GroupType::Archive | GroupType::Templates)
    }

    /// Whether the API offers `DELETE` on this group (false for roots and system groups).
    pub fn can_delete(&self) -> bool {
        self.links.allows_delete()
    }

    /// Ids of the servers directly in this group: from `servers` in a detailed read (which has
    /// no `rel:"server"` links), else from the `rel:"server"` links.
    pub fn server_ids(&self) -> Vec<String> {
        match &self.servers {
            Some(servers) => servers.iter().map(|s| s.id.clone()).collect(),
            None => self
                .links
                .rel_all("server")
                .filter_map(Link::target_id)
                .collect(),
        }
    }

    /// This group and all its descendants, depth first, parents before children.
    pub fn descendants(&self) -> Vec<&Group> {
        fn collect<'a>(group: &'a Group, out: &mut Vec<&'a Group>) {
            out.push(group);
            for child in &group.groups {
                collect(child, out);
            }
        }
        let mut out = Vec::new();
        collect(self, &mut out);
        out
    }

    /// Every server object in the tree (only with `serverDetail=detailed`).
    pub fn all_servers(&self) -> Vec<&Server> {
        self.descendants()
            .into_iter()
            .flat_map(|g| g.servers.iter().flatten())
            .collect()
    }
}
