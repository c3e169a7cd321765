//! Building responses the way the service shaped them: JSON bodies with its headers, its error
//! bodies, and role-filtered links.

use clc::Response;
use serde_json::{json, Map, Value};

/// A handler's answer; `Err` is an early error response, so handlers can use `?`.
pub(crate) type Reply = Result<Response, Response>;

pub(crate) const EXPERIMENTAL_HOST: &str = "http://api.ctl.io";

pub(crate) fn json(status: u16, value: &Value) -> Response {
    raw_json(status, value.to_string())
}

pub(crate) fn raw_json(status: u16, body: String) -> Response {
    Response::new(status, body)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("Cache-Control", "no-cache")
        .header("Pragma", "no-cache")
        .header("Expires", "-1")
}

pub(crate) fn ok(value: &Value) -> Reply {
    Ok(json(200, value))
}

pub(crate) fn message(status: u16, text: &str) -> Response {
    json(status, &json!({ "message": text }))
}

pub(crate) fn no_content() -> Reply {
    Ok(Response::new(204, "").header("Cache-Control", "no-cache"))
}

pub(crate) fn not_found() -> Response {
    message(404, "The requested resource does not exist.")
}

/// 404 without a body, as recorded for an unknown server.
pub(crate) fn not_found_empty() -> Response {
    Response::new(404, "").header("Cache-Control", "no-cache")
}

pub(crate) fn bad_request(text: &str) -> Response {
    message(400, text)
}

pub(crate) fn unauthorized() -> Response {
    message(401, "Authorization has been denied for this request.")
}

pub(crate) fn forbidden(text: &str) -> Response {
    message(403, text)
}

pub(crate) fn server_error() -> Response {
    message(500, "An error has occurred.")
}

/// Who is asking: decides the alias in hrefs and which verbs links carry.
#[derive(Clone, Debug)]
pub(crate) struct View {
    /// Upper-case account alias.
    pub alias: String,
    /// Lower-case alias, as hrefs spell it.
    pub lc: String,
    pub writer: bool,
}

impl View {
    pub fn links(&self) -> Links<'_> {
        Links {
            view: self,
            items: Vec::new(),
        }
    }
}

/// Collects `links` entries, dropping verbs (and links) the caller's roles do not allow.
pub(crate) struct Links<'a> {
    view: &'a View,
    items: Vec<Value>,
}

impl Links<'_> {
    /// A link; empty `verbs` means GET only (no `verbs` field), as the service writes it.
    pub fn add(&mut self, rel: &str, href: String, verbs: &[&str]) -> &mut Self {
        self.full(rel, href, None, None, verbs)
    }

    pub fn with_id(&mut self, rel: &str, href: String, id: &str, verbs: &[&str]) -> &mut Self {
        self.full(rel, href, Some(id), None, verbs)
    }

    pub fn full(
        &mut self,
        rel: &str,
        href: String,
        id: Option<&str>,
        name: Option<&str>,
        verbs: &[&str],
    ) -> &mut Self {
        let allowed: Vec<&str> = verbs
            .iter()
            .copied()
            .filter(|v| self.view.writer || *v == "GET")
            .collect();
        if !verbs.is_empty() && allowed.is_empty() {
            return self;
        }
        let mut link = Map::new();
        link.insert("rel".into(), rel.into());
        link.insert("href".into(), href.into());
        if let Some(id) = id {
            link.insert("id".into(), id.into());
        }
        if let Some(name) = name {
            link.insert("name".into(), name.into());
        }
        if !verbs.is_empty() {
            link.insert("verbs".into(), allowed.into());
        }
        self.items.push(Value::Object(link));
        self
    }

    pub fn build(&mut self) -> Value {
        Value::Array(std::mem::take(&mut self.items))
    }
}

/// `{"rel":"status","href":"/v2/operations/{alias}/status/{id}","id":id}`
pub(crate) fn status_link(alias_lc: &str, id: &str) -> Value {
    json!({ "rel": "status", "href": format!("/v2/operations/{alias_lc}/status/{id}"), "id": id })
}

/// Money as the RDBS service writes it: `"$12.34"`.
pub(crate) fn dollars(amount: f64) -> String {
    format!("${:.2}", cents(amount))
}

/// Rounds a charge for display.
pub(crate) fn cents(amount: f64) -> f64 {
    // `+ 0.0` turns the -0.0 of an empty sum into 0.0.
    (amount * 100.0).round() / 100.0 + 0.0
}

/// Rounds an hourly rate the way the service shows `currentHour`.
pub(crate) fn rate(amount: f64) -> f64 {
    (amount * 100_000.0).round() / 100_000.0
}
