//! `POST /v2/authentication/login` (§1.1).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::jwt::BearerToken;

/// The login body. Its `Debug` hides the password.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

impl fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginRequest")
            .field("username", &self.username)
            .field("password", &"***")
            .finish()
    }
}

/// A successful login. `account_alias` is the alias for every `{accountAlias}` path segment.
/// Not `Serialize`: it holds the token.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginResponse {
    #[serde(default)]
    pub user_name: Option<String>,
    pub account_alias: String,
    /// The user's primary data center, e.g. `VA1`.
    #[serde(default)]
    pub location_alias: Option<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub roles: Vec<String>,
    pub bearer_token: BearerToken,
}
