//! [`Client`]: sends the [`crate::api`] requests through a [`Transport`] with the session's bearer
//! token, retries idempotent reads on its [`Clock`], and turns every answer into a model or one
//! [`Error`]. Typed reads live in `reads` and `paging` (destructive calls are `execute`d requests from
//! [`crate::api`]); body decoding in `decode`.

mod decode;
mod hold;
mod paging;
mod reads;

pub use decode::{decode_accepted, decode_json, decode_list, decode_records};

use std::cell::Cell;

use serde::de::DeserializeOwned;

use crate::clock::Clock;
use crate::endpoints::Endpoints;
use crate::error::classify::{classify, retry_after_ms, Endpoint};
use crate::error::Error;
use crate::http::{Request, Response, Transport};
use crate::jwt::BearerToken;
use crate::models::auth::LoginResponse;
use crate::models::queue::Accepted;
use crate::retry::{Prng, RetryPolicy};

/// A 2xx body not yet decoded, with the endpoint that answered it (for error messages).
#[derive(Clone, Debug)]
pub struct Body {
    endpoint: Endpoint,
    text: String,
}

/// Who the client acts as: the account alias of the login and its bearer token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub alias: String,
    pub token: BearerToken,
}

impl Session {
    pub fn new(alias: impl Into<String>, token: BearerToken) -> Session {
        Session {
            alias: alias.into(),
            token,
        }
    }

    pub fn from_login(login: &LoginResponse) -> Session {
        Session::new(login.account_alias.clone(), login.bearer_token.clone())
    }

    /// The token's `exp` in epoch milliseconds, when it is a readable JWT.
    pub fn expires_at_ms(&self) -> Option<u64> {
        self.token.expires_at_ms()
    }
}

/// The CLC API client. Not `Send` (it runs on the browser's single thread); cheap methods take
/// `&self`, so one client can serve concurrent futures.
///
/// Invariants: the token is sent only to URLs under the configured [`Endpoints`]; only GET (and
/// OPTIONS) requests are ever retried automatically; every 429 received is remembered (see
/// [`Client::rate_limited_until_ms`]).
pub struct Client<T: Transport, K: Clock> {
    endpoints: Endpoints,
    session: Option<Session>,
    transport: T,
    clock: K,
    retry: RetryPolicy,
    rng: Cell<Prng>,
    /// See [`Client::rate_limited_until_ms`].
    rate_limited_until: Cell<u64>,
}

impl<T: Transport, K: Clock> Client<T, K> {
    /// A client without a session (only [`Client::login`] works until one is set), with the
    /// default [`RetryPolicy`] and jitter seed 0.
    pub fn new(endpoints: Endpoints, transport: T, clock: K) -> Self {
        Client {
            endpoints,
            session: None,
            transport,
            clock,
            retry: RetryPolicy::default(),
            rng: Cell::new(Prng::new(0)),
            rate_limited_until: Cell::new(0),
        }
    }

    pub fn with_session(mut self, session: Session) -> Self {
        self.session = Some(session);
        self
    }

    pub fn with_retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Seeds the jitter PRNG (use a per-tab random value in the app, a constant in tests).
    pub fn with_jitter_seed(self, seed: u64) -> Self {
        self.rng.set(Prng::new(seed));
        self
    }

    pub fn set_session(&mut self, session: Option<Session>) {
        self.session = session;
    }

    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    pub fn transport(&self) -> &T {
        &self.transport
    }

    pub fn clock(&self) -> &K {
        &self.clock
    }

    pub fn retry_policy(&self) -> RetryPolicy {
        self.retry
    }

    /// Sends a request: adds `Authorization` (except for login), retries reads per the
    /// [`RetryPolicy`], and maps any non-2xx answer to an [`Error`]. Returns the 2xx response.
    pub async fn send(&self, request: Request) -> Result<Response, Error> {
        let path = self.endpoints.path_of(&request.url);
        if let Some(safe) = path.and_then(unsafe_path) {
            return Err(Error::UnsafePath {
                endpoint: format!("{} {safe}", request.method),
            });
        }
        let endpoint = Endpoint::new(request.method, path.unwrap_or(&request.url));
        let request = self.authorize(request, &endpoint)?;
        if !request.method.is_idempotent_read() {
            return self
                .attempt(&endpoint, request)
                .await
                .map_err(|(error, _)| {
                    self.note_rate_limit(&error, None);
                    error
                });
        }
        let started = self.clock.now_ms();
        let mut attempt = 1;
        loop {
            let (error, hint) = match self.attempt(&endpoint, request.clone()).await {
                Ok(response) => return Ok(response),
                Err(failure) => failure,
            };
            let delay = self.retry_delay(attempt, started, &error, hint);
            self.note_rate_limit(&error, delay);
            let Some(delay) = delay else {
                return Err(error);
            };
            self.clock.sleep(delay).await;
            attempt += 1;
        }
    }

    /// The wait before sending a read again after its `attempt`th try (begun at `started`)
    /// failed with `error`, or `None` to give up: not worth retrying, out of attempts, or the
    /// wait would end past the policy's total time.
    fn retry_delay(
        &self,
        attempt: u32,
        started: u64,
        error: &Error,
        hint: Option<u64>,
    ) -> Option<u64> {
        if attempt >= self.retry.max_attempts {
            return None;
        }
        let mut rng = self.rng.get();
        let delay = self.retry.delay_ms(attempt, error, hint, &mut rng);
        self.rng.set(rng);
        let delay = delay?;
        let elapsed = self.clock.now_ms().saturating_sub(started);
        (elapsed.saturating_add(delay) <= self.retry.max_elapsed_ms).then_some(delay)
    }

    /// Sends a GET (or any read) and decodes its JSON body as `R`.
    pub async fn get_json<R: DeserializeOwned>(&self, request: Request) -> Result<R, Error> {
        let body = self.get_body(request).await?;
        self.json_of(&body)
    }

    /// A body from [`Client::get_body`], decoded as [`Client::get_json`] decodes it: for a
    /// caller that reads first and decodes later (the scan issues its next reads before it
    /// decodes a large answer).
    pub fn json_of<R: DeserializeOwned>(&self, body: &Body) -> Result<R, Error> {
        decode_json(&body.endpoint, &body.text, false).map_err(|e| self.scrub(e))
    }

    /// A body from [`Client::get_body`], decoded as a group tree: in one pass when every record
    /// in it decodes ([`crate::models::Group::in_one_pass`]), else as [`Client::json_of`] decodes
    /// it, each server record on its own.
    pub fn group_of(&self, body: &Body) -> Result<crate::models::Group, Error> {
        match crate::models::Group::in_one_pass(&body.text) {
            Some(tree) => Ok(tree),
            None => self.json_of(body),
        }
    }

    /// Sends a GET of a list and decodes it item by item: a malformed record is reported in
    /// [`crate::Records::bad`] and costs only itself.
    pub async fn get_records<R: DeserializeOwned>(
        &self,
        request: Request,
    ) -> Result<crate::Records<R>, Error> {
        let body = self.get_body(request).await?;
        self.records_of(&body)
    }

    /// Sends a read and keeps its 2xx body undecoded, for a caller that reads many types:
    /// one awaited read, then [`Client::records_of`] or [`Client::list_of`] per type, instead
    /// of one awaited read (and its state machine in the wasm) per type.
    pub async fn get_body(&self, request: Request) -> Result<Body, Error> {
        let endpoint = self.endpoint_of(&request);
        let response = self.send(request).await?;
        Ok(Body {
            endpoint,
            text: response.body,
        })
    }

    /// A body from [`Client::get_body`], decoded item by item as by [`Client::get_records`].
    pub fn records_of<R: DeserializeOwned>(&self, body: &Body) -> Result<crate::Records<R>, Error> {
        decode_records(&body.endpoint, &body.text).map_err(|e| self.scrub(e))
    }

    /// A body from [`Client::get_body`], decoded as a whole list: bare or under `items`,
    /// `values` or `results`; one record that does not decode fails it, as [`decode_list`].
    /// Read item by item as [`Client::records_of`] reads it, so each model has one list
    /// decoder in the wasm, not two.
    pub fn list_of<R: DeserializeOwned>(&self, body: &Body) -> Result<Vec<R>, Error> {
        decode::decode_all_records(&body.endpoint, &body.text).map_err(|e| self.scrub(e))
    }

    /// Sends a destructive request once and reports what is left to track. Never retried.
    pub async fn execute(&self, request: Request) -> Result<Accepted, Error> {
        let endpoint = self.endpoint_of(&request);
        let response = self.send(request).await?;
        decode_accepted(&endpoint, &response.body).map_err(|e| self.scrub(e))
    }

    /// Follows a link returned by the API (`GET`), whatever its form, on the core base.
    pub async fn get_href<R: DeserializeOwned>(&self, href: &str) -> Result<R, Error> {
        self.get_json(crate::api::get_href(&self.endpoints, href))
            .await
    }

    fn endpoint_of(&self, request: &Request) -> Endpoint {
        Endpoint::new(
            request.method,
            self.endpoints.path_of(&request.url).unwrap_or(&request.url),
        )
    }

    fn authorize(&self, request: Request, endpoint: &Endpoint) -> Result<Request, Error> {
        if self.endpoints.path_of(&request.url).is_none() {
            return Err(Error::NotClcApi {
                endpoint: endpoint.to_string(),
            });
        }
        if endpoint.is_login() {
            return Ok(request);
        }
        match &self.session {
            Some(session) if !session.token.is_empty() => {
                Ok(request.header("Authorization", session.token.authorization()))
            }
            _ => Err(Error::TokenExpiredOrMissing),
        }
    }

    async fn attempt(
        &self,
        endpoint: &Endpoint,
        request: Request,
    ) -> Result<Response, (Error, Option<u64>)> {
        match self.transport.send(request).await {
            Err(crate::http::TransportError::Redirected) => Err((
                Error::Redirected {
                    endpoint: endpoint.to_string(),
                },
                None,
            )),
            Err(error) => Err((self.scrub(Error::from(error)), None)),
            Ok(response) => match classify(endpoint, &response) {
                None => Ok(response),
                Some(error) => Err((self.scrub(error), retry_after_ms(&response))),
            },
        }
    }

    pub(crate) fn scrub(&self, error: Error) -> Error {
        match &self.session {
            Some(session) => scrub_secret(error, session.token.expose()),
            None => error,
        }
    }
}

/// The part of `path` before its first unsafe segment, when it has one: a segment that is
/// empty (`//`; a final `/` is the API's own form of some paths), `.` or `..`, plain or
/// percent-encoded in any case (a browser's URL parser reads `%2e%2e` as `..`), so an id can
/// never make a request climb to its parent (`DELETE …/snapshots/..` is a delete of the
/// server). The builders write an empty or dot id as `..` (`api::segment`), so it is caught
/// here too. The query is not a path.
pub(crate) fn unsafe_path(path: &str) -> Option<String> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let segments: Vec<&str> = path.strip_prefix('/').unwrap_or(path).split('/').collect();
    let dot = |s: &str| {
        let s = s.to_ascii_lowercase().replace("%2e", ".");
        s == "." || s == ".."
    };
    let last = segments.len() - 1;
    let bad = segments
        .iter()
        .enumerate()
        .position(|(i, s)| (s.is_empty() && i != last) || dot(s))?;
    Some(format!("/{}/…", segments[..bad].join("/")))
}

/// Removes an exact secret from every text an error carries (belt and braces on top of the
/// pattern-based redaction in `error::redact`).
fn scrub_secret(error: Error, secret: &str) -> Error {
    if secret.len() < 8 {
        return error;
    }
    let clean = |s: String| s.replace(secret, "[redacted]");
    match error {
        Error::BadCredentials(m) => Error::BadCredentials(clean(m)),
        Error::Server { status, message } => Error::Server {
            status,
            message: clean(message),
        },
        Error::Network(m) => Error::Network(clean(m)),
        Error::Undecodable { endpoint, excerpt } => Error::Undecodable {
            endpoint,
            excerpt: clean(excerpt),
        },
        Error::Rejected { message } => Error::Rejected {
            message: clean(message),
        },
        other => other,
    }
}
