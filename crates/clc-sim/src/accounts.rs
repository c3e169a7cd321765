//! Login, bearer tokens and who may do what: `POST /v2/authentication/login` issues an
//! HS256-shaped JWT (14 days), every other call needs it, and the path alias must be the token's.

use clc::{Request, Response};
use serde_json::{json, Value};

use crate::reply::{self, Reply, View};
use crate::rng::digest32;
use crate::target::{body_value, field};
use crate::Sim;

const TOKEN_KEY: u64 = 0x7e57_c1c5_1a7e_2015;
const TOKEN_LIFETIME_S: u64 = 14 * 24 * 3600;
const BAD_LOGIN: &str =
    "We didn't recognize the username or password you entered. Please try again.";

/// The claims the simulator reads back from a token.
pub(crate) struct Claims {
    pub alias: String,
    pub roles: Vec<String>,
    pub exp: u64,
    pub signature: String,
}

impl Sim {
    pub(crate) fn login(&mut self, request: &Request, now: u64) -> Response {
        let body = body_value(request.body.as_deref());
        let text = |name: &str| {
            field(&body, name)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let (username, password) = (text("username"), text("password"));
        // A user of any account of the hierarchy signs in to that account.
        let Some((account, user)) = self.accounts().find_map(|a| {
            a.users
                .iter()
                .find(|u| u.username.eq_ignore_ascii_case(&username) && u.password == password)
                .map(|u| (a, u))
        }) else {
            return reply::bad_request(BAD_LOGIN);
        };
        let nbf = self.wall(now) / 1000;
        let roles: Vec<String> = user.roles.iter().map(|r| r.to_string()).collect();
        let (user_name, alias, dc) = (
            user.username.clone(),
            account.alias.clone(),
            account.primary_dc.clone(),
        );
        let token = issue_token(&user_name, &alias, &dc, &roles, nbf);
        let signature = token.rsplit('.').next().unwrap_or("").to_string();
        self.tokens.insert(signature, now);
        reply::json(
            200,
            &json!({
                "userName": user_name,
                "accountAlias": alias,
                "locationAlias": dc,
                "roles": roles,
                "bearerToken": token,
            }),
        )
    }

    /// The caller's view from `Authorization: Bearer <token>`, or 401.
    pub(crate) fn authenticate(&self, request: &Request, now: u64) -> Result<View, Response> {
        let header = request.header_value("Authorization").unwrap_or("").trim();
        let token = match header.split_once(' ') {
            Some((scheme, t)) if scheme.eq_ignore_ascii_case("bearer") => t.trim(),
            _ => return Err(reply::unauthorized()),
        };
        let claims = verify_token(token).ok_or_else(reply::unauthorized)?;
        if self.wall(now) / 1000 >= claims.exp {
            return Err(reply::unauthorized());
        }
        if let Some(at) = self.faults.expire_tokens_at_ms {
            let issued = self.tokens.get(&claims.signature).copied().unwrap_or(0);
            if now >= at && issued <= at {
                return Err(reply::unauthorized());
            }
        }
        Ok(View {
            writer: crate::model::can_write(&claims.roles),
            lc: claims.alias.to_ascii_lowercase(),
            alias: claims.alias,
        })
    }

    /// 403 unless `alias` (any case) is the caller's own account.
    pub(crate) fn own_alias(&self, view: &View, alias: &str) -> Result<(), Response> {
        if alias.eq_ignore_ascii_case(&view.alias)
            && alias.eq_ignore_ascii_case(&self.account.alias)
        {
            Ok(())
        } else {
            Err(reply::forbidden(&format!(
                "The user does not have access to account '{}'.",
                alias.to_ascii_uppercase()
            )))
        }
    }

    /// `GET /v2/accounts/{alias}`
    pub(crate) fn get_account(&self, view: &View) -> Reply {
        let a = &self.account;
        reply::ok(&json!({
            "accountAlias": a.alias, "parentAlias": a.parent_alias.as_deref().unwrap_or("CTL0"), "businessName": a.company,
            "addressLine1": "1 Main St", "city": "Seattle", "stateProvince": "WA",
            "postalCode": "98004", "telephone": "555-0100", "country": "USA", "status": "Active",
            "primaryDataCenter": a.primary_dc.to_ascii_lowercase(), "isManaged": false,
            "links": view.links().add("self", format!("/v2/accounts/{}", view.lc), &[]).build(),
        }))
    }
}

/// The claims of a token, in the order the real service wrote them.
#[derive(serde::Serialize)]
struct Payload<'a> {
    iss: &'a str,
    aud: &'a str,
    nbf: u64,
    exp: u64,
    role: &'a [String],
    unique_name: &'a str,
    #[serde(rename = "urn:tier3:account-alias")]
    account_alias: &'a str,
    #[serde(rename = "urn:tier3:location-alias")]
    location_alias: &'a str,
}

pub(crate) fn issue_token(
    username: &str,
    alias: &str,
    location: &str,
    roles: &[String],
    nbf: u64,
) -> String {
    let header = b64url(br#"{"typ":"JWT","alg":"HS256"}"#);
    let payload = Payload {
        iss: "urn:api-tier3",
        aud: "urn:tier3-users",
        nbf,
        exp: nbf + TOKEN_LIFETIME_S,
        role: roles,
        unique_name: username,
        account_alias: alias,
        location_alias: location,
    };
    let payload = serde_json::to_string(&payload).unwrap_or_default();
    let signed = format!("{header}.{}", b64url(payload.as_bytes()));
    let sig = b64url(&digest32(TOKEN_KEY, signed.as_bytes()));
    format!("{signed}.{sig}")
}

pub(crate) fn verify_token(token: &str) -> Option<Claims> {
    let (signed, sig) = token.rsplit_once('.')?;
    if b64url(&digest32(TOKEN_KEY, signed.as_bytes())) != sig {
        return None;
    }
    let payload = b64url_decode(signed.split('.').nth(1)?)?;
    let v: Value = serde_json::from_slice(&payload).ok()?;
    v["unique_name"].as_str()?;
    Some(Claims {
        alias: v["urn:tier3:account-alias"].as_str()?.to_string(),
        roles: v["role"]
            .as_array()?
            .iter()
            .filter_map(|r| r.as_str().map(String::from))
            .collect(),
        exp: v["exp"].as_u64()?,
        signature: sig.to_string(),
    })
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Unpadded base64url.
pub(crate) fn b64url(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len() * 4 / 3 + 3);
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

pub(crate) fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.trim_end_matches('=').bytes() {
        let v = B64.iter().position(|&b| b == c).or(match c {
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        })? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trip() {
        for s in [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "{\"typ\":\"JWT\",\"alg\":\"HS256\"}",
        ] {
            assert_eq!(b64url_decode(&b64url(s.as_bytes())).unwrap(), s.as_bytes());
        }
        assert_eq!(
            b64url(br#"{"typ":"JWT","alg":"HS256"}"#),
            "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9"
        );
    }

    #[test]
    fn tokens_verify_and_reject_tampering() {
        let t = issue_token("demo", "DEMO", "VA1", &["AccountAdmin".into()], 1000);
        let c = verify_token(&t).unwrap();
        assert_eq!((c.alias.as_str(), c.exp), ("DEMO", 1000 + TOKEN_LIFETIME_S));
        let mut bad = t.clone();
        bad.push('x');
        assert!(verify_token(&bad).is_none());
    }
}
