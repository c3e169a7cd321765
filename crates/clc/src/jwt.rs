//! The bearer token: a [`BearerToken`] that never prints itself, and a reader for the JWT
//! claims the app shows (expiry, user, account alias, roles). Nothing here verifies a
//! signature; the claims are for display and scheduling a re-login, not for trust.

use std::fmt;

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// A CLC bearer token. Its `Debug` prints `BearerToken(***)`; it has no `Display` and no
/// `Serialize`, so it cannot end up in a log line, a report or storage by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct BearerToken(String);

impl BearerToken {
    /// Accepts the raw token, tolerating surrounding whitespace and a pasted `Bearer ` prefix.
    pub fn new(token: impl Into<String>) -> BearerToken {
        let token = token.into();
        let trimmed = token.trim();
        let bare = match trimmed.get(..7) {
            Some(prefix) if prefix.eq_ignore_ascii_case("bearer ") => trimmed[7..].trim_start(),
            _ => trimmed,
        };
        BearerToken(bare.to_string())
    }

    /// The token itself, for the `Authorization` header only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The `Authorization` header value: `Bearer <token>`.
    pub fn authorization(&self) -> String {
        format!("Bearer {}", self.0)
    }

    /// The token's claims, if it is a readable JWT.
    pub fn claims(&self) -> Result<Claims, JwtError> {
        decode_claims(&self.0)
    }

    /// When the token stops working (`exp`), in epoch milliseconds.
    pub fn expires_at_ms(&self) -> Option<u64> {
        self.claims().ok()?.expires_at_ms()
    }
}

impl fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BearerToken(***)")
    }
}

impl<'de> Deserialize<'de> for BearerToken {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<BearerToken, D::Error> {
        Ok(BearerToken::new(String::deserialize(d)?))
    }
}

/// The claims CLC puts in its tokens (observed: `iss`, `aud`, `nbf`, `exp`, `role[]`,
/// `unique_name`, `urn:tier3:account-alias`, `urn:tier3:location-alias`). All optional; read
/// from the payload's JSON object by [`decode_claims`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Claims {
    /// Expiry, epoch seconds (`exp`).
    pub exp: Option<u64>,
    /// Not valid before, epoch seconds (`nbf`).
    pub nbf: Option<u64>,
    pub unique_name: Option<String>,
    /// `urn:tier3:account-alias`.
    pub account_alias: Option<String>,
    /// `urn:tier3:location-alias`.
    pub location_alias: Option<String>,
    /// `role` is an array in CLC tokens; a single string is accepted too.
    pub roles: Vec<String>,
}

impl Claims {
    pub fn expires_at_ms(&self) -> Option<u64> {
        self.exp.map(|s| s.saturating_mul(1000))
    }

    /// True when `exp` is known and not after `now_ms`.
    pub fn is_expired_at(&self, now_ms: u64) -> bool {
        self.expires_at_ms().is_some_and(|exp| exp <= now_ms)
    }
}

/// Why a token's claims could not be read. Carries no part of the token.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JwtError {
    #[error("the token is not three dot-separated parts")]
    NotThreeParts,
    #[error("the token's payload is not base64url")]
    BadBase64,
    #[error("the token's payload is not a JSON object of claims")]
    BadJson,
}

/// Reads the payload of a JWT (`header.payload.signature`) without verifying it.
pub fn decode_claims(token: &str) -> Result<Claims, JwtError> {
    let mut parts = token.trim().split('.');
    let (Some(_header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::NotThreeParts);
    };
    if payload.is_empty() {
        return Err(JwtError::NotThreeParts);
    }
    let bytes = base64url_decode(payload).ok_or(JwtError::BadBase64)?;
    // Read as text, as every other body is: `from_slice` would compile serde_json's parser a
    // second time, for bytes. Bytes that are not UTF-8 are no JSON either way.
    let text = std::str::from_utf8(&bytes).map_err(|_| JwtError::BadJson)?;
    match serde_json::from_str(text) {
        Ok(Value::Object(object)) => claims_of(object).ok_or(JwtError::BadJson),
        _ => Err(JwtError::BadJson),
    }
}

/// The claims of the payload's object, taken by hand rather than through a derived decoder
/// over `serde_json::Value` (nothing else in the app decodes from a `Value`, so that decoder
/// was compiled for this alone). Other names are ignored; `exp` and `nbf` read as
/// [`crate::de::opt_count`] reads a count (anything else is no time); `None` (unreadable
/// claims) when a name or an alias is neither a string nor `null`, or `role` is neither a
/// string, a list of strings nor `null`.
fn claims_of(mut object: Map<String, Value>) -> Option<Claims> {
    let mut text = |name: &str| match object.remove(name) {
        None | Some(Value::Null) => Some(None),
        Some(Value::String(text)) => Some(Some(text)),
        Some(_) => None,
    };
    let (unique_name, account_alias, location_alias) = (
        text("unique_name")?,
        text("urn:tier3:account-alias")?,
        text("urn:tier3:location-alias")?,
    );
    let roles = match object.remove("role") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(role)) => vec![role],
        Some(Value::Array(items)) => {
            let mut roles = Vec::with_capacity(items.len());
            for item in items {
                let Value::String(role) = item else {
                    return None;
                };
                roles.push(role);
            }
            roles
        }
        Some(_) => return None,
    };
    let count = |name: &str| object.get(name).and_then(crate::de::count_of);
    Some(Claims {
        exp: count("exp"),
        nbf: count("nbf"),
        unique_name,
        account_alias,
        location_alias,
        roles,
    })
}

/// Decodes base64url (RFC 4648 §5), with or without `=` padding; the standard alphabet's `+`
/// and `/` are accepted too. `None` on any other character or an impossible length.
pub fn base64url_decode(input: &str) -> Option<Vec<u8>> {
    let input = input.trim_end_matches('=');
    if input.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for byte in input.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}
