//! Identifier conventions (`clc-api.md` §0.4): aliases and data-center ids come back in any case,
//! server ids are lowercase names or 32-hex UUIDs, and many ids are only found inside hrefs.

/// Compares two API identifiers (alias, data center, server, group) ignoring ASCII case.
pub fn same_id(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// The canonical form used as a map key: trimmed and lowercase, like the ids inside hrefs.
pub fn id_key(id: &str) -> String {
    id.trim().to_ascii_lowercase()
}

/// True for a 32-hex-digit UUID without dashes: the id of a server that has no name yet,
/// which must be fetched with `?uuid=True`.
pub fn is_uuid32(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The last non-empty path segment of an href, without query or fragment
/// (`/v2/servers/acme/web01/snapshots/2` → `2`).
pub fn last_segment(href: &str) -> Option<&str> {
    let path = href.split(['?', '#']).next().unwrap_or("");
    path.rsplit('/').find(|s| !s.is_empty())
}
