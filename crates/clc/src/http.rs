//! The HTTP seam: plain request and response values, and the one trait that moves them.
//!
//! These types are the contract between the client, the simulator (which answers a
//! [`Request`] with a [`Response`] without any I/O) and the browser's fetch.

use std::fmt;

/// The HTTP verbs the CLC API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Options,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
        }
    }

    /// Parses a verb in any case (`delete`, `DELETE`).
    pub fn parse(s: &str) -> Option<Method> {
        // Compared in place: a link's verbs are parsed for every server of a scan.
        [
            Method::Get,
            Method::Post,
            Method::Put,
            Method::Patch,
            Method::Delete,
            Method::Options,
        ]
        .into_iter()
        .find(|m| s.eq_ignore_ascii_case(m.as_str()))
    }

    /// Reads are safe to retry; everything else changes the account.
    pub fn is_idempotent_read(self) -> bool {
        matches!(self, Method::Get | Method::Options)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One HTTP request. `url` is either a path with query (`/v2/groups/acme/abc?serverDetail=detailed`),
/// resolved against the transport's base, or an absolute URL. Its `Debug` hides the
/// `Authorization` value and any secret in the body (a log line never carries them).
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    pub method: Method,
    pub url: String,
    /// Header names as sent; compare case-insensitively.
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

impl Request {
    pub fn new(method: Method, url: impl Into<String>) -> Self {
        Request {
            method,
            url: url.into(),
            headers: Vec::new(),
            body: None,
        }
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    pub fn body(mut self, body: impl Into<String>) -> Self {
        self.body = Some(body.into());
        self
    }

    /// The first header with this name, compared case-insensitively.
    pub fn header_value(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, String)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if name.eq_ignore_ascii_case("authorization") {
                    "[redacted]".to_string()
                } else {
                    crate::error::redact(value)
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body.as_deref().map(crate::error::redact))
            .finish()
    }
}

/// One HTTP response, body as text (the API speaks JSON; decoding happens in the client).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    pub fn header_value(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A request that got no HTTP answer at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// DNS, connection refused, offline, or a browser CORS refusal (fetch cannot tell these apart).
    #[error("network failure: {0}")]
    Network(String),
    /// No complete answer (headers and body) within `after_ms`; the request was abandoned.
    #[error("no answer within {after_ms} ms")]
    TimedOut { after_ms: u64 },
    /// The request was cancelled by the caller.
    #[error("request cancelled")]
    Cancelled,
    /// The answer was a redirect, which is never followed: it could carry the token to another
    /// host, or move a DELETE to another path.
    #[error("the answer was a redirect, which is not followed")]
    Redirected,
}

/// Moves a [`Request`] to the API and brings back its [`Response`]. Not `Send`: in the browser it
/// runs on the single JS thread.
#[allow(async_fn_in_trait)]
pub trait Transport {
    async fn send(&self, request: Request) -> Result<Response, TransportError>;
}

impl<T: Transport + ?Sized> Transport for &T {
    async fn send(&self, request: Request) -> Result<Response, TransportError> {
        (**self).send(request).await
    }
}

impl<T: Transport + ?Sized> Transport for std::rc::Rc<T> {
    async fn send(&self, request: Request) -> Result<Response, TransportError> {
        (**self).send(request).await
    }
}
