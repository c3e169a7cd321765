//! `GET /v2/accounts/{alias}` (`clc-api.md` §2.6). Absent from the v2 documentation: the field
//! names come from the python SDK's `account.py` and no answer was recorded, so only the two
//! fields the app uses are read, and both may be missing.

use serde::{Deserialize, Serialize};

/// An account's details: who it is, and the account it sits under.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountDetails {
    #[serde(default)]
    pub account_alias: Option<String>,
    /// The parent account's alias (a top-level account names CenturyLink's own).
    #[serde(default)]
    pub parent_alias: Option<String>,
}
