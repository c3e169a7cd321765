//! Group billing (§3.2): month-to-date and estimates per server, keyed by group id and server id.
//! Covers servers, archives and templates only.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `GET /v2/groups/{alias}/{groupId}/billing`. `groups` holds the queried group and every
/// sub-group, keyed by group id; each maps server id → [`ServerBilling`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupBilling {
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub groups: BTreeMap<String, GroupBillingEntry>,
}

impl GroupBilling {
    /// Every server's figures, with the id of the group that holds it.
    pub fn servers(&self) -> impl Iterator<Item = (&str, &str, &ServerBilling)> {
        self.groups.iter().flat_map(|(group_id, group)| {
            group
                .servers
                .iter()
                .map(move |(server_id, bill)| (group_id.as_str(), server_id.as_str(), bill))
        })
    }

    /// The figures for one server, matching its id case-insensitively.
    pub fn server(&self, server_id: &str) -> Option<&ServerBilling> {
        self.servers()
            .find(|(_, id, _)| crate::ids::same_id(id, server_id))
            .map(|(_, _, bill)| bill)
    }

    /// Sum over every server in the tree.
    pub fn total(&self) -> ServerBilling {
        self.servers()
            .fold(ServerBilling::default(), |acc, (_, _, b)| acc.plus(b))
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupBillingEntry {
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub servers: BTreeMap<String, ServerBilling>,
}

/// One server's charges in dollars (floats as the API sends them; absent means 0): the three
/// figures the cost columns show (`templateCost` and `archiveCost` are not read).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerBilling {
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub monthly_estimate: f64,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub month_to_date: f64,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub current_hour: f64,
}

impl ServerBilling {
    fn plus(self, other: &ServerBilling) -> ServerBilling {
        ServerBilling {
            monthly_estimate: self.monthly_estimate + other.monthly_estimate,
            month_to_date: self.month_to_date + other.month_to_date,
            current_hour: self.current_hour + other.current_hour,
        }
    }
}
