//! The log of changing requests behind `GET /_sim/log`: every API request other than a read
//! (GET, OPTIONS) that [`Sim::handle`] answered, refused ones included, with its virtual time,
//! verb, path and status. The state dump cannot show a DELETE sent twice (a second DELETE of a
//! queued item is answered with the same operation), so a test that must prove "never twice"
//! reads this instead. Headers and bodies are never kept: they carry tokens and passwords.

use clc::{Method, Request};
use serde::{Deserialize, Serialize};

use crate::Sim;

/// One changing request as the simulator received and answered it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedRequest {
    /// Virtual time (ms) at which it was answered.
    pub at_ms: u64,
    /// `DELETE`, `POST`, `PUT` or `PATCH`.
    pub method: String,
    /// The request URL as received, without its query string or fragment (an absolute URL in
    /// proxy form stays absolute; case and percent-encoding are kept).
    pub path: String,
    /// The status the simulator answered with, after any injected fault.
    pub status: u16,
}

impl Sim {
    /// Every changing API request answered since the last (re)build, oldest first.
    pub fn request_log(&self) -> &[LoggedRequest] {
        &self.request_log
    }

    pub(crate) fn log_request(&mut self, request: &Request, at_ms: u64, status: u16) {
        if matches!(request.method, Method::Get | Method::Options) {
            return;
        }
        let path = request.url.trim();
        let path = path.split(['?', '#']).next().unwrap_or("");
        self.request_log.push(LoggedRequest {
            at_ms,
            method: request.method.as_str().to_string(),
            path: path.to_string(),
            status,
        });
    }
}
