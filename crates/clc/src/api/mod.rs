//! Request builders: pure functions from ids to a [`Request`] with a full URL (built from
//! [`Endpoints`]), query, JSON body and `Accept`/`Content-Type` headers. They never add
//! `Authorization`; the [`crate::Client`] does.
//!
//! Case conventions: account aliases are sent upper case and data-center ids lower case, as the
//! SDKs did; other ids are sent as given (the API matches them case-insensitively). Every path
//! segment is percent-encoded.

mod account;
mod core;
mod network;
mod services;

pub use self::account::*;
pub use self::core::*;
pub use self::network::*;
pub use self::services::*;

use serde::Serialize;

use crate::endpoints::Endpoints;
use crate::http::{Method, Request};

pub const JSON: &str = "application/json";

/// A request to `url` with `Accept: application/json`.
pub fn request(method: Method, url: String) -> Request {
    Request::new(method, url).header("Accept", JSON)
}

/// `request` plus a JSON body and `Content-Type: application/json`.
pub fn request_with_json<B: Serialize + ?Sized>(method: Method, url: String, body: &B) -> Request {
    let json = serde_json::to_string(body).unwrap_or_else(|_| "{}".into());
    request(method, url).header("Content-Type", JSON).body(json)
}

/// A GET of any href the API returned, on the configured core base.
pub fn get_href(endpoints: &Endpoints, href: &str) -> Request {
    request(Method::Get, endpoints.resolve_href(href))
}

/// `method` on any href the API returned (e.g. a `DELETE` on a `self` link).
pub fn href_request(endpoints: &Endpoints, method: Method, href: &str) -> Request {
    request(method, endpoints.resolve_href(href))
}

/// Percent-encodes one path segment (or query value): all but `A-Z a-z 0-9 - . _ ~`.
pub fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.trim().bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// One id as a path segment, percent-encoded. An id that is empty (after trimming), `.` or
/// `..` would drop or climb a level of the path, so it is written as `..`, which
/// [`crate::Client::send`] refuses before anything is sent: the builders stay infallible and
/// no such request can leave.
pub fn segment(id: &str) -> String {
    match id.trim() {
        "" | "." | ".." => "..".to_string(),
        id => encode(id),
    }
}

/// An account alias as a path segment (upper case).
pub(crate) fn alias(alias: &str) -> String {
    segment(&alias.trim().to_ascii_uppercase())
}

/// A data-center id as a path segment (lower case).
pub(crate) fn dc(data_center: &str) -> String {
    segment(&data_center.trim().to_ascii_lowercase())
}

/// `?k=v&k2=v2` with encoded values; empty for no pairs.
pub(crate) fn query(pairs: &[(&str, &str)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}
