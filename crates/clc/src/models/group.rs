//! The group tree (§3.1), with or without `?serverDetail=detailed`.

use serde::{Deserialize, Serialize};

use super::link::{Link, Links};
use super::server::Server;
use crate::records::{BadRecord, Records};

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
/// read carries no such links: its servers are in `servers`). Server records are decoded one by
/// one: a malformed one is described in `unreadable_servers` and does not fail the tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", from = "GroupWire<Group, Records<Server>>")]
pub struct Group {
    pub id: String,
    pub name: String,
    /// Upper-case data center.
    pub location_id: String,
    #[serde(rename = "type")]
    pub kind: GroupType,
    /// `active` in every recording; kept as text (no other value is known).
    pub status: String,
    pub groups: Vec<Group>,
    pub servers: Option<Vec<Server>>,
    pub links: Vec<Link>,
    /// The server records of this group (not of its sub-groups) that did not decode, each
    /// with this group's name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable_servers: Vec<BadRecord>,
}

/// The wire form of [`Group`]: the same fields. Only the fields the app reads are decoded; the
/// others (`description`, `serversCount`, `changeInfo`, `customFields`) are skipped. One struct
/// for both decodings, so they cannot drift apart: `GroupWire<Group, Records<Server>>` reads the
/// servers record by record (what [`Group`]'s `Deserialize` is), and
/// `GroupWire<GroupInOnePass, Vec<Server>>` reads the whole tree as one value
/// ([`Group::in_one_pass`]).
#[derive(Deserialize)]
#[serde(
    rename_all = "camelCase",
    bound(deserialize = "G: Deserialize<'de>, S: Deserialize<'de>")
)]
struct GroupWire<G, S> {
    #[serde(deserialize_with = "crate::de::id_string")]
    id: String,
    name: String,
    location_id: String,
    #[serde(rename = "type")]
    kind: GroupType,
    status: String,
    #[serde(deserialize_with = "crate::de::nullable")]
    groups: Vec<G>,
    #[serde(default)]
    servers: Option<S>,
    #[serde(deserialize_with = "crate::de::nullable")]
    links: Vec<Link>,
    /// Present only in a group this crate serialised itself.
    #[serde(default)]
    unreadable_servers: Vec<BadRecord>,
}

/// A group's server list as [`GroupWire`] decoded it: the servers that decoded and the records
/// that did not.
trait ServerList {
    fn split(self) -> (Vec<Server>, Vec<BadRecord>);
}

impl ServerList for Records<Server> {
    fn split(self) -> (Vec<Server>, Vec<BadRecord>) {
        (self.items, self.bad)
    }
}

/// In one pass, a list decodes whole or not at all: no bad records.
impl ServerList for Vec<Server> {
    fn split(self) -> (Vec<Server>, Vec<BadRecord>) {
        (self, Vec::new())
    }
}

impl<G: Into<Group>, S: ServerList> From<GroupWire<G, S>> for Group {
    fn from(wire: GroupWire<G, S>) -> Group {
        let (servers, mut unreadable_servers) = match wire.servers.map(ServerList::split) {
            Some((items, bad)) => (Some(items), bad),
            None => (None, Vec::new()),
        };
        for bad in &mut unreadable_servers {
            bad.group = Some(wire.name.clone());
        }
        unreadable_servers.extend(wire.unreadable_servers);
        Group {
            id: wire.id,
            name: wire.name,
            location_id: wire.location_id,
            kind: wire.kind,
            status: wire.status,
            groups: wire.groups.into_iter().map(Into::into).collect(),
            servers,
            links: wire.links,
            unreadable_servers,
        }
    }
}

/// A [`Group`] whose sub-groups and servers are decoded in the same pass as the rest of the
/// tree, each server list as one value: [`Group::in_one_pass`].
#[derive(Deserialize)]
#[serde(from = "GroupWire<GroupInOnePass, Vec<Server>>")]
struct GroupInOnePass(Group);

impl From<GroupWire<GroupInOnePass, Vec<Server>>> for GroupInOnePass {
    fn from(wire: GroupWire<GroupInOnePass, Vec<Server>>) -> GroupInOnePass {
        GroupInOnePass(Group::from(wire))
    }
}

impl From<GroupInOnePass> for Group {
    fn from(group: GroupInOnePass) -> Group {
        group.0
    }
}

impl Group {
    /// The tree in `text` when every record in it decodes, read in one pass; `None` otherwise
    /// (then decode it as usual, record by record, to learn which did not). Where it is `Some`,
    /// it equals what [`Deserialize`] reads: that reads each server record twice (once to find
    /// where it ends, once to decode it), which for a detailed tree of thousands of servers was
    /// most of the decoding. A tree with a bad record is read twice: this pass, up to the bad
    /// record, before the caller's record-by-record decoding of the whole tree.
    pub fn in_one_pass(text: &str) -> Option<Group> {
        serde_json::from_str::<GroupInOnePass>(text)
            .ok()
            .map(|tree| tree.0)
    }

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

    /// Every server record of the tree that did not decode (only with `serverDetail=detailed`).
    pub fn all_unreadable_servers(&self) -> Vec<&BadRecord> {
        self.descendants()
            .into_iter()
            .flat_map(|g| &g.unreadable_servers)
            .collect()
    }

    /// Every server object in the tree (only with `serverDetail=detailed`).
    pub fn all_servers(&self) -> Vec<&Server> {
        self.descendants()
            .into_iter()
            .flat_map(|g| g.servers.iter().flatten())
            .collect()
    }
}
