//! The links framework (§0.5): `{rel, href, id?, name?, verbs?}`, where absent `verbs` means GET
//! only and a `DELETE` verb (or a `delete` link) is the best signal that deletion is allowed.

use serde::{Deserialize, Serialize};

use crate::endpoints::normalize_href;
use crate::http::Method;
use crate::ids::last_segment;

/// One hypermedia link. `href` is kept as sent (it may be absolute `http://`); use
/// [`Link::path`] or `Endpoints::resolve_href` to follow it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub rel: String,
    /// Relative (`/v2/...`) in most answers, absolute `http://api.ctl.io/...` in some
    /// (v2-experimental networks and operations): both are kept and followed.
    pub href: String,
    #[serde(
        default,
        deserialize_with = "crate::de::opt_id_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verbs: Option<Vec<String>>,
}

impl Link {
    /// The verbs this link allows; absent `verbs` means `[GET]`. Unknown verbs are skipped.
    pub fn methods(&self) -> Vec<Method> {
        self.each_method().collect()
    }

    /// Whether [`Link::methods`] has `method`, without building the list (asked of every
    /// server of a scan).
    pub fn allows(&self, method: Method) -> bool {
        self.each_method().any(|m| m == method)
    }

    /// [`Link::methods`], one at a time.
    fn each_method(&self) -> impl Iterator<Item = Method> + '_ {
        let implied = self.verbs.is_none().then_some(Method::Get);
        let listed = self.verbs.iter().flatten();
        implied
            .into_iter()
            .chain(listed.filter_map(|v| Method::parse(v.trim())))
    }

    /// The href reduced to its path and query (see [`normalize_href`]).
    pub fn path(&self) -> String {
        normalize_href(&self.href)
    }

    /// The linked resource's id: `id` when given, else the href's last path segment.
    pub fn target_id(&self) -> Option<String> {
        self.id
            .clone()
            .filter(|id| !id.is_empty())
            .or_else(|| last_segment(&self.href).map(str::to_string))
    }

    pub fn is(&self, rel: &str) -> bool {
        self.rel.eq_ignore_ascii_case(rel)
    }
}

/// Lookups over an entity's `links`.
pub trait Links {
    /// The first link with this `rel` (case-insensitive).
    fn rel(&self, rel: &str) -> Option<&Link>;
    /// Every link with this `rel`, in order.
    fn rel_all<'a>(&'a self, rel: &'a str) -> impl Iterator<Item = &'a Link> + 'a;
    /// True when the `self` link allows `DELETE`, or a `delete` link exists (archived servers).
    fn allows_delete(&self) -> bool {
        self.rel("self").is_some_and(|l| l.allows(Method::Delete)) || self.rel("delete").is_some()
    }
}

impl Links for [Link] {
    fn rel(&self, rel: &str) -> Option<&Link> {
        self.iter().find(|l| l.is(rel))
    }

    fn rel_all<'a>(&'a self, rel: &'a str) -> impl Iterator<Item = &'a Link> + 'a {
        self.iter().filter(move |l| l.is(rel))
    }
}

impl Links for Vec<Link> {
    fn rel(&self, rel: &str) -> Option<&Link> {
        self.as_slice().rel(rel)
    }

    fn rel_all<'a>(&'a self, rel: &'a str) -> impl Iterator<Item = &'a Link> + 'a {
        self.as_slice().rel_all(rel)
    }
}
