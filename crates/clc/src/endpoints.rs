//! Where requests go: the three API bases (core, RDBS, Simple Backup), and the rule that every
//! href the API returns is reduced to its path and re-prefixed with the core base (§0.4), so a
//! page on https never requests `http://api.ctl.io/...` and a proxy or the simulator is honoured.

/// Base URLs without a trailing slash. Invariant: none ends with `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoints {
    /// Core v2 and v2-experimental API, e.g. `https://api.ctl.io`.
    pub core: String,
    /// Relational DB Service, e.g. `https://api.rdbs.ctl.io` (paths start with `/v1/{alias}`).
    pub rdbs: String,
    /// Simple Backup Service including its API prefix, e.g.
    /// `https://api.backup.ctl.io/clc-backup-api/api` (paths start with `/accountPolicies`).
    pub backup: String,
}

impl Endpoints {
    /// The public CenturyLink Cloud hosts.
    pub fn production() -> Endpoints {
        Endpoints {
            core: "https://api.ctl.io".into(),
            rdbs: "https://api.rdbs.ctl.io".into(),
            backup: "https://api.backup.ctl.io/clc-backup-api/api".into(),
        }
    }

    /// Every service behind one origin (a same-origin proxy or the simulator): core at `base`,
    /// RDBS at `base/rdbs`, Simple Backup at `base/backup/clc-backup-api/api`.
    pub fn single_origin(base: &str) -> Endpoints {
        let base = trim_base(base);
        Endpoints {
            rdbs: format!("{base}/rdbs"),
            backup: format!("{base}/backup/clc-backup-api/api"),
            core: base,
        }
    }

    /// Full URL of a core API path (`/v2/...`); `path` may carry a query.
    pub fn core_url(&self, path: &str) -> String {
        join(&self.core, path)
    }

    /// Full URL of an RDBS path (`/v1/{alias}/...`).
    pub fn rdbs_url(&self, path: &str) -> String {
        join(&self.rdbs, path)
    }

    /// Full URL of a Simple Backup path (`/accountPolicies...`).
    pub fn backup_url(&self, path: &str) -> String {
        join(&self.backup, path)
    }

    /// Full URL for an href returned by the core API, whatever its form (path-only, or absolute
    /// on `http://api.ctl.io` / `http://api.tier3.com`): its path on the configured core base.
    pub fn resolve_href(&self, href: &str) -> String {
        self.core_url(&normalize_href(href))
    }

    /// The path (with query) of a full URL built from these endpoints, for error messages and
    /// routing; `None` if the URL is not under any of them.
    pub fn path_of<'u>(&self, url: &'u str) -> Option<&'u str> {
        [&self.backup, &self.rdbs, &self.core]
            .into_iter()
            .filter(|base| !base.is_empty())
            .find_map(|base| {
                url.strip_prefix(base.as_str())
                    .filter(|rest| rest.is_empty() || rest.starts_with(['/', '?']))
            })
    }
}

/// Reduces any href to its path, query included: `http://api.ctl.io/v2-experimental/x?y=1` →
/// `/v2-experimental/x?y=1`; `/v2/servers/acme/a` stays; `v2/a` → `/v2/a`; `""` → `/`.
pub fn normalize_href(href: &str) -> String {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    let after_scheme = if lower.starts_with("http://") || lower.starts_with("https://") {
        Some(&href[href.find("//").map_or(0, |i| i + 2)..])
    } else {
        href.strip_prefix("//")
    };
    let path = match after_scheme {
        Some(rest) => match rest.find(['/', '?']) {
            Some(i) => &rest[i..],
            None => "",
        },
        None => href,
    };
    if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    }
}

fn trim_base(base: &str) -> String {
    base.trim().trim_end_matches('/').to_string()
}

fn join(base: &str, path: &str) -> String {
    if path.starts_with('/') || path.is_empty() {
        format!("{base}{path}")
    } else {
        format!("{base}/{path}")
    }
}
