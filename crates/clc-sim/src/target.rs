//! Reading a request the way the service did: absolute or path URLs, query names in any case,
//! percent-encoding, and JSON or form-encoded bodies.

use serde_json::{Map, Value};

/// A request URL reduced to what routing needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Target {
    /// Decoded, lower-cased path segments, with the RDBS and backup hosts mapped to the
    /// `rdbs` and `backup` prefixes.
    pub segs: Vec<String>,
    /// (lower-cased name, decoded value)
    pub query: Vec<(String, String)>,
}

impl Target {
    pub fn parse(url: &str) -> Target {
        let mut rest = url.trim();
        let mut host = "";
        let lower = rest.to_ascii_lowercase();
        for scheme in ["http://", "https://"] {
            if lower.starts_with(scheme) {
                let after = &rest[scheme.len()..];
                let cut = after.find(['/', '?']).unwrap_or(after.len());
                host = &after[..cut];
                rest = &after[cut..];
                break;
            }
        }
        let rest = rest.split('#').next().unwrap_or("");
        let (path, query) = match rest.split_once('?') {
            Some((p, q)) => (p, q),
            None => (rest, ""),
        };
        let mut segs: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| percent_decode(s, false).to_ascii_lowercase())
            .collect();
        let host = host.to_ascii_lowercase();
        let first = segs.first().map(String::as_str).unwrap_or("");
        let rdbs = host.starts_with("api.rdbs.") || first == "v1";
        let backup = host.contains("backup.") || first == "clc-backup-api";
        if rdbs && first != "rdbs" {
            segs.insert(0, "rdbs".into());
        } else if backup && !rdbs && first != "backup" {
            segs.insert(0, "backup".into());
        }
        Target {
            segs,
            query: parse_form(query),
        }
    }

    /// A query parameter by name, compared case-insensitively.
    pub fn q(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn q_true(&self, name: &str) -> bool {
        self.q(name).is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    pub fn q_u64(&self, name: &str) -> Option<u64> {
        self.q(name).and_then(|v| v.trim().parse().ok())
    }

    /// `/v2/groups/demo/abc`, lower-cased: what fault patterns match against.
    pub fn path(&self) -> String {
        let mut p = String::new();
        for s in &self.segs {
            p.push('/');
            p.push_str(s);
        }
        if p.is_empty() {
            p.push('/');
        }
        p
    }
}

/// `a=1&B=x+y` → [("a","1"), ("b","x y")]; names lower-cased.
pub(crate) fn parse_form(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                percent_decode(k, true).to_ascii_lowercase(),
                percent_decode(v, true),
            )
        })
        .collect()
}

pub(crate) fn percent_decode(s: &str, plus_is_space: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' if plus_is_space => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// A request body as JSON, whether it came as JSON or form-encoded (`a=1&b=2` becomes an
/// object of strings). Empty or unreadable bodies are `Null`.
pub(crate) fn body_value(body: Option<&str>) -> Value {
    let text = body.unwrap_or("").trim();
    if text.is_empty() {
        return Value::Null;
    }
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        return v;
    }
    let mut map = Map::new();
    for (k, v) in parse_form(text) {
        map.insert(k, Value::String(v));
    }
    Value::Object(map)
}

/// A field of a JSON object by name, compared case-insensitively.
pub(crate) fn field<'a>(v: &'a Value, name: &str) -> Option<&'a Value> {
    v.as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_hosts_and_maps_service_prefixes() {
        let t = Target::parse("https://api.ctl.io/v2/Groups/DEMO/x?GroupLinks=True");
        assert_eq!(t.segs, ["v2", "groups", "demo", "x"]);
        assert!(t.q_true("groupLinks"));
        let r = Target::parse("https://api.rdbs.ctl.io/v1/DEMO/subscriptions");
        assert_eq!(r.segs[..2], ["rdbs", "v1"]);
        let b = Target::parse("https://api.backup.ctl.io/clc-backup-api/api/accountPolicies");
        assert_eq!(b.segs[..2], ["backup", "clc-backup-api"]);
        assert_eq!(Target::parse("/v2/x/").path(), "/v2/x");
    }

    #[test]
    fn decodes_forms() {
        assert_eq!(
            parse_form("A=x+y&b=%2Fz"),
            [("a".into(), "x y".into()), ("b".into(), "/z".into())]
        );
        assert_eq!(percent_decode("100%", false), "100%");
        assert_eq!(
            body_value(Some("username=demo&password=p%40ss"))["username"],
            "demo"
        );
    }
}
